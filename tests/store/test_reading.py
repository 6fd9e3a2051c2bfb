"""Reading: areas and boards, board pages, threads, posts, unread tracking.

Runs on SQLite and PostgreSQL. Content is written with the ``seed`` fixture.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event

from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.forum import UNREAD_WINDOW
from forum_tui.store.models import (
    BoardVisit,
    IdeaDetail,
    Like,
    Post,
    StatusChange,
    Thread,
    ThreadTag,
)

STAR_ONLY = {"stars-lounge", "stars-ideas-triage"}


@pytest.fixture
def people(forum, seed, clock):
    """A long-standing member, a Star, a moderator and a staff member, as Viewers."""
    joined = clock() - timedelta(days=400)
    ids = {
        "jen": seed.member("jen", created_at=joined),
        "stella": seed.member("stella", role="star", created_at=joined),
        "modmaria": seed.member("modmaria", role="moderator", created_at=joined),
        "carla": seed.member("carla_cm", role="staff", created_at=joined),
        "oskar": seed.member("oskar", created_at=joined),
    }
    return {name: seed.viewer(member_id) for name, member_id in ids.items()}


def _all_pages(forum, viewer, slug, limit):
    pages, cursor = [], None
    while True:
        page = forum.board_threads(viewer, slug, cursor=cursor, limit=limit)
        pages.append(page)
        cursor = page.next_cursor
        if cursor is None:
            return pages


def _count_statements(engine):
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    return statements, lambda: event.remove(engine, "before_cursor_execute", record)


# ---------------------------------------------------------------------- areas and boards


def test_areas_follow_the_community_file(forum, people):
    areas = forum.areas(people["jen"])
    assert [area.slug for area in areas] == [a.slug for a in forum.community.areas]
    help_area = areas[0]
    assert [b.slug for b in help_area.boards] == [b.slug for b in forum.community.areas[0].boards]
    android = help_area.boards[0]
    assert (android.area_slug, android.area_name, android.kind) == ("help", "Help", "help")
    assert android.can_post and android.post_refusal == ""
    vault = areas[-1].boards[0]
    assert not vault.can_post and vault.post_refusal == "The Vault is read-only."


@pytest.mark.parametrize(
    "who, sees_star_only",
    [("jen", False), ("stella", True), ("modmaria", True), ("carla", True)],
)
def test_star_only_boards_visible_by_role(forum, people, who, sees_star_only):
    slugs = {board.slug for area in forum.areas(people[who]) for board in area.boards}
    assert "stars-application" in slugs
    assert (slugs >= STAR_ONLY) is sees_star_only
    assert not (STAR_ONLY & slugs) or sees_star_only


def test_star_only_board_refused_to_members(forum, people):
    with pytest.raises(NotAllowed, match="Only Stars, moderators and staff"):
        forum.board(people["jen"], "stars-lounge")
    with pytest.raises(NotAllowed):
        forum.board_threads(people["jen"], "stars-lounge")
    assert forum.board(people["stella"], "stars-lounge").kind == "star_only"


def test_unknown_board(forum, people):
    with pytest.raises(NotFound, match="no board called 'nope'"):
        forum.board(people["jen"], "nope")


def test_thread_counts_come_from_the_board(forum, people, seed):
    seed.threads("android", people["oskar"].id, [{"title": f"T{i}"} for i in range(3)])
    board = forum.board(people["jen"], "android")
    assert board.thread_count == 3 and board.post_count == 3
    help_area = forum.areas(people["jen"])[0]
    assert help_area.thread_count == 3


def test_sync_community_is_idempotent_and_keeps_boards(forum, people, seed):
    seed.thread("android", people["oskar"].id)
    forum.sync_community()
    forum.sync_community()
    assert forum.board(people["jen"], "android").thread_count == 1
    assert sum(len(area.boards) for area in forum.areas(people["carla"])) == len(
        forum.community.boards
    )


# ---------------------------------------------------------------------- board pages


def _busy_board(seed, clock, author_id, *, count=120, floated=(3, 40, 77, 100, 119)):
    """``count`` threads, some floated, several sharing a last-activity time (id breaks ties)."""
    start = clock() - timedelta(days=30)
    specs = [
        {
            "title": f"Thread {i}",
            "at": start + timedelta(hours=i // 3),  # three threads per timestamp
            "floated": i in floated,
        }
        for i in range(count)
    ]
    return seed.threads("android", author_id, specs)


def test_board_threads_order_and_keyset_paging(forum, people, seed, clock):
    ids = _busy_board(seed, clock, people["oskar"].id)
    floated_ids = {ids[i] for i in (3, 40, 77, 100, 119)}
    by_time = {thread_id: index // 3 for index, thread_id in enumerate(ids)}
    expected = sorted(ids, key=lambda t: (t in floated_ids, by_time[t], t), reverse=True)
    for limit in (1, 7, 25, 40, 120, 200):
        pages = _all_pages(forum, people["jen"], "android", limit)
        seen = [item.id for page in pages for item in page.items]
        assert seen == expected, f"limit {limit}"
        assert all(len(page.items) == limit for page in pages[:-1])
        assert pages[-1].next_cursor is None
    first = forum.board_threads(people["jen"], "android", limit=5).items
    assert [t.floated for t in first] == [True] * 5


def test_exact_multiple_of_the_page_size_has_no_empty_last_page(forum, people, seed, clock):
    _busy_board(seed, clock, people["oskar"].id, count=50, floated=(1, 2))
    pages = _all_pages(forum, people["jen"], "android", 25)
    assert [len(page.items) for page in pages] == [25, 25]


def test_bad_cursor(forum, people):
    with pytest.raises(InvalidInput, match="page position is not valid"):
        forum.board_threads(people["jen"], "android", cursor="not-a-cursor")


def test_board_page_is_a_constant_number_of_queries(forum, people, seed, clock):
    ids = _busy_board(seed, clock, people["oskar"].id, count=60)
    for thread_id in ids[:30]:
        seed.reply(thread_id, people["stella"].id)
    statements, stop = _count_statements(forum.engine)
    try:
        small = forum.board_threads(people["jen"], "android", limit=5)
        small_count = len(statements)
        statements.clear()
        big = forum.board_threads(people["jen"], "android", limit=60)
        big_count = len(statements)
    finally:
        stop()
    assert len(small.items) == 5 and len(big.items) == 60
    assert big_count == small_count <= 8


def test_summaries_carry_authors_counts_and_marks(forum, people, seed, clock):
    oskar, stella = people["oskar"], people["stella"]
    thread_id = seed.thread(
        "android",
        oskar.id,
        "Crash on start",
        replies=2,
        reply_author_id=stella.id,
        at=clock() - timedelta(days=1),
    )
    post_ids = seed.post_ids(thread_id)
    seed.update(Thread, thread_id, solution_post_id=post_ids[1], like_count=4, locked=True)
    (summary,) = forum.board_threads(people["jen"], "android").items
    assert summary.title == "Crash on start" and summary.board_slug == "android"
    assert summary.author.username == "oskar"
    assert summary.last_poster.username == "stella"
    assert summary.reply_count == 2 and summary.like_count == 4
    assert summary.solved and summary.locked and not summary.floated
    assert summary.status is None and summary.label is None


def test_idea_and_issue_summaries(forum, people, seed, clock):
    carla = people["carla"]
    idea = seed.thread("idea-submissions", people["oskar"].id, "[Lyrics] Offline lyrics")
    seed.add(
        IdeaDetail(thread_id=idea, label="Lyrics", status="under_consideration", vote_count=57)
    )
    issue = seed.thread(
        "ongoing-issues",
        people["oskar"].id,
        "Playback stops",
        issue_status="under_investigation",
        vote_count=12,
    )
    seed.add(
        StatusChange(
            thread_id=issue,
            kind="issue",
            status="under_investigation",
            note="Teams are on it.",
            actor_id=carla.id,
            created_at=clock(),
        )
    )
    (idea_row,) = forum.board_threads(people["jen"], "idea-submissions").items
    assert (idea_row.status, idea_row.label, idea_row.vote_count) == (
        "Under Consideration",
        "Lyrics",
        57,
    )
    (issue_row,) = forum.board_threads(people["jen"], "ongoing-issues").items
    assert (issue_row.status, issue_row.vote_count) == ("Under Investigation", 12)


def test_removed_threads_hidden_from_members_only(forum, people, seed):
    seed.thread("android", people["oskar"].id, "Fine")
    removed = seed.thread("android", people["oskar"].id, "Spam", removed=True)
    member_ids = [t.id for t in forum.board_threads(people["jen"], "android").items]
    moderator_ids = [t.id for t in forum.board_threads(people["modmaria"], "android").items]
    assert removed not in member_ids and removed in moderator_ids
    with pytest.raises(NotAllowed, match="removed"):
        forum.thread(people["jen"], removed)
    assert forum.thread(people["modmaria"], removed).removed


def test_first_page_records_a_board_visit(forum, people, seed, clock):
    _busy_board(seed, clock, people["oskar"].id, count=10)
    jen = people["jen"]
    page = forum.board_threads(jen, "android", limit=5)
    with seed.session() as session:
        visit = session.get(BoardVisit, (jen.id, seed.board_id("android")))
        assert visit.last_visit_at == clock()
        assert visit.all_read_at == jen.created_at
    clock.advance(minutes=5)
    forum.board_threads(jen, "android", cursor=page.next_cursor, limit=5)  # later pages: no write
    with seed.session() as session:
        assert session.get(BoardVisit, (jen.id, seed.board_id("android"))).last_visit_at == (
            clock() - timedelta(minutes=5)
        )


def test_a_first_page_read_for_a_start_snapshot_records_no_visit(forum, people, seed, clock):
    """A start snapshot keeps home's first page (store/start_snapshot.py): its read must
    not write, or nothing could be kept; the pane's live read records the visit later."""
    _busy_board(seed, clock, people["oskar"].id, count=10)
    jen = people["jen"]
    page = forum.board_threads(jen, "android", limit=5, record_visit=False)
    with seed.session() as session:
        assert session.get(BoardVisit, (jen.id, seed.board_id("android"))) is None
    assert page == forum.board_threads(jen, "android", limit=5)  # the same page as a visit's


