"""Stage 4: lay out the flowchart table of one SOP into printed pages (all in mm).

The table is a grid. Every row lists, for each column, the id of the cell covering it; the
HTML text layer (colspan/rowspan) and the ruled lines of the SVG overlay are both derived
from those ids, so text and drawing can never disagree. Row heights come from wrapping each
cell's text with the shipped font metrics (:mod:`generator.sheet.metrics`); pages are filled by
measured height, never by step count, and rows are never split.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from generator.errors import RenderError
from generator.model import Langkah, Sop
from generator.sheet.geometry import (
    END_SIGNATURE_MM,
    FONT_PT,
    LANE_HEADER_PT,
    MIN_ROW_MM,
    STRIP_MM,
    TITLE_MM,
    Column,
    PageBox,
    SymbolSizes,
    cell_lines,
    flow_columns,
    header_pieces,
    header_size,
    lane_header_size,
    page_box,
    text_height,
    widening_room,
)
from generator.sheet.metrics import metrics
from generator.sheet.routing import LabelRoomError, NoRouteError, route
from generator.sheet.types import Cell, FlowPage, GridRow, SheetLayout

__all__ = [
    "Cell",
    "FlowPage",
    "GridRow",
    "SheetLayout",
    "cell_texts",
    "grid_lines",
    "layout_sop",
]

def _list_text(items: tuple[str, ...]) -> tuple[str, ...]:
    if not items:
        return ("-",)
    return items if len(items) == 1 else tuple(f"- {item}" for item in items)


def cell_texts(step: Langkah) -> dict[str, tuple[str, ...]]:
    """The printed paragraphs of each text column of a step row (what is measured is printed)."""
    return {
        "no": (str(step.number),),
        "kegiatan": tuple(p for p in step.kegiatan.split("\n") if p.strip()),
        "kelengkapan": _list_text(step.kelengkapan),
        "waktu": (step.waktu.text if step.waktu else "-",),
        "output": _list_text(step.output),
        "keterangan": (step.keterangan,) if step.keterangan else (),
    }


def _height(columns: list[Column], texts: Mapping[str, tuple[str, ...]], *, bold: bool = False,
            minimum: float = 0.0) -> float:
    widths = {c.key: c.width for c in columns}
    tallest = max((text_height(cell_lines(list(t), widths[k], bold=bold))
                   for k, t in texts.items() if t and k in widths), default=0.0)
    return round(max(minimum, tallest), 3)


@lru_cache(maxsize=8192)
def _step_heights(columns: tuple[Column, ...], steps: tuple[Langkah, ...]) -> tuple[float, ...]:
    """The measured height (mm) of every step row, memoised: ``sop check`` and the layout share it."""
    return tuple(_height(list(columns), cell_texts(step), minimum=MIN_ROW_MM) for step in steps)


def _header_cell(key: str, col: int, label: str, width: float, **span: int) -> Cell:
    size = header_size(label, width)
    return Cell(key, col, text=(label,), font_pt=size if size != FONT_PT else None, **span)


def _header_rows(sop: Sop, columns: list[Column]) -> list[GridRow]:
    """The two header rows (plus the optional column-number row), heights from their labels.

    Every header label is set bold at the largest size where none of its words must break
    (:func:`generator.sheet.geometry.header_size`).
    """
    labels = sop.options.labels
    keys = [c.key for c in columns]
    width = {c.key: c.width for c in columns}
    lanes = [c for c in columns if c.lane is not None]
    mutu = ["kelengkapan", "waktu", "output"]
    first = tuple("pelaksana" if c.lane is not None else "mutu" if c.key in mutu else c.key
                  for c in columns)
    groups = {"pelaksana": (2, len(lanes), sum(c.width for c in lanes)),
              "mutu": (keys.index("kelengkapan"), 3, sum(width[k] for k in mutu))}
    cells1 = [_header_cell(g, col, labels["mutu_baku" if g == "mutu" else g], w, span=span)
              for g, (col, span, w) in groups.items()]
    cells1 += [_header_cell(k, keys.index(k), labels[k], width[k], rowspan=2)
               for k in ("no", "kegiatan", "keterangan") if k in keys]
    size = lane_header_size([sop.pelaksana[c.lane].label for c in lanes if c.lane is not None],
                            [c.width for c in lanes])  # one size for every lane of the sheet
    cells2 = [Cell(c.key, keys.index(c.key), text=(sop.pelaksana[c.lane].label,),
                   font_pt=size if size != FONT_PT else None) for c in lanes if c.lane is not None]
    cells2 += [_header_cell(k, keys.index(k), labels[k], width[k]) for k in mutu]

    def height(cell: Cell, cell_width: float) -> float:
        breakable = [" ".join(header_pieces(text)) for text in cell.text]  # lines may break after / and -
        return text_height(cell_lines(breakable, cell_width, bold=True, size_pt=cell.font_pt or FONT_PT))

    h1 = max([text_height(1)] + [height(c, groups[c.key][2]) for c in cells1 if c.key in groups])
    h2 = max([text_height(1)] + [height(c, columns[c.col].width) for c in cells2])
    h2 = max([h2] + [height(c, columns[c.col].width) - h1 for c in cells1 if c.rowspan == 2])
    rows = [GridRow("head", 0.0, round(h1, 3), first, tuple(sorted(cells1, key=lambda c: c.col))),
            GridRow("head", round(h1, 3), round(h2, 3), tuple(keys), tuple(cells2))]
    if sop.options.nomor_kolom:
        ids = tuple(f"n{i}" for i in range(len(columns)))
        # The number row uses 1 mm padding (sop-sheet.css, .sop-r-numbers), not PAD_Y_MM.
        rows.append(GridRow("numbers", round(h1 + h2, 3), round(text_height(1) - 1.0, 3), ids,
                            tuple(Cell("number", i, text=(str(i + 1),)) for i in range(len(columns)))))
    return rows


def _step_row(step: Langkah, columns: list[Column], y: float, height: float) -> GridRow:
    texts = cell_texts(step)
    ids = tuple(f"s{step.index}:{c.key}" for c in columns)
    cells = tuple(Cell(c.key if c.lane is None else "lane", i, text=texts.get(c.key, ()))
                  for i, c in enumerate(columns))
    return GridRow("step", y, height, ids, cells, step=step.index)


def _strip_row(columns: list[Column], y: float, tag: str) -> GridRow:
    ids = tuple(f"{tag}:lanes" if c.lane is not None else f"{tag}:{c.key}" for c in columns)
    lanes = [i for i, c in enumerate(columns) if c.lane is not None]
    cells = [Cell(c.key, i) for i, c in enumerate(columns) if c.lane is None]
    cells.append(Cell("strip", lanes[0], span=len(lanes)))
    return GridRow("strip", y, STRIP_MM, ids, tuple(sorted(cells, key=lambda c: c.col)))


def _total_row(sop: Sop, columns: list[Column], y: float) -> GridRow:
    keys = [c.key for c in columns]
    w, o = keys.index("waktu"), keys.index("output")
    ids = tuple("total" if i < w else "total:sum" if i <= o else f"total:{k}"
                for i, k in enumerate(keys))
    span = Column("total", 0, columns[w].width + columns[o].width)
    height = _height([span], {"total": (sop.total_waktu,)}, bold=True, minimum=text_height(1))
    cells = [Cell("total_label", 0, span=w, text=("Jumlah Waktu",)),
             Cell("total", w, span=o - w + 1, text=(sop.total_waktu,))]
    cells += [Cell(k, i) for i, k in enumerate(keys) if i > o]
    return GridRow("total", y, height, ids, tuple(cells))


def _paginate(heights: list[float], head: float, available: float, tail: float) -> list[range]:
    """Split rows into pages by measured height (mm); *tail* is what the last page adds."""
    pages: list[range] = []
    start, count = 0, len(heights)
    while start < count:
        base = head + (STRIP_MM if pages else 0.0)
        if base + sum(heights[start:]) + tail <= available:
            pages.append(range(start, count))
            break
        capacity, end, used = available - base - STRIP_MM, start, 0.0
        while end < count and used + heights[end] <= capacity:
            used += heights[end]
            end += 1
        if end == start:
            raise RenderError(f"langkah {start + 1} terlalu tinggi untuk satu halaman "
                              f"({heights[start]:.0f} mm; tersedia {capacity:.0f} mm): "
                              "persingkat teksnya atau pecah menjadi beberapa langkah")
        if end == count and end - start > 1:
            end -= 1  # the total row / signature must follow at least one row on a new page
        pages.append(range(start, end))
        start = end
    return pages


MIN_KEGIATAN_MM = 30.0
"""Narrowest Kegiatan column a sheet may have; more lanes than that leaves are refused."""


@dataclass(frozen=True)
class FitProblem:
    """Why a valid SOP cannot be laid out: *step* is the 0-based step index (``None``: the lanes)."""

    step: int | None
    message: str
    allowed: str
    lane: int | None = None
    """The lane (0-based) the problem is about, when it is one lane's name."""


