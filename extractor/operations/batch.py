"""Many documents: one JSON per input, a summary, atomic writes, bad input skipped.

How a batch runs, and why:

- Every document is extracted in a worker *process*, never in the caller, even with
  ``jobs=1``: the per-file time limit must stop a runaway file, and only killing a
  process stops code stuck in C (pdfium, a regular expression). The pool is our own,
  not ``concurrent.futures``: each worker gets one file at a time over a pipe, the
  parent knows which file each worker holds and since when, and a worker past its
  deadline is killed and replaced while the others go on. A worker that dies (a crash,
  the out-of-memory killer) fails only the file it held.
- Workers come from a ``forkserver`` that has already imported the pipeline, so a new
  or replacement worker starts in milliseconds and without the parent's threads (the
  progress bar's). Workers ignore Ctrl-C; the parent stops them, writes the summary
  (files not done are listed as failed, ``"interrupted"``) and re-raises.
- Only the parent writes files, each through a temporary file and a rename: a killed
  worker or an interrupted run leaves no half-written JSON.
- An input whose existing output has the same ``source.sha256`` and ``schema_version``
  is skipped unless ``force``; the worker hashes the bytes, so hashing runs in parallel.
- Outputs are ``<out>/<input name>.json``. Inputs that share a name (``a/sla.pdf`` and
  ``b/sla.pdf``) are told apart by their parent folders: ``a__sla.pdf.json`` and
  ``b__sla.pdf.json`` (then ``~2``, ``~3``... if that still collides); so is an input
  whose output name is taken by an earlier run's output of another source. The summary
  lists each renamed output under ``"renamed"``. A name too long for the file system is
  shortened and given a hash of the whole.
- Runs into one folder leave each other alone: temporary files carry the writer's
  process id and only those of dead processes are cleared; ``summary.json`` is merged
  under a lock (this run's entries replace the same inputs' older ones).
- SIGTERM stops a run as Ctrl-C does (summary written, :class:`Terminated` raised).
- Special files in folders (FIFOs, sockets, symbolic-link loops, dangling links) and
  folders that cannot be listed are not read; the summary lists them under
  ``"not_read"`` with the reason.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import multiprocessing as mp
import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extractor.extract.readers import SUPPORTED_SUFFIXES, ReadOptions
from extractor.operations.limits import (
    Limits,
    cap_memory,
    describe_failure,
    died_message,
    time_message,
)

SUMMARY_NAME = "summary.json"
MAX_TASKS_PER_WORKER = 500  # recycle workers so a slow leak cannot grow without bound


class Terminated(KeyboardInterrupt):
    """The run was stopped by SIGTERM (a KeyboardInterrupt, so it unwinds the same way)."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters (escape sequences, bidi
    overrides) in a file name shown as ``\\xNN`` instead of acting on the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


def collect_inputs(paths: Iterable[Path],
                   not_read: list[tuple[str, str]] | None = None) -> list[Path]:
    """Files as given, and the supported documents inside folders (sorted).

    Hidden files in folders (editor locks, our own ``.tmp`` files) are left out, and a
    file named twice is read once. Special files in folders and folders that cannot be
    listed are appended to ``not_read`` as (path, reason).
    """
    found: list[Path] = []
    seen: set[Path] = set()
    refused = not_read if not_read is not None else []
    for path in map(Path, paths):
        inside = _documents_in(path, refused) if path.is_dir() else [path]
        for p in inside:
            key = p.resolve() if p.exists() else p.absolute()
            if key not in seen:
                seen.add(key)
                found.append(p)
    return found


def _documents_in(folder: Path, refused: list[tuple[str, str]]) -> list[Path]:
    from extractor.extract.readers import special_kind

    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        refused.append((str(exc.filename or folder), f"folder not read: {exc.strerror or exc}"))

    for top, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in files:
            path = Path(top, name)
            if (path.suffix.lower() not in SUPPORTED_SUFFIXES or name.startswith(".")
                    or name.endswith(".json")):
                continue
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                reason = ("a loop of symbolic links" if exc.errno == errno.ELOOP else
                          "a symbolic link to nothing" if path.is_symlink() else
                          exc.strerror or str(exc))
                refused.append((str(path), reason))
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            else:
                refused.append((str(path), f"{special_kind(mode)}, not a regular file"))
    return sorted(found)


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file and rename: an interrupted run leaves no half file.
    The temporary name carries this process's id (see :func:`remove_stale_temporaries`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


