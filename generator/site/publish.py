"""Stage 6: put a built site in place without ever losing a folder the project did not make.

Rules (issue "Safe to publish"):

* the site folder may be replaced only when it is absent, empty, or carries :data:`MARKER`
  (written by an earlier build of this project); everything else is refused with a message
  naming the folder and why — a non-empty folder of someone else's files, a file, the project
  root or one of its ancestors, the definitions, ``docs/``, ``.git``, the home folder, ``/``;
* a new site is built in a staging folder beside the site and swapped in with one
  ``renameat2(RENAME_EXCHANGE)`` (Linux), so at every instant the site folder exists and is a
  complete site, old or new; where the exchange is not supported, two renames are used;
* one build per site folder at a time (:class:`BuildLock`, a ``filelock`` lock beside it);
* leftovers of an interrupted build (staging folders with the marker, or empty) are removed
  by the next build, under the lock.

Nothing here imports MkDocs: :func:`publish_site` takes the function that fills the staging folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from generator.errors import OutputError, SopError, os_reason, printable

__all__ = ["MARKER", "SiteFolderRefused", "build_lock", "check_site_folder", "clean_leftovers", "exchange", "mark",
           "protected_folders", "publish_site"]

MARKER = ".sop-situs"
"""File name of the marker every site folder built by this project holds (a dot file: MkDocs'
own cleaning of the site folder keeps dot files, and it is never linked from the site)."""
MARKER_TEXT = "Folder ini dibuat oleh generator buku SOP (sop build); boleh diganti oleh build berikutnya.\n"
STAGING = ".{name}.baru-"
"""Prefix of the staging folders beside the site folder (``.site.baru-k3j2``)."""


class SiteFolderRefused(SopError):
    """The site folder is not one the build may replace; nothing was touched."""

    def __init__(self, folder: Path, why: str) -> None:
        absolute = Path(os.path.abspath(folder))  # as the user named it: a symlink is not followed
        shown = absolute.relative_to(Path.cwd()) if absolute.is_relative_to(Path.cwd()) else absolute
        super().__init__(f"folder situs {printable(str(shown))} tidak dipakai: {why}; tidak ada yang "
                         "diubah (pilih folder kosong atau folder situs buatan sop build, mis. --site-dir site)")


def _protected(project: Path, extra: dict[Path, str]) -> Iterator[tuple[Path, str, bool]]:
    """``(folder, why, whether folders inside it are protected too)``."""
    yield Path("/"), "folder akar sistem", False
    with contextlib.suppress(RuntimeError, KeyError):
        yield Path.home().resolve(), "folder rumah (home) pengguna", False
    yield project / ".git", "folder riwayat git proyek (.git)", True
    for path, why in extra.items():
        yield path, why, True


def protected_folders(definitions: Path, docs: Path) -> dict[Path, str]:
    """The project's folders a site folder may never be nor lie inside, with the reason shown."""
    return {definitions: "folder definisi SOP", docs: "folder docs/ MkDocs"}


def check_site_folder(folder: Path, project: Path, protected: dict[Path, str] | None = None) -> None:
    """Refuse *folder* as a site folder unless the build may replace it.

    *project* is the folder of ``mkdocs.yml``; *protected* maps more folders (the definitions,
    ``docs/``) to the reason shown. A folder inside a protected one is refused too.

    Raises:
        SiteFolderRefused: *folder* is a file, the project or an ancestor, a protected folder or
            inside one, or a non-empty folder without :data:`MARKER`.
    """
    target = folder.resolve()
    project = project.resolve()
    if target.exists() and not target.is_dir():
        raise SiteFolderRefused(folder, "itu sebuah berkas, bukan folder")
    if folder.is_symlink():
        raise SiteFolderRefused(folder, "itu tautan simbolik")
    if target == project or target in project.parents:
        raise SiteFolderRefused(folder, "itu folder proyek atau folder di atasnya")
    for path, why, inside in _protected(project, {p.resolve(): w for p, w in (protected or {}).items()}):
        if target == path:
            raise SiteFolderRefused(folder, f"itu {why}")
        if inside and path in target.parents:
            raise SiteFolderRefused(folder, f"berada di dalam {why}")
    if target.is_dir() and not (target / MARKER).is_file():
        try:
            non_empty = any(target.iterdir())
        except OSError as exc:
            raise SiteFolderRefused(folder, f"tidak dapat dibaca ({os_reason(exc)})") from exc
        if non_empty:
            raise SiteFolderRefused(folder, f"folder berisi berkas yang bukan buatan sop build (tanpa {MARKER}; "
                                    "situs dari versi lama tanpa penanda itu: hapus atau pindahkan sendiri)")


