"""Credit calculations over an extracted SLA: pure functions, exact decimals.

No file, network or clock access: dates come in as arguments. Arithmetic is done in
``decimal.Decimal`` (floats enter through their shortest repr, so 99.9 is exactly 99.9);
``evaluate`` and the other reporting functions return floats rounded to 6 decimals.

Semantics, one example each:

- Period: ``days_in_period`` (default 30) or a calendar month "YYYY-MM".
  "2024-02" is 29 days = 41,760 minutes; no period given is 30 days = 43,200 minutes.
- Availability from downtime: (period - counted downtime) / period x 100.
  43.2 minutes down in 30 days is exactly 99.9%.
- Excluded downtime is subtracted first, but only for categories the SLA excludes.
  60 minutes down, 30 of them ``scheduled_maintenance`` that the SLA excludes: 30 count;
  were maintenance not excluded by the SLA, all 60 count and a note says why.
- Breach: availability strictly below the target. 99.9% against 99.9% is no breach.
- Service names match case-insensitively: the exact name, else a name containing every
  word asked for, else the unique best word overlap. "high availability" finds
  "High availability for a public environment"; "API" among five "... API" services is
  ambiguous and the error lists the services. An SLA with one target for the whole
  offering (service null) answers any name, with a note.
- Schedule per service: the schedule naming the target's service (the words of one within
  the other's), else the one naming no service, else the closest word overlap. IBM's
  "Other environments" target uses the "Other environments" schedule, not the "High
  availability ..." one; with an "SMS API" schedule and a general one, "Voice API" uses
  the general one.
- Tiers, availability: ``lower <= availability < upper`` (upper null: no bound).
  99.9% in [99.9, 99.99) -> 10%. Several matching tiers: the highest credit.
- Tiers, hours: ``lower < hours <= upper``. 3 hours in (2, 6] -> 20%; 2 hours in (0, 2].
- Per point: so many % for each FULL point below ``below``. 94.9% with 1 per point
  below 99.9 -> floor(5.0) = 5%; 99.5% -> floor(0.4) = 0% (breached, no credit).
- Days of service instead of %: days / days in the period x 100. 3 days in 30 -> 10%.
  Months of service: months x 100 (one month is the period's fee). Half a month -> 50%.
- Pro rata: multiplier x minutes / period minutes x 100, the minutes all downtime
  (``downtime``) or only those beyond the target's allowance (``excess_downtime``). x50
  over a 730-hour month, 240 minutes down -> 240 / 43,800 x 50 x 100 = 27.3973%.
- Per unit: so much per unit of downtime, whole units (``down``) or "or part thereof"
  (``up``). 10% per 60 minutes, 150 minutes -> 20%; rounded up -> 30%. Days per unit:
  one day per hour, 3 hours in a 31-day month -> 3 / 31 x 100 = 9.6774%.
  Both take the counted downtime (after exclusions), or from an availability figure
  (100 - availability) / 100 x period minutes, and pay only when the target is breached.
- Not breached -> 0% even when a tier's range matches (a table shared by services with
  different targets): a service at 99.6% against its 99.5% target earns 0, not the 10% of a
  shared table.
- Breached but no tier matches -> 0%, with a note.
- Then the cap, for every schedule, hours included: 40% with ``credit_cap_percent`` 25
  -> 25%, with a note. A credit is also never more
  than 100% of the fee (a per-point schedule far below target), with a note.
- Then the minimum amount: 10% of a 5.00 fee = 0.50 < minimum 1.00 -> amount 0,
  ``credit_percent`` kept at 10, with a note. Without a fee there is no amount.
- Hours scenarios (``metric: "hours"``) need no service or target: breached = credit > 0.
- Claim deadlines: the ticket by ``incident_at + notice_hours``; the claim by N days
  after the incident / the last failure / the end of the incident's calendar month, in
  calendar days or business days (Saturdays, Sundays and given holidays skipped).
  Friday 2024-03-01 + 2 business days -> Tuesday 2024-03-05. Billing-cycle deadlines
  ("by the end of the Nth billing cycle"): billing cycles are calendar months and the
  incident's own cycle counts as the first, the earlier of the two readings, so a
  customer who files by it is safe: incident 2024-01-15, N = 2 -> 2024-02-29 (a note
  gives the later reading, 2024-03-31). Several deadlines: the earliest.
- Allowed downtime: period minutes x (100 - target) / 100. 99.8% in 30 days -> 86.4 min.
- Composite availability: series = product (99.9% and 99.9% -> 99.8001%); redundant =
  1 - product of unavailabilities (99.9% and 99.9% -> 99.9999%), failures independent.

Building blocks (``period_minutes``, ``availability_from_downtime``, ``compute_credit``)
return Decimals and raise ``ScenarioError``/``ServiceSelectionError``; ``evaluate`` never
raises: a problem becomes a result whose ``error`` says what is wrong.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple

from pydantic import ValidationError

from extractor.errors import ScenarioError, ServiceSelectionError, SLAError
from schemas.models import (
    Claim,
    CreditSchedule,
    Scenario,
    ScenarioResult,
    SLAExtraction,
    Tier,
    UptimeTarget,
)

Number = float | int | Decimal
Metric = Literal["availability_percent", "hours"]

MINUTES_PER_DAY = Decimal(1440)
DEFAULT_DAYS = Decimal(30)
MAX_DAYS = Decimal(366)
HUNDRED = Decimal(100)
_SIX_PLACES = Decimal("0.000001")
_ROUNDABLE = Decimal(10) ** 15  # beyond this, quantizing to 6 places exceeds 28 digits


class Selection(NamedTuple):
    target: UptimeTarget
    notes: list[str]


class Measured(NamedTuple):
    percent: Decimal
    notes: list[str]


class Credit(NamedTuple):
    percent: Decimal
    amount: Decimal | None  # None without a fee
    notes: list[str]


class Deadlines(NamedTuple):
    ticket_by: dt.datetime | None
    claim_by: dt.date | None
    notes: list[str]


class CompositePart(NamedTuple):
    sla: SLAExtraction
    service: str | None = None
    monthly_fee: float | None = None


class CompositeResult(NamedTuple):
    parts: list[ScenarioResult]
    availability_percent: float | None  # None when a part could not be evaluated
    total_credit_amount: float | None  # None when no part has a fee


# --- numbers -----------------------------------------------------------------------

def _dec(value: Number, name: str = "value") -> Decimal:
    """A finite Decimal; floats through their shortest repr (99.9 -> Decimal('99.9'))."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ScenarioError(f"{name} must be a number, got {value!r}")
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        raise ScenarioError(f"{name} must be a finite number, got {value!r}")
    return d


