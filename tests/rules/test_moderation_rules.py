"""rules.moderation and the moderation rows of the permission table."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from forum_tui.rules import moderation as rules
from forum_tui.rules.permissions import ROLES, Action, Actor, Target, can

NOW = datetime(2026, 11, 20, 12, 0)


def test_suspension_lengths_are_checked_with_the_range_in_the_refusal():
    assert rules.check_suspension(1) is None
    assert rules.check_suspension(365 * 24) is None
    for hours in (0, 0.5, 365 * 24 + 1, -3):
        assert "1 hour to 365 days" in rules.check_suspension(hours)
    assert rules.suspension_words(72) == "3 days"
    assert rules.suspension_words(1) == "1 hour"
    assert rules.suspension_words(36) == "36 hours"


def test_claims_lapse():
    claimed = NOW - timedelta(minutes=5)
    assert "lapses in 10 minutes" in rules.claim_refusal("jonas", claimed, NOW)
    assert rules.claim_refusal("jonas", NOW - timedelta(minutes=16), NOW) is None


def test_warnings_must_say_something():
    assert "empty" in rules.check_warning("  \n ")
    assert rules.check_warning("Please stop.") is None
    assert "4000" in rules.check_warning("x" * 4001)
    text = rules.warning_text(name="dana", what="post", where="F4F", reason="Spam")
    assert "dana" in text and "“F4F”" in text and "(Spam)" in text


def test_outcomes_never_name_the_moderator_and_leave_removed_titles_out():
    assert rules.outcome_text("removed", "post", None) == (
        "Your report of a post: it was removed. Thank you for helping."
    )
    assert "“Title”" in rules.outcome_text("locked", "post", "Title")


MEMBER_ACTIONS = (Action.MODERATE, Action.ARCHIVE, Action.WARN_MEMBER, Action.SUSPEND_MEMBER)


@pytest.mark.parametrize("action", MEMBER_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_every_moderation_action_against_every_role(role, action):
    actor = Actor(id=1, role=role)
    on_member = Target(owner_id=2, owner_role="member")
    on_staff = Target(owner_id=2, owner_role="staff")
    allowed = can(actor, action, on_member)
    assert bool(allowed) == (role in ("moderator", "staff")), allowed.reason
    if not allowed:
        assert allowed.reason.startswith("Only moderators and staff")
    staff_ok = can(actor, action, on_staff)
    assert bool(staff_ok) == (role == "staff")
    if role == "moderator":
        assert staff_ok.reason.startswith("Moderators can't act on staff")
    suspended = Actor(id=1, role=role, suspended=True, suspended_until=NOW)
    refused = can(suspended, action, on_member)
    assert not refused and "suspended until 20 November 2026, 12:00 UTC" in refused.reason


@pytest.mark.parametrize("action", (Action.WARN_MEMBER, Action.SUSPEND_MEMBER))
def test_nobody_warns_or_suspends_themself(action):
    decision = can(Actor(id=1, role="staff"), action, Target(owner_id=1, owner_role="staff"))
    assert not decision and "yourself" in decision.reason
