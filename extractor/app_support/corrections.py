"""Corrections of any extracted value, typed and validated before they are stored.

A correction replaces the value at a dotted path ("claim.deadline_days",
"credit_schedules.0.tiers", "exclusions"). ``fields`` lists what can be corrected and how
(number, whole number, choice among the schema's Literal values, yes/no, date, text, or a
table of rows for lists); ``check`` refuses a value that does not fit, naming the values
allowed, so a rejected correction is never stored; ``apply`` gives the SLA with every
stored correction applied (one that no longer fits is skipped with a warning).
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from schemas.models import Claim, Exclusion, SLAExtraction, SupportTime, Tier
from schemas.terms import term

Kind = Literal["number", "integer", "choice", "boolean", "date", "text", "table", "list"]
# A row the user adds has no passage in the document; this says so where evidence goes.
USER_EVIDENCE = {"quote": "(added by a correction)", "start": 0, "end": 0, "page": None}
PERCENT_FIELDS = ("percent", "credit_cap_percent", "lower", "upper", "credit_percent")


class CorrectionError(ValueError):
    """A correction that does not fit the schema: the message says what is allowed."""


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    kind: Kind
    choices: tuple[str, ...] = ()  # choice: the allowed values; table: the row's columns
    row_choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # table column -> allowed


def _literal_values(model: type[BaseModel], name: str) -> tuple[str, ...]:
    annotation = model.model_fields[name].annotation
    found: list[str] = []
    for arg in typing.get_args(annotation) or (annotation,):
        if typing.get_origin(arg) is Literal:
            found += [str(a) for a in typing.get_args(arg)]
    return tuple(found)


def _label(path: str) -> str:
    """The schema's label of the term at ``path`` (``schemas.terms``): one list of labels
    for the form, the app and the CLI."""
    return term(path).label


def _value(path: str, kind: Kind) -> Field:
    return Field(path, _label(path), kind)


def _choice(path: str, model: type[BaseModel], name: str) -> Field:
    return Field(path, _label(path), "choice", _literal_values(model, name))


def _table(path: str, label: str, model: type[BaseModel], *columns: str) -> Field:
    choices = tuple((c, _literal_values(model, c)) for c in columns
                    if _literal_values(model, c))
    return Field(path, label, "table", columns, choices)


def _rows(path: str, model: type[BaseModel], *columns: str) -> Field:
    return _table(path, f"{_label(path)} (add or remove rows)", model, *columns)


def fields(sla: SLAExtraction) -> list[Field]:
    """Every value of this SLA that can be corrected, in the order an analyst reads them."""
    out = [
        _value("provider", "text"), _value("effective_date", "date"),
        _value("measurement_period", "text"),
        _rows("uptime_targets", type(sla.uptime_targets[0]) if sla.uptime_targets else _Target,
              "service", "percent"),
    ]
    for i, schedule in enumerate(sla.credit_schedules):
        scope = ", ".join(schedule.services) or "all services"
        unit = "hours" if schedule.metric == "hours" else "availability %"
        out.append(_table(f"credit_schedules.{i}.tiers",
                          f"Credit tiers {i + 1} ({scope}; by {unit})", Tier,
                          "lower", "upper", "credit_percent", "credit_days"))
    out += [
        _value("credit_cap_percent", "number"), _value("minimum_credit_amount", "number"),
        _value("currency", "text"), _value("claim.deadline_days", "integer"),
        _choice("claim.deadline_day_kind", Claim, "deadline_day_kind"),
        _choice("claim.deadline_from", Claim, "deadline_from"),
        _value("claim.deadline_billing_cycles", "integer"),
        _value("claim.notice_hours", "integer"),
        _choice("claim.channel", Claim, "channel"),
        _value("claim.required_information", "list"),
        _value("maintenance_notice_hours", "integer"),
        _choice("maintenance_notice_day_kind", SLAExtraction, "maintenance_notice_day_kind"),
        _rows("exclusions", Exclusion, "category", "text"),
        _rows("support", SupportTime, "tier", "severity", "kind", "response_hours",
              "as_written", "business_time"),
        _value("sole_remedy", "boolean"),
    ]
    return out


class _Target(BaseModel):  # the columns of an uptime target row, for an SLA without any
    service: str | None
    percent: float


def field_for(sla: SLAExtraction, path: str) -> Field:
    found = next((f for f in fields(sla) if f.path == path), None)
    if found is None:
        raise CorrectionError(f"{path} cannot be corrected here")
    return found


def _split(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split(".") if p != ""]


def get_path(data: Any, path: str) -> Any:
    for key in _split(path):
        data = data[key]
    return data


def current_value(sla: SLAExtraction, path: str) -> Any:
    """The value at ``path`` as JSON data (rows without their evidence for tables)."""
    value = get_path(sla.model_dump(mode="json"), path)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [{k: v for k, v in row.items() if k != "evidence"} for row in value]
    return value


_WITH_EVIDENCE = frozenset({"uptime_targets", "exclusions", "support"})


def _with_evidence(name: str, old: Any, new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a table correction keep the evidence of the row at their position; rows
    added beyond the extracted ones get USER_EVIDENCE (tiers carry none)."""
    if name not in _WITH_EVIDENCE:
        return new
    old_rows = old if isinstance(old, list) else []
    return [{**row, "evidence": row.get("evidence") or (
        old_rows[i]["evidence"] if i < len(old_rows) else USER_EVIDENCE)}
        for i, row in enumerate(new)]


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = _split(path)
    holder: Any = data
    for key in parents:
        holder = holder[key]
    if isinstance(last, int):
        holder[last] = value
    elif last in holder:
        if isinstance(value, list) and all(isinstance(row, dict) for row in value):
            value = _with_evidence(last, holder[last], value)
        holder[last] = value
    else:
        raise KeyError(last)


