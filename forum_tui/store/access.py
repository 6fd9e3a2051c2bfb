"""What every part of the ``Forum`` service shares: sessions, the acting member, visibility.

The service is one object (``forum.Forum``) composed of mixins, one per family of use
cases (``reading.Reading``, ``writing.Writing``, ``following.Following``,
``drafts.Drafts``). Each mixin derives from :class:`Service`, which holds the shared
private helpers:

- Sessions: ``_reading()`` runs a read-only transaction (a deferred ``BEGIN`` on SQLite,
  never blocking writers), ``_writing()`` a write transaction (``BEGIN IMMEDIATE`` on
  SQLite; on PostgreSQL rows that must not change under us are locked with
  ``SELECT ... FOR UPDATE``, see ``lock=`` below).
- The acting member: permissions are asked of the member row as it is *now* (role,
  suspension), not of the ``Viewer`` the screen holds, which may be stale (``_actor``).
- Visibility: ``_visible_board``, ``_visible_thread`` and ``_visible_post`` load what was
  asked for and refuse it when the viewer may not see it. Content in a board the viewer
  may not see (a Star-only board) is refused with :class:`~forum_tui.store.errors.Hidden`
  (both a ``NotFound`` and a ``NotAllowed``): threads and posts there "do not exist", so
  nothing is revealed; a board asked for by its slug (public: the community file lists
  it) says who may see it.

Locking order for writes (so that PostgreSQL transactions never wait on each other in a
circle): thread, then post, then board, then members in id order, then inserts.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    and_,
    literal,
)
from sqlalchemy import insert as sql_insert
from sqlalchemy import update as sql_update
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules.community import Community
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.rules.ranks import Metrics, rank_title
from forum_tui.store.busy import BUSY_MESSAGE, BUSY_READING, in_plain_words
from forum_tui.store.convert import member_metrics
from forum_tui.store.driver_reads import DriverRead, runs_direct
from forum_tui.store.errors import Hidden, InvalidInput, NotAllowed, NotFound
from forum_tui.store.models import (
    Area,
    Board,
    Like,
    Member,
    Post,
    ReadMark,
    Setting,
    Thread,
)
from forum_tui.store.read_marks import (  # noqa: F401  (their home; imported from here too)
    MODERATOR_ROLES,
    UNREAD_COUNT_CAP,
    UNREAD_WINDOW,
    ReadMarks,
    _unread_clause,
)
from forum_tui.store.views import Viewer

Clock = Callable[[], datetime]

#: The most rows one page may hold, whatever a caller asks for.
MAX_PAGE = 200
NO_THREAD = "That thread does not exist."
NO_POST = "That post does not exist."


class Service(ReadMarks):
    """The state and shared helpers of the ``Forum`` service (see the module docstring);
    unread state and read marks come from ``read_marks.ReadMarks``."""

    engine: Any
    clock: Clock
    community: Community
    _reader: Any
    _board_slugs: frozenset[str]
    _unread_statements: dict[tuple[int, bool], Any]
    _driver_plans: dict[Any, Any]

    def now(self) -> datetime:
        """The service's clock: naive UTC. Screens use it for "3 days ago"."""
        return self.clock()

    # ------------------------------------------------------------------ sessions

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with (
            in_plain_words(self.engine, BUSY_READING),
            Session(self._reader, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _read_connection(self) -> Iterator[Any]:
        """A read-only transaction on a bare Connection, for reads made only of Core
        statements: no ORM Session to build, begin, commit and close (about a third of a
        one-statement read's cost; ``benchmarks/store_reads.py``).

        The read engine's options are set on the connection rather than taken through
        the read engine itself: an option engine dispatches every statement's events
        through its own and its parent's listeners (about 10% of a two-statement read)."""
        with in_plain_words(self.engine, BUSY_READING), self.engine.connect() as connection:
            connection.execution_options(**self._reader.get_execution_options())
            with connection.begin():
                yield connection

    @contextmanager
    def _quick_read(self, *, one_statement: bool = False) -> Iterator[Any]:
        """A read made only of prebuilt ``DirectRead`` statements, run straight on a
        pooled driver connection (``store.driver_reads``: a tiny read's fixed cost was
        most of it); ``one_statement`` for a read of a single select, which needs no
        transaction. While the engine's statements are listened to, a bare Connection."""
        if not runs_direct(self.engine):
            with self._read_connection() as connection:
                yield connection
            return
        read = DriverRead(self.engine, self._driver_plans, one_statement=one_statement)
        with in_plain_words(self.engine, BUSY_READING), read:
            yield read

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction. A busy database is waited out (``store.busy``: BEGIN is
        tried again with backoff); when it stays busy, ``ForumBusy`` says so in plain
        words and nothing is written."""
        with (
            in_plain_words(self.engine, BUSY_MESSAGE),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    # ------------------------------------------------------------------ search index

    def _index_post(self, session: Session, post_id: int) -> None:
        """Keep the search index current for a new or edited post (its thread's title
        too, for an opening post), inside the caller's transaction."""
        from forum_tui.store.search import index_for

        session.flush()
        index_for(session).index_post(session, post_id)

    # ------------------------------------------------------------------ people

    def _actor(self, member: Member) -> Actor:
        now = self.now()
        return Actor(
            id=member.id,
            role=member.role,
            staff_title=member.staff_title,
            legend=member.legend,
            age=_age(member.birth_date, now.date()),
            days_member=max(0, (now - member.created_at).days),
            email_verified=member.email_verified,
            pm_enabled=member.pm_enabled,
            suspended=member.suspended_until is not None and member.suspended_until > now,
            suspended_until=member.suspended_until,  # --- moderation: said in refusals
        )

    def _rank(self, member: Member) -> str:
        return rank_title(
            self.community,
            role=member.role,
            staff_title=member.staff_title,
            legend=member.legend,
            star_level=member.star_level,
            metrics=self._metrics(member),
        )

    def _acting(self, session: Session, viewer: Viewer) -> tuple[Member, Actor]:
        """The signed-in member's row, read fresh, and how the rules see them."""
        member = _current(session, viewer)
        return member, self._actor(member)

    def _metrics(self, member: Member) -> Metrics:
        return member_metrics(member, self.now())

    # ------------------------------------------------------------------ visibility

    def _visible_board(self, session: Session, actor: Actor, slug: str) -> tuple[Board, Area]:
        row = session.exec(
            select(Board, Area).join(Area, Area.id == Board.area_id).where(Board.slug == slug)
        ).first()
        if row is None:
            raise NotFound(f"There is no board called {slug!r}.")
        self._check_board(actor, row[0])
        return row[0], row[1]

    def _check_board(self, actor: Actor, board: Any) -> None:
        """Refuse a board asked for by its slug that is not listed or not for the actor."""
        if board.slug not in self._board_slugs:
            raise NotFound(f"There is no board called {board.slug!r}.")
        decision = can(actor, Action.VIEW_BOARD, Target(board_kind=board.kind))
        if not decision:
            # Board slugs are in the community file, so the reason may name the board.
            raise Hidden(decision.reason)

    def _board_by_id(self, session: Session, actor: Actor, board_id: int) -> tuple[Board, Area]:
        row = session.exec(
            select(Board, Area).join(Area, Area.id == Board.area_id).where(Board.id == board_id)
        ).first()
        if row is None or row[0].slug not in self._board_slugs:
            raise NotFound("That board does not exist.")
        if not _sees(actor, row[0]):
            raise Hidden("That board does not exist.")
        return row

    def _visible_thread(
        self, session: Session, actor: Actor, thread_id: int, *, lock: bool = False
    ) -> tuple[Thread, Board, Area]:
        """The thread, its board and area; ``lock`` takes the thread row FOR UPDATE
        (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)."""
        query = (
            select(Thread, Board, Area)
            .join(Board, Board.id == Thread.board_id)
            .join(Area, Area.id == Board.area_id)
            .where(Thread.id == thread_id)
        )
        if lock:
            query = query.with_for_update(of=Thread)
        row = session.exec(query).first()
        if row is None:
            raise NotFound(NO_THREAD)
        thread, board, area = row
        _check_thread(actor, thread, board)
        return thread, board, area

    def _visible_post(
        self, session: Session, actor: Actor, post_id: int, *, lock: bool = False
    ) -> tuple[Post, Thread, Board, Area]:
        """The post with its thread, board and area. With ``lock`` the thread row, then
        the post row, are taken FOR UPDATE (in that order: see the module docstring)."""
        thread_id = session.exec(select(Post.thread_id).where(Post.id == post_id)).first()
        if thread_id is None:
            raise NotFound(NO_POST)
        try:
            thread, board, area = self._visible_thread(session, actor, thread_id, lock=lock)
        except Hidden:
            raise Hidden(NO_POST) from None
        query = select(Post).where(Post.id == post_id)
        if lock:
            query = query.with_for_update()
        post = session.exec(query).one()
        if post.removed and not _moderates(actor):
            raise NotAllowed("That post was removed.")
        return post, thread, board, area


# ---------------------------------------------------------------------- small queries


def _is_demo(session: Session) -> bool:
    setting = session.get(Setting, "demo")
    return setting is not None and setting.value == "yes"


def _current(session: Session, viewer: Viewer) -> Member:
    member = session.get(Member, viewer.id)
    if member is None:
        raise NotFound("Your account no longer exists.")
    return member


def _member_by_name(session: Session, username: str) -> Member:
    member = session.exec(
        select(Member).where(Member.username_key == names.username_key(username))
    ).first()
    if member is None:
        raise NotFound(f"There is no member called {username!r}.")
    return member


def _read_position(session: Session, member_id: int, thread_id: int) -> int:
    mark = session.get(ReadMark, (member_id, thread_id))
    return mark.last_read_position if mark is not None else 0


def _posts_query(member_id: int):
    return (
        select(Post, Member, Like.member_id)
        .join(Member, Member.id == Post.author_id)
        .outerjoin(Like, and_(Like.post_id == Post.id, Like.member_id == member_id))
    )


def _upsert(
    session: Session, model, values: dict, *, keys: Iterable[str], update: Callable[[Any], dict]
) -> None:
    """INSERT ``values``, or on a key conflict UPDATE with ``update(new)``, where ``new``
    holds the would-be-inserted values as SQL expressions (``new.column``)."""
    keys = list(keys)
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        statement = insert(model).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_=update(statement.excluded)
        )
        session.exec(statement)
        return
    # Other databases: update, else insert (inside the caller's transaction).
    new = SimpleNamespace(**{name: literal(value) for name, value in values.items()})
    changed = session.exec(
        sql_update(model)
        .where(*(getattr(model, name) == values[name] for name in keys))
        .values(**update(new))
    )
    if changed.rowcount == 0:
        session.exec(sql_insert(model).values(**values))


def _insert_ignore(session: Session, model, values: dict, *, keys: Iterable[str]) -> bool:
    """INSERT ``values`` unless a row with the same ``keys`` exists; True when inserted."""
    keys = list(keys)
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=keys)
        if dialect == "postgresql":  # psycopg reports rowcount -1 here: ask for the row
            returned = statement.returning(*(getattr(model, name) for name in keys))
            return session.exec(returned).first() is not None
        return session.exec(statement).rowcount > 0
    exists = session.exec(
        select(*(getattr(model, name) for name in keys)).where(
            *(getattr(model, name) == values[name] for name in keys)
        )
    ).first()
    if exists is not None:
        return False
    session.exec(sql_insert(model).values(**values))
    return True


def _allow(actor: Actor, action: Action, target: Target) -> None:
    decision = can(actor, action, target)
    if not decision:
        raise NotAllowed(decision.reason)


def _assign(row, **values) -> None:
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def _age(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _check_thread(actor: Actor, thread: Any, board: Any) -> None:
    """Refuse a thread the actor may not see: hidden with its board, or removed."""
    if not _sees(actor, board):
        raise Hidden(NO_THREAD)
    decision = can(actor, Action.VIEW_BOARD, Target(board_kind=board.kind, removed=thread.removed))
    if not decision:
        raise NotAllowed(decision.reason)


def _sees(actor: Actor, board: Board) -> bool:
    return bool(can(actor, Action.VIEW_BOARD, Target(board_kind=board.kind)))


def _moderates(actor: Actor) -> bool:
    return actor.role in MODERATOR_ROLES


def _page_size(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE))


# ---------------------------------------------------------------------- cursors


def _encode_cursor(values: list) -> str:
    """An opaque page cursor for a list of JSON-able values (datetimes as ISO text)."""
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> list:
    """The values of a cursor from :func:`_encode_cursor`; InvalidInput when it is bad."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list):
            raise ValueError(cursor)
        return values
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None
