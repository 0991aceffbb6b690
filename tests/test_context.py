"""Article-level stages on hand-built parses: a country for bare roles, targets from
context, background acts (rules/context.yaml, rules/background.yaml). No model needed."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES, parse

from coder import dictionaries as dicts
from coder.articles import Article
from coder.context import how_found
from coder.pipeline import Coder

SOLDIERS_ATTACKED_IRAN = """
The the DET DT det 1
troops troops NOUN NNS nsubj 2
attacked attack VERB VBD ROOT 2
Iran Iran PROPN NNP dobj 2
. . PUNCT . punct 2
"""
IRAQI_TROOPS_ATTACKED_SYRIA = """
Iraqi Iraqi ADJ JJ amod 1
troops troops NOUN NNS nsubj 2
attacked attack VERB VBD ROOT 2
Syria Syria PROPN NNP dobj 2
. . PUNCT . punct 2
"""
IRAN_ATTACKED_SYRIA = """
Iran Iran PROPN NNP nsubj 1
attacked attack VERB VBD ROOT 1
Syria Syria PROPN NNP dobj 1
. . PUNCT . punct 1
"""


def _events(coder: Coder, vocab, specs: list[str], title: str = "", body: str = "x",
            date: str = "2005-11-22"):
    docs = [(False, parse(vocab, s)) for s in specs]
    if title:
        docs.insert(0, (True, parse(vocab, title)))
    art = Article("t", body, dt.date.fromisoformat(date))
    return coder.code_parsed(art, docs).events


def _with_rules_text(vocab, text: str) -> Coder:
    import tempfile
    from pathlib import Path

    return _with(Path(tempfile.mkdtemp()), text)


def _with(tmp_path, text: str) -> Coder:
    (tmp_path / "extra.yaml").write_text(text, encoding="utf-8")
    return Coder(loaded=dicts.load(
        [dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts", tmp_path],
        dicts.SHIPPED_RULES))


def test_a_bare_role_takes_the_country_of_the_same_role_met_earlier(test_coder, vocab):
    """"Iraqi troops attacked Syria. The troops attacked Iran.": Iraq's troops."""
    events = _events(test_coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA, SOLDIERS_ATTACKED_IRAN])
    assert [(e.source, e.code, e.target) for e in events] == [
        ("IRQMIL", "190", "SYR"), ("IRQMIL", "190", "IRN")]
    assert (events[0].source_how, events[1].source_how) == ("dictionary", "memory")


def test_a_place_in_the_sentence_comes_before_memory(test_coder, vocab):
    """"The troops detained Iran's envoy in Baghdad" after Syrian troops: the place wins
    (an act of force would not take it: its doer acts abroad as often as at home)."""
    spec = """
    The the DET DT det 1
    troops troops NOUN NNS nsubj 2
    detained detain VERB VBD ROOT 2
    Iran Iran PROPN NNP dobj 2
    in in ADP IN prep 2
    Baghdad Baghdad PROPN NNP pobj 4
    . . PUNCT . punct 2
    """
    syrian = IRAQI_TROOPS_ATTACKED_SYRIA.replace("Iraqi Iraqi", "Syrian Syrian").replace(
        "Syria Syria", "Iran Iran")
    events = _events(test_coder, vocab, [syrian, spec])
    assert [(e.source, e.source_how) for e in events] == [("SYRMIL", "dictionary"),
                                                          ("IRQMIL", "place")]


def test_without_other_evidence_the_story_country_or_dateline_is_used(test_coder, vocab):
    """The title names Iraq twice: "the troops" of a story about Iraq are Iraq's."""
    title = """
    Iraq Iraq PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Iraq Iraq PROPN NNP dobj 1
    """
    events = _events(test_coder, vocab, [SOLDIERS_ATTACKED_IRAN], title=title)
    assert [(e.source, e.source_how) for e in events if e.code == "190"] == [("IRQMIL", "story")]
    # a dateline beats the story's country
    dated = _events(test_coder, vocab, [SOLDIERS_ATTACKED_IRAN],
                    body="BAGHDAD (AP) - The troops attacked Iran.")
    assert [(e.source, e.source_how) for e in dated] == [("IRQMIL", "dateline")]


