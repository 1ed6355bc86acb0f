"""Claim rules: deadline (days, kind, counted from what), ticket-first notice,
channel and required information.

Phrasings handled, one example each:
- "within thirty (30) calendar days of the last reported Service Level Failure";
- "within 30 days from the outage", "no later than 10 business days after the end
  of the month", "Submit your claim within 60 days of the end of the contracted month";
- "by the end of the second billing cycle after the incident";
- weeks count 7 days: "email us within two weeks of the incident";
- a table row under a claims heading: ``| Deadline | within 21 days of the incident |``;
- ticket first: "open a support ticket documenting the event within 24 hours", "A fault
  must be reported ... within eight (8) business hours";
- not the deadline: the provider's own acts ("We acknowledge claims within two business
  days");
- channel: "by emailing", "via email to", "create a support case", "in writing";
- required information: the list after "must include:" / "including:", or inline
  "(i) include your account information; (ii) ...".
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.extract.candidates import Candidate, issue
from extractor.extract.context import Context
from extractor.extract.document import Block, Document
from extractor.extract.fields.common import (
    NUMBER,
    durations,
    heading_paths,
    parse_number,
    run_in_title,
    sentences,
    split_sentences,
)
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family

CLAIM_CONTEXT = Gated(re.compile(
    r"\b(?:claims?|credit requests?|requests?\s+(?:for\s+)?(?:an?\s+|the\s+)?(?:SLA\s+|"
    r"service\s+)?credit|"
    r"(?:submit|file|make|send|request)\w*\b[^.]{0,60}\bcredit|\bdeadline\b|\bto (?:get|claim|"
    r"request|receive|obtain) "
    r"(?:it|one|this|them|the credit|(?:\w+\s+){0,2}credits?)\b|"
    r"\brequest\s+(?:is\s+)?made\s+within\b|(?:receive|eligible for|obtain)\s+(?:a|an|any)\s+"
    r"(?:SLA\s+|service\s+)?credit|notify|notif|must be (?:submitted|received|made|filed))", re.I),
    ("claim", "credit", "deadline", "to get", "to claim", "to request", "to receive", "to obtain",
     "notif", "must be", "request"))
# what the provider does on its side of a claim: "we will review", "Acme will confirm"
PROVIDER_VERBS = (r"\s+(?:will\s+|shall\s+|may\s+|then\s+)?(?:issue|apply|credit|respond|review|"
                  r"process|notify|acknowledge|reply|tell|decide|confirm|pay|refund|answer|"
                  r"evaluate|investigate)")
PROVIDER_ACTS = re.compile(r"\b(?:we|provider)" + PROVIDER_VERBS, re.I)
CLAIM_HEADING = re.compile(r"\b(?:claim\w*|credit requests?|request\w*|ask\w*|how to (?:get|"
                           r"request|receive|obtain))\b", re.I)
OBLIGATION = re.compile(r"\b(?:e-?mail|submit|send|raise|open|file|contact|write|notify|must|"
                        r"should|shall|report\w*|"
                        r"only if|no later than|reach us|"
                        r"ask|log|create)\b", re.I)
TICKET = Gated(re.compile(
    r"\b(?:open|file|create|log|raise|submit|report|obtain|get)\w*\s+(?:a\s+|"
    r"an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:ticket|case|incident)\b|\b(?:via|through|with|in)\s+(?:a|an)\s+(?:support\s+)?(?:ticket|"
    r"case)\b", re.I),
    ("ticket", "case", "incident"))
# a fault reported first, within hours: "report the fault ... within eight (8) business hours"
REPORT_FIRST = re.compile(
    r"\b(?:report|notify|inform|tell|alert|contact)\w*\b[^.]{0,40}\b(?:fault|outage|incident|"
    r"problem|"
    r"unavailab\w*|downtime|interruption|failure|issue|us)\b|\b(?:fault|outage|incident|"
    r"problem)s?\s+(?:must|should|has to|"
    r"need to)\s+be\s+(?:reported|notified|logged)"
    # the fault named before the verb: "an Incident that the Customer has reported"
    r"|\b(?:fault|outage|incident|downtime)s?\s+(?:that|which)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:reported|notified|logged)\b", re.I)
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "next": 1, "following": 1}
BILLING_CYCLES = re.compile(
    rf"\b(?:by|before|prior to|until)\s+the\s+end\s+of\s+the\s+(?P<ord>first|second|third|fourth|"
    rf"next|following|"
    rf"{NUMBER}(?:st|nd|rd|th)?)\s+(?:full\s+)?(?:billing\s+(?:cycle|period|month)|"
    rf"invoice\s+period|month)", re.I)


@dataclass
class ClaimFinding:
    deadline_days: int | None = None
    day_kind: str | None = None
    deadline_from: str | None = None
    billing_cycles: int | None = None
    notice_hours: int | None = None
    channel: str | None = None
    required_information: list[str] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _from_what(text: str) -> str:
    t = text.lower()
    if re.search(r"\blast\b[^.]{0,40}\b(?:failure|incident|outage|event|unavailab)", t):
        return "last_failure"
    if re.search(r"\bend of\b[^.]{0,30}\b(?:month|cycle|period|quarter)|\bmonth(?:ly)?\s+(?:end|"
                 r"close)|"
                 r"after the (?:calendar |billing )?month\b|following the (?:calendar |"
                 r"billing )?month", t):
        return "end_of_period"
    if re.search(r"\b(?:incident|outage|event|interruption|downtime|unavailab|failure|occurr|"
                 r"breach|"
                 r"disruption|issue)", t):
        return "incident"
    return "other"


def _channel(text: str) -> str | None:
    t = text.lower()
    if re.search(r"\be-?mail|\b[\w.+-]+@[\w-]+\.[\w.]+", t):
        return "email"
    if re.search(r"\b(?:support\s+(?:ticket|case|portal|request)|ticket|case\b|portal|help ?desk|"
                 r"console)", t):
        return "support_ticket"
    if re.search(r"\bin writing\b|\bwritten\b|\bletter\b|\bcertified mail\b", t):
        return "written"
    return None


def extract_claim(doc: Document, provider: str | None = None) -> ClaimFinding:
    finding = ClaimFinding()
    # "Penhallow will confirm ... within ten business days": the provider's own deadline
    provider_acts = re.compile(r"\b" + re.escape(provider) + PROVIDER_VERBS,
                               re.I) if provider else None
    headings = heading_paths(doc)

    def in_claim_context(s) -> bool:
        # the sentence says it, or its heading or list lead-in does ("To receive a credit,
        # the Customer must: ... (b) submit a written request within five (5) Business Days")
        run_in = run_in_title(s.block.text)  # "**Claiming.** E-mail us within ..."
        return bool(CLAIM_CONTEXT.search(s.text, 0, s.lower)) or (bool(
            CLAIM_HEADING.search(headings.get(s.block.start, "")) or CLAIM_CONTEXT.search(s.intro)
            or (run_in and CLAIM_HEADING.search(run_in))
        ) and bool(OBLIGATION.search(s.text)))

    # a deadline or a notice needs a period of time or a billing cycle in the sentence
    # table rows count too: claim rules are often a definition list ("Deadline | within 21 days")
    rows = [r for b in doc.tables() for r in split_sentences(b)]
    timed = [s for s in [*sentences(doc, ("paragraph", "list_item")), *rows]
             if s.names_a_unit or s.has_any("cycle", "billing")]
    claim_sentences = [s for s in timed if in_claim_context(s) or TICKET.search(s.text)]
    for s in claim_sentences:
        text = s.text
        ticket = TICKET.search(text) or REPORT_FIRST.search(text)
        for d in durations(text):
            act = PROVIDER_ACTS.search(text[max(0, d.start - 80):d.start]) or (
                provider_acts.search(text[max(0, d.start - 80):d.start]) if provider_acts else None)
            if act and not re.search(r"\byou\s+must|\bmust\s+be", text, re.I):
                continue  # "we acknowledge claims within two business days": our side, not yours
            before = text[max(0, d.start - 40):d.start].lower()
            if not re.search(r"\b(?:within|no later than|not later than|inside|in)\s*$|"
                             r"\bwithin\b[^.]{0,10}$", before) and not re.search(
                                 r"\bafter\b|\bfollowing\b", text[d.end:d.end + 12].lower()):
                continue
            # a ticket opened within hours comes before the claim itself
            if ticket and d.unit in ("hour", "minute") and abs(d.start - ticket.end()) < 120:
                if finding.notice_hours is None:
                    finding.notice_hours = int(d.hours)
                    finding.spans["claim.notice_hours"] = (s.start, s.end)
                continue
            if d.unit not in ("day", "week", "month"):
                continue
            if finding.deadline_days is None and in_claim_context(s):
                days = d.amount * {"day": 1, "week": 7, "month": 30}[d.unit]
                finding.deadline_days = int(days)
                finding.day_kind = "business" if d.business else "calendar"
                finding.deadline_from = _from_what(text[d.end:d.end + 90])
                finding.spans["claim.deadline_days"] = (s.start, s.end)
                if finding.deadline_from == "other":
                    finding.deadline_from = "incident"
                    finding.warnings.append(
                        f"the claim deadline ({int(days)} days) does not say what it counts from; "
                        "read as from the incident")
        cycles = BILLING_CYCLES.search(text)
        if cycles and finding.billing_cycles is None and in_claim_context(s):
            raw = cycles.group("ord").lower()
            number = ORDINAL.get(raw) or parse_number(re.sub(r"(st|nd|rd|th)$", "", raw))
            finding.billing_cycles = int(number) if number else None
            finding.spans["claim.deadline_billing_cycles"] = (s.start, s.end)
            if finding.deadline_from is None:
                finding.deadline_from = "end_of_period"
    # the channel is often named apart from the deadline ("open a ticket in the portal")
    for s in sentences(doc, ("paragraph", "list_item")):
        channel = (
            _channel(s.text)
            if s.has_any(
                "mail", "@", "ticket", "case", "portal", "writ", "desk", "console", "letter"
            )
            else None
        )
        if channel and in_claim_context(s) and (
                finding.channel is None or (channel == "email" and finding.channel != "email"
                                            and "deadline" not in finding.spans)):
            finding.channel = channel
            finding.spans["claim.channel"] = (s.start, s.end)
    if finding.channel is None:
        for s in claim_sentences:
            channel = _channel(s.text)
            if channel:
                finding.channel = channel
                finding.spans["claim.channel"] = (s.start, s.end)
                break
    _required_information(doc, finding)
    return finding


INFO_INTRO = re.compile(r"\b(?:includ(?:e|ing)|provide|contain|state|the following|must (?:have|"
                        r"list|show))\b"
                        r"[^.]*:\s*$", re.I)
INLINE_ITEMS = re.compile(r"\((?:[ivx]{1,4}|[a-h]|\d)\)\s*([^;()]+?)(?=;|\s*\((?:[ivx]{1,4}|[a-h]|"
                          r"\d)\)|\.$|$)", re.I)


def _item_text(text: str) -> str:
    """'the account email; and' -> 'the account email'."""
    return re.sub(r"[\s;,.]*(?:\b(?:and|or)\b)?[\s;,.]*$", "", text).strip()


def _required_information(doc: Document, finding: ClaimFinding) -> None:
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item") or not block.text.rstrip().endswith(":"):
            continue
        if not (CLAIM_CONTEXT.search(block.text) and INFO_INTRO.search(block.text)):
            continue
        listed: list[Block] = []
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "list_item":
            listed.append(blocks[j])
            j += 1
        if listed:
            finding.required_information = [_item_text(it.text) for it in listed]
            finding.spans["claim.required_information"] = (block.start, listed[-1].end)
            return
    for block in blocks:
        if "includ" in block.text.lower() and CLAIM_CONTEXT.search(block.text) and re.search(
                r"\binclude\b", block.text, re.I):
            items = [m.group(1).strip() for m in INLINE_ITEMS.finditer(block.text)]
            items = [
                re.sub(r"^include\b[\s,]*(?:in [^,]+,\s*)?", "", it, flags=re.I)
                for it in items
                if re.match(r"include\b", it, re.I)
            ]
            if items:
                finding.required_information = items
                finding.spans["claim.required_information"] = (block.start, block.end)
                return


CLAIM_PATHS = ("claim.deadline_days", "claim.deadline_day_kind", "claim.deadline_from",
               "claim.deadline_billing_cycles", "claim.notice_hours", "claim.channel",
               "claim.required_information")


@field_family("claim", CLAIM_PATHS, needs=("provider",))
def propose_claim(ctx: Context) -> Iterator[Candidate]:
    found = extract_claim(ctx.doc, ctx.resolved.get("provider"))
    notes = [issue("claim", "claim", w) for w in found.warnings]
    if found.day_kind == "business":
        notes.append(issue("business_days", "claim.deadline_days", "the claim deadline counts "
                           "business days; deadline_days holds the number of business days"))
    values = {"claim.deadline_days": found.deadline_days, "claim.deadline_day_kind": found.day_kind,
              "claim.deadline_from": found.deadline_from,
              "claim.deadline_billing_cycles": found.billing_cycles,
              "claim.notice_hours": found.notice_hours, "claim.channel": found.channel,
              "claim.required_information": found.required_information or None}
    first = True
    for path, value in values.items():
        if value is None:
            continue
        span = found.spans.get(path)
        yield Candidate(path, value, span, "claim_procedure",
                        issues=tuple(notes) if first else ())
        first = False
    if first and notes:  # warnings with no value found
        yield Candidate("claim.deadline_days", None, None, "claim_procedure", score=0.0,
                        issues=tuple(notes))