def _non_negative(value: Number, name: str) -> Decimal:
    d = _dec(value, name)
    if d < 0:
        raise ScenarioError(f"{name} cannot be negative, got {value!r}")
    return d


def _percent(value: Number, name: str) -> Decimal:
    d = _dec(value, name)
    if not 0 <= d <= HUNDRED:
        raise ScenarioError(f"{name} must be between 0 and 100, got {value!r}")
    return d


def _float(value: Decimal) -> float:
    if abs(value) < _ROUNDABLE:
        value = value.quantize(_SIX_PLACES, rounding=ROUND_HALF_UP)
    return float(value)


def _out(value: Decimal | None) -> float | None:
    return None if value is None else _float(value)


def _fmt(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text if len(text) <= 20 else f"{value:.6e}"


# --- periods and availability ------------------------------------------------------

def _period_days(days: Number | None = None, month: str | None = None) -> Decimal:
    in_month = None
    if month is not None:
        found = re.fullmatch(r"(\d{4})-(\d{2})", month.strip())
        if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) == 0:
            raise ScenarioError(f"month must look like YYYY-MM (e.g. 2024-02), got {month!r}")
        in_month = Decimal(calendar.monthrange(int(found[1]), int(found[2]))[1])
    if days is None:
        return in_month if in_month is not None else DEFAULT_DAYS
    d = _dec(days, "days_in_period")
    if not 0 < d <= MAX_DAYS:
        raise ScenarioError(f"days_in_period must be above 0 and at most 366, got {days!r}")
    if in_month is not None and d != in_month:
        raise ScenarioError(f"days_in_period {days!r} contradicts month {month} ({in_month} days)")
    return d


def period_minutes(days: Number | None = None, month: str | None = None) -> Decimal:
    """Minutes in the period: ``days`` (default 30) or calendar month "YYYY-MM"."""
    return _period_days(days, month) * MINUTES_PER_DAY


