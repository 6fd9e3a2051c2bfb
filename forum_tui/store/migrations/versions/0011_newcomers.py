"""Joining: one-time account codes (email verification, password reset) and failed
sign-ins (issue 14).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_account_code_member_purpose", "account_code", ["member_id", "purpose"], unique=False
    )
    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_sign_in_failure_name_at", "sign_in_failure", ["name_key", "created_at"], unique=False
    )
    op.create_index(
        "ix_sign_in_failure_member_at",
        "sign_in_failure",
        ["member_id", "created_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_sign_in_failure_member_at", table_name="sign_in_failure")
    op.drop_index("ix_sign_in_failure_name_at", table_name="sign_in_failure")
    op.drop_table("sign_in_failure")
    op.drop_index("ix_account_code_member_purpose", table_name="account_code")
    op.drop_table("account_code")
