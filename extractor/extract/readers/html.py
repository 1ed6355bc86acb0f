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

Parsing: lxml's HTML parser driving lxml's own ``TreeBuilder`` as a parser target, the
same libxml2 event stream BeautifulSoup("lxml") builds its tree from (so the same tree),
without bs4's per-node Python objects. Measured on a ~1 KB synthetic page (benchmarks/
run.py ``make_html``): 1.03 ms per read with bs4, of which 0.50 ms was building the bs4
tree alone, against 0.055 ms for this parse. The target interface, unlike
``lxml.html.fromstring`` or a tree-building parser (cut at 255/2047 levels), keeps
10,000-deep nesting. BeautifulSoup's ``html.parser`` is kept as the fallback when lxml
rejects the text, its tree copied into lxml elements.
"""
from __future__ import annotations

import codecs
import re
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree

from extractor.errors import DocumentLoadError
from extractor.extract.document import Document, DocumentBuilder, normalize_inline
from extractor.extract.readers.decode import decode_bytes
from extractor.extract.readers.lines import (
    NUMBERED_HEADING,
    TaggedLine,
    add_lines,
    add_tagged_lines,
    looks_like_heading,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

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
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below " ", less \t \n \f \r
HAS_MARKUP = re.compile(r"<\s*(?:[A-Za-z][A-Za-z0-9]*|!|/)")
BINARY_MAGIC = {
    b"%PDF-": "a PDF", b"PK\x03\x04": "a ZIP/Office file", b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an OLE/Office file", b"\x1f\x8b": "gzip data",
    b"\x7fELF": "an executable",
}
# bs4 keeps the strings of these elements apart (Script, Stylesheet, TemplateString,
# RubyTextString...) and never reads them as text; only rt/rp are not already skipped
STRING_CONTAINERS = frozenset({"script", "style", "template", "rt", "rp"})
DOCUMENT = "x-document"  # the element standing for bs4's soup: no chrome, no block
ROW_MARK = "\ue000"  # a private-use character: ends a nested table's row in cell text
MAX_SPAN = 50        # a colspan="1000" must not make a 1000-column table
MAX_CELL_CHARS = 300  # longer "cells" are prose laid out side by side, not a table


_Element = etree._Element
_ELEMENT = etree.Element  # as an iter() filter: elements only, no comments or PIs


class _Context(NamedTuple):  # a tuple: made once per element, so cheap to copy with a change
    kind: str = "paragraph"       # paragraph | heading | list_item
    level: int = 0
    bold: bool = False
    in_content: bool = False      # inside main/article/section: headers there are content
    hidden: bool = False          # inside script/style/template/rt/rp: text never read


def read_html(path: Path, data: bytes) -> Document:
    text = _decode(path, data)
    builder = DocumentBuilder(str(path), "html")
    if not HAS_MARKUP.search(text):
        # a .html file without a single tag: its lines are all we have
        builder.warnings.append("no HTML markup: read as plain text")
        add_lines(builder, text.splitlines())
        return builder.build()
    top = _parse(path, text)
    _read_meta(top, builder)
    body = next(top.iter("body"), None)
    if body is None:
        body = top
    root, protected = _scan(body)
    _Walker(builder, protected).walk(root, _Context(in_content=root is not body,
                                                    hidden=_in_container(root)))
    return builder.build()


# --- bytes and parsing -------------------------------------------------------------

def _decode(path: Path, data: bytes) -> str:
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DocumentLoadError(path, f"is not HTML: the bytes are {what}")
    text: str | None
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
    controls = len(CONTROLS.findall(sample))
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


class _Target(etree.TreeBuilder):
    """lxml parser target: lxml's TreeBuilder under one neutral top element, the soup.
    libxml2 may close ``</html>`` early and open a second ``<html>`` for the text after
    it; bs4 kept both at the top of its soup, and so does this. A subclass rather than a
    wrapper, so that lxml feeds it events in C (about 15% faster on the corpus pages)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.flat: str | None = None  # the open element past MAX_DEPTH
        self.start(DOCUMENT, {})

    # Past MAX_DEPTH an element opens as a sibling of the one before it (which it
    # closes), not as its child: 20,000 unclosed <table>s would otherwise nest 20,000
    # deep, and every walk over a subtree (lxml's iter() among them) would make the
    # reading quadratic. Headings and paragraphs down there stay blocks of their own.
    # lxml's TreeBuilder.start and end return the element; lxml-stubs say None
    def start(self, tag: str, attrs: dict[str | bytes, str | bytes],  # type: ignore[override]
              nsmap: dict[str, str] | None = None) -> _Element:
        self.depth += 1
        if self.depth > MAX_DEPTH and self.flat is not None:
            super().end(self.flat)
        element: _Element = super().start(tag, attrs)  # type: ignore[assignment]
        if self.depth > MAX_DEPTH:
            self.flat = tag
        return element

    def end(self, tag: str) -> _Element | None:  # type: ignore[override]
        self.depth -= 1
        if self.depth >= MAX_DEPTH:
            if self.flat is None:
                return None
            tag, self.flat = self.flat, None
        return super().end(tag)

    def close(self) -> _Element:
        self.end(DOCUMENT)
        return super().close()


