"""Ideas and Ongoing Issues on screen: the idea list, the submit form with live
suggestions and requirement warnings, votes, a moderator's status change, me too."""

from __future__ import annotations

import time

from screen_helpers import SIZE, run_async, screen_text, settle, suggested
from textual.widgets import Input, Select, TextArea

from forum_tui.screens.confirm_dialog import ConfirmDialog, WarningsDialog
from forum_tui.screens.idea_form import IdeaFormScreen, SimilarIdeaList, SimilarIdeas
from forum_tui.screens.ideas import StatusBoardPane, StatusList
from forum_tui.screens.status_dialog import StatusDialog
from forum_tui.screens.thread import ThreadScreen

BODY = (
    "Right now the queue on Android has no way to keep a song at the top when I add more. "
    "I'd like to pin one song so it always plays next, even when I add whole albums later."
)


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def open_board(pilot, slug: str) -> StatusBoardPane:
    await settle(pilot)
    pilot.app.screen.open_board(slug)
    await settle(pilot)
    return pilot.app.screen.query_one(StatusBoardPane)


def first_idea(forum, viewer, slug="idea-submissions", *, author_not=None, **kw):
    for thread in forum.status_threads(viewer, slug, **kw).items:
        if author_not is None or thread.author.id != author_not:
            return thread
    raise LookupError(slug)


@run_async
async def test_idea_list_sorts_filters_and_shows_meanings(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_board(pilot, "idea-submissions")
        rows = list(pane.query_one(StatusList).threads.values())
        votes = [row.vote_count for row in rows]
        assert votes == sorted(votes, reverse=True) and votes[0] > 0
        assert "sorted by most votes" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert "sorted by newest" in screen_text(app)
        created = [row.created_at for row in pane.query_one(StatusList).threads.values()]
        assert created == sorted(created, reverse=True)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # Any status, Live Idea, Under Consideration
        await settle(pilot)
        rows = list(pane.query_one(StatusList).threads.values())
        assert rows and {row.status for row in rows} == {"Under Consideration"}
        await pilot.press("i")
        await settle(pilot)
        text = screen_text(app)
        assert "What the statuses mean" in text and "Not Right Now" in text
        assert "One change request per idea" in text


@run_async
async def test_vote_from_the_list_and_take_it_back(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_board(pilot, "idea-submissions")
        listing = pane.query_one(StatusList)
        listing.focus()
        priya = app.viewer.id
        index = next(i for i, t in enumerate(listing.threads.values()) if t.author.id != priya)
        listing.highlighted = index
        thread = list(listing.threads.values())[index]
        detail = demo_forum.status_detail(app.viewer, thread.id)
        await pilot.press("v")
        await settle(pilot)
        after = listing.threads[str(thread.id)].vote_count
        assert after == thread.vote_count + (-1 if detail.voted else 1)
        await pilot.press("v")
        await settle(pilot)
        assert listing.threads[str(thread.id)].vote_count == thread.vote_count
        assert any("Vote" in n or "Voted" in n for n in notices(app))


@run_async
async def test_suggestions_follow_each_key_one_lookup_at_a_time(
    make_forum_app, demo_forum, monkeypatch
):
    """No pause after typing: each key asks, but only one lookup runs at a time (in one
    thread); keys pressed meanwhile are asked together when it ends, and a stale answer
    never shows."""
    app = make_forum_app("priya")
    asked: list[str] = []
    lookup = SimilarIdeas._lookup
    slow = [0.0]

    running: list[str] = []

    def counting(self, title):
        assert not running, "a lookup started while another ran"
        running.append(title)
        asked.append(title)
        time.sleep(slow[0])  # a slow lookup: keys pressed meanwhile must wait and merge
        try:
            return lookup(self, title)
        finally:
            running.clear()

    monkeypatch.setattr(SimilarIdeas, "_lookup", counting)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, "idea-submissions")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        similar = form.query_one(SimilarIdeas)
        await pilot.press(*"pla")
        await suggested(pilot, similar)  # no 300 ms wait: asked at once
        assert asked == ["pla"] and similar.shown == "pla"
        slow[0] = 0.5
        await pilot.press(*"ylist folders")
        await suggested(pilot, similar)
        assert asked[1].startswith("play") and asked[-1] == "playlist folders"
        assert len(asked) < 1 + len("ylist folders")  # keys pressed meanwhile merged
        expected = demo_forum.idea_suggestions(app.viewer, "playlist folders")
        assert expected and similar.has_class("-shown")
        assert [i.thread_id for i in similar.ideas.values()] == [i.thread_id for i in expected]


@run_async
async def test_suggestions_change_within_a_word_rows_replaced_in_place(make_forum_app, demo_forum):
    """The last word counts as it is typed: "pla", "play" and "playl" each bring their
    own ideas; while the count of rows stays, the rows are replaced in place (the same
    options with new prompts: no layout)."""
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, "idea-submissions")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        similar = form.query_one(SimilarIdeas)
        listing = form.query_one(SimilarIdeaList)
        shown = []
        for keys in ("pla", "y", "l"):
            options = list(listing.options)
            await pilot.press(*keys)
            await suggested(pilot, similar)
            expected = demo_forum.idea_suggestions(app.viewer, similar.asked)
            ids = [i.thread_id for i in similar.ideas.values()]
            assert ids == [i.thread_id for i in expected] and ids not in shown
            shown.append(ids)
            if keys == "y":  # as many rows as "pla" brought: the same options
                assert len(ids) == len(shown[0]) and list(listing.options) == options
        assert all("playlist" in idea.title.casefold() for idea in similar.ideas.values())
        assert "Smart playlists" in screen_text(app)


