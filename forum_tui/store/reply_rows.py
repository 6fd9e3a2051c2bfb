"""A reply's rows, written with prebuilt Core statements (``writing.Writing.reply``).

Through the ORM a reply took 7.9 ms at a million posts, 15 statements (``benchmarks/
store_reads.py``): the whole member row (about 30 columns, password hash and bio
included) loaded twice, the thread with its board and area as entities, the new post and
the thread's counters flushed through the unit of work, the read mark fetched as an
entity just to see whether it exists. Here each step is one statement built once at
import, run on the session's connection (about 2 ms, 10 statements):

- :func:`reply_context`: the member's acting columns and the words notifications use,
  the thread (locked ``FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already
  serialises writers), its board, the member's read mark and whether they have a draft
  of this reply to discard (most replies have none: no DELETE then), in one row;
- :func:`insert_reply`: the post, ``RETURNING`` its id, then the thread's counters
  (status updates and merge links append through it too, ``Counters._append_post``);
- :func:`follow_own_reply`: the read mark, from the mark read with the thread;
- :func:`count_reply`: the member's ``reply_count``, ``RETURNING`` what their rank is
  computed from, so ``Counters._rerank_row`` needs no second read.

Refusals keep their own words: a missing row is told apart as ``read_context`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import and_, bindparam, insert, inspect, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from forum_tui.store.access import NO_THREAD
from forum_tui.store.drafts import reply_key
from forum_tui.store.errors import NotFound
from forum_tui.store.models import Area, Board, Draft, Member, Post, ReadMark, Thread
from forum_tui.store.read_context import ActingMember, require_member
from forum_tui.store.read_marks import _mark_upsert

_MEMBER_FIELDS = tuple(ActingMember.__dataclass_fields__)
_THREAD_FIELDS = ("id", "author_id", "title", "last_activity_at", "post_count", "locked", "removed")
_BOARD_FIELDS = ("id", "slug", "name", "kind")
#: What ``Service._rank`` reads (``convert.member_metrics`` and the rank title).
RANK_FIELDS = (
    "id",
    "rank",
    "role",
    "staff_title",
    "legend",
    "star_level",
    "created_at",
    "thread_count",
    "reply_count",
    "solution_count",
    "likes_given",
    "likes_received",
    "idea_count",
    "idea_votes_given",
    "events_attended",
    "upheld_reports",
)


@dataclass(frozen=True, slots=True)
class ReplyContext:
    member: ActingMember
    #: The member as notifications name them (``username``, ``display_name``).
    author: SimpleNamespace
    thread: SimpleNamespace
    board: SimpleNamespace
    #: The member's read mark in the thread; None when they have none.
    read_position: int | None
    #: The member's draft of this reply; None when there is none to discard.
    draft_id: int | None


def _labelled(entity: Any, prefix: str, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(entity, name).label(prefix + name) for name in names)


def _context_statement():
    member_id = bindparam("member_id")
    return (
        select(
            *_labelled(Member, "m_", (*_MEMBER_FIELDS, "username", "display_name")),
            *_labelled(Thread, "t_", _THREAD_FIELDS),
            *_labelled(Board, "b_", _BOARD_FIELDS),
            ReadMark.last_read_position,
            Draft.id.label("draft_id"),
        )
        .select_from(Member)
        .join(Thread, Thread.id == bindparam("thread_id"))
        .join(Board, Board.id == Thread.board_id)
        .join(Area, Area.id == Board.area_id)
        .outerjoin(ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == member_id))
        .outerjoin(Draft, and_(Draft.member_id == member_id, Draft.key == bindparam("draft_key")))
        .where(Member.id == member_id)
        .with_for_update(of=Thread)
    )


_CONTEXT = _context_statement()
_POST = Post.__table__
_INSERT_POST = insert(_POST).returning(_POST.c.id)
_THREAD_COUNTERS = (
    update(Thread)
    .where(Thread.id == bindparam("thread_id"))
    .values(
        post_count=bindparam("position"),
        last_activity_at=bindparam("now", type_=Thread.last_activity_at.type),
        last_post_id=bindparam("post_id"),
        last_poster_id=bindparam("member_id"),
    )
)
_COUNT_REPLY = (
    update(Member)
    .where(Member.id == bindparam("member_id"))
    .values(reply_count=Member.reply_count + 1)
    .returning(*(getattr(Member, name) for name in RANK_FIELDS))
)


def reply_context(session: Session, member_id: int, thread_id: int) -> ReplyContext:
    """The acting member, the thread (locked for the write) and its board, the member's
    read mark there and their draft of the reply. Raises ``NotFound`` as ``Service._acting`` and
    ``Service._visible_thread`` do; visibility is the caller's (``_check_thread``)."""
    parameters = {"member_id": member_id, "thread_id": thread_id, "draft_key": reply_key(thread_id)}
    row = session.connection().execute(_CONTEXT, parameters).first()
    if row is None:
        require_member(session, member_id)
        raise NotFound(NO_THREAD)
    return ReplyContext(
        member=ActingMember(*(getattr(row, "m_" + name) for name in _MEMBER_FIELDS)),
        author=SimpleNamespace(
            id=row.m_id, username=row.m_username, display_name=row.m_display_name
        ),
        thread=SimpleNamespace(**{name: getattr(row, "t_" + name) for name in _THREAD_FIELDS}),
        board=SimpleNamespace(**{name: getattr(row, "b_" + name) for name in _BOARD_FIELDS}),
        read_position=row.last_read_position,
        draft_id=row.draft_id,
    )


