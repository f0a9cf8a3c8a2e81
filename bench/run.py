"""Benchmark the handbook build on a synthetic kabupaten and print the figures.

    .venv/bin/python bench/run.py --kecamatan 30 --sop 20      # the 600-SOP target size
    .venv/bin/python bench/run.py --kecamatan 3 --sop 5        # a quick look

Prints: ``sop check`` time; the full build (site + every SOP PDF + every book PDF) split by
stage; peak memory; the size of the search index; the rebuild with nothing changed and after editing one SOP, with
``sop build`` (a new process) and with ``sop serve`` (a running server); the baselines
(WeasyPrint alone on the same print documents the build gave it — saved through
``SOP_SAVE_DOCUMENTS`` — once each, on one core and on all cores; ``mkdocs build`` of the
same pages as plain Markdown); and the layout time of one SOP against its number of steps.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_kabupaten import make_kabupaten  # noqa: E402

SOP = str(ROOT / ".venv" / "bin" / "sop")


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.monotonic()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, env={**os.environ, **(env or {})})
    return time.monotonic() - started


def _row(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")


def _stages(project: Path) -> dict[str, float]:
    """Time the in-process stages before WeasyPrint (a new process, empty memo)."""
    from generator.definitions import load_catalog
    from generator.render import diagram_source, render_diagram_svg, render_document
    from generator.sheet import layout_sop

    times: dict[str, float] = {}
    t = time.monotonic()
    catalog = load_catalog([project / "sop_definitions"])
    times["load + validate"] = time.monotonic() - t
    t = time.monotonic()
    layouts = [layout_sop(p) for p in catalog.sops]
    times["layout + routing"] = time.monotonic() - t
    t = time.monotonic()
    for layout in layouts:
        render_document(layout, page_numbers=False)
    times["HTML of the sheets"] = time.monotonic() - t
    t = time.monotonic()
    for sop in catalog.sops:
        render_diagram_svg(diagram_source(sop))
    times["Graphviz diagrams"] = time.monotonic() - t
    return times


def _serve_rebuild(project: Path, edited: Path) -> tuple[float, float, float]:
    """``sop serve``: (first build, rebuild after editing *edited* as MkDocs times it, edit → rebuilt wall time)."""
    import re
    import socket
    import threading

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([SOP, "serve", "--alamat", f"127.0.0.1:{port}"], cwd=project, text=True,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    built: list[tuple[float, float]] = []
    ready = threading.Event()

    def read() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            match = re.search(r"Situs dibangun dalam ([\d,]+) detik", line)
            if match:
                built.append((time.monotonic(), float(match.group(1).replace(",", "."))))
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        ready.wait(timeout=7200)
        first = built[0][1]
        time.sleep(2)
        ready.clear()
        edited.write_text(edited.read_text().replace("kegiatan: ", "kegiatan: Kemudian ", 1))
        changed = time.monotonic()
        ready.wait(timeout=600)
        return first, built[1][1], built[1][0] - changed
    finally:
        server.terminate()
        server.wait(timeout=30)


def _weasyprint_alone(documents: list[str], workers: int) -> float:
    from generator.render import render_pdf

    started = time.monotonic()
    if workers == 1:
        for document in documents:
            render_pdf(document)
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            list(pool.map(render_pdf, documents, chunksize=1))
    return time.monotonic() - started


def _plain_mkdocs(project: Path) -> float:
    """``mkdocs build`` of the same pages written as plain Markdown (no plugin, no sheets)."""
    from generator.definitions import load_catalog

    plain = project / "plain"
    docs = plain / "docs"
    for sop in load_catalog([project / "sop_definitions"]).sops:
        page = docs / sop.pemda_slug / sop.kecamatan_slug / f"{sop.slug}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        steps = "\n".join(f"{s.number}. {s.kegiatan} ({s.waktu.text if s.waktu else '-'})" for s in sop.langkah)
        page.write_text(f"# {sop.nama}\n\n{steps}\n")
    (docs / "index.md").write_text("# Buku SOP\n")
    (plain / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\n  language: id\n")
    return _run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q"], plain)


def _layout_curve() -> list[tuple[int, float]]:
    from generator.definitions import load_catalog
    from generator.sheet import layout_sop

    curve = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sop_definitions" / "p" / "k"
        folder.mkdir(parents=True)
        (folder / "instansi.yaml").write_text("pemda: PEMERINTAH BENCH\nunit: KECAMATAN BENCH\n")
        for steps in (50, 100, 200, 300, 600, 1000):
            lines = ["nama: Kurva", "pelaksana:"] + [f"  - {{id: l{i}, label: Pelaksana {i}}}" for i in range(5)]
            lines.append("langkah:")
            for n in range(1, steps + 1):
                branch = f", ya: {n + 1}, tidak: {n - 2}" if n % 9 == 0 and n < steps else ""
                lines.append(f"  - {{kegiatan: Memproses berkas tahap {n} dan meneruskannya, "
                             f"pelaksana: l{(n * 3) % 5}, waktu: \"5 menit\"{branch}}}")
            (folder / "kurva.yaml").write_text("\n".join(lines) + "\n")
            sop = load_catalog([folder / "kurva.yaml"]).sops[0]
            started = time.monotonic()
            layout_sop(sop)
            curve.append((steps, time.monotonic() - started))
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kecamatan", type=int, default=3)
    parser.add_argument("--sop", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args()
    project = args.keep or Path(tempfile.mkdtemp(prefix="sop-bench-"))
    shutil.rmtree(project / "sop_definitions", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    make_kabupaten(project, args.kecamatan, args.sop)
    count = args.kecamatan * args.sop
    cores = os.cpu_count() or 1
    print(f"Benchmark: {count} SOP ({args.kecamatan} kecamatan × {args.sop}), {cores} core, folder {project}")

    check = _run([SOP, "check", "sop_definitions"], project)
    saved = project / "dokumen-cetak"
    shutil.rmtree(saved, ignore_errors=True)
    full = _run([SOP, "build"], project, {"SOP_SAVE_DOCUMENTS": str(saved)})
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    index = (project / "site" / "search" / "search_index.json").read_bytes()
    documents = [path.read_text() for path in sorted(saved.glob("*.html"))]
    unchanged = _run([SOP, "build"], project)
    edited = sorted((project / "sop_definitions").rglob("sop-01.yaml"))[0]
    edited.write_text(edited.read_text().replace("kegiatan: ", "kegiatan: Segera ", 1))
    rebuild = _run([SOP, "build"], project)
    serve_first, serve_rebuild, serve_wall = _serve_rebuild(project, edited)
    stages = _stages(project)
    alone_1 = _weasyprint_alone(documents, 1)
    alone_n = _weasyprint_alone(documents, cores) if cores > 1 else alone_1
    plain = _plain_mkdocs(project)

    print("\nWaktu (detik, wall clock)")
    _row("sop check (proses baru, termasuk start Python)", f"{check:6.2f}")
    _row("  di dalamnya: muat + validasi", f"{stages['load + validate']:6.2f}")
    _row("bangun penuh: situs + PDF SOP + PDF buku (cache kosong)", f"{full:6.2f}")
    for stage in ("layout + routing", "HTML of the sheets", "Graphviz diagrams"):
        _row(f"  tahap (sendiri, satu proses): {stage}", f"{stages[stage]:6.2f}")
    _row(f"  tahap: WeasyPrint ({len(documents)} dokumen, {cores} proses)", f"{alone_n:6.2f}")
    # The stages above run alongside WeasyPrint's workers; what the build adds to WeasyPrint is:
    _row("  bangun penuh − WeasyPrint saja (semua yang lain)", f"{full - alone_n:6.2f}")
    _row("sop build lagi tanpa perubahan (semua dari cache)", f"{unchanged:6.2f}")
    _row("sop build setelah mengubah satu SOP", f"{rebuild:6.2f}")
    _row("sop serve: bangun pertama (PDF dari cache)", f"{serve_first:6.2f}")
    _row("sop serve: bangun ulang setelah mengubah satu SOP (MkDocs)", f"{serve_rebuild:6.2f}")
    _row("sop serve: dari menyimpan berkas sampai situs siap", f"{serve_wall:6.2f}")
    _row(f"dasar: WeasyPrint saja, 1 proses ({len(documents)} dokumen)", f"{alone_1:6.2f}")
    _row(f"dasar: WeasyPrint saja, {cores} proses", f"{alone_n:6.2f}")
    _row("dasar: mkdocs build halaman Markdown biasa", f"{plain:6.2f}")
    print("\nRasio dan memori")
    _row("bangun penuh ÷ WeasyPrint saja (1 proses)", f"{full / alone_1:6.2f}×")
    _row(f"bangun penuh ÷ WeasyPrint saja ({cores} proses)", f"{full / alone_n:6.2f}×")
    _row("memori puncak proses anak (MiB)", f"{peak_mb:6.0f}")
    _row("indeks pencarian search_index.json (KiB; gzip)",
         f"{len(index) / 1024:6.0f}  ({len(gzip.compress(index)) / 1024:.0f} KiB gzip)")
    print("\nTata letak satu SOP menurut jumlah langkah")
    for steps, seconds in _layout_curve():
        _row(f"{steps:5d} langkah", f"{seconds:6.3f} s  ({seconds / steps * 1000:5.2f} ms/langkah)")


if __name__ == "__main__":
    main()
