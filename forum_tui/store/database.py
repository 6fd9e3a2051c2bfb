"""Where the data lives: resolving ``--db``, building engines, and migrating on open.

- ``resolve_url(db)``: ``--db`` (a path or a URL), else ``FORUM_TUI_DATABASE_URL``, else
  ``forum.db`` in the platform's user data directory.
- ``make_engine(url)``: SQLite gets WAL, ``foreign_keys=ON``, a short ``busy_timeout`` and
  ``synchronous=NORMAL`` on every connection, and explicit transactions (SQLAlchemy's
  documented pysqlite recipe: the driver's own BEGIN handling is switched off and we emit
  ours in the ``begin`` event).
- ``open_database(url)``: refuses files that are not ours, damaged, read-only or typos
  (leaving them untouched: ``sqlite_file.check_file``), turns unwritable directories and
  unreachable servers into plain words, refuses databases written by a newer forum-tui,
  and runs the Alembic migrations up to head. ``guarded`` gives the same plain words to
  the first reads after it (``forum.open_forum`` syncs the community inside it).
- ``resolve_url`` refuses what cannot hold a forum (an in-memory database) or is not a
  URL at all, in one line.

Read and write transactions on SQLite: a transaction begins ``BEGIN IMMEDIATE`` (it takes
the write lock up front, so two writers never deadlock on a lock upgrade and the busy
timeout applies at the start) unless its connection carries the :data:`READ_ONLY` execution
option, in which case it begins with a plain deferred ``BEGIN`` and never blocks writers or
other readers (WAL). A busy ``BEGIN IMMEDIATE`` is tried again with backoff and jitter
(``busy.begin_write``). Use :func:`read_engine` for read-only work. PostgreSQL ignores the option.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from forum_tui.store import locations
from forum_tui.store.busy import ATTEMPT_WAIT_MS, begin_write
from forum_tui.store.errors import DamagedDatabase, DatabaseProblem, NotADatabase, SchemaTooNew
from forum_tui.store.sqlite_file import check_file, damaged_words, first_line, foreign, is_damage

__all__ = [
    "ENV_VAR",
    "READ_ONLY",
    "connection_of",
    "current_revision",
    "default_url",
    "describe_url",
    "head_revision",
    "make_engine",
    "open_database",
    "read_engine",
    "resolve_url",
    "upgrade",
]

#: Execution option marking a connection's transactions as read-only (plain BEGIN on SQLite).
READ_ONLY = "forum_tui_read_only"
#: Compiled read statements kept (SQLAlchemy's own default size for an engine's cache).
READ_STATEMENTS_KEPT = 500
#: How long a new connection waits for the lock while it sets itself up (milliseconds).
CONNECT_WAIT_MS = 5000

ENV_VAR = locations.ENV_VAR

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


# ------------------------------------------------------------------ where


def default_url() -> str:
    return _path_url(locations.default_database_path())


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for ``--db``: a URL (anything with ``://``) or a file path.

    With no ``--db``, ``FORUM_TUI_DATABASE_URL`` decides (path or URL), else the default file.
    """
    chosen = locations.chosen_database(db)
    url = chosen if isinstance(chosen, str) else _path_url(chosen)
    _refuse_in_memory(url)
    return url


def _refuse_in_memory(url: str) -> None:
    """An in-memory SQLite database vanishes when forum-tui stops: never for a forum."""
    parsed = _parse(url)
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or "mode=memory" in str(parsed)
    if parsed.get_backend_name() == "sqlite" and in_memory:
        raise DatabaseProblem(
            f"{url!r} is an in-memory database, which vanishes when forum-tui stops, so "
            "nothing posted would be kept. Give a file (--db forum.db) or a server URL."
        )


def _parse(url: str):
    """The parsed URL, or one line saying it is not one."""
    try:
        return make_url(url)
    except ArgumentError:
        raise DatabaseProblem(
            f"{url!r} is not a database URL or path. Use a file path (forum.db) or a URL "
            "such as postgresql+psycopg://user@host/forum."
        ) from None


def _path_url(path: Path) -> str:
    return f"sqlite:///{path.absolute()}"


def _sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def describe_url(url: str) -> str:
    """A URL fit to print: the file path for SQLite, the URL without password otherwise."""
    try:
        path = _sqlite_path(url)
        if path is not None:
            return str(path)
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, DatabaseProblem):
        return url


def is_new(url: str) -> bool:
    """Whether opening ``url`` would make a new SQLite database (a missing or empty file)."""
    path = _sqlite_path(url)
    return path is not None and (not path.exists() or path.stat().st_size == 0)


