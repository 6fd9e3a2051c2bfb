"""Members: who is here, and how they join and sign in.

A member's account and profile (with the activity counters that feed their rank), the
one-time codes mailed to verify an address or reset a password, and failed sign-ins.

The conventions every table follows are in the package docstring (``models/__init__``).
"""

from datetime import date, datetime

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Column, Field

from .base import TableModel


class Member(TableModel, table=True):
    __tablename__ = "member"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=40)
    # NFKC, casefolded, look-alikes folded, zero-width removed: unique across members.
    username_key: str = Field(max_length=80, unique=True, index=True)
    display_name: str = Field(max_length=80)
    password_hash: str = Field(max_length=300)
    # member | star | moderator | staff
    role: str = Field(default="member", max_length=20)
    # For staff: Community Manager, Moderator or Creator.
    staff_title: str | None = Field(default=None, max_length=40)
    # None, "star" (Community Legend) or "staff" (Spotify Legend): a former Star or staff.
    legend: str | None = Field(default=None, max_length=20)
    # Stars: Rising Star level 1..N; N+1 means the top rank (Spotify Star).
    star_level: int = Field(default=0)
    # Cached rank title, recomputed by the store whenever a metric below changes.
    rank: str = Field(default="Visitor", max_length=40)
    avatar: str = Field(default="vinyl-grey", max_length=40)
    custom_avatar: bool = Field(default=False)
    # A Star's own avatar: one glyph (checked to draw one or two cells), shown when
    # ``custom_avatar`` is on; ``avatar`` stays the fallback for terminals that can't draw it.
    custom_glyph: str | None = Field(default=None, max_length=16)
    pronouns: str | None = Field(default=None, max_length=40)
    birth_date: date | None = None
    email: str | None = Field(default=None, max_length=200)
    email_verified: bool = Field(default=False)
    pm_enabled: bool = Field(default=False)
    bio: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    is_demo_persona: bool = Field(default=False)
    persona_blurb: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    last_seen_at: datetime | None = Field(default=None, sa_type=DateTime)
    suspended_until: datetime | None = Field(default=None, sa_type=DateTime)
    # Activity metrics feeding rules.ranks (maintained on write).
    thread_count: int = Field(default=0)
    reply_count: int = Field(default=0)
    solution_count: int = Field(default=0)
    likes_given: int = Field(default=0)
    likes_received: int = Field(default=0)
    idea_count: int = Field(default=0)
    idea_votes_given: int = Field(default=0)
    events_attended: int = Field(default=0)
    upheld_reports: int = Field(default=0)


# --- issue 14: joining (verification and reset codes, failed sign-ins)


class AccountCode(TableModel, table=True):
    """A one-time code sent by mail: ``purpose`` "verify" (the email address) or
    "reset" (the password). Only a hash of the code is kept; a code is good until
    ``expires_at``, once (``used_at``), and for a few wrong tries (``attempts``)."""

    __tablename__ = "account_code"
    __table_args__ = (Index("ix_account_code_member_purpose", "member_id", "purpose"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    purpose: str = Field(max_length=20)
    code_hash: str = Field(max_length=64)
    email: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    expires_at: datetime = Field(sa_type=DateTime)
    used_at: datetime | None = Field(default=None, sa_type=DateTime)
    attempts: int = Field(default=0)


class SignInFailure(TableModel, table=True):
    """One failed sign-in: the name tried (its ``username_key``) and, when that name
    belongs to a member, whose account it was. Repeated failures slow sign-in."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (
        Index("ix_sign_in_failure_name_at", "name_key", "created_at"),
        Index("ix_sign_in_failure_member_at", "member_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=80)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_type=DateTime)
