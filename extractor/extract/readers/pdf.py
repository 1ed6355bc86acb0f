"""PDF: the text layer, ruled tables, and the page furniture around them.

Handles, one example each:
- text lines from pypdfium2 (fast), classified like plain text: ``3. Service Credits``
  a heading, ``• Scheduled maintenance`` a list item;
- lines of one paragraph joined by layout: a line that runs to the right margin and a
  next line close below it are one paragraph (``…will receive a`` / ``Service Credit…``);
- ruled tables (``| Uptime | Credit |`` drawn with lines or boxes), only on pages whose
  vector paths could form a grid: pdfplumber's table finder and cell rules run on
  pdfium's paths and character boxes (``pdf_tables``; pdfminer's layout of the page,
  ten times the cost, only for pages that cannot be mirrored: rotated ones, turned
  text); their text leaves the text layer and the table block goes where the table sits;
- running headers and footers (``Acme SLA — Confidential``, ``Page 3 of 7``) repeated at
  the top or bottom of ≥ 2/3 of the pages are dropped and kept in
  ``meta["running_text"]``;
- a table going on over a page break (last on page N, first on N+1, same column count)
  joined into one table; a header row repeated on N+1 is dropped; rows keep their pages;
- the PDF's Title metadata → ``meta["title"]``;
- an encrypted PDF without (or with a wrong) password → ``EncryptedDocumentError``;
  truncated or not-a-PDF bytes → ``DocumentLoadError``;
- no text layer (a scan) → a warning, not a crash; ``max_pages`` → a warning;
- a decompression bomb (3 MB of streams that inflate to 1 GiB of text operators) →
  ``ResourceLimitError`` before pdfium parses it: pdfium would build every operator of
  the stream in memory, ~14 bytes of memory per byte inflated.
"""
from __future__ import annotations

import ctypes
import io
import math
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import DocumentLoadError, EncryptedDocumentError, ResourceLimitError
from extractor.extract.document import Document, DocumentBuilder, normalize_inline
from extractor.extract.readers.lines import BULLET, ENUMERATION, TaggedLine, add_tagged_lines
from extractor.extract.readers.pdf_tables import (
    PLUMBER_SETTINGS,
    PathRef,
    find_tables,
    page_objects,
)
from extractor.forked import shared_map

if TYPE_CHECKING:
    from pdfplumber.page import Page as PlumberPage

TableReader = Literal["pdfium", "pdfplumber"]
LINE = re.compile(r"[^\r\n]+")
ASTRAL = re.compile(r"[\U00010000-\U0010FFFF]")
DIGITS = re.compile(r"\d+")
SCANNED = "no text layer (scanned?): OCR is not supported"
PLACEHOLDER_TITLES = {"", "untitled", "anonymous", "none"}
EDGE_SHARE = 0.15          # running text sits in the outer 15% of the page height
EDGE_LINES = 2             # ...among the first or last two lines of the page
PARAGRAPH_GAP = 0.35       # 0.35 line heights over the usual line gap: a new paragraph
FULL_LINE = 0.15           # a line ending within 15% of the right margin is full


@dataclass
class _Line:
    text: str
    page: int
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Table:
    rows: list[list[str]]
    pages: list[int]
    left: float = 0.0
    bottom: float = 0.0
    right: float = 0.0
    top: float = 0.0

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)


@dataclass
class _Page:
    number: int
    items: list[_Line | _Table] = field(default_factory=list)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, bottom, right, top
    ruled: bool = False
    needs_plumber: bool = False
    has_text: bool = False
    has_images: bool = False
    problems: list[str] = field(default_factory=list)  # warnings, in page order


