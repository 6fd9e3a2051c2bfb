"""Build the demo community: personas for every role, and content in every board.

``build_demo(forum)`` turns the plain data in ``demo_content.py`` into rows, written
straight with one SQLModel session on ``forum.engine`` in a single transaction. Times are
counted back from the fixed ``DEMO_NOW``, so every build gives the same community (only
the password hash's random salt differs).

The builder keeps every counter the screens read consistent with the rows it writes:

- ``Board``: ``thread_count``, ``post_count`` (opening posts included), ``last_activity_at``.
- ``Thread``: ``post_count``, ``like_count`` (likes on all its posts), ``last_*``,
  ``solution_post_id``, ``vote_count`` (idea votes or "me too" votes); ``Post.position``
  runs 1..N and ``Post.like_count`` matches the ``Like`` rows.
- ``IdeaDetail.vote_count`` matches the ``Vote`` rows; ``Conversation`` counts its messages.
- ``Member`` activity counters are what the demo content shows plus the member's
  ``earlier`` activity (see ``demo_content``): an idea counts as an idea, not a thread;
  only idea votes count as votes. ``Member.rank`` comes from ``rules.ranks.rank_title``.

Content mistakes (a like by the post's own author, a post before its author joined, a
private message to someone under 18, ...) raise ``ValueError`` naming the record, so a bad
edit to the content fails the tests instead of building a quietly wrong demo.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, SQLModel, select

from forum_tui.rules.ranks import rank_title
from forum_tui.rules.text import fold_name
from forum_tui.store import demo_content as content
from forum_tui.store.convert import member_metrics
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import (
    Board,
    BoardVisit,
    Conversation,
    ConversationMember,
    Event,
    EventAttendance,
    IdeaDetail,
    Like,
    Member,
    Message,
    ModAction,
    Notification,
    Post,
    PostRevision,
    ReadMark,
    Report,
    Setting,
    StarApplication,
    StarPoints,
    StatusChange,
    Subscription,
    Thread,
    ThreadTag,
    Vote,
)
from forum_tui.store.passwords import hash_password
from forum_tui.store.search import index_for

__all__ = ["DEMO_NOW", "DemoSummary", "build_demo", "prose"]

#: The demo's "now" (naive UTC): every timestamp is counted back from it.
DEMO_NOW = datetime(2026, 11, 20, 12, 0)

ALREADY_BUILT = "This database already has members; use --reset to rebuild the demo."
#: Tables that survive a reset (their counters are zeroed); everything else is emptied.
KEPT_TABLES = frozenset({"area", "board", "setting"})
MODERATING_ROLES = ("moderator", "staff")
CLOSED_IDEA_STATUSES = ("implemented", "closed")


@dataclass(frozen=True)
class DemoSummary:
    members: int
    personas: int
    threads: int
    posts: int
    likes: int
    ideas: int
    idea_votes: int
    issues: int
    conversations: int
    messages: int
    notifications: int
    reports: int
    open_reports: int
    mod_actions: int


def build_demo(forum, *, reset: bool = False) -> DemoSummary:
    """Fill ``forum``'s database with the demo community; ``reset`` empties it first.

    Without ``reset``, a database that already has members is refused (InvalidInput).
    """
    forum.sync_community()
    if not reset:
        with Session(forum.engine) as session:
            if session.exec(select(Member.id).limit(1)).first() is not None:
                raise InvalidInput(ALREADY_BUILT)
    # Hash once (scrypt is slow on purpose), outside the write transaction.
    password_hash = hash_password(forum.community.demo_password)
    with Session(forum.engine, expire_on_commit=False) as session, session.begin():
        if reset:
            _clear(session)
        elif session.exec(select(Member.id).limit(1)).first() is not None:
            raise InvalidInput(ALREADY_BUILT)
        _Builder(session, forum.community, password_hash).build()
        session.merge(Setting(key="demo", value="yes"))
        session.flush()
        index_for(session).rebuild(session)
        return _summary(session)


def prose(text: str) -> str:
    """Content text as members would have typed it.

    Dedents, then joins wrapped lines back into paragraphs. Blank lines, list items
    (``-``, ``*``, ``1.``), indented lines and fenced code blocks keep their line breaks;
    a list item's wrapped continuation lines join the item.
    """
    lines = textwrap.dedent(text).strip("\n").splitlines()
    out: list[str] = []
    in_code = False
    joinable = False
    for raw in lines:
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_code = not in_code
            out.append(line)
            joinable = False
        elif in_code or not line:
            out.append(line)
            joinable = False
        elif joinable and not _STARTS_ITEM.match(line):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
            joinable = True
    return "\n".join(out).strip()


_STARTS_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")


# ------------------------------------------------------------------ reset and summary


def _clear(session: Session) -> None:
    """Delete every member and all content, children first; keep areas and boards."""
    for table in reversed(SQLModel.metadata.sorted_tables):
        if table.name not in KEPT_TABLES:
            session.execute(delete(table))
    session.execute(delete(Setting).where(Setting.key == "demo"))
    session.execute(update(Board).values(thread_count=0, post_count=0, last_activity_at=None))


def _summary(session: Session) -> DemoSummary:
    def count(column, *where) -> int:
        return session.exec(select(func.count(column)).where(*where)).one()

    return DemoSummary(
        members=count(Member.id),
        personas=count(Member.id, Member.is_demo_persona),
        threads=count(Thread.id),
        posts=count(Post.id),
        likes=count(Like.post_id),
        ideas=count(IdeaDetail.thread_id),
        idea_votes=count(Vote.thread_id, Vote.thread_id.in_(select(IdeaDetail.thread_id))),
        issues=count(Thread.id, Thread.issue_status.is_not(None)),
        conversations=count(Conversation.id),
        messages=count(Message.id),
        notifications=count(Notification.id),
        reports=count(Report.id),
        open_reports=count(Report.id, Report.status == "open"),
        mod_actions=count(ModAction.id),
    )


# ------------------------------------------------------------------ the builder


def _ago(days: float) -> datetime:
    return (DEMO_NOW - timedelta(days=days)).replace(microsecond=0)


def _names(text: str) -> list[str]:
    return text.split()


def _check(condition: bool, problem: str) -> None:
    if not condition:
        raise ValueError(f"demo content: {problem}")


class _Builder:
    def __init__(self, session: Session, community, password_hash: str) -> None:
        self.session = session
        self.community = community
        self.password_hash = password_hash
        self.boards = {b.slug: b for b in session.exec(select(Board))}
        self.members: dict[str, Member] = {}
        self.seeds: dict[str, content.MemberSeed] = {}
        self.threads: dict[str, Thread] = {}
        self.posts: dict[tuple[str, int], Post] = {}
        self.activity: dict[str, Counter] = defaultdict(Counter)
        self.last_seen: dict[str, datetime] = {}
        self.conversations: dict[str, list[Message]] = {}
        self.reports: list[Report] = []
        self.usernames: dict[int, str] = {}

    def build(self) -> None:
        self.add_members()
        for seed in self.all_threads():
            self.add_thread(seed)
        self.add_ideas()
        self.add_issues()
        self.archive_vault()
        self.add_edits_and_removals()
        self.add_conversations()
        self.add_reports()
        self.add_mod_actions()
        self.add_notifications()
        self.add_reading_and_following()
        self.add_stars_and_events()
        self.session.flush()
        self.count_boards()
        self.count_members()

    # -- people

    def add_members(self) -> None:
        personas = {seed.username for seed in content.PERSONAS}
        for seed in (*content.PERSONAS, *content.MEMBERS):
            _check(seed.username not in self.members, f"member {seed.username} twice")
            member = Member(
                username=seed.username,
                username_key=fold_name(seed.username),
                display_name=seed.display_name,
                password_hash=self.password_hash,
                role=seed.role,
                staff_title=seed.staff_title,
                legend=seed.legend,
                star_level=seed.star_level,
                pronouns=seed.pronouns,
                birth_date=date(*seed.birth_date) if seed.birth_date else None,
                email=f"{seed.username}@example.com",
                email_verified=seed.email_verified,
                pm_enabled=seed.pm_enabled,
                bio=seed.bio,
                is_demo_persona=seed.username in personas,
                persona_blurb=seed.blurb,
                created_at=_ago(seed.joined_days_ago),
            )
            self.session.add(member)
            self.members[seed.username] = member
            self.seeds[seed.username] = seed
        self.session.flush()
        self.usernames = {member.id: name for name, member in self.members.items()}

    def member(self, username: str) -> Member:
        _check(username in self.members, f"unknown member {username!r}")
        return self.members[username]

    def active(self, username: str, when: datetime, what: str) -> Member:
        """The member doing something at ``when``: they must have joined by then."""
        member = self.member(username)
        _check(when <= DEMO_NOW, f"{what} is after DEMO_NOW")
        _check(member.created_at <= when, f"{what} by {username} is before they joined")
        if when > self.last_seen.get(username, member.created_at):
            self.last_seen[username] = when
        return member

    def age(self, member: Member) -> int:
        born = member.birth_date
        if born is None:
            return 0
        today = DEMO_NOW.date()
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    # -- threads, posts, likes

    def all_threads(self):
        yield from content.HELP_THREADS
        yield from content.CHAT_THREADS
        yield from content.FAQS
        yield from content.BLOG_POSTS
        yield from content.VAULT
        yield from content.STARS_THREADS
        for idea in (*content.IDEAS, content.VAULT_IDEA):
            yield idea.thread
        for issue in content.ISSUES:
            yield issue.thread

    def add_thread(self, seed: content.ThreadSeed) -> None:
        _check(seed.key not in self.threads, f"thread key {seed.key} twice")
        _check(seed.board in self.boards, f"{seed.key}: unknown board {seed.board}")
        board = self.boards[seed.board]
        started = _ago(seed.days_ago)
        author = self.active(seed.author, started, f"thread {seed.key}")
        self.check_may_write(board, author, seed.key, opening=True)
        thread = Thread(
            board_id=board.id,
            author_id=author.id,
            title=seed.title,
            created_at=started,
            last_activity_at=started,
            floated=seed.floated,
            locked=seed.locked,
            origin_board_id=self.boards[seed.origin].id if seed.origin else None,
        )
        self.session.add(thread)
        self.session.flush()
        self.threads[seed.key] = thread
        self.session.add_all(ThreadTag(thread_id=thread.id, tag=tag) for tag in seed.tags)

        opening = content.Reply(seed.author, 0, seed.body, seed.likes)
        previous = started
        for position, reply in enumerate((opening, *seed.replies), start=1):
            when = (started + timedelta(hours=reply.hours)).replace(microsecond=0)
            what = f"{seed.key} post {position}"
            _check(when >= previous, f"{what} is earlier than the post before it")
            previous = when
            post_author = self.active(reply.author, when, what)
            _check(post_author.email_verified, f"{what}: {reply.author} has no verified email")
            if position > 1:
                self.check_may_write(board, post_author, what, opening=False)
            post = Post(
                thread_id=thread.id,
                position=position,
                author_id=post_author.id,
                body=prose(reply.body),
                created_at=when,
            )
            self.session.add(post)
            self.posts[(seed.key, position)] = post
            self.activity[reply.author]["replies" if position > 1 else "opening"] += 1
        self.session.flush()

        last = self.posts[(seed.key, len(seed.replies) + 1)]
        thread.post_count = last.position
        thread.last_activity_at = last.created_at
        thread.last_post_id = last.id
        thread.last_poster_id = last.author_id
        for position, reply in enumerate((opening, *seed.replies), start=1):
            self.add_likes(self.posts[(seed.key, position)], reply, board, f"{seed.key}#{position}")
        thread.like_count = sum(
            self.posts[(seed.key, p)].like_count for p in range(1, last.position + 1)
        )
        if seed.solution is not None:
            _check(1 < seed.solution <= last.position, f"{seed.key}: no post {seed.solution}")
            solution = self.posts[(seed.key, seed.solution)]
            _check(solution.author_id != author.id, f"{seed.key}: solution by the asker")
            thread.solution_post_id = solution.id
            self.activity[self.username_of(solution.author_id)]["solutions"] += 1
        thread.view_count = seed.views or _views(thread)

    def add_likes(self, post: Post, reply: content.Reply, board: Board, what: str) -> None:
        likers = _names(reply.likes)
        _check(len(set(likers)) == len(likers), f"{what}: a member likes twice")
        room = DEMO_NOW - post.created_at
        for index, username in enumerate(likers):
            _check(username != reply.author, f"{what}: {username} likes their own post")
            gap = min(timedelta(hours=1.5 * (index + 1)), room * (index + 1) / (len(likers) + 1))
            liker = self.member(username)
            when = max(post.created_at + gap, liker.created_at + timedelta(hours=1))
            self.active(username, when.replace(microsecond=0), f"{what} like")
            self.check_may_read(board, liker, what)
            self.session.add(
                Like(post_id=post.id, member_id=liker.id, created_at=when.replace(microsecond=0))
            )
            self.activity[username]["likes_given"] += 1
            self.activity[reply.author]["likes_received"] += 1
        post.like_count = len(likers)

    def username_of(self, member_id: int) -> str:
        return self.usernames[member_id]

    def check_may_read(self, board: Board, member: Member, what: str) -> None:
        if board.kind == "star_only":
            _check(
                member.role in ("star", *MODERATING_ROLES),
                f"{what}: {member.username} can't see a Star-only board",
            )

    def check_may_write(self, board: Board, member: Member, what: str, *, opening: bool) -> None:
        self.check_may_read(board, member, what)
        if board.kind == "faq":
            _check(member.role in MODERATING_ROLES, f"{what}: FAQs are written by staff")
        if board.kind == "blog" and opening:
            _check(member.role == "staff", f"{what}: blog posts are written by staff")

    # -- ideas

    def add_ideas(self) -> None:
        votes: dict[str, dict[str, datetime]] = {}
        ideas = (*content.IDEAS, content.VAULT_IDEA)
        for idea in ideas:
            key = idea.thread.key
            thread = self.threads[key]
            board = self.boards[idea.thread.board]
            _check(idea.label in self.community.idea_labels, f"{key}: unknown label")
            _check(thread.title.startswith(f"[{idea.label}] "), f"{key}: subject needs [label]")
            status = idea.steps[-1].status if idea.steps else "live"
            self.community.idea_status(status)  # KeyError for an unknown status
            closed = status in CLOSED_IDEA_STATUSES
            if board.kind != "vault":
                expected = "closed_ideas" if closed else "ideas"
                _check(board.kind == expected, f"{key}: a {status} idea belongs in {expected}")
            if board.kind == "closed_ideas":
                thread.origin_board_id = self.boards["idea-submissions"].id
            _check(
                (status == "closed") == (idea.failed_requirement is not None),
                f"{key}: a failed requirement goes with (only) the closed status",
            )
            self.activity[idea.thread.author]["opening"] -= 1
            self.activity[idea.thread.author]["ideas"] += 1
            self.add_status_steps(thread, idea.steps, "idea", key)
            if idea.merged_into:
                self.mod_action(
                    idea.steps[-1].actor,
                    "merge",
                    "thread",
                    thread.id,
                    idea.steps[-1].note,
                    _ago(idea.steps[-1].days_ago),
                    into=self.threads[idea.merged_into].id,
                )
            ends = [_ago(s.days_ago) for s in idea.steps if s.status in CLOSED_IDEA_STATUSES]
            votes[key] = self.spread(
                idea.thread.author,
                idea.voters,
                thread.created_at,
                ends[0] if ends else DEMO_NOW,
                key,
            )
            self.session.add(
                IdeaDetail(
                    thread_id=thread.id,
                    label=idea.label,
                    status=status,
                    status_note=idea.steps[-1].note if idea.steps else None,
                    failed_requirement=idea.failed_requirement,
                    merged_into_id=self.threads[idea.merged_into].id if idea.merged_into else None,
                )
            )
        # Merging moves a duplicate's votes to the survivor, nobody counted twice.
        for idea in ideas:
            if idea.merged_into:
                survivor = votes[idea.merged_into]
                author = self.threads[idea.merged_into].author_id
                for username, when in votes.pop(idea.thread.key).items():
                    if username not in survivor and self.member(username).id != author:
                        survivor[username] = when
                votes[idea.thread.key] = {}
        self.session.flush()
        for idea in ideas:
            key = idea.thread.key
            thread = self.threads[key]
            for username, when in votes[key].items():
                self.session.add(
                    Vote(thread_id=thread.id, member_id=self.member(username).id, created_at=when)
                )
                self.activity[username]["idea_votes"] += 1
            thread.vote_count = len(votes[key])
            self.session.get(IdeaDetail, thread.id).vote_count = len(votes[key])

    def spread(self, author: str, voters: str, start: datetime, end: datetime, what: str):
        """Vote times spread evenly between ``start`` and ``end``, after each voter joined."""
        names = _names(voters)
        _check(len(set(names)) == len(names), f"{what}: a member votes twice")
        result = {}
        for index, username in enumerate(names):
            _check(username != author, f"{what}: {username} votes on their own thread")
            when = start + (end - start) * (index + 1) / (len(names) + 1)
            when = max(when, self.member(username).created_at + timedelta(hours=2))
            _check(when <= end, f"{what}: {username} joined too late to vote")
            when = when.replace(microsecond=0)
            self.active(username, when, f"{what} vote")
            result[username] = when
        return result

    def add_status_steps(self, thread: Thread, steps, kind: str, what: str) -> None:
        previous = None
        for step in steps:
            when = _ago(step.days_ago)
            actor = self.active(step.actor, when, f"{what} status {step.status}")
            _check(
                actor.role in ("star", *MODERATING_ROLES) or actor.legend == "staff",
                f"{what}: {step.actor} may not set statuses",
            )
            _check(when >= thread.created_at, f"{what}: status before the thread")
            self.session.add(
                StatusChange(
                    thread_id=thread.id,
                    kind=kind,
                    status=step.status,
                    note=step.note,
                    actor_id=actor.id,
                    created_at=when,
                )
            )
            if kind == "issue" and step.status == "new":
                origin = self.session.get(Board, thread.origin_board_id)
                action, detail = "move", {"from": origin.slug, "to": "ongoing-issues"}
            else:
                action = "close_idea" if step.status == "closed" else "set_status"
                detail = {"status": step.status, "previous": previous}
            self.mod_action(step.actor, action, "thread", thread.id, step.note, when, **detail)
            previous = step.status

    # -- Ongoing Issues

    def add_issues(self) -> None:
        for issue in content.ISSUES:
            key = issue.thread.key
            thread = self.threads[key]
            _check(self.boards[issue.thread.board].kind == "ongoing_issues", key)
            _check(issue.thread.origin is not None, f"{key}: needs the Help board it came from")
            _check(self.boards[issue.thread.origin].kind == "help", f"{key}: origin not Help")
            _check(issue.steps[0].status == "new", f"{key}: the first status is 'new'")
            for step in issue.steps:
                self.community.issue_status(step.status)
                _check(self.member(step.actor).role in MODERATING_ROLES, f"{key}: {step.actor}")
            self.add_status_steps(thread, issue.steps, "issue", key)
            thread.issue_status = issue.steps[-1].status
            voters = self.spread(
                issue.thread.author, issue.me_too, thread.created_at, DEMO_NOW, key
            )
            for username, when in voters.items():
                self.session.add(
                    Vote(thread_id=thread.id, member_id=self.member(username).id, created_at=when)
                )
            thread.vote_count = len(voters)

    def archive_vault(self) -> None:
        actor, days = content.ARCHIVED_BY
        for seed in (*content.VAULT, content.VAULT_IDEA.thread):
            thread = self.threads[seed.key]
            _check(seed.origin is not None, f"{seed.key}: needs the board it came from")
            when = max(thread.last_activity_at + timedelta(days=30), _ago(days))
            self.mod_action(
                actor, "archive", "thread", thread.id, "Older content.", when, origin=seed.origin
            )

    def add_edits_and_removals(self) -> None:
        for edit in content.EDITS:
            post = self.posts[(edit.thread, edit.position)]
            post.edited_at = post.created_at + timedelta(hours=edit.hours_later)
            _check(post.edited_at <= DEMO_NOW, f"{edit.thread}: edited after DEMO_NOW")
            _check(edit.old_title is None or edit.position == 1, "titles live on post 1")
            self.session.add(
                PostRevision(
                    post_id=post.id,
                    editor_id=post.author_id,
                    title=edit.old_title,
                    body=prose(edit.old_body),
                    created_at=post.edited_at,  # when the edit was made (see PostRevision)
                )
            )
        for removal in content.REMOVALS:
            post = self.posts[(removal.thread, removal.position)]
            post.removed = True
            post.removed_reason = removal.reason

    # -- private messages

    def add_conversations(self) -> None:
        minimum = self.community.limits.pm_min_age
        for seed in content.CONVERSATIONS:
            members = [self.member(name) for name in seed.members]
            for member in members:
                _check(member.pm_enabled, f"{seed.key}: {member.username} has messages off")
                _check(self.age(member) >= minimum, f"{seed.key}: {member.username} is under age")
            times = [_ago(days) for _, days, _ in seed.messages]
            _check(times == sorted(times), f"{seed.key}: messages out of order")
            conversation = Conversation(
                subject=seed.subject,
                created_at=times[0],
                last_message_at=times[-1],
                message_count=len(seed.messages),
            )
            self.session.add(conversation)
            self.session.flush()
            messages = []
            for (author, _, body), when in zip(seed.messages, times, strict=True):
                _check(author in seed.members, f"{seed.key}: {author} is not in it")
                self.active(author, when, f"{seed.key} message")
                message = Message(
                    conversation_id=conversation.id,
                    author_id=self.member(author).id,
                    body=prose(body),
                    created_at=when,
                )
                self.session.add(message)
                messages.append(message)
            self.conversations[seed.key] = messages
            last_author = seed.messages[-1][0]
            for member in members:
                unread = member.username in _names(seed.unread_by)
                _check(not unread or member.username != last_author, f"{seed.key}: own message")
                read_at = times[-1]
                if unread:
                    read_at = times[-2] if len(times) > 1 else None
                self.session.add(
                    ConversationMember(
                        conversation_id=conversation.id, member_id=member.id, last_read_at=read_at
                    )
                )
        self.session.flush()

    # -- moderation

    def add_reports(self) -> None:
        for seed in content.REPORTS:
            kind, key, index = seed.target
            if kind == "post":
                post = self.posts[(key, index)]
                target = {"post_id": post.id}
                author_id, posted = post.author_id, post.created_at
            else:
                message = self.conversations[key][index]
                target = {"message_id": message.id}
                author_id, posted = message.author_id, message.created_at
            when = _ago(seed.days_ago)
            _check(when >= posted, f"report on {key} before the content existed")
            reporter = None
            if seed.reporter:
                reporter = self.active(seed.reporter, when, f"report on {key}")
            report = Report(
                reporter_id=reporter.id if reporter else None,
                author_id=author_id,
                reason=seed.reason,
                guideline_number=seed.guideline,
                automatic=seed.reporter is None,
                status=seed.status,
                outcome=seed.outcome,
                created_at=when,
                **target,
            )
            if seed.status != "open":
                report.resolved_by_id = self.member(seed.resolved_by).id
                report.resolved_at = _ago(seed.resolved_days_ago)
                _check(report.resolved_at >= when, f"report on {key} resolved before it came")
            if seed.status == "upheld":
                self.activity[self.username_of(author_id)]["upheld_reports"] += 1
            self.session.add(report)
            self.reports.append(report)
        self.session.flush()

    def add_mod_actions(self) -> None:
        for seed in content.MOD_ACTIONS:
            kind, *where = seed.target
            if kind == "thread":
                target_id = self.threads[where[0]].id
            elif kind == "post":
                target_id = self.posts[(where[0], where[1])].id
            elif kind == "member":
                target_id = self.member(where[0]).id
            else:
                report = self.reports[where[0]]
                _check(report.status != "open", f"{seed.action} on an open report")
                target_id = report.id
            self.mod_action(
                seed.actor, seed.action, kind, target_id, seed.reason, _ago(seed.days_ago)
            )

    def mod_action(
        self,
        actor: str,
        action: str,
        target_kind: str,
        target_id: int,
        reason: str,
        when: datetime,
        **detail,
    ) -> None:
        member = self.active(actor, when, f"{action} on {target_kind} {target_id}")
        _check(
            member.role in ("star", *MODERATING_ROLES) or member.legend == "staff",
            f"{actor} may not {action}",
        )
        self.session.add(
            ModAction(
                actor_id=member.id,
                action=action,
                target_kind=target_kind,
                target_id=target_id,
                reason=reason[:400],
                created_at=when,
                detail=json.dumps(detail, sort_keys=True),
            )
        )

    def add_notifications(self) -> None:
        for seed in content.NOTIFICATIONS:
            when = _ago(seed.days_ago)
            member = self.active(seed.member, when, f"notification for {seed.member}")
            post = self.posts[(seed.thread, seed.position)] if seed.position else None
            if seed.thread:
                about = post.created_at if post else self.threads[seed.thread].created_at
                _check(when >= about, f"notification for {seed.member} before {seed.thread}")
            self.session.add(
                Notification(
                    member_id=member.id,
                    kind=seed.kind,
                    actor_id=self.member(seed.actor).id if seed.actor else None,
                    thread_id=self.threads[seed.thread].id if seed.thread else None,
                    post_id=post.id if post else None,
                    text=seed.text,
                    created_at=when,
                    read_at=min(when + timedelta(hours=1), DEMO_NOW) if seed.read else None,
                )
            )

    # -- following and reading

    def add_reading_and_following(self) -> None:
        for username, kind, target in content.SUBSCRIPTIONS:
            member = self.member(username)
            when = member.created_at + timedelta(days=1)
            if kind == "board":
                target_id = self.boards[target].id
            elif kind == "thread":
                thread = self.threads[target]
                target_id, when = thread.id, max(when, thread.created_at + timedelta(hours=1))
            elif kind == "post":
                post = self.posts[target]
                target_id, when = post.id, max(when, post.created_at + timedelta(hours=1))
            else:
                target_id = 0
            self.session.add(
                Subscription(
                    member_id=member.id,
                    target_kind=kind,
                    target_id=target_id,
                    created_at=min(when, DEMO_NOW),
                )
            )
        for username, slug, days in content.BOARD_VISITS:
            when = _ago(days)
            member = self.active(username, when, f"visit to {slug}")
            self.session.add(
                BoardVisit(
                    member_id=member.id,
                    board_id=self.boards[slug].id,
                    last_visit_at=when,
                    all_read_at=when,
                )
            )
        for username, key, position in content.READ_THREADS:
            thread = self.threads[key]
            position = position or thread.post_count
            read = self.posts[(key, position)].created_at + timedelta(minutes=30)
            member = self.active(username, min(read, DEMO_NOW), f"reading {key}")
            self.session.add(
                ReadMark(
                    member_id=member.id,
                    thread_id=thread.id,
                    last_read_position=position,
                    read_at=min(read, DEMO_NOW),
                )
            )

    # -- Stars and events

    def add_stars_and_events(self) -> None:
        for username, days, points, reason in content.STAR_POINTS:
            member = self.active(username, _ago(days), "star points")
            _check(member.role == "star", f"star points for {username}, not a Star")
            self.session.add(
                StarPoints(member_id=member.id, points=points, reason=reason, created_at=_ago(days))
            )
        for seed in content.STAR_APPLICATIONS:
            member = self.active(seed.member, _ago(seed.days_ago), "Stars application")
            decided_by = self.member(seed.decided_by).id if seed.decided_by else None
            self.session.add(
                StarApplication(
                    member_id=member.id,
                    body=prose(seed.body),
                    status=seed.status,
                    created_at=_ago(seed.days_ago),
                    decided_by_id=decided_by,
                    decided_at=_ago(seed.decided_days_ago) if seed.decided_by else None,
                )
            )
        for seed in content.EVENTS:
            event = Event(
                title=seed.title,
                description=seed.description,
                starts_at=_ago(seed.days_ago),
                star_only=seed.star_only,
            )
            self.session.add(event)
            self.session.flush()
            for username in _names(seed.attendees):
                member = self.active(username, event.starts_at, seed.title)
                if seed.star_only:
                    _check(member.role in ("star", *MODERATING_ROLES), f"{username}: Stars only")
                self.session.add(EventAttendance(event_id=event.id, member_id=member.id))
                self.activity[username]["events"] += 1

    # -- counters

    def count_boards(self) -> None:
        for board in self.boards.values():
            threads = [t for t in self.threads.values() if t.board_id == board.id]
            board.thread_count = len(threads)
            board.post_count = sum(t.post_count for t in threads)
            board.last_activity_at = max((t.last_activity_at for t in threads), default=None)

    def count_members(self) -> None:
        for username, member in self.members.items():
            earlier = self.seeds[username].earlier
            done = self.activity[username]
            member.thread_count = earlier.threads + done["opening"]
            member.reply_count = earlier.replies + done["replies"]
            member.solution_count = earlier.solutions + done["solutions"]
            member.likes_given = earlier.likes_given + done["likes_given"]
            member.likes_received = earlier.likes_received + done["likes_received"]
            member.idea_count = earlier.ideas + done["ideas"]
            member.idea_votes_given = earlier.idea_votes + done["idea_votes"]
            member.events_attended = earlier.events + done["events"]
            member.upheld_reports = earlier.upheld_reports + done["upheld_reports"]
            member.rank = rank_title(
                self.community,
                role=member.role,
                staff_title=member.staff_title,
                legend=member.legend,
                star_level=member.star_level,
                metrics=member_metrics(member, DEMO_NOW),
            )
            member.avatar = self.avatar_for(member)
            seen = self.last_seen.get(username, member.created_at)
            if member.is_demo_persona:
                seen = max(seen, DEMO_NOW - timedelta(hours=2))
            member.last_seen_at = seen

    def avatar_for(self, member: Member) -> str:
        ranks = self.community.ranks
        for rank in ranks.member:
            if rank.name == member.rank:
                return rank.avatars[0]
        if member.role == "star":
            top = member.rank == ranks.top_star
            return ranks.star_avatars[min(1 if top else 0, len(ranks.star_avatars) - 1)]
        return ranks.member[-1].avatars[0]


def _views(thread: Thread) -> int:
    """A believable, deterministic view count."""
    return 14 * thread.post_count + 6 * thread.like_count + (thread.id * 37) % 90 + 20
