"""No definition value is ever markup: the payload corpus in every field, the built site in Chromium.

Every payload of ``tests/fixtures/corpus/injeksi/`` is put in every text field of an SOP, of
``instansi.yaml``, ``indikator.yaml`` and ``pemda.yaml`` and in two git commit subjects (the
revision pages); the site is built with ``sop build`` and every page is loaded in Debian's
headless Chromium with a console and dialog hook. A payload that ran would set
``window.__sop_pwned``; a payload that was swallowed as markup would be missing from the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, serve
from tests.corpus import PAYLOADS, payload_project

GIT = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.go.id", "-c", "commit.gpgsign=false"]


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload kabupaten with two git versions, built by ``sop build``."""
    root = tmp_path_factory.mktemp("payload")
    payload_project(root)
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    (root / "mkdocs.yml").write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", PAYLOADS["script"]], cwd=root, check=True)
    for path in (root / "sop_definitions").rglob("*.yaml"):
        path.write_text(path.read_text().replace('waktu: "1 jam"', 'waktu: "2 jam"'))
    subprocess.run([*GIT, "commit", "-qam", PAYLOADS["keluar-atribut"]], cwd=root, check=True)
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "SOP_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def payload_url(payload_site: Path) -> Iterator[str]:
    yield from serve(payload_site)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("index.html")
                  if p.parent != site / "search")


def test_the_site_has_every_kind_of_page(payload_site: Path) -> None:
    pages = _pages(payload_site)
    assert len([p for p in pages if "-perubahan-" in p]) == len(PAYLOADS)  # one revision page per SOP
    assert len([p for p in pages if p.startswith("perbandingan/sop-")]) == 5  # families across 4 kecamatan
    assert {"./", "daftar-sop/", "kabupaten-uji/", "kabupaten-uji/kecamatan-1/sumber-data-lkjip/"} <= set(pages)


def test_no_payload_runs_on_any_page(browser: Any, payload_site: Path, payload_url: str) -> None:
    ran, problems = [], []
    for path in _pages(payload_site):
        page = browser.new_page()
        events: list[str] = []
        page.on("dialog", lambda dialog, events=events: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error, events=events: events.append(f"pageerror {error}"))
        page.on("console", lambda m, events=events: events.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.goto(payload_url + path, wait_until="load")
        if page.evaluate("window.__sop_pwned") is not None:
            ran.append(path)
        if events:
            problems.append((path, events[:3]))
        page.close()
    assert ran == [] and problems == []


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_text_is_shown_literally(name: str, browser: Any, payload_site: Path, payload_url: str) -> None:
    folder = next(p.parent for p in (payload_site / "kabupaten-uji").glob(f"*/{name}/index.html"))
    page = browser.new_page()
    page.goto(f"{payload_url}{folder.relative_to(payload_site).as_posix()}/", wait_until="load")
    shown = " ".join(page.evaluate("document.body.innerText").split())
    title = page.title()
    page.close()
    payload = " ".join(PAYLOADS[name].split())
    assert shown.count(payload) >= 10  # nomor, dasar hukum …, every step's cells, the lanes, the diagram
    assert title.startswith(f"SOP {PAYLOADS[name]}")


def test_navigation_shows_pemda_and_kecamatan_names_as_text(browser: Any, payload_site: Path,
                                                           payload_url: str) -> None:
    from generator.model import Instansi
    from generator.site import display_pemda, display_unit

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(payload_url + "kabupaten-uji/", wait_until="load")
    nav = " ".join(page.evaluate(
        "[...document.querySelectorAll('.md-nav__link')].map(a => a.textContent).join(' ')").split())
    page.close()
    firsts = [PAYLOADS[name] for name in list(PAYLOADS)[::5]]  # each kecamatan's shared files hold its first
    units = [Instansi("PEMERINTAH KABUPATEN " + payload, "KECAMATAN " + payload, None, None, None) for payload in firsts]
    for unit in units:
        assert " ".join(display_unit(unit).split()) in nav
    assert any(" ".join(display_pemda(unit).split()) in nav for unit in units)

def test_search_results_show_payloads_as_text(browser: Any, payload_site: Path, payload_url: str) -> None:
    index = json.loads((payload_site / "search" / "search_index.json").read_text())
    assert not any(tag in entry["text"] + entry["title"] for entry in index["docs"]
                   for tag in ("<script", "<img", "<svg", "<iframe"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(payload_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("onerror", delay=50)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    results = page.evaluate("document.querySelector('.md-search-result').innerText")
    assert page.evaluate("window.__sop_pwned") is None
    assert "onerror=" in results  # the payload is shown as text in the result
    page.close()


def test_pdfs_keep_the_payload_text(payload_site: Path) -> None:
    import pdfplumber

    for name, payload in sorted(PAYLOADS.items()):
        pdf_path = next(p for p in (payload_site / "kabupaten-uji").glob(f"*/{name}-*.pdf")
                        if p.name == f"{name}-{p.parent.name}.pdf")
        with pdfplumber.open(pdf_path) as pdf:
            text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
        assert " ".join(payload.split()[:2]) in text, name
