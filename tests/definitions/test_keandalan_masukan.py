"""Keandalan of the other inputs: logo files (``corpus/logo/``) and IKM survey files (``corpus/survei/``).

A logo is printed on every sheet and copied to the public site: it must decode, and an SVG may
hold nothing a browser would run or fetch. A survey file must give a located message for
every defect, with the file's own row numbers. ``sop lkjip`` writes nothing for a year with no
data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.corpus import CORPUS, INSTANSI, VALID_SOP, run, tree_digest

LOGO_ALLOWED = "PNG/JPEG utuh, atau SVG tanpa skrip, atribut on…, foreignObject dan rujukan luar"
LOGOS = {
    "gif-bernama-png.png": "berkas bukan PNG/JPEG (terbaca sebagai GIF)",
    "jpg-terpotong.jpg": "gambar rusak atau terpotong, tidak dapat dibaca",
    "png-bom-dekompresi.png": "gambar terlalu besar (lebih dari 25 juta piksel)",
    "png-sampah.png": "gambar rusak atau terpotong, tidak dapat dibaca",
    "png-terpotong.png": "gambar rusak atau terpotong, tidak dapat dibaca",
    "svg-bukan-svg.svg": "berkas bukan gambar SVG",
    "svg-entitas.svg": "SVG memuat DTD/ENTITY",
    "svg-foreignobject.svg": "SVG memuat elemen <foreignobject>",
    "svg-href-javascript.svg": "SVG merujuk ke sumber luar (href)",
    "svg-href-luar.svg": "SVG merujuk ke sumber luar (href)",
    "svg-onclick-huruf-besar.svg": "SVG memuat atribut peristiwa 'onclick'",
    "svg-onload.svg": "SVG memuat atribut peristiwa 'onload'",
    "svg-rusak.svg": "SVG tidak dapat dibaca (baris 1)",
    "svg-skrip.svg": "SVG memuat elemen <script>",
    "svg-style-url.svg": "SVG merujuk ke sumber luar (url() dalam style)",
    "png-sah.png": None,
    "svg-sah-dengan-rujukan-lokal.svg": None,
}


def test_every_logo_fixture_has_a_case() -> None:
    assert sorted(p.name for p in (CORPUS / "logo").iterdir()) == sorted(LOGOS)


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_logo_is_checked_by_sop_check(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    (folder / "logo").mkdir(parents=True)
    shutil.copy(CORPUS / "logo" / name, folder / "logo" / name)
    (folder / "instansi.yaml").write_text(f"{INSTANSI}logo: logo/{name}\n", encoding="utf-8")
    (folder / "layanan.yaml").write_text(VALID_SOP, encoding="utf-8")
    before = tree_digest(tmp_path)
    code, out, err = run(["check"], capsys)
    assert tree_digest(tmp_path) == before
    why = LOGOS[name]
    if why is None:
        assert (code, out, err) == (0, "1 SOP diperiksa, tidak ada masalah.\n", "")
        return
    assert code == 1 and out == ""
    assert err == (f"sop_definitions/uji/kec/instansi.yaml:7:7: logo 'logo/{name}' ditolak: {why} ({LOGO_ALLOWED})\n"
                   "1 masalah ditemukan; tidak ada berkas yang ditulis.\n")


ALLOWED_ANSWER = "jawaban 1–4 (1 tidak baik … 4 sangat baik); kosongkan bila tidak dijawab"
UNREADABLE = "CSV (UTF-8) atau XLSX"
SURVEYS = {
    "baris-kosong-di-tengah.csv": f"6:9: baris 6, kolom U9 (sel I6): nilai '0' bukan jawaban 1–4 ({ALLOWED_ANSWER})",
    "baris-panjang.csv": "2:1: baris 2 punya 11 kolom, seharusnya 9 seperti baris judul (satu sel per kolom judul)",
    "baris-pendek.csv": "2:1: baris 2 punya 3 kolom, seharusnya 9 seperti baris judul (satu sel per kolom judul)",
    "bukan-utf8.csv": f"1:1: berkas survei tidak dapat dibaca: berkas bukan teks UTF-8 (bita ke-44) ({UNREADABLE})",
    "format-lain.ods": "1:1: format survei '.ods' tidak didukung (CSV atau XLSX)",
    "hanya-judul.csv": "1:1: berkas survei kosong (tidak ada responden) (baris judul U1…U9, lalu satu baris per "
                       "responden)",
    "kolom-hilang.csv": "1:1: kolom U4, U5, U6, U7, U8, U9 tidak ada di baris judul (kolom wajib: U1, U2, …, U9)",
    "kosong.csv": "1:1: berkas survei kosong (tidak ada responden) (baris judul U1…U9, lalu satu baris per responden)",
    "nilai-5.csv": f"2:9: baris 2, kolom U9 (sel I2): nilai '5' bukan jawaban 1–4 ({ALLOWED_ANSWER})",
    "nilai-teks.csv": f"2:3: baris 2, kolom U3 (sel C2): nilai 'baik' bukan jawaban 1–4 ({ALLOWED_ANSWER})",
    "sel-terlalu-panjang.csv": "1:1: berkas survei tidak dapat dibaca: baris 2: sel CSV terlalu panjang atau tanda "
                               f"kutip tidak ditutup ({UNREADABLE})",
    "titik-koma.csv": f"2:9: baris 2, kolom U9 (sel I2): nilai '9' bukan jawaban 1–4 ({ALLOWED_ANSWER})",
    "xlsx-nilai-pecahan.xlsx": f"2:9: baris 2, kolom U9 (sel I2): nilai '7.5' bukan jawaban 1–4 ({ALLOWED_ANSWER})",
    "xlsx-sampah.xlsx": f"1:1: berkas survei tidak dapat dibaca: berkas XLSX rusak atau terpotong ({UNREADABLE})",
    "xlsx-terpotong.xlsx": f"1:1: berkas survei tidak dapat dibaca: berkas XLSX rusak atau terpotong ({UNREADABLE})",
    "sah.csv": None,
}


def test_every_survey_fixture_has_a_case() -> None:
    assert sorted(p.name for p in (CORPUS / "survei").iterdir()) == sorted(SURVEYS)


@pytest.mark.parametrize("name", sorted(SURVEYS))
def test_survey_file_gives_a_located_message(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(CORPUS / "survei" / name, tmp_path / name)
    code, out, err = run(["ikm", name, "--pdf", "laporan.pdf"], capsys)
    expected = SURVEYS[name]
    if expected is None:
        assert code == 0 and "IKM (25–100): 81,94" in out and (tmp_path / "laporan.pdf").is_file()
        return
    assert (code, out) == (1, "")
    assert err == f"{name}:{expected}\n1 masalah ditemukan; tidak ada berkas yang ditulis.\n"
    assert not (tmp_path / "laporan.pdf").exists()


def test_lkjip_for_a_year_without_data_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(INSTANSI, encoding="utf-8")
    (folder / "indikator.yaml").write_text(
        "indikator:\n  - {id: ikm, indikator: IKM, satuan: nilai, jenis_data: Nilai, sumber_data: Survei,\n"
        "     target: {2023: 80, 2024: 82}, realisasi: {2024: '82,14'}}\n", encoding="utf-8")
    code, out, err = run(["lkjip", str(folder), "--tahun", "2031"], capsys)
    assert (code, out) == (1, "")
    assert err == ("tidak ada target maupun realisasi tahun 2031 di sop_definitions/uji/kec/indikator.yaml; tidak "
                   "ada berkas yang ditulis (tahun yang ada: 2023, 2024)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sop_definitions"]
    code, out, err = run(["lkjip", str(folder), "--tahun", "2024"], capsys)
    assert code == 0 and sorted(p.name for p in tmp_path.glob("lkjip-*")) == [
        "lkjip-bab3-kec-2024.pdf", "lkjip-bab3-kec-2024.xlsx"]


def test_a_truncated_logo_is_refused_even_after_weasyprint_is_loaded() -> None:
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process; the check must not follow."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    from generator.definitions import logo_problem

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    assert logo_problem(CORPUS / "logo" / "png-terpotong.png") == "gambar rusak atau terpotong, tidak dapat dibaca"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it
