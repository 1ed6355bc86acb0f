"""The `sla` command line: stdout carries JSON only; errors are one clean line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.operations.cli import app

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
def test_extract_to_stdout_is_json_with_contract_keys(runner):
    result = runner.invoke(app, ["extract", str(CORPUS / "tagoio.txt"), "--out", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in (
        "schema_version",
        "source",
        "provider",
        "effective_date",
        "measurement_period",
        "uptime_targets",
        "credit_schedules",
        "credit_cap_percent",
        "minimum_credit_amount",
        "claim",
        "maintenance_notice_hours",
        "exclusions",
        "support",
        "sole_remedy",
        "warnings",
    ):
        assert key in data
    assert data["source"]["format"] == "text"


def test_evaluate_from_document_and_from_json(tmp_path: Path, runner):
    scenarios = tmp_path / "s.json"
    scenarios.write_text(json.dumps([{"downtime_minutes": 360, "days_in_period": 31,
                                      "service": "high availability"},
                                     {"service": "nope", "availability_percent": 99.0}]))
    result = runner.invoke(
        app, ["evaluate", str(CORPUS / "ibm-cloud.md"), "--scenarios", str(scenarios)]
    )
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["credit_percent"] == 25 and abs(first["availability_percent"] - 99.19) < 0.005
    assert second["credit_percent"] is None and "nope" in second["error"]
    extracted = tmp_path / "ibm.json"
    extracted.write_text(
        runner.invoke(app, ["extract", str(CORPUS / "ibm-cloud.md"), "--out", "-"]).stdout
    )
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
    result = runner.invoke(
        app,
        ["compare", str(CORPUS / "tagoio.txt"), str(CORPUS / "amberflo.txt"), "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert "TagoIO" in result.stdout and "Amberflo" in result.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (CORPUS.parent / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"sla {name}" in readme, f"`sla {name}` is not in the README"


def test_compare_table_shows_terms_and_fits_80_columns(runner):
    result = runner.invoke(app, ["compare", str(CORPUS / "ibm-cloud.md"),
                                 str(CORPUS / "tagoio.txt"), "--width", "80"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80, [line for line in lines if len(line) > 80]
    text = result.stdout
    # the terms, in words: targets, caps, claim windows
    assert "High availability for a public environment: 99.99%" in text
    assert "25% of the monthly fee" in text
    assert "60 calendar days from the end of the month" in text
    assert "7 calendar days from the incident" in text
    for raw in ("end_of_period", "calendar_month", "beta_or_free", "None"):
        assert raw not in text
    # and what each pays under the default scenarios
    assert "credit 25% (target 99.99% missed)" in text


def test_compare_table_wraps_to_a_narrow_width(runner):
    result = runner.invoke(app, ["compare", str(CORPUS / "ibm-cloud.md"), "--width", "50"])
    assert result.exit_code == 0, result.output
    assert max(map(len, result.stdout.splitlines())) <= 50


def test_version_names_the_package_and_schema_version(runner):
    from schemas.models import SCHEMA_VERSION

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("sla ") and f"schema {SCHEMA_VERSION}" in result.stdout


def test_every_option_says_what_it_does():
    import typer

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert {"extract", "evaluate", "compare", "chain", "evaluate-corpus"} <= set(commands)
    for name, command in commands.items():
        assert (command.help or "").strip(), f"sla {name} has no help"
        for param in command.params:
            if param.param_type_name in ("option", "argument") and param.name != "help":
                assert (getattr(param, "help", "") or "").strip(), f"sla {name} {param.name}"


def test_chain_serial_and_parallel(runner):
    ibm, sms = f"{CORPUS / 'ibm-cloud.md'}#public", f"{CORPUS / 'cloudvno.md'}#sms"
    serial = runner.invoke(app, ["chain", ibm, sms, "--downtime", "60", "--fee", "100",
                                 "--json"])
    assert serial.exit_code == 0, serial.output
    data = json.loads(serial.stdout)
    assert data["mode"] == "serial"
    assert data["composite_target_percent"] == pytest.approx(99.98, abs=1e-5)  # 99.99 x 99.99
    assert [p["credit_percent"] for p in data["parts"]] == [25, 10]
    assert data["total_credit_amount"] == 35
    both_down = data["composite_availability_percent"]
    parallel = runner.invoke(app, ["chain", ibm, sms, "--parallel", "--downtime", "60,0",
                                   "--json"])
    assert parallel.exit_code == 0, parallel.output
    redundant = json.loads(parallel.stdout)
    assert redundant["composite_availability_percent"] == 100.0  # the other part was up
    assert redundant["composite_target_percent"] > 99.99 > both_down
    text = runner.invoke(app, ["chain", ibm, sms, "--downtime", "60"])
    assert "Composite target (from the parts' targets): 99.98%" in text.stdout
    assert max(map(len, text.stdout.splitlines())) <= 80


def test_chain_refuses_a_bad_downtime_and_an_unknown_service(runner):
    ibm = str(CORPUS / "ibm-cloud.md")
    bad = runner.invoke(app, ["chain", ibm, ibm, "--downtime", "1,2,3"])
    assert bad.exit_code == 2 and "--downtime" in bad.output
    missing = runner.invoke(app, ["chain", f"{ibm}#no such service", "--downtime", "5"])
    assert missing.exit_code == 1 and "no such service" in missing.stdout