def test_no_evidence_leaves_the_role_bare_and_foreign_roles_stay_bare(test_coder, vocab):
    spec = """
    The the DET DT det 1
    troops troops NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    civilians civilian NOUN NNS dobj 2
    . . PUNCT . punct 2
    """
    assert [(e.source, e.target) for e in _events(test_coder, vocab, [spec])] == [("MIL", "CVL")]
    foreign = """
    Foreign foreign ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    Iran Iran PROPN NNP dobj 2
    . . PUNCT . punct 2
    """
    events = _events(test_coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA, foreign])
    assert [e.source for e in events] == ["IRQMIL", "MIL"]


def test_the_stage_can_be_switched_off(tmp_path, vocab):
    coder = _with(tmp_path, "context: {role_country: []}\n")
    events = _events(coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA, SOLDIERS_ATTACKED_IRAN])
    assert [e.source for e in events] == ["IRQMIL", "MIL"]


def test_a_response_to_an_act_targets_its_doer(test_coder, vocab):
    """"Iran attacked Syria. Iraq condemned the attack." -> IRQ 111 IRN."""
    condemned = """
    Iraq Iraq PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    the the DET DT det 3
    attack attack NOUN NN dobj 1
    . . PUNCT . punct 1
    """
    events = _events(test_coder, vocab, [IRAN_ATTACKED_SYRIA, condemned])
    assert [(e.source, e.code, e.target) for e in events] == [
        ("IRN", "190", "SYR"), ("IRQ", "111", "IRN")]
    assert events[1].target_how == "context"
    # "Iran's attack" has an owner of its own: the grammar decides, not the context
    owned = condemned.replace("the the DET DT det 3", "Iran's Iran PROPN NNP poss 3")
    events = _events(test_coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA, owned])
    assert [e.target for e in events if e.code == "111"] != ["IRQMIL"]


def test_a_denied_claim_targets_whoever_made_it(test_coder, vocab):
    """"Israel said Iran attacked Syria. Iran denied it." -> IRN denies Israel's claim."""
    said = """
    Israel Israel PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    Iran Iran PROPN NNP nsubj 3
    attacked attack VERB VBD ccomp 1
    Syria Syria PROPN NNP dobj 3
    . . PUNCT . punct 1
    """
    denied = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    it it PRON PRP dobj 1
    . . PUNCT . punct 1
    """
    events = _events(test_coder, vocab, [said, denied])
    assert [(e.source, e.code, e.target) for e in events][-1] == ("IRN", "111", "ISR")


def test_acts_placed_in_the_past_are_background(test_coder, vocab):
    """"Iran attacked Syria in 2001" in a 2005 story is background; "last week" is not."""
    in_year = """
    Iran Iran PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    in in ADP IN prep 1
    2001 2001 NUM CD pobj 3
    . . PUNCT . punct 1
    """
    assert _events(test_coder, vocab, [in_year]) == []
    this_year = in_year.replace("2001 2001", "2005 2005")
    assert len(_events(test_coder, vocab, [this_year])) == 1
    ago = """
    Iran Iran PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    four four NUM CD nummod 4
    months month NOUN NNS npadvmod 5
    ago ago ADV RB advmod 1
    . . PUNCT . punct 1
    """
    assert _events(test_coder, vocab, [ago]) == []
    days_ago = ago.replace("four four", "three three").replace("months month", "days day")
    assert len(_events(test_coder, vocab, [days_ago])) == 1
    last = """
    Iran Iran PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    last last ADJ JJ amod 4
    year year NOUN NN npadvmod 1
    . . PUNCT . punct 1
    """
    assert _events(test_coder, vocab, [last]) == []
    assert len(_events(test_coder, vocab, [last.replace("year year", "week week")])) == 1
    since = in_year.replace("in in ADP", "since since ADP").replace("2001 2001", "2005 2005")
    assert _events(test_coder, vocab, [since]) == []


def test_a_month_long_past_is_background_a_recent_one_is_not(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    in in ADP IN prep 1
    March March PROPN NNP pobj 3
    . . PUNCT . punct 1
    """
    assert _events(test_coder, vocab, [spec]) == []  # a November story
    assert len(_events(test_coder, vocab, [spec], date="2005-04-10")) == 1


