"""The Idea Exchange: submit an idea, merge a duplicate, and the list of a status board.

- ``submit_idea``: the subject gets its label in [square brackets] (picked from the
  community's labels, or typed in the subject); the community guidelines
  (``check_post``: empty, length, rate, personal data) and the Idea Exchange requirements
  (``rules.guidelines.check_idea``) run on it. A missing or unknown label is refused with the
  reference's advice; requirement warnings raise ``NeedsConfirmation`` until the member
  goes on anyway, and then file an automatic report with the reason. The idea starts as
  a Live Idea in Idea Submissions. Discards the draft ``idea``.
- ``merge_ideas``: a moderator merges a duplicate into another idea. Votes move across
  (nobody counted twice, the survivor's author never votes for their own idea); the
  duplicate is closed (requirement 4, "Check if there's an existing idea"), moves to
  Closed Ideas, points at the survivor (``IdeaDetail.merged_into_id``); its comments stay
  where they are and the survivor gets a post linking to them; its subscribers follow the
  survivor. Recorded in the audit log.
- ``idea_suggestions``: ideas like a subject being typed, with their votes.

Statuses and votes are ``statuses.Statuses`` (what a thread shows of them,
``status_detail.StatusDetails``); moving issues is ``issues.Issues``; the lists of ideas
and issues are ``status_lists.StatusLists``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import and_, delete, update
from sqlmodel import Session, select

from forum_tui.rules import guidelines  # its checkers load on the first write (see there)
from forum_tui.rules.permissions import Action, Target
from forum_tui.rules.wording import plural
from forum_tui.store.access import (
    _allow,
    _insert_ignore,
)
from forum_tui.store.drafts import _discard_draft
from forum_tui.store.errors import InvalidInput
from forum_tui.store.guard import (
    _check_title_column,
    _clean_body,
    _clean_tags,
    _file_reports,
    _vet,
)
from forum_tui.store.issues import Issues
from forum_tui.store.models import (
    IdeaDetail,
    Member,
    StatusChange,
    Subscription,
    Thread,
    Vote,
)
from forum_tui.store.notify import Fanout, deliver, subscribers
from forum_tui.store.status_detail import StatusDetails
from forum_tui.store.status_lists import StatusLists
from forum_tui.store.views import (
    IdeaSuggestion,
    MergeResult,
    PostResult,
    Viewer,
    idea_draft_key,
)

_LABEL_TEXT = re.compile(r"\[[^\[\]\n]{1,40}\]")
#: Requirement 4: "Check if there's an existing idea" (the reason a duplicate closes).
DUPLICATE_REQUIREMENT = 4


class Ideas(Issues, StatusLists, StatusDetails):
    # ------------------------------------------------------------------ submitting

    def idea_title(self, subject: str, label: str | None) -> str:
        """The idea's title: ``[Label] subject``. A label typed in the subject counts;
        a picked one replaces it. Unknown labels are refused with the known ones."""
        subject = " ".join((subject or "").split())
        if label is None or not label.strip():
            return subject
        known = {name.casefold(): name for name in self.community.idea_labels}
        chosen = known.get(label.strip().strip("[]").casefold())
        if chosen is None:
            raise InvalidInput(
                f"[{label.strip()}] isn't one of the idea labels. "
                f"Pick one of: {', '.join(self.community.idea_labels)}."
            )
        for name in self.community.idea_labels:
            prefix = f"[{name}]"
            if subject.casefold().startswith(prefix.casefold()):
                subject = subject[len(prefix) :].strip()
                break
        return f"[{chosen}] {subject}".strip()

    def submit_idea(
        self,
        viewer: Viewer,
        subject: str,
        body: str,
        *,
        label: str | None = None,
        tags: Iterable[str] = (),
        accept_warnings: bool = False,
    ) -> PostResult:
        """Submit an idea to Idea Submissions (see the module docstring)."""
        tags = _clean_tags(tags)
        body = _clean_body(body)
        if not " ".join((subject or "").split()).strip("[] "):
            raise InvalidInput("Write a subject: one line that says what you'd like changed.")
        title = self.idea_title(subject, label)
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            board = self._board_of_kind(session, "ideas")
            _allow(actor, Action.SUBMIT_IDEA, Target(board_kind=board.kind))
            findings = self._findings(session, member, board, body, title=title)
            findings = findings + guidelines.check_idea(title, body, self.community.idea_labels)
            notices = _vet(findings, accept_warnings)
            _check_title_column(title)
            now = self.now()
            thread, post = self._open_thread(session, member, board, title, body, tags, now)
            session.add(
                IdeaDetail(thread_id=thread.id, label=_label_of(title, self.community.idea_labels))
            )
            self._bump_members(session, {member.id: {"idea_count": 1}})
            _file_reports(session, post, findings, now)
            _discard_draft(session, member.id, idea_draft_key())
            fanout = Fanout(member.id)
            fanout.add(subscribers(session, [("board", board.id)]), "subscription")
            self._deliver(session, fanout, member, board, thread, post)
            return PostResult(thread.id, post.id, 1, notices)

    def idea_suggestions(
        self, viewer: Viewer, subject: str, limit: int = 5
    ) -> tuple[IdeaSuggestion, ...]:
        """Ideas (live and closed) like ``subject``, best first, with their votes and
        whether the viewer voted: ``similar_ideas`` plus one query for the counts."""
        hits = self.similar_ideas(viewer, _LABEL_TEXT.sub(" ", subject or ""), limit=limit)
        if not hits:
            return ()
        ids = [hit.thread_id for hit in hits]
        with self._reading() as session:
            rows = session.exec(
                select(
                    IdeaDetail.thread_id, IdeaDetail.vote_count, IdeaDetail.status, Vote.member_id
                )
                .outerjoin(
                    Vote, and_(Vote.thread_id == IdeaDetail.thread_id, Vote.member_id == viewer.id)
                )
                .where(IdeaDetail.thread_id.in_(ids))
            ).all()
        found = {thread_id: (votes, status, voter) for thread_id, votes, status, voter in rows}
        suggestions = []
        for hit in hits:
            votes, status, voter = found.get(hit.thread_id, (0, None, None))
            suggestions.append(
                IdeaSuggestion(
                    thread_id=hit.thread_id,
                    title=hit.thread_title,
                    label=hit.label,
                    status=hit.status,
                    vote_count=votes,
                    voted=voter is not None,
                    closed=self._is_closed("idea", status),
                )
            )
        return tuple(suggestions)

    # ------------------------------------------------------------------ merging

    def merge_ideas(
        self, viewer: Viewer, duplicate_id: int, into_id: int, note: str = ""
    ) -> MergeResult:
        """Merge the idea ``duplicate_id`` into ``into_id`` (see the module docstring)."""
        if duplicate_id == into_id:
            raise InvalidInput("An idea can't be merged into itself.")
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            subjects = {}
            for thread_id in sorted((duplicate_id, into_id)):  # lock in id order
                subjects[thread_id] = self._subject(session, actor, thread_id, kinds=("idea",))
            duplicate, survivor = subjects[duplicate_id], subjects[into_id]
            for subject in (duplicate, survivor):
                _allow(actor, Action.MERGE_IDEAS, Target(board_kind=subject.board.kind))
                if subject.idea.merged_into_id is not None:
                    which = "That idea" if subject is duplicate else "The idea to merge into"
                    raise InvalidInput(f"{which} was already merged into another idea.")
            moved, dropped = _move_votes(session, duplicate.thread, survivor.thread)
            self._bump_members(session, {voter: {"idea_votes_given": -1} for voter in dropped})
            note = note.strip() or f"Merged into “{survivor.thread.title}”."
            closed = self._status_named("idea", "closed")
            idea = duplicate.idea
            idea.merged_into_id = survivor.thread.id
            idea.status = closed.key
            idea.status_note = note
            idea.failed_requirement = DUPLICATE_REQUIREMENT
            session.add(idea)
            self._file_idea(session, duplicate, closed)
            duplicate.thread.locked = True
            session.add(duplicate.thread)
            now = self.now()
            session.add(
                StatusChange(
                    thread_id=duplicate.thread.id,
                    kind="idea",
                    status=closed.key,
                    note=note,
                    actor_id=member.id,
                    created_at=now,
                )
            )
            link = _merge_link(duplicate.thread, moved)
            self._append_post(session, member, survivor.thread, survivor.board, link, now)
            _follow_survivor(session, duplicate.thread.id, survivor.thread.id, now)
            detail = {"into": survivor.thread.id, "votes_moved": moved}
            self._record_thread_action(session, member, "merge", duplicate.thread.id, note, detail)
            self._tell_merge(session, member, duplicate.thread, survivor.thread)
            count = session.exec(
                select(IdeaDetail.vote_count).where(IdeaDetail.thread_id == survivor.thread.id)
            ).one()
            return MergeResult(duplicate.thread.id, survivor.thread.id, moved, count)

    def _tell_merge(self, session: Session, member: Member, duplicate: Thread, survivor: Thread):
        fanout = Fanout(member.id)
        fanout.add([duplicate.author_id], "idea_status")
        fanout.add(subscribers(session, [("thread", duplicate.id)]), "idea_status")
        words = f"“{duplicate.title}” was merged into “{survivor.title}”; votes count there."
        deliver(
            session,
            fanout,
            board_kind="ideas",
            now=self.now(),
            text={"idea_status": words},
            thread_id=survivor.id,
        )


# ---------------------------------------------------------------------- helpers


def _label_of(title: str, labels: tuple[str, ...]) -> str:
    """The first known [label] in the title (the rules refused titles without one)."""
    low = title.casefold()
    found = [(low.find(f"[{name.casefold()}]"), name) for name in labels]
    found = [(at, name) for at, name in found if at >= 0]
    return min(found)[1] if found else (labels[-1] if labels else "")


def _merge_link(duplicate: Thread, moved: int) -> str:
    """The survivor's post that links the duplicate's comments."""
    votes = f"{plural(moved, 'vote')}"
    posts = f"{plural(duplicate.post_count, 'post')}"
    return (
        f"Merged here: “{duplicate.title}” (idea #{duplicate.id}); {votes} moved across. "
        f"Its {posts} stay there, linked from this one."
    )


def _move_votes(session: Session, duplicate: Thread, survivor: Thread) -> tuple[int, list[int]]:
    """Votes on ``duplicate`` count for ``survivor`` (each member once, never its own
    author). Returns how many moved, and the voters whose duplicate vote was dropped
    (they voted for both). Both ideas' counters follow."""
    votes = session.exec(select(Vote).where(Vote.thread_id == duplicate.id)).all()
    already = set(session.exec(select(Vote.member_id).where(Vote.thread_id == survivor.id)).all())
    # Both threads are locked: neither idea's votes can change under us.
    moving = [v for v in votes if v.member_id not in already and v.member_id != survivor.author_id]
    dropped = [v.member_id for v in votes if v not in moving]
    session.exec(delete(Vote).where(Vote.thread_id == duplicate.id))
    session.add_all(
        Vote(thread_id=survivor.id, member_id=v.member_id, created_at=v.created_at) for v in moving
    )
    session.flush()
    moved = len(moving)
    for thread_id, count in ((duplicate.id, 0), (survivor.id, len(already) + moved)):
        session.exec(update(Thread).where(Thread.id == thread_id).values(vote_count=count))
        session.exec(
            update(IdeaDetail).where(IdeaDetail.thread_id == thread_id).values(vote_count=count)
        )
    return moved, dropped


def _follow_survivor(session: Session, duplicate_id: int, survivor_id: int, now) -> None:
    members = session.exec(
        select(Subscription.member_id).where(
            Subscription.target_kind == "thread", Subscription.target_id == duplicate_id
        )
    ).all()
    for member_id in members:
        _insert_ignore(
            session,
            Subscription,
            {
                "member_id": member_id,
                "target_kind": "thread",
                "target_id": survivor_id,
                "created_at": now,
            },
            keys=("member_id", "target_kind", "target_id"),
        )
