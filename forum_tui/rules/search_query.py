"""The search box's query language, parsed (pure: no I/O, no database).

``parse(text)`` turns what a member typed into a :class:`SearchQuery`, or raises
:class:`QueryError` with a message fit to show them. Nothing here ever builds SQL or an
FTS ``MATCH`` string: the store quotes every term itself.

Syntax:

- free words (all must match: ``playlist shuffle``), ``"quoted phrases"``, ``-word`` and
  ``-"a phrase"`` to leave results out;
- ``board:<slug or name>`` (``board:"Premium Accounts"``), ``area:<slug>``,
  ``author:<username>``, ``label:<idea label>``, ``status:<idea or issue status key or
  name>``, ``is:solved``, ``is:unsolved``, ``in:ideas`` / ``in:faqs`` / ``in:blog`` /
  ``in:help`` / ``in:chat`` / ``in:issues``, ``before:YYYY-MM-DD`` (earlier than that day),
  ``after:YYYY-MM-DD`` (that day or later), ``sort:new`` / ``sort:relevance``.

A query of operators only (``author:oskar is:solved``) is a filter, sorted newest first.
Words are split the way the index splits them (letters and digits), so ``don't`` is
``don`` and ``t``.

Also here: :func:`significant_words` (similar threads: a title's words without the
stopwords) and :func:`make_snippet` (a plain-text excerpt with match ranges).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

#: Longest query accepted, and most terms (words + phrases + exclusions).
MAX_QUERY_LENGTH = 500
MAX_TERMS = 24

OPERATORS = ("board", "area", "author", "label", "status", "is", "in", "before", "after", "sort")
#: ``in:`` values -> board kinds.
IN_KINDS: dict[str, tuple[str, ...]] = {
    "ideas": ("ideas", "closed_ideas"),
    "idea": ("ideas", "closed_ideas"),
    "faqs": ("faq",),
    "faq": ("faq",),
    "blog": ("blog",),
    "help": ("help",),
    "chat": ("chat",),
    "issues": ("ongoing_issues",),
}
SORTS = {"new": "new", "newest": "new", "relevance": "relevance", "best": "relevance"}

_WORD = re.compile(r"\w+")
_OPERATOR = re.compile(r"([A-Za-z]+):(.*)\Z", re.DOTALL)

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "get",
        "got",
        "im",
        "ive",
        "dont",
        "cant",
        "doesnt",
        "isnt",
        "help",
        "please",
        "anyone",
        "hi",
        "hello",
        "thanks",
    ]
)


class QueryError(ValueError):
    """A query that cannot be understood; the message says what is wrong, in plain words."""


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query. Words are casefolded; phrases are tuples of words."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()
    boards: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    solved: bool | None = None
    before: date | None = None
    after: date | None = None
    sort: str | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def effective_sort(self) -> str:
        """``relevance`` when there are words to rank by (unless ``sort:new``), else ``new``."""
        if self.sort is not None:
            return self.sort if self.has_text else "new"
        return "relevance" if self.has_text else "new"

    def highlight_terms(self) -> tuple[str, ...]:
        """The words a snippet highlights (free words and phrase words)."""
        terms = list(self.words)
        for phrase in self.phrases:
            terms.extend(phrase)
        return tuple(dict.fromkeys(terms))


def words_of(text: str) -> tuple[str, ...]:
    """``text`` split into casefolded words, the way the index splits it."""
    return tuple(match.group().casefold() for match in _WORD.finditer(text))


def parse(text: str) -> SearchQuery:
    """Parse a search box's text (see the module docstring); QueryError when malformed."""
    if not isinstance(text, str):
        raise QueryError("Type something to search for.")
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text).strip()
    if not text:
        raise QueryError("Type something to search for, or an operator like author:name.")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"That search is too long: keep it under {MAX_QUERY_LENGTH} characters.")
    parts: dict[str, list] = {name: [] for name in ("words", "phrases", "excluded", *OPERATORS)}
    for negated, quoted, token in _tokens(text):
        if quoted:
            words = words_of(token)
            if not words:
                continue
            target = parts["excluded"] if negated else parts["phrases"]
            target.append(words)
            continue
        operator = _OPERATOR.match(token)
        if operator and not operator.group(2).startswith("//"):
            if negated:
                raise QueryError(
                    f"'-{operator.group(1)}:' cannot be negated; leave out words with -word."
                )
            name = operator.group(1).lower()
            if name not in OPERATORS:
                raise QueryError(
                    f"Unknown operator '{operator.group(1)}:'. Try board:, author:, label:, "
                    "status:, is:, in:, before:, after:."
                )
            value = operator.group(2).strip()
            if not value:
                raise QueryError(f"'{name}:' needs a value, like {_EXAMPLES[name]}.")
            parts[name].append(value)
            continue
        words = words_of(token)
        if negated:
            parts["excluded"].extend((word,) for word in words)
        else:
            parts["words"].extend(words)
    return _build(parts)


_EXAMPLES = {
    "board": "board:premium",
    "area": "area:help",
    "author": "author:oskar",
    "label": "label:Playlists",
    "status": "status:implemented",
    "is": "is:solved",
    "in": "in:ideas",
    "before": "before:2026-05-01",
    "after": "after:2026-05-01",
    "sort": "sort:new",
}


