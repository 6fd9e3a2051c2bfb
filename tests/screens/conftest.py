"""Fixtures for Pilot and snapshot tests of the screens.

The demo community is built ONCE per session into a template SQLite file and copied for
each test; the forum's clock is frozen at the demo's "now", animations are off and the
cursor does not blink, so snapshots only change when the screens do.

``forum`` is overridden here to be the demo forum, so the store's ``seed`` fixture
(tests/conftest.py) adds content to the same database the app shows.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from forum_tui.store import passwords


def _copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo community in a SQLite file, built once for the whole session."""
    from forum_tui.store.demo import DEMO_NOW, build_demo
    from forum_tui.store.forum import open_forum

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "DEFAULT_N", 2**10)
        forum = open_forum(f"sqlite:///{path}", clock=lambda: DEMO_NOW)
        try:
            build_demo(forum)
        finally:
            forum.close()
    return path


@pytest.fixture
def demo_forum(tmp_path: Path, demo_template: Path) -> Iterator:
    """A private copy of the demo community, with the clock frozen at the demo's now."""
    from forum_tui.store.demo import DEMO_NOW
    from forum_tui.store.forum import open_forum

    path = tmp_path / "forum.db"
    _copy_database(demo_template, path)
    forum = open_forum(f"sqlite:///{path}", clock=lambda: DEMO_NOW)
    yield forum
    forum.close()


@pytest.fixture
def forum(demo_forum):
    """The demo forum (so ``seed`` writes where the app reads)."""
    return demo_forum


@pytest.fixture
def make_forum_app(demo_forum) -> Callable:
    """``make_forum_app()`` signed out, or ``make_forum_app("username")`` signed in."""
    from forum_tui.app import make_app

    def make(username: str | None = None):
        viewer = demo_forum.sign_in_as(username) if username else None
        app = make_app(demo_forum, viewer=viewer)
        app.animation_level = "none"
        return app

    return make


@pytest.fixture
def personas(demo_forum):
    return demo_forum.personas()
