"""Bad input, one case each; every fixture is built here in tmp_path.

A bad file must end in the project's own error (naming the file and the problem, never
an empty message) or in a result that says what was wrong in its warnings.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.errors import DocumentLoadError, EncryptedDocumentError
from extractor.extract.pipeline import extract_file
from extractor.extract.readers import ReadOptions, read_document
from extractor.operations.cli import app
from tests.conftest import PdfMaker, Writer

SLA_LINES = [
    "Acme Cloud Service Level Agreement",
    "Acme commits to 99.9% monthly uptime for the Service.",
    "If availability falls below 99.9% in a calendar month, the customer receives",
    "a service credit of 10% of the monthly fee.",
    "Service credits are the sole remedy for downtime.",
]
SLA = "\n".join(SLA_LINES) + "\n"


# ------------------------------------------------------------- inputs that must fail

FAILING: dict[str, tuple[str, Callable[[PdfMaker], bytes], str]] = {
    "empty txt": ("empty.txt", lambda pdf: b"", "the file is empty"),
    "whitespace md": ("blank.md", lambda pdf: b" \n\t\r\n", "the file is empty"),
    "empty pdf": ("empty.pdf", lambda pdf: b"", "the file is empty"),
    "empty html": ("empty.html", lambda pdf: b"", "the file is empty"),
    "binary named pdf": ("random.pdf", lambda pdf: bytes(range(256)) * 40, "not a readable PDF"),
    "pdf header then junk": ("junk.pdf", lambda pdf: b"%PDF-1.4\n" + bytes(range(256)) * 20,
                             "not a readable PDF"),
    "binary named txt": ("image.txt", lambda pdf: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50,
                         "binary content"),
    "truncated pdf": ("truncated.pdf", lambda pdf: pdf(SLA_LINES)[:400], "not a readable PDF"),
    "unsupported suffix": ("sheet.xlsx", lambda pdf: b"PK\x03\x04 not really",
                           "unsupported file type"),
    "docx not a zip": ("contract.docx", lambda pdf: b"PK\x03\x04 not really",
                       "not a zip archive"),
}


@pytest.mark.parametrize("case", sorted(FAILING))
def test_bad_input_raises_a_clear_project_error(
        case: str, write: Writer, make_pdf: PdfMaker) -> None:
    name, make, problem = FAILING[case]
    path = write(name, make(make_pdf))
    with pytest.raises(DocumentLoadError) as caught:
        extract_file(path)
    assert caught.value.path == str(path)
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}: ")


def test_truncated_pdf_missing_only_its_tail_reads_with_a_warning_or_fails_clearly(
        write: Writer, make_pdf: PdfMaker) -> None:
    data = make_pdf(SLA_LINES, pages=3)
    path = write("cut.pdf", data[: len(data) - 60])  # xref trailer and %%EOF gone
    try:
        result = extract_file(path)
    except DocumentLoadError as exc:
        assert exc.problem
        return
    warning = next(w for w in result.warnings if "truncated" in w)
    assert "%%" not in warning  # a plain string, not a format: "%%EOF" would be a typo


# ------------------------------------------------------------- encrypted PDFs

def test_encrypted_pdf_without_password_says_so(write: Writer, make_pdf: PdfMaker) -> None:
    path = write("locked.pdf", make_pdf(SLA_LINES, encrypt="s3cret"))
    with pytest.raises(EncryptedDocumentError) as caught:
        extract_file(path)
    assert "password" in caught.value.problem
    assert caught.value.problem.strip()  # pdfminer's own password error is empty


def test_encrypted_pdf_wrong_password_says_so(write: Writer, make_pdf: PdfMaker) -> None:
    path = write("locked.pdf", make_pdf(SLA_LINES, encrypt="s3cret"))
    with pytest.raises(EncryptedDocumentError) as caught:
        extract_file(path, ReadOptions(password="wrong"))
    assert "password" in caught.value.problem


def test_encrypted_pdf_opens_with_password(write: Writer, make_pdf: PdfMaker) -> None:
    path = write("locked.pdf", make_pdf(SLA_LINES, encrypt="s3cret"))
    result = extract_file(path, ReadOptions(password="s3cret"))
    assert [t.percent for t in result.uptime_targets] == [99.9]
    assert not any("tables not read" in w for w in result.warnings), result.warnings


def test_cli_password_option(write: Writer, make_pdf: PdfMaker, runner: CliRunner) -> None:
    path = write("locked sla.pdf", make_pdf(SLA_LINES, encrypt="s3cret"))
    locked = runner.invoke(app, ["extract", str(path), "--out", "-"])
    assert locked.exit_code == 1
    assert locked.stderr.startswith(f"Error: {path}: ") and "password" in locked.stderr
    opened = runner.invoke(app, ["extract", str(path), "--out", "-", "--password", "s3cret"])
    assert opened.exit_code == 0, opened.stderr
    assert json.loads(opened.stdout)["uptime_targets"][0]["percent"] == 99.9


# ------------------------------------------------------------- PDFs that read with warnings

def test_pdf_without_text_layer_warns_no_ocr(write: Writer, make_pdf: PdfMaker) -> None:
    path = write("scan.pdf", make_pdf(draw_only=True, pages=2))
    try:
        result = extract_file(path)
    except DocumentLoadError as exc:  # acceptable only if it says why
        assert "text layer" in exc.problem
        return
    assert any("no text layer" in w and "OCR" in w for w in result.warnings), result.warnings
    assert result.uptime_targets == []


def test_500_page_pdf_reads_under_a_page_limit_in_bounded_time(
        write: Writer, make_pdf: PdfMaker) -> None:
    # mid-page, so that the reader does not drop the line as a running header
    path = write("long.pdf", make_pdf(pages=500, top=420))
    started = time.perf_counter()
    doc = read_document(path, ReadOptions(max_pages=40))
    assert time.perf_counter() - started < 10
    assert doc.pages in (40, 500)  # the reader reports the document's page count
    assert any("40 of 500" in w for w in doc.warnings), doc.warnings
    assert "Page 40:" in doc.text and "Page 41:" not in doc.text


def test_500_page_pdf_whole_stays_bounded(write: Writer, make_pdf: PdfMaker) -> None:
    import resource

    path = write("long.pdf", make_pdf(pages=500))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    doc = read_document(path, ReadOptions(max_pages=500))
    assert time.perf_counter() - started < 30
    assert doc.pages == 500
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 300


# ------------------------------------------------------------- HTML

def test_html_script_style_iframe_are_not_text(write: Writer) -> None:
    html = (
        "<html><head><style>.x{color:red} uptime 12.5%</style>"
        "<script>var sla = 'uptime 11.1% service credit';</script></head><body>"
        "<iframe src='x'>uptime 13.3% fallback</iframe><noscript>uptime 14.4%</noscript>"
        f"<main>{''.join(f'<p>{line}</p>' for line in SLA_LINES)}</main>"
        "<script>document.write('99.0% uptime')</script></body></html>")
    path = write("page.html", html.encode())
    doc = read_document(path)
    for hidden in ("12.5", "11.1", "13.3", "14.4", "document.write", "color:red"):
        assert hidden not in doc.text
    result = extract_file(path)
    assert [t.percent for t in result.uptime_targets] == [99.9]


def test_html_10000_deep_nesting(write: Writer) -> None:
    depth = 10_000
    html = "<html><body>" + "<div>" * depth + SLA.replace("\n", " ") + "</div>" * depth
    path = write("deep.html", (html + "</body></html>").encode())
    started = time.perf_counter()
    result = extract_file(path)
    assert time.perf_counter() - started < 30
    assert [t.percent for t in result.uptime_targets] == [99.9]


def test_html_unclosed_deep_nesting_of_mixed_tags(write: Writer) -> None:
    # 12,000 inline tags never closed: the text inside is read whole, once, and extracted
    html = "<body>" + "<span><b><i>" * 4000 + SLA.replace("\n", " ")
    path = write("unclosed.html", html.encode())
    assert [b.text for b in read_document(path).blocks] == [" ".join(SLA_LINES)]
    result = extract_file(path)
    assert [t.percent for t in result.uptime_targets] == [99.9]
    assert result.sole_remedy is True


# ------------------------------------------------------------- encodings

ENCODED = {
    "cp1252": ("vendor.txt", lambda s: s.encode("cp1252")),
    "utf-16 bom": ("vendor16.txt", lambda s: s.encode("utf-16")),
    "utf-16-be bom": ("vendor16be.md", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
    "utf-8 bom": ("vendor8.txt", lambda s: s.encode("utf-8-sig")),
    "utf-16 no bom": ("vendor16le.txt", lambda s: s.encode("utf-16-le")),
    "cp1252 html": ("vendor.html", lambda s: (
        "<html><head><meta charset='windows-1252'></head><body>"
        + "".join(f"<p>{line}</p>" for line in s.splitlines())
        + "</body></html>").encode("cp1252")),
}


@pytest.mark.parametrize("case", sorted(ENCODED))
def test_text_encodings(case: str, write: Writer) -> None:
    name, encode = ENCODED[case]
    # the curly quotes normalize to "
    text = SLA.replace("Acme Cloud", "Acmé Cloud — “Premium”") + "Café € 5 minimum.\n"
    path = write(name, encode(text))
    doc = read_document(path)
    assert "Acmé Cloud — \"Premium\"" in doc.text
    assert "Café € 5" in doc.text
    assert "\ufffd" not in doc.text
    assert [t.percent for t in extract_file(path).uptime_targets] == [99.9]


# ------------------------------------------------------------- size limit

def test_file_over_the_size_limit(write: Writer) -> None:
    path = write("big.txt", SLA.encode() * 200)
    with pytest.raises(DocumentLoadError) as caught:
        extract_file(path, ReadOptions(max_bytes=1024))
    assert "over the 1,024-byte limit" in caught.value.problem
    extract_file(path, ReadOptions(max_bytes=10 * 1024 * 1024))


def test_size_limit_is_checked_before_reading(monkeypatch, write: Writer) -> None:
    path = write("big.txt", b"x" * 5000)

    def no_read(self):
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(DocumentLoadError, match="limit"):
        extract_file(path, ReadOptions(max_bytes=100))


def test_cli_max_mb(write: Writer, runner: CliRunner) -> None:
    path = write("big.txt", SLA.encode() * 2000)
    result = runner.invoke(app, ["extract", str(path), "--out", "-", "--max-mb", "0.01"])
    assert result.exit_code == 1
    assert "-byte limit" in result.stderr and str(path) in result.stderr


def test_invalid_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        ReadOptions(max_bytes=0)
    with pytest.raises(ValueError):
        ReadOptions(max_pages=-1)


# ------------------------------------------------------------- not an SLA, odd names

def test_a_document_that_is_not_an_sla(write: Writer) -> None:
    text = ("Privacy Policy\n\nWe collect your e-mail address to send invoices. 99% of "
            "requests are answered within 2 days. Contact privacy@example.com.\n")
    result = extract_file(write("privacy.txt", text.encode()))
    assert result.uptime_targets == [] and result.credit_schedules == []
    assert any("does not read as an SLA" in w for w in result.warnings)


@pytest.mark.parametrize("name", ["acme sla.txt", "Überblick Verträge.md", "サービス 契約.html",
                                  "naïve – “quoted”.pdf", " leading space.txt"])
def test_names_with_spaces_and_non_ascii(
        name: str, tmp_path: Path, write: Writer, make_pdf: PdfMaker) -> None:
    if name.endswith(".pdf"):
        data = make_pdf(SLA_LINES)
    elif name.endswith(".html"):
        data = ("<p>" + "</p><p>".join(SLA_LINES) + "</p>").encode()
    else:
        data = SLA.encode()
    path = write(name, data)
    result = extract_file(path)
    assert result.source.path == str(path)
    assert [t.percent for t in result.uptime_targets] == [99.9]
    missing = tmp_path / ("missing " + name)
    with pytest.raises(DocumentLoadError) as caught:
        extract_file(missing)
    assert str(caught.value).startswith(str(missing)) and "cannot be read" in caught.value.problem


def test_a_folder_given_as_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "looks like.txt"
    folder.mkdir()
    with pytest.raises(DocumentLoadError, match="folder"):
        extract_file(folder)


def test_pdf_missing_only_eof_marker_warns_truncated(write: Writer, make_pdf: PdfMaker) -> None:
    data = make_pdf(SLA_LINES, pages=2)
    result = extract_file(write("noeof.pdf", data[:-7]))  # "%%EOF\n" cut
    assert "the file looks truncated (no %EOF): pages may be missing" in result.warnings
