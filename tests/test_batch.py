"""Batch extraction: worker pool, time limit, atomic writes, skip by hash, the CLI."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.extract.readers import ReadOptions
from extractor.operations.batch import collect_inputs, output_names, process_one, run_batch
from extractor.operations.cli import app

SLA = """Acme Cloud Service Level Agreement

Acme commits to 99.9% monthly uptime for the Service. If availability falls below
99.9% in a calendar month, the customer receives a service credit of 10% of the
monthly fee; below 99.0%, a service credit of 25%. Downtime caused by scheduled
maintenance announced 48 hours in advance is excluded. Service credits are the sole
remedy. Claims must be submitted by email within 30 days of the incident.
"""


def _hang_on_named(path: Path, output: Path, options: ReadOptions, force: bool) -> dict:
    """A worker task that never ends for files named *hang*, and dies on *crash*."""
    if "hang" in path.name:
        time.sleep(600)
    if "crash" in path.name:
        os._exit(3)
    if "boom" in path.name:
        raise RuntimeError("boom inside the worker")
    return process_one(path, output, options, force)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "acme sla.txt").write_text(SLA, encoding="utf-8")
    (src / "Überblick – Verträge.md").write_text("# Überblick\n\n" + SLA, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "notes.json").write_text("{}")  # never an input
    return src


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_collect_inputs_sorted_deduplicated_and_skips_hidden(docs: Path) -> None:
    (docs / ".~lock.acme.txt").write_text("x")
    found = collect_inputs([docs, docs / "acme sla.txt"])
    assert [p.name for p in found] == sorted(["acme sla.txt", "empty.txt",
                                              "Überblick – Verträge.md"])


def test_batch_writes_one_json_per_good_input_and_a_summary(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    failed = run_batch(collect_inputs([docs]), out, jobs=2, progress=False)
    assert failed == 1
    summary = _summary(out)
    assert (summary["ok"], summary["failed"], summary["skipped"]) == (2, 1, 0)
    by_name = {Path(f["path"]).name: f for f in summary["files"]}
    bad = by_name["empty.txt"]
    assert bad["status"] == "failed" and bad["output"] is None
    assert bad["error"] == f"{docs / 'empty.txt'}: the file is empty"
    good = by_name["acme sla.txt"]
    assert good["status"] == "ok" and good["seconds"] >= 0
    assert Path(good["output"]) == out / "acme sla.txt.json"
    data = json.loads((out / "acme sla.txt.json").read_text(encoding="utf-8"))
    assert data["source"]["sha256"] and data["schema_version"]
    assert (out / "Überblick – Verträge.md.json").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_unchanged_inputs_are_skipped_unless_forced(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = collect_inputs([docs])
    run_batch(inputs, out, jobs=1, progress=False)
    run_batch(inputs, out, jobs=1, progress=False)
    assert _summary(out)["skipped"] == 2
    (docs / "acme sla.txt").write_text(SLA + "\nAmended.\n", encoding="utf-8")
    run_batch(inputs, out, jobs=1, progress=False)
    statuses = {Path(f["path"]).name: f["status"] for f in _summary(out)["files"]}
    assert statuses == {"acme sla.txt": "ok", "Überblick – Verträge.md": "skipped",
                        "empty.txt": "failed"}
    run_batch(inputs, out, jobs=1, force=True, progress=False)
    assert _summary(out)["ok"] == 2


def test_a_stale_schema_version_is_re_extracted(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = [docs / "acme sla.txt"]
    run_batch(inputs, out, jobs=1, progress=False)
    target = out / "acme sla.txt.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    data["schema_version"] = "0.0"
    target.write_text(json.dumps(data), encoding="utf-8")
    run_batch(inputs, out, jobs=1, progress=False)
    assert _summary(out)["files"][0]["status"] == "ok"


def test_same_names_in_different_folders_do_not_overwrite(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sla.txt").write_text(SLA + folder, encoding="utf-8")
    out = tmp_path / "out"
    inputs = collect_inputs([tmp_path / "a", tmp_path / "b"])
    names, _ = output_names(inputs)
    assert names == ["a__sla.txt.json", "b__sla.txt.json"]
    assert run_batch(inputs, out, jobs=2, progress=False) == 0
    summary = _summary(out)
    assert sorted(summary["renamed"]["files"].values()) == names
    assert "parent folder" in summary["renamed"]["rule"]
    for name in names:
        assert json.loads((out / name).read_text(encoding="utf-8"))["source"]["path"]


def test_an_input_named_summary_does_not_replace_the_summary(tmp_path: Path) -> None:
    names, _renamed = output_names([tmp_path / "summary"])  # would be summary.json
    assert names != ["summary.json"] and _renamed


def test_a_runaway_file_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "hang.txt").write_text(SLA, encoding="utf-8")
    for n in range(3):
        (src / f"good{n}.txt").write_text(SLA, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    # generous limit: a cold worker (fresh venv, bytecode not yet compiled) needs seconds
    failed = run_batch(collect_inputs([src]), out, jobs=2, timeout=10.0, progress=False,
                       task_fn=_hang_on_named)
    assert time.monotonic() - started < 60
    assert failed == 1
    files = {Path(f["path"]).name: f for f in _summary(out)["files"]}
    assert "10-second limit" in files["hang.txt"]["error"]
    assert files["hang.txt"]["error"].startswith(str(src / "hang.txt"))
    assert all(files[f"good{n}.txt"]["status"] == "ok" for n in range(3))


def test_jobs_1_still_enforces_the_time_limit(tmp_path: Path) -> None:
    (tmp_path / "hang.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(SLA, encoding="utf-8")
    failed = run_batch([tmp_path / "hang.txt", tmp_path / "ok.txt"], tmp_path / "out", jobs=1,
                       timeout=10.0, progress=False, task_fn=_hang_on_named)
    assert failed == 1
    assert _summary(tmp_path / "out")["files"][1]["status"] == "ok"


def test_a_crashing_worker_and_an_internal_error_fail_only_their_file(tmp_path: Path) -> None:
    for name in ("crash.txt", "boom.txt", "fine.txt", "fine2.txt"):
        (tmp_path / name).write_text(SLA, encoding="utf-8")
    inputs = [tmp_path / n for n in ("crash.txt", "boom.txt", "fine.txt", "fine2.txt")]
    failed = run_batch(inputs, tmp_path / "out", jobs=2, progress=False, task_fn=_hang_on_named)
    assert failed == 2
    files = {Path(f["path"]).name: f for f in _summary(tmp_path / "out")["files"]}
    assert "internal error: WorkerDied" in files["crash.txt"]["error"]
    assert "exit code 3" in files["crash.txt"]["error"]
    assert files["boom.txt"]["error"].endswith(
        "internal error: RuntimeError: boom inside the worker")
    assert files["fine.txt"]["status"] == files["fine2.txt"]["status"] == "ok"


def test_unexpected_exception_in_process_one_is_an_internal_error(tmp_path: Path,
                                                                  monkeypatch) -> None:
    import extractor.extract.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(extractor.extract.pipeline, "extract_bytes", broken)
    (tmp_path / "a.txt").write_text(SLA, encoding="utf-8")
    reply = process_one(tmp_path / "a.txt", tmp_path / "a.txt.json", ReadOptions(), False)
    assert reply["status"] == "failed"
    assert reply["error"] == (f"{tmp_path / 'a.txt'}: internal error: ZeroDivisionError: "
                              "division by zero")


def test_interrupt_writes_the_summary_and_no_partial_files(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"f{n}.txt").write_text(SLA, encoding="utf-8")
    inputs = [tmp_path / f"f{n}.txt" for n in range(4)]
    out = tmp_path / "out"

    def interrupt_after_first(result) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(inputs, out, jobs=1, progress=False, on_result=interrupt_after_first)
    summary = _summary(out)
    assert summary["interrupted"] is True
    assert [f["status"] for f in summary["files"]] == ["ok", "failed", "failed", "failed"]
    assert "interrupted" in summary["files"][1]["error"]
    assert sorted(p.name for p in out.iterdir()) == ["f0.txt.json", "summary.json"]


def test_atomic_write_leaves_no_half_file(tmp_path: Path, monkeypatch) -> None:
    from extractor.operations import batch

    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")

    def fail_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch.os, "replace", fail_replace)
    with pytest.raises(KeyboardInterrupt):
        batch.atomic_write(target, "new" * 1000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


# ---------------------------------------------------------------- the CLI

def test_cli_exit_code_and_count_when_a_file_fails(
        docs: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(docs), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "1 file(s) failed" in result.stderr
    assert "empty.txt: the file is empty" in result.stderr
    assert result.stdout == ""
    assert _summary(out)["ok"] == 2
    assert (out / "acme sla.txt.json").exists()
    assert (out / "Überblick – Verträge.md.json").exists()


def test_cli_exit_0_and_skip_then_force(docs: Path, tmp_path: Path, runner: CliRunner) -> None:
    (docs / "empty.txt").unlink()
    out = tmp_path / "out"
    args = ["extract", str(docs), "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    before = (out / "acme sla.txt.json").stat().st_mtime_ns
    second = runner.invoke(app, args)
    assert second.exit_code == 0 and "0 ok, 0 failed, 2 skipped" in second.stderr
    assert (out / "acme sla.txt.json").stat().st_mtime_ns == before
    third = runner.invoke(app, [*args, "--force"])
    assert third.exit_code == 0 and "2 ok, 0 failed, 0 skipped" in third.stderr


def test_cli_plain_progress_lines_off_a_terminal(
        docs: Path, tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(docs / "acme sla.txt"), str(docs / "empty.txt"),
                                 "--out", str(tmp_path / "out"), "-j", "1"])
    assert "[1/2] ok " in result.stderr and "[2/2] failed " in result.stderr


def test_cli_single_file_to_stdout_with_spaces_and_non_ascii(docs: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(docs / "Überblick – Verträge.md"), "--out", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"].endswith("Überblick – Verträge.md")


def test_stale_temporary_files_from_a_killed_run_are_removed(tmp_path: Path) -> None:
    from extractor.operations.batch import remove_stale_temporaries

    out = tmp_path / "out"
    out.mkdir()
    (out / ".acme.txt.json.x1y2.tmp").write_text("{half")
    (out / "acme.txt.json").write_text("{}")
    assert remove_stale_temporaries(out) == 1
    assert [p.name for p in out.iterdir()] == ["acme.txt.json"]
