"""Indexes for the hot reads (issue 7): ``post (thread_id, created_at, position)``.

The read mark inside a thread (``access._effective_mark``) needs the last post made
before the board's unread cutoff; with this index that is one seek, where it walked the
thread's posts back from the newest (milliseconds at thousands of posts).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_post_thread_created", "post", ["thread_id", "created_at", "position"])


def downgrade() -> None:
    op.drop_index("ix_post_thread_created", table_name="post")
