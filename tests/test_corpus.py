"""The corpus against its labels: hand-made gold values and golden snapshots.

- ``<doc>.gold.json``: what a careful analyst reads in the document (the shared
  scorer's format); the extraction must hold every value and pass every scenario.
- ``<doc>.expected.json``: the whole extraction, evidence included; any change shows
  as a failing diff until `make expected` is run on purpose. A missing file fails.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.analysis.corpus_eval import Report, evaluate_document
from tests.golden import CORPUS, ROOT, corpus_documents, expected_path, snapshot

DOCUMENTS = corpus_documents()
IDS = [d.relative_to(CORPUS).as_posix() for d in DOCUMENTS]
SHARED_GOLD = ROOT.parent / "shared" / "gold"


def test_corpus_is_not_empty():
    assert len(DOCUMENTS) >= 10


@pytest.mark.parametrize("doc", DOCUMENTS, ids=IDS)
def test_snapshot_matches_expected(doc: Path):
    expected = expected_path(doc)
    assert expected.exists(), f"{expected.name} is missing: run `make expected` and review it"
    assert snapshot(doc) == expected.read_text(encoding="utf-8"), (
        f"{doc.name}: extraction changed; review the diff and run `make expected`")


def test_gold_labels_across_the_corpus():
    """The whole corpus (own SLAs in every format) scores at least 0.97 on fields and
    scenarios; the failure message lists every miss with its evidence."""
    report = Report()
    for doc in DOCUMENTS:
        gold_file = next(g for g in doc.parent.glob("*.gold.json")
                         if json.loads(g.read_text(encoding="utf-8"))["document"] == doc.name)
        evaluate_document(doc, json.loads(gold_file.read_text(encoding="utf-8")), report)
    assert report.documents == len(DOCUMENTS)
    misses = "\n".join(report.misses)
    assert report.field_score >= 0.97, misses
    assert report.scenario_score >= 0.97, misses


def test_shared_gold_is_perfect():
    """The five shared SLAs, labelled by hand outside this project."""
    from extractor.analysis.corpus_eval import evaluate_directory

    report = evaluate_directory(ROOT.parent / "shared" / "corpus", SHARED_GOLD)
    assert report.misses == []
    assert report.field_score == 1.0 and report.scenario_score == 1.0
