"""Generator for corriemoor-networks.pdf (reportlab: title page, running header on the right
"Confidential – Version 2.1", footer with only the page number).
Run: python corriemoor-networks.src.py"""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("corriemoor-networks.pdf")
W, H = A4
NAVY = colors.HexColor("#1d2b4f")
body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.8, leading=13.6, spaceAfter=6,
                      alignment=TA_JUSTIFY)
clause = ParagraphStyle("clause", parent=body, leftIndent=9 * mm, firstLineIndent=-9 * mm)
sub = ParagraphStyle("sub", parent=body, leftIndent=16 * mm, firstLineIndent=-7 * mm, spaceAfter=3)
cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.2, leading=11.5)
cellh = ParagraphStyle("cellh", parent=cell, fontName="Helvetica-Bold", textColor=colors.white)
h2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=15, textColor=NAVY,
                    spaceBefore=10, spaceAfter=5)
tp_title = ParagraphStyle("tpt", fontName="Helvetica-Bold", fontSize=26, leading=32,
                          alignment=TA_CENTER, textColor=NAVY)
tp_sub = ParagraphStyle("tps", fontName="Helvetica", fontSize=13, leading=18, alignment=TA_CENTER,
                        textColor=colors.HexColor("#444444"))
tp_meta = ParagraphStyle("tpm", fontName="Helvetica", fontSize=10.5, leading=15,
                         alignment=TA_CENTER)


