"""Opening a SQLite file that is damaged, read-only, or a typo: one line, nothing touched.

See ``store/sqlite_file.py``. Every refusal leaves the folder byte-for-byte as it was: no
``-wal``/``-shm`` files appear beside a refused file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forum_tui.store import database, locations, sqlite_file
from forum_tui.store.database import open_database, resolve_url, upgrade
from forum_tui.store.errors import DamagedDatabase, DatabaseProblem
from forum_tui.store.forum import open_forum

PAGE = 4096


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.fixture
def forum_file(sqlite_url) -> Path:
    """A migrated forum file (WAL mode) with the community synced, closed."""
    open_forum(sqlite_url).close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert not Path(f"{path}-wal").exists()
    return path


def _root_page(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    finally:
        connection.close()


def _damage(path: Path, table: str) -> None:
    """Overwrite a table's root page with garbage: the schema (page 1) stays readable."""
    page = _root_page(path, table)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(b"\xde\xad\xbe\xef" * (PAGE // 4))


def _expected(path: Path, detail: str) -> str:
    return (
        f"{path} is damaged ({detail}) and forum-tui cannot use it; it was left untouched. "
        "Restore it from a backup, or use --db to start a new forum elsewhere."
    )


def test_a_truncated_file_is_called_damaged_and_left_untouched(forum_file):
    with forum_file.open("r+b") as handle:
        handle.truncate(PAGE * 3)
    before = _snapshot(forum_file.parent)
    with pytest.raises(DamagedDatabase) as caught:
        open_forum(f"sqlite:///{forum_file}")
    assert "is damaged" in str(caught.value) and "Restore it from a backup" in str(caught.value)
    assert _snapshot(forum_file.parent) == before


def test_corrupt_pages_past_the_schema_found_at_the_first_look(forum_file):
    _damage(forum_file, "board")
    before = _snapshot(forum_file.parent)
    with pytest.raises(DamagedDatabase) as caught:
        open_forum(f"sqlite:///{forum_file}")
    assert str(caught.value) == _expected(forum_file, "SQLite's check found bad pages")
    assert _snapshot(forum_file.parent) == before  # no -wal, no -shm


def test_corrupt_pages_in_a_big_file_found_by_the_guarded_first_reads(forum_file, monkeypatch):
    """Files too big for the quick check at open: the community sync (the first read past
    the schema) runs inside the guarded open and gets the same words, not a crash."""
    monkeypatch.setattr(sqlite_file, "QUICK_CHECK_MAX_BYTES", 0)
    _damage(forum_file, "board")
    with pytest.raises(DamagedDatabase) as caught:
        open_forum(f"sqlite:///{forum_file}")
    assert str(caught.value) == _expected(forum_file, "database disk image is malformed")


def test_damage_found_while_in_use_is_told_in_the_same_words(forum_file, seed_free_viewer):
    forum, viewer = seed_free_viewer
    forum.engine.dispose()  # no page stays cached in a pooled connection
    _damage(forum_file, "board")
    with pytest.raises(DamagedDatabase, match=r"is damaged .* Restore it from a backup"):
        forum.areas(viewer)


@pytest.fixture
def seed_free_viewer(forum_file):
    forum = open_forum(f"sqlite:///{forum_file}")
    forum.add_member("jen", "correct horse")
    viewer = forum.sign_in("jen", "correct horse")
    yield forum, viewer
    forum.close()


def test_a_read_only_file_is_refused_at_start_and_untouched(forum_file):
    forum_file.chmod(0o444)
    try:
        before = _snapshot(forum_file.parent)
        with pytest.raises(DatabaseProblem) as caught:
            open_forum(f"sqlite:///{forum_file}")
        assert str(caught.value) == (
            f"{forum_file} is read-only, and forum-tui writes to its database (sign-ins, "
            "read marks, posts); it was left untouched. Make it writable "
            f"(chmod u+w '{forum_file}') or use a copy."
        )
        assert _snapshot(forum_file.parent) == before
    finally:
        forum_file.chmod(0o644)


def test_a_new_database_only_where_its_folder_exists(tmp_path):
    missing = tmp_path / "forms" / "forum.db"  # a typo for "forums"
    with pytest.raises(DatabaseProblem) as caught:
        open_database(f"sqlite:///{missing}")
    assert str(caught.value) == (
        f"Cannot make a database in {missing.parent}: that folder does not exist. "
        "Check the path for a typo, or create the folder first."
    )
    assert list(tmp_path.iterdir()) == []


def test_the_default_place_gets_its_folder_made(tmp_path, monkeypatch):
    default = tmp_path / "data" / "forum-tui" / "forum.db"
    monkeypatch.setattr(locations, "default_database_path", lambda: default)
    open_database(database.default_url()).dispose()
    assert default.exists()


def test_a_new_file_needs_a_database_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DatabaseProblem, match=r"no database at .*not a url.*named like forum.db"):
        open_database(resolve_url("not a url"))
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_may_have_any_name(forum_file):
    renamed = forum_file.with_name("community-data")
    forum_file.rename(renamed)
    open_forum(f"sqlite:///{renamed}").close()


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://", "sqlite:///:memory:?x=1"])
def test_in_memory_databases_are_refused_with_a_reason(url):
    with pytest.raises(DatabaseProblem, match="in-memory database, which vanishes"):
        resolve_url(url)


def test_a_bad_url_is_one_line(monkeypatch):
    monkeypatch.setenv(database.ENV_VAR, "://")
    with pytest.raises(DatabaseProblem) as caught:
        upgrade(resolve_url(None))
    assert str(caught.value).startswith("'://' is not a database URL or path.")
    with pytest.raises(DatabaseProblem, match="is not a database URL or path"):
        upgrade("://")
