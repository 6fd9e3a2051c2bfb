"""The search screen (``/``): queries, operators, malformed queries, opening a result at
its post, coming back, permissions, hostile snippets, similar threads while composing."""

from __future__ import annotations

from screen_helpers import SIZE, run_async, screen_text, settle, suggested

from forum_tui.screens.search import (
    HighlightedBody,
    SearchResults,
    SearchScreen,
    highlighted,
    lead_to_match,
    toggle_sort,
)
from forum_tui.screens.thread import ThreadScreen


async def _search(pilot, query: str) -> SearchScreen:
    await settle(pilot)
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
        await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_input.value = query
    screen.query_input.focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


def _hits(screen: SearchScreen):
    return list(screen.hits.values())


def test_toggle_sort_adds_and_removes_sort_new():
    assert toggle_sort("battery") == "battery sort:new"
    assert toggle_sort("battery sort:new") == "battery"
    assert toggle_sort("sort:relevance battery") == "battery sort:new"
    assert toggle_sort("a SORT:newest b") == "a b"


def test_highlight_survives_sanitising():
    text = "ab\x1bcd word \x1b[31m end"
    content = highlighted(text, ((6, 10),))
    assert "\x1b" not in content.plain
    spans = [content.plain[s.start : s.end] for s in content.spans]
    assert "word" in spans


@run_async
async def test_slash_opens_search_and_finds_a_word(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "battery")
        hits = _hits(screen)
        assert hits
        for hit in hits:
            assert "battery" in (hit.snippet + hit.thread_title).casefold()
        assert "results, best first" in screen_text(app) or "result, best first" in screen_text(app)


@run_async
async def test_slash_is_typed_not_searched_inside_an_input(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "")
        screen.query_input.value = "a"
        screen.query_input.focus()
        await pilot.press("slash")
        assert screen.query_input.value == "a/"
        assert app.screen is screen


@run_async
async def test_operators_narrow_the_results(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "playlist")
        everything = len(_hits(screen))
        boards = {hit.board_slug for hit in _hits(screen)}
        assert len(boards) > 1
        screen = await _search(pilot, "board:music-exchange playlist")
        narrowed = _hits(screen)
        assert narrowed and len(narrowed) < everything
        assert {hit.board_slug for hit in narrowed} == {"music-exchange"}
        screen = await _search(pilot, "author:oskar")
        assert _hits(screen)
        assert {hit.author.username for hit in _hits(screen)} == {"oskar"}


@run_async
async def test_malformed_queries_say_what_is_wrong_and_keep_the_query(make_forum_app):
    app = make_forum_app("mia")
    cases = {
        "before:tomorrow": "needs a date",
        "bored:x": "Unknown operator",
        '"unclosed phrase': "Unclosed quote",
    }
    async with app.run_test(size=SIZE) as pilot:
        for query, words in cases.items():
            screen = await _search(pilot, query)
            assert screen.query_input.value == query
            assert screen.query_input.has_class("-error")
            assert not screen.hits
            assert words in screen_text(app)
            assert "Traceback" not in screen_text(app)


@run_async
async def test_no_results_says_so_with_a_tip(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, "zyxwvutsrq")
        text = screen_text(app)
        assert "No results for “zyxwvutsrq”" in text
        assert "Try fewer or other words" in text


@run_async
async def test_enter_opens_the_thread_at_the_post_and_esc_comes_back(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "battery")
        assert screen.results.has_focus  # a search hands the focus to its results
        await pilot.press("j")
        hit = screen.current_hit
        assert hit is not None and hit.position > 1
        await pilot.press("enter")
        await settle(pilot)
        thread = app.screen
        assert isinstance(thread, ThreadScreen)
        assert thread.thread_id == hit.thread_id
        assert thread.posts[thread.current].position == hit.position
        assert thread.posts[thread.current].has_class("-current")
        body = thread.posts[thread.current].body_visual
        assert isinstance(body, HighlightedBody)
        laid_out = body.lines(80)
        marked = {laid_out.plain[span.start : span.end].casefold() for span in laid_out.spans}
        assert "battery" in marked
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_input.value == "battery"
        assert screen.current_hit == hit
        assert screen.results.has_focus


