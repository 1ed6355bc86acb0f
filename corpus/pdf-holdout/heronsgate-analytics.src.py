"""Generator for heronsgate-analytics.pdf (reportlab, BaseDocTemplate with a two-column
definitions section). Run: python heronsgate-analytics.src.py  (writes the PDF next to it)."""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

OUT = Path(__file__).with_name("heronsgate-analytics.pdf")
W, H = A4
M = 20 * mm
GAP = 8 * mm
ss = getSampleStyleSheet()
body = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica", fontSize=9.6,
                      leading=13.2, alignment=TA_JUSTIFY, spaceAfter=6)
small = ParagraphStyle("small", parent=body, fontSize=8.6, leading=11.5,
                       textColor=colors.HexColor("#444444"))
defn = ParagraphStyle("defn", parent=body, fontSize=9, leading=12.2, spaceAfter=7)
h1 = ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=20, leading=24,
                    alignment=0, textColor=colors.HexColor("#14532d"), spaceAfter=4)
h2 = ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=12, leading=15,
                    textColor=colors.HexColor("#14532d"), spaceBefore=10, spaceAfter=5)


def decorate(canvas, doc):
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#14532d"))
    canvas.setLineWidth(0.8)
    canvas.line(M, H - 14 * mm, W - M, H - 14 * mm)
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(M, H - 12 * mm, "Heronsgate Analytics GmbH")
    canvas.drawRightString(W - M, 12 * mm, f"Page {doc.page:d}")
    canvas.drawString(M, 12 * mm, "Service Level Agreement")
    canvas.restoreState()


head_h = 78 * mm
col_w = (W - 2 * M - GAP) / 2
top = H - 20 * mm
bottom = 20 * mm
frames_defs = [
    Frame(M, top - head_h, W - 2 * M, head_h, id="head", showBoundary=0),
    Frame(M, bottom, col_w, top - head_h - bottom, id="left"),
    Frame(M + col_w + GAP, bottom, col_w, top - head_h - bottom, id="right"),
]
frame_one = [Frame(M, bottom, W - 2 * M, top - bottom, id="one")]

doc = BaseDocTemplate(str(OUT), pagesize=A4, title="Heronsgate Analytics Service Level Agreement",
                      author="Heronsgate Analytics GmbH", leftMargin=M, rightMargin=M)
doc.addPageTemplates([PageTemplate(id="defs", frames=frames_defs, onPage=decorate),
                      PageTemplate(id="one", frames=frame_one, onPage=decorate)])

s = []
s.append(Paragraph("Service Level Agreement", h1))
s.append(Paragraph("Heronsgate Analytics &mdash; hosted dashboards, query engine and data "
                   "connectors", body))
s.append(Paragraph("<b>Effective Date:</b> 3 November 2025 &nbsp;&nbsp; <b>Document:</b> "
                   "HGA-LEG-07", body))
s.append(Paragraph(
    "This Service Level Agreement (the \"SLA\") is part of the Heronsgate Subscription Terms "
    "between Heronsgate Analytics GmbH (\"Heronsgate\") and the customer named in the Order Form "
    "(\"Customer\"). It describes the Uptime Commitment that applies to each subscription plan and "
    "the credits available when a commitment is not met. Capitalised terms are defined in Section "
    "1 below or in the Subscription Terms.", body))
s.append(Paragraph(
    "Over the past year the 95th-percentile query latency on the Team plan stayed under 2 seconds "
    "and connector syncs succeeded 99.6% of the time. These are measurements, not "
    "commitments.", small))
s.append(FrameBreak())
s.append(Paragraph("1. Definitions", h2))
defs = [
    ("Account", "the Customer's tenant on the Service, identified by a workspace ID."),
    ("Billing "
     "Month", "a calendar month for which a Subscription Fee is charged, whether invoiced monthly "
              "or annually (annual fees are divided by twelve)."),
    ("Business Day", "any day other than a Saturday, Sunday or public holiday in Berlin, Germany."),
    ("Connector", "an integration maintained by Heronsgate that copies data from a source system "
                  "into the Service on a schedule."),
    ("Downtime", "a period of at least one minute in which the Service's web application and query "
                 "API both return errors or fail to respond to Heronsgate's health checks, as "
                 "recorded by Heronsgate's monitoring system, excluding the events listed in "
                 "Section 5."),
    ("Labs "
     "Feature", "a capability marked \"Labs\" in the user interface or documentation, offered for "
                "evaluation before general availability."),
    ("Monthly "
     "Uptime", "the total minutes in a Billing Month less the minutes of Downtime, divided by the "
               "total minutes in that Billing Month and multiplied by 100."),
    ("Plan", "the subscription plan recorded on the Order Form: Starter, Team or Enterprise. The "
             "free Community edition is not a Plan for the purposes of this SLA."),
    ("Scheduled "
     "Maintenance", "work on the Service announced to the Customer's administrators under Section "
                    "4."),
    ("Service", "the hosted Heronsgate analytics platform, including dashboards, the query engine, "
                "the query API and Connectors, in the Region selected by the Customer."),
    ("Service "
     "Credit", "an amount, expressed as a percentage of the Subscription Fee for the affected "
               "Billing Month, that Heronsgate deducts from a future invoice."),
    ("Subscription "
     "Fee", "the fee for the Plan for one Billing Month, excluding taxes, professional services "
            "and overage charges."),
    ("Uptime Commitment", "the minimum Monthly Uptime stated for a Plan in Section 2."),
]
for term, text in defs:
    s.append(Paragraph(f"<b>\u201c{term}\u201d</b> means {text}", defn))
