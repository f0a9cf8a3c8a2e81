"""Capaian kinerja (LKjIP, PermenPANRB 53/2014 practice) and its rating bands, pure.

* higher is better (``polaritas: maksimal``): capaian = realisasi / target × 100 %;
* lower is better (``minimal``): capaian = (target − (realisasi − target)) / target × 100 %;
* a range target ``lo–hi``: realisasi inside the range is 100 %; above it the upper bound is the
  target, below it the lower bound (the practice of kecamatan LKjIP reports).

Rating bands are local (per pemda); the default is the Sampang set (91–100 Sangat Baik, 76–90
Baik, 66–75 Cukup, 51–65 Kurang, ≤ 50 Sangat Kurang).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from generator.formatting import format_angka
from generator.model import DEFAULT_BANDS, Band, Target

__all__ = ["capaian", "format_persen", "rate"]


def capaian(target: Target, realisasi: Decimal, polaritas: Literal["maksimal", "minimal"],
            *, cap: Decimal | None = None) -> Decimal:
    """Capaian in percent (not rounded); *cap* limits it (e.g. 120).

    Raises:
        ValueError: the target is zero (capaian undefined).

    >>> capaian(Target(Decimal(5), Decimal(5)), Decimal(4), "minimal") == 120
    True
    >>> round(capaian(Target(Decimal("82.00"), Decimal("82.00")), Decimal("82.14"), "maksimal"), 2)
    Decimal('100.17')
    >>> capaian(Target(Decimal(80), Decimal(90)), Decimal(85), "maksimal")
    Decimal('100')
    """
    if target.low <= realisasi <= target.high:
        value = Decimal(100)
    else:
        base = target.high if realisasi > target.high else target.low
        if base == 0:
            raise ValueError("target 0: capaian tidak dapat dihitung")
        ratio = realisasi / base
        value = ratio * 100 if polaritas == "maksimal" else (2 - ratio) * 100
    return min(value, cap) if cap is not None else value


def rate(value: Decimal, bands: Sequence[Band] = DEFAULT_BANDS) -> str:
    """The label of the first band *value* (percent) reaches; "-" below every band."""
    for band in bands:
        if band.holds(value):
            return band.label
    return "-"


def format_persen(value: Decimal | None) -> str:
    """``Decimal('100.1707')`` → ``'100,17 %'``; ``None`` → ``'-'``."""
    return "-" if value is None else f"{format_angka(float(round(value, 2)))} %"
