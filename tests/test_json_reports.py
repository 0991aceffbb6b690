"""Every command that prints a report takes ``--json`` and prints one JSON object, all
through one helper (coder/cli.py: ``_echo_json``)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, HERE
from typer.testing import CliRunner

from coder.cli import app

runner = CliRunner()
TABLE = HERE / "golden" / "examples.csv"
EXAMPLES = HERE.parent / "examples" / "articles.jsonl"


def _json(*args: object) -> tuple[int, dict]:
    res = runner.invoke(app, [str(a) for a in args])
    return res.exit_code, json.loads(res.stdout)


def test_one_helper_writes_every_json_report():
    tree = ast.parse((HERE.parent / "coder" / "cli.py").read_text(encoding="utf-8"))
    dumps = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and ast.unparse(node.func) == "json.dumps"]
    assert len(dumps) == 1
    commands = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                and any("app.command" in ast.unparse(d) for d in node.decorator_list)}
    reports = {"validate_cmd", "explain_cmd", "coverage_cmd", "evaluate_cmd", "summarize_cmd",
               "diff_cmd"}
    for name in reports:
        args = {a.arg: d for a, d in zip(commands[name].args.args[-len(
            commands[name].args.defaults):], commands[name].args.defaults, strict=True)}
        assert ast.unparse(args["as_json"]) == "JsonOpt", name


def test_validate_json_counts_and_problems(tmp_path):
    code, rep = _json("validate", "--json")
    assert code == 0 and rep["policy"] == "native" and rep["verbs"] > 100
    assert rep["errors"] == [] and isinstance(rep["warnings"], list)
    code, rep = _json("validate", FIXTURES / "bad_yaml", "--json")
    assert code == runner.invoke(app, ["validate", str(FIXTURES / "bad_yaml")]).exit_code != 0
    assert rep["errors"] and all(e["code"].startswith("E") and e["location"]
                                 for e in rep["errors"])


def test_summarize_and_diff_json():
    code, rep = _json("summarize", TABLE, "--by", "root", "--json")
    assert code == 0 and rep["by"] == "root" and rep["rows"]
    assert set(rep["rows"][0]) == {"period", "group", "events", "mean_goldstein"}
    code, rep = _json("diff", TABLE, TABLE, "--json")
    assert code == 0 and rep["added"] == rep["removed"] == [] and rep["unchanged"] > 0


@pytest.mark.model
def test_coverage_json(tmp_path: Path):
    code, rep = _json("coverage", EXAMPLES, "--top", "3", "--json")
    assert code == 0 and set(rep) == {"verb", "actor", "agent"}
    assert all(len(v) <= 3 and all({"text", "count"} <= set(g) for g in v)
               for v in rep.values())
