"""Engine tests over SLAs built by hand (no document parsing: that is extraction's job).

The five SLAs mirror ../shared/gold; their gold scenarios are written out here, and
test_shared_gold_files checks the gold files themselves against the same SLAs.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.analysis.engine import (
    CompositePart,
    allowed_downtime,
    availability_from_downtime,
    claim_deadlines,
    composite_availability,
    composite_scenario,
    compute_credit,
    evaluate,
    evaluate_all,
    period_minutes,
    schedule_for,
    select_target,
)
from extractor.errors import ScenarioError, ServiceSelectionError
from schemas.models import (
    Claim,
    CreditSchedule,
    Evidence,
    Exclusion,
    PerPoint,
    PerUnit,
    ProRata,
    SLAExtraction,
    Source,
    Tier,
    UptimeTarget,
)

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold"
EV = Evidence(quote="(built by hand)", start=0, end=0)


def target(service, percent):
    return UptimeTarget(service=service, percent=percent, evidence=EV)


def tiers(*rows, services=(), metric="availability_percent", days=False):
    """rows: (lower, upper, credit); credit in days of service when days=True."""
    key = "credit_days" if days else "credit_percent"
    return CreditSchedule(services=list(services), metric=metric, evidence=EV,
                          tiers=[Tier(lower=lo, upper=up, **{key: c}) for lo, up, c in rows])


def make_sla(name, targets, schedules, exclusions=(), **fields):
    return SLAExtraction(
        source=Source(path=f"{name}.txt", format="text", sha256="0" * 64), provider=name,
        uptime_targets=targets, credit_schedules=schedules,
        exclusions=[Exclusion(category=c, text=c, evidence=EV) for c in exclusions], **fields)


HA = "High availability for a public environment"
CLOUDVNO_SERVICES = [("SMS API", 99.99), ("Voice API", 99.99), ("Phone Verification API", 99.9),
                     ("Number Intelligence API", 99.9), ("Phone Number Provisioning", 99.9),
                     ("AI Voice Infrastructure", 99.99), ("RCS Messaging API", 99.5)]

SLAS = {
    "ibm-cloud": make_sla(
        "IBM Cloud",
        [target(HA, 99.99), target("Other environments", 99.9)],
        [tiers((99.9, 99.99, 10), (0, 99.9, 25), services=[HA]),
         tiers((99.0, 99.9, 10), (0, 99.0, 25), services=["Other environments"]),
         tiers((0, 2, 0), (2, 6, 20), (6, 10, 40), (10, 14, 60), (14, 18, 80), (18, None, 100),
               metric="hours")],
        ["customer_caused", "beta_or_free", "third_party", "force_majeure"],
        credit_cap_percent=25.0,
        claim=Claim(deadline_days=60, deadline_from="end_of_period", channel="support_ticket")),
    "tagoio": make_sla(
        "TagoIO", [target(None, 99.8)], [tiers((99.0, 99.8, 10), (0, 99.0, 25))],
        ["suspension", "force_majeure", "customer_caused", "third_party",
         "scheduled_maintenance", "other"],
        minimum_credit_amount=1.0, currency="USD",
        claim=Claim(deadline_days=7, deadline_from="incident", notice_hours=24, channel="email")),
    "amberflo": make_sla(
        "Amberflo", [target(None, 99.9)],
        [CreditSchedule(per_point=PerPoint(credit_percent_per_point=1, below=99.9), evidence=EV)],
        ["scheduled_maintenance", "customer_caused", "third_party", "force_majeure", "suspension"],
        claim=Claim(deadline_days=30, deadline_day_kind="calendar", deadline_from="last_failure")),
    "cloudvno": make_sla(
        "CloudVNO", [target(s, p) for s, p in CLOUDVNO_SERVICES],
        [tiers((99.0, 99.99, 10), (95.0, 99.0, 25), (0, 95.0, 50))],
        ["scheduled_maintenance", "customer_caused", "usage_limits", "third_party",
         "force_majeure"],
        claim=Claim(deadline_days=30, deadline_from="incident", channel="email")),
    "cloud-apim": make_sla(
        "Cloud APIM", [target(None, 99.0)], [tiers((0, 99.0, 50))],
        ["scheduled_maintenance", "customer_caused", "usage_limits", "third_party", "attack",
         "force_majeure", "beta_or_free", "other"],
        claim=Claim(deadline_days=30, deadline_from="incident", channel="written")),
}

# Every scenario of ../shared/gold, with the engine's exact values.
GOLD_CASES = [
    ("amberflo", {"availability_percent": 100.0}, {"breached": False, "credit_percent": 0}),
    ("amberflo", {"availability_percent": 99.9}, {"breached": False, "credit_percent": 0}),
    ("amberflo", {"availability_percent": 99.5}, {"breached": True, "credit_percent": 0}),
    ("amberflo", {"availability_percent": 94.9}, {"breached": True, "credit_percent": 5}),
    ("amberflo", {"availability_percent": 97.9}, {"breached": True, "credit_percent": 2}),
    ("amberflo", {"availability_percent": 89.9, "monthly_fee": 2000},
     {"breached": True, "credit_percent": 10, "credit_amount": 200}),
    ("amberflo", {"downtime_minutes": 43.2, "days_in_period": 30},
     {"breached": False, "credit_percent": 0, "allowed_downtime_minutes": 43.2,
      "availability_percent": 99.9}),
    ("cloud-apim", {"availability_percent": 99.5}, {"breached": False, "credit_percent": 0}),
    ("cloud-apim", {"availability_percent": 99.0}, {"breached": False, "credit_percent": 0}),
    ("cloud-apim", {"availability_percent": 98.99}, {"breached": True, "credit_percent": 50}),
    ("cloud-apim", {"availability_percent": 90.0, "monthly_fee": 300},
     {"breached": True, "credit_percent": 50, "credit_amount": 150}),
    ("cloud-apim", {"downtime_minutes": 600, "days_in_period": 31},
     {"breached": True, "credit_percent": 50, "availability_percent": 98.655914}),
    ("cloudvno", {"service": "SMS API", "availability_percent": 99.995},
     {"breached": False, "credit_percent": 0}),
    ("cloudvno", {"service": "SMS API", "availability_percent": 99.99},
     {"breached": False, "credit_percent": 0}),
    ("cloudvno", {"service": "SMS API", "availability_percent": 99.98},
     {"breached": True, "credit_percent": 10}),
    ("cloudvno", {"service": "sms api", "availability_percent": 99.0},
     {"breached": True, "credit_percent": 10, "service": "SMS API"}),
    ("cloudvno", {"service": "SMS API", "availability_percent": 97.0},
     {"breached": True, "credit_percent": 25}),
    ("cloudvno", {"service": "SMS API", "availability_percent": 95.0},
     {"breached": True, "credit_percent": 25}),
    ("cloudvno", {"service": "SMS API", "availability_percent": 94.99},
     {"breached": True, "credit_percent": 50}),
    ("cloudvno", {"service": "Phone Verification API", "availability_percent": 99.95},
     {"breached": False, "credit_percent": 0}),
    ("cloudvno", {"service": "Phone Verification API", "availability_percent": 99.85},
     {"breached": True, "credit_percent": 10}),
    ("cloudvno", {"service": "RCS Messaging API", "availability_percent": 99.6},
     {"breached": False, "credit_percent": 0, "target_percent": 99.5}),
    ("cloudvno", {"service": "RCS Messaging API", "availability_percent": 99.2},
     {"breached": True, "credit_percent": 10}),
    ("cloudvno", {"service": "Voice API", "availability_percent": 90.0, "monthly_fee": 1000},
     {"breached": True, "credit_percent": 50, "credit_amount": 500}),
    ("cloudvno", {"service": "AI Voice Infrastructure", "days_in_period": 30,
                  "downtime_minutes": 4},
     {"breached": False, "credit_percent": 0, "allowed_downtime_minutes": 4.32}),
    ("ibm-cloud", {"service": "high availability", "availability_percent": 99.995},
     {"breached": False, "credit_percent": 0}),
    ("ibm-cloud", {"service": "high availability", "availability_percent": 99.95},
     {"breached": True, "credit_percent": 10, "service": HA, "target_percent": 99.99}),
    ("ibm-cloud", {"service": "high availability", "availability_percent": 99.9},
     {"breached": True, "credit_percent": 10}),
    ("ibm-cloud", {"service": "high availability", "availability_percent": 99.89},
     {"breached": True, "credit_percent": 25}),
    ("ibm-cloud", {"service": "high availability", "downtime_minutes": 360, "days_in_period": 31},
     {"availability_percent": 99.193548, "breached": True, "credit_percent": 25}),
    ("ibm-cloud", {"service": "other environments", "availability_percent": 99.95},
     {"breached": False, "credit_percent": 0, "target_percent": 99.9}),
    ("ibm-cloud", {"service": "other environments", "availability_percent": 99.5},
     {"breached": True, "credit_percent": 10}),
    ("ibm-cloud", {"service": "other environments", "availability_percent": 98.0},
     {"breached": True, "credit_percent": 25}),
    ("ibm-cloud", {"service": "other environments", "availability_percent": 10.0},
     {"breached": True, "credit_percent": 25}),
    ("ibm-cloud", {"metric": "hours", "hours": 1.5}, {"credit_percent": 0, "breached": False}),
    ("ibm-cloud", {"metric": "hours", "hours": 3}, {"credit_percent": 20, "breached": True}),
    ("tagoio", {"availability_percent": 100.0}, {"breached": False, "credit_percent": 0}),
    ("tagoio", {"availability_percent": 99.8}, {"breached": False, "credit_percent": 0}),
    ("tagoio", {"availability_percent": 99.79}, {"breached": True, "credit_percent": 10}),
    ("tagoio", {"availability_percent": 99.0}, {"breached": True, "credit_percent": 10}),
    ("tagoio", {"availability_percent": 98.99}, {"breached": True, "credit_percent": 25}),
    ("tagoio", {"availability_percent": 50.0}, {"breached": True, "credit_percent": 25}),
    ("tagoio", {"downtime_minutes": 90, "days_in_period": 30},
     {"breached": True, "credit_percent": 10, "availability_percent": 99.791667}),
    ("tagoio", {"downtime_minutes": 86, "days_in_period": 30},
     {"breached": False, "credit_percent": 0, "allowed_downtime_minutes": 86.4}),
    ("tagoio", {"availability_percent": 99.5, "monthly_fee": 5.0},
     {"breached": True, "credit_percent": 10, "credit_amount": 0}),
    ("tagoio", {"availability_percent": 99.5, "monthly_fee": 500.0},
     {"breached": True, "credit_amount": 50.0}),
]


def check(result, expected):
    assert result.error is None, result.error
    for key, want in expected.items():
        got = getattr(result, key)
        if isinstance(want, (bool, str)):
            assert got == want, key
        else:
            assert got == pytest.approx(want, abs=1e-9), key


@pytest.mark.parametrize(("name", "scenario", "expected"), GOLD_CASES,
                         ids=[f"{n}-{json.dumps(s)}" for n, s, _ in GOLD_CASES])
def test_gold_scenarios(name, scenario, expected):
    check(evaluate(SLAS[name], scenario), expected)


def test_shared_gold_files():
    """The gold files themselves, with the scorer's tolerances; ../shared is always there."""
    tolerance = {"availability_percent": 0.005, "allowed_downtime_minutes": 0.05}
    golds = sorted(GOLD_DIR.glob("*.gold.json"))
    assert golds, f"no gold files under {GOLD_DIR}"
    for path in golds:
        gold = json.loads(path.read_text())
        name = path.name.removesuffix(".gold.json")
        assert name in SLAS, f"{path.name} has no hand-built SLA in this test"
        sla = SLAS[name]
        assert [t["percent"] for t in gold["uptime_targets"]] == [
            t.percent for t in sla.uptime_targets]
        for scenario in gold["scenarios"]:
            asked = {k: v for k, v in scenario.items() if k != "expect"}
            result = evaluate(sla, asked)
            for key, want in scenario["expect"].items():
                got = getattr(result, key)
                ok = got == want if isinstance(want, bool) else (
                    got is not None and math.isclose(got, want, abs_tol=tolerance.get(key, 0.01)))
                assert ok, f"{path.name} {asked}: {key} want {want} got {got} ({result.error})"


