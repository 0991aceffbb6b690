"""Event places on hand-built parses: the clause's place, else the dateline."""

from __future__ import annotations

import datetime as dt

from conftest import parse

from coder.articles import Article
from coder.locate import home_country, locate_in_clause, refers_back


def events(coder, vocab, spec: str, text: str = "x", more: list[str] | None = None):
    docs = [(False, parse(vocab, spec))] + [(False, parse(vocab, s)) for s in (more or [])]
    art = Article("t", text, dt.date(2005, 11, 22))
    return coder.code_parsed(art, docs).events


NEAR_TYRE = """
Israel Israel PROPN NNP nsubj 1
attacked attack VERB VBD ROOT 1
Hezbollah Hezbollah PROPN NNP dobj 1
near near ADP IN prep 1
Tyre Tyre PROPN NNP pobj 3
. . PUNCT . punct 1
"""


def test_place_in_the_clause(test_coder, vocab):
    [ev] = events(test_coder, vocab, NEAR_TYRE)
    assert (ev.code, ev.location, ev.place, ev.location_country) == ("190", "Tyre", "Tyre", "LBN")
    assert ev.location_level == "city" and ev.location_evidence == "clause"
    assert ev.geonames_id == "267008" and 33 < ev.latitude < 34 and 35 < ev.longitude < 36


def test_province_with_direction_and_division_word(test_coder, vocab):
    spec = """
    Iraq Iraq PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    in in ADP IN prep 1
    northern northern ADJ JJ amod 6
    Rakhine Rakhine PROPN NNP compound 6
    state state NOUN NN pobj 3
    . . PUNCT . punct 1
    """
    [ev] = events(test_coder, vocab, spec)
    assert (ev.location, ev.place, ev.location_country, ev.location_level) == (
        "northern Rakhine state", "Rakhine", "MMR", "province")


def test_place_noun_of_a_name(test_coder, vocab):
    spec = """
    Israel Israel PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    at at ADP IN prep 1
    the the DET DT det 6
    border border NOUN NN compound 6
    crossing crossing NOUN NN pobj 3
    of of ADP IN prep 6
    Rafah Rafah PROPN NNP pobj 7
    . . PUNCT . punct 1
    """
    [ev] = events(test_coder, vocab, spec)
    assert (ev.place, ev.location_country) == ("Rafaḩ", "PSE")


def test_actors_countries_disambiguate(test_coder, vocab):
    spec = """
    Iraq Iraq PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    in in ADP IN prep 1
    Tripoli Tripoli PROPN NNP pobj 3
    . . PUNCT . punct 1
    """
    # neither actor is Lebanese or Libyan: the larger Tripoli
    [ev] = events(test_coder, vocab, spec)
    assert ev.location_country == "LBY"


def test_qualifier_in_apposition(test_coder, vocab):
    spec = """
    Israel Israel PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Hezbollah Hezbollah PROPN NNP dobj 1
    in in ADP IN prep 1
    Tripoli Tripoli PROPN NNP pobj 3
    , , PUNCT , punct 4
    Lebanon Lebanon PROPN NNP appos 4
    . . PUNCT . punct 1
    """
    [ev] = events(test_coder, vocab, spec)
    assert (ev.location, ev.location_country) == ("Tripoli, Lebanon", "LBN")


