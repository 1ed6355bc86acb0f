"""Effective or last-updated date: sentence table (input, date) with negatives."""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.extract.fields.dates import extract_effective_date
from tests.fields.helpers import doc_of

CASES = [
    ("Effective: April 19th, 2023", dt.date(2023, 4, 19)),
    ("Effective Date: 1 February 2025", dt.date(2025, 2, 1)),
    ("Last updated: 2024-11-05", dt.date(2024, 11, 5)),
    ("This SLA is effective as of March 15th, 2024.", dt.date(2024, 3, 15)),
    ("Updated Jan. 3, 2026", dt.date(2026, 1, 3)),
    ("Effective as of the 3rd day of March, 2025", dt.date(2025, 3, 3)),
    ("Effective 28/02/2025 · Applies to all plans", dt.date(2025, 2, 28)),
]
# read by the markdown reader (the italics of "_Updated: ..._")
MARKDOWN_CASES = [
    ("Effective date of this version: 3 February 2025", dt.date(2025, 2, 3)),
    ("Version 3.0 takes effect 3 Feb 2025.", dt.date(2025, 2, 3)),
    ("_Updated: 19 August 2025_", dt.date(2025, 8, 19)),
]
NEGATIVES = [
    "Founded in March 2010.",
    "Our company was founded on June 5, 2012.",
    "Credits requested after January 31, 2025 will not be honoured.",
    "Invoices are issued on 1 March 2025 and monthly thereafter.",
    "Copyright © 2025 Fennel Forms",
]


@pytest.mark.parametrize(("sentence", "date"), CASES)
def test_effective_date(sentence: str, date: dt.date):
    assert extract_effective_date(doc_of(sentence))[0] == date


@pytest.mark.parametrize(("sentence", "date"), MARKDOWN_CASES)
def test_effective_date_in_markdown(sentence: str, date: dt.date):
    assert extract_effective_date(doc_of(sentence, "t.md"))[0] == date


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_the_date_of_the_terms(sentence: str):
    assert extract_effective_date(doc_of(sentence))[0] is None
