"""Semantic diff of two SOPs (revision or kecamatan), pure: Sop × Sop → SopDiff.

Compared by meaning, not by line (a reader asks "which step changed", not "which line"):

* identity fields one by one; list fields (Dasar Hukum, Kualifikasi, …) as ordered lists;
* lanes by id (renamed, added, removed, reordered);
* steps aligned by content similarity (weighted LCS over kegiatan words), so that an inserted,
  removed or moved step is reported as such and the steps after it are not;
* per aligned step: kegiatan (word level), pelaksana, symbol, branches (targets followed through
  the alignment), kelengkapan, waktu (with the delta), output, keterangan; total Jumlah waktu.

Differences of whitespace, punctuation, case or look-alike characters ("No." vs "No", "S1" vs
"SI") are kept but marked ``minor``. With ``normalise_local=True`` (comparing kecamatan), the
names of kecamatan, pemda and signing official become placeholders and the naturally local
fields (Nomor, dates, signatory, instansi) are not compared.

The result models are pydantic classes: ``SopDiff.model_json_schema()`` is the documented,
stable JSON output of ``sop diff --format json`` (committed as ``schema/diff.schema.json``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.formatting import format_tanggal
from generator.model import DEFAULT_LABELS, Langkah, Sop

__all__ = ["DIFF_SCHEMA_VERSION", "Change", "Side", "SopDiff", "WordSpan", "align_steps", "changed_steps",
           "diff_sops",
           "local_text", "normalise_text", "similarity", "step_mapping", "word_diff"]

DIFF_SCHEMA_VERSION: Literal[1] = 1
MATCH_THRESHOLD = 0.45
"""Least kegiatan similarity (0–1) for two steps to be the same step."""
MOVE_THRESHOLD = 0.7
"""Least similarity for an unaligned removed/added pair to be reported as one moved step."""

Section = Literal["identitas", "pelaksana", "langkah", "tampilan", "jumlah_waktu"]
Kind = Literal["added", "removed", "changed", "moved", "renamed", "reordered"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WordSpan(_Out):
    """A run of words of a text change: kept (``equal``), removed (``delete``) or added (``insert``)."""

    op: Literal["equal", "delete", "insert"]
    text: str


class Change(_Out):
    """One difference, phrased for people (``label``) and for tools (the other fields)."""

    kind: Kind = Field(description="added, removed, changed, moved, renamed or reordered.")
    section: Section = Field(description="identitas, pelaksana, langkah, tampilan or jumlah_waktu.")
    field: str = Field(description="Stable key of the compared field, e.g. 'nama', 'dasar_hukum', 'langkah.waktu'.")
    label: str = Field(description="What changed, in Bahasa Indonesia, e.g. 'Langkah 3 – Waktu'.")
    old_step: int | None = Field(None, description="Step number in the old SOP (1-based), for step changes.")
    new_step: int | None = Field(None, description="Step number in the new SOP (1-based), for step changes.")
    old: str | list[str] | None = Field(None, description="Value before (text or list of items).")
    new: str | list[str] | None = Field(None, description="Value after.")
    minor: bool = Field(False, description="Only whitespace, punctuation, case or look-alike characters differ.")
    words: list[WordSpan] | None = Field(None, description="Word-level changes of a text.")
    delta: str | None = Field(None, description="Difference of a Waktu, e.g. '+2 hari'.")


class Side(_Out):
    """One of the two compared SOPs."""

    source: str = Field(description="File (and '@revision') the SOP was read from.")
    key: str = Field(description="<pemda>/<kecamatan>/<slug>.")
    nama: str
    kecamatan: str
    steps: int
    total_waktu: str


class SopDiff(_Out):
    """The semantic difference between two SOPs (the JSON output of ``sop diff``)."""

    schema_version: Literal[1] = DIFF_SCHEMA_VERSION
    old: Side
    new: Side
    normalised: bool = Field(description="Local tokens (kecamatan, pemda, pejabat) were replaced before comparing.")
    equal: bool = Field(description="No change at all, not even a minor one.")
    changes: list[Change]

    @property
    def substantive(self) -> list[Change]:
        """Changes that are not minor."""
        return [c for c in self.changes if not c.minor]


# -- normalisation ---------------------------------------------------------------------
_LOOKALIKE = str.maketrans({"1": "i", "0": "o"})


def normalise_text(text: str) -> str:
    """The form used to decide whether a difference is minor.

    >>> normalise_text("No.") == normalise_text("no")
    True
    >>> normalise_text("Pendidikan : S1/ D3/SLTA") == normalise_text("Pendidikan : SI/ D3/ SLTA")
    True
    >>> normalise_text("10 menit") == normalise_text("1o menit")
    False
    """
    words = re.sub(r"[^\w]+", " ", text.lower()).split()
    return " ".join(w.translate(_LOOKALIKE) if re.search(r"[a-z]", w) and re.search(r"\d", w) else w
                    for w in words)


def _local_tokens(sop: Sop) -> list[tuple[re.Pattern[str], str]]:
    """Patterns of the kecamatan, pemda and official names of *sop* and their placeholders."""
    unit = sop.instansi
    names: list[tuple[str, str]] = []
    kecamatan = re.sub(r"^KECAMATAN\s+", "", unit.unit.strip(), flags=re.I).strip('" ')
    pemda = re.sub(r"^(PEMERINTAH\s+)?(KOTA|KABUPATEN|KAB\.?)\s+", "", unit.pemda.strip(), flags=re.I)
    names += [(kecamatan, "[kecamatan]"), (pemda, "[pemda]")]
    for official in (sop.disahkan_oleh, unit.kepala):
        if official and official.nama:
            names.append((official.nama, "[pejabat]"))
    return [(re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I), placeholder)
            for name, placeholder in names if name]


class _Text:
    """Text accessor applying the local-token placeholders when comparing kecamatan."""

    def __init__(self, sop: Sop, normalise_local: bool) -> None:
        self.patterns = _local_tokens(sop) if normalise_local else []

    def __call__(self, text: str | None) -> str:
        text = " ".join((text or "").split())
        for pattern, placeholder in self.patterns:
            text = pattern.sub(placeholder, text)
        return text


def word_diff(old: str, new: str) -> list[WordSpan]:
    """Word-level changes from *old* to *new*.

    >>> [(s.op, s.text) for s in word_diff("Membuat format data", "Membuat Format data kinerja")]
    [('equal', 'Membuat'), ('delete', 'format'), ('insert', 'Format'), ('equal', 'data'), ('insert', 'kinerja')]
    """
    a, b = old.split(), new.split()
    spans: list[WordSpan] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            spans.append(WordSpan(op="equal", text=" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            spans.append(WordSpan(op="delete", text=" ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            spans.append(WordSpan(op="insert", text=" ".join(b[j1:j2])))
    return spans


# -- alignment -------------------------------------------------------------------------
def similarity(a: str, b: str) -> float:
    """Similarity (0–1) of two texts by their normalised words.

    >>> similarity("Membuat draft LKjIP", "membuat draft lkjip.")
    1.0
    """
    return _similarity(a, b)


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(normalise_text(text).split())


@functools.lru_cache(maxsize=65536)
def _word_set(text: str) -> tuple[frozenset[str], int]:
    """The distinct words of *text* and the largest number of times one of them occurs."""
    words = _words(text)
    return frozenset(words), max((words.count(w) for w in set(words)), default=0)


@functools.lru_cache(maxsize=1 << 18)
def _similarity(a: str, b: str) -> float:
    # Memoised: a family comparison asks for the same pairs again whenever one member changes.
    wa, wb = _words(a), _words(b)
    if not wa and not wb:
        return 1.0
    (sa, ra), (sb, rb) = _word_set(a), _word_set(b)
    # An upper bound of the ratio from set operations (C speed): every matched word is a shared
    # word, matched at most max(ra, rb) times. Below 0.2 it is under every threshold used here.
    upper = 2 * len(sa & sb) * max(ra, rb) / (len(wa) + len(wb))
    if upper < 0.2:
        return upper
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    upper = matcher.quick_ratio()
    if upper < 0.2:  # below every threshold used here: skip the exact (slower) ratio
        return upper
    return matcher.ratio()


def weighted_lcs(sim: Sequence[Sequence[float]], width: int,
                 threshold: float = MATCH_THRESHOLD) -> list[tuple[int, int]]:
    """In-order pairs ``(row, column)`` maximising the summed similarity.

    ``sim`` is a rows × ``width`` matrix of scores in [0, 1]; cells below ``threshold`` never
    pair. Dynamic programming in O(rows × width) time and memory.

    >>> weighted_lcs([[1.0, 0.0], [0.0, 0.9]], 2)
    [(0, 0), (1, 1)]
    """
    n, m = len(sim), width
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= threshold else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= threshold and abs(best[i][j] - (best[i + 1][j + 1] + sim[i][j])) < 1e-9:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def align_steps(old: Sequence[str], new: Sequence[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Align two step lists by kegiatan text.

    Returns the in-order pairs ``(old_index, new_index)`` of the best weighted LCS (pairs below
    :data:`MATCH_THRESHOLD` never match) and the moved pairs found among what is left.

    >>> align_steps(["a b c", "d e f", "g h i"], ["a b c", "x y z", "d e f", "g h i"])[0]
    [(0, 0), (1, 2), (2, 3)]
    """
    n, m = len(old), len(new)
    sim = [[_similarity(old[i], new[j]) for j in range(m)] for i in range(n)]
    pairs = weighted_lcs(sim, m)
    matched_old, matched_new = {p[0] for p in pairs}, {p[1] for p in pairs}
    candidates = sorted(((sim[a][b], a, b) for a in range(n) for b in range(m)
                         if a not in matched_old and b not in matched_new and sim[a][b] >= MOVE_THRESHOLD),
                        reverse=True)
    moved: list[tuple[int, int]] = []
    for _, a, b in candidates:
        if a not in matched_old and b not in matched_new:
            moved.append((a, b))
            matched_old.add(a)
            matched_new.add(b)
    return pairs, sorted(moved)


