"""Stage 5, rendering: a laid-out sheet becomes HTML, PDF and SVG (bytes and text, nothing written).

Offers the sheet fragment and print document (``html``: :func:`render_sheet`,
:func:`render_document`, the page-number stamp), the PDF (``pdf``: :func:`render_pdf`, the only
WeasyPrint import), the Graphviz overview (``diagram``, the only Graphviz call; ``dot`` quotes
DOT text), the kecamatan book's front and back matter (``book``), binding and stamping with
pikepdf (``assemble``) and the LKjIP documents (``lkjip``: Bab III table, IKM report). The
Jinja templates and static files stay in ``generator/templates`` and ``generator/static``:
the site uses them too, and the sheet's metrics read the fonts there.
"""

from generator.render.assemble import BookPart, OutlineEntry, anchor_pages, bind_book, page_sizes_mm, stamp_pages
from generator.render.book import book_layouts, render_book_back, render_book_front, wants_formulir
from generator.render.diagram import diagram_source, render_diagram_svg, render_dot_svg
from generator.render.dot import escape_text, quote, url
from generator.render.html import (
    STATIC_DIR,
    VerificationMark,
    render_document,
    render_page_number_stamp,
    render_sheet,
    templates,
    verification_mark,
)
from generator.render.lkjip import bab_iii_html, bab_iii_xlsx, ikm_report_html, lkjip_document, number
from generator.render.pdf import layout_document, render_pdf

__all__ = [
    "STATIC_DIR", "BookPart", "OutlineEntry", "VerificationMark", "anchor_pages", "bab_iii_html", "bab_iii_xlsx",
    "bind_book",
    "book_layouts", "diagram_source", "escape_text", "ikm_report_html", "layout_document", "lkjip_document",
    "number", "page_sizes_mm", "quote", "render_book_back", "render_book_front", "render_diagram_svg",
    "render_document", "render_dot_svg", "render_page_number_stamp", "render_pdf", "render_sheet", "stamp_pages",
    "templates", "url", "verification_mark", "wants_formulir",
]