def _tokens(text: str):
    """Yield (negated, quoted, text) for each term; operator values may be quoted."""
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace():
            index += 1
            continue
        negated = False
        if text[index] == "-" and index + 1 < length and not text[index + 1].isspace():
            negated = True
            index += 1
        if text[index] == '"':
            end = text.find('"', index + 1)
            if end < 0:
                raise QueryError('Unclosed quote: add the closing " to the phrase.')
            yield negated, True, text[index + 1 : end]
            index = end + 1
            continue
        start = index
        while index < length and not text[index].isspace() and text[index] != '"':
            index += 1
        token = text[start:index]
        if index < length and text[index] == '"' and token.endswith(":"):
            end = text.find('"', index + 1)
            if end < 0:
                raise QueryError('Unclosed quote: add the closing " to the value.')
            yield negated, False, token + text[index + 1 : end]
            index = end + 1
            continue
        yield negated, False, token


def _build(parts: dict[str, list]) -> SearchQuery:
    words = tuple(dict.fromkeys(parts["words"]))
    phrases = tuple(dict.fromkeys(tuple(p) for p in parts["phrases"]))
    excluded = tuple(dict.fromkeys(tuple(p) for p in parts["excluded"]))
    if len(words) + len(phrases) + len(excluded) > MAX_TERMS:
        raise QueryError(f"That search has too many words: use at most {MAX_TERMS}.")
    if excluded and not (words or phrases):
        raise QueryError(
            "Add a word to look for: -word only leaves results out of a search for other words."
        )
    solved = None
    for value in parts["is"]:
        key = value.lower()
        if key not in ("solved", "unsolved"):
            raise QueryError("'is:' takes solved or unsolved, like is:solved.")
        wanted = key == "solved"
        if solved is not None and solved != wanted:
            raise QueryError("A thread can't be both is:solved and is:unsolved.")
        solved = wanted
    kinds: list[str] = []
    for value in parts["in"]:
        found = IN_KINDS.get(value.lower())
        if found is None:
            raise QueryError(
                f"'in:{value}' is not a place to search: try in:ideas, in:faqs, in:blog, "
                "in:help, in:chat or in:issues."
            )
        kinds.extend(found)
    sort = None
    for value in parts["sort"]:
        sort = SORTS.get(value.lower())
        if sort is None:
            raise QueryError("'sort:' takes new or relevance, like sort:new.")
    before = _date("before", parts["before"])
    after = _date("after", parts["after"])
    if before is not None and after is not None and after >= before:
        raise QueryError("Nothing can be both after: and before: those dates; check them.")
    return SearchQuery(
        words=words,
        phrases=phrases,
        excluded=excluded,
        boards=tuple(dict.fromkeys(parts["board"])),
        areas=tuple(dict.fromkeys(parts["area"])),
        authors=tuple(dict.fromkeys(parts["author"])),
        labels=tuple(dict.fromkeys(parts["label"])),
        statuses=tuple(dict.fromkeys(parts["status"])),
        kinds=tuple(dict.fromkeys(kinds)),
        solved=solved,
        before=before,
        after=after,
        sort=sort,
    )


def _date(name: str, values: list[str]) -> date | None:
    if len(values) > 1:
        raise QueryError(f"Use '{name}:' once.")
    if not values:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values[0]):
            raise ValueError(values[0])
        return date.fromisoformat(values[0])
    except ValueError:
        raise QueryError(f"'{name}:' needs a date like 2026-05-01.") from None


# ---------------------------------------------------------------------- similar threads


def significant_words(title: str, *, limit: int = 8) -> tuple[str, ...]:
    """A title's words worth matching on: casefolded, stopwords and 1-2 letter words
    dropped, longest first (the likeliest to be specific), at most ``limit``."""
    words = [w for w in dict.fromkeys(words_of(title)) if len(w) > 2 and w not in STOPWORDS]
    words.sort(key=len, reverse=True)
    return tuple(words[:limit])


# ---------------------------------------------------------------------- snippets


def fold(text: str) -> str:
    """Casefold and strip diacritics, one character for one (offsets stay aligned)."""
    out = []
    for char in text:
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).casefold()
        out.append(base if len(base) == 1 else char.casefold()[:1] or char)
    return "".join(out)


def _matches(token: str, term: str) -> bool:
    if token == term or token.startswith(term):
        return True
    # Stemmed matches ("playing" for "played"): a shared stem of four letters or more.
    stem = term[: max(4, len(term) - 3)]
    return len(term) >= 5 and len(stem) >= 4 and token.startswith(stem)


def make_snippet(
    text: str, terms: tuple[str, ...], *, width: int = 160
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A plain-text excerpt of ``text`` around the first match of ``terms`` (casefolded
    words), at most about ``width`` characters, with the (start, end) offsets of every
    matched word inside the excerpt. Whitespace is collapsed; an ellipsis marks a cut."""
    flat = " ".join(text.split())
    folded_terms = tuple(fold(term) for term in terms if term)
    spans = []
    if folded_terms:
        for match in _WORD.finditer(flat):
            token = fold(match.group())
            if any(_matches(token, term) for term in folded_terms):
                spans.append(match.span())
    start = 0
    if spans and spans[0][0] > width // 3:
        start = spans[0][0] - width // 3
        space = flat.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        if space > start + width // 2:
            end = space
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    excerpt = prefix + flat[start:end] + suffix
    shift = len(prefix) - start
    ranges = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return excerpt, ranges
