"""Opening databases: where they live, refusing what is not ours, migrations, SQLite set-up."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fresh_python import loaded_modules
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import forum_tui.store.models  # noqa: F401  (registers the tables)
from forum_tui.store import database, locations
from forum_tui.store.busy import ATTEMPT_WAIT_MS
from forum_tui.store.database import (
    current_revision,
    head_revision,
    make_engine,
    open_database,
    read_engine,
    resolve_url,
    upgrade,
)
from forum_tui.store.errors import DatabaseProblem, NotADatabase, SchemaTooNew
from forum_tui.store.search import include_object

# ---------------------------------------------------------------------- resolve_url


def test_resolve_url_defaults_to_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(database.ENV_VAR, raising=False)
    monkeypatch.setattr(locations, "default_database_path", lambda: tmp_path / "d" / "forum.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path}/d/forum.db"


def test_default_path_is_forum_db_under_forum_tui():
    path = locations.default_database_path()
    assert path.name == "forum.db"
    assert "forum-tui" in str(path.parent)


def test_resolve_url_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(database.ENV_VAR, "postgresql+psycopg://u@h/db")
    assert resolve_url(None) == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv(database.ENV_VAR, str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path}/env.db"
    # --db wins over the environment
    assert resolve_url(str(tmp_path / "arg.db")) == f"sqlite:///{tmp_path}/arg.db"


def test_resolve_url_paths_and_urls(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert resolve_url("here.db") == f"sqlite:///{tmp_path}/here.db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_url("~/home.db") == f"sqlite:///{tmp_path}/home.db"


# ---------------------------------------------------------------------- creating


def test_first_open_creates_directory_and_schema(tmp_path, monkeypatch):
    path = tmp_path / "new" / "deeper" / "forum.db"
    monkeypatch.setattr(locations, "default_database_path", lambda: path)
    engine = open_database(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert current_revision(engine) == head_revision()
        assert {"member", "thread", "post", "alembic_version"} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()


def test_empty_file_is_accepted(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    open_database(f"sqlite:///{path}").dispose()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_upgrade_reports_revisions(tmp_path):
    url = f"sqlite:///{tmp_path}/forum.db"
    assert upgrade(url) == (None, head_revision())
    assert upgrade(url) == (head_revision(), head_revision())


# ---------------------------------------------------------------------- refusing


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def test_text_file_is_not_a_database_and_is_left_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\nmilk\n" * 50)
    before = _snapshot(tmp_path)
    with pytest.raises(NotADatabase) as caught:
        open_database(f"sqlite:///{path}")
    assert str(caught.value) == f"{path} is not a forum-tui database; it was left untouched."
    assert _snapshot(tmp_path) == before  # byte-identical, and no -wal/-shm appeared


def test_short_binary_file_is_refused(tmp_path):
    path = tmp_path / "tiny.bin"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(NotADatabase):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == b"\x00\x01\x02"


def test_someone_elses_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "photos.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO photo (name) VALUES ('beach.jpg')")
    connection.commit()
    connection.close()
    before = _snapshot(tmp_path)
    with pytest.raises(NotADatabase, match="is not a forum-tui database; it was left untouched"):
        open_database(f"sqlite:///{path}")
    assert _snapshot(tmp_path) == before


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(NotADatabase, match="is a directory"):
        open_database(f"sqlite:///{tmp_path}")


def test_data_directory_that_cannot_be_created(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    path = blocker / "sub" / "forum.db"
    monkeypatch.setattr(locations, "default_database_path", lambda: path)
    with pytest.raises(DatabaseProblem) as caught:
        open_database(f"sqlite:///{path}")
    assert str(caught.value).startswith(f"Cannot create the data directory {blocker / 'sub'}:")
    assert str(caught.value).endswith("Use --db to choose another place.")
    assert "Traceback" not in str(caught.value)


def test_data_directory_permission_denied(tmp_path, monkeypatch):
    target = tmp_path / "x"

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setattr(locations, "default_database_path", lambda: target / "forum.db")
    with pytest.raises(DatabaseProblem) as caught:
        open_database(f"sqlite:///{target}/forum.db")
    assert str(caught.value) == (
        f"Cannot create the data directory {target}: permission denied. "
        "Use --db to choose another place."
    )


def test_data_directory_not_writable(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(DatabaseProblem) as caught:
        open_database(f"sqlite:///{tmp_path}/forum.db")
    assert str(caught.value) == (
        f"Cannot write to the data directory {tmp_path}: permission denied. "
        "Use --db to choose another place."
    )


def test_schema_too_new_on_sqlite_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "forum.db"
    open_database(f"sqlite:///{path}").dispose()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    before = _snapshot(tmp_path)
    with pytest.raises(SchemaTooNew) as caught:
        open_database(f"sqlite:///{path}")
    message = str(caught.value)
    assert "newer version of forum-tui" in message and "9999_from_the_future" in message
    assert "Upgrade forum-tui" in message
    assert _snapshot(tmp_path) == before
    with pytest.raises(SchemaTooNew):
        upgrade(f"sqlite:///{path}")


def test_schema_too_new_on_postgresql(pg_url):
    open_database(pg_url).dispose()
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    engine.dispose()
    with pytest.raises(SchemaTooNew, match="9999_future"):
        open_database(pg_url)


def test_foreign_postgresql_schema_is_refused(pg_url):
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (id integer primary key)")
    engine.dispose()
    with pytest.raises(NotADatabase, match="is not a forum-tui database"):
        open_database(pg_url)
    engine = create_engine(pg_url)
    assert inspect(engine).get_table_names() == ["invoices"]
    engine.dispose()


def test_unreachable_server_is_plain_words():
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2"
    with pytest.raises(DatabaseProblem) as caught:
        open_database(url)
    assert str(caught.value).startswith(
        "Cannot open the database at postgresql+psycopg://postgres@127.0.0.1:1/nothing"
    )


def test_unknown_driver_is_plain_words():
    with pytest.raises(DatabaseProblem, match="cannot talk to"):
        make_engine("nosuchdb://somewhere/db")


# ---------------------------------------------------------------------- migrations


def test_migrations_create_exactly_the_models(db_url):
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object}
            )
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(db_url):
    from alembic import command

    engine = open_database(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(database._alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    engine = open_database(db_url)  # a schema with every migration undone is ours to upgrade
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrations_ship_with_the_package():
    versions = database.MIGRATIONS_DIR / "versions"
    assert (database.MIGRATIONS_DIR / "env.py").is_file()
    assert (database.MIGRATIONS_DIR / "script.py.mako").is_file()
    assert (versions / "0001_initial.py").is_file()
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    for glob in ("store/migrations/*.py", "store/migrations/*.mako", "versions/*.py"):
        assert glob in pyproject


# ---------------------------------------------------------------------- SQLite set-up


def test_sqlite_pragmas(sqlite_url):
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:

            def pragma(name):
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == ATTEMPT_WAIT_MS  # then store.busy tries again
            assert pragma("synchronous") == 1  # NORMAL
    finally:
        engine.dispose()


def _other_writer(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    return connection


def test_write_transactions_begin_immediate_and_reads_do_not(sqlite_url):
    path = sqlite_url.removeprefix("sqlite:///")
    engine = make_engine(sqlite_url)
    other = _other_writer(path)
    try:
        # The write lock is taken at BEGIN, before any statement.
        with engine.begin(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        with read_engine(engine).begin() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM member").scalar()
            other.execute("BEGIN IMMEDIATE")  # a reader does not block a writer
            other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


def test_foreign_keys_are_enforced(sqlite_url):
    from sqlalchemy.exc import IntegrityError

    engine = make_engine(sqlite_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO board (area_id, slug, name, kind, description, guidelines, "
                "position, thread_count, post_count) VALUES (999, 'x', 'x', 'help', '', '', "
                "0, 0, 0)"
            )
    finally:
        engine.dispose()


def test_upgrade_from_0001_keeps_the_data(db_url):
    """A database made by the first release gains the issue-3 indexes and keeps its rows."""
    from alembic import command
    from sqlalchemy import text

    engine = database.make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(database._alembic_config(connection), "base")
            command.upgrade(database._alembic_config(connection), "0001")
            connection.execute(
                text(
                    "INSERT INTO member (username, username_key, display_name, password_hash,"
                    " role, rank, avatar, custom_avatar, email_verified, pm_enabled, bio,"
                    " is_demo_persona, created_at, star_level, thread_count, reply_count,"
                    " solution_count, likes_given, likes_received, idea_count,"
                    " idea_votes_given, events_attended, upheld_reports) VALUES ('old', 'old',"
                    " 'Old', 'x', 'member', 'Visitor', 'vinyl-grey', false, true, false, '',"
                    " false, '2024-01-01 00:00:00', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"
                )
            )
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    engine = open_database(db_url)
    try:
        assert current_revision(engine) == head_revision()
        indexes = {index["name"] for index in inspect(engine).get_indexes("thread")}
        assert "ix_thread_board_unsolved" in indexes
        with engine.connect() as connection:
            names = connection.execute(text("SELECT username FROM member")).scalars().all()
        assert names == ["old"]
    finally:
        engine.dispose()


def test_head_read_from_the_files_is_alembics_head():
    """The start-up fast path reads the head revision without Alembic; it must agree."""
    from forum_tui.store.database import head_from_files, head_revision

    assert head_from_files() == head_revision()


def test_opening_a_current_database_imports_no_alembic(tmp_path):
    """The common start (schema at head) is one cheap query, not Alembic (~100 ms to
    import); a database at an older revision is still upgraded (test above). Nor does a
    SQLite start import the PostgreSQL dialect (``models.community.MIGRATION_ONLY_INDEXES``)."""

    path = tmp_path / "current.db"
    upgrade(resolve_url(str(path)))
    code = (
        "from forum_tui.store.database import open_database, resolve_url\n"
        f"open_database(resolve_url({str(path)!r})).dispose()\n"
    )
    assert loaded_modules(code, ("alembic", "sqlalchemy.dialects.postgresql")) == []


def test_tables_leave_pydantic_validators_to_first_use():
    """Every table derives from ``TableModel`` (``defer_build``): pydantic builds no
    validator per table at import, a sixth of the models' import before home's first read."""
    from forum_tui.store.models.base import TableModel

    tables = [mapper.class_ for mapper in SQLModel._sa_registry.mappers]
    assert len(tables) == len(SQLModel.metadata.tables)
    assert [table.__name__ for table in tables if not issubclass(table, TableModel)] == []
