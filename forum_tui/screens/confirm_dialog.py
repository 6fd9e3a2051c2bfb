"""A yes/no question over the current screen, and the "edit or post anyway" warnings.

:class:`ConfirmDialog` asks one question with a few lines of explanation: ``y`` (or the
go button) answers True; ``n``, ``esc`` (or the back button, focused first) answer False.
Going back is always the default, so a stray ``enter`` never does the risky thing.

:class:`WarningsDialog` is the dialog the guidelines need: the post may go, but the member
should see the warnings first (personal data, ...). It lists each ``GuidelineNotice``
(safe text: a notice may quote part of the post) and offers "Edit" (the default, esc) and
"Post anyway" (``y`` or ``ctrl+s``, the compose screen's post key pressed again).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from forum_tui.store.views import GuidelineNotice
from forum_tui.widgets.safe import MUTED, join, label, safe

__all__ = ["ConfirmDialog", "WarningsDialog", "notice_lines"]


class ConfirmDialog(ModalScreen[bool]):
    """A question with "go" and "back" answers; back (False) is the default."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "Back", show=False),
    ]

    def __init__(
        self,
        title: str,
        lines: Sequence[Content] = (),
        *,
        go: str = "Yes",
        back: str = "Cancel",
        go_keys: str = "y",
        go_variant: str = "warning",
        footnote: Content | None = None,
    ) -> None:
        super().__init__(classes="confirm-dialog")
        self.title_text = title
        self.lines = tuple(lines)
        self.go = go
        self.back = back
        self.go_keys = go_keys
        self.go_variant = go_variant
        self.footnote = footnote

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-card"):
            yield Static(label(self.title_text, "bold"), classes="confirm-title", markup=False)
            if self.lines:
                with VerticalScroll(classes="confirm-lines"):
                    for line in self.lines:
                        yield Static(line, classes="confirm-line", markup=False)
            if self.footnote is not None:
                yield Static(self.footnote, classes="confirm-footnote", markup=False)
            with Horizontal(classes="confirm-buttons"):
                yield Button(self.back, variant="primary", id="confirm-back")
                yield Button(self.go, variant=self.go_variant, id="confirm-go")  # type: ignore[arg-type]
            hint = f"{self.go_keys} to {self.go.lower()}  ·  esc to {self.back.lower()}"
            yield Static(label(hint, MUTED), classes="confirm-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-back", Button).focus()

    @on(Button.Pressed, "#confirm-go")
    def _go(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def notice_lines(notices: Sequence[GuidelineNotice]) -> list[Content]:
    """One line per notice: a mark by severity, then the message (safe text)."""
    marks = {"refuse": ("✗ ", "bold $text-error"), "warn": ("⚠ ", "bold $text-warning")}
    lines = []
    for notice in notices:
        mark, style = marks.get(notice.severity, ("• ", "bold"))
        lines.append(join(label(mark, style), safe(notice.message)))
    return lines


class WarningsDialog(ConfirmDialog):
    """ "Before you post": the warnings, then Edit (default) or Post anyway."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "answer(True)", "Post anyway", show=False, priority=True),
        Binding("g", "guidelines", "Read the guideline", show=False),  # --- 14
    ]

    def __init__(self, notices: Sequence[GuidelineNotice]) -> None:
        reported = any(notice.files_report for notice in notices)
        footnote = (
            label("If you post anyway, the moderators will be asked to take a look.", MUTED)
            if reported
            else None
        )
        cited = next((notice.guideline for notice in notices if notice.guideline), None)
        if cited:  # --- 14: g opens the Guidelines screen at the one cited
            more = label(f"g to read guideline {cited}.", MUTED)
            footnote = join(footnote, "\n", more) if footnote else more
        super().__init__(
            "Before you post",
            notice_lines(notices),
            go="Post anyway",
            back="Edit",
            go_keys="y or ctrl+s",
            footnote=footnote,
        )
        self.notices = tuple(notices)

    def action_guidelines(self) -> None:  # --- 14
        from forum_tui.screens.guideline_notices import open_guidelines

        open_guidelines(self.app, self.notices)
