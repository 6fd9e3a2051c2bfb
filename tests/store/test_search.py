"""Search: words, phrases, exclusions, operators, sorting, paging, permissions, index
upkeep, malformed queries and similar threads. Runs on SQLite (FTS5) and PostgreSQL
(tsvector): the same tests on both."""

from __future__ import annotations

import contextlib
from datetime import datetime

import pytest

from forum_tui.store.errors import InvalidInput, QueryError
from forum_tui.store.models import IdeaDetail, Thread
from forum_tui.store.views import SearchHit

OLD = datetime(2025, 1, 1)


@pytest.fixture
def people(seed):
    ids = {
        "ana": seed.member("ana", created_at=OLD),
        "ben": seed.member("ben", created_at=OLD),
        "star": seed.member("stella", role="star", created_at=OLD),
        "mod": seed.member("moritz", role="moderator", created_at=OLD),
    }
    return {name: seed.viewer(member_id) for name, member_id in ids.items()}


def _post(forum, clock, viewer, board, title, body):
    clock.advance(minutes=3)
    return forum.post_thread(viewer, board, title, body)


def _reply(forum, clock, viewer, thread_id, body):
    clock.advance(minutes=3)
    return forum.reply(viewer, thread_id, body)


def _ids(page) -> list[int]:
    return [hit.post_id for hit in page.items]


@pytest.fixture
def content(forum, clock, people):
    ana, ben = people["ana"], people["ben"]
    made = {}
    made["shuffle"] = _post(
        forum,
        clock,
        ana,
        "android",
        "Shuffle keeps playing the same songs",
        "My playlist shuffle is broken on Android: it repeats the same tracks.",
    )
    made["offline"] = _post(
        forum,
        clock,
        ben,
        "ios",
        "Downloads vanish in offline mode",
        "Every morning offline mode forgets my downloaded podcasts.",
    )
    made["reply"] = _reply(
        forum, clock, ben, made["shuffle"].thread_id, "Clear the cache; shuffle works again."
    )
    made["car"] = _post(
        forum,
        clock,
        ben,
        "android",
        "Android Auto drops the connection",
        "In the car the playlist stops after a tunnel.",
    )
    return made


# ---------------------------------------------------------------------- words


def test_words_find_posts_and_titles(forum, people, content):
    page = forum.search(people["ana"], "shuffle")
    assert set(_ids(page)) == {content["shuffle"].post_id, content["reply"].post_id}
    hit = next(h for h in page.items if h.post_id == content["reply"].post_id)
    assert isinstance(hit, SearchHit)
    assert (hit.thread_id, hit.position, hit.kind) == (content["shuffle"].thread_id, 2, "reply")
    assert hit.thread_title == "Shuffle keeps playing the same songs"
    assert hit.board_slug == "android" and hit.author.username == "ben"
    assert [hit.snippet[s:e].casefold() for s, e in hit.match_ranges] == ["shuffle"]
    # A word only in a title finds the opening post.
    page = forum.search(people["ana"], "vanish")
    assert _ids(page) == [content["offline"].post_id]
    assert page.items[0].kind == "thread"


def test_all_words_must_match_and_stems_match(forum, people, content):
    assert _ids(forum.search(people["ana"], "playlist tunnel")) == [content["car"].post_id]
    assert _ids(forum.search(people["ana"], "podcast")) == [content["offline"].post_id]
    assert forum.search(people["ana"], "nothingmatches").items == ()


def test_phrases_and_exclusions(forum, people, content):
    assert _ids(forum.search(people["ana"], '"offline mode"')) == [content["offline"].post_id]
    assert forum.search(people["ana"], '"mode offline"').items == ()
    page = forum.search(people["ana"], "playlist -tunnel")
    assert _ids(page) == [content["shuffle"].post_id]
    page = forum.search(people["ana"], 'playlist -"after a tunnel"')
    assert _ids(page) == [content["shuffle"].post_id]


def test_search_input_cannot_reach_the_match_syntax(forum, people, content):
    for text in [
        'shuffle"',
        "shuffle OR car",
        "shuffle*",
        "NEAR(shuffle car)",
        "{title}: x",
        "'; DROP TABLE post; --",
        "shuffle & | ! :*",
    ]:
        with contextlib.suppress(QueryError):
            forum.search(people["ana"], text)
    assert len(forum.search(people["ana"], "shuffle").items) == 2


# ---------------------------------------------------------------------- operators


