"""Turn pydantic validation errors into :class:`~generator.errors.Problem` messages in Bahasa Indonesia.

Each message names the YAML key, says what is wrong and what is allowed, and points at the
line and column of the offending key or value through the loader's :class:`Marks`.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.definitions.loader import Marks, PathKey
from generator.errors import Problem

__all__ = ["problems_from_validation_error", "shorten"]

_QUOTED_FIELDS = {"nip": "NIP", "nomor": "Nomor SOP", "waktu": "Waktu"}


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated/list to reach a model class (or return what is left)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The model class whose fields apply at *loc* (for did-you-mean suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _name(loc: PathKey) -> str:
    """Human name of a location: the last key, with a list index when inside a list."""
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return "dokumen"
    if len(loc) >= 2 and str(loc[-1]).isdigit() and isinstance(loc[-2], str) and not isinstance(loc[-1], int):
        return f"'{loc[-2]}' tahun {loc[-1]}"  # a per-year mapping such as target: {2024: 82}
    if isinstance(loc[-1], int):
        return f"butir ke-{loc[-1] + 1} '{keys[-1]}'"
    return f"'{keys[-1]}'"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "nilai benar/salah"
    if isinstance(value, int | float):
        return "angka"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "kumpulan kunci"
    if value is None:
        return "kosong"
    return "teks"


def _unknown_key(model: type[BaseModel], loc: PathKey) -> tuple[str, str]:
    key = str(loc[-1])
    parent = _model_at(model, loc[:-1])
    known = sorted(parent.model_fields) if parent else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"mungkin maksud Anda '{close[0]}'? " if close else ""
    return f"kunci '{key}' tidak dikenal", f"{hint}kunci yang dikenal: {', '.join(known)}"


def _translate(model: type[BaseModel], err: Any) -> tuple[str, str]:
    loc: PathKey = tuple(err["loc"])
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = _name(loc)
    last = loc[-1] if loc else ""
    if kind == "missing":
        return f"kunci wajib '{last}' belum diisi", f"tambahkan '{last}: …'"
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if kind == "string_type":
        if isinstance(last, str) and last in _QUOTED_FIELDS and isinstance(value, int | float):
            return (f"{_QUOTED_FIELDS[last]} harus ditulis sebagai teks dalam tanda kutip, bukan angka",
                    f'tulis {last}: "{value}"')
        if isinstance(value, int | float | bool):
            return f"{name} harus berupa teks, bukan {_kind(value)}", f'tulis dalam tanda kutip: "{value}"'
        return f"{name} harus berupa teks, bukan {_kind(value)}", "satu baris teks"
    if kind == "list_type":
        return f"{name} harus berupa daftar, bukan {_kind(value)}", "butir-butir diawali '- '"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (f"{name} harus berupa kumpulan 'kunci: nilai', bukan {_kind(value)}",
                "lihat contoh di dokumentasi format YAML")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"nilai '{value}' tidak dikenal untuk {name}", f"pilihan: {expected}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"{name} harus true atau false, bukan '{value}'", "true atau false"
    if kind == "value_error":
        error = ctx.get("error")
        return str(error), getattr(error, "allowed", "")
    if kind.startswith("date"):
        return f"{name} bukan tanggal yang valid", "tulis 2024-01-02 atau '2 Januari 2024'"
    if loc and loc[-1] == "[key]" and len(loc) >= 3:
        return f"tahun '{loc[-2]}' pada '{loc[-3]}' harus berupa angka", "tahun empat angka, mis. 2024: 82"
    if kind.startswith(("int_", "float_", "decimal_")) or kind in {"finite_number", "int_from_float"}:
        return f"{name} harus berupa angka, bukan '{shorten(value)}'", "angka, mis. 2024 atau 82,5"
    if kind in {"dict_type", "mapping_type"}:
        return f"{name} harus berupa kumpulan 'kunci: nilai'", "lihat contoh di dokumentasi format YAML"
    if kind in {"string_too_short", "too_short"}:
        return f"{name} kosong", "isi nilainya"
    if kind in {"string_too_long", "too_long"}:
        return f"{name} terlalu panjang", "persingkat"
    return f"nilai {name} tidak valid", "lihat dokumentasi format YAML"


def shorten(value: Any) -> str:
    """*value* as text, cut to 40 characters (the last one "…") for a message."""
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def problems_from_validation_error(
        model: type[BaseModel], exc: ValidationError, marks: Marks) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located with *marks*."""
    problems = []
    for err in exc.errors(include_url=False):
        loc: PathKey = tuple(err["loc"])
        message, allowed = _translate(model, err)
        if err["type"] == "missing":
            location = marks.at(loc[:-1])
        else:
            location = marks.at(loc, key=err["type"] == "extra_forbidden")
        problems.append(Problem(location, message, allowed))
    return problems
