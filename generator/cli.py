"""The ``sop`` command line: a thin shell over :mod:`generator.build` (messages in Bahasa Indonesia)."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import click

from generator.click_id import install as _install_click_messages
from generator.errors import DefinitionError, SopError, display_path, os_reason, printable

_install_click_messages()  # before the commands below are declared: their help texts are made now

__all__ = ["cli", "main"]

DEFINITIONS = Path("sop_definitions")
TEXT_OUTPUTS = {"", ".txt", ".json", ".html", ".htm", ".diff", ".md"}
"""Suffixes an existing file may have for ``-o`` of ``sop diff``/``sop compare`` to replace it."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sop-generator", message="sop %(version)s")
@click.option("--debug", is_flag=True, help="Tampilkan rincian teknis (traceback) bila terjadi galat tak terduga.")
def cli(debug: bool) -> None:
    """Generator buku SOP AP: lembar resmi (PDF) dan situs dari definisi YAML."""
    _show_warnings()


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["docx"]), default="docx", show_default=True,
              help="Bentuk berkas keluaran.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas keluaran (bawaan: <slug>-<kecamatan>.docx di folder kerja).")
def export(path: Path, fmt: str, output: Path | None) -> None:
    """Tulis satu SOP sebagai dokumen Word (.docx) yang dapat disunting Bagian Organisasi."""
    from generator.build import Session, check_output, write_atomic
    from generator.project import Project
    from generator.word import export_docx

    sop = Session(Project.of([path])).load_valid([path]).sops[0]
    target = output or Path(f"{sop.slug}-{sop.kecamatan_slug}.{fmt}")
    check_output(target, {".docx"})
    write_atomic(target, export_docx(sop), make_parents=False)
    click.echo(f"{target} ditulis ({len(sop.langkah)} langkah, kertas {sop.options.paper}).")


@cli.command()
@click.argument("pdf_path", metavar="PDF", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sertifikat", "certificate", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sertifikat elektronik penanda tangan (.p12/.pfx, mis. dari BSrE) berisi kunci dan rantainya.")
@click.option("--tsa", metavar="URL", default=None, help="Server cap waktu RFC 3161 (opsional).")
@click.option("--tambah", is_flag=True, help="Tambahkan tanda tangan ke PDF yang sudah ditandatangani.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas PDF bertanda tangan (bawaan: <nama PDF>-ttd.pdf).")
def tandatangani(pdf_path: Path, certificate: Path, tsa: str | None, tambah: bool, output: Path | None) -> None:
    """Tandatangani PDF SOP (atau buku SOP) secara elektronik (TTE, PAdES) di tempat tanda tangan pengesah.

    Sandi sertifikat ditanyakan di terminal, atau dibaca dari variabel lingkungan
    SOP_SANDI_TTE bila diisi; sandi tidak pernah diberikan sebagai argumen.
    """
    from generator.build import check_output, write_atomic
    from generator.tte import PASSPHRASE_ENV, SigningRefused, load_signer, read_sop_pdf, sign_pdf

    data = pdf_path.read_bytes()
    sop_pdf = read_sop_pdf(data, pdf_path.name)
    if sop_pdf.status == "draf":
        what = "buku ini memuat SOP yang" if sop_pdf.key.startswith("buku/") else "SOP ini"
        raise SigningRefused(f"{pdf_path.name}: {what} masih draf; ubah statusnya menjadi 'berlaku', cetak ulang, "
                             "lalu tandatangani")
    if sop_pdf.signatures and not tambah:
        raise SigningRefused(f"{pdf_path.name}: PDF ini sudah ditandatangani; pakai --tambah untuk penanda tangan "
                             "berikutnya")
    target = output or pdf_path.with_name(f"{pdf_path.stem}-ttd.pdf")
    check_output(target, {".pdf"})
    secret = os.environ.get(PASSPHRASE_ENV)
    if secret is None:
        secret = click.prompt(f"Sandi {certificate.name}", hide_input=True, err=True)
    signer = load_signer(certificate.read_bytes(), secret.encode("utf-8"), certificate.name)
    signed = sign_pdf(data, signer, sop_pdf, tsa_url=tsa)
    write_atomic(target, signed, make_parents=False)
    who = signer.signing_cert.subject.native.get("common_name") or signer.signing_cert.subject.human_friendly
    click.echo(f"{target} ditandatangani oleh {printable(str(who))}.")


@cli.command()
@click.argument("pdf_path", metavar="PDF", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--situs", "site", metavar="URL|FOLDER", default=None,
              help="Alamat situs buku SOP atau folder situs hasil 'sop build' (bawaan: site_url di mkdocs.yml).")
@click.option("--akar", "roots", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sertifikat akar tepercaya untuk memeriksa tanda tangan (mis. akar BSrE, .pem/.crt); "
                   "boleh berulang.")
