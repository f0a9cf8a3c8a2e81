"""An alternative overview of one SOP as a Graphviz diagram: lanes as columns, steps as nodes.

:func:`diagram_source` is pure (DOT text); :func:`render_diagram_svg` runs Graphviz's
``neato -n2`` on it (the only place a Graphviz process is started). Node positions are
pinned to a grid — column = first lane, row = step — because ``dot`` reorders lanes (its
clusters and ``rank=same`` rows do not keep a left-to-right lane order); edges are orthogonal
(``splines=ortho``), lanes are shaded bands with their names on top (drawn into the SVG:
``neato`` has no clusters).
"""

from __future__ import annotations

import functools
import html
import re
import textwrap

from generator.model import Sop
from generator.render.dot import escape_text, quote

__all__ = ["diagram_source", "render_diagram_svg", "render_dot_svg"]

LANE_PT = 170.0
"""Column pitch in points (Graphviz units)."""
ROW_GAP_PT = 22.0
LINE_PT = 11.0
WRAP = 26
"""Characters per line of a step's text in its box."""
DECISION_WRAP = 13
DECISION_LINES = 3
"""Characters per line and lines in a diamond, so that it stays narrower than its lane (the rest: "…")."""


HEADER_PT = 40.0
"""Top of the lanes (points above the lane names' centre line)."""


