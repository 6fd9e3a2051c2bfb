"""Titles like one being typed: the index lookup behind ``similar_threads`` and
``similar_ideas`` (``store/searching.py``), on SQLite (FTS5) and PostgreSQL.

A title being typed ends in a word not finished yet: "playlist fol" should already find
"Playlist folders". So the last word is matched as a *prefix* (FTS5 ``"fol"*``,
PostgreSQL ``'fol':*``), the others as whole words, any of them (``OR``), thread titles
only, ranked by relevance (FTS5's bm25(), PostgreSQL's ``ts_rank``: titles matching more
of the words, and rarer ones, first) among the newest ``CANDIDATES`` matches. Both
engines stem the prefix as they stem words ("sleeping" finds "sleep"), so a finished
word finds what it found as a whole word, and more.

A prefix is matched only from three letters on and never when it is a stopword as typed
("the" would match most titles): a prefix of one or two letters matches so many words
that the lookup slows down tenfold at a million posts, for no useful suggestion. Until
then the earlier words alone decide (``typed_words``).

It uses the index's own pieces (``search_sqlite``: the FTS5 table and strings;
``search_postgres``: the tsvector table; ``search_scoring``: title weights); the SQL is
the index's bm25 and ts_rank lookup, with the prefix term added. User input never reaches the MATCH
or tsquery syntax unescaped: FTS5 strings are quoted (``fts_string``); a PostgreSQL
prefix is letters and digits only, bound as a parameter.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, literal_column, select, text
from sqlmodel import Session

from forum_tui.rules import search_query as sq
from forum_tui.store.models import Post, Thread
from forum_tui.store.search_postgres import DOC
from forum_tui.store.search_scoring import WEIGHTS
from forum_tui.store.search_sqlite import FTS, fts_string

#: Relevance ranks at most this many of the newest title matches.
CANDIDATES = 500
#: A last word shorter than this is not matched as a prefix (see the module docstring).
PREFIX_LETTERS = 3


def typed_words(title: str) -> tuple[tuple[str, ...], str | None]:
    """(the finished words worth matching, the last word as a prefix or None)."""
    words = sq.words_of(title)
    if not words:
        return (), None
    *finished, last = words
    prefix = last if _good_prefix(last) else None
    kept = tuple(word for word in sq.significant_words(" ".join(finished)) if word != prefix)
    return kept, prefix


def _good_prefix(word: str) -> bool:
    return len(word) >= PREFIX_LETTERS and word.isalnum() and word not in sq.STOPWORDS


def similar_titles(
    session: Session, words: tuple[str, ...], prefix: str | None, where: list, limit: int
) -> list[tuple[int, float]]:
    """(opening post id, score: higher is better) of the best ``limit`` titles among rows
    passing ``where`` (conditions on ``post``/``thread``): first those with every word
    and a word starting with ``prefix``, then, when they are fewer than ``limit``, those
    with any of them."""
    terms = len(words) + bool(prefix)
    if not terms:
        return []
    found = _ranked(session, words, prefix, where, limit, every=True)
    if terms > 1 and len(found) < limit:
        seen = {post_id for post_id, _score in found}
        more = _ranked(session, words, prefix, where, limit + len(found), every=False)
        found += [row for row in more if row[0] not in seen][: limit - len(found)]
    return found


def _ranked(session, words, prefix, where, limit, *, every: bool) -> list[tuple[int, float]]:
    if session.get_bind().dialect.name == "postgresql":
        matched_id, match, score = _postgres_match(words, prefix, every)
        source = DOC
    else:
        matched_id = literal_column("search_fts.rowid")
        fts = literal_column("search_fts")
        match = fts.op("MATCH")(bindparam("match", fts_title_match(words, prefix, every)))
        score = -func.bm25(fts, *WEIGHTS)  # bm25: lower is better
        source = FTS
    inner = (
        select(matched_id.label("id"), score.label("score"))
        .select_from(source)
        .join(Post, Post.id == matched_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(match, *where)
        .order_by(matched_id.desc())
        .limit(CANDIDATES)
        .subquery()
    )
    statement = (
        select(inner.c.id, inner.c.score)
        .order_by(inner.c.score.desc(), inner.c.id.desc())
        .limit(limit)
    )
    return [(row[0], float(row[1])) for row in session.exec(statement).all()]


def similar_titles_raw(
    session: Session, words: tuple[str, ...], prefix: str | None, limit: int
) -> list[int]:
    """The bare index lookup of the same match (no joins, no ranking): the benchmark's
    baseline."""
    if session.get_bind().dialect.name == "postgresql":
        matched_id, match, _score = _postgres_match(words, prefix, every=False)
        statement = select(matched_id).where(match).limit(limit)
        return [row[0] for row in session.exec(statement).all()]
    statement = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m LIMIT :n")
    match = fts_title_match(words, prefix, every=False)
    rows = session.exec(statement, params={"m": match, "n": limit})
    return [row[0] for row in rows.all()]


def prefix_forms(prefix: str) -> tuple[str, ...]:
    """The prefix, and without its last letter when that is a "y": the porter stemmer
    turns a final "y" into "i" in the prefix too ("play"* looks for "plai"*, which
    "playlist" does not start with). The shorter form finds a little more ("plan" for
    "play") until the next letter."""
    if prefix.endswith("y") and len(prefix) > PREFIX_LETTERS:
        return prefix, prefix[:-1]
    return (prefix,)


def fts_title_match(words: tuple[str, ...], prefix: str | None, every: bool) -> str:
    """The FTS5 MATCH expression: titles with every (else any) of the words and the
    prefix."""
    terms = [fts_string(word) for word in words]
    if prefix:
        forms = " OR ".join(fts_string(form) + "*" for form in prefix_forms(prefix))
        terms.append(f"({forms})")
    return "{title} : (" + (" AND " if every else " OR ").join(terms) + ")"


def _postgres_match(words: tuple[str, ...], prefix: str | None, every: bool):
    """(post id column, match condition, ts_rank score) on ``search_doc.title_tsv``."""
    english = literal_column("'english'::regconfig")
    pieces = [
        func.plainto_tsquery(english, bindparam(f"word_{n}", word)) for n, word in enumerate(words)
    ]
    if prefix:
        forms = " | ".join(f"{form}:*" for form in prefix_forms(prefix))
        pieces.append(func.to_tsquery(english, bindparam("prefix", f"({forms})")))
    query = pieces[0]
    for other in pieces[1:]:
        query = query.op("&&" if every else "||")(other)
    vector = DOC.c.title_tsv
    return DOC.c.post_id, vector.op("@@")(query), func.ts_rank(vector, query)
