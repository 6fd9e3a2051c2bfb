"""Who may do what: one function, ``can(actor, action, target)``, with a reason for every no.

Pure: the store builds an ``Actor`` and a ``Target`` from its rows, asks ``can`` before
every write (and before showing anything restricted), and raises ``NotAllowed(decision.reason)``
on a refusal. Screens may ask too, to hide a key that would only be refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ROLES = ("member", "star", "moderator", "staff")


class Action(StrEnum):
    VIEW_BOARD = "view_board"
    POST_THREAD = "post_thread"
    REPLY = "reply"
    LIKE = "like"
    EDIT_POST = "edit_post"
    ACCEPT_SOLUTION = "accept_solution"
    SUBSCRIBE = "subscribe"
    REPORT = "report"
    FLOAT_THREAD = "float_thread"
    SUBMIT_IDEA = "submit_idea"
    VOTE_IDEA = "vote_idea"
    SET_IDEA_STATUS = "set_idea_status"
    MERGE_IDEAS = "merge_ideas"
    ME_TOO = "me_too"
    MOVE_TO_ONGOING = "move_to_ongoing"
    SET_ISSUE_STATUS = "set_issue_status"
    SEND_MESSAGE = "send_message"
    ENABLE_MESSAGES = "enable_messages"
    APPLY_FOR_STARS = "apply_for_stars"
    DECIDE_STARS_APPLICATION = "decide_stars_application"
    UPLOAD_AVATAR = "upload_avatar"
    VIEW_REPORT_QUEUE = "view_report_queue"
    MODERATE = "moderate"
    ARCHIVE = "archive"
    VIEW_AUDIT_LOG = "view_audit_log"
    SET_ROLE = "set_role"


@dataclass(frozen=True)
class Actor:
    """The member acting, as the rules need to see them."""

    id: int
    role: str  # one of ROLES
    staff_title: str | None = None
    legend: str | None = None
    age: int | None = None  # whole years, None when no birth date is known
    days_member: int = 0
    email_verified: bool = True
    pm_enabled: bool = False
    suspended: bool = False


@dataclass(frozen=True)
class Target:
    """What is acted on. Fill in only what the action needs."""

    board_kind: str | None = None  # rules.community.BOARD_KINDS
    owner_id: int | None = None  # author of the post/thread/idea, or the member addressed
    thread_owner_id: int | None = None  # for ACCEPT_SOLUTION: the thread's author
    locked: bool = False
    removed: bool = False
    archived: bool = False
    recipient_pm_enabled: bool = True
    recipient_age: int | None = None
    idea_status_closed: bool = False


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def can(actor: Actor, action: Action, target: Target | None = None) -> Decision:
    raise NotImplementedError
