"""The Idea Exchange: submit an idea, merge a duplicate, and the list of a status board.

- ``submit_idea``: the subject gets its label in [square brackets] (picked from the
  community's labels, or typed in the subject); the community guidelines
  (``check_post``: empty, length, rate, personal data) and the Idea Exchange requirements
  (``rules.idea_requirements``) run on it. A missing or unknown label is refused with the
  reference's advice; requirement warnings raise ``NeedsConfirmation`` until the member
  goes on anyway, and then file an automatic report with the reason. The idea starts as
  a Live Idea in Idea Submissions. Discards the draft ``idea``.
- ``merge_ideas``: a moderator merges a duplicate into another idea. Votes move across
  (nobody counted twice, the survivor's author never votes for their own idea); the
  duplicate is closed (requirement 4, "Check if there's an existing idea"), moves to
  Closed Ideas, points at the survivor (``IdeaDetail.merged_into_id``); its comments stay
  where they are and the survivor gets a post linking to them; its subscribers follow the
  survivor. Recorded in the audit log.
- ``status_threads``: a page of ideas or Ongoing Issues, sorted by votes, newest or
  recent activity, filtered by status and label, each with its status note (keyset
  paging; the cursor carries the sort).

Statuses and votes are ``statuses.Statuses``; moving issues is ``issues.Issues``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, delete, not_, tuple_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from forum_tui.rules.idea_requirements import check_idea_requirements
from forum_tui.rules.permissions import Action, Target
from forum_tui.store.access import (
    MODERATOR_ROLES,
    _allow,
    _decode_cursor,
    _encode_cursor,
    _insert_ignore,
    _is_unread,
    _page_size,
)
from forum_tui.store.convert import _badge
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
    ReadMark,
    StatusChange,
    Subscription,
    Thread,
    Vote,
)
from forum_tui.store.notify import Fanout, deliver, subscribers
from forum_tui.store.statuses import status_kind
from forum_tui.store.views import (
    IdeaSuggestion,
    MergeResult,
    Page,
    PostResult,
    ThreadSummary,
    Viewer,
    idea_draft_key,
)

SORTS = ("votes", "new", "active")
_LABEL_TEXT = re.compile(r"\[[^\[\]\n]{1,40}\]")
#: Requirement 4: "Check if there's an existing idea" (the reason a duplicate closes).
DUPLICATE_REQUIREMENT = 4


class Ideas(Issues):
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
            findings = findings + check_idea_requirements(title, body, self.community.idea_labels)
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
            self._record(session, member, "merge", duplicate.thread.id, note, detail)
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

    # ------------------------------------------------------------------ the list

    def status_threads(
        self,
        viewer: Viewer,
        slug: str,
        *,
        sort: str = "active",
        status: str | None = None,
        label: str | None = None,
        cursor: str | None = None,
        limit: int = 40,
    ) -> Page[ThreadSummary]:
        """A page of an idea board's or Ongoing Issues' threads (see the module
        docstring). ``status``: a status key or name; ``label``: an idea label."""
        if sort not in SORTS:
            raise InvalidInput(f"Sort by {', '.join(SORTS)}.")
        limit = _page_size(limit)
        after = _decode_status_cursor(cursor, sort)
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            board, _area = self._visible_board(session, actor, slug)
            kind = status_kind(board.kind)
            if kind is None:
                raise InvalidInput(f"{board.name} has no statuses to sort or filter by.")
            key = self._status_named(kind, status).key if status else None
            chosen_label = self._label_named(label) if label else None
            query, order = self._list_query(member, board.id, kind, sort, key, chosen_label)
            if after is not None:
                query = query.where(tuple_(order, Thread.id) < tuple_(*after))
            rows = session.exec(
                query.order_by(order.desc(), Thread.id.desc()).limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            cutoff = self._unread_cutoff(session, member, board.id)
            notes = _latest_notes(session, [row[0].id for row in rows], kind)
            items = tuple(self._list_item(row, board.slug, kind, cutoff, notes) for row in rows)
        next_cursor = None
        if more and rows:
            last = rows[-1]
            value = _sort_value(last[0], last[4], sort, kind)
            next_cursor = _encode_cursor([sort, value, last[0].id])
        return Page(items=items, next_cursor=next_cursor)

    def _label_named(self, value: str) -> str:
        known = {name.casefold(): name for name in self.community.idea_labels}
        found = known.get(value.strip().strip("[]").casefold())
        if found is None:
            raise InvalidInput(
                f"There is no idea label {value!r}. The labels are: "
                f"{', '.join(self.community.idea_labels)}."
            )
        return found

    def _list_query(self, member, board_id, kind, sort, key, label):
        author = aliased(Member, name="author")
        last_poster = aliased(Member, name="last_poster")
        query = (
            select(Thread, author, last_poster, ReadMark.last_read_position, IdeaDetail)
            .join(author, author.id == Thread.author_id)
            .outerjoin(last_poster, last_poster.id == Thread.last_poster_id)
            .outerjoin(
                ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.member_id == member.id)
            )
            .where(Thread.board_id == board_id)
        )
        if kind == "idea":
            query = query.join(IdeaDetail, IdeaDetail.thread_id == Thread.id)
        else:
            query = query.outerjoin(IdeaDetail, IdeaDetail.thread_id == Thread.id)
        if member.role not in MODERATOR_ROLES:
            query = query.where(not_(Thread.removed))
        if key is not None:
            column = IdeaDetail.status if kind == "idea" else Thread.issue_status
            query = query.where(column == key)
        if label is not None:
            query = query.where(IdeaDetail.label == label)
        if sort == "votes":
            order = IdeaDetail.vote_count if kind == "idea" else Thread.vote_count
        elif sort == "new":
            order = Thread.created_at
        else:
            order = Thread.last_activity_at
        return query, order

    def _list_item(self, row, board_slug: str, kind: str, cutoff: datetime, notes):
        thread, author, last_poster, read_position, idea = row
        key = idea.status if idea is not None else thread.issue_status
        note = idea.status_note if idea is not None and idea.status_note else None
        return ThreadSummary(
            id=thread.id,
            board_slug=board_slug,
            title=thread.title,
            author=_badge(author),
            created_at=thread.created_at,
            last_activity_at=thread.last_activity_at,
            last_poster=_badge(last_poster) if last_poster is not None else None,
            reply_count=max(0, thread.post_count - 1),
            like_count=thread.like_count,
            floated=thread.floated,
            locked=thread.locked,
            solved=thread.solution_post_id is not None,
            unread=_is_unread(thread, read_position, cutoff),
            status=self._name_of_status(kind, key),
            label=idea.label if idea is not None else None,
            vote_count=idea.vote_count if idea is not None else thread.vote_count,
            status_key=key,
            status_note=note or notes.get(thread.id),
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
    votes = f"{moved} vote{'s' if moved != 1 else ''}"
    posts = f"{duplicate.post_count} post{'s' if duplicate.post_count != 1 else ''}"
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


def _latest_notes(session: Session, thread_ids: list[int], kind: str) -> dict[int, str]:
    """The newest status note of each thread (one query for a page)."""
    if not thread_ids:
        return {}
    rows = session.exec(
        select(StatusChange.thread_id, StatusChange.note)
        .where(StatusChange.thread_id.in_(thread_ids), StatusChange.kind == kind)
        .order_by(StatusChange.thread_id, StatusChange.created_at, StatusChange.id)
    ).all()
    notes: dict[int, str] = {}
    for thread_id, note in rows:
        if note:
            notes[thread_id] = note
    return notes


def _sort_value(thread: Thread, idea: IdeaDetail | None, sort: str, kind: str):
    if sort == "votes":
        return idea.vote_count if kind == "idea" and idea is not None else thread.vote_count
    if sort == "new":
        return thread.created_at
    return thread.last_activity_at


def _decode_status_cursor(cursor: str | None, sort: str):
    if cursor is None:
        return None
    values = _decode_cursor(cursor)
    try:
        cursor_sort, value, thread_id = values
        if cursor_sort != sort:
            raise ValueError(cursor_sort)
        if sort != "votes":
            value = datetime.fromisoformat(value)
        return int(value) if sort == "votes" else value, int(thread_id)
    except (ValueError, TypeError):
        raise InvalidInput("That page position is not valid; start from the top.") from None
