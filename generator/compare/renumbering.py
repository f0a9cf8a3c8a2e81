"""The classic trap of numbered branch targets (issue 15 §4), found against the last git revision.

A decision written ``ya: 3`` points at whatever step is third. Insert a step above it and the
target silently moves to another step. ``sop check`` compares each SOP file with its previous
version in git — the committed one when the file has uncommitted changes, else the one before
the last commit — and warns where a numeric target kept its number while the step it pointed at
moved, naming the step's new number and suggesting a step id instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from generator.compare.revisions import file_history, text_at
from generator.definitions import read_yaml, suggest_slug
from generator.errors import Problem

__all__ = ["renumbered_targets"]

_KEYS = ("ya", "tidak", "lanjut")


def _previous_text(path: Path, current: str) -> str | None:
    """The file's text before its latest change: HEAD's when the working copy differs, else the commit before."""
    versions = file_history(path, limit=2)
    if not versions:
        return None
    newest = text_at(path, versions[0].sha)
    if newest is not None and newest != current:
        return newest
    return text_at(path, versions[1].sha) if len(versions) > 1 else None


def _steps(data: Any) -> list[dict[str, Any]]:
    steps = data.get("langkah") if isinstance(data, dict) else None
    return [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []


def _text(step: dict[str, Any]) -> str:
    return " ".join(str(step.get("kegiatan", "")).split())


def _number(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def renumbered_targets(paths: Iterable[Path]) -> list[Problem]:
    """Warnings for numeric ``ya``/``tidak``/``lanjut`` targets whose step moved since the previous git version.

    Each warning sits at the target (``path:line:col``) and suggests an id. Files outside git,
    without an earlier version, or whose earlier version is not readable YAML give none.
    """
    warnings: list[Problem] = []
    for path in paths:
        current_text = path.read_text(encoding="utf-8")
        previous_text = _previous_text(path, current_text)
        if previous_text is None:
            continue
        try:
            old = _steps(yaml.safe_load(previous_text))
        except yaml.YAMLError:
            continue
        source = read_yaml(path, current_text)
        new = _steps(source.data)
        old_by_text = {_text(step): step for step in old}
        new_numbers = {_text(step): i + 1 for i, step in enumerate(new)}
        for i, step in enumerate(new):
            before = old_by_text.get(_text(step))
            for key in _KEYS:
                number = _number(step.get(key))
                if before is None or number is None or _number(before.get(key)) != number:
                    continue  # a new step, an id, or a target the author changed on purpose
                if not 1 <= number <= len(old) or number > len(new):
                    continue
                meant = _text(old[number - 1])
                if meant == _text(new[number - 1]) or meant not in new_numbers:
                    continue
                moved = new_numbers[meant]
                target = new[moved - 1]
                ident = target.get("id") or suggest_slug(" ".join(re.findall(r"\w+", meant)[:2]))
                add = "" if target.get("id") else f"'id: {ident}' di langkah {moved} dan "
                warnings.append(Problem(
                    source.marks.at(("langkah", i, key)),
                    f"peringatan: langkah {i + 1}: '{key}: {number}' kini menunjuk langkah {number} "
                    f"'{_short(_text(new[number - 1]))}'; pada revisi sebelumnya langkah {number} adalah "
                    f"'{_short(meant)}', yang kini langkah {moved}",
                    f"tulis {add}'{key}: {ident}': id tidak bergeser bila langkah disisipkan"))
    return warnings
