"""Status and validity (issue 14 §1): draf, berlaku, dicabut; "belum lengkap" warnings.

Read back as a reader meets them: ``sop check``'s own output, the built pages, and the
PDF's text with pdfplumber (the DRAF / DICABUT mark on every page).
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import build_site
from tests.corpus import INSTANSI, run

COMPLETE = ('nomor: "100/1/SOP/2025"\ntanggal: {efektif: 2025-01-02}\n')
FLOW = "pelaksana:\n  - {id: a, label: A}\nlangkah:\n  - {kegiatan: Mulai, pelaksana: a}\n  - {kegiatan: Selesai, pelaksana: a}\n"


@pytest.fixture
def kecamatan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``sop_definitions/uji/kec`` of a fresh project (the working directory) with its instansi."""
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(INSTANSI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _write(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_an_sop_in_force_without_nomor_or_date_is_warned_about_not_refused(
        kecamatan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(kecamatan, "lama", "nama: Lama\n" + FLOW)
    _write(kecamatan, "draf", "nama: Draf\nstatus: draf\n" + FLOW)  # a draf is not official yet: no warning
    code, out, err = run(["check"], capsys)
    assert code == 0
    assert err.splitlines() == [
        'sop_definitions/uji/kec/lama.yaml:1:1: peringatan: SOP belum lengkap: nomor SOP belum diisi '
        '(nomor: "…" sesuai tata naskah dinas)',
        "sop_definitions/uji/kec/lama.yaml:1:1: peringatan: SOP belum lengkap: tanggal pengesahan belum diisi "
        "(tanggal: {efektif: 2024-01-02})"]
    assert out == "2 SOP diperiksa, tidak ada masalah; 2 peringatan.\n"


def test_the_signing_official_is_looked_for_where_it_is_written(kecamatan: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (kecamatan / "instansi.yaml").write_text(INSTANSI.replace('  nip: "19800101 200501 1 001"\n', ""))
    _write(kecamatan, "a", "nama: A\n" + COMPLETE + FLOW)
    _write(kecamatan, "b", "nama: B\n" + COMPLETE + "disahkan_oleh: {jabatan: SEKCAM, nama: X}\n" + FLOW)
    code, _, err = run(["check"], capsys)
    assert code == 0
    assert err.splitlines() == [
        'sop_definitions/uji/kec/instansi.yaml:4:3: peringatan: SOP belum lengkap: NIP pengesah belum diisi '
        '(disahkan_oleh: {nip: "19781204 199802 1 001"} di SOP ini atau di instansi.yaml)',
        'sop_definitions/uji/kec/b.yaml:4:16: peringatan: SOP belum lengkap: NIP pengesah belum diisi '
        '(disahkan_oleh: {nip: "19781204 199802 1 001"} di SOP ini atau di instansi.yaml)']


@pytest.mark.parametrize(("head", "message"), [
    ("status: dicabut\n", "lama.yaml:2:9: SOP berstatus dicabut tanpa keterangan pencabutan "
                          '(tambahkan pencabutan: {tanggal: 2025-01-02, alasan: "…"})'),
    ("pencabutan: {tanggal: 2025-03-01, alasan: usang}\n",
     "lama.yaml:2:1: pencabutan diisi, tetapi status SOP 'berlaku' (status: dicabut, atau hapus pencabutan)"),
    ("status: dicabut\npencabutan: {tanggal: 2025-03-01, alasan: usang, pengganti: baru}\n",
     "lama.yaml:3:61: SOP pengganti 'baru' tidak ada di folder ini "
     "(nama berkas SOP lain di folder kecamatan yang sama, tanpa .yaml)"),
    ("status: aktif\n", "lama.yaml:2:9: nilai 'aktif' tidak dikenal untuk 'status' (pilihan: draf, berlaku, dicabut)"),
])
def test_a_withdrawal_needs_its_date_reason_and_a_real_replacement(
        kecamatan: Path, capsys: pytest.CaptureFixture[str], head: str, message: str) -> None:
    _write(kecamatan, "lama", "nama: Lama\n" + head + COMPLETE + FLOW)
    code, _, err = run(["check"], capsys)
    assert code == 1
    assert err.splitlines()[0] == f"sop_definitions/uji/kec/{message}"


def _marks(path: Path) -> list[str]:
    """Per page, the text set larger than 12 pt: the mark (88 pt) and its date (16 pt), nothing of the sheet."""
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        return ["".join(c["text"] for c in page.chars if c["size"] > 12) for page in pdf.pages]


def test_status_is_shown_on_pages_lists_and_every_pdf_page(kecamatan: Path, tmp_path: Path) -> None:
    long_flow = FLOW.replace("  - {kegiatan: Selesai", "".join(
        f"  - {{kegiatan: 'Langkah {i} dengan uraian yang cukup panjang agar halaman bertambah', pelaksana: a}}\n"
        for i in range(40)) + "  - {kegiatan: Selesai")
    _write(kecamatan, "baru", "nama: Baru\n" + COMPLETE + FLOW)
    _write(kecamatan, "lama", "nama: Lama\nstatus: dicabut\npencabutan: {tanggal: 2025-03-01, alasan: "
                              "digabung ke SOP Baru, pengganti: baru}\n" + COMPLETE + FLOW)
    _write(kecamatan, "rancangan", "nama: Rancangan\nstatus: draf\n" + long_flow)
    (tmp_path / "out").mkdir()
    site = build_site(kecamatan.parent.parent, tmp_path / "out" / "site")
    lama = (site / "uji" / "kec" / "lama" / "index.html").read_text()
    assert ('<p>Dicabut sejak 1 Maret 2025: digabung ke SOP Baru. Gunakan <a href="../baru/">SOP penggantinya</a>.'
            in lama)
    assert '<span class="sop-status sop-status-dicabut">Dicabut 1 Maret 2025</span>' in lama
    baru = (site / "uji" / "kec" / "baru" / "index.html").read_text()
    assert '<span class="sop-status sop-status-berlaku">Berlaku sejak 2 Januari 2025</span>' in baru
    assert "Belum lengkap" not in baru
    daftar = (site / "daftar-sop" / "index.html").read_text()
    assert '<span class="sop-status sop-status-draf">Draf</span>' in daftar
    kec = (site / "uji" / "kec" / "index.html").read_text()
    assert kec.count('<span class="sop-status sop-status-') == 3
    draft = _marks(site / "uji" / "kec" / "rancangan-kec.pdf")
    assert len(draft) >= 3 and set(draft) == {"DRAF"}  # on every page, the sheet's pages included
    assert set(_marks(site / "uji" / "kec" / "lama-kec.pdf")) == {"DICABUTsejak 1 Maret 2025"}
    assert set(_marks(site / "uji" / "kec" / "baru-kec.pdf")) == {""}


@pytest.mark.parametrize(("tanggal", "warned"), [
    ("tanggal: {efektif: 2025-01-02}\n", "(kosong)"),
    ("tanggal: {efektif: 2025-01-02, revisi: 2025-05-01}\n", "(1 Mei 2025)"),
    ("tanggal: {efektif: 2025-01-02, revisi: 2025-06-01}\n", None),  # agrees
    ("tanggal: {efektif: 2025-06-01}\n", None),  # the entry records the enactment, not a revision
])
def test_tgl_revisi_and_the_riwayat_revisi_agree_or_check_warns(
        kecamatan: Path, capsys: pytest.CaptureFixture[str], tanggal: str, warned: str | None) -> None:
    _write(kecamatan, "a", 'nama: A\nnomor: "1/SOP/2025"\n' + tanggal + FLOW +
           "revisi:\n  - {tanggal: 2025-01-02, uraian: Penetapan}\n  - {tanggal: 2025-06-01, uraian: Ubah alur}\n")
    code, _, err = run(["check"], capsys)
    assert code == 0
    expected = [] if warned is None else [
        f"sop_definitions/uji/kec/a.yaml:3:{10 if 'revisi' not in tanggal else 40}: peringatan: Tgl Revisi {warned} "
        "tidak sama dengan revisi terakhir di riwayat revisi (1 Juni 2025) (tanggal: {revisi: 2025-06-01})"]
    assert err.splitlines() == expected
