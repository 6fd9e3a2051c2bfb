"""Submitting an idea: subject, label, similar ideas as you type, body, tags.

:class:`IdeaFormScreen` is the compose screen (screens/compose.py: drafts saved as you
type under the key ``idea``, ``esc`` keeps the draft, ``ctrl+s`` posts, refusals keep
the text, warnings open "Edit or Post anyway") with what an idea needs:

- the label, picked from the community's labels (``ctrl+l``, or ``shift+tab`` from the
  subject), shown in
  [square brackets] before the subject; a label typed in the subject counts too;
- similar ideas, live and closed, following each key of the subject
  (:class:`SimilarIdeas`: ``widgets/similar.py``'s one-lookup-at-a-time thread asks
  ``Forum.idea_suggestions``): ``ctrl+o`` moves into them, ``v`` votes on the spot,
  ``enter`` opens one;
- the requirement check as the member writes: which Idea Exchange requirement the idea
  may break, in the rules' words, under the body (``rules.guidelines.check_idea``; pure and
  cheap, run on the UI thread after a pause). Posting anyway files a report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from forum_tui.rules.guidelines import check_idea
from forum_tui.screens.base import plain_error
from forum_tui.screens.compose import ComposeScreen, Composing
from forum_tui.store import views
from forum_tui.widgets.columns import Cell, Columns
from forum_tui.widgets.editor import BodyArea, TitleInput, editable_line
from forum_tui.widgets.footer import KeyFooter
from forum_tui.widgets.header import ForumHeader
from forum_tui.widgets.safe import MUTED, join, label, safe, safe_line
from forum_tui.widgets.similar import SimilarList, SimilarThreads

#: Seconds of quiet before the requirements are checked again.
CHECK_DELAY = 0.4
LABEL_PREFIX = "label:"
STATUS_WIDTH = 19
TAGS_PREFIX = "tags:"


def open_idea_form(app, board: views.BoardView, posted: Callable) -> None:
    """Open the idea form for ``board`` (Idea Submissions), or say why not."""
    if not board.can_post:
        app.notify(board.post_refusal or "You can't submit ideas.", severity="warning")
        return
    composing = Composing("idea", board, views.idea_draft_key(), has_title=True)
    app.push_screen(IdeaFormScreen(composing), posted)


def submit_an_idea(app) -> None:
    """Open the idea form from anywhere (the palette's "Submit an idea"); after posting,
    the new idea opens."""

    def posted(result: views.PostResult | None) -> None:
        from forum_tui.screens.jump import open_thread

        if result is not None:
            open_thread(app, result.thread_id)

    def find_board() -> None:
        try:
            slug = app.community.boards_of_kind("ideas")[0].slug
            board = app.forum.board(app.viewer, slug)
        except Exception as error:
            app.call_from_thread(app.notify, plain_error(error), severity="warning")
        else:
            app.call_from_thread(open_idea_form, app, board, posted)

    app.run_worker(find_board, thread=True, group="submit-idea")


def suggestion_row(idea: views.IdeaSuggestion) -> Columns:
    """▲ votes (✓ when the viewer voted), the title, the status: one line at any width."""
    votes = label(f"▲ {idea.vote_count}", "bold $text-primary")
    mine = label("✓", "$text-success") if idea.voted else Content("")
    status = safe_line(idea.status or "", "$text-accent")
    line = [
        Cell(votes, 6, "right"),
        Cell(mine, 1),
        Cell(safe_line(idea.title)),
        Cell(status, STATUS_WIDTH, "right"),
    ]
    return Columns([line], gap=1)


class SimilarIdeaList(SimilarList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("v", "vote", "Vote")]

    def action_vote(self) -> None:
        owner = self.parent
        if isinstance(owner, SimilarIdeas):
            owner.vote(owner.hit_at(self.highlighted))


class SimilarIdeas(SimilarThreads):
    """Ideas like the subject being typed, each votable (``v``) or openable (``enter``)."""

    def __init__(self, title_id: str, *, id: str | None = None) -> None:
        super().__init__(title_id, None, id=id)

    @property
    def ideas(self) -> dict[str, views.IdeaSuggestion]:
        """The suggestions shown, by thread id, in their order."""
        return self.hits  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        hint = "Similar ideas, as you type (ctrl+o to pick one, v to vote, enter to open):"
        yield Static(label(hint, MUTED), id="similar-title")
        yield SimilarIdeaList(id="similar-list")

    def _lookup(self, title: str) -> tuple[views.IdeaSuggestion, ...]:
        app = self.app
        return app.forum.idea_suggestions(app.viewer, title)  # type: ignore[attr-defined]

    def row(self, idea: views.IdeaSuggestion) -> Columns:
        return suggestion_row(idea)

    def vote(self, idea: views.IdeaSuggestion | None) -> None:
        if idea is not None:
            self._vote(idea)

    @work(thread=True, group="similar-vote")
    def _vote(self, idea: views.IdeaSuggestion) -> None:
        try:
            app = self.app
            result = app.forum.toggle_vote(app.viewer, idea.thread_id)  # type: ignore[attr-defined]
        except Exception as error:
            self.app.call_from_thread(
                self.notify, plain_error(error), severity="warning", markup=False
            )
        else:
            self.app.call_from_thread(self._voted, idea, result)

    def _voted(self, idea: views.IdeaSuggestion, result: views.VoteResult) -> None:
        from dataclasses import replace

        from forum_tui.screens.ideas import vote_message

        key = str(idea.thread_id)
        if key in self.hits:  # else the subject changed meanwhile: another list is shown
            self.hits[key] = voted = replace(idea, vote_count=result.vote_count, voted=result.voted)
            index = list(self.hits).index(key)
            self.query_one(SimilarIdeaList).replace_option_prompt_at_index(index, self.row(voted))
        self.notify(vote_message("idea", result), markup=False)


class IdeaFormScreen(ComposeScreen):
    """The compose screen for a new idea (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "pick_label", "Label", priority=True),
    ]

    def __init__(self, composing: Composing) -> None:
        super().__init__(composing)
        self._check_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        community = self.community
        yield ForumHeader(community.name, self.viewer, community.staff_mark)
        with Vertical(id="compose"):
            where = join(label("New idea in "), safe_line(self.composing.board.name, "bold"))
            yield Static(where, id="compose-where", markup=False)
            yield Static(Content(""), id="compose-guidelines", markup=False)
            with Horizontal(id="idea-subject-row"):
                yield Select(
                    [(name, name) for name in community.idea_labels],
                    prompt="Label",
                    id="idea-label",
                )
                yield TitleInput(
                    "", placeholder="Subject: what would you change?", id="compose-title"
                )
            yield SimilarIdeas("compose-title", id="compose-similar")
            yield BodyArea(
                "",
                id="compose-body",
                read_only=True,
                placeholder="How does the app work now, and what exactly would you change? "
                "Which platform or screen? (Markdown) ctrl+s posts it.",
            )
            yield Input(placeholder="Tags (optional, separated by commas)", id="idea-tags")
            with Horizontal(id="compose-status"):
                yield Static(Content(""), id="compose-message", markup=False)
                yield Static(Content(""), id="compose-counter", markup=False)
            yield Static(Content(""), id="idea-warnings", markup=False)
            yield Static(Content(""), id="compose-notices", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#idea-warnings").display = False

    # -- what the draft holds: subject and body, and the label and tags in ``extra``

    @property
    def chosen_label(self) -> str | None:
        value = self.query_one("#idea-label", Select).value
        return value if isinstance(value, str) else None

    @property
    def tags(self) -> list[str]:
        return [
            t.strip() for t in self.query_one("#idea-tags", Input).value.split(",") if t.strip()
        ]

    def _snapshot(self) -> tuple[str, str, str]:
        title, body, _extra = super()._snapshot()
        tags = self.query_one("#idea-tags", Input).value
        label_value = self.chosen_label or ""
        extra = f"{LABEL_PREFIX}{label_value}\n{TAGS_PREFIX}{tags}" if label_value or tags else ""
        return (title, body, extra)

    def _restore(self, draft: views.DraftView) -> None:
        super()._restore(draft)
        for line in draft.extra.splitlines():
            if line.startswith(LABEL_PREFIX):
                value = line.removeprefix(LABEL_PREFIX)
                if value in self.community.idea_labels:
                    self.query_one("#idea-label", Select).value = value
            elif line.startswith(TAGS_PREFIX):
                self.query_one("#idea-tags", Input).value = editable_line(
                    line.removeprefix(TAGS_PREFIX)
                )

    @on(Select.Changed, "#idea-label")
    @on(Input.Changed, "#idea-tags")
    def _extra_edited(self, event) -> None:
        event.stop()
        if self.ready:
            self._changed()

    def _changed(self) -> None:
        super()._changed()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.check_requirements, name="check")

    # -- the requirements, as the member writes

    def check_requirements(self) -> None:
        """Show which requirement the idea may break (nothing for an empty body)."""
        self._check_timer = None
        body = self.body_area.text
        box = self.query_one("#idea-warnings", Static)
        if not body.strip():
            box.display = False
            return
        community = self.community
        title = (
            self.forum.idea_title(self.title_input.value, self.chosen_label)
            if (self.chosen_label)
            else self.title_input.value
        )
        findings = [
            f for f in check_idea(title, body, community.idea_labels) if f.requirement is not None
        ]
        if not findings:
            box.display = False
            return
        lines = [
            join(label(f"⚠ Requirement {f.requirement}: ", "bold $text-warning"), safe(f.message))
            for f in findings
        ]
        lines.append(label("  Edit it, or post anyway (a moderator will take a look).", MUTED))
        box.update(join(*lines, separator="\n"))
        box.display = True

    # -- keys

    def action_pick_label(self) -> None:
        select = self.query_one("#idea-label", Select)
        select.focus()
        select.action_show_overlay()

    def _call_store(self, title: str, body: str, accept_warnings: bool) -> views.PostResult:
        return self.forum.submit_idea(
            self.viewer,
            title,
            body,
            label=self.chosen_label,
            tags=self.tags,
            accept_warnings=accept_warnings,
        )

    def _refused(self, message: str, notices: tuple[views.GuidelineNotice, ...]) -> None:
        super()._refused(message, notices)
        if any(notice.rule == "idea_label" for notice in notices):
            self._say("Pick a label with ctrl+l (or type it in [square brackets]). "
                      "Your text is kept.", "error")  # fmt: skip

    def _posted(self, result: views.PostResult) -> None:
        self.posting = False
        if any(notice.files_report for notice in result.notices):
            self.notify("Your idea is live. A moderator will take a look at it.", markup=False)
        else:
            self.notify("Your idea is live: it's a Live Idea in Idea Submissions.", markup=False)
        self.dismiss(result)
