"""Tables that were never marked up as tables: runs of "label – value" lines.

A page's text often keeps a table as one line per row ("4 Hrs to 8 Hrs - 20%",
"Power: 100%"), and a reader has no markup to go by: each line comes out as a short
heading or paragraph. Three or more such lines in a row, each splitting into a label and
a short value with a figure in most of them, are read as a two-column grid whose cells
keep their offsets in the document text, so table rules apply to them as to any table.
"""
from __future__ import annotations

import re

from extractor.extract.document import Block, Cell, Document, Row

ROW = re.compile(r"^(?P<label>[^\n:|]{1,60}?)\s+(?:[-–—:]|->|=>)\s+(?P<value>[^\n]{1,40})$")
VALUE_FIGURE = re.compile(r"\d|\b(?:n/?a|none|nil)\b", re.I)
MIN_ROWS = 3
LINE_KINDS = ("heading", "paragraph", "list_item")


def _row(block: Block) -> Row | None:
    if block.kind not in LINE_KINDS or "\n" in block.text or len(block.text) > 110:
        return None
    m = ROW.match(block.text)
    if not m or not VALUE_FIGURE.search(m.group("value")):
        return None
    label = Cell(m.group("label").strip(), block.start + m.start("label"),
                 block.start + m.start("label") + len(m.group("label").strip()))
    value = Cell(m.group("value").strip(), block.start + m.start("value"), block.end)
    return Row((label, value), block.page)


def implicit_tables(doc: Document) -> list[Block]:
    """Runs of label–value lines as table blocks (cached per document)."""
    cached = doc.cache.get("implicit_tables")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: list[Block] = []
    run: list[tuple[Block, Row]] = []

    def close() -> None:
        figures = sum(1 for _, row in run if re.search(r"\d", row.cells[1].text))
        if len(run) >= MIN_ROWS and figures >= len(run) - 1:
            first, last = run[0][0], run[-1][0]
            text = doc.text[first.start:last.end]
            found.append(Block("table", text, first.start, last.end, first.page, 0,
                               tuple(row for _, row in run)))
        run.clear()

    for block in doc.blocks:
        row = _row(block)
        if row is None:
            close()
        else:
            run.append((block, row))
    close()
    doc.cache["implicit_tables"] = found
    return found


# a table flattened into one line: "Availability 99.90% to 99.98% | credit 5% | Availability
# below 99.50% | credit 25%" (cells in row order, a row's cells side by side)
FLAT_SEPARATOR = re.compile(r"\s+\|\s+")
MIN_FLAT_CELLS = 4


def flattened_tables(doc: Document) -> list[Block]:
    """Paragraphs that hold a table squashed into one line, as two-column table blocks
    (the prose before the first cell is left out of the grid)."""
    cached = doc.cache.get("flattened_tables")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: list[Block] = []
    for block in doc.blocks:
        if (
            block.kind not in ("paragraph", "list_item")
            or block.text.count("|") < MIN_FLAT_CELLS - 1
        ):
            continue
        pieces = FLAT_SEPARATOR.split(block.text)
        if len(pieces) < MIN_FLAT_CELLS or len(pieces) % 2:
            continue
        # the first cell begins after the prose that leads into the table ("... table: ")
        offsets, at = [], 0
        for piece in pieces:
            at = block.text.index(piece, at)
            offsets.append((at, at + len(piece)))
            at += len(piece)
        lead_end = max(block.text.rfind(": ", 0, offsets[0][1]), block.text.rfind(". ", 0,
                                                                               offsets[0][1]))
        if lead_end >= 0:
            offsets[0] = (lead_end + 2, offsets[0][1])
        cells = [
            Cell(block.text[a:b].strip(), block.start + a, block.start + b) for a, b in offsets
        ]
        if not all(VALUE_FIGURE.search(c.text) for c in cells) or any(
            len(c.text) > 120 for c in cells
        ):
            continue
        rows = tuple(Row((cells[i], cells[i + 1]), block.page) for i in range(0, len(cells), 2))
        start = cells[0].start
        found.append(Block("table", doc.text[start:block.end], start, block.end, block.page, 0,
                           rows))
    doc.cache["flattened_tables"] = found
    return found
