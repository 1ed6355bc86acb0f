"""The PDF reader: text layer, ruled tables, page furniture, and bad PDFs.

Every PDF is built here with reportlab into tmp_path; each case shows one thing.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from extractor.errors import DocumentLoadError, EncryptedDocumentError
from extractor.extract.document import Document
from extractor.extract.readers import ReadOptions, read_document
from extractor.extract.readers.pdf import SCANNED, read_pdf

STYLES = getSampleStyleSheet()
BODY, H1, H2 = STYLES["BodyText"], STYLES["Heading1"], STYLES["Heading2"]
LONG = ("If the Monthly Uptime Percentage falls below the Service Commitment in a billing "
        "cycle, the Customer is eligible for a Service Credit equal to ten percent of the "
        "monthly fee for the affected Service, applied to the next invoice.")


def build(path: Path, story: list, header: str | None = "Acme SLA — Confidential",
          footer: bool = True, title: str | None = None, password: str | None = None) -> Path:
    """A PDF from platypus flowables, with a running header and "Page N of M" footer
    (a one-page document keeps both: nothing repeats on it)."""
    def furniture(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.saveState()
        c.setFont("Helvetica", 8)
        if header:
            c.drawString(72, A4[1] - 40, header)
        if footer:
            c.drawRightString(A4[0] - 72, 30, f"Page {doc.page} of {total}")
        c.restoreState()

    total = 0
    for _ in range(2):  # the first pass counts the pages for "of M"
        buffer = io.BytesIO()
        # an encryption object serves one build only
        encrypt = StandardEncryption(password, ownerPassword="owner") if password else None
        doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title=title, encrypt=encrypt)
        doc.build(list(story), onFirstPage=furniture, onLaterPages=furniture)
        total = doc.page
    path.write_bytes(buffer.getvalue())
    return path


def ruled(rows: list[list[str]], repeat: int = 1) -> Table:
    table = Table(rows, repeatRows=repeat)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return table


def read(path: Path, **options) -> Document:
    return read_pdf(path, path.read_bytes(), **options)


def canvas_pdf(path: Path, pages: list[list[tuple[float, float, str]]], **kwargs) -> Path:
    """Exact layouts: each page a list of (x, y, text) drawn in Helvetica 10."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **kwargs)
    for lines in pages:
        c.setFont("Helvetica", 10)
        for x, y, text in lines:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return path


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


# --------------------------------------------------------------------------- furniture

RUNNING = {
    "page n of m": ("Acme SLA — Confidential", "Page {n} of {m}"),
    "bare number": ("Acme Cloud Services", "{n}"),
    "dashed number": ("ACME SLA v2.1 (2025)", "- {n} -"),
}


