"""The HTML reader: the SLA of a web page, without the page around it.

Every page is written here; each case shows one thing the reader must do.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractor.errors import DocumentLoadError
from extractor.extract.document import Document
from extractor.extract.readers import read_document
from extractor.extract.readers.html import read_html

SLA = "<h1>Acme Service Level Agreement</h1><p>Acme commits to 99.9% monthly uptime.</p>"


def read(html: str | bytes, name: str = "page.html") -> Document:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_html(Path(name), data)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def tables(doc: Document) -> list[list[list[str]]]:
    return [[row.texts for row in block.rows] for block in doc.tables()]


# --------------------------------------------------------------------------- chrome

CHROME = {
    "script": "<script>var uptime = 'CHROME';</script>",
    "style": "<style>.x::after { content: 'CHROME' }</style>",
    "noscript": "<noscript>CHROME enable javascript</noscript>",
    "template": "<template><p>CHROME</p></template>",
    "svg": "<svg><text>CHROME</text></svg>",
    "iframe": "<iframe src='/x'>CHROME</iframe>",
    "form and button": "<form><label>CHROME e-mail</label><button>Go</button></form>",
    "button alone": "<button>CHROME</button>",
    "nav": "<nav><a href='/'>CHROME</a></nav>",
    "page header": "<header><a href='/'>CHROME logo</a></header>",
    "page footer": "<footer>CHROME © 2026</footer>",
    "role navigation": "<ul role='navigation'><li>CHROME</li></ul>",
    "role contentinfo": "<div role='contentinfo'>CHROME</div>",
    "class menu": "<div class='mega-menu'>CHROME</div>",
    "class footer": "<div class='site-footer'>CHROME</div>",
    "id header": "<div id='header'>CHROME</div>",
    "cookie banner": "<div class='cookie-banner'>CHROME we use cookies <a>OK</a></div>",
    "consent camelCase id": "<div id='CybotCookiebotDialog'>CHROME</div>",
    "onetrust": "<div id='onetrust-consent-sdk'>CHROME</div>",
    "breadcrumb": "<ol class='breadcrumbs'><li>CHROME</li></ol>",
    "newsletter": "<section class='newsletter-signup'>CHROME 0% spam</section>",
    "subscribe": "<div class='subscribe'>CHROME</div>",
    "banner": "<div class='promo banner'>CHROME</div>",
    "aria-label": "<div aria-label='Main navigation'>CHROME</div>",
    "dialog": "<dialog open>CHROME</dialog>",
}


# inside <main> or <article>, a <header> or <footer> belongs to the content
PAGE_LEVEL_ONLY = {"page header", "page footer"}


@pytest.mark.parametrize("case, where", [
    (case, where) for case in sorted(CHROME) for where in ("body", "main")
    if where == "body" or case not in PAGE_LEVEL_ONLY])
def test_chrome_does_not_leak(case: str, where: str) -> None:
    chrome = CHROME[case]
    if where == "main":
        html = page(f"<main>{chrome}{SLA}</main>")
    else:
        html = page(f"{chrome}<div>{SLA}</div>{chrome}")
    doc = read(html)
    assert "CHROME" not in doc.text
    assert "Acme commits to 99.9% monthly uptime." in doc.text


@pytest.mark.parametrize("markup", [
    "<div class='status-unavailable'>Credits apply when KEEP is unavailable.</div>",
    "<h2 class='subheader'>KEEP Service Credits</h2>",
    "<div class='navy-panel'>KEEP</div>",
    "<div class='menu-open'><main><p>KEEP</p></main></div>",
    "<div class='page-header'><h1>KEEP Service Level Agreement</h1></div>",
    "<article><header><h1>KEEP</h1><p>Effective 1 May 2025</p></header></article>",
    "<form id='aspnetForm'><h1>KEEP</h1><p>Whole page in a form.</p></form>",
])
def test_near_misses_of_chrome_are_kept(markup: str) -> None:
    assert "KEEP" in read(page(markup)).text


def test_main_is_preferred_over_the_rest_of_the_page() -> None:
    html = page(f"<aside class='promo'>Now with 99.999% uptime!</aside><main>{SLA}</main>"
                "<div class='related'>Related: our 100% guarantee</div>")
    doc = read(html)
    assert "99.999" not in doc.text and "100%" not in doc.text
    assert doc.blocks[0].kind == "heading"


@pytest.mark.parametrize("root", ["<div role='main'>{}</div>", "<article>{}</article>"])
def test_role_main_and_a_lone_article_are_content_roots(root: str) -> None:
    html = page("<div class='teaser'>Elsewhere: 50% off</div>" + root.format(SLA))
    assert "50% off" not in read(html).text


def test_a_main_with_little_text_falls_back_to_the_page() -> None:
    # bad markup: <main> holds a hero line, the SLA sits beside it
    body = ("<main><p>Hello</p></main>" + "<p>Acme commits to 99.9% monthly uptime in every "
            "calendar month, measured by our monitoring.</p>" * 5)
    assert "99.9%" in read(page(body)).text


# --------------------------------------------------------------------------- text blocks

def test_headings_paragraphs_and_list_items() -> None:
    doc = read(page("<h1>SLA</h1><h3>3.1 Credits</h3><div>Credits are 10%.</div>"
                    "<ul><li>Maintenance<ul><li>announced</li></ul></li>"
                    "<li>Force majeure</li></ul>"))
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "SLA"), ("heading", 3, "3.1 Credits"),
        ("paragraph", 0, "Credits are 10%."), ("list_item", 0, "Maintenance"),
        ("list_item", 0, "announced"), ("list_item", 0, "Force majeure")]


@pytest.mark.parametrize("markup, kind", [
    ("<p><strong>Exclusions</strong></p>", "heading"),
    ("<p><b>4. Service Credits</b></p>", "heading"),
    ("<p><strong>Note:</strong> credits are capped.</p>", "paragraph"),
    ("<p><b>Credits are capped at 25% of the monthly fee.</b></p>", "paragraph"),
])
def test_a_short_all_bold_paragraph_is_a_heading(markup: str, kind: str) -> None:
    assert read(page(markup)).blocks[0].kind == kind


def test_br_is_a_line_break() -> None:
    doc = read(page("<p>Monthly Uptime<br>99.9%</p><p>• Maintenance<br>• Force majeure</p>"))
    assert "Uptime99.9%" not in doc.text
    assert "Monthly Uptime" in doc.text and "99.9%" in doc.text
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["Maintenance", "Force majeure"]


def test_inline_markup_does_not_split_words() -> None:
    doc = read(page("<p>Up<b>time</b> of <a href='#'>99.9</a>%<sup>1</sup>.</p>"))
    assert doc.blocks[0].text == "Uptime of 99.9%1."


@pytest.mark.parametrize("entity, text", [
    ("99.9&nbsp;%", "99.9 %"), ("A&amp;B", "A&B"), ("&lt;99.9%", "<99.9%"),
    ("customer&rsquo;s", "customer's"), ("customer&#8217;s", "customer's"),
    ("&ldquo;SLA&rdquo;", '"SLA"'), ("&ge; 99.0%", "≥ 99.0%"), ("a&shy;b", "ab"),
])
def test_entities_are_decoded_and_normalized(entity: str, text: str) -> None:
    assert read(page(f"<p>{entity}</p>")).blocks[0].text == text


def test_pre_reads_lines_and_pre_code_stays_code() -> None:
    doc = read(page("<pre>Uptime Commitment\n  • 99.9% for the API</pre>"
                    "<pre><code>= (44,640 - 360) / 44,640</code></pre>"))
    assert [b.kind for b in doc.blocks] == ["heading", "list_item", "code"]


# --------------------------------------------------------------------------- tables

def test_table_rows_and_cells() -> None:
    doc = read(page("<table><caption>Table 1. Credits</caption>"
                    "<thead><tr><th>Uptime</th><th>Credit</th></tr></thead>"
                    "<tbody><tr><td>&lt; 99.9%</td><td>10%</td></tr>"
                    "<tr><td>&lt; 99.0%</td><td>25%<br>of the fee</td></tr></tbody></table>"))
    assert tables(doc) == [[["Uptime", "Credit"], ["< 99.9%", "10%"],
                            ["< 99.0%", "25% of the fee"]]]
    assert doc.blocks[0].text == "Table 1. Credits"
    cell = doc.blocks[1].rows[1].cells[1]
    assert doc.text[cell.start:cell.end] == "10%"


def test_colspan_repeats_header_cells_and_pads_data_cells() -> None:
    doc = read(page("<table><tr><th colspan='2'>Availability</th><th>Credit</th></tr>"
                    "<tr><td>99.0%</td><td>99.9%</td><td>10%</td></tr>"
                    "<tr><td colspan='2'>below 99.0%</td><td>25%</td></tr>"
                    "<tr><td colspan='99999'>x</td></tr></table>"))
    rows = tables(doc)[0]
    assert rows[:3] == [["Availability", "Availability", "Credit"], ["99.0%", "99.9%", "10%"],
                        ["below 99.0%", "", "25%"]]
    assert len(rows[3]) <= 50  # a huge colspan is capped


def test_rowspan_repeats_the_cell_below() -> None:
    doc = read(page("<table><tr><th>Service</th><th>Tier</th><th>Target</th></tr>"
                    "<tr><td rowspan='2'>Compute</td><td>Standard</td><td>99.9%</td></tr>"
                    "<tr><td>Premium</td><td>99.99%</td></tr></table>"))
    assert tables(doc)[0][1:] == [["Compute", "Standard", "99.9%"],
                                  ["Compute", "Premium", "99.99%"]]


def test_nested_table_is_flattened_into_its_cell() -> None:
    doc = read(page("<table><tr><th>Plan</th><th>Credits</th></tr><tr><td>Pro</td><td>"
                    "<table><tr><td>&lt;99.9%</td><td>10%</td></tr>"
                    "<tr><td>&lt;99%</td><td>25%</td></tr></table></td></tr></table>"))
    assert tables(doc) == [[["Plan", "Credits"], ["Pro", "<99.9% 10%; <99% 25%"]]]


@pytest.mark.parametrize("layout", [
    "<table><tr><td>{}</td></tr></table>",
    "<table role='presentation'><tr><td>{}</td><td>side</td></tr></table>",
    "<table><tr><td><h2>Credits</h2>{}</td><td>menu</td></tr></table>",
])
def test_layout_tables_are_read_as_sections(layout: str) -> None:
    inner = "<p>Intro.</p><table><tr><th>Uptime</th><th>Credit</th></tr>" \
            "<tr><td>99%</td><td>10%</td></tr></table>"
    doc = read(page(layout.format(inner)))
    assert tables(doc) == [[["Uptime", "Credit"], ["99%", "10%"]]]
    assert any(b.text == "Intro." and b.kind == "paragraph" for b in doc.blocks)


GRIDS = {
    "row and cell classes": (
        "<div class='grid'><div class='row'><div class='cell'>Uptime</div>"
        "<div class='cell'>Credit</div></div><div class='row'><div class='cell'>99%</div>"
        "<div class='cell'>10%</div></div></div>"),
    "roles with row groups": (
        "<div role='table'><div role='rowgroup'><div role='row'><span role='columnheader'>"
        "Uptime</span><span role='columnheader'>Credit</span></div></div><div role='rowgroup'>"
        "<div role='row'><span role='cell'>99%</span><span role='cell'>10%</span></div></div>"
        "</div>"),
    "table-row style": (
        "<div><div style='display: table-row'><span>Uptime</span><span>Credit</span></div>"
        "<div style='display:table-row'><span>99%</span><span>10%</span></div></div>"),
}


@pytest.mark.parametrize("case", sorted(GRIDS))
def test_div_grids_are_tables(case: str) -> None:
    assert tables(read(page(GRIDS[case]))) == [[["Uptime", "Credit"], ["99%", "10%"]]]


def test_repeated_same_class_rows_are_a_table() -> None:
    rows = "".join(f"<div class='sla-item'><span class='k'>{k}</span><span class='v'>{v}</span>"
                   "</div>" for k, v in [("Uptime", "99.9%"), ("Cap", "25%"), ("Claim", "30 days")])
    assert tables(read(page(f"<div>{rows}</div>"))) == [
        [["Uptime", "99.9%"], ["Cap", "25%"], ["Claim", "30 days"]]]


NOT_TABLES = {
    "layout grid of headed columns": (
        "<div class='row'><div class='col'><h3>Fast</h3><p>a</p></div><div class='col'>"
        "<h3>Safe</h3><p>b</p></div></div><div class='row'><div class='col'><h3>C</h3></div>"
        "<div class='col'><h3>D</h3></div></div>"),
    "one row": (
        "<div class='grid'><div class='row'><div class='cell'>a</div>"
        "<div class='cell'>b</div></div></div>"),
    "rows of unequal width": (
        "<div><div class='row'><div>a</div><div>b</div></div>"
        "<div class='row'><div>c</div></div></div>"),
    "long prose side by side": (
        "<div><div class='row'><div>{0}</div><div>{0}</div></div><div class='row'><div>{0}</div>"
        "<div>{0}</div></div></div>").format("Credits are due when uptime falls. " * 12),
}


@pytest.mark.parametrize("case", sorted(NOT_TABLES))
def test_div_layouts_that_are_not_tables(case: str) -> None:
    assert tables(read(page(NOT_TABLES[case]))) == []


def test_definition_list_is_a_two_column_table() -> None:
    doc = read(page("<dl><dt>Uptime</dt><dd>99.9%</dd><div><dt>Claim window</dt>"
                    "<dd>30 days</dd></div><dt>Cap</dt><dt>Maximum credit</dt><dd>25%</dd></dl>"))
    assert tables(doc) == [[["Uptime", "99.9%"], ["Claim window", "30 days"],
                            ["Cap / Maximum credit", "25%"]]]


def test_definition_list_of_prose_is_not_a_table() -> None:
    long = "any period in which the Service does not respond to requests, " * 8
    doc = read(page(f"<dl><dt>Downtime</dt><dd>{long}</dd></dl>"))
    assert tables(doc) == []
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


# --------------------------------------------------------------------------- robustness

def test_10000_deep_nesting_reads_quickly() -> None:
    depth = 10_000
    html = page("<div>" * depth + SLA + "</div>" * depth + "<p>After the nest.</p>")
    started = time.perf_counter()
    doc = read(html)
    assert time.perf_counter() - started < 3
    assert [b.text for b in doc.blocks] == [
        "Acme Service Level Agreement", "Acme commits to 99.9% monthly uptime.",
        "After the nest."]


def test_deep_unclosed_inline_tags_read() -> None:
    doc = read("<body>" + "<span><b><i>" * 4000 + "uptime 99.9%")
    assert "uptime 99.9%" in doc.text


@pytest.mark.parametrize("head, meta", [
    ("<title>Acme SLA | Acme</title><meta property='og:site_name' content='Acme Cloud'>",
     {"title": "Acme SLA | Acme", "site_name": "Acme Cloud"}),
    ("<title>\n  SLA  </title><meta name='application-name' content='Acme&nbsp;Portal'>",
     {"title": "SLA", "site_name": "Acme Portal"}),
    ("<meta property='og:site_name' content=''>", {}),
    ("", {}),
])
def test_title_and_site_name_meta(head: str, meta: dict[str, str]) -> None:
    doc = read(page(f"<svg><title>icon</title></svg><main>{SLA}</main>", head))
    assert {k: doc.meta[k] for k in ("title", "site_name") if k in doc.meta} == meta


ENCODED = {
    "meta charset cp1252": lambda s: (
        "<meta charset='windows-1252'>" + s).encode("cp1252"),
    "http-equiv latin-1 label": lambda s: (
        "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>" + s
    ).encode("cp1252"),
    "utf-8 bom": lambda s: s.encode("utf-8-sig"),
    "utf-16 bom": lambda s: s.encode("utf-16"),
    "undeclared utf-8": lambda s: s.encode("utf-8"),
    "undeclared cp1252": lambda s: s.encode("cp1252"),
    "mislabelled utf-8 as cp1252 stays right": lambda s: (
        "<meta charset='utf-8'>" + s).encode("cp1252"),
}


@pytest.mark.parametrize("case", sorted(ENCODED))
def test_encodings(case: str) -> None:
    doc = read(ENCODED[case]("<p>Café “Premium” € 5 minimum</p>"))
    assert doc.text == 'Café "Premium" € 5 minimum'


NOT_HTML = {
    "NUL bytes": b"\x00\x01\x02\x03binary" * 100,
    "random bytes": bytes(range(256)) * 20,
    "PNG": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50,
    "PDF": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "ZIP": b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(200)),
    "control characters": bytes(range(1, 9)) * 300,
}


@pytest.mark.parametrize("case", sorted(NOT_HTML))
def test_binary_named_html_is_a_load_error(case: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(NOT_HTML[case])
    with pytest.raises(DocumentLoadError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert caught.value.problem.startswith("is not HTML")
    assert str(caught.value).startswith(f"{path}: ")


def test_text_without_markup_reads_as_plain_text_with_a_warning() -> None:
    doc = read("Uptime Commitment\nAcme commits to 99.9% monthly uptime.\n")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    assert any("no HTML markup" in w for w in doc.warnings)


def test_reader_table_entry_and_format(tmp_path: Path) -> None:
    path = tmp_path / "sla.htm"
    path.write_text(page(SLA), encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html" and doc.path == str(path) and doc.pages is None


def test_flat_css_grid_of_cells_is_a_table():
    from pathlib import Path as _Path

    from extractor.extract.readers import read_bytes as _read

    page = (b'<div role="table"><div role="columnheader">Availability</div>'
            b'<div role="columnheader">Credit</div><div role="cell">&lt; 99.9%</div>'
            b'<div role="cell">10%</div><div role="cell">&lt; 99.0%</div>'
            b'<div role="cell">25%</div></div>')
    (table,) = [b for b in _read(_Path("g.html"), page).blocks if b.is_table]
    assert [r.texts for r in table.rows] == [["Availability", "Credit"], ["< 99.9%", "10%"],
                                             ["< 99.0%", "25%"]]


# --------------------------------------------------------------------------- two parse paths

@pytest.mark.parametrize("html", [
    "<html><body><p>Acme SLA.</p></body></html>\n<p>Uptime is 99.9%.</p>tail text",
    "<p>Acme SLA.</p></html><p>Credits are 10%.</p>",
    "<html><body><p>Acme SLA.</p></body></html><!-- a comment after the page -->",
    "<html><body><p>A</p></body></html><html><body><p>B</p></body></html>",
])
def test_pages_with_content_after_the_closing_html_tag_take_the_target_path(
        html: str, monkeypatch) -> None:
    """libxml2's own tree builder drops what follows </html>, a parser target keeps it:
    such pages read as they always have (the first body), whichever path is taken."""
    from extractor.extract.readers import html as reader

    assert (reader._parse_native(html) is None) == ("-->" not in html)
    fast = [b.text for b in read(html).blocks]
    monkeypatch.setattr(reader, "_parse_native", lambda text: None)
    assert [b.text for b in read(html).blocks] == fast


def test_native_and_target_parsers_read_every_corpus_page_alike(monkeypatch) -> None:
    """The fast path (lxml's tree builder) and the parser-target path give the same
    document for every HTML page of the corpus."""
    from extractor.extract.readers import html as reader

    root = Path(__file__).resolve().parent.parent
    pages = sorted(root.glob("corpus/**/*.html")) + sorted(
        (root.parent / "shared" / "corpus").glob("*.html"))
    assert len(pages) >= 20
    fast = {p: read_document(p) for p in pages}
    monkeypatch.setattr(reader, "_parse_native", lambda text: None)
    for path in pages:
        slow = read_document(path)
        assert [(b.kind, b.text, b.level) for b in fast[path].blocks] == [
            (b.kind, b.text, b.level) for b in slow.blocks], path.name
        assert fast[path].text == slow.text and fast[path].meta == slow.meta, path.name


def test_nesting_past_the_parser_limit_takes_the_target_path() -> None:
    from extractor.extract.readers.html import _parse_native

    assert _parse_native("<div>" * 3000 + "deep" + "</div>" * 3000) is None
    assert _parse_native(page(SLA)) is not None


def test_cards_side_by_side_are_read_as_a_table() -> None:
    html = ("<main><h2>Credits</h2><div class='bands'>"
            "<div class='band'><h4>99.0 – 99.9%</h4><p class='pct'>10%</p><p>of the fee</p></div>"
            "<div class='band'><h4>Under 99.0%</h4><p class='pct'>25%</p><p>of the fee</p></div>"
            "</div><div class='features'><div class='f'><h4>Fast</h4><p>Edge caching</p></div>"
            "<div class='f'><h4>Safe</h4><p>Encrypted</p></div></div></main>")
    doc = read(html)
    # the part every card repeats is a label; feature cards state no figure and stay text
    assert [[r.texts for r in t.rows] for t in doc.tables()] == [
        [["99.0 – 99.9%", "10%"], ["Under 99.0%", "25%"]]]
    assert "Edge caching" in doc.text
