"""An SOP AP sheet from Excel (.xlsx), laid over a Word table so that one reader serves both.

Some offices keep their SOP AP as a worksheet: the identity rows, then the flowchart rows with
merged headers, the symbols drawn as shapes over the lane cells (``xl/drawings/drawingN.xml``:
``xdr:twoCellAnchor``/``xdr:oneCellAnchor``/``xdr:absoluteAnchor`` holding ``xdr:sp`` shapes
and ``xdr:cxnSp`` connectors, alone or in groups ``xdr:grpSp``, placed by the group's transform)
or marked by an "X". :func:`sheet_as_document` copies the chosen
sheet into an in-memory Word document — one table, a row per used row, a column per used
column, the merges, the texts (dates as "2 Januari 2024"), the grid widths and row heights
(``w:tblGrid``, ``w:trHeight``, from the column widths in characters and the row heights in
pt) — and each shape as a floating DrawingML shape anchored in the cell holding its centre (a
connector: its start), at the same offset, with its geometry, line ends, glue, alternative
text and text. :func:`generator.word.import_document` then reads it like any Word document.
Openpyxl reads the cells; the drawing XML is read with lxml, since openpyxl drops shapes.
"""

from __future__ import annotations

import copy
import datetime
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from generator.formatting import format_tanggal

__all__ = ["MAX_COLS", "MAX_ROWS", "SheetDocument", "SheetTooLarge", "sheet_as_document"]

_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
EMU_PER_PT = 12700
EMU_PER_PX = 9525
EMU_PER_TWIP = 635
DEFAULT_WIDTH_CHARS = 8.43
DEFAULT_HEIGHT_PT = 15.0
MAX_ROWS = 2000
MAX_COLS = 200
"""The largest sheet read (used rows × columns): an SOP fits in far fewer; a hostile file could claim a million."""


class SheetTooLarge(ValueError):
    """The sheet's used range is larger than :data:`MAX_ROWS` × :data:`MAX_COLS` (message in Indonesian)."""


@dataclass
class SheetDocument:
    """The Word document made from a worksheet, and the sheet's name (for the report)."""

    document: Any
    sheet: str
    shapes: int


def _width_emu(chars: float | None) -> int:
    """A column's width (Excel's characters of the default font) in EMU: 7 px a character plus 5 px."""
    return round(((chars if chars else DEFAULT_WIDTH_CHARS) * 7 + 5) * EMU_PER_PX)


def _text(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return format_tanggal(value.date())
    if isinstance(value, datetime.date):
        return format_tanggal(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _choose(workbook: Any) -> Any:
    """The first worksheet naming both Kegiatan (or its variants) and Pelaksana, else the first one."""
    for sheet in workbook.worksheets:
        words = {"".join(ch for ch in str(c.value).lower() if ch.isalpha())
                 for row in sheet.iter_rows() for c in row if c.value is not None}
        if words & {"kegiatan", "uraianprosedur", "aktivitas", "uraiankegiatan"} and words & {"pelaksana", "pelaku"}:
            return sheet
    return workbook.worksheets[0]


def _drawing_part(archive: zipfile.ZipFile, sheet_index: int) -> Any | None:
    """The parsed drawing part of the workbook's sheet number *sheet_index* (0-based), if it has one."""
    book = etree.fromstring(archive.read("xl/workbook.xml"))
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    sheets = book.findall(".//{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")
    rid = sheets[sheet_index].get(f"{_R}id")
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    sheet_path = posixpath.normpath(posixpath.join("xl", target)) if not target.startswith("/") else target[1:]
    sheet_rels = posixpath.join(posixpath.dirname(sheet_path), "_rels", posixpath.basename(sheet_path) + ".rels")
    if sheet_rels not in archive.namelist():
        return None
    for rel in etree.fromstring(archive.read(sheet_rels)):
        if rel.get("Type", "").endswith("/drawing"):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(sheet_path), rel.get("Target", "")))
            return etree.fromstring(archive.read(path)) if path in archive.namelist() else None
    return None


def _corner(marker: Any, cols: list[int], rows: list[int]) -> tuple[int, int]:
    """An anchor marker (``xdr:from``/``xdr:to``: col, colOff, row, rowOff) as (x, y) EMU from the sheet's corner."""
    col, row = int(marker.findtext(f"{_XDR}col") or 0), int(marker.findtext(f"{_XDR}row") or 0)
    return (cols[min(col, len(cols) - 1)] + int(marker.findtext(f"{_XDR}colOff") or 0),
            rows[min(row, len(rows) - 1)] + int(marker.findtext(f"{_XDR}rowOff") or 0))


