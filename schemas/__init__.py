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
    PerUnit,
    ProRata,
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
    "Exclusion", "Issue", "PerPoint", "PerUnit", "ProRata", "SLAExtraction", "Scenario",
    "ScenarioResult", "Source", "SupportTime", "TerminationRight", "Tier", "UptimeTarget",
]
