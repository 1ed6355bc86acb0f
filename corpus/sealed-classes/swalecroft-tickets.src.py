"""Generator for swalecroft-tickets.docx (python-docx: Title style, bold run headings instead
of heading styles, a compensation table in 'Light Grid Accent 1', bullets in 'List Bullet',
company name only in the title block and the footer).
Run: /work/main/.venv/bin/python swalecroft-tickets.src.py"""
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).with_name("swalecroft-tickets.docx")
d = Document()
d.core_properties.title = "Availability and Compensation"
d.core_properties.author = "Swalecroft Ticketing Ltd"
d.sections[0].footer.paragraphs[0].text = "Swalecroft Ticketing Ltd \u00b7 Registered in England \u00b7 venues@swalecroft.example"


def heading(text):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(12)


d.add_paragraph("Swalecroft Box Office: Availability and Compensation", style="Title")
d.add_paragraph("Effective 1 February 2025. For venues on a paid Swalecroft Box Office plan.")

heading("Our commitment")
d.add_paragraph(
    "We commit to keeping the Box Office platform (online sales, the box-office terminals and the door "
    "scanning app) available 99.8% of each calendar month. Availability is the proportion of minutes in "
    "the month in which tickets could be sold and scanned, as recorded by our monitoring.")

heading("What we pay when we miss it")
d.add_paragraph(
    "If availability in a month is below 99.8%, we pay compensation in days of service. A day of service "
    "is your monthly plan fee divided by the number of days in that month. The compensation is taken off "
    "your next invoice.")
t = d.add_table(rows=1, cols=2)
t.style = "Light Grid Accent 1"
t.rows[0].cells[0].text = "Availability in the month"
t.rows[0].cells[1].text = "Compensation"
for a, c in [
    ("99.0% up to but not including 99.8%", "three (3) days of service"),
    ("97.0% up to but not including 99.0%", "one week of service"),
    ("93.0% up to but not including 97.0%", "two weeks of service"),
    ("below 93.0%", "one month of service (the full monthly fee)"),
]:
    row = t.add_row().cells
    row[0].text, row[1].text = a, c
d.add_paragraph("")
d.add_paragraph("A week of service is seven days of service; two weeks is fourteen.")

heading("Asking for compensation")
d.add_paragraph(
    "Requests for compensation must reach us within the month following the month of the outage. Use the "
    "\u201cBilling\u201d form in the venue dashboard and tell us which events or sales were affected.")

heading("Planned maintenance")
d.add_paragraph(
    "We give venues three (3) business days\u2019 notice of planned maintenance, and we never schedule it "
    "during an on-sale you have told us about. Planned maintenance is not counted as unavailability.")

heading("What is not covered")
for text in [
    "Planned maintenance notified as above.",
    "Your venue\u2019s own network or Wi-Fi, and card readers or printers we did not supply.",
    "Outages at payment service providers.",
    "Deliberate attacks such as bot floods or denial of service.",
    "Events beyond our reasonable control, such as severe weather or power cuts affecting the venue.",
]:
    d.add_paragraph(text, style="List Bullet")

heading("Nothing else is owed")
d.add_paragraph("This compensation is the only compensation we give for unavailability of the Box Office platform.")

d.save(OUT)
print("wrote", OUT)
