"""Waktu parsing and totals, Indonesian dates and numbers, NIP."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import UserValueError
from generator.formatting import format_angka, format_tanggal, parse_tanggal
from generator.model import Sop
from generator.nip import format_nip, validate_nip
from generator.waktu import format_total, parse_waktu, total_waktu
from tests.conftest import by_key


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("10 menit", 10, 10, "menit"), ("1 Hari", 1, 1, "hari"), ("2 Jam", 2, 2, "jam"),
    ("1-2 hari", 1, 2, "hari"), ("1 – 3 minggu", 1, 3, "minggu"), ("0,5 jam", 0.5, 0.5, "jam"),
    ("2 s.d. 3 bulan", 2, 3, "bulan"),
])
def test_parse_waktu(text: str, low: float, high: float, unit: str) -> None:
    waktu = parse_waktu(text)
    assert (float(waktu.low), float(waktu.high), waktu.unit, waktu.text) == (low, high, unit, text)


@pytest.mark.parametrize("text", ["sebentar", "10", "menit 10", "3-1 hari", "5 tahun"])
def test_unparsable_waktu_raises_user_error(text: str) -> None:
    with pytest.raises(UserValueError):
        parse_waktu(text)


def test_ranges_add_up_as_ranges_and_minutes_carry_into_hours() -> None:
    total = total_waktu([parse_waktu("1-2 hari"), parse_waktu("45 menit"), parse_waktu("30 menit")])
    assert format_total(total) == "1-2 hari 1 jam 15 menit"
    assert format_total({}) == "-"


@pytest.mark.parametrize(("fragment", "expected"), [
    ("wonoasih", "7 hari 2 jam 15 menit"), ("kanigaran", "9 hari 2 jam 15 menit"),
    ("samboja", "7 hari 8 jam 35 menit"), ("pengukuran-kinerja", "1 hari 9 jam 35 menit"),
    ("sumbersuko/pengumpulan", "2 hari 9 jam 40 menit"), ("pasrujambe", "12 jam 3 menit"),
])
def test_seed_totals_match_the_spec_oracles(seeds: list[Sop], fragment: str, expected: str) -> None:
    assert by_key(seeds, fragment).total_waktu == expected


def test_indonesian_dates_and_numbers() -> None:
    assert format_tanggal(dt.date(2024, 1, 2)) == "2 Januari 2024"
    assert format_tanggal(dt.date(2025, 2, 14)) == "14 Februari 2025"
    assert format_tanggal(None) == "-"
    assert parse_tanggal("2 Januari 2024") == dt.date(2024, 1, 2)
    assert parse_tanggal("31 Februari 2024") is None
    assert format_angka(100.17) == "100,17"


def test_nip_rules() -> None:
    assert validate_nip("196904142007011031") is None
    assert format_nip("196904142007011031") == "19690414 200701 1 031"
    assert validate_nip("19690414200701303 1")[0] == "NIP memuat digit jenis kelamin '3'"
    assert validate_nip("19690414200713 1031")[0] == "NIP memuat TMT 200713 yang tidak mungkin"
