"""Exports: XLSX with numeric cells, CSV with a BOM, the printable report, ICS; the
corrections and decision logic behind them."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from extractor.app_support import corrections as C
from extractor.app_support import decision as D
from extractor.app_support import export as X
from extractor.app_support import presentation as P
from extractor.app_support.compare import compare
from extractor.extract.pipeline import extract_bytes
from schemas.models import Correction

SLA = b"""Acme Cloud Service Level Agreement

Acme will make the Service available with a Monthly Uptime Percentage of at least 99.95%.

| Monthly Uptime Percentage | Service Credit |
|---|---|
| Less than 99.95% but at least 99.0% | 10% |
| Less than 99.0% | 30% |

To receive a credit, you must submit a claim within 14 days of the incident.
"""


@pytest.fixture(scope="module")
def sla():
    return extract_bytes(Path("=acme.md"), SLA)


def corrected(sla, path, value):
    return sla.model_copy(update={"corrections": [Correction(
        path=path, value=value, corrected_at=dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc))]})


def test_xlsx_has_numeric_terms_and_results_sheets(sla):
    from openpyxl import load_workbook
    fixed = corrected(sla, "credit_cap_percent", 40)
    results = X.result_rows(compare([C.apply(fixed)], [{"availability_percent": 99.5}]))
    book = load_workbook(io.BytesIO(X.workbook(X.term_rows([fixed]), results)))
    assert book.sheetnames == ["Terms", "Scenario results"]
    terms = list(book["Terms"].values)
    header, row = terms[0], dict(zip(terms[0], terms[1], strict=True))
    assert "target_percent" in header
    assert row["target_percent"] == 99.95 and isinstance(row["target_percent"], float)
    assert row["credit_cap_percent"] == 40 and row["corrected"] == "Credit cap"
    assert row["document"] == "=acme.md" and book["Terms"]["B2"].data_type == "s"
    res = dict(zip(*list(book["Scenario results"].values)[:2], strict=True))
    assert res["credit_percent"] == 10 and res["target_percent"] == 99.95


def test_csv_has_a_bom_numbers_and_no_marks_in_cells(sla):
    text = X.terms_csv([corrected(sla, "claim.deadline_days", 30)])
    assert text.startswith("\ufeffprovider,")
    header, row = (line.split(",") for line in text.splitlines()[:2])
    cells = dict(zip(header, row, strict=False))
    assert cells["target_percent"] == "99.95" and cells["claim_deadline_days"] == "30"
    assert cells["document"] == "'=acme.md"  # never run as a formula
    assert P.CORRECTED_MARK.strip() not in text


def test_report_is_escaped_and_quotes_evidence(sla):
    evil = sla.model_copy(update={"provider": "<img src=x onerror=alert(1)>"})
    page = X.report_html([evil], verdicts={"<img src=x onerror=alert(1)>": "meets <b>"})
    assert "<img" not in page and "&lt;img src=x" in page and "meets &lt;b&gt;" in page
    assert "at least 99.95%" in page and "@media print" in page


def test_ics_has_one_all_day_event_per_deadline():
    ics = X.claims_ics([("Claim: Acme, Inc.", dt.date(2024, 3, 31), "30 days; credit 10%")])
    assert "DTSTART;VALUE=DATE:20240331" in ics and "SUMMARY:Claim: Acme\\, Inc." in ics
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")


def test_check_refuses_what_does_not_fit_and_names_allowed_values(sla):
    with pytest.raises(C.CorrectionError, match="email, support_ticket, written, other"):
        C.check(sla, "claim.channel", "carrier pigeon")
    with pytest.raises(C.CorrectionError, match="valid integer"):
        C.check(sla, "claim.deadline_days", "sixty")
    with pytest.raises(C.CorrectionError, match="valid integer"):
        C.check(sla, "claim.deadline_days", "30")  # text is not a number
    with pytest.raises(C.CorrectionError, match="0 to 100"):
        C.check(sla, "uptime_targets", [{"service": None, "percent": 120}])
    with pytest.raises(C.CorrectionError, match="category"):
        C.check(sla, "exclusions", [{"category": "acts of gods", "text": "x"}])
    fixed = C.check(sla, "exclusions", [{"category": "force_majeure", "text": "Floods."}])
    assert fixed.exclusions[0].evidence.quote == C.USER_EVIDENCE["quote"]
    assert C.check(sla, "claim.deadline_days", 30).claim.deadline_days == 30


def test_exported_json_gives_effective_extracted_and_time(sla):
    data = json.loads(P.export_json([corrected(sla, "claim.deadline_days", 45)]))
    assert data["claim"]["deadline_days"] == 45
    (c,) = data["corrections"]
    assert c["extracted_value"] == 14 and c["corrected_at"].startswith("2024-05-01")


def test_words_and_units():
    assert P.hours_in_words(504, "calendar") == "3 weeks"
    assert P.hours_in_words(168, "business") == "7 business days"
    assert P.hours_in_words(48) == "48 hours" and P.hours_in_words(1) == "1 hour"
    assert P.rounded(16.129032) == "16.13" and P.rounded(None) == "—"
    assert P.plain("beta_or_free", P.CATEGORY_LABELS) == "beta or free services"
    assert P.plain("calendar_month", P.PERIOD_LABELS) == "calendar month"


def test_plain_md_leaves_no_markdown_to_render():
    text = P.plain_md("[x](http://e.com) ![i](a.png) $x^2$ :smile: <b>b</b> www.e.com *em*")
    for raw in ("[x]", "](", "![", ":smile:", "<b>", "www.", "*em*", "http://"):
        assert raw not in text
    assert re.findall(r"(?<!\\)\$", text) == []  # every $ escaped: no math
    assert text.replace("\\", "").replace("\u200b", "").replace("&lt;", "<").replace(
        "&gt;", ">") == "[x](http://e.com) ![i](a.png) $x^2$ :smile: <b>b</b> www.e.com *em*"


def test_decision_ranks_own_documents_first_then_by_failed_checks(sla):
    strong = sla.model_copy(update={"provider": "Strong"})
    weak = sla.model_copy(update={"provider": "Weak", "uptime_targets": [
        sla.uptime_targets[0].model_copy(update={"percent": 99.0})]})
    req = D.Requirements(targets=(("", 99.9),), claim_days_at_least=30)
    verdicts = D.rank([D.verdict("Weak", weak, req, sample=True),
                       D.verdict("Strong", strong, req, sample=True),
                       D.verdict("Mine", weak, req, sample=False)])
    assert [v.label for v in verdicts] == ["Mine", "Strong", "Weak"]
    assert verdicts[0].failed == 2 and verdicts[2].failed == 2
    strong_v = verdicts[1]
    assert strong_v.status == "fails 1"  # 14 days < 30
    assert "meets 99.9% (commits 99.95%)" in strong_v.summary
    assert "under 30 days" in strong_v.summary
    pays = D.verdict("Strong", strong, req, {"downtime_minutes": 360, "days_in_period": 30})
    assert "pays 10% at the scenario" in pays.summary


def test_cli_compare_writes_xlsx(tmp_path):
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from extractor.operations.cli import app
    doc = tmp_path / "acme.md"
    doc.write_bytes(SLA)
    out = tmp_path / "cmp.xlsx"
    result = CliRunner().invoke(app, ["compare", str(doc), "--format", "xlsx",
                                      "--output", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book["Terms"]["E2"].value == 99.95  # target_percent, a number
    assert book["Scenario results"].max_row > 1
    refused = CliRunner().invoke(app, ["compare", str(doc), "--format", "xlsx"])
    assert refused.exit_code != 0 and "--output" in refused.output
