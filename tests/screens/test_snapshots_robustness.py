"""Snapshots of the rough edges fixed in issue 8 (look at the SVGs!): an FAQ article that
renders as written and offers no reply, a thread saying a draft reply is waiting (80x24),
and the composer's refusal with no old toast over it (80x24, light theme)."""

from __future__ import annotations

from datetime import timedelta

from screen_helpers import SIZE, SMALL
from test_snapshots import in_thread

from forum_tui.store.demo_content import FAQS
from forum_tui.store.views import reply_draft_key


def _faq_id(forum, viewer, title: str) -> int:
    for area in forum.areas(viewer):
        for board in area.boards:
            if board.kind != "faq":
                continue
            for thread in forum.board_threads(viewer, board.slug, limit=200).items:
                if thread.title == title:
                    return thread.id
    raise LookupError(title)


def _fresh_thread(seed, forum, author: str, replier: str) -> int:
    return seed.thread(
        "android",
        forum.sign_in_as(author).id,
        "Widget stuck after the update",
        replies=2,
        reply_author_id=forum.sign_in_as(replier).id,
        at=forum.now() - timedelta(hours=1),
    )


def test_faq_article_as_written(snap_compare, make_forum_app, demo_forum):
    app = make_forum_app("mia")
    title = next(faq.title for faq in FAQS if faq.title.startswith("Why was my idea closed?"))
    thread_id = _faq_id(demo_forum, app.viewer, title)
    assert snap_compare(app, terminal_size=SIZE, run_before=in_thread(thread_id))


def test_thread_with_a_draft_reply_waiting(snap_compare, make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    thread_id = _fresh_thread(seed, demo_forum, "oskar", "kate")
    demo_forum.save_draft(app.viewer, reply_draft_key(thread_id), body="Did you try a restart?")
    assert snap_compare(app, terminal_size=SMALL, run_before=in_thread(thread_id))


def test_compose_refusal_not_covered_by_toasts(snap_compare, make_forum_app, demo_forum, seed):
    app = make_forum_app("mia")
    app.theme = "textual-light"
    thread_id = _fresh_thread(seed, demo_forum, "mia", "kate")
    # l on one's own post leaves a toast; r opens the composer; ctrl+s posts nothing.
    steps = in_thread(thread_id, ("l",), ("r",), ("ctrl+s",))
    assert snap_compare(app, terminal_size=SMALL, run_before=steps)
