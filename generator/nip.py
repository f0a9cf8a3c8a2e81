"""NIP (Nomor Induk Pegawai): validation and the printed ``8 6 1 3`` grouping.

Rule source: Perka BKN 22/2007 — 18 digits: birth date ``YYYYMMDD``, TMT CPNS ``YYYYMM``,
gender digit (1 = laki-laki, 2 = perempuan), a three-digit sequence; printed in groups
``8 6 1 3`` ("19780823 199802 1 001").
"""

from __future__ import annotations

import datetime as dt

__all__ = ["format_nip", "validate_nip"]

_ALLOWED = "18 angka: tanggal lahir YYYYMMDD, TMT YYYYMM, jenis kelamin 1/2, nomor urut 3 angka"


def validate_nip(raw: str) -> tuple[str, str] | None:
    """Return ``(message, allowed)`` when *raw* is not a valid NIP, else ``None``.

    Spaces are ignored.

    >>> validate_nip("19781204 199802 1 001") is None
    True
    >>> validate_nip("19781304199802 1001")[0]
    'NIP memuat tanggal lahir 19781304 yang tidak ada'
    """
    digits = raw.replace(" ", "")
    if not digits.isdigit() or len(digits) != 18:
        return (f"NIP '{raw}' harus 18 angka (sekarang {len(digits)} karakter)", _ALLOWED)
    try:
        dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return (f"NIP memuat tanggal lahir {digits[0:8]} yang tidak ada", _ALLOWED)
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < int(digits[0:4]):
        return (f"NIP memuat TMT {digits[8:14]} yang tidak mungkin", _ALLOWED)
    if digits[14] not in "12":
        return (f"NIP memuat digit jenis kelamin '{digits[14]}'", "1 (laki-laki) atau 2 (perempuan)")
    return None


def format_nip(raw: str) -> str:
    """Group an 18-digit NIP as printed on official documents.

    >>> format_nip("196904142007011031")
    '19690414 200701 1 031'
    """
    d = raw.replace(" ", "")
    return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"