MAX_DEPTH = 400  # libxml2's own tree builder stops at 255; no real page nests deeper


def _parse(path: Path, text: str) -> _Element:
    """The page under one neutral top element (which stands for bs4's soup).

    lxml's HTML parser feeding lxml's TreeBuilder as a parser target: the same events,
    in the same order, as BeautifulSoup(text, "lxml") received (a tree-building parser
    would cut nesting at 255 levels); bs4's ``html.parser`` is the fallback, as it was."""
    if text.startswith("\ufeff"):
        text = text[1:]  # as bs4 did before feeding lxml
    native = _parse_native(text)
    if native is not None:
        return native
    problem = ""
    for encoding in (None, "utf8"):
        try:
            # the stubs' ParserTarget has start and end return None (see _Target)
            parser = etree.HTMLParser(target=_Target(),  # type: ignore[arg-type]
                                      recover=True, encoding=encoding)
            parser.feed(text if encoding is None else text.encode("utf8"))
            return parser.close()
        except (UnicodeDecodeError, LookupError, etree.ParserError) as exc:
            problem = str(exc) or type(exc).__name__  # bs4 then tried the UTF-8 bytes
        except Exception as exc:  # noqa: BLE001 - a parser failing on bad input moves on
            problem = str(exc) or type(exc).__name__
            break
    try:
        from bs4 import BeautifulSoup

        return _from_soup(BeautifulSoup(text, "html.parser"))
    except Exception as exc:  # noqa: BLE001
        problem = str(exc) or type(exc).__name__
    raise DocumentLoadError(path, f"is not readable HTML: {problem}")


