"""Bulk loading for ``forum-tui generate`` (``synth``): many rows, one transaction, fast.

``bulk_load(engine)`` yields a :class:`BulkLoad` for the database's dialect:

- ``insert(model, columns, rows)`` writes tuples (values for ``columns``, timestamps as
  ``stamp()`` strings) straight through the driver, without SQLAlchemy's per-row work;
  every other column gets its model default (so the rows are those the app writes);
- ``session``: a session on the same transaction, for reads, small updates and the
  search index's ``rebuild``;
- ``finish(say, done)``: makes again what was set aside for the load and rebuilds the
  search index, reporting progress; the transaction commits when the block ends (an
  error rolls everything back).

SQLite: the file leaves WAL for a rollback journal with ``synchronous=OFF`` while loading
(new pages are never journaled, so a load writes each page once; an interrupted load still
rolls back, as only a power cut could damage the file); foreign keys are not checked row
by row (``tests/store/test_synth.py`` runs ``PRAGMA foreign_key_check`` on the result); the
loaded tables' secondary indexes are dropped and made again at the end, one sort each
instead of a million random inserts; the FTS5 index is built with automerge off and a
large in-memory hash, then optimized as ``rebuild`` always does, and its settings put
back. The connection's settings are put back afterwards (WAL, ``synchronous``, foreign
keys, cache).

PostgreSQL: ``COPY ... FROM STDIN`` (psycopg 3), then each loaded table's id sequence is
moved past the ids written, so the app's own inserts carry on after them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from forum_tui.store.models import Post
from forum_tui.store.search import index_for

Say = Callable[[str, float], None]

#: SQLite settings while loading (see the module docstring), each put back afterwards:
#: a page cache of 256 MiB (``cache_size`` counts KiB when negative), and helper threads
#: for the sorts that make indexes.
BULK_PRAGMAS = {
    "journal_mode": "TRUNCATE",
    "synchronous": "OFF",
    "foreign_keys": "OFF",
    "cache_size": -256 * 1024,
    "threads": 2,
}
#: FTS5 settings while the search index is built: no merging as it grows (``rebuild``
#: optimizes once at the end) and a 64 MiB in-memory term hash (FTS5's default: 1 MiB).
FTS_BULK = {"automerge": 0, "crisismerge": 64, "hashsize": 64 * 1024 * 1024}
#: FTS5's defaults, for the settings the index did not hold before.
FTS_DEFAULTS = {"automerge": 4, "crisismerge": 16, "hashsize": 1024 * 1024}
#: SQLite VM instructions between two progress heartbeats during one long statement.
HEARTBEAT_STEPS = 200_000
#: About how many VM instructions building the search index takes per post.
STEPS_PER_POST = 30


def stamp(moment: datetime) -> str:
    """A timestamp as SQLAlchemy's ``DateTime`` stores it on SQLite (microseconds always
    written, so stored values compare as strings); PostgreSQL's COPY reads it too."""
    return moment.isoformat(" ", "microseconds")


class BulkLoad(ABC):
    """One bulk load (see the module docstring)."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.session = Session(bind=connection)
        self.loaded: list = []

    def insert(self, model, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        """Write ``rows`` (tuples of ``columns``' values) into ``model``'s table."""
        table = model.__table__
        if table not in self.loaded:
            self.loaded.append(table)
        defaults = _defaults(table, columns)
        self._write(table.name, [*columns, *defaults], rows, tuple(defaults.values()))

    def _names(self, columns: Sequence[str]) -> str:
        """The column list, quoted where the dialect needs it (``left`` is a keyword)."""
        quote = self.connection.dialect.identifier_preparer.quote
        return ", ".join(quote(column) for column in columns)

    @abstractmethod
    def _write(self, table: str, columns: list[str], rows: Iterable[tuple], extra: tuple):
        """Write rows whose values are each ``row + extra`` (constant defaults)."""

    def finish(self, say: Say, done: tuple[float, float]) -> None:
        """Everything after the rows: the search index (progress from ``done[0]`` to
        ``done[1]``)."""
        say("search index", done[0])
        index_for(self.session).rebuild(self.session)
        say("search index", done[1])


def _defaults(table, given: Sequence[str]) -> dict:
    """The model's constant defaults for the columns not given (None ones left out)."""
    defaults = {}
    for column in table.columns:
        if column.name in given or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"{table.name}.{column.name}: give it; its default is not a value")
        if column.default.arg is not None:
            defaults[column.name] = column.default.arg
    return defaults


# ---------------------------------------------------------------------- SQLite


