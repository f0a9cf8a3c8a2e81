"""`sop import` (issue 15 §1, first part): Word SOP AP documents made from the seeds' texts, with
lanes shown as text marks, DrawingML shapes or VML shapes, import back to the seed's steps,
lanes, kinds, Mutu Baku and identity; .doc and .pdf are refused with the way to convert."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.definitions import load_catalog
from generator.model import Sop
from generator.word import ImportRefused, import_document
from tests.corpus import run
from tests.word.docx_fixtures import sop_docx, stripped


@pytest.mark.parametrize(("marks", "words", "one_table"), [
    ("teks", "", False), ("drawingml", "", False), ("drawingml-alt", "", False), ("vml", "", False),
    ("teks", "baku", False), ("drawingml", "aktivitas", True), ("vml", "baku", True),
    ("anchor-margin", "", False), ("anchor-page", "baku", False), ("vml-float", "", False), ("vmerge", "", False),
    ("alternate", "aktivitas", False),
    ("vml-garis", "baku", False), ("vml-polyline", "", False)])
def test_every_seed_imports_back_to_its_steps_lanes_and_identity(seeds: list[Sop], tmp_path: Path,
                                                                 marks: str, words: str, one_table: bool) -> None:
    for sop in seeds:
        result = import_document(sop_docx(sop, tmp_path / f"{sop.slug}-{sop.kecamatan_slug}.docx", marks, words,
                                      one_table))
        data = yaml.safe_load(result.yaml_text)
        assert data["nama"] == sop.nama and data.get("nomor") == sop.nomor
        assert [lane["label"] for lane in data["pelaksana"]] == [lane.label for lane in sop.pelaksana]
        labels = {lane["id"]: lane["label"] for lane in data["pelaksana"]}
        assert len(data["langkah"]) == len(sop.langkah)
        for got, step in zip(data["langkah"], sop.langkah, strict=True):
            lanes = got["pelaksana"] if isinstance(got["pelaksana"], list) else [got["pelaksana"]]
            assert [labels[i] for i in lanes] == [sop.pelaksana[k].label for k in step.pelaksana], step.number
            assert got["kegiatan"] == step.kegiatan
            assert got.get("kelengkapan", []) == list(step.kelengkapan)
            output = got.get("output", [])
            assert (output if isinstance(output, list) else [output]) == list(step.output), step.number
            assert got.get("waktu") == (step.waktu.text if step.waktu else None)
            if marks != "teks":  # shapes say which steps are decisions; text marks cannot
                assert ("ya" in got) == (step.symbol == "decision"), step.number
            if marks == "drawingml-alt" and step.symbol == "decision":  # read, not guessed
                branches = {e.kind: e.target + 1 for e in sop.outgoing(step.index)}
                assert (got["ya"], got["tidak"]) == (branches["ya"], branches["tidak"])
            if marks in ("vml-garis", "vml-polyline"):  # read from the arrows and their labels
                edges = {e.kind: e.target + 1 for e in sop.outgoing(step.index)}
                if step.symbol == "decision":
                    assert (got["ya"], got["tidak"]) == (edges["ya"], edges["tidak"]), (sop.key, step.number)
                else:
                    assert got.get("lanjut") == (edges.get("next") if edges.get("next") != step.number + 1 else None)
        if marks in ("drawingml-alt", "vml-garis", "vml-polyline"):
            assert "PERIKSA: tujuan cabang" not in result.yaml_text and result.problems == []
        assert data.get("dasar_hukum", []) == list(sop.identitas["dasar_hukum"])
        assert data.get("keterkaitan", []) == list(sop.identitas["keterkaitan"])


def test_a_guess_is_marked_and_the_draft_is_checked(seeds: list[Sop], tmp_path: Path) -> None:
    sop = next(s for s in seeds if s.kecamatan_slug == "wonoasih")
    result = import_document(sop_docx(sop, tmp_path / "wonoasih.docx", "drawingml"))
    lines = result.yaml_text.splitlines()
    assert "status: draf  # PERIKSA: ubah menjadi 'berlaku' setelah disahkan" in lines
    assert any(line.endswith("# PERIKSA: tujuan cabang Ya ditebak (langkah berikutnya)") for line in lines)
    assert "langkah 5: tujuan cabang Ya dan Tidak" in result.guessed
    assert result.problems == []  # the draft passes the schema and the flow checks as it is


@pytest.mark.parametrize(("name", "message"), [
    ("lama.doc", "lama.doc: berkas Word lama (.doc) tidak dibaca; simpan dulu sebagai .docx (Word: Simpan Sebagai "
                 "→ .docx, atau 'soffice --headless --convert-to docx lama.doc')"),
    ("teks.docx", "teks.docx: bukan berkas Word .docx atau Excel .xlsx"),
    ("lama.xls", "lama.xls: berkas Excel lama (.xls) tidak dibaca; simpan dulu sebagai .xlsx (Excel: Simpan Sebagai "
                 "→ .xlsx, atau 'soffice --headless --convert-to xlsx lama.xls')"),
])
def test_files_it_must_not_half_read_are_refused(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"bukan word")
    with pytest.raises(ImportRefused) as refused:
        import_document(path)
    assert str(refused.value) == message


def test_the_command_writes_a_draft_reports_and_never_overwrites(seeds: list[Sop], tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sop = next(s for s in seeds if s.kecamatan_slug == "wonoasih")
    source = sop_docx(sop, tmp_path / "kanigaran.docx", "vml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["import", str(source)], capsys)
    assert code == 0, err
    draft = tmp_path / "kanigaran.yaml"
    assert draft.is_file() and yaml.safe_load(draft.read_text())["nama"] == sop.nama
    assert out.splitlines()[0] == "kanigaran.yaml ditulis dari kanigaran.docx."
    assert out.splitlines()[1].startswith("Dibaca: identitas: 10 isian")
    assert out.splitlines()[2] == ("Ditebak (bertanda PERIKSA): langkah 5: tujuan cabang Ya dan Tidak; "
                                   "langkah 7: tujuan cabang Ya dan Tidak.")
    draft.write_text("milik pengguna\n")
    code, _, err = run(["import", str(source)], capsys)
    assert code == 1 and err == "kanigaran.yaml sudah ada; tidak ditimpa (pakai --timpa untuk menimpanya)\n"
    assert draft.read_text() == "milik pengguna\n"
    assert run(["import", str(source), "--timpa"], capsys)[0] == 0
    assert draft.read_text() != "milik pengguna\n"


def _flow(sop: Sop) -> list[tuple[object, ...]]:
    """What an SOP's flow is, lane labels instead of indices: what a round trip must keep."""
    return [(s.kegiatan, tuple(sop.pelaksana[k].label for k in s.pelaksana), s.symbol, s.kelengkapan,
             s.waktu.text if s.waktu else None, " ".join(s.output), s.keterangan if s.keterangan != "-" else None,
             tuple((e.kind, e.target) for e in sop.outgoing(s.index))) for s in sop.langkah]


