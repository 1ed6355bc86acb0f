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
    return next(d.value for d in at.dataframe if "Credit cap" in d.value.index)


def scenario_frame(at: AppTest) -> pd.DataFrame:
    return frame_with(at, "allowed downtime (min)")


def only(at: AppTest, *providers: str) -> AppTest:
    at.multiselect(key="providers").set_value(list(providers)).run()
    assert not at.exception, at.exception
    return at


def edit(at: AppTest, changes: dict) -> None:
    """Edit the first row of the fee/service table, as a user would in the grid."""
    key = next(d.key for d in at.data_editor if d.key.startswith("settings_"))
    at.session_state[key] = {"edited_rows": {0: changes}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception


def app_path(at: AppTest) -> Path:
    import os
    return Path(os.environ["SLA_LIBRARY_PATH"])


def shown(text: str) -> str:
    """Markdown-escaped text (``P.plain_md``) as the user reads it."""
    return text.replace("\\", "").replace("\u200b", "")


def entry(at: AppTest, label: str):
    return next(e for e in Library(app_path(at)).entries() if e.label == label)


def test_lands_on_the_decision_view_ranked_by_requirements(app):
    ranking = app.dataframe[0].value
    assert list(ranking.columns[:4]) == ["rank", "vendor", "yours", "status"]
    assert len(ranking) >= 20 and not ranking["yours"].any()  # all samples, marked so
    app.number_input(key="req_target").set_value(99.99).run()
    ranking = app.dataframe[0].value
    meets = ranking[ranking["status"] == "meets all"]
    assert len(meets) and (meets["target"].str.rstrip("%").astype(float) >= 99.99).all()
    failing = ranking[ranking["status"].str.startswith("fails")]
    assert failing["verdict"].str.contains("below 99.99%").all()
    # the meeting vendors come before the failing ones
    assert meets["rank"].max() < failing["rank"].min()
    app.checkbox(key="req_sole").uncheck().run()
    ibm = app.dataframe[0].value.set_index("vendor").loc["IBM"]
    assert "claim within 60 calendar days from the end of the month" in ibm["verdict"]


def test_compare_starts_with_a_few_vendors_not_all(app):
    table = comparison(app)
    assert 1 <= len(table.columns) <= 6
    only(app, "IBM", "CloudVNO", "Amberflo")
    table = comparison(app)
    assert table.loc["Target: SMS API", "CloudVNO"] == "99.99%"
    assert table.loc["Target: SMS API", "IBM"] == "—"  # no "None", no blank
    assert table.loc["Credit cap", "IBM"] == "25% of the monthly fee"
    assert "Claim deadline" in table.index and "Support times" in table.index


def test_provider_and_service_selection(app):
    only(app, "IBM", "CloudVNO")
    assert set(comparison(app).columns) == {"IBM", "CloudVNO"}
    app.multiselect(key="services").set_value(["SMS API"]).run()
    table = comparison(app)
    assert "Target: SMS API" in table.index and "Target: Other environments" not in table.index


def test_upload_names_selects_and_reports_duplicates_and_non_slas(app):
    uploader = app.file_uploader[0]
    uploader.upload("acme.md", ACME, "text/markdown")
    uploader.upload("acme-copy.md", ACME, "text/markdown")
    uploader.upload("broken.pdf", b"not a pdf", "application/pdf")
    uploader.upload("notes.txt", b"Lunch on Friday. Bring a cake for the team.\n" * 5,
                    "text/plain")
    uploader.upload("contract.docx", b"PK\x03\x04 not really", "application/msword")
    app.run()
    assert not app.exception, app.exception
    said = [shown(s.value) for s in app.success]
    assert any("acme.md added as Acme Cloud" in s for s in said)
    assert any("acme-copy.md" in shown(i.value) and "already in the library" in i.value
               for i in app.info)
    # the reason comes from the extraction's not_an_sla issue
    assert any("notes.txt" in shown(w.value) and "does not read as an SLA: it never speaks"
               in shown(w.value) for w in app.warning), [w.value for w in app.warning]
    errors = [shown(e.value) for e in app.error]
    assert any("broken.pdf" in e for e in errors)
    assert any("contract.docx" in e for e in errors)
    # named, first in the ranking, open in the vendor page, selected in Compare
    ranking = app.dataframe[0].value
    assert set(ranking.iloc[:2]["vendor"]) >= {"Acme Cloud"} and ranking.iloc[0]["yours"]
    assert app.selectbox(key="vendor").value in {"Acme Cloud", "notes"}
    assert "Acme Cloud" in app.multiselect(key="providers").value
    assert comparison(app).loc["Target: (whole offering)", "Acme Cloud"] == "99.95%"


def test_remove_asks_for_confirmation_and_can_be_undone(app):
    app.file_uploader[0].upload("acme.md", ACME, "text/markdown").run()
    sha = entry(app, "Acme Cloud").sha256
    app.selectbox(key="remove_pick").set_value(sha).run()
    app.button(key="remove_ask").click().run()
    assert "Acme Cloud" in {e.label for e in Library(app_path(app)).entries()}  # asked only
    assert any("Remove Acme Cloud" in shown(w.value) for w in app.warning)
    app.button(key="remove_yes").click().run()
    assert "Acme Cloud" not in {e.label for e in Library(app_path(app)).entries()}
    assert "Acme Cloud" not in app.dataframe[0].value["vendor"].tolist()
    app.button(key="undo_remove_button").click().run()
    assert "Acme Cloud" in app.dataframe[0].value["vendor"].tolist()


def test_scenario_downtime_and_availability_slider(app):
    only(app, "IBM")
    app.number_input(key="downtime").set_value(0).run()
    result = scenario_frame(app).iloc[0]
    assert not result["breached"]
    assert result["credit %"] == 0
    app.radio(key="mode").set_value("Availability %").run()
    app.slider(key="availability").set_value(99.95).run()
    result = scenario_frame(app).iloc[0]
    assert result["service"] == "High availability for a public environment"
    assert (result["credit %"], result["credit amount"]) == (10, 100)
    app.slider(key="availability").set_value(99.5).run()
    assert scenario_frame(app).iloc[0]["credit %"] == 25  # tier 25%, cap 25%
    edit(app, {"own fee": 2000})
    assert scenario_frame(app).iloc[0]["credit amount"] == 500
    assert "IBM: credit 25% = 500.00 (breached)" in app.code[0].value
    app.radio(key="fee_per").set_value("annual").run()  # the override is now per year
    assert scenario_frame(app).iloc[0]["credit amount"] == pytest.approx(2000 / 12 * 0.25)


def test_one_fee_for_all_and_several_incidents(app):
    only(app, "IBM", "CloudVNO")
    app.number_input(key="fee_all").set_value(400).run()
    app.number_input(key="downtime").set_value(30).run()
    app.text_input(key="incidents").set_value("30, 40").run()
    frame = scenario_frame(app).set_index("vendor")
    assert any(c.value == "Total downtime: 100 minutes" for c in app.caption)
    app.text_input(key="incidents").set_value("").run()
    app.number_input(key="downtime").set_value(100).run()
    single = scenario_frame(app).set_index("vendor")
    assert frame.loc["IBM", "availability %"] == single.loc["IBM", "availability %"]
    assert frame.loc["IBM", "credit amount"] == pytest.approx(400 * frame.loc["IBM", "credit %"]
                                                              / 100)


def test_scenario_claim_deadline_and_service_choice(app):
    only(app, "IBM")
    import datetime as dt
    app.date_input(key="incident").set_value(dt.date(2024, 1, 15)).run()
    app.number_input(key="downtime").set_value(100).run()
    edit(app, {"service": "Other environments"})
    row = scenario_frame(app).iloc[0]
    assert row["service"] == "Other environments"
    assert str(row["claim by"])[:10] == "2024-03-31"  # 60 days after the end of January
    edit(app, {"service": "High availability for a public environment"})
    assert scenario_frame(app).iloc[0]["target %"] == 99.99
    ics = next(b for b in app.get("download_button") if "ICS" in b.proto.label)
    assert ics is not None


def _correct(app: AppTest, vendor: str, path: str, set_value) -> AppTest:
    app.selectbox(key="vendor").set_value(vendor).run()
    suffix = next(s.key for s in app.selectbox if s.key.startswith("corr_path_")
                  ).removeprefix("corr_path_")
    app.selectbox(key=f"corr_path_{suffix}").set_value(path).run()
    set_value(app, f"corr_{suffix}_{path}")
    app.text_input(key=f"corr_note_{suffix}").set_value("signed contract")
    app.button(key=f"corr_save_{suffix}").click().run()
    assert not app.exception, app.exception
    return app


def test_correction_typed_saved_and_used_everywhere(app):
    _correct(app, "IBM", "credit_cap_percent",
             lambda a, k: a.number_input(key=k).set_value(50.0))
    assert any("Saved" in s.value for s in app.success)
    only(app, "IBM")
    assert comparison(app).loc["Credit cap", "IBM"] == "50% of the monthly fee" + P.CORRECTED_MARK
    ibm = entry(app, "IBM")
    assert ibm.extraction.credit_cap_percent == 25  # extracted value kept in the library
    exported = json.loads(P.export_json([ibm.extraction]))
    assert exported["credit_cap_percent"] == 50  # the effective value is what is handed on
    assert exported["corrections"][0]["extracted_value"] == 25
    assert exported["corrections"][0]["note"] == "signed contract"
    assert exported["corrections"][0]["corrected_at"]
    app.radio(key="mode").set_value("Availability %").run()
    app.slider(key="availability").set_value(99.0).run()
    assert scenario_frame(app).iloc[0]["credit %"] == 25  # the tier pays 25, under the cap


def test_rejected_correction_is_not_saved_and_says_what_is_allowed(app):
    # a Literal field offers only its allowed values; an out-of-range number is refused
    _correct(app, "IBM", "credit_cap_percent",
             lambda a, k: a.number_input(key=k).set_value(250.0))
    assert any("Not saved" in e.value and "0 to 100" in e.value for e in app.error), [
        e.value for e in app.error]
    assert entry(app, "IBM").extraction.corrections == []
    app.selectbox(key="corr_path_" + entry(app, "IBM").sha256[:12]).set_value(
        "claim.channel").run()
    options = app.selectbox(key=f"corr_{entry(app, 'IBM').sha256[:12]}_claim.channel").options
    assert set(options) == {"not stated", "email", "support ticket", "in writing",
                            "other channel"}


def test_tier_editor_adds_a_tier(app):
    ibm = entry(app, "IBM")
    key = f"corr_{ibm.sha256[:12]}_credit_schedules.0.tiers"

    def add_tier(a, k):
        a.session_state[k] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
            {"lower": 0.0, "upper": 95.0, "credit_percent": 100.0}]}
    _correct(app, "IBM", "credit_schedules.0.tiers", add_tier)
    assert not app.error, [e.value for e in app.error]
    fixed = P.apply_corrections(entry(app, "IBM").extraction)
    assert len(fixed.credit_schedules[0].tiers) == len(ibm.extraction.credit_schedules[0].tiers) + 1
    assert key


