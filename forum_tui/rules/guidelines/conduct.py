"""Conduct and link checks: guidelines 8, 11 and 15, Chat rule 5 and Discovery & Promo.

Each check is a small function of the text (and the community's word lists,
``rules.community.ContentChecks``) returning findings:

- :func:`respect_findings` (guideline 8): offensive words, and insults aimed at someone
  ("you idiot", "you're so stupid"; "this update is stupid" is left alone). A warning
  before posting, and an automatic report if posted anyway.
- :func:`download_findings` (guidelines 11 and 15): links to hosts that hand out modified
  or old versions of the app, links straight to program or package files (unless from an
  official host), and talk of cracked or modded versions alongside a link or an offer to
  download. Refused.
- :func:`other_platform_findings` (Chat rule 5): a link to another music service is fine
  only when the music is not here, so the member is asked to confirm that before posting.
- :func:`link_only_findings` (Discovery & Promo): a post that is only a link (fewer than
  five words besides it) is refused with the board's advice.

Matching is on whole words of a lower-cased copy with leet spellings folded (``sh1t``,
``@ss``) and stretched letters allowed (``stuuupid``): set look-ups and substring tests
(``_Words``), so the checks cost little more than splitting the post. Word sets are
built once per list (``functools.cache``: the lists are frozen tuples).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from forum_tui.rules.community import ContentChecks
from forum_tui.rules.guidelines.findings import Finding, Severity

__all__ = [
    "download_findings",
    "link_only_findings",
    "other_platform_findings",
    "respect_findings",
    "web_links",
]

_SPACES = re.compile(r"\s+")
# A link with or without its scheme: host (at least one dot, a letter TLD) and path.
_WEB_LINK = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?::\d{1,5})?(/[^\s<>\"'`]*)?",
)
_DOTTED = re.compile(r"[a-z0-9]\.[a-z]{2}")
_WORD = re.compile(r"[^\W\d_]{2,}")
# "you" and the words that may stand between it and an insult ("you're such a total ...").
_YOU = frozenset({"you", "you're", "youre", "ur", "u", "ya", "yu"})
_FILLER = frozenset(
    {"are", "is", "r", "re", "a", "an", "such", "so", "total", "complete", "absolute"}
    | {"real", "really", "just", "the", "biggest", "bloody", "fucking", "all"}
)
_FILLER_MAX = 3
_LINK_ONLY_WORDS = 5
# Offers to download, which make talk of a modded app an offer of one.
_OFFERS = (
    "download here",
    "download link",
    "download from",
    "download now",
    "download free",
    "download it here",
    "dm me for",
    "link in bio",
    "link in my bio",
)
# Leet spellings folded, "’" read as "'", and punctuation made a space: a word keeps
# letters, digits, ' * and + ("f*ck", "spotify++"). One str.translate: C speed.
_FOLD = str.maketrans(
    {
        **{char: " " for char in '!"#$%&(),-./:;<=>?[\\]^_`{|}~\u2018\u201c\u201d\u2026'},
        "’": "'",
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
    }
)
_REPEATS = re.compile(r"(.)\1{2,}")
_BARE_TLDS = frozenset(
    "com net org io co be me fm ly ru de uk nl fr es it info app link page to tv cc xyz".split()  # noqa: SIM905
)
_SPOTIFY_URI = re.compile(r"spotify:[a-z]+:[a-z0-9]+")


@dataclass(frozen=True)
class _Words:
    """A post as words: lower-cased, leet folded (``sh1t``, ``@ss``), split at anything
    but letters, digits, ``'``, ``*`` and ``+``; ``line`` is them joined by single spaces
    (with one at each end) for phrase look-ups; ``distinct`` the set of them, and
    ``stretched`` each word with a letter three times or more, with its runs cut to one
    and to two ("stuuupid" -> stupid, "asssshole" -> asshole)."""

    words: tuple[str, ...]
    line: str
    distinct: frozenset[str]
    stretched: dict[str, frozenset[str]]

    def has(self, word: str, wanted: frozenset[str]) -> bool:
        return word in wanted or not wanted.isdisjoint(self.stretched.get(word, ()))

    def first_of(self, wanted: frozenset[str]) -> str | None:
        """The first word (in the post's order) that is one of ``wanted``, in any form;
        only set operations unless one matches."""
        matched = wanted & self.distinct
        matched |= {word for word, forms in self.stretched.items() if not wanted.isdisjoint(forms)}
        return next((word for word in self.words if word in matched), None) if matched else None


@lru_cache(maxsize=4)  # the same post is read by several checks
def _words(text: str) -> _Words:
    words = tuple(text.lower().translate(_FOLD).split())
    distinct = frozenset(words)
    stretched = {
        word: frozenset({_REPEATS.sub(r"\1", word), _REPEATS.sub(r"\1\1", word)})
        for word in distinct
        if _REPEATS.search(word)
    }
    return _Words(words, " " + " ".join(words) + " ", distinct, stretched)


@cache
def _word_sets(entries: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(single words, multi-word phrases padded with spaces) of a word list."""
    single = frozenset(entry for entry in entries if " " not in entry)
    phrases = tuple(f" {entry} " for entry in entries if " " in entry)
    return single, phrases


def _first_entry(words: _Words, entries: tuple[str, ...]) -> str | None:
    """The first listed word (any stretched form) or phrase found, or None."""
    single, phrases = _word_sets(entries)
    if single and (word := words.first_of(single)) is not None:
        return word
    return next((phrase.strip() for phrase in phrases if phrase in words.line), None)


def _insult(words: _Words, insults: tuple[str, ...]) -> str | None:
    """An insult aimed at someone: "you", up to three filler words, the insult."""
    wanted, _ = _word_sets(insults)
    if _YOU.isdisjoint(words.distinct):
        return None
    sequence = words.words
    for index, word in enumerate(sequence):
        if word not in _YOU:
            continue
        for follower in sequence[index + 1 : index + 2 + _FILLER_MAX]:
            if words.has(follower, wanted):
                return follower
            if follower not in _FILLER:
                break
    return None


@lru_cache(maxsize=4)  # the same post is scanned for several checks
def web_links(text: str) -> tuple[tuple[str, str], ...]:
    """``(host, path)`` of every link in ``text``, with or without ``https://``; the host
    lower-cased without ``www.``. Email addresses and file names with no path are not
    links, but ``example.com`` alone is."""
    low = text.lower()
    if _DOTTED.search(low) is None:  # no "x.yz" anywhere: no link (most sentences)
        return ()
    found = []
    for match in _WEB_LINK.finditer(low):
        host, path = match.group(1), match.group(2) or ""
        bare = not path and not match.group().startswith(("http", "www."))
        # "notes.txt" or "version 8.9" is not a link: a bare host needs a known-looking TLD.
        if bare and host.rsplit(".", 1)[1] not in _BARE_TLDS:
            continue
        found.append((host, path))
    return tuple(found)


def _on_host(host: str, path: str, listed: tuple[str, ...]) -> str | None:
    """The listed entry ``host``/``path`` falls under (``a.b`` covers ``x.a.b``; an entry
    with a path covers that path), or None. A few set look-ups: one per dot in the host."""
    by_host = _host_index(listed)
    labels = host.split(".")
    for start in range(len(labels) - 1):
        for prefix, entry in by_host.get(".".join(labels[start:]), ()):
            if path.lstrip("/").startswith(prefix):
                return entry
    return None


@cache
def _host_index(listed: tuple[str, ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """host -> ((path prefix, entry), ...) for a host list (entries may carry a path)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for entry in listed:
        name, _, prefix = entry.partition("/")
        index.setdefault(name, []).append((prefix, entry))
    return {name: tuple(entries) for name, entries in index.items()}


def _file_type(path: str, types: tuple[str, ...]) -> str | None:
    """The listed file type (".exe") the link's path ends with, or None."""
    name = path.rsplit("/", 1)[-1].split("?", 1)[0]
    if "." not in name:
        return None
    kind = "." + name.rsplit(".", 1)[1]
    return kind if kind in _as_set(types) else None


@cache
def _as_set(items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(items)


def _masked(word: str) -> str:
    word = _SPACES.sub(" ", word.strip())
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) <= 2:
        return word
    keep = {letters[0], letters[-1]}
    return "".join(c if (i in keep or not c.isalpha()) else "•" for i, c in enumerate(word))


def respect_findings(text: str, checks: ContentChecks) -> list[Finding]:
    """Guideline 8: offensive language, warned before posting and reported if posted."""
    words = _words(text)
    found = _first_entry(words, checks.offensive_words) or _insult(words, checks.insults)
    if found is None:
        return []
    shown = _masked(found)
    return [
        Finding(
            "respect",
            Severity.WARN,
            f'This may read as offensive ("{shown}"). Use appropriate and respectful '
            "language (guideline 8): say what you disagree with, not what you think of "
            "the person.",
            guideline=8,
            detail=shown,
            report_if_posted=True,
        )
    ]


def download_findings(text: str, checks: ContentChecks) -> list[Finding]:
    """Guidelines 11 and 15: links to malicious files or to modified or old versions of
    the app, refused."""
    links = web_links(text)
    for host, path in links:
        entry = _on_host(host, path, checks.unofficial_app_hosts)
        if entry is not None:
            return [_unofficial(f"a link to {host}", host)]
    for host, path in links:
        kind = _file_type(path, checks.risky_file_types)
        if kind and _on_host(host, path, checks.official_hosts) is None:
            if kind in (".apk", ".xapk", ".apks", ".ipa"):
                return [_unofficial(f"an app package from {host}", host)]
            return [
                Finding(
                    "malware",
                    Severity.REFUSE,
                    f"Links straight to {kind} files from {host} can't be posted: they may "
                    "carry malware (guideline 11). Describe the fix in words, or link to the "
                    "official site.",
                    guideline=11,
                    detail=f"{kind} from {host}",
                )
            ]
    words = _words(text)
    phrase = _first_entry(words, checks.unofficial_app_phrases)
    if phrase is None:
        return []
    offer = "download" in phrase or any(f" {o} " in words.line for o in _OFFERS)
    if links or offer:
        return [_unofficial(f'"{phrase}"', phrase)]
    return []


def _unofficial(what: str, detail: str) -> Finding:
    return Finding(
        "unofficial_app",
        Severity.REFUSE,
        f"This post offers a modified, cracked or old version of the app ({what}). "
        "Only download the app from the official website or your device's app store "
        "(guideline 15); links like this can't be posted.",
        guideline=15,
        detail=detail,
    )


def other_platform_findings(text: str, checks: ContentChecks) -> list[Finding]:
    """Chat rule 5: a link to another music service, allowed only when the music is not
    here; the member confirms that by posting anyway."""
    for host, path in web_links(text):
        entry = _on_host(host, path, checks.other_music_platforms)
        if entry is not None:
            return [
                Finding(
                    "other_platform",
                    Severity.WARN,
                    f"This links to {host}. In Chat, link to music or podcasts on other "
                    "services only when they are not available here (Chat rule 5). Post "
                    "anyway if that is the case.",
                    detail=host,
                )
            ]
    return []


def link_only_findings(body: str, board_slug: str, checks: ContentChecks) -> list[Finding]:
    """Discovery & Promo: a post that is only a link (fewer than five words besides the
    links) is refused with the board's advice."""
    if board_slug not in checks.link_only_boards:
        return []
    low = body.lower()
    links = list(_SPOTIFY_URI.finditer(low))
    if _DOTTED.search(low):
        links += _WEB_LINK.finditer(low)
    if not links:
        return []
    rest = low
    for match in links:
        rest = rest.replace(match.group(), " ")
    if len(_WORD.findall(rest)) >= _LINK_ONLY_WORDS:
        return []
    advice = checks.link_only_advice or "Say a few words about what you are sharing."
    return [
        Finding(
            "link_only",
            Severity.REFUSE,
            f"A post here can't be only a link. {advice}",
            detail=board_slug,
        )
    ]
