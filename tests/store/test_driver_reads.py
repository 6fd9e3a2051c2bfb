"""Reads run straight on the driver (store.driver_reads): the same rows, types, SQL and
errors as through Core, on SQLite and PostgreSQL, and refusals for what they cannot do."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import Numeric, bindparam, cast, create_engine, event, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import psycopg
from sqlalchemy.exc import InvalidRequestError

from forum_tui.rules.community import BOARD_KINDS, load_community
from forum_tui.store import changes, database, following, post_rows, read_context
from forum_tui.store.busy import BUSY_READING
from forum_tui.store.driver_reads import (
    DirectRead,
    DriverRead,
    RefusedStatement,
    plan,
    runs_direct,
)
from forum_tui.store.errors import ForumBusy
from forum_tui.store.forum import Forum
from forum_tui.store.models import Member, Notification
from forum_tui.store.notification_rows import notification_page

DIALECTS = [sqlite.dialect(), psycopg.dialect()]

#: Every DirectRead the store builds (notification pages: a few of their variants).
STORE_READS = [
    following._UNREAD_NOTIFICATIONS,
    changes._MARK,
    post_rows._PAGE,
    post_rows._SOLUTION,
    read_context._ACTING,
    read_context._BOARD,
    read_context._THREAD,
    read_context._ALL_BOARDS,
    *(
        notification_page(hidden, moderator, after)
        for hidden in ((), ("staff",), tuple(BOARD_KINDS))
        for moderator in (False, True)
        for after in (False, True)
    ),
]


@pytest.fixture
def thread(forum, seed, cast):
    """A thread by oskar with replies by leo, then one by jen, removed; jen liked the
    last of leo's."""
    oskar, leo, jen = cast["oskar"], cast["leo"], cast["jen"]
    thread_id = seed.thread("android", oskar.id, replies=3, reply_author_id=leo.id)
    removed = seed.reply(thread_id, jen.id, removed=True, removed_reason="spam")
    forum.toggle_like(jen, removed - 1)
    return thread_id


def _page(thread_id: int, viewer_id: int) -> dict:
    return {"thread_id": thread_id, "after": 0, "limit": 10, "viewer_id": viewer_id}


def _both(forum, read: DirectRead, parameters: dict) -> tuple[list, list]:
    """The rows of ``read`` straight on the driver and through Core."""
    with DriverRead(forum.engine, {}) as direct:
        straight = read.all(direct, parameters)
    with forum._read_connection() as connection:
        through_core = read.all(connection, parameters)
    return straight, through_core


def _types(rows: list) -> list[list[type]]:
    return [[type(value) for value in row] for row in rows]


# ---------------------------------------------------------------------- what comes back


def test_a_direct_read_returns_the_rows_and_types_core_returns(forum, cast, thread):
    straight, through_core = _both(forum, post_rows._PAGE, _page(thread, cast["jen"].id))
    assert len(straight) == 5
    assert [tuple(row) for row in straight] == [tuple(row) for row in through_core]
    assert _types(straight) == _types(through_core)
    removed = straight[-1]
    assert removed.removed is True and removed.created_at == forum.now()  # bool, datetime
    assert straight[-2].liked == cast["jen"].id and removed.liked is None
    assert removed._mapping["removed_reason"] == "spam"  # by name, as Core rows are read


def test_the_thread_context_row_is_the_same_either_way(forum, cast, thread):
    parameters = {"member_id": cast["jen"].id, "thread_id": thread}
    straight, through_core = _both(forum, read_context._THREAD, parameters)
    assert [tuple(row) for row in straight] == [tuple(row) for row in through_core]
    assert _types(straight) == _types(through_core)
    assert straight[0].m_created_at == forum.now() - timedelta(days=400)


