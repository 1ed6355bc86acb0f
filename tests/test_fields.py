"""Field extractors against phrasings written for these tests: each family has a
table of sentences, with negatives and near-misses beside the positives."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.extract.fields.claims import extract_claim
from extractor.extract.fields.common import durations, parse_number
from extractor.extract.fields.credits import extract_schedules, parse_availability_range
from extractor.extract.fields.dates import extract_effective_date
from extractor.extract.fields.exclusions import categorize, extract_exclusions
from extractor.extract.fields.limits import extract_cap, extract_minimum_credit
from extractor.extract.fields.provider import extract_provider
from extractor.extract.fields.targets import extract_targets
from extractor.extract.fields.terms import extract_maintenance_notice, extract_sole_remedy
from extractor.extract.pipeline import extract_document
from extractor.extract.readers import read_bytes


def doc_of(text: str, name: str = "t.txt"):
    return read_bytes(Path(name), text.encode("utf-8"))


@pytest.mark.parametrize("text,value", [
    ("thirty (30)", 30), ("seven (7)", 7), ("twenty-four", 24), ("44,640", 44640),
    ("99.95", Decimal("99.95")), ("fifteen", 15), ("one hundred", 100),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,hours,business", [
    ("within 48 hours", 48, False), ("five (5) business days", 120, True),
    ("ten working days", 240, True), ("30 minutes", Decimal(30) / 60, False),
    ("2 hrs", 2, False), ("seven (7) calendar days", 168, False),
])
def test_durations(text, hours, business):
    (d,) = list(durations(text))
    assert d.hours == hours and d.business is business


@pytest.mark.parametrize("text,expected", [
    ("We guarantee at least 99% availability on all dedicated plans.", [(None, 99.0)]),
    ("The Service will be available 99.95% of the time in any calendar month.", [(None, 99.95)]),
    ('"Target Uptime Percentage" means the uptime we target each month: 99.9%.', [(None, 99.9)]),
    ("We have historically delivered 99.999% uptime to our customers.", []),
    ("If Monthly Uptime falls below 99.0%, you receive a 25% credit.", []),
    ("For example, 43 minutes of downtime means 99.9% availability.", []),
    ("Our support team resolves 95% of tickets within a day.", []),
])
def test_prose_targets(text, expected):
    targets, _ = extract_targets(doc_of(text))
    assert [(t.service, float(t.percent)) for t in targets] == expected


def test_per_plan_list_targets():
    text = ("Uptime commitments\n\nMonthly uptime targets by plan:\n\n"
            "- Standard plan: 99.9% monthly uptime\n- Premium plan: 99.95% monthly uptime\n")
    targets, _ = extract_targets(doc_of(text))
    assert [(t.service, float(t.percent)) for t in targets] == [
        ("Standard plan", 99.9), ("Premium plan", 99.95)]


def test_per_service_table_targets():
    text = ("| Component | Availability SLA |\n|---|---|\n| Object Storage | 99.9% |\n"
            "| Block Volumes | 99.99 % |\n")
    targets, _ = extract_targets(doc_of(text, "t.md"))
    assert [(t.service, float(t.percent)) for t in targets] == [
        ("Object Storage", 99.9), ("Block Volumes", 99.99)]


def tiers_of(text: str, name: str = "t.txt"):
    schedules = extract_schedules(doc_of(text, name))
    return [[(float(t.lower), None if t.upper is None else float(t.upper),
              None if t.credit_percent is None else float(t.credit_percent),
              None if t.credit_days is None else float(t.credit_days)) for t in s.tiers]
            for s in schedules if s.tiers]


@pytest.mark.parametrize("cell,bounds", [
    ("99.0% – 99.99%", (Decimal("99.0"), Decimal("99.99"))),
    ("< 99.9%", (None, Decimal("99.9"))),
    ("Less than 99.95% but at least 99.0%", (Decimal("99.0"), Decimal("99.95"))),
    ("≥ 95.0% and < 99.0%", (Decimal("95.0"), Decimal("99.0"))),
    ("Below 95.0%", (None, Decimal("95.0"))),
    ("Credit", None),
])
def test_availability_range_cells(cell, bounds):
    assert parse_availability_range(cell) == bounds


def test_prose_tiers_made_one_schedule():
    text = ("- For Monthly Uptime Percentage less than 99.9% but equal to or greater than 99.0%, "
            "a Service Credit of 10% of the monthly fee.\n"
            "- For Monthly Uptime Percentage less than 99.0%, a Service Credit of 30% of the monthly fee.\n")
    assert tiers_of(text) == [[(99.0, 99.9, 10.0, None), (0.0, 99.0, 30.0, None)]]


def test_tier_table_with_gap_is_made_contiguous():
    text = ("| Monthly Uptime | Service Credit Percentage |\n|---|---|\n"
            "| 99.0% - 99.89% | 5% |\n| 95.0% - 98.9% | 15% |\n| Below 95.0% | 30% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert tiers_of(text, "t.md") == [[(99.0, 99.89, 5.0, None), (95.0, 99.0, 15.0, None),
                                        (0.0, 95.0, 30.0, None)]]
    assert schedules[0].warnings


def test_days_of_service_table():
    text = ("| Availability | Credit |\n|---|---|\n| < 99.9% | 3 days of service |\n"
            "| < 99.0% | 7 days of service |\n")
    assert tiers_of(text, "t.md") == [[(99.0, 99.9, None, 3.0), (0.0, 99.0, None, 7.0)]]


def test_hours_table():
    text = ("| Time to restore | Credit |\n|---|---|\n| Up to 4 hours | None |\n"
            "| More than 4 hours | 10% |\n| More than 12 hours | 25% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert schedules[0].metric == "hours"
    assert tiers_of(text, "t.md") == [[(0.0, 4.0, 0.0, None), (4.0, 12.0, 10.0, None),
                                        (12.0, None, 25.0, None)]]


def test_per_point_credit_ignores_the_example():
    text = ("Uptime target: we commit to 99.5% availability. We will credit 2% of the monthly "
            "fee for each full 1% below 99.5% (e.g., 96.5% would earn 6%).")
    (schedule,) = extract_schedules(doc_of(text))
    assert schedule.per_point == (Decimal(2), Decimal("99.5"))


@pytest.mark.parametrize("text,cap", [
    ("Credits cannot exceed 25% of monthly charge.", 25.0),
    ("The total Service Credits in a month shall not exceed thirty percent (30%) of the fees.", 30.0),
    ("Service Credits are capped at 50% of the monthly fee.", 50.0),
    ("In no event will credits exceed 10% of the fees paid for that month.", 10.0),
    ("A credit of 10% of the monthly fee applies below 99.9%.", None),
])
def test_cap(text, cap):
    value, _, _ = extract_cap(doc_of(text))
    assert (float(value) if value is not None else None) == cap


@pytest.mark.parametrize("text,amount,currency", [
    ("A Service Credit will be issued only if the credit amount is greater than one dollar ($1 USD).", 1, "USD"),
    ("Service credits under $10 will not be issued.", 10, "USD"),
    ("Credits of less than €5 are not paid out.", 5, "EUR"),
    ("The monthly fee is $10 per seat.", None, None),
])
def test_minimum_credit(text, amount, currency):
    value, cur, _ = extract_minimum_credit(doc_of(text))
    assert value == (Decimal(amount) if amount is not None else None) and cur == currency


@pytest.mark.parametrize("text,days,kind,source,notice,channel", [
    ("Claims must be received within thirty (30) calendar days of the last reported failure, by email.",
     30, "calendar", "last_failure", None, "email"),
    ("Submit your claim within 60 days of the end of the contracted month through a support case.",
     60, "calendar", "end_of_period", None, "support_ticket"),
    ("You must open a support ticket within 24 hours of the interruption and submit a claim within "
     "seven (7) days by emailing us.", 7, "calendar", "incident", 24, "email"),
    ("Credit requests must be made in writing no later than ten (10) business days after the "
     "end of the month.", 10, "business", "end_of_period", None, "written"),
    ("We will respond to requests within 2 hours.", None, None, None, None, None),
])
def test_claim(text, days, kind, source, notice, channel):
    claim = extract_claim(doc_of(text))
    assert (claim.deadline_days, claim.day_kind, claim.deadline_from, claim.notice_hours,
            claim.channel) == (days, kind, source, notice, channel)


def test_claim_by_end_of_billing_cycle():
    claim = extract_claim(doc_of(
        "To claim a credit, submit a request by the end of the second billing cycle after the incident."))
    assert claim.billing_cycles == 2 and claim.deadline_days is None


@pytest.mark.parametrize("text,hours", [
    ("Scheduled maintenance is announced at least 72 hours in advance.", 72),
    ("We give five (5) business days' notice of planned maintenance.", 120),
    ("Maintenance windows are notified seven (7) days before they start.", 168),
    ("Excused Maintenance means downtime for which we provide at least 48 hours prior notice.", 48),
    ("Maintenance usually lasts 2 hours.", None),
])
def test_maintenance_notice(text, hours):
    assert extract_maintenance_notice(doc_of(text))[0] == hours


@pytest.mark.parametrize("text,value", [
    ("Service Credits are your sole and exclusive remedy for any unavailability.", True),
    ("SLAs are your only way to resolve a failure to meet a specified service level.", True),
    ("Credits are not your sole remedy and do not limit other rights.", False),
    ("Credits are in addition to any other remedies; they are not the exclusive remedy.", False),
    ("Contact support for remedies of billing errors.", None),
])
def test_sole_remedy(text, value):
    assert extract_sole_remedy(doc_of(text))[0] is value


@pytest.mark.parametrize("clause,categories", [
    ("Scheduled maintenance announced in advance", ["scheduled_maintenance"]),
    ("Your equipment, software or network configuration", ["customer_caused"]),
    ("Outages of internet service providers or carriers", ["third_party"]),
    ("Events beyond our reasonable control, such as fire at your site", ["force_majeure"]),
    ("Suspension of your account for non-payment", ["suspension"]),
    ("Features labelled beta or preview, and free tier accounts", ["beta_or_free"]),
    ("Distributed denial-of-service attacks", ["attack"]),
    ("Requests throttled because you exceeded the API rate limits", ["customer_caused", "usage_limits"]),
    ("Any feature not listed in the service description", ["other"]),
])
def test_exclusion_categories(clause, categories):
    assert sorted(categorize(clause, listed=True)) == sorted(categories)


def test_parenthetical_excluding_is_not_an_exclusion():
    text = ('"Uptime" means the time the paid services (excluding free trials) are available.\n\n'
            'Downtime does not include:\n\n- periods of scheduled maintenance\n')
    assert {e.category for e in extract_exclusions(doc_of(text))} == {"scheduled_maintenance"}


@pytest.mark.parametrize("text,date", [
    ("Effective: April 19th, 2023", dt.date(2023, 4, 19)),
    ("Effective Date: 1 February 2025", dt.date(2025, 2, 1)),
    ("Last updated: 2024-11-05", dt.date(2024, 11, 5)),
    ("This SLA is effective as of March 15th, 2024.", dt.date(2024, 3, 15)),
    ("Updated Jan. 3, 2026", dt.date(2026, 1, 3)),
    ("Founded in March 2010.", None),
])
def test_effective_date(text, date):
    assert extract_effective_date(doc_of(text))[0] == date


@pytest.mark.parametrize("text,provider", [
    ('This agreement is between Orchard Relay Inc. ("Orchard Relay") and the customer.', "Orchard Relay"),
    ("Kestrel Cloud Service Level Agreement\n\nKestrel Cloud will provide credits.", "Kestrel Cloud"),
    ("Outages caused by factors beyond Fjordline's reasonable control are excluded.", "Fjordline"),
    # a name does not run on from a heading into the paragraph under it
    ("Uptime Commitment\n\nMarlow will keep the service up 99.9% of the time.\n\n"
     "Service Credits\n\nMarlow will credit 10% of the fee.", "Marlow"),
])
def test_provider(text, provider):
    assert extract_provider(doc_of(text))[0] == provider


def test_not_an_sla_yields_no_targets():
    text = ("Privacy Policy\n\nWe collect your email address. 99% of requests are answered "
            "within a day. We keep data for 30 days.")
    result = extract_document(doc_of(text))
    assert result.uptime_targets == [] and result.credit_schedules == []
    assert any("does not read as an SLA" in w for w in result.warnings)


def test_every_value_has_evidence():
    text = Path(__file__).resolve().parent.parent.joinpath("corpus", "tagoio.txt").read_text()
    result = extract_document(doc_of(text))
    for path in ("provider", "claim.deadline_days", "claim.notice_hours",
                 "minimum_credit_amount", "sole_remedy"):
        ev = result.evidence[path]
        assert ev.quote and ev.quote == doc_of(text).text[ev.start:ev.end]
    assert all(t.evidence.quote for t in result.uptime_targets)


def test_rows_that_name_their_service_make_one_schedule_each():
    text = ("| Availability | Credit |\n|---|---|\n"
            "| Production – below 99.95% but at least 99.0% | 5 days of service |\n"
            "| Production – below 99.0% | 10 days of service |\n"
            "| Sandbox – below 99.0% | 2 days of service |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert {tuple(s.services): [(float(t.lower), float(t.upper), float(t.credit_days)) for t in s.tiers]
            for s in schedules} == {
        ("Production",): [(99.0, 99.95, 5.0), (0.0, 99.0, 10.0)],
        ("Sandbox",): [(0.0, 99.0, 2.0)]}


def test_plans_as_credit_columns():
    text = ("| Monthly Uptime | Basic credit | Pro credit |\n|---|---|---|\n"
            "| 99.0% to < 99.9% | 5% | 10% |\n| < 99.0% | 15% | 30% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert {tuple(s.services): [float(t.credit_percent) for t in s.tiers] for s in schedules} == {
        ("Basic",): [5.0, 15.0], ("Pro",): [10.0, 30.0]}


def test_plans_as_range_columns_give_targets():
    text = ("| Standard plan – Monthly Availability | Premium plan – Monthly Availability | "
            "Service Credit Percentage |\n|---|---|---|\n"
            "| 99.0% to < 99.9% | 99.0% to < 99.95% | 10% |\n| < 99.0% | < 99.0% | 25% |\n")
    targets, _ = extract_targets(doc_of(text, "t.md"))
    assert [(t.service, float(t.percent)) for t in targets] == [
        ("Standard plan", 99.9), ("Premium plan", 99.95)]


def test_schedule_under_a_service_heading_applies_to_it():
    text = ("## Credits for Ingest API\n\n| Monthly Uptime | Service Credit Percentage |\n|---|---|\n"
            "| < 99.9% | 10% |\n\n## Credits for Warehouse\n\n"
            "| Monthly Uptime | Service Credit Percentage |\n|---|---|\n| < 99.95% | 25% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"), ["Skylark Ingest API", "Skylark Warehouse"])
    assert [s.services for s in schedules] == [["Skylark Ingest API"], ["Skylark Warehouse"]]


def test_credits_that_do_not_limit_other_remedies_are_not_sole():
    text = "Credits under this commitment do not limit any other rights or remedies you may have."
    assert extract_sole_remedy(doc_of(text))[0] is False


def test_maintenance_notice_in_the_next_sentence_of_the_paragraph():
    text = ("Now and then we upgrade brokers. We will tell you by email no less than 72 hours "
            "before it starts.")
    assert extract_maintenance_notice(doc_of(text))[0] == 72


@pytest.mark.parametrize("text,expected", [
    ("Quick facts: 99.99% of documents are searchable within a second.", []),
    ("Our probes show 99% of messages arrive in 250 ms, but latency isn't part of this commitment.", []),
    ("We aim to keep the Platform up for at least 99.8% of every calendar month.", [(None, 99.8)]),
    ("From 99.0% up to the Regional Commitment, the credit is 10%.", []),
])
def test_statistics_and_bounds_are_not_targets(text, expected):
    targets, _ = extract_targets(doc_of(text))
    assert [(t.service, float(t.percent)) for t in targets] == expected


def test_days_pushed_back_in_prose():
    text = ("If Platform Availability in a month is lower than 99.8% but still 99.0% or higher, "
            "your renewal date moves back by two (2) days.")
    assert tiers_of(text) == [[(99.0, 99.8, None, 2.0)]]


def test_a_column_naming_each_rows_service():
    text = ("| Component | Monthly uptime | Credit |\n|---|---|---|\n"
            "| Device Gateway | 99.0% – under 99.95% | 5% |\n| Device Gateway | under 99.0% | 30% |\n"
            "| Dashboard | under 99.5% | 10% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert sorted(tuple(s.services) for s in schedules) == [("Dashboard",), ("Device Gateway",)]


@pytest.mark.parametrize("text,categories", [
    ("## Maintenance\n\nTime inside an announced window is not counted as down.\n", {"scheduled_maintenance"}),
    ("Downtime is not counted when it comes from your devices' firmware, from cellular carriers, "
     "from traffic above your plan's message quota, or from events outside our reasonable control.",
     {"customer_caused", "third_party", "usage_limits", "force_majeure"}),
    ("## Exclusions\n\nWe do not schedule maintenance that interrupts service.\n\n"
     "- denial-of-service attacks\n", {"attack"}),
])
def test_exclusions_said_in_prose(text, categories):
    assert {e.category for e in extract_exclusions(doc_of(text, "t.md"))} == categories


def test_a_fault_reported_within_business_hours_is_a_notice():
    text = ("Reporting faults and claiming credits\n\nA fault must be reported to the operations centre "
            "within eight (8) business hours of the Customer becoming aware of it. Credit requests must "
            "reach us no later than forty-five (45) days after the outage was resolved.")
    claim = extract_claim(doc_of(text))
    assert (claim.notice_hours, claim.deadline_days) == (8, 45)


def test_a_provider_act_after_the_deadline_does_not_hide_it():
    text = "Requesting a credit\n\nEmail us within thirty (30) days after we issue the invoice for the month."
    assert extract_claim(doc_of(text)).deadline_days == 30


@pytest.mark.parametrize("text,date", [
    ("Effective date of this version: 3 February 2025", dt.date(2025, 2, 3)),
    ("Version 3.0 takes effect 3 Feb 2025.", dt.date(2025, 2, 3)),
    ("_Updated: 19 August 2025_", dt.date(2025, 8, 19)),
])
def test_more_date_wordings(text, date):
    assert extract_effective_date(doc_of(text, "t.md"))[0] == date


def test_title_segments_name_the_provider():
    doc = doc_of("Simple pricing for forms\n\nStart free today.")
    doc.meta["title"] = "Pricing – Fennel Forms"
    assert extract_provider(doc)[0] == "Fennel Forms"


def test_a_very_short_sla_is_still_an_sla():
    text = ("# Acorn uptime promise\n\n## The promise\n\nAcorn will be up 99.5% of every calendar month.\n\n"
            "## If we miss it\n\nYou get 10% of that month's subscription back as credit.\n\n"
            "To get it, email us within 14 days.\n")
    result = extract_document(doc_of(text, "t.md"))
    assert [(t.service, t.percent) for t in result.uptime_targets] == [(None, 99.5)]
    assert [(t.lower, t.upper, t.credit_percent) for t in result.credit_schedules[0].tiers] == [
        (0.0, 99.5, 10.0)]
    assert result.claim.deadline_days == 14


def test_named_list_items_with_parenthetical_descriptions():
    text = ("Monthly Uptime commitments:\n\n- Multi-AZ deployments (a primary and a standby in another "
            "zone): 99.99%\n- Single-AZ deployments (one instance): 99.95%\n")
    targets, _ = extract_targets(doc_of(text))
    assert [(t.service, float(t.percent)) for t in targets] == [
        ("Multi-AZ deployments", 99.99), ("Single-AZ deployments", 99.95)]


@pytest.mark.parametrize("text,value", [
    ("Service Credits shall be the Customer's sole and exclusive recourse, without prejudice to the "
     "Customer's right to terminate the Agreement.", True),
    ("Nothing on this page limits any other right or remedy you have.", False),
])
def test_more_remedy_wordings(text, value):
    assert extract_sole_remedy(doc_of(text))[0] is value


@pytest.mark.parametrize("text,date", [
    ("Effective as of the 3rd day of March, 2025", dt.date(2025, 3, 3)),
    ("Effective 28/02/2025 · Applies to all plans", dt.date(2025, 2, 28)),
])
def test_day_of_month_and_day_first_dates(text, date):
    assert extract_effective_date(doc_of(text))[0] == date


def test_cap_of_one_months_fees():
    assert extract_cap(doc_of("The maximum credit for any month is one month's fees."))[0] == 100


def test_white_label_provider_from_title_and_copyright():
    doc = doc_of("The Company will provide the Partner with credits.\n\n© 2025 Morrowgate Networks Ltd")
    doc.meta["title"] = "Partner Service Level Agreement | Morrowgate Networks"
    assert extract_provider(doc)[0] == "Morrowgate Networks"


def test_maintenance_notice_in_a_table_row():
    text = ("| Category | Description |\n|---|---|\n| Planned work | Maintenance we announce not less "
            "than 36 hours before it starts. |\n")
    assert extract_maintenance_notice(doc_of(text, "t.md"))[0] == 36


@pytest.mark.parametrize("text,expected", [
    ("Corriemoor shall ensure that the Service achieves Availability of not less than 99.95% in each "
     "calendar month.", [(None, 99.95)]),
    ("The production service will achieve Monthly Uptime of 99.8% or more in each calendar month.",
     [(None, 99.8)]),
    ("If Monthly Uptime is lower than the commitment but is still 99.0% or more, we grant a Service "
     "Credit of 10%.", []),
    ("Our platform beats the level promised here: in our most recent quarterly report, 99.99% of data "
     "points were ingested within 5 seconds.", []),
])
def test_commitment_wordings_and_bounds(text, expected):
    targets, _ = extract_targets(doc_of(text))
    assert [(t.service, float(t.percent)) for t in targets] == expected


def test_group_rows_of_a_credit_table_state_targets():
    text = ("| Covered Service | Monthly Uptime | Service Credit |\n|---|---|---|\n"
            "| SMS API — Monthly Uptime Commitment 99.95% | | |\n"
            "| SMS API | Less than 99.95% but at least 99.0% | 10% |\n"
            "| Email Relay — Monthly Uptime Commitment 99.9% | | |\n"
            "| Email Relay | Less than 99.9% | 25% |\n")
    doc = doc_of(text, "t.md")
    targets, _ = extract_targets(doc)
    assert [(t.service, float(t.percent)) for t in targets] == [("SMS API", 99.95), ("Email Relay", 99.9)]
    assert sorted(s.services[0] for s in extract_schedules(doc, ["SMS API", "Email Relay"])) == [
        "Email Relay", "SMS API"]


def test_per_point_rate_is_the_small_figure_before_for_each():
    text = ("When Monthly Uptime falls short of 99.8%, we will credit four percent (4%) of that month's "
            "subscription fee for each full one percent (1%) by which Monthly Uptime is below 99.8%.")
    (schedule,) = extract_schedules(doc_of(text))
    assert schedule.per_point == (Decimal(4), Decimal("99.8"))


def test_an_illustrative_table_is_not_a_second_schedule():
    text = ("The table below illustrates the calculation for a fee of USD 400; the rule above governs.\n\n"
            "| Monthly Uptime | Calculated credit |\n|---|---|\n| 98.80% | 4% |\n| 97.80% | 8% |\n")
    assert extract_schedules(doc_of(text, "t.md")) == []


@pytest.mark.parametrize("clause,categories", [
    ("degradation in latency where traffic continues to pass between Customer sites", ["other"]),
    ("errors caused by malformed requests or other acts or omissions of Customer", ["customer_caused"]),
    ("Anything you broke yourself: a custom domain pointed at the wrong place", ["customer_caused"]),
    ("suspension of the Service by the provider in accordance with the Agreement", ["suspension"]),
])
def test_the_customer_named_versus_the_customer_as_cause(clause, categories):
    assert sorted(categorize(clause, listed=True)) == categories


def test_credit_list_items_under_a_credit_lead_in():
    text = ("If availability is less than the Service Level, we shall credit the Customer with the "
            "following percentage of the Monthly Charges:\n\n"
            "- where availability is 99.0% or more but less than 99.8%: five per cent (5%);\n"
            "- where availability is less than 99.0%: fifteen per cent (15%).\n")
    assert tiers_of(text) == [[(99.0, 99.8, 5.0, None), (0.0, 99.0, 15.0, None)]]


def test_credit_rises_and_it_is_in_prose():
    text = ("If uptime falls below 99.95% but stays at or above 99.5%, you get a credit of 10% of the fee. "
            "Below 99.5% but at or above 98.0%, the credit rises to 25%. Under 98.0%, it is 50%.")
    assert tiers_of(text) == [[(99.5, 99.95, 10.0, None), (98.0, 99.5, 25.0, None), (0.0, 98.0, 50.0, None)]]


def test_bounds_in_two_columns_and_a_commitment_column():
    text = ("| Service | Uptime Commitment | at least | but less than | Service Credit |\n|---|---|---|---|---|\n"
            "| Event Streams | 99.95% | 99.00% | 99.95% | 10% |\n| Event Streams | 99.95% | — | 99.00% | 25% |\n")
    doc = doc_of(text, "t.md")
    targets, _ = extract_targets(doc)
    assert [(t.service, float(t.percent)) for t in targets] == [("Event Streams", 99.95)]
    (schedule,) = extract_schedules(doc, ["Event Streams"])
    assert [(float(t.lower), float(t.upper), float(t.credit_percent)) for t in schedule.tiers] == [
        (99.0, 99.95, 10.0), (0.0, 99.0, 25.0)]


def test_a_relative_per_point_credit_follows_each_services_target():
    text = ("| Cluster type | Monthly uptime commitment |\n|---|---|\n| Production cluster | 99.95% |\n"
            "| Development cluster | 99.5% |\n\nIf a cluster's Monthly Uptime is lower than its commitment, "
            "you receive a credit equal to 10% of the monthly fee for every full percentage point by "
            "which Monthly Uptime falls short of the commitment.\n")
    result = extract_document(doc_of(text, "t.md"))
    assert sorted((s.services[0], s.per_point.below) for s in result.credit_schedules) == [
        ("Development cluster", 99.5), ("Production cluster", 99.95)]


def test_names_with_or_more_before_the_colon_are_targets():
    text = ("Monthly Uptime commitments:\n\n- Regional Instance Groups (instances in two or more zones): "
            "99.99%\n- Single Instances: 99.5%\n")
    targets, _ = extract_targets(doc_of(text))
    assert [(t.service, float(t.percent)) for t in targets] == [
        ("Regional Instance Groups", 99.99), ("Single Instances", 99.5)]


def test_faq_questions_give_context_and_examples_under_an_example_heading_are_skipped():
    text = ("How do I claim a credit?\n\nFirst, report the outage to our support team within 24 hours "
            "of it starting.\n\n## 3.1 Example\n\nIts Monthly Uptime Percentage is 99.686%.\n")
    doc = doc_of(text, "t.md")
    assert extract_claim(doc).notice_hours == 24
    assert extract_targets(doc)[0] == []


def test_question_and_answer_sla():
    text = ("1. Q: What uptime do you guarantee?\n\nA: 99.9% in every calendar month.\n\n"
            "2. Q: Are credits my only remedy?\n\nA: No. They do not replace any other rights you have.\n\n"
            "3. Q: How do I claim?\n\nA: Write to us within ten (10) business days after the end of the month.\n")
    result = extract_document(doc_of(text + "\nService credits apply; uptime matters.\n"))
    assert [(t.service, t.percent) for t in result.uptime_targets] == [(None, 99.9)]
    assert result.sole_remedy is False
    assert (result.claim.deadline_days, result.claim.deadline_day_kind) == (10, "business")


def test_threshold_columns_with_credits_per_service():
    text = ("| Service | < 99.95% | < 99.9% | < 99.0% |\n|---|---|---|---|\n"
            "| Git Hosting | 10% | 25% | 50% |\n| Builds | — | 10% | 25% |\n")
    doc = doc_of(text, "t.md")
    targets, _ = extract_targets(doc)
    assert [(t.service, float(t.percent)) for t in targets] == [("Git Hosting", 99.95), ("Builds", 99.9)]
    schedules = {s.services[0]: [(float(t.lower), float(t.upper), float(t.credit_percent)) for t in s.tiers]
                 for s in extract_schedules(doc, ["Git Hosting", "Builds"])}
    assert schedules["Builds"] == [(99.0, 99.9, 10.0), (0.0, 99.0, 25.0)]


def test_sections_name_their_targets():
    text = ("## Relay Queue\n\nTarnwick commits that each queue will achieve at least 99.9%.\n\n"
            "## Object Store\n\nTarnwick commits that each bucket will achieve at least 99.95%.\n")
    targets, _ = extract_targets(doc_of(text, "t.md"))
    assert [(t.service, float(t.percent)) for t in targets] == [("Relay Queue", 99.9), ("Object Store", 99.95)]
