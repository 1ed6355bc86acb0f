"""What the app shows, as pure functions: terms in words, the comparison table, the
corrections applied for calculations, evidence passages and the credit curve.

Nothing here renders: the app (app.py) only lays these values out. Document text is
returned as plain strings, except ``evidence_html`` which escapes every piece of
document text with ``html.escape`` before adding its own <mark> tags.
"""
from __future__ import annotations

import copy
import csv
import html
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from extractor.analysis.engine import evaluate, schedule_for
from schemas.models import CreditSchedule, Evidence, SLAExtraction, SupportTime, UptimeTarget

WHOLE_OFFERING = "(whole offering)"
CORRECTED_MARK = " ✎ corrected"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.6f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else f"{value:g}"


def service_name(target: UptimeTarget | None) -> str:
    return WHOLE_OFFERING if target is None or not target.service else target.service


def provider_labels(slas: Sequence[SLAExtraction]) -> list[str]:
    """A unique column label per SLA: the provider, with the file name when two clash."""
    base = [s.provider or PurePath(s.source.path).stem for s in slas]
    out = []
    for label, sla in zip(base, slas, strict=True):
        if base.count(label) > 1:
            label = f"{label} ({PurePath(sla.source.path).name})"
        n, unique = 2, label
        while unique in out:
            unique, n = f"{label} #{n}", n + 1
        out.append(unique)
    return out


# --- corrections -----------------------------------------------------------------------

def _split(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split(".") if p != ""]


def get_path(data: Any, path: str) -> Any:
    for key in _split(path):
        data = data[key]
    return data


def apply_corrections(sla: SLAExtraction) -> SLAExtraction:
    """The SLA with each path's latest correction applied, for calculations and display.
    The stored extraction is not changed; a correction that does not fit the schema is
    skipped with a warning."""
    if not sla.corrections:
        return sla
    data = sla.model_dump(mode="json")
    warnings = list(data["warnings"])
    for correction in sorted(sla.corrections, key=lambda c: c.corrected_at):
        trial = copy.deepcopy(data)
        try:
            *parents, last = _split(correction.path)
            holder = trial
            for key in parents:
                holder = holder[key]
            if isinstance(last, int) or last in holder:
                holder[last] = correction.value
            else:
                raise KeyError(last)
            SLAExtraction.model_validate(trial)
        except (KeyError, IndexError, TypeError, ValidationError) as exc:
            warnings.append(f"correction of {correction.path} not applied: "
                            f"{type(exc).__name__}")
            continue
        data = trial
    data["warnings"] = warnings
    return SLAExtraction.model_validate(data)


def parse_correction_value(text: str) -> Any:
    """What the user typed: JSON when it reads as JSON (30, 99.95, true, null), else the
    text itself; empty means null."""
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def correctable_fields(sla: SLAExtraction) -> dict[str, str]:
    """Paths the app offers to correct, with their labels."""
    fields = {
        "provider": "Provider",
        "measurement_period": "Measurement period",
        "credit_cap_percent": "Credit cap (%)",
        "minimum_credit_amount": "Minimum credit amount",
        "claim.deadline_days": "Claim deadline (days)",
        "claim.deadline_day_kind": "Claim deadline day kind (calendar/business)",
        "claim.deadline_from": "Claim deadline from (incident/last_failure/end_of_period)",
        "claim.notice_hours": "Ticket-first notice (hours)",
        "claim.channel": "Claim channel (email/support_ticket/written/other)",
        "maintenance_notice_hours": "Maintenance notice (hours)",
        "sole_remedy": "Sole remedy (true/false)",
        "effective_date": "Effective date (YYYY-MM-DD)",
    }
    for i, t in enumerate(sla.uptime_targets):
        fields[f"uptime_targets.{i}.percent"] = f"Target % — {service_name(t)}"
    return fields


def corrected_paths(sla: SLAExtraction) -> set[str]:
    return {c.path for c in sla.corrections}


# --- terms in words ----------------------------------------------------------------

_FRACTIONS = {0.25: "¼", 0.5: "½", 0.75: "¾"}


def _of_service(amount: float, unit: str) -> str:
    """'1 day of service', '3 days of service', '½ month of service', '1½ months ...'."""
    whole, part = divmod(amount, 1)
    if part in _FRACTIONS:
        text = (num(whole) if whole else "") + _FRACTIONS[part]
    else:
        text = num(amount)
    return f"{text} {unit}{'' if amount <= 1 else 's'} of service"


def _credit(tier_percent: float | None, tier_days: float | None,
            tier_months: float | None = None) -> str:
    if tier_percent is not None:
        return f"{num(tier_percent)}%"
    if tier_days is not None:
        return _of_service(tier_days, "day")
    if tier_months is not None:
        return _of_service(tier_months, "month")
    return "no credit"


