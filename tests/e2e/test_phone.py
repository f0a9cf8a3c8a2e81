"""The site on a 390 px phone in headless Chromium (issue 14 §5): nothing wider than the screen
outside a box that scrolls, no word broken inside, the sheet's cue and fit-to-width button,
a diagram drawn at a readable size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_accessibility import PAGE_TYPES, _revision_pages
from tests.e2e.test_browser import _open

# Elements reaching past the right edge of the viewport that no scrolling box holds
# (what would make the whole page scroll sideways or cut content off).
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth, out = [];
  const scrolls = el => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    if (!scrolls(el)) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' right=' + Math.round(r.right));
  }
  return {pageWidth: document.documentElement.scrollWidth, viewport: width, outside: out.slice(0, 5)};
}
"""

# Words the browser broke across two lines. A word may break after "/", "-" or "–" (as the sheet's
# labels do), so those split words here too; screen-reader-only text and drawings are skipped.
BROKEN_WORDS_JS = """
() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('.sop-sr, svg, script, style, .md-sidebar') ?
      NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /[^\\s\\/\\-–]+/g;
    for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken.slice(0, 10);
}
"""


@pytest.fixture(scope="module")
def phone_pages(seed_site: tuple[Path, str], seed_url: str) -> list[str]:
    return [seed_url + path for path in PAGE_TYPES + _revision_pages(seed_site[0])]


def test_nothing_is_wider_than_a_phone_outside_a_scroll_box_and_no_word_is_broken(
        browser: Any, phone_pages: list[str]) -> None:
    problems = {}
    for url in phone_pages:
        page, _ = _open(browser, url, 390)
        overflow = page.evaluate(OVERFLOW_JS)
        broken = page.evaluate(BROKEN_WORDS_JS)
        if overflow["outside"] or overflow["pageWidth"] > overflow["viewport"] or broken:
            problems[url] = (overflow, broken)
        page.close()
    assert problems == {}


def test_the_sheet_has_a_cue_and_fits_the_screen_on_request(browser: Any, seed_url: str) -> None:
    page, errors = _open(browser, seed_url + "kota-probolinggo/wonoasih/penyusunan-lkjip/", 390)
    cue = page.locator(".sop-sheet-cue")
    assert cue.is_visible() and "geser ke samping" in cue.inner_text()
    box = page.locator(".sop-sheet-box")
    assert page.evaluate("() => document.querySelector('.sop-sheet-box').scrollWidth") > 1000  # F4 at full size
    button = page.locator(".sop-fit-button")
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "Tampilkan ukuran asli"
    fitted = page.evaluate("() => { const b = document.querySelector('.sop-sheet-box'); "
                           "return [b.scrollWidth, b.clientWidth]; }")
    assert fitted[0] <= fitted[1] + 1
    assert box.bounding_box()["width"] <= 390
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate("() => document.querySelector('.sop-sheet-box').scrollWidth") > 1000
    assert errors == []
    page.close()


def test_the_diagram_keeps_a_readable_size_and_scrolls(browser: Any, seed_url: str) -> None:
    page, _ = _open(browser, seed_url + "kota-probolinggo/wonoasih/penyusunan-lkjip/", 390)
    sizes = page.evaluate("""() => { const box = document.querySelector('.sop-diagram-box');
        const svg = box.querySelector('svg'); const text = svg.querySelector('text');
        return [svg.getBoundingClientRect().width, box.clientWidth, getComputedStyle(box).overflowX,
                text.getBoundingClientRect().height]; }""")
    width, room, overflow, text_height = sizes
    assert width > room and overflow == "auto"  # drawn at its own size, scrolled in its box
    assert text_height >= 8  # Graphviz's 8 pt labels stay readable (CSS px)
    page.close()