def _choices(items: list[str]) -> str:
    """``a, b atau c``.

    >>> _choices(["a", "b", "c"])
    'a, b atau c'
    """
    return f"{', '.join(items[:-1])} atau {items[-1]}" if len(items) > 1 else items[0]


def wider_sheets(sop: Sop) -> list[str]:
    """Advice for a flow too wide for its sheet: the wider paper and orientation it does not use yet."""
    options = sop.options
    return [text for text, wanted in (("pakai kertas F4", options.paper != "F4"),
                                      ("pakai orientasi landscape", options.orientation != "landscape")) if wanted]


def fit_problems(sop: Sop) -> list[FitProblem]:
    """Everything that keeps *sop* from being laid out on its paper, all at once (measured in mm).

    Too many lanes for the paper (the Kegiatan column narrower than :data:`MIN_KEGIATAN_MM`) —
    or, when lanes widened for one long word of their name take that room, each such word (a
    lane header breaks only at spaces, '/' and '-'), located at its ``pelaksana`` entry — and
    every step row taller than a continuation page can hold (header, connector bands). An empty
    list means :func:`layout_sop` will not raise for lack of room.
    """
    page = page_box(sop.options.paper, sop.options.orientation)
    columns = flow_columns(sop, page.content_width)
    kegiatan = next(c.width for c in columns if c.key == "kegiatan")
    paper = f"{sop.options.paper} {sop.options.orientation}"
    larger = wider_sheets(sop)
    if kegiatan < MIN_KEGIATAN_MM:
        left = f"tinggal {kegiatan:.0f} mm" if kegiatan >= 1 else "tidak mendapat tempat"
        words = _long_header_words(sop, columns, MIN_KEGIATAN_MM - kegiatan)
        if words:
            return [FitProblem(None, f"kata {word!r} di nama pelaksana {label!r} terlalu panjang untuk judul lajur: "
                               f"butuh {width:.0f} mm, sehingga kolom Kegiatan {left} (paling sedikit "
                               f"{MIN_KEGIATAN_MM:.0f} mm)",
                               "pendekkan kata itu, atau pisahkan dengan spasi, '/' atau '-'", lane=lane)
                    for lane, label, word, width in words]
        return [FitProblem(None, f"{len(sop.pelaksana)} pelaksana terlalu banyak untuk kertas {paper}: kolom "
                           f"Kegiatan {left} (paling sedikit {MIN_KEGIATAN_MM:.0f} mm)",
                           _choices([*larger, "gabungkan pelaksana", "pecah SOP"]))]
    head = _header_rows(sop, columns)[-1].bottom
    capacity = page.content_height - TITLE_MM - head - 2 * STRIP_MM
    problems = []
    for step, height in zip(sop.langkah, _step_heights(tuple(columns), sop.langkah), strict=True):
        if height > capacity:
            problems.append(FitProblem(step.index, f"langkah {step.number} terlalu tinggi untuk satu halaman "
                                       f"{paper} ({height:.0f} mm; tersedia {capacity:.0f} mm)",
                                       _choices(["persingkat teksnya", "pecah menjadi beberapa langkah", *larger])))
    return problems


