"""Ongoing Issues in the store: the move in and back, statuses with status updates,
"me too" votes and who hears of each change."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from forum_tui.store.errors import InvalidInput, NotAllowed, StatusChanged
from forum_tui.store.models import Board, ModAction, Notification, StatusChange, Thread


def where(forum, thread_id) -> tuple[str, str | None, int | None]:
    with Session(forum.engine) as session:
        thread = session.get(Thread, thread_id)
        return session.get(Board, thread.board_id).slug, thread.issue_status, thread.vote_count


def notes_for(forum, member_id) -> list[tuple[str, str]]:
    with Session(forum.engine) as session:
        return list(
            session.exec(
                select(Notification.kind, Notification.text)
                .where(Notification.member_id == member_id)
                .order_by(Notification.id)
            ).all()
        )


@pytest.fixture
def issue(forum, cast):
    """A Help thread by jen with a reply by leo, moved to Ongoing Issues by modmaria."""
    thread_id = forum.post_thread(
        cast["jen"], "android", "Playback stops on lock screen", "It stops after a minute."
    ).thread_id
    forum.reply(cast["leo"], thread_id, "Same here on a Pixel.")
    forum.move_to_ongoing(cast["modmaria"], thread_id)
    return thread_id


def test_move_in_gives_new_issue_report(forum, cast, issue, recount):
    assert where(forum, issue)[:2] == ("ongoing-issues", "new")
    detail = forum.status_detail(cast["jen"], issue)
    assert (detail.kind, detail.status) == ("issue", "New Issue Report")
    assert "moved to Ongoing Issues" in detail.description
    assert detail.updates[0].status_key == "new"
    assert (
        "issue_status",
        "“Playback stops on lock screen” moved to Ongoing Issues as a New Issue Report.",
    ) in notes_for(forum, cast["jen"].id)
    with Session(forum.engine) as session:
        action = session.exec(select(ModAction).where(ModAction.action == "move")).one()
        assert '"to": "ongoing-issues"' in action.detail
    recount(forum)


@pytest.mark.parametrize("who", ["jen", "stella"])
def test_only_moderators_move_and_set_issue_statuses(forum, cast, seed, issue, who):
    other = seed.thread("ios", cast["oskar"].id, "Another")
    with pytest.raises(NotAllowed, match="moderators"):
        forum.move_to_ongoing(cast[who], other)
    with pytest.raises(NotAllowed, match="moderators"):
        forum.set_status(cast[who], issue, "fixed", "Done.")
    with pytest.raises(NotAllowed, match="moderators"):
        forum.move_back_to_help(cast[who], issue)


def test_moving_a_thread_not_in_help_is_refused_with_why(forum, cast, seed, issue):
    chat = seed.thread("music-exchange", cast["jen"].id, "Shoegaze")
    with pytest.raises(NotAllowed, match="Help"):
        forum.move_to_ongoing(cast["modmaria"], chat)
    with pytest.raises(NotAllowed, match="Only threads in a Help board"):
        forum.move_to_ongoing(cast["modmaria"], issue)  # already in Ongoing Issues
    help_id = seed.thread("ios", cast["jen"].id, "Help")
    with pytest.raises(NotAllowed, match="not in Ongoing Issues"):
        forum.move_back_to_help(cast["modmaria"], help_id)


def test_every_issue_status_with_a_status_update_post(forum, cast, issue, recount):
    seen = "new"
    for key in ("need_more_info", "under_investigation", "not_right_now", "wont_fix", "fixed"):
        result = forum.set_status(cast["modmaria"], issue, key, f"Update: {key}.", seen_status=seen)
        seen = key
        assert where(forum, issue)[1] == key
        post = forum.thread_posts(cast["jen"], issue).items[-1]
        assert post.id == result.post_id
        assert post.body.startswith(f"**Status update: {result.status}**")
    detail = forum.status_detail(cast["jen"], issue)
    assert [u.status_key for u in detail.updates] == [
        "fixed",
        "wont_fix",
        "not_right_now",
        "under_investigation",
        "need_more_info",
        "new",
    ]
    assert detail.updates[0].position == 7  # 2 posts, then five updates
    with pytest.raises(InvalidInput, match="moves to Ongoing Issues"):
        forum.set_status(cast["modmaria"], issue, "new", "Again.")
    with pytest.raises(InvalidInput, match="status update"):
        forum.set_status(cast["modmaria"], issue, "fixed", "")
    recount(forum)


def test_race_between_moderators(forum, cast, issue):
    forum.set_status(cast["modmaria"], issue, "under_investigation", "Looking.", seen_status="new")
    with pytest.raises(StatusChanged) as race:
        forum.set_status(cast["carla"], issue, "fixed", "Fixed.", seen_status="new")
    assert race.value.current == "under_investigation"
    with Session(forum.engine) as session:
        changes = session.exec(
            select(StatusChange.status).where(StatusChange.thread_id == issue)
        ).all()
    assert changes == ["new", "under_investigation"]
    forum.set_status(cast["carla"], issue, "fixed", "Fixed.", seen_status="under_investigation")


def test_me_too_once_each_taken_back_and_offers_subscribing(forum, cast, issue, recount):
    result = forum.toggle_vote(cast["oskar"], issue)
    assert (result.voted, result.vote_count, result.subscribed) == (True, 1, False)
    forum.toggle_subscription(cast["leo"], "thread", issue)
    assert forum.toggle_vote(cast["leo"], issue).subscribed
    assert forum.toggle_vote(cast["oskar"], issue).vote_count == 1
    with pytest.raises(NotAllowed, match="already counts you"):
        forum.toggle_vote(cast["jen"], issue)
    assert where(forum, issue)[2] == 1
    recount(forum)


def test_status_changes_reach_voters_subscribers_and_participants(forum, cast, issue):
    forum.toggle_vote(cast["oskar"], issue)
    forum.toggle_subscription(cast["nina"], "thread", issue)
    forum.set_status(cast["modmaria"], issue, "need_more_info", "Which app version?")
    assert notes_for(forum, cast["leo"].id)[-1][0] == "more_info"  # took part
    assert "where you took part" in notes_for(forum, cast["leo"].id)[-1][1]
    assert notes_for(forum, cast["jen"].id)[-1][0] == "more_info"  # the author took part
    assert notes_for(forum, cast["oskar"].id)[-1] == (
        "issue_status",
        "“Playback stops on lock screen” is now Need More Info: Which app version?",
    )
    assert notes_for(forum, cast["nina"].id)[-1][0] == "issue_status"
    forum.set_status(cast["modmaria"], issue, "fixed", "Update the app.")
    assert notes_for(forum, cast["leo"].id)[-1][0] == "more_info"  # no new one for leo
    assert notes_for(forum, cast["oskar"].id)[-1][1].endswith("is now Fixed: Update the app.")


def test_move_back_clears_the_status_and_keeps_the_history(forum, cast, issue, recount):
    forum.toggle_vote(cast["oskar"], issue)
    forum.set_status(cast["modmaria"], issue, "under_investigation", "Looking.")
    result = forum.move_back_to_help(cast["modmaria"], issue, "Expected behaviour.")
    assert result.board_slug == "android"
    assert where(forum, issue)[:2] == ("android", None)
    with Session(forum.engine) as session:
        kept = session.exec(select(StatusChange).where(StatusChange.thread_id == issue)).all()
    assert len(kept) == 2
    detail = forum.status_detail(cast["jen"], issue)
    assert detail.kind == "" and detail.moves_to is None  # members may not move it
    assert forum.status_detail(cast["modmaria"], issue).moves_to == "ongoing"
    with pytest.raises(NotAllowed, match="status"):
        forum.toggle_vote(cast["leo"], issue)
    recount(forum)


def test_the_ongoing_issues_list_filters_by_status(forum, cast, seed, issue):
    other = seed.thread("ios", cast["oskar"].id, "Lyrics vanish")
    forum.move_to_ongoing(cast["modmaria"], other)
    forum.set_status(cast["modmaria"], issue, "fixed", "Update the app.")
    forum.toggle_vote(cast["leo"], other)
    page = forum.status_threads(cast["nina"], "ongoing-issues", status="fixed")
    assert [t.id for t in page.items] == [issue]
    assert page.items[0].status_note.startswith("Update the app")
    by_votes = forum.status_threads(cast["nina"], "ongoing-issues", sort="votes")
    assert [t.id for t in by_votes.items] == [other, issue]


def test_concurrent_votes_and_status_changes_keep_counts_true(forum, db_url, cast, clock, issue):
    """Me-too votes from several threads and two engines at once, while two moderators
    race to set the status from the same state: every vote counts once, one status wins."""
    from concurrent.futures import ThreadPoolExecutor

    from forum_tui.store.forum import open_forum

    other = open_forum(db_url, clock=clock)
    try:
        voters = ["oskar", "stella", "nina", "noah", "carla"]

        def vote(index: int) -> None:
            service = forum if index % 2 else other
            for _ in range(3):  # on, off, on: ends voted
                service.toggle_vote(cast[voters[index]], issue)

        def set_status(index: int) -> str:
            service = forum if index % 2 else other
            who = cast["modmaria"] if index % 2 else cast["carla"]
            key = "fixed" if index % 2 else "wont_fix"
            try:
                service.set_status(who, issue, key, f"By {index}.", seen_status="new")
            except StatusChanged:
                return "asked again"
            return "applied"

        with ThreadPoolExecutor(max_workers=7) as pool:
            list(pool.map(vote, range(len(voters))))
            outcomes = list(pool.map(set_status, range(2)))
        assert sorted(outcomes) == ["applied", "asked again"]
        assert where(forum, issue)[2] == len(voters)
        with Session(forum.engine) as session:
            from forum_tui.store.models import Vote

            assert len(session.exec(select(Vote).where(Vote.thread_id == issue)).all()) == 5
            changes = session.exec(
                select(StatusChange.status).where(StatusChange.thread_id == issue)
            ).all()
        assert len(changes) == 2  # new, then exactly one of the racing changes
    finally:
        other.close()
