"""Stage 4b: draw the flowchart into the laid-out pages: symbols, arrows, connectors, labels.

Drawing rules (PermenPANRB 35/2012, Bagian Flowchart: a vertical flowchart of five symbols, the
executor in its own column apart from the activity; the rest is the practice of the seed sheets):

* every step's symbol sits centred in its executor's lane cell and its row — a kapsul for
  the first and last step, a belah ketupat for a decision, a kotak otherwise; a step done by
  two lanes gets a symbol in each;
* an arrow into the next row leaves from the symbol's bottom and enters the next symbol's
  top, straight when the lane is the same, otherwise with one horizontal elbow in the top
  strip of the next row (fan-out and fan-in for two-lane steps);
* any other arrow (a decision's return for correction, a jump) leaves from a side vertex,
  runs in a free vertical channel near a lane border and enters the target from the side;
  candidate channels are tried nearest first and rejected when they would cross a symbol or
  run along another arrow, so several back-edges get separate channels;
* an arrow whose ends are on different pages is cut into a lettered pair of off-page
  connectors (segilima), A, B, C… in order of appearance, in the connector bands.

Coordinates are mm from the top-left corner of the flowchart table.
"""

from __future__ import annotations

import itertools
import math
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.errors import RenderError
from generator.model import Edge
from generator.sheet.metrics import PT_TO_MM, WRAP_SLACK_MM, metrics, wrap_text
from generator.sheet.types import Arrow, Drawing, FlowPage, GridRow, Label, Point, Shape, SheetLayout, Side

__all__ = ["ARROW_LEN", "Arrow", "Drawing", "Label", "LabelRoomError", "NoRouteError", "Shape", "Wanted",
           "box_touches_shape", "connector_letters", "crossing_points", "page_crossings", "route"]

ARROW_LEN = 2.2
"""Arrowhead length (mm); its base is 1.6 mm wide."""
TRACK_STEP = 1.5
"""Distance between parallel channels, and from a channel to a lane border (mm)."""
MIN_LEG = 1.5
"""Shortest first leg out of a side vertex (mm)."""
MIN_LAST_LEG = ARROW_LEN + 1.0
"""Shortest leg ending in an arrowhead (mm), so the head never swallows its line."""
REORDER_ROUNDS = 2
"""How many times the channels are routed again in another order: an arrow that found no channel
first, or the crossed arrows first while that crosses less."""
SYMBOL_GAP = 1.0
"""How far (mm) an arrow keeps from a symbol it neither starts nor ends at."""
_EPS = 1e-6


@dataclass
class Wanted:
    """What a trial :func:`route` asks of the layout before the drawing can be complete.

    ``lanes``: lane index → mm wider; ``rows``: step index → mm taller. False when empty.
    """

    lanes: dict[int, float] = field(default_factory=dict)
    rows: dict[int, float] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.lanes or self.rows)


def connector_letters() -> Iterator[str]:
    """A, B, …, Z, AA, AB, … — the letters of off-page connector pairs.

    >>> it = connector_letters(); [next(it) for _ in range(28)][-3:]
    ['Z', 'AA', 'AB']
    """
    yield from string.ascii_uppercase
    for first in string.ascii_uppercase:
        for second in string.ascii_uppercase:
            yield first + second