def test_evidence_is_escaped_never_raw_html(app):
    app.file_uploader[0].upload("acme.md", ACME, "text/markdown").run()
    app.selectbox(key="vendor").set_value("Acme Cloud").run()
    key = next(s.key for s in app.selectbox if s.key.startswith("ev_item_"))
    items = P.evidence_items(entry(app, "Acme Cloud").extraction)
    target = next(i for i, it in enumerate(items) if it.label.startswith("Target"))
    app.selectbox(key=key).set_value(target).run()
    passage, document = (h.proto.body for h in app.get("html")[:2])
    assert "<mark>" in passage and "99.95" in passage
    assert "<script>" not in passage and "<script>" not in document
    assert "alert(&quot;x&quot;)" in document and document.count("<details id='ev-") >= 3
    source = Path(APP).read_text()
    assert "unsafe_allow_html" not in source


def test_exports(app):
    assert {b.proto.label for b in app.get("download_button")} >= {
        "Download terms (CSV)", "Download JSON", "Download workbook (XLSX)",
        "Download printable report (HTML)"}
    entries = Library(app_path(app)).entries()
    everything = json.loads(P.export_json([e.extraction for e in entries]))
    assert isinstance(everything, list) and len(everything) == len(entries)
    assert {"source", "uptime_targets", "credit_schedules", "corrections"} <= set(everything[0])


