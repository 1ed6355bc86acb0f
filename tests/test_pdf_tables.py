"""Ruled tables read from pdfium's geometry give the documents pdfplumber's path gives.

The fast path (``tables="pdfium"``, the default) runs pdfplumber's table finder and cell
reader on objects built from pdfium; the original path (``tables="pdfplumber"``) lays
the page out with pdfminer first. Every corpus PDF must come out the same both ways, the
fast path must not have handed the page to pdfplumber to get there, and pages it cannot
mirror must be handed over.
"""
from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import extractor.extract.readers.pdf as pdf_reader
from extractor.extract.document import Document
from extractor.extract.readers.pdf_tables import _text
from tests.golden import CORPUS
from tests.test_readers_pdf import BODY, Paragraph, build, read, ruled

CORPUS_PDFS = sorted(CORPUS.rglob("*.pdf"))
# real published SLAs, some sealed: compared by digest, so a failure shows no text
REALWORLD_PDFS = sorted((CORPUS.parent.parent / "shared" / "realworld" / "docs").glob("*.pdf"))


@pytest.fixture
def plumber_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Page numbers the reader gave to pdfplumber itself, per read."""
    handed: list[int] = []
    real = pdf_reader._add_ruled_tables

    def counting(path, data, password, pages, builder):  # type: ignore[no-untyped-def]
        handed.extend(p.number for p in pages if p.needs_plumber)
        return real(path, data, password, pages, builder)

    monkeypatch.setattr(pdf_reader, "_add_ruled_tables", counting)
    return handed


def both(path: Path) -> tuple[Document, Document]:
    return read(path, tables="pdfplumber"), read(path)


def assert_same(slow: Document, fast: Document) -> None:
    assert fast.text == slow.text
    assert [(b.kind, b.text, b.page) for b in fast.blocks] == [
        (b.kind, b.text, b.page) for b in slow.blocks]
    assert [b.rows for b in fast.tables()] == [b.rows for b in slow.tables()]
    assert fast.blocks == slow.blocks
    assert (fast.meta, fast.warnings, fast.pages) == (slow.meta, slow.warnings, slow.pages)


def test_the_corpus_has_ruled_tables_to_compare() -> None:
    assert len(CORPUS_PDFS) >= 30
    tables = sum(len(list(read(p, tables="pdfplumber").tables())) for p in CORPUS_PDFS)
    assert tables >= 50


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_corpus_pdf_reads_the_same_on_the_fast_path(path: Path, plumber_pages: list[int]
                                                    ) -> None:
    slow, fast = both(path)
    slow_handed = list(plumber_pages)
    assert_same(slow, fast)
    # the slow read handed over every ruled page; the fast one none
    assert plumber_pages == slow_handed


def test_realworld_pdfs_read_the_same_on_the_fast_path(plumber_pages: list[int]) -> None:
    import hashlib

    def digest(doc: Document) -> dict[str, str]:
        parts = {"text": doc.text,
                 "blocks": repr([(b.kind, b.text, b.page) for b in doc.blocks]),
                 "tables": repr([b.rows for b in doc.tables()]),
                 "rest": repr((doc.meta, doc.warnings, doc.pages))}
        return {k: hashlib.sha256(v.encode()).hexdigest()[:12] for k, v in parts.items()}

    assert len(REALWORLD_PDFS) >= 5, "../shared/realworld/docs should hold its PDFs"
    differ, handed = [], []
    for path in REALWORLD_PDFS:
        slow = read(path, tables="pdfplumber")
        before = len(plumber_pages)
        fast = read(path)
        if digest(slow) != digest(fast):
            differ.append(path.name)
        if len(plumber_pages) > before:
            handed.append(path.name)
    assert differ == []
    assert handed == []  # the fast path read them without pdfplumber


def test_a_table_in_a_form_xobject_is_read_through_the_forms_matrices(
        tmp_path: Path, plumber_pages: list[int]) -> None:
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawString(72, 800, "The credits below apply per month.")
    c.beginForm("grid")
    c.translate(20, -30)  # a matrix inside the form as well as the one it is drawn with
    for y in (0, 20, 40, 60):
        c.line(0, y, 300, y)
    for x in (0, 150, 300):
        c.line(x, 0, x, 60)
    for row, (left, right) in enumerate([("Uptime", "Credit"), ("< 99.9%", "10%"),
                                         ("< 99.0%", "25%")]):
        c.drawString(5, 45 - 20 * row, left)
        c.drawString(155, 45 - 20 * row, right)
    c.endForm()
    c.saveState()
    c.translate(60, 600)
    c.scale(1.2, 1.2)
    c.doForm("grid")
    c.restoreState()
    c.showPage()
    c.save()
    slow, fast = both(path)
    assert_same(slow, fast)
    assert [b.rows[1].texts for b in fast.tables()] == [["< 99.9%", "10%"]]
    assert plumber_pages == [1]  # the slow read only


def test_a_rotated_page_is_left_to_pdfplumber(tmp_path: Path, plumber_pages: list[int]
                                              ) -> None:
    path = build(tmp_path / "t.pdf", [Paragraph("Credits:", BODY),
                                      ruled([["Uptime", "Credit"], ["< 99.9%", "10%"]])],
                 header=None, footer=False)
    pdf = pdfium.PdfDocument(path.read_bytes())
    pdf[0].set_rotation(90)
    pdf.save(str(tmp_path / "rotated.pdf"))
    pdf.close()
    fast = read(tmp_path / "rotated.pdf")
    assert plumber_pages == [1]
    assert_same(read(tmp_path / "rotated.pdf", tables="pdfplumber"), fast)


def test_rotated_text_in_a_table_is_left_to_pdfplumber(tmp_path: Path,
                                                       plumber_pages: list[int]) -> None:
    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for y in (600, 640, 680):
        c.line(100, y, 400, y)
    for x in (100, 250, 400):
        c.line(x, 600, x, 680)
    c.drawString(110, 665, "Uptime")
    c.drawString(260, 665, "Credit")
    c.saveState()
    c.translate(120, 605)
    c.rotate(30)
    c.drawString(0, 0, "99.9%")
    c.restoreState()
    c.drawString(260, 620, "10%")
    c.showPage()
    c.save()
    fast = read(path)
    assert plumber_pages == [1]
    assert_same(read(path, tables="pdfplumber"), fast)


characters = st.lists(st.tuples(
    st.sampled_from(["a", "b", "7", "%", " ", "\xa0", "ﬁ", "-"]),
    st.floats(0, 60, allow_nan=False), st.floats(0, 20, allow_nan=False),
    st.floats(0.1, 8, allow_nan=False), st.sampled_from([6.0, 9.0, 10.0])), max_size=40)


@given(characters)
@settings(max_examples=300, deadline=None)
def test_cell_text_is_pdfplumbers_extract_text(raw: list[tuple[str, float, float, float, float]]
                                               ) -> None:
    from pdfplumber.utils import extract_text

    chars = [{"text": text, "x0": x, "x1": x + width, "top": top, "bottom": top + size,
              "doctop": top, "upright": True, "size": size}
             for text, x, top, width, size in raw]
    assert _text(chars) == (extract_text(chars) if chars else "")


def test_a_long_pdf_read_by_two_processes_is_the_same(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.forked import can_share

    joined = pdfium.PdfDocument.new()
    for path in CORPUS_PDFS:
        part = pdfium.PdfDocument(str(path))
        joined.import_pages(part)
        part.close()
    long_pdf = tmp_path / "long.pdf"
    joined.save(str(long_pdf))
    joined.close()
    data = long_pdf.read_bytes()
    alone = pdf_reader.read_pdf(long_pdf, data)
    assert alone.pages >= 2 * pdf_reader.SHARED_FROM

    readers = tmp_path / "readers"
    real = pdf_reader._read_page

    def recording(pdf, index, tables):  # type: ignore[no-untyped-def]
        with readers.open("a", encoding="ascii") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(pdf, index, tables)

    monkeypatch.setattr(pdf_reader, "_read_page", recording)
    sharing = can_share()
    shared = pdf_reader.read_pdf(long_pdf, data, processes=2)
    assert_same(alone, shared)
    pids = readers.read_text(encoding="ascii").split()
    assert len(pids) == alone.pages
    assert len(set(pids)) == (2 if sharing else 1)
