"""``!`` on a private message: the report dialog of posts (``report_dialog.py``), for a
message. A reason is required; the report goes to the moderators' queue, which shows them
that message and a few around it, never the whole conversation."""

from __future__ import annotations

from textual import work
from textual.content import Content

from forum_tui.screens.base import plain_error
from forum_tui.screens.report_dialog import (
    DELETE_MY_POST,
    EXCERPT_CELLS,
    REPORTED,
    ReportDialog,
)
from forum_tui.store import views
from forum_tui.widgets.member import member_name
from forum_tui.widgets.safe import MUTED, join, label, safe


class MessageReportDialog(ReportDialog):
    """Report a private message: reason (required), detail and guideline (optional)."""

    def __init__(self, message: views.MessageView) -> None:
        super().__init__(post=None)  # type: ignore[arg-type]
        self.message = message

    @property
    def own_post(self) -> bool:
        return False

    def reasons(self) -> list[str]:
        reasons = self.community.report_reasons
        return [reason for reason in reasons if reason.casefold() != DELETE_MY_POST.casefold()]

    def _title(self) -> Content:
        return join(
            label("Report a private message", "bold"),
            label("  ·  from ", MUTED),
            member_name(self.message.author, self.community.staff_mark, MUTED),
        )

    def _excerpt(self) -> Content:
        lines = [line for line in safe(self.message.body).split("\n") if line.plain.strip()]
        text = Content(" ").join(lines[:3])
        return text.truncate(EXCERPT_CELLS, ellipsis=True).stylize(MUTED)

    @work(thread=True, exclusive=True, group="report")
    def send(self, reason: str, detail: str, number: int | None, removal: bool) -> None:
        full = f"{reason}: {detail}" if reason and detail else reason
        try:
            self.forum.report_message(self.viewer, self.message.id, full, guideline_number=number)
        except Exception as error:
            self.app.call_from_thread(self._refused, plain_error(error))
        else:
            self.app.call_from_thread(self.dismiss, REPORTED)
