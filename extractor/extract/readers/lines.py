"""Turn lines of plain text into blocks: the shared layout logic of text, markdown
and the PDF text layer.

Handles, one example each:
- markdown headings ``## Claims`` and plain-text headings ``Uptime Commitment``,
  ``2. Service Credits.``;
- bullets ``•``, ``-``, ``*``, ``▪`` and enumerations ``1.``, ``(a)``, ``iv)``;
- pipe tables ``| Service | Target |`` (the ``|---|`` rule line is dropped);
- hard-wrapped paragraphs (a line that stops mid-sentence and a next line that
  goes on in lower case are one paragraph);
- fenced code ```` ``` ```` kept apart as ``code`` blocks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.extract.document import DocumentBuilder, normalize_inline

BULLET = re.compile(r"^\s*(?:[•●◦▪▫■□·‣⁃∙*+\-–]|o(?=\s))\s+(?P<body>.+)$")
ENUMERATION = re.compile(
    r"^\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,5})\)|(?:\d{1,2}|[a-z]|[ivx]{1,5})\.)\s+(?P<body>.+)$",
    re.IGNORECASE)
MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<body>.+?)\s*#*\s*$")
NUMBERED_HEADING = re.compile(
    r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<body>[A-Z](?:[^.;!?]|\.(?=\d)){1,70})\.?$")
# no two ``\s*`` side by side: on a line of spaces they would split it every way
TABLE_RULE = re.compile(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$")
SENTENCE_END = re.compile(r"[.!?:;]\s*[\"')\]]*$")
FENCE = re.compile(r"^\s*(```|~~~)")
SEPARATOR = re.compile(r"^[-=_*~]{3,}$")
DASH_RULE = re.compile(r"^\s*[-=_]{3,}(?:\s+[-=_]{3,})+\s*$")
COLUMN_GAP = re.compile(r"\S(?: ?\S)*")


CLAUSE_MARKER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|\(\d{1,2}\)|"
    r"(?:section|clause|part|article|schedule|annex)\s+[\w.]+)$", re.IGNORECASE)


def aligned_cells(line: str) -> list[str] | None:
    """Cells of a whitespace-aligned table row ("99.5% - less than 99.8%     3%"), or None.

    Two or more spaces separate cells; single spaces stay inside a cell."""
    stripped = line.strip()
    if not stripped or "  " not in stripped or BULLET.match(stripped):
        return None
    cells = [c for c in re.split(r"\s{2,}", stripped) if c]
    if len(cells) == 2 and CLAUSE_MARKER.match(cells[0]):
        return None  # "1.1  The provider will ...", "(a)  planned maintenance": numbered text
    return cells if len(cells) >= 2 else None


@dataclass
class TaggedLine:
    text: str
    page: int | None


def is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.count("|") >= 2 and (stripped.startswith("|") or stripped.endswith("|"))


def split_pipe_row(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return [cell.strip() for cell in stripped.split("|")]


QUESTION_LINE = re.compile(r"^(?:\d{1,2}[.)]\s*)?(?:Q|Question)\s*\d*\s*[:.)]\s*.{3,140}\?$",
                           re.IGNORECASE)
DANGLING = frozenset({"the", "a", "an", "of", "for", "and", "or", "to", "in", "any", "with", "by",
                      "on", "at", "that", "which", "is", "are", "be", "than", "its", "their",
                      "your", "our"})


def looks_like_heading(line: str, next_line: str | None, standalone: bool = False) -> bool:
    """A short line that names a section rather than saying something.

    ``standalone``: blank lines above and below, as sentence-case titles stand
    ("What you get if we miss it") and FAQ questions ("Does maintenance count?")."""
    text = line.strip()
    if not text or len(text) > 80 or is_pipe_row(text):
        return False
    words = text.split()
    if len(words) > 12:
        return False
    if _all_caps(text) and not SENTENCE_END.search(text):
        return True  # "8. THE LIMIT OF OUR RESPONSIBILITY"
    if standalone and text[0].isupper() and (text.endswith("?") or (
            len(words) <= 8 and not SENTENCE_END.search(text) and not text.endswith(","))):
        return True
    if len(words) > 10:
        return False
    numbered = NUMBERED_HEADING.match(text)
    if numbered and len(numbered.group("body").split()) <= 7:
        return True
    if SENTENCE_END.search(text) or text.endswith(","):
        return False
    if re.search(r"[a-z]\.\s+[A-Z]", text):
        return False  # "4.1 Connectivity Hub. If the Monthly ...": a run-in title, then prose
    if not text[0].isupper() and not text[0].isdigit():
        return False
    if re.search(r"\d+(\.\d+)?\s*%", text) and len(words) > 5:
        return False
    if words[-1].lower() in DANGLING:
        return False  # "... the total Service Credits for any": a sentence goes on below
    # a short capitalised line followed by text reads as a title
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= max(1, len(words) * 0.5) or next_line is None or len(words) <= 4


def add_lines(builder: DocumentBuilder, lines: list[str], page: int | None = None,
              markdown: bool = False) -> None:
    """Classify lines into blocks and add them to ``builder``."""
    add_tagged_lines(builder, [TaggedLine(line, page) for line in lines], markdown)


def add_tagged_lines(builder: DocumentBuilder, lines: list[TaggedLine], markdown: bool) -> None:
    paragraph: list[TaggedLine] = []
    table: list[TaggedLine] = []

    def flush_paragraph() -> None:
        if paragraph:
            builder.add("paragraph", " ".join(p.text.strip() for p in paragraph), paragraph[0].page)
            paragraph.clear()

    def flush_table() -> None:
        if table:
            rows = [split_pipe_row(t.text) for t in table if not TABLE_RULE.match(t.text)]
            pages = [t.page for t in table if not TABLE_RULE.match(t.text)]
            builder.add_table(rows, pages)
            table.clear()

    i = 0
    while i < len(lines):
        # a numbered line right after list items continues the list ("6. That results ...")
        in_list = bool(builder.blocks) and builder.blocks[-1].kind == "list_item" and not paragraph
        line = lines[i]
        text = line.text.rstrip()
        stripped = text.strip()
        if FENCE.match(stripped):
            flush_paragraph()
            flush_table()
            code: list[str] = []
            i += 1
            while i < len(lines) and not FENCE.match(lines[i].text.strip()):
                code.append(lines[i].text)
                i += 1
            builder.add("code", "\n".join(code), line.page)
            i += 1
            continue
        if is_pipe_row(stripped) or (table and TABLE_RULE.match(stripped)):
            flush_paragraph()
            table.append(TaggedLine(stripped, line.page))
            i += 1
            continue
        aligned = _aligned_run(lines, i)
        if aligned:
            flush_paragraph()
            flush_table()
            run = [t for t in lines[i:i + aligned]
                   if aligned_cells(t.text) and not DASH_RULE.match(t.text)]
            builder.add_table([aligned_cells(t.text) or [] for t in run], [t.page for t in run])
            i += aligned
            continue
        flush_table()
        if (SEPARATOR.match(stripped) and len(paragraph) == 1
                and len(paragraph[0].text.split()) <= 12 and stripped[0] in "-="):
            # setext heading: "Things that do not count" underlined with dashes
            level = 1 if stripped[0] == "=" else 2
            builder.add("heading", paragraph[0].text, paragraph[0].page, level)
            paragraph.clear()
            i += 1
            continue
        if not stripped or SEPARATOR.match(stripped):  # a rule
            flush_paragraph()
            i += 1
            continue
        next_text = _next_nonblank(lines, i)
        heading = MD_HEADING.match(stripped) if markdown or stripped.startswith("#") else None
        if heading:
            flush_paragraph()
            builder.add("heading", heading.group("body"), line.page, len(heading.group("hashes")))
        elif QUESTION_LINE.match(stripped):
            flush_paragraph()  # "Q: What uptime do you guarantee?" titles its answer
            builder.add("heading", stripped, line.page, 3)
        elif (bullet := BULLET.match(stripped)) and not stripped.startswith("---"):
            flush_paragraph()
            _add_item(builder, bullet.group("body"), lines, i, line.page)
            i = _skip_continuations(lines, i)
            continue
        elif paragraph and (enum := ENUMERATION.match(stripped)) and (
                enum.group("body")[:1].islower() or _wrapped_number(paragraph[-1].text, stripped)) \
                and not SENTENCE_END.search(paragraph[-1].text.rstrip()):
            paragraph.append(line)  # a wrapped line that starts "(10) days ...", not a list
        elif (enum := ENUMERATION.match(stripped)) and not _all_caps(enum.group("body")) and (
                not (NUMBERED_HEADING.match(stripped) and looks_like_heading(stripped, next_text))
                or (in_list and not _ends_list(builder.blocks[-1].text, stripped))):
            flush_paragraph()
            _add_item(builder, enum.group("body"), lines, i, line.page)
            i = _skip_continuations(lines, i)
            continue
        elif paragraph and _continues(paragraph[-1].text, stripped):
            paragraph.append(line)
        elif looks_like_heading(stripped, next_text, _standalone(lines, i)):
            flush_paragraph()
            builder.add("heading", stripped, line.page, _heading_level(stripped))
        else:
            flush_paragraph()
            paragraph.append(line)
        i += 1
    flush_paragraph()
    flush_table()


def _aligned_run(lines: list[TaggedLine], i: int) -> int:
    """How many lines from ``i`` form a whitespace-aligned table (0: none).

    A run needs a dashed rule line or at least three aligned rows, so that a stray
    double space in prose does not make a table."""
    j = i
    rows = rules = 0
    while j < len(lines):
        text = lines[j].text
        if DASH_RULE.match(text):
            rules += 1
        elif aligned_cells(text):
            rows += 1
        elif not text.strip() and rows and j + 1 < len(lines) and aligned_cells(lines[j + 1].text):
            pass  # spaced-out rows (a PDF's row padding reads as a paragraph break)
        else:
            break
        j += 1
    if rows >= 2 and (rules or rows >= 3):
        return j - i
    return 0


def _all_caps(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) >= 4


def _standalone(lines: list[TaggedLine], i: int) -> bool:
    """Blank (or no) lines on both sides."""
    before = i == 0 or not lines[i - 1].text.strip()
    after = i + 1 >= len(lines) or not lines[i + 1].text.strip()
    return before and after


def _ends_list(previous_item: str, line: str) -> bool:
    """A short untitled-sentence after sentence items is the next section's title."""
    return (bool(SENTENCE_END.search(previous_item)) and not SENTENCE_END.search(line)
            and len(line.split()) <= 5)


