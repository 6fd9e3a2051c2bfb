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

Speed (a common word over a million posts is the hard case). Ranking *every* match by
bm25/ts_rank costs time in proportion to the matches (a word in 30% of posts = 300,000
scores). So relevance ranks only the newest ``CANDIDATES`` (500) matches that pass the
filters: the FTS5 doclist is walked newest first (``ORDER BY rowid DESC LIMIT``, which
FTS5 serves without sorting and stops early), then bm25 orders those. The trade-off: for
a very common word, a highly relevant but old post can lose its place to newer ones; a
second word or an operator narrows the matches so that the cap no longer bites (the cap
only matters when more than 500 posts match). Newest-first (``sort:new``, and every
filter-only query) walks the same order and pages by keyset on the post id (ids are
given in posting order). PostgreSQL's GIN index cannot return matches in id order, so
there the planner collects the matches first; fine at moderate sizes, slower for a very
common word at a million posts (see the benchmark).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, column, func, literal_column, select, table, text
from sqlmodel import Session

from forum_tui.store.models import Post, Thread

#: Relevance ranks at most this many of the newest matches (see the module docstring).
CANDIDATES = 500
#: Tables the search index owns (outside SQLModel's metadata: dialect-specific DDL).
SEARCH_TABLE_PREFIXES = ("search_fts", "search_doc")

FTS = table("search_fts", column("rowid"), column("title"), column("body"))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's compare/autogenerate: skip the search index's own tables (FTS5 and
    its shadow tables, ``search_doc``), which migration 0003 creates with raw DDL."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIXES):
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
    ) -> list[tuple[int, float]]:
        """(post id, score) of matching posts that satisfy ``where`` (conditions on
        ``Post``/``Thread``). ``sort="relevance"``: best first among the newest
        ``candidates`` matches, from ``offset``; ``sort="new"``: newest first, ids below
        ``before_id``."""

    @abstractmethod
    def raw(self, session: Session, text_query: TextQuery, limit: int) -> list[int]:
        """The bare index lookup (no joins, no ranking): for the benchmark's ratios."""


# ---------------------------------------------------------------------- SQLite


def fts_string(word: str) -> str:
    """One FTS5 string token: the word in double quotes, inner quotes doubled."""
    return '"' + word.replace('"', '""') + '"'


def fts_match(text_query: TextQuery) -> str:
    """The FTS5 MATCH expression for ``text_query``: only quoted strings and operators."""
    if text_query.any_words:
        inner = " OR ".join(fts_string(word) for word in text_query.words)
        expression = f"({inner})"
    else:
        terms = [fts_string(word) for word in text_query.words]
        terms += [fts_string(" ".join(phrase)) for phrase in text_query.phrases]
        expression = " AND ".join(terms)
        for phrase in text_query.excluded:
            expression += f" NOT {fts_string(' '.join(phrase))}"
    if text_query.title_only:
        expression = "{title} : (" + expression + ")"
    return expression