# --- the worked examples printed in the corpus documents --------------------------

def test_ibm_worked_example_31_day_month():
    r = evaluate(SLAS["ibm-cloud"], {"service": "High availability", "downtime_minutes": 360,
                                     "days_in_period": 31})
    assert period_minutes(31) == 44640
    assert round(r.availability_percent, 2) == 99.19
    assert (r.breached, r.credit_percent) == (True, 25)


def test_amberflo_worked_example_per_point():
    assert evaluate(SLAS["amberflo"], {"availability_percent": 94.9}).credit_percent == 5


def test_tagoio_worked_example_90_minutes():
    r = evaluate(SLAS["tagoio"], {"downtime_minutes": 90})
    assert (r.breached, r.credit_percent) == (True, 10)


def test_tagoio_allows_about_86_minutes():
    assert evaluate(SLAS["tagoio"], {"availability_percent": 100}).allowed_downtime_minutes == 86.4
    assert allowed_downtime(99.8)["month"] == 86.4


# --- periods, exact arithmetic, exclusions ----------------------------------------

@pytest.mark.parametrize(("days", "month", "minutes"), [
    (None, None, 43200), (31, None, 44640), (None, "2024-02", 41760), (None, "2023-02", 40320),
    (None, "2024-01", 44640), (None, "2024-04", 43200), (29, "2024-02", 41760), (0.5, None, 720),
])
def test_period_minutes(days, month, minutes):
    assert period_minutes(days, month) == minutes