@dataclass(frozen=True, slots=True)
class NewPost:
    """A post just written, as ``_file_reports`` and ``_deliver`` read it."""

    id: int
    position: int
    author_id: int


def insert_reply(
    session: Session,
    thread: Any,
    member_id: int,
    body: str,
    now: datetime,
    *,
    quoted_post_id: int | None = None,
) -> NewPost:
    """Write the post at the end of the locked ``thread`` (its ``id``, ``post_count``
    and ``last_activity_at`` as read under the lock) and move the thread's counters."""
    position = thread.post_count + 1
    connection = session.connection()
    post_id = connection.execute(
        _INSERT_POST,
        {
            "thread_id": thread.id,
            "position": position,
            "author_id": member_id,
            "body": body,
            "created_at": now,
            "edited_at": None,
            "like_count": 0,
            "removed": False,
            "removed_reason": None,
            "quoted_post_id": quoted_post_id,
        },
    ).scalar_one()
    connection.execute(
        _THREAD_COUNTERS,
        {
            "thread_id": thread.id,
            "position": position,
            "now": max(thread.last_activity_at, now),
            "post_id": post_id,
            "member_id": member_id,
        },
    )
    return NewPost(post_id, position, member_id)


def count_reply(session: Session, member_id: int) -> Any:
    """Add one to the member's ``reply_count``; their row as their rank reads it."""
    return session.connection().execute(_COUNT_REPLY, {"member_id": member_id}).one()


def follow_own_reply(session: Session, context: ReplyContext, position: int, now: datetime) -> None:
    """Move the member's read mark to their own reply, as ``_advance_mark(...,
    only_from=position - 1)`` does: only a member caught up before it stays caught up,
    and one with no mark yet (read nothing) gets none. The mark was read with the
    thread, so no second read is needed to tell."""
    if context.read_position is None and position > 1:
        return
    values = {
        "member_id": context.member.id,
        "thread_id": context.thread.id,
        "position": position,
        "read_at": now,
        "only_from": position - 1,
    }
    dialect = session.get_bind().dialect.name
    session.connection().execute(_mark_upsert(dialect), values)


def in_step(row: Any, **values: Any) -> None:
    """Tell a row held in memory what SQL just wrote: an ORM row in the session gets the
    values as loaded ones (not dirty: nothing is written twice), a plain namespace gets
    them set; a frozen row (``ActingMember``) holds none of these columns."""
    if isinstance(row, SimpleNamespace):
        row.__dict__.update(values)
    elif inspect(row, raiseerr=False) is not None:
        for name, value in values.items():
            set_committed_value(row, name, value)