def read_pdf(path: Path, data: bytes, password: str | None = None,
             max_pages: int | None = None, max_inflated: int = 64 * 1024 * 1024,
             tables: TableReader = "pdfium", processes: int = 1) -> Document:
    """``tables``: "pdfium" reads ruled tables from pdfium's drawing with pdfplumber's
    rules (pdfplumber itself only for pages that geometry cannot mirror); "pdfplumber"
    is the slower original path, kept to check the fast one against. ``processes`` 2:
    a long PDF's pages are shared with a forked helper (``extractor.forked``)."""
    if b"%PDF-" not in data[:1024]:
        raise DocumentLoadError(path, "is not a readable PDF: no %PDF- header")
    check_inflated_size(path, data, max_inflated)
    builder = DocumentBuilder(str(path), "pdf")
    pdf = _open(path, data, password)
    try:
        total = len(pdf)
        count = total if max_pages is None else min(total, max_pages)
        if count < total:
            builder.warnings.append(f"read the first {count} of {total} pages (page limit)")
        title = normalize_inline(pdf.get_metadata_value("Title") or "")
        if title.strip("()").lower() not in PLACEHOLDER_TITLES:
            builder.meta["title"] = title
    finally:
        pdf.close()
    pages = _read_pages(path, data, password, count, tables, processes)
    for page in pages:
        builder.warnings.extend(page.problems)
    if total == 0:
        raise DocumentLoadError(path, "is not a readable PDF: it has no pages")
    if any(p.needs_plumber for p in pages):
        _add_ruled_tables(path, data, password, pages, builder)
    _check_text_layer(pages, builder)
    _drop_running_text(pages, builder)
    _join_split_tables(pages)
    _emit(pages, builder)
    if b"%%EOF" not in data[-2048:]:
        # the marker is "%%EOF" in the file; the message names it as people write it
        builder.warnings.append("the file looks truncated (no %EOF): pages may be missing")
    return builder.build(pages=total)


STREAM_START = re.compile(rb"stream\r?\n")
INFLATE_IN, INFLATE_OUT = 64 * 1024, 1024 * 1024  # bytes fed / taken per zlib call


def check_inflated_size(path: Path, data: bytes, limit: int) -> None:
    """Refuse a PDF whose Flate streams (other than images, which pdfium decodes only to
    draw them) inflate to more than ``limit`` bytes. Inflating costs ~2 ms per MiB and
    keeps nothing; each stream is fed in small pieces and given up at the limit."""
    total = 0
    for found in STREAM_START.finditer(data):
        head = data[max(0, found.start() - 2048):found.start()]
        head = head[head.rfind(b"obj") + 1:]
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        inflater = zlib.decompressobj()
        at, pending = found.end(), b""
        while not inflater.eof:
            if not pending:
                if at >= len(data):
                    break
                pending, at = data[at:at + INFLATE_IN], at + INFLATE_IN
            try:
                total += len(inflater.decompress(pending, INFLATE_OUT))
            except zlib.error:
                break  # a corrupt stream: pdfium says what it makes of it
            pending = inflater.unconsumed_tail
            if total > limit:
                raise ResourceLimitError(
                    path, "inflated",
                    f"refused: its compressed streams inflate to more than "
                    f"{limit // (1024 * 1024):,} MiB (the limit; a decompression bomb?)")