def _unit_in_words(minutes: float) -> str:
    """'hour', 'half hour', '2 hours', 'day', '15 minutes'."""
    if minutes == 30:
        return "half hour"
    for size, name in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes % size == 0:
            count = minutes / size
            return name if count == 1 else f"{num(count)} {name}s"
    return f"{num(minutes)} minutes"


def schedule_in_words(schedule: CreditSchedule, target_percent: float | None = None) -> str:
    """'below 99.99%: 10%; below 99.9%: 25%', 'more than 2 h: 20% ...', '10% per full
    hour of downtime', '25 × the fee for downtime beyond 99.95%' (``target_percent``; 'the
    target' without it)."""
    if schedule.per_point is not None:
        p = schedule.per_point
        text = (f"{num(p.credit_percent_per_point)}% for each full point below "
                f"{num(p.below)}%")
    elif schedule.pro_rata is not None:
        r = schedule.pro_rata
        times = "" if r.multiplier == 1 else f"{num(r.multiplier)} × "
        if r.basis == "excess_downtime":
            beyond = "the target" if target_percent is None else f"{num(target_percent)}%"
            text = f"{times}the fee for downtime beyond {beyond}"
        else:
            text = f"{times}the fee for the downtime"
    elif schedule.per_unit is not None:
        u = schedule.per_unit
        unit = _unit_in_words(u.unit_minutes)
        text = f"{_credit(u.credit_percent_per_unit, u.credit_days_per_unit)} per " + (
            f"{unit} or part thereof" if u.rounding == "up" else f"full {unit} of downtime")
    elif schedule.tiers:
        parts = []
        tiers = sorted(schedule.tiers, key=lambda t: -(t.upper if t.upper is not None
                                                        else math.inf))
        for t in tiers:
            credit = _credit(t.credit_percent, t.credit_days, t.credit_months)
            if schedule.metric == "hours":
                span = (f"more than {num(t.lower)} h" if t.upper is None
                        else f"{num(t.lower)}–{num(t.upper)} h")
            elif t.upper is None:
                span = f"{num(t.lower)}% or more"
            elif t.lower <= 0:
                span = f"below {num(t.upper)}%"
            else:
                span = f"{num(t.lower)}% to below {num(t.upper)}%"
            parts.append(f"{span}: {credit}")
        text = "; ".join(parts)
    else:
        text = schedule.description or "stated without tiers"
    if schedule.services:
        text = f"{', '.join(schedule.services)} — {text}"
    return text


def claim_in_words(sla: SLAExtraction) -> str:
    c = sla.claim
    parts = []
    if c.deadline_days is not None:
        kind = f" {c.deadline_day_kind}" if c.deadline_day_kind else ""
        start = {"incident": "the incident", "last_failure": "the last failure",
                 "end_of_period": "the end of the month", "other": "(other)"}.get(
            c.deadline_from or "", "(start not stated)")
        parts.append(f"{c.deadline_days}{kind} days from {start}")
    if c.deadline_billing_cycles is not None:
        parts.append(f"by the end of billing cycle {c.deadline_billing_cycles}")
    return "; ".join(parts) or "not stated"


def support_in_words(items: Sequence[SupportTime]) -> str:
    lines = []
    for s in items:
        who = " / ".join(x for x in (s.tier, s.severity) if x) or "all"
        lines.append(f"{who}: {s.kind} {s.as_written}")
    return "\n".join(lines) or "not stated"


def _yes_no(value: bool | None) -> str:
    return {None: "not stated", True: "yes", False: "no"}[value]


# --- comparison table --------------------------------------------------------------

TERMS: list[tuple[str, tuple[str, ...]]] = [
    ("Uptime targets", ("uptime_targets",)),
    ("Measurement period", ("measurement_period",)),
    ("Credit schedule", ("credit_schedules",)),
    ("Credit cap", ("credit_cap_percent",)),
    ("Minimum credit", ("minimum_credit_amount",)),
    ("Claim deadline", ("claim.deadline_days", "claim.deadline_day_kind",
                        "claim.deadline_from", "claim.deadline_billing_cycles")),
    ("Ticket first", ("claim.notice_hours",)),
    ("Claim channel", ("claim.channel",)),
    ("Maintenance notice", ("maintenance_notice_hours",)),
    ("Sole remedy", ("sole_remedy",)),
    ("Support times", ("support",)),
    ("Warnings", ("warnings",)),
]


def selected_targets(sla: SLAExtraction, services: Sequence[str] | None) -> list[UptimeTarget]:
    if services is None:
        return list(sla.uptime_targets)
    return [t for t in sla.uptime_targets if service_name(t) in services]


