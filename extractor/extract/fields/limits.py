"""Credit cap and minimum credit amount.

Phrasings handled, one example each:
- cap: "Credits cannot exceed 25% of monthly charge", "shall not exceed thirty percent
  (30%)", "capped at 50% of the monthly fee", "up to a maximum of 100%", "The maximum
  total credit ... is 30%", "in no event will credits exceed 10%", "limited to 50% of the
  monthly fee", "the maximum credit for any month is one month's fees" (100%);
- minimum: "issued only if the credit amount ... is greater than one dollar ($1 USD)",
  "Credits under $10 will not be issued", "minimum credit of USD 25",
  "credits of less than €5 are not paid out".
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractor.extract.candidates import Candidate, issue
from extractor.extract.context import Context
from extractor.extract.document import Document
from extractor.extract.fields.common import NUMBER, is_example, parse_number, percents, sentences
from extractor.extract.registry import field_family

CAP_CUES = re.compile(
    r"\b(?:(?:not|cannot|can't|won't|never|no event[^.]{0,90}?)\s+(?:to\s+)?exceed|"
    r"(?:never|not)\s+(?:[\w-]+\s+){0,3}?(?:more than|above|in excess of)|exceed(?:s|"
    r"ing)?\s+(?:a\s+)?(?:maximum|total)|"
    r"capped|cap(?:s|ped)?\s+(?:of|at|is)|maximum(?:\s+(?:total|aggregate|amount|credit|of|"
    r"service))*|"
    r"up to (?:a )?(?:maximum|max|total) of|limited to|no more than|at most|in (?:the )?aggregate|"
    # "a 5% credit ..., up to 100% of the monthly rate"
    r",\s*up to(?=\s+\d+(?:\.\d+)?\s*%\s+of\s+(?:the|your|that)\s+(?:monthly\s+)?"
    r"(?:fees?|rate|charges?|bill|invoice|subscription))|"
    r"(?:shall|will|may) not be (?:more|greater) than)\b", re.I)
# the whole period's fee as the cap: "one month's fees", "a maximum of the applicable monthly
# Fees", "the full refund of monthly charges"
ONE_MONTH = re.compile(
    r"\b(?:one|1|a single)\s+(?:full\s+)?month'?s'?\s+(?:fees?|charges?|subscription)"
    r"|\b(?:maximum|cap(?:ped)?|up to|limited to|exceed)\s+(?:at\s+)?(?:of\s+)?(?:the|a|one)\s+"
    r"(?:full\s+|total\s+)?(?:applicable\s+)?month(?:ly|'s)?\s+(?:service\s+)?(?:fees?|charges?|"
    r"subscription|bill)"
    r"|\bfull refund of (?:the\s+|your\s+)?(?:monthly\s+)?(?:fees?|charges?)"
    r"|\b(?:a|one)\s+(?:full\s+)?month\s+of\s+(?:free\s+)?(?:service|hosting|subscription)"
    # "never add up to more than the charges you paid for that service in that month"
    r"|\bmore than\s+(?:the\s+)?(?:total\s+)?(?:fees?|charges?|amount)\s+(?:you\s+)?(?:paid|"
    r"payable|due)\b"
    r"[^.;]{0,60}\b(?:month|period|billing cycle)", re.I)
PART_OF_MONTH = re.compile(
    r"\b(?P<part>one half|half|a half|one third|a third|one quarter|a quarter)\s+of\s+(?:the|that|"
    r"your|"
    r"a|one|each)\s+(?:month'?s|monthly)\s+(?:service\s+)?(?:fees?|charges?|subscription|bill)",
    re.I,
)
PART_SHARES = {"one half": Decimal(50), "half": Decimal(50), "a half": Decimal(50),
               "one third": Decimal(100) / 3, "a third": Decimal(100) / 3,
               "one quarter": Decimal(25), "a quarter": Decimal(25)}
SERVICE_TIME_CREDIT = re.compile(r"\b(?:free|additional|extra)\s+days?\s+of\s+service\b|"
                                 r"\bdays?\s+of\s+(?:free\s+)?service\b", re.I)
CREDIT = re.compile(r"\b(?:credits?|compensation|refunds?)\b", re.I)
# other currencies an SLA may state its amounts in, by ISO code
ISO_CODES = "AUD|CAD|NZD|CHF|SGD|HKD|JPY|INR|SEK|NOK|DKK|ZAR|PLN|CZK"
MONEY = re.compile(
    rf"(?P<cur>\$|US\$|A\$|C\$|NZ\$|USD|EUR|€|£|GBP|"
    rf"{ISO_CODES})\s*(?P<num>\d+(?:[.,]\d+)?)\s*(?:USD|US dollars?)?"
    rf"|(?P<num2>{NUMBER})\s*(?:US\s+)?(?P<cur2>dollars?|USD|euros?|EUR|pounds?|GBP|"
    rf"{ISO_CODES})\b", re.I)
MONEY_HINT = re.compile(rf"[$€£]|\b(?:usd|eur|gbp|dollars?|euros?|pounds?|{ISO_CODES})\b", re.I)
MINIMUM_CUES = re.compile(
    r"\b(?:only if|unless|minimum|at least|below|under|less than|smaller than|greater than|"
    r"more than|exceeds?|will not be (?:issued|paid|granted)|not (?:be )?issued)\b", re.I)
CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
            "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
            "pound": "GBP", "pounds": "GBP", "a$": "AUD", "c$": "CAD", "nz$": "NZD",
            **{code.lower(): code for code in ISO_CODES.split("|")}}


def extract_cap(doc: Document) -> tuple[Decimal | None, tuple[int, int] | None, list[str]]:
    found: list[tuple[Decimal, int, int]] = []
    for s in sentences(doc, ("paragraph", "list_item")):
        speaks_of_credit = CREDIT.search(s.text) if s.has_any("credit", "compensation", "refund") \
            else SERVICE_TIME_CREDIT.search(s.block.text)  # "free days": the paragraph's credit
        if not speaks_of_credit or is_example(s.text):
            continue
        cues = list(CAP_CUES.finditer(s.text))
        if not cues:
            if "exceed" in s.lower and ONE_MONTH.search(s.text):
                # "where the credit exceeds 1.00, the full refund of monthly charges is given"
                found.append((Decimal(100), s.start, s.end))
            continue
        figures = [p for p in percents(s.text) if p.value <= 100]
        best = None
        for cue in cues:  # "maximum number of credits ... will not exceed 50%": the nearest cue
            near = [p for p in figures if abs(p.start - cue.end()) < 90]
            # the figure after the cue is the cap ("not exceed 25%"); before it for "25% maximum"
            after = [p for p in near if p.start >= cue.start()]
            pct = after[0] if after else near[-1] if near else None
            if pct is not None and (best is None or abs(pct.start - cue.end()) < best[1]):
                best = (pct, abs(pct.start - cue.end()))
        part = PART_OF_MONTH.search(s.text)
        if best is not None:
            found.append((best[0].value, s.start, s.end))
        elif part:  # "credits never exceed half of that month's fee"
            found.append((PART_SHARES[part.group("part").lower()], s.start, s.end))
        elif ONE_MONTH.search(s.text):  # "the maximum credit is one month's fees"
            found.append((Decimal(100), s.start, s.end))
    found += _cap_rows(doc)
    if not found:
        return None, None, []
    values = {v for v, _, _ in found}
    warnings = []
    if len(values) > 1:
        warnings.append(
            "several credit caps are stated ("
            + ", ".join(f"{v}%" for v in sorted(values))
            + "); kept the lowest"
        )
    value, start, end = min(found, key=lambda f: f[0])
    return value, (start, end), warnings


CAP_ROW = re.compile(r"\b(?:largest|maximum|max|most|highest|cap|limit)\b[^|]{0,40}\bcredit|"
                     r"\bcredit\w*\s+(?:cap|limit|maximum)\b", re.I)


def _cap_rows(doc: Document) -> list[tuple[Decimal, int, int]]:
    """A table row labelled as the cap ("Largest credit for one month | 50% of the
    monthly fee | ..."): the one percentage every filled cell states."""
    found = []
    for block in doc.tables():
        for row in block.rows[1:]:
            if len(row.cells) < 2 or not CAP_ROW.search(row.cells[0].text):
                continue
            values = {p.value for c in row.cells[1:] for p in percents(c.text) if p.value <= 100}
            if len(values) == 1:
                found.append((values.pop(), row.cells[0].start, row.cells[-1].end))
    return found


def extract_minimum_credit(
    doc: Document,
) -> tuple[Decimal | None, str | None, tuple[int, int] | None]:
    for s in sentences(doc, ("paragraph", "list_item")):
        if not s.has_any("credit", "compensation", "refund") or not CREDIT.search(s.text) \
                or not MINIMUM_CUES.search(s.text):
            continue
        money = MONEY.search(s.text) if MONEY_HINT.search(s.text) else None
        if not money:
            continue
        if not re.search(r"\b(?:credit|amount)s?\b[^.]{0,80}\b(?:greater|more|exceed|at least|"
                         r"less|under|below|smaller|minimum)|minimum\s+(?:service\s+)?credit|"
                         r"(?:below|under|less than)\s+\S*\d[^.]{0,60}(?:not|no)\b", s.text, re.I):
            continue
        raw = money.group("num") or money.group("num2")
        value = parse_number(raw.replace(",", "."))
        cur = (money.group("cur") or money.group("cur2") or "").lower()
        return value, CURRENCY.get(cur, cur.upper() or None), (s.start, s.end)
    return None, None, None


@field_family("credit_limits", ("credit_cap_percent", "minimum_credit_amount", "currency"))
def propose_credit_limits(ctx: Context) -> Iterator[Candidate]:
    cap, span, warnings = extract_cap(ctx.doc)
    if cap is not None:
        notes = tuple(issue("several_caps", "credit_cap_percent", w) for w in warnings)
        yield Candidate("credit_cap_percent", float(cap), span, "credit_clause", issues=notes)
    minimum, currency, span = extract_minimum_credit(ctx.doc)
    if minimum is not None:
        yield Candidate("minimum_credit_amount", float(minimum), span, "credit_clause")
    if currency:
        yield Candidate("currency", currency, span, "credit_clause")
