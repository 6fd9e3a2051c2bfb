"""Post bodies as Markdown through the safe-text path, and opening links only on confirmation."""

from __future__ import annotations

import time

import pytest
from screen_helpers import SIZE, persona_with, run_async, screen_text, settle

from forum_tui.screens.link_dialog import LinkChooser, LinkDialog, link_warnings
from forum_tui.screens.thread import ThreadScreen
from forum_tui.widgets.markdown import (
    Link,
    MarkdownBody,
    find_links,
    markdown_body,
    parse_markdown,
    render_markdown,
)


def plain(text: str, width: int | None = None) -> str:
    return render_markdown(text, width).plain


def lines(text: str, width: int | None = None) -> list[str]:
    return [line.rstrip() for line in plain(text, width).split("\n")]


def styles(text: str) -> list[str]:
    return [str(span.style) for span in render_markdown(text).spans]


# ------------------------------------------------------------------ constructs


def test_headings_are_bold_and_h1_h2_are_underlined():
    assert lines("# Title\n\n## Sub\n\n### Small\n\ntext") == [
        "Title",
        "━━━━━",
        "",
        "Sub",
        "───",
        "",
        "Small",
        "",
        "text",
    ]
    assert any("bold" in style for style in styles("# Title"))


def test_paragraphs_emphasis_and_soft_breaks():
    text = "One *soft*\nbreak and **strong** words.\n\nSecond paragraph."
    assert lines(text) == ["One soft break and strong words.", "", "Second paragraph."]
    assert {"italic", "bold"} <= set(styles(text))


def test_hard_line_breaks_keep_the_line():
    assert lines("first line  \nsecond line\\\nthird") == ["first line", "second line", "third"]


def test_inline_code_has_a_background_and_keeps_its_text():
    content = render_markdown("Run `[bold]rm -rf[/bold]` now")
    assert content.plain == "Run [bold]rm -rf[/bold] now"
    assert any(" on " in str(span.style) for span in content.spans)


def test_code_blocks_are_kept_verbatim_and_fold_instead_of_wrapping():
    text = "```python\ndef f(x):\n    return *x*  # not emphasis\n```"
    assert lines(text) == [" def f(x):", "     return *x*  # not emphasis"]
    indented = lines("    indented   code\n    [b]kept[/b]")
    assert indented == [" indented   code", " [b]kept[/b]"]
    long = "```\n" + "x" * 30 + "\n```"
    assert [line.strip() for line in lines(long, 12)] == ["x" * 10, "x" * 10, "x" * 10]


def test_block_quotes_have_a_bar_on_every_line_and_nest():
    text = "> quoted words that are long enough to wrap\n>\n> > nested"
    assert lines(text, 24) == [
        "▎ quoted words that are",
        "▎ long enough to wrap",
        "▎",
        "▎ ▎ nested",
    ]
    assert "dim" in styles(text)


def test_lists_nest_and_hang_when_wrapped():
    text = "- first item with words enough to wrap\n  - inner\n- second\n\n1. one\n2. two"
    assert lines(text, 24) == [
        "• first item with words",
        "  enough to wrap",
        "  ◦ inner",
        "• second",
        "",
        "1. one",
        "2. two",
    ]


def test_ordered_lists_keep_their_start_and_align_numbers():
    text = "9. nine\n10. ten words to wrap here"
    assert lines(text, 16) == [" 9. nine", "10. ten words to", "    wrap here"]


def test_horizontal_rule_fills_the_width():
    assert lines("above\n\n---\n\nbelow", 10) == ["above", "", "─" * 10, "", "below"]


def test_links_show_their_text_and_a_number_in_document_order():
    text = (
        "See [the docs](https://docs.example/a) or https://bare.example/x?y=1, "
        "<https://auto.example> and ![a cat](https://img.example/cat.png)."
    )
    assert plain(text) == (
        "See the docs[1] or https://bare.example/x?y=1[2], "
        "https://auto.example[3] and [image: a cat] [4]."
    )
    assert find_links(text) == (
        Link(1, "the docs", "https://docs.example/a"),
        Link(2, "https://bare.example/x?y=1", "https://bare.example/x?y=1"),
        Link(3, "https://auto.example", "https://auto.example"),
        Link(4, "image: a cat", "https://img.example/cat.png"),
    )
    assert "underline" in styles(text)


