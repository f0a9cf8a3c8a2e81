"""The flowchart sheet's data: the table grid and the drawing over it (stages 4 and 4b).

:mod:`generator.sheet.layout` builds the grid (:class:`SheetLayout`), :mod:`generator.sheet.routing` the
:class:`Drawing` of each page; all lengths in mm from the table's top-left corner. Both
stages' types live here, so that layout and routing import this module and not each other.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from generator.model import Sop
from generator.sheet.geometry import Column, PageBox, SymbolSizes
from generator.sheet.metrics import PT_TO_MM, metrics

__all__ = ["Arrow", "Cell", "Drawing", "FlowPage", "GridRow", "Label", "Point", "RowKind", "Shape", "ShapeKind",
           "SheetLayout", "Side"]

Point = tuple[float, float]
ShapeKind = Literal["terminator", "process", "decision", "offpage"]
Side = Literal["top", "bottom", "left", "right"]

RowKind = Literal["head", "numbers", "strip", "step", "total"]


@dataclass(frozen=True)
class Cell:
    """A table cell starting in its row: columns ``col``…``col + span - 1``, ``rowspan`` rows."""

    key: str
    col: int
    span: int = 1
    rowspan: int = 1
    text: tuple[str, ...] = ()
    font_pt: float | None = None
    """Font size when it differs from the body size (shrunk lane headers)."""


@dataclass(frozen=True)
class GridRow:
    """One table row at ``y`` (from the table top) of ``height`` mm.

    ``ids[c]`` names the cell covering column ``c`` (equal ids = one merged cell);
    ``cells`` are the cells that start in this row.
    """

    kind: RowKind
    y: float
    height: float
    ids: tuple[str, ...]
    cells: tuple[Cell, ...]
    step: int | None = None

    @property
    def bottom(self) -> float:
        """Bottom edge (mm)."""
        return self.y + self.height

    @property
    def center(self) -> float:
        """Vertical centre (mm)."""
        return self.y + self.height / 2


@dataclass
class FlowPage:
    """One printed flowchart page: its table rows and, after routing, its drawing."""

    number: int
    rows: list[GridRow]
    steps: list[int]
    is_last: bool
    drawing: Drawing | None = None
    """Symbols, arrows and labels, filled in by :func:`generator.sheet.routing.route`."""

    @property
    def height(self) -> float:
        """Table height (mm)."""
        return self.rows[-1].bottom

    def row_of(self, step: int) -> GridRow:
        """The row holding step index *step*."""
        return next(r for r in self.rows if r.step == step)

    def band(self, where: Literal["top", "bottom"]) -> GridRow | None:
        """The connector band above (``top``) or below (``bottom``) the step rows."""
        strips = [r for r in self.rows if r.kind == "strip"]
        steps = [r for r in self.rows if r.kind == "step"]
        for r in strips:
            if (where == "top") == (r.y < steps[0].y):
                return r
        return None


@dataclass
class SheetLayout:
    """The laid-out flowchart of one SOP: page box, columns and pages."""

    sop: Sop
    page: PageBox
    columns: list[Column]
    sizes: SymbolSizes
    pages: list[FlowPage] = field(default_factory=list)

    @property
    def table_width(self) -> float:
        """Width of the flowchart table (mm)."""
        return self.columns[-1].right

    @property
    def lane_columns(self) -> list[Column]:
        """The Pelaksana columns, in lane order."""
        return [c for c in self.columns if c.lane is not None]


@dataclass(frozen=True)
class Shape:
    """A symbol centred at (``cx``, ``cy``), ``w``×``h`` mm; ``step``/``lane`` it stands for."""

    kind: ShapeKind
    cx: float
    cy: float
    w: float
    h: float
    step: int | None = None
    lane: int | None = None
    letter: str | None = None

    @property
    def box(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` in mm."""
        return (self.cx - self.w / 2, self.cy - self.h / 2, self.cx + self.w / 2, self.cy + self.h / 2)

    def port(self, side: Side) -> Point:
        """The vertex or edge midpoint on *side*."""
        return {"top": (self.cx, self.cy - self.h / 2), "bottom": (self.cx, self.cy + self.h / 2),
                "left": (self.cx - self.w / 2, self.cy), "right": (self.cx + self.w / 2, self.cy)}[side]


@dataclass(frozen=True)
class Arrow:
    """An orthogonal polyline from ``points[0]`` to ``points[-1]``; ``head`` draws an arrowhead there."""

    points: tuple[Point, ...]
    source: int
    target: int
    head: bool = True

    def segments(self) -> Iterator[tuple[Point, Point]]:
        """Consecutive point pairs."""
        yield from itertools.pairwise(self.points)


@dataclass(frozen=True)
class Label:
    """Text on the drawing (branch labels, connector letters); ``y`` is the baseline (mm).

    ``backed`` labels get a white box behind them, so a ruled line under them never strikes
    through the text.
    """

    x: float
    y: float
    text: str
    anchor: Literal["start", "middle", "end"] = "start"
    size_pt: float = 6.5
    backed: bool = True

    @property
    def box(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` of the text, from the shipped font's metrics (mm)."""
        width = metrics(self.size_pt > 7).width_mm(self.text, self.size_pt)
        size = self.size_pt * PT_TO_MM
        x0 = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return (x0, self.y - 0.75 * size, x0 + width, self.y + 0.22 * size)


@dataclass
class Drawing:
    """Everything drawn over one flowchart page's table."""

    shapes: list[Shape] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
