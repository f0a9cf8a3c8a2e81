"""Read an SOP AP Word document (.docx) into a YAML draft (issue 15 §1).

What is read (python-docx, and the raw XML of each cell for the drawings, see
:mod:`generator.word.shapes`):

* the identity table, found by its labels whatever their case or punctuation ("Nomor SOP",
  "Tgl. Pembuatan", "Disahkan Oleh", "Nama SOP", …); a label's value is the next cell of its
  row, or — for the list sections (Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan,
  Peralatan/Perlengkapan, Peringatan, Pencatatan dan Pendataan) — the cell below it;
* the flowchart tables (one, or one per page), found by their header
  ("Kegiatan"/"Uraian Prosedur"/"Aktivitas", "Pelaksana"/"Pelaku", "Mutu Baku"/"Baku Mutu");
  the lane labels from the header row under "Pelaksana"; the column-number row, connector
  bands and the "Jumlah Waktu" row skipped; one step per row;
* the lane of a step: where its symbol's centre is — a DrawingML shape (``wp:inline`` in a
  lane cell, or ``wp:anchor`` floating from any cell of the row, placed by its offset from the
  cell, the margin or the page) or a VML one (``v:rect``, ``v:roundrect``, ``v:shape``, in a
  lane cell or absolutely positioned), measured against the table grid (``w:tblGrid``); a
  cell merged down from the row above counts only in its own row; else a text mark in a lane
  cell ("X", "√", "✓", "v", or the symbol's name). Its kind from the shape's geometry
  (``flowChartDecision``/``diamond``, ``flowChartTerminator``/``roundRect``, VML types 110,
  116) or from its place (first and last steps are the capsules).

A decision's Ya/Tidak targets come from the connectors when they can be read (glued to the
symbols, or ending on them by geometry when the rows have heights; through lettered off-page
connectors and joins; the branch from the arrow's alternative text or the label beside its
exit), else from the decision shape's alternative text ("Ya → langkah 6; Tidak → langkah 4"),
else they are guessed and marked ``# PERIKSA:`` on their line, as are a step without a symbol
and a missing name. A step whose one arrow leads elsewhere than the next row gets ``lanjut``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from generator.definitions import read_yaml, suggest_slug, validate_source
from generator.errors import Problem, SopError
from generator.word.excel import SheetTooLarge, sheet_as_document
from generator.word.shapes import SYMBOLS, FlowReader, TableFrame, drawings

__all__ = ["ImportRefused", "Imported", "import_document"]


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
    "nomorsop": "nomor", "nomorsopap": "nomor", "nomor": "nomor", "nomorstandaroperasionalprosedur": "nomor",
    "no": None,
    "namasop": "nama", "namasopap": "nama", "nama": "nama", "namastandaroperasionalprosedur": "nama",
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


_BRANCHES = re.compile(r"ya\s*(?:→|->|ke)?\s*(?:langkah\s*)?(\d+)\s*[;,]\s*tidak\s*(?:→|->|ke)?\s*"
                       r"(?:langkah\s*)?(\d+)", re.I)
"""A decision's targets in its shape's alternative text ("Ya → langkah 6; Tidak → langkah 4"), the
text a screen reader reads for the drawing and the one ``sop`` writes in exported files."""
_JUMP = re.compile(r"lanjut\s*(?:→|->|ke)?\s*(?:langkah\s*)?(\d+)", re.I)


def _row_cells(table: Any, r: int) -> list[tuple[Any, int, int]]:
    """Row *r*'s own cell elements (``w:tc``) with the grid column each starts at and its span.

    Unlike python-docx's ``row.cells``, a cell merged down from the row above (``w:vMerge``)
    appears only in the row that holds its content.
    """
    from docx.oxml.ns import qn

    tr = table.rows[r]._tr
    before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    start = int(before.get(qn("w:val"))) if before is not None else 0
    found = []
    for tc in tr.findall(qn("w:tc")):
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        width = int(span.get(qn("w:val"))) if span is not None else 1
        found.append((tc, start, width))
        start += width
    return found


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
                        found[key] = _items(_cell_text(below))
                        for more in grid[r + 2:]:  # one numbered item per row, as in worksheets
                            text = _cell_text(more[c]) if c < len(more) else ""
                            if more[c] is below or not re.match(r"\s*(?:\d+[.)]|[-•])\s", text) or \
                                    _norm(text) in _SCALARS or _norm(text) in _LISTS:
                                break
                            below = more[c]
                            found[key] += _items(text)
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


def _flow_tables(tables: list[Any]) -> list[tuple[Any, int]]:
    """The flowchart tables (one per page in some documents) and the index of each one's header row."""
    found = []
    for table in tables:
        for r, row in enumerate(_grid(table)):  # the identity may share the table, above the flowchart
            labels = {_norm(_cell_text(cell)) for cell in row}
            if labels & _KEGIATAN and labels & _LANES:
                found.append((table, r))
                break
    return found


