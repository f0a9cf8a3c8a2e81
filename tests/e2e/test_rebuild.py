"""Rebuilds re-render only what depends on the edited file (content-hash caches decide)."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest

import generator.build.cache as pdfcache
import generator.build.workers as workers
from generator.build import DiskCache, Made, Pdf, RenderedBook, RenderedSop, Session, group_by_kecamatan
from generator.definitions import load_catalog
from generator.project import Project
from tests.conftest import ROOT, site_config

HANDBOOK = ROOT / "tests" / "fixtures" / "handbook" / "sop_definitions"
DOMISILI = Path("kabupaten-contoh") / "kecamatan-sukamaju" / "pelayanan-domisili.yaml"


@pytest.fixture
def definitions(tmp_path: Path) -> Path:
    """A private copy of the Sukamaju handbook (its own ``.cache/``), rendered once."""
    target = tmp_path / "sop_definitions"
    shutil.copytree(HANDBOOK, target)
    _render(target)
    return target


@pytest.fixture
def rendered_titles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The <title> of every document WeasyPrint renders from now on (rendered in this process)."""
    monkeypatch.setattr(workers, "worker_count", lambda: 1)  # the counting function stays in this process
    titles: list[str] = []
    real = pdfcache.render_pdf

    def counting(document: str) -> tuple[bytes, int]:
        match = re.search(r"<title>(.*?)</title>", document)
        titles.append(match.group(1) if match else "?")
        return real(document)

    monkeypatch.setattr(pdfcache, "render_pdf", counting)
    yield titles


def _render(definitions: Path, session: Session | None = None) -> tuple[list[RenderedSop], list[RenderedBook]]:
    """Render every SOP and book under *definitions*; without a *session*, as a new process would."""
    session = session or Session(Project.of([definitions]))
    catalog = load_catalog([definitions], session.validation)
    assert catalog.problems == []
    return session.render_all(catalog.sops), session.render_books(group_by_kecamatan(catalog.sops))


