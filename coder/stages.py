"""The grammar as named stages: every matched verb of a sentence becomes a
:class:`Candidate` that passes through the stages of :data:`STAGES`, in that order.

A stage is a small function ``(candidate, sentence) -> candidate | Drop(reason)``. It
reads and fills the candidate's fields (code, date, sources, targets, pairs, events);
a :class:`Drop` ends the candidate, and its reason is the verb's outcome in
``coder explain``. What the stages share about the sentence (the rules, the parse, its
actors, and what earlier candidates left: verbs consumed, dates) is the explicit
:class:`Sentence` context. Candidates run one after the other, shallowest verb first,
so a coded verb consumes its complement before the complement's turn.

Every candidate keeps a stage log (``VerbTrace.stages``): which stage changed or
dropped it and why (and, when explaining, which stages kept it as it was). After the
last candidate, :data:`SENTENCE_STAGE` settles reported speech over the whole sentence.

A new stage is one function and one line in :data:`STAGES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import Actor, ActorResolver
from .dates import event_date
from .dictionaries import ModalityRule
from .roles import (
    NO_ACTOR,
    UNKNOWN_DOER,
    Coded,
    GrammarRules,
    StageStep,
    VerbTrace,
    aux_words,
    clash_sides,
    depth,
    mapped_code,
    own_subject,
)
from .verbs import CLAUSE_DEPS, VerbMatch, is_passive, to_infinitive

FORCE = ("18", "19", "20")  # CAMEO roots of force: assault, fight, mass violence
PROTEST = ("14", "17")  # protest and coerce: done by and to people where it happens


@dataclass(frozen=True)
class Drop:
    """A stage's verdict that the candidate gives no event, and why."""

    reason: str


@dataclass
class Sentence:
    """What the stages share about one sentence: the rules, the parse, its actors (the
    resolver), the article's date, and what earlier candidates left behind."""

    rules: GrammarRules
    sent: Doc | Span
    actors: ActorResolver
    article_date: dt.date
    tracing: bool = False  # log the stages that keep a candidate as it was, too
    consumed: set[int] = field(default_factory=set)  # verbs inside a coded verb's complement
    dated: dict[int, tuple[dt.date, str]] = field(default_factory=dict)  # verb -> its date


@dataclass
class Candidate:
    """One matched verb on its way through the stages."""

    verb: Token
    match: VerbMatch
    trace: VerbTrace
    code: str = ""
    when: tuple[dt.date, str] | None = None  # the date named for it, and the words
    modal: ModalityRule | None = None  # the modality rule that applies
    gov: Token | None = None  # the governing verb the modality rule fired through
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    via_clause: bool = False  # the target is a reported clause's subject
    weak: bool = False  # no target: gives way to anything coded in its complement
    clash: bool = False  # two sides of a fight, each the other's target
    provisional: bool = False  # untargeted, kept only as a reporter's accusation
    pairs: list[tuple[Actor, Actor]] = field(default_factory=list)
    made: list[Coded] = field(default_factory=list)  # its events, as the grammar made them
    events: list[Coded] = field(default_factory=list)  # ... after transformation
    held: bool = False  # reported speech: settled once the whole sentence is coded
    stage: str = ""  # the stage it is in

    @property
    def family(self) -> bool:
        """Is the event the governing verb's family's ("refused to release")?"""
        return self.modal is not None and self.modal.source == "head" and self.gov is not None

    @property
    def log(self) -> list[StageStep]:
        return self.trace.stages

    def note(self, why: str) -> None:
        """Log that the current stage changed the candidate, and why."""
        self.log.append(StageStep(self.stage, "changed", why))


@dataclass(frozen=True)
class Stage:
    """A named step of the grammar, with a one-line description."""

    name: str
    doc: str
    run: Callable[[Candidate, Sentence], Candidate | Drop]


@dataclass(frozen=True)
class SentenceStage:
    """A named step over all the candidates of a sentence, after the per-verb stages."""

    name: str
    doc: str
    run: Callable[[list[Candidate], Sentence], list[Coded]]


def _codes(actors: list[Actor]) -> str:
    return ", ".join(a.code or "(none)" for a in actors) or "none"


