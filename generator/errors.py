"""Problems found in user input, and the exception hierarchy the CLI turns into exit codes."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import click

__all__ = [
    "DefinitionError",
    "Location",
    "OutputError",
    "Problem",
    "RenderError",
    "SopError",
    "UserValueError",
    "display_path",
    "os_reason",
    "printable",
]

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""*text* safe for a terminal: control and bidi-override characters shown as ``\x1b``-style codes.

    A file name or a value from a definition never sends an escape sequence to the user's terminal.

    >>> printable("a\x1b[31mb")
    'a\\x1b[31mb'
    """
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


_OS_REASONS = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak diizinkan",
    errno.ENOENT: "tidak ada",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.EISDIR: "berupa folder",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.EBUSY: "sedang dipakai",
    errno.EEXIST: "sudah ada",
    errno.ENOTEMPTY: "folder tidak kosong",
    errno.EXDEV: "berada di sistem berkas lain",
    errno.EIO: "galat masukan/keluaran disk",
    errno.ELOOP: "terlalu banyak tautan simbolik",
    errno.EMFILE: "terlalu banyak berkas terbuka",
}


def os_reason(exc: OSError) -> str:
    """The cause of a file-system failure in Bahasa Indonesia (``disk penuh``, ``tidak ada izin`` …).

    >>> os_reason(OSError(28, "No space left on device"))
    'disk penuh'
    """
    return _OS_REASONS.get(exc.errno or 0, f"galat sistem berkas {exc.errno or ''}".strip())


def display_path(path: Path) -> str:
    """Return *path* relative to the working directory when it lies below it.

    >>> display_path(Path.cwd() / "sop_definitions" / "a.yaml")
    'sop_definitions/a.yaml'
    """
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: 1-based ``line`` and ``column``."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{printable(display_path(self.path))}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a definition, already phrased for the user (Bahasa Indonesia).

    ``message`` says what is wrong; ``allowed`` (may be empty) says what would be accepted
    and is printed in parentheses, as in ``path:line:col: message (allowed)``.
    """

    location: Location
    message: str
    allowed: str = ""

    def __str__(self) -> str:
        tail = f" ({self.allowed})" if self.allowed else ""
        return printable(f"{self.location}: {self.message}{tail}")


class SopError(click.ClickException):
    """Base of every error meant for the user: printed without a traceback, exit code 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        """Print the message in Bahasa Indonesia (click's default prefixes it with 'Error:').

        File names and values in it are shown with their control characters escaped (:func:`printable`).
        """
        click.echo(printable(self.format_message()), err=True)


class DefinitionError(SopError):
    """One or more definitions are invalid; carries every :class:`Problem` found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} masalah ditemukan; tidak ada berkas yang ditulis.")
        super().__init__("\n".join(lines))


class RenderError(SopError):
    """A valid definition could not be laid out or rendered (e.g. a row taller than a page)."""


class OutputError(SopError):
    """Writing output failed (disk full, no permission, …): one line naming the path and the cause."""

    def __init__(self, path: Path, exc: OSError | str) -> None:
        self.path = path
        cause = exc if isinstance(exc, str) else os_reason(exc)
        super().__init__(f"{printable(display_path(path))}: tidak dapat ditulis: {cause}")


class UserValueError(ValueError):
    """A field value is wrong; ``allowed`` says what would be accepted (Bahasa Indonesia).

    Raised by the schema's validators and the parsers they call (:mod:`generator.waktu`);
    validation turns it into a located :class:`Problem`.
    """

    def __init__(self, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.allowed = allowed