@dataclass
class _Columns:
    """Where a flowchart table's columns are: Kegiatan, the lanes (grid columns), Mutu Baku and Keterangan."""

    kegiatan: int
    lanes: list[int]
    mutu: dict[str, int]
    labels: list[str]

    @classmethod
    def of(cls, grid: list[list[Any]], head: int) -> _Columns:
        header = grid[head]
        sub = grid[head + 1] if head + 1 < len(grid) else header  # lane and Mutu Baku names under the merged heads
        lanes = [c for c, cell in enumerate(header) if _norm(_cell_text(cell)) in _LANES]
        starts = (("kelengkapan", "kelengkapan"), ("persyaratan", "kelengkapan"), ("perlengkapan", "kelengkapan"),
                  ("waktu", "waktu"), ("output", "output"), ("keluaran", "output"), ("ket", "keterangan"))
        mutu: dict[str, int] = {}
        for c, cell in enumerate(sub):  # "Kelengkapan dan Peralatan", "Waktu (menit)", "KET" …
            label = _norm(_cell_text(cell))
            name = next((key for start, key in starts if label.startswith(start)), None)
            if name and c not in lanes:
                mutu.setdefault(name, c)
        return cls(next(c for c, cell in enumerate(header) if _norm(_cell_text(cell)) in _KEGIATAN), lanes, mutu,
                   [_cell_text(sub[c]) for c in lanes])

    def lane_at(self, x: float, edges: list[float]) -> int | None:
        """The lane (0-based) whose column holds *x* (mm in the table's frame)."""
        return next((k for k, c in enumerate(self.lanes) if c + 1 < len(edges) and edges[c] <= x < edges[c + 1]),
                    None)


@dataclass
class _Step:
    """What one flowchart row says, before the arrows are read."""

    number: int
    kegiatan: str
    marked: list[tuple[int, str]]
    texts: dict[str, str]
    said: tuple[int, int] | None
    jump: int | None


def _items(value: str) -> list[str]:
    """A cell's lines without their list marks ("- ", "1. ", "• ")."""
    items = [re.sub(r"^\s*(?:\d+[.)]|[-•])\s*", "", v) for v in value.split("\n")]
    return [item for item in items if item]


@dataclass
class _Arrows:
    """The arrows read from the connectors, and the drawing canvases left unread.

    ``count`` connectors; ``targets``: per step number, its targets (with ya/tidak when known);
    ``groups``: drawing canvases found (their shapes are not read; a group's are).
    """

    count: int
    targets: dict[int, list[tuple[int, str | None]]]
    groups: int = 0


