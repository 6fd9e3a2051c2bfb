"""Who may do what: one function, ``can(actor, action, target)``, with a reason for every no.

Pure: the store builds an ``Actor`` and a ``Target`` from its rows, asks ``can`` before
every write (and before showing anything restricted), and raises ``NotAllowed(decision.reason)``
on a refusal. Screens may ask too, to hide a key that would only be refused.

Decisions worth knowing:

- Moderators and staff share every moderation power; staff alone set roles, decide Stars
  applications and write blog posts. FAQ articles: staff and moderators.
- Suspended accounts may only look (view a board, the queue, the log); every other
  action, reporting and subscribing included, is refused.
- The Vault (``board_kind == "vault"`` or ``target.archived``) refuses every write except
  moderation, archiving/restoring, reporting and subscribing: personal data found in an
  archived thread must still be reportable and removable.
- Removed content refuses everyone but moderators and staff.
- Reporting one's own post is allowed: that is how "please delete my post" works.
- Ongoing Issues and Closed Ideas take no new threads from anyone: threads arrive by a
  moderator's move or a status change.
- Private messages: the age limit is ``can(..., min_age=community.limits.pm_min_age)``
  (a community setting, not a property of each actor). A refusal about the recipient never
  reveals their age. Moderators and staff follow the same rules; official notices to a
  member with messages off belong in notifications.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
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
    # --- the Stars Program (store/stars.py)
    VIEW_STARS_PROGRAM = "view_stars_program"  # the leaderboard, events, a Star's ledger
    REDEEM_STAR_POINTS = "redeem_star_points"
    LEAVE_STARS = "leave_stars"
    MANAGE_STARS = "manage_stars"  # award points, Spotify Star, events and attendance
    # --- moderation (issue 9): acting on a member (a warning, a suspension)
    WARN_MEMBER = "warn_member"
    SUSPEND_MEMBER = "suspend_member"


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
    suspended_until: datetime | None = None  # --- moderation: said in the refusal


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
    # The recipient blocked the sender (the inbox): refused with the same vague words as
    # a recipient who cannot receive, so a block is never revealed.
    recipient_blocks_sender: bool = False
    idea_status_closed: bool = False
    owner_role: str | None = None  # --- moderation: the role of the member acted on


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)

#: Default minimum age for private messages; the store passes ``community.limits.pm_min_age``.
PM_MIN_AGE = 18

MODERATOR_ROLES = frozenset({"moderator", "staff"})
STAR_BOARD_ROLES = frozenset({"star", "moderator", "staff"})
#: Actions that only look; every other action is a write, refused while suspended.
VIEW_ACTIONS = frozenset({Action.VIEW_BOARD, Action.VIEW_REPORT_QUEUE, Action.VIEW_AUDIT_LOG})


def can(
    actor: Actor, action: Action, target: Target | None = None, *, min_age: int = PM_MIN_AGE
) -> Decision:
    """May ``actor`` do ``action`` to ``target``? A refusal always carries a reason.

    ``min_age`` is the private-message age limit (a community setting, so it is passed
    in rather than stored on every actor). Board rules apply when ``target.board_kind``
    is given: the store passes it for every action that happens on a board. Posting a
    thread on an ``ideas`` board is submitting an idea and follows ``SUBMIT_IDEA``.
    """
    ask = _Ask(actor, target or Target(), min_age)
    if action is Action.POST_THREAD and ask.target.board_kind == "ideas":
        action = Action.SUBMIT_IDEA
    checks = (_not_removed, *_RULES[action])
    if action not in VIEW_ACTIONS:
        checks = (_active, *checks)
    for check in checks:
        reason = check(ask)
        if reason:
            return Decision(False, reason)
    return ALLOW


# ------------------------------------------------------------------ checks
# Each check returns None when it has no objection, else the reason in plain words.


@dataclass(frozen=True)
class _Ask:
    actor: Actor
    target: Target
    min_age: int


Check = Callable[[_Ask], str | None]


def _is_moderator(actor: Actor) -> bool:
    return actor.role in MODERATOR_ROLES


def _active(ask: _Ask) -> str | None:
    if not ask.actor.suspended:
        return None
    until = ask.actor.suspended_until
    if until is None:
        return "Your account is suspended."
    return (
        f"Your account is suspended until {until:%d %B %Y, %H:%M} UTC: "
        "you can read, but not post, like, report or send messages until then."
    )


def _not_removed(ask: _Ask) -> str | None:
    if ask.target.removed and not _is_moderator(ask.actor):
        return "That content was removed."
    return None


def _sees_board(ask: _Ask) -> str | None:
    if ask.target.board_kind == "star_only" and ask.actor.role not in STAR_BOARD_ROLES:
        return "Only Stars, moderators and staff can see the Star-only boards."
    return None


def _writable(ask: _Ask) -> str | None:
    if ask.target.board_kind == "vault" or ask.target.archived:
        return "The Vault is read-only."
    return None


def _open_thread(ask: _Ask) -> str | None:
    if ask.target.locked and not _is_moderator(ask.actor):
        return "This thread is locked."
    return None


def _idea_open(ask: _Ask) -> str | None:
    if ask.target.idea_status_closed or ask.target.board_kind == "closed_ideas":
        return "This idea is closed, so it takes no more votes."
    return None


def _roles(allowed: frozenset[str] | set[str], reason: str) -> Check:
    def check(ask: _Ask) -> str | None:
        return None if ask.actor.role in allowed else reason

    return check


def _moderators(reason: str = "Only moderators and staff can do that.") -> Check:
    return _roles(MODERATOR_ROLES, reason)


def _staff(reason: str) -> Check:
    return _roles({"staff"}, reason)


def _on_boards(kinds: set[str], reason: str) -> Check:
    def check(ask: _Ask) -> str | None:
        kind = ask.target.board_kind
        return None if kind is None or kind in kinds else reason

    return check


def _not_own(reason: str) -> Check:
    def check(ask: _Ask) -> str | None:
        return reason if ask.target.owner_id == ask.actor.id else None

    return check


def _verified(doing: str) -> Check:
    def check(ask: _Ask) -> str | None:
        return None if ask.actor.email_verified else f"Verify your email address before {doing}."

    return check


def _own_or_moderator(ask: _Ask) -> str | None:
    if ask.target.owner_id == ask.actor.id or _is_moderator(ask.actor):
        return None
    return "You can only edit your own posts."


def _thread_owner_or_moderator(ask: _Ask) -> str | None:
    if ask.target.thread_owner_id == ask.actor.id or _is_moderator(ask.actor):
        return None
    return "Only the thread's author or a moderator can mark the solution."


#: Why a new thread cannot go to the Idea Exchange: ideas have their own form (n there).
IDEAS_ARE_NOT_THREADS = "Ideas have their own form: press n on Idea Submissions to submit one."

_THREAD_STARTERS = {
    "ongoing_issues": (
        frozenset(),
        "Threads arrive in Ongoing Issues when a moderator moves them from Help.",
    ),
    "closed_ideas": (
        frozenset(),
        "Closed Ideas takes no new ideas; submit yours to Idea Submissions.",
    ),
    "faq": (MODERATOR_ROLES, "FAQ articles are written by staff and moderators."),
    "blog": (frozenset({"staff"}), "Blog posts are written by staff."),
    "stars_application": (
        MODERATOR_ROLES,
        "Staff start threads here. To join the Stars Program, press n to apply.",
    ),
}


def _may_start_thread(ask: _Ask) -> str | None:
    """Who may start a thread, by board kind (help, chat and star-only: anyone who sees it)."""
    rule = _THREAD_STARTERS.get(ask.target.board_kind or "")
    if rule and ask.actor.role not in rule[0]:
        return rule[1]
    return None


def _may_reply_here(ask: _Ask) -> str | None:
    """FAQs are read-only for members; closed ideas take no new comments."""
    if _is_moderator(ask.actor):
        return None
    if ask.target.board_kind == "faq":
        return "FAQs are read-only. If this didn't help, search, or start a thread in Help."
    if ask.target.board_kind == "closed_ideas":
        return "Closed ideas take no new comments."
    return None


def _knows_age(ask: _Ask) -> str | None:
    if ask.actor.age is None:
        return "Add your birth date to your profile to use private messages."
    return None


def _old_enough(ask: _Ask) -> str | None:
    if ask.actor.age is not None and ask.actor.age < ask.min_age:
        return f"Private messages are for members {ask.min_age} or over."
    return None


def _messages_on(ask: _Ask) -> str | None:
    return None if ask.actor.pm_enabled else "Turn on private messages in your inbox first."


def _not_self(ask: _Ask) -> str | None:
    return "You can't send a message to yourself." if ask.target.owner_id == ask.actor.id else None


#: The refusal for a recipient who is under age or has blocked the sender (the same words).
CANNOT_RECEIVE = "That member can't receive private messages."


def _recipient_accepts(ask: _Ask) -> str | None:
    target = ask.target
    if not target.recipient_pm_enabled:
        return "That member doesn't accept private messages."
    if (
        target.recipient_age is None
        or target.recipient_age < ask.min_age
        or target.recipient_blocks_sender
    ):
        # Deliberately vague: a refusal must not reveal another member's age, or a block.
        return CANNOT_RECEIVE
    return None


def _may_apply_for_stars(ask: _Ask) -> str | None:
    if ask.actor.role == "star":
        return "You're already a Star."
    if _is_moderator(ask.actor):
        return "Moderators and staff don't apply to the Stars Program."
    return None


def _not_over_staff(ask: _Ask) -> str | None:
    """--- moderation: moderators do not act on staff members or their content."""
    if ask.target.owner_role == "staff" and ask.actor.role != "staff":
        return "Moderators can't act on staff members or their posts; ask a staff member."
    return None


def _not_on_self(doing: str) -> Check:
    def check(ask: _Ask) -> str | None:
        return f"You can't {doing} yourself." if ask.target.owner_id == ask.actor.id else None

    return check


_HELP_BOARDS = {"help", "ongoing_issues"}
_IDEA_BOARDS = {"ideas", "closed_ideas"}

#: The rule table: for each action, the checks in the order they are asked. Every action
#: except a view is also refused while suspended, and removed content refuses everyone
#: but moderators and staff (see ``can``).
_RULES: dict[Action, tuple[Check, ...]] = {
    Action.VIEW_BOARD: (_sees_board,),
    Action.POST_THREAD: (_sees_board, _writable, _may_start_thread, _verified("posting")),
    Action.REPLY: (
        _sees_board,
        _writable,
        _open_thread,
        _may_reply_here,
        _verified("posting"),
    ),
    Action.LIKE: (_sees_board, _writable, _not_own("You can't like your own post.")),
    Action.EDIT_POST: (_sees_board, _writable, _own_or_moderator, _open_thread),
    Action.ACCEPT_SOLUTION: (
        _sees_board,
        _writable,
        _on_boards(_HELP_BOARDS, "Solutions are marked in Help boards and Ongoing Issues."),
        _thread_owner_or_moderator,
    ),
    Action.SUBSCRIBE: (_sees_board,),
    Action.REPORT: (_sees_board,),
    Action.FLOAT_THREAD: (
        _moderators("Only moderators and staff can float threads."),
        _writable,
    ),
    Action.SUBMIT_IDEA: (
        _sees_board,
        _writable,
        _on_boards({"ideas"}, "Ideas are submitted to Idea Submissions."),
        _verified("submitting an idea"),
    ),
    Action.VOTE_IDEA: (
        _sees_board,
        _writable,
        _on_boards(_IDEA_BOARDS, "Only ideas take votes."),
        _idea_open,
        _not_own("You can't vote for your own idea."),
    ),
    Action.SET_IDEA_STATUS: (
        _roles(
            {"star", "moderator", "staff"},
            "Only moderators, staff and Stars can change an idea's status.",
        ),
        _writable,
        _on_boards(_IDEA_BOARDS, "Only ideas have an idea status."),
    ),
    Action.MERGE_IDEAS: (
        _moderators("Only moderators and staff can merge ideas."),
        _writable,
        _on_boards(_IDEA_BOARDS, "Only ideas can be merged."),
    ),
    Action.ME_TOO: (
        _sees_board,
        _writable,
        _on_boards({"ongoing_issues"}, "'Me too' is for Ongoing Issues."),
        _not_own("You reported this issue, so it already counts you."),
    ),
    Action.MOVE_TO_ONGOING: (
        _moderators("Only moderators and staff can move threads to Ongoing Issues."),
        _writable,
        _on_boards(_HELP_BOARDS, "Only Help threads move to and from Ongoing Issues."),
    ),
    Action.SET_ISSUE_STATUS: (
        _moderators("Only moderators and staff can set an issue's status."),
        _writable,
        _on_boards({"ongoing_issues"}, "Issue statuses belong to Ongoing Issues."),
    ),
    Action.SEND_MESSAGE: (
        _verified("sending messages"),
        _knows_age,
        _old_enough,
        _messages_on,
        _not_self,
        _recipient_accepts,
    ),
    Action.ENABLE_MESSAGES: (_knows_age, _old_enough),
    Action.APPLY_FOR_STARS: (_may_apply_for_stars, _verified("applying")),
    Action.DECIDE_STARS_APPLICATION: (_staff("Only staff decide Stars applications."),),
    Action.UPLOAD_AVATAR: (
        _roles({"star", "staff"}, "Uploading your own avatar is a Stars perk."),
    ),
    Action.VIEW_REPORT_QUEUE: (_moderators("Only moderators and staff can see the report queue."),),
    Action.MODERATE: (_moderators("Only moderators and staff can moderate."), _not_over_staff),
    Action.ARCHIVE: (
        _moderators("Only moderators and staff can archive and restore."),
        _not_over_staff,
    ),
    Action.VIEW_AUDIT_LOG: (_moderators("Only moderators and staff can see the audit log."),),
    Action.SET_ROLE: (_staff("Only staff can change roles."),),
    # --- the Stars Program
    Action.VIEW_STARS_PROGRAM: (
        _roles(STAR_BOARD_ROLES, "The leaderboard and Star events are for Stars and staff."),
    ),
    Action.REDEEM_STAR_POINTS: (_roles({"star"}, "Only Stars have points to redeem."),),
    Action.LEAVE_STARS: (_roles({"star"}, "Only Stars can leave the Stars Program."),),
    Action.MANAGE_STARS: (_staff("Only staff run the Stars Program."),),
    # --- moderation (issue 9)
    Action.WARN_MEMBER: (
        _moderators("Only moderators and staff can warn members."),
        _not_over_staff,
        _not_on_self("warn"),
    ),
    Action.SUSPEND_MEMBER: (
        _moderators("Only moderators and staff can suspend members."),
        _not_over_staff,
        _not_on_self("suspend"),
    ),
}