def _heading_level(text: str) -> int:
    numbered = NUMBERED_HEADING.match(text)
    if numbered:
        return 1 + numbered.group("num").count(".")
    return 2


def _continues(previous: str, line: str, hard_wrapped: bool = True) -> bool:
    """Is ``line`` the wrapped rest of the sentence in ``previous``?

    ``hard_wrapped``: a long paragraph line that stops mid-sentence goes on in the next
    line whatever its case. List items often end without a stop, so they do not use it."""
    previous = previous.rstrip()
    if not previous or not line:
        return False
    if previous.endswith("-") or previous.endswith(","):
        return True
    if SENTENCE_END.search(previous):
        return False
    if hard_wrapped and len(previous) >= 50:  # a hard-wrapped line stops mid-sentence
        return True
    return line[0].islower() or line[0] in "(%$0123456789"


def _next_nonblank(lines: list[TaggedLine], i: int) -> str | None:
    for line in lines[i + 1:]:
        if line.text.strip():
            return line.text.strip()
    return None


def _add_item(builder: DocumentBuilder, body: str, lines: list[TaggedLine], i: int,
              page: int | None) -> None:
    parts = [body]
    j = i + 1
    while j < len(lines) and _is_item_continuation(lines[j].text, parts[-1]):
        parts.append(lines[j].text.strip())
        j += 1
    builder.add("list_item", " ".join(parts), page)


