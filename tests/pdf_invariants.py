"""The sheet invariants read back from a rendered PDF with pdfplumber, as a reader's tool sees the page.

:func:`pdf_violations` knows nothing of the layout objects: it finds the table rules, arrows,
arrowheads, symbols and words in the PDF by how they are drawn (``templates/overlay.svg.j2``:
rules 0.25 mm, arrows 0.3 mm, symbols 0.35 mm with white fill, arrowheads filled without a
stroke; branch labels set at 6–6.5 pt, connector letters at 7.5 pt bold), finds the Pelaksana
columns from the header words, and checks invariants 1–5 of the issue "The sheet holds on any
SOP". A rendering bug (a label drawn elsewhere than laid out, a path the SVG bends) shows here
even when :mod:`tests.invariants` passes on the model.
"""

from __future__ import annotations

import io
import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import pdfplumber

from generator.sheet import Shape, box_touches_shape, page_crossings

MM = 72 / 25.4
ARROW_GAP = 1.2
"""Two arrows closer than this (mm) side by side read as one double line."""
"""PDF points per mm."""
RULE_PT, ARROW_PT, SYMBOL_PT = 0.25 * MM, 0.3 * MM, 0.35 * MM
Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass
class PdfPage:
    """What one flowchart page shows, in PDF points from the page's top-left corner."""

    number: int
    rules_h: list[tuple[float, float, float]]  # y, x0, x1
    rules_v: list[tuple[float, float, float]]  # x, y0, y1
    arrows: list[list[Point]]
    heads: list[Box]
    symbols: list[tuple[Box, int]]  # box, number of path points (5 for a diamond, 6 for a pentagon)
    labels: list[tuple[str, Box]]  # branch label words
    letters: list[tuple[str, Box]]  # connector letters


def _width(obj: Mapping[str, object], target: float) -> bool:
    width = obj.get("linewidth")
    return isinstance(width, (int, float)) and abs(width - target) < 0.05 and bool(obj.get("stroke"))


def _points(obj: Mapping[str, object]) -> list[Point]:
    pts = obj.get("pts")
    if isinstance(pts, list) and pts:
        return [(float(x), float(y)) for x, y in pts]
    return [(float(obj["x0"]), float(obj["top"])), (float(obj["x1"]), float(obj["bottom"]))]  # type: ignore[arg-type]


def _box(obj: Mapping[str, object]) -> Box:
    return (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))  # type: ignore[arg-type]


def read_pages(pdf: bytes) -> list[PdfPage]:
    """Every page of *pdf* that carries flowchart symbols, read back."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            objects = [*page.lines, *page.curves, *page.rects]
            symbols = [(_box(o), len(_points(o))) for o in objects if _width(o, SYMBOL_PT)]
            if not symbols:
                continue
            rules_h, rules_v = [], []
            for obj in objects:
                if not _width(obj, RULE_PT):
                    continue
                for (x0, y0), (x1, y1) in itertools.pairwise(_points(obj)):
                    if abs(y0 - y1) < 0.05:
                        rules_h.append((y0, min(x0, x1), max(x0, x1)))
                    elif abs(x0 - x1) < 0.05:
                        rules_v.append((x0, min(y0, y1), max(y0, y1)))
            if not rules_v or not rules_h:
                continue
            frame = (min(x for x, _, _ in rules_v), min(y for y, _, _ in rules_h),
                     max(x for x, _, _ in rules_v), max(y for y, _, _ in rules_h))  # the flowchart table
            arrows = [pts for o in objects if _width(o, ARROW_PT)
                      for pts in [_points(o)] if any(_near_box(pt, frame, 0.0) for pt in pts)]
            heads = [_box(o) for o in page.curves if not o.get("stroke") and o.get("fill")
                     and o.get("non_stroking_color") in ((0.0, 0.0, 0.0), (0,), 0, [0])]
            backs = [_box(o) for o in page.rects if not o.get("stroke") and o.get("fill")
                     and o.get("non_stroking_color") in ((1.0, 1.0, 1.0), (1,), 1, [1])
                     and float(o["bottom"]) - float(o["top"]) < 3.5 * MM]  # label backings, one line high
            words = page.extract_words(extra_attrs=["size", "fontname"])
            labels = [(w["text"], _box(w)) for w in words
                      if w["size"] < 6.7 and any(_overlap(_box(w), back) for back in backs)]
            pentagons = [box for box, corners in symbols if corners == 6]
            letters = [(w["text"], _box(w)) for w in words if abs(w["size"] - 7.5) < 0.1
                       and any(_overlap(_box(w), box) for box in pentagons)]
            pages.append(PdfPage(number, rules_h, rules_v, arrows, heads, symbols, labels, letters))
    return pages


def _overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and a[2] > b[0] - pad and a[1] < b[3] + pad and a[3] > b[1] - pad


def _through(a: Point, b: Point, box: Box, inset: float) -> bool:
    lo_x, hi_x = sorted((a[0], b[0]))
    lo_y, hi_y = sorted((a[1], b[1]))
    return lo_x < box[2] - inset and hi_x > box[0] + inset and lo_y < box[3] - inset and hi_y > box[1] + inset


def _near_box(point: Point, box: Box, distance: float) -> bool:
    return box[0] - distance <= point[0] <= box[2] + distance and box[1] - distance <= point[1] <= box[3] + distance


def _outline(box: Box, corners: int) -> Shape:
    """A symbol box as a routing :class:`Shape`, a diamond (4 corners + closing point) by its outline."""
    kind = "decision" if corners == 5 else "process"
    return Shape(kind, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, box[2] - box[0], box[3] - box[1])


def pelaksana_bounds(page: PdfPage, pdf: bytes, kegiatan: str, kelengkapan: str) -> tuple[float, float]:
    """The x (pt) of the rules that bound the Pelaksana columns, found right of the Kegiatan header
    word and left of the Kelengkapan header word."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = document.pages[page.number - 1].extract_words()
    first = next(w for w in words if w["text"] == kegiatan.split()[0])
    last = next(w for w in words if w["text"] == kelengkapan.split()[0])
    xs = sorted({round(x, 2) for x, _, _ in page.rules_v})
    return min(x for x in xs if x > first["x1"]), max(x for x in xs if x < last["x0"])


