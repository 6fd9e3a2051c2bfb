"""The checks for a private message: :func:`check_message`."""

from __future__ import annotations

from datetime import datetime

from forum_tui.rules.community import Limits
from forum_tui.rules.guidelines.findings import Finding, Severity
from forum_tui.rules.guidelines.wording import (
    _ONE_HOUR,
    _count,
    _is_blank,
    _rate_limit,
    _wait,
    plural,
)


def check_message(
    body: str,
    *,
    now: datetime,
    limits: Limits,
    recipients: int = 1,
    own_message_times: tuple[datetime, ...] = (),
    subject: str | None = None,
    sender_days_member: int | None = None,
    exempt: bool = False,
) -> tuple[Finding, ...]:
    """Guidelines for a private message.

    ``recipients`` is the number of members it goes to (besides the sender);
    ``own_message_times`` the sender's sending times in the last hour (older ones are
    ignored); ``subject`` the subject of a new conversation, ``None`` for a reply.
    ``sender_days_member``: days since the sender joined; in their first
    ``limits.new_member_days`` the stricter ``pm_max_recipients_new`` and
    ``pm_per_hour_new`` apply (guideline 12: no blasts). ``exempt`` (staff and
    moderators) lifts both limits.
    """
    new = sender_days_member is not None and sender_days_member < limits.new_member_days
    max_recipients = limits.pm_max_recipients_new if new else limits.pm_max_recipients
    per_hour = limits.pm_per_hour_new if new else limits.pm_per_hour
    who = f"New members (in their first {plural(limits.new_member_days, 'day')})" if new else ""
    findings: list[Finding] = []
    if subject is not None and _is_blank(subject):
        findings.append(Finding("empty", Severity.REFUSE, "Your subject is empty."))
    elif subject is not None and limits.title_max and len(subject.strip()) > limits.title_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Subjects can be at most {_count(limits.title_max)} characters "
                f"(this one has {_count(len(subject.strip()))}).",
                detail="subject",
            )
        )
    if _is_blank(body):
        findings.append(Finding("empty", Severity.REFUSE, "Your message is empty."))
    elif limits.post_max and len(body.strip()) > limits.post_max:
        findings.append(
            Finding(
                "too_long",
                Severity.REFUSE,
                f"Messages can be at most {_count(limits.post_max)} characters "
                f"(this one has {_count(len(body.strip()))}).",
                detail="body",
            )
        )
    if recipients < 1:
        findings.append(
            Finding("recipients", Severity.REFUSE, "Choose at least one member to send it to.")
        )
    elif not exempt and max_recipients and recipients > max_recipients:
        limit = f"at most {plural(max_recipients, 'member')}"
        first = f"{who} can write to {limit}" if new else f"A message can go to {limit}"
        findings.append(
            Finding(
                "recipients",
                Severity.REFUSE,
                f"{first} (this one has {recipients}).",
                guideline=12,
            )
        )
    retry = None if exempt else _rate_limit(own_message_times, now, _ONE_HOUR, per_hour)
    if retry is not None:
        findings.append(
            Finding(
                "rate_limit",
                Severity.REFUSE,
                f"You're sending messages too fast; try again {_wait(retry - now)}. "
                f"{who or 'Members'} can send {plural(per_hour, 'message')} an hour.",
                guideline=12,
                retry_at=retry,
            )
        )
    return tuple(findings)
