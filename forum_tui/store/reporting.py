"""Reports: a member reports a post to the moderators, or asks for their own post's
removal ("Please delete my post", as the reference community does it). The moderation
queue that handles them is another part of the store.

- A reason is required (plain words when it is missing); a guideline number is optional
  and must be one of the community's guidelines.
- Every member may report any post they can see, their own included, in the Vault too
  (personal data there must still be reportable); one report per member per post, ever
  (issue 9: a member cannot report the same item twice).
- Automatic reports (filed by the rules, without a reporter) are written by ``guard``.
"""

from __future__ import annotations

from sqlalchemy import case
from sqlmodel import Session, select

from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import Service, _allow
from forum_tui.store.errors import InvalidInput, NotAllowed
from forum_tui.store.guard import REASON_MAX
from forum_tui.store.models import Member, Post, Report
from forum_tui.store.views import ReportView, Viewer

ALREADY_REPORTED = "You already reported this post; the moderators will look at it."
ALREADY_HANDLED = (
    "You already reported this post and the moderators have dealt with it; "
    "a post can be reported once."
)
DELETE_MY_POST = "Please delete my post"


class Reporting(Service):
    def report_post(
        self, viewer: Viewer, post_id: int, reason: str, *, guideline_number: int | None = None
    ) -> ReportView:
        """Report a post to the moderators. ``reason`` is required (e.g. one of
        ``community.report_reasons``); ``guideline_number`` (1..number of community
        guidelines) is optional. One open report per member per post."""
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput("Say why you are reporting this post: a reason is required.")
        if len(reason) > REASON_MAX:
            raise InvalidInput(f"Keep the reason to {REASON_MAX} characters or fewer.")
        count = len(self.community.guidelines)
        if guideline_number is not None and not 1 <= guideline_number <= count:
            raise InvalidInput(f"Guidelines are numbered 1 to {count}.")
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
        # --- moderation: one report per member per item, open or already handled; an
        # author may still ask for their own post's removal after an earlier report.
        earlier_reports = select(Report.status).where(
            Report.post_id == post.id, Report.reporter_id == member.id
        )
        if removal:
            earlier_reports = earlier_reports.where(Report.status == "open")
        open_first = case((Report.status == "open", 0), else_=1)
        earlier = session.exec(earlier_reports.order_by(open_first)).first()
        if earlier is not None:
            raise InvalidInput(ALREADY_REPORTED if earlier == "open" else ALREADY_HANDLED)
        report = Report(
            reporter_id=member.id,
            post_id=post.id,
            author_id=post.author_id,
            reason=reason,
            guideline_number=guideline_number,
            automatic=False,
            created_at=self.now(),
        )
        session.add(report)
        session.flush()
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
