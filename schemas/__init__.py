"""Pydantic models of the SLA extraction contract. Never imports ``extractor``."""
from schemas.models import (
    SCHEMA_VERSION,
    Claim,
    Correction,
    CreditSchedule,
    Evidence,
    Exclusion,
    PerPoint,
    Scenario,
    ScenarioResult,
    SLAExtraction,
    Source,
    SupportTime,
    Tier,
    UptimeTarget,
)

__all__ = [
    "SCHEMA_VERSION", "Claim", "Correction", "CreditSchedule", "Evidence", "Exclusion",
    "PerPoint", "Scenario", "ScenarioResult", "SLAExtraction", "Source", "SupportTime",
    "Tier", "UptimeTarget",
]
