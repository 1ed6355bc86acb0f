"""Plain text and markdown.

Markdown specifics handled here, one example each:
- YAML front matter (``lastupdated: "2019-10-31"``) is read into ``meta``, not prose;
- kramdown attribute lines ``{: #slas}`` / ``{:tip: .tip}`` and inline ``{: external}``
  are dropped;
- template placeholders ``{{site.data.keyword.Acme_notm}}`` are resolved to their
  key's name and recorded in ``meta["placeholders"]`` (a placeholder can stand for the
  provider, but it is a template variable, not the published name);
- links ``[text](url)`` keep their text; emphasis markers are dropped.
"""
from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from pathlib import Path

from extractor.extract.document import Document, DocumentBuilder
from extractor.extract.readers.decode import decode_bytes
from extractor.extract.readers.lines import add_lines

FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
KRAMDOWN_LINE = re.compile(r"^\s*\{:[^}]*\}\s*$")
KRAMDOWN_INLINE = re.compile(r"\{:[^{}]*\}")
# ``[text](url "title")`` and ``![alt](url)`` are read by :func:`strip_links` in one pass,
# as ``re.sub`` with ``!?\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+"[^"]*")?\)`` would
# replace them (tests/test_linear.py compares the two); the regex rescans from each ``[``.
_LINK_STOPS = {"url": re.compile(r"[)\s]"), "space": re.compile(r"\S"),
               "quote": re.compile('"')}
# ``**bold**``, ``_em_``: an opener not after a word character or ``*``, then text that
# starts and ends with a non-space, then the same marker not followed by one. Paired by
# :func:`strip_emphasis` (the regex's lazy ``.+?`` rescans the line from every opener).
EMPHASIS_MARKERS = ("**", "__", "*", "_")
FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w\-]*)\s*:\s*(?P<value>.*)$")


def read_text(path: Path, data: bytes, markdown: bool | None = None,
              keep_placeholders: bool = False) -> Document:
    """``keep_placeholders`` leaves ``{{...}}`` in the text (the corpus renderer uses it
    to publish a templated page as it stands)."""
    text = decode_bytes(path, data)
    if markdown is None:
        markdown = path.suffix.lower() in {".md", ".markdown"}
    fmt = "markdown" if markdown else "text"
    builder = DocumentBuilder(str(path), fmt, resolve_placeholders=not keep_placeholders)
    front = FRONT_MATTER.match(text)
    if front:
        builder.meta["front_matter"] = _front_matter(front.group("body"))
        text = text[front.end():]
    if markdown and "<t" in text.lower():
        text = _pipe_tables(text)
    lines = []
    for line in text.splitlines():
        if KRAMDOWN_LINE.match(line):
            continue
        line = KRAMDOWN_INLINE.sub("", line)
        if markdown and "<" in line:  # raw HTML inside markdown: keep the words
            line = HTML_TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else "", line)
        if markdown and "&" in line:  # Markdown shows "&lt; 95%" as "< 95%"
            line = html.unescape(line)
        if markdown or "](" in line:
            line = strip_links(line)
            line = strip_emphasis(line)
        lines.append(line)
    add_lines(builder, lines, markdown=markdown)
    return builder.build()


TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$")


def _pipe_tables(text: str) -> str:
    """Each raw ``<table>…</table>`` (the first closing tag after it) as pipe rows.

    A loop, not ``re.sub`` with ``.*?``: once no closing tag follows an opening one, none
    follows any later one either, where the regex would rescan the rest of the text from
    each of 20,000 unclosed tags.
    """
    pieces: list[str] = []
    pos = 0
    while (start := TABLE_OPEN.search(text, pos)) is not None:
        end = TABLE_CLOSE.search(text, start.end())
        if end is None:
            break
        pieces += [text[pos:start.start()], _pipe_table(text[start.start():end.end()])]
        pos = end.end()
    return "".join(pieces) + text[pos:] if pieces else text


