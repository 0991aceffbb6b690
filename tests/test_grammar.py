"""Grammar rules on hand-built parses: no spaCy model needed."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES, code, parse

from coder import dictionaries as dicts
from coder.articles import Article
from coder.pipeline import Coder

IRAN_CONDEMNED_ISRAEL = """
Iran Iran PROPN NNP nsubj 1
condemned condemn VERB VBD ROOT 1
Israel Israel PROPN NNP dobj 1
. . PUNCT . punct 1
"""


def test_subject_is_source_and_object_is_target(test_coder, vocab):
    assert code(test_coder, vocab, IRAN_CONDEMNED_ISRAEL) == [("2005-11-22", "IRN", "111", "ISR")]


def test_passive_voice_swaps_roles(test_coder, vocab):
    spec = """
    Iraq Iraq PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    attacked attack VERB VBN ROOT 2
    by by ADP IN agent 2
    Iran Iran PROPN NNP pobj 3
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "190", "IRQ")]


def test_passive_without_agent_has_no_source(test_coder, vocab):
    spec = """
    Iraq Iraq PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    attacked attack VERB VBN ROOT 2
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == []


def test_coordinated_subjects_give_one_event_each(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 3
    and and CCONJ CC cc 0
    Syria Syria PROPN NNP conj 0
    condemned condemn VERB VBD ROOT 3
    Israel Israel PROPN NNP dobj 3
    . . PUNCT . punct 3
    """
    assert code(test_coder, vocab, spec) == [
        ("2005-11-22", "IRN", "111", "ISR"),
        ("2005-11-22", "SYR", "111", "ISR"),
    ]


def test_coordinated_verbs_share_the_subject(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    and and CCONJ CC cc 1
    accused accuse VERB VBD conj 1
    Syria Syria PROPN NNP dobj 4
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [
        ("2005-11-22", "IRN", "111", "ISR"),
        ("2005-11-22", "IRN", "112", "SYR"),
    ]


RELATIVE = """
Talabani Talabani PROPN NNP nsubj 8
, , PUNCT , punct 0
who who PRON WP nsubj 3
met meet VERB VBD relcl 0
Ahmadinejad Ahmadinejad PROPN NNP dobj 3
on on ADP IN prep 3
Monday Monday PROPN NNP pobj 5
, , PUNCT , punct 0
accused accuse VERB VBD ROOT 8
Israel Israel PROPN NNP dobj 8
. . PUNCT . punct 8
"""


def test_relative_clause_is_coded_and_dated_by_its_own_day(test_coder, vocab):
    # 2005-11-22 is a Tuesday: "on Monday" is the day before; the main clause has no day.
    assert code(test_coder, vocab, RELATIVE) == [
        ("2005-11-21", "IRQGOV", "040", "IRNGOV"),
        ("2005-11-22", "IRQGOV", "112", "ISR"),
    ]


def test_people_are_coded_only_within_their_dated_roles(test_coder, vocab):
    # Talabani is IRQGOV 2005-04-07..2014-07-24, Ahmadinejad IRNGOV 2005-08-03..2013-08-03.
    assert code(test_coder, vocab, RELATIVE, date="2005-06-01") == [
        ("2005-06-01", "IRQGOV", "112", "ISR")]
    assert code(test_coder, vocab, RELATIVE, date="2015-01-01") == []


def test_reported_speech_codes_the_reported_event_only(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    Syria Syria PROPN NNP nsubj 3
    accused accuse VERB VBD ccomp 1
    Israel Israel PROPN NNP dobj 3
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "SYR", "112", "ISR")]


def test_speech_verb_keeps_its_event_when_nothing_inside_is_coded(test_coder, vocab):
    spec = """
    Syria Syria PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    to to ADP IN prep 1
    Iraq Iraq PROPN NNP pobj 2
    it it PRON PRP nsubj 5
    was be AUX VBD ccomp 1
    ready ready ADJ JJ acomp 5
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "SYR", "010", "IRQ")]


def test_negated_verb_is_dropped(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 3
    did do AUX VBD aux 3
    not not PART RB neg 3
    meet meet VERB VB ROOT 3
    Iraq Iraq PROPN NNP dobj 3
    . . PUNCT . punct 3
    """
    assert code(test_coder, vocab, spec) == []


def test_future_is_intent_dated_with_the_article(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 2
    will will AUX MD aux 2
    meet meet VERB VB ROOT 2
    Iraq Iraq PROPN NNP dobj 2
    on on ADP IN prep 2
    Wednesday Wednesday PROPN NNP pobj 4
    . . PUNCT . punct 2
    """
    # rules/modality.yaml: future 04 -> 036; a planned day does not date the event
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "036", "IRQ")]


def test_should_is_not_an_event(test_coder, vocab):
    spec = """
    U.S. U.S. PROPN NNP compound 1
    forces force NOUN NNS nsubj 3
    should should AUX MD aux 3
    attack attack VERB VB ROOT 3
    Iran Iran PROPN NNP dobj 3
    . . PUNCT . punct 3
    """
    assert code(test_coder, vocab, spec) == []
    without_modal = spec.replace("should should AUX MD aux 3", "did do AUX VBD aux 3")
    assert code(test_coder, vocab, without_modal) == [("2005-11-22", "USAMIL", "190", "IRN")]


def test_a_day_inside_a_noun_phrase_does_not_date_the_event(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    accused accuse VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    of of ADP IN prep 1
    Saturday Saturday PROPN NNP poss 6
    's 's PART POS case 4
    attack attack NOUN NN pobj 3
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "112", "ISR")]


def test_pattern_with_object_and_preposition_target(test_coder, vocab):
    spec = """
    On on ADP IN prep 4
    Monday Monday PROPN NNP pobj 0
    , , PUNCT , punct 4
    Talabani Talabani PROPN NNP nsubj 4
    held hold VERB VBD ROOT 4
    talks talk NOUN NNS dobj 4
    with with ADP IN prep 4
    Ahmadinejad Ahmadinejad PROPN NNP pobj 6
    . . PUNCT . punct 4
    """
    assert code(test_coder, vocab, spec) == [("2005-11-21", "IRQGOV", "040", "IRNGOV")]
    no_talks = spec.replace("talks talk NOUN NNS", "rally rally NOUN NN")
    assert code(test_coder, vocab, no_talks) == []  # "hold" alone has no code


URGE = """
Iran Iran PROPN NNP poss 3
's 's PART POS case 0
supreme supreme ADJ JJ amod 3
leader leader NOUN NN nsubj 4
urged urge VERB VBD ROOT 4
the the DET DT det 7
Iraqi iraqi ADJ JJ amod 7
president president NOUN NN dobj 4
to to PART TO aux 9
seek seek VERB VB xcomp 4
the the DET DT det 11
withdrawal withdrawal NOUN NN dobj 9
. . PUNCT . punct 4
"""


def test_agents_combine_with_countries_and_words_refine_the_code(test_coder, vocab):
    assert code(test_coder, vocab, URGE) == [("2005-11-22", "IRNGOV", "0256", "IRQGOV")]
    plain = URGE.replace("withdrawal withdrawal NOUN", "solution solution NOUN")
    assert code(test_coder, vocab, plain) == [("2005-11-22", "IRNGOV", "020", "IRQGOV")]


KHAMENEI = """
Iran Iran PROPN NNP poss 3
's 's PART POS case 0
supreme supreme ADJ JJ amod 3
leader leader NOUN NN compound 5
Ali Ali PROPN NNP compound 5
Khamenei Khamenei PROPN NNP nsubj 6
condemned condemn VERB VBD ROOT 6
Israel Israel PROPN NNP dobj 6
. . PUNCT . punct 6
"""


def test_article_memory_learns_names(test_coder, vocab):
    later = """
    Khamenei Khamenei PROPN NNP nsubj 1
    accused accuse VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, KHAMENEI, more=[later]) == [
        ("2005-11-22", "IRNGOV", "111", "ISR"),
        ("2005-11-22", "IRNGOV", "112", "SYR"),
    ]
    # without the first sentence nobody has taught the coder who Khamenei is
    assert code(test_coder, vocab, later) == []


