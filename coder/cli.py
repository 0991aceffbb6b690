"""The ``coder`` command line: thin Typer commands over plain functions."""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from . import dictionaries as dicts
from .articles import parse_date
from .errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_MODEL,
    EXIT_NO_INPUT,
    EXIT_NO_RECORDS,
    EXIT_PROBLEMS,
    CoderError,
    ErrorCollection,
    SourceLocation,
    exit_code_for,
)
from .parse import default_cache_dir
from .schemas import SCHEMAS
from .table import FORMATS

if TYPE_CHECKING:  # the engine (and spaCy) is loaded by the commands that code text only
    from .pipeline import ArticleResult, Coder
    from .run import RunSummary

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
# Choices as enums, so --help lists them; any case is accepted.
FormatChoice = enum.Enum("FormatChoice", {f: f for f in FORMATS}, type=str)
SchemaChoice = enum.Enum("SchemaChoice", {s: s for s in SCHEMAS}, type=str)
FormatOpt = typer.Option(
    None, "--format", "-f", case_sensitive=False,
    help="Table format (default: from the --output extension; csv for -o -).")
CacheOpt = typer.Option(
    None, "--cache-dir",
    help="Where parses are kept (default: $CODER_CACHE or ~/.cache/cameo-coder).")
NoCacheOpt = typer.Option(False, "--no-cache", help="Do not read or write the parse cache.")
SchemaOpt = typer.Option("native", "--schema", case_sensitive=False,
                         help="Output columns (any case).")
OneADayOpt = typer.Option(False, "--one-a-day",
                          help="Keep one event per (date, source, target, code).")
JsonOpt = typer.Option(False, "--json", help="Print the report as one JSON object.")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"cameo-coder {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Code news articles into CAMEO events with YAML dictionaries."""


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _echo_json(report: Any) -> None:
    """The report of any command under ``--json``: one JSON object on stdout, non-ASCII
    text kept as it is, dates and paths as strings."""
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1, default=str))


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
    from .pipeline import Coder

    try:
        return Coder(dictionaries, rules, model, cache=cache)
    except ErrorCollection as exc:
        for e in exc.errors:
            _err(str(e))
        _err(f"{len(exc.errors)} error(s) in the dictionaries; nothing was coded.")
        raise typer.Exit(exit_code_for([e.code for e in exc.errors])) from None


def _fail(exc: CoderError) -> typer.Exit:
    """One line with the numbered message, and the exit code of its kind."""
    _err(str(exc))
    return typer.Exit(exit_code_for(exc.code))


def _check_inputs(inputs: list[str]) -> None:
    """A typo in a path stops the run before anything is written (exit 3)."""
    missing = [i for i in inputs if i != "-" and not Path(i).exists()]
    for item in missing:
        _err(str(CoderError("no such file or directory", code="E208",
                            location=SourceLocation(item))))
    if missing:
        raise typer.Exit(EXIT_NO_INPUT)


def _mkparent(path: Path | None) -> None:
    """Every command creates the folder it writes into."""
    if path is not None and str(path) != "-":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(CoderError(f"{path.parent}: {exc.strerror or exc}", code="E301")) from None


