"""Ruled tables from pdfium's drawing and character boxes, read by pdfplumber's rules.

pdfplumber finds a ruled table from the page's edges (lines, rectangles, straight
pieces of curves) and reads each cell from the characters whose centres fall in it.
Its cost is pdfminer's layout of the whole page (≈ 90 % of pdfplumber's time on a
Chromium-printed page), not the table finder. Here pdfplumber's own finder, and its cell
reader's rules (``_extract``), run on objects built from pdfium, shaped as pdfminer would
shape them:

- paths are split into subpaths and classified as pdfminer's ``paint_path`` does (one
  segment: a line; four axis-parallel sides closing on the start: a rectangle; anything
  else: a curve), in pdfplumber's top-down coordinates;
- a character's box runs from its origin over its advance, and from the font's descent
  up one font size (pdfminer's box), not pdfium's ascent-based box;
- pdfium drops the PDF's space glyphs and generates its own; a generated space is placed
  in the gap it stands for, so the word breaks fall where pdfplumber puts them;
- only characters on text lines near a table are read: a page's other characters cannot
  fall in a cell.

A page this cannot mirror (rotated, or characters that are not upright) returns None and
the reader asks pdfplumber for that page.
"""
from __future__ import annotations

import ctypes
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any

import pypdfium2.raw as pdfium_c

PLUMBER_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
Matrix = tuple[float, float, float, float, float, float]
Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom: pdfplumber's frame
PathRef = tuple[Any, tuple[Any, ...]]  # a path object and the forms it sits in
MAX_FORM_DEPTH = 32
PREFILTER = 1  # pdfplumber's edge_min_length_prefilter
TOLERANCE = 3  # pdfplumber's x and y tolerance for words and lines
TOP = itemgetter("top")
LEFT_TO_RIGHT = itemgetter("x0")  # pdfplumber sorts a line by x0 alone (stable)
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
SUBPATH = re.compile(r"m[^m]+")
WHITESPACE = {" ", "\r", "\n", "\xa0"}


class GeometryPage:
    """What pdfplumber's ``TableFinder`` reads of a page."""

    def __init__(self, edges: list[dict[str, Any]], bbox: Bbox) -> None:
        self.edges = edges
        self.bbox = bbox


def find_tables(page: Any, textpage: Any, height: float,
                spans: Sequence[tuple[int, int, float, float]], paths: Sequence[PathRef],
                page_text: str | None = None
                ) -> list[tuple[list[list[str | None]], Bbox]] | None:
    """Each table's rows (as pdfplumber's ``Table.extract`` gives them) and bbox in the
    top-down frame (``top = height - y``); None when the page needs pdfplumber itself.

    ``spans`` are the page's text lines as pdfium indices: (first, last, bottom, top),
    bottom and top in PDF user space; ``paths`` its path objects (see ``page_objects``);
    ``page_text`` the text page's text if its offsets are pdfium's character indices.
    """
    from pdfplumber.table import TableFinder

    if pdfium_c.FPDFPage_GetRotation(page) != 0:
        return None
    edges = _edges(paths, height)
    width = pdfium_c.FPDF_GetPageWidthF(page)
    geometry: Any = GeometryPage(edges, (0.0, 0.0, width, height))  # read as a Page
    finder = TableFinder(geometry, PLUMBER_SETTINGS)
    found = []
    for table in finder.tables:
        x0, top, x1, bottom = table.bbox
        near = [s for s in spans if _near(s, height - bottom, height - top)]
        chars = _chars(textpage, height, near, page_text)
        if chars is None:
            return None
        found.append((_extract(table, chars), (x0, top, x1, bottom)))
    return found


def _extract(table: Any, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """pdfplumber's ``Table.extract()`` with its default settings, the same cells: a
    character belongs to the cell holding its centre, and a cell's text is its words in
    lines. Faster: centres computed once, a row's characters found by bisection, words
    made without pdfplumber's general word extractor and character map."""
    across = [(c["x0"] + c["x1"]) / 2 for c in chars]
    down = [(c["top"] + c["bottom"]) / 2 for c in chars]
    order = sorted(range(len(chars)), key=down.__getitem__)
    downs = [down[i] for i in order]
    rows = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        band = order[bisect_left(downs, top):bisect_left(downs, bottom)]
        inside = sorted(i for i in band if x0 <= across[i] < x1)  # the page's order
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)  # a position a merged cell covers
                continue
            cx0, ctop, cx1, cbottom = cell
            mine = [chars[i] for i in inside if cx0 <= across[i] < cx1
                    and ctop <= down[i] < cbottom]
            cells.append(_text(mine) if mine else "")
        rows.append(cells)
    return rows