def _open(path: Path, data: bytes, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        # pdfium's password error says only "Incorrect password error": say what to do
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            problem = ("the password given does not open it" if password
                       else "is encrypted: pass the password with --password")
            raise EncryptedDocumentError(path, problem) from None
        raise DocumentLoadError(path, f"is not a readable PDF: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    inner = re.search(r"\(PDFium: ([^)]*)\)", text)
    if inner:
        text = inner.group(1).rstrip(".").lower()
        if text == "data format error":
            text = "data format error (truncated or corrupt)"
    return text or type(exc).__name__


# --- one page with pdfium ------------------------------------------------------------

SHARED_FROM = 24  # pages: below this a helper's fork and hand-over cost what it saves


def _read_pages(path: Path, data: bytes, password: str | None, count: int,
                tables: TableReader, processes: int) -> list[_Page]:
    @contextmanager
    def reader() -> Iterator[Callable[[int], _Page]]:
        pdf = _open(path, data, password)
        try:
            yield lambda index: _read_page(pdf, index, tables)
        finally:
            pdf.close()

    if processes > 1 and count >= SHARED_FROM:
        return shared_map(reader, count)
    with reader() as read:
        return [read(i) for i in range(count)]


def _read_page(pdf: pdfium.PdfDocument, index: int, tables: TableReader) -> _Page:
    result = _Page(index + 1)
    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        result.problems.append(f"page {index + 1} could not be read: {_reason(exc)}")
        return result
    found: list[_Table] | None = []
    try:
        # user space, where the text boxes are: a mediabox need not start at (0, 0)
        result.box = page.get_mediabox()
        textpage = page.get_textpage()
        try:
            spans: list[tuple[int, int, float, float]] = []
            lines, text = _text_lines(textpage, index + 1, spans)
            result.has_text = bool(lines)
            result.ruled, result.has_images, paths = _scan_objects(page, not lines)
            if result.ruled:
                found = _pdfium_tables(page, textpage, (spans, text), paths, result, tables)
        finally:
            textpage.close()
    except pdfium.PdfiumError as exc:
        result.problems.append(f"page {index + 1} could not be read: {_reason(exc)}")
        return result
    finally:
        page.close()
    result.items = list(_reading_order(lines, (result.box[0] + result.box[2]) / 2))
    # pages whose tables pdfium's geometry could not give are left to pdfplumber
    result.needs_plumber = found is None
    for table in found or ():
        _place_table(result, table)
    return result


def _pdfium_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage,
                   text_layer: tuple[list[tuple[int, int, float, float]], str | None],
                   paths: list[PathRef], result: _Page, tables: TableReader
                   ) -> list[_Table] | None:
    if tables == "pdfplumber":
        return None
    top = result.box[3]
    try:
        found = find_tables(page.raw, textpage.raw, top, text_layer[0], paths, text_layer[1])
    except Exception:  # noqa: BLE001 - a page the fast path cannot read goes to pdfplumber
        return None
    if found is None:
        return None
    return [table for rows, bbox in found
            if (table := _table(rows, bbox, top, result.number)) is not None]


def _text_lines(textpage: pdfium.PdfTextPage, number: int,
                spans: list[tuple[int, int, float, float]]) -> tuple[list[_Line], str | None]:
    """The page's text lines, and its text if offsets in it are pdfium's character
    indices; ``spans`` gets each line's pdfium indices (first, last), bottom and top."""
    text = textpage.get_text_range()
    # pdfium counts UTF-16 units; a character beyond the BMP counts twice
    offsets = _utf16_offsets(text) if ASTRAL.search(text) else None
    # raw calls with one reused box: the wrapper's per-call cost is most of the time
    box = pdfium_c.FS_RECTF()
    handle = textpage.raw
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    lines: list[_Line] = []
    for match in LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        first = match.start() + (len(raw) - len(raw.lstrip()))
        last = match.start() + len(raw.rstrip()) - 1
        if offsets is not None:
            first, last = offsets[first], offsets[last]
        loose_box(handle, first, box)
        left, bottom, top = box.left, box.bottom, box.top
        loose_box(handle, last, box)
        bottom, top, right = min(bottom, box.bottom), max(top, box.top), box.right
        spans.append((first, last, bottom, top))
        if 0 < stripped.count(" ") <= MAX_GAP_CHECKS and offsets is None:
            stripped = _show_column_gaps(stripped, first, handle, box, top - bottom)
        # pdfium marks a hyphen that ends a line as U+0002
        lines.append(_Line(stripped.replace("\x02", "-"), number, left, bottom, right, top))
    return lines, text if offsets is None else None


# Unruled tables: pdfium joins the cells of a row with one space, so the columns show
# only in the geometry. A space spanning more than COLUMN_GAP line heights becomes
# three spaces, which the text layout reads as a column break. Short lines only: a
# table row has few spaces, and each check costs two character boxes.
MAX_GAP_CHECKS = 16
COLUMN_BREAK = "   "  # a table row's cells, never a wrapped sentence
COLUMN_GAP = 1.2


def _show_column_gaps(text: str, first: int, handle: object, box: pdfium_c.FS_RECTF,
                      height: float) -> str:
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    pieces, start = [], 0
    for index, char in enumerate(text):
        if char != " " or index == 0:
            continue
        loose_box(handle, first + index - 1, box)
        before_right = box.right
        loose_box(handle, first + index + 1, box)
        if box.left - before_right > COLUMN_GAP * height:
            pieces.append(text[start:index])
            start = index + 1
    if not pieces:
        return text
    pieces.append(text[start:])
    return COLUMN_BREAK.join(pieces)


def _utf16_offsets(text: str) -> list[int]:
    offsets, unit = [], 0
    for ch in text:
        offsets.append(unit)
        unit += 2 if ch > "\uffff" else 1
    return offsets


