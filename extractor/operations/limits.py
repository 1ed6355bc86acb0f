"""One document under the time and memory limits the batch workers keep.

:func:`extract_limited` is for everything that extracts one document on request (``sla
extract FILE --out -``, ``compare``, ``evaluate``, the app): the document is read in a
child process whose address space is capped (``RLIMIT_AS``) and which is killed at its
deadline, so a hostile file costs at most the limits, and the caller's own memory,
threads and locks are untouched. Errors come back typed: bad input as the
``DocumentLoadError`` the reader raised, a limit as :class:`ResourceLimitError` naming it.
"""
from __future__ import annotations

import math
import resource
import time
import traceback
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import DocumentLoadError, ResourceLimitError, SLAError
from extractor.extract.readers import ReadOptions
from extractor.forked import address_space, can_share, meanwhile

if TYPE_CHECKING:
    from schemas import SLAExtraction

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Seconds and MiB of memory one document may take (over the worker's start-up)."""

    timeout: float = 60.0
    memory_mb: float = 1024.0

    def __post_init__(self) -> None:
        for name, value in (("timeout", self.timeout), ("memory_mb", self.memory_mb)):
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive finite number, not {value!r}")


def cap_memory(memory_mb: float) -> None:
    """Cap this process's address space at what it uses now plus ``memory_mb``.

    Over the cap an allocation fails: Python raises MemoryError, and a C library that
    cannot recover ends the process, which the parent reports as the memory limit.
    """
    wanted = address_space() + int(memory_mb * MIB)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def describe_failure(path: Path, exc: BaseException) -> dict[str, Any]:
    """A failed extraction as the status dict workers send: never raises."""
    if isinstance(exc, SLAError):
        return {"status": "failed", "error": str(exc) or f"{path}: {type(exc).__name__}",
                "exception": exc if isinstance(exc, DocumentLoadError) else None}
    if isinstance(exc, MemoryError):
        return {"status": "failed", "limit": "memory",
                "error": f"{path}: stopped: reading it went over the memory limit"}
    if isinstance(exc, RecursionError):
        return {"status": "failed", "error": f"{path}: internal error: RecursionError: "
                                             "the document nests too deeply"}
    return {"status": "failed", "error": f"{path}: internal error: {type(exc).__name__}: {exc}",
            "trace": traceback.format_exc(limit=-3)}


def died_message(path: object, memory_mb: float, code: int | None) -> tuple[str | None, str]:
    """(the limit, the message) for a child that ended without an answer. Killed by a
    signal (SIGKILL, or SIGABRT/SIGSEGV from a C library whose allocation failed) is
    read as the memory limit; an exit code is a defect."""
    if code is not None and code < 0:
        return "memory", (f"{path}: stopped: the process reading it ended (signal {-code}), "
                          f"most likely at the {memory_mb:g} MiB memory limit")
    return None, (f"{path}: internal error: WorkerDied: the worker process ended "
                  f"(exit code {code}) while reading this file")


def time_message(path: object, timeout: float) -> str:
    return f"{path}: took longer than the {timeout:g}-second limit per file; stopped"


def _child(conn: Connection, path: Path, data: bytes | None, options: ReadOptions,
           memory_mb: float, with_text: bool = False) -> None:
    import hashlib

    from extractor.extract.fields.common import load_tokenizer, tokenizer_loaded
    from extractor.extract.pipeline import extract_document, warm_up
    from extractor.extract.readers import load_bytes, read_bytes

    try:
        cap_memory(memory_mb)
        if can_share():  # one document on this machine: its long PDF may use two cores
            options = replace(options, pdf_processes=2)
        if data is None:
            data = load_bytes(path, options)
        # a child forked from a caller without the tokenizer loads it, and warms the
        # pipeline up, while a helper reads the PDF's pages
        cold = not tokenizer_loaded()
        with meanwhile(load_tokenizer if cold else None), \
                meanwhile(warm_up if cold else None, required=False):
            doc = read_bytes(path, data, options)
        sla = extract_document(doc, hashlib.sha256(data).hexdigest(), len(data))
        reply: dict[str, Any] = {"status": "ok", "text": sla.model_dump_json()}
        if with_text:
            reply["document_text"] = doc.text
    except BaseException as exc:  # noqa: BLE001 -- everything goes back to the parent
        reply = describe_failure(path, exc)
    try:
        conn.send(reply)
    except Exception:  # noqa: BLE001 -- an unpicklable exception: send its text
        reply.pop("exception", None)
        conn.send(reply)
    conn.close()


def _context(one_off: bool) -> Any:
    import multiprocessing as mp
    import threading

    from extractor.operations.batch import mp_context

    if one_off and "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        # no second interpreter to start and import the pipeline into: the child is this
        # process (0.1 s of start-up saved), and it loads the tokenizer itself
        return mp.get_context("fork")
    return mp_context()


def extract_limited(path: Path | str, data: bytes | None = None,
                    options: ReadOptions | None = None,
                    limits: Limits | None = None, one_off: bool = False) -> SLAExtraction:
    """Extract one file (``data`` None: read from ``path``) or bytes in a child process.

    ``one_off``: the caller reads this one document and exits (``sla extract FILE
    --out -``): the child is forked from the caller itself when it is single-threaded,
    not from the forkserver shared by later documents.

    Raises the reader's ``DocumentLoadError`` for bad input, ``ResourceLimitError``
    (``.limit`` ``"time"`` or ``"memory"``) when a limit stopped it, ``SLAError`` for an
    internal error. Safe to call from several threads at once.
    """
    return _limited(Path(path), data, options, limits, with_text=False, one_off=one_off)[0]


def extract_limited_with_text(path: Path | str, data: bytes | None = None,
                              options: ReadOptions | None = None,
                              limits: Limits | None = None) -> tuple[SLAExtraction, str]:
    """``extract_limited``, with the document's normalized text (the evidence offsets
    point into it): what the app's library stores."""
    return _limited(Path(path), data, options, limits, with_text=True)


def _limited(path: Path, data: bytes | None, options: ReadOptions | None,
             limits: Limits | None, with_text: bool, one_off: bool = False
             ) -> tuple[SLAExtraction, str]:
    from schemas import SLAExtraction

    options = options or ReadOptions()
    limits = limits or Limits()
    ctx = _context(one_off)
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, daemon=True,
                          args=(child, path, data, options, limits.memory_mb, with_text))
    deadline = time.monotonic() + limits.timeout
    process.start()
    child.close()
    reply: dict[str, Any] | None = None
    try:
        while reply is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ResourceLimitError(path, "time", time_message(path, limits.timeout)
                                         .removeprefix(f"{path}: "))
            ready = wait([parent, process.sentinel], timeout=left)
            if parent in ready or parent.poll():
                try:
                    reply = parent.recv()
                except (EOFError, OSError):
                    break
            elif process.sentinel in ready:
                break
    finally:
        if process.is_alive() and reply is None:
            process.kill()
        process.join(timeout=5)
        parent.close()
    if reply is None:
        limit, message = died_message(path, limits.memory_mb, process.exitcode)
        if limit is None:
            raise SLAError(message)
        raise ResourceLimitError(path, limit, message.removeprefix(f"{path}: "))
    if reply["status"] == "ok":
        return (SLAExtraction.model_validate_json(reply["text"]),
                reply.get("document_text", ""))
    if reply.get("exception") is not None:
        raise reply["exception"]
    if reply.get("limit") == "memory":
        raise ResourceLimitError(path, "memory", reply["error"].removeprefix(f"{path}: ")
                                 + f" of {limits.memory_mb:g} MiB")
    raise SLAError(reply["error"])
