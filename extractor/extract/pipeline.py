"""One document in, one evidence-linked SLAExtraction out.

Runs every field extractor over the normalized document, resolves what needs more
than one field (a flat credit "below the target" needs the target), and adds the
warnings an analyst needs: ambiguities, conflicts and silences.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from itertools import islice
from pathlib import Path

from extractor.extract.document import Document
from extractor.extract.fields.claims import extract_claim
from extractor.analysis.flags import gaps
from extractor.extract.fields.credits import ScheduleFinding, extract_schedules
from extractor.extract.fields.dates import extract_effective_date
from extractor.extract.fields.exclusions import extract_exclusions
from extractor.extract.fields.limits import extract_cap, extract_minimum_credit
from extractor.extract.fields.provider import extract_provider
from extractor.extract.fields.support import extract_support
from extractor.extract.fields.targets import TargetFinding, extract_targets
from extractor.extract.fields.terms import (
    extract_maintenance_notice, extract_measurement_period, extract_sole_remedy)
from extractor.extract.readers import ReadOptions, read_bytes
from schemas import (
    Claim, CreditSchedule, Evidence, Exclusion, PerPoint, SLAExtraction, Source, SupportTime,
    Tier, UptimeTarget)

# the silences that go into the extraction's own warnings (the app shows every gap flag)
WARNED_GAPS = frozenset({"no_target", "no_credit_schedule", "no_claim_deadline",
                         "no_maintenance_notice", "no_exclusions", "sole_remedy_silent"})
SLA_SIGNALS = re.compile(
    r"\b(?:service level|SLA|uptime|availability|service credits?|downtime|unavailab\w*)\b", re.I)
STRONG_CREDIT = re.compile(
    r"\b(?:service|uptime|sla|availability)\s+credits?\b|\bcredits?\s+(?:of|equal to|worth)\s+\d|"
    r"\d+\s*%\s+of\s+(?:the|that|your|this)\s+(?:month'?s\s+|monthly\s+)?(?:\w+\s+)?(?:fees?|subscription|bill|"
    r"charges?|invoice)[^.]{0,40}\b(?:back|credit)", re.I)
CREDIT_SIGNAL = re.compile(r"\b(?:service )?credits?\b|\brefund", re.I)


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def looks_like_sla(doc: Document) -> bool:
    """An SLA speaks of service levels and of credits for missing them."""
    signals = sum(1 for _ in islice(SLA_SIGNALS.finditer(doc.text), 3))  # three are enough
    if signals >= 3 and CREDIT_SIGNAL.search(doc.text):
        return True
    # a very short SLA: "up 99.5% of every month ... 10% of that month's subscription back"
    return signals >= 1 and bool(STRONG_CREDIT.search(doc.text))


def extract_document(doc: Document, sha256: str = "", size: int | None = None) -> SLAExtraction:
    evidence: dict[str, Evidence] = {}
    warnings: list[str] = list(doc.warnings)

    def ev(span: tuple[int, int] | None) -> Evidence | None:
        return doc.evidence(*span) if span else None

    def keep(path: str, span: tuple[int, int] | None) -> None:
        found = ev(span)
        if found is not None:
            evidence[path] = found

    provider, span = extract_provider(doc)
    keep("provider", span)
    effective, span, date_warnings = extract_effective_date(doc)
    warnings += date_warnings
    keep("effective_date", span)
    if effective and span is None:
        evidence["effective_date"] = Evidence(quote=f"front matter: {effective.isoformat()}",
                                              start=0, end=0)
    period, span = extract_measurement_period(doc)
    keep("measurement_period", span)

    is_sla = looks_like_sla(doc)
    targets: list[TargetFinding] = []
    schedules: list[ScheduleFinding] = []
    if is_sla:
        targets, target_warnings = extract_targets(doc)
        warnings += target_warnings
        schedules = extract_schedules(doc, [t.service for t in targets if t.service])
    else:
        warnings.append("this document does not read as an SLA (no service-level and credit "
                        "terms): no targets or credit schedules were extracted")

    cap, span, cap_warnings = extract_cap(doc)
    warnings += cap_warnings
    keep("credit_cap_percent", span)
    minimum, currency, span = extract_minimum_credit(doc)
    keep("minimum_credit_amount", span)
    if currency:
        keep("currency", span)

    claim_found = extract_claim(doc)
    warnings += claim_found.warnings
    for path, span in claim_found.spans.items():
        keep(path, span)
    notice, notice_kind, span = extract_maintenance_notice(doc)
    keep("maintenance_notice_hours", span)
    sole, span = extract_sole_remedy(doc)
    keep("sole_remedy", span)

    uptime_targets = [UptimeTarget(service=t.service, percent=float(t.percent),
                                   evidence=doc.evidence(t.start, t.end)) for t in targets]
    credit_schedules = _schedules(doc, schedules, targets, warnings)
    if cap is not None:
        top = max((t.credit_percent or 0 for s in credit_schedules for t in s.tiers or []),
                  default=0)
        if top > float(cap):
            warnings.append(f"a credit tier pays {top:g}% but credits are capped at {cap}%: "
                            "the cap applies")
    exclusions = [Exclusion(category=e.category, text=e.text, evidence=doc.evidence(e.start, e.end))
                  for e in extract_exclusions(doc)]
    support = [SupportTime(tier=s.tier, severity=s.severity, kind=s.kind,  # type: ignore[arg-type]
                           response_hours=float(s.hours), as_written=s.as_written,
                           business_time=s.business, evidence=doc.evidence(s.start, s.end))
               for s in extract_support(doc)]

    if notice_kind == "business":
        warnings.append("the maintenance notice is in business days; counted as 24 hours each")
    if claim_found.day_kind == "business":
        warnings.append("the claim deadline counts business days; deadline_days holds the "
                        "number of business days")

    result = SLAExtraction(
        source=Source(path=doc.path, format=doc.format, sha256=sha256,  # type: ignore[arg-type]
                      pages=doc.pages, size_bytes=size),
        provider=provider,
        effective_date=effective,
        measurement_period=period,
        uptime_targets=uptime_targets,
        credit_schedules=credit_schedules,
        credit_cap_percent=_num(cap),
        minimum_credit_amount=_num(minimum),
        currency=currency,
        claim=Claim(
            deadline_days=claim_found.deadline_days,
            deadline_day_kind=claim_found.day_kind,  # type: ignore[arg-type]
            deadline_from=claim_found.deadline_from,  # type: ignore[arg-type]
            deadline_billing_cycles=claim_found.billing_cycles,
            notice_hours=claim_found.notice_hours,
            channel=claim_found.channel,  # type: ignore[arg-type]
            required_information=claim_found.required_information),
        maintenance_notice_hours=notice,
        maintenance_notice_day_kind=notice_kind,  # type: ignore[arg-type]
        exclusions=exclusions,
        support=support,
        sole_remedy=sole,
        warnings=list(dict.fromkeys(warnings)),
        evidence=evidence,
    )
    if is_sla:  # what the SLA is silent on, said once: the same rules as the app's gap flags
        result.warnings.extend(g.detail for g in gaps(result) if g.code in WARNED_GAPS)
    return result


def _schedules(doc: Document, found: list[ScheduleFinding], targets: list[TargetFinding],
               warnings: list[str]) -> list[CreditSchedule]:
    """Resolve "below the target" credits against the targets and build the models."""
    target_values = sorted({t.percent for t in targets}, reverse=True)
    has_bounded = any(f.tiers and not f.below_target for f in found if f.metric != "hours")
    out: list[CreditSchedule] = []
    for f in found:
        warnings += f.warnings
        if f.below_target and has_bounded and not f.per_point:
            continue  # a flat "if we miss the target" sentence restating a tier table
        if f.below_target and not target_values:
            warnings.append("a credit is stated for missing the target, but no target was found")
            continue
        # "below the target": each service's own target; one schedule per distinct target
        scopes: list[tuple[list[str], Decimal | None]] = [(f.services, None)]
        if f.below_target:
            relevant = [t for t in targets if not f.services or t.service in f.services] or targets
            values = {t.percent for t in relevant}
            if len(values) > 1:
                warnings.append("a credit is stated for missing 'the target' while several targets "
                                "exist; applied below each service's own target")
                scopes = [([t.service] if t.service else [], t.percent) for t in relevant]
            else:
                scopes = [(f.services, values.pop())]
        for services, target in scopes:
            per_point = None
            tiers = None
            if f.per_point:
                rate, below = f.per_point
                if below < 0:
                    below = target if target is not None else target_values[0]
                per_point = PerPoint(credit_percent_per_point=float(rate), below=float(below))
            else:
                tiers = []
                for t in f.tiers:
                    upper = t.upper
                    if f.below_target and upper is None:
                        upper = target if target is not None else target_values[0]
                    tiers.append(Tier(lower=float(t.lower), upper=_num(upper),
                                      credit_percent=_num(t.credit_percent),
                                      credit_days=_num(t.credit_days)))
            out.append(CreditSchedule(services=services, metric=f.metric,  # type: ignore[arg-type]
                                      tiers=tiers, per_point=per_point, description=f.description,
                                      evidence=doc.evidence(f.start, f.end)))
    return out


def extract_bytes(path: Path, data: bytes, options: ReadOptions | None = None) -> SLAExtraction:
    doc = read_bytes(path, data, options)
    return extract_document(doc, hashlib.sha256(data).hexdigest(), len(data))


def extract_file(path: Path | str, options: ReadOptions | None = None) -> SLAExtraction:
    """Read and extract one file; raises DocumentLoadError for bad input."""
    from extractor.extract.readers import load_bytes

    path = Path(path)
    return extract_bytes(path, load_bytes(path, options or ReadOptions()), options)