@pytest.mark.parametrize(("days", "month", "message"), [
    (30, "2024-02", "contradicts"), (None, "2024-13", "YYYY-MM"), (None, "Feb 2024", "YYYY-MM"),
    (0, None, "above 0"), (-3, None, "above 0"), (400, None, "at most 366"),
    (float("nan"), None, "finite"),
])
def test_period_minutes_rejects(days, month, message):
    with pytest.raises(ScenarioError, match=message):
        period_minutes(days, month)


def test_availability_is_exact():
    assert availability_from_downtime(43.2, 43200).percent == Decimal("99.9")
    r = evaluate(SLAS["amberflo"], {"downtime_minutes": 43.2})
    assert (r.availability_percent, r.breached) == (99.9, False)


def test_february_and_31_day_months_move_the_allowance():
    tago = SLAS["tagoio"]
    feb = evaluate(tago, {"downtime_minutes": 86, "month": "2024-02"})
    assert (feb.allowed_downtime_minutes, feb.breached, feb.credit_percent) == (83.52, True, 10)
    jan = evaluate(tago, {"downtime_minutes": 89, "month": "2024-01"})
    assert (jan.allowed_downtime_minutes, jan.breached) == (89.28, False)
    feb23 = evaluate(tago, {"downtime_minutes": 80.64, "month": "2023-02"})
    assert (feb23.allowed_downtime_minutes, feb23.availability_percent) == (80.64, 99.8)
    assert feb23.breached is False


