"""The `sla` command line: a thin layer over the library.

    sla extract PATH... [--out DIR | --out -] [--jobs N]
    sla evaluate PATH --scenarios FILE.json
    sla compare PATH... [--scenarios FILE.json] [--format table|json|csv|xlsx]
    sla chain PATH[#SERVICE]... [--parallel] [--downtime MINUTES[,MINUTES...]]
    sla evaluate-corpus DIR
    sla --version

Library errors become one `Error: ...` line on stderr and a non-zero exit; stdout
carries only the JSON asked for. Exit codes: 0 done; 1 a document (or a scenario file,
or the output folder) could not be read or written; 2 a bad option; 130 interrupted
(Ctrl-C); 143 terminated (SIGTERM). Every document is read under the same time and
memory limits, whether one goes to stdout or many into a folder.
"""
from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path
from typing import Any, Literal, NoReturn

import typer

from extractor.errors import SLAError
from extractor.extract.readers import ReadOptions

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  pretty_exceptions_show_locals=False,  # SLA text can be confidential
                  rich_markup_mode=None,  # a usage error is an `Error:` line, not a panel
                  help="Extract, evaluate and compare Service Level Agreements. Each "
                       "document is read under time and memory limits; errors are one "
                       "'Error:' line on stderr.")


def version_text() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from schemas.models import SCHEMA_VERSION

    try:
        mine = version("sla-extractor")
    except PackageNotFoundError:  # run from a checkout that was not installed
        mine = "unknown"
    return f"sla {mine} (extraction schema {SCHEMA_VERSION})"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", is_eager=True,
                                       callback=_show_version,
                                       help="print the version and the schema version, "
                                            "then exit")) -> None:
    """Extract, evaluate and compare Service Level Agreements."""


USAGE = 2


def _fail(message: str, code: int = 1) -> NoReturn:
    from extractor.operations.batch import printable

    typer.echo(f"Error: {printable(message)}", err=True)
    raise typer.Exit(code)


def _positive(name: str, value: float) -> float:
    if not (math.isfinite(value) and value > 0):
        _fail(f"{name} must be a positive number of finite size, not {value:g}", USAGE)
    return value


def _options(password: str | None, max_mb: float, max_pages: int) -> ReadOptions:
    _positive("--max-mb", max_mb)
    if max_pages < 0:
        _fail(f"--max-pages must be 0 (all) or more, not {max_pages}", USAGE)
    return ReadOptions(password=password, max_bytes=max(1, int(max_mb * 1024 * 1024)),
                       max_pages=max_pages or None)


def _limits(timeout: float, memory_mb: float):  # -> Limits
    from extractor.operations.limits import Limits

    return Limits(_positive("--timeout", timeout), _positive("--max-memory-mb", memory_mb))


PasswordOpt = typer.Option(None, "--password", help="password to open encrypted PDFs")
MaxMbOpt = typer.Option(50.0, "--max-mb", help="refuse files larger than this many MiB")
MaxPagesOpt = typer.Option(300, "--max-pages", help="read at most this many PDF pages (0: all)")
TimeoutOpt = typer.Option(60.0, "--timeout",
                          help="seconds one document may take; a slower one is stopped "
                               "and reported")
MemoryOpt = typer.Option(1024.0, "--max-memory-mb",
                         help="MiB of memory one document may take (beyond start-up); "
                              "over it, the document is stopped and reported")
ScenariosOpt = typer.Option(
    None, "--scenarios", "-s",
    help="JSON file: a list of scenarios such as {\"availability_percent\": 99.5} or "
         "{\"downtime_minutes\": 360, \"days_in_period\": 31, \"service\": \"api\"} "
         "(default: 99.95, 99.5, 99, 95% available and 60 minutes down)")


