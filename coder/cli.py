"""The ``coder`` command line: thin Typer commands over plain functions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from . import dictionaries as dicts
from .articles import parse_date
from .errors import CoderError, ErrorCollection
from .parse import default_cache_dir
from .pipeline import ArticleResult, Coder
from .run import RunSummary, run_code
from .table import FORMATS

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
CacheOpt = typer.Option(
    None, "--cache-dir",
    help="Where parses are kept (default: $CODER_CACHE or ~/.cache/cameo-coder).")
NoCacheOpt = typer.Option(False, "--no-cache", help="Do not read or write the parse cache.")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    return parsed


def _cache(cache_dir: Path | None, no_cache: bool) -> Path | None:
    return None if no_cache else (cache_dir or default_cache_dir())


def _load_coder(dictionaries: list[Path] | None, rules: Path | None, model: str | None,
                cache: Path | None = None) -> Coder:
    try:
        return Coder(dictionaries, rules, model, cache=cache)
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
    prefilter: bool = typer.Option(True, "--prefilter/--no-prefilter",
                                   help="Skip parsing sentences that cannot yield an event."),
    cache_dir: Path | None = CacheOpt,
    no_cache: bool = NoCacheOpt,
    resume: bool = typer.Option(False, "--resume",
                                help="Continue a run that was interrupted, from its manifest."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Code article batches into an event table (and a manifest next to it)."""
    default_date = _date_option(date)
    coder = _load_coder(dictionaries, rules, model, _cache(cache_dir, no_cache))
    try:
        _ = coder.engine.nlp  # fail early, before any output file is opened
    except CoderError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    progress = task = None
    if not quiet and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        task = progress.add_task("coding", total=None)
        progress.start()

    def report(result: ArticleResult, summary: RunSummary) -> None:
        if result.skipped is not None:
            _err(f"skipped {result.skipped}")
        if progress is not None and task is not None:
            progress.update(task, description=f"{summary.records:,} articles, "
                                              f"{summary.events:,} events")

    try:
        summary = run_code(coder, inputs, output, fmt=fmt, date=default_date, workers=workers,
                           prefilter=prefilter, resume=resume, on_result=report)
    except CoderError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    finally:
        if progress is not None:
            progress.stop()
    _err(summary.line())


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
