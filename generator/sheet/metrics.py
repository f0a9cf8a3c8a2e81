"""Text measurement with the shipped Liberation Sans metrics (mm), and line wrapping.

The sheet geometry is computed here, not read back from a renderer: row heights come from
wrapping each cell's text with the same font files the PDF and the web page use. Two rules
keep the prediction on the safe side of any engine (WeasyPrint/Pango, Chromium):

* lines break only at spaces and at explicit newlines (an engine that also breaks after
  ``-`` or ``/`` can only need fewer lines, never more — greedy filling with more break
  opportunities never ends a line earlier);
* the width used for wrapping is the cell's content width minus :data:`WRAP_SLACK_MM`,
  which absorbs kerning and rounding differences.

A word longer than the whole line is cut by characters, as CSS ``overflow-wrap: anywhere``
does. The tests render the final HTML with WeasyPrint and check that no row grew.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

__all__ = ["FONT_DIR", "PT_TO_MM", "WRAP_SLACK_MM", "FontMetrics", "metrics", "wrap_text"]

FONT_DIR = Path(__file__).parent.parent / "static" / "fonts"
PT_TO_MM = 25.4 / 72
WRAP_SLACK_MM = 0.8
"""Width kept free on every wrapped line, in mm."""

_SPACES = re.compile(r"[ \t\r\f\v]+")


class FontMetrics:
    """Advance widths of one TrueType face, in font units, with a per-character cache."""

    def __init__(self, path: Path) -> None:
        font = TTFont(str(path), lazy=True)
        self.units_per_em: int = font["head"].unitsPerEm
        self._cmap: dict[int, str] = font.getBestCmap()
        hmtx = font["hmtx"]
        self._advance = {cp: hmtx[name][0] for cp, name in self._cmap.items()}
        self._missing = hmtx[".notdef"][0]
        self._units: dict[str, int] = {}
        font.close()

    def width_mm(self, text: str, size_pt: float) -> float:
        """Width of *text* set at *size_pt* points, in mm (no kerning, which only narrows).

        The width of each distinct text (in practice: each word) is remembered in font units;
        words repeat across steps and SOPs, so most calls are one dictionary look-up.
        """
        units = self._units.get(text)
        if units is None:
            if len(self._units) > 200_000:  # bounded: a long serve session measures many words
                self._units.clear()
            units = self._units[text] = sum(self._advance.get(ord(ch), self._missing) for ch in text)
        return units / self.units_per_em * size_pt * PT_TO_MM


@cache
def metrics(bold: bool = False) -> FontMetrics:
    """The regular or bold Liberation Sans metrics (loaded once)."""
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return FontMetrics(FONT_DIR / name)


def _split_long(word: str, width: float, measure: FontMetrics, size: float) -> list[str]:
    pieces, current = [], ""
    for ch in word:
        if current and measure.width_mm(current + ch, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current]


def wrap_text(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> list[str]:
    r"""Wrap *text* into lines no wider than ``width_mm - WRAP_SLACK_MM`` (see :func:`_wrap`).

    Memoised (the same texts recur in the same SOP of every kecamatan); the list is a copy.

    >>> wrap_text("Memerintahkan penyusunan LKjIP", 25, 8)
    ['Memerintahkan', 'penyusunan LKjIP']
    """
    return list(_wrap(text, width_mm, size_pt, bold))


@lru_cache(maxsize=65_536)
def _wrap(text: str, width_mm: float, size_pt: float, bold: bool) -> tuple[str, ...]:
    r"""Wrap *text* into lines no wider than ``width_mm - WRAP_SLACK_MM``.

    Runs of spaces collapse to one (as in HTML); ``\n`` forces a line break. An empty text
    gives no lines.
    """
    measure = metrics(bold)
    width = width_mm - WRAP_SLACK_MM
    space = measure.width_mm(" ", size_pt)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = _SPACES.sub(" ", paragraph).strip().split(" ")
        current, current_w = "", 0.0
        for word in filter(None, words):
            word_w = measure.width_mm(word, size_pt)
            if current and current_w + space + word_w <= width:
                current, current_w = f"{current} {word}", current_w + space + word_w
                continue
            if current:
                lines.append(current)
            if word_w > width:
                *full, current = _split_long(word, width, measure, size_pt)
                lines.extend(full)
                current_w = measure.width_mm(current, size_pt)
            else:
                current, current_w = word, word_w
        if current:
            lines.append(current)
    return tuple(lines)
