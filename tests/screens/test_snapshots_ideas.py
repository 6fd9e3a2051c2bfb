"""Snapshots of the Idea Exchange and Ongoing Issues (look at the SVGs!).

Update after an intended change with
``pytest tests/screens/test_snapshots_ideas.py --snapshot-update``.
"""

from __future__ import annotations

from screen_helpers import SIZE, SMALL, settle, suggested
from textual.widgets import Select

from forum_tui.screens.idea_form import SimilarIdeas
from forum_tui.screens.thread import ThreadScreen


def _open_board(slug: str):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.screen.open_board(slug)
        await settle(pilot)

    return run_before


def _open_thread(thread_id: int):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)

    return run_before


def _with_status(forum, viewer, slug: str, key: str):
    return forum.status_threads(viewer, slug, status=key).items[0]


def test_idea_list(snap_compare, make_forum_app):
    app = make_forum_app("priya")
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_board("idea-submissions"))


def test_idea_list_small(snap_compare, make_forum_app):
    app = make_forum_app("priya")
    assert snap_compare(app, terminal_size=SMALL, run_before=_open_board("idea-submissions"))


def test_idea_with_a_status_note(snap_compare, make_forum_app, demo_forum):
    app = make_forum_app("priya")
    idea = _with_status(demo_forum, app.viewer, "idea-submissions", "under_consideration")
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_thread(idea.id))


def test_idea_form_with_suggestions_and_a_warning(snap_compare, make_forum_app):
    app = make_forum_app("priya")

    async def run_before(pilot):
        await _open_board("idea-submissions")(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        form.query_one("#idea-label", Select).value = "Playlists"
        await pilot.press(*"playlist folders")
        form.body_area.load_text(
            "Right now folders only exist on desktop. Please add folders on mobile, and also "
            "add notes to playlists, and another thing: sort by tempo."
        )
        await pilot.pause(0.7)  # the requirement check runs after a pause
        await suggested(pilot, form.query_one(SimilarIdeas))
        form.body_area.cursor_blink = False

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_ongoing_issues_board(snap_compare, make_forum_app):
    app = make_forum_app("priya")
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_board("ongoing-issues"))


def test_issue_thread_with_status_updates(snap_compare, make_forum_app, demo_forum):
    app = make_forum_app("jonas")
    issue = _with_status(demo_forum, app.viewer, "ongoing-issues", "under_investigation")
    jonas = app.viewer
    demo_forum.set_status(jonas, issue.id, "need_more_info", "Which app version do you use?")
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_thread(issue.id))


def test_issue_thread_light_small(snap_compare, make_forum_app, demo_forum):
    app = make_forum_app("priya")
    issue = _with_status(demo_forum, app.viewer, "ongoing-issues", "under_investigation")

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("ctrl+t")
        await _open_thread(issue.id)(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_idea_form_small(snap_compare, make_forum_app):
    app = make_forum_app("priya")

    async def run_before(pilot):
        await _open_board("idea-submissions")(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        await pilot.press(*"playlist folders")
        form.body_area.load_text("Right now folders only exist on desktop. Add them on mobile.")
        await pilot.pause(0.7)  # the requirement check runs after a pause
        await suggested(pilot, form.query_one(SimilarIdeas))
        form.body_area.cursor_blink = False

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
