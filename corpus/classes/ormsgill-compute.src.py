"""Generator for ormsgill-compute.pdf (reportlab, Times, US Letter; a cover block on page 1,
ruled tables without fills, a running footer with the schedule reference and page number).
Run: /work/main/.venv/bin/python ormsgill-compute.src.py"""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("ormsgill-compute.pdf")
W, H = LETTER
body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10.5, leading=14, spaceAfter=6, alignment=TA_JUSTIFY)
clause = ParagraphStyle("clause", parent=body, leftIndent=11 * mm, firstLineIndent=-11 * mm)
item = ParagraphStyle("item", parent=body, leftIndent=20 * mm, firstLineIndent=-8 * mm, spaceAfter=3)
h1 = ParagraphStyle("h1", fontName="Times-Bold", fontSize=17, leading=21, alignment=TA_CENTER, spaceAfter=4)
h1s = ParagraphStyle("h1s", fontName="Times-Italic", fontSize=12, leading=16, alignment=TA_CENTER, spaceAfter=2)
h2 = ParagraphStyle("h2", fontName="Times-Bold", fontSize=12, leading=16, spaceBefore=10, spaceAfter=4)
cell = ParagraphStyle("cell", fontName="Times-Roman", fontSize=10, leading=12.5)
cellb = ParagraphStyle("cellb", parent=cell, fontName="Times-Bold")


def footer(canvas, doc):
    canvas.saveState()
    canvas.setFont("Times-Roman", 8.5)
    canvas.setStrokeColor(colors.grey)
    canvas.line(20 * mm, 16 * mm, W - 20 * mm, 16 * mm)
    canvas.drawString(20 * mm, 11 * mm, "OIS-SCH4 v2.0 \u2013 Dedicated Server Service Levels")
    canvas.drawRightString(W - 20 * mm, 11 * mm, f"Page {doc.page}")
    canvas.restoreState()


