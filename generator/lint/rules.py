"""The rules of ``sop lint`` (issue 15 §3), each with where it comes from.

PermenPANRB 35/2012 (Pedoman Penyusunan SOP AP, Bab III and its annex of examples) fixes the
parts of the sheet: the identity items, one row per activity with its executor's symbol, the
five symbols (one capsule to start and one to end, a diamond for a decision with its Ya and
Tidak), and the Mutu Baku of every row (kelengkapan, waktu, output). How the texts are phrased
— a process noun for the name, an active verb for each kegiatan, a decision written as a check,
jabatan rather than people — is how the annex's examples are written, not a numbered article:
those rules say "praktik penulisan". Rules about links inside one handbook are local practice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.definitions import read_yaml
from generator.errors import Location
from generator.model import Sop
from generator.site.relations import resolve_keterkaitan
from generator.site.search import Stemmer

__all__ = ["RULES", "Temuan", "lint"]

_PERMEN = "PermenPANRB 35/2012, Bab III"
_ANNEX = "praktik penulisan, sesuai contoh lampiran PermenPANRB 35/2012"
_LOCAL = "praktik setempat buku SOP ini"

RULES: dict[str, tuple[str, str]] = {
    "nama-kata-benda": ("Nama SOP adalah kata benda proses (Penyusunan …, Pengumpulan …), bukan kata kerja", _ANNEX),
    "kegiatan-kata-kerja": ("Setiap kegiatan diawali kata kerja aktif (me-, ber-, di-)", _ANNEX),
    "satu-kegiatan": ("Satu langkah memuat satu kegiatan", _ANNEX),
    "satu-mulai-satu-selesai": ("Satu simbol mulai dan satu simbol selesai (kapsul), di langkah pertama dan terakhir",
                                f"{_PERMEN}, simbol terminator"),
    "keputusan-pemeriksaan": ("Keputusan ditulis sebagai pemeriksaan (memeriksa, meneliti, menyetujui …)", _ANNEX),
    "mutu-baku-waktu": ("Setiap langkah punya Waktu", f"{_PERMEN}, Mutu Baku"),
    "mutu-baku-output": ("Setiap langkah punya Output", f"{_PERMEN}, Mutu Baku"),
    "output-ke-kelengkapan": ("Output satu langkah muncul lagi sebagai kelengkapan langkah berikutnya",
                              f"{_ANNEX}; saran"),
    "pelaksana-jabatan": ("Pelaksana ditulis sebagai jabatan, bukan nama orang", f"{_PERMEN}, kolom Pelaksana"),
    "pelaksana-tanpa-langkah": ("Setiap kolom pelaksana punya langkah", f"{_PERMEN}, kolom Pelaksana"),
    "pelaksana-kembar": ("Dua kolom pelaksana tidak boleh hanya berbeda huruf besar atau tanda baca",
                         f"{_PERMEN}, kolom Pelaksana"),
    "identitas-lengkap": ("Bagian Identitas lengkap: nomor, tanggal, pengesah dengan NIP",
                          f"{_PERMEN}, Bagian Identitas"),
    "dasar-hukum-nomor": ("Dasar hukum menyebut nomor dan tahun peraturan", f"{_PERMEN}, Bagian Identitas"),
    "keterkaitan-ada": ("Keterkaitan menunjuk SOP yang ada di buku kecamatan ini", _LOCAL),
}
"""Rule name → (what it asks, where it comes from)."""


@dataclass(frozen=True, order=True)
class Temuan:
    """One finding of :func:`lint`: where (``path:line:col``), the rule's name, what is wrong."""

    location: Location
    aturan: str
    pesan: str

    @property
    def sumber(self) -> str:
        """Where the rule comes from (regulation or practice)."""
        return RULES[self.aturan][1]

    def __str__(self) -> str:
        return f"{self.location}: peringatan [{self.aturan}]: {self.pesan} (sumber: {self.sumber})"

    def as_json(self) -> dict[str, object]:
        """The finding for ``--format json``."""
        return {"berkas": str(self.location.path), "baris": self.location.line, "kolom": self.location.column,
                "aturan": self.aturan, "pesan": self.pesan, "sumber": self.sumber}


