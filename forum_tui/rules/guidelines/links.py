"""Spotify URIs and links: finding them in a text and making each canonical, so the same
track or page is recognised however it was pasted."""

from __future__ import annotations

import re
from bisect import bisect_right
from urllib.parse import urlsplit

from forum_tui.rules.guidelines.wording import _lower

_URI_TYPES = ("track", "album", "playlist", "episode", "show", "artist")
# Both run on the lower-cased text (see _lower); the id is then read from the original.
# They start with a literal, so the regex engine skips ahead to candidates at C speed;
# the word boundary before each is checked in Python.
_SPOTIFY_URI = re.compile(
    r"spotify:(?:user:[^:\s]{1,64}:)?(track|album|playlist|episode|show|artist)"
    r":([a-z0-9]{1,64})(?![a-z0-9])"
)
_LINK = re.compile(r"(?:https?://|open\.spotify\.com/)[^\s<>\"'`\x00-\x1f\x7f]+")
_TRAILING = ".,;:!?'\"*_>]}"
_HOST = re.compile(r"[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*")
_IPV6 = re.compile(r"[0-9a-f:.]+")
_TRACKING_KEYS = frozenset(
    {
        "si",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "feature",
        "_hsenc",
        "_hsmi",
        "context",
        "nd",
        "pi",
        "dl_branch",
    }
)


def _trim_link(raw: str) -> str:
    while raw:
        last = raw[-1]
        if last in _TRAILING or (last == ")" and raw.count("(") < raw.count(")")):
            raw = raw[:-1]
        else:
            break
    return raw


def _canonical_link(raw: str) -> str | None:
    if not raw.lower().startswith(("http://", "https://")):
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if not (_HOST.fullmatch(host) or (":" in host and _IPV6.fullmatch(host))):
        return None
    while host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    path = parts.path
    if host == "open.spotify.com":
        segments = [s for s in path.split("/") if s]
        if segments and segments[0].lower().startswith("intl-"):
            segments = segments[1:]
        if segments and segments[0].lower() == "embed":
            segments = segments[1:]
        if len(segments) >= 3 and segments[0].lower() == "user":
            segments = segments[2:]
        if len(segments) >= 2 and segments[0].lower() in _URI_TYPES and segments[1].isalnum():
            return f"spotify:{segments[0].lower()}:{segments[1]}"
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair
        and (key := pair.split("=", 1)[0].lower()) not in _TRACKING_KEYS
        and not key.startswith("utm_")
    )
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port in (80, 443) else f"{host}:{port}"
    tail = f"{path}?{query}" if query else path
    while True:
        trimmed = _trim_link(tail.rstrip("/"))
        if trimmed == tail:
            return f"https://{netloc}{tail}"
        tail = trimmed


def extract_uris(text: str) -> tuple[str, ...]:
    """Spotify URIs and links in ``text``, canonical and in order of first appearance.

    ``spotify:track:ID`` URIs and ``open.spotify.com/track/ID`` links (any of track,
    album, playlist, episode, show, artist; with or without ``intl-xx/``, ``embed/``, a
    ``?si=`` query) all become ``spotify:track:ID``, so a link and a URI for the same
    track match. Other http(s) links become ``https://host/path?query`` with the host
    lower-cased and without ``www.``, the default port, a trailing slash, the fragment
    and tracking parameters (``utm_*``, ``si``, ``fbclid``, ...). http and https count as
    the same link.
    """
    return _extract_uris(text, _lower(text))


# (start, end, canonical URI or None) of each Spotify URI and link in a text.
_Links = list[tuple[int, int, str | None]]


def _link_matches(text: str, low: str) -> _Links:
    """``(start, end, canonical)`` of each Spotify URI and link, in ``text`` order;
    ``canonical`` is None for a link too broken to normalise (it still gets blanked).
    A URI inside a link (``https://example.com/?u=spotify:track:...``) is part of it."""
    found: _Links = []
    if "http" in low or "open.spotify.com/" in low:
        for match in _LINK.finditer(low):
            start = match.start()
            before = low[start - 1] if start else " "
            boundary = "_" if low.startswith("http", start) else "_./@-"
            if not (before.isalnum() or before in boundary):
                raw = _trim_link(text[start : match.end()])
                found.append((start, match.end(), _canonical_link(raw)))
    if "spotify:" in low:
        link_starts = [start for start, _, _ in found]
        links = len(found)
        for match in _SPOTIFY_URI.finditer(low):
            start = match.start()
            if start and (low[start - 1].isalnum() or low[start - 1] in "_:"):
                continue
            index = bisect_right(link_starts, start) - 1
            if index >= 0 and start < found[index][1]:
                continue
            uri_id = text[match.start(2) : match.end(2)]
            found.append((start, match.end(), f"spotify:{match.group(1)}:{uri_id}"))
        if len(found) > links:
            found.sort()
    return found


def _extract_uris(text: str, low: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(uri for _, _, uri in _link_matches(text, low) if uri))


def _uri_noun(uri: str) -> str:
    if uri.startswith("spotify:"):
        return uri.split(":")[1]
    return "link"
