"""The `sla` command line: a thin layer over the library.

    sla extract PATH... [--out DIR | --out -] [--jobs N]
    sla evaluate PATH --scenarios FILE.json
    sla compare PATH... [--scenarios FILE.json] [--format table|json|csv]
    sla evaluate-corpus DIR

Library errors become one `Error: ...` line on stderr and a non-zero exit; stdout
carries only the JSON asked for. Exit codes: 0 done; 1 a document (or a scenario file,
or the output folder) could not be read or written; 2 a bad option; 130 interrupted
(Ctrl-C); 143 terminated (SIGTERM). Every document is read under the same time and
memory limits, whether one goes to stdout or many into a folder.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

from extractor.errors import SLAError
from extractor.extract.readers import ReadOptions

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  pretty_exceptions_show_locals=False,  # SLA text can be confidential
                  rich_markup_mode=None,  # a usage error is an `Error:` line, not a panel
                  help="Extract, evaluate and compare Service Level Agreements.")


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


PasswordOpt = typer.Option(None, "--password", help="password of encrypted PDFs")
MaxMbOpt = typer.Option(50.0, "--max-mb", help="refuse files larger than this many MiB")
MaxPagesOpt = typer.Option(300, "--max-pages", help="read at most this many PDF pages (0: all)")
TimeoutOpt = typer.Option(60.0, "--timeout", help="seconds allowed per document")
MemoryOpt = typer.Option(1024.0, "--max-memory-mb",
                         help="MiB of memory one document may take (beyond start-up)")


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="documents or folders"),
    out: str | None = typer.Option(None, "--out", "-o",
                                   help="folder for <name>.json files, or - for stdout"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="worker processes (0: one per core)"),
    force: bool = typer.Option(False, "--force",
                               help="re-extract inputs whose output is up to date"),
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
            result = extract_limited(inputs[0], options=options, limits=limits)
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
    scenarios: Path = typer.Option(..., "--scenarios", "-s", help="JSON list of scenarios"),
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
    scenarios: Path | None = typer.Option(None, "--scenarios", "-s"),
    fmt: str = typer.Option("table", "--format", "-f",
                            help="table, json, csv, or xlsx (a workbook of terms and results; "
                                 "needs --output)"),
    output: Path | None = typer.Option(None, "--output", "-o", help="file for --format xlsx"),
    timeout: float = TimeoutOpt,
    max_memory_mb: float = MemoryOpt,
) -> None:
    """Compare providers under the same scenarios."""
    from extractor.analysis import compare as comparison
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
        from rich.console import Console

        Console().print(comparison.as_rich_table(rows))


@app.command("evaluate-corpus")
def evaluate_corpus(
    directory: Path = typer.Argument(..., help="folder of documents with <doc>.gold.json labels"),
    gold: Path | None = typer.Option(None, "--gold",
                                     help="folder of gold labels (default: DIRECTORY)"),
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
