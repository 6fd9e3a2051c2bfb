"""The Stars Program ("Stars Program" in the palette; ``a`` on the rank overview; ``n`` on
the Stars Application board).

- Members see each requirement met or not (✓/✗ and why), their latest application, and
  write a few words to staff; ``ctrl+s`` applies, or says plainly which requirement is
  missing. What they typed stays when it is refused.
- Stars see their points: balance, level and the next one, the last six months (a
  Sparkline and the totals), the quarterly Premium perk, the ledger's entries;
  ``P`` redeems points for Premium (individual plan, after a confirmation), ``L`` opens
  the monthly leaderboard, ``E`` the Star-only events, ``X`` leaves the program.
- Staff are sent to the review queue (``stars_review.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Sparkline, Static, TextArea

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.safe import MUTED, join, label, safe_line

STATUS_WORDS = {
    "pending": ("Under review", "$text-warning"),
    "accepted": ("Accepted", "$text-success"),
    "declined": ("Not accepted", "$text-error"),
}


def open_stars(app) -> None:
    """The right Stars screen for the viewer: staff review, Stars their points, members
    the application."""
    from forum_tui.screens.stars_review import StarsReviewScreen

    viewer = app.viewer
    if viewer is None:
        return
    if viewer.role == "staff":
        app.push_screen(StarsReviewScreen())
    elif viewer.role == "star":
        app.push_screen(StarPointsScreen())
    else:
        app.push_screen(StarsApplicationScreen())


def requirement_lines(requirements: tuple[views.RequirementView, ...]) -> Content:
    """ "✓ 3 months a member   Member for 400 days." — the mark reads without colour."""
    lines = []
    for requirement in requirements:
        mark = (
            label("✓ ", "bold $text-success")
            if requirement.met
            else label("✗ ", "bold $text-error")
        )
        lines.append(
            join(
                mark,
                safe_line(requirement.name, "bold" if not requirement.met else ""),
                label(" " * max(1, 24 - len(requirement.name))),
                safe_line(requirement.detail, MUTED),
            )
        )
    return Content("\n").join(lines)


def application_line(application: views.StarsApplicationView) -> Content:
    words, style = STATUS_WORDS.get(application.status, (application.status, ""))
    return join(
        label("Your application of "),
        label(f"{application.created_at:%d %b %Y}", "bold"),
        label(": "),
        label(words, f"bold {style}"),
    )


class StarsApplicationScreen(ForumScreen):
    """Apply to the Stars Program: requirements first, then a few words to staff."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status: views.StarsStatus | None = None

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="stars-apply", classes="main-pane"):
            yield Static(
                label(
                    "Stars are Community superusers: they help members, chat about music "
                    "and help staff with ideas. Staff read every application; the answer "
                    "arrives by private message.",
                    MUTED,
                ),
                id="stars-intro",
            )
            yield Label(label("Requirements", "bold"), classes="stars-title")
            yield Static(label("Loading…", MUTED), id="stars-requirements", markup=False)
            yield Static(Content(""), id="stars-latest", markup=False)
            yield Label(label("Why would you like to be a Star?", "bold"), classes="stars-title")
            yield TextArea(id="stars-body", soft_wrap=True, show_line_numbers=False)
            yield Label(Content(""), id="stars-message", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Stars Program › Apply"))
        self.query_one("#stars-body", TextArea).focus()
        self.load()

    @work(thread=True, exclusive=True, group="stars")
    def load(self) -> None:
        try:
            status = self.forum.stars_status(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._show, status)

    def _show(self, status: views.StarsStatus) -> None:
        self.status = status
        self.query_one("#stars-requirements", Static).update(requirement_lines(status.requirements))
        latest = self.query_one("#stars-latest", Static)
        latest.update(application_line(status.application) if status.application else Content(""))
        latest.display = status.application is not None
        if status.may_apply:
            self._say("All set: write a few words, then ctrl+s to apply.", "$text-success")
        else:
            self._say(status.refusal, "$text-warning")

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#stars-message", Label).update(label(message, style))

    def action_apply(self) -> None:
        self.apply(self.query_one("#stars-body", TextArea).text)

    @work(thread=True, exclusive=True, group="stars-apply")
    def apply(self, body: str) -> None:
        try:
            self.forum.apply_for_stars(self.viewer, body)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._applied)

    def _applied(self) -> None:
        self.query_one("#stars-body", TextArea).text = ""
        self.notify("Application sent. Staff will answer by private message.", markup=False)
        self.load()

    def action_back(self) -> None:
        self.dismiss()


