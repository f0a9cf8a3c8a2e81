"""Accessibility in headless Chromium (issue 14 §4): axe-core (npm, pinned in package-lock.json)
finds no serious or critical violation on any page type at desktop and phone widths; a skip
link leads to the content; a screen reader learns who does each step and where a decision
goes, from text the sheet otherwise shows only as a drawing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tests.conftest import ROOT
from tests.e2e.test_browser import _open

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = ["", "daftar-sop/", "referensi-yaml/", "404.html", "kota-probolinggo/", "kota-probolinggo/wonoasih/",
              "kota-probolinggo/wonoasih/penyusunan-lkjip/", "kota-probolinggo/wonoasih/sumber-data-lkjip/",
              "perbandingan/", "perbandingan/penyusunan-lkjip/", "verifikasi/"]
AXE_JS = """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))"""


def _revision_pages(site: Path) -> list[str]:
    """The "what changed" pages of the seed site (git history of the seeds; one is enough)."""
    return [str(p.parent.relative_to(site)) + "/" for p in sorted(site.glob("*/*/*-perubahan-*/index.html"))[:1]]


def _verification_pages(site: Path) -> list[str]:
    """A current and a replaced version's verification page (issue 16 §2)."""
    import json

    versions = json.loads((site / "verifikasi.json").read_text(encoding="utf-8"))["versi"]
    return [next(v["halaman"] for v in versions if v["terkini"] is current) for current in (True, False)]


def test_axe_core_is_installed_by_the_project() -> None:
    assert AXE.is_file(), "axe-core is missing: run 'make setup' (npm ci)"


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_or_critical_axe_violation_on_any_page_type(browser: Any, seed_url: str, seed_site: tuple[Path, str],
                                                               handbook_url: str, width: int) -> None:
    urls = [seed_url + path for path in PAGE_TYPES + _revision_pages(seed_site[0]) + _verification_pages(seed_site[0])]
    urls.append(handbook_url + "kabupaten-contoh/kecamatan-sukamaju/pelayanan-domisili/")  # logo, Keputusan, links
    found = {}
    for url in urls:
        page, _ = _open(browser, url, width)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_JS)
        if violations:
            found[url] = violations
        page.close()
    assert found == {}


@pytest.mark.parametrize("path", ["", "404.html", "kota-probolinggo/wonoasih/penyusunan-lkjip/"])
def test_the_first_tab_reaches_a_skip_link_to_the_content(browser: Any, seed_url: str, path: str) -> None:
    page, _ = _open(browser, seed_url + path, 1280)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.classList.contains('sop-skip'),"
                            " document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused == [True, "Lewati ke isi", "#isi"]
    assert page.evaluate("() => document.getElementById('isi').contains(document.querySelector('h1'))")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "isi"
    page.close()


def test_each_step_row_tells_its_pelaksana_and_its_branches_as_text(browser: Any, seed_url: str) -> None:
    page, _ = _open(browser, seed_url + "kota-probolinggo/wonoasih/penyusunan-lkjip/", 1280)
    spoken = page.eval_on_selector_all(".sop-flow-table tr[id^=langkah-] .sop-c-kegiatan .sop-sr",
                                       "spans => spans.map(s => s.textContent.trim())")
    assert len(spoken) == 8
    assert spoken[0] == "Pelaksana: Camat."
    assert spoken[4] == "Pelaksana: Sekcam. Ya → langkah 6; Tidak → langkah 4."
    # Visually hidden: one pixel, clipped.
    box = page.locator(".sop-sr").first.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    page.close()


def test_the_spoken_text_stays_out_of_the_printed_pdf(seed_site: tuple[Path, str]) -> None:
    with pdfplumber.open(seed_site[0] / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip-wonoasih.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Pelaksana: Sekcam" not in text and "langkah 6" not in text
    assert "Tidak" in text  # the drawn branch label is there


def test_drawings_have_names_and_no_links_hidden_inside_an_image(browser: Any, seed_url: str) -> None:
    names = []
    for path in ("kota-probolinggo/wonoasih/", "kota-probolinggo/wonoasih/penyusunan-lkjip/"):
        page, _ = _open(browser, seed_url + path, 1280)
        names += page.eval_on_selector_all("svg.sop-diagram", "svgs => svgs.map(s => [s.getAttribute('role'), "
                                           "s.getAttribute('aria-label')])")
        # Focusable: a link with a target, or anything with a tabindex (Graphviz's tooltip <a> have no href).
        assert page.evaluate("() => document.querySelectorAll('[role=img] a[*|href], [role=img] [tabindex]').length") == 0
        assert page.evaluate("() => document.querySelectorAll('[role=group] a[*|href]').length") == int(
            path == "kota-probolinggo/wonoasih/")
        page.close()
    assert names == [["group", "Peta keterkaitan SOP Kecamatan Wonoasih"], ["img", "Diagram alir"]]