class SqliteLoad(BulkLoad):
    def __init__(self, connection) -> None:
        super().__init__(connection)
        self.raw = connection.connection.driver_connection
        self.cursor = self.raw.cursor()
        self.indexes: dict[str, str] = {}
        self.posts = 0

    def _write(self, table: str, columns: list[str], rows: Iterable[tuple], extra: tuple):
        self._set_indexes_aside(table)
        marks = ", ".join("?" * (len(columns) - len(extra)))
        constants = "".join(f", {_sql_literal(value)}" for value in extra)
        names = self._names(columns)
        self.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}{constants})", rows)
        if table == Post.__tablename__:
            self.posts += self.cursor.rowcount

    def _set_indexes_aside(self, table: str) -> None:
        """Drop ``table``'s secondary indexes (made again in ``finish``)."""
        found = self.cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, sql in found:
            self.cursor.execute(f'DROP INDEX "{name}"')
            self.indexes[name] = sql

    def finish(self, say: Say, done: tuple[float, float]) -> None:
        start, end = done
        middle = start + (end - start) * 0.25
        for made, (name, sql) in enumerate(self.indexes.items(), start=1):
            self.cursor.execute(sql)
            say(f"index {name}", start + (middle - start) * made / len(self.indexes))
        self.indexes.clear()
        marks = ", ".join("?" * len(FTS_BULK))
        before = dict(
            self.cursor.execute(
                f"SELECT k, v FROM search_fts_config WHERE k IN ({marks})", tuple(FTS_BULK)
            )
        )
        self._fts_settings(FTS_BULK)
        beats = max(1, self.posts * STEPS_PER_POST // HEARTBEAT_STEPS)
        with self._heartbeat(say, "search index", (middle, end), beats):
            index_for(self.session).rebuild(self.session)
        self._fts_settings({key: before.get(key, value) for key, value in FTS_DEFAULTS.items()})
        say("search index", end)

    def _fts_settings(self, settings: dict[str, int]) -> None:
        for key, value in settings.items():
            self.cursor.execute(
                "INSERT INTO search_fts (search_fts, rank) VALUES (?, ?)", (key, value)
            )

    @contextmanager
    def _heartbeat(
        self, say: Say, words: str, done: tuple[float, float], expected: int
    ) -> Iterator[None]:
        """Keep the progress bar moving during long statements: ``done`` goes from its
        first value toward its second as SQLite works (``expected`` heartbeats in all),
        never quite reaching it."""
        start, end = done
        beats = [0]

        def beat() -> int:
            beats[0] += 1
            say(words, start + (end - start) * min(0.98, beats[0] / expected))
            return 0  # 0: carry on

        self.raw.set_progress_handler(beat, HEARTBEAT_STEPS)
        try:
            yield
        finally:
            self.raw.set_progress_handler(None, HEARTBEAT_STEPS)


def _sql_literal(value) -> str:
    if isinstance(value, bool | int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"no SQL literal for default {value!r}")


@contextmanager
def _sqlite_load(engine: Engine) -> Iterator[SqliteLoad]:
    # Leaving WAL needs the only connection to the file: close the pool's idle ones.
    engine.dispose()
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        before = {name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in BULK_PRAGMAS}
        try:
            for name, value in BULK_PRAGMAS.items():
                raw.execute(f"PRAGMA {name} = {value}")
            with connection.begin():
                load = SqliteLoad(connection)
                yield load
                load.session.close()
        finally:
            for name, value in reversed(before.items()):
                raw.execute(f"PRAGMA {name} = {value}")


# ---------------------------------------------------------------------- PostgreSQL


class PostgresLoad(BulkLoad):
    def _write(self, table: str, columns: list[str], rows: Iterable[tuple], extra: tuple):
        raw = self.connection.connection.driver_connection
        names = self._names(columns)
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + extra)

    def finish(self, say: Say, done: tuple[float, float]) -> None:
        for table in self.loaded:
            if "id" in table.columns and table.columns["id"].autoincrement is not False:
                self.session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce(max(id), 0) + 1, false) FROM {table.name}"
                    )
                )
        super().finish(say, done)


@contextmanager
def _postgres_load(engine: Engine) -> Iterator[PostgresLoad]:
    with engine.connect() as connection, connection.begin():
        load = PostgresLoad(connection)
        yield load
        load.session.close()


def bulk_load(engine: Engine):
    """A context manager yielding the :class:`BulkLoad` for ``engine``'s database."""
    if engine.dialect.name == "sqlite":
        return _sqlite_load(engine)
    return _postgres_load(engine)
