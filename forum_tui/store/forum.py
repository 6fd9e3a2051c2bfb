"""The one door to the data: the ``Forum`` service.

Each public method is one use case. It checks permissions (``rules.permissions.can``),
then the guidelines, then does its work in one transaction and returns plain frozen
dataclasses (``views.py``), or raises a ``ForumError`` whose message is fit to show a
person. Reads return pages, never whole tables. Every method opens its own session, so a
``Forum`` may be used from worker threads.

How it is built:

- Sessions: ``_reading()`` runs a read-only transaction (a deferred ``BEGIN`` on SQLite,
  never blocking writers), ``_writing()`` a write transaction (``BEGIN IMMEDIATE`` on
  SQLite). Password hashing (deliberately slow) happens outside any transaction, so a
  sign-in never holds the write lock.
- Permissions are asked of the member row as it is *now* (role, suspension), not of the
  ``Viewer`` the screen holds, which may be stale.
- Row-to-view conversion lives in the ``_*_view`` / ``_badge`` functions at the bottom.
- Unread: a thread is unread for a member when it has a post after their read mark and
  its last activity is after the member's cutoff for the board: the later of the board
  visit's ``all_read_at`` (member.created_at without a visit) and ``now - UNREAD_WINDOW``.
  The window keeps the per-board unread count a bounded index range scan on
  ``ix_thread_board_order`` however big the board grows; older threads count as read.
  Counts also stop at ``UNREAD_COUNT_CAP`` (999: show it as "999+").
- Board pages use keyset paging on (floated, last_activity_at, id), one index range per
  "floated" value, with an opaque cursor; authors, last posters, read marks and idea
  details are joined in the same query.
- Boards that the community file no longer lists keep their threads in the database but
  are not shown.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    not_,
    or_,
    tuple_,
    union_all,
)
from sqlalchemy import insert as sql_insert
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules.community import Community
from forum_tui.rules.permissions import ROLES, Action, Actor, Target, can
from forum_tui.rules.ranks import Metrics, rank_title
from forum_tui.store.database import open_database, read_engine
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound, SignInFailed
from forum_tui.store.models import (
    Area,
    Board,
    BoardVisit,
    IdeaDetail,
    Like,
    Member,
    Post,
    ReadMark,
    Setting,
    StatusChange,
    Thread,
    ThreadTag,
)
from forum_tui.store.passwords import dummy_verify, hash_password, verify_password
from forum_tui.store.views import (
    AreaView,
    BoardView,
    MemberBadge,
    Page,
    Persona,
    PostView,
    ThreadSummary,
    ThreadView,
    Viewer,
)

Clock = Callable[[], datetime]

#: Threads whose last activity is older than this count as read (see module docstring).
UNREAD_WINDOW = timedelta(days=90)
#: Unread counts stop here (show it as "999+"): counting is bounded work on any board.
UNREAD_COUNT_CAP = 999
#: The most rows one page may hold, whatever a caller asks for.
MAX_PAGE = 200
WRONG_SIGN_IN = "Wrong username or password."
MODERATOR_ROLES = ("moderator", "staff")


def utc_now() -> datetime:
    """The real clock: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def open_forum(
    url: str, *, community: Community | None = None, clock: Clock | None = None
) -> Forum:
    """Open (create, migrate) the database at ``url`` and return a synced ``Forum``."""
    from forum_tui.rules.community import load_community

    engine = open_database(url)
    forum = Forum(engine, clock or utc_now, community or load_community(None))
    try:
        forum.sync_community()
    except BaseException:
        forum.close()
        raise
    return forum


