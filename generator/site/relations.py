"""Relations between SOPs: Keterkaitan resolved to SOPs, families, the relations map (pure).

A Keterkaitan entry is free text ("SOP Surat Masuk dan Keluar"). It resolves to an SOP of the
same kecamatan whose Nama SOP, slug or kode matches it once both are normalised (case,
punctuation and a leading "SOP"/"SOP AP"/"Prosedur" ignored); otherwise it stays plain text.
SOPs with the same ``kode`` in different kecamatan form a family (PermenPANRB 35/2012 asks
for one SOP per activity; the family is how a kabupaten compares them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.model import Sop
from generator.render import escape_text, quote, url

__all__ = ["family", "normalise_name", "relations_dot", "resolve_keterkaitan"]

_PREFIX = re.compile(r"^(standar operasional prosedur|sop ap|sop|prosedur)\b\s*", re.IGNORECASE)


def normalise_name(text: str) -> str:
    """Comparable form of an SOP name.

    >>> normalise_name("SOP AP  Penataan Kelembagaan.")
    'penataan kelembagaan'
    >>> normalise_name("Prosedur Penyusunan LKjIP")
    'penyusunan lkjip'
    """
    text = re.sub(r"[^\w\s]", " ", text.lower())
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _PREFIX.sub("", text).strip()
    return text


def resolve_keterkaitan(sop: Sop, catalog: Sequence[Sop]) -> list[tuple[str, Sop | None]]:
    """Each Keterkaitan entry of *sop* with the SOP of its kecamatan it names, if any."""
    local = [p for p in catalog if (p.pemda_slug, p.kecamatan_slug) == (sop.pemda_slug, sop.kecamatan_slug)
             and p.key != sop.key]
    index: dict[str, Sop] = {}
    for other in local:
        for name in (other.nama, other.slug.replace("-", " "), (other.kode or "").replace("-", " ")):
            if name:
                index.setdefault(normalise_name(name), other)
    return [(text, index.get(normalise_name(text))) for text in sop.identitas["keterkaitan"]]


def family(sop: Sop, catalog: Sequence[Sop]) -> list[Sop]:
    """The same SOP (same ``kode``) in other kecamatan, in key order."""
    if not sop.kode:
        return []
    return sorted((p for p in catalog if p.kode == sop.kode and p.key != sop.key
                   and p.kecamatan_slug != sop.kecamatan_slug), key=lambda p: p.key)


def relations_dot(sops: Sequence[Sop], catalog: Sequence[Sop],
                  href: dict[str, str]) -> str:
    """DOT source of the relations map of one kecamatan's SOPs.

    SOPs are boxes linked to their pages (*href*: SOP key → URL); Keterkaitan entries
    that name no SOP of the kecamatan are dashed ellipses.
    """
    lines = ["digraph keterkaitan {",
             '  graph [rankdir=LR, bgcolor="white", fontname="Liberation Sans", pad=0.2, nodesep=0.3];',
             '  node [fontname="Liberation Sans", fontsize=10, shape=box, style="rounded,filled",'
             ' fillcolor="#eef3fb", color="#1d4f91", margin="0.15,0.08"];',
             '  edge [color="#555555", arrowsize=0.7];']
    ids = {p.key: f"sop{i}" for i, p in enumerate(sops)}
    for p in sops:
        label = "\\n".join(_wrap(p.nama))
        lines.append(f'  {ids[p.key]} [label="{label}", URL={url(href.get(p.key, ""))},'
                     f" tooltip={quote(p.nama)}];")
    free: dict[str, str] = {}
    for p in sops:
        for text, target in resolve_keterkaitan(p, catalog):
            if target is not None and target.key in ids:
                lines.append(f"  {ids[p.key]} -> {ids[target.key]};")
                continue
            node = free.setdefault(normalise_name(text), f"ext{len(free)}")
            if f"  {node} [" not in "\n".join(lines):
                label = "\\n".join(_wrap(text))
                lines.append(f'  {node} [label="{label}", shape=ellipse, style="dashed", fillcolor="white",'
                             ' color="#777777", fontcolor="#444444"];')
            lines.append(f"  {ids[p.key]} -> {node} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 28) -> list[str]:
    words, lines, current = " ".join(text.split()).split(" "), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return [escape_text(line) for line in lines]
