"""The schema: SQLModel tables for the whole community, one module per family.

- ``members``: members, the codes that verify an address or reset a password, failed
  sign-ins.
- ``community``: areas, boards, threads, posts (revisions, likes, tags), what makes a
  thread an idea or an Ongoing Issue (details, votes, status changes), database settings.
- ``reading``: each member's subscriptions, read marks, board visits and drafts.
- ``inbox``: private conversations and messages, blocks between members, notifications.
- ``moderation``: reports, moderators' claims on reported items, the audit log.
- ``stars``: the Stars points ledger, applications, events.

Import the tables from here (``from forum_tui.store.models import Member``): importing
any of them runs this module, so every table is always registered on
``SQLModel.metadata`` together. The families are imported in the order above, which is
the order the tables were defined in when they shared one module: a foreign key only
names a table defined before it.

Conventions:
- Every table derives from ``base.TableModel`` (SQLModel with ``defer_build``): pydantic
  builds a table's validator only if one is ever used, never at start-up.
- Every timestamp is a naive UTC ``datetime`` from the service's injected clock, stored in
  a plain ``DateTime`` column (``sa_type=DateTime``: recent SQLModel maps a bare
  ``datetime`` to its timezone-aware ``UTCDateTime``, which refuses naive values).
- Counters that screens show often (replies, likes, votes, thread counts) are kept on the
  row and maintained on write, never counted on read.
- Ideas, Ongoing Issues, FAQ articles and blog posts are threads of a board of the right
  kind; what is special about them lives beside the thread (``IdeaDetail``,
  ``Thread.issue_status``, ``ThreadTag``), so reading, replying, liking, search and
  moderation serve every area the same way.
- ORM rows never leave the store: the service turns them into the frozen dataclasses of
  ``views``.

Alembic owns the schema: change a table in its family's module, then add a migration
under ``migrations/versions``. A new table goes in the family it belongs to, and is
re-exported here.

No ``from __future__ import annotations`` in any module of this package: the annotations
are real types, so SQLModel and pydantic need not evaluate some 200 strings while the
store is imported (about a fifteenth of the models' import, which comes right before
home's first read).
"""

# In definition order, not sorted: a foreign key only names a table imported before it.
# isort: off
from .members import AccountCode, Member, SignInFailure
from .community import (
    Area,
    Board,
    IdeaDetail,
    Like,
    Post,
    PostRevision,
    Setting,
    StatusChange,
    Thread,
    ThreadTag,
    Vote,
)
from .reading import BoardVisit, Draft, ReadMark, Subscription
from .inbox import Conversation, ConversationMember, MemberBlock, Message, Notification
from .moderation import ModAction, Report, ReportClaim
from .stars import Event, EventAttendance, StarApplication, StarPoints

# isort: on

__all__ = [
    "AccountCode",
    "Area",
    "Board",
    "BoardVisit",
    "Conversation",
    "ConversationMember",
    "Draft",
    "Event",
    "EventAttendance",
    "IdeaDetail",
    "Like",
    "Member",
    "MemberBlock",
    "Message",
    "ModAction",
    "Notification",
    "Post",
    "PostRevision",
    "ReadMark",
    "Report",
    "ReportClaim",
    "Setting",
    "SignInFailure",
    "StarApplication",
    "StarPoints",
    "StatusChange",
    "Subscription",
    "Thread",
    "ThreadTag",
    "Vote",
]
