"""Thread and board actions: like, accept a solution, follow, report, history, float,
the unsolved filter, mark read, next unread, the profile's subscriptions, FAQ's way out."""

from __future__ import annotations

from datetime import timedelta

from screen_helpers import SIZE, find_thread, run_async, screen_text, settle
from textual.widgets import Input, RadioSet

from forum_tui.screens.board import BoardPane
from forum_tui.screens.board_chooser import HelpBoardChooser
from forum_tui.screens.history_dialog import NEVER_EDITED, HistoryDialog
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.jump import NOTHING_UNREAD
from forum_tui.screens.profile import ProfileScreen
from forum_tui.screens.report_dialog import ReportDialog
from forum_tui.screens.thread import ThreadScreen
from forum_tui.widgets.thread_list import ThreadList


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def current(app):
    screen = app.screen
    return screen.posts[screen.current]


def footer_actions(app) -> set[str]:
    """The actions the footer shows right now."""
    return {
        active.binding.action
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled
    }


async def open_thread(app, pilot, thread_id: int, *, down: int = 0) -> None:
    await settle(pilot)
    app.push_screen(ThreadScreen(thread_id))
    await settle(pilot)
    for _ in range(down):
        await pilot.press("j")
    await settle(pilot)


def member_id(forum, username: str) -> int:
    return forum.sign_in_as(username).id


def fresh_thread(seed, forum, author: str, replier: str, *, board: str = "android", replies=2):
    """A thread by ``author`` with replies by ``replier`` (an hour ago, so nothing is odd)."""
    return seed.thread(
        board,
        member_id(forum, author),
        f"Fresh thread by {author}",
        replies=replies,
        reply_author_id=member_id(forum, replier),
        at=forum.now() - timedelta(hours=1),
    )


# ---------------------------------------------------------------------- like


@run_async
async def test_like_and_unlike_update_the_count_in_place(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id, down=1)
        post = current(app)
        assert post.position == 2 and post.post.like_count == 0
        await pilot.press("l")
        await settle(pilot)
        assert current(app).post.like_count == 1 and current(app).post.liked_by_viewer
        assert "♥ 1" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        assert current(app).post.like_count == 0
        assert "♥ 1" not in screen_text(app)


@run_async
async def test_liking_ones_own_post_shows_the_refusal(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "mia", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("l")
        await settle(pilot)
        assert "You can't like your own post." in notices(app)
        assert current(app).post.like_count == 0


# ---------------------------------------------------------------------- solutions


@run_async
async def test_thread_author_accepts_moves_and_clears_the_solution(
    make_forum_app, demo_forum, seed
):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "mia", "oskar", replies=3)
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id, down=1)
        assert "accept_solution" in footer_actions(app)
        await pilot.press("A")
        await settle(pilot)
        box = app.screen.query_one("#thread-solution")
        assert box.display
        assert "post #2" in screen_text(app)
        assert current(app).post.is_solution
        await pilot.press("j", "A")
        await settle(pilot)
        assert "post #3" in str(box.render())
        assert [p.position for p in app.screen.posts if p.post.is_solution] == [3]
        assert demo_forum.thread(app.viewer, thread_id).solution.position == 3
        await pilot.press("A")  # on the accepted post: clears it
        await settle(pilot)
        assert not box.display
        assert demo_forum.thread(app.viewer, thread_id).solution is None
        assert not any(p.post.is_solution for p in app.screen.posts)


@run_async
async def test_a_member_who_did_not_start_the_thread_gets_the_refusal(
    make_forum_app, demo_forum, seed
):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id, down=1)
        assert "accept_solution" not in footer_actions(app)
        await pilot.press("A")
        await settle(pilot)
        assert "Only the thread's author or a moderator can mark the solution." in notices(app)
        assert demo_forum.thread(app.viewer, thread_id).solution is None


@run_async
async def test_accepting_shows_solved_in_the_board_underneath(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "mia", "oskar")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        rows = app.screen.query_one(ThreadList)
        assert not rows.threads[str(thread_id)].solved
        await open_thread(app, pilot, thread_id, down=1)
        await pilot.press("A")
        await settle(pilot)
        assert rows.threads[str(thread_id)].solved


# ---------------------------------------------------------------------- following