def _box(anchor: Any, cols: list[int], rows: list[int]) -> tuple[int, int, int, int] | None:
    """An anchor's (x0, y0, x1, y1) in EMU."""
    start = anchor.find(f"{_XDR}from")
    if anchor.tag == f"{_XDR}twoCellAnchor" and start is not None and anchor.find(f"{_XDR}to") is not None:
        (x0, y0), (x1, y1) = _corner(start, cols, rows), _corner(anchor.find(f"{_XDR}to"), cols, rows)
        return (x0, y0, x1, y1)
    ext = anchor.find(f"{_XDR}ext")
    if ext is None:
        return None
    if start is not None:
        x0, y0 = _corner(start, cols, rows)
    else:
        pos = anchor.find(f"{_XDR}pos")
        if pos is None:
            return None
        x0, y0 = int(pos.get("x", "0")), int(pos.get("y", "0"))
    return (x0, y0, x0 + int(ext.get("cx", "0")), y0 + int(ext.get("cy", "0")))


def _shape_xml(element: Any, ident: str, alt: str, text: str, size: tuple[int, int],
               place: tuple[int, int]) -> str:
    """A floating Word shape (a ``wp:anchor`` run) with *element*'s geometry, line, glue and text."""
    is_connector = element.tag == f"{_XDR}cxnSp"
    props = element.find(f"{_XDR}spPr")
    sp_pr = "".join(etree.tostring(copy.deepcopy(child), encoding="unicode") for child in props) \
        if props is not None else ""
    if is_connector:
        glue = element.find(f"{_XDR}nvCxnSpPr/{_XDR}cNvCxnSpPr")
        ends = "".join(etree.tostring(copy.deepcopy(c), encoding="unicode") for c in glue) if glue is not None else ""
        head = f"<wps:cNvCnPr>{ends}</wps:cNvCnPr>"
    else:
        box = element.find(f"{_XDR}nvSpPr/{_XDR}cNvSpPr")
        head = '<wps:cNvSpPr txBox="1"/>' if box is not None and box.get("txBox") == "1" else "<wps:cNvSpPr/>"
    body = (f'<wps:txbx><w:txbxContent><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
            "</w:txbxContent></wps:txbx>") if text else ""
    return (f'<w:r {_NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{place[0]}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{place[1]}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{size[0]}" cy="{size[1]}"/><wp:wrapNone/>'
            f'<wp:docPr id={quoteattr(ident)} name={quoteattr("Bentuk " + ident)} descr={quoteattr(alt)}/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp>{head}<wps:spPr>{sp_pr}</wps:spPr>{body}<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>')


Box = tuple[int, int, int, int]
"""(x0, y0, x1, y1) in EMU from the sheet's top-left corner."""