def _read_steps(flows: list[tuple[Any, int]], lanes: int, page_left: float) -> tuple[list[_Step], _Arrows]:
    """The steps of the flowchart tables *flows* (in order) and the arrows drawn over them.

    A step's lanes are where its symbols' centres fall (a symbol inline in a lane cell is in that
    lane; a floating one is placed by its offset, measured in the table's frame), else the lane
    cells marked by text. *page_left*: the left margin (mm).
    """
    steps: list[_Step] = []
    reader = FlowReader()
    groups = 0
    for t, (table, head) in enumerate(flows):
        grid = _grid(table)
        columns = _Columns.of(grid, head)
        frame = TableFrame.of(table, page_left)
        for r in range(head + 1, len(grid)):
            row = grid[r]
            kegiatan = _cell_text(row[columns.kegiatan]) if columns.kegiatan < len(row) else ""
            is_step = r > head + 1 and bool(kegiatan) and not re.fullmatch(r"[\d\s]+", kegiatan) and \
                not _norm(kegiatan).startswith("jumlah") and row[columns.kegiatan] is not grid[r - 1][columns.kegiatan]
            number = len(steps) + 1
            marked: set[tuple[int, str]] = set()
            alts: list[str] = []
            for tc, start, span in _row_cells(table, r):
                for drawn in drawings(tc):
                    if drawn.kind == "group":
                        groups += 1
                        continue
                    box = frame.box(drawn, r, start, span)
                    if drawn.kind not in SYMBOLS:
                        reader.drawn(t, drawn, box)
                        continue
                    if not is_step:
                        continue
                    lane = columns.lane_at((box[0] + box[2]) / 2, frame.edges) if box is not None else None
                    if lane is None and start in columns.lanes:
                        lane = columns.lanes.index(start)
                    if lane is not None and lane < lanes:
                        marked.add((lane, drawn.kind))
                        reader.symbol(t, ("step", str(number)), drawn, box)
                        alts.append(drawn.alt)
            if not is_step:
                continue
            if not marked:  # a lane marked by text ("X", "√", the symbol's name)
                for k, c in enumerate(columns.lanes[:lanes]):
                    text = _cell_text(row[c]).strip()
                    if _norm(text) in _MARKS or text.lower() in _MARKS:
                        marked.add((k, "mark"))
            texts = {}
            for key, c in columns.mutu.items():
                value = _cell_text(row[c]) if c < len(row) else ""
                texts[key] = "" if value in ("-", "–") else value
            said = next(((int(m.group(1)), int(m.group(2))) for alt in alts if (m := _BRANCHES.search(alt))), None)
            jump = next((int(m.group(1)) for alt in alts if (m := _JUMP.search(alt))), None)
            steps.append(_Step(number, kegiatan, sorted(marked), texts, said, jump))
    return steps, _Arrows(len(reader.lines), reader.targets(), groups)


def import_document(path: Path, draft: Path | None = None) -> Imported:
    """Read the Word document (.docx) or Excel sheet (.xlsx) at *path* into a YAML draft.

    See the module's description; a workbook's SOP sheet is read through
    :func:`generator.word.excel.sheet_as_document`. *draft* is where the draft will be written
    (default: *path* with ``.yaml``): the problems are located in it.

    A .pdf gives back the definition an archival PDF (``sop pdf --pdfa``) carries, byte for
    byte (issue 16 §3).

    Raises:
        ImportRefused: *path* is a .doc or .xls, or a PDF without an embedded definition (say
            how to convert), or not a Word, Excel or PDF file.
    """
    suffix = path.suffix.lower()
    if suffix in (".doc", ".xls"):
        kind, target = ("Word", "docx") if suffix == ".doc" else ("Excel", "xlsx")
        raise ImportRefused(f"{path.name}: berkas {kind} lama ({suffix}) tidak dibaca; simpan dulu sebagai .{target} "
                            f"({kind}: Simpan Sebagai → .{target}, atau 'soffice --headless --convert-to {target} "
                            f"{path.name}')")
    if suffix == ".pdf":
        return _embedded_source(path)
    if suffix not in (".docx", ".xlsx") or not zipfile.is_zipfile(path):
        raise ImportRefused(f"{path.name}: bukan berkas Word .docx atau Excel .xlsx")
    import docx

    result = Imported("")
    try:
        if suffix == ".xlsx":
            try:
                sheet = sheet_as_document(path)
            except SheetTooLarge as large:
                raise ImportRefused(f"{path.name}: {large}") from large
            document = sheet.document
            result.read.append(f"lembar Excel '{sheet.sheet}' ({sheet.shapes} bentuk)")
        else:
            document = docx.Document(str(path))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, etree.LxmlError) as error:
        why = "isi XML-nya rusak" if isinstance(error, etree.LxmlError) else \
            "bagian yang wajib tidak ada" if isinstance(error, KeyError) else "tidak dapat dibuka"
        raise ImportRefused(f"{path.name}: bukan berkas {'Excel .xlsx' if suffix == '.xlsx' else 'Word .docx'} "
                            f"yang utuh ({why}); buka dan simpan ulang berkas itu di "
                            f"{'Excel' if suffix == '.xlsx' else 'Word'}, lalu coba lagi") from error
    from docx.exceptions import InvalidXmlError

    try:
        return _read_document(document, path, draft, result)
    except (ValueError, InvalidXmlError) as error:  # an attribute Word itself would not write ("abc" for a width)
        raise ImportRefused(f"{path.name}: isi dokumen tidak terbaca (nilai yang tidak sah di dalam XML-nya); buka "
                            f"dan simpan ulang berkas itu di {'Excel' if suffix == '.xlsx' else 'Word'}, lalu coba "
                            "lagi") from error


