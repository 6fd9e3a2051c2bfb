"""Dialogs for statuses: set a status with its note, merge an idea into another.

:class:`StatusDialog` lists the statuses the viewer may set (the current one marked),
takes the note members will read, and for an idea's Closed status the requirement it
failed. ``ctrl+s`` applies; ``esc`` leaves. It dismisses with a :class:`StatusChoice`.
When the store says someone else changed the status meanwhile, the thread screen opens
the dialog again with the new state and the note as it was typed.

:class:`MergeDialog` asks which idea a duplicate goes into: one of the similar ideas
listed (``enter``), or an idea number typed in (``ctrl+s``). Dismisses with the id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumModal
from forum_tui.store import views
from forum_tui.widgets.safe import MUTED, join, label, safe_line


@dataclass(frozen=True)
class StatusChoice:
    status_key: str
    note: str
    failed_requirement: int | None
    seen_status: str | None


class StatusDialog(ForumModal):
    """Choose a status and write its note (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Set status", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(
        self,
        detail: views.StatusDetail,
        requirements: tuple[str, ...],
        *,
        note: str = "",
        warning: str = "",
    ) -> None:
        super().__init__(classes="status-dialog")
        self.detail = detail
        self.requirements = requirements
        self.note = note
        self.warning = warning

    def compose(self) -> ComposeResult:
        detail = self.detail
        what = "idea" if detail.kind == "idea" else "issue"
        with Vertical(classes="confirm-card"):
            now = safe_line(detail.status or "no status", "bold $text-accent")
            yield Static(
                join(label(f"Set this {what}'s status  ", "bold"), label("now: ", MUTED), now),
                classes="confirm-title",
                markup=False,
            )
            if self.warning:
                yield Static(label(self.warning, "bold $text-warning"), markup=False)
            options = [
                Option(
                    join(
                        label("● " if o.key == detail.status_key else "  ", "$text-accent"),
                        safe_line(o.name, "bold"),
                        label("  "),
                        safe_line(o.description, MUTED),
                    ),
                    id=o.key,
                )
                for o in detail.options
            ]
            yield OptionList(*options, id="status-options", markup=False)
            yield Select(
                [(f"{n}. {text}", n) for n, text in enumerate(self.requirements, 1)],
                prompt="Requirement it failed (Closed only)",
                id="status-requirement",
            )
            placeholder = (
                "The status note members read with the new status"
                if detail.kind == "idea"
                else "The status update, posted at the top of the thread"
            )
            yield TextArea(self.note, id="status-note", placeholder=placeholder)
            yield Static("", id="status-problem", markup=False)
            hint = "ctrl+s to set the status  ·  esc to go back"
            yield Static(label(hint, MUTED), classes="confirm-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#status-options", OptionList)
        keys = [o.key for o in self.detail.options]
        if self.detail.status_key in keys:
            options.highlighted = keys.index(self.detail.status_key)
        self._show_requirement()
        options.focus()

    @on(OptionList.OptionHighlighted, "#status-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_requirement()

    @on(OptionList.OptionSelected, "#status-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#status-note", TextArea).focus()

    def _chosen(self) -> str | None:
        options = self.query_one("#status-options", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def _show_requirement(self) -> None:
        closing = self.detail.kind == "idea" and self._chosen() == "closed"
        self.query_one("#status-requirement").display = closing

    def action_apply(self) -> None:
        key = self._chosen()
        note = self.query_one("#status-note", TextArea).text
        requirement = None
        if key == "closed" and self.detail.kind == "idea":
            value = self.query_one("#status-requirement", Select).value
            requirement = value if isinstance(value, int) else None
            if requirement is None:
                self._problem("Pick the requirement the idea failed.")
                return
        if key is None:
            self._problem("Pick a status.")
            return
        if not note.strip():
            self._problem("Write the note members will read with the new status.")
            return
        self.dismiss(StatusChoice(key, note, requirement, self.detail.status_key))

    def _problem(self, message: str) -> None:
        self.query_one("#status-problem", Static).update(label(message, "$text-error"))

    def action_leave(self) -> None:
        self.dismiss(None)


class MergeDialog(ForumModal):
    """Which idea does this duplicate go into? (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Merge", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, thread_id: int, title: str) -> None:
        super().__init__(classes="status-dialog")
        self.thread_id = thread_id
        self.title_text = title
        self.ideas: dict[str, views.IdeaSuggestion] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-card"):
            yield Static(
                join(label("Merge “", "bold"), safe_line(self.title_text, "bold"), label("” into")),
                classes="confirm-title",
                markup=False,
            )
            yield Static(label("Similar ideas (enter merges into the highlighted one):", MUTED))
            yield OptionList(id="merge-options", markup=False)
            yield Input(
                placeholder="…or the idea's number (shown as #N), then ctrl+s", id="merge-id"
            )
            yield Static("", id="merge-problem", markup=False)
            hint = "Votes move across, nobody counted twice; this idea will point there."
            yield Static(label(hint, MUTED), classes="confirm-hint", markup=False)

    def on_mount(self) -> None:
        self.load_similar()
        self.query_one("#merge-options").focus()

    @work(thread=True, exclusive=True, group="merge-similar")
    def load_similar(self) -> None:
        try:
            ideas = self.forum.idea_suggestions(self.viewer, self.title_text, limit=8)
        except Exception as error:  # the number can still be typed
            self.log.error(error)
            ideas = ()
        self.app.call_from_thread(self._show, ideas)

    def _show(self, ideas: tuple[views.IdeaSuggestion, ...]) -> None:
        self.ideas = {str(i.thread_id): i for i in ideas if i.thread_id != self.thread_id}
        options = self.query_one("#merge-options", OptionList)
        for key, idea in self.ideas.items():
            row = join(
                label(f"#{idea.thread_id}  ▲ {idea.vote_count}  ", MUTED), safe_line(idea.title)
            )
            options.add_option(Option(row, id=key))
        if not self.ideas:
            options.add_option(Option(label("No similar ideas found: type a number.", MUTED)))

    @on(OptionList.OptionSelected, "#merge-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self.ideas:
            self.dismiss(int(event.option.id))

    def action_apply(self) -> None:
        value = self.query_one("#merge-id", Input).value.strip().lstrip("#")
        if not value.isdigit() or int(value) == self.thread_id:
            self.query_one("#merge-problem", Static).update(
                label("Type the number of another idea, e.g. 42.", "$text-error")
            )
            return
        self.dismiss(int(value))

    def action_leave(self) -> None:
        self.dismiss(None)