AFTER_HTML = re.compile(r"</html\b[^>]*>", re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def _parse_native(text: str) -> _Element | None:
    """The same tree from lxml's own tree builder, about ten times faster than a parser
    target on a small page; None where the two differ: content after ``</html>`` (the
    tree builder drops it), nesting past libxml2's depth limit, or a parse failure."""
    end = AFTER_HTML.search(text)
    if end is not None and COMMENT.sub("", text[end.end():]).strip():
        return None
    parser = etree.HTMLParser(recover=True, huge_tree=True)
    try:
        root = etree.fromstring(text, parser)
    except Exception:  # noqa: BLE001 - the target path reports what is wrong
        return None
    if root is None or any(e.level >= etree.ErrorLevels.FATAL for e in parser.error_log):
        return None
    top = etree.Element(DOCUMENT)
    for before in reversed(list(root.itersiblings(preceding=True))):
        top.append(before)  # comments and processing instructions ahead of <html>
    top.append(root)
    return top


def _from_soup(soup: BeautifulSoup) -> _Element:
    """bs4's html.parser tree as lxml elements under one neutral top element (the
    soup). Names lxml refuses are unwrapped, attributes it refuses dropped, and lone
    surrogates (the usual reason lxml failed) replaced."""
    from bs4 import CData, Comment, NavigableString, Tag

    def clean(value: str) -> str:
        return value.encode("utf-8", "replace").decode("utf-8", "replace") if any(
            "\ud800" <= ch <= "\udfff" for ch in value) else value

    tb = etree.TreeBuilder()
    tb.start(DOCUMENT, {})
    # (a soup node, True) to enter it, (a tag name, False) to close it
    stack: list[tuple[Any, bool]] = [(c, True) for c in reversed(soup.contents)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            tb.end(node)
            continue
        if isinstance(node, Tag):
            attrs: dict[str | bytes, str | bytes] = {}
            for key, value in node.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                try:
                    etree.Element("x", {clean(key): clean(value)})
                except ValueError:
                    continue
                attrs[clean(key)] = clean(value)
            name = clean(node.name)
            try:
                etree.Element(name)
                accepted = True
            except ValueError:
                accepted = False
            if accepted:
                tb.start(name, attrs)
                stack.append((name, False))
            stack.extend((c, True) for c in reversed(node.contents))
        elif type(node) is NavigableString or type(node) is CData:
            tb.data(clean(str(node)))
        elif isinstance(node, Comment):
            tb.comment(clean(str(node)))
    tb.end(DOCUMENT)
    return tb.close()


def _read_meta(top: _Element, builder: DocumentBuilder) -> None:
    head = next(top.iter("head"), None)
    scope = top if head is None else head
    title = next(scope.iter("title"), None)
    if title is not None:
        hidden = any(a.tag in STRING_CONTAINERS for a in title.iterancestors())
        value = normalize_inline(WHITESPACE.sub(" ", "".join(_strings(title, hidden))))
        if value:
            builder.meta["title"] = value
    for meta in scope.iter("meta"):
        key = str(meta.get("property") or meta.get("name") or "").lower()
        if key in {"og:site_name", "application-name"} and "site_name" not in builder.meta:
            value = normalize_inline(str(meta.get("content") or ""))
            if value:
                builder.meta["site_name"] = value


def _strings(root: _Element, hidden: bool) -> list[str]:
    """The text strings under ``root`` in order, as bs4's ``get_text`` gave them: none
    of a comment, nor inside script/style/template/rt/rp."""
    out: list[str] = []
    stack: list[tuple[_Element | str, bool]] = [(root, hidden)]
    while stack:
        node, hide = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        hide = hide or node.tag in STRING_CONTAINERS
        for child in reversed(node):
            if child.tail and not hide:
                stack.append((child.tail, hide))
            if child.tag.__class__ is str:
                stack.append((child, hide))
        if node.text and not hide:
            stack.append((node.text, hide))
    return out


def _scan(body: _Element) -> tuple[_Element, set[_Element]]:
    """The content root, and the elements that hold the content (main, article, h1 and
    their ancestors): never dropped as chrome. One pass over the page."""
    protected: set[_Element] = set()
    main = role_main = None
    articles: list[_Element] = []
    for el in body.iter(_ELEMENT):
        tag = el.tag
        is_main_role = el.get("role") == "main"
        if (tag not in ("main", "article", "h1") and not is_main_role) or el is body:
            continue
        if tag == "main" and main is None:
            main = el
        elif tag == "article" and len(articles) < 2:
            articles.append(el)
        if is_main_role and role_main is None:
            role_main = el
        node: _Element | None = el
        # stop at the first marked ancestor so a deep page stays linear
        while node is not None and node not in protected:
            protected.add(node)
            node = node.getparent()
    root = main if main is not None else role_main
    if root is None and len(articles) == 1:
        root = articles[0]
    # a <main> holding a hero line while the SLA sits beside it is bad markup: use the page
    if root is None:
        return body, protected
    inside = _visible_length(root)
    if inside < 0.2 * (inside + _visible_length(body, skip=root)):
        return body, protected
    return root, protected


def _in_container(el: _Element) -> bool:
    """Whether ``el`` is or sits in an element whose strings bs4 kept apart."""
    return el.tag in STRING_CONTAINERS or any(
        a.tag in STRING_CONTAINERS for a in el.iterancestors())


def _visible_length(root: _Element, skip: _Element | None = None) -> int:
    """Characters of text under ``root``, less surrounding spaces, not in chrome tags;
    ``skip``: a descendant whose subtree is not counted (its tail is)."""
    hidden = _in_container(root)
    total = 0
    stack: list[tuple[_Element, bool]] = [(root, hidden)]
    while stack:
        el, hide = stack.pop()
        own = not hide and el.tag not in SKIP_TAGS
        if own and el.text:
            total += len(el.text.strip())
        for child in el:
            tag = child.tag
            if tag.__class__ is str and child is not skip:
                stack.append((child, hide or tag in STRING_CONTAINERS))
            if own and child.tail:
                total += len(child.tail.strip())
    return total


def _push_children(stack: list[tuple[_Element | str, _Context, bool]], el: _Element,
                   ctx: _Context, hidden: bool) -> None:
    """Push ``el``'s contents (text, children and their tails) to be popped in order."""
    for child in reversed(el):
        if child.tail and not hidden:
            stack.append((child.tail, ctx, True))
        stack.append((child, ctx, True))
    if el.text and not hidden:
        stack.append((el.text, ctx, True))


# --- the walk ----------------------------------------------------------------------

class _Walker:
    def __init__(self, builder: DocumentBuilder, protected: set[_Element]) -> None:
        self.builder = builder
        self.protected = protected
        self.chunks: list[tuple[str, bool]] = []
        self.chunk_context = _Context()

    def walk(self, root: _Element, context: _Context) -> None:
        # (node, context, entering); an exit marker closes a block element
        stack: list[tuple[_Element | str, _Context, bool]] = [(root, context, True)]
        protected = self.protected
        while stack:
            node, ctx, entering = stack.pop()
            if not entering:
                self.flush()
                continue
            if isinstance(node, str):
                self.text(WHITESPACE.sub(" ", node), ctx)
                continue
            name = node.tag
            if name.__class__ is not str or name in SKIP_TAGS:
                continue  # a comment or processing instruction; its tail is pushed apart
            if name == "br":
                self.text("\n", ctx)
                continue
            if node not in protected and self.is_chrome(node, ctx):
                continue
            if self.special_block(node, ctx.hidden):
                continue
            child_ctx = ctx
            if name in HEADINGS:
                child_ctx = ctx._replace(kind="heading", level=HEADINGS[name])
            elif name == "li":
                child_ctx = ctx._replace(kind="list_item")
            elif name in {"b", "strong"}:
                child_ctx = ctx._replace(bold=True)
            if name in CONTENT_TAGS or node.get("role") == "main":
                child_ctx = child_ctx._replace(in_content=True)
            if name in STRING_CONTAINERS and not child_ctx.hidden:
                child_ctx = child_ctx._replace(hidden=True)
            if name in BLOCK_TAGS:
                self.flush()
                stack.append((node, ctx, False))
            _push_children(stack, node, child_ctx, child_ctx.hidden)
        self.flush()

    def is_chrome(self, el: _Element, ctx: _Context) -> bool:
        name = el.tag
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

    def special_block(self, el: _Element, hidden: bool) -> bool:
        """Tables, grids, definition lists and preformatted text: added whole."""
        name = el.tag
        rows: list[list[str]] | None = None
        caption = ""
        if name == "table":
            rows, caption = _table(el, hidden)
        elif name == "dl":
            rows = _definition_table(el, hidden)
        elif name == "pre":
            self.flush()
            self.preformatted(el, hidden)
            return True
        elif name in GRID_CONTAINERS or str(el.get("role") or "").lower() in GRID_ROLES:
            rows = _grid(el, hidden) or _card_grid(el, hidden)
        if rows is None:
            return False
        self.flush()
        if caption:
            self.builder.add("paragraph", caption)
        self.builder.add_table(rows)
        return True

    def preformatted(self, el: _Element, hidden: bool) -> None:
        text = _flat_text(el, keep_lines=True, hidden=hidden)
        # the contents bs4 saw: child tags, and strings (comments too) that are not blank
        children: list[_Element | None] = [None] if el.text and el.text.strip() else []
        for child in el:
            if child.tag.__class__ is str:
                children.append(child)
            elif child.tag is etree.PI or (child.text or "").strip():
                children.append(None)
            if child.tail and child.tail.strip():
                children.append(None)
        if len(children) == 1 and children[0] is not None and children[0].tag == "code":
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

def _table(table: _Element, hidden: bool) -> tuple[list[list[str]] | None, str]:
    """Rows of a data table, or None for a layout table (read as a section instead)."""
    if str(table.get("role") or "").lower() in {"presentation", "none"}:
        return None, ""
    rows: list[tuple[_Element, bool]] = []
    caption = ""
    stack = [(c, hidden) for c in reversed(table) if c.tag.__class__ is str]
    while stack:
        el, el_hidden = stack.pop()
        name = el.tag
        if name == "tr":
            rows.append((el, el_hidden))
        elif name == "caption":
            caption = _flat_text(el, hidden=el_hidden)
        elif name not in SKIP_TAGS and name != "table":
            inner = el_hidden or name in STRING_CONTAINERS
            stack.extend((c, inner) for c in reversed(el) if c.tag.__class__ is str)
    cells = [[(c, tr_hidden) for c in tr if c.tag in {"td", "th"}] for tr, tr_hidden in rows]
    if not rows or max(len(r) for r in cells) <= 1:
        return None, ""
    if any(next(cell.iter(*HEADINGS), None) is not None for row in cells for cell, _ in row):
        return None, ""
    return _span_grid(cells), caption


def _span_grid(rows: list[list[tuple[_Element, bool]]]) -> list[list[str]]:
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
        for cell, hidden in cells:
            col = take_carried(out, col)
            text = _flat_text(cell, hidden=hidden)
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            for k in range(colspan):
                value = text if k == 0 or cell.tag == "th" else ""
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


def _definition_table(dl: _Element, hidden: bool) -> list[list[str]] | None:
    """``<dt>Uptime</dt><dd>99.9%</dd>`` pairs as rows, when every definition is short."""
    items: list[_Element] = []
    for child in dl:
        if child.tag.__class__ is not str:
            continue
        if child.tag == "div":  # HTML allows each dt/dd group wrapped in a <div>
            items.extend(c for c in child if c.tag.__class__ is str)
        else:
            items.append(child)
    rows: list[list[str]] = []
    terms: list[str] = []
    definitions: list[str] = []
    for item in items:
        if item.tag == "dt":
            if definitions:
                rows.append([" / ".join(terms), "; ".join(definitions)])
                terms, definitions = [], []
            terms.append(_flat_text(item, hidden=hidden))
        elif item.tag == "dd":
            if not terms or next(item.iter("table", "ul", "ol", "dl", *HEADINGS), None) \
                    is not None:
                return None
            text = _flat_text(item, hidden=hidden)
            if len(text) > MAX_CELL_CHARS:
                return None
            definitions.append(text)
    if terms and definitions:
        rows.append([" / ".join(terms), "; ".join(definitions)])
    elif terms:
        return None
    return rows or None


def _grid(el: _Element, hidden: bool) -> list[list[str]] | None:
    """A div grid that is clearly a table: two or more row elements, each with the same
    number (two or more) of short cells."""
    children = _child_tags(el)
    if not children:
        return None
    flat = _flat_grid(children, hidden)
    if flat is not None:
        return flat
    if not any(len(c) for c in children):
        return None  # no child holds an element: no row has cells, no group has rows
    rows: list[_Element] = []
    row_hidden: list[bool] = []
    for child in children:
        if str(child.get("role") or "").lower() == "rowgroup" or ROWGROUP_WORDS & set(
                _tokens(child)):
            inner = _child_tags(child)
            rows.extend(inner)
            group_hidden = hidden or child.tag in STRING_CONTAINERS
            row_hidden.extend(group_hidden or r.tag in STRING_CONTAINERS for r in inner)
        else:
            rows.append(child)
            row_hidden.append(hidden or child.tag in STRING_CONTAINERS)
    if len(rows) < 2:
        return None
    cells = [_child_tags(r) for r in rows]
    widths = {len(c) for c in cells}
    if len(widths) != 1 or widths.pop() < 2:
        return None
    if not all(_is_row(r) for r in rows):
        # rows without a row class or role count when they clearly repeat: three or
        # more of one tag and class, each with the same cell classes
        shapes = {(r.tag, _class(r), tuple(_class(c) for c in row))
                  for r, row in zip(rows, cells, strict=True)}
        if len(rows) < 3 or len(shapes) != 1 or not next(iter(shapes))[1]:
            return None
    table: list[list[str]] = []
    for row, in_hidden in zip(cells, row_hidden, strict=True):
        texts = []
        for cell in row:
            if next(cell.iter(*NOT_CELLS), None) is not None:
                return None  # headings, lists or tables inside: a layout, not a table
            descendants = cell.iter(_ELEMENT)
            next(descendants)  # the cell itself
            if any(_is_row(d) for d in islice(descendants, 20)):
                return None  # a grid of grids: the inner ones are the tables
            text = _flat_text(cell, hidden=in_hidden)
            if len(text) > MAX_CELL_CHARS:
                return None
            texts.append(text)
        table.append(texts)
    return table


CELL_ROLES = frozenset({"columnheader", "cell", "gridcell", "rowheader"})
MAX_CARD_PARTS = 4
MAX_CARD_PART_CHARS = 80
FIGURE = re.compile(r"\d")


def _card_grid(el: _Element, hidden: bool) -> list[list[str]] | None:
    """Cards side by side, a table drawn as boxes: ``<section class="tier-card"><h4>99.0 –
    99.89%</h4><p class="credit">10%</p></section>`` repeated. One row per card, one cell
    per part, when two or more cards share one tag and class and the same number of short
    parts, and every card states a figure (feature cards and link tiles state none)."""
    cards = _child_tags(el)
    if len(cards) < 2 or len({(c.tag, _class(c)) for c in cards}) != 1 or not _class(cards[0]):
        return None
    rows: list[list[str]] = []
    for card in cards:
        parts = _child_tags(card)
        if not 2 <= len(parts) <= MAX_CARD_PARTS or any(
                next(p.iter("table", "ul", "ol", "dl", "pre"), None) is not None for p in parts):
            return None
        texts = [_flat_text(p, hidden=hidden or card.tag in STRING_CONTAINERS) for p in parts]
        if any(len(t) > MAX_CARD_PART_CHARS for t in texts) or not any(
                FIGURE.search(t) for t in texts):
            return None
        rows.append(texts)
    if len({len(r) for r in rows}) != 1:
        return None
    # a part every card repeats word for word ("of the month's charges") is a label
    kept = [i for i in range(len(rows[0])) if len({r[i] for r in rows}) > 1]
    return [[r[i] for i in kept] for r in rows] if len(kept) >= 2 else None


def _flat_grid(children: list[_Element], hidden: bool) -> list[list[str]] | None:
    """Cells laid out by CSS with no row elements: ``role=columnheader`` cells first,
    then ``role=cell`` cells, read in rows as wide as the header."""
    roles = [str(c.get("role") or "").lower() for c in children]
    if not all(r in CELL_ROLES for r in roles):
        return None
    width = next((i for i, r in enumerate(roles) if r != "columnheader"), len(roles))
    if width < 2 or len(children) % width or len(children) == width:
        return None
    texts = [_flat_text(c, hidden=hidden) for c in children]
    if any(len(t) > MAX_CELL_CHARS for t in texts):
        return None
    return [texts[i:i + width] for i in range(0, len(texts), width)]


def _is_row(el: _Element) -> bool:
    if str(el.get("role") or "").lower() == "row":
        return True
    if "table-row" in str(el.get("style") or "").replace(" ", ""):
        return True
    classes = TOKEN_SPLIT.split(_class(el))
    return bool(ROW_WORDS & {t.lower() for t in classes if t})


def _child_tags(el: _Element) -> list[_Element]:
    return [c for c in el if c.tag.__class__ is str and c.tag not in SKIP_TAGS]


# --- text helpers ------------------------------------------------------------------

def _class(el: _Element) -> str:
    """The class attribute's words joined by single spaces (bs4's class list, joined)."""
    value = el.get("class")
    return " ".join(value.split()) if value else ""


def _tokens(el: _Element) -> list[str]:
    get = el.get
    if get("class") is None and get("id") is None and get("aria-label") is None:
        return []  # most elements name nothing
    values = [_class(el), str(get("id") or ""), str(get("aria-label") or "")]
    return [t.lower() for t in TOKEN_SPLIT.split(" ".join(values)) if t]


def _flat_text(root: _Element, keep_lines: bool = False, hidden: bool = False) -> str:
    """The text under ``root`` on one line (a table cell), or with its line breaks kept
    (``<pre>``). Block boundaries become spaces, nested table rows become ``; ``.
    ``hidden``: root sits inside an <rt>/<rp>, whose text is not read."""
    parts: list[str] = []
    # (node, state): 0 text, 1 a block's closing mark, 2 an element, 3 one inside rt/rp
    stack: list[tuple[_Element | str, int]] = []
    _push_flat(stack, root, hidden or root.tag in STRING_CONTAINERS)
    while stack:
        node, state = stack.pop()
        if isinstance(node, str):  # states 0 and 1
            parts.append(node if state == 1 or keep_lines else WHITESPACE.sub(" ", node))
            continue
        name = node.tag
        if name.__class__ is not str or name in SKIP_TAGS:
            continue
        if name == "br":
            parts.append("\n" if keep_lines else " ")
            continue
        if name in BLOCK_TAGS:
            parts.append(" ")
            stack.append((ROW_MARK if name == "tr" else " ", 1))
        _push_flat(stack, node, state == 3 or name in STRING_CONTAINERS)
    text = "".join(parts)
    if keep_lines:
        return text.strip("\n")
    # the rows of a table inside this cell: "a b; c d", no mark at either end
    rows = (WHITESPACE.sub(" ", row).strip() for row in text.split(ROW_MARK))
    return "; ".join(row for row in rows if row)


def _push_flat(stack: list[tuple[_Element | str, int]], el: _Element, hidden: bool) -> None:
    state = 3 if hidden else 2
    for child in reversed(el):
        if child.tail and not hidden:
            stack.append((child.tail, 0))
        stack.append((child, state))
    if el.text and not hidden:
        stack.append((el.text, 0))
