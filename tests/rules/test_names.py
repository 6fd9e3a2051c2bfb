"""Usernames and display names: allowed shapes, reserved names, no posing as the brand or staff."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum_tui.rules.community import default_community
from forum_tui.rules.names import (
    check_display_name,
    check_username,
    clean_username,
    username_key,
)

COMMUNITY = default_community()
BRAND = "Names may not use the Spotify name."
STAFF = "Names may not pose as staff or moderators."
RESERVED = "That name is reserved."


# ------------------------------------------------------------------ usernames


@pytest.mark.parametrize(
    "name", ["alice", "Bob_99", "jo.e", "the-dj", "José", "Zoë", "日本語", "ёлка", "abc", "x" * 30]
)
def test_ordinary_usernames_are_fine(name):
    assert check_username(name, COMMUNITY) is None


@pytest.mark.parametrize(
    "name, reason",
    [
        ("ab", "Usernames are 3 to 30 characters long."),
        ("x" * 31, "Usernames are 3 to 30 characters long."),
        ("  ab  ", "Usernames are 3 to 30 characters long."),
        ("two words", "Usernames can't contain spaces."),
        ("mia🎧", "Usernames may only use letters, digits, '_', '-' and '.'."),
        ("a@b.c", "Usernames may only use letters, digits, '_', '-' and '.'."),
        ("bad\x1bname", "Usernames may only use letters, digits, '_', '-' and '.'."),
        ("zero\u200bwidth", "Usernames may only use letters, digits, '_', '-' and '.'."),
        ("\u3164\u3164\u3164", "Usernames may only use letters, digits, '_', '-' and '.'."),
        ("___", "Usernames need at least one letter or digit."),
    ],
)
def test_badly_shaped_usernames_are_refused_with_why(name, reason):
    assert check_username(name, COMMUNITY) == reason


@pytest.mark.parametrize(
    "name", ["admin", "Admin", "ADM1N", "moderator", "Mod", "support", "help", "root", "System"]
)
def test_reserved_usernames_are_refused(name):
    assert check_username(name, COMMUNITY) == RESERVED


@pytest.mark.parametrize(
    "name",
    [
        "SpotifyFan",
        "Spоtify_fan",  # Cyrillic о
        "SP0TIFY",
        "i_love_sp0t1fy",
        "Ｓｐｏｔｉｆｙｆａｎ",  # fullwidth
        "the.spotify.guy",
    ],
)
def test_brand_in_a_username_is_refused(name):
    assert check_username(name, COMMUNITY) in (BRAND, RESERVED)


def test_brand_refusal_uses_the_brands_own_casing():
    assert check_username("SpotifyFan", COMMUNITY) == BRAND


@pytest.mark.parametrize(
    "name",
    [
        "Admin_Jen",
        "JenModerator",
        "jen.moderator",
        "jenmoderator",
        "TheM0derat0r",
        "staff-member",
        "CommunityManager",
        "community_manager_amy",
        "Creator",
    ],
)
def test_posing_as_staff_is_refused(name):
    assert check_username(name, COMMUNITY) in (STAFF, RESERVED)


@pytest.mark.parametrize("name", ["Badminton", "Staffan", "Flagstaff", "moderate", "admiral"])
def test_staff_words_inside_other_words_are_fine(name):
    assert check_username(name, COMMUNITY) is None


def test_username_key_makes_look_alikes_collide():
    assert username_key("Alice") == username_key("alice") == username_key("ALICE")
    assert username_key("аlice") == username_key("alice")  # Cyrillic а
    assert username_key("al1ce") == username_key("alice")
    assert username_key("a_lice") == username_key("alice")
    assert username_key("alice") != username_key("bob")


def test_clean_username_composes_and_strips():
    assert clean_username("  jo\u0301se ") == "jóse"
    assert check_username("jo\u0301se", COMMUNITY) is None


# ------------------------------------------------------------------ display names


@pytest.mark.parametrize(
    "name",
    [
        "Mia 🎧✨",
        "👩\u200d💻 dev",
        "🏳\ufe0f\u200d🌈",
        "👨\u200d👩\u200d👧\u200d👦 family",
        "Zoë (she/her)",
        "DJ ❤\ufe0f\u200d🔥",
        "🇸🇪 Lars",
        "Big Fan of Music",
        "M",
    ],
)
def test_display_names_with_emoji_are_accepted(name):
    assert check_display_name(name, COMMUNITY) is None


def test_display_name_length_counts_emoji_as_one():
    family = "👨\u200d👩\u200d👧\u200d👦"  # seven code points, one emoji
    assert check_display_name(family * 20 + "x" * 20, COMMUNITY) is None  # 160 code points
    assert check_display_name(family * 20 + "x" * 21, COMMUNITY) is not None
    assert check_display_name("x" * 40, COMMUNITY) is None
    assert "1 to 40" in check_display_name("x" * 41, COMMUNITY)


@pytest.mark.parametrize(
    "name, words",
    [
        ("bad\x1b[2Jname", "control characters"),
        ("two\nlines", "control characters"),
        ("evil\u202eman", "direction"),
        ("a\u2066b", "direction"),
        ("zero\u200bwidth", "invisible"),
        ("\u3164", "invisible"),
        ("   ", "visible"),
        ("", "visible"),
        ("a\u0301" * 200, "long"),
    ],
)
def test_unsafe_display_names_are_refused_with_why(name, words):
    reason = check_display_name(name, COMMUNITY)
    assert reason and words in reason


@pytest.mark.parametrize(
    "name",
    ["Spotify Fan", "Sp0tify Jen", "S p o t i f y", "🇸🇵🇴🇹🇮🇫🇾", "The Moderator", "Jen (Staff)"],
)
def test_display_names_may_not_pose_as_brand_or_staff(name):
    assert check_display_name(name, COMMUNITY) in (BRAND, STAFF, RESERVED)


def test_display_name_may_not_use_the_staff_mark():
    assert check_display_name("◆ Jen", COMMUNITY) == "Names may not use the staff mark."
    assert check_display_name("♦ Jen", COMMUNITY) == "Names may not use the staff mark."


@given(st.text(max_size=60))
def test_name_checks_never_crash_and_answer_in_words(name):
    for check in (check_username, check_display_name):
        reason = check(name, COMMUNITY)
        assert reason is None or (isinstance(reason, str) and reason.endswith("."))