def test_pronoun_subject_resolves_to_the_latest_person(test_coder, vocab):
    later = """
    He he PRON PRP nsubj 1
    accused accuse VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, KHAMENEI, more=[later])[-1] == (
        "2005-11-22", "IRNGOV", "112", "SYR")


def test_the_two_countries_are_the_last_two_named(test_coder, vocab):
    first = """
    Iran Iran PROPN NNP nsubj 1
    accused accuse VERB VBD ROOT 1
    Iraq Iraq PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    later = """
    The the DET DT det 2
    two two NUM CD nummod 2
    countries country NOUN NNS nsubj 3
    met meet VERB VBD ROOT 3
    . . PUNCT . punct 3
    """
    assert code(test_coder, vocab, first, more=[later]) == [
        ("2005-11-22", "IRN", "112", "IRQ"),
        ("2005-11-22", "IRN", "040", "IRQ"),
        ("2005-11-22", "IRQ", "040", "IRN"),
    ]


def test_title_is_sentence_zero_and_repeats_are_counted(test_coder, vocab):
    art = Article("t", "x", dt.date(2005, 11, 22))
    doc = parse(vocab, IRAN_CONDEMNED_ISRAEL)
    docs = [(True, doc), (False, doc)]
    result = test_coder.code_parsed(art, docs)
    assert [(e.sentence_id, e.mentions) for e in result.events] == [(0, 2)]
    assert result.sentences == 2
    ev = result.events[0]
    assert (ev.event_id, ev.root_code, ev.quad_class, ev.goldstein) == ("t-1", "11", 3, -2.0)
    assert (ev.source_country, ev.source_role, ev.pattern_id, ev.verb_text) == (
        "IRN", "", "condemn", "condemned")


def test_issue_tags_come_from_the_sentence(test_coder, vocab):
    from coder.pipeline import IssueTagger

    tagger = IssueTagger(test_coder.dictionaries)
    assert tagger.tags("Iran condemned the nuclear deal and oil sanctions.") == (
        "ENERGY_OIL;NUCLEAR")
    assert tagger.tags("Iran condemned Israel.") == ""
    assert tagger.tags("Talks on nuclearization.") == ""  # whole words only


def test_reported_attacks_become_accusations_or_claims(test_coder, vocab):
    claimed = """
    Iran Iran PROPN NNP nsubj 1
    claimed claim VERB VBD ROOT 1
    Israel Israel PROPN NNP nsubj 3
    attacked attack VERB VBD ccomp 1
    Syria Syria PROPN NNP dobj 3
    . . PUNCT . punct 1
    """
    # rules/transformations.yaml: accuse-of-attack
    assert code(test_coder, vocab, claimed) == [("2005-11-22", "IRN", "112", "ISR")]
    own = """
    Iran Iran PROPN NNP nsubj 1
    claimed claim VERB VBD ROOT 1
    it it PRON PRP nsubj 3
    attacked attack VERB VBD ccomp 1
    Syria Syria PROPN NNP dobj 3
    . . PUNCT . punct 1
    """
    # claim-own-attack: Iran claims it attacked Syria -> claims responsibility (015)
    assert code(test_coder, vocab, own) == [("2005-11-22", "IRN", "015", "SYR")]
    attribution = """
    Israel Israel PROPN NNP nsubj 1
    attacked attack VERB VBD ccomp 4
    Syria Syria PROPN NNP dobj 1
    , , PUNCT , punct 4
    Iran Iran PROPN NNP nsubj 5
    claimed claim VERB VBD ROOT 5
    . . PUNCT . punct 5
    """
    # "Israel attacked Syria, Iran claimed": a reporter after the report is attribution
    assert code(test_coder, vocab, attribution) == [("2005-11-22", "ISR", "190", "SYR")]


def test_refusal_family_codes_the_refused_action(test_coder, vocab):
    """rules/modality.yaml 'refusal': "Iran refused on Monday to release Iraq" -> 1243,
    dated by the refusal, and the head's own default event (120) gives way."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    refused refuse VERB VBD ROOT 1
    on on ADP IN prep 1
    Monday Monday PROPN NNP pobj 2
    to to PART TO aux 5
    release release VERB VB xcomp 1
    Iraq Iraq PROPN NNP dobj 5
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-21", "IRN", "1243", "IRQ")]


def test_appeal_family_targets_the_urged_actor(test_coder, vocab):
    """"Iran urged Israel to withdraw from Iraq": the appeal is to Israel (0256)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    urged urge VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    to to PART TO aux 4
    withdraw withdraw VERB VB xcomp 1
    from from ADP IN prep 4
    Iraq Iraq PROPN NNP pobj 5
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "0256", "ISR")]


def test_obligation_in_speech_is_a_demand_and_negated_head_gives_none(test_coder, vocab):
    said_must = """
    Iran Iran PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    Israel Israel PROPN NNP nsubj 4
    must must AUX MD aux 4
    release release VERB VB ccomp 1
    Iraq Iraq PROPN NNP dobj 4
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, said_must) == [("2005-11-22", "IRN", "1053", "ISR")]
    must_alone = """
    Israel Israel PROPN NNP nsubj 2
    must must AUX MD aux 2
    release release VERB VB ROOT 2
    Iraq Iraq PROPN NNP dobj 2
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, must_alone) == []
    not_refused = """
    Iran Iran PROPN NNP nsubj 3
    did do AUX VBD aux 3
    not not PART RB neg 3
    refuse refuse VERB VB ROOT 3
    to to PART TO aux 5
    release release VERB VB xcomp 3
    Iraq Iraq PROPN NNP dobj 5
    . . PUNCT . punct 3
    """
    assert ("2005-11-22", "IRN", "1243", "IRQ") not in code(test_coder, vocab, not_refused)


def test_swap_pattern_makes_the_giver_the_source(test_coder, vocab):
    """"Iraq received aid from Iran": the aid is Iran's act (070 IRN -> IRQ)."""
    spec = """
    Iraq Iraq PROPN NNP nsubj 1
    received receive VERB VBD ROOT 1
    aid aid NOUN NN dobj 1
    from from ADP IN prep 1
    Iran Iran PROPN NNP pobj 3
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "070", "IRQ")]


def test_preposition_parsed_as_particle_still_matches(test_coder, vocab):
    """"Iran clashed over Iraq's efforts": the parser may attach 'over' as a particle."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    clashed clash VERB VBD ROOT 1
    over over ADP RP prt 1
    Iraq Iraq PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "110", "IRQ")]


def test_target_from_a_reported_clause_gives_way_to_the_clause_event(test_coder, vocab):
    """A target found as a reported clause's subject behaves like speech: kept only when
    nothing in the clause is coded, and the clause's verbs are still coded."""
    plain = """
    Iran Iran PROPN NNP nsubj 1
    conceded concede VERB VBD ROOT 1
    that that SCONJ IN mark 4
    Iraq Iraq PROPN NNP nsubj 4
    was be AUX VBD ccomp 1
    right right ADJ JJ acomp 4
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, plain) == [("2005-11-22", "IRN", "080", "IRQ")]
    nested = """
    Iran Iran PROPN NNP nsubj 1
    conceded concede VERB VBD ROOT 1
    that that SCONJ IN mark 4
    Iraq Iraq PROPN NNP nsubj 4
    attacked attack VERB VBD ccomp 1
    Israel Israel PROPN NNP dobj 4
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, nested) == [("2005-11-22", "IRQ", "190", "ISR")]