MAX_SPAN = 200
"""The widest merge (grid columns) a table cell may claim; Word's own limit is 63 columns."""


def _spans_sane(document: Any) -> bool:
    """Whether every table row's merges are whole numbers up to :data:`MAX_SPAN`.

    ``w:gridSpan``, ``w:gridBefore``, ``w:gridAfter``: python-docx expands each into that many
    cells, so a hostile span of 10¹¹ would never finish.
    """
    from docx.oxml.ns import qn

    for element in document.element.body.iter(qn("w:gridSpan"), qn("w:gridBefore"), qn("w:gridAfter")):
        value = element.get(qn("w:val")) or ""
        if not value.isdigit() or int(value) > MAX_SPAN:
            return False
    return True


def _embedded_source(path: Path) -> Imported:
    """The definition file an archival SOP PDF carries (``AFRelationship /Source``), unchanged.

    Raises:
        ImportRefused: not a readable PDF, or a PDF without an embedded definition (a PDF's
            drawing is not read back: say how to convert, as for any other PDF).
    """
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            sources = [spec.get_file().read_bytes() for name, spec in pdf.attachments.items()
                       if str(spec.obj.get("/AFRelationship", "")) == "/Source"
                       and name.lower().endswith((".yaml", ".yml"))]
    except (pikepdf.PdfError, OSError, ValueError) as error:
        raise ImportRefused(f"{path.name}: bukan berkas PDF yang utuh") from error
    if not sources:
        raise ImportRefused(f"{path.name}: PDF ini tidak membawa definisi YAML (hanya PDF arsip dari 'sop pdf "
                            "--pdfa' yang membawanya); buka dokumen Word aslinya, atau ubah PDF menjadi .docx lalu "
                            f"periksa hasilnya ('soffice --headless --infilter=writer_pdf_import --convert-to docx "
                            f"{path.name}')")
    try:
        text = sources[0].decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"{path.name}: definisi YAML di dalam PDF ini bukan teks UTF-8") from error
    return Imported(text, read=[f"definisi YAML yang dibawa PDF arsip ({len(sources[0])} bita), utuh"])


