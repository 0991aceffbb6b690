"""YAML dictionaries and rules: schemas, loading, merging, validation.

A dictionary directory holds any number of ``*.yaml`` files. Each file has one
or more top-level sections:

``cameo``    the CAMEO event-code table (code, name, Goldstein weight, quad class)
``actors``   countries, people, organizations (names and dated codes)
``agents``   role nouns that combine with a country ("prime minister" -> GOV)
``verbs``    verb lemmas with default codes and refining patterns
``modality`` / ``negation`` / ``targets`` / ``matching`` / ``discards`` / ``issues`` /
``transformations``   rules (usually under ``rules/``)
``policy``   whose semantics the rules follow: ``native`` (this project's, the
             default) or ``petrarch2`` (PETRARCH-2's, which an imported set asks for)
``about``    free text for humans; ignored by the coder

Any rule or entry may carry ``policy: native`` or ``policy: petrarch2``: it is
loaded only under that policy. No other rule switches a shipped rule off.

Every entry is validated by a pydantic model. Errors carry ``file:line`` and
all errors of a load are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import CoderError, DictionaryError, ErrorCollection, SourceLocation
from .resources import data_path
from .yamlio import LineDict, load_yaml

# In a clone: the repository's top-level folders; installed: coder/_data/ (see resources.py).
SHIPPED_DICTIONARIES = data_path("dictionaries")
SHIPPED_RULES = data_path("rules")
PACKAGE_ROOT = SHIPPED_DICTIONARIES.parent

# Whose semantics the rules follow (rules/policy.yaml; an imported PETRARCH set says
# ``policy: petrarch2``). A rule marked with one policy is loaded only under it.
Policy = Literal["native", "petrarch2"]
POLICIES: tuple[str, ...] = get_args(Policy)
DEFAULT_POLICY: Policy = "native"

EVENT_CODE = re.compile(r"^\d{2,4}$")
ACTOR_CODE = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")
SLOT = re.compile(
    r"^(dobj|dative|attr|word_owner|word_object|any|clause_subject|subject|prep:[a-z]+)$")
# Particles and prepositions that may follow a verb lemma in ``verb: call for``.
PARTICLES = frozenset(
    "about across after against along apart around aside at away back by down for forward "
    "from in into off on onto out over through to toward towards under up upon with "
    "without".split()
)


def root_of(code: str) -> str:
    return code[:2]


def quad_of(code: str) -> int | None:
    """CAMEO quad class: 1 verbal coop (01-05), 2 material coop (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20); None outside CAMEO."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        return None
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)
    # Where the entry was written, for explain and lint messages.
    _line: int | None = PrivateAttr(default=None)
    _file: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_line(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, LineDict):
            obj._line = data.line
        return obj

    def located(self) -> SourceLocation | None:
        return SourceLocation(self._file, self._line) if self._file else None


def _actor_code(value: str) -> str:
    if not isinstance(value, str) or not ACTOR_CODE.match(value):
        raise ValueError(
            f"actor code {value!r} must be upper-case letters in groups of three, e.g. IRNGOV"
        )
    return value


def _event_code(value: Any) -> str:
    if isinstance(value, int):
        raise ValueError(f"event code {value!r} must be quoted, e.g. \"{value:03d}\"")
    if not isinstance(value, str) or not EVENT_CODE.match(value):
        raise ValueError(f"event code {value!r} must be 2 to 4 digits, e.g. \"040\"")
    return value


def _code_map(value: Any) -> Any:
    """A {code: code} mapping of rules (modality, negation), both sides checked.
    "=" keeps the code ("pledged to expel" is the expulsion)."""
    if isinstance(value, dict):
        return {_event_code(k): c if c == "=" else _event_code(c) for k, c in value.items()}
    return value


def _phrases(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError("expected a phrase or a list of phrases")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"phrase {item!r} must be non-empty text")
        out.append(" ".join(item.split()))
    return out


class CameoCode(_Model):
    code: str
    name: str
    goldstein: float | None = Field(ge=-10, le=10)  # null for codes outside CAMEO's scale
    quad: int | None = Field(default=None, ge=1, le=4)

    _check_code = field_validator("code", mode="before")(_event_code)

    @model_validator(mode="after")
    def _fill_quad(self) -> CameoCode:
        if self.quad is None and int(self.code[:2]) <= 20:
            self.quad = quad_of(self.code)
        return self


