"""Snapshots of issue 14's screens (look at the SVGs!): sign-up with refused fields at
80x24 and 100x32, the verification dialog, the Help Wizard with matches, and the
Guidelines opened at a cited one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from screen_helpers import SIZE, SMALL, persona_with, settle
from textual.widgets import Input

from forum_tui.store.mail import Mailer, MailSettings

OUTBOX = "/home/someone/.local/share/forum-tui/outbox"


@pytest.fixture
def fixed_outbox(demo_forum, tmp_path, monkeypatch):
    """Codes go to a temporary outbox, but the note names a fixed path (stable SVGs)."""
    from forum_tui.store import joining

    demo_forum.mailer = Mailer(MailSettings(outbox=tmp_path / "outbox"))
    real_note = joining.Joining._mail_note

    def note(self, sent, address):
        shown = real_note(self, sent, address)
        return replace(shown, note=shown.note.replace(str(tmp_path / "outbox"), OUTBOX))

    monkeypatch.setattr(joining.Joining, "_mail_note", note)


def sign_up_refused(pilot_steps=()):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        values = {
            "#signup-username": "Oskar",
            "#signup-display_name": "Jen 🎸",
            "#signup-email": "jen.example.com",
            "#signup-birth_date": "2001-06-02",
            "#signup-password": "password",
        }
        for selector, value in values.items():
            pilot.app.screen.query_one(selector, Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)

    return run_before


def test_sign_up_refused_fields(snap_compare, make_forum_app):
    assert snap_compare(make_forum_app(), terminal_size=SIZE, run_before=sign_up_refused())


def test_sign_up_refused_fields_small(snap_compare, make_forum_app):
    assert snap_compare(make_forum_app(), terminal_size=SMALL, run_before=sign_up_refused())


def test_verify_email_dialog_after_a_wrong_code(snap_compare, make_forum_app, fixed_outbox):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.action_verify_email()
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        pilot.app.screen.query_one("#verify-code", Input).value = "000000"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_forum_app("noah"), terminal_size=SIZE, run_before=run_before)


def _wizard(title: str):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("tab", *title)
        await pilot.pause(0.5)
        await settle(pilot)

    return run_before


def test_help_wizard_with_matches(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    assert snap_compare(app, terminal_size=SIZE, run_before=_wizard("downloads vanish"))


def test_help_wizard_small(snap_compare, make_forum_app, personas):
    app = make_forum_app(persona_with(personas, role="member", rank="Regular").username)
    assert snap_compare(app, terminal_size=SMALL, run_before=_wizard("downloads vanish"))


def test_guidelines_at_a_cited_one_light(snap_compare, make_forum_app):
    async def run_before(pilot):
        from forum_tui.screens.guidelines import GuidelinesScreen

        pilot.app.theme = "textual-light"
        await settle(pilot)
        pilot.app.push_screen(GuidelinesScreen(8))
        await settle(pilot)

    assert snap_compare(make_forum_app(), terminal_size=SIZE, run_before=run_before)


def test_reset_password_after_sending_a_code_small(snap_compare, make_forum_app, fixed_outbox):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.screen.query_one("#username", Input).value = "mia"
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_forum_app(), terminal_size=SMALL, run_before=run_before)
