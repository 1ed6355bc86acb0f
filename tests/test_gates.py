"""The substring gates in front of long patterns never hide a match.

A gate is a set of lower-case substrings, at least one of which any match of its
pattern must hold. A gate that forgets a word silently drops findings, so each one is
checked against every match its pattern finds anywhere in the corpus (every labelled
document of every format and the shared SLAs), and against sentences written to hit
each pattern's less common branches.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from extractor.extract.patterns import Gated
from extractor.extract.pipeline import extract_file
from extractor.extract.registry import families
from tests.golden import ROOT, corpus_documents

EXTRA_SENTENCES = [
    "Service credits are 10 % of the fee when uptime drops below 99%.",
    "The refund is 25% of the invoice.",
    "A credit equal to 5% of your monthly subscription.",
    "We pay 10% of that month's charges back.",
    "The credit rises to 30% if it happens again.",
    "Below 95%, it is 50%.",
    "Each miss earns 5% of the fee.",
    "A month at 99.5% earns nothing, and 98.5% earns 10%.",
    "1% of the fee for each 1% below the target, per every percentage point.",
    "Availability statistics are for information only.",
    "Outages caused by the networks of an upstream provider or a card scheme.",
    "Services hosted by another company, or Non-Acme build-packs, or your ISP.",
    "Failures of a payment processor, a bank, a domain registrar or a DNS resolver.",
    "Claims must be submitted to get the credit; notify us by the deadline.",
    "Open a support ticket, or log a case for the incident.",
    "We announce maintenance in advance and inform you beforehand.",
    "Severity 1 issues raised through the support portal get a reply.",
    "We will refund the credit to your card, or it is added to the end of your subscription.",
    "Unused service credits expire on termination and are forfeited at non-renewal.",
    "Credits are applied to the next invoice; you may terminate after three consecutive months.",
    "Credits are pro-rated, or ten times the fees for the period of downtime are credited.",
    "5% for each full half-hour, or a full week's cost, or one month of free hosting.",
    "Issued 2 February 2025\nThese terms are issued on 1 March 2025.",
]


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[str, ...]:
    docs = corpus_documents() + sorted((ROOT.parent / "shared" / "corpus").glob("*"))
    return tuple(extract_file_text(d) for d in docs if d.is_file()) + tuple(EXTRA_SENTENCES)


def extract_file_text(path) -> str:
    from extractor.extract.readers import ReadOptions, load_bytes, read_bytes

    return read_bytes(path, load_bytes(path, ReadOptions())).text


def _gates() -> list[tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...]]]:
    # exclusion categories, credit parts, provider roles ... : every gate registers itself
    return [(g.pattern.pattern[:60], g.pattern, g.groups) for g in Gated.registry]


families()  # imports every field module, registering its gates
GATES = _gates()


def test_every_gate_is_checked():
    assert len(GATES) >= 15


@pytest.mark.parametrize("label,pattern,groups", GATES, ids=[g[0] for g in GATES])
def test_gate_holds_for_every_match_in_the_corpus(label, pattern, groups):
    matches = 0
    for text in corpus_texts():
        for m in pattern.finditer(text):
            if not m.group(0):
                continue
            matches += 1
            found = m.group(0).lower()
            for group in groups:
                assert any(h in found for h in group), (
                    f"{label!r} matched {m.group(0)!r}, which holds none of {group}")
    assert matches, f"{label!r} matches nothing in the corpus: the check proves nothing"


def test_gated_search_agrees_with_the_bare_pattern():
    for gate in Gated.registry:
        for text in EXTRA_SENTENCES:
            bare = gate.pattern.search(text)
            gated = gate.search(text)
            assert (bare and bare.span()) == (gated and gated.span())


def test_a_gate_refuses_text_without_its_hints():
    gate = Gated(re.compile(r"credit"), ("credit",))
    Gated.registry.remove(gate)
    assert gate.search("no such word here") is None
    assert gate.search("a credit").span() == (2, 8)
    assert list(gate.finditer("a b c")) == []


def test_extraction_is_unchanged_by_a_gate(tmp_path):
    """A sentence each gated pattern reads still yields its value end to end."""
    doc = tmp_path / "gated.txt"
    doc.write_text(
        "Service Level Agreement\n\n"
        "We will make the Service available 99.9% of the time in each calendar month.\n\n"
        "If availability is below 99.9% you receive a service credit of 10% of the monthly fee.\n\n"
        "Claims must be submitted by email within 30 days of the incident.\n\n"
        "We announce maintenance at least 48 hours in advance.\n\n"
        "Exclusions\n\n- Failures of third-party networks\n", encoding="utf-8")
    result = extract_file(doc)
    assert [t.percent for t in result.uptime_targets] == [99.9]
    assert result.credit_schedules and result.credit_schedules[0].tiers[0].credit_percent == 10
    assert result.claim.deadline_days == 30 and result.claim.channel == "email"
    assert result.maintenance_notice_hours == 48
    assert [e.category for e in result.exclusions] == ["third_party"]


def _leftmost_patterns():
    from extractor.extract.fields import credits
    from extractor.extract.patterns import Leftmost

    found = [(name, value) for name, value in vars(credits).items() if isinstance(value, Leftmost)]
    assert len(found) >= 2
    return found


@pytest.mark.parametrize("name,split", _leftmost_patterns(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_split_pattern_finds_what_the_whole_pattern_finds(name, split):
    """A pattern split into parts (each behind its own gate) finds the same matches,
    with the same figure, as the parts joined back into one alternation, on every line
    of the corpus."""
    whole = re.compile("|".join(f"(?:{p.pattern.pattern})" for p in split.parts),
                       split.parts[0].pattern.flags)

    def found(matches):
        return [(m.span(), next(g for g in m.groups() if g)) for m in matches]

    compared = 0
    for text in corpus_texts():
        for line in text.split("\n"):
            expected = found(whole.finditer(line))
            assert found(split.finditer(line)) == expected, (name, line)
            compared += len(expected)
    assert compared, f"{name} matches nothing in the corpus"


@pytest.mark.parametrize("text", [
    "within 4 h", "4h", "H", "the hour", "48 hrs", "5 mins", "admin console", "shh", "a_h b",
    "Month", "weekday", "café h", "éh", "30 Days", "no unit here", "h2o", "4h2", "",
])
def test_unit_test_in_pieces_agrees_with_the_whole_pattern(text):
    from extractor.extract.fields.common import UNIT_HINT, names_a_unit

    assert names_a_unit(text) == bool(UNIT_HINT.search(text))


def test_unit_test_agrees_on_every_corpus_line():
    from extractor.extract.fields.common import UNIT_HINT, names_a_unit

    lines = [line for text in corpus_texts() for line in text.split("\n")]
    assert len(lines) > 1000
    assert [names_a_unit(line) for line in lines] == [bool(UNIT_HINT.search(line))
                                                      for line in lines]


def test_unit_test_agrees_on_generated_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extractor.extract.fields.common import UNIT_HINT, names_a_unit

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet="hH4 _-éminoutrdaywk.", max_size=16))
    def agree(text):
        assert names_a_unit(text) == bool(UNIT_HINT.search(text))

    agree()
