"""The audit log: every moderator and staff action, newest first.

``audit_log`` pages it for the screen (moderators and staff), filtered by moderator,
action and date; ``audit_entries`` walks all of it a batch at a time for ``forum-tui audit
export`` (the operator's command: no viewer). Each entry names its target in words
("post #3 in “Title”", "thread “Title”", "@name"), looked up for the page in one query
per kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from sqlalchemy import literal, tuple_
from sqlmodel import Session, select

from forum_tui.rules import moderation as rules
from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import Service, _allow, _decode_cursor, _encode_cursor, _page_size
from forum_tui.store.convert import _badge
from forum_tui.store.guard import REASON_MAX
from forum_tui.store.models import Conversation, Member, Message, ModAction, Post, Thread
from forum_tui.store.views import AuditEntry, Page, Viewer

_DAY = timedelta(days=1)


def record_action(
    session: Session,
    *,
    actor_id: int,
    action: str,
    target_kind: str,
    target_id: int,
    reason: str,
    detail: dict,
    now: datetime,
) -> ModAction:
    """Write one audit-log row inside the caller's transaction: the one writer behind
    every moderator and staff action (triage, status changes, moves, merges)."""
    row = ModAction(
        actor_id=actor_id,
        action=action,
        target_kind=target_kind,
        target_id=target_id,
        reason=" ".join(reason.split())[:REASON_MAX],
        detail=json.dumps(detail, sort_keys=True),
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


class AuditLog(Service):
    def audit_log(
        self,
        viewer: Viewer,
        *,
        moderator: str | None = None,
        action: str | None = None,
        since: date | None = None,
        until: date | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[AuditEntry]:
        """Moderator and staff actions, newest first, a page at a time."""
        limit = _page_size(limit)
        with self._reading() as session:
            _member, actor = self._acting(session, viewer)
            _allow(actor, Action.VIEW_AUDIT_LOG, Target())
            query = self._audit_query(session, moderator, action, since, until)
            if cursor:
                at, last_id = _decode_cursor(cursor)
                query = query.where(
                    tuple_(ModAction.created_at, ModAction.id)
                    < tuple_(literal(datetime.fromisoformat(at)), literal(int(last_id)))
                )
            rows = session.exec(query.limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            entries = self._audit_entries(session, rows)
            next_cursor = None
            if more and rows:
                next_cursor = _encode_cursor([rows[-1][0].created_at, rows[-1][0].id])
            return Page(tuple(entries), next_cursor)

    def audit_entries(self, batch: int = 500) -> Iterator[AuditEntry]:
        """Every audit-log entry, newest first, read a batch at a time (for export by
        the operator from the command line)."""
        after = None
        while True:
            with self._reading() as session:
                query = self._audit_query(session, None, None, None, None)
                if after is not None:
                    query = query.where(tuple_(ModAction.created_at, ModAction.id) < after)
                rows = session.exec(query.limit(batch)).all()
                entries = self._audit_entries(session, rows)
            yield from entries
            if len(rows) < batch:
                return
            after = tuple_(literal(rows[-1][0].created_at), literal(rows[-1][0].id))

    def _audit_query(self, session, moderator, action, since, until):
        query = select(ModAction, Member).join(Member, Member.id == ModAction.actor_id)
        if moderator:
            from forum_tui.rules import names

            query = query.where(Member.username_key == names.username_key(moderator))
        if action:
            query = query.where(ModAction.action == action)
        if since:
            query = query.where(ModAction.created_at >= datetime.combine(since, time.min))
        if until:
            query = query.where(ModAction.created_at < datetime.combine(until, time.min) + _DAY)
        return query.order_by(ModAction.created_at.desc(), ModAction.id.desc())

    def _audit_entries(self, session: Session, rows) -> list[AuditEntry]:
        labels = _target_labels(session, [row[0] for row in rows])
        return [
            AuditEntry(
                id=entry.id,
                moderator=_badge(member),
                action=entry.action,
                action_words=rules.ACTION_WORDS.get(entry.action, entry.action.replace("_", " ")),
                target_kind=entry.target_kind,
                target_id=entry.target_id,
                target_label=labels.get((entry.target_kind, entry.target_id), ""),
                reason=entry.reason,
                created_at=entry.created_at,
                undone=entry.undone,
            )
            for entry, member in rows
        ]


def _target_labels(session: Session, entries: list[ModAction]) -> dict[tuple[str, int], str]:
    """Words for each action's target: "post #3 in “Title”", "thread “Title”", "@name"."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        wanted.setdefault(entry.target_kind, set()).add(entry.target_id)
    labels: dict[tuple[str, int], str] = {}
    if wanted.get("post"):
        for post_id, position, title in session.exec(
            select(Post.id, Post.position, Thread.title)
            .join(Thread, Thread.id == Post.thread_id)
            .where(Post.id.in_(wanted["post"]))
        ).all():
            labels[("post", post_id)] = f"post #{position} in “{title}”"
    if wanted.get("thread"):
        for thread_id, title in session.exec(
            select(Thread.id, Thread.title).where(Thread.id.in_(wanted["thread"]))
        ).all():
            labels[("thread", thread_id)] = f"thread “{title}”"
    if wanted.get("member"):
        for member_id, username in session.exec(
            select(Member.id, Member.username).where(Member.id.in_(wanted["member"]))
        ).all():
            labels[("member", member_id)] = f"@{username}"
    if wanted.get("message"):
        for message_id, subject in session.exec(
            select(Message.id, Conversation.subject)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.id.in_(wanted["message"]))
        ).all():
            labels[("message", message_id)] = f"message in “{subject}”"
    if wanted.get("report"):
        for report_id in wanted["report"]:
            labels[("report", report_id)] = f"report {report_id}"
    return labels