def _long_header_words(sop: Sop, columns: list[Column], short: float) -> list[tuple[int, str, str, float]]:
    """Lanes widened for one long word of their name by more than *short* mm in all: ``(lane, name, word, mm)``.

    Empty when the lanes are too many even without those words (then the count is the problem).
    """
    measure = metrics(bold=True)
    widest = max(28.0, min(c.width for c in columns if c.lane is not None))  # a lane's width without a long word
    found, excess = [], 0.0
    for column in columns:
        if column.lane is None or column.width <= widest + 0.01:
            continue
        label = sop.pelaksana[column.lane].label
        word = max(header_pieces(label), key=lambda piece: measure.width_mm(piece, LANE_HEADER_PT))
        found.append((column.lane, label, word, column.width))
        excess += column.width - widest
    return found if excess >= short else []


WIDEN_STEP_MM = 0.5
"""Lanes are widened in steps of this much (mm)."""
WIDEN_ROUNDS = 5
"""How many trial routings (wider lanes, taller rows) before the sheet settles for what it has."""


def layout_sop(sop: Sop) -> SheetLayout:
    """Lay out the flowchart pages of *sop* and route its drawing.

    Returns that stay clear of the forward arrows run outside the lanes those arrows use; when
    the first or the last lane lacks room for them, or a lane has no clear spot for a branch
    label, that lane is widened (from Kegiatan, then Kelengkapan, Output and Keterangan, down to
    :data:`generator.sheet.geometry.WIDEN_FLOOR_MM`) and the sheet is laid out again; when they have
    nothing left to give, the crowded label's row is made taller instead. Without that room the
    returns stay inside the Pelaksana columns and may cross forward arrows (PermenPANRB 35/2012,
    Bagian Flowchart: every symbol and line stays in the executors' columns).

    Raises:
        RenderError: a single step row does not fit on an empty page (:func:`fit_problems` finds
            these beforehand); :class:`generator.sheet.routing.NoRouteError` when an arrow finds no
            free channel; :class:`generator.sheet.routing.LabelRoomError` when every room that
            routes the arrows leaves a branch label without a clear spot (reported before an
            arrow's failure in another room).
    """
    page = page_box(sop.options.paper, sop.options.orientation)
    columns = flow_columns(sop, page.content_width)
    room = widening_room(columns)  # what Kegiatan, then Mutu Baku, can give (mm)
    extra = [0.0] * len(sop.pelaksana)
    taller: dict[int, float] = {}
    tried: list[tuple[list[float], dict[int, float]]] = []  # (extra, taller) that routed, latest last
    outside = widen = True
    latest: set[int] = set()  # the steps whose labels asked for room in the latest trial
    for attempt in range(WIDEN_ROUNDS + 1):
        try:
            layout = _pages(sop, page, flow_columns(sop, page.content_width, extra), taller)
            want = route(layout, trial=True, allow_outside=outside) if attempt < WIDEN_ROUNDS else None
        except RenderError as error:  # a row too tall for a page, or an arrow left without a channel
            if not tried and not isinstance(error, NoRouteError):
                raise
            if not outside and tried and tried[-1] == (extra, taller):
                tried.pop()  # this room routes only with channels outside the lanes
            if tried:
                extra, taller = tried[-1]  # back to the last room that routed
            widen = outside  # a second time: labels get taller rows, lanes stay as they routed
            outside = False  # and learn, inside the lanes, what the labels need
            continue
        tried.append((extra, taller))
        if want is None:
            break
        if not want:
            return layout
        wider = _widened(extra, want.lanes, room) if widen else None
        grown = {step: max(taller.get(step, 0.0), mm) for step, mm in want.rows.items()}
        asked, latest = latest, set(want.rows)
        if wider is not None:
            extra = wider
            if want.rows.keys() & asked:  # a label a wider lane did not help: its row grows too
                taller = {**taller, **{step: grown[step] for step in want.rows.keys() & asked}}
        elif not all(taller.get(step) == mm for step, mm in grown.items()):
            taller = {**taller, **grown}
        elif outside:  # the channels' room outside cannot be had: route inside, learn what labels need
            outside = False
        else:
            break  # neither wider lanes nor taller rows are left to try
    candidates = tried or [(extra, taller)]
    if room > 0 and len(extra) > 1:  # last resort: all the room to the edge lanes' channels
        candidates.insert(0, ([room / 2 if lane in (0, len(extra) - 1) else 0.0 for lane in range(len(extra))], {}))
    failure: RenderError | None = None
    for wider_by, rows in reversed(candidates):  # the latest that routes at all
        try:
            layout = _pages(sop, page, flow_columns(sop, page.content_width, wider_by), rows)
            route(layout)
        except RenderError as error:  # the latest room's reason; a label's rather than an arrow's
            if failure is None or (isinstance(error, LabelRoomError) and isinstance(failure, NoRouteError)):
                failure = error
            continue
        return layout
    assert failure is not None
    raise failure


