"""Several versions of one provider's SLA: grouped by provider, ordered by effective
date, and the terms of two versions side by side with what changed."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Generic, TypeVar

from extractor.app_support import presentation as P
from schemas.models import SLAExtraction

K = TypeVar("K")


@dataclass(frozen=True)
class Version(Generic[K]):
    key: K  # the caller's handle on the document (the library's sha256)
    sla: SLAExtraction  # corrections applied

    @property
    def name(self) -> str:
        """'effective 2024-03-01 (acme-2024.md)'; 'no effective date (...)'."""
        date = self.sla.effective_date
        when = f"effective {date.isoformat()}" if date else "no effective date"
        return f"{when} ({PurePath(self.sla.source.path).name})"


def _provider(sla: SLAExtraction) -> str | None:
    return " ".join(sla.provider.split()).casefold() if sla.provider else None


def versions(documents: Sequence[tuple[K, SLAExtraction]]) -> dict[str, list[Version[K]]]:
    """{provider: its versions, oldest first} for every provider with two documents or
    more. A document without an effective date goes first (its age is unknown); a
    document without a provider name is in no group."""
    groups: dict[str, list[Version[K]]] = {}
    shown: dict[str, str] = {}
    for key, sla in documents:
        found = _provider(sla)
        if found is None:
            continue
        shown.setdefault(found, sla.provider or found)
        groups.setdefault(found, []).append(Version(key, sla))
    return {shown[g]: sorted(vs, key=lambda v: (v.sla.effective_date is not None,
                                                v.sla.effective_date, v.name))
            for g, vs in groups.items() if len(vs) > 1}


def term_diff(older: SLAExtraction, newer: SLAExtraction) -> list[dict[str, object]]:
    """One row per term (effective date, each target, the comparison's terms): the two
    versions' values in words and whether they differ."""
    a, b = P.provider_labels([older, newer])
    table = P.comparison_table([older, newer])
    dates = {a: older.effective_date, b: newer.effective_date}
    date_a, date_b = dates[a], dates[b]
    rows = [{"term": P.field_label("effective_date"),
             "older": date_a.isoformat() if date_a else "not stated",
             "newer": date_b.isoformat() if date_b else "not stated"}]
    rows += [{"term": term, "older": cells[a], "newer": cells[b]} for term, cells in
             table.items()]
    return [{**row, "changed": row["older"] != row["newer"]} for row in rows]
