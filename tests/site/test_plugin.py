"""The ``sop`` MkDocs plugin: pages in memory, same errors as ``sop check``, site content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.compare import file_history
from generator.definitions import load_catalog
from tests.conftest import ROOT, build_site


def test_broken_definition_stops_mkdocs_build_with_the_check_message(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    definitions = ROOT / "tests" / "fixtures" / "invalid" / "sop_definitions"
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_site(definitions, tmp_path / "site")
    expected = [str(p) for p in load_catalog([definitions]).problems]
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert [e.splitlines() for e in errors] == [
        [*expected, f"{len(expected)} masalah ditemukan; tidak ada berkas yang ditulis."]]
    assert not (tmp_path / "site").exists()


def test_nothing_generated_is_written_under_docs(handbook_site: Path, seed_site: tuple[Path, str]) -> None:
    assert sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*")) == ["index.md"]


def test_kecamatan_page_has_book_table_and_relations_map(handbook_site: Path) -> None:
    page = (handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju" / "index.html").read_text()
    assert 'href="buku-sop-kecamatan-sukamaju.pdf" download>Unduh Buku SOP (PDF, 11 halaman)' in page
    assert (handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju" / "buku-sop-kecamatan-sukamaju.pdf").is_file()
    assert '<a xlink:href="pelayanan-domisili/"' in page and '<a xlink:href="pengarsipan-surat-keluar/"' in page
    assert ">SOP Pelayanan Pengantar Desa</text>" in page
    assert '<td data-sort="2025-01-02">2 Januari 2025</td>' in page


def test_pemda_page_lists_sops_of_all_its_kecamatan(seed_site: tuple[Path, str]) -> None:
    page = (seed_site[0] / "kabupaten-lumajang" / "index.html").read_text()
    assert page.count('<a href="pasrujambe/">Kecamatan Pasrujambe</a>') == 1
    assert page.count('<a href="sumbersuko/">Kecamatan Sumbersuko</a>') == 2
    assert '<a href="sumbersuko/pengukuran-kinerja/">Pengukuran Kinerja</a>' in page


def test_sop_page_has_revisions_keterkaitan_and_family(handbook_site: Path, seed_site: tuple[Path, str]) -> None:
    page = (handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju" / "pelayanan-domisili" / "index.html").read_text()
    assert "<tr><td>1</td><td>1 Februari 2025</td><td>Penetapan awal</td></tr>" in page
    assert '<li><a href="../pengarsipan-surat-keluar/">SOP Pengarsipan Surat Keluar</a></li>' in page
    assert "<li>SOP Pelayanan Pengantar Desa</li>" in page
    assert "@media print { @page { size: 297mm 210mm; margin: 16mm 12mm 14mm 15mm; } }" in page
    wonoasih = (seed_site[0] / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip" / "index.html").read_text()
    assert ('<li><a href="../../../kabupaten-kutai-kartanegara/samboja/penyusunan-lkjip/">Kecamatan Samboja, '
            "Kabupaten Kutai Kartanegara: Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP)</a></li>") in wonoasih
    assert ('<li><a href="../../kanigaran/penyusunan-lkjip/">Kecamatan Kanigaran, Kota Probolinggo: '
            "Prosedur Penyusunan LKjIP Kecamatan Kanigaran</a></li>") in wonoasih
    # Its earlier git versions are an older definition format: listed (as text diffs), never dropped.
    # A clone without history has none to list, and the page says so.
    earlier = file_history(ROOT / "sop_definitions" / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip.yaml")[1:]
    listed = re.findall(r'<li><a href="\.\./penyusunan-lkjip-perubahan-\w+/">', wonoasih)
    assert len(listed) == min(len(earlier), 5)
    assert ("<p>Belum ada revisi tercatat.</p>" in wonoasih) == (not earlier)


def test_search_finds_sops_by_kegiatan_nomor_and_nama(handbook_site: Path) -> None:
    docs = json.loads((handbook_site / "search" / "search_index.json").read_text())["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    for phrase in ("Memverifikasi data dan membuat konsep surat", "100.3.4/018/SOP/2025",
                   "SOP Pengarsipan Surat Keluar"):
        assert phrase in text
    config = json.loads((handbook_site / "search" / "search_index.json").read_text())["config"]
    assert config["pipeline"] == ["trimmer"]


def test_search_indexes_the_sheet_text_once_and_no_drawings(handbook_site: Path) -> None:
    docs = json.loads((handbook_site / "search" / "search_index.json").read_text())["docs"]
    text = {d["location"]: d["text"] for d in docs}
    url = "kabupaten-contoh/kecamatan-sukamaju/pelayanan-domisili/"
    # The step's text comes from the sheet's text layer only, not again from the drawing's labels.
    assert text[f"{url}#lembar-sop"].count("Memverifikasi data dan membuat konsep surat") == 1
    # Graphviz's node and edge names (s1->s2, lane0) stay out of the index.
    assert text[f"{url}#diagram-alir"] == ("<p>Tampilan ringkas alur yang sama: setiap langkah bernomor, keputusan "
                                           "sebagai belah ketupat dengan label cabangnya, dan kolom pelaksana.</p>")
    # The page itself still shows the whole sheet and diagram.
    page = (handbook_site / url / "index.html").read_text()
    assert page.count('<svg class="sop-overlay"') == 1 and page.count('class="node"') == 9
    assert "sop-blok" not in page


def test_serve_watches_the_definitions_folder(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from generator.site import SopPlugin

    watched: list[str] = []

    class FakeServer:
        def watch(self, path: str) -> None:
            watched.append(path)

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["sop"]
    assert isinstance(plugin, SopPlugin)
    plugin.on_serve(FakeServer(), config=config, builder=None)
    assert watched == [str(ROOT / "sop_definitions")]