_VERB_PREFIX = re.compile(r"^(?:mem|men|meng|meny|me|ber|di|ter)[a-z]{3,}$")
_NOT_VERBS = frozenset({"media", "meja", "menteri", "medis", "metode", "mesin", "menu", "merek", "memo", "menit",
                        "meter", "dinas", "direktur", "disposisi", "dokumen", "data", "daftar", "bersama",
                        "teritorial", "terminal"})
_BASE_VERBS = frozenset({"buat", "cetak", "kirim", "terima", "catat", "ambil", "isi", "ajukan", "sampaikan",
                         "periksa", "teliti", "setujui", "tolak", "arsipkan", "input", "entri", "unggah", "cek",
                         "verifikasi", "validasi", "rekap", "susun", "serahkan", "tanda", "paraf", "koreksi"})
_CHECK_ROOTS = frozenset({"periksa", "teliti", "verifikasi", "koreksi", "tuju", "setuju", "validasi", "memvalidasi",
                          "cek", "ecek", "nilai", "evaluasi", "uji", "telaah", "kaji", "cocok", "apakah", "sah",
                          "sahkan", "putus", "pantau", "awas"})
_SKIP_NAME = frozenset({"sop", "ap", "prosedur", "standar", "standard", "operasional", "tata", "cara"})
_TITLES = re.compile(r"\b(?:Drs?|Ir|Hj?|Bapak|Ibu|Sdr|Sdri)\b\.?|\b[SM]\.\s?[A-Z][A-Za-z]*\b|,\s*S[A-Z]")
_LAW = re.compile(r"\b(?:Nomor|No\.?)\s*\S+.*\bTahun\s+\d{4}", re.I)
_STOP = frozenset({"dan", "atau", "yang", "dari", "untuk", "dengan", "kepada", "data", "surat", "dokumen"})


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _is_verb(word: str, stemmer: Stemmer) -> bool:
    if word in _BASE_VERBS:
        return True
    if word in _NOT_VERBS or not _VERB_PREFIX.match(word):
        return False
    return word.startswith("me") or stemmer.root(word) != word


def _normal(text: str) -> str:
    return "".join(_words(text))


def _shares_a_document(output: str, kelengkapan: Sequence[str]) -> bool | None:
    """Whether *output* is (part of) one of *kelengkapan*; ``None`` when they name different things."""
    out = _normal(output)
    if any(out in _normal(k) or _normal(k) in out for k in kelengkapan if _normal(k)):
        return True
    keys = {w for w in _words(output) if len(w) >= 4 and w not in _STOP}
    return False if any(keys & set(_words(k)) for k in kelengkapan) else None