def test_board_area_author_and_in_operators(forum, people, content):
    ana = people["ana"]
    assert _ids(forum.search(ana, "playlist board:ios")) == []
    assert set(_ids(forum.search(ana, "playlist board:android"))) == {
        content["shuffle"].post_id,
        content["car"].post_id,
    }
    assert _ids(forum.search(ana, 'offline board:"iOS"')) == [content["offline"].post_id]
    assert len(forum.search(ana, "shuffle area:help").items) == 2
    assert forum.search(ana, "shuffle area:chat").items == ()
    assert set(_ids(forum.search(ana, "author:ben"))) == {
        content["offline"].post_id,
        content["reply"].post_id,
        content["car"].post_id,
    }
    assert forum.search(ana, "shuffle in:ideas").items == ()
    assert len(forum.search(ana, "shuffle in:help").items) == 2


def test_unknown_names_are_query_errors(forum, people, content):
    ana = people["ana"]
    for text, message in [
        ("board:nowhere", "There is no board called 'nowhere'."),
        ("author:nobody", "There is no member called 'nobody'."),
        ("label:Nonsense", "There is no idea label 'Nonsense'."),
        ("status:sleepy", "There is no status 'sleepy'."),
        ("area:moon", "There is no area called 'moon'."),
        ("bored:x", "Unknown operator 'bored:'"),
        ("shuffle before:2026", "'before:' needs a date like 2026-05-01."),
    ]:
        with pytest.raises(QueryError, match=message):
            forum.search(ana, text)
    assert issubclass(QueryError, InvalidInput)


def test_dates_solved_and_sorting(forum, clock, people, content):
    ana, ben = people["ana"], people["ben"]
    forum.accept_solution(ana, content["reply"].post_id)
    solved = forum.search(ana, "is:solved")
    assert {h.thread_id for h in solved.items} == {content["shuffle"].thread_id}
    assert all(h.solved for h in solved.items)
    unsolved = forum.search(ana, "is:unsolved")
    assert content["shuffle"].thread_id not in {h.thread_id for h in unsolved.items}
    assert content["car"].thread_id in {h.thread_id for h in unsolved.items}
    today = clock().date().isoformat()
    assert len(forum.search(ana, f"playlist after:{today}").items) == 2
    assert forum.search(ana, f"playlist before:{today}").items == ()
    newest = forum.search(ben, "playlist sort:new")
    assert _ids(newest) == [content["car"].post_id, content["shuffle"].post_id]
    # Operators only: newest first.
    assert _ids(forum.search(ben, "board:android"))[0] == content["car"].post_id


def test_ideas_labels_statuses_and_faqs(forum, seed, people):
    ana = people["ana"]
    idea = seed.thread(
        "idea-submissions", ana.id, "[Playlists] Shuffle by mood", body="Let shuffle read the mood."
    )
    other = seed.thread("idea-submissions", ana.id, "[Lyrics] Bigger lyrics", body="Bigger text.")
    faq = seed.thread("app-faqs", ana.id, "How shuffle works", body="Shuffle picks at random.")
    seed.add(
        IdeaDetail(thread_id=idea, label="Playlists", status="implemented"),
        IdeaDetail(thread_id=other, label="Lyrics", status="live"),
    )
    forum.rebuild_search_index()
    hits = forum.search(ana, "shuffle in:ideas").items
    assert [h.thread_id for h in hits] == [idea]
    assert (hits[0].kind, hits[0].label, hits[0].status) == ("idea", "Playlists", "Implemented")
    assert [h.thread_id for h in forum.search(ana, "label:lyrics").items] == [other]
    assert [h.thread_id for h in forum.search(ana, "status:implemented").items] == [idea]
    assert [h.thread_id for h in forum.search(ana, 'status:"Live Idea"').items] == [other]
    faqs = forum.search(ana, "shuffle in:faqs").items
    assert [(h.thread_id, h.kind) for h in faqs] == [(faq, "faq")]


def test_paging_relevance_and_newest(forum, seed, people):
    ana = people["ana"]
    seed.threads(
        "android",
        ana.id,
        [dict(title=f"Equalizer question {n}", body=f"Equalizer number {n}.") for n in range(7)],
    )
    forum.rebuild_search_index()
    for text in ("equalizer", "equalizer sort:new", "board:android"):
        seen, cursor = [], None
        while True:
            page = forum.search(ana, text, cursor=cursor, limit=3)
            seen += _ids(page)
            cursor = page.next_cursor
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == 7, text
    with pytest.raises(InvalidInput):
        forum.search(ana, "equalizer", cursor="not-a-cursor")


# ---------------------------------------------------------------------- permissions


