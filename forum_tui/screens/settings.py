"""Settings ("Settings" in the palette, ``e`` on your profile).

Display name (emoji welcome: the preview shows it at the width the terminal draws it),
username, pronouns from the community's list, an avatar among those your rank unlocks,
a Star's own glyph, birth date (given once: it decides what opens at 18; staff correct
it), and whether private messages are on. ``ctrl+s`` saves; a refusal names the field
and the rule, and every field keeps what was typed.

Private messages: the button beside their state opens the inbox's own steps
(``PrivateMessengerDialog``: disclaimer, Accept, Confirm, 18+), so there is one way to
turn them on or off wherever it is done.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader, refresh_badges
from forum_tui.widgets.member import avatar_glyph, avatar_label, drawable
from forum_tui.widgets.safe import MUTED, join, label, safe_line

FIELD = 16
MESSAGES_LINE = "the same steps as in the inbox (I)"
DATE_HINT = "Birth date: write it as YYYY-MM-DD, e.g. 1996-02-11."


def parse_birth_date(text: str) -> date | None:
    """``""`` -> None; "1996-02-11" -> a date; anything else -> ValueError."""
    text = text.strip()
    if not text:
        return None
    return date.fromisoformat(text)


class SettingsScreen(ForumScreen):
    """Your name, pronouns, avatar and birth date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.settings: views.SettingsView | None = None

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="settings", classes="main-pane"):
            yield from self._row(
                "Username", Input(id="settings-username", max_length=40, compact=True)
            )
            yield from self._row(
                "Display name", Input(id="settings-display-name", max_length=160, compact=True)
            )
            yield Static(Content(""), id="settings-preview", classes="settings-note", markup=False)
            yield from self._row(
                "Pronouns", Select([], prompt="Not shown", id="settings-pronouns", compact=True)
            )
            current = self.viewer.avatar
            yield from self._row(
                "Avatar",
                Select(
                    [(avatar_label(current), current)],
                    allow_blank=False,
                    id="settings-avatar",
                    compact=True,
                ),
            )
            yield from self._row(
                "Own avatar",
                Input(id="settings-glyph", max_length=2, placeholder="e.g. ✪", compact=True),
            )
            yield Static(
                Content(""), id="settings-glyph-note", classes="settings-note", markup=False
            )
            yield from self._row(
                "Birth date",
                Input(id="settings-birth-date", placeholder="YYYY-MM-DD", compact=True),
            )
            yield Static(
                join(label(" " * FIELD), label("Given once: it decides what opens at 18.", MUTED)),
                classes="settings-note",
                markup=False,
            )
            with Horizontal(classes="settings-row"):
                yield Static(
                    Content(""), id="settings-messages", classes="settings-note", markup=False
                )
                yield Button("Turn on or off…", id="settings-messages-button", compact=True)
            yield Label(Content(""), id="settings-message", markup=False)
        yield KeyFooter()

    def _row(self, name: str, field) -> ComposeResult:
        with Horizontal(classes="settings-row"):
            yield Label(label(f"{name:<{FIELD}}", MUTED), classes="settings-label")
            yield field

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Settings"))
        self.load()

    @work(thread=True, exclusive=True, group="settings")
    def load(self) -> None:
        try:
            settings = self.forum.my_settings(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._fill, settings)

    def _fill(self, settings: views.SettingsView) -> None:
        self.settings = settings
        self._input("username").value = settings.username
        self._input("display-name").value = settings.display_name
        pronouns = self.query_one("#settings-pronouns", Select)
        pronouns.set_options((label(choice), choice) for choice in settings.pronoun_choices)
        pronouns.value = settings.pronouns if settings.pronouns else Select.NULL
        avatars = self.query_one("#settings-avatar", Select)
        choices = list(settings.avatar_choices)
        if settings.avatar not in choices:
            choices.insert(0, settings.avatar)
        avatars.set_options((avatar_label(name), name) for name in choices)
        avatars.value = settings.avatar
        glyph = self._input("glyph")
        glyph.value = settings.custom_glyph or ""
        glyph.disabled = not settings.may_use_custom_avatar
        self._glyph_note()
        born = settings.birth_date
        self._input("birth-date").value = born.isoformat() if born else ""
        self._input("birth-date").disabled = born is not None  # set once: staff correct it
        state = "on" if settings.pm_enabled else "off"
        self.query_one("#settings-messages", Static).update(
            join(
                label(f"{'Messages':<{FIELD + 1}}", MUTED),
                label(f"{state}   ", "bold"),
                label(MESSAGES_LINE, MUTED),
            )
        )
        self._preview()
        self._input("display-name").focus()

    @on(Button.Pressed, "#settings-messages-button")
    def _messages_setting(self) -> None:
        from forum_tui.screens.messenger_setting import PrivateMessengerDialog

        def changed(result: bool | None) -> None:
            if result is not None:
                self.load()

        self.app.push_screen(PrivateMessengerDialog(), changed)

    def _input(self, name: str) -> Input:
        return self.query_one(f"#settings-{name}", Input)

    @on(Input.Changed, "#settings-display-name")
    def _preview(self) -> None:
        name = self._input("display-name").value
        shown = safe_line(name, "bold")
        self.query_one("#settings-preview", Static).update(
            join(
                label(" " * FIELD),
                label("shown as ", MUTED),
                shown,
                label(f"  ({shown.cell_length} cells wide)", MUTED),
            )
        )

    @on(Input.Changed, "#settings-glyph")
    def _glyph_note(self) -> None:
        settings = self.settings
        note = self.query_one("#settings-glyph-note", Static)
        pad = label(" " * FIELD)
        if settings is None or not settings.may_use_custom_avatar:
            note.update(join(pad, label("Your own avatar is a Stars perk.", MUTED)))
            return
        glyph = self._input("glyph").value.strip()
        avatar = self.query_one("#settings-avatar", Select).value
        fallback = avatar if isinstance(avatar, str) else settings.avatar
        if not glyph:
            words = label("One character. Empty: your avatar above.", MUTED)
        elif drawable(glyph):
            words = join(
                label("shown as ", MUTED),
                avatar_glyph(fallback, glyph),
                label("; where a terminal can't draw it: ", MUTED),
                avatar_glyph(fallback),
            )
        else:
            words = join(
                label("this terminal can't draw it; shown as ", MUTED), avatar_glyph(fallback)
            )
        note.update(join(pad, words))

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#settings-message", Label).update(label(message, style))

    # -- saving

    def action_save(self) -> None:
        settings = self.settings
        if settings is None:
            return
        try:
            born = parse_birth_date(self._input("birth-date").value)
        except ValueError:
            self._say(DATE_HINT, "$text-error")
            self._input("birth-date").focus()
            return
        pronouns = self.query_one("#settings-pronouns", Select).value
        avatar = self.query_one("#settings-avatar", Select).value
        self.save(
            settings,
            username=self._input("username").value,
            display_name=self._input("display-name").value,
            pronouns=pronouns if isinstance(pronouns, str) else None,
            avatar=avatar if isinstance(avatar, str) else settings.avatar,
            birth_date=born,
            glyph=self._input("glyph").value,
        )

    @work(thread=True, exclusive=True, group="settings-save")
    def save(
        self,
        settings: views.SettingsView,
        *,
        username: str,
        display_name: str,
        pronouns: str | None,
        avatar: str,
        birth_date: date | None,
        glyph: str,
    ) -> None:
        forum, viewer = self.forum, self.viewer
        step = "settings"
        try:
            viewer = forum.save_settings(
                viewer,
                display_name=display_name,
                pronouns=pronouns,
                avatar=avatar,
                birth_date=birth_date,
            )
            if username.strip() != settings.username:
                step = "username"
                viewer = forum.change_username(viewer, username)
            if settings.may_use_custom_avatar and glyph.strip() != (settings.custom_glyph or ""):
                step = "glyph"
                viewer = forum.set_custom_avatar(viewer, glyph)
            fresh = forum.my_settings(viewer)
        except Exception as error:
            self.app.call_from_thread(self._refused, step, plain_error(error))
        else:
            self.app.call_from_thread(self._saved, viewer, fresh)

    def _refused(self, step: str, message: str) -> None:
        prefix = {"username": "Username: ", "glyph": "Own avatar: "}.get(step, "")
        self._say(prefix + message, "$text-error")
        focus = {"username": "username", "glyph": "glyph"}.get(step)
        if focus is None and message.startswith("Display name"):
            focus = "display-name"
        elif focus is None and message.startswith("Birth date"):
            focus = "birth-date"
        if focus:
            self._input(focus).focus()

    def _saved(self, viewer: views.Viewer, fresh: views.SettingsView) -> None:
        self.settings = fresh
        self.forum_app.viewer = viewer
        for header in self.query(ForumHeader):
            header.show_viewer(viewer)
        refresh_badges(self.app)
        self._input("birth-date").disabled = fresh.birth_date is not None
        self._say("Saved.", "$text-success")
        self._glyph_note()

    def action_back(self) -> None:
        self.dismiss()
