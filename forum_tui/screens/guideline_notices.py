"""What the compose screen and its dialogs do with guideline notices (issue 14).

- :func:`posted_message`: after posting, the line to show; when the post went up with an
  automatic report attached, it says a moderator will take a look and why.
- :func:`cited_guideline`: the Community Guideline the notices cite (the first), for the
  keys that open the Guidelines screen at it (``f2`` on the compose screen, ``g`` in the
  "Before you post" dialog).
- :func:`open_guidelines` and :func:`offer_verification` (a refusal because the email
  address is not verified opens the "Verify your email address" dialog).
- :func:`refusal_words`: a refused write's plain words and the notices it carries, with
  "f2" offered when they cite a guideline (the inbox's reply box and new message).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from forum_tui.store.views import GuidelineNotice, PostResult

if TYPE_CHECKING:
    from textual.app import App

UNVERIFIED = "email_unverified"


def refusal_words(error: BaseException) -> tuple[str, tuple[GuidelineNotice, ...]]:
    """What to show for a refused write, and its notices (for ``f2``: the guideline)."""
    from forum_tui.screens.base import plain_error

    notices = tuple(getattr(error, "notices", ()))
    words = plain_error(error)
    if cited := cited_guideline(notices):
        words = f"{words} (f2: read guideline {cited})"
    return words, notices


def posted_message(result: PostResult, done: str = "Posted.") -> str:
    reported = [notice for notice in result.notices if notice.files_report]
    if not reported:
        return done
    why = "; ".join(_reason(notice) for notice in reported)
    return f"{done} A moderator will take a look at it: {why}."


def _reason(notice: GuidelineNotice) -> str:
    first = notice.message.split(". ")[0].rstrip(".")
    cited = f" (guideline {notice.guideline})" if notice.guideline else ""
    return f"{first}{cited}" if cited and "guideline" not in first else first


def cited_guideline(notices: Sequence[GuidelineNotice]) -> int | None:
    return next((notice.guideline for notice in notices if notice.guideline), None)


def open_guidelines(app: App, notices: Sequence[GuidelineNotice] = ()) -> None:
    from forum_tui.screens.guidelines import GuidelinesScreen

    app.push_screen(GuidelinesScreen(cited_guideline(notices)))


def offer_verification(app: App, notices: Sequence[GuidelineNotice] = ()) -> bool:
    """After a refused post: open the verification dialog when the member's address is
    not verified (the permission check or a notice says so; nothing posts before it)."""
    viewer = getattr(app, "viewer", None)
    unverified = viewer is not None and not viewer.email_verified
    if not (unverified or any(notice.rule == UNVERIFIED for notice in notices)):
        return False
    from forum_tui.screens.verify_email import VerifyEmailDialog

    app.push_screen(VerifyEmailDialog())
    return True
