"""Stage 8, Word files: ``sop import`` reads the SOP AP documents staff already have (.docx, .xlsx).

Offers :func:`import_document` (a .docx or an .xlsx → a YAML draft with ``# PERIKSA:`` comments
on every guess, and a short report), :class:`ImportRefused` for files it must not half-read
(.doc, .xls, .pdf), and :func:`export_docx` (an SOP → an editable Word document that imports back to the
same flow). It sits last before the CLI: it checks its draft with the definitions stage.
"""

from generator.word.reader import Imported, ImportRefused, import_document
from generator.word.writer import export_docx

__all__ = ["ImportRefused", "Imported", "export_docx", "import_document"]
