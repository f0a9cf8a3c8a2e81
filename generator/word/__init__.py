"""Stage 8, Word files: ``sop import`` reads the SOP AP documents staff already have (.docx).

Offers :func:`import_docx` (a .docx → a YAML draft with ``# PERIKSA:`` comments on every
guess, and a short report) and :class:`ImportRefused` for files it must not half-read
(.doc, .pdf). It sits last before the CLI: it checks its draft with the definitions stage.
"""

from generator.word.reader import Imported, ImportRefused, import_docx

__all__ = ["ImportRefused", "Imported", "import_docx"]
