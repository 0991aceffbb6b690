"""Build hook: the wheel carries the top-level data folders as ``coder/_data/``.

The folders stay at the top of the repository, where users edit them; a
non-editable build (wheel, ``pip install .``, a wheel built from the sdist) copies
them into the package, and :mod:`coder.resources` finds them there with
importlib.resources. An editable install reads them in place. All metadata is in
pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("dictionaries", "rules", "examples")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the folders where they are
        for name in DATA_FOLDERS:
            src = HERE / name
            if not src.is_dir():
                raise SystemExit(f"setup.py: the data folder {src} is missing")
            dst = Path(self.build_lib) / "coder" / "_data" / name
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            root = Path(self.build_lib) / "coder" / "_data"
            for name in DATA_FOLDERS:
                files = sorted(p for p in (HERE / name).rglob("*") if p.is_file())
                outputs += [str(root / name / p.relative_to(HERE / name)) for p in files]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
