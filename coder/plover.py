"""PLOVER: each CAMEO code's PLOVER event type, mode and context.

The table is ``dictionaries/plover.yaml`` (facts from the PLOVER project's
CAMEO-to-PLOVER conversion table; see its header). :func:`annotate` fills the
``plover_type``, ``plover_mode`` and ``plover_context`` columns of events; a code
the table lacks falls back to its parent code ("0874" -> "087" -> "08").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from .dictionaries import SHIPPED_DICTIONARIES

PLOVER_TABLE = SHIPPED_DICTIONARIES / "plover.yaml"


class _HasCode(Protocol):
    code: str
    plover_type: str
    plover_mode: str
    plover_context: str


@lru_cache(maxsize=4)
def table(path: Path = PLOVER_TABLE) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (type, mode, context); empty when the file is not there."""
    import yaml

    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(code): (row.get("type") or "", row.get("mode") or "", row.get("context") or "")
            for code, row in (data.get("plover") or {}).items()}


def plover_of(code: str) -> tuple[str, str, str]:
    """``(type, mode, context)`` of a CAMEO code; empty strings when unknown."""
    t = table()
    while code:
        if code in t:
            return t[code]
        code = code[:-1] if len(code) > 2 else ""
    return "", "", ""


def annotate(events: Iterable[_HasCode]) -> None:
    for ev in events:
        ev.plover_type, ev.plover_mode, ev.plover_context = plover_of(ev.code)
