"""Rough edges a newcomer hit (issue 8): plurals, the moderators' staff mark, the FAQ
footer offering only what works, likes that say so, toasts over the composer's refusal,
a draft reply waiting in a thread."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from screen_helpers import SIZE, find_thread, run_async, screen_text, settle

from forum_tui.rules.wording import plural
from forum_tui.screens.compose import ComposeScreen
from forum_tui.screens.thread import ThreadScreen
from forum_tui.store.views import MemberBadge, reply_draft_key
from forum_tui.widgets.member import member_name
from forum_tui.widgets.thread_head import thread_head


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def footer_actions(app) -> set[str]:
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


def fresh_thread(seed, forum, author: str, replier: str, *, replies: int = 2) -> int:
    return seed.thread(
        "android",
        forum.sign_in_as(author).id,
        f"Fresh thread by {author}",
        replies=replies,
        reply_author_id=forum.sign_in_as(replier).id,
        at=forum.now() - timedelta(hours=1),
    )


# ---------------------------------------------------------------------- plurals


def test_plural_says_one_without_an_s():
    assert plural(1, "post") == "1 post"
    assert plural(0, "post") == "0 posts"
    assert plural(2, "reply", "replies") == "2 replies"


def test_a_thread_with_one_post_and_one_vote(demo_forum):
    viewer = demo_forum.sign_in_as("mia")
    idea = find_thread(demo_forum, viewer, lambda t: True, kinds=("ideas",))
    view = demo_forum.thread(viewer, idea.id)
    text = thread_head(replace(view, post_count=1, vote_count=1, status="Live Idea"), "◆").plain
    assert "1 post" in text and "1 posts" not in text
    assert "▲ 1 vote" in text and "1 votes" not in text


# ---------------------------------------------------------------------- staff mark


def test_moderators_wear_the_staff_mark_like_staff():
    def badge(role: str) -> MemberBadge:
        return MemberBadge(1, "maria", "Maria", "Moderator", "vinyl-grey", role, role == "staff")

    assert member_name(badge("moderator"), "◆").plain == "◆ Maria"
    assert member_name(badge("staff"), "◆").plain == "◆ Maria"
    assert member_name(badge("member"), "◆").plain == "Maria"
    assert member_name(badge("star"), "◆").plain == "Maria"


# ---------------------------------------------------------------------- FAQ footer


@run_async
async def test_faq_articles_do_not_offer_reply(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    faq = find_thread(demo_forum, app.viewer, lambda t: True, kinds=("faq",))
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, faq.id)
        offered = footer_actions(app)
        assert "reply" not in offered and "new_help_thread" in offered
        assert "r Reply" not in screen_text(app)


@run_async
async def test_ordinary_threads_still_offer_reply(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        assert "reply" in footer_actions(app)


# ---------------------------------------------------------------------- likes


@run_async
async def test_liking_says_liked_and_like_taken_back(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id, down=1)
        await pilot.press("l")
        await settle(pilot)
        assert notices(app)[-1] == "Liked."
        await pilot.press("l")
        await settle(pilot)
        assert notices(app)[-1] == "Like taken back."


# ---------------------------------------------------------------------- toasts


@run_async
async def test_old_toasts_never_cover_the_composers_refusal(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "mia", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("l")  # "You can't like your own post."
        await settle(pilot)
        assert notices(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert notices(app) == []
        app.notify("Posted.")  # a toast that arrives later still goes when refused
        await pilot.press("ctrl+s")  # an empty reply
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert "can't be posted yet" in app.screen.query_one("#compose-message").visual.plain
        assert notices(app) == []


# ---------------------------------------------------------------------- a draft waiting


@run_async
async def test_a_thread_shows_that_a_draft_reply_is_waiting(make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    demo_forum.save_draft(app.viewer, reply_draft_key(thread_id), body="Half a thought")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        assert "Your draft reply from" in screen_text(app)
        assert "press r to go on with it" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.screen.query_one("#compose-body").text == "Half a thought"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert not app.screen.query("#draft-waiting")


@run_async
async def test_leaving_the_composer_with_text_shows_the_draft_line(
    make_forum_app, demo_forum, seed
):
    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")
    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        assert not app.screen.query("#draft-waiting")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"Not done yet")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.query("#draft-waiting")


# ---------------------------------------------------------------------- FAQ Markdown


def test_faq_articles_have_no_stray_code_blocks():
    """The FAQ footer was appended before the article was dedented, so every line after
    the first kept its indentation and the paragraph after a list became a code block
    that wrapped mid-word ("Why was my idea closed?")."""
    from forum_tui.store.demo import prose
    from forum_tui.store.demo_content import FAQS
    from forum_tui.widgets.markdown import render_markdown

    closed = next(faq for faq in FAQS if faq.title.startswith("Why was my idea closed?"))
    rendered = render_markdown(prose(closed.body), 60).plain.splitlines()
    assert "Every idea subject also needs a label in [square brackets]," in rendered
    assert "1. They follow the Community Guidelines." in rendered
    for faq in FAQS:
        lines = prose(faq.body).splitlines()
        assert not any(line.startswith("    ") for line in lines), faq.title


# ---------------------------------------------------------------------- true messages


def test_refusals_name_only_what_the_app_has(demo_forum):
    """Refusals point at what the app really has: the Stars application is ``n``."""
    from forum_tui.rules.permissions import IDEAS_ARE_NOT_THREADS, Action, Actor, Target, can

    member = Actor(id=1, role="member")
    stars = can(member, Action.POST_THREAD, Target(board_kind="stars_application")).reason
    assert "Apply" not in stars and "press n to apply" in stars
    assert "press n" in IDEAS_ARE_NOT_THREADS
    for words in (IDEAS_ARE_NOT_THREADS, stars):
        assert "soon" not in words and "yet" not in words


# ---------------------------------------------------------------------- a busy database


@run_async
async def test_a_write_that_cannot_get_in_keeps_the_text(make_forum_app, demo_forum, seed):
    """``ForumBusy`` (store/busy.py: the lock stayed taken for the whole wait) reaches the
    composer as plain words, with the text and the draft kept."""
    from forum_tui.store.busy import BUSY_MESSAGE
    from forum_tui.store.errors import ForumBusy

    app = make_forum_app("mia")
    thread_id = fresh_thread(seed, demo_forum, "oskar", "kate")

    def busy_reply(*_args, **_kwargs):
        raise ForumBusy(BUSY_MESSAGE)

    async with app.run_test(size=SIZE) as pilot:
        await open_thread(app, pilot, thread_id)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"Try turning it off and on")
        demo_forum.reply = busy_reply  # this forum only (the instance, not the class)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        message = app.screen.query_one("#compose-message").visual.plain
        assert "very busy" in message and "Your text is kept." in message
        assert app.screen.query_one("#compose-body").text == "Try turning it off and on"
    draft = demo_forum.draft(app.viewer, reply_draft_key(thread_id))
    assert draft is not None and draft.body == "Try turning it off and on"


@run_async
async def test_the_app_says_it_made_a_new_database(make_forum_app):
    app = make_forum_app()
    app.start_notice = "Made a new, empty forum database at /tmp/mine.db."
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert notices(app) == ["Made a new, empty forum database at /tmp/mine.db."]
