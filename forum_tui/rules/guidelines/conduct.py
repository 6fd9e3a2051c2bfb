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

Matching runs on a lower-cased copy with leet spellings folded (``sh1t``, ``@ss``) and
long runs of one letter shortened (``stuuupid``), on whole words. The regular expressions
are built once per word list (``functools.cache``: the lists are frozen tuples).
"""

from __future__ import annotations

import re
from functools import cache

from forum_tui.rules.community import ContentChecks
from forum_tui.rules.guidelines.findings import Finding, Severity

__all__ = [
    "download_findings",
    "link_only_findings",
    "other_platform_findings",
    "respect_findings",
    "web_links",
]

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
_REPEATS = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"\s+")
# A link with or without its scheme: host (at least one dot, a letter TLD) and path.
_WEB_LINK = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?::\d{1,5})?(/[^\s<>\"'`]*)?",
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_YOU = r"(?:you|you're|youre|ur|u|ya|you\s+are|you\s+re)"
_FILLER = (
    r"(?:(?:are|is|r|a|an|such|so|total|complete|absolute|real|really|just|the|biggest"
    r"|bloody|fucking|all)\s+){0,3}"
)
_LINK_ONLY_WORDS = 5
_OFFER = re.compile(
    r"(?<![a-z])(?:download\s+(?:it\s+)?(?:here|link|from|now|free)|dm\s+me\s+for"
    r"|link\s+in\s+(?:my\s+)?bio)"
)
_BARE_TLDS = frozenset(
    "com net org io co be me fm ly ru de uk nl fr es it info app link page to tv cc xyz".split()  # noqa: SIM905
)
_SPOTIFY_URI = re.compile(r"spotify:[a-z]+:[a-z0-9]+")


def _folded(text: str) -> str:
    """Lower-case, leet folded, runs of 3+ letters cut to one, spaces collapsed."""
    low = text.lower().replace("’", "'")
    low = low.translate(_LEET)
    low = _REPEATS.sub(r"\1", low)
    return _SPACES.sub(" ", low)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@cache
def _respect_pattern(
    offensive: tuple[str, ...], insults: tuple[str, ...]
) -> re.Pattern[str] | None:
    parts = []
    if offensive:
        parts.append(rf"(?<![a-z0-9])(?P<word>{_alternation(offensive)})(?![a-z0-9])")
    if insults:
        insult = rf"(?P<insult>{_alternation(insults)})(?![a-z0-9])"
        parts.append(rf"(?<![a-z0-9]){_YOU}\s+{_FILLER}{insult}")
    return re.compile("|".join(parts)) if parts else None


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"(?<![a-z0-9])(?:{_alternation(phrases)})(?![a-z0-9])")


def web_links(text: str) -> tuple[tuple[str, str], ...]:
    """``(host, path)`` of every link in ``text``, with or without ``https://``; the host
    lower-cased without ``www.``. Email addresses and file names with no path are not
    links, but ``example.com`` alone is."""
    low = text.lower()
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
    with a path covers that path), or None."""
    for entry in listed:
        name, _, prefix = entry.partition("/")
        if (host == name or host.endswith("." + name)) and path.lstrip("/").startswith(prefix):
            return entry
    return None


def _masked(word: str) -> str:
    word = _SPACES.sub(" ", word.strip())
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) <= 2:
        return word
    keep = {letters[0], letters[-1]}
    return "".join(c if (i in keep or not c.isalpha()) else "•" for i, c in enumerate(word))


def respect_findings(text: str, checks: ContentChecks) -> list[Finding]:
    """Guideline 8: offensive language, warned before posting and reported if posted."""
    pattern = _respect_pattern(checks.offensive_words, checks.insults)
    if pattern is None:
        return []
    match = pattern.search(_folded(text))
    if match is None:
        return []
    found = match.groupdict()
    shown = _masked(found.get("word") or found.get("insult") or match.group())
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
        file_name = path.rsplit("/", 1)[-1].split("?", 1)[0]
        kind = next((t for t in checks.risky_file_types if file_name.endswith(t)), None)
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
    pattern = _phrase_pattern(checks.unofficial_app_phrases)
    if pattern is not None:
        folded = _folded(text)
        match = pattern.search(folded)
        offer = "download" in match.group() if match else False
        if match and (links or offer or _OFFER.search(folded)):
            return [_unofficial(f'"{match.group()}"', match.group())]
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
    links = list(_WEB_LINK.finditer(low)) + list(_SPOTIFY_URI.finditer(low))
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
