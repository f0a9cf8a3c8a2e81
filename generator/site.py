"""Stage 5c: the handbook site's generated pages, as (docs path, content) pairs for MkDocs.

Pure: nothing is written here; the MkDocs plugin turns each :class:`SitePage` into a virtual
file. Links inside generated HTML are computed relative to each page's URL, because MkDocs
does not rewrite links in raw HTML.
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.build import RenderedSop
from generator.formatting import format_tanggal
from generator.metrics import FONT_DIR
from generator.model import Procedure, Unit
from generator.render_html import STATIC_DIR
from generator.schema_docs import reference_markdown

__all__ = ["SitePage", "display_pemda", "display_unit", "page_url", "site_pages"]


@dataclass(frozen=True)
class SitePage:
    """A file of the site: its path below ``docs/`` and its text or bytes."""

    path: str
    content: str | bytes


@cache
def _site_templates() -> Environment:
    return Environment(loader=PackageLoader("generator", "templates/site"), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True)


def display_pemda(unit: Unit) -> str:
    """``PEMERINTAH KOTA PROBOLINGGO`` → ``Kota Probolinggo``.

    >>> display_pemda(Unit("PEMERINTAH KABUPATEN KUTAI KARTANEGARA", "", None, None, None))
    'Kabupaten Kutai Kartanegara'
    """
    name = unit.pemda.strip()
    if name.upper().startswith("PEMERINTAH "):
        name = name[len("PEMERINTAH "):]
    return name.title()


def display_unit(unit: Unit) -> str:
    """``KECAMATAN WONOASIH`` → ``Kecamatan Wonoasih``."""
    return unit.unit.strip().title()


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page at docs path *src*.

    >>> page_url("a/b/c.md"), page_url("a/b/index.md"), page_url("a/b/c.md", False)
    ('a/b/c/', 'a/b/', 'a/b/c.html')
    """
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def _href(from_src: str, to: str, use_directory_urls: bool) -> str:
    """Relative link from the page at *from_src* to *to* (a docs path of a page or a file)."""
    base = posixpath.dirname(page_url(from_src, use_directory_urls).rstrip("/") + "/x")
    target = page_url(to, use_directory_urls) if to.endswith(".md") else to
    rel = posixpath.relpath(target or ".", base or ".")
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel


def _one_block(html_text: str) -> Markup:
    """Drop blank lines so Markdown keeps the HTML as one raw block."""
    return Markup("\n".join(line for line in str(html_text).splitlines() if line.strip()))


def _dates(p: Procedure) -> dict[str, str]:
    zero = p.options.date_zero_pad
    return {"pembuatan": format_tanggal(p.tgl_pembuatan, zero_pad=zero),
            "revisi": format_tanggal(p.tgl_revisi, zero_pad=zero),
            "efektif": format_tanggal(p.tgl_efektif, zero_pad=zero)}


def _sop_page(item: RenderedSop, src: str, use_dir: bool, logo_path: str | None) -> SitePage:
    p = item.procedure
    pdf_name = f"{p.slug}.pdf" if item.pdf is not None else None
    pdf_href = _href(src, posixpath.join(posixpath.dirname(src), pdf_name), use_dir) if pdf_name else ""
    logo_url = _href(src, logo_path, use_dir) if logo_path else None
    text = _site_templates().get_template("sop.md.j2").render(
        title_json=Markup(json.dumps(p.nama, ensure_ascii=False)), p=p, dates=_dates(p),
        pdf_name=pdf_name, pdf_href=pdf_href,
        sheet=_one_block(item.sheet_html(logo_url)), diagram=_one_block(item.diagram_svg))
    return SitePage(src, text)


def site_pages(rendered: list[RenderedSop], *, use_directory_urls: bool = True) -> list[SitePage]:
    """Every generated page, PDF and asset of the handbook site."""
    use_dir = use_directory_urls
    pages: list[SitePage] = [SitePage("assets/sop/sop-sheet.css", (STATIC_DIR / "sop-sheet.css").read_text())]
    pages += [SitePage(f"assets/sop/fonts/{f.name}", f.read_bytes()) for f in sorted(FONT_DIR.glob("*.ttf"))]
    by_kec: dict[tuple[str, str], list[RenderedSop]] = defaultdict(list)
    for item in rendered:
        by_kec[(item.procedure.pemda_slug, item.procedure.kecamatan_slug)].append(item)
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for (pemda, kec), items in sorted(by_kec.items()):
        unit = items[0].procedure.unit
        logo_path = None
        if unit.logo:
            logo_path = f"assets/logo/{pemda}-{kec}{unit.logo.suffix.lower()}"
            pages.append(SitePage(logo_path, unit.logo.read_bytes()))
        index_src = f"{pemda}/{kec}/index.md"
        rows = []
        for item in items:
            p = item.procedure
            src = f"{pemda}/{kec}/{p.slug}.md"
            pages.append(_sop_page(item, src, use_dir, logo_path))
            if item.pdf is not None:
                pages.append(SitePage(f"{pemda}/{kec}/{p.slug}.pdf", item.pdf))
            rows.append({"p": p, "dates": _dates(p), "src": src,
                         "href": _href(index_src, src, use_dir),
                         "pdf_href": _href(index_src, f"{pemda}/{kec}/{p.slug}.pdf", use_dir)
                         if item.pdf is not None else ""})
        pages.append(SitePage(index_src, _site_templates().get_template("kecamatan.md.j2").render(
            title_json=Markup(json.dumps(display_unit(unit), ensure_ascii=False)), unit=unit, rows=rows)))
        groups[pemda].append({"title": display_unit(unit), "src": index_src, "rows": rows,
                              "count": len(rows), "unit": unit})
    daftar = []
    for pemda, kecs in sorted(groups.items()):
        src = f"{pemda}/index.md"
        title = display_pemda(kecs[0]["unit"])  # type: ignore[arg-type]
        rows = [{"title": k["title"], "count": k["count"], "href": _href(src, str(k["src"]), use_dir)}
                for k in kecs]
        pages.append(SitePage(src, _site_templates().get_template("pemda.md.j2").render(
            title_json=Markup(json.dumps(title, ensure_ascii=False)), rows=rows)))
        daftar.append({"title": title, "kecamatan": [
            {"title": k["title"], "href": _href("daftar-sop.md", str(k["src"]), use_dir),
             "rows": [{"p": r["p"], "href": _href("daftar-sop.md", r["src"], use_dir)}
                      for r in k["rows"]]}  # type: ignore[attr-defined]
            for k in kecs]})
    pages.append(SitePage("daftar-sop.md", _site_templates().get_template("daftar.md.j2").render(groups=daftar)))
    pages.append(SitePage("referensi-yaml.md", reference_markdown()))
    return pages
