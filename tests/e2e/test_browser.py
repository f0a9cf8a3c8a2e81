"""The built site in headless Chromium: no console errors, the flowchart overlay aligned with
its table at phone, laptop and wide widths (symbols and labels in their cells), sortable tables,
print stylesheet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.build import RenderedSop

WIDTHS = (390, 1280, 1920)

# For every symbol of every flowchart page: is its centre inside its lane cell (same row)?
ALIGNMENT_JS = """
() => {
  const out = {checked: 0, misplaced: []};
  for (const g of document.querySelectorAll('.sop-overlay .sop-symbol[data-step]')) {
    const step = g.dataset.step, lane = Number(g.dataset.lane);
    const row = document.getElementById('langkah-' + step);
    const cell = row.children[1 + lane];
    const s = g.getBoundingClientRect(), c = cell.getBoundingClientRect();
    const cx = s.left + s.width / 2, cy = s.top + s.height / 2;
    out.checked++;
    if (!(cx > c.left && cx < c.right && cy > c.top && cy < c.bottom)) {
      out.misplaced.push({step, lane, cx, cy, cell: [c.left, c.top, c.right, c.bottom]});
    }
  }
  return out;
}
"""

# For every label of every flowchart page (branch labels, connector letters): the table cell under
# its centre must be a lane cell or a connector band, and hold the whole label.
LABELS_JS = """
() => {
  const out = {checked: 0, outside: []};
  for (const flow of document.querySelectorAll('.sop-flow')) {
    const cells = [...flow.querySelectorAll('.sop-flow-table td')].map(td => [td, td.getBoundingClientRect()]);
    for (const t of flow.querySelectorAll('.sop-overlay .sop-labels text')) {
      const r = t.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = cells.find(([, c]) => x > c.left && x < c.right && y > c.top && y < c.bottom);
      out.checked++;
      const ok = hit && /sop-c-(lane|strip)/.test(hit[0].className) && r.left >= hit[1].left - 0.5 &&
        r.right <= hit[1].right + 0.5 && r.top >= hit[1].top - 0.5 && r.bottom <= hit[1].bottom + 0.5;
      if (!ok) out.outside.push({text: t.textContent, label: [r.left, r.top, r.right, r.bottom],
                                 cell: hit ? [hit[0].className, ...Object.values(hit[1].toJSON()).slice(0, 4)] : null});
    }
  }
  return out;
}
"""


def _open(browser: Any, url: str, width: int, *, print_media: bool = False) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"requestfailed: {r.url}"))
    if print_media:
        page.emulate_media(media="print")
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page, errors


@pytest.mark.parametrize("width", WIDTHS)
def test_sop_pages_load_cleanly_and_symbols_and_labels_sit_in_their_lane_cells(
        browser: Any, seed_url: str, rendered: list[RenderedSop], width: int) -> None:
    for item in rendered:
        p = item.sop
        page, errors = _open(browser, f"{seed_url}{p.pemda_slug}/{p.kecamatan_slug}/{p.slug}/", width)
        result = page.evaluate(ALIGNMENT_JS)
        assert errors == [], (p.key, errors)
        assert result["checked"] == sum(len(s.pelaksana) for s in p.langkah)
        assert result["misplaced"] == [], (p.key, width, result["misplaced"][:3])
        labels = page.evaluate(LABELS_JS)
        assert labels["checked"] >= sum(1 for e in p.edges if e.label)
        assert labels["outside"] == [], (p.key, width, labels["outside"][:3])
        assert page.evaluate("document.fonts.check('8pt \"SOP Sans\"')")
        page.close()


@pytest.mark.parametrize("path", ["", "daftar-sop/", "referensi-yaml/", "kota-probolinggo/",
                                  "kota-probolinggo/wonoasih/", "kabupaten-lumajang/sumbersuko/", "verifikasi/"])
def test_index_pages_load_without_console_errors(browser: Any, seed_url: str, path: str) -> None:
    page, errors = _open(browser, seed_url + path, 1280)
    assert errors == []
    assert page.evaluate("document.documentElement.lang") == "id"
    page.close()


def test_a_typed_verification_code_opens_its_page(browser: Any, seed_url: str, seed_site: tuple[Path, str]) -> None:
    """Issue 16 §2: a citizen types the code from a printout's footer, the way people type it."""
    versions = json.loads((seed_site[0] / "verifikasi.json").read_text(encoding="utf-8"))["versi"]
    code = next(v["kode"] for v in versions if v["sop"] == "kota-probolinggo/wonoasih/penyusunan-lkjip")
    page, errors = _open(browser, seed_url + "verifikasi/", 1280)
    page.fill("#sop-kode", f" {code[:4].lower()} - {code[4:].lower()} ")
    page.click(".sop-verify-form button")
    page.wait_for_url(seed_url + f"verifikasi/{code.lower()}/")
    assert page.locator("h1").inner_text() == f"Verifikasi {code[:4]}-{code[4:]}"
    assert page.locator(".sop-verdict .admonition-title").inner_text() == "Sah dan berlaku"
    page.go_back()
    page.fill("#sop-kode", "12345")
    page.click(".sop-verify-form button")
    assert page.url == seed_url + "verifikasi/"  # not a code: stays, and says what a code looks like
    assert page.evaluate("document.getElementById('sop-kode').validationMessage") == (
        "Kode verifikasi terdiri dari 8 huruf/angka, mis. K7M2-9QXD")
    assert errors == []
    page.close()


