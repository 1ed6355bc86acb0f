"""Candidates in, one consistent SLAExtraction out.

The resolver runs every registered field family (in dependency order), chooses among
each value's candidates, and checks the fields against each other:

- a scalar value is the candidate of greatest weight (score × role weight); a different
  value of equal weight is a conflict, said in a warning, never a silent overwrite;
- a list (targets, schedules, exclusions, support times) keeps every candidate that is
  not from a weak role (example, history, marketing, change notice);
- a credit table whose top tier ends at a figure with no target stated implies that
  target; a table whose top bound differs from its service's target is said;
- a tier that pays more than the cap is said;
- "is this an SLA at all" is judged from all candidates at the end, and when the
  document is ruled out the warning says why.
"""
from __future__ import annotations

import re
import typing
from collections import defaultdict
from itertools import islice
from typing import Any

from pydantic import BaseModel

from extractor.extract.candidates import WEAK_ROLES, Candidate, Issue
from extractor.extract.context import Context
from extractor.extract.document import Document
from extractor.extract.registry import families
from schemas import Evidence, SLAExtraction, Source
from schemas import Issue as IssueModel
from schemas.terms import silences

SLA_SIGNALS = re.compile(
    r"\b(?:service level|SLA|uptime|availability|service credits?|downtime|unavailab\w*)\b", re.I)
# the document says there is none: a question about an SLA answered no ("Is there an
# SLA? Not on these plans.", "Do you offer an uptime guarantee? No."), or "comes with no SLA"
SLA_NAMES = r"(?:SLA|service level agreement|uptime (?:guarantee|commitment))"
NO_SLA = re.compile(rf"\b(?:is there|do (?:you|we) (?:offer|have|provide)|does \w+ (?:offer|have|"
                    rf"include))\s+an?\s+{SLA_NAMES}\b[^?]{{0,40}}\?\W*(?:no|not)\b"
                    rf"|\b(?:comes? with|has|have|offers?|includes?) no {SLA_NAMES}\b", re.I)
CREDIT_WORDS = re.compile(r"\b(?:service )?credits?\b|\brefund|\bcompensat\w*|\brebate", re.I)


def _list_paths() -> frozenset[str]:
    """Top-level fields that hold a list of items: each candidate proposes one item."""
    out = set()
    for name, info in SLAExtraction.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel):
                out.add(name)
    return frozenset(out)


LIST_PATHS = _list_paths() - {"corrections", "issues"}


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _choose(path: str, found: list[Candidate], issues: list[Issue]) -> Candidate | None:
    ranked = sorted(found, key=lambda c: -c.weight)  # stable: equals keep document order
    if not ranked:
        return None
    best = ranked[0]
    rivals = [c for c in ranked[1:] if c.value != best.value and c.weight >= best.weight
              and c.role not in WEAK_ROLES]
    if rivals:
        others = ", ".join(dict.fromkeys(str(c.value) for c in rivals))
        issues.append(Issue("conflict", path, f"{path}: the SLA states {best.value} and also "
                            f"{others}; kept {best.value}, the first stated"))
    return best


class Resolution:
    """The choices made for one document: values by path, evidence and issues."""

    def __init__(self, doc: Document) -> None:
        self.ctx = Context(doc)
        self.values: dict[str, Any] = {}
        self.evidence: dict[str, Evidence] = {}
        self.issues: list[Issue] = []
        self.candidates: dict[str, list[Candidate]] = defaultdict(list)

    def run(self) -> None:
        doc = self.ctx.doc
        for fam in families():
            for cand in fam.propose(self.ctx):
                self.candidates[cand.path].append(cand)
            for path in fam.paths:
                found = self.candidates.get(path, [])
                for carrier in (c for c in found if c.value is None):
                    self.issues.extend(carrier.issues)  # a warning with no value to propose
                found = [c for c in found if c.value is not None]
                if path in LIST_PATHS:
                    kept = [c for c in found if c.role not in WEAK_ROLES and c.score > 0]
                    self.values[path] = [c.value for c in kept]
                    for c in kept:
                        self.issues.extend(c.issues)
                else:
                    chosen = _choose(path, found, self.issues)
                    if chosen is None:
                        continue
                    self.values[path] = chosen.value
                    self.issues.extend(chosen.issues)
                    if chosen.span is not None:
                        self.evidence[path] = doc.evidence(*chosen.span)
                    elif chosen.quote is not None:
                        self.evidence[path] = Evidence(quote=chosen.quote, start=0, end=0)
                self.ctx.resolved[path] = self.values.get(path)