def test_place_of_a_governed_clause_is_not_the_events(test_coder, vocab):
    # "Iran condemned Israel after troops clashed in Gaza": Gaza is the clash's place
    spec = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    after after SCONJ IN mark 5
    troops troops NOUN NNS nsubj 5
    clashed clash VERB VBD advcl 1
    in in ADP IN prep 5
    Gaza Gaza PROPN NNP pobj 6
    . . PUNCT . punct 1
    """
    evs = events(test_coder, vocab, spec)
    condemn = [e for e in evs if e.code == "111"]
    assert condemn and condemn[0].location == ""


def test_governing_clause_place_when_the_clause_has_none(test_coder, vocab):
    spec = """
    In in ADP IN prep 4
    Baghdad Baghdad PROPN NNP pobj 0
    , , PUNCT , punct 4
    Iran Iran PROPN NNP nsubj 4
    said say VERB VBD ROOT 4
    Israel Israel PROPN NNP nsubj 6
    attacked attack VERB VBD ccomp 4
    Hezbollah Hezbollah PROPN NNP dobj 6
    . . PUNCT . punct 4
    """
    doc = parse(vocab, spec)
    loc = locate_in_clause(doc[6], ["ISR", "SYR"])
    assert loc is not None and loc.place.name == "Baghdad" and loc.place.country == "IRQ"


def test_dateline_when_the_clause_names_no_place(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    [ev] = events(test_coder, vocab, spec, text="BEIRUT (AP) \u2014 Iran condemned Israel.")
    assert (ev.location, ev.place, ev.location_country, ev.location_evidence) == (
        "BEIRUT", "Beirut", "LBN", "dateline")


def test_no_place_no_dateline(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    Israel Israel PROPN NNP dobj 1
    in in ADP IN prep 1
    November November PROPN NNP pobj 3
    . . PUNCT . punct 1
    """
    # "in November" of a November story: a month (not a place, and recent: coded)
    [ev] = events(test_coder, vocab, spec)
    assert ev.location == "" and ev.latitude is None and ev.geonames_id == ""


def test_visited_object_is_the_place(test_coder, vocab):
    spec = """
    Iran Iran PROPN NNP nsubj 1
    visited visit VERB VBD ROOT 1
    the the DET DT det 4
    Syrian Syrian ADJ JJ amod 4
    port port NOUN NN dobj 1
    of of ADP IN prep 4
    Latakia Latakia PROPN NNP pobj 5
    . . PUNCT . punct 1
    """
    evs = events(test_coder, vocab, spec)
    assert evs and evs[0].place == "Latakia" and evs[0].location_country == "SYR"


def test_repeat_keeps_the_first_place_and_locate_can_be_off(vocab):
    from conftest import FIXTURES

    from coder import dictionaries as dicts
    from coder.pipeline import Coder

    loaded = dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts"],
                        dicts.SHIPPED_RULES)
    off = Coder(loaded=loaded, locate=False)
    [ev] = events(off, vocab, NEAR_TYRE)
    assert ev.location == "" and ev.plover_type == "ASSAULT"
    on = Coder(loaded=loaded)
    again = NEAR_TYRE.replace("Tyre", "Sidon")
    [ev] = events(on, vocab, NEAR_TYRE, more=[again])
    assert ev.mentions == 2 and ev.place == "Tyre"


def test_verbal_event_place_is_its_own_not_its_topics(test_coder, vocab):
    # "Iran condemned the attacks in Gaza": Gaza is where the attacks were
    topic = """
    Iran Iran PROPN NNP nsubj 1
    condemned condemn VERB VBD ROOT 1
    the the DET DT det 3
    attacks attack NOUN NNS dobj 1
    in in ADP IN prep 3
    Gaza Gaza PROPN NNP pobj 4
    . . PUNCT . punct 1
    """
    assert events(test_coder, vocab, topic) == [] or all(
        e.location == "" for e in events(test_coder, vocab, topic))
    own = """
    Speaking speak VERB VBG advcl 5
    in in ADP IN prep 0
    Tehran Tehran PROPN NNP pobj 1
    , , PUNCT , punct 5
    Iran Iran PROPN NNP nsubj 5
    condemned condemn VERB VBD ROOT 5
    Israel Israel PROPN NNP dobj 5
    . . PUNCT . punct 5
    """
    [ev] = events(test_coder, vocab, own)
    assert (ev.code, ev.place, ev.location_country) == ("111", "Tehran", "IRN")


def test_the_city_is_the_city_last_named(test_coder, vocab):
    named = NEAR_TYRE
    later = """
    Israel Israel PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    outside outside ADP IN prep 1
    the the DET DT det 5
    city city NOUN NN pobj 3
    . . PUNCT . punct 1
    """
    evs = events(test_coder, vocab, named, more=[later])
    assert [(e.target, e.place, e.location) for e in evs] == [
        ("LBNREBHEZ", "Tyre", "Tyre"), ("SYR", "Tyre", "the city")]


