"""Limits that hold, outputs that are never replaced, and one `Error:` line for every bad
option, path, file kind and scenario file. Hostile inputs are built here (tests/hostile.py)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.errors import DocumentLoadError, ResourceLimitError
from extractor.extract.readers import ReadOptions
from extractor.operations.batch import (
    atomic_write,
    collect_inputs,
    output_names,
    printable,
    remove_stale_temporaries,
    run_batch,
)
from extractor.operations.cli import app
from extractor.operations.limits import Limits, extract_limited
from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
SLA = hostile.GOOD_SLA
runner = CliRunner()


def slow_task(path: Path, output: Path, options: ReadOptions, force: bool) -> dict:
    """A batch task that takes a while per file (importable by name for the workers)."""
    from extractor.operations.batch import process_one

    time.sleep(0.2)
    return process_one(path, output, options, force)


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def only_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# ------------------------------------------------------------- limits

def test_pdf_bomb_is_refused_with_its_reason() -> None:
    with pytest.raises(ResourceLimitError) as caught:
        extract_limited(Path("bomb.pdf"), hostile.pdf_bomb(128))
    assert caught.value.limit == "inflated"
    assert "inflate to more than 64 MiB" in str(caught.value)
    assert str(caught.value).startswith("bomb.pdf: ")


@pytest.mark.parametrize("pages", [1, 30])  # 30: pages shared with a helper process
def test_memory_limit_stops_a_document_that_needs_more(pages: int) -> None:
    # the inflation guard set out of the way: pdfium itself meets the memory limit
    options = ReadOptions(max_inflated=1 << 40)
    with pytest.raises(ResourceLimitError) as caught:
        extract_limited(Path("bomb.pdf"), hostile.pdf_bomb(256, pages), options,
                        Limits(memory_mb=300))
    assert caught.value.limit == "memory"
    assert "300 MiB memory limit" in str(caught.value)


def test_time_limit_stops_a_slow_document() -> None:
    options = ReadOptions(max_inflated=1 << 40)
    started = time.monotonic()
    with pytest.raises(ResourceLimitError) as caught:
        extract_limited(Path("bomb.pdf"), hostile.pdf_bomb(256), options,
                        Limits(timeout=0.5, memory_mb=8192))
    assert caught.value.limit == "time"
    assert time.monotonic() - started < 10


def test_limited_extraction_returns_the_extraction_and_bad_input_errors() -> None:
    result = extract_limited(Path("a.txt"), SLA.encode())
    assert [t.percent for t in result.uptime_targets] == [99.95]
    with pytest.raises(DocumentLoadError) as caught:
        extract_limited(Path("a.txt"), b"   ")
    assert caught.value.problem == "the file is empty"


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_limits_refuse_what_would_switch_them_off(value: float) -> None:
    with pytest.raises(ValueError):
        Limits(timeout=value)
    with pytest.raises(ValueError):
        Limits(memory_mb=value)


def test_batch_workers_have_the_memory_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.pdf_bomb(128))
    (tmp_path / "good.txt").write_text(SLA, encoding="utf-8")
    failed = run_batch([bomb, tmp_path / "good.txt"], tmp_path / "out", jobs=2, progress=False,
                       options=ReadOptions(max_inflated=1 << 40), memory_mb=300)
    assert failed == 1
    files = {Path(f["path"]).name: f for f in summary(tmp_path / "out")["files"]}
    assert "memory limit" in files["bomb.pdf"]["error"]
    assert files["good.txt"]["status"] == "ok"


# ------------------------------------------------------------- special files

def special_files(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.md").symlink_to("loop.md")
    (folder / "dangling.txt").symlink_to("missing.txt")
    (folder / "good.txt").write_text(SLA, encoding="utf-8")


def test_fifo_does_not_hang_extract_to_stdout(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = runner.invoke(app, ["extract", str(tmp_path / "pipe.txt"), "--out", "-"])
    assert result.exit_code == 1
    assert "is a FIFO (named pipe), not a regular file" in only_error_line(result.stderr)


def test_fifo_does_not_hang_compare_or_evaluate(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "good.txt").write_text(SLA, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path / "pipe.txt"),
                                 str(tmp_path / "good.txt"), "--format", "json"])
    assert result.exit_code == 0
    assert "FIFO" in only_error_line(result.stderr)
    result = runner.invoke(app, ["evaluate", str(tmp_path / "good.txt"),
                                 "--scenarios", str(tmp_path / "pipe.json")])
    assert result.exit_code == 1 and "FIFO" in only_error_line(result.stderr)
    result = runner.invoke(app, ["evaluate", str(tmp_path / "pipe.json"),
                                 "--scenarios", str(tmp_path / "pipe.json")])
    assert result.exit_code == 1 and "FIFO" in only_error_line(result.stderr)


def test_special_files_in_a_folder_are_listed_with_a_reason(tmp_path: Path) -> None:
    special_files(tmp_path / "in")
    not_read: list[tuple[str, str]] = []
    assert [p.name for p in collect_inputs([tmp_path / "in"], not_read)] == ["good.txt"]
    reasons = {Path(p).name: r for p, r in not_read}
    assert reasons == {"pipe.txt": "a FIFO (named pipe), not a regular file",
                       "loop.md": "a loop of symbolic links",
                       "dangling.txt": "a symbolic link to nothing"}
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.stderr
    listed = {Path(e["path"]).name: e["reason"] for e in summary(tmp_path / "o")["not_read"]}
    assert listed == reasons
    assert "Skipped: " in result.stderr


# ------------------------------------------------------------- options and files

@pytest.mark.parametrize("args", [
    ["--timeout", "nan"], ["--timeout", "0"], ["--timeout", "inf"], ["--timeout", "-3"],
    ["--max-mb", "inf"], ["--max-mb", "nan"], ["--max-mb", "0"], ["--max-memory-mb", "inf"],
    ["--jobs", "-1"], ["--max-pages", "-1"],
])
def test_bad_options_are_one_error_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text(SLA, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", "-", *args])
    assert result.exit_code == 2
    assert args[0] in only_error_line(result.stderr)
    assert result.stdout == ""


def test_out_that_is_a_file_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "--out", str(tmp_path / "taken")])
    assert result.exit_code == 1
    assert "is a file, not a folder" in only_error_line(result.stderr)


def test_unwritable_out_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SLA, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "--out", "/proc/sla-out"])
    assert result.exit_code == 1
    assert "cannot write to /proc/sla-out" in only_error_line(result.stderr)


@pytest.mark.parametrize("content, problem", [
    (b"\xff\xfe\x00[{", "not UTF-8 text"),
    (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
])
def test_bad_scenario_files_are_one_error_line(tmp_path: Path, content: bytes,
                                               problem: str) -> None:
    (tmp_path / "a.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "s.json").write_bytes(content)
    for command in (["evaluate", str(tmp_path / "a.txt")], ["compare", str(tmp_path / "a.txt")]):
        result = runner.invoke(app, [*command, "--scenarios", str(tmp_path / "s.json")])
        assert result.exit_code == 1
        assert problem in only_error_line(result.stderr)


def test_bad_compare_format_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SLA, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path / "a.txt"), "--format", "yaml"])
    assert result.exit_code == 2
    assert "--format" in only_error_line(result.stderr)


def test_escape_sequences_in_names_are_not_printed_raw(tmp_path: Path) -> None:
    name = "evil\x1b]0;owned\x07\x1b[31m.txt"
    (tmp_path / name).write_bytes(b"  ")
    result = runner.invoke(app, ["extract", str(tmp_path / name), "--out", "-"])
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "evil\\x1b]0;owned\\x07\\x1b[31m.txt" in only_error_line(result.stderr)
    result = runner.invoke(app, ["extract", str(tmp_path), "--out", str(tmp_path / "o")])
    assert "\x1b" not in result.stderr
    assert printable("a\u202eb") == "a\\u202eb"


# ------------------------------------------------------------- outputs

def test_an_earlier_runs_output_of_another_source_is_not_replaced(tmp_path: Path) -> None:
    for folder, target in (("a", "99.95"), ("b", "99.5")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sla.txt").write_text(SLA.replace("99.95", target), "utf-8")
    out = tmp_path / "o"
    for folder in ("a", "b"):
        result = runner.invoke(app, ["extract", str(tmp_path / folder / "sla.txt"), "--out",
                                     str(out)])
        assert result.exit_code == 0, result.stderr
    first = json.loads((out / "sla.txt.json").read_text(encoding="utf-8"))
    second = json.loads((out / "b__sla.txt.json").read_text(encoding="utf-8"))
    assert first["source"]["path"] == str(tmp_path / "a" / "sla.txt")
    assert second["uptime_targets"][0]["percent"] == 99.5
    # the same source again overwrites its own output (or skips it), nothing else
    result = runner.invoke(app, ["extract", str(tmp_path / "a" / "sla.txt"), "--out", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["b__sla.txt.json", "sla.txt.json",
                                                     "summary.json"]


def test_summary_accumulates_over_runs(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(SLA, encoding="utf-8")
    out = tmp_path / "o"
    run_batch([tmp_path / "a.txt"], out, progress=False)
    run_batch([tmp_path / "b.txt"], out, progress=False)
    got = summary(out)
    assert sorted(Path(f["path"]).name for f in got["files"]) == ["a.txt", "b.txt"]
    assert got["ok"] == 2 and got["last_run"]["ok"] == 1


def test_a_live_runs_temporary_files_are_left_alone(tmp_path: Path) -> None:
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        (tmp_path / f".a.txt.json.{live.pid}.x1.tmp").write_text("{", encoding="utf-8")
        (tmp_path / f".b.txt.json.{dead}.x2.tmp").write_text("{", encoding="utf-8")
        assert remove_stale_temporaries(tmp_path) == 1
        assert [p.name for p in tmp_path.iterdir()] == [f".a.txt.json.{live.pid}.x1.tmp"]
    finally:
        live.kill()
        live.wait()


def test_long_names_get_a_short_output_name(tmp_path: Path) -> None:
    name = "s" * 240 + ".txt"
    (tmp_path / name).write_text(SLA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SLA, encoding="utf-8")
    assert run_batch([tmp_path / name, tmp_path / "b.txt"], tmp_path / "o", progress=False) == 0
    outputs = [f["output"] for f in summary(tmp_path / "o")["files"]]
    assert all(len(Path(o).name.encode()) <= 200 for o in outputs)
    names, _ = output_names([tmp_path / name, tmp_path / ("s" * 240 + ".txx")])
    assert len(set(names)) == 2
    atomic_write(tmp_path / "o" / names[0], "{}")  # the temporary name fits too


def test_sigterm_writes_a_summary(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(40):
        (src / f"f{n}.txt").write_text(SLA, encoding="utf-8")
    out = tmp_path / "o"
    code = ("import sys, time\n"
            "from pathlib import Path\n"
            "from extractor.operations.batch import run_batch\n"
            "import tests.test_robust as tr\n"
            f"run_batch(sorted(Path({str(src)!r}).iterdir()), Path({str(out)!r}), jobs=1, "
            "progress=False, task_fn=tr.slow_task)\n")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.glob("f*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    got = summary(out)
    assert got["interrupted"] is True
    assert len(got["files"]) == 40
    assert any("interrupted" in (f["error"] or "") for f in got["files"])
