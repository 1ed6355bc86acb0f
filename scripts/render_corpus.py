"""Render the corpus SLAs as web pages and PDFs, so the HTML and PDF readers meet the
same documents the text readers do, with gold labels that still hold.

    .venv/bin/python scripts/render_corpus.py            # (re)write corpus/rendered/
    .venv/bin/python scripts/render_corpus.py --check    # exit 1 when it is stale

Every ``corpus/<name>.txt|md`` with a ``corpus/<name>.gold.json`` naming it, and an SLA
(gold ``uptime_targets`` not empty), becomes:

- ``<name>.html``: a whole page with the chrome the reader must ignore (header, nav,
  cookie banner, newsletter box, footer with a status widget, a ``<script>`` and a
  ``<style>``); tables as ``<table>`` in one document and as a ``div.grid`` of
  ``div.row > div.cell`` in the next, so both kinds are exercised;
- ``<name>.pdf`` (reportlab, ``invariant=1``: the same bytes on every run): A4, the
  title as a running header and "Page N of M" as a footer on every page, bordered
  tables; a table of ``--split-rows`` rows or more is pushed to the foot of a page so
  that it goes on over the page break with its header row repeated;
- ``<name>.docx`` (python-docx, zip entries dated 1980-01-01: the same bytes on every
  run): headings as ``Title``/``Heading N`` paragraphs, list items as ``List Bullet``
  paragraphs (``List Number`` in every other document with tables), tables as Word
  tables with a bold header row, the title in the page header and a page-number field
  in the footer;
- ``<name>.<ext>.gold.json``: the source's gold with ``document`` naming the copy.

The blocks come from the project's own text reader (``read_text``), so the rendering
follows the parsed structure. Fonts: the Vera TTF shipped inside reportlab, so the
bytes do not depend on the machine's fonts; a character it lacks is written as its
ASCII stand-in (``→`` as ``->``).
"""
from __future__ import annotations

import argparse
import html
import io
import json
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Preformatted,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from extractor.extract.document import Block, Document
from extractor.extract.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent
SKIP_NAMES = {"README", "SOURCES", "OWN_CORPUS"}
SPLIT_ROWS = 6
FONT, FONT_BOLD = "Vera", "VeraBd"
STAND_INS = {"→": "->", "←": "<-", "≠": "!=", "≈": "~", "…": "...", "✓": "yes", "✗": "no"}
MARGIN = 22 * mm

CHROME_STYLE = """\
body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
.site-header, .site-footer { background: #f4f4f4; padding: 1rem 2rem; }
main { max-width: 48rem; margin: 2rem auto; }
.grid { display: table; border-collapse: collapse; }
.grid .row { display: table-row; }
.grid .cell { display: table-cell; border: 1px solid #999; padding: .25rem .5rem; }
.cookie-banner { position: fixed; bottom: 0; background: #333; color: #fff; }"""
# what a page's scripts typically hold: numbers that must never reach the text
CHROME_SCRIPT = """\
window.dataLayer = window.dataLayer || [];
window.statusWidget = {"uptime": "99.999%", "credits": "100%", "window": "90 days"};"""


def sources(corpus: Path) -> list[tuple[Path, dict]]:
    """(document, gold) for every text or markdown SLA with a gold label beside it."""
    found = []
    for path in sorted([*corpus.glob("*.txt"), *corpus.glob("*.md")]):
        if path.stem.upper() in SKIP_NAMES:
            continue
        gold_path = corpus / f"{path.stem}.gold.json"
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("document") != path.name or gold.get("uptime_targets") == []:
            continue  # another file's label, or not an SLA (nothing to render for)
        found.append((path, gold))
    return found


