"""Guidelines applied on every write: small pure functions of (text, context) -> findings.

One module per family of checks (``findings``, ``links``, ``personal_data``,
``commercial``, ``posts``, ``messages``, ``ideas``, ``language``, with shared helpers in
``wording``);
this package re-exports the public names, so ``from forum_tui.rules.guidelines import
check_post`` works as it always has. The checkers' modules load on first use
(``__getattr__``): their regular expressions cost about 14 ms to compile, and the store,
imported before home's first frame, needs them only when something is written. The
store holds ``from forum_tui.rules import guidelines`` and calls
``guidelines.check_post(...)``; :class:`Finding`, :class:`Severity` and the splitters
(``findings``) are cheap and may be imported by name.

The store asks these functions before it writes a post, an idea or a private message, and
acts on what comes back. Each :class:`Finding` has a stable ``rule`` id, a
:class:`Severity` and a ``message`` fit to show a person:

- ``REFUSE``: the write does not happen; the message says why (and, for limits, when to
  try again: ``retry_at``). The draft is kept by the caller.
- ``WARN``: shown before posting; the member may edit or go on. Findings with
  ``report_if_posted=True`` (personal data, and every idea warning) also file an automatic
  report to the moderators' queue if the member goes on. One finding per problem, rather
  than a WARN and a REPORT twin, so the member sees each problem once and the queue gets
  the same words.
- ``REPORT``: accepted as it is, and an automatic report is filed (commercial or
  transactional posts).

:func:`refusals`, :func:`warnings` and :func:`reports` split a tuple of findings;
``reports`` answers "what goes to the queue if this is posted" (REPORT findings and the
WARN findings with ``report_if_posted``), and :attr:`Finding.report_reason` is the text for
the report itself.

Entry points:

- :func:`check_post` (threads, replies, edits: the store passes a :class:`PostContext`),
- :func:`check_idea` (an idea's subject and body against the Idea Exchange requirements;
  the store calls it as well as ``check_post`` for a new idea; the idea form as the
  member writes),
- :func:`looks_english` (the one language guess: ideas, and Stars' "posts in English"),
- :func:`check_message` (private messages),
- :func:`extract_uris` and :func:`find_personal_data`, the two detectors, public so the
  store can keep each post's canonical URIs and tests can probe them directly.

Design notes:

- Pure and stdlib-only: no clock (``now`` comes in), no I/O, no database. All datetimes
  must be of one kind (the store's naive UTC).
- Fast enough to run on every keystroke-save: a 20,000-character post checks in about a
  millisecond (2 ms when a near-identical long post must be compared in full). Every
  regular expression is compiled once at import and has no nested unbounded quantifier.
  Case-insensitive patterns run on a lower-cased copy (see ``_lower``) and start with a
  literal, so the engine skips to candidates at C speed, the word boundary before a match
  being checked in Python; rarer patterns run only when a gate substring is present; the
  number detectors run only near runs of nine or more digits.
- Personal data detectors aim for few false positives: a warning that fires on a release
  year or a track length teaches members to ignore warnings. Phone numbers need a ``+``/
  ``00`` country code, a national trunk ``0`` or the North American shape; card numbers need
  Luhn and a card-network prefix; IBANs need their country's length and the mod-97 check; a
  Dutch BSN needs its label ("BSN") and the 11-check. Links and Spotify URIs are blanked
  before numbers are looked for, so ids inside them never look like phone numbers.
- Messages never repeat personal data in full: the matched text is partly masked
  (``•••• •••• •••• 4242``).
- A limit of 0 in the community file switches that limit off.
- Commercial language is checked in every board, not only Chat: Community Guideline 9
  (no promotion of commercial products or services) applies everywhere, and the patterns
  are specific enough (f4f, "buy plays", "DM for promo") not to catch ordinary questions
  about prices or plans. The Chat URI rules apply to Chat boards only.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from forum_tui.rules.guidelines.findings import (
    RULE_TITLES,
    Finding,
    Severity,
    refusals,
    reports,
    warnings,
)

if TYPE_CHECKING:
    from forum_tui.rules.guidelines.ideas import check_idea
    from forum_tui.rules.guidelines.language import looks_english
    from forum_tui.rules.guidelines.links import extract_uris
    from forum_tui.rules.guidelines.messages import check_message
    from forum_tui.rules.guidelines.personal_data import find_personal_data
    from forum_tui.rules.guidelines.posts import PostContext, check_post

#: Where each name imported on first use lives (its module, under this package).
_LAZY = {
    "check_idea": "ideas",
    "looks_english": "language",
    "extract_uris": "links",
    "check_message": "messages",
    "find_personal_data": "personal_data",
    "PostContext": "posts",
    "check_post": "posts",
}


def __getattr__(name: str) -> Any:
    """A checker's name: import its module now (once; the name is kept here after)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "RULE_TITLES",
    "Finding",
    "PostContext",
    "Severity",
    "check_idea",
    "check_message",
    "check_post",
    "extract_uris",
    "find_personal_data",
    "looks_english",
    "refusals",
    "reports",
    "warnings",
]
