"""The registry of field families: what each proposes and what it needs first.

A field family is one module in ``extractor/extract/fields/`` that declares itself with
``@field_family``: its name, the extraction paths it proposes candidates for, and the
paths whose resolved values it reads (credit schedules read the uptime targets, to tie
a schedule to the service whose target it matches). The pipeline imports every module
of the package and runs the families in dependency order; nothing else lists them.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.extract.candidates import Candidate

if TYPE_CHECKING:
    from extractor.extract.context import Context

Propose = Callable[["Context"], Iterable[Candidate]]


@dataclass(frozen=True)
class FieldFamily:
    name: str
    paths: tuple[str, ...]
    propose: Propose
    needs: tuple[str, ...] = ()


_FAMILIES: dict[str, FieldFamily] = {}


def field_family(name: str, paths: tuple[str, ...], needs: tuple[str, ...] = ()
                 ) -> Callable[[Propose], Propose]:
    """Register ``propose`` as the family ``name``."""
    def register(propose: Propose) -> Propose:
        if name in _FAMILIES and _FAMILIES[name].propose is not propose:
            raise ValueError(f"field family {name!r} is registered twice")
        _FAMILIES[name] = FieldFamily(name, paths, propose, needs)
        return propose
    return register


def _import_fields() -> None:
    import extractor.extract.fields as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


def families() -> list[FieldFamily]:
    """Every registered family, each after the families whose paths it needs."""
    _import_fields()
    producers = {path: fam.name for fam in _FAMILIES.values() for path in fam.paths}
    ordered: list[FieldFamily] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(fam: FieldFamily) -> None:
        if fam.name in placed:
            return
        if fam.name in visiting:
            raise ValueError(f"field family {fam.name!r} needs itself through {fam.needs}")
        visiting.add(fam.name)
        for path in fam.needs:
            if path not in producers:
                raise ValueError(f"field family {fam.name!r} needs {path!r}, which no family "
                                 "proposes")
            place(_FAMILIES[producers[path]])
        visiting.discard(fam.name)
        placed.add(fam.name)
        ordered.append(fam)

    for fam in sorted(_FAMILIES.values(), key=lambda f: f.name):
        place(fam)
    return ordered