def render_all(corpus: Path, split_rows: int = SPLIT_ROWS) -> dict[str, bytes]:
    """File name -> bytes of everything ``corpus/rendered`` should hold."""
    files: dict[str, bytes] = {}
    with_tables = 0
    for path, gold in sources(corpus):
        # a templated page is published with its placeholders as they stand
        doc = read_text(path, path.read_bytes(), keep_placeholders=True)
        title = _title(doc, path)
        use_grid = False
        if any(b.is_table for b in doc.blocks):
            use_grid = with_tables % 2 == 1  # every other document with tables
            with_tables += 1
        outputs = {
            f"{path.stem}.html": render_html(doc, title, use_grid).encode("utf-8"),
            f"{path.stem}.pdf": render_pdf(doc, title, split_rows),
            f"{path.stem}.docx": render_docx(doc, title, numbered=use_grid),
        }
        for name, data in outputs.items():
            files[name] = data
            label = dict(gold, document=name)
            files[f"{name}.gold.json"] = (
                json.dumps(label, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def _title(doc: Document, path: Path) -> str:
    heading = next((b for b in doc.blocks if b.kind == "heading"), None)
    return heading.text if heading else path.stem.replace("-", " ").title()


# --- HTML -----------------------------------------------------------------------------

def render_html(doc: Document, title: str, use_grid: bool) -> str:
    esc = html.escape
    body: list[str] = []
    in_list = False
    for block in doc.blocks:
        if block.kind != "list_item" and in_list:
            body.append("</ul>")
            in_list = False
        if block.kind == "heading":
            level = min(max(block.level, 1), 6)
            body.append(f"<h{level}>{esc(block.text)}</h{level}>")
        elif block.kind == "list_item":
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"  <li>{esc(block.text)}</li>")
        elif block.kind == "table":
            # a one-row grid is no clear table, for a reader or for a person
            grid = use_grid and len(block.rows) >= 2
            body.append(_html_grid(block) if grid else _html_table(block))
        elif block.kind == "code":
            body.append(f"<pre><code>{esc(block.text)}</code></pre>")
        else:
            body.append(f"<p>{esc(block.text)}</p>")
    if in_list:
        body.append("</ul>")
    content = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>
{CHROME_STYLE}
</style>
<script>
{CHROME_SCRIPT}
</script>
</head>
<body>
<header class="site-header">
  <a class="brand" href="/">Home</a>
  <nav aria-label="Main navigation"><ul><li><a href="/products">Products</a></li>
    <li><a href="/pricing">Pricing</a></li><li><a href="/status">Status</a></li>
    <li><a href="/legal">Legal</a></li></ul></nav>
</header>
<div id="cookie-consent" class="cookie-banner" role="dialog">We use cookies to keep 100% of
  your sessions signed in. <button type="button">Accept all</button></div>
<main>
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/legal">Legal</a> › SLA</nav>
{content}
</main>
<div class="newsletter">Subscribe to our newsletter: 12 issues a year, 0% spam.
  <form action="/subscribe"><input type="email"><button>Subscribe</button></form></div>
<footer class="site-footer">
  <p>All systems operational. 90-day uptime: 100.00%.</p>
  <p>© 2026. All rights reserved. <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
</footer>
<script src="/assets/app.js"></script>
</body>
</html>
"""


def _html_table(block: Block) -> str:
    rows = [row.texts for row in block.rows]
    lines = ["<table>", "  <thead>", _html_tr(rows[0], "th"), "  </thead>", "  <tbody>"]
    lines += [_html_tr(row, "td") for row in rows[1:]]
    lines += ["  </tbody>", "</table>"]
    return "\n".join(lines)


def _html_tr(cells: list[str], tag: str) -> str:
    inner = "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells)
    return f"    <tr>{inner}</tr>"


def _html_grid(block: Block) -> str:
    lines = ['<div class="grid">']
    for row in block.rows:
        cells = "".join(f'<div class="cell">{html.escape(c)}</div>' for c in row.texts)
        lines.append(f'  <div class="row">{cells}</div>')
    lines.append("</div>")
    return "\n".join(lines)


# --- PDF ------------------------------------------------------------------------------

def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, "VeraBd.ttf"))


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5,
                          spaceAfter=7, alignment=TA_LEFT)
    return {
        "body": body,
        "h1": ParagraphStyle("h1", body, fontName=FONT_BOLD, fontSize=17, leading=22,
                             spaceBefore=6, spaceAfter=10),
        "h2": ParagraphStyle("h2", body, fontName=FONT_BOLD, fontSize=13.5, leading=18,
                             spaceBefore=10, spaceAfter=6),
        "h3": ParagraphStyle("h3", body, fontName=FONT_BOLD, fontSize=11.5, leading=15,
                             spaceBefore=8, spaceAfter=4),
        "item": ParagraphStyle("item", body, leftIndent=16, bulletIndent=4, spaceAfter=3),
        "cell": ParagraphStyle("cell", body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "head": ParagraphStyle("head", body, fontName=FONT_BOLD, fontSize=9.5,
                               leading=12.5, spaceAfter=0),
        "code": ParagraphStyle("code", body, fontName="Courier", fontSize=9, leading=12),
    }


class _FillPage(Flowable):
    """Takes all of the page but ``reserve`` points, so the table after it starts at
    the foot of the page and must go on over the break."""

    def __init__(self, reserve: float) -> None:
        super().__init__()
        self.reserve = reserve

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = max(0.0, avail_height - self.reserve)
        return avail_width, self.height

    def draw(self) -> None:
        pass


def _stand_in(text: str, font: str = FONT) -> str:
    """``text`` with the characters the font lacks written as their stand-ins."""
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    return "".join(ch if ord(ch) in glyphs or ch in "\n\t" else STAND_INS.get(ch, "?")
                   for ch in text)


def _ink(text: str, font: str = FONT) -> str:
    """Text for a reportlab Paragraph, whose markup is XML: escaped."""
    return html.escape(_stand_in(text, font), quote=False)


def _pdf_table(block: Block, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [row.texts for row in block.rows]
    columns = max(len(r) for r in rows)
    data = [[Paragraph(_ink(c, FONT_BOLD if i == 0 else FONT),
                       styles["head" if i == 0 else "cell"]) for c in row]
            + [""] * (columns - len(row)) for i, row in enumerate(rows)]
    table = Table(data, colWidths=[width / columns] * columns, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _story(doc: Document, split_rows: int, width: float, height: float) -> list[Flowable]:
    styles = _styles()
    story: list[Flowable] = []
    for block in doc.blocks:
        if block.kind == "heading":
            style = styles[f"h{min(max(block.level, 1), 3)}"]
            story.append(Paragraph(_ink(block.text, FONT_BOLD), style))
        elif block.kind == "list_item":
            story.append(Paragraph(_ink(block.text), styles["item"], bulletText="•"))
        elif block.kind == "table":
            table = _pdf_table(block, styles, width)
            if len(block.rows) >= split_rows:
                # room for the header and two rows: the rest goes over the break
                heights = table.wrap(width, height) and table._rowHeights
                story.append(_FillPage(sum(heights[:3]) + 6))
            story.append(table)
        elif block.kind == "code":
            story.append(Preformatted(block.text, styles["code"]))
        else:
            story.append(Paragraph(_ink(block.text), styles["body"]))
    return story


def render_pdf(doc: Document, title: str, split_rows: int = SPLIT_ROWS) -> bytes:
    _register_fonts()
    width, height = A4
    frame_width = width - 2 * MARGIN
    frame_height = height - 2 * MARGIN
    header = _stand_in(title)

    def build(total: int) -> tuple[bytes, int]:
        buffer = io.BytesIO()
        pages = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN, invariant=1, title=title, author="", subject="",
            creator="scripts/render_corpus.py")

        def furniture(canvas: Canvas, template: SimpleDocTemplate) -> None:
            if total < 2:
                return  # running headers and footers belong to documents of several pages
            canvas.saveState()
            canvas.setFont(FONT, 8.5)
            canvas.setFillColor(colors.HexColor("#555555"))
            canvas.drawString(MARGIN, height - 12 * mm, header)
            canvas.drawRightString(width - MARGIN, 10 * mm,
                                   f"Page {template.page} of {total}")
            canvas.restoreState()

        pages.build(_story(doc, split_rows, frame_width, frame_height),
                    onFirstPage=furniture, onLaterPages=furniture)
        return buffer.getvalue(), pages.page

    # two passes: "of M" needs the page count, which only a first build knows
    data, count = build(0)
    data, final = build(count)
    assert final == count, "page count changed between passes"
    return data


# --- DOCX -----------------------------------------------------------------------------

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def render_docx(doc: Document, title: str, numbered: bool = False) -> bytes:
    word = docx.Document()
    word.core_properties.title = title
    section = word.sections[0]
    section.header.paragraphs[0].text = title
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _page_field(footer)
    list_style = "List Number" if numbered else "List Bullet"
    for block in doc.blocks:
        if block.kind == "heading":
            # level 1 is the document's Title, level 2 Word's Heading 1, and so on
            word.add_heading(block.text, level=min(max(block.level, 1), 10) - 1)
        elif block.kind == "list_item":
            word.add_paragraph(block.text, style=list_style)
        elif block.kind == "table":
            _docx_table(word, block)
        elif block.kind == "code":
            paragraph = word.add_paragraph()
            for i, line in enumerate(block.text.split("\n")):
                if i:
                    paragraph.add_run().add_break()  # lines of one paragraph
                paragraph.add_run(line).font.name = "Courier New"
        else:
            word.add_paragraph(block.text)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _page_field(paragraph: docx.text.paragraph.Paragraph) -> None:
    """A PAGE field whose shown result is 1, as Word saves one."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _docx_table(word: docx.document.Document, block: Block) -> None:
    rows = [row.texts for row in block.rows]
    columns = max(len(r) for r in rows)
    table = word.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    for i, texts in enumerate(rows):
        cells = table.rows[i].cells
        for j, text in enumerate(texts):
            cells[j].text = text
            if i == 0:
                for run in cells[j].paragraphs[0].runs:
                    run.bold = True


def _fixed_zip(data: bytes) -> bytes:
    """The archive again with fixed entry dates: zipfile stamps each entry with the time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- files ----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write (default: <corpus>/rendered)")
    parser.add_argument("--split-rows", type=int, default=SPLIT_ROWS,
                        help="tables with at least this many rows are split over a page")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the output differs")
    args = parser.parse_args(argv)
    out: Path = args.out or args.corpus / "rendered"
    expected = render_all(args.corpus, args.split_rows)
    present = {p.name for p in out.glob("*") if p.is_file()} if out.is_dir() else set()
    # only what this script writes: snapshots others keep beside the copies stay
    mine = (".html", ".pdf", ".docx", ".html.gold.json", ".pdf.gold.json", ".docx.gold.json")
    stale = sorted(n for n in present - set(expected) if n.endswith(mine))
    changed = sorted(n for n, data in expected.items()
                     if n not in present or (out / n).read_bytes() != data)
    if args.check:
        for name in changed:
            print(f"differs: {out / name}" if name in present else f"missing: {out / name}")
        for name in stale:
            print(f"stale: {out / name}")
        if changed or stale:
            print("run scripts/render_corpus.py to update", file=sys.stderr)
            return 1
        print(f"{len(expected)} rendered files up to date")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name in changed:
        (out / name).write_bytes(expected[name])
        print(f"wrote {out / name}")
    for name in stale:
        (out / name).unlink()
        print(f"removed {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
