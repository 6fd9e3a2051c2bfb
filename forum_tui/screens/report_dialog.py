"""``!`` on a post: "Report inappropriate content", as the reference community has it.

A reason is required (the community's report reasons; "Please delete my post" comes first
when the post is one's own, and then the report asks for the post's removal); a few words
of detail and a Community Guideline number are optional. The store's refusals (no reason,
already reported, a guideline number out of range) are shown in the dialog, above the
buttons, and nothing typed is lost. The dialog dismisses with the thank-you notice to show,
or None when cancelled.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store import views
from forum_tui.widgets.member import member_name
from forum_tui.widgets.post_view import post_body
from forum_tui.widgets.safe import MUTED, join, label

DELETE_MY_POST = "Please delete my post"
#: The detail is sent as part of the reason, which the store keeps to 400 characters.
DETAIL_MAX = 300
EXCERPT_CELLS = 200
REPORTED = "Thank you: your report went to the moderators."
REMOVAL_ASKED = "Your request to remove this post went to the moderators."


class ReasonSet(RadioSet):
    """The reasons, one to choose: j/k or arrows to move, space or enter to choose."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "next_button", "Next reason", show=False),
        Binding("k", "previous_button", "Previous reason", show=False),
    ]


class ReportDialog(ForumModal):
    """Report a post: reason (required), detail and guideline number (optional)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Send report"),
        Binding("ctrl+g", "guidelines", "Guidelines"),  # --- 14: the list, at the number typed
    ]

    def __init__(self, post: views.PostView) -> None:
        super().__init__()
        self.post = post
        self.sending = False

    @property
    def own_post(self) -> bool:
        return self.post.author.id == self.viewer.id

    def reasons(self) -> list[str]:
        """The community's reasons; "Please delete my post" first on one's own post and
        left out on anyone else's (only authors may ask for their post's removal)."""
        reasons = list(self.community.report_reasons)
        delete = [r for r in reasons if r.casefold() == DELETE_MY_POST.casefold()]
        others = [r for r in reasons if r not in delete]
        if not self.own_post:
            return others
        return (delete or [DELETE_MY_POST]) + others

    def compose(self) -> ComposeResult:
        guidelines = len(self.community.guidelines)
        with Vertical(id="report-card"):
            yield Static(self._title(), id="report-title", markup=False)
            with VerticalScroll(id="report-form"):
                yield Static(self._excerpt(), id="report-excerpt", markup=False)
                yield Label(label("Reason (required)", "bold"), classes="report-label")
                with ReasonSet(id="report-reasons", compact=True):
                    for reason in self.reasons():
                        yield RadioButton(label(reason), name=reason)
                yield Label(label("Details (optional)", "bold"), classes="report-label")
                yield Input(
                    placeholder="What is wrong, in a few words",
                    max_length=DETAIL_MAX,
                    compact=True,
                    id="report-detail",
                )
                with Horizontal(id="report-guideline-row"):
                    yield Label(
                        label(f"Guideline number (optional, 1–{guidelines})", "bold"),
                        id="report-guideline-label",
                    )
                    yield Input(compact=True, max_length=4, id="report-guideline")
                yield Static(Content(""), id="report-guideline-text", markup=False)
            yield Static(Content(""), id="report-message", markup=False)
            with Horizontal(id="report-buttons"):
                yield Button(
                    label("Send report"), variant="primary", id="report-send", compact=True
                )
                yield Button(label("Cancel"), id="report-cancel", compact=True)
                yield Static(
                    label("space chooses · ctrl+s sends · esc", MUTED),
                    id="report-hint",
                )

    def _title(self) -> Content:
        words = "Ask for your post's removal, or report it" if self.own_post else "Report a post"
        return join(
            label(words, "bold"),
            label(f"  ·  #{self.post.position} by ", MUTED),
            member_name(self.post.author, self.community.staff_mark, MUTED),
        )

    def _excerpt(self) -> Content:
        first = post_body(self.post).split("\n")
        text = Content(" ").join(line for line in first[:3] if line.plain.strip())
        return text.truncate(EXCERPT_CELLS, ellipsis=True).stylize(MUTED)

    def on_mount(self) -> None:
        self.query_one(ReasonSet).focus()

    def action_guidelines(self) -> None:  # --- 14
        from forum_tui.screens.guidelines import GuidelinesScreen

        number, _problem = self.guideline()
        self.app.push_screen(GuidelinesScreen(number))

    # -- the form

    @property
    def reason(self) -> str:
        pressed = self.query_one(ReasonSet).pressed_button
        return (pressed.name or "") if pressed is not None else ""

    @property
    def detail(self) -> str:
        return " ".join(self.query_one("#report-detail", Input).value.split())

    def guideline(self) -> tuple[int | None, str]:
        """(number or None, the plain-words problem with what was typed, or "")."""
        text = self.query_one("#report-guideline", Input).value.strip()
        count = len(self.community.guidelines)
        if not text:
            return None, ""
        if not text.isdigit() or not 1 <= int(text) <= count:
            return None, (
                f"Guidelines are numbered 1 to {count}: type one of those, or leave it empty."
            )
        return int(text), ""

    @on(Input.Changed, "#report-guideline")
    def _guideline_typed(self) -> None:
        number, problem = self.guideline()
        shown = self.query_one("#report-guideline-text", Static)
        if problem:
            shown.update(label(problem, "$text-error"))
        elif number is not None:
            text = self.community.guidelines[number - 1]
            shown.update(join(label(f"{number}. ", "bold"), label(text, MUTED)))
        else:
            shown.update(Content(""))

    @on(RadioSet.Changed)
    def _reason_chosen(self) -> None:
        self._say("")

    @on(Input.Submitted)
    @on(Button.Pressed, "#report-send")
    def _send_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#report-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if self.sending:
            return
        number, problem = self.guideline()
        if problem:
            self._say(problem)
            self.query_one("#report-guideline", Input).focus()
            return
        self.sending = True
        self.query_one("#report-send", Button).disabled = True
        self._say("Sending…", MUTED)
        removal = self.own_post and self.reason.casefold() == DELETE_MY_POST.casefold()
        self.send(self.reason, self.detail, number, removal)

    @work(thread=True, exclusive=True, group="report")
    def send(self, reason: str, detail: str, number: int | None, removal: bool) -> None:
        try:
            if removal:
                self.forum.request_removal(self.viewer, self.post.id, detail)
            else:
                full = f"{reason}: {detail}" if reason and detail else reason
                self.forum.report_post(self.viewer, self.post.id, full, guideline_number=number)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self.dismiss, REMOVAL_ASKED if removal else REPORTED)

    def _refused(self, message: str) -> None:
        self.sending = False
        self.query_one("#report-send", Button).disabled = False
        self._say(message)
        if not self.reason:
            self.query_one(ReasonSet).focus()

    def _say(self, message: str, style: str = "$text-error") -> None:
        box = self.query_one("#report-message", Static)
        box.update(label(message, style) if message else Content(""))
        box.display = bool(message)
