"""The demo community: complete, consistent, deterministic, and rebuilt only on request."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from forum_tui.rules.community import default_community
from forum_tui.store import demo_content as content
from forum_tui.store.convert import member_metrics
from forum_tui.store.demo import DEMO_NOW, build_demo, prose
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import (
    Board,
    Conversation,
    ConversationMember,
    IdeaDetail,
    Like,
    Member,
    Message,
    Post,
    PostRevision,
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

COMMUNITY = default_community()
ALL_SEEDS = (*content.PERSONAS, *content.MEMBERS)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One demo database shared by the read-only tests of this module."""
    from forum_tui.store.forum import open_forum

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    forum = open_forum(f"sqlite:///{path}", clock=lambda: DEMO_NOW)
    summary = build_demo(forum)
    yield forum, summary
    forum.close()


@pytest.fixture
def session(demo):
    forum, _ = demo
    with Session(forum.engine) as session:
        yield session


def _board_ids(session, kind=None):
    query = select(Board.slug, Board.id)
    if kind:
        query = query.where(Board.kind == kind)
    return dict(session.exec(query).all())


def _age(birth, today):
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


# ------------------------------------------------------------------ every area has content


def test_every_board_has_threads(session):
    counts = dict(
        session.exec(
            select(Board.slug, func.count(Thread.id))
            .join(Thread, Thread.board_id == Board.id, isouter=True)
            .group_by(Board.id)
        ).all()
    )
    assert set(counts) == {board.slug for board in COMMUNITY.boards}
    assert all(count > 0 for count in counts.values()), counts


@pytest.mark.parametrize("kind, low, high", [("help", 5, 8), ("chat", 4, 6)], ids=["help", "chat"])
def test_help_and_chat_boards_have_floated_threads_and_replies(session, kind, low, high):
    for slug, board_id in _board_ids(session, kind).items():
        threads = session.exec(select(Thread).where(Thread.board_id == board_id)).all()
        assert low <= len(threads) <= high, slug
        assert any(thread.floated for thread in threads), f"{slug} has no floated thread"
        if kind == "help":
            assert all(2 <= thread.post_count - 1 <= 12 for thread in threads), slug
            assert sum(thread.solution_post_id is not None for thread in threads) >= 2, slug


def test_every_idea_and_issue_status_is_shown(session):
    idea_statuses = set(session.exec(select(IdeaDetail.status)).all())
    assert idea_statuses == {status.key for status in COMMUNITY.idea_statuses}
    issue_statuses = session.exec(
        select(Thread.issue_status).where(Thread.issue_status.is_not(None))
    )
    assert sorted(issue_statuses.all()) == sorted(s.key for s in COMMUNITY.issue_statuses)


def test_ideas_follow_the_idea_exchange(session):
    boards = {board.id: board for board in session.exec(select(Board))}
    ideas = session.exec(
        select(IdeaDetail, Thread).join(Thread, Thread.id == IdeaDetail.thread_id)
    ).all()
    assert len(ideas) >= 14
    for idea, thread in ideas:
        assert idea.label in COMMUNITY.idea_labels
        assert thread.title.startswith(f"[{idea.label}] ")
        closed = COMMUNITY.idea_status(idea.status).closed
        kind = boards[thread.board_id].kind
        assert kind == "vault" or kind == ("closed_ideas" if closed else "ideas"), thread.title
        assert (idea.status == "closed") == (idea.failed_requirement is not None)
        if idea.status != "live":
            changes = session.exec(
                select(StatusChange).where(StatusChange.thread_id == thread.id)
            ).all()
            assert changes and changes[-1].status == idea.status and idea.status_note
    merged = [(idea, thread) for idea, thread in ideas if idea.merged_into_id]
    assert len(merged) == 1
    assert merged[0][0].vote_count == 0


def test_ongoing_issues_came_from_help_and_have_history(session):
    help_ids = set(_board_ids(session, "help").values())
    issues = session.exec(select(Thread).where(Thread.issue_status.is_not(None))).all()
    for issue in issues:
        assert issue.origin_board_id in help_ids
        history = session.exec(
            select(StatusChange.status)
            .where(StatusChange.thread_id == issue.id, StatusChange.kind == "issue")
            .order_by(StatusChange.created_at)
        ).all()
        assert history[0] == "new" and history[-1] == issue.issue_status
        assert issue.vote_count > 0


