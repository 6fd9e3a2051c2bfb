"""The Stars Program (store/stars.py): applications, ledger, levels, leaderboard, Premium,
events. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.models import Member, Message, Notification, Post, StarPoints


def _qualify(forum, seed, viewer, *, likes: int = 10, birth=date(1990, 1, 1)):
    """Give ``viewer`` what the application asks: a birth date and liked English posts."""
    thread = seed.thread("music-discussion", viewer.id, "Shoegaze for beginners")
    for _ in range(likes):
        seed.reply(thread, viewer.id, "Start with the loud ones and the quiet ones, then mix.")
    with seed.session() as session, session.begin():
        session.get(Member, viewer.id).birth_date = birth
        for post in session.exec(select(Post).where(Post.author_id == viewer.id)):
            post.like_count = 1


def _apply(forum, seed, viewer):
    _qualify(forum, seed, viewer)
    return forum.apply_for_stars(viewer, "I help on the Android board most days.")


# ---------------------------------------------------------------------- applying


def test_status_lists_each_requirement(forum, cast):
    status = forum.stars_status(cast["nina"])
    assert [r.name for r in status.requirements] == [
        "3 months a member",
        "18 or over",
        "Posts in English",
        "A record of good posts",
    ]
    assert not any(r.met for r in status.requirements)
    assert status.may_apply is False
    assert "3 months a member" in status.refusal and "18 or over" in status.refusal


def test_apply_when_every_requirement_is_met(forum, cast, seed):
    application = _apply(forum, seed, cast["jen"])
    assert application.status == "pending"
    assert all(r.met for r in application.requirements)
    status = forum.stars_status(cast["jen"])
    assert status.application.id == application.id
    assert "already applied" in status.refusal


def test_applying_twice_is_refused(forum, cast, seed):
    _apply(forum, seed, cast["jen"])
    with pytest.raises(NotAllowed, match="already applied on 20 November 2026"):
        forum.apply_for_stars(cast["jen"], "Again!")


def test_applying_without_a_requirement_names_it(forum, cast, seed):
    _qualify(forum, seed, cast["jen"], likes=3)
    with pytest.raises(NotAllowed, match=r"A record of good posts \(4 posts liked; 10 are"):
        forum.apply_for_stars(cast["jen"], "Please")


def test_under_18_is_refused(forum, cast, seed, clock):
    _qualify(forum, seed, cast["jen"], birth=clock().date() - timedelta(days=17 * 365))
    with pytest.raises(NotAllowed, match="18 or over"):
        forum.apply_for_stars(cast["jen"], "Please")


def test_posts_not_in_english_are_refused(forum, cast, seed):
    _qualify(forum, seed, cast["jen"])
    thread = seed.thread("music-discussion", cast["jen"].id, "Hola")
    for _ in range(12):
        seed.reply(
            thread,
            cast["jen"].id,
            "Hola a todos, ¿qué tal? Yo escucho mucha música de los años ochenta y es muy buena",
        )
    with pytest.raises(NotAllowed, match="Posts in English"):
        forum.apply_for_stars(cast["jen"], "Please")


@pytest.mark.parametrize("who, words", [("stella", "already a Star"), ("modmaria", "don't apply")])
def test_stars_and_staff_do_not_apply(forum, cast, who, words):
    with pytest.raises(NotAllowed, match=words):
        forum.apply_for_stars(cast[who], "Please")


def test_empty_application_is_refused(forum, cast):
    with pytest.raises(InvalidInput, match="Tell staff"):
        forum.apply_for_stars(cast["jen"], "   ")


# ---------------------------------------------------------------------- deciding


def _messages_on(seed, viewer):
    with seed.session() as session, session.begin():
        session.get(Member, viewer.id).pm_enabled = True


def test_accept_makes_a_rising_star_and_sends_a_message(forum, cast, seed):
    application = _apply(forum, seed, cast["jen"])
    _messages_on(seed, cast["jen"])
    assert [a.id for a in forum.stars_applications(cast["carla"])] == [application.id]
    result = forum.decide_stars_application(
        cast["carla"], application.id, accept=True, note="Welcome!"
    )
    assert result.message_delivered is True
    assert result.application.status == "accepted"
    jen = forum.who_am_i(cast["jen"])
    assert jen.role == "star" and jen.rank == "Rising Star 1"
    with seed.session() as session:
        body = session.exec(select(Message.body)).one()
    assert "accepted" in body and body.endswith("Welcome!")
    assert forum.stars_applications(cast["carla"]) == ()


def test_decline_with_messages_off_leaves_a_notification(forum, cast, seed):
    application = _apply(forum, seed, cast["jen"])
    result = forum.decide_stars_application(cast["carla"], application.id, accept=False)
    assert result.message_delivered is False
    assert forum.who_am_i(cast["jen"]).role == "member"
    with seed.session() as session:
        assert session.exec(select(Message)).first() is None
        note = session.exec(
            select(Notification).where(Notification.member_id == cast["jen"].id)
        ).one()
    assert note.kind == "stars" and "not accepted" in note.text
    # Declined members may apply again.
    assert forum.stars_status(cast["jen"]).may_apply is True


def test_only_staff_decide_and_only_once(forum, cast, seed):
    application = _apply(forum, seed, cast["jen"])
    for who in ("modmaria", "stella", "leo"):
        with pytest.raises(NotAllowed, match="Only staff decide"):
            forum.decide_stars_application(cast[who], application.id, accept=True)
    with pytest.raises(NotAllowed):
        forum.stars_applications(cast["modmaria"])
    forum.decide_stars_application(cast["carla"], application.id, accept=True)
    with pytest.raises(InvalidInput, match="already accepted"):
        forum.decide_stars_application(cast["carla"], application.id, accept=False)
    with pytest.raises(NotFound):
        forum.decide_stars_application(cast["carla"], 9999, accept=True)


# ---------------------------------------------------------------------- points and levels


def test_points_raise_levels_never_lower_them(forum, cast):
    carla = cast["carla"]
    forum.award_star_points(carla, "stella", 299, "Helped on Android")
    assert forum.who_am_i(cast["stella"]).rank == "Rising Star 1"
    forum.award_star_points(carla, "stella", 1, "One more")
    assert forum.who_am_i(cast["stella"]).rank == "Rising Star 2"
    forum.award_star_points(carla, "stella", -100, "Correction")
    assert forum.who_am_i(cast["stella"]).rank == "Rising Star 2"
    forum.award_star_points(carla, "stella", 1000, "Star Jam host")
    forum.award_star_points(carla, "stella", 1000, "Star Jam host")
    forum.award_star_points(carla, "stella", 1000, "Star Jam host")
    assert forum.who_am_i(cast["stella"]).rank == "Rising Star 5"  # never Spotify Star by points
    forum.make_spotify_star(carla, "stella")
    assert forum.who_am_i(cast["stella"]).rank == "Spotify Star"


@pytest.mark.parametrize(
    "points, reason, words",
    [(0, "x", "not 0"), (5000, "x", "not 0"), (10, "  ", "Give a reason")],
)
def test_award_refusals(forum, cast, points, reason, words):
    with pytest.raises(InvalidInput, match=words):
        forum.award_star_points(cast["carla"], "stella", points, reason)


def test_award_only_by_staff_and_only_to_stars(forum, cast):
    with pytest.raises(NotAllowed, match="Only staff"):
        forum.award_star_points(cast["modmaria"], "stella", 10, "x")
    with pytest.raises(InvalidInput, match="jen is not a Star"):
        forum.award_star_points(cast["carla"], "jen", 10, "x")
    with pytest.raises(InvalidInput, match="not a Star"):
        forum.make_spotify_star(cast["carla"], "jen")


def test_a_star_who_leaves_is_a_community_legend(forum, cast):
    badge = forum.leave_stars(cast["stella"])
    assert badge.rank == "Community Legend" and badge.role == "member"
    with pytest.raises(NotAllowed):
        forum.leave_stars(cast["jen"])


# ---------------------------------------------------------------------- ledger and Premium


def test_ledger_entries_monthly_totals_and_balance(forum, cast, clock):
    carla = cast["carla"]
    clock.set(datetime(2026, 10, 5, 9, 0))
    forum.award_star_points(carla, "stella", 80, "October answers")
    clock.set(datetime(2026, 11, 20, 12, 0))
    forum.award_star_points(carla, "stella", 40, "Great guide")
    forum.award_star_points(carla, "stella", -10, "Correction")
    ledger = forum.star_ledger(cast["stella"])
    assert [e.reason for e in ledger.entries] == ["Correction", "Great guide", "October answers"]
    assert ledger.balance == 110 and ledger.earned == 120
    assert [(m.label, m.earned, m.redeemed) for m in ledger.monthly[-2:]] == [
        ("Oct 2026", 80, 0),
        ("Nov 2026", 40, 10),
    ]
    assert ledger.quarter == "Q4 2026" and ledger.quarter_points == (80, 40)
    assert ledger.next_level_points == 300


def test_ledger_is_private(forum, cast):
    with pytest.raises(NotAllowed, match="for Stars"):
        forum.star_ledger(cast["jen"])
    with pytest.raises(NotAllowed):
        forum.star_ledger(cast["jen"], "stella")
    assert forum.star_ledger(cast["carla"], "stella").balance == 0


def test_quarterly_premium_needs_points_in_every_month(forum, cast, clock):
    carla = cast["carla"]
    for month, points in ((7, 100), (8, 30), (9, 30)):
        clock.set(datetime(2026, month, 10))
        forum.award_star_points(carla, "stella", points, "Answers")
    clock.set(datetime(2026, 10, 1))
    forum.award_star_points(carla, "stella", 5, "x")
    assert forum.star_ledger(cast["stella"]).premium_eligible_last_quarter is True
    assert forum.star_ledger(cast["stella"]).last_quarter == "Q3 2026"


def test_quarterly_premium_refused_with_a_gap(forum, cast, clock):
    clock.set(datetime(2026, 7, 10))
    forum.award_star_points(cast["carla"], "stella", 500, "One big month")
    clock.set(datetime(2026, 10, 1))
    assert forum.star_ledger(cast["stella"]).premium_eligible_last_quarter is False


def test_redeem_premium_individual_only(forum, cast):
    forum.award_star_points(cast["carla"], "stella", 600, "Lots")
    with pytest.raises(InvalidInput, match="Premium Individual only; Family, Student and Duo"):
        forum.redeem_premium(cast["stella"], "Premium Family")
    entry = forum.redeem_premium(cast["stella"], "Premium Individual")
    assert entry.points == -500
    with pytest.raises(InvalidInput, match="you have 100 \\(400 to go\\)"):
        forum.redeem_premium(cast["stella"], "Premium Individual")
    with pytest.raises(NotAllowed, match="Only Stars"):
        forum.redeem_premium(cast["jen"], "Premium Individual")


# ---------------------------------------------------------------------- leaderboard


def test_leaderboard_top_ten_highlighted(forum, cast, seed, clock):
    ids = [seed.member(f"star{n:02d}", role="star") for n in range(12)]
    with seed.session() as session, session.begin():
        for n, member_id in enumerate(ids):
            session.add(
                StarPoints(member_id=member_id, points=10 + n, reason="x", created_at=clock())
            )
        last_month = clock() - timedelta(days=40)
        session.add(StarPoints(member_id=ids[0], points=999, reason="x", created_at=last_month))
    assert forum.star_leaderboard(cast["stella"]).month == "Oct 2026"  # the last full month
    board = forum.star_leaderboard(cast["stella"], "2026-11")
    assert board.month == "Nov 2026" and board.complete is False
    assert [row.member.username for row in board.rows[:2]] == ["star11", "star10"]
    assert [row.top for row in board.rows] == [True] * 10 + [False] * 2
    assert board.viewer_place is None
    october = forum.star_leaderboard(cast["stella"], "2026-10")
    assert [(r.member.username, r.points) for r in october.rows] == [("star00", 999)]
    with pytest.raises(InvalidInput, match="YYYY-MM"):
        forum.star_leaderboard(cast["stella"], "last month")
    with pytest.raises(NotAllowed):
        forum.star_leaderboard(cast["jen"])


# ---------------------------------------------------------------------- events


def test_star_only_events_and_attendance_count_toward_rank(forum, cast, clock):
    event = forum.add_event(cast["carla"], "Star Jam (virtual)", clock() + timedelta(days=3))
    assert forum.events(cast["jen"]) == ()
    assert [e.title for e in forum.events(cast["stella"])] == ["Star Jam (virtual)"]
    seen = forum.record_attendance(cast["carla"], event.id, "stella")
    assert seen.attendees == 1 and seen.attended
    assert forum.events(cast["stella"])[0].attended
    with pytest.raises(InvalidInput, match="already recorded"):
        forum.record_attendance(cast["carla"], event.id, "stella")
    with pytest.raises(InvalidInput, match="Star-only"):
        forum.record_attendance(cast["carla"], event.id, "jen")
    public = forum.add_event(cast["carla"], "Listening party", clock(), star_only=False)
    forum.record_attendance(cast["carla"], public.id, "jen")
    overview = forum.rank_overview(cast["jen"])
    assert ("Events attended", 15) in overview.contributions
    with pytest.raises(NotAllowed):
        forum.add_event(cast["jen"], "My party", clock())
