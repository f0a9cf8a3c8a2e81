"""Read an SOP AP Word document (.docx) into a YAML draft (issue 15 §1, first part).

What is read (python-docx, and the raw XML of each cell for the drawn symbols):

* the identity table, found by its labels whatever their case or punctuation ("Nomor SOP",
  "Tgl. Pembuatan", "Disahkan Oleh", "Nama SOP", …); a label's value is the next cell of its
  row, or — for the list sections (Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan,
  Peralatan/Perlengkapan, Peringatan, Pencatatan dan Pendataan) — the cell below it;
* the flowchart table, found by its header ("Kegiatan"/"Uraian Prosedur"/"Aktivitas",
  "Pelaksana"/"Pelaku", "Mutu Baku"/"Baku Mutu"); its lane labels from the header row under
  "Pelaksana"; the column-number row skipped; one step per row;
* the lane of a step: the lane cell holding its symbol — a DrawingML shape (``wp:inline`` or
  ``wp:anchor`` inside the cell), a VML shape (``v:rect``, ``v:roundrect``, ``v:shape``), or a
  text mark ("X", "√", "✓", "v", or the symbol's name) — or a DrawingML shape floating over the
  lane from another cell of the row, placed by its offset from the page, the margin or its cell,
  measured against the table grid (``w:tblGrid``); its kind from the shape's geometry
  (``flowChartDecision``/``diamond``, ``flowChartTerminator``/``roundRect``, or VML types 110,
  116) or from its place (first and last steps are the capsules).

A decision's Ya/Tidak targets are read from its shape's alternative text when it names them
("Ya → langkah 6; Tidak → langkah 4", what a screen reader reads for the drawing). Otherwise
they are guessed, marked ``# PERIKSA:`` on their line (connectors are not read yet: Ya → the
next step, Tidak → the step before), as are a step without a symbol and a missing name.
Not read yet (left for a later change): connectors, and VML shapes floating outside their
lane cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.definitions import read_yaml, suggest_slug, validate_source
from generator.errors import Problem, SopError

__all__ = ["ImportRefused", "Imported", "import_docx"]


class ImportRefused(SopError):
    """A file ``sop import`` does not read (not a .docx, or not a Word file at all)."""


@dataclass
class Imported:
    """A draft and what ``sop import`` says about it.

    Its YAML text; what was read, guessed and left out (Indonesian lines); and the problems
    ``sop check`` would still report (what the user has to fix).
    """

    yaml_text: str
    read: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _norm(text: str) -> str:
    """A label for matching: lower case, letters only ("Tgl. Pembuatan :" → "tglpembuatan")."""
    return re.sub(r"[^a-z]", "", text.lower())


_SCALARS = {
    "nomorsop": "nomor", "nomor": "nomor", "nomorstandaroperasionalprosedur": "nomor", "no": None,
    "namasop": "nama", "nama": "nama", "namastandaroperasionalprosedur": "nama",
    "tglpembuatan": "pembuatan", "tanggalpembuatan": "pembuatan",
    "tglrevisi": "revisi", "tanggalrevisi": "revisi",
    "tglefektif": "efektif", "tanggalefektif": "efektif", "tglpengesahan": "efektif",
    "tanggalpengesahan": "efektif",
    "disahkanoleh": "disahkan",
}
_LISTS = {
    "dasarhukum": "dasar_hukum", "kualifikasipelaksana": "kualifikasi_pelaksana", "keterkaitan": "keterkaitan",
    "peralatanperlengkapan": "peralatan_perlengkapan", "persyaratanperlengkapan": "peralatan_perlengkapan",
    "peringatan": "peringatan", "pencatatandanpendataan": "pencatatan_pendataan",
    "pencatatanpendataan": "pencatatan_pendataan",
}
_JABATAN = re.compile(r"\b(?:camat|kepala|sekretaris|lurah|bupati|wali\s*kota|plt|plh|a\.?\s?n\.?|pemerintah|"
                      r"kecamatan|kabupaten|kota|kasubbag|kasi|pembina|penata)\b", re.I)
_KEGIATAN = {"kegiatan", "uraianprosedur", "aktivitas", "uraiankegiatan"}
_LANES = {"pelaksana", "pelaku"}
_MARKS = {"x", "v", "√", "✓", "✔", "mulai", "selesai", "proses", "keputusan", "kapsul", "kotak"}


def _cell_text(cell: Any) -> str:
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _grid(table: Any) -> list[list[Any]]:
    """The table's cells by grid position (a merged cell appears at every position it covers)."""
    return [list(row.cells) for row in table.rows]


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_EMU_PER_TWIP = 635


