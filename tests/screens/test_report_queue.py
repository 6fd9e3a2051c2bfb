"""The report queue and the thread view's moderation keys, driven with Pilot."""

from __future__ import annotations

from screen_helpers import SIZE, persona_with, run_async, screen_text, settle
from sqlmodel import select

from forum_tui.screens.audit_log import AuditLogScreen
from forum_tui.screens.choice_dialog import ChoiceDialog
from forum_tui.screens.report_queue import ReportQueueScreen
from forum_tui.screens.suspend_dialog import SuspendDialog
from forum_tui.screens.thread import ThreadScreen
from forum_tui.screens.warn_dialog import WarnDialog
from forum_tui.store.models import Member, Post, Report, Thread

HOSTILE = "[bold red]boo[/] [@click=app.quit]x[/] \x1b[31mred \u202eevil"


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def moderator(personas):
    return persona_with(personas, role="moderator")


async def open_queue(pilot):
    await settle(pilot)
    await pilot.press("Q")
    await settle(pilot)
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReportQueueScreen)
    return pilot.app.screen


def open_reports(forum) -> int:
    with forum._reading() as session:
        return len(session.exec(select(Report.id).where(Report.status == "open")).all())


@run_async
async def test_q_opens_the_queue_with_the_most_reported_item_first(make_forum_app, personas):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.items[0].report_count == max(item.report_count for item in screen.items)
        text = screen_text(app)
        assert "Report queue" in text and "open (Q)" in text
        assert "Reports (" in text and "Context" in text


@run_async
async def test_the_queue_opens_with_its_rows_and_first_item_in_one_read(
    make_forum_app, personas, demo_forum, monkeypatch
):
    """The first page and the first item in full are read once, while the screen is
    built; its first paint has both (no "Loading…", no second read on opening)."""
    reads: list[str] = []
    for name in ("report_queue", "report_item"):
        original = getattr(demo_forum, name)
        monkeypatch.setattr(
            demo_forum, name, lambda *a, _o=original, _n=name, **k: reads.append(_n) or _o(*a, **k)
        )
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert reads == ["report_queue", "report_item"]
        assert screen.shown_key == screen.items[0].key
        assert "Loading" not in screen_text(app)


@run_async
async def test_hostile_text_in_a_reported_post_and_its_reason_stays_literal(
    make_forum_app, personas, demo_forum
):
    """A reported post's words and the reporter's reason reach the queue's row and its
    detail only through the safe-text path: no markup, no escape, no direction override."""
    writer, reporter = demo_forum.sign_in_as("priya"), demo_forum.sign_in_as("mia")
    thread = demo_forum.board_threads(writer, "android", None, 5).items[-1]
    posted = demo_forum.reply(writer, thread.id, f"Odd one: {HOSTILE}", accept_warnings=True)
    demo_forum.report_post(reporter, posted.post_id, f"Reason {HOSTILE}")
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        keys = [item.key for item in screen.items]
        reported = next(item for item in screen.items if item.key == f"post:{posted.post_id}")
        screen.rows.highlighted = keys.index(reported.key)
        await settle(pilot)
        await settle(pilot)
        assert screen.shown_key == reported.key
        text = screen_text(app)
        assert "[bold red]boo[/]" in text and "[@click=app.quit]x[/]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert app.is_running