class Role(_Model):
    code: str
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")

    _check_code = field_validator("code", mode="before")(_actor_code)

    def covers(self, day: dt.date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class ActorEntry(_Model):
    """A named actor: a country, a person or an organization."""

    name: str
    type: Literal["country", "person", "organization", "group"] = "organization"
    code: str | None = None
    names: list[str] = []
    adjectives: list[str] = []
    capitals: list[str] = []
    roles: list[Role] = []
    note: str | None = None

    _check_code = field_validator("code", mode="before")(
        lambda v: None if v is None else _actor_code(v)
    )
    _check_phrases = field_validator("names", "adjectives", "capitals", mode="before")(_phrases)

    @model_validator(mode="after")
    def _has_code(self) -> ActorEntry:
        if not self.code and not self.roles:
            raise ValueError(
                f"actor {self.name!r} needs a 'code' or at least one dated 'roles' item")
        if self.type == "country" and (not self.code or len(self.code) != 3):
            raise ValueError(f"country {self.name!r} needs a three-letter 'code'")
        return self

    def code_on(self, day: dt.date | None) -> str | None:
        """The actor's code on ``day``: the first role that covers it, else ``code``."""
        for role in self.roles:
            if role.covers(day) or (day is None and role.end is None):
                return role.code
        return self.code


class AgentEntry(_Model):
    """A role noun that combines with a country: ``Iranian`` + ``leader`` -> IRNGOV."""

    code: str
    names: list[str]
    prefix: bool = False
    person: bool = True
    plurals: list[str] | None = None
    note: str | None = None

    _check_code = field_validator("code", mode="before")(_actor_code)
    _check_phrases = field_validator("names", mode="before")(_phrases)


Slot = str


def _slots(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError("target must be a slot or a list of slots")
    for slot in value:
        if not isinstance(slot, str) or not SLOT.match(slot):
            raise ValueError(
                f"unknown slot {slot!r}; use dobj, dative, attr, word_owner, "
                "word_object, any, clause_subject, subject or prep:<preposition>"
            )
    return value


class Pattern(_Model):
    """A refinement of a verb's code. All given conditions must hold."""

    id: str | None = None
    code: str | None  # null: the pattern matches and blocks the event (PETRARCH's [---])
    passive: str | None = None  # code when the verb is in the passive voice
    reverse: str | None = None  # also code target -> source with this code ("met": 040:040)
    object: list[str] = []
    prep: str | None = None
    prep_words: list[str] = []  # one of these inside the prep's own phrase ("in protest")
    words: list[str] = []
    and_words: list[list[str]] = []  # each list must also match ("letters" + "on" + "economic")
    subject: list[str] = []  # words in the subject's phrase ("death toll" + "rise")
    reciprocal: bool | None = None  # "A and B postponed their meeting": A->B and B->A
    target: list[str] | None = None
    source: list[str] | None = None  # where the source is, when not the subject
    target_optional: bool | None = None  # code even when no target is found
    swap: bool | None = None  # the target did it: "X received aid from Y" = Y 070 X
    # code when the verb is negated, before rules/negation.yaml: "did not rule out
    # force" is a threat (138), whatever a negated 0356 means elsewhere
    negated: str | None = None

    _check_code = field_validator("code", "passive", "reverse", "negated", mode="before")(
        lambda v: None if v is None else _event_code(v)
    )
    _check_object = field_validator("object", "words", "subject", "prep_words",
                                    mode="before")(_phrases)
    _check_target = field_validator("target", "source", mode="before")(
        lambda v: None if v is None else _slots(v)
    )

    @field_validator("and_words", mode="before")
    @classmethod
    def _groups(cls, v: Any) -> Any:
        if not isinstance(v, list):
            raise ValueError("and_words is a list of phrase lists: [[letters], [economic]]")
        return [_phrases(g) for g in v]

    @field_validator("prep")
    @classmethod
    def _lower_prep(cls, v: str | None) -> str | None:
        return v.lower() if v else v

    @property
    def phrases(self) -> int:
        """How many verb + phrase lines this pattern stands for, PETRARCH's way of
        counting patterns: one per combination of its alternative phrases."""
        n = (max(1, len(self.object)) * max(1, len(self.words)) * max(1, len(self.subject))
             * max(1, len(self.prep_words)))
        for group in self.and_words:
            n *= max(1, len(group))
        return n

    @model_validator(mode="after")
    def _not_empty(self) -> Pattern:
        if not (self.object or self.prep or self.words or self.subject or self.reciprocal):
            raise ValueError("a pattern needs at least one of 'object', 'prep', 'words', "
                             "'subject' or 'reciprocal'")
        return self


class VerbEntry(_Model):
    """A verb lemma (or ``lemma particle``) with a default code and patterns."""

    verb: str
    forms: list[str] = []
    code: str | None = None
    passive: str | None = None
    reverse: str | None = None
    target: list[str] = ["dobj", "any"]
    # true: code even with no target; false: never; unset: rules/targets.yaml decides
    target_optional: bool | None = None
    reciprocal: bool = False
    speech: bool = False
    patterns: list[Pattern] = []
    note: str | None = None

    _check_code = field_validator("code", "passive", "reverse", mode="before")(
        lambda v: None if v is None else _event_code(v)
    )
    _check_target = field_validator("target", mode="before")(_slots)
    _check_forms = field_validator("forms", mode="before")(_phrases)

    @field_validator("verb")
    @classmethod
    def _verb_shape(cls, v: str) -> str:
        words = v.lower().split()
        if not words or len(words) > 2 or (len(words) == 2 and words[1] not in PARTICLES):
            raise ValueError(
                f"verb {v!r} must be a lemma, optionally followed by a particle "
                "('call for', 'pull out'); put nouns in a pattern's 'object'"
            )
        return " ".join(words)

    @model_validator(mode="after")
    def _has_code(self) -> VerbEntry:
        if self.code is None and not self.patterns:
            raise ValueError(f"verb {self.verb!r} needs a default 'code' or some 'patterns'")
        return self

    @property
    def lemma(self) -> str:
        return self.verb.split()[0]

    @property
    def particle(self) -> str | None:
        parts = self.verb.split()
        return parts[1] if len(parts) > 1 else None


class RuleExamples(_Model):
    """Sentences (or, for a story discard, stories) a rule must and must not fire on.
    coder/ruletest.py (``coder validate --examples``, tests/test_rule_examples.py) codes
    each with the rule and without it: the rule fires when the two differ."""

    fires: list[str] = Field(min_length=1)
    does_not_fire: list[str] = Field(min_length=1)
    date: dt.date = dt.date(2024, 3, 12)  # the article date the examples are coded with
    # a single-mapping rule (targets, matching ...) is taken out by coding against its
    # schema defaults; these settings replace some of them (when the rule's own settings
    # are the defaults, as matching's `patterns: first` is)
    against: dict[str, Any] = {}
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_key_lines(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, LineDict):
            obj._key_lines = dict(data.key_lines)
        return obj

    def line_of(self, key: str) -> int | None:
        """The line of ``fires:`` or ``does_not_fire:`` (else of the examples)."""
        return self._key_lines.get(key) or self._line


class _Modality(_Model):
    """What every kind of modality rule has: an id, what it does to the verb's event,
    and its examples. A field the kind does not read is an error, not ignored."""

    id: str
    # drop: no event; map: recode by full code, else by root ("=" keeps the code);
    # keep: code as usual; combine (family rules): rules/combination.yaml codes it
    action: Literal["drop", "map", "keep", "combine"]
    map: dict[str, str] = {}
    note: str | None = None
    examples: RuleExamples | None = None

    _check_map = field_validator("map", mode="before")(lambda v: _code_map(v))

    @model_validator(mode="after")
    def _check_kind(self) -> _Modality:
        if self.action == "combine" and self.source != "head":
            raise ValueError(f"modality {self.id!r}: 'action: combine' needs 'source: head'")
        if self.both and not (self.heads and self.auxiliaries):
            raise ValueError(f"modality {self.id!r}: 'both' needs auxiliaries and heads")
        return self

    if TYPE_CHECKING:  # each kind has these, as fields or as what it does not read
        kind: str
        source: str
        target: str
        auxiliaries: Sequence[str]
        heads: Sequence[str]
        clause: Sequence[str]
        both: bool
        needs_object: bool
        only_mapped: bool
        inside: Sequence[str]
        conditions: Sequence[str]


class AuxiliaryRule(_Modality):
    """``kind: auxiliary`` (the default): an auxiliary ("will meet") or a governing verb
    ("plans to visit") makes the verb future, planned or hypothetical; the event stays
    the verb's own."""

    kind: Literal["auxiliary"] = "auxiliary"
    source: Literal["verb"] = "verb"  # the verb's own doer (``head`` makes a family rule)
    auxiliaries: list[str] = []
    heads: list[str] = []
    clause: list[str] = ["xcomp"]  # how the verb hangs from one of the heads
    both: bool = False  # an auxiliary *and* a head are needed ("said Iran must ...")
    needs_object: bool = False  # the head must have an object ("wants Iran to stop")
    # a `map` rule that fires only for the codes its map covers; other codes fall
    # through to the next rule
    only_mapped: bool = False
    # not read by this kind
    target: ClassVar[str] = "verb"
    inside: ClassVar[tuple[str, ...]] = ()
    conditions: ClassVar[tuple[str, ...]] = ()


class FamilyRule(_Modality):
    """``kind: family`` (or ``source: head``): the governing verb's subject is the
    source of one event coded by the map ("Iran refused to release the sailors" -> IRN
    1243), and the governing verb gives way to its complement when the map covers the
    complement's code. ``combine``: the code is the governing verb's and the
    complement's codes combined by rules/combination.yaml ("intends to send aid" =
    033)."""

    kind: Literal["family"] = "family"
    source: Literal["head"] = "head"
    heads: list[str] = Field(min_length=1)
    clause: list[str] = ["xcomp"]
    both: bool = False  # an auxiliary of the complement is needed too
    auxiliaries: list[str] = []  # read only with `both`
    needs_object: bool = False
    target: Literal["verb", "head_object", "clause_subject"] = "verb"
    # not read by this kind
    only_mapped: ClassVar[bool] = False
    inside: ClassVar[tuple[str, ...]] = ()
    conditions: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _auxiliaries_need_both(self) -> FamilyRule:
        if self.auxiliaries and not self.both:
            raise ValueError(f"modality {self.id!r}: a family rule reads 'auxiliaries' "
                             "only with 'both: true'")
        return self


class InsideRule(_Modality):
    """``kind: inside`` (or ``inside:``): the verb is inside an adverbial clause opened
    by one of these words ("if Hamas runs in the election": a hypothetical)."""

    kind: Literal["inside"] = "inside"
    source: Literal["verb"] = "verb"
    inside: list[str] = Field(min_length=1)
    # not read by this kind
    auxiliaries: ClassVar[tuple[str, ...]] = ()
    heads: ClassVar[tuple[str, ...]] = ()
    clause: ClassVar[tuple[str, ...]] = ()
    both: ClassVar[bool] = False
    needs_object: ClassVar[bool] = False
    only_mapped: ClassVar[bool] = False
    target: ClassVar[str] = "verb"
    conditions: ClassVar[tuple[str, ...]] = ()


class ConditionRule(_Modality):
    """``kind: condition`` (or ``conditions:``): the verb has an adverbial clause opened
    by one of these words, and one of the auxiliaries when any are listed ("will cut
    aid unless the junta ...": a threat)."""

    kind: Literal["condition"] = "condition"
    source: Literal["verb"] = "verb"
    conditions: list[str] = Field(min_length=1)
    auxiliaries: list[str] = []
    only_mapped: bool = False
    # not read by this kind
    heads: ClassVar[tuple[str, ...]] = ()
    clause: ClassVar[tuple[str, ...]] = ()
    both: ClassVar[bool] = False
    needs_object: ClassVar[bool] = False
    target: ClassVar[str] = "verb"
    inside: ClassVar[tuple[str, ...]] = ()


MODALITY_KINDS: dict[str, type[_Modality]] = {
    "auxiliary": AuxiliaryRule, "family": FamilyRule, "inside": InsideRule,
    "condition": ConditionRule}


def modality_kind(value: Any) -> str | None:
    """A modality rule's kind: the ``kind:`` it gives, else the one its fields imply
    (``source: head``: family; ``inside``: inside; ``conditions``: condition; otherwise
    auxiliary)."""
    if isinstance(value, _Modality):
        return value.kind
    if not isinstance(value, dict):
        return None
    if "kind" in value:
        kind = value["kind"]
        return kind if isinstance(kind, str) else repr(kind)
    if value.get("source") == "head":
        return "family"
    if "inside" in value:
        return "inside"
    if "conditions" in value:
        return "condition"
    return "auxiliary"


# What a verb's auxiliary ("will") or governing verb ("agreed to ...") does to it: one
# of four kinds, told apart by ``kind:`` or by the fields the rule gives.
ModalityRule = Annotated[
    Annotated[AuxiliaryRule, Tag("auxiliary")] | Annotated[FamilyRule, Tag("family")]
    | Annotated[InsideRule, Tag("inside")] | Annotated[ConditionRule, Tag("condition")],
    Discriminator(modality_kind, custom_error_type="modality_kind",
                  custom_error_message="kind must be one of auxiliary, family, inside, "
                                       "condition")]


class NegationRule(_Model):
    markers: list[str] = ["not", "n't", "never"]
    default: Literal["drop", "keep"] = "drop"
    map: dict[str, str] = {}
    # "Iran will not release the sailors": a negated future act is a refusal; the
    # modality rule named here (its map) recodes it
    future: str | None = None
    future_auxiliaries: list[str] = ["will", "would", "wo", "'ll", "shall"]
    note: str | None = None
    examples: RuleExamples | None = None

    _check_map = field_validator("map", mode="before")(lambda v: _code_map(v))


class TargetRule(_Model):
    """Events whose sentence names no target actor ("the Kremlin declined to comment").

    CAMEO codes them with an empty target; PETRARCH drops them. ``keep`` chooses.
    The exceptions keep noise out: a verb of saying with no addressee is not an
    event, a verb inside what someone reported gives way to the report, and a
    clause that describes a noun is background. An untargeted event also gives way
    to any event coded inside its own complement."""

    keep: bool = False
    except_speech: bool = True  # "Iran said ...": no addressee, no event
    except_codes: list[str] = ["010"]  # codes (or code prefixes) never coded untargeted
    # "X alleged that Y helped", "a group that monitors the war": no event of its own
    in_embedded_clause: bool = False
    # "A, B and C met" with no target: each is the other's target for every verb
    # (PETRARCH); otherwise only for verbs marked `reciprocal`
    mutual: bool = False
    # roles that act at home: the bare-role targets of a court, parliament or police
    # are of the same country ("Thailand's court suspended the prime minister" ->
    # THAJUD 160 THAGOV), when the sentence names none
    domestic: list[str] = []
    note: str | None = None
    examples: RuleExamples | None = None

    _check = field_validator("except_codes", mode="before")(
        lambda v: [str(x) for x in v] if isinstance(v, list) else v)


class SourceRule(_Model):
    """Where a source is found when the grammar names none.

    ``passive_preps``: the object of one of these prepositions is the doer of a
    passive verb with no by-phrase, and a subject with no actor of its own takes the
    doer of its passive participle (PETRARCH: "three guards were shot in Mali" is
    Mali's act, "a statement issued in Nairobi accused ..." is Kenya's accusation)."""

    passive_preps: list[str] = []
    # "the militia, which shelled the port": the relative pronoun stands for its
    # antecedent (PETRARCH leaves a relative clause without a subject)
    relative_pronouns: bool = True
    note: str | None = None
    examples: RuleExamples | None = None


class MatchingRule(_Model):
    """How a verb's patterns compete when several match.

    ``first``: the first listed wins (the shipped dictionaries list the specific
    before the general). ``nearest``: the pattern whose words come nearest the verb
    wins, then the first listed (PETRARCH reads the words after the verb in order)."""

    patterns: Literal["first", "nearest"] = "first"
    # may a pattern's words be inside a complement clause ("promised to aid", "said
    # that X had bought the weapons") or two prepositional phrases down ("at the
    # close of a summit")? PETRARCH reads them in the verb's own phrases only
    # ("promised aid", "bought the weapons", "held a summit"), and a subject's words
    # on its head noun
    clause_words: bool = True
    note: str | None = None
    examples: RuleExamples | None = None


def _sum(value: Any) -> Any:
    """An integer written as a sum of hex or decimal terms: "-0xFFFF+0x0205"."""
    if not isinstance(value, str):
        return value
    text = value.replace(" ", "")
    terms = re.findall(r"[+-]?(?:0x[0-9a-fA-F]+|\d+)", text)
    if not terms or "".join(terms) != text:
        raise ValueError(f"{value!r} is not a number or a sum of numbers such as "
                         "'-0xFFFF+0x0205'")
    return sum(int(t, 0) for t in terms)


class CombinationRule(_Model):
    """How a governing verb's code and its complement's code make one event code
    (PETRARCH's internal coding ontology): "intends to send aid" is intend + aid =
    033, "agreed to ease the embargo" is 085, "called on X to send aid" is 023.

    Each CAMEO code is a sum of features: a kind of speech act in the high digit
    (say, appeal, intend, demand ...) and a kind of action in the low ones (aid,
    yield, fight ...); a rejection is the action's value minus 0xFFFF. Two speech
    acts: the inner one counts. An act of higher or equal value: it counts. Otherwise
    the two add up, and the sum is coded only if some code has that value."""

    values: dict[str, int] = {}
    # sums that name a code of their own: intend + fight (0x30a0) is a threat, 138
    also: dict[int, str] = {}
    note: str | None = None
    _by_value: dict[int, str] | None = PrivateAttr(default=None)

    @field_validator("also", mode="before")
    @classmethod
    def _also(cls, v: Any) -> Any:
        if not isinstance(v, dict):
            return v
        return {_sum(k): _event_code(c) for k, c in v.items()}

    @field_validator("values", mode="before")
    @classmethod
    def _values(cls, v: Any) -> Any:
        if not isinstance(v, dict):
            return v
        return {_event_code(code): _sum(value) for code, value in v.items()}

    def _value(self, code: str) -> int | None:
        got = self.values.get(code)
        return got if got is not None else self.values.get(code[:2] + "0")

    def combine(self, upper: str, lower: str, own_doer: bool = False) -> str | None:
        """The code of ``upper`` (the governing verb) applied to ``lower`` (its
        complement), or None when the combination names no code. A complement with a
        doer of its own ("urged Iran to respond") combines only when it is an act,
        not a speech act of that doer."""
        up, low = self._value(upper), self._value(lower)
        if up is None or low is None or (own_doer and not 0 <= low < 0x1000):
            return None
        if low < 0 or up < 0:  # a rejection: of the act, or the act rejected
            total = up + low
        elif low >= up or (up >= 0x1000 and low >= 0x1000):
            total = low
        else:
            total = up + low
        if self._by_value is None:
            self._by_value = dict(self.also)
            for code, value in self.values.items():  # the first of codes sharing a value
                self._by_value.setdefault(value, code)
        return self._by_value.get(total)


class TransformRule(_Model):
    """Recode an event reported by another verb: "a said b attacked c" -> a accuses b."""

    id: str
    outer: list[str]  # lemmas of the reporting verb (say, claim, want ...)
    inner_roots: list[str]  # root codes of the reported event
    same_source: bool | None = None  # true: a reports its own act; false: another's
    # true: the reporter is on the side of the reported act's target ("Israel said
    # Hezbollah fired at an Israeli ship": the victim's accusation)
    victim_speaks: bool | None = None
    except_roles: list[str] = []  # reporters of these roles (police, media) only report
    code: str
    target: Literal["inner_source", "inner_target"] = "inner_target"
    note: str | None = None
    examples: RuleExamples | None = None

    _check_code = field_validator("code", mode="before")(_event_code)
    _check_outer = field_validator("outer", mode="before")(_phrases)


class DiscardRule(_Model):
    """Phrases match whole words, case-insensitively; a phrase ending in ``*`` matches
    any word that begins with it (``evacuat*``: evacuate, evacuated, evacuation)."""

    id: str
    phrases: list[str]
    scope: Literal["sentence", "story"] = "sentence"
    unless: list[str] = []
    note: str | None = None
    examples: RuleExamples | None = None

    _check = field_validator("phrases", "unless", mode="before")(_phrases)


class IssueRule(_Model):
    issue: str
    phrases: list[str]
    note: str | None = None
    examples: RuleExamples | None = None

    _check = field_validator("phrases", mode="before")(_phrases)


class BackgroundRule(_Model):
    """Acts a sentence places in the past ("in 2014", "four months ago", "last year",
    "since 2021") are background, not events of the story's day."""

    enabled: bool = False
    # an act the text places more than this many days before the article is background
    max_age_days: int = Field(31, ge=0)
    # words that carry a span of time back from the article: "two years ago"
    ago: list[str] = ["ago", "earlier", "before"]
    # "last year", "last decade": spans counted back from the article
    units: dict[str, int] = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}
    # prepositions whose year or month places the act: "in 2014", "since 2021"
    preps: list[str] = ["in", "since", "during", "by", "until", "from", "between"]
    # an ongoing state "since 2014" is background whatever its age
    since: list[str] = ["since"]
    # a day the text names ("on March 3") older than max_age_days: drop, or keep it dated
    dated: Literal["drop", "keep"] = "drop"
    note: str | None = None
    examples: RuleExamples | None = None


class NominalNoun(_Model):
    """Nouns that name an event between two parties, and its code."""

    id: str
    nouns: list[str]
    code: str
    # when set, only as the subject or object of one of these verbs ("a ceasefire was
    # agreed between ...", not "violated the ceasefire between ...")
    heads: list[str] = []
    note: str | None = None

    _check_code = field_validator("code", mode="before")(_event_code)
    _check = field_validator("nouns", "heads", mode="before")(_phrases)


class NominalRule(_Model):
    """Events named by a noun whose parties stand in "between A and B" ("talks between
    Armenia and Azerbaijan began", "amid clashes between the army and rebels"): one
    event each way. Off when the noun's verb is future, planned or negated."""

    enabled: bool = False
    nouns: list[NominalNoun] = []
    # the noun's governing verb (or the noun itself) planned or not yet done
    unless_heads: list[str] = []
    note: str | None = None
    examples: RuleExamples | None = None

    _check = field_validator("unless_heads", mode="before")(_phrases)


class ContextRule(_Model):
    """Where a bare role's country and an untargeted response's target come from."""

    # evidence for a role's country, tried in order: place (named in the sentence),
    # memory (the last actor of that role in the article), dateline, story (the
    # country the title and lead name most); an empty list leaves roles bare
    role_country: list[Literal["place", "memory", "dateline", "story"]] = []
    # words that mark a role as someone else's: "foreign troops", "Western diplomats"
    foreign_words: list[str] = []
    # "condemned the attack", "rejected the demand": an untargeted event whose object is
    # one of these nouns (or "this"/"it") targets the doer of the act just reported
    act_nouns: list[str] = []
    # the roots of responses that take such a target (statements, approval, rejection)
    response_roots: list[str] = []
    # of those nouns, the ones that are someone's words ("denied the claims"): their
    # doer is whoever reported the act, when it was reported
    speech_nouns: list[str] = []
    # who "we" is outside quotes: the article's publisher (its `source` field, looked up
    # here, then in the actor dictionaries), else the state or government that is the
    # subject of the lead's first main clause (`voice_from_lead`)
    # acts of force with no target (roots listed here) are aimed at the country where
    # they happen: the place the sentence names, else the dateline, else the story's
    # country ("imposed a curfew" in a story about Mali -> MLI)
    place_target_roots: list[str] = []
    # "ministers were arrested", "a protester was shot": an act of force in the passive
    # with no doer named (codes or prefixes listed here) is the doing of whoever did the
    # story's latest act of force (within `passive_doer_window` sentences); else dropped
    passive_doer_roots: list[str] = []
    passive_doer_window: int = 3
    # military force (19) used by civilians, settlers or criminals is unconventional
    # violence: codes under `civilian_force_roots` whose doer has one of
    # `civilian_roles` become `civilian_force_code` ("settlers killed two villagers")
    civilian_roles: list[str] = []
    civilian_force_roots: list[str] = []
    civilian_force_code: str | None = None
    # force by a state's own security forces against its opposition and protesters is
    # repression: codes under `repression_roots` with a doer of `repression_roles` and a
    # target of `repression_targets` in the same country become `repression_code`
    repression_roles: list[str] = []
    repression_targets: list[str] = []
    repression_roots: list[str] = []
    repression_code: str | None = None
    # a government's own statement (its publisher is in `publishers`) that tells of
    # another actor's act of force accuses it: {root or code: accusation code}
    publisher_accuses: dict[str, str] = {}
    # events of these roots or codes that still have no target after every context stage
    # (targets from context, aims) are not coded
    need_target: list[str] = []
    publishers: dict[str, str] = {}
    voice_from_lead: bool = False
    note: str | None = None
    examples: RuleExamples | None = None

    _check = field_validator("act_nouns", "foreign_words", "speech_nouns",
                             mode="before")(_phrases)
    _roots = field_validator("response_roots", "place_target_roots", "passive_doer_roots",
                             "civilian_force_roots", "repression_roots", "need_target",
                             mode="before")(
        lambda v: [str(x) for x in v] if isinstance(v, list) else v)


SINGLE_RULES: dict[str, type[_Model]] = {
    "negation": NegationRule, "targets": TargetRule, "matching": MatchingRule,
    "combination": CombinationRule, "sources": SourceRule, "background": BackgroundRule,
    "context": ContextRule, "nominal": NominalRule}


@dataclass
class Located:
    """An entry and where it was defined, and the one policy it is for (None: any)."""

    entry: Any
    location: SourceLocation
    policy: Policy | None = None


@dataclass
class Dictionaries:
    """Everything the engine reads, merged over all dictionary directories."""

    codes: dict[str, CameoCode] = field(default_factory=dict)
    actors: list[Located] = field(default_factory=list)
    agents: list[Located] = field(default_factory=list)
    verbs: dict[str, Located] = field(default_factory=dict)
    modality: list[Located] = field(default_factory=list)
    negation: NegationRule = field(default_factory=NegationRule)
    targets: TargetRule = field(default_factory=TargetRule)
    matching: MatchingRule = field(default_factory=MatchingRule)
    combination: CombinationRule = field(default_factory=CombinationRule)
    sources: SourceRule = field(default_factory=SourceRule)
    background: BackgroundRule = field(default_factory=BackgroundRule)
    context: ContextRule = field(default_factory=ContextRule)
    nominal: NominalRule = field(default_factory=NominalRule)
    discards: list[Located] = field(default_factory=list)
    issues: list[Located] = field(default_factory=list)
    transformations: list[Located] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    policy: Policy = DEFAULT_POLICY
    code_locations: dict[str, SourceLocation] = field(default_factory=dict)
    # where each single-mapping rule (negation, targets ...) that was loaded is written
    rule_locations: dict[str, SourceLocation] = field(default_factory=dict)

    def event_name(self, code: str) -> str:
        c = self.codes.get(code)
        return c.name if c else ""

    def goldstein(self, code: str) -> float | None:
        c = self.codes.get(code)
        return c.goldstein if c else None


# Tables shipped beside the dictionaries and read by their own modules, not by load().
OTHER_TABLES = frozenset({"plover", "plover_differences"})  # coder/plover.py

SECTIONS: dict[str, Any] = {  # a model, or a union of models (modality)
    "cameo": CameoCode,
    "actors": ActorEntry,
    "agents": AgentEntry,
    "verbs": VerbEntry,
    "modality": ModalityRule,
    "discards": DiscardRule,
    "issues": IssueRule,
    "transformations": TransformRule,
}


# Sections whose later entry replaces an earlier one with the same key, in its place.
MERGE_KEYS: dict[str, Callable[[Any], Any]] = {
    "actors": lambda e: e.name.lower(),
    "agents": lambda e: tuple(n.lower() for n in e.names),
    "modality": lambda e: e.id,
    "discards": lambda e: e.id,
}


def _line_of(item: Any, loc: Sequence[Any]) -> int | None:
    """Best line for a pydantic error location inside a LineDict entry."""
    line = item.line if isinstance(item, LineDict) else None
    node = item
    for part in loc:
        if isinstance(node, LineDict) and str(part) in node.key_lines:
            line = node.key_lines[str(part)]
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, LineDict) and node.line:
                line = node.line
        else:
            break
    return line


