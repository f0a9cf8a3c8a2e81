"""Mutu Baku *Waktu*: parse ``"10 menit"``, ``"1-2 hari"`` and add them up.

The sum is not regulated (PermenPANRB 35/2012 asks only for the time of each step). The rule
here: add along the main path (from step 1, forward, preferring "Ya"; returns are the best
case's absence), keep units apart (no day↔hour conversion: a working day has no fixed length),
and only carry minutes into hours at 60.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from generator.errors import UserValueError

__all__ = ["UNITS", "Waktu", "format_total", "parse_waktu", "total_waktu"]

UNITS: tuple[str, ...] = ("bulan", "minggu", "hari", "jam", "menit")
"""Allowed units, largest first (the order totals are printed in)."""

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PATTERN = re.compile(
    rf"^\s*{_NUMBER}(?:\s*(?:-|–|s\.?d\.?|sampai)\s*{_NUMBER})?\s*({'|'.join(UNITS)})\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Waktu:
    """A parsed duration: ``low``–``high`` (equal when not a range) in ``unit``; ``text`` as written."""

    low: Fraction
    high: Fraction
    unit: str
    text: str


def _num(text: str) -> Fraction:
    return Fraction(text.replace(",", "."))


def parse_waktu(text: str) -> Waktu:
    """Parse a Waktu cell.

    Raises:
        generator.errors.UserValueError: the text is not ``<angka> <satuan>`` or a range.

    >>> parse_waktu("1-2 Hari")
    Waktu(low=Fraction(1, 1), high=Fraction(2, 1), unit='hari', text='1-2 Hari')
    """
    match = _PATTERN.match(text)
    if not match:
        raise UserValueError(f"waktu '{text}' tidak dapat dibaca",
                             "angka lalu satuan: menit, jam, hari, minggu, bulan; mis. '10 menit', '1-2 hari'")
    low = _num(match.group(1))
    high = _num(match.group(2)) if match.group(2) else low
    if high < low:
        raise UserValueError(f"rentang waktu '{text}' terbalik", "angka kecil dahulu, mis. '1-2 hari'")
    return Waktu(low, high, match.group(3).lower(), text)


def total_waktu(items: Iterable[Waktu]) -> dict[str, tuple[Fraction, Fraction]]:
    """Sum per unit; minutes beyond 60 are carried into hours, nothing else is converted."""
    sums: dict[str, list[Fraction]] = {u: [Fraction(0), Fraction(0)] for u in UNITS}
    for item in items:
        sums[item.unit][0] += item.low
        sums[item.unit][1] += item.high
    for i in (0, 1):
        carry, sums["menit"][i] = divmod(sums["menit"][i], 60)
        sums["jam"][i] += carry
    return {u: (lo, hi) for u, (lo, hi) in sums.items() if hi}


def _fmt(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def format_total(total: dict[str, tuple[Fraction, Fraction]]) -> str:
    """Print a total as ``"7 hari 2 jam 15 menit"`` (ranges as ``"7-9 hari"``); ``"-"`` if empty.

    >>> format_total(total_waktu([parse_waktu("575 menit"), parse_waktu("1 hari")]))
    '1 hari 9 jam 35 menit'
    """
    parts = []
    for unit in UNITS:
        if unit in total:
            lo, hi = total[unit]
            parts.append(f"{_fmt(lo)} {unit}" if lo == hi else f"{_fmt(lo)}-{_fmt(hi)} {unit}")
    return " ".join(parts) if parts else "-"