MAX_NAME_BYTES = 200  # leaves room under the usual 255 for ".<name>.<pid>.<random>.tmp"


def _fit(name: str) -> str:
    """``name`` (ending ``.json``), shortened with a hash of the whole if too long."""
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    stem = name[:-5].encode()[:MAX_NAME_BYTES - 20].decode("utf-8", "ignore")
    return f"{stem}~{digest}.json"


def output_names(inputs: list[Path], out_dir: Path | None = None
                 ) -> tuple[list[str], dict[str, str]]:
    """The output file name of each input, and {input: output} for the renamed ones.

    With ``out_dir``, a name whose existing output was written from another source
    (another run's input) is renamed too, so that no run replaces another's output.
    """
    plain = [_fit(f"{p.name}.json") for p in inputs]
    counts: dict[str, int] = {}
    for name in plain:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    names: list[str] = []
    used: set[str] = {SUMMARY_NAME}
    renamed: dict[str, str] = {}

    def free(name: str, path: Path) -> bool:
        return name.casefold() not in used and (
            out_dir is None or _written_from(out_dir / name) in (None, *_same_source(path)))

    for path, name in zip(inputs, plain, strict=True):
        if counts[name.casefold()] > 1 or not free(name, path):
            parent = path.absolute().parent.name or "root"
            base = _fit(f"{parent}__{name}")
            name, n = base, 1
            while not free(name, path):
                n += 1
                name = _fit(f"{base[:-5]}~{n}.json")
            renamed[str(path)] = name
        used.add(name.casefold())
        names.append(name)
    return names, renamed


def _same_source(path: Path) -> tuple[str, str]:
    return str(path), str(path.absolute())


def _written_from(output: Path) -> str | None:
    """The ``source.path`` an existing output was extracted from (None: no output;
    "" when it cannot be told, which counts as another source)."""
    try:
        with output.open("rb") as fh:
            source = json.load(fh).get("source", {}).get("path")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        return ""
    return str(source) if source else ""


# ---------------------------------------------------------------- work on one file

def process_one(path: Path, output: Path, options: ReadOptions, force: bool) -> dict[str, Any]:
    """Extract one file; never raises. Returns a status dict, with the JSON text if ok."""
    from extractor.extract.pipeline import extract_bytes
    from extractor.extract.readers import load_bytes
    from schemas.models import SCHEMA_VERSION

    started = time.perf_counter()
    result: dict[str, Any] = {"status": "ok", "error": None, "warnings": [], "text": None}
    try:
        data = load_bytes(path, options)
        sha = hashlib.sha256(data).hexdigest()
        if not force and _up_to_date(output, sha, SCHEMA_VERSION):
            result["status"] = "skipped"
        else:
            extraction = extract_bytes(path, data, options)
            result["warnings"] = list(extraction.warnings)
            result["text"] = extraction.model_dump_json(indent=2)
    except Exception as exc:  # noqa: BLE001 -- bad input, a defect, MemoryError: name it
        result.update(describe_failure(path, exc))
        result.pop("exception", None)
    result["seconds"] = round(time.perf_counter() - started, 4)
    return result


def _up_to_date(output: Path, sha: str, schema_version: str) -> bool:
    try:
        with output.open("rb") as fh:
            old = json.load(fh)
        return (old.get("schema_version") == schema_version
                and old.get("source", {}).get("sha256") == sha)
    except (OSError, ValueError, AttributeError):
        return False