def availability_from_downtime(
    downtime_minutes: Number,
    period_minutes: Number,
    excluded_minutes: Mapping[str, Number] | None = None,
    sla_exclusions: Collection[str] = (),
) -> Measured:
    """Availability % after subtracting the excluded minutes of categories in
    ``sla_exclusions`` (the SLA's exclusion categories); other minutes still count."""
    period = _dec(period_minutes, "period_minutes")
    counted, notes = _counted_downtime(downtime_minutes, period, excluded_minutes,
                                       sla_exclusions)
    return Measured((period - counted) / period * HUNDRED, notes)


def _counted_downtime(downtime_minutes: Number, period: Decimal,
                      excluded_minutes: Mapping[str, Number] | None,
                      sla_exclusions: Collection[str]) -> tuple[Decimal, list[str]]:
    """The downtime minutes that count against the SLA, with notes on those that count
    although the scenario calls them excluded."""
    down = _non_negative(downtime_minutes, "downtime_minutes")
    if period <= 0:
        raise ScenarioError(f"period_minutes must be positive, got {_fmt(period)}")
    notes, excluded = [], Decimal(0)
    for category, minutes in (excluded_minutes or {}).items():
        m = _non_negative(minutes, f"excluded_minutes[{category!r}]")
        if category in sla_exclusions:
            excluded += m
        elif m:
            notes.append(f"{_fmt(m)} {category} minutes counted as downtime: "
                         f"this SLA does not exclude {category!r}")
    if excluded > down:
        raise ScenarioError(
            f"excluded minutes ({_fmt(excluded)}) exceed downtime_minutes ({_fmt(down)})")
    counted = down - excluded
    if counted > period:
        raise ScenarioError(f"downtime ({_fmt(counted)} minutes) is longer than the period "
                            f"({_fmt(period)} minutes)")
    return counted, notes


def allowed_downtime(target_percent: Number, days: Number = 30) -> dict[str, float]:
    """Minutes of downtime the target allows per day, week, month (``days``, and 28-31
    days as ``month_28`` ...), quarter (91.25 days) and year (365 days)."""
    unavailable = (HUNDRED - _percent(target_percent, "target_percent")) / HUNDRED
    periods = {"day": Decimal(1), "week": Decimal(7), "month": _period_days(days)}
    periods |= {f"month_{n}": Decimal(n) for n in (28, 29, 30, 31)}
    periods |= {"quarter": Decimal("91.25"), "year": Decimal(365)}
    return {name: _float(d * MINUTES_PER_DAY * unavailable) for name, d in periods.items()}


# --- services and schedules --------------------------------------------------------

_STOPWORDS = frozenset(["a", "an", "and", "for", "in", "of", "on", "the", "to", "with"])


def _words(text: str | None) -> frozenset[str]:
    """Lowercase words without stopwords and plural s: 'Other environments' ->
    {'other', 'environment'}."""
    words = set()
    for word in re.findall(r"[^\W_]+", (text or "").lower()):
        if word in _STOPWORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _names(targets: Iterable[UptimeTarget]) -> str:
    return ", ".join(repr(t.service) if t.service else "(the whole offering)" for t in targets)


def select_target(sla: SLAExtraction, service: str | None = None) -> Selection:
    """The uptime target a scenario's service name designates (see module docstring).

    Raises ServiceSelectionError, listing the SLA's services, when the name is unknown or
    ambiguous, or when no name is given and the SLA has several targets."""
    targets = sla.uptime_targets
    if not targets:
        raise ServiceSelectionError("this SLA states no uptime target")
    if service is None or not service.strip():
        if len(targets) == 1:
            return Selection(targets[0], [])
        raise ServiceSelectionError(f"name a service: this SLA has {len(targets)} targets: "
                                    f"{_names(targets)}")
    if len(targets) == 1 and targets[0].service is None:
        note = f"the SLA has one target for the whole offering; it is used for {service!r}"
        return Selection(targets[0], [note])
    found = [t for t in targets if t.service and _norm(t.service) == _norm(service)]
    asked = _words(service)
    if not found and asked:
        found = [t for t in targets if asked <= _words(t.service)]
    if not found and asked:
        overlap = [len(asked & _words(t.service)) for t in targets]
        partial = [t for t, n in zip(targets, overlap, strict=True) if n and n == max(overlap)]
        if len(partial) == 1:
            note = f"{service!r} matched {_names(partial)} by partial word overlap"
            return Selection(partial[0], [note])
        if partial:
            raise ServiceSelectionError(
                f"no service matches {service!r}; it shares words with {_names(partial)} "
                f"alike; this SLA has: {_names(targets)}")
    if len(found) == 1:
        return Selection(found[0], [])
    if not found:
        raise ServiceSelectionError(f"no service matches {service!r}; this SLA has: "
                                    f"{_names(targets)}")
    raise ServiceSelectionError(f"{service!r} is ambiguous: it matches {_names(found)}; "
                                f"this SLA has: {_names(targets)}")


