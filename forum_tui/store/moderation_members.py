"""Moderation of members: warn an author by private message, suspend for a chosen time,
lift a suspension (see ``moderation`` for what every action shares), and tell a moderator
whether a member is suspended now (``member_suspension``: the profile and the thread view
offer lifting it where the member is seen).

Warnings go out only through ``inbox.deliver_message``; a member whose messages are off
gets a notification instead, and the moderator is told so. Suspension lengths follow
``rules.moderation`` (refused outside the range, with the range).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from forum_tui.rules import moderation as rules
from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import _allow
from forum_tui.store.errors import AlreadyHandled, InvalidInput, NotFound
from forum_tui.store.inbox import deliver_message
from forum_tui.store.models import Member
from forum_tui.store.moderation import (
    REASON_MAX,
    Moderation,
    _clean_reason,
    _member_target,
    _resolved,
)
from forum_tui.store.views import TriageResult, Viewer


class ModerationMembers(Moderation):
    def warn_author(
        self, viewer: Viewer, key: str, body: str, *, seen: Sequence[int] = ()
    ) -> TriageResult:
        """Warn the item's author by private message (``body``: the template as the
        moderator edited it). Members with messages off get a notification instead."""
        problem = rules.check_warning(body)
        if problem:
            raise InvalidInput(problem)
        with self._writing() as session:
            member, actor, item = self._item_for_action(session, viewer, key, seen)
            author = item.author
            _allow(actor, Action.WARN_MEMBER, _member_target(author))
            delivery = deliver_message(
                session,
                sender_id=member.id,
                recipient_ids=[author.id],
                body=body.strip(),
                now=self.now(),
                subject=rules.WARNING_SUBJECT,
            )
            detail: dict = {"message_id": delivery.message_id or None, "item": item.key}
            if delivery.skipped:
                self._notify(session, [author.id], _warning_notice(body), item)
            detail.update(_resolved(self._resolve(session, member, item, "warned"), True, item))
            action = self._record(
                session, member, "warn", "member", author.id, body.strip()[:REASON_MAX], detail
            )
            if delivery.skipped:
                words = (
                    f"{author.username} has private messages off, so the warning was left "
                    "as a notification instead."
                )
            else:
                words = f"Warning sent to {author.username} by private message."
            return TriageResult(words, action.id, undoable=False)

    def suspend_member(
        self,
        viewer: Viewer,
        member_id: int,
        hours: float,
        *,
        reason: str = "",
        key: str | None = None,
        seen: Sequence[int] = (),
    ) -> TriageResult:
        """Suspend a member for ``hours`` (within the allowed range): they can read but
        not write until then."""
        problem = rules.check_suspension(hours)
        if problem:
            raise InvalidInput(problem)
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            item = None
            if key is not None:
                member, actor, item = self._item_for_action(session, viewer, key, seen)
                if item.author.id != member_id:
                    raise InvalidInput("That member is not the item's author.")
            target = self._member_for_action(session, actor, member_id, Action.SUSPEND_MEMBER)
            until = self.now() + timedelta(hours=hours)
            before = target.suspended_until
            target.suspended_until = until
            session.add(target)
            detail: dict = {"before": before.isoformat() if before else None, "hours": hours}
            if item is not None:
                detail.update(
                    _resolved(self._resolve(session, member, item, "suspended"), True, item)
                )
            action = self._record(
                session, member, "suspend", "member", target.id, _clean_reason(reason), detail
            )
            words = (
                f"Suspended {target.username} for {rules.suspension_words(hours)}, until "
                f"{rules.suspended_until_words(until)}."
            )
            return TriageResult(words, action.id)

    def member_suspension(self, viewer: Viewer, member_id: int) -> datetime | None:
        """Until when the member is suspended, or None when they are not (moderators and
        staff only: it is what they may lift)."""
        with self._reading() as session:
            _member, actor = self._acting(session, viewer)
            _allow(actor, Action.SUSPEND_MEMBER, Target())
            member = session.get(Member, member_id)
            if member is None:
                raise NotFound("That member does not exist.")
            running = member.suspended_until
            return running if running is not None and running > self.now() else None

    def lift_suspension(self, viewer: Viewer, member_id: int, *, reason: str = "") -> TriageResult:
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            target = self._member_for_action(session, actor, member_id, Action.SUSPEND_MEMBER)
            before = target.suspended_until
            if before is None or before <= self.now():
                raise AlreadyHandled(f"{target.username} is not suspended.")
            target.suspended_until = None
            session.add(target)
            action = self._record(
                session,
                member,
                "lift_suspension",
                "member",
                target.id,
                _clean_reason(reason),
                {"before": before.isoformat()},
            )
            return TriageResult(f"{target.username} can write again.", action.id)


def _warning_notice(body: str) -> str:
    first = " ".join(body.split())
    return f"A warning from the moderators (your messages are off): {first}"
