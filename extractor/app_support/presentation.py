"""What the app shows, as pure functions: terms in words, the comparison table, the
corrections applied for calculations, evidence passages and the credit curve.

Nothing here renders: the app (app.py) only lays these values out. Document text is
returned as plain strings, except ``evidence_html`` which escapes every piece of
document text with ``html.escape`` before adding its own <mark> tags.
"""
from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from extractor.analysis.engine import evaluate, schedule_for
from extractor.app_support import corrections
from schemas import terms as schema_terms
from schemas.models import CreditSchedule, Evidence, SLAExtraction, SupportTime, UptimeTarget

WHOLE_OFFERING = "(whole offering)"
CORRECTED_MARK = " ✎ corrected"
# a cell starting so is run as a formula by a spreadsheet
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: str) -> str:
    """``value`` prefixed with ' where a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_cell(value: object, yes: str, no: str) -> object:
    """A CSV cell: None empty, a boolean as ``yes``/``no``, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, str):
        return formula_safe(value)
    return value


def num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.6f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else f"{value:g}"


def rounded(value: float | None, places: int = 2) -> str:
    """A figure as a person reads it: 16.129032 -> "16.13", 10.0 -> "10", None -> "—"."""
    if value is None:
        return "—"
    return num(round(value, places))


CATEGORY_LABELS = {
    "scheduled_maintenance": "scheduled maintenance", "customer_caused": "caused by the customer",
    "third_party": "third parties", "force_majeure": "force majeure",
    "suspension": "suspension of the account", "beta_or_free": "beta or free services",
    "attack": "attacks", "usage_limits": "usage beyond limits", "other": "other",
}
PERIOD_LABELS = {
    "calendar_month": "calendar month", "billing_cycle": "billing cycle", "month": "month",
    "monthly": "month", "quarter": "quarter", "calendar_quarter": "calendar quarter",
    "year": "year", "annual": "year", "week": "week", "day": "day",
}
CHANNEL_LABELS = {"email": "email", "support_ticket": "support ticket",
                  "written": "in writing", "other": "other channel"}
DAY_KIND_LABELS = {"calendar": "calendar days", "business": "business days"}
FROM_LABELS = {"incident": "the incident", "last_failure": "the last failure",
               "end_of_period": "the end of the period", "other": "another event"}
# the words for a schema Literal's values, by the path (or, in a row, the column) holding it
VALUE_LABELS: dict[str, dict[str, str]] = {
    "measurement_period": PERIOD_LABELS, "claim.channel": CHANNEL_LABELS,
    "claim.deadline_from": FROM_LABELS, "claim.deadline_day_kind": DAY_KIND_LABELS,
    "maintenance_notice_day_kind": DAY_KIND_LABELS, "category": CATEGORY_LABELS,
}


def plain(key: str | None, labels: dict[str, str]) -> str:
    """A schema key in words: a known label, else the key with spaces."""
    if key is None:
        return "not stated"
    return labels.get(key, key.replace("_", " "))


def value_label(path: str, value: object) -> str:
    """A stored value as a person reads it: 'end_of_period' -> 'the end of the period',
    True -> 'yes', None -> 'not stated'; numbers rounded."""
    if value is None or isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, (int, float)):
        return rounded(value, 4)
    labels = VALUE_LABELS.get(path) or VALUE_LABELS.get(path.rsplit(".", 1)[-1], {})
    return labels.get(str(value), str(value)) if labels else str(value)


def field_label(path: str) -> str:
    """The schema's label of a term ("claim.deadline_days" -> "Claim deadline (days)",
    from ``schemas.terms``); a path the schema gives no label, in words."""
    try:
        return schema_terms.term(path).label
    except KeyError:
        words = " ".join(p for p in path.split(".") if not p.isdigit()).replace("_", " ")
        return words[:1].upper() + words[1:]


def _count(n: float, unit: str) -> str:
    return f"{num(n)} {unit}{'' if n == 1 else 's'}"


def hours_in_words(hours: float | None, day_kind: str | None = None) -> str:
    """A notice in the unit the SLA states: 504 h -> "3 weeks", 168 business hours ->
    "7 business days", 48 h -> "48 hours" (hours under a week stay hours)."""
    if hours is None:
        return "not stated"
    if day_kind == "business" and hours % 24 == 0:
        return _count(hours / 24, "business day")
    if hours >= 168 and hours % 168 == 0:
        return _count(hours / 168, "week")
    if hours > 72 and hours % 24 == 0:
        return _count(hours / 24, "day")
    return _count(hours, "hour")


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