@app.command()
def extract(
    paths: list[Path] = typer.Argument(
        ..., help="documents (PDF, HTML, Markdown, text, Word .docx) or folders of them"),
    out: str | None = typer.Option(
        None, "--out", "-o",
        help="folder for one <name>.json per document plus summary.json, or - to print "
             "one document's JSON"),
    jobs: int = typer.Option(0, "--jobs", "-j",
                             help="documents read at once, one process each (0: one per core)"),
    force: bool = typer.Option(False, "--force",
                               help="extract again inputs whose output is up to date"),
    timeout: float = TimeoutOpt,
    password: str | None = PasswordOpt,
    max_mb: float = MaxMbOpt,
    max_pages: int = MaxPagesOpt,
    max_memory_mb: float = MemoryOpt,
) -> None:
    """Extract SLA terms to JSON: one document to stdout, or many into a folder."""
    from extractor.operations.batch import Terminated, collect_inputs, printable, run_batch
    from extractor.operations.limits import extract_limited

    options = _options(password, max_mb, max_pages)
    limits = _limits(timeout, max_memory_mb)
    if jobs < 0:
        _fail(f"--jobs must be 0 (one per core) or more, not {jobs}", USAGE)
    not_read: list[tuple[str, str]] = []
    inputs = collect_inputs(paths, not_read)
    for path, reason in not_read:
        typer.echo(f"Skipped: {printable(path)}: {reason}", err=True)
    if not inputs:
        _fail("no supported documents found in " + ", ".join(str(p) for p in paths))
    if out in (None, "-"):
        if len(inputs) > 1:
            _fail("several documents need --out DIR (--out - prints one document)", USAGE)
        try:
            result = extract_limited(inputs[0], options=options, limits=limits, one_off=True)
        except SLAError as exc:
            _fail(str(exc))
        typer.echo(result.model_dump_json(indent=2))
        return
    target = Path(out)
    if target.exists() and not target.is_dir():
        _fail(f"--out {out}: is a file, not a folder")
    try:
        failed = run_batch(inputs, target, options=options, jobs=jobs or None, force=force,
                           timeout=limits.timeout, memory_mb=limits.memory_mb,
                           not_read=not_read)
    except Terminated:
        typer.echo("Terminated: finished files are kept, summary.json lists the rest", err=True)
        raise typer.Exit(143) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted: finished files are kept, summary.json lists the rest", err=True)
        raise typer.Exit(130) from None
    except OSError as exc:
        _fail(f"cannot write to {out}: {exc.strerror or exc}")
    if failed:
        typer.echo(f"{failed} file(s) failed", err=True)
        raise typer.Exit(1)


def load_sla(path: Path, options: ReadOptions | None = None, limits: Any = None):
    """An SLA from a source document or from an extraction JSON written earlier."""
    from pydantic import ValidationError

    from extractor.extract.readers import load_bytes
    from extractor.operations.limits import extract_limited
    from schemas import SLAExtraction

    if path.suffix.lower() == ".json":
        try:
            return SLAExtraction.model_validate_json(load_bytes(path, options or ReadOptions()))
        except ValidationError as exc:
            raise SLAError(f"{path}: not an extraction JSON ({exc.error_count()} problems, "
                           f"first: {exc.errors()[0]['msg']})") from None
    return extract_limited(path, options=options, limits=limits)


def _read_scenarios(path: Path) -> list[Any]:
    from extractor.extract.readers import ReadOptions, load_bytes

    try:
        raw = load_bytes(path, ReadOptions(max_bytes=10 * 1024 * 1024))
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SLAError(f"{path}: not UTF-8 text, so not a JSON scenario file") from None
    except json.JSONDecodeError as exc:
        raise SLAError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise SLAError(f"{path}: the JSON nests too deeply to be a scenario list") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise SLAError(f"{path}: scenarios must be a JSON list of objects")
    return data


