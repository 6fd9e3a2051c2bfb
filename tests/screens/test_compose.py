"""Compose: new threads, replies, quotes, edits, drafts, refusals, warnings, $EDITOR."""

from __future__ import annotations

import contextlib
import sys
from datetime import timedelta

from screen_helpers import SIZE, persona_with, run_async, screen_text, settle

from forum_tui.screens import compose
from forum_tui.screens.compose import ComposeScreen
from forum_tui.screens.confirm_dialog import ConfirmDialog, WarningsDialog
from forum_tui.screens.home import HomeScreen
from forum_tui.screens.thread import ThreadScreen
from forum_tui.store.views import edit_draft_key, reply_draft_key, thread_draft_key
from forum_tui.widgets.editor import BodyArea, TitleInput

PHONE = "Call me on +44 7700 900123 tonight"


def _regular(personas):
    return persona_with(personas, role="member", rank="Regular")


async def _type(pilot, text: str) -> None:
    await pilot.press(*("enter" if char == "\n" else char for char in text))


async def _open_thread(pilot, thread_id: int) -> ThreadScreen:
    await settle(pilot)
    pilot.app.push_screen(ThreadScreen(thread_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ThreadScreen)
    return pilot.app.screen


async def _press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def _body(app) -> BodyArea:
    return app.screen.query_one("#compose-body", BodyArea)


def _message(app) -> str:
    return app.screen.query_one("#compose-message").visual.plain


def _notices(app) -> str:
    box = app.screen.query_one("#compose-notices")
    return box.visual.plain if box.display else ""


def _notified(app) -> str:
    """The notices so far (run_test turns toasts off, so they are read from the app)."""
    return "\n".join(notification.message for notification in app._notifications)


def _current_post(app):
    screen = app.screen
    return screen.posts[screen.current].post


def _older(forum, **delta):
    return forum.now() - timedelta(**(delta or {"hours": 1}))


# ---------------------------------------------------------------------- replying


@run_async
async def test_reply_posts_at_the_end_and_the_cursor_goes_there(
    make_forum_app, personas, demo_forum, seed
):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread(
        "android", app.viewer.id, "Reply here", replies=2, at=_older(demo_forum)
    )
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        assert isinstance(app.screen, ComposeScreen)
        assert "Reply to “Reply here”" in screen_text(app)
        assert _body(app).has_focus
        await _type(pilot, "Thanks, that fixed it")
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, ThreadScreen)
        assert _current_post(app).position == 4
        assert _current_post(app).body == "Thanks, that fixed it"
        assert "Thanks, that fixed it" in screen_text(app)
    assert demo_forum.thread(app.viewer, thread_id).post_count == 4
    assert demo_forum.draft(app.viewer, reply_draft_key(thread_id)) is None


@run_async
async def test_reply_quoting_prefills_a_block_quote(make_forum_app, personas, demo_forum, seed):
    app = make_forum_app(_regular(personas).username)
    other = next(p for p in personas if p.username != app.viewer.username and p.role == "member")
    other_id = demo_forum.sign_in_as(other.username).id
    thread_id = seed.thread(
        "android", other_id, "Quote me", body="First line\n\nSecond line", at=_older(demo_forum)
    )
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "R")
        text = _body(app).text
        assert text.startswith(f"@{other.username} wrote:\n> First line\n>\n> Second line\n")
        await _type(pilot, "Agreed")
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, ThreadScreen)
        posted = _current_post(app)
    assert posted.position == 2
    assert posted.quoted_post_id == demo_forum.thread_posts(app.viewer, thread_id).items[0].id
    assert posted.body.endswith("> Second line\n\nAgreed")


@run_async
async def test_reply_to_a_locked_thread_is_refused_with_a_notice(
    make_forum_app, personas, demo_forum, seed
):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Locked", locked=True, at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        assert isinstance(app.screen, ThreadScreen)
        assert "This thread is locked." in _notified(app)


