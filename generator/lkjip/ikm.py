"""Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) and the Krejcie–Morgan sample size, pure.

Arithmetic is exact (fractions, reported as :class:`~decimal.Decimal`), so the published worked
example comes out exactly: NRR per unsur = sum of answers / answers given; weighted NRR = NRR × bobot;
IKM (1–4) = Σ weighted NRR; IKM converted (25–100) = IKM × 25; mutu and kinerja from the
converted value rounded to 2 decimals (half up). The bobot is exactly 1/9 by default;
0,111 and 0,11 reproduce legacy reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.formatting import round2
from generator.model import IkmResult, Mutu

__all__ = ["MUTU", "UNSUR", "compute_ikm", "krejcie_morgan", "mutu_of"]

UNSUR: tuple[str, ...] = (
    "Persyaratan", "Sistem, mekanisme, dan prosedur", "Waktu penyelesaian", "Biaya/tarif",
    "Produk spesifikasi jenis pelayanan", "Kompetensi pelaksana", "Perilaku pelaksana",
    "Penanganan pengaduan, saran dan masukan", "Sarana dan prasarana")
"""The nine unsur U1–U9 in the order of PermenPANRB 14/2017."""


MUTU: tuple[Mutu, ...] = (
    Mutu(Decimal("25.00"), Decimal("64.99"), Decimal("1.00"), Decimal("2.5996"), "D", "Tidak baik"),
    Mutu(Decimal("65.00"), Decimal("76.60"), Decimal("2.60"), Decimal("3.064"), "C", "Kurang baik"),
    Mutu(Decimal("76.61"), Decimal("88.30"), Decimal("3.0644"), Decimal("3.532"), "B", "Baik"),
    Mutu(Decimal("88.31"), Decimal("100.00"), Decimal("3.5324"), Decimal("4.00"), "A", "Sangat baik"),
)
"""Nilai persepsi 1–4 → NI, NIK, mutu pelayanan, kinerja unit (PermenPANRB 14/2017)."""


def mutu_of(converted: Decimal) -> Mutu:
    """The mutu row of an IKM on the 25–100 scale (classified after rounding to 2 decimals).

    Raises:
        ValueError: the value lies outside 25–100.

    >>> mutu_of(Decimal("88.30")).mutu, mutu_of(Decimal("88.305")).mutu, mutu_of(Decimal("76.6049")).mutu
    ('B', 'A', 'C')
    """
    value = round2(converted)
    for row in MUTU:
        if row.nik_low <= value <= row.nik_high:
            return row
    raise ValueError(f"IKM {value} di luar skala 25–100")


def compute_ikm(rows: Sequence[Sequence[int | None]], *, bobot: Decimal | None = None) -> IkmResult:
    """IKM of *rows* (one per respondent, one answer 1–4 or ``None`` per unsur).

    Raises:
        ValueError: no row, rows of different lengths, or an unsur nobody answered.
    """
    if not rows:
        raise ValueError("survei tanpa responden")
    count = len(rows[0])
    if any(len(r) != count for r in rows):
        raise ValueError("jumlah unsur tidak sama di setiap baris")
    weight = Fraction(str(bobot)) if bobot is not None else Fraction(1, count)
    answers, nrr = [], []
    for i in range(count):
        given = [r[i] for r in rows if r[i] is not None]
        if not given:
            raise ValueError(f"unsur U{i + 1} tidak dijawab oleh satu responden pun")
        answers.append(len(given))
        nrr.append(Fraction(sum(v for v in given if v is not None), len(given)))
    weighted = [n * weight for n in nrr]
    ikm = sum(weighted, Fraction(0))
    converted = _decimal(ikm * 25)
    return IkmResult(len(rows), tuple(answers), tuple(_decimal(n) for n in nrr),
                     tuple(_decimal(w) for w in weighted), _decimal(weight), _decimal(ikm), converted,
                     mutu_of(converted))


def _decimal(value: Fraction) -> Decimal:
    """An exact fraction as a Decimal (exact when it terminates, else 28 significant digits)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def krejcie_morgan(population: int) -> int:
    """Minimum sample for *population* (Krejcie & Morgan 1970: χ² 3,841, P 0,5, d 0,05), rounded.

    >>> [krejcie_morgan(n) for n in (50, 100, 1000, 1_000_000)]
    [44, 80, 278, 384]
    """
    if population < 1:
        raise ValueError("populasi harus lebih dari 0")
    chi, p, d = Decimal("3.841"), Decimal("0.5"), Decimal("0.05")
    n = Decimal(population)
    size = chi * n * p * (1 - p) / (d * d * (n - 1) + chi * p * (1 - p))
    return int(size.quantize(Decimal(1), ROUND_HALF_UP))