get_path = corrections.get_path


def apply_corrections(sla: SLAExtraction) -> SLAExtraction:
    """The SLA with each path's latest correction applied (``corrections.apply``)."""
    return corrections.apply(sla)


def corrected_paths(sla: SLAExtraction) -> set[str]:
    return {c.path for c in sla.corrections}


# --- terms in words ----------------------------------------------------------------

_FRACTIONS = {0.25: "¼", 0.5: "½", 0.75: "¾"}


def _of_service(amount: float, unit: str) -> str:
    """'1 day of service', '3 days of service', '½ month of service', '1½ months ...'."""
    whole, part = divmod(amount, 1)
    text = (num(whole) if whole else "") + _FRACTIONS[part] if part in _FRACTIONS else num(amount)
    return f"{text} {unit}{'' if amount <= 1 else 's'} of service"


def _credit(tier_percent: float | None, tier_days: float | None,
            tier_months: float | None = None) -> str:
    if tier_percent is not None:
        return f"{rounded(tier_percent)}%"
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


def tier_span(lower: float, upper: float | None, metric: str,
              target: float | None = None) -> str:
    """A tier's range in words. An availability tier open above (or reaching the target)
    ends at the target: credits are paid only below it ("99% to below the 99.95% target")."""
    if metric == "hours":
        return (f"more than {num(lower)} h" if upper is None
                else f"{num(lower)}–{num(upper)} h")
    if target is not None and (upper is None or upper >= target) and lower < target:
        return (f"below the {num(target)}% target" if lower <= 0
                else f"{num(lower)}% to below the {num(target)}% target")
    if upper is None:
        return f"{num(lower)}% or more"
    if lower <= 0:
        return f"below {num(upper)}%"
    return f"{num(lower)}% to below {num(upper)}%"


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
            parts.append(f"{tier_span(t.lower, t.upper, schedule.metric, target_percent)}: "
                         f"{credit}")
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
        start = ("(start not stated)" if c.deadline_from is None
                 else _period_end(sla) if c.deadline_from == "end_of_period"
                 else FROM_LABELS[c.deadline_from])
        parts.append(f"{_count(c.deadline_days, (kind.strip() + ' day') if kind else 'day')} "
                     f"from {start}")
    if c.deadline_billing_cycles is not None:
        parts.append(f"by the end of billing cycle {c.deadline_billing_cycles}")
    return "; ".join(parts) or "not stated"


def not_an_sla(sla: SLAExtraction) -> str | None:
    """Why the document does not read as an SLA (its ``not_an_sla`` issue), or None.
    An extraction without the issue but with neither targets nor credits reads the same."""
    for issue in sla.issues:
        if issue.code == "not_an_sla":
            why = issue.message.split("does not read as an SLA: ", 1)[-1]
            return why.split("; no targets", 1)[0]
    if not sla.uptime_targets and not sla.credit_schedules:
        return "no uptime target and no credit terms were found"
    return None


def _period_end(sla: SLAExtraction) -> str:
    """'the end of the month', '... of the billing cycle': the period the SLA measures."""
    period = plain(sla.measurement_period, PERIOD_LABELS)
    if period in ("not stated", "calendar month", "month"):
        period = "month"
    return f"the end of the {period}"


def support_in_words(items: Sequence[SupportTime]) -> str:
    lines = []
    for s in items:
        who = " / ".join(x for x in (s.tier, s.severity) if x) or "all"
        lines.append(f"{who}: {s.kind} within {s.as_written}")
    return "\n".join(lines) or "not stated"


def _yes_no(value: bool | None) -> str:
    return {None: "not stated", True: "yes", False: "no"}[value]


# --- comparison table --------------------------------------------------------------

def term_name(path: str) -> str:
    """A comparison row's name: the schema's label without its unit ("Credit cap (% of
    the fee)" -> "Credit cap"), since the row says the value in words."""
    return re.sub(r"\s*\(.*\)$", "", field_label(path))


# (row name, the paths it shows); the first path names the row
_ROWS: list[tuple[str, ...]] = [
    ("uptime_targets",), ("exclusions",), ("measurement_period",), ("credit_schedules",),
    ("credit_cap_percent",), ("minimum_credit_amount",),
    ("claim.deadline_days", "claim.deadline_day_kind", "claim.deadline_from",
     "claim.deadline_billing_cycles"),
    ("claim.notice_hours",), ("claim.channel",),
    ("maintenance_notice_hours", "maintenance_notice_day_kind"), ("sole_remedy",),
    ("support",),
]
TERMS: list[tuple[str, tuple[str, ...]]] = [(term_name(paths[0]), paths) for paths in _ROWS]
TERMS.append(("Warnings", ("warnings",)))


