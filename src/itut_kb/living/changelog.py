"""The change log: every accepted change, durable on disk, in one SQLite database of the store directory.

SQLite does what this needs and is kept well: a transaction is atomic (a change is one row, so it is
recorded whole or not at all), ``BEGIN IMMEDIATE`` serialises writers across threads and processes, and
with ``journal_mode=WAL`` and ``synchronous=FULL`` a commit returns only once the write-ahead log is
fsynced: when :meth:`ChangeLog.append` returns, the change survives a killed process and a power cut.
Versions are the rows' integer keys, given inside the writing transaction as the head plus one, so that
they have no gaps.

A record keeps what the change was (its document, in the canonical JSON the gate produced, and the
event graph it was read into) and what it did (the quads it added and removed, as N-Quads). States of
the KB are rebuilt from the baseline and these diffs (:mod:`itut_kb.living.states`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from itut_kb.errors import ConflictError, NotFoundError, PreconditionFailedError

SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    version     INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    effective   TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    agent       TEXT NOT NULL,
    authority   TEXT NOT NULL,
    document    TEXT NOT NULL,
    event       TEXT NOT NULL,
    added       TEXT NOT NULL,
    removed     TEXT NOT NULL,
    reverts     TEXT REFERENCES changes(id)
);
CREATE TABLE IF NOT EXISTS tokens (
    name        TEXT PRIMARY KEY,
    role        TEXT NOT NULL,
    digest      TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE TABLE IF NOT EXISTS meta (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
"""
DB_FILE = "changes.sqlite"


@dataclass(frozen=True)
class ChangeRecord:
    """One accepted change as the log keeps it."""

    version: int
    id: str
    kind: str
    effective: date
    recorded_at: str  # ISO 8601, UTC
    agent: str  # the name of the token that wrote it
    authority: dict[str, Any]
    document: dict[str, Any]  # the change as accepted (canonical JSON)
    event: str  # the change read as RDF (N-Triples)
    added: str  # N-Quads
    removed: str  # N-Quads
    reverts: str | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "kind": self.kind,
            "effective": self.effective.isoformat(),
            "recorded_at": self.recorded_at,
            "by": self.agent,
            "authority": self.authority,
            **({"reverts": self.reverts} if self.reverts else {}),
        }


@dataclass(frozen=True)
class Pending:
    """A change the gate accepted, before it has a version."""

    id: str
    kind: str
    effective: date
    recorded_at: str
    agent: str
    authority: dict[str, Any]
    document: dict[str, Any]
    event: str
    added: str
    removed: str
    reverts: str | None = None


_COLUMNS = (
    "version, id, kind, effective, recorded_at, agent, authority, document, event, added, removed, reverts"
)


def _record(row: tuple[Any, ...]) -> ChangeRecord:
    version, id_, kind, effective, recorded, agent, authority, document, event, added, removed, reverts = row
    return ChangeRecord(
        version,
        id_,
        kind,
        date.fromisoformat(effective),
        recorded,
        agent,
        json.loads(authority),
        json.loads(document),
        event,
        added,
        removed,
        reverts,
    )


class BaseChangeLog(ABC):
    """Where the accepted changes and the writers' tokens are kept: the SQLite file of a store directory
    (:class:`ChangeLog`), or the graphs of a shared SPARQL store (:class:`itut_kb.remote.log.RemoteChangeLog`),
    which several API replicas read and write."""

    @abstractmethod
    def head(self) -> int:
        """The latest version (0: no change yet)."""

    @abstractmethod
    def append(self, pending: Pending, expected_head: int) -> ChangeRecord:
        """Record ``pending`` as version ``expected_head + 1``, durably; PreconditionFailedError when another
        writer moved the head meanwhile, ConflictError when the id is taken."""

    @abstractmethod
    def records(self, since: int = 0, until: int | None = None) -> list[ChangeRecord]:
        """The changes with ``since < version <= until``, in version order."""

    @abstractmethod
    def timeline(self) -> list[tuple[int, date]]:
        """(version, effective) of every change, in version order."""

    @abstractmethod
    def get(self, change_id: str) -> ChangeRecord: ...

    @abstractmethod
    def get_version(self, version: int) -> ChangeRecord: ...

    @abstractmethod
    def reverted_by(self, change_id: str) -> str | None: ...

    def exists(self, change_id: str) -> bool:
        try:
            self.get(change_id)
        except NotFoundError:
            return False
        return True

    def detail(self, change_id: str) -> dict[str, Any]:
        """A change as the API shows it: what it was, what it did, who, when, on what authority."""
        record = self.get(change_id)
        return {
            **record.summary(),
            "reverted_by": self.reverted_by(change_id),
            "document": record.document,
            "event": sorted(record.event.splitlines()),
            "added": record.added.splitlines(),
            "removed": record.removed.splitlines(),
        }

    # ---------------------------------------------------------------- tokens (living.tokens)
    @abstractmethod
    def add_token(self, name: str, role: str, digest: str, created_at: str) -> None:
        """A new token row; ConflictError when the name was ever used."""

    @abstractmethod
    def revoke_token(self, name: str, revoked_at: str) -> bool:
        """Mark the active token ``name`` revoked; False when there is none."""

    @abstractmethod
    def token_rows(self) -> list[dict[str, Any]]:
        """Every token: name, role, digest, created_at, revoked_at (by name)."""

    def token_by_digest(self, digest: str) -> dict[str, Any] | None:
        """The active token with this digest."""
        for row in self.token_rows():
            if row["digest"] == digest and row["revoked_at"] is None:
                return row
        return None

    @abstractmethod
    def close(self) -> None:
        """Release what the log holds open (connections)."""


