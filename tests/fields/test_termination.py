"""Termination for chronic failure: sentence table (input, expected terms) with negatives."""
from __future__ import annotations

import pytest

from extractor.extract.fields.termination import read_termination
from extractor.extract.pipeline import extract_document
from tests.fields.helpers import doc_of

CASES = [
    ("If Availability falls below 95% in three (3) consecutive months, Customer may terminate "
     "the Agreement on thirty (30) days' written notice.",
     {"threshold_percent": 95.0, "periods": 3, "consecutive": True, "notice_days": 30}),
    ("You may terminate this agreement if we miss the Service Level in any three months of a "
     "rolling twelve-month period.",
     {"periods": 3, "within_periods": 12, "consecutive": False}),
    ("Customer shall have the right to terminate the affected Service within sixty (60) days "
     "after the third such failure.",
     {"periods": 3, "exercise_within_days": 60, "consecutive": False}),
    ("Should uptime be lower than 99% for two consecutive billing cycles, the Client is entitled "
     "to cancel the subscription without penalty.",
     {"threshold_percent": 99.0, "periods": 2, "consecutive": True}),
]
NEGATIVES = [
    "We may terminate your account for non-payment after three consecutive months.",
    "Either party may terminate this Agreement for convenience on 30 days' notice.",
    "This SLA ends when the Agreement terminates.",
    "We may suspend or terminate the Service if you breach the acceptable use policy.",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_reads_the_terms_of_the_right(sentence: str, expected: dict):
    found = read_termination(sentence)
    assert found is not None
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_a_customer_termination_right(sentence: str):
    assert read_termination(sentence) is None


def test_termination_right_in_an_extraction_has_evidence():
    text = ("# Marlow Cloud SLA\n\nMarlow will make the service available 99.9% of each month.\n\n"
            "If Availability falls below 95% in three (3) consecutive months, you may terminate "
            "the Agreement on thirty (30) days' written notice.\n")
    sla = extract_document(doc_of(text, "t.md"))
    assert sla.termination is not None
    assert sla.termination.periods == 3 and sla.termination.threshold_percent == 95.0
    assert "consecutive months" in sla.termination.evidence.quote
    assert "no_termination_right" not in {i.code for i in sla.issues}
