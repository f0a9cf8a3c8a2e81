"""Stage 4, the official sheet: paper and columns, the grid of rows and pages, the flowchart drawing.

Offers :func:`layout_sop` (a validated :class:`generator.model.Sop` → a routed
:class:`SheetLayout`, mm from the table's top-left corner), :func:`fit_problems` (what cannot fit
the paper), :func:`load_checked` (what ``sop check`` runs: the definitions validated, then
each sheet laid out and routed; a flow that cannot be drawn becomes a located problem) and the
sheet's data types. Inside, one way: ``metrics`` (the shipped font's widths) → ``geometry``
(paper, margins, columns) → ``types`` (grid and drawing) → ``routing`` (arrows, connectors,
labels) → ``layout`` (rows, pages; calls ``routing``) → ``check``. Nothing here renders or
writes, and nothing imports a renderer: ``sop check`` stays fast.
"""

from generator.sheet.check import load_checked
from generator.sheet.geometry import MARGIN_MM, PAD_X_MM, TITLE_MM, header_pieces, page_box
from generator.sheet.layout import FitProblem, fit_problems, grid_lines, layout_sop, wider_sheets
from generator.sheet.metrics import FONT_DIR, PT_TO_MM, wrap_text
from generator.sheet.routing import ARROW_LEN, LabelRoomError, NoRouteError, box_touches_shape, page_crossings
from generator.sheet.types import Arrow, Drawing, FlowPage, Label, Shape, SheetLayout

__all__ = [
    "ARROW_LEN", "FONT_DIR", "MARGIN_MM", "PAD_X_MM", "PT_TO_MM", "TITLE_MM", "Arrow", "Drawing", "FitProblem",
    "FlowPage", "Label", "LabelRoomError", "NoRouteError", "Shape", "SheetLayout", "box_touches_shape",
    "fit_problems", "grid_lines", "header_pieces", "layout_sop", "load_checked", "page_box", "page_crossings",
    "wider_sheets", "wrap_text",
]