# ---------------------------------------------------------------------- new threads


@run_async
async def test_new_thread_from_a_board_opens_the_thread(make_forum_app, personas, demo_forum):
    app = make_forum_app(_regular(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        await _press(pilot, "n")
        assert isinstance(app.screen, ComposeScreen)
        assert app.screen.query_one(TitleInput).has_focus
        assert "New thread in Android" in screen_text(app)
        await _type(pilot, "Widget stopped updating")
        await _press(pilot, "tab")
        assert _body(app).has_focus
        await _type(pilot, "Since the update the widget is stuck.\nAny ideas?")
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, ThreadScreen)
        thread = app.screen.thread
        assert thread.title == "Widget stopped updating"
        assert "Widget stopped updating" in screen_text(app)
        await _press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Widget stopped updating" in screen_text(app)
    assert demo_forum.draft(app.viewer, thread_draft_key("android")) is None


@run_async
async def test_new_thread_in_chat_shows_the_guidelines_first(make_forum_app, personas):
    app = make_forum_app(_regular(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("music-exchange")
        await settle(pilot)
        await _press(pilot, "n")
        guidelines = app.screen.query_one("#compose-guidelines")
        assert guidelines.display
        assert "Guidelines for Music Exchange" in guidelines.visual.plain
        assert "ctrl+g to hide" in guidelines.visual.plain
        await _press(pilot, "ctrl+g")
        assert "ctrl+g to show" in guidelines.visual.plain


@run_async
async def test_new_thread_where_the_viewer_may_not_post_says_why(make_forum_app, personas):
    app = make_forum_app("noah")  # unverified email: boards say "Verify your email ..."
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        await _press(pilot, "n")
        assert isinstance(app.screen, HomeScreen)
        assert "Verify your email address before posting." in _notified(app)


# ---------------------------------------------------------------------- editing


@run_async
async def test_edit_own_post_shows_the_edited_mark(make_forum_app, personas, demo_forum, seed):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread(
        "android", app.viewer.id, "Edit me", body="Original text", at=_older(demo_forum)
    )
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "e")
        assert isinstance(app.screen, ComposeScreen)
        title = app.screen.query_one(TitleInput)
        assert title.display and title.value == "Edit me"
        assert _body(app).text == "Original text"
        assert "Edit your post #1" in screen_text(app)
        await _type(pilot, " and more")
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, ThreadScreen)
        edited = _current_post(app)
        assert edited.body == "Original text and more"
        assert "edited" in screen_text(app)
    assert demo_forum.draft(app.viewer, edit_draft_key(edited.id)) is None


@run_async
async def test_edit_someone_elses_post_is_refused_for_members(
    make_forum_app, personas, demo_forum, seed
):
    app = make_forum_app(_regular(personas).username)
    other = next(p for p in personas if p.username != app.viewer.username and p.role == "member")
    thread_id = seed.thread(
        "android", demo_forum.sign_in_as(other.username).id, "Not yours", at=_older(demo_forum)
    )
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "e")
        assert isinstance(app.screen, ThreadScreen)
        assert "You can only edit your own posts." in _notified(app)


@run_async
async def test_moderator_edits_a_members_reply(make_forum_app, personas, demo_forum, seed):
    moderator = persona_with(personas, role="moderator")
    app = make_forum_app(moderator.username)
    member = demo_forum.sign_in_as(_regular(personas).username)
    thread_id = seed.thread(
        "android", member.id, "Moderated", replies=1, reply_author_id=member.id,
        at=_older(demo_forum),
    )  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "j", "e")
        assert not app.screen.query_one(TitleInput).display  # a reply has no title
        assert "’s post #2" in screen_text(app)
        await _type(pilot, " (edited by a moderator)")
        await _press(pilot, "ctrl+s")
        assert _current_post(app).body == "Reply number 1. (edited by a moderator)"


# ---------------------------------------------------------------------- refusals and warnings