def verifikasi(pdf_path: Path, site: str | None, roots: tuple[Path, ...]) -> None:
    """Periksa apakah PDF SOP adalah versi yang diterbitkan dan masih berlaku.

    Kode keluar: 0 sah dan berlaku; 3 sah tetapi tidak berlaku (dicabut, diganti, draf);
    4 bukan versi yang diterbitkan; 5 tanda tangan tidak sah; 1 pemeriksaan tidak dapat
    dilakukan (berkas atau daftar verifikasi tidak terbaca).
    """
    from generator.project import read_site_url
    from generator.tte import read_list, verify_pdf

    source = site or read_site_url(Path("mkdocs.yml"))
    if not source:
        raise SopError("situs buku SOP tidak diketahui: berikan --situs URL atau --situs FOLDER-SITUS "
                       "(atau jalankan di folder proyek yang mkdocs.yml-nya berisi site_url)")
    listing, where = read_list(source)
    verdict = verify_pdf(pdf_path.read_bytes(), pdf_path.name, listing, roots=[r.read_bytes() for r in roots],
                         site=where)
    click.echo(f"{printable(pdf_path.name)}: {verdict.message}")
    if verdict.exit_code:
        raise SystemExit(verdict.exit_code)


@cli.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas YAML keluaran (bawaan: nama dokumen dengan akhiran .yaml di folder kerja).")
@click.option("--timpa", is_flag=True, help="Timpa berkas keluaran yang sudah ada.")
def import_(source: Path, output: Path | None, timpa: bool) -> None:
    """Buat draf definisi YAML dari dokumen SOP AP Word (.docx) atau Excel (.xlsx) yang sudah ada.

    Setiap tebakan ditandai komentar '# PERIKSA:' di barisnya; laporan singkat menyebut apa
    yang dibaca, ditebak dan dilewati, dan apa yang masih harus diperbaiki. Berkas .doc, .xls
    dan PDF harus disimpan sebagai .docx atau .xlsx dulu.
    """
    from generator.build import check_output, write_atomic
    from generator.word import import_document

    target = output or Path(f"{source.stem}.yaml")
    if target.exists() and not timpa:
        click.echo(f"{target} sudah ada; tidak ditimpa (pakai --timpa untuk menimpanya)", err=True)
        raise SystemExit(1)
    check_output(target, {".yaml", ".yml"})
    result = import_document(source, draft=target)
    write_atomic(target, result.yaml_text.encode("utf-8"), make_parents=False)
    click.echo(printable(f"{target} ditulis dari {source.name}."))
    click.echo(printable("Dibaca: " + "; ".join(result.read) + "."))  # a sheet's name comes from the file
    if result.guessed:
        click.echo(printable("Ditebak (bertanda PERIKSA): " + "; ".join(result.guessed) + "."))
    if result.left_out:
        click.echo(printable("Dilewati: " + "; ".join(result.left_out) + "."))
    if result.problems:
        click.echo("Masih perlu diperbaiki sebelum 'sop check' lolos:")
        for problem in result.problems:
            click.echo(f"  {problem}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="Bentuk keluaran: teks untuk dibaca, json untuk alat lain.")
@click.option("--ketat", is_flag=True, help="Keluar dengan kode 1 bila ada temuan (untuk CI).")
def lint(paths: tuple[Path, ...], fmt: str, ketat: bool) -> None:
    """Periksa SOP terhadap aturan penulisan PermenPANRB 35/2012 sebelum ditandatangani.

    Setiap temuan adalah peringatan dengan berkas:baris:kolom, nama aturan dan sumbernya.
    Kode keluar 0 bila hanya ada peringatan (1 dengan --ketat); definisi yang tidak sah
    dilaporkan seperti 'sop check' (kode 1).
    """
    from generator.definitions import load_catalog
    from generator.lint import lint as lint_sops

    catalog = load_catalog(list(paths) or [DEFINITIONS])
    if catalog.problems:
        raise DefinitionError(catalog.problems)
    found = lint_sops(catalog.sops)
    if fmt == "json":
        click.echo(json.dumps([item.as_json() for item in found], ensure_ascii=False, indent=2))
    else:
        for item in found:
            click.echo(str(item))
        click.echo(f"{len(catalog.sops)} SOP diperiksa; {len(found)} temuan." if found else
                   f"{len(catalog.sops)} SOP diperiksa; tidak ada temuan.", err=bool(found))
    if found and ketat:
        raise SystemExit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Periksa semua definisi SOP dan laporkan setiap masalah (baris:kolom)."""
    from generator.compare import renumbered_targets
    from generator.sheet import load_checked

    catalog = load_checked(list(paths) or [DEFINITIONS])
    catalog.warnings.extend(renumbered_targets(sorted(sop.source for sop in catalog.sops)))
    for warning in catalog.warnings:  # they do not fail the check: the SOP is valid, not yet official
        click.echo(str(warning), err=True)
    if catalog.problems:
        raise DefinitionError(catalog.problems)
    tail = f"; {len(catalog.warnings)} peringatan" if catalog.warnings else ""
    click.echo(f"{catalog.files} SOP diperiksa, tidak ada masalah{tail}.")


@cli.command()
@click.option("--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Berkas konfigurasi MkDocs.")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="Folder keluaran (bawaan: site_dir di mkdocs.yml).")
@click.option("--keep-going", is_flag=True,
              help="Tetap bangun semua SOP yang sah; SOP yang rusak dilewati dan dilaporkan (kode keluar 1).")
def build(config_file: Path, site_dir: Path | None, keep_going: bool) -> None:
    """Bangun situs buku SOP dan semua PDF ke folder site/.

    Situs dibangun di folder sementara lalu ditukar sekaligus: bila pembangunan gagal, situs
    lama tetap utuh.
    """
    from rich.progress import Progress

    from generator.build import Session
    from generator.project import Project
    from generator.site import check_site_folder, protected_folders

    started = time.monotonic()
    root = config_file.parent
    if site_dir is not None:  # before MkDocs looks at it (its own checks speak English)
        check_site_folder(site_dir, root, protected_folders(root / DEFINITIONS, root / "docs"))
    config = _mkdocs_config(config_file, site_dir)
    options = config.plugins["sop"].config
    project = Project.at(root, options["definitions"], keep_going=keep_going, site_url=config.site_url)
    check_site_folder(Path(config.site_dir), project.root, _protected(config))  # refuse before any work
    session = Session(project)  # handed to the MkDocs plugin: nothing is rendered twice
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("Memeriksa definisi", total=None)

        def stage(name: str, count: int) -> None:
            what = {"sop": "SOP", "buku": "buku SOP", "riwayat": "riwayat revisi"}.get(name)
            if what is not None:
                progress.update(task, completed=0, total=count, description=f"Merender {count} {what}")

        def step(number: int, total: int, sop: object) -> None:
            progress.update(task, completed=number - 1, description=f"Merender SOP {number}/{total}")

        built = session.build(pdf=options["pdf"], book=options["book"], history=options["history"],
                              progress=step, on_stage=stage)
    catalog = built.catalog
    target = _build_site(config, catalog, session)
    if catalog.sops and not catalog.problems:  # the cache now holds what this site needs
        session.cache.prune()
    made = [f"{len(built.sops)} PDF SOP"] if options["pdf"] else []  # what the plugin publishes, no more
    made += [f"{len(built.books)} buku SOP"] if built.books else []
    click.echo(f"Situs{', ' + ' dan '.join(made) if made else ''} ditulis ke {target} "
               f"({time.monotonic() - started:.1f} detik).")
    if catalog.problems:  # each problem was already printed by the plugin, with its location
        broken = sorted({display_path(p.location.path) for p in catalog.problems})
        raise SopError(f"{len(broken)} berkas rusak dilewati: {', '.join(broken)}")


@cli.command()
@click.option("--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Berkas konfigurasi MkDocs.")
@click.option("--alamat", "dev_addr", default="127.0.0.1:8000", show_default=True, help="Alamat:port server.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Pratinjau langsung situs buku SOP; setelah satu SOP diubah, hanya halaman yang terdampak dibangun ulang.

    Sama dengan ``mkdocs serve --dirty``: PDF, buku dan halaman yang tidak berubah diambil dari
    cache; bila daftar halaman atau judulnya berubah, seluruh situs dibangun ulang.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings(logging.INFO)
    stderr = sys.stderr
    sys.stderr = _WithoutLines(stderr, {"Aborted with a BuildError!"})  # printed by serve after our messages
    try:
        mkdocs_serve(config_file=str(config_file), build_type="dirty", dev_addr=dev_addr)
    except MkDocsException as exc:
        raise SopError(f"MkDocs gagal: {exc}") from exc
    finally:
        sys.stderr = stderr


class _WithoutLines(io.TextIOBase):
    """A text stream passing everything to *target* except the given whole lines."""

    def __init__(self, target: TextIO, lines: set[str]) -> None:
        self.target, self.lines, self.dropped = target, lines, False

    def write(self, text: str) -> int:
        if text.strip() in self.lines or (self.dropped and text == "\n"):
            self.dropped = text != "\n"
            return len(text)
        self.dropped = False
        return self.target.write(text)

    def flush(self) -> None:
        self.target.flush()


def _build_site(config: Any, catalog: object, session: object) -> Path:
    """Run MkDocs with *config* into a staging folder beside the site folder, then swap it in.

    The plugin renders through *session* (a :class:`generator.build.Session`), which already
    holds every SOP and book the CLI rendered.

    See :mod:`generator.site.publish` for the site folder rule, the swap and the lock.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    from generator.build import Session
    from generator.definitions import Catalog
    from generator.site import publish_site

    assert isinstance(catalog, Catalog) and isinstance(session, Session)
    _show_mkdocs_warnings()
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(_source_date_epoch(catalog)))
    final = Path(config.site_dir)
    config.plugins["sop"].use_session(session, replaces=final)

    def fill(staging: Path) -> None:
        config.site_dir = str(staging)
        try:
            mkdocs_build(config)
        except (MkDocsException, SopError) as exc:
            raise SopError(f"MkDocs gagal; situs lama tidak diubah: {exc}") from exc

    publish_site(final, fill, Path(config.config_file_path).parent, _protected(config),
                 on_wait=lambda: click.echo("Menunggu pembangunan situs lain di folder ini selesai…", err=True))
    return final


