"""What Stars earn: the points ledger, the quarterly Premium perk and redeeming points
for it, the monthly leaderboard, and Star-only events (issue 13).

- ``star_ledger``: entries with reasons, monthly totals, the balance, the level and the
  next one, and quarterly Premium eligibility (``rules.stars.premium_eligible``).
- ``redeem_premium``: the individual plan only, for ``premium_redeem_points``.
- ``star_leaderboard``: one month's points per Star, the top ten marked; without a month,
  the last complete one (the reference updates it monthly).
- Events: staff add them and record attendance; attending counts toward rank
  (``Member.events_attended``, then ``_rerank``). Star-only events are seen by Stars and
  staff only.

Points are awarded, and levels raised, in ``stars.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func
from sqlalchemy import update as sql_update
from sqlmodel import Session, select

from forum_tui.rules.months import Month, recent_months
from forum_tui.rules.permissions import Action, Target, can
from forum_tui.rules.stars import next_level_points, premium_eligible, redeem_refusal
from forum_tui.store.access import Service, _allow, _member_by_name, _page_size
from forum_tui.store.convert import _badge
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.models import Event, EventAttendance, Member, StarPoints
from forum_tui.store.views import (
    EventView,
    Leaderboard,
    LeaderboardRow,
    LedgerEntry,
    MonthTotal,
    StarLedger,
    Viewer,
)

LEDGER_MONTHS = 6
#: Rows the leaderboard shows (the top ``leaderboard_size`` are highlighted).
LEADERBOARD_ROWS = 25


class StarRewards(Service):
    """The ledger, Premium, the leaderboard and events (see the module docstring)."""

    # ------------------------------------------------------------------ ledger and Premium

    def star_ledger(
        self, viewer: Viewer, username: str | None = None, limit: int = 50
    ) -> StarLedger:
        """A Star's ledger (their own; staff may read anyone's)."""
        with self._reading() as session:
            me, actor = self._acting(session, viewer)
            member = me if username is None else _member_by_name(session, username)
            if member.id != me.id:
                _allow(actor, Action.MANAGE_STARS, Target())
            elif member.role != "star" and member.legend != "star":
                raise NotAllowed("The points ledger is for Stars.")
            return self._ledger(session, member, _page_size(limit))

    def _ledger(self, session: Session, member: Member, limit: int) -> StarLedger:
        now = self.now()
        stars = self.community.stars
        rows = session.exec(
            select(StarPoints)
            .where(StarPoints.member_id == member.id)
            .order_by(StarPoints.created_at.desc(), StarPoints.id.desc())
            .limit(limit)
        ).all()
        balance, earned = session.exec(
            select(
                func.coalesce(func.sum(StarPoints.points), 0),
                func.coalesce(
                    func.sum(case((StarPoints.points > 0, StarPoints.points), else_=0)), 0
                ),
            ).where(StarPoints.member_id == member.id)
        ).one()
        months = recent_months(now, LEDGER_MONTHS)
        quarter = Month.of(now).quarter
        quarter_months = [m for m in quarter.months if m.start <= now]
        last_quarter = quarter.previous()
        wanted = sorted({*months, *quarter_months, *last_quarter.months}, key=lambda m: m.start)
        sums = self._monthly(session, member.id, wanted)
        level = max(1, min(member.star_level, stars.rising_star_levels))
        return StarLedger(
            member=_badge(member),
            entries=tuple(LedgerEntry(r.id, r.points, r.reason, r.created_at) for r in rows),
            monthly=tuple(MonthTotal(m.label, *sums[m]) for m in months),
            balance=int(balance),
            earned=int(earned),
            level=member.star_level,
            next_level_points=None
            if member.star_level > stars.rising_star_levels
            else next_level_points(level, self.community),
            quarter=quarter.label,
            quarter_points=tuple(sums[m][0] for m in quarter_months),
            premium_eligible_last_quarter=premium_eligible(
                [sums[m][0] for m in last_quarter.months], self.community
            ),
            last_quarter=last_quarter.label,
            premium_plan=stars.premium_plan,
            premium_cost=stars.premium_redeem_points,
        )

    def _monthly(
        self, session: Session, member_id: int, months: list[Month]
    ) -> dict[Month, tuple[int, int]]:
        """(earned, redeemed) per month, in one query."""
        columns = []
        for month in months:
            inside = and_(StarPoints.created_at >= month.start, StarPoints.created_at < month.end)
            for sign in (StarPoints.points > 0, StarPoints.points < 0):
                columns.append(
                    func.coalesce(
                        func.sum(case((and_(inside, sign), StarPoints.points), else_=0)), 0
                    )
                )
        row = session.exec(
            select(*columns).where(
                StarPoints.member_id == member_id, StarPoints.created_at >= months[0].start
            )
        ).one()
        values = [int(value) for value in row]
        return {
            month: (values[2 * index], -values[2 * index + 1]) for index, month in enumerate(months)
        }

    def redeem_premium(self, viewer: Viewer, plan: str) -> LedgerEntry:
        """Redeem points for Premium: the individual plan only, as the reference says."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.REDEEM_STAR_POINTS, Target())
            session.exec(select(Member.id).where(Member.id == member.id).with_for_update())
            balance = session.exec(
                select(func.coalesce(func.sum(StarPoints.points), 0)).where(
                    StarPoints.member_id == member.id
                )
            ).one()
            refusal = redeem_refusal(plan, int(balance), self.community)
            if refusal:
                raise InvalidInput(refusal)
            stars = self.community.stars
            entry = StarPoints(
                member_id=member.id,
                points=-stars.premium_redeem_points,
                reason=f"Redeemed for {stars.premium_plan}",
                created_at=self.now(),
            )
            session.add(entry)
            session.flush()
            return LedgerEntry(entry.id, entry.points, entry.reason, entry.created_at)

    # ------------------------------------------------------------------ leaderboard

    def star_leaderboard(self, viewer: Viewer, month: str | None = None) -> Leaderboard:
        """One month's points per Star, most first; the top ``leaderboard_size`` marked.
        Without ``month``: the last complete month (the leaderboard is updated monthly)."""
        try:
            chosen = Month.parse(month) if month else Month.of(self.now()).previous()
        except ValueError:
            raise InvalidInput("Give the month as YYYY-MM, e.g. 2026-11.") from None
        top = self.community.stars.leaderboard_size
        with self._reading() as session:
            _, actor = self._acting(session, viewer)
            _allow(actor, Action.VIEW_STARS_PROGRAM, Target())
            total = func.sum(StarPoints.points).label("total")
            ranked = (
                select(StarPoints.member_id, total)
                .where(
                    StarPoints.points > 0,
                    StarPoints.created_at >= chosen.start,
                    StarPoints.created_at < chosen.end,
                )
                .group_by(StarPoints.member_id)
                .subquery()
            )
            rows = session.exec(
                select(Member, ranked.c.total)
                .join(ranked, ranked.c.member_id == Member.id)
                .where(Member.role == "star")
                .order_by(ranked.c.total.desc(), Member.id)
                .limit(LEADERBOARD_ROWS)
            ).all()
            board = tuple(
                LeaderboardRow(place, _badge(member), int(points), place <= top)
                for place, (member, points) in enumerate(rows, start=1)
            )
            mine = next((row.place for row in board if row.member.id == viewer.id), None)
            return Leaderboard(
                month=chosen.label,
                month_key=f"{chosen.year:04d}-{chosen.month:02d}",
                rows=board,
                viewer_place=mine,
                top_size=top,
                complete=chosen.end <= self.now(),
            )

    # ------------------------------------------------------------------ events

    def add_event(
        self,
        viewer: Viewer,
        title: str,
        starts_at: datetime,
        *,
        description: str = "",
        star_only: bool = True,
    ) -> EventView:
        title = " ".join(title.split())
        if not title:
            raise InvalidInput("An event needs a title.")
        with self._writing() as session:
            _, actor = self._acting(session, viewer)
            _allow(actor, Action.MANAGE_STARS, Target())
            event = Event(
                title=title[:200],
                description=description.strip(),
                starts_at=starts_at,
                star_only=star_only,
            )
            session.add(event)
            session.flush()
            return _event_view(event, 0, False)

    def events(self, viewer: Viewer, limit: int = 20) -> tuple[EventView, ...]:
        """Events, newest first; Star-only ones only for Stars and staff."""
        with self._reading() as session:
            _, actor = self._acting(session, viewer)
            query = select(Event)
            if not can(actor, Action.VIEW_STARS_PROGRAM, Target()):
                query = query.where(Event.star_only.is_(False))
            events = session.exec(
                query.order_by(Event.starts_at.desc(), Event.id.desc()).limit(_page_size(limit))
            ).all()
            return tuple(self._event(session, event, viewer.id) for event in events)

    def record_attendance(self, viewer: Viewer, event_id: int, username: str) -> EventView:
        """Staff record that a member attended; attending counts toward rank."""
        with self._writing() as session:
            _, actor = self._acting(session, viewer)
            _allow(actor, Action.MANAGE_STARS, Target())
            event = session.get(Event, event_id)
            if event is None:
                raise NotFound("That event does not exist.")
            member = _member_by_name(session, username)
            if event.star_only and member.role not in ("star", "moderator", "staff"):
                raise InvalidInput(f"{member.username} is not a Star; this event is Star-only.")
            if session.get(EventAttendance, (event.id, member.id)) is not None:
                raise InvalidInput(f"{member.username} is already recorded as attending.")
            session.add(EventAttendance(event_id=event.id, member_id=member.id))
            session.flush()
            session.exec(
                sql_update(Member)
                .where(Member.id == member.id)
                .values(events_attended=Member.events_attended + 1)
                .execution_options(synchronize_session=False)
            )
            member = session.get(Member, member.id, populate_existing=True)
            self._rerank(session, member, self.now())
            return self._event(session, event, member.id)

    def _event(self, session: Session, event: Event, member_id: int) -> EventView:
        attendees = session.exec(
            select(func.count())
            .select_from(EventAttendance)
            .where(EventAttendance.event_id == event.id)
        ).one()
        attended = session.get(EventAttendance, (event.id, member_id)) is not None
        return _event_view(event, int(attendees), attended)


# ---------------------------------------------------------------------- views


def _event_view(event: Event, attendees: int, attended: bool) -> EventView:
    return EventView(
        id=event.id,
        title=event.title,
        description=event.description,
        starts_at=event.starts_at,
        star_only=event.star_only,
        attendees=attendees,
        attended=attended,
    )