def schedule_for(sla: SLAExtraction, service: str | None,
                 metric: Metric = "availability_percent") -> CreditSchedule | None:
    """The ``metric`` schedule for ``service``, in this order: one naming it (a name whose
    words contain, or are contained in, the service's; the closest if several); one naming
    no service; the one sharing most words with it; for an unnamed service (the whole
    offering), the only schedule there is. None when nothing fits."""
    candidates = [s for s in sla.credit_schedules if s.metric == metric]
    wanted = _words(service)

    def score(schedule: CreditSchedule, strict: bool) -> float:
        """Best word overlap (Jaccard) of the schedule's names with the service's."""
        return max((len(wanted & w) / len(wanted | w) for w in map(_words, schedule.services)
                    if wanted and w and (not strict or w <= wanted or wanted <= w)),
                   default=0.0)

    def closest(strict: bool) -> CreditSchedule | None:
        found = max(candidates, key=lambda s: score(s, strict), default=None)
        return found if found is not None and score(found, strict) > 0 else None

    general = next((s for s in candidates if not s.services), None)
    only = candidates[0] if service is None and len(candidates) == 1 else None
    return closest(strict=True) or general or closest(strict=False) or only


# --- credits -----------------------------------------------------------------------

def _tier_applies(tier: Tier, value: Decimal, metric: Metric) -> bool:
    lower = _dec(tier.lower, "tier lower")
    upper = None if tier.upper is None else _dec(tier.upper, "tier upper")
    if metric == "hours":  # (lower, upper]
        return lower < value and (upper is None or value <= upper)
    return lower <= value and (upper is None or value < upper)  # [lower, upper)


def _tier_percent(tier: Tier, days_in_period: Decimal) -> Decimal:
    if tier.credit_percent is not None:
        return _dec(tier.credit_percent, "tier credit_percent")
    if tier.credit_days is not None:
        return _dec(tier.credit_days, "tier credit_days") / days_in_period * HUNDRED
    if tier.credit_months is not None:  # one month of service is the period's whole fee
        return _dec(tier.credit_months, "tier credit_months") * HUNDRED
    return Decimal(0)


def _paid_minutes(schedule: CreditSchedule, value: Decimal, period: Decimal,
                  downtime_minutes: Number | None, target: Decimal | None) -> Decimal:
    """The downtime a pro-rata or per-unit schedule pays for: the hours of an hours
    scenario, the counted downtime, else what the availability leaves of the period;
    for ``excess_downtime`` only the minutes beyond the target's allowance."""
    if schedule.metric == "hours":
        minutes = value * 60
    elif downtime_minutes is not None:
        minutes = _non_negative(downtime_minutes, "downtime_minutes")
    else:
        minutes = (HUNDRED - value) / HUNDRED * period
    if schedule.pro_rata is None or schedule.pro_rata.basis != "excess_downtime":
        return minutes
    if target is None or schedule.metric == "hours":
        raise ScenarioError("a credit for downtime beyond the target needs the target")
    return max(minutes - (HUNDRED - target) / HUNDRED * period, Decimal(0))