def _widened(extra: list[float], asked: Mapping[int, float], room: float) -> list[float] | None:
    """*extra* (mm per lane) grown by what *asked* (lane → mm), in steps of :data:`WIDEN_STEP_MM`.

    While the total exceeds *room* (mm), the lane that asked most gives a step back. ``None``
    when nothing can grow.
    """
    wanted = list(extra)
    for lane, mm in asked.items():
        wanted[lane] += WIDEN_STEP_MM * math.ceil(mm / WIDEN_STEP_MM - 1e-6)
    while sum(wanted) > room + 1e-6 and wanted != extra:
        lane = max(range(len(wanted)), key=lambda k: wanted[k] - extra[k])
        wanted[lane] = max(extra[lane], wanted[lane] - WIDEN_STEP_MM)
    return wanted if wanted != extra and sum(wanted) <= room + 1e-6 else None


def _pages(sop: Sop, page: PageBox, columns: list[Column],
           taller: Mapping[int, float]) -> SheetLayout:
    """The sheet's pages for *columns*, rows filled by measured height (not yet routed).

    *taller*: step index → mm added to that row's measured height (room for a branch label).
    """
    lane_width = min(c.width for c in columns if c.lane is not None)
    layout = SheetLayout(sop, page, columns, SymbolSizes.for_lane(lane_width))
    header = _header_rows(sop, columns)
    head = header[-1].bottom
    heights = [h + taller.get(i, 0.0) for i, h in enumerate(_step_heights(tuple(columns), sop.langkah))]
    total_h = _total_row(sop, columns, 0).height
    signature = END_SIGNATURE_MM if sop.options.signature_position != "identity" else 0.0
    available = page.content_height - TITLE_MM
    ranges = _paginate(heights, head, available, total_h + signature)
    for number, indices in enumerate(ranges, start=1):
        rows, y = list(header), head
        if number > 1:
            rows.append(_strip_row(columns, y, "top"))
            y += STRIP_MM
        for i in indices:
            rows.append(_step_row(sop.langkah[i], columns, round(y, 3), heights[i]))
            y += heights[i]
        is_last = number == len(ranges)
        if is_last:
            rows.append(_total_row(sop, columns, round(y, 3)))
        else:
            rows.append(_strip_row(columns, round(y, 3), "bottom"))
        layout.pages.append(FlowPage(number, rows, list(indices), is_last))
    return layout


