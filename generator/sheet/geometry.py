"""Fixed dimensions of the official sheet: paper, margins, type sizes, columns. All in mm.

Paper sizes: A4 210×297 mm, F4 (Folio) 215×330 mm, the size local tata naskah dinas rules
prescribe for every naskah dinas. Symbols have one size per sheet, not sized to their text
(capsule 12×6 mm, process 12×7 mm, diamond 9×9 mm, connector 7×8 mm at full size), scaled
down for narrow lanes so that every lane keeps free channels at both sides of its symbols.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from generator.model import Sop
from generator.sheet.metrics import PT_TO_MM, WRAP_SLACK_MM, metrics, wrap_text

__all__ = [
    "FONT_PT",
    "LANE_HEADER_PT",
    "LINE_MM",
    "MIN_ROW_MM",
    "PAD_X_MM",
    "PAD_Y_MM",
    "STRIP_MM",
    "Column",
    "PageBox",
    "SymbolSizes",
    "flow_columns",
    "header_pieces",
    "header_size",
    "lane_header_size",
    "lane_header_width",
    "page_box",
    "text_height",
]

PAPER_MM: Final = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}
MARGIN_MM: Final = {"top": 16.0, "right": 12.0, "bottom": 14.0, "left": 15.0}

FONT_PT: Final = 8.0
"""Body text of both tables, in pt."""
LINE_MM: Final = 10.0 * PT_TO_MM
"""Line height (10 pt), in mm; fixed so that line boxes are the same in every engine."""
PAD_X_MM: Final = 1.5
PAD_Y_MM: Final = 1.5
MIN_ROW_MM: Final = 15.0
"""Minimum flowchart row height: room for a diamond, its labels and an elbow."""
STRIP_MM: Final = 12.0
"""Height of the connector band above/below the rows of a continued page."""
TITLE_MM: Final = 7.0
"""The "SOP : <Nama SOP>" line above the flowchart table on every flowchart page."""
END_SIGNATURE_MM: Final = 46.0
"""Height reserved under the last flowchart page for the signature block (position end)."""


@dataclass(frozen=True)
class PageBox:
    """A printed page: ``width``×``height`` and the content box inside the margins (mm)."""

    paper: str
    orientation: str
    width: float
    height: float
    content_width: float
    content_height: float


def page_box(paper: str, orientation: str) -> PageBox:
    """The page for *paper* (``A4``/``F4``) in *orientation*.

    >>> page_box("F4", "landscape").width
    330.0
    """
    short, long_ = PAPER_MM[paper]
    width, height = (long_, short) if orientation == "landscape" else (short, long_)
    return PageBox(paper, orientation, width, height,
                   width - MARGIN_MM["left"] - MARGIN_MM["right"],
                   height - MARGIN_MM["top"] - MARGIN_MM["bottom"])


@dataclass(frozen=True)
class Column:
    """One column of the flowchart table; ``x`` is its left edge from the table's left (mm)."""

    key: str
    x: float
    width: float
    lane: int | None = None

    @property
    def center(self) -> float:
        """Horizontal centre (mm)."""
        return self.x + self.width / 2

    @property
    def right(self) -> float:
        """Right edge (mm)."""
        return self.x + self.width


@dataclass(frozen=True)
class SymbolSizes:
    """Symbol boxes (width, height) in mm for one lane width."""

    terminator: tuple[float, float]
    process: tuple[float, float]
    decision: tuple[float, float]
    offpage: tuple[float, float]

    @classmethod
    def for_lane(cls, lane_width: float) -> SymbolSizes:
        """Sizes that leave at least 3 mm of channel on each side of a symbol.

        >>> SymbolSizes.for_lane(22.0).process
        (14.0, 7.0)
        """
        body = min(14.0, lane_width - 6.0)
        return cls(terminator=(body, 6.0), process=(body, 7.0),
                   decision=(min(12.0, body), 9.0), offpage=(6.0, 7.0))

    @property
    def max_half_width(self) -> float:
        """Half of the widest symbol (mm): channels stay outside ``centre ± this``."""
        return max(self.terminator[0], self.process[0], self.decision[0], self.offpage[0]) / 2


WIDEN_FLOOR_MM: Final = {"kegiatan": 45.0, "kelengkapan": 28.0, "output": 24.0, "keterangan": 20.0}
"""Least widths (mm) of the columns that give width to lanes widened for the drawing's room:
Kegiatan first, then Kelengkapan, Output and Keterangan in proportion to what each has above
its floor (the texts there wrap onto more lines; the rows grow)."""


def widening_room(columns: Sequence[Column]) -> float:
    """How much (mm) lanes may be widened in all from *columns* (:data:`WIDEN_FLOOR_MM`)."""
    return sum(max(0.0, c.width - WIDEN_FLOOR_MM[c.key]) for c in columns if c.key in WIDEN_FLOOR_MM)


