"""Red flags and gaps over hand-made extractions (no extraction involved)."""
from __future__ import annotations

from extractor.analysis import flags as F
from schemas.models import (
    Claim,
    CreditSchedule,
    Evidence,
    Exclusion,
    SLAExtraction,
    Source,
    SupportTime,
    TerminationRight,
    Tier,
    UptimeTarget,
)

EV = Evidence(quote="q", start=0, end=1)


def sla(**fields) -> SLAExtraction:
    base = {
        "source": Source(path="x.md", format="markdown", sha256="0" * 64),
        "provider": "Acme", "measurement_period": "month",
        "uptime_targets": [UptimeTarget(service=None, percent=99.9, evidence=EV)],
        "credit_schedules": [CreditSchedule(tiers=[Tier(lower=0, upper=99.9, credit_percent=10)],
                                         evidence=EV)],
        "credit_cap_percent": 50.0, "claim": Claim(deadline_days=30, deadline_from="incident"),
        "maintenance_notice_hours": 48,
        "exclusions": [Exclusion(category="force_majeure", text="acts of god", evidence=EV)],
        "support": [SupportTime(response_hours=1, as_written="1 hour", evidence=EV)],
        "sole_remedy": False,
        "termination": TerminationRight(threshold_percent=99.0, periods=3, consecutive=True,
                                        evidence=EV)}
    base.update(fields)
    return SLAExtraction(**base)


def codes(s: SLAExtraction) -> list[str]:
    return [f.code for f in F.all_flags(s)]


def test_a_complete_customer_friendly_sla_has_no_flags():
    assert codes(sla()) == []


def test_short_claim_window_with_evidence_and_severity():
    quote = Evidence(quote="within 7 days", start=5, end=18)
    flag = F.short_claim_window(sla(claim=Claim(deadline_days=7, deadline_from="incident"),
                                    evidence={"claim.deadline_days": quote}))
    assert flag and flag.severity == "high" and flag.evidence == quote
    assert "7 days of the incident" in flag.detail
    assert F.short_claim_window(sla(claim=Claim(deadline_days=29))).severity == "medium"
    assert F.short_claim_window(sla(claim=Claim(deadline_days=30))) is None


def test_business_days_count_as_calendar_weeks():
    assert F.short_claim_window(sla(claim=Claim(deadline_days=22,
                                                deadline_day_kind="business"))) is None
    assert F.short_claim_window(sla(claim=Claim(deadline_days=10,
                                                deadline_day_kind="business")))


def test_first_billing_cycle_deadline_is_short():
    assert F.short_claim_window(sla(claim=Claim(deadline_billing_cycles=1)))
    assert F.short_claim_window(sla(claim=Claim(deadline_billing_cycles=2))) is None


def test_ticket_within_hours():
    flag = F.ticket_first(sla(claim=Claim(deadline_days=30, notice_hours=24)))
    assert flag.code == "ticket_within_hours" and flag.severity == "high"
    assert F.ticket_first(sla(claim=Claim(deadline_days=30, notice_hours=72))).severity == "medium"
    assert F.ticket_first(sla()) is None


def test_low_cap_threshold_is_25_percent():
    assert F.low_cap(sla(credit_cap_percent=10)).severity == "high"
    assert F.low_cap(sla(credit_cap_percent=24.9)).severity == "medium"
    assert F.low_cap(sla(credit_cap_percent=25)) is None
    assert F.low_cap(sla(credit_cap_percent=None)) is None


def test_sole_remedy_and_minimum_credit():
    assert codes(sla(sole_remedy=True)) == ["sole_remedy"]
    flag = F.minimum_credit(sla(minimum_credit_amount=5, currency="USD"))
    assert flag.severity == "low" and "5 USD" in flag.detail


def test_gaps_name_what_the_sla_is_silent_on():
    silent = sla(uptime_targets=[], credit_schedules=[], credit_cap_percent=None,
                 claim=Claim(), maintenance_notice_hours=None, exclusions=[], support=[],
                 sole_remedy=None, measurement_period=None, termination=None)
    assert set(codes(silent)) == {
        "no_target", "no_credit_schedule", "no_claim_deadline", "no_cap",
        "no_maintenance_notice", "no_support_times", "no_exclusions", "sole_remedy_silent",
        "no_measurement_period", "no_termination_right"}
    assert all(f.kind == "gap" for f in F.all_flags(silent))


def test_red_flags_come_before_gaps_most_severe_first():
    flags = F.all_flags(sla(sole_remedy=True, credit_cap_percent=5, support=[]))
    assert [f.code for f in flags] == ["low_cap", "sole_remedy", "no_support_times"]
