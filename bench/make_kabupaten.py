"""Generate a synthetic kabupaten from the seed SOPs' own texts, for benchmarks.

    .venv/bin/python bench/make_kabupaten.py OUT_DIR --kecamatan 30 --sop 20

Every SOP is varied: 3–7 lanes, 5–40 steps, decisions with loop-backs, some long texts that
wrap over many lines, so sheets take 1–4 flowchart pages. SOP number j has the same ``kode``
in every kecamatan (families for the comparison pages). Deterministic for a given size.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.definitions import load_catalog  # noqa: E402


def _mkdocs_yml() -> str:
    """The project's own ``mkdocs.yml`` (theme features, extensions, assets) for a bench folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}"),
                     ("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}"),
                     ("definitions: sop_definitions", "definitions: sop_definitions\n      history: 0")):
        if old not in text:
            raise SystemExit(f"mkdocs.yml tidak memuat '{old}'")
        text = text.replace(old, new)
    return text


def _pool() -> dict[str, list[str]]:
    catalog = load_catalog([ROOT / "sop_definitions"])
    steps = [s for p in catalog.sops for s in p.langkah]
    return {
        "kegiatan": [s.kegiatan.replace("\n", " ") for s in steps],
        "kelengkapan": sorted({k for s in steps for k in s.kelengkapan}),
        "output": sorted({o for s in steps for o in s.output}),
        "waktu": sorted({s.waktu.text for s in steps if s.waktu}),
        "lane": sorted({lane.label for p in catalog.sops for lane in p.pelaksana}),
        "nama": sorted({p.nama for p in catalog.sops}),
    }


def _sop(rng: random.Random, pool: dict[str, list[str]], number: int, lanes: int, steps: int) -> dict[str, object]:
    labels = rng.sample(pool["lane"], lanes)
    langkah: list[dict[str, object]] = []
    for n in range(1, steps + 1):
        text = rng.choice(pool["kegiatan"])
        if rng.random() < 0.15:
            text = " ".join(rng.sample(pool["kegiatan"], 3))
        step: dict[str, object] = {
            "kegiatan": text, "pelaksana": f"l{rng.randrange(lanes)}",
            "kelengkapan": rng.sample(pool["kelengkapan"], rng.randint(1, 3)),
            "waktu": rng.choice(pool["waktu"]), "output": rng.choice(pool["output"])}
        if 3 < n < steps and n % 7 == 0:
            step.update({"ya": n + 1, "tidak": n - rng.randint(1, 3), "label_tidak": "Tidak setuju"})
        langkah.append(step)
    return {"kode": f"prosedur-{number}", "nomor": f"B.{number:03d}/SOP/2025",
            "nama": f"{rng.choice(pool['nama'])} ({number})", "tanggal": {"pembuatan": "2025-01-02"},
            "dasar_hukum": ["Peraturan Menteri PANRB Nomor 35 Tahun 2012"],
            "pelaksana": [{"id": f"l{i}", "label": label} for i, label in enumerate(labels)],
            "langkah": langkah}


def make_kabupaten(out: Path, kecamatan: int, per_kecamatan: int, seed: int = 1) -> Path:
    """Write ``out/sop_definitions/kabupaten-bench/…`` and ``out/mkdocs.yml``; return *out*."""
    rng = random.Random(seed)
    pool = _pool()
    base = out / "sop_definitions" / "kabupaten-bench"
    for k in range(1, kecamatan + 1):
        folder = base / f"kecamatan-{k:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        instansi = {"pemda": "PEMERINTAH KABUPATEN BENCH", "unit": f"KECAMATAN BENCH {k}",
                    "disahkan_oleh": {"jabatan": f"CAMAT BENCH {k}", "nama": "NAMA CAMAT, S.STP",
                                      "nip": "19800101 200501 1 001"}, "render": {"paper": "F4"}}
        (folder / "instansi.yaml").write_text(yaml.safe_dump(instansi, allow_unicode=True, sort_keys=False))
        for j in range(1, per_kecamatan + 1):
            sop = _sop(rng, pool, j, 3 + (k + j) % 5, 5 + (k * 7 + j * 11) % 36)
            (folder / f"sop-{j:02d}.yaml").write_text(yaml.safe_dump(sop, allow_unicode=True, sort_keys=False))
    (out / "mkdocs.yml").write_text(_mkdocs_yml())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--kecamatan", type=int, default=30)
    parser.add_argument("--sop", type=int, default=20)
    args = parser.parse_args()
    make_kabupaten(args.out, args.kecamatan, args.sop)
    print(f"{args.kecamatan * args.sop} SOP ditulis ke {args.out}")


if __name__ == "__main__":
    main()
