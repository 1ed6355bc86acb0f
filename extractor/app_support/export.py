"""Exports an analyst can hand on: terms and scenario results as XLSX and CSV, a
printable HTML report with the evidence quotes, and claim deadlines as an ICS calendar.

Every export uses the effective values (the user's corrections applied); which terms were
corrected is a column of its own, never a mark inside a data cell. Numbers stay numbers
(numeric cells, full precision). Text that a spreadsheet would run as a formula
(= + - @ tab CR) is written as text: prefixed with ' in CSV, typed as a string in XLSX.
Document text in the HTML report is escaped with ``html.escape``.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from extractor.analysis.engine import schedule_for
from extractor.app_support import corrections
from extractor.app_support import presentation as P
from extractor.app_support.compare import ComparisonRow
from schemas.models import SLAExtraction, UptimeTarget

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only with it ("—" and "✎" otherwise garble)

# (column, what it holds); the order of the terms sheet and the terms CSV
TERM_COLUMNS: list[tuple[str, str]] = [
    ("provider", "vendor"), ("document", "file name"), ("sample", "a sample SLA, not the user's"),
    ("service", "service, plan or environment"), ("target_percent", "uptime target %"),
    ("measurement_period", "period"), ("credit_schedule", "credit schedule in words"),
    ("credit_cap_percent", "most credit per period, % of the fee"),
    ("minimum_credit_amount", "credits below this are not issued"), ("currency", "currency"),
    ("claim_deadline_days", "days to claim"), ("claim_deadline_day_kind", "calendar/business"),
    ("claim_deadline_from", "counted from"), ("ticket_first_hours", "a ticket first, hours"),
    ("claim_channel", "how to claim"), ("maintenance_notice_hours", "maintenance notice, h"),
    ("maintenance_notice", "maintenance notice in words"), ("sole_remedy", "credits only remedy"),
    ("exclusions", "exclusion categories"), ("warnings", "extraction warnings"),
    ("corrected", "terms the user corrected"),
]
RESULT_COLUMNS = [f.name for f in dataclasses.fields(ComparisonRow)]


def term_rows(slas: Sequence[SLAExtraction], samples: Sequence[bool] | None = None,
              services: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """One row per provider and service (one row for an SLA without targets)."""
    labels = P.provider_labels([corrections.apply(s) for s in slas])
    rows = []
    for i, (label, stored) in enumerate(zip(labels, slas, strict=True)):
        sla = corrections.apply(stored)
        words = P.term_values(sla, services)
        c = sla.claim
        common = {
            "provider": label, "document": PurePath(sla.source.path).name,
            "sample": bool(samples[i]) if samples is not None else None,
            "measurement_period": P.plain(sla.measurement_period, P.PERIOD_LABELS),
            "credit_cap_percent": sla.credit_cap_percent,
            "minimum_credit_amount": sla.minimum_credit_amount, "currency": sla.currency,
            # a schema's keys in words: a person reads these cells
            "claim_deadline_days": c.deadline_days,
            "claim_deadline_day_kind": _words(P.DAY_KIND_LABELS, c.deadline_day_kind),
            "claim_deadline_from": _words(P.FROM_LABELS, c.deadline_from),
            "ticket_first_hours": c.notice_hours,
            "claim_channel": _words(P.CHANNEL_LABELS, c.channel),
            "maintenance_notice_hours": sla.maintenance_notice_hours,
            "maintenance_notice": words["Maintenance notice"].removesuffix(P.CORRECTED_MARK),
            "sole_remedy": sla.sole_remedy, "exclusions": words["Exclusions"].removesuffix(
                P.CORRECTED_MARK),
            "warnings": len(sla.warnings),
            "corrected": ", ".join(sorted(corrections.corrected_terms(stored, P.TERMS))),
        }
        targets: list[UptimeTarget | None] = [*P.selected_targets(sla, services)]
        for t in targets or [None]:
            schedule = schedule_for(sla, t.service if t else None)
            rows.append({**common, "service": P.service_name(t),
                         "target_percent": t.percent if t else None,
                         "credit_schedule": "" if schedule is None else P.schedule_in_words(
                             schedule, t.percent if t else None)})
    return [{name: row.get(name) for name, _ in TERM_COLUMNS} for row in rows]


def _words(labels: Mapping[str, str], key: str | None) -> str | None:
    return None if key is None else labels.get(key, key.replace("_", " "))


def result_rows(rows: Iterable[ComparisonRow]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(r) for r in rows]


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a BOM; numbers unquoted and unformatted (99.95, not "99.95%")."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([P.csv_cell(row.get(c), "yes", "no") for c in columns])
    return out.getvalue()


def terms_csv(slas: Sequence[SLAExtraction], samples: Sequence[bool] | None = None,
              services: Sequence[str] | None = None) -> str:
    return to_csv(term_rows(slas, samples, services), [c for c, _ in TERM_COLUMNS])


def _sheet(wb: Any, title: str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str],
           notes: Mapping[str, str] | None = None) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(title)
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([None if row.get(c) is None else
                   ("yes" if row[c] else "no") if isinstance(row.get(c), bool) else row[c]
                   for c in columns])
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                if cell.value.startswith(P.FORMULA_STARTS):
                    cell.data_type = "s"  # text, never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, float):
                cell.number_format = "0.######"
    for i, name in enumerate(columns, start=1):
        widest = max([len(name)] + [min(len(str(r.get(name) or "")), 60) for r in rows])
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widest + 2
    ws.freeze_panes = "B2"
    if notes:
        from openpyxl.comments import Comment
        for cell in ws[1]:
            if cell.value in notes:
                cell.comment = Comment(notes[cell.value], "sla")


def workbook(terms: Sequence[Mapping[str, Any]],
             results: Sequence[Mapping[str, Any]] | None = None) -> bytes:
    """An .xlsx: sheet "Terms" (one row per provider and service) and, when there are
    scenario results, sheet "Scenario results"."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    _sheet(wb, "Terms", terms, [c for c, _ in TERM_COLUMNS], dict(TERM_COLUMNS))
    if results:
        columns = list(dict.fromkeys(k for r in results for k in r))
        _sheet(wb, "Scenario results", results, columns)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- printable report -----------------------------------------------------------------