def test_faqs_blog_vault_and_stars(session):
    boards = {board.id: board for board in session.exec(select(Board))}
    by_kind = Counter()
    for thread in session.exec(select(Thread)):
        kind = boards[thread.board_id].kind
        by_kind[kind] += 1
        opening = session.exec(
            select(Post).where(Post.thread_id == thread.id, Post.position == 1)
        ).one()
        if kind == "faq":
            assert opening.body.endswith("\n" + content.FAQ_FOOTER)
            assert session.exec(select(ThreadTag).where(ThreadTag.thread_id == thread.id)).all()
        if kind == "vault":
            assert thread.origin_board_id is not None
    assert by_kind["faq"] >= 6 and 3 <= by_kind["blog"] <= 4 and by_kind["vault"] >= 4
    blog_subscribers = session.exec(
        select(Subscription).where(Subscription.target_kind == "blog", Subscription.target_id == 0)
    ).all()
    assert len(blog_subscribers) >= 3
    statuses = set(session.exec(select(StarApplication.status)).all())
    assert statuses == {"pending", "accepted", "declined"}
    assert session.exec(select(func.count(StarPoints.id))).one() >= 10


def test_reports_fill_the_queue_with_different_kinds(session):
    open_reports = session.exec(select(Report).where(Report.status == "open")).all()
    assert len(open_reports) >= 10
    assert len({report.reason for report in open_reports}) >= 6
    assert any(r.automatic and r.reporter_id is None for r in open_reports)
    assert any(r.message_id is not None for r in open_reports)
    assert any(
        r.reason == "Please delete my post" and r.reporter_id == r.author_id for r in open_reports
    )
    resolved = session.exec(select(Report).where(Report.status != "open")).all()
    assert resolved and all(r.resolved_by_id and r.resolved_at for r in resolved)


def test_private_messages_respect_the_rules(session):
    today = DEMO_NOW.date()
    unread = 0
    for conversation in session.exec(select(Conversation)):
        members = session.exec(
            select(Member, ConversationMember)
            .join(ConversationMember, ConversationMember.member_id == Member.id)
            .where(ConversationMember.conversation_id == conversation.id)
        ).all()
        for member, mark in members:
            assert member.pm_enabled
            assert _age(member.birth_date, today) >= COMMUNITY.limits.pm_min_age
            if mark.last_read_at is None or mark.last_read_at < conversation.last_message_at:
                unread += 1
    assert unread >= 2


def test_tricky_text_is_stored_literally(session):
    bodies = session.exec(select(Post.body)).all()
    assert any("[bold]this[/bold]" in body for body in bodies)
    assert any("```" in body for body in bodies)
    assert any("\u200d" in body for body in bodies)  # an emoji ZWJ sequence


def test_chat_links_are_never_repeated(session):
    chat = set(_board_ids(session, "chat").values())
    bodies = session.exec(select(Post.body).join(Thread).where(Thread.board_id.in_(chat))).all()
    uris = [uri for body in bodies for uri in re.findall(r"spotify:\w+:\w+", body)]
    assert len(uris) >= 10
    assert len(uris) == len(set(uris))
    assert all(
        re.fullmatch(r"spotify:(track|album|playlist|episode|show):[0-9A-Za-z]{22}", u)
        for u in uris
    )


def test_edits_and_removals_leave_a_trace(session):
    edited = session.exec(select(Post).where(Post.edited_at.is_not(None))).all()
    assert len(edited) >= 2
    for post in edited:
        assert session.exec(select(PostRevision).where(PostRevision.post_id == post.id)).all()
    removed = session.exec(select(Post).where(Post.removed)).all()
    assert removed and all(post.removed_reason for post in removed)
    assert session.exec(select(Thread).where(Thread.locked)).all()


# ------------------------------------------------------------------ people


def test_personas_have_their_roles_and_ranks(session):
    members = {m.username: m for m in session.exec(select(Member))}
    assert len(members) == len(ALL_SEEDS) >= 35
    for seed in ALL_SEEDS:
        member = members[seed.username]
        assert member.rank == seed.rank, seed.username
        assert member.role == seed.role
        assert member.is_demo_persona == (seed in content.PERSONAS)
    personas = [m for m in members.values() if m.is_demo_persona]
    assert all(m.persona_blurb for m in personas)
    ranks = {m.rank for m in personas}
    stars = COMMUNITY.stars.rising_star_levels
    assert {"Visitor", "Composer", "Rising Star 2", "Spotify Star", "Community Legend"} <= ranks
    assert {"Moderator", "Community Manager"} <= ranks
    roles = Counter(m.role for m in personas)
    assert roles["moderator"] >= 1 and roles["staff"] >= 1 and roles["star"] >= 2
    assert any(m.role == "star" and m.star_level == stars + 1 for m in personas)
    today = DEMO_NOW.date()
    assert any(_age(m.birth_date, today) == 16 for m in personas)
    assert any(not m.pm_enabled and _age(m.birth_date, today) >= 18 for m in personas)
    assert any(re.search(r"[\U0001F300-\U0001FAFF]", m.display_name) for m in personas)
    newcomer = members["noah"]
    assert not newcomer.email_verified and (DEMO_NOW - newcomer.created_at).days == 1


