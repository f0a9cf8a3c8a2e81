"""The drawings of a Word table: symbols, connectors and text boxes, and the flow they draw.

A table cell (``w:tc``) may hold DrawingML objects (``wp:inline`` in the text, ``wp:anchor``
floating, a ``wps:wsp`` shape) and VML ones (``w:pict`` with ``v:rect``, ``v:roundrect``,
``v:shape``, ``v:line``…); Word writes both for one shape inside ``mc:AlternateContent``, where
only the DrawingML choice is read. :func:`drawings` gives each as a :class:`Drawn`: its kind
(a symbol, an off-page connector, a connector line, a text box), alternative text, text,
offset from what it is positioned against, size, and for a connector its path and glue.

:class:`TableFrame` places them in one frame per table (mm from the table's top-left corner):
columns from the table grid (``w:tblGrid``), rows from their heights (``w:trHeight``; without a
height on every row, only horizontal positions are known). :class:`FlowReader` then reads the
arrows: each connector's ends are the symbols it is glued to (``a:stCxn``/``a:endCxn``) or, by
geometry, the symbols its end points touch; an end on another connector joins that one; lettered
off-page connectors pair up across pages. Lengths in mm unless said.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

__all__ = ["Drawn", "FlowReader", "TableFrame", "branch_kind", "drawings", "kind_of"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
_WPC = "{http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas}"
_V = "{urn:schemas-microsoft-com:vml}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
EMU_PER_MM = 36000.0
TWIPS_PER_MM = 1440 / 25.4
SYMBOLS = ("terminator", "process", "decision")
Point = tuple[float, float]
Box = tuple[float, float, float, float]


def kind_of(xml: str) -> str:
    """The symbol a shape's XML draws: ``decision``, ``terminator``, ``offpage`` or ``process``.

    >>> kind_of('<a:prstGeom prst="flowChartDecision"/>'), kind_of('<v:roundrect arcsize="0.5"/>')
    ('decision', 'terminator')
    """
    if re.search(r'prst="(?:flowChartDecision|diamond)"|o:spt="110"|_x0000_t110', xml):
        return "decision"
    if re.search(r'prst="(?:flowChartTerminator|roundRect|flowChartAlternateProcess)"|<v:roundrect\b|o:spt="116"'
                 r'|_x0000_t116', xml):
        return "terminator"
    if re.search(r'prst="(?:flowChartOffpageConnector|homePlate|pentagon)"|o:spt="177"|_x0000_t177', xml):
        return "offpage"
    return "process"


@dataclass
class Drawn:
    """One drawn object of a cell.

    ``kind``: a symbol (``terminator``, ``process``, ``decision``), ``offpage``, ``connector``,
    ``text``, or ``group`` (a drawing canvas: its shapes sit in its own coordinate frame and are
    not read; a group's members are read, each placed by the group's transform).
    ``h_from``/``v_from``: what its offset (``dx``, ``dy``, mm) is measured from (``column``,
    ``margin``, ``page``, ``paragraph``…), ``None`` for an inline object or an unknown base.
    ``w``, ``h``: size (mm). ``path``: a connector's points (mm from its box's corner, drawing
    order), ``head_at_start`` when only its start has an arrowhead; ``glue``: the ids of the
    objects its start and end are glued to.
    """

    kind: str
    ident: str | None = None
    alt: str = ""
    text: str = ""
    h_from: str | None = None
    v_from: str | None = None
    dx: float = 0.0
    dy: float = 0.0
    w: float = 0.0
    h: float = 0.0
    path: list[Point] = field(default_factory=list)
    head_at_start: bool = False
    glue: tuple[str | None, str | None] = (None, None)


def _texts(element: Any) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{_W}t")).strip()


def _drawingml(holder: Any) -> list[Drawn]:
    """A ``wp:anchor`` or ``wp:inline`` as :class:`Drawn` objects: one shape, or every member of a group.

    A group's members (``wpg:wgp``) are placed by its transform (:func:`_members`); a drawing
    canvas (``wpc:wpc``) is one ``group`` object, not read. A picture or a chart gives nothing.
    """
    doc = holder.find(f"{_WP}docPr")
    extent = holder.find(f"{_WP}extent")
    ident = doc.get("id") if doc is not None else None
    if holder.find(f".//{_WPC}wpc") is not None:
        return [Drawn("group", ident)]  # a canvas: shapes in its own frame, not read
    if extent is None:
        return []
    place = Drawn("group", ident, w=int(extent.get("cx", "0")) / EMU_PER_MM, h=int(extent.get("cy", "0")) / EMU_PER_MM)
    if holder.tag == f"{_WP}anchor":
        for axis in ("H", "V"):
            position = holder.find(f"{_WP}position{axis}")
            offset = position.find(f"{_WP}posOffset") if position is not None else None
            if position is not None and offset is not None and offset.text:
                base, value = position.get("relativeFrom"), int(offset.text) / EMU_PER_MM
                if axis == "H":
                    place.h_from, place.dx = base, value
                else:
                    place.v_from, place.dy = base, value
    group = holder.find(f".//{_WPG}wgp")
    if group is not None:
        found: list[Drawn] = []
        _members(group, place, found)
        return found
    shape = holder.find(f".//{_WPS}wsp")
    if shape is None:
        return []
    alt = " ".join(filter(None, (doc.get("title"), doc.get("descr")))) if doc is not None else ""
    return [_shape(shape, Drawn("process", ident, alt, h_from=place.h_from, v_from=place.v_from, dx=place.dx,
                                dy=place.dy, w=place.w, h=place.h))]


def _members(group: Any, place: Drawn, found: list[Drawn]) -> None:
    """Every shape of *group* (drawn over *place*'s box), placed by the group's transform.

    A group's ``a:xfrm`` maps its children's coordinate space (``a:chOff``, ``a:chExt``, EMU) onto
    its own box (ECMA-376 Part 1, §20.1.7.5); nested groups compose. A member's identity and
    alternative text are its own ``wps:cNvPr`` (the connectors' glue names them).
    """
    props = group.find(f"{_WPG}grpSpPr")
    xfrm = props.find(f"{_A}xfrm") if props is not None else None
    ch_off = xfrm.find(f"{_A}chOff") if xfrm is not None else None
    ch_ext = xfrm.find(f"{_A}chExt") if xfrm is not None else None
    ox, oy = (int(ch_off.get("x", "0")), int(ch_off.get("y", "0"))) if ch_off is not None else (0, 0)
    cx, cy = (int(ch_ext.get("cx", "0")), int(ch_ext.get("cy", "0"))) if ch_ext is not None else (0, 0)

    def placed(element: Any, kind: str, ident: str | None, alt: str) -> Drawn:
        own = element.find(f"{_A}xfrm") if element is not None else None
        off = own.find(f"{_A}off") if own is not None else None
        ext = own.find(f"{_A}ext") if own is not None else None
        drawn = Drawn(kind, ident, alt, h_from=place.h_from, v_from=place.v_from, dx=place.dx, dy=place.dy,
                      w=place.w, h=place.h)
        if off is not None and ext is not None and cx > 0 and cy > 0:
            sx, sy = place.w / cx, place.h / cy
            drawn.dx += (int(off.get("x", "0")) - ox) * sx
            drawn.dy += (int(off.get("y", "0")) - oy) * sy
            drawn.w, drawn.h = int(ext.get("cx", "0")) * sx, int(ext.get("cy", "0")) * sy
        return drawn

    for child in group:
        if child.tag == f"{_WPS}wsp":
            names = child.find(f"{_WPS}cNvPr")
            ident = names.get("id") if names is not None else None
            alt = " ".join(filter(None, (names.get("title"), names.get("descr")))) if names is not None else ""
            found.append(_shape(child, placed(child.find(f"{_WPS}spPr"), "process", ident, alt)))
        elif child.tag == f"{_WPG}grpSp":
            _members(child, placed(child.find(f"{_WPG}grpSpPr"), "group", None, ""), found)


def _shape(shape: Any, drawn: Drawn) -> Drawn:
    """*drawn* (placed and sized) given the kind, text, glue and path of the ``wps:wsp`` *shape*."""
    xml = etree.tostring(shape, encoding="unicode")
    box = shape.find(f"{_WPS}txbx")
    drawn.text = _texts(box) if box is not None else ""
    connection = shape.find(f"{_WPS}cNvCnPr")
    geometry = shape.find(f".//{_A}prstGeom")
    preset = geometry.get("prst", "") if geometry is not None else ""
    if connection is not None or re.search(r"Connector\d|^line$", preset):
        drawn.kind = "connector"
        drawn.glue = tuple(  # type: ignore[assignment]
            (e.get("id") if (e := connection.find(f"{_A}{tag}")) is not None else None) if connection is not None
            else None for tag in ("stCxn", "endCxn"))
        drawn.path = _path(shape, drawn.w, drawn.h)
        line = shape.find(f".//{_A}ln")
        ends = {tag: (e.get("type", "none") if (e := line.find(f"{_A}{tag}")) is not None else "none")
                if line is not None else "none" for tag in ("headEnd", "tailEnd")}
        drawn.head_at_start = ends["headEnd"] != "none" and ends["tailEnd"] == "none"
    elif shape.find(f"{_WPS}cNvSpPr[@txBox='1']") is not None or (drawn.text and preset in ("", "rect")
                                                                    and "<a:noFill/></a:ln>" in xml):
        drawn.kind = "text"
    else:
        drawn.kind = kind_of(xml)
    return drawn


def _path(shape: Any, w: float, h: float) -> list[Point]:
    """A connector's points (mm from its box's corner): its custom path, else corner to corner."""
    form = shape.find(f".//{_A}xfrm")
    flip_h = form is not None and form.get("flipH") == "1"
    flip_v = form is not None and form.get("flipV") == "1"
    path = shape.find(f".//{_A}path")
    points: list[Point] = []
    if path is not None:
        pw, ph = float(path.get("w") or 0), float(path.get("h") or 0)
        for pt in path.iter(f"{_A}pt"):
            x, y = float(pt.get("x", "0")), float(pt.get("y", "0"))
            points.append((x / pw * w if pw else 0.0, y / ph * h if ph else 0.0))
    if len(points) < 2:
        points = [(0.0, 0.0), (w, h)]
    return [(w - x if flip_h else x, h - y if flip_v else y) for x, y in points]


_UNITS = {"pt": 25.4 / 72, "in": 25.4, "mm": 1.0, "cm": 10.0, "px": 25.4 / 96, "": 25.4 / 72 / 20}


def _length(text: str) -> float:
    """A VML length in mm ("40pt", "1.5in"; a bare number is in twips' EMU-free VML units, pt/20)."""
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", text)
    return float(match.group(1)) * _UNITS.get(match.group(2), 0.0) if match else 0.0


def _vml(element: Any) -> Drawn | None:
    """A VML shape (``v:rect``, ``v:roundrect``, ``v:shape``, ``v:line``, ``v:oval``…) as a :class:`Drawn`."""
    tag = etree.QName(element).localname
    style = dict(item.split(":", 1) for item in (element.get("style") or "").replace(" ", "").split(";")
                 if ":" in item)
    xml = etree.tostring(element, encoding="unicode")
    box = element.find(f"{_V}textbox")
    drawn = Drawn("process", element.get("id"), element.get("alt") or element.get("title") or "",
                  _texts(box) if box is not None else "", w=_length(style.get("width", "0")),
                  h=_length(style.get("height", "0")))
    if style.get("position") == "absolute":
        relative = {"page": "page", "margin": "margin", "text": "column", "char": "column"}
        drawn.h_from = relative.get(style.get("mso-position-horizontal-relative", "text"), "column")
        drawn.v_from = {"page": "page", "margin": "margin"}.get(style.get("mso-position-vertical-relative", "text"),
                                                                  "paragraph")
        drawn.dx, drawn.dy = _length(style.get("margin-left", "0")), _length(style.get("margin-top", "0"))
    if tag in ("line", "polyline") or re.search(r'_x0000_t3[234]|o:connectortype', xml):
        drawn.kind = "connector"
        if tag == "line":
            start = [_length(v) for v in (element.get("from") or "0,0").split(",")]
            end = [_length(v) for v in (element.get("to") or "0,0").split(",")]
            x0, y0 = min(start[0], end[0]), min(start[1], end[1])
            drawn.dx, drawn.dy = drawn.dx + x0, drawn.dy + y0
            drawn.w, drawn.h = abs(end[0] - start[0]), abs(end[1] - start[1])
            drawn.path = [(start[0] - x0, start[1] - y0), (end[0] - x0, end[1] - y0)]
        elif tag == "polyline" and len(values := [_length(v) for v in (element.get("points") or "").split(",")
                                                   if v.strip()]) >= 4:
            points = list(zip(values[0::2], values[1::2], strict=False))  # positions, as v:line's from/to
            x0, y0 = min(x for x, _ in points), min(y for _, y in points)
            drawn.dx, drawn.dy = drawn.dx + x0, drawn.dy + y0
            drawn.w, drawn.h = max(x for x, _ in points) - x0, max(y for _, y in points) - y0
            drawn.path = [(x - x0, y - y0) for x, y in points]
        else:
            drawn.path = [(0.0, 0.0), (drawn.w, drawn.h)]
        stroke = element.find(f"{_V}stroke")
        drawn.head_at_start = stroke is not None and stroke.get("startarrow", "none") != "none" \
            and stroke.get("endarrow", "none") == "none"
    elif (tag == "shape" and element.get("type", "").endswith("202")) or \
            (tag == "rect" and box is not None and element.get("stroked") == "f"):
        drawn.kind = "text"  # type 202: a text box
    else:
        drawn.kind = kind_of(xml)
    return drawn


def drawings(tc: Any) -> list[Drawn]:
    """Every drawn object of the table cell element *tc*, in document order."""
    found: list[Drawn] = []
    for element in tc.iter(f"{_WP}anchor", f"{_WP}inline", f"{_V}*"):
        if any(etree.QName(up).localname == "Fallback" and up.tag.startswith(_MC) for up in element.iterancestors()):
            continue  # Word's VML copy of a DrawingML shape
        if element.tag.startswith(_V):
            if etree.QName(element).localname not in ("rect", "roundrect", "shape", "line", "polyline", "oval") or \
                    any(up.tag.startswith(_V) for up in element.iterancestors()):
                continue
            drawn = _vml(element)
            if drawn is not None:
                found.append(drawn)
        else:
            found += _drawingml(element)
    return found


def branch_kind(text: str) -> str | None:
    """``ya`` or ``tidak`` for a branch label or an arrow's alternative text, else ``None``.

    >>> [branch_kind(t) for t in ("Ya", "TIDAK", "Tidak setuju", "Disetujui", "Panah … (Tidak)", "A")]
    ['ya', 'tidak', 'tidak', 'ya', 'tidak', None]
    """
    words = re.findall(r"[a-z]+", text.lower())
    no = {"tidak", "belum", "ditolak", "tolak", "kurang", "salah", "revisi", "no"}
    yes = {"ya", "disetujui", "setuju", "lengkap", "sesuai", "benar", "sah", "valid", "diterima", "yes"}
    for word in words:
        if word in no:
            return "tidak"
    return "ya" if any(word in yes for word in words) else None


@dataclass
class TableFrame:
    """One table's frame (mm from its top-left corner): column edges and, when every row has a height, row tops.

    ``page_left``: the left margin (mm), for objects positioned from the page.
    """

    edges: list[float]
    tops: list[float] | None
    page_left: float

    @classmethod
    def of(cls, table: Any, page_left_mm: float) -> TableFrame:
        """The frame of a python-docx *table*: ``w:gridCol`` widths and ``w:trHeight`` values (twips)."""
        edges = [0.0]
        grid = table._tbl.find(f"{_W}tblGrid")
        for column in grid.findall(f"{_W}gridCol") if grid is not None else ():
            edges.append(edges[-1] + int(column.get(f"{_W}w") or 0) / TWIPS_PER_MM)
        tops: list[float] | None = [0.0]
        for tr in table._tbl.findall(f"{_W}tr"):
            height = tr.find(f"{_W}trPr/{_W}trHeight")
            if height is None or tops is None:
                tops = None
                continue
            tops.append(tops[-1] + int(height.get(f"{_W}val") or 0) / TWIPS_PER_MM)
        return cls(edges, tops, page_left_mm)

    def box(self, drawn: Drawn, row: int, col: int, span: int) -> Box | None:
        """*drawn*'s box in the frame, for an object of row *row*'s cell at grid columns col…col+span-1.

        An inline object is taken as centred in its cell. ``None`` when its place is unknown.
        """
        if col + span >= len(self.edges):
            return None
        left, right = self.edges[col], self.edges[col + span]
        top = self.tops[row] if self.tops is not None and row + 1 < len(self.tops) else None
        bottom = self.tops[row + 1] if top is not None and self.tops is not None else None
        if drawn.h_from is None:
            x0 = (left + right - drawn.w) / 2 if drawn.v_from is None else None
        else:
            x0 = {"column": left, "character": left, "margin": 0.0, "page": -self.page_left,
                  "leftMargin": -self.page_left}.get(drawn.h_from, left) + drawn.dx
        if x0 is None:
            return None
        if top is None or bottom is None:
            return (x0, math.nan, x0 + drawn.w, math.nan)
        if drawn.v_from is None:
            y0 = (top + bottom - drawn.h) / 2
        elif drawn.v_from in ("paragraph", "line"):
            y0 = top + drawn.dy
        else:
            return (x0, math.nan, x0 + drawn.w, math.nan)
        return (x0, y0, x0 + drawn.w, y0 + drawn.h)


LABEL_REACH = 8.0
"""How far (mm) a branch label may be from its exit's ray."""
RAY_MM = 40.0
"""How far (mm) an exit's ray is carried on from its start."""
LABEL_ROW = 10.0
"""How far (mm) above or below its exit a branch label may be: it stays in its decision's row."""


def _ray(points: list[Point]) -> tuple[Point, Point]:
    """The exit's ray of a line: from its start along its first segment's direction, :data:`RAY_MM` long."""
    (x1, y1), (x2, y2) = points[0], next((p for p in points[1:] if p != points[0]), points[0])
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    return (x1, y1), (x1 + (x2 - x1) / length * RAY_MM, y1 + (y2 - y1) / length * RAY_MM)


def _segment_to_box(a: Point, b: Point, box: Box) -> float:
    """Distance (mm) from the segment *a*–*b* to the rectangle *box* (0 when they meet).

    >>> _segment_to_box((0, 0), (10, 0), (4, 1, 6, 2)), _segment_to_box((0, 0), (10, 0), (4, -1, 6, 2))
    (1.0, 0.0)
    """
    x0, y0, x1, y1 = box
    low, high = 0.0, 1.0  # Liang–Barsky: the part of the segment inside the box, if any
    for p, q in ((a[0] - b[0], a[0] - x0), (b[0] - a[0], x1 - a[0]),
                 (a[1] - b[1], a[1] - y0), (b[1] - a[1], y1 - a[1])):
        if p == 0:
            if q < 0:
                break
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    else:
        if low <= high:
            return 0.0
    corners = ((x0, y0), (x0, y1), (x1, y0), (x1, y1))
    return min(_distance(a, box), _distance(b, box), *(_on_segment(c, a, b) for c in corners))


def _distance(point: Point, box: Box) -> float:
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def _on_segment(point: Point, a: Point, b: Point) -> float:
    """Distance (mm) from *point* to the segment *a*–*b*."""
    (x, y), (x1, y1), (x2, y2) = point, a, b
    length = (x2 - x1) ** 2 + (y2 - y1) ** 2
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / length))
    return math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1)))


