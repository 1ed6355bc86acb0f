"""Support response (and resolution) times, per tier or severity.

Phrasings handled, one example each:
- tables: ``| Enterprise | Dedicated TAM, phone | 4 hours (P1: 1 hour) |`` under a
  header with "Response";
- prose: "For critical support issues ... we will respond to a request within 30
  minutes.";
- lists: "Urgent server-down issues will be solved within 24 hours." (resolution);
- "Severity 1: 15 minutes", "P2 - 4 business hours", "3 business days".
A business day counts 8 business hours (a working day), kept as business time.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractor.extract.candidates import Candidate
from extractor.extract.context import Context
from extractor.extract.document import Document
from extractor.extract.fields.common import durations, sentences
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family
from schemas import SupportTime

DIGIT = re.compile(r"\d")
UNIT_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|"
                        r"thirty)\b", re.I)
SEVERITY = re.compile(
    r"\b(?:P[0-4]|Sev(?:erity)?\s*[0-4]|S[1-4]|priority\s*[0-4]|critical|urgent|high|medium|normal|"
    r"low|major|minor|emergency)\b", re.I)
RESPONSE = Gated(re.compile(r"\b(?:respon\w*|acknowledg\w*|reply|replies|answer\w*|first contact|"
                            r"initial)\b", re.I),
                 ("respon", "acknowledg", "reply", "replies", "answer", "first contact", "initial"))
RESOLUTION = Gated(
    re.compile(r"\b(?:resol\w*|solved|fixed|restor\w*|completed|workaround)\b", re.I),
    ("resol", "solved", "fixed", "restor", "completed", "workaround"),
)
SUPPORT_CONTEXT = Gated(
    re.compile(r"\b(?:support|issues?|tickets?|requests?|incidents?|cases?|severity|"
               r"priority)\b", re.I),
    ("support", "issue", "ticket", "request", "incident", "case", "severity", "priority"))
INLINE_SEVERITY_TIME = re.compile(r"\((?P<sev>P[0-4]|Sev(?:erity)?\s*[0-4]|"
                                  r"S[1-4])\s*:\s*(?P<time>[^)]+)\)", re.I)


@dataclass(frozen=True)
class SupportFinding:
    tier: str | None
    severity: str | None
    kind: str
    hours: Decimal
    as_written: str
    business: bool
    start: int
    end: int


def _hours(d) -> Decimal:
    if d.business and d.unit == "day":
        return d.amount * 8
    return d.hours


def extract_support(doc: Document) -> list[SupportFinding]:
    found: list[SupportFinding] = []
    for block in doc.tables():
        header = block.rows[0].texts
        time_cols = [i for i, h in enumerate(header) if re.search(r"respon|resol|time|sla", h, re.I)
                     and not re.search(r"uptime|availability|credit", h, re.I)]
        if not time_cols:
            continue
        for row in block.rows[1:]:
            name = row.texts[0] if row.texts else None
            for col in time_cols:
                if col >= len(row.cells) or col == 0:
                    continue
                cell = row.cells[col]
                kind = "resolution" if RESOLUTION.search(header[col]) else "response"
                main = INLINE_SEVERITY_TIME.sub("", cell.text)
                for d in list(durations(main))[:1]:
                    sev = SEVERITY.search(name or "")
                    found.append(SupportFinding(
                        None if sev and sev.start() == 0 else name,
                        sev.group(0) if sev and sev.start() == 0 else None, kind, _hours(d),
                        main[d.start:d.end], d.business, cell.start, cell.end))
                for m in INLINE_SEVERITY_TIME.finditer(cell.text):
                    for d in list(durations(m.group("time")))[:1]:
                        found.append(SupportFinding(name, m.group("sev"), kind, _hours(d),
                                                    m.group("time").strip(), d.business,
                                                    cell.start, cell.end))
    for s in sentences(doc, ("paragraph", "list_item")):
        text = s.text
        # every test must pass; the cheapest and most selective run first
        is_response = RESPONSE.search(text)
        is_resolution = RESOLUTION.search(text)
        if not (is_response or is_resolution):
            continue
        if not DIGIT.search(text) and not UNIT_WORDS.search(text):
            continue
        if not SUPPORT_CONTEXT.search(text) and not SEVERITY.search(text):
            continue
        if re.search(r"\b(?:claim|credit|maintenance|notice)\b", text, re.I):
            continue
        for d in durations(text):
            if not re.search(
                r"(?:within|in|under|of|:|-|–)\s*$", text[max(0, d.start - 12) : d.start]
            ):
                continue
            sev = SEVERITY.search(text)
            found.append(SupportFinding(
                None, sev.group(0) if sev else None,
                "response" if is_response else "resolution", _hours(d), text[d.start:d.end],
                d.business, s.start, s.end))
            break
    return found


@field_family("support", ("support",))
def propose_support(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    for s in extract_support(doc):
        item = SupportTime(tier=s.tier, severity=s.severity, kind=s.kind,
                           response_hours=float(s.hours), as_written=s.as_written,
                           business_time=s.business, evidence=doc.evidence(s.start, s.end))
        yield Candidate("support", item, (s.start, s.end), "commitment")
