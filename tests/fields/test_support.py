"""Support response and resolution times: sentence and table cases (input, times as
(tier, severity, kind, hours, business time)) with negatives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.fields.support import extract_support
from tests.fields.helpers import doc_of

Time = tuple[str | None, str | None, str, Decimal, bool]


def times_of(text: str, name: str = "t.txt") -> list[Time]:
    return [(s.tier, s.severity, s.kind, s.hours, s.business)
            for s in extract_support(doc_of(text, name))]


CASES = [
    ("For critical support issues we will respond to a request within 30 minutes.",
     [(None, "critical", "response", Decimal("0.5"), False)]),
    ("Urgent server-down issues will be solved within 24 hours.",
     [(None, "Urgent", "resolution", Decimal(24), False)]),
    # a business day is a working day of 8 business hours
    ("Low priority tickets receive a reply within 3 business days.",
     [(None, "Low", "response", Decimal(24), True)]),
]
TABLES = [
    pytest.param("| Plan | Channels | Response time |\n|---|---|---|\n"
                 "| Enterprise | Dedicated TAM, phone | 4 hours (P1: 1 hour) |\n"
                 "| Standard | Email | 1 business day |\n",
                 [("Enterprise", None, "response", Decimal(4), False),
                  ("Enterprise", "P1", "response", Decimal(1), False),
                  ("Standard", None, "response", Decimal(8), True)],
                 id="tiers with a severity inside a cell"),
    pytest.param("| Severity | Initial response | Resolution target |\n|---|---|---|\n"
                 "| Severity 1 | 15 minutes | 4 hours |\n"
                 "| Severity 2 | 2 business hours | 3 business days |\n",
                 [(None, "Severity 1", "response", Decimal("0.25"), False),
                  (None, "Severity 1", "resolution", Decimal(4), False),
                  (None, "Severity 2", "response", Decimal(2), True),
                  (None, "Severity 2", "resolution", Decimal(24), True)],
                 id="severities with response and resolution columns"),
]
NEGATIVES = [
    "Claims must be submitted within 30 days of the incident.",
    "Scheduled maintenance is announced at least 48 hours in advance.",
    "Support is available Monday to Friday, 9am to 5pm.",
    "Requests to the API time out after 30 seconds.",
    "Password reset requests expire within 24 hours.",
    pytest.param("Data exports are completed within 48 hours of the request.",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "'completed' plus 'request' read as a support resolution time; a data "
                     "export's turnaround is not support"))),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_support_times_in_prose(sentence: str, expected: list[Time]):
    assert times_of(sentence) == expected


@pytest.mark.parametrize(("text", "expected"), TABLES)
def test_support_times_in_tables(text: str, expected: list[Time]):
    assert times_of(text, "t.md") == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_a_support_time(sentence: str):
    assert times_of(sentence) == []
