"""The Stars Program: applications, points and levels, Spotify Stars and Legends (what
Stars earn, the ledger, Premium, the leaderboard and events: ``star_rewards.py``).

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
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from forum_tui.rules.permissions import Action, Actor, Target, can
from forum_tui.rules.stars import (
    ApplicantFacts,
    application_requirements,
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
    Member,
    Notification,
    Post,
    StarApplication,
    StarPoints,
)
from forum_tui.store.views import (
    DecisionResult,
    LedgerEntry,
    MemberBadge,
    RequirementView,
    StarsApplicationView,
    StarsStatus,
    Viewer,
)

APPLICATION_MAX = 4000
REASON_MAX = 200
#: The most points one ledger entry may carry (a typo of 50000 is refused).
MAX_AWARD = 1000
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
