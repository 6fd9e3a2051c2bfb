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
) -> tuple[Finding, ...]:
    """Guidelines for a private message.

    ``recipients`` is the number of members it goes to (besides the sender);
    ``own_message_times`` the sender's sending times in the last hour (older ones are
    ignored); ``subject`` the subject of a new conversation, ``None`` for a reply.
    """
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
    elif limits.pm_max_recipients and recipients > limits.pm_max_recipients:
        findings.append(
            Finding(
                "recipients",
                Severity.REFUSE,
                f"A message can go to at most {plural(limits.pm_max_recipients, 'member')} "
                f"(this one has {recipients}).",
                guideline=12,
            )
        )
    retry = _rate_limit(own_message_times, now, _ONE_HOUR, limits.pm_per_hour)
    if retry is not None:
        findings.append(
            Finding(
                "rate_limit",
                Severity.REFUSE,
                f"You're sending messages too fast; try again {_wait(retry - now)}. "
                f"Members can send {plural(limits.pm_per_hour, 'message')} an hour.",
                guideline=12,
                retry_at=retry,
            )
        )
    return tuple(findings)
