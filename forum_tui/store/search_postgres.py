"""The PostgreSQL search backend: ``search_doc`` (``tsvector`` + GIN), see
``store/search.py``."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, column, func, literal_column, select, table, text
from sqlmodel import Session

from forum_tui.store.models import Post, Thread
from forum_tui.store.search import (
    CANDIDATES,
    Narrowing,
    SearchIndex,
    TextQuery,
    narrowing_conditions,
)

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


_DOC_UPSERT = text(
    f"INSERT INTO search_doc (post_id, tsv, title_tsv) {_PG_DOC_SELECT} "
    "WHERE p.id = :id ON CONFLICT (post_id) DO UPDATE "
    "SET tsv = excluded.tsv, title_tsv = excluded.title_tsv"
)


class PostgresIndex(SearchIndex):
    """``tsvector`` + GIN (see the module docstring)."""

    def index_post(self, session: Session, post_id: int) -> None:
        session.connection().execute(_DOC_UPSERT, {"id": post_id})

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
        narrowing: Narrowing | None = None,
    ) -> list[tuple[int, float]]:
        ts_query = _ts_query(text_query)
        vector = DOC.c.title_tsv if text_query.title_only else DOC.c.tsv
        match = vector.op("@@")(ts_query)
        doc_id = DOC.c.post_id
        narrow = narrowing_conditions(doc_id, narrowing, walk=False)
        if sort == "new":
            conditions = [match, *narrow, *where]
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
            .where(and_(match, *narrow, *where))
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


POSTGRES_INDEX = PostgresIndex()
