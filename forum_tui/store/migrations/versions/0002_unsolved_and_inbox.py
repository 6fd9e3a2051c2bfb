"""Indexes for issue 3: a board's unsolved threads, and the notification list.

- ``ix_thread_board_unsolved``: the board page filtered to threads without an accepted
  solution, keyset-paged like ``ix_thread_board_order`` (partial: only unsolved threads).
- ``ix_notification_member_created``: a member's notifications, newest first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNSOLVED = "solution_post_id IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_thread_board_unsolved",
        "thread",
        ["board_id", "floated", "last_activity_at", "id"],
        unique=False,
        sqlite_where=sa.text(UNSOLVED),
        postgresql_where=sa.text(UNSOLVED),
    )
    op.create_index(
        "ix_notification_member_created",
        "notification",
        ["member_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_notification_member_created", table_name="notification")
    op.drop_index("ix_thread_board_unsolved", table_name="thread")
