"""Write an SOP as an editable Word document (issue 15 §2).

The official sheet as a Bagian Organisasi can edit it, page for page the PDF's:

* Bagian Identitas as the PDF prints it: the kop (logo, pemda, unit, subunit) at the left of
  the six identity rows (label, colon, value, with the instansi's own labels; the signing space
  kept in the Disahkan oleh cell), then the three pairs of list sections, numbered;
* then, for every flowchart page of :func:`generator.sheet.layout_sop`, the line "SOP : <nama>"
  starting a new page and a table with the sheet's columns (mm widths), merged headers
  ("Pelaksana" over the lanes, "Mutu Baku" over Kelengkapan/Waktu/Output), the column-number
  row, the connector bands of a continued page, one row per step (height at least the
  layout's) and the "Jumlah Waktu" row. The header rows are marked to repeat (``w:tblHeader``)
  should an edited table outgrow its page;
* the drawing of each page as DrawingML shapes (``wps:wsp``) floating in front of the table:
  the symbols (``flowChartTerminator``, ``flowChartProcess``, ``flowChartDecision``,
  ``flowChartOffpageConnector``), the arrows as connectors (``wps:cNvCnPr``, an orthogonal
  path with an arrowhead, glued by ``a:stCxn``/``a:endCxn`` to the symbols they join) and the
  labels ("Ya", "Tidak", connector letters) as text boxes. Each is anchored in the lane cell
  of the row it starts in (``layoutInCell``), placed by its offset from that cell, so a
  symbol moves with its row when a row is edited. The lane cells have no inner margins: a
  cell's origin is its corner.

The section is landscape on the SOP's paper (F4 215×330 mm or A4) with the sheet's margins;
text is Liberation Sans (metric-compatible with Arial), 8 pt on 10 pt lines, the PDF's. Every
shape carries alternative text: a symbol its step, pelaksana and, for a decision, "Ya → langkah
6; Tidak → langkah 4"; an arrow its branch and ends. :func:`generator.word.import_document` reads the
connectors back (by their glue, else by their geometry), so an exported file imports to the
same flow.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator.formatting import format_tanggal
from generator.model import Sop
from generator.sheet import MARGIN_MM, PAD_X_MM, PT_TO_MM, Arrow, FlowPage, Label, Shape, SheetLayout, layout_sop
from generator.sheet.geometry import FONT_PT, LINE_MM, PAD_Y_MM, TITLE_MM
from generator.sheet.types import Side

__all__ = ["export_docx"]

_PRESET = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision",
           "offpage": "flowChartOffpageConnector"}
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4
_PAPER_MM = {"F4": (330.0, 215.0), "A4": (297.0, 210.0)}
_LINE = '<a:ln w="7620"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{end}</a:ln>'


def _emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


@dataclass(frozen=True)
class _Place:
    """Where a floating object is anchored: the row, the grid column of its cell, and its offset (mm)."""

    row: int
    col: int
    dx: float
    dy: float


def _anchor(ident: int, name: str, alt: str, place: _Place, size: tuple[float, float], body: str) -> str:
    """A ``wp:anchor`` run holding the shape *body*, in front of the text, offset from its cell."""
    cx, cy = max(_emu(size[0]), 1), max(_emu(size[1]), 1)
    return (f'<w:r {_NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{ident}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{_emu(place.dx)}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{_emu(place.dy)}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{ident}" name={quoteattr(name)} descr={quoteattr(alt)}/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp>{body.format(cx=cx, cy=cy)}</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def _symbol_body(kind: str) -> str:
    return ('<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="{_PRESET[kind]}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/>'
            f'</a:solidFill>{_LINE.format(end="")}</wps:spPr><wps:bodyPr/>')


def _connector_body(points: list[tuple[float, float]], head: bool, glue: str) -> str:
    """An orthogonal path through *points* (mm from the shape's corner), arrowhead at the end."""
    path = "".join(f'<a:{"moveTo" if k == 0 else "lnTo"}><a:pt x="{_emu(x)}" y="{_emu(y)}"/>'
                   f'</a:{"moveTo" if k == 0 else "lnTo"}>' for k, (x, y) in enumerate(points))
    end = '<a:tailEnd type="triangle" w="sm" len="sm"/>' if head else ""
    return (f'<wps:cNvCnPr>{glue}</wps:cNvCnPr><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{{cx}}" cy="{{cy}}"/>'
            '</a:xfrm><a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
            f'<a:pathLst><a:path w="{{cx}}" h="{{cy}}" fill="none">{path}</a:path></a:pathLst></a:custGeom>'
            f'<a:noFill/>{_LINE.format(end=end)}</wps:spPr><wps:bodyPr/>')


def _text_body(lines: list[Label]) -> str:
    """A text box holding a label's lines, one paragraph each, on the label's line pitch."""
    first = lines[0]
    fill = '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>' if first.backed else "<a:noFill/>"
    align = {"start": "left", "middle": "center", "end": "right"}[first.anchor]
    bold = "<w:b/>" if first.size_pt > 7 else ""
    pitch = round((lines[1].y - first.y) / 25.4 * 1440) if len(lines) > 1 else 0
    spacing = f' w:line="{pitch}" w:lineRule="exact"' if pitch else ""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"{spacing}/><w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>'
        f'<w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans"/>{bold}'
        f'<w:sz w:val="{round(line.size_pt * 2)}"/></w:rPr><w:t xml:space="preserve">{escape(line.text)}</w:t>'
        "</w:r></w:p>" for line in lines)
    return ('<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>'
            '<wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" wrap="none" anchor="ctr"><a:noAutofit/></wps:bodyPr>')