def _wrapped(text: str, wrap: int) -> str:
    r"""*text* wrapped at *wrap* characters as an escaped DOT label (``\n`` between lines)."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    lines = [line for p in paragraphs for line in textwrap.wrap(" ".join(p.split()), wrap, break_long_words=False)]
    return "\\n".join(escape_text(line) for line in lines)


def _label(number: int, text: str, wrap: int = WRAP, most: int = 0) -> str:
    """The node label "N. text", wrapped; with *most*, at most that many lines, the last ending in "…"."""
    lines = textwrap.wrap(" ".join(f"{number}. {text}".split()), wrap, break_long_words=False)
    if most and len(lines) > most:
        lines = [*lines[:most - 1], textwrap.shorten(" ".join(lines[most - 1:]), wrap - 1, placeholder="") + "…"]
    return "\\n".join(escape_text(line) for line in lines)


def diagram_source(sop: Sop) -> str:
    """DOT source of the overview diagram (deterministic; positions in points).

    Each lane is a shaded column (a pinned box node drawn under the steps, its name on top, as a
    cluster would be; ``neato`` has no clusters); each step sits pinned in its lane's middle,
    decisions with their text wrapped narrower so the diamond stays inside the lane; edges are
    routed orthogonally (``splines=ortho``) with branch labels as ``xlabel``s, which Graphviz
    places clear of nodes and of each other.
    """
    wraps = [DECISION_WRAP if s.symbol == "decision" else WRAP for s in sop.langkah]
    heights = [LINE_PT * 2.0 * DECISION_LINES + 24 if s.symbol == "decision" else
               LINE_PT * len(textwrap.wrap(f"{s.number}. {' '.join(s.kegiatan.split())}", WRAP)) + 24
               for s in sop.langkah]
    ys, y = [], -40.0
    for h in heights:
        y -= h / 2
        ys.append(y)
        y -= h / 2 + ROW_GAP_PT
    bottom = y
    lines = ['digraph sop {', '  graph [splines=ortho, outputorder=edgesfirst, bgcolor="white",'
             ' fontname="Liberation Sans", pad=0.2, forcelabels=true];',
             '  node [fontname="Liberation Sans", fontsize=9, style=filled, fillcolor="white",'
             ' penwidth=1.1, width=2.0, fixedsize=false, margin="0.08,0.05"];',
             '  edge [fontname="Liberation Sans", fontsize=8, penwidth=1.0, arrowsize=0.7];']
    for i, lane in enumerate(sop.pelaksana):
        x = i * LANE_PT
        lines.append(f'  lane{i} [shape=plaintext, fillcolor="#f3f3f3", style=filled, width=2.2,'
                     f' label="{_wrapped(lane.label, 24)}", tooltip={quote("Pelaksana: " + lane.label)},'
                     f' fontsize=10, pos="{x:.0f},0!"];')
    for i in range(len(sop.pelaksana) + 1):  # the lane borders (shaded in by _lane_bands)
        x = (i - 0.5) * LANE_PT
        lines.append(f'  sep{i}a [shape=point, width=0, style=invis, pos="{x:.0f},{HEADER_PT:.0f}!"];')
        lines.append(f'  sep{i}b [shape=point, width=0, style=invis, pos="{x:.0f},{bottom:.0f}!"];')
    shapes = {"terminator": 'shape=box, style="rounded,filled"', "process": "shape=box",
              "decision": "shape=diamond"}
    for step, y_pos, wrap in zip(sop.langkah, ys, wraps, strict=True):
        x = step.pelaksana[0] * LANE_PT
        tip = quote(f"Langkah {step.number}: {' '.join(step.kegiatan.split())}")
        size = ", fixedsize=true, width=2.1, height=1.0, fontsize=8" if step.symbol == "decision" else ""
        most = DECISION_LINES if step.symbol == "decision" else 0  # the whole text is in the tooltip
        label = _label(step.number, step.kegiatan, wrap, most)
        lines.append(f'  s{step.number} [{shapes[step.symbol]}{size}, label="{label}",'
                     f' tooltip={tip}, pos="{x:.0f},{y_pos:.0f}!"];')
        for extra in step.pelaksana[1:]:
            lines.append(f'  s{step.number}_{extra} [{shapes[step.symbol]}{size}, label="{step.number}.",'
                         f' tooltip={tip}, pos="{extra * LANE_PT:.0f},{y_pos:.0f}!"];')
    for edge in sop.edges:
        source = sop.langkah[edge.source]
        target = sop.langkah[edge.target]
        tails = [f"s{source.number}"] + [f"s{source.number}_{x}" for x in source.pelaksana[1:]]
        heads = [f"s{target.number}"] + [f"s{target.number}_{x}" for x in target.pelaksana[1:]]
        tip = f"Langkah {source.number} → langkah {target.number}" + (f": {edge.label}" if edge.label else "")
        attrs = f" [xlabel={quote(edge.label)}, tooltip={quote(tip)}]" if edge.label else f" [tooltip={quote(tip)}]"
        for tail in tails:
            for head in heads:
                lines.append(f"  {tail} -> {head}{attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_diagram_svg(source: str) -> str:
    """Lay out the overview *source* (pinned positions, ``neato -n2``) as inline SVG, lanes shaded."""
    return _lane_bands(source, render_dot_svg(source, engine="neato", neato_no_op=2))


_POS = re.compile(r'  sep(\d+)([ab]) \[[^\]]*pos="(-?[\d.]+),(-?[\d.]+)!"')


def _lane_bands(source: str, svg: str) -> str:
    """Shade every lane of the overview as a band under the drawing (what a cluster would show).

    ``neato`` has no clusters, and nodes under the steps would stop ``splines=ortho``; so the
    bands are drawn into the SVG: the lane borders come from the invisible ``sep`` points of
    *source* (points), mapped to SVG units by the first lane header's box (its centre is at the
    layout origin).
    """
    corners = {(int(i), end): (float(x), float(y)) for i, end, x, y in _POS.findall(source)}
    header = re.search(r'<g id="node1" class="node">.*?<polygon fill="#f3f3f3"[^>]*points="([^"]+)"', svg, re.S)
    if not corners or header is None:
        return svg
    xs = [float(pt.split(",")[0]) for pt in header.group(1).split()]
    ys = [float(pt.split(",")[1]) for pt in header.group(1).split()]
    dx, dy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2  # SVG position of the layout origin
    count = max(i for i, _ in corners)
    bands = []
    for i in range(count):
        (x0, top), (x1, _), (_, bottom) = corners[(i, "a")], corners[(i + 1, "a")], corners[(i, "b")]
        bands.append(f'<rect x="{x0 + dx:.1f}" y="{dy - top:.1f}" width="{x1 - x0:.1f}" height="{top - bottom:.1f}"'
                     f' fill="{"#f7f7f7" if i % 2 else "#ffffff"}" stroke="#c8c8c8" stroke-width="0.8"/>')
    background = r'(<g id="graph0" class="graph"[^>]*>(?:<title>[^<]*</title>)?\n?<polygon[^>]*>)'
    return re.sub(background, lambda m: m.group(1) + "\n" + "\n".join(bands), svg, count=1)


@functools.lru_cache(maxsize=1024)
def render_dot_svg(source: str, *, engine: str = "dot", neato_no_op: int | None = None,
                   label: str = "Diagram alir") -> str:
    """Lay out DOT *source* with Graphviz and return inline SVG (no XML prolog, no fixed size).

    *label* is the drawing's accessible name (escaped here). A drawing without links is one
    image to a screen reader (``role="img"``); one with links (the relation map) is a group,
    so its links stay reachable and are not hidden inside an image.

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
    role = "group" if re.search(r"<a [^>]*href=", svg) else "img"
    name = html.escape(label)
    # Drawn at Graphviz's own size (readable on a phone too; the page scrolls it in its box).
    svg = re.sub(r'<svg width="([^"]*)" height="[^"]*"',
                 lambda m: f'<svg class="sop-diagram" style="width: {m.group(1)}" role="{role}" aria-label="{name}"',
                 svg, count=1)
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    # Readers see tooltips, not Graphviz's internal names ("s5", "lane0", "s5->s4"): every <title> goes,
    # the graph's becomes the diagram's name, and each tooltip is also given as a <title> (what browsers show).
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    svg = re.sub(r'(<a xlink:title="([^"]*)">)', r"\1<title>\2</title>", svg)
    return re.sub(r'(<g id="graph0" class="graph"[^>]*>)', lambda m: f"{m.group(1)}<title>{name}</title>", svg,
                  count=1)