def test_background_can_be_switched_off(tmp_path, vocab):
    coder = _with(tmp_path, "background: {enabled: false}\n")
    spec = IRAN_ATTACKED_SYRIA.replace(". . PUNCT . punct 1", "in in ADP IN prep 1\n"
                                       "2001 2001 NUM CD pobj 3\n. . PUNCT . punct 1")
    assert len(_events(coder, vocab, [spec])) == 1


def test_how_found_names_the_evidence():
    from coder.actors import Actor

    assert how_found(Actor("", "", "", "", -1, "no target")) == ""
    assert how_found(Actor("IRN", "IRN", "", "Iran", 0, "a.yaml:3 country 'Iran'")) == "dictionary"
    assert how_found(Actor("IRNGOV", "IRN", "GOV", "he", 0, "pronoun 'he' -> ...")) == "memory"
    assert how_found(Actor("IRQMIL", "IRQ", "MIL", "troops", 0,
                           "x; country from dateline")) == "dateline"


WE_CONDEMN_SYRIA = """
We we PRON PRP nsubj 1
condemn condemn VERB VBP ROOT 1
Syria Syria PROPN NNP dobj 1
. . PUNCT . punct 1
"""


def test_we_is_the_publisher_or_the_government_speaking_in_the_lead(test_coder, vocab):
    """A statement: "Iran condemned Israel. We condemn Syria." -> "we" is Iran."""
    lead = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    events = _events(test_coder, vocab, [lead, WE_CONDEMN_SYRIA])
    assert [(e.source, e.target, e.source_how) for e in events][-1] == ("IRN", "SYR", "memory")
    # with no voice in the lead and no publisher, "we" is nobody
    assert _events(test_coder, vocab, [WE_CONDEMN_SYRIA]) == []
    # the publisher named in rules/context.yaml speaks
    art = Article("t", "x", dt.date(2005, 11, 22), source="US-GOV")
    events = test_coder.code_parsed(art, [(False, parse(vocab, WE_CONDEMN_SYRIA))]).events
    assert [(e.source, e.target) for e in events] == [("USAGOV", "SYR")]


def test_we_inside_a_quote_is_its_speaker(test_coder, vocab):
    """'"We condemn Syria," Ahmadinejad said' -> IRNGOV, whatever the article's voice."""
    quote = """
    " " PUNCT `` punct 2
    We we PRON PRP nsubj 2
    condemn condemn VERB VBP ROOT 2
    Syria Syria PROPN NNP dobj 2
    , , PUNCT , punct 2
    " " PUNCT '' punct 2
    Ahmadinejad Ahmadinejad PROPN NNP nsubj 7
    said say VERB VBD parataxis 2
    . . PUNCT . punct 2
    """
    art = Article("t", "x", dt.date(2006, 11, 22), source="US-GOV")
    events = test_coder.code_parsed(art, [(False, parse(vocab, quote))]).events
    assert [(e.source, e.target) for e in events] == [("IRNGOV", "SYR")]


def test_an_untargeted_act_of_force_is_aimed_at_where_it_happens(test_coder, vocab):
    """"BAGHDAD (AP) - Iranian troops attacked." -> IRNMIL 190 IRQ (the dateline)."""
    spec = """
    Iranian Iranian ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    . . PUNCT . punct 2
    """
    body = "BAGHDAD (AP) - Iranian troops attacked."
    events = _events(test_coder, vocab, [spec], body=body)
    assert [(e.source, e.code, e.target, e.target_how) for e in events] == [
        ("IRNMIL", "190", "IRQ", "dateline")]
    # without a dateline: the story's country, here the only one named
    assert [(e.target, e.target_how) for e in _events(test_coder, vocab, [spec])] == [
        ("IRN", "story")]
    # and with the rule off, no target
    off = _with_rules_text(vocab, "context: {place_target_roots: []}\n")
    assert [e.target for e in _events(off, vocab, [spec], body=body)] == [""]