_CONFIG_MESSAGES = (
    (re.compile(r"Config value 'site_dir': The 'docs_dir' should not be within the 'site_dir'.*"),
     "site_dir tidak boleh memuat folder docs/ (folder situs akan menimpa sumbernya)"),
    (re.compile(r"Config value 'site_dir': The 'site_dir' should not be within the 'docs_dir'.*"),
     "site_dir tidak boleh berada di dalam folder docs/"),
    (re.compile(r"Config value '(\w+)': The path '(.*)' isn't an existing directory.*"), "folder {1} ({0}) tidak ada"),
    (re.compile(r"Config value '(\w+)': Unrecognised theme name.*"), "tema ({0}) tidak dikenal"),
    (re.compile(r"Config value 'plugins': The \"(.*)\" plugin is not installed.*"),
     "plugin MkDocs '{0}' tidak terpasang"),
    (re.compile(r"Config value '(\w+)': (.*)"), "nilai '{0}' tidak valid: {1}"),
)


def _mkdocs_config(config_file: Path, site_dir: Path | None) -> Any:
    """MkDocs' configuration from *config_file* (and ``--site-dir``); its errors as one Indonesian message."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append  # type: ignore[method-assign,assignment]
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        return load_config(str(config_file), **({"site_dir": str(site_dir)} if site_dir else {}))
    except (Abort, ConfigurationError) as exc:
        reasons = []
        for record in records or [logging.makeLogRecord({"msg": str(exc)})]:
            message = record.getMessage()
            for pattern, text in _CONFIG_MESSAGES:
                if match := pattern.match(message):
                    message = text.format(*match.groups())
                    break
            reasons.append(message)
        raise SopError(f"{display_path(config_file)} tidak valid: {'; '.join(reasons)}") from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _protected(config: Any) -> dict[Path, str]:
    """The definitions folder and ``docs/`` of *config* (see :func:`generator.site.publish.protected_folders`)."""
    from generator.site import protected_folders

    project = Path(config.config_file_path).parent
    return protected_folders(project / config.plugins["sop"].config["definitions"], Path(config.docs_dir))


def _source_date_epoch(catalog: object) -> int:
    """The build date: the newest date written in the definitions (reproducible sitemaps)."""
    import calendar
    import datetime as dt

    from generator.definitions import Catalog

    assert isinstance(catalog, Catalog)
    dates = [d for p in catalog.sops for d in (p.tgl_pembuatan, p.tgl_revisi, p.tgl_efektif) if d]
    dates += [d for p in catalog.sops for d, _ in p.revisi if d]
    newest = max(dates) if dates else dt.date(2000, 1, 1)
    return calendar.timegm(newest.timetuple())


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--paper", type=click.Choice(["A4", "F4"]), default=None,
              help="Ukuran kertas (bawaan: dari definisi).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas PDF keluaran (bawaan: <slug>-<kecamatan>.pdf di folder kerja).")
@click.option("--changes-since", "since", metavar="REV", default=None,
              help="Lampirkan halaman Daftar Perubahan terhadap revisi git REV (mis. HEAD~1).")
@click.option("--pdfa", is_flag=True,
              help="PDF arsip (PDF/A-3b) yang membawa definisi YAML-nya (sama dengan opsi render pdf_a: true).")
def pdf(path: Path, paper: str | None, output: Path | None, since: str | None, pdfa: bool) -> None:
    """Render satu SOP (berkas YAML) menjadi PDF siap tanda tangan."""
    import dataclasses

    from generator.build import Session, check_output, render_sop_with_changes, write_atomic
    from generator.project import Project

    session = Session(Project.of([path]))
    sop = session.load_valid([path], paper=paper).sops[0]  # checked on the paper it is printed on
    if pdfa:
        sop = dataclasses.replace(sop, options=dataclasses.replace(sop.options, pdf_a=True))
    target = output or Path(f"{sop.slug}-{sop.kecamatan_slug}.pdf")  # the same name as on the site
    check_output(target, {".pdf"})
    if since:
        from generator.compare import diff_sops, load_spec

        old, label = load_spec(f"{path}@{since}")
        changes = diff_sops(old, sop, old_source=label, new_source=str(path))
        data, pages = render_sop_with_changes(sop, changes, since)
    else:
        rendered = session.render_sop(sop)
        assert rendered.pdf is not None
        data, pages = rendered.pdf, rendered.pdf_pages
    write_atomic(target, data, make_parents=False)
    click.echo(f"{target} ditulis ({pages} halaman, kertas {sop.options.paper}).")


class _DiffFailure(SopError):
    """Bad input to ``sop diff``: exit code 2, like diff(1)."""

    exit_code = 2


@cli.command()
@click.argument("old", metavar="LAMA")
@click.argument("new", metavar="BARU")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Bentuk keluaran: teks berwarna, JSON (skema tetap) atau HTML berdampingan.")
@click.option("--tanpa-kecil", "hide_minor", is_flag=True,
              help="Sembunyikan perubahan kecil (spasi, tanda baca, huruf besar/kecil).")
@click.option("--lintas-kecamatan", "local", is_flag=True,
              help="Samakan nama kecamatan, pemda dan pejabat; abaikan nomor, tanggal dan pengesah.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis ke berkas ini, bukan ke layar.")
def diff(old: str, new: str, fmt: str, hide_minor: bool, local: bool, output: Path | None) -> None:
    """Bandingkan dua SOP menurut isinya (berkas YAML atau BERKAS@REVISI git).

    Kode keluar: 0 sama, 1 berbeda, 2 galat.
    """
    from generator.build import check_output
    from generator.compare import diff_sops, load_spec

    if output is not None:
        check_output(output, TEXT_OUTPUTS)
    try:
        old_p, old_label = load_spec(old)
        new_p, new_label = load_spec(new)
    except SopError as exc:
        raise _DiffFailure(exc.format_message()) from exc
    result = diff_sops(old_p, new_p, normalise_local=local, old_source=old_label, new_source=new_label)
    if hide_minor:
        result = result.model_copy(update={"changes": result.substantive, "equal": not result.substantive})
    _emit_diff(result, fmt, output, show_minor=not hide_minor)
    if not result.equal:
        raise SystemExit(1)


def _emit_diff(result: object, fmt: str, output: Path | None, *, show_minor: bool) -> None:
    from rich.console import Console

    from generator.build import write_atomic
    from generator.compare import SopDiff, render_diff_html, render_diff_terminal

    assert isinstance(result, SopDiff)
    if fmt == "json":
        text = result.model_dump_json(indent=2) + "\n"
    elif fmt == "html":
        text = render_diff_html(result, show_minor=show_minor)
    else:
        console = Console(file=None if output is None else io.StringIO(), highlight=False,
                          soft_wrap=True, width=None if output is None else 120,
                          force_terminal=None if output is None else False)
        console.print(render_diff_terminal(result, show_minor=show_minor))
        if output is None:
            return
        assert isinstance(console.file, io.StringIO)
        text = console.file.getvalue()
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text, make_parents=False)


@cli.command()
@click.argument("kode")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
              help="Teks berwarna atau HTML (matriks langkah).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis ke berkas ini, bukan ke layar.")
def compare(kode: str, paths: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Bandingkan SOP yang sama (KODE sama) di semua kecamatan."""
    from rich.console import Console

    from generator.build import Session, check_output, write_atomic
    from generator.compare import compare_family, render_family_html, render_family_terminal
    from generator.project import Project

    if output is not None:
        check_output(output, TEXT_OUTPUTS)
    catalog = Session(Project.of(list(paths) or [DEFINITIONS])).load_valid(list(paths) or [DEFINITIONS])
    members = [p for p in catalog.sops if p.kode == kode]
    if len(members) < 2:
        known = sorted({p.kode for p in catalog.sops if p.kode})
        raise SopError(f"kode '{kode}' dipakai oleh {len(members)} SOP; perbandingan perlu minimal 2 "
                       f"(kode yang ada: {', '.join(known) or '-'})")
    family = compare_family(members)
    if fmt == "html":
        text = render_family_html(family)
        if output:
            write_atomic(output, text, make_parents=False)
        else:
            click.echo(text, nl=False)
        return
    console = Console(file=io.StringIO() if output else None, highlight=False,
                      width=160 if output else None, force_terminal=False if output else None)
    console.print(render_family_terminal(family))
    if output:
        assert isinstance(console.file, io.StringIO)
        write_atomic(output, console.file.getvalue(), make_parents=False)


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas PDF keluaran (bawaan: buku-sop-<kecamatan>.pdf di folder kerja).")
@click.option("--formulir/--tanpa-formulir", default=None,
              help="Lampirkan formulir monitoring dan evaluasi (bawaan: dari instansi.yaml).")