def test_raised_passive_subject_is_the_complements_source(test_coder, vocab):
    """"Iran was seen to attack Iraq": 'seen' has no entry; Iran attacked."""
    spec = """
    Iran Iran PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    seen see VERB VBN ROOT 2
    to to PART TO aux 4
    attack attack VERB VB xcomp 2
    Iraq Iraq PROPN NNP dobj 4
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "190", "IRQ")]


def test_clause_under_the_object_gives_the_target(test_coder, vocab):
    """"Iran voiced hopes that Iraq could be drawn in": the hoped-for actor is Iraq."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    voiced voice VERB VBD ROOT 1
    hopes hope NOUN NNS dobj 1
    that that SCONJ IN mark 7
    Iraq Iraq PROPN NNP nsubjpass 7
    could could AUX MD aux 7
    be be AUX VB auxpass 7
    drawn draw VERB VBN acl 2
    in in ADP RP prt 7
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "013", "IRQ")]


def test_lists_hung_as_apposition_or_modifier_are_all_sources(test_coder, vocab):
    """Parsers hang list members oddly: "Iran, the awful Iraq, and Syria condemned Israel"."""
    spec = """
    Iran Iran PROPN NNP nsubj 8
    , , PUNCT , punct 0
    the the DET DT det 4
    awful awful ADJ JJ amod 4
    Iraq Iraq PROPN NNP appos 0
    , , PUNCT , punct 0
    and and CCONJ CC cc 0
    Syria Syria PROPN NNP conj 0
    condemned condemn VERB VBD ROOT 8
    Israel Israel PROPN NNP dobj 8
    . . PUNCT . punct 8
    """
    assert sorted(code(test_coder, vocab, spec)) == [
        ("2005-11-22", "IRN", "111", "ISR"), ("2005-11-22", "IRQ", "111", "ISR"),
        ("2005-11-22", "SYR", "111", "ISR")]


def test_negated_future_act_is_a_refusal(test_coder, vocab):
    """rules/negation.yaml 'future: refusal': "Iran will not release Iraq" -> 1243."""
    spec = """
    Iran Iran PROPN NNP nsubj 3
    will will AUX MD aux 3
    not not PART RB neg 3
    release release VERB VB ROOT 3
    Iraq Iraq PROPN NNP dobj 3
    . . PUNCT . punct 3
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "1243", "IRQ")]


def test_agentless_passive_takes_the_owner_of_the_attack(test_coder, vocab):
    """"Iraq was attacked in Iranian shelling": Iran did it."""
    spec = """
    Iraq Iraq PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    attacked attack VERB VBN ROOT 2
    in in ADP IN prep 2
    Iranian Iranian ADJ JJ amod 5
    shelling shelling NOUN NN pobj 3
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "190", "IRQ")]


def test_armed_group_members_keep_the_groups_code(test_coder, vocab):
    """"Hezbollah fighters attacked Israel": LBNREBHEZ, not LBNREBHEZREB; "UN troops"
    still compose (IGOUNOMIL)."""
    spec = """
    Hezbollah Hezbollah PROPN NNP compound 1
    fighters fighter NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    UN UN PROPN NNP compound 4
    troops troops NOUN NNS dobj 2
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "LBNREBHEZ", "190", "IGOUNOMIL")]


def test_protesters_without_a_country_take_the_place_of_the_protest(test_coder, vocab):
    spec = """
    Troops troops NOUN NNS nsubj 1
    demonstrated demonstrate VERB VBD ROOT 1
    in in ADP IN prep 1
    Baghdad Baghdad PROPN NNP pobj 2
    . . PUNCT . punct 1
    """
    # rules/context.yaml place_target_roots: a protest is aimed at where it happens
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQMIL", "141", "IRQ")]


def test_means_and_purpose_clauses_share_the_subject_only_when_no_one_else_is_named(
        test_coder, vocab):
    """"Iran responded by attacking Iraq": Iran attacks. "Iran jailed X for attacking
    Iraq": not Iran's attack."""
    by = """
    Iran Iran PROPN NNP nsubj 1
    responded respond VERB VBD ROOT 1
    by by ADP IN prep 1
    attacking attack VERB VBG pcomp 2
    Iraq Iraq PROPN NNP dobj 3
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, by) == [("2005-11-22", "IRN", "190", "IRQ")]
    jailed = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    for for ADP IN prep 1
    attacking attack VERB VBG pcomp 3
    Iraq Iraq PROPN NNP dobj 4
    . . PUNCT . punct 1
    """
    assert ("2005-11-22", "IRN", "190", "IRQ") not in code(test_coder, vocab, jailed)


def test_arrests_take_the_country_of_the_place(test_coder, vocab):
    """"Fighters detained troops in Baghdad": both sides without a country are in Iraq."""
    spec = """
    Fighters fighter NOUN NNS nsubj 1
    detained detain VERB VBD ROOT 1
    troops troops NOUN NNS dobj 1
    in in ADP IN prep 2
    Baghdad Baghdad PROPN NNP pobj 3
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQREB", "173", "IRQMIL")]


def test_quantities_resolve_to_the_people_counted(test_coder, vocab):
    """"Dozens of Iraqi troops attacked Israel": the troops (IRQMIL) are the source."""
    spec = """
    Dozens dozen NOUN NNS nsubj 4
    of of ADP IN prep 0
    Iraqi Iraqi ADJ JJ amod 3
    troops troops NOUN NNS pobj 1
    attacked attack VERB VBD ROOT 4
    Israel Israel PROPN NNP dobj 4
    . . PUNCT . punct 4
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQMIL", "190", "ISR")]


def test_wanting_another_actor_to_act_is_an_appeal(test_coder, vocab):
    """"Iran wants Iraq to release Syria": IRN 0253 IRQ (rules/modality.yaml)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    wants want VERB VBZ ROOT 1
    Iraq Iraq PROPN NNP nsubj 4
    to to PART TO aux 4
    release release VERB VB ccomp 1
    Syria Syria PROPN NNP dobj 4
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "0253", "IRQ")]


def test_a_verb_the_lemmatizer_got_wrong_is_found_by_its_form(test_coder, vocab):
    """spaCy lemmatizes "staged" as "stag"; the entry is still found by its form."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    attacked stag VERB VBD ROOT 1
    Iraq Iraq PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "190", "IRQ")]


def test_it_can_be_a_singular_institution(test_coder, vocab):
    """"The Iraqi army said it attacked Iran": 'it' is the army (IRQMIL)."""
    spec = """
    The the DET DT det 2
    Iraqi Iraqi ADJ JJ amod 2
    army army NOUN NN nsubj 3
    said say VERB VBD ROOT 3
    it it PRON PRP nsubj 5
    attacked attack VERB VBD ccomp 3
    Iran Iran PROPN NNP dobj 5
    . . PUNCT . punct 3
    """
    assert ("2005-11-22", "IRQMIL", "190", "IRN") in code(test_coder, vocab, spec)


