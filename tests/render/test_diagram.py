"""The Graphviz overview: DOT source (exact facts) and the SVG Graphviz makes of it."""

from __future__ import annotations

import itertools
import re

from generator.build import RenderedSop
from generator.model import Sop
from generator.render import diagram_source
from tests.conftest import by_key


def test_dot_source_has_lanes_steps_and_labelled_branches(seeds: list[Sop]) -> None:
    dot = diagram_source(by_key(seeds, "wonoasih"))
    assert 'lane2 [shape=plaintext, fillcolor="#f3f3f3", style=filled, width=2.2, ' \
           'label="Kasubbag Keuangan dan\\nProgram"' in dot
    assert 'graph [splines=ortho,' in dot
    # a diamond keeps its lane's width: three short lines, the whole text in the tooltip
    assert '  s5 [shape=diamond, fixedsize=true, width=2.1, height=1.0, fontsize=8, ' \
           'label="5. Mengoreksi\\ndokumen LKjIP\\nKecamatan…", ' \
           'tooltip="Langkah 5: Mengoreksi dokumen LKjIP Kecamatan WONOASIH"' in dot
    assert '  s7 -> s5 [xlabel="Tidak setuju", tooltip="Langkah 7 → langkah 5: Tidak setuju"];' in dot
    assert '  s7 -> s8 [xlabel="Disetujui", tooltip="Langkah 7 → langkah 8: Disetujui"];' in dot
    assert re.search(r"  s1 \[shape=box, style=\"rounded,filled\"", dot)


def test_two_lane_step_gets_a_node_in_each_lane(seeds: list[Sop]) -> None:
    dot = diagram_source(by_key(seeds, "sumbersuko/pengumpulan"))
    assert '  s5 -> s6 [tooltip="Langkah 5 → langkah 6"];' in dot and '  s5 -> s6_2 [tooltip="Langkah 5 → langkah 6"];' in dot
    assert '  s6 -> s7 [tooltip="Langkah 6 → langkah 7"];' in dot and '  s6_2 -> s7 [tooltip="Langkah 6 → langkah 7"];' in dot


def test_svg_is_inline_and_holds_every_node(rendered: list[RenderedSop]) -> None:
    for item in rendered:
        svg = item.diagram_svg
        assert svg.startswith('<svg class="sop-diagram" style="width: ') and 'role="img" aria-label="Diagram alir"' in svg[:200]
        titles = re.findall(r"<title>([^<]*)</title>", svg)
        assert titles[0] == "Diagram alir"
        steps = {t.split(":")[0] for t in titles if t.startswith("Langkah") and "→" not in t}
        assert steps == {f"Langkah {s.number}" for s in item.sop.langkah}  # every step, by its number
        assert all(not re.fullmatch(r"(s|lane|sep)\d+\w*(-&gt;\w+)?", t) for t in titles)  # no internal names
        assert "-&gt;" not in " ".join(titles)


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def test_svg_edges_are_orthogonal_and_nodes_stay_in_their_lane_band(rendered: list[RenderedSop]) -> None:
    for item in rendered:
        svg = item.diagram_svg
        bands = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([^"]+)" y="[^"]+" width="([^"]+)"', svg)]
        assert len(bands) == len(item.sop.pelaksana), item.sop.key
        for path in re.findall(r'<g id="a_edge\d+"><a [^>]*>.*?<path [^>]*d="([^"]+)"', svg, re.S):
            values = _numbers(path)
            points = list(zip(values[::2], values[1::2], strict=True))
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                assert abs(x0 - x1) < 0.1 or abs(y0 - y1) < 0.1, (item.sop.key, path)
        nodes = re.findall(r'<g id="node\d+" class="node">(.*?)</g>\n</g>', svg, re.S)
        for step in item.sop.langkah:  # a joint step: one node per lane, in lane order
            mine = [n for n in nodes if f'xlink:title="Langkah {step.number}:' in n]
            assert len(mine) == len(step.pelaksana), (item.sop.key, step.number)
            for node, lane in zip(mine, step.pelaksana, strict=True):
                outline = re.search(r' (?:points|d)="([^"]+)"', node)
                assert outline, (item.sop.key, step.number)
                xs = _numbers(outline.group(1))[::2]
                x0, width = bands[lane]
                assert x0 <= min(xs) and max(xs) <= x0 + width, (item.sop.key, step.number, xs, x0, width)