def selected_targets(sla: SLAExtraction, services: Sequence[str] | None) -> list[UptimeTarget]:
    if services is None:
        return list(sla.uptime_targets)
    return [t for t in sla.uptime_targets if service_name(t) in services]


def term_values(sla: SLAExtraction, services: Sequence[str] | None = None) -> dict[str, str]:
    """One provider's column: term -> text (corrections applied and marked)."""
    s = apply_corrections(sla)
    targets = selected_targets(s, services)
    schedules = [sc for sc in s.credit_schedules
                 if services is None or not sc.services or sc.metric == "hours"
                 or any(schedule_for(s, t.service) is sc for t in targets)]
    currency = f" {s.currency}" if s.currency else ""
    n = term_name
    values = {
        n("uptime_targets"): "\n".join(f"{service_name(t)}: {num(t.percent)}%" for t in targets)
        or ("not stated" if not s.uptime_targets else "(no selected service)"),
        n("measurement_period"): plain(s.measurement_period, PERIOD_LABELS),
        n("credit_schedules"): "\n".join(schedule_in_words(sc, schedule_target(s, sc))
                                         for sc in schedules) or "not stated",
        n("credit_cap_percent"): "not stated" if s.credit_cap_percent is None
        else f"{num(s.credit_cap_percent)}% of the monthly fee",
        n("minimum_credit_amount"): "none stated" if s.minimum_credit_amount is None
        else f"{num(s.minimum_credit_amount)}{currency}",
        n("claim.deadline_days"): claim_in_words(s),
        n("claim.notice_hours"): "not required" if s.claim.notice_hours is None
        else f"within {hours_in_words(s.claim.notice_hours)}",
        n("claim.channel"): plain(s.claim.channel, CHANNEL_LABELS),
        n("maintenance_notice_hours"): hours_in_words(s.maintenance_notice_hours,
                                                      s.maintenance_notice_day_kind),
        n("sole_remedy"): _yes_no(s.sole_remedy),
        n("support"): support_in_words(s.support),
        n("exclusions"): ", ".join(sorted({plain(e.category, CATEGORY_LABELS)
                                           for e in s.exclusions})) or "none stated",
        "Warnings": str(len(s.warnings)) if s.warnings else "none",
    }
    for term in corrections.corrected_terms(sla, TERMS):
        values[term] += CORRECTED_MARK
    return values


def schedule_target(sla: SLAExtraction, schedule: CreditSchedule) -> float | None:
    """The lowest uptime target that this availability schedule pays against."""
    if schedule.metric == "hours":
        return None
    found = [t.percent for t in sla.uptime_targets if schedule_for(sla, t.service) is schedule]
    return min(found, default=None)


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
            row = rows.setdefault(f"Target: {name}", {lb: "—" for lb in labels})
            text = f"{num(t.percent)}%"
            if f"uptime_targets.{i}.percent" in corrected or "uptime_targets" in corrected:
                text += CORRECTED_MARK
            row[label] = f"{row[label]}; {text}" if row[label] != "—" else text
    for term, _ in TERMS:
        if term == "Uptime targets":
            continue
        rows[term] = {label: columns[label][term] for label in labels}
    return rows


def comparison_csv(table: dict[str, dict[str, str]]) -> str:
    """The comparison table as CSV (terms as rows, providers as columns); cells that a
    spreadsheet would run as formulas are prefixed with '."""
    cell = formula_safe
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    providers = list(next(iter(table.values()), {}))
    writer.writerow(["term", *map(cell, providers)])
    for term, row in table.items():
        writer.writerow([cell(term), *(cell(row.get(p, "")) for p in providers)])
    return out.getvalue()