@run_async
async def test_submit_flow_with_live_suggestions_and_a_requirement_warning(
    make_forum_app, demo_forum
):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, "idea-submissions")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, IdeaFormScreen)
        await pilot.press(*"playlist")
        similar = form.query_one(SimilarIdeas)
        await suggested(pilot, similar)
        suggestions = form.query_one(SimilarIdeaList)
        assert suggestions.option_count > 0  # similar ideas, as you type
        await pilot.press("ctrl+o")
        idea = similar.hit_at(0)
        await pilot.press("v")
        await settle(pilot)
        voted = similar.ideas[str(idea.thread_id)]
        if not idea.closed and idea.vote_count is not None:
            assert voted.voted != idea.voted
        await pilot.press("escape")  # back to the subject
        form.title_input.value = "Pin a song to the top of the queue"
        form.query_one("#idea-label", Select).value = "Android"
        form.body_area.load_text(BODY + " Also please add a sleep timer and another thing: lyrics.")
        await pilot.pause(0.6)
        await settle(pilot)
        assert "Requirement 3" in screen_text(app)  # warned as they write
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WarningsDialog)
        await pilot.press("escape")  # edit
        await settle(pilot)
        form.body_area.load_text(BODY)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert "[Android] Pin a song to the top of the queue" in screen_text(app)


@run_async
async def test_no_label_is_refused_and_the_text_kept(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, "idea-submissions")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        form.title_input.value = "Pin a song to the top of the queue"
        form.body_area.load_text(BODY)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "square brackets" in screen_text(app)
        assert "Pick a label with ctrl+l" in screen_text(app)
        assert form.body_area.text == BODY
        assert form.query_one("#idea-tags", Input).value == ""


@run_async
async def test_vote_on_an_idea_in_the_thread(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    idea = first_idea(demo_forum, app.viewer, author_not=app.viewer.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(idea.id))
        await settle(pilot)
        before = app.screen.status
        await pilot.press("v")
        await settle(pilot)
        assert app.screen.status.vote_count == before.vote_count + (-1 if before.voted else 1)
        assert "Status:" in screen_text(app)


@run_async
async def test_moderator_changes_an_issue_status_and_a_race_is_asked_again(
    make_forum_app, demo_forum
):
    app = make_forum_app("jonas")
    issue = first_idea(demo_forum, app.viewer, "ongoing-issues")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(issue.id))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StatusDialog)
        # Meanwhile another moderator changes it.
        elena = demo_forum.sign_in_as("elena")
        other = "wont_fix" if issue.status_key != "wont_fix" else "fixed"
        demo_forum.set_status(elena, issue.id, other, "Changed by Elena.")
        options = dialog.query_one("#status-options")
        keys = [o.key for o in dialog.detail.options]
        options.highlighted = keys.index("under_investigation")
        dialog.query_one("#status-note", TextArea).load_text("Passed to the team.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, StatusDialog)  # asked again, with the new state
        assert again.detail.status_key == other
        assert again.query_one("#status-note", TextArea).text == "Passed to the team."
        options = again.query_one("#status-options")
        options.highlighted = [o.key for o in again.detail.options].index("under_investigation")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.status.status == "Under Investigation"
        assert "Status update: Under Investigation" in screen_text(app)


@run_async
async def test_member_says_me_too_and_is_offered_to_subscribe(make_forum_app, demo_forum):
    app = make_forum_app("noah")
    noah = app.viewer
    issues = demo_forum.status_threads(noah, "ongoing-issues").items
    issue = next(i for i in issues if i.status_key != "fixed")
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(issue.id))
        await settle(pilot)
        before = app.screen.status
        await pilot.press("v")
        await settle(pilot)
        if before.voted:  # priya had said me too in the demo: take it back, then again
            await pilot.press("v")
            await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) or before.subscribed
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("y")
            await settle(pilot)
            assert demo_forum.is_subscribed(app.viewer, "thread", issue.id)
        assert app.screen.status.voted


@run_async
async def test_a_member_opening_a_fixed_issue_is_offered_a_help_thread(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    fixed = demo_forum.status_threads(app.viewer, "ongoing-issues", status="fixed").items
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(fixed[0].id))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "This issue is fixed" in screen_text(app)