def _describe(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("name", "verb", "id", "code", "issue"):
            if key in item:
                return f"{key}={item[key]!r}"
    return ""


@cache
def _adapter(section: str) -> Callable[[Any], Any]:
    return TypeAdapter(SECTIONS[section]).validate_python


def _validate_items(
    section: str, items: Any, path: str, errors: list[CoderError], top_line: int | None
) -> list[Located]:
    model = SECTIONS[section]
    validate = model.model_validate if isinstance(model, type) else _adapter(section)
    if not isinstance(items, list):
        errors.append(
            DictionaryError(f"section '{section}' must be a list of entries",
                            location=SourceLocation(path, top_line))
        )
        return []
    out: list[Located] = []
    for item in items:
        line = item.line if isinstance(item, LineDict) else top_line
        if not isinstance(item, dict):
            errors.append(DictionaryError(f"{section}: entry {item!r} is not a mapping",
                                          location=SourceLocation(path, line)))
            continue
        item, policy, ok = _split_policy(item, f"{section} entry {_describe(item)}", path,
                                         errors)
        if not ok:
            continue
        try:
            entry = validate(item)
        except ValidationError as exc:
            what = _describe(item)
            for err in exc.errors():
                loc = [p for p in err["loc"] if p not in ("function-after", "function-before")]
                kind = loc.pop(0) if section == "modality" and loc and loc[0] in \
                    MODALITY_KINDS else None
                field_name = ".".join(str(p) for p in loc) or "entry"
                msg = err["msg"].removeprefix("Value error, ")
                if kind is not None and err["type"] == "extra_forbidden" and len(loc) == 1:
                    msg = (f"the {kind} kind of rule does not read {field_name!r} (the "
                           "kinds and their fields: rules/modality.yaml)")
                elif err["type"] == "modality_kind":
                    loc, field_name = ["kind"], "kind"
                given = err.get("input")
                if isinstance(given, str | int | float) and repr(given) not in msg:
                    msg += f" (got {given!r})"
                errors.append(
                    DictionaryError(
                        f"{section} entry {what}: {field_name}: {msg}",
                        location=SourceLocation(path, _line_of(item, loc) or line),
                    )
                )
            continue
        entry._file = path
        for pattern in getattr(entry, "patterns", ()):
            pattern._file = path
        out.append(Located(entry, SourceLocation(path, line), policy))
    return out


_POLICY = TypeAdapter(Policy)


def _policy(value: Any, what: str, path: str, line: int | None,
            errors: list[CoderError]) -> Policy | None:
    """``value`` checked as a policy name; None (and an error noted) if it is not one."""
    try:
        return _POLICY.validate_python(value)
    except ValidationError:
        errors.append(DictionaryError(
            f"{what}: policy must be one of {', '.join(POLICIES)} (got {value!r})",
            location=SourceLocation(path, line)))
        return None


def _split_policy(item: Any, what: str, path: str, errors: list[CoderError]
                  ) -> tuple[Any, Policy | None, bool]:
    """An entry without its ``policy`` mark, the mark, and whether the mark is valid."""
    if not isinstance(item, dict) or "policy" not in item:
        return item, None, True
    line = item.key_lines.get("policy") if isinstance(item, LineDict) else None
    policy = _policy(item["policy"], what, path, line, errors)
    rest = LineDict((k, v) for k, v in item.items() if k != "policy")
    if isinstance(item, LineDict):
        rest.line, rest.key_lines = item.line, item.key_lines
    return rest, policy, policy is not None


def yaml_files(directory: Path) -> list[Path]:
    if directory.is_file():
        return [directory]
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def display_path(path: Path) -> Path:
    """Paths under the working directory are shown relative to it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _read_file(path: Path, errors: list[CoderError]) -> dict[str, list[Located]] | None:
    path = display_path(path)
    try:
        data = load_yaml(path)
    except ErrorCollection as exc:
        errors.extend(exc.errors)
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        errors.append(DictionaryError("a dictionary file must be a mapping of sections",
                                      location=SourceLocation(str(path), 1)))
        return None
    found: dict[str, list[Located]] = {}
    for key, value in data.items():
        line = data.key_lines.get(str(key)) if isinstance(data, LineDict) else None
        if key == "about" or key in OTHER_TABLES:
            continue
        if key == "policy":  # one name: whose semantics the rules follow
            policy = _policy(value, "policy", str(path), line, errors)
            if policy is not None:
                found[key] = [Located(policy, SourceLocation(str(path), line))]
            continue
        if key in SINGLE_RULES:  # one mapping, not a list of entries
            if not isinstance(value, dict):
                errors.append(DictionaryError(f"{key!r} must be a mapping",
                                              location=SourceLocation(str(path), line)))
                continue
            value, policy, ok = _split_policy(value, key, str(path), errors)
            if not ok:
                continue
            try:
                found[key] = [Located(SINGLE_RULES[key].model_validate(value),
                                      SourceLocation(str(path), line), policy)]
            except ValidationError as exc:
                for err in exc.errors():
                    errors.append(DictionaryError(
                        f"{key}: {'.'.join(map(str, err['loc']))}: {err['msg']}",
                        location=SourceLocation(str(path), _line_of(value, err["loc"]) or line)))
            continue
        if key not in SECTIONS:
            errors.append(
                CoderError(
                    f"unknown section {key!r}; expected one of "
                    f"{', '.join(sorted([*SECTIONS, *SINGLE_RULES, 'about', 'policy']))}",
                    location=SourceLocation(str(path), line),
                    code="E105",
                )
            )
            continue
        found[key] = _validate_items(key, value, str(path), errors, line)
    return found


def load(
    dictionary_dirs: Iterable[str | Path] | None = None,
    rules_dir: str | Path | None = None,
    *,
    collect: list[CoderError] | None = None,
) -> Dictionaries:
    """Load and merge dictionaries and rules.

    Later directories add to or override earlier ones. With ``collect`` given,
    errors are appended to it instead of raised (the validator's mode).
    """
    dirs = [Path(d) for d in (dictionary_dirs or [SHIPPED_DICTIONARIES])]
    rules = Path(rules_dir) if rules_dir is not None else SHIPPED_RULES
    errors: list[CoderError] = []
    result = Dictionaries()
    # rules first: dictionary directories may override them (same rule id)
    files: list[Path] = []
    if rules.exists():
        files.extend(yaml_files(rules))
    else:  # a typo in --rules must not quietly code without discards and negation
        errors.append(CoderError("no such folder; give an existing --rules directory",
                                 location=SourceLocation(str(rules)), code="E109"))
    for d in dirs:
        if not d.exists():
            errors.append(CoderError("directory does not exist", location=SourceLocation(str(d)),
                                     code="E107"))
            continue
        found = yaml_files(d)
        if not found:
            errors.append(CoderError("no *.yaml files in it", location=SourceLocation(str(d)),
                                     code="E107"))
        files.extend(p for p in found if p not in files)
    positions: dict[str, dict[Any, int]] = {}  # per section: key -> index in its list
    read: list[dict[str, list[Located]]] = []
    for path in files:
        sections = _read_file(path, errors)
        if sections is None:
            continue
        result.files.append(str(path))
        read.append(sections)
        for loc in sections.get("policy", []):  # a later file's policy wins
            result.policy = loc.entry
    for sections in read:
        sections = {key: [loc for loc in locs if loc.policy in (None, result.policy)]
                    for key, locs in sections.items() if key != "policy"}
        for loc in sections.get("cameo", []):
            result.codes[loc.entry.code] = loc.entry
            result.code_locations[loc.entry.code] = loc.location
        for section, key in MERGE_KEYS.items():  # same key: replaced in place
            _replace_or_append(getattr(result, section), positions.setdefault(section, {}),
                               sections.get(section, []), key)
        for loc in sections.get("verbs", []):
            _merge_verb(result.verbs, loc)
        for key in SINGLE_RULES:  # one mapping each: a later file replaces an earlier
            for loc in sections.get(key, []):
                setattr(result, key, loc.entry)
                result.rule_locations[key] = loc.location
        result.issues.extend(sections.get("issues", []))
        for loc in sections.get("transformations", []):
            result.transformations = [t for t in result.transformations
                                      if t.entry.id != loc.entry.id] + [loc]
    if "010" not in result.codes:
        # the CAMEO table is part of the product: other dictionaries need not copy it
        for loc in (_read_file(SHIPPED_DICTIONARIES / "cameo.yaml", errors) or {}).get(
                "cameo", []):
            result.codes.setdefault(loc.entry.code, loc.entry)
            result.code_locations.setdefault(loc.entry.code, loc.location)
    errors.extend(_check_codes(result))
    if errors:
        if collect is not None:
            collect.extend(errors)
        else:
            raise ErrorCollection(errors)
    return result


def _replace_or_append(items: list[Located], position: dict[Any, int],
                       new: Iterable[Located], key: Callable[[Any], Any]) -> None:
    """A later entry with the same key replaces the earlier one in its place; an entry
    with a new key is appended. ``position`` remembers each key's index in ``items``."""
    for loc in new:
        k = key(loc.entry)
        if k in position:
            items[position[k]] = loc
        else:
            position[k] = len(items)
            items.append(loc)


def _merge_verb(verbs: dict[str, Located], loc: Located) -> None:
    """A later entry for the same verb overrides its default code and target, and
    its patterns are tried before the earlier ones (same id replaces)."""
    new: VerbEntry = loc.entry
    old = verbs.get(new.verb)
    if old is None:
        verbs[new.verb] = loc
        return
    prev: VerbEntry = old.entry
    ids = {p.id for p in new.patterns if p.id}
    given = new.model_fields_set
    keep = {f: getattr(prev, f) for f in ("code", "passive", "reverse", "target",
                                          "target_optional",
                                          "reciprocal", "speech") if f not in given}
    merged = new.model_copy(
        update={
            **keep,
            "forms": sorted(set(prev.forms) | set(new.forms)),
            "patterns": [*new.patterns, *(p for p in prev.patterns if not p.id or p.id not in ids)],
        }
    )
    verbs[new.verb] = Located(merged, loc.location)


def _check_codes(d: Dictionaries) -> list[CoderError]:
    """Every event code used by verbs and rules must be in the CAMEO table."""
    if not d.codes:
        return [CoderError("no 'cameo' code table was loaded; ship dictionaries/cameo.yaml",
                           location=SourceLocation("dictionaries"), code="E104")]
    errors: list[CoderError] = []

    def check(code: str | None, where: SourceLocation, what: str) -> None:
        if code is not None and code not in d.codes:
            errors.append(CoderError(f"{what}: code {code!r} is not in the CAMEO table",
                                     location=where, code="E104"))

    for loc in d.verbs.values():
        v: VerbEntry = loc.entry
        check(v.code, loc.location, f"verb {v.verb!r}")
        check(v.passive, loc.location, f"verb {v.verb!r} passive")
        check(v.reverse, loc.location, f"verb {v.verb!r} reverse")
        for i, p in enumerate(v.patterns, 1):
            where = p.located() or loc.location
            check(p.code, where, f"verb {v.verb!r} pattern {p.id or i}")
            check(p.passive, where, f"verb {v.verb!r} pattern {p.id or i} passive")
            check(p.reverse, where, f"verb {v.verb!r} pattern {p.id or i} reverse")
    for loc in d.modality:
        for src, dst in loc.entry.map.items():
            if dst != "=":
                check(dst, loc.location, f"modality {loc.entry.id!r} map {src}")
    for loc in d.transformations:
        check(loc.entry.code, loc.location, f"transformation {loc.entry.id!r}")
    for noun in d.nominal.nouns:
        check(noun.code, SourceLocation("rules"), f"nominal {noun.id!r}")
    for dst in d.negation.map.values():
        check(dst, SourceLocation("rules"), "negation map")
    return errors
