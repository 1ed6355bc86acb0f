"""Generator for penhallow-voice.docx (python-docx: Word heading styles, a two-column
definitions table, numbered paragraphs typed as text, a header and a footer).
Run: /work/main/.venv/bin/python penhallow-voice.src.py"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("penhallow-voice.docx")
d = Document()
for sec in d.sections:
    sec.left_margin = sec.right_margin = Cm(2.3)
    sec.header.paragraphs[0].text = "Penhallow Telecom Ltd \u2014 Commercial in confidence"
    sec.footer.paragraphs[0].text = "Hosted Voice Service Schedule \u2014 Version 3"
    sec.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
d.styles["Normal"].font.name = "Calibri"
d.styles["Normal"].font.size = Pt(10.5)
d.core_properties.title = "Hosted Voice Service Schedule"
d.core_properties.author = "Penhallow Telecom Ltd"

d.add_heading("Hosted Voice Service Schedule", level=0)
d.add_paragraph("Schedule 2 \u2014 Service Availability and Compensation")
d.add_paragraph("Version 3, effective 14 April 2025")

d.add_heading("1. Introduction", level=1)
d.add_paragraph(
    "1.1 This Schedule forms part of the agreement between Penhallow Telecom Ltd (\u201cPenhallow\u201d, "
    "\u201cwe\u201d) and the Customer for the Hosted Voice Platform. It sets out the availability Penhallow "
    "commits to and the compensation Penhallow pays when that commitment is missed.")
d.add_paragraph(
    "1.2 This Schedule uses the word \u201ccompensation\u201d throughout. No separate credit note is issued: "
    "compensation that has been agreed is deducted from the Customer\u2019s next invoice.")

d.add_heading("2. Definitions", level=1)
t = d.add_table(rows=1, cols=2)
t.style = "Table Grid"
t.rows[0].cells[0].text = "Term"
t.rows[0].cells[1].text = "Meaning"
for term, meaning in [
    ("Hosted Voice Platform", "The call control, voicemail, hunt group and auto-attendant functions hosted in Penhallow\u2019s core network."),
    ("Downtime", "A period during which calls can be neither set up nor received on any of the Customer\u2019s lines, as recorded in a Fault Ticket."),
    ("Fault Ticket", "The record opened by the Penhallow Service Desk when the Customer reports a fault."),
    ("Monthly Charges", "The recurring seat rental for the Hosted Voice Platform for the month, excluding call charges and one-off fees."),
    ("Availability", "(minutes in the month \u2212 minutes of Downtime) \u00f7 minutes in the month \u00d7 100."),
]:
    row = t.add_row().cells
    row[0].text, row[1].text = term, meaning

d.add_heading("3. Availability commitment", level=1)
d.add_paragraph("3.1 Penhallow will make the Hosted Voice Platform available for at least 99.95% of each calendar month.")

d.add_heading("4. Compensation", level=1)
d.add_paragraph(
    "4.1 If Availability in a calendar month is below 99.95%, Penhallow will pay the Customer compensation "
    "equal to ten (10) times the Monthly Charges attributable to the total Downtime in that month, that is:")
p = d.add_paragraph("Compensation = 10 \u00d7 Monthly Charges \u00d7 (minutes of Downtime \u00f7 minutes in the month)")
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
d.add_paragraph("4.2 Compensation in any month is limited to one quarter of the Monthly Charges for that month.")
d.add_paragraph(
    "4.3 Worked example: with Monthly Charges of \u00a31,200 and 60 minutes of Downtime in a 30-day month, "
    "Availability is 99.861% and the compensation is 10 \u00d7 \u00a31,200 \u00d7 60 \u00f7 43,200 = \u00a316.67.")

d.add_heading("5. Reporting and claims", level=1)
d.add_paragraph(
    "5.1 The Customer must report Downtime to the Penhallow Service Desk within twenty-four (24) hours of its "
    "start so that a Fault Ticket can be opened. Downtime that is not reported within that time is not counted.")
d.add_paragraph(
    "5.2 Claims for compensation must be submitted in writing within the month following the month in which "
    "the Downtime occurred, quoting the Fault Ticket references.")
d.add_paragraph("5.3 Penhallow will confirm the compensation it accepts within ten (10) business days of receiving a claim.")

d.add_heading("6. Planned engineering works", level=1)
d.add_paragraph(
    "6.1 Penhallow may carry out planned engineering works between 00:00 and 06:00 on not less than 5 business "
    "days\u2019 notice. Planned engineering works notified in this way are not Downtime.")

d.add_heading("7. Exclusions", level=1)
d.add_paragraph("7.1 Downtime does not include any period in which calls fail because of:")
for text in [
    "(a) planned engineering works notified under paragraph 6.1;",
    "(b) the Customer\u2019s handsets, local area network, firewall or configuration changes made by the Customer;",
    "(c) a fault in another operator\u2019s network, including the public telephone network beyond Penhallow\u2019s interconnect;",
    "(d) a denial-of-service attack on Penhallow\u2019s network or the Customer\u2019s lines;",
    "(e) any event beyond Penhallow\u2019s reasonable control.",
]:
    d.add_paragraph(text, style="List Paragraph")

d.add_heading("8. Remedy", level=1)
d.add_paragraph("8.1 Compensation under this Schedule is the Customer\u2019s sole financial remedy for Downtime.")

d.save(OUT)
print("wrote", OUT)
