"""The short verification code of an SOP version and the address of its verification page (issue 16 §2).

Every printed SOP carries a QR code and, on every page, the short code it encodes; both lead
to ``<site_url>/verifikasi/<kode>/``, where a citizen holding a printout sees whether it is the
SOP in force. The code names a *version* of an SOP: it is derived from the SOP's key and the
data of its definition file — not from the generator, so a new release of this tool never
changes the codes already printed, and not from the file's layout or comments, so reformatting
a file changes nothing. ``status`` and ``pencabutan`` are left out: withdrawing an SOP keeps
its code, and the page of that code then says "dicabut".

Codes are 8 characters of Crockford's base 32 (40 bits of SHA-256: no collision expected
among the tens of thousands of versions of a kabupaten), shown as ``ABCD-EFGH``; the address
uses the lower-case form without the dash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

__all__ = ["ALPHABET", "normal_code", "shown_code", "verification_code", "verification_path", "verification_url"]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O, U (never misread when typed from paper)."""
LENGTH = 8
NOT_VERSION = frozenset({"status", "pencabutan"})
"""Top-level keys of a definition that do not make a new version (withdrawal keeps the code)."""
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _plain(value: Any) -> Any:
    """YAML data as JSON-able data with dates in ISO form (YAML reads ``2024-01-02`` as a date)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def verification_code(key: str, data: Any) -> str:
    """The code of the version of SOP *key* whose definition file holds *data* (``"K7M29QXD"``).

    *key* is the SOP's ``<pemda>/<kecamatan>/<slug>``; *data* the file's parsed YAML (its
    data, not its bytes, without :data:`NOT_VERSION`), hashed together with the key.
    """
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in NOT_VERSION}
    canonical = json.dumps([key, _plain(data)], sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                           default=str)
    number = int.from_bytes(hashlib.sha256(canonical.encode("utf-8")).digest()[:5], "big")
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))


def shown_code(code: str) -> str:
    """The code as printed: ``K7M2-9QXD``."""
    return f"{code[:4]}-{code[4:]}"


def normal_code(typed: str) -> str | None:
    """The code a person typed or a PDF holds (``k7m2 9qxd``, ``K7M2-9QXD``), normalised; ``None`` if it is not one.

    Spaces and dashes are dropped; O, I and L are read as 0, 1 and 1 (Crockford).
    """
    code = re.sub(r"[\s-]", "", typed).upper().translate(_TYPED)
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else None


def verification_path(code: str) -> str:
    """The verification page of *code*, relative to the site's root: ``verifikasi/k7m29qxd/``."""
    return f"verifikasi/{code.lower()}/"


def verification_url(site_url: str, code: str) -> str:
    """The full address of the verification page: ``https://sop.example/verifikasi/k7m29qxd/``."""
    return f"{site_url.rstrip('/')}/{verification_path(code)}"
