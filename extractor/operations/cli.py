"""The `sla` command line: a thin layer over the library.

    sla extract PATH... [--out DIR | --out -] [--jobs N]
    sla evaluate PATH --scenarios FILE.json
    sla compare PATH... [--scenarios FILE.json] [--format table|json|csv]
    sla evaluate-corpus DIR

Library errors become one `Error: ...` line on stderr and a non-zero exit; stdout
carries only the JSON asked for.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from extractor.errors import SLAError
from extractor.extract.readers import ReadOptions

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  pretty_exceptions_show_locals=False,  # SLA text can be confidential
                  help="Extract, evaluate and compare Service Level Agreements.")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def _options(password: Optional[str], max_mb: float, max_pages: int) -> ReadOptions:
    try:
        return ReadOptions(password=password, max_bytes=int(max_mb * 1024 * 1024),
                           max_pages=max_pages or None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PasswordOpt = typer.Option(None, "--password", help="password of encrypted PDFs")
MaxMbOpt = typer.Option(50.0, "--max-mb", help="refuse files larger than this many MiB")
MaxPagesOpt = typer.Option(300, "--max-pages", help="read at most this many PDF pages (0: all)")


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="documents or folders"),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="folder for <name>.json files, or - for stdout"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="worker processes (0: one per core)"),
    force: bool = typer.Option(False, "--force", help="re-extract inputs whose output is up to date"),
    timeout: float = typer.Option(60.0, "--timeout", help="seconds allowed per file"),
    password: Optional[str] = PasswordOpt,
    max_mb: float = MaxMbOpt,
    max_pages: int = MaxPagesOpt,
) -> None:
    """Extract SLA terms to JSON: one document to stdout, or many into a folder."""
    from extractor.operations.batch import collect_inputs, run_batch
    from extractor.extract.pipeline import extract_file

    options = _options(password, max_mb, max_pages)
    inputs = collect_inputs(paths)
    if not inputs:
        _fail("no supported documents found in " + ", ".join(str(p) for p in paths))
    if out in (None, "-"):
        if len(inputs) > 1:
            _fail("several documents need --out DIR (--out - prints one document)")
        try:
            result = extract_file(inputs[0], options)
        except SLAError as exc:
            _fail(str(exc))
        typer.echo(result.model_dump_json(indent=2))
        return
    try:
        failed = run_batch(inputs, Path(out), options=options, jobs=jobs or None, force=force,
                           timeout=timeout)
    except KeyboardInterrupt:
        typer.echo("Interrupted: finished files are kept, summary.json lists the rest", err=True)
        raise typer.Exit(130) from None
    if failed:
        typer.echo(f"{failed} file(s) failed", err=True)
        raise typer.Exit(1)


def load_sla(path: Path, options: ReadOptions | None = None):
    """An SLA from a source document or from an extraction JSON written earlier."""
    from pydantic import ValidationError

    from extractor.extract.pipeline import extract_file
    from schemas import SLAExtraction

    if path.suffix.lower() == ".json":
        try:
            return SLAExtraction.model_validate_json(path.read_bytes())
        except OSError as exc:
            raise SLAError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        except ValidationError as exc:
            raise SLAError(f"{path}: not an extraction JSON ({exc.error_count()} problems, "
                           f"first: {exc.errors()[0]['msg']})") from None
    return extract_file(path, options)


def _read_scenarios(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SLAError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise SLAError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise SLAError(f"{path}: scenarios must be a JSON list of objects")
    return data


@app.command()
def evaluate(
    path: Path = typer.Argument(..., help="a source document or an extracted .json"),
    scenarios: Path = typer.Option(..., "--scenarios", "-s", help="JSON list of scenarios"),
    password: Optional[str] = PasswordOpt,
) -> None:
    """Evaluate scenarios against one SLA; prints a JSON list of results."""
    from extractor.analysis.engine import evaluate_all

    try:
        sla = load_sla(path, _options(password, 50.0, 300))
        asked = _read_scenarios(scenarios)
    except SLAError as exc:
        _fail(str(exc))
    results = evaluate_all(sla, asked)
    typer.echo(json.dumps([r.model_dump(mode="json") for r in results], indent=2))


@app.command()
def compare(
    paths: list[Path] = typer.Argument(..., help="source documents or extracted .json files"),
    scenarios: Optional[Path] = typer.Option(None, "--scenarios", "-s"),
    fmt: str = typer.Option("table", "--format", "-f",
                            help="table, json, csv, or xlsx (a workbook of terms and results; "
                                 "needs --output)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="file for --format xlsx"),
) -> None:
    """Compare providers under the same scenarios."""
    from extractor.analysis import compare as comparison

    if fmt not in ("table", "json", "csv", "xlsx"):
        raise typer.BadParameter("--format must be table, json, csv or xlsx")
    if fmt == "xlsx" and output is None:
        raise typer.BadParameter("--format xlsx needs --output FILE.xlsx")
    slas = []
    for path in paths:
        try:
            slas.append(load_sla(path))
        except SLAError as exc:
            typer.echo(f"Error: {exc}", err=True)
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
    gold: Optional[Path] = typer.Option(None, "--gold", help="folder of gold labels (default: DIRECTORY)"),
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
