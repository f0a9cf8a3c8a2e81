"""Both cores: one process pool per process, for WeasyPrint and the family comparisons.

The pool is spawned (so WeasyPrint, Pango and fontconfig start clean in each worker) on first
use and then kept for the life of the process: a ``sop build`` renders parts, stamps, front
and back matter in several rounds, and a ``serve`` session renders again after each edit;
each spawn costs a worker about a second of imports and font loading. Workers ignore Ctrl+C
(the parent shuts them down when it exits) and end when the parent is killed. Work is only
sent to the pool when it is worth it: there is more than one core and either the pool
already runs or there are at least :data:`PARALLEL_MIN` items.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

__all__ = ["PARALLEL_MIN", "in_workers", "worker_count"]

PARALLEL_MIN = 6
"""Fewest items worth starting the pool for (a spawned worker costs about a second)."""

T = TypeVar("T")
R = TypeVar("R")

_POOL: ProcessPoolExecutor | None = None


def worker_count() -> int:
    """How many worker processes the pool has (or would have): the number of cores."""
    return os.cpu_count() or 1


def _pool(items: int) -> ProcessPoolExecutor | None:
    global _POOL
    if worker_count() < 2 or items == 0 or (_POOL is None and items < PARALLEL_MIN):
        return None
    if _POOL is None:
        _POOL = ProcessPoolExecutor(max_workers=worker_count(), mp_context=get_context("spawn"),
                                    initializer=_start_worker, initargs=(os.getpid(),))
    return _POOL


def in_workers(function: Callable[[T], R], items: Iterable[T], count: int) -> list[R]:
    """``[function(item) for item in items]`` (*count* of them), spread over the pool's workers.

    In this process when the pool is not worth it. Each item goes to the pool as soon as it is
    taken from *items*, so making the next item overlaps with the workers handling the previous.
    *function* must be importable by name (a module-level function), items and results
    picklable.
    """
    pool = _pool(count)
    if pool is None:
        return [function(item) for item in items]
    futures = [pool.submit(function, item) for item in items]
    return [future.result() for future in futures]


def _start_worker(parent: int) -> None:
    """Set up a worker: Ctrl+C is left to the parent, and the worker ends when the parent is gone.

    Ctrl+C (``sop serve``) reaches the whole process group: the parent stops and shuts the pool
    down, the workers print no tracebacks. A parent killed outright (SIGTERM, SIGKILL) cannot
    shut the pool down, and a worker waiting for work would wait for ever (its siblings keep
    the work queue open), so each worker checks once a second that its parent still lives.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
