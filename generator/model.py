"""The resolved SOP model the layout and renderers work on: no I/O, no YAML, no pydantic.

Built by :mod:`generator.definitions.validation` from a valid definition plus its ``instansi.yaml``.
Indices are 0-based (``Langkah.index``); printed numbers are 1-based (``Langkah.number``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from generator.formatting import format_angka, round2
from generator.waktu import Waktu

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_LABELS",
    "Band",
    "Buku",
    "Edge",
    "IkmResult",
    "Indikator",
    "Instansi",
    "Keputusan",
    "Langkah",
    "Mutu",
    "Options",
    "Pejabat",
    "Pelaksana",
    "Pencabutan",
    "Sop",
    "Status",
    "SymbolKind",
    "Target",
    "with_paper",
    "with_site",
]

SymbolKind = Literal["terminator", "process", "decision"]
"""The three node symbols of PermenPANRB 35/2012 (kapsul, kotak, belah ketupat).

The other two official symbols, anak panah (arrow) and segilima (off-page connector), are
drawn by the layout, never chosen by the author.
"""

Status = Literal["draf", "berlaku", "dicabut"]
"""Where an SOP stands: draf (not yet signed; its PDF is marked DRAF), berlaku (in force from
``tgl_efektif``) or dicabut (withdrawn; see :class:`Pencabutan`)."""


DEFAULT_LABELS: dict[str, str] = {
    "nomor": "Nomor SOP",
    "tgl_pembuatan": "Tanggal Pembuatan",
    "tgl_revisi": "Tanggal Revisi",
    "tgl_efektif": "Tanggal Efektif",
    "disahkan_oleh": "Disahkan oleh",
    "nama_sop": "Nama SOP",
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan",
    "no": "No",
    "kegiatan": "Kegiatan",
    "pelaksana": "Pelaksana",
    "mutu_baku": "Mutu Baku",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}
"""Printed labels, PermenPANRB 35/2012 wording; each can be overridden per instansi or SOP."""


@dataclass(frozen=True)
class Options:
    """Resolved render options (defaults ← instansi.yaml ← SOP file)."""

    paper: Literal["A4", "F4"] = "F4"
    orientation: Literal["landscape", "portrait"] = "landscape"
    labels: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    kolom_keterangan: bool = True
    nomor_kolom: bool = False
    signature_position: Literal["identity", "end", "both"] = "identity"
    date_zero_pad: bool = False
    pdf_a: bool = False
    """PDF/A-3b output carrying the definition file (issue 16 §3)."""
    situs: str | None = None
    """The handbook site's address (``site_url`` of ``mkdocs.yml``), not a YAML option: with it the
    sheet carries the verification QR code and code (issue 16 §2); ``None`` leaves them out."""


@dataclass(frozen=True)
class Pejabat:
    """The signing official; ``nip`` is already grouped for print (``19781204 199802 1 001``)."""

    jabatan: tuple[str, ...]
    nama: str | None
    nip: str | None
    pangkat: str | None
    label_nip: str = "NIP"


@dataclass(frozen=True)
class Keputusan:
    """The Keputusan Camat enacting a kecamatan's SOPs (its lampiran lists them)."""

    nomor: str
    tanggal: dt.date | None
    ditetapkan_di: str | None
    tentang: str
    menimbang: tuple[str, ...] = ()
    mengingat: tuple[str, ...] = ()
    diktum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Buku:
    """Options of a kecamatan's bound SOP book (``instansi.yaml`` → ``buku``)."""

    judul: str = "STANDAR OPERASIONAL PROSEDUR"
    tahun: int | None = None
    keputusan: Keputusan | None = None
    formulir_monev: bool = True


# The LKjIP values an Indikator holds (computed by generator.lkjip).