def ruled(rows, widths):
    data = [[Paragraph(c, cellb if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
    t = Table(data, colWidths=widths, hAlign="CENTER")
    t.setStyle(TableStyle([
        ("LINEABOVE", (0, 0), (-1, 0), 1.1, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 1.1, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return t


def C(num, text):
    return Paragraph(f"{num}\u00a0\u00a0{text}", clause)


doc = SimpleDocTemplate(str(OUT), pagesize=LETTER, leftMargin=22 * mm, rightMargin=22 * mm,
                        topMargin=20 * mm, bottomMargin=24 * mm,
                        title="Schedule 4 - Service Levels (Dedicated Servers)",
                        author="Ormsgill Infrastructure Services Limited")
s = [
    Paragraph("SCHEDULE 4", h1),
    Paragraph("Service Levels for Dedicated Servers", h1s),
    Paragraph("to the Hosting Agreement", h1s),
    Spacer(1, 5),
    Paragraph("Effective Date: 1 September 2025 &nbsp;&nbsp;|&nbsp;&nbsp; Reference OIS-SCH4 &nbsp;&nbsp;|&nbsp;&nbsp; Version 2.0",
              ParagraphStyle("m", parent=body, alignment=TA_CENTER, fontSize=9.5)),
    Spacer(1, 8),
]

s.append(Paragraph("1. Parties and interpretation", h2))
s.append(C("1.1", "This Schedule forms part of the Hosting Agreement between Ormsgill Infrastructure Services Limited, a company registered in Scotland (\u201cOrmsgill\u201d), and the customer named in the Order Form (the \u201cCustomer\u201d). Words defined in the Hosting Agreement have the same meaning here."))
s.append(C("1.2", "The Dedicated Servers are housed in the Carnbrae data centre, a building owned and operated by Lowrie Park Facilities Ltd and leased to Ormsgill. Lowrie Park Facilities Ltd is not a party to this Schedule and gives no commitment to the Customer."))
s.append(C("1.3", "\u201cServer\u201d means a physical server dedicated to the Customer under an Order Form. \u201cMonthly Charges\u201d means the recurring monthly charges for a Server. \u201cAvailability\u201d means, for a Server and a calendar month, the minutes in which the Server could be reached from the Ormsgill network edge, divided by the minutes in the month and multiplied by 100."))

s.append(Paragraph("2. Network Availability", h2))
s.append(C("2.1", "Ormsgill shall ensure that each Server achieves Availability of at least 99.9% in each calendar month (the \u201cTarget Availability\u201d)."))
s.append(C("2.2", "Where a Server does not achieve the Target Availability in a month, the Customer is entitled to a credit against the Monthly Charges for that Server as follows:"))
s.append(ruled([
    ["Availability achieved in the month", "Credit (% of the Server\u2019s Monthly Charges)"],
    ["99.0 \u2013 99.89%", "5%"],
    ["95.0 \u2013 98.9%", "15%"],
    ["90.0 \u2013 94.9%", "30%"],
    ["Below 90.0%", "50%"],
], [75 * mm, 75 * mm]))
s.append(Spacer(1, 6))

s.append(Paragraph("3. Hardware Replacement", h2))
s.append(C("3.1", "Where a hardware component of a Server fails, Ormsgill shall replace it. The \u201cReplacement Time\u201d runs from the earlier of (a) Ormsgill\u2019s monitoring detecting the failure and (b) the Customer opening a ticket that reports it, until the Server is back in service with the replacement component fitted."))
s.append(C("3.2", "The target Replacement Time is four (4) hours. Where it is exceeded, the Customer is entitled to a further credit for that Server, according to the Replacement Time of the failure:"))
s.append(ruled([
    ["Replacement Time", "Credit (% of the Server\u2019s Monthly Charges)"],
    ["4 hours or less", "None"],
    ["More than 4 hours, up to and including 8 hours", "5%"],
    ["More than 8 hours, up to and including 24 hours", "10%"],
    ["More than 24 hours", "20%"],
], [75 * mm, 75 * mm]))
s.append(Spacer(1, 6))
s.append(C("3.3", "For information, Ormsgill\u2019s average Replacement Time across all customers during 2024 was 1 hour 52 minutes. This figure is not a service level."))

s.append(Paragraph("4. Limit on credits", h2))
s.append(C("4.1", "The total of all credits under paragraphs 2 and 3 for a Server in any calendar month shall not exceed the Monthly Charges for that Server."))
s.append(C("4.2", "Credits are applied to the invoice following the one in which the claim is accepted and are not redeemable for cash."))

s.append(Paragraph("5. Claims", h2))
s.append(C("5.1", "The Customer shall submit a written claim to its account manager no later than thirty (30) days after the end of the calendar month to which the claim relates, giving the Server identifiers and the times of the unavailability or the ticket number of the hardware failure. Ormsgill shall not be obliged to give a credit for a claim received after that date."))

s.append(Paragraph("6. Planned Maintenance", h2))
s.append(C("6.1", "Ormsgill may carry out Planned Maintenance that interrupts a Server, provided that it gives the Customer at least two weeks\u2019 notice by email to the Customer\u2019s technical contact. Minutes of Planned Maintenance so notified are not counted as minutes in which the Server could not be reached."))
s.append(C("6.2", "Ormsgill may carry out Emergency Maintenance on shorter notice where needed to protect the network. Emergency Maintenance counts against the Target Availability."))

s.append(Paragraph("7. Exclusions", h2))
s.append(C("7.1", "The Target Availability and the target Replacement Time do not apply to the extent that a failure results from:"))
for letter, text in [
    ("(a)", "Planned Maintenance notified under paragraph 6.1;"),
    ("(b)", "the operating system, applications or configuration installed on the Server by the Customer, or any act or omission of the Customer or its users;"),
    ("(c)", "the Customer\u2019s own carriers or internet connectivity outside the Ormsgill network;"),
    ("(d)", "a distributed denial-of-service attack directed at the Customer\u2019s systems;"),
    ("(e)", "suspension of the Server in accordance with the Hosting Agreement;"),
    ("(f)", "an event of Force Majeure."),
]:
    s.append(Paragraph(f"{letter}\u00a0\u00a0{text}", item))

s.append(Paragraph("8. Remedy", h2))
s.append(C("8.1", "The credits under this Schedule are the Customer\u2019s sole and exclusive remedy for any failure to meet the Target Availability or the target Replacement Time, without prejudice to the Customer\u2019s right to terminate under clause 14 of the Hosting Agreement for persistent failure."))

doc.build(s, onFirstPage=footer, onLaterPages=footer)
print("wrote", OUT)
