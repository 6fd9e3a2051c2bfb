"""Profiles, settings and ranks: who a member is, what they may change, where they stand.

- ``rank_overview``: the ladder with the member's place, what is missing for the next
  rank (``rules.ranks.progress``), their activity over the last six months, the avatars
  each rank unlocks. Members see their own progress and why (no secret formula).
- ``member_profile``: anyone's public profile (rank, pronouns, joined date, counts, recent
  posts and accepted solutions), with only the posts the viewer may see.
- ``my_settings`` / ``save_settings`` / ``change_username`` / ``set_custom_avatar``: the
  settings screen. Names go through ``rules.names`` (reserved, brand, staff-looking and
  look-alike names refused); avatars must be unlocked by the member's rank; a custom glyph
  is a Stars perk (``Action.UPLOAD_AVATAR``).
- ``recompute_ranks``: every member's rank under the community file in use (``forum-tui
  ranks recompute``), or with ``dry_run`` only who would change.

Rank-ups as activity happens are ``writing.Writing._rerank`` (used here too, so a
recompute that moves someone up the ladder notifies them the same way).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from sqlalchemy import and_, bindparam, case, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules.months import recent_months
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.rules.ranks import avatars_unlocked, progress
from forum_tui.rules.stars import check_avatar_glyph
from forum_tui.store.access import Service, _allow, _current, _member_by_name
from forum_tui.store.convert import _badge, _viewer
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import Board, Like, Member, Post, Thread
from forum_tui.store.views import (
    LadderStep,
    MonthActivity,
    ProfilePost,
    ProfileView,
    RankChange,
    RankOverview,
    SettingsView,
    Viewer,
)

#: Months in the rank overview's activity chart.
CHART_MONTHS = 6
#: Recent posts and solutions on a profile.
PROFILE_POSTS = 5
EXCERPT = 100
#: Members re-ranked per transaction by ``recompute_ranks``.
RECOMPUTE_BATCH = 500
EARLIEST_BIRTH_YEAR = 1900
#: The avatar name that stands for a Star's own glyph (in the community's star avatars).
CUSTOM = "custom"

Progress = Callable[[int, int], None]


class Profiles(Service):
    """Ranks overview, profiles and settings (see the module docstring)."""

    # ------------------------------------------------------------------ ranks

    def rank_overview(self, viewer: Viewer, username: str | None = None) -> RankOverview:
        """The viewer's (or another member's) place on the ladder and what is missing."""
        with self._reading() as session:
            member = (
                _current(session, viewer) if username is None else self._named(session, username)
            )
            return self._overview(session, member)

    def _overview(self, session: Session, member: Member) -> RankOverview:
        community = self.community
        ranks = community.ranks
        metrics = self._metrics(member)
        where = progress(metrics, community)
        ladder = tuple(
            LadderStep(rank.name, rank.points, rank.min_days, rank.avatars, rank.blurb)
            for rank in ranks.member
        )
        index = [rank.name for rank in ranks.member].index(where.current.name)
        unlocked = self._avatar_choices(member)
        following = where.next
        levels = community.stars.rising_star_levels
        return RankOverview(
            member=_badge(member),
            title=member.rank,
            ladder=ladder,
            ladder_index=index,
            by_activity=member.role in ("member",) and member.legend is None,
            next_rank=following.name if following else None,
            points=where.points,
            next_points=following.points if following else None,
            points_needed=where.points_needed,
            days_member=metrics.days_member,
            next_days=following.min_days if following else None,
            days_needed=where.days_needed,
            fraction=where.fraction,
            contributions=where.contributions,
            months=self._activity(session, member.id),
            avatars_unlocked=unlocked,
            next_avatars=following.avatars if following else (),
            star_blurb=ranks.star_blurb,
            star_titles=(
                *(f"{ranks.rising_star} {level}" for level in range(1, levels + 1)),
                ranks.top_star,
            ),
            legend_titles=(ranks.former_star, ranks.former_staff),
            staff_titles=ranks.staff_titles,
            staff_blurb=ranks.staff_blurb,
        )

    def _activity(self, session: Session, member_id: int) -> tuple[MonthActivity, ...]:
        """Posts written and likes received per month, for the last ``CHART_MONTHS``:
        two statements built once, one sum per month each (dialect-neutral, index-backed)."""
        months = recent_months(self.now(), CHART_MONTHS)
        params: dict[str, object] = {"member": member_id}
        for index, month in enumerate(months):
            params[f"start_{index}"] = month.start
            params[f"end_{index}"] = month.end
        posts_statement, likes_statement = _activity_statements(len(months))
        posts = session.execute(posts_statement, params).one()
        likes = session.execute(likes_statement, params).one()
        return tuple(
            MonthActivity(month.short, int(post_count), int(like_count))
            for month, post_count, like_count in zip(months, posts, likes, strict=True)
        )

    def recompute_ranks(
        self, *, dry_run: bool = False, on_progress: Progress | None = None
    ) -> tuple[RankChange, ...]:
        """Every member's rank under this forum's community file; with ``dry_run`` nothing
        is written. Rank-ups are notified as they are when activity happens."""
        with self._reading() as session:
            total = session.exec(select(func.count()).select_from(Member)).one()
        changes: list[RankChange] = []
        done, after = 0, 0
        while True:
            with self._reading() if dry_run else self._writing() as session:
                batch = session.exec(
                    select(Member)
                    .where(Member.id > after)
                    .order_by(Member.id)
                    .limit(RECOMPUTE_BATCH)
                ).all()
                now = self.now()
                for member in batch:
                    new = self._rank(member)
                    if new != member.rank:
                        changes.append(RankChange(member.username, member.rank, new))
                        if not dry_run:
                            self._rerank(session, member, now)
            if not batch:
                break
            after = batch[-1].id
            done += len(batch)
            if on_progress is not None:
                on_progress(done, total)
        return tuple(changes)

    # ------------------------------------------------------------------ profiles

    def member_profile(self, viewer: Viewer, username: str) -> ProfileView:
        """A member's public profile; posts in boards the viewer may not see are left out."""
        with self._reading() as session:
            _, actor = self._acting(session, viewer)
            member = self._named(session, username)
            return ProfileView(
                member=_badge(member),
                pronouns=member.pronouns,
                joined_at=member.created_at,
                threads=member.thread_count,
                replies=member.reply_count,
                solutions=member.solution_count,
                likes_received=member.likes_received,
                recent_posts=self._recent_posts(session, actor, member.id, solutions=False),
                recent_solutions=self._recent_posts(session, actor, member.id, solutions=True),
                custom_glyph=member.custom_glyph if member.custom_avatar else None,
                is_self=member.id == viewer.id,
            )

    def _recent_posts(
        self, session: Session, actor: Actor, member_id: int, *, solutions: bool
    ) -> tuple[ProfilePost, ...]:
        rows = session.execute(_recent_posts_statement(solutions), {"member": member_id})
        found: list[ProfilePost] = []
        for row in rows:
            if row.slug not in self._board_slugs or not can(
                actor, Action.VIEW_BOARD, Target(board_kind=row.kind)
            ):
                continue
            found.append(
                ProfilePost(
                    post_id=row.id,
                    thread_id=row.thread_id,
                    position=row.position,
                    thread_title=row.title,
                    excerpt=_excerpt(row.body),
                    created_at=row.created_at,
                    like_count=row.like_count,
                    is_solution=row.solution_post_id == row.id,
                )
            )
            if len(found) == PROFILE_POSTS:
                break
        return tuple(found)

    # ------------------------------------------------------------------ settings

    def my_settings(self, viewer: Viewer) -> SettingsView:
        with self._reading() as session:
            return self._settings(_current(session, viewer))

    def _settings(self, member: Member) -> SettingsView:
        actor = self._actor(member)
        return SettingsView(
            username=member.username,
            display_name=member.display_name,
            pronouns=member.pronouns,
            pronoun_choices=self.community.pronouns,
            avatar=member.avatar,
            avatar_choices=self._avatar_choices(member),
            birth_date=member.birth_date,
            pm_enabled=member.pm_enabled,
            custom_glyph=member.custom_glyph,
            custom_avatar=member.custom_avatar,
            may_use_custom_avatar=bool(can(actor, Action.UPLOAD_AVATAR, Target())),
        )

    def save_settings(
        self,
        viewer: Viewer,
        *,
        display_name: str,
        pronouns: str | None,
        avatar: str,
        birth_date: date | None,
    ) -> Viewer:
        """Save the settings form (everything but the username and the custom glyph).
        Each field is checked; the first problem is refused in plain words. A birth date
        is given once (it decides what is open at 18) and not changed afterwards."""
        display_name = display_name.strip()
        problem = names.check_display_name(display_name, self.community)
        if problem:
            raise InvalidInput(f"Display name: {problem}")
        pronouns = (pronouns or "").strip() or None
        if pronouns is not None and pronouns not in self.community.pronouns:
            raise InvalidInput(
                f"Pronouns: choose from the list ({', '.join(self.community.pronouns)})."
            )
        with self._writing() as session:
            member, _ = self._acting(session, viewer)
            if member.birth_date is not None and birth_date != member.birth_date:
                # Age opens private messages and the Stars Program: set once, not edited.
                raise InvalidInput(
                    "Birth date: it is already on your profile; ask staff to correct it."
                )
            _check_birth_date(birth_date, self.now().date())
            if avatar != member.avatar and avatar not in self._avatar_choices(member):
                raise InvalidInput(
                    f"Avatar: {avatar} is not unlocked yet. Ranks unlock avatars; the Ranks "
                    "screen shows which."
                )
            member.display_name = display_name
            member.pronouns = pronouns
            member.avatar = avatar
            member.birth_date = birth_date
            session.add(member)
            session.flush()
            return _viewer(member)

    def change_username(self, viewer: Viewer, username: str) -> Viewer:
        """A new username: unique after folding (look-alikes count as taken), and never a
        reserved, brand or staff-looking name."""
        from forum_tui.store.forum import _refuse_taken  # the one "is it taken" check

        username = names.clean_username(username)
        problem = names.check_username(username, self.community)
        if problem:
            raise InvalidInput(problem)
        key = names.username_key(username)
        try:
            with self._writing() as session:
                member, _ = self._acting(session, viewer)
                if key != member.username_key:
                    _refuse_taken(session, username, key)
                member.username = username
                member.username_key = key
                session.add(member)
                session.flush()
                return _viewer(member)
        except IntegrityError:
            raise InvalidInput(f"The username {username} is taken.") from None

    def set_custom_avatar(self, viewer: Viewer, glyph: str | None) -> Viewer:
        """A Star's own avatar: one glyph (``None`` or "" goes back to the rank avatar)."""
        glyph = (glyph or "").strip() or None
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.UPLOAD_AVATAR, Target())
            if glyph is not None:
                problem = check_avatar_glyph(glyph)
                if problem:
                    raise InvalidInput(problem)
            member.custom_glyph = glyph
            member.custom_avatar = glyph is not None
            session.add(member)
            session.flush()
            return _viewer(member)

    # ------------------------------------------------------------------ helpers

    def _named(self, session: Session, username: str) -> Member:
        return _member_by_name(session, username)

    def _avatar_choices(self, member: Member) -> tuple[str, ...]:
        star = member.role in ("star", "staff") or member.legend == "star"
        unlocked = avatars_unlocked(self._metrics(member), self.community, star=star)
        return tuple(avatar for avatar in unlocked if avatar != CUSTOM)


