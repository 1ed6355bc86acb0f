"""The customer's right to terminate for chronic failure to meet the service level.

Phrasings handled, one example each:
- "If Availability falls below 95% in three (3) consecutive months, Customer may
  terminate the Agreement on thirty (30) days' written notice";
- "you may terminate this agreement if we miss the Service Level in any three months
  of a rolling twelve-month period";
- "Customer shall have the right to terminate ... within sixty (60) days after the
  third such failure";
- "Repeated failure ... entitles the Client to end the contract".

Not a termination right: the provider's own right to terminate or suspend an account
("we may terminate your account for non-payment"), and termination of the SLA itself.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractor.extract.candidates import Candidate
from extractor.extract.context import Context
from extractor.extract.fields.common import NUMBER, durations, parse_number, percents
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family
from schemas import TerminationRight

CUSTOMER = r"(?:you|customer|client|subscriber|licensee|buyer|purchaser)"
CUSTOMER_MAY_END = Gated(re.compile(
    rf"\b{CUSTOMER}\b[^.;]{{0,60}}?\b(?:may|can|will be entitled to|is entitled to|"
    rf"shall be entitled"
    rf" to|shall have the right to|will have the right to|has the right to|have the right to|"
    rf"may elect to|is permitted to)\s+(?:immediately\s+)?(?:terminate|cancel|end)\b"
    rf"|\bright to (?:terminate|cancel|end)\b[^.;]{{0,80}}\b{CUSTOMER}\b"
    rf"|\b{CUSTOMER}(?:'s|s')?\s+(?:right|option) to (?:terminate|cancel|end)\b"
    rf"|\bentitles? (?:the\s+)?{CUSTOMER} to (?:terminate|cancel|end)\b", re.I),
    ("terminat", "cancel", "end"))
REPEATED = re.compile(
    r"\bconsecutive\b|\b(?:chronic|repeated|persistent|recurring)\b|"
    r"\bin any\b[^.;]{0,40}\bperiod\b|"
    r"\b(?:months|periods|quarters|billing cycles)\b|\bthird\b", re.I)
PROVIDER_ENDS = re.compile(r"\b(?:we|provider|company)\s+(?:may|can|shall|will|"
                           r"reserves?)\b[^.;]{0,30}"
                           r"\b(?:terminate|suspend|cancel)", re.I)
PERIOD_UNIT = (
    r"(?:calendar\s+|billing\s+|consecutive\s+|monthly\s+)*(?:months?|periods?|quarters?|"
    r"billing cycles?|cycles?)"
)
PERIODS = re.compile(rf"(?P<num>{NUMBER})\s+(?:or more\s+)?(?P<unit>{PERIOD_UNIT})", re.I)
# the window the failures fall in: "of a rolling twelve-month period", "in any 12 months"
WITHIN = re.compile(
    rf"\b(?:in|within|during|of|over)\s+(?:any|a|each|the)\s+(?P<rolling>rolling\s+)?"
    rf"(?P<num>{NUMBER})[- ](?:\(\d+\)[- ])?(?:calendar\s+)?"
    rf"(?:month[- ]period|months?\s+period|(?(rolling)months?|month period))", re.I)
ORDINAL_FAILURE = re.compile(r"\b(?P<ord>second|third|fourth|fifth)\s+(?:such\s+|consecutive\s+)?"
                             r"(?:failure|breach|month|miss)", re.I)
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
THRESHOLD = re.compile(
    r"(?:below|less than|under|lower than|falls? (?:below|short of)|<)\s*$", re.I
)


def read_termination(text: str) -> dict[str, object] | None:
    """The terms of a customer's termination right in one sentence, or None."""
    if not CUSTOMER_MAY_END.search(text) or not REPEATED.search(text):
        return None
    right = CUSTOMER_MAY_END.search(text)
    provider = PROVIDER_ENDS.search(text)
    if right is None or (provider and provider.start() < right.start()):
        return None
    terms: dict[str, object] = {"consecutive": bool(re.search(r"\bconsecutive\b", text, re.I))}
    for pct in percents(text):
        if Decimal(50) <= pct.value <= 100 and THRESHOLD.search(
            text[max(0, pct.start - 25) : pct.start]
        ):
            terms["threshold_percent"] = float(pct.value)
            break
    within = WITHIN.search(text)
    if within:
        terms["within_periods"] = int(parse_number(within.group("num")) or 0) or None
    for m in PERIODS.finditer(text):
        if within and m.start() >= within.start() and m.start() < within.end():
            continue
        value = parse_number(m.group("num"))
        if value is not None and 1 < value <= 24:
            terms["periods"] = int(value)
            break
    if "periods" not in terms:
        ordinal = ORDINAL_FAILURE.search(text)
        if ordinal:
            terms["periods"] = ORDINALS[ordinal.group("ord").lower()]
    for d in durations(text):
        after = text[d.end:d.end + 30].lower()
        before = text[max(0, d.start - 30):d.start].lower()
        if d.unit not in ("day", "week", "month") or (d.unit == "month" and "notice" not in after):
            continue
        days = int(d.days) if d.unit != "month" else int(d.amount * 30)
        if re.match(r"^\W*(?:'s\s+|s'\s+)?(?:prior\s+|advance\s+)?(?:written\s+)?notice", after):
            terms["notice_days"] = days
        elif re.search(r"\bwithin\s*$", before) and "notice" not in after:
            terms["exercise_within_days"] = days
    return terms


@field_family("termination", ("termination",))
def propose_termination(ctx: Context) -> Iterator[Candidate]:
    for s in ctx.sentences(("paragraph", "list_item")):
        if not s.has_any("terminat", "cancel", " end "):
            continue
        terms = read_termination(s.text)
        if terms is None:
            continue
        role = ctx.role(s)
        item = TerminationRight(evidence=ctx.doc.evidence(s.start, s.end), **terms)
        yield Candidate("termination", item, (s.start, s.end),
                        "example" if role == "example" else "remedy",
                        score=1.0 + 0.1 * sum(v is not None for v in terms.values()))
