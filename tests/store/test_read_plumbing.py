"""The plumbing that keeps hot reads cheap: quick view builders and the compiled cache."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.util import LRUCache

from forum_tui.store.compiled_cache import KEPT, CompiledByIdentity
from forum_tui.store.convert import badge_from_values
from forum_tui.store.models import Member
from forum_tui.store.views import MemberBadge, PostView
from forum_tui.store.views.core import quick_builder

BADGE = ("7", "ana", "Ana", "Regular", "@", "member", None, None, None, None)


def _post_values() -> tuple:
    author = badge_from_values(BADGE)
    when = datetime(2026, 1, 2, 3, 4, 5)
    return (1, 2, 3, author, "hello", when, None, 4, True, False, False, True, None, None)


def test_a_quick_builder_makes_the_same_view_as_the_constructor() -> None:
    values = _post_values()
    built = quick_builder(PostView)(*values)
    made = PostView(*values)
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    with pytest.raises(AttributeError):
        built.body = "changed"  # still frozen


def test_a_quick_builder_refuses_a_wrong_number_of_values() -> None:
    with pytest.raises(ValueError):
        quick_builder(PostView)(*_post_values()[:-1])


def test_badges_are_remembered_by_their_values_and_new_values_make_a_new_badge() -> None:
    first = badge_from_values(BADGE)
    assert badge_from_values(tuple(BADGE)) is first
    renamed = badge_from_values(("7", "ana", "Ana B", *BADGE[3:]))
    assert renamed.display_name == "Ana B" and first.display_name == "Ana"
    assert isinstance(first, MemberBadge)


def test_the_compiled_cache_finds_a_prebuilt_statement_by_identity(sqlite_forum) -> None:
    fallback = LRUCache(10)
    cache = CompiledByIdentity(fallback)
    statement = select(Member.id).where(Member.id == bindparam("member_id"))
    engine = sqlite_forum.engine.execution_options(compiled_cache=cache)
    with engine.connect() as connection:
        for _ in range(3):
            connection.execute(statement, {"member_id": 1}).all()
        # A statement built anew each time, equal to the first: SQLAlchemy's own cache.
        rebuilt = select(Member.id).where(Member.id == bindparam("member_id"))
        connection.execute(rebuilt, {"member_id": 1}).all()
    assert len(fallback) == 1  # compiled once for both
    keys = list(cache._by_identity.values())
    assert len(keys) == 2 and keys[0][1] is keys[1][1]  # the same compiled form


def test_the_compiled_cache_starts_over_when_full() -> None:
    cache = CompiledByIdentity({})
    keys = [("dialect", (n,), (), False, False) for n in range(KEPT + 1)]
    for key in keys:
        cache[key] = object()
    assert len(cache._by_identity) == 1
    assert cache.get(keys[0]) is not None  # still in the fallback


def test_a_bare_connection_read_is_one_read_only_transaction(sqlite_forum, sqlite_url) -> None:
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        with sqlite_forum._read_connection() as connection:
            assert connection.connection.driver_connection.in_transaction
            connection.execute(select(Member.id).limit(1)).all()
            other.execute("BEGIN IMMEDIATE")  # a reader does not block a writer
            other.execute("ROLLBACK")
    finally:
        other.close()
