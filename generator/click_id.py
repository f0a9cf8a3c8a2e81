"""click's own messages (usage errors, help headings) in Bahasa Indonesia.

click translates its messages with :func:`gettext.gettext` bound at import time in each of its
modules (``from gettext import gettext as _``); :func:`install` rebinds those names to a
lookup in :data:`MESSAGES`, so "Usage:", "Missing argument", "No such option" and the rest
reach staff in their language. Unknown messages fall through unchanged.
"""

from __future__ import annotations

import importlib

__all__ = ["MESSAGES", "install"]

MESSAGES: dict[str, str] = {
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Aborted!": "Dibatalkan.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Commands": "Perintah",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "Error: {message}": "Galat: {message}",
    "Invalid value for {param_hint}: {message}": "Nilai untuk {param_hint} tidak valid: {message}",
    "Invalid value: {message}": "Nilai tidak valid: {message}",
    "Missing argument": "Argumen belum diberikan",
    "Missing command.": "Perintah belum diberikan.",
    "Missing option": "Opsi wajib belum diberikan",
    "Missing parameter": "Parameter belum diberikan",
    "Missing parameter: {param_name}": "Parameter belum diberikan: {param_name}",
    "Missing {param_type}": "{param_type} belum diberikan",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "No such option: {name}": "Opsi tidak dikenal: {name}",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak memakai nilai.",
    "Options": "Opsi",
    "Positional arguments": "Argumen",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Usage:": "Cara pakai:",
    "default: {default}": "bawaan: {default}",
    "directory": "folder",
    "file": "berkas",
    "path": "jalur",
    "unknown error": "galat tidak dikenal",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang valid.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "integer": "bilangan bulat",
    "float": "bilangan",
    "Got unexpected extra argument ({args})": "Ada argumen berlebih ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen berlebih ({args})",
    "Did you mean {possibility}?": "Mungkin maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksud Anda salah satu dari: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai, tetapi hanya 1 diberikan.",
    "Takes {nargs} values but {len} were given.": "Memerlukan {nargs} nilai, tetapi {len} diberikan.",
}
"""click's message ids (English) → Bahasa Indonesia."""

_MODULES = ("click.core", "click.exceptions", "click.types", "click.decorators", "click.formatting",
            "click.parser", "click.termui")


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def install() -> None:
    """Rebind click's message lookups to :data:`MESSAGES` (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
