"""The app's document library: a local SQLite file of SLAs, their extractions and the
user's corrections.

- Documents are stored by the sha256 of their bytes (adding the same bytes twice is a
  no-op that ``add_document`` reports as a duplicate); their extraction is cached by content
  hash + schema version + a fingerprint of the extractor's code, so reopening the app does
  not extract again.
- Corrections live in their own table, beside the extracted values; ``entries()`` puts
  them in ``SLAExtraction.corrections`` and never changes the extracted values.
- On the first start (a new file) the sample corpus is loaded; removing a corpus
  document later is remembered (the corpus is not loaded again).
- Removing a document marks it removed (its corrections kept) so that ``restore`` undoes it.
- Several processes may share the file: every write bumps a generation counter in the
  same transaction, and ``entries()`` re-reads when the counter moved.
- Extraction runs outside the lock (a slow document must not block other callers), in
  one place, ``Library.extract``: in a child process under time and memory limits
  (``extract_limited``), so a huge or hostile upload is refused with the limit it hit
  (``ResourceLimitError``) and costs the app's other users no memory, lock or GIL.

Path: ``SLA_LIBRARY_PATH`` or ``platformdirs.user_data_dir("sla-extractor")/library.sqlite3``.
Corpus loaded on first start: ``SLA_CORPUS_DIR`` (relative paths from the current
directory) or the repository's corpus/.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from extractor.analysis.engine import parse_scenario
from extractor.errors import DocumentLoadError, ScenarioError, SLAError
from extractor.extract.readers import SUPPORTED_SUFFIXES, ReadOptions
from extractor.operations.limits import Limits, extract_limited_with_text
from schemas.models import SCHEMA_VERSION, Correction, SLAExtraction

ENV_VAR = "SLA_LIBRARY_PATH"
CORPUS_ENV_VAR = "SLA_CORPUS_DIR"
ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "corpus"
_DEFAULT = object()
# Files in corpus/ that describe the corpus rather than being SLAs; so do files named
# in capitals (SOURCES.md, OWN_CORPUS.md, README.md).
NOT_DOCUMENTS = frozenset({"sources.md", "readme.md", "license.md", "licence.md"})
# what the cached extractions depend on: how documents are read and resolved, and the schemas
EXTRACTION_PACKAGE = ROOT / "extractor" / "extract"
SCHEMAS_PACKAGE = ROOT / "schemas"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, data BLOB NOT NULL,
    origin TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (
    sha256 TEXT NOT NULL, cache_key TEXT NOT NULL, extraction TEXT NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (sha256, cache_key));
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL, path TEXT NOT NULL,
    value TEXT NOT NULL, note TEXT, corrected_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scenarios (name TEXT PRIMARY KEY, scenario TEXT NOT NULL,
    saved_at TEXT NOT NULL);
"""
_GENERATION = "SELECT value FROM meta WHERE key='generation'"
_BUMP = ("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) "
         "DO UPDATE SET value = CAST(value AS INTEGER) + 1")


class UnknownDocumentError(SLAError):
    """A document that is not (or no longer) in the library."""

    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(f"document {sha256[:12]} is not in the library "
                         f"(removed, perhaps in another window)")


@dataclass(frozen=True)
class Added:
    """What ``add_document`` did: the document's sha256, the name it was added under,
    and whether the same bytes were there already (``duplicate_of``: their name)."""

    sha256: str
    name: str
    duplicate_of: str | None = None
    restored: bool = False


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def default_path() -> Path:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("sla-extractor")) / "library.sqlite3"


def default_corpus() -> Path:
    env = os.environ.get(CORPUS_ENV_VAR, "").strip()
    return Path(env).expanduser() if env else CORPUS_DIR


def corpus_files(corpus: Path = CORPUS_DIR) -> list[Path]:
    """The top-level sample documents (not gold labels, not rendered/ or invalid/)."""
    if not corpus.is_dir():
        return []
    return sorted(p for p in corpus.iterdir()
                  if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                  and p.name.lower() not in NOT_DOCUMENTS and not p.stem.isupper())


