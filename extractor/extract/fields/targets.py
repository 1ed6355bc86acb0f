"""Uptime targets: one per service, plan or environment, or one for the whole offering.

Phrasings handled, one example each:
- prose commitment: "We guarantee at least 99% availability on all dedicated plans."
  (``all ... plans`` is the whole offering: service null);
- definition: '"Target Uptime Percentage" means ... : 99.9%.';
- heading: "1. Acme Commitment: 99.8% Uptime";
- per-service tables: ``| SMS API | 99.99% |`` under a header naming uptime/availability;
- per-plan or environment list items: "Premium plan: 99.95% monthly uptime";
- sections: "## Relay Queue" over "each queue will achieve at least 99.9%";
- group rows of a credit table: ``| SMS API — Monthly Uptime Commitment 99.95% | | |``;
- threshold columns: ``| Service | < 99.95% | < 99.9% |`` (a service's target is the
  first column where it earns a credit);
- named prose: "the Production environment is available 99.95% of the time";
- credit tables whose columns are environments: ``| <99.99% | <99.9% | 10% |`` under
  ``| High availability ... | Other environments | Credit |`` (the top tier's upper
  bound is each column's target).

Not targets: credit thresholds ("less than 99.0%"), worked examples, history
("we have delivered 99.999%"), percentages under 90.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractor.extract.candidates import Candidate, Role, issue
from extractor.extract.context import Context
from extractor.extract.document import Block, Document
from extractor.extract.fields.common import (
    Sentence,
    in_example,
    percents,
    run_in_title,
    sentences,
    singular,
    strip_examples,
)
from extractor.extract.lexicon import GENERIC_WORDS, METRIC_WORDS
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family
from schemas import UptimeTarget

MIN_TARGET = Decimal(90)
MAX_FIGURES = 40  # percentages one sentence may hold and still be read for targets

STATISTIC = re.compile(
    r"\s+of\s+(?!(?:the\s+)?time\b|(?:each|every|any|the|a|all)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:month|quarter|year|period|minutes?|cycle|time))", re.I)
DISCLAIMED = Gated(re.compile(
    r"(?:\bnot|n't|\bneither|\bnor)\s+(?:is\s+|are\s+)?(?:part of|covered|included|a commitment|"
    r"guaranteed|"
    r"promised)|\bfor information only\b|\bbackground only\b", re.I),
    ("not", "n't", "neither", "nor", "only"))
# the next sentence takes the figure back: "That design figure ... is not a service level"
DISCLAIMED_AFTER = re.compile(
    r"^\W*(?:that|this|these|those|such|the)\s+(?:[\w-]+\s+){0,3}?(?:figure|number|value|rate|"
    r"percentage|statistic|level)s?\b[^.]{0,100}?\b(?:is|are)\s+not\s+(?:a\s+|an\s+|"
    r"part of\s+)?(?:the\s+)?"
    r"(?:service levels?|commitments?|guarantees?|targets?|SLA|promise)", re.I)
COMMITMENT = re.compile(
    r"\b(?:guarantee[sd]?|commit(?:s|ted|ments?)?|target|promise[sd]?|pledge|warrant|"
    r"service (?:availability |uptime )?levels?|SLA|uptime|availability|available|"
    r"commercially reasonable efforts|aims?|keep|"
    r"(?:will|shall) (?:maintain|provide|deliver|make|be)|strive|designed to)\b", re.IGNORECASE)
THRESHOLD = re.compile(
    r"(?:less than|lower than|below|under|fewer than|falls?|drops?|dips?|<|≤|>|≥|"
    r"greater than|more than|but (?:above|over|not below)|at least \S+ but|but (?:at least|"
    r"equal to or greater)|between|"
    r"from \S+ to|equal to or (?:greater|higher|more)|"
    r"credit|refund|compensation)", re.IGNORECASE)
HISTORY = Gated(re.compile(
    r"\b(?:have (?:delivered|achieved|maintained|averaged)|historically|track record|recorded|"
    r"achieved|"
    r"over the (?:last|past)|survey|(?:has|have) exceeded|since (?:19|20)\d\d|respondents|said|"
    r"of (?:\w+ ){0,2}(?:administrators|users|teams)|"
    r"averaged|last year|in \d{4}|of (?:our )?customers|customers? (?:see|report)|save|discount|"
    r"trailing|(?:has|have) run at|\bran at|\bbuilt for|"
    r"off\b)",
    re.IGNORECASE),
    ("delivered", "achieved", "maintained", "averag", "histor", "track record", "recorded", "over "
                                                                                            "the",
     "survey", "exceeded", "since", "respondent", "said", "administrator", "user", "team", "last "
                                                                                           "year",
     "customer", "save", "discount", "off", "trailing", "run at", "ran at", "built for",
     *(f"in {d}" for d in "0123456789")))
TABLE_TARGET_HEADER = re.compile(
    r"\b(?:uptime|availability|SLA|service level|target|commitment|guarantee)\b", re.IGNORECASE)
TABLE_CREDIT_HEADER = re.compile(r"\b(?:credit\w*|refund\w*|compensation)\b", re.IGNORECASE)
NAME_HEADER = re.compile(
    r"\b(?:service|product|plan|tier|environment|component|offering|edition|region|api|"
    r"feature)s?\b",
    re.IGNORECASE)
WHOLE_OFFERING = re.compile(r"\b(?:all|every|each|any)\s+(?:\w+\s+){0,2}(?:plans?|services?|"
                            r"customers?|accounts?|subscriptions?|instances?)\b", re.IGNORECASE)
NAMED_SCOPE = re.compile(
    r"(?P<name>(?:[A-Z][\w+.&/-]*\s+){0,4}?(?:[A-Z][\w+.&/-]*|[a-z][\w-]*)\s+"
    r"(?:plans?|tiers?|editions?|environments?|clusters?|APIs?|subscriptions?|packages?|"
    r"class(?:es)?))\b"
    r"|(?P<env>\b(?:production|non-production|staging|development|test|sandbox)\s+"
    r"environments?\b)")
ITEM_NAME = re.compile(r"^(?P<name>[^:|=]{2,160}?)\s*(?::|\s[–—-])\s+[^:]*?\d", re.UNICODE)
UPPER_BOUND_CELL = re.compile(r"^\s*(?:<|less than|below|under)\s*(?P<num>\d+(?:\.\d+)?)\s*%",
                              re.IGNORECASE)


@dataclass(frozen=True)
class TargetFinding:
    service: str | None
    percent: Decimal
    start: int
    end: int
    strength: int = 1
    section_title: str = ""  # the heading or run-in title the statement sits under


def extract_targets(doc: Document, provider: str | None = None
                    ) -> tuple[list[TargetFinding], list[str]]:
    """Targets with their evidence spans, and warnings."""
    warnings: list[str] = []
    table_targets = [t for block in doc.tables()
                     for t in (_table_targets(block) or _commitment_rows(block)
                               or _threshold_header_targets(block)
                               or header_cell_targets(block)
                               or _row_sentence_targets(block, provider))]
    prose_targets = [t for s in sentences(doc) for t in _sentence_targets(s, provider)]
    prose_targets = _named_by_section(prose_targets)
    named = [t for t in table_targets + prose_targets if t.service]
    unnamed = [t for t in prose_targets if not t.service]
    if named:
        # a general statement repeating a named target's figure is not another target
        named_values = {t.percent for t in named}
        stray = [t for t in unnamed if t.percent not in named_values]
        if stray:
            warnings.append(
                "a target without a service name ("
                + ", ".join(f"{t.percent}%" for t in _dedupe(stray))
                + ") stands beside per-service targets; kept as a target for the whole offering")
        findings = named + stray
    else:
        findings = unnamed
    findings = _dedupe(findings)
    unnamed = [t for t in findings if t.service is None]
    if len({t.percent for t in unnamed}) > 1:
        best = max(unnamed, key=lambda t: t.strength)  # max keeps the first of equals
        warnings.append(
            "several different targets for the whole offering ("
            + ", ".join(f"{v}%" for v in sorted({t.percent for t in unnamed}, reverse=True))
            + f"); kept {best.percent}%, the most firmly committed")
        findings = [t for t in findings if t.service is not None or t is best]
    return findings, warnings


GENERIC_TITLE = re.compile(
    r"\b(?:credits?|service levels?|commitments?|uptime|availability|definitions?|exclusions?|"
    r"claims?|"
    r"examples?|measurement|scope|introduction|overview|general|remed\w*|maintenance|support|"
    r"terms)\b", re.I)
SECTION_NOISE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)|\s+(?:SLA|Service Level Agreement|"
                           r"Service Level|Commitment|Uptime|Availability)$", re.I)


def _named_by_section(targets: list[TargetFinding]) -> list[TargetFinding]:
    """Several different targets for "the service", each under its own section
    ("## Relay Queue", "3.1 Power Service. We will deliver 100% ..."): the section names it."""
    unnamed = [t for t in targets if t.service is None]
    if unnamed:  # only firm commitments get a section's name; weaker mentions stay as they were
        top = max(t.strength for t in unnamed)
        unnamed = [t for t in unnamed if t.strength == top]
    others_named = any(t.service for t in targets)
    if len({t.percent for t in unnamed}) < 2 and not (others_named and unnamed):
        return targets
    named = {}
    for t in unnamed:
        title = t.section_title
        if not title:
            return targets
        named[id(t)] = title
    if len(set(named.values())) < 2 and not others_named:
        return targets
    return [
        TargetFinding(named[id(t)], t.percent, t.start, t.end, t.strength) if id(t) in named else t
        for t in targets
    ]


def _dedupe(findings: list[TargetFinding]) -> list[TargetFinding]:
    seen: set[tuple[str | None, Decimal]] = set()
    out = []
    for t in findings:
        key = ((t.service or "").lower() or None, t.percent)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _sentence_targets(sentence: Sentence, provider: str | None = None) -> list[TargetFinding]:
    if "%" not in sentence.text and "percent" not in sentence.text.lower():
        return []
    text = strip_examples(sentence.text)
    lowered = sentence.lower if text is sentence.text else text.lower()
    # a parenthetical scopes the subject ("Ticketing (the help centre your customers see)"):
    # its words are no record or disclaimer
    plain = PARENTHETICAL.sub(lambda m: " " * len(m.group()), text) if "(" in text else text
    plain_lowered = plain.lower() if plain is not text else lowered
    if (
        in_example(sentence)
        or HISTORY.search(plain, 0, plain_lowered)
        or DISCLAIMED.search(plain, 0, plain_lowered)
    ):
        return []
    after = sentence.block.text[sentence.end - sentence.block.start:][:200]
    if DISCLAIMED_AFTER.match(after):
        return []  # "... is 99.982%. That design figure ... is not a service level."
    found = []
    figures = percents(text)
    if len(figures) > MAX_FIGURES:
        return []  # a run of figures is a table or data dump, not a sentence that commits
    credit_nearby = CREDIT_CONTEXT.search(text) or CREDIT_CONTEXT.search(sentence.intro) or any(
        p.value < 50 for p in figures)
    for pct in figures:
        if not MIN_TARGET <= pct.value <= 100:
            continue
        before = text[max(0, pct.start - 40):pct.start]
        following = text[pct.end:pct.end + 120]
        if STATISTIC.match(following) and not re.search(
                r"\b(?:commit\w*|guarantee\w*|promise\w*|will|shall|ensure)\b", before, re.I):
            continue  # "99% of messages arrive within 250 ms": a statistic, not a commitment
        if re.match(r"\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s*%", following) or re.search(
                r"\d\s*%\s*(?:-|–|to)\s*$", before):
            continue  # "99.49% - 98.50% uptime": a band's ends, not targets
        if re.search(r"\bfrom\s*$", before, re.I):
            continue  # "from 99.0% up to the commitment": a range bound
        if pct.value == 100 and not (
            re.match(
                r"[\w\s]{0,20}?(?:uptime|availab|service level|guarantee|SLA\b|"
                r"of the time)",
                following,
                re.I,
            )
            or _item_figure(sentence, text, pct.start)
        ):
            continue  # "subtracting from 100% the percentage ...": arithmetic, not a target
        if pct.value == 100 and re.match(r"\s*(?:minus|less|-|−)\s", following, re.I):
            continue  # "100% minus the average error rate": a formula
        if COUNTERFACTUAL.search(text[max(0, pct.start - 40):pct.start]):
            continue  # "assumed to be 100% available for the part of the month before it existed"
        if SUPPOSED_PERIOD.search(text[max(0, pct.start - 40):pct.start]):
            continue  # "a month at exactly 99.0% is in the 10% row": an illustration
        before = text[max(0, pct.start - 40):pct.start]
        after = text[pct.end:pct.end + 25]
        at_least = re.search(r"\b(?:not|no)\s+(?:less|lower|fewer)\s+than\s*$", before, re.I)
        bound_after = r"|or (?:more|higher|above|greater)|and above" if credit_nearby else ""
        near = before[-30:]
        cues = [] if at_least else list(THRESHOLD.finditer(near))
        # the comparison must lead up to the figure: "... two or more zones): 99.99%" is a name
        leads_up = bool(cues) and len(near) - cues[-1].end() <= 14 and not re.search(
            r"[:)]", near[cues[-1].end():])  # "(... re-routing between them): 99.995%"
        if leads_up or re.match(
                r"\s*(?:or (?:less|lower|below)|and below" + bound_after + ")",
                                                       after, re.IGNORECASE):
            continue
        if re.search(r"\bcredit|\bof (?:the |your )?(?:monthly )?(?:fee|charge|bill)", after,
                     re.IGNORECASE):
            continue
        if before.rstrip().endswith("=") or CALCULATION.search(text):
            continue  # the result of a worked calculation
        asked = sentence.heading.split(" / ")[-1] if sentence.heading.endswith("?") else ""
        if (
            not COMMITMENT.search(text)
            and not _intro_commits(sentence)
            and not COMMITMENT.search(asked)
        ):
            continue
        if sentence.block.kind == "heading" and not re.search(
                r"\b(?:uptime|availability|commitment|SLA)\b", text, re.IGNORECASE):
            continue
        service = _service_near(text, pct.start, sentence.block, provider)
        region = REGION.search(text, 0, pct.start)
        if region:  # "the Connectivity Hub ... in the Europe region ... 99.95%"
            service = f"{service} ({region.group('region')})" if service else region.group(
                "region")
        if service is None and sentence.block.kind == "heading":
            # "4.2 Multi-zone Node Pools — Monthly Uptime Commitment 99.9%"
            titled = COMMITMENT_ROW.match(NUMBERING.sub("", text))
            name = titled.group("name").strip(" –—:-") if titled else ""
            if titled and Decimal(titled.group("num")) == pct.value and _names_a_part(
                    name, provider):
                service = name  # not "TagoIO Commitment: 99.8%": the provider's whole offering
        start = sentence.start
        found.append(TargetFinding(service, pct.value, start, sentence.end, _strength(text),
                                   _section_title(sentence)))
    if len(found) > 1 and len({f.percent for f in found}) > 1 and any(
            f.service is None for f in found):
        # "99.9% ... or 99.95% with the add-on": ambiguous per-sentence pairs, keep the first
        return found[:1]
    return found


# the result of arithmetic: "99.5 x 30", "(43,200 - 43) / 43,200"; a fraction ("3 1/2 hours")
# is not one
CALCULATION = re.compile(r"[\d)]\s*[×x*÷]\s*[\d(]|[\d)]\s+/\s+[\d(]|\)\s*/\s*[\d(]")
# a figure the SLA supposes rather than promises
COUNTERFACTUAL = re.compile(
    r"\b(?:assumed|deemed|considered|treated|counted|counts|count|regarded|presumed|"
    r"taken)\s+(?:as\s+|to\s+(?:be|have)\s+"
    r"(?:been\s+)?)?(?:having\s+)?(?:an?\s+)?(?:\w+\s+){0,2}$", re.I)
# a period supposed to illustrate a rule: "a month at exactly 99.0%", "any month with 98%"
SUPPOSED_PERIOD = re.compile(r"\b(?:a|an|any|each)\s+(?:\w+\s+)?(?:month|period|cycle|quarter)\s+"
                             r"(?:at|of|with)\s+(?:exactly\s+|precisely\s+|only\s+)?$"
                             # "Part of a point is disregarded: at 99.3% the shortfall is 0.6"
                             r"|[:;]\s*at\s+$", re.I)
BULLET = re.compile(r"^\s*[•·▪●◦‣*–-]\s+")


def _item_figure(sentence: Sentence, text: str, offset: int) -> bool:
    """"Power: 100%" as a list item (or a bulleted line) under a lead-in that commits."""
    itemised = sentence.block.kind == "list_item" or BULLET.match(text)
    item = ITEM_NAME.match(BULLET.sub("", text))
    return bool(
        itemised and item and (COMMITMENT.search(sentence.intro) or COMMITMENT.search(text))
    )


def names_the_metric(name: str) -> bool:
    words = re.findall(r"[\w&]+", name.lower())
    return not words or all(w in METRIC_WORDS for w in words)


# "that the Power Service (as defined in 1.5) is Available 100% of the time": the subject
# of the clause that states the figure, with parentheticals skipped
SUBJECT = re.compile(
    # "In the North America region the Connectivity Hub will be available": "the" and a
    # capital open a subject anywhere
    r"(?:(?:^|\b(?:that|ensure|and|;|,)\s+)(?:[Tt]he\s+)?|\b[Tt]he\s+)(?P<name>[A-Z][\w+&/-]*(?:\s+[A-Z][\w+&/-]*){0,3})"
    r"\s+(?:(?:is|are|will be|shall be|remains?|will remain)\s+(?:[Aa]vailable|up|operational|"
    r"reachable)\b"
    # "that Backup Ingest will have a Monthly Availability of no less than 99.9%"
    r"|(?:will|shall)\s+(?:have|achieve|maintain)\s+(?:an?\s+|the\s+)?(?:[Mm]onthly\s+)?"
    r"(?:[Aa]vailability|[Uu]ptime)\b)"
    # "use reasonable endeavours to keep the Query Service (meaning ...) available"
    r"|\b(?:keep|make|maintain|and)\s+(?:the\s+)?(?P<kept>[A-Z][\w+&/-]*(?:\s+[A-Z][\w+&/-]*){0,3})"
    r"\s+(?:[Aa]vailable|operational|reachable)\b")
PARENTHETICAL = re.compile(r"\s*\([^()]{0,200}\)")
RELATIVE_CLAUSE = re.compile(r",\s+(?:which|that|who)\b[^,;.]{0,160},")


def _generic(name: str) -> bool:
    """ "Platform", "APIs", "Service": the offering as a whole, not a named part of it."""
    lowered = name.lower()
    return lowered in GENERIC_WORDS or singular(lowered) in GENERIC_WORDS


def _names_a_part(name: str, provider: str | None) -> bool:
    """A name that scopes a target to part of the offering: not a common noun, not the
    measure, not the provider ("Pipwick will be up 99.5%" covers all of Pipwick)."""
    return bool(name) and not _generic(name) and not names_the_metric(name) and not (
        provider and set(provider.lower().split()) & set(name.lower().split()))


def _subject_before(text: str, offset: int, provider: str | None) -> str | None:
    """The named subject of the clause ending in the figure at ``offset``."""
    head = PARENTHETICAL.sub("", text[max(0, offset - 300):offset])
    found = None
    for m in SUBJECT.finditer(head):
        found = m
    if found is None or len(head) - found.end() > 90:
        return None
    name = found.group("name") or found.group("kept")
    first = name.split()[0].lower()
    if first in ("each", "every", "all", "any", "our", "your", "this", "these") or not (
            _names_a_part(name, provider)):
        return None
    return name


def _section_title(sentence: Sentence) -> str:
    run_in = run_in_title(sentence.block.text)
    if run_in:
        return run_in
    last = sentence.heading.split(" / ")[-1] if sentence.heading else ""
    title = last
    while True:
        cleaned = SECTION_NOISE.sub("", title).strip()
        if cleaned == title:
            break
        title = cleaned
    if GENERIC_TITLE.search(title):
        return ""  # "SERVICE CREDITS", "3. Service Level": a part of the SLA, not a service
    if (title.split()[:1] and title.split()[0].lower() in ("a", "an", "our", "your")) or all(
            w in GENERIC_WORDS for w in re.findall(r"[\w&]+", title.lower())):
        return ""  # "An Industry Leading SLA": a boast, not a service
    return title if 0 < len(title.split()) <= 5 and not title.endswith("?") else ""


def _intro_commits(sentence: Sentence) -> bool:
    """A list item or table-like line under "We commit to the following uptime:"."""
    return sentence.block.kind == "list_item" and bool(COMMITMENT.search(sentence.intro))


STRONG = re.compile(r"\b(?:commit\w*|guarantee\w*|promise\w*|target|(?:will|shall) "
                    r"(?:make|maintain|provide|deliver)|"
                    r"at least|no less than|not less than|minimum|shall ensure|ensure)\b", re.I)


def _strength(text: str) -> int:
    return 2 if STRONG.search(text) else 1


def _service_near(text: str, offset: int, block: Block, provider: str | None = None) -> str | None:
    """A plan, tier or environment named next to a target, else None (whole offering)."""
    bullet = BULLET.match(text)
    if block.kind == "list_item" or bullet:
        # "• Shared Hosting - 99.9% SLA": a bulleted line in a paragraph is a list item too
        lead = bullet.end() if bullet else 0
        item = ITEM_NAME.match(text[lead:])
        if item and lead + item.end("name") <= offset:
            # "Multi-AZ deployments (a primary and a standby ...): 99.99%"
            name = re.sub(r"\s*\([^()]*\)", "", item.group("name")).strip(" *")
            if len(name) <= 60 and not names_the_metric(name):
                return name
    begin = max(0, offset - 80)
    while 0 < begin < offset and not text[begin - 1].isspace():
        begin -= 1  # never cut a word: "Premium disk class", not "m disk class"
    window = text[begin:offset + 80]
    if WHOLE_OFFERING.search(window):
        return None
    subject = _subject_before(text, offset, provider)
    if subject:
        return subject
    after = FOR_AFTER.match(text, text.find("%", offset) + 1) if "%" in text[offset:] else None
    if after and _names_a_part(after.group("name"), provider):
        return after.group("name")  # "no less than 99.95% for an HA Pair (two appliances ...)"
    scope = FOR_SCOPE.match(text)
    if scope and scope.end() <= offset:
        # "For Object Storage buckets in any storage class, we commit to 99.9%"
        return scope.group("name").strip()
    match = NAMED_SCOPE.search(window)
    if match is None:
        # "Buckets in the Geo-Replicated storage class, which keeps a copy in a second
        # region, will be Available at least 99.95%": the relative clause set aside
        head = RELATIVE_CLAUSE.sub("", PARENTHETICAL.sub("", text[:offset]))
        scoped = list(NAMED_SCOPE.finditer(head[-80:]))
        match = scoped[-1] if scoped else None
        window = head[-80:]
    if match and re.search(
        r"\b(?:or|and)\s+(?:[A-Z][\w-]*\s+){1,3}$", window[: match.start()] + " "
    ):
        return None  # "Managed WordPress or Managed WooCommerce plan": both, one target
    if match:
        name = match.group(0).strip()
        name = re.sub(r"^(?:the|our|your|this|these|its|their|a|an)\s+", "", name, flags=re.I)
        if len(name.split()) < 2:
            return None  # "The APIs will achieve ...": the whole offering, not a named part
        return name
    return None


# a cell that states a figure (data), not a header with a number in its words
# ("Downtime this allows in a 30-day month")
FIGURE_CELL = re.compile(r"\d\s*%|^[\s<>≤≥=~]*\d[\d.,]*\s*$")


def _table_targets(block: Block) -> list[TargetFinding]:
    rows = block.rows
    if len(rows) < 2:
        return []
    header = rows[0].texts
    header_text = " ".join(header)
    if any(FIGURE_CELL.search(h) for h in header) and not TABLE_CREDIT_HEADER.search(header_text):
        return []  # no header row: nothing names the column of targets
    if re.search(r"\b(?:19|20)\d\d\b", header_text) or HISTORY.search(header_text):
        return []  # "| Component | 2024 uptime |": a record
    commitment_cols = [i for i, h in enumerate(header) if COMMITMENT_HEADER.search(h)]
    if commitment_cols and TABLE_CREDIT_HEADER.search(header_text):
        # a credit table that also states each row's commitment
        found = []
        for row in rows[1:]:
            cells = row.cells
            col = commitment_cols[0]
            if col >= len(cells) or not cells[0].text or col == 0:
                continue
            values = percents(cells[col].text)
            if len(values) == 1 and MIN_TARGET <= values[0].value <= 100:
                found.append(
                    TargetFinding(cells[0].text, values[0].value, cells[0].start, cells[col].end)
                )
        if found:
            return found
    if TABLE_CREDIT_HEADER.search(header_text) or any(
            TABLE_CREDIT_HEADER.search(c) for r in rows[:3] for c in r.texts):
        return _credit_table_column_targets(block)
    if not TABLE_TARGET_HEADER.search(header_text):
        return []
    pct_cols = [i for i, h in enumerate(header) if TABLE_TARGET_HEADER.search(h)]
    name_col = next((i for i, h in enumerate(header) if NAME_HEADER.search(h)
                     and i not in pct_cols), 0)
    found = []
    for row in rows[1:]:
        cells = row.cells
        for col in pct_cols or range(len(cells)):
            if col >= len(cells) or col == name_col:
                continue
            values = percents(cells[col].text)
            if len(values) != 1 or not MIN_TARGET <= values[0].value <= 100 or (RANGE_CELL.search(
                    cells[col].text) and not AT_LEAST_CELL.match(cells[col].text)):
                continue  # "Under 97.0%", "99.0% up to 99.5%": a credit band, not a target
            name = cells[name_col].text if name_col < len(cells) else None
            if name and names_the_metric(name):
                name = None  # "Monthly Availability | 99.9%": the row names the measure
            # "Mail Flow (inbound and outbound SMTP relay ...)": the name, not its description
            service = PARENTHETICAL.sub("", name).strip() if name else None
            if len(pct_cols) > 1:  # columns are plans: "Standard | Premium"
                service = f"{name} ({header[col]})" if name else header[col]
            found.append(TargetFinding(service, values[0].value, cells[0].start,
                                       cells[-1].end))
    return found


FOR_SCOPE = re.compile(r"^(?:For|On|In)\s+(?:the\s+)?(?P<name>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\b"
                       r"(?!\s+(?:the|a|an|of)\b)")
# not "for the Stavewood platform": a name followed by a common noun
FOR_AFTER = re.compile(r"\s+for\s+(?:an?|the|each|every)\s+"
                       r"(?P<name>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\b(?!\s+[a-z])")
CREDIT_CONTEXT = re.compile(r"\b(?:credit|refund|compensation|rebate|fee|charge)s?\b", re.I)
COMMITMENT_HEADER = re.compile(r"\b(?:uptime|availability)\s+(?:commitment|target|guarantee|SLA)\b|"
                               r"^\s*(?:commitment|target|SLA)\s*$", re.I)
# ">= 99.9%", "at least 99.9%" under an uptime header: the commitment, not a band
AT_LEAST_CELL = re.compile(r"^\s*(?:>=|≥|=>|at least|minimum(?: of)?|no less than|not less than)\s*"
                           r"\d+(?:\.\d+)?\s*%\s*$", re.I)
RANGE_CELL = re.compile(r"\b(?:under|below|less|up to|at least|between|more than|above|over)\b|"
                        r"[<>≤≥]", re.I)
REGION = re.compile(r"\b[Ii]n\s+(?:the\s+)?(?P<region>(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)"
                    r"\s+region\b")
NUMBERING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+")
COMMITMENT_ROW = re.compile(
    r"^(?P<name>[^|%\d]{2,60}?)\s*(?:[–—:-]\s*)?(?:monthly\s+)?(?:uptime|availability)?\s*"
    r"(?:commitment|target|guarantee|SLA)\s*(?:of|:|is)?\s*(?P<num>\d{2,3}(?:\.\d+)?)\s*%", re.I)


def _commitment_rows(block: Block) -> list[TargetFinding]:
    """A group row inside a credit table: "SMS API — Monthly Uptime Commitment 99.95%"."""
    found = []
    for index, row in enumerate(block.rows):
        filled = [c for c in row.cells if c.text]
        if index == 0 and filled:
            # the header's first cell: "Regional Control Plane — Monthly Uptime Commitment
            # 99.95% | Credit"
            filled = filled[:1]
        if len(filled) != 1:
            continue
        m = COMMITMENT_ROW.match(filled[0].text)
        if m and MIN_TARGET <= Decimal(m.group("num")) <= 100:
            name = m.group("name").strip(" –—:-")
            found.append(TargetFinding(name or None, Decimal(m.group("num")), filled[0].start,
                                       filled[0].end))
    return found


def _threshold_header_targets(block: Block) -> list[TargetFinding]:
    """| Service | < 99.9% | < 99.0% | with credits in the cells: each service's target is the
    threshold of the first column where it earns a credit."""
    from extractor.extract.fields.credits import THRESHOLD_HEAD

    rows = block.rows
    if len(rows) < 2:
        return []
    matched = [THRESHOLD_HEAD.match(c) for c in rows[0].texts[1:]]
    heads = [h for h in matched if h is not None]
    if len(heads) < 2 or len(heads) != len(matched):
        return []
    found = []
    for row in rows[1:]:
        cells = row.cells
        for i, head in enumerate(heads, start=1):
            if i < len(cells) and percents(cells[i].text):
                found.append(
                    TargetFinding(
                        cells[0].text, Decimal(head.group("num")), cells[0].start, cells[i].end
                    )
                )
                break
    return found


# a plan's commitment printed in its column header: "Team (99.5%)", "Business — 99.9%"
HEADER_TARGET = re.compile(r"^\s*(?P<name>[A-Z][\w+&/ -]{0,40}?)\s*(?:\(\s*"
                           r"(?P<a>\d{2,3}(?:\.\d+)?)\s*%\s*\)|[–—:-]\s*(?P<b>\d{2,3}(?:\.\d+)?)"
                           r"\s*%)\s*$")


def _row_sentence_targets(block: Block, provider: str | None) -> list[TargetFinding]:
    """| Essentials | Guaranteed Availability of 99.9% each calendar month ... |: a name,
    then a cell that commits in words. Each row's cell is read as a sentence and its
    target named by the row; two or more rows must commit."""
    found = []
    for row in block.rows:
        cells = [c for c in row.cells if c.text]
        if len(cells) < 2:
            continue
        name, said = cells[0], cells[-1]
        if re.search(r"\d", name.text) or len(name.text.split()) > 5 or "%" not in said.text:
            continue
        sentence = Sentence(said.text, said.start, said.end, block)
        targets = [t for t in _sentence_targets(sentence, provider) if t.service is None]
        if targets:
            t = targets[0]
            found.append(TargetFinding(name.text.strip(), t.percent, name.start, said.end,
                                       t.strength))
    return found if len(found) >= 2 else []


def header_cell_targets(block: Block) -> list[TargetFinding]:
    """Two or more column headers each naming a plan with its percentage: each is that
    plan's target (the rows below say what it earns)."""
    if len(block.rows) < 2:
        return []
    found = []
    for cell in block.rows[0].cells:
        m = HEADER_TARGET.match(cell.text)
        if m is None:
            continue
        value = Decimal(m.group("a") or m.group("b"))
        if MIN_TARGET <= value <= 100 and not names_the_metric(m.group("name")):
            found.append(TargetFinding(m.group("name").strip(), value, cell.start, cell.end))
    return found if len(found) >= 2 else []


