"""Keandalan: the bad-input corpus (``tests/fixtures/corpus/``) — every case a message, never a traceback.

Each broken definition of ``definisi/<class>/<case>.yaml`` is put into a fresh project and
``sop check`` must print exactly its ``# pesan:`` lines (then the count line), exit with its
code, print no traceback and leave every file as it was. After an intended change of
messages, regenerate the expected lines and review the diff:

    SOP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/definitions/test_keandalan.py -k corpus
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.corpus import INSTANSI, VALID_SOP, Case, definition_cases, run, tree_digest

UPDATE = bool(os.environ.get("SOP_UPDATE_GOLDEN"))
def _body(case: Case) -> bytes:
    """The case file without its leading ``# …`` header lines."""
    lines = case.path.read_bytes().splitlines(keepends=True)
    while lines and lines[0].startswith(b"# "):
        lines.pop(0)
    return b"".join(lines)


def place(case: Case, root: Path) -> Path:
    """Write the case into ``root/sop_definitions/uji/…`` with what it needs around it; return the definitions."""
    definitions = root / "sop_definitions"
    kecamatan = definitions / "uji" / "kec"
    if case.target == "pemda.yaml":
        target = definitions / "uji" / "pemda.yaml"
    elif "/" in case.target:
        target = definitions / "uji" / case.target
    else:
        target = kecamatan / case.target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_body(case))
    if not (target.parent / "instansi.yaml").exists() and target.parent.parent.name == "uji":
        (target.parent / "instansi.yaml").write_text(INSTANSI, encoding="utf-8")
    if case.target in {"instansi.yaml", "indikator.yaml", "pemda.yaml"}:
        kecamatan.mkdir(parents=True, exist_ok=True)
        (kecamatan / "layanan.yaml").write_text(VALID_SOP, encoding="utf-8")
        if not (kecamatan / "instansi.yaml").exists():
            (kecamatan / "instansi.yaml").write_text(INSTANSI, encoding="utf-8")
    return definitions


def _update(case: Case, messages: list[str], code: int) -> None:
    header = [f"# letak: {case.target}"] if case.target != "kasus.yaml" else []
    header += [f"# pesan: {m}" for m in messages]
    header += [f"# keluar: {code}"] if code != 1 else []
    case.path.write_bytes("".join(f"{line}\n" for line in header).encode() + _body(case))


CASES = definition_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_definition_gives_its_exact_messages(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    definitions = place(case, tmp_path)
    before = tree_digest(tmp_path)
    code, out, err = run(["check", "sop_definitions"], capsys)
    lines = err.splitlines()
    assert "Traceback" not in err + out and "\x1b" not in err + out
    assert tree_digest(tmp_path) == before, "sop check changed or lost a file"
    assert definitions.is_dir()
    if UPDATE:
        _update(case, lines[:-1], code)
        return
    assert code == case.exit_code
    assert lines == [*case.messages, f"{len(case.messages)} masalah ditemukan; tidak ada berkas yang ditulis."]
    assert out == ""


def test_the_corpus_is_large_enough() -> None:
    """The issue asks for at least 150 cases across the classes; the definitions alone are most of them."""
    classes = {case.path.parent.name for case in CASES}
    assert len(CASES) >= 130 and classes >= {"sintaks", "skema", "tanggal", "alur", "teks", "nama-berkas",
                                             "instansi", "indikator", "pemda", "ukuran"}
