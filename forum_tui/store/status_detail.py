"""What the thread screen shows about a status: ``status_detail``.

For an idea or an Ongoing Issue: its status and what it means (the community file's
words), the note, the label, the votes and whether the viewer's counts, a merged idea's
survivor, a closed idea's failed requirement, the history of status changes (newest
first, each with the post marked as its status update), and what the viewer may do: the
statuses they may set, why they may not vote, whether they may merge or move it. Help
threads get ``kind`` "" (and ``moves_to`` for moderators). The writes are in
``statuses.Statuses``.
"""

from __future__ import annotations

from sqlmodel import Session, select

from forum_tui.rules.community import Status
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.store.convert import _badge
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import (
    Board,
    IdeaDetail,
    Member,
    Post,
    StatusChange,
    Subscription,
    Thread,
    Vote,
)
from forum_tui.store.statuses import ISSUE_BOARD, NEW_ISSUE, UPDATES_SHOWN, Statuses, status_kind
from forum_tui.store.views import StatusDetail, StatusOption, StatusUpdateView, Viewer


class StatusDetails(Statuses):
    def status_detail(self, viewer: Viewer, thread_id: int) -> StatusDetail:
        """A thread's status, its meaning, its history (newest first), the viewer's vote
        and what the viewer may do about it. Threads with no status get ``kind`` ""."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            thread, board, _area = self._visible_thread(session, actor, thread_id)
            kind = status_kind(board.kind) or ""
            idea = session.get(IdeaDetail, thread.id) if kind == "idea" else None
            key = idea.status if idea is not None else thread.issue_status
            status = self._known_status(kind, key)
            merged_title = None
            if idea is not None and idea.merged_into_id is not None:
                merged_title = session.exec(
                    select(Thread.title).where(Thread.id == idea.merged_into_id)
                ).first()
            voted = kind != "" and session.get(Vote, (thread.id, member.id)) is not None
            subscribed = (
                session.exec(
                    select(Subscription.id).where(
                        Subscription.member_id == member.id,
                        Subscription.target_kind == "thread",
                        Subscription.target_id == thread.id,
                    )
                ).first()
                is not None
            )
            failed = None
            if idea is not None and idea.failed_requirement:
                failed = self._requirement(idea.failed_requirement)
            return StatusDetail(
                thread_id=thread.id,
                kind=kind,
                board_kind=board.kind,
                status_key=key if kind else None,
                status=status.name if status else (key if kind else None),
                description=status.description if status else "",
                note=idea.status_note if idea is not None else None,
                label=idea.label if idea is not None else None,
                vote_count=idea.vote_count if idea is not None else thread.vote_count,
                voted=voted,
                subscribed=subscribed,
                failed_requirement=failed,
                merged_into_id=idea.merged_into_id if idea is not None else None,
                merged_into_title=merged_title,
                updates=self._updates(session, thread.id, kind) if kind else (),
                options=self._options_for(actor, board, kind, thread),
                vote_refusal=self._vote_refusal(actor, board, kind, thread, idea),
                may_merge=kind == "idea"
                and bool(can(actor, Action.MERGE_IDEAS, Target(board_kind=board.kind))),
                moves_to=self._moves_to(actor, board, thread),
            )

    def _known_status(self, kind: str, key: str | None) -> Status | None:
        """The community's status for ``key`` (None: no status, or one the file dropped)."""
        if not kind or key is None:
            return None
        try:
            return self._status_named(kind, key)
        except InvalidInput:
            return None

    def _requirement(self, number: int) -> str:
        requirements = self.community.idea_requirements
        if 1 <= number <= len(requirements):
            return f"{number}. {requirements[number - 1]}"
        return f"Requirement {number}"

    def _updates(self, session: Session, thread_id: int, kind: str):
        rows = session.exec(
            select(StatusChange, Member, Post.position)
            .join(Member, Member.id == StatusChange.actor_id)
            .outerjoin(Post, Post.id == StatusChange.post_id)
            .where(StatusChange.thread_id == thread_id, StatusChange.kind == kind)
            .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
            .limit(UPDATES_SHOWN)
        ).all()
        return tuple(
            StatusUpdateView(
                id=change.id,
                status_key=change.status,
                status=self._name_of_status(kind, change.status) or change.status,
                note=change.note,
                actor=_badge(author),
                created_at=change.created_at,
                post_id=change.post_id,
                position=position,
            )
            for change, author, position in rows
        )

    def _options_for(
        self, actor: Actor, board: Board, kind: str, thread: Thread
    ) -> tuple[StatusOption, ...]:
        if not kind:
            return ()
        action = Action.SET_IDEA_STATUS if kind == "idea" else Action.SET_ISSUE_STATUS
        if not can(actor, action, Target(board_kind=board.kind, removed=thread.removed)):
            return ()
        options = self.statuses(kind)
        return tuple(option for option in options if option.key != NEW_ISSUE)

    def _vote_refusal(
        self, actor: Actor, board: Board, kind: str, thread: Thread, idea: IdeaDetail | None
    ) -> str:
        if not kind:
            return "Only ideas and Ongoing Issues take votes."
        if idea is not None and idea.merged_into_id is not None:
            return "This idea was merged into another one: vote there."
        decision = can(actor, *self._vote_ask(board, kind, thread, idea))
        return "" if decision else decision.reason

    def _moves_to(self, actor: Actor, board: Board, thread: Thread) -> str | None:
        if board.kind not in ("help", ISSUE_BOARD):
            return None
        target = Target(board_kind=board.kind, removed=thread.removed)
        if not can(actor, Action.MOVE_TO_ONGOING, target):
            return None
        return "ongoing" if board.kind == "help" else "help"
