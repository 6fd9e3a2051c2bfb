"""The full-text search index (issue 4), filled from the existing posts.

- SQLite: ``search_fts``, an FTS5 table (rowid = post id; columns ``title``, for opening
  posts, and ``body``), tokenizer ``porter unicode61 remove_diacritics 2``.
- PostgreSQL: ``search_doc`` (post_id, ``tsv`` = title weight A || body weight B,
  ``title_tsv`` for opening posts) with GIN indexes, ``english`` configuration.

Both are dialect-specific DDL, outside SQLModel's metadata (``store.search.include_object``
keeps Alembic's comparison from reporting them). See ``store/search.py``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 20:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO search_fts (rowid, title, body) "
            "SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body "
            "FROM post p JOIN thread t ON t.id = p.thread_id"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TABLE search_doc ("
            "post_id INTEGER PRIMARY KEY REFERENCES post (id) ON DELETE CASCADE, "
            "tsv tsvector NOT NULL, title_tsv tsvector)"
        )
        op.execute("CREATE INDEX ix_search_doc_tsv ON search_doc USING GIN (tsv)")
        op.execute("CREATE INDEX ix_search_doc_title_tsv ON search_doc USING GIN (title_tsv)")
        op.execute(
            "INSERT INTO search_doc (post_id, tsv, title_tsv) SELECT p.id, "
            "setweight(to_tsvector('english', "
            "CASE WHEN p.position = 1 THEN t.title ELSE '' END), 'A') "
            "|| setweight(to_tsvector('english', p.body), 'B'), "
            "CASE WHEN p.position = 1 THEN to_tsvector('english', t.title) END "
            "FROM post p JOIN thread t ON t.id = p.thread_id"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    elif dialect == "postgresql":
        op.execute("DROP TABLE IF EXISTS search_doc")
