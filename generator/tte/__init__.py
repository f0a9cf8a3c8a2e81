"""Stage 9, electronic signatures (TTE): ``sop tandatangani`` signs an SOP PDF (issue 16).

Offers :func:`read_sop_pdf` (what an SOP PDF says about itself: SOP, status, signer, the
signature's place), :func:`load_signer` (a PKCS#12 certificate checked for signing) and
:func:`sign_pdf` (a visible PAdES signature in that place, with pyHanko). It works on finished
PDFs and imports no renderer.
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

__all__ = ["ANCHOR", "BOX_MM", "FIELD", "PASSPHRASE_ENV", "SigningRefused", "SopPdf", "load_signer", "read_sop_pdf",
           "sign_pdf"]