_REPORT_CSS = """
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: .3em 0 .8em 1em; padding-left: .6em; border-left: 3px solid #999;
  font-size: 10pt; white-space: pre-wrap; }
.vendor { break-inside: avoid-page; } .muted { color: #555; font-size: 9pt; }
@media print { body { margin: 0; } a { color: inherit; text-decoration: none; }
  tr, blockquote { break-inside: avoid; } }
"""


def _td(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"<td class='num'>{html.escape(P.rounded(value, 4))}</td>"
    text = "" if value is None else ("yes" if value is True else "no" if value is False
                                     else str(value))
    return f"<td>{html.escape(text)}</td>"


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_td(r.get(c)) for c in columns) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(slas: Sequence[SLAExtraction], results: Sequence[Mapping[str, Any]] = (),
                title: str = "SLA comparison", verdicts: Mapping[str, str] | None = None,
                samples: Sequence[bool] | None = None) -> str:
    """A self-contained HTML page that prints cleanly: terms, scenario results and, per
    vendor, the verdict and the evidence quote of each value."""
    terms = term_rows(slas, samples)
    shown = ["provider", "service", "target_percent", "credit_schedule", "credit_cap_percent",
             "claim_deadline_days", "claim_deadline_from", "ticket_first_hours", "sole_remedy",
             "corrected"]
    parts = [(f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>{html.escape(title)}</title><style>{_REPORT_CSS}</style></head><body>"),
             f"<h1>{html.escape(title)}</h1>",
             (f"<p class='muted'>Prepared {dt.date.today().isoformat()}. Values are as "
             f"extracted from each SLA, with the analyst's corrections applied.</p>"),
             "<h2>Terms</h2>", _table(terms, shown)]
    if results:
        parts += ["<h2>Scenario results</h2>",
                  _table(results, list(dict.fromkeys(k for r in results for k in r)))]
    labels = P.provider_labels([corrections.apply(s) for s in slas])
    for label, stored in zip(labels, slas, strict=True):
        sla = corrections.apply(stored)
        parts.append(f"<section class='vendor'><h2>{html.escape(label)}</h2>")
        if verdicts and label in verdicts:
            parts.append(f"<p>{html.escape(verdicts[label])}</p>")
        for item in P.evidence_items(sla):
            page = f" (page {item.evidence.page})" if item.evidence.page else ""
            parts.append(f"<div><strong>{html.escape(item.label)}</strong>"
                         f"{html.escape(': ' + item.value if item.value else '')}"
                         f"<span class='muted'>{html.escape(page)}</span></div>"
                         f"<blockquote>{html.escape(item.evidence.quote)}</blockquote>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --- claim deadlines as a calendar ----------------------------------------------------

def _ics_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "").replace("\n", "\\n"))


def claims_ics(events: Iterable[tuple[str, dt.date, str]]) -> str:
    """An ICS calendar with one all-day event per (summary, date, description)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sla-extractor//claims//EN",
             "CALSCALE:GREGORIAN"]
    for n, (summary, day, description) in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:claim-{day:%Y%m%d}-{n}@sla-extractor",
                  f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ics_text(summary)}", f"DESCRIPTION:{_ics_text(description)}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
