"""Issue 16 §2: verification codes, the site's verification pages and ``sop verifikasi``.

One small handbook is built as a user would: a git project whose SOP was printed (``sop pdf``)
and published, then revised and committed, printed again, signed with a throw-away CA's certificate, the signed
copy dropped into ``ditandatangani/``; beside it a withdrawn SOP and a draf. The site is built
with MkDocs and its ``site_url``; every verdict is then asked of ``sop verifikasi`` the way a
citizen or an auditor would, and the printed QR code is read back from the rendered page.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, site_config
from tests.corpus import run
from tests.tte.pki import PASSPHRASE, make_pki

SITE_URL = "https://sop.contoh.go.id/"
SEEDS = ROOT / "sop_definitions"
SAMBOJA = SEEDS / "kabupaten-kutai-kartanegara" / "samboja"
KEY = "kabupaten-kutai-kartanegara/samboja"
OLD_STEP = "Memerintahkan penyusunan LKjIP"
NEW_STEP = "Memerintahkan penyusunan LKjIP tahunan"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.go.id", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The project, its built site, the PDFs made along the way and the PKI."""
    from click.testing import CliRunner
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.cli import cli

    root = tmp_path_factory.mktemp("buku")
    folder = root / "sop_definitions" / "kabupaten-kutai-kartanegara" / "samboja"
    folder.mkdir(parents=True)
    shutil.copy(SAMBOJA / "instansi.yaml", folder)
    text = (SAMBOJA / "penyusunan-lkjip.yaml").read_text(encoding="utf-8")
    (folder / "penyusunan-lkjip.yaml").write_text(text, encoding="utf-8")
    (folder / "lama.yaml").write_text(
        text.replace("nama: Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP)", "nama: Uji <b>Lama</b> & Co")
        + "status: dicabut\npencabutan: {tanggal: 2025-03-01, alasan: Diganti SOP penyusunan LKjIP}\n",
        encoding="utf-8")
    (folder / "draf.yaml").write_text(text.replace("nama: Penyusunan", "nama: Draf Penyusunan") + "status: draf\n",
                                      encoding="utf-8")
    pki = make_pki(root)
    stranger = make_pki(tmp_path_factory.mktemp("pki-lain"), ca_name="CA Lain")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOP_SITE_URL", SITE_URL)
        config = site_config(root / "sop_definitions", root / "site", history=5)
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "SOP penyusunan LKjIP disahkan")
        sop_file = folder / "penyusunan-lkjip.yaml"
        old_pdf = root / "lama-dicetak.pdf"
        assert runner.invoke(cli, ["pdf", str(sop_file), "-o", str(old_pdf)]).exit_code == 0
        build(load_config(str(config)))  # the site as it was: its list remembers the PDF of that version
        sop_file.write_text(text.replace(f"kegiatan: {OLD_STEP}\n", f"kegiatan: {NEW_STEP}\n"), encoding="utf-8")
        _git(root, "commit", "-q", "-am", "Langkah 1 diperjelas")
        current_pdf = root / "terkini.pdf"
        assert runner.invoke(cli, ["pdf", str(sop_file), "-o", str(current_pdf)]).exit_code == 0
        env.setenv("SOP_SANDI_TTE", PASSPHRASE)
        signed = root / "terkini-ttd.pdf"
        result = runner.invoke(cli, ["tandatangani", str(current_pdf), "--sertifikat", str(pki["camat"]),
                                     "-o", str(signed)])
        assert result.exit_code == 0, result.output
        (root / "ditandatangani").mkdir()
        shutil.copy(signed, root / "ditandatangani" / "kiriman camat <1>.pdf")  # its name is never used
        unpublished = root / "ttd-belum-terbit.pdf"  # signed again: other bytes, not on the site
        assert runner.invoke(cli, ["tandatangani", str(current_pdf), "--sertifikat", str(pki["camat"]),
                                   "-o", str(unpublished)]).exit_code == 0
        strange = root / "ttd-ca-lain.pdf"
        assert runner.invoke(cli, ["tandatangani", str(current_pdf), "--sertifikat", str(stranger["camat"]),
                                   "-o", str(strange)]).exit_code == 0
        build(load_config(str(config)))
    site = root / "site"
    listing = json.loads((site / "verifikasi.json").read_text(encoding="utf-8"))
    return {"root": root, "site": site, "listing": listing, "old": old_pdf, "current": current_pdf,
           "signed": signed, "unpublished": unpublished, "strange": strange, "pki": pki, "stranger": stranger}


