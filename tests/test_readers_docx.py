"""The Word reader: body order, headings, lists, tables, header and footer, bad input.

Every document is built here with python-docx; XML python-docx has no call for (tracked
changes, numbering on a Normal paragraph, content controls) is added as Word writes it.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extractor.errors import DocumentLoadError, EncryptedDocumentError
from extractor.extract.document import Document
from extractor.extract.pipeline import extract_file
from extractor.extract.readers import ReadOptions, read_document
from extractor.operations.batch import collect_inputs
from extractor.operations.cli import app

Word = docx.document.Document


def saved(word: Word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def read(word: Word, write: Callable[[str, bytes], Path]) -> Document:
    return read_document(write("sla.docx", saved(word)))


def kinds(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in doc.blocks]


def tables(doc: Document) -> list[list[list[str]]]:
    return [[row.texts for row in block.rows] for block in doc.tables()]


def table(word: Word, rows: list[list[str]]) -> docx.table.Table:
    grid = word.add_table(rows=len(rows), cols=len(rows[0]))
    for i, texts in enumerate(rows):
        for j, text in enumerate(texts):
            grid.cell(i, j).text = text
    return grid


def append_xml(word: Word, xml: str) -> None:
    """A body element as Word writes it, before the section properties."""
    body = word.element.body
    body.insert(len(body) - 1, parse_xml(xml))


# --------------------------------------------------------------------------- headings

def test_title_and_heading_styles_are_headings_with_levels(write) -> None:
    word = docx.Document()
    word.add_heading("Acme Cloud Service Level Agreement", level=0)
    word.add_heading("Uptime Commitment", level=1)
    word.add_paragraph("Acme commits to 99.9% monthly uptime.")
    word.add_heading("Measurement", level=2)
    word.add_paragraph("Subtitle text is a paragraph.", style="Subtitle")
    assert kinds(read(word, write)) == [
        ("heading", 1, "Acme Cloud Service Level Agreement"),
        ("heading", 2, "Uptime Commitment"),
        ("paragraph", 0, "Acme commits to 99.9% monthly uptime."),
        ("heading", 3, "Measurement"),
        ("paragraph", 0, "Subtitle text is a paragraph."),
    ]


def test_without_a_title_heading_1_is_level_1(write) -> None:
    word = docx.Document()
    word.add_heading("Service Credits", level=1)
    word.add_heading("Claims", level=2)
    assert [(b.level, b.text) for b in read(word, write).blocks] == [
        (1, "Service Credits"), (2, "Claims")]


def test_custom_style_based_on_a_heading_and_an_outline_level(write) -> None:
    word = docx.Document()
    custom = word.styles.add_style("Clause Title", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = word.styles["Heading 2"]
    word.add_paragraph("Exclusions", style="Clause Title")
    outlined = word.add_paragraph("Support Times")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    assert kinds(read(word, write)) == [("heading", 2, "Exclusions"),
                                        ("heading", 1, "Support Times")]


def test_a_short_all_bold_paragraph_is_a_heading_a_bold_sentence_is_not(write) -> None:
    word = docx.Document()
    word.add_paragraph().add_run("Service Credits").bold = True
    word.add_paragraph().add_run("2.1 Claims").bold = True
    word.add_paragraph().add_run("Credits are the sole remedy for any downtime.").bold = True
    mixed = word.add_paragraph()
    mixed.add_run("Note").bold = True
    mixed.add_run(" credits expire")
    assert kinds(read(word, write)) == [
        ("heading", 3, "Service Credits"),
        ("heading", 2, "2.1 Claims"),
        ("paragraph", 0, "Credits are the sole remedy for any downtime."),
        ("paragraph", 0, "Note credits expire"),
    ]


# --------------------------------------------------------------------------- lists

def test_list_styles_numbering_properties_and_typed_bullets_are_list_items(write) -> None:
    word = docx.Document()
    word.add_paragraph("Downtime does not include:")
    word.add_paragraph("scheduled maintenance", style="List Bullet")
    word.add_paragraph("force majeure events", style="List Number 2")
    numbered = word.add_paragraph("denial of service attacks")
    numbered._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    switched_off = word.add_paragraph("numbering switched off")
    switched_off._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
    word.add_paragraph("•\tcustomer equipment")
    assert kinds(read(word, write)) == [
        ("paragraph", 0, "Downtime does not include:"),
        ("list_item", 0, "scheduled maintenance"),
        ("list_item", 0, "force majeure events"),
        ("list_item", 0, "denial of service attacks"),
        ("paragraph", 0, "numbering switched off"),
        ("list_item", 0, "customer equipment"),
    ]


# --------------------------------------------------------------------------- tables

def test_a_word_table_is_a_table_block_in_body_order(write) -> None:
    word = docx.Document()
    word.add_paragraph("Credits are paid as follows.")
    table(word, [["Monthly Uptime", "Service Credit"], ["< 99.9%", "10%"], ["< 99.0%", "25%"]])
    word.add_paragraph("Credits are capped at 50%.")
    doc = read(word, write)
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert tables(doc) == [[["Monthly Uptime", "Service Credit"], ["< 99.9%", "10%"],
                            ["< 99.0%", "25%"]]]
    cell = doc.blocks[1].rows[1].cells[1]
    assert doc.text[cell.start:cell.end] == "10%"


def test_merged_cells_are_repeated_across_and_down(write) -> None:
    word = docx.Document()
    grid = table(word, [["Service", "Target", ""], ["API", "99.9%", "10%"],
                        ["", "99.5%", "25%"]])
    grid.cell(0, 1).merge(grid.cell(0, 2)).text = "Target and credit"
    grid.cell(1, 0).merge(grid.cell(2, 0)).text = "API"
    assert tables(read(word, write)) == [[
        ["Service", "Target and credit", "Target and credit"],
        ["API", "99.9%", "10%"],
        ["API", "99.5%", "25%"],
    ]]


def test_a_nested_table_is_flattened_into_its_cell(write) -> None:
    word = docx.Document()
    outer = table(word, [["Plan", "Credits"], ["Premium", ""]])
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    for (i, j), text in {(0, 0): "< 99.9%", (0, 1): "10%", (1, 0): "< 99%", (1, 1): "25%"}.items():
        inner.cell(i, j).text = text
    assert tables(read(word, write)) == [[["Plan", "Credits"],
                                          ["Premium", "< 99.9% 10% < 99% 25%"]]]


def test_a_wild_grid_span_is_capped(write) -> None:
    word = docx.Document()
    grid = table(word, [["Uptime", "Credit"], ["< 99.9%", "10%"]])
    grid.cell(1, 1)._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="2000000000"/>'))
    rows = tables(read(word, write))[0]
    assert rows[1][:2] == ["< 99.9%", "10%"] and len(rows[1]) <= 65


def test_a_one_column_layout_table_is_read_as_body_text(write) -> None:
    word = docx.Document()
    box = word.add_table(rows=2, cols=1)
    box.cell(0, 0).text = "Uptime Commitment"
    box.cell(0, 0).paragraphs[0].style = word.styles["Heading 1"]
    box.cell(1, 0).text = "Acme commits to 99.9% monthly uptime."
    assert kinds(read(word, write)) == [
        ("heading", 1, "Uptime Commitment"),
        ("paragraph", 0, "Acme commits to 99.9% monthly uptime.")]


# --------------------------------------------------------------------------- text as printed

def test_tracked_changes_content_controls_and_line_breaks(write) -> None:
    word = docx.Document()
    append_xml(word, f"""<w:p {nsdecls("w")}>
        <w:r><w:t xml:space="preserve">Acme commits to </w:t></w:r>
        <w:del w:id="1" w:author="x"><w:r><w:delText>99.5%</w:delText></w:r></w:del>
        <w:ins w:id="2" w:author="x"><w:r><w:t>99.9%</w:t></w:r></w:ins>
        <w:r><w:t xml:space="preserve"> uptime.</w:t></w:r></w:p>""")
    append_xml(word, f"""<w:sdt {nsdecls("w")}><w:sdtContent>
        <w:p><w:r><w:t>Claims are made by email.</w:t></w:r></w:p>
        </w:sdtContent></w:sdt>""")
    lines = word.add_paragraph("Exclusions:")
    for item in ("- scheduled maintenance", "- force majeure"):
        run = lines.add_run()
        run.add_break()
        run.add_text(item)
    assert kinds(read(word, write)) == [
        ("paragraph", 0, "Acme commits to 99.9% uptime."),
        ("paragraph", 0, "Claims are made by email."),
        ("paragraph", 0, "Exclusions:"),
        ("list_item", 0, "scheduled maintenance"),
        ("list_item", 0, "force majeure"),
    ]


# --------------------------------------------------------------------------- header, footer

def test_header_before_the_body_footer_after_and_page_numbers_dropped(write) -> None:
    word = docx.Document()
    word.core_properties.title = "Acme SLA"
    section = word.sections[0]
    section.header.paragraphs[0].text = "Acme Cloud, Inc. Service Level Agreement"
    section.footer.paragraphs[0].text = "Confidential. Acme Cloud, Inc."
    word.add_paragraph("The Service is available 99.9% of the time.")
    doc = read(word, write)
    assert [b.text for b in doc.blocks] == [
        "Acme Cloud, Inc. Service Level Agreement",
        "The Service is available 99.9% of the time.",
        "Confidential. Acme Cloud, Inc."]
    assert doc.meta["title"] == "Acme SLA"
    assert doc.meta["running_text"] == ["Acme Cloud, Inc. Service Level Agreement",
                                        "Confidential. Acme Cloud, Inc."]


@pytest.mark.parametrize("furniture", ["Page 3 of 7", "4", "Page 12", "2 / 9"])
def test_a_header_that_is_only_a_page_number_is_dropped(furniture: str, write) -> None:
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = furniture
    word.sections[0].footer.paragraphs[0].text = furniture
    word.add_paragraph("The Service is available 99.9% of the time.")
    doc = read(word, write)
    assert [b.text for b in doc.blocks] == ["The Service is available 99.9% of the time."]
    assert "running_text" not in doc.meta


def acme_sla() -> Word:
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Acme Cloud Service Level Agreement"
    word.add_heading("Uptime Commitment", level=1)
    word.add_paragraph("Acme commits to 99.9% monthly uptime for the Service. If availability "
                       "falls below 99.9% in a calendar month, the customer receives a "
                       "service credit.")
    table(word, [["Monthly Uptime", "Service Credit"], ["Below 99.9%", "10%"],
                 ["Below 99.0%", "25%"]])
    return word


def test_a_word_sla_extracts_with_the_provider_from_its_header(write) -> None:
    result = extract_file(write("acme.docx", saved(acme_sla())))
    assert result.source.format == "docx"
    assert result.provider == "Acme Cloud"
    assert [t.percent for t in result.uptime_targets] == [99.9]
    tiers = result.credit_schedules[0].tiers or []
    assert [t.credit_percent for t in tiers] == [10, 25]


def test_batch_and_the_cli_take_docx(write, runner, tmp_path: Path) -> None:
    path = write("in/acme.docx", saved(acme_sla()))
    assert collect_inputs([path.parent]) == [path]
    result = runner.invoke(app, ["extract", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / "acme.docx.json").read_text("utf-8"))[
        "uptime_targets"][0]["percent"] == 99.9


# --------------------------------------------------------------------------- bad input

def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_member(name: str, data: bytes) -> bytes:
    """A real Word document with one member replaced (or added)."""
    with zipfile.ZipFile(io.BytesIO(saved(docx.Document()))) as source:
        members = {i.filename: source.read(i.filename) for i in source.infolist()}
    members[name] = data
    return _zip(members)


def _content_types() -> bytes:
    with zipfile.ZipFile(io.BytesIO(saved(docx.Document()))) as source:
        return source.read("[Content_Types].xml")


# an OLE compound file as Office saves a password-protected document: the stream
# names in its directory are UTF-16; only the header and the name are sniffed
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
ENCRYPTED_OLE = OLE + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode(
    "utf-16-le") + b"\x00" * 512

BAD = {
    "not a zip": (b"%PDF-1.4 a pdf named .docx", DocumentLoadError,
                  "is not a Word document: not a zip archive"),
    "a zip, not Word": (_zip({"notes.txt": b"uptime 99.9%"}), DocumentLoadError,
                        "is a zip archive but not a Word document (no word/document.xml)"),
    "an OpenDocument text": (_zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                                   "content.xml": b"<x/>"}), DocumentLoadError,
                             "not a Word document (no word/document.xml)"),
    "broken document.xml": (_with_member("word/document.xml", b"<w:document><w:body>"),
                            DocumentLoadError, "is not a readable Word document"),
    "macro-enabled, renamed": (
        _with_member("[Content_Types].xml", _content_types().replace(
            b"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"vnd.ms-word.document.macroEnabled.main+xml")), DocumentLoadError,
        "its main part is application/vnd.ms-word.document.macroEnabled.main+xml"),
    "no body": (_with_member("word/document.xml", f'<w:document {nsdecls("w")}/>'.encode()),
                DocumentLoadError, "is not a readable Word document: it has no body"),
    "password protected": (ENCRYPTED_OLE, EncryptedDocumentError,
                           "is a password-protected (encrypted) Word document"),
    "an old .doc": (OLE + b"WordDocument".ljust(64, b"\x00"), DocumentLoadError,
                    "is an old binary Word (.doc) file, not .docx"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_clear_error_naming_the_file(case: str, write) -> None:
    data, error, problem = BAD[case]
    path = write("bad sla.docx", data)
    with pytest.raises(error) as caught:
        extract_file(path)
    assert type(caught.value) is error
    assert caught.value.path == str(path)
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}: ")


def test_a_zip_bomb_is_refused_from_the_central_directory(write, monkeypatch) -> None:
    # 20 MB of zeros deflate to ~20 KB: small on disk, far over a 1 MB limit unpacked
    bomb = _with_member("word/media/zeros.bin", b"\x00" * 20_000_000)
    assert len(bomb) < 100_000
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        expanded = sum(i.file_size for i in archive.infolist())
    path = write("bomb.docx", bomb)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx must not open a zip bomb")

    monkeypatch.setattr("extractor.extract.readers.docx.docx.Document", never)
    with pytest.raises(DocumentLoadError) as caught:
        read_document(path, ReadOptions(max_bytes=1_000_000))
    assert caught.value.path == str(path)
    assert f"expands to {expanded:,} bytes uncompressed" in caught.value.problem
    assert "over the 1,000,000-byte limit" in caught.value.problem


def test_the_cli_reports_a_bad_docx_in_one_line(write, runner) -> None:
    path = write("broken.docx", b"not a zip at all")
    result = runner.invoke(app, ["extract", str(path), "--out", "-"])
    assert result.exit_code != 0
    assert f"{path}: is not a Word document: not a zip archive" in result.output
    assert "Traceback" not in result.output
