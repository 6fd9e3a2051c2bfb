"""Ranks from activity: thresholds, membership age, progress and titles."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum_tui.rules.community import default_community
from forum_tui.rules.ranks import (
    Metrics,
    RankProgress,
    avatars_unlocked,
    contributions,
    member_rank,
    points,
    progress,
    rank_title,
)

COMMUNITY = default_community()
WEIGHTS = COMMUNITY.ranks.weights
LADDER = COMMUNITY.ranks.member
POSITIVE = [f.name for f in dataclasses.fields(Metrics) if f.name != "upheld_reports"]


def index_of(metrics: Metrics) -> int:
    return LADDER.index(member_rank(metrics, COMMUNITY))


# ------------------------------------------------------------------ points


def test_points_are_the_weighted_sum_rounded_down():
    metrics = Metrics(threads=2, replies=3, solutions=1, days_member=7)
    # 2*5 + 3*2 + 25 + floor(7 * 0.2)
    assert points(metrics, WEIGHTS) == 10 + 6 + 25 + 1


def test_points_never_go_below_zero():
    assert points(Metrics(upheld_reports=5), WEIGHTS) == 0


def test_fractional_weights_do_not_lose_a_point_to_float_error():
    assert points(Metrics(days_member=15), WEIGHTS) == 3  # 0.2 * 15
    assert points(Metrics(days_member=35), WEIGHTS) == 7


def test_contributions_explain_the_points():
    metrics = Metrics(threads=2, replies=10, likes_received=4, days_member=50)
    explained = dict(contributions(metrics, WEIGHTS))
    assert explained == {
        "Threads started": 10,
        "Replies": 20,
        "Likes received": 12,
        "Days of membership": 10,
    }
    assert sum(explained.values()) == points(metrics, WEIGHTS)


def test_upheld_reports_show_as_a_negative_contribution():
    explained = dict(contributions(Metrics(replies=50, upheld_reports=1), WEIGHTS))
    assert explained["Upheld reports"] == -40


# ------------------------------------------------------------------ member rank


def test_a_new_member_is_a_visitor():
    assert member_rank(Metrics(), COMMUNITY).name == "Visitor"


@pytest.mark.parametrize("rank", LADDER, ids=lambda rank: rank.name)
def test_each_rank_is_reached_exactly_at_its_thresholds(rank):
    index = LADDER.index(rank)
    reached = Metrics(days_member=rank.min_days, events=rank.points)  # events weigh 15
    exactly = _with_points(rank.points, rank.min_days)
    assert points(exactly, WEIGHTS) == rank.points
    assert member_rank(exactly, COMMUNITY) == rank
    assert index_of(reached) >= index
    if index:
        below = _with_points(rank.points - 1, rank.min_days)
        assert member_rank(below, COMMUNITY) == LADDER[index - 1]


def _with_points(target: int, days: int) -> Metrics:
    """Metrics worth exactly ``target`` points with ``days`` of membership."""
    base = points(Metrics(days_member=days), WEIGHTS)
    missing = max(0, target - base)
    threads, likes = divmod(missing, 5)
    return Metrics(days_member=days, threads=threads, likes_given=likes)


def test_minimum_days_hold_back_a_busy_new_member():
    busy = Metrics(solutions=1000, days_member=3)
    assert member_rank(busy, COMMUNITY).name == "Newbie"
    assert member_rank(dataclasses.replace(busy, days_member=365), COMMUNITY).name == "Composer"


def test_composer_is_the_top_for_members():
    assert member_rank(Metrics(solutions=10**6, days_member=10**4), COMMUNITY).name == "Composer"


def test_upheld_reports_hold_a_member_back():
    good = Metrics(replies=60, days_member=60)  # 132 points: Regular
    assert member_rank(good, COMMUNITY).name == "Regular"
    reported = dataclasses.replace(good, upheld_reports=1)  # 92 points
    assert member_rank(reported, COMMUNITY).name == "Casual Listener"


metrics_strategy = st.builds(
    Metrics, **{name: st.integers(0, 5000) for name in [*POSITIVE, "upheld_reports"]}
)


@given(metrics_strategy, st.sampled_from(POSITIVE), st.integers(1, 5000))
def test_adding_positive_activity_never_lowers_the_rank(metrics, field, extra):
    more = dataclasses.replace(metrics, **{field: getattr(metrics, field) + extra})
    assert points(more, WEIGHTS) >= points(metrics, WEIGHTS)
    assert index_of(more) >= index_of(metrics)


@given(metrics_strategy, st.integers(1, 20))
def test_more_upheld_reports_never_raise_the_rank(metrics, extra):
    worse = dataclasses.replace(metrics, upheld_reports=metrics.upheld_reports + extra)
    assert index_of(worse) <= index_of(metrics)


# ------------------------------------------------------------------ progress


def test_progress_shows_what_is_missing():
    metrics = Metrics(replies=35, days_member=5)  # 70 + 1 = 71 points
    result = progress(metrics, COMMUNITY)
    assert isinstance(result, RankProgress)
    assert result.current.name == "Newbie"  # 71 points, but only 5 of 7 days
    assert result.next.name == "Casual Listener"
    assert result.points == 71
    assert result.points_needed == 0
    assert result.days_needed == 2
    assert result.fraction == pytest.approx(5 / 7)
    assert result.contributions == (("Replies", 70), ("Days of membership", 1))


def test_progress_fraction_follows_the_lagging_requirement():
    metrics = Metrics(replies=35, days_member=30)  # 76 points, Casual Listener
    result = progress(metrics, COMMUNITY)
    assert result.current.name == "Casual Listener"
    assert result.next.name == "Regular"
    assert result.points_needed == 100 - 76
    assert result.days_needed == 0
    assert result.fraction == pytest.approx((76 - 40) / (100 - 40))


def test_progress_at_the_top_is_complete():
    result = progress(Metrics(solutions=200, days_member=400), COMMUNITY)
    assert result.current.name == "Composer"
    assert result.next is None
    assert (result.points_needed, result.days_needed, result.fraction) == (0, 0, 1.0)


@given(metrics_strategy)
def test_progress_is_always_consistent(metrics):
    result = progress(metrics, COMMUNITY)
    assert 0.0 <= result.fraction <= 1.0
    assert result.points_needed >= 0 and result.days_needed >= 0
    assert result.current == member_rank(metrics, COMMUNITY)
    if result.next is not None:
        assert result.points_needed or result.days_needed
        assert result.fraction < 1.0


# ------------------------------------------------------------------ titles and avatars


@pytest.mark.parametrize(
    "kwargs, title",
    [
        ({"role": "staff", "staff_title": "Creator"}, "Creator"),
        ({"role": "staff"}, "Community Manager"),
        ({"role": "moderator"}, "Moderator"),
        ({"role": "star", "star_level": 1}, "Rising Star 1"),
        ({"role": "star", "star_level": 5}, "Rising Star 5"),
        ({"role": "star", "star_level": 6}, "Spotify Star"),
        ({"role": "star", "star_level": None}, "Rising Star 1"),
        ({"role": "member", "legend": "star"}, "Community Legend"),
        ({"role": "member", "legend": "staff"}, "Spotify Legend"),
        ({"role": "member"}, "Visitor"),
        ({"role": "member", "metrics": Metrics(replies=60, days_member=60)}, "Regular"),
    ],
)
def test_rank_titles(kwargs, title):
    assert rank_title(COMMUNITY, **kwargs) == title


def test_avatars_unlock_rank_by_rank():
    assert avatars_unlocked(Metrics(), COMMUNITY, star=False) == ("vinyl-grey", "note-grey")
    regular = avatars_unlocked(Metrics(replies=60, days_member=60), COMMUNITY, star=False)
    assert regular == (
        "vinyl-grey",
        "note-grey",
        "cassette-green",
        "headphones-blue",
        "speaker-orange",
    )


def test_stars_also_get_the_star_avatars():
    avatars = avatars_unlocked(Metrics(), COMMUNITY, star=True)
    assert avatars[:2] == ("vinyl-grey", "note-grey")
    assert set(COMMUNITY.ranks.star_avatars) <= set(avatars)
    assert len(avatars) == len(set(avatars))