class ChangeLog(BaseChangeLog):
    """The SQLite file of a store directory: changes, tokens and a few settings of the store."""

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self.path = directory / DB_FILE
        self.read_only = read_only
        self._local = threading.local()
        if not read_only:
            directory.mkdir(parents=True, exist_ok=True)
            self._connection().executescript(SCHEMA)  # idempotent: CREATE … IF NOT EXISTS

    # ---------------------------------------------------------------- connections
    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            if self.read_only:
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
            else:
                db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")
            self._local.db = db
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the database's write lock (other writers wait)."""
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # ---------------------------------------------------------------- changes
    def head(self) -> int:
        """The latest version (0: no change yet)."""
        row = self._connection().execute("SELECT COALESCE(MAX(version), 0) FROM changes").fetchone()
        return int(row[0])

    def append(self, pending: Pending, expected_head: int) -> ChangeRecord:
        """Record ``pending`` as version ``expected_head + 1``, durably.

        PreconditionFailedError when another writer moved the head meanwhile (the gate validated against
        ``expected_head``: it validates again); ConflictError when the id is taken.
        """
        with self._write() as db:
            head = int(db.execute("SELECT COALESCE(MAX(version), 0) FROM changes").fetchone()[0])
            if head != expected_head:
                raise PreconditionFailedError(f"the KB moved on from version {expected_head} to {head}")
            if db.execute("SELECT 1 FROM changes WHERE id = ?", (pending.id,)).fetchone():
                raise ConflictError(f"a change with id {pending.id!r} was already accepted")
            version = head + 1
            db.execute(
                f"INSERT INTO changes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    version,
                    pending.id,
                    pending.kind,
                    pending.effective.isoformat(),
                    pending.recorded_at,
                    pending.agent,
                    _dumps(pending.authority),
                    _dumps(pending.document),
                    pending.event,
                    pending.added,
                    pending.removed,
                    pending.reverts,
                ),
            )
        return self.get_version(version)

    def records(self, since: int = 0, until: int | None = None) -> list[ChangeRecord]:
        """The changes with ``since < version <= until``, in version order."""
        rows = self._connection().execute(
            f"SELECT {_COLUMNS} FROM changes WHERE version > ? AND version <= ? ORDER BY version",
            (since, until if until is not None else 2**62),
        )
        return [_record(r) for r in rows]

    def timeline(self) -> list[tuple[int, date]]:
        """(version, effective) of every change, in version order: what a state key is computed from."""
        rows = self._connection().execute("SELECT version, effective FROM changes ORDER BY version")
        return [(int(v), date.fromisoformat(e)) for v, e in rows]

    def get(self, change_id: str) -> ChangeRecord:
        row = (
            self._connection()
            .execute(f"SELECT {_COLUMNS} FROM changes WHERE id = ?", (change_id,))
            .fetchone()
        )
        if row is None:
            raise NotFoundError(f"no change {change_id!r}")
        return _record(row)

    def get_version(self, version: int) -> ChangeRecord:
        row = (
            self._connection()
            .execute(f"SELECT {_COLUMNS} FROM changes WHERE version = ?", (version,))
            .fetchone()
        )
        if row is None:
            raise NotFoundError(f"no change with version {version}")
        return _record(row)

    def reverted_by(self, change_id: str) -> str | None:
        row = self._connection().execute("SELECT id FROM changes WHERE reverts = ?", (change_id,)).fetchone()
        return str(row[0]) if row else None

    def exists(self, change_id: str) -> bool:
        return bool(self.read("SELECT 1 FROM changes WHERE id = ?", (change_id,)))

    # ---------------------------------------------------------------- tokens
    def add_token(self, name: str, role: str, digest: str, created_at: str) -> None:
        with self._write() as db:
            if db.execute("SELECT 1 FROM tokens WHERE name = ?", (name,)).fetchone():
                raise ConflictError(f"the token name {name!r} is taken (names are never reused)")
            db.execute(
                "INSERT INTO tokens (name, role, digest, created_at) VALUES (?, ?, ?, ?)",
                (name, role, digest, created_at),
            )

    def revoke_token(self, name: str, revoked_at: str) -> bool:
        with self._write() as db:
            cursor = db.execute(
                "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (revoked_at, name)
            )
            return cursor.rowcount > 0

    def token_rows(self) -> list[dict[str, Any]]:
        rows = self.read("SELECT name, role, digest, created_at, revoked_at FROM tokens ORDER BY name")
        return [
            {"name": n, "role": r, "digest": d, "created_at": c, "revoked_at": v} for n, r, d, c, v in rows
        ]

    def token_by_digest(self, digest: str) -> dict[str, Any] | None:
        rows = self.read(
            "SELECT name, role, digest, created_at, revoked_at FROM tokens WHERE digest = ? AND revoked_at IS NULL",
            (digest,),
        )
        if not rows:
            return None
        name, role, found, created, revoked = rows[0]
        return {"name": name, "role": role, "digest": found, "created_at": created, "revoked_at": revoked}

    # ---------------------------------------------------------------- the store's settings
    def meta(self, key: str) -> str | None:
        row = self._connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # ---------------------------------------------------------------- shared with the token table
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._write() as db:
            yield db

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return list(self._connection().execute(sql, params))


def nquads(quads: Iterable[ox.Quad]) -> str:
    """Quads as sorted N-Quads: the form a record keeps its diffs in."""
    return "".join(f"{q} .\n" for q in sorted(quads, key=str))


def ntriples(triples: Iterable[ox.Triple]) -> str:
    """Triples as sorted N-Triples: the form a record keeps its event in."""
    return "".join(f"{t} .\n" for t in sorted(triples, key=str))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
