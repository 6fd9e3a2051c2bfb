"""The Stars Program's rules (rules/stars.py) and calendar months (rules/months.py)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum_tui.rules.community import load_community, parse_community
from forum_tui.rules.months import Month, Quarter, recent_months
from forum_tui.rules.ranks import Metrics, member_rank
from forum_tui.rules.stars import (
    ApplicantFacts,
    application_requirements,
    check_avatar_glyph,
    glyph_width,
    next_level_points,
    premium_eligible,
    redeem_refusal,
    star_level,
)

COMMUNITY = load_community(None)
LEVELS = COMMUNITY.stars.level_points


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_more_star_points_never_lower_the_level(points, extra):
    assert star_level(points + extra, COMMUNITY) >= star_level(points, COMMUNITY)


@pytest.mark.parametrize("level", range(1, len(LEVELS)))
def test_each_level_starts_exactly_at_its_threshold(level):
    threshold = LEVELS[level]
    assert star_level(threshold - 1, COMMUNITY) == level
    assert star_level(threshold, COMMUNITY) == level + 1
    assert next_level_points(level, COMMUNITY) == threshold


def test_levels_stop_at_the_last_rising_star_level():
    assert star_level(10**9, COMMUNITY) == COMMUNITY.stars.rising_star_levels
    assert next_level_points(COMMUNITY.stars.rising_star_levels, COMMUNITY) is None


@given(
    st.builds(
        Metrics,
        threads=st.integers(0, 500),
        replies=st.integers(0, 5000),
        solutions=st.integers(0, 200),
        likes_received=st.integers(0, 5000),
        days_member=st.integers(0, 3000),
    ),
    st.integers(1, 100),
)
def test_attending_events_never_lowers_the_rank(metrics, events):
    ladder = [rank.name for rank in COMMUNITY.ranks.member]
    before = ladder.index(member_rank(metrics, COMMUNITY).name)
    more = Metrics(**{**metrics.__dict__, "events": metrics.events + events})
    assert ladder.index(member_rank(more, COMMUNITY).name) >= before


def _facts(**changes):
    base = dict(
        days_member=90, age=18, recent_posts=("Hello there, I can help with that.",), good_posts=10
    )
    base.update(changes)
    return ApplicantFacts(**base)


def test_requirements_met_at_their_edges():
    assert all(r.met for r in application_requirements(_facts(), COMMUNITY))


@pytest.mark.parametrize(
    "changes, name, detail",
    [
        ({"days_member": 89}, "3 months a member", "1 more to go"),
        ({"age": 17}, "18 or over", "for members 18 or over"),
        ({"age": None}, "18 or over", "Add your birth date"),
        ({"recent_posts": ()}, "Posts in English", "No posts yet"),
        ({"good_posts": 9}, "A record of good posts", "10 are needed"),
    ],
)
def test_each_requirement_says_why_it_is_not_met(changes, name, detail):
    missing = [r for r in application_requirements(_facts(**changes), COMMUNITY) if not r.met]
    assert [r.name for r in missing] == [name]
    assert detail in missing[0].detail


def test_quarterly_premium():
    assert premium_eligible([50, 50, 50], COMMUNITY)
    assert not premium_eligible([149, 1, 0], COMMUNITY)
    assert not premium_eligible([50, 50, 49], COMMUNITY)
    assert not premium_eligible([], COMMUNITY)


def test_redeem_refusals():
    assert redeem_refusal("premium individual", 500, COMMUNITY) is None
    assert "Duo" in redeem_refusal("Premium Duo", 5000, COMMUNITY)
    assert "(1 to go)" in redeem_refusal("Premium Individual", 499, COMMUNITY)


@pytest.mark.parametrize("glyph, width", [("✪", 1), ("🎧", 2), ("❤\ufe0f", 2), ("語", 2), ("é", 1)])
def test_custom_glyphs_and_their_width(glyph, width):
    assert check_avatar_glyph(glyph) is None
    assert glyph_width(glyph) == width


@pytest.mark.parametrize("glyph", ["", "ab", "\u200b", "\x1b", " ", "\u202e", "◆", "e\u0301\u0301"])
def test_bad_custom_glyphs(glyph):
    assert check_avatar_glyph(glyph)


def test_months_and_quarters():
    assert [m.short for m in recent_months(datetime(2026, 2, 15), 4)] == [
        "Nov",
        "Dec",
        "Jan",
        "Feb",
    ]
    assert Month(2026, 12).end == datetime(2027, 1, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2026, 11).quarter == Quarter(2026, 4)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Month.parse("2026-03") == Month(2026, 3)
    with pytest.raises(ValueError):
        Month.parse("2026-13")


def test_level_points_must_rise():
    from importlib import resources

    toml = resources.files("forum_tui.rules").joinpath("community.toml").read_text("utf-8")
    bad = toml.replace("level_points = [0, 300, 800, 1500, 2500]", "level_points = [0, 400, 150]")
    assert bad != toml
    with pytest.raises(ValueError, match="level_points"):
        parse_community(bad)
