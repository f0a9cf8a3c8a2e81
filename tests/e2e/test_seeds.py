"""The six real SOPs are encoded faithfully: their texts, lanes, decisions and totals as printed."""

from __future__ import annotations

from generator.model import Sop
from tests.conftest import by_key


def test_six_sops_in_five_kecamatan_folders(seeds: list[Sop]) -> None:
    assert [p.key for p in seeds] == [
        "kabupaten-kutai-kartanegara/samboja/penyusunan-lkjip",
        "kabupaten-lumajang/pasrujambe/pengumpulan-data-kinerja",
        "kabupaten-lumajang/sumbersuko/pengukuran-kinerja",
        "kabupaten-lumajang/sumbersuko/pengumpulan-data-kinerja",
        "kota-probolinggo/kanigaran/penyusunan-lkjip",
        "kota-probolinggo/wonoasih/penyusunan-lkjip",
    ]
    assert [len(p.langkah) for p in seeds] == [11, 13, 10, 12, 8, 8]


def test_wonoasih_identity_and_decisions(seeds: list[Sop]) -> None:
    p = by_key(seeds, "wonoasih")
    assert p.nomor == "SOP / P.2.2.2 / 2 / 425.503 / 2024"
    assert p.disahkan_oleh is not None
    assert p.disahkan_oleh.jabatan == ("CAMAT WONOASIH", "KOTA PROBOLINGGO")
    assert p.disahkan_oleh.nip == "19781204 199802 1 001"
    assert p.options.labels["tgl_efektif"] == "Tgl Pengesahan"
    assert [lane.label for lane in p.pelaksana] == [
        "Camat", "Sekcam", "Kasubbag Keuangan dan Program", "Kasi/Lurah", "Staf"]
    branches = {(e.source + 1, e.target + 1, e.label) for e in p.edges if e.kind != "next"}
    assert branches == {(5, 6, "Ya"), (5, 4, "Tidak"), (7, 8, "Disetujui"), (7, 5, "Tidak setuju")}
    assert p.jenis_dan_sumber_data == ("ikm", "pemmas", "administrasi-perkantoran")
    assert [p.instansi.find_indikator(i).indikator for i in p.jenis_dan_sumber_data] == [
        "Indeks Kepuasan Masyarakat (IKM)", "Pemberdayaan Masyarakat (Pemmas)",
        "Persentase Capaian Pengelolaan Administrasi Perkantoran yang ditangani Sesuai ketentuan"]
    ikm = p.instansi.find_indikator("ikm")
    assert (ikm.frekuensi, ikm.aplikasi, ikm.satuan) == ("satu kali dalam satu tahun", "Potal Emas", "nilai")


def test_kanigaran_has_no_keterangan_column_and_zero_padded_dates(seeds: list[Sop]) -> None:
    p = by_key(seeds, "kanigaran")
    assert p.nomor == "065/10-2/SOP/425.504/2023"
    assert p.options.kolom_keterangan is False
    assert p.options.date_zero_pad is True
    assert p.langkah[2].waktu is not None and p.langkah[2].waktu.text == "5 hari"


def test_samboja_correction_loop_number_row_and_end_signature(seeds: list[Sop]) -> None:
    p = by_key(seeds, "samboja")
    assert p.nomor == "B.121/Kec.Sja/900/2/2025"
    assert p.options.nomor_kolom and p.options.signature_position == "end"
    assert p.disahkan_oleh is not None and p.disahkan_oleh.nip == "19690414 200701 1 031"
    assert {(e.source + 1, e.target + 1, e.label) for e in p.edges if e.kind != "next"} == {
        (7, 8, "Ya"), (7, 6, "Tidak")}


def test_sumbersuko_two_sops_returns_and_two_lane_step(seeds: list[Sop]) -> None:
    pengukuran = by_key(seeds, "sumbersuko/pengukuran")
    pengumpulan = by_key(seeds, "sumbersuko/pengumpulan")
    assert pengukuran.identitas == pengumpulan.identitas
    assert {(e.source + 1, e.target + 1, e.label) for e in pengukuran.edges if e.kind == "tidak"} == {
        (8, 6, "TIDAK")}
    assert {(e.source + 1, e.target + 1, e.label) for e in pengumpulan.edges if e.kind == "tidak"} == {
        (10, 8, "TIDAK")}
    step6 = pengumpulan.langkah[5]
    assert [pengumpulan.pelaksana[i].label for i in step6.pelaksana] == ["SEKRETARIAT", "KASI/KASUBAG"]


def test_pasrujambe_keeps_duplicate_rows_and_minutes(seeds: list[Sop]) -> None:
    p = by_key(seeds, "pasrujambe")
    assert p.langkah[8].kegiatan == p.langkah[9].kegiatan
    assert p.options.labels["pelaksana"] == "PELAKU"
    assert [s.waktu.text for s in p.langkah if s.waktu][:2] == ["3 menit", "60 menit"]


def test_first_and_last_steps_are_terminators(seeds: list[Sop]) -> None:
    for p in seeds:
        assert p.langkah[0].symbol == p.langkah[-1].symbol == "terminator", p.key
        assert all(s.symbol != "terminator" for s in p.langkah[1:-1]), p.key
