"""Where the data lives: resolving ``--db``, building engines, and migrating on open.

- ``resolve_url(db)``: ``--db`` (a path or a URL), else ``FORUM_TUI_DATABASE_URL``, else
  ``forum.db`` in the platform's user data directory.
- ``make_engine(url)``: SQLite gets WAL, ``foreign_keys=ON``, a short ``busy_timeout`` and
  ``synchronous=NORMAL`` on every connection, and explicit transactions (SQLAlchemy's
  documented pysqlite recipe: the driver's own BEGIN handling is switched off and we emit
  ours in the ``begin`` event).
- ``open_database(url)``: refuses files that are not ours (leaving them untouched), turns
  unwritable directories and unreachable servers into plain words, refuses databases
  written by a newer forum-tui, and runs the Alembic migrations up to head.

Read and write transactions on SQLite: a transaction begins ``BEGIN IMMEDIATE`` (it takes
the write lock up front, so two writers never deadlock on a lock upgrade and the busy
timeout applies at the start) unless its connection carries the :data:`READ_ONLY` execution
option, in which case it begins with a plain deferred ``BEGIN`` and never blocks writers or
other readers (WAL). A busy ``BEGIN IMMEDIATE`` is tried again with backoff and jitter
(``busy.begin_write``). Use :func:`read_engine` for read-only work. PostgreSQL ignores the option.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from forum_tui.store.busy import ATTEMPT_WAIT_MS, begin_write
from forum_tui.store.errors import DatabaseProblem, NotADatabase, SchemaTooNew

__all__ = [
    "ENV_VAR",
    "READ_ONLY",
    "current_revision",
    "default_database_path",
    "default_url",
    "describe_url",
    "head_revision",
    "make_engine",
    "open_database",
    "read_engine",
    "resolve_url",
    "upgrade",
]

ENV_VAR = "FORUM_TUI_DATABASE_URL"
APP_NAME = "forum-tui"
DEFAULT_FILE = "forum.db"
#: Execution option marking a connection's transactions as read-only (plain BEGIN on SQLite).
READ_ONLY = "forum_tui_read_only"

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Tables whose presence says "this is a forum-tui database" (with or without a revision).
OUR_TABLES = frozenset({"member", "area", "board", "thread", "post", "setting"})


# ------------------------------------------------------------------ where


def default_database_path() -> Path:
    """``forum.db`` in the platform's user data directory (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def default_url() -> str:
    return _path_url(default_database_path())


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for ``--db``: a URL (anything with ``://``) or a file path.

    With no ``--db``, ``FORUM_TUI_DATABASE_URL`` decides (path or URL), else the default file.
    """
    if not db:
        db = os.environ.get(ENV_VAR) or None
    if not db:
        return default_url()
    if "://" in db:
        return db
    return _path_url(Path(db).expanduser())


def _path_url(path: Path) -> str:
    return f"sqlite:///{path.absolute()}"


def _sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def describe_url(url: str) -> str:
    """A URL fit to print: the file path for SQLite, the URL without password otherwise."""
    path = _sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


# ------------------------------------------------------------------ engines


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with our SQLite set-up (no connection is made yet)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseProblem(f"{url!r} is not a database URL or path.") from None
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
            cursor.execute(f"PRAGMA busy_timeout = {ATTEMPT_WAIT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            begin_write(lambda: connection.exec_driver_sql("BEGIN IMMEDIATE"))


def read_engine(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions are read-only: plain BEGIN on SQLite."""
    return engine.execution_options(**{READ_ONLY: True})


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

    Raises :class:`NotADatabase` (file left untouched), :class:`SchemaTooNew` or
    :class:`DatabaseProblem`, each with a message fit to show a person.
    """
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    engine = make_engine(url)
    try:
        _migrate(engine, url)
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade(url: str) -> tuple[str | None, str]:
    """``forum-tui db upgrade``: migrate to head; returns (revision before, revision now)."""
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    engine = make_engine(url)
    try:
        before = _guarded(lambda: current_revision(engine), url)
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

    _guarded(run, url)


def _guarded(step, url: str):
    """Run ``step``, turning driver failures into plain words."""
    try:
        return step()
    except OperationalError as error:
        raise DatabaseProblem(
            f"Cannot open the database at {describe_url(url)}: {_first_line(error.orig)}."
        ) from None
    except DBAPIError as error:
        raise DatabaseProblem(
            f"The database at {describe_url(url)} cannot be used: {_first_line(error.orig)}."
        ) from None


def _first_line(error: BaseException | None) -> str:
    text = str(error or "unknown error").strip().splitlines()
    return (text[0] if text else "unknown error").rstrip(".")


def _check_contents(connection, url: str) -> None:
    """Refuse a database holding someone else's tables, or a newer forum-tui's schema."""
    tables = set(inspect(connection).get_table_names())
    if not tables - {"alembic_version"}:
        return  # new, or every migration undone: upgrading is safe
    if _foreign(tables):
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


def _check_sqlite_file(path: Path) -> None:
    """Before SQLAlchemy touches anything: the directory is usable, the file is SQLite."""
    directory = path.parent
    if not directory.exists():
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseProblem(
                f"Cannot create the data directory {directory}: {_reason(error)}. "
                "Use --db to choose another place."
            ) from None
    if not directory.is_dir():
        raise DatabaseProblem(
            f"Cannot use {directory} as the data directory: it is not a directory. "
            "Use --db to choose another place."
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise DatabaseProblem(
            f"Cannot write to the data directory {directory}: permission denied. "
            "Use --db to choose another place."
        )
    if not path.exists():
        return
    if path.is_dir():
        raise NotADatabase(
            f"{path} is a directory, not a forum-tui database; it was left untouched."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseProblem(f"Cannot read {path}: {_reason(error)}.") from None
    if not header:
        return  # an empty file is an empty SQLite database: we may create ours in it
    if header != SQLITE_HEADER:
        raise NotADatabase(f"{path} is not a forum-tui database; it was left untouched.")
    _check_sqlite_tables(path)


def _check_sqlite_tables(path: Path) -> None:
    """A SQLite file with other tables and no forum schema is someone else's: refuse it.

    Looked at read-only through the stdlib driver, so nothing is written to the file.
    """
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # the full open below reports what is wrong
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise NotADatabase(
            f"{path} is not a usable forum-tui database ({_first_line(error)}); "
            "it was left untouched."
        ) from None
    finally:
        connection.close()
    if _foreign({name for (name,) in rows}):
        raise NotADatabase(f"{path} is not a forum-tui database; it was left untouched.")


def _foreign(tables: set[str]) -> bool:
    """Tables of some other application: anything but an empty or forum-tui schema."""
    if not tables - {"alembic_version"}:
        return False
    return "alembic_version" not in tables or not tables & OUR_TABLES


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, (NotADirectoryError, FileExistsError)):
        return "a file is in the way"
    return (error.strerror or str(error)).lower()