def _schedule_percent(schedule: CreditSchedule, value: Decimal, days_in_period: Decimal,
                      downtime_minutes: Number | None = None,
                      target: Decimal | None = None) -> Decimal | None:
    """The schedule's credit % for ``value``; None when no tier applies."""
    if schedule.pro_rata is not None or schedule.per_unit is not None:
        if target is not None and schedule.metric != "hours" and value >= target:
            return Decimal(0)  # these forms pay only for a breached period
        period = days_in_period * MINUTES_PER_DAY
        minutes = _paid_minutes(schedule, value, period, downtime_minutes, target)
        if schedule.pro_rata is not None:
            multiplier = _dec(schedule.pro_rata.multiplier, "pro_rata multiplier")
            return multiplier * minutes / period * HUNDRED
        unit = schedule.per_unit
        assert unit is not None  # one of the two, tested above
        units = (minutes / _dec(unit.unit_minutes, "per_unit unit_minutes")).to_integral_value(
            rounding=ROUND_CEILING if unit.rounding == "up" else ROUND_FLOOR)
        if unit.credit_percent_per_unit is not None:
            return units * _dec(unit.credit_percent_per_unit, "credit_percent_per_unit")
        assert unit.credit_days_per_unit is not None  # the model requires one of the two
        days = units * _dec(unit.credit_days_per_unit, "credit_days_per_unit")
        return days / days_in_period * HUNDRED
    if schedule.tiers:
        matching = [_tier_percent(t, days_in_period) for t in schedule.tiers
                    if _tier_applies(t, value, schedule.metric)]
        return max(matching, default=None)
    if schedule.per_point is not None:
        below = _dec(schedule.per_point.below, "per_point below")
        per_point = _dec(schedule.per_point.credit_percent_per_point, "credit_percent_per_point")
        full_points = max(below - value, Decimal(0)).to_integral_value(rounding=ROUND_FLOOR)
        return per_point * full_points
    return None


def compute_credit(sla: SLAExtraction, schedule: CreditSchedule, value: Number, *,
                   days_in_period: Number = 30, monthly_fee: Number | None = None,
                   downtime_minutes: Number | None = None,
                   target_percent: Number | None = None) -> Credit:
    """Credit for a breached period: the schedule's credit for ``value`` (availability %
    or hours), then the SLA's cap, then its minimum amount (needs ``monthly_fee``).
    Pro-rata and per-unit schedules count ``downtime_minutes`` when given (else the
    downtime ``value`` implies) and pay nothing at or above ``target_percent``, which an
    ``excess_downtime`` schedule needs."""
    notes: list[str] = []
    measured = _dec(value, schedule.metric)
    target = None if target_percent is None else _percent(target_percent, "target_percent")
    percent = _schedule_percent(schedule, measured, _period_days(days_in_period),
                                downtime_minutes, target)
    if percent is None:
        notes.append(f"no tier of the credit schedule covers {_fmt(measured)}: no credit")
        percent = Decimal(0)
    cap = None if sla.credit_cap_percent is None else _dec(sla.credit_cap_percent, "cap")
    if cap is not None and percent > cap:
        notes.append(f"credit {_fmt(percent)}% capped at {_fmt(cap)}%")
        percent = cap
    if percent > HUNDRED:
        notes.append(f"credit {_fmt(percent)}% limited to 100% of the fee")
        percent = HUNDRED
    if monthly_fee is None:
        return Credit(percent, None, notes)
    amount = _non_negative(monthly_fee, "monthly_fee") * percent / HUNDRED
    minimum = sla.minimum_credit_amount
    if minimum is not None and 0 < amount < _dec(minimum, "minimum_credit_amount"):
        notes.append(f"credit amount {_fmt(amount)} is below the minimum of {minimum}: "
                     f"not issued")
        amount = Decimal(0)
    return Credit(percent, amount, notes)


# --- claim deadlines ---------------------------------------------------------------