@cache
def _activity_statements(count: int):
    """(posts per month, likes received per month) for ``count`` months, with the
    bounds as parameters ``start_i``/``end_i`` and the member as ``member``."""

    def sums(column):
        return [
            func.coalesce(
                func.sum(
                    case(
                        (
                            and_(
                                column >= bindparam(f"start_{index}"),
                                column < bindparam(f"end_{index}"),
                            ),
                            1,
                        ),
                        else_=0,
                    )
                ),
                0,
            )
            for index in range(count)
        ]

    member = bindparam("member")
    posts = select(*sums(Post.created_at)).where(
        Post.author_id == member,
        Post.created_at >= bindparam("start_0"),
        Post.removed.is_(False),
    )
    likes = (
        select(*sums(Like.created_at))
        .select_from(Like)
        .join(Post, Post.id == Like.post_id)
        .where(Post.author_id == member, Like.created_at >= bindparam("start_0"))
    )
    return posts, likes


@cache
def _recent_posts_statement(solutions: bool):
    """A member's newest visible posts (or accepted solutions), the columns a profile
    shows, newest first; boards the viewer may not see are skipped by the caller."""
    query = (
        select(
            Post.id,
            Post.thread_id,
            Post.position,
            Post.body,
            Post.created_at,
            Post.like_count,
            Thread.title,
            Thread.solution_post_id,
            Board.slug,
            Board.kind,
        )
        .join(Thread, Thread.id == Post.thread_id)
        .join(Board, Board.id == Thread.board_id)
        .where(
            Post.author_id == bindparam("member"),
            Post.removed.is_(False),
            Thread.removed.is_(False),
        )
    )
    if solutions:
        query = query.where(Thread.solution_post_id == Post.id)
    return query.order_by(Post.created_at.desc(), Post.id.desc()).limit(50)


def _excerpt(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1] + "…"


def _check_birth_date(birth: date | None, today: date) -> None:
    if birth is None:
        return
    if birth > today:
        raise InvalidInput("Birth date: that date is in the future.")
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise InvalidInput(f"Birth date: enter a year from {EARLIEST_BIRTH_YEAR} on.")
