"""The ``sop`` commands end to end: build (site + PDFs), pdf, new; refusal on bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.build import RenderedSop
from generator.cli import cli
from generator.sheet import PT_TO_MM
from tests.conftest import ROOT

MINIMAL_MKDOCS = "site_name: Uji\ntheme:\n  name: material\n  language: id\nplugins:\n  - search\n  - sop\n"


@pytest.fixture(scope="module")
def site(seed_site: tuple[Path, str]) -> Path:
    """The seed handbook built by ``sop build`` into a temporary folder."""
    target, output = seed_site
    # The project's mkdocs.yml takes site_url from SOP_SITE_URL, unset here: said once, then the summary.
    notice, summary = output.splitlines()
    assert notice == ("site_url tidak diisi di mkdocs.yml: lembar SOP dicetak tanpa kode QR verifikasi (isi site_url, "
                      "mis. lewat SOP_SITE_URL=https://…)")
    assert summary.startswith(f"Situs, 6 PDF SOP dan 5 buku SOP ditulis ke {target} (")
    return target


def test_site_has_a_page_and_a_pdf_per_sop(site: Path, rendered: list[RenderedSop]) -> None:
    for item in rendered:
        p = item.sop
        page = (site / p.pemda_slug / p.kecamatan_slug / p.slug / "index.html").read_text()
        assert 'class="sop-sheet"' in page and 'class="sop-diagram"' in page
        pdf = f"{p.slug}-{p.kecamatan_slug}.pdf"  # the kecamatan tells downloads apart
        assert f'href="../{pdf}">Buka PDF' in page and f'href="../{pdf}" download>Unduh PDF' in page
        assert (site / p.pemda_slug / p.kecamatan_slug / pdf).read_bytes() == item.pdf
        index = (site / p.pemda_slug / p.kecamatan_slug / "index.html").read_text()
        assert f'<a href="{p.slug}/">' in index
    assert (site / "assets" / "sop" / "fonts" / "LiberationSans-Regular.woff2").is_file()
    assert not list((site / "assets" / "sop" / "fonts").glob("*.ttf"))
    assert (site / "referensi-yaml" / "index.html").is_file()


def test_site_is_in_bahasa_indonesia_and_searchable(site: Path) -> None:
    assert '<html lang="id"' in (site / "index.html").read_text()
    search = json.loads((site / "search" / "search_index.json").read_text())
    texts = " ".join(doc["text"] for doc in search["docs"])
    words = " ".join(doc.get("kata", "") for doc in search["docs"]).split()
    # A kegiatan's words ("Memerintahkan penyusunan LKjIP …") are searchable, with their roots.
    assert {"memerintahkan", "perintah", "penyusunan", "susun", "lkjip", "wonoasih"} <= set(words)
    assert "065/10-2/SOP/425.504/2023" in texts


def test_build_refuses_to_write_anything_when_a_definition_is_broken(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    (folder / "rusak.yaml").write_text("nama: Rusak\npelaksana: []\nlangkah:\n  - {kegiatan: A}\n")
    (project / "mkdocs.yml").write_text(MINIMAL_MKDOCS)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Uji\n")
    old_site = project / "site"
    old_site.mkdir()
    (old_site / ".sop-situs").write_text("dibuat oleh sop build\n")
    (old_site / "lama.html").write_text("lama")
    result = CliRunner().invoke(cli, ["build", "--config", str(project / "mkdocs.yml"),
                                      "--site-dir", str(old_site)])
    assert result.exit_code == 1
    assert "rusak.yaml:4:5: kunci wajib 'pelaksana' belum diisi (tambahkan 'pelaksana: …')" in result.output
    assert "tidak ada berkas yang ditulis" in result.output
    assert sorted(p.name for p in old_site.iterdir()) == [".sop-situs", "lama.html"]
    assert "Traceback" not in result.output


def test_pdf_command_writes_an_a4_pdf(tmp_path: Path) -> None:
    out = tmp_path / "samboja.pdf"
    result = CliRunner().invoke(cli, ["pdf", "sop_definitions/kabupaten-kutai-kartanegara/samboja/"
                                             "penyusunan-lkjip.yaml", "--paper", "A4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert round(float(pages[0].mediabox.width) * PT_TO_MM) == 297
    assert result.output == f"{out} ditulis ({len(pages)} halaman, kertas A4).\n"


def test_pdf_command_names_its_file_after_the_sop_and_its_kecamatan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    definition = ROOT / "sop_definitions" / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip.yaml"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["pdf", str(definition)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["penyusunan-lkjip-wonoasih.pdf"]


def test_new_writes_a_skeleton_that_passes_check(tmp_path: Path) -> None:
    folder = tmp_path / "sop_definitions" / "kabupaten-contoh" / "kecamatan-baru"
    runner = CliRunner()
    result = runner.invoke(cli, ["new", str(folder), "surat-masuk"])
    assert result.exit_code == 0, result.output
    assert (folder / "instansi.yaml").is_file() and (folder / "surat-masuk.yaml").is_file()
    checked = runner.invoke(cli, ["check", str(folder)])
    assert checked.exit_code == 0, checked.output
    # Branch targets are step ids: inserting a step never moves them (issue 15 §4).
    import yaml
    steps = yaml.safe_load((folder / "surat-masuk.yaml").read_text())["langkah"]
    targets = [step[key] for step in steps for key in ("ya", "tidak", "lanjut") if key in step]
    assert targets == ["arsip", "perintah"] and {t for t in targets} <= {step.get("id") for step in steps}
    again = runner.invoke(cli, ["new", str(folder), "surat-masuk"])
    assert again.exit_code == 1
    assert "sudah ada; tidak ditimpa" in again.output


def test_new_rejects_a_bad_slug(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", str(tmp_path), "Surat Masuk"])
    assert result.exit_code == 1
    assert result.output == ("nama berkas 'Surat Masuk' tidak valid (huruf kecil, angka dan '-', "
                             "mis. 'surat-masuk')\n")