def _read_document(document: Any, path: Path, draft: Path | None, result: Imported) -> Imported:
    """The draft of an opened Word *document* read from *path* (see :func:`import_document`).

    Raises:
        ValueError: a table's merges are not sane (:func:`_spans_sane`).
    """
    if not _spans_sane(document):
        raise ValueError("gridSpan")
    tables = list(document.tables)
    identity = _find_identity(tables)
    flows = _flow_tables(tables)
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
    if not flows:
        result.left_out.append("tabel flowchart tidak ditemukan (judul kolom Kegiatan dan Pelaksana)")
        lines += ["pelaksana: []  # PERIKSA: tabel flowchart tidak ditemukan", "langkah: []"]
        result.yaml_text = "\n".join(lines) + "\n"
        result.problems = validate_source(read_yaml(draft or path.with_suffix(".yaml"), result.yaml_text), None)[1]
        return result
    columns = _Columns.of(_grid(flows[0][0]), flows[0][1])
    ids: list[str] = []
    for label in columns.labels:
        ident = suggest_slug(label) or f"pelaksana-{len(ids) + 1}"
        while ident in ids:
            ident += "-2"
        ids.append(ident)
    lines.append("pelaksana:")
    lines += [f"  - {{id: {i}, label: {_quote(label)}}}" for i, label in zip(ids, columns.labels, strict=True)]
    result.read.append(f"pelaksana: {len(ids)} kolom ({', '.join(columns.labels)})")
    steps, arrows = _read_steps(flows, len(ids), int(document.sections[0].left_margin or 0) / 36000)
    if flows[1:]:
        result.read.append(f"tabel flowchart: {len(flows)} (satu per halaman)")
    result.read.append(f"panah: {arrows.count} dibaca" if arrows.count else "panah: tidak ada yang terbaca")
    if arrows.groups:
        result.left_out.append(f"{arrows.groups} kanvas gambar tidak dibaca; di Word, pindahkan bentuk-bentuknya "
                               "keluar dari kanvas (pilih, Cut, lalu Paste di sel), simpan, dan impor lagi")
    lines.append("langkah:")
    targets = arrows.targets
    for step in steps:
        n = step.number
        lines.append(f"  - kegiatan: {_quote(step.kegiatan)}")
        if step.marked:
            lines.append(f"    pelaksana: [{', '.join(ids[k] for k, _ in step.marked)}]" if len(step.marked) > 1
                         else f"    pelaksana: {ids[step.marked[0][0]]}")
        else:
            lines.append(f"    pelaksana: {ids[0] if ids else 'x'}  # PERIKSA: simbol langkah ini tidak ditemukan")
            result.guessed.append(f"langkah {n}: pelaksana (tidak ada simbol)")
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            value = step.texts.get(key, "")
            if key in ("kelengkapan", "output") and value:
                items = _items(value)
                if key == "kelengkapan" or len(items) > 1:
                    lines.append(f"    {key}: [{', '.join(_quote(v) for v in items)}]")
                elif items:
                    lines.append(f"    {key}: {_quote(items[0])}")
            elif value:
                lines.append(f"    {key}: {_quote(value.replace(chr(10), ' '))}")
        out = targets.get(n, [])
        if any(kind == "decision" for _, kind in step.marked):
            ya = {t for t, k in out if k == "ya"}
            tidak = {t for t, k in out if k == "tidak"}
            ends = sorted({t for t, _ in out})
            if len(ya) == 1 and len(tidak) == 1 and ya != tidak:
                lines += [f"    ya: {ya.pop()}", f"    tidak: {tidak.pop()}"]
            elif step.said is not None:
                lines += [f"    ya: {step.said[0]}", f"    tidak: {step.said[1]}"]
            elif len(ends) == 2:  # two arrows, neither labelled: the one to the next row taken as Ya
                first = n + 1 if n + 1 in ends else ends[-1]
                lines.append(f"    ya: {first}  # PERIKSA: dari panah; cabang mana yang Ya ditebak")
                lines.append(f"    tidak: {next(t for t in ends if t != first)}  # PERIKSA: dari panah; "
                             "cabang mana yang Tidak ditebak")
                result.guessed.append(f"langkah {n}: cabang Ya dan Tidak (tujuannya dari panah)")
            else:
                lines.append(f"    ya: {n + 1}  # PERIKSA: tujuan cabang Ya ditebak (langkah berikutnya)")
                lines.append(f"    tidak: {max(n - 1, 1)}  # PERIKSA: tujuan cabang Tidak ditebak "
                             "(langkah sebelumnya)")
                result.guessed.append(f"langkah {n}: tujuan cabang Ya dan Tidak")
        else:
            ends = sorted({t for t, _ in out})
            jump = ends[0] if len(ends) == 1 and ends[0] != n + 1 else None if ends else step.jump
            if jump is not None:
                lines.append(f"    lanjut: {jump}")
    result.read.append(f"langkah: {len(steps)}")
    result.yaml_text = "\n".join(lines) + "\n"
    source = read_yaml(draft or path.with_suffix(".yaml"), result.yaml_text)
    result.problems = validate_source(source, None)[1]
    return result
