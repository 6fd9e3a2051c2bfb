"""Shared fixtures: a frozen clock, cheap password hashes, and forum databases.

- ``clock``: a :class:`FrozenClock` at 2026-11-20 12:00 (naive UTC); ``clock.advance(hours=1)``.
- ``db_url`` / ``forum``: parametrised over ``sqlite`` and ``postgresql``, so every test
  that uses them runs on both. PostgreSQL runs when ``FORUM_TUI_TEST_PG_URL`` is set (each
  test gets its own fresh schema, dropped afterwards) and is skipped otherwise.
- ``sqlite_url`` / ``sqlite_forum``: SQLite only (a migrated file in ``tmp_path``).
- ``seed``: a :class:`Seed` that writes content straight into the forum's database, for
  tests that need threads and posts before the store has use cases to write them.
- Password hashing is made cheap for every test (scrypt n=2**10 instead of 2**17), and
  the user cache folder (start snapshots) is one of the test session's own.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from forum_tui.store import passwords

FROZEN_NOW = datetime(2026, 11, 20, 12, 0)
PG_ENV = "FORUM_TUI_TEST_PG_URL"
PG_SKIP = "FORUM_TUI_TEST_PG_URL not set: PostgreSQL store tests skipped"


class FrozenClock:
    """A clock that stands still until told to move."""

    def __init__(self, now: datetime = FROZEN_NOW) -> None:
        self.current = now

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current

    def set(self, now: datetime) -> None:
        self.current = now


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Start snapshots (``store/start_snapshot.py``) go to a folder of the test session,
    never the user's cache; subprocesses inherit it."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hash made during a test uses scrypt n=2**10: fast, still a real scrypt hash."""
    monkeypatch.setattr(passwords, "DEFAULT_N", 2**10)


# ---------------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per test session, copied for each test (fast)."""
    from forum_tui.store.database import open_database

    path = tmp_path_factory.mktemp("template") / "forum.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, _sqlite_template: Path) -> str:
    """A migrated, empty SQLite database file in ``tmp_path``."""
    path = tmp_path / "forum.db"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"


