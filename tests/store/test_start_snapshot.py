"""Start snapshots: a read kept with a fingerprint of its rows, given back only while
those rows are unchanged (``store/start_snapshot.py``). SQLite files only."""

from __future__ import annotations

import os
import pickle
import threading
import time
from pathlib import Path

import pytest
from fresh_python import loaded_modules

from forum_tui.store import start_snapshot
from forum_tui.store.models import BoardVisit, Member
from forum_tui.store.start_snapshot import StartSnapshot

CONTEXT = "the default community"


@pytest.fixture
def member(sqlite_seed):
    return sqlite_seed.member("mia")


@pytest.fixture
def viewer(sqlite_seed, member):
    return sqlite_seed.viewer(member)


@pytest.fixture
def snapshot(sqlite_forum) -> StartSnapshot:
    database = Path(sqlite_forum.engine.url.database)
    return StartSnapshot(database, "mia", CONTEXT)


def home_like(viewer):
    """A read shaped like home's first one: the member now, the areas, a count."""

    def read(forum):
        now = forum.who_am_i(viewer)
        return now, forum.areas(now), forum.unread_notification_count(now)

    return read


def test_a_kept_read_comes_back_while_its_rows_are_unchanged(sqlite_forum, snapshot, viewer):
    read = home_like(viewer)
    kept = snapshot.remember(sqlite_forum, read)
    assert kept == read(sqlite_forum)
    assert snapshot.recall() == kept
    assert StartSnapshot(snapshot.database, "mia", CONTEXT).recall() == kept  # a new start


def add_thread(seed, forum, member):
    seed.thread(forum.community.boards[0].slug, member, "Something new")


def promote(seed, _forum, member):
    seed.update(Member, member, role="moderator")


def read_board(seed, forum, member):
    board_id = seed.board_id(forum.community.boards[0].slug)
    now = forum.now()
    seed.add(BoardVisit(member_id=member, board_id=board_id, last_visit_at=now, all_read_at=now))


@pytest.mark.parametrize("change", [add_thread, promote, read_board])
def test_any_change_to_the_rows_read_means_reading_live(
    sqlite_forum, sqlite_seed, snapshot, viewer, member, change
):
    snapshot.remember(sqlite_forum, home_like(viewer))
    change(sqlite_seed, sqlite_forum, member)
    assert snapshot.recall() is None


def test_a_change_the_read_never_saw_keeps_the_snapshot(
    sqlite_forum, sqlite_seed, snapshot, viewer
):
    kept = snapshot.remember(sqlite_forum, home_like(viewer))
    sqlite_seed.member("someone_else")
    assert snapshot.recall() == kept


def test_other_code_or_another_community_means_reading_live(
    sqlite_forum, snapshot, viewer, monkeypatch
):
    snapshot.remember(sqlite_forum, home_like(viewer))
    assert StartSnapshot(snapshot.database, "mia", "another community").recall() is None
    monkeypatch.setattr(start_snapshot, "_code_mark", lambda: "an edited file")
    assert StartSnapshot(snapshot.database, "mia", CONTEXT).recall() is None


def test_each_member_has_their_own(sqlite_forum, snapshot, viewer):
    snapshot.remember(sqlite_forum, home_like(viewer))
    assert StartSnapshot(snapshot.database, "ben", CONTEXT).recall() is None


def test_a_read_that_writes_is_never_kept(sqlite_forum, snapshot, viewer):
    def writes(forum):
        forum.save_draft(viewer, "thread:android", title="Half a thought", body="")
        return forum.areas(viewer)

    assert snapshot.remember(sqlite_forum, writes)  # what it read is still returned
    assert not snapshot.file.exists()


def test_a_write_landing_between_the_two_reads_is_never_kept(
    sqlite_forum, sqlite_seed, snapshot, viewer, member
):
    """Another writer's thread lands right after the first read: the fingerprint would
    pair the old areas with new rows, so nothing is kept."""
    calls = []

    def read(forum):
        areas = forum.areas(viewer)
        if not calls:  # the other writer, in its own thread (its statements are not ours)
            writer = threading.Thread(target=add_thread, args=(sqlite_seed, forum, member))
            writer.start()
            writer.join()
        calls.append(areas)
        return areas

    snapshot.remember(sqlite_forum, read)
    assert len(calls) == 2 and calls[0] != calls[1]
    assert not snapshot.file.exists()