@dataclass(frozen=True)
class Target:
    """A target value, or a range ``low``–``high`` (equal when not a range)."""

    low: Decimal
    high: Decimal

    def __str__(self) -> str:
        low = format_angka(float(self.low), _decimals(self.low))
        if self.low == self.high:
            return low
        return f"{low}–{format_angka(float(self.high), _decimals(self.high))}"


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True)
class Band:
    """A rating band: values ``>= start`` (or ``> start`` when ``exclusive``) get ``label``."""

    start: Decimal
    label: str
    exclusive: bool = False

    def holds(self, value: Decimal) -> bool:
        """Whether *value* falls in this band or above it."""
        return value > self.start if self.exclusive else value >= self.start


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(Decimal(91), "Sangat Baik"), Band(Decimal(76), "Baik"), Band(Decimal(66), "Cukup"),
    Band(Decimal(51), "Kurang"), Band(Decimal(0), "Sangat Kurang"))


@dataclass(frozen=True)
class Mutu:
    """One row of the mutu table: NIK (25–100) interval, NI (1–4) interval, mutu and kinerja."""

    nik_low: Decimal
    nik_high: Decimal
    ni_low: Decimal
    ni_high: Decimal
    mutu: str
    kinerja: str


@dataclass(frozen=True)
class IkmResult:
    """The IKM of one survey; per-unsur lists are in unsur order."""

    respondents: int
    answers: tuple[int, ...]
    nrr: tuple[Decimal, ...]
    weighted: tuple[Decimal, ...]
    bobot: Decimal
    ikm: Decimal
    converted: Decimal
    mutu: Mutu

    @property
    def unsur_converted(self) -> tuple[Decimal, ...]:
        """Each unsur on the 25–100 scale (NRR × 25)."""
        return tuple(n * 25 for n in self.nrr)

    @property
    def lowest(self) -> int:
        """Index of the unsur with the lowest NRR (the first one on a tie): the improvement priority."""
        return min(range(len(self.nrr)), key=lambda i: (self.nrr[i], i))


@dataclass(frozen=True)
class Indikator:
    """An LKjIP indicator of a kecamatan: definition, data guidance, targets and realisasi per year.

    ``surveys`` holds the IKM computed from the survey file of a year; it is the realisasi of
    that year when none is written (see :meth:`realisasi_for`).
    """

    id: str
    sasaran: str | None
    indikator: str
    satuan: str
    polaritas: Literal["maksimal", "minimal"]
    jenis_data: str
    sumber_data: str
    definisi: str | None = None
    formula: str | None = None
    metode_pengumpulan: str | None = None
    frekuensi: str | None = None
    penanggung_jawab: str | None = None
    aplikasi: str | None = None
    keterangan: str | None = None
    targets: dict[int, Target] = field(default_factory=dict)
    realisasi: dict[int, Decimal] = field(default_factory=dict)
    surveys: dict[int, IkmResult] = field(default_factory=dict)

    def realisasi_for(self, year: int) -> Decimal | None:
        """The written realisasi of *year*, else its survey's IKM (25–100, 2 decimals), else ``None``."""
        if year in self.realisasi:
            return self.realisasi[year]
        if year in self.surveys:
            return round2(self.surveys[year].converted)
        return None

    @property
    def years(self) -> list[int]:
        """Every year with a target, a realisasi or a survey, newest first."""
        return sorted(set(self.targets) | set(self.realisasi) | set(self.surveys), reverse=True)


@dataclass(frozen=True)
class Instansi:
    """The instansi block of the identity table; ``logo`` is an absolute, checked path.

    ``kepala`` is the folder's default signing official (the Camat), who also signs the
    Keputusan of the book.
    """

    pemda: str
    unit: str
    subunit: str | None
    logo: Path | None
    alamat: str | None
    kepala: Pejabat | None = None
    buku: Buku = field(default_factory=Buku)
    indikator: tuple[Indikator, ...] = ()
    bands: tuple[Band, ...] = DEFAULT_BANDS
    cap: Decimal | None = None
    """Upper limit of capaian in percent (pemda rule), or ``None``."""

    def find_indikator(self, indikator_id: str) -> Indikator:
        """The indicator with *indikator_id* (validated to exist)."""
        return next(i for i in self.indikator if i.id == indikator_id)


@dataclass(frozen=True)
class Pelaksana:
    """A Pelaksana column."""

    id: str
    label: str


