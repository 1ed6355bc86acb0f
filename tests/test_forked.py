"""Work shared with a forked helper (``extractor.forked``): the same results in the same
order, the memory cap shared and restored, a failing or killed helper costing nothing
but time, and nothing left running after a deadline. Each case runs in a fresh
interpreter: it sets limits and forks."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extractor.forked import cores

ROOT = Path(__file__).resolve().parent.parent
HEADER = """
import contextlib, json, os, resource, sys, time
sys.path.insert(0, {root!r})
from extractor.forked import address_space, meanwhile, shared_map
ME = os.getpid()
"""


def run(body: str, timeout: float = 60) -> dict:
    script = HEADER.format(root=str(ROOT)) + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


TWO_PROCESSES = 2 if cores() >= 2 else 1


def test_every_result_comes_back_in_order_read_by_two_processes() -> None:
    out = run("""
        @contextlib.contextmanager
        def reader():
            yield lambda i: (time.sleep(0.002), (i * i, os.getpid()))[1]
        results = shared_map(reader, 200)
        print(json.dumps({"values": [v for v, _ in results],
                          "pids": sorted({p for _, p in results})}))
    """)
    assert out["values"] == [i * i for i in range(200)]
    assert len(out["pids"]) == TWO_PROCESSES


def test_what_the_helper_could_not_read_is_read_here() -> None:
    out = run("""
        @contextlib.contextmanager
        def reader():
            def read(i):
                if os.getpid() != ME and i > 10:
                    raise RuntimeError("the helper fails")
                time.sleep(0.002)
                return (i, os.getpid())
            yield read
        results = shared_map(reader, 100)
        print(json.dumps({"indices": [i for i, _ in results],
                          "pids": sorted({p for _, p in results}), "me": ME}))
    """)
    assert out["indices"] == list(range(100))
    assert out["pids"] == [out["me"]]  # the helper's earlier pages went with it


def test_the_cap_is_halved_while_shared_and_restored_after() -> None:
    out = run("""
        cap = address_space() + 400 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.RLIM_INFINITY))
        @contextlib.contextmanager
        def reader():
            yield lambda i: (time.sleep(0.002),
                             (os.getpid(), resource.getrlimit(resource.RLIMIT_AS)[0]))[1]
        results = shared_map(reader, 100)
        print(json.dumps({"cap": cap, "used": address_space(),
                          "caps": {str(p): c for p, c in results},
                          "after": resource.getrlimit(resource.RLIMIT_AS)[0]}))
    """)
    assert out["after"] == out["cap"]
    assert len(out["caps"]) == TWO_PROCESSES
    if TWO_PROCESSES == 2:
        for cap in out["caps"].values():  # each at most its half of the headroom
            assert cap <= out["cap"] - 190 * 1024 * 1024


def test_a_page_over_the_halved_cap_is_read_again_under_the_whole_cap() -> None:
    out = run("""
        resource.setrlimit(resource.RLIMIT_AS,
                           (address_space() + 600 * 1024 * 1024, resource.RLIM_INFINITY))
        big = []
        @contextlib.contextmanager
        def reader():
            def read(i):
                time.sleep(0.002)
                if os.getpid() == ME and (not big or big[0] == i):
                    big[:] = [i]  # needs ~400 MiB: over half the headroom, under all of it
                    return len(bytearray(400 * 1024 * 1024))
                return i
            yield read
        print(json.dumps({"results": shared_map(reader, 40), "big": big}))
    """)
    expected = list(range(40))
    expected[out["big"][0]] = 400 * 1024 * 1024
    assert out["results"] == expected


def test_a_meanwhile_task_runs_once_while_the_helper_reads() -> None:
    out = run("""
        ran = []
        @contextlib.contextmanager
        def reader():
            yield lambda i: (time.sleep(0.01), os.getpid())[1]
        with meanwhile(lambda: (time.sleep(0.3), ran.append(os.getpid()))):
            pids = shared_map(reader, 40)
        print(json.dumps({"ran": ran, "by_helper": sum(p != ME for p in pids)}))
    """)
    assert len(out["ran"]) == 1
    if TWO_PROCESSES == 2:  # the helper read on while this process ran the task
        assert out["by_helper"] >= 20


def test_a_meanwhile_task_runs_at_the_end_or_not_at_all_when_the_block_fails() -> None:
    out = run("""
        ran = []
        with meanwhile(lambda: ran.append("no sharing")):
            ran.append("block")
        try:
            with meanwhile(lambda: ran.append("after a failure")):
                raise ValueError
        except ValueError:
            pass
        print(json.dumps({"ran": ran}))
    """)
    assert out["ran"] == ["block", "no sharing"]


def test_a_meanwhile_tasks_memory_is_not_counted_against_the_cap() -> None:
    out = run("""
        cap = address_space() + 100 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.RLIM_INFINITY))
        kept = []
        with meanwhile(lambda: kept.append(bytearray(150 * 1024 * 1024))):
            pass  # over the cap itself: it runs with the cap lifted
        after = resource.getrlimit(resource.RLIMIT_AS)[0]
        print(json.dumps({"raised_by": after - cap}))
    """)
    assert out["raised_by"] >= 150 * 1024 * 1024


def test_threads_keep_the_work_in_one_process() -> None:
    out = run("""
        import threading
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        @contextlib.contextmanager
        def reader():
            yield lambda i: (time.sleep(0.002), os.getpid())[1]
        pids = shared_map(reader, 50)
        stop.set()
        print(json.dumps({"pids": sorted(set(pids)), "me": ME}))
    """)
    assert out["pids"] == [out["me"]]


@pytest.mark.parametrize("one_off", [True, False])
def test_nothing_is_left_running_after_a_long_pdf_meets_its_deadline(one_off: bool) -> None:
    # orphans are handed to this script (a subreaper), so a helper that outlived the
    # document's process would show up as its child
    out = run(f"""
        import ctypes
        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
        from pathlib import Path
        from extractor.errors import ResourceLimitError
        from extractor.extract.readers import ReadOptions
        from extractor.operations.limits import Limits, extract_limited
        from tests import hostile
        data = hostile.pdf_bomb(16, pages=40)  # 0.4 s a page
        started = time.monotonic()
        try:
            extract_limited(Path("long.pdf"), data, ReadOptions(max_inflated=1 << 40),
                            Limits(timeout=1.5, memory_mb=4096), one_off={one_off})
            limit = None
        except ResourceLimitError as exc:
            limit = exc.limit
        took = time.monotonic() - started
        time.sleep(0.5)
        from multiprocessing import forkserver, resource_tracker
        started_for_later = [forkserver._forkserver._forkserver_pid,
                             resource_tracker._resource_tracker._pid]
        alive = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in started_for_later:
                continue
            try:
                stat = open(f"/proc/{{entry}}/stat").read()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == ME and fields[0] != "Z":
                alive.append(int(entry))
        print(json.dumps({{"limit": limit, "took": took, "alive": alive}}))
    """)
    assert out["limit"] == "time"
    assert out["took"] < 10
    assert out["alive"] == [], out


def test_a_task_not_required_is_skipped_when_nothing_was_shared() -> None:
    out = run("""
        ran = []
        with meanwhile(lambda: ran.append("needed")), \\
                meanwhile(lambda: ran.append("only beside a helper"), required=False):
            pass
        @contextlib.contextmanager
        def reader():
            yield lambda i: (time.sleep(0.005), i)[1]
        with meanwhile(lambda: ran.append("first")), \\
                meanwhile(lambda: ran.append("second"), required=False):
            shared_map(reader, 30)
        print(json.dumps({"ran": ran}))
    """)
    shared = ["first", "second"] if TWO_PROCESSES == 2 else ["first"]
    assert out["ran"] == ["needed", *shared]
