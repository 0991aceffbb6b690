"""Import PETRARCH-2 / TABARI dictionaries into the project's YAML.

    coder dictionaries import-petrarch --verbs CAMEO.2.0.txt --actors A.txt [--actors B.txt]
        --agents Phoenix.agents.txt --discards Phoenix.discards.txt
        --issues Phoenix.IssueCoding.txt --output DIR

Conversions:

* **Verbs**: synsets (``&NAME`` + ``+member``) are expanded into word lists;
  each member of a ``--- VERB [code] ---`` block becomes a verb entry (with its
  ``{irregular forms}``) sharing the block's patterns. A pattern ``- pre * post
  [code]`` becomes ``words`` (post-verb words and ``{compounds}``), ``prep``
  (``(PREP ...)``) and a target slot (``+`` inside a prepositional phrase:
  ``prep:PREP``). ``[a:b]`` gives ``code: a`` and ``passive: b``; ``[---]`` a
  pattern that codes no event.
* **Actors**: ``_`` joins words; ``+synonym`` lines; codes with date
  restrictions (``>YYMMDD``, ``<YYMMDD``, ``YYMMDD-YYMMDD``; years 30-99 are
  19xx, 00-29 20xx) become dated ``roles``.
* **Agents**: ``[~GOV]`` suffix and ``[NGO~]`` prefix codes, ``{plurals}`` (``{}``
  for none), ``!SUBSTITUTION!`` sets expanded.
* **Discards**: ``+phrase`` story discards, plain phrases sentence discards.
* **Issues**: ``<ISSUE CATEGORY=...>`` blocks, phrase lines ``words [TAG]``.

Whatever cannot be converted (pre-verb pattern words, ``$`` source markers,
codes outside the CAMEO table, ``~`` transformations, malformed lines) is
listed with its file:line in ``import-report.txt`` next to the output.

The imported set says ``policy: petrarch2`` (``policy.yaml``): the loader then leaves
out the project's native-only rules and loads PETRARCH's variants (rules/policy.yaml).
No shipped rule is overridden by its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .articles import petrarch_date
from .dictionaries import (
    ACTOR_CODE,
    EVENT_CODE,
    PARTICLES,
    SHIPPED_DICTIONARIES,
    SHIPPED_RULES,
)


@dataclass
class ImportReport:
    converted: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def note(self, path: str, line: int, what: str) -> None:
        self.problems.append(f"{path}:{line}: {what}")

    def count(self, kind: str, n: int = 1) -> None:
        self.converted[kind] = self.converted.get(kind, 0) + n

    def text(self) -> str:
        head = [f"# PETRARCH import report: {sum(self.converted.values())} items converted, "
                f"{len(self.problems)} not converted", "",
                *(f"converted {k}: {v}" for k, v in sorted(self.converted.items())), "",
                "# not converted (file:line: why)"]
        return "\n".join(head + self.problems) + "\n"


def _read(path: str | Path) -> list[str]:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.splitlines()


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _phrase(word: str) -> str:
    """PETRARCH spelling -> a lower-case phrase: ``CAPE_VERDE_`` -> ``cape verde``."""
    return " ".join(w for w in word.strip().strip("_").lower().split("_") if w)


def _yymmdd(text: str) -> str | None:
    """A date restriction's YYMMDD or YYYYMMDD, as an ISO date."""
    day = petrarch_date(text) if re.fullmatch(r"\d{6}|\d{8}", text) else None
    return day.isoformat() if day else None


def _comment_blocks(lines: list[str]) -> list[str]:
    """Blank out <!-- ... --> comments, keeping line numbers."""
    out, inside = [], False
    for line in lines:
        if inside:
            if "-->" in line:
                inside = False
                line = line.split("-->", 1)[1]
            else:
                out.append("")
                continue
        while "<!--" in line:
            before, _, rest = line.partition("<!--")
            if "-->" in rest:
                line = before + rest.split("-->", 1)[1]
            else:
                line, inside = before, True
        out.append(line)
    return out


# -- actors ------------------------------------------------------------------------------
_CODE = re.compile(r"\[([^\]]*)\]")