def _label_groups(labels: list[Label]) -> list[list[Label]]:
    """The drawing's labels with the lines of one label together ("Tidak" over "setuju").

    Lines of one label share x, size and anchor, each baseline one line pitch (1.15 × size)
    below the one before.
    """
    groups: list[list[Label]] = []
    for label in labels:
        last = groups[-1][-1] if groups else None
        if last is not None and (last.x, last.size_pt, last.anchor) == (label.x, label.size_pt, label.anchor) and \
                0 < label.y - last.y <= 1.2 * label.size_pt * PT_TO_MM:
            groups[-1].append(label)
        else:
            groups.append([label])
    return groups


class _PageDrawing:
    """The floating objects of one flowchart page, each anchored in the lane cell it starts in.

    ``runs[(row, col)]`` are the anchor runs (XML) for the cell starting at grid column ``col``
    of table row ``row``.
    """

    def __init__(self, layout: SheetLayout, page: FlowPage, ids: Iterator[int]) -> None:
        self.layout, self.page, self.ids = layout, page, ids
        self.lanes = [k for k, c in enumerate(layout.columns) if c.lane is not None]
        self.runs: dict[tuple[int, int], list[str]] = {}
        self.shape_ids: dict[Shape, int] = {}

    def place(self, point: tuple[float, float], corner: tuple[float, float]) -> _Place:
        """The lane cell holding *point* (or the nearest), offset to *corner* (mm from the table's corner)."""
        x, y = point
        rows, columns = self.page.rows, self.layout.columns
        row = next((r for r, g in enumerate(rows) if g.y <= y < g.bottom), len(rows) - 1 if y >= 0 else 0)
        col = min(self.lanes, key=lambda c: 0.0 if columns[c].x <= x < columns[c].right
                  else min(abs(columns[c].x - x), abs(columns[c].right - x)))
        start = next(cell.col for cell in rows[row].cells if cell.col <= col < cell.col + cell.span)
        return _Place(row, start, corner[0] - columns[start].x, corner[1] - rows[row].y)

    def _add(self, place: _Place, xml: str) -> None:
        self.runs.setdefault((place.row, place.col), []).append(xml)

    def shape(self, shape: Shape, alt: str) -> None:
        """Add a symbol (or an off-page connector) with its alternative text."""
        ident = next(self.ids)
        self.shape_ids[shape] = ident
        place = self.place((shape.cx, shape.cy), shape.box[:2])
        name = f"Simbol langkah {shape.step + 1}" if shape.step is not None else f"Penghubung {shape.letter}"
        self._add(place, _anchor(ident, name, alt, place, (shape.w, shape.h), _symbol_body(shape.kind)))

    def _glue(self, point: tuple[float, float], tag: str) -> str:
        """``a:stCxn``/``a:endCxn`` naming the symbol whose port is *point*, or ``""``."""
        sides: tuple[Side, ...] = ("top", "left", "bottom", "right")  # the presets' connection sites, in order
        for shape, ident in self.shape_ids.items():
            for site, side in enumerate(sides):
                px, py = shape.port(side)
                if abs(px - point[0]) < 0.3 and abs(py - point[1]) < 0.3:
                    return f'<a:{tag} id="{ident}" idx="{site}"/>'
        return ""

    def arrow(self, arrow: Arrow, alt: str) -> None:
        """Add an arrow as a connector glued to the symbols at its ends (add the symbols first)."""
        xs, ys = [p[0] for p in arrow.points], [p[1] for p in arrow.points]
        place = self.place(arrow.points[0], (min(xs), min(ys)))
        glue = self._glue(arrow.points[0], "stCxn") + self._glue(arrow.points[-1], "endCxn")
        points = [(x - min(xs), y - min(ys)) for x, y in arrow.points]
        ident = next(self.ids)
        self._add(place, _anchor(ident, f"Panah {ident}", alt, place, (max(xs) - min(xs), max(ys) - min(ys)),
                                 _connector_body(points, arrow.head, glue)))

    def label(self, lines: list[Label]) -> None:
        """Add a label ("Ya", "Tidak setuju" on two lines, a connector's letter) as one text box."""
        boxes = [line.box for line in lines]
        x0, y0 = min(b[0] for b in boxes) - 0.3, min(b[1] for b in boxes) - 0.3
        x1, y1 = max(b[2] for b in boxes) + 0.3, max(b[3] for b in boxes) + 0.3
        place = self.place(((x0 + x1) / 2, (y0 + y1) / 2), (x0, y0))
        ident = next(self.ids)
        text = " ".join(line.text for line in lines)
        self._add(place, _anchor(ident, f"Label {text}", text, place, (x1 - x0, y1 - y0), _text_body(lines)))