@run_async
async def test_search_remembers_the_last_query(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, "battery")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_input.value == "battery"


@run_async
async def test_s_toggles_newest_first(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "playlist")
        screen.results.focus()
        await pilot.press("s")
        await settle(pilot)
        assert screen.query_input.value == "playlist sort:new"
        ids = [hit.post_id for hit in _hits(screen)]  # newest: the store's keyset order
        assert ids == sorted(ids, reverse=True)
        assert "newest first" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert screen.query_input.value == "playlist"


@run_async
async def test_results_page_in_near_the_end(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "author:oskar")
        assert screen.next_cursor is not None
        first = len(screen.hits)
        screen.results.focus()
        await pilot.press("G")
        await settle(pilot)
        assert len(screen.hits) > first
        assert screen.results.option_count == len(screen.hits)


@run_async
async def test_star_only_content_is_for_stars(make_forum_app, demo_forum):
    member = make_forum_app("mia")
    async with member.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "leaderboard")
        assert not screen.hits
        screen = await _search(pilot, "board:stars-lounge")
        assert "can't search the board" in screen_text(member)
    star = make_forum_app("leo")
    async with star.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "leaderboard")
        assert any(hit.board_slug == "stars-lounge" for hit in _hits(screen))


@run_async
async def test_hostile_text_in_snippets_stays_literal(make_forum_app, seed, demo_forum):
    app = make_forum_app("mia")
    body = "zanzibar [bold]x[/bold] [@click=app.quit]go[/] \x1b[31mred\x1b[0m \u202eevil zanzibar"
    seed.thread("android", app.viewer.id, "Zanzibar [link=x]t[/link] \x1b]0;pwn\x07", body=body)
    demo_forum.rebuild_search_index()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "zanzibar")
        assert len(screen.hits) == 1
        text = screen_text(app)
        assert "[bold]x[/bold]" in text
        assert "[@click=app.quit]go[/]" in text
        assert "[link=x]t[/link]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert app.is_running


@run_async
async def test_results_list_keys(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "playlist")
        screen.query_input.focus()
        await pilot.press("down")
        results = screen.query_one(SearchResults)
        assert results.has_focus and results.highlighted == 0
        await pilot.press("j", "j", "k")
        assert results.highlighted == 1
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("g")
        assert results.highlighted == 0
        await pilot.press("slash")
        assert screen.query_input.has_focus


def test_lead_to_match_keeps_the_first_match_in_view():
    snippet = "one two three four five six seven eight nine ten eleven twelve target word"
    start = snippet.index("target")
    text, ranges = lead_to_match(snippet, ((start, start + 6),), lead=10)
    assert text.startswith("…")
    assert [text[a:b] for a, b in ranges] == ["target"]
    assert ranges[0][0] <= 11
    assert lead_to_match("short target", ((6, 12),), lead=10) == ("short target", ((6, 12),))


# --- similar threads while a new thread's title is typed (widgets/similar.py)


@run_async
async def test_similar_threads_show_while_a_title_is_typed(make_forum_app):
    from forum_tui.screens.compose import ComposeScreen
    from forum_tui.widgets.editor import TitleInput
    from forum_tui.widgets.similar import SimilarList, SimilarThreads

    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.open_board("android")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        compose_screen = app.screen
        assert isinstance(compose_screen, ComposeScreen)
        similar = compose_screen.query_one(SimilarThreads)
        assert not similar.has_class("-shown")
        await pilot.press(*"Playback stops with the screen off")
        await suggested(pilot, similar)
        assert similar.has_class("-shown")
        assert 0 < len(similar.hits) <= 5
        assert all(hit.board_slug == "android" for hit in similar.hits.values())
        text = screen_text(app)
        assert "Similar threads" in text
        assert "Playback stops after about ten minutes" in text
        # tab still goes from the title to the body; ctrl+o goes into the suggestions
        await pilot.press("tab")
        assert compose_screen.body_area.has_focus
        compose_screen.query_one(TitleInput).focus()
        await pilot.press("ctrl+o")
        listing = similar.query_one(SimilarList)
        assert listing.has_focus
        first = next(iter(similar.hits.values()))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert app.screen.thread_id == first.thread_id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is compose_screen
        assert compose_screen.query_one(TitleInput).value == "Playback stops with the screen off"
        await pilot.press("escape")  # out of the list, back to the title
        assert compose_screen.query_one(TitleInput).has_focus


