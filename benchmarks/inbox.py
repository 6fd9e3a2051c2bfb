"""Inbox benchmark: the store's inbox reads beside the same SQL run raw.

    python benchmarks/inbox.py                          # 50,000 messages, temp SQLite file
    python benchmarks/inbox.py --messages 5000 --repeat 10
    python benchmarks/inbox.py --db postgresql+psycopg://user@host/db   # an empty database

Seeds its own community by bulk insert (members, conversations, messages): one reader
with ``--conversations-per-reader`` conversations, one of them ``--long`` messages long,
and the rest of the messages spread over conversations between other members. Then each
store call (``Forum.conversations``: the inbox's first page; ``conversation_messages``:
the newest page of the long conversation; ``unread_conversation_count``: the header's
mark; ``search_messages``) runs ``--repeat`` times, taking turns with the same statements
(same filters, order, columns and limits) through the bare DB-API cursor in a
transaction, as the store reads, so a busy moment on a shared machine hits both alike.
It prints median and p95 in milliseconds and the ratios of the medians and the p95s.
It prints figures and asserts nothing (SPEC 7); the goal is a ratio within 3.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import database, figures, figures_header, p95, ratio, turn_about
from sqlalchemy import func, insert, select

from forum_tui.store.convert import _viewer
from forum_tui.store.forum import open_forum
from forum_tui.store.models import Conversation, ConversationMember, Member, Message

NOW = datetime(2026, 11, 20, 12, 0)
CHUNK = 5000
WORDS = [
    "playlist",
    "shuffle",
    "offline",
    "crossfade",
    "lyrics",
    "podcast",
    "queue",
    "download",
    "speaker",
    "car",
    "headphones",
    "family",
    "premium",
    "album",
    "radio",
    "discover",
    "weekly",
    "daily",
    "mix",
    "wrapped",
]

MEMBER = "SELECT pm_enabled FROM member WHERE id = ?"
INBOX = (
    "SELECT c.id, c.subject, c.last_message_at, c.message_count, cm.last_read_at "
    "FROM conversation c JOIN conversation_member cm "
    "ON cm.conversation_id = c.id AND cm.member_id = ? "
    'WHERE NOT cm."left" ORDER BY c.last_message_at DESC, c.id DESC LIMIT 41'
)
#: The member columns of a badge (``convert.badge_columns``), as every read selects them.
BADGE = (
    "m.id, m.username, m.display_name, m.rank, m.avatar, m.role, m.staff_title, "
    "m.pronouns, m.custom_glyph, m.custom_avatar"
)
OTHERS = (
    f"SELECT cm.conversation_id, {BADGE} FROM conversation_member cm "
    "JOIN member m ON m.id = cm.member_id "
    "WHERE cm.conversation_id IN ({ids}) AND cm.member_id != ? "
    "ORDER BY cm.conversation_id, m.username_key"
)
#: The reader's messages setting and place in the conversation, in one query.
PLACE = (
    'SELECT m.pm_enabled, cm.member_id, cm.last_read_at, cm."left" FROM member m '
    "LEFT OUTER JOIN conversation_member cm ON cm.member_id = m.id "
    "AND cm.conversation_id = ? WHERE m.id = ?"
)
#: A page of messages, read only for a reader still in the conversation with messages on
#: (PLACE runs only when it returns nothing, to say why).
MESSAGES = (
    "SELECT msg.id, msg.conversation_id, msg.body, msg.created_at, msg.removed, "
    f"msg.removed_reason, {BADGE}, (SELECT last_read_at FROM conversation_member "
    "WHERE conversation_id = ? AND member_id = ?) AS reader_read_at FROM message msg "
    "JOIN member m ON m.id = msg.author_id WHERE EXISTS (SELECT cm.member_id "
    "FROM conversation_member cm JOIN member r ON r.id = cm.member_id "
    'WHERE cm.conversation_id = ? AND cm.member_id = ? AND NOT cm."left" AND r.pm_enabled) '
    "AND msg.conversation_id = ? AND msg.author_id "
    "NOT IN (SELECT blocked_id FROM member_block WHERE blocker_id = ?) "
    "ORDER BY msg.created_at DESC, msg.id DESC LIMIT 51"
)
UNREAD = (
    "SELECT count(*) FROM (SELECT cm.conversation_id FROM conversation_member cm "
    "JOIN conversation c ON c.id = cm.conversation_id WHERE cm.member_id = ? "
    'AND NOT cm."left" AND (cm.last_read_at IS NULL OR cm.last_read_at < c.last_message_at) '
    "LIMIT 99) AS unread"
)
SEARCH = (
    "SELECT msg.id, msg.conversation_id, msg.body, msg.created_at, msg.removed, "
    f"msg.removed_reason, {BADGE}, c.subject FROM message msg "
    "JOIN member m ON m.id = msg.author_id JOIN conversation c ON c.id = msg.conversation_id "
    "JOIN conversation_member cm ON cm.conversation_id = msg.conversation_id "
    'AND cm.member_id = ? WHERE NOT cm."left" AND NOT msg.removed AND msg.author_id NOT IN '
    "(SELECT blocked_id FROM member_block WHERE blocker_id = ?) AND lower(msg.body) LIKE ? "
    "ORDER BY msg.created_at DESC, msg.id DESC LIMIT 41"
)


def seed(
    forum,
    messages: int,
    per_reader: int,
    long: int,
    rng: random.Random,
    reader_id: int | None = None,
) -> tuple[int, int]:
    """Bulk insert a community of messages; returns (the reader's member id, the long
    conversation's id). The long conversation is the reader's newest. With
    ``reader_id`` an existing member (a demo persona) is the reader."""
    members = max(50, messages // 25)
    with forum.engine.begin() as connection:
        first_new = (connection.execute(select(func.max(Member.id))).scalar() or 0) + 1
        offset = connection.execute(select(func.max(Conversation.id))).scalar() or 0
        connection.execute(
            insert(Member),
            [
                {
                    "username": f"pm{index}",
                    "username_key": f"pm{index}",
                    "display_name": f"Member {index}",
                    "password_hash": "-",
                    "role": "member",
                    "rank": "Regular",
                    "avatar": "vinyl-grey",
                    "pm_enabled": True,
                    "email_verified": True,
                    "birth_date": date(1990, 1, 1),
                    "created_at": NOW - timedelta(days=400),
                    "bio": "",
                }
                for index in range(members)
            ],
        )
        ids = list(
            connection.execute(
                select(Member.id).where(Member.id >= first_new).order_by(Member.id)
            ).scalars()
        )
    reader, others = (ids[0], ids[1:]) if reader_id is None else (reader_id, ids)
    sizes = [long] + [rng.randint(2, 12) for _ in range(per_reader - 1)]
    left = max(0, messages - sum(sizes))
    while left > 0:
        size = min(left, rng.randint(2, 12))
        sizes.append(size)
        left -= size
    pairs = [(reader, rng.choice(others)) for _ in range(per_reader)]
    pairs += [tuple(rng.sample(others, 2)) for _ in range(len(sizes) - per_reader)]
    _insert_conversations(forum, pairs, sizes, rng, offset)
    return reader, offset + 1


def _insert_conversations(forum, pairs, sizes, rng: random.Random, offset: int) -> None:
    start = NOW - timedelta(days=365)
    with forum.engine.begin() as connection:
        for first in range(0, len(sizes), CHUNK):
            batch = range(first, min(len(sizes), first + CHUNK))
            rows, members, messages = [], [], []
            for index in batch:
                # The long conversation (index 0) is the newest: its last two days.
                earliest, span = (NOW - timedelta(days=2), 2880) if index == 0 else (start, 520_000)
                times = sorted(
                    earliest + timedelta(minutes=rng.randint(0, span)) for _ in range(sizes[index])
                )
                rows.append(
                    {
                        "id": offset + index + 1,
                        "subject": f"About {rng.choice(WORDS)} {index}",
                        "created_at": times[0],
                        "last_message_at": times[-1],
                        "message_count": len(times),
                    }
                )
                a, b = pairs[index]
                for member in (a, b):
                    read = times[-1] if rng.random() < 0.8 else times[0]
                    members.append(
                        {
                            "conversation_id": offset + index + 1,
                            "member_id": member,
                            "last_read_at": read,
                            "left": False,
                        }
                    )
                for when in times:
                    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
                    messages.append(
                        {
                            "conversation_id": offset + index + 1,
                            "author_id": rng.choice((a, b)),
                            "body": body,
                            "created_at": when,
                        }
                    )
            connection.execute(insert(Conversation), rows)
            connection.execute(insert(ConversationMember), members)
            connection.execute(insert(Message), messages)
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "SELECT setval('conversation_id_seq', (SELECT max(id) FROM conversation))"
            )
            connection.exec_driver_sql("ANALYZE")


class Raw:
    """The same statements through the bare DB-API cursor (one connection, reused)."""

    def __init__(self, engine) -> None:
        self.connection = engine.raw_connection()
        self.postgres = engine.dialect.name == "postgresql"

    def begin(self) -> None:
        """Open a transaction as the store does (psycopg opens one by itself)."""
        if not self.postgres:
            self.connection.cursor().execute("BEGIN")

    def run(self, sql: str, *params) -> list:
        if self.postgres:
            sql = sql.replace("?", "%s")
        cursor = self.connection.cursor()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    def finish(self) -> None:
        self.connection.rollback()  # end the read transaction (PostgreSQL opens one)

    def inbox(self, member_id: int) -> None:
        self.begin()
        self.run(MEMBER, member_id)
        rows = self.run(INBOX, member_id)
        ids = [row[0] for row in rows[:40]]
        if ids:
            self.run(OTHERS.format(ids=", ".join("?" * len(ids))), *ids, member_id)
        self.finish()

    def messages(self, member_id: int, conversation_id: int) -> None:
        self.begin()
        ids = (conversation_id, member_id)
        if not self.run(MESSAGES, *ids, *ids, conversation_id, member_id):
            self.run(PLACE, conversation_id, member_id)
        self.finish()

    def unread(self, member_id: int) -> None:
        self.begin()
        self.run(MEMBER, member_id)
        self.run(UNREAD, member_id)
        self.finish()

    def search(self, member_id: int, word: str) -> None:
        self.begin()
        self.run(MEMBER, member_id)
        self.run(SEARCH, member_id, member_id, f"%{word}%")
        self.finish()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file or URL (seeded when it has no messages)")
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--long", type=int, default=500, help="messages in the long one")
    parser.add_argument("--conversations-per-reader", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    _db, url = database(args.db, "inbox-bench.db")
    forum = open_forum(url, clock=lambda: NOW)
    rng = random.Random(10)
    try:
        started = time.perf_counter()
        reader_id, long_id = seed(
            forum, args.messages, args.conversations_per_reader, args.long, rng
        )
        print(f"seeded {args.messages:,} messages in {time.perf_counter() - started:.1f} s")
        with forum._reading() as session:
            viewer = _viewer(session.get(Member, reader_id))
        raw = Raw(forum.engine)
        cases = [
            (
                "inbox, first page",
                lambda: forum.conversations(viewer),
                lambda: raw.inbox(viewer.id),
            ),
            (
                f"conversation of {args.long}, newest page",
                lambda: forum.conversation_messages(viewer, long_id),
                lambda: raw.messages(viewer.id, long_id),
            ),
            (
                "unread count (header)",
                lambda: forum.unread_conversation_count(viewer),
                lambda: raw.unread(viewer.id),
            ),
            (
                "search own messages",
                lambda: forum.search_messages(viewer, "crossfade"),
                lambda: raw.search(viewer.id, "crossfade"),
            ),
        ]
        print(f"\n{'store call':<34} {figures_header()} {'ratio med':>9} {'ratio p95':>9}")
        for name, store_call, raw_call in cases:
            store_call(), raw_call()  # warm up
            store, bare = turn_about(store_call, raw_call, args.repeat)
            print(
                f"{name:<34} {figures(store, bare)} "
                f"{ratio(statistics.median(store), statistics.median(bare)):9.1f} "
                f"{ratio(p95(store), p95(bare)):9.1f}"
            )
        raw.connection.close()
    finally:
        forum.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
