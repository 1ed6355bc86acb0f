"""Builds halsworth-vault.pdf (fictional backup-as-a-service SLA) with reportlab.

Run: /work/main/.venv/bin/python halsworth-vault.src.py
"""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("halsworth-vault.pdf")

styles = getSampleStyleSheet()
body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=9.5, leading=13)
h1 = ParagraphStyle("h1", parent=styles["Heading1"], fontName="Helvetica-Bold", fontSize=15, spaceAfter=4)
h2 = ParagraphStyle("h2", parent=styles["Heading2"], fontName="Helvetica-Bold", fontSize=11, spaceBefore=8, spaceAfter=3)
small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#333333"))


def footer(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(18 * mm, 10 * mm, "Halsworth Vault - Service Level Schedule HV-SLA v2.3 - issued 12 September 2025")
    canvas.drawRightString(192 * mm, 10 * mm, f"Page {doc.page}")
    canvas.line(18 * mm, 13 * mm, 192 * mm, 13 * mm)
    canvas.restoreState()


def table(rows, widths):
    t = Table(rows, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#667788")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def P(text, style=body):
    return Paragraph(text, style)

story = [
    P("Halsworth Vault Service Level Schedule", h1),
    P("Effective Date: 1 October 2025", small),
    Spacer(1, 6),
    P("This Schedule is issued by Halsworth Data Protection plc (\"Halsworth\") and forms part of the "
      "Halsworth Vault Customer Agreement (the \"Agreement\"). It applies to paid Halsworth Vault "
      "subscriptions. Capitalised terms not defined here have the meaning given in the Agreement."),

    P("1. Services and Target Availability", h2),
    P("1.1 Halsworth Vault consists of the <b>Backup Ingest</b> service, which receives, deduplicates "
      "and stores backup data sent by the Halsworth agent or by the Customer's own backup software, and "
      "the <b>Recovery Portal</b>, through which the Customer browses restore points and starts restores."),
    P("1.2 Halsworth commits that Backup Ingest will have a Monthly Availability of no less than 99.9%, and "
      "that the Recovery Portal will have a Monthly Availability of no less than 99.5% (each a \"Target "
      "Availability\")."),
    P("1.3 \"Monthly Availability\" means the minutes in a calendar month in which the relevant service is "
      "not Unavailable, divided by all minutes in that month, expressed as a percentage. A service is "
      "\"Unavailable\" during any period of five or more consecutive minutes in which Halsworth's monitoring "
      "records that it refuses or fails all connection attempts from correctly configured agents (for Backup "
      "Ingest) or fails to load for authenticated users (for the Recovery Portal)."),
    P("1.4 The following are design objectives only and are not commitments under this Schedule: a storage "
      "durability of 99.999999999% per object per year; a recovery point objective of 15 minutes for "
      "continuous protection policies; and a backup job success rate of at least 98% across the Customer's "
      "estate. No Service Credit attaches to any of them."),

    P("2. Service Credits for availability", h2),
    P("2.1 If a service does not meet its Target Availability in a calendar month, the Customer may claim "
      "a Service Credit, calculated as a percentage of the Monthly Fee for that service, according to "
      "Table 1. \"A\" is the service's Monthly Availability."),
    Spacer(1, 3),
    P("<b>Table 1 - Availability Service Credits</b>", small),
    table([
        ["Monthly Availability (A)", "Service Credit (% of Monthly Fee)"],
        ["99.0% <= A < Target Availability", "10%"],
        ["97.0% <= A < 99.0%", "20%"],
        ["90.0% <= A < 97.0%", "30%"],
        ["A < 90.0%", "50%"],
    ], [70 * mm, 70 * mm]),
    Spacer(1, 6),

    P("3. Service Credits for Assisted Restores", h2),
    P("3.1 Where the Customer asks Halsworth's recovery team to carry out an Assisted Restore of a full "
      "system or data set held in Halsworth Vault, the \"Restore Time\" runs from Halsworth's written "
      "acknowledgement of the request until the restored data is available to the Customer at the agreed "
      "location. Service Credits for Restore Time are set out in Table 2 and are calculated on the Monthly "
      "Fee for Backup Ingest."),
    Spacer(1, 3),
    P("<b>Table 2 - Restore Time Service Credits</b>", small),
    table([
        ["Restore Time", "Service Credit"],
        ["Up to and including 4 hours", "None"],
        ["More than 4 hours, up to and including 12 hours", "5%"],
        ["More than 12 hours, up to and including 24 hours", "15%"],
        ["More than 24 hours", "30%"],
    ], [90 * mm, 50 * mm]),
    Spacer(1, 6),

    P("4. Limits", h2),
    P("4.1 The aggregate of all Service Credits for a calendar month shall not exceed thirty-five percent "
      "(35%) of the Monthly Fee for the affected service."),
    P("4.2 No Service Credit will be issued where the amount due for a month would be less than GBP 25."),
    P("4.3 Service Credits are deducted from the next invoice and have no cash value."),

    P("5. Claims", h2),
    P("5.1 To be eligible, the Customer must first log an incident with the Halsworth Service Desk within "
      "twenty-four (24) hours of becoming aware of the Unavailability or the delayed restore."),
    P("5.2 The Customer must then make its claim in writing, by letter or through the support portal, within "
      "forty-five (45) days from the date of the incident. The claim must give the incident reference, the "
      "affected service, the account identifier and the periods of Unavailability or the restore concerned."),

    P("6. Exclusions", h2),
    P("6.1 Unavailability and Restore Time do not include time attributable to:"),
    P("(a) Scheduled Maintenance notified to the Customer not less than 48 hours in advance;", body),
    P("(b) agents that the Customer has not upgraded to a supported version within 90 days of release, or "
      "the Customer's network, firewall rules, credentials or encryption keys;"),
    P("(c) the Customer's Internet service provider or the public cloud platforms and SaaS applications "
      "from which the Customer's data is collected;"),
    P("(d) circumstances beyond Halsworth's reasonable control, including fire, flood, war, industrial action "
      "and the failure of public utilities;"),
    P("(e) suspension of the Customer's account under the Agreement, including for non-payment;"),
    P("(f) stored data exceeding the storage quota purchased by the Customer."),

    P("7. Support", h2),
    table([
        ["Priority", "Description", "Initial response"],
        ["P1", "Restore needed to recover a production outage", "30 minutes"],
        ["P2", "Backups failing for a whole site", "2 hours"],
        ["P3", "Individual job or agent failures", "8 hours"],
        ["P4", "General questions", "2 Business Days"],
    ], [18 * mm, 95 * mm, 35 * mm]),
    Spacer(1, 6),

    P("8. Termination and remedies", h2),
    P("8.1 If Backup Ingest has a Monthly Availability below 97.0% in two consecutive calendar months, the "
      "Customer may terminate the affected subscription on written notice given within 30 days."),
    P("8.2 Save for the right in clause 8.1, Service Credits are the Customer's sole and exclusive remedy "
      "for any failure to meet a Target Availability or a Restore Time."),
    Spacer(1, 10),
    P("Halsworth Data Protection plc, 4 Tanner's Yard, Leeds. Enquiries: sla@halsworth-vault.example", small),
]

doc = SimpleDocTemplate(str(OUT), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                        topMargin=18 * mm, bottomMargin=20 * mm,
                        title="Halsworth Vault Service Level Schedule", author="Halsworth Data Protection plc")
doc.build(story, onFirstPage=footer, onLaterPages=footer)
print(f"wrote {OUT}")
