"""Exact messages (with line:col) for each kind of bad input: one fixture file per defect."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from generator.definitions import load_catalog

FIXTURES = Path("tests/fixtures/invalid/sop_definitions/contoh")
A = FIXTURES / "kec-a"

EXPECTED = {
    "bad-paper": f"{A}/bad-paper.yaml:3:10: nilai 'Letter' tidak dikenal untuk 'paper' (pilihan: A4, F4)",
    "branch-target": f"{A}/branch-target.yaml:11:12: langkah 2: tujuan '9' tidak ada (nomor langkah 1–3)",
    "decision-one-branch": f"{A}/decision-one-branch.yaml:8:5: langkah 2: keputusan tanpa cabang 'ya' "
                           "(keputusan wajib punya 'ya' dan 'tidak')",
    "duplicate-key": f"{A}/duplicate-key.yaml:2:1: kunci 'nama' ditulis dua kali (setiap kunci sekali saja)",
    "missing-field": f"{A}/missing-field.yaml:8:5: kunci wajib 'kegiatan' belum diisi (tambahkan 'kegiatan: …')",
    "nip-invalid": f"{A}/nip-invalid.yaml:4:8: NIP memuat tanggal lahir 19801301 yang tidak ada "
                   "(18 angka: tanggal lahir YYYYMMDD, TMT YYYYMM, jenis kelamin 1/2, nomor urut 3 angka)",
    "nip-number": f'{A}/nip-number.yaml:4:8: NIP harus ditulis sebagai teks dalam tanda kutip, bukan angka '
                  '(tulis nip: "198001012005011001")',
    "no-end": f"{A}/no-end.yaml:6:3: alur tidak punya langkah akhir "
              "(langkah terakhir tidak boleh memakai 'lanjut')",
    "nomor-number": f'{A}/nomor-number.yaml:1:8: Nomor SOP harus ditulis sebagai teks dalam tanda kutip, '
                    'bukan angka (tulis nomor: "12345")',
    "unknown-key": f"{A}/unknown-key.yaml:8:5: kunci 'wkatu' tidak dikenal (mungkin maksud Anda 'waktu'? "
                   "kunci yang dikenal: id, kegiatan, kelengkapan, keterangan, label_tidak, label_ya, lanjut, "
                   "output, pelaksana, simbol, tidak, waktu, ya)",
    "unknown-pelaksana": f"{A}/unknown-pelaksana.yaml:9:16: langkah 2: pelaksana 'sekcam' tidak dikenal "
                         "(id yang dikenal: camat, staf)",
    "stuck-loop": f"{A}/stuck-loop.yaml:10:5: dari langkah 2 alur tidak pernah sampai ke akhir "
                  "(putus lingkaran dengan cabang keputusan ke langkah berikutnya)",
    "unreachable": f"{A}/unreachable.yaml:9:5: langkah 2 tidak dapat dicapai dari langkah 1 "
                   "(arahkan 'lanjut', 'ya' atau 'tidak' langkah lain ke sini)",
    "waktu-number": f'{A}/waktu-number.yaml:8:12: Waktu harus ditulis sebagai teks dalam tanda kutip, '
                    'bukan angka (tulis waktu: "60")',
    "waktu-unparsable": f"{A}/waktu-unparsable.yaml:8:12: waktu 'sebentar' tidak dapat dibaca "
                        "(angka lalu satuan: menit, jam, hari, minggu, bulan; mis. '10 menit', '1-2 hari')",
    "yaml-syntax": f"{A}/yaml-syntax.yaml:3:5: sintaks YAML tidak valid: kurung '}}' belum ditutup atau koma "
                   "hilang (terdeteksi di baris 4) "
                   "(periksa indentasi, titik dua setelah kunci, kurung dan tanda kutip)",
    "logo-hilang": f"{FIXTURES}/kec-logo-hilang/instansi.yaml:3:7: berkas logo 'logo/tidak-ada.png' tidak ada "
                   "(path relatif terhadap folder instansi.yaml)",
    "logo-luar": f"{FIXTURES}/kec-logo-luar/instansi.yaml:3:7: logo '../../../../logo.png' berada di luar "
                 "proyek (berkas di dalam folder proyek, relatif terhadap instansi.yaml)",
    "nip-length": f"{FIXTURES}/kec-nip/instansi.yaml:5:8: NIP '1980010120050110' harus 18 angka "
                  "(sekarang 16 karakter) (18 angka: tanggal lahir YYYYMMDD, TMT YYYYMM, jenis kelamin 1/2, "
                  "nomor urut 3 angka)",
}


def test_every_defect_is_reported_at_once_with_its_exact_message() -> None:
    catalog = load_catalog([FIXTURES])
    assert sorted(str(p) for p in catalog.problems) == sorted(EXPECTED.values())
    assert catalog.sops == []


def test_each_fixture_alone_gives_only_its_own_message() -> None:
    for name, message in EXPECTED.items():
        if name.startswith(("logo", "nip-length")):
            continue
        catalog = load_catalog([A / f"{name}.yaml"])
        assert [str(p) for p in catalog.problems] == [message], name


def test_one_broken_sop_does_not_stop_the_others(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    good = "nama: Baik\npelaksana:\n  - {id: a, label: A}\nlangkah:\n  - {kegiatan: X, pelaksana: a}\n" \
           "  - {kegiatan: Y, pelaksana: a}\n"
    (folder / "a-baik.yaml").write_text(good)
    (folder / "b-rusak.yaml").write_text(good.replace("pelaksana: a}\n", "pelaksana: b}\n", 1))
    (folder / "c-baik.yaml").write_text(good)
    catalog = load_catalog([project / "sop_definitions"])
    assert [p.slug for p in catalog.sops] == ["a-baik", "c-baik"]
    assert len(catalog.problems) == 1
    assert "b-rusak.yaml:5:30: langkah 1: pelaksana 'b' tidak dikenal" in str(catalog.problems[0])


def test_check_command_prints_all_problems_and_exits_1_without_traceback() -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURES)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert sorted(lines[:-1]) == sorted(EXPECTED.values())
    assert lines[-1] == "19 masalah ditemukan; tidak ada berkas yang ditulis."
    assert "Traceback" not in result.output


def test_check_command_on_the_seeds_succeeds() -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    # The seeds were copied as printed: most lack a Tgl Pengesahan, some a nomor or the Camat's name.
    lines = result.output.splitlines()
    assert lines[-1] == "6 SOP diperiksa, tidak ada masalah; 14 peringatan."
    assert len(lines) == 15 and all(": peringatan: SOP belum lengkap: " in line for line in lines[:-1])