# ---------------------------------------------------------------------- threads and posts


def test_thread_view(forum, people, seed, clock):
    oskar, stella, carla = people["oskar"], people["stella"], people["carla"]
    thread_id = seed.thread(
        "idea-submissions",
        oskar.id,
        "[Search] Filter by year",
        replies=3,
        reply_author_id=stella.id,
    )
    posts = seed.post_ids(thread_id)
    seed.update(Thread, thread_id, solution_post_id=posts[2])
    seed.add(
        IdeaDetail(thread_id=thread_id, label="Search", status="not_right_now", vote_count=9),
        ThreadTag(thread_id=thread_id, tag="search"),
        ThreadTag(thread_id=thread_id, tag="filters"),
        StatusChange(
            thread_id=thread_id,
            kind="idea",
            status="live",
            note="Old note",
            actor_id=carla.id,
            created_at=clock() - timedelta(days=2),
        ),
        StatusChange(
            thread_id=thread_id,
            kind="idea",
            status="not_right_now",
            note="Not on the roadmap this year.",
            actor_id=carla.id,
            created_at=clock() - timedelta(days=1),
        ),
        Like(post_id=posts[2], member_id=people["jen"].id, created_at=clock()),
    )
    forum.mark_read(people["jen"], thread_id, 2)
    view = forum.thread(people["jen"], thread_id)
    assert view.title == "[Search] Filter by year" and view.author.username == "oskar"
    assert view.board.slug == "idea-submissions" and view.board.area_slug == "ideas"
    assert view.post_count == 4
    assert (view.status, view.label, view.vote_count) == ("Not Right Now", "Search", 9)
    assert view.status_note == "Not on the roadmap this year."
    assert view.tags == ("filters", "search")
    assert view.last_read_position == 2
    assert view.solution.id == posts[2] and view.solution.is_solution
    assert view.solution.liked_by_viewer and view.solution.author.username == "stella"