def book(folder: Path, output: Path | None, formulir: bool | None) -> None:
    """Render buku SOP satu kecamatan (FOLDER) menjadi satu PDF."""
    from generator.build import Session, check_output, write_atomic
    from generator.project import Project

    if output is not None:
        check_output(output, {".pdf"})
    session = Session(Project.of([folder]))
    catalog = session.load_valid([folder])
    groups = {(p.pemda_slug, p.kecamatan_slug) for p in catalog.sops}
    if len(groups) != 1:
        raise SopError(f"{folder} memuat SOP dari {len(groups)} kecamatan; "
                       "pilih satu folder kecamatan (sop_definitions/<pemda>/<kecamatan>)")
    rendered = session.render_book(catalog.sops, formulir=formulir)
    target = output or Path(rendered.file_name)
    if output is None:  # -o was checked before rendering
        check_output(target, {".pdf"})
    write_atomic(target, rendered.pdf, make_parents=False)
    click.echo(f"{target} ditulis ({len(rendered.sops)} SOP, {rendered.pages} halaman).")


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.argument("slug")
def new(folder: Path, slug: str) -> None:
    """Tulis kerangka definisi SOP baru (dengan komentar) di FOLDER kecamatan."""
    from generator.build import write_atomic
    from generator.definitions import INSTANSI_SKELETON, NAME_SLUG, sop_skeleton

    if not NAME_SLUG.match(slug):  # the rule sop check applies to file names
        raise SopError(f"nama berkas '{slug}' tidak valid (huruf kecil, angka dan '-', mis. 'surat-masuk')")
    target = folder / f"{slug}.yaml"
    if target.exists():
        raise SopError(f"{target} sudah ada; tidak ditimpa (pilih nama lain)")
    if not (folder / "instansi.yaml").exists():
        write_atomic(folder / "instansi.yaml", INSTANSI_SKELETON)
        click.echo(f"{folder / 'instansi.yaml'} ditulis: isi kop dan pejabat pengesah.")
    write_atomic(target, sop_skeleton(slug.replace("-", " ").capitalize()))
    click.echo(f"{target} ditulis. Isi, lalu jalankan: sop check {target}")


