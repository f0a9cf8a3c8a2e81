"""The commented skeleton definitions written by ``sop new``."""

from __future__ import annotations

__all__ = ["INSTANSI_SKELETON", "sop_skeleton"]

INSTANSI_SKELETON = """\
# yaml-language-server: $schema=../../../generator/schema/instansi.schema.json
# Data bersama semua SOP di folder ini (kop dan pejabat pengesah).
pemda: PEMERINTAH KABUPATEN CONTOH
unit: KECAMATAN CONTOH
# subunit: SUB BAGIAN PROGRAM DAN KEUANGAN
# logo: logo.png              # relatif terhadap folder ini
# alamat: Jl. Contoh No. 1
disahkan_oleh:
  jabatan: CAMAT CONTOH
  nama: NAMA LENGKAP, S.STP, M.Si
  nip: "19800101 200501 1 001"   # 18 angka, dalam tanda kutip
render:
  paper: F4                  # A4 atau F4
"""


def sop_skeleton(nama: str) -> str:
    """A commented SOP definition to fill in, titled *nama* (valid as written)."""
    return f"""\
# yaml-language-server: $schema=../../../generator/schema/sop.schema.json
# Isi setiap bagian, lalu jalankan: sop check
nomor: "000/000/SOP/000.000/2026"   # sesuai tata naskah dinas, dalam tanda kutip
nama: {nama}
status: draf                      # draf → berlaku setelah disahkan (isi tanggal efektif)
tanggal:
  pembuatan: 2026-01-02           # TTTT-BB-HH atau "2 Januari 2026"
  revisi: null
  efektif: null
dasar_hukum:
  - Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012
kualifikasi_pelaksana:
  - Memahami tugas pokok dan fungsi
keterkaitan: []
peralatan_perlengkapan:
  - Komputer
peringatan:
  - Jika SOP ini tidak dilaksanakan, ...
pencatatan_pendataan:
  - Arsip dokumen
# Kolom pelaksana, urut dari kiri ke kanan.
pelaksana:
  - {{id: camat, label: Camat}}
  - {{id: sekcam, label: Sekcam}}
  - {{id: staf, label: Staf}}
# Langkah urut dari atas ke bawah; langkah pertama dan terakhir otomatis berbentuk kapsul.
# Cabang keputusan menunjuk id langkah, bukan nomornya: nomor bergeser bila langkah disisipkan.
langkah:
  - id: perintah
    kegiatan: Memerintahkan ...        # kata kerja aktif, tanpa subjek
    pelaksana: camat
    kelengkapan: [Disposisi]
    waktu: "10 menit"                   # menit, jam, hari, minggu, bulan; rentang "1-2 hari"
    output: Disposisi
  - id: periksa
    kegiatan: Memeriksa ...
    pelaksana: sekcam
    kelengkapan: [Konsep]
    waktu: "1 jam"
    output: Konsep terkoreksi
    ya: arsip                           # keputusan: id langkah tujuan cabang Ya dan Tidak
    tidak: perintah
    # label_ya: Setuju
    # label_tidak: Tidak setuju
  - id: arsip
    kegiatan: Mengarsipkan ...
    pelaksana: staf
    kelengkapan: [Konsep terkoreksi]
    waktu: "15 menit"
    output: Arsip
revisi: []
"""
