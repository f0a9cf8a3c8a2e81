"""The worker pool: both cores, one pool kept for the process, small jobs stay in the process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import workers
from generator.build.workers import PARALLEL_MIN, in_workers


def _pid(_: int) -> int:
    return os.getpid()


def _ignores_interrupts(_: int) -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_work_goes_to_one_pool_kept_for_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    monkeypatch.setattr(workers, "_POOL", None)
    assert in_workers(_pid, range(PARALLEL_MIN - 1), PARALLEL_MIN - 1) == [os.getpid()] * (PARALLEL_MIN - 1)
    assert workers._POOL is None  # too few to pay for spawning workers
    first = in_workers(_pid, range(PARALLEL_MIN), PARALLEL_MIN)
    pool = workers._POOL
    assert pool is not None
    second = in_workers(_pid, range(2), 2)  # the pool runs already: even two items go there
    assert workers._POOL is pool
    assert os.getpid() not in first + second
    assert set(first + second) <= set(pool._processes)  # the same two worker processes
    # Ctrl+C on `sop serve` stops the parent; workers print no KeyboardInterrupt tracebacks.
    assert in_workers(_ignores_interrupts, range(2), 2) == [True, True]
    pool.shutdown()


def test_one_core_works_in_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "worker_count", lambda: 1)
    monkeypatch.setattr(workers, "_POOL", None)
    assert in_workers(_pid, range(10), 10) == [os.getpid()] * 10
    assert workers._POOL is None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_workers_end_when_their_parent_is_killed() -> None:
    # `sop serve` stopped with SIGTERM/SIGKILL cannot shut its pool down: the workers must not linger.
    script = ("import os, signal\n"
              "from generator.build import workers\n"
              "from tests.test_workers import _pid\n"
              "workers.worker_count = lambda: 2\n"
              "print(*sorted(set(workers.in_workers(_pid, range(8), 8))), flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent, timeout=60)
    assert done.returncode == -signal.SIGKILL
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) >= 1
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in pids if _alive(pid)] == []
