"""Profiles, settings, the rank overview and the rank recompute (store/profiles.py).

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from forum_tui.rules.community import load_community
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.models import Like, Member, Notification

# ---------------------------------------------------------------------- usernames


def test_change_username(forum, cast):
    viewer = forum.change_username(cast["jen"], "jen_listens")
    assert viewer.username == "jen_listens"
    assert forum.member_profile(cast["leo"], "jen_listens").member.id == cast["jen"].id
    with pytest.raises(NotFound):
        forum.member_profile(cast["leo"], "jen")


def test_change_username_case_only_is_allowed(forum, cast):
    assert forum.change_username(cast["jen"], "JEN").username == "JEN"


@pytest.mark.parametrize(
    "wanted, words",
    [
        ("oskar", "The username oskar is taken."),
        ("OSKAR", "The username OSKAR is taken."),
        ("0skar", "looks too much like oskar"),  # digit zero for the letter o
        ("osk\u0430r", "looks too much like oskar"),  # Cyrillic a
        ("admin", "That name is reserved."),
        ("Sp\u043etify_fan", "Names may not use the Spotify name."),  # Cyrillic o
        ("Sp\u03bftify.fan", "Spotify name"),  # Greek omicron
        ("jen_moderator", "pose as staff"),
        ("a", "3 to 30"),
        ("spo\u200btify", "letters, digits"),  # zero-width space
    ],
)
def test_change_username_refusals_name_the_rule(forum, cast, wanted, words):
    with pytest.raises(InvalidInput, match=words):
        forum.change_username(cast["jen"], wanted)
    assert forum.who_am_i(cast["jen"]).username == "jen"


# ---------------------------------------------------------------------- settings


def test_settings_show_choices(forum, cast):
    settings = forum.my_settings(cast["jen"])
    assert settings.pronoun_choices == forum.community.pronouns
    assert settings.avatar_choices[0] == "vinyl-grey"
    assert "custom" not in settings.avatar_choices
    assert settings.may_use_custom_avatar is False
    assert forum.my_settings(cast["stella"]).may_use_custom_avatar is True
    assert "star-gold" in forum.my_settings(cast["stella"]).avatar_choices


def test_save_settings(forum, cast):
    viewer = forum.save_settings(
        cast["jen"],
        display_name="Jen 🎧✨",
        pronouns="she/they",
        avatar="cassette-green",
        birth_date=date(1990, 4, 2),
    )
    assert viewer.display_name == "Jen 🎧✨"
    assert viewer.pronouns == "she/they"
    assert viewer.avatar == "cassette-green"
    assert viewer.birth_date == date(1990, 4, 2)
    badge = forum.member_profile(cast["leo"], "jen").member
    assert badge.pronouns == "she/they"


@pytest.mark.parametrize(
    "change, words",
    [
        ({"display_name": "◆ Jen"}, "Display name: Names may not use the staff mark."),
        ({"display_name": "   "}, "Display name:"),
        ({"pronouns": "xe/xem"}, "Pronouns: choose from the list"),
        ({"avatar": "baton-gold"}, "Avatar: baton-gold is not unlocked yet"),
        ({"avatar": "custom"}, "not unlocked"),
        ({"birth_date": date(2030, 1, 1)}, "in the future"),
        ({"birth_date": date(1990, 1, 2), "_before": date(1990, 1, 1)}, "ask staff"),
        ({"birth_date": date(1800, 1, 1)}, "from 1900"),
    ],
)
def test_save_settings_refusals(forum, cast, seed, change, words):
    fields = dict(display_name="jen", pronouns=None, avatar="vinyl-grey", birth_date=None)
    change = dict(change)
    before = change.pop("_before", None)
    if before is not None:
        with seed.session() as session, session.begin():
            session.get(Member, cast["jen"].id).birth_date = before
    fields.update(change)
    with pytest.raises(InvalidInput, match=words):
        forum.save_settings(cast["jen"], **fields)
    assert forum.who_am_i(cast["jen"]).display_name == "jen"


def test_custom_avatar_is_a_star_perk(forum, cast):
    with pytest.raises(NotAllowed, match="Stars perk"):
        forum.set_custom_avatar(cast["jen"], "✪")
    forum.set_custom_avatar(cast["stella"], "🎧")
    settings = forum.my_settings(cast["stella"])
    assert settings.custom_glyph == "🎧" and settings.custom_avatar
    assert forum.member_profile(cast["jen"], "stella").custom_glyph == "🎧"
    forum.set_custom_avatar(cast["stella"], "")
    assert forum.my_settings(cast["stella"]).custom_avatar is False


@pytest.mark.parametrize(
    "glyph, words", [("ab", "one character"), ("\u200b", "visible"), ("◆", "staff mark")]
)
def test_custom_avatar_refusals(forum, cast, glyph, words):
    with pytest.raises(InvalidInput, match=words):
        forum.set_custom_avatar(cast["stella"], glyph)


# ---------------------------------------------------------------------- profiles


def test_member_profile_lists_visible_posts_and_solutions(forum, cast, seed):
    jen = cast["jen"]
    help_thread = seed.thread("android", cast["leo"].id, "Crossfade gone", replies=0)
    answer = seed.reply(help_thread, jen.id, "Try turning it off and on.")
    forum.accept_solution(cast["leo"], answer)
    star_thread = seed.thread("stars-lounge", cast["stella"].id, "Stars only")
    seed.reply(star_thread, jen.id, "secret")  # e.g. written while jen was a Star
    profile = forum.member_profile(cast["leo"], "jen")
    assert [post.thread_title for post in profile.recent_posts] == ["Crossfade gone"]
    assert profile.recent_solutions[0].post_id == answer
    assert profile.solutions == 1
    assert profile.is_self is False
    stars_view = forum.member_profile(cast["stella"], "jen")
    assert [post.thread_title for post in stars_view.recent_posts] == [
        "Stars only",
        "Crossfade gone",
    ]


def test_member_profile_unknown(forum, cast):
    with pytest.raises(NotFound, match="no member called"):
        forum.member_profile(cast["jen"], "nobody_here")


# ---------------------------------------------------------------------- rank overview


def test_rank_overview_shows_what_is_missing(forum, cast):
    overview = forum.rank_overview(cast["nina"])
    assert overview.ladder[overview.ladder_index].name == "Visitor"
    assert overview.next_rank == "Newbie"
    assert overview.points_needed == 10
    assert overview.days_needed == 1
    assert overview.by_activity is True
    assert len(overview.months) == 6
    assert overview.next_avatars == ("cassette-green",)
    assert overview.star_titles[-1] == "Spotify Star"


def test_rank_overview_counts_this_months_posts_and_likes(forum, cast, seed, clock):
    jen = cast["jen"]
    thread = seed.thread("android", jen.id, "Mine", replies=0)
    old = seed.thread("android", jen.id, "Older", at=clock() - timedelta(days=45))
    post = seed.post_ids(thread)[0]
    seed.add(Like(post_id=post, member_id=cast["leo"].id, created_at=clock()))
    months = forum.rank_overview(cast["leo"], "jen").months
    assert months[-1].posts == 1 and months[-1].likes_received == 1
    assert sum(m.posts for m in months) == 2
    assert old


def test_rank_overview_for_a_star_is_not_by_activity(forum, cast):
    overview = forum.rank_overview(cast["stella"])
    assert overview.by_activity is False
    assert overview.title == "Rising Star 1"


# ---------------------------------------------------------------------- recompute


def _cheaper_ladder():
    community = load_community(None)
    ladder = tuple(
        type(rank)(rank.name, rank.points // 10, 0, rank.avatars, rank.blurb)
        for rank in community.ranks.member
    )
    ranks = type(community.ranks)(**{**community.ranks.__dict__, "member": ladder})
    return type(community)(**{**community.__dict__, "ranks": ranks})


def test_recompute_dry_run_writes_nothing(forum, cast, seed):
    forum.community = _cheaper_ladder()
    seen = []
    changes = forum.recompute_ranks(dry_run=True, on_progress=lambda done, total: seen.append(done))
    names = {change.username for change in changes}
    assert {"jen", "oskar", "leo"} <= names
    assert seen[-1] == 8
    with seed.session() as session:
        assert session.get(Member, cast["jen"].id).rank == "Casual Listener"


def test_recompute_writes_and_notifies_rank_ups(forum, cast, seed):
    forum.community = _cheaper_ladder()
    changes = forum.recompute_ranks()
    jen = next(change for change in changes if change.username == "jen")
    assert jen.old == "Casual Listener" and jen.new != jen.old
    with seed.session() as session:
        assert session.get(Member, cast["jen"].id).rank == jen.new
        kinds = session.exec(
            select(Notification.kind).where(Notification.member_id == cast["jen"].id)
        ).all()
    assert "rank_up" in kinds
    assert forum.recompute_ranks(dry_run=True) == ()


def test_pronouns_and_a_stars_glyph_reach_every_list_of_authors(forum, seed, cast):
    """Every Core read builds its authors through ``convert.badge_from_row``: posts,
    board pages and the inbox all carry the pronouns a member chose."""
    from forum_tui.store.models import Member

    jen = cast["jen"]
    seed.update(Member, jen.id, pronouns="she/her")
    seed.update(Member, cast["stella"].id, custom_glyph="✦", custom_avatar=True)
    thread_id = seed.thread("android", jen.id, replies=1, reply_author_id=cast["stella"].id)
    posts = forum.thread_posts(jen, thread_id).items
    assert posts[0].author.pronouns == "she/her"
    assert posts[1].author.custom_glyph == "✦"
    board = forum.board_threads(jen, "android").items
    assert next(t for t in board if t.id == thread_id).author.pronouns == "she/her"