@pytest.mark.parametrize("case", sorted(RUNNING))
def test_running_headers_and_footers_are_dropped(case: str, tmp_path: Path) -> None:
    header, footer = RUNNING[case]

    def furniture(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(72, A4[1] - 40, header)
        c.drawCentredString(A4[0] / 2, 30, footer.format(n=doc.page, m=3))

    story = [Paragraph("Service Level Agreement", H1), Paragraph(LONG, BODY), PageBreak(),
             Paragraph("Service Credits", H2), Paragraph(LONG, BODY), PageBreak(),
             Paragraph("Exclusions", H2), Paragraph(LONG, BODY)]
    path = tmp_path / "running.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        story, onFirstPage=furniture, onLaterPages=furniture)
    doc = read(path)
    assert doc.pages == 3
    assert header not in doc.text
    assert not any(b.text.strip("- ").isdigit() or b.text.startswith("Page ")
                   for b in doc.blocks), kinds(doc)
    assert kinds(doc)[0] == ("heading", "Service Level Agreement")
    assert header in doc.meta["running_text"]
    assert [b.page for b in doc.blocks if b.kind == "heading"] == [1, 2, 3]


def test_a_title_under_the_same_running_title_stays(tmp_path: Path) -> None:
    story = [Paragraph("Acme SLA — Confidential", H1), Paragraph(LONG, BODY), PageBreak(),
             Paragraph(LONG, BODY)]
    doc = read(build(tmp_path / "t.pdf", story))
    assert kinds(doc)[0] == ("heading", "Acme SLA — Confidential")
    assert doc.text.count("Acme SLA — Confidential") == 1


def test_section_numbers_atop_pages_are_not_page_numbers(tmp_path: Path) -> None:
    story = []
    for number in (4, 9, 15):
        story += [Paragraph(f"Section {number}", H2), Paragraph(LONG, BODY), PageBreak()]
    doc = read(build(tmp_path / "s.pdf", story[:-1], header=None, footer=False))
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [
        "Section 4", "Section 9", "Section 15"]


def test_a_header_on_one_page_of_three_is_content(tmp_path: Path) -> None:
    pages = [[(72, 800, "Draft for review"), (72, 700, "Uptime is 99.9% monthly.")],
             [(72, 700, "Credits are 10% of the fee.")], [(72, 700, "Claims within 30 days.")]]
    doc = read(canvas_pdf(tmp_path / "c.pdf", pages))
    assert "Draft for review" in doc.text


def test_a_one_page_document_keeps_its_header_and_footer(tmp_path: Path) -> None:
    doc = read(build(tmp_path / "one.pdf", [Paragraph(LONG, BODY)]))
    assert "Acme SLA — Confidential" in doc.text and "Page 1 of 1" in doc.text


# --------------------------------------------------------------------------- text

def test_wrapped_paragraph_lines_join_into_one_paragraph(tmp_path: Path) -> None:
    story = [Paragraph("Service Credits", H2), Paragraph(LONG, BODY), Paragraph(LONG, BODY)]
    doc = read(build(tmp_path / "p.pdf", story, header=None, footer=False))
    assert kinds(doc) == [("heading", "Service Credits"), ("paragraph", LONG),
                          ("paragraph", LONG)]


def test_bullets_are_list_items(tmp_path: Path) -> None:
    first = ("Scheduled maintenance announced at least 48 hours in advance, including "
             "emergency security patches that cannot wait for the next window;")
    items = [first, "Force majeure.", "Customer-caused issues."]
    story = [Paragraph("Exclusions", H2)] + [
        Paragraph(item, BODY, bulletText="•") for item in items]
    doc = read(build(tmp_path / "b.pdf", story, header=None, footer=False))
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == items


INLINE = ("To be eligible, the Service Credit request must (i) include your account name and;",
          "(ii) include the dates and times of each incident, and (iii) reach us in 30 days.")
INTRO = "The Service Commitment does not apply to any unavailability that results from:"
ITEM_A = "scheduled maintenance announced at least forty-eight hours in advance;"
ITEM_B = "factors outside of our reasonable control, such as natural disasters or war."
ENUMERATIONS = {
    # a line that starts "(ii)" after one that stops mid-list goes on the sentence
    "inline enumeration": (list(INLINE), [("paragraph", " ".join(INLINE))]),
    # after "from:", "(a)" starts a list
    "list after a colon": (
        [INTRO, f"(a) {ITEM_A}", f"(b) {ITEM_B}"],
        [("paragraph", INTRO), ("list_item", ITEM_A), ("list_item", ITEM_B)]),
}


@pytest.mark.parametrize("case", sorted(ENUMERATIONS))
def test_enumerations_by_layout(case: str, tmp_path: Path) -> None:
    lines, expected = ENUMERATIONS[case]
    page = [(72, 700 - 13 * i, line) for i, line in enumerate(lines)]
    assert kinds(read(canvas_pdf(tmp_path / "e.pdf", [page]))) == expected


def test_two_columns_read_column_by_column(tmp_path: Path) -> None:
    left = [(72, 700 - 14 * i, f"left column line {i}") for i in range(8)]
    right = [(320, 700 - 14 * i, f"right column line {i}") for i in range(8)]
    doc = read(canvas_pdf(tmp_path / "cols.pdf", [left + right]))
    text = doc.text
    assert text.index("left column line 7") < text.index("right column line 0")


def test_runs_on_one_baseline_read_left_to_right(tmp_path: Path) -> None:
    path = tmp_path / "runs.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(140, 700, "1 May 2025")  # drawn first, and a bigger font
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Effective:")
    c.drawString(72, 600, "Acme commits to 99.9% monthly uptime.")
    c.showPage()
    c.save()
    assert read(path).text.startswith("Effective: 1 May 2025")


def test_title_metadata(tmp_path: Path) -> None:
    assert read(build(tmp_path / "t.pdf", [Paragraph(LONG, BODY)], title="Acme Cloud SLA")
                ).meta["title"] == "Acme Cloud SLA"
    assert "title" not in read(build(tmp_path / "u.pdf", [Paragraph(LONG, BODY)])).meta


# --------------------------------------------------------------------------- tables

def test_bordered_table_is_read_as_rows_and_cells_in_place(tmp_path: Path) -> None:
    rows = [["Service", "Monthly Uptime", "Credit"], ["Compute", "99.95%", "10%"],
            ["Storage", "99.9%", "25%"]]
    story = [Paragraph("Targets", H2), Paragraph("The targets are:", BODY), ruled(rows),
             Spacer(1, 12), Paragraph("Credits are applied to the next invoice.", BODY)]
    doc = read(build(tmp_path / "table.pdf", story, header=None, footer=False))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table", "paragraph"]
    table = doc.blocks[2]
    assert [r.texts for r in table.rows] == rows
    assert [r.page for r in table.rows] == [1, 1, 1]
    assert doc.text.count("99.95%") == 1  # the table's text left the text layer
    cell = table.rows[1].cells[1]
    assert doc.text[cell.start:cell.end] == "99.95%"


def test_table_split_over_a_page_break_is_one_table(tmp_path: Path) -> None:
    rows = [["Service", "Target"]] + [[f"Service {i}", f"99.{i % 10}%"] for i in range(60)]
    story = [Paragraph("Targets", H2), ruled(rows), Paragraph("After the table.", BODY)]
    doc = read(build(tmp_path / "split.pdf", story))
    tables = list(doc.tables())
    assert len(tables) == 1
    table = tables[0]
    assert [r.texts for r in table.rows] == rows  # the repeated header row is dropped
    pages = [r.page for r in table.rows]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 2
    assert doc.page_at(table.rows[-1].cells[0].start) == 2
    assert kinds(doc)[-1] == ("paragraph", "After the table.")


@pytest.mark.parametrize("shift", [(0, 0), (-50, -100), (30, 40)])
def test_a_mediabox_not_at_the_origin(shift: tuple[int, int], tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    rows = [["Service", "Target"], ["API", "99.95%"]]
    story = [Paragraph("Before the table.", BODY), ruled(rows), Paragraph("After it.", BODY)]
    path = build(tmp_path / "plain.pdf", story, header=None, footer=False)
    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        for i in range(len(pdf)):  # the same drawing, seen through a shifted page box
            left, bottom, right, top = pdf[i].get_mediabox()
            pdf[i].set_mediabox(left + shift[0], bottom + shift[1], right + shift[0],
                                top + shift[1])
        pdf.save(str(tmp_path / "shifted.pdf"))
    finally:
        pdf.close()
    doc = read(tmp_path / "shifted.pdf")
    assert kinds(doc) == [("paragraph", "Before the table."),
                          ("table", "Service | Target\nAPI | 99.95%"),
                          ("paragraph", "After it.")]


def test_tables_of_different_widths_across_a_break_stay_apart(tmp_path: Path) -> None:
    first = [["Service", "Target"]] + [[f"S{i}", "99.9%"] for i in range(44)]
    second = [["Tier", "Response", "Channel"], ["P1", "1 hour", "phone"]]
    doc = read(build(tmp_path / "two.pdf", [ruled(first), ruled(second)]))
    assert [len(b.rows[0].cells) for b in doc.tables()] == [2, 3]


def test_a_boxed_paragraph_is_not_a_table(tmp_path: Path) -> None:
    box = Table([[Paragraph(LONG, BODY)]])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.black)]))
    doc = read(build(tmp_path / "box.pdf", [box], header=None, footer=False))
    assert kinds(doc) == [("paragraph", LONG)]


