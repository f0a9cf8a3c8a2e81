"""Stage 5c: the handbook site's generated pages, as (docs path, content) pairs for MkDocs.

Pure: nothing is written here; the MkDocs plugin turns each :class:`SitePage` into a virtual
file. Links inside generated HTML are computed relative to each page's URL, because MkDocs
does not rewrite links in raw HTML.

Pages: one per SOP (sheet, diagram, PDF, Riwayat Revisi, Keterkaitan and the same SOP in
other kecamatan), one per kecamatan (Daftar SOP, book PDF, relations map), one per pemda
(Daftar SOP of all its kecamatan), the overall Daftar SOP and the YAML reference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.build import DiskCache, RenderedBook, RenderedSop, Revision, Revisions, Session, content_key, in_workers
from generator.compare import Version, changed_steps, compare_family, render_diff_html, render_family_html
from generator.definitions import reference_markdown
from generator.formatting import format_angka, format_tanggal
from generator.lkjip import bab_iii_rows, years_of
from generator.memo import LatestMemo
from generator.model import Instansi, Sop
from generator.render import STATIC_DIR, bab_iii_html, bab_iii_xlsx, ikm_report_html, lkjip_document, render_dot_svg
from generator.sheet import FONT_DIR, MARGIN_MM
from generator.site.fonts import web_font, web_font_css
from generator.site.relations import family, relations_dot, resolve_keterkaitan
from generator.site.search import SearchEntry, Stemmer, search_entry
from generator.verifikasi import shown_code

DIFF_CSS = STATIC_DIR.parent / "templates" / "diff.css"

__all__ = ["SitePage", "display_pemda", "display_unit", "page_url", "site_pages"]


@dataclass(frozen=True)
class SitePage:
    """A file of the site: its path below ``docs/`` and its text or bytes.

    ``blocks`` are large generated HTML fragments (sheets, diagrams, tables) that the page's
    Markdown only names by a placeholder comment; the plugin puts them back after Markdown
    has run, so Markdown never has to parse them.
    """

    path: str
    content: str | bytes
    blocks: tuple[tuple[str, str], ...] = ()
    search: SearchEntry | None = None
    """For an SOP page, its one entry in the search index (:mod:`generator.site.search`)."""
    in_nav: bool = True
    """False for pages reached from another page only (an SOP's "what changed" pages)."""


class _Blocks:
    """Collects a page's large HTML fragments and hands out their placeholders."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def __call__(self, html_text: str) -> Markup:
        placeholder = f"<!--sop-blok-{len(self.items)}-->"
        self.items.append((placeholder, str(html_text)))
        return Markup(placeholder)


@cache
def _site_templates() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates/site"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    # MkDocs themes print page titles as HTML (titles normally come from rendered headings),
    # so a title taken from a definition is HTML-escaped before it goes into the front matter.
    env.filters["title_json"] = lambda value: Markup(json.dumps(str(escape(value)), ensure_ascii=False))
    # An SOP number may break after a slash on a phone ("065/<wbr>10-2/<wbr>SOP/…"), never inside a part.
    env.filters["slash_breaks"] = lambda value: Markup(str(escape(value)).replace("/", "/<wbr>"))
    return env


def display_pemda(unit: Instansi) -> str:
    """``PEMERINTAH KOTA PROBOLINGGO`` → ``Kota Probolinggo``.

    >>> display_pemda(Instansi("PEMERINTAH KABUPATEN KUTAI KARTANEGARA", "", None, None, None))
    'Kabupaten Kutai Kartanegara'
    """
    name = unit.pemda.strip()
    if name.upper().startswith("PEMERINTAH "):
        name = name[len("PEMERINTAH "):]
    return name.title()


def display_unit(unit: Instansi) -> str:
    """``KECAMATAN WONOASIH`` → ``Kecamatan Wonoasih``."""
    return unit.unit.strip().title()


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page at docs path *src*.

    >>> page_url("a/b/c.md"), page_url("a/b/index.md"), page_url("a/b/c.md", False), page_url("a/index.md", False)
    ('a/b/c/', 'a/b/', 'a/b/c.html', 'a/index.html')
    """
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5] if use_directory_urls else f"{stem}.html"
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