def test_member_counters_match_their_content(session):
    """Counters are the content plus ``earlier`` activity; ranks follow from them."""
    from forum_tui.rules.ranks import rank_title

    seeds = {seed.username: seed for seed in ALL_SEEDS}
    ideas = select(IdeaDetail.thread_id)
    for member in session.exec(select(Member)):
        earlier = seeds[member.username].earlier

        def count(query, member=member):
            return session.exec(query).one()

        opened = count(
            select(func.count(Thread.id)).where(
                Thread.author_id == member.id, Thread.id.not_in(ideas)
            )
        )
        replies = count(
            select(func.count(Post.id)).where(Post.author_id == member.id, Post.position > 1)
        )
        given = count(select(func.count()).select_from(Like).where(Like.member_id == member.id))
        received = count(
            select(func.count()).select_from(Like).join(Post).where(Post.author_id == member.id)
        )
        votes = count(
            select(func.count())
            .select_from(Vote)
            .where(Vote.member_id == member.id, Vote.thread_id.in_(ideas))
        )
        assert member.thread_count == earlier.threads + opened, member.username
        assert member.reply_count == earlier.replies + replies, member.username
        assert member.likes_given == earlier.likes_given + given, member.username
        assert member.likes_received == earlier.likes_received + received, member.username
        assert member.idea_votes_given == earlier.idea_votes + votes, member.username
        assert member.rank == rank_title(
            COMMUNITY,
            role=member.role,
            staff_title=member.staff_title,
            legend=member.legend,
            star_level=member.star_level,
            metrics=member_metrics(member, DEMO_NOW),
        )


def test_demo_members_sign_in_with_the_demo_password(demo):
    forum, _ = demo
    assert forum.is_demo()
    viewer = forum.sign_in("mia", COMMUNITY.demo_password)
    assert viewer.display_name == "Mia 🎧✨"
    with Session(forum.engine) as session:
        hashes = set(session.exec(select(Member.password_hash)).all())
        assert len(hashes) == 1  # hashed once, shared by every demo member
        assert session.get(Setting, "demo").value == "yes"


# ------------------------------------------------------------------ counters


def test_board_counters_match_their_threads(session):
    for board in session.exec(select(Board)):
        threads, posts, last = session.exec(
            select(
                func.count(Thread.id),
                func.sum(Thread.post_count),
                func.max(Thread.last_activity_at),
            ).where(Thread.board_id == board.id)
        ).one()
        counted_posts = session.exec(
            select(func.count(Post.id)).join(Thread).where(Thread.board_id == board.id)
        ).one()
        assert (board.thread_count, board.post_count) == (threads, counted_posts), board.slug
        assert posts == counted_posts and board.last_activity_at == last


def test_thread_and_post_counters_match_their_rows(session):
    likes = dict(session.exec(select(Like.post_id, func.count()).group_by(Like.post_id)).all())
    votes = dict(session.exec(select(Vote.thread_id, func.count()).group_by(Vote.thread_id)).all())
    for thread in session.exec(select(Thread)):
        posts = session.exec(
            select(Post).where(Post.thread_id == thread.id).order_by(Post.position)
        ).all()
        assert [p.position for p in posts] == list(range(1, len(posts) + 1)), thread.title
        assert [p.created_at for p in posts] == sorted(p.created_at for p in posts)
        assert thread.post_count == len(posts)
        assert thread.created_at == posts[0].created_at
        assert thread.last_post_id == posts[-1].id
        assert thread.last_poster_id == posts[-1].author_id
        assert thread.last_activity_at == posts[-1].created_at <= DEMO_NOW
        for post in posts:
            assert post.like_count == likes.get(post.id, 0)
        assert thread.like_count == sum(p.like_count for p in posts)
        assert thread.vote_count == votes.get(thread.id, 0)
        if thread.solution_post_id:
            solution = next(p for p in posts if p.id == thread.solution_post_id)
            assert solution.position > 1 and solution.author_id != thread.author_id
    for idea in session.exec(select(IdeaDetail)):
        assert idea.vote_count == votes.get(idea.thread_id, 0)


