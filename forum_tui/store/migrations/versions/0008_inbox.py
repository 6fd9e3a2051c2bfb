"""The inbox (issue 10): members block members.

- ``member_block``: (blocker, blocked) pairs; a blocked member can no longer message the
  blocker and is not told. Indexed by ``blocked_id`` too, for "who blocks this sender".

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_block",
        sa.Column("blocker_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["blocker_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["blocked_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("blocker_id", "blocked_id"),
    )
    op.create_index("ix_member_block_blocked_id", "member_block", ["blocked_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_member_block_blocked_id", table_name="member_block")
    op.drop_table("member_block")