@run_async
async def test_members_have_no_queue(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        assert not isinstance(app.screen, ReportQueueScreen)
        assert "open (Q)" not in screen_text(app)


@run_async
async def test_d_dismisses_and_the_cursor_lands_on_the_next_item(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        before = open_reports(forum)
        first, second = screen.items[0], screen.items[1]
        await pilot.press("d")
        await settle(pilot)
        await settle(pilot)
        assert open_reports(forum) == before - first.report_count
        assert screen.current_item().key == second.key
        assert any(n.startswith("Dismissed") for n in notices(app))
        await pilot.press("u")
        await settle(pilot)
        await settle(pilot)
        assert open_reports(forum) == before


@run_async
async def test_x_removes_with_the_reported_reason(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        item = screen.items[0]
        await pilot.press("x")
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            post = session.get(Post, item.target_id)
            assert post.removed and post.removed_reason


@run_async
async def test_space_marks_several_and_one_key_acts_on_all(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        before = open_reports(forum)
        marked = screen.items[:3]
        await pilot.press("space", "space", "space")
        assert screen.marked == {item.key for item in marked}
        await pilot.press("d")
        await settle(pilot)
        await settle(pilot)
        assert open_reports(forum) == before - sum(item.report_count for item in marked)
        assert not screen.marked
        assert "Done for 3 items." in " ".join(notices(app))


@run_async
async def test_lock_vault_and_claim_keys(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        item = next(i for i in screen.items if i.kind == "post")
        screen.rows.highlighted = screen.items.index(item)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await settle(pilot)
        assert screen.current_item().claimed_by_viewer
        await pilot.press("L")
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            assert session.get(Thread, item.thread_id).locked
        await pilot.press("u")
        await settle(pilot)
        screen.rows.highlighted = 0
        await settle(pilot)
        item = screen.current_item()
        await pilot.press("V")
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            assert session.get(Thread, item.thread_id).origin_board_id is not None


@run_async
async def test_move_warn_and_suspend_dialogs(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        item = next(i for i in screen.items if i.kind == "post")
        screen.rows.highlighted = screen.items.index(item)
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WarnDialog)
        app.screen.query_one("#warn-text").text = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "empty warning" in screen_text(app)
        app.screen.query_one("#warn-text").text = "Please keep to the guidelines."
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert any("arning" in n for n in notices(app))
        author = item.author.id
        screen.rows.highlighted = 0
        await settle(pilot)
        target = screen.current_item()
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, SuspendDialog)
        app.screen.query_one("#suspend-custom").focus()
        await pilot.press(*"400d", "enter")
        await settle(pilot)
        assert "1 hour to 365 days" in screen_text(app)
        app.screen.query_one("#suspend-lengths").focus()
        await pilot.press("enter")  # 1 day
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            assert session.get(Member, target.author.id).suspended_until is not None
        assert author


@run_async
async def test_slash_filters_and_o_sorts(make_forum_app, personas):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        total = len(screen.items)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("enter")  # kind
        await settle(pilot)
        await pilot.press("j", "j", "enter")  # messages
        await settle(pilot)
        await settle(pilot)
        assert screen.flt.kind == "message"
        assert 0 < len(screen.items) < total
        assert all(item.kind == "message" for item in screen.items)
        await pilot.press("o")
        await settle(pilot)
        assert screen.flt.sort == "age"


@run_async
async def test_an_item_handled_elsewhere_says_so_and_refreshes(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        item = screen.items[0]
        staff = forum.sign_in_as(persona_with(personas, role="staff").username)
        forum.dismiss_reports(staff, item.key, seen=item.report_ids)
        await pilot.press("x")
        await settle(pilot)
        await settle(pilot)
        assert any("Another moderator" in n for n in notices(app))
        assert item.key not in [i.key for i in screen.items]
        with forum._reading() as session:
            assert not session.get(Post, item.target_id).removed


@run_async
async def test_moderation_keys_on_the_thread_view(make_forum_app, personas, forum, seed):
    mod = moderator(personas)
    app = make_forum_app(mod.username)
    author = forum.sign_in_as(persona_with(personas, role="member", rank="Regular").username)
    thread_id = seed.thread("android", author.id, "Trouble thread", replies=2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            assert session.get(Thread, thread_id).locked
        await pilot.press("j", "x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        post_id = seed.post_ids(thread_id)[1]
        with forum._reading() as session:
            assert session.get(Post, post_id).removed
        assert "removed by a moderator" in screen_text(app).lower()


@run_async
async def test_members_do_not_get_the_moderation_keys_in_a_thread(make_forum_app, personas, seed):
    member = persona_with(personas, role="member", rank="Regular")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Mine", replies=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        with app.forum._reading() as session:
            assert not session.get(Thread, thread_id).locked


@run_async
async def test_audit_log_from_the_palette(make_forum_app, personas):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_audit_log()
        await settle(pilot)
        assert isinstance(app.screen, AuditLogScreen)
        assert app.screen.entries
        assert "Audit log" in screen_text(app)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Report queue" in commands and "Audit log" in commands


@run_async
async def test_only_moderators_get_the_palette_commands(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Report queue" not in commands and "Audit log" not in commands
        app.action_audit_log()
        await settle(pilot)
        assert not isinstance(app.screen, AuditLogScreen)


@run_async
async def test_e_edits_the_item_and_closes_its_reports(make_forum_app, personas, forum):
    from forum_tui.screens.compose import ComposeScreen

    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        index, item = next(
            (i, it) for i, it in enumerate(screen.items) if it.kind == "post" and it.position > 1
        )
        screen.rows.highlighted = index
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        app.screen.query_one("#compose-body").text = "Edited by a moderator: [removed link]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            post = session.get(Post, item.target_id)
            assert post.body == "Edited by a moderator: [removed link]"
            still_open = session.exec(
                select(Report.id).where(Report.post_id == item.target_id, Report.status == "open")
            ).all()
        assert not still_open
        assert isinstance(app.screen, ReportQueueScreen)


@run_async
async def test_undo_works_after_the_last_item_emptied_the_queue(make_forum_app, personas, forum):
    from dataclasses import replace

    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        screen.flt = replace(screen.flt, kind="message")
        screen.load_queue()
        await settle(pilot)
        assert len(screen.items) == 1
        await pilot.press("d")
        await settle(pilot)
        await settle(pilot)
        assert not screen.items and "queue is empty" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        await settle(pilot)
        assert len(screen.items) == 1


@run_async
async def test_audit_log_filters_by_action(make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="staff").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_audit_log()
        await settle(pilot)
        screen = app.screen
        total = len(screen.entries)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("j", "enter")  # Action
        await settle(pilot)
        await pilot.press("j", "j", "j", "enter")  # Edited? whichever: the 3rd action
        await settle(pilot)
        await settle(pilot)
        assert screen.flt.action is not None
        assert all(entry.action == screen.flt.action for entry in screen.entries)
        assert len(screen.entries) < total
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("escape")  # cancelling keeps the filter
        await settle(pilot)
        assert screen.flt.action is not None


@run_async
async def test_refresh_keeps_the_cursor_on_the_same_item(make_forum_app, personas, forum):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        screen.rows.highlighted = 3
        await settle(pilot)
        watched = screen.current_item().key
        first = screen.items[0]
        staff = forum.sign_in_as(persona_with(personas, role="staff").username)
        forum.dismiss_reports(staff, first.key)  # someone else clears the top item
        screen._quiet_refresh()
        await settle(pilot)
        await settle(pilot)
        assert first.key not in [item.key for item in screen.items]
        assert screen.current_item().key == watched


@run_async
async def test_enter_opens_the_thread_at_the_reported_post(make_forum_app, personas):
    app = make_forum_app(moderator(personas).username)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        item = screen.current_item()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.thread_id == item.thread_id
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is screen
