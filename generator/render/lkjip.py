"""Render LKjIP material: the Bab III table (HTML, PDF, XLSX) and the IKM report with its chart.

Numbers are printed the Indonesian way ("82,14", "100,17 %"); the chart is SVG.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup

from generator.formatting import format_angka, round2
from generator.lkjip import MUTU, UNSUR, BabIIIRow, format_persen, krejcie_morgan
from generator.model import IkmResult, Instansi
from generator.render.html import sheet_css, templates
from generator.sheet import MARGIN_MM, page_box

__all__ = ["bab_iii_html", "bab_iii_xlsx", "ikm_chart_svg", "ikm_report_html", "lkjip_document", "number"]


def number(value: Decimal | None, decimals: int = 2) -> str:
    """``Decimal('82.14')`` → ``'82,14'``; ``None`` → ``'-'``."""
    return "-" if value is None else format_angka(float(value), decimals)


def _realisasi(row: BabIIIRow) -> str:
    if row.realisasi is None:
        return "-"
    decimals = 2 if row.realisasi != row.realisasi.to_integral_value() or row.from_survey else 0
    return number(row.realisasi, decimals)


def bab_iii_html(rows: Sequence[BabIIIRow], year: int) -> Markup:
    """The "Target dan Realisasi Kinerja" table.

    Columns: No, Sasaran, Indikator, Satuan, Target, Realisasi, Capaian, Kategori.
    """
    return Markup(templates().get_template("lkjip/bab3.html.j2").render(
        rows=rows, year=year, realisasi=_realisasi, persen=format_persen))


def ikm_chart_svg(result: IkmResult, *, width: float = 700, height: float = 260) -> Markup:
    """A bar chart of the nine unsur on the 25–100 scale, with the mutu boundaries (CSS px)."""
    left, right, top, bottom = 44.0, 76.0, 14.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - 25) / 75)

    bar_w = plot_w / len(result.nrr) * 0.62
    bars = []
    for i, value in enumerate(result.unsur_converted):
        x = left + plot_w / len(result.nrr) * (i + 0.19)
        v = float(round2(value))
        bars.append({"x": x, "y": y_of(v), "w": bar_w, "h": y_of(25) - y_of(v), "label": f"U{i + 1}",
                     "value": number(round2(value)), "lowest": i == result.lowest,
                     "cx": x + bar_w / 2})
    lines = [{"y": y_of(float(m.nik_low)), "label": f"{m.mutu} ≥ {number(m.nik_low)}"} for m in MUTU[1:]]
    ticks = [{"y": y_of(v), "label": str(v)} for v in (25, 50, 75, 100)]
    return Markup(templates().get_template("lkjip/chart.svg.j2").render(
        width=width, height=height, left=left, right=right, top=top, bottom=bottom, bars=bars, lines=lines,
        ticks=ticks, base=y_of(25)))


def ikm_report_html(result: IkmResult, *, title: str, population: int | None = None,
                    standalone: bool = False, source: str = "") -> str:
    """The IKM report as HTML.

    Respondents, NRR per unsur, weighted NRR, IKM on both scales, mutu and kinerja, the mutu
    table, the lowest unsur, the sample-size check and the chart.
    """
    minimum = krejcie_morgan(population) if population else None
    return templates().get_template("lkjip/ikm.html.j2").render(
        r=result, title=title, unsur=UNSUR, mutu_table=MUTU, number=number, round2=round2,
        chart=ikm_chart_svg(result), population=population, minimum=minimum, standalone=standalone,
        source=source, sheet_css=Markup(sheet_css()), bobot=number(result.bobot, 4))


def lkjip_document(unit: Instansi, rows: Sequence[BabIIIRow], year: int, *, paper: str = "F4") -> str:
    """A print document (portrait) holding the Bab III table, for pasting into the report."""
    return templates().get_template("lkjip/document.html.j2").render(
        unit=unit, year=year, table=bab_iii_html(rows, year), page=page_box(paper, "portrait"),
        margins=MARGIN_MM, sheet_css=Markup(sheet_css()))


def bab_iii_xlsx(unit: Instansi, rows: Sequence[BabIIIRow], year: int) -> bytes:
    """The Bab III table as an Excel workbook (numbers stay numbers; capaian as a percentage)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"Bab III {year}"
    sheet.append([f"Target dan Realisasi Kinerja Tahun {year}"])
    sheet.append([f"{unit.pemda} – {unit.unit}"])
    sheet.append([])
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
              "Kategori"]
    sheet.append(header)
    for row in rows:
        target: object = "-"
        if row.target is not None:
            target = float(row.target.low) if row.target.low == row.target.high else str(row.target)
        sheet.append([row.number, row.indikator.sasaran or "-", row.indikator.indikator, row.indikator.satuan,
                      target, float(row.realisasi) if row.realisasi is not None else "-",
                      float(round2(row.capaian)) if row.capaian is not None else "-", row.kategori])
    thin = Side(style="thin")
    sheet["A1"].font = Font(bold=True, size=12)
    for cells in sheet.iter_rows(min_row=4, max_row=4 + len(rows)):
        for cell in cells:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (5, 30, 40, 12, 10, 11, 12, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=5, max_row=4 + len(rows), min_col=5, max_col=7):
        for cell in cells:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue(), year)


def _stable_zip(data: bytes, year: int) -> bytes:
    """*data* (an XLSX) with fixed dates, so the same table always gives the same bytes.

    The zip entries' dates and the document's own (31 December of *year*): a rebuilt site is
    byte-identical.
    """
    import re
    import zipfile

    stamp = f"{year:04d}-12-31T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp.encode(),
                                 content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
