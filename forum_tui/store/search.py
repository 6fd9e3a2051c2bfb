"""Full-text search behind one small interface: SQLite FTS5 or PostgreSQL ``tsvector``.

:class:`SearchIndex` is what the rest of the store uses (``index_for(session)`` picks the
backend by dialect):

- ``index_post(session, post_id)`` / ``remove_post`` / ``reindex_thread`` / ``rebuild``:
  upkeep, always inside the caller's transaction;
- ``query(session, text, where, ...)``: post ids (with a score) matching a
  :class:`TextQuery`, filtered by SQLAlchemy conditions on ``post``/``thread``.

The index holds *text only*, one row per post (the opening post also carries its
thread's title): ``search_fts(rowid = post.id, title, body)`` on SQLite (FTS5, tokenizer
``porter unicode61 remove_diacritics 2``, so stems match as on PostgreSQL), and
``search_doc(post_id, tsv, title_tsv)`` with GIN indexes on PostgreSQL (``english``
configuration; title weight A, body weight B). Everything else a result is filtered on
(board, author, dates, removed, solved, idea label and status) is joined live from
``post``/``thread``/``idea``: so removing, restoring or moving a thread, or changing an
idea's status, needs no index upkeep at all and can never leave the index stale. Only the
text changes need it: new thread, reply, edit (body and title).

User input never reaches SQL or the MATCH syntax unescaped: on SQLite every word is an
FTS5 string (``"word"``, inner quotes doubled), phrases are FTS5 phrases of such strings;
on PostgreSQL every piece is a bound ``plainto_tsquery``/``phraseto_tsquery`` combined
with ``&&`` and ``!!``.

Speed (a common word over a million posts is the hard case; figures: ``benchmarks/
search.py``). Three costs, three answers:

1. *Ranking every match.* Relevance ranks only the newest ``CANDIDATES`` (500) matches
   that pass the filters: the FTS5 doclist is walked newest first (``ORDER BY rowid DESC
   LIMIT``, served without a sort, stopping early), then those are ordered by score.
   Trade-off: for a very common word a highly relevant but old post can lose its place
   to newer ones; more words or an operator narrow the matches until the cap no longer
   bites. Newest-first (``sort:new``, filter-only queries) walks the same order and
   pages by keyset on the post id.
2. *FTS5's bm25() walks every match anyway*, whatever the LIMIT: its idf counts the
   documents matching each phrase (``xQueryPhrase`` over the whole index), 23 ms for a
   word in 97% of a million posts, 115 ms for a phrase of two such words. So each
   phrase's document frequency is first *probed*: its newest ``DF_PROBE`` (1000) matches,
   exact below that, else estimated from how densely they lie among the newest posts
   (well under a millisecond). When the matches are few (``BM25_WALK``), bm25() itself
   ranks (exact). Otherwise the candidates are fetched with FTS5's ``highlight()`` (per
   row, no walk) and scored here by the same BM25 (k1 1.2, b 0.75, title 10, body 1,
   FTS5's idf from the estimate; a marked span is attributed to the query phrase whose
   words it shares the longest prefixes with, since we lack the stemmer; document
   length in words, averaged over the candidates). The order matches bm25()'s closely,
   not exactly (the ``test_common_terms_...`` test pins the agreement). Similar-title
   suggestions (any word, titles only) always use bm25(): few titles match.
3. *Selective filters.* Filtering the walk row by row (join ``post``, ``thread``) is
   fine when most rows pass (board, area, permissions), slow when few do. ``searching``
   passes a :class:`Narrowing` from the selective side, chosen on cheap estimates
   (member counters for ``author:``, ``thread.post_count`` summed over the labelled or
   statused idea threads): up to ``LOOKUP_POSTS`` (300) posts, each id is looked up in
   the index (``rowid IN (...)``, ~20 µs each); up to ``WALK_POSTS`` (50,000) the walk
   tests each match against those ids, built once as a temporary b-tree (``rowid + 0 IN
   (...)``, ~0.3 µs a match, joining only rows that pass); beyond, the plain walk. A
   date range becomes the exact post-id range of the posts made in it (min/max id over
   the ``search_post_created`` index, migration 0004, when at most ``DATE_POSTS``
   150,000 fall in it: ~0.12 µs a post), which FTS5 jumps to natively; exact even though
   ids need not follow posting order (the demo writes backdated posts). A wider range is
   filtered along the walk (fast for recent ranges, slow for a wide range of old posts).
   ``where`` always keeps every condition: a narrowing never changes the results.

Snippets and highlights (``SearchHit``) are made for the final page only. PostgreSQL's
GIN index cannot return matches in id order, so there the planner collects every match
of the tsquery before the newest-first cap (a common word costs in proportion to its
matches; ``english`` drops stopwords such as "the" outright); ``ts_rank`` needs no
corpus walk. The narrowings apply there too, as plain conditions the planner may use.

Where it lives: this module is the interface (:class:`SearchIndex`, :class:`TextQuery`,
:class:`Narrowing`, ``index_for``); the backends are ``search_sqlite`` (FTS5, with the
document-frequency probe) and ``search_postgres`` (``tsvector``); the BM25 scoring from
highlights (point 2 above) is ``search_scoring``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from forum_tui.store.models import Post
from forum_tui.store.models.community import MIGRATION_ONLY_INDEXES

#: Relevance ranks at most this many of the newest matches (see the module docstring).
CANDIDATES = 500
#: Tables the search index owns (outside SQLModel's metadata: dialect-specific DDL).
SEARCH_TABLE_PREFIXES = ("search_fts", "search_doc")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's compare/autogenerate: skip the search index's own tables (FTS5 and
    its shadow tables, ``search_doc``), which migration 0003 creates with raw DDL, and
    its own indexes on other tables (``search_post_created``, migration 0004); and the
    partial indexes only migrations declare (``models.community.MIGRATION_ONLY_INDEXES``)."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIXES):
        return False
    if type_ == "index" and name and name.startswith("search_"):
        return False
    if type_ == "index" and name in MIGRATION_ONLY_INDEXES:
        return False
    table_name = getattr(getattr(obj, "table", None), "name", "") or ""
    return not (type_ == "index" and table_name.startswith(SEARCH_TABLE_PREFIXES))


@dataclass(frozen=True)
class TextQuery:
    """What to match: every word, every phrase, none of the excluded terms; or, with
    ``any_words``, at least one of ``words`` (similar threads). ``title_only`` matches
    thread titles only."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()
    any_words: bool = False
    title_only: bool = False