def _set_widths(table: Any, widths: list[float]) -> None:
    """Give *table*'s grid (what LibreOffice reads) and every cell (what Word reads) its column's width (mm)."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Mm(width)


def _alt_texts(sop: Sop) -> dict[int, str]:
    """Per step index, the alternative text of its symbols (what a screen reader reads; the importer too)."""
    texts: dict[int, str] = {}
    for step in sop.langkah:
        who = ", ".join(sop.pelaksana[k].label for k in step.pelaksana)
        alt = f"Langkah {step.number}: {step.kegiatan.splitlines()[0]}. Pelaksana: {who}."
        if step.symbol == "decision":
            branches = {edge.kind: edge.target + 1 for edge in sop.outgoing(step.index)}
            alt += f" Ya → langkah {branches['ya']}; Tidak → langkah {branches['tidak']}."
        else:
            jumps = [edge.target + 1 for edge in sop.outgoing(step.index) if not edge.is_sequential]
            if jumps:
                alt += f" Lanjut → langkah {jumps[0]}."
        texts[step.index] = alt
    return texts


def _arrow_alt(sop: Sop, arrow: Arrow) -> str:
    kind = next((e.kind for e in sop.outgoing(arrow.source) if e.target == arrow.target), "")
    branch = f" ({kind.capitalize()})" if kind in ("ya", "tidak") else ""
    return f"Panah dari langkah {arrow.source + 1} ke langkah {arrow.target + 1}{branch}"


def _paragraphs(cell: Any, lines: tuple[str, ...], *, size: float, bold: bool, centre: bool,
                pad: float = PAD_Y_MM) -> None:
    """Fill *cell* with one paragraph per line, on the sheet's fixed 10 pt lines.

    The cell's top and bottom padding (*pad*, mm) is the first paragraph's space before
    and the last one's space after, not a cell margin: an empty lane cell then starts at its
    top edge, the origin of the objects anchored in it.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    paragraph = cell.paragraphs[0]
    texts = lines or ("",)
    for k, line in enumerate(texts):
        if k:
            paragraph = cell.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = Mm(pad) if k == 0 and any(texts) else Pt(0)
        fmt.space_after = Mm(pad) if k == len(texts) - 1 and any(texts) else Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_MM / 25.4 * 72)
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            run = paragraph.add_run(line)
            run.font.size, run.font.bold = Pt(size), bold or None


def _no_margins(cell: Any) -> None:
    """Zero inner margins: a floating object's offset from the cell is then from its corner."""
    from docx.oxml import parse_xml

    sides = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:tcMar {_NS}>{sides}</w:tcMar>'))


