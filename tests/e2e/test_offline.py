"""The site opened from a folder (issue 14 §6): built with SOP_OFFLINE=true (``make
site-offline``), every link points at a file (never a folder, which file:// shows as a
listing), navigation works in Chromium from file://, and search answers without a server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import ROOT
from tests.e2e.test_browser import _open

LINK = re.compile(r'(?:href|src|xlink:href)="([^"]+)"')


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("offline") / "site-offline"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["build", "--site-dir", str(target)], env={"SOP_OFFLINE": "true"})
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    yield target


def test_every_link_of_the_offline_site_points_at_a_file(offline_site: Path) -> None:
    broken = []
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 20 and not any(p.name == "index.html" and p.parent.name.startswith("penyusunan") for p in pages)
    for page in pages:
        if page.name == "404.html":  # a server's error page (root-relative links); a folder has no use for it
            continue
        for link in LINK.findall(page.read_text()):
            if re.match(r"^(https?:|mailto:|data:|#|javascript:)", link):
                continue
            path = unquote(link.split("#")[0].split("?")[0])
            target = (page.parent / path).resolve()
            if not path or not target.is_file():
                broken.append(f"{page.relative_to(offline_site)} → {link}")
    assert broken == []
    assert (offline_site / "search" / "search_index.js").read_text().startswith("var __index = {")


def test_from_file_navigation_and_search_work(browser: Any, offline_site: Path) -> None:
    page, errors = _open(browser, (offline_site / "index.html").as_uri(), 1280)
    page.locator(".md-nav__link", has_text="Daftar SOP").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/daftar-sop.html") and page.locator("h1").inner_text() == "Daftar SOP"
    page.locator("a", has_text="Pengukuran Kinerja").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/kabupaten-lumajang/sumbersuko/pengukuran-kinerja.html")
    page.close()
    page, more_errors = _open(browser, (offline_site / "index.html").as_uri() + "?q=ukur", 1280)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    first = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item > a", "ls => ls[0].href")
    assert first.split("?")[0].endswith("/kabupaten-lumajang/sumbersuko/pengukuran-kinerja.html")
    assert errors == [] and more_errors == []
    page.close()
