"""Errors the store raises. Every message is fit to show a person, in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forum_tui.store.views import GuidelineNotice


class ForumError(Exception):
    """Base of every refusal or failure the service reports to a person."""

    @property
    def message(self) -> str:
        return str(self)


class NotFound(ForumError):
    """The thing asked for does not exist, or the viewer may not know it exists."""


class NotAllowed(ForumError):
    """A permission check said no; the message says why."""


class InvalidInput(ForumError):
    """The input breaks a rule (empty, too long, duplicate, bad name, ...)."""


class Hidden(NotFound, NotAllowed):
    """Content in a board the viewer may not see (a Star-only board); both a ``NotFound``
    and a ``NotAllowed``. For threads and posts the message says they do not exist, so
    nothing is revealed; for a board asked for by its (public) slug it says who may see it."""


class GuidelineRefused(InvalidInput):
    """A community guideline refuses the post (empty, too long, duplicate, too fast, a
    Chat link shared before, ...). ``notices`` holds every refusal (and any warnings, so
    the screen can show them all at once); the message joins the refusals' messages."""

    def __init__(self, notices: tuple[GuidelineNotice, ...]) -> None:
        self.notices = notices
        refused = [notice.message for notice in notices if notice.severity == "refuse"]
        super().__init__(" ".join(refused) or "This post breaks a community guideline.")


class NeedsConfirmation(ForumError):
    """The post may go ahead, but the member should see these warnings first (personal
    data, ...). Call again with ``accept_warnings=True`` to post anyway. Nothing was
    written. ``notices`` holds the warnings."""

    def __init__(self, notices: tuple[GuidelineNotice, ...]) -> None:
        self.notices = notices
        super().__init__(" ".join(notice.message for notice in notices))


class ForumBusy(ForumError):
    """Too many others were writing at once and this write could not get in (see
    ``store.busy``). Nothing was written; trying again is safe."""


class SignInFailed(ForumError):
    """Wrong username or password (never says which)."""


class DatabaseProblem(ForumError):
    """The database cannot be opened or used: not a database, unwritable, too new, ..."""


class NotADatabase(DatabaseProblem):
    """The file named is not a database this app can use; it was left untouched."""


class DamagedDatabase(DatabaseProblem):
    """The database file is damaged (truncated, corrupt pages); restore a backup."""


class SchemaTooNew(DatabaseProblem):
    """The database was written by a newer forum-tui; upgrade the app first."""


class QueryError(InvalidInput):
    """A search query that cannot be understood (``rules.search_query``), or one naming a
    board, member, label or status that does not exist; the message says what is wrong."""


# --- issue 14: joining


class FieldsRefused(InvalidInput):
    """Some fields of a form (sign-up, a new password) are refused. ``problems`` maps
    each field ("username", "display_name", "email", "birth_date", "password", ...) to
    its reason in plain words, so a screen can show each next to its field."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class CodeRefused(InvalidInput):
    """A verification or reset code that doesn't work. ``reason`` says which: "wrong",
    "expired", "used", "replaced", "too_many" or "none" (no code was sent); for each a
    new code may be sent."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


class AlreadyHandled(InvalidInput):
    """--- moderation: the item changed under the moderator (another moderator handled
    it, or it is already in the state asked for); nothing was applied."""


class StatusChanged(ForumError):
    """Someone else changed the thread's status since the viewer looked: nothing was
    applied. ``current`` is the status key now (None: no status); ask again."""

    def __init__(self, message: str, current: str | None) -> None:
        self.current = current
        super().__init__(message)
