"""Stage 5b: HTML print document → PDF bytes with WeasyPrint (the only module importing it)."""

from __future__ import annotations

import logging

from generator.render_html import STATIC_DIR

__all__ = ["render_pdf"]

log = logging.getLogger(__name__)


def render_pdf(document_html: str) -> bytes:
    """Render a print document from :func:`generator.render_html.render_document` to PDF.

    Relative URLs (the shipped fonts) resolve against ``generator/static/``. WeasyPrint is
    imported here, lazily, so that ``sop check`` works without Pango installed.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = HTML(string=document_html, base_url=str(STATIC_DIR) + "/")
    pdf = document.write_pdf(font_config=fonts, uncompressed_pdf=False)
    assert pdf is not None
    return bytes(pdf)