def test_excluded_minutes_only_for_categories_the_sla_excludes():
    # IBM excludes customer-caused downtime but not scheduled maintenance
    r = evaluate(SLAS["ibm-cloud"], {
        "service": "other environments", "downtime_minutes": 90,
        "excluded_minutes": {"customer_caused": 50, "scheduled_maintenance": 20}})
    assert r.availability_percent == pytest.approx(99.907407, abs=1e-9)  # 40 minutes count
    assert r.breached is False
    assert any("scheduled_maintenance" in n and "does not exclude" in n for n in r.notes)
    tago = evaluate(SLAS["tagoio"], {"downtime_minutes": 120,
                                     "excluded_minutes": {"scheduled_maintenance": 40}})
    assert (tago.breached, tago.notes) == (False, [])  # 80 <= 86.4


def test_excluded_minutes_beyond_downtime_is_an_error():
    r = evaluate(SLAS["tagoio"], {"downtime_minutes": 10,
                                  "excluded_minutes": {"scheduled_maintenance": 40}})
    assert r.credit_percent is None and "exceed" in r.error


# --- service selection ------------------------------------------------------------

@pytest.mark.parametrize(("name", "asked", "service"), [
    ("cloudvno", "SMS API", "SMS API"),
    ("cloudvno", "  voice   API ", "Voice API"),  # exact, spacing and case aside
    ("cloudvno", "phone verification", "Phone Verification API"),  # every word contained
    ("cloudvno", "RCS", "RCS Messaging API"),
    ("cloudvno", "SMS gateway", "SMS API"),  # unique best overlap, with a note
    ("ibm-cloud", "High Availability", HA),
    ("ibm-cloud", "other environment", "Other environments"),
    ("ibm-cloud", "high availability public environment", HA),
    ("tagoio", None, None),
    ("tagoio", "Analysis", None),  # the one target covers the whole offering, with a note
])
def test_select_target(name, asked, service):
    assert select_target(SLAS[name], asked).target.service == service


def test_selection_notes():
    assert select_target(SLAS["cloudvno"], "SMS API").notes == []
    assert "partial word overlap" in select_target(SLAS["cloudvno"], "SMS gateway").notes[0]
    assert "whole offering" in select_target(SLAS["tagoio"], "Analysis").notes[0]


@pytest.mark.parametrize(("asked", "message"), [
    ("Email", "no service matches 'Email'"),
    ("voice", "'voice' is ambiguous: it matches 'Voice API', 'AI Voice Infrastructure'"),
    ("API", "is ambiguous"),
    (None, "name a service: this SLA has 7 targets"),
    ("", "name a service"),
])
def test_select_target_errors_list_the_services(asked, message):
    with pytest.raises(ServiceSelectionError) as err:
        select_target(SLAS["cloudvno"], asked)
    assert message in str(err.value)
    for service, _ in CLOUDVNO_SERVICES:
        assert repr(service) in str(err.value)


def test_unknown_service_in_evaluate_is_an_error_result():
    r = evaluate(SLAS["ibm-cloud"], {"service": "dedicated", "availability_percent": 99})
    assert r.credit_percent is None and r.service == "dedicated"
    assert f"'{HA}', 'Other environments'" in r.error


def test_sla_without_targets():
    empty = make_sla("Empty", [], [])
    assert evaluate(empty, {"availability_percent": 99}).error == "this SLA states no uptime target"


def test_schedule_for_picks_the_services_schedule():
    ibm = SLAS["ibm-cloud"]
    assert schedule_for(ibm, "Other environments").services == ["Other environments"]
    assert schedule_for(ibm, HA).services == [HA]
    assert schedule_for(ibm, None, "hours").metric == "hours"
    assert schedule_for(SLAS["cloudvno"], "RCS Messaging API").services == []
    assert schedule_for(SLAS["tagoio"], None, "hours") is None


def test_schedule_for_prefers_a_general_schedule_to_a_loose_overlap():
    mixed = make_sla("Mixed", [target("SMS API", 99.9), target("Voice API", 99.9)],
                     [tiers((0, 99.9, 50), services=["SMS API"]), tiers((0, 99.9, 10))])
    assert evaluate(mixed, {"service": "SMS", "availability_percent": 99}).credit_percent == 50
    assert evaluate(mixed, {"service": "voice", "availability_percent": 99}).credit_percent == 10
    # no general schedule: loosely worded names still find their own schedule
    noisy = SLAS["ibm-cloud"].model_copy(update={"credit_schedules": [
        tiers((0, 99.99, 25), services=["HA public environment"]),
        tiers((0, 99.9, 10), services=["Other environments"])]})
    assert schedule_for(noisy, HA).services == ["HA public environment"]
    assert schedule_for(noisy, "Other environments").services == ["Other environments"]
    assert schedule_for(noisy, None) is None


# --- credits: tiers, hours, per point, days, cap, minimum -------------------------

@pytest.mark.parametrize(("hours", "credit"), [
    (0, 0), (2, 0), (2.01, 20), (6, 20), (6.5, 25), (18, 25), (100, 25)])  # cap 25
def test_hours_schedule_lower_exclusive_upper_inclusive_then_cap(hours, credit):
    r = evaluate(SLAS["ibm-cloud"], {"metric": "hours", "hours": hours})
    assert r.credit_percent == credit
    assert (r.target_percent, r.availability_percent, r.allowed_downtime_minutes) == (None,) * 3


def test_hours_credit_without_cap():
    uncapped = SLAS["ibm-cloud"].model_copy(update={"credit_cap_percent": None})
    r = evaluate(uncapped, {"hours": 11, "monthly_fee": 200})
    assert (r.credit_percent, r.credit_amount, r.breached) == (60, 120, True)