class SqliteIndex(SearchIndex):
    """FTS5 (see the module docstring)."""

    def index_post(self, session: Session, post_id: int) -> None:
        session.exec(text("DELETE FROM search_fts WHERE rowid = :id"), params={"id": post_id})
        session.exec(
            text(
                "INSERT INTO search_fts (rowid, title, body) "
                "SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body "
                "FROM post p JOIN thread t ON t.id = p.thread_id WHERE p.id = :id"
            ),
            params={"id": post_id},
        )

    def remove_post(self, session: Session, post_id: int) -> None:
        session.exec(text("DELETE FROM search_fts WHERE rowid = :id"), params={"id": post_id})

    def rebuild(self, session: Session) -> None:
        session.exec(text("DELETE FROM search_fts"))
        session.exec(
            text(
                "INSERT INTO search_fts (rowid, title, body) "
                "SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body "
                "FROM post p JOIN thread t ON t.id = p.thread_id ORDER BY p.id"
            )
        )
        session.exec(text("INSERT INTO search_fts (search_fts) VALUES ('optimize')"))

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
    ) -> list[tuple[int, float]]:
        rowid = literal_column("search_fts.rowid")
        match = literal_column("search_fts").op("MATCH")(bindparam("match", fts_match(text_query)))
        if sort == "new":
            conditions = [match, *where]
            if before_id is not None:
                conditions.append(rowid < before_id)
            statement = (
                select(rowid.label("id"), literal_column("0.0").label("score"))
                .select_from(FTS)
                .join(Post, Post.id == rowid)
                .join(Thread, Thread.id == Post.thread_id)
                .where(*conditions)
                .order_by(rowid.desc())
                .limit(limit)
            )
            return [(row[0], float(row[1])) for row in session.exec(statement).all()]
        weights = (10.0, 1.0)
        score = func.bm25(literal_column("search_fts"), *weights)
        inner = (
            select(rowid.label("id"), score.label("score"))
            .select_from(FTS)
            .join(Post, Post.id == rowid)
            .join(Thread, Thread.id == Post.thread_id)
            .where(match, *where)
            .order_by(rowid.desc())
            .limit(candidates)
            .subquery()
        )
        statement = (
            select(inner.c.id, inner.c.score)
            .order_by(inner.c.score, inner.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        # bm25: lower is better; report higher-is-better.
        return [(row[0], -float(row[1])) for row in session.exec(statement).all()]

    def raw(self, session: Session, text_query: TextQuery, limit: int) -> list[int]:
        statement = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m LIMIT :n")
        rows = session.exec(statement, params={"m": fts_match(text_query), "n": limit})
        return [row[0] for row in rows.all()]


# ---------------------------------------------------------------------- PostgreSQL

DOC = table("search_doc", column("post_id"), column("tsv"), column("title_tsv"))

_PG_DOC_SELECT = (
    "SELECT p.id, "
    "setweight(to_tsvector('english', CASE WHEN p.position = 1 THEN t.title ELSE '' END), 'A')"
    " || setweight(to_tsvector('english', p.body), 'B'), "
    "CASE WHEN p.position = 1 THEN to_tsvector('english', t.title) END "
    "FROM post p JOIN thread t ON t.id = p.thread_id"
)


def _ts_query(text_query: TextQuery):
    """The tsquery as an SQL expression of bound pieces (never a parsed string)."""
    counter = iter(range(10_000))

    def piece(function: str, value: str):
        return getattr(func, function)(
            literal_column("'english'::regconfig"), bindparam(f"tq_{next(counter)}", value)
        )

    if text_query.any_words:
        pieces = [piece("plainto_tsquery", word) for word in text_query.words]
        query = pieces[0]
        for other in pieces[1:]:
            query = query.op("||")(other)
        return query
    pieces = [piece("plainto_tsquery", word) for word in text_query.words]
    pieces += [piece("phraseto_tsquery", " ".join(phrase)) for phrase in text_query.phrases]
    query = pieces[0]
    for other in pieces[1:]:
        query = query.op("&&")(other)
    for phrase in text_query.excluded:
        query = query.op("&&")(func.tsquery_not(piece("phraseto_tsquery", " ".join(phrase))))
    return query


class PostgresIndex(SearchIndex):
    """``tsvector`` + GIN (see the module docstring)."""

    def index_post(self, session: Session, post_id: int) -> None:
        session.exec(
            text(
                f"INSERT INTO search_doc (post_id, tsv, title_tsv) {_PG_DOC_SELECT} "
                "WHERE p.id = :id ON CONFLICT (post_id) DO UPDATE "
                "SET tsv = excluded.tsv, title_tsv = excluded.title_tsv"
            ),
            params={"id": post_id},
        )

    def remove_post(self, session: Session, post_id: int) -> None:
        session.exec(text("DELETE FROM search_doc WHERE post_id = :id"), params={"id": post_id})

    def rebuild(self, session: Session) -> None:
        session.exec(text("TRUNCATE search_doc"))
        session.exec(text(f"INSERT INTO search_doc (post_id, tsv, title_tsv) {_PG_DOC_SELECT}"))
        session.exec(text("ANALYZE search_doc"))

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
    ) -> list[tuple[int, float]]:
        ts_query = _ts_query(text_query)
        vector = DOC.c.title_tsv if text_query.title_only else DOC.c.tsv
        match = vector.op("@@")(ts_query)
        doc_id = DOC.c.post_id
        if sort == "new":
            conditions = [match, *where]
            if before_id is not None:
                conditions.append(doc_id < before_id)
            statement = (
                select(doc_id.label("id"), literal_column("0.0").label("score"))
                .select_from(DOC)
                .join(Post, Post.id == doc_id)
                .join(Thread, Thread.id == Post.thread_id)
                .where(*conditions)
                .order_by(doc_id.desc())
                .limit(limit)
            )
            return [(row[0], float(row[1])) for row in session.exec(statement).all()]
        score = func.ts_rank(vector, ts_query)
        inner = (
            select(doc_id.label("id"), score.label("score"))
            .select_from(DOC)
            .join(Post, Post.id == doc_id)
            .join(Thread, Thread.id == Post.thread_id)
            .where(and_(match, *where))
            .order_by(doc_id.desc())
            .limit(candidates)
            .subquery()
        )
        statement = (
            select(inner.c.id, inner.c.score)
            .order_by(inner.c.score.desc(), inner.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [(row[0], float(row[1])) for row in session.exec(statement).all()]

    def raw(self, session: Session, text_query: TextQuery, limit: int) -> list[int]:
        vector = DOC.c.title_tsv if text_query.title_only else DOC.c.tsv
        statement = select(DOC.c.post_id).where(vector.op("@@")(_ts_query(text_query))).limit(limit)
        return [row[0] for row in session.exec(statement).all()]


_SQLITE = SqliteIndex()
_POSTGRES = PostgresIndex()


def index_for(session: Session) -> SearchIndex:
    """The search backend for the session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return _SQLITE
    if dialect == "postgresql":
        return _POSTGRES
    raise NotImplementedError(f"Search needs SQLite or PostgreSQL, not {dialect}.")
