"""The checks for a new thread, a reply or an edit: :class:`PostContext` and
:func:`check_post` (length, duplicates, rate limits, Chat links, and the content checks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from forum_tui.rules.community import ContentChecks, Limits
from forum_tui.rules.guidelines.commercial import _commercial_findings
from forum_tui.rules.guidelines.conduct import (
    download_findings,
    link_only_findings,
    other_platform_findings,
    respect_findings,
)
from forum_tui.rules.guidelines.findings import Finding, Severity
from forum_tui.rules.guidelines.links import _link_matches, _Links, _uri_noun
from forum_tui.rules.guidelines.personal_data import _personal_data_findings
from forum_tui.rules.guidelines.wording import (
    _DUPLICATE_PREFIX,
    _TEN_MINUTES,
    _ago,
    _count,
    _day,
    _is_blank,
    _lower,
    _normalised,
    _rate_limit,
    _short,
    _wait,
    plural,
)


@dataclass(frozen=True)
class PostContext:
    """Everything :func:`check_post` needs to know, gathered by the store.

    - ``board_kind``: the board's kind (``community.BOARD_KINDS``); ``"chat"`` turns on
      the Chat URI rules.
    - ``body``: the post's text as typed.
    - ``now``: the service clock's time.
    - ``title``: the thread title for a new thread (or an opening post's edit); ``None`` for
      a reply. ``is_new_thread`` is derived from it.
    - ``author_days_member``: whole or fractional days since the author joined; below
      ``limits.new_member_days`` the stricter new-member rate applies.
    - ``email_verified``: whether the author's email address is verified.
    - ``recent_own_posts``: ``(created_at, body)`` of the author's posts inside the
      duplicate window (older ones may be passed; they are ignored). Empty for an edit.
    - ``own_post_times_last_10_min``: creation times of the author's posts in the last ten
      minutes (older ones are ignored). Empty for an edit.
    - ``thread_uris``: ``(uri, position)`` for every URI already in the thread, URIs as
      returned by :func:`extract_uris`, position as shown to readers (opening post is 1).
    - ``board_slug``: the board's slug (the link-only rule applies to named boards).
    - ``own_recent_chat_uris``: ``(uri, created_at)`` for URIs the author posted anywhere in
      Chat within ``limits.chat_uri_repeat_days`` (older ones are ignored).
    """

    board_kind: str
    body: str
    now: datetime
    title: str | None = None
    author_days_member: float = 0
    email_verified: bool = True
    recent_own_posts: tuple[tuple[datetime, str], ...] = ()
    own_post_times_last_10_min: tuple[datetime, ...] = ()
    thread_uris: tuple[tuple[str, int], ...] = ()
    own_recent_chat_uris: tuple[tuple[str, datetime], ...] = ()
    board_slug: str = ""

    @property
    def is_new_thread(self) -> bool:
        return self.title is not None


def _length_findings(title: str | None, body: str, limits: Limits) -> list[Finding]:
    findings = []
    if title is not None and _is_blank(title):
        findings.append(Finding("empty", Severity.REFUSE, "Your title is empty."))
    elif title is not None and limits.title_max and len(title.strip()) > limits.title_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Titles can be at most {_count(limits.title_max)} characters "
                f"(this one has {_count(len(title.strip()))}).",
                detail="title",
            )
        )
    if _is_blank(body):
        findings.append(Finding("empty", Severity.REFUSE, "Your post is empty."))
    elif limits.post_max and len(body.strip()) > limits.post_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Posts can be at most {_count(limits.post_max)} characters "
                f"(this one has {_count(len(body.strip()))}).",
                detail="body",
            )
        )
    return findings


def _duplicate_findings(context: PostContext, limits: Limits) -> list[Finding]:
    if not limits.duplicate_window_minutes or not context.recent_own_posts:
        return []
    window = timedelta(minutes=limits.duplicate_window_minutes)
    mine_start = _normalised(context.body[:_DUPLICATE_PREFIX])
    mine: str | None = None
    latest: datetime | None = None
    for created, body in context.recent_own_posts:
        if created <= context.now - window or (latest is not None and created <= latest):
            continue
        # Normalising a prefix is a prefix of normalising the whole (give or take the last
        # character), so most different posts are told apart without reading them whole.
        start = _normalised(body[:_DUPLICATE_PREFIX])
        common = min(len(start), len(mine_start)) - 1
        if common > 0 and start[:common] != mine_start[:common]:
            continue
        if mine is None:
            mine = _normalised(context.body)
        if _normalised(body) == mine:
            latest = created
    if latest is None:
        return []
    return [
        Finding(
            "duplicate",
            Severity.REFUSE,
            f"You posted the same text {_ago(context.now - latest)}.",
            guideline=3,
            retry_at=latest + window,
        )
    ]


def _post_rate_findings(context: PostContext, limits: Limits) -> list[Finding]:
    new = context.author_days_member < limits.new_member_days
    limit = limits.posts_per_10_minutes_new if new else limits.posts_per_10_minutes
    retry = _rate_limit(context.own_post_times_last_10_min, context.now, _TEN_MINUTES, limit)
    if retry is None:
        return []
    who = (
        f"New members (in their first {plural(limits.new_member_days, 'day')})"
        if new
        else "Members"
    )
    return [
        Finding(
            "rate_limit",
            Severity.REFUSE,
            f"You're posting too fast; try again {_wait(retry - context.now)}. "
            f"{who} can post {plural(limit, 'time')} in 10 minutes.",
            retry_at=retry,
        )
    ]


def _chat_uri_findings(context: PostContext, limits: Limits, links: _Links) -> list[Finding]:
    uris = tuple(dict.fromkeys(uri for _, _, uri in links if uri))
    if not uris:
        return []
    in_thread: dict[str, int] = {}
    for uri, position in context.thread_uris:
        if uri not in in_thread or position < in_thread[uri]:
            in_thread[uri] = position
    days = limits.chat_uri_repeat_days
    window = timedelta(days=days)
    recent: dict[str, datetime] = {}
    if days:
        for uri, created in context.own_recent_chat_uris:
            if created > context.now - window and (uri not in recent or created > recent[uri]):
                recent[uri] = created
    findings = []
    for uri in uris:
        noun = _uri_noun(uri)
        if uri in in_thread:
            findings.append(
                Finding(
                    "chat_uri_in_thread",
                    Severity.REFUSE,
                    f"That {noun} was already shared in this thread (post #{in_thread[uri]}).",
                    detail=uri,
                )
            )
        elif uri in recent:
            shared = recent[uri]
            allowed = shared + window
            findings.append(
                Finding(
                    "chat_uri_recent",
                    Severity.REFUSE,
                    f"You shared {_short(uri)} in Chat on {_day(shared, context.now)}; "
                    f"you can share it again from {_day(allowed, context.now)}.",
                    detail=uri,
                    retry_at=allowed,
                )
            )
    return findings


def check_post(
    context: PostContext, limits: Limits, checks: ContentChecks | None = None
) -> tuple[Finding, ...]:
    """Every guideline that applies to a new thread, a reply or an edit.

    Refusals: unverified email, empty title or body (whitespace and invisible characters
    only count as empty), over ``title_max``/``post_max``, the same text within
    ``duplicate_window_minutes``, too many posts in ten minutes (new members stricter), and
    in Chat a URI already in the thread or shared by the author in Chat within
    ``chat_uri_repeat_days``. Warnings: personal data (reported if posted anyway).
    Reports: commercial or transactional language.

    With the community's ``checks`` (``Community.content_checks``), also the conduct and
    link checks of ``conduct``: offensive language (warned, reported if posted), links to
    modified or old versions of the app or to program files (refused), in Chat a link to
    another music service (warned), and on link-only boards a post that is only a link
    (refused).
    """
    findings: list[Finding] = []
    if not context.email_verified:
        findings.append(
            Finding(
                "email_unverified",
                Severity.REFUSE,
                "Verify your email address before posting.",
            )
        )
    findings += _length_findings(context.title, context.body, limits)
    findings += _duplicate_findings(context, limits)
    findings += _post_rate_findings(context, limits)
    text = context.body if context.title is None else f"{context.title}\n{context.body}"
    low = _lower(text)
    links = _link_matches(text, low)
    if context.board_kind == "chat":
        findings += _chat_uri_findings(context, limits, links)
    findings += _personal_data_findings(text, low, links)
    findings += _commercial_findings(text, low)
    if checks is not None:
        findings += _conduct_findings(context, text, checks)
    return tuple(findings)


def _conduct_findings(context: PostContext, text: str, checks: ContentChecks) -> list[Finding]:
    findings = download_findings(text, checks)
    findings += link_only_findings(context.body, context.board_slug, checks)
    if context.board_kind == "chat":
        findings += other_platform_findings(text, checks)
    findings += respect_findings(text, checks)
    return findings