# ------------------------------------------------------------------ engines


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with our SQLite set-up (no connection is made yet)."""
    parsed = _parse(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"check_same_thread": False})
            _set_up_sqlite(engine)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError:
        raise DatabaseProblem(
            f"forum-tui cannot talk to {parsed.get_backend_name()} databases "
            f"({parsed.drivername}): the driver is not installed."
        ) from None
    except ModuleNotFoundError as error:
        raise DatabaseProblem(
            f"The database driver for {parsed.drivername} is not installed ({error.name}). "
            "For PostgreSQL install forum-tui[postgres]."
        ) from None


def _set_up_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # We emit BEGIN ourselves (below); the driver must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # Switching a new file to WAL needs the lock for a moment: wait for it here (the
            # connect is not retried); then short waits, which store.busy retries.
            cursor.execute(f"PRAGMA busy_timeout = {CONNECT_WAIT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA busy_timeout = {ATTEMPT_WAIT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            # Straight to the driver: a deferred BEGIN takes no lock and cannot be busy,
            # and through exec_driver_sql it cost a read a whole statement's overhead
            # (events, result set-up: about 60 us, more than many reads' own SQL).
            connection.connection.driver_connection.execute("BEGIN")
        else:
            begin_write(lambda: connection.exec_driver_sql("BEGIN IMMEDIATE"))


def connection_of(db: Any) -> Connection:
    """The Connection a Core statement runs on: ``db`` itself, or a Session's (shared
    read helpers serve both the bare-connection reads and the session-bound writes)."""
    return db if isinstance(db, Connection) else db.connection()


def read_engine(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions are read-only: plain BEGIN on SQLite.
    Its compiled cache finds prebuilt statements by identity (``compiled_cache``)."""
    from sqlalchemy.util import LRUCache

    from forum_tui.store.compiled_cache import CompiledByIdentity

    statements = CompiledByIdentity(LRUCache(READ_STATEMENTS_KEPT))
    return engine.execution_options(**{READ_ONLY: True}, compiled_cache=statements)


# ------------------------------------------------------------------ alembic


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of forum-tui knows."""
    head = _script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None for a database without one)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*[\"'](\w+)[\"']", re.M)


def head_from_files() -> str | None:
    """The head revision read straight from the migration files, without importing Alembic.

    None when the files do not name exactly one head (Alembic then decides).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for kind, revision in _REVISION_LINE.findall(path.read_text("utf-8")):
            (revisions if kind == "revision" else parents).add(revision)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _is_current(engine: Engine) -> bool:
    """Whether the database is already at this version's head revision (a cheap query)."""
    head = head_from_files()
    if head is None:
        return False
    try:
        with read_engine(engine).connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version"))
            return stored.scalars().all() == [head]
    except DBAPIError:
        return False  # no alembic_version table yet: a new database


# ------------------------------------------------------------------ opening


def open_database(url: str) -> Engine:
    """Check, create or migrate the database at ``url``; return its engine.

    Raises :class:`NotADatabase` (file left untouched), :class:`SchemaTooNew`,
    :class:`DamagedDatabase` or :class:`DatabaseProblem`, each with a message fit to show
    a person (see ``sqlite_file``).
    """
    _check_file(url)
    engine = make_engine(url)
    try:
        _migrate(engine, url)
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade(url: str) -> tuple[str | None, str]:
    """``forum-tui db upgrade``: migrate to head; returns (revision before, revision now)."""
    _check_file(url)
    engine = make_engine(url)
    try:
        before = guarded(lambda: current_revision(engine), url)
        _migrate(engine, url)
        return before, head_revision()
    finally:
        engine.dispose()


def _migrate(engine: Engine, url: str) -> None:
    def run() -> None:
        if _is_current(engine):
            return  # the common start: nothing to do, and no Alembic import (~100 ms)
        from alembic import command

        with engine.begin() as connection:
            _check_contents(connection, url)
            command.upgrade(_alembic_config(connection), "head")

    guarded(run, url)


def _check_file(url: str) -> None:
    path = _sqlite_path(url)
    if path is not None:
        # The platform's data directory is made on first start; any other folder must exist.
        check_file(
            path, make_folder=path.absolute() == locations.default_database_path().absolute()
        )


def guarded(step, url: str):
    """Run ``step`` (opening, migrating, the first reads), turning driver failures into
    plain words: a damaged file gets the same words as at the first look (``sqlite_file``)."""
    try:
        return step()
    except DBAPIError as error:
        if is_damage(error.orig):
            raise DamagedDatabase(
                damaged_words(describe_url(url), first_line(error.orig))
            ) from None
        if isinstance(error, OperationalError):
            raise DatabaseProblem(
                f"Cannot open the database at {describe_url(url)}: {first_line(error.orig)}."
            ) from None
        raise DatabaseProblem(
            f"The database at {describe_url(url)} cannot be used: {first_line(error.orig)}."
        ) from None


def _check_contents(connection, url: str) -> None:
    """Refuse a database holding someone else's tables, or a newer forum-tui's schema."""
    tables = set(inspect(connection).get_table_names())
    if not tables - {"alembic_version"}:
        return  # new, or every migration undone: upgrading is safe
    if foreign(tables):
        raise NotADatabase(
            f"{describe_url(url)} is not a forum-tui database; it was left untouched."
        )
    from alembic.runtime.migration import MigrationContext

    revisions = MigrationContext.configure(connection).get_current_heads()
    script = _script_directory()
    for revision in revisions:
        try:
            known = script.get_revision(revision)
        except Exception:  # alembic raises several kinds for unknown revisions
            known = None
        if known is None:
            raise SchemaTooNew(
                f"{describe_url(url)} was written by a newer version of forum-tui "
                f"(schema {revision}); this version knows schemas up to {head_revision()}. "
                "Upgrade forum-tui to open it; the database was left untouched."
            )
