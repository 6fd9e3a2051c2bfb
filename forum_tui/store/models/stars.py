"""The Stars programme: the points ledger, applications to join, and events.

The conventions every table follows are in the package docstring (``models/__init__``).
"""

from datetime import datetime

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Column, Field

from .base import TableModel


class StarPoints(TableModel, table=True):
    """The Stars points ledger: earned (positive) and redeemed (negative) points."""

    __tablename__ = "star_points"
    __table_args__ = (
        Index("ix_star_points_member_created", "member_id", "created_at"),
        # The monthly leaderboard: one month's entries for every Star.
        Index("ix_star_points_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    points: int
    reason: str = Field(max_length=200)
    post_id: int | None = Field(default=None, foreign_key="post.id")
    created_at: datetime = Field(sa_type=DateTime)


class StarApplication(TableModel, table=True):
    __tablename__ = "star_application"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    # pending, accepted, declined
    status: str = Field(default="pending", max_length=20)
    created_at: datetime = Field(sa_type=DateTime)
    decided_at: datetime | None = Field(default=None, sa_type=DateTime)
    decided_by_id: int | None = Field(default=None, foreign_key="member.id")


class Event(TableModel, table=True):
    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    starts_at: datetime = Field(sa_type=DateTime)
    star_only: bool = Field(default=False)


class EventAttendance(TableModel, table=True):
    __tablename__ = "event_attendance"

    event_id: int = Field(foreign_key="event.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True)
