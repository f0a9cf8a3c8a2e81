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
    assert sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*")) == ["index.md", "penyusun.md"]


def test_kecamatan_page_has_book_table_and_relations_map(handbook_site: Path) -> None:
    page = (handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju" / "index.html").read_text()
    assert 'href="buku-sop-kecamatan-sukamaju.pdf">Buka Buku SOP (PDF, 11 halaman)' in page
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
    assert "<tr><td>1</td>\n<td>1 Februari 2025</td>\n<td>Penetapan awal</td>\n</tr>" in page
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
    index = json.loads((handbook_site / "search" / "search_index.json").read_text())
    entry = next(d for d in index["docs"] if d["location"] == "kabupaten-contoh/kecamatan-sukamaju/pelayanan-domisili/")
    assert entry["title"] == "SOP Pelayanan Surat Keterangan Domisili"
    assert "Nomor 100.3.4/017/SOP/2025" in entry["text"]
    # Words of a kegiatan ("Memverifikasi data dan membuat konsep surat") with their roots.
    assert {"memverifikasi", "verifikasi", "membuat", "buat", "konsep", "surat"} <= set(entry["kata"].split())
    assert index["config"]["pipeline"] == ["trimmer"]


def test_search_indexes_an_sop_page_once_and_no_drawings(handbook_site: Path) -> None:
    docs = json.loads((handbook_site / "search" / "search_index.json").read_text())["docs"]
    url = "kabupaten-contoh/kecamatan-sukamaju/pelayanan-domisili/"
    # One entry per SOP page: no sections (the sheet, the diagram) listed as results of their own.
    assert [d["location"] for d in docs if d["location"].startswith(url)] == [url]
    # Graphviz's node and edge names (s1->s2, lane0) stay out of the index.
    words = next(d for d in docs if d["location"] == url)["kata"].split()
    assert not [w for w in words if re.fullmatch(r"s\d+|lane\d+", w)]
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


def test_lkjip_page_offers_its_tables_and_ikm_report_for_download(handbook_site: Path) -> None:
    import io

    import pdfplumber
    from openpyxl import load_workbook

    folder = handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju"
    page = (folder / "sumber-data-lkjip" / "index.html").read_text()
    assert ('Unduh tabel ini: <a class="sop-download" href="../lkjip-bab3-kecamatan-sukamaju-2024.pdf">PDF</a> · '
            '<a class="sop-download" href="../lkjip-bab3-kecamatan-sukamaju-2024.xlsx" download>Excel (XLSX)</a>') in page
    assert '<a class="sop-download" href="../laporan-ikm-kecamatan-sukamaju-2024.pdf">Laporan IKM 2024 (PDF)</a>' in page
    with pdfplumber.open(folder / "lkjip-bab3-kecamatan-sukamaju-2024.pdf") as pdf:
        assert "TARGET DAN REALISASI KINERJA TAHUN 2024" in (pdf.pages[0].extract_text() or "")
    with pdfplumber.open(folder / "laporan-ikm-kecamatan-sukamaju-2024.pdf") as pdf:
        assert "Laporan Indeks Kepuasan Masyarakat 2024 – Kecamatan Sukamaju" in (pdf.pages[0].extract_text() or "")
    data = (folder / "lkjip-bab3-kecamatan-sukamaju-2024.xlsx").read_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None and sheet["A1"].value == "Target dan Realisasi Kinerja Tahun 2024"
    # Fixed dates inside: the same table gives the same bytes in every build.
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as xlsx:
        assert {info.date_time for info in xlsx.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b">2024-12-31T00:00:00Z</dcterms:modified>" in xlsx.read("docProps/core.xml")
