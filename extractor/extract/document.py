"""The normalized document every reader produces and every field extractor reads.

A document is an ordered list of blocks (heading, paragraph, list item, table, code)
over one normalized text. Each block knows its character span in that text and, for
a PDF, its page, so any match inside a block becomes evidence with offsets and page.
Table blocks also keep rows and cells, each cell with its own span.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

from schemas import Evidence

BlockKind = Literal["heading", "paragraph", "list_item", "table", "code"]

# Characters that vary between formats but mean the same: normalizing them once here
# lets every rule match "99.9%" or "customer's" whatever the source typed.
_TRANSLATE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\t": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    "\u2212": "-", "\u2011": "-", "\u2010": "-",
    "\uff05": "%",
})
_SPACES = re.compile(r"[ ]{2,}")
PLACEHOLDER = re.compile(r"\{\{\s*(?P<key>[\w.\-]+)\s*\}\}")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # tabs and controls read as spaces


def placeholder_name(key: str) -> str:
    """``site.data.keyword.Acme_notm`` -> ``Acme``."""
    last = key.split(".")[-1]
    last = re.sub(r"_(notm|short|full|long)$", "", last)
    return last.replace("_", " ").strip() or key


def normalize_inline(text: str) -> str:
    """One line of text as the extractors see it: NFC, plain quotes, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    page: int | None = None

    @property
    def texts(self) -> list[str]:
        # kept once per row: table rules read a row's cells column by column
        found: list[str] | None = self.__dict__.get("_texts")
        if found is None:
            found = [c.text for c in self.cells]
            object.__setattr__(self, "_texts", found)
        return found


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None = None
    level: int = 0
    rows: tuple[Row, ...] = ()

    @property
    def is_table(self) -> bool:
        return self.kind == "table"


@dataclass
class Document:
    path: str
    format: str
    text: str
    blocks: list[Block]
    pages: int | None = None
    meta: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # derived views (sentences, heading paths) computed once and shared by every field
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def block_at(self, offset: int) -> Block | None:
        starts = cast("list[int] | None", self.cache.get("block_starts"))
        if starts is None or len(starts) != len(self.blocks):
            starts = self.cache["block_starts"] = [b.start for b in self.blocks]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    def page_at(self, offset: int) -> int | None:
        block = self.block_at(offset)
        if block is None:
            return None
        for row in block.rows:
            if row.cells and row.cells[0].start <= offset <= row.cells[-1].end:
                return row.page
        return block.page

    def evidence(self, start: int, end: int) -> Evidence:
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        # validated construction is faster in pydantic 2 than model_construct
        return Evidence(quote=self.text[start:end], start=start, end=end, page=self.page_at(start))

    def headings_before(self, block: Block) -> list[Block]:
        """The heading path above a block, nearest last."""
        path: list[Block] = []
        for other in self.blocks:
            if other.start >= block.start:
                break
            if other.kind == "heading":
                while path and path[-1].level >= other.level:
                    path.pop()
                path.append(other)
        return path

    def tables(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.is_table)


class DocumentBuilder:
    """Appends blocks to one normalized text, keeping offsets exact."""

    SEPARATOR = "\n\n"

    def __init__(self, path: str, fmt: str, resolve_placeholders: bool = True) -> None:
        self.path = path
        self.resolve_placeholders = resolve_placeholders
        self.format = fmt
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.meta: dict[str, object] = {}
        self.warnings: list[str] = []

    def _resolve(self, text: str) -> str:
        """Template placeholders left in a page (``{{site.data.keyword.X}}``) read as the
        key's name; the names are kept in ``meta`` because a template variable is a
        hint at the provider, not its published name."""
        if "{{" not in text or not self.resolve_placeholders:
            return text
        found = cast("dict[str, str]", self.meta.setdefault("placeholders", {}))

        def name(match: re.Match[str]) -> str:
            found[match.group("key")] = placeholder_name(match.group("key"))
            return found[match.group("key")]

        return PLACEHOLDER.sub(name, text)

    def _append(self, text: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append(self.SEPARATOR)
            self._length += len(self.SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return start, self._length

    def add(self, kind: BlockKind, text: str, page: int | None = None, level: int = 0) -> None:
        text = normalize_inline(self._resolve(text)) if kind != "code" else text.strip("\n")
        if not text.strip():
            return
        start, end = self._append(text)
        self.blocks.append(Block(kind, text, start, end, page, level))

    def add_table(self, rows: list[list[str]], pages: list[int | None] | None = None) -> None:
        """Rows of cell texts; rendered one row a line, cells joined by ' | '."""
        clean = [[normalize_inline(self._resolve(c)) for c in row] for row in rows]
        keep = [any(row) and (i == 0 or row != clean[0]) for i, row in enumerate(clean)]
        # a header row repeated where the table went over a page break is said once
        rows_pages = [p for p, k in zip(pages or [None] * len(rows), keep, strict=True) if k]
        clean = [row for row, k in zip(clean, keep, strict=True) if k]
        pages = rows_pages
        if not clean:
            return
        row_pages = pages or [None] * len(clean)
        lines: list[str] = []
        spans: list[list[tuple[int, int]]] = []
        offset = 0
        for row in clean:
            line_spans = []
            pieces = []
            for i, cell in enumerate(row):
                if i:
                    pieces.append(" | ")
                    offset += 3
                line_spans.append((offset, offset + len(cell)))
                pieces.append(cell)
                offset += len(cell)
            lines.append("".join(pieces))
            spans.append(line_spans)
            offset += 1  # newline
        text = "\n".join(lines)
        start, end = self._append(text)
        built_rows = []
        for row, row_spans, page in zip(clean, spans, row_pages, strict=True):
            cells = tuple(Cell(c, start + s, start + e)
                          for c, (s, e) in zip(row, row_spans, strict=True))
            built_rows.append(Row(cells, page))
        first_page = next((p for p in row_pages if p is not None), None)
        self.blocks.append(Block("table", text, start, end, first_page, 0, tuple(built_rows)))

    def build(self, pages: int | None = None) -> Document:
        return Document(self.path, self.format, "".join(self._parts), self.blocks, pages,
                        self.meta, self.warnings)
