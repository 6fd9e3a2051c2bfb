"""Guidelines 9 and 13: commercial or transactional offers (follow-for-follow, paid
promotion, bought streams) and contests run by members, both reported to the moderators."""

from __future__ import annotations

import re

from forum_tui.rules.guidelines.findings import Finding, Severity
from forum_tui.rules.guidelines.wording import _at_word_start, _short

# Every pattern runs on the lower-cased text and starts with a literal word, so the regex
# engine skips ahead to candidates at C speed; the word boundary before a match is then
# checked in Python (a leading \b would make the engine try every position). Each runs
# only when one of its gate strings is in the text: a substring test is nearly free.
# f4f, follow for follow, l4l, s4s, sub4sub: found from the "4"/"for" in the middle (rarer
# than the letters the first word may start with), then the word before is checked.
_EXCHANGE_WORD = r"(?:f|follow|l|like|s|stream|sub|p|play)"
_FOR_EXCHANGE = re.compile(r"(?:4|for)\s?" + _EXCHANGE_WORD + r"(?![a-z0-9])")
_SPELLED_EXCHANGE = frozenset({"f", "follow", "stream", "sub"})
_EXCHANGE_BEFORE = re.compile(r"(?<![a-z0-9_])" + _EXCHANGE_WORD + r"\s?$")
_COMMERCIAL: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("follow",),
        re.compile(
            r"follow(?:ing)?[\s-]?back\b|followback\b"
            r"|follow\s+(?:me|my\s+\w+)\s+and\s+i(?:'ll|’ll|\s+will)\s+follow\b"
        ),
    ),
    (
        ("paid", "placement"),
        re.compile(
            r"paid\s+(?:promo(?:tion)?s?|placements?|playlist(?:ing|s)?|streams?|plays?"
            r"|features?)\b|playlist\s+placements?\b"
        ),
    ),
    (
        ("streams", "plays", "followers", "listeners", "saves", "promo"),
        re.compile(
            r"(?:cheap|affordable|guaranteed|buy(?:ing)?|sell(?:ing)?|purchase)\s+"
            r"(?:\d+[km]?\s+)?(?:real\s+|organic\s+|spotify\s+|monthly\s+)?"
            r"(?:streams|plays|followers|listeners|saves|promo(?:tion)?)\b"
        ),
    ),
    (("swap", "exchange", "trade"), re.compile(r"stream[\s-]?(?:swaps?|exchanges?|trades?)\b")),
    (
        ("$", "€", "£"),
        re.compile(
            r"[$€£]\s?\d+(?:[.,]\d+)?\s*(?:for|per|/)\s*\d+[km]?\s*"
            r"(?:streams|plays|followers|listeners|saves)\b"
        ),
    ),
)
# "DM me for promo": found from its "for", then the words before it are checked.
_FOR_PROMO = re.compile(r"for\s+(?:promo(?:tion)?s?|placements?|rates?|prices?|pricing|paid)\b")
_ASK_BEFORE = re.compile(r"\b(?:dm|pm|message|inbox|contact|hmu|hit\s+me\s+up)(?:\s+me)?\s+$")
# Contests: a prize word near (on the same line as) follow/stream/subscribe. Giveaways,
# raffles and gift cards count on either side; rewards, prizes, "to win" and free Premium
# only after the action ("follow ... to win"), so "Stars rewards ... follow" stays quiet.
_CONTEST_GATES = (
    "giveaway",
    "give-away",
    "raffle",
    "win",
    "gift",
    "prize",
    "reward",
    "free premium",
)
_PRIZE = re.compile(
    r"(?:giveaway|give-away|raffle|chance\s+to\s+win|win\s+an?|gift\s*cards?"
    r"|to\s+win|prizes?|rewards?|free\s+premium)\b"
)
_EITHER_SIDE = ("giveaway", "give-away", "raffle", "chance", "win", "gift")
_ACTION = re.compile(r"\b(?:follow|stream|subscribe)")
_CONTEST_REACH = 60


def _contest_match(low: str) -> tuple[int, int] | None:
    for prize in _PRIZE.finditer(low):
        start, end = prize.span()
        if not _at_word_start(low, start):
            continue
        line_start = low.rfind("\n", 0, start) + 1
        line_end = low.find("\n", end)
        line_end = len(low) if line_end == -1 else line_end
        before = max(line_start, start - _CONTEST_REACH)
        actions = list(_ACTION.finditer(low, before, start))
        if actions:
            return actions[-1].start(), end
        if prize.group().startswith(_EITHER_SIDE):
            after = _ACTION.search(low, end, min(line_end, end + _CONTEST_REACH))
            if after:
                return start, after.end()
    return None


def _commercial_match(low: str) -> tuple[int, int, int] | None:
    """``(start, end, guideline)`` of the first commercial or contest phrase, or None."""
    if "4" in low or "for" in low:
        for match in _FOR_EXCHANGE.finditer(low):
            start = match.start()
            before = _EXCHANGE_BEFORE.search(low, max(0, start - 7), start)
            # "like for like" and "play for play" are ordinary English; l4l is not.
            spelled = low.startswith("for", start)
            if before and (not spelled or before.group().strip() in _SPELLED_EXCHANGE):
                return before.start(), match.end(), 9
    for gates, pattern in _COMMERCIAL:
        if any(gate in low for gate in gates):
            for match in pattern.finditer(low):
                if _at_word_start(low, match.start()):
                    return match.start(), match.end(), 9
    if "for" in low:
        for match in _FOR_PROMO.finditer(low):
            if _at_word_start(low, match.start()):
                ask = _ASK_BEFORE.search(low, max(0, match.start() - 20), match.start())
                if ask:
                    return ask.start(), match.end(), 9
    if any(gate in low for gate in _CONTEST_GATES):
        span = _contest_match(low)
        if span:
            return span[0], span[1], 13
    return None


def _commercial_findings(text: str, low: str) -> list[Finding]:
    found = _commercial_match(low)
    if found is None:
        return []
    start, end, guideline = found
    phrase = _short(text[start:end], 40)
    if guideline == 9:
        message = (
            f'This looks like a commercial or transactional offer ("{phrase}"). '
            "Follow-for-follow, paid promotion and rewards aren't allowed (guideline 9); "
            "the moderators will take a look."
        )
    else:
        message = (
            f'This looks like a contest or a reward for listens or follows ("{phrase}"). '
            "Members can't run their own contests (guideline 13); "
            "the moderators will take a look."
        )
    return [Finding("commercial", Severity.REPORT, message, guideline=guideline, detail=phrase)]