def test_star_only_boards_and_removed_posts(forum, seed, people):
    ana, star, mod = people["ana"], people["star"], people["mod"]
    lounge = seed.thread("stars-lounge", star.id, "Secret roadmap", body="Roadmap whispers.")
    gone = seed.thread("android", ana.id, "Removed roadmap", body="Roadmap spam.", removed=True)
    kept = seed.thread("android", ana.id, "Public roadmap", body="Roadmap in public.")
    removed_reply = seed.reply(kept, ana.id, "Roadmap reply removed.", removed=True)
    forum.rebuild_search_index()
    member_threads = {h.thread_id for h in forum.search(ana, "roadmap").items}
    assert member_threads == {kept}
    assert removed_reply not in _ids(forum.search(ana, "roadmap"))
    assert lounge in {h.thread_id for h in forum.search(star, "roadmap").items}
    moderator = forum.search(mod, "roadmap").items
    assert {gone, kept} <= {h.thread_id for h in moderator}
    assert removed_reply in [h.post_id for h in moderator]
    assert any(h.removed for h in moderator)
    with pytest.raises(QueryError):
        forum.search(ana, "board:stars-lounge")
    assert forum.similar_threads(ana, "Secret roadmap") == () or all(
        h.thread_id != lounge for h in forum.similar_threads(ana, "Secret roadmap")
    )


def test_private_messages_are_never_found(forum, seed, people):
    from forum_tui.store.models import Conversation, ConversationMember, Message

    now = forum.now()
    conversation = Conversation(subject="Zebracode", created_at=now, last_message_at=now)
    seed.add(conversation)
    seed.add(
        ConversationMember(conversation_id=conversation.id, member_id=people["ana"].id),
        Message(
            conversation_id=conversation.id,
            author_id=people["ana"].id,
            body="zebracode secret",
            created_at=now,
        ),
    )
    forum.rebuild_search_index()
    for viewer in people.values():
        assert forum.search(viewer, "zebracode").items == ()


# ---------------------------------------------------------------------- upkeep


def test_index_follows_replies_edits_and_moves(forum, seed, clock, people, content):
    ana, ben = people["ana"], people["ben"]
    reply = _reply(forum, clock, ana, content["car"].thread_id, "Try a xylophone cable.")
    assert _ids(forum.search(ben, "xylophone")) == [reply.post_id]
    clock.advance(minutes=3)
    forum.edit_post(ana, reply.post_id, "Try a harmonica cable.")
    assert forum.search(ben, "xylophone").items == ()
    assert _ids(forum.search(ben, "harmonica")) == [reply.post_id]
    clock.advance(minutes=3)
    forum.edit_post(
        ana, content["shuffle"].post_id, "Same text, new title.", title="Kazoo keeps looping"
    )
    hits = forum.search(ben, "kazoo").items
    assert [(h.post_id, h.thread_title) for h in hits] == [
        (content["shuffle"].post_id, "Kazoo keeps looping")
    ]
    assert forum.search(ben, "broken").items == ()
    # A move or a removal changes rows the search joins live: no index upkeep needed.
    seed.update(Thread, content["car"].thread_id, board_id=seed.board_id("ios"))
    assert {h.board_slug for h in forum.search(ben, "harmonica").items} == {"ios"}
    assert forum.search(ben, "harmonica board:android").items == ()
    seed.update(Thread, content["car"].thread_id, removed=True)
    assert forum.search(ben, "harmonica").items == ()
    assert forum.search(people["mod"], "harmonica").items != ()


def test_rebuild_is_idempotent(forum, people, content):
    before = _ids(forum.search(people["ana"], "playlist"))
    forum.rebuild_search_index()
    forum.rebuild_search_index()
    assert _ids(forum.search(people["ana"], "playlist")) == before


# ---------------------------------------------------------------------- similar threads


def test_similar_threads_and_ideas(forum, seed, people, content):
    ana = people["ana"]
    hits = forum.similar_threads(ana, "Why does shuffle repeat songs?")
    assert hits and hits[0].thread_id == content["shuffle"].thread_id
    assert all(h.position == 1 for h in hits)
    assert forum.similar_threads(ana, "ab") == ()
    assert forum.similar_threads(ana, "how do I") == ()
    assert forum.similar_threads(ana, "shuffle", board_slug="ios") == ()
    idea = seed.thread("idea-submissions", ana.id, "[Playlists] Shuffle by mood", body="Mood.")
    seed.add(IdeaDetail(thread_id=idea, label="Playlists", status="live"))
    forum.rebuild_search_index()
    ideas = forum.similar_ideas(ana, "[Playlists] Smarter shuffle")
    assert [h.thread_id for h in ideas] == [idea]
    assert ideas[0].kind == "idea"


