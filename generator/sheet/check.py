"""Everything ``sop check`` finds: the definitions' problems and the sheets that cannot fit their paper.

Between validation (stage 2) and layout (stage 4), without the renderers: ``sop check`` stays
fast because nothing here imports WeasyPrint or MkDocs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.definitions import (
    Catalog,
    ValidationMemo,
    incompleteness_warnings,
    load_catalog,
    read_yaml,
    revision_date_warnings,
    shorten,
)
from generator.errors import Problem
from generator.model import with_paper, with_site
from generator.sheet.layout import FitProblem, fit_problems, layout_sop, wider_sheets
from generator.sheet.routing import LabelRoomError, NoRouteError

__all__ = ["load_checked"]


def load_checked(paths: Sequence[Path], *, paper: str | None = None, memo: ValidationMemo | None = None,
                 root: Path | None = None, situs: str | None = None) -> Catalog:
    """Load and validate every definition under *paths*, and check that each sheet fits its paper.

    *paper* (``"A4"``/``"F4"``) overrides the paper of every definition, as ``sop pdf --paper``
    does; the SOPs kept then carry it. *memo* keeps a session's validation results
    (see :func:`generator.definitions.load_catalog`); *root* is the project's folder; *situs* is
    the handbook site's address the sheets are printed for (:attr:`generator.model.Options.situs`).

    A SOP that cannot be laid out (:func:`generator.sheet.layout.fit_problems`: too many lanes,
    a step taller than a page; an arrow the router finds no channel for, or a branch label no clear
    spot) is moved from ``sops`` to ``problems``, located at its step (or its ``pelaksana``)
    in the file. The SOPs kept that are in force but lack what an official sheet needs get their
    ``warnings`` (:func:`generator.definitions.incompleteness_warnings`), and so do those whose Tgl
    Revisi disagrees with their riwayat revisi (:func:`generator.definitions.revision_date_warnings`).
    The layout is memoised in part (row heights), so the build's own layout costs little more.
    """
    catalog = load_catalog(list(paths), memo, root=root)
    kept = []
    for sop in (with_site(with_paper(p, paper), situs) for p in catalog.sops):
        misfits = fit_problems(sop)
        wider = "".join(f", atau {way}" for way in wider_sheets(sop))
        if not misfits:
            try:
                layout_sop(sop)  # routing too: a flow the engine cannot draw is found here
            except NoRouteError as exc:
                step = exc.edge.source
                misfits = [FitProblem(step, f"panah langkah {step + 1} → {exc.edge.target + 1} tidak dapat "
                                      "digambar tanpa menembus simbol atau panah lain",
                                      "kurangi panah balik yang bertumpuk atau pindahkan langkah ke pelaksana "
                                      "lain" + wider)]
            except LabelRoomError as exc:
                step, key = exc.edge.source, f"label_{exc.edge.kind}"
                misfits = [FitProblem(step, f"label cabang '{shorten(exc.edge.label)}' langkah {step + 1} tidak "
                                      "mendapat tempat yang bebas dari garis tabel, panah dan simbol",
                                      f"perpendek {key}, kurangi panah balik di sekitar langkah ini atau pindahkan "
                                      "langkah ke pelaksana lain" + wider)]
        if not misfits:
            kept.append(sop)
            continue
        marks = read_yaml(sop.source).marks
        catalog.problems += [Problem(marks.at(("pelaksana", m.lane) if m.lane is not None else
                                              ("pelaksana",) if m.step is None else ("langkah", m.step)),
                                     m.message, m.allowed) for m in misfits]
    catalog.sops = kept
    catalog.warnings = [warning for sop in kept
                        for warning in (*incompleteness_warnings(sop), *revision_date_warnings(sop))]
    return catalog

