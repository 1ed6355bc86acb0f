"""The provider: the party that gives the commitment.

Candidates are capitalised names found in provider roles, each role with a weight:
- title: "Acme Cloud Service Level Agreement", "Acme SLA" (first headings);
- parties: 'between Acme Inc. ("Acme") and', '("Acme", "us" or "we")';
- control: "beyond Acme's reasonable control", "Non-Acme build-packs";
- acting: "Acme will provide", "Acme commits", "Acme provides"; possessive: "Acme's platform";
- company form: "Acme Networks Ltd", "Acme, Inc."; copyright: "© 2025 Acme Networks Ltd";
- page meta: an HTML page's site name or title.
Names from template placeholders ({{site.data.keyword.X}}) only count when nothing
else names the provider: a template variable is not the published name.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from extractor.extract.candidates import Candidate
from extractor.extract.context import Context
from extractor.extract.document import Document
from extractor.extract.lexicon import GENERIC_WORDS, METRIC_WORDS
from extractor.extract.patterns import Gated
from extractor.extract.registry import field_family

NAME = r"(?P<name>[A-Z][\w&.+-]*[\w+](?:\s+[A-Z][\w&+-]*[\w+]){0,3})"
# each role behind the words it needs: most documents hold only a few of the roles
ROLES: list[tuple[Gated, float]] = [
    (
        Gated(
            re.compile(
                rf"(?:©|\b[Cc]opyright\b|"
                rf"\([Cc]\)(?=\s*\d{{4}}))\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s+)?{NAME}"
            ),
            ("©", "copyright", "(c)"),
        ),
        2.0,
    ),
    (
        Gated(
            re.compile(
                rf"{NAME},?\s+(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|PLC|S\.A|"
                rf"B\.V)\b\.?"
            ),
            ("inc", "llc", "ltd", "limited", "gmbh", "corp", "plc", "s.a", "b.v"),
        ),
        3.0,
    ),
    (Gated(re.compile(rf"\bbetween\s+{NAME}", re.UNICODE), ("between",)), 4.0),
    (
        Gated(
            re.compile(rf"\(\s*\"{NAME}\"\s*[,\"]?\s*(?:\"?us\"?|\"?we\"?)", re.UNICODE),
            ("(",),
            ('"',),
        ),
        4.0,
    ),
    (
        Gated(
            re.compile(rf"\b(?:beyond|outside(?: of)?)\s+{NAME}'s\s+(?:reasonable\s+)?control"),
            ("beyond", "outside"),
            ("control",),
        ),
        3.0,
    ),
    (Gated(re.compile(rf"\bNon-{NAME}"), ("non-",)), 2.0),
    (
        Gated(
            re.compile(
                rf"{NAME}(?:'s)?\s+(?:will|shall|provides?|commits?|guarantees?|offers?|"
                rf"warrants?|"
                r"uses|may|agrees|strives|aims|makes|tries|takes|does|fails)\b"
            ),
            (
                "will",
                "shall",
                "provide",
                "commit",
                "guarantee",
                "offer",
                "warrant",
                "uses",
                "may",
                "agrees",
                "strives",
                "aims",
                "makes",
                "tries",
                "takes",
                "does",
                "fails",
            ),
        ),
        1.0,
    ),
    (
        Gated(
            re.compile(
                rf"{NAME}'s\s+(?:uptime|services?|platform|fault|network|systems?|"
                rf"obligations?|"
                r"availability|infrastructure|servers?|support|team|engineers?|"
                r"verification|monitoring|data cent(?:er|re)s?|customers?)\b"
            ),
            ("'s",),
        ),
        1.0,
    ),
]
ROLE_ALIAS = re.compile(r"\(\s*(?:the\s+)?[\"“](?P<alias>[A-Z][a-z]+)[\"”]\s*\)")
COMPANY = re.compile(rf"{NAME},?\s+(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|PLC)\b")


def _aliased_company(text: str, at: int) -> str | None:
    """The company a defined role belongs to: the last company name before it in the
    same sentence."""
    before = text[max(0, at - 200):at]
    before = re.split(r"\n\s*\n|\.\s+(?=[A-Z])", before)[-1]
    names = list(COMPANY.finditer(before))
    return _clean(names[-1].group("name")) if names else None


TITLE = re.compile(rf"^{NAME}\s+(?:[\w-]+\s+){{0,3}}?(?:Service Level Agreement|SLA|Service Level|"
                   rf"Uptime)\b")
NOT_NAMES = {
    "the", "this", "these", "our", "we", "you", "your", "service", "services", "sla", "slas",
    "customer", "customers", "monthly", "credit", "credits", "service level", "service credit",
    "service credits", "uptime", "availability", "if", "in", "for", "each", "any", "all",
    "unless", "subject", "terms", "agreement", "it", "such", "provider", "company", "client",
    "section", "downtime", "support", "maintenance", "scheduled maintenance", "once", "when",
    "where", "please", "note", "except", "a", "an", "us", "they", "he", "she", "who",
    "target uptime percentage", "monthly uptime percentage", "actual uptime percentage",
    "partner", "partners", "supplier", "vendor", "reseller", "licensor", "licensee",
    "subscriber", "merchant", "organiser", "organizer", "operator", "end customers", "buyer",
    "level", "levels", "agreements", "service level agreement", "terms of service",
    # people and teams who act for the provider, not the provider
    "engineers", "engineer", "staff", "team", "technicians", "technician", "agents", "personnel",
    "administrators", "operators", "representatives", "specialists", "experts",
    "pricing", "privacy", "privacy policy", "home", "features", "plans", "faq", "contact", "about",
    "blog", "docs", "documentation", "legal", "login", "sign", "menu",
}
CORPORATE_SUFFIX = re.compile(r"\s+(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|S\.A|B\.V|AG|"
                              r"PLC)\.?$")


PAGE_WORDS = {"commitment", "commitments", "docs", "documentation", "guide", "policy", "help",
              "centre", "center", "overview", "page", "home", "legal", "reference"}


def _page_words(part: str) -> bool:
    """A title segment made only of words that name a page or a measure."""
    words = re.findall(r"[a-z]+", part.lower())
    return bool(words) and all(w in PAGE_WORDS or w in GENERIC_WORDS or w in METRIC_WORDS
                               or w in NOT_NAMES for w in words)


def _clean(name: str) -> str | None:
    name = CORPORATE_SUFFIX.sub("", name.strip(" .,'\""))
    name = re.sub(r"^(?:The|This|Our)\s+", "", name)
    name = re.sub(r"\s+(?:Service Level Agreement|SLA|Services?|Platform)$", "", name)
    if not name or name.lower() in NOT_NAMES or len(name) < 2:
        return None
    words = name.split()
    if all(w.lower() in NOT_NAMES or w.lower() in GENERIC_WORDS for w in words):
        return None
    return name


def extract_provider(doc: Document) -> tuple[str | None, tuple[int, int] | None]:
    placeholders = doc.meta.get("placeholders")
    placeholder_names = {str(v).lower() for v in placeholders.values()} if isinstance(
        placeholders, dict) else set()
    scores: dict[str, float] = defaultdict(float)
    spans: dict[str, tuple[int, int]] = {}
    first_seen: dict[str, int] = {}

    def add(raw: str, weight: float, start: int, end: int) -> None:
        name = _clean(raw)
        if not name:
            return
        if name.lower() in placeholder_names:
            weight *= 0.01
        scores[name] += weight
        spans.setdefault(name, (start, end))
        first_seen.setdefault(name, start)

    headings = [b for b in doc.blocks[:6] if b.kind == "heading" and len(b.text.split()) <= 10]
    for block in headings:
        m = TITLE.match(block.text)
        if m:
            add(m.group("name"), 3.0, block.start + m.start("name"), block.start + m.end("name"))
    # a role is read within one block (a name does not run on from a heading into the
    # next paragraph), and only in the blocks holding its words
    lowered = [block.text.lower() for block in doc.blocks]
    whole = doc.text.lower()
    for gated, weight in ROLES:
        if not gated.admits(whole):
            continue  # the role's words are nowhere in the document
        for block, low in zip(doc.blocks, lowered, strict=True):
            if not gated.admits(low):
                continue
            for m in gated.pattern.finditer(block.text):
                add(
                    m.group("name"),
                    weight,
                    block.start + m.start("name"),
                    block.start + m.end("name"),
                )
    # the domain of the SLA's own e-mail addresses and links: "support@quenbylabs.example"
    for name, (count, start, end) in _domain_names(doc).items():
        add(name, min(count, 3) * 0.5, start, end)
    front = doc.meta.get("front_matter")
    front_title = front.get("title") if isinstance(front, dict) else None
    for key, value in (("site_name", doc.meta.get("site_name")), ("title", doc.meta.get("title")),
                       ("title", front_title)):  # a Markdown page's YAML "title:"
        if isinstance(value, str):
            # "Pricing – Acme Forms", "Acme | Service Level Agreement": try each part
            for part in re.split(r"\s+[–—|·:-]\s+|\s*[|·]\s*", value):
                if _page_words(part):
                    continue  # "Uptime Commitment · Docs · Stalbridge": the page, then the site
                m = TITLE.match(part) or re.match(rf"^{NAME}", part)
                if m and _clean(m.group("name")):
                    add(m.group("name"), 2.0 if key == "site_name" else 1.0, 0, 0)
                    break
    # a role defined for a company: 'Dunmarsh Telecom Limited, a company registered ...
    # (the "Carrier")': what is said of the Carrier is said of the company
    for m in ROLE_ALIAS.finditer(doc.text):
        company, alias = _aliased_company(doc.text, m.start()), m.group("alias")
        if company and alias in scores and company in scores and not company.startswith(alias):
            scores[company] += scores.pop(alias)
    # merge "Acme" into "Acme Cloud" when both are found: the longer name is the brand
    for short in list(scores):
        for long in list(scores):
            if short != long and long.startswith(short + " ") and scores[long] > 0:
                scores[short] += scores[long] * 0.5
    if not scores:
        return None, None
    best = max(scores, key=lambda n: (scores[n], -first_seen[n]))
    if scores[best] < 1.0:
        return None, None
    span = spans[best]
    return best, (span if span != (0, 0) else None)


DOMAIN = re.compile(r"(?:@|://(?:www\.|[a-z0-9-]+\.)?)(?P<label>[a-z0-9][a-z0-9-]{2,30})\.[a-z]{2,}\b",
                    re.I)
# hosts of links an SLA cites, never its provider
COMMON_HOSTS = frozenset({"github", "google", "gmail", "outlook", "hotmail", "yahoo", "microsoft",
                          "amazonaws", "apple", "linkedin", "twitter", "facebook", "youtube",
                          "example", "status", "support", "help", "docs", "mail"})


def _domain_names(doc: Document) -> dict[str, tuple[int, int, int]]:
    """Names the text gives the labels of its own domains: "quenbylabs" -> "Quenby Labs"
    where the text writes it so, else the label with a capital."""
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, tuple[int, int]] = {}
    for m in DOMAIN.finditer(doc.text):
        label = m.group("label").lower()
        if label not in COMMON_HOSTS:
            counts[label] += 1
            first.setdefault(label, (m.start("label"), m.end("label")))
    names: dict[str, tuple[int, int, int]] = {}
    for label, count in counts.items():
        if count < 2:
            continue
        letters = r"\s?".join(re.escape(c) for c in label)
        spelled = re.search(r"(?<![\w@./-])(" + letters + r")(?![\w.-])", doc.text, re.I)
        text = spelled.group(1) if spelled else ""
        written = text if any(ch.isupper() for ch in text) else None
        names[written or label[:1].upper() + label[1:]] = (count, *first[label])
    return names


@field_family("provider", ("provider",))
def propose_provider(ctx: Context) -> Iterator[Candidate]:
    name, span = extract_provider(ctx.doc)
    if name is None:
        return
    if span is None or span == (0, 0):  # read from the page's metadata, not its text
        yield Candidate("provider", name, None, "front_matter", quote=f"page metadata: {name}")
    else:
        yield Candidate("provider", name, span, "front_matter")
