"""The Idea Exchange in the store: submit, votes, statuses, merges and the idea list."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from forum_tui.store.errors import (
    GuidelineRefused,
    InvalidInput,
    NeedsConfirmation,
    NotAllowed,
    StatusChanged,
)
from forum_tui.store.models import IdeaDetail, Member, ModAction, Notification, Report, Thread, Vote

GOOD_BODY = (
    "Right now a playlist has no place for a note from its owner, so I explain the "
    "order in the description, which is cut off on mobile. I'd like owners to pin a short "
    "note to the top of a playlist, shown above the first track on every platform."
)


def submit(forum, viewer, subject="Let playlist owners pin a note", label="Playlists", **kw):
    body = kw.pop("body", f"{GOOD_BODY} ({subject})")
    return forum.submit_idea(viewer, subject, body, label=label, **kw).thread_id


def idea_row(forum, thread_id) -> tuple[IdeaDetail, Thread]:
    with Session(forum.engine) as session:
        return session.get(IdeaDetail, thread_id), session.get(Thread, thread_id)


def board_kind(forum, thread_id) -> str:
    with Session(forum.engine) as session:
        thread = session.get(Thread, thread_id)
        from forum_tui.store.models import Board

        return session.get(Board, thread.board_id).kind


# ---------------------------------------------------------------------- submit


def test_submit_puts_the_label_in_brackets_and_starts_live(forum, cast, recount):
    idea_id = submit(forum, cast["jen"], tags=["notes"])
    idea, thread = idea_row(forum, idea_id)
    assert thread.title == "[Playlists] Let playlist owners pin a note"
    assert (idea.label, idea.status, idea.vote_count) == ("Playlists", "live", 0)
    assert board_kind(forum, idea_id) == "ideas"
    assert forum.thread(cast["jen"], idea_id).tags == ("notes",)
    with Session(forum.engine) as session:
        assert session.get(Member, cast["jen"].id).idea_count == 1
    recount(forum)


def test_a_label_typed_in_the_subject_counts(forum, cast):
    idea_id = submit(forum, cast["jen"], subject="[lyrics] Show lyrics offline", label=None)
    assert idea_row(forum, idea_id)[0].label == "Lyrics"


def test_no_label_is_refused_with_the_advice_and_nothing_is_written(forum, cast):
    forum.save_draft(cast["jen"], "idea", title="Pin a note", body=GOOD_BODY)
    with pytest.raises(GuidelineRefused) as refused:
        submit(forum, cast["jen"], label=None)
    assert "square brackets" in str(refused.value)
    assert forum.draft(cast["jen"], "idea") is not None  # the text is kept
    with Session(forum.engine) as session:
        assert session.exec(select(IdeaDetail)).first() is None


def test_unknown_label_empty_body_long_subject_refused(forum, cast):
    with pytest.raises(InvalidInput, match="isn't one of the idea labels"):
        submit(forum, cast["jen"], label="Fridges")
    with pytest.raises(GuidelineRefused):
        submit(forum, cast["jen"], body="   ")
    with pytest.raises(GuidelineRefused, match=r"(?i)title"):
        submit(forum, cast["jen"], subject="x" * 400)
    with pytest.raises(InvalidInput, match="subject"):
        submit(forum, cast["jen"], subject="  ")


def test_requirement_warning_then_going_on_files_a_report(forum, cast):
    body = "Please make premium cheaper for students in my country, the price is too high."
    with pytest.raises(NeedsConfirmation) as warned:
        submit(forum, cast["jen"], subject="Cheaper premium", label="Other", body=body)
    rules = {notice.rule for notice in warned.value.notices}
    assert "idea_pricing" in rules
    result = forum.submit_idea(
        cast["jen"], "Cheaper premium", body, label="Other", accept_warnings=True
    )
    with Session(forum.engine) as session:
        reasons = session.exec(
            select(Report.reason).where(Report.post_id == result.post_id, Report.automatic)
        ).all()
    assert any("Pricing" in reason for reason in reasons)


def test_members_need_a_verified_email_to_submit(forum, cast):
    with pytest.raises(NotAllowed, match="Verify"):
        submit(forum, cast["noah"])


def test_post_thread_still_points_to_the_idea_form(forum, cast):
    with pytest.raises(NotAllowed, match="their own form"):
        forum.post_thread(cast["jen"], "idea-submissions", "[Other] x", GOOD_BODY)


# ---------------------------------------------------------------------- votes


def test_vote_once_take_back_and_never_on_ones_own(forum, cast, recount):
    idea_id = submit(forum, cast["jen"])
    result = forum.toggle_vote(cast["oskar"], idea_id)
    assert (result.voted, result.vote_count) == (True, 1)
    assert forum.toggle_vote(cast["leo"], idea_id).vote_count == 2
    result = forum.toggle_vote(cast["oskar"], idea_id)
    assert (result.voted, result.vote_count) == (False, 1)
    idea, thread = idea_row(forum, idea_id)
    assert idea.vote_count == thread.vote_count == 1
    with pytest.raises(NotAllowed, match="own idea"):
        forum.toggle_vote(cast["jen"], idea_id)
    with Session(forum.engine) as session:
        assert session.get(Member, cast["leo"].id).idea_votes_given == 1
        assert session.get(Member, cast["oskar"].id).idea_votes_given == 0
    recount(forum)


def test_vote_on_a_closed_or_merged_idea_is_a_plain_message(forum, cast):
    closed = submit(forum, cast["jen"], subject="Closed one")
    forum.set_status(cast["modmaria"], closed, "closed", "Too vague.", failed_requirement=5)
    with pytest.raises(NotAllowed, match="closed"):
        forum.toggle_vote(cast["oskar"], closed)
    dup = submit(forum, cast["jen"], subject="Pin notes in playlists")
    keep = submit(forum, cast["leo"], subject="Playlist notes")
    forum.merge_ideas(cast["modmaria"], dup, keep)
    with pytest.raises(NotAllowed, match="merged into “\\[Playlists\\] Playlist notes”"):
        forum.toggle_vote(cast["oskar"], dup)
    assert idea_row(forum, keep)[0].vote_count == 0


def test_votes_are_only_for_ideas_and_issues(forum, cast, seed):
    help_id = seed.thread("android", cast["jen"].id)
    with pytest.raises(NotAllowed, match="status"):
        forum.toggle_vote(cast["oskar"], help_id)


# ---------------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("jen", False),
        ("oskar", False),
        ("stella", True),
        ("modmaria", True),
        ("carla", True),
    ],
)
def test_who_may_change_an_idea_status(forum, cast, who, allowed):
    idea_id = submit(forum, cast["jen"])
    if allowed:
        result = forum.set_status(cast[who], idea_id, "Under Consideration", "On the roadmap.")
        assert result.status == "Under Consideration"
    else:
        with pytest.raises(NotAllowed, match="Stars"):
            forum.set_status(cast[who], idea_id, "under_consideration", "Yes.")


def test_every_idea_transition_with_notes_moves_and_notifications(forum, cast, recount):
    idea_id = submit(forum, cast["jen"])
    forum.toggle_vote(cast["oskar"], idea_id)
    forum.toggle_subscription(cast["leo"], "thread", idea_id)
    seen = "live"
    for key, board in [
        ("under_consideration", "ideas"),
        ("not_right_now", "ideas"),
        ("implemented", "closed_ideas"),
        ("live", "ideas"),
        ("closed", "closed_ideas"),
    ]:
        requirement = 3 if key == "closed" else None
        result = forum.set_status(
            cast["stella"],
            idea_id,
            key,
            f"Note for {key}.",
            seen_status=seen,
            failed_requirement=requirement,
        )
        seen = key
        assert result.status_key == key
        assert board_kind(forum, idea_id) == board
        assert result.notified == 3  # author, voter, subscriber
    detail = forum.status_detail(cast["oskar"], idea_id)
    assert detail.status == "Closed"
    assert detail.note == "Note for closed."
    assert detail.failed_requirement.startswith("3. One change request")
    assert [u.status_key for u in detail.updates][:2] == ["closed", "live"]
    with Session(forum.engine) as session:
        kinds = session.exec(
            select(Notification.kind).where(Notification.member_id == cast["oskar"].id)
        ).all()
        actions = session.exec(select(ModAction.action)).all()
    assert kinds.count("idea_status") == 5
    assert "close_idea" in actions and "set_status" in actions
    recount(forum)


def test_status_bad_input(forum, cast):
    idea_id = submit(forum, cast["jen"])
    mod = cast["modmaria"]
    with pytest.raises(InvalidInput, match="no status"):
        forum.set_status(mod, idea_id, "Shelved", "x")
    with pytest.raises(InvalidInput, match="status note"):
        forum.set_status(mod, idea_id, "implemented", "  ")
    with pytest.raises(InvalidInput, match="requirement"):
        forum.set_status(mod, idea_id, "closed", "No.")
    with pytest.raises(InvalidInput, match="requirement"):
        forum.set_status(mod, idea_id, "closed", "No.", failed_requirement=9)
    with pytest.raises(InvalidInput, match="Only a Closed"):
        forum.set_status(mod, idea_id, "live", "Yes.", failed_requirement=2)


def test_a_racing_status_change_is_asked_again_and_not_applied_twice(forum, cast):
    idea_id = submit(forum, cast["jen"])
    forum.set_status(cast["stella"], idea_id, "not_right_now", "Later.", seen_status="live")
    with pytest.raises(StatusChanged) as race:
        forum.set_status(cast["modmaria"], idea_id, "implemented", "Done.", seen_status="live")
    assert race.value.current == "not_right_now"
    assert "Not Right Now" in str(race.value)
    assert idea_row(forum, idea_id)[0].status == "not_right_now"
    assert len(forum.status_detail(cast["jen"], idea_id).updates) == 1


# ---------------------------------------------------------------------- merge


def test_merge_moves_votes_without_counting_anyone_twice(forum, cast, recount):
    dup = submit(forum, cast["jen"], subject="Pin notes in playlists")
    keep = submit(forum, cast["oskar"], subject="Playlist notes")
    for voter in ("leo", "stella", "nina"):
        forum.toggle_vote(cast[voter], dup)
    forum.toggle_vote(cast["oskar"], dup)  # the survivor's author: may not vote on keep
    for voter in ("leo", "carla"):
        forum.toggle_vote(cast[voter], keep)
    forum.toggle_subscription(cast["nina"], "thread", dup)
    forum.reply(cast["leo"], dup, "A comment on the duplicate that stays there.")
    result = forum.merge_ideas(cast["modmaria"], dup, keep)
    assert (result.votes_moved, result.vote_count) == (2, 4)  # stella, nina
    with Session(forum.engine) as session:
        voters = set(session.exec(select(Vote.member_id).where(Vote.thread_id == keep)).all())
        assert voters == {cast[n].id for n in ("leo", "carla", "stella", "nina")}
        assert not session.exec(select(Vote).where(Vote.thread_id == dup)).all()
        assert session.get(Member, cast["leo"].id).idea_votes_given == 1
        assert session.get(Member, cast["oskar"].id).idea_votes_given == 0
        action = session.exec(select(ModAction).where(ModAction.action == "merge")).one()
        assert action.target_id == dup
    idea, thread = idea_row(forum, dup)
    assert (idea.merged_into_id, idea.status, idea.failed_requirement) == (keep, "closed", 4)
    assert thread.locked and thread.vote_count == 0
    assert board_kind(forum, dup) == "closed_ideas"
    detail = forum.status_detail(cast["jen"], dup)
    assert detail.merged_into_id == keep
    assert detail.merged_into_title == "[Playlists] Playlist notes"
    posts = forum.thread_posts(cast["jen"], keep).items
    assert "Merged here" in posts[-1].body  # the duplicate's comments are linked
    assert forum.is_subscribed(cast["nina"], "thread", keep)
    recount(forum)


def test_merge_refusals(forum, cast):
    a = submit(forum, cast["jen"], subject="One")
    b = submit(forum, cast["oskar"], subject="Two")
    with pytest.raises(NotAllowed, match="moderators"):
        forum.merge_ideas(cast["stella"], a, b)
    with pytest.raises(InvalidInput, match="itself"):
        forum.merge_ideas(cast["modmaria"], a, a)
    forum.merge_ideas(cast["modmaria"], a, b)
    with pytest.raises(InvalidInput, match="already merged"):
        forum.merge_ideas(cast["modmaria"], a, b)


# ---------------------------------------------------------------------- the list


def test_idea_list_sorts_filters_and_pages(forum, cast, clock):
    ids = []
    for n, label in enumerate(["Playlists", "Lyrics", "Playlists", "Search"]):
        clock.advance(minutes=1)
        ids.append(submit(forum, cast["jen"], subject=f"Idea number {n}", label=label))
    for voter in ("oskar", "leo", "stella"):
        forum.toggle_vote(cast[voter], ids[1])
    forum.toggle_vote(cast["oskar"], ids[2])
    forum.set_status(cast["stella"], ids[2], "under_consideration", "Soon.")
    page = forum.status_threads(cast["nina"], "idea-submissions", sort="votes", limit=2)
    assert [t.id for t in page.items] == [ids[1], ids[2]]
    assert page.items[1].status_note == "Soon." and page.items[1].status == "Under Consideration"
    rest = forum.status_threads(
        cast["nina"], "idea-submissions", sort="votes", limit=2, cursor=page.next_cursor
    )
    assert [t.id for t in rest.items] == [ids[3], ids[0]]
    newest = forum.status_threads(cast["nina"], "idea-submissions", sort="new")
    assert [t.id for t in newest.items] == ids[::-1]
    by_label = forum.status_threads(cast["nina"], "idea-submissions", label="playlists")
    assert {t.id for t in by_label.items} == {ids[0], ids[2]}
    by_status = forum.status_threads(cast["nina"], "idea-submissions", status="Under Consideration")
    assert [t.id for t in by_status.items] == [ids[2]]
    with pytest.raises(InvalidInput, match="label"):
        forum.status_threads(cast["nina"], "idea-submissions", label="Fridges")
    with pytest.raises(InvalidInput, match="no statuses"):
        forum.status_threads(cast["nina"], "android")


def test_ideas_benchmark_smoke(capsys):
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "ideas.py"
    spec = importlib.util.spec_from_file_location("ideas_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--ideas", "60", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "suggestions" in out and "idea list, first page by votes" in out


@pytest.mark.parametrize("sort", ["votes", "new", "active"])
def test_paging_one_at_a_time_gives_the_whole_list_in_order(forum, cast, clock, sort):
    ids = []
    for n in range(5):
        clock.advance(minutes=1)
        ids.append(submit(forum, cast["jen"], subject=f"Paged idea {n}"))
    forum.toggle_vote(cast["oskar"], ids[2])
    forum.reply(cast["leo"], ids[0], "Bumps the first idea to the top of recent activity.")
    forum.set_floated(cast["modmaria"], ids[4], True) if sort == "active" else None
    whole = [t.id for t in forum.status_threads(cast["nina"], "idea-submissions", sort=sort).items]
    paged, cursor = [], None
    while True:
        page = forum.status_threads(
            cast["nina"], "idea-submissions", sort=sort, limit=1, cursor=cursor
        )
        paged += [t.id for t in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert paged == whole and sorted(whole) == sorted(ids)
    if sort == "active":
        assert whole[:2] == [ids[4], ids[0]]  # floated first, then the bumped one
    with pytest.raises(InvalidInput, match="page position"):
        other = "new" if sort != "new" else "votes"
        forum.status_threads(
            cast["nina"], "idea-submissions", sort=other, limit=1,
            cursor=forum.status_threads(cast["nina"], "idea-submissions", sort=sort, limit=1)
            .next_cursor,
        )  # fmt: skip