def test_issue_thread_view(forum, people, seed, clock):
    thread_id = seed.thread(
        "ongoing-issues", people["oskar"].id, "Lyrics missing", issue_status="fixed", vote_count=3
    )
    seed.add(
        StatusChange(
            thread_id=thread_id,
            kind="issue",
            status="fixed",
            note="Update to 9.0.12.",
            actor_id=people["carla"].id,
            created_at=clock(),
        )
    )
    view = forum.thread(people["jen"], thread_id)
    assert (view.status, view.status_note, view.label, view.vote_count) == (
        "Fixed",
        "Update to 9.0.12.",
        None,
        3,
    )
    assert view.solution is None and view.tags == ()


def test_unknown_thread_and_star_only_thread(forum, people, seed):
    with pytest.raises(NotFound, match="does not exist"):
        forum.thread(people["jen"], 123456)
    secret = seed.thread("stars-lounge", people["stella"].id, "Backstage")
    with pytest.raises(NotAllowed):
        forum.thread(people["jen"], secret)
    with pytest.raises(NotAllowed):
        forum.thread_posts(people["jen"], secret)
    assert forum.thread(people["stella"], secret).title == "Backstage"


def test_thread_posts_paging(forum, people, seed):
    thread_id = seed.thread("android", people["oskar"].id, replies=94)  # 95 posts
    positions, after, pages = [], 0, 0
    while True:
        page = forum.thread_posts(people["jen"], thread_id, after=after, limit=40)
        pages += 1
        positions += [post.position for post in page.items]
        if page.next_cursor is None:
            break
        after = int(page.next_cursor)
    assert positions == list(range(1, 96)) and pages == 3
    tail = forum.thread_posts(people["jen"], thread_id, after=90, limit=40)
    assert [p.position for p in tail.items] == [91, 92, 93, 94, 95] and tail.next_cursor is None