@run_async
async def test_moderator_moves_a_help_thread_in_and_back(make_forum_app, demo_forum, seed):
    app = make_forum_app("jonas")
    author = demo_forum.sign_in_as("priya").id
    thread_id = seed.thread("android", author, "Lock screen controls vanish")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(thread_id))
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.status.status == "New Issue Report"
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.status.kind == ""
        assert any("Moved back" in n for n in notices(app))


def test_idea_typing_benchmark_smoke():
    """benchmarks/idea_typing.py's steps on its bare Textual apps (ui_latency's pty)."""
    import importlib.util
    import sys
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "benchmarks"
    spec = importlib.util.spec_from_file_location("idea_typing", folder / "idea_typing.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.SUBJECTS = ("abcd", "xyz")
    times = module.bare_times(gap=0.3, repeat=1)
    assert len(times["o: re-sort"]) == 3
    assert len(times["key to echo"]) == 7 and all(e == e for e in times["key to echo"])
    suggested = times["key to new suggestion"]
    assert len(suggested) == 3 and all(s == s for s in suggested)  # no nan: each painted
    row = module._row("key to new suggestion", suggested, "50ms", "bare", suggested)
    assert "1.0x" in row


@run_async
async def test_the_idea_draft_keeps_subject_label_body_and_tags(make_forum_app, demo_forum):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, "idea-submissions")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        form.title_input.value = "Pin a song"
        form.query_one("#idea-label", Select).value = "Android"
        form.query_one("#idea-tags", Input).value = "queue, pins"
        form.body_area.load_text(BODY)
        await pilot.pause(0.7)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, IdeaFormScreen)
        await pilot.press("n")
        await settle(pilot)
        again = app.screen
        assert again.title_input.value == "Pin a song"
        assert again.query_one("#idea-label", Select).value == "Android"
        assert again.query_one("#idea-tags", Input).value == "queue, pins"
        assert again.body_area.text == BODY


@run_async
async def test_moderator_merges_with_m_and_the_duplicate_leads_to_the_survivor(
    make_forum_app, demo_forum
):
    ideas = demo_forum.status_threads(demo_forum.sign_in_as("priya"), "idea-submissions").items
    duplicate, survivor = ideas[-1], ideas[0]
    app = make_forum_app("jonas")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(duplicate.id))
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#merge-id", Input).value = str(survivor.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any(n.startswith("Merged:") for n in notices(app))
        assert "Merged into" in screen_text(app)  # moderators stay, with a note
    member = make_forum_app("priya")
    async with member.run_test(size=SIZE) as pilot:
        await settle(pilot)
        member.push_screen(ThreadScreen(duplicate.id))
        for _ in range(5):  # thread, then its status, then the survivor: three workers
            await settle(pilot)
            if member.screen.thread_id == survivor.id and member.screen.thread is not None:
                break
        assert isinstance(member.screen, ThreadScreen)
        assert member.screen.thread_id == survivor.id
        assert any("merged into another one" in n for n in notices(member))


@run_async
async def test_submit_an_idea_from_the_palette(make_forum_app):
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Submit an idea")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IdeaFormScreen)


@run_async
async def test_question_mark_lists_the_status_keys_for_a_moderator(make_forum_app, demo_forum):
    app = make_forum_app("jonas")
    issue = first_idea(demo_forum, app.viewer, "ongoing-issues")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(issue.id))
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        # The list scrolls (a moderator's thread has many keys): read all of it.
        listed = " ".join(text for _, text in app.screen.here)
        assert "Me too" in listed and "Status" in listed and "Ongoing Issues" in listed


@run_async
async def test_me_too_from_the_ongoing_issues_list_offers_to_follow(make_forum_app, demo_forum):
    app = make_forum_app("noah")  # a newcomer: no me-too votes, follows nothing
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_board(pilot, "ongoing-issues")
        listing = pane.query_one(StatusList)
        listing.focus()
        listing.highlighted = 0
        thread = next(iter(listing.threads.values()))
        await pilot.press("v")
        await settle(pilot)
        assert listing.threads[str(thread.id)].vote_count == thread.vote_count + 1
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert demo_forum.is_subscribed(app.viewer, "thread", thread.id)


@run_async
async def test_hostile_text_in_a_suggested_idea_stays_literal(make_forum_app, demo_forum):
    """An idea's title is member text: in the live suggestions, markup stays literal,
    an action link does nothing, and no control byte reaches the terminal."""
    author = demo_forum.sign_in_as("oskar")
    label = demo_forum.community.idea_labels[0]
    hostile = "Zebra [bold]loud[/bold] [@click=app.quit]quit[/] \x1b[31mred \u202eevil"
    demo_forum.submit_idea(author, hostile, BODY, label=label, accept_warnings=True)
    app = make_forum_app("priya")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, "idea-submissions")
        await pilot.press("n")
        await settle(pilot)
        similar = app.screen.query_one(SimilarIdeas)
        await pilot.press(*"zebra")
        await suggested(pilot, similar)
        shown = screen_text(app)
        assert "[bold]loud[/bold]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "\u202e" not in shown
        await pilot.click(SimilarIdeaList)
        await settle(pilot)
        assert app.is_running
