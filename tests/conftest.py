"""Shared fixtures: the project root as working directory, the seed catalog, rendered seeds."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import RenderedSop, Session
from generator.cli import cli
from generator.definitions import load_catalog
from generator.model import Sop

TESTS = Path(__file__).resolve().parent
"""The ``tests`` folder: ``fixtures/`` and ``golden/`` are found from here, wherever a test file sits."""
ROOT = TESTS.parent
SEEDS = ROOT / "sop_definitions"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages print paths relative to the working directory: run every test from the root."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def seeds() -> list[Sop]:
    """The six real seed SOPs, validated."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        catalog = load_catalog([SEEDS])
    finally:
        os.chdir(cwd)
    assert catalog.problems == []
    return catalog.sops


@pytest.fixture(scope="session")
def rendered(seeds: list[Sop]) -> list[RenderedSop]:
    """Every seed rendered with its PDF (once per test session)."""
    session = Session()
    return [session.render_sop(p) for p in seeds]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty project with one kecamatan folder holding a valid ``instansi.yaml``."""
    folder = tmp_path / "sop_definitions" / "contoh" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(
        "pemda: PEMERINTAH KABUPATEN CONTOH\nunit: KECAMATAN CONTOH\n"
        "disahkan_oleh:\n  jabatan: CAMAT CONTOH\n  nama: NAMA\n  nip: \"19800101 200501 1 001\"\n",
        encoding="utf-8")
    yield tmp_path


def by_key(sops: list[Sop], fragment: str) -> Sop:
    """The one SOP whose key contains *fragment*."""
    (match,) = [p for p in sops if fragment in p.key]
    return match


def build_site(definitions: Path, site_dir: Path, *, history: int = 0) -> Path:
    """Build the handbook of *definitions* with the project's theme and docs into *site_dir*.

    Uses the MkDocs API directly (``mkdocs build``), so it exercises the ``sop`` plugin as
    MkDocs loads it through its entry point. *history* is the plugin's number of git versions
    per SOP (0 keeps fixture sites independent of this repository's own history).
    Returns *site_dir*.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(site_config(definitions, site_dir, history=history))))
    return site_dir


def site_config(definitions: Path, site_dir: Path, *, history: int = 0) -> Path:
    """Write ``mkdocs.yml`` beside *site_dir*: the project's config for *definitions*; return its path."""
    config_file = site_dir.parent / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    text = text.replace("definitions: sop_definitions", f"definitions: {definitions}\n      history: {history}")
    text = text.replace("site_dir: site", f"site_dir: {site_dir}")
    config_file.write_text(text, encoding="utf-8")
    return config_file


@pytest.fixture(scope="session")
def seed_site(rendered: list[RenderedSop], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The seed handbook built by ``sop build`` (site folder, command output)."""
    target = tmp_path_factory.mktemp("seed-site") / "site"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["build", "--site-dir", str(target)])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return target, result.output


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up Kecamatan Sukamaju (logo, Keputusan, linked SOPs) built with ``mkdocs build``."""
    root = tmp_path_factory.mktemp("handbook-site")
    return build_site(ROOT / "tests" / "fixtures" / "handbook" / "sop_definitions", root / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 (an ephemeral port) while the generator is alive."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def seed_url(seed_site: tuple[Path, str]) -> Iterator[str]:
    """Base URL of the seed handbook served on localhost."""
    yield from serve(seed_site[0])


@pytest.fixture(scope="session")
def handbook_url(handbook_site: Path) -> Iterator[str]:
    """Base URL of the Sukamaju handbook served on localhost."""
    yield from serve(handbook_site)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (no browser is downloaded)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is missing: run 'make test' (it installs the package)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
