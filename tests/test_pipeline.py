"""Whole documents through every field family: what only the pipeline decides (is it an
SLA, evidence for each value, short and question-and-answer SLAs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.extract.pipeline import extract_document
from tests.fields.helpers import doc_of


def test_not_an_sla_yields_no_targets():
    text = ("Privacy Policy\n\nWe collect your email address. 99% of requests are answered "
            "within a day. We keep data for 30 days.")
    result = extract_document(doc_of(text))
    assert result.uptime_targets == [] and result.credit_schedules == []
    assert any("does not read as an SLA" in w for w in result.warnings)


def test_every_value_has_evidence():
    text = Path(__file__).resolve().parent.parent.joinpath("corpus", "tagoio.txt").read_text()
    result = extract_document(doc_of(text))
    for path in ("provider", "claim.deadline_days", "claim.notice_hours",
                 "minimum_credit_amount", "sole_remedy"):
        ev = result.evidence[path]
        assert ev.quote and ev.quote == doc_of(text).text[ev.start:ev.end]
    assert all(t.evidence.quote for t in result.uptime_targets)


def test_a_very_short_sla_is_still_an_sla():
    text = ("# Acorn uptime promise\n\n## The promise\n\nAcorn will be up 99.5% of every calendar "
            "month.\n\n## If we miss it\n\nYou get 10% of that month's subscription back as "
            "credit.\n\nTo get it, email us within 14 days.\n")
    result = extract_document(doc_of(text, "t.md"))
    assert [(t.service, t.percent) for t in result.uptime_targets] == [(None, 99.5)]
    assert [(t.lower, t.upper, t.credit_percent) for t in result.credit_schedules[0].tiers] == [
        (0.0, 99.5, 10.0)]
    assert result.claim.deadline_days == 14


def test_question_and_answer_sla():
    text = ("1. Q: What uptime do you guarantee?\n\nA: 99.9% in every calendar month.\n\n"
            "2. Q: Are credits my only remedy?\n\nA: No. They do not replace any other rights "
            "you have.\n\n3. Q: How do I claim?\n\nA: Write to us within ten (10) business days "
            "after the end of the month.\n")
    result = extract_document(doc_of(text + "\nService credits apply; uptime matters.\n"))
    assert [(t.service, t.percent) for t in result.uptime_targets] == [(None, 99.9)]
    assert result.sole_remedy is False
    assert (result.claim.deadline_days, result.claim.deadline_day_kind) == (10, "business")


@pytest.mark.parametrize("answer", [
    "**Is there an SLA?** Not on these plans; ask sales about an uptime commitment.",
    "**Do you offer an uptime guarantee on Starter?** No. Enterprise contracts can add one.",
    "The Starter plan comes with no SLA.",
])
def test_a_page_that_says_it_has_no_sla_keeps_no_sla_terms(answer: str) -> None:
    from extractor.extract.pipeline import extract_bytes

    text = ("# Pricing\n\nBuilt for 99.99% uptime. Usage credits roll over each month; unused "
            "credits expire after a year.\n\nPlanned work is posted at least 48 hours ahead on "
            "the status page. Downtime and availability figures are published monthly.\n\n"
            + answer + "\n")
    sla = extract_bytes(Path("pricing.md"), text.encode())
    assert sla.uptime_targets == [] and sla.credit_schedules == []
    assert sla.maintenance_notice_hours is None
    assert any("offers no SLA" in w for w in sla.warnings)
