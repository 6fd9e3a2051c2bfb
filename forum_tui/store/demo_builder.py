"""The demo builder (``demo.build_demo``): members, threads, posts and likes, and every
counter at the end; each family of the rest of the content has its own part, mixed in:
ideas and Ongoing Issues (``demo_ideas``), moderation history (``demo_moderation``),
private messages, notifications, reading, following, Stars and events (``demo_activity``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from forum_tui.rules.ranks import rank_title
from forum_tui.rules.text import fold_name
from forum_tui.store import demo_content as content
from forum_tui.store.convert import member_metrics
from forum_tui.store.demo_activity import EverydayActivity
from forum_tui.store.demo_basics import (
    DEMO_NOW,
    MODERATING_ROLES,
    ago,
    check,
    names_in,
    prose,
)
from forum_tui.store.demo_ideas import IdeasAndIssues
from forum_tui.store.demo_moderation import ModerationHistory
from forum_tui.store.models import (
    Board,
    Like,
    Member,
    Message,
    Post,
    Report,
    Thread,
    ThreadTag,
)


class DemoBuilder(IdeasAndIssues, ModerationHistory, EverydayActivity):
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
            check(seed.username not in self.members, f"member {seed.username} twice")
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
                created_at=ago(seed.joined_days_ago),
            )
            self.session.add(member)
            self.members[seed.username] = member
            self.seeds[seed.username] = seed
        self.session.flush()
        self.usernames = {member.id: name for name, member in self.members.items()}

    def member(self, username: str) -> Member:
        check(username in self.members, f"unknown member {username!r}")
        return self.members[username]

    def active(self, username: str, when: datetime, what: str) -> Member:
        """The member doing something at ``when``: they must have joined by then."""
        member = self.member(username)
        check(when <= DEMO_NOW, f"{what} is after DEMO_NOW")
        check(member.created_at <= when, f"{what} by {username} is before they joined")
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
        check(seed.key not in self.threads, f"thread key {seed.key} twice")
        check(seed.board in self.boards, f"{seed.key}: unknown board {seed.board}")
        board = self.boards[seed.board]
        started = ago(seed.days_ago)
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
            check(when >= previous, f"{what} is earlier than the post before it")
            previous = when
            post_author = self.active(reply.author, when, what)
            check(post_author.email_verified, f"{what}: {reply.author} has no verified email")
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
            check(1 < seed.solution <= last.position, f"{seed.key}: no post {seed.solution}")
            solution = self.posts[(seed.key, seed.solution)]
            check(solution.author_id != author.id, f"{seed.key}: solution by the asker")
            thread.solution_post_id = solution.id
            self.activity[self.username_of(solution.author_id)]["solutions"] += 1
        thread.view_count = seed.views or _views(thread)

    def add_likes(self, post: Post, reply: content.Reply, board: Board, what: str) -> None:
        likers = names_in(reply.likes)
        check(len(set(likers)) == len(likers), f"{what}: a member likes twice")
        room = DEMO_NOW - post.created_at
        for index, username in enumerate(likers):
            check(username != reply.author, f"{what}: {username} likes their own post")
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
            check(
                member.role in ("star", *MODERATING_ROLES),
                f"{what}: {member.username} can't see a Star-only board",
            )

    def check_may_write(self, board: Board, member: Member, what: str, *, opening: bool) -> None:
        self.check_may_read(board, member, what)
        if board.kind == "faq":
            check(member.role in MODERATING_ROLES, f"{what}: FAQs are written by staff")
        if board.kind == "blog" and opening:
            check(member.role == "staff", f"{what}: blog posts are written by staff")

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