@app.command()
def evaluate(
    path: Path = typer.Argument(..., help="a source document or an extracted .json"),
    scenarios: Path = typer.Option(
        ..., "--scenarios", "-s",
        help="JSON file: a list of scenarios such as {\"availability_percent\": 99.5} or "
             "{\"downtime_minutes\": 360, \"days_in_period\": 31, \"monthly_fee\": 100}"),
    password: str | None = PasswordOpt,
    timeout: float = TimeoutOpt,
    max_memory_mb: float = MemoryOpt,
) -> None:
    """Evaluate scenarios against one SLA; prints a JSON list of results."""
    from extractor.analysis.engine import evaluate_all

    limits = _limits(timeout, max_memory_mb)
    try:
        asked = _read_scenarios(scenarios)
        sla = load_sla(path, _options(password, 50.0, 300), limits)
    except SLAError as exc:
        _fail(str(exc))
    results = evaluate_all(sla, asked)
    typer.echo(json.dumps([r.model_dump(mode="json") for r in results], indent=2))


@app.command()
def compare(
    paths: list[Path] = typer.Argument(..., help="source documents or extracted .json files"),
    scenarios: Path | None = ScenariosOpt,
    fmt: str = typer.Option("table", "--format", "-f",
                            help="table: each provider's terms and results, for a terminal; "
                                 "json or csv: one row per provider, service and scenario; "
                                 "xlsx: a workbook of terms and results (needs --output)"),
    output: Path | None = typer.Option(None, "--output", "-o",
                                          help="the .xlsx file --format xlsx writes"),
    width: int = typer.Option(0, "--width",
                              help="columns of the table (0: the terminal's, at most 100)"),
    timeout: float = TimeoutOpt,
    max_memory_mb: float = MemoryOpt,
) -> None:
    """Compare providers: their terms (targets, credits, caps, claim windows) and what
    each pays under the same scenarios."""
    from extractor.app_support import compare as comparison
    from extractor.operations.batch import printable

    if fmt not in ("table", "json", "csv", "xlsx"):
        _fail(f"--format must be table, json, csv or xlsx, not {fmt}", USAGE)
    if fmt == "xlsx" and output is None:
        _fail("--format xlsx needs --output FILE.xlsx", USAGE)
    limits = _limits(timeout, max_memory_mb)
    slas = []
    for path in paths:
        try:
            slas.append(load_sla(path, None, limits))
        except SLAError as exc:
            typer.echo(f"Error: {printable(str(exc))}", err=True)
    if not slas:
        _fail("no SLA could be read")
    try:
        asked = _read_scenarios(scenarios) if scenarios else comparison.DEFAULT_SCENARIOS
    except SLAError as exc:
        _fail(str(exc))
    rows = comparison.compare(slas, asked)
    if fmt == "xlsx":
        from extractor.app_support import export

        assert output is not None
        try:
            output.write_bytes(export.workbook(export.term_rows(slas), export.result_rows(rows)))
        except OSError as exc:
            _fail(f"{output}: cannot be written: {exc.strerror or exc}")
    elif fmt == "json":
        typer.echo(comparison.as_json(rows))
    elif fmt == "csv":
        sys.stdout.write(comparison.as_csv(rows))
    else:
        columns = width or min(shutil.get_terminal_size((80, 24)).columns, 100)
        typer.echo(_printable_lines(comparison.as_text(slas, asked, columns)))


def _part(spec: str) -> tuple[Path, str | None]:
    path, _, service = spec.partition("#")
    return Path(path), service.strip() or None


def _minutes(text: str, parts: int) -> list[float]:
    try:
        values = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        _fail(f"--downtime must be minutes, or one number per part separated by commas, "
              f"not {text}", USAGE)
    if len(values) == 1:
        values *= parts
    if len(values) != parts or not all(math.isfinite(v) and v >= 0 for v in values):
        _fail(f"--downtime needs one number of minutes (0 or more) or {parts}, "
              f"not {text}", USAGE)
    return values