def test_vendor_page_shows_flags_and_terms(app):
    app.selectbox(key="vendor").set_value("IBM").run()
    flags = frame_with(app, "severity")
    assert {"kind", "flag"} <= set(flags.columns)
    terms = frame_with(app, "term").set_index("term")["value"]
    assert terms["Credit cap"] == "25% of the monthly fee"


def test_composite_chain_in_the_scenario_tab(app):
    only(app, "IBM", "CloudVNO")
    app.multiselect(key="chain_parts").set_value(
        ["IBM — High availability for a public environment", "CloudVNO — SMS API"]).run()
    assert not app.exception, app.exception
    text = "\n".join(t.value for t in app.text)
    assert "Composite target (from the parts' targets): 99.98%" in text


# --- presentation: the pure functions behind the tabs -------------------------------

def test_schedule_and_claim_in_words():
    from schemas.models import CreditSchedule, Evidence, PerPoint, Tier
    ev = Evidence(quote="q", start=0, end=1)
    tiers = CreditSchedule(tiers=[Tier(lower=99.0, upper=99.9, credit_percent=10),
                                  Tier(lower=0, upper=99.0, credit_percent=25)], evidence=ev)
    assert P.schedule_in_words(tiers) == "99% to below 99.9%: 10%; below 99%: 25%"
    assert P.schedule_in_words(tiers, 99.9) == "99% to below the 99.9% target: 10%; below 99%: 25%"
    open_top = CreditSchedule(tiers=[Tier(lower=99.0, upper=None, credit_percent=10)], evidence=ev)
    assert P.schedule_in_words(open_top) == "99% or more: 10%"
    assert P.schedule_in_words(open_top, 99.95) == "99% to below the 99.95% target: 10%"
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