def _flow_page(document: Any, layout: SheetLayout, page: FlowPage, title: str, ids: Iterator[int],
               alts: dict[int, str]) -> None:
    """Append one flowchart page: its title line on a new page, its table, its drawing."""
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    heading = document.add_paragraph()
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.line_spacing = Pt(TITLE_MM / 25.4 * 72)
    heading.add_run(title).font.bold = True
    columns, rows = layout.columns, page.rows
    table = document.add_table(rows=len(rows), cols=len(columns))
    table.style = "Table Grid"
    table._tbl.tblPr.append(parse_xml(
        f'<w:tblCellMar {_NS}><w:top w:w="0" w:type="dxa"/><w:left w:w="{_twips(PAD_X_MM)}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{_twips(PAD_X_MM)}" w:type="dxa"/></w:tblCellMar>'))
    table._tbl.tblPr.append(parse_xml(f'<w:tblLayout {_NS} w:type="fixed"/>'))
    _set_widths(table, [c.width for c in columns])
    for r, grid_row in enumerate(rows):  # merges first: a merge joins the cells' contents
        for cell in grid_row.cells:
            if cell.span > 1 or cell.rowspan > 1:
                table.cell(r, cell.col).merge(table.cell(r + cell.rowspan - 1, cell.col + cell.span - 1))
    drawing = _PageDrawing(layout, page, ids)
    assert page.drawing is not None, "layout_sop routes every page"
    for shape in page.drawing.shapes:
        alt = alts[shape.step] if shape.step is not None else f"Penghubung antarhalaman {shape.letter}"
        drawing.shape(shape, alt)
    for arrow in page.drawing.arrows:
        drawing.arrow(arrow, _arrow_alt(layout.sop, arrow))
    for lines in _label_groups(page.drawing.labels):
        drawing.label(lines)
    for r, grid_row in enumerate(rows):
        row = table.rows[r]
        row.height, row.height_rule = Mm(grid_row.height), WD_ROW_HEIGHT_RULE.AT_LEAST
        if grid_row.kind in ("head", "numbers"):  # repeated should an edited table outgrow its page
            row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {_NS} w:val="true"/>'))
        for cell in grid_row.cells:
            target = table.cell(r, cell.col)
            head = grid_row.kind in ("head", "numbers")
            _paragraphs(target, cell.text, size=cell.font_pt or FONT_PT, bold=grid_row.kind in ("head", "total"),
                        centre=head or cell.key in ("no", "waktu", "total"),
                        pad=PAD_Y_MM - 0.5 if grid_row.kind == "numbers" else PAD_Y_MM)  # as the sheet's CSS
            if cell.key == "total_label":
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if cell.key in ("lane", "strip"):
                _no_margins(target)
            else:
                target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            for xml in drawing.runs.get((r, cell.col), ()):
                target.paragraphs[0]._p.append(parse_xml(xml))


def _identity_table(document: Any, sop: Sop, room: float) -> None:
    """Append Bagian Identitas as the PDF prints it, in one table *room* mm wide.

    The kop (logo, pemda, unit, subunit) spans the six identity rows at the left; each row is
    label, colon, value, with the printed labels (the instansi's own wording included); the
    Disahkan oleh cell keeps the signing space between jabatan and nama; then the three pairs
    of list sections, a header row and its numbered items below (PermenPANRB 35/2012).
    """
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from generator.render.html import PAIRS

    labels, unit, signer = sop.options.labels, sop.instansi, sop.disahkan_oleh
    from docx.oxml import parse_xml

    table = document.add_table(rows=6 + 2 * len(PAIRS), cols=4)
    table.style = "Table Grid"
    table._tbl.tblPr.append(parse_xml(  # the sheet's cell padding
        f'<w:tblCellMar {_NS}><w:top w:w="{_twips(PAD_Y_MM)}" w:type="dxa"/><w:left w:w="{_twips(PAD_X_MM)}" '
        f'w:type="dxa"/><w:bottom w:w="{_twips(PAD_Y_MM)}" w:type="dxa"/><w:right w:w="{_twips(PAD_X_MM)}" '
        'w:type="dxa"/></w:tblCellMar>'))
    _set_widths(table, [room * 0.46, room * 0.17, room * 0.02, room * 0.35])
    kop = table.cell(0, 0).merge(table.cell(5, 0))
    kop.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    logo = unit.logo if unit.logo is not None and unit.logo.suffix.lower() in (".png", ".jpg", ".jpeg") else None
    if logo is not None:
        kop.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        kop.paragraphs[0].add_run().add_picture(str(logo), height=Mm(22))
    for k, line in enumerate([unit.pemda, unit.unit, *(unit.subunit.splitlines() if unit.subunit else [])]):
        paragraph = kop.add_paragraph() if (k or logo is not None) else kop.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.font.size = True, Pt(10 if k < 2 else FONT_PT)
    dates = [format_tanggal(d) for d in (sop.tgl_pembuatan, sop.tgl_revisi, sop.tgl_efektif)]
    rows = [(labels["nomor"], [sop.nomor or "-"]), (labels["tgl_pembuatan"], [dates[0]]),
            (labels["tgl_revisi"], [dates[1]]), (labels["tgl_efektif"], [dates[2]]),
            (labels["disahkan_oleh"], [*signer.jabatan, "", "", "", signer.nama or "-",
                                       f"{signer.label_nip}. {signer.nip or '-'}"] if signer else ["-"]),
            (labels["nama_sop"], [sop.nama])]
    for r, (label, value) in enumerate(rows):
        cells = table.rows[r].cells
        cells[1].text, cells[2].text = label, ":"
        cells[1].paragraphs[0].runs[0].bold = True
        for k, line in enumerate(value):
            paragraph = cells[3].paragraphs[0] if k == 0 else cells[3].add_paragraph()
            if r == 4 and signer is not None:  # the signature block is centred, the nama bold and underlined
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line)
            if (r == 4 and signer is not None and line == (signer.nama or "-")) or r == 5:
                run.bold = True
                run.underline = r == 4
    for k, (left, right) in enumerate(PAIRS):
        head, body = table.rows[6 + 2 * k], table.rows[7 + 2 * k]
        for row in (head, body):
            row.cells[1].merge(row.cells[3])
        for column, key in ((0, left), (1, right)):
            head.cells[column].text = labels[key]
            head.cells[column].paragraphs[0].runs[0].bold = True
            items = sop.identitas.get(key, ())
            body.cells[column].text = "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1)) if items else "-"


