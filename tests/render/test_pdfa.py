"""Issue 16 §3: an archival PDF (PDF/A-3b) that carries its own definition, read back as a
user's tools would (pikepdf), and ``sop import FILE.pdf`` giving that definition back byte for
byte. No PDF/A validator installs from the registries here (veraPDF is a Java download); these
are the structural checks pikepdf can make: the XMP identification, the output intent, the
document language, embedded fonts, the associated file and its relationship."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.conftest import ROOT
from tests.corpus import run

SEED = ROOT / "sop_definitions" / "kabupaten-lumajang" / "sumbersuko" / "pengumpulan-data-kinerja.yaml"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.cli import cli

    out = tmp_path_factory.mktemp("arsip") / "arsip.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(SEED), "--pdfa", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{out} ditulis (3 halaman, kertas F4).\n"
    return out


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found = []
    for page in pdf.pages:
        resources = [page.obj.get("/Resources", pikepdf.Dictionary())]
        while resources:  # the page's fonts and those of its form XObjects (the page-number stamp)
            res = resources.pop()
            found += list(res.get("/Font", pikepdf.Dictionary()).values())
            resources += [x.get("/Resources", pikepdf.Dictionary()) for x in res.get("/XObject", {}).values()]
    return found


def test_the_archival_pdf_identifies_as_pdf_a_3b_and_embeds_its_fonts(archive: Path) -> None:
    with pikepdf.open(archive) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert meta.get("dc:title") == "SOP Pengumpulan Data Kinerja"
        assert str(pdf.Root.Lang) == "id"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1 and "/DestOutputProfile" in intent
        assert "/Encrypt" not in pdf.trailer
        fonts = _fonts(pdf)
        assert fonts
        for font in fonts:
            descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_archival_pdf_carries_its_definition_as_its_source(archive: Path) -> None:
    with pikepdf.open(archive) as pdf:
        specs = [spec for spec in pdf.Root.AF if spec.get("/Type") == pikepdf.Name.Filespec]
        assert {str(spec.UF) for spec in specs} == {"pengumpulan-data-kinerja.yaml"}
        assert all(spec.AFRelationship == pikepdf.Name.Source for spec in specs)
        assert pdf.attachments["pengumpulan-data-kinerja.yaml"].get_file().read_bytes() == SEED.read_bytes()


def test_sop_import_gives_the_embedded_definition_back_byte_for_byte(archive: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["import", str(archive), "-o", "kembali.yaml"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["kembali.yaml ditulis dari arsip.pdf.",
                                f"Dibaca: definisi YAML yang dibawa PDF arsip ({len(SEED.read_bytes())} bita), utuh."]
    assert (tmp_path / "kembali.yaml").read_bytes() == SEED.read_bytes()


def test_a_pdf_without_a_definition_is_refused_with_the_way_to_convert_it(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plain = tmp_path / "biasa.pdf"
    assert run(["pdf", str(SEED), "-o", str(plain)], capsys)[0] == 0
    code, out, err = run(["import", "biasa.pdf"], capsys)
    assert (code, out) == (1, "")
    assert err == ("biasa.pdf: PDF ini tidak membawa definisi YAML (hanya PDF arsip dari 'sop pdf --pdfa' yang "
                   "membawanya); buka dokumen Word aslinya, atau ubah PDF menjadi .docx lalu periksa hasilnya "
                   "('soffice --headless --infilter=writer_pdf_import --convert-to docx biasa.pdf')\n")
    assert not (tmp_path / "biasa.yaml").exists()
    (tmp_path / "rusak.pdf").write_bytes(b"%PDF-1.7\nbukan pdf")
    assert run(["import", "rusak.pdf"], capsys)[2] == "rusak.pdf: bukan berkas PDF yang utuh\n"


def test_the_render_option_pdf_a_in_a_definition_makes_the_archive_too(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``render: {pdf_a: true}`` in the SOP file makes the same archive as ``--pdfa``."""
    folder = tmp_path / "sop_definitions" / "kabupaten-lumajang" / "sumbersuko"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(SEED.with_name("instansi.yaml").read_text())
    source = folder / SEED.name
    source.write_bytes(SEED.read_bytes() + b"render: {pdf_a: true}\n")
    assert run(["pdf", str(source), "-o", str(tmp_path / "opsi.pdf")], capsys)[0] == 0
    with pikepdf.open(tmp_path / "opsi.pdf") as pdf:
        assert pdf.open_metadata().get("pdfaid:part") == "3"
        assert pdf.attachments[SEED.name].get_file().read_bytes() == source.read_bytes()