def _grown(box: tuple[float, float, float, float], by: float) -> tuple[float, float, float, float]:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _crosses(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    """True when segment a–b passes through the interior of *box*."""
    x0, y0, x1, y1 = box
    lo_x, hi_x = sorted((a[0], b[0]))
    lo_y, hi_y = sorted((a[1], b[1]))
    return lo_x < x1 - 0.05 and hi_x > x0 + 0.05 and lo_y < y1 - 0.05 and hi_y > y0 + 0.05


def _alongside(a: Point, b: Point, c: Point, d: Point, gap: float) -> bool:
    """True when two axis-parallel segments run side by side less than *gap* (mm) apart.

    Side by side means parallel and overlapping by more than 0.3 mm along their length.
    """
    if abs(a[0] - b[0]) < _EPS and abs(c[0] - d[0]) < _EPS and abs(a[0] - c[0]) < gap:
        lo, hi = sorted((a[1], b[1]))
        lo2, hi2 = sorted((c[1], d[1]))
        return min(hi, hi2) - max(lo, lo2) > 0.3
    if abs(a[1] - b[1]) < _EPS and abs(c[1] - d[1]) < _EPS and abs(a[1] - c[1]) < gap:
        lo, hi = sorted((a[0], b[0]))
        lo2, hi2 = sorted((c[0], d[0]))
        return min(hi, hi2) - max(lo, lo2) > 0.3
    return False


def crossing_points(first: Sequence[Point],
                    second: Sequence[Point]) -> list[Point]:
    """Where two orthogonal polylines cross properly (mm).

    A crossing is a horizontal and a vertical segment meeting strictly inside both; a T-junction
    or a shared end point is a fork or a join, not a crossing.

    >>> crossing_points([(0, 5), (10, 5)], [(5, 0), (5, 10)])
    [(5, 5)]
    >>> crossing_points([(0, 5), (10, 5)], [(10, 0), (10, 10)])
    []
    """
    found: list[Point] = []
    for a, b in itertools.pairwise(first):
        for c, d in itertools.pairwise(second):
            for h0, h1, v0, v1 in ((a, b, c, d), (c, d, a, b)):
                if abs(h0[1] - h1[1]) > _EPS or abs(v0[0] - v1[0]) > _EPS:
                    continue
                x, y = v0[0], h0[1]
                lo_x, hi_x = sorted((h0[0], h1[0]))
                lo_y, hi_y = sorted((v0[1], v1[1]))
                if lo_x + 0.05 < x < hi_x - 0.05 and lo_y + 0.05 < y < hi_y - 0.05:
                    found.append((x, y))
    return found


def page_crossings(arrows: Sequence[Sequence[Point]], tolerance: float = 0.05) -> int:
    """Crossings among the *arrows* of one page, junctions not counted.

    A point where two lines meet at a corner drawn by a third (the bus of a joint step: several
    sources, one elbow line, several targets) is a junction of one drawn network, not a
    crossing, and a line crossing such a shared line counts once; *tolerance* (mm, or the
    reader's unit) says how near two points must be to be one.

    >>> bus = [[(20, 0), (20, 5)], [(20, 0), (20, 2), (0, 2), (0, 5)],
    ...        [(40, 0), (40, 2), (0, 2), (0, 5)], [(40, 0), (40, 2), (20, 2), (20, 5)]]
    >>> page_crossings(bus), page_crossings([*bus, [(30, -3), (30, 8)]])
    (0, 1)
    """
    corners = [point for arrow in arrows for point in arrow[1:-1]]
    found: list[Point] = []  # a line crossing a bus shared by several arrows crosses it once
    for first, second in itertools.combinations(arrows, 2):
        for x, y in crossing_points(first, second):
            if not any(abs(x - px) <= tolerance and abs(y - py) <= tolerance for px, py in [*corners, *found]):
                found.append((x, y))
    return len(found)


class NoRouteError(RenderError):
    """An arrow finds no channel free of symbols and other arrows; ``edge`` is that arrow."""

    def __init__(self, message: str, edge: Edge) -> None:
        super().__init__(message)
        self.edge = edge


class LabelRoomError(RenderError):
    """A branch label finds no spot clear of rules, arrows, symbols and other labels.

    ``edge`` is the exit the label names. Raised by :func:`route` outside a trial, once no
    wider lane or taller row is left to give (PermenPANRB 35/2012, Bagian Flowchart: a branch
    label must read as its exit's; issue 12, invariant 3).
    """

    def __init__(self, message: str, edge: Edge) -> None:
        super().__init__(message)
        self.edge = edge


LABEL_PT = 6.5
"""Size of branch labels (pt); 6 pt is the smallest used."""
LABEL_MARGIN = 0.5
"""Least distance between a branch label and a table rule (mm)."""
LABEL_WRAP_MM = 12.0
"""A branch label wider than this (mm) at 6 pt on two lines is wrapped into more lines this wide:
a lane is at least 15 mm wide, and a label longer than "Tidak lengkap" is unusual but allowed."""
LABEL_WORD_MM = 14.0
"""A word of a wrapped branch label is broken only when wider than this (mm): a lane at its
15 mm floor less the label's margins."""
SIDE_LABEL_REACH = 12
"""A side-exit label sits within this many 0.5 mm steps above or below its exit: nearer than
any other line, so it reads as that exit's (further away it would label the wrong arrow)."""


def _steps(start: float, stop: float, step: float) -> list[float]:
    """``start``, ``start + step``, … up to *stop* inclusive (either direction)."""
    count = int((stop - start) / step + _EPS) if (stop - start) * step >= 0 else -1
    return [round(start + k * step, 3) for k in range(count + 1)]


def box_touches_shape(box: tuple[float, float, float, float], shape: Shape) -> bool:
    """Whether the rectangle *box* touches the drawn outline of *shape* (a diamond by its diamond, not its box).

    >>> diamond = Shape("decision", 10, 10, 12, 9)
    >>> box_touches_shape((14.5, 5.6, 18, 7), diamond), box_touches_shape((9, 5, 11, 7), diamond)
    (False, True)
    """
    x0, y0, x1, y1 = shape.box
    if not (box[0] < x1 and box[2] > x0 and box[1] < y1 and box[3] > y0):
        return False
    if shape.kind != "decision":
        return True
    nearest_x = min(max(shape.cx, box[0]), box[2])
    nearest_y = min(max(shape.cy, box[1]), box[3])
    return abs(nearest_x - shape.cx) / (shape.w / 2) + abs(nearest_y - shape.cy) / (shape.h / 2) <= 1.0


def _two_lines_mm(label: str) -> float:
    """Width (mm) of *label* at 6 pt, on two lines when it has several words."""
    words = label.split() or [""]
    if len(words) <= 2:
        return max(metrics(False).width_mm(word, 6.0) for word in words)
    return metrics(False).width_mm(label, 6.0) / 2


def _wrapped(label: str) -> list[str] | None:
    """*label* wrapped at 6 pt, when two lines of it are wider than :data:`LABEL_WRAP_MM`; else ``None``.

    Lines are :data:`LABEL_WRAP_MM` wide (or as wide as its widest word, up to
    :data:`LABEL_WORD_MM`), broken at spaces, and inside a word only when that word alone is wider.
    """
    if _two_lines_mm(label) <= LABEL_WRAP_MM:
        return None
    widest = max((metrics(False).width_mm(word, 6.0) for word in label.split()), default=0.0)
    return wrap_text(label, min(max(LABEL_WRAP_MM, widest), LABEL_WORD_MM) + WRAP_SLACK_MM, 6.0) or [""]


def _narrowest_mm(label: str) -> float:
    """Width (mm) of *label* in its narrowest form (:func:`_wrapped`, else :func:`_two_lines_mm`)."""
    wrapped = _wrapped(label)
    return _two_lines_mm(label) if wrapped is None else max(metrics(False).width_mm(w, 6.0) for w in wrapped)


def _label_height_mm(label: str) -> float:
    """Height (mm) of *label* in its narrowest form (see :func:`_narrowest_mm`): lines at 6 pt."""
    wrapped = _wrapped(label)
    lines = (2 if len(label.split()) > 1 else 1) if wrapped is None else len(wrapped)
    return (0.97 + 1.15 * (lines - 1)) * 6.0 * PT_TO_MM


def _outward(port: Point, x: float, side: Side) -> float:
    """How far the channel at *x* lies outward from a side *port* (negative: back over the symbol)."""
    return x - port[0] if side == "right" else port[0] - x


class _Router:
    """Routes one SOP's edges over its pages (one instance per :func:`route` call)."""

    def __init__(self, layout: SheetLayout, *, allow_outside: bool = False) -> None:
        self.layout = layout
        self.allow_outside = allow_outside
        """Whether channels and connectors may spill out of the Pelaksana columns (then widened)."""
        self.spill = {"left": 0.0, "right": 0.0}
        """How far (mm) the chosen channels and connectors reach beyond the room inside, per side."""
        self.crowded: dict[int, float] = {}
        """Lanes where a branch label found no clear spot: lane → the label's width (mm)."""
        self.tall: dict[int, float] = {}
        """Steps whose branch label found no clear spot: step → extra row height (mm) it asks for."""
        self.unplaced: list[Edge] = []
        """Exits whose branch label touches a rule, an arrow, a symbol or a label wherever it goes."""
        self.sop = layout.sop
        self.sizes = layout.sizes
        self.lanes = layout.lane_columns
        self.page_of: dict[int, FlowPage] = {s: p for p in layout.pages for s in p.steps}
        self.drawings: dict[int, Drawing] = {p.number: Drawing() for p in layout.pages}
        self.used: dict[tuple[int, int], set[Side]] = {}
        self.entries: dict[tuple[int, int], set[Side]] = {}
        """Sides used only by arrows entering the symbol (a join may add to them)."""
        self.letters = connector_letters()
        self.left, self.right = self.lanes[0].x, self.lanes[-1].right
        self.tracks = self._tracks() + (self._overflow_tracks() if allow_outside else [])
        self.pending: list[tuple[FlowPage, Edge, Shape, Side]] = []
        """Branch labels to place once every arrow is drawn: the exit *side* of *shape* on a page."""
        self._segments: dict[int, tuple[int, list[tuple[float, float, float]], list[tuple[float, float, float]]]] = {}
        self._zones: dict[int, list[tuple[float, float, float, float]]] = {}

    # -- symbols -------------------------------------------------------------------------
    def place_symbols(self) -> None:
        for page in self.layout.pages:
            for index in page.steps:
                step = self.sop.langkah[index]
                row = page.row_of(index)
                w, h = getattr(self.sizes, step.symbol)
                for lane in step.pelaksana:
                    shape = Shape(step.symbol, self.lanes[lane].center, row.center, w, h, index, lane)
                    self.drawings[page.number].shapes.append(shape)

    def shape(self, step: int, lane: int) -> Shape:
        page = self.page_of[step]
        return next(s for s in self.drawings[page.number].shapes if s.step == step and s.lane == lane)

    def shapes_of(self, step: int) -> list[Shape]:
        return [self.shape(step, lane) for lane in self.sop.langkah[step].pelaksana]

    # -- channels ------------------------------------------------------------------------
    def _tracks(self) -> list[float]:
        """Candidate x positions of vertical channels (mm), never outside the Pelaksana columns.

        Every :data:`TRACK_STEP` across each lane, at least :data:`TRACK_STEP` from its rules,
        and snug beside each kind of symbol (its shortest legs, :data:`MIN_LEG` and
        :data:`MIN_LAST_LEG`, from its side vertex): in a narrow edge lane that is where a
        connector still fits inside. A channel through a lane's middle is only taken where that
        lane has no symbol in the rows it spans (:meth:`free` rejects the rest), so empty lanes
        carry the long returns.
        """
        xs: list[float] = []
        halves = {self.sizes.terminator[0] / 2, self.sizes.process[0] / 2, self.sizes.decision[0] / 2}
        last = len(self.lanes) - 1
        for number, lane in enumerate(self.lanes):
            count = int((lane.width - 2 * TRACK_STEP) / TRACK_STEP + _EPS)
            spare = lane.width - 2 * TRACK_STEP - count * TRACK_STEP
            xs += [round(lane.x + TRACK_STEP + spare / 2 + k * TRACK_STEP, 3) for k in range(count + 1)]
            for half in halves:
                for leg in (MIN_LEG, MIN_LAST_LEG):
                    # Rounded outward: a snug channel keeps its whole leg.
                    left = math.floor((lane.center - half - leg) * 1000) / 1000
                    right = math.ceil((lane.center + half + leg) * 1000) / 1000
                    snug = [left, right]
                    # In an edge lane, nested returns stack outward from the snug channel.
                    if number == 0:
                        snug += [left - k * TRACK_STEP for k in range(1, 4)]
                    if number == last:
                        snug += [right + k * TRACK_STEP for k in range(1, 4)]
                    xs += [x for x in snug if lane.x + TRACK_STEP <= x <= lane.right - TRACK_STEP]
        return sorted({round(x, 3) for x in xs})

    def _overflow_tracks(self) -> list[float]:
        """Channels beyond the Pelaksana columns (mm), for a trial routing only.

        A route using one is chosen only when every route inside crosses more arrows; its reach
        (:attr:`spill`) tells :func:`generator.sheet.layout.layout_sop` how much to widen the
        edge lane, and the sheet is routed again with that room inside.
        """
        left, right = self.lanes[0].x, self.lanes[-1].right
        return [round(x, 3) for k in range(0, 12) for x in (left - k * TRACK_STEP, right + k * TRACK_STEP)
                if 0 < x < self.layout.table_width]

    def outside(self, x: float, half: float = 0.0) -> float:
        """How far (mm) a channel at *x*, or a connector of half-width *half* there, reaches out of the lanes.

        Inside means :data:`TRACK_STEP` from the outer Pelaksana rules for a channel, 0.5 mm for
        a connector; 0 when inside.
        """
        margin = max(TRACK_STEP, half + 0.5)
        return round(max(0.0, self.left + margin - x, x - (self.right - margin)), 3)

    def note_outside(self, x: float, amount: float) -> None:
        if amount > 0:
            side = "left" if x < (self.left + self.right) / 2 else "right"
            self.spill[side] = max(self.spill[side], amount)

    def free(self, page: FlowPage, points: list[Point], ignore: list[Shape]) -> bool:
        """No segment crosses a symbol (other than *ignore*) or runs along another arrow.

        An arrow passes other symbols :data:`SYMBOL_GAP` away: a line along a diamond's vertex
        or a rectangle's edge reads as entering it. Beside another arrow it keeps
        :data:`TRACK_STEP`: two lines closer than that read as one double line.

        The one exception is a join: arrows ending at the same point may share their line, one
        trunk into the symbol (PermenPANRB 35/2012 draws joins so); from where they meet on, they
        run together to that point.
        """
        drawing = self.drawings[page.number]
        for a, b in itertools.pairwise(points):
            for shape in drawing.shapes:
                if shape not in ignore and _crosses(a, b, _grown(shape.box, SYMBOL_GAP)):
                    return False
            for arrow in drawing.arrows:
                if arrow.points[-1] == points[-1]:
                    continue
                for c, d in arrow.segments():
                    if _alongside(a, b, c, d, TRACK_STEP - 0.05):
                        return False
        return True

    def label_room(self, page: FlowPage, points: list[Point]) -> int:
        """How many spots beside a labelled bottom exit on *page* the polyline *points* would take.

        A decision whose next step is reached through a labelled bottom exit needs room for
        that label on one side of the arrow going down (:meth:`_label_spots`); a channel run
        through both sides leaves the label nowhere to go. Channels prefer to keep clear.
        """
        zones = self._zones.get(page.number)
        if zones is None:
            zones = self._zones[page.number] = []
            for edge in self.sop.edges:
                if edge.is_sequential and edge.label and edge.source in page.steps:
                    row, width = page.row_of(edge.source), _narrowest_mm(edge.label) + 2 * LABEL_MARGIN
                    vx, vy = self.shapes_of(edge.source)[0].port("bottom")  # the label's own exit
                    zones += [(vx - 0.6 - width, vx - 0.3, vy, row.bottom),
                              (vx + 0.3, vx + 0.6 + width, vy, row.bottom)]
        taken = 0
        for x0, x1, y0, y1 in zones:
            taken += any(abs(a[0] - b[0]) < _EPS and x0 < a[0] < x1 and min(a[1], b[1]) < y1 and max(a[1], b[1]) > y0
                         for a, b in itertools.pairwise(points))
        return taken

    def crossings(self, page: FlowPage, points: list[Point]) -> int:
        """How many times the polyline *points* would cross an arrow already on *page*.

        The count of :func:`crossing_points` against every arrow, from an index of the
        page's horizontal and vertical segments (rebuilt when arrows were added).
        """
        arrows = self.drawings[page.number].arrows
        index = self._segments.get(page.number)
        if index is None or index[0] != len(arrows):
            horizontal: list[tuple[float, float, float]] = []
            vertical: list[tuple[float, float, float]] = []
            for arrow in arrows:
                for (x0, y0), (x1, y1) in arrow.segments():
                    if abs(y0 - y1) < _EPS:
                        horizontal.append((y0, min(x0, x1) + 0.05, max(x0, x1) - 0.05))
                    if abs(x0 - x1) < _EPS:
                        vertical.append((x0, min(y0, y1) + 0.05, max(y0, y1) - 0.05))
            index = self._segments[page.number] = (len(arrows), horizontal, vertical)
        _, horizontal, vertical = index
        total = 0
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if abs(y0 - y1) < _EPS:
                lo, hi = min(x0, x1) + 0.05, max(x0, x1) - 0.05
                total += sum(1 for x, vlo, vhi in vertical if lo < x < hi and vlo < y0 < vhi)
            if abs(x0 - x1) < _EPS:
                lo, hi = min(y0, y1) + 0.05, max(y0, y1) - 0.05
                total += sum(1 for y, hlo, hhi in horizontal if lo < y < hi and hlo < x0 < hhi)
        return total

    def side_free(self, shape: Shape, side: Side, *, join: bool = False) -> bool:
        """Whether *side* of *shape* is unused.

        With ``join``, a side used only by entering arrows counts as free too: several arrows may
        enter one side through one join trunk; none may leave by it.
        """
        if shape.step is None or shape.lane is None:
            return True
        key = (shape.step, shape.lane)
        if join:
            return side not in self.used.get(key, set()) - self.entries.get(key, set())
        return side not in self.used.get(key, set())

    def take(self, shape: Shape, side: Side, *, entry: bool = False) -> None:
        if shape.step is not None and shape.lane is not None:
            key = (shape.step, shape.lane)
            if entry and (side not in self.used.get(key, set()) or side in self.entries.get(key, set())):
                self.entries.setdefault(key, set()).add(side)
            else:
                self.entries.get(key, set()).discard(side)
            self.used.setdefault(key, set()).add(side)

    # -- sequential arrows ---------------------------------------------------------------
    def sequential(self, edge: Edge, letter: str | None) -> None:
        sources, targets = self.shapes_of(edge.source), self.shapes_of(edge.target)
        page_s, page_t = self.page_of[edge.source], self.page_of[edge.target]
        for shape in sources:
            self.take(shape, "bottom")
        for shape in targets:
            self.take(shape, "top", entry=True)
        start = [s.port("bottom") for s in sources]
        if edge.label:
            self.pending.append((page_s, edge, sources[0], "bottom"))
        if letter is None:
            self._bus(page_t, edge, start, [t.port("top") for t in targets], page_t.row_of(edge.target))
            return
        out_strip, in_strip = page_s.band("bottom"), page_t.band("top")
        assert out_strip is not None and in_strip is not None
        out = self._connector(page_s, start[0][0], out_strip, letter)
        self._bus(page_s, edge, start, [out.port("top")], out_strip, target_is_step=False)
        inc = self._connector(page_t, targets[0].cx, in_strip, letter)
        self._bus(page_t, edge, [inc.port("bottom")], [t.port("top") for t in targets],
                  page_t.row_of(edge.target))

    def _bus(self, page: FlowPage, edge: Edge, starts: list[Point], ends: list[Point],
             row: GridRow, *, target_is_step: bool = True) -> None:
        """Vertical–horizontal–vertical arrows; the elbow at least :data:`TRACK_STEP` from the row rule.

        The elbow runs in the middle of the gap above the targets in *row* when that leaves the
        arrowhead its leg (:data:`MIN_LAST_LEG`), otherwise in the gap below the sources, above
        the rule (in its middle; low enough for a line of text under the exit when the exit
        carries a branch label); a
        connector target (``target_is_step=False``) always takes the second.
        """
        top = min(y for _, y in ends)
        lowest = max(y for _, y in starts)
        upper = (lowest + 1.0, row.y - TRACK_STEP)  # below the sources
        lower = (row.y + TRACK_STEP, top - MIN_LAST_LEG)  # above the targets
        if target_is_step and lower[0] <= lower[1] + _EPS:
            elbow = max(lower[0], min((row.y + top) / 2, lower[1]))
        elif upper[0] <= upper[1] + _EPS:  # a branch label beside the exit gets a line's height above it
            middle = (upper[0] + upper[1]) / 2
            elbow = min(upper[1], max(middle, lowest + 1.2 * LABEL_PT * PT_TO_MM + 0.8)) if edge.label else middle
        else:
            elbow = (row.y + top) / 2 if target_is_step else row.y + 1.0
        drawing = self.drawings[page.number]
        for sx, sy in starts:
            for tx, ty in ends:
                if abs(sx - tx) < _EPS:
                    points: tuple[Point, ...] = ((sx, sy), (tx, ty))
                else:
                    points = ((sx, sy), (sx, elbow), (tx, elbow), (tx, ty))
                drawing.arrows.append(Arrow(points, edge.source, edge.target))

    def _connector(self, page: FlowPage, x: float, strip: GridRow, letter: str) -> Shape:
        w, h = self.sizes.offpage
        shape = Shape("offpage", x, strip.center, w, h, letter=letter)
        self._place_connector(page, shape, strip)
        return shape

    # -- channel arrows ------------------------------------------------------------------
    def channel(self, edge: Edge, letters: list[str]) -> None:
        """A return or a jump; across pages, one connector pair per page boundary it crosses.

        On every page between the source's and the target's the arrow runs straight from the
        band it enters to the band it leaves, so each connector's twin is on the adjacent page.
        """
        page_s, page_t = self.page_of[edge.source], self.page_of[edge.target]
        if not letters:
            self._channel_same_page(edge, page_s)
            return
        later = page_t.number > page_s.number
        ends: tuple[Literal["top", "bottom"], Literal["top", "bottom"]] = \
            ("top", "bottom") if later else ("bottom", "top")
        enter, leave = ends
        x = self._channel_to_connector(edge, page_s, self.shapes_of(edge.source), "out", page_s.band(leave),
                                       letters[0])
        step = 1 if later else -1
        for k, number in enumerate(range(page_s.number + step, page_t.number, step)):
            page = self.layout.pages[number - 1]
            entering, leaving = page.band(enter), page.band(leave)
            assert entering is not None and leaving is not None
            x = self._pass_through(edge, page, entering, leaving, (letters[k], letters[k + 1]), x)
        self._channel_to_connector(edge, page_t, self.shapes_of(edge.target), "in", page_t.band(enter),
                                   letters[-1])

    def _side_toward(self, shape: Shape, x: float) -> Side:
        return "right" if x > shape.cx else "left"

    def _channel_same_page(self, edge: Edge, page: FlowPage) -> None:
        """Side exit → vertical channel → side entry, the cheapest of all channels.

        Cost, in order: crossings with arrows already drawn, how far it reaches outside the Pelaksana
        columns, room it takes from a branch label (:meth:`label_room`), entering through a join,
        length.
        """
        best: tuple[tuple[int, float, int, bool, float], list[Point], Shape, Shape, Side, Side, float] | None = None
        for s in self.shapes_of(edge.source):
            for t in self.shapes_of(edge.target):
                for x in self.tracks:
                    side_s, side_t = self._side_toward(s, x), self._side_toward(t, x)
                    if not self.side_free(s, side_s) or not self.side_free(t, side_t, join=True):
                        continue
                    a, b = s.port(side_s), t.port(side_t)
                    if _outward(a, x, side_s) < MIN_LEG or _outward(b, x, side_t) < MIN_LAST_LEG:
                        continue
                    points = [a, (x, a[1]), (x, b[1]), b]
                    outside = self.outside(x)
                    cost = (self.crossings(page, points), round(outside, 3), self.label_room(page, points),
                            not self.side_free(t, side_t), abs(x - a[0]) + abs(x - b[0]) + abs(a[1] - b[1]))
                    if (best is None or cost < best[0]) and self.free(page, points, [s, t]):
                        best = (cost, points, s, t, side_s, side_t, outside)
        if best is None:
            raise NoRouteError(self._no_route(edge), edge)
        _, points, s, t, side_s, side_t, outside = best
        self.note_outside(points[1][0], outside)
        self.take(s, side_s)
        self.take(t, side_t, entry=True)
        self.drawings[page.number].arrows.append(Arrow(tuple(points), edge.source, edge.target))
        self._branch_label(page, edge, points, side_s)

    def _channel_to_connector(self, edge: Edge, page: FlowPage, shapes: list[Shape],
                              direction: Literal["out", "in"], strip: GridRow | None,
                              letter: str) -> float:
        """Side exit → channel → off-page connector in *strip* (or back, ``in``); returns the channel x (mm)."""
        assert strip is not None
        w, h = self.sizes.offpage
        above = strip.y < page.row_of(shapes[0].step if shapes[0].step is not None else -1).y
        contact = strip.center + h / 2 if above else strip.center - h / 2
        best: tuple[tuple[int, float, int, bool, float], list[Point], Shape, Side, Shape, float] | None = None
        for shape in shapes:
            for x in self.tracks:
                side = self._side_toward(shape, x)
                if not self.side_free(shape, side, join=direction == "in"):
                    continue
                pent = Shape("offpage", x, strip.center, w, h, letter=letter)
                a = shape.port(side)
                if _outward(a, x, side) < (MIN_LAST_LEG if direction == "in" else MIN_LEG):
                    continue
                points = [a, (x, a[1]), (x, contact)]
                if direction == "in":
                    points.reverse()
                outside = self.outside(x, w / 2)
                if outside and not self.allow_outside:
                    continue
                cost = (self.crossings(page, points), round(outside, 3), self.label_room(page, points),
                        not self.side_free(shape, side), abs(x - a[0]) + abs(contact - a[1]))
                if (best is None or cost < best[0]) and \
                        self.free(page, points, [shape]) and self._pentagon_fits(page, pent):
                    best = (cost, points, shape, side, pent, outside)
        if best is None:
            raise NoRouteError(self._no_route(edge), edge)
        _, points, shape, side, pent, outside = best
        self.note_outside(pent.cx, outside)
        self.take(shape, side, entry=direction == "in")
        self._place_connector(page, pent, strip)
        self.drawings[page.number].arrows.append(Arrow(tuple(points), edge.source, edge.target))
        if direction == "out":
            self._branch_label(page, edge, points, side)
        return pent.cx

    def _pass_through(self, edge: Edge, page: FlowPage, entering: GridRow, leaving: GridRow,
                      letters: tuple[str, str], near: float) -> float:
        """Draw an arrow across the whole of *page*; returns its channel x (mm).

        Connector in the *entering* band → straight line → connector in the *leaving* band; their
        twins are on the adjacent pages.

        The channel is the one crossing fewest arrows, inside the Pelaksana columns, nearest to
        *near* (the channel on the page before, so the line reads as one).
        """
        w, h = self.sizes.offpage
        down = entering.y < leaving.y
        start = entering.center + (h / 2 if down else -h / 2)
        end = leaving.center + (-h / 2 if down else h / 2)
        best: tuple[tuple[int, float, int, float], float, float] | None = None
        for x in self.tracks:
            pents = [Shape("offpage", x, band.center, w, h, letter=letter)
                     for band, letter in zip((entering, leaving), letters, strict=True)]
            points = [(x, start), (x, end)]
            outside = self.outside(x, w / 2)
            if outside and not self.allow_outside:
                continue
            cost = (self.crossings(page, points), round(outside, 3), self.label_room(page, points), abs(x - near))
            if (best is None or cost < best[0]) and self.free(page, points, []) and \
                    all(self._pentagon_fits(page, pent) for pent in pents):
                best = (cost, x, outside)
        if best is None:
            raise NoRouteError(self._no_route(edge), edge)
        _, x, outside = best
        self.note_outside(x, outside)
        for band, letter in zip((entering, leaving), letters, strict=True):
            self._place_connector(page, Shape("offpage", x, band.center, w, h, letter=letter), band)
        self.drawings[page.number].arrows.append(Arrow(((x, start), (x, end)), edge.source, edge.target))
        return x

    def _place_connector(self, page: FlowPage, pent: Shape, strip: GridRow) -> None:
        drawing = self.drawings[page.number]
        drawing.shapes.append(pent)
        drawing.labels.append(Label(pent.cx, strip.center - pent.h / 2 + 3.6, pent.letter or "", "middle", 7.5,
                                    backed=False))

    def _pentagon_fits(self, page: FlowPage, pent: Shape) -> bool:
        """Whether connector *pent* keeps :data:`TRACK_STEP` from every symbol and crosses no arrow."""
        x0, y0, x1, y1 = pent.box
        for shape in self.drawings[page.number].shapes:
            sx0, sy0, sx1, sy1 = shape.box
            if sx0 < x1 + TRACK_STEP and sx1 > x0 - TRACK_STEP and sy0 < y1 and sy1 > y0:
                return False
        return all(not _crosses(a, b, pent.box)
                   for arrow in self.drawings[page.number].arrows for a, b in arrow.segments())

    def _branch_label(self, page: FlowPage, edge: Edge, points: list[Point], side: Side) -> None:
        """Queue a label for a side exit (see :meth:`_label_spots`)."""
        if not edge.label:
            return
        shape = next(s for s in self.shapes_of(edge.source) if s.port(side) == points[0])
        self.pending.append((page, edge, shape, side))

    def _label_spots(self, page: FlowPage, edge: Edge, shape: Shape, side: Side) -> list[tuple[Label, ...]]:
        """Candidate places of a branch label beside the exit *side* of *shape*, nearest first.

        A candidate is the label's lines (one :class:`Label` each). Every candidate lies inside
        one lane cell of the decision's row, at least :data:`LABEL_MARGIN` from its rules: first
        the decision's own cell, then the cells the exit's leg runs through. Tried in order: one
        line at :data:`LABEL_PT`, a label of several words on two lines, then both at the 6 pt
        minimum (a narrow lane keeps "Tidak setuju" inside its cell by breaking it), and last,
        for a label too long for two lines, its wrapped form (:func:`_wrapped`).
        """
        assert edge.label is not None
        row = page.row_of(edge.source)
        vx, vy = shape.port(side)
        own = shape.lane or 0
        order = [own, *(range(own + 1, len(self.lanes)) if side == "right" else
                        range(own - 1, -1, -1) if side == "left" else ())]
        words = edge.label.split()
        shapes = [[edge.label]]
        if len(words) > 1:
            cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))))
            shapes.append([" ".join(words[:cut]), " ".join(words[cut:])])
        spots: list[tuple[Label, ...]] = []
        forms = [(size, lines) for size in (LABEL_PT, 6.0) for lines in shapes]
        wrapped = _wrapped(edge.label)
        if wrapped is not None:  # too long for two lines
            forms.append((6.0, wrapped))
        for size, lines in forms:
            width = max(metrics(False).width_mm(line, size) for line in lines)
            ascent, descent = 0.75 * size * PT_TO_MM, 0.22 * size * PT_TO_MM
            lead = 1.15 * size * PT_TO_MM
            below = (len(lines) - 1) * lead  # from the first baseline to the last
            top, bottom = row.y + LABEL_MARGIN + ascent, row.bottom - LABEL_MARGIN - descent - below
            for index in order:
                lane = self.lanes[index]
                left, right = lane.x + LABEL_MARGIN, lane.right - LABEL_MARGIN - width  # start-x range
                if right < left or bottom < top:
                    continue
                if side in ("left", "right"):
                    xs = _steps(min(max(vx + 0.6, left), right), right, 0.5) if side == "right" else \
                        _steps(max(min(vx - 0.6 - width, right), left), left, -0.5)
                    if index == own:  # then back over the symbol's flank, above or below the exit, never
                        # past its axis: there the label would sit beside the arrow leaving the bottom vertex
                        xs += _steps(xs[0] - 0.5, max(left, shape.cx + 0.6, xs[0] - 8.0), -0.5) if side == "right" \
                            else _steps(xs[0] + 0.5, min(right, shape.cx - 0.6 - width, xs[0] + 8.0), 0.5)
                    ys = [y for k in range(SIDE_LABEL_REACH)
                          for y in (vy - 0.5 - descent - below - 0.5 * k, vy + 0.5 + ascent + 0.5 * k)]
                else:  # below the bottom vertex, beside the arrow going down, away from a side exit
                    xs = [x for k in range(16) for x in (vx + 0.6 + 0.5 * k, vx - 0.6 - width - 0.5 * k)]
                    if "right" in self.used.get((shape.step or 0, own), set()):
                        xs.sort(key=lambda x: x > vx)
                    ys = [vy + 0.3 + ascent + 0.5 * k for k in range(int(row.height / 0.5) + 1)] + \
                        [vy - 0.5 * k for k in range(1, 8)]
                spots += [tuple(Label(x, y + k * lead, line, "start", size) for k, line in enumerate(lines))
                          for y in ys for x in xs  # _steps rounds to 0.001
                          if left - 1e-3 <= x <= right + 1e-3 and top - 1e-3 <= y <= bottom + 1e-3]
        return spots

    def place_labels(self) -> None:
        """Put each queued label at its first candidate clear of arrows, symbols and labels.

        Clear means 0.3 mm away. A label with no clear candidate asks for a wider lane
        (:attr:`crowded`) or a taller row (:attr:`tall`); meanwhile it takes a spot 0.1 mm clear,
        or, failing that, the spot that hides least (and its exit is listed in :attr:`unplaced`).
        """
        for page, edge, shape, side in self.pending:
            drawing = self.drawings[page.number]
            candidates = self._label_spots(page, edge, shape, side)
            chosen = next((c for c in candidates if self._lines_cost(drawing, c, pad=0.3) == (0, 0, 0)), None)
            if chosen is None:
                chosen = next((c for c in candidates if self._lines_cost(drawing, c, pad=0.1) == (0, 0, 0)), None)
                index = shape.lane or 0
                lane = self.lanes[index]
                room = (lane.width - shape.w) / 2 if side != "bottom" else lane.width / 2
                wanted = 2 * (_narrowest_mm(edge.label or "") + 2 * LABEL_MARGIN + 0.6 - room)
                self.crowded[index] = max(self.crowded.get(index, 0.0), wanted, 2 * TRACK_STEP)
                step = shape.step or 0  # or a taller row: the symbol stays centred, half goes each way
                self.tall[step] = max(self.tall.get(step, 0.0), 2 * (_label_height_mm(edge.label or "")
                                                                     + 2 * LABEL_MARGIN + 0.6))
                if chosen is None and candidates:
                    chosen = min(candidates, key=lambda c: self._lines_cost(drawing, c))
                if chosen is None or self._lines_cost(drawing, chosen) != (0, 0, 0):
                    self.unplaced.append(edge)
                chosen = chosen or (Label(shape.port(side)[0] + 0.9, shape.port(side)[1] + 2.3, edge.label or ""),)
            drawing.labels.extend(chosen)

    @staticmethod
    def _label_hits(drawing: Drawing, box: tuple[float, float, float, float]) -> tuple[int, int, int]:
        """What the rectangle *box* would hide: ``(symbols, labels, arrow segments)`` it touches."""
        return (sum(box_touches_shape(box, shape) for shape in drawing.shapes),
                sum(lb.box[0] < box[2] and lb.box[2] > box[0] and lb.box[1] < box[3] and lb.box[3] > box[1]
                    for lb in drawing.labels),
                sum(_crosses(a, b, box) for arrow in drawing.arrows for a, b in arrow.segments()))

    def _lines_cost(self, drawing: Drawing, lines: tuple[Label, ...], pad: float = 0.0) -> tuple[int, int, int]:
        """What a label's *lines*, each grown by *pad* mm, would hide, summed (see :meth:`_label_hits`)."""
        hits = [self._label_hits(drawing, (x0 - pad, y0 - pad, x1 + pad, y1 + pad))
                for x0, y0, x1, y1 in (line.box for line in lines)]
        return (sum(h[0] for h in hits), sum(h[1] for h in hits), sum(h[2] for h in hits))

    def crossing_count(self) -> int:
        """Arrow–arrow crossings on all pages (:func:`page_crossings`)."""
        return sum(page_crossings([arrow.points for arrow in drawing.arrows]) for drawing in self.drawings.values())

    def crossed(self) -> set[Edge]:
        """The channel arrows (returns and jumps) that cross an arrow drawn before them.

        A crossing counts once, against the later of the two arrows: routed earlier, that one
        might have found a way clear of both.
        """
        found: set[Edge] = set()
        by_pair = {(e.source, e.target): e for e in self.sop.edges if not e.is_sequential}
        for drawing in self.drawings.values():
            for index, arrow in enumerate(drawing.arrows):
                edge = by_pair.get((arrow.source, arrow.target))
                if edge is not None and any(crossing_points(arrow.points, other.points)
                                            for other in drawing.arrows[:index]):
                    found.add(edge)
        return found

    def _no_route(self, edge: Edge) -> str:
        return (f"{self.sop.source}: panah langkah {edge.source + 1} → {edge.target + 1} "
                "tidak mendapat jalur bebas; kurangi panah balik yang bertumpuk atau tambah kolom")