def test_the_capital_is_the_actors_capital(test_coder, vocab):
    spec = """
    Iraq Iraq PROPN NNP nsubj 1
    attacked attack VERB VBD ROOT 1
    Syria Syria PROPN NNP dobj 1
    near near ADP IN prep 1
    the the DET DT det 5
    capital capital NOUN NN pobj 3
    . . PUNCT . punct 1
    """
    [ev] = events(test_coder, vocab, spec)
    assert (ev.place, ev.location_country) == ("Baghdad", "IRQ")


def test_nationwide_is_the_actors_country(test_coder, vocab):
    spec = """
    Iraq Iraq PROPN NNP nsubj 1
    detained detain VERB VBD ROOT 1
    civilians civilian NOUN NNS dobj 1
    nationwide nationwide ADV RB advmod 1
    . . PUNCT . punct 1
    """
    evs = events(test_coder, vocab, spec)
    assert evs and (evs[0].place, evs[0].location_level) == ("Iraq", "country")


def test_over_after_a_verb_of_flight_is_where(vocab):
    spec = """
    Jets jet NOUN NNS nsubj 1
    dropped drop VERB VBD ROOT 1
    leaflets leaflet NOUN NNS dobj 1
    over over ADP IN prep 2
    Tyre Tyre PROPN NNP pobj 3
    , , PUNCT , punct 6
    warning warn VERB VBG advcl 1
    people people NOUN NNS dobj 6
    . . PUNCT . punct 1
    """
    doc = parse(vocab, spec)
    loc = locate_in_clause(doc[6], ["ISR", "LBN"], verbal=True)  # a warning: own places
    assert loc is not None and loc.place.name == "Tyre"
    topic = parse(vocab, """
    Iran Iran PROPN NNP nsubj 1
    protested protest VERB VBD ROOT 1
    over over ADP IN prep 1
    Tyre Tyre PROPN NNP pobj 2
    . . PUNCT . punct 1
    """)
    assert locate_in_clause(topic[1], ["IRN"]) is None  # a topic, not a place


def test_the_countrys_borders_are_the_country(vocab):
    spec = """
    Soldiers soldier NOUN NNS nsubj 1
    closed close VERB VBD ROOT 1
    the the DET DT det 3
    country country NOUN NN poss 5
    's 's PART POS case 3
    borders border NOUN NNS dobj 1
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["MLI"])
    assert loc is not None and (loc.place.name, loc.place.level) == ("Mali", "country")


def test_a_clause_of_the_same_moment_gives_the_place(vocab):
    spec = """
    Troops troop NOUN NNS nsubj 1
    destroyed destroy VERB VBD ROOT 1
    planes plane NOUN NNS dobj 1
    after after SCONJ IN mark 5
    they they PRON PRP nsubj 5
    landed land VERB VBD advcl 1
    in in ADP IN prep 5
    Bouake Bouake PROPN NNP pobj 6
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["FRA", "CIV"])
    assert loc is not None and loc.place.name == "Bouaké" and loc.place.country == "CIV"


