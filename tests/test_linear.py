"""Every regular expression the extractor compiles is linear in its input.

The patterns are gathered by recording every ``re.compile`` the ``extractor`` package
makes at import (in a fresh interpreter, so none is missed for having been imported
already), then each is run over adversarial long inputs at two sizes. Four times the
input may cost about four times the time; a quadratic pattern costs sixteen times.
Field patterns get the text as readers hand it over (``normalize_inline``: single
spaces), reader patterns the raw lines.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.fields.common import PERCENT_RE
from extractor.extract.pipeline import extract_bytes
from extractor.extract.readers.text import (
    _pipe_table,
    _pipe_tables,
    strip_emphasis,
    strip_links,
)
from tests import hostile

ROOT = Path(__file__).resolve().parent.parent

# Repeated units: digit runs, separators, brackets, markers, words, spaces.
UNITS = ["9", "9,", "9.", "9,999", "9 ", "[", "](", "[](x ", "*a ", "_a ", "*", "_",
         "<table>", "<a ", " ", "\t", "-", "|", "| ", "a", "a ", "99.9% ", "- ", "{:", "(",
         '"', ".", "%", "up to ", "service credit ", "99.9 - "]
SMALL, LARGE = 1500, 6000
GROWTH = 9.0        # linear is 4x; quadratic 16x
FLOOR = 0.03        # seconds: below this a large input is fast whatever the ratio

SCAN = r"""
import json, re, sys, time
compiled = {}
original = re.compile
def record(pattern, flags=0):
    result = original(pattern, flags)
    frame = sys._getframe(1)
    while frame and frame.f_globals.get("__name__", "").startswith("re"):
        frame = frame.f_back
    module = frame.f_globals.get("__name__", "") if frame else ""
    if module.startswith("extractor") and isinstance(result.pattern, str):
        compiled.setdefault((result.pattern, result.flags), (f"{module}:{frame.f_lineno}", result))
    return result
re.compile = record
import importlib, pkgutil, extractor
for info in pkgutil.walk_packages(extractor.__path__, "extractor."):
    importlib.import_module(info.name)
re.compile = original
from extractor.extract.document import normalize_inline
units, small, large, growth, floor = json.loads(sys.argv[1])

def cost(pattern, text, rounds):
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best

def text(unit, size, where):
    raw = unit * (size // len(unit) + 1)
    return raw if ".readers." in where else normalize_inline(raw)

offenders = []
for where, pattern in compiled.values():
    for unit in units:
        a, b = text(unit, small, where), text(unit, large, where)
        if not b:
            continue
        ta, tb = cost(pattern, a, 1), cost(pattern, b, 1)
        if tb > floor and tb > growth * ta:  # measure again before blaming it
            ta, tb = cost(pattern, a, 3), cost(pattern, b, 3)
            if tb > floor and tb > growth * ta:
                offenders.append([where, unit, round(ta, 4), round(tb, 4)])
print(json.dumps({"patterns": len(compiled), "offenders": offenders}))
"""

# Patterns in files this change does not own (fields/targets.py, pipeline.py), known to
# grow faster than linearly on a run of letters / digits; reported for their owner.
KNOWN = {
    ("extractor.extract.fields.targets", "a"),
    ("extractor.extract.pipeline", "9"),
}


@pytest.fixture(scope="module")
def scan() -> dict:
    args = json.dumps([UNITS, SMALL, LARGE, GROWTH, FLOOR])
    done = subprocess.run([sys.executable, "-c", SCAN, args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=True)
    return json.loads(done.stdout)


def test_every_compiled_pattern_is_found(scan: dict) -> None:
    assert scan["patterns"] > 150  # the recorder sees the fields' patterns, not a few


def test_no_pattern_grows_faster_than_linear(scan: dict) -> None:
    unexpected = [o for o in scan["offenders"]
                  if (o[0].split(":")[0], o[1]) not in KNOWN]
    assert not unexpected, f"super-linear (where, unit, s at {SMALL}, s at {LARGE}): {unexpected}"


# Whole documents: the junk appended after a good SLA costs time in proportion to its
# size, and the SLA in front of it is still read.
JUNK = {
    "digits.txt": hostile.digit_run,
    "digits.md": hostile.digit_run,
    "brackets.md": hostile.bracket_line,
    "brackets.txt": hostile.bracket_line,
    "emphasis.md": hostile.emphasis_line,
    "tags.md": hostile.unclosed_tags,
    "tags.html": hostile.unclosed_tags,
}


@pytest.mark.parametrize("name", sorted(JUNK))
def test_junk_after_an_sla_costs_linear_time(name: str) -> None:
    def run(size: int) -> float:
        data = hostile.with_junk(JUNK[name](size))
        start = time.perf_counter()
        result = extract_bytes(Path(name), data)
        assert [t.percent for t in result.uptime_targets] == [99.95]
        return time.perf_counter() - start

    run(2_000)  # warm caches and the tokenizer
    small, large = min(run(10_000) for _ in range(2)), min(run(40_000) for _ in range(2))
    assert large < max(GROWTH * small, 0.5), (small, large)


# The linear readers give what the regular expressions they replace gave.
LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
OLD_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
OLD_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
OLD_DIGITS = r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
OLD_PERCENT = re.compile(rf"(?P<num>{OLD_DIGITS})\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "!", " ", '"', "a", "](", "\t", "x"]),
                max_size=18).map("".join))
def test_strip_links_is_the_link_pattern(line: str) -> None:
    assert strip_links(line) == LINK.sub(lambda m: m.group("text"), line)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["*", "**", "_", "__", " ", "a", "é", "\t", "1"]),
                max_size=16).map("".join))
def test_strip_emphasis_is_the_emphasis_pattern(line: str) -> None:
    assert strip_emphasis(line) == OLD_EMPHASIS.sub(lambda m: m.group(2), line)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<table>", "</table>", "</TABLE >", "<tr><td>a</td><td>b",
                                 "x", "\n", "<tables>"]), max_size=10).map("".join))
def test_pipe_tables_is_the_table_pattern(text: str) -> None:
    assert _pipe_tables(text) == OLD_TABLE.sub(lambda m: _pipe_table(m.group(0)), text)


def test_corpus_lines_read_as_before() -> None:
    files = [p for p in ROOT.glob("corpus/**/*") if p.suffix in (".md", ".txt", ".html")]
    assert len(files) > 40
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert [m.span() for m in PERCENT_RE.finditer(text)] == \
            [m.span() for m in OLD_PERCENT.finditer(text)], path
        for line in text.splitlines():
            assert strip_links(line) == LINK.sub(lambda m: m.group("text"), line), path
            assert strip_emphasis(line) == OLD_EMPHASIS.sub(lambda m: m.group(2), line), path
