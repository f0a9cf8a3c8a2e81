"""LKjIP and IKM: the worked examples of PermenPANRB 53/2014 practice and PermenPANRB 14/2017,
interval boundaries, bad surveys, indicators in YAML, and where they show (sheet, site, Bab III PDF/XLSX)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from generator.cli import cli
from generator.definitions import load_catalog, read_folder
from generator.formatting import round2
from generator.lkjip import (
    bab_iii_rows,
    capaian,
    compute_ikm,
    format_persen,
    krejcie_morgan,
    mutu_of,
    rate,
    read_survey,
)
from generator.model import DEFAULT_BANDS, Band, Sop, Target
from tests.conftest import ROOT, by_key

WORKED = [[3, 3, 3, 4, 3, 3, 4, 3, 3], [4, 3, 3, 4, 4, 3, 4, 3, 3], [3, 3, 2, 4, 3, 3, 3, 3, 2],
          [4, 4, 3, 4, 4, 4, 4, 3, 3], [3, 3, 3, 4, 3, 3, 4, 3, 3], [3, 2, 3, 4, 3, 3, 3, 2, 3],
          [4, 3, 3, 4, 3, 4, 4, 3, 4], [3, 3, 3, 4, 3, 3, 3, 3, 3], [3, 4, 3, 4, 4, 3, 4, 3, 3],
          [4, 3, 4, 4, 3, 3, 4, 3, 3]]
SUKAMAJU = ROOT / "tests" / "fixtures" / "handbook" / "sop_definitions" / "kabupaten-contoh" / "kecamatan-sukamaju"
HEADER = "U1,U2,U3,U4,U5,U6,U7,U8,U9\n"


@pytest.mark.parametrize(("bobot", "expected"), [(None, "82.22"), (Decimal("0.111"), "82.14"),
                                                  (Decimal("0.11"), "81.40")])
def test_worked_ikm_example(bobot: Decimal | None, expected: str) -> None:
    result = compute_ikm(WORKED, bobot=bobot)
    assert round2(result.converted) == Decimal(expected)
    assert (result.mutu.mutu, result.mutu.kinerja) == ("B", "Baik")
    assert [str(round2(n)) for n in result.nrr] == ["3.40", "3.10", "3.00", "4.00", "3.30", "3.20", "3.70",
                                                    "2.90", "3.00"]
    assert result.lowest == 7 and round2(result.unsur_converted[7]) == Decimal("72.50")


def test_all_fours_give_100_with_exact_weight() -> None:
    assert compute_ikm([[4] * 9]).converted == 100
    assert round2(compute_ikm([[4] * 9], bobot=Decimal("0.111")).converted) == Decimal("99.90")


@pytest.mark.parametrize(("value", "mutu"), [
    ("25.00", "D"), ("64.99", "D"), ("64.994", "D"), ("64.995", "C"), ("65.00", "C"), ("76.60", "C"),
    ("76.604", "C"), ("76.605", "B"), ("76.61", "B"), ("88.30", "B"), ("88.31", "A"), ("100.00", "A")])
def test_mutu_interval_boundaries(value: str, mutu: str) -> None:
    assert mutu_of(Decimal(value)).mutu == mutu


@pytest.mark.parametrize("value", ["24.99", "100.01"])
def test_outside_the_scale_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="di luar skala 25–100"):
        mutu_of(Decimal(value))


@pytest.mark.parametrize(("population", "sample"), [
    (50, 44), (100, 80), (150, 108), (200, 132), (300, 169), (500, 217), (1000, 278), (1500, 306), (2000, 322),
    (3000, 341), (5000, 357), (10000, 370), (20000, 377), (50000, 381), (1000000, 384)])
def test_krejcie_morgan(population: int, sample: int) -> None:
    assert krejcie_morgan(population) == sample


@pytest.mark.parametrize(("target", "realisasi", "polaritas", "expected"), [
    (("5", "5"), "4", "minimal", "120,00 %"), (("82.00", "82.00"), "82.14", "maksimal", "100,17 %"),
    (("40", "40"), "38", "maksimal", "95,00 %"), (("80", "90"), "85", "maksimal", "100,00 %"),
    (("80", "90"), "99", "maksimal", "110,00 %"), (("80", "90"), "72", "maksimal", "90,00 %")])
def test_capaian(target: tuple[str, str], realisasi: str, polaritas: str, expected: str) -> None:
    value = capaian(Target(Decimal(target[0]), Decimal(target[1])), Decimal(realisasi), polaritas)  # type: ignore[arg-type]
    assert format_persen(value) == expected


def test_rating_bands_and_cap() -> None:
    assert [rate(Decimal(v)) for v in ("91", "90.99", "76", "66", "51", "50.5", "0")] == [
        "Sangat Baik", "Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang", "Sangat Kurang"]
    assert DEFAULT_BANDS[0] == Band(Decimal(91), "Sangat Baik")
    folder, problems = read_folder(SUKAMAJU)
    assert problems == [] and folder is not None
    bands = folder.instansi.bands
    assert [rate(Decimal(v), bands) for v in ("85.01", "85", "75", "30", "0")] == [
        "Memuaskan", "Sangat Baik", "Baik", "Kurang", "Kurang"]
    assert capaian(Target(Decimal(5), Decimal(5)), Decimal(1), "minimal", cap=folder.instansi.cap) == 120


def _survey(tmp_path: Path, text: str, name: str = "survei.csv") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in read_survey(path)[1]]


def test_bad_surveys_name_row_and_column(tmp_path: Path) -> None:
    allowed = "(jawaban 1–4 (1 tidak baik … 4 sangat baik); kosongkan bila tidak dijawab)"
    assert _survey(tmp_path, HEADER + "3,3,3,4,5,3,4,3,3\n") == [
        f"{tmp_path}/survei.csv:2:5: baris 2, kolom U5 (sel E2): nilai '5' bukan jawaban 1–4 {allowed}"]
    assert _survey(tmp_path, HEADER + "3,3,3,4,3,3,4,3,3\n3,baik,3,4,3,3,4,3,3\n") == [
        f"{tmp_path}/survei.csv:3:2: baris 3, kolom U2 (sel B3): nilai 'baik' bukan jawaban 1–4 {allowed}"]
    assert _survey(tmp_path, "U1,U2,U3,U4,U5,U6,U8,U9\n3,3,3,4,3,3,3,3\n") == [
        f"{tmp_path}/survei.csv:1:1: kolom U7 tidak ada di baris judul (kolom wajib: U1, U2, …, U9)"]
    assert _survey(tmp_path, "") == [
        f"{tmp_path}/survei.csv:1:1: berkas survei kosong (tidak ada responden) "
        "(baris judul U1…U9, lalu satu baris per responden)"]
    assert _survey(tmp_path, HEADER) == _survey(tmp_path, "")


def test_xlsx_survey_blank_means_not_answered(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["No", *[f"U{i}" for i in range(1, 10)]])
    for number, row in enumerate(WORKED, start=1):
        sheet.append([number, *row])
    sheet.append([11, 4, None, 4, 4, 4, 4, 4, 4, 4])
    book.save(tmp_path / "survei.xlsx")
    rows, problems = read_survey(tmp_path / "survei.xlsx")
    assert problems == [] and len(rows) == 11 and rows[-1][1] is None
    result = compute_ikm(rows)
    assert result.answers[1] == 10 and result.answers[0] == 11
    sheet.append([12, 4, 4, 4, 4, "lima", 4, 4, 4, 4])
    book.save(tmp_path / "rusak.xlsx")
    assert next(str(p) for p in read_survey(tmp_path / "rusak.xlsx")[1]).endswith(
        "rusak.xlsx:13:6: baris 13, kolom U5 (sel F13): nilai 'lima' bukan jawaban 1–4 "
        "(jawaban 1–4 (1 tidak baik … 4 sangat baik); kosongkan bila tidak dijawab)")


def test_ikm_command(tmp_path: Path) -> None:
    survey = SUKAMAJU / "survei" / "ikm-2024.csv"
    runner = CliRunner()
    result = runner.invoke(cli, ["ikm", str(survey), "--bobot", "0,111", "--populasi", "100"])
    assert result.exit_code == 0, result.output
    assert "IKM (25–100): 82,14\nMutu pelayanan: B (Baik)\n" in result.output
    assert "Sampel minimum (Krejcie–Morgan): 80 — kurang 70 responden" in result.output
    assert "U8 Penanganan pengaduan, saran dan masukan  NRR 2,90" in result.output
    report = tmp_path / "ikm.pdf"
    assert runner.invoke(cli, ["ikm", str(survey), "--pdf", str(report)]).exit_code == 0
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.read_bytes())).pages)
    assert "82,22" in text and "Nilai per unsur" in text
    (tmp_path / "rusak.csv").write_text(HEADER + "3,3,3,4,5,3,4,3,3\n")
    bad = runner.invoke(cli, ["ikm", str(tmp_path / "rusak.csv")])
    assert bad.exit_code == 1 and "baris 2, kolom U5 (sel E2): nilai '5' bukan jawaban 1–4" in bad.output
    assert "Traceback" not in bad.output


def test_bab_iii_rows_pdf_and_xlsx(tmp_path: Path) -> None:
    folder, _ = read_folder(SUKAMAJU)
    assert folder is not None
    rows = bab_iii_rows(folder.instansi, 2024)
    assert [(r.indikator.id, format_persen(r.capaian), r.kategori, r.from_survey) for r in rows] == [
        ("ikm", "100,27 %", "Memuaskan", True), ("pemmas", "95,00 %", "Memuaskan", False),
        ("pengaduan", "120,00 %", "Memuaskan", False), ("apbkel", "100,00 %", "Memuaskan", False)]
    assert format_persen(bab_iii_rows(folder.instansi, 2023)[0].capaian) == "100,17 %"
    result = CliRunner().invoke(cli, ["lkjip", str(SUKAMAJU), "--tahun", "2023", "-o", str(tmp_path / "bab3")])
    assert result.exit_code == 0, result.output
    assert result.output == (f"{tmp_path / 'bab3.pdf'} dan {tmp_path / 'bab3.xlsx'} ditulis "
                             "(4 indikator; 3 indikator tanpa target/realisasi 2023).\n")
    text = PdfReader(io.BytesIO((tmp_path / "bab3.pdf").read_bytes())).pages[0].extract_text()
    assert "TARGET DAN REALISASI KINERJA TAHUN 2023" in text and "100,17 %" in text
    sheet = load_workbook(tmp_path / "bab3.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet[5]] == [1, "Meningkatnya kualitas pelayanan publik kecamatan",
                                           "Indeks Kepuasan Masyarakat (IKM)", "nilai", 82.0, 82.14, 100.17,
                                           "Memuaskan"]


def test_indicator_problems_are_located(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    (folder / "indikator.yaml").write_text(
        "indikator:\n  - id: ikm\n    indikator: IKM\n    satuan: nilai\n    jenis_data: x\n    sumber_data: y\n"
        "    target: {2024: tinggi}\n    survei: {2024: tidak-ada.csv}\n")
    (folder / "sop.yaml").write_text("nama: A\njenis_dan_sumber_data: [ikm, pemas]\npelaksana: [{id: a, label: A}]\n"
                                     "langkah:\n  - {kegiatan: X, pelaksana: a}\n  - {kegiatan: Y, pelaksana: a}\n")
    messages = [str(p).split("sop_definitions/", 1)[1] for p in load_catalog([folder]).problems]
    assert messages == [
        "contoh/kec/indikator.yaml:7:20: target 'tinggi' tidak dapat dibaca "
        "(angka, mis. 82 atau '82,5', atau rentang '80-90')",
    ]
    (folder / "indikator.yaml").write_text(
        "indikator:\n  - id: ikm\n    indikator: IKM\n    satuan: nilai\n    jenis_data: x\n    sumber_data: y\n"
        "    survei: {2024: tidak-ada.csv}\n")
    messages = [str(p).split("sop_definitions/", 1)[1] for p in load_catalog([folder]).problems]
    assert messages == ["contoh/kec/indikator.yaml:7:20: berkas survei 'tidak-ada.csv' tidak ada "
                        "(path relatif terhadap folder indikator.yaml)"]
    (folder / "indikator.yaml").write_text(
        "indikator:\n  - id: ikm\n    indikator: IKM\n    satuan: nilai\n    jenis_data: x\n    sumber_data: y\n")
    messages = [str(p).split("sop_definitions/", 1)[1] for p in load_catalog([folder]).problems]
    assert messages == ["contoh/kec/sop.yaml:2:30: indikator 'pemas' tidak ada di indikator.yaml (id yang ada: ikm)"]


def test_seed_000_sheet_prints_jenis_dan_sumber_data(seeds: list[Sop]) -> None:
    from generator.build import Session

    item = Session().render_sop(by_key(seeds, "wonoasih"))
    assert item.pdf is not None
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(item.pdf)).pages)
    assert "Jenis dan Sumber Data" in text
    for name in ("Indeks Kepuasan Masyarakat (IKM)", "Pemberdayaan Masyarakat (Pemmas)", "Dokumen Administrasi"):
        assert name in text


def test_site_page_panduan_sumber_data(handbook_site: Path) -> None:
    page = (handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju" / "sumber-data-lkjip" / "index.html").read_text()
    assert '<svg class="sop-ikm-chart"' in page and "<b>82,22</b>" in page
    assert '<td class="sop-lkjip-num">120,00 %</td><td>Memuaskan</td>' in page
    assert '<a href="../pelayanan-domisili/">SOP Pelayanan Surat Keterangan Domisili</a>' in page
    kecamatan = (handbook_site / "kabupaten-contoh" / "kecamatan-sukamaju" / "index.html").read_text()
    assert '<a class="sop-lkjip-link" href="sumber-data-lkjip/">Panduan Sumber Data LKjIP</a>' in kecamatan
