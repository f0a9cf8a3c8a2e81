"""Word round trip and the rule checker on inputs nobody wrote by hand; prints the figures.

    .venv/bin/python bench/word.py --flows 100 --kecamatan 3 --sop 10

1. Generated flows (``tests/flows.py``, seed 11: 1–8 lanes, 2–60 steps, decisions, chains,
   forward jumps, joint steps, off-page connectors): each is exported with ``sop export`` and
   imported back three ways — as exported; without the shapes' alternative text (the
   branches must come from the connectors' glue); and without alternative text and glue (the
   connectors' geometry, the branch labels, the off-page letters). Prints how many import to
   exactly the same flow (lanes, kinds, texts, every edge with its branch) and the time per flow.
2. A synthetic kabupaten (``bench/make_kabupaten.py``): ``sop lint`` on every SOP (time, the
   findings per rule), and export + import of each SOP (how many come back equal).
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_kabupaten import make_kabupaten  # noqa: E402

from generator.definitions import load_catalog  # noqa: E402
from generator.lint import lint  # noqa: E402
from generator.model import Sop  # noqa: E402
from generator.word import export_docx, import_document  # noqa: E402
from tests.flows import checked_flows  # noqa: E402
from tests.word.docx_fixtures import stripped  # noqa: E402

MODES = {"utuh": [], "tanpa teks alternatif": [r' descr="[^"]*"'],
         "tanpa teks alternatif dan lem": [r' descr="[^"]*"', r"<a:(?:stCxn|endCxn) [^>]*/>"]}


def _flow(sop: Sop) -> list[tuple[object, ...]]:
    return [(tuple(sop.pelaksana[k].label for k in s.pelaksana), s.symbol, s.kegiatan, s.kelengkapan,
             s.waktu.text if s.waktu else None, tuple((e.kind, e.target) for e in sop.outgoing(s.index)))
            for s in sop.langkah]


def _back(sop: Sop, data: bytes, work: Path) -> bool:
    """Whether *data* (a .docx) imports to *sop*'s flow."""
    document = work / "alur.docx"
    document.write_bytes(data)
    folder = work / "kembali" / sop.key
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "instansi.yaml").write_text(sop.source.with_name("instansi.yaml").read_text())
    result = import_document(document, draft=folder / "alur.yaml")
    (folder / "alur.yaml").write_text(result.yaml_text)
    catalog = load_catalog([folder])
    return not catalog.problems and _flow(catalog.sops[0]) == _flow(sop)


def flows(count: int, work: Path) -> None:
    same = collections.Counter[str]()
    exporting = importing = 0.0
    given = 0
    for sop in checked_flows(work / "alur", 11, count):
        given += 1
        started = time.monotonic()
        data = export_docx(sop)
        exporting += time.monotonic() - started
        for mode, patterns in MODES.items():
            started = time.monotonic()
            same[mode] += _back(sop, stripped(data, *patterns), work)
            importing += time.monotonic() - started
    print(f"Alur buatan: {given} alur (seed 11)")
    for mode in MODES:
        print(f"  impor {mode}: {same[mode]} dari {given} kembali sama persis")
    print(f"  ekspor {exporting / given * 1000:.0f} ms per alur; impor {importing / given / len(MODES) * 1000:.0f} ms")


def kabupaten(kecamatan: int, per: int, work: Path) -> None:
    root = make_kabupaten(work / "kab", kecamatan, per)
    catalog = load_catalog([root / "sop_definitions"])
    started = time.monotonic()
    found = lint(catalog.sops)
    took = time.monotonic() - started
    rules = collections.Counter(item.aturan for item in found)
    print(f"Kabupaten buatan: {len(catalog.sops)} SOP; sop lint {took:.1f} s, {len(found)} temuan")
    for rule, n in rules.most_common():
        print(f"  {rule}: {n}")
    same = sum(_back(sop, export_docx(sop), work) for sop in catalog.sops)
    print(f"  ekspor lalu impor: {same} dari {len(catalog.sops)} kembali sama persis")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flows", type=int, default=100)
    parser.add_argument("--kecamatan", type=int, default=3)
    parser.add_argument("--sop", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        flows(args.flows, Path(work))
        kabupaten(args.kecamatan, args.sop, Path(work))


if __name__ == "__main__":
    main()
