"""Search in the browser, as a reader types it (issue 14 §3): Indonesian root words, parts of
an SOP number, spelling variants; SOP pages first; the preview is the summary with the status."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_browser import _open

SOP_PAGES = ("kabupaten-kutai-kartanegara/samboja/penyusunan-lkjip/", "kabupaten-lumajang/pasrujambe/pengumpulan-data-kinerja/",
             "kabupaten-lumajang/sumbersuko/pengukuran-kinerja/", "kabupaten-lumajang/sumbersuko/pengumpulan-data-kinerja/",
             "kota-probolinggo/kanigaran/penyusunan-lkjip/", "kota-probolinggo/wonoasih/penyusunan-lkjip/")


def _results(browser: Any, base: str, query: str) -> tuple[list[str], list[str], list[str]]:
    """(page paths in result order, their preview texts, console errors) for *query*."""
    page, errors = _open(browser, f"{base}?q={query}", 1280)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    found = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a",
        "links => links.map(a => [new URL(a.href).pathname.slice(1), a.innerText.replace(/\\s+/g, ' ')])")
    page.close()
    return [path for path, _ in found], [text for _, text in found], errors


@pytest.mark.parametrize(("query", "first"), [
    ("kumpul", {"kabupaten-lumajang/pasrujambe/pengumpulan-data-kinerja/",
                "kabupaten-lumajang/sumbersuko/pengumpulan-data-kinerja/"}),
    ("pengumpulan", {"kabupaten-lumajang/pasrujambe/pengumpulan-data-kinerja/",
                     "kabupaten-lumajang/sumbersuko/pengumpulan-data-kinerja/"}),
    ("ukur", {"kabupaten-lumajang/sumbersuko/pengukuran-kinerja/"}),
    ("425.504", {"kota-probolinggo/kanigaran/penyusunan-lkjip/"}),
    ("Sja", {"kabupaten-kutai-kartanegara/samboja/penyusunan-lkjip/"}),
    ("SOP/425", {"kota-probolinggo/kanigaran/penyusunan-lkjip/", "kota-probolinggo/wonoasih/penyusunan-lkjip/"}),
])
def test_a_query_finds_the_right_sop_first(browser: Any, seed_url: str, query: str, first: set[str]) -> None:
    paths, _, errors = _results(browser, seed_url, query)
    assert errors == []
    assert paths[:len(first)] and set(paths[:len(first)]) == first, paths


@pytest.mark.parametrize("query", ["LKIP", "LKjIP", "lkip"])
def test_both_spellings_of_lkjip_list_the_three_lkjip_sops_first(browser: Any, seed_url: str, query: str) -> None:
    paths, _, _ = _results(browser, seed_url, query)
    assert set(paths[:3]) == {p for p in SOP_PAGES if p.endswith("penyusunan-lkjip/")}, paths


def test_kerja_finds_the_kinerja_sops_before_any_other_page(browser: Any, seed_url: str) -> None:
    paths, previews, _ = _results(browser, seed_url, "kerja")
    assert set(paths[:len(SOP_PAGES)]) == set(SOP_PAGES), paths
    assert previews[0].startswith("Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) "
                                  "Berlaku sejak 14 Februari 2025 Kecamatan Samboja, Kabupaten Kutai Kartanegara · "
                                  "Nomor B.121/Kec.Sja/900/2/2025 · 11 langkah · Pelaksana:"), previews[0]


def test_sop_pages_rank_above_the_yaml_reference(browser: Any, seed_url: str) -> None:
    paths, _, _ = _results(browser, seed_url, "kumpul")
    assert "referensi-yaml/" not in paths or paths.index("referensi-yaml/") > max(
        paths.index(p) for p in SOP_PAGES if p in paths)