def _assert_same(back: Sop, sop: Sop) -> None:
    """*back* (imported) has *sop*'s identity, lanes, flow and list sections."""
    assert (back.nama, back.nomor, back.tgl_pembuatan, back.tgl_revisi, back.tgl_efektif) == \
        (sop.nama, sop.nomor, sop.tgl_pembuatan, sop.tgl_revisi, sop.tgl_efektif)
    assert [lane.label for lane in back.pelaksana] == [lane.label for lane in sop.pelaksana]
    assert _flow(back) == _flow(sop), sop.key
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
                "pencatatan_pendataan"):
        assert back.identitas[key] == sop.identitas[key], (sop.key, key)


def _draft_folder(root: Path, sop: Sop) -> Path:
    """A folder under *root* for *sop*'s imported draft, beside a copy of its instansi (and indikator) file."""
    folder = root / sop.key
    folder.mkdir(parents=True)
    for name in ("instansi.yaml", "indikator.yaml"):
        if sop.source.with_name(name).is_file():
            (folder / name).write_text(sop.source.with_name(name).read_text())
    return folder


def test_an_exported_seed_imports_back_to_the_same_sop(seeds: list[Sop], tmp_path: Path) -> None:
    from generator.definitions import load_catalog
    from generator.word import export_docx

    for sop in seeds:
        folder = _draft_folder(tmp_path, sop)
        document = tmp_path / f"{sop.slug}.docx"
        document.write_bytes(export_docx(sop))
        result = import_document(document, draft=folder / f"{sop.slug}.yaml")
        (folder / f"{sop.slug}.yaml").write_text(result.yaml_text)
        catalog = load_catalog([folder])
        assert catalog.problems == [], catalog.problems
        back = catalog.sops[0]
        assert "PERIKSA: tujuan" not in result.yaml_text
        _assert_same(back, sop)
        if sop.disahkan_oleh is not None and sop.disahkan_oleh.nama:
            assert back.disahkan_oleh is not None
            assert (back.disahkan_oleh.nama, back.disahkan_oleh.jabatan) == \
                (sop.disahkan_oleh.nama, sop.disahkan_oleh.jabatan)


