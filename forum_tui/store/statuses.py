"""Statuses and votes: one piece for ideas and Ongoing Issues alike.

A thread has a status when it is an idea (``IdeaDetail.status``, boards of kind ``ideas``
and ``closed_ideas``) or an Ongoing Issue (``Thread.issue_status``). The vocabulary is the
community file's (``idea_statuses``, ``issue_statuses``); :func:`status_kind` says which
one a board uses.

- ``set_status(viewer, thread_id, status, note, seen_status=...)``: moderators and staff
  (ideas: Stars too) set a status with a note. Ideas keep the note on the idea; closing
  names the requirement it failed and moves the idea to Closed Ideas (and reopening moves
  it back), through ``moving.move_thread``. Ongoing Issues get a post marked as the
  status update. ``seen_status`` is the status the moderator saw: when someone changed it
  since, nothing is applied and ``StatusChanged`` says what it is now. Voters, subscribers
  and the author are notified; on Need More Info so is everyone who took part.
- ``toggle_vote``: an idea vote or an issue's "me too", one per member, taken back by the
  same call. ``Thread.vote_count`` (and ``IdeaDetail.vote_count`` for ideas) follow.
- ``status_detail`` (``status_detail.StatusDetails``): what the thread screen shows
  besides the posts (meaning, history, the viewer's vote, what the viewer may do).

Moving Help threads in and out of Ongoing Issues is ``issues.Issues``; submitting and
merging ideas are ``ideas.Ideas``; the lists are ``status_lists.StatusLists``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlmodel import Session, select

from forum_tui.rules.community import Status
from forum_tui.rules.permissions import Action, Actor, Target
from forum_tui.store.access import _allow
from forum_tui.store.audit_log import record_action
from forum_tui.store.errors import InvalidInput, NotAllowed, StatusChanged
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
from forum_tui.store.moving import move_thread
from forum_tui.store.notify import Fanout, deliver, subscribers
from forum_tui.store.views import (
    StatusOption,
    StatusResult,
    Viewer,
    VoteResult,
)
from forum_tui.store.writing import Writing

IDEA_BOARDS = frozenset({"ideas", "closed_ideas"})
ISSUE_BOARD = "ongoing_issues"
#: The status a thread gets on entering Ongoing Issues (set by the move, never by hand).
NEW_ISSUE = "new"
#: Ongoing Issues: this status also tells everyone who took part.
NEED_MORE_INFO = "need_more_info"
#: How many status changes ``status_detail`` shows, newest first.
UPDATES_SHOWN = 20
NOTE_PREVIEW = 120
NO_STATUS = "Only ideas and Ongoing Issues have a status."
#: ``seen_status`` default: the caller did not say what they saw (no race check).
UNSEEN = object()


def status_kind(board_kind: str) -> str | None:
    """ "idea", "issue", or None for boards whose threads have no status."""
    if board_kind in IDEA_BOARDS:
        return "idea"
    if board_kind == ISSUE_BOARD:
        return "issue"
    return None


@dataclass
class _Subject:
    """A thread with a status, as a write sees it (rows locked where the write needs)."""

    thread: Thread
    board: Board
    kind: str
    idea: IdeaDetail | None

    @property
    def status(self) -> str | None:
        return self.idea.status if self.idea is not None else self.thread.issue_status


class Statuses(Writing):
    # ------------------------------------------------------------------ vocabulary

    def statuses(self, kind: str) -> tuple[StatusOption, ...]:
        """The community's statuses for "idea" or "issue", in the file's order."""
        found = self.community.idea_statuses if kind == "idea" else self.community.issue_statuses
        return tuple(_option(kind, status) for status in found)

    def _status_named(self, kind: str, value: str) -> Status:
        """The status whose key or name is ``value`` (any case); InvalidInput if none."""
        wanted = (value or "").strip().casefold()
        found = self.community.idea_statuses if kind == "idea" else self.community.issue_statuses
        for status in found:
            if wanted in (status.key.casefold(), status.name.casefold()):
                return status
        names = ", ".join(status.name for status in found)
        raise InvalidInput(f"There is no status {value!r} here. The statuses are: {names}.")

    def _name_of_status(self, kind: str, key: str | None) -> str | None:
        if key is None:
            return None
        try:
            return self._status_named(kind, key).name
        except InvalidInput:
            return key

    def _vote_ask(
        self, board: Board, kind: str, thread: Thread, idea: IdeaDetail | None
    ) -> tuple[Action, Target]:
        closed = idea is not None and self._is_closed("idea", idea.status)
        return (
            Action.VOTE_IDEA if kind == "idea" else Action.ME_TOO,
            Target(
                board_kind=board.kind,
                owner_id=thread.author_id,
                removed=thread.removed,
                idea_status_closed=closed,
            ),
        )

    def _is_closed(self, kind: str, key: str | None) -> bool:
        if key is None:
            return False
        try:
            return self._status_named(kind, key).closed
        except InvalidInput:
            return False

    # ------------------------------------------------------------------ votes

    def toggle_vote(self, viewer: Viewer, thread_id: int) -> VoteResult:
        """Vote for an idea, or say "me too" on an Ongoing Issue; the same call takes the
        vote back. One per member; none on one's own; none on a closed or merged idea
        (nothing is counted and the message says why)."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            subject = self._subject(session, actor, thread_id)
            thread, idea = subject.thread, subject.idea
            if idea is not None and idea.merged_into_id is not None:
                into = session.get(Thread, idea.merged_into_id)
                title = into.title if into is not None else "another idea"
                raise NotAllowed(f"This idea was merged into “{title}”: vote there instead.")
            _allow(actor, *self._vote_ask(subject.board, subject.kind, thread, idea))
            now = self.now()
            # The thread row is locked: this member's vote cannot change under us.
            voted = session.get(Vote, (thread.id, member.id)) is None
            if voted:
                session.add(Vote(thread_id=thread.id, member_id=member.id, created_at=now))
            else:
                session.exec(
                    delete(Vote).where(Vote.thread_id == thread.id, Vote.member_id == member.id)
                )
            session.flush()
            delta = 1 if voted else -1
            _add_votes(session, thread.id, delta, idea=idea is not None)
            if idea is not None:
                self._bump_members(session, {member.id: {"idea_votes_given": delta}})
            count = session.exec(select(Thread.vote_count).where(Thread.id == thread.id)).one()
            subscribed = session.exec(
                select(Subscription.id).where(
                    Subscription.member_id == member.id,
                    Subscription.target_kind == "thread",
                    Subscription.target_id == thread.id,
                )
            ).first()
            return VoteResult(thread.id, voted, count, subscribed is not None)

    # ------------------------------------------------------------------ statuses

    def set_status(
        self,
        viewer: Viewer,
        thread_id: int,
        status: str,
        note: str,
        *,
        seen_status: object = UNSEEN,
        failed_requirement: int | None = None,
    ) -> StatusResult:
        """Set an idea's or an Ongoing Issue's status with a note members read.

        ``status``: a key or name from the community file. ``seen_status``: the status
        key the moderator saw (None for none); when it changed since, ``StatusChanged``
        and nothing is applied. ``failed_requirement``: for an idea's Closed status, the
        requirement (1-based) it failed. Refusals: ``NotAllowed`` (members; Stars on
        Ongoing Issues), ``InvalidInput`` (an unknown status, an empty note, Closed
        without a requirement, a merged idea)."""
        note = (note or "").strip()
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            subject = self._subject(session, actor, thread_id)
            kind, thread, idea = subject.kind, subject.thread, subject.idea
            action = Action.SET_IDEA_STATUS if kind == "idea" else Action.SET_ISSUE_STATUS
            _allow(actor, action, Target(board_kind=subject.board.kind, removed=thread.removed))
            previous = subject.status
            if seen_status is not UNSEEN and seen_status != previous:
                now_name = self._name_of_status(kind, previous) or "no status"
                raise StatusChanged(
                    f"Someone else changed the status to {now_name} while you were looking. "
                    "Nothing was changed: check it and choose again.",
                    previous,
                )
            chosen = self._status_named(kind, status)
            self._check_change(kind, chosen, previous, note, failed_requirement, idea)
            post_id, position, notified = self._apply_status(
                session, member, subject, chosen, note, failed_requirement
            )
            detail = {"status": chosen.key, "previous": previous}
            if failed_requirement is not None and chosen.key == "closed":
                detail["requirement"] = failed_requirement
            self._record_thread_action(
                session, member, _status_action(kind, chosen.key), thread.id, note, detail
            )
            board = session.get(Board, thread.board_id)
            return StatusResult(
                thread.id, chosen.key, chosen.name, board.slug, notified, post_id, position
            )

    def _apply_status(
        self,
        session: Session,
        member: Member,
        subject: _Subject,
        chosen: Status,
        note: str,
        failed_requirement: int | None,
    ) -> tuple[int | None, int | None, int]:
        """Write a checked status change inside the caller's transaction: the status and
        note (a status-update post on an Ongoing Issue), the board it belongs on, the
        history row, and the notifications. Returns (post id, position, members told).
        ``set_status`` and moderation's "close an idea" both come through here."""
        thread, idea, now = subject.thread, subject.idea, self.now()
        post_id = position = None
        if subject.kind == "idea":
            assert idea is not None
            idea.status = chosen.key
            idea.status_note = note
            idea.failed_requirement = failed_requirement if chosen.key == "closed" else None
            session.add(idea)
            self._file_idea(session, subject, chosen)
        else:
            thread.issue_status = chosen.key
            session.add(thread)
            post = self._status_post(session, member, subject, chosen, note, now)
            post_id, position = post.id, post.position
        session.add(
            StatusChange(
                thread_id=thread.id,
                kind=subject.kind,
                status=chosen.key,
                note=note,
                actor_id=member.id,
                created_at=now,
                post_id=post_id,
            )
        )
        notified = self._tell_status(session, member, subject, chosen, note, post_id)
        return post_id, position, notified

    def _check_change(
        self,
        kind: str,
        chosen: Status,
        previous: str | None,
        note: str,
        failed_requirement: int | None,
        idea: IdeaDetail | None,
    ) -> None:
        if idea is not None and idea.merged_into_id is not None:
            raise InvalidInput("This idea was merged into another one; change that idea instead.")
        if kind == "issue" and chosen.key == NEW_ISSUE:
            raise InvalidInput(
                f"{chosen.name} is given when a thread moves to Ongoing Issues. "
                "Choose another status."
            )
        if not note:
            raise InvalidInput(
                "Write a status note: members read it with the new status."
                if kind == "idea"
                else "Write the status update: members read it at the top of the thread."
            )
        if len(note) > self.community.limits.post_max:
            raise InvalidInput(
                f"The note can be at most {self.community.limits.post_max:,} characters."
            )
        requirements = self.community.idea_requirements
        if chosen.key == "closed" and kind == "idea":
            if failed_requirement is None or not 1 <= failed_requirement <= len(requirements):
                raise InvalidInput(
                    f"Say which requirement the idea failed (1 to {len(requirements)})."
                )
        elif failed_requirement is not None:
            raise InvalidInput("Only a Closed idea names a failed requirement.")

    def _file_idea(self, session: Session, subject: _Subject, chosen: Status) -> None:
        """Closed statuses live in Closed Ideas, the others in Idea Submissions."""
        thread, board = subject.thread, subject.board
        wanted = "closed_ideas" if chosen.closed else "ideas"
        if board.kind == wanted:
            return
        target = None
        if wanted == "ideas" and thread.origin_board_id is not None:
            origin = session.get(Board, thread.origin_board_id)
            if origin is not None and origin.kind == "ideas":
                target = origin
        target = target or self._board_of_kind(session, wanted)
        thread.origin_board_id = board.id
        session.add(thread)
        move_thread(session, thread.id, target.id)
        session.refresh(thread)

    def _board_of_kind(self, session: Session, kind: str) -> Board:
        slugs = [board.slug for board in self.community.boards_of_kind(kind)]
        board = None
        if slugs:
            board = session.exec(select(Board).where(Board.slug == slugs[0])).first()
        if board is None:
            raise NotAllowed(f"This community has no board of kind {kind!r}.")
        return board

    def _status_post(
        self,
        session: Session,
        member: Member,
        subject: _Subject,
        chosen: Status,
        note: str,
        now,
    ) -> Post:
        """The post marked as the status update: the status's name, then the note."""
        body = f"**Status update: {chosen.name}**\n\n{note}"
        return self._append_post(session, member, subject.thread, subject.board, body, now)

    def _tell_status(
        self,
        session: Session,
        member: Member,
        subject: _Subject,
        chosen: Status,
        note: str,
        post_id: int | None,
    ) -> int:
        """Voters, subscribers and the author hear of the change; on Need More Info,
        everyone who took part is asked for details."""
        thread = subject.thread
        fanout = Fanout(member.id)
        kind = f"{subject.kind}_status"
        if subject.kind == "issue" and chosen.key == NEED_MORE_INFO:
            fanout.add(_participants(session, thread.id), "more_info")
        fanout.add([thread.author_id], kind)
        fanout.add(_voters(session, thread.id), kind)
        fanout.add(subscribers(session, [("thread", thread.id)]), kind)
        preview = _preview(note)
        title = f"“{thread.title}”"
        text = {
            kind: f"{title} is now {chosen.name}: {preview}",
            "more_info": f"More information is needed on {title}, where you took part: {preview}",
        }
        board = session.get(Board, thread.board_id)
        return deliver(
            session,
            fanout,
            board_kind=board.kind,
            now=self.now(),
            text=text,
            thread_id=thread.id,
            post_id=post_id,
        )

    # ------------------------------------------------------------------ shared helpers

    def _subject(
        self, session: Session, actor: Actor, thread_id: int, *, kinds: tuple[str, ...] = ()
    ) -> _Subject:
        """The thread (locked), its board and idea row; NotAllowed when it has no status."""
        thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
        kind = status_kind(board.kind)
        if kind is None or (kinds and kind not in kinds):
            raise NotAllowed(NO_STATUS)
        idea = None
        if kind == "idea":
            query = select(IdeaDetail).where(IdeaDetail.thread_id == thread.id).with_for_update()
            idea = session.exec(query).first()
            if idea is None:
                raise NotAllowed("This thread is not an idea.")
        return _Subject(thread, board, kind, idea)

    def _record_thread_action(
        self,
        session: Session,
        member: Member,
        action: str,
        thread_id: int,
        reason: str,
        detail: dict,
    ) -> None:
        """The audit log's row for a status change, a move or a merge."""
        record_action(
            session,
            actor_id=member.id,
            action=action,
            target_kind="thread",
            target_id=thread_id,
            reason=reason,
            detail=detail,
            now=self.now(),
        )


