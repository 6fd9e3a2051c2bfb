"""The moderation keys, shared by the report queue, the thread view and (``B`` and ``u``
only) a member's profile.

``x`` remove, ``m`` move the thread, ``L`` lock/unlock, ``V`` archive to the Vault or
restore, ``C`` close an idea with the requirement it failed, ``w`` warn the author, ``B``
suspend the author (or lift a suspension: the store is asked whether one is running), ``u``
undo one's last action.

:class:`ModerationKeys` is a mixin. Its host provides ``mod_targets()`` (what to act on: the
marked items, else the current one, as :class:`ModTarget`) and ``mod_finished()`` (refresh
after an action: the queue reloads with the cursor on the next item, the thread view
reloads its posts). Every call runs off the UI thread and the store checks every one; the
keys show only for moderators and staff (``mod_allowed``). Nothing here can be undone
without a key (undo) except a warning, whose dialog is its confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding

from forum_tui.rules import moderation as rules
from forum_tui.screens.base import plain_error
from forum_tui.store.errors import AlreadyHandled
from forum_tui.widgets.header import refresh_badges
from forum_tui.widgets.safe import join, label, safe_line

if TYPE_CHECKING:
    from forum_tui.store.forum import Forum
    from forum_tui.store.views import TriageResult, Viewer

#: Keys shown in the footer where there is room; ``?`` lists them all.
MODERATION_BINDINGS = [
    Binding("x", "mod_remove", "Remove"),
    Binding("m", "mod_move", "Move", show=False),
    Binding("L", "mod_lock", "Lock"),
    Binding("V", "mod_vault", "Vault", show=False),
    Binding("C", "mod_close_idea", "Close idea", show=False),
    Binding("w", "mod_warn", "Warn"),
    Binding("B", "mod_suspend", "Suspend", show=False),
    Binding("u", "mod_undo", "Undo"),
]
MODERATION_ACTIONS = frozenset(binding.action.split("(")[0] for binding in MODERATION_BINDINGS)
DELETE_MY_POST = "please delete my post"
AT_AUTHORS_REQUEST = "Removed at the author's request."


@dataclass(frozen=True)
class ModTarget:
    """One item to act on: its key, the open reports seen, its thread and its author."""

    key: str
    kind: str
    author_id: int
    author_name: str
    seen: tuple[int, ...] = ()
    thread_id: int | None = None
    title: str = ""
    reason: str = ""
    board_kind: str | None = None
    locked: bool = False


def removal_reason(reason: str) -> str:
    """The reason members see for a removal, from the top report reason."""
    reason = reason.removeprefix("auto: ")
    if reason.casefold().startswith(DELETE_MY_POST):
        return AT_AUTHORS_REQUEST
    return reason


class ModerationKeys:
    """The moderation actions (a mixin: the host provides the rest)."""

    app: Any
    forum: Forum
    viewer: Viewer

    def mod_targets(self) -> list[ModTarget]:
        raise NotImplementedError

    def mod_finished(self, handled: list[str], stale: bool) -> None:
        raise NotImplementedError

    def mod_allowed(self) -> bool:
        return self.viewer.is_moderator

    # -- the keys

    def action_mod_remove(self) -> None:
        targets = self.mod_targets()
        if not targets:
            return
        if all(target.reason for target in targets):
            self._mod_run(
                [
                    (
                        t.key,
                        _call(
                            self.forum.remove_item,
                            self.viewer,
                            t.key,
                            removal_reason(t.reason),
                            seen=t.seen,
                        ),
                    )
                    for t in targets
                ]
            )
            return
        from forum_tui.screens.choice_dialog import ChoiceDialog

        reasons = [r for r in self.community.report_reasons]
        choices = [(label(reason), reason) for reason in reasons]

        def chosen(reason: str | None) -> None:
            if reason:
                self._mod_run(
                    [
                        (
                            t.key,
                            _call(
                                self.forum.remove_item,
                                self.viewer,
                                t.key,
                                removal_reason(t.reason or reason),
                                seen=t.seen,
                            ),
                        )
                        for t in targets
                    ]
                )

        self.app.push_screen(
            ChoiceDialog(label("Remove: why? Members see the reason.", "bold"), choices), chosen
        )

    def action_mod_lock(self) -> None:
        targets = [t for t in self.mod_targets() if t.thread_id is not None]
        if not targets:
            self._mod_say("Only threads can be locked.")
            return
        lock = not all(t.locked for t in targets)
        self._mod_run(
            [
                (
                    t.key,
                    _call(
                        self.forum.set_locked,
                        self.viewer,
                        t.thread_id,
                        lock,
                        reason=t.reason.removeprefix("auto: "),
                        key=_key(t),
                        seen=t.seen,
                    ),
                )
                for t in _one_per_thread(targets)
            ]
        )

    def action_mod_vault(self) -> None:
        targets = [t for t in self.mod_targets() if t.thread_id is not None]
        if not targets:
            self._mod_say("Only threads go to the Vault.")
            return
        calls = []
        for t in _one_per_thread(targets):
            if t.board_kind == "vault":
                calls.append((t.key, _call(self.forum.restore_thread, self.viewer, t.thread_id)))
            else:
                calls.append(
                    (
                        t.key,
                        _call(
                            self.forum.archive_thread,
                            self.viewer,
                            t.thread_id,
                            reason=t.reason.removeprefix("auto: "),
                            key=_key(t),
                            seen=t.seen,
                        ),
                    )
                )
        self._mod_run(calls)

    def _per_thread(self, targets, use_case, choice) -> list:
        """One store call per thread among ``targets`` (move, close an idea), each with
        the choice made in the dialog and the reports the moderator saw."""
        return [
            (
                t.key,
                _call(use_case, self.viewer, t.thread_id, choice, key=_key(t), seen=t.seen),
            )
            for t in _one_per_thread(targets)
        ]

    def action_mod_move(self) -> None:
        from forum_tui.screens.choice_dialog import ChoiceDialog

        targets = [t for t in self.mod_targets() if t.thread_id is not None]
        if not targets:
            self._mod_say("Only threads can be moved.")
            return
        community = self.community
        choices = [
            (
                join(
                    safe_line(area.name, "$foreground-muted"), label(" › "), safe_line(board.name)
                ),
                board.slug,
            )
            for area in community.areas
            for board in area.boards
            if board.kind != "vault"
        ]

        def chosen(slug: str | None) -> None:
            if slug:
                self._mod_run(self._per_thread(targets, self.forum.move_to_board, slug))

        self.app.push_screen(
            ChoiceDialog(label("Move the thread to which board?", "bold"), choices), chosen
        )

    def action_mod_close_idea(self) -> None:
        from forum_tui.screens.choice_dialog import ChoiceDialog

        targets = [t for t in self.mod_targets() if t.board_kind == "ideas"]
        if not targets:
            self._mod_say("Only live ideas in Idea Submissions can be closed.")
            return
        requirements = self.community.idea_requirements
        choices = [
            (label(f"{number}. {text}"), number)
            for number, text in enumerate(requirements, start=1)
        ]

        def chosen(number: int | None) -> None:
            if number:
                self._mod_run(self._per_thread(targets, self.forum.close_idea, number))

        self.app.push_screen(
            ChoiceDialog(label("Close the idea: which requirement did it fail?", "bold"), choices),
            chosen,
        )

    def action_mod_warn(self) -> None:
        from forum_tui.screens.warn_dialog import WarnDialog

        target = self._mod_single("warn")
        if target is None:
            return
        text = rules.warning_text(
            name=target.author_name,
            what=target.kind,
            where=target.title or "a private conversation",
            reason=target.reason.removeprefix("auto: ") or "see the guidelines",
        )

        def written(body: str | None) -> None:
            if body:
                self._mod_run(
                    [
                        (
                            target.key,
                            _call(
                                self.forum.warn_author,
                                self.viewer,
                                target.key,
                                body,
                                seen=target.seen,
                            ),
                        )
                    ]
                )

        self.app.push_screen(WarnDialog(target.author_name, text), written)

    def action_mod_suspend(self) -> None:
        target = self._mod_single("suspend")
        if target is not None:
            self._ask_suspension(target)

    @work(thread=True, exclusive=True, group="moderation-suspension")
    def _ask_suspension(self, target: ModTarget) -> None:
        """Whether the author is suspended now, asked afresh wherever ``B`` is pressed
        (queue, thread, profile), so the dialog offers lifting a running suspension."""
        try:
            until = self.forum.member_suspension(self.viewer, target.author_id)
        except Exception as error:
            self.app.call_from_thread(self._mod_say, plain_error(error))
        else:
            self.app.call_from_thread(self._suspend_dialog, target, until)

    def _suspend_dialog(self, target: ModTarget, running: datetime | None) -> None:
        from forum_tui.screens.suspend_dialog import LIFT, SuspendDialog

        def chosen(answer: tuple[str, float] | None) -> None:
            if answer is None:
                return
            how, hours = answer
            if how == LIFT:
                call = _call(self.forum.lift_suspension, self.viewer, target.author_id)
            else:
                call = _call(
                    self.forum.suspend_member,
                    self.viewer,
                    target.author_id,
                    hours,
                    reason=target.reason.removeprefix("auto: "),
                    key=_key(target),
                    seen=target.seen,
                )
            self._mod_run([(target.key, call)])

        self.app.push_screen(SuspendDialog(target.author_name, running), chosen)

    def action_mod_undo(self) -> None:
        self._mod_run([("", _call(self.forum.undo_last, self.viewer))])

    # -- running

    def _mod_single(self, doing: str) -> ModTarget | None:
        targets = self.mod_targets()
        authors = {t.author_id for t in targets}
        if len(authors) > 1:
            self._mod_say(f"You can {doing} one author at a time: unmark the others first.")
            return None
        return targets[0] if targets else None

    def _mod_say(self, message: str) -> None:
        self.app.notify(message, severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="moderation")
    def _mod_run(self, calls: list[tuple[str, Callable[[], TriageResult]]]) -> None:
        done: list[TriageResult] = []
        handled: list[str] = []
        refused: list[str] = []
        stale = False
        for key, call in calls:
            try:
                result = call()
            except Exception as error:
                refused.append(plain_error(error))
                stale = stale or isinstance(error, AlreadyHandled)
            else:
                done.append(result)
                handled.append(key)
        self.app.call_from_thread(self._mod_report, done, refused, handled, stale)

    def _mod_report(
        self, done: list[TriageResult], refused: list[str], handled: list[str], stale: bool
    ) -> None:
        if len(done) == 1:
            hint = "  (u undoes)" if done[0].undoable and done[0].action_id else ""
            self.app.notify(done[0].message + hint, markup=False)
        elif done:
            self.app.notify(f"Done for {len(done)} items. (u undoes the last.)", markup=False)
        if refused:
            unique = list(dict.fromkeys(refused))
            self.app.notify(" ".join(unique[:3]), severity="warning", markup=False)
        refresh_badges(self.app)
        self.mod_finished(handled, stale)


def _call(function: Callable[..., TriageResult], *args: Any, **kwargs: Any):
    return lambda: function(*args, **kwargs)


def _key(target: ModTarget) -> str | None:
    """The item key to resolve with a thread action (posts only)."""
    return target.key if target.kind == "post" and target.key.startswith("post:") else None


def _one_per_thread(targets: list[ModTarget]) -> list[ModTarget]:
    seen: set[int | None] = set()
    kept = []
    for target in targets:
        if target.thread_id not in seen:
            seen.add(target.thread_id)
            kept.append(target)
    return kept
