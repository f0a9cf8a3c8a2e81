"""PDF rendering at scale: a content-hash disk cache, and both cores for WeasyPrint.

(The same cache folder also keeps the Graphviz overview SVGs and the family comparison HTML,
:meth:`DiskCache.text`, and a few small hints, :meth:`DiskCache.remember`.)

A PDF is stored under ``<project>/.cache/sop/<key>.pdf`` where the key hashes everything it
depends on: the definition files, the render options and the generator's own code and
templates (:func:`code_version`), so a rebuild re-renders only what changed and a code change
invalidates everything. Documents that miss the cache are rendered by the worker processes of
:mod:`generator.build.workers`, each sent off as soon as its HTML is made. A
:class:`generator.project.Project` says where the cache is, or that it is off (``SOP_NO_CACHE``),
and where every print document WeasyPrint is given is also written (``SOP_SAVE_DOCUMENTS``: the
benchmark's "WeasyPrint alone" baseline renders exactly those).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple, TypeVar

from generator.build.workers import in_workers
from generator.build.writer import write_atomic
from generator.project import Project
from generator.render import render_pdf

__all__ = ["DiskCache", "Made", "Pdf", "code_version", "content_key"]

log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).parent.parent  # the whole package: any code change is a new version


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


class Pdf(NamedTuple):
    """A rendered PDF: its bytes and its page count."""

    data: bytes
    pages: int


class Made(NamedTuple):
    """A PDF just made, with the cache keys it was made from (kept by :meth:`DiskCache.prune`)."""

    data: bytes
    pages: int
    deps: tuple[str, ...] = ()


def _sum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _intact(path: Path, data: bytes, expected: str) -> bool:
    """Whether *data* read from *path* has the digest stored with it; says so when it has not."""
    if _sum(data) == expected:
        return True
    log.warning("Cache rusak (isi tidak cocok dengan sidik SHA-256), dibuat ulang: %s", path)
    return False


M = TypeVar("M")
V = TypeVar("V")


class DiskCache:
    """The content-hash disk cache of one session, and the keys that session used.

    Args:
        folder: where entries are stored (``<project>/.cache/sop``), or ``None``: nothing is
            read or stored, everything is made.
        save_documents: a folder that also receives every print document rendered, as
            ``<key>.html``, or ``None``.

    Every entry is written atomically with a ``<key>.sum`` beside it (page count and SHA-256);
    an entry whose bytes do not match is logged as a warning and made again.
    """

    def __init__(self, folder: Path | None, save_documents: Path | None = None) -> None:
        self.folder = folder
        self.save_documents = save_documents
        self.used: set[str] = set()
        """Cache keys read or written by this session (what :meth:`prune` keeps)."""

    @classmethod
    def of(cls, project: Project) -> DiskCache:
        """The cache of *project* (off when its settings say so)."""
        return cls(project.cache_dir, project.save_documents)

    def _through(self, keys: Sequence[str], make: Callable[[list[int]], Sequence[M]],
                 read: Callable[[str], V | None], store: Callable[[str, M], V]) -> list[V]:
        """A value for every key: ``read(key)``, else made by ``make(indices)`` and ``store(key, made)``.

        Equal keys are read or made once; every key counts as used for :meth:`prune`.
        """
        self.used.update(keys)
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

    def _read_pdf(self, key: str) -> Pdf | None:
        """A cached PDF, only when its bytes match the digest stored with it."""
        if self.folder is None:
            return None
        pdf, meta = self.folder / f"{key}.pdf", self.folder / f"{key}.sum"
        try:
            pages, digest = meta.read_text().split()
            data = pdf.read_bytes()
        except (OSError, ValueError):
            return None
        return Pdf(data, int(pages)) if pages.isdigit() and _intact(pdf, data, digest) else None

    def pdfs(self, keys: Sequence[str], make: Callable[[list[int]], Sequence[Made]]) -> list[Pdf]:
        """A :class:`Pdf` for every key, from the cache or made.

        The rest come from ``make(indices of those keys)`` (one index per distinct key: equal
        keys are made once) and are then stored, with the keys each was made from in
        ``<key>.deps`` (a book's SOP parts, front matter and stamp), which :meth:`prune` keeps
        with it.
        """
        folder = self.folder

        def store(key: str, made: Made) -> Pdf:
            if folder is not None:  # the digest after the data: a data file without it is never read
                write_atomic(folder / f"{key}.pdf", made.data)
                write_atomic(folder / f"{key}.sum", f"{made.pages} {_sum(made.data)}")
                if made.deps:
                    write_atomic(folder / f"{key}.deps", "\n".join(made.deps))
            return Pdf(made.data, made.pages)

        return self._through(keys, make, self._read_pdf, store)

    def render_pdfs(self, jobs: Sequence[tuple[str, Callable[[], str]]]) -> list[Pdf]:
        """Render print documents ``(cache key, make html)`` to :class:`Pdf`, in order.

        The HTML of a document is only made when its PDF is not in the cache; documents that
        miss it go to the worker processes (:func:`generator.build.workers.in_workers`) one by
        one as their HTML is made.
        """
        def documents(missing: list[int]) -> Iterator[str]:
            for i in missing:
                document = jobs[i][1]()
                if self.save_documents is not None:
                    write_atomic(self.save_documents / f"{jobs[i][0]}.html", document)
                yield document

        def make(missing: list[int]) -> list[Made]:
            log.info("Merender %d PDF", len(missing))
            return [Made(data, pages) for data, pages in in_workers(render_pdf, documents(missing), len(missing))]

        return self.pdfs([key for key, _ in jobs], make)

    def text(self, key: str, make: Callable[[], str], suffix: str = ".svg") -> str:
        """The text stored under *key*, else ``make()`` (then stored)."""
        return self.texts([key], lambda missing: [make()], suffix)[0]

    def texts(self, keys: Sequence[str], make: Callable[[list[int]], Sequence[str]], suffix: str) -> list[str]:
        """The texts stored under *keys*; those not stored come from ``make(their indices)`` (then stored)."""
        read, store = self._files(suffix)

        def read_text(key: str) -> str | None:
            data = read(key)
            with contextlib.suppress(UnicodeDecodeError):
                return data.decode("utf-8") if data is not None else None
            return None

        def store_text(key: str, text: str) -> str:
            store(key, text.encode("utf-8"))
            return text

        return self._through(keys, make, read_text, store_text)

    def data(self, key: str, make: Callable[[], bytes], suffix: str) -> bytes:
        """The bytes stored under *key* (a file ``<key><suffix>``), else ``make()`` (then stored)."""
        read, store = self._files(suffix)
        return self._through([key], lambda missing: [make()], read, store)[0]

    def _files(self, suffix: str) -> tuple[Callable[[str], bytes | None], Callable[[str, bytes], bytes]]:
        """Read and store bytes as ``<key><suffix>`` with a checksum file beside (nothing when off)."""
        folder = self.folder

        def read(key: str) -> bytes | None:
            if folder is not None:
                path = folder / f"{key}{suffix}"
                with contextlib.suppress(OSError, ValueError, IndexError):
                    data, digest = path.read_bytes(), (folder / f"{key}.sum").read_text().split()[1]
                    return data if _intact(path, data, digest) else None
            return None

        def store(key: str, data: bytes) -> bytes:
            if folder is not None:
                write_atomic(folder / f"{key}{suffix}", data)
                write_atomic(folder / f"{key}.sum", f"0 {_sum(data)}")
            return data

        return read, store

    def prune(self) -> int:
        """Delete the cached files this session did not use (nor what they were made from).

        Called after a complete ``sop build``, so the cache holds what the current site needs
        instead of every version ever rendered; returns how many files went. Hints (``*.note``)
        are kept.
        """
        folder = self.folder
        if folder is None or not folder.is_dir():
            return 0
        keep, todo = set(self.used), list(self.used)
        while todo:
            try:
                deps = (folder / f"{todo.pop()}.deps").read_text().split()
            except OSError:
                continue
            todo += [key for key in deps if key not in keep]
            keep.update(deps)
        removed = 0
        for path in folder.iterdir():
            if path.suffix in {".pdf", ".pages", ".sum", ".svg", ".html", ".deps", ".woff2"} and path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def recall(self, name: str) -> int | None:
        """A small number remembered under *name* by :meth:`remember` (``None`` when unknown)."""
        if self.folder is None:
            return None
        try:
            return int((self.folder / f"{name}.note").read_text())
        except (OSError, ValueError):
            return None

    def remember(self, name: str, value: int) -> None:
        """Remember *value* under *name* in the cache folder (a hint for the next build)."""
        if self.folder is not None:
            write_atomic(self.folder / f"{name}.note", str(value))