@run_async
async def test_empty_post_is_refused_and_the_text_stays(make_forum_app, personas, demo_forum):
    app = make_forum_app(_regular(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        await _press(pilot, "n")
        await _type(pilot, "A title without a post")
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, ComposeScreen)
        assert "can't be posted yet" in _message(app)
        assert "Your post is empty." in _notices(app)
        assert app.screen.query_one(TitleInput).value == "A title without a post"
    draft = demo_forum.draft(app.viewer, thread_draft_key("android"))
    assert draft is not None and draft.title == "A title without a post"


@run_async
async def test_store_refusal_keeps_the_text_and_the_draft(
    make_forum_app, demo_forum, personas, seed
):
    app = make_forum_app("noah")  # unverified: the store refuses the reply
    elena = demo_forum.sign_in_as(_regular(personas).username)
    thread_id = seed.thread("android", elena.id, "Hello noah", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        app.push_screen(compose.reply(app.screen.thread))  # past the `r` pre-check
        await settle(pilot)
        await _type(pilot, "My first post!")
        await _press(pilot, "ctrl+s")
        from forum_tui.screens.verify_email import VerifyEmailDialog  # issue 14

        assert isinstance(app.screen, VerifyEmailDialog)  # the code dialog is offered
        await _press(pilot, "escape")  # later: back to the text
        assert isinstance(app.screen, ComposeScreen)
        assert "Verify your email address before posting." in _message(app)
        assert "Your text is kept" in _message(app)
        assert _body(app).text == "My first post!"
    assert demo_forum.draft(app.viewer, reply_draft_key(thread_id)).body == "My first post!"


@run_async
async def test_personal_data_warning_edit_then_post_anyway(
    make_forum_app, personas, demo_forum, seed
):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Phone", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, PHONE)
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, WarningsDialog)
        assert "phone number" in screen_text(app)
        await _press(pilot, "escape")  # Edit: back to the text, untouched
        assert isinstance(app.screen, ComposeScreen)
        assert _body(app).text == PHONE
        assert _body(app).has_focus
        assert "phone number" in _notices(app)
        assert demo_forum.thread(app.viewer, thread_id).post_count == 1
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, WarningsDialog)
        await _press(pilot, "y")  # Post anyway
        assert isinstance(app.screen, ThreadScreen)
        assert _current_post(app).body == PHONE
    assert demo_forum.thread(app.viewer, thread_id).post_count == 2


# ---------------------------------------------------------------------- drafts


@run_async
async def test_draft_is_restored_after_leaving_with_esc(make_forum_app, personas, demo_forum, seed):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Drafty", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, "Half a thought")
        await _press(pilot, "escape")  # at once: the save happens on the way out
        assert isinstance(app.screen, ThreadScreen)
        assert "Draft saved" in _notified(app)
        assert demo_forum.draft(app.viewer, reply_draft_key(thread_id)).body == "Half a thought"
        await _press(pilot, "r")
        assert _body(app).text == "Half a thought"
        assert "Restored your draft from" in _notified(app)
        await _type(pilot, ", finished")
        await _press(pilot, "ctrl+s")
        assert _current_post(app).body == "Half a thought, finished"
    assert demo_forum.draft(app.viewer, reply_draft_key(thread_id)) is None


@run_async
async def test_draft_is_saved_while_typing(make_forum_app, personas, demo_forum, seed):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Autosave", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, "Typed, not posted")
        await pilot.pause(compose.DRAFT_DELAY + 0.3)
        await settle(pilot)
        draft = demo_forum.draft(app.viewer, reply_draft_key(thread_id))
        assert draft is not None and draft.body == "Typed, not posted"


