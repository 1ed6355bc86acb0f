"""Red flags and gaps of one SLA: pure functions over an SLAExtraction.

A red flag is a term that hurts the customer (a short claim window, a low cap ...); a
gap is something the SLA is silent on (no support times, no maintenance notice ...).
Each flag carries a severity and, when the SLA states the term, its evidence.

Thresholds: a claim window under 30 days (business days count 7/5 as calendar days;
"by the end of the first billing cycle" is under 30 days), a credit cap under 25%.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from schemas.models import Evidence, SLAExtraction
from schemas.terms import silences

Severity = Literal["high", "medium", "low"]
Kind = Literal["red_flag", "gap"]
SHORT_CLAIM_DAYS = 30
LOW_CAP_PERCENT = 25.0
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Flag:
    code: str
    kind: Kind
    severity: Severity
    title: str
    detail: str
    evidence: Evidence | None = None


def _ev(sla: SLAExtraction, path: str) -> Evidence | None:
    return sla.evidence.get(path)


# --- red flags -----------------------------------------------------------------------

def short_claim_window(sla: SLAExtraction) -> Flag | None:
    claim = sla.claim
    if claim.deadline_days is not None:
        business = claim.deadline_day_kind == "business"
        calendar_days = claim.deadline_days * 7 / 5 if business else claim.deadline_days
        if calendar_days < SHORT_CLAIM_DAYS:
            unit = "business days" if business else "days"
            start = {"incident": "the incident", "last_failure": "the last failure",
                     "end_of_period": "the end of the month"}.get(claim.deadline_from or "",
                                                                   "an unstated start")
            return Flag("short_claim_window", "red_flag",
                        "high" if calendar_days <= 7 else "medium",
                        "Short claim window",
                        f"Claims must be filed within {claim.deadline_days} {unit} of {start}.",
                        _ev(sla, "claim.deadline_days"))
    if claim.deadline_billing_cycles == 1:
        return Flag("short_claim_window", "red_flag", "medium", "Short claim window",
                    "Claims must be filed by the end of the billing cycle of the incident.",
                    _ev(sla, "claim.deadline_billing_cycles"))
    return None


def ticket_first(sla: SLAExtraction) -> Flag | None:
    hours = sla.claim.notice_hours
    if hours is None:
        return None
    return Flag("ticket_within_hours", "red_flag", "high" if hours <= 24 else "medium",
                "Ticket required within hours",
                f"A support ticket must be opened within {hours} hours of the incident, "
                "or no credit is owed.", _ev(sla, "claim.notice_hours"))


def low_cap(sla: SLAExtraction) -> Flag | None:
    cap = sla.credit_cap_percent
    if cap is None or cap >= LOW_CAP_PERCENT:
        return None
    return Flag("low_cap", "red_flag", "high" if cap <= 10 else "medium", "Low credit cap",
                f"Credits are capped at {cap:g}% of the monthly fee.",
                _ev(sla, "credit_cap_percent"))


def sole_remedy(sla: SLAExtraction) -> Flag | None:
    if sla.sole_remedy is not True:
        return None
    return Flag("sole_remedy", "red_flag", "medium", "Credits are the sole remedy",
                "Service credits are the customer's sole and exclusive remedy for missed "
                "service levels.", _ev(sla, "sole_remedy"))


def minimum_credit(sla: SLAExtraction) -> Flag | None:
    minimum = sla.minimum_credit_amount
    if minimum is None:
        return None
    currency = f" {sla.currency}" if sla.currency else ""
    return Flag("minimum_credit", "red_flag", "low", "Minimum credit threshold",
                f"Credits below {minimum:g}{currency} are not issued.",
                _ev(sla, "minimum_credit_amount"))


# --- gaps ------------------------------------------------------------------------------

def gaps(sla: SLAExtraction) -> list[Flag]:
    """What the SLA is silent on, by the gap rules declared on the schema's fields."""
    return [Flag(rule.code, "gap", rule.severity, rule.title, rule.detail)  # type: ignore[arg-type]
            for _, rule in silences(sla)]


RED_FLAG_RULES: tuple[Callable[[SLAExtraction], Flag | None], ...] = (
    short_claim_window, ticket_first, low_cap, sole_remedy, minimum_credit)


def red_flags(sla: SLAExtraction) -> list[Flag]:
    return [f for rule in RED_FLAG_RULES if (f := rule(sla)) is not None]


def all_flags(sla: SLAExtraction) -> list[Flag]:
    """Red flags then gaps, each most severe first."""
    def key(f: Flag) -> int:
        return SEVERITY_ORDER[f.severity]

    return sorted(red_flags(sla), key=key) + sorted(gaps(sla), key=key)
