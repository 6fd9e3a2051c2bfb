"""``forum-tui generate`` (store/synth*.py): every kind of content the screens need, in a
database the app uses as it is: counters and ranks true, indexes and search index whole,
SQLite back in WAL with foreign keys on; on both backends the app writes after it."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from forum_tui.store.models import (
    Board,
    Conversation,
    ConversationMember,
    IdeaDetail,
    Member,
    Message,
    Post,
    Report,
    Thread,
    Vote,
)
from forum_tui.store.synth import LONG_THREADS, generate
from forum_tui.store.synth_text import SynthText, vocabulary, word_table

SIZES = dict(members=30, threads=40, posts=3000, ideas=10, messages=95, reports=12, seed=3)


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _rows(session, sql: str) -> list[tuple]:
    return [tuple(row) for row in session.exec(text(sql)).all()]


def test_every_kind_of_content_with_true_counters(sqlite_forum):
    steps = []
    summary = generate(sqlite_forum, **SIZES, progress=lambda words, done: steps.append(done))
    assert (summary.messages, summary.reports) == (95, 12)
    assert steps == sorted(steps) and steps[-1] == 1.0  # a progress bar that only grows
    with Session(sqlite_forum.engine) as session:
        assert _count(session, Post) == 3000
        assert _count(session, Message) == 95
        assert _count(session, Report) == 12
        assert session.exec(select(func.count()).where(Report.status == "open")).one() == 12
        votes = session.exec(select(func.sum(IdeaDetail.vote_count))).one()
        assert votes == _count(session, Vote) == summary.votes
        messages = session.exec(select(func.sum(Conversation.message_count))).one()
        assert messages == 95
        assert _count(session, ConversationMember) >= 2 * _count(session, Conversation)
        longest = session.exec(
            select(Thread.post_count).order_by(Thread.post_count.desc()).limit(LONG_THREADS)
        ).all()
        assert min(longest) > 3000 * 0.02 / LONG_THREADS / 2  # a few very long threads


def _assert_counters_true(session) -> None:
    """Every maintained counter equals what the rows say."""
    assert not _rows(
        session,
        "SELECT t.id FROM thread t JOIN (SELECT thread_id, count(*) n, max(id) last, "
        "min(created_at) first, max(created_at) latest FROM post GROUP BY thread_id) p "
        "ON p.thread_id = t.id JOIN post lp ON lp.id = p.last "
        "WHERE t.post_count != p.n OR t.last_post_id != p.last OR t.last_poster_id != "
        "lp.author_id OR t.created_at != p.first OR t.last_activity_at != p.latest",
    )
    assert not _rows(
        session,
        "SELECT b.id FROM board b LEFT JOIN (SELECT board_id, count(*) n, sum(post_count) "
        "posts, max(last_activity_at) latest FROM thread GROUP BY board_id) t "
        "ON t.board_id = b.id WHERE b.thread_count != coalesce(t.n, 0) "
        "OR b.post_count != coalesce(t.posts, 0) OR b.last_activity_at IS DISTINCT FROM t.latest",
    )
    assert not _rows(
        session,
        "SELECT m.id FROM member m WHERE "
        "m.thread_count != (SELECT count(*) FROM post WHERE author_id = m.id AND position = 1) "
        "OR m.reply_count != (SELECT count(*) FROM post WHERE author_id = m.id AND position > 1) "
        "OR m.solution_count != (SELECT count(*) FROM thread t JOIN post p "
        "  ON p.id = t.solution_post_id WHERE p.author_id = m.id) "
        "OR m.idea_count != (SELECT count(*) FROM idea i JOIN thread t ON t.id = i.thread_id "
        "  WHERE t.author_id = m.id) "
        "OR m.idea_votes_given != (SELECT count(*) FROM vote WHERE member_id = m.id)",
    )
    assert not _rows(
        session,
        "SELECT i.thread_id FROM idea i "
        "WHERE i.vote_count != (SELECT count(*) FROM vote v WHERE v.thread_id = i.thread_id)",
    )
    assert not _rows(
        session,
        "SELECT c.id FROM conversation c JOIN (SELECT conversation_id, count(*) n, "
        "max(created_at) latest FROM message GROUP BY conversation_id) m "
        "ON m.conversation_id = c.id WHERE c.message_count != m.n "
        "OR c.last_message_at != m.latest",
    )


def test_counters_ranks_and_solutions_are_those_the_app_keeps(forum):
    generate(forum, **SIZES)
    with Session(forum.engine) as session:
        _assert_counters_true(session)
        solved = _rows(
            session,
            "SELECT b.kind, p.position FROM thread t JOIN board b ON b.id = t.board_id "
            "JOIN post p ON p.id = t.solution_post_id",
        )
        assert solved and {kind for kind, _ in solved} <= {"help", "ongoing_issues"}
        assert {position for _, position in solved} == {2}
    assert forum.recompute_ranks(dry_run=True) == ()  # every cached rank is true


def test_the_app_writes_after_a_generate(forum, seed):
    generate(forum, members=5, threads=6, posts=40, ideas=2, messages=20, reports=2)
    someone = seed.member("after_generate")
    viewer = seed.viewer(someone)
    with Session(forum.engine) as session:
        thread_id = session.exec(select(Thread.id).order_by(Thread.id.desc())).first()
    result = forum.reply(viewer, thread_id, "A reply written after the generator ran.")
    assert result.position > 1
    assert forum.search(viewer, "generator sort:new").items


def test_sqlite_is_back_to_its_settings_with_every_index_and_the_search_index(
    sqlite_forum, sqlite_url, tmp_path
):
    generate(sqlite_forum, **SIZES)
    sqlite_forum.close()
    path = sqlite_url.removeprefix("sqlite:///")
    fresh = tmp_path / "fresh.db"
    from forum_tui.store.forum import open_forum

    open_forum(f"sqlite:///{fresh}").close()
    with sqlite3.connect(path) as made, sqlite3.connect(fresh) as empty:
        # (Tables' own SQL is left out: batch migrations write foreign keys in any order.)
        schema = "SELECT type, name, tbl_name, type = 'index' AND sql FROM sqlite_master"
        assert set(made.execute(schema)) == set(empty.execute(schema))
        assert made.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert made.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert made.execute("PRAGMA foreign_key_check").fetchall() == []
        made.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
        config = made.execute("SELECT k FROM search_fts_config WHERE k != 'version'")
        assert {k for (k,) in config} <= {"automerge", "crisismerge", "hashsize"}
        assert made.execute("SELECT count(*) FROM search_fts").fetchone() == (3000,)
    engine = sqlite_forum.engine
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert raw.execute("PRAGMA synchronous").fetchone() == (1,)


def test_a_failed_generate_leaves_nothing_behind(sqlite_forum, monkeypatch):
    from forum_tui.store import synth

    def broken(*_args, **_kwargs):
        raise RuntimeError("stopped half way")

    monkeypatch.setattr(synth, "add_reports", broken)
    with pytest.raises(RuntimeError):
        generate(sqlite_forum, **SIZES)
    with Session(sqlite_forum.engine) as session:
        assert _count(session, Post) == _count(session, Member) == 0
        assert session.exec(select(func.sum(Board.post_count))).one() == 0
    monkeypatch.undo()
    generate(sqlite_forum, members=3, threads=2, posts=5)  # and it works again after


def test_common_words_are_common_and_every_word_can_appear():
    words = vocabulary()
    table = word_table(words)
    assert set(table) == set(words) and len(table) == 1 << 16
    assert table.count(words[0]) > 50 * table.count(words[300])
    text = SynthText(__import__("random").Random(1))
    bodies = [text.body() for _ in range(200)]
    assert all(8 <= len(body.split()) <= 70 and body.endswith(".") for body in bodies)
    assert len(set(bodies)) == 200
