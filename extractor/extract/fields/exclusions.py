"""Exclusions: what downtime the SLA does not count, in the contract's categories.

Where exclusions are read, one example each:
- a section headed "Exclusions", "SLA Exclusions", "Limitations", "What is not covered":
  its list items, and those of its sentences that name a category;
- when there is no such section, clauses introduced by an exclusion cue: a list after
  '"Downtime" ... excluding:', "does not apply to any Unavailability:", "No credits are
  given for ... because of:", or the inline clauses of '"Excused Downtime" means any
  unavailability that: (i) ... (ii) ... caused by (A) ... (B) ...'.
A parenthetical "(excluding free trials)" scopes a definition; it is not an exclusion.

Each clause gets every category it names (one clause can be customer-caused and
third-party); a listed clause that names none is ``other``. Categories, one example each:
scheduled_maintenance "announced maintenance windows"; suspension "suspension of your
account for non-payment"; beta_or_free "features labelled beta, free tier accounts";
attack "denial-of-service attacks"; usage_limits "traffic above your plan's quota";
force_majeure "events beyond our reasonable control"; third_party "outages of internet
service providers or carriers"; customer_caused "your equipment or configuration" (the
customer only named, "traffic between Customer sites", is not a cause).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.extract.candidates import Candidate
from extractor.extract.context import Context
from extractor.extract.document import Block, Document
from extractor.extract.fields.common import (
    heading_paths,
    section_blocks,
    sentences,
    split_sentences,
)
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family
from schemas import Exclusion

SECTION = re.compile(
    r"\b(?:exclusions?|exceptions?|limitations?|not covered|excluded|excused|does not apply|"
    r"(?:isn't|aren't|is not|are not)\s+(?:\w+\s+)?covered|"
    r"do not apply|doesn't apply|don't apply|does not cover|do not cover|doesn't cover|"
    r"don't cover)\b|"
    r"(?:\bnot|n't|\bnever)\s+(?:be\s+)?count(?:ed|s)?\b", re.I)
# a section of exclusions, but not "Limitation of liability"
EXCLUSION_HEADING = re.compile(r"^(?!.*\bliabilit)(?:.*?)(?:" + SECTION.pattern + ")", re.I)
INTRO = re.compile(
    r"\b(?:exclud(?:e|es|ing)|does not (?:apply|include|cover)|do not (?:apply|include|cover)|"
    r"(?:doesn't|don't) (?:apply|include|cover)|"
    r"shall not (?:apply|include)|will not (?:apply|include)|not (?:count|be counted|"
    r"be considered)|"
    r"no (?:service )?credits? (?:are|will be|shall be) (?:given|issued|granted|owed|due)|"
    r"(?:excused|excluded) (?:downtime|unavailability|events?)|exempt|not (?:be )?eligible|"
    r"does not count|never (?:include|count)s?|leaves? out|disregard\w*|not (?:be )?(?:included|"
    r"treated as))\b", re.I)
INLINE_MARK = re.compile(r"\((?:[ivx]{1,4}|[A-Za-z]|\d{1,2})\)\s*")

_CATEGORY_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("scheduled_maintenance", re.compile(
        r"\bmaintenances?\b|\bscheduled (?:interruptions?|downtime|outages?|work|upgrades?)|"
        r"\bannounced (?:work|windows?|downtime|outages?|upgrades?)|\bmaintenance windows?|"
        r"\bplanned (?:[\w-]+\s+)?works?\b|\bengineering works?\b|"
        r"\bplanned (?:downtime|outages?|work|upgrades?|interruptions?)|\bupgrade windows?", re.I)),
    ("suspension", re.compile(
        r"\bsuspen(?:d|ds|ded|sion)\b|\bterminat\w*\s+(?:of\s+)?(?:your|the customer'?s?|"
        r"customer'?s?)\s+"
        r"(?:account|right|access|subscription|use)|\bremedial action|\b(?:account|access) (?:is |"
        r"was |has been )?"
        r"(?:suspended|terminated|blocked|disabled)", re.I)),
    ("beta_or_free", re.compile(
        r"\b(?:alpha|beta|preview|experimental|deprecated|trials?|evaluation|early[- ]access|"
        r"no[- ]charge|free\s+(?:[\w-]+\s+){0,2}?(?:of charge|tiers?|plans?|accounts?|services?|"
        r"versions?|editions?|"
        r"offerings?|workspaces?|projects?|usage|users?)|"
        r"without charge|pre-?release|general availability|not generally available)\b", re.I)),
    ("attack", re.compile(
        r"\b(?:denial[- ]of[- ]service|d?dos\b|attacks?|hostile|malicious|hack\w*|viruses|malware|"
        r"ransomware|intrusions?|botnets?)\b", re.I)),
    ("usage_limits", re.compile(
        r"\b(?:rate[- ]limit\w*|quotas?|throttl\w*|overuse|over-use|over-?consumption|"
        r"provisioned (?:limits?|capacity)|exceed\w*\s+(?:[\w'-]+\s+){0,4}?"
        r"(?:limits?|quotas?|capacity|allocation|allowance|thresholds?)|usage limits?|"
        r"(?:limits?|quotas?) (?:were |are |is )?exceeded|exceeded (?:\w+ )?limits?|rate-limiting|"
        r"\bexceed\w*\s+(?:your\s+|the\s+)?(?:contracted|committed|agreed|purchased|provisioned|"
        r"subscribed|"
        r"licensed)\b|\bper second\b|\bexhaust\w*\b|\bused up\b|\bhit (?:its|the|your|"
        r"their) (?:[\w-]+\s+){0,2}"
        r"(?:limits?|quotas?|caps?)\b|\bexceed\w*\s+(?:the\s+|your\s+)?(?:maximum|max|allowed|"
        r"allocated|"
        r"provisioned)\b|\brun(?:s|ning)? out of\b|"
        r"\b(?:gone|go|goes|going) over\b|\boverload\w*|\bexceed\w*\s+(?:the\s+|their\s+|its\s+|"
        r"your\s+)?"
        r"(?:system\s+|server\s+|service\s+)?(?:load|resource\s+usage|resources?)\b|\b(?:larger|"
        r"more|greater|higher|bigger) than (?:[\w'-]+\s+){0,4}?"
        r"(?:limits?|quotas?|allowance|allocation|capacity)\b|\blimits? (?:of|in|included in|"
        r"for) your "
        r"(?:plan|edition|subscription|tier|package|account)|\b(?:above|beyond|"
        r"over) (?:[\w'-]+\s+){0,5}?"
        r"(?:limits?|bandwidth|capacity|quotas?|allowance|entitlement))", re.I)),
    ("force_majeure", re.compile(
        r"\bforce majeure|\b(?:beyond|"
        r"outside(?: of)?)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?[\w-]+'s\s+|our\s+|its\s+|their\s+)?"
        r"reasonable control|\b(?:beyond|outside(?: of)?)\s+the\s+(?:reasonable\s+)?control\s+of\b|"
        r"\bacts? of (?:god|nature|war|terror\w*|government)|\bnatural disasters?|"
        r"\b(?:pandemic|epidemic|earthquakes?|floods?|riots?|civil unrest|labou?r (?:disputes?|"
        r"strikes?))\b",
        re.I)),
    ("third_party", re.compile(
        r"\bthird[- ]part(?:y|ies)|\bnot (?:provided|controlled|owned|operated|"
        r"managed) (?:\w+ )?(?:and|or|by) |"
        r"\bnot within (?:our|the provider's) (?:direct )?control|\b(?:internet|network|telecom\w*|"
        r"hosting|"
        r"cloud|upstream|infrastructure) (?:service )?providers?\b|\bcarriers?\b|\bintermediary|"
        r"\bexternal (?:networks?|services?|systems?|dns)|\bpublic internet|"
        r"(?-i:\b[Nn]on-[A-Z][\w]*)|\bcommunity[- ]provided|"
        r"\bvendors?\b|\bsuppliers?\b(?! of ours)|\boutside (?:of )?(?:our|[\w-]+'s) (?:network|"
        r"data cent)|"
        r"\boperated by (?:others|third|other)|\bresolvers?\b|\bcloud networks?\b|"
        r"\bpayment processors?\b|\bISPs?\b|\bregistrars?\b|\bregistr(?:y|ies)\b|\bbanks?\b|"
        r"\bfinancial institutions|\bcard schemes|\bpayment (?:method )?providers|"
        r"\bpublic networks?|"
        r"\b(?:does not|doesn't|do not|don't) (?:control|operate|own|manage)|"
        r"\b(?:hosted|operated|run|provided|supplied|owned|managed) by (?:another|other|a third|"
        r"third|an external)|"
        r"(?-i:(?:\b[A-Z][\w&]*\s+){1,4}\([A-Z]{2,6}\)\s+(?:outages?|downtime|failures?|"
        r"incidents?))", re.I)),
    ("customer_caused", re.compile(
        r"\b(?:you|your|customers?|customer'?s|clients?|client'?s|users?'s?|end[- ]users?|licensee|"
        r"subscribers?|subscriber'?s|merchants?|merchant'?s)\b|"
        r"\bunsupported\b|\bmisuse|\babuse|\bnegligen\w*|\bunauthori[sz]ed (?:use|access|changes?)|"
        r"\bsecurity testing|\bpenetration test", re.I)),
]
MAINTENANCE_HEADING = re.compile(r"\b(?:maintenance|planned work|scheduled work|upgrades?)\b", re.I)
CUSTOMER = (
    r"(?:you|customers?|subscribers?|clients?|users?|merchants?|licensees?|organi[sz]ations?)"
)
CUSTOMER_AS_CAUSE = re.compile(
    rf"\b(?:you|your|customers?|customer'?s|clients?|client'?s|subscribers?|subscriber'?s|"
    rf"merchant'?s?)\b"
    r"[^.;]{0,60}\b(?:actions?|act|acts|inactions?|omissions?|equipment|software|configurations?|"
    r"errors?|"
    r"failures?|systems?|networks?|content|use|usage|misuse|abuse|negligence|infrastructure|"
    r"applications?|"
    r"code|request|fault|technology|administration|breach|hardware|exceed\w*|endpoints?|images?|"
    r"instructions|settings|changes?|devices?|firmware|agents?|scripts?|credentials|data|cabling|"
    r"power|"
    r"integrations?|plugins?|themes?|dns|domains?|queries|traffic|services|"
    r"telecommunications|internet|connections?|premises|workloads?|webhooks?|polic(?:y|ies)|"
    r"resources|"
    r"deployments?|containers?|pods?|firewalls?|browsers?|websites?)\b"
    r"|\bfail(?:ure|ing)? to (?:follow|comply|adhere|observe)\b"
    rf"|\b(?:acts?|omissions?|actions?|inactions?|errors?|negligence|equipment|systems?|failures?|"
    rf"breach)"
    rf"\s+(?:(?:or|and)\s+\w+\s+)?(?:of|by)\s+(?:the\s+)?{CUSTOMER}\b"
    rf"|\b(?:caused|triggered|initiated|carried out|made|performed|done|installed|changed|"
    rf"configured)\s+by\s+"
    rf"(?:the\s+)?{CUSTOMER}\b|\byou(?:r own|rself|\s+(?:broke|changed|made|installed|chose|caused|"
    rf"configured|"
    r"deployed|uploaded|deleted|modified|set|wrote|ran|enabled|disabled))\b"
    r"|\b(?:customer|client)[- ](?:caused|triggered|initiated|side)|\bunsupported|\bmisuse|\babuse|"
    r"\bsecurity testing|\bpenetration test", re.I)
NO_MAINTENANCE = re.compile(
    # the provider schedules none; not "does not cover scheduled maintenance", which
    # excludes it
    r"(?:\b(?:do|does|did|will|would|shall)\s+not|n't|\bnever)\s+(?:(?:usually|normally|"
    r"generally|ever|routinely|need to|have to)\s+)?"
    r"(?:schedule|perform|plan|need|carry out)\w*\s+(?:any\s+)?"
    r"maintenance|\bno (?:planned |scheduled )?maintenance", re.I)
BEYOND_CONTROL = re.compile(
    r"\b(?:beyond|outside(?: of)?)\s+(?:(?:[\w-]+\s+){0,3}?[\w-]+'s\s+|our\s+|its\s+)?control", re.I
)


# Words without which a category's pattern cannot match: checked first, because most
# clauses name one or two categories and the patterns are long.
CATEGORY_HINTS: dict[str, tuple[str, ...]] = {
    "scheduled_maintenance": ("mainten", "schedul", "planned", "announced", "upgrade"),
    "suspension": ("suspen", "terminat", "remedial", "blocked", "disabled"),
    "beta_or_free": (
        "alpha",
        "beta",
        "preview",
        "experimental",
        "deprecat",
        "trial",
        "evaluation",
        "early",
        "charge",
        "free",
        "release",
        "general availab",
    ),
    "attack": (
        "denial",
        "dos",
        "attack",
        "hostile",
        "malicious",
        "hack",
        "virus",
        "malware",
        "ransom",
        "intrusion",
        "botnet",
    ),
    "usage_limits": (
        "limit",
        "quota",
        "exhaust",
        "used up",
        "throttl",
        "overuse",
        "over-use",
        "consumption",
        "provisioned",
        "exceed",
        "capacity",
        "allowance",
        "per second",
        "gone over",
        "go over",
        "goes over",
        "going over",
        "run out",
        "runs out",
        "running out",
        "bandwidth",
        "entitlement",
        "allocation",
        "overload",
    ),
    "customer_caused": (
        "you",
        "customer",
        "client",
        "user",
        "licensee",
        "subscriber",
        "merchant",
        "unsupported",
        "misuse",
        "abuse",
        "negligen",
        "unauthori",
        "security test",
        "penetration",
    ),
    "third_party": (
        "third",
        "not",
        "n't",
        "provider",
        "carrier",
        "intermediar",
        "external",
        "public",
        "non-",
        "communit",
        "vendor",
        "supplier",
        "outside",
        "operated by",
        "resolver",
        "cloud network",
        "processor",
        "isp",
        "registr",
        "bank",
        "financial",
        "card scheme",
        "other",
        "outage",
        "downtime",
        "failure",
        "incident",
    ),
    "force_majeure": (
        "force majeure",
        "control",
        "act of",
        "acts of",
        "disaster",
        "pandemic",
        "epidemic",
        "earthquake",
        "flood",
        "riot",
        "unrest",
        "dispute",
        "strike",
    ),
}


# each category's pattern behind its hint words
CATEGORY_CUES: list[tuple[str, Gated]] = [
    (name, Gated(pattern, CATEGORY_HINTS[name])) for name, pattern in _CATEGORY_PATTERNS]


@dataclass(frozen=True)
class ExclusionFinding:
    category: str
    text: str
    start: int
    end: int


def categorize(clause: str, listed: bool) -> list[str]:
    """Every category a clause names; ``other`` for a listed clause that names none."""
    lowered = clause.lower()
    found = [name for name, cue in CATEGORY_CUES if cue.search(clause, 0, lowered)]
    if "force_majeure" in found:
        # "factors outside our reasonable control (e.g. ... at your site)": the examples
        # illustrate force majeure, they do not make the customer the cause
        found = [c for c in found if c != "customer_caused"]
    if "customer_caused" in found and not CUSTOMER_AS_CAUSE.search(clause):
        # "suspension of your account", "traffic between Customer sites": named, not the cause
        found.remove("customer_caused")
    if "scheduled_maintenance" in found and NO_MAINTENANCE.search(clause):
        found.remove("scheduled_maintenance")  # "we do not schedule maintenance that ..."
    if BEYOND_CONTROL.search(clause):
        # "beyond our control" without "reasonable": things the provider does not run are
        # third parties; events are force majeure
        if re.search(r"\b(?:networks?|hardware|software|systems?|services?|providers?|equipment|"
                     r"infrastructure|connections?|institutions?)\b", clause, re.I):
            if "third_party" not in found:
                found.append("third_party")
        elif not found:
            found = ["force_majeure"]
    if not found and listed:
        found = ["other"]
    return found


def _inline_clauses(block: Block, text_start: int) -> list[tuple[str, int, int]]:
    """Clauses of "(i) ... (ii) ..." or "(A) ... (B) ..." after an exclusion cue."""
    text = block.text
    marks = list(INLINE_MARK.finditer(text, text_start))
    clauses = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end():end].strip(" ;,.")
        body = re.sub(r"\b(?:or|and)$", "", body).strip(" ;,")
        if body and not body.endswith(":"):  # "(ii) is caused by:" only leads in
            clauses.append((body, block.start + m.end(), block.start + end))
    return clauses


def extract_exclusions(doc: Document) -> list[ExclusionFinding]:
    findings: list[ExclusionFinding] = []
    section = _section_blocks(doc)
    if section:
        for block in section:
            if block.kind == "list_item":
                findings += _clause(block.text, block.start, block.end, listed=True)
            elif block.kind == "table":
                for index, row in enumerate(block.rows):
                    if index == 0 and _is_header(row.texts):
                        continue  # "Excluded event | Examples": column names, not a clause
                    row_text = " ".join(row.texts)
                    findings += _clause(
                        row_text, row.cells[0].start, row.cells[-1].end, listed=True
                    )
            else:
                for s in split_sentences(block):
                    # a sentence that excludes something unnamed is still an exclusion
                    says_excluded = bool(
                        _intro_cue(s.text) is not None or NOT_COUNTED.search(s.text)
                    )
                    # "the events below are not counted": a lead-in, not a clause of its own
                    lead_in = s.text.rstrip().endswith(":") or bool(LEAD_IN.search(s.text))
                    findings += _clause(
                        s.text, s.start, s.end, listed=says_excluded and not lead_in
                    )
        skip = {b.start for b in section}
        return _dedupe(findings + _introduced_lists(doc, skip) + _not_counted_sentences(doc, skip))
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            continue
        for s in split_sentences(block):
            cue = _intro_cue(s.text)
            if cue is None:
                continue
            if s.text.rstrip().endswith(":") and s.end == block.end:
                j = i + 1
                while j < len(blocks) and blocks[j].kind == "list_item":
                    findings += _clause(blocks[j].text, blocks[j].start, blocks[j].end, listed=True)
                    j += 1
            inline = _inline_clauses(block, s.start - block.start + cue)
            if inline:
                for body, start, end in inline:
                    findings += _clause(body, start, end, listed=True)
            else:
                rest = s.text[cue:]
                findings += _clause(rest, s.start + cue, s.end, listed=False)
    return _dedupe(findings + _not_counted_sentences(doc, set()))


LEAD_IN = re.compile(r"\b(?:below|following|listed|as follows|this section|these events)\b", re.I)
NOT_COUNTED = re.compile(
    r"\b(?:is|are|were|be|being)\s+(?:not|never)\s+(?:counted|treated|considered|regarded|"
    r"included)\b|"
    r"\b(?:is|are)\s+not\s+(?:experiencing\s+|suffering\s+)?(?:downtime|unavailab\w*|an outage|"
    r"down)\b|"
    r"\b(?:does|do)\s+not\s+count\b|\b(?:don't|doesn't|won't)\s+count\b|"
    r"\bnot\s+(?:count(?:ed)?\s+)?(?:as|towards?|against)\s+"
    r"(?:downtime|unavailab|down\b|the commitment)|\bexcluded from (?:the )?(?:calculation|"
    r"downtime|"
    r"availability|uptime)|\bleave out\b|\bleaves out\b|\bleft out of\b|"
    # what the measure leaves out: "Downtime does not include ...", "the SLA does not cover ..."
    r"\b(?:downtime|unavailab\w*|availability|uptime|SLA|service level\w*|outages?)\b[^.;]{0,40}?"
    r"\b(?:(?:does|do|shall|will)\s+not|doesn't|don't)\s+(?:include|cover)\b|"
    r"\b(?:makes?|gives?|offers?)\s+no\s+(?:guarantee|commitment|warranty|promise)\b", re.I)


def _not_counted_sentences(doc: Document, skip: set[int]) -> list[ExclusionFinding]:
    """"Announced maintenance is not counted as downtime", wherever it is said."""
    findings: list[ExclusionFinding] = []
    headings = heading_paths(doc)
    for s in sentences(doc, ("paragraph", "list_item")):
        if s.block.start in skip or not s.has_any("not", "n't", "never", "exclud", "leave", "left "
                                                                                            "out",
                                                   "no guarantee", "no commitment", "no warranty",
                                                   "no promise") \
                or not NOT_COUNTED.search(s.text):
            continue
        found = _clause(s.text, s.start, s.end, listed=False)
        if not found and MAINTENANCE_HEADING.search(headings.get(s.block.start, "")):
            # "Time inside an announced window is not counted" under "Maintenance"
            found = [ExclusionFinding("scheduled_maintenance", s.text, s.start, s.end)]
        findings += found
    return findings


def _introduced_lists(doc: Document, skip: set[int]) -> list[ExclusionFinding]:
    """Lists led in by an exclusion cue ("Downtime does not include:") outside the section."""
    findings: list[ExclusionFinding] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if (
            block.start in skip
            or block.kind != "paragraph"
            or not block.text.rstrip().endswith(":")
        ):
            continue
        if _intro_cue(split_sentences(block)[-1].text) is None:
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "list_item":
            findings += _clause(blocks[j].text, blocks[j].start, blocks[j].end, listed=True)
            j += 1
    return findings


def _is_header(cells: list[str]) -> bool:
    return all(len(c.split()) <= 4 for c in cells) and not any(
        cue.search(" ".join(cells)) for _, cue in CATEGORY_CUES)


def _intro_cue(sentence: str) -> int | None:
    """Where the exclusion cue of a sentence ends, ignoring cues inside parentheses."""
    depth_free = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), sentence)
    m = INTRO.search(depth_free)
    return m.start() if m else None


def _section_blocks(doc: Document) -> list[Block]:
    return section_blocks(doc, EXCLUSION_HEADING)


PROSE_BREAK = re.compile(r";\s*|,\s+(?:or\s+|and\s+)?(?=(?:from|by|because|due to|caused by|when|"
                         r"where|if)\b)",
                         re.I)


def _clause(text: str, start: int, end: int, listed: bool) -> list[ExclusionFinding]:
    """Categories of one clause; a prose sentence listing several causes ("from your
    devices, from carriers, ..., or from events beyond our reasonable control") is
    read one cause at a time."""
    pieces = [p for p in PROSE_BREAK.split(text) if p and p.strip()]
    if len(pieces) > 1:
        categories: list[str] = []
        for piece in pieces:
            categories += [c for c in categorize(piece, listed=False) if c not in categories]
        if not categories and listed:
            categories = ["other"]
    else:
        categories = categorize(text, listed)
    return [ExclusionFinding(c, text, start, end) for c in categories]


def _dedupe(findings: list[ExclusionFinding]) -> list[ExclusionFinding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.category, f.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


@field_family("exclusions", ("exclusions",))
def propose_exclusions(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    for e in extract_exclusions(doc):
        item = Exclusion(category=e.category, text=e.text,
                         evidence=doc.evidence(e.start, e.end))
        yield Candidate("exclusions", item, (e.start, e.end), "exclusion_list")
