"""An alternative overview of one SOP as a Graphviz diagram: lanes as columns, steps as nodes.

:func:`diagram_source` is pure (DOT text); :func:`render_diagram_svg` runs Graphviz's
``neato -n2`` on it (the only place a Graphviz process is started). Node positions are
pinned to a grid — column = first lane, row = step — because ``dot`` reorders lanes
(rendering-notes §3.2); lanes are drawn as labelled columns with dashed separators.
"""

from __future__ import annotations

import functools
import re
import textwrap

from generator.dot import escape_text, quote
from generator.model import Procedure

__all__ = ["diagram_source", "render_diagram_svg", "render_dot_svg"]

LANE_PT = 170.0
"""Column pitch in points (Graphviz units)."""
ROW_GAP_PT = 22.0
LINE_PT = 11.0
WRAP = 26


def _label(number: int, text: str) -> str:
    paragraphs = [p for p in f"{number}. {text}".split("\n") if p.strip()]
    lines = [line for p in paragraphs for line in textwrap.wrap(" ".join(p.split()), WRAP)]
    return "\\n".join(escape_text(line) for line in lines)


def diagram_source(procedure: Procedure) -> str:
    """DOT source of the overview diagram (deterministic; positions in points)."""
    heights = [LINE_PT * len(textwrap.wrap(s.kegiatan, WRAP)) + 24 for s in procedure.steps]
    ys, y = [], -40.0
    for h in heights:
        y -= h / 2
        ys.append(y)
        y -= h / 2 + ROW_GAP_PT
    bottom = y
    lines = ['digraph sop {', '  graph [splines=line, outputorder=edgesfirst, bgcolor="white",'
             ' fontname="Liberation Sans", pad=0.2];',
             '  node [fontname="Liberation Sans", fontsize=9, style=filled, fillcolor="white",'
             ' penwidth=1.1, width=2.0, fixedsize=false, margin="0.08,0.05"];',
             '  edge [fontname="Liberation Sans", fontsize=8, penwidth=1.0, arrowsize=0.7];']
    for i, lane in enumerate(procedure.lanes):
        x = i * LANE_PT
        lines.append(f'  lane{i} [shape=plaintext, fillcolor="#f3f3f3", style=filled, width=2.2,'
                     f' label={quote(lane.label)}, tooltip={quote("Pelaksana: " + lane.label)}, fontsize=10,'
                     f' pos="{x:.0f},0!"];')
    for i in range(len(procedure.lanes) + 1):
        x = (i - 0.5) * LANE_PT
        lines.append(f'  sep{i}a [shape=point, width=0, style=invis, pos="{x:.0f},15!"];')
        lines.append(f'  sep{i}b [shape=point, width=0, style=invis, pos="{x:.0f},{bottom:.0f}!"];')
        lines.append(f'  sep{i}a -> sep{i}b [arrowhead=none, style=dashed, color="#999999"];')
    shapes = {"terminator": 'shape=box, style="rounded,filled"', "process": "shape=box",
              "decision": "shape=diamond"}
    for step, y_pos in zip(procedure.steps, ys, strict=True):
        x = step.lanes[0] * LANE_PT
        tip = quote(f"Langkah {step.number}: {' '.join(step.kegiatan.split())}")
        lines.append(f'  s{step.number} [{shapes[step.symbol]}, label="{_label(step.number, step.kegiatan)}",'
                     f' tooltip={tip}, pos="{x:.0f},{y_pos:.0f}!"];')
        for extra in step.lanes[1:]:
            lines.append(f'  s{step.number}_{extra} [{shapes[step.symbol]}, label="{step.number}.",'
                         f' tooltip={tip}, pos="{extra * LANE_PT:.0f},{y_pos:.0f}!"];')
    for edge in procedure.edges:
        source = procedure.steps[edge.source]
        target = procedure.steps[edge.target]
        tails = [f"s{source.number}"] + [f"s{source.number}_{x}" for x in source.lanes[1:]]
        heads = [f"s{target.number}"] + [f"s{target.number}_{x}" for x in target.lanes[1:]]
        tip = f"Langkah {source.number} → langkah {target.number}" + (f": {edge.label}" if edge.label else "")
        attrs = f" [xlabel={quote(edge.label)}, tooltip={quote(tip)}]" if edge.label else f" [tooltip={quote(tip)}]"
        for tail in tails:
            for head in heads:
                lines.append(f"  {tail} -> {head}{attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_diagram_svg(source: str) -> str:
    """Lay out the overview *source* (pinned positions, ``neato -n2``) as inline SVG."""
    return render_dot_svg(source, engine="neato", neato_no_op=2)


@functools.lru_cache(maxsize=1024)
def render_dot_svg(source: str, *, engine: str = "dot", neato_no_op: int | None = None) -> str:
    """Lay out DOT *source* with Graphviz and return inline SVG (no XML prolog, no fixed size).

    Memoised by its arguments (Graphviz is a subprocess; a ``serve`` rebuild asks again for the
    kecamatan relation maps whose SOPs did not change).

    Raises:
        generator.errors.RenderError: Graphviz is missing or failed (with its message).
    """
    import graphviz

    from generator.errors import RenderError

    try:
        svg = graphviz.Source(source, engine=engine).pipe(
            format="svg", encoding="utf-8", **({"neato_no_op": neato_no_op} if neato_no_op else {}))
    except graphviz.ExecutableNotFound as exc:
        raise RenderError("Graphviz tidak ditemukan: pasang paket 'graphviz' (jalankan 'make site')") from exc
    except graphviz.CalledProcessError as exc:
        raise RenderError(f"Graphviz gagal: {exc.stderr!r}") from exc
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg class="sop-diagram" role="img"', svg, count=1)
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    # Readers see tooltips, not Graphviz's internal names ("s5", "lane0", "s5->s4"): every <title> goes,
    # the graph's becomes the diagram's name, and each tooltip is also given as a <title> (what browsers show).
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    svg = re.sub(r'(<a xlink:title="([^"]*)">)', r"\1<title>\2</title>", svg)
    return re.sub(r'(<g id="graph0" class="graph"[^>]*>)', r"\1<title>Diagram alir</title>", svg, count=1)