def test_a_datetime_parameter_is_bound_as_core_binds_it(forum, seed, cast):
    """SQLite keeps datetimes as text: a cursor position bound any other way than Core's
    would compare wrongly with the stored text (here: every row, or none)."""
    jen, at = cast["jen"], forum.now()
    with seed.session() as session, session.begin():
        for _ in range(5):
            session.add(Notification(member_id=jen.id, kind="reply", created_at=at))
    with seed.session() as session:
        ids = sorted(session.scalars(select(Notification.id)).all())
    parameters = {"member_id": jen.id, "limit": 10, "after_at": at, "after_id": ids[2]}
    straight, through_core = _both(forum, notification_page((), False, True), parameters)
    assert [row.id for row in straight] == [ids[1], ids[0]] == [row.id for row in through_core]


def test_a_fixed_in_list_is_sent_as_core_sends_it(forum, cast):
    read = DirectRead(select(Member.username).where(Member.role.in_(["staff", "moderator"])))
    straight, through_core = _both(forum, read, {})
    assert sorted(straight) == sorted(through_core) == [("carla_cm",), ("modmaria",)]


def test_a_direct_read_sends_the_sql_core_sends(forum, cast, thread):
    jen = cast["jen"].id
    parameters = {
        following._UNREAD_NOTIFICATIONS: {"member_id": jen},
        changes._MARK: {"member_id": jen},
        post_rows._PAGE: _page(thread, jen),
        read_context._THREAD: {"member_id": jen, "thread_id": thread},
        notification_page(("staff",), False, True): {
            "member_id": jen,
            "limit": 3,
            "after_at": forum.now(),
            "after_id": 9,
        },
    }
    sent = []
    engine = forum.engine

    def record(_conn, _cursor, statement, *_rest) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with forum._read_connection() as connection:
            for read, values in parameters.items():
                connection.execute(read.statement, values).all()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert sent == [plan(read.statement, engine.dialect).sql for read in parameters]


def test_parameters_go_in_the_drivers_style_and_are_required():
    statement = post_rows._PAGE.statement
    positional, named = (plan(statement, dialect) for dialect in DIALECTS)
    values = {"thread_id": 7, "after": 2, "limit": 5, "viewer_id": 3}
    assert positional.arguments(values)[:4] == [3, 7, 2, 5]  # in the SQL's order
    assert named.arguments(values) == values
    for built in (positional, named):
        with pytest.raises(InvalidRequestError, match="'limit'"):
            built.arguments({"thread_id": 7, "after": 2, "viewer_id": 3})


# ---------------------------------------------------------------------- refusals


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda dialect: dialect.name)
def test_every_read_the_store_builds_plans_on_both_databases(dialect):
    for read in STORE_READS:
        assert plan(read.statement, dialect).sql.startswith("SELECT")


REFUSED = {
    "not a select": update(Member).values(role="member"),
    "an IN list given per call": select(Member.id).where(
        Member.id.in_(bindparam("ids", expanding=True))
    ),
    "a value from a callable": select(Member.id).where(
        Member.id == bindparam("id", callable_=lambda: 1)
    ),
    "a column needing the driver's description": select(cast(Member.id, Numeric(10, 2))),
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=list(REFUSED))
@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda dialect: dialect.name)
def test_what_a_plan_cannot_do_is_refused_when_it_is_built(statement, dialect):
    with pytest.raises(RefusedStatement):
        plan(statement, dialect)


def test_a_refused_statement_reads_no_row(forum):
    plans: dict = {}
    read = DirectRead(REFUSED["a column needing the driver's description"])
    with pytest.raises(RefusedStatement), DriverRead(forum.engine, plans) as direct:
        read.all(direct, {})
    assert plans == {}


# ---------------------------------------------------------------------- transactions


def test_statements_of_one_read_share_a_transaction(forum, backend):
    with DriverRead(forum.engine, {}) as direct:
        read_context._ACTING.all(direct, {"member_id": 1})
        driver = direct._driver
        if backend == "sqlite":
            assert driver.in_transaction
        else:
            assert not driver.autocommit and driver.info.transaction_status != 0


