"""Stage 5d: the print documents of the bound SOP book of one kecamatan (HTML for WeasyPrint).

Order of the book (PermenPANRB 35/2012, Unsur Dokumentasi, then Unsur Prosedur): Halaman
Judul; Keputusan Camat with its lampiran listing the SOPs (optional); Daftar Isi with page
numbers; Penjelasan Singkat Penggunaan (ruang lingkup, ringkasan, definisi, the five symbols);
every SOP (identity + flowchart pages); the blank monitoring and evaluation forms (Tabel 7 and
Tabel 8) pre-filled with the SOP list (switchable). One PDF outline entry per SOP; "Halaman X
dari Y" on every page but the cover.

The book is bound from parts (:mod:`generator.render.assemble`): this module makes the *front*
document (cover to Penjelasan) and the *back* document (the forms); the SOPs are their own
print documents (:func:`generator.render.html.render_document` without page numbers), and the
page numbers are stamped on the bound book. So the Daftar Isi gets its page numbers as
numbers (*toc_pages*), computed from the parts' page counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup

from generator.formatting import format_tanggal
from generator.model import Sop, with_paper
from generator.render.html import STATIC_DIR, sheet_css, signing_keywords, templates
from generator.sheet import MARGIN_MM, SheetLayout, layout_sop

__all__ = ["EVALUATION_CRITERIA", "book_layouts", "render_book_back", "render_book_front", "toc_anchors",
           "wants_formulir"]

EVALUATION_CRITERIA: tuple[str, ...] = (
    "mampu mendorong peningkatan kinerja",
    "mudah dipahami",
    "mudah dilaksanakan",
    "semua orang dapat menjalankan perannya masing-masing",
    "mampu mengatasi permasalahan yang berkaitan dengan proses",
    "mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "sinergi satu dengan lainnya",
)
"""The seven criteria of Tabel 8 Evaluasi Penerapan SOP AP (PermenPANRB 35/2012, Bab Monitoring dan Evaluasi)."""

ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN",
            "KESEMBILAN", "KESEPULUH")


def _default_diktum(unit_title: str) -> tuple[str, ...]:
    return (
        f"Menetapkan Standar Operasional Prosedur Administrasi Pemerintahan di lingkungan {unit_title} "
        "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
        "Standar Operasional Prosedur sebagaimana dimaksud pada Diktum KESATU menjadi pedoman bagi "
        "seluruh pelaksana dalam melaksanakan tugas.",
        "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
    )


def book_layouts(sops: Sequence[Sop], known: dict[str, SheetLayout] | None = None) -> list[SheetLayout]:
    """Lay out every SOP of one kecamatan on the book's paper (the most common among them).

    *known* maps SOP keys to layouts already made (reused when on the same paper).

    Raises:
        ValueError: *sops* is empty or spans more than one kecamatan folder.
    """
    if not sops:
        raise ValueError("a book needs at least one SOP")
    if len({(p.pemda_slug, p.kecamatan_slug) for p in sops}) != 1:
        raise ValueError("a book holds the SOPs of one kecamatan folder")
    paper = Counter(p.options.paper for p in sops).most_common(1)[0][0]
    known = known or {}
    return [known[p.key] if p.key in known and known[p.key].sop == with_paper(p, paper)
            else layout_sop(with_paper(p, paper)) for p in sops]


def toc_anchors(count: int, *, formulir: bool) -> list[str]:
    """The Daftar Isi's link targets outside the front document: ``sop-1`` … and the two forms."""
    return [f"sop-{number}" for number in range(1, count + 1)] + (["monitoring", "evaluasi"] if formulir else [])


def wants_formulir(sops: Sequence[Sop], formulir: bool | None) -> bool:
    """Whether the book carries the Tabel 7/8 forms: *formulir*, else ``buku.formulir_monev``."""
    return sops[0].instansi.buku.formulir_monev if formulir is None else formulir


def render_book_front(layouts: Sequence[SheetLayout], toc_pages: dict[str, int], *, formulir: bool,
                      logo_url: str | None = None) -> str:
    """The front document: cover, Keputusan and lampiran (when ``buku.keputusan``), Daftar Isi, Penjelasan.

    The Keputusan's signing space is the book's place for an electronic signature (named
    destination ``sop-ttd``, keywords naming the book and the Camat, as an SOP's PDF does: see
    :func:`generator.render.html.render_document`); the bound book keeps both from this part.
    *toc_pages* gives the book page (1-based) of every anchor of :func:`toc_anchors`; the
    Keputusan and Penjelasan inside this document get theirs from CSS ``target-counter``.

    Raises:
        KeyError: *toc_pages* lacks an anchor of :func:`toc_anchors`.
    """
    missing = [anchor for anchor in toc_anchors(len(layouts), formulir=formulir) if anchor not in toc_pages]
    if missing:
        raise KeyError(f"no page for {', '.join(missing)}")
    return _render(layouts, "front", toc_pages=toc_pages, formulir=formulir, logo_url=logo_url)


def render_book_back(layouts: Sequence[SheetLayout]) -> str:
    """The back document: the monitoring and evaluation forms (Tabel 7 and 8) listing every SOP."""
    return _render(layouts, "back", toc_pages={}, formulir=True, logo_url=None)


def _render(layouts: Sequence[SheetLayout], part: str, *, toc_pages: dict[str, int], formulir: bool,
            logo_url: str | None) -> str:
    sops = [layout.sop for layout in layouts]
    unit = sops[0].instansi
    spec = unit.buku
    dates = [d for p in sops for d in (p.tgl_pembuatan, p.tgl_revisi, p.tgl_efektif) if d]
    kepala_title = unit.kepala.jabatan[0].title() if unit.kepala else "Camat"
    unit_title = unit.unit.title()
    entries = [{"p": layout.sop, "anchor": f"sop-{number}"} for number, layout in enumerate(layouts, start=1)]
    keputusan = spec.keputusan
    diktum = list(zip(ORDINALS, (keputusan.diktum or _default_diktum(unit_title)) if keputusan else (),
                      strict=False))
    # What sop tandatangani reads back (as from an SOP's PDF): the Keputusan's signing space is the book's.
    keywords = signing_keywords(f"buku/{sops[0].pemda_slug}/{sops[0].kecamatan_slug}",
                                "draf" if any(p.status == "draf" for p in sops) else "berlaku", unit.kepala)
    return templates().get_template("book/book.html.j2").render(
        part=part, toc_pages=toc_pages,
        unit=unit, unit_title=unit_title, pemda_title=unit.pemda.title(), judul=spec.judul,
        tahun=spec.tahun or (max(dates).year if dates else None), logo=logo_url,
        kepala_title=kepala_title, keputusan=keputusan, diktum=diktum,
        keputusan_tanggal=format_tanggal(keputusan.tanggal) if keputusan else "",
        sops=entries, formulir=formulir, keywords=keywords,
        criteria=EVALUATION_CRITERIA, page=layouts[0].page, margins=MARGIN_MM,
        created=max(dates).isoformat() if dates else "",
        footer_left=f"{unit.pemda} – {unit.unit}",
        sheet_css=Markup(sheet_css()),
        book_css=Markup((STATIC_DIR / "sop-book.css").read_text(encoding="utf-8")))
