"""Sign-up, verification codes, sign-in throttling (issue 14).

Reserved in the revision chain so that work on several issues can land side by side;
each issue's schema changes go here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
