"""Word files made the way Word stores real SOP AP documents, from the seeds' own texts.

`sop_docx(sop, marks)` writes the identity table (label, colon, value rows; the list sections
as a header cell with its items in the cell below), then the flowchart table with its merged
headers ("Pelaksana" over the lanes, "Mutu Baku" over Kelengkapan/Waktu/Output), the
column-number row and one row per step. *marks* is how a step's lane is shown: ``"teks"`` (an
X in the cell), ``"drawingml"`` (a DrawingML shape, ``wp:inline``, whose preset geometry is the
symbol; ``"drawingml-alt"`` also names a decision's targets in its alternative text) or
``"vml"`` (``v:roundrect``/``v:rect``/a ``v:shape`` of type 110 for a decision), or
``"anchor-margin"``/``"anchor-page"`` (a floating ``wp:anchor`` shape held by the Kegiatan
cell's paragraph and placed over its lane by an offset from the margin or the page),
``"vml-float"`` (the same with absolutely positioned VML), ``"alternate"`` (each shape in
``mc:AlternateContent``: DrawingML, with a VML fallback, as Word 2010 and later store it), ``"vmerge"`` (DrawingML shapes in
lane cells merged down over the empty cells below them), ``"vml-polyline"`` (as the next, each
arrow one ``v:polyline``) or ``"vml-garis"`` (VML symbols
centred in their lane cells of fixed-height rows, with the arrows drawn as unglued VML lines
and the branches labelled by text boxes, as a person draws them in Word 2007).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import docx
from docx.oxml import parse_xml

from generator.formatting import format_tanggal
from generator.model import Sop

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
_PRESET = {"terminator": "flowChartTerminator", "process": "rect", "decision": "flowChartDecision"}


def _drawing(kind: str, number: int, alt: str = "") -> str:
    return (f'<w:r {_NS}><w:drawing><wp:inline><wp:extent cx="540000" cy="270000"/>'
            f'<wp:docPr id="{number}" name="Simbol {number}" descr="{alt}"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr>'
            f'<a:prstGeom prst="{_PRESET[kind]}"><a:avLst/></a:prstGeom></wps:spPr></wps:wsp></a:graphicData>'
            '</a:graphic></wp:inline></w:drawing></w:r>')


def _anchor(kind: str, number: int, relative: str, offset: int) -> str:
    """A DrawingML shape floating over the table, *offset* EMU from the margin or the page."""
    return (f'<w:r {_NS}><w:drawing><wp:anchor simplePos="0" relativeHeight="{number}" behindDoc="0" locked="0" '
            'layoutInCell="1" allowOverlap="1" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="{relative}"><wp:posOffset>{offset}'
            '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionV><wp:extent cx="540000" cy="270000"/><wp:wrapNone/>'
            f'<wp:docPr id="{number}" name="Simbol {number}"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr>'
            f'<a:prstGeom prst="{_PRESET[kind]}"><a:avLst/></a:prstGeom></wps:spPr></wps:wsp></a:graphicData>'
            '</a:graphic></wp:anchor></w:drawing></w:r>')


def _vml(kind: str, position: str = "") -> str:
    """A VML symbol, inline or (*position*: extra CSS) absolutely positioned."""
    shape = {"terminator": '<v:roundrect style="{p}width:40pt;height:18pt" arcsize="0.5"/>',
             "process": '<v:rect style="{p}width:40pt;height:18pt"/>',
             "decision": '<v:shape type="#_x0000_t110" o:spt="110" style="{p}width:40pt;height:24pt"/>'}[kind]
    return f"<w:r {_NS}><w:pict>{shape.format(p=position)}</w:pict></w:r>"


def _alternate(kind: str, number: int) -> str:
    """The shape as Word 2010+ stores it: DrawingML for who can read it, VML as the fallback."""
    drawing = _drawing(kind, number).split(">", 1)[1].rsplit("</w:r>", 1)[0]
    fallback = _vml(kind).split(">", 1)[1].rsplit("</w:r>", 1)[0]
    return (f'<w:r {_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:AlternateContent>'
            f'<mc:Choice Requires="wps">{drawing}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback>'
            "</mc:AlternateContent></w:r>")


_PT = 72 / 25.4
"""pt per mm."""
ROW_MM = 18.0
"""Height of every step row in the ``vml-garis`` style (``w:trHeight``, exact)."""


def _vml_line(points: list[tuple[float, float]]) -> str:
    """Runs of VML lines through *points* (mm from the anchor cell's corner), the last with an arrowhead."""
    lines = []
    for k, ((x1, y1), (x2, y2)) in enumerate(itertools.pairwise(points)):
        head = '<v:stroke endarrow="block"/>' if k == len(points) - 2 else ""
        lines.append('<v:line style="position:absolute;mso-position-horizontal-relative:text;'
                     f'mso-position-vertical-relative:text" from="{x1 * _PT:.2f}pt,{y1 * _PT:.2f}pt" '
                     f'to="{x2 * _PT:.2f}pt,{y2 * _PT:.2f}pt">{head}</v:line>')
    return "".join(f"<w:r {_NS}><w:pict>{line}</w:pict></w:r>" for line in lines)  # one shape per pict, as Word


def _vml_polyline(points: list[tuple[float, float]]) -> str:
    """One VML polyline through *points* (mm from the anchor cell's corner), its arrowhead at the end."""
    coords = ",".join(f"{v * _PT:.2f}pt" for point in points for v in point)
    return (f'<w:r {_NS}><w:pict><v:polyline style="position:absolute;mso-position-horizontal-relative:text;'
            f'mso-position-vertical-relative:text" points="{coords}" filled="f"><v:stroke endarrow="block"/>'
            "</v:polyline></w:pict></w:r>")


def _vml_label(text: str, x: float, y: float) -> str:
    """A VML text box (type 202) holding *text*, its corner at (*x*, *y*) mm from the anchor cell's corner."""
    return (f'<w:r {_NS}><w:pict><v:shape type="#_x0000_t202" stroked="f" style="position:absolute;'
            f'margin-left:{x * _PT:.2f}pt;margin-top:{y * _PT:.2f}pt;width:24pt;height:9pt;'
            'mso-position-horizontal-relative:text;mso-position-vertical-relative:text"><v:textbox>'
            f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
            '</w:pict></w:r>')


VARIANTS = {
    "baku": {"No": "NO", "Kegiatan": "URAIAN PROSEDUR", "Pelaksana": "PELAKU", "Mutu Baku": "BAKU MUTU",
             "Kelengkapan": "Persyaratan/Perlengkapan", "Waktu": "WAKTU", "Output": "OUTPUT", "Keterangan": "KET"},
    "aktivitas": {"Kegiatan": "Aktivitas", "Pelaksana": "Pelaksana", "Mutu Baku": "Mutu Baku"},
}
"""Header words seen in real documents instead of the regulation's."""


def sop_docx(sop: Sop, path: Path, marks: str, words: str = "", one_table: bool = False) -> Path:
    """Write *sop* as a Word SOP AP document at *path* (see the module's description).

    *words* picks header words of :data:`VARIANTS`; *one_table* puts the identity rows and the
    flowchart in a single table, as some offices do.
    """
    say = VARIANTS.get(words, {})
    document = docx.Document()
    signer = sop.disahkan_oleh
    rows = [("Nomor SOP", sop.nomor or "-"), ("Tgl. Pembuatan", format_tanggal(sop.tgl_pembuatan)),
            ("Tgl. Revisi", format_tanggal(sop.tgl_revisi)), ("Tgl. Efektif", format_tanggal(sop.tgl_efektif)),
            ("Disahkan Oleh", "\n".join([*(signer.jabatan if signer else ()), signer.nama or "" if signer else "",
                                        f"NIP. {signer.nip}" if signer and signer.nip else ""]).strip()),
            ("Nama SOP", sop.nama)]
    identity = document.add_table(rows=0, cols=3)
    for label, value in rows:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
    lists = document.add_table(rows=0, cols=2)
    for left, right in (("DASAR HUKUM:", "KUALIFIKASI PELAKSANA:"), ("Keterkaitan", "Peralatan/Perlengkapan"),
                        ("Peringatan", "Pencatatan dan Pendataan")):
        head, body = lists.add_row().cells, lists.add_row().cells
        for cell, value, label in ((head[0], body[0], left), (head[1], body[1], right)):
            cell.text = label
            key = {"dasarhukum": "dasar_hukum", "kualifikasipelaksana": "kualifikasi_pelaksana",
                   "keterkaitan": "keterkaitan", "peralatanperlengkapan": "peralatan_perlengkapan",
                   "peringatan": "peringatan", "pencatatandanpendataan": "pencatatan_pendataan"}[
                "".join(ch for ch in label.lower() if ch.isalpha())]
            value.text = "\n".join(f"{i}. {item}" for i, item in enumerate(sop.identitas.get(key, ()), 1))
    lanes = len(sop.pelaksana)
    width = 2 + lanes + 3 + 1
    if one_table:  # the identity rows above the flowchart, in the same table
        flow = identity
        for _ in range(width - 3):
            flow.add_column(flow.columns[0].width)
        top = len(flow.rows)
        for _ in range(3 + len(sop.langkah)):
            flow.add_row()
    else:
        flow = document.add_table(rows=3 + len(sop.langkah), cols=width)
        top = 0
    head, sub, numbers = flow.rows[top].cells, flow.rows[top + 1].cells, flow.rows[top + 2].cells
    head[0].merge(sub[0]).text = say.get("No", "No")
    head[1].merge(sub[1]).text = say.get("Kegiatan", "Kegiatan")
    head[2].merge(head[1 + lanes]).text = say.get("Pelaksana", "Pelaksana")
    head[2 + lanes].merge(head[4 + lanes]).text = say.get("Mutu Baku", "Mutu Baku")
    head[5 + lanes].merge(sub[5 + lanes]).text = say.get("Keterangan", "Keterangan")
    for k, lane in enumerate(sop.pelaksana):
        sub[2 + k].text = lane.label
    for k, name in enumerate(("Kelengkapan", "Waktu", "Output")):
        sub[2 + lanes + k].text = say.get(name, name)
    for c in range(width):
        numbers[c].text = str(c + 1)
    widths_mm = [8.0, 60.0, *[20.0] * lanes, 25.0, 15.0, 25.0, 20.0]
    if marks.startswith(("anchor", "vml-")):  # the grid the floating shapes are measured against
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.shared import Mm
        for column, mm in zip(flow.columns, widths_mm, strict=False):
            column.width = Mm(mm)
        for row in flow.rows:
            row.height, row.height_rule = Mm(ROW_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    for step in sop.langkah:
        cells = flow.rows[top + 3 + step.index].cells
        cells[0].text = str(step.number)
        cells[1].text = step.kegiatan
        for lane in step.pelaksana:
            cell = cells[2 + lane]
            if marks.startswith("anchor"):  # floating in the Kegiatan cell's paragraph, over the lane
                relative = "page" if marks == "anchor-page" else "margin"
                centre = (sum(widths_mm[:2 + lane]) + widths_mm[2 + lane] / 2) * 36000
                offset = int(centre - 270000) + (int(document.sections[0].left_margin or 0) if relative == "page" else 0)
                cells[1].paragraphs[0]._p.append(parse_xml(_anchor(step.symbol, 200 + step.index, relative, offset)))
            elif marks == "teks":
                cell.text = "X"
            elif marks == "vml-float":  # absolutely placed from the margin, held by the Kegiatan cell
                left = sum(widths_mm[:2 + lane]) + widths_mm[2 + lane] / 2 - 40 / _PT / 2
                cells[1].paragraphs[0]._p.append(parse_xml(_vml(step.symbol, (
                    f"position:absolute;margin-left:{left * _PT:.2f}pt;margin-top:2pt;"
                    "mso-position-horizontal-relative:margin;mso-position-vertical-relative:text;"))))
            elif marks in ("vml-garis", "vml-polyline"):  # centred in its lane cell; the arrows are drawn below
                width, height = 40 / _PT, (24 if step.symbol == "decision" else 18) / _PT
                cell.paragraphs[0]._p.append(parse_xml(_vml(step.symbol, (
                    f"position:absolute;margin-left:{(widths_mm[2 + lane] - width) / 2 * _PT:.2f}pt;"
                    f"margin-top:{(ROW_MM - height) / 2 * _PT:.2f}pt;"
                    "mso-position-horizontal-relative:text;mso-position-vertical-relative:text;"))))
            else:
                branches = {e.kind: e.target + 1 for e in sop.outgoing(step.index)}
                alt = f"Ya → langkah {branches['ya']}; Tidak → langkah {branches['tidak']}" \
                    if step.symbol == "decision" and marks == "drawingml-alt" else ""
                xml = _drawing(step.symbol, 100 + step.index, alt) if marks.startswith("drawingml") \
                    else _alternate(step.symbol, 100 + step.index) if marks == "alternate" else _vml(step.symbol)
                cell.paragraphs[0]._p.append(parse_xml(xml))
        cells[2 + lanes].text = "\n".join(step.kelengkapan)
        cells[3 + lanes].text = step.waktu.text if step.waktu else ""
        cells[4 + lanes].text = "\n".join(step.output)
        cells[5 + lanes].text = step.keterangan or ""
    if marks in ("vml-garis", "vml-polyline"):
        _draw_arrows(sop, flow, top + 3, widths_mm, polyline=marks == "vml-polyline")
    if marks == "vmerge":  # each symbol's lane cell merged down over the empty cells below it
        for lane in range(lanes):
            for step in sop.langkah:
                below = step.index + 1
                if lane in step.pelaksana and below < len(sop.langkah) and lane not in sop.langkah[below].pelaksana:
                    flow.cell(top + 3 + step.index, 2 + lane).merge(flow.cell(top + 3 + below, 2 + lane))
    document.save(str(path))
    return path


def _draw_arrows(sop: Sop, flow: docx.table.Table, first: int, widths_mm: list[float], *,
                 polyline: bool = False) -> None:
    """Every edge of *sop* as VML lines anchored in its source's lane cell, unglued, as a person
    draws them over fixed-height rows: down from the bottom vertex into the next row (with an
    elbow between the rows), or out of the right vertex into a channel at the lane's right edge
    and into the target's side; decisions' branches labelled "Ya"/"Tidak" by text boxes.
    *polyline*: each arrow one ``v:polyline`` through its points (Word's "Freeform: Scribble" or
    an elbow drawn in an old version) instead of one ``v:line`` per segment."""
    lane_x = [sum(widths_mm[:2 + k]) for k in range(len(sop.pelaksana))]
    for step in sop.langkah:
        lane = step.pelaksana[0]
        lx, width = lane_x[lane], widths_mm[2 + lane]
        half_h = (24 if step.symbol == "decision" else 18) / _PT / 2
        cx, cy = width / 2, ROW_MM / 2  # in the anchor cell's frame
        for edge in sop.outgoing(step.index):
            target = sop.langkah[edge.target]
            t_lane = target.pelaksana[0]
            t_half = (24 if target.symbol == "decision" else 18) / _PT / 2
            tx = lane_x[t_lane] - lx + widths_mm[2 + t_lane] / 2
            ty = (edge.target - step.index) * ROW_MM + ROW_MM / 2
            if edge.target == step.index + 1:
                points = [(cx, cy + half_h), (cx, ROW_MM + 1.5), (tx, ROW_MM + 1.5), (tx, ty - t_half)] \
                    if tx != cx else [(cx, cy + half_h), (tx, ty - t_half)]
                label = (cx + 1.0, cy + half_h + 0.3)
            else:
                channel = width - 1.5
                side = tx + 20 / _PT if t_lane <= lane else tx - 20 / _PT
                points = [(cx + 20 / _PT, cy), (channel, cy), (channel, ty), (side, ty)]
                label = (cx + 20 / _PT + 0.5, cy - 4.0)
            xml = _vml_polyline(points) if polyline else _vml_line(points)
            if edge.kind in ("ya", "tidak"):
                xml += _vml_label(edge.kind.capitalize(), *label)
            for run in (parse_xml(x) for x in _split_runs(xml)):
                flow.rows[first + step.index].cells[2 + lane].paragraphs[0]._p.append(run)


def _split_runs(xml: str) -> list[str]:
    return [f"<w:r {_NS}>{part}" for part in xml.split(f"<w:r {_NS}>") if part]


def stripped(data: bytes, *patterns: str) -> bytes:
    """The .docx *data* with every match of the regular expressions *patterns* removed from its body XML."""
    import io
    import re
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = content.decode()
                for pattern in patterns:
                    text = re.sub(pattern, "", text)
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def grouped(data: bytes) -> bytes:
    """The .docx *data* with the shapes anchored in each table cell put into one group (``wpg:wgp``).

    As "Group" in Word makes it: one ``wp:anchor`` over the members' union, each member a
    ``wps:wsp`` with its own ``wps:cNvPr`` (id and alternative text from its ``wp:docPr``, so the
    connectors' glue still names it) and its box in the group's child coordinates — here twice
    the group's own size (``a:chExt``), so only the group's transform places the members.
    """
    import io
    import zipfile

    from lxml import etree

    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
    wpg_uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    root = etree.fromstring(source.read("word/document.xml"))
    next_id = 5000
    for tc in root.iter(f"{w}tc"):
        runs = [r for r in tc.iter(f"{w}r") if r.find(f"{w}drawing/{wp}anchor") is not None]
        if not runs:
            continue
        boxes = []
        for run in runs:
            anchor = run.find(f"{w}drawing/{wp}anchor")
            x = int(anchor.findtext(f"{wp}positionH/{wp}posOffset"))
            y = int(anchor.findtext(f"{wp}positionV/{wp}posOffset"))
            extent = anchor.find(f"{wp}extent")
            boxes.append((x, y, int(extent.get("cx")), int(extent.get("cy"))))
        gx, gy = min(b[0] for b in boxes), min(b[1] for b in boxes)
        gw = max(b[0] + b[2] for b in boxes) - gx
        gh = max(b[1] + b[3] for b in boxes) - gy
        members = []
        for run, (x, y, cx, cy) in zip(runs, boxes, strict=True):
            anchor = run.find(f"{w}drawing/{wp}anchor")
            doc = anchor.find(f"{wp}docPr")
            shape = anchor.find(f".//{wps}wsp")
            names = etree.SubElement(shape, f"{wps}cNvPr", id=doc.get("id"), name=doc.get("name"),
                                     descr=doc.get("descr", ""))
            shape.remove(names)
            shape.insert(0, names)
            xfrm = shape.find(f"{wps}spPr/{a}xfrm")
            xfrm.find(f"{a}off").attrib.update({"x": str(2 * (x - gx)), "y": str(2 * (y - gy))})
            xfrm.find(f"{a}ext").attrib.update({"cx": str(2 * cx), "cy": str(2 * cy)})
            members.append(etree.tostring(shape, encoding="unicode"))
        first = runs[0].find(f"{w}drawing/{wp}anchor")
        first.find(f"{wp}positionH/{wp}posOffset").text = str(gx)
        first.find(f"{wp}positionV/{wp}posOffset").text = str(gy)
        first.find(f"{wp}extent").attrib.update({"cx": str(gw), "cy": str(gh)})
        first.find(f"{wp}docPr").attrib.update({"id": str(next_id), "name": f"Grup {next_id}", "descr": ""})
        next_id += 1
        data_el = first.find(f"{a}graphic/{a}graphicData")
        data_el.set("uri", wpg_uri)
        for child in list(data_el):
            data_el.remove(child)
        data_el.append(etree.fromstring(
            f'<wpg:wgp xmlns:wpg="{wpg_uri}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wpg:cNvGrpSpPr/>'
            f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{gw}" cy="{gh}"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="{2 * gw}" cy="{2 * gh}"/></a:xfrm></wpg:grpSpPr>{"".join(members)}</wpg:wgp>'))
        for run in runs[1:]:
            run.getparent().remove(run)
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, content)
    return out.getvalue()