class StarPointsScreen(ForumScreen):
    """A Star's points: balance, level, months, Premium, and the ledger."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("L", "leaderboard", "Leaderboard"),
        Binding("E", "events", "Events"),
        Binding("P", "redeem", "Redeem Premium"),
        Binding("X", "leave", "Leave program", show=False),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ledger: views.StarLedger | None = None

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="stars-points", classes="main-pane"):
            yield Static(label("Loading…", MUTED), id="stars-summary", markup=False)
            yield Label(label("Last six months", "bold"), classes="stars-title")
            with Horizontal(classes="ranks-chart"):
                yield Label(label("Earned", MUTED), classes="ranks-chart-name")
                yield Sparkline([], id="stars-months-chart")
            yield Static(Content(""), id="stars-months", classes="ranks-numbers", markup=False)
            yield Static(Content(""), id="stars-premium", markup=False)
            yield Label(label("Ledger", "bold"), classes="stars-title")
            yield Static(Content(""), id="stars-entries", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Stars Program › Your points"))
        self.query_one("#stars-points").focus()
        self.load()

    @work(thread=True, exclusive=True, group="stars")
    def load(self) -> None:
        try:
            ledger = self.forum.star_ledger(self.viewer)
        except Exception as error:
            self.app.call_from_thread(
                self._put, "#stars-summary", label(plain_error(error), "$text-error")
            )
        else:
            self.app.call_from_thread(self._show, ledger)

    def _show(self, ledger: views.StarLedger) -> None:
        self.ledger = ledger
        self._put("#stars-summary", summary(ledger))
        self.query_one("#stars-months-chart", Sparkline).data = [m.earned for m in ledger.monthly]
        self._put(
            "#stars-months",
            join(
                *(label(f"{m.label[:3]} {m.earned}") for m in ledger.monthly),
                separator=label("  ", MUTED),
            ),
        )
        self._put("#stars-premium", premium_lines(ledger))
        self._put("#stars-entries", ledger_lines(ledger.entries))

    def _put(self, selector: str, content: Content) -> None:
        self.query_one(selector, Static).update(content)

    def action_scroll_down(self) -> None:
        self.query_one("#stars-points", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#stars-points", VerticalScroll).scroll_up()

    def action_leaderboard(self) -> None:
        from forum_tui.screens.stars_board import LeaderboardScreen

        self.app.push_screen(LeaderboardScreen())

    def action_events(self) -> None:
        from forum_tui.screens.stars_board import EventsScreen

        self.app.push_screen(EventsScreen())

    def action_redeem(self) -> None:
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        ledger = self.ledger
        if ledger is None:
            return
        question = ConfirmDialog(
            f"Redeem {ledger.premium_cost} points for {ledger.premium_plan}?",
            [label(f"You have {ledger.balance} points. Only the individual plan can be redeemed.")],
            go="Redeem",
            go_variant="primary",
        )
        self.app.push_screen(question, self._redeem_answer)

    def _redeem_answer(self, answer: bool | None) -> None:
        if answer and self.ledger is not None:
            self.redeem(self.ledger.premium_plan)

    @work(thread=True, group="stars-redeem")
    def redeem(self, plan: str) -> None:
        try:
            self.forum.redeem_premium(self.viewer, plan)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self.notify, f"Redeemed for {plan}.", markup=False)
            self.app.call_from_thread(self.load)

    def action_leave(self) -> None:
        from forum_tui.screens.confirm_dialog import ConfirmDialog

        former = self.community.ranks.former_star
        question = ConfirmDialog(
            "Leave the Stars Program?",
            [
                label(
                    f"You become a {former}. Your ledger is kept. Re-joining means applying again."
                )
            ],
            go="Leave",
        )
        self.app.push_screen(question, self._leave_answer)

    def _leave_answer(self, answer: bool | None) -> None:
        if answer:
            self.leave()

    @work(thread=True, group="stars-leave")
    def leave(self) -> None:
        try:
            self.forum.leave_stars(self.viewer)
            viewer = self.forum.who_am_i(self.viewer)
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self._left, viewer)

    def _left(self, viewer: views.Viewer) -> None:
        from forum_tui.widgets.header import refresh_badges

        self.forum_app.viewer = viewer
        refresh_badges(self.app)
        self.notify(f"You are now a {viewer.rank}. Thank you!", markup=False)
        self.dismiss()

    def action_back(self) -> None:
        self.dismiss()


def summary(ledger: views.StarLedger) -> Content:
    level = join(label("Level ", MUTED), safe_line(ledger.member.rank, "bold $text-primary"))
    if ledger.next_level_points is not None:
        to_go = max(0, ledger.next_level_points - ledger.earned)
        level = join(
            level,
            label(f"   next level at {ledger.next_level_points} earned ({to_go} to go)", MUTED),
        )
    return join(
        label("Balance ", MUTED),
        label(f"{ledger.balance} points", "bold"),
        label(f"   earned in all {ledger.earned}", MUTED),
        "\n",
        level,
    )


def premium_lines(ledger: views.StarLedger) -> Content:
    so_far = " + ".join(str(points) for points in ledger.quarter_points) or "0"
    last = (
        label(f"✓ eligible for {ledger.last_quarter}", "bold $text-success")
        if ledger.premium_eligible_last_quarter
        else label(f"✗ not eligible for {ledger.last_quarter}", MUTED)
    )
    return join(
        label("Free Premium  ", "bold"),
        last,
        "\n",
        label(f"              {ledger.quarter} so far: {so_far} points", MUTED),
        label(" (points in every month of a quarter earn it)", MUTED),
        "\n",
        label("Redeem        ", "bold"),
        label(f"{ledger.premium_cost} points for {ledger.premium_plan} (P)", ""),
    )


def ledger_lines(entries: tuple[views.LedgerEntry, ...]) -> Content:
    if not entries:
        return label("No points yet. Staff award points for quality posts and help.", MUTED)
    lines = []
    for entry in entries:
        style = "$text-success" if entry.points > 0 else "$text-error"
        lines.append(
            join(
                label(f"{_day(entry.created_at):<12}", MUTED),
                label(f"{entry.points:>+6}  ", f"bold {style}"),
                safe_line(entry.reason),
            )
        )
    return Content("\n").join(lines)


def _day(when: datetime) -> str:
    return f"{when.day} {when:%b %Y}"
