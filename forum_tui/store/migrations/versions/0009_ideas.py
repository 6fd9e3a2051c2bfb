"""The Idea Exchange and Ongoing Issues: a status change may name its status-update post.

``status_change.post_id``: on Ongoing Issues each status change is announced by a post
marked as the status update (shown at the top of the thread, newest first).

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


def downgrade() -> None:
    with op.batch_alter_table("status_change") as batch:
        batch.drop_constraint("fk_status_change_post_id_post", type_="foreignkey")
        batch.drop_column("post_id")
