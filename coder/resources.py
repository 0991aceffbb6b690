"""Where the shipped data lives: dictionaries/, rules/ and examples/.

In a clone or an editable install they are the top-level folders of the
repository. A wheel (or ``pip install .``) carries copies as ``coder/_data/``
(see setup.py), found here with :mod:`importlib.resources`, so the coder works
the same from any directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DATA_FOLDERS = ("dictionaries", "rules", "examples")


def data_path(name: str) -> Path:
    """The shipped folder ``name`` (one of DATA_FOLDERS), installed or in the clone."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; one of {', '.join(DATA_FOLDERS)}")
    packaged = resources.files("coder") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / name
