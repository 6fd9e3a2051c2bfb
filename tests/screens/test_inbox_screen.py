"""The inbox (I) with Pilot: turning messages on and off, sending, replying, reporting,
blocking, deleting and searching, each by its keys."""

from __future__ import annotations

import time
from datetime import date

from screen_helpers import SIZE, SMALL, run_async, screen_text, settle
from sqlmodel import Session, select

from forum_tui.screens.inbox import InboxScreen
from forum_tui.screens.message_report import MessageReportDialog
from forum_tui.screens.messenger_setting import PrivateMessengerDialog
from forum_tui.screens.new_message import NewMessageDialog
from forum_tui.store.models import Report
from forum_tui.widgets.header import ForumHeader


def inbox_mark(app) -> str:
    shown = app.screen.query_one(ForumHeader).query_one("#header-inbox")
    return str(shown.render()) if shown.display else ""


async def open_inbox(app, pilot) -> InboxScreen:
    await settle(pilot)
    await pilot.press("I")
    await settle(pilot)
    assert isinstance(app.screen, InboxScreen)
    return app.screen


async def write_new_message(pilot, to: str, subject: str, body: str) -> None:
    """``n`` in the inbox, then the recipients, subject and body typed (not sent)."""
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*to, "tab", *subject, "tab", *body)


async def press_button(pilot, key: str) -> None:
    """Press a key on a button, then wait out the button's press animation (a button
    ignores a second press while it still shows the first)."""
    await pilot.press(key)
    await settle(pilot)
    await pilot.pause(0.25)


async def open_row(pilot, screen: InboxScreen, wanted: str) -> None:
    """Highlight the conversation whose subject is ``wanted`` and press enter."""
    for index in range(screen.rows.option_count):
        summary = screen.summaries.get(screen.rows.get_option_at_index(index).id or "")
        if summary is not None and summary.subject == wanted:
            screen.rows.highlighted = index
            break
    else:
        raise LookupError(wanted)
    await pilot.press("enter")
    await settle(pilot)


@run_async
async def test_turning_messages_on_takes_the_disclaimer_accept_and_confirm(
    make_forum_app, demo_forum
):
    app = make_forum_app("hugo")  # an adult who keeps messages off
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        assert inbox_mark(app) == "✉! (I)"
        assert "Your private messages are off." in screen_text(app)
        await pilot.press("n")  # no writing while off
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PrivateMessengerDialog)
        assert "Messages are for members 18 or over." in screen_text(app)
        await press_button(pilot, "enter")  # Accept
        assert "Turn private messages on now?" in screen_text(app)
        assert not demo_forum.inbox_state(app.viewer).messages_on
        await press_button(pilot, "enter")  # Confirm
        assert app.screen is screen
        assert app.viewer.pm_enabled and demo_forum.inbox_state(app.viewer).messages_on
        assert inbox_mark(app) == ""
        assert "Your private messages are off." not in screen_text(app)


