"""The bad-input corpus of ``tests/fixtures/corpus/`` and the projects made from it.

* ``injeksi/<name>.txt`` — one markup/template payload per file; :func:`payload_project`
  writes a kabupaten whose every text field (SOP, ``instansi.yaml``, ``indikator.yaml``,
  ``pemda.yaml``) holds them.
* ``definisi/<class>/<case>.yaml`` — one broken definition per file. Its leading comment lines
  say where it goes and what ``sop check`` must print::

      # letak: instansi.yaml          (optional; default: the SOP file kasus.yaml)
      # pesan: kasus.yaml:3:5: …      (one line per expected problem, in order)
      # keluar: 1                     (optional; default 1)

  The file is copied to ``sop_definitions/uji/kec/<letak>`` of a fresh project next to a
  valid ``instansi.yaml`` (unless it is itself the instansi) and ``sop check`` is run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
PAYLOADS: dict[str, str] = {p.stem: p.read_text(encoding="utf-8").rstrip("\n")
                            for p in sorted((CORPUS / "injeksi").glob("*.txt"))}

INSTANSI = ("pemda: PEMERINTAH KABUPATEN UJI\nunit: KECAMATAN UJI\n"
            "disahkan_oleh:\n  jabatan: CAMAT UJI\n  nama: NAMA CAMAT\n  nip: \"19800101 200501 1 001\"\n")


def _q(text: str) -> str:
    """*text* as a YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def payload_sop(payload: str, kode: str) -> str:
    """An SOP whose every text field holds *payload* (three lanes, a decision, a loop-back)."""
    q = _q(payload)
    return f"""kode: {kode}
nomor: {q}
nama: {_q("SOP " + payload)}
tanggal: {{pembuatan: 2024-01-02, revisi: 2024-06-01, efektif: 2024-07-01}}
disahkan_oleh: {{jabatan: {q}, nama: {q}, nip: "19800101 200501 1 001", pangkat: {q}, label_nip: {q}}}
dasar_hukum: [{q}, {q}]
kualifikasi_pelaksana: [{q}]
keterkaitan: [{q}]
peralatan_perlengkapan: [{q}]
peringatan: [{q}]
pencatatan_pendataan: [{q}]
pelaksana:
  - {{id: a, label: {q}}}
  - {{id: b, label: {_q("Kasi " + payload)}}}
  - {{id: c, label: Camat}}
langkah:
  - {{kegiatan: {q}, pelaksana: a, kelengkapan: [{q}], waktu: "5 menit", output: [{q}], keterangan: {q}}}
  - {{kegiatan: {_q("Memeriksa " + payload)}, pelaksana: [a, b], kelengkapan: {q}, waktu: "1 jam", output: {q}}}
  - {{id: setuju, kegiatan: {_q("Menyetujui " + payload)}, pelaksana: c, ya: 4, tidak: 2,
      label_ya: {q}, label_tidak: {q}, waktu: "1 hari"}}
  - {{kegiatan: {_q("Selesai " + payload)}, pelaksana: b, output: [{q}]}}
revisi:
  - {{tanggal: 2024-06-01, uraian: {q}}}
"""


def payload_instansi(payload: str) -> str:
    """An ``instansi.yaml`` whose every text field holds *payload* (with a Keputusan)."""
    q = _q(payload)
    return f"""pemda: {_q("PEMERINTAH KABUPATEN " + payload)}
unit: {_q("KECAMATAN " + payload)}
subunit: {q}
alamat: {q}
disahkan_oleh: {{jabatan: {q}, nama: {q}, nip: "19800101 200501 1 001", pangkat: {q}}}
buku:
  judul: {q}
  tahun: 2024
  keputusan: {{nomor: {q}, tanggal: 2024-01-02, ditetapkan_di: {q}, tentang: {q}, menimbang: [{q}],
              mengingat: [{q}], diktum: [{q}]}}
"""


def payload_indikator(payload: str) -> str:
    """An ``indikator.yaml`` with one indicator whose every text field holds *payload*."""
    q = _q(payload)
    return f"""indikator:
  - id: ikm
    sasaran: {q}
    indikator: {q}
    definisi: {q}
    formula: {q}
    satuan: {q}
    target: {{2024: 80}}
    realisasi: {{2024: "82,14"}}
    jenis_data: {q}
    sumber_data: {q}
    metode_pengumpulan: {q}
    frekuensi: {q}
    penanggung_jawab: {q}
    aplikasi: {q}
    keterangan: {q}
"""


def payload_project(root: Path, per_kecamatan: int = 5) -> Path:
    """Write ``sop_definitions/kabupaten-uji/kecamatan-N/`` under *root* with every payload in every field.

    Each kecamatan gets the payload of its first SOP in its shared files; returns the definitions folder.
    """
    definitions = root / "sop_definitions"
    pemda = definitions / "kabupaten-uji"
    pemda.mkdir(parents=True)
    names = list(PAYLOADS)
    first = PAYLOADS[names[0]]
    (pemda / "pemda.yaml").write_text(
        f"kategori_capaian:\n  - {{mulai: 91, kategori: {_q(first)}}}\n  - {{mulai: 0, kategori: {_q(first)}}}\n",
        encoding="utf-8")
    for start in range(0, len(names), per_kecamatan):
        group = names[start:start + per_kecamatan]
        folder = pemda / f"kecamatan-{start // per_kecamatan + 1}"
        folder.mkdir()
        (folder / "instansi.yaml").write_text(payload_instansi(PAYLOADS[group[0]]), encoding="utf-8")
        (folder / "indikator.yaml").write_text(payload_indikator(PAYLOADS[group[0]]), encoding="utf-8")
        for number, name in enumerate(group):  # the n-th SOP of every kecamatan: one family (comparison pages)
            text = payload_sop(PAYLOADS[name], kode=f"sop-{number + 1}") + "jenis_dan_sumber_data: [ikm]\n"
            (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return definitions


@dataclass(frozen=True)
class Case:
    """One broken definition of ``definisi/``: where it goes, what ``sop check`` prints, the exit code."""

    path: Path
    target: str
    messages: tuple[str, ...]
    exit_code: int

    @property
    def name(self) -> str:
        """``<class>/<case>``."""
        return f"{self.path.parent.name}/{self.path.stem}"


def definition_cases() -> list[Case]:
    """Every case under ``definisi/``, sorted."""
    cases = []
    for path in sorted((CORPUS / "definisi").glob("*/*.yaml")):
        target, messages, exit_code = "kasus.yaml", [], 1
        for line in path.read_bytes().decode("utf-8", "replace").splitlines():
            if not line.startswith("# "):
                break
            key, _, value = line[2:].partition(": ")
            if key == "letak":
                target = value
            elif key == "pesan":
                messages.append(value)
            elif key == "keluar":
                exit_code = int(value)
        cases.append(Case(path, target, tuple(messages), exit_code))
    return cases


VALID_SOP = ("nama: Layanan\npelaksana:\n  - {id: a, label: A}\nlangkah:\n"
             "  - {kegiatan: Mulai, pelaksana: a}\n  - {kegiatan: Selesai, pelaksana: a}\nstatus: draf\n")
"""The smallest valid SOP: a draf (without nomor and dates, ``sop check`` would warn about them)."""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``sop ARGS`` in this process through the real entry point: exit code, stdout, stderr."""
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under *root* with the SHA-256 of its bytes (what a user would miss if lost)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}
