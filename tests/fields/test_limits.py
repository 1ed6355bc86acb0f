"""Credit cap and minimum credit: sentence tables (input, cap % or minimum amount and
currency) with negatives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.fields.limits import extract_cap, extract_minimum_credit
from tests.fields.helpers import doc_of

CAPS = [
    ("We add one free day of service for each hour down. One month can earn at most a full "
     "month of service.", 100.0),
    ("For every 1/2 hour of downtime you receive a 5% credit, up to 100% of the monthly rate.",
     100.0),
    ("Credits for a month never add up to more than the charges you paid for that month.", 100.0),
    ("Credits in any month never exceed half of that month's fee.", 50.0),
    ("Credits cannot exceed 25% of monthly charge.", 25.0),
    ("The total Service Credits in a month shall not exceed thirty percent (30%) of the fees.",
     30.0),
    ("Service Credits are capped at 50% of the monthly fee.", 50.0),
    ("In no event will credits exceed 10% of the fees paid for that month.", 10.0),
    ("The maximum credit for any month is one month's fees.", 100.0),
    ("Credits for a month will not be more than 40% of the fee, whatever the table would "
     "otherwise give.", 40.0),
]
NOT_CAPS = [
    "A credit of 10% of the monthly fee applies below 99.9%.",
    "Annual plans are billed at a 20% discount to monthly plans.",
    "Each account may store up to a maximum of 500 GB.",
    "Late payments accrue interest of no more than 1.5% per month.",
]
MINIMUMS = [
    ("A Service Credit will be issued only if the credit amount is greater than one dollar "
     "($1 USD).", (Decimal(1), "USD")),
    ("Service credits under $10 will not be issued.", (Decimal(10), "USD")),
    ("Credits of less than €5 are not paid out.", (Decimal(5), "EUR")),
]
NOT_MINIMUMS = [
    "The monthly fee is $10 per seat.",
    "Plans start at $29 per month.",
    "Orders over $500 are eligible for volume discounts.",
    "A credit of 10% of the monthly fee applies below 99.9%.",
]


def test_a_cap_row_of_a_table_with_a_column_per_plan() -> None:
    text = ("| | Basic (99.0%) | Pro (99.9%) |\n|---|---|---|\n"
            "| Service credit | 5% per full hour of downtime | 5% per full hour of downtime |\n"
            "| Maximum credit in a month | 40% of the fee | 40% of the fee |\n")
    assert extract_cap(doc_of(text, "t.md"))[0] == Decimal(40)


@pytest.mark.parametrize(("sentence", "cap"), CAPS)
def test_cap(sentence: str, cap: float):
    value, _, _ = extract_cap(doc_of(sentence))
    assert value is not None and float(value) == cap


@pytest.mark.parametrize("sentence", NOT_CAPS)
def test_no_cap(sentence: str):
    assert extract_cap(doc_of(sentence))[0] is None


@pytest.mark.parametrize(("sentence", "expected"), MINIMUMS)
def test_minimum_credit(sentence: str, expected: tuple[Decimal, str]):
    value, currency, _ = extract_minimum_credit(doc_of(sentence))
    assert (value, currency) == expected


@pytest.mark.parametrize("sentence", NOT_MINIMUMS)
def test_no_minimum_credit(sentence: str):
    assert extract_minimum_credit(doc_of(sentence))[:2] == (None, None)
