"""Where ranks, settings and the Stars Program hook into the app: ``ctrl+r`` and the
palette's "Ranks", "Settings", "Stars Program", "Stars leaderboard" and "Stars
applications" (each shown only to whom it serves)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from forum_tui.app import ForumApp


def show_ranks(app: ForumApp) -> None:
    from forum_tui.screens.ranks import RankOverviewScreen

    if app.viewer is not None and not isinstance(app.screen, RankOverviewScreen):
        app.push_screen(RankOverviewScreen())


def show_settings(app: ForumApp) -> None:
    from forum_tui.screens.settings import SettingsScreen

    if not isinstance(app.screen, SettingsScreen):
        app.push_screen(SettingsScreen())


def show_leaderboard(app: ForumApp) -> None:
    from forum_tui.screens.stars_board import LeaderboardScreen

    app.push_screen(LeaderboardScreen())


def show_review(app: ForumApp) -> None:
    from forum_tui.screens.stars_review import StarsReviewScreen

    app.push_screen(StarsReviewScreen())


def show_stars(app: ForumApp) -> None:
    from forum_tui.screens.stars import open_stars

    open_stars(app)


def people_commands(app: ForumApp) -> Iterator[SystemCommand]:
    viewer = app.viewer
    if viewer is None:
        return
    yield SystemCommand(
        "Ranks",
        "Your place on the rank ladder and what gets you to the next (ctrl+r)",
        lambda: show_ranks(app),
    )
    yield SystemCommand(
        "Settings",
        "Display name, username, pronouns, avatar, birth date",
        lambda: show_settings(app),
    )
    yield SystemCommand(
        "Stars Program",
        "Apply, or your Star points, Premium and the ledger",
        lambda: show_stars(app),
    )
    if viewer.role in ("star", "moderator", "staff"):
        yield SystemCommand(
            "Stars leaderboard",
            "This month's Star points, top ten highlighted",
            lambda: show_leaderboard(app),
        )
    if viewer.role == "staff":
        yield SystemCommand(
            "Stars applications",
            "Review and decide Stars applications",
            lambda: show_review(app),
        )
