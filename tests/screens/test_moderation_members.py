"""Lifting a suspension where the member is seen (their profile, their post in a thread)
and undoing an edit from the queue, driven with Pilot; the store is checked after."""

from __future__ import annotations

from datetime import timedelta

from screen_helpers import SIZE, persona_with, run_async, screen_text, settle
from sqlmodel import select

from forum_tui.screens.member_profile import MemberProfileScreen, open_profile
from forum_tui.screens.report_queue import ReportQueueScreen
from forum_tui.screens.suspend_dialog import LIFT, SuspendDialog
from forum_tui.screens.thread import ThreadScreen
from forum_tui.store.models import Member, Post, Report


def _suspended_member(forum, personas, seed):
    member = persona_with(personas, role="member", rank="Regular")
    member_id = forum.sign_in_as(member.username).id
    seed.update(Member, member_id, suspended_until=forum.now() + timedelta(days=3))
    return member.username, member_id


def _suspended_until(forum, member_id):
    with forum._reading() as session:
        return session.get(Member, member_id).suspended_until


def _notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def _lift_with_b(pilot) -> None:
    await pilot.press("B")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SuspendDialog)
    lengths = dialog.query_one("#suspend-lengths")
    assert lengths.get_option_at_index(0).id == LIFT  # offered first, highlighted
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)


@run_async
async def test_b_on_a_suspended_members_profile_lifts_it(make_forum_app, personas, forum, seed):
    username, member_id = _suspended_member(forum, personas, seed)
    app = make_forum_app(persona_with(personas, role="moderator").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_profile(app, username)
        await settle(pilot)
        assert isinstance(app.screen, MemberProfileScreen)
        assert "suspended until" in screen_text(app) and "B lifts it" in screen_text(app)
        await _lift_with_b(pilot)
        assert _suspended_until(forum, member_id) is None
        assert any("can write again." in n for n in _notices(app))
        assert isinstance(app.screen, MemberProfileScreen)
        assert "suspended until" not in screen_text(app)  # the profile reloaded
        await pilot.press("u")  # undo brings the suspension back
        await settle(pilot)
        await settle(pilot)
        assert _suspended_until(forum, member_id) is not None


@run_async
async def test_b_on_a_suspended_authors_post_in_a_thread_lifts_it(
    make_forum_app, personas, forum, seed
):
    username, member_id = _suspended_member(forum, personas, seed)
    thread_id = seed.thread("android", member_id, "Posted before the suspension", replies=1)
    app = make_forum_app(persona_with(personas, role="moderator").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await _lift_with_b(pilot)
        assert _suspended_until(forum, member_id) is None
        assert isinstance(app.screen, ThreadScreen)
        assert username


@run_async
async def test_members_neither_see_nor_lift_a_suspension_on_a_profile(
    make_forum_app, personas, forum, seed
):
    username, member_id = _suspended_member(forum, personas, seed)
    other = next(p for p in personas if p.role == "member" and p.username != username)
    app = make_forum_app(other.username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_profile(app, username)
        await settle(pilot)
        assert "suspended until" not in screen_text(app)
        await pilot.press("B")
        await settle(pilot)
        assert not isinstance(app.screen, SuspendDialog)
        assert _suspended_until(forum, member_id) is not None


@run_async
async def test_u_takes_back_an_edit_made_from_the_queue(make_forum_app, personas, forum):
    app = make_forum_app(persona_with(personas, role="moderator").username)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportQueueScreen)
        index, item = next(
            (i, it) for i, it in enumerate(screen.items) if it.kind == "post" and it.position > 1
        )
        with forum._reading() as session:
            before = session.get(Post, item.target_id).body
        screen.rows.highlighted = index
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#compose-body").text = "Edited by a moderator: [removed link]"
        await pilot.press("ctrl+s")
        for _ in range(3):
            await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await settle(pilot)
        with forum._reading() as session:
            assert session.get(Post, item.target_id).body == before
            reopened = session.exec(
                select(Report.id).where(Report.post_id == item.target_id, Report.status == "open")
            ).all()
        assert len(reopened) == item.report_count
        assert any("before the edit" in n for n in _notices(app))
        assert item.key in [it.key for it in screen.items]  # back in the queue