Node = tuple[str, str]
"""A place arrows join: ``("step", "5")`` (step 5's symbols) or ``("off", "A")`` (connector pair A)."""


@dataclass
class _Line:
    table: int
    points: list[Point]
    glue: tuple[str | None, str | None]
    alt: str
    start: Node | None = None
    end: Node | None = None
    joins: int | None = None


@dataclass
class FlowReader:
    """Collects a document's symbols, connectors and labels, then reads the arrows they draw.

    Feed it with :meth:`symbol` and :meth:`drawn` while walking the flowchart tables, then ask
    :meth:`targets`. ``tolerance``: how far (mm) a connector's end may be from the symbol it
    touches.
    """

    tolerance: float = 1.5
    nodes: dict[str, Node] = field(default_factory=dict)
    boxes: list[tuple[int, Node, Box]] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)
    labels: list[tuple[int, str, Box]] = field(default_factory=list)
    offpage: list[tuple[int, Drawn, Box | None]] = field(default_factory=list)

    def symbol(self, table: int, node: Node, drawn: Drawn, box: Box | None) -> None:
        """A step's symbol at *box* (frame of table number *table*), or an off-page connector's."""
        if drawn.ident:
            self.nodes[drawn.ident] = node
        if box is not None and not math.isnan(box[1]):
            self.boxes.append((table, node, box))

    def drawn(self, table: int, drawn: Drawn, box: Box | None) -> None:
        """A connector, a text box or an off-page connector found in table number *table*."""
        placed = box is not None and not math.isnan(box[1])
        if drawn.kind == "connector":
            points = [(box[0] + x, box[1] + y) for x, y in drawn.path] if box is not None and placed else []
            if drawn.head_at_start:
                points.reverse()
            glue = drawn.glue[::-1] if drawn.head_at_start else drawn.glue
            self.lines.append(_Line(table, points, glue, drawn.alt))
        elif drawn.kind == "text" and placed and box is not None:
            self.labels.append((table, drawn.text or drawn.alt, box))
        elif drawn.kind == "offpage":
            self.offpage.append((table, drawn, box if placed else None))

    def _letters(self) -> None:
        """Name each off-page connector by its letter: its text, its alternative text, or a label on it."""
        for table, drawn, box in self.offpage:
            letter = drawn.text.strip() or (m.group(1) if (m := re.search(r"\b([A-Z]{1,2})\s*$", drawn.alt)) else "")
            if not letter and box is not None:
                inside = [text for t, text, b in self.labels if t == table and _distance(
                    ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2), box) == 0]
                letter = inside[0].strip() if inside else ""
            if letter:
                self.symbol(table, ("off", letter.upper()), drawn, box)

    def _touching(self, table: int, point: Point, reach: float) -> Node | None:
        """The node whose symbol lies within *reach* (mm) of *point*, the nearest."""
        near = [(_distance(point, box), node) for t, node, box in self.boxes if t == table]
        best = min(near, default=None)
        return best[1] if best is not None and best[0] <= reach else None

    def _on_line(self, line: _Line, point: Point) -> int | None:
        """The index of another line of *line*'s table passing through *point* (0.3 mm), if any."""
        return next((k for k, other in enumerate(self.lines) if other is not line and other.table == line.table
                     and any(_on_segment(point, a, b) < 0.3 for a, b in zip(other.points, other.points[1:],
                                                                            strict=False))), None)

    def _resolve(self) -> None:
        """Give every line its start and end node.

        Glued ends first; then a point on a symbol's outline (0.3 mm); else a start on another
        line continues that line and an end on another line joins it; else the symbol the point
        comes near (:attr:`tolerance`).
        """
        self._letters()
        for line in self.lines:
            glued = [self.nodes.get(g or "") for g in line.glue]
            line.start, line.end = glued
            if not line.points:
                continue
            first, last = line.points[0], line.points[-1]
            if line.start is None:
                line.start = self._touching(line.table, first, 0.3)
                if line.start is None and self._on_line(line, first) is None:  # not a line's continuation
                    line.start = self._touching(line.table, first, self.tolerance)
            if line.end is None:
                line.end = self._touching(line.table, last, 0.3)
            if line.end is None:
                line.joins = self._on_line(line, last)
                if line.joins is None:
                    line.end = self._touching(line.table, last, self.tolerance)
        for _ in range(len(self.lines)):
            for line in self.lines:
                if line.end is None and line.joins is not None:
                    line.end = self.lines[line.joins].end

    def _labels(self, lines: list[_Line]) -> list[str | None]:
        """``ya``/``tidak`` for each of one symbol's outgoing *lines*.

        An arrow's alternative text decides. Otherwise the branch labels near the lines' exits
        are paired with them: a label sits in its decision's row beside its exit's ray (the
        first segment, carried on outward), so the pairing with the least total distance from label to ray wins, one
        label per line and, for a decision's two exits, one Ya and one Tidak.
        """
        kinds = [branch_kind(line.alt) for line in lines]
        open_lines = [k for k, line in enumerate(lines) if kinds[k] is None and len(line.points) > 1]
        rays = {k: _ray(lines[k].points) for k in open_lines}
        near = sorted({j for k in open_lines for j, (t, text, box) in enumerate(self.labels)
                       if t == lines[k].table and branch_kind(text) is not None
                       and abs((box[1] + box[3]) / 2 - lines[k].points[0][1]) <= LABEL_ROW
                       and _segment_to_box(*rays[k], box) <= LABEL_REACH},
                      key=lambda j: min(_segment_to_box(*rays[k], self.labels[j][2]) for k in open_lines))[:6]
        far = {(k, j): _segment_to_box(*rays[k], self.labels[j][2]) for k in open_lines for j in near}
        best: tuple[float, tuple[int | None, ...]] = (math.inf, ())
        if len(open_lines) > 3:  # not a decision's two exits: left unlabelled (pairing them all would explode)
            return kinds
        for chosen in itertools.permutations([*near, *[None] * len(open_lines)], len(open_lines)):
            said = [branch_kind(self.labels[j][1]) for j in chosen if j is not None]
            if len(said) != len(set(said)):
                continue  # two exits of one decision are one Ya and one Tidak
            cost = sum(LABEL_REACH if j is None else far[(k, j)] for k, j in zip(open_lines, chosen, strict=True))
            if cost < best[0]:
                best = (cost, chosen)
        for k, j in zip(open_lines, best[1], strict=False):
            if j is not None:
                kinds[k] = branch_kind(self.labels[j][1])
        return kinds

    def targets(self) -> dict[int, list[tuple[int, str | None]]]:
        """Per step number, the step numbers its arrows lead to, each with ``ya``/``tidak`` when known.

        Arrows are followed through lettered off-page pairs and joins; the branch is what the
        arrow's alternative text or the label by its first segment says.
        """
        self._resolve()
        found: dict[int, list[tuple[int, str | None]]] = {}
        starts: dict[Node, list[_Line]] = {}
        for line in self.lines:
            if line.start is not None and line.start[0] == "step":
                starts.setdefault(line.start, []).append(line)
        for node, lines in starts.items():
            pairs = found.setdefault(int(node[1]), [])
            for line, kind in zip(lines, self._labels(lines), strict=True):
                for target in self._follow(line.end, set()):
                    if target != int(node[1]) and (target, kind) not in pairs:
                        pairs.append((target, kind))
        return found

    def _follow(self, node: Node | None, seen: set[Node]) -> Iterator[int]:
        if node is None or node in seen:
            return
        if node[0] == "step":
            yield int(node[1])
            return
        seen.add(node)
        for line in self.lines:
            if line.start == node:
                yield from self._follow(line.end, seen)
