"""An index on ``post (created_at, id)`` for search's ``before:``/``after:`` (issue 4).

Search turns a date range into the exact range of post ids made in it (min and max id
over this index, see ``store/searching.py``), which the full-text walk then jumps to.
Named ``search_*``: it belongs to the search index, outside SQLModel's metadata
(``store.search.include_object`` keeps Alembic's comparison from reporting it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE INDEX search_post_created ON post (created_at, id)")


def downgrade() -> None:
    op.execute("DROP INDEX search_post_created")
