"""How the report queue draws: a row per reported item, and the item in full.

Every piece of member text (titles, bodies, reasons typed by reporters, names) goes
through the safe-text path (``widgets.safe``); our own words are ``label``s.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from forum_tui.rules import moderation as rules
from forum_tui.rules.wording import plural
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.member import member_name, member_rank
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.when import ago

COUNT = 4
WHEN = 4
MARK = 3
CONTEXT_CELLS = 140


def queue_row(item: views.QueueItem, now: datetime, *, marked: bool) -> Columns:
    """``[x] 3⚑  Spam or advertising · Follow for follow?   2d`` and who/where below."""
    # Every cell is styled: a row of only unstyled text loses its leading blank cells.
    mark = label("[x]", "bold $accent") if marked else label("   ", MUTED)
    count = label(f"{item.report_count}⚑", "bold $text-error" if item.report_count > 1 else "bold")
    reason = item.reasons[0] if item.reasons else "reported"
    top = join(
        safe_line(reason, "bold"),
        label(" · ", MUTED),
        safe_line(item.title),
        label(" (removed)", MUTED) if item.removed else "",
    )
    where = item.board_name or "private message"
    below = [safe_line(item.author.username, MUTED), safe_line(where, MUTED)]
    if item.claimed_by:
        who = "you" if item.claimed_by_viewer else item.claimed_by
        below.append(join(label("claimed by ", "$text-warning"), safe_line(who, "$text-warning")))
    return Columns(
        [
            [
                Cell(mark, MARK),
                Cell(count, COUNT),
                Cell(top),
                Cell(label(_short_ago(item.first_reported_at, now), MUTED), WHEN, "right"),
            ],
            [
                Cell(Content(""), MARK),
                Cell(Content(""), COUNT),
                Cell(join(*below, separator=label(" · ", MUTED))),
                Cell(Content(""), WHEN),
            ],
        ]
    )


def item_detail(
    detail: views.QueueItemDetail, now: datetime, staff_mark: str, viewer_id: int
) -> Content:
    """The item in full: where, who (with their record), the text, the reports, the
    context around it and the claim."""
    item = detail.item
    lines: list[Content] = [_where(detail), _record(detail.record, staff_mark, now)]
    if item.removed:
        reason = detail.removed_reason or "no reason given"
        lines.append(join(label("Removed by a moderator: ", "bold $text-warning"), safe(reason)))
    lines += [Content(""), safe(detail.body), Content("")]
    lines.append(label(f"Reports ({len(detail.reports)})", "bold"))
    for report in detail.reports:
        lines.append(_report_line(report, now, staff_mark))
    if not detail.reports:
        lines.append(label("  No open reports: acting here is moderation from the content.", MUTED))
    if detail.context:
        lines += [Content(""), label("Context", "bold")]
        for line in detail.context:
            lines.append(_context_line(line, staff_mark))
    if item.claimed_by:
        who = "you" if item.claimed_by_viewer else item.claimed_by
        words = f"Claimed by {who} (claims lapse after {rules.CLAIM_MINUTES} minutes)"
        lines += [Content(""), label(words, "$text-warning")]
    return Content("\n").join(lines)


def _where(detail: views.QueueItemDetail) -> Content:
    item = detail.item
    if item.kind == "message":
        return join(label("Private message in ", "bold"), safe_line(f"“{item.title}”", "bold"))
    parts = [
        label(f"Post #{item.position} in ", "bold"),
        safe_line(f"“{item.title}”", "bold"),
        label(" · ", MUTED),
        safe_line(item.board_name or "", MUTED),
    ]
    marks = []
    if detail.thread_locked:
        marks.append("locked")
    if detail.board_kind == "vault":
        marks.append("in the Vault")
    if detail.idea_status:
        marks.append(f"idea: {detail.idea_status}")
    if marks:
        parts.append(label(" · " + ", ".join(marks), "$text-warning"))
    return join(*parts)


def _record(record: views.AuthorRecord, staff_mark: str, now: datetime) -> Content:
    upheld = record.upheld_reports
    facts = [
        plural(upheld, "upheld report"),
        plural(record.warnings, "warning"),
    ]
    if record.suspended_until is not None:
        facts.append(f"suspended until {rules.suspended_until_words(record.suspended_until)}")
    elif record.suspensions:
        facts.append(f"suspended {record.suspensions}× before")
    else:
        facts.append("never suspended")
    facts.append(f"joined {ago(record.joined_at, now)}")
    return join(
        label("by ", MUTED),
        member_name(record.author, staff_mark),
        "  ",
        member_rank(record.author),
        label(" · " + " · ".join(facts), MUTED),
    )


def _report_line(report: views.ReportLine, now: datetime, staff_mark: str) -> Content:
    if report.automatic:
        head = join(label("  ⚙ automatic: ", "bold $accent"), safe_line(report.reason))
    else:
        head = join(label("  ⚑ "), safe_line(report.reason, "bold"))
    parts = [head]
    if report.guideline_number:
        parts.append(label(f"  (guideline {report.guideline_number}", MUTED))
        if report.guideline_text:
            parts.append(safe_line(f": {report.guideline_text}", MUTED))
        parts.append(label(")", MUTED))
    if report.reporter is not None:
        parts += [label(" — ", MUTED), member_name(report.reporter, staff_mark, MUTED)]
    parts.append(label(f" · {ago(report.created_at, now)}", MUTED))
    if report.explanation:  # the rule's own words for why it fired
        parts += ["\n", label("      why: ", MUTED), safe_line(report.explanation, "italic")]
    return join(*parts)


def _context_line(line: views.ContextLine, staff_mark: str) -> Content:
    body = "[removed]" if line.removed else " ".join(line.body.split())
    if len(body) > CONTEXT_CELLS:
        body = body[: CONTEXT_CELLS - 1] + "…"
    style = "bold" if line.reported else MUTED
    pointer = label("▶ " if line.reported else "  ", "$accent")
    tag = label(f"{line.label} " if line.label else "", style)
    return join(
        pointer,
        tag,
        member_name(line.author, staff_mark, style),
        label(": ", style),
        safe_line(body, "" if line.reported else MUTED),
    )


def _short_ago(then: datetime, now: datetime) -> str:
    seconds = max(0, (now - then).total_seconds())
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"