def test_like_flags_are_per_viewer(forum, people, seed, clock):
    thread_id = seed.thread("android", people["oskar"].id, replies=3)
    posts = seed.post_ids(thread_id)
    seed.add(
        Like(post_id=posts[0], member_id=people["jen"].id, created_at=clock()),
        Like(post_id=posts[2], member_id=people["jen"].id, created_at=clock()),
        Like(post_id=posts[1], member_id=people["stella"].id, created_at=clock()),
    )
    jen = [p.liked_by_viewer for p in forum.thread_posts(people["jen"], thread_id).items]
    stella = [p.liked_by_viewer for p in forum.thread_posts(people["stella"], thread_id).items]
    assert jen == [True, False, True, False]
    assert stella == [False, True, False, False]


def test_post_page_is_a_constant_number_of_queries(forum, people, seed):
    thread_id = seed.thread("android", people["oskar"].id, replies=60)
    statements, stop = _count_statements(forum.engine)
    try:
        forum.thread_posts(people["jen"], thread_id, limit=2)
        small = len(statements)
        statements.clear()
        forum.thread_posts(people["jen"], thread_id, limit=61)
        big = len(statements)
    finally:
        stop()
    assert big == small <= 6


def test_removed_posts_hide_their_body_from_members(forum, people, seed):
    thread_id = seed.thread("android", people["oskar"].id, replies=2)
    posts = seed.post_ids(thread_id)
    seed.update(Post, posts[1], removed=True, removed_reason="Personal information")
    member_view = forum.thread_posts(people["jen"], thread_id).items[1]
    assert member_view.removed and member_view.body == ""
    moderator_view = forum.thread_posts(people["modmaria"], thread_id).items[1]
    assert moderator_view.removed and moderator_view.body == "Reply number 1."
    assert forum.thread_posts(people["jen"], thread_id).items[0].body == "The opening post."


# ---------------------------------------------------------------------- unread


def _unread(forum, viewer, slug="android"):
    return forum.board(viewer, slug).unread_count


def test_unread_counts_follow_mark_read(forum, people, seed, clock):
    jen = people["jen"]
    a = seed.thread("android", people["oskar"].id, "A", replies=2, at=clock() - timedelta(days=2))
    b = seed.thread("android", people["oskar"].id, "B", at=clock() - timedelta(days=1))
    assert _unread(forum, jen) == 2
    flags = {t.id: t.unread for t in forum.board_threads(jen, "android").items}
    assert flags == {a: True, b: True}

    forum.mark_read(jen, a, 2)  # not yet the last post
    assert _unread(forum, jen) == 2
    forum.mark_read(jen, a, 3)
    assert _unread(forum, jen) == 1
    forum.mark_read(jen, b, 1)
    assert _unread(forum, jen) == 0
    assert not any(t.unread for t in forum.board_threads(jen, "android").items)
    assert forum.areas(jen)[0].unread_count == 0

    clock.advance(minutes=1)
    seed.reply(a, people["oskar"].id, at=clock())  # new activity makes it unread again
    assert _unread(forum, jen) == 1
    assert forum.areas(jen)[0].boards[0].unread_count == 1
    posts = forum.thread_posts(jen, a).items
    assert [p.unread for p in posts] == [False, False, False, True]


