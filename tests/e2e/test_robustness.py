"""Bad input never breaks anything: fuzzed definitions, markup in texts, paths and symlinks,
huge inputs, keep-going builds, atomic and reproducible output."""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.build import Session
from generator.cli import cli
from generator.definitions import MAX_BYTES, MAX_STEPS, load_catalog, read_yaml
from generator.errors import Problem
from generator.sheet import layout_sop
from tests.conftest import ROOT, SEEDS

LOCATED = re.compile(r"^.+\.(yaml|csv|xlsx):\d+:\d+: .+")
SEED_TEXTS = sorted(p.read_text(encoding="utf-8") for p in SEEDS.rglob("*.yaml") if p.name != "instansi.yaml")
INSTANSI = "pemda: PEMERINTAH KABUPATEN CONTOH\nunit: KECAMATAN CONTOH\n"


def _fuzz_folder(tmp: Path) -> Path:
    folder = tmp / "sop_definitions" / "contoh" / "kec"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "instansi.yaml").write_text(INSTANSI)
    return folder


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, max(0, len(text) - 1)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate-line", "indent", "value"]))
        if action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)):]
        elif action == "insert":
            text = text[:position] + draw(st.text(alphabet=":-[]{}#&*!|>'\"\n 0123456789abcXYZ@<", max_size=12)) \
                + text[position:]
        elif action == "duplicate-line":
            lines = text.splitlines(keepends=True)
            index = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[:index + 1] + lines[index:])
        elif action == "indent":
            lines = text.splitlines(keepends=True)
            index = draw(st.integers(0, len(lines) - 1))
            lines[index] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[index].lstrip()
            text = "".join(lines)
        else:
            text = re.sub(r": [^\n]*", ": " + draw(st.sampled_from(["12", "true", "null", "[]", "{}", "~", "x"])),
                          text, count=1)
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_seed())
def test_mutated_seeds_give_located_problems_or_a_sop(tmp_path: Path, text: str) -> None:
    folder = _fuzz_folder(tmp_path)
    (folder / "sop.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([folder])
    assert len(catalog.sops) + bool(catalog.problems) >= 1
    for problem in catalog.problems:
        assert isinstance(problem, Problem)
        assert LOCATED.match(str(problem)), str(problem)
    for sop in catalog.sops:
        layout_sop(sop)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_is_read_without_exceptions(text: str) -> None:
    source = read_yaml(Path("acak.yaml"), text)
    for problem in source.problems:
        assert LOCATED.match(str(problem)), str(problem)


def test_huge_inputs_are_refused_quickly(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    (folder / "besar.yaml").write_text("nama: A\n# " + "x" * (5 * 1024 * 1024) + "\n")
    steps = "".join(f"  - {{kegiatan: Langkah {i}, pelaksana: a}}\n" for i in range(10_000))
    (folder / "panjang.yaml").write_text(f"nama: B\npelaksana: [{{id: a, label: A}}]\nlangkah:\n{steps}")
    messages = [str(p).split("contoh/kec/", 1)[1] for p in load_catalog([folder]).problems]
    assert messages == [
        f"besar.yaml:1:1: berkas terlalu besar (5120 KiB; paling besar {MAX_BYTES // 1024} KiB) "
        "(pecah menjadi beberapa berkas SOP)",
        f"panjang.yaml:4:3: SOP punya 10000 langkah; paling banyak {MAX_STEPS} "
        "(pecah menjadi beberapa SOP yang saling terkait)",
    ]


def test_a_300_step_sop_lays_out_with_connectors(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    lines = ["nama: Tiga ratus langkah", "pelaksana:"] + [f"  - {{id: l{i}, label: Pelaksana {i}}}" for i in range(4)]
    lines.append("langkah:")
    for n in range(1, 301):
        lines.append(f"  - {{kegiatan: Memproses berkas tahap {n}, pelaksana: l{(n * 3) % 4}, waktu: \"5 menit\""
                     + (f", ya: {n + 1}, tidak: {n - 3}" if n % 25 == 0 and n < 300 else "") + "}")
    (folder / "besar.yaml").write_text("\n".join(lines) + "\n")
    catalog = load_catalog([folder])
    assert catalog.problems == []
    layout = layout_sop(catalog.sops[0])
    assert len(layout.pages) > 20
    letters = [s.letter for page in layout.pages for s in (page.drawing.shapes if page.drawing else [])
               if s.kind == "offpage"]
    assert letters and all(letters.count(x) == 2 for x in set(letters))


MARKUP = "<script>alert(1)</script> </svg> {{ rahasia }} & <b>tebal</b>"


def test_markup_in_texts_stays_literal_on_the_site_and_in_the_pdf(tmp_path: Path) -> None:
    from tests.conftest import build_site

    folder = _fuzz_folder(tmp_path)
    (folder / "markup.yaml").write_text(
        f'nama: "SOP {MARKUP}"\nketerkaitan: ["{MARKUP}"]\npelaksana: [{{id: a, label: "{MARKUP}"}}]\n'
        f'langkah:\n  - {{kegiatan: "Mulai {MARKUP}", pelaksana: a, keterangan: "{MARKUP}"}}\n'
        f'  - {{kegiatan: "Selesai", pelaksana: a, kelengkapan: ["{MARKUP}"]}}\n')
    catalog = load_catalog([folder])
    assert catalog.problems == []
    (tmp_path / "out").mkdir()
    site = build_site(tmp_path / "sop_definitions", tmp_path / "out" / "site")
    page = (site / "contoh" / "kec" / "markup" / "index.html").read_text()
    assert "<script>alert(1)</script>" not in page and "<b>tebal</b>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    assert "{{ rahasia }}" in page
    item = Session().render_sop(catalog.sops[0])
    assert item.pdf is not None
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(item.pdf)).pages)
    assert "<script>alert(1)</script>" in text and "</svg>" in text and "<b>tebal</b>" in text


def test_symlinks_and_paths_outside_the_project_are_refused(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("luar")
    (outside / "logo.png").write_bytes(b"\x89PNG\r\n")
    (outside / "sop.yaml").write_text("nama: Luar\n")
    folder = project / "sop_definitions" / "contoh" / "kec"
    (folder / "tautan.yaml").symlink_to(outside / "sop.yaml")
    (folder / "logo.png").symlink_to(outside / "logo.png")
    (folder / "instansi.yaml").write_text(INSTANSI + "logo: logo.png\n")
    messages = [str(p).split("contoh/kec/", 1)[1] for p in load_catalog([folder]).problems]
    assert messages == [
        "instansi.yaml:3:7: logo 'logo.png' berada di luar proyek "
        "(berkas di dalam folder proyek, relatif terhadap instansi.yaml)",
        "tautan.yaml:1:1: berkas berupa tautan (symlink) tidak dibaca (salin berkasnya ke dalam proyek)",
    ]


def _project_with_mkdocs(tmp_path: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    text = text.replace("definitions: sop_definitions", "definitions: sop_definitions\n      history: 0")
    (tmp_path / "mkdocs.yml").write_text(text)
    return tmp_path / "mkdocs.yml"


def test_keep_going_builds_the_valid_sops_and_lists_the_broken_ones(tmp_path: Path) -> None:
    folder = _fuzz_folder(tmp_path)
    (folder / "baik.yaml").write_text("nama: Baik\npelaksana: [{id: a, label: A}]\nlangkah:\n"
                                      "  - {kegiatan: X, pelaksana: a}\n  - {kegiatan: Y, pelaksana: a}\n")
    (folder / "rusak.yaml").write_text("nama: Rusak\npelaksana: [{id: a, label: A}]\nlangkah: []\n")
    config = _project_with_mkdocs(tmp_path)
    runner = CliRunner()
    refused = runner.invoke(cli, ["build", "--config", str(config)])
    assert refused.exit_code == 1 and not (tmp_path / "site").exists()
    result = runner.invoke(cli, ["build", "--config", str(config), "--keep-going"])
    assert result.exit_code == 1
    assert "rusak.yaml:3:10: SOP harus punya minimal 2 langkah" in result.output
    assert result.output.strip().endswith("1 berkas rusak dilewati: " + str(folder / "rusak.yaml"))
    assert (tmp_path / "site" / "contoh" / "kec" / "baik" / "index.html").is_file()
    assert not (tmp_path / "site" / "contoh" / "kec" / "rusak").exists()


def _digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_are_reproducible_and_a_failed_build_keeps_the_old_site(tmp_path: Path) -> None:
    folder = _fuzz_folder(tmp_path)
    (folder / "baik.yaml").write_text("nama: Baik\ntanggal: {pembuatan: 2024-03-01}\npelaksana: [{id: a, label: A}]\n"
                                      "langkah:\n  - {kegiatan: X, pelaksana: a}\n  - {kegiatan: Y, pelaksana: a}\n")
    config = _project_with_mkdocs(tmp_path)
    runner = CliRunner()
    previous = os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.environ["SOP_NO_CACHE"] = "1"  # really render twice
    try:
        assert runner.invoke(cli, ["build", "--config", str(config)]).exit_code == 0
        first = _digest(tmp_path / "site")
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        assert runner.invoke(cli, ["build", "--config", str(config)]).exit_code == 0
        assert _digest(tmp_path / "site") == first
        assert any(name.endswith(".pdf") for name in first) and "sitemap.xml" in first
        words = " ".join(["Memeriksa kelengkapan berkas permohonan"] * 300)
        (folder / "baik.yaml").write_text((folder / "baik.yaml").read_text().replace("kegiatan: X", f"kegiatan: {words}"))
        failed = runner.invoke(cli, ["build", "--config", str(config)])
        assert failed.exit_code == 1 and "terlalu tinggi untuk satu halaman" in failed.output
        assert _digest(tmp_path / "site") == first
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == [".site.lock"]
    finally:
        os.environ.pop("SOP_NO_CACHE", None)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