def _worker_main(conn: Connection, task_fn: Callable[..., dict[str, Any]] = process_one,
                 memory_mb: float | None = None) -> None:
    """Worker loop: (path, output, options, force) in, status dict out, None stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from extractor.extract.fields.common import nlp
        nlp()  # load the tokenizer once per worker, not in the first file's time
    except Exception:  # noqa: BLE001, S110 -- the first file will report it
        pass
    if memory_mb is not None:
        cap_memory(memory_mb)  # after loading the tokenizer: the cap is per document
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, output, options, force = task
        try:
            reply = task_fn(path, output, options, force)
        except BaseException as exc:  # noqa: BLE001 -- only a replaced task_fn gets here
            reply = {"status": "failed", "warnings": [], "seconds": 0.0,
                     "error": f"{path}: internal error: {type(exc).__name__}: {exc}"}
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def mp_context() -> Any:
    """A forkserver that has imported the pipeline: children start in milliseconds,
    without the parent's threads (a progress bar's, a web server's)."""
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        # A child runs the parent's main script again (as __mp_main__; the app guards its
        # main()); the heavy libraries such a script imports are preloaded when the
        # parent has them (under Streamlit: 0.9 s less per document).
        heavy = [m for m in ("streamlit", "pandas", "altair") if m in sys.modules]
        ctx.set_forkserver_preload(["extractor.extract.pipeline", "extractor.operations.batch",
                                    "extractor.operations.limits", "extractor.operations.warm",
                                    *heavy])
        return ctx
    return mp.get_context("spawn")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    index: int | None = None  # the input it holds
    started: float = 0.0
    done: int = 0


@dataclass
class FileResult:
    path: str
    output: str | None
    status: str
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "output": self.output, "status": self.status,
                "error": self.error, "warnings": self.warnings, "seconds": self.seconds}


class _Pool:
    """Worker processes that each hold at most one file, killable one at a time."""

    def __init__(self, size: int, task_fn: Callable[..., dict[str, Any]] = process_one,
                 memory_mb: float | None = None) -> None:
        self.ctx = mp_context()
        self.task_fn = task_fn
        self.memory_mb = memory_mb
        self.workers: list[_Worker] = [self._spawn() for _ in range(size)]

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker_main,
                                   args=(child, self.task_fn, self.memory_mb), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def replace(self, worker: _Worker) -> _Worker:
        self._stop(worker, kill=True)
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def retire(self, worker: _Worker) -> None:
        """A worker that did its share: let it exit and start a fresh one."""
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        self._stop(worker, kill=False)
        self.workers[self.workers.index(worker)] = self._spawn()

    @staticmethod
    def _stop(worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=None if kill else 5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def close(self, kill: bool = False) -> None:
        for worker in self.workers:
            if not kill:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in self.workers:
            self._stop(worker, kill=kill or worker.index is not None)


# ---------------------------------------------------------------- reporting

class _Reporter:
    """A rich progress bar on a terminal, plain lines otherwise; all on stderr."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total = total
        self.count = 0
        self.enabled = enabled
        self.progress: Any = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(TextColumn("[bold]extracting"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(),
                                     TimeRemainingColumn(), TextColumn("{task.description}"),
                                     console=Console(stderr=True), transient=True)
            self.task = self.progress.add_task("", total=total)
            self.progress.start()

    def file_done(self, result: FileResult) -> None:
        self.count += 1
        if not self.enabled:
            return
        if self.progress is not None:
            from rich.markup import escape

            self.progress.update(self.task, advance=1,
                                 description=escape(printable(Path(result.path).name)))
            if result.status == "failed":
                error = escape(printable(result.error or ""))
                self.progress.console.print(f"[red]failed[/red] {error}", markup=True,
                                            highlight=False)
            return
        extra = f": {result.error}" if result.error else (
            f" ({len(result.warnings)} warnings)" if result.warnings else "")
        try:
            print(printable(f"[{self.count}/{self.total}] {result.status} {result.path} "
                            f"{result.seconds:.2f}s{extra}"), file=sys.stderr, flush=True)
        except (OSError, ValueError):  # stderr closed (a pipe into `head`): keep working
            self.enabled = False

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def print_summary(results: list[FileResult], renamed: dict[str, str]) -> None:
    """The per-file table and the totals, on stderr."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(stderr=True, highlight=False,
                      width=None if sys.stderr.isatty() else 160)
    table = Table(title="SLA extraction", show_lines=False)
    for column, justify in (("file", "left"), ("status", "left"), ("warnings", "right"),
                            ("seconds", "right"), ("error", "left")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    colour = {"ok": "green", "failed": "red", "skipped": "dim"}
    for r in results:  # names and messages as Text: never read as rich markup
        table.add_row(Text(printable(r.path)), f"[{colour[r.status]}]{r.status}[/]",
                      str(len(r.warnings)), f"{r.seconds:.2f}", Text(printable(_problem(r))))
    try:
        console.print(table)
    except (OSError, ValueError):
        return
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "failed", "skipped")}
    console.print(f"{counts['ok']} ok, {counts['failed']} failed, {counts['skipped']} skipped")
    for source, name in renamed.items():
        console.print(Text(printable(f"{source} -> {name} (another input or an earlier "
                                     "output has the same name)")))


