"""Comparisons: an SOP between revisions and across kecamatan (stage 5 beside ``render``).

Offers the semantic diff of two :class:`generator.model.Sop` (``diff``: pure,
:func:`diff_sops` → :class:`SopDiff`), the same SOP across kecamatan (``family``:
:func:`compare_family`), their terminal and HTML views (``diff_view``, ``family_view``; the
HTML through ``render``'s templates) and the git history of a definition (``revisions``: the
only module running git; :func:`file_history`, :func:`load_spec`, :func:`repository_head`) and
the numbered branch targets that moved since the last revision (``renumbering``).
It sits below ``build``, not above it as issue 13 first drew: the build renders the "Daftar
Perubahan" pages and revision histories from these.
"""

from generator.compare.diff import SopDiff, changed_steps, diff_sops
from generator.compare.diff_view import change_rows, render_diff_html, render_diff_terminal
from generator.compare.family import compare_family
from generator.compare.family_view import render_family_html, render_family_terminal
from generator.compare.renumbering import renumbered_targets
from generator.compare.revisions import Version, file_history, load_spec, repository_head, text_at, text_diff

OUTPUT_SCHEMAS = {"diff.schema.json": SopDiff}
"""JSON Schemas of this stage's machine-readable output (``sop diff --format json``), by file name."""

__all__ = [
    "OUTPUT_SCHEMAS", "SopDiff", "Version", "change_rows", "changed_steps", "compare_family", "diff_sops",
    "file_history", "load_spec", "render_diff_html", "render_diff_terminal", "render_family_html",
    "render_family_terminal", "renumbered_targets", "repository_head", "text_at", "text_diff",
]
