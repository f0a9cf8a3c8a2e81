"""Verify an SOP PDF against the handbook site's published list (issue 16 §2).

The site publishes ``verifikasi.json`` (:data:`LIST_NAME`): every version of every SOP by its
short code (:mod:`generator.verifikasi`), with the SHA-256 of the PDF the site publishes and
of the signed copies it holds. :func:`verify_pdf` reads a PDF's code from its keywords, finds
its version in that list, validates its signatures with pyHanko (against the trust roots
given) and gives one :class:`Verdict`:

========================  ==========  ==================================================
verdict                   exit code   when
========================  ==========  ==================================================
sah dan berlaku           0           published (or validly signed) and in force
sah tetapi tidak berlaku  3           published, but withdrawn (dicabut), replaced by a
                                      newer version, or still a draf; also an earlier
                                      version whose PDF is no longer published (its
                                      content cannot be matched, but it is out of force)
bukan versi diterbitkan   4           no code, an unknown code, or content that is neither
                                      a published file nor validly signed
tanda tangan tidak sah    5           a signature broken, changed after signing, or not
                                      from the trust root given
========================  ==========  ==================================================

Exit code 1 means the check could not be made (an unreadable file, the list not reachable).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import SopError, printable
from generator.formatting import format_tanggal
from generator.verifikasi import normal_code, shown_code

__all__ = ["LIST_FORMAT", "LIST_NAME", "SignatureCheck", "UnreadablePdf", "Verdict", "check_signatures", "read_list",
           "verify_pdf"]

LIST_NAME = "verifikasi.json"
"""The published list's file name at the site's root."""
LIST_FORMAT = "sop-verifikasi/1"
"""The list's ``format`` value; a list of another format is refused."""
MAX_LIST_BYTES = 50_000_000


class UnreadablePdf(SopError):
    """The file is not a PDF pyHanko can read (damaged, truncated, or not a PDF at all)."""


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF as pyHanko validated it.

    ``penandatangan``: the certificate's common name; ``waktu``: the signing time the signer
    reported (UTC), if any; ``utuh``: the signed bytes are unchanged; ``menutup``: nothing but
    allowed changes (later signatures) follows it; ``tepercaya``: the chain leads to one of the
    trust roots given (``False`` without roots).
    """

    penandatangan: str
    waktu: dt.datetime | None
    utuh: bool
    menutup: bool
    tepercaya: bool


@dataclass(frozen=True)
class Verdict:
    """The one answer :func:`verify_pdf` gives: a line of Indonesian and its exit code (see the module)."""

    kind: str
    """``berlaku``, ``dicabut``, ``diganti``, ``draf``, ``bukan`` or ``ttd``."""
    message: str
    exit_code: int


def _signer_name(signature: Any) -> str:
    """The signer's common name of a damaged signature, or "?" when even that cannot be read."""
    try:
        return _common_name(signature.signer_cert)
    except Exception:  # the same damaged data that failed validation
        return "?"


def _common_name(cert: Any) -> str:
    try:
        return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    except (AttributeError, ValueError):
        return "?"