def test_cap_applies_with_a_note():
    r = evaluate(SLAS["ibm-cloud"], {"metric": "hours", "hours": 7, "monthly_fee": 80})
    assert (r.credit_percent, r.credit_amount) == (25, 20)
    assert "capped at 25%" in r.notes[0]


def test_minimum_credit_amount():
    tago = SLAS["tagoio"]
    small = evaluate(tago, {"availability_percent": 99.5, "monthly_fee": 5})
    assert (small.credit_percent, small.credit_amount) == (10, 0)
    assert "below the minimum" in small.notes[0]
    exact = evaluate(tago, {"availability_percent": 99.5, "monthly_fee": 10})
    assert exact.credit_amount == 1.0  # not below the minimum
    assert evaluate(tago, {"availability_percent": 99.5}).credit_amount is None


def test_credit_in_days_of_service():
    days_sla = make_sla("Days", [target(None, 99.9)],
                        [tiers((99.0, 99.9, 3), (0, 99.0, 7), days=True)])
    assert evaluate(days_sla, {"availability_percent": 99.5}).credit_percent == 10
    feb = evaluate(days_sla, {"availability_percent": 99.5, "month": "2024-02"})
    assert feb.credit_percent == pytest.approx(10.344828, abs=1e-9)
    assert evaluate(days_sla, {"availability_percent": 90, "days_in_period": 31,
                               "monthly_fee": 310}).credit_amount == 70


def test_breached_without_matching_tier_gives_zero_with_a_note():
    gap = make_sla("Gap", [target(None, 99.9)], [tiers((0, 95.0, 30))])
    r = evaluate(gap, {"availability_percent": 97})
    assert (r.breached, r.credit_percent) == (True, 0)
    assert "no tier" in r.notes[0]


def test_not_breached_means_no_credit_even_if_a_tier_matches():
    r = evaluate(SLAS["cloudvno"], {"service": "RCS Messaging API", "availability_percent": 99.6,
                                    "monthly_fee": 100})
    assert (r.breached, r.credit_percent, r.credit_amount) == (False, 0, 0)


def test_breached_without_schedule_is_an_error():
    bare = make_sla("Bare", [target(None, 99.9)], [])
    assert evaluate(bare, {"availability_percent": 100}).credit_percent == 0
    r = evaluate(bare, {"availability_percent": 99})
    assert r.breached is True and r.credit_percent is None and "no availability credit" in r.error


def test_per_point_never_exceeds_the_fee():
    steep = make_sla("Steep", [target(None, 99.9)], [CreditSchedule(
        per_point=PerPoint(credit_percent_per_point=2, below=99.9), evidence=EV)])
    r = evaluate(steep, {"availability_percent": 10})
    assert r.credit_percent == 100 and "100%" in r.notes[0]
    assert evaluate(steep, {"availability_percent": 97.8}).credit_percent == 4


def test_compute_credit_directly():
    tago = SLAS["tagoio"]
    credit = compute_credit(tago, tago.credit_schedules[0], 99.5, monthly_fee=5)
    assert credit.percent == 10 and credit.amount == 0 and credit.notes


# --- credits: pro rata, per unit, months of service (schema 1.1) -------------------

def pro_rata(multiplier, basis="downtime", metric="availability_percent"):
    return CreditSchedule(metric=metric, evidence=EV,
                          pro_rata=ProRata(multiplier=multiplier, basis=basis))


def per_unit(credit, unit_minutes=60, rounding="down", days=False, metric="availability_percent"):
    key = "credit_days_per_unit" if days else "credit_percent_per_unit"
    return CreditSchedule(metric=metric, evidence=EV, per_unit=PerUnit(
        unit_minutes=unit_minutes, rounding=rounding, **{key: credit}))


def one_schedule(schedule, goal=99.95, **fields):
    return make_sla("Form", [target(None, goal)], [schedule], **fields)


def test_pro_rata_over_a_730_hour_month():
    sla = one_schedule(pro_rata(50))
    # 240 / 43,800 x 50 x 100, computed in decimals over a period of exactly 43,800 minutes
    credit = compute_credit(sla, sla.credit_schedules[0], 99.0,
                            days_in_period=Decimal(730) / 24, downtime_minutes=240,
                            target_percent=99.95)
    assert credit.percent == pytest.approx(Decimal(24_000) / 876, abs=Decimal("1e-20"))
    r = evaluate(sla, {"downtime_minutes": 240, "days_in_period": 730 / 24})
    assert r.credit_percent == pytest.approx(27.397260, abs=1e-6)
    # 1,000 minutes would pay 114.16%: limited to the fee, or to a stated cap
    r = evaluate(sla, {"downtime_minutes": 1000, "days_in_period": 730 / 24})
    assert r.credit_percent == 100 and "limited to 100%" in r.notes[0]
    capped = one_schedule(pro_rata(50), credit_cap_percent=25.0)
    assert evaluate(capped, {"downtime_minutes": 240, "days_in_period": 730 / 24}
                    ).credit_percent == 25