def test_they_after_a_coordinated_subject_is_both(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 3
    and and CCONJ CC cc 0
    Syria Syria PROPN NNP conj 0
    said say VERB VBD ROOT 3
    they they PRON PRP nsubj 5
    attacked attack VERB VBD ccomp 3
    Israel Israel PROPN NNP dobj 5
    . . PUNCT . punct 3
    """
    assert sorted(code(test_coder, vocab, spec)) == [
        ("2005-11-22", "IRN", "190", "ISR"), ("2005-11-22", "SYR", "190", "ISR")]


IRAN_REFUSED = """
Iran Iran PROPN NNP nsubj 1
refused refuse VERB VBD ROOT 1
. . PUNCT . punct 1
"""


def test_an_act_without_a_target_is_coded_with_an_empty_target(test_coder, vocab):
    """rules/targets.yaml (keep: true): "Iran refused." is IRN 120 with no target."""
    assert code(test_coder, vocab, IRAN_REFUSED) == [("2005-11-22", "IRN", "120", "")]


def test_untargeted_events_follow_the_targets_rule(vocab, tmp_path):
    """With `keep: false` (what the PETRARCH import writes) the same sentence codes nothing."""
    coder = _with_rules(tmp_path, "targets:\n  keep: false\n")
    assert coder.dictionaries.targets.keep is False
    assert code(coder, vocab, IRAN_REFUSED) == []


def test_no_untargeted_statements_and_none_inside_what_was_said(test_coder, vocab):
    """"Iraq said Iran refused": no addressee for 'said', and the refusal, inside what
    was said and without a target, is not an event of its own."""
    spec = """
    Iraq Iraq PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    Iran Iran PROPN NNP nsubj 3
    refused refuse VERB VBD ccomp 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == []


def test_an_entry_can_forbid_untargeted_events(test_coder, vocab):
    """`target_optional: false`: "Iran welcomed the summit" is no hosting (043)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    welcomed welcome VERB VBD ROOT 1
    the the DET DT det 3
    summit summit NOUN NN dobj 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == []


def test_a_condition_is_no_event_and_a_conditional_attack_is_a_threat(test_coder, vocab):
    """"Iran will attack Iraq if Israel attacks Iran": IRN 138 IRQ, dated with the
    article; the attack in the if-clause is hypothetical."""
    spec = """
    Iran Iran PROPN NNP nsubj 2
    will will AUX MD aux 2
    attack attack VERB VB ROOT 2
    Iraq Iraq PROPN NNP dobj 2
    if if SCONJ IN mark 6
    Israel Israel PROPN NNP nsubj 6
    attacks attack VERB VBZ advcl 2
    Iran Iran PROPN NNP dobj 6
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "138", "IRQ")]


def test_a_pattern_object_is_found_through_part_of(test_coder, vocab):
    """"Iran suspended part of its military aid to Iraq": the object is the aid (1622)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    suspended suspend VERB VBD ROOT 1
    part part NOUN NN dobj 1
    of of ADP IN prep 2
    its its PRON PRP$ poss 6
    military military ADJ JJ amod 6
    aid aid NOUN NN pobj 3
    to to ADP IN prep 6
    Iraq Iraq PROPN NNP pobj 7
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "1622", "IRQ")]


def test_engaged_in_names_the_doer(test_coder, vocab):
    """"Iran was engaged in fighting with Iraq": a state, Iran is the one fighting."""
    spec = """
    Iran Iran PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    engaged engage VERB VBN ROOT 2
    in in ADP IN prep 2
    fighting fighting NOUN NN pobj 3
    with with ADP IN prep 4
    Iraq Iraq PROPN NNP pobj 5
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "190", "IRQ")]


def test_an_agentless_passive_takes_the_attacker_named_in_the_attack_phrase(test_coder, vocab):
    """"Iraq was attacked in a raid on a post by Iran": the raid's by-phrase is the doer."""
    spec = """
    Iraq Iraq PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    attacked attack VERB VBN ROOT 2
    in in ADP IN prep 2
    a a DET DT det 5
    raid raid NOUN NN pobj 3
    on on ADP IN prep 5
    a a DET DT det 8
    post post NOUN NN pobj 6
    by by ADP IN prep 8
    Iran Iran PROPN NNP pobj 9
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "190", "IRQ")]


def _with_rules(tmp_path, text: str):
    """The test coder with one more rules file."""
    from conftest import FIXTURES

    from coder import dictionaries as dicts
    from coder.pipeline import Coder

    (tmp_path / "extra.yaml").write_text(text, encoding="utf-8")
    return Coder(loaded=dicts.load(
        [dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts", tmp_path],
        dicts.SHIPPED_RULES))


SUSPENDED_TALKS_AND_AID = """
Iran Iran PROPN NNP nsubj 1
suspended suspend VERB VBD ROOT 1
talks talk NOUN NNS dobj 1
and and CCONJ CC cc 2
military military ADJ JJ amod 5
aid aid NOUN NN conj 2
to to ADP IN prep 1
Iraq Iraq PROPN NNP pobj 6
. . PUNCT . punct 1
"""
WORD_PATTERNS = """
verbs:
  - verb: suspend
    patterns:
      - {id: suspend.aid-word, words: [aid], code: "162", target: ["prep:to"]}
      - {id: suspend.talks-word, words: [talks], code: "164", target: ["prep:to"]}
