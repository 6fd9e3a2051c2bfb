"""The SQLite search backend: FTS5 (``search_fts``), see ``store/search.py``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, column, func, literal_column, select, table, text
from sqlmodel import Session

from forum_tui.store.models import Post, Thread
from forum_tui.store.search import (
    CANDIDATES,
    Narrowing,
    SearchIndex,
    TextQuery,
    narrowing_conditions,
)
from forum_tui.store.search_scoring import (
    WEIGHTS,
    bm25_is_cheap,
    bm25_scores,
    inverse_document_frequency,
    scored_phrases,
)

#: Document frequencies are estimated from at most this many of a term's newest matches.
DF_PROBE = 1000

FTS = table("search_fts", column("rowid"), column("title"), column("body"))


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


_FTS_DELETE = text("DELETE FROM search_fts WHERE rowid = :id")
#: FTS5 honours OR REPLACE on its rowid: an edited post's old terms go with its old row.
_FTS_UPSERT = text(
    "INSERT OR REPLACE INTO search_fts (rowid, title, body) "
    "SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body "
    "FROM post p JOIN thread t ON t.id = p.thread_id WHERE p.id = :id"
)


class SqliteIndex(SearchIndex):
    """FTS5 (see the module docstring)."""

    def index_post(self, session: Session, post_id: int) -> None:
        # One statement on the connection: every post writes here, and the ORM's execute
        # path cost more than the SQL (the caller has flushed; ``Service._index_post``).
        session.connection().execute(_FTS_UPSERT, {"id": post_id})

    def remove_post(self, session: Session, post_id: int) -> None:
        session.exec(_FTS_DELETE, params={"id": post_id})

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
        narrowing: Narrowing | None = None,
    ) -> list[tuple[int, float]]:
        rowid = literal_column("search_fts.rowid")
        match = literal_column("search_fts").op("MATCH")(bindparam("match", fts_match(text_query)))
        conditions = [match, *narrowing_conditions(rowid, narrowing), *where]
        if sort == "new":
            if before_id is not None:
                conditions.append(rowid < before_id)
            statement = _newest_matches(
                conditions, limit, rowid.label("id"), literal_column("0.0").label("score")
            )
            return [(row[0], float(row[1])) for row in session.exec(statement).all()]
        phrases = scored_phrases(text_query)
        fts = literal_column("search_fts")
        total, frequencies = 0, []
        if not text_query.any_words:
            total, frequencies = _document_frequencies(session, text_query, phrases)
        if text_query.any_words or bm25_is_cheap(phrases, frequencies):
            # Few matches in all: FTS5's own bm25() (its idf walk is short). Similar
            # titles (any word, titles only) always: their idf walks cover titles.
            score = func.bm25(fts, *WEIGHTS)
            inner = _newest_matches(
                conditions, candidates, rowid.label("id"), score.label("score")
            ).subquery()
            statement = (
                select(inner.c.id, inner.c.score)
                .order_by(inner.c.score, inner.c.id.desc())
                .limit(limit)
                .offset(offset)
            )
            # bm25: lower is better; report higher-is-better.
            return [(row[0], -float(row[1])) for row in session.exec(statement).all()]
        # A common term: the newest candidates, each with its matches marked (\x01 ...
        # \x02) by FTS5's highlight(), scored here with the estimated idf.
        marks = (bindparam("open_mark", "\x01"), bindparam("close_mark", "\x02"))
        statement = _newest_matches(
            conditions,
            candidates,
            rowid.label("id"),
            func.highlight(fts, 0, *marks).label("title"),
            func.highlight(fts, 1, *marks).label("body"),
        )
        rows = session.exec(statement).all()
        idf = [inverse_document_frequency(total, count) for count in frequencies]
        scored = bm25_scores(rows, phrases, idf)
        scored.sort(key=lambda pair: (-pair[1], -pair[0]))
        return scored[offset : offset + limit]

    def raw(self, session: Session, text_query: TextQuery, limit: int) -> list[int]:
        statement = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m LIMIT :n")
        rows = session.exec(statement, params={"m": fts_match(text_query), "n": limit})
        return [row[0] for row in rows.all()]


def _newest_matches(conditions: list, limit: int, *columns: Any):
    """``columns`` of the newest ``limit`` posts matching ``conditions``, joined to their
    post and thread (the filters read both): the one walk every sort starts from."""
    rowid = literal_column("search_fts.rowid")
    return (
        select(*columns)
        .select_from(FTS)
        .join(Post, Post.id == rowid)
        .join(Thread, Thread.id == Post.thread_id)
        .where(*conditions)
        .order_by(rowid.desc())
        .limit(limit)
    )


def _document_frequencies(
    session: Session, text_query: TextQuery, phrases: list
) -> tuple[int, list[float]]:
    """(documents in the index, each phrase's document frequency): exact below
    ``DF_PROBE`` matches, else estimated from how densely the phrase's newest
    ``DF_PROBE`` matches lie among the newest posts; never a walk over every match."""
    total = session.exec(text("SELECT max(rowid) FROM search_fts")).one()[0] or 1
    probe = text(
        "SELECT count(*), min(rowid) FROM (SELECT rowid FROM search_fts "
        "WHERE search_fts MATCH :m ORDER BY rowid DESC LIMIT :n)"
    )
    frequencies = []
    for phrase in phrases:
        one = TextQuery(phrases=(phrase,), title_only=text_query.title_only)
        count, oldest = session.exec(probe, params={"m": fts_match(one), "n": DF_PROBE}).one()
        if count >= DF_PROBE and oldest:
            count = min(total, count * total / max(1, total - oldest + 1))
        frequencies.append(count)
    return total, frequencies


SQLITE_INDEX = SqliteIndex()
