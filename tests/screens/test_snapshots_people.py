"""Snapshots of the rank overview, a profile, settings, the Stars application, a Star's
points, the leaderboard and the staff review (look at the SVGs!)."""

from __future__ import annotations

from screen_helpers import SIZE, SMALL, settle


def _no_blink(app) -> None:
    from textual.widgets import TextArea

    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def showing(make_screen, *keys: str):
    """``run_before``: push the screen ``make_screen()`` builds, then press ``keys``."""

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.push_screen(make_screen())
        await settle(pilot)
        _no_blink(pilot.app)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def _ranks():
    from forum_tui.screens.ranks import RankOverviewScreen

    return RankOverviewScreen()


def test_rank_overview(snap_compare, make_forum_app):
    app = make_forum_app("priya")
    assert snap_compare(app, terminal_size=SIZE, run_before=showing(_ranks))


def test_rank_overview_small_light(snap_compare, make_forum_app):
    app = make_forum_app("priya")

    async def light(pilot):
        await showing(_ranks)(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=light)


def test_member_profile(snap_compare, make_forum_app):
    from forum_tui.screens.member_profile import MemberProfileScreen

    app = make_forum_app("priya")
    assert snap_compare(
        app, terminal_size=SIZE, run_before=showing(lambda: MemberProfileScreen("oskar"))
    )


def test_settings(snap_compare, make_forum_app):
    from forum_tui.screens.settings import SettingsScreen

    app = make_forum_app("mia")
    assert snap_compare(app, terminal_size=SIZE, run_before=showing(SettingsScreen))


def test_stars_application(snap_compare, make_forum_app):
    from forum_tui.screens.stars import StarsApplicationScreen

    app = make_forum_app("hugo")
    assert snap_compare(app, terminal_size=SIZE, run_before=showing(StarsApplicationScreen))


def test_star_points(snap_compare, make_forum_app):
    from forum_tui.screens.stars import StarPointsScreen

    app = make_forum_app("marta")
    assert snap_compare(app, terminal_size=SIZE, run_before=showing(StarPointsScreen))


def test_stars_leaderboard(snap_compare, make_forum_app):
    from forum_tui.screens.stars_board import LeaderboardScreen

    app = make_forum_app("leo")
    assert snap_compare(app, terminal_size=SIZE, run_before=showing(LeaderboardScreen))


def test_stars_review(snap_compare, make_forum_app):
    from forum_tui.screens.stars_review import StarsReviewScreen

    app = make_forum_app("elena")
    assert snap_compare(app, terminal_size=SIZE, run_before=showing(StarsReviewScreen))


def test_settings_small(snap_compare, make_forum_app):
    from forum_tui.screens.settings import SettingsScreen

    app = make_forum_app("leo")  # a Star: the own-avatar field is open
    assert snap_compare(app, terminal_size=SMALL, run_before=showing(SettingsScreen))


def test_stars_review_small(snap_compare, make_forum_app):
    from forum_tui.screens.stars_review import StarsReviewScreen

    app = make_forum_app("elena")
    assert snap_compare(app, terminal_size=SMALL, run_before=showing(StarsReviewScreen))
