"""Generated SOP flows for the sheet invariants (tests with hypothesis, ``bench/sheets.py`` at scale).

:func:`random_flow` writes one SOP definition from a :class:`random.Random`: 1–8 lanes with short
or long names (words up to ~20 characters), 2–60 steps, decisions in any lane (first and last
included) returning one or many steps back, chains of decisions each returning one step further
back, forward jumps, joint steps of 2–3 lanes, long texts, A4 or F4, and both label styles.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

from hypothesis import strategies as st

from generator.model import Sop
from generator.sheet import load_checked

WORDS = ("memeriksa", "berkas", "permohonan", "menyampaikan", "kepada", "camat", "dokumen", "LKjIP",
         "verifikasi", "administrasi", "pemerintahan", "penandatanganan", "rekomendasi", "kelurahan")
LANE_NAMES = ("Camat", "Sekcam", "Staf", "Kasi Pemerintahan", "Kasubbag Perencanaan dan Keuangan",
              "Petugas Pelayanan Terpadu Satu Pintu", "Bendahara Pengeluaran Pembantu",
              "Kepala Bidang Penyelenggaraan Pemerintahan dan Pengembangan Kapasitas Aparatur",
              "Kepala Sub Bagian Umum/Kepegawaian", "Pemohon", "Tim Penyusun LKjIP")


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def random_flow(rng: random.Random) -> str:
    """The YAML text of one generated SOP (valid: it passes ``sop check`` unless it cannot fit)."""
    lanes = rng.randint(1, 8)
    names = [rng.choice(LANE_NAMES) for _ in range(lanes)]
    count = rng.randint(2, 60)
    labels = rng.choice([("Ya", "Tidak"), ("Setuju", "Tidak setuju")])
    steps: list[dict[str, object]] = []
    for _ in range(count):
        step: dict[str, object] = {"kegiatan": _text(rng, 2, 30 if rng.random() < 0.2 else 10),
                                   "pelaksana": [f"l{rng.randrange(lanes)}"], "waktu": f"{rng.randint(1, 59)} menit"}
        if lanes >= 2 and rng.random() < 0.08:
            step["pelaksana"] = [f"l{i}" for i in sorted(rng.sample(range(lanes), min(lanes, rng.randint(2, 3))))]
        if rng.random() < 0.3:
            step["kelengkapan"] = [_text(rng, 1, 12) for _ in range(rng.randint(1, 3))]
        steps.append(step)
    # decisions: single returns, chains each returning one step further back, forward jumps
    n = 2
    while n < count:
        roll = rng.random()
        if roll < 0.15:
            steps[n - 1].update(ya=n + 1, tidak=rng.randint(1, n - 1))
        elif roll < 0.2 and n + 3 < count:
            for k in range(3):
                steps[n - 1 + k].update(ya=n + k + 1, tidak=max(1, n - 1 - k))
            n += 3
        elif roll < 0.23 and n + 3 < count:  # a forward jump: "ya" skips ahead
            steps[n - 1].update(ya=rng.randint(n + 2, count), tidak=n + 1)
        n += 1
    for step in steps:
        if "ya" in step and labels != ("Ya", "Tidak"):
            step.update(label_ya=labels[0], label_tidak=labels[1])
    lines = ["nama: Alur buatan", f"render: {{paper: {rng.choice(['A4', 'F4'])}}}", "pelaksana:"]
    lines += [f'  - {{id: l{i}, label: "{name}"}}' for i, name in enumerate(names)]
    lines.append("langkah:")
    for step in steps:
        lines.append("  - " + "{" + ", ".join(f"{key}: {_yaml(value)}" for key, value in step.items()) + "}")
    return "\n".join(lines) + "\n"


def _yaml(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace('"', "'") + '"'


def is_chain_with_returns(sop: Sop) -> bool:
    """A forward chain whose returns are nested or disjoint, no forward jumps (issue §1.6: 0 crossings)."""
    spans = []
    for edge in sop.edges:
        if edge.target > edge.source + 1:
            return False
        if edge.target < edge.source:
            spans.append((edge.target, edge.source))
    return not any(a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]
                   for i, a in enumerate(spans) for b in spans[i + 1:])



def checked_flows(root: Path, seed: int, count: int,
                  keep: Callable[[Sop], bool] = lambda _: True) -> Iterator[Sop]:
    """*count* generated flows (fixed *seed*) that pass ``sop check`` and *keep*, validated.

    Each is written to ``<root>/sop_definitions/uji/kec/alur.yaml`` in turn (beside an
    ``instansi.yaml``), so a failing assertion can show the file's text.
    """
    folder = root / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    rng, given = random.Random(seed), 0
    while given < count:
        (folder / "alur.yaml").write_text(random_flow(rng))
        catalog = load_checked([folder / "alur.yaml"])
        if catalog.problems or not keep(catalog.sops[0]):
            continue
        given += 1
        yield catalog.sops[0]


flows = st.randoms(use_true_random=False).map(random_flow)
"""Hypothesis strategy of generated SOP texts."""