def export_json(slas: Sequence[SLAExtraction]) -> str:
    """The contract's shape with the effective values (corrections applied); each
    correction carries its time and the value extracted (``extracted_value``): one
    object for one SLA, a list for several."""
    dumped = [corrections.export_record(s) for s in slas]
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
    """Every value that has evidence, labelled in words (the schema's labels), with the
    value as a person reads it."""
    items = []
    data = sla.model_dump(mode="json")
    for path, ev in sla.evidence.items():
        try:
            value = get_path(data, path)
        except (KeyError, IndexError, TypeError):
            value = None
        shown = "" if value is None or isinstance(value, (list, dict)) else value_label(path,
                                                                                        value)
        items.append(EvidenceItem(field_label(path), shown, ev))
    for t in sla.uptime_targets:
        items.append(EvidenceItem(f"Target: {service_name(t)}", num(t.percent), t.evidence))
    for sc in sla.credit_schedules:
        items.append(EvidenceItem(f"Credit schedule: {schedule_in_words(sc)[:60]}", "",
                                  sc.evidence))
    for e in sla.exclusions:
        items.append(EvidenceItem(f"Exclusion ({plain(e.category, CATEGORY_LABELS)}): "
                                  f"{e.text[:50]}", "", e.evidence))
    for s in sla.support:
        items.append(EvidenceItem(f"Support: {s.tier or s.severity or ''} {s.as_written}",
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
    esc = _escaped
    inner = _quote_html(quote, value)
    page = f"<div><em>page {ev.page}</em></div>" if ev.page else ""
    return (f"{page}<div style='font-family:monospace;white-space:normal;line-height:1.5'>"
            f"{esc(before)}<mark>{inner}</mark>{esc(after)}</div>")


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _quote_html(quote: str, value: str) -> str:
    """The quote, escaped, with the value inside it in <strong>."""
    esc = _escaped
    pattern = _value_pattern(value)
    found = pattern.search(quote) if pattern else None
    if not found:
        return esc(quote)
    return (esc(quote[:found.start()]) + "<strong style='background:#ffb347'>"
            + esc(found.group()) + "</strong>" + esc(quote[found.end():]))


def _shown_value(quote: str, values: Sequence[str]) -> str:
    """The value to put in bold inside a shared passage: a figure before a word."""
    for value in sorted(values, key=lambda v: not any(c.isdigit() for c in v)):
        pattern = _value_pattern(value)
        if pattern is not None and pattern.search(quote):
            return value
    return ""


_BOX = ("display:block;white-space:normal;margin:4px 0 8px;padding:6px 8px;"
        "border-left:4px solid #f0a000;background:#fff8e6;font-family:sans-serif")


def document_html(text: str, items: Sequence[EvidenceItem]) -> str:
    """The whole normalized text, escaped, each evidence passage highlighted. A passage is
    the summary of a <details>: clicking it opens, in place, the value it gives and its
    passage (no script; overlapping passages: the first one wins)."""
    spans: dict[tuple[int, int], list[EvidenceItem]] = {}
    for i in items:  # values that share a passage are shown together, in the given order
        ev = i.evidence
        if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.quote:
            spans.setdefault((ev.start, ev.end), []).append(i)
    out, at = [], 0
    for n, ((start, end), found) in enumerate(sorted(spans.items())):
        if start < at:
            continue
        quote = text[start:end]
        said = [f"{i.label}: {i.value}" if i.value else i.label for i in found]
        page = found[0].evidence.page
        where = f" (page {page})" if page else ""
        value = _shown_value(quote, [i.value for i in found])
        out.append(html.escape(text[at:start]))
        out.append(f"<details id='ev-{n}' class='ev' style='display:inline'>"
                   f"<summary style='display:inline;cursor:pointer'>"
                   f"<mark title='{html.escape('; '.join(said), quote=True)} (click for its "
                   f"passage)'>{html.escape(quote)}</mark></summary>"
                   f"<span class='ev-passage' style='{_BOX}'>"
                   + "<br>".join(f"<b>{html.escape(x)}</b>" for x in said)
                   + f"{html.escape(where)}<br>{_quote_html(quote, value)}</span></details>")
        at = end
    out.append(html.escape(text[at:]))
    return ("<div style='max-height:640px;overflow:auto;white-space:pre-wrap;"
            "font-family:monospace;font-size:0.85em;line-height:1.45;border:1px solid #ddd;"
            "padding:8px'>" + "".join(out) + "</div>")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$])")
# ":" and "//" start emoji shortcodes (:smile:), colour and icon directives
# (:red[...], :material/x:) and autolinks (https://, www.): a zero-width space breaks them
_MD_BREAK = re.compile(r"(:|//|www\.|@)", re.IGNORECASE)


def plain_md(text: str) -> str:
    """User or document text for a widget that renders Markdown (st.success, st.error,
    labels): HTML escaped, every Markdown punctuation backslash-escaped (links, images,
    emphasis, math $...$, tables), and shortcodes, directives and autolinks broken with a
    zero-width space, so that it shows as the same characters, literally."""
    broken = _MD_BREAK.sub(lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], text)
    return _MD_SPECIAL.sub(r"\\\1", html.escape(broken, quote=False))


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
