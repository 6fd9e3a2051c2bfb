"""Reports: a member reports a post to the moderators, or asks for their own post's
removal ("Please delete my post", as the reference community does it). The moderation
queue that handles them is another part of the store.

- A reason is required (plain words when it is missing); a guideline number is optional
  and must be one of the community's guidelines.
- Every member may report any post they can see, their own included, in the Vault too
  (personal data there must still be reportable); one report per member per post, ever
  (issue 9: a member cannot report the same item twice).
- Automatic reports (filed by the rules, without a reporter) are written by ``guard``.

Private messages (issue 10): ``report_message`` files a report with ``message_id`` set,
from a member who takes part in the conversation (not about their own message; one open
report per member per message). What a moderator may see of a reported conversation is
``reported_message_context``: the subject, who takes part, the reported message and up to
``CONTEXT_BEFORE`` messages before it and ``CONTEXT_AFTER`` after it (enough to judge
a reply in its place), with counts of what is left out. Never the whole conversation,
never the members' other conversations: a moderator who is not in a conversation reads
nothing else of it (``inbox``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, tuple_
from sqlmodel import Session, select

from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import Service, _allow
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.guard import REASON_MAX
from forum_tui.store.inbox_rows import _message_query, _message_view, _others
from forum_tui.store.models import Conversation, ConversationMember, Member, Message, Post, Report
from forum_tui.store.views import (
    MessageReportView,
    ReportedMessageContext,
    ReportView,
    Viewer,
)

ALREADY_REPORTED = "You already reported this post; the moderators will look at it."
ALREADY_HANDLED = (
    "You already reported this and the moderators have dealt with it; "
    "each post or message can be reported once."
)
DELETE_MY_POST = "Please delete my post"
# --- inbox (issue 10): reported messages
MESSAGE_ALREADY_REPORTED = "You already reported this message; the moderators will look at it."
NO_MESSAGE = "That message does not exist."
NO_REPORT = "That report does not exist."
#: What a moderator sees around a reported message (see the module docstring).
CONTEXT_BEFORE = 3
CONTEXT_AFTER = 2


class Reporting(Service):
    def report_post(
        self, viewer: Viewer, post_id: int, reason: str, *, guideline_number: int | None = None
    ) -> ReportView:
        """Report a post to the moderators. ``reason`` is required (e.g. one of
        ``community.report_reasons``); ``guideline_number`` (1..number of community
        guidelines) is optional. One open report per member per post."""
        reason = self._report_reason(reason, guideline_number, "post")
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            post, thread, board, _area = self._visible_post(session, actor, post_id, lock=True)
            _allow(
                actor,
                Action.REPORT,
                Target(
                    board_kind=board.kind,
                    owner_id=post.author_id,
                    removed=post.removed or thread.removed,
                ),
            )
            return self._file_report(session, member, post, reason, guideline_number)

    def _report_reason(self, reason: str, guideline_number: int | None, what: str) -> str:
        """The reason, tidied; InvalidInput when it or the guideline number is not right."""
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput(f"Say why you are reporting this {what}: a reason is required.")
        if len(reason) > REASON_MAX:
            raise InvalidInput(f"Keep the reason to {REASON_MAX} characters or fewer.")
        count = len(self.community.guidelines)
        if guideline_number is not None and not 1 <= guideline_number <= count:
            raise InvalidInput(f"Guidelines are numbered 1 to {count}.")
        return reason

    def request_removal(self, viewer: Viewer, post_id: int, note: str = "") -> ReportView:
        """Ask the moderators to delete one's own post: a report with the reason "Please
        delete my post" (and the member's note, if any)."""
        reason = self._delete_reason()
        note = " ".join(note.split())
        if note:
            reason = f"{reason}: {note}"[:REASON_MAX]
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            post, thread, board, _area = self._visible_post(session, actor, post_id, lock=True)
            if post.author_id != member.id:
                raise NotAllowed(
                    "You can only ask for your own posts to be removed; "
                    "to report someone else's post, use Report."
                )
            _allow(
                actor,
                Action.REPORT,
                Target(
                    board_kind=board.kind,
                    owner_id=post.author_id,
                    removed=post.removed or thread.removed,
                ),
            )
            return self._file_report(session, member, post, reason, None, removal=True)

    def _delete_reason(self) -> str:
        for reason in self.community.report_reasons:
            if reason.casefold() == DELETE_MY_POST.casefold():
                return reason
        return DELETE_MY_POST

    def _add_member_report(
        self,
        session: Session,
        member: Member,
        reason: str,
        guideline_number: int | None,
        *,
        author_id: int,
        post_id: int | None = None,
        message_id: int | None = None,
        removal: bool = False,
    ) -> Report:
        """Write a member's report of a post or a message: one per member per item, open
        or already handled (issue 9); an author may still ask for their own post's
        removal after an earlier report."""
        same_item = (
            Report.post_id == post_id if post_id is not None else (Report.message_id == message_id)
        )
        earlier_reports = select(Report.status).where(same_item, Report.reporter_id == member.id)
        if removal:
            earlier_reports = earlier_reports.where(Report.status == "open")
        open_first = case((Report.status == "open", 0), else_=1)
        earlier = session.exec(earlier_reports.order_by(open_first)).first()
        if earlier is not None:
            words = MESSAGE_ALREADY_REPORTED if message_id is not None else ALREADY_REPORTED
            raise InvalidInput(words if earlier == "open" else ALREADY_HANDLED)
        report = Report(
            reporter_id=member.id,
            post_id=post_id,
            message_id=message_id,
            author_id=author_id,
            reason=reason,
            guideline_number=guideline_number,
            automatic=False,
            created_at=self.now(),
        )
        session.add(report)
        session.flush()
        return report

    def _file_report(
        self,
        session: Session,
        member: Member,
        post: Post,
        reason: str,
        guideline_number: int | None,
        *,
        removal: bool = False,
    ) -> ReportView:
        report = self._add_member_report(
            session,
            member,
            reason,
            guideline_number,
            author_id=post.author_id,
            post_id=post.id,
            removal=removal,
        )
        return ReportView(
            id=report.id,
            post_id=post.id,
            thread_id=post.thread_id,
            reason=report.reason,
            guideline_number=report.guideline_number,
            status=report.status,
            automatic=False,
            created_at=report.created_at,
        )

    # --- inbox (issue 10): reporting a private message, and what moderators see of it

    def report_message(
        self, viewer: Viewer, message_id: int, reason: str, *, guideline_number: int | None = None
    ) -> MessageReportView:
        """Report a private message to the moderators (only from someone in the
        conversation, not about one's own message). A reason is required."""
        reason = self._report_reason(reason, guideline_number, "message")
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            message = session.get(Message, message_id)
            place = (
                session.get(ConversationMember, (message.conversation_id, member.id))
                if message is not None
                else None
            )
            if message is None or place is None or place.left:
                raise NotFound(NO_MESSAGE)
            if message.author_id == member.id:
                raise InvalidInput("That is your own message; you can't report it.")
            _allow(actor, Action.REPORT, Target(owner_id=message.author_id))
            report = self._add_member_report(
                session,
                member,
                reason,
                guideline_number,
                author_id=message.author_id,
                message_id=message.id,
            )
            return MessageReportView(
                id=report.id,
                message_id=message.id,
                conversation_id=message.conversation_id,
                reason=report.reason,
                guideline_number=report.guideline_number,
                status=report.status,
                created_at=report.created_at,
            )

    def reported_message_context(self, viewer: Viewer, report_id: int) -> ReportedMessageContext:
        """For moderators and staff: the reported message with ``CONTEXT_BEFORE`` messages
        before it and ``CONTEXT_AFTER`` after it, and nothing more of the conversation."""
        with self._reading() as session:
            _member, actor = self._acting(session, viewer)
            _allow(actor, Action.VIEW_REPORT_QUEUE, None)
            report = session.get(Report, report_id)
            if report is None or report.message_id is None:
                raise NotFound(NO_REPORT)
            reported = session.get(Message, report.message_id)
            assert reported is not None
            conversation = session.get(Conversation, reported.conversation_id)
            assert conversation is not None
            key = (Message.created_at, Message.id)
            here = (reported.created_at, reported.id)
            same = Message.conversation_id == reported.conversation_id
            before = session.exec(
                _message_query()
                .where(same, _before(key, here))
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(CONTEXT_BEFORE)
            ).all()
            after = session.exec(
                _message_query()
                .where(same, _before(here, key))
                .order_by(Message.created_at, Message.id)
                .limit(CONTEXT_AFTER)
            ).all()
            middle = session.exec(_message_query().where(Message.id == reported.id)).one()
            rows = [*reversed(before), middle, *after]
            total = session.exec(select(func.count()).where(same)).one()
            earlier = session.exec(select(func.count()).where(same, _before(key, here))).one()
            people = _others(session, [conversation.id], 0).get(conversation.id, ())
        return ReportedMessageContext(
            report_id=report.id,
            reported_id=reported.id,
            conversation_id=conversation.id,
            subject=conversation.subject,
            participants=people,
            messages=tuple(
                _message_view(row, actor.id, datetime.max, moderator=True) for row in rows
            ),
            earlier_hidden=earlier - len(before),
            later_hidden=total - earlier - 1 - len(after),
        )


def _before(left, right):
    """(created_at, id) ``left`` sorts before ``right`` (each a pair of columns/values)."""
    return tuple_(*left) < tuple_(*right)
