"""Several versions of one provider's SLA, ordered by effective date, and their diff."""
from __future__ import annotations

from pathlib import Path

from extractor.app_support import versions as V
from extractor.extract.pipeline import extract_bytes

OLD = b"""Acme Cloud Service Level Agreement
Effective date: January 1, 2023

Acme will make the Service available with a Monthly Uptime Percentage of at least 99.9%.

| Monthly Uptime Percentage | Service Credit |
|---|---|
| Less than 99.9% but at least 99.0% | 10% |
| Less than 99.0% | 25% |

To receive a credit, you must submit a claim within 14 days of the incident.
"""
NEW = (OLD.replace(b"January 1, 2023", b"March 1, 2024")
       .replace(b"at least 99.9%.", b"at least 99.95%.")
       .replace(b"14 days", b"30 days"))
OTHER = OLD.replace(b"Acme Cloud", b"Borealis Hosting").replace(b"Acme", b"Borealis")


def _sla(name: str, data: bytes):
    return extract_bytes(Path(name), data)


def test_versions_group_by_provider_and_order_by_effective_date():
    new, old, other = _sla("acme-2024.md", NEW), _sla("acme-2023.md", OLD), _sla("b.md", OTHER)
    groups = V.versions([("n", new), ("o", old), ("x", other)])
    assert list(groups) == ["Acme Cloud"]  # Borealis has one document: no versions
    assert [v.key for v in groups["Acme Cloud"]] == ["o", "n"]
    assert groups["Acme Cloud"][0].name == "effective 2023-01-01 (acme-2023.md)"


def test_term_diff_says_what_changed():
    rows = {r["term"]: r for r in V.term_diff(_sla("a.md", OLD), _sla("b.md", NEW))}
    assert rows["Effective date"]["older"] == "2023-01-01"
    assert rows["Effective date"]["newer"] == "2024-03-01"
    target = rows["Target: (whole offering)"]
    assert (target["older"], target["newer"], target["changed"]) == ("99.9%", "99.95%", True)
    claim = rows["Claim deadline"]
    assert claim["older"] == "14 calendar days from the incident" and claim["changed"]
    assert not rows["Credit cap"]["changed"]
    assert all(r["older"] is not None and r["newer"] is not None for r in rows.values())