_BOBOT = {"1/9": None, "0.111": "0.111", "0,111": "0.111", "0.11": "0.11", "0,11": "0.11"}


@cli.command()
@click.argument("survey", metavar="SURVEI", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bobot", type=click.Choice(sorted(_BOBOT)), default="1/9", show_default=True,
              help="Bobot per unsur: tepat 1/9, atau 0,111 / 0,11 seperti laporan lama.")
@click.option("--populasi", type=click.IntRange(min=1), default=None,
              help="Jumlah penerima layanan setahun: periksa sampel minimum (Krejcie–Morgan).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Laporan teks atau JSON.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis juga laporan PDF (dengan grafik unsur).")
def ikm(survey: Path, bobot: str, populasi: int | None, fmt: str, pdf_path: Path | None) -> None:
    """Hitung IKM (PermenPANRB 14/2017) dari berkas survei CSV/XLSX (kolom U1–U9, nilai 1–4)."""
    from decimal import Decimal

    from generator.formatting import round2
    from generator.lkjip import compute_ikm, krejcie_morgan, read_survey

    if pdf_path is not None:
        from generator.build import check_output

        check_output(pdf_path, {".pdf"})
    rows, problems = read_survey(survey)
    if problems:
        raise DefinitionError(problems)
    raw_weight = _BOBOT[bobot]
    weight = Decimal(raw_weight) if raw_weight else None
    try:
        result = compute_ikm(rows, bobot=weight)
    except ValueError as exc:
        raise SopError(f"{survey}: {exc}") from exc
    minimum = krejcie_morgan(populasi) if populasi else None
    if fmt == "json":
        click.echo(json.dumps({
            "responden": result.respondents, "bobot": str(result.bobot),
            "nrr": [str(round(n, 4)) for n in result.nrr], "ikm": str(round(result.ikm, 4)),
            "ikm_konversi": str(round2(result.converted)), "mutu": result.mutu.mutu,
            "kinerja": result.mutu.kinerja, "unsur_terendah": f"U{result.lowest + 1}",
            "sampel_minimum": minimum}, ensure_ascii=False, indent=2))
    else:
        _print_ikm(result, minimum)
    if pdf_path:
        from generator.build import write_atomic
        from generator.render import ikm_report_html, render_pdf

        html = ikm_report_html(result, title="Laporan Indeks Kepuasan Masyarakat", population=populasi,
                               standalone=True, source=survey.name)
        data, pages = render_pdf(html)
        write_atomic(pdf_path, data, make_parents=False)
        click.echo(f"{pdf_path} ditulis ({pages} halaman).")


