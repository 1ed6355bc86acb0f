"""Exclusions: clause table (input, categories) with negatives, then where the
exclusions are said (sections, lists, prose) with documents that exclude nothing."""
from __future__ import annotations

import pytest

from extractor.extract.fields.exclusions import categorize, extract_exclusions
from tests.fields.helpers import doc_of

CATEGORIES = [
    ("Scheduled maintenance announced in advance", ["scheduled_maintenance"]),
    ("Your equipment, software or network configuration", ["customer_caused"]),
    ("Outages of internet service providers or carriers", ["third_party"]),
    ("Events beyond our reasonable control, such as fire at your site", ["force_majeure"]),
    ("Suspension of your account for non-payment", ["suspension"]),
    ("Features labelled beta or preview, and free tier accounts", ["beta_or_free"]),
    ("Distributed denial-of-service attacks", ["attack"]),
    ("Requests throttled because you exceeded the API rate limits",
     ["customer_caused", "usage_limits"]),
    ("Any feature not listed in the service description", ["other"]),
    # the customer named is not the customer as the cause
    ("degradation in latency where traffic continues to pass between Customer sites", ["other"]),
    ("errors caused by malformed requests or other acts or omissions of Customer",
     ["customer_caused"]),
    ("Anything you broke yourself: a custom domain pointed at the wrong place",
     ["customer_caused"]),
    ("suspension of the Service by the provider in accordance with the Agreement", ["suspension"]),
]
# sentences outside an exclusion list: no category is named
NOT_CATEGORIES = [
    "the customer dashboard shows current uptime",
    "uptime is reported on the status page",
    "a customer success manager reviews the availability report with you each quarter",
]
IN_PROSE = [
    ("## Maintenance\n\nTime inside an announced window is not counted as down.\n",
     {"scheduled_maintenance"}),
    ("Downtime is not counted when it comes from your devices' firmware, from cellular carriers, "
     "from traffic above your plan's message quota, or from events outside our reasonable "
     "control.", {"customer_caused", "third_party", "usage_limits", "force_majeure"}),
    ("## Exclusions\n\nWe do not schedule maintenance that interrupts service.\n\n"
     "- denial-of-service attacks\n", {"attack"}),
    ("The SLA does not cover scheduled maintenance or problems in your own code.",
     {"scheduled_maintenance", "customer_caused"}),
    # a question heading with a contraction opens the section
    ("## What isn't covered?\n\nFailures of your mobile carrier, and requests above your "
     "plan's rate limit.\n", {"third_party", "usage_limits"}),
]
NOTHING_EXCLUDED = [
    "Downtime is measured in one-minute intervals.",
    "The Service is hosted in three regions with automatic failover.",
    "Credits are applied to the next invoice.",
    # a parenthetical "excluding" scopes the definition
    '"Availability" means the time the paid services (excluding free trials) are reachable.',
]


@pytest.mark.parametrize(("clause", "categories"), CATEGORIES)
def test_exclusion_categories(clause: str, categories: list[str]):
    assert sorted(categorize(clause, listed=True)) == sorted(categories)


@pytest.mark.parametrize("sentence", NOT_CATEGORIES)
def test_no_category_named(sentence: str):
    assert categorize(sentence, listed=False) == []


@pytest.mark.parametrize(("text", "categories"), IN_PROSE)
def test_exclusions_said_in_prose(text: str, categories: set[str]):
    assert {e.category for e in extract_exclusions(doc_of(text, "t.md"))} == categories


@pytest.mark.parametrize("text", NOTHING_EXCLUDED)
def test_nothing_excluded(text: str):
    assert extract_exclusions(doc_of(text)) == []


def test_parenthetical_excluding_is_not_an_exclusion():
    text = ('"Uptime" means the time the paid services (excluding free trials) are available.\n\n'
            'Downtime does not include:\n\n- periods of scheduled maintenance\n')
    assert {e.category for e in extract_exclusions(doc_of(text))} == {"scheduled_maintenance"}