def test_pdfplumber_runs_only_on_pages_with_rules(tmp_path: Path, monkeypatch) -> None:
    import pdfplumber

    opened = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))

    def rule_under_header(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.line(72, A4[1] - 45, A4[0] - 72, A4[1] - 45)  # decoration, not a table

    path = tmp_path / "plain.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [Paragraph(LONG, BODY), PageBreak(), Paragraph(LONG, BODY)],
        onFirstPage=rule_under_header, onLaterPages=rule_under_header)
    read(path, tables="pdfplumber")
    assert opened == []
    table = build(tmp_path / "t.pdf", [ruled([["a", "b"], ["c", "d"]])])
    read(table, tables="pdfplumber")
    assert opened == [1]
    # the fast path reads the table from pdfium's geometry: pdfminer never runs
    assert [b.rows[1].texts for b in read(table).tables()] == [["c", "d"]]
    assert opened == [1]


# --------------------------------------------------------------------------- bad PDFs

def encrypted(tmp_path: Path, with_table: bool = False) -> Path:
    story = [Paragraph("Acme commits to 99.9% monthly uptime.", BODY)]
    if with_table:
        story.append(ruled([["Uptime", "Credit"], ["< 99.9%", "10%"]]))
    return build(tmp_path / "locked.pdf", story, password="s3cret")


