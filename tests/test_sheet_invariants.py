"""The flowchart invariants (``tests/invariants.py``) on the seeds and on generated flows (fixed seed).

Every invariant holds on the seeds; on generated flows, all but two: a branch label may still
touch an arrow or a symbol in a crowded cell, and interleaved returns may cross (both measured
by ``bench/sheets.py``; issue "The sheet holds on any SOP"). ``tests/test_sheet_pdf.py`` reads
the same invariants back from the rendered PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import generator.layout as layout_module
from generator.checking import load_checked
from generator.errors import RenderError
from generator.layout import SheetLayout, layout_procedure
from generator.model import Procedure, with_paper
from tests.flows import checked_flows, flows, is_chain_with_returns
from tests.invariants import crossings, violations

HOLDING_ON_ANY_FLOW = ("1 di luar kolom Pelaksana", "2 simbol tidak di tengah", "3 label terlalu kecil",
                       "3 label menyentuh garis tabel", "3 label bertumpuk", "4 panah miring",
                       "4 panah menembus simbol", "4 panah menempel garis lajur", "4 panah menempel garis baris",
                       "4 panah berimpit", "5 konektor berpasangan", "7 ukuran judul lajur berbeda",
                       "7 judul lajur < 7 pt", "7 kata terpotong di judul lajur", "8 langkah bersama")


@pytest.mark.parametrize("paper", ["F4", "A4"])
def test_seed_sheets_have_no_crossings_and_keep_the_drawing_invariants(seeds: list[Procedure], paper: str) -> None:
    for procedure in seeds:
        layout = layout_procedure(with_paper(procedure, paper))
        assert crossings(layout) == 0, procedure.key
        assert violations(layout) == {}, procedure.key


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
        layout = layout_procedure(catalog.procedures[0])
    except RenderError as exc:  # no free channel: still a message, never a bad sheet (see bench/sheets.py)
        assert "tidak mendapat jalur bebas" in str(exc)
        return
    broken = {name: where for name, where in violations(layout).items() if name in HOLDING_ON_ANY_FLOW}
    assert broken == {}


def test_chains_with_nested_or_disjoint_returns_are_drawn_without_crossings(tmp_path: Path) -> None:
    """Issue §1.6: such a flow can always be drawn with none; 10 generated ones (fixed seed), any paper."""
    for procedure in checked_flows(tmp_path, 3, 10, keep=is_chain_with_returns):
        assert crossings(layout_procedure(procedure)) == 0, procedure.source.read_text()


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
    procedure = load_checked([folder / "sempit.yaml"]).procedures[0]

    def decision_row(layout: SheetLayout) -> float:
        return next(row.height for page in layout.pages for row in page.rows if row.kind == "step" and row.step == 1)

    widened = layout_procedure(procedure)
    assert violations(widened) == {}
    assert decision_row(widened) == 15.0
    assert widened.lane_columns[0].width > 16.0  # Pemohon, an 8-lane sheet's narrowest, was widened

    monkeypatch.setattr(layout_module, "WIDEN_KEGIATAN_MM", 1000.0)  # Kegiatan has nothing to give
    taller = layout_procedure(procedure)
    assert violations(taller) == {}
    assert taller.lane_columns[0].width < 16.0
    assert decision_row(taller) > 25.0