def test_a_one_statement_read_has_no_transaction_and_runs_one_statement(forum, backend):
    with DriverRead(forum.engine, {}, one_statement=True) as direct:
        read_context._ACTING.all(direct, {"member_id": 1})
        driver = direct._driver
        if backend == "sqlite":
            assert not driver.in_transaction
        else:
            assert driver.autocommit
        with pytest.raises(InvalidRequestError, match="second statement"):
            read_context._ACTING.all(direct, {"member_id": 1})
    # Back in the pool as it was: its next Core transaction is a transaction.
    assert backend == "sqlite" or driver.autocommit is False


def test_a_core_statement_handed_a_direct_read_is_told_why(forum):
    with DriverRead(forum.engine, {}) as direct, pytest.raises(TypeError, match="DirectRead"):
        database.connection_of(direct).execute(select(Member.id))


def test_the_hot_reads_go_straight_to_the_driver_unless_watched(forum, cast, thread):
    """Listeners (tests counting statements, the benchmark's capture) see every
    statement: while one listens, the same reads run through Core."""
    jen = cast["jen"]
    assert runs_direct(forum.engine)
    seen = []

    def record(*_args) -> None:
        seen.append(1)

    forum.thread_posts(jen, thread)
    forum.unread_notification_count(jen)
    assert seen == []
    event.listen(forum.engine, "before_cursor_execute", record)
    try:
        assert not runs_direct(forum.engine)
        assert forum.unread_notification_count(jen) == 0
        assert forum.change_mark(jen) != (0, 0)
        assert len(forum.thread_posts(jen, thread).items) == 5
    finally:
        event.remove(forum.engine, "before_cursor_execute", record)
    assert len(seen) >= 3 and runs_direct(forum.engine)


# ---------------------------------------------------------------------- busy


class _Locked(sqlite3.Connection):
    """A SQLite connection whose statements find the database locked while ``locked``."""

    locked = False

    def cursor(self, *args, **kwargs):
        cursor = super().cursor(*args, **kwargs)
        return _LockedCursor(self) if _Locked.locked else cursor


class _LockedCursor(sqlite3.Cursor):
    def execute(self, *args, **kwargs):
        raise sqlite3.OperationalError("database is locked")


@pytest.fixture
def locked_forum(sqlite_url, clock):
    engine = create_engine(
        sqlite_url, connect_args={"check_same_thread": False, "factory": _Locked}
    )
    database._set_up_sqlite(engine)
    forum = Forum(engine, clock, load_community(None))
    yield forum
    _Locked.locked = False
    forum.close()


def test_a_busy_database_is_said_in_plain_words(locked_forum, sqlite_seed):
    forum = locked_forum
    viewer = sqlite_seed.viewer(sqlite_seed.member("jen"))
    thread = sqlite_seed.thread("android", viewer.id)
    _Locked.locked = True
    for read in (
        lambda: forum.unread_notification_count(viewer),
        lambda: forum.change_mark(viewer),
        lambda: forum.notifications(viewer),
        lambda: forum.thread_posts(viewer, thread),
    ):
        with pytest.raises(ForumBusy, match="very busy right now; try again") as raised:
            read()
        assert str(raised.value) == BUSY_READING
    _Locked.locked = False
    assert forum.unread_notification_count(viewer) == 0  # the pool's connections still work


def test_a_database_locked_while_connecting_is_said_in_plain_words(
    sqlite_forum, sqlite_url, sqlite_seed, monkeypatch
):
    """A real lock: another process holds the file in exclusive mode, so a new
    connection cannot even set itself up."""
    viewer = sqlite_seed.viewer(sqlite_seed.member("jen"))
    sqlite_forum.engine.dispose()  # no connection left open: the next read connects
    monkeypatch.setattr(database, "CONNECT_WAIT_MS", 20)
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE member SET role = role")
        other.execute("COMMIT")  # exclusive mode keeps the lock
        with pytest.raises(ForumBusy, match="very busy right now; try again"):
            sqlite_forum.unread_notification_count(viewer)
    finally:
        other.close()
    assert sqlite_forum.unread_notification_count(viewer) == 0
