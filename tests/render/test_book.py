"""The handbook PDF: outline, Daftar Isi page numbers, every SOP present, forms switchable."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.build import RenderedBook, Session, group_by_kecamatan
from generator.cli import cli
from generator.definitions import load_catalog
from generator.model import Sop
from tests.conftest import ROOT

SUKAMAJU = ROOT / "tests" / "fixtures" / "handbook" / "sop_definitions" / "kabupaten-contoh" / "kecamatan-sukamaju"


@pytest.fixture(scope="module")
def sukamaju() -> RenderedBook:
    catalog = load_catalog([SUKAMAJU])
    assert catalog.problems == []
    return Session().render_book(catalog.sops)


@pytest.fixture(scope="module")
def seed_books(seeds: list[Sop]) -> list[RenderedBook]:
    session = Session()
    return [session.render_book(group) for group in group_by_kecamatan(seeds)]


def _texts(book: RenderedBook) -> list[str]:
    """Text of every page in reading order (pdfplumber keeps leader lines whole)."""
    with pdfplumber.open(io.BytesIO(book.pdf)) as pdf:
        return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in pdf.pages]


def _outline(book: RenderedBook) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(book.pdf))
    return [(re.sub(r"\s+", " ", item.title), reader.get_destination_page_number(item) + 1)
            for item in reader.outline]


def test_outline_has_one_entry_per_sop_between_front_and_back_matter(sukamaju: RenderedBook) -> None:
    titles = [title for title, _ in _outline(sukamaju)]
    assert titles == [
        "KEPUTUSAN CAMAT SUKAMAJU NOMOR 100.3.4/017/KEP/2025",
        "DAFTAR ISI",
        "PENJELASAN SINGKAT PENGGUNAAN",
        "SOP Pelayanan Surat Keterangan Domisili",
        "SOP Pengarsipan Surat Keluar",
        "FORMULIR MONITORING PELAKSANAAN SOP AP",
        "FORMULIR EVALUASI PENERAPAN SOP AP",
    ]


def test_daftar_isi_page_numbers_are_where_each_part_starts(sukamaju: RenderedBook,
                                                             seed_books: list[RenderedBook]) -> None:
    for book in [sukamaju, *seed_books]:
        texts = _texts(book)
        toc_page = next(i for i, t in enumerate(texts) if "DAFTAR ISI" in t and "Penjelasan Singkat" in t)
        outline = dict(_outline(book))
        for sop in book.sops:
            match = re.search(re.escape(sop.nama) + r"[^\n]*?\.{3,}(\d+)$", texts[toc_page], re.M)
            assert match, (sop.key, texts[toc_page])
            page = int(match.group(1))
            assert outline[sop.nama] == page, sop.key
            assert sop.nama in texts[page - 1].replace("\n", " ")
            assert f"Halaman {page} dari {book.pages}" in texts[page - 1]


def test_daftar_isi_links_lead_to_the_parts_bound_from_other_documents(sukamaju: RenderedBook) -> None:
    reader = PdfReader(io.BytesIO(sukamaju.pdf))
    toc_page = next(i for i, t in enumerate(_texts(sukamaju)) if "DAFTAR ISI" in t)
    targets = {str(annotation.get_object()["/Dest"]) for annotation in reader.pages[toc_page]["/Annots"]}
    assert targets == {"keputusan", "penjelasan", "sop-1", "sop-2", "monitoring", "evaluasi"}
    pages = {name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()}
    outline = dict(_outline(sukamaju))
    assert [pages["sop-1"], pages["sop-2"]] == [outline[p.nama] for p in sukamaju.sops] == [6, 8]
    assert pages["keputusan"] == 2 and pages["penjelasan"] == 5
    assert pages["monitoring"] == outline["FORMULIR MONITORING PELAKSANAAN SOP AP"] == 10
    assert pages["evaluasi"] == outline["FORMULIR EVALUASI PENERAPAN SOP AP"] == 11


def test_every_page_but_the_cover_is_numbered(seed_books: list[RenderedBook]) -> None:
    for book in seed_books:
        texts = _texts(book)
        assert "Halaman" not in texts[0]
        assert "STANDAR OPERASIONAL PROSEDUR" in texts[0]
        for number, text in enumerate(texts[1:], start=2):
            assert f"Halaman {number} dari {len(texts)}" in text


def test_cover_keputusan_and_lampiran(sukamaju: RenderedBook) -> None:
    texts = [t.replace("\n", " ") for t in _texts(sukamaju)]
    assert "KECAMATAN SUKAMAJU" in texts[0] and "TAHUN 2025" in texts[0] and "Jl. Raya Sukamaju" in texts[0]
    assert "KESATU : Menetapkan Standar Operasional Prosedur" in texts[1]
    assert "Ditetapkan di Sukamaju pada tanggal 1 Februari 2025" in texts[1]
    assert "NIP. 19700101 199003 1 001" in texts[1]
    assert "1 100.3.4/017/SOP/2025 SOP Pelayanan Surat Keterangan Domisili" in texts[2]
    assert "2 100.3.4/018/SOP/2025 SOP Pengarsipan Surat Keluar" in texts[2]


def test_forms_list_every_sop_and_can_be_left_out(sukamaju: RenderedBook) -> None:
    texts = [t.replace("\n", " ") for t in _texts(sukamaju)]
    assert "Berjalan dengan baik" in texts[-2] and "SOP Pengarsipan Surat Keluar" in texts[-2]
    assert "(7) sinergi satu dengan lainnya" in texts[-1]
    catalog = load_catalog([SUKAMAJU])
    without = Session().render_book(catalog.sops, formulir=False)
    assert without.pages == sukamaju.pages - 2
    assert "FORMULIR" not in " ".join(_texts(without))


def test_book_command(tmp_path: Path) -> None:
    out = tmp_path / "buku.pdf"
    result = CliRunner().invoke(cli, ["book", "sop_definitions/kabupaten-lumajang/sumbersuko", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = len(PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert result.output == f"{out} ditulis (2 SOP, {pages} halaman).\n"
    mixed = CliRunner().invoke(cli, ["book", "sop_definitions/kabupaten-lumajang"])
    assert mixed.exit_code == 1
    assert mixed.output == ("sop_definitions/kabupaten-lumajang memuat SOP dari 2 kecamatan; pilih satu folder "
                            "kecamatan (sop_definitions/<pemda>/<kecamatan>)\n")