def _month_end(day: dt.date, months_later: int = 0) -> dt.date:
    year, month = divmod(day.month - 1 + months_later, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_days(start: dt.date, days: int, business: bool, holidays: Collection[dt.date]) -> dt.date:
    if not business:
        return start + dt.timedelta(days=days)
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days -= 1
    return day


def claim_deadlines(claim: Claim, incident_at: dt.datetime,
                    last_failure_at: dt.datetime | None = None,
                    holidays: Iterable[dt.date] = ()) -> Deadlines:
    """When to open the ticket and the last day to file the claim (module docstring)."""
    notes: list[str] = []
    holidays = frozenset(holidays)
    try:
        ticket_by = (None if claim.notice_hours is None
                     else incident_at + dt.timedelta(hours=claim.notice_hours))
        candidates = []
        if claim.deadline_days is not None:
            if claim.deadline_days < 0:
                raise ScenarioError(f"claim deadline_days is negative: {claim.deadline_days}")
            start = incident_at.date()
            if claim.deadline_from == "last_failure":
                if last_failure_at is None:
                    notes.append("no last failure given: the deadline counts from the incident")
                start = (last_failure_at or incident_at).date()
            elif claim.deadline_from == "end_of_period":
                start = _month_end(start)
            elif claim.deadline_from != "incident":
                notes.append(f"deadline counted from the incident (the SLA says: "
                             f"{claim.deadline_from or 'not stated'})")
            business = claim.deadline_day_kind == "business"
            candidates.append(_add_days(start, claim.deadline_days, business, holidays))
        cycles = claim.deadline_billing_cycles
        if cycles is not None:
            if cycles < 1:
                raise ScenarioError(f"claim deadline_billing_cycles must be 1 or more: {cycles}")
            candidates.append(_month_end(incident_at.date(), cycles - 1))
            notes.append(f"billing cycle {cycles} read as counting the incident's month as the "
                         f"first; counted after it, the deadline is "
                         f"{_month_end(incident_at.date(), cycles).isoformat()}")
    except (OverflowError, ValueError) as exc:
        raise ScenarioError(f"claim deadline falls outside the calendar: {exc}") from exc
    return Deadlines(ticket_by, min(candidates, default=None), notes)


# --- scenarios ---------------------------------------------------------------------

def parse_scenario(scenario: Scenario | Mapping[str, Any]) -> Scenario:
    """A Scenario from a model or a JSON object, its numbers checked (finite, not
    negative, percentages within 0-100); ScenarioError names the bad key."""
    if isinstance(scenario, Mapping):
        try:
            scenario = Scenario.model_validate(dict(scenario))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'scenario'}: {e['msg']}"
                                 for e in exc.errors())
            raise ScenarioError(f"invalid scenario: {problems}") from None
    if not isinstance(scenario, Scenario):
        raise ScenarioError(f"a scenario must be an object, got {type(scenario).__name__}")
    if scenario.availability_percent is not None:
        _percent(scenario.availability_percent, "availability_percent")
    for name in ("downtime_minutes", "hours", "monthly_fee"):
        if getattr(scenario, name) is not None:
            _non_negative(getattr(scenario, name), name)
    for category, minutes in scenario.excluded_minutes.items():
        _non_negative(minutes, f"excluded_minutes[{category!r}]")
    return scenario


def _kind(s: Scenario) -> str:
    given = [k for k in ("availability_percent", "downtime_minutes", "hours")
             if getattr(s, k) is not None]
    if s.metric == "hours" and s.hours is None:
        raise ScenarioError("metric 'hours' needs an 'hours' value")
    if len(given) != 1:
        raise ScenarioError("a scenario needs exactly one of availability_percent, "
                            f"downtime_minutes or hours (got {', '.join(given) or 'none'})")
    if s.metric is not None and (given[0] == "hours") != (s.metric == "hours"):
        raise ScenarioError(f"metric {s.metric!r} does not fit {given[0]!r}")
    return given[0]


def _evaluate_hours(sla: SLAExtraction, s: Scenario, days: Decimal, out: dict) -> None:
    schedule = schedule_for(sla, s.service, "hours")
    if schedule is None:
        raise ScenarioError("this SLA has no hours-based credit schedule")
    assert s.hours is not None  # _kind() said so
    credit = compute_credit(sla, schedule, s.hours, days_in_period=days,
                            monthly_fee=s.monthly_fee)
    out["notes"] += credit.notes
    out.update(breached=credit.percent > 0, credit_percent=_out(credit.percent),
               credit_amount=_out(credit.amount))


def _evaluate_availability(sla: SLAExtraction, s: Scenario, target: UptimeTarget | None,
                           days: Decimal, out: dict) -> None:
    if target is None:
        target, notes = select_target(sla, s.service)
        out["notes"] += notes
    goal = _percent(target.percent, f"the target of {target.service or 'the SLA'}")
    minutes = days * MINUTES_PER_DAY
    out.update(service=target.service, target_percent=_out(goal),
               allowed_downtime_minutes=_out(minutes * (HUNDRED - goal) / HUNDRED))
    if s.availability_percent is not None:
        availability = _percent(s.availability_percent, "availability_percent")
        if s.excluded_minutes:
            out["notes"].append("excluded_minutes ignored: availability_percent is given")
        counted = None
    else:
        assert s.downtime_minutes is not None  # _kind() said so
        exclusions = {e.category for e in sla.exclusions}
        counted, notes = _counted_downtime(s.downtime_minutes, minutes, s.excluded_minutes,
                                           exclusions)
        availability = availability_from_downtime(counted, minutes).percent
        out["notes"] += notes
    breached = availability < goal
    out.update(availability_percent=_out(availability), breached=breached)
    if not breached:
        out.update(credit_percent=0.0, credit_amount=None if s.monthly_fee is None else 0.0)
        return
    schedule = schedule_for(sla, target.service, "availability_percent")
    if schedule is None:
        raise ScenarioError(f"the target is missed but this SLA has no availability credit "
                            f"schedule for {target.service or 'the service'}")
    credit = compute_credit(sla, schedule, availability, days_in_period=days,
                            monthly_fee=s.monthly_fee, downtime_minutes=counted,
                            target_percent=goal)
    out["notes"] += credit.notes
    out.update(credit_percent=_out(credit.percent), credit_amount=_out(credit.amount))


