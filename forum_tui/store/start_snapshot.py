"""What the first screen read at the last start, kept so the next start paints it at once.

Why: ``--as`` starts on home with its data, and reading that through the store means
importing SQLAlchemy, SQLModel and the models first: more CPU than a whole bare Textual
app takes to start (``benchmarks/startup.py`` prints both, and a bare app that reads
one row through SQLModel before its first frame). Python's own ``sqlite3`` costs
nothing to import.

What: :meth:`StartSnapshot.remember` runs a read (the app's: who the member is now, the
areas, the header's counts) while noting every statement it sends, and keeps in one
file per database and member: the SQL text and parameters of each SELECT, a fingerprint
(SHA-256) of the rows they return, taken on the driver, and what the read returned,
pickled. :meth:`StartSnapshot.recall` runs the same SQL on the driver, SQLAlchemy never
imported, and gives back the kept result only when every row is as it was: then it is
what a read now would make of the same rows. Any doubt (no file, other code, other
community, a changed row, a statement the driver refuses) means None: read it live.

- The read is done twice around the fingerprint and kept only when both agree, so a
  write landing meanwhile never pairs old data with new rows.
- The file is the member's own (0600, user cache directory), and trusted no further
  than it must be: unpickling admits the store's view classes and datetimes, nothing
  else (:class:`_ViewsOnly`), and the kept SQL runs only as reads, on a connection that
  refuses writes (``PRAGMA query_only``).
- The clock is the one input not kept: what time alone changes (a thread leaving the
  unread window, a suspension running out) shows as it was until the live read that
  follows, within a second. The store's own writes at start (``last_seen_at``) come
  after the snapshot was taken and are not in any SELECT it kept.
- SQLite files only: a server URL always reads live.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import forum_tui
from forum_tui.store import locations

#: Bumped when what a snapshot file holds changes shape.
FORMAT = 1
#: What a kept statement may be (a CTE may also write: the replay refuses writes too).
_READS = ("SELECT", "WITH")
#: Statements a read may send besides SELECTs (transaction control holds no data).
_TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
#: How long the driver waits for a writer's lock while checking (milliseconds).
_LOCK_WAIT_MS = 200
#: Snapshots not written for this long are deleted when another is written (their
#: databases are often long gone: a benchmark's, a test's, a moved file's).
KEPT_FOR_DAYS = 30

#: A statement as the driver got it: SQL text and its parameters.
Statement = tuple[str, Any]


class StartSnapshot:
    """The kept first read of one member (``name``) on one SQLite file (``database``);
    ``context`` is what else the result depends on (the community), told by its repr."""

    def __init__(self, database: Path, name: str, context: object) -> None:
        self.database = database
        self.name = name
        self.context = context

    @cached_property
    def file(self) -> Path:
        return _snapshot_file(self.database, self.name)

    @cached_property
    def mark(self) -> tuple:
        """What else a kept result depends on: this code, this community (worked out in
        the opening worker, not before the first frame)."""
        context = hashlib.sha256(repr(self.context).encode()).hexdigest()
        python = sys.version_info[:2]
        return (FORMAT, forum_tui.__version__, python, context, _code_mark())

    @classmethod
    def for_start(cls, db: str | None, name: str, context: object) -> StartSnapshot | None:
        """The snapshot for ``--db`` (as ``locations.chosen_database`` reads it), or None
        for a server URL."""
        chosen = locations.chosen_database(db)
        return None if isinstance(chosen, str) else cls(chosen, name, context)

    def recall(self) -> Any | None:
        """The kept result, when the rows it came from are unchanged; else None."""
        try:
            kept = _load(self.file)
            if kept is None or kept[0] != self.mark:
                return None
            _mark, statements, fingerprint, result = kept
            return result if _fingerprint(self.database, statements) == fingerprint else None
        except Exception:  # a snapshot is only ever a shortcut: any doubt reads live
            return None

    def remember(self, forum: Any, read: Callable[[Any], Any]) -> Any:
        """Run ``read(forum)``, keep it for the next start when it holds still (see the
        module docstring), and return what it read."""
        first, statements = _noted(forum, read)
        if statements is None:
            return first
        fingerprint = _fingerprint(self.database, statements)
        second, again = _noted(forum, read)
        unchanged = again is not None and second == first
        if unchanged and _fingerprint(self.database, statements) == fingerprint:
            _save(self.file, (self.mark, statements, fingerprint, second))
        return second


def _noted(forum: Any, read: Callable[[Any], Any]) -> tuple[Any, list[Statement] | None]:
    """``read(forum)`` and the statements it sent from this thread (others' are not
    its), or None for them when it sent anything but SELECTs."""
    from sqlalchemy import event

    statements: list[Statement] = []
    reads_only = True
    here = threading.get_ident()

    def note(_connection, _cursor, statement, parameters, _context, executemany) -> None:
        nonlocal reads_only
        if threading.get_ident() != here:
            return
        verb = _verb(statement)
        if verb in _READS and not executemany:
            statements.append((statement, parameters))
        elif verb not in _TRANSACTION_CONTROL:
            reads_only = False

    event.listen(forum.engine, "before_cursor_execute", note)
    try:
        result = read(forum)
    finally:
        event.remove(forum.engine, "before_cursor_execute", note)
    return result, statements if reads_only and statements else None


def _verb(statement: str) -> str:
    words = statement.split(None, 1)
    return words[0].upper() if words else ""


def _fingerprint(database: Path, statements: list[Statement]) -> str:
    """SHA-256 of every row the statements return now, read in one transaction on the
    driver (the file is opened as it is: never created). Only reads run, on a connection
    that refuses any write: a file planted in the cache cannot change the forum."""
    digest = hashlib.sha256()
    uri = f"file:{quote(str(database))}?mode=rw"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=_LOCK_WAIT_MS / 1000)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        for sql, parameters in statements:
            if _verb(sql) not in _READS:
                raise ValueError(f"not a read: {sql[:40]!r}")
            digest.update(repr(connection.execute(sql, parameters).fetchall()).encode())
        connection.execute("COMMIT")
    finally:
        connection.close()
    return digest.hexdigest()


def _snapshot_file(database: Path, name: str) -> Path:
    from platformdirs import user_cache_dir

    key = hashlib.sha256(f"{database}\0{name}".encode()).hexdigest()[:32]
    return Path(user_cache_dir(locations.APP_NAME, appauthor=False)) / "start" / key


def _code_mark() -> str:
    """A digest that changes with any of the package's Python files (size and time)."""
    package = Path(forum_tui.__file__).parent
    marks = []
    for folder, _folders, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                marks.append((folder, name, stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(repr(sorted(marks)).encode()).hexdigest()


def _save(file: Path, kept: tuple) -> None:
    """Write ``kept`` whole or not at all, readable by the member alone; delete the
    snapshots no start has written for ``KEPT_FOR_DAYS``."""
    file.parent.mkdir(parents=True, exist_ok=True)
    _delete_stale(file.parent)
    partial = file.with_name(f"{file.name}.{os.getpid()}-{threading.get_ident()}.part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, file)


def _delete_stale(folder: Path) -> None:
    oldest = time.time() - KEPT_FOR_DAYS * 86400
    for entry in os.scandir(folder):
        try:
            if entry.is_file() and entry.stat().st_mtime < oldest:
                os.unlink(entry.path)
        except OSError:  # another start got there first
            continue


def _load(file: Path) -> tuple | None:
    try:
        with open(file, "rb") as kept:
            return _ViewsOnly(kept).load()
    except FileNotFoundError:
        return None


#: What a snapshot may hold besides the store's views (``forum_tui.store.views``).
_ALSO_ADMITTED = frozenset(
    {
        ("datetime", "datetime"),
        ("datetime", "date"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("builtins", "frozenset"),
        ("builtins", "set"),
    }
)


class _ViewsOnly(pickle.Unpickler):
    """An unpickler that builds views and datetimes, and refuses every other class."""

    def find_class(self, module: str, name: str) -> Any:
        views = module == "forum_tui.store.views" or module.startswith("forum_tui.store.views.")
        if views or (module, name) in _ALSO_ADMITTED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a start snapshot")