class _Links:
    """Relative links between docs paths, for one ``use_directory_urls`` setting."""

    def __init__(self, use_directory_urls: bool) -> None:
        self.use_dir = use_directory_urls

    def href(self, from_src: str, to: str) -> str:
        """Link from the page at *from_src* to *to* (a page ``.md`` or any other file), percent-encoded.

        Definition file and folder names are slugs already (``sop check`` refuses others); the
        encoding keeps a link a link whatever a name holds.

        >>> _Links(True).href("a/b/c.md", "a/b/d.md"), _Links(False).href("a/b/c.md", "a/b/d.md")
        ('../d/', 'd.html')
        >>> _Links(True).href("a/b/index.md", "a/b/d.md"), _Links(False).href("a/b/index.md", "a/index.md")
        ('d/', '../index.html')
        """
        here = page_url(from_src, self.use_dir)
        base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
        target = page_url(to, self.use_dir) if to.endswith(".md") else to
        rel = posixpath.relpath(target or ".", base or ".")
        rel = rel + "/" if target.endswith("/") and not rel.endswith("/") else rel
        return quote(rel, safe="/.-_~")


def _src(p: Sop) -> str:
    return f"{p.pemda_slug}/{p.kecamatan_slug}/{p.slug}.md"


def _pdf(p: Sop) -> str:
    # The kecamatan in the name tells downloads apart ("penyusunan-lkjip-wonoasih.pdf").
    return f"{p.pemda_slug}/{p.kecamatan_slug}/{p.slug}-{p.kecamatan_slug}.pdf"


def _dates(p: Sop) -> dict[str, str]:
    zero = p.options.date_zero_pad
    return {"pembuatan": format_tanggal(p.tgl_pembuatan, zero_pad=zero),
            "revisi": format_tanggal(p.tgl_revisi, zero_pad=zero),
            "efektif": format_tanggal(p.tgl_efektif, zero_pad=zero)}


def status_of(p: Sop) -> dict[str, str]:
    """The status badge of *p* as the site shows it.

    ``kind`` (CSS class suffix), ``label`` ("Berlaku sejak 2 Januari 2024", "Draf", "Dicabut 1
    Maret 2025") and ``kurang`` (what an official sheet still needs, "" when complete; see
    :attr:`generator.model.Sop.kekurangan`).

    >>> import datetime as dt
    >>> from pathlib import Path
    >>> from generator.model import Instansi, Options
    >>> unit = Instansi("PEMDA", "KEC", None, None, None)
    >>> sop = Sop("a", Path("a.yaml"), "p", "k", unit, "1", "A", None, None, dt.date(2024, 1, 2), None, {},
    ...           (), (), (), "-", Options())
    >>> status_of(sop)
    {'kind': 'berlaku', 'label': 'Berlaku sejak 2 Januari 2024', 'kurang': 'nama pengesah, NIP pengesah'}
    """
    if p.status == "dicabut" and p.pencabutan is not None:
        label = f"Dicabut {format_tanggal(p.pencabutan.tanggal)}"
    elif p.status == "berlaku":
        label = f"Berlaku sejak {format_tanggal(p.tgl_efektif)}" if p.tgl_efektif else "Berlaku"
    else:
        label = "Draf"
    return {"kind": p.status, "label": label, "kurang": ", ".join(p.kekurangan)}


def _row(item: RenderedSop, from_src: str, links: _Links) -> dict[str, Any]:
    """One line of a Daftar SOP table, with ISO dates and counts as sort keys."""
    p = item.sop
    iso = {k: (d.isoformat() if d else "") for k, d in
           (("pembuatan", p.tgl_pembuatan), ("revisi", p.tgl_revisi), ("efektif", p.tgl_efektif))}
    minutes = sum(float(s.waktu.low) * {"menit": 1, "jam": 60, "hari": 450, "minggu": 2250, "bulan": 9000}[s.waktu.unit]
                  for s in p.langkah if s.waktu)
    return {"p": p, "dates": _dates(p), "iso": iso, "minutes": round(minutes, 1), "status": status_of(p),
            "href": links.href(from_src, _src(p)), "kecamatan": display_unit(p.instansi),
            "kecamatan_href": links.href(from_src, f"{p.pemda_slug}/{p.kecamatan_slug}/index.md"),
            "pdf_href": links.href(from_src, _pdf(p)) if item.pdf is not None else ""}


History = dict[str, Revisions]
"""Per SOP key, its earlier versions with their diffs (:data:`generator.build.Revisions`)."""


def _revision_src(p: Sop, version: Version) -> str:
    return f"{p.pemda_slug}/{p.kecamatan_slug}/{p.slug}-perubahan-{version.short}.md"


def _version_date(version: Version) -> str:
    """The commit date of *version* the Indonesian way ("2 Januari 2024"), never ISO."""
    return format_tanggal(dt.date.fromisoformat(version.date))


