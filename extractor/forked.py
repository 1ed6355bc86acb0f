"""Work shared with one forked helper process, under the caller's memory cap.

A long PDF is read page by page, and pages do not depend on each other: on a machine
with a second core, a forked copy of the process takes pages from the same queue as
this one (160 Chromium-printed pages: 1.0 s alone, 0.55 s shared). The fork is cheap:
the helper starts with everything imported.

A task that must happen before extraction but does not need the pages (loading the
tokenizer, 0.4 s) can be handed to :func:`meanwhile`: this process runs it while the
helper is already reading, and takes pages from the queue once it is done.

What holds:
- the two together stay under the one cap: each gets half of what was left under
  ``RLIMIT_AS`` while they share the work; a ``meanwhile`` task's own memory is not
  counted (it is the program's, not the document's);
- the helper dies with its parent (``PR_SET_PDEATHSIG``), so a parent killed at its
  deadline leaves nothing running;
- a page the helper did not return (it failed, or was stopped) is read here, and a memory
  error under the halved cap has this process read alone under the whole cap: the result
  is the same, only slower. Only a single-threaded process forks.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TypeVar

T = TypeVar("T")
PR_SET_PDEATHSIG = 1
READ_CHUNK = 1024 * 1024
INDEX = struct.Struct("<I")  # one queue entry; a pipe read of 4 bytes is atomic
MAX_QUEUED = 65536 // INDEX.size  # what fits a pipe's buffer before anyone reads it
Reader = Callable[[], AbstractContextManager[Callable[[int], T]]]

_pending: list[Callable[[], None]] = []


def address_space() -> int:
    """This process's virtual memory size in bytes (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def cores() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_share() -> bool:
    """A helper may be forked: Linux (the helper must die with its parent), a second
    core, and no other thread that a fork would leave holding a lock."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and cores() >= 2
            and threading.active_count() == 1)


@contextlib.contextmanager
def meanwhile(task: Callable[[], None] | None, required: bool = True) -> Iterator[None]:
    """Run ``task`` while a :func:`shared_map` in the block has its helper working, or
    at the end of the block if none did (unless not ``required``: a task only worth
    doing beside the helper). Not run if the block raises. Tasks run in the order given."""
    if task is None:
        yield
        return
    _pending.append(task)
    try:
        yield
    except BaseException:
        with contextlib.suppress(ValueError):
            _pending.remove(task)
        raise
    if task in _pending:
        _pending.remove(task)
        if required:
            _outside_cap(task)


def shared_map(reader: Reader[T], count: int) -> list[T]:
    """``read(i)`` for every ``i`` in ``range(count)``, in that order, where ``reader()``
    opens what ``read`` needs (once per process). Pages are shared with a forked helper
    when :func:`can_share`; each result must pickle."""
    if count < 2 or count > MAX_QUEUED or not can_share():
        with reader() as read:
            return [read(i) for i in range(count)]
    tasks = _pending[:]
    del _pending[:]
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    halved = soft
    if soft != resource.RLIM_INFINITY:
        used = address_space()
        halved = used + max(0, soft - used) // 2
    queue, queue_in = os.pipe()
    os.write(queue_in, b"".join(INDEX.pack(i) for i in range(count)))
    os.close(queue_in)  # an empty queue now reads as its end
    results, results_in = os.pipe()
    done: dict[int, T] = {}
    kept = 0  # what the tasks kept: added to the cap restored below
    with _cap(halved, hard):
        pid = os.fork()
        if pid == 0:
            os.close(results)
            _helper(reader, queue, results_in)
        os.close(results_in)
        try:
            for task in tasks:
                kept += _outside_cap(task)
            with reader() as read:
                while index := _take(queue):
                    done[index[0]] = read(index[0])
        except MemoryError:
            pass  # what this process did not finish is read below, under the whole cap
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            raise
        finally:
            os.close(queue)
            helped: dict[int, T] = _collect(results, pid)
    _raise_cap(kept)
    done.update(helped)
    missing = [i for i in range(count) if i not in done]
    if missing:
        with reader() as read:
            for i in missing:
                done[i] = read(i)
    return [done[i] for i in range(count)]


def _take(queue: int) -> tuple[int] | None:
    entry = os.read(queue, INDEX.size)
    return INDEX.unpack(entry) if len(entry) == INDEX.size else None


@contextlib.contextmanager
def _cap(soft: int, hard: int) -> Iterator[None]:
    before = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, before)


def _outside_cap(task: Callable[[], None]) -> int:
    """Run ``task`` with the address-space cap lifted, then raise the cap by what the
    task kept (returned): the program's memory is not the document's."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        task()
        return 0
    before = address_space()
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    grown = 0
    try:
        task()
    finally:
        grown = max(0, address_space() - before)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        _raise_cap(grown)
    return grown


def _raise_cap(extra: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if extra and soft != resource.RLIM_INFINITY:
        wanted = soft + extra if hard == resource.RLIM_INFINITY else min(soft + extra, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _helper(reader: Reader[T], queue: int, results_in: int) -> None:
    code = 1
    try:
        parent = os.getppid()
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == parent:  # else the parent died before the line above
            done: dict[int, T] = {}
            with reader() as read:
                while index := _take(queue):
                    done[index[0]] = read(index[0])
            payload = memoryview(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
            while payload:
                payload = payload[os.write(results_in, payload):]
            code = 0
    except BaseException:  # noqa: BLE001, S110 -- the parent reads what is missing
        pass
    finally:
        os._exit(code)  # no atexit, no flushing the parent's buffers twice


def _collect(results: int, pid: int) -> dict[int, T]:
    """The helper's results (none when it failed); it has ended when this returns."""
    chunks = []
    try:
        while chunk := os.read(results, READ_CHUNK):
            chunks.append(chunk)
    finally:
        os.close(results)
        _, status = os.waitpid(pid, 0)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return {}
    try:
        done = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 -- a torn payload: the parent reads those pages
        return {}
    return done if isinstance(done, dict) else {}
