"""The Streamlit app's logic through streamlit.testing.v1.AppTest (no browser)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from extractor.app_support import presentation as P
from extractor.app_support.library import Library

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ACME = b"""Acme Cloud Service Level Agreement

Acme will use commercially reasonable efforts to make the Service available with a
Monthly Uptime Percentage of at least 99.95%. If Acme does not meet this service level,
you will be eligible to receive a Service Credit.

| Monthly Uptime Percentage | Service Credit |
|---|---|
| Less than 99.95% but at least 99.0% | 10% |
| Less than 99.0% | 30% |

To receive a credit, you must submit a claim within 14 days of the incident.
<script>alert("x")</script> **not bold**
"""


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    """A library with the corpus extracted once; each test gets a copy (cache hits)."""
    path = tmp_path_factory.mktemp("seed") / "library.sqlite3"
    Library(path)
    return path


@pytest.fixture
def app(seeded_db, tmp_path, monkeypatch) -> AppTest:
    db = tmp_path / "library.sqlite3"
    shutil.copy(seeded_db, db)
    monkeypatch.setenv("SLA_LIBRARY_PATH", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def comparison(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def only(at: AppTest, *providers: str) -> AppTest:
    at.multiselect(key="providers").set_value(list(providers)).run()
    assert not at.exception, at.exception
    return at


def edit(at: AppTest, changes: dict) -> None:
    """Edit the first row of the fee/service table, as a user would in the grid."""
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {0: changes}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception


def test_starts_with_the_corpus_in_the_comparison(app):
    table = comparison(app)
    assert {"IBM", "CloudVNO", "Amberflo"} <= set(table.columns)
    assert table.loc["Target: SMS API", "CloudVNO"] == "99.99%"
    assert table.loc["Credit cap", "IBM"] == "25% of the monthly fee"
    assert "Claim deadline" in table.index and "Support times" in table.index


def test_provider_and_service_selection(app):
    only(app, "IBM", "CloudVNO")
    assert set(comparison(app).columns) == {"IBM", "CloudVNO"}
    app.multiselect(key="services").set_value(["SMS API"]).run()
    table = comparison(app)
    assert "Target: SMS API" in table.index and "Target: Other environments" not in table.index


def test_upload_several_files_and_remove(app):
    uploader = app.file_uploader[0]
    uploader.upload("acme.md", ACME, "text/markdown")
    uploader.upload("broken.pdf", b"not a pdf", "application/pdf")
    app.run()
    assert not app.exception, app.exception
    assert any("Added 1" in s.value for s in app.success)
    assert any("broken.pdf" in e.value for e in app.error)
    table = comparison(app)
    assert table.loc["Target: (whole offering)", "Acme Cloud"] == "99.95%"
    sha = next(e for e in Library(app_path(app)).entries() if e.label == "Acme Cloud").sha256
    app.button(key=f"remove_{sha[:12]}").click().run()
    assert "Acme Cloud" not in comparison(app).columns
    assert "Acme Cloud" not in {e.label for e in Library(app_path(app)).entries()}


def app_path(at: AppTest) -> Path:
    import os
    return Path(os.environ["SLA_LIBRARY_PATH"])


def test_scenario_downtime_and_availability_slider(app):
    only(app, "IBM")
    app.number_input(key="downtime").set_value(0).run()
    result = frame_with(app, "credit %").iloc[0]
    assert result["breached"] is False or not result["breached"]
    assert result["credit %"] == 0
    app.radio(key="mode").set_value("Availability %").run()
    app.slider(key="availability").set_value(99.95).run()
    result = frame_with(app, "credit %").iloc[0]
    assert result["service"] == "High availability for a public environment"
    assert (result["credit %"], result["credit amount"]) == (10, 100)
    app.slider(key="availability").set_value(99.5).run()
    assert frame_with(app, "credit %").iloc[0]["credit %"] == 25  # tier 25%, cap 25%
    edit(app, {"monthly fee": 2000})
    assert frame_with(app, "credit %").iloc[0]["credit amount"] == 500
    assert "IBM: credit 25% = 500.00 (breached)" in app.code[0].value


def test_scenario_claim_deadline_and_service_choice(app):
    only(app, "IBM")
    import datetime as dt
    app.date_input(key="incident").set_value(dt.date(2024, 1, 15)).run()
    app.number_input(key="downtime").set_value(100).run()
    edit(app, {"service": "Other environments"})
    row = frame_with(app, "credit %").iloc[0]
    assert row["service"] == "Other environments"
    assert str(row["claim by"])[:10] == "2024-03-31"  # 60 days after the end of January
    edit(app, {"service": "High availability for a public environment"})
    assert frame_with(app, "credit %").iloc[0]["target %"] == 99.99


def test_correction_is_stored_beside_and_shown_as_corrected(app):
    app.selectbox(key="ev_provider").set_value("IBM").run()
    key = next(s.key for s in app.selectbox if s.key.startswith("corr_path_"))
    suffix = key.removeprefix("corr_path_")
    app.selectbox(key=key).set_value("credit_cap_percent")
    app.text_input(key=f"corr_value_{suffix}").set_value("50")
    app.text_input(key=f"corr_note_{suffix}").set_value("signed contract")
    app.button[[b.label for b in app.button].index("Save correction")].click().run()
    assert not app.exception, app.exception
    assert comparison(app).loc["Credit cap", "IBM"] == "50% of the monthly fee" + P.CORRECTED_MARK
    ibm = next(e for e in Library(app_path(app)).entries() if e.label == "IBM")
    assert ibm.extraction.credit_cap_percent == 25  # extracted value kept
    exported = json.loads(P.export_json([ibm.extraction]))
    assert exported["credit_cap_percent"] == 25
    assert exported["corrections"][0]["value"] == 50
    assert exported["corrections"][0]["note"] == "signed contract"
    # the correction counts in the scenario: 99.5% now earns the full 25% tier... capped at 50
    only(app, "IBM")
    app.radio(key="mode").set_value("Availability %").run()
    app.slider(key="availability").set_value(99.5).run()
    assert frame_with(app, "credit %").iloc[0]["credit %"] == 25


def test_evidence_is_escaped_never_raw_html(app):
    app.file_uploader[0].upload("acme.md", ACME, "text/markdown").run()
    app.selectbox(key="ev_provider").set_value("Acme Cloud").run()
    key = next(s.key for s in app.selectbox if s.key.startswith("ev_item_"))
    items = P.evidence_items(next(e for e in Library(app_path(app)).entries()
                                  if e.label == "Acme Cloud").extraction)
    target = next(i for i, it in enumerate(items) if it.label.startswith("target"))
    app.selectbox(key=key).set_value(target).run()
    shown = app.get("html")[0].proto.body
    assert "<mark>" in shown and "99.95" in shown
    assert "<script>" not in shown
    source = Path(APP).read_text()
    assert "unsafe_allow_html" not in source


def test_exports(app):
    assert {b.label for b in app.get("download_button")} >= {
        "Download comparison (CSV)", "Download JSON"}
    entries = Library(app_path(app)).entries()
    everything = json.loads(P.export_json([e.extraction for e in entries]))
    assert isinstance(everything, list) and len(everything) == len(entries)
    assert {"source", "uptime_targets", "credit_schedules", "corrections"} <= set(everything[0])
    table = P.comparison_table([e.extraction for e in entries[:3]])
    csv_text = P.comparison_csv(table)
    assert csv_text.splitlines()[0].startswith("term,")
    assert "Credit cap" in csv_text


def test_exclusions_and_flags_tabs(app):
    only(app, "IBM", "CloudVNO")
    matrix = next(d.value for d in app.dataframe if "IBM" in d.value.columns
                  and "third_party" in d.value.index)
    assert matrix.loc["third_party", "IBM"].startswith("✓")
    flags = frame_with(app, "severity")
    assert {"provider", "kind", "flag"} <= set(flags.columns)
    assert (flags["provider"] == "IBM").any()


# --- presentation: the pure functions behind the tabs -------------------------------

def test_schedule_and_claim_in_words():
    from schemas.models import CreditSchedule, Evidence, PerPoint, Tier
    ev = Evidence(quote="q", start=0, end=1)
    tiers = CreditSchedule(tiers=[Tier(lower=99.0, upper=99.9, credit_percent=10),
                                  Tier(lower=0, upper=99.0, credit_percent=25)], evidence=ev)
    assert P.schedule_in_words(tiers) == "99% to below 99.9%: 10%; below 99%: 25%"
    per_point = CreditSchedule(per_point=PerPoint(credit_percent_per_point=1, below=99.9),
                               evidence=ev)
    assert P.schedule_in_words(per_point) == "1% for each full point below 99.9%"
    hours = CreditSchedule(metric="hours", tiers=[Tier(lower=2, upper=6, credit_percent=20),
                                                  Tier(lower=6, upper=None, credit_percent=40)],
                           evidence=ev)
    assert P.schedule_in_words(hours) == "more than 6 h: 40%; 2–6 h: 20%"


def test_evidence_html_escapes_document_text():
    from schemas.models import Evidence
    text = "Intro <b>bold</b>\n\nWe target <script>x</script> 99.9% uptime.\n\nEnd & more"
    start = text.index("We target")
    ev = Evidence(quote=text[start:start + 44], start=start, end=start + 44)
    shown = P.evidence_html(text, ev, "99.9")
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "&lt;b&gt;bold&lt;/b&gt;" in shown and "&amp; more" in shown
    assert "<strong style='background:#ffb347'>99.9</strong>" in shown


def test_invalid_correction_is_skipped_with_a_warning(seeded_db, tmp_path):
    db = tmp_path / "lib.db"
    shutil.copy(seeded_db, db)
    lib = Library(db)
    ibm = next(e for e in lib.entries() if e.label == "IBM")
    lib.add_correction(ibm.sha256, "credit_cap_percent", "lots")
    fixed = P.apply_corrections(lib.get(ibm.sha256).extraction)
    assert fixed.credit_cap_percent == 25
    assert any(w.startswith("correction of credit_cap_percent not applied") for w in fixed.warnings)


def test_credit_curve_steps_at_tier_bounds():
    from extractor.extract.pipeline import extract_bytes
    sla = extract_bytes(Path("acme.md"), ACME)
    curve = dict(P.credit_curve(sla, sla.uptime_targets[0], low=98.0))
    assert curve[98.0] == 30 and curve[99.0] == 10 and curve[99.95] == 0 and curve[100.0] == 0
