"""Indonesian dates and numbers as users read them ("2 Januari 2024", "82,14"), via babel."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

__all__ = ["BULAN", "format_angka", "format_tanggal", "parse_tanggal", "round2"]

BULAN: tuple[str, ...] = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                          "Agustus", "September", "Oktober", "November", "Desember")
_ID_DATE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*$")


def format_tanggal(value: dt.date | None, *, zero_pad: bool = False) -> str:
    """Format a date the Indonesian way; ``None`` prints ``"-"``.

    >>> format_tanggal(dt.date(2024, 1, 2))
    '2 Januari 2024'
    >>> format_tanggal(dt.date(2023, 1, 2), zero_pad=True)
    '02 Januari 2023'
    """
    if value is None:
        return "-"
    return format_date(value, "dd MMMM y" if zero_pad else "d MMMM y", locale="id")


def parse_tanggal(text: str) -> dt.date | None:
    """Read ``"2024-01-02"`` or ``"2 Januari 2024"``; ``None`` if neither.

    >>> parse_tanggal("14 Februari 2025")
    datetime.date(2025, 2, 14)
    """
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    match = _ID_DATE.match(text)
    if not match:
        return None
    months = [b.lower() for b in BULAN]
    name = match.group(2).lower()
    if name not in months:
        return None
    try:
        return dt.date(int(match.group(3)), months.index(name) + 1, int(match.group(1)))
    except ValueError:
        return None


def format_angka(value: float, decimals: int = 2) -> str:
    """Format a number with Indonesian separators.

    >>> format_angka(82.14)
    '82,14'
    >>> format_angka(1234.5, 1)
    '1.234,5'
    """
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="id")


def round2(value: Decimal) -> Decimal:
    """Round half up to 2 decimals, as reports print IKM and capaian (PermenPANRB 14/2017).

    >>> round2(Decimal("76.605"))
    Decimal('76.61')
    """
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)
