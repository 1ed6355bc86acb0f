"""The app in a real browser: `streamlit run app.py` + Debian's chromium via Playwright.

Uploads a generated 2-page PDF SLA, finds its provider and target in the comparison,
changes the scenario, sees the credit change, and measures the re-render time of a
scenario change with the whole corpus (20+ SLAs) loaded. Screenshots: test-artifacts/.

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


def test_upload_pdf_compare_and_scenario(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    pdf = tmp_path / "zephyrine-sla.pdf"
    make_pdf(pdf)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.set_default_timeout(30_000)
            page.goto(server)
            page.wait_for_selector(IDLE)
            expect(page.get_by_role("tab", name="Compare")).to_be_visible()

            # Upload the PDF from the Library tab.
            page.get_by_role("tab", name="Library").click()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(pdf)
            expect(page.get_by_text("Added 1 document(s).")).to_be_visible()
            page.wait_for_selector(IDLE)

            # Scenario: 60 minutes down -> 10%; 1000 minutes -> 30%.
            page.get_by_role("tab", name="Scenario").click()
            downtime = page.get_by_label("Downtime in the month (minutes)")
            downtime.fill("60")
            downtime.press("Enter")
            expect(page.locator('[data-testid="stCode"]').first).to_contain_text(
                "Zephyrine Cloud: credit 10% = 100.00 (breached)")
            page.wait_for_selector(IDLE)

            # Re-render time of a scenario change with every loaded SLA selected: from the
            # Enter key to the new credit on screen (shown) and to the script's end (idle).
            shown, idle = [], []
            for minutes, credit in [(1000, "30% = 300.00"), (61, "10% = 100.00"),
                                    (1001, "30% = 300.00"), (62, "10% = 100.00"),
                                    (1002, "30% = 300.00"), (63, "10% = 100.00")]:
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
            assert "Zephyrine Cloud: credit 10% = 100.00 (breached)" in _credit_line(page, "Zephyrine Cloud")
            page.screenshot(path=str(ARTIFACTS / "browser-scenario.png"), full_page=True)

            loaded = int(re.search(r"Library: (\d+) documents",
                                   page.locator('[data-testid="stSidebar"]').inner_text())[1])
            median = sorted(shown)[len(shown) // 2]
            median_idle = sorted(idle)[len(idle) // 2]
            report = (f"SLAs loaded and selected: {loaded}\n"
                      f"scenario change -> new credit shown (s): {_fmt(shown)}; "
                      f"median {median:.3f}\n"
                      f"scenario change -> script idle (s): {_fmt(idle)}; "
                      f"median {median_idle:.3f}\n")
            (ARTIFACTS / "rerender.txt").write_text(report)
            print("\n" + report)
            assert loaded >= 20
            if RERENDER_BUDGET_S:
                assert median < float(RERENDER_BUDGET_S), report

            # Its provider and target in the comparison: narrow the sidebar's provider
            # choice to it.
            providers = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
                                     ).first
            providers.get_by_role("button", name="Clear all").click()
            page.wait_for_selector(IDLE)
            providers.locator("input").fill("Zephyrine")
            providers.locator("input").press("Enter")
            page.keyboard.press("Escape")
            page.wait_for_selector(IDLE)
            page.get_by_role("tab", name="Compare").click()
            # The table is a canvas grid: read the same values from the text beneath it.
            page.get_by_text("Targets, credit schedules and support times in full").click()
            details = page.locator('[data-testid="stExpander"]').first
            expect(details).to_contain_text("Zephyrine Cloud")
            expect(details).to_contain_text("(whole offering): 99.95%")
            expect(details).to_contain_text("99% to below 99.95%: 10%; below 99%: 30%")
            page.screenshot(path=str(ARTIFACTS / "browser-compare.png"), full_page=True)
        finally:
            browser.close()
