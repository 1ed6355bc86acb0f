"""Short terms: maintenance notice, sole remedy and measurement period.

Maintenance notice, one example each: "at least 48 hours prior notice", "announced
48+ hours in advance", "five (5) business days' notice", "notify you seven (7) days
before", in the sentence after the one naming the maintenance ("We upgrade brokers. We
tell you 72 hours before it starts.") or in a table row. Days count 24 hours each;
business days keep their kind.

Sole remedy (spaCy Matcher on lower-cased tokens): "sole and exclusive remedy",
"exclusive remedy", "only remedy", "only way to resolve", "sole and exclusive recourse",
"all the compensation", "waive any other claims", "our sole liability"; negated by "not
... sole remedy", "in addition to any other remedies", "without prejudice to"; false
alone: "do not limit any other rights or remedies", "Nothing ... limits any other remedy".

Measurement period: "calendar month" -> calendar_month, "billing cycle/month/period",
"invoice period" -> billing_cycle, "calendar quarter", "quarterly" -> calendar_quarter,
"monthly"/"month" -> month, "calendar year", "annually" -> year.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.matcher import Matcher

from extractor.extract.candidates import Candidate, issue
from extractor.extract.context import Context
from extractor.extract.document import Document
from extractor.extract.fields.common import durations, nlp, sentences, split_sentences
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family

MAINTENANCE = re.compile(r"\b(?:maintenance|scheduled (?:downtime|outage|work)|"
                         r"planned (?:\w+\s+)?(?:downtime|outages?|works?)|engineering works?|"
                         r"upgrades?)\b", re.I)
NOTICE = Gated(re.compile(r"\b(?:notice|notif\w*|announce\w*|advance|prior|beforehand|before|ahead|"
                          r"inform\w*|"
                          r"publish\w*|warn\w*)\b", re.I),
               ("notice", "notif", "announce", "advance", "prior", "before", "ahead", "inform",
                "publish", "warn"))

SOLE_REMEDY_PATTERNS = [
    [{"LOWER": {"IN": ["sole", "exclusive", "only"]}},
     {"LOWER": {"IN": ["and", "or"]}, "OP": "?"},
     {"LOWER": {"IN": ["exclusive", "sole", "only"]}, "OP": "?"},
     # "sole financial remedy", "exclusive monetary remedy"
     {"LOWER": {"IN": ["financial", "monetary", "contractual", "legal"]}, "OP": "?"},
     {"LOWER": {"IN": ["remedy", "remedies", "recourse", "compensation"]}}],
    [{"LOWER": "only"}, {"LOWER": "way"}, {"LOWER": "to"},
     {"LOWER": {"IN": ["resolve", "remedy", "address", "recover"]}}],
    # "the credits are all the compensation we will give", "the only compensation you can claim"
    [{"LOWER": {"IN": ["all", "only", "entire"]}}, {"LOWER": "the", "OP": "?"},
     {"LOWER": {"IN": ["compensation", "recourse", "remedy"]}}],
    [{"LOWER": "waive"}, {"LOWER": {"IN": ["any", "all"]}}, {"LOWER": "other"},
     {"LOWER": {"IN": ["claim", "claims", "remedy", "remedies", "rights"]}}],
    [{"LOWER": {"IN": ["sole", "exclusive", "only"]}}, {"LOWER": "and", "OP": "?"},
     {"LOWER": {"IN": ["exclusive", "sole", "entire"]}, "OP": "?"},
     {"LOWER": {"IN": ["liability", "obligation"]}}],
]
# credits stated as one remedy among others: "do not limit any other rights or remedies"
NON_EXCLUSIVE = re.compile(
    r"\bnothing\b[^.]{0,40}\b(?:limits?|restricts?|excludes?|affects?|"
    r"replaces?)\b[^.]{0,40}\b(?:right|remed)|"
    r"\bnot\b[^.;:]{0,30}?\b(?:limit|restrict|exclude|affect|replace|waive|reduce|"
    r"prejudice)\w*(?:,?\s+(?:or\s+)?\w+)*"
    r"?[^.;]{0,40}?\b(?:right|remed)|\bnot the (?:only|sole|exclusive) (?:thing|remedy|recourse)|"
    r"\b(?:do|does|shall|will|may) not (?:limit|restrict|exclude|affect|replace) (?:any |"
    r"the )?(?:of )?(?:your |the )?"
    r"(?:other )?(?:rights?,? (?:or|and) )?remed|\bin addition to (?:any |"
    r"all )?(?:other )?(?:rights (?:and|or) )?remed|"
    r"\bwithout prejudice to (?:any |your )?(?:other )?(?:rights|remed)|\bnon-exclusive remed",
    re.I,
)
NEGATED = re.compile(
    r"\b(?:not\s+(?:(?:the|your|a|an)\s+)?(?:[\w-]+'s\s+)?(?:sole|exclusive|only)|"
    r"in addition to (?:any )?(?:other|all)|"
    r"without (?:prejudice|limiting)[^.]{0,30}remed|does not limit|do not limit|"
    r"are not (?:your|the) (?:sole|exclusive))", re.I)


@lru_cache(maxsize=1)
def _remedy_matcher() -> Matcher:
    matcher = Matcher(nlp().vocab, validate=True)
    matcher.add("SOLE_REMEDY", SOLE_REMEDY_PATTERNS)  # type: ignore[arg-type]  # spaCy's stub wants dicts only
    return matcher


# what happened, not the rule: "In 2025 we posted 11 maintenance notices, most of them
# around 48 hours before the work"
NOTICE_RECORD = re.compile(r"\b(?:in (?:19|20)\d\d\b|last (?:year|quarter|month)\b|historically\b|"
                           r"we (?:posted|sent|gave|published|issued)\b|most of them\b)", re.I)


def extract_maintenance_notice(
    doc: Document,
) -> tuple[int | None, str | None, tuple[int, int] | None]:
    table_rows = [r for b in doc.tables() for r in split_sentences(b)]
    for s in [*sentences(doc, ("paragraph", "list_item", "heading")), *table_rows]:
        # "We keep such work to weekends. We tell you 72 hours before it starts.": the
        # paragraph names the maintenance, the sentence the notice
        if not s.names_a_unit or not (
            NOTICE.search(s.text)
            and (MAINTENANCE.search(s.text) or MAINTENANCE.search(s.block.text))
        ) or NOTICE_RECORD.search(s.text):
            continue
        for d in durations(s.text):
            after = s.text[d.end:d.end + 40].lower()
            before = s.text[max(0, d.start - 40):d.start].lower()
            if not (
                re.search(
                    r"^\W*(?:'s\s+|s'\s+)?(?:prior|advance|in advance|notice|before|"
                    r"ahead|beforehand|of notice|"
                    r"or more|\+)",
                    after,
                )
                or re.search(r"(?:at least|minimum of|no less than|not less than)\s*$", before)
            ):
                continue
            if d.unit == "minute":
                continue
            return int(d.hours), "business" if d.business else "calendar", (s.start, s.end)
    return None, None, None


def extract_sole_remedy(doc: Document) -> tuple[bool | None, tuple[int, int] | None]:
    matcher = _remedy_matcher()
    tokenizer = nlp()
    for s in sentences(doc, ("paragraph", "list_item")):
        lowered = s.lower
        if s.text.rstrip().endswith("?"):
            continue  # "Are credits my only remedy?" asks; the answer says
        if not s.has_any("sole", "exclusive", "only", "all the", "entire", "waive"):
            continue
        if not re.search(r"\b(?:sole|exclusive|only|all the|entire|waive)\b", lowered):
            continue
        if not re.search(r"remed|recourse|way to resolve|liabilit|compensation|waive", lowered):
            continue
        if matcher(tokenizer.make_doc(s.text)):
            return (not NEGATED.search(s.text)), (s.start, s.end)
    for s in sentences(doc, ("paragraph", "list_item")):
        # "Q: Are credits my only remedy?" / "A: No. ... they do not replace any other rights"
        if ("remed" in s.lower or "remed" in s.heading.lower()) and NON_EXCLUSIVE.search(s.text):
            return False, (s.start, s.end)
    return None, None


PERIODS = [
    ("calendar_quarter", re.compile(r"\bcalendar quarter|\bquarterly\b", re.I)),
    ("calendar_month", re.compile(r"\bcalendar month", re.I)),
    ("billing_cycle", re.compile(r"\bbilling (?:cycle|month|period)|\binvoice period", re.I)),
    ("month", re.compile(r"\bmonthly\b|\bmonth\b|\bcontracted month", re.I)),
    ("year", re.compile(r"\bcalendar year|\bannual(?:ly)?\b", re.I)),
]
PERIOD_CONTEXT = re.compile(r"\b(?:uptime|availability|available|downtime|unavailab|measured|"
                            r"calculated|"
                            r"percentage)\b", re.I)


def extract_measurement_period(doc: Document) -> tuple[str | None, tuple[int, int] | None]:
    candidates = [(s.text, s.start, s.end) for s in sentences(doc)
                  if s.has_any("month", "cycle", "quarter", "year", "annual", "period")
                  and PERIOD_CONTEXT.search(s.text)]
    candidates += [(" ".join(b.rows[0].texts), b.start, b.end) for b in doc.tables()
                   if b.rows and PERIOD_CONTEXT.search(" ".join(b.rows[0].texts))]
    for name, pattern in PERIODS:  # the most specific period named anywhere wins
        for text, start, end in candidates:
            if pattern.search(text):
                return name, (start, end)
    return None, None


@field_family("maintenance_notice", ("maintenance_notice_hours", "maintenance_notice_day_kind"))
def propose_maintenance_notice(ctx: Context) -> Iterator[Candidate]:
    hours, kind, span = extract_maintenance_notice(ctx.doc)
    if hours is None:
        return
    notes = (issue("business_days", "maintenance_notice_hours", "the maintenance notice is in "
                   "business days; counted as 24 hours each"),) if kind == "business" else ()
    yield Candidate("maintenance_notice_hours", hours, span, "commitment", issues=notes)
    yield Candidate("maintenance_notice_day_kind", kind, span, "commitment")


@field_family("sole_remedy", ("sole_remedy",))
def propose_sole_remedy(ctx: Context) -> Iterator[Candidate]:
    value, span = extract_sole_remedy(ctx.doc)
    if value is not None:
        yield Candidate("sole_remedy", value, span, "remedy")


@field_family("measurement_period", ("measurement_period",))
def propose_measurement_period(ctx: Context) -> Iterator[Candidate]:
    value, span = extract_measurement_period(ctx.doc)
    if value is not None:
        yield Candidate("measurement_period", value, span, "definition")
