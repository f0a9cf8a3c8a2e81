"""`sop import` (issue 15 §1, first part): Word SOP AP documents made from the seeds' texts, with
lanes shown as text marks, DrawingML shapes or VML shapes, import back to the seed's steps,
lanes, kinds, Mutu Baku and identity; .doc and .pdf are refused with the way to convert."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.model import Sop
from generator.word import ImportRefused, import_docx
from tests.corpus import run
from tests.word.docx_fixtures import sop_docx


@pytest.mark.parametrize("marks", ["teks", "drawingml", "drawingml-alt", "vml"])
def test_every_seed_imports_back_to_its_steps_lanes_and_identity(seeds: list[Sop], tmp_path: Path,
                                                                 marks: str) -> None:
    for sop in seeds:
        result = import_docx(sop_docx(sop, tmp_path / f"{sop.slug}-{sop.kecamatan_slug}.docx", marks))
        data = yaml.safe_load(result.yaml_text)
        assert data["nama"] == sop.nama and data.get("nomor") == sop.nomor
        assert [lane["label"] for lane in data["pelaksana"]] == [lane.label for lane in sop.pelaksana]
        labels = {lane["id"]: lane["label"] for lane in data["pelaksana"]}
        assert len(data["langkah"]) == len(sop.langkah)
        for got, step in zip(data["langkah"], sop.langkah, strict=True):
            lanes = got["pelaksana"] if isinstance(got["pelaksana"], list) else [got["pelaksana"]]
            assert [labels[i] for i in lanes] == [sop.pelaksana[k].label for k in step.pelaksana], step.number
            assert got["kegiatan"] == step.kegiatan
            assert got.get("kelengkapan", []) == list(step.kelengkapan)
            assert got.get("output") == ("\n".join(step.output) if step.output else None) or \
                got.get("output") == " ".join(step.output)
            assert got.get("waktu") == (step.waktu.text if step.waktu else None)
            if marks != "teks":  # shapes say which steps are decisions; text marks cannot
                assert ("ya" in got) == (step.symbol == "decision"), step.number
            if marks == "drawingml-alt" and step.symbol == "decision":  # read, not guessed
                branches = {e.kind: e.target + 1 for e in sop.outgoing(step.index)}
                assert (got["ya"], got["tidak"]) == (branches["ya"], branches["tidak"])
        if marks == "drawingml-alt":
            assert "PERIKSA: tujuan cabang" not in result.yaml_text and result.problems == []
        assert data.get("dasar_hukum", []) == list(sop.identitas["dasar_hukum"])
        assert data.get("keterkaitan", []) == list(sop.identitas["keterkaitan"])


def test_a_guess_is_marked_and_the_draft_is_checked(seeds: list[Sop], tmp_path: Path) -> None:
    sop = next(s for s in seeds if s.kecamatan_slug == "wonoasih")
    result = import_docx(sop_docx(sop, tmp_path / "wonoasih.docx", "drawingml"))
    lines = result.yaml_text.splitlines()
    assert "status: draf  # PERIKSA: ubah menjadi 'berlaku' setelah disahkan" in lines
    assert any(line.endswith("# PERIKSA: tujuan cabang Ya ditebak (langkah berikutnya)") for line in lines)
    assert "langkah 5: tujuan cabang Ya dan Tidak" in result.guessed
    assert result.problems == []  # the draft passes the schema and the flow checks as it is


@pytest.mark.parametrize(("name", "message"), [
    ("lama.doc", "lama.doc: berkas Word lama (.doc) tidak dibaca; simpan dulu sebagai .docx (Word: Simpan Sebagai "
                 "→ .docx, atau 'soffice --headless --convert-to docx lama.doc')"),
    ("teks.docx", "teks.docx: bukan berkas Word .docx"),
])
def test_files_it_must_not_half_read_are_refused(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"bukan word")
    with pytest.raises(ImportRefused) as refused:
        import_docx(path)
    assert str(refused.value) == message


def test_the_command_writes_a_draft_reports_and_never_overwrites(seeds: list[Sop], tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sop = next(s for s in seeds if s.kecamatan_slug == "wonoasih")
    source = sop_docx(sop, tmp_path / "kanigaran.docx", "vml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["import", str(source)], capsys)
    assert code == 0, err
    draft = tmp_path / "kanigaran.yaml"
    assert draft.is_file() and yaml.safe_load(draft.read_text())["nama"] == sop.nama
    assert out.splitlines()[0] == "kanigaran.yaml ditulis dari kanigaran.docx."
    assert out.splitlines()[1].startswith("Dibaca: identitas: 10 isian")
    assert out.splitlines()[2] == ("Ditebak (bertanda PERIKSA): langkah 5: tujuan cabang Ya dan Tidak; "
                                   "langkah 7: tujuan cabang Ya dan Tidak.")
    draft.write_text("milik pengguna\n")
    code, _, err = run(["import", str(source)], capsys)
    assert code == 1 and err == "kanigaran.yaml sudah ada; tidak ditimpa (pakai --timpa untuk menimpanya)\n"
    assert draft.read_text() == "milik pengguna\n"
    assert run(["import", str(source), "--timpa"], capsys)[0] == 0
    assert draft.read_text() != "milik pengguna\n"
