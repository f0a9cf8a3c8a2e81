"""`sop lint` (issue 15 §3): the writing rules of PermenPANRB 35/2012 as located warnings with
their rule and source, on the real seeds and on a made-up SOP that breaks each rule once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.definitions import load_catalog
from generator.lint import RULES, lint
from tests.conftest import ROOT
from tests.corpus import run

BROKEN = """nama: Menyusun Laporan
status: draf
dasar_hukum:
  - Undang-Undang tentang Pemerintahan Daerah
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012
pelaksana:
  - {id: a, label: Kasi Pemerintahan}
  - {id: b, label: "Drs. Budi Santoso"}
  - {id: c, label: "kasi pemerintahan."}
langkah:
  - {kegiatan: Menerima berkas, pelaksana: a, waktu: 10 menit, output: Berkas}
  - {kegiatan: Berkas dikirim staf, pelaksana: b, waktu: 1 jam, output: Berkas, ya: 3, tidak: 4}
  - {kegiatan: Menyusun laporan dan mengirim surat, pelaksana: a, kelengkapan: [Berkas]}
  - {kegiatan: Mengarsipkan berkas, pelaksana: b, waktu: 5 menit, output: Arsip, simbol: kotak}
"""


def _findings(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN KEC\n")
    (folder / "layanan.yaml").write_text(text)
    catalog = load_catalog([tmp_path / "sop_definitions"])
    assert catalog.problems == []
    return [f"{t.location.line}:{t.aturan}: {t.pesan}" for t in lint(catalog.sops)]


def test_each_rule_finds_its_slip_in_a_made_up_sop(tmp_path: Path) -> None:
    assert _findings(tmp_path, BROKEN) == [
        "1:identitas-lengkap: Bagian Identitas belum memuat: nomor, tanggal pembuatan, tanggal pengesahan, "
        "nama pengesah, NIP pengesah",
        "1:nama-kata-benda: nama SOP diawali kata kerja 'menyusun'; tulis nama prosesnya, mis. 'Pe…an …'",
        "4:dasar-hukum-nomor: dasar hukum 'Undang-Undang tentang Pemerintahan Daerah' tanpa nomor dan tahun "
        "(tulis 'Nomor … Tahun …')",
        "8:pelaksana-jabatan: pelaksana 'Drs. Budi Santoso' tampak seperti nama orang; tulis jabatannya",
        "9:pelaksana-tanpa-langkah: pelaksana 'kasi pemerintahan.' tidak punya langkah",
        "9:pelaksana-kembar: pelaksana 'kasi pemerintahan.' sama dengan 'Kasi Pemerintahan' kecuali huruf besar "
        "atau tanda baca",
        "12:kegiatan-kata-kerja: langkah 2: kegiatan diawali 'Berkas', bukan kata kerja; pelaksananya sudah di "
        "kolom Pelaksana, mulai dengan 'dikirim'",
        "12:keputusan-pemeriksaan: langkah 2 adalah keputusan; tulis sebagai pemeriksaan, mis. 'Memeriksa …'",
        "13:mutu-baku-output: langkah 3 tanpa output",
        "13:mutu-baku-waktu: langkah 3 tanpa waktu",
        "13:satu-kegiatan: langkah 3 memuat 2 kegiatan; pecah menjadi langkah tersendiri",
        "14:satu-mulai-satu-selesai: langkah 4 (selesai) tidak bersimbol kapsul",
    ]


def test_a_well_written_sop_has_no_finding(tmp_path: Path) -> None:
    good = ("nama: Pelayanan Surat Keterangan\nnomor: '1/SOP/2025'\nstatus: berlaku\n"
            "tanggal: {pembuatan: 2025-01-02, efektif: 2025-02-01}\n"
            "disahkan_oleh: {jabatan: CAMAT, nama: BUDI, nip: '198001012005011001'}\n"
            "dasar_hukum: [Peraturan Menteri PANRB Nomor 35 Tahun 2012]\n"
            "pelaksana:\n  - {id: a, label: Petugas}\n  - {id: b, label: Camat}\n"
            "langkah:\n"
            "  - {kegiatan: Menerima permohonan, pelaksana: a, waktu: 5 menit, output: Berkas permohonan}\n"
            "  - {kegiatan: Memeriksa berkas, pelaksana: b, kelengkapan: [Berkas permohonan], waktu: 10 menit,"
            " output: Berkas diperiksa, ya: 3, tidak: 1}\n"
            "  - {kegiatan: Menandatangani surat, pelaksana: b, kelengkapan: [Berkas diperiksa], waktu: 5 menit,"
            " output: Surat}\n")
    assert _findings(tmp_path, good) == []


def test_the_seeds_real_slips_are_found_with_their_place_and_source() -> None:
    catalog = load_catalog([ROOT / "sop_definitions"])
    found = {str(t) for t in lint(catalog.sops)}
    wonoasih = "sop_definitions/kota-probolinggo/wonoasih/penyusunan-lkjip.yaml"
    kanigaran = "sop_definitions/kota-probolinggo/kanigaran/penyusunan-lkjip.yaml"
    sumbersuko = "sop_definitions/kabupaten-lumajang/sumbersuko/pengukuran-kinerja.yaml"
    for line in (
        f"{wonoasih}:90:15: peringatan [kegiatan-kata-kerja]: langkah 7: kegiatan diawali 'Penandatanganan', "
        "bukan kata kerja; mulai dengan kata kerja aktif, mis. 'Menyusun …' (sumber: praktik penulisan, sesuai "
        "contoh lampiran PermenPANRB 35/2012)",
        f"{kanigaran}:91:18: peringatan [output-ke-kelengkapan]: output langkah 7 (Dokumen LKIP yang disahkan oleh "
        "Camat) ditulis lain di kelengkapan langkah 8 (Dokumen LKIP yang disahkan Camat); samakan bila dokumennya "
        "sama (sumber: praktik penulisan, sesuai contoh lampiran PermenPANRB 35/2012; saran)",
        f"{sumbersuko}:60:15: peringatan [kegiatan-kata-kerja]: langkah 3: kegiatan diawali 'Tim', bukan kata kerja; "
        "pelaksananya sudah di kolom Pelaksana, mulai dengan 'menyusun' (sumber: praktik penulisan, sesuai contoh "
        "lampiran PermenPANRB 35/2012)",
        f"{wonoasih}:10:7: peringatan [identitas-lengkap]: Bagian Identitas belum memuat: tanggal pengesahan "
        "(sumber: PermenPANRB 35/2012, Bab III, Bagian Identitas)",
    ):
        assert line.replace(str(ROOT) + "/", "") in {f.replace(str(ROOT) + "/", "") for f in found}, line
    assert {t.aturan for t in lint(catalog.sops)} <= RULES.keys()


def test_cli_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _findings(tmp_path, BROKEN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["lint"], capsys)
    assert code == 0 and err == "1 SOP diperiksa; 12 temuan.\n" and out.count("peringatan [") == 12
    assert run(["lint", "--ketat"], capsys)[0] == 1
    code, out, _ = run(["lint", "--format", "json"], capsys)
    items = json.loads(out)
    assert code == 0 and len(items) == 12
    assert items[0] == {"berkas": "sop_definitions/uji/kec/layanan.yaml", "baris": 1, "kolom": 7,
                        "aturan": "identitas-lengkap", "pesan": items[0]["pesan"],
                        "sumber": "PermenPANRB 35/2012, Bab III, Bagian Identitas"}
    (tmp_path / "sop_definitions" / "uji" / "kec" / "layanan.yaml").write_text("nama: X\n")
    code, out, err = run(["lint"], capsys)
    assert code == 1 and "layanan.yaml:1:1: kunci wajib 'pelaksana' belum diisi" in err and out == ""
