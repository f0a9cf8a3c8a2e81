"""The Indonesian search index (issue 14 §3): root words, synonyms, one summary entry per SOP
page, separators that split SOP numbers, no table cells run together, values escaped."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from generator.model import Sop
from generator.site.search import SEPARATOR, SearchEntry, Stemmer, rewrite_index, search_entry
from tests.conftest import by_key


def test_roots_add_the_indonesian_root_word_and_synonyms() -> None:
    words = Stemmer().roots("Pengumpulan data kinerja", "Pengukuran", "LKjIP 2024")
    assert words == ["2024", "data", "kerja", "kinerja", "kumpul", "lkip", "lkjip", "pengukuran",
                     "pengumpulan", "sakip", "ukur"]


def test_separator_splits_sop_numbers_like_the_browser_will() -> None:
    parts = [part for part in re.split(SEPARATOR, "065/10-2/SOP/425.504/2023 Kec.Sja") if part]
    assert parts == ["065", "10", "2", "SOP", "425", "504", "2023", "Kec", "Sja"]


def test_an_sop_entry_summarises_and_escapes(seeds: list[Sop]) -> None:
    sop = by_key(seeds, "kanigaran")
    hostile = dataclasses.replace(sop, nomor="<b>1</b>/SOP", pelaksana=(dataclasses.replace(sop.pelaksana[0],
                                                                                            label="<script>x</script>"),))
    entry = search_entry(hostile, status="Berlaku <sejak>", kind="berlaku", where="Kecamatan & Co", stemmer=Stemmer())
    assert entry.summary == ('<p><span class="sop-status sop-status-berlaku">Berlaku &lt;sejak&gt;</span> '
                             'Kecamatan &amp; Co · Nomor &lt;b&gt;1&lt;/b&gt;/SOP · 8 langkah · '
                             'Pelaksana: &lt;script&gt;x&lt;/script&gt;</p>')
    assert {"susun", "penyusunan", "lkjip", "lkip", "sop", "script"} <= set(entry.words.split())
    assert entry.title_words.split() == Stemmer().roots(sop.nama)


def test_rewrite_replaces_an_sop_pages_sections_by_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps({"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["trimmer"],
                                           "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
                                "docs": [{"location": "a/b/sop/", "title": "SOP", "text": "whole sheet"},
                                         {"location": "a/b/sop/#lembar-sop", "title": "Lembar", "text": "cells"},
                                         {"location": "a/b/", "title": "Kecamatan B", "text": "daftar"}]}))
    rewrite_index(path, {"a/b/sop/": SearchEntry("<p>ringkas</p>", "kata kunci", "judul")}, 2.0)
    index = json.loads(path.read_text())
    assert index["config"]["separator"] == SEPARATOR
    assert index["config"]["fields"] == {"title": {"boost": 10.0}, "text": {"boost": 1.0}, "kata": {"boost": 1.0},
                                         "judul": {"boost": 10.0}}
    assert index["docs"] == [{"location": "a/b/sop/", "title": "SOP", "text": "<p>ringkas</p>", "kata": "kata kunci",
                              "judul": "judul", "boost": 2.0},
                             {"location": "a/b/", "title": "Kecamatan B", "text": "daftar"}]


def test_rewrite_leaves_a_missing_index_alone(tmp_path: Path) -> None:
    rewrite_index(tmp_path / "search_index.json", {}, 2.0)
    assert list(tmp_path.iterdir()) == []


def test_the_built_index_has_one_summary_per_sop_and_no_run_together_cells(seed_site: tuple[Path, str]) -> None:
    index = json.loads((seed_site[0] / "search" / "search_index.json").read_text())
    docs = index["docs"]
    sop_docs = [d for d in docs if "kata" in d]
    assert len(sop_docs) == 6
    assert not [d["location"] for d in docs if any(d["location"].startswith(s["location"] + "#") for s in sop_docs)]
    kanigaran = next(d for d in sop_docs if "kanigaran" in d["location"])
    assert kanigaran["text"].startswith('<p><span class="sop-status sop-status-berlaku">Berlaku</span> '
                                        "Kecamatan Kanigaran, Kota Probolinggo · Nomor 065/10-2/SOP/425.504/2023")
    everything = " ".join(d["title"] + " " + d["text"] for d in docs)
    for glued in ("InstansiPEMERINTAH", "NoNomor", "Nama SOPStatus", "PDF1"):
        assert glued not in everything
    reference = next(d for d in docs if d["location"] == "referensi-yaml/")
    assert reference["boost"] == 0.1
