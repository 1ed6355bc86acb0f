"""How credits are paid: sentence table (input, expected terms) with negatives."""
from __future__ import annotations

import pytest

from extractor.extract.fields.credit_payment import read_payment
from extractor.extract.pipeline import extract_document
from tests.fields.helpers import doc_of

CASES = [
    ("Service Credits will be applied to your next invoice.", {"method": "invoice_credit"}),
    ("Credits are credited against future fees and are issued automatically.",
     {"method": "invoice_credit", "automatic": True}),
    ("Any credit is added to the end of your subscription term.",
     {"method": "service_extension"}),
    ("We will refund the credit to your original payment method.", {"method": "refund"}),
    ("Credits are issued only if you request them in writing.", {"automatic": False}),
    ("No credit will be paid upon termination or non-renewal of the Agreement.",
     {"forfeited_on_termination": True}),
    ("Unused service credits expire when the agreement ends.",
     {"forfeited_on_termination": True}),
    ("Service credits have no cash value and are not refundable.", {"cash_value": False}),
]
NEGATIVES = [
    "Service credits are calculated as a percentage of the monthly fee.",
    "To receive a credit, open a ticket within 30 days.",
    "We will invoice you monthly in advance.",
    "Refunds for annual plans follow our billing policy.",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_reads_how_credits_are_paid(sentence: str, expected: dict):
    found = read_payment(sentence)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_says_nothing_of_payment(sentence: str):
    assert read_payment(sentence) == {}


def test_a_claim_procedure_makes_credits_on_request():
    text = ("# Marlow Cloud SLA\n\nMarlow will make the service available 99.9% of each month.\n\n"
            "If availability is below 99.9% you receive a service credit of 10% of the monthly "
            "fee. Service Credits will be applied to your next invoice.\n\n"
            "To receive a credit, email billing@marlow.example within 30 days of the incident.\n")
    sla = extract_document(doc_of(text, "t.md"))
    assert sla.credit_payment is not None
    assert sla.credit_payment.method == "invoice_credit"
    assert sla.credit_payment.automatic is False
    assert "next invoice" in sla.credit_payment.evidence.quote
