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


LAYANAN = """nama: Layanan
status: draf
pelaksana:
  - {id: a, label: A}
  - {id: b, label: B}
langkah:
  - {kegiatan: Menerima berkas, pelaksana: a}
  - {kegiatan: Memeriksa berkas, pelaksana: b, ya: 3, tidak: 1}
  - {kegiatan: Menyetujui berkas, pelaksana: b}
  - {kegiatan: Mengarsipkan berkas, pelaksana: a}
"""
INSERTED = "  - {kegiatan: Mencatat berkas, pelaksana: a}\n"
WARNING = ("sop_definitions/uji/kec/layanan.yaml:8:52: peringatan: langkah 2: 'ya: 3' kini menunjuk langkah 3 "
           "'Mencatat berkas'; pada revisi sebelumnya langkah 3 adalah 'Menyetujui berkas', yang kini langkah 4 "
           "(tulis 'id: menyetujui-berkas' di langkah 4 dan 'ya: menyetujui-berkas': id tidak bergeser bila "
           "langkah disisipkan)\n")


def _git(folder: Path, *args: str) -> None:
    import subprocess
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_a_numbered_target_that_moved_since_the_last_revision_gets_a_warning_with_an_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN KEC\n")
    sop = folder / "layanan.yaml"
    sop.write_text(LAYANAN)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qm", "awal", "--allow-empty")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qm", "layanan")
    monkeypatch.chdir(tmp_path)
    assert run(["check"], capsys) == (0, "1 SOP diperiksa, tidak ada masalah.\n", "")
    # Insert a step above the target without committing: 'ya: 3' now means the new step.
    sop.write_text(LAYANAN.replace("  - {kegiatan: Menyetujui", INSERTED + "  - {kegiatan: Menyetujui"))
    assert run(["check"], capsys) == (0, "1 SOP diperiksa, tidak ada masalah; 1 peringatan.\n", WARNING)
    # Committed as is, the check still compares with the version before that commit.
    _git(tmp_path, "-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qam", "sisip")
    assert run(["check"], capsys)[2] == WARNING
    # Meant as written, and said with an id: nothing more to say.
    sop.write_text(sop.read_text().replace("ya: 3", "ya: catat").replace("{kegiatan: Mencatat", "{id: catat, kegiatan: Mencatat"))
    assert run(["check"], capsys) == (0, "1 SOP diperiksa, tidak ada masalah.\n", "")