def _credit_table_column_targets(block: Block) -> list[TargetFinding]:
    """Environments or plans as columns of a credit table: the top tier's upper bound in
    each column ("<99.99%", "99.0% to < 99.9%") is that column's target."""
    from extractor.extract.fields.credits import parse_availability_range, service_label

    rows = block.rows
    first_data = next(
        (i for i, r in enumerate(rows) if any(re.search(r"\d", c) for c in r.texts)), None
    )
    if not first_data:
        return []
    names, data = rows[first_data - 1], rows[first_data]
    found = []
    for i, cell in enumerate(data.cells):
        if i >= len(names.cells) or TABLE_CREDIT_HEADER.search(names.cells[i].text):
            continue
        bounds = parse_availability_range(cell.text)
        if not bounds or bounds[1] is None or bounds[0] == bounds[1] or bounds[1] < MIN_TARGET:
            continue
        name = service_label(names.cells[i].text)
        if name:
            found.append(TargetFinding(name, bounds[1], names.cells[i].start, cell.end))
    return found if len(found) >= 2 else []


@field_family("uptime_targets", ("uptime_targets",), needs=("provider",))
def propose_targets(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    findings, warnings = extract_targets(doc, ctx.resolved.get("provider"))
    notes = tuple(issue("targets", "uptime_targets", w) for w in warnings)
    for i, t in enumerate(findings):
        item = UptimeTarget(service=t.service, percent=float(t.percent),
                            evidence=doc.evidence(t.start, t.end))
        role = ctx.role_at(t.start)
        # a record or a sales figure is not a commitment, however it is worded
        kept_role: Role = role if role in ("history", "marketing") else "commitment"
        yield Candidate("uptime_targets", item, (t.start, t.end), kept_role,
                        score=float(t.strength), issues=notes if i == 0 else (),
                        detail={"finding": t})
