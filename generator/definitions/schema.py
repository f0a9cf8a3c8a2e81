"""The YAML definition format, declared once (pydantic v2).

Two kinds of file live under ``sop_definitions/<pemda>/<kecamatan>/``:

* ``instansi.yaml`` — :class:`Instansi`, what all SOPs of one unit share;
* ``<slug>.yaml`` — :class:`SopDefinition`, one procedure.

Field names are the official terms of PermenPANRB 35/2012 (Bagian Identitas, Bagian
Flowchart). Every field carries a description; the JSON Schema for editors and the YAML
reference page in the handbook are generated from these classes.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import decimal as dt_decimal
import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from generator.errors import UserValueError
from generator.formatting import BULAN, parse_tanggal
from generator.nip import validate_nip
from generator.waktu import parse_waktu

__all__ = [
    "Buku",
    "DisahkanOleh",
    "Indikator",
    "IndikatorFile",
    "Instansi",
    "KategoriCapaian",
    "Keputusan",
    "Labels",
    "Langkah",
    "Pelaksana",
    "PemdaFile",
    "RenderOptions",
    "Revisi",
    "SopDefinition",
    "Tanggal",
]


def _as_list(value: Any) -> Any:
    """Accept a single text where a list is expected (``kelengkapan: Disposisi``)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _as_ref(value: Any) -> Any:
    """Step references may be a step number (``ya: 7``) or a step ``id``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_ISO_LIKE = re.compile(r"^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?.*)?\s*$")


def _impossible_date(text: str) -> str | None:
    """Why an ISO-looking *text* names no calendar day ("bulan 13 tidak ada"), else ``None``.

    >>> _impossible_date("2024-02-30")
    'tanggal 30 tidak ada di bulan 2 tahun 2024 (hanya sampai 29)'
    """
    named = re.match(r"^\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{1,4})\s*$", text)  # "31 Februari 2024"
    if named and named.group(2).capitalize() in BULAN:
        day, month_name = int(named.group(1)), named.group(2).capitalize()
        last = calendar.monthrange(max(int(named.group(3)), 1), BULAN.index(month_name) + 1)[1]
        if not 1 <= day <= last:
            return f"tanggal {day} tidak ada di bulan {month_name} (hanya sampai {last})"
    match = _ISO_LIKE.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups()[:3])
    if year < 1:
        return f"tahun {year} tidak ada"
    if not 1 <= month <= 12:
        return f"bulan {month} tidak ada"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"tanggal {day} tidak ada di bulan {month} tahun {year} (hanya sampai {last})"
    if match.group(4) is not None:
        hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
        if hour > 23 or minute > 59 or second > 59:
            return f"jam {match.group(4)}:{match.group(5)} tidak ada"
    return None


def _as_date(value: Any) -> Any:
    if isinstance(value, str):
        parsed = parse_tanggal(value)
        if parsed is None:
            with contextlib.suppress(ValueError):
                parsed = dt.datetime.fromisoformat(value.strip()).date()
        if parsed is None:
            reason = _impossible_date(value)
            raise UserValueError(f"tanggal '{value}' tidak valid: {reason}" if reason else
                                 f"tanggal '{value}' tidak dikenali", "tulis 2024-01-02 atau '2 Januari 2024'")
        return parsed
    if isinstance(value, dt.datetime):
        return value.date()
    if value is not None and not isinstance(value, dt.date):
        raise UserValueError(f"tanggal '{value}' tidak dikenali", "tulis 2024-01-02 atau '2 Januari 2024'")
    return value


TextList = Annotated[list[str], BeforeValidator(_as_list)]
StepRef = Annotated[str, BeforeValidator(_as_ref)]
Tgl = Annotated[dt.date | None, BeforeValidator(_as_date)]

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _require_slug(value: str | None, what: str, *, example: str = "") -> None:
    """Raise :class:`UserValueError` ("<what> '<value>' tidak valid") unless *value* is absent or a slug."""
    if value is not None and not SLUG.match(value):
        raise UserValueError(f"{what} '{value}' tidak valid",
                             "huruf kecil, angka, '-' atau '_'" + (f", mis. '{example}'" if example else ""))


def _not_blank(value: str, what: str) -> str:
    """*value*, unless it is empty after stripping (then :class:`UserValueError`)."""
    if not value.strip():
        raise UserValueError(f"'{what}' kosong", f"tulis {what}")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Labels(_Model):
    """Overrides of the printed labels; every key is optional (PermenPANRB default otherwise)."""

    nomor: str | None = Field(None,
        description=(
            "Label Nomor SOP, mis. 'Nomor SOP' atau 'Nomor Standar Operasional Prosedur'."
        ))
    tgl_pembuatan: str | None = Field(None, description="Label Tanggal Pembuatan, mis. 'Tgl Pembuatan'.")
    tgl_revisi: str | None = Field(None, description="Label Tanggal Revisi.")
    tgl_efektif: str | None = Field(None, description="Label Tanggal Efektif, mis. 'Tgl Pengesahan'.")
    disahkan_oleh: str | None = Field(None, description="Label Disahkan oleh.")
    nama_sop: str | None = Field(None, description="Label Nama SOP.")
    dasar_hukum: str | None = Field(None, description="Label Dasar Hukum.")
    kualifikasi_pelaksana: str | None = Field(None, description="Label Kualifikasi Pelaksana.")
    keterkaitan: str | None = Field(None, description="Label Keterkaitan.")
    peralatan_perlengkapan: str | None = Field(None, description="Label Peralatan/Perlengkapan.")
    peringatan: str | None = Field(None, description="Label Peringatan.")
    pencatatan_pendataan: str | None = Field(None, description="Label Pencatatan dan Pendataan.")
    no: str | None = Field(None, description="Judul kolom nomor langkah, mis. 'No.'.")
    kegiatan: str | None = Field(None, description="Judul kolom kegiatan, mis. 'Aktivitas' atau 'Uraian Prosedur'.")
    pelaksana: str | None = Field(None, description="Judul kelompok kolom pelaksana, mis. 'Pelaku'.")
    mutu_baku: str | None = Field(None, description="Judul kelompok Mutu Baku.")
    kelengkapan: str | None = Field(None, description="Judul kolom Kelengkapan, mis. 'Kelengkapan dan Peralatan'.")
    waktu: str | None = Field(None, description="Judul kolom Waktu.")
    output: str | None = Field(None, description="Judul kolom Output.")
    keterangan: str | None = Field(None, description="Judul kolom Keterangan, mis. 'Ket'.")


class RenderOptions(_Model):
    """How the sheets are printed; set per instansi and overridden per SOP (unset = inherit)."""

    paper: Literal["A4", "F4"] | None = Field(None,
        description=(
            "Ukuran kertas: A4 (210×297 mm) atau F4 (215×330 mm). Bawaan: F4."
        ))
    orientation: Literal["landscape", "portrait"] | None = Field(None,
        description=(
            "Orientasi halaman. Bawaan: landscape."
        ))
    labels: Labels | None = Field(None, description="Penggantian label yang dicetak.")
    kolom_keterangan: bool | None = Field(None, description="Tampilkan kolom Keterangan. Bawaan: true.")
    nomor_kolom: bool | None = Field(None,
        description=(
            "Tampilkan baris nomor kolom (1, 2, 3, …) di bawah judul tabel. Bawaan: false."
        ))
    signature_position: Literal["identity", "end", "both"] | None = Field(
        None,
            description=(
                "Letak tanda tangan: di sel Disahkan oleh (identity), setelah flowchart (end), atau keduanya "
                "(both). Bawaan: identity."
            ))
    date_zero_pad: bool | None = Field(None,
        description=(
            "Tulis tanggal dengan nol di depan ('02 Januari 2023'). Bawaan: false."
        ))
    pdf_a: bool | None = Field(None,
        description=(
            "Cetak PDF arsip (PDF/A-3b) yang membawa definisi YAML-nya sendiri sebagai lampiran sumber; "
            "'sop import BERKAS.pdf' mengembalikannya utuh. Bawaan: false."
        ))


class DisahkanOleh(_Model):
    """The signing official of Bagian Identitas item 6 (jabatan, nama, NIP; PermenPANRB 35/2012)."""

    jabatan: str = Field(
        description=(
            "Nomenklatur jabatan; baris baru memisahkan baris cetak, mis. 'CAMAT WONOASIH\\nKOTA "
            "PROBOLINGGO'."
        ))
    nama: str | None = Field(None, description="Nama lengkap dengan gelar, mis. 'DEUS NAWANDI, S. STP, M.Si'.")
    nip: str | None = Field(None,
        description=(
            "NIP 18 digit dalam tanda kutip; spasi boleh. Dicetak '19781204 199802 1 001'."
        ))
    pangkat: str | None = Field(None, description="Pangkat/golongan, mis. 'Pembina Tingkat I (IV/b)'.")
    label_nip: str = Field("NIP", description="Label nomor pegawai, mis. 'NI PPPK'.")

    @field_validator("nip")
    @classmethod
    def _check_nip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        problem = validate_nip(value)
        if problem:
            raise UserValueError(*problem)
        return value.replace(" ", "")


class Keputusan(_Model):
    """The Keputusan Camat that enacts the SOPs of a kecamatan (Unsur Dokumentasi b, PermenPANRB 35/2012).

    The SOP list of its lampiran is made from the folder's SOPs; the text comes from here.
    """

    nomor: str = Field(description="Nomor keputusan sesuai tata naskah dinas, dalam tanda kutip.")
    tanggal: Tgl = Field(None, description="Tanggal ditetapkan.")
    ditetapkan_di: str | None = Field(None, description="Tempat ditetapkan, mis. 'Wonoasih'.")
    tentang: str = Field(description="Judul keputusan (setelah kata TENTANG).")
    menimbang: TextList = Field(default_factory=list, description="Butir-butir Menimbang.")
    mengingat: TextList = Field(default_factory=list, description="Butir-butir Mengingat (peraturan).")
    diktum: TextList = Field(
        default_factory=list,
        description="Diktum KESATU, KEDUA, … (bawaan: penetapan SOP dalam lampiran dan saat berlaku).")


class Buku(_Model):
    """Options of the bound SOP book of a kecamatan (``sop book``)."""

    judul: str | None = Field(None, description="Judul halaman judul. Bawaan: 'STANDAR OPERASIONAL PROSEDUR'.")
    tahun: int | None = Field(None, description="Tahun pada halaman judul. Bawaan: tahun terbaru dari tanggal SOP.")
    keputusan: Keputusan | None = Field(None, description="Halaman Keputusan Camat (opsional).")
    formulir_monev: bool = Field(True, description="Lampirkan formulir monitoring (Tabel 7) dan evaluasi (Tabel 8).")


class Instansi(_Model):
    """``instansi.yaml``: the unit whose SOPs live in this folder (Bagian Identitas item 1)."""

    pemda: str = Field(description="Baris pertama kop, mis. 'PEMERINTAH KOTA PROBOLINGGO'.")
    unit: str = Field(description="Nama unit kerja, mis. 'KECAMATAN WONOASIH'.")
    subunit: str | None = Field(None, description="Sub-unit opsional, mis. 'SUB BAGIAN PROGRAM DAN KEUANGAN'.")
    logo: str | None = Field(None,
        description=(
            "Berkas logo (PNG/SVG/JPG), relatif terhadap folder ini; harus di dalam proyek."
        ))
    alamat: str | None = Field(None, description="Alamat kantor (untuk halaman judul).")
    disahkan_oleh: DisahkanOleh | None = Field(None,
        description=(
            "Pejabat pengesah bawaan untuk semua SOP di folder ini."
        ))
    render: RenderOptions | None = Field(None, description="Opsi cetak bawaan untuk semua SOP di folder ini.")
    buku: Buku | None = Field(None, description="Opsi buku SOP kecamatan ini (halaman judul, keputusan, lampiran).")


class Pelaksana(_Model):
    """One executor lane (a Pelaksana column of the flowchart table), in print order."""

    id: str = Field(description="Kunci pendek yang dipakai di langkah, mis. 'camat' (huruf kecil, angka, - atau _).")
    label: str = Field(description="Judul kolom yang dicetak, mis. 'Kasubbag Keuangan dan Program'.")

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        _require_slug(value, "id pelaksana")
        return value

    @field_validator("label")
    @classmethod
    def _check_label(cls, value: str) -> str:
        return _not_blank(value, "label")


class Langkah(_Model):
    """One row of Bagian Flowchart: an activity, its executor lane(s) and its Mutu Baku.

    The first and last steps are drawn as a kapsul (terminator), a step with ``ya``/``tidak``
    as a belah ketupat (decision), every other step as a kotak (process). The next step is
    the following row unless ``lanjut`` says otherwise.
    """

    id: str | None = Field(None, description="Nama pendek opsional untuk dirujuk oleh ya/tidak/lanjut.")
    kegiatan: str = Field(description="Uraian kegiatan: kata kerja aktif tanpa subjek.")
    pelaksana: Annotated[list[str], BeforeValidator(_as_list)] = Field(
        description="id pelaksana; daftar dua id bila dikerjakan bersamaan oleh dua pelaksana.")
    simbol: Literal["kapsul", "kotak", "belah_ketupat"] | None = Field(
        None, description="Paksa simbol; biasanya tidak perlu (ditentukan otomatis).")
    kelengkapan: TextList = Field(default_factory=list, description="Mutu Baku: kelengkapan/persyaratan.")
    waktu: str | None = Field(None, description="Mutu Baku: waktu dalam tanda kutip, mis. '10 menit', '1-2 hari'.")
    output: TextList = Field(default_factory=list, description="Mutu Baku: output langkah.")
    keterangan: str | None = Field(None, description="Kolom Keterangan.")
    lanjut: StepRef | None = Field(None, description="Langkah berikutnya bila bukan baris sesudahnya (nomor atau id).")
    ya: StepRef | None = Field(None, description="Keputusan: tujuan cabang 'Ya' (nomor atau id langkah).")
    tidak: StepRef | None = Field(None, description="Keputusan: tujuan cabang 'Tidak' (nomor atau id langkah).")
    label_ya: str | None = Field(None, description="Teks cabang Ya, mis. 'Disetujui'. Bawaan: 'Ya'.")
    label_tidak: str | None = Field(None, description="Teks cabang Tidak, mis. 'Tidak setuju'. Bawaan: 'Tidak'.")

    @field_validator("waktu")
    @classmethod
    def _check_waktu(cls, value: str | None) -> str | None:
        if value is None or value in {"", "-"}:
            return None
        parse_waktu(value)  # raises UserValueError with the allowed forms
        return value

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str | None) -> str | None:
        _require_slug(value, "id langkah")
        if value is not None and value.isdigit():
            raise UserValueError(f"id langkah '{value}' hanya berisi angka (tertukar dengan nomor langkah "
                                 "pada ya/tidak/lanjut)", "id dengan huruf, mis. 'periksa-berkas'")
        return value

    @field_validator("kegiatan")
    @classmethod
    def _check_kegiatan(cls, value: str) -> str:
        return _not_blank(value, "kegiatan")


class Tanggal(_Model):
    """The three dates of Bagian Identitas (items 3–5)."""

    pembuatan: Tgl = Field(None, description="Tanggal Pembuatan (SOP selesai disusun).")
    revisi: Tgl = Field(None, description="Tanggal Revisi, atau rencana tanggal reviu.")
    efektif: Tgl = Field(None, description="Tanggal Efektif/Pengesahan.")


class Pencabutan(_Model):
    """Why and since when an SOP is withdrawn (``status: dicabut``)."""

    tanggal: Tgl = Field(description="Tanggal pencabutan.")
    alasan: str = Field(description="Alasan pencabutan, mis. 'digantikan SOP pelayanan terpadu'.")
    pengganti: str | None = Field(None, description="Nama berkas (tanpa .yaml) SOP pengganti di folder "
                                                   "kecamatan yang sama.")

    @field_validator("alasan")
    @classmethod
    def _check_alasan(cls, value: str) -> str:
        return _not_blank(value, "alasan")

    @field_validator("pengganti")
    @classmethod
    def _check_pengganti(cls, value: str | None) -> str | None:
        _require_slug(value, "pengganti", example="pelayanan-terpadu")
        return value


class Revisi(_Model):
    """One entry of the revision history (Riwayat Revisi)."""

    tanggal: Tgl = Field(description="Tanggal revisi.")
    uraian: str = Field(description="Apa yang diubah.")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise UserValueError("angka tak terhingga atau bukan angka (inf/NaN) tidak dapat dipakai",
                             "angka biasa, mis. 82 atau '82,5'")
    return value


def _as_number(value: Any) -> Any:
    """Numbers may be written the Indonesian way: ``"82,14"``; infinite values are refused."""
    value = _finite(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if re.fullmatch(r"-?\d+(,\d+)?", text):
            return text.replace(",", ".")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
            return text.replace(".", "").replace(",", ".")
    return value


_RANGE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|s\.?d\.?)\s*(-?\d+(?:[.,]\d+)?)\s*$")


def _as_target(value: Any) -> Any:
    if isinstance(value, bool):
        raise UserValueError("target harus berupa angka", "angka, mis. 82 atau '82,5', atau rentang '80-90'")
    if isinstance(value, int | float):
        value = str(_finite(value))
    if isinstance(value, str):
        if value.strip().startswith("-"):
            raise UserValueError(f"target '{value}' negatif", "angka 0 atau lebih, mis. 82 atau '82,5'")
        if _RANGE.match(value) or re.fullmatch(r"-?\d+([.,]\d+)?", value.strip()):
            return value.strip()
        raise UserValueError(f"target '{value}' tidak dapat dibaca", "angka, mis. 82 atau '82,5', atau rentang '80-90'")
    return value


Angka = Annotated[dt_decimal.Decimal, BeforeValidator(_as_number)]
TargetText = Annotated[str, BeforeValidator(_as_target)]


class Indikator(_Model):
    """One LKjIP performance indicator with its data guidance (PermenPANRB 53/2014)."""

    id: str = Field(description="Kunci pendek, dirujuk dari SOP (jenis_dan_sumber_data), mis. 'ikm'.")
    sasaran: str | None = Field(None, description="Sasaran strategis yang diukur.")
    indikator: str = Field(description="Nama indikator kinerja, mis. 'Indeks Kepuasan Masyarakat (IKM)'.")
    definisi: str | None = Field(None, description="Definisi operasional.")
    formula: str | None = Field(None, description="Cara menghitung, mis. 'Σ NRR tertimbang × 25'.")
    satuan: str = Field(description="Satuan, mis. 'nilai', '%', 'lembaga'.")
    polaritas: Literal["maksimal", "minimal"] = Field(
        "maksimal", description="maksimal: makin tinggi makin baik; minimal: makin rendah makin baik.")
    target: dict[int, TargetText] = Field(
        default_factory=dict, description="Target per tahun; angka atau rentang '80-90'.")
    realisasi: dict[int, Angka] = Field(default_factory=dict, description="Realisasi per tahun.")
    survei: dict[int, str] = Field(
        default_factory=dict,
        description="Berkas survei IKM (CSV/XLSX, kolom U1–U9) per tahun, relatif terhadap folder ini; "
                    "IKM-nya menjadi realisasi tahun itu bila realisasi tidak ditulis.")
    jenis_data: str = Field(description="Jenis Data.")
    sumber_data: str = Field(description="Sumber Data.")
    metode_pengumpulan: str | None = Field(None, description="Cara data dikumpulkan dan diolah.")
    frekuensi: str | None = Field(None, description="Seberapa sering, mis. 'satu kali dalam satu tahun'.")
    penanggung_jawab: str | None = Field(None, description="Unit atau jabatan yang bertanggung jawab.")
    aplikasi: str | None = Field(None, description="Aplikasi yang dipakai, mis. 'Portal Emas'.")
    keterangan: str | None = Field(None, description="Keterangan.")

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        _require_slug(value, "id indikator")
        return value


class IndikatorFile(_Model):
    """``indikator.yaml``: the LKjIP indicators of the kecamatan in this folder."""

    indikator: list[Indikator] = Field(description="Indikator kinerja.")


class KategoriCapaian(_Model):
    """A rating band of capaian: from ``mulai`` (inclusive) or above ``lebih_dari`` (exclusive)."""

    mulai: Angka | None = Field(None, description="Batas bawah (termasuk), dalam persen.")
    lebih_dari: Angka | None = Field(None, description="Batas bawah (tidak termasuk), dalam persen.")
    kategori: str = Field(description="Nama kategori, mis. 'Sangat Baik'.")


class PemdaFile(_Model):
    """``<pemda>/pemda.yaml`` (optional): rules shared by all kecamatan of a pemda."""

    kategori_capaian: list[KategoriCapaian] | None = Field(
        None, description="Kategori capaian, dari yang tertinggi; bawaan: 91 Sangat Baik, 76 Baik, 66 Cukup, "
                          "51 Kurang, 0 Sangat Kurang.")
    batas_capaian: Angka | None = Field(None, description="Batas atas capaian dalam persen, mis. 120.")


class SopDefinition(_Model):
    """``<slug>.yaml``: one SOP AP — Bagian Identitas plus Bagian Flowchart."""

    kode: str | None = Field(
        None, description="Kunci keluarga SOP: SOP yang sama di kecamatan lain memakai kode yang sama.")
    nomor: str | None = Field(None, description="Nomor SOP sesuai tata naskah dinas, dalam tanda kutip.")
    nama: str = Field(description="Nama SOP (judul prosedur).")
    tanggal: Tanggal = Field(default_factory=Tanggal, description="Tanggal pembuatan, revisi, efektif.")
    status: Literal["draf", "berlaku", "dicabut"] = Field(
        "berlaku", description="Status SOP: draf (belum disahkan; PDF bertanda DRAF), berlaku (sejak tanggal "
                               "efektif) atau dicabut (isi pencabutan).")
    pencabutan: Pencabutan | None = Field(None, description="Tanggal, alasan dan SOP pengganti bila status dicabut.")
    disahkan_oleh: DisahkanOleh | None = Field(None, description="Pengesah khusus SOP ini (bawaan dari instansi.yaml).")
    dasar_hukum: TextList = Field(default_factory=list, description="Dasar Hukum, satu peraturan per butir.")
    kualifikasi_pelaksana: TextList = Field(default_factory=list, description="Kualifikasi Pelaksana.")
    keterkaitan: TextList = Field(default_factory=list, description="Keterkaitan dengan SOP lain.")
    peralatan_perlengkapan: TextList = Field(default_factory=list, description="Peralatan/Perlengkapan.")
    peringatan: TextList = Field(default_factory=list, description="Peringatan.")
    pencatatan_pendataan: TextList = Field(default_factory=list, description="Pencatatan dan Pendataan.")
    pelaksana: list[Pelaksana] = Field(description="Kolom pelaksana, urut kiri ke kanan.")
    langkah: list[Langkah] = Field(description="Langkah-langkah, urut dari atas ke bawah.")
    revisi: list[Revisi] = Field(default_factory=list, description="Riwayat revisi.")
    jenis_dan_sumber_data: TextList = Field(
        default_factory=list, description="id indikator (dari indikator.yaml) yang datanya dihasilkan SOP ini; "
                                          "dicetak sebagai bagian Jenis dan Sumber Data.")
    render: RenderOptions | None = Field(None, description="Opsi cetak khusus SOP ini.")

    @field_validator("kode")
    @classmethod
    def _check_kode(cls, value: str | None) -> str | None:
        _require_slug(value, "kode", example="penyusunan-lkjip")
        return value

    @field_validator("nama")
    @classmethod
    def _check_nama(cls, value: str) -> str:
        return _not_blank(value, "nama")
