"""SQLite cache of readings, keyed by file sha256 + reading settings + Tesseract + code version; and of
what was derived from them (dossier results, report crops), keyed by everything they depend on."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import zlib
from pathlib import Path

from justif.config import ReadSettings
from justif.domain import Page

log = logging.getLogger(__name__)
CODE_VERSION = "reading-28"  # bump when a change to this package changes the text read
DB_NAME = "reading.sqlite3"
_SCHEMA = """CREATE TABLE IF NOT EXISTS readings (
    key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, created REAL NOT NULL, error TEXT, pages BLOB);
CREATE TABLE IF NOT EXISTS derived (key TEXT PRIMARY KEY, created REAL NOT NULL, value BLOB NOT NULL)"""


def settings_key(settings: ReadSettings, tesseract_version: str) -> str:
    """Hash of everything besides the file's bytes that changes the text read. The page time limit is
    not part of it (a page read in time reads the same under any limit): a page that ran out of time is
    kept under a key of its own that names the limit (`batch`), so raising the limit reads that file
    again, and only that file."""
    read = settings.model_dump(mode="json", exclude={"page_timeout_s"})
    blob = json.dumps([read, tesseract_version, CODE_VERSION], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def _private_file(path: Path) -> None:
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


BUSY_TIMEOUT_S = 30.0


def _set_up(conn: sqlite3.Connection) -> None:
    """WAL journal and the tables. Switching a new database to WAL fails at once ('database is locked'),
    without waiting, while another connection is setting it up: the reading and the assessment of one
    run, or two runs sharing a cache, both opening it for the first time. Retried until BUSY_TIMEOUT_S."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            conn.commit()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def connect(cache_dir: Path) -> sqlite3.Connection:
    """The cache database, created private (folder 0700, files 0600: it holds personal data)."""
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(cache_dir, 0o700)
    db = cache_dir / DB_NAME
    _private_file(db)
    conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_S)
    _set_up(conn)
    for suffix in ("-wal", "-shm"):
        side = db.with_name(DB_NAME + suffix)
        if side.exists():
            os.chmod(side, 0o600)
    return conn


def get_many(conn: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[str | None, list[Page]]]:
    """Cached (error, pages) by key, for the keys present."""
    found: dict[str, tuple[str | None, list[Page]]] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        rows = conn.execute(
            f"SELECT key, error, pages FROM readings WHERE key IN ({','.join('?' * len(chunk))})", chunk
        )
        for key, error, blob in rows:
            pages = [Page.model_validate(p) for p in json.loads(zlib.decompress(blob))] if blob else []
            found[key] = (error, pages)
    return found


def put(conn: sqlite3.Connection, key: str, sha256: str, error: str | None, pages: list[Page]) -> None:
    blob = zlib.compress(json.dumps([p.model_dump(mode="json") for p in pages]).encode(), 3)
    row = (key, sha256, time.time(), error, blob)
    conn.execute("INSERT OR REPLACE INTO readings VALUES (?, ?, ?, ?, ?)", row)
    conn.commit()


def get_derived(conn: sqlite3.Connection, key: str) -> bytes | None:
    row = conn.execute("SELECT value FROM derived WHERE key = ?", (key,)).fetchone()
    return zlib.decompress(row[0]) if row else None


def put_derived(conn: sqlite3.Connection, key: str, value: bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (key, time.time(), zlib.compress(value, 3)))
    conn.commit()


def purge(cache_dir: Path, older_than_days: float | None) -> int:
    """Remove cached readings (all, or those older than the given days); returns rows removed."""
    if not (cache_dir / DB_NAME).exists():
        return 0
    conn = connect(cache_dir)
    try:
        removed = 0
        for table in ("readings", "derived"):
            if older_than_days is None:
                removed += conn.execute(f"DELETE FROM {table}").rowcount
            else:
                cutoff = time.time() - older_than_days * 86400
                removed += conn.execute(f"DELETE FROM {table} WHERE created < ?", (cutoff,)).rowcount
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    log.info("reading cache purge: %d rows removed", removed)
    return removed
