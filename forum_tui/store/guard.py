"""The guidelines, applied: what the store gathers for ``rules.guidelines.check_post``
and how it acts on the findings.

- ``_findings`` gathers the data the rules need, each with one indexed query: the member's
  own posts inside the duplicate window and the last ten minutes (``ix_post_author_created``),
  and in Chat the links already in the thread (only posts whose text mentions "spotify"
  or "http" are read) and the links the member shared anywhere in Chat within
  ``chat_uri_repeat_days``.
- ``_edit_findings``: edits have no duplicate or rate limits, the post's own links do not
  count against it, and warnings (and reports) the previous version already had are not
  raised again: the member confirmed them, the moderators have them.
- ``_vet`` turns findings into the outcome: ``GuidelineRefused`` for refusals,
  ``NeedsConfirmation`` for warnings not yet accepted, else the notices to return.
- ``_file_reports`` files the automatic reports, in the caller's transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, not_, or_
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from forum_tui.rules import guidelines  # its checkers load on the first write (see there)
from forum_tui.rules.guidelines import Finding, Severity, refusals, reports, warnings
from forum_tui.store.access import Service
from forum_tui.store.convert import _notice
from forum_tui.store.database import connection_of
from forum_tui.store.errors import GuidelineRefused, InvalidInput, NeedsConfirmation
from forum_tui.store.models import Board, Member, Post, Report, Thread
from forum_tui.store.views import GuidelineNotice

#: The database's own limits (the community's limits are normally far lower).
TITLE_COLUMN_MAX = 200
REASON_MAX = 400
TAG_MAX = 40
TAGS_PER_THREAD = 10
_TEN_MINUTES = timedelta(minutes=10)
_TAG = re.compile(r"[\w][\w .+#&'-]*")


class Guard(Service):
    def _findings(
        self,
        db: Session | Connection,
        member: Member,
        board: Board,
        body: str,
        *,
        title: str | None = None,
        thread: Thread | None = None,
        editing: Post | None = None,
    ) -> tuple[Finding, ...]:
        """Run the guidelines with the data they need. ``title`` only for a new thread
        (or an opening post's edit), ``thread`` for a reply or an edit, ``editing`` for
        an edit (no duplicate or rate limits; the post's own links do not count)."""
        now = self.now()
        limits = self.community.limits
        recent: tuple[tuple[datetime, str], ...] = ()
        times: tuple[datetime, ...] = ()
        if editing is None:
            recent, times = self._recent_own_posts(db, member.id, now)
        thread_uris: tuple[tuple[str, int], ...] = ()
        own_uris: tuple[tuple[str, datetime], ...] = ()
        text = body if title is None else f"{title}\n{body}"
        # The Chat link rules compare the post's own links with earlier ones: without a
        # link of its own there is nothing to compare (and no thread to read through).
        if board.kind == "chat" and guidelines.extract_uris(text):
            skip = editing.id if editing is not None else None
            if thread is not None:
                thread_uris = _thread_uris(db, thread, skip)
            if limits.chat_uri_repeat_days:
                since = now - timedelta(days=limits.chat_uri_repeat_days)
                own_uris = _own_chat_uris(db, member.id, since, skip)
        context = guidelines.PostContext(
            board_kind=board.kind,
            body=body,
            now=now,
            title=title,
            author_days_member=max(0.0, (now - member.created_at).total_seconds() / 86400),
            email_verified=member.email_verified,
            recent_own_posts=recent,
            own_post_times_last_10_min=times,
            thread_uris=thread_uris,
            own_recent_chat_uris=own_uris,
            board_slug=board.slug,
        )
        return guidelines.check_post(context, limits, self.community.content_checks)

    def _edit_findings(
        self,
        session: Session,
        member: Member,
        post: Post,
        thread: Thread,
        board: Board,
        title: str | None,
        body: str,
    ) -> tuple[Finding, ...]:
        """The guidelines for an edit, without the warnings and reports the previous
        version already had (the member confirmed those, the moderators have them)."""
        opening = post.position == 1
        new_title = _clean_title(title) if title is not None else thread.title
        findings = self._findings(
            session,
            member,
            board,
            _clean_body(body),
            title=new_title if opening else None,
            thread=thread,
            editing=post,
        )
        before = guidelines.check_post(
            guidelines.PostContext(
                board_kind=board.kind,
                body=post.body,
                now=self.now(),
                title=thread.title if opening else None,
                board_slug=board.slug,
            ),
            self.community.limits,
            self.community.content_checks,
        )
        known = {(f.rule, f.detail) for f in before if f.severity is not Severity.REFUSE}
        return tuple(
            f for f in findings if f.severity is Severity.REFUSE or (f.rule, f.detail) not in known
        )

    def _recent_own_posts(
        self, db: Session | Connection, member_id: int, now: datetime
    ) -> tuple[tuple[tuple[datetime, str], ...], tuple[datetime, ...]]:
        """(posts inside the duplicate window as (time, body), post times in the last ten
        minutes): one range of ``ix_post_author_created``."""
        duplicate = timedelta(minutes=self.community.limits.duplicate_window_minutes)
        since = now - max(duplicate, _TEN_MINUTES)
        parameters = {"member_id": member_id, "since": since}
        rows = connection_of(db).execute(_RECENT_OWN_POSTS, parameters).all()
        recent = tuple((when, body) for when, body in rows if when > now - duplicate)
        times = tuple(when for when, _ in rows if when > now - _TEN_MINUTES)
        return recent, times


# ---------------------------------------------------------------------- helpers

#: Built once (every post runs it; building it cost more than running it).
_RECENT_OWN_POSTS = (
    select(Post.created_at, Post.body)
    .where(
        Post.author_id == bindparam("member_id"),
        Post.created_at > bindparam("since", type_=Post.created_at.type),
    )
    .order_by(Post.created_at)
)


def _vet(findings: tuple[Finding, ...], accept_warnings: bool) -> tuple[GuidelineNotice, ...]:
    """Raise for refusals, and for warnings not yet accepted; else the notices to return
    with the result (accepted warnings and reports)."""
    if refusals(findings):
        raise GuidelineRefused(
            tuple(_notice(f) for f in findings if f.severity is not Severity.REPORT)
        )
    warned = warnings(findings)
    if warned and not accept_warnings:
        raise NeedsConfirmation(tuple(_notice(f) for f in warned))
    return tuple(_notice(f) for f in findings)


def _file_reports(session: Session, post: Post, findings: Iterable[Finding], now) -> None:
    """File an automatic report for each finding that asks for one (once per reason while
    an earlier automatic report on the post is still open)."""
    wanted = [finding.report_reason[:REASON_MAX] for finding in reports(findings)]
    if not wanted:
        return
    already = set(
        session.exec(
            select(Report.reason).where(
                Report.post_id == post.id, Report.automatic, Report.status == "open"
            )
        ).all()
    )
    guideline = {f.report_reason[:REASON_MAX]: f.guideline for f in reports(findings)}
    for reason in dict.fromkeys(wanted):
        if reason in already:
            continue
        session.add(
            Report(
                reporter_id=None,
                post_id=post.id,
                author_id=post.author_id,
                reason=reason,
                guideline_number=guideline.get(reason),
                automatic=True,
                created_at=now,
            )
        )


_LINK_HINTS = ("%spotify%", "%http%")


def _link_filter():
    body = func.lower(Post.body)
    return or_(*(body.like(hint) for hint in _LINK_HINTS))


def _thread_uris(
    db: Session | Connection, thread: Thread, skip_post_id: int | None
) -> tuple[tuple[str, int], ...]:
    """(uri, position) for the links already in the thread: only posts that may hold one
    are read (their text mentions "spotify" or "http")."""
    query = select(Post.id, Post.position, Post.body).where(
        Post.thread_id == thread.id, not_(Post.removed), _link_filter()
    )
    found = []
    for post_id, position, body in connection_of(db).execute(query.order_by(Post.position)):
        if post_id == skip_post_id:
            continue
        text = f"{thread.title}\n{body}" if position == 1 else body
        found.extend((uri, position) for uri in guidelines.extract_uris(text))
    return tuple(found)


def _own_chat_uris(
    db: Session | Connection, member_id: int, since: datetime, skip_post_id: int | None
) -> tuple[tuple[str, datetime], ...]:
    """(uri, time) for links the member posted anywhere in Chat since ``since``."""
    rows = (
        connection_of(db)
        .execute(
            select(Post.id, Post.position, Post.body, Post.created_at, Thread.title)
            .join(Thread, Thread.id == Post.thread_id)
            .join(Board, Board.id == Thread.board_id)
            .where(
                Post.author_id == member_id,
                Post.created_at > since,
                Board.kind == "chat",
                not_(Post.removed),
                _link_filter(),
            )
        )
        .all()
    )
    found = []
    for post_id, position, body, created_at, title in rows:
        if post_id == skip_post_id:
            continue
        text = f"{title}\n{body}" if position == 1 else body
        found.extend((uri, created_at) for uri in guidelines.extract_uris(text))
    return tuple(found)


def _clean_title(title: str) -> str:
    """Titles are one line: runs of whitespace become one space."""
    return " ".join(title.split())


def _clean_body(body: str) -> str:
    """Bodies keep their inner layout; blank lines before and whitespace after go."""
    return body.rstrip().lstrip("\r\n")


def _check_title_column(title: str) -> None:
    if len(title) > TITLE_COLUMN_MAX:
        raise InvalidInput(f"Titles can be at most {TITLE_COLUMN_MAX} characters.")


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    if isinstance(tags, str):
        tags = [tags]
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split()).lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX or not _TAG.fullmatch(tag):
            raise InvalidInput(
                f"Tags are up to {TAG_MAX} letters, digits, spaces and simple punctuation."
            )
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > TAGS_PER_THREAD:
        raise InvalidInput(f"A thread can have at most {TAGS_PER_THREAD} tags.")
    return tuple(cleaned)