def _scan_objects(page: pdfium.PdfPage, want_images: bool
                  ) -> tuple[bool, bool, list[PathRef]]:
    """(may hold a ruled table, holds an image, its path objects): from the page's
    objects, cheaply.

    A ruled table needs at least three horizontal and three vertical rules: thin
    lines, rectangles (cell boxes), or one path of straight segments drawing a grid,
    on the page or in a form one level down. Raw pdfium calls: wrapping every text
    object in Python costs more than reading it. The paths are kept for the table
    finder (a Chromium page has thousands of text objects: walk them once).
    """
    across = down = 0
    images = False
    paths: list[PathRef] = []
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    for obj, kind, forms in page_objects(page.raw):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images = True
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        paths.append((obj, forms))
        if len(forms) > 1 or (across >= 3 and down >= 3):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if h <= 3 and w >= 8:
            across += 1
        elif w <= 3 and h >= 8:
            down += 1
        elif w >= 8 and h >= 8:
            segments = pdfium_c.FPDFPath_CountSegments(obj)
            if segments <= 6:
                across, down = across + 2, down + 2  # a box
            elif _straight_segments(obj, segments) >= 8:
                across, down = across + 3, down + 3  # a grid drawn as one path
    return across >= 3 and down >= 3, images, paths


def _straight_segments(obj: object, count: int) -> int:
    """Line segments of a path, or 0 when it has curves (a logo, a chart, not a grid)."""
    straight = 0
    for i in range(min(count, 400)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return 0
        straight += kind == pdfium_c.FPDF_SEGMENT_LINETO
    return straight


def _reading_order(lines: list[_Line], middle: float) -> list[_Line]:
    """Top to bottom for a one-column page; the content stream's order otherwise.

    Producers often draw headers and footers first, so the stream order of a
    one-column page is not its reading order; on a two-column page sorting by height
    would interleave the columns, and the stream order is the better guess.
    """
    if not lines:
        return lines
    # two columns: many lines kept to the left half, many to the right half (a
    # right-aligned page number or date is one line, not a column)
    left_half = sum(1 for line in lines if line.right < middle)
    right_half = sum(1 for line in lines if line.left > middle)
    if len(lines) >= 6 and min(left_half, right_half) > 0.25 * len(lines):
        return lines
    # runs on one baseline (a label and its value, the cells of an unruled row) are one
    # line, left to right, even when the bigger run sits a little higher
    bands: list[list[_Line]] = []
    for line in sorted(lines, key=lambda line: -line.middle):
        band = bands[-1] if bands else None
        if band and abs(band[0].middle - line.middle) < 0.3 * min(band[0].height, line.height):
            band.append(line)
        else:
            bands.append([line])
    return [_merge(sorted(band, key=lambda line: line.left)) for band in bands]


def _merge(runs: list[_Line]) -> _Line:
    if len(runs) == 1:
        return runs[0]
    return _Line(" ".join(r.text for r in runs), runs[0].page, runs[0].left,
                 min(r.bottom for r in runs), max(r.right for r in runs),
                 max(r.top for r in runs))


# --- ruled tables with pdfplumber ----------------------------------------------------

def _add_ruled_tables(path: Path, data: bytes, password: str | None, pages: list[_Page],
                      builder: DocumentBuilder) -> None:
    import pdfplumber  # imported here: only pages with rules pay for pdfminer

    try:
        plumber = pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as exc:  # noqa: BLE001 - the text is read already; tables are a bonus
        builder.warnings.append(f"tables not read: {_reason(exc)}")
        return
    with plumber:
        for page in pages:
            if not page.needs_plumber:
                continue
            try:
                plumber_page = plumber.pages[page.number - 1]
                try:
                    tables = _plumber_tables(plumber_page, page)
                finally:
                    plumber_page.close()
            except Exception as exc:  # noqa: BLE001 - one damaged page costs its tables only
                builder.warnings.append(
                    f"page {page.number}: tables not read: {_reason(exc)}")
                continue
            for table in tables:
                _place_table(page, table)


def _plumber_tables(plumber_page: PlumberPage, page: _Page) -> list[_Table]:
    # pdfplumber measures "top" down from the page top; pdfium's boxes are in PDF user
    # space. height - top is user space whatever the mediabox origin (checked with
    # origins at (0, 0), (-50, -100) and (30, 40))
    height = float(plumber_page.height)
    found = (_table(table.extract(), tuple(float(v) for v in table.bbox), height, page.number)
             for table in plumber_page.find_tables(PLUMBER_SETTINGS))
    return [table for table in found if table is not None]


def _table(extracted: list[list[str | None]], bbox: tuple[float, ...], height: float,
           number: int) -> _Table | None:
    """A table from pdfplumber's rows and top-down bbox; None for a lone boxed cell."""
    rows = [[_cell_text(cell) for cell in row] for row in extracted]
    rows = [row for row in rows if any(row)]
    # one boxed cell is a callout, not a table
    if not rows or max(len(r) for r in rows) < 2:
        return None
    x0, top, x1, bottom = bbox
    return _Table(rows, [number] * len(rows), x0, height - bottom, x1, height - top)


def _cell_text(value: str | None) -> str:
    if not value:
        return ""  # a merged cell's covered positions come back as None
    value = re.sub(r"(?<=[a-z]-)\n(?=[a-z])", "", value)
    return value.replace("\n", " ")


def _place_table(page: _Page, table: _Table) -> None:
    """Take the table's text out of the text layer and put the table in its place."""
    kept: list[_Line | _Table] = []
    position = None
    for item in page.items:
        if isinstance(item, _Line) and _inside(item, table):
            if position is None:
                position = len(kept)
            continue
        if position is None and isinstance(item, _Line) and item.middle < table.bottom \
                and item.left < table.right and item.right > table.left:
            position = len(kept)
        kept.append(item)
    kept.insert(len(kept) if position is None else position, table)
    page.items = kept


def _inside(line: _Line, table: _Table) -> bool:
    return (table.bottom - 1 <= line.middle <= table.top + 1
            and line.left < table.right and line.right > table.left)


# --- across pages --------------------------------------------------------------------

def _check_text_layer(pages: list[_Page], builder: DocumentBuilder) -> None:
    if pages and not any(p.has_text for p in pages):
        builder.warnings.append(SCANNED)
        return
    scanned = [str(p.number) for p in pages if not p.has_text and p.has_images]
    if scanned:
        label = "page" if len(scanned) == 1 else "pages"
        builder.warnings.append(f"{label} {', '.join(scanned)}: {SCANNED}")


def _running_keys(line: _Line) -> set[tuple[str, int | None]]:
    """What makes a line the same running line on another page: its exact words, or
    its words with numbers that move with the page number ("Page 3 of 7" on page 3,
    "Page 4 of 7" on page 4) - not any number: "3. Credits" atop page 5 is content."""
    words = " ".join(line.text.lower().split())
    keys: set[tuple[str, int | None]] = {(words, None)}
    numbers = DIGITS.findall(words)
    if numbers:
        shape = DIGITS.sub("#", words)
        keys.update((shape, int(n) - line.page) for n in numbers if len(n) < 6)
    return keys


def _edge_lines(page: _Page) -> list[_Line]:
    lines = [i for i in page.items if isinstance(i, _Line)]
    _, page_bottom, _, page_top = page.box
    if not lines or page_top <= page_bottom:
        return []
    by_height = sorted(lines, key=lambda line: -line.middle)
    band = EDGE_SHARE * (page_top - page_bottom)
    top = [line for line in by_height[:EDGE_LINES] if line.top >= page_top - band]
    bottom = [line for line in by_height[-EDGE_LINES:] if line.bottom <= page_bottom + band]
    return top + [line for line in bottom if line not in top]


def _drop_running_text(pages: list[_Page], builder: DocumentBuilder) -> None:
    """Drop lines repeated at the top or bottom of at least 2/3 of the pages."""
    if len(pages) < 2:
        return
    edges = [_edge_lines(p) for p in pages]
    seen: dict[tuple[str, int | None], int] = {}
    for lines in edges:
        for key in set().union(*(_running_keys(line) for line in lines)):
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, math.ceil(len(pages) * 2 / 3))
    running = {key for key, n in seen.items() if n >= needed}
    if not running:
        return
    texts: dict[tuple[str, int | None], str] = {}
    for page, lines in zip(pages, edges, strict=True):
        dropped: set[int] = set()
        used: set[tuple[str, int | None]] = set()
        for line in lines:
            keys = _running_keys(line) & running
            # once per key and page: a title right under the same running title stays
            if keys and not keys & used:
                used |= keys
                dropped.add(id(line))
                texts.setdefault(min(keys, key=str), line.text)
        page.items = [i for i in page.items if id(i) not in dropped]
    builder.meta["running_text"] = list(texts.values())


