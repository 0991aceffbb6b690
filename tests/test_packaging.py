"""The wheel carries the data: built, installed into a fresh venv, run from /tmp.

The fresh venv sees the test environment's third-party packages through a path
file (so no download is needed), but not the editable install of ``coder``: what
runs there is the wheel alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pandas as pd
import pytest
from conftest import HERE, SHARED

ROOT = HERE.parent


def _sh(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    res = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=600)
    assert res.returncode == 0, f"{args}\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    # built from a copy: no stale build/ of the clone slips into the wheel, and the clone
    # is left as it was
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "output", "*.egg-info", "__pycache__",
        ".pytest_cache", ".ruff_cache", ".cache"))
    _sh(sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-q", "-w", base / "dist",
        cwd=base)
    wheels = list((base / "dist").glob("cameo_coder-*.whl"))
    assert len(wheels) == 1
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = _sh(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
               cwd=base).stdout.strip()
    # third-party dependencies from this environment; coder itself only from the wheel
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _sh(sys.executable, "-m", "pip", "--python", py, "install", "--no-deps", "-q", wheels[0],
        cwd=base)
    return env_dir


def _env(tmp: Path) -> dict:
    return {**os.environ, "CODER_CACHE": str(tmp / "cache"), "PYTHONPATH": ""}


@pytest.mark.model
@pytest.mark.slow
def test_wheel_ships_the_data_and_codes_like_the_editable_install(wheel_venv, tmp_path):
    inputs = SHARED / "seeds" / "articles.jsonl"
    if not inputs.exists():  # the shared seeds are not here: the shipped examples will do
        inputs = ROOT / "examples"
    work = Path("/tmp") if Path("/tmp").is_dir() else tmp_path
    env = _env(tmp_path)
    where = _sh(wheel_venv / "bin" / "python", "-c", "import coder.resources as r; "
                "print(r.data_path('dictionaries'))", cwd=work, env=env).stdout.strip()
    assert str(wheel_venv) in where and "_data" in where, where

    installed = tmp_path / "installed.csv"
    _sh(wheel_venv / "bin" / "coder", "code", inputs, "-o", installed, "-q", cwd=work, env=env)
    _sh(wheel_venv / "bin" / "coder", "validate", cwd=work, env=env)
    editable = tmp_path / "editable.csv"
    _sh(sys.executable, "-m", "coder", "code", inputs, "-o", editable, "-q", cwd=ROOT, env=env)

    a = pd.read_csv(installed, dtype=str, keep_default_na=False)
    b = pd.read_csv(editable, dtype=str, keep_default_na=False)
    assert len(a) > 0
    pd.testing.assert_frame_equal(a, b)

    script = ("import json, sys; from coder import Coder; import pandas as pd;"
              "df = pd.read_json(sys.argv[1], lines=True, dtype=False) if sys.argv[1].endswith("
              "'.jsonl') else None;"
              "out = Coder().code(df) if df is not None else "
              "Coder().code(['Greece and Turkey held talks in Athens.'], date='2024-03-12');"
              "print(json.dumps(out.astype(str).to_dict('records')))")
    arg = str(inputs) if inputs.suffix == ".jsonl" else "-"
    api = json.loads(_sh(wheel_venv / "bin" / "python", "-c", script, arg, cwd=work,
                         env=env).stdout)
    here = json.loads(_sh(sys.executable, "-c", script, arg, cwd=ROOT, env=env).stdout)
    assert api == here and api


def test_sdist_and_wheel_list_the_same_data_folders_as_the_code():
    """The sdist (MANIFEST.in) and the wheel (setup.py) carry every folder that
    coder.resources looks up; a folder added to one list must be added to all."""
    from coder.resources import DATA_FOLDERS

    manifest = (ROOT / "MANIFEST.in").read_text().split()
    setup_py = (ROOT / "setup.py").read_text()
    for name in DATA_FOLDERS:
        assert f"graft {name}" in " ".join(manifest), f"MANIFEST.in misses {name}/"
        assert f'"{name}"' in setup_py, f"setup.py misses {name}/"
    assert "LICENSE" in manifest
