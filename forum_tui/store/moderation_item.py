"""One reported item in full, for the queue's right pane (``ModerationQueue.report_item``).

The item's open reports (automatic ones explained in the rules' own words: the
guidelines are run again on the post as it stands), its context (the posts around it in
its thread; for a private message only the few messages around it in that conversation,
never the rest of an inbox) and its author's record (rank, upheld reports, warnings and
suspensions not undone, a suspension running now).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func
from sqlmodel import Session, select

from forum_tui.rules import guidelines  # its checkers load on first use (see there)
from forum_tui.store.access import Service
from forum_tui.store.convert import _badge
from forum_tui.store.models import (
    Board,
    IdeaDetail,
    Member,
    Message,
    ModAction,
    Post,
    Report,
    Thread,
)
from forum_tui.store.reporting import CONTEXT_AFTER as MESSAGE_CONTEXT_AFTER
from forum_tui.store.reporting import CONTEXT_BEFORE as MESSAGE_CONTEXT_BEFORE
from forum_tui.store.views import (
    AuthorRecord,
    ContextLine,
    QueueItem,
    QueueItemDetail,
    ReportLine,
)

#: Posts (or messages) shown on each side of the reported one.
CONTEXT_EACH_SIDE = 2


class ItemDetails(Service):
    def _report_lines(self, session: Session, kind: str, target_id: int) -> tuple:
        column = Report.post_id if kind == "post" else Report.message_id
        rows = session.exec(
            select(Report, Member)
            .outerjoin(Member, Member.id == Report.reporter_id)
            .where(column == target_id, Report.status == "open")
            .order_by(Report.created_at, Report.id)
        ).all()
        guidelines = self.community.guidelines
        return tuple(
            ReportLine(
                id=report.id,
                reason=report.reason,
                guideline_number=report.guideline_number,
                guideline_text=(
                    guidelines[report.guideline_number - 1]
                    if report.guideline_number and 0 < report.guideline_number <= len(guidelines)
                    else None
                ),
                automatic=report.automatic,
                reporter=_badge(reporter) if reporter is not None else None,
                created_at=report.created_at,
            )
            for report, reporter in rows
        )

    def _post_detail(self, session: Session, item: QueueItem, reports) -> QueueItemDetail:
        post = session.get(Post, item.target_id)
        thread = session.get(Thread, post.thread_id)
        board = session.get(Board, thread.board_id)
        low, high = post.position - CONTEXT_EACH_SIDE, post.position + CONTEXT_EACH_SIDE
        around = session.exec(
            select(Post, Member)
            .join(Member, Member.id == Post.author_id)
            .where(Post.thread_id == thread.id, Post.position.between(low, high))
            .order_by(Post.position)
        ).all()
        context = tuple(
            ContextLine(
                label=f"#{other.position}",
                author=_badge(author),
                body=other.body,
                created_at=other.created_at,
                removed=other.removed,
                reported=other.id == post.id,
            )
            for other, author in around
        )
        idea = session.get(IdeaDetail, thread.id)
        origin = session.get(Board, thread.origin_board_id) if thread.origin_board_id else None
        if any(report.automatic for report in reports):
            reports = self._explain(reports, board.kind, post, thread)
        return QueueItemDetail(
            item=item,
            body=post.body,
            removed_reason=post.removed_reason,
            reports=reports,
            context=context,
            record=self._record_of(session, post.author_id),
            board_kind=board.kind,
            thread_locked=thread.locked,
            thread_removed=thread.removed,
            idea_status=idea.status if idea is not None else None,
            origin_board_name=origin.name if origin is not None else None,
        )

    def _explain(self, reports: tuple, board_kind: str, post: Post, thread: Thread) -> tuple:
        """Automatic reports with the rule's own words: the guidelines are run again on
        the post as it stands, and each finding is matched to its report by reason."""
        context = guidelines.PostContext(
            board_kind=board_kind,
            body=post.body,
            now=self.now(),
            title=thread.title if post.position == 1 else None,
        )
        found = {f.report_reason: f for f in guidelines.check_post(context, self.community.limits)}
        explained = []
        for report in reports:
            finding = found.get(report.reason) if report.automatic else None
            if finding is not None:
                number = report.guideline_number or finding.guideline
                texts = self.community.guidelines
                report = replace(
                    report,
                    explanation=finding.message,
                    guideline_number=number,
                    guideline_text=texts[number - 1] if number and number <= len(texts) else None,
                )
            explained.append(report)
        return tuple(explained)

    def _message_detail(self, session: Session, item: QueueItem, reports) -> QueueItemDetail:
        message = session.get(Message, item.target_id)
        around = []
        for older in (True, False):
            query = (
                select(Message, Member)
                .join(Member, Member.id == Message.author_id)
                .where(Message.conversation_id == message.conversation_id)
            )
            if older:
                query = query.where(Message.id < message.id).order_by(Message.id.desc())
            else:
                query = query.where(Message.id > message.id).order_by(Message.id)
            # the documented rule for messages (reporting.py, README): a few either side
            limit = MESSAGE_CONTEXT_BEFORE if older else MESSAGE_CONTEXT_AFTER
            found = session.exec(query.limit(limit)).all()
            around.extend(reversed(found) if older else found)
            if older:
                around.append((message, session.get(Member, message.author_id)))
        context = tuple(
            ContextLine(
                label="reported" if row.id == message.id else "",
                author=_badge(author),
                body=row.body,
                created_at=row.created_at,
                removed=row.removed,
                reported=row.id == message.id,
            )
            for row, author in around
        )
        return QueueItemDetail(
            item=item,
            body=message.body,
            removed_reason=message.removed_reason,
            reports=reports,
            context=context,
            record=self._record_of(session, message.author_id),
        )

    def _record_of(self, session: Session, member_id: int) -> AuthorRecord:
        member = session.get(Member, member_id)
        counts = dict(
            session.exec(
                select(ModAction.action, func.count())
                .where(
                    ModAction.target_kind == "member",
                    ModAction.target_id == member_id,
                    ModAction.action.in_(("warn", "suspend")),
                    ModAction.undone.is_(False),
                )
                .group_by(ModAction.action)
            ).all()
        )
        now = self.now()
        until = member.suspended_until
        return AuthorRecord(
            author=_badge(member),
            upheld_reports=member.upheld_reports,
            warnings=counts.get("warn", 0),
            suspensions=counts.get("suspend", 0),
            suspended_until=until if until is not None and until > now else None,
            joined_at=member.created_at,
        )
