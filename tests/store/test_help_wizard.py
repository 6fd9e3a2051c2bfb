"""The Help Wizard's look-up (issue 14): FAQ articles from every FAQ board, solved threads
from the chosen Help board, by the title's words; the newest when nothing is typed."""

from __future__ import annotations

from datetime import timedelta


def _solved(forum, seed, viewer, helper, board: str, title: str, at) -> int:
    thread_id = seed.thread(board, viewer.id, title, replies=1, reply_author_id=helper.id, at=at)
    reply = forum.thread_posts(viewer, thread_id, 0, 2).items[1]
    forum.accept_solution(viewer, reply.id)
    return thread_id


def test_help_matches_faqs_and_solved_threads_on_the_chosen_board(forum, seed, cast, clock):
    jen, oskar, carla = cast["jen"], cast["oskar"], cast["carla"]
    earlier = clock() - timedelta(days=2)
    faq = seed.thread("app-faqs", carla.id, "Offline downloads: the rules", at=earlier)
    seed.thread("community-faqs", carla.id, "How ranks work", at=earlier)
    solved = _solved(forum, seed, jen, oskar, "android", "Downloads vanish after restart", earlier)
    unsolved = seed.thread("android", jen.id, "Downloads vanish on my tablet", at=earlier)
    elsewhere = _solved(forum, seed, jen, oskar, "ios", "Downloads vanish on iPhone", earlier)
    forum.rebuild_search_index()

    matches = forum.help_matches(jen, "android", "downloads vanish")
    assert [hit.thread_id for hit in matches.faqs] == [faq]
    assert [hit.thread_id for hit in matches.solved] == [solved]
    assert all(hit.solved for hit in matches.solved)

    newest = forum.help_matches(jen, "android")
    ids = [hit.thread_id for hit in newest.solved]
    assert solved in ids and unsolved not in ids and elsewhere not in ids
    assert newest.faqs  # the newest FAQ articles when nothing is typed matches


def test_help_matches_only_what_the_member_may_see(forum, seed, cast, clock):
    carla, jen = cast["carla"], cast["jen"]
    seed.thread("stars-lounge", carla.id, "Downloads vanish: Stars only notes")
    forum.rebuild_search_index()
    matches = forum.help_matches(jen, "android", "downloads vanish stars")
    assert all(hit.board_slug != "stars-lounge" for hit in matches.faqs + matches.solved)