def test_a_damaged_file_or_a_missing_database_means_reading_live(
    sqlite_forum, snapshot, viewer, tmp_path
):
    snapshot.remember(sqlite_forum, home_like(viewer))
    snapshot.file.write_bytes(b"\x80\x05not a pickle at all")
    assert snapshot.recall() is None

    missing = tmp_path / "gone.db"
    elsewhere = StartSnapshot(missing, "mia", CONTEXT)
    elsewhere.file.parent.mkdir(parents=True, exist_ok=True)
    elsewhere.file.write_bytes(snapshot.file.read_bytes())
    assert elsewhere.recall() is None
    assert not missing.exists()  # looked at, never created


class _Planted:
    """Unpickles as a call to ``os.remove(path)``: what a planted file could try."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.remove, (self.path,))


def test_a_planted_file_builds_nothing_but_views(sqlite_forum, snapshot, viewer, tmp_path):
    snapshot.remember(sqlite_forum, home_like(viewer))
    canary = tmp_path / "canary"
    canary.write_text("still here")
    mark, statements, fingerprint, _result = start_snapshot._load(snapshot.file)
    planted = (mark, statements, fingerprint, _Planted(str(canary)))
    snapshot.file.write_bytes(pickle.dumps(planted))
    assert snapshot.recall() is None
    assert canary.read_text() == "still here"


def test_the_file_is_the_members_alone(sqlite_forum, snapshot, viewer):
    snapshot.remember(sqlite_forum, home_like(viewer))
    assert snapshot.file.stat().st_mode & 0o777 == 0o600


def test_a_server_database_has_no_snapshot():
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    assert StartSnapshot.for_start(url, "mia", CONTEXT) is None


def test_recalling_imports_no_sqlalchemy(sqlite_forum, snapshot, viewer):
    """The point of it: home's data before SQLAlchemy and the models are imported."""
    kept = snapshot.remember(sqlite_forum, home_like(viewer))
    code = (
        "from forum_tui.store.start_snapshot import StartSnapshot\n"
        f"recalled = StartSnapshot.for_start({str(snapshot.database)!r}, 'mia', {CONTEXT!r})"
        ".recall()\n"
        f"assert (recalled[0].username, len(recalled[1])) == {(kept[0].username, len(kept[1]))!r}\n"
    )
    assert loaded_modules(code, ("sqlalchemy", "sqlmodel")) == []


def test_snapshots_no_start_wrote_for_a_month_are_deleted(sqlite_forum, snapshot, viewer):
    folder = snapshot.file.parent
    folder.mkdir(parents=True, exist_ok=True)
    old, recent = folder / "of-a-deleted-test-database", folder / "of-yesterday"
    for file, days in ((old, start_snapshot.KEPT_FOR_DAYS + 1), (recent, 1)):
        file.write_bytes(b"")
        when = time.time() - days * 86400
        os.utime(file, (when, when))
    snapshot.remember(sqlite_forum, home_like(viewer))
    assert not old.exists() and recent.exists() and snapshot.file.exists()


@pytest.mark.parametrize(
    "planted",
    [
        "DELETE FROM member",
        "WITH gone AS (SELECT 1) DELETE FROM member",
        "PRAGMA query_only = OFF",
    ],
)
def test_a_planted_statement_cannot_change_the_forum(sqlite_forum, snapshot, viewer, planted):
    """The checks run only reads, on a connection that refuses writes: a file planted in
    the cache cannot delete a member, whatever SQL it holds."""
    snapshot.remember(sqlite_forum, home_like(viewer))
    mark, statements, fingerprint, result = start_snapshot._load(snapshot.file)
    statements = [(planted, ()), *statements]
    snapshot.file.write_bytes(pickle.dumps((mark, statements, fingerprint, result)))
    assert snapshot.recall() is None
    assert sqlite_forum.who_am_i(viewer).username == viewer.username  # still there