def test_pro_rata_from_availability_and_after_exclusions():
    sla = one_schedule(pro_rata(1), exclusions=["scheduled_maintenance"])
    # 99.5% of 30 days leaves 216 minutes: 216 / 43,200 x 100 = 0.5%
    assert evaluate(sla, {"availability_percent": 99.5}).credit_percent == 0.5
    # 100 minutes down, 40 of them excluded maintenance: 60 count -> 0.138889%
    r = evaluate(sla, {"downtime_minutes": 100, "monthly_fee": 432,
                       "excluded_minutes": {"scheduled_maintenance": 40}})
    assert (r.credit_percent, r.credit_amount) == (0.138889, 0.6)


def test_pro_rata_for_excess_downtime_only():
    sla = one_schedule(pro_rata(25, "excess_downtime"))  # 99.95% allows 21.6 min in 30 days
    # 81.6 minutes down: 60 beyond the allowance -> 25 x 60 / 43,200 x 100
    r = evaluate(sla, {"downtime_minutes": 81.6})
    assert r.credit_percent == pytest.approx(3.472222, abs=1e-6)
    # 99.8%: (99.95 - 99.8) / 100 x 43,200 = 64.8 minutes beyond -> 3.75%
    assert evaluate(sla, {"availability_percent": 99.8}).credit_percent == 3.75
    # in a 31-day month the allowance is 22.32 minutes: 81.6 - 22.32 = 59.28 beyond
    assert evaluate(sla, {"downtime_minutes": 81.6, "month": "2024-01"}).credit_percent == (
        pytest.approx(25 * 59.28 / 44_640 * 100, abs=1e-6))


@pytest.mark.parametrize("schedule", [pro_rata(10), pro_rata(10, "excess_downtime"),
                                      per_unit(10, rounding="up")])
def test_pro_rata_and_per_unit_pay_nothing_without_a_breach(schedule):
    sla = one_schedule(schedule)
    for scenario in ({"downtime_minutes": 21.6}, {"downtime_minutes": 5},
                     {"availability_percent": 99.95}, {"availability_percent": 100}):
        r = evaluate(sla, scenario | {"monthly_fee": 100})
        assert (r.breached, r.credit_percent, r.credit_amount) == (False, 0, 0)
    # the same schedule asked directly, below and at the target
    credit = compute_credit(sla, schedule, 99.96, downtime_minutes=17, target_percent=99.95)
    assert credit.percent == 0


@pytest.mark.parametrize(("minutes", "down", "up"), [
    (150, 20, 30), (120, 20, 20), (59, 0, 10), (60.5, 10, 20), (0.5, 0, 10)])
def test_per_unit_whole_units_or_part_thereof(minutes, down, up):
    # 10% per hour; a 99.999% target so that even half a minute is a breach
    whole = one_schedule(per_unit(10), goal=99.999)
    part = one_schedule(per_unit(10, rounding="up"), goal=99.999)
    assert evaluate(whole, {"downtime_minutes": minutes}).credit_percent == down
    assert evaluate(part, {"downtime_minutes": minutes}).credit_percent == up


def test_per_unit_half_hours_from_availability():
    # 99.5% of 30 days: 216 minutes = 7.2 half hours -> 7 x 5% = 35%, or 8 x 5% = 40%
    assert evaluate(one_schedule(per_unit(5, 30)), {"availability_percent": 99.5}
                    ).credit_percent == 35
    assert evaluate(one_schedule(per_unit(5, 30, "up")), {"availability_percent": 99.5}
                    ).credit_percent == 40


def test_per_unit_days_of_service():
    sla = one_schedule(per_unit(1, days=True))  # one day of service per hour
    r = evaluate(sla, {"downtime_minutes": 180, "month": "2024-01", "monthly_fee": 310})
    assert r.credit_percent == pytest.approx(300 / 31, abs=1e-6)  # 3 / 31 x 100
    assert r.credit_amount == 30
    assert evaluate(sla, {"downtime_minutes": 180}).credit_percent == 10  # 3 / 30


def test_per_unit_and_pro_rata_on_an_hours_schedule():
    hours = make_sla("Repair", [], [per_unit(5, metric="hours")])
    r = evaluate(hours, {"metric": "hours", "hours": 2.5})
    assert (r.credit_percent, r.breached) == (10, True)  # two full hours
    assert evaluate(hours, {"hours": 0.5}).breached is False
    beyond = make_sla("Beyond", [], [pro_rata(2, "excess_downtime", metric="hours")])
    r = evaluate(beyond, {"hours": 3})
    assert r.credit_percent is None and "needs the target" in r.error


def test_months_of_service_tiers():
    sla = one_schedule(CreditSchedule(evidence=EV, tiers=[
        Tier(lower=99.0, upper=99.95, credit_months=0.5),
        Tier(lower=0, upper=99.0, credit_months=1)]))
    assert evaluate(sla, {"availability_percent": 99.5}).credit_percent == 50
    r = evaluate(sla, {"availability_percent": 98, "month": "2024-02", "monthly_fee": 80})
    assert (r.credit_percent, r.credit_amount) == (100, 80)  # a month is the fee, any length
    capped = sla.model_copy(update={"credit_cap_percent": 30.0})
    assert evaluate(capped, {"availability_percent": 99.5}).credit_percent == 30


