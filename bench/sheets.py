"""The sheet invariants on thousands of generated flows: violations per invariant, crossings, worst cases.

    .venv/bin/python bench/sheets.py --n 2000 [--seed 1] [--out /tmp/sheets]

Each flow comes from ``tests/flows.random_flow`` (fixed seed); it is validated and laid out like
``sop check`` + ``sop pdf`` would, then checked with ``tests/invariants.violations``. The worst
flows (most violations, most crossings) and every chain-with-returns flow that has a crossing
(the target there is none) are written to ``--out`` as YAML to look at.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.errors import RenderError
from generator.sheet import layout_sop, load_checked
from tests.flows import is_chain_with_returns, random_flow
from tests.invariants import crossings, violations


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "sheets")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp()) / "sop_definitions" / "uji" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text("pemda: PEMERINTAH UJI\nunit: KECAMATAN UJI\n")
    per_invariant: Counter[str] = Counter()
    histogram: Counter[int] = Counter()
    refused = failed = 0
    chains: Counter[str] = Counter()
    crossed_chains: list[str] = []
    worst: list[tuple[int, int, str]] = []
    started = time.monotonic()
    for number in range(args.n):
        text = random_flow(rng)
        path = folder / f"alur-{number}.yaml"
        path.write_text(text)
        catalog = load_checked([path])
        path.unlink()
        if catalog.problems:
            refused += 1
            continue
        try:
            layout = layout_sop(catalog.sops[0])
        except RenderError:
            failed += 1
            worst.append((10_000, 0, text))
            continue
        found = violations(layout)
        per_invariant.update({name: 1 for name in found})
        count = crossings(layout)
        histogram[count] += 1
        if is_chain_with_returns(catalog.sops[0]):
            chains["semua"] += 1
            chains["tanpa persilangan"] += count == 0
            if count:
                crossed_chains.append(text)
        worst.append((sum(len(v) for v in found.values()), count, text))
    print(f"{args.n} alur dalam {time.monotonic() - started:.0f} detik: {refused} ditolak sop check, "
          f"{failed} gagal dirute (RenderError)")
    print("pelanggaran per invarian (jumlah alur):")
    for name, value in sorted(per_invariant.items()):
        print(f"  {name}: {value}")
    print("persilangan panah per alur:", dict(sorted(histogram.items())))
    print(f"alur rantai dengan balikan bersarang/terpisah (tanpa lompatan maju): {chains['semua']}, "
          f"tanpa persilangan: {chains['tanpa persilangan']}")
    args.out.mkdir(parents=True, exist_ok=True)
    for rank, (bad, count, text) in enumerate(sorted(worst, reverse=True)[:10]):
        target = args.out / f"terburuk-{rank + 1}.yaml"
        target.write_text(text)
        print(f"  {target}: {bad} pelanggaran, {count} persilangan")
    for rank, text in enumerate(crossed_chains):
        target = args.out / f"rantai-bersilang-{rank + 1}.yaml"
        target.write_text(text)
        print(f"  {target}: alur rantai dengan persilangan")


if __name__ == "__main__":
    main()
