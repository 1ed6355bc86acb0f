"""Pydantic models of an extracted SLA, of scenarios and of their results.

The JSON these models dump is the export contract (../shared/CONTRACT.md): the
contract's keys keep their names and meanings; everything else is an addition.

Evidence: every list item (target, schedule, exclusion, support time) carries its
own ``evidence``; scalar values carry theirs in ``SLAExtraction.evidence`` keyed by
the value's dotted path ("effective_date", "claim.deadline_days", ...). Keeping the
scalars bare keeps the contract's shape (``credit_cap_percent`` is a number).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.1"

Format = Literal["text", "markdown", "html", "pdf", "docx"]
ExclusionCategory = Literal[
    "scheduled_maintenance",
    "customer_caused",
    "third_party",
    "force_majeure",
    "suspension",
    "beta_or_free",
    "attack",
    "usage_limits",
    "other",
]
DeadlineFrom = Literal["incident", "last_failure", "end_of_period", "other"]
Channel = Literal["email", "support_ticket", "written", "other"]
DayKind = Literal["calendar", "business"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def term(default: Any = None, *, label: str, gap: str | None = None,
         severity: Literal["high", "medium", "low"] = "low", title: str = "", detail: str = "",
         warn: bool = False, unless: tuple[str, ...] = (), **kwargs: Any) -> Any:
    """A field an analyst reads: its label and, when the SLA can be silent on it, the gap
    rule (code, severity, what to tell the analyst; ``warn``: also said in the
    extraction's own warnings; ``unless``: other paths that fill the same need). Labels,
    gap flags and corrections read these instead of keeping their own lists."""
    extra: dict[str, Any] = {"label": label}
    if gap:
        extra["gap"] = {"code": gap, "severity": severity, "title": title, "detail": detail,
                        "warn": warn, "unless": list(unless)}
    if "default_factory" in kwargs:
        return Field(json_schema_extra=extra, **kwargs)
    return Field(default, json_schema_extra=extra, **kwargs)


class Evidence(_Model):
    """Where a value was read: the quoted passage and its place in the document."""

    quote: str
    start: int = Field(ge=0, description="character offset into the normalized text")
    end: int = Field(ge=0)
    page: int | None = Field(default=None, description="1-based page number, PDF only")


class Source(_Model):
    path: str
    format: Format
    sha256: str
    pages: int | None = None
    size_bytes: int | None = None


class UptimeTarget(_Model):
    service: str | None = Field(description="null when the SLA covers the whole offering")
    percent: float
    evidence: Evidence


class Tier(_Model):
    """For availability: applies when lower <= availability < upper.
    For hours: applies when lower < hours <= upper (upper null: "more than lower")."""

    lower: float
    upper: float | None
    credit_percent: float | None = Field(
        default=None, description="% of the period's fee; null when credited in days")
    credit_days: float | None = Field(
        default=None, description="days of service credited, when the SLA credits days")
    credit_months: float | None = Field(
        default=None, description="months of service credited ('one half of one month'): "
                                  "one month is the period's whole fee")


class PerPoint(_Model):
    credit_percent_per_point: float
    below: float


class ProRata(_Model):
    """The fee for the unavailable time, times ``multiplier`` ("10 times the fees for the
    downtime" is 10); ``excess_downtime`` counts only minutes beyond the target's allowance."""

    multiplier: float = Field(gt=0)
    basis: Literal["downtime", "excess_downtime"] = "downtime"


class PerUnit(_Model):
    """So much credit per unit of downtime: "5% for each hour" is 5 per 60 minutes, whole
    units only (``down``); "each hour or part thereof" rounds ``up``."""

    credit_percent_per_unit: float | None = Field(
        default=None, ge=0, description="% of the period's fee per unit; null when in days")
    credit_days_per_unit: float | None = Field(
        default=None, ge=0, description="days of service per unit ('one day per hour')")
    unit_minutes: float = Field(gt=0)
    rounding: Literal["down", "up"] = "down"

    @model_validator(mode="after")
    def _one_credit(self) -> PerUnit:
        if (self.credit_percent_per_unit is None) == (self.credit_days_per_unit is None):
            raise ValueError("per_unit needs exactly one of credit_percent_per_unit or "
                             "credit_days_per_unit")
        return self


CREDIT_FORMS = ("tiers", "per_point", "pro_rata", "per_unit")


class CreditSchedule(_Model):
    services: list[str] = Field(default_factory=list, description="empty: all services")
    metric: Literal["availability_percent", "hours"] = "availability_percent"
    tiers: list[Tier] | None = None
    per_point: PerPoint | None = None
    pro_rata: ProRata | None = None
    per_unit: PerUnit | None = None
    description: str | None = None
    evidence: Evidence

    @model_validator(mode="after")
    def _one_form(self) -> CreditSchedule:
        given = [name for name in CREDIT_FORMS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a credit schedule needs exactly one of tiers, per_point, "
                             f"pro_rata or per_unit (got {', '.join(given) or 'none'})")
        return self


class Claim(_Model):
    deadline_days: int | None = term(
        label="Claim deadline (days)", gap="no_claim_deadline", severity="medium",
        title="No claim deadline", detail="The SLA does not say by when credits must be claimed.",
        warn=True, unless=("claim.deadline_billing_cycles",))
    deadline_day_kind: DayKind | None = term(
        label="Claim deadline: calendar or business days")
    deadline_from: DeadlineFrom | None = term(label="Claim deadline counted from")
    deadline_billing_cycles: int | None = term(
        label="Claim deadline (billing cycles)",
        description="'by the end of the Nth billing cycle' deadlines")
    notice_hours: int | None = term(
        label="Ticket-first notice (hours)",
        description="a ticket that must be opened first, within N hours")
    channel: Channel | None = term(label="Claim channel")
    required_information: list[str] = term(label="Required information", default_factory=list)


class TerminationRight(_Model):
    """The customer's right to end the agreement for chronic failure: "if availability
    falls below 99% in three consecutive months, you may terminate on 30 days' notice"."""

    threshold_percent: float | None = Field(
        default=None, description="availability below which a period counts as a failure; "
        "null: any missed target")
    periods: int | None = Field(default=None, description="how many failed periods give the right")
    within_periods: int | None = Field(
        default=None, description="the window they must fall in ('three months in any twelve')")
    consecutive: bool = False
    notice_days: int | None = Field(default=None, description="notice the customer must give")
    exercise_within_days: int | None = Field(
        default=None, description="the right lapses unless used within N days")
    evidence: Evidence


CreditMethod = Literal["invoice_credit", "refund", "service_extension", "other"]


class CreditPayment(_Model):
    """How an earned credit reaches the customer."""

    method: CreditMethod | None = Field(
        default=None, description="applied to a future invoice, refunded, or added as service time")
    automatic: bool | None = Field(
        default=None, description="true: issued without a request; false: only on request")
    forfeited_on_termination: bool | None = Field(
        default=None, description="unused credits lapse when the agreement ends or is not renewed")
    cash_value: bool | None = Field(
        default=None, description="false: 'credits have no cash value' / are not refundable")
    evidence: Evidence


class Issue(_Model):
    """A warning with a code and the value it concerns ('' for the whole document)."""

    code: str
    path: str = ""
    message: str


class Exclusion(_Model):
    category: ExclusionCategory
    text: str
    evidence: Evidence


class SupportTime(_Model):
    tier: str | None = None
    severity: str | None = None
    kind: Literal["response", "resolution"] = "response"
    response_hours: float
    as_written: str = Field(description="the time as the SLA states it, e.g. '3 business days'")
    business_time: bool = False
    evidence: Evidence


class Correction(_Model):
    """A user's correction, stored beside the extracted value, never over it."""

    path: str
    value: Any
    note: str | None = None
    corrected_at: dt.datetime
    extracted_value: Any = Field(
        default=None, description="the value the extraction held, in exports that apply it")


class SLAExtraction(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    provider: str | None = term(label="Provider")
    effective_date: dt.date | None = term(label="Effective date")
    measurement_period: str | None = term(
        label="Measurement period", gap="no_measurement_period", title="No measurement period",
        detail="The SLA does not say over which period availability is measured.")
    uptime_targets: list[UptimeTarget] = term(
        label="Uptime targets", gap="no_target", severity="high", title="No uptime target",
        detail="The SLA states no availability percentage.", warn=True, default_factory=list)
    credit_schedules: list[CreditSchedule] = term(
        label="Credit schedule", gap="no_credit_schedule", severity="high",
        title="No credit schedule", detail="The SLA states no credits for missing its targets.",
        warn=True, default_factory=list)
    credit_cap_percent: float | None = term(
        label="Credit cap (% of the fee)", gap="no_cap", title="No credit cap stated",
        detail="The SLA does not state a maximum credit (confirm there is none).")
    minimum_credit_amount: float | None = term(label="Minimum credit amount")
    currency: str | None = term(label="Currency")
    claim: Claim = Field(default_factory=Claim)
    maintenance_notice_hours: int | None = term(
        label="Maintenance notice (hours)", gap="no_maintenance_notice", severity="medium",
        title="No maintenance notice",
        detail="The SLA does not say how far ahead maintenance is announced.", warn=True)
    maintenance_notice_day_kind: DayKind | None = term(
        label="Maintenance notice: calendar or business days")
    exclusions: list[Exclusion] = term(
        label="Exclusions", gap="no_exclusions", title="No exclusions found",
        detail="No exclusions were found: check the document's wider terms.", warn=True,
        default_factory=list)
    support: list[SupportTime] = term(
        label="Support times", gap="no_support_times", severity="medium",
        title="No support times", detail="The SLA states no support response or resolution times.",
        default_factory=list)
    sole_remedy: bool | None = term(
        label="Sole remedy", gap="sole_remedy_silent", title="Sole remedy not stated",
        detail="The SLA does not say whether credits are the sole remedy.", warn=True)
    termination: TerminationRight | None = term(
        label="Termination for chronic failure", gap="no_termination_right",
        title="No termination right",
        detail="The SLA gives no right to terminate for repeatedly missed targets.")
    credit_payment: CreditPayment | None = term(label="How credits are paid")
    warnings: list[str] = Field(default_factory=list)
    issues: list[Issue] = Field(
        default_factory=list, description="the warnings with a code and the value each concerns")
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="evidence of each scalar value, by dotted path")
    corrections: list[Correction] = Field(default_factory=list)


class Scenario(BaseModel):
    """One question to the engine. Unknown keys are ignored (gold files carry 'expect')."""

    model_config = ConfigDict(extra="ignore")

    service: str | None = None
    metric: Literal["availability_percent", "hours"] | None = None
    availability_percent: float | None = None
    downtime_minutes: float | None = None
    days_in_period: float | None = None
    month: str | None = Field(default=None, description="calendar month YYYY-MM")
    excluded_minutes: dict[str, float] = Field(
        default_factory=dict, description="downtime the SLA excludes, by exclusion category")
    hours: float | None = None
    monthly_fee: float | None = None
    incident_at: dt.datetime | None = None

    @field_validator("availability_percent", "downtime_minutes", "days_in_period", "hours",
                     "monthly_fee", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        # JSON true would otherwise be read as 1.0
        if isinstance(value, bool):
            raise ValueError("must be a number, not true or false")
        return value


class ScenarioResult(_Model):
    service: str | None = None
    target_percent: float | None = None
    availability_percent: float | None = None
    breached: bool | None = None
    credit_percent: float | None = None
    credit_amount: float | None = None
    allowed_downtime_minutes: float | None = None
    claim_ticket_deadline: dt.datetime | None = None
    claim_deadline: dt.date | None = None
    notes: list[str] = Field(default_factory=list)
    error: str | None = None
