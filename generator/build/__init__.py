"""The build: every SOP and book of a catalog rendered once, through a disk cache, on every core.

Offers :func:`load_valid` (the catalog ``sop check`` accepts, or :class:`generator.errors.DefinitionError`),
:func:`render_all` / :func:`render_sop` (:class:`RenderedSop`: sheet HTML, diagram, PDF),
:func:`render_books` / :func:`render_book` (:class:`RenderedBook`: a kecamatan's book PDF),
:func:`revision_diffs` and :func:`render_sop_with_changes` (a sheet with its Daftar Perubahan),
the content-hash cache (:func:`cached_texts`, :func:`content_key`, :func:`prune`), the worker
pool (:func:`in_workers`) and the only file writes (:func:`write_atomic`, :func:`check_output`).
Inside, one way: ``writer`` and ``workers`` → ``cache`` → ``pipeline``.
"""

from generator.build.cache import cached_texts, content_key, prune
from generator.build.pipeline import (
    RenderedBook,
    RenderedSop,
    group_by_kecamatan,
    load_valid,
    render_all,
    render_book,
    render_books,
    render_sop,
    render_sop_with_changes,
    revision_diffs,
)
from generator.build.workers import PARALLEL_MIN, in_workers
from generator.build.writer import check_output, write_atomic

__all__ = [
    "PARALLEL_MIN", "RenderedBook", "RenderedSop", "cached_texts", "check_output", "content_key",
    "group_by_kecamatan", "in_workers", "load_valid", "prune", "render_all", "render_book", "render_books",
    "render_sop", "render_sop_with_changes", "revision_diffs", "write_atomic",
]