def test_victims_of_force_take_the_other_country_the_sentence_names(test_coder, vocab):
    """"Israeli troops attacked civilians near Syria's border": the civilians are Syria's,
    not the attackers' (IRQ is the story's country from the title)."""
    spec = """
    Israeli Israeli ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    attacked attack VERB VBD ROOT 2
    civilians civilian NOUN NNS dobj 2
    near near ADP IN prep 2
    Syria Syria PROPN NNP poss 7
    's 's PART POS case 5
    border border NOUN NN pobj 4
    . . PUNCT . punct 2
    """
    events = _events(test_coder, vocab, [spec])
    assert [(e.source, e.code, e.target, e.target_how) for e in events] == [
        ("ISRMIL", "190", "SYRCVL", "place")]
    # a non-violent act with no place named does not use the rule: the story's country
    met = """
    Israeli Israeli ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    detained detain VERB VBD ROOT 2
    civilians civilian NOUN NNS dobj 2
    . . PUNCT . punct 2
    """
    syria = "Syria Syria PROPN NNP nsubj 1\ncondemned condemn VERB VBD ROOT 1\n" \
            "Israel Israel PROPN NNP dobj 1\n"
    events = _events(test_coder, vocab, [met], title=syria)
    assert [(e.target, e.target_how) for e in events if e.code == "173"] == [
        ("ISRCVL", "story")]


MINISTERS_DETAINED = """
Ministers minister NOUN NNS nsubjpass 2
were be AUX VBD auxpass 2
detained detain VERB VBN ROOT 2
. . PUNCT . punct 2
"""


def test_an_agentless_arrest_is_the_doing_of_the_storys_latest_coercer(test_coder, vocab):
    """"Iraqi troops detained Syria's president. Ministers were detained." -> the troops."""
    first = """
    Iraqi Iraqi ADJ JJ amod 1
    troops troops NOUN NNS nsubj 2
    detained detain VERB VBD ROOT 2
    Syria Syria PROPN NNP dobj 2
    . . PUNCT . punct 2
    """
    events = _events(test_coder, vocab, [first, MINISTERS_DETAINED])
    assert [(e.source, e.code, e.source_how) for e in events] == [
        ("IRQMIL", "173", "dictionary"), ("IRQMIL", "173", "context")]
    # with no earlier act of coercion, nobody is named: no event
    assert _events(test_coder, vocab, [IRAN_ATTACKED_SYRIA, MINISTERS_DETAINED])[1:] == []


def test_a_gazetteer_place_gives_a_country_but_not_to_the_doer_of_force(test_coder, vocab):
    """"The troops detained civilians in Aleppo" -> Syria's troops (a place the
    dictionaries lack; the offline gazetteer knows it). "The troops attacked civilians
    in Aleppo" after "Iraqi troops attacked Syria": the attackers stay Iraq's."""
    detained = """
    The the DET DT det 1
    troops troops NOUN NNS nsubj 2
    detained detain VERB VBD ROOT 2
    civilians civilian NOUN NNS dobj 2
    in in ADP IN prep 2
    Aleppo Aleppo PROPN NNP pobj 4
    . . PUNCT . punct 2
    """
    events = _events(test_coder, vocab, [detained])
    assert [(e.source, e.target, e.source_how) for e in events] == [
        ("SYRMIL", "SYRCVL", "place")]
    attacked = detained.replace("detained detain VERB", "attacked attack VERB")
    events = _events(test_coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA, attacked])
    assert [(e.source, e.target) for e in events][-1] == ("IRQMIL", "SYRCVL")
    # a sea is nobody's country
    at_sea = detained.replace("Aleppo Aleppo PROPN NNP pobj 4",
                              "Red Red PROPN NNP compound 6\nSea Sea PROPN NNP pobj 4").replace(
        ". . PUNCT . punct 2", ". . PUNCT . punct 2")
    assert [e.source for e in _events(test_coder, vocab, [at_sea])] == ["MIL"]


