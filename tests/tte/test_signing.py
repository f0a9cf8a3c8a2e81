"""Issue 16 §1: ``sop tandatangani`` with certificates made here (a throw-away CA, a signer, an
expired one, one without the signing key usage), checked as a user's tools would: pyHanko's
validator against that CA, one changed byte, the signed page rendered to PNG."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import ROOT
from tests.corpus import run
from tests.tte.pki import NOW, make_pki

SEED = ROOT / "sop_definitions" / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip.yaml"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The CA certificate (PEM) and .p12 files (passphrase "sandi-uji"): valid, expired, not for signing."""
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.cli import cli

    out = tmp_path_factory.mktemp("pdf") / "wonoasih.pdf"
    assert CliRunner().invoke(cli, ["pdf", str(SEED), "-o", str(out)]).exit_code == 0
    return out


def _sign(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
          secret: str = "sandi-uji") -> tuple[int, str, str]:
    monkeypatch.setenv("SOP_SANDI_TTE", secret)
    return run(["tandatangani", *args], capsys)


def _validate(data: bytes, ca: Path) -> list[object]:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca))], allow_fetching=False)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # asyncio.run() inside: a loop-free thread
        return [pool.submit(validate_pdf_signature, sig, context).result() for sig in reader.embedded_signatures]


