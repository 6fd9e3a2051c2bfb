"""The default community file, and clear errors for malformed ones."""

from importlib import resources

import pytest

from forum_tui.rules.community import (
    BOARD_KINDS,
    CommunityFileError,
    default_community,
    load_community,
    parse_community,
)

CHAT_BOARDS = (
    "Music Exchange",
    "Music Discussion",
    "Discovery & Promo",
    "Social & Random",
    "App & Features",
    "Podcast Discussion",
)
LADDER = (
    "Visitor",
    "Newbie",
    "Casual Listener",
    "Regular",
    "Music Fan",
    "Gig Goer",
    "Roadie",
    "Songwriter",
    "Composer",
)


@pytest.fixture(scope="module")
def default_text() -> str:
    return resources.files("forum_tui.rules").joinpath("community.toml").read_text("utf-8")


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence]


def error_for(text: str) -> str:
    with pytest.raises(CommunityFileError) as caught:
        parse_community(text, source="mine.toml")
    return str(caught.value)


# ------------------------------------------------------------------ the default community


def test_default_community_has_the_seven_areas():
    community = default_community()
    assert [area.name for area in community.areas] == [
        "Help",
        "Chat",
        "Ideas",
        "FAQs",
        "Stars area",
        "Community Blog",
        "The Vault",
    ]


def test_chat_has_exactly_the_six_categories_in_order_each_with_guidelines():
    chat = next(area for area in default_community().areas if area.slug == "chat")
    assert tuple(board.name for board in chat.boards) == CHAT_BOARDS
    assert all(board.kind == "chat" for board in chat.boards)
    assert all(board.guidelines.strip() for board in chat.boards)
    assert len({board.guidelines for board in chat.boards}) == 6


def test_rank_ladder_runs_visitor_to_composer_with_rising_requirements():
    ranks = default_community().ranks
    assert tuple(rank.name for rank in ranks.member) == LADDER
    assert [r.points for r in ranks.member] == sorted(r.points for r in ranks.member)
    assert [r.min_days for r in ranks.member] == sorted(r.min_days for r in ranks.member)
    assert ranks.former_star == "Community Legend"
    assert ranks.former_staff == "Spotify Legend"


def test_default_community_covers_every_special_board_kind():
    kinds = {board.kind for board in default_community().boards}
    assert kinds == set(BOARD_KINDS)


def test_help_has_platform_boards_and_ongoing_issues():
    community = default_community()
    assert len(community.boards_of_kind("help")) >= 5
    assert [b.slug for b in community.boards_of_kind("ongoing_issues")] == ["ongoing-issues"]


def test_statuses_and_limits_from_the_file():
    community = default_community()
    assert community.idea_status("live").name == "Live Idea"
    assert community.idea_status("closed").closed
    assert community.issue_status("wont_fix").name == "Won't Fix"
    assert community.limits.pm_min_age == 18
    assert "spotify" in community.brand_names


def test_load_community_without_a_path_is_the_default():
    assert load_community() is default_community()


def test_load_community_reads_a_file(tmp_path, default_text):
    path = tmp_path / "other.toml"
    path.write_text(default_text.replace('name = "Spotify Community"', 'name = "Other"'))
    assert load_community(path).name == "Other"


def test_load_community_names_a_missing_file(tmp_path):
    with pytest.raises(CommunityFileError, match="does not exist"):
        load_community(tmp_path / "nope.toml")


# ------------------------------------------------------------------ malformed files


def test_wrong_type_names_key_and_line(default_text):
    text = default_text.replace("pm_min_age = 18", 'pm_min_age = "18"')
    message = error_for(text)
    assert "'limits.pm_min_age'" in message
    assert f"line {line_of(text, 'pm_min_age =')}" in message
    assert "whole number" in message
    assert message.startswith("mine.toml")


def test_missing_key_names_key_and_its_table(default_text):
    text = default_text.replace("pm_min_age = 18\n", "")
    message = error_for(text)
    assert "'limits.pm_min_age' is missing" in message
    assert f"line {line_of(text, '[limits]')}" in message


def test_missing_key_in_a_list_of_tables_points_at_that_table(default_text):
    text = default_text.replace('name = "Gig Goer"', 'title = "Gig Goer"')
    message = error_for(text)
    assert "'ranks.member[5].name' is missing" in message
    assert f"line {line_of(text, '[[ranks.member]]', 5)}" in message


def test_bad_board_kind_names_key_line_and_choices(default_text):
    text = default_text.replace('kind = "chat"', 'kind = "lounge"', 1)
    message = error_for(text)
    assert "kind' is 'lounge'" in message
    assert f"line {line_of(text, 'lounge')}" in message
    assert "star_only" in message


def test_duplicate_slug_points_at_the_second_one(default_text):
    text = default_text.replace('slug = "ios"', 'slug = "android"')
    message = error_for(text)
    assert "'android' is used twice" in message
    second = line_of(text, 'slug = "android"', 1)
    assert f"line {second}" in message


def test_invalid_toml_names_the_file_and_line(default_text):
    text = default_text.replace("[limits]", "[limits")
    message = error_for(text)
    assert "mine.toml is not valid TOML" in message
    assert f"line {line_of(text, '[limits')}" in message


def test_ladder_that_goes_down_is_refused(default_text):
    text = default_text.replace('name = "Regular"\npoints = 100', 'name = "Regular"\npoints = 1')
    message = error_for(text)
    assert "ranks.member[3].points" in message
    assert "must not go down" in message


def test_negative_number_is_refused(default_text):
    text = default_text.replace("pm_per_hour = 20", "pm_per_hour = -1")
    assert "cannot be negative" in error_for(text)


def test_boolean_is_not_a_number(default_text):
    text = default_text.replace("pm_per_hour = 20", "pm_per_hour = true")
    assert "'limits.pm_per_hour' should be a whole number" in error_for(text)
