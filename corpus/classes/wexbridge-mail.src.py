"""Generator for wexbridge-mail.pdf (reportlab, A4, Helvetica; coloured header band on every
page with the product name, a shaded per-service table, an 'At a glance' box, footer with
copyright). Run: /work/main/.venv/bin/python wexbridge-mail.src.py"""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("wexbridge-mail.pdf")
W, H = A4
TEAL = colors.HexColor("#0f6e6e")
body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.6, leading=13.2, spaceAfter=5)
bullet = ParagraphStyle("bullet", parent=body, leftIndent=6 * mm, bulletIndent=1.5 * mm, spaceAfter=2)
h1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22, textColor=TEAL, spaceAfter=3)
h2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11, leading=14, textColor=TEAL, spaceBefore=9, spaceAfter=3)
small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555"))
cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11.5)
cellh = ParagraphStyle("cellh", parent=cell, fontName="Helvetica-Bold", textColor=colors.white)


def chrome(canvas, doc):
    canvas.saveState()
    canvas.setFillColor(TEAL)
    canvas.rect(0, H - 14 * mm, W, 14 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(18 * mm, H - 9 * mm, "WEXBRIDGE HOSTED EMAIL")
    canvas.setFont("Helvetica", 9)
    canvas.drawRightString(W - 18 * mm, H - 9 * mm, "Service Description & SLA")
    canvas.setFillColor(colors.HexColor("#777777"))
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(18 * mm, 10 * mm, "\u00a9 2025 Wexbridge Communications Ltd. Registered office: 7 Mill Yard, Kendal.")
    canvas.drawRightString(W - 18 * mm, 10 * mm, f"{doc.page}")
    canvas.restoreState()


def shaded(rows, widths):
    data = [[Paragraph(c, cellh if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), TEAL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.HexColor("#e8f3f3"), colors.white]),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9cc")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return t


doc = SimpleDocTemplate(str(OUT), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                        topMargin=22 * mm, bottomMargin=18 * mm,
                        title="Wexbridge Hosted Email - Service Description and SLA",
                        author="Wexbridge Communications Ltd")
s = [Paragraph("Hosted Email: Service Description and SLA", h1),
     Paragraph("Effective 1 May 2025 \u2022 applies to all paid Wexbridge Mail subscriptions", small),
     Spacer(1, 6)]

glance = Table([[Paragraph("<b>At a glance</b><br/>Mailbox Service: 99.9% monthly availability.<br/>"
                           "Archiving: 99.5% monthly availability.<br/>Claims: within 14 days of month end.", cell)]],
               colWidths=[W - 36 * mm])
glance.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, TEAL), ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4fafa")),
                            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
s += [glance, Spacer(1, 6)]

s.append(Paragraph("1. The services", h2))
s.append(Paragraph("The <b>Mailbox Service</b> is IMAP and POP access, authenticated SMTP submission, webmail and mobile sync for each mailbox. "
                   "<b>Archiving</b> is the journal archive that keeps a copy of every message and lets administrators search and export it.", body))

s.append(Paragraph("2. Availability commitments", h2))
s.append(Paragraph("Wexbridge commits to 99.9% monthly availability of the Mailbox Service and 99.5% monthly availability of Archiving. "
                   "Availability is the percentage of minutes in the calendar month that were not Downtime. <b>Downtime</b> is a minute in which "
                   "users on a correctly configured client cannot log in, send or receive, or, for Archiving, in which administrators cannot run a search.", body))
s.append(Paragraph("Our status page (status.wexbridge.example) currently shows 99.99% for the last 30 days. Status page figures are informational "
                   "and are not used to calculate credits.", body))

s.append(Paragraph("3. Credits", h2))
s.append(Paragraph("If a service misses its monthly commitment, you receive a credit for that service for every hour of Downtime in the month:", body))
s.append(shaded([
    ["Service", "Commitment", "Credit for each hour of Downtime", "Part hours"],
    ["Mailbox Service", "99.9%", "10% of the monthly Mailbox Service fee", "each hour or part thereof counts as a full hour"],
    ["Archiving", "99.5%", "5% of the monthly Archiving fee", "only full hours count; part hours are ignored"],
], [32 * mm, 24 * mm, 58 * mm, 60 * mm]))
s.append(Spacer(1, 5))
s.append(Paragraph("Downtime is added up over the whole month before the hours are counted. The total credit for a service in a month is "
                   "limited to the monthly fee for that service.", body))

s.append(Paragraph("4. Claiming", h2))
s.append(Paragraph("Send your claim to accounts@wexbridge.example within fourteen (14) calendar days (336 hours) after the end of the affected month, "
                   "with the domain name, the service affected and the approximate times of Downtime. Credits are applied to the following invoice.", body))

s.append(Paragraph("5. Maintenance", h2))
s.append(Paragraph("Planned maintenance takes place on Saturday nights after three (3) days\u2019 notice to your administrator contact and is not Downtime.", body))

s.append(KeepTogether([
    Paragraph("6. What is not Downtime", h2),
    Paragraph("Minutes are not counted as Downtime when the problem is caused by:", body),
    Paragraph("planned maintenance notified as in section 5;", bullet, bulletText="\u2022"),
    Paragraph("your mail clients, devices, or DNS records that you manage yourself;", bullet, bulletText="\u2022"),
    Paragraph("delays or rejections by recipient mail servers elsewhere on the internet;", bullet, bulletText="\u2022"),
    Paragraph("spam floods, denial-of-service attacks or similar hostile traffic;", bullet, bulletText="\u2022"),
    Paragraph("an account that we have suspended under the subscription terms.", bullet, bulletText="\u2022"),
]))

s.append(Paragraph("7. Remedy", h2))
s.append(Paragraph("These credits are your only remedy for Downtime.", body))

doc.build(s, onFirstPage=chrome, onLaterPages=chrome)
print("wrote", OUT)