def title_page(canvas, doc):
    canvas.saveState()
    canvas.setFillColor(NAVY)
    canvas.rect(0, H - 40 * mm, W, 40 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(22 * mm, H - 24 * mm, "CORRIEMOOR NETWORKS")
    canvas.restoreState()


def later_pages(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica-Oblique", 8.5)
    canvas.setFillColor(colors.HexColor("#666666"))
    canvas.drawRightString(W - 22 * mm, H - 13 * mm, "Confidential \u2013 Version 2.1")
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(W / 2, 12 * mm, str(doc.page))
    canvas.restoreState()


def grid_table(rows, widths):
    data = [[Paragraph(c, cellh if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
    t = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef1f7")]),
        ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa6c2")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return t


doc = SimpleDocTemplate(str(OUT), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                        topMargin=24 * mm, bottomMargin=22 * mm,
                        title="Corriemoor Networks - Managed Ethernet Service "
                              "Schedule", author="Corriemoor Networks Ltd")
s = [Spacer(1, 60 * mm),
     Paragraph("Managed Ethernet", tp_title), Spacer(1, 6),
     Paragraph("Service Level Schedule", tp_title), Spacer(1, 14),
     Paragraph("Schedule 2 to the Master Services Agreement between Corriemoor Networks Ltd and "
               "the Customer", tp_sub),
     Spacer(1, 40 * mm),
     Paragraph("Effective Date: 1 December 2025", tp_meta),
     Paragraph("Document reference: CMN-SLS-ETH", tp_meta),
     Paragraph("Classification: Confidential", tp_meta),
     PageBreak()]

s.append(Paragraph("1. Interpretation", h2))
s.append(Paragraph("1.1&nbsp;&nbsp;In this Schedule, \u201cCorriemoor\u201d means Corriemoor "
                   "Networks Ltd, and \u201cService\u201d means the Managed Ethernet "
                   "point-to-point and multipoint circuits listed in the Order, together with the "
                   "Corriemoor-managed edge router at each Customer site.", clause))
s.append(Paragraph("1.2&nbsp;&nbsp;\u201cOutage\u201d means a complete loss of the Service's "
                   "ability to pass traffic between two or more Customer sites, as confirmed by "
                   "Corriemoor's network management system. \u201cAvailability\u201d for a month "
                   "is the number of minutes in that month, less the minutes of Outage, expressed "
                   "as a percentage of the minutes in that month. \u201cTime to Repair\u201d is "
                   "measured from the time a fault ticket is opened under paragraph 4.1 until "
                   "Corriemoor closes it with the Service restored.", clause))

s.append(Paragraph("2. Availability Service Level", h2))
s.append(Paragraph("2.1&nbsp;&nbsp;Corriemoor shall ensure that the Service achieves Availability "
                   "of not less than 99.95% in each calendar month.", clause))
s.append(Paragraph("2.2&nbsp;&nbsp;Where Availability in a month is below 99.95%, the Customer "
                   "shall be entitled to a service credit, calculated as a percentage of the "
                   "monthly recurring charge (\u201cMRC\u201d) for the affected circuit, as "
                   "follows:", clause))
s.append(grid_table([
    ["Availability in the month", "Service credit (% of MRC)"],
    ["99.90% or more, but less than 99.95%", "5%"],
    ["99.50% or more, but less than 99.90%", "10%"],
    ["99.00% or more, but less than 99.50%", "20%"],
    ["Less than 99.00%", "30%"],
], [95 * mm, 60 * mm]))
s.append(Spacer(1, 6))
s.append(Paragraph("2.3&nbsp;&nbsp;By way of illustration: a circuit with an MRC of \u00a31,500 "
                   "that suffers 30 minutes of Outage in a 30-day month has Availability of "
                   "(43,200 \u2212 30) / 43,200 = 99.93%, and earns a credit of 5%, that is "
                   "\u00a375.", clause))

s.append(Paragraph("3. Time to Repair Service Level", h2))
s.append(Paragraph("3.1&nbsp;&nbsp;Corriemoor targets restoration of any Outage within five (5) "
                   "hours. Where the Time to Repair for a single Outage exceeds that target, the "
                   "Customer shall be entitled to a further credit in accordance with the "
                   "following table. A Time to Repair that falls exactly on a row boundary belongs "
                   "to the lower row.", clause))
s.append(grid_table([
    ["Time to Repair for the Outage", "Service credit (% of MRC)"],
    ["Up to and including 5 hours", "No credit"],
    ["More than 5 hours, up to and including 8 hours", "10%"],
    ["More than 8 hours, up to and including 12 hours", "20%"],
    ["More than 12 hours", "35%"],
], [95 * mm, 60 * mm]))
s.append(Spacer(1, 6))
s.append(Paragraph("3.2&nbsp;&nbsp;The aggregate of all service credits under paragraphs 2 and 3 "
                   "for a circuit in any calendar month shall not exceed forty percent (40%) of "
                   "the MRC for that circuit.", clause))
s.append(Paragraph("3.3&nbsp;&nbsp;Corriemoor's median Time to Repair in the 2024 financial year "
                   "was 2.4 hours, and 96% of faults were resolved without a site visit. These "
                   "statistics are not service levels.", clause))

s.append(Paragraph("4. Reporting and Claims", h2))
s.append(Paragraph("4.1&nbsp;&nbsp;The Customer shall report each Outage to the Corriemoor Network "
                   "Operations Centre by telephone or through the customer portal, and obtain a "
                   "fault ticket number, within four (4) hours of the Outage starting. An Outage "
                   "not reported within that time does not count towards any service "
                   "credit.", clause))
s.append(Paragraph("4.2&nbsp;&nbsp;The Customer shall claim service credits in writing to its "
                   "account manager within twenty-one (21) days after the fault ticket for the "
                   "Outage is closed, quoting the fault ticket number. Credits will be applied to "
                   "the next invoice following acceptance of the claim.", clause))

s.append(Paragraph("5. Planned Works", h2))
s.append(Paragraph("5.1&nbsp;&nbsp;Corriemoor may carry out planned engineering works that "
                   "interrupt the Service, provided it gives the Customer not less than one (1) "
                   "week's prior notice in writing. Emergency works needed to protect the network "
                   "may be carried out at shorter notice and are counted as Outage.", clause))

s.append(Paragraph("6. Exclusions", h2))
s.append(Paragraph("6.1&nbsp;&nbsp;No Outage shall be recorded, and no service credit shall be "
                   "payable, to the extent an interruption is caused by:", clause))
for letter, text in [
    ("(a)", "planned engineering works notified in accordance with paragraph 5.1;"),
    ("(b)", "the Customer's own equipment, cabling, power supply or configuration, or a failure by "
            "the Customer to give Corriemoor access to a site;"),
    ("(c)", "an access circuit or tail supplied by another carrier that the Customer has ordered "
            "directly and not through Corriemoor;"),
    ("(d)", "any event of Force Majeure as defined in the Master Services Agreement;"),
    ("(e)", "suspension of the Service by Corriemoor in accordance with the Master Services "
            "Agreement;"),
    ("(f)", "a distributed denial-of-service attack exceeding the mitigation capacity purchased by "
            "the Customer;"),
    ("(g)", "degradation in latency, jitter or packet loss where traffic continues to pass between "
            "Customer sites."),
]:
    s.append(Paragraph(f"{letter}&nbsp;&nbsp;{text}", sub))

s.append(Paragraph("7. Remedy", h2))
s.append(Paragraph("7.1&nbsp;&nbsp;The service credits in this Schedule are the Customer's sole "
                   "and exclusive remedy for any failure to meet a service level, save that the "
                   "Customer may terminate an affected circuit without charge if Availability is "
                   "below 99.00% in three consecutive months.", clause))

s.append(Paragraph("8. Document Control", h2))
s.append(grid_table([
    ["Version", "Approved", "Changes"],
    ["1.0", "2 May 2023", "First issue."],
    ["2.0", "16 September "
            "2024", "Time to Repair table added; claim period extended from 14 to 21 days."],
    ["2.1", "20 November "
            "2025", "Aggregate limit raised from 30% to 40%; effective from 1 December 2025."],
], [22 * mm, 38 * mm, 95 * mm]))

doc.build(s, onFirstPage=title_page, onLaterPages=later_pages)
print("wrote", OUT)
