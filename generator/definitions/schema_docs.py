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
    Buku,
    DisahkanOleh,
    Indikator,
    IndikatorFile,
    Instansi,
    KategoriCapaian,
    Labels,
    Langkah,
    Pelaksana,
    PemdaFile,
    Pencabutan,
    RenderOptions,
    Revisi,
    SopDefinition,
    Tanggal,
)

__all__ = ["SCHEMA_DIR", "json_schemas", "reference_markdown"]

SCHEMA_DIR = Path(__file__).parent.parent / "schema"
"""The committed JSON Schemas; every definition file names them in its ``yaml-language-server`` line."""
_SECTIONS: list[tuple[str, str, type[BaseModel], str]] = [
    ("instansi.yaml", "instansi", Instansi,
     "Satu berkas per folder kecamatan: unit kerja yang memiliki SOP di folder itu (Bagian Identitas butir 1)."),
    ("disahkan_oleh", "disahkan-oleh", DisahkanOleh,
     "Pejabat yang mengesahkan SOP (Bagian Identitas butir 6): jabatan, nama dan NIP."),
    ("render", "render", RenderOptions,
     "Cara lembar SOP dicetak; ditulis di instansi.yaml dan dapat diganti per SOP (kosong berarti ikut instansi)."),
    ("render.labels", "render-labels", Labels,
     "Label yang dicetak di lembar; setiap kunci boleh dikosongkan (label PermenPANRB 35/2012 dipakai)."),
    ("SOP (<slug>.yaml)", "sop", SopDefinition,
     "Satu berkas per SOP AP: Bagian Identitas dan Bagian Flowchart."),
    ("tanggal", "tanggal", Tanggal, "Tiga tanggal Bagian Identitas (butir 3–5)."),
    ("pelaksana (butir)", "pelaksana", Pelaksana,
     "Satu kolom Pelaksana pada tabel flowchart, urut seperti dicetak."),
    ("langkah (butir)", "langkah", Langkah,
     "Satu baris Bagian Flowchart: kegiatan, pelaksananya dan Mutu Baku."),
    ("revisi (butir)", "revisi", Revisi, "Satu catatan Riwayat Revisi."),
    ("pencabutan", "pencabutan", Pencabutan,
     "Untuk SOP berstatus dicabut: sejak kapan, alasannya, dan SOP penggantinya bila ada."),
    ("buku", "buku", Buku, "Opsi buku SOP kecamatan: halaman judul, keputusan penetapan dan lampiran."),
    ("indikator.yaml", "indikator-yaml", IndikatorFile,
     "Indikator kinerja LKjIP kecamatan di folder ini, dengan jenis dan sumber datanya."),
    ("indikator (butir)", "indikator", Indikator,
     "Satu indikator kinerja LKjIP dengan panduan datanya (PermenPANRB 53/2014)."),
    ("pemda.yaml (opsional)", "pemda", PemdaFile,
     "Berkas <pemda>/pemda.yaml (boleh tidak ada): aturan bersama semua kecamatan satu pemda."),
    ("kategori_capaian (butir)", "kategori-capaian", KategoriCapaian,
     "Satu kategori capaian: mulai dari nilai mulai (termasuk) atau di atas lebih_dari (tidak termasuk)."),
]
"""The reference page's sections: printed key, anchor, schema model and what it is, in Indonesian."""
_ANCHOR = {model: anchor for _, anchor, model, _ in _SECTIONS}


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
        return "kumpulan kunci"  # reference_markdown links it to its section
    names = {str: "teks", bool: "true/false", int: "angka", float: "angka", Decimal: "angka", dt.date: "tanggal"}
    if annotation in names:
        return names[annotation]
    raise TypeError(f"no Indonesian name for the type {annotation!r}")  # a new schema type: name it above


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The schema models inside a field's type (``list[Langkah] | None`` → ``[Langkah]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _title_of(model: type[BaseModel]) -> str:
    return next(title for title, _, m, _ in _SECTIONS if m is model)


def reference_markdown() -> str:
    """The "Format YAML" reference page (Markdown with HTML tables), in Bahasa Indonesia."""
    parts = ["---", 'title: "Referensi format YAML"', "search:", "  boost: 0.1", "---",
             "<p>Halaman ini dibuat otomatis dari skema (<code>generator/definitions/schema.py</code>). "
             "Satu berkas per SOP di <code>sop_definitions/<wbr>&lt;pemda&gt;/<wbr>&lt;kecamatan&gt;/<wbr>"
             "&lt;slug&gt;.yaml</code>, "
             "ditambah satu <code>instansi.yaml</code> per folder kecamatan. Teks seperti NIP, nomor dan waktu "
             "ditulis dalam tanda kutip.</p>"]
    for title, anchor, model, about in _SECTIONS:
        parts.append(f'<h2 id="{anchor}">{html.escape(title)}</h2>')
        parts.append(f"<p>{html.escape(about)}</p>")
        parts.append(f'<div class="sop-scroll" tabindex="0" role="region" aria-label="Kunci {html.escape(title)}">'
                     '<table class="sop-index"><thead><tr><th>Kunci</th><th>Jenis</th>'
                     "<th>Wajib</th><th>Keterangan</th></tr></thead><tbody>")
        for name, field in model.model_fields.items():
            required = "ya" if field.is_required() else "tidak"
            kind = html.escape(_type_name(field.annotation))
            nested = [a for a in _models_in(field.annotation) if a in _ANCHOR]
            if nested:
                kind += " (" + ", ".join(f'<a href="#{_ANCHOR[a]}">lihat {html.escape(_title_of(a))}</a>'
                                         for a in nested) + ")"
            parts.append(f"<tr><td><code>{html.escape(name)}</code></td>"
                         f"<td>{kind}</td><td>{required}</td>"
                         f"<td>{html.escape(field.description or '')}</td></tr>")
        parts.append("</tbody></table></div>")
    return "\n".join(parts) + "\n"
