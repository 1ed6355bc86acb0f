"""The `sla` command line: stdout carries JSON only; errors are one clean line."""
from __future__ import annotations

import json
from pathlib import Path

from extractor.operations.cli import app

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
def test_extract_to_stdout_is_json_with_contract_keys(runner):
    result = runner.invoke(app, ["extract", str(CORPUS / "tagoio.txt"), "--out", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("schema_version", "source", "provider", "effective_date", "measurement_period",
                "uptime_targets", "credit_schedules", "credit_cap_percent", "minimum_credit_amount",
                "claim", "maintenance_notice_hours", "exclusions", "support", "sole_remedy",
                "warnings"):
        assert key in data
    assert data["source"]["format"] == "text"


def test_evaluate_from_document_and_from_json(tmp_path: Path, runner):
    scenarios = tmp_path / "s.json"
    scenarios.write_text(json.dumps([{"downtime_minutes": 360, "days_in_period": 31,
                                      "service": "high availability"},
                                     {"service": "nope", "availability_percent": 99.0}]))
    result = runner.invoke(app, ["evaluate", str(CORPUS / "ibm-cloud.md"),
                                 "--scenarios", str(scenarios)])
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["credit_percent"] == 25 and abs(first["availability_percent"] - 99.19) < 0.005
    assert second["credit_percent"] is None and "nope" in second["error"]
    extracted = tmp_path / "ibm.json"
    extracted.write_text(
        runner.invoke(app, ["extract", str(CORPUS / "ibm-cloud.md"), "--out", "-"]).stdout)
    again = runner.invoke(app, ["evaluate", str(extracted), "--scenarios", str(scenarios)])
    assert json.loads(again.stdout)[0] == first


def test_missing_file_is_one_clean_error(tmp_path: Path, runner):
    result = runner.invoke(app, ["extract", str(tmp_path / "absent.txt"), "--out", "-"])
    assert result.exit_code != 0
    assert "absent.txt" in result.output and "Traceback" not in result.output


def test_bad_scenarios_file_names_the_file(tmp_path: Path, runner):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["evaluate", str(CORPUS / "tagoio.txt"), "--scenarios", str(bad)])
    assert result.exit_code == 1 and "bad.json" in result.output


def test_compare_csv_has_a_row_per_provider_and_scenario(tmp_path: Path, runner):
    result = runner.invoke(app, ["compare", str(CORPUS / "tagoio.txt"),
                                 str(CORPUS / "amberflo.txt"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "TagoIO" in result.stdout and "Amberflo" in result.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (CORPUS.parent / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"sla {name}" in readme, f"`sla {name}` is not in the README"
