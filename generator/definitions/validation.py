"""Stage 2: validate parsed definitions and build :class:`~generator.model.Sop` objects.

The only place raw YAML data becomes model objects. Every problem of every file is collected
(one broken SOP never hides another's problems); nothing is raised for bad input.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

import generator.definitions.schema as schema
from generator.definitions.loader import MAX_BYTES, Marks, SourceFile, find_definition_files, read_yaml
from generator.definitions.logo import logo_problem
from generator.definitions.messages import problems_from_validation_error
from generator.errors import Location, Problem
from generator.formatting import format_tanggal
from generator.lkjip import compute_ikm, read_survey
from generator.memo import LatestMemo
from generator.model import (
    DEFAULT_BANDS,
    DEFAULT_LABELS,
    Band,
    Buku,
    Edge,
    Indikator,
    Instansi,
    Keputusan,
    Langkah,
    Options,
    Pejabat,
    Pelaksana,
    Pencabutan,
    Sop,
    SymbolKind,
    Target,
)
from generator.nip import format_nip
from generator.project import find_project_root
from generator.verifikasi import verification_code
from generator.waktu import format_total, parse_waktu, total_waktu

__all__ = ["NAME_SLUG", "Catalog", "Folder", "ValidationMemo", "incompleteness_warnings", "load_catalog", "read_folder",
           "revision_date_warnings", "suggest_slug", "validate_source"]

LOGO_SUFFIXES = {".png", ".svg", ".jpg", ".jpeg"}
MAX_STEPS = 1000
"""Most steps one SOP may have (a printed SOP of that size is already about 80 pages)."""
IDENTITY_LISTS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
                  "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan")


@dataclass
class Catalog:
    """Everything loaded: valid SOPs (sorted by key), every problem found, and the warnings.

    ``warnings`` are located like problems but do not stop anything: an SOP in force that lacks
    what an official sheet needs (:attr:`generator.model.Sop.kekurangan`).
    """

    sops: list[Sop] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)


NAME_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""What file and folder names of definitions may be: they become URLs and file names of the site."""


def suggest_slug(name: str) -> str:
    """A slug for *name*: ASCII lower case, digits and single hyphens.

    >>> suggest_slug("Surat Masuk (2024)_v2")
    'surat-masuk-2024-v2'
    """
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "sop"


def _naming_problems(path: Path) -> list[Problem]:
    """The file, kecamatan folder and pemda folder of an SOP must be slugs (they become URLs)."""
    problems = []
    names = [("SOP", path.stem, path.suffix, path)]
    if path.resolve().parent.parent.parent.name == "sop_definitions":  # the site's <pemda>/<kecamatan>/
        names[:0] = [("pemda", path.parent.parent.name, "", path.parent.parent),
                     ("kecamatan", path.parent.name, "", path.parent)]
    for what, name, suffix, where in names:
        if not NAME_SLUG.match(name):
            kind = "nama berkas" if what == "SOP" else f"nama folder {what}"
            problems.append(Problem(Location(where), f"{kind} '{name}{suffix}' tidak valid",
                                    f"ganti nama menjadi '{suggest_slug(name)}{suffix}': huruf kecil, angka dan '-'"))
    return problems


def _parse(model: type[BaseModel], source: SourceFile) -> tuple[Any, list[Problem]]:
    if source.data is None:
        return None, source.problems
    if not isinstance(source.data, dict):
        return None, [*source.problems, Problem(
            Location(source.path), "isi berkas harus berupa kumpulan 'kunci: nilai'",
            "lihat contoh di dokumentasi format YAML")]
    try:
        return model.model_validate(source.data), source.problems
    except ValidationError as exc:
        problems = [*source.problems, *problems_from_validation_error(model, exc, source.marks)]
        return _without_dates(model, source.data, exc), problems


DATE_KEYS = frozenset({"pembuatan", "revisi", "efektif", "tanggal"})
"""Keys whose values are dates (``Tgl``): a wrong one need not hide the file's other problems."""