@run_async
async def test_follow_thread_post_board_and_blog_then_remove_one_on_the_profile(
    make_forum_app, demo_forum, seed
):
    app = make_forum_app("tilly")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id, down=1)
        await pilot.press("s")
        await settle(pilot)
        assert any(n.startswith("Subscribed to this thread") for n in notices(app))
        await pilot.press("S")
        await settle(pilot)
        assert any(n.startswith("Subscribed to post #2") for n in notices(app))
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        home.open_board("android")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert any(n.startswith("Subscribed to Android") for n in notices(app))
        assert "following" in screen_text(app)
        home.open_board("community-blog")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert any("each new blog post" in n for n in notices(app))
        kinds = {s.kind for s in demo_forum.subscriptions(app.viewer)}
        assert kinds == {"thread", "post", "board", "blog"}

        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        text = screen_text(app)
        for words in ("Fresh thread by oskar", "Post #2 in Fresh thread", "Android", "Blog"):
            assert words in text
        rows = app.screen.rows
        assert rows.option_count == 4
        removed = app.screen.highlighted()
        await pilot.press("d")
        await settle(pilot)
        assert rows.option_count == 3
        left = {(s.kind, s.target_id) for s in demo_forum.subscriptions(app.viewer)}
        assert (removed.kind, removed.target_id) not in left and len(left) == 3


@run_async
async def test_s_again_unsubscribes(make_forum_app, demo_forum, seed):
    app = make_forum_app("tilly")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "Unsubscribed from this thread." in notices(app)
        assert not demo_forum.is_subscribed(app.viewer, "thread", thread_id)