def _problem(result: FileResult) -> str:
    if not result.error:
        return ""
    prefix = result.path + ": "
    return result.error.removeprefix(prefix)


# ---------------------------------------------------------------- the batch

_TEMPORARY = re.compile(r"^\..+\.json\.(?:(?P<pid>\d+)\.)?[^.]+\.tmp$")


def remove_stale_temporaries(out_dir: Path) -> int:
    """Half-written ``.<name>.<pid>.<random>.tmp`` files that a killed run left behind;
    those of a live process (another run writing into this folder) are left alone."""
    removed = 0
    for stale in out_dir.glob(".*.json.*.tmp"):
        match = _TEMPORARY.match(stale.name)
        if match is None or (match.group("pid") and _alive(int(match.group("pid")))):
            continue
        stale.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def run_batch(inputs: list[Path], out_dir: Path, options: ReadOptions | None = None,
              jobs: int | None = None, force: bool = False, timeout: float = 60.0,
              progress: bool = True,
              on_result: Callable[[FileResult], None] | None = None,
              task_fn: Callable[..., dict[str, Any]] = process_one,
              memory_mb: float = Limits.memory_mb,
              not_read: list[tuple[str, str]] | None = None) -> int:
    """Extract every input into ``out_dir``; returns the number of files that failed.

    Writes ``<out_dir>/<name>.json`` per good input and ``<out_dir>/summary.json``;
    prints progress and a summary table on stderr (``progress=False``: neither).
    ``task_fn`` (tests, benchmarks) replaces :func:`process_one` in the workers; it must
    be importable by name.
    KeyboardInterrupt stops the workers, writes the summary so far and is re-raised;
    SIGTERM does the same and raises :class:`Terminated`. ``not_read``: (path, reason)
    of what :func:`collect_inputs` did not read, for the summary.
    """
    options = options or ReadOptions()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    Limits(timeout, memory_mb)  # ValueError unless both are positive and finite
    inputs = [Path(p) for p in inputs]
    names, renamed = output_names(inputs, out_dir)
    results: list[FileResult | None] = [None] * len(inputs)
    size = max(1, min(jobs or os.cpu_count() or 1, len(inputs) or 1))
    reporter = _Reporter(len(inputs), enabled=progress)

    def finish(index: int, reply: dict[str, Any]) -> None:
        output = out_dir / names[index]
        status = reply["status"]
        if status == "ok":
            try:
                atomic_write(output, reply["text"])
            except OSError as exc:
                status = "failed"
                reply["error"] = f"{inputs[index]}: cannot write {output}: {exc.strerror or exc}"
        written = str(output) if status in ("ok", "skipped") else None
        result = FileResult(str(inputs[index]), written, status, reply.get("error"),
                            reply.get("warnings") or [], reply.get("seconds", 0.0))
        results[index] = result
        reporter.file_done(result)
        if on_result is not None:
            on_result(result)

    pool: _Pool | None = None
    interrupted: KeyboardInterrupt | None = None
    previous = _on_sigterm()
    try:
        if inputs:
            pool = _Pool(size, task_fn, memory_mb)
            _drive(pool, inputs, out_dir, names, options, force, timeout, finish)
    except KeyboardInterrupt as exc:
        interrupted = exc
    finally:
        if pool is not None:
            pool.close(kill=interrupted is not None)
        reporter.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    final = [r if r is not None else
             FileResult(str(p), None, "failed", f"{p}: not processed: the run was interrupted")
             for p, r in zip(inputs, results, strict=True)]
    _write_summary(out_dir, final, renamed, interrupted is not None, not_read or [])
    if progress:
        print_summary(final, renamed)
    if interrupted is not None:
        raise interrupted
    return sum(r.status == "failed" for r in final)


