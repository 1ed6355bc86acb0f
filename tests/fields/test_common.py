"""Numbers and durations, the pieces every family reads: sentence tables with negatives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.fields.common import durations, parse_number

NUMBERS = [
    ("thirty (30)", 30), ("seven (7)", 7), ("twenty-four", 24), ("44,640", 44640),
    ("99.95", Decimal("99.95")), ("fifteen", 15), ("one hundred", 100),
]
NOT_NUMBERS = ["about", "several", "n/a"]

# (text, (hours, business time))
DURATIONS = [
    ("within 48 hours", (48, False)), ("five (5) business days", (120, True)),
    ("ten working days", (240, True)), ("30 minutes", (Decimal(30) / 60, False)),
    ("2 hrs", (2, False)), ("seven (7) calendar days", (168, False)),
]
NOT_DURATIONS = [
    "99.9% of the month",
    "Version 2.1 of these terms",
    "within a reasonable time",
    "a 30% credit for Severity 2 incidents",
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: int | Decimal):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_words_that_are_not_numbers(text: str):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "expected"), DURATIONS)
def test_durations(text: str, expected: tuple[int | Decimal, bool]):
    (d,) = list(durations(text))
    assert (d.hours, d.business) == expected


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_no_duration(text: str):
    assert list(durations(text)) == []