# -- the driver ----------------------------------------------------------------
def code_sentence(rules: GrammarRules, sent: Doc | Span, resolver: ActorResolver,
                  article_date: dt.date, trace: list[VerbTrace] | None = None) -> list[Coded]:
    """The events of one parsed sentence: each candidate through :data:`STAGES`, then
    :data:`SENTENCE_STAGE`. ``trace`` collects every verb considered (explain)."""
    ctx = Sentence(rules, sent, resolver, article_date, tracing=trace is not None)
    kept = [c for c in candidates(ctx, trace) if run_stages(c, ctx)]
    return SENTENCE_STAGE.run(kept, ctx)


def candidates(ctx: Sentence, trace: list[VerbTrace] | None) -> list[Candidate]:
    """The sentence's verbs that a dictionary entry matched, shallowest first. A verb
    with no match gets only a trace line (when tracing)."""
    verbs = ctx.rules.verbs
    toks = [t for t in ctx.sent if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
            and (t.pos_ == "VERB" or t.dep_ in CLAUSE_DEPS)]
    if trace is None:  # only verbs with an entry matter; the trace reports the others
        toks = [t for t in toks if verbs.candidates(t)]
    toks.sort(key=lambda t: (depth(t), t.i))
    out: list[Candidate] = []
    for verb in toks:
        m = verbs.match(verb)
        if m is None:
            if trace is not None and verb.pos_ == "VERB":
                why = ("no pattern matched and the entry has no default code"
                       if verbs.candidates(verb) else "no verb entry")
                trace.append(VerbTrace(verb.text, verb.i, outcome=why))
            continue
        vt = VerbTrace(verb.text, verb.i, f"{m.entry.verb} ({m.entry.located()})",
                       m.pattern_id, m.code, tried=m.tried)
        if trace is not None:
            trace.append(vt)
        out.append(Candidate(verb, m, vt, code=m.code or ""))
    return out


def run_stages(c: Candidate, ctx: Sentence) -> Candidate | None:
    """``c`` through every stage in order; None once a stage drops it."""
    for stage in STAGES:
        c.stage = stage.name
        before = len(c.log)
        out = stage.run(c, ctx)
        if isinstance(out, Drop):
            c.log.append(StageStep(stage.name, "dropped", out.reason))
            c.trace.outcome = out.reason
            return None
        if ctx.tracing and len(c.log) == before:
            c.log.append(StageStep(stage.name, "kept"))
        c = out
    return c