def test_a_distance_off_a_place_is_only_a_reference(vocab):
    spec = """
    Jets jet NOUN NNS nsubj 1
    struck strike VERB VBD ROOT 1
    targets target NOUN NNS dobj 1
    in in ADP IN prep 2
    Idlib Idlib PROPN NNP compound 5
    province province NOUN NN pobj 3
    , , PUNCT , punct 5
    60 60 NUM CD nummod 8
    kilometers kilometer NOUN NNS npadvmod 9
    southeast southeast ADV RB advmod 5
    of of ADP IN prep 9
    Aleppo Aleppo PROPN NNP pobj 10
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["RUS", "SYR"])
    assert loc is not None and (loc.place.name, loc.place.level) == ("Idlib", "province")


def test_a_place_the_gazetteer_lacks_gives_the_events_country(vocab):
    spec = """
    Troops troop NOUN NNS nsubj 1
    shelled shell VERB VBD ROOT 1
    houses house NOUN NNS dobj 1
    in in ADP IN prep 1
    the the DET DT det 5
    village village NOUN NN pobj 3
    of of ADP IN prep 5
    Qwzzyrta Qwzzyrta PROPN NNP pobj 6
    . . PUNCT . punct 1
    """
    doc = parse(vocab, spec)
    loc = locate_in_clause(doc[1], ["ISR", "LBN"], home="LBN")
    assert loc is not None and (loc.place.country, loc.place.level) == ("LBN", "country")
    assert loc.text == "Qwzzyrta"
    assert locate_in_clause(doc[1], ["ISR", "LBN"]) is None  # no country to put it in
    assert home_country("LBN", "LBN") == home_country("", "LBN") == "LBN"
    assert home_country("ISR", "LBN") == ""  # between two countries: not known


def test_a_material_event_takes_its_sentences_nearest_place(vocab):
    spec = """
    Residents resident NOUN NNS nsubj 1
    said say VERB VBD ROOT 1
    gunfire gunfire NOUN NN nsubj 3
    continued continue VERB VBD ccomp 1
    in in ADP IN prep 3
    Bamako Bamako PROPN NNP pobj 4
    , , PUNCT , punct 1
    and and CCONJ CC cc 1
    soldiers soldier NOUN NNS nsubj 9
    seized seize VERB VBD conj 1
    power power NOUN NN dobj 9
    . . PUNCT . punct 1
    """
    doc = parse(vocab, spec)
    loc = locate_in_clause(doc[9], ["MLI"])
    assert loc is not None and loc.place.name == "Bamako"
    assert locate_in_clause(doc[9], ["MLI"], verbal=True) is None  # a statement: not there


def test_on_the_ridge_is_where(vocab):
    spec = """
    Soldiers soldier NOUN NNS nsubj 1
    fought fight VERB VBD ROOT 1
    on on ADP IN prep 1
    the the DET DT det 4
    ridge ridge NOUN NN pobj 2
    near near ADP IN prep 4
    Mingora Mingora PROPN NNP pobj 5
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["PAK"])
    assert loc is not None and loc.place.name == "Mingora"



def test_a_force_event_carries_a_place_to_a_pronouns_next_sentence(test_coder, vocab):
    near = NEAR_TYRE.replace("Hezbollah Hezbollah", "Lebanon Lebanon")
    they = """
    They they PRON PRP nsubj 1
    attacked attack VERB VBD ROOT 1
    Hezbollah Hezbollah PROPN NNP dobj 1
    . . PUNCT . punct 1
    """
    named = they.replace("They they PRON PRP", "Israel Israel PROPN NNP")
    doc = parse(vocab, they)
    assert refers_back(doc[1]) and not refers_back(parse(vocab, named)[1])
    evs = events(test_coder, vocab, near, more=[named])
    assert evs[0].place == "Tyre" and all(e.place == "" for e in evs[1:])


def test_a_bare_name_the_gazetteer_lacks_after_near(vocab):
    spec = """
    Fighters fighter NOUN NNS nsubj 1
    seized seize VERB VBD ROOT 1
    villages village NOUN NNS dobj 1
    near near ADP IN prep 2
    Qwzzyrta Qwzzyrta PROPN NNP pobj 3
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["IRQ"], home="IRQ")
    assert loc is not None and (loc.text, loc.place.name) == ("Qwzzyrta", "Iraq")


def test_the_united_states_is_no_list_of_states(vocab):
    spec = """
    He he PRON PRP nsubj 1
    lived live VERB VBD ROOT 1
    in in ADP IN prep 1
    the the DET DT det 5
    United United PROPN NNP compound 5
    States States PROPN NNP pobj 2
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["TUR"], home="TUR")
    assert loc is not None and loc.place.country == "USA"


