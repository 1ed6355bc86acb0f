"""Schema 1.1 credit forms for people: schedules in words and the chart's credit curve."""
from __future__ import annotations

import itertools

import pytest

from extractor.analysis.engine import evaluate
from extractor.app_support import presentation as P
from schemas.models import (
    CreditSchedule,
    Evidence,
    PerUnit,
    ProRata,
    SLAExtraction,
    Source,
    Tier,
    UptimeTarget,
)

EV = Evidence(quote="(built by hand)", start=0, end=0)


def schedule(**form):
    return CreditSchedule(evidence=EV, **form)


def one_target(form: CreditSchedule, goal=99.95, cap=None):
    target = UptimeTarget(service=None, percent=goal, evidence=EV)
    sla = SLAExtraction(source=Source(path="s.txt", format="text", sha256="0"),
                        uptime_targets=[target], credit_schedules=[form], credit_cap_percent=cap)
    return sla, target


@pytest.mark.parametrize(("form", "target", "words"), [
    (schedule(pro_rata=ProRata(multiplier=25, basis="excess_downtime")), 99.95,
     "25 × the fee for downtime beyond 99.95%"),
    (schedule(pro_rata=ProRata(multiplier=25, basis="excess_downtime")), None,
     "25 × the fee for downtime beyond the target"),
    (schedule(pro_rata=ProRata(multiplier=1, basis="downtime")), None, "the fee for the downtime"),
    (schedule(pro_rata=ProRata(multiplier=10, basis="downtime")), 99.9,
     "10 × the fee for the downtime"),
    (schedule(per_unit=PerUnit(credit_percent_per_unit=10, unit_minutes=60)), None,
     "10% per full hour of downtime"),
    (schedule(per_unit=PerUnit(credit_percent_per_unit=5, unit_minutes=30, rounding="up")), None,
     "5% per half hour or part thereof"),
    (schedule(per_unit=PerUnit(credit_days_per_unit=1, unit_minutes=60)), None,
     "1 day of service per full hour of downtime"),
    (schedule(per_unit=PerUnit(credit_days_per_unit=2, unit_minutes=1440, rounding="up")), None,
     "2 days of service per day or part thereof"),
    (schedule(per_unit=PerUnit(credit_percent_per_unit=1, unit_minutes=15)), None,
     "1% per full 15 minutes of downtime"),
    (schedule(per_unit=PerUnit(credit_percent_per_unit=3, unit_minutes=120)), None,
     "3% per full 2 hours of downtime"),
    (schedule(tiers=[Tier(lower=99, upper=99.95, credit_months=0.5),
                     Tier(lower=0, upper=99, credit_months=1),
                     Tier(lower=0, upper=90, credit_months=1.5)]), None,
     ("99% to below 99.95%: ½ month of service; below 99%: 1 month of service; "
      "below 90%: 1½ months of service")),
    (schedule(services=["SMS API"], tiers=[Tier(lower=0, upper=99.9, credit_days=1)]), None,
     "SMS API — below 99.9%: 1 day of service"),
])
def test_schedule_in_words(form, target, words):
    assert P.schedule_in_words(form, target) == words


def test_a_per_unit_curve_steps_where_the_credit_does():
    for rounding in ("down", "up"):
        sla, target = one_target(schedule(per_unit=PerUnit(
            credit_percent_per_unit=10, unit_minutes=60, rounding=rounding)))
        curve = P.credit_curve(sla, target, low=99.0)
        # 99% of 30 days leaves 432 minutes: 7 full hours, or 8 begun
        assert curve[0] == (99.0, 70.0 if rounding == "down" else 80.0)
        assert curve[-2:] == [(99.95, 0.0), (100.0, 0.0)]
        assert len(curve) == 10  # the ends, the target and one step per hour below it
        # a step chart holds each point's credit until the next point: check in between
        for (x, credit), (nxt, _) in itertools.pairwise(curve):
            for at in (x + (nxt - x) * 0.01, (x + nxt) / 2, nxt - (nxt - x) * 0.01):
                assert evaluate(sla, {"availability_percent": at}).credit_percent == credit


def test_a_pro_rata_curve_is_sampled_and_capped():
    sla, target = one_target(schedule(pro_rata=ProRata(multiplier=25, basis="excess_downtime")),
                             cap=50)
    curve = P.credit_curve(sla, target)
    assert len(curve) == P.CURVE_SAMPLES + 2  # samples from 95% below the target, 99.95, 100
    xs = [x for x, _ in curve]
    assert xs == sorted(xs) and xs[0] == 95.0
    credits = [c for _, c in curve]
    assert credits == sorted(credits, reverse=True)
    assert credits[0] == 50 and dict(curve)[99.95] == 0
    assert max(b - a for a, b in itertools.pairwise(xs[:-1])) <= 4.95 / 200 + 1e-9
    # the last sample below the target, 99.92525%: 0.02475 points beyond it are 10.692
    # minutes of 43,200 -> 25 x 10.692 / 43,200 x 100 = 0.61875%
    assert curve[-3] == (pytest.approx(99.92525), pytest.approx(0.61875))


def test_a_per_unit_curve_of_many_small_units_is_sampled():
    sla, target = one_target(schedule(per_unit=PerUnit(credit_percent_per_unit=1,
                                                       unit_minutes=1)))
    curve = P.credit_curve(sla, target, low=80.0)
    assert len(curve) == P.CURVE_SAMPLES + 2
    assert curve[0] == (80.0, 100.0)
