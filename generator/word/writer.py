"""Write an SOP as an editable Word document (issue 15 §2, first part).

The official sheet as a Bagian Organisasi can edit it: the identity table (label, colon, value;
the list sections as a header cell with its items below), then the flowchart table with its
merged headers ("Pelaksana" over the lanes, "Mutu Baku" over Kelengkapan/Waktu/Output), the
column-number row and one row per step, its symbol a DrawingML shape (terminator, process or
decision preset) in the executor's lane cell. The two header rows repeat on every page
(``w:tblHeader``); the section is landscape on the SOP's paper (F4 215×330 mm or A4); text is
in Liberation Sans, the font the PDF embeds. Every shape carries alternative text: the step, its
pelaksana and, for a decision, "Ya → langkah 6; Tidak → langkah 4" — what a screen reader
reads, and what :func:`generator.word.import_docx` reads back, so an exported file imports to
the same flow. Not drawn yet: the connector arrows between the shapes.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import quoteattr

from generator.formatting import format_tanggal
from generator.model import Sop

__all__ = ["export_docx"]

_PRESET = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision"}
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
_EMU_PER_MM = 36000
_PAPER_MM = {"F4": (330.0, 215.0), "A4": (297.0, 210.0)}
_LISTS = (("Dasar Hukum", "dasar_hukum"), ("Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
          ("Keterkaitan", "keterkaitan"), ("Peralatan/Perlengkapan", "peralatan_perlengkapan"),
          ("Peringatan", "peringatan"), ("Pencatatan dan Pendataan", "pencatatan_pendataan"))


def _shape(kind: str, number: int, alt: str) -> str:
    """A DrawingML shape (inline, 14×7 mm; a decision 14×9 mm) of the symbol *kind*, outlined in black."""
    width, height = 14 * _EMU_PER_MM, (9 if kind == "decision" else 7) * _EMU_PER_MM
    return (f'<w:r {_NS}><w:drawing><wp:inline><wp:extent cx="{width}" cy="{height}"/>'
            f'<wp:docPr id="{number}" name="Simbol langkah {number}" descr={quoteattr(alt)}/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
            f'<a:prstGeom prst="{_PRESET[kind]}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/>'
            '</a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
            '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def _flow_widths(lanes: int, room: float) -> list[float]:
    """Column widths (mm) of the flowchart table: No, Kegiatan, the lanes, Mutu Baku, Keterangan.

    >>> [round(w) for w in _flow_widths(5, 306)]
    [8, 62, 18, 18, 18, 18, 18, 34, 16, 30, 66]
    """
    widths = [8.0, 62.0, *[18.0] * lanes, 34.0, 16.0, 30.0]
    rest = room - sum(widths)
    if rest < 16:  # too many lanes for the paper: shrink everything to fit, Keterangan included
        scale = room / (sum(widths) + 16)
        return [w * scale for w in [*widths, 16.0]]
    return [*widths, rest]


def _set_widths(table: Any, widths: list[float], mm: Any) -> None:
    """Give *table*'s grid (what LibreOffice reads) and every cell (what Word reads) its column's width."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = mm(width)


def export_docx(sop: Sop) -> bytes:
    """The Word document (.docx bytes) of *sop* (see the module's description)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(8)
    section = document.sections[0]
    width, height = _PAPER_MM.get(sop.options.paper, _PAPER_MM["F4"])
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    document.add_paragraph(f"{sop.instansi.pemda}\n{sop.instansi.unit}")
    signer = sop.disahkan_oleh
    signature = "\n".join([*(signer.jabatan if signer else ()), (signer.nama or "") if signer else "",
                           f"NIP. {signer.nip}" if signer and signer.nip else ""]).strip()
    identity = document.add_table(rows=0, cols=3)
    identity.style = "Table Grid"
    for label, value in (("Nomor SOP", sop.nomor or "-"), ("Tgl. Pembuatan", format_tanggal(sop.tgl_pembuatan)),
                         ("Tgl. Revisi", format_tanggal(sop.tgl_revisi)),
                         ("Tgl. Efektif", format_tanggal(sop.tgl_efektif)),
                         ("Disahkan Oleh", signature or "-"), ("Nama SOP", sop.nama)):
        cells = identity.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
    lists = document.add_table(rows=0, cols=2)
    lists.style = "Table Grid"
    for k in range(0, len(_LISTS), 2):
        head, body = lists.add_row().cells, lists.add_row().cells
        for column, (label, key) in enumerate(_LISTS[k:k + 2]):
            head[column].text = label
            body[column].text = "\n".join(f"{i}. {item}" for i, item in enumerate(sop.identitas.get(key, ()), 1))
    document.add_paragraph(f"SOP : {sop.nama}")
    lanes = len(sop.pelaksana)
    columns = 2 + lanes + 3 + 1
    flow = document.add_table(rows=3 + len(sop.langkah), cols=columns)
    flow.style = "Table Grid"
    head, sub, numbers = flow.rows[0].cells, flow.rows[1].cells, flow.rows[2].cells
    head[0].merge(sub[0]).text = "No"
    head[1].merge(sub[1]).text = "Kegiatan"
    head[2].merge(head[1 + lanes]).text = "Pelaksana"
    head[2 + lanes].merge(head[4 + lanes]).text = "Mutu Baku"
    head[5 + lanes].merge(sub[5 + lanes]).text = "Keterangan"
    for k, executor in enumerate(sop.pelaksana):
        sub[2 + k].text = executor.label
    for k, name in enumerate(("Kelengkapan", "Waktu", "Output")):
        sub[2 + lanes + k].text = name
    for c in range(columns):
        numbers[c].text = str(c + 1)
    for row in flow.rows[:3]:  # the headers and the column numbers repeat on every page
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {_NS} w:val="true"/>'))
    for step in sop.langkah:
        cells = flow.rows[3 + step.index].cells
        cells[0].text = str(step.number)
        cells[1].text = step.kegiatan
        who = ", ".join(sop.pelaksana[k].label for k in step.pelaksana)
        alt = f"Langkah {step.number}: {step.kegiatan.splitlines()[0]}. Pelaksana: {who}."
        if step.symbol == "decision":
            branches = {edge.kind: edge.target + 1 for edge in sop.outgoing(step.index)}
            alt += f" Ya → langkah {branches['ya']}; Tidak → langkah {branches['tidak']}."
        else:
            jumps = [edge.target + 1 for edge in sop.outgoing(step.index) if not edge.is_sequential]
            if jumps:
                alt += f" Lanjut → langkah {jumps[0]}."
        for lane in step.pelaksana:
            cells[2 + lane].paragraphs[0]._p.append(parse_xml(_shape(step.symbol, 100 + step.index, alt)))
        cells[2 + lanes].text = "\n".join(step.kelengkapan)
        cells[3 + lanes].text = step.waktu.text if step.waktu else ""
        cells[4 + lanes].text = "\n".join(step.output)
        cells[5 + lanes].text = step.keterangan or ""
    total = flow.add_row().cells
    total[1].text = "Jumlah Waktu"
    total[3 + lanes].text = sop.total_waktu
    room = width - 24  # mm between the margins
    _set_widths(identity, [40.0, 4.0, room - 44.0], Mm)
    _set_widths(lists, [room / 2, room / 2], Mm)
    _set_widths(flow, _flow_widths(lanes, room), Mm)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.name = "Liberation Sans"
            run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Liberation Sans")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
