"""The member widgets' pronouns and a Star's own avatar glyph, with its fallback."""

from __future__ import annotations

import sys

from forum_tui.store.views import MemberBadge
from forum_tui.widgets import member


def _badge(**changes) -> MemberBadge:
    fields = dict(
        id=1,
        username="leo",
        display_name="Leo",
        rank="Rising Star 2",
        avatar="star-silver",
        role="star",
        is_staff=False,
    )
    fields.update(changes)
    return MemberBadge(**fields)


def test_pronouns_beside_the_name_only_when_chosen():
    assert member.member_name(_badge(pronouns="he/him"), "◆").plain == "Leo (he/him)"
    assert member.member_name(_badge(), "◆").plain == "Leo"
    assert member.member_name(_badge(pronouns="he/him"), "◆", pronouns=False).plain == "Leo"


def test_pronouns_are_shown_literally():
    shown = member.member_name(_badge(pronouns="[bold]x[/bold]"), "◆")
    assert shown.plain == "Leo ([bold]x[/bold])"


def test_own_glyph_when_the_terminal_can_draw_it(monkeypatch):
    assert member.avatar_label("star-silver", "✪").plain == "✪ own avatar"
    assert member.member_badge(_badge(custom_glyph="✪"), "◆").plain.startswith("✪ Leo")

    class Latin1:
        encoding = "latin-1"

    monkeypatch.setattr(sys, "__stdout__", Latin1())
    assert member.avatar_label("star-silver", "✪").plain == "★ star-silver"
    assert member.drawable("é")
