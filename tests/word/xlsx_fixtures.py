"""Excel workbooks made the way offices keep SOP AP sheets, from the seeds' own texts.

`sop_xlsx(sop, path, marks)` writes one worksheet (openpyxl): a title row, the identity rows
(label, colon, value; dates as Excel dates; the list sections as a label with one numbered
item per row below it), then the flowchart with merged headers ("Pelaksana" over the lanes,
"Mutu Baku" over Kelengkapan/Waktu/Output, No/Kegiatan/Keterangan over two rows) and one row
per step. *marks*: ``"teks"`` puts an "X" in the lane cells; ``"bentuk"`` draws the symbols as
shapes over the lane cells (``xdr:twoCellAnchor`` with a flowchart preset), the arrows as
connectors glued to them (``xdr:cxnSp`` with ``a:stCxn``/``a:endCxn``) and the branch labels as
text boxes; ``"bentuk-lepas"`` the same without glue (read by geometry); ``"bentuk-grup"`` the
glued drawing grouped into one ``xdr:grpSp`` with a scaled child coordinate space. The drawing part is
added to the saved workbook by hand, since openpyxl writes no shapes.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from generator.model import Sop

_XDR = ('xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
_PRESET = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision"}
EMU_PX = 9525
ROW_PT = 48.0
WIDTHS = {"no": 5.0, "kegiatan": 40.0, "lane": 14.0, "kelengkapan": 24.0, "waktu": 10.0, "output": 24.0,
          "keterangan": 16.0}


def _emu_width(chars: float) -> int:
    return round((chars * 7 + 5) * EMU_PX)


def _marker(tag: str, x: int, y: int, cols: list[int], rows: list[int]) -> str:
    col = max(k for k in range(len(cols) - 1) if cols[k] <= x)
    row = max(k for k in range(len(rows) - 1) if rows[k] <= y)
    return (f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{x - cols[col]}</xdr:colOff><xdr:row>{row}</xdr:row>"
            f"<xdr:rowOff>{y - rows[row]}</xdr:rowOff></xdr:{tag}>")


def _anchor(body: str, box: tuple[int, int, int, int], cols: list[int], rows: list[int]) -> str:
    x0, y0, x1, y1 = box
    return (f'<xdr:twoCellAnchor editAs="oneCell">{_marker("from", x0, y0, cols, rows)}'
            f"{_marker('to', x1, y1, cols, rows)}{body}<xdr:clientData/></xdr:twoCellAnchor>")


def sop_xlsx(sop: Sop, path: Path, marks: str) -> Path:
    """Write *sop* as an Excel SOP AP sheet at *path* (see the module's description)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SOP"
    lanes = len(sop.pelaksana)
    keys = ["no", "kegiatan", *["lane"] * lanes, "kelengkapan", "waktu", "output", "keterangan"]
    for c, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = WIDTHS[key]
    sheet.cell(1, 1, "STANDAR OPERASIONAL PROSEDUR")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(keys))
    signer = sop.disahkan_oleh
    identity: list[tuple[str, object]] = [
        ("Nomor SOP", sop.nomor or "-"),
        ("Tgl. Pembuatan", datetime.datetime.combine(sop.tgl_pembuatan, datetime.time()) if sop.tgl_pembuatan else "-"),
        ("Tgl. Revisi", datetime.datetime.combine(sop.tgl_revisi, datetime.time()) if sop.tgl_revisi else "-"),
        ("Tgl. Efektif", datetime.datetime.combine(sop.tgl_efektif, datetime.time()) if sop.tgl_efektif else "-"),
        ("Disahkan Oleh", "\n".join([*(signer.jabatan if signer else ()), (signer.nama or "") if signer else "",
                                     f"NIP. {signer.nip}" if signer and signer.nip else ""]).strip() or "-"),
        ("Nama SOP", sop.nama)]
    row = 3
    for label, value in identity:
        sheet.cell(row, 2, label)
        sheet.cell(row, 3, ":")
        sheet.cell(row, 4, value)
        sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=len(keys))
        row += 1
    row += 1
    for left, right in (("Dasar Hukum", "Kualifikasi Pelaksana"), ("Keterkaitan", "Peralatan/Perlengkapan"),
                        ("Peringatan", "Pencatatan dan Pendataan")):
        sheet.cell(row, 2, left)
        sheet.cell(row, 2 + lanes + 2, right)
        height = 0
        for column, label in ((2, left), (2 + lanes + 2, right)):
            key = {"Dasar Hukum": "dasar_hukum", "Kualifikasi Pelaksana": "kualifikasi_pelaksana",
                   "Keterkaitan": "keterkaitan", "Peralatan/Perlengkapan": "peralatan_perlengkapan",
                   "Peringatan": "peringatan", "Pencatatan dan Pendataan": "pencatatan_pendataan"}[label]
            items = sop.identitas.get(key, ())
            for k, item in enumerate(items, start=1):
                sheet.cell(row + k, column, f"{k}. {item}")
            height = max(height, len(items))
        row += height + 2
    head = row
    sheet.cell(head, 1, "No")
    sheet.cell(head, 2, "Kegiatan")
    sheet.cell(head, 3, "Pelaksana")
    sheet.cell(head, 3 + lanes, "Mutu Baku")
    sheet.cell(head, 6 + lanes, "Keterangan")
    for c in (1, 2, 6 + lanes):
        sheet.merge_cells(start_row=head, start_column=c, end_row=head + 1, end_column=c)
    sheet.merge_cells(start_row=head, start_column=3, end_row=head, end_column=2 + lanes)
    sheet.merge_cells(start_row=head, start_column=3 + lanes, end_row=head, end_column=5 + lanes)
    for k, lane in enumerate(sop.pelaksana):
        sheet.cell(head + 1, 3 + k, lane.label)
    for k, name in enumerate(("Kelengkapan", "Waktu", "Output")):
        sheet.cell(head + 1, 3 + lanes + k, name)
    first = head + 2
    for step in sop.langkah:
        r = first + step.index
        sheet.row_dimensions[r].height = ROW_PT
        sheet.cell(r, 1, step.number)
        sheet.cell(r, 2, step.kegiatan)
        for lane in step.pelaksana:
            if marks == "teks":
                sheet.cell(r, 3 + lane, "X")
        sheet.cell(r, 3 + lanes, "\n".join(step.kelengkapan) or "-")
        sheet.cell(r, 4 + lanes, step.waktu.text if step.waktu else "-")
        sheet.cell(r, 5 + lanes, "\n".join(step.output) or "-")
        sheet.cell(r, 6 + lanes, step.keterangan or "")
    book.save(path)
    if marks.startswith("bentuk"):
        _add_drawing(path, sop, keys, first, glued=marks in ("bentuk", "bentuk-grup"), grouped=marks == "bentuk-grup")
    return path