def lint(sops: Sequence[Sop], catalog: Sequence[Sop] | None = None) -> list[Temuan]:
    """Every finding for *sops* (valid SOPs), sorted by place.

    *catalog* (default *sops*) is the handbook whose SOPs the Keterkaitan entries must name.
    """
    stemmer = Stemmer()
    found: list[Temuan] = []
    for sop in sops:
        marks = read_yaml(sop.source).marks

        def at(*key: str | int) -> Location:
            return marks.at(key)  # noqa: B023 — used inside this iteration only

        def add(location: Location, rule: str, message: str) -> None:
            found.append(Temuan(location, rule, message))

        name_words = [w for w in _words(sop.nama) if w not in _SKIP_NAME]
        if name_words and _is_verb(name_words[0], stemmer):
            add(at("nama"), "nama-kata-benda", f"nama SOP diawali kata kerja '{name_words[0]}'; tulis nama "
                f"prosesnya, mis. 'Pe…an …'")
        for i, step in enumerate(sop.langkah):
            lines = [line for line in step.kegiatan.split("\n") if line.strip()]
            for line in lines:
                words = _words(line)
                if words and not _is_verb(words[0], stemmer):
                    subject = next((w for w in words[1:3] if _is_verb(w, stemmer)), None)
                    hint = (f"; pelaksananya sudah di kolom Pelaksana, mulai dengan '{subject}'" if subject
                            else "; mulai dengan kata kerja aktif, mis. 'Menyusun …'")
                    add(at("langkah", i, "kegiatan"), "kegiatan-kata-kerja",
                        f"langkah {step.number}: kegiatan diawali '{line.split()[0]}', bukan kata kerja{hint}")
            joined = re.search(r"\b(?:dan|serta|lalu|kemudian)\s+(\w+)", step.kegiatan.lower())
            if len(lines) > 1 or (joined and _is_verb(joined.group(1), stemmer)):
                add(at("langkah", i, "kegiatan"), "satu-kegiatan",
                    f"langkah {step.number} memuat {max(len(lines), 2)} kegiatan; pecah menjadi langkah tersendiri")
            if step.symbol == "decision":
                roots = {stemmer.root(w) for w in _words(step.kegiatan)[:2]}
                if not roots & _CHECK_ROOTS and "?" not in step.kegiatan:
                    add(at("langkah", i, "kegiatan"), "keputusan-pemeriksaan",
                        f"langkah {step.number} adalah keputusan; tulis sebagai pemeriksaan, mis. 'Memeriksa …'")
            if step.waktu is None:
                add(at("langkah", i), "mutu-baku-waktu", f"langkah {step.number} tanpa waktu")
            if not step.output:
                add(at("langkah", i), "mutu-baku-output", f"langkah {step.number} tanpa output")
            for edge in sop.outgoing(i):
                after = sop.langkah[edge.target]
                if not step.output or not after.kelengkapan or edge.kind == "tidak":
                    continue
                if all(_shares_a_document(out, after.kelengkapan) is False for out in step.output):
                    add(at("langkah", edge.target, "kelengkapan"), "output-ke-kelengkapan",
                        f"output langkah {step.number} ({'; '.join(step.output)}) ditulis lain di kelengkapan "
                        f"langkah {after.number} ({'; '.join(after.kelengkapan)}); samakan bila dokumennya sama")
        last = len(sop.langkah) - 1
        for step in sop.langkah:
            at_edge = step.index in (0, last)
            if step.symbol == "terminator" and not at_edge:
                add(at("langkah", step.index, "simbol"), "satu-mulai-satu-selesai",
                    f"langkah {step.number} bersimbol kapsul di tengah alur; kapsul hanya untuk mulai dan selesai")
            elif at_edge and step.symbol == "process":
                which = "mulai" if step.index == 0 else "selesai"
                add(at("langkah", step.index, "simbol"), "satu-mulai-satu-selesai",
                    f"langkah {step.number} ({which}) tidak bersimbol kapsul")
        used = {lane for step in sop.langkah for lane in step.pelaksana}
        seen: dict[str, str] = {}
        for j, lane in enumerate(sop.pelaksana):
            if _TITLES.search(lane.label):
                add(at("pelaksana", j, "label"), "pelaksana-jabatan",
                    f"pelaksana '{lane.label}' tampak seperti nama orang; tulis jabatannya")
            if j not in used:
                add(at("pelaksana", j), "pelaksana-tanpa-langkah", f"pelaksana '{lane.label}' tidak punya langkah")
            key = _normal(lane.label)
            if key in seen:
                add(at("pelaksana", j, "label"), "pelaksana-kembar",
                    f"pelaksana '{lane.label}' sama dengan '{seen[key]}' kecuali huruf besar atau tanda baca")
            seen.setdefault(key, lane.label)
        missing = [item for item, empty in (
            ("nomor", not sop.nomor), ("tanggal pembuatan", sop.tgl_pembuatan is None),
            ("tanggal pengesahan", sop.tgl_efektif is None),
            ("nama pengesah", sop.disahkan_oleh is None or not sop.disahkan_oleh.nama),
            ("NIP pengesah", sop.disahkan_oleh is None or not sop.disahkan_oleh.nip)) if empty]
        if missing:
            add(at("nama"), "identitas-lengkap", f"Bagian Identitas belum memuat: {', '.join(missing)}")
        for k, law in enumerate(sop.identitas.get("dasar_hukum", ())):
            if not _LAW.search(law):
                add(at("dasar_hukum", k), "dasar-hukum-nomor",
                    f"dasar hukum '{law[:60]}' tanpa nomor dan tahun (tulis 'Nomor … Tahun …')")
        for k, (text, target) in enumerate(resolve_keterkaitan(sop, catalog if catalog is not None else sops)):
            if target is None:
                add(at("keterkaitan", k), "keterkaitan-ada",
                    f"keterkaitan '{text}' tidak menunjuk SOP yang ada di buku kecamatan ini")
    return sorted(found)
