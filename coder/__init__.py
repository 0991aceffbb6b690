"""cameo-coder: turn news articles into CAMEO event data.

    from coder import Coder
    events = Coder().code(dataframe_with_id_date_text)
"""

from .pipeline import Coder

__all__ = ["Coder"]
__version__ = "0.1.0"