def test_file_names_and_emails_are_not_turned_into_links():
    assert find_links("Edit setup.py and readme.md, or mail me@example.com") == ()


def test_empty_link_text_shows_the_address_instead():
    assert plain("[](https://hidden.example)") == "https://hidden.example[1]"


def test_links_are_never_clickable():
    content = render_markdown("[x](https://a.example) https://b.example ![i](https://c.example)")
    for span in content.spans:
        style = str(span.style)
        assert "link" not in style and "@click" not in style


# ------------------------------------------------------------------ hostile input


@pytest.mark.parametrize(
    "text",
    ["[bold]x[/bold]", "[@click=app.quit]x[/]", "[on red]x", "[b]unclosed", "$accent text"],
)
def test_markup_is_shown_literally(text):
    assert plain(text) == text


def test_rich_link_markup_stays_literal_with_only_a_marker_added():
    shown = plain("[link=https://evil.example]x[/link]")
    assert shown.replace("[1]", "") == "[link=https://evil.example]x[/link]"


def test_escape_sequences_and_osc8_become_visible():
    shown = plain(
        "clear \x1b[2J and \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ bell\x07"
    )
    assert "\x1b" not in shown and "\x07" not in shown
    assert "␛[2J" in shown and "␛]8;;" in shown and "␇" in shown


def test_character_references_cannot_smuggle_controls():
    shown = plain("a &#x202E;reversed&#x202C; &#27;[2J &#8203;b")
    assert "\u202e" not in shown and "\x1b" not in shown and "\u200b" not in shown
    assert "⟪U+202E⟫reversed" in shown


@pytest.mark.parametrize("opening", ["> ", "- ", "1. "])
def test_nesting_too_deep_to_render_shows_the_text_as_typed(opening):
    text = opening * 500 + "hidden words"
    assert plain(text) == text
    assert plain(opening * 3 + "fine").endswith("fine")


def test_raw_html_is_shown_as_text():
    assert plain("<script>alert(1)</script>") == "<script>alert(1)</script>"
    html = "<b>bold?</b> <a href='https://x.example'>a</a>"
    assert plain(html).replace("[1]", "") == html  # the bare address gets its marker


def test_javascript_and_other_schemes_are_listed_but_never_web():
    text = "[click](javascript:alert(1)) [f](file:///etc/passwd) [s](spotify:track:1)"
    assert plain(text) == "click[1] f[2] s[3]"
    links = find_links(text)
    assert [link.url for link in links] == [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "spotify:track:1",
    ]
    assert not any(link.is_web for link in links)
    assert Link(1, "x", "https://ok.example").is_web
    assert not Link(1, "x", "https:").is_web


def test_link_text_naming_another_host_is_warned_about():
    [phish] = find_links("[paypal.com](https://evil.example/login)")
    warnings = [warning.plain for warning in link_warnings(phish)]
    assert warnings == ["The link text shows paypal.com, but the address goes to evil.example."]
    [same] = find_links("[https://www.good.example/a](https://good.example/b)")
    assert link_warnings(same) == []
    [words] = find_links("[text](https://good.example)")
    assert link_warnings(words) == []
    [user] = find_links("<https://bank.example@evil.example/>")
    assert any("evil.example" in w.plain and "@" in w.plain for w in link_warnings(user))
    [idn] = find_links("https://раураl.example/")
    assert idn.host.startswith("xn--")
    assert any("xn--" in w.plain for w in link_warnings(idn))


# ------------------------------------------------------------------ speed


def test_a_page_of_forty_posts_renders_quickly_and_is_cached():
    bodies = [
        f"# Post {n}\n\nSome **bold** text, a [link](https://x.example/{n}) and code:\n\n"
        "```\nprint('hi')\n```\n\n- one\n- two\n\n> quoted\n" * 3
        for n in range(40)
    ]
    start = time.perf_counter()
    for body in bodies:
        markdown_body(body).lines(90)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for body in bodies:
        markdown_body(body).lines(90)
    again = time.perf_counter() - start
    assert first < 1.0
    assert again < first / 5
    assert markdown_body(bodies[0]) is markdown_body(bodies[0])
    assert isinstance(markdown_body(bodies[0]), MarkdownBody)
    assert parse_markdown(bodies[0]) is parse_markdown(bodies[0])


