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
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, column, func, literal_column, select, table, text
from sqlmodel import Session

from forum_tui.rules.search_query import fold
from forum_tui.store.models import Post, Thread

#: Relevance ranks at most this many of the newest matches (see the module docstring).
CANDIDATES = 500
#: Document frequencies are estimated from at most this many of a term's newest matches.
DF_PROBE = 1000
#: FTS5's bm25() is used when its idf walk covers at most this many word matches (a
#: phrase match counts 16): about 2 ms; above, relevance is scored from highlight().
BM25_WALK = 80_000
#: BM25 constants (FTS5's own) and column weights (title, body).
BM25_K1, BM25_B = 1.2, 0.75
WEIGHTS = (10.0, 1.0)
#: Tables the search index owns (outside SQLModel's metadata: dialect-specific DDL).
SEARCH_TABLE_PREFIXES = ("search_fts", "search_doc")

FTS = table("search_fts", column("rowid"), column("title"), column("body"))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's compare/autogenerate: skip the search index's own tables (FTS5 and
    its shadow tables, ``search_doc``), which migration 0003 creates with raw DDL, and
    its own indexes on other tables (``search_post_created``, migration 0004)."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIXES):
        return False
    if type_ == "index" and name and name.startswith("search_"):
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
        conditions = [match, *_narrow(rowid, narrowing), *where]
        if sort == "new":
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
        phrases = _scored_phrases(text_query)
        fts = literal_column("search_fts")
        total, frequencies = 0, []
        if not text_query.any_words:
            total, frequencies = _document_frequencies(session, text_query, phrases)
        if text_query.any_words or _bm25_is_cheap(phrases, frequencies):
            # Few matches in all: FTS5's own bm25() (its idf walk is short). Similar
            # titles (any word, titles only) always: their idf walks cover titles.
            score = func.bm25(fts, *WEIGHTS)
            inner = (
                select(rowid.label("id"), score.label("score"))
                .select_from(FTS)
                .join(Post, Post.id == rowid)
                .join(Thread, Thread.id == Post.thread_id)
                .where(*conditions)
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
        # A common term: the newest candidates, each with its matches marked (\x01 ...
        # \x02) by FTS5's highlight(), scored here with the estimated idf.
        marks = (bindparam("open_mark", "\x01"), bindparam("close_mark", "\x02"))
        statement = (
            select(
                rowid.label("id"),
                func.highlight(fts, 0, *marks).label("title"),
                func.highlight(fts, 1, *marks).label("body"),
            )
            .select_from(FTS)
            .join(Post, Post.id == rowid)
            .join(Thread, Thread.id == Post.thread_id)
            .where(*conditions)
            .order_by(rowid.desc())
            .limit(candidates)
        )
        rows = session.exec(statement).all()
        idf = [_idf(total, count) for count in frequencies]
        scored = _bm25(rows, phrases, idf)
        scored.sort(key=lambda pair: (-pair[1], -pair[0]))
        return scored[offset : offset + limit]

    def raw(self, session: Session, text_query: TextQuery, limit: int) -> list[int]:
        statement = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m LIMIT :n")
        rows = session.exec(statement, params={"m": fts_match(text_query), "n": limit})
        return [row[0] for row in rows.all()]


def _narrow(id_column, narrowing: Narrowing | None, *, walk: bool = True) -> list:
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


_MARKED = re.compile("\x01([^\x02]*)\x02")


def _scored_phrases(text_query: TextQuery) -> list[tuple[str, ...]]:
    """What relevance scores: each word and each phrase, folded (exclusions don't)."""
    phrases = [(word,) for word in text_query.words] + list(text_query.phrases)
    return [tuple(fold(word) for word in phrase) for phrase in phrases]


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


def _bm25_is_cheap(phrases: list, frequencies: list[float]) -> bool:
    """Whether FTS5's bm25() may count every match of every phrase for its idf: a match
    of a word costs about 25 ns, of a phrase (positions compared) about 400 ns."""
    cost = sum(
        count * (1 if len(phrase) == 1 else 16)
        for phrase, count in zip(phrases, frequencies, strict=True)
    )
    return cost <= BM25_WALK


def _idf(total: int, count: float) -> float:
    """BM25's inverse document frequency, as FTS5 computes it (never below 1e-6)."""
    return max(math.log((total - count + 0.5) / (count + 0.5)), 1e-6)


def _which(span: str, phrases: list[tuple[str, ...]], cache: dict) -> int:
    """The index of the phrase a highlighted span matched: the one whose words share the
    longest prefixes with the span's (FTS5 matched it by stem, which we don't have)."""
    found = cache.get(span)
    if found is None:
        words = fold(span).split()
        best, found = -1, 0
        for index, phrase in enumerate(phrases):
            shared = sum(
                len(_common_prefix(word, term)) for word, term in zip(words, phrase, strict=False)
            ) - abs(len(words) - len(phrase))
            if shared > best:
                best, found = shared, index
        cache[span] = found
    return found


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def _bm25(rows, phrases: list[tuple[str, ...]], idf: list[float]) -> list[tuple[int, float]]:
    """Okapi BM25 as FTS5's bm25() (k1 1.2, b 0.75, column weights 10 and 1; higher is
    better), from the marked title and body of each candidate. Document lengths are in
    words; the average is the candidates' own."""
    cache: dict = {}
    parsed = []
    single = len(phrases) == 1
    for post_id, title, body in rows:
        freq = [0.0] * len(phrases)
        length = 0
        for weight, marked in zip(WEIGHTS, (title or "", body or ""), strict=True):
            length += marked.count(" ") + marked.count("\n") + bool(marked)
            if single:
                freq[0] += weight * marked.count("\x01")
            elif phrases:
                for span in _MARKED.findall(marked):
                    freq[_which(span, phrases, cache)] += weight
        parsed.append((post_id, freq, max(1, length)))
    average = sum(length for _id, _freq, length in parsed) / len(parsed)
    scored = []
    for post_id, freq, length in parsed:
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        score = sum(
            phrase_idf * f * (BM25_K1 + 1) / (f + norm)
            for phrase_idf, f in zip(idf, freq, strict=True)
            if f
        )
        scored.append((post_id, score))
    return scored


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
        narrow = _narrow(doc_id, narrowing, walk=False)
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
