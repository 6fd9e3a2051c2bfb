"""The one door to the data: the ``Forum`` service.

Each public method is one use case. It checks permissions (``rules.permissions.can``),
then the guidelines, then does its work in one transaction and returns plain frozen
dataclasses (``views.py``), or raises a ``ForumError`` whose message is fit to show a
person. Reads return pages, never whole tables. Every method opens its own session, so a
``Forum`` may be used from worker threads.

INTERFACE CONTRACT (being implemented): the signatures below are what screens call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from forum_tui.rules.community import Community
from forum_tui.store.views import (
    AreaView,
    BoardView,
    MemberBadge,
    Page,
    Persona,
    PostView,
    ThreadSummary,
    ThreadView,
    Viewer,
)

Clock = Callable[[], datetime]


class Forum:
    def __init__(self, engine, clock: Clock, community: Community) -> None:
        self.engine = engine
        self.clock = clock
        self.community = community

    def now(self) -> datetime:
        """The service's clock: naive UTC. Screens use it for "3 days ago"."""
        return self.clock()

    # -- set-up
    def sync_community(self) -> None:
        """Mirror the community file's areas and boards into the database (by slug)."""
        raise NotImplementedError

    def is_demo(self) -> bool:
        raise NotImplementedError

    # -- people
    def add_member(
        self,
        username: str,
        password: str,
        *,
        role: str = "member",
        display_name: str | None = None,
        email_verified: bool = True,
        birth_date: date | None = None,
        staff_title: str | None = None,
    ) -> MemberBadge:
        raise NotImplementedError

    def set_role(self, username: str, role: str, *, staff_title: str | None = None) -> MemberBadge:
        raise NotImplementedError

    def sign_in(self, username: str, password: str) -> Viewer:
        raise NotImplementedError

    def sign_in_as(self, username: str) -> Viewer:
        """Demo databases only: sign in as a persona without a password."""
        raise NotImplementedError

    def personas(self) -> tuple[Persona, ...]:
        raise NotImplementedError

    # -- reading
    def areas(self, viewer: Viewer) -> tuple[AreaView, ...]:
        raise NotImplementedError

    def board(self, viewer: Viewer, slug: str) -> BoardView:
        raise NotImplementedError

    def board_threads(
        self, viewer: Viewer, slug: str, cursor: str | None = None, limit: int = 40
    ) -> Page[ThreadSummary]:
        raise NotImplementedError

    def thread(self, viewer: Viewer, thread_id: int) -> ThreadView:
        raise NotImplementedError

    def thread_posts(
        self, viewer: Viewer, thread_id: int, after: int = 0, limit: int = 40
    ) -> Page[PostView]:
        raise NotImplementedError

    def mark_read(self, viewer: Viewer, thread_id: int, position: int) -> None:
        raise NotImplementedError
