"""``can(actor, action, target)``: the permission matrix, and a reason for every refusal."""

import itertools

import pytest

from forum_tui.rules.community import BOARD_KINDS
from forum_tui.rules.permissions import ROLES, Action, Actor, Decision, Target, can

ME, OTHER = 1, 2
EVERYONE = frozenset(ROLES)
MODS = frozenset({"moderator", "staff"})
STARS_UP = frozenset({"star", "moderator", "staff"})
STAFF = frozenset({"staff"})
NOBODY = frozenset()


def actor(role: str = "member", **changes) -> Actor:
    fields = {"id": ME, "role": role, "age": 30, "days_member": 400, "pm_enabled": True}
    return Actor(**{**fields, **changes})


def on(kind: str | None = None, **changes) -> Target:
    return Target(board_kind=kind, owner_id=OTHER, thread_owner_id=OTHER, **changes)


def allowed_roles(action: Action, target: Target) -> frozenset[str]:
    return frozenset(role for role in ROLES if can(actor(role), action, target))


# ------------------------------------------------------------------ every refusal has a reason


@pytest.mark.parametrize("action", list(Action))
def test_every_action_has_a_rule(action):
    assert isinstance(can(actor(), action), Decision)


FLAGS = [{}, {"suspended": True}, {"email_verified": False}, {"age": None}, {"age": 15}]
TARGET_FLAGS = [{}, {"locked": True}, {"removed": True}, {"archived": True}]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", [None, *BOARD_KINDS])
def test_every_refusal_has_a_plain_reason(role, kind):
    for action, flags, target_flags, owner in itertools.product(
        Action, FLAGS, TARGET_FLAGS, (ME, OTHER)
    ):
        decision = can(
            actor(role, **flags),
            action,
            Target(board_kind=kind, owner_id=owner, thread_owner_id=owner, **target_flags),
        )
        if decision.allowed:
            assert decision.reason == ""
        else:
            assert decision.reason.strip(), (role, kind, action, flags, target_flags)
            assert decision.reason.lstrip("'")[0].isupper() and decision.reason.endswith(".")
            assert not decision


# ------------------------------------------------------------------ the board matrix

BOARD_MATRIX = {
    Action.VIEW_BOARD: {
        "help": EVERYONE,
        "ongoing_issues": EVERYONE,
        "chat": EVERYONE,
        "ideas": EVERYONE,
        "closed_ideas": EVERYONE,
        "faq": EVERYONE,
        "stars_application": EVERYONE,
        "star_only": STARS_UP,
        "blog": EVERYONE,
        "vault": EVERYONE,
    },
    Action.POST_THREAD: {
        "help": EVERYONE,
        "ongoing_issues": NOBODY,
        "chat": EVERYONE,
        "ideas": EVERYONE,
        "closed_ideas": NOBODY,
        "faq": MODS,
        "stars_application": MODS,
        "star_only": STARS_UP,
        "blog": STAFF,
        "vault": NOBODY,
    },
    Action.REPLY: {
        "help": EVERYONE,
        "ongoing_issues": EVERYONE,
        "chat": EVERYONE,
        "ideas": EVERYONE,
        "closed_ideas": MODS,
        "faq": MODS,
        "stars_application": EVERYONE,
        "star_only": STARS_UP,
        "blog": EVERYONE,
        "vault": NOBODY,
    },
    Action.LIKE: {
        "help": EVERYONE,
        "chat": EVERYONE,
        "blog": EVERYONE,
        "star_only": STARS_UP,
        "vault": NOBODY,
    },
    Action.ACCEPT_SOLUTION: {
        "help": MODS,
        "ongoing_issues": MODS,
        "chat": NOBODY,
        "ideas": NOBODY,
        "vault": NOBODY,
    },
    Action.EDIT_POST: {"help": MODS, "chat": MODS, "vault": NOBODY},
    Action.SUBMIT_IDEA: {"ideas": EVERYONE, "closed_ideas": NOBODY, "chat": NOBODY},
    Action.VOTE_IDEA: {"ideas": EVERYONE, "closed_ideas": NOBODY, "help": NOBODY},
    Action.SET_IDEA_STATUS: {"ideas": STARS_UP, "closed_ideas": STARS_UP, "help": NOBODY},
    Action.MERGE_IDEAS: {"ideas": MODS, "chat": NOBODY},
    Action.ME_TOO: {"ongoing_issues": EVERYONE, "help": NOBODY, "vault": NOBODY},
    Action.MOVE_TO_ONGOING: {"help": MODS, "ongoing_issues": MODS, "chat": NOBODY},
    Action.SET_ISSUE_STATUS: {"ongoing_issues": MODS, "help": NOBODY},
    Action.FLOAT_THREAD: {"help": MODS, "chat": MODS, "vault": NOBODY},
    Action.SUBSCRIBE: {"help": EVERYONE, "star_only": STARS_UP, "vault": EVERYONE},
    Action.REPORT: {"chat": EVERYONE, "star_only": STARS_UP, "vault": EVERYONE},
    Action.MODERATE: {"chat": MODS, "vault": MODS},
    Action.ARCHIVE: {"help": MODS, "vault": MODS},
}


