"""What every part of the demo builder shares: the demo's clock (``DEMO_NOW``, ``ago``),
the check that fails a content mistake with its record named, and ``prose``, which turns
content text into what a member would have typed."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime, timedelta

#: The demo's "now" (naive UTC): every timestamp is counted back from it.
DEMO_NOW = datetime(2026, 11, 20, 12, 0)

MODERATING_ROLES = ("moderator", "staff")
CLOSED_IDEA_STATUSES = ("implemented", "closed")


def prose(text: str) -> str:
    """Content text as members would have typed it.

    Dedents, then joins wrapped lines back into paragraphs. Blank lines, list items
    (``-``, ``*``, ``1.``), indented lines and fenced code blocks keep their line breaks;
    a list item's wrapped continuation lines join the item.
    """
    lines = textwrap.dedent(text).strip("\n").splitlines()
    out: list[str] = []
    in_code = False
    joinable = False
    for raw in lines:
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_code = not in_code
            out.append(line)
            joinable = False
        elif in_code or not line:
            out.append(line)
            joinable = False
        elif joinable and not _STARTS_ITEM.match(line):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
            joinable = True
    return "\n".join(out).strip()


_STARTS_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")


def ago(days: float) -> datetime:
    return (DEMO_NOW - timedelta(days=days)).replace(microsecond=0)


def names_in(text: str) -> list[str]:
    """The usernames in a space-separated content field (likers, voters, ...)."""
    return text.split()


def check(condition: bool, problem: str) -> None:
    if not condition:
        raise ValueError(f"demo content: {problem}")