def test_export_command_writes_a_landscape_document_with_repeated_headers(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    from tests.conftest import ROOT

    monkeypatch.chdir(tmp_path)
    code, out, err = run(["export", str(ROOT / "sop_definitions/kota-probolinggo/wonoasih/penyusunan-lkjip.yaml")],
                         capsys)
    assert (code, out, err) == (0, "penyusunan-lkjip-wonoasih.docx ditulis (8 langkah, kertas F4).\n", "")
    document = docx.Document(str(tmp_path / "penyusunan-lkjip-wonoasih.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (330, 215)
    flow = document.tables[-1]
    assert [row._tr.xml.count("<w:tblHeader") for row in flow.rows[:3]] == [1, 1, 0]
    assert flow.rows[2]._tr.xml.count('prst="flowChartTerminator"') == 1
    assert "Ya → langkah 6; Tidak → langkah 4." in flow.rows[2 + 4]._tr.xml
    assert document.styles["Normal"].font.name == "Liberation Sans"


def _anchors(cell: object) -> list[dict[str, str]]:
    import re

    xml = cell._tc.xml
    return [dict(zip(("h", "v", "cx", "cy", "prst"), m, strict=True)) for m in re.findall(
        r'<wp:positionH relativeFrom="column">\s*<wp:posOffset>(-?\d+)</wp:posOffset>\s*</wp:positionH>\s*'
        r'<wp:positionV relativeFrom="paragraph">\s*<wp:posOffset>(-?\d+)</wp:posOffset>\s*</wp:positionV>\s*'
        r'<wp:extent cx="(\d+)" cy="(\d+)"/>.*?prst="(\w+)"', xml, re.S)]


def test_exported_symbols_sit_centred_in_their_lane_cells_and_arrows_are_glued(seeds: list[Sop]) -> None:
    """Every symbol is anchored in its own lane cell of its step row, centred by its offsets (EMU)
    in the cell's width (the grid) and the row's height (``w:trHeight``); every arrow is a
    connector glued at both ends, and the pages follow the PDF's pagination."""
    import io

    import docx

    from generator.sheet import layout_sop
    from generator.word import export_docx

    for sop in seeds:
        layout = layout_sop(sop)
        document = docx.Document(io.BytesIO(export_docx(sop)))
        flows = document.tables[2 if sop.jenis_dan_sumber_data else 1:]  # after identity (and Jenis dan Sumber Data)
        assert len(flows) == len(layout.pages), sop.key
        for page, table in zip(layout.pages, flows, strict=True):
            assert len(table.rows) == len(page.rows)
            for r, row in enumerate(page.rows):
                assert abs(table.rows[r].height.mm - row.height) < 0.01
                if row.step is None:
                    continue
                step = sop.langkah[row.step]
                for lane in range(len(sop.pelaksana)):
                    column = layout.columns[2 + lane]
                    symbols = [a for a in _anchors(table.rows[r].cells[2 + lane]) if a["prst"].startswith("flowChart")]
                    if lane not in step.pelaksana:
                        assert symbols == [], (sop.key, step.number, lane)
                        continue
                    (symbol,) = symbols
                    width, height = int(symbol["cx"]) / 36000, int(symbol["cy"]) / 36000
                    assert abs(int(symbol["h"]) / 36000 + width / 2 - column.width / 2) < 0.01
                    assert abs(int(symbol["v"]) / 36000 + height / 2 - row.height / 2) < 0.01
            xml = "".join(row._tr.xml for row in table.rows)
            assert xml.count("<wps:cNvCnPr>") == len(page.drawing.arrows)
            assert xml.count("<a:stCxn ") == xml.count("<a:endCxn ") == len(page.drawing.arrows)


def test_export_carries_the_jenis_dan_sumber_data_table_the_pdf_prints(seeds: list[Sop]) -> None:
    """An LKjIP SOP's sheet lists the indicators whose data it produces; the Word copy does too."""
    import io

    import docx

    from generator.word import export_docx

    (sop,) = [s for s in seeds if s.jenis_dan_sumber_data]
    table = docx.Document(io.BytesIO(export_docx(sop))).tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Jenis dan Sumber Data"] * 5  # one cell across the table
    assert rows[1] == ["No", "Indikator", "Jenis Data", "Sumber Data", "Cara, frekuensi, penanggung jawab"]
    indicators = [sop.instansi.find_indikator(i) for i in sop.jenis_dan_sumber_data]
    assert [r[:4] for r in rows[2:]] == [[str(n), i.indikator, i.jenis_data, i.sumber_data]
                                         for n, i in enumerate(indicators, start=1)]
    assert rows[2][4] == (f"Cara: {indicators[0].metode_pengumpulan}\nFrekuensi: {indicators[0].frekuensi}\n"
                          f"Aplikasi: {indicators[0].aplikasi}")
    assert rows[4][4] == "-"  # nothing said of how its data is gathered


def _stripped(document: Path, *patterns: str) -> Path:
    """A copy of *document* with every match of *patterns* removed from its body XML."""
    out = document.with_name(f"{document.stem}-tanpa.docx")
    out.write_bytes(stripped(document.read_bytes(), *patterns))
    return out


@pytest.mark.parametrize("without", ["alt", "alt-glue", "grup-alt", "grup-alt-glue"])
def test_connectors_are_read_by_their_glue_and_else_by_their_geometry(seeds: list[Sop], tmp_path: Path,
                                                                      without: str) -> None:
    """With the shapes' alternative text gone, the branches come from the connectors: glued ends;
    with the glue gone too, the ends' positions in the table frame (lane grid, row heights),
    the labels beside the arrows (Ya/Tidak, "Disetujui", "TIDAK") and the off-page letters.
    The same when each cell's shapes were grouped (``grup-``): the group's transform places them."""
    from generator.word import export_docx
    from tests.word.docx_fixtures import grouped

    patterns = [r' descr="[^"]*"'] + ([r"<a:(?:stCxn|endCxn) [^>]*/>"] if without.endswith("alt-glue") else [])
    for sop in seeds:
        document = tmp_path / f"{sop.slug}-{sop.kecamatan_slug}.docx"
        exported = export_docx(sop)
        document.write_bytes(grouped(exported) if without.startswith("grup") else exported)
        bare = _stripped(document, *patterns)
        text = zipfile_text(bare)
        assert "descr=" not in text and ("stCxn" in text) == (not without.endswith("alt-glue"))
        assert ("<wpg:wgp" in text) == without.startswith("grup")
        result = import_document(bare)
        assert result.left_out == [], (sop.key, result.left_out)
        assert "PERIKSA: tujuan" not in result.yaml_text and "PERIKSA: dari panah" not in result.yaml_text, sop.key
        data = yaml.safe_load(result.yaml_text)
        for got, step in zip(data["langkah"], sop.langkah, strict=True):
            edges = {e.kind: e.target + 1 for e in sop.outgoing(step.index)}
            if step.symbol == "decision":
                assert (got["ya"], got["tidak"]) == (edges["ya"], edges["tidak"]), (sop.key, step.number)
            else:
                assert got.get("lanjut") == (edges.get("next") if edges.get("next") != step.number + 1 else None)
        assert any(line.startswith("panah: ") and line != "panah: tidak ada yang terbaca" for line in result.read)


def zipfile_text(document: Path) -> str:
    """The body XML of a .docx."""
    import zipfile

    with zipfile.ZipFile(document) as archive:
        return archive.read("word/document.xml").decode()


def test_files_that_lack_parts_say_what_is_missing(seeds: list[Sop], tmp_path: Path) -> None:
    import docx

    sop = next(s for s in seeds if s.kecamatan_slug == "wonoasih")
    full = docx.Document(str(sop_docx(sop, tmp_path / "penuh.docx", "drawingml")))
    # Without the identity tables: the name comes from the file name, marked.
    body = full.element.body
    for table in full.tables[:2]:
        body.remove(table._tbl)
    # One step lost its symbol.
    row = full.tables[0].rows[3 + 2]
    for cell in row.cells[2:7]:
        for drawing in cell._tc.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r"):
            drawing.getparent().remove(drawing)
    full.save(str(tmp_path / "tanpa-identitas.docx"))
    result = import_document(tmp_path / "tanpa-identitas.docx")
    lines = result.yaml_text.splitlines()
    assert 'nama: "tanpa identitas"  # PERIKSA: nama SOP tidak ditemukan; diambil dari nama berkas' in lines
    assert "    pelaksana: camat  # PERIKSA: simbol langkah ini tidak ditemukan" in lines
    assert result.read[0] == "identitas: tidak ditemukan"
    assert result.guessed[:2] == ["nama SOP (dari nama berkas)", "langkah 3: pelaksana (tidak ada simbol)"]
    # Without the flowchart table: said, and the draft names what sop check still refuses.
    empty = docx.Document()
    empty.add_paragraph("SOP tanpa tabel")
    empty.save(str(tmp_path / "kosong.docx"))
    result = import_document(tmp_path / "kosong.docx")
    assert result.left_out == ["tabel flowchart tidak ditemukan (judul kolom Kegiatan dan Pelaksana)"]
    assert [p.message for p in result.problems] == ["SOP harus punya minimal 2 langkah"]


@pytest.mark.parametrize("marks", ["teks", "bentuk", "bentuk-lepas", "bentuk-grup"])
def test_every_seed_kept_as_an_excel_sheet_imports_back(seeds: list[Sop], tmp_path: Path, marks: str) -> None:
    """An .xlsx SOP sheet (dates as Excel dates, one numbered list item per row, merged headers;
    lanes as an "X", or as shapes with glued or loose connectors and label text boxes) imports
    to the seed's identity, lanes, steps and Mutu Baku, and with shapes to its decisions."""
    from generator.definitions import load_catalog
    from tests.word.xlsx_fixtures import sop_xlsx

    for sop in seeds:
        folder = _draft_folder(tmp_path / marks, sop)
        book = sop_xlsx(sop, tmp_path / f"{sop.slug}-{sop.kecamatan_slug}.xlsx", marks)
        result = import_document(book, draft=folder / f"{sop.slug}.yaml")
        drawn = sum(len(s.pelaksana) for s in sop.langkah) + len(sop.edges) + \
            sum(e.kind in ("ya", "tidak") for e in sop.edges)  # symbols, connectors, labels
        assert result.read[0] == f"lembar Excel 'SOP' ({0 if marks == 'teks' else drawn} bentuk)"
        (folder / f"{sop.slug}.yaml").write_text(result.yaml_text)
        catalog = load_catalog([folder])
        if marks == "teks":  # text marks cannot say which steps are decisions: the draft says so
            assert all(p.message for p in catalog.problems)
            data = yaml.safe_load(result.yaml_text)
            assert [s["kegiatan"] for s in data["langkah"]] == [s.kegiatan for s in sop.langkah]
            continue
        assert catalog.problems == [], (sop.key, catalog.problems)
        back = catalog.sops[0]
        assert "PERIKSA: tujuan" not in result.yaml_text and "PERIKSA: dari panah" not in result.yaml_text
        _assert_same(back, sop)


def test_generated_flows_come_back_from_their_connectors_alone(tmp_path: Path) -> None:
    """Flows nobody drew by hand (tests/flows.py, fixed seed: several lanes, decisions, chains,
    jumps, joint steps, off-page connectors) exported, stripped of the shapes' alternative text
    and the connectors' glue, import back to the same flow: lanes, kinds, texts and every edge
    with its branch. ``bench/word.py`` runs the same on many more and prints the figures."""
    from generator.word import export_docx
    from tests.flows import checked_flows

    for k, sop in enumerate(checked_flows(tmp_path / "alur", 5, 4)):
        document = tmp_path / f"alur-{k}.docx"
        document.write_bytes(export_docx(sop))
        bare = _stripped(document, r' descr="[^"]*"', r"<a:(?:stCxn|endCxn) [^>]*/>")
        folder = tmp_path / "kembali" / str(k) / "uji" / "kec"
        folder.mkdir(parents=True)
        (folder / "instansi.yaml").write_text(sop.source.with_name("instansi.yaml").read_text())
        result = import_document(bare, draft=folder / "alur.yaml")
        (folder / "alur.yaml").write_text(result.yaml_text)
        catalog = load_catalog([folder])
        assert catalog.problems == [], (sop.source.read_text(), catalog.problems)
        back = catalog.sops[0]
        assert [(s.kegiatan, tuple(back.pelaksana[i].label for i in s.pelaksana), s.symbol,
                 tuple((e.kind, e.target) for e in back.outgoing(s.index))) for s in back.langkah] == \
            [(s.kegiatan, tuple(sop.pelaksana[i].label for i in s.pelaksana), s.symbol,
              tuple((e.kind, e.target) for e in sop.outgoing(s.index))) for s in sop.langkah], sop.source.read_text()


def test_a_shape_with_a_vml_fallback_is_read_once() -> None:
    """Word 2010+ stores a shape twice in ``mc:AlternateContent`` (DrawingML, VML fallback): one drawing."""
    from docx.oxml import parse_xml

    from generator.word.shapes import drawings
    from tests.word.docx_fixtures import _NS, _alternate

    cell = parse_xml(f"<w:tc {_NS}><w:p>{_alternate('decision', 7)}</w:p></w:tc>")
    assert [(d.kind, d.ident) for d in drawings(cell)] == [("decision", "7")]


@pytest.mark.parametrize("holder", ["grup", "kanvas"])
def test_a_grouped_symbol_is_read_and_a_canvas_is_said_to_be_left_out(seeds: list[Sop], tmp_path: Path,
                                                                      holder: str) -> None:
    """A group (``wpg:wgp``) is read through its transform; a drawing canvas (``wpc:wpc``) keeps its
    shapes in a frame of its own: not read, and the report says how to take them out."""
    import docx
    from docx.oxml import parse_xml

    from tests.word.docx_fixtures import _NS

    sop = next(s for s in seeds if s.kecamatan_slug == "wonoasih")
    document = docx.Document(str(sop_docx(sop, tmp_path / "grup.docx", "teks")))
    flow = document.tables[-1]
    cell = flow.rows[3].cells[2]  # step 1's lane: its X replaced by a drawing holding the capsule
    cell.text = ""
    capsule = ('<wps:wsp><wps:cNvPr id="11" name="Kapsul"/><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="200000" y="0"/>'
               '<a:ext cx="1400000" cy="1200000"/></a:xfrm><a:prstGeom prst="flowChartTerminator"><a:avLst/>'
               "</a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>")
    body = (f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="900000" cy="600000"/>'
            f'<a:chOff x="0" y="0"/><a:chExt cx="1800000" cy="1200000"/></a:xfrm></wpg:grpSpPr>{capsule}</wpg:wgp>'
            if holder == "grup" else f"<wpc:wpc><wpc:bg/><wpc:whole/>{capsule}</wpc:wpc>")
    uri = "wordprocessingGroup" if holder == "grup" else "wordprocessingCanvas"
    cell.paragraphs[0]._p.append(parse_xml(
        f'<w:r {_NS} xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
        'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"><w:drawing>'
        '<wp:inline><wp:extent cx="900000" cy="600000"/><wp:docPr id="9" name="Grup 9"/><a:graphic><a:graphicData '
        f'uri="http://schemas.microsoft.com/office/word/2010/{uri}">{body}</a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r>"))
    document.save(str(tmp_path / "grup.docx"))
    result = import_document(tmp_path / "grup.docx")
    if holder == "grup":
        assert result.left_out == []
        assert yaml.safe_load(result.yaml_text)["langkah"][0]["pelaksana"] == sop.pelaksana[0].id
        assert not any(line.startswith("langkah 1: pelaksana") for line in result.guessed)
        return
    assert result.left_out == ["1 kanvas gambar tidak dibaca; di Word, pindahkan bentuk-bentuknya keluar dari kanvas "
                               "(pilih, Cut, lalu Paste di sel), simpan, dan impor lagi"]
    assert "langkah 1: pelaksana (tidak ada simbol)" in result.guessed
