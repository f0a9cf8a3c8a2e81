"""One SOP across kecamatan (same ``kode``): a step matrix and its summary, pure.

Members are added in key order; each one's steps are aligned against all rows so far (weighted
LCS on kegiatan words, as in :mod:`generator.compare.diff`). A step a member lacks leaves an empty cell,
and a step only some members have gets its own row after its neighbour. A cell is highlighted
where it differs from the row's first cell. Texts are compared after the local
names are replaced (``[kecamatan]``, ``[pemda]``, ``[pejabat]``), so only substantive
differences are highlighted.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.compare.diff import SopDiff, diff_sops, local_text, normalise_text, similarity, weighted_lcs
from generator.model import Langkah, Sop

__all__ = ["FamilyComparison", "MatrixCell", "compare_family"]


@dataclass(frozen=True)
class MatrixCell:
    """One member's step in a matrix row; ``differs`` marks what differs from the reference."""

    step: Langkah
    kegiatan: str
    pelaksana: str
    waktu: str
    differs: frozenset[str] = frozenset()


@dataclass
class FamilyComparison:
    """Members (reference first), matrix rows (one cell or ``None`` per member), pairwise diffs."""

    kode: str
    members: list[Sop]
    rows: list[list[MatrixCell | None]] = field(default_factory=list)
    pairwise: list[SopDiff] = field(default_factory=list)

    def partial_rows(self) -> list[int]:
        """Indices of rows that only some members have."""
        return [i for i, row in enumerate(self.rows) if any(cell is None for cell in row)]

    def waktu_spread(self) -> list[tuple[int, list[str]]]:
        """Rows whose Waktu differs between members, with each member's Waktu ("-" if absent)."""
        spread = []
        for i, row in enumerate(self.rows):
            values = [cell.waktu if cell else "-" for cell in row]
            present = {normalise_text(v) for v in values if v != "-"}
            if len(present) > 1:
                spread.append((i, values))
        return spread


def _cell(sop: Sop, step: Langkah) -> MatrixCell:
    return MatrixCell(step, local_text(sop, step.kegiatan),
                      " + ".join(sop.pelaksana[x].label for x in step.pelaksana),
                      step.waktu.text if step.waktu else "-")


def _align_to_rows(rows: list[dict[int, tuple[str, str]]], steps: list[tuple[str, str]]) -> dict[int, int]:
    """Step index → row index for one more member.

    A weighted LCS of the member's steps against the rows so far (a row is represented by its
    first cell, so the cost is rows × steps), then equal-sized gaps paired in order when they
    share some words or keep their executor. Rows and steps are (kegiatan, pelaksana) pairs.
    """
    n, m = len(rows), len(steps)
    firsts = [next(iter(row.values())) for row in rows]
    sim = [[similarity(first[0], steps[j][0]) for j in range(m)] for first in firsts]
    pairs = weighted_lcs(sim, m)
    bounds = [(-1, -1), *pairs, (n, m)]
    for (r0, s0), (r1, s1) in itertools.pairwise(bounds):
        if r1 - r0 == s1 - s0 > 1:
            pairs += [(r0 + 1 + d, s0 + 1 + d) for d in range(r1 - r0 - 1)
                      if sim[r0 + 1 + d][s0 + 1 + d] >= 0.2
                      or similarity(firsts[r0 + 1 + d][1], steps[s0 + 1 + d][1]) >= 0.6]
    return {step: row for row, step in pairs}


def compare_family(members: Sequence[Sop]) -> FamilyComparison:
    """Compare the members of one family (at least two SOPs with the same ``kode``).

    Raises:
        ValueError: fewer than two members, or members with different ``kode``.
    """
    members = sorted(members, key=lambda p: p.key)
    if len(members) < 2 or len({p.kode for p in members}) != 1 or not members[0].kode:
        raise ValueError("a family needs two or more SOPs with the same kode")
    rows: list[dict[int, int]] = []
    texts: list[dict[int, tuple[str, str]]] = []
    for k, member in enumerate(members):
        member_texts = [(local_text(member, s.kegiatan), _cell(member, s).pelaksana) for s in member.langkah]
        mapping = _align_to_rows(texts, member_texts) if rows else {}
        for j, text in enumerate(member_texts):
            if j in mapping:
                rows[mapping[j]][k] = j
                texts[mapping[j]][k] = text
                continue
            after = max((r for r, row in enumerate(rows) if k in row and row[k] < j), default=-1)
            rows.insert(after + 1, {k: j})
            texts.insert(after + 1, {k: text})
            mapping = {s: (r + 1 if r > after else r) for s, r in mapping.items()}
    comparison = FamilyComparison(members[0].kode or "", list(members))
    for row in rows:
        cells: list[MatrixCell | None] = [
            _cell(members[k], members[k].langkah[row[k]]) if k in row else None for k in range(len(members))]
        ref = next(cell for cell in cells if cell is not None)
        for k, cell in enumerate(cells):
            if cell is None or cell is ref:
                continue
            differs = {name for name in ("kegiatan", "pelaksana", "waktu")
                       if normalise_text(getattr(cell, name)) != normalise_text(getattr(ref, name))}
            cells[k] = MatrixCell(cell.step, cell.kegiatan, cell.pelaksana, cell.waktu, frozenset(differs))
        comparison.rows.append(cells)
    comparison.pairwise = [diff_sops(members[0], other, normalise_local=True) for other in members[1:]]
    return comparison