def test_daftar_sop_table_sorts_by_date(browser: Any, seed_url: str) -> None:
    page, errors = _open(browser, seed_url + "kabupaten-lumajang/", 1280)
    header = page.locator("table.sop-index th", has_text="Tgl Pembuatan")
    first_names = "() => [...document.querySelectorAll('table.sop-index tbody tr')].map(r => r.children[3].innerText)"
    before = page.evaluate(first_names)
    header.click()
    after_asc = page.evaluate(first_names)
    header.click()
    after_desc = page.evaluate(first_names)
    assert errors == []
    assert sorted(before) == sorted(after_asc) and after_asc != after_desc
    assert page.evaluate("document.querySelector('table.sop-index th[aria-sort]') !== null")
    page.close()


def test_printing_an_sop_page_gives_the_sheet_without_site_chrome(browser: Any, seed_url: str) -> None:
    page, _ = _open(browser, seed_url + "kota-probolinggo/wonoasih/penyusunan-lkjip/", 1280, print_media=True)
    rendered = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.sop-page-meta',
        '.sop-diagram-box', '.md-search', '.md-path', '.sop-sheet-tools'].map(s => document.querySelector(s).getClientRects().length > 0)""")
    assert rendered == [False] * 8
    assert page.evaluate("document.querySelector('.sop-sheet').getClientRects().length") == 1
    assert page.evaluate("document.querySelector('.sop-sheet').getBoundingClientRect().height") > 100
    page.close()


def test_handbook_with_logo_and_links_loads_cleanly(browser: Any, handbook_url: str) -> None:
    page, errors = _open(browser, handbook_url + "kabupaten-contoh/kecamatan-sukamaju/pelayanan-domisili/", 1280)
    assert errors == []
    assert page.evaluate("document.querySelector('.sop-unit img').naturalWidth") > 0
    page.locator(".sop-related a", has_text="SOP Pengarsipan Surat Keluar").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/kabupaten-contoh/kecamatan-sukamaju/pengarsipan-surat-keluar/")
    page.close()


def test_search_box_finds_an_sop_by_a_kegiatan_word(browser: Any, handbook_url: str) -> None:
    page, errors = _open(browser, handbook_url, 1280)
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("memverifikasi", delay=50)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert page.locator(".md-search-result__meta").inner_text() == "1 dokumen ditemukan"
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert hrefs and all("/kecamatan-sukamaju/pelayanan-domisili/" in href for href in hrefs), hrefs
    assert "SOP Pelayanan Surat Keterangan Domisili" in results.first.inner_text()
    assert errors == []
    page.close()