def _print_ikm(result: object, minimum: int | None) -> None:
    from generator.formatting import round2
    from generator.lkjip import UNSUR
    from generator.model import IkmResult
    from generator.render import number

    assert isinstance(result, IkmResult)
    click.echo(f"Responden: {result.respondents}")
    click.echo(f"Bobot per unsur: {number(result.bobot, 4)}")
    for i, nrr in enumerate(result.nrr):
        mark = "  <- terendah" if i == result.lowest else ""
        name = UNSUR[i] if i < len(UNSUR) else ""
        click.echo(f"  U{i + 1} {name:<40} NRR {number(nrr)}  tertimbang {number(result.weighted[i], 4)}"
                   f"  nilai {number(round2(result.unsur_converted[i]))}{mark}")
    click.echo(f"IKM (1–4): {number(result.ikm, 4)}")
    click.echo(f"IKM (25–100): {number(round2(result.converted))}")
    click.echo(f"Mutu pelayanan: {result.mutu.mutu} ({result.mutu.kinerja})")
    if minimum is not None:
        status = (f"kurang {minimum - result.respondents} responden" if result.respondents < minimum
                  else "terpenuhi")
        click.echo(f"Sampel minimum (Krejcie–Morgan): {minimum} — {status}")


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--tahun", type=int, required=True, help="Tahun laporan, mis. 2024.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Awalan berkas keluaran (bawaan: lkjip-bab3-<kecamatan>-<tahun>); ditulis .pdf dan .xlsx.")
def lkjip(folder: Path, tahun: int, output: Path | None) -> None:
    """Tulis tabel Target dan Realisasi Kinerja (LKjIP Bab III) satu kecamatan sebagai PDF dan XLSX."""
    from generator.build import check_output, write_atomic
    from generator.definitions import read_folder
    from generator.lkjip import bab_iii_rows
    from generator.render import bab_iii_xlsx, lkjip_document, render_pdf

    unit_folder, problems = read_folder(folder)
    if problems or unit_folder is None:
        raise DefinitionError(problems)
    unit = unit_folder.instansi
    if not unit.indikator:
        raise SopError(f"{folder / 'indikator.yaml'} tidak ada atau kosong; tulis indikator kinerja di sana dahulu")
    rows = bab_iii_rows(unit, tahun)
    if all(row.capaian is None and row.target is None and row.realisasi is None for row in rows):
        known = sorted({year for i in unit.indikator for year in (*i.targets, *i.realisasi, *i.surveys)})
        where = display_path(folder / "indikator.yaml")
        raise SopError(f"tidak ada target maupun realisasi tahun {tahun} di {where}; tidak ada berkas yang ditulis "
                       f"(tahun yang ada: {', '.join(map(str, known)) or '-'})")
    base = output or Path(f"lkjip-bab3-{folder.resolve().name}-{tahun}")
    check_output(base.with_suffix(".pdf"), {".pdf"})
    check_output(base.with_suffix(".xlsx"), {".xlsx"})
    paper = unit_folder.render.paper if unit_folder.render and unit_folder.render.paper else "F4"
    pdf_bytes, _ = render_pdf(lkjip_document(unit, rows, tahun, paper=paper))
    workbook = bab_iii_xlsx(unit, rows, tahun)
    write_atomic(base.with_suffix(".pdf"), pdf_bytes, make_parents=False)
    write_atomic(base.with_suffix(".xlsx"), workbook, make_parents=False)
    missing = sum(row.capaian is None for row in rows)
    note = f"; {missing} indikator tanpa target/realisasi {tahun}" if missing else ""
    click.echo(f"{base.with_suffix('.pdf')} dan {base.with_suffix('.xlsx')} ditulis ({len(rows)} indikator{note}).")


