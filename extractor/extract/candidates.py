"""Candidates: what a field family proposes for a value, before the resolver chooses.

A field family never decides alone. It yields every reading it finds, each with the
role of the passage it came from and a score; the resolver weighs them against each
other and against other fields (see ``resolver.py``).

Roles say what a passage does in the SLA. A commitment beats a definition, which beats
an unclassified mention; examples, history, marketing and notices of SLA changes are
kept as candidates (so the resolver can say why it passed them over) but weigh little.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal[
    "commitment",  # "we will make the service available 99.9% of the time"
    "definition",  # '"Monthly Uptime Percentage" means ...'
    "credit_table",  # a table of availability or hours bands and credits
    "credit_clause",  # a credit stated in prose
    "claim_procedure",  # how and by when a credit is requested
    "exclusion_list",  # what does not count as downtime
    "front_matter",  # title, parties, metadata, copyright line
    "remedy",  # sole remedy, termination rights, how credits are paid
    "example",  # a worked example
    "history",  # records and status figures: "our uptime last year was 99.998%"
    "marketing",  # "save 20%", "an industry leading platform"
    "change_notice",  # "we will give 60 days' notice of changes to this SLA"
    "other",
]

# How much a passage's role counts toward a candidate's weight.
ROLE_WEIGHT: dict[str, float] = {
    "commitment": 1.0,
    "credit_table": 1.0,
    "credit_clause": 1.0,
    "claim_procedure": 1.0,
    "exclusion_list": 1.0,
    "remedy": 1.0,
    "front_matter": 1.0,
    "definition": 0.9,
    "other": 0.6,
    "change_notice": 0.1,
    "example": 0.05,
    "history": 0.05,
    "marketing": 0.05,
}
WEAK_ROLES = frozenset({"example", "history", "marketing", "change_notice"})


@dataclass(frozen=True)
class Issue:
    """A typed warning: what was ambiguous, conflicting or missing, and where."""

    code: str  # e.g. "conflict", "gap_in_tiers", "not_an_sla", "incomputable_credit"
    path: str  # the value it concerns ("claim.deadline_days"), "" for the whole document
    message: str


@dataclass(frozen=True)
class Candidate:
    """One reading of one value.

    ``path`` is the extraction's dotted path ("credit_cap_percent", "claim.deadline_days")
    or a list's name ("uptime_targets"), whose candidates each propose one item.
    ``span`` is the evidence in the document text; ``quote`` stands in for it when the
    value came from outside the text (front matter, page metadata).
    """

    path: str
    value: Any
    span: tuple[int, int] | None = None
    role: Role = "other"
    score: float = 1.0
    issues: tuple[Issue, ...] = ()
    quote: str | None = None
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def weight(self) -> float:
        return self.score * ROLE_WEIGHT[self.role]


def issue(code: str, path: str, message: str) -> Issue:
    return Issue(code, path, message)
