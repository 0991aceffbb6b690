"""The straight line: article -> sentences -> parse -> actors -> verbs -> grammar -> events.

:class:`Coder` is the Python API; the CLI is a thin layer over it.

    from coder import Coder
    events = Coder().code(["Iran's president met Iraqi leaders on Monday."], date="2005-11-22")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from . import dictionaries as dicts
from .actors import Actor, ActorMatcher, ActorResolver, Mention
from .articles import Article, Skipped, make_article
from .background import is_background
from .context import LEAD_SENTENCES, StoryContext
from .events import COLUMNS, Event, EventBuilder
from .grammar import Coded, SentenceCoder, VerbTrace
from .locate import ArticleLocator
from .nominal import NominalCoder
from .parse import FLUSH, NLPEngine, ParseCache
from .plover import annotate as annotate_plover
from .repair import may_repair, repair_headline_verb
from .sentences import story_place, units
from .tokens import view
from .verbs import VerbIndex


@dataclass
class ArticleResult:
    """What happened to one input record."""

    article: Article | None
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    skipped: Skipped | None = None
    discarded_by: str = ""

    @property
    def status(self) -> str:
        if self.skipped is not None:
            return "skipped"
        if self.discarded_by:
            return "discarded"
        return "coded" if self.events else "no events"


class Discards:
    """Discard rules: a story or sentence that names a listed phrase is not coded."""

    def __init__(self, d: dicts.Dictionaries) -> None:
        self.rules = []
        for loc in d.discards:
            r = loc.entry
            unless = self.pattern(r.unless) if r.unless else None
            self.rules.append((r.id, r.scope, self.pattern(r.phrases), unless))

    @staticmethod
    def pattern(phrases: list[str]) -> re.Pattern:
        """Whole words; ``evacuat*`` is a prefix (evacuated, evacuation)."""
        def one(p: str) -> str:
            p = p.lower()
            return re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p)

        return re.compile(r"\b(?:" + "|".join(one(p) for p in phrases) + r")\b")

    def story(self, text: str) -> str:
        return self._first("story", text)

    def sentence(self, text: str) -> str:
        return self._first("sentence", text)

    def _first(self, scope: str, text: str) -> str:
        """The id of the first rule of ``scope`` that discards ``text``, or ""."""
        low = text.lower()
        for rid, rule_scope, pat, unless in self.rules:
            if rule_scope == scope and pat.search(low) and not (unless and unless.search(low)):
                return rid
        return ""


@dataclass
class SentenceTrace:
    """Everything the coder decided about one sentence (for explain and coverage)."""

    sentence_id: int
    sent: Span
    mentions: list[Mention]
    actors: dict[int, list[Actor]]
    verbs: list[VerbTrace]
    events: list[Event]
    discarded_by: str = ""


FLUSH_AFTER = 64  # records waiting for their results before the parser is told to flush


class _Slot:
    """One input record on its way through the parser."""

    def __init__(self, record: Article | Skipped) -> None:
        self.record = record
        self.units: list[tuple[bool, str]] = []
        self.wanted: list[bool] = []
        self.docs: list[Doc] = []
        self.discarded_by = ""
        self.failed: Skipped | None = None

    @property
    def complete(self) -> bool:
        return len(self.docs) >= sum(self.wanted)

    def result(self, coder: Coder) -> ArticleResult:
        if isinstance(self.record, Skipped):
            return ArticleResult(None, skipped=self.record)
        if self.failed is not None:
            return ArticleResult(self.record, skipped=self.failed)
        if self.discarded_by:
            return ArticleResult(self.record, discarded_by=self.discarded_by)
        docs = iter(self.docs)
        parsed = [(is_title, next(docs) if w else None)
                  for (is_title, _), w in zip(self.units, self.wanted, strict=True)]
        return coder._safe_code(self.record, parsed)


class IssueTagger:
    """Issue tags of a sentence: every issue one of whose phrases it contains."""

    def __init__(self, d: dicts.Dictionaries) -> None:
        merged: dict[str, set[str]] = {}
        for loc in d.issues:
            merged.setdefault(loc.entry.issue, set()).update(p.lower() for p in loc.entry.phrases)
        self.rules = [(issue, re.compile(r"\b(?:" + "|".join(
            re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b"))
            for issue, phrases in sorted(merged.items())]

    def tags(self, text: str) -> str:
        low = text.lower()
        return ";".join(issue for issue, pat in self.rules if pat.search(low))


class Coder:
    """Codes articles into CAMEO events with YAML dictionaries and a spaCy parse."""

    def __init__(
        self,
        dictionaries: Sequence[str | Path] | None = None,
        rules: str | Path | None = None,
        model: str | None = None,
        *,
        engine: NLPEngine | None = None,
        loaded: dicts.Dictionaries | None = None,
        cache: str | Path | None = None,
        locate: bool = True,
    ) -> None:
        self.locate = locate  # fill the location columns (coder/locate.py)
        self.dictionaries = loaded or dicts.load(dictionaries, rules)
        self.matcher = ActorMatcher(self.dictionaries)
        self.verbs = VerbIndex(self.dictionaries)
        self.grammar = SentenceCoder(self.dictionaries, self.verbs)
        self.nominal = NominalCoder(self.dictionaries.nominal)
        self.discards = Discards(self.dictionaries)
        self.issues = IssueTagger(self.dictionaries)
        self.agent_codes = frozenset(loc.entry.code for loc in self.dictionaries.agents)
        self.verb_lemmas = frozenset(self.verbs.lemmas())
        self.engine = engine or NLPEngine(model, cache=ParseCache(cache) if cache else None)

    def country_names(self) -> dict[str, str]:
        """ISO-3 code -> country name, from the loaded dictionaries."""
        return {loc.entry.code: loc.entry.name for loc in self.dictionaries.actors
                if loc.entry.type == "country"}

    # -- the engine on parsed input (no model needed) -------------------------
    def code_parsed(
        self,
        article: Article,
        docs: Iterable[tuple[bool, Doc | None]],
        trace: list[SentenceTrace] | None = None,
    ) -> ArticleResult:
        """Code an article from parsed sentences: ``(is_title, doc)`` pairs, one sentence
        each (the title is sentence 0, the others are numbered from 1). ``None`` in place
        of a doc marks a sentence the prefilter left unparsed: it is counted, not coded."""
        rule = self.discards.story(f"{article.title}\n{article.text}")
        if rule:
            return ArticleResult(article, discarded_by=rule)
        return self._code_sentences(article, docs, trace)

    def trace(self, article: Article) -> tuple[ArticleResult, list[SentenceTrace]]:
        """Parse and code one article, keeping every decision (explain, coverage)."""
        parts = units(article)
        docs = self.engine.parse([t for _, t in parts])
        trace: list[SentenceTrace] = []
        result = self.code_parsed(article, zip([p[0] for p in parts], docs, strict=True), trace)
        return result, trace

    def _code_sentences(
        self,
        article: Article,
        docs: Iterable[tuple[bool, Doc | None]],
        trace: list[SentenceTrace] | None = None,
    ) -> ArticleResult:
        """The sentences of an article whose story was already checked against discards."""
        result = ArticleResult(article)
        resolver = ActorResolver(self.matcher, article.date)
        place = story_place(article)  # the dateline that units() leaves out
        if place:
            resolver.read_dateline(place)
        context = StoryContext(self.agent_codes, self.dictionaries.context,
                               dateline=resolver.place)
        context.publisher_voice(resolver, article.source)
        builder = EventBuilder(self.dictionaries, article.id, article.date, article.source,
                               article.url)
        locator = ArticleLocator(place, resolver.place if place else "")
        sid = 0
        for is_title, doc in docs:
            if not is_title:
                sid += 1
            sentence_id = 0 if is_title else sid
            result.sentences += 1
            if doc is None:
                continue
            sent = view(doc)[:]  # read the parse once: the engine walks it many times
            # "The Navy intercepts a ship" read as one noun phrase: mend the Doc, read it again
            if not is_title and may_repair(sent, self.verb_lemmas) and repair_headline_verb(
                    doc[:], self.verb_lemmas) is not None:
                sent = view(doc)[:]
            mentions = resolver.read_sentence(sent)
            context.observe(resolver, is_title or sid <= LEAD_SENTENCES, sent)
            if sid <= LEAD_SENTENCES:
                context.find_voice(resolver, sent)
            discarded = self.discards.sentence(sent.text)
            verbs: list[VerbTrace] | None = [] if trace is not None else None
            made = [] if discarded else self.grammar.code(sent, resolver, article.date, verbs)
            if not discarded:  # events a noun names: "talks between A and B"
                made += self.nominal.code(sent, resolver, article.date, made, verbs)
            made = self._in_context(made, sent, resolver, context, article.date, verbs,
                                    sentence_id)
            tags = self.issues.tags(sent.text) if made else ""
            events = [builder.add(sentence_id, sent.text.strip(), coded, tags) for coded in made]
            for coded, ev in zip(made, events, strict=True):
                locator.add(ev, coded.verb, sent)
            if trace is not None and verbs is not None:
                trace.append(SentenceTrace(sentence_id, sent, mentions, dict(resolver.resolved),
                                           verbs, events, discarded))
        if self.locate:
            locator.finish()
        annotate_plover(builder.events)
        result.events = builder.events
        return result

    def _in_context(self, made: list[Coded], sent: Span, resolver: ActorResolver,
                    context: StoryContext, article_date: dt.date,
                    verbs: list[VerbTrace] | None, sentence_id: int = 0) -> list[Coded]:
        """The article-level stages after the grammar: background acts dropped, bare
        roles given their country, responses to an act given its doer as target."""
        def dropped(c: Coded, why: str) -> None:  # say so in the trace (explain)
            for vt in verbs or []:
                if vt.index == c.verb.i:
                    vt.outcome = why

        out: list[Coded] = []
        for c in made:
            why = is_background(c, article_date, self.dictionaries.background)
            if why:
                dropped(c, f"background (rules: background): {why}")
                continue
            found = context.doer(c, sentence_id)
            if found is None:  # an agentless passive with no doer in the story
                dropped(c, "no source actor (none in the story's latest acts)")
                continue
            c = found
            force = c.code[:2] in ("18", "19", "20")
            # a state's forces strike abroad as often as at home; gunmen and rebels
            # mostly act where they are
            words = c.code[:2] < "14"  # verbal and cooperative acts, not force
            source = context.locate(c.source, sent, resolver, abroad=(
                force or c.code[:2] == "15") and c.source.role in ("MIL", "GOV"),
                avoid=c.target.country if words and c.source.role == c.target.role[:3]
                else "")
            c = dataclasses.replace(c, source=source, target=context.locate(
                c.target, sent, resolver, source if force else None,
                source=source if words else None))
            c = context.recode(context.aim(context.refer(c), sent, resolver))
            out.append(context.publisher_accuses(c, article_date))
        for c in out:
            context.remember(c, resolver, sentence_id)
        return out

    # -- streaming batches ----------------------------------------------------
    def code_articles(
        self, records: Iterable[Article | Skipped], *, workers: int = 1, prefilter: bool = False
    ) -> Iterator[ArticleResult]:
        """Parse and code a stream of records, yielding one result per record, in order.

        Memory holds only the articles whose parses are in flight. With ``prefilter``,
        sentences that cannot yield an event are not parsed (same events, less work)."""
        from .prefilter import Prefilter

        gate = Prefilter(self.matcher, self.verbs) if prefilter else None
        pending: deque[_Slot] = deque()

        def texts(slot: _Slot) -> list[str]:
            record = slot.record
            if isinstance(record, Skipped):
                return []
            try:  # one record never stops the batch, whatever it holds
                rule = self.discards.story(f"{record.title}\n{record.text}")
                if rule:
                    slot.discarded_by = rule
                    return []
                slot.units = units(record)
                slot.wanted = (gate.select([t for _, t in slot.units]) if gate
                               else [True] * len(slot.units))
            except Exception as exc:
                slot.units, slot.wanted = [], []
                slot.failed = Skipped(record.id, record.origin, "E207",
                                      f"{type(exc).__name__}: {exc}")
                return []
            return [t for (_, t), w in zip(slot.units, slot.wanted, strict=True) if w]

        def feed() -> Iterator[Any]:
            for record in records:
                slot = _Slot(record)
                pending.append(slot)
                wanted = texts(slot)
                yield from wanted
                if not wanted and len(pending) > FLUSH_AFTER:
                    # a long run of records with nothing to parse (skipped, discarded,
                    # prefiltered) is handed on now, not held until the next parse
                    yield FLUSH

        def ready() -> Iterator[ArticleResult]:
            while pending and pending[0].complete:
                slot = pending.popleft()
                yield slot.result(self)

        for doc in self.engine.parse(feed(), workers=workers):
            if doc is FLUSH:
                yield from ready()
                continue
            for slot in pending:
                if not slot.complete:
                    slot.docs.append(doc)
                    break
            yield from ready()
        yield from ready()

    def _safe_code(self, article: Article, docs: list[tuple[bool, Doc | None]]) -> ArticleResult:
        try:  # feed() already checked the story discards
            return self._code_sentences(article, docs)
        except Exception as exc:  # one article must never stop the batch
            return ArticleResult(article, skipped=Skipped(
                article.id, article.origin, "E207", f"{type(exc).__name__}: {exc}"))

    # -- convenience API ------------------------------------------------------
    def code(
        self,
        texts_or_dataframe: Any,
        *,
        date: str | dt.date | None = None,
        workers: int = 1,
        errors: str = "warn",
    ) -> Any:
        """Code one text (a string), a list of texts, a list of dicts, or a DataFrame with
        ``id``, ``date``, ``text`` (and optionally ``title``) columns; the usual aliases
        (``body``, ``published``, ``article_id``, any case) are read too. Texts need
        ``date=`` (the day they were published) unless every record has its own.

        Records that cannot be coded are skipped: ``errors="warn"`` (the default) warns,
        ``"raise"`` raises :class:`~coder.errors.ArticleError`, ``"ignore"`` says nothing.
        Either way ``result.attrs["skipped"]`` lists them ({id, origin, code, reason}).
        Returns a DataFrame in the native schema."""
        import warnings

        import pandas as pd

        from .columns import ColumnMap, using_columns
        from .errors import ArticleError

        if errors not in ("raise", "warn", "ignore"):
            raise ValueError(f"errors must be 'raise', 'warn' or 'ignore', not {errors!r}")
        default = dicts_date(date)
        data = texts_or_dataframe
        if isinstance(data, str):  # one text, not a sequence of letters
            data = [data]
        if isinstance(data, pd.Series):
            data = data.tolist()
        if isinstance(data, pd.DataFrame):
            rows = data.to_dict("records")
        else:
            rows = [dict(t) if isinstance(t, dict) else {"text": t} for t in data]
        cmap = ColumnMap()
        with using_columns(cmap):
            if default is None and rows and not any(
                    "date" in cmap.resolve(row.keys()) for row in rows):
                raise ArticleError(
                    "the texts have no date: pass date='YYYY-MM-DD' (the day they were "
                    "published) to Coder.code, or give each record a 'date' column",
                    code="E203")
            records: list[Article | Skipped] = []
            for n, row in enumerate(rows, 1):
                row = {k: (None if pd.api.types.is_scalar(v) and pd.isna(v) else v)
                       for k, v in row.items()}  # NaN, NaT and <NA> are "no value"
                for k, v in row.items():
                    if isinstance(v, dt.date | pd.Timestamp):
                        row[k] = pd.Timestamp(v).date().isoformat()
                records.append(make_article(row, f"<input>:{n}", str(n), default))
            rows_out: list[dict] = []
            skipped: list[Skipped] = []
            for result in self.code_articles(records, workers=workers):
                if result.skipped is not None:
                    skipped.append(result.skipped)
                rows_out += [e.row() for e in result.events]
        if skipped and errors == "raise":
            raise ArticleError(f"{len(skipped)} of {len(rows)} records cannot be coded: "
                               + "; ".join(str(s) for s in skipped[:5]), code=skipped[0].code)
        if skipped and errors == "warn":
            warnings.warn(f"{len(skipped)} of {len(rows)} records skipped (see "
                          f".attrs['skipped']): " + "; ".join(str(s) for s in skipped[:3]),
                          stacklevel=2)
        from .table import to_dataframe

        df = to_dataframe(rows_out, COLUMNS)
        df.attrs["skipped"] = [{"id": s.id, "origin": s.origin, "code": s.code,
                                "reason": s.reason} for s in skipped]
        df.attrs["columns"] = dict(cmap.used)
        return df


def dicts_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .articles import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD")
    return parsed