def _on_sigterm() -> Any:
    """SIGTERM raises :class:`Terminated` in the main thread; returns the old handler."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    return signal.signal(signal.SIGTERM, stop)


def _drive(pool: _Pool, inputs: list[Path], out_dir: Path, names: list[str],
           options: ReadOptions, force: bool, timeout: float,
           finish: Callable[[int, dict[str, Any]], None]) -> None:
    pending = list(range(len(inputs)))[::-1]  # pop() from the end keeps input order

    def dispatch(worker: _Worker) -> None:
        while pending:
            index = pending.pop()
            try:
                worker.conn.send((inputs[index], out_dir / names[index], options, force))
            except OSError:  # the worker died idle: replace it, retry the file
                pending.append(index)
                worker = pool.replace(worker)
                continue
            worker.index, worker.started = index, time.monotonic()
            return

    for worker in list(pool.workers):
        dispatch(worker)
    while any(w.index is not None for w in pool.workers):
        busy = [w for w in pool.workers if w.index is not None]
        now = time.monotonic()
        wait_for = max(0.0, min(w.started + timeout for w in busy) - now)
        handles: dict[Any, _Worker] = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = wait(list(handles), timeout=wait_for)
        done: set[int] = set()
        for handle in ready:
            worker = handles[handle]
            if id(worker) in done or worker.index is None:
                continue
            done.add(id(worker))
            index = worker.index
            reply = None
            if worker.conn.poll():
                try:
                    reply = worker.conn.recv()
                except (EOFError, OSError):
                    reply = None
            if reply is None:  # the process ended without an answer
                code = worker.process.exitcode
                worker.process.join(timeout=1)
                code = worker.process.exitcode if code is None else code
                finish(index, {"status": "failed", "seconds": round(
                    time.monotonic() - worker.started, 4),
                    "error": died_message(inputs[index], pool.memory_mb or 0, code)[1]})
                worker.index = None
                pool.replace(worker)
                continue
            worker.index = None
            worker.done += 1
            finish(index, reply)
            if worker.done >= MAX_TASKS_PER_WORKER and pending:
                pool.retire(worker)
        now = time.monotonic()
        for worker in list(pool.workers):
            late = worker.index
            if late is not None and now - worker.started >= timeout and id(worker) not in done:
                worker.index = None
                pool.replace(worker)
                finish(late, {"status": "failed", "seconds": round(now - worker.started, 4),
                              "error": time_message(inputs[late], timeout)})
        for worker in pool.workers:
            if worker.index is None and pending:
                dispatch(worker)


def _write_summary(out_dir: Path, results: list[FileResult], renamed: dict[str, str],
                   interrupted: bool, not_read: list[tuple[str, str]]) -> None:
    """Merge this run into ``summary.json`` under a lock: entries for the same input are
    replaced, other runs' entries kept; ``last_run`` counts this run alone."""
    run = {"ok": sum(r.status == "ok" for r in results),
           "failed": sum(r.status == "failed" for r in results),
           "skipped": sum(r.status == "skipped" for r in results),
           "interrupted": interrupted}
    lock = os.open(out_dir, os.O_RDONLY)  # the folder itself is the lock: no file left
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with (out_dir / SUMMARY_NAME).open("rb") as fh:
                old = json.load(fh)
            if not isinstance(old, dict):
                old = {}
        except (OSError, ValueError):
            old = {}
        files = {f["path"]: f for f in old.get("files", []) if isinstance(f, dict) and "path" in f}
        files.update((r.path, r.to_dict()) for r in results)
        entries = list(files.values())
        summary: dict[str, Any] = {
            "files": entries,
            **{s: sum(f.get("status") == s for f in entries) for s in ("ok", "failed", "skipped")},
            "last_run": run,
        }
        renamed_all = {**(old.get("renamed") or {}).get("files", {}), **renamed}
        if renamed_all:
            summary["renamed"] = {
                "rule": "an input whose output name is taken (by another input of the run, or "
                        "by an earlier output of another source) is written as "
                        "<parent folder>__<name>.json",
                "files": renamed_all}
        if not_read:
            summary["not_read"] = [{"path": p, "reason": r} for p, r in not_read]
        if interrupted:
            summary["interrupted"] = True
        atomic_write(out_dir / SUMMARY_NAME, json.dumps(summary, indent=2, ensure_ascii=False))
    finally:
        os.close(lock)
