"""Problems found in user input, and the exception hierarchy the CLI turns into exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

__all__ = [
    "DefinitionError",
    "Location",
    "Problem",
    "RenderError",
    "SopError",
    "display_path",
]


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
        return f"{display_path(self.path)}:{self.line}:{self.column}"


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
        return f"{self.location}: {self.message}{tail}"


class SopError(click.ClickException):
    """Base of every error meant for the user: printed without a traceback, exit code 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        """Print the message in Bahasa Indonesia (click's default prefixes it with 'Error:')."""
        click.echo(self.format_message(), err=True)


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
