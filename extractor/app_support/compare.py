"""Several SLAs under the same scenarios: one row per provider, service and scenario.

- A scenario naming a service is evaluated once per SLA; an SLA without that service
  gets a row carrying the selection error ("no service matches 'SMS API'; ...").
- A scenario naming no service is evaluated for every uptime target of each SLA:
  {"availability_percent": 99.5} gives IBM Cloud two rows, one per environment.
- An hours scenario ({"metric": "hours", "hours": 7}) is evaluated once per SLA.
- Each row carries the credit schedule it was computed with, in words ("10% per full
  hour of downtime"); none on a row with an error.

Renderers: ``as_text`` (each provider's terms, then its scenario results, wrapped to a
terminal's width), ``as_rich_table`` (names shown literally, never as rich markup), ``as_json``,
``as_csv`` (text cells starting with = + - @ tab or CR are prefixed with ' so that a
spreadsheet does not run them as formulas). Pure: the CLI prints what these return.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from extractor.analysis.engine import evaluate, parse_scenario, schedule_for
from extractor.app_support import presentation as P
from extractor.app_support.presentation import csv_cell, schedule_in_words
from extractor.errors import ScenarioError
from schemas.models import Scenario, ScenarioResult, SLAExtraction, UptimeTarget

ScenarioInput = Scenario | Mapping[str, Any]

# What `sla compare` asks when given no scenarios: a near miss to a bad month, and an hour.
DEFAULT_SCENARIOS: tuple[Mapping[str, Any], ...] = (
    {"availability_percent": 99.95},
    {"availability_percent": 99.5},
    {"availability_percent": 99.0},
    {"availability_percent": 95.0},
    {"downtime_minutes": 60, "days_in_period": 30},
)


@dataclasses.dataclass(frozen=True)
class ComparisonRow:
    provider: str
    service: str | None
    scenario: str
    target_percent: float | None
    credit_percent: float | None
    credit_amount: float | None
    breached: bool | None
    allowed_downtime_minutes: float | None
    error: str | None
    credit_schedule: str | None = None


COLUMNS = [f.name for f in dataclasses.fields(ComparisonRow)]


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else f"{value:g}"


def scenario_label(scenario: ScenarioInput) -> str:
    """A short description: "99.5% available, fee 100", "360 min down in 31 days",
    "7 h (hours schedule)". A mapping's own "label" key wins."""
    if isinstance(scenario, Mapping) and isinstance(scenario.get("label"), str):
        return scenario["label"]
    try:
        s = parse_scenario(scenario)
    except ScenarioError:
        return "invalid scenario"
    if s.hours is not None:
        label = f"{_num(s.hours)} h (hours schedule)"
    elif s.availability_percent is not None:
        label = f"{_num(s.availability_percent)}% available"
    elif s.downtime_minutes is not None:
        period = s.month or f"{_num(s.days_in_period or 30)} days"
        label = f"{_num(s.downtime_minutes)} min down in {period}"
        if s.excluded_minutes:
            label += f" ({_num(sum(s.excluded_minutes.values()))} min excluded)"
    else:
        label = "incomplete scenario"
    return label if s.monthly_fee is None else f"{label}, fee {_num(s.monthly_fee)}"


def _is_hours(s: Scenario) -> bool:
    return s.hours is not None or s.metric == "hours"


def _targets(sla: SLAExtraction, scenario: ScenarioInput) -> list[UptimeTarget | None]:
    """The targets to evaluate the scenario against; [None]: let the engine choose."""
    try:
        s = parse_scenario(scenario)
    except ScenarioError:
        return [None]  # the engine reports the problem
    if s.service or _is_hours(s) or not sla.uptime_targets:
        return [None]
    return list(sla.uptime_targets)


def _schedule_words(sla: SLAExtraction, scenario: ScenarioInput, r: ScenarioResult) -> str | None:
    """The schedule a result was computed with, in words; None for an error row."""
    if r.error is not None:
        return None
    hours = _is_hours(parse_scenario(scenario))  # it parsed: the result has no error
    schedule = schedule_for(sla, r.service, "hours" if hours else "availability_percent")
    return None if schedule is None else schedule_in_words(schedule, r.target_percent)