def _kind_of(xml: str) -> str:
    """The symbol a shape's XML draws: decision, terminator, or process."""
    if re.search(r'prst="(?:flowChartDecision|diamond)"|o:spt="110"|_x0000_t110', xml):
        return "decision"
    if re.search(r'prst="(?:flowChartTerminator|roundRect|flowChartAlternateProcess)"|<v:roundrect\b|o:spt="116"'
                 r'|_x0000_t116', xml):
        return "terminator"
    return "process"


def _anchored_lanes(table: Any, r: int, lanes: list[int], page_left: int) -> list[tuple[int, str]]:
    """Shapes anchored in row *r* outside its lane cells, put in the lane their centre falls in.

    Word positions such a shape by an offset from the page, the margin or the cell holding its
    paragraph (``wp:positionH``); the lane columns' x-positions come from the table grid
    (``w:tblGrid``, in twips), the table starting at the left margin. Returns (lane number,
    kind) pairs; a shape whose centre falls in no lane is left out.
    """
    from docx.oxml.ns import qn
    from lxml import etree

    edges = [0]
    for column in table._tbl.tblGrid.findall(qn("w:gridCol")):
        edges.append(edges[-1] + int(column.get(qn("w:w")) or 0) * _EMU_PER_TWIP)
    found: list[tuple[int, str]] = []
    start = 0
    for tc in table.rows[r]._tr.findall(qn("w:tc")):
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        width = int(span.get(qn("w:val"))) if span is not None else 1
        if start not in lanes:
            for anchor in tc.iter(f"{_WP}anchor"):
                position, extent = anchor.find(f"{_WP}positionH"), anchor.find(f"{_WP}extent")
                offset = position.find(f"{_WP}posOffset") if position is not None else None
                if offset is None or extent is None or offset.text is None:
                    continue
                base = {"page": -page_left, "margin": 0, "column": edges[start]}.get(
                    position.get("relativeFrom", ""), 0)
                centre = base + int(offset.text) + int(extent.get("cx", "0")) / 2
                lane = next((k for k, c in enumerate(lanes) if edges[c] <= centre < edges[c + 1]), None)
                if lane is not None:
                    found.append((lane, _kind_of(etree.tostring(anchor, encoding="unicode"))))
        start += width
    return found


def _symbol_in(cell: Any) -> str | None:
    """The kind of symbol drawn or marked in a lane cell, ``"mark"`` for a text mark, or ``None``."""
    xml = cell._tc.xml  # the raw cell XML: python-docx offers no shapes API
    if re.search(r"<w:drawing\b|<v:rect\b|<v:roundrect\b|<v:shape\b|<mc:AlternateContent\b", xml):
        return _kind_of(xml)
    text = _norm(_cell_text(cell)) or _cell_text(cell).strip().lower()
    return "mark" if text in _MARKS or _cell_text(cell).strip() in _MARKS else None


_BRANCHES = re.compile(r"ya\s*(?:→|->|ke)?\s*(?:langkah\s*)?(\d+)\s*[;,]\s*tidak\s*(?:→|->|ke)?\s*"
                       r"(?:langkah\s*)?(\d+)", re.I)
"""A decision's targets in its shape's alternative text ("Ya → langkah 6; Tidak → langkah 4"), the
text a screen reader reads for the drawing and the one ``sop`` writes in exported files."""


def _branches_in(cell: Any) -> tuple[int, int] | None:
    """The Ya and Tidak step numbers a decision shape's alternative text names, if any."""
    for text in re.findall(r'(?:descr|title|alt)="([^"]*)"', cell._tc.xml):
        match = _BRANCHES.search(text.replace("&gt;", ">"))
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def _jump_in(cell: Any) -> int | None:
    """The step a shape's alternative text says the flow goes on to ("Lanjut → langkah 9"), if any."""
    for text in re.findall(r'(?:descr|title|alt)="([^"]*)"', cell._tc.xml):
        match = re.search(r"lanjut\s*(?:→|->|ke)?\s*(?:langkah\s*)?(\d+)", text.replace("&gt;", ">"), re.I)
        if match:
            return int(match.group(1))
    return None