def _extractor_fingerprint() -> str:
    """The schema version and a hash of the extraction package and the schemas: any
    change to how a document is read or resolved invalidates the cached extractions."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for package in (EXTRACTION_PACKAGE, SCHEMAS_PACKAGE):
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{SCHEMA_VERSION}:{digest.hexdigest()[:16]}"


@dataclass(frozen=True)
class Entry:
    """One document of the library, its extraction (corrections included) and text."""

    sha256: str
    name: str
    origin: str  # "corpus" or "upload"
    added_at: str
    extraction: SLAExtraction
    text: str  # the normalized text the evidence offsets point into

    @property
    def label(self) -> str:
        return self.extraction.provider or Path(self.name).stem


class Library:
    def __init__(self, path: Path | str | None = None, *, corpus: Any = _DEFAULT,
                 options: ReadOptions | None = None, limits: Limits | None = None) -> None:
        """``corpus``: the folder loaded on first start (default: ``default_corpus()``);
        None: start empty. ``limits``: time and memory one extraction may take."""
        corpus = default_corpus() if corpus is _DEFAULT else corpus
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.options = options or ReadOptions()
        self.limits = limits or Limits()
        self.cache_key = _extractor_fingerprint()
        self._lock = threading.RLock()
        self._entries: list[Entry] | None = None
        self._generation: str | None = None  # the file's generation _entries was read at
        self.revision = 0  # bumped on every change: a cheap cache key for callers
        self.load_errors: list[str] = []
        with self._connect() as db:
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
            if "removed_at" not in columns:  # libraries written before removal could be undone
                db.execute("ALTER TABLE documents ADD COLUMN removed_at TEXT")
            seeded = db.execute("SELECT value FROM meta WHERE key='corpus_loaded'").fetchone()
        if not seeded and corpus is not None:
            for file in corpus_files(corpus):
                try:
                    self.add(file.name, file.read_bytes(), origin="corpus")
                except DocumentLoadError as exc:
                    self.load_errors.append(str(exc))
                except Exception as exc:  # noqa: BLE001 - an extractor defect: keep starting
                    self.load_errors.append(f"{file.name}: could not be extracted "
                                            f"({type(exc).__name__}: {exc})")
            with self._connect() as db:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_loaded', ?)", (_now(),))

    @contextlib.contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection per use (Streamlit reruns run on several threads), committed
        and closed on exit. ``write``: one immediate transaction (checks made inside it
        hold until the commit) that bumps the generation other processes watch."""
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                if write:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute(_BUMP)
                yield db
        finally:
            db.close()

    def _changed(self) -> None:
        self._entries = None
        self.revision += 1

    # --- documents -----------------------------------------------------------------

    def add(self, name: str, data: bytes, origin: str = "upload") -> str:
        """Store a document and extract it (or reuse the cached extraction); its sha256.
        Raises DocumentLoadError (nothing stored) when the file cannot be read."""
        return self.add_document(name, data, origin).sha256

    def add_document(self, name: str, data: bytes, origin: str = "upload") -> Added:
        """``add``, saying whether the bytes were in the library already (a duplicate)
        or had been removed (restored, corrections and all)."""
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise DocumentLoadError(name, f"unsupported file type {suffix or '(none)'}; "
                                          f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
        sha = hashlib.sha256(data).hexdigest()
        name = Path(name).name
        with self._connect() as db:
            row = db.execute("SELECT name, removed_at FROM documents WHERE sha256=?",
                             (sha,)).fetchone()
        if row and row[1] is None:
            return Added(sha, name, duplicate_of=row[0])
        self._cached_or_extract(sha, name, data)  # slow: outside the lock and transactions
        with self._lock, self._connect(write=True) as db:
            row = db.execute("SELECT name, removed_at FROM documents WHERE sha256=?",
                             (sha,)).fetchone()
            if row and row[1] is None:  # added meanwhile, by another caller
                added = Added(sha, name, duplicate_of=row[0])
            elif row:
                db.execute("UPDATE documents SET removed_at=NULL WHERE sha256=?", (sha,))
                added = Added(sha, row[0], restored=True)
            else:
                db.execute("INSERT INTO documents (sha256, name, data, origin, added_at) "
                           "VALUES (?, ?, ?, ?, ?)", (sha, name, data, origin, _now()))
                added = Added(sha, name)
            self._changed()
        return added

    def add_many(self, files: Iterable[tuple[str, bytes]]) -> tuple[list[str], list[str]]:
        """Add several files; (sha256s added, error messages)."""
        results, errors = self.add_documents(files)
        return [r.sha256 for r in results], errors

    def add_documents(self, files: Iterable[tuple[str, bytes]]) -> tuple[list[Added], list[str]]:
        """Add several files; (what each readable file did, error messages)."""
        added, errors = [], []
        for name, data in files:
            try:
                added.append(self.add_document(name, data))
            except SLAError as exc:  # unreadable, over a limit, or an internal error
                errors.append(str(exc))
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                errors.append(f"{name}: could not be extracted ({type(exc).__name__}: {exc})")
        return added, errors

    def remove(self, sha256: str) -> bool:
        """Mark a document removed; its corrections stay for ``restore``."""
        with self._lock, self._connect(write=True) as db:
            gone = db.execute("UPDATE documents SET removed_at=? WHERE sha256=? "
                              "AND removed_at IS NULL", (_now(), sha256)).rowcount
            self._changed()
        return bool(gone)

    def restore(self, sha256: str) -> bool:
        """Undo ``remove``."""
        with self._lock, self._connect(write=True) as db:
            back = db.execute("UPDATE documents SET removed_at=NULL WHERE sha256=? "
                              "AND removed_at IS NOT NULL", (sha256,)).rowcount
            self._changed()
        return bool(back)

    def extract(self, name: str, data: bytes) -> tuple[SLAExtraction, str]:
        """The one place a document is read and extracted: (extraction, normalized text),
        in a child process under ``self.limits``. Raises DocumentLoadError (a
        ResourceLimitError naming the limit) for a file it refuses."""
        return extract_limited_with_text(Path(name), data, self.options, self.limits)

    def _cached_or_extract(self, sha: str, name: str, data: bytes) -> tuple[str, str]:
        with self._connect() as db:
            row = db.execute("SELECT extraction, text FROM extractions "
                             "WHERE sha256=? AND cache_key=?", (sha, self.cache_key)).fetchone()
        if row:
            return row
        sla, text = self.extract(name, data)
        found = (sla.model_dump_json(), text)
        with self._connect() as db:  # a cache: other processes need not re-read for it
            db.execute("DELETE FROM extractions WHERE sha256=?", (sha,))
            db.execute("INSERT INTO extractions VALUES (?, ?, ?, ?)", (sha, self.cache_key, *found))
        return found

    def entries(self) -> list[Entry]:
        """Every document, oldest first, extraction (cached) and corrections included;
        read again when another process (or thread) changed the file."""
        with self._lock:
            with self._connect() as db:
                generation = db.execute(_GENERATION).fetchone()
                generation = generation[0] if generation else "0"
                if self._entries is not None and generation == self._generation:
                    return self._entries
                docs = db.execute("SELECT sha256, name, origin, added_at FROM documents "
                                  "WHERE removed_at IS NULL ORDER BY added_at, name").fetchall()
                corrections = db.execute("SELECT sha256, path, value, note, corrected_at "
                                         "FROM corrections ORDER BY id").fetchall()
            by_doc: dict[str, list[Correction]] = {}
            for sha, path, value, note, at in corrections:
                by_doc.setdefault(sha, []).append(Correction(
                    path=path, value=json.loads(value), note=note,
                    corrected_at=dt.datetime.fromisoformat(at)))
            out = []
            for sha, name, origin, added_at in docs:
                try:
                    raw, text = self._cached(sha, name)
                except Exception as exc:  # noqa: BLE001 - listed as a load error, not a crash
                    self.load_errors.append(f"{name}: could not be extracted "
                                            f"({type(exc).__name__}: {exc})")
                    continue
                sla = SLAExtraction.model_validate_json(raw)
                sla = sla.model_copy(update={"corrections": by_doc.get(sha, [])})
                out.append(Entry(sha, name, origin, added_at, sla, text))
            self._entries, self._generation = out, generation
            return out

    def _cached(self, sha: str, name: str) -> tuple[str, str]:
        with self._connect() as db:
            row = db.execute("SELECT extraction, text FROM extractions "
                             "WHERE sha256=? AND cache_key=?", (sha, self.cache_key)).fetchone()
            if row:
                return row
            (data,) = db.execute("SELECT data FROM documents WHERE sha256=?", (sha,)).fetchone()
        return self._cached_or_extract(sha, name, data)

    def get(self, sha256: str) -> Entry | None:
        return next((e for e in self.entries() if e.sha256 == sha256), None)

    # --- corrections ---------------------------------------------------------------

    def add_correction(self, sha256: str, path: str, value: Any, note: str | None = None,
                       at: dt.datetime | None = None) -> Correction:
        correction = Correction(path=path, value=value, note=note or None,
                                corrected_at=at or dt.datetime.now(dt.timezone.utc))
        with self._lock, self._connect(write=True) as db:
            if not db.execute("SELECT 1 FROM documents WHERE sha256=? AND removed_at IS NULL",
                              (sha256,)).fetchone():
                raise UnknownDocumentError(sha256)
            db.execute("INSERT INTO corrections (sha256, path, value, note, corrected_at) "
                       "VALUES (?, ?, ?, ?, ?)",
                       (sha256, path, json.dumps(value), correction.note,
                        correction.corrected_at.isoformat()))
            self._changed()
        return correction

    def remove_corrections(self, sha256: str, path: str) -> int:
        with self._lock, self._connect(write=True) as db:
            n = db.execute("DELETE FROM corrections WHERE sha256=? AND path=?",
                           (sha256, path)).rowcount
            self._changed()
        return n

    # --- named scenarios -----------------------------------------------------------

    def save_scenario(self, name: str, scenario: dict[str, Any]) -> None:
        """Store a scenario under a name (replacing one of the same name); it is checked
        first (``check_scenario``)."""
        name = name.strip()
        if not name:
            raise SLAError("a saved scenario needs a name")
        check_scenario(scenario)
        with self._lock, self._connect(write=True) as db:
            db.execute("INSERT OR REPLACE INTO scenarios VALUES (?, ?, ?)",
                       (name, json.dumps(scenario, default=str), _now()))

    def scenarios(self) -> dict[str, dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("SELECT name, scenario FROM scenarios ORDER BY name").fetchall()
        return {name: json.loads(raw) for name, raw in rows}

    def delete_scenario(self, name: str) -> bool:
        with self._lock, self._connect(write=True) as db:
            return bool(db.execute("DELETE FROM scenarios WHERE name=?", (name,)).rowcount)


_NUMERIC_KEYS = ("availability_percent", "downtime_minutes", "days_in_period", "hours",
                 "monthly_fee")


def check_scenario(scenario: Any) -> dict[str, Any]:
    """A scenario object as the engine reads it, refusing what pydantic's lax mode would
    quietly convert: true/false for a number (``"availability_percent": true`` is not
    1.0), numbers written as strings. Raises ScenarioError naming the key."""
    if not isinstance(scenario, dict):
        raise ScenarioError(f"a scenario must be an object, got {type(scenario).__name__}")
    for key in _NUMERIC_KEYS:
        value = scenario.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ScenarioError(f"scenario {key} must be a number, got {json.dumps(value)}")
    excluded = scenario.get("excluded_minutes") or {}
    if not isinstance(excluded, dict) or any(
            isinstance(v, bool) or not isinstance(v, (int, float)) for v in excluded.values()):
        raise ScenarioError("scenario excluded_minutes must map categories to numbers")
    parse_scenario(scenario)
    return scenario
