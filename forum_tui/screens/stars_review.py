"""Staff review Stars applications ("Stars applications" in the palette).

The list is the pending applications, oldest first; below it the highlighted one in full
(the applicant's requirements, met or not, and their words). ``a`` accepts, ``d``
declines; the note typed in the box goes with the private message. When the applicant
has messages off, staff are told so on screen (a notification was left instead).
``L`` opens the leaderboard, ``E`` the events.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.stars import requirement_lines
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import member_badge
from forum_tui.widgets.safe import MUTED, join, label, safe

NOTHING = "No applications waiting. New ones appear here."


class StarsReviewScreen(ForumScreen):
    """Pending Stars applications, decided with one key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide(True)", "Accept"),
        Binding("d", "decide(False)", "Decline"),
        Binding("L", "leaderboard", "Leaderboard"),
        Binding("E", "events", "Events", show=False),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.applications: dict[str, views.StarsApplicationView] = {}

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="stars-review", classes="main-pane"):
            yield ForumList(id="review-list")
            with VerticalScroll(id="review-detail"):
                yield Static(label("Loading…", MUTED), id="review-card", markup=False)
            yield Input(
                placeholder="A note for the applicant (optional), then a or d",
                id="review-note",
                compact=True,
            )
        yield KeyFooter()

    @property
    def rows(self) -> ForumList:
        return self.query_one("#review-list", ForumList)

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Stars Program › Applications"))
        self.rows.focus()
        self.load()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        try:
            pending = self.forum.stars_applications(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._card, label(plain_error(error), "$text-error"))
        else:
            self.app.call_from_thread(self._show, pending)

    def _show(self, pending: tuple[views.StarsApplicationView, ...]) -> None:
        self.applications = {str(a.id): a for a in pending}
        self.rows.set_options(
            Option(self._row(application), id=str(application.id)) for application in pending
        )
        if pending:
            self.rows.highlighted = 0
            self._card(self._detail(pending[0]))
        else:
            self._card(label(NOTHING, MUTED))
        self.refresh_bindings()

    def _row(self, application: views.StarsApplicationView) -> Content:
        met = sum(r.met for r in application.requirements)
        total = len(application.requirements)
        return join(
            member_badge(application.member, self.staff_mark, name_style="bold"),
            label(f"   {met}/{total} requirements", MUTED if met == total else "$text-warning"),
            label(f"   {application.created_at:%d %b %Y}", MUTED),
        )

    def _detail(self, application: views.StarsApplicationView) -> Content:
        return join(
            requirement_lines(application.requirements),
            "\n\n",
            safe(application.body),
        )

    def _card(self, content: Content) -> None:
        self.query_one("#review-card", Static).update(content)

    @on(OptionList.OptionHighlighted, "#review-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        application = self.applications.get(event.option.id or "")
        if application is not None:
            self._card(self._detail(application))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return bool(self.applications)
        return True

    def action_decide(self, accept: bool) -> None:
        option = self.rows.highlighted_option
        application = self.applications.get(option.id or "") if option is not None else None
        if application is None:
            return
        note = self.query_one("#review-note", Input).value
        self.decide(application, accept, note)

    @on(Input.Submitted, "#review-note")
    def _note_done(self) -> None:
        self.rows.focus()

    @work(thread=True, group="review-decide")
    def decide(self, application: views.StarsApplicationView, accept: bool, note: str) -> None:
        try:
            result = self.forum.decide_stars_application(
                self.viewer, application.id, accept=accept, note=note
            )
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self._decided, result)

    def _decided(self, result: views.DecisionResult) -> None:
        who = result.application.member.display_name or result.application.member.username
        outcome = "accepted" if result.application.status == "accepted" else "declined"
        if result.message_delivered:
            self.notify(f"{who}: {outcome}. They were told by private message.", markup=False)
        else:
            self.notify(
                f"{who}: {outcome}. They have private messages off, so no message was sent; "
                "a notification was left for them.",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self.query_one("#review-note", Input).value = ""
        self.load()

    def action_leaderboard(self) -> None:
        from forum_tui.screens.stars_board import LeaderboardScreen

        self.app.push_screen(LeaderboardScreen())

    def action_events(self) -> None:
        from forum_tui.screens.stars_board import EventsScreen

        self.app.push_screen(EventsScreen())

    def action_back(self) -> None:
        self.dismiss()