@app.command()
def chain(
    parts: list[str] = typer.Argument(
        ..., help="the services of the chain, each PATH or PATH#SERVICE (words of the "
                  "service's name, e.g. 'ibm-cloud.md#public'); PATH: a document or "
                  "extracted .json"),
    parallel: bool = typer.Option(False, "--parallel",
                                  help="the parts are redundant (any one suffices); "
                                       "default: serial (all are needed)"),
    downtime: str = typer.Option("0", "--downtime", "-d",
                                 help="minutes each part is down in the period: one number "
                                      "for all, or one per part, comma-separated"),
    days: float = typer.Option(30.0, "--days", help="days in the period"),
    fee: float = typer.Option(0.0, "--fee", help="monthly fee of each part (0: none)"),
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON"),
    timeout: float = TimeoutOpt,
    max_memory_mb: float = MemoryOpt,
) -> None:
    """The composite SLA of a chain of services: its target from the parts' targets,
    its availability and what each part pays when the parts are down."""
    from extractor.analysis.engine import composite_availability, composite_scenario
    from extractor.app_support import presentation as P

    limits = _limits(timeout, max_memory_mb)
    _positive("--days", days)
    minutes = _minutes(downtime, len(parts))
    specs = [_part(spec) for spec in parts]
    slas = []
    for path, _ in specs:
        try:
            slas.append(load_sla(path, None, limits))
        except SLAError as exc:
            _fail(str(exc))
    mode: Literal["series", "redundant"] = "redundant" if parallel else "series"
    result = composite_scenario([(sla, service, fee or None) for sla, (_, service)
                                 in zip(slas, specs, strict=True)], minutes,
                                days_in_period=days, mode=mode)
    targets = [r.target_percent for r in result.parts]
    promise = (composite_availability([t for t in targets if t is not None], mode)
               if targets and None not in targets else None)
    names = P.provider_labels(slas)
    rows = [{"part": name, "service": r.service, "downtime_minutes": down,
             "target_percent": r.target_percent, "availability_percent": r.availability_percent,
             "credit_percent": r.credit_percent, "credit_amount": r.credit_amount,
             "error": r.error} for name, r, down in zip(names, result.parts, minutes,
                                                         strict=True)]
    if as_json:
        typer.echo(json.dumps({"mode": "parallel" if parallel else "serial", "parts": rows,
                               "composite_target_percent": promise,
                               "composite_availability_percent": result.availability_percent,
                               "total_credit_amount": result.total_credit_amount}, indent=2))
    else:
        typer.echo(printable_chain(rows, parallel, promise, result.availability_percent,
                                   result.total_credit_amount))
    if any(r.error for r in result.parts):
        raise typer.Exit(1)


def printable_chain(rows: list[dict[str, Any]], parallel: bool, promise: float | None,
                    availability: float | None, total: float | None) -> str:
    from extractor.app_support import presentation as P

    kind = "parallel (any one suffices)" if parallel else "serial (all are needed)"
    lines = [f"Chain of {len(rows)} services, {kind}"]
    for r in rows:
        head = f"- {r['part']}" + (f" — {r['service']}" if r["service"] else "")
        if r["error"]:
            lines += [head, f"    not evaluated: {r['error']}"]
            continue
        lines += [head, f"    target {P.rounded(r['target_percent'], 4)}%, down "
                        f"{P.rounded(r['downtime_minutes'])} min: "
                        f"{P.rounded(r['availability_percent'], 4)}% available, credit "
                        f"{P.rounded(r['credit_percent'])}%"
                        + ("" if r["credit_amount"] is None
                           else f" = {r['credit_amount']:,.2f}")]
    lines += [f"Composite target (from the parts' targets): {P.rounded(promise, 4)}%",
              f"Composite availability: {P.rounded(availability, 4)}%"]
    if total is not None:
        lines.append(f"Credits owed in total: {total:,.2f}")
    return _printable_lines("\n".join(lines))


def _printable_lines(text: str) -> str:
    """Document text (provider and service names) safe for a terminal, line by line."""
    from extractor.operations.batch import printable

    return "\n".join(printable(line) for line in text.splitlines())


@app.command("evaluate-corpus")
def evaluate_corpus(
    directory: Path = typer.Argument(..., help="folder of documents with <doc>.gold.json labels"),
    gold: Path | None = typer.Option(
        None, "--gold", help="folder of gold labels (default: DIRECTORY)"
    ),
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
) -> None:
    """Per-field precision/recall and scenario pass rate against gold labels."""
    from extractor.analysis.corpus_eval import evaluate_directory, render_report

    report = evaluate_directory(directory, gold or directory)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(render_report(report))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