def test_similar_titles_follow_the_word_being_typed(forum, seed, people):
    """The last word is matched as a prefix: each key of "playlist fol" can change the
    list; titles with every word come first; short or stopword prefixes are not asked."""
    ana = people["ana"]
    made = {}
    for key, title in (
        ("folders", "[Playlists] Playlist folders on mobile"),
        ("notes", "[Playlists] Notes on a playlist"),
        ("folk", "[Other] A folk radio"),
        ("played", "[Podcasts] Mark a show as played"),
    ):
        made[key] = seed.thread("idea-submissions", ana.id, title, body="Body.")
        seed.add(IdeaDetail(thread_id=made[key], label="Playlists", status="live"))
    forum.rebuild_search_index()

    def similar(subject: str) -> list[int]:
        return [hit.thread_id for hit in forum.similar_ideas(ana, subject)]

    assert set(similar("pla")) == {made["folders"], made["notes"], made["played"]}
    assert set(similar("playl")) == {made["folders"], made["notes"]}  # "play" ≠ "playl"
    assert made["played"] in similar("play")  # the stemmer's "plai" too
    assert similar("playlist fo")[:2] == similar("playlist")[:2]  # 2 letters: not asked
    assert similar("playlist fol")[0] == made["folders"]  # both words: first
    assert set(similar("playlist fol")) == {made["folders"], made["notes"], made["folk"]}
    assert similar("playlist folders")[0] == made["folders"]  # a finished word still counts
    assert similar("folk the") == [made["folk"]]  # a stopword is not a prefix
    for odd in ('fol"', "fol*", 'fol" OR "a', "fol:*", "fol & !a", "fol'"):
        similar(f"playlist {odd}")  # never a syntax error
    assert similar("playlist fol'")[0] == made["folders"]


def test_demo_index_is_complete(forum):
    from forum_tui.store.demo import build_demo

    build_demo(forum)
    viewer = forum.sign_in_as(forum.personas()[0].username)
    assert forum.search(viewer, "playlist").items


# ---------------------------------------------------------------------- planner paths


@pytest.fixture
def paths(monkeypatch):
    """Run a search down each planner path (a selective filter's posts looked up one by
    one, tested along the index walk, or only the joined walk; a date range as a post-id
    range or along the walk), recording which path each query took."""
    from forum_tui.store import searching

    taken = []
    real_index_for = searching.index_for

    class Recording:
        def __init__(self, index):
            self.index = index

        def query(self, *args, narrowing=None, **kwargs):
            taken.append(narrowing)
            return self.index.query(*args, narrowing=narrowing, **kwargs)

        def __getattr__(self, name):
            return getattr(self.index, name)

    monkeypatch.setattr(searching, "index_for", lambda session: Recording(real_index_for(session)))
    settings = {
        "lookup": dict(LOOKUP_POSTS=10**9, WALK_POSTS=10**9, DATE_POSTS=10**9),
        "walk": dict(LOOKUP_POSTS=-1, WALK_POSTS=10**9, DATE_POSTS=10**9),
        "general": dict(LOOKUP_POSTS=-1, WALK_POSTS=-1, DATE_POSTS=-1),
    }

    def run(search, path):
        for name, value in settings[path].items():
            monkeypatch.setattr(searching, name, value)
        taken.clear()
        result = search()
        return result, taken[-1] if taken else None

    return run


def _planner_content(seed, people):
    ana, ben = people["ana"], people["ben"]
    ideas = seed.threads(
        "idea-submissions",
        ana.id,
        [
            dict(title=f"[Playlists] Shuffle idea {n}", body=f"Shuffle by mood {n}.", replies=2)
            for n in range(4)
        ],
    )
    seed.add(
        *[
            IdeaDetail(thread_id=t, label="Playlists", status="implemented" if n % 2 else "live")
            for n, t in enumerate(ideas)
        ]
    )
    seed.threads(
        "android",
        ben.id,
        [dict(title=f"Shuffle bug {n}", body=f"Shuffle repeats {n}.", replies=1) for n in range(5)],
    )
    seed.thread("ios", ana.id, "Shuffle on iOS", body="Shuffle shuffle shuffle.", replies=3)


def test_selective_filters_give_the_same_results_down_every_path(forum, seed, people, paths):
    _planner_content(seed, people)
    forum.rebuild_search_index()
    ana = people["ana"]
    for text in (
        "shuffle author:ana",
        "shuffle author:ben sort:new",
        "shuffle label:Playlists",
        "mood status:implemented",
        "shuffle status:live sort:new",
        "shuffle author:ana label:Playlists",
    ):
        results = {}
        for path in ("lookup", "walk", "general"):
            page, narrowing = paths(lambda text=text: forum.search(ana, text, limit=50), path)
            results[path] = [(h.post_id, round(h.score, 6)) for h in page.items]
            if path == "general":
                assert narrowing.post_ids is None, text
            else:
                assert narrowing.post_ids is not None and narrowing.few == (path == "lookup")
        assert results["lookup"], text
        assert results["lookup"] == results["walk"] == results["general"], text