def _without_dates(model: type[BaseModel], data: dict[str, Any], exc: ValidationError) -> Any:
    """The model of *data* with its wrong dates left out, when wrong dates were all that failed; else ``None``.

    Lets the flow checks run on a file whose only schema problem is an impossible date, so
    ``2024-02-30`` is reported together with, say, an unknown pelaksana.
    """
    errors = exc.errors(include_url=False)
    if not all(e["type"] == "value_error" and e["loc"] and e["loc"][-1] in DATE_KEYS for e in errors):
        return None
    relaxed = copy.deepcopy(data)
    for error in errors:
        *parents, last = error["loc"]
        holder: Any = relaxed
        for key in parents:
            holder = holder[key]
        holder[last] = None
    try:
        return model.model_validate(relaxed)
    except ValidationError:
        return None


def _within_project(root: Path, source: SourceFile, key: tuple[str | int, ...], relative: str, suffixes: set[str],
                    what: str) -> tuple[Path | None, list[Problem]]:
    """Resolve *relative* (from the file's folder) to a file inside the project *root*, or say why not."""
    where = source.marks.at(key)
    target = (source.path.parent / relative).resolve()
    if not target.is_relative_to(root):
        return None, [Problem(where, f"{what} '{relative}' berada di luar proyek",
                              f"berkas di dalam folder proyek, relatif terhadap {source.path.name}")]
    if not target.is_file():
        return None, [Problem(where, f"berkas {what} '{relative}' tidak ada",
                              f"path relatif terhadap folder {source.path.name}")]
    if target.suffix.lower() not in suffixes:
        return None, [Problem(where, f"format {what} '{target.suffix}' tidak didukung", ", ".join(sorted(suffixes)))]
    return target, []


def _resolve_refs(definition: schema.SopDefinition | _FlowPart, marks: Marks) -> tuple[list[Edge], list[Problem]]:
    """Build the edge list from ``lanjut``/``ya``/``tidak``; report bad targets and decisions."""
    ids = {s.id: i for i, s in enumerate(definition.langkah) if s.id}
    count = len(definition.langkah)
    allowed = f"nomor langkah 1–{count}" + (f" atau id: {', '.join(ids)}" if ids else "")
    problems: list[Problem] = []
    edges: list[Edge] = []

    def target(i: int, key: str, ref: str) -> int | None:
        index = ids.get(ref)
        if index is None and ref.isdigit() and 1 <= int(ref) <= count:
            index = int(ref) - 1
        if index is None:
            problems.append(Problem(marks.at(("langkah", i, key)),
                                    f"langkah {i + 1}: tujuan '{ref}' tidak ada", allowed))
        elif index == i:
            problems.append(Problem(marks.at(("langkah", i, key)),
                                    f"langkah {i + 1}: '{key}' menunjuk ke dirinya sendiri",
                                    "langkah lain"))
            return None
        return index

    for i, step in enumerate(definition.langkah):
        branches = (step.ya, step.tidak)
        is_decision = step.simbol == "belah_ketupat" or any(b is not None for b in branches)
        if is_decision and (step.ya is None or step.tidak is None):
            missing = "ya" if step.ya is None else "tidak"
            problems.append(Problem(marks.at(("langkah", i)),
                                    f"langkah {i + 1}: keputusan tanpa cabang '{missing}'",
                                    "keputusan wajib punya 'ya' dan 'tidak'"))
            continue
        if is_decision and step.lanjut is not None:
            problems.append(Problem(marks.at(("langkah", i, "lanjut")),
                                    f"langkah {i + 1}: keputusan tidak memakai 'lanjut'",
                                    "pakai 'ya' dan 'tidak'"))
            continue
        if is_decision:
            for key, ref, label in (("ya", step.ya, step.label_ya or "Ya"),
                                    ("tidak", step.tidak, step.label_tidak or "Tidak")):
                t = target(i, key, ref or "")
                if t is not None:
                    edges.append(Edge(i, t, "ya" if key == "ya" else "tidak", label))
        elif step.lanjut is not None:
            t = target(i, "lanjut", step.lanjut)
            if t is not None:
                edges.append(Edge(i, t, "next"))
        elif i + 1 < count:
            edges.append(Edge(i, i + 1, "next"))
    return edges, problems


