"""Unread counts read the board-order index alone (issue 7).

``ix_thread_board_order`` also carries ``post_count`` and ``removed``, the two columns
the unread count tests besides the order columns, so counting a board's unread threads
in the unread window walks the index without visiting each thread row (at 1,000,000
posts, the sidebar's count over every board: 16 ms -> 10 ms of SQL). Board pages walk the
same index as before: its leading columns are unchanged.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 12:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDER = ["board_id", "floated", "last_activity_at", "id"]


def upgrade() -> None:
    op.drop_index("ix_thread_board_order", table_name="thread")
    op.create_index("ix_thread_board_order", "thread", [*ORDER, "post_count", "removed"])


def downgrade() -> None:
    op.drop_index("ix_thread_board_order", table_name="thread")
    op.create_index("ix_thread_board_order", "thread", ORDER)
