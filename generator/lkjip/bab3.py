"""LKjIP Bab III "Target dan Realisasi Kinerja" rows of a kecamatan for one year, pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.lkjip.capaian import capaian, rate
from generator.model import Indikator, Instansi, Target

__all__ = ["BabIIIRow", "bab_iii_rows", "years_of"]


@dataclass(frozen=True)
class BabIIIRow:
    """One indicator's line of the Bab III table; missing values are ``None``."""

    number: int
    indikator: Indikator
    target: Target | None
    realisasi: Decimal | None
    capaian: Decimal | None
    kategori: str
    from_survey: bool


def bab_iii_rows(unit: Instansi, year: int) -> list[BabIIIRow]:
    """The Bab III rows of *unit*'s indicators for *year* (capaian capped and rated per pemda)."""
    rows = []
    for number, indicator in enumerate(unit.indikator, start=1):
        target = indicator.targets.get(year)
        realisasi = indicator.realisasi_for(year)
        value = None
        if target is not None and realisasi is not None:
            try:
                value = capaian(target, realisasi, indicator.polaritas, cap=unit.cap)
            except ValueError:
                value = None
        rows.append(BabIIIRow(number, indicator, target, realisasi, value,
                              rate(value, unit.bands) if value is not None else "-",
                              year not in indicator.realisasi and year in indicator.surveys))
    return rows


def years_of(unit: Instansi) -> list[int]:
    """Every year any indicator of *unit* has data for, newest first."""
    return sorted({y for i in unit.indikator for y in i.years}, reverse=True)
