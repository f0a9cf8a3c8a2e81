"""The PDFs: page size, "Halaman X dari Y", every kegiatan in the Kegiatan column, NIP, and the
final row positions agreeing with the computed layout (WeasyPrint's own anchors)."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.build import RenderedSop, Session
from generator.model import Sop, with_paper
from generator.render import layout_document, render_document
from generator.sheet import MARGIN_MM, PT_TO_MM, layout_sop
from tests.conftest import by_key

PX_TO_MM = 25.4 / 96


def _norm(text: str) -> str:
    """Collapse white space; a line broken after a hyphen ("masing-/masing") joins without one."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text)).strip()


def test_page_size_is_f4_landscape(rendered: list[RenderedSop]) -> None:
    for item in rendered:
        assert item.pdf is not None
        for page in PdfReader(io.BytesIO(item.pdf)).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width * PT_TO_MM, 1), round(height * PT_TO_MM, 1)) == (330.0, 215.0)


def test_a4_paper_option(seeds: list[Sop]) -> None:
    item = Session().render_sop(with_paper(by_key(seeds, "samboja"), "A4"))
    assert item.pdf is not None
    pages = PdfReader(io.BytesIO(item.pdf)).pages
    assert {(round(float(p.mediabox.width) * PT_TO_MM), round(float(p.mediabox.height) * PT_TO_MM))
            for p in pages} == {(297, 210)}


def test_every_page_says_halaman_x_dari_y(rendered: list[RenderedSop]) -> None:
    for item in rendered:
        assert item.pdf is not None
        pages = PdfReader(io.BytesIO(item.pdf)).pages
        for number, page in enumerate(pages, start=1):
            assert f"Halaman {number} dari {len(pages)}" in page.extract_text(), item.sop.key
        identity_pages = len(pages) - len(item.layout.pages)
        expected = 2 if item.sop.kecamatan_slug in ("pasrujambe", "wonoasih") else 1
        assert identity_pages == expected, item.sop.key


def test_every_kegiatan_is_in_the_kegiatan_column(rendered: list[RenderedSop]) -> None:
    for item in rendered:
        assert item.pdf is not None
        column = next(c for c in item.layout.columns if c.key == "kegiatan")
        x0 = (MARGIN_MM["left"] + column.x) / PT_TO_MM
        x1 = (MARGIN_MM["left"] + column.right) / PT_TO_MM
        with pdfplumber.open(io.BytesIO(item.pdf)) as pdf:
            flow_pages = pdf.pages[-len(item.layout.pages):]
            text = _norm(" ".join(p.crop((x0, 0, x1, p.height)).extract_text() for p in flow_pages))
        for step in item.sop.langkah:
            assert _norm(step.kegiatan) in text, (item.sop.key, step.number)


def test_nip_is_printed_grouped(rendered: list[RenderedSop]) -> None:
    texts = {}
    for item in rendered:
        assert item.pdf is not None
        texts[item.sop.kecamatan_slug] = _norm(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(item.pdf)).pages))
    assert "NIP. 19781204 199802 1 001" in texts["wonoasih"]
    assert "NIP. 19780823 199802 1 001" in texts["kanigaran"]
    assert "NIP. 19690414 200701 1 031" in texts["samboja"]
    assert "Jumlah Waktu 7 hari 2 jam 15 menit" in texts["wonoasih"]


@pytest.mark.parametrize(("fragment", "paper"), [
    ("wonoasih", "F4"), ("kanigaran", "F4"), ("samboja", "F4"), ("samboja", "A4"),
    ("sumbersuko/pengukuran", "F4"), ("sumbersuko/pengumpulan", "A4"), ("pasrujambe", "F4"),
])
def test_final_rows_match_the_layout_within_0_1_mm(seeds: list[Sop], fragment: str, paper: str) -> None:
    layout = layout_sop(with_paper(by_key(seeds, fragment), paper))
    document = layout_document(render_document(layout))
    anchors: dict[str, tuple[int, tuple[float, ...]]] = {}
    for index, page in enumerate(document.pages):
        for name, box in page.anchors.items():
            anchors[name] = (index, box)
    flow_pdf_pages = set()
    for page in layout.pages:
        flow_index, flow_box = anchors[f"flow-{page.number}"]
        flow_pdf_pages.add(flow_index)
        for row in page.rows:
            if row.step is None:
                continue
            index, box = anchors[f"langkah-{row.step + 1}"]
            assert index == flow_index
            top = (box[1] - flow_box[1]) * PX_TO_MM
            height = (box[3] - box[1]) * PX_TO_MM
            assert abs(top - row.y) < 0.1, (row.step + 1, top, row.y)
            assert abs(height - row.height) < 0.1, (row.step + 1, height, row.height)
    assert len(flow_pdf_pages) == len(layout.pages)


def test_weasyprint_reports_no_warnings(seeds: list[Sop], caplog: pytest.LogCaptureFixture) -> None:
    layout = layout_sop(by_key(seeds, "samboja"))
    with caplog.at_level("WARNING", logger="weasyprint"):
        layout_document(render_document(layout))
    assert [r.getMessage() for r in caplog.records] == []
