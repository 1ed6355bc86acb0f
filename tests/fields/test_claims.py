"""Claims: sentence table (input, (deadline days, day kind, counted from, ticket-first
hours, channel)) with negatives, then deadlines said in other ways."""
from __future__ import annotations

import pytest

from extractor.extract.fields.claims import ClaimFinding, extract_claim
from tests.fields.helpers import doc_of

Claim = tuple[int | None, str | None, str | None, int | None, str | None]

CASES = [
    ("Claims must be received within thirty (30) calendar days of the last reported failure, "
     "by email.", (30, "calendar", "last_failure", None, "email")),
    ("Submit your claim within 60 days of the end of the contracted month through a support "
     "case.", (60, "calendar", "end_of_period", None, "support_ticket")),
    ("You must open a support ticket within 24 hours of the interruption and submit a claim "
     "within seven (7) days by emailing us.", (7, "calendar", "incident", 24, "email")),
    ("Credit requests must be made in writing no later than ten (10) business days after the "
     "end of the month.", (10, "business", "end_of_period", None, "written")),
    # the fault named before the verb that reports it
    ("Credits apply only to an Outage that the Client has reported to the Help Desk within six "
     "(6) hours, and the claim must be e-mailed within 30 days of the Outage.",
     (30, "calendar", "incident", 6, "email")),
]
NEGATIVES = [
    "We will respond to requests within 2 hours.",
    "Invoices are payable within 30 days of the invoice date.",
    "You may cancel your subscription within 14 days of purchase for a full refund.",
    "Support tickets are answered within 4 business hours.",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_claim(sentence: str, expected: Claim):
    claim = extract_claim(doc_of(sentence))
    assert (claim.deadline_days, claim.day_kind, claim.deadline_from, claim.notice_hours,
            claim.channel) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_a_claim_procedure(sentence: str):
    assert extract_claim(doc_of(sentence)) == ClaimFinding()


def test_a_run_in_title_sets_the_claim_context():
    found = extract_claim(doc_of("**Claiming.** E-mail billing@tarrow.example with the times, "
                                 "within 21 days after the end of the month.", "t.md"))
    assert (found.deadline_days, found.deadline_from, found.channel) == (21, "end_of_period",
                                                                          "email")


def test_claim_by_end_of_billing_cycle():
    claim = extract_claim(doc_of("To claim a credit, submit a request by the end of the second "
                                 "billing cycle after the incident."))
    assert claim.billing_cycles == 2 and claim.deadline_days is None


def test_a_fault_reported_within_business_hours_is_a_notice():
    text = ("Reporting faults and claiming credits\n\nA fault must be reported to the operations "
            "centre within eight (8) business hours of the Customer becoming aware of it. Credit "
            "requests must reach us no later than forty-five (45) days after the outage was "
            "resolved.")
    claim = extract_claim(doc_of(text))
    assert (claim.notice_hours, claim.deadline_days) == (8, 45)


def test_a_provider_act_after_the_deadline_does_not_hide_it():
    text = ("Requesting a credit\n\nEmail us within thirty (30) days after we issue the invoice "
            "for the month.")
    assert extract_claim(doc_of(text)).deadline_days == 30
