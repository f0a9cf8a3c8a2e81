"""The flowchart invariants (``tests/invariants.py``) on the seeds and on generated flows (fixed seed).

Every invariant holds on the seeds and on this fixed sample of generated flows. Measured on
more by ``bench/sheets.py`` (issue "The sheet holds on any SOP"): in 2000 flows (seeds 3 and 4)
no violation and no crossing on a chain with returns (577 of 577); elsewhere crossings are not
always avoidable (interleaved returns, forward jumps), and 3.4 % of the flows are refused by
``sop check`` with a located message (no free channel for an arrow, a branch label with no clear
spot, or a row or lane that cannot fit its paper).
``tests/render/test_sheet_pdf.py`` reads the same invariants back from the rendered PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import generator.sheet.layout as layout_module
from generator.errors import RenderError
from generator.model import Sop, with_paper
from generator.sheet import Drawing, SheetLayout, layout_sop, load_checked
from tests.conftest import TESTS
from tests.flows import checked_flows, flows, is_chain_with_returns
from tests.invariants import crossings, violations


@pytest.mark.parametrize("paper", ["F4", "A4"])
def test_seed_sheets_have_no_crossings_and_keep_the_drawing_invariants(seeds: list[Sop], paper: str) -> None:
    for sop in seeds:
        layout = layout_sop(with_paper(sop, paper))
        assert crossings(layout) == 0, sop.key
        assert violations(layout) == {}, sop.key


@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=flows)
def test_generated_flows_keep_the_drawing_invariants(
        text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("alur") / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    (folder / "alur.yaml").write_text(text)
    catalog = load_checked([folder / "alur.yaml"])
    if catalog.problems:  # the flow cannot fit its paper: sop check said so, with a location
        assert all(p.location.line > 1 for p in catalog.problems)
        return
    try:
        layout = layout_sop(catalog.sops[0])
    except RenderError as exc:  # no free channel: still a message, never a bad sheet (see bench/sheets.py)
        assert "tidak mendapat jalur bebas" in str(exc)
        return
    assert violations(layout) == {}


def test_chains_with_nested_or_disjoint_returns_are_drawn_without_crossings(tmp_path: Path) -> None:
    """Issue §1.6: such a flow can always be drawn with none; 10 generated ones (fixed seed), any paper."""
    for sop in checked_flows(tmp_path, 3, 10, keep=is_chain_with_returns):
        assert crossings(layout_sop(sop)) == 0, sop.source.read_text()


@pytest.mark.parametrize("name", ["rantai-gabung-a4", "rantai-tujuh-lajur-a4"])
def test_chains_that_once_crossed_on_a4_are_drawn_without_crossings(tmp_path: Path, name: str) -> None:
    """Chains ``bench/sheets.py`` once found crossing (A4, 7 lanes, columns at their floors).

    ``rantai-gabung-a4``: two returns into one step share a join trunk instead of taking both
    sides of it. ``rantai-tujuh-lajur-a4``: a return that crosses a page takes the edge lane's
    outer channel first; the shorter return it crossed goes round the other side.
    """
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    (folder / f"{name}.yaml").write_text((TESTS / "fixtures" / "sheets" / f"{name}.yaml").read_text())
    sop = load_checked([folder / f"{name}.yaml"]).sops[0]
    assert is_chain_with_returns(sop)
    layout = layout_sop(sop)
    assert crossings(layout) == 0
    assert violations(layout) == {}


CROWDED = """\
nama: Label di lajur sempit
render: {paper: F4}
pelaksana:
  - {id: l0, label: "Pemohon"}
  - {id: l1, label: "Kasi Pemerintahan"}
  - {id: l2, label: "Camat"}
  - {id: l3, label: "Sekcam"}
  - {id: l4, label: "Staf"}
  - {id: l5, label: "Kepala Bidang Penyelenggaraan Pemerintahan dan Pengembangan Kapasitas Aparatur"}
  - {id: l6, label: "Kasi Trantib"}
  - {id: l7, label: "Kasubbag Umum"}
