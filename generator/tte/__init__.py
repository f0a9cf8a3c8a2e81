"""Stage 6, electronic signatures (TTE) and their verification (issue 16).

Offers :func:`read_sop_pdf` (what an SOP PDF says about itself: SOP, status, signer, the
signature's place, its verification code), :func:`load_signer` (a PKCS#12 certificate checked
for signing), :func:`sign_pdf` (a visible PAdES signature in that place, with pyHanko), and
:func:`verify_pdf` (a PDF checked against the site's published list, ``sop verifikasi``).
It works on finished PDFs and imports no renderer; the site lists the signed copies with it.
"""

from generator.tte.signing import (
    ANCHOR,
    BOX_MM,
    FIELD,
    PASSPHRASE_ENV,
    SigningRefused,
    SopPdf,
    load_signer,
    read_sop_pdf,
    sign_pdf,
)
from generator.tte.verification import (
    LIST_FORMAT,
    LIST_NAME,
    SignatureCheck,
    UnreadablePdf,
    Verdict,
    check_signatures,
    read_list,
    verify_pdf,
)

__all__ = ["ANCHOR", "BOX_MM", "FIELD", "LIST_FORMAT", "LIST_NAME", "PASSPHRASE_ENV", "SignatureCheck",
           "SigningRefused", "SopPdf", "UnreadablePdf", "Verdict", "check_signatures", "load_signer", "read_list",
           "read_sop_pdf", "sign_pdf", "verify_pdf"]
