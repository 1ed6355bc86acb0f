"""The provider: sentence table (input, provider name) with negatives, then names read
from an HTML page's title."""

from __future__ import annotations

import pytest

from extractor.extract.fields.provider import extract_provider
from tests.fields.helpers import doc_of

CASES = [
    ('This agreement is between Orchard Relay Inc. ("Orchard Relay") and the customer.',
     "Orchard Relay"),
    ("Kestrel Cloud Service Level Agreement\n\nKestrel Cloud will provide credits.",
     "Kestrel Cloud"),
    ("Outages caused by factors beyond Fjordline's reasonable control are excluded.", "Fjordline"),
    # a name does not run on from a heading into the paragraph under it
    ("Uptime Commitment\n\nMarlow will keep the service up 99.9% of the time.\n\n"
     "Service Credits\n\nMarlow will credit 10% of the fee.", "Marlow"),
    # only the e-mail and link domain names it, as the text writes it
    ("# Help\n\nWe aim for 99.8% availability. Write to support@quenbylabs.example or see "
     "https://status.quenbylabs.example.\n\n© 2025 Quenby Labs", "Quenby Labs"),
    ("# Hardware Replacement SLA\n\nWe replace failed parts within four hours. Mail "
     "billing@tarnhollow.example; tickets at https://portal.tarnhollow.example.", "Tarnhollow"),
]
NEGATIVES = [
    "We will keep the service up 99.9% of the time.",
    "Outages caused by factors beyond our reasonable control are excluded.",
    "This Agreement is between the Customer and the Provider.",
    # a company named as a third party is not the provider
    "Outages of Amazon Web Services or other hosting providers are excluded.",
    "Service Level Agreement\n\nThe service is available 99.9% of the time.",
    # people who act for the provider, and a page's boast, are not the provider
    "Engineers will respond within 15 minutes. Engineers will update the status hourly.",
    "# An Industry Leading SLA\n\nWe aim to provide 99.9% uptime.",
    # one cited address names no provider
    "We aim to provide 99.9% uptime; questions to help@orbitcheck.example.",
]


@pytest.mark.parametrize(("text", "provider"), CASES)
def test_provider(text: str, provider: str):
    assert extract_provider(doc_of(text))[0] == provider


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_provider_named(text: str):
    assert extract_provider(doc_of(text))[0] is None


def test_a_markdown_pages_yaml_title_names_the_provider():
    text = "---\ntitle: Brindle Data — Uptime SLA\n---\n\n# Managed Cache: Uptime SLA\n\nUp 99.9%."
    assert extract_provider(doc_of(text, "t.md"))[0] == "Brindle Data"


def test_a_role_defined_for_a_company_is_the_company():
    text = ('Schedule to the Agreement between Tolland Networks Limited, registered in England '
            '(the "Operator"), and the customer.\n\nThe Operator shall credit the customer. '
            'The Operator will respond. The Operator shall publish notices.')
    assert extract_provider(doc_of(text))[0] == "Tolland Networks"


def test_a_page_title_segment_of_page_words_is_no_provider():
    doc = doc_of("Feature flags for teams\n\nStart free today.")
    doc.meta["title"] = "Uptime Commitment · Docs · Quarrel"
    assert extract_provider(doc)[0] == "Quarrel"


def test_title_segments_name_the_provider():
    doc = doc_of("Simple pricing for forms\n\nStart free today.")
    doc.meta["title"] = "Pricing – Fennel Forms"
    assert extract_provider(doc)[0] == "Fennel Forms"


def test_white_label_provider_from_title_and_copyright():
    doc = doc_of("The Company will provide the Partner with credits.\n\n"
                 "© 2025 Morrowgate Networks Ltd")
    doc.meta["title"] = "Partner Service Level Agreement | Morrowgate Networks"
    assert extract_provider(doc)[0] == "Morrowgate Networks"
