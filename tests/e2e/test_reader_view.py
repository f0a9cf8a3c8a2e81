"""The reader's view in Bahasa Indonesia (issue 14 §7): the YAML reference in readable words,
the theme's strings, titles and PDF names that tell kecamatan apart, breadcrumb and header,
the filterable global Daftar SOP, the home page for readers and the editors' own page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.e2e.test_browser import _open


def test_the_yaml_reference_speaks_indonesian_without_code_markup(seed_site: tuple[Path, str]) -> None:
    page = (seed_site[0] / "referensi-yaml" / "index.html").read_text()
    assert "``" not in page and "Optional[" not in page and "<class " not in page
    for internal in ("DisahkanOleh", "RenderOptions", "KategoriCapaian", "SopDefinition", "the unit whose"):
        assert internal not in page
    for readable in ("<td>teks</td>", "<td>daftar teks</td>", "<td>tanggal</td>",
                     'kumpulan kunci (<a href="#disahkan-oleh">lihat disahkan_oleh</a>)'):
        assert readable in page
    assert "Pejabat yang mengesahkan SOP (Bagian Identitas butir 6)" in page


def test_theme_strings_titles_and_tooltips_are_indonesian(seed_site: tuple[Path, str]) -> None:
    site = seed_site[0]
    for path in sorted(site.rglob("*.html")):
        text = path.read_text()
        labels = re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', text)
        assert not {"Permanent link", "Header", "Footer", "Search", "Copy to clipboard"} & set(labels), path
        # Graphviz's own names of nodes and edges never reach a tooltip.
        assert not re.search(r"<title>(?:s\d+|sop\d+|lane\d+|free\d+|[\w]+->[\w]+)</title>", text), path
    missing = (site / "404.html").read_text()
    assert "<h1>Halaman tidak ditemukan</h1>" in missing and "Not found" not in missing
    page = (site / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip" / "index.html").read_text()
    assert ("<title>Prosedur Penyusunan LKjIP Organisasi Perangkat Daerah – Kecamatan Wonoasih - "
            "Buku SOP AP Kecamatan</title>") in page
    assert 'title="Tautan ke bagian ini"' in (site / "index.html").read_text()
    # The PDF opens in the browser, and can still be downloaded; its name says the kecamatan.
    assert '<a class="md-button md-button--primary sop-pdf-link" href="../penyusunan-lkjip-wonoasih.pdf">' in page
    assert '<a class="md-button sop-pdf-download" href="../penyusunan-lkjip-wonoasih.pdf" download>' in page


def test_sop_pages_keep_navigation_breadcrumb_and_the_pemda_in_the_header(browser: Any, seed_url: str) -> None:
    page, errors = _open(browser, seed_url + "kota-probolinggo/wonoasih/penyusunan-lkjip/", 1400)
    assert page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".md-path").inner_text().split() == ["Buku", "SOP", "AP", "Kota", "Probolinggo",
                                                             "Kecamatan", "Wonoasih"]
    assert page.locator(".md-header__topic").first.inner_text() == "Buku SOP AP Kecamatan · Kota Probolinggo"
    assert errors == []
    page.close()


def test_the_header_shows_the_instansi_logo_when_given(browser: Any, handbook_url: str) -> None:
    page, _ = _open(browser, handbook_url + "kabupaten-contoh/kecamatan-sukamaju/pelayanan-domisili/", 1400)
    logo = page.locator(".md-header .md-logo img")
    assert logo.get_attribute("alt") == "Logo Kabupaten Contoh"
    assert page.evaluate("() => document.querySelector('.md-header .md-logo img').naturalWidth") > 0
    page.close()


def test_the_global_daftar_sop_filters_by_text_pemda_and_kecamatan(browser: Any, seed_url: str) -> None:
    page, errors = _open(browser, seed_url + "daftar-sop/", 1400)
    visible = "() => [...document.querySelectorAll('table.sop-daftar tbody tr')].filter(r => !r.hidden).length"
    count = page.locator(".sop-filter-count")
    assert page.evaluate(visible) == 6 and count.inner_text() == "6 dari 6 SOP"
    assert page.locator("table.sop-daftar thead th").all_inner_texts() == [
        "Pemerintah daerah", "Kecamatan", "Nomor", "Nama SOP", "Status", "Tgl Efektif", "PDF"]
    page.locator(".sop-filter input[name=teks]").fill("kinerja lumajang")
    assert page.evaluate(visible) == 3 and count.inner_text() == "3 dari 6 SOP"
    page.locator(".sop-filter input[name=teks]").fill("")
    page.locator(".sop-filter select[name=pemda]").select_option("Kota Probolinggo")
    assert page.evaluate(visible) == 2
    page.locator(".sop-filter select[name=unit]").select_option("Kota Probolinggo / Kecamatan Kanigaran")
    assert page.evaluate(visible) == 1
    assert "065/10-2/SOP/425.504/2023" in page.locator("table.sop-daftar tbody tr:not([hidden])").inner_text()
    assert errors == []
    page.close()


def test_the_home_page_speaks_to_readers_and_editors_have_their_own_page(seed_site: tuple[Path, str]) -> None:
    home = (seed_site[0] / "index.html").read_text()
    for heading in ("Mencari SOP", "Memastikan SOP masih berlaku", "Cara membaca lembar SOP"):
        assert f">{heading}<" in home
    assert "sop check" not in home, re.findall(r".{80}sop check.{40}", home)
    editors = (seed_site[0] / "penyusun" / "index.html").read_text()
    assert "Cara mengusulkan perubahan" in editors and "<code>sop check</code>" in editors
