"""Relevance for common terms, scored here from FTS5's ``highlight()`` marks.

FTS5's own bm25() counts every match of every phrase for its idf, whatever the LIMIT; for
a common word over a million posts that walk is the whole cost (see ``store/search.py``,
point 2). ``search_sqlite`` fetches the newest candidates with their matches marked
(``\x01 ... \x02``) and the estimated document frequencies, and this module scores them
with the same Okapi BM25 (k1 1.2, b 0.75, title weight 10, body 1). Pure: no I/O.
"""

from __future__ import annotations

import math
import re

from forum_tui.rules.search_query import fold
from forum_tui.store.search import TextQuery

#: FTS5's bm25() is used when its idf walk covers at most this many word matches (a
#: phrase match counts 16): about 2 ms; above, relevance is scored from highlight().
BM25_WALK = 80_000
#: BM25 constants (FTS5's own) and column weights (title, body).
BM25_K1, BM25_B = 1.2, 0.75
WEIGHTS = (10.0, 1.0)

_MARKED = re.compile("\x01([^\x02]*)\x02")


def scored_phrases(text_query: TextQuery) -> list[tuple[str, ...]]:
    """What relevance scores: each word and each phrase, folded (exclusions don't)."""
    phrases = [(word,) for word in text_query.words] + list(text_query.phrases)
    return [tuple(fold(word) for word in phrase) for phrase in phrases]


def bm25_is_cheap(phrases: list, frequencies: list[float]) -> bool:
    """Whether FTS5's bm25() may count every match of every phrase for its idf: a match
    of a word costs about 25 ns, of a phrase (positions compared) about 400 ns."""
    cost = sum(
        count * (1 if len(phrase) == 1 else 16)
        for phrase, count in zip(phrases, frequencies, strict=True)
    )
    return cost <= BM25_WALK


def inverse_document_frequency(total: int, count: float) -> float:
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


def bm25_scores(rows, phrases: list[tuple[str, ...]], idf: list[float]) -> list[tuple[int, float]]:
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
