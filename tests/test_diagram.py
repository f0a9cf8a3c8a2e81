"""The Graphviz overview: DOT source (exact facts) and the SVG Graphviz makes of it."""

from __future__ import annotations

import re

from generator.build import RenderedSop
from generator.diagram import diagram_source
from generator.model import Procedure
from tests.conftest import by_key


def test_dot_source_has_lanes_steps_and_labelled_branches(seeds: list[Procedure]) -> None:
    dot = diagram_source(by_key(seeds, "wonoasih"))
    assert 'lane2 [shape=plaintext, fillcolor="#f3f3f3", style=filled, width=2.2, ' \
           'label="Kasubbag Keuangan dan Program"' in dot
    assert '  s5 [shape=diamond, label="5. Mengoreksi dokumen\\nLKjIP Kecamatan WONOASIH"' in dot
    assert '  s7 -> s5 [xlabel="Tidak setuju", tooltip="Langkah 7 → langkah 5: Tidak setuju"];' in dot
    assert '  s7 -> s8 [xlabel="Disetujui", tooltip="Langkah 7 → langkah 8: Disetujui"];' in dot
    assert re.search(r"  s1 \[shape=box, style=\"rounded,filled\"", dot)


def test_two_lane_step_gets_a_node_in_each_lane(seeds: list[Procedure]) -> None:
    dot = diagram_source(by_key(seeds, "sumbersuko/pengumpulan"))
    assert '  s5 -> s6 [tooltip="Langkah 5 → langkah 6"];' in dot and '  s5 -> s6_2 [tooltip="Langkah 5 → langkah 6"];' in dot
    assert '  s6 -> s7 [tooltip="Langkah 6 → langkah 7"];' in dot and '  s6_2 -> s7 [tooltip="Langkah 6 → langkah 7"];' in dot


def test_svg_is_inline_and_holds_every_node(rendered: list[RenderedSop]) -> None:
    for item in rendered:
        svg = item.diagram_svg
        assert svg.startswith('<svg class="sop-diagram" role="img"')
        titles = re.findall(r"<title>([^<]*)</title>", svg)
        assert titles[0] == "Diagram alir"
        steps = {t.split(":")[0] for t in titles if t.startswith("Langkah") and "→" not in t}
        assert steps == {f"Langkah {s.number}" for s in item.procedure.steps}  # every step, by its number
        assert all(not re.fullmatch(r"(s|lane|sep)\d+\w*(-&gt;\w+)?", t) for t in titles)  # no internal names
        assert "-&gt;" not in " ".join(titles)
