"""Generator for marlpit-hosting.pdf (reportlab SimpleDocTemplate; every table is set as
aligned text columns with NO ruling lines). Run: python marlpit-hosting.src.py"""
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("marlpit-hosting.pdf")
body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10.5, leading=14, spaceAfter=7)
cell = ParagraphStyle("cell", fontName="Times-Roman", fontSize=10, leading=12.5)
cellb = ParagraphStyle("cellb", parent=cell, fontName="Times-Bold")
title = ParagraphStyle("title", fontName="Times-Bold", fontSize=18, leading=22, spaceAfter=2)
sub = ParagraphStyle("sub", fontName="Times-Italic", fontSize=10.5, leading=13, spaceAfter=12)
h2 = ParagraphStyle("h2", fontName="Times-Bold", fontSize=12.5, leading=16, spaceBefore=10,
                    spaceAfter=4)

# No GRID, BOX, LINEABOVE or LINEBELOW anywhere: alignment and spacing only.
PLAIN = [("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
         ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
         ("BOTTOMPADDING", (0, 0), (-1, 0), 8)]


def plain_table(rows, widths, right_cols=()):
    data = [[Paragraph(str(c), cellb if r == 0 else cell) for c in row]
            for r, row in enumerate(rows)]
    t = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    t.setStyle(TableStyle(PLAIN))
    return t


def footer(canvas, doc):
    canvas.saveState()
    canvas.setFont("Times-Roman", 8.5)
    canvas.drawCentredString(A4[0] / 2, 12 * mm,
                             f"Marlpit Hosting \u00b7 Uptime Guarantee \u00b7 {doc.page:d}")
    canvas.restoreState()


doc = SimpleDocTemplate(str(OUT), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                        topMargin=22 * mm, bottomMargin=22 * mm,
                        title="Marlpit Hosting Uptime Guarantee", author="Marlpit Hosting")
s = []
s.append(Paragraph("Marlpit Hosting Uptime Guarantee", title))
s.append(Paragraph("Version 3.2 \u2014 in force from 1 August 2025. Applies to Managed WordPress "
                   "and Managed WooCommerce plans.", sub))
s.append(Paragraph("1. What we guarantee", h2))
s.append(Paragraph(
    "Marlpit Hosting Ltd (\u201cMarlpit\u201d, \u201cwe\u201d) guarantees that each production "
    "website hosted on a paid Managed WordPress or Managed WooCommerce plan will be up for at "
    "least 99.9% of every billing month. A site is \u201cdown\u201d during any minute in which our "
    "uptime checker, requesting the site's home page from two continents, receives no HTTP "
    "response or a 5xx response from both locations. Uptime for a month is the minutes the site "
    "was not down, divided by all minutes in that month, shown as a percentage.", body))
s.append(Paragraph(
    "For reference, our fleet averaged 99.982% uptime across 2024, and 99.99% of nightly backups "
    "completed successfully. Those are results, not part of the guarantee.", body))
s.append(Paragraph("2. What you get if we miss it", h2))
s.append(Paragraph(
    "If a site's uptime in a billing month is lower than 99.9%, we add free days of service to the "
    "end of that site's current billing period. Uptime of exactly 99.9% meets the "
    "guarantee.", body))
s.append(plain_table([
    ["Uptime in the billing month", "Free service added to your billing period"],
    ["99.5% up to, but not including, 99.9%", "2 days"],
    ["99.0% up to, but not including, 99.5%", "5 days"],
    ["97.0% up to, but not including, 99.0%", "10 days"],
    ["Under 97.0%", "30 days"],
], [75 * mm, 75 * mm]))
s.append(Spacer(1, 6))
s.append(Paragraph(
    "<b>Worked example.</b> Your shop is down for 300 minutes in a 31-day billing month. Uptime is "
    "(44,640 \u2212 300) \u00f7 44,640 = 99.33%, which is 99.0% up to, but not including, 99.5%, "
    "so five days are added to the end of your billing period. If you pay monthly, that is worth "
    "about 5/31 of your monthly fee.", body))
s.append(Paragraph("3. How to ask for it", h2))
s.append(Paragraph(
    "Send a request from the My Marlpit dashboard (Billing \u2192 Uptime Guarantee) naming the "
    "site and the days on which it was down. Requests must reach us by the end of the second "
    "billing cycle after the one in which the downtime happened; after that the free days are "
    "forfeited. You do not need to open a support ticket first, but if you did, quote its number "
    "to speed things up.", body))
s.append(Paragraph("4. Planned maintenance", h2))
s.append(Paragraph(
    "When we need to take servers offline for planned work we post a notice in the dashboard and "
    "email the account owner at least 24 hours beforehand. We keep planned work to the quietest "
    "hours of your site's data-centre region.", body))
s.append(Paragraph("5. When the guarantee does not apply", h2))
s.append(Paragraph("Minutes in the situations below are not counted as down:", body))
s.append(plain_table([
    ["Situation", "What it covers"],
    ["Planned maintenance", "Work announced at least 24 hours ahead as described in Section 4."],
    ["Your "
     "changes", "Plugins, themes, custom code, PHP settings or DNS records that you or your "
                "developers installed or changed."],
    ["Outside "
     "providers", "Domain registrars, external DNS hosts, payment gateways, CDNs you chose and "
                  "other services we do not run."],
    ["Attacks", "Denial-of-service floods, brute-force login campaigns and similar malicious "
                "traffic, even where we mitigate them."],
    ["Plan "
     "limits", "Your site being throttled or paused because it went over the visits, bandwidth or "
               "storage allowance of its plan."],
    ["Staging and "
     "trials", "Staging copies, free 14-day trials and features we label \u201cbeta\u201d."],
    ["Suspension", "Any time your account is suspended for non-payment or for breaking our "
                   "Acceptable Use Policy."],
    ["Major "
     "events", "Anything beyond our reasonable control, such as natural disasters, war, pandemic "
               "or an outage of the regional power grid."],
    ["Email "
     "delivery", "Delays in delivery of outgoing email sent by your site, while the site itself is "
                 "up."],
], [42 * mm, 113 * mm]))
s.append(Paragraph("6. Your other rights", h2))
s.append(Paragraph(
    "Free days of service are offered in addition to, and not instead of, your other rights. "
    "Nothing in this guarantee limits or excludes any remedy you have under your hosting agreement "
    "or under consumer law.", body))
s.append(Paragraph("7. Changes to this document", h2))
s.append(plain_table([
    ["Version", "Date", "Summary"],
    ["3.2", "1 August 2025", "WooCommerce plans added; 30-day tier introduced."],
    ["3.1", "3 February 2025", "Claim period changed to the end of the second billing cycle."],
    ["3.0", "12 June 2024", "Guarantee raised from 99.5% to 99.9%."],
    ["2.0", "20 March 2023", "Free days replaced percentage refunds of 10% and 25%."],
], [20 * mm, 35 * mm, 100 * mm]))
s.append(Spacer(1, 10))
s.append(Paragraph("Marlpit Hosting Ltd, Unit 4, Quarry Yard, Bath BA2 3QT. Prices from \u00a39 a "
                   "month; save 15% when you pay yearly.", cell))
doc.build(s, onFirstPage=footer, onLaterPages=footer)
print("wrote", OUT)