"""


def test_the_first_listed_pattern_wins_by_default(vocab, tmp_path):
    coder = _with_rules(tmp_path, WORD_PATTERNS)
    assert code(coder, vocab, SUSPENDED_TALKS_AND_AID) == [("2005-11-22", "IRN", "162", "IRQ")]


def test_with_nearest_matching_the_nearest_words_win(vocab, tmp_path):
    """rules `matching: nearest` (PETRARCH's reading): 'talks' comes before 'aid'."""
    coder = _with_rules(tmp_path, WORD_PATTERNS + "matching:\n  patterns: nearest\n")
    assert code(coder, vocab, SUSPENDED_TALKS_AND_AID) == [("2005-11-22", "IRN", "164", "IRQ")]


def test_mutual_targets_pair_a_coordinated_subject(vocab, tmp_path):
    """`targets: mutual` (PETRARCH): "Iran, Iraq and Syria clashed" is each against the
    others; without it a verb not marked reciprocal has no target."""
    spec = """
    Iran Iran PROPN NNP nsubj 5
    , , PUNCT , punct 0
    Iraq Iraq PROPN NNP conj 0
    and and CCONJ CC cc 2
    Syria Syria PROPN NNP conj 2
    attacked attack VERB VBD ROOT 5
    . . PUNCT . punct 5
    """
    plain = _with_rules(tmp_path, "targets:\n  keep: false\n")
    assert code(plain, vocab, spec) == []
    mutual = _with_rules(tmp_path, "targets:\n  keep: false\n  mutual: true\n")
    assert sorted(e[1:] for e in code(mutual, vocab, spec)) == [
        ("IRN", "190", "IRQ"), ("IRN", "190", "SYR"), ("IRQ", "190", "IRN"),
        ("IRQ", "190", "SYR"), ("SYR", "190", "IRN"), ("SYR", "190", "IRQ")]
    said = """
    Iran Iran PROPN NNP nsubj 3
    and and CCONJ CC cc 0
    Iraq Iraq PROPN NNP conj 0
    attacked attack VERB VBD ROOT 3
    that that SCONJ IN mark 6
    they they PRON PRP nsubj 6
    fled flee VERB VBD ccomp 3
    . . PUNCT . punct 3
    """
    # a verb with a clause of its own is not mutual: what they did is in the clause
    assert code(mutual, vocab, said) == []


def test_a_first_name_parsed_as_a_preposition_still_names_the_actor(test_coder, vocab):
    """The small model sometimes tags a first name as ADP with the surname as its
    object ("Jalal" IN, "Talabani" pobj); the name matched as a whole still speaks for
    the subject, and so does what is coordinated with it."""
    spec = """
    Jalal Jalal ADP IN nsubj 4
    Talabani Talabani PROPN NNP pobj 0
    and and CCONJ CC cc 1
    Iran Iran PROPN NNP conj 1
    condemned condemn VERB VBD ROOT 4
    Israel Israel PROPN NNP dobj 4
    . . PUNCT . punct 4
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQGOV", "111", "ISR"),
                                             ("2005-11-22", "IRN", "111", "ISR")]


def test_a_passive_head_lends_its_raised_subject_to_the_family_event(test_coder, vocab):
    """"Iran was urged to withdraw from Iraq" has no appealer; "Iran is set to refuse
    ..." style heads: the raised subject of a passive head is the complement's doer."""
    spec = """
    Iran Iran PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    scheduled schedule VERB VBN ROOT 2
    to to PART TO aux 4
    visit visit VERB VB xcomp 2
    Iraq Iraq PROPN NNP dobj 4
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "036", "IRQ")]


def test_in_the_passive_the_subject_holds_the_pattern_words_and_the_target(vocab, tmp_path):
    """"Evidence against Iraq was presented by Iran": 'evidence' is the object the
    pattern names, Iraq the target, Iran (the agent) the source."""
    coder = _with_rules(tmp_path, """
verbs:
  - verb: present
    patterns:
      - {id: present.evidence, words: [evidence], code: "1124", target: [any]}
""")
    spec = """
    Evidence evidence NOUN NN nsubjpass 4
    against against ADP IN prep 0
    Iraq Iraq PROPN NNP pobj 1
    was be AUX VBD auxpass 4
    presented present VERB VBN ROOT 4
    by by ADP IN agent 4
    Iran Iran PROPN NNP pobj 5
    . . PUNCT . punct 4
    """
    assert code(coder, vocab, spec) == [("2005-11-22", "IRN", "1124", "IRQ")]


def test_victims_with_no_country_take_the_country_where_it_happened(test_coder, vocab):
    """"Iranian troops attacked civilians in Iraq": the civilians are IRQCVL."""
    spec = """
    Iranian Iranian ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    civilians civilian NOUN NNS dobj 2
    in in ADP IN prep 2
    Iraq Iraq PROPN NNP pobj 4
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRNMIL", "190", "IRQCVL")]


def test_a_clause_before_its_attribution_is_the_news(test_coder, vocab):
    """"Iran refused, Iraq said": the attribution names the source of the news; the
    refusal is coded even with no target (it is not embedded speech)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    refused refuse VERB VBD ccomp 4
    , , PUNCT , punct 4
    Iraq Iraq PROPN NNP nsubj 4
    said say VERB VBD ROOT 4
    . . PUNCT . punct 4
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "120", "")]


def test_an_untargeted_complement_is_part_of_what_its_head_did(vocab, tmp_path):
    """"Iran vowed to attack": one event, the vow (rules/modality.yaml); the attack,
    with no target, is not coded as an event of its own."""
    coder = _with_rules(tmp_path, """
verbs:
  - verb: vow
    patterns:
      - {id: vow.attack, words: [attack], code: "138"}
""")
    spec = """
    Iran Iran PROPN NNP nsubj 1
    vowed vow VERB VBD ROOT 1
    to to PART TO aux 3
    attack attack VERB VB advcl 1
    . . PUNCT . punct 1
    """
    assert code(coder, vocab, spec) == [("2005-11-22", "IRN", "138", "")]


def test_a_reporter_speaking_of_its_own_act_is_not_someone_elses_report(test_coder, vocab):
    """"Iran said it refused": Iran's own refusal, coded with no target; "Iraq said
    Iran refused" (another's act, no target) is not (see above)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    it it PRON PRP nsubj 3
    refused refuse VERB VBD ccomp 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "120", "")]


def test_the_leaders_of_an_organization_are_the_organization(test_coder, vocab):
    """"Hezbollah leaders condemned Israel": LBNREBHEZ, not LBNREBHEZGOV; "the UN
    leader" is IGOUNO."""
    spec = """
    Hezbollah Hezbollah PROPN NNP compound 1
    leaders leader NOUN NNS nsubj 2
    condemned condemn VERB VBD ROOT 2
    Israel Israel PROPN NNP dobj 2
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "LBNREBHEZ", "111", "ISR")]


def test_a_place_the_sentence_does_not_name_comes_from_the_dateline(test_coder, vocab):
    """"IRAQ (AP) - Iranian troops attacked civilians": the civilians are IRQCVL."""
    from coder.actors import ActorResolver
    from coder.articles import Article

    spec = """
    Iranian Iranian ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    civilians civilian NOUN NNS dobj 2
    . . PUNCT . punct 2
    """
    assert ActorResolver(test_coder.matcher, None).read_dateline("BAGHDAD, Iraq") == "IRQ"
    art = Article("t", "IRAQ (AP) - Iranian troops attacked civilians.", dt.date(2005, 11, 22))
    events = test_coder.code_parsed(art, [(False, parse(vocab, spec))]).events
    assert [(e.source, e.code, e.target) for e in events] == [("IRNMIL", "190", "IRQCVL")]


def test_a_patterns_own_words_are_not_its_target(vocab, tmp_path):
    """"Iran declared a state of emergency": 'state' is the pattern's word, not an
    actor on the receiving end; with only the doer left, the act has no target."""
    coder = _with_rules(tmp_path, """
agents:
  - {code: GOV, names: [state], person: false}
verbs:
  - verb: declare
    patterns:
      - {id: declare.emergency, words: [state of emergency], code: "1724", target: [any]}
""")
    spec = """
    Iran Iran PROPN NNP nsubj 1
    declared declare VERB VBD ROOT 1
    a a DET DT det 3
    state state NOUN NN dobj 1
    of of ADP IN prep 3
    emergency emergency NOUN NN pobj 4
    . . PUNCT . punct 1
    """
    # no actor on the receiving end; the context stage aims the restriction at the
    # country where it happens (the only one named)
    assert code(coder, vocab, spec) == [("2005-11-22", "IRN", "1724", "IRN")]


def test_a_name_written_twice_in_different_case_matches_either(vocab, tmp_path):
    """An entry listing "Interpol" and "INTERPOL" matches "Interpol" in a sentence."""
    coder = _with_rules(tmp_path, """
actors:
  - {name: Interpol, code: IGOCOPITP, names: [INTERPOL]}
""")
    spec = """
    Interpol Interpol NOUN NN nsubj 1
    condemned condemn VERB VBD ROOT 1
    Iran Iran PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    assert code(coder, vocab, spec) == [("2005-11-22", "IGOCOPITP", "111", "IRN")]


def test_a_mutual_act_is_not_aimed_at_the_place_it_happens(vocab, tmp_path):
    """"Iran and Iraq met in Syria": each met the other; Syria, which the 'any' slot
    would find, is only the place."""
    coder = _with_rules(tmp_path, """
verbs:
  - {verb: meet, code: "040", reciprocal: true, target: [dobj, "prep:with", any]}
""")
    spec = """
    Iran Iran PROPN NNP nsubj 3
    and and CCONJ CC cc 0
    Iraq Iraq PROPN NNP conj 0
    met meet VERB VBD ROOT 3
    in in ADP IN prep 3
    Syria Syria PROPN NNP pobj 4
    . . PUNCT . punct 3
    """
    assert sorted(code(coder, vocab, spec)) == [
        ("2005-11-22", "IRN", "040", "IRQ"), ("2005-11-22", "IRQ", "040", "IRN")]


