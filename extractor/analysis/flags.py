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

def _gap(code: str, severity: Severity, title: str, detail: str) -> Flag:
    return Flag(code, "gap", severity, title, detail)


def gaps(sla: SLAExtraction) -> list[Flag]:
    out = []
    if not sla.uptime_targets:
        out.append(_gap("no_target", "high", "No uptime target",
                        "The SLA states no availability percentage."))
    if not sla.credit_schedules:
        out.append(_gap("no_credit_schedule", "high", "No credit schedule",
                        "The SLA states no credits for missing its targets."))
    claim = sla.claim
    if claim.deadline_days is None and claim.deadline_billing_cycles is None:
        out.append(_gap("no_claim_deadline", "medium", "No claim deadline",
                        "The SLA does not say by when credits must be claimed."))
    if sla.credit_cap_percent is None:
        out.append(_gap("no_cap", "low", "No credit cap stated",
                        "The SLA does not state a maximum credit (confirm there is none)."))
    if sla.maintenance_notice_hours is None:
        out.append(_gap("no_maintenance_notice", "medium", "No maintenance notice",
                        "The SLA does not say how far ahead maintenance is announced."))
    if not sla.support:
        out.append(_gap("no_support_times", "medium", "No support times",
                        "The SLA states no support response or resolution times."))
    if not sla.exclusions:
        out.append(_gap("no_exclusions", "low", "No exclusions found",
                        "No exclusions were found: check the document's wider terms."))
    if sla.sole_remedy is None:
        out.append(_gap("sole_remedy_silent", "low", "Sole remedy not stated",
                        "The SLA does not say whether credits are the sole remedy."))
    if sla.measurement_period is None:
        out.append(_gap("no_measurement_period", "low", "No measurement period",
                        "The SLA does not say over which period availability is measured."))
    return out


RED_FLAG_RULES: tuple[Callable[[SLAExtraction], Flag | None], ...] = (
    short_claim_window, ticket_first, low_cap, sole_remedy, minimum_credit)


def red_flags(sla: SLAExtraction) -> list[Flag]:
    return [f for rule in RED_FLAG_RULES if (f := rule(sla)) is not None]


def all_flags(sla: SLAExtraction) -> list[Flag]:
    """Red flags then gaps, each most severe first."""
    key = lambda f: SEVERITY_ORDER[f.severity]
    return sorted(red_flags(sla), key=key) + sorted(gaps(sla), key=key)
