"""Small pieces of wording used all over the app: counts with the right plural.

``plural(1, "post")`` is "1 post", ``plural(2, "post")`` "2 posts",
``plural(3, "reply", "replies")`` "3 replies". The one place a count meets a noun, so
no screen says "1 posts" or "▲ 1 votes".
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, the plural form (``many``, else ``word + "s"``) unless 1."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or word + 's'}"
