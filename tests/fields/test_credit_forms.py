"""Credit forms beyond tier tables (schema 1.1): pro-rata, per unit, weeks and months of
service, and credit tables read from layouts that carry no table markup.

Each case is one SLA sentence (or a few lines) in our own words after a 99.9% commitment,
and the schedule it must produce, in the words the app shows. Negatives name passages that
look like a credit form and are not one.
"""
from __future__ import annotations

import pytest

from extractor.app_support.presentation import schedule_in_words
from extractor.extract.pipeline import extract_document
from tests.fields.helpers import doc_of

LEAD = "# Marlow Cloud SLA\n\nMarlow will make the service available 99.9% of each month.\n\n"

CASES = [
    ("If we miss the target, you receive a credit of 10% of the monthly fee for each 60-minute "
     "period of downtime.", "10% per full hour of downtime"),
    ("Credits are 5% of the monthly charge per full half-hour of unavailability.",
     "5% per full half hour of downtime"),
    ("A credit of 5% of your fees for each hour or part thereof that the service is unavailable.",
     "5% per hour or part thereof"),
    ("We credit one day of service per hour of downtime beyond the target.",
     "1 day of service per full hour of downtime"),
    ("Service credits are pro-rated for any downtime beyond the 99.9% target.",
     "the fee for downtime beyond 99.9%"),
    ("We will credit ten (10) times the fees for the period of downtime.",
     "10 × the fee for the downtime"),
    ("If the Service is unavailable, we credit the fees for the time the Service was down.",
     "the fee for the downtime"),
    ("Compensation equals ten (10) times the Monthly Charges attributable to the total Downtime.",
     "10 × the fee for the downtime"),
    ("The credit is three (3) times the MRC for the Transit Service attributable to the total "
     "period of Network Unavailability.", "3 × the fee for the downtime"),
    ("If the Portal is unavailable, we credit twice the fees attributable to the outage.",
     "2 × the fee for the downtime"),
    ("For each hour, or part of an hour, of Outage affecting a Rack, the Customer shall be "
     "entitled to a Service Credit of four per cent (4%) of the monthly charge for that Rack.",
     "4% per hour or part thereof"),
    ("Credits are 3% of the fee for each hour of downtime or part of an hour.",
     "3% per hour or part thereof"),
    ("Should we break this SLA in any calendar month we will credit a full week's cost.",
     "below the 99.9% target: 7 days of service"),
    ("Below 95% you receive a service credit equal to one half of one month of service.",
     "below 95%: 50%"),
    ("For every 1/2 hour of unplanned downtime you will receive a 5% SLA credit to your account.",
     "5% per full half hour of downtime"),
    # the figure before the unit is the condition, not the credit
    ("If a month ends below 99.5%, we add one free day of service for each full hour the "
     "service was down.", "1 day of service per full hour of downtime"),
    # days of service listed under an intro that announces them
    ("If we miss it, extra days of service are added to your term:\n\n"
     "- below 99.9% but at least 99.0%: 2 days;\n- below 99.0%: a fortnight (14 days).",
     "99% to below the 99.9% target: 2 days of service; below 99%: 14 days of service"),
    ("we credit ten (10) times the fees attributable to the Down minutes beyond the allowance.",
     "10 × the fee for downtime beyond 99.9%"),
    ("The credit is five percent (5%) of the Monthly Fee for every hour of Downtime. An hour or "
     "part of an hour counts as a full hour.", "5% per hour or part thereof"),
    ("If the monthly availability falls below the level in clause 2, the Customer earns one "
     "flat credit of ten percent (10%) of the Monthly Fee.", "below the 99.9% target: 10%"),
    ("If uptime falls short of the target, we credit 5% of the fee. If uptime drops below "
     "99.0%, the credit is 15%, and if it drops below 97.0%, it is 30%.",
     "99% to below the 99.9% target: 5%; 97% to below 99%: 15%; below 97%: 30%"),
    ("The Carrier shall credit the Customer for every started period of thirty (30) minutes of "
     "Outage at the following rates:\n\n- Trunk: three per cent (3%) of the MRC for each "
     "started period of thirty (30) minutes.", "3% per half hour or part thereof"),
    # under a heading of credits, a credit stated without the word
    ("## Service credits\n\nIf the database misses its commitment, you get 4% of its monthly fee "
     "for every full hour of downtime.", "4% per full hour of downtime"),
    # "for example" inside the paragraph before a table is no illustration of the table
    ("Restore time runs until traffic passes again, and excludes waiting for you, for example "
     "for access to a site.\n\n| Time to restore | Credit |\n|---|---|\n"
     "| Up to and including 4 hours | None |\n| More than 4 hours | 15% |\n",
     "more than 4 h: 15%; 0–4 h: 0%"),
    ("Hardware is replaced within four hours; credits are:\n\n4 Hrs or Less - NA\n\n"
     "4 Hrs to 8 Hrs - 20%\n\n8 Hrs to 12 Hrs - 40%\n\n12+ Hrs - 100%",
     "more than 12 h: 100%; 8–12 h: 40%; 4–8 h: 20%; 0–4 h: 0%"),
    ("Network credit table: Availability 99.00% to 99.89% | credit 5% of the fee | "
     "Availability below 99.00% | credit 25% of the fee.",
     "99% to below the 99.9% target: 5%; below 99%: 25%"),
]
NEGATIVES = [
    "If you terminate for cause, we will refund on a pro rata basis any prepaid fees.",
    "Support is available 24 hours a day, and each hour of consulting costs USD 150.",
    "Invoices are issued monthly; a full week's notice is given before a price change.",
]


def schedules(text: str) -> list[str]:
    sla = extract_document(doc_of(LEAD + text + "\n", "t.md"))
    targets = {t.service: t.percent for t in sla.uptime_targets}
    return [schedule_in_words(s, targets.get(None)) for s in sla.credit_schedules]


@pytest.mark.parametrize(("text", "words"), CASES)
def test_reads_the_credit_form(text: str, words: str) -> None:
    assert schedules(text) == [words]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_credit_form(text: str) -> None:
    assert schedules(text) == []


def test_a_credit_it_cannot_compute_is_named_in_a_warning() -> None:
    """'10% for every 0.1% of downtime' fits no schedule form: no schedule is invented,
    and the warning quotes the passage for the analyst to read."""
    text = "For every 0.1% of downtime outside our SLA, we will credit you 10% of your bill."
    sla = extract_document(doc_of(LEAD + text + "\n", "t.md"))
    assert sla.credit_schedules == []
    found = [i for i in sla.issues if i.code == "incomputable_credit"]
    assert len(found) == 1 and "For every 0.1% of downtime" in found[0].message
