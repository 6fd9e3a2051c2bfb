"""Following: subscriptions, "next unread" across boards, and notifications.

- Subscriptions: a member follows a board (new threads and replies in it), a thread
  (replies, solutions), a post (replies quoting it, its being marked the solution) or the
  Community Blog (``kind="blog"``, ``target_id=0``: each new blog post). Following needs
  ``can(SUBSCRIBE)`` on the board (Star-only boards for Stars and staff; suspended members
  may only unfollow). Notifications themselves are written by the use cases that cause
  them (``writing``, through ``notify``).
- "Next unread" walks the boards the viewer can see in sidebar order and, in each, the
  threads in board order (floated first, then by last activity, newest first) within the
  unread window (see ``reading``), and answers the first thread with a post after the
  viewer's read mark, and that post's position.
- Notifications are listed newest first with keyset paging; their words are built when
  read (``notify.notification_text``). The unread count stops at
  ``NOTIFICATION_COUNT_CAP`` (99: show it as "99+"). Notifications about content the
  viewer can no longer see (a removed thread, a Star-only board) are left out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, delete, func, not_, update
from sqlalchemy import select as sql_select
from sqlmodel import Session, select

from forum_tui.rules.community import BOARD_KINDS
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.store.access import (
    MODERATOR_ROLES,
    Service,
    _current,
    _decode_cursor,
    _encode_cursor,
    _insert_ignore,
    _moderates,
    _page_size,
    _sees,
    _unread_clause,
    _upsert,
)
from forum_tui.store.driver_reads import DirectRead
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.models import (
    Area,
    Board,
    BoardVisit,
    Notification,
    Post,
    ReadMark,
    Subscription,
    Thread,
)
from forum_tui.store.notification_rows import notification_page, notification_view
from forum_tui.store.read_context import require_member
from forum_tui.store.views import (
    NotificationView,
    Page,
    SubscriptionView,
    UnreadTarget,
    Viewer,
)

SUBSCRIPTION_KINDS = ("board", "thread", "post", "blog")
#: Unread notification counts stop here (show it as "99+").
NOTIFICATION_COUNT_CAP = 99
#: How many subscriptions ``subscriptions()`` lists, newest first.
SUBSCRIPTIONS_LISTED = 500
BLOG_TITLE = "Community Blog"
NO_NOTIFICATION = "That notification does not exist."


_UNREAD_NOTIFICATIONS = DirectRead(
    sql_select(func.count()).select_from(
        sql_select(Notification.id)
        .where(Notification.member_id == bindparam("member_id"), Notification.read_at.is_(None))
        .limit(NOTIFICATION_COUNT_CAP)
        .subquery()
    )
)


class Following(Service):
    # ------------------------------------------------------------------ subscriptions

    def subscribe(self, viewer: Viewer, kind: str, target_id: int) -> None:
        """Follow a board, thread, post or the blog (``target_id`` 0). Following twice
        is the same as once."""
        with self._writing() as session:
            member = _current(session, viewer)
            self._subscription_target(session, self._actor(member), kind, target_id)
            self._add_subscription(session, member.id, kind, target_id)

    def unsubscribe(self, viewer: Viewer, kind: str, target_id: int) -> None:
        """Stop following (always allowed; nothing happens when not following)."""
        _check_kind(kind)
        with self._writing() as session:
            session.exec(_subscription_delete(viewer.id, kind, target_id))

    def toggle_subscription(self, viewer: Viewer, kind: str, target_id: int) -> bool:
        """Follow, or stop following; returns True when now following."""
        _check_kind(kind)
        with self._writing() as session:
            member = _current(session, viewer)
            removed = session.exec(_subscription_delete(member.id, kind, target_id))
            if removed.rowcount:
                return False
            self._subscription_target(session, self._actor(member), kind, target_id)
            self._add_subscription(session, member.id, kind, target_id)
            return True

    def is_subscribed(self, viewer: Viewer, kind: str, target_id: int) -> bool:
        _check_kind(kind)
        with self._reading() as session:
            return (
                session.exec(
                    select(Subscription.id).where(
                        Subscription.member_id == viewer.id,
                        Subscription.target_kind == kind,
                        Subscription.target_id == target_id,
                    )
                ).first()
                is not None
            )

    def subscriptions(self, viewer: Viewer) -> tuple[SubscriptionView, ...]:
        """What the member follows, newest first (at most ``SUBSCRIPTIONS_LISTED``), each
        with a title to show and where to jump. Things the member can no longer see are
        left out."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            rows = session.exec(
                select(Subscription)
                .where(Subscription.member_id == member.id)
                .order_by(Subscription.created_at.desc(), Subscription.id.desc())
                .limit(SUBSCRIPTIONS_LISTED)
            ).all()
            boards = {
                board.id: board
                for board in session.exec(select(Board)).all()
                if board.slug in self._board_slugs
            }
            posts = _by_id(
                session,
                select(Post.id, Post.position, Post.thread_id, Post.removed),
                Post.id,
                [row.target_id for row in rows if row.target_kind == "post"],
            )
            thread_ids = [row.target_id for row in rows if row.target_kind == "thread"]
            thread_ids += [post.thread_id for post in posts.values()]
            threads = _by_id(
                session,
                select(Thread.id, Thread.title, Thread.board_id, Thread.removed),
                Thread.id,
                thread_ids,
            )
            moderator = _moderates(actor)

            def shown_thread(thread_id: int):
                thread = threads.get(thread_id)
                if thread is None or (thread.removed and not moderator):
                    return None, None
                board = boards.get(thread.board_id)
                if board is None or not _sees(actor, board):
                    return None, None
                return thread, board

            views = []
            for row in rows:
                if row.target_kind == "board":
                    board = boards.get(row.target_id)
                    if board is None or not _sees(actor, board):
                        continue
                    views.append(_subscription(row, board.name, board_slug=board.slug))
                elif row.target_kind == "thread":
                    thread, board = shown_thread(row.target_id)
                    if thread is None:
                        continue
                    views.append(
                        _subscription(row, thread.title, board_slug=board.slug, thread_id=thread.id)
                    )
                elif row.target_kind == "post":
                    post = posts.get(row.target_id)
                    if post is None or (post.removed and not moderator):
                        continue
                    thread, board = shown_thread(post.thread_id)
                    if thread is None:
                        continue
                    views.append(
                        _subscription(
                            row,
                            f"Post #{post.position} in {thread.title}",
                            board_slug=board.slug,
                            thread_id=thread.id,
                            position=post.position,
                        )
                    )
                elif row.target_kind == "blog":
                    blog = self._blog_board(session)
                    views.append(
                        _subscription(row, BLOG_TITLE, board_slug=blog.slug if blog else None)
                    )
            return tuple(views)

    def _subscription_target(
        self, session: Session, actor: Actor, kind: str, target_id: int
    ) -> None:
        """Check that the target exists, that the viewer sees it and may follow it."""
        _check_kind(kind)
        if kind == "board":
            board, _area = self._board_by_id(session, actor, target_id)
        elif kind == "thread":
            _thread, board, _area = self._visible_thread(session, actor, target_id)
        elif kind == "post":
            _post, _thread, board, _area = self._visible_post(session, actor, target_id)
        else:
            if target_id != 0:
                raise InvalidInput("Follow the blog with target 0.")
            board = self._blog_board(session)
            if board is None:
                raise NotFound("This community has no blog.")
        decision = can(actor, Action.SUBSCRIBE, Target(board_kind=board.kind))
        if not decision:
            raise NotAllowed(decision.reason)

    def _add_subscription(self, session: Session, member_id: int, kind: str, target_id: int):
        _insert_ignore(
            session,
            Subscription,
            {
                "member_id": member_id,
                "target_kind": kind,
                "target_id": target_id,
                "created_at": self.now(),
            },
            keys=("member_id", "target_kind", "target_id"),
        )

    def _blog_board(self, session: Session) -> Board | None:
        slugs = [board.slug for board in self.community.boards if board.kind == "blog"]
        if not slugs:
            return None
        return session.exec(select(Board).where(Board.slug == slugs[0])).first()

    # ------------------------------------------------------------------ unread

    def next_unread(
        self, viewer: Viewer, *, exclude_thread_id: int | None = None
    ) -> UnreadTarget | None:
        """The next thread with something new, across every board the viewer can see:
        boards in sidebar order, threads in board order; with the position of its first
        new post. None when everything is read. ``exclude_thread_id`` skips the thread
        being read now."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            rows = session.exec(
                select(Board)
                .join(Area, Area.id == Board.area_id)
                .order_by(Area.position, Area.id, Board.position, Board.id)
            ).all()
            boards = [b for b in rows if b.slug in self._board_slugs and _sees(actor, b)]
            counts = self._unread_counts(session, member, boards)  # one statement
            boards = [board for board in boards if counts.get(board.id)]
            cutoffs = self._unread_cutoffs(session, member, boards)
            moderator = member.role in MODERATOR_ROLES
            for board in boards:
                for floated in (True, False):
                    query = (
                        select(Thread)
                        .outerjoin(
                            ReadMark,
                            and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == member.id),
                        )
                        .where(
                            Thread.board_id == board.id,
                            Thread.floated == floated,
                            Thread.last_activity_at > cutoffs[board.id],
                            _unread_clause(),
                        )
                        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
                        .limit(1)
                    )
                    if not moderator:
                        query = query.where(not_(Thread.removed))
                    if exclude_thread_id is not None:
                        query = query.where(Thread.id != exclude_thread_id)
                    thread = session.exec(query).first()
                    if thread is None:
                        continue
                    mark = self._effective_mark(session, member, thread)
                    return UnreadTarget(
                        thread_id=thread.id,
                        position=min(mark + 1, thread.post_count),
                        board_slug=board.slug,
                        title=thread.title,
                    )
            return None

    def mark_board_read(self, viewer: Viewer, board_slug: str) -> None:
        """Count everything in the board up to now as read."""
        with self._writing() as session:
            member = _current(session, viewer)
            board, _area = self._visible_board(session, self._actor(member), board_slug)
            now = self.now()
            _upsert(
                session,
                BoardVisit,
                {
                    "member_id": member.id,
                    "board_id": board.id,
                    "last_visit_at": now,
                    "all_read_at": now,
                },
                keys=("member_id", "board_id"),
                update=lambda new: {
                    "last_visit_at": new.last_visit_at,
                    "all_read_at": new.all_read_at,
                },
            )

    # ------------------------------------------------------------------ notifications

    def notifications(
        self, viewer: Viewer, cursor: str | None = None, limit: int = 40
    ) -> Page[NotificationView]:
        """The viewer's notifications, newest first, a page at a time (pass
        ``next_cursor`` back for the next page)."""
        limit = _page_size(limit)
        after = _decode_notification_cursor(cursor)
        with self._quick_read() as read:
            member = require_member(read, viewer.id)
            actor = self._actor(member)
            hidden = tuple(
                kind
                for kind in BOARD_KINDS
                if not can(actor, Action.VIEW_BOARD, Target(board_kind=kind))
            )
            statement = notification_page(hidden, _moderates(actor), after is not None)
            params = {"member_id": member.id, "limit": limit + 1}
            if after is not None:
                params["after_at"], params["after_id"] = after
            rows = statement.all(read, params)
            more = len(rows) > limit
            rows = rows[:limit]
            items = tuple(
                notification_view(member.id, row, slugs=self._board_slugs) for row in rows
            )
        next_cursor = None
        if more and rows:
            next_cursor = _encode_cursor([rows[-1].created_at, rows[-1].id])
        return Page(items=items, next_cursor=next_cursor)

    def unread_notification_count(self, viewer: Viewer) -> int:
        """Unread notifications, up to ``NOTIFICATION_COUNT_CAP`` (99: show "99+")."""
        with self._quick_read(one_statement=True) as read:
            return _UNREAD_NOTIFICATIONS.scalar(read, {"member_id": viewer.id})

    def mark_notification_read(self, viewer: Viewer, notification_id: int) -> None:
        with self._writing() as session:
            changed = session.exec(
                update(Notification)
                .where(
                    Notification.id == notification_id,
                    Notification.member_id == viewer.id,
                    Notification.read_at.is_(None),
                )
                .values(read_at=self.now())
                .execution_options(synchronize_session=False)
            )
            if changed.rowcount:
                return
            exists = session.exec(
                select(Notification.id).where(
                    Notification.id == notification_id, Notification.member_id == viewer.id
                )
            ).first()
            if exists is None:
                raise NotFound(NO_NOTIFICATION)

    def mark_all_notifications_read(self, viewer: Viewer) -> None:
        with self._writing() as session:
            session.exec(
                update(Notification)
                .where(Notification.member_id == viewer.id, Notification.read_at.is_(None))
                .values(read_at=self.now())
                .execution_options(synchronize_session=False)
            )


# ---------------------------------------------------------------------- helpers


def _check_kind(kind: str) -> None:
    if kind not in SUBSCRIPTION_KINDS:
        raise InvalidInput("You can follow a board, a thread, a post or the blog.")


def _subscription_delete(member_id: int, kind: str, target_id: int):
    return delete(Subscription).where(
        Subscription.member_id == member_id,
        Subscription.target_kind == kind,
        Subscription.target_id == target_id,
    )


def _by_id(session: Session, query, column, ids: list[int]) -> dict:
    if not ids:
        return {}
    return {row.id: row for row in session.exec(query.where(column.in_(set(ids)))).all()}


def _subscription(row: Subscription, title: str, **where) -> SubscriptionView:
    return SubscriptionView(
        kind=row.target_kind,
        target_id=row.target_id,
        title=title,
        created_at=row.created_at,
        **where,
    )


def _decode_notification_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if cursor is None:
        return None
    values = _decode_cursor(cursor)
    try:
        when, notification_id = values
        return datetime.fromisoformat(when), int(notification_id)
    except (ValueError, TypeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None
