"""Word files made the way Word stores real SOP AP documents, from the seeds' own texts.

`sop_docx(sop, marks)` writes the identity table (label, colon, value rows; the list sections
as a header cell with its items in the cell below), then the flowchart table with its merged
headers ("Pelaksana" over the lanes, "Mutu Baku" over Kelengkapan/Waktu/Output), the
column-number row and one row per step. *marks* is how a step's lane is shown: ``"teks"`` (an
X in the cell), ``"drawingml"`` (a DrawingML shape, ``wp:inline``, whose preset geometry is the
symbol; ``"drawingml-alt"`` also names a decision's targets in its alternative text) or
``"vml"`` (``v:roundrect``/``v:rect``/a ``v:shape`` of type 110 for a decision), or
``"anchor-margin"``/``"anchor-page"`` (a floating ``wp:anchor`` shape held by the Kegiatan
cell's paragraph and placed over its lane by an offset from the margin or the page).
"""

from __future__ import annotations

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


def _vml(kind: str) -> str:
    shape = {"terminator": '<v:roundrect style="width:40pt;height:18pt" arcsize="0.5"/>',
             "process": '<v:rect style="width:40pt;height:18pt"/>',
             "decision": '<v:shape type="#_x0000_t110" o:spt="110" style="width:40pt;height:24pt"/>'}[kind]
    return f"<w:r {_NS}><w:pict>{shape}</w:pict></w:r>"


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
    if marks.startswith("anchor"):  # the grid the floating shapes are measured against
        from docx.shared import Mm
        for column, mm in zip(flow.columns, widths_mm, strict=False):
            column.width = Mm(mm)
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
            else:
                branches = {e.kind: e.target + 1 for e in sop.outgoing(step.index)}
                alt = f"Ya → langkah {branches['ya']}; Tidak → langkah {branches['tidak']}" \
                    if step.symbol == "decision" and marks == "drawingml-alt" else ""
                xml = _drawing(step.symbol, 100 + step.index, alt) if marks.startswith("drawingml") \
                    else _vml(step.symbol)
                cell.paragraphs[0]._p.append(parse_xml(xml))
        cells[2 + lanes].text = "\n".join(step.kelengkapan)
        cells[3 + lanes].text = step.waktu.text if step.waktu else ""
        cells[4 + lanes].text = "\n".join(step.output)
        cells[5 + lanes].text = step.keterangan or ""
    document.save(str(path))
    return path
