"""The demo's moderation history: edits and removals, reports and their outcomes, and the
audit log's actions: part of ``demo_builder.DemoBuilder``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from forum_tui.store import demo_content as content
from forum_tui.store.demo_basics import (
    DEMO_NOW,
    MODERATING_ROLES,
    ago,
    check,
    prose,
)
from forum_tui.store.models import (
    ModAction,
    PostRevision,
    Report,
)


class ModerationHistory:
    """Mixed into ``DemoBuilder``: uses its members, threads, posts and checks."""

    def add_edits_and_removals(self) -> None:
        for edit in content.EDITS:
            post = self.posts[(edit.thread, edit.position)]
            post.edited_at = post.created_at + timedelta(hours=edit.hours_later)
            check(post.edited_at <= DEMO_NOW, f"{edit.thread}: edited after DEMO_NOW")
            check(edit.old_title is None or edit.position == 1, "titles live on post 1")
            self.session.add(
                PostRevision(
                    post_id=post.id,
                    editor_id=post.author_id,
                    title=edit.old_title,
                    body=prose(edit.old_body),
                    created_at=post.edited_at,  # when the edit was made (see PostRevision)
                )
            )
        for removal in content.REMOVALS:
            post = self.posts[(removal.thread, removal.position)]
            post.removed = True
            post.removed_reason = removal.reason

    # -- reports and the audit log

    def add_reports(self) -> None:
        for seed in content.REPORTS:
            kind, key, index = seed.target
            if kind == "post":
                post = self.posts[(key, index)]
                target = {"post_id": post.id}
                author_id, posted = post.author_id, post.created_at
            else:
                message = self.conversations[key][index]
                target = {"message_id": message.id}
                author_id, posted = message.author_id, message.created_at
            when = ago(seed.days_ago)
            check(when >= posted, f"report on {key} before the content existed")
            reporter = None
            if seed.reporter:
                reporter = self.active(seed.reporter, when, f"report on {key}")
            report = Report(
                reporter_id=reporter.id if reporter else None,
                author_id=author_id,
                reason=seed.reason,
                guideline_number=seed.guideline,
                automatic=seed.reporter is None,
                status=seed.status,
                outcome=seed.outcome,
                created_at=when,
                **target,
            )
            if seed.status != "open":
                report.resolved_by_id = self.member(seed.resolved_by).id
                report.resolved_at = ago(seed.resolved_days_ago)
                check(report.resolved_at >= when, f"report on {key} resolved before it came")
            if seed.status == "upheld":
                self.activity[self.username_of(author_id)]["upheld_reports"] += 1
            self.session.add(report)
            self.reports.append(report)
        self.session.flush()

    def add_mod_actions(self) -> None:
        for seed in content.MOD_ACTIONS:
            kind, *where = seed.target
            if kind == "thread":
                target_id = self.threads[where[0]].id
            elif kind == "post":
                target_id = self.posts[(where[0], where[1])].id
            elif kind == "member":
                target_id = self.member(where[0]).id
            else:
                report = self.reports[where[0]]
                check(report.status != "open", f"{seed.action} on an open report")
                target_id = report.id
            self.mod_action(
                seed.actor, seed.action, kind, target_id, seed.reason, ago(seed.days_ago)
            )

    def mod_action(
        self,
        actor: str,
        action: str,
        target_kind: str,
        target_id: int,
        reason: str,
        when: datetime,
        **detail,
    ) -> None:
        member = self.active(actor, when, f"{action} on {target_kind} {target_id}")
        check(
            member.role in ("star", *MODERATING_ROLES) or member.legend == "staff",
            f"{actor} may not {action}",
        )
        self.session.add(
            ModAction(
                actor_id=member.id,
                action=action,
                target_kind=target_kind,
                target_id=target_id,
                reason=reason[:400],
                created_at=when,
                detail=json.dumps(detail, sort_keys=True),
            )
        )
