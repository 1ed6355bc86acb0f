"""Credit schedules: cells of availability ranges, prose tiers (input, tiers as
(lower, upper, credit %, credit days)) with negatives, then tier tables by layout."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.fields.credits import extract_schedules, parse_availability_range
from extractor.extract.pipeline import extract_document
from tests.fields.helpers import doc_of, targets_of

Tier = tuple[float, float | None, float | None, float | None]


def tiers_of(text: str, name: str = "t.txt") -> list[list[Tier]]:
    """The tiers of every tiered schedule in ``text``."""
    schedules = extract_schedules(doc_of(text, name))
    return [[(float(t.lower), None if t.upper is None else float(t.upper),
              None if t.credit_percent is None else float(t.credit_percent),
              None if t.credit_days is None else float(t.credit_days)) for t in s.tiers]
            for s in schedules if s.tiers]


RANGE_CELLS = [
    ("99.0% – 99.99%", (Decimal("99.0"), Decimal("99.99"))),
    ("< 99.9%", (None, Decimal("99.9"))),
    ("Less than 99.95% but at least 99.0%", (Decimal("99.0"), Decimal("99.95"))),
    ("≥ 95.0% and < 99.0%", (Decimal("95.0"), Decimal("99.0"))),
    ("Below 95.0%", (None, Decimal("95.0"))),
]
NOT_RANGE_CELLS = ["Credit", "n/a", "—", "3 days of service"]

CASES = [
    ("- For Monthly Uptime Percentage less than 99.9% but equal to or greater than 99.0%, a "
     "Service Credit of 10% of the monthly fee.\n"
     "- For Monthly Uptime Percentage less than 99.0%, a Service Credit of 30% of the monthly "
     "fee.\n",
     [[(99.0, 99.9, 10.0, None), (0.0, 99.0, 30.0, None)]]),
    ("If Platform Availability in a month is lower than 99.8% but still 99.0% or higher, your "
     "renewal date moves back by two (2) days.",
     [[(99.0, 99.8, None, 2.0)]]),
    ("If availability is less than the Service Level, we shall credit the Customer with the "
     "following percentage of the Monthly Charges:\n\n"
     "- where availability is 99.0% or more but less than 99.8%: five per cent (5%);\n"
     "- where availability is less than 99.0%: fifteen per cent (15%).\n",
     [[(99.0, 99.8, 5.0, None), (0.0, 99.0, 15.0, None)]]),
    ("If uptime falls below 99.95% but stays at or above 99.5%, you get a credit of 10% of the "
     "fee. Below 99.5% but at or above 98.0%, the credit rises to 25%. Under 98.0%, it is 50%.",
     [[(99.5, 99.95, 10.0, None), (98.0, 99.5, 25.0, None), (0.0, 98.0, 50.0, None)]]),
]
NEGATIVES = [
    "Service credits are calculated as a percentage of the monthly fee.",
    "We target 99.9% availability in each calendar month.",
    "Our status page reported 99.98% uptime over the past twelve months.",
    "Credits cannot exceed 25% of the monthly fee.",
    "Annual plans are billed at a 20% discount to monthly plans.",
]


@pytest.mark.parametrize(("cell", "bounds"), RANGE_CELLS)
def test_availability_range_cells(cell: str, bounds: tuple[Decimal | None, Decimal]):
    assert parse_availability_range(cell) == bounds


@pytest.mark.parametrize("cell", NOT_RANGE_CELLS)
def test_cells_that_are_not_ranges(cell: str):
    assert parse_availability_range(cell) is None


@pytest.mark.parametrize(("text", "tiers"), CASES)
def test_prose_tiers(text: str, tiers: list[list[Tier]]):
    assert tiers_of(text) == tiers


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_a_schedule(sentence: str):
    assert extract_schedules(doc_of(sentence)) == []


def test_an_illustrative_table_is_not_a_second_schedule():
    text = ("The table below illustrates the calculation for a fee of USD 400; the rule above "
            "governs.\n\n| Monthly Uptime | Calculated credit |\n|---|---|\n| 98.80% | 4% |\n"
            "| 97.80% | 8% |\n")
    assert extract_schedules(doc_of(text, "t.md")) == []


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


def test_per_point_rate_is_the_small_figure_before_for_each():
    text = ("When Monthly Uptime falls short of 99.8%, we will credit four percent (4%) of that "
            "month's subscription fee for each full one percent (1%) by which Monthly Uptime is "
            "below 99.8%.")
    (schedule,) = extract_schedules(doc_of(text))
    assert schedule.per_point == (Decimal(4), Decimal("99.8"))


def test_a_relative_per_point_credit_follows_each_services_target():
    text = ("| Cluster type | Monthly uptime commitment |\n|---|---|\n"
            "| Production cluster | 99.95% |\n| Development cluster | 99.5% |\n\n"
            "If a cluster's Monthly Uptime is lower than its commitment, you receive a credit "
            "equal to 10% of the monthly fee for every full percentage point by which Monthly "
            "Uptime falls short of the commitment.\n")
    result = extract_document(doc_of(text, "t.md"))
    assert sorted((s.services[0], s.per_point.below) for s in result.credit_schedules) == [
        ("Development cluster", 99.5), ("Production cluster", 99.95)]


def test_rows_that_name_their_service_make_one_schedule_each():
    text = ("| Availability | Credit |\n|---|---|\n"
            "| Production – below 99.95% but at least 99.0% | 5 days of service |\n"
            "| Production – below 99.0% | 10 days of service |\n"
            "| Sandbox – below 99.0% | 2 days of service |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert {tuple(s.services): [(float(t.lower), float(t.upper), float(t.credit_days))
                                for t in s.tiers] for s in schedules} == {
        ("Production",): [(99.0, 99.95, 5.0), (0.0, 99.0, 10.0)],
        ("Sandbox",): [(0.0, 99.0, 2.0)]}


def test_plans_as_credit_columns():
    text = ("| Monthly Uptime | Basic credit | Pro credit |\n|---|---|---|\n"
            "| 99.0% to < 99.9% | 5% | 10% |\n| < 99.0% | 15% | 30% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert {tuple(s.services): [float(t.credit_percent) for t in s.tiers] for s in schedules} == {
        ("Basic",): [5.0, 15.0], ("Pro",): [10.0, 30.0]}


def test_a_column_naming_each_rows_service():
    text = ("| Component | Monthly uptime | Credit |\n|---|---|---|\n"
            "| Device Gateway | 99.0% – under 99.95% | 5% |\n"
            "| Device Gateway | under 99.0% | 30% |\n| Dashboard | under 99.5% | 10% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"))
    assert sorted(tuple(s.services) for s in schedules) == [("Dashboard",), ("Device Gateway",)]


def test_schedule_under_a_service_heading_applies_to_it():
    text = ("## Credits for Ingest API\n\n| Monthly Uptime | Service Credit Percentage |\n"
            "|---|---|\n| < 99.9% | 10% |\n\n## Credits for Warehouse\n\n"
            "| Monthly Uptime | Service Credit Percentage |\n|---|---|\n| < 99.95% | 25% |\n")
    schedules = extract_schedules(doc_of(text, "t.md"),
                                  ["Skylark Ingest API", "Skylark Warehouse"])
    assert [s.services for s in schedules] == [["Skylark Ingest API"], ["Skylark Warehouse"]]


def test_bounds_in_two_columns_and_a_commitment_column():
    text = ("| Service | Uptime Commitment | at least | but less than | Service Credit |\n"
            "|---|---|---|---|---|\n| Event Streams | 99.95% | 99.00% | 99.95% | 10% |\n"
            "| Event Streams | 99.95% | — | 99.00% | 25% |\n")
    doc = doc_of(text, "t.md")
    assert targets_of(text, "t.md") == [("Event Streams", 99.95)]
    (schedule,) = extract_schedules(doc, ["Event Streams"])
    assert [(float(t.lower), float(t.upper), float(t.credit_percent)) for t in schedule.tiers] == [
        (99.0, 99.95, 10.0), (0.0, 99.0, 25.0)]


def test_threshold_columns_with_credits_per_service():
    text = ("| Service | < 99.95% | < 99.9% | < 99.0% |\n|---|---|---|---|\n"
            "| Git Hosting | 10% | 25% | 50% |\n| Builds | — | 10% | 25% |\n")
    doc = doc_of(text, "t.md")
    assert targets_of(text, "t.md") == [("Git Hosting", 99.95), ("Builds", 99.9)]
    schedules = {s.services[0]: [(float(t.lower), float(t.upper), float(t.credit_percent))
                                 for t in s.tiers]
                 for s in extract_schedules(doc, ["Git Hosting", "Builds"])}
    assert schedules["Builds"] == [(99.0, 99.9, 10.0), (0.0, 99.0, 25.0)]