def test_a_court_acts_on_its_own_country(vocab, tmp_path):
    """rules/targets.yaml `domestic`: "the Iraqi court sentenced the minister" is
    IRQJUD against IRQGOV; "Iran condemned the minister" leaves the minister bare."""
    coder = _with_rules(tmp_path, """
agents:
  - {code: JUD, names: [court], person: false}
verbs:
  - {verb: sentence, code: "173"}
""")
    court = """
    The the DET DT det 2
    Iraqi Iraqi ADJ JJ amod 2
    court court NOUN NN nsubj 3
    sentenced sentence VERB VBD ROOT 3
    the the DET DT det 5
    minister minister NOUN NN dobj 3
    . . PUNCT . punct 3
    """
    assert code(coder, vocab, court) == [("2005-11-22", "IRQJUD", "173", "IRQGOV")]
    government = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    the the DET DT det 3
    minister minister NOUN NN dobj 1
    . . PUNCT . punct 1
    """
    # not by the domestic rule: with the context stage off (rules/context.yaml), a
    # government's bare target stays bare; with it on, it is the story's country
    (tmp_path / "off.yaml").write_text("context: {role_country: []}\n", encoding="utf-8")
    off = Coder(loaded=dicts.load(
        [dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts", tmp_path],
        dicts.SHIPPED_RULES))
    assert code(off, vocab, government) == [("2005-11-22", "IRN", "111", "GOV")]


def test_a_part_of_a_named_day_dates_the_event(test_coder, vocab):
    """"Iran attacked Iraq on Monday night": Monday (2005-11-21 for a Tuesday article)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Iraq Iraq PROPN NNP dobj 1
    on on ADP IN prep 1
    Monday Monday PROPN NNP compound 5
    night night NOUN NN pobj 3
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-21", "IRN", "190", "IRQ")]


def test_a_day_is_not_the_preposition_a_pattern_asks_for(vocab, tmp_path):
    """"Iran fired shells at Iraq on Monday": 'on Monday' is a date, so the pattern
    that wants 'fire on' does not fire; the shells do (194)."""
    coder = _with_rules(tmp_path, """
verbs:
  - verb: fire
    patterns:
      - {id: fire.on, prep: "on", code: "193", target: ["prep:on", "prep:at"]}
      - {id: fire.shells, object: [shells], code: "194", target: ["prep:at"]}
""")
    spec = """
    Iran Iran PROPN NNP nsubj 1
    fired fire VERB VBD ROOT 1
    shells shell NOUN NNS dobj 1
    at at ADP IN prep 1
    Iraq Iraq PROPN NNP pobj 3
    on on ADP IN prep 1
    Monday Monday PROPN NNP pobj 5
    . . PUNCT . punct 1
    """
    assert code(coder, vocab, spec) == [("2005-11-21", "IRN", "194", "IRQ")]


def test_a_sum_stands_for_what_it_buys(vocab, tmp_path):
    """"Iran announced $5 million in military aid for Iraq": the object is the aid."""
    coder = _with_rules(tmp_path, """
verbs:
  - verb: announce
    patterns:
      - {id: announce.military-aid, object: [military aid], code: "0332", target: ["prep:for"]}
""")
    spec = """
    Iran Iran PROPN NNP nsubj 1
    announced announce VERB VBD ROOT 1
    $ $ SYM $ nmod 4
    5 5 NUM CD compound 4
    million million NUM CD dobj 1
    in in ADP IN prep 4
    military military ADJ JJ amod 7
    aid aid NOUN NN pobj 5
    for for ADP IN prep 7
    Iraq Iraq PROPN NNP pobj 8
    . . PUNCT . punct 1
    """
    assert code(coder, vocab, spec) == [("2005-11-22", "IRN", "0332", "IRQ")]


def test_a_pattern_can_say_what_its_negation_means(vocab, tmp_path):
    """"Iran did not rule out force": the pattern's `negated` code (138), not what
    rules/negation.yaml makes of the plain code."""
    coder = _with_rules(tmp_path, """
verbs:
  - verb: rule
    patterns:
      - {id: ruleout.force, object: [force], code: "0356", negated: "138", target: [any]}
""")
    spec = """
    Iran Iran PROPN NNP nsubj 3
    did do AUX VBD aux 3
    not not PART RB neg 3
    rule rule VERB VB ROOT 3
    out out ADP RP prt 3
    force force NOUN NN dobj 3
    against against ADP IN prep 3
    Iraq Iraq PROPN NNP pobj 6
    . . PUNCT . punct 3
    """
    assert code(coder, vocab, spec) == [("2005-11-22", "IRN", "138", "IRQ")]