def flow_columns(sop: Sop, table_width: float, extra: Sequence[float] = ()) -> list[Column]:
    """Columns of the flowchart table filling *table_width* (mm).

    Order: No, Kegiatan, one column per lane, Kelengkapan, Waktu, Output, Keterangan
    (optional) — PermenPANRB 35/2012, Bagian Flowchart. Lanes get 22 mm, narrowed to 15 mm
    before Kegiatan drops under 55 mm; wide pages widen lanes up to 28 mm. A lane whose label
    has a word that does not fit at :data:`LANE_HEADER_PT` is widened for it
    (:func:`lane_header_width`), taking the width from Kegiatan and the Mutu Baku columns.

    *extra* (mm per lane, in lane order) widens lanes for the router's outer channels and
    crowded branch labels, taken from Kegiatan down to its floor, then from the Mutu Baku and
    Keterangan columns (:data:`WIDEN_FLOOR_MM`); the caller asks for no more than
    :func:`widening_room` (:func:`generator.sheet.layout.layout_sop`).
    """
    n = len(sop.pelaksana)
    widths = {"no": 8.0, "kelengkapan": 38.0, "waktu": 17.0, "output": 32.0}
    if sop.options.kolom_keterangan:
        widths["keterangan"] = 28.0
    fixed = sum(widths.values())
    needed = [lane_header_width(lane.label) for lane in sop.pelaksana]

    def lanes_total(lane: float) -> float:
        return sum(max(lane, w) for w in needed)

    lane = 22.0
    kegiatan = table_width - fixed - lanes_total(lane)
    if kegiatan < 55.0:
        lane = max(15.0, (table_width - fixed - 55.0 - sum(max(0.0, w - 15.0) for w in needed)) / n)
        kegiatan = table_width - fixed - lanes_total(lane)
    if kegiatan < 55.0:
        scale = max(0.5, (table_width - 55.0 - lanes_total(lane) - 25.0) / (fixed - 25.0))
        widths = {k: v if k == "no" else max(13.0, v * scale) if k == "waktu" else v * scale
                  for k, v in widths.items()}
        kegiatan = table_width - sum(widths.values()) - lanes_total(lane)
    elif kegiatan > 85.0:
        lane = min(28.0, lane + (kegiatan - 85.0) / n)
        kegiatan = table_width - fixed - lanes_total(lane)
    lane_widths = [max(lane, w) + (extra[i] if i < len(extra) else 0.0) for i, w in enumerate(needed)]
    added = sum(lane_widths) - lanes_total(lane)
    given = min(added, max(0.0, kegiatan - WIDEN_FLOOR_MM["kegiatan"]))
    kegiatan -= given
    slack: dict[str, float] = {k: max(0.0, widths[k] - WIDEN_FLOOR_MM[k])
                               for k in ("kelengkapan", "output", "keterangan") if k in widths}
    if added - given > 1e-9 and sum(slack.values()) > 0:
        share = min(1.0, (added - given) / sum(slack.values()))
        widths = {k: v - share * slack.get(k, 0.0) for k, v in widths.items()}
        given += share * sum(slack.values())
    kegiatan -= added - given  # beyond every floor only when the caller asked for more than the room
    order: list[tuple[str, float, int | None]] = [("no", widths["no"], None), ("kegiatan", kegiatan, None)]
    order += [(f"lane{i}", lane_widths[i], i) for i in range(n)]
    order += [(k, widths[k], None) for k in ("kelengkapan", "waktu", "output", "keterangan")
              if k in widths]
    columns, x = [], 0.0
    for key, width, lane_index in order:
        columns.append(Column(key, round(x, 3), round(width, 3), lane_index))
        x += width
    return columns


def text_height(lines: int) -> float:
    """Height (mm) of a cell holding *lines* lines of body text, with padding."""
    return lines * LINE_MM + 2 * PAD_Y_MM


def cell_lines(items: list[str], width: float, *, bold: bool = False, size_pt: float = FONT_PT) -> int:
    """Number of lines *items* take in a cell of *width* mm (one paragraph per item)."""
    inner = width - 2 * PAD_X_MM
    return sum(len(wrap_text(item, inner, size_pt, bold=bold)) for item in items)


HEADER_SIZES_PT: Final = (8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
LANE_HEADER_PT: Final = 7.0
"""Smallest size of the lane headers: a lane is widened rather than set smaller or broken in a word."""
_BREAK_AFTER = re.compile(r"(?<=[/-])")


def header_pieces(label: str) -> list[str]:
    """The pieces of a header that may not be broken: words, split after a slash or a hyphen.

    >>> header_pieces("Kasubbag Umum/Kepegawaian")
    ['Kasubbag', 'Umum/', 'Kepegawaian']
    """
    return [piece for word in label.split() for piece in _BREAK_AFTER.split(word) if piece]


def lane_header_width(label: str) -> float:
    """Width (mm) a lane needs so every piece of *label* fits on a line at :data:`LANE_HEADER_PT` bold."""
    measure = metrics(bold=True)
    widest = max((measure.width_mm(piece, LANE_HEADER_PT) for piece in header_pieces(label)), default=0.0)
    return round(widest + 2 * PAD_X_MM + WRAP_SLACK_MM + 0.05, 3)


def lane_header_size(labels: list[str], widths: list[float]) -> float:
    """One bold size (pt) for all lane headers of a sheet: the largest at which every piece fits every lane.

    Never under :data:`LANE_HEADER_PT` (lanes are widened for that size by :func:`flow_columns`).
    """
    return max(LANE_HEADER_PT, min((header_size(label, width) for label, width in zip(labels, widths, strict=True)),
                                   default=FONT_PT))


def header_size(label: str, width: float) -> float:
    """The largest bold size (pt) at which every word of *label* fits a cell of *width* mm.

    Lane headers such as "SEKRETARIAT" are shrunk rather than broken inside a word.

    >>> header_size("Camat", 22.0), header_size("SEKRETARIAT", 22.0)
    (8.0, 7.0)
    """
    inner = width - 2 * PAD_X_MM - WRAP_SLACK_MM
    measure = metrics(bold=True)
    for size in HEADER_SIZES_PT:
        if all(measure.width_mm(piece, size) <= inner for piece in header_pieces(label)):
            return size
    return HEADER_SIZES_PT[-1]
