"""Invariants of every flowchart page (issue "The sheet holds on any SOP"), checked on a laid-out sheet.

:func:`violations` returns, per invariant, what breaks it on one :class:`SheetLayout`;
:func:`crossings` counts arrow–arrow crossings. Used by ``tests/sheet/test_sheet_invariants.py``
(seeds and a fixed-seed sample of generated flows) and ``bench/sheets.py`` (thousands).

This version reads the layout's drawing (mm from the table's top-left corner), fast enough for
thousands of flows; ``tests/pdf_invariants.py`` reads the same checks back from the rendered PDF.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from generator.sheet import Arrow, Drawing, Label, Shape, SheetLayout, box_touches_shape, page_crossings

EPS = 1e-6
RULE_GAP = 1.5
"""No arrow runs closer than this (mm) alongside a table rule."""
MIN_LABEL_PT = 6.0
ARROW_GAP = 1.2
"""Two arrows closer than this (mm) side by side read as one double line."""
SYMBOL_TOUCH = 0.5
"""An arrow nearer than this (mm) to a symbol it does not start or end at touches it."""

Box = tuple[float, float, float, float]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _through(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    lo_x, hi_x = sorted((a[0], b[0]))
    lo_y, hi_y = sorted((a[1], b[1]))
    return lo_x < box[2] - 0.05 and hi_x > box[0] + 0.05 and lo_y < box[3] - 0.05 and hi_y > box[1] + 0.05


def _drawings(layout: SheetLayout) -> list[tuple[int, Drawing]]:
    return [(page.number, page.drawing) for page in layout.pages if isinstance(page.drawing, Drawing)]


def crossings(layout: SheetLayout) -> int:
    """Arrow–arrow crossings over all pages (forks, joins and a joint step's bus do not count)."""
    return sum(page_crossings([arrow.points for arrow in drawing.arrows]) for _, drawing in _drawings(layout))


def violations(layout: SheetLayout) -> dict[str, list[str]]:
    """Every broken invariant of *layout*: ``{invariant name: [what, where]}`` (empty when it holds)."""
    found: dict[str, list[str]] = defaultdict(list)
    lanes = layout.lane_columns
    left, right = lanes[0].x, lanes[-1].right
    borders = [c.x for c in lanes] + [right]
    for number, drawing in _drawings(layout):
        page = next(p for p in layout.pages if p.number == number)
        rows = [r for r in page.rows if r.kind in {"step", "strip", "total"}]
        row_rules = sorted({round(r.y, 3) for r in rows} | {round(r.bottom, 3) for r in rows})
        # 1. inside the Pelaksana columns
        boxes: list[tuple[str, Box]] = [(f"simbol {s.step}", s.box) for s in drawing.shapes]
        boxes += [(f"label {lb.text!r}", lb.box) for lb in drawing.labels]
        for arrow in drawing.arrows:
            for x, y in arrow.points:
                boxes.append((f"panah {arrow.source + 1}→{arrow.target + 1}", (x, y, x, y)))
        for what, box in boxes:
            if box[0] < left - EPS or box[2] > right + EPS:
                found["1 di luar kolom Pelaksana"].append(f"hal {number}: {what}")
        # 2. symbols centred in their lane and row
        for shape in drawing.shapes:
            if shape.step is None or shape.lane is None:
                continue
            row = page.row_of(shape.step)
            if abs(shape.cx - lanes[shape.lane].center) > 1.0 or not (row.y < shape.box[1] and shape.box[3] < row.bottom):
                found["2 simbol tidak di tengah"].append(f"hal {number}: langkah {shape.step + 1}")
        # 3. labels clear of rules, foreign arrows, symbols and other labels; at least 6 pt
        bands = [(r.y, r.bottom) for r in rows if r.kind == "strip"]  # one merged cell: no lane rules inside
        _labels(drawing, number, borders, bands, row_rules, found)
        # 4. orthogonal, through no symbol, not alongside a rule, no shared lines between unrelated arrows
        _arrows(drawing, number, borders, row_rules, found)
        # 8. joint steps: one symbol per lane in the same row
        by_step: dict[int, list[Shape]] = defaultdict(list)
        for shape in drawing.shapes:
            if shape.step is not None:
                by_step[shape.step].append(shape)
        for step, shapes in by_step.items():
            if sorted(s.lane or 0 for s in shapes) != sorted(layout.sop.langkah[step].pelaksana):
                found["8 langkah bersama"].append(f"hal {number}: langkah {step + 1}")
    # 5. connectors in pairs on adjacent pages
    pages_of: dict[str, list[int]] = defaultdict(list)
    for number, drawing in _drawings(layout):
        for shape in drawing.shapes:
            if shape.kind == "offpage":
                pages_of[shape.letter or "?"].append(number)
    for letter, numbers in pages_of.items():
        if len(numbers) != 2 or abs(numbers[0] - numbers[1]) != 1:
            found["5 konektor berpasangan"].append(f"{letter}: halaman {numbers}")
    # 7. lane headers: one size, no word broken
    _headers(layout, found)
    return dict(found)


def _labels(drawing: Drawing, number: int, borders: list[float], bands: list[tuple[float, float]],
            row_rules: list[float], found: dict[str, list[str]]) -> None:
    for i, label in enumerate(drawing.labels):
        box = label.box
        where = f"hal {number}: {label.text!r}"
        if label.size_pt < MIN_LABEL_PT:
            found["3 label terlalu kecil"].append(where)
        in_band = any(top <= box[1] and box[3] <= bottom for top, bottom in bands)
        rules = [borders[0], borders[-1]] if in_band else borders
        if any(box[0] - 0.2 < x < box[2] + 0.2 for x in rules) or \
                any(box[1] - 0.2 < y < box[3] + 0.2 for y in row_rules):
            found["3 label menyentuh garis tabel"].append(where)
        if any(box_touches_shape(box, s) for s in drawing.shapes if not (s.kind == "offpage" and s.letter == label.text)):
            found["3 label menyentuh simbol"].append(where)
        if any(_overlap(box, other.box) for other in drawing.labels[i + 1:]):
            found["3 label bertumpuk"].append(where)
        if _is_connector_letter(drawing, label):
            continue
        if any(_through(a, b, box) for arrow in drawing.arrows for a, b in arrow.segments()):
            found["3 label menyentuh panah"].append(where)


def _is_connector_letter(drawing: Drawing, label: Label) -> bool:
    return any(s.kind == "offpage" and s.letter == label.text and _overlap(s.box, label.box) for s in drawing.shapes)


def _arrows(drawing: Drawing, number: int, borders: list[float], row_rules: list[float],
            found: dict[str, list[str]]) -> None:
    for arrow in drawing.arrows:
        where = f"hal {number}: panah {arrow.source + 1}→{arrow.target + 1}"
        for a, b in arrow.segments():
            vertical, horizontal = abs(a[0] - b[0]) < EPS, abs(a[1] - b[1]) < EPS
            if not (vertical or horizontal):
                found["4 panah miring"].append(where)
            for shape in drawing.shapes:
                own = shape.step in (arrow.source, arrow.target) or shape.kind == "offpage"
                x0, y0, x1, y1 = shape.box  # touching counts: a line along a vertex reads as entering
                if not own and _through(a, b, (x0 - SYMBOL_TOUCH, y0 - SYMBOL_TOUCH, x1 + SYMBOL_TOUCH, y1 + SYMBOL_TOUCH)):
                    found["4 panah menembus simbol"].append(where)
            length = abs(a[1] - b[1]) if vertical else abs(a[0] - b[0])
            if vertical and length > 3 and any(abs(a[0] - x) < RULE_GAP - 0.01 for x in borders):
                found["4 panah menempel garis lajur"].append(where)
            if horizontal and length > 3 and any(abs(a[1] - y) < RULE_GAP - 0.01 for y in row_rules):
                found["4 panah menempel garis baris"].append(where)
    for first, second in itertools.combinations(drawing.arrows, 2):
        if first.source == second.source or first.target == second.target:
            continue  # a fork trunk or a join trunk may be shared
        pair = f"hal {number}: {first.source + 1}→{first.target + 1} dan {second.source + 1}→{second.target + 1}"
        if _shares_line(first, second):
            found["4 panah berimpit"].append(pair)
        elif _shares_line(first, second, ARROW_GAP):
            found["4 panah berdempetan"].append(pair)


def _shares_line(first: Arrow, second: Arrow, gap: float = 0.3) -> bool:
    """Whether two arrows run side by side less than *gap* mm apart (0.3: on one line)."""
    for (p, q), (r, s) in itertools.product(first.segments(), second.segments()):
        for axis in (0, 1):
            other = 1 - axis
            if abs(p[axis] - q[axis]) < EPS and abs(r[axis] - s[axis]) < EPS and abs(p[axis] - r[axis]) < gap:
                lo, hi = sorted((p[other], q[other]))
                lo2, hi2 = sorted((r[other], s[other]))
                if min(hi, hi2) - max(lo, lo2) > 0.3:
                    return True
    return False


def _headers(layout: SheetLayout, found: dict[str, list[str]]) -> None:
    from generator.sheet import PAD_X_MM, header_pieces, wrap_text

    page = layout.pages[0]
    head = [cell for row in page.rows if row.kind == "head" for cell in row.cells if cell.key.startswith("lane")]
    sizes = {cell.font_pt or 8.0 for cell in head}
    if len(sizes) > 1:
        found["7 ukuran judul lajur berbeda"].append(str(sorted(sizes)))
    for cell in head:
        size = cell.font_pt or 8.0
        if size < 7.0:
            found["7 judul lajur < 7 pt"].append(f"{cell.text[0]!r}: {size} pt")
        column = next(c for c in layout.columns if c.key == cell.key)
        whole = set(header_pieces(cell.text[0]))
        for line in wrap_text(" ".join(whole and header_pieces(cell.text[0])), column.width - 2 * PAD_X_MM, size,
                              bold=True):
            broken = [word for word in line.split() if word not in whole]
            if broken:
                found["7 kata terpotong di judul lajur"].append(f"{cell.text[0]!r}: {broken}")