def _text(chars: list[dict[str, Any]]) -> str:
    """pdfplumber's ``extract_text`` with its defaults, for upright left-to-right text:
    characters in lines by their tops (3 pt), each line left to right, a word broken at
    a space, a step back, a gap over 3 pt or a top 3 pt away; words in lines again."""
    from pdfplumber.utils.clustering import cluster_objects

    words: list[tuple[float, str]] = []  # (top, text)
    for line in cluster_objects(chars, TOP, TOLERANCE):
        line.sort(key=LEFT_TO_RIGHT)
        word: list[dict[str, Any]] = []
        for char in line:
            if char["text"].isspace():
                if word:
                    words.append(_word(word))
                word = []
                continue
            if word:
                last = word[-1]
                if (char["x0"] < last["x0"] or char["x0"] > last["x1"] + TOLERANCE
                        or abs(char["top"] - last["top"]) > TOLERANCE):
                    words.append(_word(word))
                    word = []
            word.append(char)
        if word:
            words.append(_word(word))
    lines = cluster_objects(words, itemgetter(0), TOLERANCE)
    return "\n".join(" ".join(text for _, text in line) for line in lines)


def _word(chars: list[dict[str, Any]]) -> tuple[float, str]:
    return (min(c["top"] for c in chars),
            "".join(LIGATURES.get(c["text"], c["text"]) for c in chars))


def _near(span: tuple[int, int, float, float], low: float, high: float) -> bool:
    # a line's box is that of its first and last characters: allow a line height for
    # the characters between them (a superscript, a taller font)
    _, _, bottom, top = span
    margin = top - bottom
    return bottom - margin <= high and top + margin >= low


# --- edges -----------------------------------------------------------------------------

def page_objects(page: Any) -> Iterator[tuple[Any, int, tuple[Any, ...]]]:
    """The page's objects other than text, in drawing order, form XObjects' contents
    after the form: (object, pdfium type, the forms it sits in, outermost first)."""
    get, kind_of = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    text, form = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM
    # a Chromium page holds thousands of text objects: they are skipped in this loop
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = get(page, i)
        kind = kind_of(obj)
        if kind == text:
            continue
        yield obj, kind, ()
        if kind == form:
            yield from _form_objects(obj, (obj,))


