"""Alembic environment for forum-tui.

Configured in code, not by an ``alembic.ini``: ``forum_tui.store.database`` builds the
``Config`` with ``script_location`` pointing here and passes an open connection in
``config.attributes["connection"]``, so migrations run the same from a source tree and
from an installed package. For ``alembic revision --autogenerate`` during development, set
``sqlalchemy.url`` with ``-x url=...`` or FORUM_TUI_DATABASE_URL.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import forum_tui.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from forum_tui.store.search import include_object

config = context.config
target_metadata = SQLModel.metadata


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: later migrations use batch mode there.
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from forum_tui.store.database import make_engine

    engine = make_engine(_url())
    try:
        with engine.begin() as connection:
            _configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


def _url() -> str:
    from forum_tui.store.database import resolve_url

    return context.get_x_argument(as_dictionary=True).get("url") or resolve_url(
        config.get_main_option("sqlalchemy.url")
    )


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
