"""The analyst-facing terms of an extraction, read from the models' field metadata.

Each field declared with ``term(label=..., gap=...)`` in ``models.py`` is a term: its
dotted path, its label and, when an SLA can be silent on it, its gap rule. Labels in the
app and the CLI, gap flags, the extraction's own silence warnings and the corrections
form all read this one list, so a new field is declared once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from schemas.models import SLAExtraction


@dataclass(frozen=True)
class GapRule:
    code: str
    severity: str
    title: str
    detail: str
    warn: bool  # also said in the extraction's warnings
    unless: tuple[str, ...]  # other paths that fill the same need


@dataclass(frozen=True)
class Term:
    path: str
    label: str
    annotation: Any
    gap: GapRule | None


def _gap_rule(gap: dict[str, Any]) -> GapRule:
    return GapRule(gap["code"], gap["severity"], gap["title"], gap["detail"], gap["warn"],
                   tuple(gap["unless"]))


def _walk(model: type[BaseModel], prefix: str) -> list[Term]:
    out: list[Term] = []
    for name, info in model.model_fields.items():
        path = prefix + name
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not isinstance(
                info.json_schema_extra, dict):
            out += _walk(annotation, path + ".")  # a nested group of terms: claim.*
            continue
        extra = info.json_schema_extra
        if not isinstance(extra, dict) or "label" not in extra:
            continue
        gap = extra.get("gap")
        rule = _gap_rule(gap) if isinstance(gap, dict) else None
        out.append(Term(path, str(extra["label"]), annotation, rule))
    return out


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    return tuple(_walk(SLAExtraction, ""))


def term(path: str) -> Term:
    for found in terms():
        if found.path == path:
            return found
    raise KeyError(path)


def value_at(sla: BaseModel, path: str) -> Any:
    value: Any = sla
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def is_missing(sla: BaseModel, path: str) -> bool:
    value = value_at(sla, path)
    return value is None or value == [] or value == {}


def silences(sla: BaseModel) -> list[tuple[Term, GapRule]]:
    """The terms the SLA is silent on, with their gap rules, in declaration order."""
    out = []
    for found in terms():
        rule = found.gap
        if rule and is_missing(sla, found.path) and all(is_missing(sla, p) for p in rule.unless):
            out.append((found, rule))
    return out