langkah:
  - {kegiatan: "Menerima berkas", pelaksana: l7, waktu: "40 menit"}
  - {kegiatan: "Memeriksa berkas bersama", pelaksana: [l0, l1, l6], waktu: "5 menit", ya: 4, tidak: 3,
     label_ya: "Setuju", label_tidak: "Tidak setuju"}
  - {kegiatan: "Melengkapi berkas", pelaksana: [l0, l2, l4], waktu: "19 menit"}
  - {kegiatan: "Menandatangani", pelaksana: l3, waktu: "31 menit"}
  - {kegiatan: "Mengarsipkan", pelaksana: [l2, l4, l5], waktu: "16 menit"}
  - {kegiatan: "Selesai", pelaksana: l3, waktu: "5 menit"}
"""


def test_a_crowded_branch_label_gets_a_wider_lane_or_else_a_taller_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Tidak setuju" under the first of three joint diamonds in an 8-lane sheet has no clear spot at first."""
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    (folder / "sempit.yaml").write_text(CROWDED)
    sop = load_checked([folder / "sempit.yaml"]).sops[0]

    def decision_row(layout: SheetLayout) -> float:
        return next(row.height for page in layout.pages for row in page.rows if row.kind == "step" and row.step == 1)

    widened = layout_sop(sop)
    assert violations(widened) == {}
    assert decision_row(widened) == 15.0
    assert widened.lane_columns[0].width > 16.0  # Pemohon, an 8-lane sheet's narrowest, was widened

    monkeypatch.setattr(layout_module, "widening_room", lambda columns: 0.0)  # no column has width to give
    taller = layout_sop(sop)
    assert violations(taller) == {}
    assert taller.lane_columns[0].width < 16.0
    assert decision_row(taller) > 25.0


def _three_lanes(label_tidak: str) -> str:
    return f"""\
nama: Label cabang panjang
render: {{paper: A4}}
pelaksana:
  - {{id: a, label: Pemohon}}
  - {{id: b, label: Kasi Pemerintahan}}
  - {{id: c, label: Camat}}
langkah:
  - {{kegiatan: Mengajukan permohonan, pelaksana: a, waktu: 5 menit}}
  - {{kegiatan: Memeriksa berkas, pelaksana: b, waktu: 1 jam}}
  - {{kegiatan: Menyetujui, pelaksana: c, waktu: 1 hari, ya: 4, tidak: 2,
      label_tidak: "{label_tidak}"}}
  - {{kegiatan: Menerbitkan surat, pelaksana: b, waktu: 1 jam}}
"""


def test_a_branch_label_too_long_for_two_lines_is_wrapped_at_spaces_beside_its_exit(tmp_path: Path) -> None:
    label = "Berkas dikembalikan kepada pemohon untuk dilengkapi"
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    (folder / "panjang.yaml").write_text(_three_lanes(label))
    layout = layout_sop(load_checked([folder / "panjang.yaml"]).sops[0])
    assert violations(layout) == {}
    drawing = layout.pages[0].drawing
    assert isinstance(drawing, Drawing)
    lines = [lb for lb in drawing.labels if lb.text != "Ya"]
    assert [lb.text for lb in lines] == ["Berkas", "dikembalikan", "kepada", "pemohon", "untuk", "dilengkapi"]
    assert {lb.size_pt for lb in lines} == {6.0}
    camat = layout.lane_columns[2]
    assert all(camat.x < lb.box[0] and lb.box[2] < camat.right for lb in lines)


def test_a_branch_label_with_no_clear_spot_is_a_located_message(tmp_path: Path) -> None:
    """A label sixteen times that long: taller than a page when wrapped (issue 12 §3)."""
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    (folder / "panjang.yaml").write_text(_three_lanes(" ".join(["Berkas dikembalikan kepada pemohon"] * 16)))
    catalog = load_checked([folder / "panjang.yaml"])
    assert catalog.sops == []
    assert [str(p) for p in catalog.problems] == [
        f"{folder / 'panjang.yaml'}:10:5: label cabang 'Berkas dikembalikan kepada pemohon Berk…' langkah 3 "
        "tidak mendapat tempat yang bebas dari garis tabel, panah dan simbol (perpendek label_tidak, kurangi "
        "panah balik di sekitar langkah ini atau pindahkan langkah ke pelaksana lain, atau pakai kertas F4)"]
