"""HTML pages: the SLA a vendor's web page holds, without the page around it.

Handles, one example each:
- page chrome left out: ``<nav>``, a page-level ``<header>``/``<footer>``,
  ``<div class="cookie-banner">``, ``<div id="newsletter-signup">``,
  ``<ul role="navigation">``; ``<script>``, ``<style>``, ``<svg>``, ``<form>`` never read;
- the content root preferred: ``<main>``, then ``[role=main]``, then a lone ``<article>``;
- headings ``<h2>Service Credits</h2>`` (level 2), and a short all-bold paragraph
  ``<p><b>Exclusions</b></p>`` (level 3);
- paragraphs ``<p>``/``<div>`` text; ``<br>``-separated lines classified like plain text
  (``• Maintenance<br>• Force majeure`` are two list items);
- list items ``<li>Scheduled maintenance</li>``;
- tables ``<tr><th>Uptime</th><th>Credit</th></tr>``: a ``colspan`` repeats a header
  cell and pads a data cell, a ``rowspan`` repeats the cell down, a table inside a cell
  is flattened into that cell's text, a layout table (one column, or cells holding
  headings) is read as a page section;
- div grids ``<div class="row"><div class="cell">99.9%</div>…`` and
  ``role="row"``/``role="cell"`` as tables;
- definition lists ``<dt>Uptime</dt><dd>99.9%</dd>`` as two-column tables;
- ``<pre>`` text read line by line like a text file (``<pre><code>`` stays code);
- ``<title>`` → ``meta["title"]``, ``<meta property="og:site_name">`` or
  ``<meta name="application-name">`` → ``meta["site_name"]``;
- encoding from a BOM, then ``<meta charset="windows-1252">``, then UTF-8/cp1252.

The DOM is walked with an explicit stack, never by recursion: a page nesting
10,000 ``<div>`` deep reads like any other.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from extractor.document import Document, DocumentBuilder, normalize_inline
from extractor.errors import DocumentLoadError
from extractor.readers.decode import decode_bytes
from extractor.readers.lines import (
    NUMBERED_HEADING,
    TaggedLine,
    add_lines,
    add_tagged_lines,
    looks_like_heading,
)

# never content: code, styling, embedded media and the controls of a page
SKIP_TAGS = frozenset(
    ["head", "script", "style", "noscript", "template", "svg", "math", "iframe", "frame",
     "frameset", "object", "embed", "canvas", "button", "select", "option", "optgroup",
     "textarea", "input", "audio", "video", "map", "area", "dialog", "link", "meta", "base",
     "title"])
BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
     "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
     "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
     "tr", "ul"])
HEADINGS = {f"h{n}": n for n in range(1, 7)}
NOT_CELLS = ["table", "ul", "ol", "dl", "pre", *HEADINGS]
CONTENT_TAGS = frozenset({"main", "article", "section"})
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "menu", "menubar", "search", "dialog",
     "alertdialog"})
# Class, id and aria-label words that mark page chrome. Whole words only: "nav" must
# not catch "unavailable", and "header" must not catch a content "subheader".
CHROME_WORDS = frozenset(
    ["nav", "navbar", "navigation", "topnav", "sidenav", "subnav", "menu", "menus", "menubar",
     "megamenu", "mainmenu", "submenu", "footer", "sitefooter", "header", "siteheader",
     "masthead", "banner", "breadcrumb", "breadcrumbs", "cookie", "cookies", "consent", "gdpr",
     "newsletter", "subscribe", "subscription", "sidebar", "skip", "skiplink"])
CHROME_PREFIX = re.compile(
    r"^(?:cookie|consent|onetrust|cybot|gdpr|newsletter|subscribe|breadcrumb)")
TOKEN_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
GRID_CONTAINERS = frozenset({"div", "section", "article", "aside", "figure", "main"})
GRID_ROLES = frozenset({"table", "grid", "treegrid"})
ROW_WORDS = frozenset({"row", "tr", "tablerow", "gridrow"})
ROWGROUP_WORDS = frozenset({"thead", "tbody", "tfoot", "rowgroup"})
WHITESPACE = re.compile(r"[ \t\n\r\f]+")
META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
HAS_MARKUP = re.compile(r"<\s*(?:[A-Za-z][A-Za-z0-9]*|!|/)")
BINARY_MAGIC = {
    b"%PDF-": "a PDF", b"PK\x03\x04": "a ZIP/Office file", b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an OLE/Office file", b"\x1f\x8b": "gzip data",
    b"\x7fELF": "an executable",
}
ROW_MARK = "\ue000"  # a private-use character: ends a nested table's row in cell text
MAX_SPAN = 50        # a colspan="1000" must not make a 1000-column table
MAX_CELL_CHARS = 300  # longer "cells" are prose laid out side by side, not a table


@dataclass(frozen=True)
class _Context:
    kind: str = "paragraph"       # paragraph | heading | list_item
    level: int = 0
    bold: bool = False
    in_content: bool = False      # inside main/article/section: headers there are content


def read_html(path: Path, data: bytes) -> Document:
    text = _decode(path, data)
    builder = DocumentBuilder(str(path), "html")
    if not HAS_MARKUP.search(text):
        # a .html file without a single tag: its lines are all we have
        builder.warnings.append("no HTML markup: read as plain text")
        add_lines(builder, text.splitlines())
        return builder.build()
    soup = _parse(path, text)
    _read_meta(soup, builder)
    body = soup.body or soup
    root = _content_root(body)
    _Walker(builder, _protected(body)).walk(root, _Context(in_content=root is not body))
    return builder.build()


# --- bytes and parsing -------------------------------------------------------------

def _decode(path: Path, data: bytes) -> str:
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DocumentLoadError(path, f"is not HTML: the bytes are {what}")
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode_bytes(path, data)
    else:
        text = _decode_declared(data)
        if text is None:
            try:
                text = decode_bytes(path, data)
            except DocumentLoadError:
                raise DocumentLoadError(path, "is not HTML: binary content (NUL bytes)") from None
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    if sample and (controls + sample.count("\ufffd")) > len(sample) * 0.05:
        raise DocumentLoadError(path, "is not HTML: binary content (control characters)")
    return text


def _decode_declared(data: bytes) -> str | None:
    """The encoding a ``<meta charset>`` declares, when it decodes the bytes."""
    match = META_CHARSET.search(data[:16384])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # a page that could be read to find this meta is not UTF-16 (WHATWG)
    if name in {"latin-1", "iso8859-1", "ascii"}:
        name = "cp1252"  # browsers read these labels as windows-1252, and so do vendors
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None  # mislabelled: let the UTF-8/cp1252 fallback decide


def _parse(path: Path, text: str) -> BeautifulSoup:
    # bs4 drives lxml as a push parser, which keeps deep nesting (unlike
    # lxml.html.fromstring, which cuts at 256 levels); html.parser is the fallback
    problem = ""
    for features in ("lxml", "html.parser"):
        try:
            return BeautifulSoup(text, features)
        except Exception as exc:  # noqa: BLE001 - a parser failing on bad input moves on
            problem = str(exc) or type(exc).__name__
    raise DocumentLoadError(path, f"is not readable HTML: {problem}")


def _read_meta(soup: BeautifulSoup, builder: DocumentBuilder) -> None:
    head = soup.head or soup
    title = head.find("title")
    if isinstance(title, Tag):
        value = normalize_inline(WHITESPACE.sub(" ", title.get_text()))
        if value:
            builder.meta["title"] = value
    for meta in head.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or "").lower()
        if key in {"og:site_name", "application-name"} and "site_name" not in builder.meta:
            value = normalize_inline(str(meta.get("content") or ""))
            if value:
                builder.meta["site_name"] = value


def _content_root(body: Tag) -> Tag:
    root = body.find("main") or body.find(attrs={"role": "main"})
    if root is None:
        articles = body.find_all("article", limit=2)
        root = articles[0] if len(articles) == 1 else None
    if not isinstance(root, Tag):
        return body
    # a <main> holding a hero line while the SLA sits beside it is bad markup: use the page
    if _visible_length(root) < 0.2 * _visible_length(body):
        return body
    return root


def _visible_length(root: Tag) -> int:
    return sum(len(s.strip()) for s in root.descendants
               if _is_text(s) and not (s.parent and s.parent.name in SKIP_TAGS))


def _protected(body: Tag) -> set[int]:
    """Elements that hold the content (main, article, h1): never dropped as chrome."""
    protected: set[int] = set()
    for el in body.find_all(["main", "article", "h1"]) + body.find_all(attrs={"role": "main"}):
        node: Tag | None = el
        # stop at the first marked ancestor so a deep page stays linear
        while node is not None and id(node) not in protected:
            protected.add(id(node))
            node = node.parent
    return protected


# --- the walk ----------------------------------------------------------------------

class _Walker:
    def __init__(self, builder: DocumentBuilder, protected: set[int]) -> None:
        self.builder = builder
        self.protected = protected
        self.chunks: list[tuple[str, bool]] = []
        self.chunk_context = _Context()

    def walk(self, root: Tag, context: _Context) -> None:
        # (node, context, entering); an exit marker closes a block element
        stack: list[tuple[object, _Context, bool]] = [(root, context, True)]
        while stack:
            node, ctx, entering = stack.pop()
            if not entering:
                self.flush()
                continue
            if isinstance(node, NavigableString):
                if _is_text(node):
                    self.text(WHITESPACE.sub(" ", str(node)), ctx)
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name in SKIP_TAGS:
                continue
            if name == "br":
                self.text("\n", ctx)
                continue
            if id(node) not in self.protected and self.is_chrome(node, ctx):
                continue
            if self.special_block(node):
                continue
            child_ctx = ctx
            if name in HEADINGS:
                child_ctx = replace(ctx, kind="heading", level=HEADINGS[name])
            elif name == "li":
                child_ctx = replace(ctx, kind="list_item")
            elif name in {"b", "strong"}:
                child_ctx = replace(ctx, bold=True)
            if name in CONTENT_TAGS or node.get("role") == "main":
                child_ctx = replace(child_ctx, in_content=True)
            if name in BLOCK_TAGS:
                self.flush()
                stack.append((node, ctx, False))
            stack.extend((child, child_ctx, True) for child in reversed(node.contents))
        self.flush()

    def is_chrome(self, el: Tag, ctx: _Context) -> bool:
        name = el.name
        if name in {"html", "body", "main", "article"}:
            return False
        if name == "nav" or name == "form":
            return True
        if name in {"header", "footer"} and not ctx.in_content:
            return True
        role = str(el.get("role") or "").lower()
        if role in CHROME_ROLES:
            return True
        tokens = _tokens(el)
        return any(t in CHROME_WORDS or CHROME_PREFIX.match(t) for t in tokens)

    def special_block(self, el: Tag) -> bool:
        """Tables, grids, definition lists and preformatted text: added whole."""
        name = el.name
        rows: list[list[str]] | None = None
        caption = ""
        if name == "table":
            rows, caption = _table(el)
        elif name == "dl":
            rows = _definition_table(el)
        elif name == "pre":
            self.flush()
            self.preformatted(el)
            return True
        elif name in GRID_CONTAINERS or str(el.get("role") or "").lower() in GRID_ROLES:
            rows = _grid(el)
        if rows is None:
            return False
        self.flush()
        if caption:
            self.builder.add("paragraph", caption)
        self.builder.add_table(rows)
        return True

    def preformatted(self, el: Tag) -> None:
        text = _flat_text(el, keep_lines=True)
        children = [c for c in el.contents if isinstance(c, Tag) or str(c).strip()]
        if len(children) == 1 and isinstance(children[0], Tag) and children[0].name == "code":
            self.builder.add("code", text)
        else:
            add_tagged_lines(self.builder, [TaggedLine(line, None) for line in text.split("\n")],
                             markdown=False)

    def text(self, text: str, ctx: _Context) -> None:
        if not self.chunks:
            self.chunk_context = ctx
        self.chunks.append((text, ctx.bold))

    def flush(self) -> None:
        if not self.chunks:
            return
        chunks, self.chunks = self.chunks, []
        text = "".join(t for t, _ in chunks)
        if not text.strip():
            return
        ctx = self.chunk_context
        if ctx.kind == "heading":
            self.builder.add("heading", text.replace("\n", " "), None, ctx.level)
        elif ctx.kind == "list_item":
            self.builder.add("list_item", text.replace("\n", " "))
        elif "\n" in text.strip():
            lines = [TaggedLine(line.strip(), None) for line in text.split("\n")]
            add_tagged_lines(self.builder, lines, markdown=False)
        elif all(bold for t, bold in chunks if t.strip()) and looks_like_heading(text.strip(), ""):
            # CMS exports mark section titles as bold paragraphs, not <h3>
            numbered = NUMBERED_HEADING.match(text.strip())
            level = 1 + numbered.group("num").count(".") if numbered else 3
            self.builder.add("heading", text, None, level)
        else:
            self.builder.add("paragraph", text)


# --- tables ------------------------------------------------------------------------

def _table(table: Tag) -> tuple[list[list[str]] | None, str]:
    """Rows of a data table, or None for a layout table (read as a section instead)."""
    if str(table.get("role") or "").lower() in {"presentation", "none"}:
        return None, ""
    rows: list[Tag] = []
    caption = ""
    stack = [c for c in reversed(table.contents) if isinstance(c, Tag)]
    while stack:
        el = stack.pop()
        if el.name == "tr":
            rows.append(el)
        elif el.name == "caption":
            caption = _flat_text(el)
        elif el.name not in SKIP_TAGS and el.name != "table":
            stack.extend(c for c in reversed(el.contents) if isinstance(c, Tag))
    cells = [[c for c in tr.contents if isinstance(c, Tag) and c.name in {"td", "th"}]
             for tr in rows]
    if not rows or max(len(r) for r in cells) <= 1:
        return None, ""
    if any(cell.find(list(HEADINGS)) for row in cells for cell in row):
        return None, ""
    return _span_grid(cells), caption


def _span_grid(rows: list[list[Tag]]) -> list[list[str]]:
    """Lay cells out on a grid: colspan repeats header cells and pads data cells,
    rowspan repeats a cell into the rows below."""
    carried: dict[int, list] = {}  # column -> [text, rows still covered]
    grid: list[list[str]] = []

    def take_carried(out: list[str], col: int) -> int:
        while col in carried:
            text, left = carried[col]
            out.append(text)
            if left <= 1:
                del carried[col]
            else:
                carried[col][1] = left - 1
            col += 1
        return col

    for cells in rows:
        out: list[str] = []
        col = 0
        new: dict[int, list] = {}
        for cell in cells:
            col = take_carried(out, col)
            text = _flat_text(cell)
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            for k in range(colspan):
                value = text if k == 0 or cell.name == "th" else ""
                out.append(value)
                if rowspan > 1:
                    new[col] = [value, rowspan - 1]
                col += 1
        for c in sorted(k for k in carried if k >= col):
            out.extend([""] * (c - len(out)))
            take_carried(out, c)
        carried.update(new)
        grid.append(out)
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    while width > 1 and all(not r[width - 1].strip() for r in grid):
        width -= 1  # a ragged trailing column that nothing fills
        grid = [r[:width] for r in grid]
    return grid


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value).strip()), MAX_SPAN))
    except (TypeError, ValueError):
        return 1


def _definition_table(dl: Tag) -> list[list[str]] | None:
    """``<dt>Uptime</dt><dd>99.9%</dd>`` pairs as rows, when every definition is short."""
    items: list[Tag] = []
    for child in dl.contents:
        if not isinstance(child, Tag):
            continue
        if child.name == "div":  # HTML allows each dt/dd group wrapped in a <div>
            items.extend(c for c in child.contents if isinstance(c, Tag))
        else:
            items.append(child)
    rows: list[list[str]] = []
    terms: list[str] = []
    definitions: list[str] = []
    for item in items:
        if item.name == "dt":
            if definitions:
                rows.append([" / ".join(terms), "; ".join(definitions)])
                terms, definitions = [], []
            terms.append(_flat_text(item))
        elif item.name == "dd":
            if not terms or item.find(["table", "ul", "ol", "dl", *HEADINGS]):
                return None
            text = _flat_text(item)
            if len(text) > MAX_CELL_CHARS:
                return None
            definitions.append(text)
    if terms and definitions:
        rows.append([" / ".join(terms), "; ".join(definitions)])
    elif terms:
        return None
    return rows or None


def _grid(el: Tag) -> list[list[str]] | None:
    """A div grid that is clearly a table: two or more row elements, each with the same
    number (two or more) of short cells."""
    children = _child_tags(el)
    if not children:
        return None
    rows: list[Tag] = []
    for child in children:
        if str(child.get("role") or "").lower() == "rowgroup" or ROWGROUP_WORDS & set(
                _tokens(child)):
            rows.extend(_child_tags(child))
        else:
            rows.append(child)
    if len(rows) < 2:
        return None
    cells = [_child_tags(r) for r in rows]
    widths = {len(c) for c in cells}
    if len(widths) != 1 or widths.pop() < 2:
        return None
    if not all(_is_row(r) for r in rows):
        # rows without a row class or role count when they clearly repeat: three or
        # more of one tag and class, each with the same cell classes
        shapes = {(r.name, " ".join(r.get("class") or []),
                   tuple(" ".join(c.get("class") or []) for c in row))
                  for r, row in zip(rows, cells)}
        if len(rows) < 3 or len(shapes) != 1 or not next(iter(shapes))[1]:
            return None
    table: list[list[str]] = []
    for row in cells:
        texts = []
        for cell in row:
            if cell.name in NOT_CELLS or cell.find(NOT_CELLS):
                return None  # headings, lists or tables inside: a layout, not a table
            if any(_is_row(d) for d in cell.find_all(True, limit=20)):
                return None  # a grid of grids: the inner ones are the tables
            text = _flat_text(cell)
            if len(text) > MAX_CELL_CHARS:
                return None
            texts.append(text)
        table.append(texts)
    return table


def _is_row(el: Tag) -> bool:
    if str(el.get("role") or "").lower() == "row":
        return True
    if "table-row" in str(el.get("style") or "").replace(" ", ""):
        return True
    classes = TOKEN_SPLIT.split(" ".join(el.get("class") or []))
    return bool(ROW_WORDS & {t.lower() for t in classes if t})


def _child_tags(el: Tag) -> list[Tag]:
    return [c for c in el.contents if isinstance(c, Tag) and c.name not in SKIP_TAGS]


# --- text helpers ------------------------------------------------------------------

def _tokens(el: Tag) -> list[str]:
    values = [" ".join(el.get("class") or []), str(el.get("id") or ""),
              str(el.get("aria-label") or "")]
    return [t.lower() for t in TOKEN_SPLIT.split(" ".join(values)) if t]


def _is_text(node: object) -> bool:
    # Comment, Doctype, Script, Stylesheet... are NavigableString subclasses to skip
    return type(node) is NavigableString or type(node) is CData


def _flat_text(root: Tag, keep_lines: bool = False) -> str:
    """The text under ``root`` on one line (a table cell), or with its line breaks kept
    (``<pre>``). Block boundaries become spaces, nested table rows become ``; ``."""
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(c, True) for c in reversed(root.contents)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            parts.append(ROW_MARK if getattr(node, "name", "") == "tr" else " ")
            continue
        if isinstance(node, NavigableString):
            if _is_text(node):
                parts.append(str(node) if keep_lines else WHITESPACE.sub(" ", str(node)))
            continue
        if not isinstance(node, Tag) or node.name in SKIP_TAGS:
            continue
        if node.name == "br":
            parts.append("\n" if keep_lines else " ")
            continue
        if node.name in BLOCK_TAGS:
            parts.append(" ")
            stack.append((node, False))
        stack.extend((c, True) for c in reversed(node.contents))
    text = "".join(parts)
    if keep_lines:
        return text.strip("\n")
    # the rows of a table inside this cell: "a b; c d", no mark at either end
    rows = (WHITESPACE.sub(" ", row).strip() for row in text.split(ROW_MARK))
    return "; ".join(row for row in rows if row)
