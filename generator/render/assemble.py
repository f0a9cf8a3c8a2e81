"""Stage 5e: PDF assembly — page numbers stamped on rendered parts, and the book bound from parts.

Every SOP is rendered once by WeasyPrint without page numbers (a *part*). Its own PDF is that
part with "Halaman X dari Y" stamped on; the kecamatan book is the front matter, the parts of
its SOPs and the back matter, bound into one PDF and stamped with the book's page numbers. So
editing one SOP re-renders one part, and binding a book costs milliseconds, not a WeasyPrint
run over every sheet of the kecamatan.

The stamp is a WeasyPrint document whose pages hold only the page-number margin box
(:func:`generator.render.html.render_page_number_stamp`); page *i* of it is laid over page *i*
of the target as a form XObject (qpdf through pikepdf, the only module importing it), so the
numbers are real text in the same font, at the same place as a single-document rendering.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import pikepdf

__all__ = ["BookPart", "OutlineEntry", "anchor_pages", "bind_book", "page_sizes_mm", "stamp_pages"]

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark of the bound book: *title* pointing at the top of page *page* (0-based) of a part."""

    title: str
    page: int = 0


@dataclass(frozen=True)
class BookPart:
    """One rendered part of a book and what it contributes to the whole.

    ``outline``: ``None`` keeps the part's own PDF outline (front and back matter, made by
    WeasyPrint from ``bookmark-level``); otherwise these entries replace it (an SOP part).
    ``anchor``: a named destination (the Daftar Isi's link target) put on the part's first page,
    replacing any destination of that name in an earlier part; a part with an anchor brings
    no other destination (an SOP's element ids would clash with the next SOP's). Without one,
    the part's own named destinations are kept.
    """

    pdf: bytes
    outline: tuple[OutlineEntry, ...] | None = None
    anchor: str | None = None


def _text(name: str | bytes) -> str:
    return name if isinstance(name, str) else name.decode("latin-1")


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    # deterministic_id: the /ID comes from the content, so the same input gives the same bytes.
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _overlay(pdf: pikepdf.Pdf, stamp: pikepdf.Pdf) -> None:
    if len(stamp.pages) != len(pdf.pages):
        raise ValueError(f"stamp has {len(stamp.pages)} pages, document {len(pdf.pages)}")
    for number, (page, over) in enumerate(zip(pdf.pages, stamp.pages, strict=True)):
        # Page.add_overlay() would name the form XObject at random; a fixed name keeps builds
        # byte-identical (WeasyPrint names its own XObjects /x0, /x1, …). One name per page,
        # because WeasyPrint's pages share one /Resources dictionary.
        form = over.as_form_xobject()
        name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/SopNomorHalaman{number}"))
        box = page.mediabox
        placement = page.calc_form_xobject_placement(
            form, name, pikepdf.Rectangle(float(box[0]), float(box[1]), float(box[2]), float(box[3])),
            invert_transformations=True, allow_shrink=True, allow_expand=True)
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\n" + placement, prepend=False)
        page.contents_coalesce()


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    """``(width, height)`` of every page of *pdf*, in mm rounded to 0.1 mm."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [(round(float(page.mediabox[2] - page.mediabox[0]) / PT_PER_MM, 1),
                 round(float(page.mediabox[3] - page.mediabox[1]) / PT_PER_MM, 1)) for page in document.pages]


def anchor_pages(pdf: bytes) -> dict[str, int]:
    """The page (0-based) of every named destination of *pdf* (WeasyPrint names one per ``id``)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/Names" not in document.Root or "/Dests" not in document.Root.Names:
            return {}
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages)}
        return {_text(name): pages[destination[0].objgen]
                for name, destination in pikepdf.NameTree(document.Root.Names.Dests).items()
                if isinstance(destination, pikepdf.Array) and destination[0].objgen in pages}


def stamp_pages(pdf: bytes, stamp: bytes) -> bytes:
    """*pdf* with page *i* of *stamp* laid over its page *i* (same page count and sizes).

    Raises:
        ValueError: the page counts differ.
    """
    with pikepdf.open(io.BytesIO(pdf)) as document, pikepdf.open(io.BytesIO(stamp)) as numbers:
        _overlay(document, numbers)
        return _save(document)


def _remap(destination: object, bound: dict[tuple[int, int], pikepdf.Page]) -> pikepdf.Array | None:
    """An explicit destination ``[page /XYZ x y zoom]`` of a part, pointed at its bound page."""
    if not isinstance(destination, pikepdf.Array) or len(destination) < 2:
        return None
    page = bound.get(destination[0].objgen)
    return None if page is None else pikepdf.Array([page.obj, *list(destination)[1:]])


def _top(page: pikepdf.Page) -> pikepdf.Array:
    return pikepdf.Array([page.obj, pikepdf.Name.XYZ, 0, float(page.mediabox[3]), 0])


def bind_book(parts: Sequence[BookPart], stamp: bytes | None = None) -> bytes:
    """Bind *parts* in order into one PDF, with outline, named destinations and page numbers.

    Document information (title, author, dates) comes from the first part. Named destinations
    (see :class:`BookPart`) are re-pointed to the bound pages, so internal links (the Daftar
    Isi's) follow them. *stamp* (see :func:`stamp_pages`) numbers the bound pages.

    Raises:
        ValueError: *parts* is empty, or the stamp's page count is not the bound book's.
    """
    if not parts:
        raise ValueError("a book needs at least one part")
    book = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(part.pdf)) for part in parts]
    try:
        destinations: dict[str, pikepdf.Array] = {}
        outline: list[tuple[str, pikepdf.Array]] = []
        for part, source in zip(parts, sources, strict=True):
            offset = len(book.pages)
            with warnings.catch_warnings():
                # pikepdf warns that extend() drops named destinations: they are re-pointed below.
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                book.pages.extend(source.pages)
            bound = {source.pages[i].obj.objgen: book.pages[offset + i] for i in range(len(source.pages))}
            if part.anchor is None and "/Names" in source.Root and "/Dests" in source.Root.Names:
                for name, destination in pikepdf.NameTree(source.Root.Names.Dests).items():
                    target = _remap(destination, bound)
                    if target is not None:
                        destinations[_text(name)] = target
            if part.anchor:
                destinations[part.anchor] = _top(book.pages[offset])
            if part.outline is None:
                with source.open_outline() as own:
                    for item in own.root:
                        target = _remap(item.destination, bound)
                        if target is not None:
                            outline.append((item.title, target))
            else:
                outline.extend((entry.title, _top(book.pages[offset + entry.page])) for entry in part.outline)
        if destinations:
            tree = pikepdf.NameTree.new(book)
            for name in sorted(destinations):
                tree[name] = destinations[name]
            book.Root.Names = pikepdf.Dictionary(Dests=tree.obj)
        with book.open_outline() as bookmarks:
            bookmarks.root.extend(pikepdf.OutlineItem(title, destination) for title, destination in outline)
        book.docinfo = cast(pikepdf.Dictionary, book.copy_foreign(sources[0].docinfo))
        if stamp is not None:
            with pikepdf.open(io.BytesIO(stamp)) as numbers:
                _overlay(book, numbers)
                return _save(book)
        return _save(book)
    finally:
        for source in sources:
            source.close()
