"""Semantic diff: golden diffs per kind of edit, 000 vs 001 across kecamatan, JSON schema,
exit codes, and a diff against a git revision in a temporary repository.

Regenerate the golden files after an intended change, then review them:

    SOP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/compare/test_diff.py
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from rich.console import Console

from generator.cli import cli
from generator.compare import SopDiff, changed_steps, diff_sops, render_diff_html, render_diff_terminal
from generator.definitions import SCHEMA_DIR, load_catalog
from generator.model import Sop
from tests.conftest import TESTS, by_key

GOLDEN = TESTS / "golden" / "diff"

BASE = """\
nama: Pelayanan Surat Keterangan Domisili
nomor: "100/1/SOP/2025"
dasar_hukum:
  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012
  - Peraturan Bupati Contoh Nomor 12 Tahun 2023
pelaksana:
  - {id: pemohon, label: Pemohon}
  - {id: fo, label: Petugas Front Office}
  - {id: kasi, label: Kasi Pemerintahan}
  - {id: camat, label: Camat}
langkah:
  - {kegiatan: Mengajukan permohonan dengan berkas persyaratan, pelaksana: pemohon, waktu: "5 menit", output: Berkas}
  - {id: periksa, kegiatan: Menerima dan memeriksa kelengkapan berkas, pelaksana: fo, waktu: "10 menit", output: Berkas lengkap}
  - {id: konsep, kegiatan: Memverifikasi data dan membuat konsep surat, pelaksana: kasi, waktu: "15 menit", output: Konsep surat}
  - {kegiatan: Memeriksa dan menandatangani surat keterangan, pelaksana: camat, waktu: "10 menit", ya: arsip, tidak: konsep}
  - {id: arsip, kegiatan: Memberi nomor dan mengarsipkan salinan surat, pelaksana: fo, waktu: "10 menit", output: Arsip}
  - {kegiatan: Menerima surat keterangan domisili, pelaksana: pemohon, waktu: "5 menit", output: Surat}