# -- comparison ------------------------------------------------------------------------
class _Differ:
    def __init__(self, old: Sop, new: Sop, normalise_local: bool) -> None:
        self.old, self.new = old, new
        self.t_old, self.t_new = _Text(old, normalise_local), _Text(new, normalise_local)
        self.local = normalise_local
        self.changes: list[Change] = []

    def add(self, **fields: object) -> None:
        self.changes.append(Change(**fields))

    def text(self, section: Section, field: str, label: str, a: str | None, b: str | None,
             **step: int | None) -> None:
        ta, tb = self.t_old(a), self.t_new(b)
        if ta == tb:
            return
        if not ta or ta == "-":
            kind: Kind = "added" if tb and tb != "-" else "changed"
        elif not tb or tb == "-":
            kind = "removed"
        else:
            kind = "changed"
        minor = normalise_text(ta) == normalise_text(tb) or {ta, tb} <= {"", "-"}
        words = word_diff(ta, tb) if kind == "changed" and ta and tb else None
        self.add(kind=kind, section=section, field=field, label=label, old=ta or None, new=tb or None,
                 minor=minor, words=words, **step)

    def items(self, section: Section, field: str, label: str, a: Sequence[str], b: Sequence[str],
              **step: int | None) -> None:
        """Ordered list diff: added, removed and changed items (changed = similar enough)."""
        ra, rb = [self.t_old(x) for x in a], [self.t_new(x) for x in b]
        na, nb = [normalise_text(x) for x in ra], [normalise_text(x) for x in rb]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
            if op == "equal":
                for x, y in zip(ra[i1:i2], rb[j1:j2], strict=True):
                    if x != y:
                        self.add(kind="changed", section=section, field=field, label=label, old=x, new=y,
                                 minor=True, words=word_diff(x, y), **step)
                continue
            matched = dict(align_steps(ra[i1:i2], rb[j1:j2])[0])
            partner = {i1 + a: j1 + b for a, b in matched.items()}
            taken = set(partner.values())
            j = j1
            for i in range(i1, i2):
                if i in partner:
                    for k in range(j, partner[i]):
                        if k not in taken:
                            self.add(kind="added", section=section, field=field, label=label, new=rb[k], **step)
                    x, y = ra[i], rb[partner[i]]
                    self.add(kind="changed", section=section, field=field, label=label, old=x, new=y,
                             words=word_diff(x, y), **step)
                    j = partner[i] + 1
                else:
                    self.add(kind="removed", section=section, field=field, label=label, old=ra[i], **step)
            for k in range(j, j2):
                if k not in taken:
                    self.add(kind="added", section=section, field=field, label=label, new=rb[k], **step)

    # identity --------------------------------------------------------------------------
    def identity(self) -> None:
        o, n = self.old, self.new
        labels = n.options.labels
        if not self.local:
            self.text("identitas", "nomor", labels["nomor"], o.nomor, n.nomor)
            for key, da, db in (("tgl_pembuatan", o.tgl_pembuatan, n.tgl_pembuatan),
                                ("tgl_revisi", o.tgl_revisi, n.tgl_revisi),
                                ("tgl_efektif", o.tgl_efektif, n.tgl_efektif)):
                self.text("identitas", key, labels[key], _date(da), _date(db))
            for key, a, b in (("disahkan_oleh.jabatan", _jabatan(o), _jabatan(n)),
                              ("disahkan_oleh.nama", _attr(o, "nama"), _attr(n, "nama")),
                              ("disahkan_oleh.nip", _attr(o, "nip"), _attr(n, "nip"))):
                self.text("identitas", key, f"{labels['disahkan_oleh']} – {key.split('.')[1].capitalize()}", a, b)
        self.text("identitas", "nama", labels["nama_sop"], o.nama, n.nama)
        for key in o.identitas:
            self.items("identitas", key, labels[key], o.identitas[key], n.identitas[key])

    def lanes(self) -> None:
        old_ids = [lane.id for lane in self.old.pelaksana]
        new_ids = [lane.id for lane in self.new.pelaksana]
        old_by, new_by = {x.id: x for x in self.old.pelaksana}, {x.id: x for x in self.new.pelaksana}
        for lane_id in old_ids:
            if lane_id in new_by and self.t_old(old_by[lane_id].label) != self.t_new(new_by[lane_id].label):
                a, b = self.t_old(old_by[lane_id].label), self.t_new(new_by[lane_id].label)
                self.add(kind="renamed", section="pelaksana", field=f"pelaksana.{lane_id}",
                         label=f"Kolom pelaksana '{lane_id}'", old=a, new=b,
                         minor=normalise_text(a) == normalise_text(b), words=word_diff(a, b))
        for lane_id in old_ids:
            if lane_id not in new_by:
                self.add(kind="removed", section="pelaksana", field=f"pelaksana.{lane_id}",
                         label="Kolom pelaksana", old=self.t_old(old_by[lane_id].label))
        for lane_id in new_ids:
            if lane_id not in old_by:
                self.add(kind="added", section="pelaksana", field=f"pelaksana.{lane_id}",
                         label="Kolom pelaksana", new=self.t_new(new_by[lane_id].label))
        common_old = [x for x in old_ids if x in new_by]
        common_new = [x for x in new_ids if x in old_by]
        if common_old != common_new:
            self.add(kind="reordered", section="pelaksana", field="pelaksana", label="Urutan kolom pelaksana",
                     old=[self.t_old(old_by[x].label) for x in common_old],
                     new=[self.t_new(new_by[x].label) for x in common_new])

    # steps ------------------------------------------------------------------------------
    def alignment(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Aligned step pairs (in order, including steps rewritten in place) and moved pairs."""
        pairs, moved = align_steps([self.t_old(s.kegiatan) for s in self.old.langkah],
                                   [self.t_new(s.kegiatan) for s in self.new.langkah])
        return sorted(pairs + self._rewritten(pairs, moved)), moved

    def steps(self) -> None:
        old_steps, new_steps = self.old.langkah, self.new.langkah
        pairs, moved = self.alignment()
        mapping = dict(pairs + moved)
        matched_new = set(mapping.values())
        for i, step in enumerate(old_steps):
            if i not in mapping:
                self.add(kind="removed", section="langkah", field="langkah", label=f"Langkah {step.number}",
                         old_step=step.number, old=self.t_old(step.kegiatan))
        for j, step in enumerate(new_steps):
            if j not in matched_new:
                self.add(kind="added", section="langkah", field="langkah", label=f"Langkah {step.number}",
                         new_step=step.number, new=self.t_new(step.kegiatan))
        for i, j in moved:
            self.add(kind="moved", section="langkah", field="langkah",
                     label=f"Langkah {i + 1} pindah menjadi langkah {j + 1}", old_step=i + 1, new_step=j + 1,
                     old=self.t_old(old_steps[i].kegiatan), new=self.t_new(new_steps[j].kegiatan))
        for i, j in sorted(pairs + moved, key=lambda p: p[1]):
            self.step(old_steps[i], new_steps[j], mapping)

    def _rewritten(self, pairs: list[tuple[int, int]], moved: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Steps rewritten in place, paired in order.

        In a gap between aligned steps holding as many old as new steps, pair them when they keep
        their executor or share some words.
        """
        taken_old = {a for a, _ in pairs + moved}
        taken_new = {b for _, b in pairs + moved}
        bounds = [(-1, -1), *sorted(pairs), (len(self.old.langkah), len(self.new.langkah))]
        extra = []
        for (a0, b0), (a1, b1) in itertools.pairwise(bounds):
            gap_old = [i for i in range(a0 + 1, a1) if i not in taken_old]
            gap_new = [j for j in range(b0 + 1, b1) if j not in taken_new]
            if gap_old and len(gap_old) == len(gap_new):
                for i, j in zip(gap_old, gap_new, strict=True):
                    a, b = self.old.langkah[i], self.new.langkah[j]
                    same_lanes = self._lane_ids(self.old, a) == self._lane_ids(self.new, b)
                    if same_lanes or _similarity(a.kegiatan, b.kegiatan) >= 0.2:
                        extra.append((i, j))
        return extra

    @staticmethod
    def _lane_ids(sop: Sop, step: Langkah) -> tuple[str, ...]:
        return tuple(sop.pelaksana[x].id for x in step.pelaksana)

    def step(self, a: Langkah, b: Langkah, mapping: dict[int, int]) -> None:
        where = {"old_step": a.number, "new_step": b.number}
        name = f"Langkah {b.number}" if a.number == b.number else f"Langkah {a.number} → {b.number}"
        labels = self.new.options.labels
        self.text("langkah", "langkah.kegiatan", f"{name} – {labels['kegiatan']}", a.kegiatan, b.kegiatan, **where)
        if self._lane_ids(self.old, a) != self._lane_ids(self.new, b):  # a renamed lane is reported once
            lanes_a = " + ".join(self.t_old(self.old.pelaksana[x].label) for x in a.pelaksana)
            lanes_b = " + ".join(self.t_new(self.new.pelaksana[x].label) for x in b.pelaksana)
            self.add(kind="changed", section="langkah", field="langkah.pelaksana",
                     label=f"{name} – {labels['pelaksana']}", old=lanes_a, new=lanes_b, **where)
        if a.symbol != b.symbol:
            self.add(kind="changed", section="langkah", field="langkah.simbol", label=f"{name} – Simbol",
                     old=_SYMBOL[a.symbol], new=_SYMBOL[b.symbol], **where)
        self.branches(a, b, mapping, name, where)
        self.items("langkah", "langkah.kelengkapan", f"{name} – {labels['kelengkapan']}", a.kelengkapan,
                   b.kelengkapan, **where)
        wa, wb = a.waktu.text if a.waktu else None, b.waktu.text if b.waktu else None
        before = len(self.changes)
        self.text("langkah", "langkah.waktu", f"{name} – {labels['waktu']}", wa, wb, **where)
        if len(self.changes) > before and a.waktu and b.waktu and a.waktu.unit == b.waktu.unit \
                and b.waktu.high != a.waktu.high:
            delta = b.waktu.high - a.waktu.high
            last = self.changes[-1]
            self.changes[-1] = last.model_copy(update={"delta": f"{_signed(delta)} {b.waktu.unit}"})
        self.items("langkah", "langkah.output", f"{name} – {labels['output']}", a.output, b.output, **where)
        self.text("langkah", "langkah.keterangan", f"{name} – {labels['keterangan']}", a.keterangan,
                  b.keterangan, **where)

    def branches(self, a: Langkah, b: Langkah, mapping: dict[int, int], name: str, where: dict[str, int]) -> None:
        out_a = {e.kind: e for e in self.old.outgoing(a.index) if e.kind != "next"}
        out_b = {e.kind: e for e in self.new.outgoing(b.index) if e.kind != "next"}
        for kind in ("ya", "tidak"):
            ea, eb = out_a.get(kind), out_b.get(kind)
            if ea is None and eb is None:
                continue
            target_a = mapping.get(ea.target) if ea else None
            desc_a = self._branch(self.old, self.t_old, ea.label, ea.target) if ea else None
            desc_b = self._branch(self.new, self.t_new, eb.label, eb.target) if eb else None
            if ea and eb and target_a == eb.target and self.t_old(ea.label) == self.t_new(eb.label):
                continue
            kind_change: Kind = "added" if ea is None else "removed" if eb is None else "changed"
            minor = bool(ea and eb and target_a == eb.target)
            self.add(kind=kind_change, section="langkah", field=f"langkah.cabang_{kind}",
                     label=f"{name} – Cabang {kind.capitalize()}", old=desc_a, new=desc_b, minor=minor, **where)

    @staticmethod
    def _branch(sop: Sop, text: _Text, label: str | None, target: int) -> str:
        """``Tidak → langkah 3 (Memverifikasi data dan membuat…)``."""
        words = text(sop.langkah[target].kegiatan).split()
        gist = " ".join(words[:5]) + ("…" if len(words) > 5 else "")
        return f"{text(label)} → langkah {target + 1} ({gist})"

    def display(self) -> None:
        o, n = self.old.options, self.new.options
        for key, label in (("kolom_keterangan", "Kolom Keterangan"), ("nomor_kolom", "Baris nomor kolom"),
                           ("paper", "Ukuran kertas"), ("orientation", "Orientasi"),
                           ("signature_position", "Letak tanda tangan")):
            a, b = getattr(o, key), getattr(n, key)
            if a != b:
                self.add(kind="changed", section="tampilan", field=f"render.{key}", label=label,
                         old=_yes_no(a), new=_yes_no(b))
        for key in n.labels:
            self.text("tampilan", f"render.labels.{key}", f"Label {DEFAULT_LABELS.get(key, key)}", o.labels[key],
                      n.labels[key])

    def total(self) -> None:
        if self.old.total_waktu != self.new.total_waktu:
            self.add(kind="changed", section="jumlah_waktu", field="total_waktu", label="Jumlah waktu",
                     old=self.old.total_waktu, new=self.new.total_waktu)


_SYMBOL = {"terminator": "kapsul", "process": "kotak", "decision": "belah ketupat"}


def _date(value: dt.date | None) -> str | None:
    return format_tanggal(value) if value is not None else None


def _jabatan(p: Sop) -> str | None:
    return " ".join(p.disahkan_oleh.jabatan) if p.disahkan_oleh else None


def _attr(p: Sop, name: str) -> str | None:
    return getattr(p.disahkan_oleh, name) if p.disahkan_oleh else None


_WORDS: dict[object, str] = {
    True: "ya", False: "tidak", "landscape": "mendatar (landscape)", "portrait": "tegak (portrait)",
    "identity": "di tabel identitas", "end": "di akhir lembar", "both": "di tabel identitas dan di akhir"}
"""Option values as the reader says them (paper sizes stay as they are: A4, F4)."""


def _yes_no(value: object) -> str:
    """An option value in words: ``True`` → "ya", ``"end"`` → "di akhir lembar", ``"F4"`` → "F4"."""
    return _WORDS.get(value, str(value))


def _signed(value: Fraction) -> str:
    text = str(value.numerator) if value.denominator == 1 else f"{float(value):g}".replace(".", ",")
    return f"+{text}" if value > 0 else text


def _side(p: Sop, source: str) -> Side:
    return Side(source=source, key=p.key, nama=p.nama, kecamatan=p.instansi.unit, steps=len(p.langkah),
                total_waktu=p.total_waktu)


def changed_steps(diff: SopDiff) -> dict[int, str]:
    """New step index → ``added`` or ``changed`` for every step a substantive change touches."""
    marks: dict[int, str] = {}
    for change in diff.substantive:
        if change.section == "langkah" and change.new_step is not None:
            kind = "added" if change.kind == "added" and change.field == "langkah" else "changed"
            if marks.get(change.new_step - 1) != "added":
                marks[change.new_step - 1] = kind
    return marks


def step_mapping(old: Sop, new: Sop, *, normalise_local: bool = False) -> dict[int, int]:
    """Old step index → new step index for every step the diff treats as the same step."""
    pairs, moved = _Differ(old, new, normalise_local).alignment()
    return dict(pairs + moved)


def local_text(sop: Sop, text: str | None) -> str:
    """*text* with the local names of *sop* replaced by placeholders ("[kecamatan]")."""
    return _Text(sop, True)(text)


def diff_sops(old: Sop, new: Sop, *, normalise_local: bool = False,
                    old_source: str = "", new_source: str = "") -> SopDiff:
    """The semantic difference from *old* to *new* (see the module docstring for the rules)."""
    differ = _Differ(old, new, normalise_local)
    differ.identity()
    differ.lanes()
    differ.steps()
    differ.display()
    differ.total()
    return SopDiff(old=_side(old, old_source or str(old.source)), new=_side(new, new_source or str(new.source)),
                   normalised=normalise_local, equal=not differ.changes, changes=differ.changes)