def evaluate(sla: SLAExtraction, scenario: Scenario | Mapping[str, Any], *,
             target: UptimeTarget | None = None) -> ScenarioResult:
    """One scenario's result. Never raises: a problem sets ``error`` and leaves
    ``credit_percent`` None. ``target``: use it instead of selecting by service name."""
    out: dict[str, Any] = {"notes": []}
    if isinstance(scenario, Mapping) and isinstance(scenario.get("service"), str):
        out["service"] = scenario["service"]
    try:
        s = parse_scenario(scenario)
        out["service"] = s.service
        days = _period_days(s.days_in_period, s.month)
        if _kind(s) == "hours":
            _evaluate_hours(sla, s, days, out)
        else:
            _evaluate_availability(sla, s, target, days, out)
        if s.incident_at is not None:
            deadlines = claim_deadlines(sla.claim, s.incident_at)
            out["notes"] += deadlines.notes
            out.update(claim_ticket_deadline=deadlines.ticket_by,
                       claim_deadline=deadlines.claim_by)
        return ScenarioResult(**out)
    except SLAError as exc:
        error = str(exc)
    except Exception as exc:  # noqa: BLE001 - the contract: an error result, never a raise
        error = f"internal error ({type(exc).__name__}): {exc}"
    out.update(error=error, credit_percent=None, credit_amount=None)
    try:
        return ScenarioResult(**out)
    except ValidationError:  # a partial field that will not validate: keep the error only
        return ScenarioResult(error=error, notes=out["notes"])


def evaluate_all(sla: SLAExtraction,
                 scenarios: Sequence[Scenario | Mapping[str, Any]]) -> list[ScenarioResult]:
    """One result per scenario, same order."""
    return [evaluate(sla, s) for s in scenarios]


# --- composites --------------------------------------------------------------------

def composite_availability(percents: Iterable[Number],
                           mode: Literal["series", "redundant"] = "series") -> float:
    """Series (all needed): product. Redundant (any one suffices): 1 - product of the
    unavailabilities. Assumes independent failures."""
    fractions = [_percent(p, "availability") / HUNDRED for p in percents]
    if not fractions:
        raise ScenarioError("composite availability needs at least one part")
    if mode == "series":
        result = math.prod(fractions, start=Decimal(1))
    elif mode == "redundant":
        result = 1 - math.prod((1 - f for f in fractions), start=Decimal(1))
    else:
        raise ScenarioError(f"mode must be 'series' or 'redundant', got {mode!r}")
    return _float(result * HUNDRED)


def composite_scenario(parts: Sequence[CompositePart | tuple], downtime_minutes: Sequence[Number],
                       *, days_in_period: Number | None = None, month: str | None = None,
                       mode: Literal["series", "redundant"] = "series") -> CompositeResult:
    """Each part (sla, service, monthly_fee) evaluated with its own downtime: what each
    vendor owes, and the composite availability. Part errors land in their results."""
    if len(parts) != len(downtime_minutes):
        raise ScenarioError(f"{len(parts)} parts but {len(downtime_minutes)} downtime values")
    results = []
    for part, down in zip(parts, downtime_minutes, strict=True):
        sla, service, fee = CompositePart(*part)
        results.append(evaluate(sla, {"service": service, "downtime_minutes": down,
                                      "days_in_period": days_in_period, "month": month,
                                      "monthly_fee": fee}))
    percents = [r.availability_percent for r in results if r.availability_percent is not None]
    composite = (composite_availability(percents, mode)
                 if results and len(percents) == len(results) else None)
    amounts = [r.credit_amount for r in results if r.credit_amount is not None]
    total = _out(sum(map(_dec, amounts), Decimal(0))) if amounts else None
    return CompositeResult(results, composite, total)