"""

CASES = {
    "inserted-step": [("  - {kegiatan: Menerima surat keterangan domisili", "  - {kegiatan: Mencatat surat dalam "
                       "buku agenda, pelaksana: fo, waktu: \"5 menit\"}\n  - {kegiatan: Menerima surat keterangan domisili")],
    "removed-step": [("  - {id: arsip, kegiatan: Memberi nomor dan mengarsipkan salinan surat, pelaksana: fo, "
                      "waktu: \"10 menit\", output: Arsip}\n", ""), ("ya: arsip,", "ya: 5,")],
    "moved-step": [("  - {id: periksa, kegiatan: Menerima dan memeriksa kelengkapan berkas, pelaksana: fo, "
                    "waktu: \"10 menit\", output: Berkas lengkap}\n", ""),
                   ("output: Konsep surat}\n", "output: Konsep surat}\n  - {id: periksa, kegiatan: Menerima dan "
                    "memeriksa kelengkapan berkas, pelaksana: fo, waktu: \"10 menit\", output: Berkas lengkap}\n")],
    "renamed-lane": [("{id: fo, label: Petugas Front Office}", "{id: fo, label: Petugas Pelayanan PATEN}")],
    "changed-branch": [("ya: arsip, tidak: konsep}", "ya: arsip, tidak: periksa}")],
    "changed-waktu": [("pelaksana: kasi, waktu: \"15 menit\"", "pelaksana: kasi, waktu: \"45 menit\"")],
    "dasar-hukum": [("  - Peraturan Menteri PANRB Nomor 35 Tahun 2012\n", ""),
                    ("  - Peraturan Bupati Contoh Nomor 12 Tahun 2023\n",
                     "  - Peraturan Bupati Contoh Nomor 12 Tahun 2024\n  - Peraturan Camat Contoh Nomor 1 Tahun 2025\n")],
    "minor-only": [("Menerima dan memeriksa kelengkapan berkas", "Menerima dan  memeriksa Kelengkapan berkas.")],
}


def _load(project: Path, name: str, text: str) -> Sop:
    folder = project / "sop_definitions" / "contoh" / "kec"
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([folder / f"{name}.yaml"])
    assert catalog.problems == []
    return catalog.sops[0]


def _case(project: Path, case: str) -> SopDiff:
    text = BASE
    for old, new in CASES[case]:
        assert old in text, (case, old)
        text = text.replace(old, new)
    return diff_sops(_load(project, "lama", BASE), _load(project, "baru", text),
                           old_source="lama.yaml", new_source="baru.yaml")


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_diff(project: Path, case: str) -> None:
    result = json.loads(_case(project, case).model_dump_json(indent=2))
    for side in ("old", "new"):
        result[side]["key"] = result[side]["key"].rsplit("/", 1)[0] + "/…"
    golden = GOLDEN / f"{case}.json"
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("SOP_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _steps(diff: SopDiff) -> list[tuple[str, str, int | None, int | None]]:
    return [(c.kind, c.field, c.old_step, c.new_step) for c in diff.changes if c.section == "langkah"]


def test_inserted_step_leaves_later_steps_unchanged(project: Path) -> None:
    diff = _case(project, "inserted-step")
    assert _steps(diff) == [("added", "langkah", None, 6)]
    assert [c.field for c in diff.changes] == ["langkah", "total_waktu"]
    assert changed_steps(diff) == {5: "added"}


def test_removed_and_moved_steps(project: Path) -> None:
    removed = _case(project, "removed-step")
    assert _steps(removed) == [("removed", "langkah", 5, None), ("changed", "langkah.cabang_ya", 4, 4)]
    branch = next(c for c in removed.changes if c.field == "langkah.cabang_ya")
    assert (branch.old, branch.new) == ("Ya → langkah 5 (Memberi nomor dan mengarsipkan salinan…)",
                                        "Ya → langkah 5 (Menerima surat keterangan domisili)")
    moved = _case(project, "moved-step")
    assert _steps(moved) == [("moved", "langkah", 2, 3)]
    assert moved.changes[0].label == "Langkah 2 pindah menjadi langkah 3"


def test_renamed_lane_is_reported_once(project: Path) -> None:
    diff = _case(project, "renamed-lane")
    assert [(c.kind, c.field, c.old, c.new) for c in diff.changes] == [
        ("renamed", "pelaksana.fo", "Petugas Front Office", "Petugas Pelayanan PATEN")]


def test_branch_target_and_waktu_delta(project: Path) -> None:
    branch = _case(project, "changed-branch")
    assert [(c.label, c.old, c.new) for c in branch.changes] == [
        ("Langkah 4 – Cabang Tidak", "Tidak → langkah 3 (Memverifikasi data dan membuat konsep…)",
         "Tidak → langkah 2 (Menerima dan memeriksa kelengkapan berkas)")]
    waktu = _case(project, "changed-waktu")
    change = waktu.changes[0]
    assert (change.label, change.old, change.new, change.delta) == ("Langkah 3 – Waktu", "15 menit", "45 menit",
                                                                    "+30 menit")
    assert (waktu.changes[1].old, waktu.changes[1].new) == ("55 menit", "1 jam 25 menit")


def test_list_edits_in_dasar_hukum(project: Path) -> None:
    diff = _case(project, "dasar-hukum")
    assert [(c.kind, c.old, c.new) for c in diff.changes] == [
        ("removed", "Peraturan Menteri PANRB Nomor 35 Tahun 2012", None),
        ("changed", "Peraturan Bupati Contoh Nomor 12 Tahun 2023", "Peraturan Bupati Contoh Nomor 12 Tahun 2024"),
        ("added", None, "Peraturan Camat Contoh Nomor 1 Tahun 2025"),
    ]


def test_minor_changes_are_marked_and_can_be_hidden(project: Path) -> None:
    diff = _case(project, "minor-only")
    assert [c.minor for c in diff.changes] == [True]
    assert diff.substantive == [] and not diff.equal


LOCAL_TOKENS = ("WONOASIH", "Wonoasih", "KANIGARAN", "Kanigaran", "PROBOLINGGO", "Probolinggo", "DEUS",
                "AGUS", "19781204", "19780823", "425.503", "425.504", "2024", "2023")


def test_wonoasih_vs_kanigaran_shows_only_substantive_differences(seeds: list[Sop]) -> None:
    diff = diff_sops(by_key(seeds, "wonoasih"), by_key(seeds, "kanigaran"), normalise_local=True)
    found = {(c.field, c.kind, c.old_step, _text(c.old), _text(c.new)) for c in diff.changes}
    assert ("nama", "changed", None, "Prosedur Penyusunan LKjIP Organisasi Perangkat Daerah",
            "Prosedur Penyusunan LKjIP Kecamatan [kecamatan]") in found
    assert ("keterkaitan", "removed", None, "SOP Surat Masuk dan Keluar", "") in found
    assert ("keterkaitan", "added", None, "", "SOP Penyusunan Pelaporan Kinerja") in found
    for number in (2, 3, 4):
        assert any(f == "langkah.kegiatan" and k == "changed" and s == number for f, k, s, _, _ in found), number
    waktu = next(c for c in diff.changes if c.field == "langkah.waktu" and c.old_step == 3)
    assert (waktu.old, waktu.new, waktu.delta) == ("3 hari", "5 hari", "+2 hari")
    total = next(c for c in diff.changes if c.field == "total_waktu")
    assert (total.old, total.new) == ("7 hari 2 jam 15 menit", "9 hari 2 jam 15 menit")
    assert ("render.kolom_keterangan", "changed", None, "ya", "tidak") in found
    minor = {(_text(c.old), _text(c.new)) for c in diff.changes if c.minor}
    assert ("Pendidikan : S1/ D3/SLTA", "Pendidikan : SI/ D3/ SLTA") in minor
    assert ("No", "No.") in minor
    dumped = diff.model_dump_json()
    for token in LOCAL_TOKENS:
        assert token not in dumped.replace(diff.old.model_dump_json(), "").replace(diff.new.model_dump_json(), ""), token


def _text(value: str | list[str] | None) -> str:
    return "; ".join(value) if isinstance(value, list) else value or ""


def test_diff_json_schema_is_committed_and_stable() -> None:
    committed = json.loads((SCHEMA_DIR / "diff.schema.json").read_text(encoding="utf-8"))
    current = SopDiff.model_json_schema()
    current["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    assert committed == current
    assert committed["properties"]["schema_version"]["const"] == 1


def test_terminal_and_html_renderings(project: Path) -> None:
    diff = _case(project, "changed-waktu")
    console = Console(file=io.StringIO(), width=100, force_terminal=False)
    console.print(render_diff_terminal(diff))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "  ~ Langkah 3 – Waktu diubah: [-15-] {+45+} menit (+30 menit)" in text
    assert "2 perubahan (0 kecil)." in text
    html = render_diff_html(diff)
    assert "<del>15</del>" in html and "<ins>45</ins>" in html and '<html lang="id">' in html


def test_exit_codes(project: Path) -> None:
    folder = project / "sop_definitions" / "contoh" / "kec"
    _case(project, "changed-waktu")
    runner = CliRunner()
    same = runner.invoke(cli, ["diff", str(folder / "lama.yaml"), str(folder / "lama.yaml")])
    assert (same.exit_code, same.output.strip().splitlines()[-1]) == (0, "Tidak ada perbedaan.")
    different = runner.invoke(cli, ["diff", str(folder / "lama.yaml"), str(folder / "baru.yaml"), "--format", "json"])
    assert different.exit_code == 1
    assert json.loads(different.output)["changes"][0]["field"] == "langkah.waktu"
    missing = runner.invoke(cli, ["diff", str(folder / "lama.yaml"), str(folder / "tidak-ada.yaml")])
    assert (missing.exit_code, missing.output) == (2, f"berkas {folder / 'tidak-ada.yaml'} tidak ada\n")
    (folder / "rusak.yaml").write_text("nama: [\n")
    broken = runner.invoke(cli, ["diff", str(folder / "lama.yaml"), str(folder / "rusak.yaml")])
    assert broken.exit_code == 2 and "rusak.yaml:2:1: sintaks YAML tidak valid" in broken.output
    minor = runner.invoke(cli, ["diff", str(folder / "lama.yaml"), str(folder / "lama.yaml"), "--tanpa-kecil"])
    assert minor.exit_code == 0


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.id", *args], cwd=repo,
                   check=True, capture_output=True)


def _committed_sop(project: Path) -> Path:
    """Write BASE as contoh/kec/layanan.yaml and commit the project as a new git repository."""
    sop = project / "sop_definitions" / "contoh" / "kec" / "layanan.yaml"
    sop.write_text(BASE)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "Versi awal")
    return sop


def test_diff_and_pdf_against_a_git_revision(project: Path) -> None:
    sop = _committed_sop(project)
    sop.write_text(BASE.replace('waktu: "15 menit"', 'waktu: "45 menit"'))
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", f"{sop}@HEAD", str(sop), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["old"]["source"].endswith("layanan.yaml@HEAD")
    assert next((c["field"], c["old"], c["new"]) for c in data["changes"]) == ("langkah.waktu", "15 menit", "45 menit")
    unknown = runner.invoke(cli, ["diff", f"{sop}@tidak-ada", str(sop)])
    assert unknown.exit_code == 2
    out = project / "layanan.pdf"
    pdf = runner.invoke(cli, ["pdf", str(sop), "--changes-since", "HEAD", "-o", str(out)])
    assert pdf.exit_code == 0, pdf.output
    last = PdfReader(io.BytesIO(out.read_bytes())).pages[-1].extract_text()
    assert "DAFTAR PERUBAHAN" in last and "Langkah 3 – Waktu (diubah)" in last
    assert "Bagian yang diubah" in last and "Sebelum" in last and "Sesudah" in last


def test_compare_command_two_and_three_members() -> None:
    runner = CliRunner()
    two = runner.invoke(cli, ["compare", "pengumpulan-data-kinerja"])
    assert two.exit_code == 0, two.output
    assert two.output.startswith("Perbandingan SOP kode 'pengumpulan-data-kinerja' di 2 kecamatan\n")
    assert "Pasrujambe" not in two.output.split("\n", 3)[3].replace("KECAMATAN PASRUJAMBE", "")
    three = runner.invoke(cli, ["compare", "penyusunan-lkjip"])
    assert three.exit_code == 0, three.output
    assert "Kecamatan Samboja" in three.output and "Kecamatan Wonoasih" in three.output
    assert "hanya ada di: Kecamatan Samboja." in three.output
    assert "Kecamatan Kanigaran: 8 langkah, jumlah waktu 9 hari 2 jam 15 menit" in three.output
    unknown = runner.invoke(cli, ["compare", "tidak-ada"])
    assert unknown.exit_code == 1
    assert unknown.output == ("kode 'tidak-ada' dipakai oleh 0 SOP; perbandingan perlu minimal 2 (kode yang ada: "
                              "pengukuran-kinerja, pengumpulan-data-kinerja, penyusunan-lkjip)\n")


def test_family_page_on_the_site(seed_site: tuple[Path, str]) -> None:
    site = seed_site[0]
    page = (site / "perbandingan" / "penyusunan-lkjip" / "index.html").read_text()
    assert page.count("<th><a href=") == 3
    assert '<td class="sop-family-missing">—</td>' in page
    assert "Kecamatan Wonoasih dibandingkan dengan Kecamatan Kanigaran" not in page  # reference is Samboja
    assert "Kecamatan Samboja dibandingkan dengan Kecamatan Wonoasih" in page
    sop = (site / "kota-probolinggo" / "wonoasih" / "penyusunan-lkjip" / "index.html").read_text()
    assert '<a href="../../../perbandingan/penyusunan-lkjip/">Bandingkan SOP ini di semua kecamatan</a>' in sop
    index = (site / "perbandingan" / "index.html").read_text()
    assert '/">pengumpulan-data-kinerja</a></h2>' in index and '/">pengukuran-kinerja</a></h2>' not in index


def test_revision_pages_from_git_history(project: Path) -> None:
    from tests.conftest import build_site

    sop = _committed_sop(project)
    sop.write_text(BASE.replace("  - {kegiatan: Menerima surat keterangan domisili", "  - {kegiatan: Mencatat surat "
                                "dalam buku agenda, pelaksana: fo, waktu: \"5 menit\"}\n  - {kegiatan: Menerima surat "
                                "keterangan domisili"))
    _git(project, "commit", "-q", "-am", "Tambah pencatatan agenda")
    sop.write_text(sop.read_text().replace('waktu: "15 menit"', 'waktu: "20 menit"'))
    (project / "out").mkdir()
    site = build_site(project / "sop_definitions", project / "out" / "site", history=5)
    pages = sorted(p.name for p in (site / "contoh" / "kec").iterdir() if p.name.startswith("layanan-perubahan-"))
    assert len(pages) == 2
    main = (site / "contoh" / "kec" / "layanan" / "index.html").read_text()
    assert "Tambah pencatatan agenda</a> (2 perubahan)" in main and "Versi awal</a> (3 perubahan)" in main
    first = next(p for p in pages if (site / "contoh" / "kec" / p / "index.html").read_text().count("Versi awal"))
    page = (site / "contoh" / "kec" / first / "index.html").read_text()
    assert "<del>15</del>" in page and "<ins>20</ins>" in page
    assert 'class="sop-r-step sop-hl-added" style="height:' in page
    assert 'class="sop-r-step sop-hl-changed" style="height:' in page


def test_a_version_in_an_older_format_is_shown_as_text_never_dropped(project: Path) -> None:
    from tests.conftest import build_site

    sop = project / "sop_definitions" / "contoh" / "kec" / "layanan.yaml"
    sop.write_text(BASE + "catatan_lama: kunci yang sudah tidak dipakai\n")  # today's schema refuses it
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "Format lama",
         "--date", "2024-03-05T10:00:00")
    sop.write_text(BASE)
    (project / "out").mkdir()
    site = build_site(project / "sop_definitions", project / "out" / "site", history=5)
    page = (site / "contoh" / "kec" / "layanan" / "index.html").read_text()
    entries = re.findall(r'<li><a href="(\.\./layanan-perubahan-\w+/)">(.*?)</a> \((.*?)\)</li>', page)
    assert len(entries) == 1
    href, title, note = entries[0]
    assert title.endswith(" — Format lama") and re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} — Format lama", title)
    assert note == "format lama, perubahan sebagai teks"
    revision = (site / "contoh" / "kec" / href.removeprefix("../") / "index.html").read_text()
    assert "<del>−catatan_lama: kunci yang sudah tidak dipakai</del>" in revision
    assert "Versi lama tidak dapat dibandingkan per langkah" in revision
    text = re.sub(r"<[^>]+>", " ", revision.split('<article', 1)[1])
    assert not re.search(r"\b[0-9a-f]{7}\b|\d{4}-\d{2}-\d{2}", text)  # no commit hash, no ISO date for the reader


def test_a_comparison_across_kecamatan_names_them_and_speaks_in_labels(seeds: list[Sop]) -> None:
    diff = diff_sops(by_key(seeds, "samboja"), by_key(seeds, "kanigaran"), normalise_local=True)
    html = render_diff_html(diff, standalone=False)
    assert ('<thead><tr><th><span class="sop-sr">Bagian</span></th><th>Kecamatan Samboja</th>'
            "<th>Kecamatan Kanigaran</th></tr></thead>") in html
    assert ("<thead><tr><th>Bagian yang diubah</th><th>Kecamatan Samboja</th><th>Kecamatan Kanigaran</th>"
            "</tr></thead>") in html
    assert "<th>Lama</th>" not in html and "sop_definitions/" not in html  # no file paths on the site
    labels = [c.label for c in diff.changes if c.field.startswith("render.labels.")]
    assert labels and all(label.startswith("Label ") and "_" not in label for label in labels)
    assert "Label Tanggal Pembuatan" in labels
    assert "sop_definitions/" in render_diff_html(diff)  # the editors' standalone page keeps them


def test_a_version_is_titled_by_its_own_revisi_note(project: Path) -> None:
    from tests.conftest import build_site

    sop = project / "sop_definitions" / "contoh" / "kec" / "layanan.yaml"
    sop.write_text(BASE + "revisi:\n  - {tanggal: 2025-03-01, uraian: Waktu verifikasi dipersingkat}\n")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "wip")  # a commit subject says little to a reader
    sop.write_text(sop.read_text().replace('waktu: "15 menit"', 'waktu: "10 menit"'))
    (project / "out").mkdir()
    site = build_site(project / "sop_definitions", project / "out" / "site", history=5)
    page = (site / "contoh" / "kec" / "layanan" / "index.html").read_text()
    assert re.search(r'<li><a href="\.\./layanan-perubahan-\w+/">\d{1,2} \w+ \d{4} — Waktu verifikasi dipersingkat</a> '
                     r"\(2 perubahan\)</li>", page)  # the waktu and the total
    assert "— wip</a>" not in page
