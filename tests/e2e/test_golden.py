"""Golden HTML of one SOP sheet (Wonoasih) and the committed JSON Schemas.

Regenerate after an intended change, then review the diff:

    SOP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/e2e/test_golden.py
    .venv/bin/sop schema
"""

from __future__ import annotations

import os

from generator.compare import OUTPUT_SCHEMAS
from generator.definitions import SCHEMA_DIR, json_schemas
from generator.model import Sop
from generator.render import render_sheet
from generator.sheet import layout_sop
from tests.conftest import TESTS, by_key

GOLDEN = TESTS / "golden" / "wonoasih-penyusunan-lkjip.html"


def test_sheet_html_matches_golden(seeds: list[Sop]) -> None:
    html = str(render_sheet(layout_sop(by_key(seeds, "wonoasih")))) + "\n"
    if os.environ.get("SOP_UPDATE_GOLDEN"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_committed_json_schemas_are_current() -> None:
    for name, text in json_schemas(OUTPUT_SCHEMAS).items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"run: sop schema ({name})"