def _revision_page(item: RenderedSop, revision: Revision, links: _Links, logo_path: str | None) -> SitePage:
    p = item.sop
    version, diff = revision.version, revision.changes
    src = _revision_src(p, version)
    highlight = changed_steps(diff) if diff is not None else {}
    blocks = _Blocks()
    text = _site_templates().get_template("revision.md.j2").render(
        p=p, tanggal=_version_date(version), subject=revision.title, text_diff=revision.text_diff,
        diff_html=blocks(render_diff_html(diff, standalone=False)) if diff is not None else "",
        sheet=blocks(item.sheet_html(links.href(src, logo_path) if logo_path else None, highlight)),
        back=links.href(src, _src(p)), marked=len(highlight))
    return SitePage(src, text, tuple(blocks.items), in_nav=False)


def _family_src(kode: str) -> str:
    return f"perbandingan/{kode}.md"


def _sop_page(item: RenderedSop, catalog: Sequence[Sop], links: _Links, logo_path: str | None,
              history: History, stemmer: Stemmer) -> SitePage:
    p = item.sop
    src = _src(p)
    page = item.layout.page
    margin = " ".join(f"{MARGIN_MM[side]:g}mm" for side in ("top", "right", "bottom", "left"))
    print_css = f"@media print {{ @page {{ size: {page.width:g}mm {page.height:g}mm; margin: {margin}; }} }}"
    blocks = _Blocks()
    text = _site_templates().get_template("sop.md.j2").render(
        p=p, dates=_dates(p), kecamatan=display_unit(p.instansi), pemda=display_pemda(p.instansi), logo=logo_path,
        print_css=Markup(print_css), status=status_of(p),
        pengganti=links.href(src, f"{p.pemda_slug}/{p.kecamatan_slug}/{p.pencabutan.pengganti}.md")
        if p.pencabutan is not None and p.pencabutan.pengganti else "",
        pencabutan_tanggal=format_tanggal(p.pencabutan.tanggal) if p.pencabutan is not None else "",
        pdf_href=links.href(src, _pdf(p)) if item.pdf is not None else "",
        verify_href=links.href(src, f"verifikasi/{p.kode_verifikasi.lower()}/index.md"),
        verify_code=shown_code(p.kode_verifikasi),
        sheet=blocks(item.sheet_html(links.href(src, logo_path) if logo_path else None)),
        diagram=blocks(item.diagram_svg),
        revisi=[(format_tanggal(d), uraian) for d, uraian in p.revisi],
        keterkaitan=[(text, links.href(src, _src(t)) if t else None) for text, t in resolve_keterkaitan(p, catalog)],
        family=[(f"{display_unit(o.instansi)}, {display_pemda(o.instansi)}", o.nama, links.href(src, _src(o)))
                for o in family(p, catalog)],
        family_href=links.href(src, _family_src(p.kode)) if p.kode and family(p, catalog) else "",
        versions=[{"tanggal": _version_date(r.version), "subject": r.title,
                   "count": len(r.changes.substantive) if r.changes is not None else None,
                   "href": links.href(src, _revision_src(p, r.version))} for r in history.get(p.key, [])])
    status = status_of(p)
    where = f"{display_unit(p.instansi)}, {display_pemda(p.instansi)}"
    return SitePage(src, text, tuple(blocks.items),
                    search_entry(p, status=status["label"], kind=status["kind"], where=where, stemmer=stemmer))


def _lkjip_pages(items: list[RenderedSop], links: _Links, cache: DiskCache, logo_path: str | None) -> list[SitePage]:
    """The "Panduan Sumber Data LKjIP" page of one kecamatan and its downloads.

    Per year the Bab III table as PDF and XLSX (as ``sop lkjip`` writes them), per survey the
    IKM report as PDF (as ``sop ikm --pdf``). Empty without indicators. PDFs go through the
    build cache.
    """
    first = items[0].sop
    unit = first.instansi
    if not unit.indikator:
        return []
    folder = f"{first.pemda_slug}/{first.kecamatan_slug}"
    src = f"{folder}/sumber-data-lkjip.md"
    blocks = _Blocks()
    files: list[SitePage] = []

    def pdf(name: str, html_text: str) -> str:
        made = cache.render_pdfs([(content_key(html_text), lambda: html_text)])[0]
        files.append(SitePage(f"{folder}/{name}", made.data))
        return links.href(src, f"{folder}/{name}")

    indicators = []
    for indicator in unit.indikator:
        sops = [(i.sop.nama, links.href(src, _src(i.sop))) for i in items
                if indicator.id in i.sop.jenis_dan_sumber_data]
        surveys = [(year, blocks(ikm_report_html(result, title=f"IKM {year}", source=f"tahun {year}")),
                    pdf(f"laporan-{indicator.id}-{first.kecamatan_slug}-{year}.pdf",
                        ikm_report_html(result, standalone=True, source=f"tahun {year}",
                                        title=f"Laporan Indeks Kepuasan Masyarakat {year} – {display_unit(unit)}")))
                   for year, result in sorted(indicator.surveys.items(), reverse=True)]
        indicators.append({"i": indicator, "sops": sops, "surveys": surveys})
    tables = []
    for year in years_of(unit):
        rows = bab_iii_rows(unit, year)
        name = f"lkjip-bab3-{first.kecamatan_slug}-{year}"
        pdf_href = pdf(f"{name}.pdf", lkjip_document(unit, rows, year, paper=first.options.paper))
        files.append(SitePage(f"{folder}/{name}.xlsx", bab_iii_xlsx(unit, rows, year)))
        tables.append((year, blocks(bab_iii_html(rows, year)), pdf_href, links.href(src, f"{folder}/{name}.xlsx")))
    text = _site_templates().get_template("lkjip.md.j2").render(
        kecamatan=display_unit(unit), pemda=display_pemda(unit), logo=logo_path,
        indicators=indicators, tables=tables, bands=unit.bands,
        cap=format_angka(float(unit.cap), 0) if unit.cap is not None else None)
    return [SitePage(src, text, tuple(blocks.items)), *files]


