"""Properties of the engine over generated SLAs and scenarios (hypothesis)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.analysis.engine import evaluate
from schemas.models import (
    Claim,
    CreditSchedule,
    Evidence,
    Exclusion,
    PerPoint,
    PerUnit,
    ProRata,
    ScenarioResult,
    SLAExtraction,
    Source,
    Tier,
    UptimeTarget,
)

EV = Evidence(quote="(generated)", start=0, end=0)
SOURCE = Source(path="generated.txt", format="text", sha256="0" * 64)

# percentages with up to three decimals, as SLAs print them
percent = st.integers(0, 100_000).map(lambda n: n / 1000)
target_percent = st.integers(90_000, 99_999).map(lambda n: n / 1000)
availability = st.floats(0, 100, allow_nan=False)


@st.composite
def monotone_tiers(draw, target):
    """[b1, target) -> c1, [b2, b1) -> c2 >= c1, ..., [0, bk) -> ck: credit grows as
    availability falls. Sometimes the top tier stops short of the target (a gap)."""
    cuts = sorted(draw(st.sets(st.integers(1, int(target * 1000) - 1), max_size=4)), reverse=True)
    bounds = [target] + [c / 1000 for c in cuts] + [0]
    credits = sorted(draw(st.lists(st.integers(0, 100), min_size=len(bounds) - 1,
                                   max_size=len(bounds) - 1)))
    # the same credits as % of the fee, or as months of service (0.25 month = 25%)
    key, scale = draw(st.sampled_from([("credit_percent", 1), ("credit_months", 100)]))
    tiers = [Tier(lower=lo, upper=up, **{key: c / scale})
             for up, lo, c in zip(bounds, bounds[1:], credits, strict=False)]
    if draw(st.booleans()):
        tiers = tiers[1:] or tiers  # leave a gap just below the target
    return CreditSchedule(tiers=tiers, evidence=EV)


pro_rata = st.builds(ProRata, multiplier=st.integers(1, 1000).map(lambda n: n / 10),
                     basis=st.sampled_from(["downtime", "excess_downtime"]))
per_unit = st.one_of(*(
    st.builds(PerUnit, unit_minutes=st.sampled_from([1, 15, 30, 60, 90, 1440]),
              rounding=st.sampled_from(["down", "up"]), **{key: credits})
    for key, credits in (("credit_percent_per_unit", st.integers(0, 100)),
                         ("credit_days_per_unit", st.integers(1, 10)))))


@st.composite
def slas(draw):
    goal = draw(target_percent)
    form = draw(st.sampled_from(["tiers", "per_point", "pro_rata", "per_unit"]))
    if form == "tiers":
        schedule = draw(monotone_tiers(goal))
    elif form == "per_point":
        schedule = CreditSchedule(evidence=EV, per_point=PerPoint(
            credit_percent_per_point=draw(st.integers(1, 10)), below=goal))
    else:
        schedule = CreditSchedule(evidence=EV, **{form: draw(pro_rata if form == "pro_rata"
                                                               else per_unit)})
    return SLAExtraction(
        source=SOURCE, uptime_targets=[UptimeTarget(service=None, percent=goal, evidence=EV)],
        credit_schedules=[schedule],
        credit_cap_percent=draw(st.one_of(st.none(), percent)),
        minimum_credit_amount=draw(st.one_of(st.none(), st.just(1.0))))


@settings(deadline=None)
@given(slas(), availability, availability)
def test_credit_never_decreases_as_availability_falls(sla, a, b):
    high, low = max(a, b), min(a, b)
    r_high, r_low = evaluate(sla, {"availability_percent": high}), evaluate(
        sla, {"availability_percent": low})
    assert r_high.error is None and r_low.error is None
    assert r_low.credit_percent >= r_high.credit_percent


@settings(deadline=None)
@given(slas(), availability, st.one_of(st.none(), st.floats(0, 1e9)))
def test_credit_never_exceeds_the_cap_nor_the_fee(sla, a, fee):
    r = evaluate(sla, {"availability_percent": a, "monthly_fee": fee})
    cap = 100 if sla.credit_cap_percent is None else min(sla.credit_cap_percent, 100)
    assert 0 <= r.credit_percent <= cap
    if fee is not None:
        # credit_percent is rounded to 6 places: the amount may be up to half of 1e-6 above
        assert 0 <= r.credit_amount <= fee * (r.credit_percent + 1e-6) / 100 + 1e-6


@settings(deadline=None)
@given(slas(), availability)
def test_breached_exactly_when_availability_is_below_target(sla, a):
    r = evaluate(sla, {"availability_percent": a})
    assert r.breached == (a < sla.uptime_targets[0].percent)
    if not r.breached:
        assert r.credit_percent == 0


@settings(deadline=None)
@given(slas(), st.floats(0, 40_320), st.sampled_from([28, 29, 30, 31]))
def test_breached_exactly_when_downtime_exceeds_the_allowance(sla, down, days):
    r = evaluate(sla, {"downtime_minutes": down, "days_in_period": days})
    allowed = days * 1440 * (100 - Decimal(repr(sla.uptime_targets[0].percent))) / 100
    assert r.breached == (Decimal(repr(down)) > allowed)
    if not r.breached:
        assert r.credit_percent == 0


@settings(deadline=None)
@given(slas(), st.floats(0, 40_320), st.floats(0, 40_320), st.sampled_from([28, 29, 30, 31]),
       st.one_of(st.none(), st.floats(0, 1e6)))
def test_credit_never_decreases_as_downtime_grows(sla, a, b, days, fee):
    """Every form, downtime given in minutes: more downtime never pays less, never
    less than nothing, never more than the cap."""
    short, long = (evaluate(sla, {"downtime_minutes": m, "days_in_period": days,
                                  "monthly_fee": fee}) for m in sorted((a, b)))
    assert short.error is None and long.error is None
    cap = 100 if sla.credit_cap_percent is None else min(sla.credit_cap_percent, 100)
    assert 0 <= short.credit_percent <= long.credit_percent <= cap
    if fee is not None:
        assert 0 <= short.credit_amount <= long.credit_amount


# --- any scenario object gives a result, never an exception -----------------------

FIXED = [
    SLAExtraction(
        source=SOURCE, uptime_targets=[UptimeTarget(service=None, percent=99.8, evidence=EV)],
        credit_schedules=[CreditSchedule(evidence=EV, tiers=[
            Tier(lower=99.0, upper=99.8, credit_percent=10),
            Tier(lower=0, upper=99.0, credit_percent=25)])],
        minimum_credit_amount=1.0,
        exclusions=[Exclusion(category="scheduled_maintenance", text="", evidence=EV)],
        claim=Claim(deadline_days=7, deadline_from="incident", notice_hours=24)),
    SLAExtraction(
        source=SOURCE,
        uptime_targets=[UptimeTarget(service="SMS API", percent=99.99, evidence=EV),
                        UptimeTarget(service="Voice API", percent=99.9, evidence=EV)],
        credit_schedules=[
            CreditSchedule(evidence=EV, tiers=[Tier(lower=0, upper=99.99, credit_days=3)]),
            CreditSchedule(evidence=EV, metric="hours", tiers=[
                Tier(lower=2, upper=None, credit_percent=20)])],
        credit_cap_percent=25,
        claim=Claim(deadline_days=10, deadline_day_kind="business",
                    deadline_from="end_of_period", deadline_billing_cycles=2)),
    SLAExtraction(
        source=SOURCE,
        uptime_targets=[UptimeTarget(service="SMS API", percent=99.95, evidence=EV),
                        UptimeTarget(service="Voice API", percent=99.9, evidence=EV)],
        credit_schedules=[
            CreditSchedule(evidence=EV, services=["SMS API"], pro_rata=ProRata(
                multiplier=25, basis="excess_downtime")),
            CreditSchedule(evidence=EV, services=["Voice API"], per_unit=PerUnit(
                credit_days_per_unit=1, unit_minutes=60, rounding="up")),
            CreditSchedule(evidence=EV, metric="hours", pro_rata=ProRata(
                multiplier=2, basis="excess_downtime"))],
        exclusions=[Exclusion(category="customer_caused", text="", evidence=EV)]),
]
KEYS = ["service", "metric", "availability_percent", "downtime_minutes", "days_in_period",
        "month", "excluded_minutes", "hours", "monthly_fee", "incident_at"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["SMS API", "sms", "hours", "availability_percent", "2024-02", "2024-13",
                     "0000-01", "9999-12-31T23:59:59", "2024-03-01T10:00:00Z", "1e400"]),
    st.datetimes().map(lambda d: d.isoformat()))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=25), inner, max_size=3)),
    max_leaves=6)
scenario_dicts = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
                                 values, max_size=6)
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(-(10**30), 10**30), st.floats(0, 100), st.integers(0, 50_000))
# well-typed keys with hostile values reach past validation into the arithmetic
typed_dicts = st.fixed_dictionaries({}, optional={
    "service": st.sampled_from([None, "", "SMS API", "voice", "Fax"]),
    "metric": st.sampled_from([None, "hours", "availability_percent"]),
    "availability_percent": numbers, "downtime_minutes": numbers, "days_in_period": numbers,
    "hours": numbers, "monthly_fee": numbers,
    "month": st.one_of(st.sampled_from(["2024-02", "2023-02", "0000-01", "9999-12"]),
                       st.text(max_size=8)),
    "excluded_minutes": st.dictionaries(
        st.sampled_from(["scheduled_maintenance", "customer_caused", "x"]), numbers, max_size=2),
    "incident_at": st.datetimes(timezones=st.none() | st.just(dt.timezone.utc)),
})


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(FIXED), st.one_of(scenario_dicts, typed_dicts, values))
def test_any_scenario_gives_a_result_never_an_exception(sla, scenario):
    r = evaluate(sla, scenario)
    assert isinstance(r, ScenarioResult)
    if r.error is not None:
        assert r.error and not r.error.startswith("internal error"), r.error
        assert r.credit_percent is None and r.credit_amount is None
    else:
        assert 0 <= r.credit_percent <= 100
        assert r.breached is not None
    r.model_dump_json()  # the CLI can always print it
