"""Scoring on real news: the metric of the project's real-news gold sets.

Gold records are whole articles or short entries, each with every event a careful
CAMEO coder codes (``events``), accepted variants of an event (``alt``), events a
second coder could reasonably code instead (``alt_events``: right for precision
only), and optionally each event's ``sentence`` and ``date``.

Per record, events are compared as sets of (source, code, target, date), with
actors at country level (the first 3 letters of a code, or the first 6 for
IGO/NGO/IMG/MNC/NGM codes; a leading ``---`` is dropped), so an event repeated in
one record counts once. A coded event matches a gold event (or one of its ``alt``
variants) when the codes agree (``root``: the first two digits; ``full``: the whole
code), the sources agree, and the targets agree, a gold target of null matching
any. ``root_dated`` also needs the date. Matching is one-to-one, in gold order.

Each gold event not found is given a cause, in this order: ``no event`` (nothing
coded from its sentence), ``no actor`` (its code was coded in the record, with no
source), ``actor without country`` (its code was coded with a bare role),
``other actor``, ``no target``, ``other code`` (its sentence was coded with another
root), ``wrong date`` (found but dated another day).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM"})
LEVELS = ("root", "full", "root_dated")


def actor_key(code: Any) -> str | None:
    c = str(code or "").strip().upper()
    if c.startswith("---"):
        c = c[3:]
    if c in ("", "NONE", "NAN", "NULL"):
        return None
    return c[:6] if c[:3] in INTERNATIONAL else c[:3]


def _variants(ev: dict) -> list[dict]:
    return [ev, *({**ev, **a} for a in ev.get("alt") or [] if isinstance(a, dict))]


def _agrees(pred: dict, gold: dict, level: str) -> bool:
    pc, gc = str(pred["code"]), str(gold["code"])
    if (pc[:2] != gc[:2]) if level != "full" else pc != gc:
        return False
    if pred["source"] != actor_key(gold.get("source")):
        return False
    if gold.get("target") is not None and pred["target"] != actor_key(gold.get("target")):
        return False
    if level == "root_dated" and gold.get("date") and pred["date"] != str(gold["date"])[:10]:
        return False
    return True


def _match(gold: list[dict], pred: list[dict], level: str) -> tuple[int, set[int], set[int]]:
    """One-to-one matches: (count, indices of gold matched, indices of pred used)."""
    used: set[int] = set()
    found: set[int] = set()
    for g, gev in enumerate(gold):
        for i, p in enumerate(pred):
            if i not in used and any(_agrees(p, v, level) for v in _variants(gev)):
                used.add(i)
                found.add(g)
                break
    return len(found), found, used


def _key(e: dict) -> tuple:
    """What makes two events of a record one: country-level actors, code, day."""
    return (actor_key(e.get("source")), str(e["code"]), actor_key(e.get("target")),
            str(e.get("date") or "")[:10])


def _first_of_each(events: list[dict]) -> list[dict]:
    seen: set[tuple] = set()
    return [e for e in events if not (_key(e) in seen or seen.add(_key(e)))]


def _unique(events: list[dict]) -> list[dict]:
    out = []
    for e in _first_of_each(events):
        k = _key(e)
        out.append({"source": k[0], "code": k[1], "target": k[2], "date": k[3],
                    "sentence": e.get("sentence", ""),
                    "bare": _bare(e, "source") or _bare(e, "target")})
    return out


@dataclass
class Tally:
    tp_gold: int = 0
    tp_pred: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"P": round(self.precision, 4), "R": round(self.recall, 4),
                "F1": round(self.f1, 4), "pred": self.pred, "gold": self.gold}


@dataclass
class NewsReport:
    levels: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in LEVELS})
    records: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    misses: list[dict] = field(default_factory=list)
    false_events: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**{k: t.as_dict() for k, t in self.levels.items()}, "records": self.records,
                "miss_causes": dict(self.causes.most_common()), "misses": self.misses,
                "false_events": self.false_events}


def score_record(report: NewsReport, rec_id: str, gold_events: list[dict],
                 alt_events: list[dict], coded: list[dict]) -> None:
    """Add one record: ``coded`` rows need source, code, target, date and sentence."""
    report.records += 1
    pred = _unique(coded)
    gold = [{**g, "source": g.get("source"), "target": g.get("target")} for g in gold_events]
    gold = _dedupe_gold(gold)
    alts = list(alt_events or [])
    for level in LEVELS:
        t = report.levels[level]
        n, found, used = _match(gold, pred, level)
        # alt events count as right for precision only
        rest = [p for i, p in enumerate(pred) if i not in used]
        n_alt, _, _ = _match(alts, rest, level)
        t.tp_gold += n
        t.tp_pred += n + n_alt
        t.pred += len(pred)
        t.gold += len(gold)
        if level == "root":
            alt_used = {i for i, p in enumerate(pred) if i not in used and any(
                _agrees(p, v, level) for a in alts for v in _variants(a))}
            for g, gev in enumerate(gold):
                if g not in found:
                    cause = _cause(gev, pred)
                    report.causes[cause] += 1
                    report.misses.append({"id": rec_id, "cause": cause, "event": {
                        k: gev.get(k) for k in ("source", "code", "target", "date")},
                        "sentence": gev.get("sentence", "")})
            for i, p in enumerate(pred):
                if i not in used and i not in alt_used:
                    report.false_events.append({"id": rec_id, "event": {
                        k: p[k] for k in ("source", "code", "target", "date")},
                        "sentence": p.get("sentence", "")})
        if level == "root_dated":
            _, found_root, _ = _match(gold, pred, "root")
            report.causes["wrong date"] += len(found_root - found)


def _bare(row: dict, side: str) -> bool:
    """A role with no country ("MIL"), as the event table tells it."""
    code = str(row.get(side) or "")
    return bool(code) and f"{side}_country" in row and not row[f"{side}_country"] and \
        code[:3] not in INTERNATIONAL


def _dedupe_gold(gold: list[dict]) -> list[dict]:
    return _first_of_each(gold)


def _same_sentence(gold: dict, pred: dict) -> bool:
    gs = " ".join(str(gold.get("sentence") or "").split())
    ps = " ".join(str(pred.get("sentence") or "").split())
    return bool(gs and ps) and (gs in ps or ps in gs or gs[:60] == ps[:60])


def _cause(gold: dict, pred: list[dict]) -> str:
    root = str(gold["code"])[:2]
    same_code = [p for p in pred if str(p["code"])[:2] == root]
    src = actor_key(gold.get("source"))
    tgt = actor_key(gold.get("target"))
    if gold.get("sentence") and not any(_same_sentence(gold, p) for p in pred):
        return "no event"
    if same_code:
        if any(not p["source"] for p in same_code):
            return "no actor"
        if any(p["bare"] for p in same_code):
            return "actor without country"
        if not any(p["source"] == src for p in same_code):
            return "other actor"
        if tgt is not None and any(p["source"] == src and not p["target"] for p in same_code):
            return "no target"
        return "other actor"
    if not pred:
        return "no event"
    return "other code"


def render(report: NewsReport, limit: int = 40) -> str:
    """The report as text: the three levels, misses by cause, then misses and false
    events with their record ids."""
    lines = [f"records: {report.records}"]
    for level in LEVELS:
        t = report.levels[level]
        lines.append(f"{level:>10}: P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}"
                     f"  (coded {t.pred}, expected {t.gold})")
    lines += ["", "misses by cause (root level; 'wrong date' counts root_dated only):"]
    lines += [f"  {n:5d}  {cause}" for cause, n in report.causes.most_common()]
    for title, items in (("misses (expected, not coded)", report.misses),
                         ("false events (coded, not expected)", report.false_events)):
        lines += ["", f"{title}: {len(items)}"]
        for item in items[:limit]:
            ev = item["event"]
            why = f" [{item['cause']}]" if "cause" in item else ""
            lines.append(f"  {item['id']}: {ev.get('source') or '-'} {ev['code']} "
                         f"{ev.get('target') or '-'} {ev.get('date') or ''}{why}"
                         f"   | {str(item.get('sentence') or '')[:100]}")
        if len(items) > limit:
            lines.append(f"  ... {len(items) - limit} more (--json for all)")
    return "\n".join(lines)
