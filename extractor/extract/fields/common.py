"""Shared pieces of the field extractors: sentences with offsets, numbers (digits or
words), percentages, durations, and the spaCy pipeline.

The spaCy pipeline is ``spacy.blank("en")`` with lexical attributes only: no trained
model is needed or loaded. Note that spaCy splits ``10%`` into two tokens.

Phrasings read here, one example each:
- digits with separators and decimals: ``44,640``, ``99.95``;
- number words, alone or with the digits repeated: ``seven (7)``, ``thirty (30)``,
  ``twenty-four``, ``one dollar``;
- percentages: ``99.9%``, ``99.9 %``, ``99.9 percent``;
- durations: ``48 hours``, ``five (5) business days``, ``30 calendar days``, ``2 hrs``.
"""
from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple, cast

from extractor.extract.document import Block, Document
from extractor.extract.patterns import Gated

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
WORD_NUMBER = rf"(?:(?:{_WORD})(?:[- ](?:{'|'.join(UNITS)}))?(?:\s+hundred)?)"
# "44,640" or "99.95"; written to begin with a bare \d so that the regex engine can skip
# ahead to the next digit instead of trying the pattern at every position. It starts
# only where a number starts (not after a digit, nor at a ",ddd" group of one): tried
# inside a run, each start would rescan the rest of it, quadratic on a 40,000-digit run.
DIGITS = r"\d(?<!\d\d)(?<!\d,\d(?=\d\d(?!\d)))(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
# "thirty (30)", "30", "thirty", "a"/"an" are not numbers here on purpose
NUMBER = rf"(?:\b(?:{WORD_NUMBER})\s*\(\s*{DIGITS}\s*\)|{DIGITS}|\b{WORD_NUMBER}\b)"
NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)
PERCENT_RE = re.compile(rf"(?P<num>{DIGITS})\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)

DAY_KIND = r"(?P<kind>business|working|calendar)?\s*"
DURATION_RE = re.compile(
    rf"(?P<num>{NUMBER})\s*\+?\s*(?:-\s*)?{DAY_KIND}"
    r"(?P<unit>minutes?|mins?\b|hours?|hrs?\b|h\b|days?|weeks?|months?)",
    re.IGNORECASE)

HOURS_PER = {"minute": Decimal(1) / 60, "min": Decimal(1) / 60, "hour": Decimal(1),
             "hr": Decimal(1), "h": Decimal(1), "day": Decimal(24), "week": Decimal(168),
             "month": Decimal(720)}


def parse_number(text: str) -> Decimal | None:
    """``"thirty (30)"`` -> 30, ``"44,640"`` -> 44640, ``"twenty-four"`` -> 24."""
    text = text.strip().lower()
    digits = re.search(DIGITS, text)
    if digits:  # "seven (7)": the digits are authoritative
        return Decimal(digits.group(0).replace(",", ""))
    total = 0
    for part in re.split(r"[\s-]+", text):
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part:
            return None
    return Decimal(total)


@dataclass(frozen=True)
class Duration:
    amount: Decimal
    unit: str  # minute, hour, day, week, month
    business: bool
    start: int
    end: int

    @property
    def hours(self) -> Decimal:
        if self.unit == "minute":  # divide, not multiply by 1/60: keeps 30 min exactly 0.5 h
            return self.amount / 60
        return self.amount * HOURS_PER[self.unit]

    @property
    def days(self) -> Decimal:
        return self.hours / 24


def _unit(raw: str) -> str:
    raw = raw.lower().rstrip("s")
    return {"min": "minute", "hr": "hour", "h": "hour"}.get(raw, raw)


# The number alternation is slow to try at every position; most sentences name no
# unit at all, so a cheap look for one comes first.
UNIT_HINT = re.compile(r"\b(?:min|hour|hr|h\b|day|week|month)|\dh\b", re.IGNORECASE)
# the same test in pieces that are quick to run on lower-cased text: a unit word where
# a substring check finds one, and a lone "h" ("4 h", "4h") found from its letter
_UNIT_WORDS = ("min", "hour", "hr", "day", "week", "month")
_UNIT_WORD = re.compile(r"\b(?:min|hour|hr|day|week|month)")
_UNIT_H = re.compile(r"h(?<![^\W\d]h)\b")


def names_a_unit(text: str) -> bool:
    """Whether ``text`` names a unit of time: ``UNIT_HINT.search(text)``, faster."""
    lowered = text.lower()
    for word in _UNIT_WORDS:
        if word in lowered:
            if _UNIT_WORD.search(lowered):
                return True
            break
    return _UNIT_H.search(lowered) is not None


def durations(text: str) -> Iterator[Duration]:
    if not names_a_unit(text):
        return
    for m in DURATION_RE.finditer(text):
        amount = parse_number(m.group("num"))
        if amount is None:
            continue
        kind = (m.group("kind") or "").lower()
        yield Duration(amount, _unit(m.group("unit")), kind in {"business", "working"},
                       m.start(), m.end())


class Percent(NamedTuple):  # a tuple: made by the dozen per document, cheap to build
    value: Decimal
    start: int
    end: int


MAX_PERCENT_DIGITS = 12  # a longer run of digits before "%" is no percentage an SLA states


def percents(text: str) -> list[Percent]:
    found = []
    for m in PERCENT_RE.finditer(text):
        digits = m.group("num").replace(",", "")
        if len(digits) <= MAX_PERCENT_DIGITS:
            found.append(Percent(Decimal(digits), m.start(), m.end()))
    return found


class cached_property:
    """A value computed on first read and kept in the instance's __dict__."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(eq=False)  # identity, not value: built by the thousand, so kept cheap to make
class Sentence:
    """A sentence of one block, with its span in the document text. Treat as read-only:
    derived values (``lower``, ``example``) are computed once and kept."""

    text: str
    start: int
    end: int
    block: Block
    intro: str = ""  # for a list item: the paragraph that leads into its list
    heading: str = ""  # the headings above, nearest last

    @cached_property
    def lower(self) -> str:
        """Lower-cased text, for cheap substring checks before a regex runs."""
        return self.text.lower()

    @cached_property
    def example(self) -> bool:
        return _in_example(self)

    @cached_property
    def names_a_unit(self) -> bool:
        return names_a_unit(self.text)

    def has_any(self, *needles: str) -> bool:
        lowered = self.lower
        return any(needle in lowered for needle in needles)

    def evidence_span(self) -> tuple[int, int]:
        return self.start, self.end


# Abbreviations whose period does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|inc|ltd|llc|co|corp|vs|no|approx|incl|jan|feb|mar|apr|jun|jul|aug|"
    r"sep|sept|oct|nov|dec|mr|ms|dr|st|u\.s|p\.m|a\.m)|\b[A-Z])\.$", re.IGNORECASE)
# the stop is consumed rather than looked behind for: a pattern that opens with a
# character class lets the regex engine jump from one candidate to the next
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9•])")


def split_sentences(block: Block) -> list[Sentence]:
    """Sentences of a block. Tables give one sentence per row."""
    if block.is_table:
        return [Sentence(" | ".join(r.texts), r.cells[0].start, r.cells[-1].end, block)
                for r in block.rows if r.cells]
    text = block.text
    sentences: list[Sentence] = []
    begin = 0
    for m in _SENTENCE_BREAK.finditer(text):
        stop = m.start() + 1  # just after the full stop
        head = text[begin:stop]
        if _ABBREVIATIONS.search(head.rstrip("\"')]")):
            continue
        sentences.append(_sentence(block, begin, stop))
        begin = m.end()
    sentences.append(_sentence(block, begin, len(text)))
    return [s for s in sentences if s.text]


def _sentence(block: Block, begin: int, end: int) -> Sentence:
    raw = block.text[begin:end]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    start = block.start + begin + lead
    return Sentence(body, start, start + len(body), block)


def sentences(doc: Document, kinds: tuple[str, ...] = ("paragraph", "list_item", "heading")
              ) -> Iterator[Sentence]:
    """Sentences of the blocks of these kinds, split once per document."""
    every = cast("list[Sentence] | None", doc.cache.get("sentences"))
    if every is None:
        every = []
        intro = ""
        headings = heading_paths(doc)
        for block in doc.blocks:
            if block.kind != "list_item":
                # "2.2 The Service Availability Levels are:" may read as a numbered heading;
                # ending in a colon it leads into the list all the same
                intro = block.text if block.kind == "paragraph" or (
                    block.kind == "heading" and block.text.rstrip().endswith(":")) else ""
            if block.kind in ("paragraph", "list_item", "heading"):
                heading = headings.get(block.start, "")
                for s in split_sentences(block):
                    every.append(Sentence(s.text, s.start, s.end, s.block,
                                          intro if block.kind == "list_item" else "", heading))
        doc.cache["sentences"] = every
    key = "sentences:" + ",".join(kinds)
    chosen = cast("list[Sentence] | None", doc.cache.get(key))
    if chosen is None:
        chosen = [s for s in every if s.block.kind in kinds]
        doc.cache[key] = chosen
    return iter(chosen)


@lru_cache(maxsize=1)
def nlp():
    """The project's spaCy pipeline: blank English tokenizer, no trained weights."""
    import spacy

    return spacy.blank("en")


# a clause's run-in title: "3.1 Power to Dual-Fed Cabinets. The Supplier shall ...",
# "Claiming. E-mail us within ..."
RUN_IN_TITLE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?P<name>[A-Z][\w&/-]*(?:\s+"
                          r"(?:(?:to|for|of|on|in|and|the)\s+)?[A-Z][\w&/-]*){0,3})\.\s")


def run_in_title(block_text: str) -> str | None:
    m = RUN_IN_TITLE.match(block_text)
    return m.group("name") if m else None


def singular(word: str) -> str:
    """ "plans" -> "plan"; "Business" stays (a double s is no plural)."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def tokenizer_loaded() -> bool:
    return nlp.cache_info().currsize > 0


def load_tokenizer() -> None:
    """Load the tokenizer ahead of the first document (0.4 s); a failure is left for
    that document to report."""
    with contextlib.suppress(Exception):
        nlp()


def section_blocks(doc: Document, heading_pattern: re.Pattern[str]) -> list[Block]:
    """Blocks under every heading matching ``heading_pattern``, until the next heading
    of the same or a higher level."""
    selected: list[Block] = []
    inside_level: int | None = None
    for block in doc.blocks:
        if block.kind == "heading":
            if heading_pattern.search(block.text):
                inside_level = block.level
                continue
            if inside_level is not None and block.level <= inside_level:
                inside_level = None
            continue
        if inside_level is not None:
            selected.append(block)
    return selected


def heading_paths(doc: Document) -> dict[int, str]:
    """For every block (by start offset), the text of the headings above it."""
    cached = doc.cache.get("heading_paths")
    if cached is not None:
        return cached  # type: ignore[return-value]
    paths: dict[int, str] = {}
    doc.cache["heading_paths"] = paths
    stack: list[Block] = []
    question: Block | None = None  # an FAQ question ("How do I claim a credit?") titles its answer
    for block in doc.blocks:
        if block.kind == "heading":
            while stack and stack[-1].level >= block.level:
                stack.pop()
            stack.append(block)
            question = None
        context = [h.text for h in stack if h is not block]
        if question is not None and question is not block:
            context.append(question.text)
        paths[block.start] = " / ".join(context)
        if block.kind == "paragraph" and block.text.endswith("?") and len(block.text.split()) <= 12:
            question = block
    return paths


def heading_of(doc: Document, block: Block) -> str:
    path = doc.headings_before(block)
    return path[-1].text if path else ""


def strip_examples(text: str) -> str:
    """Drop worked examples in parentheses: ``(e.g., a 94.9% ... 5%)``."""
    if "(" not in text:
        return text
    return re.sub(r"\((?:e\.g\.|for example|for instance|i\.e\.)[^()]*\)", " ", text,
                  flags=re.IGNORECASE)


# a worked example: cue words, or a figure worked through ("a customer at 99.5% ...")
EXAMPLE_CUE = Gated(re.compile(
    r"^\s*(?:for example|for instance|by way of (?:example|illustration)|e\.g\.|"
    r"(?:worked\s+)?example\s*[:.—–]|as an example|"
    r"to illustrate|"
    r"illustration)"
    r"|\bworked example\b|\bwould\b(?!\s+otherwise)|\bfell to\b|\bso the (?:[\w-]+\s+)?credit\b"
    r"|\bpaying\s+(?:[$€£]|USD|EUR|GBP)\s*\d", re.IGNORECASE),
    ("example", "instance", "e.g.", "illustrat", "would", "fell to", "so the", "paying"))
EXAMPLE_FIGURE = Gated(re.compile(
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}(?:at|with)\s+\d{2}(?:\.\d+)?\s*%", re.IGNORECASE),
    ("%",), ("at", "with"))
EXAMPLE_EARNS = Gated(re.compile(
    r"(?:^|[,;:]\s*|\bso\s+|\band\s+)\d{2}(?:\.\d+)?\s*%\s+earns\b", re.IGNORECASE), ("earns",))


EXAMPLE_TESTS = (EXAMPLE_CUE, EXAMPLE_FIGURE, EXAMPLE_EARNS)


def is_example(text: str) -> bool:
    lowered = text.lower()
    return any(test.search(text, 0, lowered) for test in EXAMPLE_TESTS)


EXAMPLE_HEADING = Gated(re.compile(r"\b(?:examples?|illustrations?|worked)\b[^/]*$", re.IGNORECASE),
                        ("example", "illustration", "worked"))


def in_example(sentence: Sentence) -> bool:
    """A sentence that is, or sits in a paragraph that opens as, or under a heading that
    names, a worked example."""
    return sentence.example


def _in_example(sentence: Sentence) -> bool:
    return (is_example(strip_examples(sentence.text)) or _opens_as_example(sentence.block.text)
            or bool(EXAMPLE_HEADING.search(sentence.heading)))


def _opens_as_example(block_text: str) -> bool:
    return any(test.pattern.match(block_text) for test in EXAMPLE_TESTS)