def test_nobody_likes_or_votes_for_themselves(session):
    self_likes = session.exec(
        select(func.count()).select_from(Like).join(Post).where(Like.member_id == Post.author_id)
    ).one()
    self_votes = session.exec(
        select(func.count())
        .select_from(Vote)
        .join(Thread)
        .where(Vote.member_id == Thread.author_id)
    ).one()
    assert self_likes == 0 and self_votes == 0


def test_conversation_counters_match_their_messages(session):
    for conversation in session.exec(select(Conversation)):
        count, last = session.exec(
            select(func.count(Message.id), func.max(Message.created_at)).where(
                Message.conversation_id == conversation.id
            )
        ).one()
        assert (conversation.message_count, conversation.last_message_at) == (count, last)


def test_summary_counts_what_was_built(demo, session):
    _, summary = demo
    assert summary.members == session.exec(select(func.count(Member.id))).one()
    assert summary.threads == session.exec(select(func.count(Thread.id))).one()
    assert summary.posts == session.exec(select(func.count(Post.id))).one()
    assert summary.personas == len(content.PERSONAS)
    assert summary.open_reports >= 10 and summary.messages >= 10 and summary.ideas >= 14


# ------------------------------------------------------------------ building


def _titles(forum):
    with Session(forum.engine) as session:
        return session.exec(select(Thread.title, Thread.created_at).order_by(Thread.id)).all()


def test_building_again_needs_reset(sqlite_forum):
    build_demo(sqlite_forum)
    with pytest.raises(InvalidInput, match="--reset"):
        build_demo(sqlite_forum)


def test_reset_rebuilds_the_same_community(sqlite_forum):
    first = build_demo(sqlite_forum)
    titles = _titles(sqlite_forum)
    again = build_demo(sqlite_forum, reset=True)
    assert again == first
    assert _titles(sqlite_forum) == titles


def test_reset_clears_a_database_that_is_not_a_demo(sqlite_forum):
    sqlite_forum.add_member("someone", "a long password")
    summary = build_demo(sqlite_forum, reset=True)
    with Session(sqlite_forum.engine) as session:
        names = session.exec(select(Member.username)).all()
    assert "someone" not in names and len(names) == summary.members


def test_the_build_is_deterministic(demo, sqlite_forum):
    forum, summary = demo
    assert build_demo(sqlite_forum) == summary
    assert _titles(sqlite_forum) == _titles(forum)
    with Session(forum.engine) as one, Session(sqlite_forum.engine) as two:
        query = select(Post.body, Post.created_at).order_by(Post.id)
        assert one.exec(query).all() == two.exec(query).all()


def test_builds_on_every_backend(forum):
    summary = build_demo(forum)
    assert summary.threads > 100 and summary.open_reports >= 10
    assert build_demo(forum, reset=True) == summary
    viewer = forum.sign_in_as("jonas")
    boards = [board for area in forum.areas(viewer) for board in area.boards]
    assert all(board.thread_count > 0 for board in boards)


# ------------------------------------------------------------------ prose


def test_prose_joins_wrapped_lines_but_keeps_lists_and_code():
    text = """
        A paragraph that was
        wrapped in the source.

        - an item that also
          wraps
        - another item

        ```
        keep   this
        as is
        ```
        """
    assert prose(text) == (
        "A paragraph that was wrapped in the source.\n\n"
        "- an item that also wraps\n- another item\n\n"
        "```\nkeep   this\nas is\n```"
    )
    assert prose("One line.") == "One line."


def test_automatic_reports_are_what_the_rules_would_file(session):
    """Each automatic report's reason is one the guidelines give for that very content."""
    from forum_tui.rules import guidelines

    boards = {board.id: board.kind for board in session.exec(select(Board))}
    automatic = session.exec(select(Report).where(Report.automatic)).all()
    assert len(automatic) >= 5
    for report in automatic:
        post = session.get(Post, report.post_id)
        thread = session.get(Thread, post.thread_id)
        if thread.id in set(session.exec(select(IdeaDetail.thread_id)).all()):
            findings = guidelines.check_idea(thread.title, post.body, COMMUNITY.idea_labels)
        else:
            context = guidelines.PostContext(
                board_kind=boards[thread.board_id],
                body=post.body,
                now=post.created_at,
                title=thread.title if post.position == 1 else None,
            )
            findings = guidelines.check_post(context, COMMUNITY.limits)
        reasons = {f.report_reason for f in findings if f.files_report}
        assert report.reason in reasons, (thread.title, reasons)