def compare(slas: Sequence[SLAExtraction],
            scenarios: Sequence[ScenarioInput]) -> list[ComparisonRow]:
    """Rows grouped by scenario, then SLA (in the order given), then target."""
    rows = []
    for scenario in scenarios:
        label = scenario_label(scenario)
        for sla in slas:
            provider = sla.provider or PurePath(sla.source.path).stem
            for target in _targets(sla, scenario):
                r = evaluate(sla, scenario, target=target)
                rows.append(ComparisonRow(
                    provider=provider, service=r.service, scenario=label,
                    target_percent=r.target_percent, credit_percent=r.credit_percent,
                    credit_amount=r.credit_amount, breached=r.breached,
                    allowed_downtime_minutes=r.allowed_downtime_minutes, error=r.error,
                    credit_schedule=_schedule_words(sla, scenario, r)))
    return rows


def as_rich_table(rows: Sequence[ComparisonRow], title: str = "SLA comparison") -> Table:
    table = Table(title=title)
    columns: list[tuple[str, JustifyMethod]] = [
        ("Provider", "left"), ("Service", "left"), ("Scenario", "left"), ("Target", "right"),
        ("Breached", "center"), ("Credit", "right"), ("Amount", "right"),
        ("Allowed downtime", "right"), ("Error", "left"), ("Credit schedule", "left")]
    for header, justify in columns:
        table.add_column(header, justify=justify)

    def pct(value: float | None) -> str:
        return "" if value is None else f"{_num(value)}%"

    for r in rows:
        breached = {None: "", True: "yes", False: "no"}[r.breached]
        table.add_row(
            Text(r.provider), Text(r.service or "(all)"), Text(r.scenario),
            pct(r.target_percent), breached, pct(r.credit_percent),
            "" if r.credit_amount is None else f"{r.credit_amount:,.2f}",
            "" if r.allowed_downtime_minutes is None
            else f"{_num(r.allowed_downtime_minutes)} min",
            Text(r.error or "", style="red"), Text(r.credit_schedule or ""))
    return table


def as_json(rows: Sequence[ComparisonRow]) -> str:
    return json.dumps([dataclasses.asdict(r) for r in rows], indent=2, allow_nan=False)


def as_csv(rows: Sequence[ComparisonRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180 "\r\n": it also makes the writer quote a lone "\r"
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([csv_cell(getattr(r, name), "true", "false") for name in COLUMNS])
    return out.getvalue()


LABEL_WIDTH = 22  # the term column of ``as_text``


def _wrapped(label: str, text: str, width: int) -> list[str]:
    """'  Label ........ text', the text wrapped under itself; one line per text line."""
    indent = " " * (LABEL_WIDTH + 2)
    body = max(16, width - len(indent))
    out = []
    if len(label) > LABEL_WIDTH:  # a long label gets its own lines
        out += textwrap.wrap(label, width - 2, initial_indent="  ", subsequent_indent="    ")
    for n, line in enumerate(text.splitlines() or [""]):
        parts = textwrap.wrap(line, body, break_long_words=True) or [""]
        head = f"  {label:<{LABEL_WIDTH}}" if n == 0 and len(label) <= LABEL_WIDTH else indent
        out += [head + parts[0], *(indent + p for p in parts[1:])]
    return out


def _result_words(r: ComparisonRow) -> str:
    if r.error:
        return f"not evaluated: {r.error}"
    credit = "no credit" if not r.credit_percent else f"credit {P.rounded(r.credit_percent)}%"
    if r.credit_amount is not None:
        credit += f" = {r.credit_amount:,.2f}"
    target = "" if r.target_percent is None else f"target {_num(r.target_percent)}%"
    state = {True: "missed", False: "met", None: ""}[r.breached]
    detail = ", ".join(x for x in (f"{target} {state}".strip(),) if x)
    return f"{credit} ({detail})" if detail else credit


def as_text(slas: Sequence[SLAExtraction], scenarios: Sequence[ScenarioInput],
            width: int = 80) -> str:
    """The comparison for a terminal: per provider its terms in words (targets, credit
    schedule, cap, claim window, ...), then one line per scenario; every line fits in
    ``width`` columns. Names and document text are printed as they are (plain text)."""
    width = max(width, 40)
    labels = P.provider_labels(slas)
    out: list[str] = []
    for label, sla in zip(labels, slas, strict=True):
        title = f"{label} ({PurePath(sla.source.path).name})"
        out += [*textwrap.wrap(title, width), "=" * min(width, len(title))]
        for term, text in P.term_values(sla).items():
            out += _wrapped(term, text, width)
        out.append("  Scenarios")
        for r in compare([sla], scenarios):
            where = f"{r.scenario}" + (f", {r.service}" if r.service else "")
            out += _wrapped(f"- {where}", _result_words(r), width)
        out.append("")
    return "\n".join(out)