def _data_sources_table(document: Any, sop: Sop, room: float) -> None:
    """Append the "Jenis dan Sumber Data" table as the PDF prints it after Bagian Identitas (nothing without one).

    One row per indicator the SOP produces data for (``jenis_dan_sumber_data``): No, Indikator,
    Jenis Data, Sumber Data, and the way, frequency, application and person responsible.
    """
    indicators = [sop.instansi.find_indikator(i) for i in sop.jenis_dan_sumber_data]
    if not indicators:
        return
    from docx.oxml import parse_xml

    document.add_paragraph()
    table = document.add_table(rows=2 + len(indicators), cols=5)
    table.style = "Table Grid"
    table._tbl.tblPr.append(parse_xml(
        f'<w:tblCellMar {_NS}><w:top w:w="{_twips(PAD_Y_MM)}" w:type="dxa"/><w:left w:w="{_twips(PAD_X_MM)}" '
        f'w:type="dxa"/><w:bottom w:w="{_twips(PAD_Y_MM)}" w:type="dxa"/><w:right w:w="{_twips(PAD_X_MM)}" '
        'w:type="dxa"/></w:tblCellMar>'))
    _set_widths(table, [room * share for share in (0.05, 0.21, 0.22, 0.30, 0.22)])
    title = table.cell(0, 0).merge(table.cell(0, 4))
    title.text = "Jenis dan Sumber Data"
    heads = ("No", "Indikator", "Jenis Data", "Sumber Data", "Cara, frekuensi, penanggung jawab")
    for number, head in enumerate(heads):
        table.cell(1, number).text = head
    for cell in (title, *table.rows[1].cells):
        cell.paragraphs[0].runs[0].bold = True
    for r, indicator in enumerate(indicators, start=2):
        cells = table.rows[r].cells
        cells[0].text, cells[1].text = str(r - 1), indicator.indikator
        cells[2].text, cells[3].text = indicator.jenis_data or "-", indicator.sumber_data or "-"
        ways = [f"{label}: {value}" for label, value in (
            ("Cara", indicator.metode_pengumpulan), ("Frekuensi", indicator.frekuensi),
            ("Aplikasi", indicator.aplikasi), ("Penanggung jawab", indicator.penanggung_jawab)) if value]
        cells[4].text = "\n".join(ways) or "-"


def export_docx(sop: Sop) -> bytes:
    """The Word document (.docx bytes) of *sop* (see the module's description).

    Raises:
        generator.errors.RenderError: the flowchart cannot be laid out (as for the PDF).
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from generator.render.html import short_title

    layout = layout_sop(sop)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(FONT_PT)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Liberation Sans")
    section = document.sections[0]
    width, height = _PAPER_MM.get(sop.options.paper, _PAPER_MM["F4"])
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("top", "right", "left"):
        setattr(section, f"{side}_margin", Mm(MARGIN_MM[side]))
    section.bottom_margin = Mm(MARGIN_MM["bottom"] - 6)  # no page footer: slack for a row Word sets taller
    room = width - MARGIN_MM["left"] - MARGIN_MM["right"]
    _identity_table(document, sop, room)
    _data_sources_table(document, sop, room)
    ids, alts = itertools.count(100), _alt_texts(sop)
    for page in layout.pages:
        _flow_page(document, layout, page, f"SOP : {short_title(sop)}", ids, alts)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
