"""Errors the store raises. Every message is fit to show a person, in plain words."""

from __future__ import annotations


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


class SignInFailed(ForumError):
    """Wrong username or password (never says which)."""


class DatabaseProblem(ForumError):
    """The database cannot be opened or used: not a database, unwritable, too new, ..."""


class NotADatabase(DatabaseProblem):
    """The file named is not a database this app can use; it was left untouched."""


class SchemaTooNew(DatabaseProblem):
    """The database was written by a newer forum-tui; upgrade the app first."""
