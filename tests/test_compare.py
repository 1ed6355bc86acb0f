"""compare.py: rows over several hand-built SLAs, and the table / JSON / CSV renderers."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from extractor.app_support.compare import (
    COLUMNS,
    DEFAULT_SCENARIOS,
    ComparisonRow,
    as_csv,
    as_json,
    as_rich_table,
    compare,
    scenario_label,
)
from schemas.models import (
    CreditSchedule,
    Evidence,
    PerUnit,
    ProRata,
    SLAExtraction,
    Source,
    Tier,
    UptimeTarget,
)

EV = Evidence(quote="(built by hand)", start=0, end=0)


def make_sla(provider, targets, tiers, metric="availability_percent"):
    return SLAExtraction(
        source=Source(path=f"/slas/{provider or 'unnamed'}.md", format="markdown", sha256="0"),
        provider=provider,
        uptime_targets=[UptimeTarget(service=s, percent=p, evidence=EV) for s, p in targets],
        credit_schedules=[CreditSchedule(metric=metric, evidence=EV, tiers=[
            Tier(lower=lo, upper=up, credit_percent=c) for lo, up, c in tiers])])


TAGO = make_sla("TagoIO", [(None, 99.8)], [(99.0, 99.8, 10), (0, 99.0, 25)])
VNO = make_sla("CloudVNO", [("SMS API", 99.99), ("RCS Messaging API", 99.5)],
               [(99.0, 99.99, 10), (95.0, 99.0, 25), (0, 95.0, 50)])
HOURS = make_sla(None, [], [(2, None, 20)], metric="hours")


def test_a_scenario_without_service_covers_every_target():
    rows = compare([TAGO, VNO], [{"availability_percent": 99.6, "monthly_fee": 100}])
    assert [(r.provider, r.service, r.credit_percent, r.credit_amount) for r in rows] == [
        ("TagoIO", None, 10, 10), ("CloudVNO", "SMS API", 10, 10),
        ("CloudVNO", "RCS Messaging API", 0, 0)]
    assert {r.scenario for r in rows} == {"99.6% available, fee 100"}


def test_a_named_service_is_evaluated_once_per_sla():
    rows = compare([VNO, TAGO], [{"service": "RCS Messaging API", "availability_percent": 98}])
    assert [(r.provider, r.service, r.credit_percent, r.error) for r in rows] == [
        ("CloudVNO", "RCS Messaging API", 25, None),
        ("TagoIO", None, 25, None)]  # the whole offering's one target


def test_missing_service_and_bad_scenarios_become_error_rows():
    rows = compare([VNO], [{"service": "Fax API", "availability_percent": 99},
                           {"availability_percent": "high"}, {"metric": "hours", "hours": 3}])
    assert [r.credit_percent for r in rows] == [None, None, None]
    assert "no service matches 'Fax API'" in rows[0].error
    assert "this SLA has: 'SMS API', 'RCS Messaging API'" in rows[0].error
    assert rows[1].scenario == "invalid scenario" and "invalid scenario" in rows[1].error
    assert "hours-based" in rows[2].error


def test_hours_scenarios_once_per_sla_and_provider_falls_back_to_the_file_name():
    rows = compare([HOURS, TAGO], [{"metric": "hours", "hours": 3}])
    assert [(r.provider, r.credit_percent, r.breached) for r in rows] == [
        ("unnamed", 20, True), ("TagoIO", None, None)]
    assert rows[0].scenario == "3 h (hours schedule)"


def test_default_scenarios_are_valid():
    rows = compare([TAGO, VNO], DEFAULT_SCENARIOS)
    assert len(rows) == 3 * len(DEFAULT_SCENARIOS)
    assert all(r.error is None for r in rows)
    assert rows[-3].scenario == "60 min down in 30 days"


@pytest.mark.parametrize(("scenario", "label"), [
    ({"availability_percent": 99.95}, "99.95% available"),
    ({"downtime_minutes": 360, "days_in_period": 31}, "360 min down in 31 days"),
    ({"downtime_minutes": 43.2}, "43.2 min down in 30 days"),
    ({"downtime_minutes": 90, "month": "2024-02",
      "excluded_minutes": {"scheduled_maintenance": 30}},
     "90 min down in 2024-02 (30 min excluded)"),
    ({"metric": "hours", "hours": 7, "monthly_fee": 1000}, "7 h (hours schedule), fee 1000"),
    ({"label": "bad month", "availability_percent": 90}, "bad month"),
    ({"service": "SMS API"}, "incomplete scenario"),
])
def test_scenario_label(scenario, label):
    assert scenario_label(scenario) == label


ROWS = [
    ComparisonRow("TagoIO", None, "99.5% available", 99.8, 10.0, 50.0, True, 86.4, None,
                  "below 99.8%: 10%"),
    ComparisonRow("=HYPERLINK(\"http://x\")", "+SUM(A1)", "-1 min", None, None, None, None,
                  None, "@evil"),
    ComparisonRow("Plain", "[bold]SMS[/bold]", "s", 99.0, 0.0, None, False, 432.0, None),
]


def test_json_shape():
    data = json.loads(as_json(ROWS))
    assert [list(d) for d in data] == [COLUMNS] * 3
    assert COLUMNS == ["provider", "service", "scenario", "target_percent", "credit_percent",
                       "credit_amount", "breached", "allowed_downtime_minutes", "error",
                       "credit_schedule"]
    assert data[0] == {"provider": "TagoIO", "service": None, "scenario": "99.5% available",
                       "target_percent": 99.8, "credit_percent": 10.0, "credit_amount": 50.0,
                       "breached": True, "allowed_downtime_minutes": 86.4, "error": None,
                       "credit_schedule": "below 99.8%: 10%"}
    assert json.loads(as_json([])) == []


def test_csv_shape():
    table = list(csv.reader(io.StringIO(as_csv(ROWS), newline="")))
    assert table[0] == COLUMNS
    assert table[1] == ["TagoIO", "", "99.5% available", "99.8", "10.0", "50.0", "true",
                        "86.4", "", "below 99.8%: 10%"]
    assert len(table) == 4
    assert as_csv([]) == ",".join(COLUMNS) + "\r\n"


def test_csv_guards_against_formula_injection():
    row = list(csv.reader(io.StringIO(as_csv(ROWS), newline="")))[2]
    assert row[:3] == ["'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'-1 min"]
    assert row[COLUMNS.index("error")] == "'@evil"
    for start in ("\tcmd", "\rcmd"):
        guarded = as_csv([ComparisonRow(start, None, "s", None, None, None, None, None, None)])
        assert list(csv.reader(io.StringIO(guarded, newline="")))[1][0] == "'" + start


def test_csv_leaves_numbers_alone():
    row = ComparisonRow("P", "S", "s", 99.0, 0.0, -0.0, False, 1.5, None)
    assert list(csv.reader(io.StringIO(as_csv([row]), newline="")))[1][3:8] == [
        "99.0", "0.0", "-0.0", "false", "1.5"]


def test_rich_table_shows_names_literally():
    table = as_rich_table(ROWS)
    assert (len(table.columns), table.row_count) == (10, 3)
    console = Console(record=True, width=250, color_system=None)
    console.print(table)
    text = console.export_text()
    assert "[bold]SMS[/bold]" in text and "86.4 min" in text and "10%" in text
    assert "50.00" in text and "(all)" in text and "below 99.8%: 10%" in text


def test_rows_carry_every_credit_form_in_words():
    def sla(provider, **form):
        return SLAExtraction(
            source=Source(path=f"/slas/{provider}.md", format="markdown", sha256="0"),
            provider=provider, credit_schedules=[CreditSchedule(evidence=EV, **form)],
            uptime_targets=[UptimeTarget(service=None, percent=99.95, evidence=EV)])

    slas = [sla("Ratio", pro_rata=ProRata(multiplier=25, basis="excess_downtime")),
            sla("Hourly", per_unit=PerUnit(credit_percent_per_unit=10, unit_minutes=60)),
            sla("Started", per_unit=PerUnit(credit_percent_per_unit=5, unit_minutes=30,
                                            rounding="up")),
            sla("Daily", per_unit=PerUnit(credit_days_per_unit=1, unit_minutes=60)),
            sla("Months", tiers=[Tier(lower=99, upper=99.95, credit_months=0.5),
                                 Tier(lower=0, upper=99, credit_months=1)])]
    # 150 minutes down in 30 days is 99.652778%; 99.95% allows 21.6 minutes
    rows = compare(slas, [{"downtime_minutes": 150}, {"service": "Fax", "hours": 1}])
    assert [(r.provider, r.credit_percent, r.credit_schedule) for r in rows[:5]] == [
        ("Ratio", 7.430556, "25 × the fee for downtime beyond 99.95%"),  # 25 x 128.4 / 43,200
        ("Hourly", 20, "10% per full hour of downtime"),
        ("Started", 25, "5% per half hour or part thereof"),
        ("Daily", 6.666667, "1 day of service per full hour of downtime"),  # 2 / 30 days
        ("Months", 50, "99% to below the 99.95% target: ½ month of service; "
                   "below 99%: 1 month of service"),
    ]
    assert all(r.error and r.credit_schedule is None for r in rows[5:])
    table = list(csv.reader(io.StringIO(as_csv(rows), newline="")))
    assert table[1][COLUMNS.index("credit_schedule")] == "25 × the fee for downtime beyond 99.95%"