def _child_xfrm(body: str, box: tuple[int, int, int, int]) -> str:
    """*body* with its ``a:off``/``a:ext`` replaced by *box* (x, y, cx, cy in the group's child coordinates)."""
    return re.sub(r'<a:off x="-?\d+" y="-?\d+"/><a:ext cx="\d+" cy="\d+"/>',
                  f'<a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{box[2]}" cy="{box[3]}"/>', body, count=1)


def _add_drawing(path: Path, sop: Sop, keys: list[str], first: int, *, glued: bool, grouped: bool = False) -> None:
    """Add the flowchart's shapes, connectors and labels as the sheet's drawing part.

    *grouped*: all of them in one group (``xdr:grpSp``, as "Group" in Excel makes it) whose child
    coordinates are twice the sheet's, so that only the group's transform places its members.
    """
    cols = [0]
    for key in keys:
        cols.append(cols[-1] + _emu_width(WIDTHS[key]))
    rows = [0]
    for r in range(1, first + len(sop.langkah) + 2):
        rows.append(rows[-1] + round((ROW_PT if r >= first else 15.0) * 12700))
    size = {"terminator": (500000, 220000), "process": (500000, 250000), "decision": (420000, 320000)}
    members: list[tuple[str, tuple[int, int, int, int]]] = []
    ids: dict[tuple[int, int], int] = {}
    centre: dict[tuple[int, int], tuple[int, int]] = {}
    next_id = 2
    for step in sop.langkah:
        for lane in step.pelaksana:
            w, h = size[step.symbol]
            cx = (cols[2 + lane] + cols[3 + lane]) // 2
            cy = (rows[first - 1 + step.index] + rows[first + step.index]) // 2
            ids[(step.index, lane)], centre[(step.index, lane)] = next_id, (cx, cy)
            body = (f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{next_id}" name="Simbol {next_id}"/>'
                    f'<xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="{cx - w // 2}" y="{cy - h // 2}"/>'
                    f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="{_PRESET[step.symbol]}"><a:avLst/>'
                    '</a:prstGeom></xdr:spPr></xdr:sp>')
            members.append((body, (cx - w // 2, cy - h // 2, cx + w // 2, cy + h // 2)))
            next_id += 1
    for step in sop.langkah:
        lane = step.pelaksana[0]
        sx, sy = centre[(step.index, lane)]
        w, h = size[step.symbol]
        for edge in sop.outgoing(step.index):
            t_lane = sop.langkah[edge.target].pelaksana[0]
            tx, ty = centre[(edge.target, t_lane)]
            tw, th = size[sop.langkah[edge.target].symbol]
            if edge.target == step.index + 1:  # bottom to top
                start, end, sites, preset = (sx, sy + h // 2), (tx, ty - th // 2), (2, 0), \
                    "straightConnector1" if sx == tx else "bentConnector3"
                label = (sx + 40000, sy + h // 2 + 10000)
            else:  # right vertex to the target's right vertex
                start, end, sites, preset = (sx + w // 2, sy), (tx + tw // 2, ty), (3, 3), "bentConnector3"
                label = (sx + w // 2 + 20000, sy - 150000)
            x0, y0 = min(start[0], end[0]), min(start[1], end[1])
            x1, y1 = max(start[0], end[0]), max(start[1], end[1])
            flips = (' flipH="1"' if end[0] < start[0] else "") + (' flipV="1"' if end[1] < start[1] else "")
            glue = (f'<a:stCxn id="{ids[(step.index, lane)]}" idx="{sites[0]}"/>'
                    f'<a:endCxn id="{ids[(edge.target, t_lane)]}" idx="{sites[1]}"/>') if glued else ""
            body = (f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{next_id}" name="Panah {next_id}"/>'
                    f'<xdr:cNvCxnSpPr>{glue}</xdr:cNvCxnSpPr></xdr:nvCxnSpPr><xdr:spPr><a:xfrm{flips}>'
                    f'<a:off x="{x0}" y="{y0}"/><a:ext cx="{x1 - x0}" cy="{y1 - y0}"/></a:xfrm>'
                    f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom><a:ln w="9525"><a:tailEnd type="triangle"/>'
                    '</a:ln></xdr:spPr></xdr:cxnSp>')
            members.append((body, (x0, y0, max(x1, x0 + 1), max(y1, y0 + 1))))
            next_id += 1
            if edge.kind in ("ya", "tidak"):
                text = edge.label or edge.kind.capitalize()
                lx, ly = label
                body = (f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{next_id}" name="Label {next_id}"/>'
                        '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
                        '<a:ext cx="300000" cy="120000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                        '<a:noFill/></xdr:spPr><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>'
                        f"{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp>")
                members.append((body, (lx, ly, lx + 300000, ly + 120000)))
                next_id += 1
    if grouped:
        gx0, gy0 = min(b[0] for _, b in members), min(b[1] for _, b in members)
        gx1, gy1 = max(b[2] for _, b in members), max(b[3] for _, b in members)
        inside = "".join(_child_xfrm(body, (2 * (b[0] - gx0), 2 * (b[1] - gy0), 2 * (b[2] - b[0]), 2 * (b[3] - b[1])))
                         for body, b in members)
        group = ('<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="1000" name="Grup 1"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
                 f'<xdr:grpSpPr><a:xfrm><a:off x="{gx0}" y="{gy0}"/><a:ext cx="{gx1 - gx0}" cy="{gy1 - gy0}"/>'
                 f'<a:chOff x="0" y="0"/><a:chExt cx="{2 * (gx1 - gx0)}" cy="{2 * (gy1 - gy0)}"/></a:xfrm>'
                 f"</xdr:grpSpPr>{inside}</xdr:grpSp>")
        parts = [_anchor(group, (gx0, gy0, gx1, gy1), cols, rows)]
    else:
        parts = [_anchor(body, box, cols, rows) for body, box in members]
    drawing = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr {_XDR}>{"".join(parts)}</xdr:wsDr>'
    source = path.read_bytes()
    with zipfile.ZipFile(path.with_suffix(".tmp"), "w", zipfile.ZIP_DEFLATED) as out, \
            zipfile.ZipFile(io.BytesIO(source)) as original:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b'<drawing xmlns:r="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships" r:id="rIdSop1"/></worksheet>')
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/drawings/drawing1.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
            out.writestr(item, data)
        out.writestr("xl/drawings/drawing1.xml", drawing)
        out.writestr("xl/worksheets/_rels/sheet1.xml.rels",
                     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                     'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdSop1" Type="http://schemas.'
                     'openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>'
                     "</Relationships>")
    path.with_suffix(".tmp").replace(path)
