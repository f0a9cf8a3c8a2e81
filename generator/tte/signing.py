"""Sign an SOP PDF with an electronic certificate: a visible PAdES signature in its place (issue 16 §1).

The print document reserves the signature's place: the empty space between the signer's
jabatan and nama in the "Disahkan oleh" cell (or in the signature block after the flowchart,
with ``signature_position: end``), a 60×18 mm box whose top-left corner WeasyPrint records as
the named destination ``sop-ttd``; the document's keywords name the SOP, its status and its
signer (see :func:`generator.render.html.render_document`). :func:`sign_pdf` puts a pyHanko
signature field there and signs it (PAdES, incremental update: the bytes before the signature
stay as they were), its appearance saying "Ditandatangani secara elektronik", jabatan, nama,
NIP and the time, in the shipped font. With an RFC 3161 time-stamp server the signature is
time-stamped; when the certificate file holds the issuing chain, validation data (the chain)
is embedded for long-term validation.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import SopError
from generator.verifikasi import normal_code

__all__ = ["ANCHOR", "BOX_MM", "FIELD", "PASSPHRASE_ENV", "SigningRefused", "SopPdf", "load_signer", "read_sop_pdf",
           "sign_pdf"]

ANCHOR = "sop-ttd"
"""The named destination marking the top-left corner of the signature's place."""
BOX_MM = (60.0, 18.0)
"""The signature's box (width, height) in mm: ``.sop-sign-space`` in ``sop-sheet.css``."""
FIELD = "TTE-Pengesah"
"""The signature field's name; a second signer's gets ``TTE-Pengesah-2``."""
PASSPHRASE_ENV = "SOP_SANDI_TTE"
"""The environment variable ``sop tandatangani`` reads the certificate's passphrase from, if set."""
PT_PER_MM = 72 / 25.4


class SigningRefused(SopError):
    """A PDF or a certificate ``sop tandatangani`` will not sign with (one Indonesian line)."""


@dataclass(frozen=True)
class SopPdf:
    """What an SOP PDF says about itself: its SOP, status, signer, the signature's place, earlier signatures.

    ``box``: ``(x1, y1, x2, y2)`` in PDF points on page ``page`` (0-based).
    """

    key: str
    status: str
    jabatan: str
    nama: str
    nip: str
    page: int
    box: tuple[float, float, float, float]
    signatures: int
    kode: str | None = None
    """The version's verification code (:mod:`generator.verifikasi`), when printed for a site."""


def read_sop_pdf(data: bytes, name: str) -> SopPdf:
    """Read an SOP PDF's (or a book's) keywords, its signature place and its signatures.

    A book's place is its Keputusan Camat's signing space (:func:`generator.render.render_book_front`);
    its key is ``buku/<pemda>/<kecamatan>``.

    Raises:
        SigningRefused: not a PDF, or not one ``sop`` made (no keywords or no signature place).
    """
    import pikepdf
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            keywords = str(pdf.docinfo.get("/Keywords", ""))
            pages: list[Any] = [page.objgen for page in pdf.pages]
            root: Any = pdf.Root
            dests: Any = root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
            found = {str(dests[k]): dests[k + 1] for k in range(0, len(dests) - 1, 2)}
            dest = found.get(ANCHOR)
            place = (pages.index(dest[0].objgen), float(dest[2]), float(dest[3])) if dest is not None else None
        signatures = len(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except (pikepdf.PdfError, ValueError, OSError) as error:
        raise SigningRefused(f"{name}: bukan berkas PDF yang utuh") from error
    fields = dict(re.findall(r"(?:^|; )([^:;]+): ([^;]*)", keywords))
    if fields.get("SOP AP", "").startswith("buku/") and place is None:
        raise SigningRefused(f"{name}: buku SOP ini tanpa Keputusan Camat, jadi tanpa tempat tanda tangan; isi "
                             "buku.keputusan di instansi.yaml lalu cetak ulang bukunya, atau tandatangani PDF tiap SOP")
    if "SOP AP" not in fields or place is None:
        raise SigningRefused(f"{name}: bukan PDF SOP buatan 'sop pdf' (tempat tanda tangan tidak ditemukan); "
                             "cetak ulang SOP-nya dengan 'sop pdf' lalu tandatangani")
    page, x, top = place
    width, height = BOX_MM[0] * PT_PER_MM, BOX_MM[1] * PT_PER_MM
    return SopPdf(fields["SOP AP"], fields.get("status", ""), fields.get("pengesah", ""), fields.get("nama", ""),
                  fields.get("nip", ""), page, (x, top - height, x + width, top), signatures,
                  normal_code(fields.get("kode", "")))


def load_signer(p12: bytes, passphrase: bytes, name: str, *, now: dt.datetime | None = None) -> Any:
    """The pyHanko signer of a PKCS#12 file (key, certificate, chain), checked for signing.

    Raises:
        SigningRefused: the passphrase is wrong or the file holds no key; the certificate is
            expired or not yet valid at *now*; it lacks the digitalSignature and
            nonRepudiation key usages (RFC 5280 §4.2.1.3).
    """
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=(), passphrase=passphrase)
    except ValueError as error:
        raise SigningRefused(f"{name}: sandi sertifikat salah, atau berkas itu bukan sertifikat .p12 "
                             "berkunci") from error
    cert = signer.signing_cert
    moment = now or dt.datetime.now(dt.UTC)
    if moment < cert.not_valid_before:
        raise SigningRefused(f"{name}: sertifikat belum berlaku (mulai {cert.not_valid_before:%d-%m-%Y})")
    if moment > cert.not_valid_after:
        raise SigningRefused(f"{name}: sertifikat sudah kedaluwarsa (sejak {cert.not_valid_after:%d-%m-%Y})")
    usage = set(cert.key_usage_value.native) if cert.key_usage_value is not None else set()
    if not usage & {"digital_signature", "non_repudiation"}:
        raise SigningRefused(f"{name}: sertifikat ini tidak untuk tanda tangan (penggunaan kunci: "
                             f"{', '.join(sorted(usage)) or 'tidak disebut'})")
    return signer


