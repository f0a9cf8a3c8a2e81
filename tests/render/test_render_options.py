"""Render options and limits: portrait pages, labels, an over-tall row refused cleanly."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import Session
from generator.cli import cli
from generator.model import Sop
from generator.sheet import TITLE_MM, LabelRoomError, layout_sop
from tests.conftest import by_key
from tests.invariants import violations


def _portrait_a4(sop: Sop) -> Sop:
    return dataclasses.replace(sop, options=dataclasses.replace(sop.options, paper="A4",
                                                                      orientation="portrait"))


def test_portrait_a4_lays_out_within_the_page(seeds: list[Sop]) -> None:
    layout = layout_sop(_portrait_a4(by_key(seeds, "kanigaran")))
    assert (layout.page.width, layout.page.height) == (210.0, 297.0)
    assert abs(layout.table_width - layout.page.content_width) < 1e-6
    for page in layout.pages:
        assert page.height + TITLE_MM <= layout.page.content_height
    assert violations(layout) == {}


def test_a_branch_label_a_portrait_lane_cannot_hold_is_refused(seeds: list[Sop]) -> None:
    """Wonoasih's five lanes in portrait A4 are 15 mm, every column at its floor: "Disetujui" (8.1 mm
    at 6 pt) under the Camat's decision of step 7 fits on neither side of the arrow going down (6.4 mm
    each, within the label's margins)."""
    with pytest.raises(LabelRoomError) as caught:
        layout_sop(_portrait_a4(by_key(seeds, "wonoasih")))
    assert (caught.value.edge.source, caught.value.edge.label) == (6, "Disetujui")


def test_label_overrides_reach_the_sheet(seeds: list[Sop]) -> None:
    html = Session().render_sop(by_key(seeds, "samboja"), pdf=False).sheet_html()
    assert ">URAIAN PROSEDUR<" in html and ">Kelengkapan dan Peralatan<" in html
    assert ">Tanggal Pengesahan<" in html and ">MUTU BAKU<" in html
    assert html.count('class="sop-c-number"') == 2 * 10


def test_a_row_taller_than_a_page_is_refused_without_traceback(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    words = " ".join(["Memeriksa kelengkapan berkas permohonan"] * 200)
    (folder / "panjang.yaml").write_text(
        f"nama: Terlalu panjang\npelaksana:\n  - {{id: a, label: A}}\nlangkah:\n"
        f"  - {{kegiatan: Mulai, pelaksana: a}}\n  - kegiatan: {words}\n    pelaksana: a\n"
        f"  - {{kegiatan: Selesai, pelaksana: a}}\n")
    result = CliRunner().invoke(cli, ["pdf", str(folder / "panjang.yaml"), "-o", str(project / "x.pdf")])
    assert result.exit_code == 1
    assert result.output == (f"{folder}/panjang.yaml:6:5: langkah 2 terlalu tinggi untuk satu "
                             "halaman F4 landscape (285 mm; tersedia 141 mm) (persingkat teksnya atau pecah menjadi "
                             "beberapa langkah)\n1 masalah ditemukan; tidak ada berkas yang ditulis.\n")
    assert not (project / "x.pdf").exists()