# ------------------------------------------------------------------ the thread screen

LONG_URL = "https://good.example/" + "a-rather-long-path/" * 5 + "page?x=1&y=2#part"


async def _open_thread(pilot, app, thread_id, opened):
    app.open_url = lambda url, new_tab=True: opened.append(url)
    await settle(pilot)
    app.push_screen(ThreadScreen(thread_id))
    await settle(pilot)


def _widget_text(app, selector, separator: str = "") -> str:
    """The characters a widget occupies on screen, row by row, joined with ``separator``."""
    region = app.screen.query_one(selector).content_region
    rows = screen_text(app).split("\n")[region.y : region.bottom]
    return separator.join(row[region.x : region.right].strip() for row in rows)


@run_async
async def test_o_shows_the_full_address_and_y_opens_exactly_it(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    body = f"Read [the guide]({LONG_URL}) first."
    thread_id = seed.thread("android", app.viewer.id, "One link", body=body)
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, opened)
        assert "the guide[1]" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        assert _widget_text(app, "#link-address") == LONG_URL  # wrapped, never cut
        assert app.screen.query_one("#link-address").region.height > 1
        assert opened == []
        await pilot.press("y")
        await settle(pilot)
        assert opened == [LONG_URL]
        assert isinstance(app.screen, ThreadScreen)


@run_async
async def test_n_or_escape_cancels_and_enter_opens(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Cancel", body="<https://ok.example/>")
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, opened)
        for key in ("n", "escape"):
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, LinkDialog)
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ThreadScreen)
        assert opened == []
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert opened == ["https://ok.example/"]


@run_async
async def test_several_links_offer_a_chooser_first(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    body = "[paypal.com](https://evil.example/login) and [docs](https://docs.example/)"
    thread_id = seed.thread("android", app.viewer.id, "Two links", body=body)
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, opened)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, LinkChooser)
        text = screen_text(app)
        assert "[1] paypal.com  —  https://evil.example/login" in text
        assert "[2] docs  —  https://docs.example/" in text
        await pilot.press("enter")  # the first, highlighted
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        assert _widget_text(app, ".link-warning", " ") == (
            "⚠ The link text shows paypal.com, but the address goes to evil.example."
        )
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o", "2")
        await settle(pilot)
        assert app.screen.link.url == "https://docs.example/"
        await pilot.press("y")
        await settle(pilot)
        assert opened == ["https://docs.example/"]


@run_async
async def test_a_javascript_link_is_refused(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    body = "[free gift](javascript:alert(document.cookie))"
    thread_id = seed.thread("android", app.viewer.id, "Bad link", body=body)
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, opened)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        assert _widget_text(app, "#link-refused", " ") == (
            "Only web links (http and https) can be opened. "
            "This one is javascript:alert(document.cookie)."
        )
        for key in ("y", "enter"):
            await pilot.press(key)
            await settle(pilot)
        assert opened == []
        assert isinstance(app.screen, ThreadScreen)


@run_async
async def test_a_post_without_links_says_so(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "No links", body="Just *words*.")
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, opened)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        # run_test turns toasts off, so read the app's notifications
        assert [n.message for n in app._notifications] == ["This post has no links."]
        assert opened == []


@run_async
async def test_each_post_offers_its_own_links(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Per post", body="https://first.example/")
    seed.reply(thread_id, app.viewer.id, "Mine is https://second.example/")
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, opened)
        await pilot.press("j", "o")
        await settle(pilot)
        assert app.screen.link.url == "https://second.example/"


@run_async
async def test_help_lists_the_open_link_key(make_forum_app, personas, seed):
    member = persona_with(personas, role="member")
    app = make_forum_app(member.username)
    thread_id = seed.thread("android", app.viewer.id, "Help", body="text")
    async with app.run_test(size=SIZE) as pilot:
        await _open_thread(pilot, app, thread_id, [])
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Open link" in screen_text(app)
