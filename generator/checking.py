"""Everything ``sop check`` finds: the definitions' problems and the sheets that cannot fit their paper.

Between validation (stage 2) and layout (stage 4), without the renderers: ``sop check`` stays
fast because nothing here imports WeasyPrint or MkDocs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.errors import Problem
from generator.layout import fit_problems
from generator.loader import read_yaml
from generator.validation import Catalog, load_catalog

__all__ = ["load_checked"]


def load_checked(paths: Sequence[Path]) -> Catalog:
    """Load and validate every definition under *paths*, and check that each sheet fits its paper.

    A procedure that cannot be laid out (:func:`generator.layout.fit_problems`: too many lanes,
    a step taller than a page) is moved from ``procedures`` to ``problems``, located at its
    step (or its ``pelaksana``) in the file.
    """
    catalog = load_catalog(list(paths))
    kept = []
    for procedure in catalog.procedures:
        misfits = fit_problems(procedure)
        if not misfits:
            kept.append(procedure)
            continue
        marks = read_yaml(procedure.source).marks
        catalog.problems += [Problem(marks.at(("pelaksana",) if m.step is None else ("langkah", m.step)),
                                     m.message, m.allowed) for m in misfits]
    catalog.procedures = kept
    return catalog