def looks_like_sla(doc: Document, values: dict[str, Any]) -> tuple[bool, str]:
    """An SLA commits to service levels: a credit schedule, or a target stated in
    service-level terms, or service-level and credit language throughout."""
    if values.get("credit_schedules"):
        return True, ""
    signals = sum(1 for _ in islice(SLA_SIGNALS.finditer(doc.text), 3))
    if values.get("uptime_targets") and signals >= 1:
        return True, ""
    if signals >= 3 and CREDIT_WORDS.search(doc.text):
        if NO_SLA.search(doc.text):
            return False, "it says it offers no SLA"
        return True, ""
    if not signals:
        return False, "it never speaks of service levels, uptime or availability"
    return False, ("it speaks of availability but commits to no target and states no credit "
                   "schedule")


SLA_ONLY = ("claim.", "credit_cap_percent", "minimum_credit", "maintenance_notice",
            "sole_remedy", "termination", "credit_payment")


def resolve(doc: Document, sha256: str = "", size: int | None = None) -> SLAExtraction:
    resolution = Resolution(doc)
    resolution.run()
    values, issues = resolution.values, resolution.issues
    is_sla, why = looks_like_sla(doc, values)
    if not is_sla:
        for path in ("uptime_targets", "credit_schedules", "exclusions"):
            values[path] = []
        # terms that only an SLA's credits give meaning to: a pricing page's "planned work is
        # posted 48 hours ahead" is no maintenance notice that excuses downtime
        dropped = [p for p in list(values) if p.startswith(SLA_ONLY) and values[p] is not None]
        for path in dropped:
            del values[path]
            resolution.evidence.pop(path, None)
        issues.append(Issue("not_an_sla", "", "this document does not read as an SLA: " + why
                            + "; no targets, credit schedules, exclusions or claim terms were "
                            "extracted"))
    data: dict[str, Any] = {}
    for path, value in values.items():
        _set(data, path, value)
    data["source"] = Source(path=doc.path, format=doc.format,
                            sha256=sha256, pages=doc.pages, size_bytes=size)
    data["evidence"] = resolution.evidence
    result = SLAExtraction.model_validate(data)
    issues = [Issue("reader", "", w) for w in doc.warnings] + issues + _cross_checks(result)
    if is_sla:  # what the SLA is silent on, said once, by the schema's own gap rules
        issues += [Issue(rule.code, term.path, rule.detail) for term, rule in silences(result)
                   if rule.warn]
    unique = list({(i.code, i.path, i.message): i for i in issues}.values())
    result.issues = [IssueModel(code=i.code, path=i.path, message=i.message) for i in unique]
    result.warnings = list(dict.fromkeys(i.message for i in unique))
    return result


def _cross_checks(sla: SLAExtraction) -> list[Issue]:
    """Consistency between fields that no single family can see."""
    out: list[Issue] = []
    cap = sla.credit_cap_percent
    if cap is not None:
        top = max((t.credit_percent or 0 for s in sla.credit_schedules for t in s.tiers or []),
                  default=0)
        if top > cap:
            out.append(Issue("cap_below_tier", "credit_cap_percent",
                             f"a credit tier pays {top:g}% but credits are capped at {cap:g}%: "
                             "the cap applies"))
    return out

