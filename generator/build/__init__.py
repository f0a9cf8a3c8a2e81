"""The build: every SOP and book of a catalog rendered once, through a disk cache, on every core.

Offers :class:`Session` — what one CLI command or one ``serve`` session validates and renders,
remembered by content: :meth:`Session.load_valid`, :meth:`Session.render_all` (each SOP a
:class:`RenderedSop`: sheet, diagram, PDF), :meth:`Session.render_books` (each kecamatan a
:class:`RenderedBook`), :meth:`Session.revision_diffs` — and :func:`render_sop_with_changes`
(a sheet with its Daftar Perubahan), the content-hash cache (:class:`DiskCache`, a session's
``cache``; :func:`content_key`), the worker pool (:func:`in_workers`) and the only file
writes (:func:`write_atomic`, :func:`check_output`). Inside, one way: ``writer`` and
``workers`` → ``cache`` → ``session``.
"""

from generator.build.cache import DiskCache, Made, Pdf, content_key
from generator.build.session import (
    Built,
    Keyed,
    Part,
    Progress,
    RenderedBook,
    RenderedSop,
    Revision,
    Revisions,
    Session,
    group_by_kecamatan,
    render_sop_with_changes,
)
from generator.build.workers import PARALLEL_MIN, in_workers
from generator.build.writer import check_output, write_atomic

__all__ = [
    "PARALLEL_MIN",
    "Built",
    "DiskCache",
    "Keyed",
    "Made",
    "Part",
    "Pdf",
    "Progress",
    "RenderedBook",
    "RenderedSop",
    "Revision",
    "Revisions",
    "Session",
    "check_output",
    "content_key",
    "group_by_kecamatan",
    "in_workers",
    "render_sop_with_changes",
    "write_atomic",
]