@cli.command(hidden=True)
def schema() -> None:
    """Tulis ulang JSON Schema di generator/schema/ (untuk pengembang)."""
    from generator.build import write_atomic
    from generator.compare import OUTPUT_SCHEMAS
    from generator.definitions import SCHEMA_DIR, json_schemas

    for name, text in json_schemas(OUTPUT_SCHEMAS).items():
        write_atomic(SCHEMA_DIR / name, text)
        click.echo(f"{SCHEMA_DIR / name} ditulis.")


def _show_mkdocs_warnings(level: int = logging.WARNING) -> None:
    """Print MkDocs' own messages from *level* up (broken links, theme notices) on stderr."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
        handler = _EchoHandler(level)
        logger.addHandler(handler)
        logger.setLevel(min(logger.getEffectiveLevel(), level))


_MKDOCS_MESSAGES = (
    (re.compile(r"Serving on (\S+)"), "Pratinjau situs di {0} (Ctrl+C untuk berhenti)"),
    (re.compile(r"Building documentation\.\.\."), "Membangun situs…"),
    (re.compile(r"Documentation built in ([\d.]+) seconds"), "Situs dibangun dalam {0} detik"),
    (re.compile(r"Detected file changes"), "Ada berkas yang berubah"),
    (re.compile(r"Reloading browsers"), "Memuat ulang peramban"),
    (re.compile(r"A 'dirty' build is being performed"), None),  # sop serve tracks changes itself
    (re.compile(r"Aborted with a BuildError"), None),  # the problems were just listed
    (re.compile(r"An error happened during the rebuild"),
     "Situs belum bisa dibangun ulang; perbaiki masalah di atas (server menunggu sampai berhasil)"),
    (re.compile(r"Doc file '(.+)' contains a link '(.+)', but the target (?:'.+' )?is not found among "
                r"documentation files\.?.*"), "halaman docs/{0} menautkan '{1}', tetapi tujuannya tidak ada di docs/"),
    (re.compile(r"Doc file '(.+)' contains an absolute link '(.+)'.*"),
     "halaman docs/{0} memuat tautan absolut '{1}' (pakai tautan relatif)"),
    (re.compile(r"Doc file '(.+)' contains a link to '(.+)' which is excluded.*"),
     "halaman docs/{0} menautkan '{1}', yang tidak ikut dibangun"),
    (re.compile(r"Config value '(\w+)': (.*)"), "mkdocs.yml, '{0}': {1}"),
)
"""MkDocs' everyday messages in Bahasa Indonesia (``None``: not shown); others keep their text, prefixed "MkDocs:"."""


