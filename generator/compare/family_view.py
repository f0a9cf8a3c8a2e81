"""Render a :class:`~generator.compare.family.FamilyComparison`: terminal (rich) and HTML (matrix + summary)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from generator.compare.diff_view import render_diff_html, render_diff_terminal
from generator.compare.family import FamilyComparison, MatrixCell
from generator.render import templates

__all__ = ["family_summary", "render_family_html", "render_family_terminal"]


def _member_name(comparison: FamilyComparison, index: int) -> str:
    return comparison.members[index].instansi.unit.title()


def family_summary(comparison: FamilyComparison) -> list[str]:
    """Summary lines: steps only some have, Waktu spread, totals and lanes per member."""
    names = [_member_name(comparison, k) for k in range(len(comparison.members))]
    lines = []
    for row in comparison.partial_rows():
        cells = comparison.rows[row]
        have = [names[k] for k, cell in enumerate(cells) if cell is not None]
        first = next(cell for cell in cells if cell is not None)
        lines.append(f"Baris {row + 1} ('{first.kegiatan}') hanya ada di: {', '.join(have)}.")
    for row, values in comparison.waktu_spread():
        spread = ", ".join(f"{names[k]} {v}" for k, v in enumerate(values) if v != "-")
        lines.append(f"Baris {row + 1}: waktu berbeda — {spread}.")
    for k, member in enumerate(comparison.members):
        lanes = ", ".join(lane.label for lane in member.pelaksana)
        lines.append(f"{names[k]}: {len(member.langkah)} langkah, jumlah waktu {member.total_waktu}; "
                     f"pelaksana: {lanes}.")
    return lines


def _cell_text(cell: MatrixCell | None) -> Text:
    if cell is None:
        return Text("—", style="dim")
    text = Text()
    text.append(f"{cell.step.number}. ")
    text.append(cell.kegiatan, style="yellow" if "kegiatan" in cell.differs else "")
    text.append("\n")
    text.append(cell.pelaksana, style="yellow" if "pelaksana" in cell.differs else "dim")
    text.append(" · ")
    text.append(cell.waktu, style="bold yellow" if "waktu" in cell.differs else "dim")
    return text


def render_family_terminal(comparison: FamilyComparison) -> Group:
    """Two members: their normalised diff. More: the step matrix and the summary."""
    title = Text(f"Perbandingan SOP kode '{comparison.kode}' di {len(comparison.members)} kecamatan",
                 style="bold")
    if len(comparison.members) == 2:
        return Group(title, render_diff_terminal(comparison.pairwise[0]))
    table = Table(show_lines=True, expand=False)
    table.add_column("Baris", justify="right")
    for k in range(len(comparison.members)):
        table.add_column(_member_name(comparison, k))
    for number, row in enumerate(comparison.rows, start=1):
        table.add_row(str(number), *[_cell_text(cell) for cell in row])
    summary = Text("\n".join(family_summary(comparison)))
    return Group(title, Text("Kuning: berbeda dari isian pertama di baris itu; —: langkah tidak ada.",
                             style="dim"), table, Text("\nRingkasan", style="bold underline"), summary)


def render_family_html(comparison: FamilyComparison, *, standalone: bool = True,
                       links: list[str] | None = None) -> str:
    """The matrix, the summary and each member's diff against the first, as HTML."""
    names = [_member_name(comparison, k) for k in range(len(comparison.members))]
    diffs = [render_diff_html(d, standalone=False) for d in comparison.pairwise]
    return templates().get_template("family.html.j2").render(
        comparison=comparison, names=names, summary=family_summary(comparison), diffs=diffs,
        links=links or [""] * len(names), standalone=standalone)
