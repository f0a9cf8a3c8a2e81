"""The build: every SOP and book of a catalog rendered once, through a disk cache, on every core.

Offers :class:`Session` — what one CLI command or one ``serve`` session validates and renders,
remembered by content: :meth:`Session.load_valid`, :meth:`Session.render_all` (each SOP a
:class:`RenderedSop`: sheet, diagram, PDF), :meth:`Session.render_books` (each kecamatan a
:class:`RenderedBook`), :meth:`Session.revision_diffs` — and :func:`render_sop_with_changes`
(a sheet with its Daftar Perubahan), the content-hash cache (:func:`cached_texts`,
:func:`content_key`, :func:`prune`), the worker pool (:func:`in_workers`) and the only file
writes (:func:`write_atomic`, :func:`check_output`). Inside, one way: ``writer`` and
``workers`` → ``cache`` → ``session``.
"""

from generator.build.cache import cached_texts, content_key, prune
from generator.build.session import (
    Progress,
    RenderedBook,
    RenderedSop,
    Revisions,
    Session,
    group_by_kecamatan,
    render_sop_with_changes,
)
from generator.build.workers import PARALLEL_MIN, in_workers
from generator.build.writer import check_output, write_atomic

__all__ = [
    "PARALLEL_MIN",
    "Progress",
    "RenderedBook",
    "RenderedSop",
    "Revisions",
    "Session",
    "cached_texts",
    "check_output",
    "content_key",
    "group_by_kecamatan",
    "in_workers",
    "prune",
    "render_sop_with_changes",
    "write_atomic",
]
