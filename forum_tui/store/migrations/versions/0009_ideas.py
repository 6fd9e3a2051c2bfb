"""The Idea Exchange and Ongoing Issues: status-update posts, and indexes for the lists.

``status_change.post_id``: on Ongoing Issues each status change is announced by a post
marked as the status update (shown at the top of the thread, newest first).
``ix_thread_board_created`` and ``ix_idea_votes``: the idea and issue lists sorted by
newest and by votes walk an index instead of sorting the whole board.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("status_change") as batch:
        batch.add_column(sa.Column("post_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_status_change_post_id_post", "post", ["post_id"], ["id"])
    op.create_index(
        "ix_thread_board_created", "thread", ["board_id", "created_at", "id"], unique=False
    )
    op.create_index("ix_idea_votes", "idea", ["vote_count", "thread_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_idea_votes", table_name="idea")
    op.drop_index("ix_thread_board_created", table_name="thread")
    with op.batch_alter_table("status_change") as batch:
        batch.drop_constraint("fk_status_change_post_id_post", type_="foreignkey")
        batch.drop_column("post_id")