# ---------------------------------------------------------------------- helpers


def _option(kind: str, status: Status) -> StatusOption:
    return StatusOption(
        kind=kind,
        key=status.key,
        name=status.name,
        description=status.description,
        closed=status.closed,
    )


def _status_action(kind: str, key: str) -> str:
    return "close_idea" if kind == "idea" and key == "closed" else "set_status"


def _add_votes(session: Session, thread_id: int, delta: int, *, idea: bool) -> None:
    session.exec(
        update(Thread)
        .where(Thread.id == thread_id)
        .values(vote_count=Thread.vote_count + delta)
        .execution_options(synchronize_session=False)
    )
    if idea:
        session.exec(
            update(IdeaDetail)
            .where(IdeaDetail.thread_id == thread_id)
            .values(vote_count=IdeaDetail.vote_count + delta)
            .execution_options(synchronize_session=False)
        )


def _voters(session: Session, thread_id: int) -> list[int]:
    return list(session.exec(select(Vote.member_id).where(Vote.thread_id == thread_id)).all())


def _participants(session: Session, thread_id: int) -> list[int]:
    """Everyone who wrote in the thread, in order of their first post."""
    rows = session.exec(
        select(Post.author_id)
        .where(Post.thread_id == thread_id, Post.removed == False)  # noqa: E712
        .order_by(Post.position)
    ).all()
    return list(dict.fromkeys(rows))


def _preview(note: str) -> str:
    line = " ".join(note.split())
    return line if len(line) <= NOTE_PREVIEW else f"{line[: NOTE_PREVIEW - 1]}…"