# -- the stages, in their order --------------------------------------------------
def consumed(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.verb.i in ctx.consumed:
        return Drop("part of a coded verb's complement")
    return c


def blocking_pattern(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.match.code is None:
        ctx.rules.consume(c.verb, c.match, ctx.consumed)
        return Drop(f"pattern {c.match.pattern_id} codes no event")
    return c


def date(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    verb = c.verb
    c.when = event_date(verb, ctx.article_date)
    if c.when is None and verb.dep_ == "conj" and verb.head.i in ctx.dated:
        c.when = ctx.dated[verb.head.i]
        c.note(f"dated as the verb it is coordinated with: {c.when[1]!r}")
    elif c.when is not None:
        c.note(f"dated by {c.when[1]!r}: {c.when[0].isoformat()}")
    if c.when is not None:
        ctx.dated[verb.i] = c.when
    return c


def negation(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    rules, m = ctx.rules, c.match
    if not rules.negated(c.verb):
        return c
    neg = rules.d.negation
    mapped = m.pattern.negated if m.pattern is not None else None
    mapped = mapped or neg.map.get(c.code)
    if mapped is None and neg.future and aux_words(c.verb) & set(neg.future_auxiliaries):
        rule = next((r for r in rules.modality if r.id == neg.future), None)
        mapped = mapped_code(rule, c.code) if rule is not None else None
        if mapped is not None:  # the refusal is announced now: article date
            c.when = None
    if mapped is None and neg.default == "drop":
        return Drop("negated (rules: negation default drop)")
    c.note(f"negated: {c.code} -> {mapped or c.code}")
    c.code = mapped or c.code
    return c


def defer(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.match.pattern is None and (inner := ctx.rules.defers(c.verb)) is not None:
        return Drop(f"gives way to its complement {inner.text!r} (rules: modality)")
    return c


def modality(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    rules = ctx.rules
    c.modal, c.gov = rules.modality_of(c.verb, c.code)
    modal, gov = c.modal, c.gov
    if modal is None:
        return c
    if modal.action == "drop":
        return Drop(f"modality {modal.id!r}: dropped")
    old = c.code
    if modal.action in ("map", "combine"):
        c.code = (rules.family_code(modal, gov, c.code) if gov is not None
                  else mapped_code(modal, c.code)) or c.code
    c.when = None  # a planned action is dated by its announcement
    through = f" through {gov.text!r}" if gov is not None else ""
    c.note(f"modality {modal.id!r}{through}: {old} -> {c.code}, dated by the article")
    return c


def family_roles(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if not c.family:
        return c
    assert c.modal is not None and c.gov is not None
    if ctx.rules.negated(c.gov):
        return Drop(f"modality {c.modal.id!r}: {c.gov.text!r} is negated")
    c.when = event_date(c.gov, ctx.article_date)  # the refusal's, appeal's ... day
    c.sources, c.targets = ctx.rules.family_roles(c.modal, c.gov, c.verb, c.match, ctx.actors)
    c.note(f"roles of {c.gov.text!r}'s family: source {_codes(c.sources)}, "
           f"target {_codes(c.targets)}")
    return c


def slots(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.family:
        return c
    rules, m, verb, r = ctx.rules, c.match, c.verb, ctx.actors
    c.sources = rules.subject(verb, r)
    if m.pattern is not None and m.pattern.source:  # "freed from Barad-dur"
        for slot in m.pattern.source:
            c.sources = rules.slot(slot, verb, m, r)
            if c.sources:
                break
    c.targets = []
    for slot in m.target_slots:
        c.targets = rules.slot(slot, verb, m, r)
        if c.targets:
            c.via_clause = slot == "clause_subject"
            # "Colombia and the ELN resumed talks in Havana": a mutual act of a
            # coordinated subject, not an act on the first actor found after it
            if slot == "any" and m.reciprocal and len(c.sources) >= 2:
                c.targets = []
            break
    c.note(f"source {_codes(c.sources)}, target {_codes(c.targets)}")
    return c


def attack_owner(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.sources or c.modal is not None:
        return c
    c.sources = ctx.rules.attack_owner(c.verb, ctx.actors)
    if c.sources:
        c.note(f"source {_codes(c.sources)}: whoever owns the attack")
        return c
    c.sources = ctx.rules.passive_source(c.verb, ctx.actors)
    if c.sources:
        c.note(f"source {_codes(c.sources)}: the place of a passive (rules: sources)")
    elif c.code[:2] in FORCE:
        sides = clash_sides(c.verb, ctx.actors)  # "ten soldiers and six rebels were
        if sides:  # killed in clashes": each side fought the other
            c.sources, c.targets, c.clash = sides, [], True
            c.note(f"two sides of a clash: {_codes(sides)}")
    return c


def location(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    rules, verb, r = ctx.rules, c.verb, ctx.actors
    before = (c.sources, c.targets)
    if c.code[:2] in PROTEST and c.sources:  # "thousands marched in Tbilisi",
        c.sources = rules.located(c.sources, verb, r)  # "police in Moscow"
        if c.targets:
            c.targets = rules.located(c.targets, verb, r)
    elif c.code[:2] in FORCE and c.targets:  # "four civilians were killed
        c.targets = rules.located(c.targets, verb, r)  # in shelling in Yemen"
    if c.sources and all(s.role in rules.d.targets.domestic and not s.country
                         for s in c.sources):  # "police fired tear gas in Nairobi":
        c.sources = rules.located(c.sources, verb, r)  # Kenya's police act
    if (c.sources, c.targets) != before:
        c.note(f"where it happens: source {_codes(c.sources)}, target {_codes(c.targets)}")
    return c


def unknown_doer(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if (not c.sources and c.modal is None and c.targets and is_passive(c.verb)
            and any(c.code.startswith(r) for r in ctx.rules.d.context.passive_doer_roots)):
        # "ministers were arrested": no doer named; the context stage gives it
        # the doer of the story's latest act of force, or drops the event
        c.sources = [UNKNOWN_DOER]
        c.note("an agentless passive act of force: the doer is left to the story context")
    return c


def source_required(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    return c if c.sources else Drop("no source actor")


def self_target(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.targets and {t.code for t in c.targets} <= {s.code for s in c.sources}:
        c.targets = []  # only the doer again: as good as no target
        c.note("the target is only the source again: no target")
    return c


def domestic(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.targets and ctx.rules.d.targets.domestic:
        before = c.targets
        c.targets = ctx.rules.domestic(c.sources, c.targets)
        if c.targets != before:
            c.note(f"acted on at home: target {_codes(c.targets)}")
    return c


def pairing(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    rules, m, sources = ctx.rules, c.match, c.sources
    if c.targets:
        c.pairs = [(s, t) for s in sources for t in c.targets]
        return c
    if (c.clash or m.reciprocal or m.reverse or (
            rules.d.targets.mutual and not m.entry.speech and c.code[:2] != "01"
            and not any(k.dep_ == "ccomp" for k in c.verb.children)  # "A and B said"
            and own_subject(c.gov if c.family and c.gov is not None else c.verb))
            ) and len(sources) >= 2:  # "A and B met": each meets the other
        c.pairs = [(s, t) for s in sources for t in sources if s is not t]
        c.note("no target: the coordinated sources act on each other")
    elif m.target_optional:  # "thousands demonstrated": no target, still an event
        c.pairs = [(s, NO_ACTOR) for s in sources]
        c.note("no target, and the pattern needs none")
    elif m.target_optional is None and rules.untargeted(c.verb, m, c.code, c.family,
                                                        sources, ctx.actors):
        c.pairs = [(s, NO_ACTOR) for s in sources]
        c.weak = True
        c.note("no target (rules: targets): kept unless its complement is coded")
    return c


def swap(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    m = c.match
    if m.pattern is not None and m.pattern.swap:  # "received aid from Y": Y gave it
        c.pairs = [(t, s) for s, t in c.pairs if t.code]
        c.note("the pattern swaps source and target")
    c.pairs = [(s, t) for s, t in c.pairs if s.code != t.code]
    return c


def accusation(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if not c.pairs and ctx.rules.accusable(c.verb, c.match.code or c.code):
        # "Egypt said Libya had attacked": no target, but what is reported
        # makes the reporter's accusation (kept only if transformed)
        c.pairs = [(s, NO_ACTOR) for s in c.sources]
        c.provisional = True
        c.note("no target, but its reporter would accuse the doer: provisional")
    if not c.pairs:
        return Drop("no target actor" if not c.targets else "source and target are the same")
    return c


def events(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    when, m = c.when, c.match
    coded = [(s, t, c.code) for s, t in c.pairs]
    # the reverse event: "visited" is also a hosting, but not "agreed to visit"
    if m.reverse and c.targets and not c.family:
        coded += [(t, s, m.reverse) for s, t in c.pairs if t.code]
    day, words = when if when else (ctx.article_date, "")
    c.made = [Coded(s, t, code, c.verb, m, day, words) for s, t, code in coded]
    c.trace.outcome = f"{len(c.made)} event(s)"
    c.note(", ".join(f"{e.source.code} {e.code} {e.target.code or '-'}" for e in c.made))
    return c


def speech(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.match.entry.speech or c.via_clause or c.weak:  # "X claimed Y attacked Z": Y's event
        c.held = True
        c.note("reported speech (or no target): settled after the whole sentence")
    return c


def consume(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if not c.via_clause and not c.weak:  # a reported clause's verbs are still coded
        before = len(ctx.consumed)
        ctx.rules.consume(c.verb, c.match, ctx.consumed)
        if len(ctx.consumed) != before:
            c.note("its complement is part of this event")
    return c


def transform(c: Candidate, ctx: Sentence) -> Candidate | Drop:
    if c.held:
        c.events = c.made
        return c
    c.events = []
    for ev in c.made:
        new = ctx.rules.transformed(ev, c.provisional, ctx.actors, ctx.article_date)
        if new is not None:
            c.note(f"reported by {new[0].verb.text!r}: " + ", ".join(
                f"{e.source.code} {e.code} {e.target.code or '-'}" for e in new)
                   if new else f"reported by {ev.verb.text!r}: no event left")
        c.events.extend(new if new is not None else [ev])
    return c


def reported_speech(cands: list[Candidate], ctx: Sentence) -> list[Coded]:
    """Drop provisional events no transformation took; keep a speech verb's own event only
    if nothing it reports was coded; all in the order of the verbs."""
    provisional = {c.verb.i for c in cands if c.provisional}
    told = [c for c in cands if not c.held]
    after = [e for c in told for e in c.events]
    untransformed = provisional & {e.verb.i for e in after}  # dropped: never coded
    coded_verbs = {e.verb.i for c in told for e in c.made if e.verb.i not in untransformed}
    events = [e for e in after if e.verb.i not in untransformed]
    for c in told:
        if c.verb.i in untransformed:
            c.log.append(StageStep("reported_speech", "dropped", "provisional, not transformed"))
    held = [c for c in cands if c.held]
    sources_at = {e.verb.i: {e.source.code} for e in events}
    for c in held:
        sources_at.setdefault(c.verb.i, set()).update(e.source.code for e in c.made)
    for c in held:
        why = _speech_gives_way(c, coded_verbs, sources_at)
        if why:
            c.log.append(StageStep("reported_speech", "dropped", why))
            continue
        events.extend(c.made)
    events.sort(key=lambda e: e.verb.i)
    return events


def _speech_gives_way(c: Candidate, coded_verbs: set[int],
                      sources_at: dict[int, set[str]]) -> str:
    """Why a held event gives way to what it reports, or "" when it is kept."""
    verb = c.verb
    deps = ("ccomp", "parataxis", "xcomp", "advcl") if c.weak else (
        "ccomp", "parataxis", "xcomp")  # "opened fire, killing two": the killing
    inner = {t.i for k in verb.children if k.dep_ in deps for t in k.subtree}
    if inner & coded_verbs:
        return "what it reports (or its complement) was coded"
    if (c.weak and (verb.dep_ == "xcomp" or verb.dep_ == "advcl"
                    and to_infinitive(verb))  # "vowed to fight": the fighting
            and sources_at.get(verb.head.i, set()) & {e.source.code for e in c.made}):
        return "what its governing verb's doer vowed, not an event of its own"
    return ""


# -- the order ---------------------------------------------------------------------
STAGES: tuple[Stage, ...] = (
    Stage("consumed", "a verb inside a coded verb's complement is part of that event", consumed),
    Stage("blocking_pattern", "a pattern without a code blocks the event", blocking_pattern),
    Stage("date", "the date named for the verb, or for the verb it is coordinated with", date),
    Stage("negation", "a negated verb is recoded or dropped (rules/negation.yaml)", negation),
    Stage("defer", "a family head with its default code gives way to its complement", defer),
    Stage("modality", "a modality rule recodes or drops the verb (rules/modality.yaml)",
          modality),
    Stage("family_roles", "a family event's source and target are its head's", family_roles),
    Stage("slots", "source from the subject, target from the pattern's first filled slot",
          slots),
    Stage("attack_owner", "no subject: whoever owns the attack, or the two sides of a clash",
          attack_owner),
    Stage("location", "bare roles take the country where it happens", location),
    Stage("unknown_doer", "an agentless passive act of force: the doer is left to context",
          unknown_doer),
    Stage("source_required", "no source actor, no event", source_required),
    Stage("self_target", "a target that is only the source again is no target", self_target),
    Stage("domestic", "courts, parliaments and police act on their own country", domestic),
    Stage("pairing", "source-target pairs, mutual pairs, or an untargeted event", pairing),
    Stage("swap", "a swapping pattern turns pairs round; no actor acts on itself", swap),
    Stage("accusation", "no pair: the reporter's accusation, if one is made, else dropped",
          accusation),
    Stage("events", "the pairs become events, with the reverse event", events),
    Stage("speech", "reported speech and untargeted events are held for the sentence", speech),
    Stage("consume", "a coded verb consumes its complement", consume),
    Stage("transform", "a reported event becomes the reporter's (rules/transformations.yaml)",
          transform),
)
SENTENCE_STAGE = SentenceStage(
    "reported_speech", "a speech verb's own event only if nothing it reports was coded",
    reported_speech)
