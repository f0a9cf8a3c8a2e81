"""The build session, for the CLI and the MkDocs plugin: load → validate → layout → render.

Everything is read and validated before anything is rendered, and nothing is written here:
callers get bytes and text back and hand them to :mod:`generator.build.writer` or to MkDocs.
A :class:`Session` remembers what it rendered by a content hash of the files, so ``sop build``
(which renders with a progress bar) and the MkDocs plugin it then runs share one session and
never render twice, and a ``serve`` session re-renders only what an edit changed (one version
per SOP is kept).

PDFs: each sheet is rendered once as a *part* without page numbers; an SOP's PDF is its part
with "Halaman X dari Y" stamped on, a kecamatan book is bound from its front matter, the parts
and the forms (:mod:`generator.render.assemble`). Every PDF goes through the disk cache of
:mod:`generator.build.cache` under a key of what it is made from.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from generator.build.cache import DiskCache, Made, Pdf, code_version, content_key
from generator.compare import (
    SopDiff,
    Version,
    change_rows,
    diff_sops,
    file_history,
    load_spec,
    repository_head,
    text_at,
    text_diff,
)
from generator.definitions import Catalog, ValidationMemo
from generator.errors import DefinitionError, RenderError, SopError, display_path
from generator.memo import LatestMemo
from generator.model import Sop
from generator.project import Project
from generator.render import (
    BookPart,
    OutlineEntry,
    anchor_pages,
    bind_book,
    book_layouts,
    diagram_source,
    page_sizes_mm,
    render_book_back,
    render_book_front,
    render_diagram_svg,
    render_document,
    render_page_number_stamp,
    render_pdf,
    render_sheet,
    stamp_pages,
    wants_formulir,
)
from generator.sheet import SheetLayout, layout_sop, load_checked

__all__ = [
    "Built",
    "Keyed",
    "Part",
    "Progress",
    "RenderedBook",
    "RenderedSop",
    "Revision",
    "Revisions",
    "Session",
    "group_by_kecamatan",
    "render_sop_with_changes",
]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, Sop], None]
"""Called with ``(number, total, sop)`` before each SOP is laid out."""
class Revision(NamedTuple):
    """An earlier git version of an SOP's file and what changed from it to the current one.

    ``changes`` is the semantic diff; a version today's schema cannot read has ``None`` there and
    its change as ``text_diff`` lines of the YAML (:func:`generator.compare.text_diff`).
    """

    version: Version
    changes: SopDiff | None
    text_diff: tuple[str, ...] = ()
    note: str = ""
    """What that version says of itself: the uraian of its newest ``revisi`` entry ("" without one)."""
    sop: Sop | None = None
    """That version as it was (``None`` when today's schema cannot read it): its verification code,
    status and dates for the site's verification pages."""

    @property
    def title(self) -> str:
        """The line a reader sees for this version: its own revisi note, else the commit subject."""
        return self.note or self.version.subject


Revisions = list[Revision]
"""An SOP's earlier versions, newest first."""


class Part(NamedTuple):
    """A sheet rendered without page numbers: the piece an SOP's PDF and its book share."""

    key: str
    """The cache key it is stored under."""
    pdf: bytes
    pages: int


class Keyed(NamedTuple):
    """A rendered document (a page-number stamp, a book's front matter) with its cache key."""

    key: str
    pdf: bytes


@dataclass(frozen=True)
class RenderedSop:
    """One SOP rendered: layout, Graphviz overview SVG and PDF bytes.

    ``pdf`` is ``None`` when PDFs were not asked for; the web sheet fragment is made on demand
    by :meth:`sheet_html`, with the logo URL of the page that shows it. ``fingerprint`` hashes
    everything the rendering depends on (definition files, options, generator code): equal
    fingerprints mean equal output, so later stages may memoise by it.
    """

    sop: Sop
    layout: SheetLayout
    diagram_svg: str
    pdf: bytes | None
    pdf_pages: int
    fingerprint: str
    _sheets: dict[tuple[str | None, tuple[tuple[int, str], ...]], str] = field(
        default_factory=dict, compare=False, repr=False)

    def sheet_html(self, logo_url: str | None = None, highlight: dict[int, str] | None = None) -> str:
        """The sheet fragment for a web page; *logo_url* is relative to that page (kept on this object)."""
        key = (logo_url, tuple(sorted((highlight or {}).items())))
        if key not in self._sheets:
            self._sheets[key] = str(render_sheet(self.layout, logo_url=logo_url, highlight=highlight))
        return self._sheets[key]


@dataclass(frozen=True)
class RenderedBook:
    """The bound SOP book of one kecamatan: its SOPs (in book order) and the PDF."""

    sops: tuple[Sop, ...]
    pdf: bytes
    pages: int

    @property
    def file_name(self) -> str:
        """``buku-sop-<kecamatan>.pdf``."""
        return f"buku-sop-{self.sops[0].kecamatan_slug}.pdf"


@dataclass(frozen=True)
class Built:
    """What :meth:`Session.build` made, stage by stage.

    Attributes:
        catalog: every definition loaded; with ``keep_going`` its ``problems`` name the files
            left out (each located), else it has none.
        sops: every valid SOP rendered, in key order.
        books: one bound book per kecamatan (empty when books were not asked for).
        history: per SOP key, its earlier git versions with their diffs (empty when not asked for).
    """

    catalog: Catalog
    sops: list[RenderedSop]
    books: list[RenderedBook]
    history: dict[str, Revisions]


Stage = Callable[[str, int], None]
"""Called with ``(stage name, how many items)`` as each stage of :meth:`Session.build` starts."""


def _fingerprint(sops: Sequence[Sop], *extra: object) -> str:
    """Hash of the SOPs' files, keys (their place: equal files in two folders differ) and *extra*."""
    digest = hashlib.sha256()
    for sop in sops:
        digest.update(sop.key.encode())
        files = [sop.source, sop.source.parent / "instansi.yaml"]
        if sop.instansi.logo:
            files.append(sop.instansi.logo)
        for path in files:
            digest.update(path.read_bytes())
        digest.update(repr((sop.options.paper, sop.options.orientation, sop.options.pdf_a,  # CLI overrides
                             sop.options.situs)).encode())
    digest.update(repr(extra).encode())
    return digest.hexdigest()


class Session:
    """What one CLI command, or one ``mkdocs serve`` session, validates and renders, remembered.

    Every result is kept under a hash of what it is made from, one version per owner
    (:class:`generator.memo.LatestMemo`): an SOP's rendering per SOP file, a book per
    kecamatan, a history per SOP. ``sop build`` hands its session to the MkDocs plugin it runs,
    so nothing is rendered twice; the plugin keeps its session across ``serve`` rebuilds, so an
    edit re-renders only the edited SOP and the pages that show it.

    Attributes:
        project: the project and its settings (:class:`generator.project.Project`).
        cache: the disk cache of this session (:class:`generator.build.cache.DiskCache`), with
            the keys it used.
        validation: the definitions' validation results (:class:`generator.definitions.ValidationMemo`).
        sops: :class:`RenderedSop` by fingerprint.
        books: :class:`RenderedBook` by fingerprint.
        history: an SOP's :data:`Revisions` by fingerprint and repository head.
        pages, families: the site's SOP pages and family pages (:mod:`generator.site` keeps its
            ``SitePage`` values here; the build never reads them).
    """

    def __init__(self, project: Project | None = None) -> None:
        """A session on *project* (by default the working directory's, settings from the environment)."""
        self.project = project or Project.at(Path.cwd())
        self.cache = DiskCache.of(self.project)
        self.validation = ValidationMemo()
        self.sops: LatestMemo[str, RenderedSop] = LatestMemo()
        self.books: LatestMemo[str, RenderedBook] = LatestMemo()
        self.history: LatestMemo[str, Revisions] = LatestMemo()
        self.pages: LatestMemo[Any, Any] = LatestMemo()
        self.families: LatestMemo[Any, Any] = LatestMemo()

    def build(self, *, pdf: bool = True, book: bool = True, history: int = 0, progress: Progress | None = None,
              on_stage: Stage | None = None) -> Built:
        """The whole build of the project's definitions, in named stages.

        Both ``sop build`` and the MkDocs plugin run it; the second run in one session finds
        everything remembered.

        1. ``muat`` — load and validate every definition, check that each sheet fits its paper;
        2. ``sop`` — lay out and render every SOP (its PDF when *pdf*; *progress* per SOP);
        3. ``buku`` — bind each kecamatan's book (when *book*);
        4. ``riwayat`` — diff each SOP against its last *history* git versions (when > 0).

        *on_stage* is told as each stage starts, with how many items it has.

        Raises:
            DefinitionError: a definition has a problem and the project does not keep going.
            generator.errors.RenderError: a sheet cannot be laid out.
        """
        def stage(name: str, count: int) -> None:
            if on_stage is not None:
                on_stage(name, count)

        stage("muat", 0)
        catalog = self.load_checked([self.project.definitions])
        if catalog.problems and not self.project.keep_going:
            raise DefinitionError(catalog.problems)
        stage("sop", len(catalog.sops))
        rendered = self.render_all(catalog.sops, pdf=pdf, progress=progress)
        groups = group_by_kecamatan(catalog.sops) if book else []
        stage("buku", len(groups))
        books = self.render_books(groups) if groups else []
        revisions: dict[str, Revisions] = {}
        if history > 0:
            stage("riwayat", len(catalog.sops))
            head = repository_head(self.project.definitions)
            revisions = {sop.key: self.revision_diffs(sop, limit=history, head=head) for sop in catalog.sops}
        return Built(catalog, rendered, books, revisions)

    def load_checked(self, paths: Sequence[Path], *, paper: str | None = None) -> Catalog:
        """Every definition under *paths*, validated, with the sheets that cannot be drawn as problems.

        See :func:`generator.sheet.load_checked`; *paper* overrides every definition's paper. The
        SOPs are printed for the project's site (``site_url``: the verification QR code).
        """
        return load_checked(paths, paper=paper, memo=self.validation, root=self.project.root,
                            situs=self.project.site_url)

    def load_valid(self, paths: Sequence[Path], *, paper: str | None = None) -> Catalog:
        """Like :meth:`load_checked`, but any problem stops here.

        Raises:
            DefinitionError: any definition has a problem (all problems are listed).
        """
        catalog = self.load_checked(paths, paper=paper)
        if catalog.problems:
            raise DefinitionError(catalog.problems)
        return catalog

    def render_sop(self, sop: Sop, *, pdf: bool = True) -> RenderedSop:
        """Lay out and render one SOP (remembered, and cached on disk by content).

        Raises:
            generator.errors.RenderError: the sheet cannot be laid out (e.g. a row taller than a page).
        """
        return self.render_all([sop], pdf=pdf)[0]

    def render_all(self, sops: Sequence[Sop], *, pdf: bool = True,
                   progress: Progress | None = None) -> list[RenderedSop]:
        """Render every SOP: layouts and diagrams here, PDFs through :mod:`generator.build.cache`.

        *progress* is called before each SOP is laid out. Results are remembered by the
        content of the definition files, so the CLI and the MkDocs plugin never render twice.

        Raises:
            generator.errors.RenderError: a sheet cannot be laid out.
        """
        keys = []
        for number, sop in enumerate(sops, start=1):
            if progress:
                progress(number, len(sops), sop)
            keys.append(_fingerprint([sop], pdf, code_version()))
        return self.sops.get_many(keys, [("sop", p.key, pdf) for p in sops],
                                  functools.partial(_make_sops, self.cache, sops, keys, pdf))

    def render_book(self, sops: Sequence[Sop], *, formulir: bool | None = None) -> RenderedBook:
        """Render the book of one kecamatan (remembered, and cached on disk by content).

        Raises:
            generator.errors.RenderError: a sheet cannot be laid out.
        """
        return self.render_books([sops], formulir=formulir)[0]

    def render_books(self, groups: Sequence[Sequence[Sop]], *,
                     formulir: bool | None = None) -> list[RenderedBook]:
        """Render the books of several kecamatan (one group of SOPs each), bound from parts.

        Each SOP's part is the one its own PDF was stamped from (re-rendered only for an SOP whose
        paper differs from the book's); the front and back matter are rendered once per book (the
        front twice when its own page count was guessed wrong) and everything is cached by content.

        Raises:
            generator.errors.RenderError: a sheet cannot be laid out.
        """
        keys = [_fingerprint(sops, "book", formulir, code_version()) for sops in groups]
        known = {rendered.sop.key: rendered.layout for rendered in self.sops.values()}

        def make(missing: list[int]) -> list[RenderedBook]:
            books = _book_pdfs(self.cache, [groups[i] for i in missing], [keys[i] for i in missing], formulir, known)
            return [RenderedBook(tuple(groups[i]), data, pages)
                    for i, (data, pages) in zip(missing, books, strict=True)]

        return self.books.get_many(keys, [("book", group[0].key, formulir) for group in groups], make)

    def revision_diffs(self, sop: Sop, *, limit: int = 5, head: str | None = None) -> Revisions:
        """Diffs from each earlier git version of *sop*'s file (newest first) to the current one.

        Every earlier version is listed: one today's schema cannot read with a text diff of its
        YAML, one equal in content with an empty diff; only the committed copy of the current text
        is left out.
        With *head* (:func:`generator.compare.repository_head`, read once per build) the result
        is remembered by it and the file's content, sparing a ``serve`` rebuild most git calls.
        """
        if head is None:
            return _revision_diffs(sop, limit, self.project.root)
        key = f"{_fingerprint([sop])} {head} {limit}"
        return self.history.get(key, ("history", sop.key), lambda: _revision_diffs(sop, limit, self.project.root))


def _make_sops(cache: DiskCache, sops: Sequence[Sop], keys: Sequence[str], pdf: bool,
               missing: list[int]) -> list[RenderedSop]:
    """Render ``sops[i]`` for each *missing* index: Graphviz in a thread, PDFs in the workers."""
    todo = [sops[i] for i in missing]
    laid: dict[int, SheetLayout] = {}

    def layout_of(n: int) -> SheetLayout:  # laid out when its PDF is asked for, then kept
        if n not in laid:
            laid[n] = layout_sop(todo[n])
        return laid[n]

    # Graphviz runs as subprocesses: a thread keeps it going while the PDFs are rendered;
    # each sheet is laid out just before its document goes to the workers.
    with ThreadPoolExecutor(max_workers=1) as graphviz:
        diagrams = graphviz.map(functools.partial(_diagram, cache), todo)
        pdfs: list[tuple[bytes | None, int]] = [(None, 0)] * len(missing)
        if pdf:
            pdfs = list(_sop_pdfs(cache, todo, layout_of, [keys[i] for i in missing]))
        layouts = [layout_of(n) for n in range(len(todo))]
        svgs = list(diagrams)
    return [RenderedSop(layout.sop, layout, svg, data, pages, keys[i])
            for i, layout, svg, (data, pages) in zip(missing, layouts, svgs, pdfs, strict=True)]


def _diagram(cache: DiskCache, sop: Sop) -> str:
    """The Graphviz overview SVG, from the disk cache when its DOT source was laid out before."""
    source = diagram_source(sop)
    return cache.text(content_key(source), functools.partial(render_diagram_svg, source))


def _logo(sop: Sop) -> str | None:
    return sop.instansi.logo.as_uri() if sop.instansi.logo else None


def _part_key(sop: Sop) -> str:
    return _fingerprint([sop], "part", code_version())


def _html_jobs(documents: Iterable[str]) -> list[tuple[str, Callable[[], str]]]:
    """:meth:`DiskCache.render_pdfs` jobs for print documents already made, keyed by their content."""
    return [(content_key(html), functools.partial(str, html)) for html in documents]


def _parts(cache: DiskCache, sops: Sequence[Sop], layout_of: Callable[[int], SheetLayout]) -> list[Part]:
    """Each sheet's print document without page numbers (the part shared by its PDF and its book).

    ``layout_of(n)`` gives the layout of ``sops[n]``; it is only asked for when the part
    is not cached. Returns one :class:`Part` per SOP.
    """
    jobs = [(_part_key(sop), functools.partial(_part_document, layout_of, n))
            for n, sop in enumerate(sops)]
    return [Part(key, data, pages) for (key, _), (data, pages) in zip(jobs, cache.render_pdfs(jobs), strict=True)]


def _part_document(layout_of: Callable[[int], SheetLayout], n: int) -> str:
    layout = layout_of(n)
    return render_document(layout, logo_url=_logo(layout.sop), page_numbers=False)


def _stamps(cache: DiskCache, sizes: Sequence[Sequence[tuple[float, float]]], *, skip_first: bool) -> list[Keyed]:
    """Page-number stamps for documents with these page sizes (``(width, height)`` per page, mm)."""
    jobs = _html_jobs(render_page_number_stamp(each, skip_first=skip_first) for each in sizes)
    return [Keyed(key, data) for (key, _), (data, _) in zip(jobs, cache.render_pdfs(jobs), strict=True)]


def _sop_pdfs(cache: DiskCache, sops: Sequence[Sop], layout_of: Callable[[int], SheetLayout],
              keys: Sequence[str]) -> list[Pdf]:
    """The SOPs' own PDFs: each part with "Halaman X dari Y" stamped on (cached under *keys*)."""

    def make(missing: list[int]) -> list[Made]:
        parts = _parts(cache, [sops[i] for i in missing], lambda n: layout_of(missing[n]))
        stamps = _stamps(cache, [page_sizes_mm(part.pdf) for part in parts], skip_first=False)
        return [Made(stamp_pages(part.pdf, stamp.pdf), part.pages, (part.key, stamp.key))
                for part, stamp in zip(parts, stamps, strict=True)]

    return cache.pdfs(keys, make)


def group_by_kecamatan(sops: Sequence[Sop]) -> list[list[Sop]]:
    """SOPs grouped per kecamatan folder, in key order."""
    groups: dict[tuple[str, str], list[Sop]] = {}
    for sop in sorted(sops, key=lambda p: p.key):
        groups.setdefault((sop.pemda_slug, sop.kecamatan_slug), []).append(sop)
    return list(groups.values())


def _book_pdfs(cache: DiskCache, groups: Sequence[Sequence[Sop]], keys: Sequence[str], formulir: bool | None,
               known: dict[str, SheetLayout]) -> list[Pdf]:
    """The books' PDFs (cached under *keys*); *known* are the layouts already made, by SOP key."""

    def make(missing: list[int]) -> list[Made]:
        layouts = [book_layouts(groups[i], known) for i in missing]
        forms = [wants_formulir(groups[i], formulir) for i in missing]
        every = [layout for each in layouts for layout in each]
        flat = iter(_parts(cache, [layout.sop for layout in every], every.__getitem__))
        parts = [[next(flat) for _ in each] for each in layouts]
        with_forms = [n for n, wanted in enumerate(forms) if wanted]
        back_jobs = _html_jobs(render_book_back(layouts[n]) for n in with_forms)
        backs = {n: Part(key, data, pages) for n, (key, _), (data, pages)
                 in zip(with_forms, back_jobs, cache.render_pdfs(back_jobs), strict=True)}
        fronts = _fronts(cache, layouts, parts, backs, forms)
        bound, deps = [], []
        for n, each in enumerate(layouts):
            pieces = [BookPart(fronts[n].pdf)]
            pieces += [BookPart(part.pdf, outline=(OutlineEntry(layout.sop.nama),), anchor=f"sop-{number}")
                       for number, (layout, part) in enumerate(zip(each, parts[n], strict=True), start=1)]
            deps.append([fronts[n].key, *(part.key for part in parts[n])])
            if n in backs:
                pieces.append(BookPart(backs[n].pdf))
                deps[-1].append(backs[n].key)
            bound.append(pieces)
        sizes = [[size for piece in pieces for size in page_sizes_mm(piece.pdf)] for pieces in bound]
        stamps = _stamps(cache, sizes, skip_first=True)
        return [Made(bind_book(pieces, stamp.pdf), len(pages), (*needs, stamp.key))
                for pieces, stamp, pages, needs in zip(bound, stamps, sizes, deps, strict=True)]

    return cache.pdfs(keys, make)


def _fronts(cache: DiskCache, layouts: Sequence[Sequence[SheetLayout]], parts: Sequence[Sequence[Part]],
            backs: dict[int, Part], forms: Sequence[bool]) -> list[Keyed]:
    """Each book's front document, its Daftar Isi numbered from its own page count.

    That count is only known after rendering, so the front is rendered with the count it had
    last time (remembered per kecamatan) or an estimate, and again when that was wrong.

    Raises:
        RenderError: the count still changed after three renderings.
    """
    notes = [f"front-{each[0].sop.pemda_slug}-{each[0].sop.kecamatan_slug}" for each in layouts]
    # Without a hint: cover, Keputusan + lampiran, Daftar Isi (about 30 lines a page), Penjelasan.
    guesses = [cache.recall(note) or 1 + (2 if each[0].sop.instansi.buku.keputusan else 0)
               + -(-(len(each) + 6) // 30) + 1 for note, each in zip(notes, layouts, strict=True)]
    fronts: list[Keyed | None] = [None] * len(layouts)
    for _attempt in range(3):
        todo = [n for n in range(len(layouts)) if fronts[n] is None]
        if not todo:
            break
        jobs = _html_jobs(_front_document(layouts[n], parts[n], backs.get(n), forms[n], guesses[n]) for n in todo)
        for n, (key, _), (data, pages) in zip(todo, jobs, cache.render_pdfs(jobs), strict=True):
            if pages == guesses[n]:
                fronts[n] = Keyed(key, data)
                cache.remember(notes[n], pages)
            else:
                guesses[n] = pages
    if any(front is None for front in fronts):
        raise RenderError("Jumlah halaman bagian depan buku tidak stabil (daftar isi berubah panjang)")
    return [front for front in fronts if front is not None]


def _front_document(layouts: Sequence[SheetLayout], parts: Sequence[Part],
                    back: Part | None, formulir: bool, front_pages: int) -> str:
    toc_pages: dict[str, int] = {}
    page = front_pages + 1
    for number, part in enumerate(parts, start=1):
        toc_pages[f"sop-{number}"] = page
        page += part.pages
    if formulir and back is not None:
        starts = anchor_pages(back.pdf)
        toc_pages["monitoring"] = page + starts.get("monitoring", 0)
        toc_pages["evaluasi"] = page + starts.get("evaluasi", 0)
    return render_book_front(layouts, toc_pages, formulir=formulir, logo_url=_logo(layouts[0].sop))


def render_sop_with_changes(sop: Sop, changes: SopDiff, since: str) -> tuple[bytes, int]:
    """The SOP's PDF followed by a "Daftar Perubahan" page listing *changes* (minor ones left out)."""
    layout = layout_sop(sop)
    return render_pdf(render_document(layout, logo_url=_logo(sop), changes=change_rows(changes),
                                      changes_since=since))


def _revision_diffs(sop: Sop, limit: int, root: Path) -> Revisions:
    source, root = sop.source.resolve(), root.resolve()
    name = source.relative_to(root).as_posix() if source.is_relative_to(root) else display_path(sop.source)
    result = []
    current = sop.source.read_text(encoding="utf-8")
    for number, version in enumerate(file_history(sop.source, limit=limit + 1)):
        if number == 0 and text_at(sop.source, version.sha) == current:
            continue  # the version being shown
        try:
            old, _ = load_spec(f"{sop.source}@{version.sha}", root=root)
        except SopError:  # an older format: its change is shown as text, never dropped
            result.append(Revision(version, None, text_diff(text_at(sop.source, version.sha) or "", current)))
            continue
        # Kept even when equal in content (a comment or layout edit): the page says so.
        notes = sorted((d, uraian) for d, uraian in old.revisi if d is not None)
        result.append(Revision(version, diff_sops(old, sop, old_source=f"{name}@{version.short}", new_source=name),
                               note=notes[-1][1] if notes else "", sop=old))
    return result[:limit]