def term_values(sla: SLAExtraction, services: Sequence[str] | None = None) -> dict[str, str]:
    """One provider's column: term -> text (corrections applied and marked)."""
    corrected = corrected_paths(sla)
    s = apply_corrections(sla)
    targets = selected_targets(s, services)
    schedules = [sc for sc in s.credit_schedules
                 if services is None or not sc.services or sc.metric == "hours"
                 or any(schedule_for(s, t.service) is sc for t in targets)]
    currency = f" {s.currency}" if s.currency else ""
    values = {
        "Uptime targets": "\n".join(f"{service_name(t)}: {num(t.percent)}%" for t in targets)
        or ("not stated" if not s.uptime_targets else "(no selected service)"),
        "Measurement period": s.measurement_period or "not stated",
        "Credit schedule": "\n".join(schedule_in_words(sc) for sc in schedules) or "not stated",
        "Credit cap": "not stated" if s.credit_cap_percent is None
        else f"{num(s.credit_cap_percent)}% of the monthly fee",
        "Minimum credit": "none stated" if s.minimum_credit_amount is None
        else f"{num(s.minimum_credit_amount)}{currency}",
        "Claim deadline": claim_in_words(s),
        "Ticket first": "not required" if s.claim.notice_hours is None
        else f"within {s.claim.notice_hours} hours",
        "Claim channel": (s.claim.channel or "not stated").replace("_", " "),
        "Maintenance notice": "not stated" if s.maintenance_notice_hours is None
        else f"{s.maintenance_notice_hours} hours"
        + (f" ({s.maintenance_notice_day_kind} days)" if s.maintenance_notice_day_kind else ""),
        "Sole remedy": _yes_no(s.sole_remedy),
        "Support times": support_in_words(s.support),
        "Warnings": str(len(s.warnings)) if s.warnings else "none",
    }
    for term, paths in TERMS:
        if any(c == p or c.startswith(p + ".") for c in corrected for p in paths):
            values[term] += CORRECTED_MARK
    return values


def comparison_table(slas: Sequence[SLAExtraction],
                     services: Sequence[str] | None = None) -> dict[str, dict[str, str]]:
    """{term: {provider label: text}}: one row per term, one column per provider. Targets
    get one row per service ("Target: SMS API"); "" where a provider lacks the service."""
    labels = provider_labels(slas)
    columns = {label: term_values(sla, services) for label, sla in zip(labels, slas, strict=True)}
    rows: dict[str, dict[str, str]] = {}
    for label, sla in zip(labels, slas, strict=True):
        fixed = apply_corrections(sla)
        corrected = corrected_paths(sla)
        for i, t in enumerate(fixed.uptime_targets):
            name = service_name(t)
            if services is not None and name not in services:
                continue
            row = rows.setdefault(f"Target: {name}", {lb: "" for lb in labels})
            text = f"{num(t.percent)}%"
            if f"uptime_targets.{i}.percent" in corrected:
                text += CORRECTED_MARK
            row[label] = f"{row[label]}; {text}" if row[label] else text
    for term, _ in TERMS:
        if term == "Uptime targets":
            continue
        rows[term] = {label: columns[label][term] for label in labels}
    return rows


def comparison_csv(table: dict[str, dict[str, str]]) -> str:
    """The comparison table as CSV (terms as rows, providers as columns); cells that a
    spreadsheet would run as formulas are prefixed with '."""
    def cell(value: str) -> str:
        return "'" + value if value.startswith(_FORMULA_STARTS) else value

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    providers = list(next(iter(table.values()), {}))
    writer.writerow(["term", *map(cell, providers)])
    for term, row in table.items():
        writer.writerow([cell(term), *(cell(row.get(p, "")) for p in providers)])
    return out.getvalue()


def export_json(slas: Sequence[SLAExtraction]) -> str:
    """The contract's shape (extracted values as extracted, corrections beside them):
    one object for one SLA, a list for several."""
    dumped = [s.model_dump(mode="json") for s in slas]
    return json.dumps(dumped[0] if len(dumped) == 1 else dumped, indent=2, ensure_ascii=False)


# --- exclusions ----------------------------------------------------------------------

def exclusions_matrix(slas: Sequence[SLAExtraction]) -> dict[str, dict[str, int]]:
    """{category: {provider label: number of clauses}}."""
    labels = provider_labels(slas)
    categories = sorted({e.category for s in slas for e in s.exclusions})
    return {c: {label: sum(e.category == c for e in s.exclusions)
                for label, s in zip(labels, slas, strict=True)} for c in categories}


# --- evidence ------------------------------------------------------------------------

@dataclass(frozen=True)
class EvidenceItem:
    label: str
    value: str
    evidence: Evidence


