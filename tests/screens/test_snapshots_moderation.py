"""Snapshots of moderation: the queue, an item with its context, the audit log, a
suspended member's view (look at the SVGs!)."""

from __future__ import annotations

from datetime import timedelta

from screen_helpers import SIZE, SMALL, persona_with, settle

from forum_tui.store.models import Member


async def _queue(pilot):
    await settle(pilot)
    await pilot.press("Q")
    await settle(pilot)
    await settle(pilot)


def test_report_queue(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="moderator").username)
    assert snap_compare(app, terminal_size=SIZE, run_before=_queue)


def test_report_queue_small(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="moderator").username)
    assert snap_compare(app, terminal_size=SMALL, run_before=_queue)


def test_report_queue_automatic_item_with_context(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="moderator").username)

    async def automatic(pilot):
        await _queue(pilot)
        screen = pilot.app.screen
        index = next(
            i for i, item in enumerate(screen.items) if item.position and item.position > 1
        )
        screen.rows.highlighted = index
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=automatic)


def test_report_queue_light(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="moderator").username)

    async def light(pilot):
        await _queue(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


def test_audit_log(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="staff").username)

    async def log(pilot):
        await settle(pilot)
        pilot.app.action_audit_log()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=log)


def test_suspended_member_view(snap_compare, make_forum_app, personas, demo_forum, seed):
    member = persona_with(personas, role="member", rank="Regular")
    member_id = demo_forum.sign_in_as(member.username).id
    seed.update(Member, member_id, suspended_until=demo_forum.now() + timedelta(days=3))
    app = make_forum_app(member.username)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_removed_post_as_a_member_sees_it(snap_compare, make_forum_app, personas, demo_forum, seed):
    from forum_tui.screens.thread import ThreadScreen

    member = persona_with(personas, role="member", rank="Regular")
    moderator = demo_forum.sign_in_as(persona_with(personas, role="moderator").username)
    author = demo_forum.sign_in_as(member.username)
    at = demo_forum.now() - timedelta(hours=2)
    thread_id = seed.thread("android", author.id, "Selling plays", replies=2, at=at)
    post_id = seed.post_ids(thread_id)[1]
    demo_forum.remove_item(moderator, f"post:{post_id}", "Spam or advertising")
    app = make_forum_app(member.username)

    async def open_it(pilot):
        await settle(pilot)
        pilot.app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_it)


def test_warn_dialog_small(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="moderator").username)

    async def warn(pilot):
        await _queue(pilot)
        await pilot.press("w")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=warn)


def test_suspended_members_profile_as_a_moderator_sees_it(
    snap_compare, make_forum_app, personas, demo_forum, seed
):
    from forum_tui.screens.member_profile import open_profile

    member = persona_with(personas, role="member", rank="Regular")
    member_id = demo_forum.sign_in_as(member.username).id
    seed.update(Member, member_id, suspended_until=demo_forum.now() + timedelta(days=3))
    app = make_forum_app(persona_with(personas, role="moderator").username)

    async def profile(pilot):
        await settle(pilot)
        open_profile(pilot.app, member.username)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=profile)