def check_signatures(data: bytes, roots: Sequence[bytes] = ()) -> list[SignatureCheck]:
    """Every signature of the PDF *data*, validated with pyHanko against the certificates *roots* (DER or PEM).

    Raises:
        UnreadablePdf: *data* is not a readable PDF.
        SopError: a trust root is not a certificate.
    """
    import logging

    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # its notes are for developers
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    trust = []
    for number, root in enumerate(roots, start=1):
        try:
            trust.append(x509.Certificate.load(pem.unarmor(root)[2] if pem.detect(root) else root))
            trust[-1].native  # noqa: B018 (parses it now: a bad file is refused here, not mid-validation)
        except (ValueError, OSError) as error:
            raise SopError(f"sertifikat akar ke-{number} tidak dapat dibaca (harus berkas .pem/.crt/.cer)") from error
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as error:  # pyHanko's parser fails on a damaged file with any exception, assertions included
        raise UnreadablePdf("bukan berkas PDF yang utuh") from error
    checks = []
    for signature in signatures:
        context = ValidationContext(trust_roots=trust, allow_fetching=False, revocation_mode="soft-fail")
        # pyHanko validates through asyncio.run(): a thread of its own has no running loop
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            try:
                status = pool.submit(validate_pdf_signature, signature, context).result()
            except Exception:  # damaged signature data or signed objects fail pyHanko anywhere, with any
                # exception (assertions included): all mean "not intact"
                checks.append(SignatureCheck(_signer_name(signature), None, False, False, False))
                continue
        moment = status.signer_reported_dt
        coverage = status.coverage.name if status.coverage is not None else ""
        level = status.modification_level.name if status.modification_level is not None else "NONE"
        closes = status.docmdp_ok is not False and coverage in ("ENTIRE_FILE", "ENTIRE_REVISION") \
            and level in ("NONE", "LTA_UPDATES", "FORM_FILLING")  # later signatures only
        checks.append(SignatureCheck(_common_name(status.signing_cert), moment.astimezone(dt.UTC) if moment else None,
                                     bool(status.intact and status.valid), closes,
                                     bool(status.trusted) and bool(trust)))
    return checks


