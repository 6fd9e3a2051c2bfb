"""Private messages: the inbox's writes (the reads are ``inbox.Inbox``).

- ``set_messages_enabled``: the Private Messenger setting. Off by default; only members
  of the community's age (18) may turn it on, by the birth date on their profile. A
  member with no birth date gives one here; it is kept even when it turns out to be under
  age (so the age check cannot be retried with another date), and it cannot be changed
  here once known. Turning messages off is always allowed.
- ``send_message``: a new conversation with one or more members (by username), and
  ``reply_message``: a message into a conversation one takes part in. Both check the
  sender (``permissions.can``: verified email, age, messages on), then the guidelines
  (``guidelines.check_message``: empty, too long, too many recipients, too many messages
  an hour; new members stricter, staff and moderators exempt), then each recipient
  (messages on, of age, has not blocked the sender: a block is refused in the same words
  as an age limit, so it is never revealed), and write through ``deliver_message`` in one
  transaction. Unknown names are all listed in one refusal.
- ``mark_conversation_read``; ``leave_conversation`` (delete it from one's own inbox: it
  is gone for good for them, the others keep it); ``block_member`` and
  ``unblock_member`` (the blocked member is never told).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, select

from forum_tui.rules import guidelines, names  # guidelines' checkers load on first use
from forum_tui.rules.guidelines import Severity
from forum_tui.rules.text import sanitize_line
from forum_tui.store.access import MODERATOR_ROLES, _insert_ignore
from forum_tui.store.convert import _badge, _notice, _viewer
from forum_tui.store.errors import GuidelineRefused, InvalidInput, NotAllowed, NotFound
from forum_tui.store.inbox import Inbox, deliver_message
from forum_tui.store.inbox_rows import (
    _blockers_of,
    _other_members,
    _participation,
    _require_messages_on,
)
from forum_tui.store.models import ConversationMember, Member, MemberBlock, Message
from forum_tui.store.views import MemberBadge, MessageResult, Viewer

#: The oldest birth date accepted, in years before today.
OLDEST = 120


class InboxWriting(Inbox):
    """The inbox's writes (see the module docstring)."""

    def set_messages_enabled(
        self, viewer: Viewer, enabled: bool, *, birth_date: date | None = None
    ) -> Viewer:
        """Turn the viewer's private messages on or off; returns the viewer as now.
        ``birth_date`` is taken only from a member who has none on their profile."""
        refusal = ""
        with self._writing() as session:
            member = session.get(Member, viewer.id)
            if member is None:
                raise NotFound("Your account no longer exists.")
            if birth_date is not None:
                self._record_birth_date(member, birth_date)
            if enabled:
                refusal = self._may_enable(self._actor(member)).reason
            if not refusal:
                member.pm_enabled = enabled
            session.add(member)
            session.flush()
            result = _viewer(member)
        if refusal:
            raise NotAllowed(refusal)
        return result

    def _record_birth_date(self, member: Member, birth_date: date) -> None:
        today = self.now().date()
        if member.birth_date is not None:
            if member.birth_date == birth_date:
                return
            raise InvalidInput("Your birth date is already on your profile.")
        if birth_date > today:
            raise InvalidInput("That birth date is in the future.")
        if today.year - birth_date.year > OLDEST:
            raise InvalidInput("That birth date is too long ago; check the year.")
        member.birth_date = birth_date

    def send_message(
        self, viewer: Viewer, recipients: Sequence[str], subject: str, body: str
    ) -> MessageResult:
        """Start a conversation with the members named (usernames, ``@`` optional)."""
        wanted = _recipient_keys(recipients)
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _allow_decision(self._may_send(actor))
            self._check_guidelines(session, member, body, len(wanted), subject)
            found = _members_by_key(session, wanted)
            missing = [typed for key, typed in wanted.items() if key not in found]
            if missing:
                raise InvalidInput(_not_found(missing))
            people = list(found.values())
            blockers = _blockers_of(session, member.id, [person.id for person in people])
            for person in people:
                decision = self._may_send_to(actor, person, person.id in blockers)
                if not decision:
                    raise NotAllowed(f"Can't send to {person.username}: {decision.reason}")
            delivery = deliver_message(
                session,
                sender_id=member.id,
                recipient_ids=[person.id for person in people],
                body=body.strip(),
                now=self.now(),
                subject=" ".join(subject.split()),
            )
            return MessageResult(
                conversation_id=delivery.conversation_id,
                message_id=delivery.message_id,
                delivered_to=_badges(people, delivery.delivered_to),
            )

    def reply_message(self, viewer: Viewer, conversation_id: int, body: str) -> MessageResult:
        """Write into a conversation the viewer takes part in."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _require_messages_on(member)
            _participation(session, member.id, conversation_id)
            refusal = self._reply_refusal(session, actor, conversation_id)
            if refusal:
                raise NotAllowed(refusal)
            self._check_guidelines(session, member, body, 1, None)
            delivery = deliver_message(
                session,
                sender_id=member.id,
                recipient_ids=(),
                body=body.strip(),
                now=self.now(),
                conversation_id=conversation_id,
            )
            others = _other_members(session, conversation_id, member.id)
            return MessageResult(
                conversation_id=conversation_id,
                message_id=delivery.message_id,
                delivered_to=_badges(others, delivery.delivered_to),
            )

    def _check_guidelines(
        self, session: Session, member: Member, body: str, recipients: int, subject: str | None
    ) -> None:
        now = self.now()
        recent = session.exec(
            select(Message.created_at)
            .where(Message.author_id == member.id, Message.created_at > now - timedelta(hours=1))
            .order_by(Message.created_at.desc())
            .limit(max(self.community.limits.pm_per_hour, 1) + 1)
        ).all()
        findings = guidelines.check_message(
            body,
            now=now,
            limits=self.community.limits,
            recipients=recipients,
            own_message_times=tuple(recent),
            subject=subject,
            sender_days_member=max(0, (now - member.created_at).days),
            exempt=member.role in MODERATOR_ROLES,
        )
        if any(finding.severity is Severity.REFUSE for finding in findings):
            raise GuidelineRefused(tuple(_notice(finding) for finding in findings))

    def mark_conversation_read(self, viewer: Viewer, conversation_id: int) -> None:
        """Everything in the conversation up to now counts as read by the viewer."""
        with self._writing() as session:
            _participation(session, viewer.id, conversation_id)
            session.exec(
                update(ConversationMember)
                .where(
                    ConversationMember.conversation_id == conversation_id,
                    ConversationMember.member_id == viewer.id,
                )
                .values(last_read_at=self.now())
            )

    def leave_conversation(self, viewer: Viewer, conversation_id: int) -> None:
        """Delete the conversation from the viewer's inbox, for good; the others keep it
        and their new messages no longer reach the viewer."""
        with self._writing() as session:
            place = _participation(session, viewer.id, conversation_id)
            place.left = True
            session.add(place)

    def block_member(self, viewer: Viewer, member_id: int) -> MemberBadge:
        """Block a member: they can no longer message the viewer, and are not told."""
        with self._writing() as session:
            member, _actor = self._acting(session, viewer)
            other = session.get(Member, member_id)
            if other is None:
                raise NotFound("There is no such member.")
            if other.id == member.id:
                raise InvalidInput("You can't block yourself.")
            _insert_ignore(
                session,
                MemberBlock,
                {"blocker_id": member.id, "blocked_id": other.id, "created_at": self.now()},
                keys=("blocker_id", "blocked_id"),
            )
            return _badge(other)

    def unblock_member(self, viewer: Viewer, member_id: int) -> None:
        """Let a blocked member message the viewer again."""
        with self._writing() as session:
            session.exec(
                delete(MemberBlock).where(
                    MemberBlock.blocker_id == viewer.id, MemberBlock.blocked_id == member_id
                )
            )


# ---------------------------------------------------------------------- helpers


def _recipient_keys(typed: Sequence[str]) -> dict[str, str]:
    """Username key -> the name as typed, in order, each member once."""
    keys: dict[str, str] = {}
    for raw in typed:
        name = raw.strip().lstrip("@").strip()
        if name:
            keys.setdefault(names.username_key(name), name)
    return keys


def _members_by_key(session: Session, wanted: dict[str, str]) -> dict[str, Member]:
    if not wanted:
        return {}
    rows = session.exec(select(Member).where(Member.username_key.in_(list(wanted)))).all()
    return {row.username_key: row for row in rows}


def _not_found(missing: list[str]) -> str:
    shown = ", ".join(sanitize_line(name) for name in missing)
    if len(missing) == 1:
        return f"There is no member called {shown}. Check the name; your message is kept."
    return f"There are no members called {shown}. Check the names; your message is kept."


def _badges(people: list[Member], delivered: Sequence[int]) -> tuple[MemberBadge, ...]:
    reached = set(delivered)
    return tuple(_badge(person) for person in people if person.id in reached)


def _allow_decision(decision) -> None:
    if not decision:
        raise NotAllowed(decision.reason)