class _EchoHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        message = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", record.getMessage())  # serve's time stamps
        if record.name.startswith("mkdocs.plugins.sop") or "masalah ditemukan" in message:
            if record.levelno >= logging.WARNING:  # its INFO lines are per-SOP progress
                click.echo(message.replace("\nAborted with a BuildError!", ""), err=True)
            return
        for pattern, text in _MKDOCS_MESSAGES:
            match = pattern.match(message)
            if match and text is None:
                return
            if match and text is not None:
                click.echo(text.format(*(g.replace(".", ",") if g[:1].isdigit() else g for g in match.groups())),
                           err=True)
                return
        if record.levelno >= logging.WARNING:
            click.echo(f"MkDocs: {message}", err=True)


class _WarningEcho(logging.Handler):
    """Print the generator's own warnings (e.g. a corrupt cache entry made again) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(printable(record.getMessage()), err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("generator")
    if not any(isinstance(h, _WarningEcho) for h in logger.handlers):
        logger.addHandler(_WarningEcho(logging.WARNING))


def main(args: list[str] | None = None) -> None:
    """Entry point of the ``sop`` console script: every failure ends as Indonesian text, never a traceback.

    Errors meant for the user (:class:`~generator.errors.SopError`, click's usage errors,
    file-system failures) print one message; any other exception — a bug — prints one line
    naming the file its traceback was written to (``sop --debug …`` prints the traceback).
    Exit codes: 0 fine, 1 problems found, 2 usage error (and ``sop diff``'s own codes), 130 Ctrl+C.
    """
    argv = list(sys.argv[1:] if args is None else args)
    try:
        cli.main(args=argv, prog_name="sop", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Dibatalkan.", err=True)
        sys.exit(130)
    except click.ClickException as exc:  # SopError and click's usage errors (translated by click_id)
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:
        name = exc.filename2 or exc.filename  # copying: the destination is the one that failed
        where = printable(display_path(Path(name))) if name else "berkas"
        click.echo(f"{where}: {os_reason(exc)}", err=True)
        sys.exit(1)
    except RecursionError:
        click.echo("struktur masukan terlalu dalam untuk diproses", err=True)
        sys.exit(1)
    except Exception as exc:
        if "--debug" in argv:
            raise
        _report_bug(exc)
        sys.exit(1)


def _report_bug(exc: Exception) -> None:
    """Write the traceback of an unexpected *exc* to a file and say where, in one line."""
    import tempfile
    import traceback

    try:
        fd, name = tempfile.mkstemp(prefix="sop-galat-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        where = f"rincian teknis ditulis ke {name}"
    except OSError:
        where = "rincian teknis tidak dapat ditulis"
    click.echo(f"Galat tak terduga ({type(exc).__name__}); {where}. Jalankan ulang dengan 'sop --debug …' untuk "
               "melihatnya, dan laporkan berkas itu kepada pengelola.", err=True)
