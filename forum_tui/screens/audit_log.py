""" "Audit log" (palette, moderators and staff): every moderator and staff action.

Who, what, which item, why, when, and whether it was undone; newest first, a page at a
time. ``/`` filters by moderator, action or date. ``forum-tui audit export PATH`` writes
the whole log as CSV or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from forum_tui.rules.moderation import ACTION_WORDS
from forum_tui.screens.base import ForumScreen, plain_error
from forum_tui.screens.choice_dialog import ChoiceDialog
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe_line
from forum_tui.widgets.when import ago

PAGE = 50
NEAR_END = 5
WHEN = 12
WHO = 16
WHAT = 22
#: The value of an "every ..." row (None means the dialog was cancelled).
ALL = ""
DATES = [("Any date", ALL), ("Today", 0), ("Last 7 days", 7), ("Last 30 days", 30)]


@dataclass(frozen=True)
class AuditFilter:
    moderator: str | None = None
    action: str | None = None
    since: date | None = None


def audit_row(entry: views.AuditEntry, now: datetime, staff_mark: str) -> Columns:
    style = MUTED if entry.undone else ""
    what = label(entry.action_words + (" (undone)" if entry.undone else ""), style or "bold")
    target = safe_line(entry.target_label or f"{entry.target_kind} {entry.target_id}", style)
    reason = safe_line(entry.reason, MUTED) if entry.reason else label("no reason given", MUTED)
    return Columns(
        [
            [
                Cell(label(ago(entry.created_at, now), MUTED), WHEN),
                Cell(member_name(entry.moderator, staff_mark), WHO),
                Cell(what, WHAT),
                Cell(target),
            ],
            [
                Cell(Content(""), WHEN),
                Cell(Content(""), WHO),
                Cell(Content(""), WHAT),
                Cell(reason),
            ],
        ]
    )


class AuditLogScreen(ForumScreen):
    """The audit log; ``/`` filters, esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[views.AuditEntry] = []
        self.flt = AuditFilter()
        self.next_cursor: str | None = None
        self.fetching = False
        self.now = datetime.min

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="audit", classes="main-pane"):
            yield Label(label("Audit log", "bold"), id="audit-title", markup=False)
            yield ForumList(id="audit-list")
            yield Label(label("Loading…", MUTED), id="audit-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ForumHeader).set_place(label("Moderation › Audit log"))
        self.now = self.current_time()
        self.query_one("#audit-list").focus()
        self._fetch(self.flt, None)

    @work(thread=True, exclusive=True, group="audit")
    def _fetch(self, flt: AuditFilter, cursor: str | None) -> None:
        try:
            page = self.forum.audit_log(
                self.viewer,
                moderator=flt.moderator,
                action=flt.action,
                since=flt.since,
                cursor=cursor,
                limit=PAGE,
            )
        except Exception as error:
            self.app.call_from_thread(self._status, plain_error(error), "$text-error")
        else:
            self.app.call_from_thread(self._show, page, cursor is None)

    def _show(self, page: views.Page[views.AuditEntry], fresh: bool) -> None:
        self.fetching = False
        self.next_cursor = page.next_cursor
        rows = self.query_one("#audit-list", ForumList)
        if fresh:
            self.entries = []
            rows.clear_options()
        self.entries.extend(page.items)
        rows.add_options(
            Option(audit_row(entry, self.now, self.staff_mark), id=str(entry.id))
            for entry in page.items
        )
        if fresh and self.entries:
            rows.highlighted = 0
        words = [f"{len(self.entries)}{'+' if self.next_cursor else ''} entries"]
        if self.flt.moderator:
            words.append(f"by {self.flt.moderator}")
        if self.flt.action:
            words.append(ACTION_WORDS.get(self.flt.action, self.flt.action))
        if self.flt.since:
            words.append(f"since {self.flt.since:%d %b %Y}")
        self.query_one("#audit-title", Label).update(
            join(label("Audit log", "bold"), label("  " + " · ".join(words), MUTED))
        )
        self._status("" if self.entries else "Nothing in the log matches.", MUTED)

    def _status(self, message: str, style: str = "") -> None:
        status = self.query_one("#audit-status", Label)
        status.update(label(message, style))
        status.display = bool(message)

    @on(OptionList.OptionHighlighted, "#audit-list")
    def _near_end(self, event: OptionList.OptionHighlighted) -> None:
        near = event.option_index >= len(self.entries) - NEAR_END
        if near and self.next_cursor and not self.fetching:
            self.fetching = True
            self._fetch(self.flt, self.next_cursor)

    def action_filter(self) -> None:
        moderators = sorted({entry.moderator.username for entry in self.entries})
        values = {
            "moderator": [(label("Every moderator"), ALL)]
            + [(safe_line(name), name) for name in moderators],
            "action": [(label("Every action"), ALL)]
            + [(label(words), key) for key, words in ACTION_WORDS.items()],
            "date": [(label(words), days) for words, days in DATES],
        }
        fields = [
            (label("Moderator"), "moderator"),
            (label("Action"), "action"),
            (label("Date"), "date"),
            (label("Clear every filter"), "clear"),
        ]

        def field_chosen(field: str | None) -> None:
            if field == "clear":
                self._apply(AuditFilter())
            elif field is not None:

                def value_chosen(value) -> None:
                    if value is None:  # cancelled: the filter stays as it was
                        return
                    if field == "date":
                        since = None if value == ALL else self.now.date() - timedelta(days=value)
                        self._apply(replace(self.flt, since=since))
                    else:
                        self._apply(replace(self.flt, **{field: value or None}))

                self.app.push_screen(
                    ChoiceDialog(label(f"Filter by {field}", "bold"), values[field]), value_chosen
                )

        self.app.push_screen(
            ChoiceDialog(label("Filter the log by…", "bold"), fields), field_chosen
        )

    def _apply(self, flt: AuditFilter) -> None:
        self.flt = flt
        self._fetch(flt, None)

    def action_back(self) -> None:
        self.dismiss()