NUMBER_WORD_END = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|forty-five|sixty|ninety)\s*$", re.IGNORECASE)


def _wrapped_number(previous: str, line: str) -> bool:
    """"within five" + "(5) Business Days ...": the digits repeat the word, not a list."""
    line = line.strip()  # the cheap test first: few lines open with "(digits)"
    return line.startswith("(") and bool(re.match(r"\(\d+\)\s", line)) and bool(
        NUMBER_WORD_END.search(previous))


def _is_item_continuation(line: str, previous: str) -> bool:
    stripped = line.strip()
    if _wrapped_number(previous, stripped):
        return True
    if not stripped or BULLET.match(stripped) or ENUMERATION.match(stripped):
        return False
    if is_pipe_row(stripped):
        return False
    indented = line.startswith(("  ", "\t")) and not SENTENCE_END.search(previous)
    return indented or _continues(previous, stripped, hard_wrapped=False)


def _skip_continuations(lines: list[TaggedLine], i: int) -> int:
    j = i + 1
    previous = lines[i].text
    while j < len(lines) and _is_item_continuation(lines[j].text, previous):
        previous = lines[j].text
        j += 1
    return j


__all__ = ["TaggedLine", "add_lines", "add_tagged_lines", "is_pipe_row", "normalize_inline",
           "split_pipe_row"]
