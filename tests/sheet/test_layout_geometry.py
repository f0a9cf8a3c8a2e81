"""Geometry of the flowchart sheet: symbols, arrows, connectors, pagination (all mm)."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from generator.definitions import load_catalog
from generator.model import Sop, with_paper
from generator.sheet import TITLE_MM, Arrow, Drawing, FlowPage, Shape, SheetLayout, layout_sop

EPS = 1e-6


def _synthetic(project: Path, steps: int = 40) -> Sop:
    """A long flow: 5 lanes, a two-lane step, decisions returning 1–9 rows back, texts that wrap."""
    lines = ["nama: Alur panjang sintetis", "pelaksana:"]
    lines += [f"  - {{id: l{i}, label: Pelaksana {i}}}" for i in range(5)]
    lines.append("langkah:")
    for n in range(1, steps + 1):
        lane = (n * 3) % 5
        text = "Memproses berkas permohonan dan meneruskan kepada pelaksana berikutnya " * (1 + n % 3)
        lines += [f"  - kegiatan: {text.strip()}", f"    pelaksana: l{lane}", '    waktu: "10 menit"']
        if n == 12:
            lines[-2] = "    pelaksana: [l1, l3]"
        if n % 7 == 0 and n < steps:
            lines += [f"    ya: {n + 1}", f"    tidak: {max(1, n - (n % 9) - 1)}"]
    folder = project / "sop_definitions" / "contoh" / "kec"
    (folder / "panjang.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog([folder / "panjang.yaml"])
    assert catalog.problems == []
    return catalog.sops[0]


@pytest.fixture(scope="module")
def layouts(seeds: list[Sop], tmp_path_factory: pytest.TempPathFactory) -> list[SheetLayout]:
    project = tmp_path_factory.mktemp("synthetic")
    folder = project / "sop_definitions" / "contoh" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH CONTOH\nunit: KECAMATAN CONTOH\n")
    sops = [*seeds, _synthetic(project)]
    return [layout_sop(with_paper(p, paper)) for p in sops for paper in ("F4", "A4")]


def _pages(layouts: list[SheetLayout]) -> list[tuple[SheetLayout, FlowPage, Drawing]]:
    out = []
    for layout in layouts:
        for page in layout.pages:
            assert isinstance(page.drawing, Drawing)
            out.append((layout, page, page.drawing))
    return out


def _interior_hit(a: tuple[float, float], b: tuple[float, float], shape: Shape) -> bool:
    x0, y0, x1, y1 = shape.box
    lo_x, hi_x = sorted((a[0], b[0]))
    lo_y, hi_y = sorted((a[1], b[1]))
    return lo_x < x1 - 0.01 and hi_x > x0 + 0.01 and lo_y < y1 - 0.01 and hi_y > y0 + 0.01


def test_every_step_is_placed_once_and_every_page_fits(layouts: list[SheetLayout]) -> None:
    for layout in layouts:
        placed = [s for page in layout.pages for s in page.steps]
        assert placed == list(range(len(layout.sop.langkah)))
        for page in layout.pages:
            assert page.height + TITLE_MM <= layout.page.content_height + EPS
        assert len(layout.pages) >= 1


def test_symbols_are_centred_in_their_lane_cell_and_row(layouts: list[SheetLayout]) -> None:
    count = 0
    for layout, page, drawing in _pages(layouts):
        for shape in drawing.shapes:
            if shape.step is None:
                continue
            assert shape.lane is not None
            column = layout.lane_columns[shape.lane]
            row = page.row_of(shape.step)
            assert abs(shape.cx - column.center) < EPS
            assert abs(shape.cy - row.center) < EPS
            x0, y0, x1, y1 = shape.box
            assert column.x < x0 and x1 < column.right and row.y < y0 and y1 < row.bottom
            count += 1
    expected = sum(len(s.pelaksana) for layout in layouts for s in layout.sop.langkah)
    assert count == expected


def test_every_arrow_is_orthogonal(layouts: list[SheetLayout]) -> None:
    for _, _, drawing in _pages(layouts):
        for arrow in drawing.arrows:
            assert len(arrow.points) >= 2
            for a, b in arrow.segments():
                assert abs(a[0] - b[0]) < EPS or abs(a[1] - b[1]) < EPS, arrow
                assert (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 > EPS, arrow


def test_no_arrow_crosses_a_symbol(layouts: list[SheetLayout]) -> None:
    for _, page, drawing in _pages(layouts):
        for arrow in drawing.arrows:
            for a, b in arrow.segments():
                hits = [s for s in drawing.shapes if _interior_hit(a, b, s)]
                assert hits == [], (page.number, arrow, hits)


def _ends_on(point: tuple[float, float], shape: Shape) -> bool:
    return any(abs(point[0] - x) < EPS and abs(point[1] - y) < EPS
               for x, y in (shape.port(side) for side in ("top", "bottom", "left", "right")))


def test_arrows_start_and_end_on_a_symbol_port(layouts: list[SheetLayout]) -> None:
    for _, _, drawing in _pages(layouts):
        for arrow in drawing.arrows:
            starts = [s for s in drawing.shapes if _ends_on(arrow.points[0], s)]
            ends = [s for s in drawing.shapes if _ends_on(arrow.points[-1], s)]
            assert starts and ends, arrow
            assert any(s.step in (arrow.source, None) for s in starts)
            assert any(s.step in (arrow.target, None) for s in ends)


def test_arrows_of_different_edges_share_a_line_only_as_a_fork_or_join_trunk(layouts: list[SheetLayout]) -> None:
    def along(a: Arrow, b: Arrow) -> bool:
        for (p, q), (r, s) in itertools.product(a.segments(), b.segments()):
            if abs(p[0] - q[0]) < EPS and abs(r[0] - s[0]) < EPS and abs(p[0] - r[0]) < 0.3:
                lo, hi = sorted((p[1], q[1]))
                lo2, hi2 = sorted((r[1], s[1]))
                if min(hi, hi2) - max(lo, lo2) > 0.3:
                    return True
            if abs(p[1] - q[1]) < EPS and abs(r[1] - s[1]) < EPS and abs(p[1] - r[1]) < 0.3:
                lo, hi = sorted((p[0], q[0]))
                lo2, hi2 = sorted((r[0], s[0]))
                if min(hi, hi2) - max(lo, lo2) > 0.3:
                    return True
        return False

    for _, _, drawing in _pages(layouts):
        for a, b in itertools.combinations(drawing.arrows, 2):
            trunk = a.points[0] == b.points[0] or a.points[-1] == b.points[-1]  # a fork's or a join's
            if (a.source, a.target) != (b.source, b.target) and not trunk:
                assert not along(a, b), (a, b)


def test_back_edges_leave_a_decision_from_a_side_vertex(layouts: list[SheetLayout]) -> None:
    for layout, page, drawing in _pages(layouts):
        for edge in layout.sop.edges:
            if edge.is_sequential or edge.source not in page.steps:
                continue
            arrow = next(a for a in drawing.arrows if (a.source, a.target) == (edge.source, edge.target)
                         and any(_ends_on(a.points[0], s) for s in drawing.shapes if s.step == edge.source))
            source = next(s for s in drawing.shapes if s.step == edge.source and _ends_on(arrow.points[0], s))
            assert arrow.points[0] in (source.port("left"), source.port("right"))


def test_off_page_connectors_come_in_lettered_pairs(layouts: list[SheetLayout]) -> None:
    for layout in layouts:
        letters: Counter[str] = Counter()
        pages_of: dict[str, set[int]] = {}
        for page in layout.pages:
            assert isinstance(page.drawing, Drawing)
            for shape in page.drawing.shapes:
                if shape.kind == "offpage":
                    assert shape.letter
                    letters[shape.letter] += 1
                    pages_of.setdefault(shape.letter, set()).add(page.number)
                    assert any(lb.text == shape.letter for lb in page.drawing.labels)
        assert all(n == 2 for n in letters.values()), letters
        assert all(len(p) == 2 and max(p) - min(p) == 1 for p in pages_of.values())  # twins on adjacent pages
        page_of = {s: page.number for page in layout.pages for s in page.steps}
        # one pair per page boundary an arrow crosses (an arrow over three pages has two pairs)
        assert len(letters) == sum(abs(page_of[e.source] - page_of[e.target]) for e in layout.sop.edges)
        assert sorted(letters) == [chr(65 + i) for i in range(len(letters))]


def test_decision_labels_are_drawn(layouts: list[SheetLayout]) -> None:
    for layout in layouts:
        texts = Counter(lb.text for page in layout.pages if page.drawing
                        for lb in page.drawing.labels)
        for edge in layout.sop.edges:
            if edge.label:
                assert texts[edge.label] >= 1, (layout.sop.key, edge)


def test_two_lane_step_fans_out_and_back_in(layouts: list[SheetLayout]) -> None:
    layout = next(lay for lay in layouts if lay.sop.key.endswith("sumbersuko/pengumpulan-data-kinerja"))
    page = next(p for p in layout.pages if 5 in p.steps)
    assert isinstance(page.drawing, Drawing)
    shapes = [s for s in page.drawing.shapes if s.step == 5]
    assert sorted(s.lane for s in shapes) == [1, 2]
    into = [a for a in page.drawing.arrows if (a.source, a.target) == (4, 5)]
    out = [a for a in page.drawing.arrows if (a.source, a.target) == (5, 6)]
    assert {a.points[-1] for a in into} == {s.port("top") for s in shapes}
    assert {a.points[0] for a in out} == {s.port("bottom") for s in shapes}


def test_rows_fit_their_text(layouts: list[SheetLayout]) -> None:
    for layout in layouts:
        for page in layout.pages:
            for row in page.rows:
                assert row.height >= 3.5
                if row.kind == "step":
                    assert row.height >= 15.0