@pytest.mark.parametrize(
    "action, kind, roles",
    [(a, k, r) for a, kinds in BOARD_MATRIX.items() for k, r in kinds.items()],
    ids=lambda value: getattr(value, "value", None) or (value if isinstance(value, str) else ""),
)
def test_board_matrix(action, kind, roles):
    assert allowed_roles(action, on(kind)) == roles


def _stable_id(value) -> str:
    """Test ids that are the same in every process (pytest-xdist compares them)."""
    if isinstance(value, frozenset):
        return "+".join(sorted(value)) or "nobody"
    return str(value)


ROLE_MATRIX = {
    Action.VIEW_REPORT_QUEUE: MODS,
    Action.MODERATE: MODS,
    Action.ARCHIVE: MODS,
    Action.VIEW_AUDIT_LOG: MODS,
    Action.FLOAT_THREAD: MODS,
    Action.MERGE_IDEAS: MODS,
    Action.MOVE_TO_ONGOING: MODS,
    Action.SET_ISSUE_STATUS: MODS,
    Action.SET_IDEA_STATUS: STARS_UP,
    Action.SET_ROLE: STAFF,
    Action.DECIDE_STARS_APPLICATION: STAFF,
    Action.UPLOAD_AVATAR: frozenset({"star", "staff"}),
    Action.APPLY_FOR_STARS: frozenset({"member"}),
    Action.ENABLE_MESSAGES: EVERYONE,
    Action.SUBSCRIBE: EVERYONE,
    Action.REPORT: EVERYONE,
}


@pytest.mark.parametrize("action, roles", ROLE_MATRIX.items(), ids=_stable_id)
def test_role_matrix(action, roles):
    assert allowed_roles(action, Target(owner_id=OTHER)) == roles


# ------------------------------------------------------------------ the reasons people see


def reason(decision: Decision) -> str:
    assert not decision.allowed
    return decision.reason


def test_report_queue_reason():
    assert reason(can(actor(), Action.VIEW_REPORT_QUEUE)) == (
        "Only moderators and staff can see the report queue."
    )


def test_star_only_boards_are_hidden_from_members():
    assert "Stars" in reason(can(actor(), Action.VIEW_BOARD, on("star_only")))
    assert not can(actor(legend="star"), Action.VIEW_BOARD, on("star_only"))


def test_the_vault_is_read_only_for_everyone():
    for role in ROLES:
        assert reason(can(actor(role), Action.REPLY, on("vault"))) == "The Vault is read-only."
        assert not can(actor(role), Action.REPLY, on("help", archived=True))
    assert can(actor("moderator"), Action.ARCHIVE, on("vault"))


def test_suspended_members_may_look_but_not_write():
    suspended = actor(suspended=True)
    assert can(suspended, Action.VIEW_BOARD, on("help"))
    for action in (Action.REPLY, Action.LIKE, Action.REPORT, Action.SEND_MESSAGE):
        assert reason(can(suspended, action, on("help"))) == "Your account is suspended."
    assert not can(actor("moderator", suspended=True), Action.MODERATE, on("help"))
    assert can(actor("moderator", suspended=True), Action.VIEW_REPORT_QUEUE)


@pytest.mark.parametrize(
    "action, kind",
    [
        (Action.POST_THREAD, "help"),
        (Action.REPLY, "chat"),
        (Action.SUBMIT_IDEA, "ideas"),
        (Action.POST_THREAD, "ideas"),
        (Action.SEND_MESSAGE, None),
        (Action.APPLY_FOR_STARS, None),
    ],
)
def test_writing_needs_a_verified_email(action, kind):
    assert "Verify your email address" in reason(can(actor(email_verified=False), action, on(kind)))


def test_reading_and_liking_need_no_verified_email():
    assert can(actor(email_verified=False), Action.VIEW_BOARD, on("help"))
    assert can(actor(email_verified=False), Action.LIKE, on("help"))


def test_no_liking_voting_or_me_too_on_own_content():
    mine = Target(board_kind="help", owner_id=ME)
    assert reason(can(actor(), Action.LIKE, mine)) == "You can't like your own post."
    assert "own idea" in reason(
        can(actor(), Action.VOTE_IDEA, Target(board_kind="ideas", owner_id=ME))
    )
    assert not can(actor(), Action.ME_TOO, Target(board_kind="ongoing_issues", owner_id=ME))
    assert not can(actor("staff"), Action.LIKE, mine)


def test_reporting_own_post_asks_for_its_removal():
    assert can(actor(), Action.REPORT, Target(board_kind="help", owner_id=ME))


