"""The inbox: blocks, deleted conversations, message limits (issue 10).

Reserved in the revision chain so that work on several issues can land side by side;
each issue's schema changes go here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