def _kecamatan_page(items: list[RenderedSop], book: RenderedBook | None, catalog: Sequence[Sop],
                    links: _Links, logo_path: str | None) -> SitePage:
    first = items[0].sop
    src = f"{first.pemda_slug}/{first.kecamatan_slug}/index.md"
    href = {i.sop.key: links.href(src, _src(i.sop)) for i in items}
    relations = render_dot_svg(relations_dot([i.sop for i in items], catalog, href),
                               label=f"Peta keterkaitan SOP {display_unit(first.instansi)}")
    book_href = links.href(src, f"{first.pemda_slug}/{first.kecamatan_slug}/{book.file_name}") if book else ""
    lkjip_href = links.href(src, f"{first.pemda_slug}/{first.kecamatan_slug}/sumber-data-lkjip.md") \
        if first.instansi.indikator else ""
    blocks = _Blocks()
    text = _site_templates().get_template("kecamatan.md.j2").render(
        title=display_unit(first.instansi), unit=first.instansi, rows=[_row(i, src, links) for i in items],
        book_href=book_href, book_pages=book.pages if book else 0, relations=blocks(relations),
        lkjip_href=lkjip_href, pemda=display_pemda(first.instansi), logo=logo_path)
    return SitePage(src, text, tuple(blocks.items))


def _family_html(job: tuple[str, list[Sop], _Links]) -> str:
    """The comparison table of one family ``(kode, members, links)`` (run in a worker process)."""
    kode, members, links = job
    comparison = compare_family(members)
    return str(render_family_html(comparison, standalone=False,
                                  links=[links.href(_family_src(kode), _src(m)) for m in comparison.members]))


def _family_page(kode: str, members: list[Sop], html: str) -> SitePage:
    """The comparison page of one family around its comparison table *html*."""
    blocks = _Blocks()
    return SitePage(_family_src(kode), _site_templates().get_template("family.md.j2").render(
        kode=kode, nama=min(members, key=lambda m: m.key).nama, html=blocks(html)), tuple(blocks.items))


def _family_pages(rendered: Sequence[RenderedSop], links: _Links, memo: LatestMemo[Any, Any],
                  cache: DiskCache) -> list[SitePage]:
    """Family pages, remembered in *memo* by their members' fingerprints (one per kode).

    The comparisons neither remembered nor on disk are made by the worker processes.
    """
    by_kode: dict[str, list[Sop]] = defaultdict(list)
    for item in rendered:
        if item.sop.kode:
            by_kode[item.sop.kode].append(item.sop)
    fingerprints = {item.sop.key: item.fingerprint for item in rendered}
    families = {kode: members for kode, members in sorted(by_kode.items()) if len(members) > 1}
    keys = {kode: (tuple(fingerprints[m.key] for m in members), links.use_dir) for kode, members in families.items()}
    todo = [kode for kode in families if keys[kode] not in memo]
    htmls: dict[str, str] = {}
    if todo:
        htmls = dict(zip(todo, cache.texts(
            [content_key(f"{kode}{keys[kode]}") for kode in todo],
            lambda missing: in_workers(_family_html, ((todo[i], families[todo[i]], links) for i in missing),
                                       len(missing)), suffix=".html"), strict=True))
    pages: list[SitePage] = [memo.get(keys[kode], kode, partial(_family_page, kode, members, htmls.get(kode, "")))
                             for kode, members in families.items()]
    memo.keep_only(families)
    index = [{"kode": kode, "href": links.href("perbandingan/index.md", _family_src(kode)),
              "members": [(f"{display_unit(m.instansi)}, {display_pemda(m.instansi)}", m.nama,
                           links.href("perbandingan/index.md", _src(m))) for m in sorted(members, key=lambda m: m.key)]}
             for kode, members in families.items()]
    pages.append(SitePage("perbandingan/index.md", _site_templates().get_template("families.md.j2").render(
        families=index)))
    return pages


