"""`sla evaluate` and `sla compare` over extraction JSON holding schema 1.1 credit forms."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.operations.cli import app
from schemas.models import (
    CreditSchedule,
    Evidence,
    PerUnit,
    ProRata,
    SLAExtraction,
    Source,
    UptimeTarget,
)

EV = Evidence(quote="(built by hand)", start=0, end=0)
runner = CliRunner()


def write_sla(folder: Path, provider: str, **form) -> Path:
    sla = SLAExtraction(
        source=Source(path=f"{provider}.txt", format="text", sha256="0" * 64), provider=provider,
        uptime_targets=[UptimeTarget(service=None, percent=99.9, evidence=EV)],
        credit_schedules=[CreditSchedule(evidence=EV, **form)], credit_cap_percent=50)
    path = folder / f"{provider}.json"
    path.write_text(sla.model_dump_json())
    return path


def test_evaluate_and_compare_new_forms(tmp_path: Path):
    hourly = write_sla(tmp_path, "Hourly", per_unit=PerUnit(
        credit_percent_per_unit=10, unit_minutes=60, rounding="up"))
    ratio = write_sla(tmp_path, "Ratio", pro_rata=ProRata(multiplier=100, basis="downtime"))
    scenarios = tmp_path / "s.json"
    scenarios.write_text(json.dumps([{"downtime_minutes": 150, "monthly_fee": 200},
                                     {"downtime_minutes": 40}, {"availability_percent": 99}]))
    result = runner.invoke(app, ["evaluate", str(hourly), "--scenarios", str(scenarios)])
    assert result.exit_code == 0, result.output
    # 150 minutes: 3 hours begun -> 30% of 200; 40 minutes is within 99.9% (43.2 minutes);
    # 99% is 432 minutes: 8 hours begun -> 80%, capped at 50%
    assert [(r["credit_percent"], r["credit_amount"], r["breached"])
            for r in json.loads(result.stdout)] == [(30, 60, True), (0, None, False),
                                                    (50, None, True)]

    result = runner.invoke(app, ["compare", str(hourly), str(ratio), "--scenarios",
                                 str(scenarios), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["provider"], r["credit_percent"], r["credit_schedule"]) for r in rows[:2]] == [
        ("Hourly", "30.0", "10% per hour or part thereof"),
        ("Ratio", "34.722222", "100 × the fee for the downtime")]  # 100 x 150 / 43,200 x 100
    table = runner.invoke(app, ["compare", str(hourly), str(ratio), "--scenarios", str(scenarios)],
                          env={"COLUMNS": "250"})
    assert table.exit_code == 0 and "100 × the fee for the downtime" in table.stdout


def test_a_schedule_with_two_forms_is_one_clean_error(tmp_path: Path):
    path = write_sla(tmp_path, "Both", pro_rata=ProRata(multiplier=1, basis="downtime"))
    data = json.loads(path.read_text())
    data["credit_schedules"][0]["per_unit"] = {"credit_percent_per_unit": 5, "unit_minutes": 60,
                                               "rounding": "down"}
    path.write_text(json.dumps(data))
    scenarios = tmp_path / "s.json"
    scenarios.write_text("[]")
    result = runner.invoke(app, ["evaluate", str(path), "--scenarios", str(scenarios)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Both.json" in result.output
    assert "exactly one of tiers, per_point, pro_rata or per_unit" in result.output
