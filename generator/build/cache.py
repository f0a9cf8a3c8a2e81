"""PDF rendering at scale: a content-hash disk cache, and both cores for WeasyPrint.

(The same cache folder also keeps the Graphviz overview SVGs and the family comparison HTML,
:func:`cached_text`, and a few small hints, :func:`remember`.)

A PDF is stored under ``<project>/.cache/sop/<key>.pdf`` where the key hashes everything it
depends on: the definition files, the render options and the generator's own code and
templates (:func:`code_version`), so a rebuild re-renders only what changed and a code change
invalidates everything. Documents that miss the cache are rendered by the worker processes of
:mod:`generator.build.workers`, each sent off as soon as its HTML is made. ``SOP_NO_CACHE=1`` turns
the disk cache off; ``SOP_SAVE_DOCUMENTS=DIR`` also writes every print document WeasyPrint is
given to ``DIR/<key>.html`` (the benchmark's "WeasyPrint alone" baseline renders exactly those).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from generator.build.workers import in_workers
from generator.build.writer import write_atomic
from generator.render import render_pdf

__all__ = ["Made", "cached", "cached_text", "cached_texts", "code_version", "content_key", "prune", "recall",
           "remember", "render_pdfs"]

log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).parent.parent  # the whole package: any code change is a new version
_USED: set[str] = set()
"""Cache keys read or written by this process (what :func:`prune` keeps)."""


@cache
def code_version() -> str:
    """Hash of the generator's code, templates and static files (part of every cache key)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".ttf", ".svg"}:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_key(text: str) -> str:
    """The cache key of something made from *text* alone (by this version of the generator)."""
    return hashlib.sha256(f"{code_version()}{text}".encode()).hexdigest()


def _cache_dir(root: Path) -> Path | None:
    if os.environ.get("SOP_NO_CACHE"):
        return None
    return root / ".cache" / "sop"


def _sum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _intact(path: Path, data: bytes, expected: str) -> bool:
    """Whether *data* read from *path* has the digest stored with it; says so when it has not."""
    if _sum(data) == expected:
        return True
    log.warning("Cache rusak (isi tidak cocok dengan sidik SHA-256), dibuat ulang: %s", path)
    return False


def _read(folder: Path | None, key: str) -> tuple[bytes, int] | None:
    """A cached PDF and its page count, only when its bytes match the digest stored with it."""
    if folder is None:
        return None
    pdf, meta = folder / f"{key}.pdf", folder / f"{key}.sum"
    try:
        pages, digest = meta.read_text().split()
        data = pdf.read_bytes()
    except (OSError, ValueError):
        return None
    return (data, int(pages)) if pages.isdigit() and _intact(pdf, data, digest) else None


Made = tuple[bytes, int, Sequence[str]]
"""What a cache miss makes: PDF bytes, page count and the cache keys it was made from."""
M = TypeVar("M")
V = TypeVar("V")


def _through_cache(keys: Sequence[str], make: Callable[[list[int]], Sequence[M]],
                   read: Callable[[str], V | None], store: Callable[[str, M], V]) -> list[V]:
    """A value for every key: ``read(key)``, else made by ``make(indices)`` and ``store(key, made)``.

    Equal keys are read or made once; every key counts as used for :func:`prune`.
    """
    _USED.update(keys)
    found: dict[str, V] = {}
    for key in keys:
        if key not in found and (value := read(key)) is not None:
            found[key] = value
    first = {key: i for i, key in reversed(list(enumerate(keys)))}
    missing = sorted(i for key, i in first.items() if key not in found)
    if missing:
        for i, made in zip(missing, make(missing), strict=True):
            found[keys[i]] = store(keys[i], made)
    return [found[key] for key in keys]


