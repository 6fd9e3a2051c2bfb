"""Moderation from the content itself: the queue's keys on the thread view.

:class:`ThreadModeration` is mixed into ``ThreadScreen``; it lists
``MODERATION_BINDINGS`` (``x`` ``m`` ``L`` ``V`` ``C`` ``w`` ``B`` ``u``, see
``moderation_keys``) and answers ``check_action`` for them through
:meth:`moderation_state`: they show only for moderators and staff. The current post is
the item (its reports, if any, are resolved by the action); after an action the thread
reloads at the same post.
"""

from __future__ import annotations

from typing import Any

from forum_tui.screens.moderation_keys import MODERATION_ACTIONS, ModerationKeys, ModTarget


class ThreadModeration(ModerationKeys):
    """The thread view's moderation keys (a mixin: ``ThreadScreen`` provides the rest)."""

    thread: Any
    thread_id: int

    def moderation_state(self, action: str) -> bool | None:
        """``check_action`` for the moderation keys; None when not one of them."""
        if action not in MODERATION_ACTIONS:
            return None
        return self.thread is not None and self.mod_allowed()

    def mod_targets(self) -> list[ModTarget]:
        view = self.current_post()  # type: ignore[attr-defined]
        if view is None or self.thread is None:
            return []
        post = view.post
        board_kind = self.thread.board.kind
        if board_kind == "ideas" and self.thread.status == "Closed":
            board_kind = "closed_ideas"
        return [
            ModTarget(
                key=f"post:{post.id}",
                kind="post",
                author_id=post.author.id,
                author_name=post.author.username,
                thread_id=self.thread.id,
                title=self.thread.title,
                board_kind=board_kind,
                locked=self.thread.locked,
            )
        ]

    def mod_finished(self, handled: list[str], stale: bool) -> None:
        view = self.current_post()  # type: ignore[attr-defined]
        self.show_post(view.position if view is not None else 1)  # type: ignore[attr-defined]