def evidence_items(sla: SLAExtraction) -> list[EvidenceItem]:
    """Every value that has evidence, labelled, with the value as text."""
    items = []
    data = sla.model_dump(mode="json")
    for path, ev in sla.evidence.items():
        try:
            value = get_path(data, path)
        except (KeyError, IndexError, TypeError):
            value = ""
        items.append(EvidenceItem(path, "" if value is None else str(value), ev))
    for t in sla.uptime_targets:
        items.append(EvidenceItem(f"target: {service_name(t)}", num(t.percent), t.evidence))
    for sc in sla.credit_schedules:
        items.append(EvidenceItem(f"credit schedule: {schedule_in_words(sc)[:60]}", "",
                                  sc.evidence))
    for e in sla.exclusions:
        items.append(EvidenceItem(f"exclusion ({e.category}): {e.text[:50]}", "", e.evidence))
    for s in sla.support:
        items.append(EvidenceItem(f"support: {s.tier or s.severity or ''} {s.as_written}",
                                  s.as_written, s.evidence))
    return items


def passage(text: str, ev: Evidence, context: int = 300) -> tuple[str, str, str]:
    """(before, quote, after) around the evidence in the document's normalized text;
    the quote alone when the text does not match the offsets."""
    if not text or text[ev.start:ev.end] != ev.quote:
        return "", ev.quote, ""
    start = max(0, ev.start - context)
    end = min(len(text), ev.end + context)
    before, after = text[start:ev.start], text[ev.end:end]
    if start > 0 and "\n" in before:
        before = before[before.index("\n") + 1:]
    if end < len(text) and "\n" in after:
        after = after[:after.rindex("\n")]
    return before, ev.quote, after


def _value_pattern(value: str) -> re.Pattern[str] | None:
    value = value.strip()
    if not value or value.lower() in {"true", "false", "none"}:
        return None
    return re.compile(re.escape(value).replace(r"\ ", r"\s+"), re.IGNORECASE)


def evidence_html(text: str, ev: Evidence, value: str = "", context: int = 300) -> str:
    """The passage as HTML: every piece of document text escaped, the quote in <mark>,
    the value inside it in <strong>."""
    before, quote, after = passage(text, ev, context)
    esc = lambda s: html.escape(s).replace("\n", "<br>")
    pattern = _value_pattern(value)
    found = pattern.search(quote) if pattern else None
    if found:
        inner = (esc(quote[:found.start()]) + "<strong style='background:#ffb347'>"
                 + esc(found.group()) + "</strong>" + esc(quote[found.end():]))
    else:
        inner = esc(quote)
    page = f"<div><em>page {ev.page}</em></div>" if ev.page else ""
    return (f"{page}<div style='font-family:monospace;white-space:normal;line-height:1.5'>"
            f"{esc(before)}<mark>{inner}</mark>{esc(after)}</div>")


# --- credit curve --------------------------------------------------------------------

CURVE_SAMPLES = 200  # points below the target for a credit that grows with every minute
# Sampled just above a unit's bound, the credit holds up to the next bound; the bound
# itself, a float, can fall a rounding error on either side of the exact minute.
_JUST_ABOVE = 1e-9


def _downtime_points(schedule: CreditSchedule, target: float, low: float) -> list[float]:
    """Availabilities where a pro-rata or per-unit credit is sampled, over the engine's
    default 30-day period: just above each unit's bound when there are few enough
    bounds, else even samples."""
    top = min(target, 100.0)
    if top <= low:
        return []
    if schedule.per_unit is not None:
        step = schedule.per_unit.unit_minutes / (30 * 1440) * 100  # one unit, in % of 30 days
        if (top - low) / step <= CURVE_SAMPLES:
            bounds = [100.0 - k * step for k in range(1, int((100.0 - low) / step) + 1)]
            return [x + _JUST_ABOVE for x in bounds if low <= x < top]
    return [low + (top - low) * k / CURVE_SAMPLES for k in range(CURVE_SAMPLES)]


def credit_curve(sla: SLAExtraction, target: UptimeTarget,
                 low: float = 95.0) -> list[tuple[float, float]]:
    """(availability %, credit %) at every point where the credit can change between
    ``low`` and 100, for a step chart (the credit holds until the next point); a
    pro-rata or per-unit credit, which changes with the minutes down, is sampled."""
    points = {low, 100.0, target.percent}
    schedule = schedule_for(sla, target.service)
    if schedule is not None:
        for t in schedule.tiers or []:
            points.update(x for x in (t.lower, t.upper) if x is not None)
        if schedule.per_point is not None:
            below = schedule.per_point.below
            points.update(below - k for k in range(int(below - low) + 2))
        if schedule.pro_rata is not None or schedule.per_unit is not None:
            points.update(_downtime_points(schedule, target.percent, low))
    curve = []
    for x in sorted(p for p in points if low <= p <= 100):
        r = evaluate(sla, {"availability_percent": x}, target=target)
        curve.append((x, r.credit_percent or 0.0))
    return curve
