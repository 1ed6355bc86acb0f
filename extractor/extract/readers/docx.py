"""Word (.docx): the body in order, its headings, lists and tables, and the page header.

Handles, one example each:
- headings by paragraph style: ``Title`` (level 1), ``Heading 2`` (level 2, one deeper
  when the document has a Title), a custom style based on a heading style, or an outline
  level in the paragraph's properties;
- a short all-bold ``Normal`` paragraph ``Service Credits`` as a heading (level 3, or its
  number's depth: ``2.1 Claims`` is level 2), as the HTML reader reads ``<p><b>…</b></p>``;
- list items: ``List Bullet``/``List Number`` styles (and styles based on them), any
  paragraph with numbering properties (``w:numPr``), and a typed ``• Maintenance``;
- tables as table blocks: a horizontally merged cell (``w:gridSpan``) repeated in every
  column it spans, a vertically merged one (``w:vMerge``) repeated down, a table inside a
  cell flattened into that cell's text; a one-column (layout) table read as body text;
- body order kept: the body's XML children (``w:p``, ``w:tbl``, content controls
  ``w:sdt``) are walked in order, not python-docx's separate paragraph and table lists;
- tracked changes as they would print: inserted runs read, deleted runs not;
- a line break inside a paragraph (``w:br``) read like a line of plain text;
- the first section's header before the body (a heading of level 1 when it reads as a
  title, as ``Acme Cloud Service Level Agreement`` does; left out when it repeats the
  body's first heading) and its footer after it, dropped
  when it is only a page number (``Page 2 of 7``); both kept in ``meta["running_text"]``;
  the core properties' title → ``meta["title"]``;
- bad input, each one ``DocumentLoadError`` naming the problem: not a zip archive, a zip
  that is not a Word document, a password-protected (encrypted) or an old binary
  ``.doc`` file, and a zip whose members expand beyond the size limit (checked in the
  zip's central directory before python-docx reads a byte of it).
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.exceptions import InvalidXmlError
from docx.oxml.ns import qn
from lxml import etree

from extractor.errors import DocumentLoadError, EncryptedDocumentError
from extractor.extract.document import Document, DocumentBuilder, normalize_inline
from extractor.extract.readers.lines import (
    BULLET,
    NUMBERED_HEADING,
    TaggedLine,
    add_tagged_lines,
    looks_like_heading,
)

# Office's encrypted files and old .doc files are OLE compound files, not zips
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
MAIN_PART = "word/document.xml"
# what a damaged package raises while it is unpacked and parsed (zipfile: bad CRCs,
# cut deflate streams, unknown methods; python-docx: missing parts and relationships)
UNREADABLE = (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error,
              NotImplementedError, EOFError, OSError, etree.XMLSyntaxError)
# python-docx's own failures on a package that is not what its parts say: raised only
# around calls into it, where an AttributeError means a part of the wrong kind
LIBRARY_ERRORS = (*UNREADABLE, AttributeError, TypeError, InvalidXmlError)
MAX_MEMBERS = 10_000
MAX_SPAN = 64  # columns one cell may span or skip: a wild w:gridSpan must not fill memory
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
HEADING_STYLE = re.compile(r"^heading ([1-9])$")
BOLD_HEADING_LEVEL = 3

W_P, W_TBL, W_SDT, W_SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
W_R, W_T, W_TAB, W_BR, W_CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN, W_SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
W_TR, W_TC, W_VAL = qn("w:tr"), qn("w:tc"), qn("w:val")
# inline containers whose runs are part of the paragraph's text; w:del and w:moveFrom
# (deleted text) are not among them
RUN_CONTAINERS = frozenset(qn(f"w:{name}") for name in (
    "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml",
    "dir", "bdo"))


@dataclass(frozen=True)
class _Style:
    heading: int | None = None  # 1 for Title, N for Heading N / outline level N - 1
    title: bool = False
    listed: bool = False


def read_docx(path: Path, data: bytes, max_bytes: int) -> Document:
    _check_package(path, data, max_bytes)
    try:
        # python-docx resolves parts lazily: every call into it can meet the damage
        word = docx.Document(io.BytesIO(data))
        body = word.element.body
        styles = _styles(word)
        title = normalize_inline(word.core_properties.title or "")
        running_parts = _running_parts(word)
    except LIBRARY_ERRORS as exc:
        raise DocumentLoadError(path, f"is not a readable Word document: {_reason(exc)}") from None
    if body is None:
        raise DocumentLoadError(path, "is not a readable Word document: it has no body")
    builder = DocumentBuilder(str(path), "docx")
    reader = _Reader(builder, styles, body)
    if title:
        builder.meta["title"] = title
    header, footer = (_running_text(parts, reader) for parts in running_parts)
    if header and not _same_text(header, reader.first_heading(body)):
        # a page header holds the running title ("Acme Cloud SLA"): read first, as the
        # document's first heading when it reads as one, where a title is looked for
        title_like = looks_like_heading(header, None, standalone=True)
        builder.add("heading" if title_like else "paragraph", header, level=1)
    reader.walk(body)
    reader.flush()
    if footer:
        builder.add("paragraph", footer)
    running = [t for t in (header, footer) if t]
    if running:
        builder.meta["running_text"] = running
    if not builder.blocks:
        builder.warnings.append("the Word document has no text")
    return builder.build()


def _same_text(a: str, b: str | None) -> bool:
    return b is not None and normalize_inline(a).casefold() == normalize_inline(b).casefold()


CONTENT_TYPE = re.compile(r"content type is '(?P<type>[^']+)'")


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    # python-docx names the stream it was given ("file '<_io.BytesIO ...>'"): say the type
    wrong_type = CONTENT_TYPE.search(text)
    if wrong_type:
        return f"its main part is {wrong_type.group('type')}, not a Word document's"
    return text or type(exc).__name__


def _check_package(path: Path, data: bytes, max_bytes: int) -> None:
    """Refuse what is not a Word zip, and a zip that expands past the size limit."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise EncryptedDocumentError(
                path, "is a password-protected (encrypted) Word document: "
                      "save it without a password and try again")
        raise DocumentLoadError(
            path, "is an old binary Word (.doc) file, not .docx: save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentLoadError(path, "is not a Word document: not a zip archive") from None
    except UNREADABLE as exc:
        raise DocumentLoadError(path, f"is not a readable Word document: {_reason(exc)}") from None
    with archive:
        # the central directory's sizes, read before anything is inflated
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocumentLoadError(
                path, f"is not a Word document: the zip holds {len(members):,} files")
        expanded = sum(m.file_size for m in members)
        if expanded > max_bytes:
            raise DocumentLoadError(
                path, f"expands to {expanded:,} bytes uncompressed, over the "
                      f"{max_bytes:,}-byte limit (a zip bomb?)")
        if any(m.flag_bits & 0x1 for m in members):
            raise EncryptedDocumentError(
                path, "is an encrypted zip archive: save it without a password and try again")
        names = {m.filename for m in members}
        if MAIN_PART not in names or "[Content_Types].xml" not in names:
            raise DocumentLoadError(
                path, f"is a zip archive but not a Word document (no {MAIN_PART})")


# --- styles ---------------------------------------------------------------------------

def _styles(word: docx.document.Document) -> dict[str | None, _Style]:
    """Paragraph style id -> what it makes a paragraph, following ``w:basedOn``.

    Built-in style names are stored in English whatever the language of Word
    (``heading 1``), while the ids may be translated: the names are what is matched.
    The key ``None`` is the default paragraph style."""
    raw: dict[str, tuple[str, str | None, _Style]] = {}
    default: str | None = None
    for el in word.styles.element.findall(qn("w:style")):
        if el.get(qn("w:type")) != "paragraph":
            continue
        style_id = el.get(qn("w:styleId")) or ""
        name = (_child_val(el, "w:name") or "").strip().lower()
        based_on = _child_val(el, "w:basedOn")
        if el.get(qn("w:default")) in {"1", "true", "on"}:
            default = style_id
        raw[style_id] = (name, based_on, _own_style(name, el.find(qn("w:pPr"))))
    resolved: dict[str | None, _Style] = {}

    def resolve(style_id: str, seen: frozenset[str] = frozenset()) -> _Style:
        if style_id in resolved:
            return resolved[style_id]
        _name, based_on, own = raw[style_id]
        if own.heading is None and not own.listed and based_on in raw and based_on not in seen:
            own = resolve(based_on, seen | {style_id})
        resolved[style_id] = own
        return own

    for style_id in raw:
        resolve(style_id)
    resolved[None] = resolved.get(default or "", _Style())
    return resolved


def _own_style(name: str, ppr: etree._Element | None) -> _Style:
    if name == "title":
        return _Style(heading=1, title=True)
    heading = HEADING_STYLE.match(name)
    if heading:
        return _Style(heading=int(heading.group(1)))
    outline = _outline_level(ppr)
    if outline is not None:
        return _Style(heading=outline)
    numbered = ppr is not None and _has_numbering(ppr)
    return _Style(listed=numbered or name.startswith(("list bullet", "list number")))


def _child_val(el: etree._Element, tag: str) -> str | None:
    child = el.find(qn(tag))
    return None if child is None else child.get(W_VAL)


def _outline_level(ppr: etree._Element | None) -> int | None:
    """``w:outlineLvl`` 0-8 is a heading level 1-9; 9 is body text."""
    value = None if ppr is None else _child_val(ppr, "w:outlineLvl")
    if value is None or not value.isdigit() or int(value) > 8:
        return None
    return int(value) + 1


def _has_numbering(ppr: etree._Element) -> bool:
    num = ppr.find(qn("w:numPr"))
    if num is None:
        return False
    num_id = _child_val(num, "w:numId")
    # numId 0 switches numbering off; a level alone (Subtitle's) numbers nothing
    return num_id is not None and num_id != "0"


# --- body -----------------------------------------------------------------------------

class _Reader:
    def __init__(self, builder: DocumentBuilder, styles: dict[str | None, _Style],
                 body: etree._Element) -> None:
        self.builder = builder
        self.styles = styles
        # Heading N sits below the Title: one level deeper when the body uses a Title
        titles = {key for key, style in styles.items() if style.title}
        used = (el.get(W_VAL) for el in body.iter(qn("w:pStyle")))
        self.offset = 1 if any(style_id in titles for style_id in used) else 0
        self.lines: list[TaggedLine] = []  # a paragraph's line breaks, read like plain text

    def walk(self, container: etree._Element) -> None:
        for el in container:
            if el.tag == W_P:
                self.paragraph(el)
            elif el.tag == W_TBL:
                self.table(el)
            elif el.tag == W_SDT:
                content = el.find(W_SDT_CONTENT)
                if content is not None:
                    self.walk(content)

    def flush(self) -> None:
        if self.lines:
            add_tagged_lines(self.builder, self.lines, markdown=False)
            self.lines = []

    def paragraph(self, p: etree._Element) -> None:
        self.flush()
        text = paragraph_text(p)
        if not text.strip():
            return
        style = self._style(p)
        one_line = text.replace("\n", " ")
        if style.heading is not None:
            level = style.heading if style.title else style.heading + self.offset
            self.builder.add("heading", one_line, level=level)
        elif style.listed or _has_numbering_in(p):
            self.builder.add("list_item", one_line)
        elif "\n" in text.strip():
            self.lines = [TaggedLine(line.strip(), None) for line in text.split("\n")]
            self.flush()
        elif (bullet := BULLET.match(one_line)) is not None:
            self.builder.add("list_item", bullet.group("body"))
        elif _all_bold(p) and looks_like_heading(one_line.strip(), ""):
            numbered = NUMBERED_HEADING.match(one_line.strip())
            level = 1 + numbered.group("num").count(".") if numbered else BOLD_HEADING_LEVEL
            self.builder.add("heading", one_line, level=level + self.offset)
        else:
            self.builder.add("paragraph", one_line)

    def first_heading(self, body: etree._Element) -> str | None:
        """The text of the body's first heading-styled paragraph."""
        for p in body.iter(W_P):
            if self._style(p).heading is not None and (text := paragraph_text(p)).strip():
                return text
        return None

    def _style(self, p: etree._Element) -> _Style:
        ppr = p.find(qn("w:pPr"))
        style_id = None if ppr is None else _child_val(ppr, "w:pStyle")
        style = self.styles.get(style_id, self.styles.get(None, _Style()))
        outline = _outline_level(ppr)
        return _Style(heading=outline) if outline is not None else style

    def table(self, tbl: etree._Element) -> None:
        self.flush()
        rows = table_rows(tbl)
        if not rows:
            return
        if max(len(row) for row in rows) <= 1:
            # a one-column table lays a page out: its cells are body text
            for tc in _cells(tbl):
                self.walk(tc)
            return
        self.builder.add_table(rows)

    def text_of(self, container: etree._Element) -> str:
        """A header's or footer's paragraphs and tables as one line."""
        pieces = [paragraph_text(el) if el.tag == W_P else _flat_table(el)
                  for el in _blocks(container)]
        return normalize_inline(" ".join(p.replace("\n", " ") for p in pieces if p.strip()))


def _has_numbering_in(p: etree._Element) -> bool:
    ppr = p.find(qn("w:pPr"))
    return ppr is not None and _has_numbering(ppr)


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in order, content controls opened."""
    for el in container:
        if el.tag in (W_P, W_TBL):
            yield el
        elif el.tag == W_SDT:
            content = el.find(W_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def paragraph_text(p: etree._Element) -> str:
    """The text a paragraph prints: runs (in links, insertions, fields, content controls),
    tabs as spaces, line breaks as newlines; deleted runs and field codes left out."""
    parts: list[str] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        if el.tag == W_R:
            for child in el:
                tag = child.tag
                if tag == W_T:
                    parts.append(child.text or "")
                elif tag == W_TAB:
                    parts.append(" ")
                elif tag in (W_BR, W_CR):
                    parts.append("\n")
                elif tag == W_NO_BREAK_HYPHEN:
                    parts.append("-")
        elif el.tag in RUN_CONTAINERS:
            stack.extend(reversed(el))
    return "".join(parts)


def _all_bold(p: etree._Element) -> bool:
    """Every run with text is bold (by direct formatting)."""
    runs = [r for r in p.iter(W_R) if any((t.text or "").strip() for t in r.iter(W_T))]
    return bool(runs) and all(_bold(r) for r in runs)


def _bold(run: etree._Element) -> bool:
    rpr = run.find(qn("w:rPr"))
    b = None if rpr is None else rpr.find(qn("w:b"))
    return b is not None and b.get(W_VAL) not in {"0", "false", "off"}


# --- tables ---------------------------------------------------------------------------

def _cells(tbl: etree._Element) -> Iterator[etree._Element]:
    for tr in tbl.iter(W_TR):
        if _owning_table(tr) is tbl:
            yield from (tc for tc in tr if tc.tag == W_TC)


def _owning_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != W_TBL:
        parent = parent.getparent()
    return parent


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows (in content controls too), not those of nested tables."""
    for el in tbl:
        if el.tag == W_TR:
            yield el
        elif el.tag == W_SDT:
            content = el.find(W_SDT_CONTENT)
            if content is not None:
                yield from (tr for tr in content if tr.tag == W_TR)


def table_rows(tbl: etree._Element) -> list[list[str]]:
    """Cell texts on the table's grid: a cell spanning columns is repeated in each, a
    vertically merged cell repeats the text of the cell it continues."""
    rows: list[list[str]] = []
    for tr in _rows(tbl):
        row: list[str] = []
        trpr = tr.find(qn("w:trPr"))
        before = min(_int_val(trpr, "w:gridBefore"), MAX_SPAN) if trpr is not None else 0
        row.extend([""] * before)
        for tc in tr:
            if tc.tag != W_TC:
                continue
            tcpr = tc.find(qn("w:tcPr"))
            span = min(max(1, _int_val(tcpr, "w:gridSpan", 1)), MAX_SPAN) if tcpr is not None else 1
            merge = None if tcpr is None else tcpr.find(qn("w:vMerge"))
            column = len(row)
            if merge is not None and merge.get(W_VAL) != "restart" and rows:
                above = rows[-1]
                text = above[column] if column < len(above) else ""
            else:
                text = _cell_text(tc)
            row.extend([text] * span)
        rows.append(row)
    return rows


def _int_val(parent: etree._Element, tag: str, default: int = 0) -> int:
    value = _child_val(parent, tag)
    return int(value) if value is not None and value.isdigit() else default


def _cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs, and any table inside it, as one line."""
    pieces = [paragraph_text(el) if el.tag == W_P else _flat_table(el) for el in _blocks(tc)]
    return " ".join(p.replace("\n", " ").strip() for p in pieces if p.strip())


def _flat_table(tbl: etree._Element) -> str:
    return " ".join(" ".join(c for c in row if c) for row in table_rows(tbl))


# --- header and footer -----------------------------------------------------------------

def _running_parts(word: docx.document.Document) -> list[list[etree._Element]]:
    """The first section's header and footer elements, the first page's after the usual
    ones when the first page has its own."""
    if not word.sections:
        return [[], []]
    section = word.sections[0]
    first_page = section.different_first_page_header_footer
    found = []
    for usual, first in ((section.header, section.first_page_header),
                         (section.footer, section.first_page_footer)):
        # linked to the previous section, in the first section: there is no such part
        found.append([part._element for part in ((usual, first) if first_page else (usual,))
                      if not part.is_linked_to_previous])
    return found


def _running_text(parts: list[etree._Element], reader: _Reader) -> str:
    """The first of the parts with text, unless that text is only a page number."""
    for part in parts:
        text = reader.text_of(part)
        if text and not PAGE_NUMBER.match(text):
            return text
    return ""
