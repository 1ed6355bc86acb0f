"""Effective or last-updated date.

Phrasings handled, one example each:
- "Effective: April 19th, 2023", "Effective Date: 1 February 2025";
- "This SLA is effective as of March 15th, 2024", "effective from 2024-01-01";
- "Last updated: March 1, 2026", "Updated Jan. 3, 2026", "Last revised 2024-11-05";
- "Effective as of the 3rd day of March, 2025", "takes effect 3 Feb 2025", "comes into
  force on 1 May 2025";
- day first where only that fits: "Effective 28/02/2025", and dotted "15.09.2025";
- markdown front matter ``lastupdated: "2019-10-31"`` (read by the markdown reader).
An "effective" date wins over a "last updated" one (the analyst wants when the terms
apply); all-numeric dates like 03/04/2024 are read month first, with a warning.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from extractor.extract.candidates import Candidate, issue
from extractor.extract.context import Context
from extractor.extract.document import Document
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"
DATE_FORMS = [
    re.compile(rf"{DAY}\s+day\s+of\s+{MONTH},?\s+{YEAR}", re.I),
    re.compile(rf"{MONTH}\s+{DAY},?\s+{YEAR}", re.I),
    re.compile(rf"{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}", re.I),
    re.compile(rf"{YEAR}-(?P<nmonth>\d{{1,2}})-(?P<day>\d{{1,2}})"),
    re.compile(rf"(?P<nmonth>\d{{1,2}})/(?P<day>\d{{1,2}})/{YEAR}"),
    re.compile(rf"(?P<day>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.{YEAR}"),  # 15.09.2025: day first
]
EFFECTIVE = Gated(re.compile(
    r"\b(?:effective(?:\s+date)?\b(?:\s+(?:as\s+of|from|on|beginning|starting))?|"
    r"takes?\s+effect(?:\s+on)?|"
    r"comes?\s+into\s+(?:force|effect)(?:\s+on)?|in\s+force\s+from)\s*[:\-]?\s*", re.I),
    ("effect", "force"))
UPDATED = Gated(re.compile(r"\b(?:last\s+)?(?:updated|modified|revised|amended|"
                           r"published)(?:\s+on)?\s*[:\-]?\s*",
                           re.I), ("updated", "modified", "revised", "amended", "published"))
# "Issued 2 February 2025", "Commencement: 1 July 2025" opening a line, or "these terms are
# issued on ...": the document's own date, not an invoice's
ISSUED = Gated(re.compile(
    r"(?:^|\n)[ \t]*(?:issued|dated|commencement(?:\s+date)?|date of issue)(?:\s+on)?\s*[:\-]?\s*"
    r"|\b(?:this|these)\s+(?:[\w-]+\s+){0,4}?(?:is|are|was|were)\s+(?:issued|dated)(?:\s+on)?\s+",
    re.I), ("issued", "dated", "commenc", "date of issue"))


def parse_date(text: str) -> tuple[dt.date, int, int, bool] | None:
    """The first date in ``text``: (date, start, end, ambiguous)."""
    best = None
    for form in DATE_FORMS:
        m = form.search(text)
        if m and (best is None or m.start() < best[1]):
            try:
                month = int(m.group("nmonth")) if "nmonth" in m.groupdict() and m.group("nmonth") \
                    else MONTHS[m.group("month")[:3].lower()]
                day = int(m.group("day"))
                if "/" in m.group(0) and month > 12 >= day:
                    month, day = day, month  # 28/02/2025 can only be day-first
                value = dt.date(int(m.group("year")), month, day)
            except (ValueError, KeyError):
                continue
            ambiguous = "/" in m.group(0) and day <= 12 and month <= 12 and month != day
            best = (value, m.start(), m.end(), ambiguous)
    return best


def extract_effective_date(
    doc: Document,
) -> tuple[dt.date | None, tuple[int, int] | None, list[str]]:
    for cue in (EFFECTIVE, UPDATED, ISSUED):
        for m in cue.finditer(doc.text):
            window = doc.text[m.end():m.end() + 60]
            found = parse_date(window)
            # the date follows the cue closely: "Effective date of this version: 3 Feb 2025"
            if found and found[1] <= 30 and not re.search(r"[.;\n]", window[:found[1]]):
                value, s, e, ambiguous = found
                warnings = [f"the date '{window[s:e]}' could be day-first or month-first; "
                            "read month first"] if ambiguous else []
                return value, (m.start(), m.end() + e), warnings
    meta = doc.meta.get("front_matter")
    front: dict[str, object] = dict(meta) if isinstance(meta, dict) else {}
    for key in ("effective", "effective_date", "lastupdated", "last_updated", "updated", "date"):
        if key in front:
            found = parse_date(str(front[key]))
            if found:
                return found[0], None, []
    return None, None, []


@field_family("effective_date", ("effective_date",))
def propose_effective_date(ctx: Context) -> Iterator[Candidate]:
    value, span, warnings = extract_effective_date(ctx.doc)
    if value is None:
        return
    notes = tuple(issue("ambiguous_date", "effective_date", w) for w in warnings)
    quote = None if span else f"front matter: {value.isoformat()}"
    yield Candidate("effective_date", value, span, "front_matter", issues=notes, quote=quote)