class _FlowPart(BaseModel):
    """The keys of an SOP file the lane and flow checks read; the others are ignored."""

    model_config = ConfigDict(extra="ignore")
    pelaksana: list[schema.Pelaksana]
    langkah: list[schema.Langkah]


def _flow_part(source: SourceFile) -> _FlowPart | None:
    """The lanes and steps of a file that failed the schema, when those parts are well-formed."""
    if not isinstance(source.data, dict):
        return None
    try:
        return _FlowPart.model_validate(source.data)
    except ValidationError:
        return None


def _flow_problems(definition: schema.SopDefinition | _FlowPart, marks: Marks) -> tuple[list[Edge], list[Problem]]:
    """The edges of the flow and the problems of its lanes, branch targets and paths."""
    problems = _check_lanes(definition, marks)
    edges, ref_problems = _resolve_refs(definition, marks)
    problems += ref_problems
    if not ref_problems and 2 <= len(definition.langkah) <= MAX_STEPS:
        problems += _check_flow(len(definition.langkah), edges, marks)
    return edges, problems


def _check_flow(count: int, edges: list[Edge], marks: Marks) -> list[Problem]:
    """Every step reachable from step 1, and every step has a path to an end step."""
    succ: dict[int, list[int]] = {i: [] for i in range(count)}
    pred: dict[int, list[int]] = {i: [] for i in range(count)}
    for e in edges:
        succ[e.source].append(e.target)
        pred[e.target].append(e.source)

    def walk(starts: list[int], graph: dict[int, list[int]]) -> set[int]:
        seen, queue = set(starts), deque(starts)
        while queue:
            for nxt in graph[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    problems = []
    reachable = walk([0], succ)
    for i in range(count):
        if i not in reachable:
            problems.append(Problem(marks.at(("langkah", i)),
                                    f"langkah {i + 1} tidak dapat dicapai dari langkah 1",
                                    "arahkan 'lanjut', 'ya' atau 'tidak' langkah lain ke sini"))
    ends = [i for i in range(count) if not succ[i]]
    finishing = walk(ends, pred)
    if not ends:
        problems.append(Problem(marks.at(("langkah",)), "alur tidak punya langkah akhir",
                                "langkah terakhir tidak boleh memakai 'lanjut'"))
    else:
        stuck = [i for i in sorted(reachable) if i not in finishing]
        if stuck:
            problems.append(Problem(marks.at(("langkah", stuck[0])),
                                    f"dari langkah {stuck[0] + 1} alur tidak pernah sampai ke akhir",
                                    "putus lingkaran dengan cabang keputusan ke langkah berikutnya"))
    return problems


def _check_lanes(definition: schema.SopDefinition | _FlowPart, marks: Marks) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, lane in enumerate(definition.pelaksana):
        if lane.id in seen:
            problems.append(Problem(marks.at(("pelaksana", i, "id")),
                                    f"id pelaksana '{lane.id}' ditulis dua kali", "id unik"))
        seen.add(lane.id)
    allowed = "id yang dikenal: " + ", ".join(lane.id for lane in definition.pelaksana)
    step_ids: set[str] = set()
    for i, step in enumerate(definition.langkah):
        for j, lane_id in enumerate(step.pelaksana):
            if lane_id not in seen:
                problems.append(Problem(marks.at(("langkah", i, "pelaksana", j)),
                                        f"langkah {i + 1}: pelaksana '{lane_id}' tidak dikenal",
                                        allowed))
        if not step.pelaksana:
            problems.append(Problem(marks.at(("langkah", i, "pelaksana")),
                                    f"langkah {i + 1}: pelaksana kosong", allowed))
        if len(set(step.pelaksana)) != len(step.pelaksana):
            problems.append(Problem(marks.at(("langkah", i, "pelaksana")),
                                    f"langkah {i + 1}: pelaksana yang sama ditulis dua kali", allowed))
        if step.id and step.id in step_ids:
            problems.append(Problem(marks.at(("langkah", i, "id")),
                                    f"id langkah '{step.id}' ditulis dua kali", "id unik"))
        if step.id:
            step_ids.add(step.id)
    if len(definition.langkah) < 2:
        problems.append(Problem(marks.at(("langkah",)), "SOP harus punya minimal 2 langkah",
                                "langkah pertama (mulai) dan terakhir (selesai)"))
    if len(definition.langkah) > MAX_STEPS:
        problems.append(Problem(marks.at(("langkah",)), f"SOP punya {len(definition.langkah)} langkah; paling banyak "
                                f"{MAX_STEPS}", "pecah menjadi beberapa SOP yang saling terkait"))
    return problems


def _merge_options(*layers: schema.RenderOptions | None) -> Options:
    values: dict[str, Any] = {}
    labels = dict(DEFAULT_LABELS)
    for layer in layers:
        if layer is None:
            continue
        for name, value in layer.model_dump(exclude_none=True, exclude={"labels"}).items():
            values[name] = value
        if layer.labels is not None:
            labels.update(layer.labels.model_dump(exclude_none=True))
    return Options(labels=labels, **values)


def _pejabat(raw: schema.DisahkanOleh | None) -> Pejabat | None:
    if raw is None:
        return None
    return Pejabat(jabatan=tuple(line.strip() for line in raw.jabatan.splitlines() if line.strip()),
                   nama=raw.nama, nip=format_nip(raw.nip) if raw.nip else None,
                   pangkat=raw.pangkat, label_nip=raw.label_nip)


def _unit(instansi: schema.Instansi, logo: Path | None) -> Instansi:
    book = Buku()
    if instansi.buku is not None:
        raw = instansi.buku
        keputusan = None
        if raw.keputusan is not None:
            k = raw.keputusan
            keputusan = Keputusan(k.nomor, k.tanggal, k.ditetapkan_di, k.tentang, tuple(k.menimbang),
                                  tuple(k.mengingat), tuple(k.diktum))
        book = Buku(raw.judul or book.judul, raw.tahun, keputusan, raw.formulir_monev)
    return Instansi(instansi.pemda, instansi.unit, instansi.subunit, logo, instansi.alamat,
                _pejabat(instansi.disahkan_oleh), book)


def _symbol(i: int, count: int, step: schema.Langkah, is_decision: bool) -> SymbolKind:
    if is_decision:
        return "decision"
    if step.simbol == "kapsul" or (step.simbol is None and i in (0, count - 1)):
        return "terminator"
    return "process"


def _build(definition: schema.SopDefinition, path: Path, folder: Folder, edges: list[Edge], data: object) -> Sop:
    lane_index = {lane.id: i for i, lane in enumerate(definition.pelaksana)}
    count = len(definition.langkah)
    decisions = {e.source for e in edges if e.kind != "next"}
    langkah = tuple(
        Langkah(index=i, kegiatan=s.kegiatan, pelaksana=tuple(lane_index[p] for p in s.pelaksana),
             symbol=_symbol(i, count, s, i in decisions), kelengkapan=tuple(s.kelengkapan),
             waktu=parse_waktu(s.waktu) if s.waktu else None, output=tuple(s.output),
             keterangan=s.keterangan)
        for i, s in enumerate(definition.langkah))
    return Sop(
        slug=path.stem, source=path, pemda_slug=path.parent.parent.name,
        kecamatan_slug=path.parent.name,
        instansi=folder.instansi,
        nomor=definition.nomor, nama=definition.nama, tgl_pembuatan=definition.tanggal.pembuatan,
        tgl_revisi=definition.tanggal.revisi, tgl_efektif=definition.tanggal.efektif,
        disahkan_oleh=_pejabat(definition.disahkan_oleh) if definition.disahkan_oleh else folder.instansi.kepala,
        identitas={name: tuple(getattr(definition, name)) for name in IDENTITY_LISTS},
        pelaksana=tuple(Pelaksana(lane.id, lane.label) for lane in definition.pelaksana),
        langkah=langkah, edges=tuple(edges),
        total_waktu=format_total(total_waktu(
            w for i in _main_path(count, edges) if (w := langkah[i].waktu) is not None)),
        options=_merge_options(folder.render, definition.render),
        revisi=tuple((r.tanggal, r.uraian) for r in definition.revisi),
        kode=definition.kode,
        jenis_dan_sumber_data=tuple(definition.jenis_dan_sumber_data),
        status=definition.status,
        pencabutan=Pencabutan(definition.pencabutan.tanggal, definition.pencabutan.alasan,
                              definition.pencabutan.pengganti)
        if definition.pencabutan is not None and definition.pencabutan.tanggal is not None else None,
        kode_verifikasi=verification_code(f"{path.parent.parent.name}/{path.parent.name}/{path.stem}", data),
    )


def _check_status(definition: schema.SopDefinition, source: SourceFile) -> list[Problem]:
    """``status: dicabut`` and ``pencabutan`` go together; a pengganti is a sibling SOP file."""
    marks = source.marks
    if definition.status == "dicabut" and definition.pencabutan is None:
        return [Problem(marks.at(("status",)), "SOP berstatus dicabut tanpa keterangan pencabutan",
                        "tambahkan pencabutan: {tanggal: 2025-01-02, alasan: \"…\"}")]
    if definition.pencabutan is not None and definition.status != "dicabut":
        return [Problem(marks.at(("pencabutan",), key=True),
                        f"pencabutan diisi, tetapi status SOP '{definition.status}'",
                        "status: dicabut, atau hapus pencabutan")]
    pengganti = definition.pencabutan.pengganti if definition.pencabutan else None
    if pengganti is not None and not (source.path.parent / f"{pengganti}.yaml").is_file():
        return [Problem(marks.at(("pencabutan", "pengganti")), f"SOP pengganti '{pengganti}' tidak ada di folder ini",
                        "nama berkas SOP lain di folder kecamatan yang sama, tanpa .yaml")]
    return []


def revision_date_warnings(sop: Sop) -> list[Problem]:
    """A warning when the sheet's Tgl Revisi disagrees with the newest entry of ``revisi``.

    Entries dated on or before the Tgl Efektif record the enactment ("Penetapan awal"), not a
    revision, and ask nothing of Tgl Revisi. Located at ``tanggal.revisi`` (or ``tanggal``).
    """
    dates = [d for d, _ in sop.revisi if d is not None]
    latest = max(dates, default=None)
    if latest is None or (sop.tgl_efektif is not None and latest <= sop.tgl_efektif) or sop.tgl_revisi == latest:
        return []
    shown = format_tanggal(sop.tgl_revisi) if sop.tgl_revisi else "kosong"
    return [Problem(read_yaml(sop.source).marks.at(("tanggal", "revisi")),
                    f"peringatan: Tgl Revisi ({shown}) tidak sama dengan revisi terakhir di riwayat revisi "
                    f"({format_tanggal(latest)})", f"tanggal: {{revisi: {latest.isoformat()}}}")]


def incompleteness_warnings(sop: Sop) -> list[Problem]:
    """One located warning per item an official sheet needs and *sop* lacks (:attr:`Sop.kekurangan`).

    The signing official's items point into the SOP's ``disahkan_oleh`` or, when the SOP has
    none, into its folder's ``instansi.yaml``.
    """
    if not sop.kekurangan:
        return []
    marks = read_yaml(sop.source).marks
    official = marks if ("disahkan_oleh",) in marks.values else read_yaml(
        sop.source.parent / "instansi.yaml").marks
    where = {"nomor SOP": marks.at(("nomor",)), "tanggal pengesahan": marks.at(("tanggal", "efektif")),
             "nama pengesah": official.at(("disahkan_oleh", "nama")),
             "NIP pengesah": official.at(("disahkan_oleh", "nip"))}
    allowed = {"nomor SOP": 'nomor: "…" sesuai tata naskah dinas',
               "tanggal pengesahan": "tanggal: {efektif: 2024-01-02}",
               "nama pengesah": "disahkan_oleh: {nama: …} di SOP ini atau di instansi.yaml",
               "NIP pengesah": "disahkan_oleh: {nip: \"19781204 199802 1 001\"} di SOP ini atau di instansi.yaml"}
    return [Problem(where[item], f"peringatan: SOP belum lengkap: {item} belum diisi", allowed[item])
            for item in sop.kekurangan]


def _main_path(count: int, edges: list[Edge]) -> list[int]:
    """Steps on the main path, whose Waktu makes the total: from step 1 follow forward edges, preferring 'ya'."""
    outgoing: dict[int, list[Edge]] = {}
    for edge in edges:
        outgoing.setdefault(edge.source, []).append(edge)
    path, current, seen = [0], 0, {0}
    while True:
        forward = [e for e in outgoing.get(current, []) if e.target > current]
        if not forward:
            return path
        forward.sort(key=lambda e: (e.kind != "ya", e.target))
        current = forward[0].target
        if current in seen:
            return path
        seen.add(current)
        path.append(current)


def validate_source(source: SourceFile, folder: Folder | None) -> tuple[Sop | None, list[Problem]]:
    """Validate one SOP file against the schema, the flow rules and its folder's data.

    Returns the SOP (``None`` if anything is wrong, or when *folder* is ``None`` because
    its shared files are broken) and all problems found in the SOP file.
    """
    definition, problems = _parse(schema.SopDefinition, source)
    if definition is None:
        # Schema problems elsewhere in the file: still check its lanes and flow when they are
        # well-formed, so every problem is reported in one pass.
        part = _flow_part(source)
        return None, problems + (_flow_problems(part, source.marks)[1] if part is not None else [])
    edges, flow_problems = _flow_problems(definition, source.marks)
    problems = [*problems, *flow_problems]
    problems += _check_status(definition, source)
    if folder is not None:
        known = [i.id for i in folder.instansi.indikator]
        for i, ref in enumerate(definition.jenis_dan_sumber_data):
            if ref not in known:
                problems.append(Problem(source.marks.at(("jenis_dan_sumber_data", i)),
                                        f"indikator '{ref}' tidak ada di indikator.yaml",
                                        f"id yang ada: {', '.join(known)}" if known else
                                        "tulis indikator di indikator.yaml folder ini"))
    if problems or folder is None:
        return None, problems
    return _build(definition, source.path, folder, edges, source.data), problems


@dataclass
class ValidationMemo:
    """What a session remembers of validation, the latest version of each file (by content).

    ``folders``: a folder's shared files (``instansi.yaml``, ``indikator.yaml``, ``../pemda.yaml``
    and the assets) → its :class:`Folder` and problems; ``sources``: an SOP file with its folder
    → its SOP and problems. Keep one across the rebuilds of ``serve`` to re-validate only
    what an edit changed.
    """

    folders: LatestMemo[tuple[Path, str], tuple[Folder | None, list[Problem]]] = field(default_factory=LatestMemo)
    sources: LatestMemo[tuple[Path, str, str], tuple[Sop | None, list[Problem]]] = field(
        default_factory=LatestMemo)


def _validate_file(path: Path, folder: Folder | None) -> tuple[Sop | None, list[Problem]]:
    return validate_source(read_yaml(path), folder)


def _folder_digest(folder: Path, assets: str) -> str:
    """Hash of the folder's shared YAML files (its own and ``../pemda.yaml``) and of *assets*."""
    digest = hashlib.sha256(assets.encode())
    for path in (folder / "instansi.yaml", folder / "indikator.yaml", folder.parent / "pemda.yaml"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_BYTES:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _assets_digest(paths: list[Path]) -> str:
    """Hash of the name, size and mtime of every non-YAML file (logos, surveys) under *paths*."""
    digest = hashlib.sha256()
    for top in paths:
        for path in sorted(top.rglob("*")) if top.is_dir() else []:
            if path.suffix.lower() not in {".yaml", ".yml"} and path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_catalog(paths: list[Path], memo: ValidationMemo | None = None, *, root: Path | None = None) -> Catalog:
    """Load and validate every SOP under *paths* with its folder's ``instansi.yaml``.

    *root* is the project's folder (:class:`generator.project.Project`), where logos and
    survey files must lie; when not given it is found once, from the first of *paths*.

    With a *memo*, results are remembered by file content (a ``serve`` session re-validates
    only the edited files); a symlink or an over-large file is always read afresh (and
    refused). A logo or survey file outside *paths* that changes is seen by the next session.
    """
    memo = memo or ValidationMemo()
    root = root.resolve() if root else find_project_root(paths[0]) if paths else Path.cwd().resolve()
    catalog = Catalog()
    folders: dict[Path, tuple[Folder | None, str]] = {}
    assets = _assets_digest(paths)
    for path in find_definition_files(paths):
        catalog.files += 1
        if naming := _naming_problems(path):
            catalog.problems += naming
            continue
        if path.parent not in folders:
            folder_key = (path.parent, _folder_digest(path.parent, assets))
            folder, problems = memo.folders.get(folder_key, path.parent, partial(read_folder, path.parent, root=root))
            folders[path.parent] = (folder, folder_key[1])
            catalog.problems += problems
        folder, folder_digest = folders[path.parent]
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            sop, problems = _validate_file(path, folder)
        else:
            key = (path, hashlib.sha256(path.read_bytes()).hexdigest(), folder_digest)
            sop, problems = memo.sources.get(key, path, partial(_validate_file, path, folder))
        catalog.problems += problems
        if sop is not None:
            catalog.sops.append(sop)
    if catalog.files == 0:
        where = ", ".join(str(p) for p in paths)
        catalog.problems.append(Problem(Location(paths[0] if paths else Path(".")),
                                        f"tidak ada berkas SOP (*.yaml) di {where}",
                                        "sop_definitions/<pemda>/<kecamatan>/<slug>.yaml"))
    catalog.sops.sort(key=lambda p: p.key)
    return catalog


@dataclass(frozen=True)
class Folder:
    """What a kecamatan folder gives its SOPs: the :class:`Instansi` and the instansi's render defaults."""

    instansi: Instansi
    render: schema.RenderOptions | None


def _indicators(folder: Path, root: Path) -> tuple[tuple[Indikator, ...], list[Problem]]:
    path = folder / "indikator.yaml"
    if not path.is_file():
        return (), []
    source = read_yaml(path)
    parsed, problems = _parse(schema.IndikatorFile, source)
    if parsed is None:
        return (), problems
    result: list[Indikator] = []
    seen: set[str] = set()
    for i, raw in enumerate(parsed.indikator):
        if raw.id in seen:
            problems.append(Problem(source.marks.at(("indikator", i, "id")),
                                    f"id indikator '{raw.id}' ditulis dua kali", "id unik"))
        seen.add(raw.id)
        surveys = {}
        for year, relative in raw.survei.items():
            survey_path, path_problems = _within_project(
                root, source, ("indikator", i, "survei", str(year)), relative, {".csv", ".xlsx"}, "survei")
            problems += path_problems
            if survey_path is None:
                continue
            rows, survey_problems = read_survey(survey_path)
            problems += survey_problems
            if rows and not survey_problems:
                try:
                    surveys[year] = compute_ikm(rows)
                except ValueError as exc:
                    problems.append(Problem(Location(survey_path), str(exc), "setiap unsur dijawab minimal sekali"))
        result.append(Indikator(
            id=raw.id, sasaran=raw.sasaran, indikator=raw.indikator, satuan=raw.satuan, polaritas=raw.polaritas,
            jenis_data=raw.jenis_data, sumber_data=raw.sumber_data, definisi=raw.definisi, formula=raw.formula,
            metode_pengumpulan=raw.metode_pengumpulan, frekuensi=raw.frekuensi,
            penanggung_jawab=raw.penanggung_jawab, aplikasi=raw.aplikasi, keterangan=raw.keterangan,
            targets={year: _target(text) for year, text in raw.target.items()},
            realisasi=dict(raw.realisasi), surveys=surveys))
    return tuple(result), problems


def _target(text: str) -> Target:
    """``"82"`` or ``"80-90"`` (validated by the schema) → :class:`Target`."""
    parts = [Decimal(p.replace(",", ".")) for p in re.split(r"\s*(?:–|s\.?d\.?|(?<=\d)-)\s*", text.strip()) if p]
    return Target(min(parts), max(parts))


def _pemda_rules(folder: Path) -> tuple[tuple[Band, ...], Decimal | None, list[Problem]]:
    path = folder.parent / "pemda.yaml"
    if not path.is_file():
        return DEFAULT_BANDS, None, []
    source = read_yaml(path)
    parsed, problems = _parse(schema.PemdaFile, source)
    if parsed is None:
        return DEFAULT_BANDS, None, problems
    bands = []
    for i, raw in enumerate(parsed.kategori_capaian or []):
        if (raw.mulai is None) == (raw.lebih_dari is None):
            problems.append(Problem(source.marks.at(("kategori_capaian", i)),
                                    f"kategori '{raw.kategori}' harus punya tepat satu batas",
                                    "'mulai: 91' (termasuk) atau 'lebih_dari: 85' (tidak termasuk)"))
            continue
        start = raw.mulai if raw.mulai is not None else raw.lebih_dari
        assert start is not None
        bands.append(Band(start, raw.kategori, exclusive=raw.lebih_dari is not None))
    return tuple(bands) or DEFAULT_BANDS, parsed.batas_capaian, problems


def read_folder(folder: Path, instansi_text: str | None = None, *,
                root: Path | None = None) -> tuple[Folder | None, list[Problem]]:
    """Read a kecamatan folder's shared files.

    ``instansi.yaml`` (from *instansi_text* when given, e.g. a git revision), the optional
    ``indikator.yaml`` with its survey files, and the optional ``../pemda.yaml``. Returns
    ``None`` with every problem when anything is wrong. The logo and survey files must lie
    inside the project *root* (:class:`generator.project.Project`; found from *folder* when
    not given).
    """
    root = root.resolve() if root else find_project_root(folder)
    path = folder / "instansi.yaml"
    if instansi_text is None and not path.is_file():
        return None, [Problem(Location(path), "instansi.yaml tidak ditemukan",
                              "setiap folder kecamatan memuat instansi.yaml")]
    source = read_yaml(path, instansi_text)
    instansi, problems = _parse(schema.Instansi, source)
    logo = None
    if instansi is not None and instansi.logo:
        logo, logo_problems = _within_project(root, source, ("logo",), instansi.logo, LOGO_SUFFIXES, "logo")
        if logo is not None and (why := logo_problem(logo)) is not None:
            logo_problems.append(Problem(source.marks.at(("logo",)), f"logo '{instansi.logo}' ditolak: {why}",
                                         "PNG/JPEG utuh, atau SVG tanpa skrip, atribut on…, foreignObject "
                                         "dan rujukan luar"))
            logo = None
        problems = [*problems, *logo_problems]
    indicators, indicator_problems = _indicators(folder, root)
    bands, cap, pemda_problems = _pemda_rules(folder)
    problems = [*problems, *indicator_problems, *pemda_problems]
    if instansi is None or problems:
        return None, problems
    unit = dataclasses.replace(_unit(instansi, logo), indikator=indicators, bands=bands, cap=cap)
    return Folder(unit, instansi.render), problems
