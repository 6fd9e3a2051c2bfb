"""The one door to the data: the ``Forum`` service.

Each public method is one use case. It checks permissions (``rules.permissions.can``),
then the guidelines, then does its work in one transaction and returns plain frozen
dataclasses (``views``), or raises a ``ForumError`` whose message is fit to show a
person. Reads return pages, never whole tables. Every method opens its own session, so a
``Forum`` may be used from worker threads.

``Forum`` is one object composed of one mixin per family of use cases; this module keeps
construction, set-up, sign-in and people:

- ``reading.Reading``: areas, boards, board pages, threads, posts, read marks
  (``areas``, ``board``, ``board_threads``, ``thread``, ``thread_posts``, ``mark_read``).
- ``writing.Writing``: ``check_post``, ``post_thread``, ``reply``, ``edit_post``,
  ``post_history``, ``toggle_like``, ``accept_solution``, ``clear_solution``,
  ``set_floated`` (with ``guard.Guard``: the guidelines, applied).
- ``reporting.Reporting``: ``report_post``, ``request_removal``.
- ``moderation.Moderation``: dismiss, remove, claims (and what every action shares);
  ``moderation_threads``: lock, move, archive, restore, close an idea;
  ``moderation_members``: warn, suspend, lift; ``moderation_undo.ModerationUndo``: undo
  (it holds all of them). ``moderation_queue.ModerationQueue``: the report queue, one
  item in full, the open count; ``audit_log.AuditLog``: the audit log.
- ``following.Following``: subscriptions, "next unread", notifications.
- ``drafts.Drafts``: ``save_draft``, ``draft``, ``drafts``, ``discard_draft``.
- ``searching.Searching``: ``search``, ``similar_threads``, ``similar_ideas``,
  ``rebuild_search_index`` (over ``search.SearchIndex``: FTS5 or ``tsvector``).
- ``joining.Joining``: ``sign_up``, verification and reset codes by mail, the pace
  of failed sign-ins (``sign_in`` below asks it); ``help_wizard.HelpWizard``:
  ``help_matches`` (FAQ articles and solved threads for the Help Wizard).
- ``profiles.Profiles``: ``rank_overview``, ``member_profile``, ``my_settings``,
  ``save_settings``, ``change_username``, ``set_custom_avatar``, ``recompute_ranks``.
- ``stars.Stars``: the Stars Program (applications, points, levels);
  ``star_rewards.StarRewards``: the ledger, Premium, the leaderboard, events.
- ``inbox_writing.InboxWriting`` (built on ``inbox.Inbox``, the reads): private
  messages: the Private Messenger setting, conversations, sending, replying, search,
  blocks. ``reporting.Reporting`` also reports messages and shows moderators a reported
  message's context.
- ``ideas.Ideas``: ``submit_idea``, ``idea_suggestions``, ``merge_ideas``; over
  ``issues.Issues`` (``move_to_ongoing``, ``move_back_to_help``),
  ``status_lists.StatusLists`` (``status_threads``), ``status_detail.StatusDetails``
  and ``statuses.Statuses`` (``set_status``, ``toggle_vote``): ideas and Ongoing Issues
  alike.
- ``changes.Changes``: ``change_mark`` (a cheap poll: has anyone posted since?).
- ``access.Service``: what they share (sessions, the acting member, visibility checks);
  ``convert``: rows -> views.

Sessions: ``_reading()`` runs a read-only transaction (a deferred ``BEGIN`` on SQLite,
never blocking writers), ``_writing()`` a write transaction (``BEGIN IMMEDIATE`` on
SQLite). Password hashing (deliberately slow) happens outside any transaction, so a
sign-in never holds the write lock. Permissions are asked of the member row as it is
*now* (role, suspension), not of the ``Viewer`` the screen holds, which may be stale.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules.community import Community
from forum_tui.rules.permissions import ROLES
from forum_tui.store.access import (
    MAX_PAGE,
    MODERATOR_ROLES,
    UNREAD_COUNT_CAP,
    UNREAD_WINDOW,
    _assign,
    _current,
    _is_demo,
    _member_by_name,
)
from forum_tui.store.audit_log import AuditLog  # --- moderation
from forum_tui.store.changes import Changes  # --- responsiveness: the change poll
from forum_tui.store.clock import Clock, utc_now
from forum_tui.store.convert import _badge, _persona, _post_view, _viewer
from forum_tui.store.database import guarded, open_database, read_engine
from forum_tui.store.drafts import Drafts
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound, SignInFailed
from forum_tui.store.following import Following
from forum_tui.store.help_wizard import HelpWizard
from forum_tui.store.ideas import Ideas  # --- ideas and Ongoing Issues (issues 11, 12)
from forum_tui.store.inbox_writing import InboxWriting
from forum_tui.store.joining import Joining
from forum_tui.store.models import Area, Board, Member
from forum_tui.store.moderation_queue import ModerationQueue  # --- moderation
from forum_tui.store.moderation_undo import ModerationUndo  # --- moderation
from forum_tui.store.passwords import dummy_verify, hash_password, verify_password
from forum_tui.store.profiles import Profiles
from forum_tui.store.reading import Reading
from forum_tui.store.reporting import Reporting
from forum_tui.store.searching import Searching
from forum_tui.store.star_rewards import StarRewards
from forum_tui.store.stars import Stars
from forum_tui.store.views import MemberBadge, Persona, Viewer
from forum_tui.store.writing import Writing

__all__ = [
    "MAX_PAGE",
    "MODERATOR_ROLES",
    "UNREAD_COUNT_CAP",
    "UNREAD_WINDOW",
    "WRONG_SIGN_IN",
    "Clock",
    "Forum",
    "_badge",
    "_current",
    "_post_view",
    "_viewer",
    "open_forum",
    "utc_now",
]

WRONG_SIGN_IN = "Wrong username or password."


def open_forum(
    url: str, *, community: Community | None = None, clock: Clock | None = None
) -> Forum:
    """Open (create, migrate) the database at ``url`` and return a synced ``Forum``."""
    from forum_tui.rules.community import load_community

    engine = open_database(url)
    forum = Forum(engine, clock or utc_now, community or load_community(None))
    try:
        guarded(forum.sync_community, url)  # its reads are the first past the schema
    except BaseException:
        forum.close()
        raise
    return forum


class Forum(
    Ideas,  # --- issues 11, 12: first, since it builds on Writing
    Reading,
    Writing,
    Reporting,
    Following,
    Drafts,
    Searching,
    Joining,  # --- issue 14: sign-up, codes by mail, slowed sign-ins
    HelpWizard,  # --- issue 14: the Help Wizard's matches
    Profiles,  # --- issue 13: ranks, profiles, settings
    Stars,  # --- issue 13: the Stars Program
    StarRewards,  # --- issue 13: ledger, Premium, leaderboard, events
    InboxWriting,  # --- inbox (issue 10): inbox.Inbox's reads and the writes
    ModerationUndo,  # --- moderation: triage actions (moderation*.py) and undo
    ModerationQueue,  # --- moderation: the report queue
    AuditLog,  # --- moderation: the audit log
    Changes,  # --- responsiveness: the change poll behind live lists
):
    """The service: one object, the only door to the data (see the module docstring)."""

    def __init__(self, engine, clock: Clock, community: Community) -> None:
        self.engine = engine
        self.clock = clock
        self.community = community
        self._reader = read_engine(engine)
        self._board_slugs = frozenset(board.slug for board in community.boards)
        self._unread_statements = {}
        self._driver_plans = {}  # store.driver_reads: compiled for this engine

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # ------------------------------------------------------------------ set-up

    def sync_community(self) -> None:
        """Mirror the community file's areas and boards into the database (by slug)."""
        try:
            self._sync_community()
        except IntegrityError:
            # Another process synced at the same moment: its rows are there now.
            self._sync_community()

    def _sync_community(self) -> None:
        with self._writing() as session:
            areas = {area.slug: area for area in session.exec(select(Area))}
            boards = {board.slug: board for board in session.exec(select(Board))}
            for area_position, area in enumerate(self.community.areas):
                area_row = areas.get(area.slug) or Area(slug=area.slug, name=area.name)
                _assign(
                    area_row, name=area.name, description=area.description, position=area_position
                )
                session.add(area_row)
                session.flush()
                for position, board in enumerate(area.boards):
                    row = boards.get(board.slug) or Board(
                        slug=board.slug, name=board.name, kind=board.kind, area_id=area_row.id
                    )
                    _assign(
                        row,
                        area_id=area_row.id,
                        name=board.name,
                        kind=board.kind,
                        description=board.description,
                        guidelines=board.guidelines,
                        position=position,
                    )
                    session.add(row)

    def is_demo(self) -> bool:
        with self._reading() as session:
            return _is_demo(session)

    def is_empty(self) -> bool:
        """True when nobody has joined yet (a brand-new database)."""
        with self._reading() as session:
            return session.exec(select(Member.id).limit(1)).first() is None

    # ------------------------------------------------------------------ people

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
        """Add a member (``forum-tui user add``, the demo builder). Validated by the rules."""
        username = names.clean_username(username)
        problem = names.check_username(username, self.community)
        if problem:
            raise InvalidInput(problem)
        display_name = username if display_name is None else display_name.strip()
        problem = names.check_display_name(display_name, self.community)
        if problem:
            raise InvalidInput(problem)
        _check_role(role)
        staff_title = self._staff_title(role, staff_title)
        if not password:
            raise InvalidInput("The password cannot be empty.")
        password_hash = hash_password(password)  # slow on purpose: outside the transaction
        key = names.username_key(username)
        try:
            with self._writing() as session:
                _refuse_taken(session, username, key)
                member = Member(
                    username=username,
                    username_key=key,
                    display_name=display_name,
                    password_hash=password_hash,
                    role=role,
                    staff_title=staff_title,
                    star_level=1 if role == "star" else 0,
                    email_verified=email_verified,
                    birth_date=birth_date,
                    created_at=self.now(),
                )
                member.rank = self._rank(member)
                session.add(member)
                session.flush()
                return _badge(member)
        except IntegrityError:
            raise InvalidInput(f"The username {username} is taken.") from None

    def set_role(self, username: str, role: str, *, staff_title: str | None = None) -> MemberBadge:
        """Change a member's role (``forum-tui user role``). Former Stars and staff who
        become members again are Legends."""
        _check_role(role)
        staff_title = self._staff_title(role, staff_title)
        with self._writing() as session:
            member = _member_by_name(session, username)
            if role == "member" and member.role in ("star", "staff"):
                member.legend = member.role
            elif role != "member":
                member.legend = None
            if role == "star" and member.star_level < 1:
                member.star_level = 1
            member.role = role
            member.staff_title = staff_title
            member.rank = self._rank(member)
            session.add(member)
            session.flush()
            return _badge(member)

    def sign_in(self, username: str, password: str) -> Viewer:
        """Check a username and password. Unknown names and wrong passwords get the same
        answer, in about the same time."""
        key = names.username_key(username)
        with self._reading() as session:
            found = session.exec(
                select(Member.id, Member.password_hash).where(Member.username_key == key)
            ).first()
            failures = self._sign_in_pause(session, key, found[0] if found else None)  # joining
        if found is None:
            dummy_verify(password)
            self._record_failed_sign_in(key, None)
            raise SignInFailed(WRONG_SIGN_IN)
        member_id, password_hash = found
        if not verify_password(password, password_hash):
            self._record_failed_sign_in(key, member_id)
            raise SignInFailed(WRONG_SIGN_IN)
        if failures:
            self._clear_failed_sign_ins(key, member_id)
        return self._signed_in(member_id)

    def sign_in_as(self, username: str) -> Viewer:
        """Demo databases only: sign in as a persona without a password."""
        with self._reading() as session:
            if not _is_demo(session):
                raise NotAllowed(
                    "--as works only on a demo database, and this one is not a demo. "
                    "Start without --as and sign in with your username and password."
                )
            member = session.exec(
                select(Member).where(
                    Member.username_key == names.username_key(username),
                    Member.is_demo_persona,
                )
            ).first()
            if member is None:
                known = ", ".join(persona.username for persona in self._personas(session))
                raise NotFound(
                    f"There is no persona called {username!r}. The personas are: {known}."
                )
            member_id = member.id
        return self._signed_in(member_id)

    def _signed_in(self, member_id: int) -> Viewer:
        with self._writing() as session:
            member = session.get(Member, member_id)
            if member is None:
                raise SignInFailed(WRONG_SIGN_IN)
            # --- moderation: a suspended member signs in to read; every write is refused
            # (rules.permissions) and the header says until when.
            now = self.now()
            member.last_seen_at = now
            session.add(member)
            self._rerank(session, member, now)  # --- issue 13: days of membership count too
            return _viewer(member)

    def who_am_i(self, viewer: Viewer) -> Viewer:
        """The signed-in member as they are now (rank, name and settings change)."""
        with self._reading() as session:
            return _viewer(_current(session, viewer))

    def personas(self) -> tuple[Persona, ...]:
        """The demo personas, members first (up the rank ladder), then Stars, moderators
        and staff."""
        with self._reading() as session:
            return self._personas(session)

    def _personas(self, session: Session) -> tuple[Persona, ...]:
        members = session.exec(select(Member).where(Member.is_demo_persona)).all()
        ladder = {rank.name: index for index, rank in enumerate(self.community.ranks.member)}

        def order(member: Member):
            return (
                ROLES.index(member.role) if member.role in ROLES else len(ROLES),
                member.legend is not None,
                ladder.get(member.rank, len(ladder)),
                member.star_level,
                member.username_key,
            )

        return tuple(_persona(member) for member in sorted(members, key=order))

    # ------------------------------------------------------------------ helpers

    def _staff_title(self, role: str, title: str | None) -> str | None:
        """Staff carry one of the community's staff titles (the first one by default)."""
        titles = self.community.ranks.staff_titles
        if role != "staff":
            if title:
                raise InvalidInput("Only staff have a staff title.")
            return None
        if not title:
            return titles[0] if titles else None
        for known in titles:
            if known.casefold() == title.strip().casefold():
                return known
        raise InvalidInput(f"Unknown staff title {title!r}: use one of {', '.join(titles)}.")


# ---------------------------------------------------------------------- small helpers


def _refuse_taken(session: Session, username: str, key: str) -> None:
    existing = session.exec(select(Member.username).where(Member.username_key == key)).first()
    if existing is None:
        return
    if existing.casefold() == username.casefold():
        raise InvalidInput(f"The username {username} is taken.")
    raise InvalidInput(
        f"The username {username} looks too much like {existing}, which is taken. Choose another."
    )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")