def _parse_code(raw: str, path: str, line: int, report: ImportReport) -> dict | None:
    parts = raw.split()
    if not parts:
        return None
    code = parts[0].upper()
    if code.startswith("---"):
        return {"code": None}
    if not ACTOR_CODE.match(code):
        report.note(path, line, f"actor code {parts[0]!r} is not letters in groups of three")
        return None
    role: dict = {"code": code}
    if len(parts) > 1:
        restr = "".join(parts[1:])  # "< 950601", "19950601 - 19990815"
        if restr.startswith(">") and _yymmdd(restr[1:]):
            role["from"] = _yymmdd(restr[1:])
        elif restr.startswith("<") and _yymmdd(restr[1:]):
            role["to"] = _yymmdd(restr[1:])
        elif "-" in restr and all(_yymmdd(x) for x in restr.split("-", 1)):
            a, b = restr.split("-", 1)
            role["from"], role["to"] = _yymmdd(a), _yymmdd(b)
        else:
            report.note(path, line, f"date restriction {restr!r} not understood")
            return None
    return role


def import_actors(paths: Iterable[str | Path], report: ImportReport) -> list[dict]:
    entries: list[dict] = []
    current: dict | None = None
    for path in paths:
        lines = _comment_blocks(_read(path))
        for n, raw in enumerate(lines, 1):
            line = _strip_comment(raw)
            if not line.strip():
                continue
            if line.startswith("+"):
                if current is not None:
                    current["names"].append(_phrase(line[1:]))
                continue
            if line[0] in " \t" or line.lstrip().startswith("["):
                if current is None:
                    continue
                for m in _CODE.finditer(line):
                    role = _parse_code(m.group(1), str(path), n, report)
                    if role is not None:
                        current["codes"].append(role)
                continue
            name_part = _CODE.split(line)[0]
            name = _phrase(name_part)
            if not name:
                report.note(str(path), n, f"no actor name in {line.strip()!r}")
                continue
            current = {"name": name, "names": [], "codes": [], "where": f"{path}:{n}"}
            entries.append(current)
            for m in _CODE.finditer(line):
                role = _parse_code(m.group(1), str(path), n, report)
                if role is not None:
                    current["codes"].append(role)
    out = []
    seen: set[str] = set()
    for e in entries:
        codes = [c for c in e["codes"] if c.get("code")]
        undated = [c["code"] for c in codes if "from" not in c and "to" not in c]
        dated = [c for c in codes if "from" in c or "to" in c]
        if not codes:
            report.note(e["where"].rsplit(":", 1)[0], int(e["where"].rsplit(":", 1)[1]),
                        f"actor {e['name']!r} has no usable code")
            continue
        key = e["name"]
        if key in seen:
            key = f"{e['name']} ({e['where']})"
        seen.add(key)
        item: dict = {"name": key}
        if key != e["name"]:
            item["names"] = [e["name"]]
        if undated and len(undated[0]) == 3 and not dated:
            item["type"] = "country"
        elif dated:  # codes that change with the offices held: a person ("he", "she")
            item["type"] = "person"
        if undated:
            item["code"] = undated[0]
        if dated:
            item["roles"] = dated
        names = [x for x in dict.fromkeys(e["names"]) if x and x != e["name"]]
        if names:
            item.setdefault("names", []).extend(names)
        out.append(item)
        report.count("actors")
    return out


# -- agents ------------------------------------------------------------------------------
def import_agents(path: str | Path, report: ImportReport) -> list[dict]:
    lines = _comment_blocks(_read(path))
    subst: dict[str, list[str]] = {}
    out: list[dict] = []
    for n, raw in enumerate(lines, 1):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        m = re.match(r"^(![A-Z_]+!)\s*=\s*(.+)$", line.strip())
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        code_m = _CODE.search(line)
        if not code_m:
            report.note(str(path), n, f"agent line without a [code]: {line.strip()!r}")
            continue
        code = code_m.group(1).strip().upper().replace(" ", "")
        prefix = code.endswith("~")
        code = code.strip("~")
        if not ACTOR_CODE.match(code):
            report.note(str(path), n, f"agent code {code_m.group(1)!r} not letters in threes")
            continue
        head = line[: code_m.start()]
        plural_m = re.search(r"\{([^}]*)\}", head)
        name = re.sub(r"\{[^}]*\}", "", head).strip()
        names = [name]
        for key, alts in subst.items():
            if key in name:
                names = [x.replace(key, alt) for x in names for alt in alts]
        if "!" in " ".join(names):
            report.note(str(path), n, f"unknown substitution set in {name!r}")
            continue
        item: dict = {"code": code, "names": [_phrase(x) for x in names if _phrase(x)]}
        if plural_m is not None:
            item["plurals"] = [_phrase(p) for p in plural_m.group(1).split() if _phrase(p)]
        if prefix:
            item["prefix"] = True
        if item["names"]:
            out.append(item)
            report.count("agents")
    return out