def _form_objects(holder: Any, forms: tuple[Any, ...]
                  ) -> Iterator[tuple[Any, int, tuple[Any, ...]]]:
    if len(forms) > MAX_FORM_DEPTH:
        return  # a form drawing itself: pdfium stops too, sooner or later
    for i in range(pdfium_c.FPDFFormObj_CountObjects(holder)):
        obj = pdfium_c.FPDFFormObj_GetObject(holder, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        yield obj, kind, forms
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _form_objects(obj, (*forms, obj))


def _edges(paths: Sequence[PathRef], height: float) -> list[dict[str, Any]]:
    """The page's edges as pdfplumber's ``page.edges`` has them (lines, then rectangles'
    sides, then curves' pieces), less those its table finder drops first (shorter than
    ``edge_min_length_prefilter``, or neither horizontal nor vertical)."""
    from pdfplumber.utils import curve_to_edges

    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    for obj, forms in paths:
        for kind, item in _shapes(obj, _matrix(obj, forms), height):
            if kind == "line":
                item["object_type"] = "line"
                item["orientation"] = "h" if item["top"] == item["bottom"] else "v"
                lines.append(item)
            elif kind == "rect":
                rects.extend(_rect_edges(item))
            else:
                curves.extend(curve_to_edges(item))
    return [e for e in (*lines, *rects, *curves) if e["orientation"] is not None
            and e["height" if e["orientation"] == "v" else "width"] >= PREFILTER]


def _rect_edges(rect: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """pdfplumber's ``rect_to_edges``: top, bottom, left, right."""
    top, height = rect["top"], rect["height"]
    kind = {"object_type": "rect_edge"}
    return ({**rect, **kind, "height": 0, "bottom": top, "orientation": "h"},
            {**rect, **kind, "height": 0, "top": top + height, "doctop": rect["doctop"] + height,
             "orientation": "h"},
            {**rect, **kind, "width": 0, "x1": rect["x0"], "orientation": "v"},
            {**rect, **kind, "width": 0, "x0": rect["x1"], "orientation": "v"})


def _matrix(obj: Any, forms: tuple[Any, ...]) -> Matrix:
    """An object's matrix to page space: its own, then each form's, innermost first."""
    raw = pdfium_c.FS_MATRIX()
    matrix: Matrix | None = None
    for holder in (obj, *reversed(forms)):
        pdfium_c.FPDFPageObj_GetMatrix(holder, raw)
        step = (raw.a, raw.b, raw.c, raw.d, raw.e, raw.f)
        matrix = step if matrix is None else _compose(matrix, step)
    assert matrix is not None
    return matrix


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _shapes(obj: Any, matrix: Matrix, height: float) -> Iterator[tuple[str, dict[str, Any]]]:
    """pdfminer's ``paint_path``: the path's subpaths as lines, rectangles and curves."""
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    pending_bezier = 0
    get, kind_of = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetType
    point_of, closes = pdfium_c.FPDFPathSegment_GetPoint, pdfium_c.FPDFPathSegment_GetClose
    bezier, move = pdfium_c.FPDF_SEGMENT_BEZIERTO, pdfium_c.FPDF_SEGMENT_MOVETO
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = get(obj, i)
        kind = kind_of(segment)
        point_of(segment, x, y)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == bezier:
            # pdfium stores a curve as three points; pdfminer keeps its end point
            pending_bezier += 1
            if pending_bezier < 3:
                continue
            pending_bezier = 0
            ops.append("c")
        else:
            ops.append("m" if kind == move else "l")
        points.append(point)
        if closes(segment):
            ops.append("h")
            points.append(points[_subpath_start(ops)])
    shape = "".join(ops)
    for found in SUBPATH.finditer(shape):
        item = _shape(shape[found.start():found.end()], points[found.start():found.end()],
                      height)
        if item is not None:
            yield item


def _subpath_start(ops: list[str]) -> int:
    for i in range(len(ops) - 1, -1, -1):
        if ops[i] == "m":
            return i
    return 0


def _shape(shape: str, pts: list[tuple[float, float]], height: float
           ) -> tuple[str, dict[str, Any]] | None:
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]
    if shape in {"mlh", "ml"}:
        return "line", _box(pts[:2], height)
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", _box([pts[0], pts[2]], height)
    curve = _box(pts, height)
    curve["pts"] = [(px, height - py) for px, py in pts]
    return "curve", curve


def _box(pts: list[tuple[float, float]], height: float) -> dict[str, Any]:
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    top = height - y1
    # no y0/y1: pdfplumber's finder only carries them along
    return {"x0": x0, "x1": x1, "top": top, "bottom": height - y0, "doctop": top,
            "width": x1 - x0, "height": y1 - y0}


# --- characters ------------------------------------------------------------------------

def _chars(textpage: Any, height: float, spans: list[tuple[int, int, float, float]],
           page_text: str | None) -> list[dict[str, Any]] | None:
    """``page_text``: the text page's text when its offsets are pdfium's indices (no
    character beyond the BMP), else None and each character is asked for."""
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    loose_box, matrix_of = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetMatrix
    size_of, generated = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_IsGenerated
    chars: list[dict[str, Any]] = []
    gaps: list[int] = []  # generated spaces: placed once their neighbours are known
    for first, last, _, _ in spans:
        for index in range(first, last + 1):
            text = (page_text[index] if page_text is not None
                    else chr(pdfium_c.FPDFText_GetUnicode(textpage, index)))
            if text in WHITESPACE and generated(textpage, index):
                if text == " ":
                    gaps.append(len(chars))
                    chars.append({"text": " "})
                continue
            loose_box(textpage, index, box)
            matrix_of(textpage, index, matrix)
            if not (matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0) or matrix.b:
                return None  # rotated or mirrored text: pdfplumber reads it its own way
            size = size_of(textpage, index) * matrix.d
            bottom = height - box.bottom
            chars.append({"text": "-" if text == "\x02" else text, "x0": box.left,
                          "x1": box.right, "top": bottom - size, "bottom": bottom,
                          "doctop": bottom - size, "upright": True, "size": size})
        if gaps and gaps[-1] == len(chars) - 1:
            chars.pop()  # a space generated at the end of a line stands for no gap
            gaps.pop()
    for at in gaps:
        before = _placed(chars, at, -1)
        after = _placed(chars, at, 1)
        ref = before or after
        if ref is None:
            continue
        x0 = before["x1"] if before else ref["x0"]
        x1 = max(x0, after["x0"]) if after else x0
        chars[at] = {**ref, "text": " ", "x0": x0, "x1": x1}
    return [c for c in chars if "x0" in c]


def _placed(chars: list[dict[str, Any]], at: int, step: int) -> dict[str, Any] | None:
    """The nearest character before (step -1) or after (step 1) ``at`` that has a box."""
    at += step
    while 0 <= at < len(chars):
        if "x0" in chars[at]:
            return chars[at]
        at += step
    return None
