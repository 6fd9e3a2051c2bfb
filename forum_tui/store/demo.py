"""Build the demo community: personas for every role, and content in every board.

``build_demo(forum)`` turns the plain data in ``demo_content.py`` into rows, written
straight with one SQLModel session on ``forum.engine`` in a single transaction. Times are
counted back from the fixed ``DEMO_NOW``, so every build gives the same community (only
the password hash's random salt differs).

The builder keeps every counter the screens read consistent with the rows it writes:

- ``Board``: ``thread_count``, ``post_count`` (opening posts included), ``last_activity_at``.
- ``Thread``: ``post_count``, ``like_count`` (likes on all its posts), ``last_*``,
  ``solution_post_id``, ``vote_count`` (idea votes or "me too" votes); ``Post.position``
  runs 1..N and ``Post.like_count`` matches the ``Like`` rows.
- ``IdeaDetail.vote_count`` matches the ``Vote`` rows; ``Conversation`` counts its messages.
- ``Member`` activity counters are what the demo content shows plus the member's
  ``earlier`` activity (see ``demo_content``): an idea counts as an idea, not a thread;
  only idea votes count as votes. ``Member.rank`` comes from ``rules.ranks.rank_title``.

Content mistakes (a like by the post's own author, a post before its author joined, a
private message to someone under 18, ...) raise ``ValueError`` naming the record, so a bad
edit to the content fails the tests instead of building a quietly wrong demo.

Where things are: this module builds and summarises; ``demo_builder.DemoBuilder`` writes
the rows, with one part per family of content (``demo_ideas``, ``demo_moderation``,
``demo_activity``); ``demo_basics`` has the clock, the content check and ``prose``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, update
from sqlmodel import Session, SQLModel, select

from forum_tui.store.demo_basics import DEMO_NOW, prose
from forum_tui.store.demo_builder import DemoBuilder
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import (
    Board,
    Conversation,
    IdeaDetail,
    Like,
    Member,
    Message,
    ModAction,
    Notification,
    Post,
    Report,
    Setting,
    Thread,
    Vote,
)
from forum_tui.store.passwords import hash_password
from forum_tui.store.search import index_for

__all__ = ["DEMO_NOW", "DemoSummary", "build_demo", "prose"]

ALREADY_BUILT = "This database already has members; use --reset to rebuild the demo."
#: Tables that survive a reset (their counters are zeroed); everything else is emptied.
KEPT_TABLES = frozenset({"area", "board", "setting"})


@dataclass(frozen=True)
class DemoSummary:
    members: int
    personas: int
    threads: int
    posts: int
    likes: int
    ideas: int
    idea_votes: int
    issues: int
    conversations: int
    messages: int
    notifications: int
    reports: int
    open_reports: int
    mod_actions: int


def build_demo(forum, *, reset: bool = False) -> DemoSummary:
    """Fill ``forum``'s database with the demo community; ``reset`` empties it first.

    Without ``reset``, a database that already has members is refused (InvalidInput).
    """
    forum.sync_community()
    if not reset:
        with Session(forum.engine) as session:
            if session.exec(select(Member.id).limit(1)).first() is not None:
                raise InvalidInput(ALREADY_BUILT)
    # Hash once (scrypt is slow on purpose), outside the write transaction.
    password_hash = hash_password(forum.community.demo_password)
    with Session(forum.engine, expire_on_commit=False) as session, session.begin():
        if reset:
            _clear(session)
        elif session.exec(select(Member.id).limit(1)).first() is not None:
            raise InvalidInput(ALREADY_BUILT)
        DemoBuilder(session, forum.community, password_hash).build()
        session.merge(Setting(key="demo", value="yes"))
        session.flush()
        index_for(session).rebuild(session)
        return _summary(session)


# ------------------------------------------------------------------ reset and summary


def _clear(session: Session) -> None:
    """Delete every member and all content, children first; keep areas and boards."""
    for table in reversed(SQLModel.metadata.sorted_tables):
        if table.name not in KEPT_TABLES:
            session.execute(delete(table))
    session.execute(delete(Setting).where(Setting.key == "demo"))
    session.execute(update(Board).values(thread_count=0, post_count=0, last_activity_at=None))


def _summary(session: Session) -> DemoSummary:
    def count(column, *where) -> int:
        return session.exec(select(func.count(column)).where(*where)).one()

    return DemoSummary(
        members=count(Member.id),
        personas=count(Member.id, Member.is_demo_persona),
        threads=count(Thread.id),
        posts=count(Post.id),
        likes=count(Like.post_id),
        ideas=count(IdeaDetail.thread_id),
        idea_votes=count(Vote.thread_id, Vote.thread_id.in_(select(IdeaDetail.thread_id))),
        issues=count(Thread.id, Thread.issue_status.is_not(None)),
        conversations=count(Conversation.id),
        messages=count(Message.id),
        notifications=count(Notification.id),
        reports=count(Report.id),
        open_reports=count(Report.id, Report.status == "open"),
        mod_actions=count(ModAction.id),
    )


# ------------------------------------------------------------------ the builder
