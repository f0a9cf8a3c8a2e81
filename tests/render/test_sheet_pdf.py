"""The sheet invariants read back from the rendered PDF (``tests/pdf_invariants.py``), not from the layout.

Seeds at F4 and A4 and a fixed-seed sample of generated flows are rendered with WeasyPrint and
read with pdfplumber; the checker is shown to fail on a drawing that breaks the rules.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.model import Sop, with_paper
from generator.render import render_document, render_pdf
from generator.sheet import Drawing, SheetLayout, layout_sop
from tests.conftest import by_key
from tests.flows import checked_flows
from tests.invariants import crossings, violations
from tests.pdf_invariants import pdf_crossings, pdf_violations


def _pdf(layout: SheetLayout) -> bytes:
    return render_pdf(render_document(layout))[0]


def _check(layout: SheetLayout) -> dict[str, list[str]]:
    labels = layout.sop.options.labels
    return pdf_violations(_pdf(layout), labels["kegiatan"], labels["kelengkapan"])


@pytest.mark.parametrize("paper", ["F4", "A4"])
def test_seed_pdfs_keep_every_invariant_and_have_no_crossings(seeds: list[Sop], paper: str) -> None:
    for sop in seeds:
        layout = layout_sop(with_paper(sop, paper))
        pdf = _pdf(layout)
        labels = sop.options.labels
        assert pdf_violations(pdf, labels["kegiatan"], labels["kelengkapan"]) == {}, (sop.key, paper)
        assert pdf_crossings(pdf) == 0, sop.key


def test_the_pdf_checker_sees_a_label_on_a_rule_and_a_symbol_out_of_its_lane(seeds: list[Sop]) -> None:
    layout = layout_sop(by_key(seeds, "wonoasih"))
    page = layout.pages[-1]
    assert isinstance(page.drawing, Drawing)
    lane = layout.lane_columns[1]
    label = next(lb for lb in page.drawing.labels if lb.backed)
    page.drawing.labels[page.drawing.labels.index(label)] = dataclasses.replace(label, x=lane.x - 1.0)
    shape = next(s for s in page.drawing.shapes if s.kind == "process")
    page.drawing.shapes[page.drawing.shapes.index(shape)] = dataclasses.replace(shape, cx=shape.cx + 3.0)
    found = _check(layout)
    assert "3 label menyentuh garis tabel" in found
    assert "2 simbol tidak di tengah" in found


def test_generated_flows_read_back_as_laid_out(tmp_path: Path) -> None:
    """Four generated flows (fixed seed): the PDF shows what the layout checker measured."""
    for sop in checked_flows(tmp_path, 12, 4):
        layout = layout_sop(sop)
        pdf = _pdf(layout)
        in_pdf = pdf_violations(pdf)
        assert set(in_pdf) <= set(violations(layout)), (in_pdf, violations(layout))
        assert pdf_crossings(pdf) == crossings(layout)
