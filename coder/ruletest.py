"""Rule examples: the sentences each rule must and must not fire on.

A rule's ``examples:`` are coded twice: with the loaded rules, and with that one rule
taken out (a single-mapping rule such as ``targets`` or ``background`` is replaced by
its schema defaults, or by the settings its examples name under ``against:``). The rule
fired when the two outcomes differ: a discard, an event dropped, added or recoded. An
issue tag is not an event: an issue rule fires when its tag is on the sentence's events.

``coder validate --examples`` runs them for a user's rules, tests/test_rule_examples.py
for the shipped ones. Failures are numbered errors (E111) at the examples' file:line.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from . import dictionaries as dicts
from .articles import Article
from .errors import CoderError, SourceLocation

if TYPE_CHECKING:
    from .parse import NLPEngine
    from .pipeline import Coder

# Sections that list rules (each taken out by itself), in the order they are checked.
LIST_SECTIONS = ("discards", "modality", "transformations", "issues")
# Single-mapping rules that carry examples (taken out: replaced by their defaults).
SINGLE_SECTIONS = ("negation", "targets", "matching", "sources", "background", "context",
                   "nominal")

Outcome = tuple[str, list[tuple[str, ...]]]


@dataclass(frozen=True)
class RuleRef:
    """One rule of the loaded set: its section, its name in that section, the rule
    and where it is written."""

    section: str
    id: str
    rule: Any
    location: SourceLocation

    @property
    def name(self) -> str:
        return self.section if self.section in SINGLE_SECTIONS else f"{self.section} {self.id!r}"

    @property
    def examples(self) -> dicts.RuleExamples | None:
        return getattr(self.rule, "examples", None)

    def where(self, key: str) -> SourceLocation:
        """The line of the examples' ``fires:`` or ``does_not_fire:`` in the rule's file."""
        ex = self.examples
        line = ex.line_of(key) if ex is not None else None
        return SourceLocation(self.location.path, line or self.location.line)


def rules(d: dicts.Dictionaries) -> list[RuleRef]:
    """Every rule of ``d`` that can carry examples: the listed rules, and the
    single-mapping rules that a file wrote (not the defaults of a section no file has)."""
    out: list[RuleRef] = []
    for section in LIST_SECTIONS:
        for loc in getattr(d, section):
            entry = loc.entry
            if "examples" not in type(entry).model_fields:
                continue
            out.append(RuleRef(section, entry.issue if section == "issues" else entry.id,
                               entry, loc.location))
    for section in SINGLE_SECTIONS:
        if section in d.rule_locations:
            rule = getattr(d, section)
            if "examples" in type(rule).model_fields:
                out.append(RuleRef(section, section, rule, d.rule_locations[section]))
    return out


def without(d: dicts.Dictionaries, ref: RuleRef) -> dicts.Dictionaries:
    """``d`` with the one rule ``ref`` taken out."""
    out = copy.copy(d)
    if ref.section == "negation":  # its defaults negate: nothing is negated without it
        out.negation = dicts.NegationRule(markers=[], map={}, future=None)
    elif ref.section in SINGLE_SECTIONS:
        setattr(out, ref.section, baseline(ref))
    else:
        setattr(out, ref.section, [loc for loc in getattr(d, ref.section)
                                   if loc.entry is not ref.rule])
    return out


def baseline(ref: RuleRef) -> Any:
    """What a single-mapping rule's examples are coded against: the schema defaults,
    with the settings its examples name under ``against:``."""
    ex = ref.examples
    return type(ref.rule).model_validate(dict(ex.against) if ex and ex.against else {})


def outcome(coder: Coder, text: str, day: dt.date) -> Outcome:
    """What the coder makes of ``text``: the discard that took it, and its events."""
    (result,) = coder.code_articles([Article("example", text, day)])
    return result.discarded_by, sorted(
        (e.source, e.code, e.target, str(e.date), e.issues) for e in result.events)


def show(got: Outcome) -> str:
    discarded, events = got
    if discarded:
        return f"discarded by {discarded!r}"
    if not events:
        return "no event"
    return "; ".join(" ".join(x for x in (s or "-", c, t or "-", f"[{i}]" if i else "")
                              if x) for s, c, t, _, i in events)


def run(ref: RuleRef, coder: Coder, without_coder: Coder | None = None,
        cache: dict[tuple[str, dt.date], Outcome] | None = None) -> list[CoderError]:
    """The examples of ``ref`` that fail, as E111 errors at the examples' file:line.
    ``coder`` has every rule; ``without_coder`` the rule taken out (built when not given;
    an issue rule needs none). ``cache`` keeps ``coder``'s outcomes between rules."""
    ex = ref.examples
    if ex is None:
        return []
    cache = {} if cache is None else cache

    def full(text: str) -> Outcome:
        key = (text, ex.date)
        if key not in cache:
            cache[key] = outcome(coder, text, ex.date)
        return cache[key]

    errors: list[CoderError] = []

    def fail(key: str, message: str) -> None:
        errors.append(CoderError(f"{ref.name}: {message}", location=ref.where(key),
                                 code="E111"))

    if ref.section == "issues":
        for key, want in (("fires", True), ("does_not_fire", False)):
            for text in getattr(ex, key):
                got = full(text)
                tagged = [ev for ev in got[1] if ref.id in ev[4].split(";")]
                if not got[1]:
                    fail(key, f"codes no event, so no issue tag, in: {text!r}")
                elif bool(tagged) != want:
                    fail(key, f"should {'' if want else 'not '}tag {ref.id} in: {text!r}\n"
                              f"  got {show(got)}")
        return errors
    if ref.section in SINGLE_SECTIONS and ex.against:
        try:
            baseline(ref)
        except ValidationError as exc:
            fail("against", f"examples.against: {exc.errors()[0]['msg']}")
            return errors
    elif ex.against:
        fail("against", "examples.against is for single-mapping rules (targets, "
                        "matching ...); a listed rule is taken out")
        return errors
    if without_coder is None:
        from .pipeline import Coder

        without_coder = Coder(loaded=without(coder.dictionaries, ref), engine=coder.engine,
                              locate=coder.locate)
    for text in ex.fires:
        got = full(text)
        if got == outcome(without_coder, text, ex.date):
            fail("fires", f"should fire on: {text!r}\n  got {show(got)} either way")
    for text in ex.does_not_fire:
        got = full(text)
        other = outcome(without_coder, text, ex.date)
        if got != other:
            fail("does_not_fire", f"should not fire on: {text!r}\n  with it: {show(got)}; "
                                  f"without it: {show(other)}")
    return errors


@dataclass
class Report:
    """What ``check`` ran: the rules with examples, those without, and the failures."""

    checked: list[RuleRef]
    missing: list[RuleRef]
    sentences: int
    errors: list[CoderError]


def check(d: dicts.Dictionaries, engine: NLPEngine | None = None,
          only: Iterable[RuleRef] | None = None) -> Report:
    """Run the examples of every rule of ``d`` (or of the rules ``only`` names)."""
    from .pipeline import Coder

    coder = Coder(loaded=d, engine=engine, locate=False)
    refs = list(only) if only is not None else rules(d)
    checked = [r for r in refs if r.examples is not None]
    cache: dict[tuple[str, dt.date], Outcome] = {}
    errors: list[CoderError] = []
    for ref in checked:
        errors.extend(run(ref, coder, cache=cache))
    return Report(checked, [r for r in refs if r.examples is None],
                  sum(len(r.examples.fires) + len(r.examples.does_not_fire)
                      for r in checked if r.examples is not None), errors)