def test_a_signed_sheet_validates_against_the_ca_and_a_changed_byte_breaks_it(
        pki: dict[str, Path], sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ttd.pdf"
    code, said, err = _sign([str(sheet), "--sertifikat", str(pki["camat"]), "-o", str(out)], capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert said.startswith(f"{out} ditandatangani oleh ") and "DEUS CAMAT" in said
    signed = out.read_bytes()
    assert signed.startswith(sheet.read_bytes())  # an incremental update: the sheet's bytes are kept
    (status,) = _validate(signed, pki["ca"])
    assert status.bottom_line and status.intact and status.valid, status  # type: ignore[attr-defined]
    import pikepdf

    with pikepdf.open(out) as pdf:  # the chain was in the .p12: validation data embedded for the long term
        assert len(pdf.Root.DSS.Certs) >= 2
    spot = len(sheet.read_bytes()) // 2  # one byte of the signed range changed
    broken = signed[:spot] + bytes([signed[spot] ^ 0x01]) + signed[spot + 1:]
    (status,) = _validate(broken, pki["ca"])
    assert not status.intact and not status.bottom_line  # type: ignore[attr-defined]


def test_the_visible_signature_sits_in_the_disahkan_oleh_cell(pki: dict[str, Path], sheet: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The widget lies between the jabatan and the nama, inside the cell's rules; rendered, it shows ink there."""
    import pikepdf

    out = tmp_path / "ttd.pdf"
    assert _sign([str(sheet), "--sertifikat", str(pki["camat"]), "-o", str(out)], capsys, monkeypatch)[0] == 0
    with pikepdf.open(out) as pdf:
        (widget,) = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/FT") == pikepdf.Name.Sig]
        x1, y1, x2, y2 = (float(v) for v in widget.Rect)
        height = float(pdf.pages[0].mediabox[3])
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        jabatan = next(w for w in words if w["text"] == "WONOASIH" and w["top"] < 300)
        nama = next(w for w in words if w["text"] == "DEUS" and w["top"] > jabatan["top"])
        assert jabatan["bottom"] <= height - y2 + 0.5 and height - y1 <= nama["top"] + 0.5
        rules = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"
                        and e["top"] <= height - y2 and e["bottom"] >= height - y1})
        left = max(x for x in rules if x <= x1)
        right = min(x for x in rules if x >= x2)
        assert left < x1 and x2 < right  # inside the Disahkan oleh value cell
        assert "Ditandatangani" not in page.extract_text()  # drawn as an appearance, not page text
    png = tmp_path / "hal"
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", str(out), str(png)], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("hal*.png"))).convert("L")
    inside = image.crop((round(x1), round(height - y2), round(x2), round(height - y1)))
    assert inside.getextrema()[0] < 100  # the appearance's text is drawn in the box


@pytest.mark.parametrize(("case", "message"), [
    ("sandi", "camat.p12: sandi sertifikat salah, atau berkas itu bukan sertifikat .p12 berkunci"),
    ("kedaluwarsa", "kedaluwarsa.p12: sertifikat sudah kedaluwarsa (sejak {end})"),
    ("bukan-ttd", "bukan-ttd.p12: sertifikat ini tidak untuk tanda tangan (penggunaan kunci: key_encipherment)"),
])
def test_certificates_that_cannot_sign_are_refused_in_one_line(
        pki: dict[str, Path], sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, case: str, message: str) -> None:
    p12 = pki["camat" if case == "sandi" else case]
    out = tmp_path / "ttd.pdf"
    code, said, err = _sign([str(sheet), "--sertifikat", str(p12), "-o", str(out)], capsys, monkeypatch,
                            secret="salah" if case == "sandi" else "sandi-uji")
    end = (NOW - dt.timedelta(days=35)).strftime("%d-%m-%Y")
    assert (code, said, err) == (1, "", message.format(end=end) + "\n")
    assert not out.exists()


def test_a_signed_pdf_a_draft_and_a_foreign_pdf_are_refused(pki: dict[str, Path], sheet: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    once = tmp_path / "sekali.pdf"
    assert _sign([str(sheet), "--sertifikat", str(pki["camat"]), "-o", str(once)], capsys, monkeypatch)[0] == 0
    assert _sign([str(once), "--sertifikat", str(pki["camat"]), "-o", str(tmp_path / "dua.pdf")], capsys,
                 monkeypatch) == (1, "", "sekali.pdf: PDF ini sudah ditandatangani; pakai --tambah untuk penanda "
                                         "tangan berikutnya\n")
    twice = tmp_path / "dua.pdf"
    assert _sign([str(once), "--sertifikat", str(pki["camat"]), "--tambah", "-o", str(twice)], capsys,
                 monkeypatch)[0] == 0
    assert [s.bottom_line for s in _validate(twice.read_bytes(), pki["ca"])] == [True, True]  # type: ignore[attr-defined]
    draft_folder = tmp_path / "sop_definitions" / "kota-probolinggo" / "wonoasih"
    draft_folder.mkdir(parents=True)
    (draft_folder / "instansi.yaml").write_text(SEED.with_name("instansi.yaml").read_text())
    (draft_folder / "indikator.yaml").write_text(SEED.with_name("indikator.yaml").read_text())
    (draft_folder / SEED.name).write_text(SEED.read_text().replace("status: berlaku", "") + "status: draf\n")
    assert run(["pdf", str(draft_folder / SEED.name), "-o", str(tmp_path / "draf.pdf")], capsys)[0] == 0
    assert _sign([str(tmp_path / "draf.pdf"), "--sertifikat", str(pki["camat"])], capsys, monkeypatch) == \
        (1, "", "draf.pdf: SOP ini masih draf; ubah statusnya menjadi 'berlaku', cetak ulang, lalu tandatangani\n")
    (tmp_path / "lain.pdf").write_bytes(_foreign_pdf())
    assert _sign([str(tmp_path / "lain.pdf"), "--sertifikat", str(pki["camat"])], capsys, monkeypatch) == \
        (1, "", "lain.pdf: bukan PDF SOP buatan 'sop pdf' (tempat tanda tangan tidak ditemukan); cetak ulang SOP-nya "
                "dengan 'sop pdf' lalu tandatangani\n")


def _foreign_pdf() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_signing_works_inside_a_running_event_loop(pki: dict[str, Path], sheet: Path) -> None:
    """pyHanko signs through asyncio.run(); a host with its own running loop (a notebook, the browser
    tests' session) must not break ``sign_pdf``."""
    import asyncio

    from generator.tte import load_signer, read_sop_pdf, sign_pdf

    async def inside() -> bytes:
        data = sheet.read_bytes()
        signer = load_signer(pki["camat"].read_bytes(), b"sandi-uji", "camat.p12")
        return sign_pdf(data, signer, read_sop_pdf(data, sheet.name))

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # the host's loop, in a thread free of
        signed = pool.submit(asyncio.run, inside()).result()         # the loop this session may already run
    (status,) = _validate(signed, pki["ca"])
    assert status.bottom_line  # type: ignore[attr-defined]


def test_a_book_is_signed_in_its_keputusan_and_one_without_is_refused(
        pki: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16 §1 "(or a book)": the Camat signs the Keputusan that enacts the book's SOPs."""
    sukamaju = ROOT / "tests" / "fixtures" / "handbook" / "sop_definitions" / "kabupaten-contoh" / "kecamatan-sukamaju"
    book = tmp_path / "buku.pdf"
    assert run(["book", str(sukamaju), "-o", str(book)], capsys)[0] == 0
    out = tmp_path / "buku-ttd.pdf"
    code, said, err = _sign([str(book), "--sertifikat", str(pki["camat"]), "-o", str(out)], capsys, monkeypatch)
    assert (code, said, err) == (0, f"{out} ditandatangani oleh DEUS CAMAT.\n", "")
    (status,) = _validate(out.read_bytes(), pki["ca"])
    assert status.bottom_line  # type: ignore[attr-defined]
    import pikepdf

    with pikepdf.open(out) as pdf:
        (widget,) = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/FT") == "/Sig"]
        page_number = [p.objgen for p in pdf.pages].index(widget.P.objgen)
        x1, y1, x2, y2 = (float(v) for v in widget.Rect)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[page_number]
        text = page.extract_text()
        words = page.extract_words()
        height = page.height
    assert "KEPUTUSAN CAMAT" in text and "Ditetapkan di" in text  # the Keputusan's page, its signing space
    ditetapkan = next(w for w in words if w["text"] == "Ditetapkan")
    jabatan = next(w for w in words if w["text"] == "CAMAT" and w["top"] > ditetapkan["top"])
    nama = next(w for w in words if w["text"] == "Drs.")
    # Under the jabatan, above the nama, in the Ditetapkan block at the right of the page.
    assert jabatan["bottom"] <= height - y2 + 0.5 and height - y1 <= nama["top"] + 0.5
    assert ditetapkan["x0"] - 1 <= x1 and x2 <= page.width
    seed_book = tmp_path / "wonoasih.pdf"
    assert run(["book", str(SEED.parent), "-o", str(seed_book)], capsys)[0] == 0
    assert _sign([str(seed_book), "--sertifikat", str(pki["camat"])], capsys, monkeypatch) == (
        1, "", "wonoasih.pdf: buku SOP ini tanpa Keputusan Camat, jadi tanpa tempat tanda tangan; isi buku.keputusan "
               "di instansi.yaml lalu cetak ulang bukunya, atau tandatangani PDF tiap SOP\n")