def _find_identity(tables: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for table in tables:
        grid = _grid(table)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                label = _norm(_cell_text(cell))
                key = _SCALARS.get(label) or _LISTS.get(label)
                if not key or key in found:
                    continue
                if label in _LISTS:
                    below = grid[r + 1][c] if r + 1 < len(grid) and c < len(grid[r + 1]) else None
                    if below is not None and below is not cell:
                        items = [re.sub(r"^\s*(?:\d+[.)]|[-•])\s*", "", line) for line in _cell_text(below).split("\n")]
                        found[key] = [item for item in items if item]
                    continue
                rest = [x for x in row[c + 1:] if x is not cell and _cell_text(x).strip(" :")]
                if rest and _cell_text(rest[0]).strip(" :") not in {"-", "–"}:
                    found[key] = _cell_text(rest[0]).strip(" :")
                elif rest:
                    found[key] = ""
    return found


def _quote(text: str) -> str:
    """*text* as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _flow_table(tables: list[Any]) -> tuple[Any, int] | None:
    """The flowchart table and the index of its header row (the one naming Kegiatan)."""
    for table in tables:
        for r, row in enumerate(_grid(table)):  # the identity may share the table, above the flowchart
            labels = {_norm(_cell_text(cell)) for cell in row}
            if labels & _KEGIATAN and labels & _LANES:
                return table, r
    return None


def import_docx(path: Path, draft: Path | None = None) -> Imported:
    """Read the Word document at *path* into a YAML draft (see the module's description).

    *draft* is where the draft will be written (default: *path* with ``.yaml``): the problems
    are located in it.

    Raises:
        ImportRefused: *path* is a .doc or .pdf (say how to convert), or not a Word file.
    """
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ImportRefused(f"{path.name}: berkas Word lama (.doc) tidak dibaca; simpan dulu sebagai .docx "
                            f"(Word: Simpan Sebagai → .docx, atau 'soffice --headless --convert-to docx {path.name}')")
    if suffix == ".pdf":
        raise ImportRefused(f"{path.name}: PDF tidak dibaca sebagai dokumen SOP; buka dokumen Word aslinya, atau "
                            f"ubah PDF menjadi .docx lalu periksa hasilnya ('soffice --headless --infilter="
                            f"writer_pdf_import --convert-to docx {path.name}')")
    if suffix != ".docx" or not zipfile.is_zipfile(path):
        raise ImportRefused(f"{path.name}: bukan berkas Word .docx")
    import docx

    document = docx.Document(str(path))
    tables = list(document.tables)
    result = Imported("")
    identity = _find_identity(tables)
    flow = _flow_table(tables)
    lines = ["# yaml-language-server: $schema=../../../generator/schema/sop.schema.json",
             f"# Diimpor dari {path.name} oleh 'sop import'. Periksa setiap baris bertanda PERIKSA."]
    nama = identity.get("nama") or path.stem.replace("-", " ").replace("_", " ")
    lines.append(f"nama: {_quote(str(nama))}" + ("" if identity.get("nama") else
                                                  "  # PERIKSA: nama SOP tidak ditemukan; diambil dari nama berkas"))
    if "nama" not in identity:
        result.guessed.append("nama SOP (dari nama berkas)")
    identity = {k: v for k, v in identity.items() if v not in ("", [])}
    if identity.get("nomor"):
        lines.append(f"nomor: {_quote(str(identity['nomor']))}")
    lines.append("status: draf  # PERIKSA: ubah menjadi 'berlaku' setelah disahkan")
    dates = {k: identity[k] for k in ("pembuatan", "revisi", "efektif") if identity.get(k) and identity[k] != "-"}
    if dates:
        lines.append("tanggal:")
        lines += [f"  {k}: {_quote(str(v))}" for k, v in dates.items()]
    if identity.get("disahkan"):
        parts = [p.strip() for p in str(identity["disahkan"]).split("\n") if p.strip()]
        nip = next((re.sub(r"\D", "", p) for p in parts if _norm(p).startswith("nip")), "")
        others = [p for p in parts if not _norm(p).startswith("nip")]
        people = [p for p in others if not _JABATAN.search(p)]
        person = people[-1] if people else None
        titles = [p for p in others if p != person]
        lines.append("disahkan_oleh:")
        lines.append(f"  jabatan: {_quote(chr(10).join(titles))}")
        if person:
            lines.append(f"  nama: {_quote(person)}")
        if nip:
            lines.append(f"  nip: {_quote(nip)}")
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
                "pencatatan_pendataan"):
        if identity.get(key):
            lines.append(f"{key}:")
            lines += [f"  - {_quote(item)}" for item in identity[key]]
    result.read.append(f"identitas: {len(identity)} isian ({', '.join(sorted(identity))})" if identity
                       else "identitas: tidak ditemukan")
    if flow is None:
        result.left_out.append("tabel flowchart tidak ditemukan (judul kolom Kegiatan dan Pelaksana)")
        lines += ["pelaksana: []  # PERIKSA: tabel flowchart tidak ditemukan", "langkah: []"]
        result.yaml_text = "\n".join(lines) + "\n"
        result.problems = validate_source(read_yaml(draft or path.with_suffix(".yaml"), result.yaml_text), None)[1]
        return result
    table, head = flow
    grid = _grid(table)
    header = grid[head]
    sub = grid[head + 1] if head + 1 < len(grid) else header  # lane and Mutu Baku names under the merged heads
    kegiatan_col = next(c for c, cell in enumerate(header) if _norm(_cell_text(cell)) in _KEGIATAN)
    lanes = [c for c, cell in enumerate(header) if _norm(_cell_text(cell)) in _LANES]
    columns = {"kelengkapan": "kelengkapan", "persyaratanperlengkapan": "kelengkapan", "persyaratan": "kelengkapan",
             "waktu": "waktu", "output": "output", "keluaran": "output", "keterangan": "keterangan",
             "ket": "keterangan"}
    mutu: dict[str, int] = {}
    for c, cell in enumerate(sub):
        name = columns.get(_norm(_cell_text(cell)))
        if name and c not in lanes:
            mutu.setdefault(name, c)
    lane_labels = [_cell_text(sub[c]) for c in lanes]
    ids: list[str] = []
    for label in lane_labels:
        ident = suggest_slug(label) or f"pelaksana-{len(ids) + 1}"
        while ident in ids:
            ident += "-2"
        ids.append(ident)
    lines.append("pelaksana:")
    lines += [f"  - {{id: {i}, label: {_quote(label)}}}" for i, label in zip(ids, lane_labels, strict=True)]
    result.read.append(f"pelaksana: {len(ids)} kolom ({', '.join(lane_labels)})")
    lines.append("langkah:")
    first = head + 2
    steps = 0
    page_left = int(document.sections[0].left_margin or 0)
    for r in range(first, len(grid)):
        row = grid[r]
        kegiatan = _cell_text(row[kegiatan_col])
        if not kegiatan or _norm(kegiatan).isdigit() or re.fullmatch(r"[\d\s]+", kegiatan):
            continue  # the column-number row, or an empty row
        if _norm(kegiatan).startswith("jumlah"):
            continue  # the "Jumlah Waktu" line under the table
        marked = [(ids[k], kind) for k, c in enumerate(lanes) if (kind := _symbol_in(row[c])) is not None]
        if not marked:  # shapes anchored elsewhere in the row and positioned over a lane
            marked = [(ids[k], kind) for k, kind in sorted(set(_anchored_lanes(table, r, lanes, page_left)))]
        steps += 1
        lines.append(f"  - kegiatan: {_quote(kegiatan)}")
        if marked:
            lines.append(f"    pelaksana: [{', '.join(i for i, _ in marked)}]" if len(marked) > 1
                         else f"    pelaksana: {marked[0][0]}")
        else:
            lines.append(f"    pelaksana: {ids[0] if ids else 'x'}  # PERIKSA: simbol langkah ini tidak ditemukan")
            result.guessed.append(f"langkah {steps}: pelaksana (tidak ada simbol)")
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            column = mutu.get(key)
            value = _cell_text(row[column]) if column is not None and column < len(row) else ""
            if not value or value == "-":
                continue
            if key == "kelengkapan":
                items = [re.sub(r"^\s*(?:\d+[.)]|[-•])\s*", "", v) for v in value.split("\n")]
                lines.append(f"    kelengkapan: [{', '.join(_quote(v) for v in items if v)}]")
            else:
                lines.append(f"    {key}: {_quote(value.replace(chr(10), ' '))}")
        if any(kind == "decision" for _, kind in marked):
            said = next((b for c in lanes if (b := _branches_in(row[c])) is not None), None)
            if said is not None:
                lines += [f"    ya: {said[0]}", f"    tidak: {said[1]}"]
            else:
                lines.append(f"    ya: {steps + 1}  # PERIKSA: tujuan cabang Ya ditebak (langkah berikutnya)")
                lines.append(f"    tidak: {max(steps - 1, 1)}  # PERIKSA: tujuan cabang Tidak ditebak "
                             "(langkah sebelumnya)")
                result.guessed.append(f"langkah {steps}: tujuan cabang Ya dan Tidak")
        elif (jump := next((j for c in lanes if (j := _jump_in(row[c])) is not None), None)) is not None:
            lines.append(f"    lanjut: {jump}")
    result.read.append(f"langkah: {steps}")
    result.yaml_text = "\n".join(lines) + "\n"
    source = read_yaml(draft or path.with_suffix(".yaml"), result.yaml_text)
    result.problems = validate_source(source, None)[1]
    return result
