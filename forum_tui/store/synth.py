"""A synthetic community of any size, for benchmarks (``forum-tui generate``).

``generate(forum, members=..., threads=..., posts=..., ideas=..., seed=1)`` writes rows
straight into the database in big batches (SQLAlchemy Core ``insert`` with lists of dicts,
``CHUNK`` rows at a time), sets the maintained counters directly, then rebuilds the
search index. Deterministic for a seed.

Text: bodies and titles are drawn from a fixed vocabulary (common English words first,
then music/app terms, then made-up words from syllables: about 4,000 in all) with a
Zipf-like distribution, so common words are really common (the hard case for search) and
rare ones rare. Posts are written in time order, so post ids follow posting time; threads
get replies at random, the recent ones more often, and the first ``LONG_THREADS`` get many
(thousands at the large size). Votes on ideas, private messages and open reports come from
``synth_activity``.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from forum_tui.rules import names
from forum_tui.store.models import Board, IdeaDetail, Member, Post, Thread
from forum_tui.store.search import index_for
from forum_tui.store.synth_activity import add_messages, add_reports, add_votes

CHUNK = 20_000
START = datetime(2022, 1, 1)
SPAN = timedelta(days=4 * 365)
#: Board kinds that get synthetic threads (ideas go to the ideas board(s) separately).
THREAD_KINDS = ("help", "chat", "faq", "blog", "star_only", "ongoing_issues")
#: The first threads made are very long ones (the thread screen's hard case): they take
#: this share of all replies (at 1,000,000 posts, about 6,600 posts each).
LONG_THREADS = 3
LONG_SHARE = 0.02

COMMON = """the to and a of i it is in you my that for on this with have but be not
are was can do so just if or all as at get from when what no one there how any me
they your would like now it's don't will has been about only out up then more also
know there's back some time because way still same again because other really use
work new same even after can't help thanks please does any problem issue fixed try
tried"""

MUSIC = """spotify playlist playlists song songs album albums artist artists track
tracks podcast podcasts episode episodes shuffle repeat queue offline download
downloads premium family duo student account subscription payment login password
app android iphone ios desktop web player windows mac linux car carplay bluetooth
speaker speakers headphones airpods chromecast connect alexa google sonos tv
watch wear lyrics radio mix daily discover weekly wrapped liked library search
sync cache storage update version crash crashes freeze volume equalizer audio
quality lossless stream streaming skip skips ads ad free trial cancel refund
receipt invoice email profile follower followers share link qr blend jam session
genre jazz rock pop hiphop classical metal indie folk soul techno house ambient
lofi chill workout sleep focus mood party road trip summer vinyl concert tour
release single remix cover live acoustic demo mixtape label"""

SYLLABLES = "ka ri to mu sen da lo vi ne pa ru fi mo ta zu qe li ban cor del fen gar hul jin"


@dataclass(frozen=True)
class SynthSummary:
    members: int
    threads: int
    posts: int
    ideas: int
    votes: int = 0
    messages: int = 0
    reports: int = 0


def vocabulary(size: int = 4000) -> list[str]:
    """The fixed word list: common words, music terms, then made-up words."""
    words = list(dict.fromkeys(COMMON.split() + MUSIC.split()))
    for length in (2, 3):
        for parts in itertools.product(SYLLABLES.split(), repeat=length):
            if len(words) >= size:
                return words
            word = "".join(parts)
            if word not in words:
                words.append(word)
    return words


class _Text:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary()
        weights = [1 / (rank**1.05) for rank in range(1, len(self.words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def sample(self, count: int) -> list[str]:
        rng, cumulative, total, words = self.rng, self.cumulative, self.total, self.words
        return [words[bisect(cumulative, rng.random() * total)] for _ in range(count)]

    def body(self) -> str:
        words = self.sample(self.rng.randint(8, 70))
        return " ".join(words).capitalize() + "."

    def title(self) -> str:
        return " ".join(self.sample(self.rng.randint(3, 9))).capitalize()[:200]


def generate(
    forum,
    *,
    members: int,
    threads: int,
    posts: int,
    ideas: int = 0,
    messages: int = 0,
    reports: int = 0,
    seed: int = 1,
    progress=None,
) -> SynthSummary:
    """Add a synthetic community to ``forum``'s database (see the module docstring).
    ``posts`` counts every post, opening posts included (at least ``threads + ideas``).
    ``progress(words, done)`` hears each step, ``done`` from 0 to 1 (a progress bar)."""
    if members < 1 or threads < 0 or ideas < 0:
        raise ValueError("members must be at least 1; threads and ideas at least 0")
    posts = max(posts, threads + ideas)
    rng = random.Random(seed)
    text = _Text(rng)
    say = progress or (lambda _message, _done: None)
    forum.sync_community()
    with Session(forum.engine) as session, session.begin():
        boards = session.exec(select(Board.id, Board.kind)).all()
        thread_boards = [b for b, kind in boards if kind in THREAD_KINDS] or [boards[0][0]]
        idea_boards = [b for b, kind in boards if kind == "ideas"] or thread_boards
        first_member = _add_members(session, members, rng)
        say(f"{members} members", 0.05)
        member_ids = range(first_member, first_member + members)
        first_thread = (
            session.execute(select(Thread.id).order_by(Thread.id.desc())).scalar() or 0
        ) + 1
        first_post = (session.execute(select(Post.id).order_by(Post.id.desc())).scalar() or 0) + 1
        total_threads = threads + ideas
        kinds = [True] * ideas + [False] * threads
        rng.shuffle(kinds)
        step = SPAN / max(1, posts)
        thread_rows: list[dict] = []
        post_threads: list[int] = []
        post_positions: list[int] = []
        post_authors: list[int] = []
        idea_rows: list[dict] = []
        new_left = total_threads
        made = 0
        for index in range(posts):
            at = START + step * index
            author = rng.choice(member_ids)
            posts_left = posts - index
            if made == 0 or (new_left and rng.random() < new_left / posts_left):
                is_idea = kinds[made]
                thread_id = first_thread + made
                made += 1
                new_left -= 1
                board = rng.choice(idea_boards if is_idea else thread_boards)
                thread_rows.append(
                    dict(
                        id=thread_id,
                        board_id=board,
                        author_id=author,
                        title=text.title(),
                        created_at=at,
                        last_activity_at=at,
                        post_count=1,
                        last_post_id=first_post + index,
                        last_poster_id=author,
                        solution_post_id=None,
                    )
                )
                if is_idea:
                    idea_rows.append(
                        dict(
                            thread_id=thread_id,
                            label=rng.choice(forum.community.idea_labels),
                            status=rng.choice(forum.community.idea_statuses).key,
                            vote_count=rng.randint(0, 300),
                        )
                    )
                position = 1
            else:
                # A few very long threads (the first ones) take LONG_SHARE of the replies;
                # otherwise recent threads get most replies.
                if rng.random() < LONG_SHARE:
                    row = thread_rows[rng.randrange(min(made, LONG_THREADS))]
                else:
                    back = min(made - 1, int(rng.expovariate(1 / 2000)))
                    row = thread_rows[made - 1 - back]
                row["post_count"] += 1
                position = row["post_count"]
                row["last_activity_at"] = at
                row["last_post_id"] = first_post + index
                row["last_poster_id"] = author
                thread_id = row["id"]
                if position == 2 and rng.random() < 0.3:
                    row["solution_post_id"] = first_post + index
            post_threads.append(thread_id)
            post_positions.append(position)
            post_authors.append(author)
        say("rows made", 0.2)
        for start in range(0, len(thread_rows), CHUNK):
            session.execute(insert(Thread), thread_rows[start : start + CHUNK])
        for start in range(0, len(idea_rows), CHUNK):
            session.execute(insert(IdeaDetail), idea_rows[start : start + CHUNK])
        say(f"{len(thread_rows)} threads", 0.25)
        for start in range(0, posts, CHUNK):
            rows = [
                dict(
                    id=first_post + index,
                    thread_id=post_threads[index],
                    position=post_positions[index],
                    author_id=post_authors[index],
                    body=text.body(),
                    created_at=START + step * index,
                    like_count=0,
                    removed=False,
                )
                for index in range(start, min(posts, start + CHUNK))
            ]
            session.execute(insert(Post), rows)
            say(f"{min(posts, start + CHUNK)} posts", 0.25 + 0.45 * min(1, (start + CHUNK) / posts))
        _count(session, thread_rows, post_positions, post_authors)
        ids = list(member_ids)
        votes = add_votes(session, rng, ids, START + SPAN)
        say(f"{votes} votes on ideas", 0.72)
        end = START + SPAN
        add_messages(session, rng, ids, messages, text.body, text.title, START, SPAN)
        say(f"{messages} private messages", 0.78)
        add_reports(session, rng, ids, reports, end)
        say(f"{reports} open reports", 0.8)
        index_for(session).rebuild(session)
        say("search index", 1.0)
    return SynthSummary(
        members, len(thread_rows) - len(idea_rows), posts, len(idea_rows), votes, messages, reports
    )


def _add_members(session: Session, count: int, rng: random.Random) -> int:
    first = (session.execute(select(Member.id).order_by(Member.id.desc())).scalar() or 0) + 1
    rows = []
    for offset in range(count):
        username = f"synth{first + offset}"
        rows.append(
            dict(
                id=first + offset,
                username=username,
                username_key=names.username_key(username),
                display_name=username,
                password_hash="!synthetic",
                role="member",
                rank="Visitor",
                created_at=START - timedelta(days=rng.randint(0, 900)),
            )
        )
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(Member), rows[start : start + CHUNK])
    return first


def _count(
    session: Session, thread_rows: list[dict], positions: list[int], authors: list[int]
) -> None:
    """Set the maintained counters of boards and members from what was written."""
    boards: dict[int, list] = {}
    for row in thread_rows:
        entry = boards.setdefault(row["board_id"], [0, 0, None])
        entry[0] += 1
        entry[1] += row["post_count"]
        if entry[2] is None or row["last_activity_at"] > entry[2]:
            entry[2] = row["last_activity_at"]
    for board_id, (thread_count, post_count, last) in boards.items():
        session.execute(
            update(Board)
            .where(Board.id == board_id)
            .values(
                thread_count=Board.thread_count + thread_count,
                post_count=Board.post_count + post_count,
                last_activity_at=last,
            )
        )
    threads_by: dict[int, int] = {}
    replies_by: dict[int, int] = {}
    for position, author in zip(positions, authors, strict=True):
        counter = threads_by if position == 1 else replies_by
        counter[author] = counter.get(author, 0) + 1
    changes = [
        {"b_id": member_id, "t": threads_by.get(member_id, 0), "r": replies_by.get(member_id, 0)}
        for member_id in set(threads_by) | set(replies_by)
    ]
    statement = (
        update(Member)
        .where(Member.id == bindparam("b_id"))
        .values(
            thread_count=Member.thread_count + bindparam("t"),
            reply_count=Member.reply_count + bindparam("r"),
        )
    )
    for start in range(0, len(changes), CHUNK):
        session.connection().execute(statement, changes[start : start + CHUNK])
