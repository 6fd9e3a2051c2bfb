"""Each layer imports in a fresh interpreter without the modules it must never touch.

screens -> store -> rules, one way only (ARCHITECTURE.md). Screens may use the store's
plain views and errors, but importing the UI must not pull in SQLModel or SQLAlchemy
(that also keeps the first screen fast).
"""

import subprocess
import sys

import pytest

LAYERS = {
    "forum_tui.rules.community, forum_tui.rules.text, forum_tui.rules.names, "
    "forum_tui.rules.permissions, forum_tui.rules.ranks, forum_tui.rules.guidelines, "
    "forum_tui.rules.stars, forum_tui.rules.months": (
        "textual",
        "rich",
        "sqlmodel",
        "sqlalchemy",
        "forum_tui.store",
        "forum_tui.screens",
        "forum_tui.widgets",
        "forum_tui.app",
    ),
    "forum_tui.store.forum, forum_tui.store.database, forum_tui.store.demo": (
        "textual",
        "forum_tui.screens",
        "forum_tui.widgets",
        "forum_tui.app",
    ),
    # The app imports its screens lazily (paint first), so name the first ones too.
    "forum_tui.app, forum_tui.screens.home, forum_tui.screens.login, forum_tui.screens.palette": (
        "sqlmodel",
        "sqlalchemy",
        "alembic",
    ),
}


@pytest.mark.parametrize("modules, forbidden", LAYERS.items(), ids=["rules", "store", "ui"])
def test_layer_imports_without_forbidden_modules(modules, forbidden):
    code = (
        "import sys\n"
        f"import {modules}\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r} "
        f"or any(m == f or m.startswith(f + '.') for f in {forbidden!r}))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{modules} pulled in: {result.stdout.strip()}"
