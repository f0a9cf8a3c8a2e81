"""The worker pool: both cores, one pool kept for the process, small jobs stay in the process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.build import PARALLEL_MIN
from tests.conftest import ROOT


def _pid(_: int) -> int:
    return os.getpid()


def _ignores_interrupts(_: int) -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def _pids_in_a_fresh_process(cores: int) -> dict[str, list[int]]:
    """Run :func:`in_workers` in a new process (no pool yet) with *cores* cores; the pids that answered."""
    script = ("import json, os\n"
              "from generator.build import workers\n"
              "from tests.build.test_workers import _ignores_interrupts, _pid\n"
              f"workers.worker_count = lambda: {cores}\n"
              "few = workers.in_workers(_pid, range(workers.PARALLEL_MIN - 1), workers.PARALLEL_MIN - 1)\n"
              "first = workers.in_workers(_pid, range(workers.PARALLEL_MIN), workers.PARALLEL_MIN)\n"
              "second = workers.in_workers(_pid, range(2), 2)\n"
              "quiet = workers.in_workers(_ignores_interrupts, range(2), 2)\n"
              "print(json.dumps({'self': [os.getpid()], 'few': few, 'first': first, 'second': second,\n"
              "                  'quiet': quiet}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    return json.loads(done.stdout)


def test_work_goes_to_one_pool_kept_for_the_process() -> None:
    found = _pids_in_a_fresh_process(2)
    (parent,) = found["self"]
    assert found["few"] == [parent] * (PARALLEL_MIN - 1)  # too few to pay for spawning workers
    assert parent not in found["first"]
    assert parent not in found["second"]  # the pool runs already: even two items go there
    assert len(set(found["first"] + found["second"])) <= 2  # the same two worker processes
    # Ctrl+C on `sop serve` stops the parent; workers print no KeyboardInterrupt tracebacks.
    assert found["quiet"] == [True, True]


def test_one_core_works_in_the_process() -> None:
    found = _pids_in_a_fresh_process(1)
    (parent,) = found["self"]
    assert set(found["few"] + found["first"] + found["second"]) == {parent}


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_workers_end_when_their_parent_is_killed() -> None:
    # `sop serve` stopped with SIGTERM/SIGKILL cannot shut its pool down: the workers must not linger.
    script = ("import os, signal\n"
              "from generator.build import workers\n"
              "from tests.build.test_workers import _pid\n"
              "workers.worker_count = lambda: 2\n"
              "print(*sorted(set(workers.in_workers(_pid, range(8), 8))), flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == -signal.SIGKILL
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) >= 1
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in pids if _alive(pid)] == []