def grid_lines(rows: list[GridRow], columns: list[Column]) -> list[tuple[float, float, float, float]]:
    """Ruled lines ``(x1, y1, x2, y2)`` of the table, derived from the rows' cell ids.

    A vertical line separates two columns in a row where their ids differ; a horizontal line
    separates two rows over a column where the ids differ. The outer frame is always drawn.
    """
    lines: list[tuple[float, float, float, float]] = []
    width, height = columns[-1].right, rows[-1].bottom
    lines += [(0, 0, width, 0), (0, height, width, height), (0, 0, 0, height), (width, 0, width, height)]
    for row in rows:
        for c in range(len(columns) - 1):
            if row.ids[c] != row.ids[c + 1]:
                x = columns[c].right
                lines.append((x, row.y, x, row.bottom))
    for upper, lower in itertools.pairwise(rows):
        start = None
        for c in range(len(columns) + 1):
            differs = c < len(columns) and upper.ids[c] != lower.ids[c]
            if differs and start is None:
                start = columns[c].x
            elif not differs and start is not None:
                lines.append((start, lower.y, columns[c - 1].right, lower.y))
                start = None
    return _merge_vertical(lines)


def _merge_vertical(lines: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Join touching vertical pieces at the same x into one line (cleaner SVG, no seams)."""
    vertical = sorted((ln for ln in lines if ln[0] == ln[2] and ln[1] != ln[3]), key=lambda ln: (ln[0], ln[1]))
    others = [ln for ln in lines if not (ln[0] == ln[2] and ln[1] != ln[3])]
    merged: list[tuple[float, float, float, float]] = []
    for ln in vertical:
        if merged and merged[-1][0] == ln[0] and ln[1] <= merged[-1][3] + 1e-6:
            merged[-1] = (ln[0], merged[-1][1], ln[0], max(merged[-1][3], ln[3]))
        else:
            merged.append(ln)
    return others + merged
