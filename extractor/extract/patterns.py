"""Patterns built from named word lists, each behind a cheap substring gate.

A regex over every sentence is the slow part of extraction, and most sentences cannot
match: a ``Gated`` pattern first checks that the lower-cased text holds one of its hint
words. ``words_pattern`` builds both the regex and its gate from one word list, so a
word is never typed twice; ``tests/test_gates.py`` checks every hand-written hint set
against every match in the corpus.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import ClassVar


class Gated:
    """A pattern that can only match text holding one of ``hints`` (lower-case
    substrings of any match) in each group: the substring checks run first and are far
    cheaper than the regex, which most sentences would fail. ``tests/test_gates.py``
    checks every registered hint set against every match in the corpus."""

    registry: ClassVar[list[Gated]] = []

    __slots__ = ("groups", "pattern")

    def __init__(self, pattern: re.Pattern[str], *groups: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.groups = groups
        Gated.registry.append(self)

    def could_match(self, text: str) -> bool:
        return self.admits(text.lower())

    def admits(self, lowered: str) -> bool:
        """``could_match`` for text already lower-cased."""
        for group in self.groups:
            for hint in group:
                if hint in lowered:
                    break
            else:
                return False
        return True

    def search(self, text: str, pos: int = 0, lowered: str | None = None) -> re.Match[str] | None:
        """``lowered``: ``text`` lower-cased, when the caller has it already."""
        if not self.admits(text.lower() if lowered is None else lowered):
            return None
        return self.pattern.search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.could_match(text) else iter(())


class Leftmost:
    """One pattern's alternatives split by how they begin (a word, a digit), each behind
    its own gate: the leftmost match of any of them, which is the match the single
    pattern finds as long as no two parts can match at the same position. A part that
    opens with a digit lets the regex engine skip to the next digit."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Gated) -> None:
        self.parts = parts

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        best = None
        lowered = text.lower()
        for part in self.parts:
            found = part.search(text, pos, lowered)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while (found := self.search(text, pos)) is not None:
            yield found
            pos = max(found.end(), found.start() + 1)


def words_pattern(words: Iterable[str], flags: int = re.IGNORECASE) -> Gated:
    """A pattern matching any of ``words`` as whole words, gated by the words themselves."""
    listed = tuple(dict.fromkeys(w.lower() for w in words))
    alternatives = "|".join(re.escape(w) for w in sorted(listed, key=len, reverse=True))
    return Gated(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags), listed)