# -- verbs -------------------------------------------------------------------------------
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


def _expand(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Phrases a pattern token stands for; None when it is a marker ($, +, %, ^)."""
    token = token.strip()
    if token in ("$", "+", "%", "^", "*"):
        return None
    if token.startswith("{") and token.endswith("}"):
        inner = token[1:-1].split()
        words: list[list[str]] = [[]]
        for w in inner:
            opts = synsets.get(w.upper(), [_phrase(w)]) if w.startswith("&") else [_phrase(w)]
            words = [acc + [o] for acc in words for o in opts]
        return [" ".join(w) for w in words]
    if token.startswith("&"):
        return synsets.get(token.upper(), [])
    return [_phrase(token)] if _phrase(token) else []


def _convert_pattern(text: str, synsets: dict[str, list[str]]
                     ) -> tuple[dict | None, str | None]:
    pre, star, post = text.partition("*")
    if not star:
        return None, "no '*' for the verb"
    pre_tokens = _TOKEN.findall(pre)
    pattern: dict = {}
    source: list[str] = []  # "$" after the verb: the source is there, not the subject
    if "%" in pre_tokens or "%" in _TOKEN.findall(post):  # a compound actor: both ways
        pattern["reciprocal"] = True
    subject: list[str] = []
    target: list[str] = []
    for tok in pre_tokens:
        if tok.startswith("("):
            return None, "a prepositional phrase before the verb is not supported"
        if tok == "+":  # the target stands before the verb: it is the subject
            target.append("subject")
            continue
        exp = _expand(tok, synsets)
        if exp:
            subject.extend(exp)
    if subject:
        pattern["subject"] = list(dict.fromkeys(subject))
    groups: list[list[str]] = []  # every token of the pattern must match: one group each
    last_prep: str | None = None  # a bare preposition just before "+": "OVER +", "(WITH) ^ +"
    for tok in _TOKEN.findall(post):
        if tok == "^":
            continue
        if tok.startswith("("):
            inner = tok[1:-1].split()
            if not inner:
                continue
            prep = inner[0].lower()
            last_prep = prep if len(inner) == 1 else None
            first = "prep" not in pattern
            if first:
                pattern["prep"] = prep
            else:  # a second phrase: its preposition and words are required
                groups.append([prep])
            for t in inner[1:]:
                if t == "+":
                    target.append(f"prep:{prep}")
                elif t == "$":
                    source.append(f"prep:{prep}")
                elif exp := _expand(t, synsets):
                    if first and "prep_words" not in pattern:  # "(IN SOLIDARITY)": in its phrase
                        pattern["prep_words"] = exp
                    else:
                        groups.append(exp)
            continue
        if tok == "$":
            source.append("dobj")
            continue
        if tok == "+":
            target.append(f"prep:{last_prep}" if last_prep else "dobj")
            continue
        last_prep = tok.lower() if tok.lower() in PARTICLES else None
        exp = _expand(tok, synsets)
        if exp:
            groups.append(exp)
    groups = [g for g in ([w for w in dict.fromkeys(g) if w] for g in groups) if g]
    words = groups[0] if groups else []
    if words:
        pattern["words"] = words
    if len(groups) > 1:
        pattern["and_words"] = groups[1:]
    if target:  # "+" marks the target; else the entry's default (object, then nearest actor)
        pattern["target"] = [*target, "any"]
    if source:
        pattern["source"] = source
    if not words and "prep" not in pattern and "subject" not in pattern and not pattern.get(
            "reciprocal"):
        return None, "the pattern has no words"
    return pattern, None


def _codes(raw: str, known: set[str], extra: set[str] | None = None
           ) -> tuple[str | None, str | None, str | None]:
    """'[040:043]' -> ('040', '043', None); '[---]' -> (None, None, None); errors third.
    Numeric codes outside the CAMEO table are kept and collected in ``extra``."""
    active, _, passive = raw.strip().partition(":")
    active, passive = active.strip(), passive.strip()

    def one(c: str) -> str | None:
        return None if not c or c.startswith("-") else c

    a, p = one(active), one(passive)
    for c in (a, p):
        if c is None:
            continue
        if not EVENT_CODE.match(c):
            return None, None, f"code {c!r} is not a CAMEO-style code"
        if c not in known:
            if extra is None:
                return None, None, f"code {c!r} is not in the CAMEO table"
            extra.add(c)
    return a, p, None


@dataclass
class _Block:
    """One ``--- VERB [code] ---`` block: its member verbs share its code and patterns."""

    members: list[dict] = field(default_factory=list)
    code: str | None = None
    passive: str | None = None
    patterns: list[dict] = field(default_factory=list)

    def flush(self, verbs: dict[str, dict]) -> None:
        """Members without a code of their own join the block's first verb as extra
        ``forms`` (so the block's patterns are written once); the others get their own
        entry with a copy of the patterns."""
        head: dict | None = None
        for member in self.members:
            own = "code" in member and (member.get("code"), member.get("passive")) != (
                self.code, self.passive)
            key = member["verb"]
            if head is not None and not own and " " not in key and key not in verbs:
                head["forms"] = sorted(set(head.get("forms", [])) | {key} |
                                       set(member.get("forms", [])))
                continue
            entry = verbs.setdefault(key, {"verb": key, "target": member["target"]})
            forms = sorted(set(entry.get("forms", [])) | set(member.get("forms", [])))
            if forms:
                entry["forms"] = forms
            code = member.get("code", self.code) if own else self.code
            passive = member.get("passive", self.passive) if own else self.passive
            if code and "code" not in entry:
                entry["code"] = code
            if passive and "reverse" not in entry:
                entry["reverse"] = passive
            if entry["target"] == ["dobj", "any"] and str(entry.get("code")) not in (
                    "010", "011"):  # the target may be a reported clause's subject ("conceded
                entry["target"] = ["dobj", "any", "clause_subject"]  # that Iraq was right")
            if self.patterns:
                entry.setdefault("patterns", []).extend(dict(p) for p in self.patterns)
            if head is None and not own and " " not in key:  # a phrasal head needs its particle
                head = entry
        self.members, self.patterns = [], []
        self.code = self.passive = None


_INNER_ROOTS = {"ATTACK": ["18", "19", "20"], "ASSASSINATE": ["18"]}


def _transformation(line: str, n: int) -> dict | None:
    """PETRARCH's ``~ a (x b VERB) OUTER = a b CODE`` as a rules/transformations entry.
    x is ``a`` (the reporter's own act), ``_`` (its own, subject left out) or ``b .``
    (another's act). Rules on future forms or that keep the code are not converted."""
    m = re.fullmatch(r"~\s*a\s*\(\s*(a|_|b)\s+(b|\.)\s+([A-Z_]+)\s*\)\s*([A-Z_]+)\s*=\s*a\s+b\s+"
                     r"(\d{3,4})", line.strip())
    if not m or m.group(3) not in _INNER_ROOTS:
        return None
    own = m.group(1) in ("a", "_")
    return {"id": f"petrarch-{n}", "outer": [m.group(4).lower()],
            "inner_roots": _INNER_ROOTS[m.group(3)], "same_source": own, "code": m.group(5),
            "target": "inner_target" if own else "inner_source",
            "note": f"from PETRARCH: {line.strip()}"}


def import_verbs(paths: Iterable[str | Path], known: set[str], report: ImportReport,
                 extra: set[str] | None = None,
                 transforms: list[dict] | None = None) -> list[dict]:
    """Verb entries; numeric codes outside the CAMEO table are added to ``extra``, and
    ``~`` transformation rules that fit the project's rules to ``transforms``."""
    extra = set() if extra is None else extra
    transforms = [] if transforms is None else transforms
    verbs: dict[str, dict] = {}
    for path in paths:
        lines = _read(path)
        synsets: dict[str, list[str]] = {}
        current_syn: str | None = None
        block = _Block()

        for n, raw in enumerate(lines, 1):
            line = _strip_comment(raw)
            stripped = line.strip()
            if not stripped:
                current_syn = None
                continue
            if stripped.startswith("&"):
                current_syn = stripped.split()[0].upper()
                synsets[current_syn] = []
                continue
            if stripped.startswith("+") and current_syn:
                synsets[current_syn].append(_phrase(stripped[1:]))
                continue
            if stripped.startswith("~"):
                rule = _transformation(stripped, len(transforms) + 1)
                if rule is None:
                    report.note(str(path), n, f"transformation rule not carried over: {stripped}")
                else:
                    transforms.append(rule)
                    report.count("transformations")
                continue
            if stripped.startswith("---"):
                block.flush(verbs)
                m = _CODE.search(stripped)
                if m:
                    a, p, err = _codes(m.group(1), known, extra)
                    if err:
                        report.note(str(path), n, f"verb block {stripped!r}: {err}")
                    block.code, block.passive = a, p
                continue
            if stripped.startswith("-"):
                m = _CODE.search(stripped)
                if not m:
                    report.note(str(path), n, f"pattern without [code]: {stripped}")
                    continue
                a, p, err = _codes(m.group(1), known, extra)
                if err:
                    report.note(str(path), n, f"pattern {stripped!r}: {err}")
                    continue
                body = stripped[1 : m.start()].strip()
                alts = re.search(r"\(([A-Za-z]+(?:/[A-Za-z]+)+)", body)  # (TO/FOR ...)
                variants = ([body.replace(alts.group(1), x, 1) for x in alts.group(1).split("/")]
                            if alts else [body])
                for k, variant in enumerate(variants):
                    pattern, why = _convert_pattern(variant, synsets)
                    if pattern is None:
                        report.note(str(path), n, f"pattern {stripped[:80]!r}: {why}")
                        break
                    pattern["id"] = f"L{n}" + (f".{k + 1}" if len(variants) > 1 else "")
                    pattern["code"] = a
                    if p and a is None:  # "[:030]": only a passive reading ("obtained
                        # guarantees from Y" is Y's act on the subject), as PETRARCH reads it
                        pattern.update(code=p, swap=True, target=pattern.get(
                            "target", [f"prep:{w}" for w in ("from", "by", "in")]))
                    elif p:
                        pattern["reverse"] = p
                    block.patterns.append(pattern)
                    report.count("patterns")
                continue
            if stripped.startswith("####"):
                continue
            # a member verb of the current block
            m = _CODE.search(stripped)
            head = (stripped[: m.start()] if m else stripped).lstrip("+")
            forms_m = re.search(r"\{([^}]*)\}", head)
            lemma_text = re.sub(r"\{[^}]*\}", "", head).strip()
            words = _phrase(lemma_text).split()
            if not words:
                continue
            if len(words) > 2 or (len(words) == 2 and words[1] not in PARTICLES):
                report.note(str(path), n, f"multi-word verb {lemma_text!r} not supported")
                continue
            member: dict = {"verb": " ".join(words),
                            "target": ["dobj", "any"]}
            if forms_m:  # "{+SEALED_OFF ...}": the particle is matched apart, keep the verb
                forms = [_phrase(f.lstrip("+")) for f in forms_m.group(1).split()]
                member["forms"] = list(dict.fromkeys(
                    f.split()[0] for f in forms if f and (len(words) == 1 or " " in f)))
            if m:
                a, p, err = _codes(m.group(1), known, extra)
                if err:
                    report.note(str(path), n, f"verb {lemma_text!r}: {err}")
                member["code"], member["passive"] = a, p
            block.members.append(member)
            report.count("verbs")
        block.flush(verbs)
    out = []
    for entry in verbs.values():
        if "code" not in entry and not entry.get("patterns"):
            continue
        out.append(entry)
    return out


# -- discards and issues -----------------------------------------------------------------
def import_discards(path: str | Path, report: ImportReport) -> list[dict]:
    story, sentence = [], []
    for raw in _comment_blocks(_read(path)):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        (story if line.startswith("+") else sentence).append(_phrase(line.lstrip("+")))
    out = []
    if story:
        out.append({"id": "petrarch-story", "scope": "story", "phrases": story})
    if sentence:
        out.append({"id": "petrarch-sentence", "scope": "sentence", "phrases": sentence})
    report.count("discard phrases", len(story) + len(sentence))
    return out


def import_issues(path: str | Path, report: ImportReport) -> list[dict]:
    issues: dict[str, list[str]] = {}
    category = ""
    for n, raw in enumerate(_read(path), 1):
        line = _strip_comment(raw).strip()
        m = re.match(r'<ISSUE\s+CATEGORY="([^"]+)"', line)
        if m:
            category = m.group(1)
            continue
        if not line or line.startswith("<") or line.startswith("~"):
            if line.startswith("~"):
                report.note(str(path), n, f"issue exclusion not carried over: {line}")
            continue
        code_m = _CODE.search(line)
        phrase = line[: code_m.start()] if code_m else line
        words = [w.split(":", 1)[-1].replace("+", " ") for w in phrase.split()]
        text = " ".join(w for w in words if w).lower()
        if text:
            issues.setdefault(category or "OTHER", []).append(text)
            report.count("issue phrases")
    return [{"issue": k, "phrases": sorted(set(v))} for k, v in issues.items()]


_PICO_TERM = re.compile(r"([+-]?)\s*(0x[0-9a-fA-F]+)")
_FFFF = 0xFFFF


def _pico_terms(expr: str) -> tuple[int, bool, bool] | None:
    """(value without the 0xFFFF negation term, had that term, has the 0x300 "do not code"
    mask) of a PICO expression such as ``-0xFFFF+0x0070``; None when it is not one."""
    expr = expr.strip()
    if not expr or not re.fullmatch(r"[-+\s0-9a-fA-Fx]+", expr):
        return None
    value, negated, masked = 0, False, False
    for sign, num in _PICO_TERM.findall(expr):
        n = int(num, 16)
        if n == _FFFF:
            negated = True
        elif n == 0x300:
            masked = True
        else:
            value += -n if sign == "-" else n
    return value, negated, masked


OntologyLines = list[tuple[str, list[tuple[int, bool, bool]]]]


def read_ontology(path: str | Path, known: set[str], report: ImportReport) -> OntologyLines:
    """(code, its PICO expressions) for each line of PETRARCH's internal coding
    ontology that names a known code; lines not understood go to ``report``."""
    out: OntologyLines = []
    for lineno, raw in enumerate(_read(path), 1):
        m = re.match(r"^(\d{2,4}):(.*)$", raw.strip())
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        values = [x for x in (_pico_terms(x) for x in rest.split("#")) if x is not None]
        if not values:
            report.problems.append(f"{path}:{lineno}: PICO value {rest!r} not understood")
        elif code in known:
            out.append((code, values))
    return out


def import_ontology(lines: OntologyLines, report: ImportReport) -> dict[str, str]:
    """PETRARCH's internal coding ontology (PICO) as a negation map: "did not clash over
    the efforts" (110) is 050, "did not admit" (015) is 016, "did not yield" (080) is 124.

    A code whose PICO value is another's plus the 0xFFFF negation term is that code's
    negation; a code with an alternative ``#...0xFFFF`` value names its own negation.
    Values carrying the 0x300 mask are, in PETRARCH's words, "not code" and are skipped."""
    own: dict[str, int] = {}
    negated_of: list[tuple[str, int]] = []  # (code, value it negates)
    explicit: list[tuple[str, int]] = []  # (code, value of its negation)
    for code, values in lines:
        last = values[-1]
        if len(values) == 1 and last[1]:
            if not last[2] and last[0]:
                negated_of.append((code, last[0]))
            continue
        own.setdefault(code, last[0])
        for value, neg, masked in values[:-1]:
            if neg and not masked and value:
                explicit.append((code, value))
    by_value: dict[int, list[str]] = {}
    for code, value in own.items():
        by_value.setdefault(value, []).append(code)
    negation: dict[str, str] = {}
    for code, value in negated_of:
        for base in by_value.get(value, []):
            negation.setdefault(base, code)
    for code, value in explicit:
        if by_value.get(value):
            negation[code] = by_value[value][0]
    report.count("negation mappings", len(negation))
    return dict(sorted(negation.items()))


def import_combination(lines: OntologyLines, report: ImportReport) -> dict[str, str]:
    """Each code's PICO value, for rules/combination.yaml: the last expression on its
    line, negation term and "do not code" mask included (so that a combination never
    lands on a masked code). Written in hex, as PETRARCH writes them."""
    out: dict[str, str] = {}
    for code, values in lines:
        value, negated, masked = values[-1]
        total = value - (_FFFF if negated else 0) + (0x300 if masked else 0)
        out.setdefault(code, f"{'-' if total < 0 else ''}{hex(abs(total))}")
    report.count("combination values", len(out))
    return out


def import_petrarch(
    output: str | Path,
    verbs: list[str | Path] | None = None,
    actors: list[str | Path] | None = None,
    agents: str | Path | None = None,
    discards: str | Path | None = None,
    issues: str | Path | None = None,
    ontology: str | Path | None = None,
) -> ImportReport:
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    cameo = yaml.load((SHIPPED_DICTIONARIES / "cameo.yaml").read_text(), Loader=_loader())
    known = {str(c["code"]) for c in cameo["cameo"]}
    header = "# Imported from PETRARCH dictionaries by `coder dictionaries import-petrarch`.\n"

    def dump(name: str, section: str, items: list[dict] | dict) -> None:
        if items:
            text = yaml.dump({section: items}, Dumper=_dumper(), allow_unicode=True,
                             sort_keys=False, width=120)
            (out / name).write_text(header + text, encoding="utf-8")

    intent_verbs: list[str] = []
    if verbs:
        extra: set[str] = set()
        transforms: list[dict] = []
        imported = import_verbs(verbs, known, report, extra, transforms)
        intent_verbs = sorted({form for v in imported
                               if str(v.get("code") or "").startswith("03")
                               for form in [v["verb"], *v.get("forms", [])]})
        dump("verbs.yaml", "verbs", imported)
        dump("transformations.yaml", "transformations", transforms)
        for code in sorted(extra):
            report.problems.append(f"(kept) code {code} is not in the CAMEO 1.1b3 table; it is "
                                   "declared in extra-codes.yaml without a name or weight")
        dump("extra-codes.yaml", "cameo", [
            {"code": c, "name": f"PETRARCH code {c} (not in CAMEO 1.1b3)", "goldstein": None}
            for c in sorted(extra)])
    if actors:
        dump("actors.yaml", "actors", import_actors(actors, report))
    if agents:
        dump("agents.yaml", "agents", import_agents(agents, report))
    if discards:
        dump("discards.yaml", "discards", import_discards(discards, report))
    if issues:
        dump("issues.yaml", "issues", import_issues(issues, report))
    combination: dict[str, str] = {}
    if ontology:
        pico = read_ontology(ontology, known, report)
        combination = import_combination(pico, report)
        dump("combination.yaml", "combination", {
            "values": combination, "also": {"0x30a0": "138"},
            "note": "PETRARCH's coding ontology: how a governing verb's code and its "
                    "complement's combine ('intends to send aid' = 033); PETRARCH itself adds "
                    "that wanting to attack (0x30a0) is a threat (138)."})
        negation = import_ontology(pico, report)
        if negation:
            dump("negation.yaml", "negation", {
                "markers": _shipped_negation()["markers"], "default": "drop",
                "map": negation,
                "note": "PETRARCH's coding ontology: a negated event takes its negation's "
                        "code; other negated events are not coded."})
    if verbs:
        # PETRARCH's semantics: rules/policy.yaml says what they change (no target, no
        # event; the nearest pattern wins; "will meet" is a meeting; ...) and which of
        # the project's rules they leave out
        dump("policy.yaml", "policy", "petrarch2")
        # a verb with no pattern of its own gives way to its complement
        dump("modality.yaml", "modality", [
            {"id": "complement", "heads": ["*"], "source": "head", "action": "combine",
             "target": "head_object",
             "note": "PETRARCH semantics: a verb that matched no pattern of its own "
                     "gives way to its complement, the two codes combined by the "
                     "ontology (combination.yaml): 'intends to send aid' = 033, "
                     "'agreed to ease the embargo' = 085, 'called on X to send aid' = 023."}]
            if combination else
            [{"id": "complement", "heads": intent_verbs, "source": "head", "action": "map",
              "map": {f"{r:02d}": "=" for r in range(1, 21)},
              "note": "PETRARCH semantics: a verb of intent (03) that matched no pattern of "
                      "its own gives way to its complement ('planned to visit' = "
                      "042)."}] if intent_verbs else [])
    (out / "import-report.txt").write_text(report.text(), encoding="utf-8")
    return report


def _shipped_negation() -> dict:
    """The project's own negation rule (rules/negation.yaml): an imported ontology keeps
    its markers."""
    return yaml.load((SHIPPED_RULES / "negation.yaml").read_text(encoding="utf-8"),
                     Loader=_loader())["negation"]


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dumper() -> type:
    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)
