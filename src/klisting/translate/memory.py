"""Translation memory: SQLite in the work dir, so a rerun translates nothing already done.

Two kinds of entry share one table:
- machine entries, keyed by normalized source, language pair, engine id, model version,
  seller glossary hash and a context (segment, or a whole field with its kind/market/limit);
- locked entries (from a reviewed sheet or an imported TMX), keyed by normalized source and
  language pair only: a person's translation wins over any engine and is never overwritten
  by machine output.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from klisting.errors import OutputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm (
    key TEXT PRIMARY KEY,
    src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL,
    engine TEXT NOT NULL, version TEXT NOT NULL, glossary TEXT NOT NULL, context TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0, quality TEXT NOT NULL DEFAULT 'machine',
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS tm_pair ON tm (src_lang, tgt_lang, locked);
"""
_LOCKED = "locked"


def normalize(text: str) -> str:
    """Memory key form of a text: NFC, whitespace collapsed, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass(slots=True, frozen=True)
class MemoryKey:
    """Everything a machine translation depends on besides the source text."""

    src_lang: str
    tgt_lang: str
    engine: str
    version: str
    glossary: str
    context: str


@dataclass(slots=True)
class MemoryEntry:
    """One stored translation (for review sheets and TMX export)."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    engine: str
    locked: bool
    quality: str


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class TranslationMemory:
    """SQLite-backed memory; safe to share between threads of one process."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot open translation memory ({exc})") from None
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) or not self.path.is_file():
                raise OutputError(f"{self.path}: cannot open translation memory ({exc})") from None
            # truncated or garbled: a cache, never a blocker (reviewed entries: re-import)
            self._quarantine(exc)
            self._db = self._connect()
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        """Open, check and migrate the database (OperationalError: locked, read-only ...)."""
        existed = self.path.is_file() and self.path.stat().st_size > 0
        db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        try:
            if existed:
                verdict = db.execute("PRAGMA quick_check(1)").fetchone()
                if not verdict or verdict[0] != "ok":
                    raise sqlite3.DatabaseError(
                        f"integrity check: {verdict[0] if verdict else '?'}"
                    )
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _quarantine(self, error: Exception) -> None:
        from klisting.infra.cache import quarantine

        reason = (
            f"damaged translation memory ({error}); machine translations are redone and "
            "reviewed ones must be imported again (klisting translate --apply-review)"
        )
        quarantine(self.path, reason)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                quarantine(side, "belongs to the damaged translation memory")

    def close(self) -> None:
        self._db.close()

    def _key(self, source: str, key: MemoryKey) -> str:
        return _digest(
            normalize(source),
            key.src_lang,
            key.tgt_lang,
            key.engine,
            key.version,
            key.glossary,
            key.context,
        )

    @staticmethod
    def _locked_key(source: str, src_lang: str, tgt_lang: str) -> str:
        return _digest(_LOCKED, normalize(source), src_lang, tgt_lang)

    def get_many(self, sources: Iterable[str], key: MemoryKey) -> dict[str, str]:
        """Machine entries for ``sources`` under ``key`` (source -> target); misses are absent."""
        wanted = {self._key(s, key): s for s in sources}
        return {wanted[k]: t for k, t in self._select(list(wanted))}

    def get_locked(self, sources: Iterable[str], src_lang: str, tgt_lang: str) -> dict[str, str]:
        """Locked (reviewed) entries for ``sources`` in this language pair."""
        wanted = {self._locked_key(s, src_lang, tgt_lang): s for s in sources}
        return {wanted[k]: t for k, t in self._select(list(wanted))}

    def _select(self, keys: list[str]) -> Iterator[tuple[str, str]]:
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                yield from self._db.execute(
                    f"SELECT key, target FROM tm WHERE key IN ({marks})", chunk
                ).fetchall()

    def put_many(
        self, pairs: Iterable[tuple[str, str]], key: MemoryKey, quality: str = "machine"
    ) -> None:
        """Store machine translations (source, target) under ``key``."""
        now = time.time()
        rows = [
            (
                self._key(s, key),
                key.src_lang,
                key.tgt_lang,
                normalize(s),
                t,
                key.engine,
                key.version,
                key.glossary,
                key.context,
                0,
                quality,
                now,
            )
            for s, t in pairs
        ]
        self._write(rows)

    def lock_many(
        self, pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str, origin: str = "review"
    ) -> int:
        """Store reviewed translations as locked entries; returns how many were stored."""
        now = time.time()
        rows = [
            (
                self._locked_key(s, src_lang, tgt_lang),
                src_lang,
                tgt_lang,
                normalize(s),
                t,
                origin,
                "",
                "",
                _LOCKED,
                1,
                "reviewed",
                now,
            )
            for s, t in pairs
            if normalize(s) and t.strip()
        ]
        self._write(rows)
        return len(rows)

    def locked_digest(self, src_lang: str, tgt_lang: str) -> str:
        """A short digest of the locked entries of a pair: it changes when a review is applied,
        so results cached from before (``klisting run``'s text stage) are not reused."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*), COALESCE(MAX(updated), 0) FROM tm"
                " WHERE locked=1 AND src_lang=? AND tgt_lang=?",
                (src_lang, tgt_lang),
            ).fetchone()
        return _digest(src_lang, tgt_lang, str(row[0]), repr(row[1]))[:12]

    def _write(self, rows: list[tuple[object, ...]]) -> None:
        if not rows:
            return
        with self._lock:
            try:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO tm VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows
                )
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise OutputError(f"{self.path}: cannot write translation memory ({exc})") from None

    def entries(
        self, src_lang: str | None = None, tgt_lang: str | None = None, *, fields_only: bool = True
    ) -> list[MemoryEntry]:
        """Stored entries, locked first; ``fields_only`` skips sentence-level machine entries."""
        sql = "SELECT src_lang, tgt_lang, source, target, engine, locked, quality FROM tm WHERE 1=1"
        args: list[str] = []
        if src_lang:
            sql, args = sql + " AND src_lang=?", [*args, src_lang]
        if tgt_lang:
            sql, args = sql + " AND tgt_lang=?", [*args, tgt_lang]
        if fields_only:
            sql += " AND (locked=1 OR context LIKE 'field:%')"
        sql += " ORDER BY locked DESC, updated"
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [MemoryEntry(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]
