"""The sheet's font for the web: WOFF2 subsets of the Liberation Sans files the PDF embeds.

The sheet is laid out in millimetres from the font's metrics (``generator.sheet``), so the
browser must draw it with the very glyph advances the PDF uses. A fontTools subset keeps each
kept glyph's advance width, its kerning (``kern`` and the GPOS features) and its hinting; it
only drops the glyphs of scripts an SOP does not use (:data:`WEB_RANGES`). A character outside
them falls back to another font on the web only (the PDF embeds the whole font). The four
files shrink from about 400 KB each to about 60 KB each; subsetting takes a few seconds per
font, so the result is kept in the build cache.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from generator.build import DiskCache

__all__ = ["WEB_RANGES", "web_font", "web_font_css"]

WEB_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x0300, 0x036F),  # Combining diacritical marks (with their mark positioning)
    (0x0370, 0x03FF),  # Greek (Σ in the IKM formula)
    (0x2000, 0x206F),  # General Punctuation (– — … • ‰)
    (0x20A0, 0x20CF),  # Currency
    (0x2100, 0x214F),  # Letterlike symbols (№)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical operators (× ÷ ≤ ≥ are Latin-1 or here)
    (0x2500, 0x25FF),  # Box drawing, block elements, geometric shapes
)
"""Unicode ranges kept in the web subsets: what Indonesian SOP texts and the sheet print."""


@functools.lru_cache(maxsize=8)  # per process too: builds without a disk cache (tests) subset once
def _subset(font: Path) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # kerning and every other OpenType feature, as in the PDF
    options.legacy_kern = True
    options.hinting = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamp table: no use on the web
    face = TTFont(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[u for low, high in WEB_RANGES for u in range(low, high + 1)])
    subsetter.subset(face)
    out = io.BytesIO()
    face.flavor = "woff2"
    face.save(out)
    return out.getvalue()


def web_font(font: Path, cache: DiskCache) -> bytes:
    """The WOFF2 subset of the TrueType *font* (bytes), made once per font file and cached."""
    key = hashlib.sha256(font.read_bytes() + repr(WEB_RANGES).encode()).hexdigest()
    return cache.data(key, lambda: _subset(font), ".woff2")


def web_font_css(css: str) -> str:
    """The sheet's style sheet for the site: each ``url("fonts/X.ttf")`` becomes the WOFF2 subset.

    >>> web_font_css('src: url("fonts/LiberationSans-Regular.ttf");')
    'src: url("fonts/LiberationSans-Regular.woff2") format("woff2");'
    """
    return re.sub(r'url\("fonts/([\w-]+)\.ttf"\)', r'url("fonts/\1.woff2") format("woff2")', css)
