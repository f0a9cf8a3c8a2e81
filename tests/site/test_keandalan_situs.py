"""Keandalan of the output: the site folder, the swap, the lock, the cache and file-system faults.

Nothing outside the build's own output is ever deleted or moved; a kill at any phase leaves a
complete site (old or new) and the next build removes the leftovers; two builds at once wait
for each other; a corrupt cache entry is made again; disk full, read-only and busy mounts end
in one Indonesian line with the old output intact. The mount cases need root (CI runs as root).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site import MARKER
from tests.conftest import ROOT
from tests.corpus import INSTANSI, VALID_SOP, run, tree_digest

MKDOCS = ("site_name: Uji\nsite_url: https://sop.contoh.go.id/\ntheme:\n  name: material\n  language: id\nplugins:\n  - search\n"
          "  - sop:\n      history: 0\n      book: false\n")
MESSAGE_TAIL = "; tidak ada yang diubah (pilih folder kosong atau folder situs buatan sop build, mis. --site-dir site)"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project (one SOP, no book, no history) as the working directory."""
    kecamatan = tmp_path / "sop_definitions" / "uji" / "kec"
    kecamatan.mkdir(parents=True)
    (kecamatan / "instansi.yaml").write_text(INSTANSI, encoding="utf-8")
    (kecamatan / "layanan.yaml").write_text(VALID_SOP, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Uji\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sop(args: list[str], cwd: Path, prelude: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``sop ARGS`` in a new process; *prelude* is Python run first (to inject a fault)."""
    code = f"{textwrap.dedent(prelude)}\nfrom generator.cli import main\nmain({args!r})\n"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def complete(site: Path) -> bool:
    """A whole site built by this project: marker, home page, sitemap, the SOP's page and PDF."""
    return all((site / name).is_file() for name in
               (MARKER, "index.html", "sitemap.xml", "uji/kec/layanan/index.html", "uji/kec/layanan-kec.pdf"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site.baru-"))


# --- 1. the site folder: only ours, or empty, or absent -----------------------------------------------------------

REFUSED = {
    "folder-dokumen-pengguna": ("dokumen", "folder berisi berkas yang bukan buatan sop build (tanpa .sop-situs; "
                                           "situs dari versi lama tanpa penanda itu: hapus atau pindahkan sendiri)"),
    "berkas": ("README.txt", "itu sebuah berkas, bukan folder"),
    "akar-proyek": (".", "itu folder proyek atau folder di atasnya"),
    "induk-proyek": ("..", "itu folder proyek atau folder di atasnya"),
    "akar-sistem": ("/", "itu folder proyek atau folder di atasnya"),
    "definisi": ("sop_definitions", "itu folder definisi SOP"),
    "di-dalam-definisi": ("sop_definitions/uji", "berada di dalam folder definisi SOP"),
    "docs": ("docs", "itu folder docs/ MkDocs"),
    "git": (".git", "itu folder riwayat git proyek (.git)"),
    "di-dalam-git": (".git/objects", "berada di dalam folder riwayat git proyek (.git)"),
    "rumah": ("~", "itu folder rumah (home) pengguna"),
    "tautan": ("tautan", "itu tautan simbolik"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_build_refuses_a_site_folder_it_did_not_make_and_touches_nothing(
        case: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target, why = REFUSED[case]
    (project / "dokumen").mkdir()
    (project / "dokumen" / "laporan.docx").write_bytes(b"penting")
    (project / "README.txt").write_text("catatan")
    (project / ".git" / "objects").mkdir(parents=True)
    (project / "tautan").symlink_to(project / "dokumen")
    target = str(Path.home()) if target == "~" else target
    before = tree_digest(project)
    code, out, err = run(["build", "--site-dir", target], capsys)
    assert (code, out) == (1, "")
    shown = str(project.parent) if target == ".." else target  # outside the working folder: absolute
    assert err == f"folder situs {shown} tidak dipakai: {why}{MESSAGE_TAIL}\n"
    assert tree_digest(project) == before
    assert not (project / ".cache").exists()  # refused before any work


def test_site_dir_in_mkdocs_yml_is_checked_too_and_by_plain_mkdocs(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    (project / "mkdocs.yml").write_text(MKDOCS + "site_dir: dokumen\n")
    (project / "dokumen").mkdir()
    (project / "dokumen" / "laporan.docx").write_bytes(b"penting")
    code, _, err = run(["build"], capsys)
    assert code == 1 and err.startswith("folder situs dokumen tidak dipakai: folder berisi berkas yang bukan")
    with pytest.raises(Abort):  # MkDocs logs the plugin's message, then aborts before cleaning site_dir
        build(load_config(str(project / "mkdocs.yml")))
    assert [p.name for p in (project / "dokumen").iterdir()] == ["laporan.docx"]


def test_an_empty_folder_becomes_a_marked_site_and_is_replaced_next_time(project: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (project / "keluaran").mkdir()
    assert run(["build", "--site-dir", "keluaran"], capsys)[0] == 0
    assert complete(project / "keluaran")
    (project / "keluaran" / "sisa-lama.html").write_text("lama")
    assert run(["build", "--site-dir", "keluaran"], capsys)[0] == 0
    assert complete(project / "keluaran") and not (project / "keluaran" / "sisa-lama.html").exists()


def test_leftovers_of_interrupted_builds_are_removed_only_when_ours(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    ours = project / ".site.baru-abc123"
    ours.mkdir()
    (ours / MARKER).write_text("x")
    (ours / "index.html").write_text("setengah")
    (project / ".site.baru-kosong").mkdir()
    foreign = project / ".site.baru-milik-orang"
    foreign.mkdir()
    (foreign / "catatan.txt").write_text("jangan dihapus")
    assert run(["build"], capsys)[0] == 0
    assert leftovers(project) == [".site.baru-milik-orang"]
    assert (foreign / "catatan.txt").read_text() == "jangan dihapus"


# --- 2. kill -9 at every phase, two builds at once ---------------------------------------------------------------

KILL = "import os, signal\ndef die(*a, **k):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
PHASES = {
    "validasi": KILL + "import generator.sheet as c\nc.load_checked = die\n",
    "render": KILL + "import generator.build as b\nb.Session.render_all = die\n",
    "mkdocs": KILL + "import generator.site.plugin as m\nm.SopPlugin.on_post_page = die\n",
    "sebelum-tukar": KILL + "import generator.site.publish as p\np.exchange = die\n",
    "setelah-tukar": KILL + "import generator.site.publish as p\nreal = p.exchange\n"
                            "def after(a, b):\n    real(a, b)\n    die()\np.exchange = after\n",
    "hapus-situs-lama": KILL + "import generator.site.publish as p, shutil\nreal = shutil.rmtree\n"
                               "def rm(path, *a, **k):\n    if '.site.baru-' in str(path) and (p.Path(path) / 'index.html').exists():\n"
                               "        die()\n    real(path, *a, **k)\np.shutil.rmtree = rm\n",
}


@pytest.mark.parametrize("phase", list(PHASES))
def test_kill_at_any_phase_leaves_a_complete_site_and_the_next_build_cleans_up(phase: str, project: Path) -> None:
    assert sop(["build"], project).returncode == 0
    (project / "sop_definitions" / "uji" / "kec" / "layanan.yaml").write_text(VALID_SOP.replace("Layanan", "Layanan Baru"))
    killed = sop(["build"], project, PHASES[phase])
    assert killed.returncode == -9, killed.stderr
    assert complete(project / "site")  # the old one, or the new one: never none, never half
    page = (project / "site" / "uji" / "kec" / "layanan" / "index.html").read_text()
    assert ("Layanan Baru" in page) == (phase in {"setelah-tukar", "hapus-situs-lama"})
    again = sop(["build"], project)
    assert again.returncode == 0, again.stderr
    assert complete(project / "site") and "Layanan Baru" in (project / "site/uji/kec/layanan/index.html").read_text()
    assert leftovers(project) == []


def test_without_rename_exchange_a_kill_between_the_renames_is_repaired_by_the_next_build(project: Path) -> None:
    assert sop(["build"], project).returncode == 0
    fault = KILL + ("import generator.site.publish as p, os\np.exchange = lambda a, b: False\ncalls = []\nreal = os.rename\n"
                    "def rename(a, b):\n    calls.append(a)\n    real(a, b)\n    if len(calls) == 1:\n        die()\n"
                    "p.os.rename = rename\n")
    assert sop(["build"], project, fault).returncode == -9
    assert not (project / "site").exists()  # the only window: file systems without RENAME_EXCHANGE
    again = sop(["build"], project)
    assert again.returncode == 0, again.stderr
    assert complete(project / "site") and leftovers(project) == []


def test_two_builds_at_once_wait_for_each_other(project: Path) -> None:
    slow = "import time, generator.site.plugin as m\nreal = m.SopPlugin.on_post_build\n" \
           "def slow(self, **k):\n    time.sleep(3)\n    real(self, **k)\nm.SopPlugin.on_post_build = slow\n"
    code = f"{slow}\nfrom generator.cli import main\nmain(['build'])\n"
    first = subprocess.Popen([sys.executable, "-c", code], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not leftovers(project) and time.monotonic() < deadline:  # the first holds the lock once it stages
        time.sleep(0.05)
    second = sop(["build"], project)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "Menunggu pembangunan situs lain di folder ini selesai…" in second.stderr
    assert complete(project / "site") and leftovers(project) == []


# --- 3. the cache ---------------------------------------------------------------------------------------------------

def test_a_corrupt_cache_entry_is_never_published(project: Path) -> None:
    assert sop(["build"], project).returncode == 0
    published = (project / "site" / "uji" / "kec" / "layanan-kec.pdf").read_bytes()
    cache = project / ".cache" / "sop"
    damaged = [p for p in cache.glob("*.pdf") if p.read_bytes() == published]
    assert damaged
    for path in damaged:
        path.write_bytes(published[: len(published) // 2])  # truncated, as after a crash or a full disk
    rebuilt = sop(["build"], project)
    assert rebuilt.returncode == 0, rebuilt.stderr
    for path in damaged:
        assert (f"Cache rusak (isi tidak cocok dengan sidik SHA-256), dibuat ulang: {path}"
                in rebuilt.stderr.splitlines())
    assert (project / "site" / "uji" / "kec" / "layanan-kec.pdf").read_bytes() == published


# --- 4. file-system failures --------------------------------------------------------------------------------------

@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A folder to mount a small tmpfs on (needs root; CI runs as root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    point = tmp_path / "mnt"
    point.mkdir()
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False, capture_output=True)


def _mount(point: Path, size_kib: int, *options: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join([f"size={size_kib}k", *options]), "tmpfs", str(point)],
                   check=True)


def test_disk_full_keeps_the_old_site_and_says_so(project: Path, mount: Path) -> None:
    _mount(mount, 256 * 1024)
    assert sop(["build", "--site-dir", str(mount / "situs")], project).returncode == 0
    stat = os.statvfs(mount)
    used_kib = (stat.f_blocks - stat.f_bfree) * stat.f_frsize // 1024
    subprocess.run(["mount", "-o", f"remount,size={used_kib * 3 // 2}k", str(mount)], check=True)  # room for half a site
    before = tree_digest(mount / "situs")
    full = sop(["build", "--site-dir", str(mount / "situs")], project)  # the second copy does not
    assert full.returncode == 1
    assert full.stderr == "mnt/situs: tidak dapat ditulis: disk penuh\n"  # relative to the working folder
    assert tree_digest(mount / "situs") == before and leftovers(mount) == []


def test_read_only_folder_and_busy_mount_end_in_one_line(project: Path, mount: Path) -> None:
    assert sop(["build"], project).returncode == 0
    _mount(mount, 1024)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    readonly = sop(["build", "--site-dir", str(mount / "situs")], project)
    assert readonly.returncode == 1
    assert readonly.stderr == "mnt/.situs.lock: tidak dapat ditulis: sistem berkas hanya-baca\n"
    pdf = sop(["pdf", "sop_definitions/uji/kec/layanan.yaml", "-o", "mnt/layanan.pdf"], project)
    assert (pdf.returncode, pdf.stderr) == (1, "mnt/layanan.pdf: tidak dapat ditulis: sistem berkas hanya-baca\n")
    subprocess.run(["umount", str(mount)], check=True)
    site = project / "site"
    before = tree_digest(site)
    _mount(site, 64 * 1024)  # the site folder is itself a mount point: it cannot be renamed
    (site / MARKER).write_text("x")
    (site / "index.html").write_text("lama")
    try:
        busy = sop(["build"], project)
        assert busy.returncode == 1
        assert busy.stderr.endswith("site: tidak dapat ditulis: sedang dipakai\n") and len(busy.stderr.splitlines()) == 1
        assert (site / "index.html").read_text() == "lama" and leftovers(project) == []
    finally:
        subprocess.run(["umount", str(site)], check=True)
    assert tree_digest(site) == before


def test_output_files_fail_with_one_line_and_never_overwrite_a_definition(project: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    definition = "sop_definitions/uji/kec/layanan.yaml"
    before = tree_digest(project)
    cases = {
        "hilang/x.pdf": "hilang/x.pdf: tidak dapat ditulis: folder hilang tidak ada",
        definition: f"{definition}: tidak dapat ditulis: sudah ada dan bukan berkas .pdf; tidak ditimpa",
        "n" * 300 + ".pdf": f"{'n' * 300}.pdf: tidak dapat ditulis: nama berkas terlalu panjang",
    }
    for target, message in cases.items():
        code, out, err = run(["pdf", definition, "-o", target], capsys)
        assert (code, out, err) == (1, "", message + "\n"), target
    code, _, err = run(["pdf", definition, "-o", "docs"], capsys)  # click refuses a folder before we do
    assert code == 2 and err.endswith("Galat: Nilai untuk '-o' / '--output' tidak valid: Berkas 'docs' adalah folder.\n")
    assert tree_digest(project) == before
    long_name = "n" * 240 + ".pdf"  # fits in 255 bytes; its temporary name must fit too
    code, out, _ = run(["pdf", definition, "-o", long_name], capsys)
    assert code == 0 and (project / long_name).is_file()


def test_pdf_checks_the_sheet_on_the_paper_it_is_printed_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A step that fits an F4 page but not an A4 one: ``sop pdf --paper A4`` says so, located, and writes nothing."""
    (project / "sop_definitions" / "uji" / "kec" / "tinggi.yaml").write_text(
        "nama: Surat\npelaksana:\n  - {id: staf, label: Staf}\n  - {id: camat, label: Camat}\nlangkah:\n"
        "  - {kegiatan: Menerima berkas, pelaksana: staf}\n"
        f"  - {{kegiatan: {'Memeriksa berkas ' * 135}, pelaksana: staf}}\n"
        "  - {kegiatan: Menandatangani, pelaksana: camat}\nrender: {paper: F4, orientation: portrait}\n")
    definition = "sop_definitions/uji/kec/tinggi.yaml"
    assert run(["pdf", definition, "-o", "f4.pdf"], capsys)[0] == 0
    code, out, err = run(["pdf", definition, "--paper", "A4", "-o", "a4.pdf"], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"{definition}:7:5: langkah 2 terlalu tinggi untuk satu halaman A4 portrait (")
    assert not (project / "a4.pdf").exists()


def test_an_unexpected_error_is_one_line_with_the_traceback_in_a_file(project: Path,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.sheet

    def broken(paths: object) -> None:
        raise RuntimeError("kesalahan buatan")

    monkeypatch.setattr(generator.sheet, "load_checked", broken)
    code, out, err = run(["check"], capsys)
    assert code == 1 and out == ""
    (line,) = err.splitlines()
    assert line.startswith("Galat tak terduga (RuntimeError); rincian teknis ditulis ke ")
    written = Path(line.split("ditulis ke ")[1].split(". Jalankan")[0])
    assert "RuntimeError: kesalahan buatan" in written.read_text()
    written.unlink()
    with pytest.raises(RuntimeError, match="kesalahan buatan"):
        run(["--debug", "check"], capsys)


def test_click_usage_errors_are_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["chek"], capsys)
    assert code == 2 and err.endswith("Galat: Perintah 'chek' tidak dikenal. (Mungkin maksud Anda salah satu dari: "
                                      "'check', 'schema'?)\n")
    code, _, err = run(["pdf", "--paper", "A5", "x.yaml"], capsys)
    assert code == 2 and "Galat: Nilai untuk '--paper' tidak valid: 'A5' bukan salah satu dari 'A4', 'F4'." in err
    code, _, err = run(["lkjip"], capsys)
    assert code == 2 and err.startswith("Cara pakai: sop lkjip [OPTIONS] FOLDER\n")
    assert all(word not in err for word in ("Usage", "Error", "Missing", "Try "))


def test_keep_going_skips_wrong_dates_and_sheets_that_do_not_fit(project: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    kecamatan = project / "sop_definitions" / "uji" / "kec"
    (kecamatan / "tanggal.yaml").write_text(VALID_SOP + "tanggal: {pembuatan: 2024-02-30}\n")
    lanes = "".join(f"  - {{id: p{i}, label: P{i}}}\n" for i in range(16))
    (kecamatan / "lebar.yaml").write_text(f"nama: Lebar\npelaksana:\n{lanes}langkah:\n"
                                          "  - {kegiatan: A, pelaksana: p0}\n  - {kegiatan: B, pelaksana: p1}\n")
    code, out, err = run(["build", "--keep-going"], capsys)
    assert code == 1
    assert "sop_definitions/uji/kec/tanggal.yaml:8:22: tanggal '2024-02-30' tidak valid" in err
    assert "sop_definitions/uji/kec/lebar.yaml:3:3: 16 pelaksana terlalu banyak untuk kertas F4 landscape" in err
    assert err.rstrip().endswith("2 berkas rusak dilewati: sop_definitions/uji/kec/lebar.yaml, "
                                 "sop_definitions/uji/kec/tanggal.yaml")
    assert out.startswith("Situs, 1 PDF SOP ditulis ke ") and complete(project / "site")  # book: false


def test_two_clones_build_byte_identical_sites(tmp_path: Path) -> None:
    """Reproducible, really: two clones of this repository, each built by its own process."""
    sites = []
    for name in ("a", "b"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=clone, capture_output=True,
                                text=True, timeout=600, env={**os.environ, "SOP_NO_CACHE": "1"})
        assert result.returncode == 0, result.stderr
        sites.append(tree_digest(clone / "site"))
    assert sites[0] == sites[1]
    assert "referensi-yaml/index.html" in sites[0] and "search/search_index.json" in sites[0]


def test_mkdocs_warnings_about_hand_written_pages_are_in_indonesian(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "index.md").write_text("# Uji\n\n[panduan](panduan.md)\n")
    code, _, err = run(["build"], capsys)
    assert code == 0
    assert "halaman docs/index.md menautkan 'panduan.md', tetapi tujuannya tidak ada di docs/\n" in err
    assert "Doc file" not in err


def test_sop_check_finds_an_arrow_the_engine_cannot_draw(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A decision whose two branches both leave sideways (a jump ahead, a return) has no side left for a
    return into it (§3 of issue 12): refused before rendering, at the arrow's line."""
    steps = ("  - {kegiatan: Langkah 1, pelaksana: l0}\n"
             "  - {kegiatan: Keputusan 2, pelaksana: l1, ya: 3, tidak: 4}\n"
             "  - {kegiatan: Keputusan 3, pelaksana: l0, ya: 6, tidak: 1}\n"
             "  - {kegiatan: Langkah 4, pelaksana: l1}\n"
             "  - {kegiatan: Keputusan 5, pelaksana: l1, ya: 6, tidak: 3}\n"
             "  - {kegiatan: Langkah 6, pelaksana: l0}\n")
    lanes = "  - {id: l0, label: Camat}\n  - {id: l1, label: Sekcam}\n"
    folder = project / "sop_definitions" / "uji" / "kec"
    (folder / "rapat.yaml").write_text(f"nama: Rapat\nrender: {{paper: A4}}\npelaksana:\n{lanes}langkah:\n{steps}")
    code, out, err = run(["check"], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("sop_definitions/uji/kec/rapat.yaml:9:5: panah langkah 3 → 6 tidak dapat digambar tanpa "
                          "menembus simbol atau panah lain")
