"""Plain text and markdown.

Markdown specifics handled here, one example each:
- YAML front matter (``lastupdated: "2019-10-31"``) is read into ``meta``, not prose;
- kramdown attribute lines ``{: #slas}`` / ``{:tip: .tip}`` and inline ``{: external}``
  are dropped;
- template placeholders ``{{site.data.keyword.Bluemix_notm}}`` are resolved to their
  key's name and recorded in ``meta["placeholders"]`` (a placeholder can stand for the
  provider, but it is a template variable, not the published name);
- links ``[text](url)`` keep their text; emphasis markers are dropped.
"""
from __future__ import annotations

import re
from pathlib import Path

from extractor.document import Document, DocumentBuilder
from extractor.readers.decode import decode_bytes
from extractor.readers.lines import add_lines

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
    lines = []
    for line in text.splitlines():
        if KRAMDOWN_LINE.match(line):
            continue
        line = KRAMDOWN_INLINE.sub("", line)
        if markdown or "](" in line:
            line = LINK.sub(lambda m: m.group("text"), line)
            line = EMPHASIS.sub(lambda m: m.group(2), line)
        lines.append(line)
    add_lines(builder, lines, markdown=markdown)
    return builder.build()


def _front_matter(body: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in body.splitlines():
        match = FRONT_KEY.match(line.strip())
        if match and match.group("value"):
            values[match.group("key").lower()] = match.group("value").strip().strip("\"'")
    return values