def _problem(path: str, error: ErrorDetails) -> str:
    where = ".".join(str(p) for p in error["loc"])
    expected = (error.get("ctx") or {}).get("expected")
    allowed = f" (allowed: {expected})" if expected else ""
    got = json.dumps(error.get("input"), default=str)
    return f"{where or path}: {error['msg']}{allowed}; got {got}"


def _range_problems(sla: SLAExtraction) -> list[str]:
    """Bounds the schema's types do not state: percentages within 0-100, no negatives."""
    problems = []
    checks: list[tuple[str, float | None]] = [("credit_cap_percent", sla.credit_cap_percent)]
    checks += [(f"uptime_targets.{i}.percent", t.percent) for i, t in enumerate(sla.uptime_targets)]
    for i, sc in enumerate(sla.credit_schedules):
        for j, t in enumerate(sc.tiers or []):
            for name in ("lower", "upper", "credit_percent"):
                limit = name != "credit_percent" and sc.metric == "hours"
                if not limit:
                    checks.append((f"credit_schedules.{i}.tiers.{j}.{name}", getattr(t, name)))
    for path, value in checks:
        if value is not None and not 0 <= value <= 100:
            problems.append(f"{path}: must be a percentage from 0 to 100; got {value:g}")
    counts = {"minimum_credit_amount": sla.minimum_credit_amount,
              "claim.deadline_days": sla.claim.deadline_days,
              "claim.notice_hours": sla.claim.notice_hours,
              "maintenance_notice_hours": sla.maintenance_notice_hours}
    counts.update({f"support.{i}.response_hours": s.response_hours
                   for i, s in enumerate(sla.support)})
    problems += [f"{path}: must not be negative; got {value:g}" for path, value in counts.items()
                 if value is not None and value < 0]
    if sla.claim.deadline_billing_cycles is not None and sla.claim.deadline_billing_cycles < 1:
        problems.append("claim.deadline_billing_cycles: must be 1 or more")
    for i, sc in enumerate(sla.credit_schedules):
        for j, t in enumerate(sc.tiers or []):
            if t.upper is not None and t.upper < t.lower:
                problems.append(f"credit_schedules.{i}.tiers.{j}: upper {t.upper:g} is below "
                                f"lower {t.lower:g}")
    return problems


def _applied(data: dict[str, Any], path: str, value: Any) -> tuple[dict[str, Any], SLAExtraction]:
    trial = copy.deepcopy(data)
    try:
        _set(trial, path, value)
    except (KeyError, IndexError, TypeError):
        raise CorrectionError(f"{path}: no such value in this SLA") from None
    try:
        # strict: "sixty" is not a number, "30" is not 30, true is not 1
        sla = SLAExtraction.model_validate_json(json.dumps(trial, default=str), strict=True)
    except ValidationError as exc:
        raise CorrectionError("; ".join(_problem(path, e) for e in exc.errors())) from None
    problems = _range_problems(sla)
    if problems:
        raise CorrectionError("; ".join(problems))
    return trial, sla


def check(sla: SLAExtraction, path: str, value: Any) -> SLAExtraction:
    """The SLA with this one correction applied (on top of the stored ones), or
    CorrectionError saying which values are allowed. Nothing is stored here."""
    field = field_for(sla, path)
    if field.kind == "choice" and value is not None and value not in field.choices:
        raise CorrectionError(f"{field.label}: {json.dumps(value)} is not allowed; choose "
                              f"one of {', '.join(field.choices)} (or none)")
    if isinstance(value, dt.date):
        value = value.isoformat()
    base = apply(sla)
    return _applied(base.model_dump(mode="json"), path, value)[1]


def apply(sla: SLAExtraction) -> SLAExtraction:
    """The SLA with each path's latest correction applied, for calculations, display
    and exports. A stored correction that does not fit is skipped with a warning."""
    if not sla.corrections:
        return sla
    data = sla.model_dump(mode="json")
    warnings = list(data["warnings"])
    for correction in sorted(sla.corrections, key=lambda c: c.corrected_at):
        try:
            data, _ = _applied(data, correction.path, correction.value)
        except CorrectionError as exc:
            warnings.append(f"correction of {correction.path} not applied: {exc}")
    data["warnings"] = warnings
    return SLAExtraction.model_validate(data)


def export_record(sla: SLAExtraction) -> dict[str, Any]:
    """An SLA for hand-over: the effective values (corrections applied) in the
    contract's shape, and each correction with its time and the value extracted."""
    effective = apply(sla).model_dump(mode="json")
    corrections = []
    for c in effective["corrections"]:
        try:
            was = current_value(sla, c["path"])
        except (KeyError, IndexError, TypeError):
            was = None
        corrections.append({**c, "extracted_value": was})
    effective["corrections"] = corrections
    return effective


def corrected_terms(sla: SLAExtraction, groups: Sequence[tuple[str, Sequence[str]]]) -> set[str]:
    """The names of ``groups`` (term, paths) that a stored correction touches."""
    paths = {c.path for c in sla.corrections}
    return {term for term, prefixes in groups
            if any(p == x or p.startswith(x + ".") or x.startswith(p + ".")
                   for p in paths for x in prefixes)}
