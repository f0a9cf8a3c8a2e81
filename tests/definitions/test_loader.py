"""YAML reading: YAML 1.2 scalars, marks, duplicate keys, refusal of oversized documents."""

from __future__ import annotations

from pathlib import Path

from generator.definitions import MAX_NODES, read_yaml

P = Path("x.yaml")


def test_yaml_1_1_booleans_and_sexagesimals_stay_text() -> None:
    source = read_yaml(P, "no: 1\nya: yes\ntidak: off\nwaktu: 10:30\nok: true\n")
    assert source.data == {"no": 1, "ya": "yes", "tidak": "off", "waktu": "10:30", "ok": True}


def test_unquoted_numbers_keep_their_type_and_dates_stay_text_for_the_schema() -> None:
    source = read_yaml(P, "nip: 198001012005011001\nnomor: 065\ntanggal: 2024-01-02\nsalah: 2024-02-30\n")
    assert source.data == {"nip": 198001012005011001, "nomor": "065", "tanggal": "2024-01-02", "salah": "2024-02-30"}
    assert source.problems == []


def test_marks_give_line_and_column_of_keys_and_values() -> None:
    source = read_yaml(P, "langkah:\n  - kegiatan: A\n    waktu: '1 jam'\n")
    assert source.marks.at(("langkah", 0, "waktu")).line == 3
    assert source.marks.at(("langkah", 0, "waktu")).column == 12
    assert source.marks.at(("langkah", 0, "waktu"), key=True).column == 5
    assert str(source.marks.at(("langkah", 0, "missing"))) == "x.yaml:2:5"


def test_duplicate_key_is_a_problem() -> None:
    source = read_yaml(P, "a: 1\na: 2\n")
    assert [str(p) for p in source.problems] == [
        "x.yaml:2:1: kunci 'a' ditulis dua kali (setiap kunci sekali saja)"]


def test_alias_bomb_is_refused_in_bounded_time() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
        f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    source = read_yaml(P, bomb)
    assert source.data is None
    assert [str(p) for p in source.problems] == [
        f"x.yaml:1:1: dokumen YAML terlalu besar (lebih dari {MAX_NODES} simpul) "
        "(pecah menjadi beberapa berkas SOP)"]
