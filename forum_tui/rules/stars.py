"""The Stars Program's rules: who may apply, levels from points, the Premium perk.

Pure: the store gathers the facts (days of membership, age, recent posts, liked posts,
points per month) and asks these functions; they answer with plain words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from forum_tui.rules import guidelines  # its checkers load on first use (see there)
from forum_tui.rules.community import Community
from forum_tui.rules.names import STAFF_MARK_LOOKALIKES

#: How many of an applicant's most recent posts the language requirement looks at.
LANGUAGE_SAMPLE_POSTS = 20
#: At most this share of those posts may be clearly not English.
MAX_NOT_ENGLISH_SHARE = 0.2


@dataclass(frozen=True)
class ApplicantFacts:
    """What the application's requirements are checked against."""

    days_member: int
    age: int | None  # None when no birth date is known
    recent_posts: tuple[str, ...]  # bodies of the newest posts, newest first
    good_posts: int  # posts liked at least ``good_post_min_likes`` times, not removed


@dataclass(frozen=True)
class Requirement:
    """One requirement of the Stars application: met or not, and why, in plain words."""

    name: str
    met: bool
    detail: str


def application_requirements(
    facts: ApplicantFacts, community: Community
) -> tuple[Requirement, ...]:
    """Each requirement of the application, in the order the reference lists them."""
    rules = community.stars_application
    return (
        _membership(facts, rules.min_membership_days),
        _age(facts, rules.min_age),
        _language(facts, rules.language),
        _good_posts(facts, rules.min_good_posts, rules.good_post_min_likes),
    )


def unmet(requirements: Sequence[Requirement]) -> tuple[Requirement, ...]:
    return tuple(requirement for requirement in requirements if not requirement.met)


def star_level(points_earned: int, community: Community) -> int:
    """The Rising Star level (1..``rising_star_levels``) that ``points_earned`` reaches."""
    levels = community.stars.rising_star_levels
    reached = sum(1 for needed in community.stars.level_points if points_earned >= needed)
    return max(1, min(levels, reached))


def next_level_points(level: int, community: Community) -> int | None:
    """Points (earned, all time) that reach the level after ``level``; None at the top."""
    thresholds = community.stars.level_points
    if level >= community.stars.rising_star_levels or level >= len(thresholds):
        return None
    return thresholds[level]


def premium_eligible(monthly_points: Sequence[int], community: Community) -> bool:
    """The quarterly free Premium perk: points earned in every month of the quarter
    (consistent activity) and at least ``quarterly_min_points`` in all."""
    return (
        len(monthly_points) > 0
        and all(points > 0 for points in monthly_points)
        and sum(monthly_points) >= community.stars.quarterly_min_points
    )


def redeem_refusal(plan: str, balance: int, community: Community) -> str | None:
    """None when ``plan`` may be redeemed with ``balance`` points, else why not."""
    stars = community.stars
    if plan.strip().casefold() != stars.premium_plan.casefold():
        return (
            f"Points can be redeemed for {stars.premium_plan} only; Family, Student and "
            "Duo plans are not offered."
        )
    if balance < stars.premium_redeem_points:
        missing = stars.premium_redeem_points - balance
        return (
            f"Redeeming {stars.premium_plan} takes {stars.premium_redeem_points} points; "
            f"you have {balance} ({missing} to go)."
        )
    return None


# ------------------------------------------------------------------ requirements


def _membership(facts: ApplicantFacts, days: int) -> Requirement:
    months = round(days / 30)
    name = f"{months} months a member"
    if facts.days_member >= days:
        return Requirement(name, True, f"Member for {facts.days_member} days.")
    missing = days - facts.days_member
    return Requirement(name, False, f"Member for {facts.days_member} days; {missing} more to go.")


def _age(facts: ApplicantFacts, min_age: int) -> Requirement:
    name = f"{min_age} or over"
    if facts.age is None:
        return Requirement(name, False, "Add your birth date in Settings.")
    if facts.age >= min_age:
        return Requirement(name, True, f"Birth date on file: {min_age} or over.")
    return Requirement(name, False, f"The Stars Program is for members {min_age} or over.")


def _language(facts: ApplicantFacts, language: str) -> Requirement:
    name = f"Posts in {language}"
    sample = facts.recent_posts[:LANGUAGE_SAMPLE_POSTS]
    if not sample:
        return Requirement(name, False, "No posts yet.")
    foreign = sum(1 for body in sample if not guidelines.looks_english(body))
    if foreign <= MAX_NOT_ENGLISH_SHARE * len(sample):
        return Requirement(name, True, f"Recent posts are in {language}.")
    return Requirement(
        name,
        False,
        f"{foreign} of the last {len(sample)} posts are not in {language}.",
    )


def _good_posts(facts: ApplicantFacts, needed: int, min_likes: int) -> Requirement:
    name = "A record of good posts"
    liked = "liked" if min_likes <= 1 else f"liked {min_likes}+ times"
    if facts.good_posts >= needed:
        return Requirement(name, True, f"{facts.good_posts} posts {liked}.")
    return Requirement(
        name,
        False,
        f"{facts.good_posts} posts {liked}; {needed} are needed.",
    )


# ------------------------------------------------------------------ custom avatar

#: Variation selector 16: "draw the character before me as an emoji".
_EMOJI_STYLE = "\ufe0f"


def check_avatar_glyph(glyph: str) -> str | None:
    """None when ``glyph`` may be a Star's custom avatar, else why not: exactly one
    visible character (an emoji may carry its emoji-style selector), no letters-with-
    marks stacks, controls, spaces or invisible characters; one or two cells wide."""
    text = unicodedata.normalize("NFC", glyph.strip())
    core = text.removesuffix(_EMOJI_STYLE)
    if len(core) != 1:
        return "A custom avatar is one character, such as ✪ or 🎧."
    category = unicodedata.category(core)
    if category[0] in "CZM":
        return "A custom avatar must be a visible character."
    if core in STAFF_MARK_LOOKALIKES:
        return "A custom avatar may not look like the staff mark."
    return None


def glyph_width(glyph: str) -> int:
    """Cells a checked glyph takes: 2 for wide and emoji-style characters, else 1."""
    core = glyph.removesuffix(_EMOJI_STYLE)
    if glyph.endswith(_EMOJI_STYLE) or unicodedata.east_asian_width(core[:1]) in "WF":
        return 2
    return 1
