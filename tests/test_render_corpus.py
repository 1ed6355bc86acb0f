"""scripts/render_corpus.py: the corpus as web pages and PDFs, read back by the readers.

The renderer draws each SLA from the blocks the text reader parsed; reading the copy
back must give the same words and the same tables, whatever the layout did.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from extractor.extract.document import Document
from extractor.extract.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RENDERED = CORPUS / "rendered"


def _load_script():
    spec = importlib.util.spec_from_file_location("render_corpus", ROOT / "scripts" /
                                                  "render_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_corpus = _load_script()
SOURCES = [path for path, _ in render_corpus.sources(CORPUS)]
EXTENSIONS = ("html", "pdf", "docx")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    assert render_corpus.main(["--out", str(out)]) == 0
    return out


def words(doc: Document) -> list[str]:
    text = " ".join(b.text for b in doc.blocks)
    for char, stand_in in render_corpus.STAND_INS.items():
        text = text.replace(char, stand_in)  # the PDF font lacks these
    return text.split()


def tables(doc: Document) -> list[list[list[str]]]:
    return [[[" ".join(words_of) for words_of in (c.split() for c in row.texts)]
             for row in block.rows] for block in doc.tables()]


def test_every_sla_with_gold_is_rendered_with_its_gold(rendered: Path) -> None:
    assert SOURCES, "no corpus SLA to render"
    for source in SOURCES:
        for ext in EXTENSIONS:
            copy = rendered / f"{source.stem}.{ext}"
            assert copy.is_file(), copy
            gold = json.loads((rendered / f"{copy.name}.gold.json").read_text("utf-8"))
            original = json.loads((CORPUS / f"{source.stem}.gold.json").read_text("utf-8"))
            assert gold == dict(original, document=copy.name)


@pytest.mark.parametrize("ext", EXTENSIONS)
@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_a_rendered_copy_reads_back_as_its_source(source: Path, ext: str,
                                                  rendered: Path) -> None:
    original = read_document(source)
    copy = read_document(rendered / f"{source.stem}.{ext}")
    if ext == "docx":
        # the page header (the title) is kept apart; the footer's page number is dropped
        assert copy.meta["running_text"] == [render_corpus._title(original, source)]
    assert words(copy) == words(original)
    assert tables(copy) == tables(original)
    assert copy.warnings == []


def test_the_pages_carry_chrome_the_reader_ignores(rendered: Path) -> None:
    html = (rendered / f"{SOURCES[0].stem}.html").read_text("utf-8")
    for chrome in ("<script>", "<style>", "<nav", "<header", "<footer", "cookie-banner"):
        assert chrome in html
    for source in SOURCES:
        text = read_document(rendered / f"{source.stem}.html").text
        assert "99.999%" not in text and "100.00%" not in text and "cookies" not in text


def test_both_table_kinds_and_a_split_table_are_exercised(rendered: Path) -> None:
    pages = [(rendered / f"{s.stem}.html").read_text("utf-8") for s in SOURCES]
    assert any("<table>" in p for p in pages) and any('<div class="grid">' in p for p in pages)
    split = [s.stem for s in SOURCES for t in read_document(rendered / f"{s.stem}.pdf").tables()
             if len({r.page for r in t.rows}) > 1]
    assert split, "no rendered table goes over a page break"


def test_word_copies_use_word_structure(rendered: Path) -> None:
    """Headings, lists and tables are Word's own (styles and tables), not typed text."""
    import docx

    styles: set[str] = set()
    tables = 0
    for source in SOURCES:
        word = docx.Document(str(rendered / f"{source.stem}.docx"))
        styles |= {p.style.name for p in word.paragraphs}
        tables += len(word.tables)
        assert word.sections[0].header.paragraphs[0].text
    assert {"Title", "Heading 1", "List Bullet", "List Number"} <= styles
    assert tables > 0


def test_pdfs_have_running_furniture_and_several_pages(rendered: Path) -> None:
    docs = [read_document(rendered / f"{s.stem}.pdf") for s in SOURCES]
    assert any(d.pages >= 3 for d in docs)
    for doc in docs:
        if doc.pages >= 2:  # one page repeats nothing: its header and footer are text
            assert any(re.fullmatch(r"Page 1 of \d+", t) for t in doc.meta["running_text"])


def test_check_passes_on_fresh_output_and_fails_on_a_change(rendered: Path, capsys) -> None:
    assert render_corpus.main(["--out", str(rendered), "--check"]) == 0
    target = rendered / f"{SOURCES[0].stem}.html"
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n")
        assert render_corpus.main(["--out", str(rendered), "--check"]) == 1
        assert f"differs: {target}" in capsys.readouterr().out
    finally:
        target.write_bytes(original)


def test_committed_output_is_up_to_date() -> None:
    assert render_corpus.main(["--check"]) == 0, (
        "corpus/rendered is stale: run scripts/render_corpus.py and commit the result")


def test_only_slas_with_gold_are_rendered(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    gold = {"provider": ["Acme"], "uptime_targets": [{"service": None, "percent": 99.9}]}
    files = {
        "acme.txt": "Acme SLA\n\nAcme commits to 99.9% monthly uptime.\n",
        "acme.gold.json": json.dumps(dict(gold, document="acme.txt")),
        "privacy.txt": "Privacy Policy\n\nWe keep your e-mail address.\n",
        "privacy.gold.json": json.dumps(dict(gold, document="privacy.txt", uptime_targets=[])),
        "unlabelled.md": "# Beta SLA\n\n99.5% uptime.\n",
        "README.md": "# Corpus\n",
        "README.gold.json": json.dumps(dict(gold, document="README.md")),
    }
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert render_corpus.main(["--corpus", str(corpus)]) == 0
    assert sorted(p.name for p in (corpus / "rendered").iterdir()) == [
        "acme.docx", "acme.docx.gold.json", "acme.html", "acme.html.gold.json", "acme.pdf",
        "acme.pdf.gold.json"]
    # the output is the same bytes on every run
    assert render_corpus.main(["--corpus", str(corpus), "--check"]) == 0
    (corpus / "rendered" / "old.pdf").write_bytes(b"%PDF-1.4")
    assert render_corpus.main(["--corpus", str(corpus), "--check"]) == 1
    assert render_corpus.main(["--corpus", str(corpus)]) == 0
    assert not (corpus / "rendered" / "old.pdf").exists()