def test_locked_threads_take_replies_only_from_moderators_and_staff():
    locked = on("help", locked=True)
    assert reason(can(actor(), Action.REPLY, locked)) == "This thread is locked."
    assert not can(actor("star"), Action.REPLY, locked)
    assert can(actor("moderator"), Action.REPLY, locked)
    assert can(actor("staff"), Action.REPLY, locked)


def test_removed_content_refuses_all_but_moderators():
    removed = on("help", removed=True)
    for action in (Action.REPLY, Action.LIKE, Action.REPORT, Action.SUBSCRIBE):
        assert reason(can(actor("star"), action, removed)) == "That content was removed."
    assert can(actor("moderator"), Action.MODERATE, removed)


def test_thread_author_or_moderator_marks_the_solution():
    own_thread = Target(board_kind="help", owner_id=OTHER, thread_owner_id=ME)
    assert can(actor(), Action.ACCEPT_SOLUTION, own_thread)
    assert "thread's author" in reason(can(actor("star"), Action.ACCEPT_SOLUTION, on("help")))
    assert can(actor("moderator"), Action.ACCEPT_SOLUTION, on("ongoing_issues"))
    assert not can(actor(), Action.ACCEPT_SOLUTION, replace_kind(own_thread, "chat"))


def replace_kind(target: Target, kind: str) -> Target:
    return Target(board_kind=kind, owner_id=target.owner_id, thread_owner_id=target.thread_owner_id)


def test_own_posts_are_editable():
    assert can(actor(), Action.EDIT_POST, Target(board_kind="help", owner_id=ME))
    assert reason(can(actor(), Action.EDIT_POST, on("help"))) == "You can only edit your own posts."
    assert not can(actor(), Action.EDIT_POST, Target(board_kind="help", owner_id=ME, locked=True))


def test_ideas_closed_take_no_votes():
    assert "closed" in reason(can(actor(), Action.VOTE_IDEA, on("ideas", idea_status_closed=True)))


def test_ongoing_issues_only_by_a_moderators_move():
    assert "moves them from Help" in reason(
        can(actor("staff"), Action.POST_THREAD, on("ongoing_issues"))
    )
    assert can(actor("moderator"), Action.MOVE_TO_ONGOING, on("help"))


def test_faq_and_blog_authors():
    assert "staff" in reason(can(actor("star"), Action.POST_THREAD, on("faq")))
    assert "staff" in reason(can(actor("moderator"), Action.POST_THREAD, on("blog")))
    assert "didn't help" in reason(can(actor(), Action.REPLY, on("faq")))
    assert can(actor(), Action.REPLY, on("blog"))


# ------------------------------------------------------------------ private messages


def to(recipient_age: int | None = 30, enabled: bool = True) -> Target:
    return Target(owner_id=OTHER, recipient_age=recipient_age, recipient_pm_enabled=enabled)


def test_adults_with_messages_on_can_message_each_other():
    assert can(actor(), Action.SEND_MESSAGE, to())


@pytest.mark.parametrize(
    "sender, target, expected",
    [
        (actor(age=None), to(), "Add your birth date to your profile to use private messages."),
        (actor(age=17), to(), "Private messages are for members 18 or over."),
        (actor(pm_enabled=False), to(), "Turn on private messages in your inbox first."),
        (actor(), to(enabled=False), "That member doesn't accept private messages."),
        (actor(), to(recipient_age=16), "That member can't receive private messages."),
        (actor(), to(recipient_age=None), "That member can't receive private messages."),
        (actor(), Target(owner_id=ME, recipient_age=30), "You can't send a message to yourself."),
        (actor("staff"), to(enabled=False), "That member doesn't accept private messages."),
    ],
)
def test_messages_refused_with_why(sender, target, expected):
    assert reason(can(sender, Action.SEND_MESSAGE, target)) == expected


def test_message_age_limit_comes_from_the_community():
    assert can(actor(age=16), Action.SEND_MESSAGE, to(recipient_age=16), min_age=16)
    assert "21 or over" in reason(can(actor(age=20), Action.ENABLE_MESSAGES, min_age=21))


def test_enabling_messages_needs_a_known_adult_age():
    assert can(actor(age=18, pm_enabled=False), Action.ENABLE_MESSAGES)
    assert "birth date" in reason(can(actor(age=None), Action.ENABLE_MESSAGES))
    assert "18 or over" in reason(can(actor(age=17), Action.ENABLE_MESSAGES))


# ------------------------------------------------------------------ roles


def test_stars_application_and_perks():
    assert reason(can(actor("star"), Action.APPLY_FOR_STARS)) == "You're already a Star."
    assert "don't apply" in reason(can(actor("staff"), Action.APPLY_FOR_STARS))
    assert "Stars perk" in reason(can(actor(), Action.UPLOAD_AVATAR))
    assert reason(can(actor("moderator"), Action.SET_ROLE)) == "Only staff can change roles."
