"""What the demo's members do besides posting: private conversations, notifications,
subscriptions, board visits and read marks, Stars' points and applications, and events:
part of ``demo_builder.DemoBuilder``."""

from __future__ import annotations

from datetime import timedelta

from forum_tui.store import demo_content as content
from forum_tui.store.demo_basics import (
    DEMO_NOW,
    MODERATING_ROLES,
    ago,
    check,
    names_in,
    prose,
)
from forum_tui.store.models import (
    BoardVisit,
    Conversation,
    ConversationMember,
    Event,
    EventAttendance,
    Message,
    Notification,
    ReadMark,
    StarApplication,
    StarPoints,
    Subscription,
)


class EverydayActivity:
    """Mixed into ``DemoBuilder``: uses its members, threads, posts and checks."""

    # -- private messages

    def add_conversations(self) -> None:
        minimum = self.community.limits.pm_min_age
        for seed in content.CONVERSATIONS:
            members = [self.member(name) for name in seed.members]
            for member in members:
                check(member.pm_enabled, f"{seed.key}: {member.username} has messages off")
                check(self.age(member) >= minimum, f"{seed.key}: {member.username} is under age")
            times = [ago(days) for _, days, _ in seed.messages]
            check(times == sorted(times), f"{seed.key}: messages out of order")
            conversation = Conversation(
                subject=seed.subject,
                created_at=times[0],
                last_message_at=times[-1],
                message_count=len(seed.messages),
            )
            self.session.add(conversation)
            self.session.flush()
            messages = []
            for (author, _, body), when in zip(seed.messages, times, strict=True):
                check(author in seed.members, f"{seed.key}: {author} is not in it")
                self.active(author, when, f"{seed.key} message")
                message = Message(
                    conversation_id=conversation.id,
                    author_id=self.member(author).id,
                    body=prose(body),
                    created_at=when,
                )
                self.session.add(message)
                messages.append(message)
            self.conversations[seed.key] = messages
            last_author = seed.messages[-1][0]
            for member in members:
                unread = member.username in names_in(seed.unread_by)
                check(not unread or member.username != last_author, f"{seed.key}: own message")
                read_at = times[-1]
                if unread:
                    read_at = times[-2] if len(times) > 1 else None
                self.session.add(
                    ConversationMember(
                        conversation_id=conversation.id, member_id=member.id, last_read_at=read_at
                    )
                )
        self.session.flush()

    def add_notifications(self) -> None:
        for seed in content.NOTIFICATIONS:
            when = ago(seed.days_ago)
            member = self.active(seed.member, when, f"notification for {seed.member}")
            post = self.posts[(seed.thread, seed.position)] if seed.position else None
            if seed.thread:
                about = post.created_at if post else self.threads[seed.thread].created_at
                check(when >= about, f"notification for {seed.member} before {seed.thread}")
            self.session.add(
                Notification(
                    member_id=member.id,
                    kind=seed.kind,
                    actor_id=self.member(seed.actor).id if seed.actor else None,
                    thread_id=self.threads[seed.thread].id if seed.thread else None,
                    post_id=post.id if post else None,
                    text=seed.text,
                    created_at=when,
                    read_at=min(when + timedelta(hours=1), DEMO_NOW) if seed.read else None,
                )
            )

    # -- following and reading

    def add_reading_and_following(self) -> None:
        for username, kind, target in content.SUBSCRIPTIONS:
            member = self.member(username)
            when = member.created_at + timedelta(days=1)
            if kind == "board":
                target_id = self.boards[target].id
            elif kind == "thread":
                thread = self.threads[target]
                target_id, when = thread.id, max(when, thread.created_at + timedelta(hours=1))
            elif kind == "post":
                post = self.posts[target]
                target_id, when = post.id, max(when, post.created_at + timedelta(hours=1))
            else:
                target_id = 0
            self.session.add(
                Subscription(
                    member_id=member.id,
                    target_kind=kind,
                    target_id=target_id,
                    created_at=min(when, DEMO_NOW),
                )
            )
        for username, slug, days in content.BOARD_VISITS:
            when = ago(days)
            member = self.active(username, when, f"visit to {slug}")
            self.session.add(
                BoardVisit(
                    member_id=member.id,
                    board_id=self.boards[slug].id,
                    last_visit_at=when,
                    all_read_at=when,
                )
            )
        for username, key, position in content.READ_THREADS:
            thread = self.threads[key]
            position = position or thread.post_count
            read = self.posts[(key, position)].created_at + timedelta(minutes=30)
            member = self.active(username, min(read, DEMO_NOW), f"reading {key}")
            self.session.add(
                ReadMark(
                    member_id=member.id,
                    thread_id=thread.id,
                    last_read_position=position,
                    read_at=min(read, DEMO_NOW),
                )
            )

    # -- Stars and events

    def add_stars_and_events(self) -> None:
        for username, days, points, reason in content.STAR_POINTS:
            member = self.active(username, ago(days), "star points")
            check(member.role == "star", f"star points for {username}, not a Star")
            self.session.add(
                StarPoints(member_id=member.id, points=points, reason=reason, created_at=ago(days))
            )
        for seed in content.STAR_APPLICATIONS:
            member = self.active(seed.member, ago(seed.days_ago), "Stars application")
            decided_by = self.member(seed.decided_by).id if seed.decided_by else None
            self.session.add(
                StarApplication(
                    member_id=member.id,
                    body=prose(seed.body),
                    status=seed.status,
                    created_at=ago(seed.days_ago),
                    decided_by_id=decided_by,
                    decided_at=ago(seed.decided_days_ago) if seed.decided_by else None,
                )
            )
        for seed in content.EVENTS:
            event = Event(
                title=seed.title,
                description=seed.description,
                starts_at=ago(seed.days_ago),
                star_only=seed.star_only,
            )
            self.session.add(event)
            self.session.flush()
            for username in names_in(seed.attendees):
                member = self.active(username, event.starts_at, seed.title)
                if seed.star_only:
                    check(member.role in ("star", *MODERATING_ROLES), f"{username}: Stars only")
                self.session.add(EventAttendance(event_id=event.id, member_id=member.id))
                self.activity[username]["events"] += 1
