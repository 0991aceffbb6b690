"""The ``coder`` command line: thin Typer commands over plain functions."""

from __future__ import annotations

import collections
import datetime as dt
import sys
from pathlib import Path

import typer

from . import dictionaries as dicts
from .articles import parse_date, read_inputs
from .errors import CoderError, ErrorCollection
from .events import COLUMNS
from .pipeline import Coder
from .table import FORMATS, TableWriter

app = typer.Typer(
    help="Code news articles into CAMEO events with YAML dictionaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Options shared by every command that reads dictionaries or writes tables.
DictionariesOpt = typer.Option(
    None, "--dictionaries", "-d",
    help="Dictionary directory; repeat to layer (later ones add to or override earlier ones). "
         "Default: the shipped dictionaries/.")
RulesOpt = typer.Option(None, "--rules", help="Rules directory. Default: the shipped rules/.")
ModelOpt = typer.Option(None, "--model", help="spaCy pipeline to load (or set CODER_MODEL).")
OutputOpt = typer.Option(Path("output/events.csv"), "--output", "-o",
                         help="Output file; its extension picks the format.")
FormatOpt = typer.Option(None, "--format", "-f", help=f"One of {', '.join(FORMATS)}.")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    return parsed


def _load_coder(dictionaries: list[Path] | None, rules: Path | None, model: str | None) -> Coder:
    try:
        return Coder(dictionaries, rules, model)
    except ErrorCollection as exc:
        for e in exc.errors:
            _err(str(e))
        _err(f"{len(exc.errors)} error(s) in the dictionaries; nothing was coded.")
        raise typer.Exit(2) from None


@app.command("code")
def code_cmd(
    inputs: list[str] = typer.Argument(..., help="JSONL, CSV, .txt files, directories, or - ."),
    output: Path = OutputOpt,
    fmt: str | None = FormatOpt,
    dictionaries: list[Path] | None = DictionariesOpt,
    rules: Path | None = RulesOpt,
    model: str | None = ModelOpt,
    date: str | None = typer.Option(None, "--date", help="Date for articles that have none."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Parser processes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Code article batches into an event table."""
    default_date = _date_option(date)
    coder = _load_coder(dictionaries, rules, model)
    counts: collections.Counter[str] = collections.Counter()
    skipped: collections.Counter[str] = collections.Counter()
    sentences = 0
    try:
        _ = coder.engine.nlp  # fail early, before the output file is opened
    except CoderError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    progress = None
    if not quiet and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    try:
        with TableWriter(output, COLUMNS, fmt) as writer:
            task = progress.add_task("coding", total=None) if progress else None
            if progress:
                progress.start()
            try:
                for result in coder.code_articles(read_inputs(inputs, default_date),
                                                  workers=workers):
                    counts[result.status] += 1
                    if result.skipped is not None:
                        skipped[result.skipped.kind] += 1
                        _err(f"skipped {result.skipped}")
                        continue
                    sentences += result.sentences
                    for ev in result.events:
                        writer.write(ev.row())
                    if progress is not None and task is not None:
                        done = sum(counts.values())
                        progress.update(task, description=f"{done:,} articles, "
                                        f"{writer.rows_written:,} events")
            finally:
                if progress:
                    progress.stop()
    except CoderError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    read = sum(counts.values())
    skip_text = (f"; skipped {sum(skipped.values())} ("
                 + ", ".join(f"{n} {k}" for k, n in skipped.most_common()) + ")") if skipped else ""
    _err(f"{read} articles read, {sentences} sentences, {writer.rows_written} events written "
         f"to {output}{skip_text}")


@app.command("validate")
def validate_cmd(
    directories: list[Path] = typer.Argument(
        None, help="Dictionary directories (default: the shipped ones)."),
    rules: Path | None = RulesOpt,
) -> None:
    """Check dictionaries and rules; list every problem with file:line."""
    errors: list[CoderError] = []
    d = dicts.load(directories or None, rules, collect=errors)
    for e in errors:
        _err(str(e))
    summary = (f"{len(d.files)} files: {len(d.codes)} CAMEO codes, {len(d.actors)} actors, "
               f"{len(d.agents)} agents, {len(d.verbs)} verbs "
               f"({sum(len(v.entry.patterns) for v in d.verbs.values())} patterns)")
    if errors:
        _err(f"{summary}; {len(errors)} error(s)")
        raise typer.Exit(1)
    typer.echo(f"{summary}; no errors")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
