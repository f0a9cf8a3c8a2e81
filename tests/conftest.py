"""Shared fixtures: the project root as working directory, the seed catalog, rendered seeds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import RenderedSop, render_sop
from generator.model import Procedure
from generator.validation import load_catalog

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sop_definitions"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages print paths relative to the working directory: run every test from the root."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def seeds() -> list[Procedure]:
    """The six real seed SOPs, validated."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        catalog = load_catalog([SEEDS])
    finally:
        os.chdir(cwd)
    assert catalog.problems == []
    return catalog.procedures


@pytest.fixture(scope="session")
def rendered(seeds: list[Procedure]) -> list[RenderedSop]:
    """Every seed rendered with its PDF (once per test session)."""
    return [render_sop(p) for p in seeds]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty project with one kecamatan folder holding a valid ``instansi.yaml``."""
    folder = tmp_path / "sop_definitions" / "contoh" / "kec"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(
        "pemda: PEMERINTAH KABUPATEN CONTOH\nunit: KECAMATAN CONTOH\n"
        "disahkan_oleh:\n  jabatan: CAMAT CONTOH\n  nama: NAMA\n  nip: \"19800101 200501 1 001\"\n",
        encoding="utf-8")
    yield tmp_path


def by_key(procedures: list[Procedure], fragment: str) -> Procedure:
    """The one procedure whose key contains *fragment*."""
    (match,) = [p for p in procedures if fragment in p.key]
    return match
