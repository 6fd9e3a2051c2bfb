"""The search query language: every operator, phrases, exclusions, malformed queries."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum_tui.rules.search_query import (
    QueryError,
    make_snippet,
    parse,
    significant_words,
)


def test_free_words_are_casefolded_and_split_like_the_index():
    query = parse("Playlist  SHUFFLE don't")
    assert query.words == ("playlist", "shuffle", "don", "t")
    assert query.has_text
    assert query.effective_sort == "relevance"


def test_phrases_and_exclusions():
    query = parse('"offline mode" -car -"road trip" android')
    assert query.phrases == (("offline", "mode"),)
    assert query.excluded == (("car",), ("road", "trip"))
    assert query.words == ("android",)
    assert query.highlight_terms() == ("android", "offline", "mode")


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("board:android", "boards", ("android",)),
        ('board:"Premium Accounts"', "boards", ("Premium Accounts",)),
        ("area:help", "areas", ("help",)),
        ("author:oskar", "authors", ("oskar",)),
        ("label:Playlists", "labels", ("Playlists",)),
        ("status:implemented", "statuses", ("implemented",)),
        ('status:"Under Consideration"', "statuses", ("Under Consideration",)),
        ("is:solved", "solved", True),
        ("is:unsolved", "solved", False),
        ("in:ideas", "kinds", ("ideas", "closed_ideas")),
        ("in:faqs", "kinds", ("faq",)),
        ("in:blog", "kinds", ("blog",)),
        ("in:help", "kinds", ("help",)),
        ("in:chat", "kinds", ("chat",)),
        ("before:2026-05-01", "before", date(2026, 5, 1)),
        ("after:2026-05-01", "after", date(2026, 5, 1)),
    ],
)
def test_each_operator(text, field, value):
    query = parse(text)
    assert getattr(query, field) == value
    assert not query.has_text
    assert query.effective_sort == "new"


def test_sort_operator():
    assert parse("shuffle sort:new").effective_sort == "new"
    assert parse("shuffle sort:relevance").effective_sort == "relevance"
    assert parse("author:oskar sort:relevance").effective_sort == "new"


def test_operators_are_case_insensitive_and_urls_are_words():
    assert parse("Author:oskar").authors == ("oskar",)
    assert parse("https://open.spotify.com").words == ("https", "open", "spotify", "com")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bored:x", "Unknown operator 'bored:'. Try board:, author:, label:, status:, is:, in:"),
        ("before:yesterday", "'before:' needs a date like 2026-05-01."),
        ("after:2026-13-01", "'after:' needs a date like 2026-05-01."),
        ('"offline mode', "Unclosed quote"),
        ('board:"Premium', "Unclosed quote"),
        ("is:maybe", "'is:' takes solved or unsolved"),
        ("in:space", "'in:space' is not a place to search"),
        ("sort:random", "'sort:' takes new or relevance"),
        ("author:", "'author:' needs a value, like author:oskar."),
        ("-shuffle", "Add a word to look for"),
        ("   ", "Type something to search for"),
        ("is:solved is:unsolved", "both is:solved and is:unsolved"),
        ("after:2026-05-02 before:2026-05-01", "both after: and before:"),
        ("-author:oskar x", "cannot be negated"),
        ("x" * 501, "too long"),
        (" ".join(f"w{n}" for n in range(30)), "too many words"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text, message):
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert message in str(caught.value)


@given(st.text(max_size=200))
def test_the_parser_raises_nothing_but_query_error(text):
    try:
        parse(text)
    except QueryError as error:
        assert str(error)


@given(st.text(alphabet=st.sampled_from('ab :-"\\*()^{}isolvedboard'), max_size=60))
def test_the_parser_survives_operator_soup(text):
    try:
        query = parse(text)
    except QueryError:
        return
    for word in query.words:
        assert word.isalnum() or "_" in word


def test_significant_words_drop_stopwords_and_short_words():
    assert significant_words("How do I make a playlist private on Android?") == (
        "playlist",
        "private",
        "android",
        "make",
    )
    assert significant_words("How do I?") == ()


def test_snippet_ranges_point_at_the_matches():
    body = "Intro. " * 40 + "My Playlists vanish when I go offline.\n\nMore " * 3
    snippet, ranges = make_snippet(body, ("playlist", "offline"))
    assert snippet.startswith("…")
    assert ranges
    assert [snippet[s:e] for s, e in ranges][:2] == ["Playlists", "offline"]
    assert "\n" not in snippet


def test_snippet_without_match_is_the_start_and_folds_diacritics():
    snippet, ranges = make_snippet("Short body", ("nothing",))
    assert (snippet, ranges) == ("Short body", ())
    snippet, ranges = make_snippet("Beyoncé live", ("beyonce",))
    assert [snippet[s:e] for s, e in ranges] == ["Beyoncé"]
