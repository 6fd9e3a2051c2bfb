"""The community: its places (areas, boards), threads and posts.

A post's earlier versions, likes and thread tags live here too, and so does what makes
a thread an idea or an Ongoing Issue (``IdeaDetail``, ``Vote``, ``StatusChange``):
ideas and issues are threads like any other. ``Setting`` holds small facts about the
database itself.

The conventions every table follows are in the package docstring (``models/__init__``).
"""

from datetime import datetime

from sqlalchemy import DateTime, Index, Text, UniqueConstraint
from sqlmodel import Column, Field

from .base import TableModel


class Area(TableModel, table=True):
    __tablename__ = "area"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=80)
    description: str = Field(default="", max_length=400)
    position: int = Field(default=0)


class Board(TableModel, table=True):
    """A board, mirrored from the community file on start (matched by slug)."""

    __tablename__ = "board"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=80)
    # help, ongoing_issues, chat, ideas, closed_ideas, faq, stars_application,
    # star_only, blog, vault (see rules.community.BOARD_KINDS)
    kind: str = Field(max_length=30)
    description: str = Field(default="", max_length=400)
    guidelines: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    position: int = Field(default=0)
    thread_count: int = Field(default=0)
    post_count: int = Field(default=0)
    last_activity_at: datetime | None = Field(default=None, sa_type=DateTime)


#: Indexes the migrations make but no table here declares, so Alembic's comparison skips
#: them (``search.include_object``). ``ix_thread_board_unsolved`` (board_id, floated,
#: last_activity_at, id WHERE solution_post_id IS NULL; migration 0002) is partial: its
#: ``sqlite_where``/``postgresql_where`` made SQLAlchemy import its PostgreSQL dialect
#: on every start just to check the argument, 15 ms before home's first read on SQLite.
MIGRATION_ONLY_INDEXES = frozenset({"ix_thread_board_unsolved"})


class Thread(TableModel, table=True):
    __tablename__ = "thread"
    __table_args__ = (
        # The board page: floated first, then by last activity (keyset paging).
        Index("ix_thread_board_order", "board_id", "floated", "last_activity_at", "id"),
        # Unread counts: every column they test, read from the index alone (0012).
        Index(
            "ix_thread_unread", "board_id", "floated", "last_activity_at", "post_count", "removed"
        ),
        Index("ix_thread_author", "author_id", "created_at"),
        # Ideas and Ongoing Issues sorted by newest (store/status_lists.py).
        Index("ix_thread_board_created", "board_id", "created_at", "id"),
        # The board page filtered to unsolved threads: ix_thread_board_unsolved, a partial
        # index, is made by migration 0002 alone (see MIGRATION_ONLY_INDEXES).
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id")
    author_id: int = Field(foreign_key="member.id")
    title: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    last_activity_at: datetime = Field(sa_type=DateTime)
    last_post_id: int | None = None
    last_poster_id: int | None = Field(default=None, foreign_key="member.id")
    # Number of posts, the opening post included; also the last post's position.
    post_count: int = Field(default=1)
    like_count: int = Field(default=0)
    view_count: int = Field(default=0)
    floated: bool = Field(default=False)
    locked: bool = Field(default=False)
    removed: bool = Field(default=False)
    solution_post_id: int | None = None
    # Ongoing Issues: the status key (rules community issue_statuses) and "me too" votes.
    issue_status: str | None = Field(default=None, max_length=40)
    # Where a thread came from before a move (Ongoing Issues) or archiving (the Vault).
    origin_board_id: int | None = Field(default=None, foreign_key="board.id")
    vote_count: int = Field(default=0)


class Post(TableModel, table=True):
    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("thread_id", "position", name="uq_post_thread_position"),
        Index("ix_post_author_created", "author_id", "created_at"),
        # --- issue 7: the read mark's "last post before the unread cutoff" in one seek
        Index("ix_post_thread_created", "thread_id", "created_at", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="thread.id")
    # 1 for the opening post, then 2, 3, ... in order: pages are ranges of positions.
    position: int
    author_id: int = Field(foreign_key="member.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=DateTime)
    edited_at: datetime | None = Field(default=None, sa_type=DateTime)
    like_count: int = Field(default=0)
    removed: bool = Field(default=False)
    removed_reason: str | None = Field(default=None, max_length=400)
    quoted_post_id: int | None = None


class PostRevision(TableModel, table=True):
    """An earlier version of a post (and its thread title, for opening posts).

    Written by an edit: ``body``/``title`` are what the post said *before* the edit,
    ``editor_id`` and ``created_at`` who made the edit and when. So version 1 is the
    oldest revision's text, by the post's author at ``post.created_at``; version k+1 was
    made by revision k's editor at revision k's time; the current text is the last."""

    __tablename__ = "post_revision"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    editor_id: int = Field(foreign_key="member.id")
    title: str | None = Field(default=None, max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=DateTime)


class Like(TableModel, table=True):
    __tablename__ = "post_like"

    post_id: int = Field(foreign_key="post.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    created_at: datetime = Field(sa_type=DateTime)


class ThreadTag(TableModel, table=True):
    __tablename__ = "thread_tag"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    tag: str = Field(max_length=40, primary_key=True, index=True)


class IdeaDetail(TableModel, table=True):
    """What makes a thread in Idea Submissions or Closed Ideas an idea."""

    __tablename__ = "idea"
    __table_args__ = (
        Index("ix_idea_status_votes", "status", "vote_count"),
        # The idea list sorted by votes (store/status_lists.py).
        Index("ix_idea_votes", "vote_count", "thread_id"),
    )

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    label: str = Field(max_length=40, index=True)
    # A key of rules community idea_statuses.
    status: str = Field(default="live", max_length=40)
    status_note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # For status "closed": the requirement (1-based, community idea_requirements) it failed.
    failed_requirement: int | None = None
    vote_count: int = Field(default=0)
    merged_into_id: int | None = Field(default=None, foreign_key="thread.id")


class Vote(TableModel, table=True):
    """A vote on an idea, or a "me too" on an Ongoing Issue: one per member per thread."""

    __tablename__ = "vote"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    created_at: datetime = Field(sa_type=DateTime)


class StatusChange(TableModel, table=True):
    """A status set on an idea or an Ongoing Issue, with the note shown to members."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="thread.id", index=True)
    # "idea" or "issue"
    kind: str = Field(max_length=10)
    status: str = Field(max_length=40)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    actor_id: int = Field(foreign_key="member.id")
    created_at: datetime = Field(sa_type=DateTime)
    # Ongoing Issues: the post marked as this change's status update (None for ideas,
    # whose note shows on the idea itself).
    post_id: int | None = Field(default=None, foreign_key="post.id")


class Setting(TableModel, table=True):
    """Small facts about this database, e.g. ``demo`` = ``yes`` on a demo community."""

    __tablename__ = "setting"

    key: str = Field(max_length=60, primary_key=True)
    value: str = Field(default="", max_length=400)
