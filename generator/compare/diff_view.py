"""Render a :class:`~generator.compare.diff.SopDiff` for people: terminal text, HTML, "Daftar Perubahan" rows.

All wording is Bahasa Indonesia. Minor changes (whitespace, punctuation, case) are shown dimmed
and can be left out (``show_minor=False``).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape
from rich.console import Group
from rich.text import Text

from generator.compare.diff import Change, SopDiff, WordSpan
from generator.render import templates

__all__ = ["SECTION_TITLES", "change_rows", "render_diff_html", "render_diff_terminal", "words_html"]

SECTION_TITLES = {"identitas": "Bagian Identitas", "pelaksana": "Pelaksana", "langkah": "Langkah",
                  "tampilan": "Tampilan lembar", "jumlah_waktu": "Jumlah waktu"}
KIND_WORDS = {"added": "ditambah", "removed": "dihapus", "changed": "diubah", "moved": "dipindah",
              "renamed": "diganti nama", "reordered": "diurutkan ulang"}
_MARKS = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "renamed": "~", "reordered": "~"}


def _value(value: str | list[str] | None) -> str:
    if value is None:
        return "-"
    return "; ".join(value) if isinstance(value, list) else value


def _visible(diff: SopDiff, show_minor: bool) -> list[Change]:
    return [c for c in diff.changes if show_minor or not c.minor]


def _words_text(spans: Iterable[WordSpan]) -> Text:
    """Word changes with git-style marks that survive without colour: ``[-lama-]{+baru+}``."""
    text = Text()
    for span in spans:
        if text:
            text.append(" ")
        if span.op == "equal":
            text.append(span.text)
        elif span.op == "delete":
            text.append(f"[-{span.text}-]", style="red")
        else:
            text.append(f"{{+{span.text}+}}", style="green bold")
    return text


def render_diff_terminal(diff: SopDiff, *, show_minor: bool = True) -> Group:
    """A rich renderable: header, the changes grouped by section, and a count line."""
    lines: list[Text] = [
        Text.assemble(("Perbandingan SOP", "bold"), f"\n  lama: {diff.old.source} — {diff.old.nama}",
                      f"\n  baru: {diff.new.source} — {diff.new.nama}"),
    ]
    if diff.normalised:
        lines.append(Text("  (nama kecamatan, pemda dan pejabat disamakan; nomor, tanggal dan pengesah "
                          "tidak dibandingkan)", style="dim"))
    changes = _visible(diff, show_minor)
    for section, title in SECTION_TITLES.items():
        group = [c for c in changes if c.section == section]
        if not group:
            continue
        lines.append(Text(f"\n{title}", style="bold underline"))
        for change in group:
            lines.append(_change_text(change))
    minor = sum(c.minor for c in changes)
    if not changes:
        lines.append(Text("\nTidak ada perbedaan.", style="bold green"))
    else:
        lines.append(Text(f"\n{len(changes)} perubahan ({minor} kecil).", style="bold"))
    return Group(*lines)


def _change_text(change: Change) -> Text:
    colour = {"added": "green", "removed": "red"}.get(change.kind, "yellow")
    line = Text(f"  {_MARKS[change.kind]} ", style=colour)
    line.append(f"{change.label} {KIND_WORDS[change.kind]}", style="bold")
    if change.minor:
        line.append(" (kecil)", style="dim")
    line.append(": ")
    if change.words:
        line.append_text(_words_text(change.words))
    elif change.kind == "added":
        line.append(_value(change.new), style="green")
    elif change.kind == "removed":
        line.append(_value(change.old), style="red strike")
    else:
        line.append(_value(change.old), style="red")
        line.append(" → ")
        line.append(_value(change.new), style="green")
    if change.delta:
        line.append(f" ({change.delta})", style="bold")
    if change.minor:
        line.stylize("dim")
    return line


def words_html(spans: Iterable[WordSpan], side: str) -> Markup:
    """One side (``old``/``new``) of a word diff, with ``<del>``/``<ins>`` marks."""
    parts = []
    for span in spans:
        if span.op == "equal":
            parts.append(escape(span.text))
        elif span.op == "delete" and side == "old":
            parts.append(Markup("<del>%s</del>") % span.text)
        elif span.op == "insert" and side == "new":
            parts.append(Markup("<ins>%s</ins>") % span.text)
    return Markup(" ").join(parts)


def _cells(change: Change) -> tuple[Markup, Markup]:
    if change.words:
        return words_html(change.words, "old"), words_html(change.words, "new")
    old = Markup("<del>%s</del>") % _value(change.old) if change.old is not None else Markup("-")
    new = Markup("<ins>%s</ins>") % _value(change.new) if change.new is not None else Markup("-")
    if change.delta:
        new += Markup(" <span class=\"sop-diff-delta\">(%s)</span>") % change.delta
    return old, new


def render_diff_html(diff: SopDiff, *, show_minor: bool = True, standalone: bool = True) -> str:
    """Side-by-side HTML (a full page, or a fragment for the site with ``standalone=False``)."""
    rows = []
    for section, title in SECTION_TITLES.items():
        group = [c for c in _visible(diff, show_minor) if c.section == section]
        if group:
            rows.append({"title": title, "changes": [(c, *_cells(c)) for c in group]})
    return templates().get_template("diff.html.j2").render(
        diff=diff, sections=rows, kinds=KIND_WORDS, standalone=standalone,
        count=len(_visible(diff, show_minor)))


def change_rows(diff: SopDiff, *, show_minor: bool = False) -> list[tuple[str, Markup, Markup]]:
    """Rows of the printed "Daftar Perubahan": (Bagian yang diubah, Sebelum, Sesudah)."""
    return [(f"{change.label} ({KIND_WORDS[change.kind]})", *_cells(change))
            for change in _visible(diff, show_minor)]
