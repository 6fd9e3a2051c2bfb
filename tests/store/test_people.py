"""Members: adding, roles, signing in, demo personas. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound, SignInFailed
from forum_tui.store.views import MemberBadge, Viewer

# ---------------------------------------------------------------------- add_member


def test_add_member_defaults(forum, clock):
    badge = forum.add_member("jen_listens", "correct horse")
    assert badge == MemberBadge(
        id=badge.id,
        username="jen_listens",
        display_name="jen_listens",
        rank="Visitor",
        avatar="vinyl-grey",
        role="member",
        is_staff=False,
        staff_title=None,
    )
    viewer = forum.sign_in("jen_listens", "correct horse")
    assert viewer.email_verified is True
    assert viewer.created_at == clock()


def test_add_member_with_display_name_and_birth_date(forum):
    forum.add_member("mia", "pw-pw-pw", display_name="Mia ✨🎧", birth_date=date(2010, 5, 1))
    viewer = forum.sign_in("mia", "pw-pw-pw")
    assert viewer.display_name == "Mia ✨🎧"
    assert viewer.birth_date == date(2010, 5, 1)


@pytest.mark.parametrize(
    "username, message",
    [
        ("admin", "reserved"),
        ("Spotify_Fan", "Spotify"),
        ("ModeratorJen", "pose as staff"),
        ("ab", "3 to 30"),
        ("has space", "spaces"),
    ],
)
def test_add_member_refuses_bad_usernames(forum, username, message):
    with pytest.raises(InvalidInput, match=message):
        forum.add_member(username, "pw")


def test_add_member_refuses_bad_display_name(forum):
    with pytest.raises(InvalidInput, match="staff mark"):
        forum.add_member("jen", "pw", display_name="◆ Jen")


def test_duplicate_usernames_case_insensitive(forum):
    forum.add_member("MusicLover", "pw")
    with pytest.raises(InvalidInput) as caught:
        forum.add_member("musiclover", "pw")
    assert str(caught.value) == "The username musiclover is taken."


def test_look_alike_usernames_are_refused(forum):
    forum.add_member("oskar", "pw")
    with pytest.raises(InvalidInput) as caught:
        forum.add_member("0skar", "pw")  # zero for o
    assert "looks too much like oskar" in str(caught.value)
    with pytest.raises(InvalidInput, match="looks too much like oskar"):
        forum.add_member("оskar", "pw")  # Cyrillic о


def test_bad_role_and_titles(forum):
    with pytest.raises(InvalidInput, match="Unknown role 'admin': use one of member, star"):
        forum.add_member("jen", "pw", role="admin")
    with pytest.raises(InvalidInput, match="Only staff have a staff title"):
        forum.add_member("jen", "pw", staff_title="Creator")
    with pytest.raises(InvalidInput, match="Unknown staff title 'Boss'"):
        forum.add_member("jen", "pw", role="staff", staff_title="Boss")
    with pytest.raises(InvalidInput, match="password cannot be empty"):
        forum.add_member("jen", "")


def test_roles_and_ranks(forum):
    assert forum.add_member("stella", "pw", role="star").rank == "Rising Star 1"
    assert forum.add_member("modmaria", "pw", role="moderator").rank == "Moderator"
    staff = forum.add_member("carla_cm", "pw", role="staff")
    assert staff.is_staff and staff.staff_title == "Community Manager"
    assert staff.rank == "Community Manager"
    creator = forum.add_member("theo", "pw", role="staff", staff_title="creator")
    assert creator.staff_title == "Creator" and creator.rank == "Creator"


def test_set_role_and_legends(forum):
    forum.add_member("stella", "pw", role="star")
    assert forum.set_role("STELLA", "member").rank == "Community Legend"
    forum.add_member("carla_cm", "pw", role="staff")
    assert forum.set_role("carla_cm", "member").rank == "Spotify Legend"
    promoted = forum.set_role("carla_cm", "staff", staff_title="Moderator")
    assert promoted.rank == "Moderator" and promoted.role == "staff"
    assert forum.set_role("stella", "star").rank == "Rising Star 1"


def test_set_role_refusals(forum):
    with pytest.raises(NotFound, match="no member called 'ghost'"):
        forum.set_role("ghost", "star")
    forum.add_member("jen", "pw")
    with pytest.raises(InvalidInput, match="Unknown role"):
        forum.set_role("jen", "overlord")


# ---------------------------------------------------------------------- sign in


def test_sign_in_right_password(forum, clock):
    forum.add_member("jen", "correct horse")
    clock.advance(hours=2)
    viewer = forum.sign_in("Jen", "correct horse")  # usernames are case-insensitive
    assert isinstance(viewer, Viewer)
    assert viewer.username == "jen" and viewer.role == "member"


def test_wrong_password_and_unknown_user_get_the_same_answer(forum):
    forum.add_member("jen", "correct horse")
    with pytest.raises(SignInFailed) as wrong:
        forum.sign_in("jen", "wrong horse")
    with pytest.raises(SignInFailed) as unknown:
        forum.sign_in("nobody_here", "correct horse")
    assert str(wrong.value) == str(unknown.value) == "Wrong username or password."


def test_suspended_member_signs_in_to_read_and_is_told_until_when(forum, seed, clock):
    # Issue 9: a suspended member can read but not write, and is told until when.
    until = clock() + timedelta(days=3)
    seed.member("trouble", suspended_until=until, password="pw")
    viewer = forum.sign_in("trouble", "pw")
    assert viewer.suspended_until == until
    assert forum.areas(viewer)  # reading works
    with pytest.raises(NotAllowed) as caught:
        forum.toggle_subscription(viewer, "board", seed.board_id("android"))
    assert str(caught.value).startswith(
        "Your account is suspended until 23 November 2026, 12:00 UTC"
    )
    # but a wrong password never reveals the suspension
    with pytest.raises(SignInFailed):
        forum.sign_in("trouble", "nope")
    clock.advance(days=3, seconds=1)
    assert forum.sign_in("trouble", "pw").username == "trouble"


# ---------------------------------------------------------------------- demo


def _demo(forum, seed):
    seed.setting("demo", "yes")
    seed.member("visitor_vic", is_demo_persona=True, persona_blurb="Brand new.")
    seed.member("carla_cm", role="staff", is_demo_persona=True, persona_blurb="Runs it.")
    seed.member("stella", role="star", is_demo_persona=True)
    seed.member("modmaria", role="moderator", is_demo_persona=True)
    seed.member("composer_kim", is_demo_persona=True, rank="Composer", persona_blurb="Top member.")
    seed.member("legend_lou", is_demo_persona=True, legend="star", rank="Community Legend")
    seed.member("background_bob")  # an author, not a persona


def test_is_demo(forum, seed):
    assert forum.is_demo() is False
    seed.setting("demo", "no")
    assert forum.is_demo() is False
    seed.setting("demo", "yes")
    assert forum.is_demo() is True


def test_personas_are_ordered_by_role_then_rank(forum, seed):
    _demo(forum, seed)
    personas = forum.personas()
    assert [p.username for p in personas] == [
        "visitor_vic",
        "composer_kim",
        "legend_lou",
        "stella",
        "modmaria",
        "carla_cm",
    ]
    assert personas[0].blurb == "Brand new." and personas[3].blurb == ""


def test_sign_in_as_a_persona(forum, seed):
    _demo(forum, seed)
    viewer = forum.sign_in_as("Carla_CM")
    assert viewer.username == "carla_cm" and viewer.is_moderator


def test_sign_in_as_unknown_lists_the_personas(forum, seed):
    _demo(forum, seed)
    with pytest.raises(NotFound) as caught:
        forum.sign_in_as("background_bob")
    message = str(caught.value)
    assert message.startswith("There is no persona called 'background_bob'.")
    assert "visitor_vic, composer_kim, legend_lou, stella, modmaria, carla_cm" in message


def test_sign_in_as_refused_on_a_real_database(forum, seed):
    seed.member("jen", is_demo_persona=True)
    with pytest.raises(NotAllowed) as caught:
        forum.sign_in_as("jen")
    assert str(caught.value).startswith("--as works only on a demo database")


def test_is_empty(forum):
    assert forum.is_empty()
    forum.add_member("jen", "pw")
    assert not forum.is_empty()


def test_who_am_i_sees_a_new_role_and_rank(forum, seed):
    member_id = seed.member("wren")
    viewer = seed.viewer(member_id)
    forum.set_role("wren", "star")
    now = forum.who_am_i(viewer)
    assert (now.id, now.role) == (viewer.id, "star")
    assert now.rank.startswith(forum.community.ranks.rising_star)