def cached(keys: Sequence[str], make: Callable[[list[int]], Sequence[Made]], root: Path) -> list[tuple[bytes, int]]:
    """``(pdf bytes, pages)`` for every key, from the cache or made.

    Found ones come from ``<root>/.cache/sop`` when their bytes match the SHA-256 digest stored
    beside them (``<key>.sum``: page count and digest); a truncated or altered entry is logged
    as a warning and made again; the rest from ``make(indices of those keys)``
    (one index per distinct key: equal keys are made once), and are then stored there
    (atomically), with the keys each was made from in ``<key>.deps`` (a book's SOP parts,
    front matter and stamp), which :func:`prune` keeps with it.
    """
    folder = _cache_dir(root)

    def store(key: str, made: Made) -> tuple[bytes, int]:
        data, pages, deps = made
        if folder is not None:  # the digest after the data: a data file without it is never read
            write_atomic(folder / f"{key}.pdf", data)
            write_atomic(folder / f"{key}.sum", f"{pages} {_sum(data)}")
            if deps:
                write_atomic(folder / f"{key}.deps", "\n".join(deps))
        return data, pages

    return _through_cache(keys, make, lambda key: _read(folder, key), store)


def render_pdfs(jobs: Sequence[tuple[str, Callable[[], str]]], root: Path) -> list[tuple[bytes, int]]:
    """Render print documents ``(cache key, make html)`` to ``(pdf bytes, pages)``, in order.

    The HTML of a document is only made when its PDF is not in the cache; documents that miss
    it go to the worker processes (:func:`generator.build.workers.in_workers`) one by one as their
    HTML is made.
    """
    def documents(missing: list[int]) -> Iterator[str]:
        saved = os.environ.get("SOP_SAVE_DOCUMENTS")
        for i in missing:
            document = jobs[i][1]()
            if saved:
                write_atomic(Path(saved) / f"{jobs[i][0]}.html", document)
            yield document

    def make(missing: list[int]) -> list[Made]:
        log.info("Merender %d PDF", len(missing))
        return [(data, pages, ()) for data, pages in in_workers(render_pdf, documents(missing), len(missing))]

    return cached([key for key, _ in jobs], make, root)


def cached_text(root: Path, key: str, make: Callable[[], str], suffix: str = ".svg") -> str:
    """The text stored under *key* in ``<root>/.cache/sop``, else ``make()`` (then stored)."""
    return cached_texts(root, [key], lambda missing: [make()], suffix)[0]


def cached_texts(root: Path, keys: Sequence[str], make: Callable[[list[int]], Sequence[str]],
                 suffix: str) -> list[str]:
    """The texts stored under *keys*; those not stored come from ``make(their indices)`` (then stored)."""
    folder = _cache_dir(root)

    def read(key: str) -> str | None:
        if folder is not None:
            path = folder / f"{key}{suffix}"
            with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
                data, digest = path.read_bytes(), (folder / f"{key}.sum").read_text().split()[1]
                return data.decode("utf-8") if _intact(path, data, digest) else None
        return None

    def store(key: str, text: str) -> str:
        if folder is not None:
            data = text.encode("utf-8")
            write_atomic(folder / f"{key}{suffix}", data)
            write_atomic(folder / f"{key}.sum", f"0 {_sum(data)}")
        return text

    return _through_cache(keys, make, read, store)


def prune(root: Path) -> int:
    """Delete the cached files this process did not use (nor what they were made from).

    Called after a complete ``sop build``, so the cache holds what the current site needs
    instead of every version ever rendered; returns how many files went. Hints (``*.note``)
    are kept.
    """
    folder = _cache_dir(root)
    if folder is None or not folder.is_dir():
        return 0
    keep, todo = set(_USED), list(_USED)
    while todo:
        try:
            deps = (folder / f"{todo.pop()}.deps").read_text().split()
        except OSError:
            continue
        todo += [key for key in deps if key not in keep]
        keep.update(deps)
    removed = 0
    for path in folder.iterdir():
        if path.suffix in {".pdf", ".pages", ".sum", ".svg", ".html", ".deps"} and path.stem not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def recall(root: Path, name: str) -> int | None:
    """A small number remembered under *name* by :func:`remember` (``None`` when unknown)."""
    folder = _cache_dir(root)
    if folder is None:
        return None
    try:
        return int((folder / f"{name}.note").read_text())
    except (OSError, ValueError):
        return None


def remember(root: Path, name: str, value: int) -> None:
    """Remember *value* under *name* in the cache folder (a hint for the next build)."""
    folder = _cache_dir(root)
    if folder is not None:
        write_atomic(folder / f"{name}.note", str(value))