def test_invalid_stored_correction_is_skipped_with_a_warning(seeded_db, tmp_path):
    db = tmp_path / "lib.db"
    shutil.copy(seeded_db, db)
    lib = Library(db)
    ibm = next(e for e in lib.entries() if e.label == "IBM")
    lib.add_correction(ibm.sha256, "credit_cap_percent", "lots")  # stored before checks
    fixed = P.apply_corrections(lib.get(ibm.sha256).extraction)
    assert fixed.credit_cap_percent == 25
    assert any(w.startswith("correction of credit_cap_percent not applied") for w in fixed.warnings)


def test_credit_curve_steps_at_tier_bounds():
    from extractor.extract.pipeline import extract_bytes
    sla = extract_bytes(Path("acme.md"), ACME)
    curve = dict(P.credit_curve(sla, sla.uptime_targets[0], low=98.0))
    assert curve[98.0] == 30 and curve[99.0] == 10 and curve[99.95] == 0 and curve[100.0] == 0


def test_versions_of_one_provider_side_by_side(app):
    from tests.test_versions import NEW, OLD
    app.file_uploader[0].upload("acme-2024.md", NEW, "text/markdown")
    app.file_uploader[0].upload("acme-2023.md", OLD, "text/markdown")
    app.run()
    assert not app.exception, app.exception
    assert app.selectbox(key="versions_provider").value == "Acme Cloud"
    diff = frame_with(app, "changed").set_index("term")
    assert diff.loc["Effective date", "older"] == "2023-01-01"  # ordered by date
    assert diff.loc["Target: (whole offering)", "newer"] == "99.95%"
    assert diff.loc["Claim deadline", "changed"] and not diff.loc["Credit cap", "changed"]
    app.checkbox(key="versions_changed").check().run()
    assert frame_with(app, "changed")["changed"].all()


def test_a_highlighted_value_opens_its_passage(app):
    app.file_uploader[0].upload("acme.md", ACME, "text/markdown").run()
    app.selectbox(key="vendor").set_value("Acme Cloud").run()
    document = next(h.proto.body for h in app.get("html") if "<details id=" in h.proto.body)
    # the target's passage: a <details> whose summary is the highlighted text and whose
    # body names the value, with the value in bold inside its quote
    block = document[document.index("Target: (whole offering): 99.95") - 600:]
    assert "<summary" in block and "<mark" in block
    assert "<strong style='background:#ffb347'>99.95</strong>" in block