@run_async
async def test_no_similar_threads_for_replies(make_forum_app, demo_forum):
    from screen_helpers import find_thread

    from forum_tui.screens import compose
    from forum_tui.widgets.similar import SimilarThreads

    app = make_forum_app("mia")
    summary = find_thread(demo_forum, app.viewer, lambda t: True, kinds=("help",))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(compose.reply(demo_forum.thread(app.viewer, summary.id)))
        await settle(pilot)
        assert not app.screen.query(SimilarThreads)


@run_async
async def test_faq_footer_offers_search(make_forum_app, demo_forum):
    from screen_helpers import find_thread

    app = make_forum_app("mia")
    faq = find_thread(demo_forum, app.viewer, lambda t: True, kinds=("faq",))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ThreadScreen(faq.id))
        await settle(pilot)
        footer = str(app.screen.query_one("#faq-footer").render())
        assert "Or press / to search the Community." in footer
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)


def test_mark_words_marks_whole_words_by_prefix():
    from textual.content import Content

    from forum_tui.screens.search import mark_words, query_terms

    content = mark_words(Content("Battery saver drains the batteries; abattery no."), ("battery",))
    marked = [content.plain[span.start : span.end] for span in content.spans]
    assert marked == ["Battery"]
    assert query_terms('battery "screen off" board:android -ads') == ("battery", "screen", "off")
    assert query_terms("before:tomorrow") == ()


# --- robustness (issue 8): after a search the results have the focus, the footer says
# what enter does, and "/ Edit search" is offered only away from the query box.


def _footer_keys(app) -> dict[str, str]:
    return {
        binding.key: binding.description
        for (_node, binding, enabled, _tip) in app.screen.active_bindings.values()
        if enabled and binding.show
    }


@run_async
async def test_after_a_search_the_first_result_is_one_key_away(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "battery")
        assert screen.results.has_focus and screen.results.highlighted == 0
        keys = _footer_keys(app)
        assert keys.get("enter") == "Open at the post"
        assert keys.get("slash") == "Edit search"
        first = screen.current_hit
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen) and app.screen.thread_id == first.thread_id


@run_async
async def test_edit_search_is_not_offered_while_editing(make_forum_app):
    app = make_forum_app("mia")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, "battery")
        await pilot.press("slash")
        await settle(pilot)
        assert screen.query_input.has_focus
        assert "slash" not in _footer_keys(app)
        screen.query_input.value = "playlist"
        await pilot.press("enter")  # enter in the box searches
        await settle(pilot)
        assert screen.query_text == "playlist" and screen.results.has_focus


def test_lookups_run_the_newest_subject_one_at_a_time():
    """widgets/similar.Lookups: subjects asked while a lookup runs merge into the newest;
    after ``stop`` a new ask starts a new thread."""
    import threading

    from forum_tui.widgets.similar import Lookups

    started, release = threading.Event(), threading.Event()
    looked, delivered = [], []
    done = threading.Semaphore(0)

    def lookup(subject):
        looked.append(subject)
        started.set()
        release.wait(5)
        return (subject.upper(),)

    def deliver(subject, found):
        delivered.append((subject, found))
        done.release()

    lookups = Lookups(lookup, deliver)
    lookups.ask("pla")
    assert started.wait(5)
    for subject in ("play", "playl", "playli"):
        lookups.ask(subject)  # while "pla" runs
    release.set()
    assert done.acquire(timeout=5) and done.acquire(timeout=5)
    assert looked == ["pla", "playli"]
    assert delivered == [("pla", ("PLA",)), ("playli", ("PLAYLI",))]
    lookups.stop()
    lookups.ask("queue")
    assert done.acquire(timeout=5)
    assert delivered[-1] == ("queue", ("QUEUE",))
    lookups.stop()
