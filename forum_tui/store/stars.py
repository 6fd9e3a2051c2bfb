"""The Stars Program: applications, the points ledger, levels, the leaderboard, Premium,
Star-only events.

- Applying: ``stars_status`` shows each requirement (``rules.stars``) met or not;
  ``apply_for_stars`` refuses a second pending application and names any requirement
  not met. Staff list applications (``stars_applications``) and decide
  (``decide_stars_application``); the outcome is a private message through
  ``inbox.deliver_message`` (the one send-a-message piece). A member with messages off
  is skipped: the result says so (staff are told on screen) and a notification is left.
- Accepted members become Rising Star level 1. Staff award points for quality
  engagement (``award_star_points``, a ledger entry with its reason); levels rise with the
  points earned (``rules.stars.star_level``) and never fall. Staff make a Star the top
  rank, Spotify Star (``make_spotify_star``). A Star who leaves (``leave_stars``) becomes
  a Community Legend.
- ``star_ledger``: entries, monthly totals, balance, quarterly Premium eligibility.
  ``redeem_premium``: the individual plan only, for ``premium_redeem_points``.
- ``star_leaderboard``: one month's points per Star, the top ten marked.
- Events: staff add them and record attendance; attending counts toward rank
  (``Member.events_attended``, then ``_rerank``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func
from sqlalchemy import update as sql_update
from sqlmodel import Session, select

from forum_tui.rules.months import Month, recent_months
from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.rules.stars import (
    ApplicantFacts,
    application_requirements,
    next_level_points,
    premium_eligible,
    redeem_refusal,
    star_level,
)
from forum_tui.store.access import (
    Service,
    _allow,
    _member_by_name,
    _page_size,
)
from forum_tui.store.convert import _badge
from forum_tui.store.errors import InvalidInput, NotAllowed, NotFound
from forum_tui.store.inbox import deliver_message
from forum_tui.store.models import (
    Event,
    EventAttendance,
    Member,
    Notification,
    Post,
    StarApplication,
    StarPoints,
)
from forum_tui.store.views import (
    DecisionResult,
    EventView,
    Leaderboard,
    LeaderboardRow,
    LedgerEntry,
    MemberBadge,
    MonthTotal,
    RequirementView,
    StarLedger,
    StarsApplicationView,
    StarsStatus,
    Viewer,
)

APPLICATION_MAX = 4000
REASON_MAX = 200
#: The most points one ledger entry may carry (a typo of 50000 is refused).
MAX_AWARD = 1000
LEDGER_MONTHS = 6
#: Rows the leaderboard shows (the top ``leaderboard_size`` are highlighted).
LEADERBOARD_ROWS = 25
OUTCOME_SUBJECT = "Your Stars application"


class Stars(Service):
    """The Stars Program (see the module docstring)."""

    # ------------------------------------------------------------------ applying

    def stars_status(self, viewer: Viewer) -> StarsStatus:
        """Each requirement, met or not; whether the member may apply, and why not."""
        with self._reading() as session:
            member, actor = self._acting(session, viewer)
            requirements = self._requirements(session, member, actor)
            latest = self._latest_application(session, member.id)
            refusal = self._apply_refusal(actor, requirements, latest)
            return StarsStatus(
                role=member.role,
                title=member.rank,
                requirements=requirements,
                may_apply=not refusal,
                refusal=refusal,
                application=_application_view(latest, member, requirements) if latest else None,
            )

    def apply_for_stars(self, viewer: Viewer, body: str) -> StarsApplicationView:
        """Apply to the Stars Program, with a few words to staff."""
        body = body.strip()
        if not body:
            raise InvalidInput("Tell staff a little about why you'd like to be a Star.")
        if len(body) > APPLICATION_MAX:
            raise InvalidInput(f"Keep the application under {APPLICATION_MAX} characters.")
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            requirements = self._requirements(session, member, actor)
            refusal = self._apply_refusal(
                actor, requirements, self._latest_application(session, member.id)
            )
            if refusal:
                raise NotAllowed(refusal)
            application = StarApplication(member_id=member.id, body=body, created_at=self.now())
            session.add(application)
            session.flush()
            return _application_view(application, member, requirements)

    def stars_applications(
        self, viewer: Viewer, *, status: str = "pending", limit: int = 50
    ) -> tuple[StarsApplicationView, ...]:
        """Applications for staff to review, oldest first."""
        with self._reading() as session:
            _, actor = self._acting(session, viewer)
            _allow(actor, Action.DECIDE_STARS_APPLICATION, Target())
            rows = session.exec(
                select(StarApplication, Member)
                .join(Member, Member.id == StarApplication.member_id)
                .where(StarApplication.status == status)
                .order_by(StarApplication.created_at, StarApplication.id)
                .limit(_page_size(limit))
            ).all()
            return tuple(
                _application_view(
                    application,
                    member,
                    self._requirements(session, member, self._actor(member)),
                )
                for application, member in rows
            )

    def decide_stars_application(
        self, viewer: Viewer, application_id: int, *, accept: bool, note: str = ""
    ) -> DecisionResult:
        """Accept (Rising Star level 1) or decline; the outcome goes by private message."""
        note = note.strip()
        with self._writing() as session:
            staff, actor = self._acting(session, viewer)
            _allow(actor, Action.DECIDE_STARS_APPLICATION, Target())
            application = session.exec(
                select(StarApplication)
                .where(StarApplication.id == application_id)
                .with_for_update()
            ).first()
            if application is None:
                raise NotFound("That application does not exist.")
            if application.status != "pending":
                raise InvalidInput(f"That application was already {application.status}.")
            member = session.exec(
                select(Member).where(Member.id == application.member_id).with_for_update()
            ).one()
            now = self.now()
            application.status = "accepted" if accept else "declined"
            application.decided_at = now
            application.decided_by_id = staff.id
            session.add(application)
            if accept:
                member.role = "star"
                member.star_level = 1
                member.legend = None
                member.rank = self._rank(member)
                session.add(member)
            delivered = self._tell_outcome(session, staff, member, accept, note, now)
            session.flush()
            requirements = self._requirements(session, member, self._actor(member))
            return DecisionResult(_application_view(application, member, requirements), delivered)

    def _tell_outcome(
        self, session: Session, staff: Member, member: Member, accept: bool, note: str, now
    ) -> bool:
        """The outcome by private message; a notification when messages are off."""
        name = self.community.name
        if accept:
            words = (
                f"Welcome to the Stars Program! Your application was accepted: you are now "
                f"{self.community.ranks.rising_star} 1. The Star-only boards are open to you."
            )
        else:
            words = (
                "Thank you for applying to the Stars Program. This time your application "
                f"was not accepted. Keep posting in the {name}; you're welcome to apply again."
            )
        body = f"{words}\n\n{note}" if note else words
        delivery = deliver_message(
            session,
            sender_id=staff.id,
            recipient_ids=[member.id],
            body=body,
            now=now,
            subject=OUTCOME_SUBJECT,
        )
        if member.id in delivery.delivered_to:
            return True
        outcome = "accepted" if accept else "not accepted"
        session.add(
            Notification(
                member_id=member.id,
                kind="stars",
                actor_id=staff.id,
                text=f"Your Stars application was {outcome}. Turn on private messages to "
                "read staff's note.",
                created_at=now,
            )
        )
        return False

    def _requirements(
        self, session: Session, member: Member, actor: Actor
    ) -> tuple[RequirementView, ...]:
        rules = self.community.stars_application
        bodies = session.exec(
            select(Post.body)
            .where(Post.author_id == member.id, Post.removed.is_(False))
            .order_by(Post.created_at.desc(), Post.id.desc())
            .limit(20)
        ).all()
        good = session.exec(
            select(func.count())
            .select_from(Post)
            .where(
                Post.author_id == member.id,
                Post.removed.is_(False),
                Post.like_count >= rules.good_post_min_likes,
            )
        ).one()
        facts = ApplicantFacts(
            days_member=actor.days_member,
            age=actor.age,
            recent_posts=tuple(bodies),
            good_posts=int(good),
        )
        return tuple(
            RequirementView(r.name, r.met, r.detail)
            for r in application_requirements(facts, self.community)
        )

    def _apply_refusal(
        self,
        actor: Actor,
        requirements: tuple[RequirementView, ...],
        latest: StarApplication | None,
    ) -> str:
        decision = can(actor, Action.APPLY_FOR_STARS, Target())
        if not decision:
            return decision.reason
        if latest is not None and latest.status == "pending":
            return f"You already applied on {latest.created_at:%d %B %Y}; staff are reviewing it."
        missing = [requirement for requirement in requirements if not requirement.met]
        if missing:
            names = "; ".join(f"{r.name} ({r.detail})" for r in missing)
            return f"Not yet: {names}"
        return ""

    def _latest_application(self, session: Session, member_id: int) -> StarApplication | None:
        return session.exec(
            select(StarApplication)
            .where(StarApplication.member_id == member_id)
            .order_by(StarApplication.created_at.desc(), StarApplication.id.desc())
            .limit(1)
        ).first()

    # ------------------------------------------------------------------ points and levels

    def award_star_points(
        self, viewer: Viewer, username: str, points: int, reason: str
    ) -> LedgerEntry:
        """A ledger entry for a Star (staff only); the Star's level rises with the points."""
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput("Give a reason: the Star sees it in their ledger.")
        if len(reason) > REASON_MAX:
            raise InvalidInput(f"Keep the reason under {REASON_MAX} characters.")
        if points == 0 or abs(points) > MAX_AWARD:
            raise InvalidInput(
                f"Points are a whole number from -{MAX_AWARD} to {MAX_AWARD}, not 0."
            )
        with self._writing() as session:
            _, actor = self._acting(session, viewer)
            _allow(actor, Action.MANAGE_STARS, Target())
            member = self._star(session, username, lock=True)
            now = self.now()
            entry = StarPoints(member_id=member.id, points=points, reason=reason, created_at=now)
            session.add(entry)
            session.flush()
            self._raise_level(session, member, now)
            return LedgerEntry(entry.id, entry.points, entry.reason, entry.created_at)

    def _raise_level(self, session: Session, member: Member, now: datetime) -> None:
        """Rising Star levels follow the points earned, never going down; the top rank
        (Spotify Star) is set by staff only."""
        levels = self.community.stars.rising_star_levels
        if member.star_level > levels:
            return
        level = star_level(self._earned(session, member.id), self.community)
        if level <= member.star_level:
            return
        member.star_level = level
        member.rank = self._rank(member)
        session.add(member)
        session.add(
            Notification(
                member_id=member.id,
                kind="rank_up",
                text=f"You're now {member.rank}.",
                created_at=now,
            )
        )

    def make_spotify_star(self, viewer: Viewer, username: str) -> MemberBadge:
        """Staff make a Star the top superuser rank."""
        with self._writing() as session:
            _, actor = self._acting(session, viewer)
            _allow(actor, Action.MANAGE_STARS, Target())
            member = self._star(session, username, lock=True)
            member.star_level = self.community.stars.rising_star_levels + 1
            member.rank = self._rank(member)
            session.add(member)
            session.add(
                Notification(
                    member_id=member.id,
                    kind="rank_up",
                    text=f"You're now a {member.rank}.",
                    created_at=self.now(),
                )
            )
            session.flush()
            return _badge(member)

    def leave_stars(self, viewer: Viewer) -> MemberBadge:
        """A Star leaves the program and becomes a Community Legend (ledger kept)."""
        with self._writing() as session:
            member, actor = self._acting(session, viewer)
            _allow(actor, Action.LEAVE_STARS, Target())
            member.role = "member"
            member.legend = "star"
            member.rank = self._rank(member)
            session.add(member)
            session.flush()
            return _badge(member)

    def _star(self, session: Session, username: str, *, lock: bool = False) -> Member:
        member = _member_by_name(session, username)
        if lock:
            member = session.exec(
                select(Member).where(Member.id == member.id).with_for_update()
            ).one()
        if member.role != "star":
            raise InvalidInput(f"{member.username} is not a Star.")
        return member

    def _earned(self, session: Session, member_id: int) -> int:
        earned = session.exec(
            select(func.coalesce(func.sum(StarPoints.points), 0)).where(
                StarPoints.member_id == member_id, StarPoints.points > 0
            )
        ).one()
        return int(earned)

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


def _application_view(
    application: StarApplication, member: Member, requirements: tuple[RequirementView, ...]
) -> StarsApplicationView:
    return StarsApplicationView(
        id=application.id,
        member=_badge(member),
        body=application.body,
        status=application.status,
        created_at=application.created_at,
        decided_at=application.decided_at,
        requirements=requirements,
    )


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
