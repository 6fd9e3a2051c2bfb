"""Drafts: text being written, saved as the member types, so nothing is ever lost.

Keys say what a draft is for: ``thread:<board slug>`` (a new thread), ``reply:<thread id>``,
``edit:<post id>`` (``views.thread_draft_key``, ``reply_draft_key`` and ``edit_draft_key``
build them);
other features may add their own (``idea``, ``message:<conversation id>``).

- ``save_draft`` is one small upsert (no permission checks: it is the member's own text,
  and a suspended member keeps theirs too). Saving empty text removes the draft.
- A post that succeeds discards its draft in the same transaction as the post; a post
  that is refused (or fails half-way) rolls back and leaves the draft as it was.
"""

from __future__ import annotations

import re

from sqlalchemy import bindparam, delete
from sqlmodel import Session, select

from forum_tui.store.access import Service, _upsert
from forum_tui.store.errors import InvalidInput
from forum_tui.store.models import Draft, Member
from forum_tui.store.views import (
    DraftView,
    Viewer,
    edit_draft_key,
    reply_draft_key,
    thread_draft_key,
)

_KEY = re.compile(r"[a-z_]{1,20}(?::[\w.-]{1,59})*")
KEY_MAX = 80
#: Draft titles are kept to the column's size (far above any community's title limit).
TITLE_MAX = 400
#: How many drafts ``drafts()`` lists, newest first.
DRAFTS_LISTED = 100


# Short names for the key builders (they live in views, where screens can reach them).
thread_key, reply_key, edit_key = thread_draft_key, reply_draft_key, edit_draft_key


class Drafts(Service):
    def save_draft(
        self, viewer: Viewer, key: str, *, title: str = "", body: str = "", extra: str = ""
    ) -> None:
        """Keep what the member is writing under ``key`` (replacing what was there).
        Empty title, body and extra remove the draft."""
        key = _check_key(key)
        with self._writing() as session:
            if not (title.strip() or body.strip() or extra.strip()):
                _discard_draft(session, viewer.id, key)
                return
            if session.get(Member, viewer.id) is None:
                raise InvalidInput("Your account no longer exists.")
            _upsert(
                session,
                Draft,
                {
                    "member_id": viewer.id,
                    "key": key,
                    "title": title[:TITLE_MAX],
                    "body": body,
                    "extra": extra,
                    "updated_at": self.now(),
                },
                keys=("member_id", "key"),
                update=lambda new: {
                    "title": new.title,
                    "body": new.body,
                    "extra": new.extra,
                    "updated_at": new.updated_at,
                },
            )

    def draft(self, viewer: Viewer, key: str) -> DraftView | None:
        """The member's draft under ``key``, or None."""
        key = _check_key(key)
        with self._reading() as session:
            row = session.exec(
                select(Draft).where(Draft.member_id == viewer.id, Draft.key == key)
            ).first()
            return _draft_view(row) if row is not None else None

    def drafts(self, viewer: Viewer) -> tuple[DraftView, ...]:
        """The member's drafts, most recently saved first (at most ``DRAFTS_LISTED``)."""
        with self._reading() as session:
            rows = session.exec(
                select(Draft)
                .where(Draft.member_id == viewer.id)
                .order_by(Draft.updated_at.desc(), Draft.id.desc())
                .limit(DRAFTS_LISTED)
            ).all()
            return tuple(_draft_view(row) for row in rows)

    def discard_draft(self, viewer: Viewer, key: str) -> None:
        """Throw the draft under ``key`` away (nothing happens when there is none)."""
        key = _check_key(key)
        with self._writing() as session:
            _discard_draft(session, viewer.id, key)


def _discard_draft(session: Session, member_id: int, key: str) -> None:
    session.connection().execute(_DISCARD, {"member_id": member_id, "key": key})


#: Built once: every post discards its draft, and building cost more than running it.
_DISCARD = delete(Draft).where(
    Draft.member_id == bindparam("member_id"), Draft.key == bindparam("key")
)


def _check_key(key: str) -> str:
    if len(key) > KEY_MAX or not _KEY.fullmatch(key):
        raise InvalidInput(f"{key!r} is not a draft key (e.g. 'reply:42').")
    return key


def _draft_view(row: Draft) -> DraftView:
    return DraftView(
        key=row.key,
        title=row.title,
        body=row.body,
        extra=row.extra,
        updated_at=row.updated_at,
    )
