"""Short terms: maintenance notice (input, hours), sole remedy (input, true or false) and
measurement period (input, period), each with negatives."""
from __future__ import annotations

import pytest

from extractor.extract.fields.terms import (
    extract_maintenance_notice,
    extract_measurement_period,
    extract_sole_remedy,
)
from tests.fields.helpers import doc_of

NOTICES = [
    ("Scheduled maintenance is announced at least 72 hours in advance.", 72),
    ("We give five (5) business days' notice of planned maintenance.", 120),
    ("Maintenance windows are notified seven (7) days before they start.", 168),
    ("Excused Maintenance means downtime for which we provide at least 48 hours prior notice.",
     48),
    # the notice in the sentence after the one that names the maintenance
    ("Now and then we upgrade brokers. We will tell you by email no less than 72 hours before "
     "it starts.", 72),
]
NOT_NOTICES = [
    "Maintenance usually lasts 2 hours.",
    "We will give you 30 days' notice before changing these terms.",
    "Emergency maintenance may be carried out without notice.",
    "You must notify us within 24 hours of an outage.",
    # a record of past notices, not the rule
    "Last year we sent most maintenance notices about 72 hours before the work began.",
]
REMEDIES = [
    ("Service Credits are your sole and exclusive remedy for any unavailability.", True),
    ("SLAs are your only way to resolve a failure to meet a specified service level.", True),
    ("Service Credits shall be the Customer's sole and exclusive recourse, without prejudice to "
     "the Customer's right to terminate the Agreement.", True),
    ("Credits are not your sole remedy and do not limit other rights.", False),
    ("Credits are in addition to any other remedies; they are not the exclusive remedy.", False),
    ("Credits under this commitment do not limit any other rights or remedies you may have.",
     False),
    ("Nothing on this page limits any other right or remedy you have.", False),
]
NOT_REMEDIES = [
    "Contact support for remedies of billing errors.",
    "Email is the only way to reach our billing team.",
    "The customer's remedies for late payment are set out in the Agreement.",
]
PERIODS = [
    ("Availability is calculated per calendar month.", "calendar_month"),
    ("Uptime is measured over each billing cycle.", "billing_cycle"),
    ("Availability is measured per calendar quarter.", "calendar_quarter"),
    ("Monthly Uptime Percentage is the percentage of minutes available.", "month"),
    ("Availability is calculated over a calendar year.", "year"),
]
NOT_PERIODS = [
    "Invoices are sent each month.",
    "The agreement renews every calendar year.",
    "Uptime is shown on the status page.",
]


@pytest.mark.parametrize(("sentence", "hours"), NOTICES)
def test_maintenance_notice(sentence: str, hours: int):
    assert extract_maintenance_notice(doc_of(sentence))[0] == hours


@pytest.mark.parametrize("sentence", NOT_NOTICES)
def test_no_maintenance_notice(sentence: str):
    assert extract_maintenance_notice(doc_of(sentence))[0] is None


def test_maintenance_notice_in_a_table_row():
    text = ("| Category | Description |\n|---|---|\n| Planned work | Maintenance we announce not "
            "less than 36 hours before it starts. |\n")
    assert extract_maintenance_notice(doc_of(text, "t.md"))[0] == 36


@pytest.mark.parametrize(("sentence", "value"), REMEDIES)
def test_sole_remedy(sentence: str, value: bool):
    assert extract_sole_remedy(doc_of(sentence))[0] is value


@pytest.mark.parametrize("sentence", NOT_REMEDIES)
def test_says_nothing_of_remedies(sentence: str):
    assert extract_sole_remedy(doc_of(sentence))[0] is None


@pytest.mark.parametrize(("sentence", "period"), PERIODS)
def test_measurement_period(sentence: str, period: str):
    assert extract_measurement_period(doc_of(sentence))[0] == period


@pytest.mark.parametrize("sentence", NOT_PERIODS)
def test_no_measurement_period(sentence: str):
    assert extract_measurement_period(doc_of(sentence))[0] is None
