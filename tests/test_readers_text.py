"""Plain-text layout: headings, wrapped lines, lists and aligned tables."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.extract.readers import read_bytes


def blocks(text: str, name: str = "t.txt") -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read_bytes(Path(name), text.encode()).blocks]


@pytest.mark.parametrize("text,expected", [
    ("Things that do not count\n------------------------\nOutages are counted.\n",
     [("heading", "Things that do not count"), ("paragraph", "Outages are counted.")]),
    ("Intro line.\n\nWhat you get if we miss it\n\nWe add days.\n",
     [("paragraph", "Intro line."), ("heading", "What you get if we miss it"),
      ("paragraph", "We add days.")]),
    ("Intro.\n\nDoes maintenance count as downtime?\n\nNo.\n",
     [("paragraph", "Intro."), ("heading", "Does maintenance count as downtime?"),
      ("paragraph", "No.")]),
    ("4.1 Ceiling. However many incidents occur, the Service Credits for a single\n"
     "Billing Month will never add up to more than 50% of the fee.\n",
     [("paragraph", "4.1 Ceiling. However many incidents occur, the Service Credits for a single "
                    "Billing Month will never add up to more than 50% of the fee.")]),
    ("If it is lower still, your renewal date moves back by ten\n(10) days. Only one applies.\n",
     [("paragraph", "If it is lower still, your renewal date moves back by ten (10) days. "
                    "Only one applies.")]),
    ("1. planned maintenance;\n2. attacks.\n8. THE LIMIT OF OUR RESPONSIBILITY\nText.\n",
     [("list_item", "planned maintenance;"), ("list_item", "attacks."),
      ("heading", "8. THE LIMIT OF OUR RESPONSIBILITY"), ("paragraph", "Text.")]),
])
def test_layout(text, expected):
    assert blocks(text) == expected


def test_whitespace_aligned_table():
    text = ("Monthly Uptime Percentage     Service Credit\n"
            "-------------------------     --------------\n"
            "99.5% - less than 99.8%       3%\n"
            "less than 99.5%               10%\n")
    (table,) = read_bytes(Path("t.txt"), text.encode()).blocks
    assert [r.texts for r in table.rows] == [
        ["Monthly Uptime Percentage", "Service Credit"], ["99.5% - less than 99.8%", "3%"],
        ["less than 99.5%", "10%"]]


def test_placeholders_resolve_in_every_format_and_are_remembered():
    html = (b"<html><body><p>{{site.data.keyword.cloud_notm}} provides 99.9% uptime.</p>"
            b"</body></html>")
    doc = read_bytes(Path("t.html"), html)
    assert doc.blocks[0].text == "cloud provides 99.9% uptime."
    assert doc.meta["placeholders"] == {"site.data.keyword.cloud_notm": "cloud"}


def test_raw_html_tables_and_tags_inside_markdown():
    text = ("Targets:\n\n<table>\n<tr><th>Component</th><th>Uptime target</th></tr>\n"
            "<tr><td>Ingest API<br><code>POST /v1</code></td><td>99.95%</td></tr>\n</table>\n\n"
            "Credits are <strong>5%</strong> per point<sup>†</sup>.\n")
    doc = read_bytes(Path("t.md"), text.encode())
    (table,) = [b for b in doc.blocks if b.is_table]
    assert [r.texts for r in table.rows] == [["Component", "Uptime target"],
                                             ["Ingest API POST /v1", "99.95%"]]
    assert doc.blocks[-1].text == "Credits are 5% per point†."


def test_a_long_numbered_line_ending_mid_sentence_is_not_a_heading():
    text = ("3.2 Notwithstanding paragraph 3.1, the total Service Credits for any\n"
            "calendar month shall not exceed twenty-five per cent (25%) of the Monthly Charges.\n")
    assert blocks(text) == [("paragraph", "3.2 Notwithstanding paragraph 3.1, the total Service "
                                          "Credits for any calendar month shall not exceed "
                                          "twenty-five per cent (25%) of the Monthly Charges.")]