def test_in_and_around_a_place(vocab):
    spec = """
    Troops troop NOUN NNS nsubj 1
    recaptured recapture VERB VBD ROOT 1
    territory territory NOUN NN dobj 1
    in in ADP IN prep 2
    and and CCONJ CC cc 3
    around around ADP IN conj 3
    Mingora Mingora PROPN NNP pobj 5
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["PAK"])
    assert loc is not None and loc.place.name == "Mingora"


def test_a_statement_in_a_relative_clause_does_not_take_the_main_clauses_place(vocab):
    spec = """
    Thousands thousand NOUN NNS nsubjpass 2
    were be AUX VBD auxpass 2
    detained detain VERB VBN ROOT 2
    across across ADP IN prep 2
    Turkey Turkey PROPN NNP pobj 3
    after after ADP IN prep 2
    the the DET DT det 7
    coup coup NOUN NN pobj 5
    , , PUNCT , punct 7
    which which PRON WDT dobj 12
    Ankara Ankara PROPN NNP nsubj 12
    has have AUX VBZ aux 12
    blamed blame VERB VBN relcl 7
    on on ADP IN prep 12
    Gulen Gulen PROPN NNP pobj 13
    . . PUNCT . punct 2
    """
    doc = parse(vocab, spec)
    assert locate_in_clause(doc[12], ["TUR"], verbal=True) is None
    loc = locate_in_clause(doc[12], ["TUR"])  # an act in it would be there
    assert loc is not None and loc.place.name == "Turkey"


def test_a_gerund_is_no_coordinated_predicate(vocab):
    spec = """
    Kyiv Kyiv PROPN NNP nsubj 1
    accuses accuse VERB VBZ ROOT 1
    Russia Russia PROPN NNP dobj 1
    of of ADP IN prep 1
    arming arm VERB VBG pcomp 3
    and and CCONJ CC cc 1
    supporting support VERB VBG conj 1
    rebels rebel NOUN NNS dobj 6
    in in ADP IN prep 7
    Donetsk Donetsk PROPN NNP pobj 8
    . . PUNCT . punct 1
    """
    assert locate_in_clause(parse(vocab, spec)[1], ["UKR", "RUS"], verbal=True) is None


def test_into_elsewhere_in_the_sentence_is_no_setting(vocab):
    spec = """
    Israel Israel PROPN NNP nsubj 1
    paused pause VERB VBD ROOT 1
    attacks attack NOUN NNS dobj 1
    to to PART TO aux 4
    allow allow VERB VB advcl 1
    aid aid NOUN NN dobj 4
    into into ADP IN prep 5
    Gaza Gaza PROPN NNP pobj 6
    . . PUNCT . punct 1
    """
    doc = parse(vocab, spec)
    assert locate_in_clause(doc[1], ["ISR", "PSE"]) is None
    loc = locate_in_clause(doc[4], ["ISR", "PSE"])  # the corridor itself goes there
    assert loc is not None and loc.place.country == "PSE"


def test_out_of_a_place_is_a_statements_own_phrase(vocab):
    spec = """
    Rebels rebel NOUN NNS nsubj 1
    offered offer VERB VBD ROOT 1
    troops troop NOUN NNS dative 1
    passage passage NOUN NN dobj 1
    out out ADP IN prep 1
    of of ADP IN prep 4
    Debaltseve Debaltseve PROPN NNP pobj 5
    . . PUNCT . punct 1
    """
    loc = locate_in_clause(parse(vocab, spec)[1], ["UKR"], verbal=True)
    assert loc is not None and loc.place.name == "Debaltseve"


def test_on_after_a_verb_launching_an_attack(vocab):
    spec = """
    Israel Israel PROPN NNP nsubj 1
    launched launch VERB VBD ROOT 1
    airstrikes airstrike NOUN NNS dobj 1
    on on ADP IN prep 1
    Iran Iran PROPN NNP pobj 3
    while while SCONJ IN mark 7
    Iran Iran PROPN NNP nsubj 7
    fired fire VERB VBD advcl 1
    missiles missile NOUN NNS dobj 7
    at at ADP IN prep 7
    Israel Israel PROPN NNP pobj 9
    . . PUNCT . punct 1
    """
    doc = parse(vocab, spec)
    loc = locate_in_clause(doc[1], ["ISR", "IRN"])
    assert loc is not None and loc.place.name == "Iran"

