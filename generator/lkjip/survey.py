"""Read IKM questionnaire files (CSV or XLSX): one row per respondent, one column per unsur U1–U9.

Answers are 1–4; an empty cell means "not answered". Every problem is reported (row and column
named, never a traceback): a missing unsur column, a value outside 1–4, text in a score column,
an empty file.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from generator.errors import Location, Problem, os_reason

__all__ = ["UNSUR_COLUMNS", "read_survey"]

UNSUR_COLUMNS = tuple(f"U{i}" for i in range(1, 10))
_ALLOWED = "jawaban 1–4 (1 tidak baik … 4 sangat baik); kosongkan bila tidak dijawab"


def _cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


class _Unreadable(Exception):
    """The survey file cannot be read at all; the message is for the user."""


def _table(path: Path) -> list[list[object]]:
    """Every row of the file, blank ones included (so row numbers stay the file's own).

    Raises:
        _Unreadable: a corrupt or truncated XLSX, a CSV that is not UTF-8 text or has a field
            over the csv module's limit.
    """
    if path.suffix.lower() == ".xlsx":
        import zipfile

        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
            finally:
                book.close()
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, TypeError, IndexError) as exc:
            raise _Unreadable("berkas XLSX rusak atau terpotong") from exc
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"berkas bukan teks UTF-8 (bita ke-{exc.start + 1})") from exc
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return [list(row) for row in reader]
    except csv.Error as exc:
        raise _Unreadable(f"baris {reader.line_num}: sel CSV terlalu panjang atau tanda kutip tidak ditutup") from exc


def _score(value: object) -> int | str | None:
    """1–4, ``None`` for blank, or the offending text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and 1 <= value <= 4 else str(value)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"[1-4](?:[.,]0+)?", text):
        return int(text[0])
    return text


def read_survey(path: Path) -> tuple[list[list[int | None]], list[Problem]]:
    """The answers of every respondent (rows of 9 values, unsur order) and every problem found."""
    if path.suffix.lower() not in {".csv", ".xlsx"}:
        return [], [Problem(Location(path), f"format survei '{path.suffix}' tidak didukung", "CSV atau XLSX")]
    try:
        numbered = [(number, row) for number, row in enumerate(_table(path), start=1)
                    if any(str(c).strip() for c in row if c is not None)]
    except _Unreadable as exc:
        return [], [Problem(Location(path), f"berkas survei tidak dapat dibaca: {exc}", "CSV (UTF-8) atau XLSX")]
    except OSError as exc:
        return [], [Problem(Location(path), f"berkas survei tidak dapat dibaca: {os_reason(exc)}",
                            "CSV (UTF-8) atau XLSX")]
    if len(numbered) < 2:
        return [], [Problem(Location(path), "berkas survei kosong (tidak ada responden)",
                            "baris judul U1…U9, lalu satu baris per responden")]
    header_line, header_row = numbered[0]
    header = [str(c).strip().upper() if c is not None else "" for c in header_row]
    columns = {name: header.index(name) for name in UNSUR_COLUMNS if name in header}
    missing = [name for name in UNSUR_COLUMNS if name not in columns]
    if missing:
        return [], [Problem(Location(path, header_line, 1), f"kolom {', '.join(missing)} tidak ada di baris judul",
                            "kolom wajib: U1, U2, …, U9")]
    rows: list[list[int | None]] = []
    problems = []
    for number, raw in numbered[1:]:
        if path.suffix.lower() == ".csv" and len(raw) != len(header):
            problems.append(Problem(Location(path, number, 1), f"baris {number} punya {len(raw)} kolom, "
                                    f"seharusnya {len(header)} seperti baris judul", "satu sel per kolom judul"))
            continue
        values: list[int | None] = []
        for name in UNSUR_COLUMNS:
            col = columns[name]
            value = _score(raw[col] if col < len(raw) else None)
            if isinstance(value, str):
                problems.append(Problem(Location(path, number, col + 1),
                                        f"baris {number}, kolom {name} (sel {_cell_name(number, col)}): "
                                        f"nilai '{value}' bukan jawaban 1–4", _ALLOWED))
                values.append(None)
            else:
                values.append(value)
        rows.append(values)
    return rows, problems