def site_pages(rendered: Sequence[RenderedSop], books: Sequence[RenderedBook] = (), *, session: Session,
               history: History | None = None, use_directory_urls: bool = True) -> list[SitePage]:
    """Every generated page, PDF and asset of the handbook site.

    *history* maps SOP keys to diffs against earlier git versions (one page each). SOP
    pages and family pages are remembered in *session* (``pages``, ``families``) by what they
    show, so a ``serve`` rebuild remakes only the pages an edit changed.
    """
    links = _Links(use_directory_urls)
    history = history or {}
    stemmer = Stemmer()
    catalog = [item.sop for item in rendered]
    # What an SOP page shows of the other SOPs (Keterkaitan, the same SOP elsewhere, links).
    names = hashlib.sha256(repr([(p.key, p.nama, p.kode, p.instansi.unit, p.instansi.pemda) for p in catalog])
                           .encode()).hexdigest()
    pages: list[SitePage] = [
        SitePage("assets/sop/sop-sheet.css", web_font_css((STATIC_DIR / "sop-sheet.css").read_text())),
        SitePage("assets/sop/sop-diff.css", DIFF_CSS.read_text())]
    pages += [SitePage(f"assets/sop/fonts/{f.stem}.woff2", web_font(f, session.cache))
              for f in sorted(FONT_DIR.glob("*.ttf"))]
    book_of = {(b.sops[0].pemda_slug, b.sops[0].kecamatan_slug): b for b in books}
    by_kec: dict[tuple[str, str], list[RenderedSop]] = defaultdict(list)
    for item in rendered:
        by_kec[(item.sop.pemda_slug, item.sop.kecamatan_slug)].append(item)
    by_pemda: dict[str, list[RenderedSop]] = defaultdict(list)
    for (pemda, kec), items in sorted(by_kec.items()):
        unit = items[0].sop.instansi
        logo_path = f"assets/logo/{pemda}-{kec}{unit.logo.suffix.lower()}" if unit.logo else None
        if unit.logo and logo_path:
            pages.append(SitePage(logo_path, unit.logo.read_bytes()))
        book = book_of.get((pemda, kec))
        if book is not None:
            pages.append(SitePage(f"{pemda}/{kec}/{book.file_name}", book.pdf))
        for item in items:
            versions = tuple(revision.version.sha for revision in history.get(item.sop.key, []))
            key = (item.fingerprint, links.use_dir, logo_path, names, versions)
            pages.append(session.pages.get(key, item.sop.key,
                                           partial(_sop_page, item, catalog, links, logo_path, history, stemmer)))
            pages += [_revision_page(item, revision, links, logo_path) for revision in history.get(item.sop.key, [])]
            if item.pdf is not None:
                pages.append(SitePage(_pdf(item.sop), item.pdf))
        pages.append(_kecamatan_page(items, book, catalog, links, logo_path))
        pages += _lkjip_pages(items, links, session.cache, logo_path)
        by_pemda[pemda].extend(items)
    groups = []
    for pemda, items in sorted(by_pemda.items()):
        src = f"{pemda}/index.md"
        title = display_pemda(items[0].sop.instansi)
        pages.append(SitePage(src, _site_templates().get_template("pemda.md.j2").render(
            title=title, rows=[_row(i, src, links) for i in items])))
        kecs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in items:
            kecs[item.sop.kecamatan_slug].append(_row(item, "daftar-sop.md", links))
        groups.append({"title": title, "href": links.href("daftar-sop.md", src), "kecamatan": [
            {"title": rows[0]["kecamatan"], "href": rows[0]["kecamatan_href"], "rows": rows}
            for rows in kecs.values()]})
    pages.append(SitePage("daftar-sop.md", _site_templates().get_template("daftar.md.j2").render(groups=groups)))
    pages += _family_pages(rendered, links, session.families, session.cache)
    pages.append(SitePage("referensi-yaml.md", reference_markdown()))
    session.pages.keep_only(sop.key for sop in catalog)
    return pages
