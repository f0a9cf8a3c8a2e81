"""`sop import` on documents it cannot trust: broken packages and mangled XML are refused in one
Indonesian line (never a traceback, no draft written); odd values anywhere in the body give a
draft or that refusal. The documents are made from an exported seed, then damaged."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import Sop
from generator.word import Imported, ImportRefused, export_docx, import_document
from tests.corpus import run


def _repacked(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """*data* (a zip) with each member passed through *change* (``None`` drops it)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            changed = change(item.filename, source.read(item.filename))
            if changed is not None:
                target.writestr(item, changed)
    return out.getvalue()


@pytest.fixture(scope="module")
def exported(seeds: list[Sop]) -> bytes:
    return export_docx(next(s for s in seeds if s.kecamatan_slug == "wonoasih"))


BROKEN = {
    "potong.docx": (lambda d: d[: len(d) // 2], "potong.docx: bukan berkas Word .docx atau Excel .xlsx"),
    "tanpa-isi.docx": (lambda d: _repacked(d, lambda n, b: None if n == "word/document.xml" else b),
                       "tanpa-isi.docx: bukan berkas Word .docx yang utuh (bagian yang wajib tidak ada); buka dan "
                       "simpan ulang berkas itu di Word, lalu coba lagi"),
    "xml-terpotong.docx": (lambda d: _repacked(d, lambda n, b: b[: len(b) // 2] if n == "word/document.xml" else b),
                           "xml-terpotong.docx: bukan berkas Word .docx yang utuh (isi XML-nya rusak); buka dan "
                           "simpan ulang berkas itu di Word, lalu coba lagi"),
    "word.xlsx": (lambda d: d, "word.xlsx: bukan berkas Excel .xlsx yang utuh (tidak dapat dibuka); buka dan simpan "
                               "ulang berkas itu di Excel, lalu coba lagi"),
    "lebar.docx": (lambda d: _repacked(d, lambda n, b: b.replace(b'<w:gridSpan w:val="', b'<w:gridSpan w:val="x')
                                       if n == "word/document.xml" else b),
                   "lebar.docx: isi dokumen tidak terbaca (nilai yang tidak sah di dalam XML-nya); buka dan simpan "
                   "ulang berkas itu di Word, lalu coba lagi"),
}


def _huge_sheet(_: bytes) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.cell(2500, 3, "Kegiatan")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BROKEN["besar.xlsx"] = (_huge_sheet, "besar.xlsx: lembar 'Sheet' terlalu besar untuk satu SOP (2500 baris × 3 kolom; "
                                     "paling banyak 2000 × 200); salin SOP-nya ke lembar baru lalu coba lagi")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_refused_in_one_line_and_nothing_is_written(
        exported: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        name: str) -> None:
    damage, message = BROKEN[name]
    (tmp_path / name).write_bytes(damage(exported))
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["import", name], capsys)
    assert (code, out) == (1, "")
    assert err == message + "\n"
    assert not (tmp_path / name).with_suffix(".yaml").exists()


_NUMBERS = re.compile(rb'(?<=w:val=")\d+|(?<=w:w=")\d+|(?<= cx=")\d+|(?<= cy=")\d+|(?<=<wp:posOffset>)-?\d+'
                      rb'|(?<= x=")\d+|(?<= y=")\d+')


@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    [b"", b"abc", b"-7", b"0", b"99999999999", b"1.5", b"\xc2\xa0"])), min_size=1, max_size=8),
       cut=st.sampled_from(["", "<w:tr>", "<w:tc>", "<wp:positionH", "<a:stCxn", "<w:txbxContent>"]))
def test_odd_values_in_the_body_give_a_draft_or_a_refusal(exported: bytes, tmp_path: Path,
                                                           picks: list[tuple[int, bytes]], cut: str) -> None:
    """Numbers Word writes (widths, spans, heights, offsets, sizes, path points) replaced by odd
    ones, and a kind of element dropped wholesale: never anything but a draft or ImportRefused."""

    def mangle(name: str, body: bytes) -> bytes:
        if name != "word/document.xml":
            return body
        spots = list(_NUMBERS.finditer(body))
        for index, value in picks:
            spot = spots[index % len(spots)]
            body = body[:spot.start()] + value + body[spot.end():]
            spots = list(_NUMBERS.finditer(body))
        if cut:  # drop every element of that kind that has no child of the same kind
            tag = cut.strip("<>").split()[0]
            body = re.sub(rf"<{tag}\b[^>]*/>|<{tag}\b.*?</{tag}>".encode(), b"", body, count=3, flags=re.S)
        return body

    path = tmp_path / "rusak.docx"
    path.write_bytes(_repacked(exported, mangle))
    try:
        result = import_document(path)
    except ImportRefused as refused:
        assert "\n" not in str(refused) and str(refused).startswith("rusak.docx: ")
    else:
        assert isinstance(result, Imported) and result.yaml_text.startswith("# yaml-language-server")


def test_a_file_name_never_reaches_the_terminal_as_an_escape_sequence(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    name = "sop\x1b[31mmerah.docx"
    (tmp_path / name).write_bytes(b"bukan word")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["import", name], capsys)
    assert (code, out, err) == (1, "", "sop\\x1b[31mmerah.docx: bukan berkas Word .docx atau Excel .xlsx\n")
