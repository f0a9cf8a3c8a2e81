"""The site's verification pages: one per version of every SOP, their index and ``verifikasi.json`` (issue 16 §2).

A printed SOP carries the short code of its version (:mod:`generator.verifikasi`) and a QR
code of ``<site_url>/verifikasi/<kode>/``. That page tells a citizen holding the printout
what the version is (SOP, kecamatan, nomor, version date and note), whether the SOP is in
force (berlaku, draf, or dicabut since when), which version is current when this one was
replaced, and the SHA-256 of the PDF the site publishes and of every signed copy it holds,
with signer and signing time. ``verifikasi.json`` lists the same for machines (the list
``sop verifikasi`` checks a file against, :mod:`generator.tte.verification`).

Versions are the current definition of each SOP and its earlier git versions the build read
(the plugin's ``history`` option): equal codes (a comment or a status edit) are one version.
What the site folder's previous ``verifikasi.json`` listed is kept (:func:`read_published`) for
as long as the site is rebuilt in place: every version it listed of an SOP still in the
handbook (a code once printed keeps its page, even beyond the git history the build reads),
and every digest of a version's PDF (``pdf_sebelumnya``: a PDF changes bytes with a new release
of the generator, and stops being published when its version is replaced; one downloaded then
still verifies).

Signed copies are the PDFs in the folder the plugin's ``ditandatangani`` option names: each
must be an SOP PDF printed for this site, intact and signed, of a version the site knows; it
is published as ``<pemda>/<kecamatan>/ditandatangani/<slug>-<kecamatan>-<kode>-ttd.pdf``
(never under its own file name, which is untrusted).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build import RenderedSop, Revisions
from generator.errors import SopError, display_path, printable
from generator.formatting import format_tanggal
from generator.model import Sop
from generator.site.pages import SitePage, _Links, _pdf, _site_templates, _src, display_pemda, display_unit, status_of
from generator.tte import LIST_FORMAT, LIST_NAME, SignatureCheck, SigningRefused, check_signatures, read_sop_pdf
from generator.verifikasi import ALPHABET, shown_code, verification_path

__all__ = ["Published", "SignedCopy", "Version", "read_published", "read_signed_copies", "verification_pages",
           "versions_of"]

INDEX = "verifikasi/index.md"
_HEX = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(f"[{ALPHABET}]{{8}}")


@dataclass(frozen=True)
class SignedCopy:
    """A signed SOP PDF from the signed-copies folder, read and checked.

    ``source`` is where it was found, ``kode`` its version's code, ``key`` its SOP,
    ``sha256`` the digest of its bytes and ``signatures`` what pyHanko found (intact, no trust
    root at build time: the signer's name and time are shown as the certificate says).
    """

    source: Path
    data: bytes
    kode: str
    key: str
    sha256: str
    signatures: tuple[SignatureCheck, ...]


@dataclass(frozen=True)
class Version:
    """One version of an SOP on the verification pages.

    ``sop`` is the SOP as it is now; ``nama``, ``nomor`` and ``efektif`` (Tgl Pengesahan) are
    the version's own, ``tanggal`` its date (its Tgl Revisi, else Tgl Pengesahan or Tgl
    Pembuatan, else the commit's date) and ``catatan`` its revision note; ``pdf`` the site's
    PDF of the current version (``None`` for earlier ones: only the current one is published).
    """

    kode: str
    sop: Sop
    nama: str
    nomor: str | None
    efektif: dt.date | None
    tanggal: dt.date | None
    catatan: str
    terkini: bool
    pdf: bytes | None
    signed: tuple[SignedCopy, ...] = ()
    earlier: tuple[str, ...] = ()
    """SHA-256 digests of this version's PDF that earlier builds published (not the current one)."""

    @classmethod
    def of(cls, sop: Sop, versi: Sop, tanggal: dt.date | None, catatan: str, pdf: bytes | None) -> Version:
        """The version *versi* of *sop* (the current one when they are the same object)."""
        return cls(versi.kode_verifikasi, sop, versi.nama, versi.nomor, versi.tgl_efektif, tanggal, catatan,
                   versi is sop, pdf)


@dataclass(frozen=True)
class Published:
    """What an earlier build's ``verifikasi.json`` recorded (:func:`read_published`).

    Every version it listed, by code (the entries as read, checked field by field when used),
    and the PDF digests it listed per code.
    """

    entries: dict[str, dict[str, Any]]
    digests: dict[str, set[str]]


def read_published(site: Path) -> Published:
    """The ``verifikasi.json`` of the built site *site*: its entries and PDF digests (``pdf``, ``pdf_sebelumnya``).

    Empty when there is none or it cannot be read (a first build, or a list of another format):
    what earlier builds published is kept as a courtesy, never a reason to stop a build.
    """
    published = Published({}, {})
    try:
        data = json.loads((site / LIST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return published
    if not isinstance(data, dict) or data.get("format") != LIST_FORMAT or not isinstance(data.get("versi"), list):
        return published
    for entry in data["versi"]:
        code = entry.get("kode") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            continue
        published.entries[code] = entry
        pdf, before = entry.get("pdf"), entry.get("pdf_sebelumnya")
        digests = [pdf.get("sha256") if isinstance(pdf, dict) else None, *(before if isinstance(before, list) else [])]
        published.digests.setdefault(code, set()).update(d for d in digests if isinstance(d, str) and _HEX.fullmatch(d))
    return published


def _field(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_signed_copies(folder: Path) -> list[SignedCopy]:
    """Every ``*.pdf`` under *folder* (none when it does not exist), read and checked for intact signatures.

    Raises:
        SopError: one line per bad file, all at once (not an SOP PDF printed for a site, not
            signed, a signature broken).
    """
    if not folder.is_dir():
        return []
    copies, problems = [], []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()):
        shown = printable(display_path(path))
        try:
            data = path.read_bytes()
            facts = read_sop_pdf(data, shown)
            checks = tuple(check_signatures(data))
        except (SigningRefused, OSError) as error:
            problems.append(str(error) if isinstance(error, SopError) else f"{shown}: tidak dapat dibaca")
            continue
        except SopError as error:
            problems.append(f"{shown}: {error.format_message()}")
            continue
        if facts.kode is None:
            problems.append(f"{shown}: PDF ini dicetak tanpa kode verifikasi (cetak ulang dengan site_url terisi "
                            "di mkdocs.yml, lalu tandatangani)")
        elif not checks:
            problems.append(f"{shown}: belum ditandatangani (tandatangani dengan 'sop tandatangani')")
        elif not all(c.utuh and c.menutup for c in checks):
            problems.append(f"{shown}: tanda tangannya rusak atau berkas diubah sesudah ditandatangani")
        else:
            copies.append(SignedCopy(path, data, facts.kode, facts.key, hashlib.sha256(data).hexdigest(), checks))
    if problems:
        raise SopError(f"salinan bertanda tangan di {printable(display_path(folder))} bermasalah:\n"
                       + "\n".join(problems))
    return copies


def _version_date(sop: Sop) -> dt.date | None:
    return sop.tgl_revisi or sop.tgl_efektif or sop.tgl_pembuatan


def _note(sop: Sop) -> str:
    notes = sorted((d, uraian) for d, uraian in sop.revisi if d is not None)
    return notes[-1][1] if notes else ""


def versions_of(rendered: Sequence[RenderedSop], history: Mapping[str, Revisions],
                signed: Sequence[SignedCopy] = (), published: Published | None = None) -> list[Version]:
    """Every version of every SOP, current first per SOP, one per code, with its signed copies.

    Versions are the current definitions, their earlier git versions (*history*), and the
    versions an earlier build published (*published*, :func:`read_published`) of SOPs still in
    the handbook: a code once published keeps its page though git no longer reaches it (no
    repository, a ``history`` limit). Each version carries the digests of its PDF that earlier
    builds published.

    Raises:
        SopError: a signed copy's code is no version of the SOP it names (all such at once).
    """
    published = published or Published({}, {})
    result: list[Version] = []
    seen: set[str] = set()
    for item in rendered:
        sop = item.sop
        seen.add(sop.kode_verifikasi)
        result.append(Version.of(sop, sop, _version_date(sop), _note(sop), item.pdf))
        for revision in history.get(sop.key, []):
            old = revision.sop
            if old is None or old.kode_verifikasi in seen:
                continue
            seen.add(old.kode_verifikasi)
            result.append(Version.of(sop, old, _version_date(old) or dt.date.fromisoformat(revision.version.date),
                                     revision.title, None))
    current = {item.sop.key: item.sop for item in rendered}
    for code, entry in published.entries.items():
        still = current.get(str(entry.get("sop")))
        if code not in seen and still is not None:
            seen.add(code)
            result.append(Version(code, still, _field(entry, "nama") or still.nama, _field(entry, "nomor"),
                                  _iso(_field(entry, "tanggal_efektif")), _iso(_field(entry, "tanggal_versi")),
                                  _field(entry, "catatan") or "", False, None))
    by_code = {v.kode: v for v in result}
    problems = [f"{printable(display_path(c.source))}: kode {shown_code(c.kode)} bukan versi SOP yang ada di situs ini "
                f"({printable(c.key)})" for c in signed
                if c.kode not in by_code or by_code[c.kode].sop.key != c.key]
    if problems:
        raise SopError("salinan bertanda tangan tidak dikenal:\n" + "\n".join(problems))
    return [dataclasses.replace(v, signed=tuple(c for c in signed if c.kode == v.kode),
                                earlier=tuple(sorted(published.digests.get(v.kode, set()) - {_digest(v.pdf)})))
            for v in result]


def _digest(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data else ""


def _signed_path(version: Version, number: int) -> str:
    p = version.sop
    tail = f"-{number}" if number > 1 else ""
    return (f"{p.pemda_slug}/{p.kecamatan_slug}/ditandatangani/"
            f"{p.slug}-{p.kecamatan_slug}-{version.kode.lower()}-ttd{tail}.pdf")


def _status(version: Version) -> dict[str, str]:
    """The badge of *version*.

    The SOP's own (:func:`generator.site.pages.status_of`); "Diganti" for an earlier version of
    an SOP not withdrawn.
    """
    if version.terkini or version.sop.status == "dicabut":
        return status_of(version.sop)
    return {"kind": "diganti", "label": "Diganti", "kurang": ""}


def _moment(check: SignatureCheck) -> str:
    return f"{format_tanggal(check.waktu.date())} pukul {check.waktu:%H.%M} UTC" if check.waktu else "-"


def _record(version: Version, current: dict[str, str], site_url: str | None) -> dict[str, Any]:
    """The machine-readable entry of *version* in ``verifikasi.json``."""
    p = version.sop
    return {
        "kode": version.kode, "sop": p.key, "nama": version.nama, "pemda": display_pemda(p.instansi),
        "kecamatan": display_unit(p.instansi), "nomor": version.nomor, "status": p.status,
        "tanggal_efektif": version.efektif.isoformat() if version.efektif else None,
        "tanggal_versi": version.tanggal.isoformat() if version.tanggal else None,
        "catatan": version.catatan, "terkini": version.terkini, "kode_terkini": current[p.key],
        "belum_lengkap": list(p.kekurangan) if version.terkini else [],
        "dicabut": {"tanggal": p.pencabutan.tanggal.isoformat(), "alasan": p.pencabutan.alasan}
        if p.pencabutan is not None else None,
        "halaman": verification_path(version.kode),
        "url": f"{site_url.rstrip('/')}/{verification_path(version.kode)}" if site_url else None,
        "pdf": {"berkas": _pdf(p), "sha256": _digest(version.pdf)} if version.pdf else None,
        "pdf_sebelumnya": list(version.earlier),
        "ditandatangani": [{"berkas": _signed_path(version, n), "sha256": c.sha256,
                            "penandatangan": [s.penandatangan for s in c.signatures],
                            "waktu": [s.waktu.isoformat() if s.waktu else None for s in c.signatures]}
                           for n, c in enumerate(version.signed, start=1)],
    }


def verification_pages(rendered: Sequence[RenderedSop], history: Mapping[str, Revisions],
                       signed: Sequence[SignedCopy] = (), *, site_url: str | None = None,
                       published: Published | None = None,
                       use_directory_urls: bool = True) -> list[SitePage]:
    """The verification page of every version, their index, ``verifikasi.json`` and the signed copies.

    *published* is what an earlier build of the site published (:func:`read_published`), kept.

    Raises:
        SopError: a signed copy is of no version the site knows (:func:`versions_of`).
    """
    links = _Links(use_directory_urls)
    versions = versions_of(rendered, history, signed, published)
    current = {v.sop.key: v.kode for v in versions if v.terkini}
    pages: list[SitePage] = []
    records = []
    template = _site_templates().get_template("verifikasi.md.j2")
    for version in versions:
        src = f"verifikasi/{version.kode.lower()}/index.md"
        p = version.sop
        record = _record(version, current, site_url)
        records.append(record)
        copies = []
        for number, copy in enumerate(version.signed, start=1):
            path = _signed_path(version, number)
            pages.append(SitePage(path, copy.data))
            copies.append({"href": links.href(src, path), "sha256": copy.sha256,
                           "signers": [(s.penandatangan, _moment(s)) for s in copy.signatures]})
        pages.append(SitePage(src, template.render(
            p=p, nama=version.nama, nomor=version.nomor, kode=shown_code(version.kode), status=_status(version),
            terkini=version.terkini,
            kecamatan=display_unit(p.instansi), pemda=display_pemda(p.instansi),
            tanggal=format_tanggal(version.tanggal) if version.tanggal else "tanpa tanggal", catatan=version.catatan,
            efektif=format_tanggal(version.efektif),
            pencabutan_tanggal=format_tanggal(p.pencabutan.tanggal) if p.pencabutan is not None else "",
            sop_href=links.href(src, _src(p)),
            pdf=({"href": links.href(src, _pdf(p)), "sha256": record["pdf"]["sha256"]} if record["pdf"] else None),
            copies=copies, earlier=version.earlier,
            current_href=links.href(src, f"verifikasi/{current[p.key].lower()}/index.md"),
            current_kode=shown_code(current[p.key]),
            index_href=links.href(src, INDEX)), in_nav=False))
    rows = [{"kode": shown_code(v.kode), "href": links.href(INDEX, f"verifikasi/{v.kode.lower()}/index.md"),
             "nama": v.nama, "kecamatan": f"{display_unit(v.sop.instansi)}, {display_pemda(v.sop.instansi)}",
             "tanggal": format_tanggal(v.tanggal) if v.tanggal else "tanpa tanggal", "terkini": v.terkini,
             "status": _status(v)}
            for v in sorted(versions, key=lambda v: (v.sop.key, not v.terkini, v.kode))]
    pages.append(SitePage(INDEX, _site_templates().get_template("verifikasi-daftar.md.j2").render(
        rows=rows, site_url=site_url or "")))
    listing = {"format": LIST_FORMAT, "situs": site_url, "versi": records}
    pages.append(SitePage(LIST_NAME, json.dumps(listing, ensure_ascii=False, indent=1, sort_keys=True) + "\n"))
    return pages
