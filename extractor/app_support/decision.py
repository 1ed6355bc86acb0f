"""The decision view's logic: the analyst's requirements in, vendors ranked out, each
with a verdict in plain words and the checks behind it.

A check is met, failed or unknown (the SLA is silent): silence is not counted as a pass.
Ranking: the user's own documents first, then fewest failed checks, fewest unknowns,
most credit paid under the scenario, then name.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from extractor.analysis.engine import evaluate
from extractor.app_support import presentation as P
from schemas.models import ScenarioResult, SLAExtraction, UptimeTarget

Status = Literal["met", "failed", "unknown"]


@dataclass(frozen=True)
class Requirements:
    """``targets``: (service words, minimum %) pairs; empty words mean any service."""

    targets: tuple[tuple[str, float], ...] = ()
    claim_days_at_least: int | None = None
    cap_at_least: float | None = None
    no_ticket_first: bool = False
    sole_remedy_acceptable: bool = True
    refused_exclusions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    status: Status
    text: str
    evidence_label: str | None = None  # the EvidenceItem label that shows the passage


@dataclass(frozen=True)
class Verdict:
    label: str
    sample: bool
    sla: SLAExtraction  # corrections applied
    target: UptimeTarget | None
    checks: list[Check] = field(default_factory=list)
    result: ScenarioResult | None = None

    @property
    def failed(self) -> int:
        return sum(c.status == "failed" for c in self.checks)

    @property
    def unknown(self) -> int:
        return sum(c.status == "unknown" for c in self.checks)

    @property
    def status(self) -> str:
        if self.failed:
            return f"fails {self.failed}"
        if self.unknown:
            return f"{self.unknown} unknown"
        return "meets all"

    @property
    def summary(self) -> str:
        """'meets 99.95% for Block Storage; pays 10% at 6 h down; claim within 30 days of
        the end of the month'."""
        parts = [c.text for c in self.checks if c.status != "met" or c is self.checks[0]]
        if self.result is not None:
            r = self.result
            if r.error:
                parts.append(f"scenario: {r.error}")
            elif r.breached:
                parts.append(f"pays {P.rounded(r.credit_percent)}% at the scenario")
            else:
                parts.append("scenario within the target: no credit")
        claim = P.claim_in_words(self.sla)
        parts.append("claim: not stated" if claim == "not stated"
                     else f"claim within {claim}")
        return "; ".join(dict.fromkeys(parts))


def _matching(sla: SLAExtraction, words: str) -> list[UptimeTarget]:
    words = words.strip().lower()
    return [t for t in sla.uptime_targets if not words or words in P.service_name(t).lower()]


def _target_checks(
    sla: SLAExtraction, req: Requirements
) -> tuple[list[Check], UptimeTarget | None]:
    checks, chosen = [], None
    for words, minimum in req.targets:
        scope = f" for {words}" if words.strip() else ""
        candidates = _matching(sla, words)
        if not candidates:
            checks.append(Check("failed" if sla.uptime_targets else "unknown",
                                f"no target{scope}" if sla.uptime_targets
                                else "states no uptime target"))
            continue
        best = max(candidates, key=lambda t: t.percent)
        chosen = chosen or best
        name = P.service_name(best)
        where = "" if name == P.WHOLE_OFFERING else f" for {name}"
        label = f"Target: {name}"
        if best.percent >= minimum:
            checks.append(Check("met", f"meets {P.num(minimum)}%{where} "
                                       f"(commits {P.num(best.percent)}%)", label))
        else:
            checks.append(Check("failed", f"only {P.num(best.percent)}%{where}, "
                                          f"below {P.num(minimum)}%", label))
    return checks, chosen


def _at_least(value: float | None, minimum: float, path: str, name: str, stated: str,
              minimum_words: str) -> Check:
    """A term that must reach a minimum: unknown when the SLA is silent on it."""
    if value is None:
        return Check("unknown", f"{name} not stated")
    ok = value >= minimum
    return Check("met" if ok else "failed", stated + ("" if ok else f", under {minimum_words}"),
                 P.field_label(path))


def _term_checks(sla: SLAExtraction, req: Requirements) -> list[Check]:
    checks = []
    c = sla.claim
    if req.claim_days_at_least is not None:
        checks.append(_at_least(c.deadline_days, req.claim_days_at_least, "claim.deadline_days",
                                "claim window", f"claim window {P.claim_in_words(sla)}",
                                f"{req.claim_days_at_least} days"))
    if req.cap_at_least is not None:
        cap = sla.credit_cap_percent
        checks.append(_at_least(cap, req.cap_at_least, "credit_cap_percent", "credit cap",
                                f"cap {P.num(cap)}%" if cap is not None else "",
                                f"{P.num(req.cap_at_least)}%"))
    if req.no_ticket_first and c.notice_hours is not None:
        checks.append(Check("failed", f"needs a ticket within "
                                      f"{P.hours_in_words(c.notice_hours)} first",
                            P.field_label("claim.notice_hours")))
    if not req.sole_remedy_acceptable:
        if sla.sole_remedy is None:
            checks.append(Check("unknown", "silent on sole remedy"))
        elif sla.sole_remedy:
            checks.append(Check("failed", "credits are the sole remedy",
                                P.field_label("sole_remedy")))
        else:
            checks.append(Check("met", "credits are not the sole remedy",
                                P.field_label("sole_remedy")))
    refused = sorted({e.category for e in sla.exclusions} & set(req.refused_exclusions))
    if refused:
        checks.append(Check("failed", "excludes " + ", ".join(
            P.plain(x, P.CATEGORY_LABELS) for x in refused)))
    return checks


def verdict(label: str, sla: SLAExtraction, req: Requirements, scenario: dict | None = None,
            sample: bool = False) -> Verdict:
    """``sla``: with corrections applied. ``scenario``: the engine's scenario keys."""
    checks, target = _target_checks(sla, req)
    if target is None and sla.uptime_targets:
        target = max(sla.uptime_targets, key=lambda t: t.percent)
    checks += _term_checks(sla, req)
    result = None
    if scenario is not None and target is not None:
        result = evaluate(sla, scenario, target=target)
    return Verdict(label, sample, sla, target, checks, result)


def rank(verdicts: Sequence[Verdict]) -> list[Verdict]:
    def key(v: Verdict) -> tuple:
        credit = v.result.credit_percent if v.result and v.result.credit_percent else 0.0
        return (v.sample, v.failed, v.unknown, -credit, v.label.lower())
    return sorted(verdicts, key=key)
