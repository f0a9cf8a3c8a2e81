"""SOP AP handbook generator: YAML definitions → official sheets (PDF) and a MkDocs site."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
