"""The site's search, in Indonesian (issue 14 §3).

Material's search runs lunr in the browser, and lunr has no Indonesian stemmer: a reader who
types "kumpul" would not find "Pengumpulan Data Kinerja". So the build does the Indonesian
part and the browser only matches words and prefixes:

* every SOP page gets one search entry whose ``text`` (the preview a reader sees) is a short
  summary — status with its date, kecamatan, nomor, steps and pelaksana — instead of the
  whole sheet, and whose extra ``kata`` field holds every word of the SOP together with its
  root word (PySastrawi, the Nazief–Adriani stemmer with the KBBI root list) and the
  synonyms of :data:`SYNONYMS`; the field is indexed but never shown;
* the index splits words at spaces, ``-``, ``/`` and ``.`` (:data:`SEPARATOR`), so parts of
  an SOP number ("425.504", "Sja", "SOP/425") are words of their own;
* SOP pages are boosted above the other pages (``search: boost`` in their front matter).

The plugin rewrites ``search/search_index.json`` after Material's search plugin wrote it
(:func:`rewrite_index`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from generator.model import Sop

__all__ = ["SEPARATOR", "SYNONYMS", "SearchEntry", "Stemmer", "rewrite_index", "search_entry"]

SEPARATOR = r"[\s\-/.]+"
"""Where the index and the query split words (a JavaScript regular expression): whitespace,
``-``, ``/`` and ``.``, so ``065/10-2/SOP/425.504/2023`` gives ``065 10 2 SOP 425 504 2023``."""

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "lkjip": ("lkip", "sakip"),
    "lkip": ("lkjip", "sakip"),
    "kinerja": ("kerja",),
    "ikm": ("skm", "kepuasan"),
    "skm": ("ikm", "kepuasan"),
    "pemmas": ("pemberdayaan",),
    "sekcam": ("sekretaris",),
    "kasubbag": ("kepala", "subbagian"),
    "renja": ("rencana", "kerja"),
    "renstra": ("rencana", "strategis"),
}
"""Spelling variants and abbreviations of local-government reporting: a word of an SOP on the
left also makes it found by the words on the right (LKIP is the older name of LKjIP)."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
"""A run of letters and digits: the unit the index splits every text into (``SEPARATOR``
splits the query the same way, and more punctuation never hurts the index side)."""


class Stemmer:
    """Indonesian root words with PySastrawi, remembered per word for one build.

    >>> Stemmer().roots("Pengumpulan data kinerja")
    ['data', 'kerja', 'kinerja', 'kumpul', 'pengumpulan']
    """

    def __init__(self) -> None:
        self._stemmer = StemmerFactory().create_stemmer()  # Sastrawi's CachedStemmer
        self._known: dict[str, str] = {}

    def root(self, word: str) -> str:
        """The root of one lower-case *word* ("pengukuran" → "ukur"); digits and short words stay."""
        if len(word) <= 3 or not word.isalpha():
            return word
        root = self._known.get(word)
        if root is None:
            root = self._known[word] = self._stemmer.stem(word) or word
        return root

    def roots(self, *texts: str) -> list[str]:
        """Every word of *texts*, lower-cased, with its root and its synonyms; sorted, no repeats."""
        words: set[str] = set()
        for text in texts:
            for word in _WORD.findall(text.lower()):
                words.add(word)
                words.add(self.root(word))
        for word in list(words):
            words.update(SYNONYMS.get(word, ()))
        return sorted(words)


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds for one SOP page.

    ``summary`` is HTML (every value escaped) shown as the result's preview; ``words`` the
    space-separated words, roots and synonyms the ``kata`` field indexes; ``title_words`` those
    of the SOP's name alone (field ``judul``, weighed like the title, so "kumpul" puts
    "Pengumpulan Data Kinerja" above an SOP that only mentions a pengumpulan in a step).
    """

    summary: str
    words: str
    title_words: str = ""


def _sop_texts(sop: Sop) -> Iterable[str]:
    """Every text of an SOP a reader might search for: identity, steps, Mutu Baku, Keterangan."""
    yield sop.nama
    yield sop.nomor or ""
    yield sop.instansi.pemda
    yield sop.instansi.unit
    yield sop.kode or ""
    if sop.disahkan_oleh is not None:
        yield from sop.disahkan_oleh.jabatan
    for values in sop.identitas.values():
        yield from values
    for lane in sop.pelaksana:
        yield lane.label
    for step in sop.langkah:
        yield step.kegiatan
        yield from step.kelengkapan
        yield from step.output
        yield step.keterangan or ""
    for _, uraian in sop.revisi:
        yield uraian


def search_entry(sop: Sop, *, status: str, kind: str, where: str, stemmer: Stemmer) -> SearchEntry:
    """The search entry of *sop*.

    *status* is its badge text ("Berlaku sejak 2 Januari 2024"), *kind* the badge's CSS suffix
    (``berlaku``/``draf``/``dicabut``), *where* "Kecamatan X, Kota Y". Values are escaped: a
    definition's text never becomes markup in the results.
    """
    lanes = ", ".join(lane.label for lane in sop.pelaksana)
    summary = (f'<p><span class="sop-status sop-status-{escape(kind)}">{escape(status)}</span> '
               f"{escape(where)} · Nomor {escape(sop.nomor or '-')} · {len(sop.langkah)} langkah · "
               f"Pelaksana: {escape(lanes)}</p>")
    return SearchEntry(summary, " ".join(stemmer.roots(*_sop_texts(sop))), " ".join(stemmer.roots(sop.nama)))


def rewrite_index(path: Path, entries: Mapping[str, SearchEntry], boost: float) -> None:
    """Rewrite Material's search index at *path* for Indonesian readers.

    *entries* maps a page URL (as in the index's ``location``, e.g. ``kota-x/kec-y/sop/``) to
    its :class:`SearchEntry`: that page's sections become one entry with the summary as its
    text, its words in the ``kata`` and ``judul`` fields and *boost*. Adds those fields and
    :data:`SEPARATOR` to the index configuration. A missing file (search turned off) is left
    alone.
    """
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["separator"] = SEPARATOR
    # Material weighs a title word 1000 times a text word: "SOP/425" would then list every SOP
    # whose name says "SOP" before the one numbered 425. With 10, matching more of the query wins.
    index["config"]["fields"]["title"] = {"boost": 10.0}
    index["config"]["fields"]["kata"] = {"boost": 1.0}
    index["config"]["fields"]["judul"] = {"boost": 10.0}
    docs = []
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        entry = entries.get(page)
        if entry is None:
            docs.append(doc)
        elif doc["location"] == page:
            docs.append({**doc, "text": entry.summary, "kata": entry.words, "judul": entry.title_words,
                         "boost": boost})
    index["docs"] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
