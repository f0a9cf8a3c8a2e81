"""Generated documentation of the YAML format: the JSON Schemas and the reference page.

Both come from :mod:`generator.schema`, never hand-copied: ``sop schema`` rewrites the
committed JSON Schemas (a test checks they are current) and the handbook site renders the
reference page at build time.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.definitions.schema import (
    DisahkanOleh,
    Indikator,
    IndikatorFile,
    Instansi,
    KategoriCapaian,
    Labels,
    Langkah,
    Pelaksana,
    PemdaFile,
    RenderOptions,
    Revisi,
    SopDefinition,
    Tanggal,
)

__all__ = ["SCHEMA_DIR", "json_schemas", "reference_markdown"]

SCHEMA_DIR = Path(__file__).parent.parent / "schema"
"""The committed JSON Schemas; every definition file names them in its ``yaml-language-server`` line."""
_SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("instansi.yaml", Instansi), ("disahkan_oleh", DisahkanOleh), ("render", RenderOptions),
    ("render.labels", Labels), ("SOP (<slug>.yaml)", SopDefinition), ("tanggal", Tanggal),
    ("pelaksana (butir)", Pelaksana), ("langkah (butir)", Langkah), ("revisi (butir)", Revisi),
    ("indikator.yaml", IndikatorFile), ("indikator (butir)", Indikator),
    ("pemda.yaml (opsional)", PemdaFile), ("kategori_capaian (butir)", KategoriCapaian),
]


def json_schemas(extra: Mapping[str, type[BaseModel]] | None = None) -> dict[str, str]:
    """File name → JSON Schema text: the definition files (for editors), then *extra*.

    *extra* (file name → pydantic model) adds the schemas of later stages' outputs, e.g.
    ``{"diff.schema.json": SopDiff}`` for ``sop diff --format json``; the definitions stage
    does not import them.
    """
    models: dict[str, type[BaseModel]] = {"sop.schema.json": SopDefinition, "instansi.schema.json": Instansi,
                                          "indikator.schema.json": IndikatorFile, "pemda.schema.json": PemdaFile,
                                          **(extra or {})}
    out = {}
    for name, model in models.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " atau ".join(_type_name(a) for a in args if a is not type(None))
    if origin is list:
        return f"daftar {_type_name(args[0])}"
    if origin is typing.Literal:
        return "salah satu: " + ", ".join(str(a) for a in args)
    if origin is dict:
        return f"{_type_name(args[1])} per {'tahun' if args[0] is int else _type_name(args[0])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"kumpulan ({annotation.__name__})"
    names = {str: "teks", bool: "true/false", int: "angka", float: "angka", Decimal: "angka", dt.date: "tanggal"}
    if annotation in names:
        return names[annotation]
    raise TypeError(f"no Indonesian name for the type {annotation!r}")  # a new schema type: name it above


def reference_markdown() -> str:
    """The "Format YAML" reference page (Markdown with HTML tables), in Bahasa Indonesia."""
    parts = ["---", 'title: "Referensi format YAML"', "---",
             "<p>Halaman ini dibuat otomatis dari skema (<code>generator/definitions/schema.py</code>). "
             "Satu berkas per SOP di <code>sop_definitions/&lt;pemda&gt;/&lt;kecamatan&gt;/&lt;slug&gt;.yaml</code>, "
             "ditambah satu <code>instansi.yaml</code> per folder kecamatan. Teks seperti NIP, nomor dan waktu "
             "ditulis dalam tanda kutip.</p>"]
    for title, model in _SECTIONS:
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(f"<p>{html.escape(doc)}</p>")
        parts.append('<table class="sop-index"><thead><tr><th>Kunci</th><th>Jenis</th>'
                     "<th>Wajib</th><th>Keterangan</th></tr></thead><tbody>")
        for name, field in model.model_fields.items():
            required = "ya" if field.is_required() else "tidak"
            parts.append(f"<tr><td><code>{html.escape(name)}</code></td>"
                         f"<td>{html.escape(_type_name(field.annotation))}</td><td>{required}</td>"
                         f"<td>{html.escape(field.description or '')}</td></tr>")
        parts.append("</tbody></table>")
    return "\n".join(parts) + "\n"