def _entries(listing: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [v for v in listing["versi"] if v["sop"] == key]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_list_holds_every_version_with_the_published_and_signed_digests(handbook: dict[str, Any]) -> None:
    listing, site = handbook["listing"], handbook["site"]
    assert listing["format"] == "sop-verifikasi/1" and listing["situs"] == SITE_URL
    current, old = _entries(listing, f"{KEY}/penyusunan-lkjip")
    assert (current["terkini"], old["terkini"]) == (True, False)
    assert old["kode_terkini"] == current["kode"] == current["kode_terkini"] != old["kode"]
    assert current["catatan"] == "" and old["catatan"] == "SOP penyusunan LKjIP disahkan"
    assert current["tanggal_versi"] == old["tanggal_versi"] == "2025-02-14"
    # The site publishes exactly the bytes 'sop pdf' printed: a printout can be checked by its digest.
    assert current["pdf"] == {"berkas": f"{KEY}/penyusunan-lkjip-samboja.pdf", "sha256": _sha(handbook["current"])}
    assert (site / current["pdf"]["berkas"]).read_bytes() == handbook["current"].read_bytes()
    assert old["pdf"] is None and old["ditandatangani"] == []
    # What the first build published for the version now replaced is kept by the second one.
    assert old["pdf_sebelumnya"] == [_sha(handbook["old"])] and current["pdf_sebelumnya"] == []
    (copy,) = current["ditandatangani"]
    assert copy["berkas"] == f"{KEY}/ditandatangani/penyusunan-lkjip-samboja-{current['kode'].lower()}-ttd.pdf"
    assert copy["sha256"] == _sha(handbook["signed"]) == _sha(site / copy["berkas"])
    assert copy["penandatangan"] == ["DEUS CAMAT"] and len(copy["waktu"]) == 1
    assert current["url"] == f"{SITE_URL}verifikasi/{current['kode'].lower()}/"
    (lama,) = _entries(listing, f"{KEY}/lama")
    assert lama["status"] == "dicabut" and lama["dicabut"] == {"tanggal": "2025-03-01",
                                                               "alasan": "Diganti SOP penyusunan LKjIP"}
    assert {v["kode"] for v in listing["versi"]} == {p.name.upper() for p in (site / "verifikasi").iterdir()
                                                     if p.is_dir()}


def _page(site: Path, code: str) -> str:
    return (site / "verifikasi" / code.lower() / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")]
    return " ".join(re.sub(r"<[^>]+>", " ", article).split())


def test_each_version_has_a_page_that_says_whether_it_is_in_force(handbook: dict[str, Any]) -> None:
    site, listing = handbook["site"], handbook["listing"]
    current, old = _entries(listing, f"{KEY}/penyusunan-lkjip")
    shown = f"{current['kode'][:4]}-{current['kode'][4:]}"
    page = _text(_page(site, current["kode"]))
    assert "Sah dan berlaku Versi " + shown + " adalah versi terkini SOP ini dan sedang berlaku." in page
    assert "Kecamatan Kecamatan Samboja, Kabupaten Kutai Kartanegara" in page
    assert "Nomor SOP B.121/ Kec.Sja/ 900/ 2/ 2025" in page
    assert "Tanggal Efektif 14 Februari 2025" in page and "Versi 14 Februari 2025 (terkini)" in page
    assert f"SHA-256: {current['pdf']['sha256']}" in page
    assert "Ditandatangani oleh DEUS CAMAT, " in page and f"SHA-256: {current['ditandatangani'][0]['sha256']}" in page
    old_html = _page(site, old["kode"])
    assert "Sah, tetapi sudah diganti" in _text(old_html)
    assert f"Versi lama: PDF-nya tidak diterbitkan lagi. Diterbitkan sebelumnya (SHA-256): {_sha(handbook['old'])}" \
        in _text(old_html)
    assert f'href="../{current["kode"].lower()}/"' in old_html  # the current version, one click away
    (lama,) = _entries(listing, f"{KEY}/lama")
    lama_html = _page(site, lama["kode"])
    assert "Sah, tetapi SOP ini sudah dicabut" in _text(lama_html)
    assert "dicabut sejak 1 Maret 2025: Diganti SOP penyusunan LKjIP." in _text(lama_html)
    assert "Uji &lt;b&gt;Lama&lt;/b&gt; &amp; Co" in lama_html and "<b>Lama" not in lama_html  # data, never markup
    index = _text((site / "verifikasi" / "index.html").read_text(encoding="utf-8"))
    assert f"{shown} Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan Samboja" in index


def _verify(capsys: pytest.CaptureFixture[str], pdf: Path, site: Path | str, *roots: Path) -> tuple[int, str]:
    args = ["verifikasi", str(pdf), "--situs", str(site)]
    for root in roots:
        args += ["--akar", str(root)]
    code, out, err = run(args, capsys)
    assert err == ""
    return code, out


def _codes(handbook: dict[str, Any]) -> tuple[str, str]:
    current, old = _entries(handbook["listing"], f"{KEY}/penyusunan-lkjip")
    return current["kode"][:4] + "-" + current["kode"][4:], old["kode"]


WHAT = "SOP Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP), Kecamatan Samboja, nomor B.121/Kec.Sja/900/2/2025"


def test_the_published_pdf_and_the_published_signed_copy_are_in_force(
        handbook: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    site = handbook["site"]
    assert _verify(capsys, handbook["current"], site) == (
        0, f"terkini.pdf: SAH DAN BERLAKU: {WHAT}, berlaku sejak 14 Februari 2025\n")
    code, out = _verify(capsys, handbook["signed"], site)  # a copy the site publishes: no trust root needed
    assert code == 0 and re.fullmatch(
        rf"terkini-ttd\.pdf: SAH DAN BERLAKU: {re.escape(WHAT)}, berlaku sejak 14 Februari 2025; ditandatangani "
        r"DEUS CAMAT, \d{1,2} \w+ \d{4} \d\d\.\d\d UTC\n", out), out


def test_a_signature_the_site_does_not_publish_needs_the_trust_root(
        handbook: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    site, unpublished = handbook["site"], handbook["unpublished"]
    code, out = _verify(capsys, unpublished, site)
    assert code == 4 and out.startswith("ttd-belum-terbit.pdf: BUKAN VERSI YANG DITERBITKAN: isi berkas berbeda dari "
                                        f"versi {_codes(handbook)[0]} yang diterbitkan di {site}/verifikasi.json")
    assert out.endswith("(berkas bertanda tangan yang belum diterbitkan: periksa dengan --akar SERTIFIKAT-AKAR)\n")
    code, out = _verify(capsys, unpublished, site, handbook["pki"]["ca"])
    assert code == 0 and out.startswith(f"ttd-belum-terbit.pdf: SAH DAN BERLAKU: {WHAT}"), out
    code, out = _verify(capsys, handbook["strange"], site, handbook["pki"]["ca"])
    assert (code, out) == (5, "ttd-ca-lain.pdf: TANDA TANGAN TIDAK SAH: sertifikat DEUS CAMAT tidak diterbitkan oleh "
                              "akar tepercaya yang diberikan (--akar)\n")


def test_a_changed_file_is_caught_by_its_digest_or_by_its_signature(
        handbook: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    site = handbook["site"]
    edited = tmp_path / "diubah.pdf"
    with pikepdf.open(handbook["current"]) as pdf:  # what an editor does: same keywords, other content
        pdf.pages[0].Contents.write(pdf.pages[0].Contents.read_bytes().replace(b"2025", b"2026"))
        pdf.save(edited)
    code, out = _verify(capsys, edited, site)
    assert code == 4 and out.startswith(f"diubah.pdf: BUKAN VERSI YANG DITERBITKAN: isi berkas berbeda dari versi "
                                        f"{_codes(handbook)[0]} yang diterbitkan"), out
    data = bytearray(handbook["signed"].read_bytes())
    at = data.index(b"/Keywords (") + 12  # inside the signed bytes: one letter of the keywords
    data[at] = ord("x") if data[at] != ord("x") else ord("y")
    broken = tmp_path / "ttd-diubah.pdf"
    broken.write_bytes(bytes(data))
    assert _verify(capsys, broken, site, handbook["pki"]["ca"]) == (
        5, "ttd-diubah.pdf: TANDA TANGAN TIDAK SAH: isi dokumen berubah setelah ditandatangani oleh DEUS CAMAT\n")


def test_replaced_withdrawn_and_draft_versions_are_not_in_force(
        handbook: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    site, listing = handbook["site"], handbook["listing"]
    current, _ = _codes(handbook)
    assert _verify(capsys, handbook["old"], site) == (  # published by the first build: matched by its digest
        3, f"lama-dicetak.pdf: SAH TETAPI SUDAH DIGANTI oleh versi {current} (14 Februari 2025): {WHAT}\n")
    (lama,) = _entries(listing, f"{KEY}/lama")
    assert _verify(capsys, site / lama["pdf"]["berkas"], site) == (
        3, "lama-samboja.pdf: SAH TETAPI SUDAH DICABUT sejak 1 Maret 2025: SOP Uji <b>Lama</b> & Co, Kecamatan "
           "Samboja, nomor B.121/Kec.Sja/900/2/2025\n")
    (draf,) = _entries(listing, f"{KEY}/draf")
    code, out = _verify(capsys, site / draf["pdf"]["berkas"], site)
    assert (code, out) == (3, "draf-samboja.pdf: SAH TETAPI MASIH DRAF (belum berlaku): SOP Draf Penyusunan Laporan "
                              "Kinerja Instansi Pemerintah (LKjIP), Kecamatan Samboja, nomor B.121/Kec.Sja/900/2/2025\n")


def test_a_pdf_without_a_code_or_with_a_code_of_another_site_is_not_published(
        handbook: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = handbook["site"]
    plain = tmp_path / "tanpa-situs.pdf"  # printed without site_url: no QR, no code in the footer ...
    monkeypatch.delenv("SOP_SITE_URL", raising=False)
    assert run(["pdf", str(SAMBOJA / "penyusunan-lkjip.yaml"), "-o", str(plain)], capsys)[0] == 0
    with pdfplumber.open(plain) as pdf:
        assert not any("verifikasi" in (page.extract_text() or "").lower() for page in pdf.pages)
    current, _ = _codes(handbook)  # ... but its metadata still names its version (the one replaced)
    assert _verify(capsys, plain, site) == (
        3, f"tanpa-situs.pdf: SUDAH DIGANTI oleh versi {current} (14 Februari 2025): {WHAT} (isi berkas versi lama "
           "ini tidak dapat dicocokkan: PDF-nya tidak diterbitkan lagi)\n")
    stripped = tmp_path / "tanpa-kode.pdf"  # re-saved by a tool that drops the document's metadata
    with pikepdf.open(handbook["current"]) as pdf:
        del pdf.docinfo["/Keywords"]
        pdf.save(stripped)
    assert _verify(capsys, stripped, site) == (4, "tanpa-kode.pdf: BUKAN VERSI YANG DITERBITKAN: PDF ini tidak membawa "
                                                  "kode verifikasi (bukan cetakan 'sop pdf' untuk situs buku SOP)\n")
    other = tmp_path / "situs-lain.pdf"
    monkeypatch.setenv("SOP_SITE_URL", "https://sop.lain.go.id/")
    assert run(["pdf", str(SEEDS / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip.yaml"), "-o", str(other)],
                capsys)[0] == 0
    assert _verify(capsys, other, site) == (
        4, f"situs-lain.pdf: BUKAN VERSI YANG DITERBITKAN: kode T6NV-YEFJ tidak terdaftar di {site}/verifikasi.json\n")


def test_what_cannot_be_checked_says_why(handbook: dict[str, Any], capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOP_SITE_URL", raising=False)
    code, out, err = run(["verifikasi", str(handbook["current"]), "--situs", str(tmp_path)], capsys)
    assert (code, out, err) == (1, "", f"daftar verifikasi {tmp_path}/verifikasi.json tidak dapat dibaca (folder situs "
                                      "hasil 'sop build'?)\n")
    (tmp_path / "verifikasi.json").write_text('{"format": "lain"}', encoding="utf-8")
    code, out, err = run(["verifikasi", str(handbook["current"]), "--situs", str(tmp_path)], capsys)
    assert (code, err) == (1, f"{tmp_path}/verifikasi.json bukan daftar verifikasi yang sah (format "
                              "sop-verifikasi/1 diharapkan)\n")
    code, out, err = run(["verifikasi", str(handbook["current"])], capsys)  # our mkdocs.yml, SOP_SITE_URL unset
    assert (code, err) == (1, "situs buku SOP tidak diketahui: berikan --situs URL atau --situs FOLDER-SITUS (atau "
                              "jalankan di folder proyek yang mkdocs.yml-nya berisi site_url)\n")
    not_pdf = tmp_path / "bukan.pdf"
    not_pdf.write_bytes(b"%PDF-1.7 rusak")
    code, out, err = run(["verifikasi", str(not_pdf), "--situs", str(handbook["site"])], capsys)
    assert (code, err) == (1, "bukan.pdf: bukan berkas PDF yang utuh\n")


def test_the_printed_qr_code_leads_to_the_verification_page(handbook: dict[str, Any], tmp_path: Path) -> None:
    """Read back as a phone would: the page rendered to pixels, the QR decoded (zxing-cpp)."""
    import zxingcpp
    from PIL import Image

    current, _ = _entries(handbook["listing"], f"{KEY}/penyusunan-lkjip")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(handbook["current"]),
                    str(tmp_path / "hal")], check=True)
    (found,) = zxingcpp.read_barcodes(Image.open(tmp_path / "hal-1.png"))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == f"{SITE_URL}verifikasi/{current['kode'].lower()}/" == current["url"]
    corners = [(p.x * 72 / 150, p.y * 72 / 150) for p in (found.position.top_left, found.position.bottom_right)]
    with pdfplumber.open(handbook["current"]) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        label = next(w for w in words if w["text"].lower() == "nomor")
        unit = next(w for w in words if w["text"] == "SAMBOJA" and w["x1"] < label["x0"])
        below = next(w for w in words if w["text"].upper() == "DASAR")
        # In the kop cell: left of the identity labels, under the unit's name, above Dasar Hukum.
        assert all(x < label["x0"] and unit["bottom"] < y < below["top"] for x, y in corners), (corners, label)
        shown = f"{current['kode'][:4]}-{current['kode'][4:]}"
        assert f"Verifikasi: {shown}" in page.extract_text()
        for number, each in enumerate(pdf.pages, start=1):  # the code in every page's footer
            footer = each.within_bbox((0, each.height - 40, each.width, each.height)).extract_text()
            assert f"Kode verifikasi {shown} · {current['url']}" in footer, (number, footer)


def test_bad_files_in_the_signed_folder_are_all_named_at_once(handbook: dict[str, Any], tmp_path: Path) -> None:
    from generator.errors import SopError
    from generator.site.verification import read_signed_copies

    folder = tmp_path / "ditandatangani"
    folder.mkdir()
    shutil.copy(handbook["current"], folder / "a-belum.pdf")
    (folder / "b-bukan-sop.pdf").write_bytes(b"%PDF-1.4 bukan")
    data = bytearray(handbook["signed"].read_bytes())
    at = data.index(b"/Title (") + 12  # inside the signed bytes
    data[at] = ord("x") if data[at] != ord("x") else ord("y")
    (folder / "c-rusak.pdf").write_bytes(bytes(data))
    (folder / "catatan.txt").write_text("bukan PDF: dilewati", encoding="utf-8")
    with pytest.raises(SopError) as caught:
        read_signed_copies(folder)
    assert caught.value.format_message() == (
        f"salinan bertanda tangan di {folder} bermasalah:\n"
        f"{folder}/a-belum.pdf: belum ditandatangani (tandatangani dengan 'sop tandatangani')\n"
        f"{folder}/b-bukan-sop.pdf: bukan berkas PDF yang utuh\n"
        f"{folder}/c-rusak.pdf: tanda tangannya rusak atau berkas diubah sesudah ditandatangani")
    assert read_signed_copies(tmp_path / "tidak-ada") == []


def test_the_list_is_fetched_from_the_site_address(handbook: dict[str, Any], capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    """``--situs URL`` over HTTP (the site served on localhost; no other network is used)."""
    import contextlib

    from tests.conftest import serve

    with contextlib.closing(serve(handbook["site"])) as served:
        url = next(served)
        assert _verify(capsys, handbook["current"], url) == (
            0, f"terkini.pdf: SAH DAN BERLAKU: {WHAT}, berlaku sejak 14 Februari 2025\n")
        code, out, err = run(["verifikasi", str(handbook["current"]), "--situs", url + "tidak-ada/"], capsys)
    assert (code, out, err) == (1, "", f"daftar verifikasi {url}tidak-ada/verifikasi.json tidak dapat diambil (HTTP 404)\n")
    code, out, err = run(["verifikasi", str(handbook["current"]), "--situs", "http://127.0.0.1:9/"], capsys)
    assert (code, err) == (1, "daftar verifikasi http://127.0.0.1:9/verifikasi.json tidak dapat diambil (situs tidak "
                              "terjangkau)\n")


def test_without_git_a_published_version_keeps_its_page_and_its_digest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The site rebuilt in place remembers what it published, with no repository to read versions from."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path / "sop_definitions" / "kabupaten-kutai-kartanegara" / "samboja"
    folder.mkdir(parents=True)
    shutil.copy(SAMBOJA / "instansi.yaml", folder)
    sop_file = folder / "penyusunan-lkjip.yaml"
    text = (SAMBOJA / "penyusunan-lkjip.yaml").read_text(encoding="utf-8")
    sop_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SOP_SITE_URL", SITE_URL)
    config = site_config(tmp_path / "sop_definitions", tmp_path / "site", history=5)
    first = tmp_path / "dicetak.pdf"
    assert run(["pdf", str(sop_file), "-o", str(first)], capsys)[0] == 0
    build(load_config(str(config)))
    sop_file.write_text(text.replace(f"kegiatan: {OLD_STEP}\n", f"kegiatan: {NEW_STEP}\n"), encoding="utf-8")
    build(load_config(str(config)))
    listing = json.loads((tmp_path / "site" / "verifikasi.json").read_text(encoding="utf-8"))
    current, old = _entries(listing, f"{KEY}/penyusunan-lkjip")
    assert (current["terkini"], old["terkini"], old["kode_terkini"]) == (True, False, current["kode"])
    assert old["pdf"] is None and old["pdf_sebelumnya"] == [_sha(first)]
    assert "Sah, tetapi sudah diganti" in _text(_page(tmp_path / "site", old["kode"]))
    shown = f"{current['kode'][:4]}-{current['kode'][4:]}"
    assert _verify(capsys, first, tmp_path / "site") == (
        3, f"dicetak.pdf: SAH TETAPI SUDAH DIGANTI oleh versi {shown} (14 Februari 2025): {WHAT}\n")


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_or_altered_file_never_passes_and_never_crashes(handbook: dict[str, Any], data: st.DataObject) -> None:
    """Bytes flipped, cut or inserted anywhere in a published signed copy: a verdict or one Indonesian
    line, never a traceback; without a trust root only the very bytes the site publishes are in force."""
    from generator.errors import SopError
    from generator.tte import verify_pdf

    original = handbook["signed"].read_bytes()
    changed = bytearray(original)
    how = data.draw(st.sampled_from(["flip", "cut", "insert"]))
    at = data.draw(st.integers(0, len(original) - 1))
    if how == "flip":
        changed[at] ^= data.draw(st.integers(1, 255))
    elif how == "cut":
        del changed[at:]
    else:
        changed[at:at] = data.draw(st.binary(min_size=1, max_size=40))
    roots = [handbook["pki"]["ca"].read_bytes()] if data.draw(st.booleans()) else []
    try:
        verdict = verify_pdf(bytes(changed), "x.pdf", handbook["listing"], roots=roots)
    except SopError as error:
        assert error.format_message() == "x.pdf: bukan berkas PDF yang utuh"
        return
    assert verdict.exit_code in (0, 3, 4, 5) and "\n" not in verdict.message
    if not roots:
        assert verdict.exit_code != 0, verdict.message


def test_an_sop_in_force_that_lacks_what_the_sheet_needs_is_said_so(seed_site: tuple[Path, str],
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The Wonoasih seed is "berlaku" without a Tgl Pengesahan: in force, and the verdict says what is missing."""
    site = seed_site[0]
    listing = json.loads((site / "verifikasi.json").read_text(encoding="utf-8"))
    (entry,) = [v for v in listing["versi"] if v["sop"] == "kota-probolinggo/wonoasih/penyusunan-lkjip" and v["terkini"]]
    assert entry["belum_lengkap"] == ["tanggal pengesahan"]
    assert "Lembarnya belum lengkap: tanggal pengesahan." in _text(_page(site, entry["kode"]))
    assert _verify(capsys, site / entry["pdf"]["berkas"], site) == (
        0, "penyusunan-lkjip-wonoasih.pdf: SAH DAN BERLAKU: SOP Prosedur Penyusunan LKjIP Organisasi Perangkat Daerah, "
           "Kecamatan Wonoasih, nomor SOP / P.2.2.2 / 2 / 425.503 / 2024 (lembar belum lengkap: tanggal pengesahan)\n")