def mark(folder: Path) -> None:
    """Write :data:`MARKER` into *folder* (a site folder this build made), unless it is there already."""
    marker = folder / MARKER
    if not marker.is_file() or marker.read_text(encoding="utf-8") != MARKER_TEXT:
        marker.write_text(MARKER_TEXT, encoding="utf-8")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap the folders *a* and *b* atomically (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns ``False`` when the system or file system does not support it (nothing changed).

    Raises:
        OSError: the exchange is supported but failed.
    """
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _ours(folder: Path) -> bool:
    """Whether *folder* was made by a build: it holds the marker, or is empty."""
    try:
        return (folder / MARKER).is_file() or not any(folder.iterdir())
    except OSError:
        return False


LAMA = "lama"
"""Where the two-rename fallback keeps the old site inside a staging folder until the new one is in."""


def clean_leftovers(final: Path) -> list[Path]:
    """Remove the staging folders an interrupted build left beside *final* (only ours); return them.

    When the two-rename fallback was interrupted between its renames (no *final*), the old site
    it had moved aside is put back first.
    """
    prefix = STAGING.format(name=final.name)
    removed = []
    with contextlib.suppress(OSError):
        for candidate in sorted(final.parent.iterdir()):
            aside = candidate / LAMA
            if candidate.name.startswith(prefix) and not final.exists() and aside.is_dir() and _ours(aside):
                os.rename(aside, final)
            if candidate.name.startswith(prefix) and candidate.is_dir() and not candidate.is_symlink() \
                    and _ours(candidate):
                shutil.rmtree(candidate, ignore_errors=True)
                removed.append(candidate)
    return removed


@contextlib.contextmanager
def build_lock(final: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of the site folder *final* (``.<name>.lock`` beside it) while the block runs.

    A second build of the same site waits for the first; *on_wait* is called once when it has to.
    """
    path = final.parent / f".{final.name}.lock"
    lock = FileLock(str(path))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait()
            lock.acquire()
    except OSError as exc:
        raise OutputError(path, exc) from exc
    try:
        yield
    finally:
        lock.release()


def _two_renames(staging: Path, final: Path) -> Path:
    """Put *staging* in place of *final* without ``RENAME_EXCHANGE``; return the folder holding the old site.

    The old site waits in a marked staging folder (``…/lama``) until the new one is in; if the
    second rename fails it is put back at once (and a kill in between is repaired by
    :func:`clean_leftovers` on the next build).
    """
    old = Path(tempfile.mkdtemp(prefix=STAGING.format(name=final.name), dir=final.parent))
    mark(old)
    os.rename(final, old / LAMA)
    try:
        os.rename(staging, final)
    except OSError:
        os.rename(old / LAMA, final)
        shutil.rmtree(old, ignore_errors=True)
        raise
    return old


def publish_site(final: Path, fill: Callable[[Path], None], project: Path,
            protected: dict[Path, str] | None = None, on_wait: Callable[[], None] | None = None) -> None:
    """Build a site into a staging folder with ``fill(staging)``, then swap it in as *final*.

    Checked first with :func:`check_site_folder` (nothing touched when refused). Under
    :func:`build_lock`: leftovers of interrupted builds are removed, the staging folder is
    made and marked, filled, and exchanged with *final*; the old site is then removed. When
    ``fill`` raises, the staging folder is removed and *final* is untouched.

    Raises:
        SiteFolderRefused: see :func:`check_site_folder`.
        OutputError: the file system failed (disk full, read-only, …), with the path and cause.
    """
    check_site_folder(final, project, protected)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(final.parent, exc) from exc
    with build_lock(final, on_wait):
        check_site_folder(final, project, protected)  # another build may have changed it meanwhile
        clean_leftovers(final)
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING.format(name=final.name), dir=final.parent))
        except OSError as exc:
            raise OutputError(final.parent, exc) from exc
        try:
            staging.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
            mark(staging)  # first: a kill during fill leaves a folder the next build knows as its own
            fill(staging)  # (MkDocs' cleaning of its site folder keeps dot files)
            if final.exists():
                if not exchange(staging, final):
                    staging = _two_renames(staging, final)
            else:
                os.rename(staging, final)
                return
        except OSError as exc:  # named by the site folder: the staging folder is ours, not the user's
            shutil.rmtree(staging, ignore_errors=True)
            raise OutputError(final, exc) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