def test_force_used_by_civilians_is_unconventional_violence(test_coder, vocab):
    """"Iraqi civilians attacked Syria": 180, not the military 190."""
    spec = IRAQI_TROOPS_ATTACKED_SYRIA.replace("troops troops NOUN NNS",
                                               "civilians civilian NOUN NNS")
    events = _events(test_coder, vocab, [spec])
    assert [(e.source, e.code, e.target) for e in events] == [("IRQCVL", "180", "SYR")]
    assert [e.code for e in _events(test_coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA])] == ["190"]


def test_a_state_does_not_address_its_own_government(test_coder, vocab):
    """"Iran condemned the minister": not Iran's own minister (words, not force)."""
    spec = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    the the DET DT det 3
    minister minister NOUN NN dobj 1
    . . PUNCT . punct 1
    """
    assert [e.target for e in _events(test_coder, vocab, [spec])] == ["GOV"]
    # an act of force on a bare role does take the country: a domestic crackdown
    detained = spec.replace("condemned condemn VERB", "detained detain VERB")
    assert [e.target for e in _events(test_coder, vocab, [detained])] == ["IRNGOV"]


def test_foreign_in_a_title_is_no_foreign_role_and_words_to_an_envoy_are_not_his(
        test_coder, vocab):
    """"The foreign minister condemned Iran's minister" in a story about Iraq: the title
    "foreign minister" is Iraq's own; the speaker is not Iran's."""
    spec = """
    The the DET DT det 2
    foreign foreign ADJ JJ amod 2
    minister minister NOUN NN nsubj 3
    condemned condemn VERB VBD ROOT 3
    Iran Iran PROPN NNP poss 6
    's 's PART POS case 4
    minister minister NOUN NN dobj 3
    . . PUNCT . punct 3
    """
    title = """
    Iraq Iraq PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Iraq Iraq PROPN NNP dobj 1
    """
    events = _events(test_coder, vocab, [spec], title=title)
    assert [(e.source, e.target) for e in events if e.sentence_id == 1] == [
        ("IRQGOV", "IRNGOV")]


def test_a_complement_takes_the_past_of_the_verb_that_governs_it(test_coder, vocab):
    """"In 2001 Iran began attacking Syria" in a 2005 story: background."""
    spec = """
    In in ADP IN prep 3
    2001 2001 NUM CD pobj 0
    Iran Iran PROPN NNP nsubj 3
    began begin VERB VBD ROOT 3
    attacking attack VERB VBG xcomp 3
    Syria Syria PROPN NNP dobj 4
    . . PUNCT . punct 3
    """
    assert _events(test_coder, vocab, [spec]) == []
    recent = spec.replace("2001 2001", "2005 2005")
    assert [e.code for e in _events(test_coder, vocab, [recent])] == ["190"]


def test_a_governments_statement_of_anothers_attack_accuses_it(test_coder, vocab):
    """"Iraqi troops attacked Syria" in a U.S. government release is USAGOV 1123 IRQMIL;
    the same sentence in a news story is the attack; the release's own side's act stays."""
    art = Article("t", "x", dt.date(2005, 11, 22), source="US-GOV")
    events = test_coder.code_parsed(art, [(False, parse(vocab, IRAQI_TROOPS_ATTACKED_SYRIA))]
                                    ).events
    assert [(e.source, e.code, e.target) for e in events] == [("USAGOV", "1123", "IRQMIL")]
    news = _events(test_coder, vocab, [IRAQI_TROOPS_ATTACKED_SYRIA])
    assert [(e.source, e.code, e.target) for e in news] == [("IRQMIL", "190", "SYR")]
    ours = IRAQI_TROOPS_ATTACKED_SYRIA.replace("Iraqi Iraqi", "American American")
    events = test_coder.code_parsed(art, [(False, parse(vocab, ours))]).events
    assert [(e.source, e.code) for e in events] == [("USAMIL", "190")]