@pytest.mark.parametrize("password, problem", [
    (None, "is encrypted: pass the password with --password"),
    ("", "is encrypted: pass the password with --password"),
    ("wrong", "the password given does not open it"),
])
def test_encrypted_pdf_without_the_password(password: str | None, problem: str,
                                            tmp_path: Path) -> None:
    path = encrypted(tmp_path)
    with pytest.raises(EncryptedDocumentError) as caught:
        read(path, password=password)
    assert caught.value.problem == problem
    assert str(caught.value) == f"{path}: {problem}"


@pytest.mark.parametrize("password", ["s3cret", "owner"])
def test_encrypted_pdf_with_the_password_reads(password: str, tmp_path: Path) -> None:
    doc = read_document(encrypted(tmp_path, with_table=True), ReadOptions(password=password))
    assert "Acme commits to 99.9% monthly uptime." in doc.text
    assert [[r.texts for r in t.rows] for t in doc.tables()] == [
        [["Uptime", "Credit"], ["< 99.9%", "10%"]]]
    assert doc.warnings == []


def _good_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    c.drawString(72, 700, "Acme commits to 99.9% monthly uptime.")
    c.showPage()
    c.save()
    return buffer.getvalue()


BROKEN = {
    "truncated to 100 bytes": lambda: _good_pdf()[:100],
    "truncated to half": lambda: _good_pdf()[: len(_good_pdf()) // 2],
    "not a pdf": lambda: b"<html><body>not a pdf</body></html>",
    "pdf header then junk": lambda: b"%PDF-1.4\n" + bytes(range(256)) * 20,
    "random bytes": lambda: bytes(range(256)) * 40,
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_pdf_is_a_load_error(case: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(BROKEN[case]())
    with pytest.raises(DocumentLoadError) as caught:
        read(path)
    assert not isinstance(caught.value, EncryptedDocumentError)
    assert caught.value.problem.startswith("is not a readable PDF: ")
    assert caught.value.problem.removeprefix("is not a readable PDF: ").strip()
    assert str(caught.value).startswith(f"{path}: ")


def test_a_pdf_without_text_warns_instead_of_failing(tmp_path: Path) -> None:
    c = canvas.Canvas(str(tmp_path / "scan.pdf"), invariant=1)
    c.rect(100, 400, 300, 200, fill=1)
    c.showPage()
    c.save()
    doc = read(tmp_path / "scan.pdf")
    assert doc.warnings == [SCANNED] and doc.blocks == [] and doc.pages == 1


def test_a_scanned_page_among_text_pages_is_named(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (40, 40), "gray")
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(72, 700, "Acme commits to 99.9% monthly uptime.")
    c.showPage()
    c.drawImage(ImageReader(image), 72, 400, 300, 300)
    c.showPage()
    c.save()
    doc = read(path)
    assert doc.warnings == [f"page 2: {SCANNED}"]
    assert "99.9%" in doc.text


def test_max_pages_reads_the_first_pages_and_says_so(tmp_path: Path) -> None:
    pages = [[(72, 500, f"Body text of page {n}.")] for n in range(1, 6)]
    doc = read(canvas_pdf(tmp_path / "five.pdf", pages), max_pages=2)
    assert doc.pages == 5
    assert doc.warnings == ["read the first 2 of 5 pages (page limit)"]
    assert "page 2." in doc.text and "page 3." not in doc.text
    assert {b.page for b in doc.blocks} == {1, 2}


def test_100_text_pages_read_in_a_few_ms_each(tmp_path: Path) -> None:
    story = []
    for n in range(100):
        story += [Paragraph(f"{3 * n + 2}. Availability Terms", H2)]
        story += [Paragraph(LONG, BODY) for _ in range(8)] + [PageBreak()]
    path = build(tmp_path / "long.pdf", story[:-1])
    data = path.read_bytes()
    read_pdf(path, data)  # warm up imports
    started = time.perf_counter()
    doc = read_pdf(path, data)
    per_page = (time.perf_counter() - started) / doc.pages
    assert doc.pages == 100 and len(list(doc.tables())) == 0
    assert per_page < 0.025, f"{per_page * 1000:.1f} ms/page"  # ~3 ms on an idle machine


def test_unruled_table_columns_are_read_from_the_gaps(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from extractor.extract.readers import read_document

    path = tmp_path / "unruled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    rows = [("Uptime in the month", "Free service added"), ("99.5% up to 99.9%", "2 days"),
            ("99.0% up to 99.5%", "5 days"), ("Under 99.0%", "10 days")]
    y = 700
    for left, right in rows:
        c.drawString(72, y, left)
        c.drawString(300, y, right)
        y -= 22  # row padding larger than the line spacing of prose
    c.save()
    (table,) = [b for b in read_document(path).blocks if b.is_table]
    assert [r.texts for r in table.rows] == [list(r) for r in rows]
