"""``B`` in the inbox: the members one has blocked; ``u`` (or ``enter``) unblocks the one
under the cursor, ``esc`` closes. Blocking happens on a message (``b``); this list is how
a member blocked in a group conversation (whose messages are then hidden) is let back."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.screens.base import ForumModal, plain_error
from forum_tui.store import views
from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.member import member_badge
from forum_tui.widgets.safe import MUTED, label

NOBODY = "You haven't blocked anyone."


class BlockedMembersDialog(ForumModal):
    """The blocked members; dismisses with how many were unblocked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "unblock", "Unblock"),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.members: dict[str, views.MemberBadge] = {}
        self.unblocked = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="blocked-card"):
            yield Static(label("Blocked members", "bold"), id="blocked-title")
            yield Static(
                label("They can't message you and were not told. u or enter unblocks.", MUTED)
            )
            yield ForumList(id="blocked-list")
            yield Static(Content(""), id="blocked-message", markup=False)

    def on_mount(self) -> None:
        self.query_one(ForumList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="blocked")
    def load(self) -> None:
        try:
            members = self.forum.blocked_members(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error))
        else:
            self.app.call_from_thread(self._show, members)

    def _show(self, members: tuple[views.MemberBadge, ...]) -> None:
        rows = self.query_one(ForumList)
        rows.clear_options()
        self.members = {str(member.id): member for member in members}
        rows.add_options(
            Option(member_badge(member, self.staff_mark), id=str(member.id)) for member in members
        )
        if members:
            rows.highlighted = 0
        self._say("" if members else NOBODY, MUTED)

    @on(OptionList.OptionSelected, "#blocked-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_unblock()

    def action_unblock(self) -> None:
        option = self.query_one(ForumList).highlighted_option
        member = self.members.get(option.id or "") if option is not None else None
        if member is not None:
            self.unblock(member)

    @work(thread=True, group="unblock")
    def unblock(self, member: views.MemberBadge) -> None:
        try:
            self.forum.unblock_member(self.viewer, member.id)
            members = self.forum.blocked_members(self.viewer)
        except Exception as error:
            self.app.call_from_thread(self._say, plain_error(error))
        else:
            self.unblocked += 1
            self.app.call_from_thread(self._show, members)

    def action_close(self) -> None:
        self.dismiss(self.unblocked)

    def _say(self, message: str, style: str = "$text-error") -> None:
        self.query_one("#blocked-message", Static).update(
            label(message, style) if message else Content("")
        )
