"""The demo's ideas (labels, statuses, votes, merges) and Ongoing Issues (statuses and
"me too" votes), and the Vault's archived threads: part of ``demo_builder.DemoBuilder``."""

from __future__ import annotations

from datetime import datetime, timedelta

from forum_tui.store import demo_content as content
from forum_tui.store.demo_basics import (
    CLOSED_IDEA_STATUSES,
    DEMO_NOW,
    MODERATING_ROLES,
    ago,
    check,
    names_in,
)
from forum_tui.store.models import (
    Board,
    IdeaDetail,
    StatusChange,
    Thread,
    Vote,
)


class IdeasAndIssues:
    """Mixed into ``DemoBuilder``: uses its members, threads, checks and ``mod_action``."""

    def add_ideas(self) -> None:
        votes: dict[str, dict[str, datetime]] = {}
        ideas = (*content.IDEAS, content.VAULT_IDEA)
        for idea in ideas:
            key = idea.thread.key
            thread = self.threads[key]
            board = self.boards[idea.thread.board]
            check(idea.label in self.community.idea_labels, f"{key}: unknown label")
            check(thread.title.startswith(f"[{idea.label}] "), f"{key}: subject needs [label]")
            status = idea.steps[-1].status if idea.steps else "live"
            self.community.idea_status(status)  # KeyError for an unknown status
            closed = status in CLOSED_IDEA_STATUSES
            if board.kind != "vault":
                expected = "closed_ideas" if closed else "ideas"
                check(board.kind == expected, f"{key}: a {status} idea belongs in {expected}")
            if board.kind == "closed_ideas":
                thread.origin_board_id = self.boards["idea-submissions"].id
            check(
                (status == "closed") == (idea.failed_requirement is not None),
                f"{key}: a failed requirement goes with (only) the closed status",
            )
            self.activity[idea.thread.author]["opening"] -= 1
            self.activity[idea.thread.author]["ideas"] += 1
            self.add_status_steps(thread, idea.steps, "idea", key)
            if idea.merged_into:
                self.mod_action(
                    idea.steps[-1].actor,
                    "merge",
                    "thread",
                    thread.id,
                    idea.steps[-1].note,
                    ago(idea.steps[-1].days_ago),
                    into=self.threads[idea.merged_into].id,
                )
            ends = [ago(s.days_ago) for s in idea.steps if s.status in CLOSED_IDEA_STATUSES]
            votes[key] = self.spread(
                idea.thread.author,
                idea.voters,
                thread.created_at,
                ends[0] if ends else DEMO_NOW,
                key,
            )
            self.session.add(
                IdeaDetail(
                    thread_id=thread.id,
                    label=idea.label,
                    status=status,
                    status_note=idea.steps[-1].note if idea.steps else None,
                    failed_requirement=idea.failed_requirement,
                    merged_into_id=self.threads[idea.merged_into].id if idea.merged_into else None,
                )
            )
        # Merging moves a duplicate's votes to the survivor, nobody counted twice.
        for idea in ideas:
            if idea.merged_into:
                survivor = votes[idea.merged_into]
                author = self.threads[idea.merged_into].author_id
                for username, when in votes.pop(idea.thread.key).items():
                    if username not in survivor and self.member(username).id != author:
                        survivor[username] = when
                votes[idea.thread.key] = {}
        self.session.flush()
        for idea in ideas:
            key = idea.thread.key
            thread = self.threads[key]
            for username, when in votes[key].items():
                self.session.add(
                    Vote(thread_id=thread.id, member_id=self.member(username).id, created_at=when)
                )
                self.activity[username]["idea_votes"] += 1
            thread.vote_count = len(votes[key])
            self.session.get(IdeaDetail, thread.id).vote_count = len(votes[key])

    def spread(self, author: str, voters: str, start: datetime, end: datetime, what: str):
        """Vote times spread evenly between ``start`` and ``end``, after each voter joined."""
        names = names_in(voters)
        check(len(set(names)) == len(names), f"{what}: a member votes twice")
        result = {}
        for index, username in enumerate(names):
            check(username != author, f"{what}: {username} votes on their own thread")
            when = start + (end - start) * (index + 1) / (len(names) + 1)
            when = max(when, self.member(username).created_at + timedelta(hours=2))
            check(when <= end, f"{what}: {username} joined too late to vote")
            when = when.replace(microsecond=0)
            self.active(username, when, f"{what} vote")
            result[username] = when
        return result

    def add_status_steps(self, thread: Thread, steps, kind: str, what: str) -> None:
        previous = None
        for step in steps:
            when = ago(step.days_ago)
            actor = self.active(step.actor, when, f"{what} status {step.status}")
            check(
                actor.role in ("star", *MODERATING_ROLES) or actor.legend == "staff",
                f"{what}: {step.actor} may not set statuses",
            )
            check(when >= thread.created_at, f"{what}: status before the thread")
            self.session.add(
                StatusChange(
                    thread_id=thread.id,
                    kind=kind,
                    status=step.status,
                    note=step.note,
                    actor_id=actor.id,
                    created_at=when,
                )
            )
            if kind == "issue" and step.status == "new":
                origin = self.session.get(Board, thread.origin_board_id)
                action, detail = "move", {"from": origin.slug, "to": "ongoing-issues"}
            else:
                action = "close_idea" if step.status == "closed" else "set_status"
                detail = {"status": step.status, "previous": previous}
            self.mod_action(step.actor, action, "thread", thread.id, step.note, when, **detail)
            previous = step.status

    # -- Ongoing Issues

    def add_issues(self) -> None:
        for issue in content.ISSUES:
            key = issue.thread.key
            thread = self.threads[key]
            check(self.boards[issue.thread.board].kind == "ongoing_issues", key)
            check(issue.thread.origin is not None, f"{key}: needs the Help board it came from")
            check(self.boards[issue.thread.origin].kind == "help", f"{key}: origin not Help")
            check(issue.steps[0].status == "new", f"{key}: the first status is 'new'")
            for step in issue.steps:
                self.community.issue_status(step.status)
                check(self.member(step.actor).role in MODERATING_ROLES, f"{key}: {step.actor}")
            self.add_status_steps(thread, issue.steps, "issue", key)
            thread.issue_status = issue.steps[-1].status
            voters = self.spread(
                issue.thread.author, issue.me_too, thread.created_at, DEMO_NOW, key
            )
            for username, when in voters.items():
                self.session.add(
                    Vote(thread_id=thread.id, member_id=self.member(username).id, created_at=when)
                )
            thread.vote_count = len(voters)

    def archive_vault(self) -> None:
        actor, days = content.ARCHIVED_BY
        for seed in (*content.VAULT, content.VAULT_IDEA.thread):
            thread = self.threads[seed.key]
            check(seed.origin is not None, f"{seed.key}: needs the board it came from")
            when = max(thread.last_activity_at + timedelta(days=30), ago(days))
            self.mod_action(
                actor, "archive", "thread", thread.id, "Older content.", when, origin=seed.origin
            )