def _text(pdf: bytes) -> str:
    """The PDF's text, lines joined by one space (a kegiatan may wrap anywhere in its cell)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join(page.extract_text().split()) for page in document.pages)


def test_equal_cache_keys_are_made_once(tmp_path: Path) -> None:
    made: list[list[int]] = []

    def make(missing: list[int]) -> list[Made]:
        made.append(missing)
        return [Made(b"pdf %d" % i, i + 1) for i in missing]

    # Two SOPs with pages of the same sizes share one page-number stamp document.
    cache = DiskCache(tmp_path / ".cache" / "sop")
    assert cache.pdfs(["a", "b", "a"], make) == [Pdf(b"pdf 0", 1), Pdf(b"pdf 1", 2), Pdf(b"pdf 0", 1)]
    assert DiskCache(cache.folder).pdfs(["b", "a", "c"], make) == [(b"pdf 1", 2), (b"pdf 0", 1), (b"pdf 2", 3)]
    assert made == [[0, 1], [2]]


def test_nothing_changed_renders_nothing(definitions: Path, rendered_titles: list[str]) -> None:
    _render(definitions)
    assert rendered_titles == []


def test_editing_one_step_renders_only_that_sop(definitions: Path, rendered_titles: list[str]) -> None:
    path = definitions / DOMISILI
    path.write_text(path.read_text().replace("memeriksa kelengkapan berkas", "meneliti kelengkapan berkas"))
    sops, (book,) = _render(definitions)
    # Its part; its own PDF and the book are stamped and bound from parts, the front matter
    # (same titles, same page numbers) and the forms come from the cache.
    assert rendered_titles == ["SOP Pelayanan Surat Keterangan Domisili"]
    edited = re.compile(r"Menerima dan meneliti\b.{0,80}?\bkelengkapan\b.{0,80}?\bberkas")  # cells share lines
    assert edited.search(_text(book.pdf))
    assert edited.search(_text(sops[0].pdf or b""))
    assert re.findall(r"Halaman (\d+) dari (\d+)", _text(book.pdf))[-1] == ("11", "11")


def test_renaming_an_sop_renders_its_part_and_the_lists_that_name_it(definitions: Path,
                                                                      rendered_titles: list[str]) -> None:
    path = definitions / DOMISILI
    path.write_text(path.read_text().replace("nama: SOP Pelayanan Surat Keterangan Domisili",
                                             "nama: SOP Pelayanan Keterangan Domisili"))
    _, (book,) = _render(definitions)
    assert sorted(rendered_titles) == ["Buku SOP Kecamatan Sukamaju", "Buku SOP Kecamatan Sukamaju",
                                       "SOP Pelayanan Keterangan Domisili"]
    text = _text(book.pdf)
    assert "1. SOP Pelayanan Keterangan Domisili (100.3.4/017/SOP/2025)" in text  # Daftar Isi
    assert "1. SOP Pelayanan Surat Keterangan Domisili" not in text


def test_serve_rebuild_writes_only_what_changed(definitions: Path, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path / "site"
    config_file = site_config(definitions, site)
    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
        path = definitions / DOMISILI
        path.write_text(path.read_text().replace("memeriksa kelengkapan berkas", "meneliti kelengkapan berkas"))
        build(load_config(str(config_file)), dirty=True)  # MkDocs hands back the same plugin objects
        after = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    finally:
        config.plugins.on_shutdown()
    rewritten = sorted(p.relative_to(site).as_posix() for p in after if before.get(p) != after[p])
    kecamatan = "kabupaten-contoh/kecamatan-sukamaju"
    # The edit made a new version: its verification page (a new code), the index, the list, and the
    # page of the version it replaced (now "sudah diganti"; the site folder's list remembered it).
    versions = [v for v in json.loads((site / "verifikasi.json").read_text())["versi"]
                if v["sop"] == f"{kecamatan}/pelayanan-domisili"]
    assert [v["terkini"] for v in versions] == [True, False]
    code, old = (v["kode"].lower() for v in versions)
    assert rewritten == sorted(["404.html", f"{kecamatan}/buku-sop-kecamatan-sukamaju.pdf",
                                f"{kecamatan}/pelayanan-domisili-kecamatan-sukamaju.pdf",
                                f"{kecamatan}/pelayanan-domisili/index.html",
                                "search/search_index.json", "sitemap.xml", "sitemap.xml.gz",
                                "verifikasi.json", "verifikasi/index.html", f"verifikasi/{code}/index.html",
                                f"verifikasi/{old}/index.html"])
    page = (site / kecamatan / "pelayanan-domisili" / "index.html").read_text()
    assert "Menerima dan meneliti kelengkapan berkas" in page
    assert ">\n    SOP Pengarsipan Surat Keluar\n" in page or "SOP Pengarsipan Surat Keluar</" in page  # nav title
    index = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    entries = [e for e in index if e["location"].split("#")[0] == f"{kecamatan}/pelayanan-domisili/"]
    assert [e.get("kata", "").count(" meneliti ") for e in entries] == [1]  # one entry per SOP page
    assert len({e["location"] for e in index}) == len(index)  # the old entries were replaced, not kept


def test_pruning_after_a_build_keeps_what_the_next_rebuild_needs(definitions: Path, rendered_titles: list[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session(Project.of([definitions]))  # a new `sop build` process
    path = definitions / DOMISILI
    path.write_text(path.read_text().replace("memeriksa kelengkapan berkas", "meneliti kelengkapan berkas"))
    _render(definitions, session)
    cache = definitions.parent / ".cache" / "sop"
    assert session.cache.folder == cache
    before = {p.name for p in cache.iterdir()}
    session.cache.prune()
    gone = sorted(Path(name).suffix for name in before - {p.name for p in cache.iterdir()})
    # The superseded versions: the SOP's PDF and its part, the book, the overview diagram.
    assert gone == [".deps", ".deps", *[".pdf"] * 3, *[".sum"] * 4, ".svg"]  # each entry has its digest
    rendered_titles.clear()
    other = path.with_name("pengarsipan-surat-keluar.yaml")
    other.write_text(other.read_text().replace("Mencatat dan menyimpan arsip", "Mencatat serta menyimpan arsip"))
    _, (book,) = _render(definitions)
    assert rendered_titles == ["SOP Pengarsipan Surat Keluar"]
    assert "Mencatat serta menyimpan arsip" in _text(book.pdf)


def test_sop_serve_reports_in_indonesian_and_recovers_from_a_broken_definition(definitions: Path,
                                                                                tmp_path: Path) -> None:
    import queue
    import socket
    import subprocess
    import threading
    import time

    config_file = site_config(definitions, tmp_path / "site")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "sop"), "serve", "--config", str(config_file),
                               "--alamat", f"127.0.0.1:{port}"], cwd=tmp_path, text=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines: queue.Queue[str] = queue.Queue()
    assert server.stderr is not None
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in server.stderr], daemon=True).start()

    def until(prefix: str) -> list[str]:
        seen, deadline = [], time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                continue
            if seen[-1].startswith(prefix):
                return seen
        raise AssertionError(f"no '{prefix}' in {seen}")

    try:
        assert until("Pratinjau situs di")[-1] == f"Pratinjau situs di http://127.0.0.1:{port}/ (Ctrl+C untuk berhenti)"
        path = definitions / DOMISILI
        good = path.read_text()
        path.write_text(good.replace("pelaksana: pemohon, kelengkapan", "pelaksana: tidakada, kelengkapan"))
        broken = until("Situs belum bisa dibangun ulang")
        name = path.relative_to(tmp_path).as_posix()
        assert broken[broken.index("Membangun situs…") + 1:] == [
            f"{name}:17:88: langkah 1: pelaksana 'tidakada' tidak dikenal (id yang dikenal: pemohon, fo, kasi, camat)",
            f"{name}:21:63: langkah 5: pelaksana 'tidakada' tidak dikenal (id yang dikenal: pemohon, fo, kasi, camat)",
            "2 masalah ditemukan; tidak ada berkas yang ditulis.",
            "Situs belum bisa dibangun ulang; perbaiki masalah di atas (server menunggu sampai berhasil)"]
        path.write_text(good)
        assert re.fullmatch(r"Situs dibangun dalam \d+,\d\d detik", until("Situs dibangun dalam")[-1])
        path.write_text(good.replace("{pembuatan: 2025-01-02,", "{pembuatan: 2025-02-30,"))  # a date not in the calendar
        broken = until("Situs belum bisa dibangun ulang")
        assert broken[broken.index("Membangun situs…") + 1:] == [
            f"{name}:4:22: tanggal '2025-02-30' tidak valid: tanggal 30 tidak ada di bulan 2 tahun 2025 "
            "(hanya sampai 28) (tulis 2024-01-02 atau '2 Januari 2024')",
            "1 masalah ditemukan; tidak ada berkas yang ditulis.",
            "Situs belum bisa dibangun ulang; perbaiki masalah di atas (server menunggu sampai berhasil)"]
        path.write_text(good)
        assert re.fullmatch(r"Situs dibangun dalam \d+,\d\d detik", until("Situs dibangun dalam")[-1])
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_session_keeps_one_version_of_each_sop_and_book(definitions: Path) -> None:
    path = definitions / DOMISILI
    session = Session(Project.of([definitions]))
    for word in ("meneliti", "mengecek", "memeriksa"):  # three saves, as in a serve session
        text = re.sub(r"Menerima dan \w+ kelengkapan", f"Menerima dan {word} kelengkapan", path.read_text())
        path.write_text(text)
        sops, _ = _render(definitions, session)
        assert {r.fingerprint for r in session.sops.values()} == {r.fingerprint for r in sops}  # no older one
    assert sorted(rendered.sop.slug for rendered in session.sops.values()) == [
        "pelayanan-domisili", "pengarsipan-surat-keluar"]
    assert len(session.books) == 1
    validated = [sop for sop, _ in session.validation.sources.values() if sop is not None]
    assert sorted(sop.source.name for sop in validated) == [
        "pelayanan-domisili.yaml", "pengarsipan-surat-keluar.yaml"]
    edited = next(sop for sop in validated if sop.source == path)
    assert any("Menerima dan memeriksa kelengkapan" in step.kegiatan for step in edited.langkah)


def test_sop_build_hands_its_session_to_the_plugin_and_renders_each_document_once(
        definitions: Path, tmp_path: Path, rendered_titles: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI renders first (for its progress bar); the MkDocs plugin it runs finds everything done."""
    from click.testing import CliRunner

    from generator.cli import cli

    monkeypatch.setenv("SOP_NO_CACHE", "1")  # the disk cache would hide a second rendering
    result = CliRunner().invoke(cli, ["build", "--config", str(site_config(definitions, tmp_path / "site"))])
    assert result.exit_code == 0, result.output
    # One pass without a disk cache: each SOP's PDF and its book part, one page-number stamp
    # for the SOPs, the book's front twice (its page count guessed, then known) and its stamp,
    # then the LKjIP page's PDFs.
    # A plugin rendering again would double every entry.
    assert rendered_titles == [
        "SOP Pelayanan Surat Keterangan Domisili", "SOP Pengarsipan Surat Keluar", "Nomor halaman",
        "SOP Pelayanan Surat Keterangan Domisili", "SOP Pengarsipan Surat Keluar",
        "Buku SOP Kecamatan Sukamaju", "Buku SOP Kecamatan Sukamaju", "Nomor halaman",
        # The LKjIP page's downloads, made by the site (issue 14 §7), once each.
        "Laporan Indeks Kepuasan Masyarakat 2024 – Kecamatan Sukamaju",
        "Target dan Realisasi Kinerja 2024 – KECAMATAN SUKAMAJU", "Target dan Realisasi Kinerja 2023 – KECAMATAN SUKAMAJU"]
