"""cameo-coder: turn news articles into CAMEO event data.

    from coder import Coder
    events = Coder().code(dataframe_with_id_date_text)

``Coder`` is imported on first use, so the commands that only read tables (``coder
diff``, ``coder summarize``) never load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Coder

__all__ = ["Coder"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Coder":
        from .pipeline import Coder

        return Coder
    raise AttributeError(f"module 'coder' has no attribute {name!r}")
