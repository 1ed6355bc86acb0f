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

import html
import re
from pathlib import Path

from extractor.extract.document import Document, DocumentBuilder
from extractor.extract.readers.decode import decode_bytes
from extractor.extract.readers.lines import add_lines

FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
KRAMDOWN_LINE = re.compile(r"^\s*\{:[^}]*\}\s*$")
KRAMDOWN_INLINE = re.compile(r"\{:[^}]*\}")
LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
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
        text = HTML_TABLE.sub(_pipe_table, text)
    lines = []
    for line in text.splitlines():
        if KRAMDOWN_LINE.match(line):
            continue
        line = KRAMDOWN_INLINE.sub("", line)
        if markdown and "<" in line:  # raw HTML inside markdown: keep the words
            line = HTML_TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else "", line)
            line = html.unescape(line)
        if markdown or "](" in line:
            line = LINK.sub(lambda m: m.group("text"), line)
            line = EMPHASIS.sub(lambda m: m.group(2), line)
        lines.append(line)
    add_lines(builder, lines, markdown=markdown)
    return builder.build()


HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$")


def _pipe_table(match: re.Match[str]) -> str:
    """A raw ``<table>`` in markdown, as the pipe rows the line reader knows."""
    from lxml import html as lxml_html

    try:
        table = lxml_html.fragment_fromstring(match.group(0))
    except (ValueError, SyntaxError):
        return HTML_TAG.sub(" ", match.group(0))
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