@pytest.mark.parametrize(("forms", "message"), [
    ({}, "got none"),
    ({"tiers": [Tier(lower=0, upper=99, credit_percent=10)],
      "pro_rata": ProRata(multiplier=1, basis="downtime")}, "got tiers, pro_rata"),
    ({"per_point": PerPoint(credit_percent_per_point=1, below=99.9),
      "per_unit": PerUnit(credit_percent_per_unit=5, unit_minutes=60)}, "got per_point, per_unit"),
])
def test_a_schedule_has_exactly_one_form(forms, message):
    with pytest.raises(ValidationError, match="exactly one of tiers, per_point, pro_rata or "
                                              f"per_unit \\({message}\\)"):
        CreditSchedule(evidence=EV, **forms)


def test_per_unit_credits_percent_or_days_not_both():
    with pytest.raises(ValidationError, match="exactly one of credit_percent_per_unit"):
        PerUnit(unit_minutes=60, credit_percent_per_unit=5, credit_days_per_unit=1)
    with pytest.raises(ValidationError, match="exactly one of credit_percent_per_unit"):
        PerUnit(unit_minutes=60)
    with pytest.raises(ValidationError, match="greater than 0"):
        PerUnit(unit_minutes=0, credit_percent_per_unit=5)
    with pytest.raises(ValidationError, match="greater than 0"):
        ProRata(multiplier=0, basis="downtime")


# --- scenario shape errors and evaluate_all ---------------------------------------

@pytest.mark.parametrize(("scenario", "message"), [
    ({}, "exactly one of"),
    ({"availability_percent": 99, "downtime_minutes": 3}, "exactly one of"),
    ({"metric": "hours"}, "needs an 'hours' value"),
    ({"metric": "availability_percent", "hours": 3}, "does not fit"),
    ({"availability_percent": 101}, "between 0 and 100"),
    ({"availability_percent": float("nan")}, "finite"),
    ({"downtime_minutes": -5}, "cannot be negative"),
    ({"downtime_minutes": 50000}, "longer than the period"),
    ({"availability_percent": 99, "monthly_fee": -1}, "monthly_fee cannot be negative"),
    ({"availability_percent": "lots"}, "invalid scenario: availability_percent"),
    ({"availability_percent": 99, "month": "2024-2"}, "YYYY-MM"),
    ([99.5], "must be an object"),
])
def test_bad_scenarios_give_error_results(scenario, message):
    r = evaluate(SLAS["tagoio"], scenario)
    assert r.credit_percent is None and r.credit_amount is None
    assert message in r.error


def test_evaluate_all_keeps_order_and_length():
    scenarios = [{"availability_percent": 99.5}, {"bad": 1}, {"downtime_minutes": 90}]
    results = evaluate_all(SLAS["tagoio"], scenarios)
    assert [r.credit_percent for r in results] == [10, None, 10]


def test_results_dump_to_the_contract_keys():
    dumped = json.loads(evaluate(SLAS["tagoio"], {"availability_percent": 99}).model_dump_json())
    assert {"service", "target_percent", "availability_percent", "breached", "credit_percent",
            "credit_amount", "allowed_downtime_minutes", "error"} <= dumped.keys()


# --- allowed downtime -------------------------------------------------------------

def test_allowed_downtime_table():
    assert allowed_downtime(99.9) == {
        "day": 1.44, "week": 10.08, "month": 43.2, "month_28": 40.32, "month_29": 41.76,
        "month_30": 43.2, "month_31": 44.64, "quarter": 131.4, "year": 525.6}
    assert allowed_downtime(99.99, days=31)["month"] == 4.464
    assert allowed_downtime(100)["year"] == 0
    with pytest.raises(ScenarioError):
        allowed_downtime(120)


# --- claim deadlines --------------------------------------------------------------

def at(text):
    return dt.datetime.fromisoformat(text)


def test_ticket_and_claim_deadline_from_the_incident():
    d = claim_deadlines(SLAS["tagoio"].claim, at("2024-03-01T10:00:00+00:00"))
    assert d.ticket_by == at("2024-03-02T10:00:00+00:00")
    assert d.claim_by == dt.date(2024, 3, 8)


@pytest.mark.parametrize(("incident", "days", "holidays", "expected"), [
    ("2024-03-01T09:00", 2, (), dt.date(2024, 3, 5)),  # Friday + 2 business days: Tuesday
    ("2024-03-01T09:00", 2, (dt.date(2024, 3, 4),), dt.date(2024, 3, 6)),  # Monday a holiday
    ("2024-03-02T09:00", 1, (), dt.date(2024, 3, 4)),  # from a Saturday
    ("2024-03-04T09:00", 5, (), dt.date(2024, 3, 11)),
    ("2024-03-04T09:00", 0, (), dt.date(2024, 3, 4)),
])
def test_business_days_skip_weekends_and_holidays(incident, days, holidays, expected):
    claim = Claim(deadline_days=days, deadline_day_kind="business", deadline_from="incident")
    assert claim_deadlines(claim, at(incident), holidays=holidays).claim_by == expected


