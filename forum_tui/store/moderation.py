"""Moderation: what moderators and staff do to reported items, threads and members.

This module holds what every action shares and the item actions (dismiss, remove,
claim); ``moderation_threads`` (lock, move, archive, restore, close an idea),
``moderation_members`` (warn, suspend, lift) and ``moderation_undo`` build on it.

Each public method is one use case: permission (``rules.permissions``: ``MODERATE``,
``ARCHIVE``, ``WARN_MEMBER``, ``SUSPEND_MEMBER``; a member, a Star, a suspended moderator
and a moderator acting on staff are refused) -> the rules (``rules.moderation``) -> one
transaction -> a :class:`TriageResult` in plain words.

- Items are named by key: ``"post:12"`` or ``"message:5"``. Calls from the queue pass
  ``seen``: the open report ids the moderator was looking at. When another moderator
  handled them all meanwhile the call refuses with :class:`AlreadyHandled` and changes
  nothing, so nothing is applied twice. Calls from the thread view pass no ``seen``.
- Acting on an item resolves its open reports (upheld, or dismissed), tells each
  reporter the outcome (a ``report_outcome`` notification that never names the
  moderator) and drops any claim on it.
- A claim (``claim``) keeps other moderators off an item for ``CLAIM_MINUTES``.
- Every action leaves a ``ModAction`` with what undo needs (``detail``, JSON); undo is
  in ``moderation_undo``. Warnings cannot be undone (the message went out).
- Threads move only through ``moving.move_thread``; warnings go out only through
  ``inbox.deliver_message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete as sql_delete
from sqlalchemy import insert as sql_insert
from sqlmodel import Session, select

from forum_tui.rules import moderation as rules
from forum_tui.rules.permissions import Action, Actor, Target
from forum_tui.rules.wording import plural
from forum_tui.store.access import Service, _allow
from forum_tui.store.audit_log import record_action
from forum_tui.store.errors import AlreadyHandled, InvalidInput, NotAllowed, NotFound
from forum_tui.store.guard import REASON_MAX
from forum_tui.store.models import (
    Board,
    Conversation,
    Member,
    Message,
    ModAction,
    Notification,
    Post,
    Report,
    ReportClaim,
    Thread,
)
from forum_tui.store.views import TriageResult, Viewer

ITEM_KINDS = ("post", "message")


@dataclass
class _Item:
    """A reported (or reportable) item, loaded for an action."""

    kind: str
    id: int
    author: Member
    post: Post | None = None
    thread: Thread | None = None
    board: Board | None = None
    message: Message | None = None
    subject: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


def parse_item_key(key: str) -> tuple[str, int]:
    """``"post:12"`` -> ("post", 12); InvalidInput for anything else."""
    kind, _, number = str(key).partition(":")
    if kind not in ITEM_KINDS or not number.isdigit():
        raise InvalidInput("That is not a reported item.")
    return kind, int(number)


def _clean_reason(reason: str) -> str:
    return " ".join(reason.split())[:REASON_MAX]


class Moderation(Service):
    # ------------------------------------------------------------------ reports

    def dismiss_reports(
        self, viewer: Viewer, key: str, *, seen: Sequence[int] = (), reason: str = ""
    ) -> TriageResult:
        """Close the item's open reports with nothing done to it."""
        with self._writing() as session:
            member, _actor, item = self._item_for_action(session, viewer, key, seen)
            ids = self._resolve(session, member, item, "dismissed", upheld=False)
            if not ids:
                raise AlreadyHandled("There are no open reports on this item any more.")
            action = self._record(
                session, member, "dismiss", item.kind, item.id, reason, _resolved(ids, False, item)
            )
            words = f"Dismissed {plural(len(ids), 'report')}."
            return TriageResult(words, action.id)

    def resolve_after_edit(
        self, viewer: Viewer, key: str, *, seen: Sequence[int] = ()
    ) -> TriageResult:
        """After a moderator edited the item (``edit_post``): its reports are upheld.
        The log entry names that edit, so undoing it takes the edit back too."""
        with self._writing() as session:
            member, _actor, item = self._item_for_action(session, viewer, key, seen)
            ids = self._resolve(session, member, item, "edited", upheld=True)
            edit_id = session.exec(
                select(ModAction.id)
                .where(
                    ModAction.actor_id == member.id,
                    ModAction.action == "edit",
                    ModAction.target_kind == item.kind,
                    ModAction.target_id == item.id,
                    ModAction.undone.is_(False),
                )
                .order_by(ModAction.id.desc())
                .limit(1)
            ).first()
            action = self._record(
                session,
                member,
                "resolve",
                item.kind,
                item.id,
                "Edited by a moderator.",
                {**_resolved(ids, True, item), "edit_id": edit_id},
            )
            return TriageResult("Edited; its reports are closed.", action.id)

    def remove_item(
        self, viewer: Viewer, key: str, reason: str, *, seen: Sequence[int] = ()
    ) -> TriageResult:
        """Soft-remove a post (an opening post removes its thread) or a message: members
        see "removed by a moderator" and the reason; staff still read the text."""
        reason = _clean_reason(reason)
        if not reason:
            raise InvalidInput("Give a reason for the removal: members see it.")
        with self._writing() as session:
            member, _actor, item = self._item_for_action(session, viewer, key, seen)
            row = item.post if item.post is not None else item.message
            assert row is not None
            detail: dict = {"reason_before": row.removed_reason, "was_removed": row.removed}
            if row.removed:  # removed meanwhile (the thread view, another moderator)
                ids = self._resolve(session, member, item, "removed", upheld=True)
                if not ids:
                    raise AlreadyHandled("That was already removed.")
                detail.update(_resolved(ids, True, item))
                action = self._record(session, member, "dismiss", item.kind, item.id, "", detail)
                return TriageResult("That was already removed; its reports are closed.", action.id)
            row.removed, row.removed_reason = True, reason
            session.add(row)
            if item.post is not None and item.post.position == 1 and item.thread is not None:
                detail["thread_removed_before"] = item.thread.removed
                item.thread.removed = True
                session.add(item.thread)
            ids = self._resolve(session, member, item, "removed", upheld=True)
            detail.update(_resolved(ids, True, item))
            action = self._record(session, member, "remove", item.kind, item.id, reason, detail)
            what = "thread" if "thread_removed_before" in detail else item.kind
            return TriageResult(f"Removed the {what}: members now see the reason.", action.id)

    # ------------------------------------------------------------------ claims

    def claim(self, viewer: Viewer, key: str) -> TriageResult:
        """Claim an item (or drop one's own claim): other moderators are kept off it
        until the claim lapses."""
        parse_item_key(key)  # refuses a malformed key
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.MODERATE, Target())
            claim = session.get(ReportClaim, key, with_for_update=True)
            now = self.now()
            if claim is not None and claim.member_id == member.id:
                session.delete(claim)
                return TriageResult("Claim dropped: others may take this item.", None, False)
            self._check_claim(session, member, key)
            if claim is None:
                session.add(ReportClaim(item_key=key, member_id=member.id, claimed_at=now))
            else:
                claim.member_id, claim.claimed_at = member.id, now
                session.add(claim)
            minutes = rules.CLAIM_MINUTES
            return TriageResult(f"Claimed for {minutes} minutes.", None, False)

    # ------------------------------------------------------------------ helpers

    def _item_for_action(
        self, session: Session, viewer: Viewer, key: str, seen: Sequence[int]
    ) -> tuple[Member, Actor, _Item]:
        """The acting moderator and the item, checked: permission, claims, and (with
        ``seen``) that someone else has not handled it meanwhile."""
        member, actor = self._acting(session, viewer)
        _allow(actor, Action.MODERATE, Target())
        item = self._load_item(session, actor, key)
        _allow(
            actor,
            Action.MODERATE,
            Target(
                board_kind=item.board.kind if item.board is not None else None,
                owner_id=item.author.id,
                owner_role=item.author.role,
            ),
        )
        self._check_claim(session, member, item.key)
        if seen:
            still_open = session.exec(
                select(Report.id).where(Report.id.in_(list(seen)), Report.status == "open")
            ).first()
            if still_open is None:
                raise AlreadyHandled(
                    "Another moderator has already handled this item; the queue is refreshed."
                )
        return member, actor, item

    def _load_item(self, session: Session, actor: Actor, key: str) -> _Item:
        kind, target_id = parse_item_key(key)
        if kind == "post":
            post, thread, board, _area = self._visible_post(session, actor, target_id, lock=True)
            author = session.get(Member, post.author_id)
            return _Item("post", post.id, author, post=post, thread=thread, board=board)
        message = session.exec(
            select(Message).where(Message.id == target_id).with_for_update()
        ).first()
        if message is None:
            raise NotFound("That message does not exist.")
        conversation = session.get(Conversation, message.conversation_id)
        author = session.get(Member, message.author_id)
        subject = conversation.subject if conversation is not None else ""
        return _Item("message", message.id, author, message=message, subject=subject)

    def _thread_for_action(
        self,
        session: Session,
        viewer: Viewer,
        thread_id: int,
        key: str | None,
        seen: Sequence[int],
        *,
        action: Action = Action.MODERATE,
    ) -> tuple[Member, Actor, Thread, Board, _Item | None]:
        item = None
        if key is not None:
            member, actor, item = self._item_for_action(session, viewer, key, seen)
            if item.thread is None or item.thread.id != thread_id:
                raise InvalidInput("That action is for the thread the post is in.")
        else:
            member, actor = self._acting(session, viewer)
            _allow(actor, action, Target())
        thread, board, _area = self._visible_thread(session, actor, thread_id, lock=True)
        author = session.get(Member, thread.author_id)
        _allow(
            actor,
            action,
            Target(board_kind=board.kind, owner_id=author.id, owner_role=author.role),
        )
        return member, actor, thread, board, item

    def _member_for_action(
        self, session: Session, actor: Actor, member_id: int, action: Action
    ) -> Member:
        _allow(actor, action, Target())
        target = session.exec(
            select(Member).where(Member.id == member_id).with_for_update()
        ).first()
        if target is None:
            raise NotFound("That member does not exist.")
        _allow(actor, action, _member_target(target))
        return target

    def _check_claim(self, session: Session, member: Member, key: str) -> None:
        row = session.exec(
            select(ReportClaim, Member.username)
            .join(Member, Member.id == ReportClaim.member_id)
            .where(ReportClaim.item_key == key)
        ).first()
        if row is None or row[0].member_id == member.id:
            return
        refusal = rules.claim_refusal(row[1], row[0].claimed_at, self.now())
        if refusal:
            raise NotAllowed(refusal)

    def _board_of_kind(self, session: Session, kind: str) -> Board:
        slugs = [board.slug for board in self.community.boards_of_kind(kind)]
        board = session.exec(select(Board).where(Board.slug.in_(slugs))).first() if slugs else None
        if board is None:
            raise NotFound("This community has no such board.")
        return board

    def _resolve(
        self, session: Session, member: Member, item: _Item, outcome: str, upheld: bool = True
    ) -> list[int]:
        """Close the item's open reports (upheld or dismissed), tell each reporter the
        outcome, count an upheld item against its author, and drop the item's claim."""
        reports = session.exec(
            select(Report)
            .where(_item_clause(item.kind, item.id), Report.status == "open")
            .order_by(Report.id)
            .with_for_update()
        ).all()
        session.exec(sql_delete(ReportClaim).where(ReportClaim.item_key == item.key))
        if not reports:
            return []
        now = self.now()
        words = rules.OUTCOMES.get(outcome, outcome)
        for report in reports:
            report.status = "upheld" if upheld else "dismissed"
            report.outcome = words[:REASON_MAX]
            report.resolved_at = now
            report.resolved_by_id = member.id
            session.add(report)
        if upheld:
            self._count_upheld(item.author, +1)
            session.add(item.author)
        reporters = [r.reporter_id for r in reports if r.reporter_id is not None]
        self._notify_outcome(session, reporters, item, outcome)
        return [report.id for report in reports]

    def _count_upheld(self, author: Member, change: int) -> None:
        author.upheld_reports = max(0, author.upheld_reports + change)
        author.rank = self._rank(author)

    def _notify_outcome(
        self, session: Session, reporters: Iterable[int], item: _Item, outcome: str
    ) -> None:
        """One notification per reporter; the moderator is never named. Removed content
        is not linked to, nor its title named."""
        shown = item.thread is not None and not item.thread.removed and outcome != "removed"
        title = item.thread.title if shown and item.thread is not None else None
        text = rules.outcome_text(outcome, item.kind, title)
        self._notify(session, reporters, text, item if shown else None, kind="report_outcome")

    def _notify(
        self,
        session: Session,
        member_ids: Iterable[int],
        text: str,
        item: _Item | None,
        *,
        kind: str = "message",
    ) -> None:
        rows = [
            {
                "member_id": member_id,
                "kind": kind,
                "actor_id": None,
                "thread_id": item.thread.id if item is not None and item.thread else None,
                "post_id": item.post.id if item is not None and item.post else None,
                "text": text[:400],
                "created_at": self.now(),
                "read_at": None,
            }
            for member_id in dict.fromkeys(member_ids)
        ]
        if rows:
            session.connection().execute(sql_insert(Notification.__table__), rows)

    def _record(
        self,
        session: Session,
        member: Member,
        action: str,
        target_kind: str,
        target_id: int,
        reason: str,
        detail: dict,
    ) -> ModAction:
        return record_action(
            session,
            actor_id=member.id,
            action=action,
            target_kind=target_kind,
            target_id=target_id,
            reason=reason,
            detail=detail,
            now=self.now(),
        )


def _item_clause(kind: str, target_id: int):
    return Report.post_id == target_id if kind == "post" else Report.message_id == target_id


def _resolved(ids: list[int], upheld: bool, item: _Item) -> dict:
    return {"reports": ids, "upheld": upheld and bool(ids), "author_id": item.author.id}


def _member_target(member: Member) -> Target:
    return Target(owner_id=member.id, owner_role=member.role)