@run_async
async def test_profile_enter_opens_a_followed_thread(make_forum_app, demo_forum):
    app = make_forum_app("hugo")  # follows an Ongoing Issues thread in the demo
    followed = demo_forum.subscriptions(app.viewer)[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "Hugo" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.thread_id == followed.thread_id


# ---------------------------------------------------------------------- reports


def _reports(seed, post_id: int):
    from sqlmodel import select

    from forum_tui.store.models import Report

    with seed.session() as session:
        return session.exec(select(Report).where(Report.post_id == post_id)).all()


@run_async
async def test_asking_for_removal_of_ones_own_post_files_a_report(make_forum_app, demo_forum, seed):
    app = make_forum_app("tilly")
    thread_id = fresh_thread(seed, demo_forum, "tilly", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        post_id = current(app).post.id
        await pilot.press("exclamation_mark")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        assert dialog.reasons()[0] == "Please delete my post"
        await pilot.press("enter")  # the first reason
        await pilot.press("tab", *"posted by mistake", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert "Your request to remove this post went to the moderators." in notices(app)
    [report] = _reports(seed, post_id)
    assert report.reason == "Please delete my post: posted by mistake"
    assert not report.automatic


@run_async
async def test_report_without_a_reason_is_refused_and_keeps_what_was_typed(
    make_forum_app, demo_forum, seed
):
    app = make_forum_app("tilly")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        post_id = current(app).post.id
        await pilot.press("exclamation_mark")
        await settle(pilot)
        dialog = app.screen
        assert "Please delete my post" not in dialog.reasons()  # not one's own post
        await pilot.press("tab", *"links to a fake shop", "enter")
        await settle(pilot)
        assert app.screen is dialog
        message = str(dialog.query_one("#report-message").render())
        assert "a reason is required" in message
        assert dialog.query_one("#report-detail", Input).value == "links to a fake shop"
        # choose a reason and a guideline: now it goes
        dialog.query_one(RadioSet).focus()
        await pilot.press("down", "enter")  # the second reason
        dialog.query_one("#report-guideline", Input).focus()
        await pilot.press("9", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
    [report] = _reports(seed, post_id)
    assert report.reason == "Offensive or abusive: links to a fake shop"
    assert report.guideline_number == 9


@run_async
async def test_a_bad_guideline_number_is_explained_and_kept(make_forum_app, demo_forum, seed):
    app = make_forum_app("tilly")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("enter")  # a reason
        dialog.query_one("#report-guideline", Input).focus()
        await pilot.press("9", "9")
        await settle(pilot)
        assert "numbered 1 to 15" in str(dialog.query_one("#report-guideline-text").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "numbered 1 to 15" in str(dialog.query_one("#report-message").render())
        assert dialog.query_one("#report-guideline", Input).value == "99"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)


# ---------------------------------------------------------------------- history


def edited_demo_post(forum, viewer):
    """A demo thread whose opening post was edited (``EDITS`` in the demo content)."""
    thread = find_thread(
        forum,
        viewer,
        lambda t: forum.thread_posts(viewer, t.id, 0, 1).items[0].edited_at is not None,
        kinds=("help",),
    )
    return thread.id


@run_async
async def test_history_lists_the_versions_of_an_edited_post(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    thread_id = edited_demo_post(demo_forum, app.viewer)
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryDialog)
        text = screen_text(app)
        assert "2 versions, newest first" in text
        assert "Version 2 · current" in text
        assert "Version 1 · original" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ThreadScreen)


@run_async
async def test_history_of_a_post_never_edited(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("h")
        await settle(pilot)
        assert NEVER_EDITED in screen_text(app)


# ---------------------------------------------------------------------- float


@run_async
async def test_moderator_floats_and_unfloats_and_only_moderators_see_f(
    make_forum_app, demo_forum, seed
):
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    member = make_forum_app("mia")
    async with member.run_test(size=SIZE) as pilot:
        await open_thread(member, pilot, thread_id)
        assert "float" not in footer_actions(member)
        await pilot.press("f")
        await settle(pilot)
        assert not demo_forum.thread(member.viewer, thread_id).floated

    app = make_forum_app("jonas")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        assert "float" in footer_actions(app)
        await pilot.press("f")
        await settle(pilot)
        assert demo_forum.thread(app.viewer, thread_id).floated
        assert "Floated: this thread now leads its board." in notices(app)
        await pilot.press("f")
        await settle(pilot)
        assert not demo_forum.thread(app.viewer, thread_id).floated


# ---------------------------------------------------------------------- board pane


@run_async
async def test_unsolved_filter_shows_only_unsolved_threads(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        rows = app.screen.query_one(ThreadList)
        assert any(t.solved for t in rows.threads.values())
        await pilot.press("u")
        await settle(pilot)
        pane = app.screen.query_one(BoardPane)
        assert pane.unsolved_only
        assert rows.threads and not any(t.solved for t in rows.threads.values())
        assert "Unsolved only" in str(pane.query_one("#board-name").render())
        await pilot.press("u")
        await settle(pilot)
        assert any(t.solved for t in rows.threads.values())
        assert "Unsolved only" not in str(pane.query_one("#board-name").render())


@run_async
async def test_unsolved_filter_is_only_for_help_boards(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("music-exchange")
        await settle(pilot)
        assert "toggle_unsolved" not in footer_actions(app)


@run_async
async def test_mark_board_read_clears_the_unread_marks(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        rows = app.screen.query_one(ThreadList)
        assert any(t.unread for t in rows.threads.values())
        await pilot.press("M")
        await settle(pilot)
        assert not any(t.unread for t in rows.threads.values())
        assert demo_forum.board(app.viewer, "android").unread_count == 0
        menu_board = app.screen.query_one("#menu").boards["android"]
        assert menu_board.unread_count == 0


# ---------------------------------------------------------------------- next unread


@run_async
async def test_J_jumps_to_the_next_unread_post(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    target = demo_forum.next_unread(app.viewer)
    assert target is not None
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.thread_id == target.thread_id
        assert current(app).position == target.position
        depth = len(app.screen_stack)
        await pilot.press("J")  # on to the next one, in place of this one
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.thread_id != target.thread_id
        assert len(app.screen_stack) == depth


@run_async
async def test_J_with_nothing_unread_says_so(make_forum_app, demo_forum):
    app = make_forum_app("noah")
    for area in demo_forum.areas(app.viewer):
        for board in area.boards:
            demo_forum.mark_board_read(app.viewer, board.slug)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert NOTHING_UNREAD in notices(app)


# ---------------------------------------------------------------------- FAQ


@run_async
async def test_faq_article_offers_a_thread_in_help(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    faq = find_thread(demo_forum, app.viewer, lambda t: True, kinds=("faq",))
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, faq.id)
        assert "Didn't help? Press n to start a thread in Help." in str(
            app.screen.query_one("#faq-footer").render()
        )
        assert "new_help_thread" in footer_actions(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HelpBoardChooser)
        assert app.screen.boards and all(b.kind == "help" for b in app.screen.boards)
        await pilot.press("enter")
        await settle(pilot)
        from forum_tui.screens.compose import ComposeScreen

        assert isinstance(app.screen, ComposeScreen)
        assert app.screen.composing.board.slug == "android"


@run_async
async def test_no_faq_footer_or_n_to_help_elsewhere(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        assert not app.screen.query("#faq-footer")
        assert "new_help_thread" not in footer_actions(app)


# ---------------------------------------------------------------------- help


@run_async
async def test_help_lists_the_action_keys(make_forum_app, demo_forum, seed):
    app = make_forum_app("jonas")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=(100, 60)) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for words in (
            "Like",
            "Accept",
            "Subscribe to this post",
            "Report",
            "Edit history",
            "Float",
            "Next unread",
            "Notifications",
            "Profile",
        ):
            assert words in text, words
