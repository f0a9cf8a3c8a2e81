"""Stage 5b: HTML print document → PDF bytes with WeasyPrint (the only module importing it)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import logging
import re
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


_SOURCE = re.compile(r'<meta name="sop-pdf-variant" content="(?P<variant>pdf/a-3b)">\s*<script type="application/'
                     r'x-yaml" id="sop-sumber" data-nama="(?P<name>[^"]*)" data-tanggal="(?P<date>[\d-]*)">'
                     r"(?P<data>[A-Za-z0-9+/=]*)</script>")
"""The archive request of a print document (see :func:`generator.render.html.render_document`)."""


def render_pdf(document_html: str) -> tuple[bytes, int]:
    """Render a print document from :func:`generator.render.html.render_document` to PDF.

    Returns the PDF bytes and the number of pages.

    Relative URLs (the shipped fonts) resolve against ``generator/static/``. WeasyPrint is
    imported here, lazily, so that ``sop check`` works without Pango installed. A document
    that asks for PDF/A-3b (render option ``pdf_a``) is written as WeasyPrint's ``pdf/a-3b``
    variant with its definition file embedded as an associated file (``AFRelationship
    /Source``, ISO 19005-3), dated with the SOP's date so that the bytes do not change from
    one build to the next.
    """
    from weasyprint import Attachment

    document = layout_document(document_html)
    archive = _SOURCE.search(document_html)
    if archive is None:
        pdf = document.write_pdf()
    else:
        day = dt.datetime.fromisoformat(archive["date"]) if archive["date"] else dt.datetime(2000, 1, 1)
        source = Attachment(file_obj=io.BytesIO(base64.b64decode(archive["data"])),
                            name=html.unescape(archive["name"]), description="Definisi SOP (YAML)",
                            relationship="Source", created=day, modified=day)
        pdf = document.write_pdf(pdf_variant=archive["variant"], attachments=[source])
    assert pdf is not None
    return bytes(pdf), len(document.pages)