def read_list(source: str) -> tuple[dict[str, Any], str]:
    """The published list from a site address (``https://…``) or a built site's folder, and where it was read.

    Raises:
        SopError: the list cannot be fetched or read, or is not a list of this format.
    """
    if source.startswith(("http://", "https://")):
        where = f"{source.rstrip('/')}/{LIST_NAME}"
        try:
            with urllib.request.urlopen(where, timeout=30) as response:
                raw = response.read(MAX_LIST_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise SopError(f"daftar verifikasi {printable(where)} tidak dapat diambil (HTTP {error.code})") from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise SopError(f"daftar verifikasi {printable(where)} tidak dapat diambil (situs tidak terjangkau)") \
                from error
    else:
        path = Path(source) / LIST_NAME
        where = str(path)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise SopError(f"daftar verifikasi {printable(where)} tidak dapat dibaca (folder situs hasil "
                           "'sop build'?)") from error
    try:
        data = json.loads(raw[:MAX_LIST_BYTES + 1])
    except (ValueError, UnicodeDecodeError) as error:
        raise SopError(f"{printable(where)} bukan daftar verifikasi yang sah (JSON rusak)") from error
    if not isinstance(data, dict) or data.get("format") != LIST_FORMAT or not isinstance(data.get("versi"), list):
        raise SopError(f"{printable(where)} bukan daftar verifikasi yang sah (format {LIST_FORMAT} diharapkan)")
    return data, where


def _date(value: object) -> str:
    try:
        return format_tanggal(dt.date.fromisoformat(str(value)))
    except ValueError:
        return "-"


def _signers(checks: Sequence[SignatureCheck]) -> str:
    return "; ".join(f"{c.penandatangan}" + (f", {format_tanggal(c.waktu.date())} {c.waktu:%H.%M} UTC"
                                             if c.waktu else "") for c in checks)


def verify_pdf(data: bytes, name: str, listing: dict[str, Any], *, roots: Sequence[bytes] = (),
               site: str = "") -> Verdict:
    """The verdict on the PDF *data* (named *name*) against the published *listing* (:func:`read_list`).

    *roots* are trust roots for the signatures (``--akar``); without them a signature counts
    only when the file is a signed copy the site published. *site* names the list in messages.

    Raises:
        SopError: *data* is not a readable PDF.
    """
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            keywords = str(pdf.docinfo.get("/Keywords", ""))
    except (pikepdf.PdfError, ValueError, OSError) as error:
        raise SopError(f"{printable(name)}: bukan berkas PDF yang utuh") from error
    fields = dict(re.findall(r"(?:^|; )([^:;]+): ([^;]*)", keywords))
    code = normal_code(fields.get("kode", ""))
    where = f" di {printable(site)}" if site else ""
    if code is None:
        return Verdict("bukan", "BUKAN VERSI YANG DITERBITKAN: PDF ini tidak membawa kode verifikasi "
                       "(bukan cetakan 'sop pdf' untuk situs buku SOP)", 4)
    versions = {normal_code(str(v.get("kode", ""))): v for v in listing["versi"] if isinstance(v, dict)}
    entry = versions.get(code)
    if entry is None:
        return Verdict("bukan", f"BUKAN VERSI YANG DITERBITKAN: kode {shown_code(code)} tidak terdaftar{where}", 4)
    try:
        checks = check_signatures(data, roots)
    except UnreadablePdf as error:
        raise UnreadablePdf(f"{printable(name)}: {error.format_message()}") from error
    broken = [c for c in checks if not c.utuh]
    if broken:
        return Verdict("ttd", f"TANDA TANGAN TIDAK SAH: isi dokumen berubah setelah ditandatangani oleh "
                       f"{printable(broken[0].penandatangan)}", 5)
    if checks and not checks[-1].menutup:
        return Verdict("ttd", "TANDA TANGAN TIDAK SAH: ada perubahan pada berkas sesudah tanda tangan terakhir", 5)
    if checks and roots and not all(c.tepercaya for c in checks):
        stranger = next(c for c in checks if not c.tepercaya)
        return Verdict("ttd", f"TANDA TANGAN TIDAK SAH: sertifikat {printable(stranger.penandatangan)} tidak "
                       "diterbitkan oleh akar tepercaya yang diberikan (--akar)", 5)
    digest = hashlib.sha256(data).hexdigest()
    published_pdf = entry.get("pdf") or {}
    published = {published_pdf.get("sha256"), *(entry.get("pdf_sebelumnya") or [])} | {
        s.get("sha256") for s in entry.get("ditandatangani") or [] if isinstance(s, dict)}
    signed_trusted = bool(checks) and bool(roots)
    genuine = digest in published or signed_trusted
    current = normal_code(str(entry.get("kode_terkini", ""))) or code
    unmatched = not genuine and current != code and not published_pdf  # an earlier version, no PDF today
    if not genuine and not unmatched:
        hint = " (berkas bertanda tangan yang belum diterbitkan: periksa dengan --akar SERTIFIKAT-AKAR)" \
            if checks else ""
        return Verdict("bukan", f"BUKAN VERSI YANG DITERBITKAN: isi berkas berbeda dari versi {shown_code(code)} "
                       f"yang diterbitkan{where} (SHA-256 {digest[:16]}…){hint}", 4)
    what = f"SOP {printable(str(entry.get('nama', '')))}, {printable(str(entry.get('kecamatan', '')))}"
    nomor = entry.get("nomor")
    what += f", nomor {printable(str(nomor))}" if nomor else ""
    signed = f"; ditandatangani {printable(_signers(checks))}" if checks else ""
    already = "SUDAH" if unmatched else "SAH TETAPI SUDAH"
    caveat = " (isi berkas versi lama ini tidak dapat dicocokkan: PDF-nya tidak diterbitkan lagi)" if unmatched else ""
    if entry.get("status") == "dicabut":
        cabut = entry.get("dicabut") or {}
        return Verdict("dicabut", f"{already} DICABUT sejak {_date(cabut.get('tanggal'))}: {what}{signed}{caveat}", 3)
    if current != code:
        newer = versions.get(current) or {}
        return Verdict("diganti", f"{already} DIGANTI oleh versi {shown_code(current)} "
                       f"({_date(newer.get('tanggal_versi'))}): {what}{signed}{caveat}", 3)
    if entry.get("status") == "draf":
        return Verdict("draf", f"SAH TETAPI MASIH DRAF (belum berlaku): {what}{signed}", 3)
    efektif = entry.get("tanggal_efektif")
    since = f", berlaku sejak {_date(efektif)}" if efektif else ""
    missing = [str(m) for m in entry.get("belum_lengkap") or [] if isinstance(m, str)]
    lacking = f" (lembar belum lengkap: {printable(', '.join(missing))})" if missing else ""
    return Verdict("berlaku", f"SAH DAN BERLAKU: {what}{since}{signed}{lacking}", 0)
