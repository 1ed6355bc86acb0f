"""The app in a real browser: `streamlit run app.py` + Debian's chromium via Playwright.

Walks the analyst's flows: requirements and ranking, upload (new, duplicate, not an
SLA) of a generated 2-page PDF, its vendor page, a rejected and a saved correction, a
scenario (and its re-render time), the composite chain, and the XLSX/CSV/report exports.
Screenshots of each view: test-artifacts/browser-*.png.

Without /usr/bin/chromium the test skips locally and FAILS when CI=true.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Target: a scenario change re-renders in under 0.5 s (median of the new credit being
# shown). A slower shared CI machine may relax it: SLA_RERENDER_BUDGET_S=1.0.
# The figure is a measurement written to test-artifacts/rerender.txt, not a timed
# test; set SLA_RERENDER_BUDGET_S to make it an assertion on a quiet machine.
RERENDER_BUDGET_S = os.environ.get("SLA_RERENDER_BUDGET_S")


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def make_pdf(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    story = [
        Paragraph("Zephyrine Cloud Service Level Agreement", styles["Title"]),
        Paragraph("This Service Level Agreement applies to the Zephyrine Cloud platform.",
                  styles["Normal"]),
        Paragraph("Zephyrine will use commercially reasonable efforts to make the Service "
                  "available with a Monthly Uptime Percentage of at least 99.95%. If "
                  "Zephyrine does not meet this service level, you will be eligible to "
                  "receive a Service Credit as described below.", styles["Normal"]),
        PageBreak(),
        Paragraph("Service Credits", styles["Heading2"]),
        Table([["Monthly Uptime Percentage", "Service Credit"],
               ["Less than 99.95% but at least 99.0%", "10%"],
               ["Less than 99.0%", "30%"]],
              style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])),
        Paragraph("To receive a Service Credit, you must submit a claim within 30 days of "
                  "the incident by opening a support ticket.", styles["Normal"]),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    _need_chromium()
    port = _free_port()
    env = {**os.environ, "SLA_LIBRARY_PATH": str(tmp_path / "library.sqlite3")}
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "streamlit"), "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("streamlit did not start:\n"
                            + (tmp_path / "streamlit.log").read_text()[-3000:])
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


def _summary(page) -> str:
    return page.locator('[data-testid="stCode"]').first.inner_text()


def _credit_line(page, provider: str) -> str:
    found = re.search(rf"^{re.escape(provider)}: .*$", _summary(page), re.MULTILINE)
    return found.group(0) if found else ""


def _shot(page, name: str) -> None:
    page.wait_for_selector(IDLE)
    page.screenshot(path=str(ARTIFACTS / f"browser-{name}.png"), full_page=True)


def _download(page, label: str, tmp_path: Path) -> Path:
    page.wait_for_selector(IDLE)  # a click during a rerun can land on a replaced button
    with page.expect_download(timeout=20_000) as info:
        page.get_by_role("button", name=label).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_analyst_flows(server, tmp_path):
    """Decide, upload (new, duplicate, not an SLA), vendor page, corrections (valid and
    rejected), scenario with its re-render time, composite chain, exports."""
    from playwright.sync_api import expect, sync_playwright

    pdf = tmp_path / "zephyrine-sla.pdf"
    make_pdf(pdf)
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the team lunch. Bring a cake on Friday.\n" * 5)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000},
                                    accept_downloads=True)
            page.set_default_timeout(60_000)
            page.goto(server)
            page.wait_for_selector(IDLE)
            expect(page.get_by_text("Vendors, ranked")).to_be_visible()
            _shot(page, "decide")

            # Upload from the sidebar: named on screen, in view, without scrolling.
            dropzone = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
            dropzone.set_input_files(pdf)
            added = page.get_by_text("zephyrine-sla.pdf added as Zephyrine Cloud")
            expect(added).to_be_visible()
            expect(added).to_be_in_viewport()
            page.wait_for_selector(IDLE)
            dropzone.set_input_files([pdf, notes])
            expect(page.get_by_text("already in the library")).to_be_visible()
            expect(page.get_by_text("notes.txt added as notes, but it does not read")
                   ).to_be_visible()
            _shot(page, "upload")

            # Requirements: 99.95% for the whole offering; the upload ranks first (yours).
            target = page.get_by_label("Minimum uptime target %")
            target.fill("99.95")
            target.press("Enter")
            page.wait_for_selector(IDLE)
            expect(page.get_by_text("Zephyrine Cloud — meets all").first).to_be_visible()
            _shot(page, "decide-requirements")

            # Vendor page: opened on the upload, document with highlighted values.
            page.get_by_role("tab", name="Vendor").click()
            page.get_by_role("combobox", name="Vendor", exact=True).click()
            page.get_by_role("option", name="Zephyrine Cloud", exact=True).click()
            page.wait_for_selector(IDLE)
            expect(page.get_by_text("The document, every extracted value highlighted")
                   ).to_be_visible()
            expect(page.locator("mark").first).to_be_visible()
            # click a highlighted value: its passage opens in place, naming the value
            highlighted = page.locator("details.ev", has_text="99.95").first
            expect(highlighted.locator(".ev-passage")).to_be_hidden()
            highlighted.locator("summary").click()
            passage = highlighted.locator(".ev-passage")
            expect(passage).to_be_visible()
            expect(passage).to_contain_text("Target: (whole offering): 99.95")
            _shot(page, "vendor")

            # Rejected correction: a cap of 250% is refused and says what is allowed.
            correct = page.get_by_role("combobox", name="Value to correct")
            correct.click()
            page.keyboard.type("Credit cap")
            page.get_by_role("option", name="Credit cap (% of the fee)").click()
            page.wait_for_selector(IDLE)
            cap = page.get_by_label("Credit cap (% of the fee)")

            def save_cap(value: str) -> None:
                cap.fill(value)
                cap.press("Enter")
                page.wait_for_selector(IDLE)
                page.get_by_role("button", name="Save correction").click()

            save_cap("250")
            expect(page.get_by_text("must be a percentage from 0 to 100")).to_be_visible()
            _shot(page, "correction-rejected")
            save_cap("20")
            expect(page.get_by_text("Saved: Credit cap (% of the fee).")).to_be_visible()
            _shot(page, "correction-saved")

            # Scenario: 60 minutes down -> 10%; then re-render times with several vendors.
            page.get_by_role("tab", name="Scenario").click()
            downtime = page.get_by_label("Downtime in the month (minutes)", exact=True)
            downtime.fill("60")
            downtime.press("Enter")
            expect(page.locator('[data-testid="stCode"]').first).to_contain_text(
                "Zephyrine Cloud: credit 10% = 100.00 (breached)")
            page.wait_for_selector(IDLE)
            shown, idle = [], []
            for minutes, credit in [(1000, "20% = 200.00"), (61, "10% = 100.00"),
                                    (1001, "20% = 200.00"), (62, "10% = 100.00"),
                                    (1002, "20% = 200.00"), (63, "10% = 100.00")]:
                # 1000 min: the 30% tier, capped at the corrected 20%
                downtime.fill(str(minutes))
                started = time.perf_counter()
                downtime.press("Enter")
                page.wait_for_function(
                    "t => document.querySelector('[data-testid=\"stCode\"]')"
                    "?.innerText.includes(t)", arg=f"Zephyrine Cloud: credit {credit}",
                    polling="raf")
                shown.append(time.perf_counter() - started)
                page.wait_for_selector(IDLE)
                idle.append(time.perf_counter() - started)
            page.get_by_text("Composite SLA of a chain of services").click()
            expect(page.get_by_text("Composite target (from the parts' targets)")).to_be_visible()
            _shot(page, "scenario")
            selected = len(re.findall(r"^.+: credit ", _summary(page), re.MULTILINE))
            median = sorted(shown)[len(shown) // 2]
            median_idle = sorted(idle)[len(idle) // 2]
            report = (f"vendors in the scenario: {selected}\n"
                      f"scenario change -> new credit shown (s): {_fmt(shown)}; "
                      f"median {median:.3f}\n"
                      f"scenario change -> script idle (s): {_fmt(idle)}; "
                      f"median {median_idle:.3f}\n")
            (ARTIFACTS / "rerender.txt").write_text(report)
            print("\n" + report)
            if RERENDER_BUDGET_S:
                assert median < float(RERENDER_BUDGET_S), report

            # Compare: the upload is selected, its terms in words.
            page.get_by_role("tab", name="Compare").click()
            page.get_by_text("Targets, credit schedules and support times in full").click()
            details = page.locator('[data-testid="stExpander"]').first
            expect(details).to_contain_text("Zephyrine Cloud")
            expect(details).to_contain_text("99% to below the 99.95% target: 10%; below 99%: 30%")
            _shot(page, "compare")

            # Exports: XLSX (numeric cells), CSV (BOM), printable report.
            page.get_by_role("tab", name="Export").click()
            xlsx = _download(page, "Download workbook (XLSX)", tmp_path)
            from openpyxl import load_workbook
            terms = list(load_workbook(xlsx)["Terms"].values)
            row = next(dict(zip(terms[0], r, strict=True)) for r in terms[1:]
                       if r[0] == "Zephyrine Cloud")
            assert row["target_percent"] == 99.95 and row["credit_cap_percent"] == 20
            csv_file = _download(page, "Download terms (CSV)", tmp_path)
            assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
            report_file = _download(page, "Download printable report (HTML)", tmp_path)
            _shot(page, "export")
            page.goto(report_file.as_uri())
            expect(page.get_by_text("Zephyrine Cloud").first).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "browser-report.png"), full_page=False)
        finally:
            browser.close()
