"""Pydantic models of the SLA extraction contract. Never imports ``extractor``."""
from schemas.models import (
    SCHEMA_VERSION,
    Claim,
    Correction,
    CreditPayment,
    CreditSchedule,
    Evidence,
    Exclusion,
    Issue,
    PerPoint,
    Scenario,
    ScenarioResult,
    SLAExtraction,
    Source,
    SupportTime,
    TerminationRight,
    Tier,
    UptimeTarget,
)

__all__ = [
    "SCHEMA_VERSION", "Claim", "Correction", "CreditPayment", "CreditSchedule", "Evidence",
    "Exclusion", "Issue", "PerPoint", "SLAExtraction", "Scenario", "ScenarioResult", "Source",
    "SupportTime", "TerminationRight", "Tier", "UptimeTarget",
]