def _join_split_tables(pages: list[_Page]) -> None:
    """A table last on one page and first on the next, same width: one table."""
    previous: _Table | None = None
    for page in pages:
        if not page.items:
            continue
        first = page.items[0]
        if isinstance(first, _Table) and previous is not None and first.width == previous.width:
            rows, row_pages = first.rows, first.pages
            if _same_row(rows[0], previous.rows[0]):
                rows, row_pages = rows[1:], row_pages[1:]  # the header repeated
            previous.rows.extend(rows)
            previous.pages.extend(row_pages)
            page.items.pop(0)
            if not page.items:
                continue  # the whole page was this table: it may go on further
        last = page.items[-1] if page.items else None
        previous = last if isinstance(last, _Table) else None


def _same_row(a: list[str], b: list[str]) -> bool:
    return [normalize_inline(c).lower() for c in a] == [normalize_inline(c).lower() for c in b]


# --- into the document ---------------------------------------------------------------

def _emit(pages: list[_Page], builder: DocumentBuilder) -> None:
    pending: list[TaggedLine] = []
    for page in pages:
        lines = [i for i in page.items if isinstance(i, _Line)]
        right = max((line.right for line in lines), default=0.0)
        left = min((line.left for line in lines), default=0.0)
        spacing = _line_spacing(lines)
        previous: _Line | None = None
        for item in page.items:
            if isinstance(item, _Table):
                add_tagged_lines(builder, pending, markdown=False)
                pending = []
                builder.add_table(item.rows, list(item.pages))
                previous = None
                continue
            if previous is not None and pending:
                height = min(previous.height, item.height)
                gap = previous.bottom - item.top
                close = gap <= spacing + PARAGRAPH_GAP * height
                similar = abs(previous.height - item.height) <= 0.25 * max(
                    previous.height, item.height)
                full = previous.right >= right - FULL_LINE * (right - left)
                columns = COLUMN_BREAK in item.text or COLUMN_BREAK in pending[-1].text
                if (close and similar and full and not columns
                        and _goes_on(pending[-1].text, item.text)):
                    pending[-1] = TaggedLine(_join(pending[-1].text, item.text), previous.page)
                    previous = item
                    continue
                if not close:
                    pending.append(TaggedLine("", item.page))
            pending.append(TaggedLine(item.text, item.page))
            previous = item
    add_tagged_lines(builder, pending, markdown=False)


