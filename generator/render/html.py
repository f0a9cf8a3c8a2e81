"""Stage 5: render a laid-out SOP as HTML — the sheet fragment (web) and the print document (PDF).

Both outputs use the same fragment and the same stylesheet (``static/sop-sheet.css``), so the
web page shows exactly the geometry the PDF prints. Templates run with autoescape and
StrictUndefined: no text from a definition reaches the page unescaped.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.formatting import format_tanggal
from generator.model import Pejabat, Sop
from generator.sheet import ARROW_LEN, MARGIN_MM, PT_TO_MM, Arrow, FlowPage, Shape, SheetLayout, grid_lines
from generator.verifikasi import shown_code, verification_url

__all__ = ["STATIC_DIR", "VerificationMark", "render_document", "render_page_number_stamp", "render_sheet", "sheet_css",
           "short_title", "signing_keywords", "templates", "verification_mark"]

STATIC_DIR = Path(__file__).parent.parent / "static"
PAIRS = (("dasar_hukum", "kualifikasi_pelaksana"), ("keterkaitan", "peralatan_perlengkapan"),
         ("peringatan", "pencatatan_pendataan"))
"""The three label pairs of Bagian Identitas, in the order PermenPANRB 35/2012 prints them."""


def _mm(value: float) -> str:
    """Format a length for SVG/CSS: at most 3 decimals, no trailing zeros.

    >>> _mm(12.5), _mm(3.0), _mm(0.12345)
    ('12.5', '3', '0.123')
    """
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _css_string(value: str) -> Markup:
    r"""Quote *value* as a CSS string for a ``<style>`` element (where HTML escapes do not apply).

    >>> str(_css_string('Nomor: "A"</style>'))
    '"Nomor: \\"A\\"\\3C /style>"'
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
    return Markup(f'"{escaped}"')


