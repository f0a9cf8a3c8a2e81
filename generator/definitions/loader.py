"""Read YAML definition files into plain data, remembering where every key and value stands.

Stage 1 of the pipeline. No semantics here: the result is dicts, lists and scalars plus a
:class:`Marks` index from a data path (``("langkah", 3, "waktu")``) to its line and column.

PyYAML implements YAML 1.1, where ``no``, ``yes``, ``on`` and ``off`` are booleans and
``10:30`` is a base-60 integer. SOP files use ``no`` as a key and write times, so the
resolver here keeps only the YAML 1.2 core forms: ``true``/``false``, plain decimal integers
and floats and ``null``. Dates stay text: the schema reads them, so an impossible date is a
located message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Location, Problem, os_reason

__all__ = ["CONTROL", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "RESERVED_FILES", "Marks", "SourceFile",
           "find_definition_files", "read_yaml"]

RESERVED_FILES = frozenset({"instansi.yaml", "indikator.yaml", "pemda.yaml"})
"""Names of the shared definition files, which are never SOPs."""

MAX_NODES = 200_000
"""Refuse documents with more nodes than this (alias bombs, runaway generated files)."""
MAX_BYTES = 2 * 1024 * 1024
"""Refuse definition files larger than this (2 MiB; the largest real SOP is about 10 KiB)."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted (a real definition nests at most 5 levels)."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters no text field may hold: C0/C1 controls except tab and newline, line/paragraph separators.

They would reach the terminal as escape sequences or break lines of HTML, SVG and PDF text.
"""

PathKey = tuple[str | int, ...]


_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python."""


class _CoreLoader(_BASE):
    """SafeLoader with YAML 1.2 core-schema scalar resolution (see module docstring)."""


_CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Dates stay text here: the schema reads them (``2024-02-30`` is then a located message, where
# PyYAML's own timestamp constructor would raise ValueError from deep inside the parser).
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))


@dataclass
class Marks:
    """Line/column index of one YAML document.

    ``values[path]`` is where the value at *path* starts; ``keys[path]`` is where the key
    naming it starts (mapping entries only). Lines and columns are 1-based.
    """

    path: Path
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: PathKey, *, key: bool = False) -> Location:
        """Return the location of *loc*, falling back to its nearest known parent.

        With ``key=True`` the key's position is preferred (for unknown-key messages).
        """
        probe = tuple(loc)
        while True:
            if key and probe in self.keys:
                return Location(self.path, *self.keys[probe])
            if probe in self.values:
                return Location(self.path, *self.values[probe])
            if not probe:
                return Location(self.path, 1, 1)
            probe = probe[:-1]


@dataclass
class SourceFile:
    """One parsed YAML file: its data (``None`` when unreadable) and its :class:`Marks`."""

    path: Path
    data: Any
    marks: Marks
    problems: list[Problem] = field(default_factory=list)


def _pos(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Builder:
    """Turn a composed node tree into Python data while recording marks."""

    def __init__(self, loader: _CoreLoader, marks: Marks) -> None:
        self.loader = loader
        self.marks = marks
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey, active: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.marks.values[path] = _pos(node.start_mark)
        if len(path) > MAX_DEPTH:
            self._problem(node, f"struktur terlalu dalam (lebih dari {MAX_DEPTH} tingkat daftar/kunci)",
                          "definisi SOP bersarang paling dalam beberapa tingkat; periksa indentasi")
            return None
        if id(node) in active:
            self._problem(node, "alias YAML merujuk ke dirinya sendiri", "hapus alias melingkar")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, active | {id(node)})
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), active | {id(node)})
                    for i, item in enumerate(node.value)]
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, str) and (bad := CONTROL.search(value)):  # kept: the file is refused anyway
            self._problem(node, f"teks memuat karakter kontrol (kode #x{ord(bad.group()):04x})",
                          "hapus karakter itu; hanya tab dan baris baru yang boleh")
        return value

    def _mapping(self, node: yaml.MappingNode, path: PathKey, active: frozenset[int]) -> Any:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "kunci harus berupa teks sederhana", "nama kunci")
                continue
            key = str(key_node.value)
            if CONTROL.search(key):
                self._problem(key_node, "nama kunci memuat karakter kontrol", "huruf, angka dan '_'")
                continue
            if key in result:
                self._problem(key_node, f"kunci '{key}' ditulis dua kali", "setiap kunci sekali saja")
                continue
            self.marks.keys[(*path, key)] = _pos(key_node.start_mark)
            result[key] = self.build(value_node, (*path, key), active)
        return result

    def _problem(self, node: yaml.Node, message: str, allowed: str) -> None:
        line, col = _pos(node.start_mark)
        self.problems.append(Problem(Location(self.marks.path, line, col), message, allowed))


