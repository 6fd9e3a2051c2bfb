"""Each layer imports in a fresh interpreter without the modules it must never touch.

screens -> store -> rules, one way only (ARCHITECTURE.md). Screens may use the store's
plain views and errors, but importing the UI must not pull in SQLModel or SQLAlchemy
(that also keeps the first screen fast).
"""

import subprocess
import sys

import pytest
from fresh_python import loaded_modules

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
    "forum_tui.app, forum_tui.screens.home, forum_tui.screens.login, forum_tui.screens.palette, "
    "forum_tui.screens.first_screen, forum_tui.store.start_snapshot": (
        "sqlmodel",
        "sqlalchemy",
        "alembic",
    ),
}


@pytest.mark.parametrize("modules, forbidden", LAYERS.items(), ids=["rules", "store", "ui"])
def test_layer_imports_without_forbidden_modules(modules, forbidden):
    pulled_in = loaded_modules(f"import {modules}", forbidden)
    assert pulled_in == [], f"{modules} pulled in: {pulled_in}"


def test_the_store_loads_no_guideline_checker_until_one_is_used():
    """The checkers' regular expressions (~14 ms to compile) wait for the first write:
    the store is imported before home's first frame (``rules.guidelines.__getattr__``)."""
    checkers = ("ideas", "language", "links", "messages", "personal_data", "posts")
    code = (
        "import sys\n"
        "import forum_tui.store.forum\n"
        "before = sorted(m for m in sys.modules if m.startswith('forum_tui.rules.guidelines.'))\n"
        "from forum_tui.rules import guidelines\n"
        "assert guidelines.check_post is guidelines.posts.check_post\n"
        "print(','.join(before))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = {name.rsplit(".", 1)[1] for name in result.stdout.strip().split(",") if name}
    assert loaded & set(checkers) == set()