@dataclass(frozen=True)
class Langkah:
    """One flowchart row; ``lanes`` holds lane indices (two for a step done by two lanes)."""

    index: int
    kegiatan: str
    pelaksana: tuple[int, ...]
    symbol: SymbolKind
    kelengkapan: tuple[str, ...]
    waktu: Waktu | None
    output: tuple[str, ...]
    keterangan: str | None

    @property
    def number(self) -> int:
        """The printed step number (1-based)."""
        return self.index + 1


@dataclass(frozen=True)
class Edge:
    """A flow arrow from step ``source`` to step ``target`` (indices); ``label`` for decisions."""

    source: int
    target: int
    kind: Literal["next", "ya", "tidak"]
    label: str | None = None

    @property
    def is_sequential(self) -> bool:
        """True for an arrow into the very next row (drawn straight or with one elbow)."""
        return self.target == self.source + 1


@dataclass(frozen=True)
class Pencabutan:
    """The withdrawal of an SOP: since when, why, and the file slug of the SOP replacing it."""

    tanggal: dt.date
    alasan: str
    pengganti: str | None = None


@dataclass(frozen=True)
class Sop:
    """One SOP AP ready for layout: Bagian Identitas plus Bagian Flowchart."""

    slug: str
    source: Path
    pemda_slug: str
    kecamatan_slug: str
    instansi: Instansi
    nomor: str | None
    nama: str
    tgl_pembuatan: dt.date | None
    tgl_revisi: dt.date | None
    tgl_efektif: dt.date | None
    disahkan_oleh: Pejabat | None
    identitas: dict[str, tuple[str, ...]]
    pelaksana: tuple[Pelaksana, ...]
    langkah: tuple[Langkah, ...]
    edges: tuple[Edge, ...]
    total_waktu: str
    options: Options
    revisi: tuple[tuple[dt.date | None, str], ...] = ()
    kode: str | None = None
    jenis_dan_sumber_data: tuple[str, ...] = ()
    """Ids of the kecamatan's indicators whose data this SOP produces."""
    status: Status = "berlaku"
    pencabutan: Pencabutan | None = None
    """Set exactly when ``status`` is ``dicabut`` (validated)."""
    kode_verifikasi: str = ""
    """The short code of this version of the SOP (:func:`generator.verifikasi.verification_code`)."""

    @property
    def key(self) -> str:
        """Stable id across the handbook: ``<pemda>/<kecamatan>/<slug>``."""
        return f"{self.pemda_slug}/{self.kecamatan_slug}/{self.slug}"

    @property
    def kekurangan(self) -> tuple[str, ...]:
        """What an official sheet needs and this SOP lacks, in Indonesian, in sheet order.

        The Nomor SOP, the Tgl Pengesahan (``tgl_efektif``) and the signing official's name and
        NIP (Bagian Identitas, PermenPANRB 35/2012). Empty for a draf: it is not official yet.
        """
        if self.status == "draf":
            return ()
        missing = []
        if not self.nomor:
            missing.append("nomor SOP")
        if self.tgl_efektif is None:
            missing.append("tanggal pengesahan")
        if self.disahkan_oleh is None or not self.disahkan_oleh.nama:
            missing.append("nama pengesah")
        if self.disahkan_oleh is None or not self.disahkan_oleh.nip:
            missing.append("NIP pengesah")
        return tuple(missing)

    def outgoing(self, index: int) -> list[Edge]:
        """Edges leaving step *index*."""
        return [e for e in self.edges if e.source == index]


def with_site(sop: Sop, situs: str | None) -> Sop:
    """*sop* printed for the site at *situs* (see :attr:`Options.situs`), or unchanged when equal."""
    if sop.options.situs == situs:
        return sop
    return dataclasses.replace(sop, options=dataclasses.replace(sop.options, situs=situs))


def with_paper(sop: Sop, paper: str | None) -> Sop:
    """*sop* with its paper size overridden (``A4``/``F4``), or unchanged when ``None``."""
    if paper is None:
        return sop
    options = dataclasses.replace(sop.options, paper=paper)  # type: ignore[arg-type]
    return dataclasses.replace(sop, options=options)
