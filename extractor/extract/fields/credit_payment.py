"""How an earned credit reaches the customer: method, on request or not, what lapses.

Phrasings handled, one example each:
- invoice credit: "Service Credits will be applied to your next invoice", "credited
  against future fees", "deducted from the following month's bill";
- refund: "we will refund the amount to your payment method";
- service extension: "added to the end of your subscription term", "an extension of
  the service period";
- automatic: "credits are issued automatically"; on request: "only if you request
  them" (and, without either cue, on request when the SLA sets a claim procedure);
- forfeited: "no credit will be paid upon termination or non-renewal", "unused credits
  expire when the agreement ends";
- no cash value: "credits have no cash value", "are not refundable".
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.extract.candidates import Candidate
from extractor.extract.context import Context
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family
from schemas import CreditPayment

CREDIT = re.compile(r"\bcredits?\b|\bcompensation\b|\brefunds?\b", re.I)
METHODS: tuple[tuple[str, Gated], ...] = (
    (
        "invoice_credit",
        Gated(
            re.compile(
                r"\b(?:applied|credited|offset|set off|deducted|reflected)\s+(?:to|against|on|from|"
                r"in)\s+"
                r"(?:the\s+|your\s+|any\s+|a\s+)?(?:next|future|subsequent|following|upcoming)?\s*"
                r"(?:month'?s\s+)?(?:invoices?|bills?|fees|payments?|charges|billing)"
                r"|\b(?:next|future|subsequent|following)\s+(?:monthly\s+)?(?:invoices?|bills?)\b",
                re.I,
            ),
            (
                "applied",
                "credited",
                "offset",
                "set off",
                "deducted",
                "reflected",
                "next",
                "future",
                "subsequent",
                "following",
            ),
        ),
    ),
    (
        "service_extension",
        Gated(
            re.compile(
                r"\b(?:added|appended)\s+to\s+the\s+end\s+of\s+(?:the\s+|your\s+)?(?:subscription|"
                r"term|"
                r"billing|service|contract)|\bextension\s+of\s+(?:the\s+|your\s+)?(?:subscription|"
                r"term|"
                r"service)|\bextend(?:s|ed)?\s+(?:the\s+|your\s+)?(?:subscription|term|"
                r"service period)",
                re.I,
            ),
            ("added", "appended", "extension", "extend"),
        ),
    ),
    (
        "refund",
        Gated(
            re.compile(
                r"(?<!no )(?<!not )\b(?:refund(?:ed)?\s+(?:to|the|it|them|via|by)|"
                r"will\s+(?:be\s+)?refund\w*|"
                r"paid\s+(?:out\s+)?to\s+(?:you|the customer)\b)",
                re.I,
            ),
            ("refund", "paid"),
        ),
    ),
)
AUTOMATIC = re.compile(r"\bautomatic(?:ally)?\b|\bwithout\s+(?:the need for\s+)?(?:a\s+)?"
                       r"(?:request|claim)\b|\bno (?:need|claim) (?:to|is)\b", re.I)
ON_REQUEST = re.compile(r"\bonly (?:if|when|upon|after)\b[^.]{0,40}\b(?:request|claim|ask)|"
                        r"\bupon (?:your |the customer's )?(?:written )?request\b|"
                        r"\bnot (?:be )?(?:issued|applied) automatically\b", re.I)
FORFEITED = Gated(re.compile(
    r"\b(?:no|not)\b[^.;]{0,50}\b(?:paid|issued|refunded|owed|payable|granted)\b[^.;]{0,40}\b"
    r"(?:termination|expir\w*|non-renewal|cancellation|end of (?:the|your) (?:term|agreement|"
    r"subscription))"
    r"|\b(?:unused|outstanding|remaining)\s+(?:service\s+)?credits?\b[^.;]{0,40}\b(?:expire|lapse|"
    r"are forfeited|will be forfeited|are lost)"
    r"|\bforfeit\w*\b[^.;]{0,60}\b(?:termination|expir\w*|non-renewal|cancellation)", re.I),
    ("termination", "expir", "non-renewal", "cancellation", "end of", "unused", "outstanding",
     "remaining", "forfeit"))
REFUNDED_AT_END = re.compile(r"\b(?:refund\w*|paid)\b[^.;]{0,40}\b(?:upon|on|at|after)\s+"
                             r"(?:termination|expir\w*|cancellation)", re.I)
NO_CASH = re.compile(r"\bno cash value\b|\bnot (?:be )?(?:exchangeable|redeemable|convertible)\s+"
                     r"(?:for|into)\s+cash\b|\bnon-?refundable\b|\bnot refundable\b|"
                     r"\bnot (?:be )?(?:paid|refunded) (?:out )?(?:in|as) cash\b", re.I)


def read_payment(text: str) -> dict[str, object]:
    """What one sentence says of how credits are paid (empty when it says nothing)."""
    found: dict[str, object] = {}
    for method, pattern in METHODS:
        if pattern.search(text):
            found["method"] = method
            break
    if AUTOMATIC.search(text):
        found["automatic"] = True
    elif ON_REQUEST.search(text):
        found["automatic"] = False
    if FORFEITED.search(text):
        found["forfeited_on_termination"] = True
    elif REFUNDED_AT_END.search(text):
        found["forfeited_on_termination"] = False
    if NO_CASH.search(text):
        found["cash_value"] = False
        if found.get("method") == "refund":
            del found["method"]  # "not refundable" names what does not happen
    return found


@field_family("credit_payment", ("credit_payment",),
              needs=("claim.deadline_days", "claim.channel"))
def propose_credit_payment(ctx: Context) -> Iterator[Candidate]:
    terms: dict[str, object] = {}
    first: tuple[int, int] | None = None
    for s in ctx.sentences(("paragraph", "list_item")):
        if not s.has_any("credit", "compensation", "refund") or not CREDIT.search(s.text):
            continue
        if ctx.role(s) == "example":
            continue
        found = {k: v for k, v in read_payment(s.text).items() if k not in terms}
        if found:
            terms.update(found)
            first = first or (s.start, s.end)
    if first is None:
        return
    if "automatic" not in terms and (ctx.resolved.get("claim.deadline_days") is not None
                                     or ctx.resolved.get("claim.channel") is not None):
        terms["automatic"] = False  # the SLA sets a claim procedure: credits are requested
    item = CreditPayment(evidence=ctx.doc.evidence(*first), **terms)
    yield Candidate("credit_payment", item, first, "remedy")