@run_async
async def test_draft_survives_a_crash(make_forum_app, personas, demo_forum, seed):
    """What a crash leaves behind (a saved draft) comes back when compose opens."""
    app = make_forum_app(_regular(personas).username)
    demo_forum.save_draft(
        app.viewer, thread_draft_key("android"), title="Saved title", body="Saved body"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        await _press(pilot, "n")
        assert app.screen.query_one(TitleInput).value == "Saved title"
        assert _body(app).text == "Saved body"
        assert "Restored your draft from" in _notified(app)


@run_async
async def test_quitting_the_app_while_typing_keeps_the_text(
    make_forum_app, personas, demo_forum, seed
):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Quit", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, "Last words")
        app.exit()  # before the autosave's delay is up
    assert demo_forum.draft(app.viewer, reply_draft_key(thread_id)).body == "Last words"


@run_async
async def test_discard_asks_then_throws_the_draft_away(make_forum_app, personas, demo_forum, seed):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Discard", at=_older(demo_forum))
    demo_forum.save_draft(app.viewer, reply_draft_key(thread_id), body="Never mind")
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _press(pilot, "ctrl+d")
        assert isinstance(app.screen, ConfirmDialog)
        await _press(pilot, "escape")  # keep writing
        assert isinstance(app.screen, ComposeScreen)
        assert _body(app).text == "Never mind"
        await _press(pilot, "ctrl+d")
        await _press(pilot, "y")
        assert isinstance(app.screen, ThreadScreen)
        assert "Draft discarded." in _notified(app)
    assert demo_forum.draft(app.viewer, reply_draft_key(thread_id)) is None


# ---------------------------------------------------------------------- $EDITOR


def _fake_editor(tmp_path, script: str) -> str:
    path = tmp_path / "fake-editor.py"
    path.write_text(script)
    return f"{sys.executable} {path}"


@run_async
async def test_external_editor_text_comes_back(
    make_forum_app, personas, demo_forum, seed, tmp_path, monkeypatch
):
    editor = _fake_editor(
        tmp_path,
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text() + ' and from the editor\\x1b[31m\\n')\n",
    )
    monkeypatch.setenv("VISUAL", editor)
    app = make_forum_app(_regular(personas).username)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # headless: nothing to suspend
    thread_id = seed.thread("android", app.viewer.id, "Editor", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, "Typed here")
        await _press(pilot, "ctrl+e")
        # The editor's text is back, its escape sequence made visible.
        assert _body(app).text == "Typed here and from the editor␛[31m"
        assert "Took back the text" in _message(app)


@run_async
async def test_external_editor_that_fails_keeps_the_text(
    make_forum_app, personas, demo_forum, seed, tmp_path, monkeypatch
):
    app = make_forum_app(_regular(personas).username)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    thread_id = seed.thread("android", app.viewer.id, "Editor", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, "Keep me")
        monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
        await _press(pilot, "ctrl+e")
        assert _body(app).text == "Keep me"
        assert "Couldn't start your editor (no-such-editor)" in _message(app)
        monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, "raise SystemExit(1)\n"))
        await _press(pilot, "ctrl+e")
        assert _body(app).text == "Keep me"
        assert "stopped with an error" in _message(app)


@run_async
async def test_external_editor_where_the_terminal_cannot_suspend(
    make_forum_app, personas, demo_forum, seed
):
    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Editor", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        await _type(pilot, "Still here")
        await _press(pilot, "ctrl+e")  # the headless driver cannot suspend
        assert _body(app).text == "Still here"
        assert "Can't hand the text to an editor here" in _message(app)


# ---------------------------------------------------------------------- safe text


@run_async
async def test_pasted_control_characters_are_made_visible(
    make_forum_app, personas, demo_forum, seed
):
    from textual import events

    app = make_forum_app(_regular(personas).username)
    thread_id = seed.thread("android", app.viewer.id, "Paste", at=_older(demo_forum))
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, thread_id)
        await _press(pilot, "r")
        app.post_message(events.Paste("red \x1b[31mtext\u202e"))  # as the terminal sends it
        await settle(pilot)
        assert _body(app).text == "red ␛[31mtext⟪U+202E⟫"