def strip_links(line: str) -> str:
    """Links replaced by their text. From a ``[`` the link text runs to the first ``]``,
    so every ``[`` before that ``]`` stands or falls with the leftmost: one try per
    ``]``. Where the url, the spaces and the title end is searched forward once and
    kept while the next try starts before it, so no stretch is scanned twice."""
    if "](" not in line:
        return line
    out: list[str] = []
    pos = 0
    cache: dict[str, tuple[int, int]] = {}

    def after(key: str, start: int) -> int:
        """The first position >= start that ``key``'s pattern finds (len(line): none)."""
        low, end = cache.get(key, (1, 0))
        if low <= start <= end:
            return end
        found = _LINK_STOPS[key].search(line, start)
        end = found.start() if found else len(line)
        cache[key] = (start, end)
        return end

    search = 0  # pos: copied out up to here; search: the next "[" is looked for here
    while (opening := line.find("[", search)) >= 0:
        closing = line.find("]", opening)
        if closing < 0:
            break
        end = _link_end(line, closing, after)
        if end is None:
            search = closing + 1
            continue
        start = opening - 1 if opening > pos and line[opening - 1] == "!" else opening
        out += [line[pos:start], line[opening + 1:closing]]
        pos = search = end
    return "".join(out) + line[pos:] if out else line


def _link_end(line: str, closing: int, after: Callable[[str, int], int]) -> int | None:
    """Where ``](url "title")`` that starts at ``closing`` ends, or None."""
    if not line.startswith("](", closing):
        return None
    stop = after("url", closing + 2)
    if stop < len(line) and line[stop] == ")":
        return stop + 1
    if stop >= len(line):
        return None
    quote = after("space", stop)
    if quote >= len(line) or line[quote] != '"':
        return None
    end = after("quote", quote + 1)
    return end + 2 if line.startswith('")', end) else None


def strip_emphasis(line: str) -> str:
    """The line without emphasis markers, as ``re.sub`` with the pattern described at
    :data:`EMPHASIS_MARKERS` would leave it, in O(n log n): each marker's possible
    closing positions are listed once and the first one after an opener is bisected."""
    if "*" not in line and "_" not in line:
        return line
    n = len(line)

    def word_or_star(i: int) -> bool:
        return 0 <= i < n and (line[i] == "*" or line[i].isalnum() or line[i] == "_")

    closers: dict[str, list[int]] = {}
    for marker in EMPHASIS_MARKERS:
        size = len(marker)
        closers[marker] = [j for j in _positions(line, marker)
                           if j > 0 and not line[j - 1].isspace()
                           and not word_or_star(j + size)]
    out: list[str] = []
    pos = i = 0
    while i < n:
        if line[i] not in "*_" or word_or_star(i - 1):
            i += 1
            continue
        for marker in EMPHASIS_MARKERS:
            size = len(marker)
            if not line.startswith(marker, i) or i + size >= n or line[i + size].isspace():
                continue
            found = closers[marker]
            k = bisect.bisect_left(found, i + size + 1)
            if k < len(found):
                close = found[k]
                out += [line[pos:i], line[i + size:close]]
                pos = i = close + size
                break
        else:
            i += 1
    return "".join(out) + line[pos:] if out else line


def _positions(line: str, marker: str) -> list[int]:
    found, at = [], line.find(marker)
    while at >= 0:
        found.append(at)
        at = line.find(marker, at + 1)
    return found


def _pipe_table(source: str) -> str:
    """A raw ``<table>`` in markdown, as the pipe rows the line reader knows."""
    from lxml import html as lxml_html

    try:
        table = lxml_html.fragment_fromstring(source)
    except (ValueError, SyntaxError):
        return HTML_TAG.sub(" ", source)
    rows = []
    for tr in table.iter("tr"):
        cells = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            for br in cell.iter("br"):
                br.tail = " " + (br.tail or "")
            cells.append(" ".join(cell.text_content().split()).replace("|", "/"))
        if cells:
            rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return ""
    rule = "|" + "---|" * rows[0].count(" | ") + "---|"
    return "\n\n" + "\n".join([rows[0], rule, *rows[1:]]) + "\n\n"


def _front_matter(body: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in body.splitlines():
        match = FRONT_KEY.match(line.strip())
        if match and match.group("value"):
            values[match.group("key").lower()] = match.group("value").strip().strip("\"'")
    return values
