"""`sop check` reports a file's schema and flow problems in one pass (issue 15 §4): a missing
key elsewhere in the file no longer hides an unknown pelaksana or a branch to nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import run


def test_schema_and_flow_problems_come_together(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN KEC\n")
    (folder / "layanan.yaml").write_text(
        "pelaksana:\n  - {id: a, label: A}\nlangkah:\n  - {kegiatan: Mulai, pelaksana: a}\n"
        "  - {kegiatan: Periksa, pelaksana: b, ya: 9, tidak: 1}\n  - {kegiatan: Selesai, pelaksana: a}\n"
        "status: draf\ntanggal: {efektif: kemarin}\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check"], capsys)
    assert code == 1 and out == ""
    assert err == (
        "sop_definitions/uji/kec/layanan.yaml:1:1: kunci wajib 'nama' belum diisi (tambahkan 'nama: …')\n"
        "sop_definitions/uji/kec/layanan.yaml:5:36: langkah 2: pelaksana 'b' tidak dikenal (id yang dikenal: a)\n"
        "sop_definitions/uji/kec/layanan.yaml:5:43: langkah 2: tujuan '9' tidak ada (nomor langkah 1–3)\n"
        "sop_definitions/uji/kec/layanan.yaml:8:20: tanggal 'kemarin' tidak dikenali "
        "(tulis 2024-01-02 atau '2 Januari 2024')\n"
        "4 masalah ditemukan; tidak ada berkas yang ditulis.\n")


def test_a_malformed_step_list_is_reported_once_without_guessing_the_flow(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN KEC\n")
    (folder / "layanan.yaml").write_text("nama: L\npelaksana:\n  - {id: a, label: A}\nlangkah: 3\nstatus: draf\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check"], capsys)
    assert code == 1
    assert err.count("layanan.yaml:") == 1 and "layanan.yaml:4:" in err
