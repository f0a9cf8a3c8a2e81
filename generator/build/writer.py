"""Stage 6: the only module that writes output files — atomically (temp file + rename).

Every failure becomes :class:`~generator.errors.OutputError` naming the path and the cause in
Bahasa Indonesia (disk full, read-only, no permission, missing folder, name too long); an
interrupted or failed write leaves no temporary file and the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import OutputError

__all__ = ["check_output", "write_atomic"]

_NAME_MAX = 255
"""Longest file name (bytes) of the usual Linux file systems."""


def _temp_prefix(name: str) -> str:
    """``.<name>.`` cut so that the temporary name (prefix + 8 random characters) stays within 255 bytes."""
    encoded = name.encode("utf-8")[: _NAME_MAX - 16]
    return "." + encoded.decode("utf-8", "ignore") + "."


def check_output(path: Path, suffixes: set[str]) -> None:
    """Refuse a user-chosen output *path* that would overwrite something that is not an output.

    An existing folder, or an existing file whose suffix is not one of *suffixes* (e.g. a
    definition ``.yaml`` given to ``-o``), is refused; a missing parent folder too (it is not
    created for the user).

    Raises:
        OutputError: with the reason.
    """
    try:
        if len(path.name.encode("utf-8")) > _NAME_MAX:
            raise OSError(36, "File name too long", str(path))
        if path.is_dir():
            raise OutputError(path, "berupa folder; tulis nama berkas")
        if (path.exists() or path.is_symlink()) and path.suffix.lower() not in suffixes:
            raise OutputError(path, f"sudah ada dan bukan berkas {'/'.join(sorted(suffixes))}; tidak ditimpa")
        if not path.parent.is_dir():
            raise OutputError(path, f"folder {path.parent} tidak ada")
    except OSError as exc:
        raise OutputError(path, exc) from exc


def write_atomic(path: Path, data: bytes | str, *, make_parents: bool = True) -> None:
    """Write *data* to *path* via a temporary file in the same folder and an atomic rename.

    An interrupted write never leaves a truncated file at *path*. With ``make_parents=False``
    a missing folder is an error instead of being created.

    Raises:
        OutputError: the write failed (the path and the cause, in Bahasa Indonesia).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise OutputError(path, f"folder {path.parent} tidak ada")
        if len(path.name.encode("utf-8")) > _NAME_MAX:
            raise OSError(36, "File name too long", str(path))
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, exc) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