def pg_schema_url(base: str, schema: str) -> str:
    """``base`` with the connection's search_path set to ``schema``."""
    from sqlalchemy.engine import make_url

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """(url, schema): a fresh, empty PostgreSQL schema for this test, dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    from sqlalchemy import create_engine

    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield pg_schema_url(base, schema), schema
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def pg_url(pg_schema: tuple[str, str]) -> str:
    """A URL to a fresh, empty PostgreSQL schema (skips without FORUM_TUI_TEST_PG_URL)."""
    return pg_schema[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty forum database URL, on each backend in turn."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def backend(db_url: str) -> str:
    return "postgresql" if db_url.startswith("postgresql") else "sqlite"


def _open(url: str, clock: FrozenClock):
    from forum_tui.store.forum import open_forum

    return open_forum(url, clock=clock)


@pytest.fixture
def forum(db_url: str, clock: FrozenClock):
    """A migrated forum with the default community synced, on each backend in turn."""
    forum = _open(db_url, clock)
    yield forum
    forum.close()


@pytest.fixture
def sqlite_forum(sqlite_url: str, clock: FrozenClock):
    """A migrated forum with the default community synced, SQLite only."""
    forum = _open(sqlite_url, clock)
    yield forum
    forum.close()


# ---------------------------------------------------------------------- content


class Seed:
    """Writes rows straight into a forum's database (test set-up only).

    Keeps the counters screens rely on (``Board.thread_count``/``post_count``,
    ``Thread.post_count``/``last_*``) consistent with what it writes.
    """

    def __init__(self, forum) -> None:
        self.forum = forum

    def session(self):
        from sqlmodel import Session

        return Session(self.forum.engine, expire_on_commit=False)

    def member(self, username: str, *, role: str = "member", **fields):
        """Add a member through the service, then set any other columns (``created_at``,
        ``suspended_until``, ``is_demo_persona``, ...). Returns the ``Viewer``-ready id."""
        from forum_tui.store.models import Member

        staff_title = fields.pop("staff_title", None)
        birth_date = fields.pop("birth_date", None)
        password = fields.pop("password", "correct horse")
        badge = self.forum.add_member(
            username, password, role=role, staff_title=staff_title, birth_date=birth_date
        )
        if fields:
            with self.session() as session, session.begin():
                member = session.get(Member, badge.id)
                for name, value in fields.items():
                    setattr(member, name, value)
        return badge.id

    def viewer(self, member_id: int):
        from forum_tui.store.forum import _viewer
        from forum_tui.store.models import Member

        with self.session() as session:
            return _viewer(session.get(Member, member_id))

    def setting(self, key: str, value: str) -> None:
        from forum_tui.store.models import Setting

        with self.session() as session, session.begin():
            session.merge(Setting(key=key, value=value))

    def board_id(self, slug: str) -> int:
        from sqlmodel import select

        from forum_tui.store.models import Board

        with self.session() as session:
            return session.exec(select(Board.id).where(Board.slug == slug)).one()

    def thread(
        self,
        board: str,
        author_id: int,
        title: str = "A thread",
        *,
        at: datetime | None = None,
        replies: int = 0,
        reply_author_id: int | None = None,
        floated: bool = False,
        removed: bool = False,
        body: str = "The opening post.",
        **fields,
    ) -> int:
        """A thread with an opening post and ``replies`` replies, one minute apart."""
        return self.threads(
            board,
            author_id,
            [
                dict(
                    title=title,
                    at=at,
                    replies=replies,
                    reply_author_id=reply_author_id,
                    floated=floated,
                    removed=removed,
                    body=body,
                    **fields,
                )
            ],
        )[0]

    def threads(self, board: str, author_id: int, specs: list[dict]) -> list[int]:
        """Many threads in one transaction; each spec takes the keywords of :meth:`thread`."""
        from sqlmodel import select

        from forum_tui.store.models import Board, Post, Thread

        ids = []
        with self.session() as session, session.begin():
            board_row = session.exec(select(Board).where(Board.slug == board)).one()
            for spec in specs:
                spec = dict(spec)
                at = spec.pop("at", None) or self.forum.now()
                replies = spec.pop("replies", 0)
                reply_author = spec.pop("reply_author_id", None) or author_id
                body = spec.pop("body", "The opening post.")
                thread = Thread(
                    board_id=board_row.id,
                    author_id=author_id,
                    title=spec.pop("title", "A thread"),
                    created_at=at,
                    last_activity_at=at,
                    post_count=0,
                    **spec,
                )
                session.add(thread)
                session.flush()
                for position in range(1, replies + 2):
                    when = at + timedelta(minutes=position - 1)
                    post = Post(
                        thread_id=thread.id,
                        position=position,
                        author_id=author_id if position == 1 else reply_author,
                        body=body if position == 1 else f"Reply number {position - 1}.",
                        created_at=when,
                    )
                    session.add(post)
                    session.flush()
                    thread.post_count = position
                    thread.last_activity_at = when
                    thread.last_post_id = post.id
                    thread.last_poster_id = post.author_id
                board_row.thread_count += 1
                board_row.post_count += thread.post_count
                if board_row.last_activity_at is None or thread.last_activity_at > (
                    board_row.last_activity_at
                ):
                    board_row.last_activity_at = thread.last_activity_at
                ids.append(thread.id)
        return ids

    def reply(
        self, thread_id: int, author_id: int, body: str = "A reply.", *, at=None, **fields
    ) -> int:
        """Append a post to a thread (updating its counters); returns the post id."""
        from forum_tui.store.models import Board, Post, Thread

        with self.session() as session, session.begin():
            thread = session.get(Thread, thread_id)
            at = at or self.forum.now()
            post = Post(
                thread_id=thread_id,
                position=thread.post_count + 1,
                author_id=author_id,
                body=body,
                created_at=at,
                **fields,
            )
            session.add(post)
            session.flush()
            thread.post_count += 1
            thread.last_activity_at = at
            thread.last_post_id = post.id
            thread.last_poster_id = author_id
            session.get(Board, thread.board_id).post_count += 1
            return post.id

    def post_ids(self, thread_id: int) -> list[int]:
        from sqlmodel import select

        from forum_tui.store.models import Post

        with self.session() as session:
            return list(
                session.exec(
                    select(Post.id).where(Post.thread_id == thread_id).order_by(Post.position)
                ).all()
            )

    def update(self, model, key, **fields) -> None:
        """Set columns of one row, e.g. ``seed.update(Post, 3, removed=True)``."""
        with self.session() as session, session.begin():
            row = session.get(model, key)
            for name, value in fields.items():
                setattr(row, name, value)

    def add(self, *rows) -> None:
        with self.session() as session, session.begin():
            session.add_all(rows)


@pytest.fixture
def seed(forum) -> Seed:
    return Seed(forum)


@pytest.fixture
def sqlite_seed(sqlite_forum) -> Seed:
    return Seed(sqlite_forum)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the garbage collector's full passes rare in the test processes.

    A test process holds every test module, Textual, the store and what earlier tests
    left, so each full collection walks a large heap (about 0.4 s here), and CPython made
    one every few tests (29 in the 21 tests of test_compose.py: an eighth of their time).
    What the imports made is frozen out of the collector's way, as the app does at
    start-up (``cli._collect_again``), and a full pass comes ten times less often
    (the garbage between passes is a few hundred MB at most)."""
    import gc

    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, old * 10)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three workers for two cores. A screen test spends about a third of its
    time waiting on its app (timers, worker threads), so a third worker fills the cores:
    the screen tests ran 18% faster with three workers than with two on a 2-core machine."""
    return max(2, round((os.cpu_count() or 1) * 1.5))