@dataclass(frozen=True)
class Narrowing:
    """Hints from the selective side of a query's filters; ``where`` still holds every
    condition, so a hint only ever narrows the walk, never changes the results.

    ``post_ids``: a SELECT of post ids containing every post that can pass the filters
    (an author's posts, the posts of labelled threads); ``few``: it is small enough to
    look each id up in the index, else it is used as a filter on the index walk.
    ``low_id``/``high_id``: the post-id range of a date range (ids follow posting
    order)."""

    post_ids: Any = None
    few: bool = False
    low_id: int | None = None
    high_id: int | None = None


class SearchIndex(ABC):
    """The search backend (see the module docstring)."""

    @abstractmethod
    def index_post(self, session: Session, post_id: int) -> None:
        """(Re)index one post from its current row (and its thread's title)."""

    @abstractmethod
    def remove_post(self, session: Session, post_id: int) -> None:
        """Drop one post from the index (a post deleted outright)."""

    def reindex_thread(self, session: Session, thread_id: int) -> None:
        """Reindex a thread after its title changed (only the opening post holds it)."""
        post_id = session.exec(
            select(Post.id).where(Post.thread_id == thread_id, Post.position == 1)
        ).first()
        if post_id is not None:
            self.index_post(session, post_id)

    @abstractmethod
    def rebuild(self, session: Session) -> None:
        """Rebuild the whole index from the posts (after bulk loads)."""

    @abstractmethod
    def query(
        self,
        session: Session,
        text_query: TextQuery,
        where: list,
        *,
        sort: str,
        limit: int,
        offset: int = 0,
        before_id: int | None = None,
        candidates: int = CANDIDATES,
        narrowing: Narrowing | None = None,
    ) -> list[tuple[int, float]]:
        """(post id, score) of matching posts that satisfy ``where`` (conditions on
        ``Post``/``Thread``). ``sort="relevance"``: best first among the newest
        ``candidates`` matches, from ``offset``; ``sort="new"``: newest first, ids below
        ``before_id``. ``narrowing``: see :class:`Narrowing`."""

    @abstractmethod
    def raw(self, session: Session, text_query: TextQuery, limit: int) -> list[int]:
        """The bare index lookup (no joins, no ranking): for the benchmark's ratios."""


def narrowing_conditions(id_column, narrowing: Narrowing | None, *, walk: bool = True) -> list:
    """Conditions on the index's post id from a :class:`Narrowing` (``walk``: the
    SQLite form, see below; PostgreSQL's planner chooses for itself)."""
    if narrowing is None:
        return []
    conditions = []
    if narrowing.low_id is not None:
        conditions.append(id_column >= narrowing.low_id)
    if narrowing.high_id is not None:
        conditions.append(id_column <= narrowing.high_id)
    if narrowing.post_ids is not None:
        # ``few``: one index lookup per id; else ``+ 0`` keeps the index walk (newest
        # first) and tests each match against the ids, built once as a temporary b-tree.
        target = id_column + 0 if walk and not narrowing.few else id_column
        conditions.append(target.in_(narrowing.post_ids))
    return conditions


def index_for(session: Session) -> SearchIndex:
    """The search backend for the session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from forum_tui.store.search_sqlite import SQLITE_INDEX

        return SQLITE_INDEX
    if dialect == "postgresql":
        from forum_tui.store.search_postgres import POSTGRES_INDEX

        return POSTGRES_INDEX
    raise NotImplementedError(f"Search needs SQLite or PostgreSQL, not {dialect}.")