class _TooLarge(Exception):
    pass


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "titik dua (:) tidak boleh di sini",
    "mapping values are not allowed in this context": "titik dua (:) tidak boleh di sini",
    "could not find expected ':'": "tanda titik dua (:) setelah kunci tidak ditemukan",
    "did not find expected key": "kunci yang diharapkan tidak ditemukan (periksa indentasi)",
    "did not find expected '-' indicator": "tanda '-' butir daftar yang diharapkan tidak ditemukan",
    "found character that cannot start any token": "ada karakter yang tidak boleh mengawali nilai (mis. tab atau '@')",
    "control characters are not allowed": "karakter kontrol tidak boleh ada di berkas YAML",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai; gunakan spasi",
    "found undefined alias": "alias YAML tidak dikenal",
    "found unknown escape character": "urutan escape tidak dikenal di dalam tanda kutip ganda",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "found unexpected ':'": "titik dua (:) tidak terduga",
    "found a tab character that violates indentation": "karakter tab merusak indentasi; gunakan spasi",
    "found a tab character where an indentation space is expected":
        "karakter tab dipakai sebagai indentasi; gunakan spasi",
    "expected <block end>, but found '-'": "butir daftar '-' tidak sejajar dengan butir lainnya",
    "expected <block end>, but found '<block mapping start>'": "indentasi kunci tidak sejajar",
    "expected <block end>, but found '<scalar>'": "teks tidak sejajar dengan kunci di atasnya",
    "expected a comment or a line break, but found": "ada teks setelah nilai di baris yang sama",
    "expected alphabetic or numeric character, but found": "nama alias atau anchor tidak valid",
    "found duplicate anchor": "anchor YAML ditulis dua kali",
    "but found another document": "berkas memuat lebih dari satu dokumen YAML ('---')",
    "could not determine a constructor for the tag": "tag YAML ('!…') tidak didukung",
}


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error, located where the broken construct starts when PyYAML knows it."""
    problem = (exc.problem or "").strip()
    detail = _YAML_PROBLEMS.get(problem) or next(
        (text for english, text in _YAML_PROBLEMS.items() if problem.startswith(english)),
        "struktur YAML tidak dapat dibaca")
    unclosed = re.match(r"(?:did not find expected|expected) ',' or '([\]}])'(?:, but got '(.+)')?", problem)
    if unclosed:
        found = f" (ditemukan '{unclosed.group(2)}')" if unclosed.group(2) else ""
        detail = f"kurung '{unclosed.group(1)}' belum ditutup atau koma hilang{found}"
    mark = exc.problem_mark
    if exc.context_mark is not None and exc.context:
        line, col = _pos(exc.context_mark)
        detail += f" (terdeteksi di baris {_pos(mark)[0]})" if mark is not None else ""
    else:
        line, col = _pos(mark)
    return Problem(Location(path, line, col), f"sintaks YAML tidak valid: {detail}",
                   "periksa indentasi, titik dua setelah kunci, kurung dan tanda kutip")


def read_yaml(path: Path, text: str | None = None) -> SourceFile:
    """Parse one YAML file (a single document) into a :class:`SourceFile`.

    Never raises for bad content: syntax errors, duplicate keys, multiple documents and
    oversized documents become :class:`Problem` entries and ``data`` is ``None``.
    """
    marks = Marks(path)
    if text is None:
        try:
            if path.is_symlink():
                return SourceFile(path, None, marks, [Problem(
                    Location(path), "berkas berupa tautan (symlink) tidak dibaca", "salin berkasnya ke dalam proyek")])
            if path.stat().st_size > MAX_BYTES:
                return SourceFile(path, None, marks, [Problem(
                    Location(path), f"berkas terlalu besar ({path.stat().st_size // 1024} KiB; paling besar "
                    f"{MAX_BYTES // 1024} KiB)", "pecah menjadi beberapa berkas SOP")])
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            return SourceFile(path, None, marks, [Problem(
                Location(path), f"berkas bukan teks UTF-8 (bita ke-{exc.start + 1})",
                "simpan ulang sebagai teks UTF-8")])
        except OSError as exc:
            return SourceFile(path, None, marks, [Problem(
                Location(path), f"berkas tidak dapat dibaca: {os_reason(exc)}", "berkas yang dapat dibaca")])
    if len(text) > MAX_BYTES:
        return SourceFile(path, None, marks, [Problem(
            Location(path), f"berkas terlalu besar (lebih dari {MAX_BYTES // 1024} KiB)",
            "pecah menjadi beberapa berkas SOP")])
    loader: _CoreLoader | None = None
    try:
        loader = _CoreLoader(text)
        node = loader.get_single_node()
        if node is None:
            return SourceFile(path, {}, marks)
        builder = _Builder(loader, marks)
        data = builder.build(node, (), frozenset())
    except yaml.MarkedYAMLError as exc:
        return SourceFile(path, None, marks, [_syntax_problem(path, exc)])
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = f" (kode #x{exc.character:04x})" if isinstance(exc.character, int) else ""
        return SourceFile(path, None, marks, [Problem(
            Location(path, line, column), f"karakter kontrol tidak boleh ada di berkas YAML{code}",
            "hapus karakter itu; simpan berkas sebagai teks UTF-8 biasa")])
    except yaml.YAMLError:
        return SourceFile(path, None, marks, [Problem(
            Location(path), "berkas YAML tidak dapat dibaca", "teks YAML biasa")])
    except RecursionError:
        return SourceFile(path, None, marks, [Problem(
            Location(path), f"struktur terlalu dalam (lebih dari {MAX_DEPTH} tingkat daftar/kunci)",
            "definisi SOP bersarang paling dalam beberapa tingkat; periksa indentasi")])
    except _TooLarge:
        return SourceFile(path, None, marks, [Problem(
            Location(path), f"dokumen YAML terlalu besar (lebih dari {MAX_NODES} simpul)",
            "pecah menjadi beberapa berkas SOP")])
    finally:
        if loader is not None:
            loader.dispose()
    return SourceFile(path, data, marks, builder.problems)


def find_definition_files(paths: list[Path]) -> Iterator[Path]:
    """Yield every ``*.yaml`` SOP file under *paths* (files are yielded as given), sorted.

    The shared files (:data:`RESERVED_FILES`) are not SOPs and are skipped; they are read with
    their folder.
    """
    seen: set[Path] = set()
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*.yaml"))
        for candidate in candidates:
            if candidate.name in RESERVED_FILES or candidate in seen:
                continue
            seen.add(candidate)
            yield candidate
