"""Uptime targets: sentence table (input, targets as (service, percent)) with negatives,
then layouts (lists, tables, sections) that name a target per service or plan."""

from __future__ import annotations

import pytest

from extractor.extract.fields.claims import extract_claim
from extractor.extract.fields.credits import extract_schedules
from extractor.extract.fields.targets import extract_targets
from tests.fields.helpers import doc_of, targets_of

CASES = [
    ("We guarantee at least 99% availability on all dedicated plans.", [(None, 99.0)]),
    ("The Service will be available 99.95% of the time in any calendar month.", [(None, 99.95)]),
    ('"Target Uptime Percentage" means the uptime we target each month: 99.9%.', [(None, 99.9)]),
    ("We aim to keep the Platform up for at least 99.8% of every calendar month.", [(None, 99.8)]),
    ("Corriemoor shall ensure that the Service achieves Availability of not less than 99.95% in "
     "each calendar month.", [(None, 99.95)]),
    ("The production service will achieve Monthly Uptime of 99.8% or more in each calendar month.",
     [(None, 99.8)]),
    # parentheticals and defined terms between the verb and the figure
    ("Kestrel shall ensure that the Relay Service (as defined in 1.4, measured at the port) is "
     "Available for not less than 99.99% of each Month, and that the Power Service (as defined in "
     "1.5) is Available 100% of the time.", [("Relay Service", 99.99), ("Power Service", 100.0)]),
    ("Fenwick will use reasonable endeavours to keep the Query Service (meaning the SQL endpoint) "
     "available no less than 99.9% of the time.", [("Query Service", 99.9)]),
    ("Lorne shall make each Broker Cluster (as that term is defined in the Order) Available during "
     "at least 99.95 percent of each Service Month.", [(None, 99.95)]),
    ("All accounts are covered by a 100% monthly Guarantee.", [(None, 100.0)]),
    ("The Company shall make the Hosted Services available at least 99.5% of every month.",
     [(None, 99.5)]),
    # "shall deliver" commits as "will deliver" does
    ("The Operator shall deliver cooling to every Suite for 100% of the time in each quarter.",
     [(None, 100.0)]),
    # a scope named by its class, with a relative clause set aside
    ("Volumes in the Premium disk class, which mirrors each write to two racks, will be "
     "Available at least 99.99% of the time in each month.", [("Premium disk class", 99.99)]),
    # the service named after the figure, and the predicate "will have a ... Availability"
    ("We guarantee uptime of no less than 99.9% for a Cluster Pair (two nodes) and no less "
     "than 99.0% for a Lone Node.", [("Cluster Pair", 99.9), ("Lone Node", 99.0)]),
    ("Pellow commits that Object Sync will have a Monthly Availability of no less than 99.95%.",
     [("Object Sync", 99.95)]),
    ("We guarantee 99.9% for the Platform in each month.", [(None, 99.9)]),
    # a name inside a parenthetical comparison: "between" does not set a band here
    ("Commitments:\n\n- Twin Link (routed over two paths, with failover between them): 99.99%\n"
     "- Single Link: 99.9%\n", [("Twin Link", 99.99), ("Single Link", 99.9)]),
    # a region scopes the commitment
    ("Tarrow will make the Message Relay available in the Oceania region at a Monthly "
     "Availability of not less than 99.9%.", [("Message Relay (Oceania)", 99.9)]),
    # words inside a parenthetical describe the subject: no record of the past
    ("Reporting (the dashboards that your customers see every morning) will be available at "
     "least 99.5% of the time.", [("Reporting", 99.5)]),
]
NEGATIVES = [
    # history and statistics
    "We have historically delivered 99.999% uptime to our customers.",
    "Over the trailing year the portal has run at 99.993% availability, which we commit to keep.",
    # a period supposed in order to explain the table
    "A quarter at exactly 99.5% falls in the second row, so the commitment is not met.",
    "By way of example, Availability of 98.1% is 1.4 points below the service level.",
    "Built for 99.99% uptime.",
    "Part of a point does not count: at 99.4% the shortfall is half a point and earns nothing.",
    "Our support team resolves 95% of tickets within a day.",
    "Quick facts: 99.99% of documents are searchable within a second.",
    "Our probes show 99% of messages arrive in 250 ms, but latency isn't part of this commitment.",
    "Our platform beats the level promised here: in our most recent quarterly report, 99.99% of "
    "data points were ingested within 5 seconds.",
    # credit thresholds and bounds
    "If Monthly Uptime falls below 99.0%, you receive a 25% credit.",
    "From 99.0% up to the Regional Commitment, the credit is 10%.",
    "If Monthly Uptime is lower than the commitment but is still 99.0% or more, we grant a "
    "Service Credit of 10%.",
    # worked examples
    "For example, 43 minutes of downtime means 99.9% availability.",
    # suppositions, aspirations, records and bands
    "An account created mid-month is assumed to be 100% available before it was created.",
    "The time before a workspace existed counts as 100% available.",
    "The site is built to a nominal availability of 99.982%. That design figure is not a service "
    "level under this agreement.",
    "99.49% - 98.50% uptime: 3% service credit",
]
# (text, file name, targets): lists, tables and sections that name what each target covers
LAYOUTS = [
    pytest.param("Uptime commitments\n\nMonthly uptime targets by plan:\n\n"
                 "- Standard plan: 99.9% monthly uptime\n- Premium plan: 99.95% monthly uptime\n",
                 "t.txt", [("Standard plan", 99.9), ("Premium plan", 99.95)],
                 id="per-plan list items"),
    pytest.param("| Component | Availability SLA |\n|---|---|\n| Object Storage | 99.9% |\n"
                 "| Block Volumes | 99.99 % |\n",
                 "t.md", [("Object Storage", 99.9), ("Block Volumes", 99.99)],
                 id="per-service table"),
    pytest.param("Monthly Uptime commitments:\n\n- Multi-AZ deployments (a primary and a "
                 "standby in another zone): 99.99%\n"
                 "- Single-AZ deployments (one instance): 99.95%\n",
                 "t.txt", [("Multi-AZ deployments", 99.99), ("Single-AZ deployments", 99.95)],
                 id="list items with parenthetical descriptions"),
    pytest.param("Monthly Uptime commitments:\n\n- Regional Instance Groups (instances in two or "
                 "more zones): 99.99%\n- Single Instances: 99.5%\n",
                 "t.txt", [("Regional Instance Groups", 99.99), ("Single Instances", 99.5)],
                 id="'or more' in the name before the colon"),
    pytest.param("## Relay Queue\n\nTarnwick commits that each queue will achieve at least "
                 "99.9%.\n\n## Object Store\n\n"
                 "Tarnwick commits that each bucket will achieve at least 99.95%.\n",
                 "t.md", [("Relay Queue", 99.9), ("Object Store", 99.95)],
                 id="sections name their targets"),
    pytest.param("| Standard plan – Monthly Availability | Premium plan – Monthly Availability | "
                 "Service Credit Percentage |\n|---|---|---|\n"
                 "| 99.0% to < 99.9% | 99.0% to < 99.95% | 10% |\n| < 99.0% | < 99.0% | 25% |\n",
                 "t.md", [("Standard plan", 99.9), ("Premium plan", 99.95)],
                 id="plans as range columns of a credit table"),
    pytest.param("| | Starter (99.0%) | Growth (99.5%) | Scale (99.9%) |\n|---|---|---|---|\n"
                 "| Service credit | 2% of the fee per full hour of downtime | same | same |\n",
                 "t.md", [("Starter", 99.0), ("Growth", 99.5), ("Scale", 99.9)],
                 id="targets in the column headers"),
    pytest.param("4. SERVICE LEVELS\n\n4.1 Cooling to Data Halls. The Operator shall deliver "
                 "cooling to each Data Hall for 100% of the time in each Month.\n\n"
                 "4.2 Cross Connects. Each Cross Connect shall be Available at least 99.99% of the "
                 "time in each Month.\n",
                 "t.txt", [("Cooling to Data Halls", 100.0), ("Cross Connects", 99.99)],
                 id="run-in clause titles with small words name the targets"),
    pytest.param("## 3.1 Edge Nodes — Monthly Uptime Commitment 99.9%\n\nCredits are 5% per full "
                 "point below it.\n\n| Origin Shield — Monthly Uptime Commitment 99.95% | Credit |"
                 "\n|---|---|\n| 99.0 – 99.95 | 10% |\n| below 99.0 | 25% |\n",
                 "t.md", [("Origin Shield", 99.95), ("Edge Nodes", 99.9)],
                 id="a heading or a header cell that states its commitment"),
    pytest.param("| Plan | Promise |\n|---|---|\n| Starter | Guaranteed Availability of 99.5% each "
                 "month |\n| Growth | Guaranteed Availability of 99.9% (about 43 minutes) |\n",
                 "t.md", [("Starter", 99.5), ("Growth", 99.9)],
                 id="a row that commits in words"),
    pytest.param("| Component | Service Availability Level | Downtime this allows in a 30-day "
                 "month |\n|---|---|---|\n| Relay (SMTP in and out) | 99.99% | 4.32 minutes |\n"
                 "| Console | 99.9% | 43.2 minutes |\n\n| Component | 2024 uptime |\n|---|---|\n"
                 "| Relay | 99.998% |\n",
                 "t.md", [("Relay", 99.99), ("Console", 99.9)],
                 id="a number in a header's words; a year's record is none"),
    pytest.param("2.2 The Service Availability Levels are:\n\n(a) Trunk A: 99.99%; and\n\n"
                 "(b) Trunk B: 99.9%.\n",
                 "t.txt", [("Trunk A", 99.99), ("Trunk B", 99.9)],
                 id="a numbered lead-in ending in a colon"),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_reads_the_commitment(sentence: str, expected: list[tuple[str | None, float]]):
    assert targets_of(sentence) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_a_target(sentence: str):
    assert targets_of(sentence) == []


@pytest.mark.parametrize(("text", "name", "expected"), LAYOUTS)
def test_layouts_name_each_target(text: str, name: str,
                                  expected: list[tuple[str | None, float]]):
    assert targets_of(text, name) == expected


def test_group_rows_of_a_credit_table_state_targets():
    text = ("| Covered Service | Monthly Uptime | Service Credit |\n|---|---|---|\n"
            "| SMS API — Monthly Uptime Commitment 99.95% | | |\n"
            "| SMS API | Less than 99.95% but at least 99.0% | 10% |\n"
            "| Email Relay — Monthly Uptime Commitment 99.9% | | |\n"
            "| Email Relay | Less than 99.9% | 25% |\n")
    doc = doc_of(text, "t.md")
    assert targets_of(text, "t.md") == [("SMS API", 99.95), ("Email Relay", 99.9)]
    assert sorted(s.services[0] for s in extract_schedules(doc, ["SMS API", "Email Relay"])) == [
        "Email Relay", "SMS API"]


def test_faq_questions_give_context_and_examples_under_an_example_heading_are_skipped():
    text = ("How do I claim a credit?\n\nFirst, report the outage to our support team within 24 "
            "hours of it starting.\n\n## 3.1 Example\n\nIts Monthly Uptime Percentage is "
            "99.686%.\n")
    doc = doc_of(text, "t.md")
    assert extract_claim(doc).notice_hours == 24
    assert extract_targets(doc)[0] == []


# passages whose role (record, aspiration, sales) the resolver weighs down: read whole
ROLE_NEGATIVES = [
    "We design the Query Service for 99.99% and our trailing twelve-month uptime is 99.996%.",
    "Our uptime record is 99.999%, second to none in the industry.",
]


@pytest.mark.parametrize("sentence", ROLE_NEGATIVES)
def test_a_record_or_aspiration_is_no_target(sentence: str):
    from extractor.extract.pipeline import extract_document

    assert extract_document(doc_of(sentence)).uptime_targets == []


def test_a_schedule_covers_the_services_its_context_names() -> None:
    from extractor.extract.fields.credits import services_covered

    services = ["Team", "Business", "Enterprise plan"]
    assert services_covered("Table A — Team and Business plans", services) == ["Team", "Business"]
    assert services_covered("Credits for the Business plan", services) == ["Business"]
    regional = ["Relay Hub (Europe)", "Relay Hub (Asia)", "Device API"]
    assert services_covered("4.1 Relay Hub. If the Relay Hub falls below", regional) == [
        "Relay Hub (Europe)", "Relay Hub (Asia)"]
    assert services_covered("Credits apply to every service", regional) == []