@pytest.mark.parametrize(("incident", "days", "kind", "expected"), [
    ("2024-01-15T12:00", 60, "calendar", dt.date(2024, 3, 31)),  # Jan 31 + 60 days (leap)
    ("2023-02-10T12:00", 30, None, dt.date(2023, 3, 30)),  # Feb 28 + 30
    ("2024-03-20T12:00", 1, "business", dt.date(2024, 4, 1)),  # Sun Mar 31 + 1 business day
    ("2024-12-31T23:59", 5, "calendar", dt.date(2025, 1, 5)),
])
def test_deadline_from_end_of_period(incident, days, kind, expected):
    claim = Claim(deadline_days=days, deadline_day_kind=kind, deadline_from="end_of_period")
    assert claim_deadlines(claim, at(incident)).claim_by == expected


def test_deadline_from_last_failure():
    claim = SLAS["amberflo"].claim
    d = claim_deadlines(claim, at("2024-03-01T08:00"), last_failure_at=at("2024-03-20T08:00"))
    assert (d.claim_by, d.notes, d.ticket_by) == (dt.date(2024, 4, 19), [], None)
    fallback = claim_deadlines(claim, at("2024-03-01T08:00"))
    assert fallback.claim_by == dt.date(2024, 3, 31) and "from the incident" in fallback.notes[0]


@pytest.mark.parametrize(("incident", "cycles", "expected", "later"), [
    ("2024-01-15T00:00", 1, dt.date(2024, 1, 31), "2024-02-29"),
    ("2024-01-15T00:00", 2, dt.date(2024, 2, 29), "2024-03-31"),
    ("2024-12-05T00:00", 2, dt.date(2025, 1, 31), "2025-02-28"),
])
def test_billing_cycle_deadline(incident, cycles, expected, later):
    d = claim_deadlines(Claim(deadline_billing_cycles=cycles), at(incident))
    assert d.claim_by == expected and later in d.notes[0]


def test_earliest_deadline_wins_and_unknown_origin_is_noted():
    claim = Claim(deadline_days=60, deadline_billing_cycles=1)
    d = claim_deadlines(claim, at("2024-01-15T00:00"))
    assert d.claim_by == dt.date(2024, 1, 31)
    assert any("not stated" in n for n in d.notes)
    assert claim_deadlines(Claim(), at("2024-01-15T00:00")) == (None, None, [])


def test_evaluate_fills_claim_deadlines():
    r = evaluate(SLAS["tagoio"], {"availability_percent": 99.5,
                                  "incident_at": "2024-03-01T10:00:00Z"})
    assert r.claim_ticket_deadline == at("2024-03-02T10:00:00+00:00")
    assert r.claim_deadline == dt.date(2024, 3, 8)
    ibm = evaluate(SLAS["ibm-cloud"], {"metric": "hours", "hours": 3,
                                       "incident_at": "2024-01-15T00:00:00"})
    assert ibm.claim_deadline == dt.date(2024, 3, 31)


def test_deadline_off_the_calendar_is_an_error_result():
    r = evaluate(SLAS["tagoio"], {"availability_percent": 99.5,
                                  "incident_at": "9999-12-31T23:00:00"})
    assert r.credit_percent is None and "outside the calendar" in r.error


# --- composite availability -------------------------------------------------------

@pytest.mark.parametrize(("percents", "mode", "expected"), [
    ([99.9, 99.9], "series", 99.8001),
    ([99.9, 99.9], "redundant", 99.9999),
    ([99.99, 99.9, 99.5], "series", 99.39056),  # 0.9999 x 0.999 x 0.995 = 0.9939055995
    ([99.0], "redundant", 99.0),
    ([100, 0], "series", 0.0),
    ([100, 0], "redundant", 100.0),
])
def test_composite_availability(percents, mode, expected):
    assert composite_availability(percents, mode) == pytest.approx(expected, abs=1e-6)


def test_composite_availability_rejects():
    with pytest.raises(ScenarioError):
        composite_availability([])
    with pytest.raises(ScenarioError):
        composite_availability([99.9], mode="parallel")


def test_composite_scenario_what_each_vendor_owes():
    parts = [CompositePart(SLAS["cloudvno"], "SMS API", 1000),
             (SLAS["tagoio"], None, 500),
             CompositePart(SLAS["cloud-apim"], monthly_fee=300)]
    result = composite_scenario(parts, [60, 0, 0], days_in_period=30)
    sms, tago, apim = result.parts
    assert (sms.availability_percent, sms.credit_percent, sms.credit_amount) == (
        99.861111, 10, 100)
    assert (tago.credit_amount, apim.credit_amount) == (0, 0)
    assert result.availability_percent == 99.861111
    assert result.total_credit_amount == 100
    redundant = composite_scenario(parts[:2], [60, 60], month="2024-02", mode="redundant")
    assert redundant.availability_percent == 99.999794  # 1 - (60 / 41,760)^2


def test_composite_scenario_part_errors():
    result = composite_scenario([(SLAS["cloudvno"], "Fax API", 100)], [10])
    assert result.parts[0].error and result.availability_percent is None
    with pytest.raises(ScenarioError, match="2 parts but 1"):
        composite_scenario([(SLAS["tagoio"], None, 1), (SLAS["tagoio"], None, 1)], [10])


def test_a_boolean_is_not_a_number_in_a_scenario():
    """JSON true would read as 1.0% availability; it is refused with a clear message."""
    from extractor.analysis.engine import parse_scenario

    with pytest.raises(Exception, match="must be a number, not true or false"):
        parse_scenario({"availability_percent": True})
