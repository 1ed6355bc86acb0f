"""Builds ottercombe-ci.docx (fictional CI/CD SaaS service level schedule).

Run: /work/main/.venv/bin/python ottercombe-ci.src.py
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).with_name("ottercombe-ci.docx")

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Calibri"
style.font.size = Pt(10.5)

section = doc.sections[0]
header = section.header.paragraphs[0]
header.text = "Ottercombe Build Systems Ltd \u2014 Hosted CI Service Level Schedule \u2014 Commercial in confidence"
header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
footer = section.footer.paragraphs[0]
footer.text = "OBS-SLS v3.2 \u00b7 Issued January 2026 \u00b7 Registered office: 4 Quay Lane, Bideford"
footer.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(text, bold_lead=None):
    p = doc.add_paragraph()
    if bold_lead:
        p.add_run(bold_lead).bold = True
    p.add_run(text)
    return p


def table(rows, header_row=True):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = t.cell(i, j)
            cell.text = value
            if header_row and i == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    doc.add_paragraph()
    return t


doc.add_heading("Service Level Schedule: Hosted CI", level=0)
para("Version 3.2 \u2014 Effective 2 February 2026")

para(
    "This Schedule applies to the hosted continuous-integration service supplied by Ottercombe Build "
    "Systems Ltd (\u201cOttercombe\u201d) to the customer named in the Order (the \u201cCustomer\u201d) under "
    "the Master Subscription Agreement. Terms with capital letters that are not defined here are defined "
    "in that agreement. Where this Schedule and the Order disagree, the Order prevails."
)

doc.add_heading("1. Service Commitments", level=1)
para(
    "Ottercombe will meet the Service Commitment shown below for each component in every calendar month. "
    "Monthly Uptime Percentage is the number of minutes in the month in which the component was not "
    "Unavailable, divided by the total number of minutes in the month, multiplied by 100. A component is "
    "Unavailable in a minute when it rejects or fails to act on more than 5% of valid requests in that "
    "minute, measured by Ottercombe's monitoring."
)
table([
    ["Component", "What it covers", "Service Commitment"],
    ["Pipeline Orchestration", "API, web application, webhooks from source-code hosts, job scheduling", "99.95%"],
    ["Hosted Runners", "Linux and Windows build machines that Ottercombe operates", "99.9%"],
    ["Artifact Cache", "Dependency and build-output cache", "99.5%"],
])
para(
    "The following figures describe typical performance and are not Service Commitments: median queue "
    "time of 11 seconds, 99% of jobs starting within 30 seconds of being queued, and a cache hit rate "
    "of about 92% on repeat builds. macOS runners are offered on a best-efforts basis and have no Service "
    "Commitment."
)

doc.add_heading("2. Service Credits", level=1)
para(
    "If the Monthly Uptime Percentage of a component falls below its Service Commitment, the Customer "
    "will receive a Service Credit, expressed as a percentage of the Monthly Subscription Fee for that "
    "component, as follows:"
)
table([
    ["Monthly Uptime Percentage", "Service Credit"],
    ["At least 99.0% but below the Service Commitment", "10%"],
    ["At least 95.0% but below 99.0%", "20%"],
    ["At least 90.0% but below 95.0%", "35%"],
    ["Below 90.0%", "50%"],
])
para(
    "Severity 1 Incidents. In addition, where a Severity 1 Incident affecting Hosted Runners is not "
    "resolved within four hours of the Customer reporting it, the Customer will receive the following "
    "Service Credit on the Hosted Runners fee. Resolution time is measured from the time the Support "
    "Ticket is logged to the time Ottercombe confirms that builds are running again."
)
table([
    ["Time to resolve a Severity 1 Incident", "Service Credit"],
    ["Up to and including 4 hours", "None"],
    ["More than 4 hours, up to and including 8 hours", "5%"],
    ["More than 8 hours, up to and including 24 hours", "10%"],
    ["More than 24 hours", "20%"],
])
para(
    "The aggregate of all Service Credits for a component in a calendar month shall not exceed "
    "forty-five percent (45%) of the Monthly Subscription Fee for that component. No Service Credit will "
    "be issued where the amount due for a month would be less than \u00a325.",
    bold_lead="2.3 Limits. ",
)
para(
    "Every plan includes an allowance of build minutes, and top-ups are sold as \u201cminute credits\u201d "
    "(3,000 free minutes each month on the Starter plan). Minute credits are not Service Credits and are "
    "not affected by this Schedule.",
    bold_lead="2.4 Minute credits. ",
)

doc.add_heading("3. Claiming Service Credits", level=1)
para(
    "The Customer must raise a Support Ticket within twenty-four (24) hours of the start of the "
    "Unavailability or Severity 1 Incident, and must then submit a credit request to "
    "credits@ottercombe.io within forty-five (45) days of the Unavailability. The request must state "
    "the component, the organisation identifier, the affected pipeline run numbers, and the dates and "
    "times of the Unavailability. Ottercombe will assess the request within ten (10) Business Days and "
    "apply any approved Service Credit to the next invoice."
)

doc.add_heading("4. Exclusions", level=1)
para("Unavailability caused by any of the following is disregarded when the Monthly Uptime Percentage is calculated:")
for item in [
    "Planned Maintenance notified to the Customer at least three (3) Business Days in advance;",
    "the Customer's pipeline definitions, build scripts, secrets or self-hosted runners, or the Customer's "
    "use of the service contrary to the Documentation;",
    "outages of the Customer's source-code host, package registries, container registries or any other "
    "service that Ottercombe does not control;",
    "jobs that are queued or refused because the Customer has reached its concurrency limit or used up its "
    "build minutes;",
    "features labelled beta or preview, macOS runners, and free or trial organisations;",
    "events beyond Ottercombe's reasonable control, including natural disasters, war, terrorism and "
    "failures of public utilities.",
]:
    doc.add_paragraph(item, style="List Bullet")

doc.add_heading("5. Support", level=1)
table([
    ["Severity", "Description", "Response time"],
    ["Severity 1", "No builds can run, or Pipeline Orchestration unreachable", "30 minutes, 24x7"],
    ["Severity 2", "Builds delayed or a runner type unavailable", "2 hours, 24x7"],
    ["Severity 3", "Single job failures, questions", "1 Business Day"],
])

doc.add_heading("6. Termination for Repeated Failure", level=1)
para(
    "If Hosted Runners fall below their Service Commitment in three months out of any six consecutive "
    "months, the Customer may terminate the Order on written notice, without penalty, within sixty (60) "
    "days of the third such month."
)

doc.add_heading("7. Remedies", level=1)
para(
    "Subject only to clause 6, Service Credits are the Customer's sole and exclusive remedy for any "
    "failure by Ottercombe to meet a Service Commitment or the Severity 1 resolution times in clause 2."
)

doc.save(OUT)
print(OUT)