def test_its_names_the_owner_of_the_object(test_coder, vocab):
    """"The Iraqi army said Iranian troops attacked its posts": 'its' is the army's, so
    the army speaks as the victim: its accusation (rules/transformations.yaml)."""
    spec = """
    The the DET DT det 2
    Iraqi Iraqi ADJ JJ amod 2
    army army NOUN NN nsubj 3
    said say VERB VBD ROOT 3
    Iranian Iranian ADJ JJ amod 5
    troops troops NOUN NNS nsubj 6
    attacked attack VERB VBD ccomp 3
    its its PRON PRP$ poss 8
    posts post NOUN NNS dobj 6
    . . PUNCT . punct 3
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQMIL", "1123", "IRNMIL")]


def test_combination_rule_adds_codes_as_petrarchs_ontology_does():
    """rules `combination` (PETRARCH's coding ontology): an intent to cooperate is 031,
    an act of higher value wins, a rejection subtracts, and a sum no code has is None."""
    from coder.dictionaries import CombinationRule

    rule = CombinationRule.model_validate({
        "values": {"010": "0x1000", "030": "0x3000", "031": "0x3070", "042": "0xB002",
                   "050": "0x0080", "060": "0x0070", "070": "0x0040", "085": "0x0205",
                   "120": "-0xFFFF", "1244": "-0xFFFF+0x0205", "020": "0x2000",
                   "023": "0x2040", "190": "0x00A0"},
        "also": {"0x30a0": "138"}})
    assert rule.combine("030", "060") == "031"  # intend + cooperate
    assert rule.combine("020", "070") == "023"  # appeal + aid
    assert rule.combine("050", "085") == "085"  # agree to ease sanctions: the act
    assert rule.combine("030", "042") == "042"  # two speech acts: the inner one
    assert rule.combine("120", "085") == "1244"  # refuse to ease sanctions
    assert rule.combine("030", "190") == "138"  # PETRARCH's own addition
    assert rule.combine("050", "070") is None  # no code is worth 0x00C0
    assert rule.combine("020", "010", own_doer=True) is None  # "urged X to respond"
    assert rule.combine("020", "070", own_doer=True) == "023"  # "called on X to send aid"
    assert rule.combine("030", "999") is None


STROVE_TO_HELP = """
Iran Iran PROPN NNP nsubj 1
strove strive VERB VBD ROOT 1
to to PART TO aux 3
help help VERB VB xcomp 1
Iraq Iraq PROPN NNP dobj 3
. . PUNCT . punct 1
"""
COMBINE = """
verbs:
  - {verb: strive, code: "030"}
  - verb: help
    code: "070"
    patterns: [{id: help.word, words: [help], code: "023"}]
modality:
  - {id: complement, heads: ["*"], source: head, action: combine, target: head_object}
combination:
  values: {"030": "0x3000", "033": "0x3040", "070": "0x0040"}
"""


def test_a_combine_rule_makes_one_event_of_head_and_complement(vocab, tmp_path):
    """"Iran strove to help Iraq": with a `combine` family the head (030, no pattern)
    gives way, and the event is intend + aid = 033, Iran's act on Iraq."""
    coder = _with_rules(tmp_path, COMBINE)
    assert code(coder, vocab, STROVE_TO_HELP) == [("2005-11-22", "IRN", "033", "IRQ")]


def test_without_a_code_for_the_sum_the_head_keeps_its_own_event(vocab, tmp_path):
    coder = _with_rules(tmp_path, COMBINE.replace('"033": "0x3040", ', ""))
    assert code(coder, vocab, STROVE_TO_HELP) == [("2005-11-22", "IRN", "030", "IRQ")]


IRAQI_TROOPS_KILLED_IN_IRAN = """
There there PRON EX expl 1
were be VERB VBD ROOT 1
Iraqi Iraqi ADJ JJ amod 3
troops troop NOUN NNS attr 1
killed kill VERB VBN acl 3
in in ADP IN prep 4
Iran Iran PROPN NNP pobj 5
. . PUNCT . punct 1
"""


def test_passive_sources_name_the_doer_where_petrarch_does(vocab, tmp_path):
    """rules `sources: passive_preps` (PETRARCH's reading): "there were Iraqi troops
    killed in Iran" is Iran's act on the troops (a passive participle's noun is its
    object); without the rule nobody is named as the doer, so no event."""
    extra = "verbs:\n  - {verb: kill, code: '190'}\n"
    assert code(_with_rules(tmp_path, extra), vocab, IRAQI_TROOPS_KILLED_IN_IRAN) == []
    coder = _with_rules(tmp_path, extra + "sources:\n  passive_preps: [in]\n")
    assert code(coder, vocab, IRAQI_TROOPS_KILLED_IN_IRAN) == [
        ("2005-11-22", "IRN", "190", "IRQMIL")]


IRAN_ALLEGED_CONDEMNATION = """
Iran Iran PROPN NNP nsubj 1
alleged allege VERB VBD ROOT 1
that that SCONJ IN mark 4
Iraq Iraq PROPN NNP nsubj 4
issued issue VERB VBD ccomp 1
condemnations condemnation NOUN NNS dobj 4
. . PUNCT . punct 1
"""
ALLEGE = """
verbs:
  - verb: allege
    code: "112"
    target: [clause_subject]
    patterns: [{id: allege.condemnation, words: [condemnation], code: "111"}]
"""


def test_without_clause_words_a_pattern_is_not_read_inside_a_reported_clause(vocab, tmp_path):
    """`matching: clause_words: false` (PETRARCH): the words of a pattern of 'allege'
    are not looked for in what was alleged, so the allegation keeps its own code."""
    coder = _with_rules(tmp_path, ALLEGE)
    assert code(coder, vocab, IRAN_ALLEGED_CONDEMNATION) == [
        ("2005-11-22", "IRN", "111", "IRQ")]
    coder = _with_rules(tmp_path, ALLEGE + "matching:\n  clause_words: false\n")
    assert code(coder, vocab, IRAN_ALLEGED_CONDEMNATION) == [
        ("2005-11-22", "IRN", "112", "IRQ")]


def test_every_conjunct_of_a_reported_clause_is_transformed(test_coder, vocab):
    """"Iran claimed Israel attacked Syria and clashed with Iraqis": both acts are what
    Iran accuses Israel of; neither is coded as Israel's own act."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    claimed claim VERB VBD ROOT 1
    Israel Israel PROPN NNP nsubj 3
    attacked attack VERB VBD ccomp 1
    Syria Syria PROPN NNP dobj 3
    and and CCONJ CC cc 3
    clashed clash VERB VBD conj 3
    with with ADP IN prep 6
    Iraqis Iraqis PROPN NNPS pobj 7
    . . PUNCT . punct 1
    """
    assert sorted(set(code(test_coder, vocab, spec))) == [("2005-11-22", "IRN", "112", "ISR")]


def test_a_hyphenated_participle_or_prefix_does_not_lend_its_name(test_coder, vocab):
    """"Iranian-backed fighters" are not Iran's fighters, and "anti-Iraqi fighters" are
    not Iraq's: the name belongs to the modifier, so the fighters keep a bare role."""
    backed = """
    Iranian Iranian ADJ JJ npadvmod 2
    - - PUNCT HYPH punct 2
    backed back VERB VBN amod 3
    fighters fighter NOUN NNS nsubj 4
    attacked attack VERB VBD ROOT 4
    Iraq Iraq PROPN NNP dobj 4
    . . PUNCT . punct 4
    """
    assert code(test_coder, vocab, backed) == [("2005-11-22", "REB", "190", "IRQ")]
    anti = """
    Iran Iran PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    anti anti ADJ JJ amod 5
    - - PUNCT HYPH punct 5
    Iraqi Iraqi ADJ JJ amod 5
    fighters fighter NOUN NNS dobj 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, anti) == [("2005-11-22", "IRN", "190", "REB")]


def test_mutual_targets_need_the_verbs_own_coordinated_subject(vocab, tmp_path):
    """`targets: mutual` pairs the doers of the verb itself: in "Iran and Iraq met Syria,
    clashing" the clashing borrows its doers from "met" and names no target, so it
    is not Iran against Iraq."""
    spec = """
    Iran Iran PROPN NNP nsubj 3
    and and CCONJ CC cc 0
    Iraq Iraq PROPN NNP conj 0
    met meet VERB VBD ROOT 3
    Syria Syria PROPN NNP dobj 3
    , , PUNCT , punct 3
    clashing clash VERB VBG advcl 3
    . . PUNCT . punct 3
    """
    mutual = _with_rules(tmp_path, "targets:\n  keep: false\n  mutual: true\n")
    assert sorted(e[1:] for e in code(mutual, vocab, spec)) == [
        ("IRN", "040", "SYR"), ("IRQ", "040", "SYR")]


def test_without_clause_words_a_pattern_is_not_read_two_phrases_down(vocab, tmp_path):
    """PETRARCH reads "* SUMMIT" in the verb's object or its own prepositional phrase:
    "staged drills at the close of a summit in Iraq" is not staging a summit."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    staged stage VERB VBD ROOT 1
    drills drill NOUN NNS dobj 1
    at at ADP IN prep 1
    the the DET DT det 5
    close close NOUN NN pobj 3
    of of ADP IN prep 5
    a a DET DT det 8
    summit summit NOUN NN pobj 6
    in in ADP IN prep 8
    Iraq Iraq PROPN NNP pobj 9
    . . PUNCT . punct 1
    """
    stage = ("verbs:\n  - verb: stage\n"
             "    patterns: [{id: stage.summit, words: [summit], code: '043'}]\n")
    assert code(_with_rules(tmp_path, stage), vocab, spec) == [
        ("2005-11-22", "IRN", "043", "IRQ")]
    strict = _with_rules(tmp_path, stage + "matching:\n  clause_words: false\n")
    assert code(strict, vocab, spec) == []


def test_prep_words_must_be_inside_the_prepositions_own_phrase(vocab, tmp_path):
    """A pattern's `prep_words` ("(IN PROTEST)" in PETRARCH) are read inside that
    preposition's phrase: "resigned in protest in Tehran" matches, "protested in Tehran"
    with the word elsewhere does not; the words are the pattern's, not its target."""
    rules = ("verbs:\n  - verb: resign\n    patterns: [{id: resign.protest, prep: in,"
             " prep_words: [protest], code: '140', target: [any], target_optional: true}]\n")
    inside = """
    Iran Iran PROPN NNP nsubj 1
    resigned resign VERB VBD ROOT 1
    in in ADP IN prep 1
    protest protest NOUN NN pobj 2
    against against ADP IN prep 3
    Iraq Iraq PROPN NNP pobj 4
    . . PUNCT . punct 1
    """
    outside = """
    Iran Iran PROPN NNP nsubj 1
    resigned resign VERB VBD ROOT 1
    a a DET DT det 3
    protest protest NOUN NN dobj 1
    in in ADP IN prep 1
    Iraq Iraq PROPN NNP pobj 4
    . . PUNCT . punct 1
    """
    coder = _with_rules(tmp_path, rules)
    assert code(coder, vocab, inside) == [("2005-11-22", "IRN", "140", "IRQ")]
    assert code(coder, vocab, outside) == []


def test_a_reported_attack_without_a_target_is_still_an_accusation(test_coder, vocab):
    """"Iran claimed Israel had attacked": the attack names no target, yet the claim
    accuses Israel (rules/transformations.yaml accuse-of-attack); the untargeted
    attack itself is not coded."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    claimed claim VERB VBD ROOT 1
    Israel Israel PROPN NNP nsubj 4
    had have AUX VBD aux 4
    attacked attack VERB VBN ccomp 1
    . . PUNCT . punct 1
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRN", "112", "ISR")]


def test_a_subject_pattern_reads_the_doer_of_a_passive(vocab, tmp_path):
    """"Tehran was stormed by Iraqi troops": a pattern on the doer ("troops ...") reads
    the by-phrase of a passive, not its grammatical subject."""
    spec = """
    Tehran Tehran PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    stormed storm VERB VBN ROOT 2
    by by ADP IN agent 2
    Iraqi Iraqi ADJ JJ amod 5
    troops troop NOUN NNS pobj 3
    . . PUNCT . punct 2
    """
    rules = ("verbs:\n  - verb: storm\n    code: '171'\n"
             "    patterns: [{id: storm.troops, subject: [troops], code: '190'}]\n")
    assert code(_with_rules(tmp_path, rules), vocab, spec) == [
        ("2005-11-22", "IRQMIL", "190", "IRN")]


def test_relative_pronouns_can_be_left_without_an_antecedent(vocab, tmp_path):
    """`sources: relative_pronouns: false` (PETRARCH): "Iraq, which attacked Syria" codes
    no attack; by default "which" stands for Iraq."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Iraq Iraq PROPN NNP dobj 1
    , , PUNCT , punct 2
    which which PRON WDT nsubj 5
    attacked attack VERB VBD relcl 2
    Syria Syria PROPN NNP dobj 5
    . . PUNCT . punct 1
    """
    assert code(_with_rules(tmp_path, "about: {}\n"), vocab, spec) == [
        ("2005-11-22", "IRN", "111", "IRQ"), ("2005-11-22", "IRQ", "190", "SYR")]
    petrarch = _with_rules(tmp_path, "sources:\n  relative_pronouns: false\n")
    assert code(petrarch, vocab, spec) == [("2005-11-22", "IRN", "111", "IRQ")]


def test_a_weapon_in_the_by_phrase_points_to_whoever_used_it(test_coder, vocab):
    """"Tehran was attacked by a drone flown by Iraqi fighters": the doer is who flew
    it; "pro-Iraqi fighters" are nobody's but their own."""
    spec = """
    Tehran Tehran PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    attacked attack VERB VBN ROOT 2
    by by ADP IN agent 2
    a a DET DT det 5
    drone drone NOUN NN pobj 3
    flown fly VERB VBN acl 5
    by by ADP IN agent 6
    Iraqi Iraqi ADJ JJ amod 9
    fighters fighter NOUN NNS pobj 7
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQREB", "190", "IRN")]
    pro = """
    Tehran Tehran PROPN NNP nsubjpass 2
    was be AUX VBD auxpass 2
    attacked attack VERB VBN ROOT 2
    by by ADP IN agent 2
    a a DET DT det 5
    drone drone NOUN NN pobj 3
    flown fly VERB VBN acl 5
    by by ADP IN agent 6
    pro pro ADJ JJ amod 11
    - - PUNCT HYPH punct 11
    Iraqi Iraqi ADJ JJ amod 11
    fighters fighter NOUN NNS pobj 7
    . . PUNCT . punct 2
    """
    assert code(test_coder, vocab, pro) == [("2005-11-22", "REB", "190", "IRN")]


def test_without_clause_words_a_subject_pattern_reads_the_head_noun(vocab, tmp_path):
    """PETRARCH reads '- TROOPS *' on the subject's head noun: "a unit of Iraqi troops
    stormed Tehran" has "unit" at its head, so the verb keeps its own code."""
    spec = """
    A a DET DT det 1
    unit unit NOUN NN nsubj 5
    of of ADP IN prep 1
    Iraqi Iraqi ADJ JJ amod 4
    troops troop NOUN NNS pobj 2
    stormed storm VERB VBD ROOT 5
    Tehran Tehran PROPN NNP dobj 5
    . . PUNCT . punct 5
    """
    rules = ("verbs:\n  - verb: storm\n    code: '171'\n"
             "    patterns: [{id: storm.troops, subject: [troops], code: '190'}]\n")
    assert [e[2] for e in code(_with_rules(tmp_path, rules), vocab, spec)] == ["190"]
    strict = _with_rules(tmp_path, rules + "matching:\n  clause_words: false\n")
    assert [e[2] for e in code(strict, vocab, spec)] == ["171"]


def test_a_led_or_run_participle_does_lend_its_name(test_coder, vocab):
    """"Iraqi-led fighters" are Iraq's, unlike "Iraqi-backed fighters"."""
    spec = """
    Iraqi Iraqi ADJ JJ npadvmod 2
    - - PUNCT HYPH punct 2
    led lead VERB VBN amod 3
    fighters fighter NOUN NNS nsubj 4
    attacked attack VERB VBD ROOT 4
    Iran Iran PROPN NNP dobj 4
    . . PUNCT . punct 4
    """
    assert code(test_coder, vocab, spec) == [("2005-11-22", "IRQREB", "190", "IRN")]


def test_a_reporters_own_untargeted_attack_stays_uncoded(vocab, tmp_path):
    """With `targets: keep: false`, "Iran claimed it had attacked" codes nothing: the
    target-less attack may only become an accusation of someone else, and Iran's
    own claim names no target."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    claimed claim VERB VBD ROOT 1
    it it PRON PRP nsubj 4
    had have AUX VBD aux 4
    attacked attack VERB VBN ccomp 1
    . . PUNCT . punct 1
    """
    assert code(_with_rules(tmp_path, "targets:\n  keep: false\n"), vocab, spec) == []


def test_a_killing_after_an_attack_clause_is_the_attackers(test_coder, vocab):
    """"Five civilians were killed after Iranian troops attacked Baghdad": Iran's troops
    killed them; the attack phrase of a coordinated victim counts too."""
    spec = """
    Five five NUM CD nummod 1
    civilians civilian NOUN NNS nsubjpass 3
    were be AUX VBD auxpass 3
    killed kill VERB VBN ROOT 3
    after after SCONJ IN mark 7
    Iranian Iranian ADJ JJ amod 6
    troops troops NOUN NNS nsubj 7
    attacked attack VERB VBD advcl 3
    Baghdad Baghdad PROPN NNP dobj 7
    . . PUNCT . punct 3
    """
    coder = _with_rules(_tmp(), "verbs:\n  - {verb: kill, code: '190'}\n")
    got = code(coder, vocab, spec)
    assert ("2005-11-22", "IRNMIL", "190", "IRQCVL") in got


def test_victims_of_two_sides_in_clashes_fought_each_other(test_coder, vocab):
    """"Six Iraqi soldiers and nine Hezbollah fighters were killed in clashes"."""
    spec = """
    Six six NUM CD nummod 2
    Iraqi Iraqi ADJ JJ amod 2
    soldiers soldier NOUN NNS nsubjpass 8
    and and CCONJ CC cc 2
    nine nine NUM CD nummod 6
    Hezbollah Hezbollah PROPN NNP compound 6
    fighters fighter NOUN NNS conj 2
    were be AUX VBD auxpass 8
    killed kill VERB VBN ROOT 8
    in in ADP IN prep 8
    clashes clash NOUN NNS pobj 9
    . . PUNCT . punct 8
    """
    coder = _with_rules(_tmp(), "agents:\n  - {code: MIL, names: [soldier]}\n"
                                "verbs:\n  - {verb: kill, code: '190'}\n")
    got = {(s, c, t) for _, s, c, t in code(coder, vocab, spec)}
    assert got == {("IRQMIL", "190", "LBNREBHEZ"), ("LBNREBHEZ", "190", "IRQMIL")}
    # without the clash, nobody is named as the doer
    assert code(coder, vocab, spec.replace("clashes clash NOUN", "Baghdad Baghdad PROPN")) == []


def _tmp():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp())
