"""Explain: why a sentence was (or was not) coded.

For each sentence: the tokens with lemma, part of speech and dependency; each
actor phrase found with the dictionary entry and its file:line; the actor of
every noun phrase; each verb considered, with the patterns tried and the one
that fired, or why none did; the verb's stage log (coder/stages.py: which stage
changed or dropped it, and why); and the resulting events.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from .articles import Article
from .grammar import VerbTrace
from .pipeline import ArticleResult, Coder, SentenceTrace


def explain_article(coder: Coder, article: Article) -> dict[str, Any]:
    result, trace = coder.trace(article)
    return _report(article, result, trace)


def explain_parsed(coder: Coder, article: Article,
                   docs: Iterable[tuple[bool, Doc | None]]) -> dict[str, Any]:
    """The report for an article already parsed: ``(is_title, doc)`` pairs, as
    ``Coder.code_parsed`` takes them (no spaCy model needed)."""
    trace: list[SentenceTrace] = []
    result = coder.code_parsed(article, docs, trace)
    return _report(article, result, trace)


def _report(article: Article, result: ArticleResult,
            trace: list[SentenceTrace]) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.date.isoformat(),
        "discarded_by": result.discarded_by,
        "sentences": [_sentence(t) for t in trace],
    }


def _sentence(t: SentenceTrace) -> dict[str, Any]:
    sent = t.sent
    return {
        "sentence_id": t.sentence_id,
        "text": sent.text,
        "discarded_by": t.discarded_by,
        "tokens": [
            {"i": tok.i, "text": tok.text, "lemma": tok.lemma_, "pos": tok.pos_, "tag": tok.tag_,
             "dep": tok.dep_, "head": tok.head.i}
            for tok in sent
        ],
        "actor_phrases": [
            {"text": sent.doc[m.start : m.end].text, "start": m.start, "end": m.end,
             "kind": m.kind, "form": m.phrase.form,
             "entry": m.entry.name if hasattr(m.entry, "name") else m.phrase.text,
             "code": getattr(m.entry, "code", None),
             "location": str(m.located.location)}
            for m in t.mentions
        ],
        "actors": [
            {"head": i, "text": a.text, "code": a.code, "why": a.entry}
            for i, actors in sorted(t.actors.items()) for a in actors
        ],
        "verbs": [
            {"verb": v.verb, "i": v.index, "entry": v.entry, "pattern": v.pattern,
             "code": v.code, "outcome": v.outcome, "patterns_not_matching": v.tried,
             "stages": stage_log(v)}
            for v in t.verbs
        ],
        "events": [
            {"date": e.date, "source": e.source, "code": e.code, "event_name": e.event_name,
             "target": e.target, "verb_text": e.verb_text, "pattern_id": e.pattern_id}
            for e in t.events
        ],
    }


def stage_log(v: VerbTrace) -> list[dict[str, str]]:
    """The verb's stage log. An event the story-level stages (coder/context.py) dropped
    after the grammar shows as a last step ``story_context``."""
    log = [{"stage": s.stage, "verdict": s.verdict, "why": s.why} for s in v.stages]
    if log and log[-1]["verdict"] != "dropped" and not v.outcome.endswith("event(s)"):
        log.append({"stage": "story_context", "verdict": "dropped", "why": v.outcome})
    return log


def render(report: dict[str, Any]) -> Any:
    """A rich renderable of an explain report."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    if report.get("discarded_by"):
        parts.append(Text(f"story discarded by rule {report['discarded_by']!r}", style="bold red"))
    for s in report["sentences"]:
        parts.append(Text(f"\nsentence {s['sentence_id']}: {s['text']}", style="bold"))
        tokens = Table("i", "text", "lemma", "pos", "dep", "head", title="tokens",
                       title_justify="left")
        for tok in s["tokens"]:
            tokens.add_row(str(tok["i"]), tok["text"], tok["lemma"], tok["pos"], tok["dep"],
                           str(tok["head"]))
        parts.append(tokens)
        if s["actor_phrases"]:
            tab = Table("phrase", "kind", "entry", "where", title="actor phrases",
                        title_justify="left")
            for m in s["actor_phrases"]:
                tab.add_row(m["text"], f"{m['kind']} ({m['form']})",
                            f"{m['entry']} {m['code'] or ''}".strip(), m["location"])
            parts.append(tab)
        if s["actors"]:
            tab = Table("head", "noun phrase", "code", "why", title="actors",
                        title_justify="left")
            for a in s["actors"]:
                tab.add_row(str(a["head"]), a["text"], a["code"], a["why"])
            parts.append(tab)
        if s["verbs"]:
            tab = Table("verb", "entry", "pattern", "code", "outcome", title="verbs",
                        title_justify="left")
            for v in s["verbs"]:
                outcome = v["outcome"] + "".join(f"\n  - {t}" for t in v["patterns_not_matching"])
                tab.add_row(f"{v['verb']} ({v['i']})", v["entry"], v["pattern"], v["code"],
                            outcome)
            parts.append(tab)
            parts.extend(_stage_table(s["verbs"]))
        if s["discarded_by"]:
            parts.append(Text(f"sentence discarded by rule {s['discarded_by']!r}", style="red"))
        if s["events"]:
            tab = Table("date", "source", "code", "target", "matched", "pattern",
                        title="events", title_justify="left")
            for e in s["events"]:
                tab.add_row(e["date"], e["source"], f"{e['code']} {e['event_name']}",
                            e["target"], e["verb_text"], e["pattern_id"])
            parts.append(tab)
        else:
            parts.append(Text("no events", style="dim"))
    return Group(*parts)


def _stage_table(verbs: list[dict[str, Any]]) -> list[Any]:
    """The stages that changed or dropped each verb (the ones that kept it as it was
    are in the JSON report)."""
    from rich.table import Table

    rows = [(f"{v['verb']} ({v['i']})", s) for v in verbs for s in v.get("stages", [])
            if s["verdict"] != "kept"]
    if not rows:
        return []
    tab = Table("verb", "stage", "verdict", "why", title="stages", title_justify="left")
    for verb, s in rows:
        tab.add_row(verb, s["stage"], s["verdict"], s["why"],
                    style="red" if s["verdict"] == "dropped" else None)
    return [tab]