@app.command("code")
def code_cmd(
    inputs: list[str] = typer.Argument(..., help="JSONL, CSV, .txt files, directories, or - ."),
    output: Path = OutputOpt,
    format_choice: FormatChoice | None = FormatOpt,
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
    schema_choice: SchemaChoice = SchemaOpt,
    one_a_day: bool = OneADayOpt,
    engine: str = typer.Option("local", "--engine",
                               help="local, or dask: partitions on a dask.distributed cluster, "
                                    "written as a Parquet dataset in the --output directory."),
    scheduler: str | None = typer.Option(None, "--scheduler",
                                         help="Dask scheduler address (default: a local one)."),
    partition_size: int | None = typer.Option(
        None, "--partition-size", min=1, help="Articles per Dask partition (default: 500)."),
    id_column: str | None = typer.Option(
        None, "--id-column", help="Input column with the record id (default: id, article_id, "
                                  "doc_id, ... any case)."),
    text_column: str | None = typer.Option(
        None, "--text-column", help="Input column with the text (default: text, body, content, "
                                    "article, ... any case)."),
    date_column: str | None = typer.Option(
        None, "--date-column", help="Input column with the date (default: date, published, "
                                    "pubdate, ... any case)."),
    title_column: str | None = typer.Option(
        None, "--title-column", help="Input column with the title (default: title, headline)."),
    escape_formulas: bool = typer.Option(
        True, "--escape-formulas/--no-escape-formulas",
        help="CSV/TSV: a cell starting with = + - @ gets a leading ' so spreadsheets show it "
             "as text instead of running it."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Code article batches into an event table (and a manifest next to it).

    Exit codes (README, "Exit codes"): 0 done; 2 bad option; 3 an input does not
    exist; 4 no records; 5 a dictionaries or rules folder is missing; 6 bad
    dictionaries; 7 output not writable; 8 no spaCy pipeline; 130 interrupted."""
    import time

    from .columns import ColumnMap, using_columns
    from .progress import closing_extras, count_records, make_progress, resume_command
    from .run import manifest_path, run_code
    from .table import format_for

    default_date = _date_option(date)
    fmt = format_choice.value if format_choice is not None else None
    schema = SchemaChoice(schema_choice).value
    _check_inputs(inputs)
    if engine == "dask":  # what the dask engine does not do is refused, never ignored
        unsupported = [name for name, used in (
            ("--resume", resume), ("--one-a-day", one_a_day),
            ("--schema", schema != "native"), ("--format", fmt not in (None, "parquet")),
            ("--workers", workers > 1), ("--cache-dir", cache_dir is not None),
            ("--no-escape-formulas", not escape_formulas), ("-o -", str(output) == "-"))
            if used]
        if unsupported:
            from .errors import EXIT_USAGE

            _err(str(CoderError(
                f"--engine dask does not support {', '.join(unsupported)}: it writes a "
                "native-schema Parquet dataset, and its workers parse without the cache",
                code="E313")))
            raise typer.Exit(EXIT_USAGE)
    elif scheduler is not None or partition_size is not None:  # dask's own options
        raise typer.BadParameter(
            f"{'--scheduler' if scheduler is not None else '--partition-size'} is an option "
            "of --engine dask", param_hint="--engine")
    to_stdout = str(output) == "-"
    if to_stdout and resume:
        raise typer.BadParameter("-o - streams to stdout and keeps nothing to resume",
                                 param_hint="--resume")
    if not to_stdout and engine != "dask":
        try:
            fmt = format_for(output, fmt)
        except CoderError as exc:
            raise _fail(exc) from None
    cmap = ColumnMap({k: v for k, v in (("id", id_column), ("text", text_column),
                                        ("date", date_column), ("title", title_column)) if v})
    if engine == "dask":
        from .distributed import code_distributed

        target = output if output != Path("output/events.csv") else Path("output/events")
        try:
            with using_columns(cmap):
                totals = code_distributed(inputs, target, scheduler=scheduler,
                                          dictionaries=list(dictionaries or []) or None,
                                          rules=rules, model=model, date=default_date,
                                          articles_per_partition=partition_size or 500,
                                          prefilter=prefilter)
        except ErrorCollection as exc:
            for e in exc.errors:
                _err(str(e))
            raise typer.Exit(exit_code_for([e.code for e in exc.errors])) from None
        except CoderError as exc:
            raise _fail(exc) from None
        _err(f"{totals['records']} articles read, {totals['events']} events written to "
             f"{target}/ in {totals['partitions']} partitions; skipped {totals['skipped']}")
        if not totals["records"]:
            _err(str(CoderError(f"nothing to code in {', '.join(inputs)}", code="E209")))
            raise typer.Exit(EXIT_NO_RECORDS)
        return
    if engine != "local":
        raise typer.BadParameter("local or dask", param_hint="--engine")
    coder = _load_coder(dictionaries, rules, model, _cache(cache_dir, no_cache))
    try:
        _ = coder.engine.nlp  # fail early, before any output file is opened
    except CoderError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_MODEL) from None
    progress = task = None
    if not quiet and sys.stderr.isatty():
        from rich.console import Console

        progress, task = make_progress(Console(stderr=True), count_records(inputs))
        progress.start()

    def report(result: ArticleResult, summary: RunSummary) -> None:
        if result.skipped is not None:
            _err(f"skipped {result.skipped}")
        if progress is not None and task is not None:
            progress.update(task, completed=summary.records,  # resumed records count too
                            description=f"{summary.events:,} events")

    started = time.perf_counter()
    try:
        with using_columns(cmap):
            if to_stdout:
                from .stdout import code_to_stdout

                summary = code_to_stdout(coder, inputs, fmt, date=default_date,
                                         workers=workers, prefilter=prefilter, schema=schema,
                                         one_a_day=one_a_day, on_result=report)
            else:
                summary = run_code(coder, inputs, output, fmt=fmt, date=default_date,
                                   workers=workers, prefilter=prefilter, resume=resume,
                                   schema=schema, one_a_day=one_a_day,
                                   escape_formulas=escape_formulas, on_result=report)
    except CoderError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        if progress is not None:
            progress.stop()
            progress = None
        if to_stdout:
            _err("interrupted; the rows above are all that was written")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        kept = [p for p in (output.with_name(output.name + ".partial"),
                            manifest_path(output).with_name(manifest_path(output).name
                                                            + ".partial")) if p.exists()]
        _err("interrupted; kept " + (", ".join(map(str, kept)) or "nothing")
             + (f" (an older {output} beside them is not this run's)" if output.exists()
                else ""))
        _err("continue with: " + resume_command(inputs, [
            ("-o", str(output)), ("-f", fmt), ("-d", [str(d) for d in dictionaries or []]),
            ("--rules", rules), ("--model", model), ("--date", date),
            ("--schema", schema if schema != "native" else None), ("--one-a-day", one_a_day),
            ("--workers", workers if workers > 1 else None),
            ("--no-prefilter", not prefilter), ("--cache-dir", cache_dir),
            ("--no-cache", no_cache), ("--no-escape-formulas", not escape_formulas),
            ("--id-column", id_column),
            ("--text-column", text_column), ("--date-column", date_column),
            ("--title-column", title_column)]))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        if progress is not None:
            progress.stop()
    elapsed = time.perf_counter() - started
    line = summary.line()
    if cmap.report():
        line += f"; {cmap.report()}"
    line += "; " + closing_extras(summary.records - summary.resumed_from, elapsed,
                                  None if to_stdout else manifest_path(output))
    _err(line)
    if not summary.records:
        _err(str(CoderError(f"nothing to code in {', '.join(inputs)}", code="E209")))
        raise typer.Exit(EXIT_NO_RECORDS)


@app.command("validate")
def validate_cmd(
    directories: list[Path] = typer.Argument(
        None, help="Dictionary directories (default: the shipped ones)."),
    rules: Path | None = RulesOpt,
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    examples: bool = typer.Option(
        False, "--examples",
        help="Also code every rule's examples (needs the spaCy model): each must fire on "
             "its `fires` sentences and not on its `does_not_fire` ones."),
    as_json: bool = JsonOpt,
) -> None:
    """Check dictionaries and rules; list every problem and warning with file:line."""
    from .lint import lint

    errors: list[CoderError] = []
    d = dicts.load(directories or None, rules, collect=errors)
    warnings = lint(d)
    counts = {"files": len(d.files), "codes": len(d.codes), "actors": len(d.actors),
              "agents": len(d.agents), "verbs": len(d.verbs),
              "patterns": sum(len(v.entry.patterns) for v in d.verbs.values()),
              "phrases": sum(p.phrases for v in d.verbs.values() for p in v.entry.patterns)}
    summary = (f"{counts['files']} files: {counts['codes']} CAMEO codes, {counts['actors']} "
               f"actors, {counts['agents']} agents, {counts['verbs']} verbs "
               f"({counts['patterns']} patterns, {counts['phrases']} "
               "verb + phrase lines counted PETRARCH's way)")
    report: dict[str, Any] = {}
    if examples and not errors:  # rules that do not load cannot be run
        from .ruletest import check

        try:
            ran = check(d)
        except CoderError as exc:  # the spaCy model cannot be loaded
            raise _fail(exc) from None
        errors.extend(ran.errors)
        report = {"rules": len(ran.checked), "sentences": ran.sentences,
                  "failures": len(ran.errors),
                  "without_examples": [r.name for r in ran.missing]}
        summary += (f"; examples of {len(ran.checked)} rules ({ran.sentences} sentences) "
                    f"coded, {len(ran.missing)} rule(s) without examples")
    summary += f"; {len(errors)} error(s), {len(warnings)} warning(s)"
    failed = bool(errors or (strict and warnings))
    if as_json:
        _echo_json({**counts, "policy": d.policy, **({"examples": report} if report else {}),
                    "errors": [
            {"code": e.code, "message": e.detail,
             "location": str(e.location) if e.location else None} for e in errors],
            "warnings": [{"code": w.code, "message": w.message,
                          "location": str(w.location) if w.location else None}
                         for w in warnings]})
    else:
        for e in errors:
            _err(str(e))
        for w in warnings:
            _err(str(w))
        if failed:
            _err(summary)
        else:
            typer.echo(summary)
    if failed:
        missing = [e.code for e in errors if e.code in ("E107", "E109")]
        raise typer.Exit(exit_code_for(missing) if missing else EXIT_PROBLEMS)


@app.command("explain")
def explain_cmd(
    text: str | None = typer.Argument(None, help="A sentence or short text to explain."),
    date: str | None = typer.Option(None, "--date", help="Article date (default: today)."),
    input_file: Path | None = typer.Option(None, "--input", help="Explain a record of this file."),
    record_id: str | None = typer.Option(None, "--id", help="The record's id (with --input)."),
    dictionaries: list[Path] | None = DictionariesOpt,
    rules: Path | None = RulesOpt,
    model: str | None = ModelOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Show how a sentence is coded: tokens, actors, verbs and patterns, events."""
    from .articles import Article, read_inputs
    from .explain import explain_article, render

    if input_file is not None:
        _check_inputs([str(input_file)])
    coder = _load_coder(dictionaries, rules, model, _cache(None, False))
    day = _date_option(date) or dt.date.today()
    if input_file is not None:
        found = [r for r in read_inputs([str(input_file)], day)
                 if getattr(r, "id", None) == record_id]
        if not found or not isinstance(found[0], Article):
            _err(f"no codable record with id {record_id!r} in {input_file}"
                 + (f": {found[0]}" if found else ""))
            raise typer.Exit(2)
        article = found[0]
    elif text:
        article = Article("text", text, day)
    else:
        _err("give a TEXT, or --input FILE --id ID")
        raise typer.Exit(2)
    report = explain_article(coder, article)
    if as_json:
        _echo_json(report)
    else:
        from rich.console import Console

        Console(width=160).print(render(report))


@app.command("coverage")
def coverage_cmd(
    inputs: list[str] = typer.Argument(..., help="Articles, as for `coder code`."),
    top: int = typer.Option(20, "--top", help="Items to show of each kind."),
    yaml_out: Path | None = typer.Option(None, "--yaml", help="Write YAML stubs of the top items."),
    dictionaries: list[Path] | None = DictionariesOpt,
    rules: Path | None = RulesOpt,
    model: str | None = ModelOpt,
    date: str | None = typer.Option(None, "--date", help="Date for articles that have none."),
    as_json: bool = JsonOpt,
) -> None:
    """Rank what the dictionaries miss in a corpus: verbs, actors, agents."""
    from .articles import read_inputs
    from .coverage import find_gaps, stubs_yaml

    _check_inputs(inputs)
    _mkparent(yaml_out)
    coder = _load_coder(dictionaries, rules, model, _cache(None, False))
    gaps = find_gaps(coder, read_inputs(inputs, _date_option(date)))
    titles = {"verb": "verbs with an actor but no verb entry",
              "actor": "names in subject/object position with no actor code",
              "agent": "nouns attached to a country, missing from the agents"}
    if as_json:
        from dataclasses import asdict

        _echo_json({kind: [asdict(g) for g in gaps[kind][:top]] for kind in titles})
    else:
        for kind, title in titles.items():
            typer.echo(f"\n{title}:")
            for g in gaps[kind][:top]:
                typer.echo(f"  {g.count:5d}  {g.text}")
                for ex in g.examples:
                    typer.echo(f"           e.g. {ex[:140]}")
            if not gaps[kind]:
                typer.echo("  (none)")
    if yaml_out is not None:
        yaml_out.write_text(stubs_yaml(gaps, top, coder.dictionaries), encoding="utf-8")
        (_err if as_json else typer.echo)(f"\nwrote stubs to {yaml_out}")


@app.command("evaluate")
def evaluate_cmd(
    gold: list[Path] = typer.Argument(..., help="PETRARCH validation XML, or gold YAML/JSONL."),
    dictionaries: list[Path] | None = DictionariesOpt,
    rules: Path | None = RulesOpt,
    model: str | None = ModelOpt,
    exclude: Path | None = typer.Option(
        None, "--exclude", help="YAML list of {id, reason}: records whose gold looks wrong."),
    as_json: bool = JsonOpt,
    limit: int = typer.Option(40, "--limit", help="Misses and false events to list."),
) -> None:
    """Code gold records and score the events against the expected ones."""
    from .evaluate import evaluate, load_exclusions
    from .evaluate import render as render_report
    from .gold import read_gold

    _check_inputs([str(g) for g in gold])
    coder = _load_coder(dictionaries, rules, model, _cache(None, False))
    records = [r for g in gold for r in read_gold(g)]
    if any(getattr(r, "detail", None) is not None for r in records):
        # real-news gold (dates, variants, a second coder's events): its own metric
        from .evaluate import evaluate_news
        from .newsscore import render as render_news

        news = evaluate_news(coder, records)
        if as_json:
            _echo_json(news.as_dict())
        else:
            typer.echo(render_news(news, limit))
        return
    report = evaluate(coder, records, load_exclusions(exclude))
    if as_json:
        _echo_json(report.as_dict())
    else:
        typer.echo(render_report(report, limit))


@app.command("summarize")
def summarize_cmd(
    events: Path = typer.Argument(..., help="An event table written by `coder code`."),
    by: str = typer.Option("dyad", "--by", help="dyad, source, target, root, quad, "
                                                "location_country or admin1."),
    freq: str = typer.Option("month", "--freq", help="day, week or month."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the table as CSV."),
    plot_path: Path | None = typer.Option(None, "--plot", help="Draw a PNG figure."),
    top: int = typer.Option(8, "--top", help="Groups shown in the plot."),
    map_path: Path | None = typer.Option(None, "--map",
                                         help="Draw the events' places to a PNG map."),
    as_json: bool = JsonOpt,
) -> None:
    """Counts and mean Goldstein per group and period; optionally a CSV, a plot, a map."""
    from .summarize import plot, summarize_file

    if freq not in ("day", "week", "month"):
        raise typer.BadParameter("day, week or month", param_hint="--freq")
    if not events.exists():
        _err(str(CoderError("no such file", code="E208", location=SourceLocation(str(events)))))
        raise typer.Exit(EXIT_NO_INPUT)
    _mkparent(output)
    _mkparent(plot_path)
    try:
        table = summarize_file(events, by, freq)
    except (ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    show = table.copy()
    show["period"] = show["period"].dt.date.astype(str)
    if as_json:
        _echo_json({"by": by, "freq": freq, "rows": show.to_dict("records")})
    else:
        typer.echo(show.to_string(index=False) if len(show) else "(no events)")
    if output is not None:
        show.to_csv(output, index=False)
        _err(f"wrote {output}")
    if plot_path is not None:
        plot(table, by, freq, plot_path, top)
        _err(f"wrote {plot_path}")
    if map_path is not None:
        from .maps import draw_map
        from .table import read_table

        n = draw_map(read_table(events), map_path)
        _err(f"wrote {map_path} ({n} places)")


@app.command("diff")
def diff_cmd(
    old: Path = typer.Argument(..., help="Event table before the edit."),
    new: Path = typer.Argument(..., help="Event table after the edit."),
    as_json: bool = JsonOpt,
) -> None:
    """Show the events an edit added (+) and removed (-), with their sentences."""
    from .diff import diff_tables

    _check_inputs([str(old), str(new)])
    try:
        d = diff_tables(old, new)
    except (ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    if as_json:
        _echo_json(d.as_dict())
        return
    for sign, rows in (("+", d.added), ("-", d.removed)):
        for r in rows:
            typer.echo(f"{sign} {r['date'][:10]} {r['source'] or '-'} {r['code']} "
                       f"{r['target'] or '-'}  [{r['story_id']}:{r['sentence_id']}] "
                       f"{r.get('pattern_id', '')}")
            typer.echo(f"    {str(r.get('sentence', ''))[:160]}")
    typer.echo(f"{len(d.added)} added, {len(d.removed)} removed, {d.unchanged} unchanged")


dictionaries_app = typer.Typer(help="Manage dictionaries: import from PETRARCH.",
                               no_args_is_help=True)
app.add_typer(dictionaries_app, name="dictionaries")


@dictionaries_app.command("import-petrarch")
def import_petrarch_cmd(
    output: Path = typer.Option(..., "--output", "-o", help="Directory for the YAML files."),
    verbs: list[Path] | None = typer.Option(None, "--verbs", help="PETRARCH verb dictionary."),
    actors: list[Path] | None = typer.Option(None, "--actors", help="Actor files (repeat)."),
    agents: Path | None = typer.Option(None, "--agents", help="Agents file."),
    discards: Path | None = typer.Option(None, "--discards", help="Discards file."),
    issues: Path | None = typer.Option(None, "--issues", help="Issue coding file."),
    ontology: Path | None = typer.Option(
        None, "--ontology",
        help="PETRARCH's internal coding ontology (PETR.Internal.Coding.Ontology.txt): "
             "gives negated events their codes ('did not clash' over X = 050)."),
) -> None:
    """Convert PETRARCH-2 dictionaries to YAML; what cannot be converted is reported."""
    import time

    from .petrarch_import import import_petrarch

    start = time.perf_counter()
    report = import_petrarch(output, list(verbs or []), list(actors or []), agents, discards,
                             issues, ontology)
    done = ", ".join(f"{n} {k}" for k, n in sorted(report.converted.items()))
    typer.echo(f"converted {done} in {time.perf_counter() - start:.1f} s; "
               f"{len(report.problems)} items not converted, listed in "
               f"{output / 'import-report.txt'}")


def main() -> None:  # pragma: no cover
    """The ``coder`` entry point: no traceback reaches a user (CODER_DEBUG=1 shows it)."""
    import os

    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if os.environ.get("CODER_DEBUG"):
            raise
        _err(f"[E000] internal error: {type(exc).__name__}: {exc} "
             "(set CODER_DEBUG=1 for the traceback, and please report it)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