def sign_pdf(data: bytes, signer: Any, sop_pdf: SopPdf, *, tsa_url: str | None = None,
             when: dt.datetime | None = None) -> bytes:
    """*data* (an SOP PDF read as *sop_pdf*) signed by *signer* in its signature place.

    A first signature takes the field :data:`FIELD`; a further one (``--tambah``) the next
    free name, its box just below the first. Returns the signed PDF (an incremental update).
    """
    import logging

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers, timestamps
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator import ValidationContext

    from generator.formatting import format_tanggal
    from generator.sheet import FONT_DIR

    for noisy in ("pyhanko", "fontTools"):  # notes for developers ("FFTM NOT subset"), not for staff
        logging.getLogger(noisy).setLevel(logging.ERROR)
    moment = when or dt.datetime.now(dt.UTC)
    name = FIELD if sop_pdf.signatures == 0 else f"{FIELD}-{sop_pdf.signatures + 1}"
    x1, y1, x2, y2 = sop_pdf.box
    drop = sop_pdf.signatures * (y2 - y1 + 4)
    box = (round(x1), round(y1 - drop), round(x2), round(y2 - drop))
    chain = list(signer.cert_registry)
    roots = [c for c in chain if c.subject == c.issuer]
    context = ValidationContext(trust_roots=roots, other_certs=chain, allow_fetching=False,
                                revocation_mode="soft-fail") if roots else None
    usage = signer.signing_cert.key_usage_value
    meta = signers.PdfSignatureMetadata(
        field_name=name, subfilter=fields.SigSeedSubFilter.PADES, reason="Pengesahan SOP AP",
        name=sop_pdf.nama or None, embed_validation_info=context is not None, validation_context=context,
        signer_key_usage=({"digital_signature", "non_repudiation"} & set(usage.native if usage else ()))
        or {"digital_signature"})
    text = "\n".join(line for line in ("Ditandatangani secara elektronik", sop_pdf.jabatan, sop_pdf.nama,
                                       f"NIP. {sop_pdf.nip}" if sop_pdf.nip else "",
                                       f"{format_tanggal(moment.date())} %(waktu)s") if line)
    size = 7  # pt: the shaper and the text box must agree on it, or the glyphs drift apart
    with tempfile.TemporaryDirectory() as work:
        font = Path(work) / "SopSans-1000.ttf"
        font.write_bytes(_font_1000(FONT_DIR / "LiberationSans-Regular.ttf"))
        style = TextStampStyle(stamp_text=text, border_width=0, text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(font), font_size=size), font_size=size))
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style,
                                       timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None,
                                       new_field_spec=fields.SigFieldSpec(name, on_page=sop_pdf.page, box=box))
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        # pyHanko signs through asyncio.run(), which refuses to run inside a running event loop (a
        # host such as a notebook or a browser-driving test session): a thread of its own has none
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            out = pool.submit(pdf_signer.sign_pdf, writer,
                              appearance_text_params={"waktu": f"{moment:%H.%M} UTC"}).result()
    return bytes(out.getbuffer())


def _font_1000(path: Path) -> bytes:
    """The TrueType font at *path* rescaled to 1000 units per em.

    pyHanko's embedding writes glyph widths in the font's own units as if they were the PDF's
    1000-unit glyph space, so a 2048-unit font (Liberation Sans) comes out letter-spaced.
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(path))
    scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