def _xfrm(props: Any) -> Box | None:
    """The ``a:xfrm`` box (offset and extent, in its own coordinates) of a shape's or group's properties."""
    xfrm = props.find(f"{_A}xfrm") if props is not None else None
    off, ext = (xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")) if xfrm is not None else (None, None)
    if off is None or ext is None:
        return None
    x, y = int(off.get("x", "0")), int(off.get("y", "0"))
    return (x, y, x + int(ext.get("cx", "0")), y + int(ext.get("cy", "0")))


def _members(group: Any, box: Box, found: list[tuple[Box, Any]]) -> None:
    """The shapes and connectors of *group* (drawn over *box* on the sheet), each placed by the group's transform.

    A group's ``a:xfrm`` maps its children's coordinate space (``a:chOff``, ``a:chExt``) onto
    its own box (ECMA-376 Part 1, §20.1.7.5); nested groups compose. A member without a box of
    its own, or a group whose child space is empty, gets the group's box.
    """
    xfrm = group.find(f"{_XDR}grpSpPr/{_A}xfrm")
    ch_off = xfrm.find(f"{_A}chOff") if xfrm is not None else None
    ch_ext = xfrm.find(f"{_A}chExt") if xfrm is not None else None
    cx = int(ch_ext.get("cx", "0")) if ch_ext is not None else 0
    cy = int(ch_ext.get("cy", "0")) if ch_ext is not None else 0
    ox = int(ch_off.get("x", "0")) if ch_off is not None else 0
    oy = int(ch_off.get("y", "0")) if ch_off is not None else 0

    def place(own: Box | None) -> Box:
        if own is None or cx <= 0 or cy <= 0:
            return box
        sx, sy = (box[2] - box[0]) / cx, (box[3] - box[1]) / cy
        return (box[0] + round((own[0] - ox) * sx), box[1] + round((own[1] - oy) * sy),
                box[0] + round((own[2] - ox) * sx), box[1] + round((own[3] - oy) * sy))

    for child in group:
        if child.tag in (f"{_XDR}sp", f"{_XDR}cxnSp"):
            found.append((place(_xfrm(child.find(f"{_XDR}spPr"))), child))
        elif child.tag == f"{_XDR}grpSp":
            _members(child, place(_xfrm(child.find(f"{_XDR}grpSpPr"))), found)


def _shapes(part: Any, cols: list[int], rows: list[int]) -> list[tuple[Box, Any]]:
    """(box on the sheet, shape) pairs of a drawing part: shapes and connectors, group members placed by their group."""
    found: list[tuple[Box, Any]] = []
    for anchor in part:
        box = _box(anchor, cols, rows)
        if box is None:
            continue
        for child in anchor:
            if child.tag in (f"{_XDR}sp", f"{_XDR}cxnSp"):
                found.append((box, child))
            elif child.tag == f"{_XDR}grpSp":
                _members(child, box, found)
    return found


def sheet_as_document(path: Path) -> SheetDocument:
    """The SOP sheet of the workbook at *path* as a Word document (see the module's description).

    Raises:
        SheetTooLarge: the sheet's used range is too large to be an SOP.
        zipfile.BadZipFile, KeyError, OSError: *path* is not a readable .xlsx (the caller says so).
    """
    import docx
    import openpyxl
    from docx.oxml import parse_xml
    from docx.shared import Emu

    workbook = openpyxl.load_workbook(path, data_only=True)
    sheet = _choose(workbook)
    n_rows, n_cols = max(sheet.max_row, 1), max(sheet.max_column, 1)
    if n_rows > MAX_ROWS or n_cols > MAX_COLS:
        raise SheetTooLarge(f"lembar '{sheet.title}' terlalu besar untuk satu SOP ({n_rows} baris × {n_cols} kolom; "
                            f"paling banyak {MAX_ROWS} × {MAX_COLS}); salin SOP-nya ke lembar baru lalu coba lagi")
    from openpyxl.utils import get_column_letter

    widths = [_width_emu(sheet.column_dimensions[get_column_letter(c)].width) for c in range(1, n_cols + 1)]
    heights = [round((sheet.row_dimensions[r].height or DEFAULT_HEIGHT_PT) * EMU_PER_PT) for r in range(1, n_rows + 1)]
    cols, rows = [0], [0]
    for w in widths:
        cols.append(cols[-1] + w)
    for h in heights:
        rows.append(rows[-1] + h)
    document = docx.Document()
    table = document.add_table(rows=n_rows, cols=n_cols)
    table.autofit = False
    for c, column in enumerate(table.columns):
        column.width = Emu(round(widths[c] / EMU_PER_TWIP) * EMU_PER_TWIP)
    for r, row in enumerate(table.rows):
        row._tr.get_or_add_trPr().append(parse_xml(
            f'<w:trHeight {_NS} w:val="{round(heights[r] / EMU_PER_TWIP)}" w:hRule="exact"/>'))
    for merged in sheet.merged_cells.ranges:
        table.cell(merged.min_row - 1, merged.min_col - 1).merge(table.cell(merged.max_row - 1, merged.max_col - 1))
    grid = table._cells  # python-docx recomputes this list on every table.cell() call: once here
    for row in sheet.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols):
        for cell in row:
            text = _text(cell.value).strip()
            if text:
                grid[(cell.row - 1) * n_cols + cell.column - 1].text = text
    part = None
    with zipfile.ZipFile(path) as archive:
        part = _drawing_part(archive, workbook.worksheets.index(sheet))
    count = 0
    for box, element in _shapes(part, cols, rows) if part is not None else ():
        x0, y0, x1, y1 = box
        props = element.find(f"{_XDR}nvSpPr/{_XDR}cNvPr")
        if props is None:
            props = element.find(f"{_XDR}nvCxnSpPr/{_XDR}cNvPr")
        ident = props.get("id", "") if props is not None else ""
        alt = " ".join(filter(None, (props.get("title"), props.get("descr")))) if props is not None else ""
        text = " ".join(t.text or "" for t in element.iter(f"{_A}t")).strip()
        if element.tag == f"{_XDR}cxnSp":  # a connector is held by the cell of its top-left corner
            px, py = x0, y0
        else:
            px, py = (x0 + x1) // 2, (y0 + y1) // 2
        r = max(0, min(n_rows - 1, next((k for k in range(n_rows) if rows[k] <= py < rows[k + 1]), n_rows - 1)))
        c = max(0, min(n_cols - 1, next((k for k in range(n_cols) if cols[k] <= px < cols[k + 1]), n_cols - 1)))
        held = grid[r * n_cols + c]._tc  # a merged cell: offsets from its top-left grid position
        start = next(k for k in range(c + 1) if grid[r * n_cols + k]._tc is held)
        top = next(k for k in range(r + 1) if grid[k * n_cols + c]._tc is held)
        xml = _shape_xml(element, ident, alt, text, (x1 - x0, y1 - y0), (x0 - cols[start], y0 - rows[top]))
        grid[r * n_cols + c].paragraphs[0]._p.append(parse_xml(xml))
        count += 1
    return SheetDocument(document, sheet.title, count)
