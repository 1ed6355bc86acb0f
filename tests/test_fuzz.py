"""Fuzzing: random and mutated SLA text raises nothing but SLAError, and returns in time."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.errors import DocumentLoadError, SLAError
from extractor.extract.pipeline import extract_bytes
from extractor.extract.readers import read_bytes
from schemas.models import SLAExtraction
from tests.conftest import PdfMaker

LIMIT_SECONDS = 5.0  # far above a normal document's ~20 ms: catches runaway regexes

SEED = """Acme Cloud Service Level Agreement
Effective: 1 March 2024

1. Uptime Commitment
Acme will use commercially reasonable efforts to make the Service available 99.95% of
the time in each calendar month.

2. Service Credits
| Monthly Uptime Percentage | Service Credit |
| 99.0% - < 99.95% | 10% |
| 95.0% - < 99.0% | 25% |
| < 95.0% | 100% |
Credits are capped at 50% of the monthly fee; credits below $10 are not issued.

3. Claims
Submit a support ticket within 30 days of the incident, with the dates and times.

4. Exclusions
- Scheduled maintenance announced 48 hours in advance
- Force majeure; denial of service attacks; customer equipment
Service credits are the sole and exclusive remedy.
"""

FRAGMENTS = ["99.9%", "99.99 %", "below", "credit", "10%", "of the monthly fee", "uptime",
             "|", "---", "<", ">", "≥", "days", "business days", "hours", "per", "point",
             "\n", "\n\n", "# ", "- ", "1.", "Service Level Agreement", "SLA", "cap",
             "availability", "downtime", "$", "€", "0.5", "100%", "within", "—", "\t"]

mutation = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, len(SEED)), st.sampled_from(FRAGMENTS)),
    st.tuples(st.just("insert"), st.integers(0, len(SEED)), st.text(max_size=20)),
    st.tuples(st.just("delete"), st.integers(0, len(SEED)), st.integers(1, 40)),
    st.tuples(st.just("repeat"), st.integers(0, len(SEED)), st.integers(1, 30)),
)


def _mutate(text: str, edits: list[tuple]) -> str:
    for kind, at, arg in edits:
        at = min(at, len(text))
        if kind == "insert":
            text = text[:at] + arg + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + arg:]
        else:
            text = text[:at] + text[at:at + 20] * arg + text[at:]
    return text


def _evidence(value: object) -> Iterator[dict]:
    """Every evidence object in an extraction's JSON."""
    if isinstance(value, dict):
        if set(value) >= {"quote", "start", "end"}:
            yield value
        for item in value.values():
            yield from _evidence(item)
    elif isinstance(value, list):
        for item in value:
            yield from _evidence(item)


def _check(name: str, data: bytes) -> None:
    """Either the project's error naming the file and a problem, or an extraction whose
    every quote is the document's text at its offsets, true to its bytes and schema."""
    started = time.perf_counter()
    try:
        result = extract_bytes(Path(name), data)
    except SLAError as exc:
        if isinstance(exc, DocumentLoadError):
            assert exc.path == name and exc.problem.strip()
            assert str(exc) == f"{name}: {exc.problem}"
        else:
            assert str(exc).strip()
        return
    finally:
        assert time.perf_counter() - started < LIMIT_SECONDS
    text = read_bytes(Path(name), data).text
    dumped = result.model_dump(mode="json")
    for evidence in _evidence(dumped):
        assert 0 <= evidence["start"] <= evidence["end"] <= len(text), evidence
        assert text[evidence["start"]:evidence["end"]] == evidence["quote"], evidence
    assert result.source.sha256 == hashlib.sha256(data).hexdigest()
    assert result.source.size_bytes == len(data)
    assert SLAExtraction.model_validate_json(result.model_dump_json()) == result


FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.lists(mutation, max_size=12), st.sampled_from(["sla.txt", "sla.md"]))
def test_mutated_sla_text(edits, name) -> None:
    _check(name, _mutate(SEED, edits).encode("utf-8"))


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=15)), max_size=60),
       st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_random_sla_like_text(parts, name) -> None:
    _check(name, " ".join(parts).encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.md", "x.html", "x.pdf"]))
def test_random_bytes(data, name) -> None:
    _check(name, data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=8)),
                max_size=8))
def test_mutated_pdf_bytes(make_pdf: PdfMaker, edits) -> None:
    data = bytearray(make_pdf(SEED.splitlines()[:12]))
    for at, chunk in edits:
        at = min(at, len(data))
        data[at:at + len(chunk)] = chunk
    _check("m.pdf", bytes(data))


XML_FRAGMENTS = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>",
                 "<w:tr>", "<w:tc>", "</w:tc>", "<w:vMerge/>", '<w:gridSpan w:val="9999999"/>',
                 '<w:numPr><w:numId w:val="7"/></w:numPr>', '<w:pStyle w:val="Heading1"/>',
                 "<w:br/>", "<w:sdt><w:sdtContent>", "&amp;", "<", ">", '"', "99.9%"]


def _seed_docx() -> tuple[bytes, dict[str, bytes]]:
    import io
    import zipfile

    import docx

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Acme Cloud SLA"
    lines = SEED.splitlines()
    word.add_heading(lines[0], level=0)
    for line in lines[1:]:
        if line.startswith("|"):
            continue
        word.add_paragraph(line.lstrip("- "), style="List Bullet" if line.startswith("- ")
                           else None)
    grid = word.add_table(rows=2, cols=2)
    for i, text in enumerate(["Uptime", "Credit", "< 99.95%", "10%"]):
        grid.cell(i // 2, i % 2).text = text
    buffer = io.BytesIO()
    word.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return buffer.getvalue(), {i.filename: archive.read(i.filename) for i in archive.infolist()}


SEED_DOCX, SEED_PARTS = _seed_docx()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20_000), st.sampled_from(XML_FRAGMENTS)), max_size=6),
       st.sampled_from(["word/document.xml", "word/styles.xml", "word/header1.xml"]))
def test_mutated_docx_parts(edits, part) -> None:
    import io
    import zipfile

    data = SEED_PARTS[part].decode("utf-8")
    for at, fragment in edits:
        at = min(at, len(data))
        data = data[:at] + fragment + data[at:]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in SEED_PARTS.items():
            archive.writestr(name, data.encode("utf-8") if name == part else blob)
    _check("m.docx", buffer.getvalue())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40_000), st.binary(min_size=1, max_size=8)),
                max_size=6))
def test_mutated_docx_bytes(edits) -> None:
    data = bytearray(SEED_DOCX)
    for at, chunk in edits:
        at = min(at, len(data))
        data[at:at + len(chunk)] = chunk
    _check("m.docx", bytes(data))


def test_seed_docx_is_an_sla() -> None:
    result = extract_bytes(Path("seed.docx"), SEED_DOCX)
    assert result.provider == "Acme Cloud"
    assert [t.percent for t in result.uptime_targets] == [99.95]


def test_seed_is_an_sla() -> None:
    result = extract_bytes(Path("seed.txt"), SEED.encode())
    assert [t.percent for t in result.uptime_targets] == [99.95]


# Long runs that send a backtracking pattern quadratic, inserted anywhere in the SLA.
LONG_RUNS = st.tuples(st.sampled_from(["9", "9,", "9.", "[", "](", "*a ", "_", "<table>x",
                                       "<div>", "|", "-", "(", "{:", "99.9% "]),
                      st.integers(2_000, 20_000))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SEED)), LONG_RUNS), min_size=1, max_size=3),
       st.sampled_from(["sla.txt", "sla.md", "sla.html"]))
def test_sla_with_long_runs(edits, name) -> None:
    text = SEED
    for at, (unit, size) in edits:
        at = min(at, len(text))
        text = text[:at] + unit * (size // len(unit)) + text[at:]
    _check(name, text.encode("utf-8"))
