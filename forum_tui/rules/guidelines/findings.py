"""What a guideline check returns: :class:`Finding` and its :class:`Severity`, the rule
titles for the report queue, and the helpers that split findings by what they do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Severity(StrEnum):
    REFUSE = "refuse"
    WARN = "warn"
    REPORT = "report"


# Short plain names of each rule, for the report queue and the audit log.
RULE_TITLES: dict[str, str] = {
    "email_unverified": "Email address not verified",
    "empty": "Empty post",
    "too_long": "Over the length limit",
    "duplicate": "Duplicate post",
    "rate_limit": "Posting too fast",
    "recipients": "Too many recipients",
    "personal_data": "Personal information",
    "chat_uri_in_thread": "Link already shared in this thread",
    "chat_uri_recent": "Link shared in Chat recently",
    "commercial": "Commercial or transactional post",
    "idea_label": "Idea without a label",
    "idea_language": "Idea not in English",
    "idea_several": "Several requests in one idea",
    "idea_rollback": "Roll-back request",
    "idea_pricing": "Pricing, subscription or content request",
    "idea_country": "New-country request",
    "idea_detail": "Idea without enough detail",
    "respect": "Disrespectful language",
    "malware": "Link to a risky file",
    "unofficial_app": "Modified or old version of the app",
    "other_platform": "Link to another music service",
    "link_only": "Only a link",
}


@dataclass(frozen=True)
class Finding:
    """One problem a guideline found in what a member is about to write.

    - ``rule``: a stable id (a key of :data:`RULE_TITLES`).
    - ``severity``: refuse, warn or report (see the module docstring).
    - ``message``: plain words fit to show the member.
    - ``guideline``: the Community Guideline (1-15) it relates to, if any.
    - ``requirement``: the Idea Exchange requirement (1-8) it relates to, if any.
    - ``detail``: a short specific for the queue: the kind of personal data, the canonical
      URI, the matched phrase, the label. Never unmasked personal data.
    - ``retry_at``: for refusals that expire (rate limits, a URI repeated in Chat, a
      duplicate), the moment the same write would no longer be refused for this reason.
    - ``report_if_posted``: a WARN that also files an automatic report if posted anyway.
    """

    rule: str
    severity: Severity
    message: str
    guideline: int | None = None
    requirement: int | None = None
    detail: str = ""
    retry_at: datetime | None = None
    report_if_posted: bool = False

    @property
    def files_report(self) -> bool:
        """True when posting the content anyway files an automatic report."""
        return self.severity is Severity.REPORT or self.report_if_posted

    @property
    def report_reason(self) -> str:
        """The reason to record on the automatic report, e.g. "Personal information
        (phone number)"."""
        title = RULE_TITLES.get(self.rule, self.rule)
        return f"{title} ({self.detail})" if self.detail else title


# ====================================================================== splitting


def refusals(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings that stop the write."""
    return tuple(f for f in findings if f.severity is Severity.REFUSE)


def warnings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings to show before posting; the member may edit or go on."""
    return tuple(f for f in findings if f.severity is Severity.WARN)


def reports(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings that file an automatic report if the content is posted."""
    return tuple(f for f in findings if f.files_report)
