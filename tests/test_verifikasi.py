"""Issue 16 §2: the short verification code of an SOP version (``generator/verifikasi.py``)."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Sop
from generator.verifikasi import ALPHABET, normal_code, shown_code, verification_code, verification_url

TEXT = """\
nama: Pelayanan Surat Keterangan
nomor: 100/01/2025
tanggal: {pembuatan: 2025-01-02, efektif: 2025-01-06}
pelaksana: [{id: staf, label: Staf Pelayanan}]
langkah:
  - {kegiatan: Menerima berkas, pelaksana: staf}
  - {kegiatan: Menyerahkan surat, pelaksana: staf}
"""
KEY = "kabupaten-contoh/kecamatan-contoh/pelayanan"


def code(text: str, key: str = KEY) -> str:
    return verification_code(key, yaml.safe_load(text))


def test_a_printed_code_never_changes_with_a_new_release() -> None:
    # Printed on paper: this value is a contract. If it changes, every QR code in the field breaks.
    assert code(TEXT) == "3AZRZ3TF"


def test_layout_comments_and_withdrawal_keep_the_code_content_and_place_change_it() -> None:
    reformatted = "# komentar\n" + TEXT.replace("{pembuatan: 2025-01-02, efektif: 2025-01-06}",
                                               "\n  efektif: 2025-01-06\n  pembuatan: 2025-01-02")
    assert code(reformatted) == code(TEXT)
    assert code(TEXT + "status: dicabut\npencabutan: {tanggal: 2025-03-01, alasan: Diganti}\n") == code(TEXT)
    assert code(TEXT.replace("Menerima berkas", "Menerima berkas lengkap")) != code(TEXT)
    assert code(TEXT.replace("100/01/2025", "100/02/2025")) != code(TEXT)
    assert code(TEXT, "kabupaten-contoh/kecamatan-lain/pelayanan") != code(TEXT)  # same file, other kecamatan


@given(st.text(max_size=200), st.text(alphabet="abcdefghijklmnopqrstuvwxyz-/", min_size=1, max_size=40))
def test_every_code_is_eight_unambiguous_characters_and_reads_back_as_typed(text: str, key: str) -> None:
    made = verification_code(key, {"nama": text})
    assert len(made) == 8 and set(made) <= set(ALPHABET) and not set(made) & set("ILOU")
    shown = shown_code(made)
    assert normal_code(shown) == normal_code(shown.lower()) == normal_code(" ".join(shown)) == made
    assert verification_url("https://sop.contoh.go.id", made) == f"https://sop.contoh.go.id/verifikasi/{made.lower()}/"


def test_a_typed_code_is_forgiving_but_never_guessed() -> None:
    assert normal_code(" 3azr-z3tf\n") == "3AZRZ3TF"
    assert normal_code("OIL0-0000") == "01100000"  # O, I and L typed for 0, 1 and 1 (Crockford)
    assert normal_code("3AZR-Z3T") is None and normal_code("3AZR-Z3TU") is None and normal_code("3AZR-Z3TFF") is None
    assert normal_code("3AZR_Z3TF") is None and normal_code("") is None


def test_only_a_web_address_is_printed_and_it_reaches_the_document_as_text(seeds: list[Sop]) -> None:
    from generator.model import with_site
    from generator.render import render_document, verification_mark
    from generator.sheet import layout_sop

    sop = seeds[0]
    assert verification_mark(with_site(sop, None)) is None
    assert verification_mark(with_site(sop, "javascript:alert(1)//")) is None
    odd = with_site(sop, 'https://sop.contoh.go.id/a"b<c>/')
    mark = verification_mark(odd)
    assert mark is not None and mark.url == f'https://sop.contoh.go.id/a"b<c>/verifikasi/{sop.kode_verifikasi.lower()}/'
    html = render_document(layout_sop(odd))
    assert 'a"b<c>' not in html  # the link, the footer's CSS string and the QR's title are escaped
    assert 'href="https://sop.contoh.go.id/a&#34;b&lt;c&gt;/verifikasi/' in html
