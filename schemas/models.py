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

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

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


class PerPoint(_Model):
    credit_percent_per_point: float
    below: float


class CreditSchedule(_Model):
    services: list[str] = Field(default_factory=list, description="empty: all services")
    metric: Literal["availability_percent", "hours"] = "availability_percent"
    tiers: list[Tier] | None = None
    per_point: PerPoint | None = None
    description: str | None = None
    evidence: Evidence


class Claim(_Model):
    deadline_days: int | None = None
    deadline_day_kind: DayKind | None = None
    deadline_from: DeadlineFrom | None = None
    deadline_billing_cycles: int | None = Field(
        default=None, description="'by the end of the Nth billing cycle' deadlines")
    notice_hours: int | None = Field(
        default=None, description="a ticket that must be opened first, within N hours")
    channel: Channel | None = None
    required_information: list[str] = Field(default_factory=list)


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


class SLAExtraction(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    provider: str | None = None
    effective_date: dt.date | None = None
    measurement_period: str | None = None
    uptime_targets: list[UptimeTarget] = Field(default_factory=list)
    credit_schedules: list[CreditSchedule] = Field(default_factory=list)
    credit_cap_percent: float | None = None
    minimum_credit_amount: float | None = None
    currency: str | None = None
    claim: Claim = Field(default_factory=Claim)
    maintenance_notice_hours: int | None = None
    maintenance_notice_day_kind: DayKind | None = None
    exclusions: list[Exclusion] = Field(default_factory=list)
    support: list[SupportTime] = Field(default_factory=list)
    sole_remedy: bool | None = None
    warnings: list[str] = Field(default_factory=list)
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