@run_async
async def test_turning_messages_off_takes_decline_then_confirm(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        assert "Turn private messages off?" in screen_text(app)
        await press_button(pilot, "enter")  # Decline
        await press_button(pilot, "enter")  # Confirm
        assert not demo_forum.inbox_state(app.viewer).messages_on
        assert "Your private messages are off." in screen_text(app)
        assert inbox_mark(app) == "✉! (I)"


@run_async
async def test_a_member_with_no_birth_date_gives_one_first(make_forum_app, demo_forum, seed):
    seed.member("newbie_nb", is_demo_persona=True, email_verified=True)
    app = make_forum_app("newbie_nb")
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        assert "Your birth date (YYYY-MM-DD)" in screen_text(app)
        await pilot.press(*"11/02/1996", "enter")
        await settle(pilot)
        assert "Type the date as YYYY-MM-DD" in screen_text(app)
        app.screen.query_one("#messenger-birth-date").value = ""
        await pilot.press(*"1996-02-11", "enter")
        await press_button(pilot, "enter")  # Accept
        await press_button(pilot, "enter")  # Confirm
    state = demo_forum.inbox_state(app.viewer)
    assert state.messages_on and demo_forum.who_am_i(app.viewer).birth_date == date(1996, 2, 11)


@run_async
async def test_under_18_is_told_plainly(make_forum_app, demo_forum):
    app = make_forum_app("tilly")
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        assert "Private messages are for members 18 or over." in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        text = screen_text(app)
        assert "Messages open on your 18th birthday." in text and "Accept" not in text
        await pilot.press("enter")  # Close
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    assert not demo_forum.inbox_state(app.viewer).messages_on


@run_async
async def test_sending_a_new_message_with_a_name_completed(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewMessageDialog)
        await pilot.press(*"oska")
        await settle(pilot)
        assert "Matches: oskar (Oskar Lind)" in screen_text(app)
        await pilot.press("right", "tab", *"Crossfade", "tab", *"Is it greyed out for you?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.pane.conversation is not None
        assert screen.pane.conversation.subject == "Crossfade"
    oskar = demo_forum.sign_in_as("oskar")
    [newest, *_] = demo_forum.conversations(oskar).items
    assert newest.subject == "Crossfade" and newest.unread


@run_async
async def test_an_unknown_name_is_named_and_nothing_typed_is_lost(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        await write_new_message(pilot, "nobody_here", "Hi", "Hello!")
        dialog = app.screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "There is no member called nobody_here." in screen_text(app)
        assert dialog.fields == ("nobody_here", "Hi", "Hello!")
        await pilot.press("escape")  # closes, keeping a draft
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.fields == ("nobody_here", "Hi", "Hello!")


@run_async
async def test_a_draft_left_by_esc_is_saved_after_the_dialog_is_gone(
    make_forum_app, demo_forum, monkeypatch
):
    """The save runs in a worker the app owns: a worker of the closing dialog was
    cancelled with it, and a save still on its way could be read past (or never run)."""
    save = demo_forum.save_draft

    def slow_save(*args, **kwargs):
        time.sleep(0.2)
        return save(*args, **kwargs)

    monkeypatch.setattr(demo_forum, "save_draft", slow_save)
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        await write_new_message(pilot, "oskar", "Later", "Half a thought")
        await pilot.press("escape")
        await settle(pilot)
        draft = demo_forum.draft(app.viewer, "message:new")
        assert draft is not None
        assert (draft.extra, draft.title, draft.body) == ("oskar", "Later", "Half a thought")


@run_async
async def test_replying_and_the_unread_mark(make_forum_app, demo_forum):
    app = make_forum_app("mia")  # Marta's last message is unread
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        assert inbox_mark(app) == "✉ 1 (I)"
        await open_row(pilot, screen, "Headphones on a small budget?")
        assert inbox_mark(app) == ""
        await pilot.press("r", *"She picked the closed ones!")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.pane.reply_box.text == ""
        assert "She picked the closed ones!" in screen_text(app)
        await pilot.press("ctrl+s")  # empty: refused in plain words
        await settle(pilot)
        assert "Your message is empty." in screen_text(app)
    marta = demo_forum.sign_in_as("marta")
    conversation = demo_forum.conversations(marta).items[0]
    assert conversation.unread
    last = demo_forum.conversation_messages(marta, conversation.id).items[-1]
    assert last.body == "She picked the closed ones!"


@run_async
async def test_reporting_a_message_needs_a_reason(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await open_row(pilot, screen, "Headphones on a small budget?")
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, MessageReportDialog)
        assert "Report a private message" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "a reason is required" in screen_text(app)
        await pilot.press("enter", "ctrl+s")  # the first reason
        await settle(pilot)
        assert app.screen is screen
    with Session(demo_forum.engine) as session:
        reports = session.exec(
            select(Report).where(Report.reporter_id == app.viewer.id, Report.status == "open")
        ).all()
    assert any(report.message_id is not None for report in reports)


@run_async
async def test_blocking_the_sender(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await open_row(pilot, screen, "grow your streams")
        await pilot.press("b")
        await settle(pilot)
        assert "won't be able to message you, and won't be told" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
    assert [m.username for m in demo_forum.blocked_members(app.viewer)] == ["streamz4u"]


@run_async
async def test_deleting_a_conversation_and_searching(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await pilot.press("slash", *"glasses", "enter")
        await settle(pilot)
        assert "she wears glasses too" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.pane.conversation.subject == "Headphones on a small budget?"
        await pilot.press("d", "y")
        await settle(pilot)
        assert "Headphones on a small budget?" not in screen_text(app)
    subjects = [c.subject for c in demo_forum.conversations(app.viewer).items]
    assert "Headphones on a small budget?" not in subjects


@run_async
async def test_notifications_sit_beside_messages(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_inbox(app, pilot)
        screen.rows.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert "Nothing unread" in screen_text(app) or "unread" in screen_text(app)
        await pilot.press("M")
        await settle(pilot)
        assert "Notifications (" not in screen_text(app)
    assert demo_forum.unread_notification_count(app.viewer) == 0


@run_async
async def test_inbox_is_in_the_palette(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Inbox" in titles


@run_async
async def test_a_message_from_another_process_shows_up(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    marta = demo_forum.sign_in_as("marta")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await open_row(pilot, screen, "Headphones on a small budget?")
        [conversation] = [
            c for c in demo_forum.conversations(marta).items if c.subject.startswith("Head")
        ]
        demo_forum.reply_message(marta, conversation.id, "She should try the closed ones.")
        demo_forum.send_message(marta, ["mia"], "Lo-fi playlist", "Made you a playlist!")
        screen._live_tick()  # what the two-second timer does
        await settle(pilot)
        await settle(pilot)
        text = screen_text(app)
        assert "She should try the closed ones." in text
        assert "Lo-fi playlist" in text


@run_async
async def test_message_text_is_shown_literally(make_forum_app, demo_forum):
    marta = demo_forum.sign_in_as("marta")
    hostile = "[bold red]boo[/] [@click=app.quit]x[/] \x1b[31mred \u202eevil"
    demo_forum.send_message(marta, ["mia"], "[link=http://x]Subject[/link]", hostile)
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await open_row(pilot, screen, "[link=http://x]Subject[/link]")
        text = screen_text(app)
        assert "[bold red]boo[/] [@click=app.quit]x[/]" in text
        assert "[link=http://x]Subject[/link]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert "␛[31mred" in text


@run_async
async def test_the_blocked_list_unblocks(make_forum_app, demo_forum):
    app = make_forum_app("mia")
    [spam] = [c for c in demo_forum.conversations(app.viewer).items if c.subject.startswith("grow")]
    demo_forum.block_member(app.viewer, spam.others[0].id)
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        await pilot.press("B")
        await settle(pilot)
        assert "StreamZ4U" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert "You haven't blocked anyone." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    assert demo_forum.blocked_members(app.viewer) == ()


@run_async
async def test_a_refusal_citing_a_guideline_opens_it_with_f2(make_forum_app):
    """Issue 14: every refusal that cites a guideline leads to it (here guideline 12, no
    blasts: more recipients than a message may have)."""
    from forum_tui.screens.guidelines import GuidelinesScreen

    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(app, pilot)
        await write_new_message(pilot, "ann, bo, cy, di, ed, flo", "Hi all", "Hello!")
        await pilot.press("ctrl+s")
        await settle(pilot)
        refusal = str(app.screen.query_one("#new-message-error").render())
        assert "at most 5 members" in refusal and "f2: read guideline 12" in refusal
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, GuidelinesScreen) and app.screen.cited == 12


async def read_ahead(pilot, screen: InboxScreen) -> None:
    """Wait until the conversation under the cursor has been read ahead (prefetched)."""
    for _ in range(50):
        await settle(pilot)
        if "inbox-conversation" in screen.mounting and screen.pane.prefetched is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the conversation under the cursor was not read ahead")


@run_async
async def test_the_conversation_under_the_cursor_is_read_ahead_and_marked_read_on_open(
    make_forum_app, demo_forum
):
    app = make_forum_app("mia")  # Marta's last message is unread
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await read_ahead(pilot, screen)
        ahead = screen.pane.prefetched
        assert ahead is not None and ahead.head.subject == "Headphones on a small budget?"
        assert demo_forum.unread_conversation_count(app.viewer) == 1  # not marked yet
        await pilot.press("enter")
        await settle(pilot)
        assert screen.pane.prefetched is None  # used once
        assert "Glasses make it even more important." in screen_text(app)
        assert screen.pane.conversation is not None
        assert screen.pane.conversation.message_count == 4
        assert demo_forum.unread_conversation_count(app.viewer) == 0
        assert inbox_mark(app) == ""


@run_async
async def test_a_message_that_arrives_after_the_read_ahead_is_not_missed(
    make_forum_app, demo_forum
):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_inbox(app, pilot)
        await read_ahead(pilot, screen)
        stale = screen.pane.prefetched
        marta = demo_forum.sign_in_as("marta")
        demo_forum.reply_message(marta, stale.head.id, "She should try the grey ones.")
        screen.reload()  # what the live check does when a conversation changes
        await settle(pilot)
        screen.pane.prefetched = stale  # as if read ahead just before the reply arrived
        await pilot.press("enter")
        await settle(pilot)
        assert "She should try the grey ones." in screen_text(app)
        assert screen.pane.conversation is not None
        assert screen.pane.conversation.message_count == 5
