"""Unread counts read one covering index (issue 7).

``ix_thread_unread`` holds every column the unread count tests (board, floated, last
activity, post count, removed; the thread id comes with every index entry), so counting
a board's unread threads in the unread window walks the index without visiting each
thread row: at 1,000,000 posts, the sidebar's count over every board went from 16 ms to
7-9 ms of SQL. It is its own index, not a wider ``ix_thread_board_order``: board pages
keep that one, and unsolved-only pages the partial ``ix_thread_board_unsolved``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 11:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_thread_unread",
        "thread",
        ["board_id", "floated", "last_activity_at", "post_count", "removed"],
    )


def downgrade() -> None:
    op.drop_index("ix_thread_unread", table_name="thread")