class Forum:
    def __init__(self, engine, clock: Clock, community: Community) -> None:
        self.engine = engine
        self.clock = clock
        self.community = community
        self._reader = read_engine(engine)
        self._board_slugs = frozenset(board.slug for board in community.boards)
        self._unread_statements: dict[tuple[int, bool], Any] = {}

    def now(self) -> datetime:
        """The service's clock: naive UTC. Screens use it for "3 days ago"."""
        return self.clock()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # ------------------------------------------------------------------ sessions

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with Session(self._reader, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # ------------------------------------------------------------------ set-up

    def sync_community(self) -> None:
        """Mirror the community file's areas and boards into the database (by slug)."""
        try:
            self._sync_community()
        except IntegrityError:
            # Another process synced at the same moment: its rows are there now.
            self._sync_community()

    def _sync_community(self) -> None:
        with self._writing() as session:
            areas = {area.slug: area for area in session.exec(select(Area))}
            boards = {board.slug: board for board in session.exec(select(Board))}
            for area_position, area in enumerate(self.community.areas):
                area_row = areas.get(area.slug) or Area(slug=area.slug, name=area.name)
                _assign(
                    area_row, name=area.name, description=area.description, position=area_position
                )
                session.add(area_row)
                session.flush()
                for position, board in enumerate(area.boards):
                    row = boards.get(board.slug) or Board(
                        slug=board.slug, name=board.name, kind=board.kind, area_id=area_row.id
                    )
                    _assign(
                        row,
                        area_id=area_row.id,
                        name=board.name,
                        kind=board.kind,
                        description=board.description,
                        guidelines=board.guidelines,
                        position=position,
                    )
                    session.add(row)

    def is_demo(self) -> bool:
        with self._reading() as session:
            return _is_demo(session)

    def is_empty(self) -> bool:
        """True when nobody has joined yet (a brand-new database)."""
        with self._reading() as session:
            return session.exec(select(Member.id).limit(1)).first() is None

    # ------------------------------------------------------------------ people

    def add_member(
        self,
        username: str,
        password: str,
        *,
        role: str = "member",
        display_name: str | None = None,
        email_verified: bool = True,
        birth_date: date | None = None,
        staff_title: str | None = None,
    ) -> MemberBadge:
        """Add a member (``forum-tui user add``, the demo builder). Validated by the rules."""
        username = names.clean_username(username)
        problem = names.check_username(username, self.community)
        if problem:
            raise InvalidInput(problem)
        display_name = username if display_name is None else display_name.strip()
        problem = names.check_display_name(display_name, self.community)
        if problem:
            raise InvalidInput(problem)
        _check_role(role)
        staff_title = self._staff_title(role, staff_title)
        if not password:
            raise InvalidInput("The password cannot be empty.")
        password_hash = hash_password(password)  # slow on purpose: outside the transaction
        key = names.username_key(username)
        try:
            with self._writing() as session:
                _refuse_taken(session, username, key)
                member = Member(
                    username=username,
                    username_key=key,
                    display_name=display_name,
                    password_hash=password_hash,
                    role=role,
                    staff_title=staff_title,
                    star_level=1 if role == "star" else 0,
                    email_verified=email_verified,
                    birth_date=birth_date,
                    created_at=self.now(),
                )
                member.rank = self._rank(member)
                session.add(member)
                session.flush()
                return _badge(member)
        except IntegrityError:
            raise InvalidInput(f"The username {username} is taken.") from None

    def set_role(self, username: str, role: str, *, staff_title: str | None = None) -> MemberBadge:
        """Change a member's role (``forum-tui user role``). Former Stars and staff who
        become members again are Legends."""
        _check_role(role)
        staff_title = self._staff_title(role, staff_title)
        with self._writing() as session:
            member = _member_by_name(session, username)
            if role == "member" and member.role in ("star", "staff"):
                member.legend = member.role
            elif role != "member":
                member.legend = None
            if role == "star" and member.star_level < 1:
                member.star_level = 1
            member.role = role
            member.staff_title = staff_title
            member.rank = self._rank(member)
            session.add(member)
            session.flush()
            return _badge(member)

    def sign_in(self, username: str, password: str) -> Viewer:
        """Check a username and password. Unknown names and wrong passwords get the same
        answer, in about the same time."""
        key = names.username_key(username)
        with self._reading() as session:
            found = session.exec(
                select(Member.id, Member.password_hash).where(Member.username_key == key)
            ).first()
        if found is None:
            dummy_verify(password)
            raise SignInFailed(WRONG_SIGN_IN)
        member_id, password_hash = found
        if not verify_password(password, password_hash):
            raise SignInFailed(WRONG_SIGN_IN)
        return self._signed_in(member_id)

    def sign_in_as(self, username: str) -> Viewer:
        """Demo databases only: sign in as a persona without a password."""
        with self._reading() as session:
            if not _is_demo(session):
                raise NotAllowed(
                    "--as works only on a demo database, and this one is not a demo. "
                    "Start without --as and sign in with your username and password."
                )
            member = session.exec(
                select(Member).where(
                    Member.username_key == names.username_key(username),
                    Member.is_demo_persona,
                )
            ).first()
            if member is None:
                known = ", ".join(persona.username for persona in self._personas(session))
                raise NotFound(
                    f"There is no persona called {username!r}. The personas are: {known}."
                )
            member_id = member.id
        return self._signed_in(member_id)

    def _signed_in(self, member_id: int) -> Viewer:
        with self._writing() as session:
            member = session.get(Member, member_id)
            if member is None:
                raise SignInFailed(WRONG_SIGN_IN)
            now = self.now()
            if member.suspended_until is not None and member.suspended_until > now:
                raise NotAllowed(
                    f"Your account is suspended until {member.suspended_until:%d %B %Y, %H:%M} UTC."
                )
            member.last_seen_at = now
            session.add(member)
            return _viewer(member)

    def personas(self) -> tuple[Persona, ...]:
        """The demo personas, members first (up the rank ladder), then Stars, moderators
        and staff."""
        with self._reading() as session:
            return self._personas(session)

    def _personas(self, session: Session) -> tuple[Persona, ...]:
        members = session.exec(select(Member).where(Member.is_demo_persona)).all()
        ladder = {rank.name: index for index, rank in enumerate(self.community.ranks.member)}

        def order(member: Member):
            return (
                ROLES.index(member.role) if member.role in ROLES else len(ROLES),
                member.legend is not None,
                ladder.get(member.rank, len(ladder)),
                member.star_level,
                member.username_key,
            )

        return tuple(_persona(member) for member in sorted(members, key=order))

    # ------------------------------------------------------------------ reading

    def areas(self, viewer: Viewer) -> tuple[AreaView, ...]:
        """Every area with the boards the viewer may see, with thread and unread counts."""
        with self._reading() as session:
            member = _current(session, viewer)
            actor = self._actor(member)
            rows = session.exec(
                select(Board, Area)
                .join(Area, Area.id == Board.area_id)
                .order_by(Area.position, Area.id, Board.position, Board.id)
            ).all()
            visible = [
                (board, area)
                for board, area in rows
                if board.slug in self._board_slugs and _sees(actor, board)
            ]
            unread = self._unread_counts(session, member, [board for board, _ in visible])
            grouped: dict[int, tuple[Area, list[BoardView]]] = {}
            for board, area in visible:
                view = _board_view(board, area, actor, unread.get(board.id, 0))
                grouped.setdefault(area.id, (area, []))[1].append(view)
            return tuple(
                AreaView(
                    slug=area.slug,
                    name=area.name,
                    description=area.description,
                    boards=tuple(boards),
                )
                for area, boards in grouped.values()
            )

    def board(self, viewer: Viewer, slug: str) -> BoardView:
        with self._reading() as session:
            member = _current(session, viewer)
            actor = self._actor(member)
            board, area = self._visible_board(session, actor, slug)
            unread = self._unread_counts(session, member, [board])
            return _board_view(board, area, actor, unread.get(board.id, 0))

    def board_threads(
        self, viewer: Viewer, slug: str, cursor: str | None = None, limit: int = 40
    ) -> Page[ThreadSummary]:
        """A page of a board's threads: floated first, then by last activity, newest first.

        Pass the page's ``next_cursor`` back for the next page. The first page records the
        viewer's visit to the board.
        """
        limit = _page_size(limit)
        after = _decode_cursor(cursor)
        with self._writing() if cursor is None else self._reading() as session:
            member = _current(session, viewer)
            actor = self._actor(member)
            board, _area = self._visible_board(session, actor, slug)
            cutoff = self._unread_cutoff(session, member, board.id)
            rows: list[_ThreadRow] = []
            for floated in (True, False):
                if after is not None and floated and not after.floated:
                    continue
                wanted = limit + 1 - len(rows)
                if wanted <= 0:
                    break
                start = after if after is not None and after.floated == floated else None
                rows += self._thread_rows(session, member, board, floated, start, wanted)
            if cursor is None:
                self._record_visit(session, member, board)
            more = len(rows) > limit
            rows = rows[:limit]
            items = tuple(self._summary_view(row, board, cutoff) for row in rows)
        next_cursor = _encode_cursor(rows[-1].thread) if more and rows else None
        return Page(items=items, next_cursor=next_cursor)

    def thread(self, viewer: Viewer, thread_id: int) -> ThreadView:
        with self._reading() as session:
            member = _current(session, viewer)
            actor = self._actor(member)
            thread, board, area = self._visible_thread(session, actor, thread_id)
            unread = self._unread_counts(session, member, [board])
            mark = _read_position(session, member.id, thread.id)
            solution = None
            if thread.solution_post_id is not None:
                solution = self._solution_view(session, member, actor, thread, mark)
            status, label, votes, note = self._status(session, thread)
            tags = session.exec(
                select(ThreadTag.tag)
                .where(ThreadTag.thread_id == thread.id)
                .order_by(ThreadTag.tag)
            ).all()
            author = session.get(Member, thread.author_id)
            return ThreadView(
                id=thread.id,
                title=thread.title,
                board=_board_view(board, area, actor, unread.get(board.id, 0)),
                author=_badge(author),
                created_at=thread.created_at,
                post_count=thread.post_count,
                like_count=thread.like_count,
                floated=thread.floated,
                locked=thread.locked,
                removed=thread.removed,
                solution=solution,
                status=status,
                status_note=note,
                label=label,
                vote_count=votes,
                tags=tuple(tags),
                last_read_position=mark,
            )

    def thread_posts(
        self, viewer: Viewer, thread_id: int, after: int = 0, limit: int = 40
    ) -> Page[PostView]:
        """Posts with a position after ``after``, in order. ``next_cursor`` is the last
        position on the page (pass ``int(next_cursor)`` as ``after``)."""
        limit = _page_size(limit)
        after = max(0, int(after))
        with self._reading() as session:
            member = _current(session, viewer)
            actor = self._actor(member)
            thread, _board, _area = self._visible_thread(session, actor, thread_id)
            mark = _read_position(session, member.id, thread.id)
            rows = session.exec(
                _posts_query(member.id)
                .where(Post.thread_id == thread.id, Post.position > after)
                .order_by(Post.position)
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            items = tuple(
                _post_view(post, author, liked is not None, thread, mark, _moderates(actor))
                for post, author, liked in rows[:limit]
            )
        next_cursor = str(items[-1].position) if more and items else None
        return Page(items=items, next_cursor=next_cursor)

    def mark_read(self, viewer: Viewer, thread_id: int, position: int) -> None:
        """Record that the viewer has read up to ``position``; never moves backwards."""
        with self._writing() as session:
            member = _current(session, viewer)
            thread, _board, _area = self._visible_thread(session, self._actor(member), thread_id)
            position = min(max(0, int(position)), thread.post_count)
            if position <= 0:
                return
            table = ReadMark.__table__
            _upsert(
                session,
                ReadMark,
                {
                    "member_id": member.id,
                    "thread_id": thread.id,
                    "last_read_position": position,
                    "read_at": self.now(),
                },
                keys=("member_id", "thread_id"),
                update=lambda new: {
                    "last_read_position": case(
                        (
                            table.c.last_read_position < new.last_read_position,
                            new.last_read_position,
                        ),
                        else_=table.c.last_read_position,
                    ),
                    "read_at": new.read_at,
                },
            )

    # ------------------------------------------------------------------ helpers: people

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

    def _metrics(self, member: Member) -> Metrics:
        return Metrics(
            threads=member.thread_count,
            replies=member.reply_count,
            solutions=member.solution_count,
            likes_given=member.likes_given,
            likes_received=member.likes_received,
            ideas=member.idea_count,
            idea_votes=member.idea_votes_given,
            events=member.events_attended,
            days_member=max(0, (self.now() - member.created_at).days),
            upheld_reports=member.upheld_reports,
        )

    def _staff_title(self, role: str, title: str | None) -> str | None:
        """Staff carry one of the community's staff titles (the first one by default)."""
        titles = self.community.ranks.staff_titles
        if role != "staff":
            if title:
                raise InvalidInput("Only staff have a staff title.")
            return None
        if not title:
            return titles[0] if titles else None
        for known in titles:
            if known.casefold() == title.strip().casefold():
                return known
        raise InvalidInput(f"Unknown staff title {title!r}: use one of {', '.join(titles)}.")

    # ------------------------------------------------------------------ helpers: boards

    def _visible_board(self, session: Session, actor: Actor, slug: str) -> tuple[Board, Area]:
        row = session.exec(
            select(Board, Area).join(Area, Area.id == Board.area_id).where(Board.slug == slug)
        ).first()
        if row is None or slug not in self._board_slugs:
            raise NotFound(f"There is no board called {slug!r}.")
        board, area = row
        decision = can(actor, Action.VIEW_BOARD, Target(board_kind=board.kind))
        if not decision:
            raise NotAllowed(decision.reason)
        return board, area

    def _visible_thread(
        self, session: Session, actor: Actor, thread_id: int
    ) -> tuple[Thread, Board, Area]:
        row = session.exec(
            select(Thread, Board, Area)
            .join(Board, Board.id == Thread.board_id)
            .join(Area, Area.id == Board.area_id)
            .where(Thread.id == thread_id)
        ).first()
        if row is None:
            raise NotFound("That thread does not exist.")
        thread, board, area = row
        target = Target(board_kind=board.kind, removed=thread.removed)
        decision = can(actor, Action.VIEW_BOARD, target)
        if not decision:
            raise NotAllowed(decision.reason)
        return thread, board, area

    def _unread_cutoff(self, session: Session, member: Member, board_id: int) -> datetime:
        visit = session.get(BoardVisit, (member.id, board_id))
        since = visit.all_read_at if visit is not None else member.created_at
        return max(since, self.now() - UNREAD_WINDOW)

    def _unread_counts(
        self, session: Session, member: Member, boards: list[Board]
    ) -> dict[int, int]:
        """Unread threads per board: one statement, one bounded index range per board."""
        if not boards:
            return {}
        visits = dict(
            session.exec(
                select(BoardVisit.board_id, BoardVisit.all_read_at).where(
                    BoardVisit.member_id == member.id,
                    BoardVisit.board_id.in_([board.id for board in boards]),
                )
            ).all()
        )
        window = self.now() - UNREAD_WINDOW
        params: dict[str, Any] = {"member_id": member.id}
        for index, board in enumerate(boards):
            params[f"board_{index}"] = board.id
            params[f"cutoff_{index}"] = max(visits.get(board.id, member.created_at), window)
        statement = self._unread_statement(len(boards), member.role in MODERATOR_ROLES)
        counts: dict[int, int] = {}
        for index, count in session.exec(statement, params=params).all():
            board_id = boards[index].id
            counts[board_id] = min(UNREAD_COUNT_CAP, counts.get(board_id, 0) + count)
        return counts

    def _unread_statement(self, board_count: int, moderator: bool):
        """The unread-count statement for ``board_count`` boards, built once and reused
        (building fifty subqueries costs more than running them).

        Per board, one index range per floated value, newest first, stopping at the cap:
        the planner walks ``ix_thread_board_order`` backwards and never scans the board.
        """
        key = (board_count, moderator)
        statement = self._unread_statements.get(key)
        if statement is not None:
            return statement
        parts = []
        for index in range(board_count):
            for floated in (True, False):
                unread = (
                    select(Thread.id)
                    .outerjoin(
                        ReadMark,
                        and_(
                            ReadMark.thread_id == Thread.id,
                            ReadMark.member_id == bindparam("member_id"),
                        ),
                    )
                    .where(
                        Thread.board_id == bindparam(f"board_{index}"),
                        Thread.floated == floated,
                        Thread.last_activity_at > bindparam(f"cutoff_{index}"),
                        _unread_clause(),
                    )
                )
                if not moderator:
                    unread = unread.where(not_(Thread.removed))
                capped = (
                    unread.order_by(Thread.last_activity_at.desc())
                    .limit(UNREAD_COUNT_CAP)
                    .subquery()
                )
                parts.append(
                    select(
                        literal_column(str(index)).label("board_index"),
                        func.count().label("unread"),
                    ).select_from(capped)
                )
        statement = union_all(*parts)
        self._unread_statements[key] = statement
        return statement

    def _thread_rows(
        self,
        session: Session,
        member: Member,
        board: Board,
        floated: bool,
        after: _Cursor | None,
        limit: int,
    ) -> list[_ThreadRow]:
        author = aliased(Member, name="author")
        last_poster = aliased(Member, name="last_poster")
        query = (
            select(Thread, author, last_poster, ReadMark.last_read_position, IdeaDetail)
            .join(author, author.id == Thread.author_id)
            .outerjoin(last_poster, last_poster.id == Thread.last_poster_id)
            .outerjoin(
                ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == member.id)
            )
            .outerjoin(IdeaDetail, IdeaDetail.thread_id == Thread.id)
            .where(Thread.board_id == board.id, Thread.floated == floated)
        )
        if member.role not in MODERATOR_ROLES:
            query = query.where(not_(Thread.removed))
        if after is not None:
            query = query.where(
                tuple_(Thread.last_activity_at, Thread.id)
                < tuple_(after.last_activity_at, after.id)
            )
        query = query.order_by(Thread.last_activity_at.desc(), Thread.id.desc()).limit(limit)
        return [_ThreadRow(*row) for row in session.exec(query).all()]

    def _record_visit(self, session: Session, member: Member, board: Board) -> None:
        now = self.now()
        _upsert(
            session,
            BoardVisit,
            {
                "member_id": member.id,
                "board_id": board.id,
                "last_visit_at": now,
                "all_read_at": member.created_at,
            },
            keys=("member_id", "board_id"),
            update=lambda new: {"last_visit_at": new.last_visit_at},
        )

    # ------------------------------------------------------------------ helpers: threads

    def _status(
        self, session: Session, thread: Thread
    ) -> tuple[str | None, str | None, int, str | None]:
        """(status name, label, votes, latest status note) for an idea or Ongoing Issue."""
        idea = session.get(IdeaDetail, thread.id)
        if idea is not None:
            note = idea.status_note or self._latest_note(session, thread.id, "idea")
            return self._idea_status(idea.status), idea.label, idea.vote_count, note
        if thread.issue_status is not None:
            note = self._latest_note(session, thread.id, "issue")
            return self._issue_status(thread.issue_status), None, thread.vote_count, note
        return None, None, thread.vote_count, None

    def _latest_note(self, session: Session, thread_id: int, kind: str) -> str | None:
        note = session.exec(
            select(StatusChange.note)
            .where(StatusChange.thread_id == thread_id, StatusChange.kind == kind)
            .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
            .limit(1)
        ).first()
        return note or None

    def _idea_status(self, key: str) -> str:
        try:
            return self.community.idea_status(key).name
        except KeyError:
            return key

    def _issue_status(self, key: str) -> str:
        try:
            return self.community.issue_status(key).name
        except KeyError:
            return key

    def _summary_view(self, row: _ThreadRow, board: Board, cutoff: datetime) -> ThreadSummary:
        thread = row.thread
        status = label = None
        votes = thread.vote_count
        if row.idea is not None:
            status, label, votes = (
                self._idea_status(row.idea.status),
                row.idea.label,
                row.idea.vote_count,
            )
        elif thread.issue_status is not None:
            status = self._issue_status(thread.issue_status)
        return ThreadSummary(
            id=thread.id,
            board_slug=board.slug,
            title=thread.title,
            author=_badge(row.author),
            created_at=thread.created_at,
            last_activity_at=thread.last_activity_at,
            last_poster=_badge(row.last_poster) if row.last_poster is not None else None,
            reply_count=max(0, thread.post_count - 1),
            like_count=thread.like_count,
            floated=thread.floated,
            locked=thread.locked,
            solved=thread.solution_post_id is not None,
            unread=_is_unread(thread, row.read_position, cutoff),
            status=status,
            label=label,
            vote_count=votes,
        )

    def _solution_view(
        self, session: Session, member: Member, actor: Actor, thread: Thread, mark: int
    ) -> PostView | None:
        row = session.exec(
            _posts_query(member.id).where(
                Post.id == thread.solution_post_id, Post.thread_id == thread.id
            )
        ).first()
        if row is None:
            return None
        post, author, liked = row
        return _post_view(post, author, liked is not None, thread, mark, _moderates(actor))


# ---------------------------------------------------------------------- rows and cursors


@dataclass(frozen=True)
class _ThreadRow:
    thread: Thread
    author: Member
    last_poster: Member | None
    read_position: int | None
    idea: IdeaDetail | None


@dataclass(frozen=True)
class _Cursor:
    floated: bool
    last_activity_at: datetime
    id: int


def _encode_cursor(thread: Thread) -> str:
    raw = json.dumps([int(thread.floated), thread.last_activity_at.isoformat(), thread.id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> _Cursor | None:
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        floated, when, thread_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return _Cursor(bool(floated), datetime.fromisoformat(when), int(thread_id))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None


def _page_size(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE))


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


def _refuse_taken(session: Session, username: str, key: str) -> None:
    existing = session.exec(select(Member.username).where(Member.username_key == key)).first()
    if existing is None:
        return
    if existing.casefold() == username.casefold():
        raise InvalidInput(f"The username {username} is taken.")
    raise InvalidInput(
        f"The username {username} looks too much like {existing}, which is taken. Choose another."
    )


def _read_position(session: Session, member_id: int, thread_id: int) -> int:
    mark = session.get(ReadMark, (member_id, thread_id))
    return mark.last_read_position if mark is not None else 0


def _posts_query(member_id: int):
    return (
        select(Post, Member, Like.member_id)
        .join(Member, Member.id == Post.author_id)
        .outerjoin(Like, and_(Like.post_id == Post.id, Like.member_id == member_id))
    )


def _unread_clause():
    return or_(
        ReadMark.last_read_position.is_(None), ReadMark.last_read_position < Thread.post_count
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


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")


def _assign(row, **values) -> None:
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def _age(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _sees(actor: Actor, board: Board) -> bool:
    return bool(can(actor, Action.VIEW_BOARD, Target(board_kind=board.kind)))


def _moderates(actor: Actor) -> bool:
    return actor.role in MODERATOR_ROLES


def _is_unread(thread: Thread, read_position: int | None, cutoff: datetime) -> bool:
    return thread.last_activity_at > cutoff and (read_position or 0) < thread.post_count


# ---------------------------------------------------------------------- rows -> views


def _badge(member: Member) -> MemberBadge:
    return MemberBadge(
        id=member.id,
        username=member.username,
        display_name=member.display_name,
        rank=member.rank,
        avatar=member.avatar,
        role=member.role,
        is_staff=member.role == "staff",
        staff_title=member.staff_title,
    )


def _viewer(member: Member) -> Viewer:
    return Viewer(
        id=member.id,
        username=member.username,
        display_name=member.display_name,
        role=member.role,
        rank=member.rank,
        avatar=member.avatar,
        staff_title=member.staff_title,
        email_verified=member.email_verified,
        pm_enabled=member.pm_enabled,
        birth_date=member.birth_date,
        created_at=member.created_at,
    )


def _persona(member: Member) -> Persona:
    return Persona(
        username=member.username,
        display_name=member.display_name,
        rank=member.rank,
        role=member.role,
        blurb=member.persona_blurb or "",
    )


def _board_view(board: Board, area: Area, actor: Actor, unread: int) -> BoardView:
    decision = can(actor, Action.POST_THREAD, Target(board_kind=board.kind))
    return BoardView(
        id=board.id,
        slug=board.slug,
        name=board.name,
        kind=board.kind,
        description=board.description,
        area_slug=area.slug,
        area_name=area.name,
        guidelines=board.guidelines,
        thread_count=board.thread_count,
        post_count=board.post_count,
        unread_count=unread,
        last_activity_at=board.last_activity_at,
        can_post=decision.allowed,
        post_refusal="" if decision.allowed else decision.reason,
    )


def _post_view(
    post: Post, author: Member, liked: bool, thread: Thread, mark: int, moderator: bool
) -> PostView:
    hidden = post.removed and not moderator
    return PostView(
        id=post.id,
        thread_id=post.thread_id,
        position=post.position,
        author=_badge(author),
        body="" if hidden else post.body,
        created_at=post.created_at,
        edited_at=post.edited_at,
        like_count=post.like_count,
        liked_by_viewer=liked,
        is_solution=thread.solution_post_id == post.id,
        removed=post.removed,
        unread=post.position > mark,
    )
