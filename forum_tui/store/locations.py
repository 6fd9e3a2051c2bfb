"""Where the database is: ``--db``, else ``FORUM_TUI_DATABASE_URL``, else the default file.

Kept apart from ``database`` (engines, migrations) so it imports nothing heavy: the start
looks for a snapshot of its first screen (``start_snapshot``) before SQLAlchemy is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FORUM_TUI_DATABASE_URL"
APP_NAME = "forum-tui"
DEFAULT_FILE = "forum.db"


def default_database_path() -> Path:
    """``forum.db`` in the platform's user data directory (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def chosen_database(db: str | None) -> str | Path:
    """What ``--db`` names: a URL (anything with ``://``, as given) or a file path (made
    absolute). With no ``--db``, ``FORUM_TUI_DATABASE_URL`` decides, else the default file."""
    if not db:
        db = os.environ.get(ENV_VAR) or None
    if not db:
        return default_database_path().absolute()
    if "://" in db:
        return db
    return Path(db).expanduser().absolute()
