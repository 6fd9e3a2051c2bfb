"""Rank from a member's metrics: a points sum with per-rank thresholds and membership age.

Unlike a secret formula, ``progress`` tells members where they stand and what is missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from forum_tui.rules.community import Community, Rank, RankWeights


@dataclass(frozen=True)
class Metrics:
    threads: int = 0
    replies: int = 0
    solutions: int = 0
    likes_given: int = 0
    likes_received: int = 0
    ideas: int = 0
    idea_votes: int = 0
    events: int = 0
    days_member: int = 0
    upheld_reports: int = 0


#: How each metric counts: (label shown to members, Metrics field, RankWeights field).
CONTRIBUTIONS = (
    ("Threads started", "threads", "thread"),
    ("Replies", "replies", "reply"),
    ("Accepted solutions", "solutions", "solution"),
    ("Likes given", "likes_given", "like_given"),
    ("Likes received", "likes_received", "like_received"),
    ("Ideas submitted", "ideas", "idea"),
    ("Idea votes", "idea_votes", "idea_vote"),
    ("Events attended", "events", "event"),
    ("Days of membership", "days_member", "membership_day"),
    ("Upheld reports", "upheld_reports", "upheld_report"),
)


@dataclass(frozen=True)
class RankProgress:
    """Where a member stands on the ladder, and what is missing for the next rank."""

    current: Rank
    next: Rank | None  # None at the top of the member ladder
    points: int
    points_needed: int  # points still missing for ``next`` (0 when met or at the top)
    days_needed: int  # days of membership still missing for ``next``
    fraction: float  # 0..1 toward ``next``: the lagging one of points and days
    contributions: tuple[tuple[str, int], ...]  # (label, points), non-zero ones, in order


def contributions(metrics: Metrics, weights: RankWeights) -> tuple[tuple[str, int], ...]:
    """Where a member's points come from, each rounded down; zero entries left out."""
    result = []
    for label, metric, weight in CONTRIBUTIONS:
        amount = _term(getattr(weights, weight), getattr(metrics, metric))
        if amount:
            result.append((label, amount))
    return tuple(result)


def points(metrics: Metrics, weights: RankWeights) -> int:
    """The weighted sum of a member's activity: the sum of the contributions, never below 0."""
    return max(0, sum(amount for _, amount in contributions(metrics, weights)))


def member_rank(metrics: Metrics, community: Community) -> Rank:
    """The highest member rank whose points and minimum days are both met.

    The first rank of the ladder is the floor, even if its own requirements are not met.
    """
    return community.ranks.member[_rank_index(metrics, community)]


def rank_title(
    community: Community,
    *,
    role: str,
    staff_title: str | None = None,
    legend: str | None = None,
    star_level: int | None = None,
    metrics: Metrics | None = None,
) -> str:
    """The title shown beside a member's name.

    Staff: their staff title (or the community's first); moderators: "Moderator"; Stars:
    "Rising Star N" for levels 1..``stars.rising_star_levels``, the top star title above;
    legends ("star" or "staff"): the former-Star or former-staff title; everyone else: their
    member rank.
    """
    ranks = community.ranks
    if role == "staff":
        return staff_title or ranks.staff_titles[0]
    if role == "moderator":
        return "Moderator"
    if role == "star":
        level = max(1, star_level or 1)
        if level > community.stars.rising_star_levels:
            return ranks.top_star
        return f"{ranks.rising_star} {level}"
    if legend == "star":
        return ranks.former_star
    if legend == "staff":
        return ranks.former_staff
    return member_rank(metrics or Metrics(), community).name


def progress(metrics: Metrics, community: Community) -> RankProgress:
    """The member's rank, the next one, and what is missing to reach it."""
    ladder = community.ranks.member
    index = _rank_index(metrics, community)
    current = ladder[index]
    following = ladder[index + 1] if index + 1 < len(ladder) else None
    total = points(metrics, community.ranks.weights)
    explained = contributions(metrics, community.ranks.weights)
    if following is None:
        return RankProgress(current, None, total, 0, 0, 1.0, explained)
    points_part = _part(total - current.points, following.points - current.points)
    days_part = _part(metrics.days_member, following.min_days)
    return RankProgress(
        current=current,
        next=following,
        points=total,
        points_needed=max(0, following.points - total),
        days_needed=max(0, following.min_days - metrics.days_member),
        fraction=min(points_part, days_part),
        contributions=explained,
    )


def avatars_unlocked(metrics: Metrics, community: Community, *, star: bool) -> tuple[str, ...]:
    """Avatars of every rank reached so far, plus the Stars' avatars for a Star."""
    ladder = community.ranks.member
    reached = ladder[: _rank_index(metrics, community) + 1]
    avatars = [avatar for rank in reached for avatar in rank.avatars]
    if star:
        avatars.extend(community.ranks.star_avatars)
    return tuple(dict.fromkeys(avatars))


# ------------------------------------------------------------------ helpers


def _term(weight: float, count: int) -> int:
    # Round first so that 0.2 * 15 (3.0000000000000004 or 2.9999...) counts as 3.
    return math.floor(round(weight * count, 6))


def _rank_index(metrics: Metrics, community: Community) -> int:
    total = points(metrics, community.ranks.weights)
    reached = [
        index
        for index, rank in enumerate(community.ranks.member)
        if total >= rank.points and metrics.days_member >= rank.min_days
    ]
    return max(reached, default=0)


def _part(have: float, need: float) -> float:
    if need <= 0:
        return 1.0
    return min(1.0, max(0.0, have / need))