def test_mark_read_never_goes_backwards_and_is_clamped(forum, people, seed):
    jen = people["jen"]
    thread_id = seed.thread("android", people["oskar"].id, replies=4)
    forum.mark_read(jen, thread_id, 4)
    forum.mark_read(jen, thread_id, 2)
    assert forum.thread(jen, thread_id).last_read_position == 4
    forum.mark_read(jen, thread_id, 999)
    assert forum.thread(jen, thread_id).last_read_position == 5
    forum.mark_read(jen, thread_id, 0)
    assert forum.thread(jen, thread_id).last_read_position == 5


def test_unread_is_per_viewer(forum, people, seed):
    thread_id = seed.thread("android", people["oskar"].id)
    forum.mark_read(people["jen"], thread_id, 1)
    assert _unread(forum, people["jen"]) == 0
    assert _unread(forum, people["stella"]) == 1


def test_old_activity_counts_as_read(forum, people, seed, clock):
    seed.thread(
        "android", people["oskar"].id, "Ancient", at=clock() - UNREAD_WINDOW - timedelta(days=1)
    )
    seed.thread("android", people["oskar"].id, "Recent", at=clock() - timedelta(days=3))
    assert _unread(forum, people["jen"]) == 1
    titles = {t.title: t.unread for t in forum.board_threads(people["jen"], "android").items}
    assert titles == {"Ancient": False, "Recent": True}


def test_activity_before_joining_is_not_unread(forum, people, seed, clock):
    seed.thread("android", people["oskar"].id, "Before", at=clock() - timedelta(days=5))
    newcomer = seed.viewer(seed.member("newcomer", created_at=clock() - timedelta(days=2)))
    seed.thread("android", people["oskar"].id, "After", at=clock() - timedelta(days=1))
    assert _unread(forum, newcomer) == 1


def test_all_read_at_of_a_board_visit(forum, people, seed, clock):
    jen = people["jen"]
    seed.thread("android", people["oskar"].id, "Old", at=clock() - timedelta(days=5))
    seed.thread("android", people["oskar"].id, "New", at=clock() - timedelta(days=1))
    seed.add(
        BoardVisit(
            member_id=jen.id,
            board_id=seed.board_id("android"),
            last_visit_at=clock(),
            all_read_at=clock() - timedelta(days=3),
        )
    )
    assert _unread(forum, jen) == 1


def test_removed_threads_do_not_count_as_unread_for_members(forum, people, seed):
    seed.thread("android", people["oskar"].id, removed=True)
    assert _unread(forum, people["jen"]) == 0
    assert _unread(forum, people["modmaria"]) == 1


# ---------------------------------------------------------------------- query plans


def test_board_queries_use_the_board_order_index(sqlite_forum, sqlite_seed, clock):
    forum, seed = sqlite_forum, sqlite_seed
    viewer = seed.viewer(seed.member("jen", created_at=clock() - timedelta(days=400)))
    _busy_board(seed, clock, viewer.id, count=30)
    statements, stop = _count_statements(forum.engine)
    try:
        page = forum.board_threads(viewer, "android", limit=10)
        forum.board_threads(viewer, "android", cursor=page.next_cursor, limit=10)
        forum.board(viewer, "android")
    finally:
        stop()
    plans = []
    with forum.engine.connect() as connection:
        for statement, parameters in statements:
            if ("FROM thread" in statement and "ORDER BY" in statement) or "count(" in statement:
                rows = connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters
                ).all()
                plans.append(" / ".join(row[-1] for row in rows))
    assert plans, "no board queries seen"
    for plan in plans:
        # Pages walk the board order; unread counts its covering twin (migration 0012).
        assert "ix_thread_board_order" in plan or "COVERING INDEX ix_thread_unread" in plan, plan
        assert "SCAN thread" not in plan.replace("SCAN thread USING", ""), plan
        assert "TEMP B-TREE" not in plan, plan
