"""The SQLite library: corpus on first start, uploads, removal, cache, corrections."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import extractor.app_support.library as library_module
from extractor.app_support.library import (
    Library,
    UnknownDocumentError,
    check_scenario,
    corpus_files,
    default_path,
)
from extractor.app_support.presentation import apply_corrections, export_json
from extractor.errors import DocumentLoadError, ScenarioError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SLA = b"""Acme Cloud Service Level Agreement

Acme will use commercially reasonable efforts to make the Service available with a
Monthly Uptime Percentage of at least 99.9%. If Acme does not meet this service level,
you will be eligible to receive a Service Credit.

| Monthly Uptime Percentage | Service Credit |
|---|---|
| Less than 99.9% but at least 99.0% | 10% |
| Less than 99.0% | 25% |

To receive a credit, you must submit a claim within 30 days of the incident.
"""


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "invalid").mkdir(parents=True)
    (corpus / "rendered").mkdir()
    shutil.copy(CORPUS / "amberflo.txt", corpus)
    shutil.copy(CORPUS / "cloudvno.md", corpus)
    (corpus / "amberflo.gold.json").write_text("{}")
    (corpus / "SOURCES.md").write_text("# Sources\n")
    (corpus / "OWN_CORPUS.md").write_text("# About this corpus\n")
    (corpus / "invalid" / "broken.pdf").write_bytes(b"not a pdf")
    (corpus / "rendered" / "x.html").write_text("<p>x</p>")
    return corpus


def test_default_path_env_and_platformdirs(monkeypatch, tmp_path):
    monkeypatch.setenv("SLA_LIBRARY_PATH", str(tmp_path / "lib.db"))
    assert default_path() == tmp_path / "lib.db"
    monkeypatch.delenv("SLA_LIBRARY_PATH")
    assert "sla-extractor" in str(default_path())


def test_corpus_dir_env(monkeypatch, tmp_path, small_corpus):
    monkeypatch.setenv("SLA_CORPUS_DIR", str(small_corpus))
    assert len(Library(tmp_path / "lib.db").entries()) == 2


def test_corpus_files_are_top_level_documents_only(small_corpus):
    assert [p.name for p in corpus_files(small_corpus)] == ["amberflo.txt", "cloudvno.md"]


def test_real_corpus_is_loaded_without_labels_or_subfolders():
    names = {p.name for p in corpus_files(CORPUS)}
    assert "ibm-cloud.md" in names and "SOURCES.md" not in names
    assert "OWN_CORPUS.md" not in names and len(names) >= 20
    assert not any(n.endswith(".json") for n in names)


def test_first_start_loads_corpus_and_persists(tmp_path, small_corpus):
    db = tmp_path / "lib.db"
    lib = Library(db, corpus=small_corpus)
    entries = lib.entries()
    assert [e.label for e in entries] == ["Amberflo", "CloudVNO"]
    assert all(e.origin == "corpus" for e in entries)
    again = Library(db, corpus=small_corpus)
    assert [e.sha256 for e in again.entries()] == [e.sha256 for e in entries]


def test_removed_corpus_document_stays_removed(tmp_path, small_corpus):
    db = tmp_path / "lib.db"
    lib = Library(db, corpus=small_corpus)
    first = lib.entries()[0]
    assert lib.remove(first.sha256)
    assert first.sha256 not in {e.sha256 for e in Library(db, corpus=small_corpus).entries()}


def test_add_is_idempotent_and_listed(tmp_path):
    lib = Library(tmp_path / "lib.db", corpus=None)
    sha = lib.add("acme.md", SLA)
    assert lib.add("acme-copy.md", SLA) == sha
    (entry,) = lib.entries()
    assert entry.origin == "upload" and entry.extraction.provider == "Acme Cloud"
    assert entry.extraction.uptime_targets[0].percent == 99.9
    ev = entry.extraction.uptime_targets[0].evidence
    assert entry.text[ev.start:ev.end] == ev.quote


def test_add_many_reports_bad_files_and_keeps_good_ones(tmp_path):
    lib = Library(tmp_path / "lib.db", corpus=None)
    added, errors = lib.add_many([("good.md", SLA), ("bad.docx", b"xx"), ("bad.pdf", b"nope")])
    assert len(added) == 1 and len(errors) == 2
    assert "bad.docx" in errors[0]
    assert len(lib.entries()) == 1
    with pytest.raises(DocumentLoadError):
        lib.add("x.exe", b"MZ")


def test_extraction_is_cached_by_content_hash(tmp_path, monkeypatch):
    db = tmp_path / "lib.db"
    Library(db, corpus=None).add("acme.md", SLA)

    def boom(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr(library_module, "extract_limited_with_text", boom)
    reopened = Library(db, corpus=None)
    assert reopened.entries()[0].extraction.provider == "Acme Cloud"
    reopened.add("same-bytes.md", SLA)  # same content: cache hit, no extraction


def test_cache_key_change_reextracts(tmp_path, monkeypatch):
    db = tmp_path / "lib.db"
    Library(db, corpus=None).add("acme.md", SLA)
    monkeypatch.setattr(library_module, "_extractor_fingerprint", lambda: "other-version")
    calls = []
    real = library_module.extract_limited_with_text
    monkeypatch.setattr(library_module, "extract_limited_with_text",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    assert Library(db, corpus=None).entries()[0].extraction.provider == "Acme Cloud"
    assert calls == [1]


def test_corrections_are_stored_beside_the_extracted_value(tmp_path):
    db = tmp_path / "lib.db"
    lib = Library(db, corpus=None)
    sha = lib.add("acme.md", SLA)
    lib.add_correction(sha, "credit_cap_percent", 50, note="per contract §4")
    lib.add_correction(sha, "uptime_targets.0.percent", 99.95)
    entry = Library(db, corpus=None).entries()[0]
    sla = entry.extraction
    assert sla.credit_cap_percent is None  # the extracted value is kept
    assert sla.uptime_targets[0].percent == 99.9
    assert [(c.path, c.value, c.note) for c in sla.corrections] == [
        ("credit_cap_percent", 50, "per contract §4"), ("uptime_targets.0.percent", 99.95, None)]
    fixed = apply_corrections(sla)
    assert fixed.credit_cap_percent == 50 and fixed.uptime_targets[0].percent == 99.95
    exported = json.loads(export_json([sla]))
    assert exported["credit_cap_percent"] == 50  # the effective value
    assert exported["corrections"][0]["value"] == 50
    assert exported["corrections"][0]["extracted_value"] is None
    assert lib.remove_corrections(sha, "credit_cap_percent") == 1
    assert [c.path for c in lib.entries()[0].extraction.corrections] == [
        "uptime_targets.0.percent"]


def test_correction_of_unknown_document_is_refused(tmp_path):
    lib = Library(tmp_path / "lib.db", corpus=None)
    with pytest.raises(UnknownDocumentError, match="not in the library"):
        lib.add_correction("0" * 64, "provider", "X")


def test_duplicates_are_reported_not_added_twice(tmp_path):
    lib = Library(tmp_path / "lib.db", corpus=None)
    first, second = lib.add_documents([("acme.md", SLA), ("acme-copy.md", SLA)])[0]
    assert first.duplicate_of is None and first.name == "acme.md"
    assert second.duplicate_of == "acme.md" and second.name == "acme-copy.md"
    assert second.sha256 == first.sha256
    assert lib.add_document("again.md", SLA).duplicate_of == "acme.md"
    assert len(lib.entries()) == 1


def test_remove_keeps_corrections_and_can_be_undone(tmp_path):
    lib = Library(tmp_path / "lib.db", corpus=None)
    sha = lib.add("acme.md", SLA)
    lib.add_correction(sha, "credit_cap_percent", 50)
    assert lib.remove(sha) and lib.entries() == []
    with pytest.raises(UnknownDocumentError):
        lib.add_correction(sha, "credit_cap_percent", 40)
    assert lib.restore(sha)
    (entry,) = lib.entries()
    assert [c.value for c in entry.extraction.corrections] == [50]
    lib.remove(sha)
    assert lib.add_document("acme.md", SLA).restored  # uploading it again brings it back
    assert len(lib.entries()) == 1


def test_another_process_removal_is_seen(tmp_path):
    """Two Library objects on one file stand for two app processes."""
    db = tmp_path / "lib.db"
    mine, theirs = Library(db, corpus=None), Library(db, corpus=None)
    sha = mine.add("acme.md", SLA)
    assert [e.sha256 for e in theirs.entries()] == [sha]
    mine.entries()  # cached here
    theirs.remove(sha)
    assert mine.entries() == []  # not the stale cached entry
    with pytest.raises(UnknownDocumentError):
        mine.add_correction(sha, "provider", "X")
    theirs.restore(sha)
    theirs.add_correction(sha, "provider", "Acme Corp")
    assert mine.entries()[0].extraction.corrections[0].value == "Acme Corp"


def test_extraction_runs_outside_the_lock(tmp_path, monkeypatch):
    lib = Library(tmp_path / "lib.db", corpus=None)
    seen = []
    real = Library.extract

    def spy(self, name, data):
        # the lock is free while extracting: other threads are not kept waiting
        seen.append(self._lock._is_owned())
        return real(self, name, data)

    monkeypatch.setattr(Library, "extract", spy)
    lib.add("acme.md", SLA)
    assert seen == [False]


def test_saved_scenarios_refuse_booleans_for_numbers(tmp_path):
    lib = Library(tmp_path / "lib.db", corpus=None)
    with pytest.raises(ScenarioError, match="availability_percent must be a number, got true"):
        lib.save_scenario("bad", {"availability_percent": True})
    with pytest.raises(ScenarioError, match="monthly_fee"):
        check_scenario({"downtime_minutes": 60, "monthly_fee": "100"})
    lib.save_scenario("Six hours down", {"downtime_minutes": 360, "monthly_fee": 1000})
    assert lib.scenarios() == {"Six hours down": {"downtime_minutes": 360, "monthly_fee": 1000}}
    assert lib.delete_scenario("Six hours down") and lib.scenarios() == {}


def test_extraction_runs_under_limits_and_names_the_one_it_hit(tmp_path):
    from extractor.operations.limits import Limits

    lib = Library(tmp_path / "lib.db", corpus=None, limits=Limits(timeout=0.001))
    added, errors = lib.add_documents([("slow.md", SLA)])
    assert added == [] and len(errors) == 1
    assert errors[0].startswith("slow.md: took longer than the 0.001-second limit")
    assert lib.entries() == []  # nothing stored
    lib.limits = Limits()  # the library keeps working for the next document
    assert lib.add_document("acme.md", SLA).duplicate_of is None


def test_memory_limit_refuses_a_document_with_its_reason(tmp_path):
    from extractor.operations.limits import Limits

    lib = Library(tmp_path / "lib.db", corpus=None, limits=Limits(memory_mb=1))
    _, errors = lib.add_documents([("big.md", SLA * 40000)])  # 20 MB of text
    assert len(errors) == 1 and "big.md" in errors[0] and "memory" in errors[0], errors
