"""The report queue: what moderators read before they act (the log is ``audit_log``).

- ``report_queue``: open reports grouped by reported item, a page at a time, filtered by
  kind (post, message, automatic), board, reason and age, sorted by number of reports or
  age. One grouped query over the covering index ``ix_report_open_items`` picks the page
  (no ``count(DISTINCT)`` there: it made SQLite sort every open report); a few column
  queries, built once, fill in the page's items (title, excerpt, author, board,
  reasons, reporters, claim).
- ``report_item``: one item in full with its reports (automatic ones in the rules' own
  words), its context (the posts around it in its thread; for a message only the few
  messages around it in that conversation, never the rest of an inbox) and its author's
  record (rank, upheld reports, warnings, suspensions).
- ``open_report_count``: the live count in a moderator's header.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, case, func, literal
from sqlmodel import Session, select

from forum_tui.rules import moderation as rules
from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import _allow, _decode_cursor, _encode_cursor, _page_size
from forum_tui.store.convert import _badge, badge_columns, badge_from_row
from forum_tui.store.errors import InvalidInput, NotFound
from forum_tui.store.models import (
    Board,
    Conversation,
    Member,
    Message,
    Post,
    Report,
    ReportClaim,
    Thread,
)
from forum_tui.store.moderation import parse_item_key
from forum_tui.store.moderation_item import ItemDetails
from forum_tui.store.views import (
    Page,
    QueueFilter,
    QueueItem,
    QueueItemDetail,
    Viewer,
)

QUEUE_PAGE = 50
EXCERPT = 160
AGES = {"day": timedelta(days=1), "week": timedelta(days=7)}
SORTS = ("reports", "age")
KINDS = ("post", "message", "automatic")


_STATEMENTS: dict[tuple, object] = {}


def queue_statement(flt: QueueFilter, now: datetime, limit: int, offset: int):
    """The grouped page query, one row per reported item, and its parameters: what the
    store runs and what the benchmark runs raw as its baseline. Built once per filter
    shape (values are bound parameters)."""
    params: dict = {"limit": limit, "offset": offset}
    if flt.reason:
        params["reason"] = _prefix(flt.reason)
    if flt.board_slug:
        params["board"] = flt.board_slug
    if flt.age in AGES:
        params["since"] = now - AGES[flt.age]
    elif flt.age == "older":
        params["since"] = now - AGES["week"]
    shape = (flt.kind, bool(flt.reason), bool(flt.board_slug), flt.age, flt.sort)
    statement = _STATEMENTS.get(shape)
    if statement is None:
        statement = _STATEMENTS[shape] = _build_queue_statement(flt)
    return statement, params


def _build_queue_statement(flt: QueueFilter):
    count = func.count(Report.id).label("reports")
    first = func.min(Report.created_at).label("first_at")
    automatic = func.max(case((Report.automatic, 1), else_=0)).label("automatic")
    query = select(
        Report.post_id,
        Report.message_id,
        count,
        automatic,
        first,
        func.max(Report.created_at).label("last_at"),
    ).where(Report.status == "open")
    if flt.kind == "post":
        query = query.where(Report.post_id.is_not(None))
    elif flt.kind == "message":
        query = query.where(Report.message_id.is_not(None))
    if flt.reason:
        query = query.where(func.lower(Report.reason).like(bindparam("reason")))
    if flt.board_slug:
        query = (
            query.join(Post, Post.id == Report.post_id)
            .join(Thread, Thread.id == Post.thread_id)
            .join(Board, Board.id == Thread.board_id)
            .where(Board.slug == bindparam("board"))
        )
    query = query.group_by(Report.post_id, Report.message_id)
    if flt.kind == "automatic":
        query = query.having(automatic == 1)
    if flt.age in AGES:
        query = query.having(first >= bindparam("since"))
    elif flt.age == "older":
        query = query.having(first < bindparam("since"))
    if flt.sort == "age":
        order = (first.asc(), Report.post_id, Report.message_id)
    else:
        order = (count.desc(), first.asc(), Report.post_id, Report.message_id)
    return query.order_by(*order).limit(bindparam("limit")).offset(bindparam("offset"))


def _prefix(text: str) -> str:
    cleaned = text.strip().lower().replace("\\", "").replace("%", "").replace("_", "")
    return f"{cleaned}%"


class ModerationQueue(ItemDetails):
    def open_report_count(self, viewer: Viewer) -> int:
        """Open reports, for the moderator's header (0 for everyone else)."""
        with self._reading() as session:
            _member, actor = self._acting(session, viewer)
            if actor.role not in ("moderator", "staff"):
                return 0
            return session.exec(
                select(func.count()).select_from(Report).where(Report.status == "open")
            ).one()

    def report_queue(
        self,
        viewer: Viewer,
        flt: QueueFilter | None = None,
        cursor: str | None = None,
        limit: int = QUEUE_PAGE,
    ) -> Page[QueueItem]:
        """A page of reported items (see the module docstring)."""
        flt = flt or QueueFilter()
        _check_filter(flt)
        limit = _page_size(limit)
        offset = int(_decode_cursor(cursor)[0]) if cursor else 0
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.VIEW_REPORT_QUEUE, Target())
            statement, params = queue_statement(flt, self.now(), limit + 1, offset)
            rows = session.connection().execute(statement, params).all()
            more = len(rows) > limit
            items = self._queue_items(session, member.id, rows[:limit])
            next_cursor = _encode_cursor([offset + limit]) if more else None
            return Page(tuple(items), next_cursor)

    def report_item(self, viewer: Viewer, key: str) -> QueueItemDetail:
        """One reported item in full: reports, context, the author's record."""
        kind, target_id = parse_item_key(key)
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.VIEW_REPORT_QUEUE, Target())
            row = session.exec(
                select(
                    literal(target_id).label("post_id") if kind == "post" else literal(None),
                    literal(target_id) if kind == "message" else literal(None),
                    func.count(Report.id),
                    func.max(case((Report.automatic, 1), else_=0)),
                    func.min(Report.created_at),
                    func.max(Report.created_at),
                ).where(
                    Report.status == "open",
                    (Report.post_id if kind == "post" else Report.message_id) == target_id,
                )
            ).one()
            now = self.now()
            if not row[2]:  # no open report: shown from the content itself
                row = (row[0], row[1], 0, 0, now, now)
            items = self._queue_items(session, member.id, [row])
            if not items:
                raise NotFound("That item does not exist any more.")
            item = items[0]
            reports = self._report_lines(session, kind, target_id)
            if kind == "post":
                return self._post_detail(session, item, reports)
            return self._message_detail(session, item, reports)

    # ------------------------------------------------------------------ queue helpers

    def _queue_items(self, session: Session, viewer_id: int, rows) -> list[QueueItem]:
        post_ids = [row[0] for row in rows if row[0] is not None]
        message_ids = [row[1] for row in rows if row[1] is not None]
        posts = _posts(session, post_ids)
        messages = _messages(session, message_ids)
        keys = [f"post:{i}" for i in post_ids] + [f"message:{i}" for i in message_ids]
        reasons = _open_reasons(session, post_ids, message_ids)
        claims = _claims(session, keys, self.now())
        items = []
        for row in rows:
            post_id, message_id = row[0], row[1]
            if post_id is not None:
                found = posts.get(post_id)
                key = f"post:{post_id}"
            else:
                found = messages.get(message_id)
                key = f"message:{message_id}"
            if found is None:
                continue
            holder = claims.get(key)
            ids, why, reporters = reasons.get(key, ((), (), 0))
            items.append(
                QueueItem(
                    key=key,
                    kind=key.split(":")[0],
                    target_id=int(key.split(":")[1]),
                    report_count=row[2],
                    reporter_count=reporters,
                    reasons=why,
                    automatic=bool(row[3]),
                    first_reported_at=row[4],
                    last_reported_at=row[5],
                    report_ids=ids,
                    claimed_by=holder[1] if holder else None,
                    claimed_by_viewer=bool(holder) and holder[0] == viewer_id,
                    **found,
                )
            )
        return items


