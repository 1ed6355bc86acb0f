"""Generator for emberlea-payments.pdf (reportlab, A4; serif body with sans headings, a
left rule beside every page, clause numbers in a hanging column built from a two-column
Table, boxed formula, footer 'EMB-SLA-07 | Page N'). Run: /work/main/.venv/bin/python emberlea-payments.src.py"""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("emberlea-payments.pdf")
W, H = A4
EMBER = colors.HexColor("#a3361d")
body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10.4, leading=13.8, spaceAfter=4)
num = ParagraphStyle("num", parent=body, fontName="Times-Bold")
h1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=16, leading=20, textColor=EMBER, spaceAfter=2)
h1b = ParagraphStyle("h1b", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=10)
h2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=10.5, leading=14, textColor=EMBER, spaceBefore=8, spaceAfter=3)
cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11.5)
cellh = ParagraphStyle("cellh", parent=cell, fontName="Helvetica-Bold")


def page(canvas, doc):
    canvas.saveState()
    canvas.setStrokeColor(EMBER)
    canvas.setLineWidth(2)
    canvas.line(13 * mm, 20 * mm, 13 * mm, H - 20 * mm)
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(20 * mm, 11 * mm, "EMB-SLA-07")
    canvas.drawRightString(W - 20 * mm, 11 * mm, f"Page {doc.page}")
    canvas.restoreState()


def clauses(items):
    data = [[Paragraph(n, num), Paragraph(t, body)] for n, t in items]
    t = Table(data, colWidths=[13 * mm, W - 40 * mm - 13 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return t


def boxed(rows, widths):
    data = [[Paragraph(c, cellh if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.7, colors.black), ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.grey),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f6e3dc")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return t


doc = SimpleDocTemplate(str(OUT), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                        bottomMargin=20 * mm, title="Merchant Services SLA", author="Emberlea Payments Limited")
s = [Paragraph("Service Level Agreement", h1),
     Paragraph("Merchant Services \u2014 Payment Gateway API and Merchant Dashboard<br/>Effective Date: 1 October 2025", h1b)]

s.append(Paragraph("1. Parties", h2))
s.append(clauses([
    ("1.1", "This Service Level Agreement is given by Emberlea Payments Limited, a company authorised as an electronic money institution (\u201cEmberlea\u201d), to each merchant that has accepted the Emberlea Merchant Terms (the \u201cMerchant\u201d)."),
    ("1.2", "Emberlea\u2019s gateway runs on servers hosted for it by Sorrelwick Cloud. Sorrelwick Cloud gives no undertaking to the Merchant under this document."),
]))

s.append(Paragraph("2. Definitions", h2))
s.append(clauses([
    ("2.1", "<b>Downtime</b> means a minute in which the relevant Service returns errors for all requests, or does not respond, as measured by Emberlea\u2019s monitoring from two independent locations."),
    ("2.2", "<b>Monthly Availability</b> means the minutes in the calendar month that were not Downtime, divided by the minutes in that month, multiplied by 100."),
    ("2.3", "<b>Monthly Fee</b> means the platform fee for the relevant Service for the month, excluding per-transaction charges and scheme fees."),
]))

s.append(Paragraph("3. Service levels", h2))
s.append(clauses([("3.1", "Emberlea will provide each Service with at least the Monthly Availability shown below.")]))
s.append(boxed([["Service", "Monthly Availability"],
                ["Payment Gateway API", "99.99%"],
                ["Merchant Dashboard", "99.5%"]], [80 * mm, 50 * mm]))
s.append(Spacer(1, 6))

s.append(Paragraph("4. Service Credits", h2))
s.append(clauses([
    ("4.1", "<b>Payment Gateway API.</b> If Monthly Availability of the Payment Gateway API is below 99.99%, the Service Credit is twenty-five (25) times the Fees attributable to the Excess Downtime. \u201cExcess Downtime\u201d is the Downtime in the month beyond the Permitted Downtime, and \u201cPermitted Downtime\u201d is the Downtime that a Monthly Availability of exactly 99.99% would allow. The Fees attributable to a period are the Monthly Fee pro-rated over the minutes in the month:"),
]))
formula = Table([[Paragraph("Service Credit = 25 \u00d7 Monthly Fee \u00d7 (Downtime minutes \u2212 Permitted Downtime minutes) \u00f7 minutes in the month", cell)]],
                colWidths=[W - 60 * mm])
formula.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, EMBER), ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
s += [formula, Spacer(1, 4)]
s.append(clauses([
    ("4.2", "By way of example, with a Monthly Fee of \u00a38,000 and 30 minutes of Downtime in a 30-day month, the Permitted Downtime is 4.32 minutes, the Excess Downtime is 25.68 minutes and the Service Credit is 25 \u00d7 \u00a38,000 \u00d7 25.68 \u00f7 43,200 = \u00a3118.89."),
    ("4.3", "<b>Merchant Dashboard.</b> If Monthly Availability of the Merchant Dashboard is below 99.5%, the Service Credit is a percentage of the Merchant Dashboard Monthly Fee, as follows:"),
]))
s.append(boxed([["Monthly Availability of the Merchant Dashboard", "Service Credit"],
                ["Less than 99.5% but more than 98.0%", "5%"],
                ["98.0% or less but more than 95.0%", "10%"],
                ["95.0% or less", "20%"]], [95 * mm, 40 * mm]))
s.append(Spacer(1, 6))
s.append(clauses([
    ("4.4", "The Service Credits for a Service in any month shall not exceed one half of the Monthly Fee for that Service."),
    ("4.5", "Service Credits are deducted from the next invoice for the Service. They are not refundable in cash."),
]))

s.append(Paragraph("5. Claims", h2))
s.append(clauses([
    ("5.1", "The Merchant shall raise an incident through the Emberlea Merchant Portal when it experiences Downtime, and shall submit any claim for a Service Credit not later than twenty-one (21) days (504 hours) after the end of the month in which the Downtime occurred."),
]))

s.append(Paragraph("6. Maintenance", h2))
s.append(clauses([("6.1", "Emberlea may carry out scheduled maintenance after giving at least forty-eight (48) hours\u2019 notice on its status page and by email. Scheduled maintenance so notified is not Downtime.")]))

s.append(Paragraph("7. Exclusions", h2))
s.append(clauses([
    ("7.1", "Downtime does not include any minute in which the failure is caused by: (a) scheduled maintenance under clause 6; (b) card schemes, issuing banks, acquirers or other payment networks; (c) the Merchant\u2019s integration, servers or misuse of its API keys; (d) denial-of-service or other attacks; (e) the sandbox environment; or (f) events beyond Emberlea\u2019s reasonable control."),
]))

s.append(Paragraph("8. Remedy", h2))
s.append(clauses([("8.1", "Service Credits are the Merchant\u2019s sole and exclusive remedy for any failure to meet the service levels in clause 3.")]))

doc.build(s, onFirstPage=page, onLaterPages=page)
print("wrote", OUT)
