"""What every field family reads, built once per document.

The context holds the document, its sentences (with heading paths and list lead-ins),
its tables as grids of cells, the role of each sentence, and the values the resolver
has settled so far, so a family that needs another's result (credits need targets)
reads it instead of recomputing it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.extract.candidates import Role
from extractor.extract.document import Block, Document
from extractor.extract.fields.common import Sentence, heading_paths, sentences
from extractor.extract.roles import sentence_role


@dataclass
class Context:
    doc: Document
    resolved: dict[str, Any] = field(default_factory=dict)
    _roles: dict[int, Role] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.doc.text

    def sentences(self, kinds: tuple[str, ...] = ("paragraph", "list_item", "heading")
                  ) -> list[Sentence]:
        return list(sentences(self.doc, kinds))

    def tables(self) -> list[Block]:
        return [b for b in self.doc.blocks if b.is_table]

    def heading_path(self, block: Block) -> str:
        return heading_paths(self.doc).get(block.start, "")

    def role(self, sentence: Sentence) -> Role:
        key = id(sentence)
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = sentence_role(sentence)
        return found

    def role_at(self, start: int) -> Role:
        """The role of the sentence holding offset ``start`` ("other" outside sentences)."""
        for s in sentences(self.doc):
            if s.start <= start < s.end:
                return self.role(s)
        return "other"
