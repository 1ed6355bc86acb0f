"""Error types. Bad input (the user's file) is kept apart from internal defects.

Only the CLI and the app turn these into messages; everything below raises them.
"""
from __future__ import annotations


class SLAError(Exception):
    """Base of every error this project raises on purpose."""


class DocumentLoadError(SLAError):
    """The input cannot be read as a document: names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:  # crosses a process pipe intact
        return (type(self), (self.path, self.problem))


class EncryptedDocumentError(DocumentLoadError):
    """A PDF that needs a password (or was given a wrong one)."""


class ServiceSelectionError(SLAError):
    """A scenario names a service that the SLA lacks, or names several ambiguously."""


class ScenarioError(SLAError):
    """A scenario that cannot be evaluated as given."""


class ResourceLimitError(DocumentLoadError):
    """A document refused for what reading it would cost: ``limit`` names which limit
    (``time``, ``memory``, ``inflated``, ``characters``) it went over."""

    def __init__(self, path: object, limit: str, problem: str) -> None:
        self.limit = limit
        super().__init__(path, problem)

    def __reduce__(self) -> tuple[object, ...]:  # crosses a process pipe intact
        return (type(self), (self.path, self.limit, self.problem))
