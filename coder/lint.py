"""Lint: dictionary entries that load but are probably wrong. Warnings, with file:line.

W201  the same phrase is mapped to two actors
W202  a person's dated roles overlap with different codes
W203  a role's date range is inverted (it can never apply)
W204  a pattern can never fire: an earlier, more general pattern of the verb catches it
W205  an agent phrase is also a country name, adjective or capital
W206  an actor code has a part that is neither a known country nor a known role code
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dictionaries import ActorEntry, AgentEntry, Dictionaries, Pattern, VerbEntry
from .errors import SourceLocation

_MIN, _MAX = dt.date.min, dt.date.max
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM"})
# CAMEO/Phoenix role and sector codes (three letters), for W206.
KNOWN_ROLES = frozenset(
    "GOV MIL COP JUD LEG SPY OPP REB INS SEP UAF PTY BUS MED CVL REF HRI EDU LAB AGR HLH ENV "
    "CRM ELI REL DEV MOD RAD AMN IRC GRP UNO NGO IGO IMG MNC SET MUS CHR JEW BUD HIN "
    "SHI SUN CTH ORT PRO MOS ATH ITH TAO SIK JAN ZRO CON".split()
)


@dataclass
class LintWarning:
    code: str
    message: str
    location: SourceLocation | None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}[{self.code}] warning: {self.message}"


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


def _shadows(a: Pattern, b: Pattern) -> bool:
    """Does earlier pattern ``a`` match everything later pattern ``b`` matches?"""
    if a.object:
        if not b.object or not {_words(o)[-1] for o in b.object} <= {
                _words(o)[-1] for o in a.object if len(_words(o)) == 1}:
            return False
    if a.prep and a.prep != b.prep:
        return False
    if a.prep_words and not (b.prep_words and set(b.prep_words) <= set(a.prep_words)):
        return False  # "in protest" does not hide a bare "in"
    if a.subject and (not b.subject or set(a.subject) != set(b.subject)):
        return False
    if a.reciprocal and not (a.object or a.prep or a.words or a.subject):
        return False  # a bare reciprocal flag changes roles, it does not hide patterns
    if a.and_words and [sorted(g) for g in a.and_words] != [sorted(g) for g in b.and_words]:
        return False
    if a.words:
        if not b.words:
            return False
        for phrase in b.words:
            bw = _words(phrase)
            if not any(_contains(bw, _words(w)) for w in a.words):
                return False
    return True


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


def lint(d: Dictionaries) -> list[LintWarning]:
    out: list[LintWarning] = []
    countries = {loc.entry.code for loc in d.actors if loc.entry.type == "country"}
    # W201 / W205 phrases
    owner: dict[str, tuple[str, SourceLocation]] = {}
    country_phrases: set[str] = set()
    for loc in d.actors:
        e: ActorEntry = loc.entry
        phrases = [e.name, *e.names, *e.adjectives, *e.capitals]
        for p in dict.fromkeys(x.lower() for x in phrases):
            if e.type == "country":
                country_phrases.add(p)
            if p in owner and owner[p][0] != e.name:
                out.append(LintWarning("W201", f"phrase {p!r} is mapped to {owner[p][0]!r} "
                                       f"({owner[p][1]}) and to {e.name!r}; the later one wins",
                                       loc.location))
            else:
                owner[p] = (e.name, loc.location)
        # W202 / W203 roles
        for i, r in enumerate(e.roles):
            if r.start and r.end and r.start > r.end:
                out.append(LintWarning("W203", f"{e.name!r}: role {r.code} runs from {r.start} "
                                       f"to {r.end}, which is backwards", loc.location))
            for r2 in e.roles[i + 1 :]:
                if r.code == r2.code:
                    continue
                lo = max(r.start or _MIN, r2.start or _MIN)
                hi = min(r.end or _MAX, r2.end or _MAX)
                if lo <= hi:
                    out.append(LintWarning(
                        "W202", f"{e.name!r}: roles {r.code} and {r2.code} overlap from {lo}; "
                        f"the first listed wins", loc.location))
        # W206 codes
        for code in filter(None, [e.code, *(r.code for r in e.roles)]):
            parts = [code[i : i + 3] for i in range(0, len(code), 3)]
            if parts[0] in countries:  # IRN + GOV: the role must be known
                unknown = [p for p in parts[1:2] if p not in KNOWN_ROLES]
            else:  # IGO/NGO/IMG + an organization of their own
                unknown = [] if parts[0] in INTERNATIONAL else parts[:1]
            if unknown:
                out.append(LintWarning("W206", f"{e.name!r}: code {code} has unknown part "
                                       f"{unknown[0]!r}", loc.location))
    agent_codes: dict[str, tuple[str, SourceLocation]] = {}
    for loc in d.agents:
        a: AgentEntry = loc.entry
        if a.code not in KNOWN_ROLES:
            out.append(LintWarning("W206", f"agent code {a.code} is not a known role code",
                                   loc.location))
        for p in a.names:
            low = p.lower()
            if low in country_phrases:
                out.append(LintWarning("W205", f"agent {p!r} is also a country phrase; the "
                                       "country wins", loc.location))
            if low in agent_codes and agent_codes[low][0] != a.code:
                out.append(LintWarning("W201", f"agent {p!r} is {agent_codes[low][0]} "
                                       f"({agent_codes[low][1]}) and {a.code}; the later wins",
                                       loc.location))
            agent_codes[low] = (a.code, loc.location)
    # W204 shadowed patterns
    for loc in d.verbs.values():
        v: VerbEntry = loc.entry
        for j, b in enumerate(v.patterns):
            for a in v.patterns[:j]:
                if _shadows(a, b):
                    out.append(LintWarning(
                        "W204", f"verb {v.verb!r}: pattern {b.id or j + 1} can never fire; "
                        f"the earlier pattern {a.id or '?'} matches whenever it would",
                        b.located() or loc.location))
                    break
    return out

