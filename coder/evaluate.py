"""Evaluate: code gold records and compare the events with the expected ones.

Reports records exactly right; event precision, recall and F1 at two levels
(full code with whole actor codes; root code with country-level actors); a
per-root-code table; and every miss and false event with its record id.
Records listed in an exclusion file (expected codings that look wrong) are
reported and counted separately, not silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .gold import GoldRecord
from .newsscore import NewsReport, score_record
from .pipeline import Coder

Event = tuple[str, str, str]


def coarse(ev: Event) -> Event:
    """Root code, and actors at country level (first three letters)."""
    s, c, t = ev
    return (s[:3], c[:2], t[:3])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, pred: set[Event], gold: set[Event]) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Report:
    records: int = 0
    exact: int = 0
    full: Score = field(default_factory=Score)
    root: Score = field(default_factory=Score)
    by_root: dict[str, Score] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_events: list[dict] = field(default_factory=list)
    excluded: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records, "exactly_right": self.exact,
            "full_code": self.full.as_dict(), "root_country": self.root.as_dict(),
            "by_root": {k: v.as_dict() for k, v in sorted(self.by_root.items())},
            "misses": self.misses, "false_events": self.false_events,
            "excluded": self.excluded, "skipped": self.skipped,
        }


def load_exclusions(path: str | Path | None) -> dict[str, str]:
    """``{record id: reason}`` from a YAML list of ``{id, reason}``."""
    if path is None or not Path(path).exists():
        return {}
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return {str(i["id"]): str(i.get("reason", "")) for i in items}


def predicted(coder: Coder, records: list[GoldRecord]) -> list[set[Event]]:
    """The coded events of each record, in order (gold files may repeat an id)."""
    results = coder.code_articles([r.article() for r in records], prefilter=True)
    return [{(e.source, e.code, e.target) for e in res.events} for res in results]


def evaluate_news(coder: Coder, records: Iterable[GoldRecord | Any]) -> NewsReport:
    """Real-news gold (coder.newsscore): code each record, score the three levels."""
    report = NewsReport()
    gold_records = [r for r in records if isinstance(r, GoldRecord)]
    results = coder.code_articles([r.article() for r in gold_records], prefilter=True)
    for rec, res in zip(gold_records, results, strict=True):
        rows = [e.row() for e in res.events]
        score_record(report, rec.id, rec.detail or [], rec.alt_events, rows)
    return report


def evaluate(coder: Coder, records: Iterable[GoldRecord | Any],
             exclude: dict[str, str] | None = None) -> Report:
    report = Report()
    exclude = exclude or {}
    gold_records: list[GoldRecord] = []
    for rec in records:
        if isinstance(rec, GoldRecord):
            gold_records.append(rec)
        else:
            report.skipped.append(str(rec))
    preds = predicted(coder, gold_records)
    for rec, pred in zip(gold_records, preds, strict=True):
        gold = set(rec.events)
        if rec.id in exclude:
            report.excluded.append({"id": rec.id, "reason": exclude[rec.id],
                                    "expected": sorted(gold), "coded": sorted(pred),
                                    "right": pred == gold})
            continue
        report.records += 1
        if pred == gold:
            report.exact += 1
        report.full.add(pred, gold)
        report.root.add({coarse(e) for e in pred}, {coarse(e) for e in gold})
        for ev in gold | pred:
            score = report.by_root.setdefault(ev[1][:2], Score())
            score.add({ev} & pred, {ev} & gold)
        for ev in sorted(gold - pred):
            report.misses.append({"id": rec.id, "event": list(ev), "coded": sorted(pred),
                                  "text": rec.text})
        for ev in sorted(pred - gold):
            report.false_events.append({"id": rec.id, "event": list(ev),
                                        "expected": sorted(gold), "text": rec.text})
    return report


def render(report: Report, limit: int = 40) -> str:
    lines = [
        f"records exactly right: {report.exact} / {report.records}"
        + (f"  (+{len(report.excluded)} excluded, listed below)" if report.excluded else ""),
        "events, full code and whole actor codes: "
        f"P {report.full.precision:.3f}  R {report.full.recall:.3f}  F1 {report.full.f1:.3f}"
        f"  (tp {report.full.tp}, fp {report.full.fp}, fn {report.full.fn})",
        "events, root code and country-level actors: "
        f"P {report.root.precision:.3f}  R {report.root.recall:.3f}  F1 {report.root.f1:.3f}",
        "", "root  expected  coded  right  precision  recall",
    ]
    for root, s in sorted(report.by_root.items()):
        lines.append(f"{root:>4}  {s.tp + s.fn:8d}  {s.tp + s.fp:5d}  {s.tp:5d}  "
                     f"{s.precision:9.2f}  {s.recall:6.2f}")
    for title, items in (("misses (expected, not coded)", report.misses),
                         ("false events (coded, not expected)", report.false_events)):
        lines += ["", f"{title}: {len(items)}"]
        for item in items[:limit]:
            lines.append(f"  {item['id']}: {' '.join(x or '-' for x in item['event'])}"
                         f"   | {item['text'][:110]}")
        if len(items) > limit:
            lines.append(f"  ... {len(items) - limit} more (--json for all)")
    if report.excluded:
        lines += ["", f"excluded records: {len(report.excluded)}"]
        for item in report.excluded:
            lines.append(f"  {item['id']}: {item['reason']}")
    return "\n".join(lines)
