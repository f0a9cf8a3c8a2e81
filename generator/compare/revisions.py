"""Earlier versions of a definition from the project's git history (``PATH@REV``).

The only module that runs git. A version is read with ``git show REV:PATH`` together with the
``instansi.yaml`` of the same folder at the same revision (the working copy's when the revision
has none), then validated like any other definition.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.definitions import read_folder, read_yaml, validate_source
from generator.errors import DefinitionError, SopError, display_path
from generator.model import Sop

__all__ = ["RevisionError", "Version", "file_history", "load_spec", "parse_spec", "repository_head"]


class RevisionError(SopError):
    """A ``PATH@REV`` cannot be read (no git, unknown revision, file absent at that revision)."""


@dataclass(frozen=True)
class Version:
    """One commit that changed a file: full hash, ISO date and subject line."""

    sha: str
    date: str
    subject: str

    @property
    def short(self) -> str:
        """The 7-character abbreviation."""
        return self.sha[:7]


def parse_spec(spec: str) -> tuple[Path, str | None]:
    """Split ``path@rev`` (the revision is optional; a path may itself contain '@').

    >>> parse_spec("a/b.yaml@HEAD~3"), parse_spec("a/b.yaml")
    ((PosixPath('a/b.yaml'), 'HEAD~3'), (PosixPath('a/b.yaml'), None))
    """
    if "@" in spec and not Path(spec).exists():
        path, rev = spec.rsplit("@", 1)
        if rev:
            return Path(path), rev
    return Path(spec), None


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise RevisionError("git tidak ditemukan; PATH@REV memerlukan git") from exc
    if result.returncode != 0:
        raise RevisionError(result.stderr.strip() or f"git {' '.join(args)} gagal")
    return result.stdout


def _repo_path(path: Path) -> tuple[Path, str]:
    folder = path.resolve().parent
    if not folder.is_dir():
        raise RevisionError(f"folder {display_path(path.parent)} tidak ada")
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    except RevisionError as exc:
        raise RevisionError(f"{display_path(path)} tidak berada di repositori git ({exc})") from exc
    return top, path.resolve().relative_to(top).as_posix()


def _show(path: Path, rev: str) -> str | None:
    top, rel = _repo_path(path)
    try:
        return _git(["show", f"{rev}:{rel}"], top)
    except RevisionError:
        return None


def text_at(path: Path, rev: str) -> str | None:
    """The text of *path* at git revision *rev*, or ``None`` when it did not exist there."""
    try:
        return _show(path, rev)
    except RevisionError:
        return None


def text_diff(old: str, new: str) -> tuple[str, ...]:
    r"""The lines of a unified diff of two YAML texts (3 lines of context, no file header).

    For a version that today's schema cannot read: its change is shown as text, not dropped.

    >>> text_diff("a: 1\nb: 2\n", "a: 1\nb: 3\n")
    ('@@ -1,2 +1,2 @@', ' a: 1', '-b: 2', '+b: 3')
    """
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3))
    return tuple(lines[2:])  # after the "---" / "+++" file header


def load_spec(spec: str, *, root: Path | None = None) -> tuple[Sop, str]:
    """Load and validate the SOP named by *spec* (``PATH`` or ``PATH@REV``); return it and its label.

    *root* is the project's folder (logos and surveys must lie in it); found from the path when
    not given.

    Raises:
        RevisionError: the revision or the file at that revision does not exist.
        DefinitionError: the definition (at that revision) is invalid.
    """
    path, rev = parse_spec(spec)
    if rev is None:
        if not path.is_file():
            raise RevisionError(f"berkas {spec} tidak ada")
        text, label = None, display_path(path)
    else:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], _repo_path(path)[0])
        text = _show(path, rev)
        if text is None:
            raise RevisionError(f"{display_path(path)} tidak ada pada revisi {rev}")
        label = f"{display_path(path)}@{rev}"
    instansi_text = _show(path.parent / "instansi.yaml", rev) if rev else None
    folder, problems = read_folder(path.parent, instansi_text, root=root)
    sop, sop_problems = validate_source(read_yaml(path, text), folder)
    problems += sop_problems
    if problems or sop is None:
        raise DefinitionError(problems)
    return sop, label


def repository_head(path: Path) -> str:
    """The commit checked out in the git repository holding *path* ("" outside one)."""
    try:
        return _git(["rev-parse", "HEAD"], path.resolve() if path.is_dir() else path.resolve().parent).strip()
    except RevisionError:
        return ""


def file_history(path: Path, *, limit: int = 10) -> list[Version]:
    """Commits that changed *path*, newest first; empty outside a git repository."""
    try:
        top, rel = _repo_path(path)
        out = _git(["log", f"-n{limit}", "--format=%H%x1f%as%x1f%s", "--", rel], top)
    except RevisionError:
        return []
    return [Version(*line.split("\x1f", 2)) for line in out.splitlines() if line.count("\x1f") == 2]