def _check_filter(flt: QueueFilter) -> None:
    if flt.kind is not None and flt.kind not in KINDS:
        raise InvalidInput(f"Filter by kind: {', '.join(KINDS)}.")
    if flt.age is not None and flt.age not in (*AGES, "older"):
        raise InvalidInput("Filter by age: under a day, under a week, or older.")
    if flt.sort not in SORTS:
        raise InvalidInput("Sort by number of reports or by age.")


def _excerpt(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1] + "…"


_POSTS = (
    select(
        Post.id,
        Post.position,
        Post.removed,
        func.substr(Post.body, 1, EXCERPT * 2).label("body"),
        Thread.title,
        Thread.id.label("thread_id"),
        Board.name.label("board_name"),
        Board.slug.label("board_slug"),
        *badge_columns(),
    )
    .join(Thread, Thread.id == Post.thread_id)
    .join(Board, Board.id == Thread.board_id)
    .join(Member, Member.id == Post.author_id)
    .where(Post.id.in_(bindparam("ids", expanding=True)))
)


def _posts(session: Session, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    rows = session.connection().execute(_POSTS, {"ids": ids}).all()
    return {
        row.id: {
            "title": row.title,
            "excerpt": _excerpt(row.body),
            "author": badge_from_row(row),
            "board_name": row.board_name,
            "board_slug": row.board_slug,
            "thread_id": row.thread_id,
            "position": row.position,
            "removed": row.removed,
        }
        for row in rows
    }


def _messages(session: Session, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    rows = session.exec(
        select(Message, Conversation.subject, Member)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .join(Member, Member.id == Message.author_id)
        .where(Message.id.in_(ids))
    ).all()
    return {
        message.id: {
            "title": subject or "Private message",
            "excerpt": _excerpt(message.body),
            "author": _badge(author),
            "removed": message.removed,
        }
        for message, subject, author in rows
    }


_REPORT_COLUMNS = select(
    Report.id,
    Report.post_id,
    Report.message_id,
    Report.reason,
    Report.automatic,
    Report.reporter_id,
).where(Report.status == "open")
_OPEN_ON_POSTS = _REPORT_COLUMNS.where(Report.post_id.in_(bindparam("ids", expanding=True)))
_OPEN_ON_MESSAGES = _REPORT_COLUMNS.where(Report.message_id.in_(bindparam("ids", expanding=True)))


def _open_reasons(session: Session, post_ids, message_ids) -> dict:
    """(open report ids, distinct reasons most common first, number of distinct
    reporters) per item key: counted here for the page's items only, which keeps a
    ``count(DISTINCT)`` out of the grouped query over every open report."""
    if not post_ids and not message_ids:
        return {}
    rows = []
    if post_ids:
        rows += session.connection().execute(_OPEN_ON_POSTS, {"ids": post_ids}).all()
    if message_ids:
        rows += session.connection().execute(_OPEN_ON_MESSAGES, {"ids": message_ids}).all()
    rows.sort(key=lambda row: row[0])
    gathered: dict[str, tuple[list[int], dict[str, int], set[int]]] = {}
    for report_id, post_id, message_id, reason, automatic, reporter_id in rows:
        key = f"post:{post_id}" if post_id is not None else f"message:{message_id}"
        ids, reasons, reporters = gathered.setdefault(key, ([], {}, set()))
        ids.append(report_id)
        shown = f"auto: {reason}" if automatic else reason
        reasons[shown] = reasons.get(shown, 0) + 1
        if reporter_id is not None:
            reporters.add(reporter_id)
    return {
        key: (tuple(ids), tuple(sorted(reasons, key=lambda r: -reasons[r])), len(reporters))
        for key, (ids, reasons, reporters) in gathered.items()
    }


_CLAIMS = (
    select(ReportClaim.item_key, ReportClaim.member_id, ReportClaim.claimed_at, Member.username)
    .join(Member, Member.id == ReportClaim.member_id)
    .where(ReportClaim.item_key.in_(bindparam("keys", expanding=True)))
)


def _claims(session: Session, keys: list[str], now: datetime) -> dict[str, tuple[int, str]]:
    if not keys:
        return {}
    rows = session.connection().execute(_CLAIMS, {"keys": keys}).all()
    return {
        key: (member_id, username)
        for key, member_id, claimed_at, username in rows
        if rules.claim_lapses_at(claimed_at) > now
    }


__all__ = ["ModerationQueue", "queue_statement"]
