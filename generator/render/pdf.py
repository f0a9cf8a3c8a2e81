"""Stage 5b: HTML print document → PDF bytes with WeasyPrint (the only module importing it)."""

from __future__ import annotations

import logging
from typing import Any

from generator.render.html import STATIC_DIR

__all__ = ["layout_document", "render_pdf"]

log = logging.getLogger(__name__)


def layout_document(document_html: str) -> Any:
    """Lay out a print document with WeasyPrint and return its ``Document`` (pages, anchors).

    Used by :func:`render_pdf` and by the tests that compare the final row positions with the
    computed layout (``Page.anchors`` gives ``(x1, y1, x2, y2)`` in CSS px on WeasyPrint 70).
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=document_html, base_url=str(STATIC_DIR) + "/").render(font_config=fonts)


def render_pdf(document_html: str) -> tuple[bytes, int]:
    """Render a print document from :func:`generator.render.html.render_document` to PDF.

    Returns the PDF bytes and the number of pages.

    Relative URLs (the shipped fonts) resolve against ``generator/static/``. WeasyPrint is
    imported here, lazily, so that ``sop check`` works without Pango installed. Returns the
    PDF bytes and the number of pages.
    """
    document = layout_document(document_html)
    pdf = document.write_pdf()
    assert pdf is not None
    return bytes(pdf), len(document.pages)
