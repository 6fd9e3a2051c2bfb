"""The rank overview ("Ranks" in the palette, ``ctrl+r``, or ``r`` on a profile).

The whole ladder with the member's place, a progress bar for each requirement of the
next rank with the amount missing, where their points come from, their activity over
the last six months (two Sparklines, with the numbers beside them so the chart reads
without colour), the avatars each rank unlocks, and the Star, Legend and staff ranks
explained: those are never reached by points.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, ProgressBar, Sparkline, Static

from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.store import views
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import avatar_label, member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line

MEASURE = 8


def ladder_line(overview: views.RankOverview) -> Content:
    """Visitor ─ Newbie ─ [Music Fan] ─ ... with the member's place marked (brackets
    too, so it reads without colour)."""
    parts: list[Content] = []
    for index, step in enumerate(overview.ladder):
        if index == overview.ladder_index:
            parts.append(
                join(label("[", "bold"), safe_line(step.name, "bold reverse"), label("]", "bold"))
            )
        elif index < overview.ladder_index:
            parts.append(safe_line(step.name))
        else:
            parts.append(safe_line(step.name, MUTED))
    return join(*parts, separator=label(" ─ ", MUTED))


def missing_line(name: str, have: int, need: int, unit: str) -> Content:
    """ "Points  412 / 500  (88 to go)" or "(done)"."""
    left = need - have
    status = label("  ✓ done", "$text-success") if left <= 0 else label(f"  ({left} {unit} to go)")
    return join(label(f"{name:<{MEASURE}}", MUTED), label(f"{have} / {need}", "bold"), status)


def where_from(overview: views.RankOverview) -> Content:
    if not overview.contributions:
        return label("No points yet: post, reply, like and help out to earn them.", MUTED)
    pieces = [
        join(safe_line(name, MUTED), label(f" {'+' if points > 0 else ''}{points}"))
        for name, points in overview.contributions
    ]
    return join(label("Points from  ", MUTED), join(*pieces, separator=label(" · ", MUTED)))


def month_numbers(months: tuple[views.MonthActivity, ...], field: str) -> Content:
    return join(
        *(label(f"{m.label} {getattr(m, field)}") for m in months), separator=label("  ", MUTED)
    )


def avatars_line(names: tuple[str, ...]) -> Content:
    return join(*(avatar_label(name) for name in names), separator="  ")


def ladder_rows(overview: views.RankOverview) -> Content:
    """Every rank with what it takes and what it unlocks."""
    lines = []
    for index, step in enumerate(overview.ladder):
        mark = "▸ " if index == overview.ladder_index else "  "
        style = "bold" if index == overview.ladder_index else ""
        lines.append(
            join(
                label(mark, "$accent"),
                safe_line(step.name, style),
                label(" " * max(1, 16 - len(step.name))),
                label(f"{step.points:>5} pts  {step.min_days:>3} days  ", MUTED),
                avatars_line(step.avatars),
            )
        )
        if step.blurb:
            lines.append(join(label("    "), safe_line(step.blurb, MUTED)))
    return Content("\n").join(lines)


def special_ranks(overview: views.RankOverview) -> Content:
    stars = overview.star_titles
    former_star, former_staff = overview.legend_titles
    lines = [
        label("Never reached by points", "bold"),
        join(
            label("Stars  ", "$text-accent"),
            safe_line(f"{stars[0]} … {stars[-2]}, then {stars[-1]}. ", ""),
            safe_line(overview.star_blurb, MUTED),
        ),
        label("       Join by applying to the Stars Program (palette: Stars Program).", MUTED),
        join(
            label("Legends  ", "$text-accent"),
            safe_line(f"{former_star}: a former Star. {former_staff}: former staff."),
        ),
        join(
            label("Staff  ", "$text-accent"),
            safe_line(", ".join(overview.staff_titles) + ". "),
            safe_line(overview.staff_blurb, MUTED),
        ),
    ]
    return Content("\n").join(lines)


class RankOverviewScreen(ForumScreen):
    """Where a member stands on the ladder, and exactly what gets them to the next rank."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("a", "stars", "Stars Program"),
        Binding("L", "leaderboard", "Leaderboard"),  # Stars, moderators and staff
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, username: str | None = None) -> None:
        super().__init__()
        self.username = username

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with VerticalScroll(id="ranks", classes="main-pane"):
            yield Label(label("Loading…", MUTED), id="ranks-status", markup=False)
            yield Static(Content(""), id="ranks-who", markup=False)
            yield Static(Content(""), id="ranks-ladder", markup=False)
            yield Static(Content(""), id="ranks-next", markup=False)
            with Horizontal(classes="ranks-measure", id="ranks-points-row"):
                yield Static(Content(""), id="ranks-points", markup=False)
                yield ProgressBar(show_eta=False, id="ranks-points-bar")
            with Horizontal(classes="ranks-measure", id="ranks-days-row"):
                yield Static(Content(""), id="ranks-days", markup=False)
                yield ProgressBar(show_eta=False, id="ranks-days-bar")
            yield Static(Content(""), id="ranks-from", markup=False)
            yield Label(label("Last six months", "bold"), classes="ranks-title")
            with Horizontal(classes="ranks-chart"):
                yield Label(label("Posts", MUTED), classes="ranks-chart-name")
                yield Sparkline([], id="ranks-posts-chart")
            yield Static(Content(""), id="ranks-posts-numbers", classes="ranks-numbers")
            with Horizontal(classes="ranks-chart"):
                yield Label(label("Likes in", MUTED), classes="ranks-chart-name")
                yield Sparkline([], id="ranks-likes-chart")
            yield Static(Content(""), id="ranks-likes-numbers", classes="ranks-numbers")
            yield Static(Content(""), id="ranks-avatars", markup=False)
            yield Label(label("The ladder", "bold"), classes="ranks-title")
            yield Static(Content(""), id="ranks-rows", markup=False)
            yield Static(Content(""), id="ranks-special", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Ranks"))
        self.query_one("#ranks").focus()
        self.load()

    @work(thread=True, exclusive=True, group="ranks")
    def load(self) -> None:
        try:
            overview = self.forum.rank_overview(self.viewer, self.username)
        except Exception as error:
            self.app.call_from_thread(self._failed, plain_error(error))
        else:
            self.app.call_from_thread(self.show, overview)

    def _failed(self, message: str) -> None:
        self.query_one("#ranks-status", Label).update(label(message, "$text-error"))

    def show(self, overview: views.RankOverview) -> None:
        self.query_one("#ranks-status").display = False
        who = join(
            member_name(overview.member, self.staff_mark),
            label("  "),
            safe_line(overview.title, "bold $text-primary"),
        )
        self._put("#ranks-who", who)
        self._put("#ranks-ladder", ladder_line(overview))
        self._show_progress(overview)
        self._put("#ranks-from", where_from(overview))
        months = overview.months
        self.query_one("#ranks-posts-chart", Sparkline).data = [m.posts for m in months]
        self.query_one("#ranks-likes-chart", Sparkline).data = [m.likes_received for m in months]
        self._put("#ranks-posts-numbers", month_numbers(months, "posts"))
        self._put("#ranks-likes-numbers", month_numbers(months, "likes_received"))
        avatars = join(label("Avatars unlocked  ", MUTED), avatars_line(overview.avatars_unlocked))
        if overview.next_rank and overview.next_avatars:
            avatars = join(
                avatars,
                label("\nNext unlock       ", MUTED),
                avatars_line(overview.next_avatars),
                label(" at ", MUTED),
                safe_line(overview.next_rank),
            )
        self._put("#ranks-avatars", avatars)
        self._put("#ranks-rows", ladder_rows(overview))
        self._put("#ranks-special", special_ranks(overview))

    def _show_progress(self, overview: views.RankOverview) -> None:
        rows = (self.query_one("#ranks-points-row"), self.query_one("#ranks-days-row"))
        if overview.next_rank is None:
            self._put("#ranks-next", label("Composer: the top of the member ladder.", "bold"))
            for row in rows:
                row.display = False
            return
        intro = join(label("To ", "bold"), safe_line(overview.next_rank, "bold"), label(":"))
        if not overview.by_activity:
            intro = join(
                safe_line(overview.title, "bold"),
                label(" is not reached by points. By activity alone: ", MUTED),
                safe_line(overview.ladder[overview.ladder_index].name),
                label(". To ", MUTED),
                safe_line(overview.next_rank),
                label(":", MUTED),
            )
        self._put("#ranks-next", intro)
        assert overview.next_points is not None and overview.next_days is not None
        self._put(
            "#ranks-points", missing_line("Points", overview.points, overview.next_points, "points")
        )
        self._put(
            "#ranks-days", missing_line("Days", overview.days_member, overview.next_days, "days")
        )
        points_bar = self.query_one("#ranks-points-bar", ProgressBar)
        points_bar.update(
            total=max(1, overview.next_points), progress=min(overview.points, overview.next_points)
        )
        days_bar = self.query_one("#ranks-days-bar", ProgressBar)
        days_bar.update(
            total=max(1, overview.next_days), progress=min(overview.days_member, overview.next_days)
        )

    def _put(self, selector: str, content: Content) -> None:
        self.query_one(selector, Static).update(content)

    def action_scroll_down(self) -> None:
        self.query_one("#ranks", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#ranks", VerticalScroll).scroll_up()

    def action_stars(self) -> None:
        from forum_tui.screens.stars import open_stars

        open_stars(self.forum_app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leaderboard":
            return self.viewer.role in ("star", "moderator", "staff")
        return True

    def action_leaderboard(self) -> None:
        from forum_tui.screens.stars_board import LeaderboardScreen

        self.app.push_screen(LeaderboardScreen())

    def action_back(self) -> None:
        self.dismiss()