def _line_spacing(lines: list[_Line]) -> float:
    """The page's usual gap between the lines of one paragraph: the lower quartile of
    the gaps, as most gaps on a page of prose are inside paragraphs."""
    gaps = sorted(a.bottom - b.top for a, b in pairwise(lines)
                  if a.bottom - b.top > -0.5 * min(a.height, b.height))
    return max(gaps[len(gaps) // 4], 0.0) if gaps else 0.0


def _goes_on(paragraph: str, line: str) -> bool:
    """Can ``line`` be the rest of the sentence that ``paragraph`` (so far) stops in?

    A bullet never is. An enumeration is, unless the sentence ended: "…must (i) include
    your account;" / "(ii) include the dates" goes on, but after "…resulting from:" or
    inside a list of "(a) …;" items, "(b) …" is the next item.
    """
    if BULLET.match(line):
        return False
    if not ENUMERATION.match(line):
        return True
    end = paragraph.rstrip()[-1:]
    if end in {".", ":", "!", "?"}:
        return False
    return end != ";" or not ENUMERATION.match(paragraph)


def _join(previous: str, line: str) -> str:
    # keep the hyphen, drop the space: "third-" + "party" reads "third-party"
    if previous.endswith("-") and previous[-2:-1].isalpha() and line[:1].islower():
        return previous + line
    return f"{previous} {line}"