def test_date_ranges_are_exact_whatever_order_posts_were_written_in(
    forum, seed, clock, people, paths
):
    ana = people["ana"]
    # Written newest first, as the demo does: ids do not follow posting order.
    new = seed.thread("android", ana.id, "Equalizer now", body="Equalizer.", at=clock())
    old = seed.thread("android", ana.id, "Equalizer then", body="Equalizer.", at=OLD)
    middle = seed.thread(
        "android", ana.id, "Equalizer later", body="Equalizer.", at=datetime(2025, 6, 1)
    )
    forum.rebuild_search_index()
    expected = {
        "equalizer after:2025-01-01": {new, old, middle},
        "equalizer after:2025-01-02": {new, middle},
        "equalizer before:2025-06-01": {old},
        "equalizer after:2025-02-01 before:2026-01-01": {middle},
        "equalizer after:2025-02-01 before:2025-03-01": set(),
        "after:2025-02-01 before:2026-01-01": {middle},
        "equalizer before:2026-01-01 sort:new": {old, middle},
    }
    for text, threads in expected.items():
        for path in ("lookup", "general"):
            page, narrowing = paths(lambda text=text: forum.search(ana, text), path)
            assert {h.thread_id for h in page.items} == threads, (text, path)
            if narrowing is not None:
                assert (narrowing.low_id is None) == (path == "general"), (text, path)


def test_relevance_scoring_on_sqlite():
    """FTS5's bm25() counts every match of every term for its idf (a walk over most of
    the index for a common word), so SQLite relevance is scored from highlighted
    candidates with an estimated idf: a rarer term weighs more, a title match more than
    a body match, a shorter post more than a longer one."""
    from forum_tui.store.search_scoring import _which, bm25_scores

    marked = "\x01{}\x02"
    phrases = [("zebra",), ("apple",), ("red", "apple")]
    assert _which("Zebras", phrases, {}) == 0
    assert _which("apples", phrases, {}) == 1
    assert _which("red apples", phrases, {}) == 2
    rows = [
        (1, "", " ".join([marked.format("zebra")] * 2 + [marked.format("apple")])),
        (2, "", " ".join([marked.format("zebra")] + [marked.format("apple")] * 2)),
        (3, marked.format("Zebra"), marked.format("apple")),
        (4, "", marked.format("zebra") + " and more words" * 20 + " " + marked.format("apple")),
    ]
    scores = dict(bm25_scores(rows, phrases[:2], [2.0, 0.1]))
    assert scores[3] > scores[1] > scores[2] > scores[4]
    rows = [(1, "", marked.format("x")), (2, "", "a " + marked.format("x"))]
    single = dict(bm25_scores(rows, [("x",)], [1.0]))
    assert single[1] > single[2]


def test_common_terms_are_scored_from_highlights_likebm25_scores(
    forum, seed, people, backend, monkeypatch
):
    """Above ``BM25_WALK`` SQLite scores candidates itself (FTS5's bm25() would walk every
    match for its idf): the same posts, the title match and the denser post first."""
    if backend != "sqlite":
        pytest.skip("PostgreSQL ranks with ts_rank, which has no idf walk")
    from forum_tui.store import search_scoring

    ana = people["ana"]
    title = seed.thread("android", ana.id, "Equalizer presets", body="Presets vanish.")
    dense = seed.thread("ios", ana.id, "Sound", body="Equalizer, equalizer: the equalizer.")
    seed.threads(
        "desktop-windows",
        ana.id,
        [dict(title=f"Audio {n}", body=f"The equalizer is fine {n} " * 3) for n in range(4)],
    )
    forum.rebuild_search_index()
    walk = search_scoring.BM25_WALK
    for text in ("equalizer", "equalizer presets", '"equalizer presets"', "the equalizer"):
        monkeypatch.setattr(search_scoring, "BM25_WALK", walk)
        exact = [(h.post_id, h.thread_id) for h in forum.search(ana, text, limit=50).items]
        monkeypatch.setattr(search_scoring, "BM25_WALK", -1)
        scored = [(h.post_id, h.thread_id) for h in forum.search(ana, text, limit=50).items]
        assert sorted(exact) == sorted(scored), text
        assert scored[0][1] == exact[0][1], text
        if text == "equalizer":
            assert scored[0][1] in {title, dense}