s.append(NextPageTemplate("one"))
s.append(PageBreak())

s.append(Paragraph("2. Uptime Commitment", h2))
s.append(Paragraph("Heronsgate will use commercially reasonable efforts to make the Service "
                   "available with the following Monthly Uptime for each Plan:", body))
t = Table([["Plan", "Uptime Commitment", "Typical use"],
           ["Starter", "99.5%", "Small teams, up to 10 editors"],
           ["Team", "99.9%", "Departments, up to 100 editors"],
           ["Enterprise", "99.95%", "Organisation-wide deployments"]],
          colWidths=[40 * mm, 45 * mm, 85 * mm])
t.setStyle(TableStyle([
    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
    ("FONT", (0, 1), (-1, -1), "Helvetica", 9.5),
    ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#5b7d67")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dcebdf")),
    ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]))
s.append(t)
s.append(Spacer(1, 8))
s.append(Paragraph("3. Service Credits", h2))
s.append(Paragraph(
    "If Monthly Uptime for the Customer's Plan is lower than that Plan's Uptime Commitment but is "
    "still 99.0% or more, Heronsgate will grant a Service Credit of 10% of the Subscription Fee. "
    "If Monthly Uptime is lower than 99.0% but is 97.0% or more, the Service Credit is 25%. If "
    "Monthly Uptime is lower than 97.0%, the Service Credit is 50%. Monthly Uptime that equals the "
    "Uptime Commitment does not give rise to a Service Credit.", body))
s.append(Paragraph(
    "For example, an Enterprise customer whose Service records 25 minutes of Downtime in a 30-day "
    "Billing Month has a Monthly Uptime of (43,200 &minus; 25) / 43,200 &times; 100 = 99.942%. "
    "That is lower than 99.95% but 99.0% or more, so the Service Credit is 10% of the Subscription "
    "Fee. The same 25 minutes would not breach the Team or Starter commitments.", body))
s.append(Paragraph(
    "To request a Service Credit, the Customer's administrator must submit the request through the "
    "Heronsgate Help Centre within twenty (20) Business Days after the end of the Billing Month in "
    "which the Downtime occurred, stating the workspace ID, the Plan and the dates and times of "
    "the Downtime. Heronsgate will respond within fifteen (15) Business Days.", body))
s.append(Paragraph("4. Scheduled Maintenance", h2))
s.append(Paragraph(
    "Heronsgate will give administrators at least three (3) Business Days' notice of Scheduled "
    "Maintenance by email and in the product. Scheduled Maintenance is limited to eight hours per "
    "Billing Month and is normally performed on Sundays between 02:00 and 06:00 CET.", body))
s.append(Paragraph("5. Exclusions", h2))
s.append(Paragraph(
    "Downtime does not include unavailability that results from Scheduled Maintenance; from the "
    "Customer's own data sources, credentials, network, browser extensions or from queries that "
    "the Customer writes in a way the documentation advises against; or from the failure of a "
    "source system, cloud warehouse or identity provider that Heronsgate does not operate, "
    "including where a Connector cannot reach it.", body))
s.append(Paragraph(
    "Labs Features and the Community edition carry no Uptime Commitment. Periods in which the "
    "Customer has exhausted the monthly query-compute allowance of its Plan and queries are paused "
    "are not Downtime. Delays in dashboard data freshness, where a Connector sync completes later "
    "than scheduled but the Service itself is reachable, are also not Downtime.", body))
s.append(Paragraph("6. General", h2))
s.append(Paragraph(
    "Service Credits will be deducted from the next invoice after approval and are not refundable "
    "in cash. Heronsgate may amend this SLA by giving thirty (30) days' notice; amendments do not "
    "apply to the Billing Month in progress. Customers on annual prepayment receive 2 months free "
    "compared with monthly billing.", body))
doc.build(s)
print("wrote", OUT)
