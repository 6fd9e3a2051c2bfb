"""Ranks, profiles, settings and the Stars Program (issue 13).

Adds ``member.custom_glyph`` (a Star's own avatar glyph) and an index on
``star_points.created_at`` for the monthly leaderboard.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.add_column(
            sa.Column("custom_glyph", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
    op.create_index("ix_star_points_created", "star_points", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_star_points_created", table_name="star_points")
    with op.batch_alter_table("member") as batch:
        batch.drop_column("custom_glyph")