def pdf_violations(pdf: bytes, kegiatan: str = "Kegiatan", kelengkapan: str = "Kelengkapan") -> dict[str, list[str]]:
    """Every broken invariant in the flowchart pages of *pdf*: ``{invariant: [where]}``.

    *kegiatan* and *kelengkapan* are the printed headers of those columns (a sheet may rename them).
    """
    found: dict[str, list[str]] = defaultdict(list)
    pages = read_pages(pdf)
    letter_pages: dict[str, list[int]] = defaultdict(list)
    for page in pages:
        left, right = pelaksana_bounds(page, pdf, kegiatan, kelengkapan)
        where = f"hal {page.number}"
        # 1. inside the Pelaksana columns
        items = [("simbol", box) for box, _ in page.symbols] + [("kepala panah", box) for box in page.heads]
        items += [(f"label {text!r}", box) for text, box in page.labels + page.letters]
        items += [("panah", (x, y, x, y)) for arrow in page.arrows for x, y in arrow]
        for what, box in items:
            if box[0] < left - 0.3 or box[2] > right + 0.3:
                found["1 di luar kolom Pelaksana"].append(f"{where}: {what}")
        lanes_v = [r for r in page.rules_v if left + 0.5 < r[0] < right - 0.5]
        # 2. step symbols centred in their lane, inside their row
        for box, corners in page.symbols:
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            borders = sorted([left, right] + [x for x, y0, y1 in lanes_v if y0 < cy < y1])
            if len(borders) == 2 and lanes_v and corners == 6:
                continue  # a connector in a band (one merged cell)
            lane = next(((a, b) for a, b in itertools.pairwise(borders) if a < cx < b), None)
            if lane is None or abs(cx - (lane[0] + lane[1]) / 2) > 1.0 * MM:
                found["2 simbol tidak di tengah"].append(f"{where}: ({cx / MM:.1f}, {cy / MM:.1f}) mm")
            if any(box[0] < x1 and box[2] > x0 and box[1] + 0.3 < y < box[3] - 0.3 for y, x0, x1 in page.rules_h):
                found["2 simbol tidak di dalam barisnya"].append(f"{where}: ({cx / MM:.1f}, {cy / MM:.1f}) mm")
        # 3. labels clear of rules, arrows, symbols and each other
        for index, (text, box) in enumerate(page.labels):
            at = f"{where}: {text!r}"
            if any(box[0] - 0.5 < x < box[2] + 0.5 and y0 < box[3] and y1 > box[1] for x, y0, y1 in page.rules_v) or \
                    any(box[1] - 0.5 < y < box[3] + 0.5 and x0 < box[2] and x1 > box[0] for y, x0, x1 in page.rules_h):
                found["3 label menyentuh garis tabel"].append(at)
            if any(_through(a, b, box, 0.0) for arrow in page.arrows for a, b in itertools.pairwise(arrow)):
                found["3 label menyentuh panah"].append(at)
            if any(box_touches_shape(box, _outline(symbol, corners)) for symbol, corners in page.symbols):
                found["3 label menyentuh simbol"].append(at)
            if any(_overlap(box, other) for _, other in page.labels[index + 1:]):
                found["3 label bertumpuk"].append(at)
        # 4. orthogonal, through no symbol, not along a rule, no shared lines
        for arrow in page.arrows:
            ends = (arrow[0], arrow[-1])
            for a, b in itertools.pairwise(arrow):
                vertical, horizontal = abs(a[0] - b[0]) < 0.1, abs(a[1] - b[1]) < 0.1
                if not (vertical or horizontal):
                    found["4 panah miring"].append(f"{where}: {a}–{b}")
                for box, _ in page.symbols:
                    own = any(_near_box(end, box, 3.0 * MM) for end in ends)
                    if not own and _through(a, b, box, -0.5 * MM):  # touching a vertex counts
                        found["4 panah menembus simbol"].append(f"{where}: {a}–{b}")
                length = abs(a[1] - b[1]) + abs(a[0] - b[0])
                if length > 3 * MM and vertical and any(
                        abs(a[0] - x) < 1.5 * MM - 0.3 and y0 < max(a[1], b[1]) and y1 > min(a[1], b[1])
                        for x, y0, y1 in page.rules_v):
                    found["4 panah menempel garis lajur"].append(f"{where}: {a}–{b}")
                if length > 3 * MM and horizontal and any(
                        abs(a[1] - y) < 1.5 * MM - 0.3 and x0 < max(a[0], b[0]) and x1 > min(a[0], b[0])
                        for y, x0, x1 in page.rules_h):
                    found["4 panah menempel garis baris"].append(f"{where}: {a}–{b}")
        for first, second in itertools.combinations(page.arrows, 2):
            if _close(first[0], second[0]) or _close(first[-1], second[-1]):
                continue  # a fork trunk or a join trunk
            if _shares_line(first, second):
                found["4 panah berimpit"].append(f"{where}: {first[0]} dan {second[0]}")
            elif _shares_line(first, second, ARROW_GAP):
                found["4 panah berdempetan"].append(f"{where}: {first[0]} dan {second[0]}")
        # 5. every arrow starts at a symbol and ends in an arrowhead on a symbol
        for arrow in page.arrows:
            if not any(_near_box(arrow[0], box, 0.3) for box, _ in page.symbols):
                found["5 panah tanpa asal"].append(f"{where}: {arrow[0]}")
            head = next((h for h in page.heads if _near_box(arrow[-1], h, 0.3)), None)
            if head is None or not any(_overlap(head, box, 0.3) for box, _ in page.symbols):
                found["5 panah tanpa kepala pada simbol"].append(f"{where}: {arrow[-1]}")
        for text, _ in page.letters:
            letter_pages[text].append(page.number)
    for letter, numbers in letter_pages.items():
        if len(numbers) != 2 or abs(numbers[0] - numbers[1]) != 1:
            found["5 konektor berpasangan"].append(f"{letter}: halaman {numbers}")
    return dict(found)


def pdf_crossings(pdf: bytes) -> int:
    """Arrow–arrow crossings over the flowchart pages of *pdf* (forks, joins and buses do not count)."""
    return sum(page_crossings(page.arrows, tolerance=0.3 * MM) for page in read_pages(pdf))


def _close(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) < 0.3 and abs(a[1] - b[1]) < 0.3


def _shares_line(first: list[Point], second: list[Point], gap: float = 0.3) -> bool:
    """Whether two arrows run side by side less than *gap* mm apart (0.3: on one line)."""
    for (p, q), (r, s) in itertools.product(itertools.pairwise(first), itertools.pairwise(second)):
        for axis in (0, 1):
            other = 1 - axis
            if abs(p[axis] - q[axis]) < 0.1 and abs(r[axis] - s[axis]) < 0.1 and abs(p[axis] - r[axis]) < gap * MM:
                lo, hi = sorted((p[other], q[other]))
                lo2, hi2 = sorted((r[other], s[other]))
                if min(hi, hi2) - max(lo, lo2) > 0.3 * MM:
                    return True
    return False