def _routed(layout: SheetLayout, channels: list[Edge], *, allow_outside: bool) -> _Router:
    """A router with every arrow drawn: sequential ones, then *channels* in that order.

    Raises:
        NoRouteError: an arrow finds no channel free of symbols and other arrows.
    """
    router = _Router(layout, allow_outside=allow_outside)
    router.place_symbols()
    edges = sorted(layout.sop.edges, key=lambda e: (e.source, e.target))
    letters = {e: [next(router.letters) for _ in range(abs(router.page_of[e.target].number -
                                                        router.page_of[e.source].number))] for e in edges}
    for edge in edges:
        if edge.is_sequential:
            router.sequential(edge, letters[edge][0] if letters[edge] else None)
    for edge in channels:
        router.channel(edge, letters[edge])
    return router


def route(layout: SheetLayout, *, trial: bool = False, allow_outside: bool = False) -> Wanted:
    """Compute the :class:`Drawing` of every page of *layout* (stored in ``page.drawing``).

    Sequential arrows are drawn first, then returns and jumps, shortest first, each taking the
    channel that crosses least (a greedy order); an arrow left without a channel is routed
    first and the rest again, and so are the crossed arrows when that crosses less (at most
    :data:`REORDER_ROUNDS` times each). Connector letters run A, B, C… in order of the arrows'
    source steps; an arrow crossing several page boundaries takes one letter per boundary.

    A *trial* tells what room the drawing lacks (the caller makes it and routes again); in a
    trial *allow_outside* lets channels lie beyond the Pelaksana columns when that avoids
    crossings, to learn how much wider the edge lanes should be.

    Returns:
        In a *trial*: what the layout should give (:class:`Wanted`) — wider lanes: the
        first or the last for channels beyond the Pelaksana columns (twice their reach: a lane
        widens on both sides of its centred symbols), or the lane of a branch label that found
        no clear spot (that label's width); and, for such a label, a taller row as the other
        way to make room (twice the label's height: the symbol stays centred). Empty when the
        drawing is complete as it is (then it is also stored). Otherwise: always empty.

    Raises:
        NoRouteError: an arrow finds no channel free of symbols and other arrows in any order tried
            (the error names the arrow the first order could not draw).
        LabelRoomError: outside a trial, a branch label finds no clear spot (the first such label).
    """
    channels = sorted((e for e in layout.sop.edges if not e.is_sequential),
                      key=lambda e: (abs(e.target - e.source), e.source))
    first: NoRouteError | None = None  # what the natural order could not draw: the one to report
    for attempt in range(REORDER_ROUNDS + 1):  # an arrow left without a channel chooses first
        try:
            router = _routed(layout, channels, allow_outside=trial and allow_outside)
            break
        except NoRouteError as error:
            first = first or error
            if attempt == REORDER_ROUNDS or channels[:1] == [error.edge] or error.edge not in channels:
                raise first from None
            channels = [error.edge, *(e for e in channels if e != error.edge)]
    for _ in range(REORDER_ROUNDS):  # arrows that were crossed choose first, then the rest as before
        crossed = router.crossed()
        if not crossed or any(router.spill.values()):
            break
        order = [e for e in channels if e in crossed] + [e for e in channels if e not in crossed]
        try:
            other = _routed(layout, order, allow_outside=trial and allow_outside)
        except NoRouteError:
            break
        if any(other.spill.values()) or other.crossing_count() >= router.crossing_count():
            break
        router, channels = other, order
    if any(router.spill.values()):  # a trial that spilled is routed again: its labels would be lost work
        last = len(router.lanes) - 1
        want: dict[int, float] = {}
        for lane, side in ((0, "left"), (last, "right")):
            if router.spill[side]:
                want[lane] = max(want.get(lane, 0.0), 2 * router.spill[side])
        return Wanted(lanes=want)
    router.place_labels()
    if router.unplaced and not trial:
        edge = router.unplaced[0]
        raise LabelRoomError(f"{layout.sop.source}: label cabang {edge.label!r} langkah {edge.source + 1} "
                             "tidak mendapat tempat bebas", edge)
    for page in layout.pages:
        page.drawing = router.drawings[page.number]
    return Wanted(dict(router.crowded), dict(router.tall)) if trial else Wanted()