@cache
def templates() -> Environment:
    """The Jinja environment of the print and sheet templates (autoescape, StrictUndefined)."""
    env = Environment(loader=PackageLoader("generator", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.filters["mm"] = _mm
    env.filters["css_string"] = _css_string
    return env


def sheet_css() -> str:
    """The stylesheet shared by the PDF and the web page."""
    return (STATIC_DIR / "sop-sheet.css").read_text(encoding="utf-8")


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_mm(x)},{_mm(y)}" for x, y in points)


def _arrow_context(arrow: Arrow) -> dict[str, object]:
    """Polyline points (the last segment stops at the arrowhead's base) and the head triangle."""
    pts = list(arrow.points)
    head = ""
    if arrow.head:
        (x1, y1), (x2, y2) = pts[-2], pts[-1]
        dx, dy = (x2 > x1) - (x2 < x1), (y2 > y1) - (y2 < y1)
        bx, by = x2 - dx * ARROW_LEN, y2 - dy * ARROW_LEN
        px, py = -dy * 0.8, dx * 0.8
        head = _points([(x2, y2), (bx + px, by + py), (bx - px, by - py)])
        pts[-1] = (bx, by)
    return {"line": _points(pts), "head": head, "source": arrow.source, "target": arrow.target}


def _shape_context(shape: Shape, sop: Sop, highlight: dict[int, str]) -> dict[str, object]:
    x0, y0, x1, y1 = shape.box
    if shape.kind == "decision":
        points = _points([(shape.cx, y0), (x1, shape.cy), (shape.cx, y1), (x0, shape.cy)])
    elif shape.kind == "offpage":
        shoulder = y0 + shape.h * 0.55
        points = _points([(x0, y0), (x1, y0), (x1, shoulder), (shape.cx, y1), (x0, shoulder)])
    else:
        points = ""
    if shape.step is not None and shape.lane is not None:
        step = sop.langkah[shape.step]
        title = f"Langkah {step.number} – {sop.pelaksana[shape.lane].label} – {step.kegiatan}"
    else:
        title = f"Penghubung antarhalaman {shape.letter}"
    return {"kind": shape.kind, "x0": x0, "y0": y0, "w": shape.w, "h": shape.h,
            "points": points, "step": shape.step, "lane": shape.lane, "title": title,
            "mark": highlight.get(shape.step, "") if shape.step is not None else ""}


def _back(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The white backing rectangle ``(x, y, w, h)`` of a label box, 0.3 mm larger all round."""
    return (box[0] - 0.3, box[1] - 0.3, box[2] - box[0] + 0.6, box[3] - box[1] + 0.6)


def _overlay(layout: SheetLayout, page: FlowPage, highlight: dict[int, str]) -> Markup:
    drawing = page.drawing
    assert drawing is not None, "layout_sop routes every page"
    labels = [{"x": lb.x, "y": lb.y, "text": lb.text, "anchor": lb.anchor,
               "size": lb.size_pt * PT_TO_MM, "bold": lb.size_pt > 7,
               "back": _back(lb.box) if lb.backed else None} for lb in drawing.labels]
    return Markup(templates().get_template("overlay.svg.j2").render(
        width=layout.table_width, height=page.height, number=page.number,
        grid=grid_lines(page.rows, layout.columns),
        arrows=[_arrow_context(a) for a in drawing.arrows],
        shapes=[_shape_context(s, layout.sop, highlight) for s in drawing.shapes],
        labels=labels))


@dataclass(frozen=True)
class VerificationMark:
    """What a sheet prints to lead to its verification page (issue 16 §2).

    ``code`` is the SOP version's short code (:mod:`generator.verifikasi`), ``shown`` its
    printed form (``K7M2-9QXD``), ``url`` the page's address and ``qr`` the QR code of that
    address as an inline SVG (segno: vector paths, error correction M, a quiet zone of 4
    modules inside the drawing, sized by the style sheet: 20 mm in print).
    """

    code: str
    shown: str
    url: str
    qr: Markup


def verification_mark(sop: Sop) -> VerificationMark | None:
    """The verification code and QR code *sop* prints, or ``None`` when it is not printed for a site.

    Only an ``http``/``https`` site address (:attr:`generator.model.Options.situs`) gets one.
    """
    site = sop.options.situs
    if not site or not site.startswith(("http://", "https://")) or not sop.kode_verifikasi:
        return None
    url = verification_url(site, sop.kode_verifikasi)
    shown = shown_code(sop.kode_verifikasi)
    return VerificationMark(sop.kode_verifikasi, shown, url, _qr_svg(url, f"Kode QR verifikasi {shown}"))


@cache
def _qr_svg(url: str, title: str) -> Markup:
    """The QR code of *url* as inline SVG (made once per address: the sheet and its document share it)."""
    qr = segno.make(url, error="m", micro=False)
    return Markup(qr.svg_inline(scale=1, border=4, omitsize=True, svgclass="sop-qr", lineclass=None, title=title))


def _identity(sop: Sop, logo_url: str | None) -> Markup:
    zero = sop.options.date_zero_pad
    dates = {"pembuatan": format_tanggal(sop.tgl_pembuatan, zero_pad=zero),
             "revisi": format_tanggal(sop.tgl_revisi, zero_pad=zero),
             "efektif": format_tanggal(sop.tgl_efektif, zero_pad=zero)}
    return Markup(templates().get_template("identity.html.j2").render(
        p=sop, unit=sop.instansi, logo=logo_url, labels=sop.options.labels,
        dates=dates, pairs=PAIRS, verification=verification_mark(sop),
        indicators=[sop.instansi.find_indikator(i) for i in sop.jenis_dan_sumber_data],
        sign_in_identity=sop.options.signature_position in ("identity", "both")))


def short_title(sop: Sop) -> str:
    """The Nama SOP without a leading "SOP" (titles are printed after "SOP :" or "SOP ").

    >>> from types import SimpleNamespace
    >>> short_title(SimpleNamespace(nama="SOP PENGUMPULAN DATA KINERJA"))
    'PENGUMPULAN DATA KINERJA'
    """
    name = sop.nama.strip()
    return name[4:].lstrip(" :") if name.upper().startswith("SOP ") else name


def spoken_steps(sop: Sop) -> dict[int, str]:
    """Per step index, what the drawing shows a sighted reader, as text for a screen reader.

    Who does the step and, for a decision, where each branch goes (issue 14 §4).

    The sheet prints it in a visually hidden span of the Kegiatan cell (``sop-sr``, left out
    of the PDF: the print style sheet hides it).

    >>> from types import SimpleNamespace as N
    >>> from generator.model import Edge
    >>> sop = N(pelaksana=(N(label="Camat"), N(label="Sekcam")),
    ...         langkah=(N(index=0, pelaksana=(1,), symbol="decision"), N(index=1, pelaksana=(0, 1), symbol="process")),
    ...         outgoing=lambda i: [Edge(0, 1, "ya", "Ya"), Edge(0, 0, "tidak", "Tidak")] if i == 0 else [])
    >>> spoken_steps(sop)
    {0: 'Pelaksana: Sekcam. Ya → langkah 2; Tidak → langkah 1.', 1: 'Pelaksana: Camat, Sekcam.'}
    """
    spoken = {}
    for step in sop.langkah:
        text = "Pelaksana: " + ", ".join(sop.pelaksana[lane].label for lane in step.pelaksana) + "."
        if step.symbol == "decision":
            branches = [f"{edge.label or edge.kind.capitalize()} → langkah {edge.target + 1}"
                        for edge in sop.outgoing(step.index) if edge.kind in ("ya", "tidak")]
            text += " " + "; ".join(branches) + "."
        spoken[step.index] = text
    return spoken


def render_sheet(layout: SheetLayout, *, logo_url: str | None = None,
                 highlight: dict[int, str] | None = None) -> Markup:
    """The sheet fragment (identity + flowchart pages + optional end signature) as HTML.

    *highlight* maps step indices to ``added``/``changed``: those rows and symbols get a
    ``sop-hl-…`` class (web view of a revision; never used for the official print).
    """
    env = templates()
    sop = layout.sop
    flow = env.get_template("flow.html.j2")
    spoken = spoken_steps(sop)
    pages = [Markup(flow.render(p=sop, page=page, columns=layout.columns, title=short_title(sop),
                                width=layout.table_width, overlay=_overlay(layout, page, highlight or {}),
                                highlight=highlight or {}, spoken=spoken))
             for page in layout.pages]
    end_signature = None
    if sop.options.signature_position in ("end", "both") and sop.disahkan_oleh:
        macro = env.get_template("macros.html.j2").module.signature  # type: ignore[attr-defined]
        end_signature = Markup(macro(sop.disahkan_oleh, full=True,  # the TTE's place: the first signature space
                                     anchor="sop-ttd" if sop.options.signature_position == "end" else ""))
    return Markup(env.get_template("sheet.html.j2").render(
        identity=_identity(sop, logo_url), flow_pages=pages, end_signature=end_signature,
        width=layout.table_width))


def signing_keywords(key: str, status: str, signer: Pejabat | None, kode: str = "") -> str:
    """A print document's keywords, what ``sop tandatangani`` and ``sop verifikasi`` read back.

    ``SOP AP: <key>; status: berlaku; pengesah: <jabatan>; nama: …; nip: …[; kode: K7M29QXD]``
    (a ";" inside a value becomes ","); see :func:`generator.tte.read_sop_pdf`.
    """
    fields = [("SOP AP", key), ("status", status), ("pengesah", " ".join(signer.jabatan) if signer else ""),
              ("nama", (signer.nama or "") if signer else ""), ("nip", (signer.nip or "") if signer else "")]
    if kode:
        fields.append(("kode", kode))
    return "; ".join(f"{k}: {v.replace(';', ',')}" for k, v in fields)


def render_document(layout: SheetLayout, *, logo_url: str | None = None,
                    changes: list[tuple[str, Markup, Markup]] | None = None, changes_since: str = "",
                    page_numbers: bool = True) -> str:
    """A complete HTML document for WeasyPrint: the sheet plus ``@page`` rules.

    Page size is written as explicit lengths (``330mm 215mm``), since ``<size> landscape``
    only works with named sizes in WeasyPrint (a custom size with ``landscape`` is ignored).
    Margin boxes carry the running header and "Halaman X dari Y". With *changes* (rows of
    :func:`generator.compare.change_rows`)
    a "Daftar Perubahan" page (No, Bagian yang diubah, Sebelum, Sesudah) follows the sheet.

    With ``page_numbers=False`` the bottom-right margin box stays empty: the pages are a part,
    numbered afterwards by :func:`generator.render.assemble.stamp_pages` (alone, or inside a book)
    from :func:`render_page_number_stamp`, so one rendering serves both.

    A ``draf`` SOP carries a large "DRAF" mark on every page, a ``dicabut`` one "DICABUT" with
    its date (issue 14: a draft or withdrawn sheet must never pass for one in force).

    The document's keywords name the SOP, its status, its signer and its version's code (``SOP AP:
    <key>; status: berlaku; pengesah: …; nama: …; nip: …; kode: K7M29QXD``), for
    :mod:`generator.tte` to check and print. Printed for a site, every page's footer carries the
    verification code and address (:func:`verification_mark`) and the identity table its QR code.
    With the render option ``pdf_a`` the document asks :func:`generator.render.render_pdf` for
    PDF/A-3b and carries the definition file (base64, with its name) for it to embed.
    """
    sop = layout.sop
    unit = sop.instansi
    created = sop.tgl_efektif or sop.tgl_pembuatan
    source = {"name": sop.source.name, "data": base64.b64encode(sop.source.read_bytes()).decode("ascii")} \
        if sop.options.pdf_a else None  # carried to render_pdf, which attaches it (PDF/A-3b)
    keywords = signing_keywords(sop.key, sop.status, sop.disahkan_oleh, sop.kode_verifikasi)
    mark = verification_mark(sop)
    return templates().get_template("document.html.j2").render(source=source, keywords=keywords,
        title=f"SOP {short_title(sop)}", author=f"{unit.pemda} – {unit.unit}",
        description=f"Standar Operasional Prosedur: {sop.nama}",
        created=created.isoformat() if created else "",
        sheet_css=Markup(sheet_css()), page=layout.page, margins=MARGIN_MM,
        header_left=f"SOP {short_title(sop)}",
        header_right=f"Nomor: {sop.nomor or '-'}",
        footer_left=f"{unit.pemda} – {unit.unit}",
        footer_center=f"Kode verifikasi {mark.shown} · {mark.url}" if mark else "",
        sheet=render_sheet(layout, logo_url=logo_url), changes=changes, changes_since=changes_since,
        page_numbers=page_numbers, mark={"draf": "DRAF", "dicabut": "DICABUT"}.get(sop.status, ""),
        mark_detail=f"sejak {format_tanggal(sop.pencabutan.tanggal)}" if sop.pencabutan is not None else "")


def render_page_number_stamp(sizes: Sequence[tuple[float, float]], *, skip_first: bool = False) -> str:
    """A print document whose pages hold only "Halaman X dari Y" in the bottom-right margin box.

    *sizes* gives each page's ``(width, height)`` in mm; the text sits exactly where the
    ``@bottom-right`` box of :func:`render_document` and the book put it (same margins, font
    and size), so overlaying page *i* of the stamp on page *i* of a part numbers it.
    With *skip_first* the first page (a book's cover) stays blank but is still counted.
    """
    names = {size: f"p{number}" for number, size in enumerate(dict.fromkeys(sizes))}
    return templates().get_template("stamp.html.j2").render(
        sizes=[(names[size], size) for size in names], pages=[names[size] for size in sizes],
        skip_first=skip_first, margins=MARGIN_MM)
