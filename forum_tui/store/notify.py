"""Who hears about a write, and the words they read.

- :class:`Fanout` gathers the members to notify about one event, one notification each:
  the first kind given to a member wins, so callers add the strongest reason first
  (a mention beats a quote, which beats "reply to your thread", which beats a
  subscription). The actor never notifies themself.
- :func:`deliver` drops members who may not see the board (a Star-only board) and writes
  the rest in one bulk insert.
- :func:`mentioned_keys` finds ``@username`` mentions (outside quotes and code blocks).
- :func:`notification_text` builds the plain words a notification shows. The store writes
  them into ``Notification.text`` and builds them again when a notification is read, so
  a renamed thread or member reads right; kinds it does not know (rank-ups, status changes,
  report outcomes, messages) show their stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, or_
from sqlalchemy import insert as sql_insert
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.store.models import Member, Notification, Subscription

#: At most this many members are notified from one post's mentions.
MAX_MENTIONS = 20
_MENTION = re.compile(r"(?<![\w@./+-])@(\w[\w.\-]{0,39})")
_FENCE = ("```", "~~~")
_CHUNK = 500
_TEXT_MAX = 400


class Fanout:
    """Recipients of one event, each with the kind of notification they get."""

    def __init__(self, actor_id: int) -> None:
        self.actor_id = actor_id
        self.kinds: dict[int, str] = {}

    def add(self, member_ids: Iterable[int | None], kind: str) -> None:
        for member_id in member_ids:
            if member_id is not None and member_id != self.actor_id:
                self.kinds.setdefault(member_id, kind)


def subscribers(session: Session, targets: Iterable[tuple[str, int]]) -> list[int]:
    """Members subscribed to any of ``targets`` ((kind, id) pairs), each once."""
    targets = list(targets)
    if not targets:
        return []
    statement = _subscribers_of(tuple(kind for kind, _id in targets))
    session.flush()  # subscriptions added in this transaction count (cheap when clean)
    parameters = {f"target_{index}": target_id for index, (_kind, target_id) in enumerate(targets)}
    rows = session.connection().execute(statement, parameters).scalars().all()
    return list(dict.fromkeys(rows))


@cache
def _subscribers_of(kinds: tuple[str, ...]):
    """The subscribers statement for targets of these kinds, built once per shape (a
    reply asks for its thread, board and perhaps the quoted post, every time)."""
    return (
        select(Subscription.member_id)
        .where(
            or_(
                *(
                    and_(
                        Subscription.target_kind == kind,
                        Subscription.target_id == bindparam(f"target_{index}"),
                    )
                    for index, kind in enumerate(kinds)
                )
            )
        )
        .order_by(Subscription.member_id)
    )


def mentioned_keys(body: str) -> list[str]:
    """Username keys of the ``@names`` in ``body``, in order, each once; mentions inside
    quoted lines (``>``) and fenced code blocks do not count."""
    kept = []
    fenced = False
    for line in body.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(_FENCE):
            fenced = not fenced
            continue
        if not fenced and not stripped.startswith(">"):
            kept.append(line)
    keys: list[str] = []
    for match in _MENTION.finditer("\n".join(kept)):
        key = names.username_key(match.group(1).rstrip(".-"))
        if key and key not in keys:
            keys.append(key)
            if len(keys) >= MAX_MENTIONS:
                break
    return keys


def mentioned_members(session: Session, body: str) -> list[int]:
    """Ids of the members mentioned in ``body``."""
    keys = mentioned_keys(body)
    if not keys:
        return []
    return list(session.exec(select(Member.id).where(Member.username_key.in_(keys))).all())


def deliver(
    session: Session,
    fanout: Fanout,
    *,
    board_kind: str,
    now: datetime,
    text: dict[str, str],
    thread_id: int | None = None,
    post_id: int | None = None,
    for_post_author: tuple[int, str] | None = None,
) -> int:
    """Write one notification per recipient who may see the board; returns how many.

    ``text`` maps each kind to its words; ``for_post_author`` = (member id, words) gives
    the post's author their own words (e.g. "accepted your reply")."""
    recipients = dict(fanout.kinds)
    if not recipients:
        return 0
    if not _everyone_sees(board_kind):
        allowed: set[int] = set()
        ids = sorted(recipients)
        for start in range(0, len(ids), _CHUNK):
            rows = session.exec(
                select(Member.id, Member.role).where(Member.id.in_(ids[start : start + _CHUNK]))
            ).all()
            allowed.update(
                member_id
                for member_id, role in rows
                if can(
                    Actor(id=member_id, role=role), Action.VIEW_BOARD, Target(board_kind=board_kind)
                )
            )
        recipients = {key: kind for key, kind in recipients.items() if key in allowed}
    rows = []
    for member_id, kind in sorted(recipients.items()):
        words = text.get(kind, "")
        if for_post_author is not None and member_id == for_post_author[0]:
            words = for_post_author[1]
        rows.append(
            {
                "member_id": member_id,
                "kind": kind,
                "actor_id": fanout.actor_id,
                "thread_id": thread_id,
                "post_id": post_id,
                "text": words[:_TEXT_MAX],
                "created_at": now,
                "read_at": None,
            }
        )
    if rows:
        # One row (most posts tell one member) as a plain execute, many as executemany.
        session.connection().execute(_INSERT_NOTIFICATIONS, rows[0] if len(rows) == 1 else rows)
    return len(rows)


_INSERT_NOTIFICATIONS = sql_insert(Notification.__table__)


def _everyone_sees(board_kind: str) -> bool:
    everyone = Actor(id=0, role="member")
    return bool(can(everyone, Action.VIEW_BOARD, Target(board_kind=board_kind)))


def notification_text(
    kind: str,
    *,
    actor: str | None,
    title: str | None,
    board: str | None = None,
    position: int | None = None,
    for_post_author: bool = False,
    stored: str = "",
) -> str:
    """The words a notification shows, e.g. "oskar replied to “Shuffle plays the same
    songs”". Falls back to ``stored`` for kinds (or missing details) it cannot build."""
    if title is None:
        return stored or _FALLBACK.get(kind, "Something happened.")
    who = actor or "Someone"
    quoted = f"“{title}”"
    if kind == "reply":
        return f"{who} replied to {quoted}"
    if kind == "mention":
        return f"{who} mentioned you in {quoted}"
    if kind == "quote":
        return f"{who} quoted you in {quoted}"
    if kind == "subscription":
        if position == 1:
            return f"{who} started {quoted}" + (f" in {board}" if board else "")
        return f"{who} replied in {quoted}"
    if kind == "solution":
        if for_post_author:
            return f"{who} accepted your reply as the solution to {quoted}"
        return f"{who} marked a solution in {quoted}"
    if kind == "blog_post":
        return f"New on the blog: {quoted}"
    return stored or f"{who}: {quoted}"


_FALLBACK = {
    "rank_up": "You have a new rank.",
    "message": "You have a new message.",
    "report_outcome": "A report you made was handled.",
}
