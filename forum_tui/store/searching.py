"""Searching: ``search`` (the ``/`` screen), ``similar_threads`` and ``similar_ideas``.

The query language is ``rules.search_query`` (pure); the index is ``store.search`` (FTS5
or ``tsvector``, one small interface). Here: turning operators into conditions on the
live ``post``/``thread`` rows, permissions, paging, and the results as ``SearchHit``.

Permissions: only boards the viewer may see (Star-only boards are left out for members);
removed posts and threads only for moderators and staff; private messages are never in
the index. Operators naming a board the viewer may not see, or a member, label or status
that does not exist, get a :class:`~forum_tui.store.errors.QueryError` (an
``InvalidInput``) saying so; so does a malformed query. Never an SQL error.

Sorting: relevance when there are words (best first among the newest
``search.CANDIDATES`` matches: see ``store/search.py``), newest first with ``sort:new`` or
when the query is operators only. Cursors: an offset for relevance, the last post id
(keyset) for newest.

Planning: the selective side of the filters (an author's posts, the posts of labelled or
statused idea threads, a date range as a post-id range) is handed to the index as a
``search.Narrowing``, chosen on cheap estimates (counters, an index scan bounded by
``DATE_POSTS``); the conditions themselves always stay (see ``store/search.py``).
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import func, not_, or_
from sqlmodel import Session, select

from forum_tui.rules import names
from forum_tui.rules import search_query as sq
from forum_tui.rules.permissions import Actor
from forum_tui.store.access import (
    Service,
    _current,
    _decode_cursor,
    _encode_cursor,
    _moderates,
    _page_size,
    _sees,
)
from forum_tui.store.convert import _badge
from forum_tui.store.errors import QueryError
from forum_tui.store.models import Area, Board, IdeaDetail, Member, Post, Thread
from forum_tui.store.search import Narrowing, TextQuery, index_for
from forum_tui.store.similar_titles import similar_titles, typed_words
from forum_tui.store.views import Page, SearchHit, Viewer

IDEA_KINDS = ("ideas", "closed_ideas")
SOLVABLE_KINDS = ("help", "ongoing_issues")
KIND_OF_BOARD = {"ideas": "idea", "closed_ideas": "idea", "faq": "faq", "blog": "blog"}
#: A selective filter's posts (an author's, a label's or an idea status's) are looked up
#: one by one in the index up to this many (estimated from counters), and tested against
#: the newest-first index walk up to this many; beyond, the walk joins and filters.
LOOKUP_POSTS = 300
WALK_POSTS = 50_000
#: A date range is turned into a post-id range when at most this many posts fall in it
#: (an index scan); a wider range is filtered along the walk.
DATE_POSTS = 150_000


class Searching(Service):
    def search(
        self, viewer: Viewer, query: str, *, cursor: str | None = None, limit: int = 20
    ) -> Page[SearchHit]:
        """Search posts, thread titles, ideas, FAQ articles and blog posts (syntax:
        ``rules.search_query``). Raises ``QueryError`` (an ``InvalidInput``) with a
        plain-words message for a malformed query."""
        try:
            parsed = sq.parse(query)
        except sq.QueryError as error:
            raise QueryError(str(error)) from None
        size = _page_size(limit)
        sort = parsed.effective_sort
        offset, before_id = _read_cursor(cursor, sort)
        with self._reading() as session:
            actor = self._actor(_current(session, viewer))
            found = self._conditions(session, actor, parsed)
            if found is None:
                return Page(())
            where, narrowing = found
            if parsed.has_text:
                text_query = TextQuery(
                    words=parsed.words, phrases=parsed.phrases, excluded=parsed.excluded
                )
                rows = index_for(session).query(
                    session,
                    text_query,
                    where,
                    sort=sort,
                    limit=size + 1,
                    offset=offset,
                    before_id=before_id,
                    narrowing=narrowing,
                )
            else:
                statement = select(Post.id).join(Thread, Thread.id == Post.thread_id).where(*where)
                if narrowing.low_id is not None:
                    statement = statement.where(Post.id >= narrowing.low_id)
                if narrowing.high_id is not None:
                    statement = statement.where(Post.id <= narrowing.high_id)
                if before_id is not None:
                    statement = statement.where(Post.id < before_id)
                statement = statement.order_by(Post.id.desc()).limit(size + 1)
                rows = [(post_id, 0.0) for post_id in session.exec(statement).all()]
            more = len(rows) > size
            rows = rows[:size]
            hits = self._hits(session, rows, parsed.highlight_terms())
        next_cursor = None
        if more and rows:
            if sort == "new":
                next_cursor = _encode_cursor(["n", rows[-1][0]])
            else:
                next_cursor = _encode_cursor(["r", offset + size])
        return Page(hits, next_cursor)

    def similar_threads(
        self, viewer: Viewer, title: str, *, board_slug: str | None = None, limit: int = 5
    ) -> tuple[SearchHit, ...]:
        """Threads whose titles share the most significant words with ``title`` as it
        is typed, the last word as a prefix ("playlist fol" finds "Playlist folders":
        ``store/similar_titles.py``), best first; in ``board_slug`` only when given.
        Empty for titles under 3 characters or of stopwords only."""
        return self._similar(viewer, title, board_slug=board_slug, kinds=None, limit=limit)

    def similar_ideas(self, viewer: Viewer, subject: str, limit: int = 5) -> tuple[SearchHit, ...]:
        """Ideas (live or closed) whose subjects are like ``subject``; see
        ``similar_threads``."""
        return self._similar(viewer, subject, board_slug=None, kinds=IDEA_KINDS, limit=limit)

    def rebuild_search_index(self) -> None:
        """Rebuild the search index from every post (after bulk loads, or to repair it)."""
        with self._writing() as session:
            index_for(session).rebuild(session)

    # ------------------------------------------------------------------ helpers

    def _similar(self, viewer, title, *, board_slug, kinds, limit) -> tuple[SearchHit, ...]:
        if len((title or "").strip()) < 3:
            return ()
        words, prefix = typed_words(title)
        if not words and not prefix:
            return ()
        size = max(1, min(int(limit), 20))
        with self._reading() as session:
            actor = self._actor(_current(session, viewer))
            boards = self._visible_boards(session, actor)
            if board_slug is not None:
                boards = [b for b in boards if b.slug == board_slug]
            if kinds is not None:
                boards = [b for b in boards if b.kind in kinds]
            if not boards:
                return ()
            where = [Thread.board_id.in_([b.id for b in boards]), Post.position == 1]
            if not _moderates(actor):
                where += [not_(Thread.removed), not_(Post.removed)]
            rows = similar_titles(session, words, prefix, where, size)
            return self._hits(session, rows, (*words, *filter(None, [prefix])))

    def _visible_boards(self, session: Session, actor: Actor) -> list[Board]:
        boards = session.exec(select(Board)).all()
        return [b for b in boards if b.slug in self._board_slugs and _sees(actor, b)]

    def _conditions(self, session: Session, actor: Actor, parsed: sq.SearchQuery):
        """The query's operators and the viewer's permissions as conditions on
        ``Post``/``Thread``, with the :class:`Narrowing` their selective side allows;
        None when nothing can match."""
        all_boards = [b for b in session.exec(select(Board)).all() if b.slug in self._board_slugs]
        allowed = {b.id for b in all_boards if _sees(actor, b)}
        if parsed.boards:
            wanted = set()
            for value in parsed.boards:
                key = value.casefold()
                found = [b for b in all_boards if b.slug == key or b.name.casefold() == key]
                if not found:
                    raise QueryError(f"There is no board called {value!r}.")
                if not any(b.id in allowed for b in found):
                    raise QueryError(f"You can't search the board {found[0].name}.")
                wanted.update(b.id for b in found)
            allowed &= wanted
        if parsed.areas:
            areas = session.exec(select(Area)).all()
            wanted_areas = set()
            for value in parsed.areas:
                key = value.casefold()
                found = [a.id for a in areas if a.slug == key or a.name.casefold() == key]
                if not found:
                    raise QueryError(f"There is no area called {value!r}.")
                wanted_areas.update(found)
            allowed &= {b.id for b in all_boards if b.area_id in wanted_areas}
        if parsed.kinds:
            allowed &= {b.id for b in all_boards if b.kind in parsed.kinds}
        if parsed.solved is False:
            allowed &= {b.id for b in all_boards if b.kind in SOLVABLE_KINDS}
        if not allowed:
            return None
        # ``+ 0``: never drive the plan from a thread index; walk the index (or the
        # posts) newest first and filter each row (see ``store/search.py``).
        where: list = [(Thread.board_id + 0).in_(sorted(allowed))]
        if not _moderates(actor):
            where += [not_(Post.removed), not_(Thread.removed)]
        # (estimated post count, SELECT of those post ids) for each selective filter.
        sides: list[tuple[int, object]] = []
        if parsed.authors:
            ids = []
            for name in parsed.authors:
                member_id = session.exec(
                    select(Member.id).where(Member.username_key == names.username_key(name))
                ).first()
                if member_id is None:
                    raise QueryError(f"There is no member called {name!r}.")
                ids.append(member_id)
            where.append(Post.author_id.in_(ids))
            estimate = session.exec(
                select(func.sum(Member.thread_count + Member.reply_count)).where(Member.id.in_(ids))
            ).one()
            sides.append((estimate or 0, select(Post.id).where(Post.author_id.in_(ids))))
        if parsed.labels:
            threads = self._label_threads(parsed.labels)
            where.append((Thread.id + 0).in_(threads))
            if parsed.has_text:
                sides.append(_thread_side(session, threads))
        if parsed.statuses:
            condition, idea_threads = self._status_condition(parsed.statuses)
            where.append(condition)
            if idea_threads is not None and parsed.has_text:
                sides.append(_thread_side(session, idea_threads))
        if parsed.solved is True:
            where.append(Thread.solution_post_id.is_not(None))
        elif parsed.solved is False:
            where.append(Thread.solution_post_id.is_(None))
        if parsed.before is not None:
            where.append(Post.created_at < datetime.combine(parsed.before, time()))
        if parsed.after is not None:
            where.append(Post.created_at >= datetime.combine(parsed.after, time()))
        low_id = high_id = None
        if parsed.after is not None or parsed.before is not None:
            low_id, high_id = _date_ids(
                session,
                datetime.combine(parsed.after, time()) if parsed.after else None,
                datetime.combine(parsed.before, time()) if parsed.before else None,
            )
        post_ids, few = None, False
        if sides and parsed.has_text:
            estimate, post_ids = min(sides, key=lambda side: side[0])
            if estimate > WALK_POSTS:
                post_ids = None
            few = estimate <= LOOKUP_POSTS
        narrowing = Narrowing(post_ids=post_ids, few=few, low_id=low_id, high_id=high_id)
        return where, narrowing

    def _label_threads(self, labels: tuple[str, ...]):
        known = {label.casefold(): label for label in self.community.idea_labels}
        chosen = []
        for value in labels:
            label = known.get(value.casefold())
            if label is None:
                raise QueryError(
                    f"There is no idea label {value!r}. The labels are: "
                    f"{', '.join(self.community.idea_labels)}."
                )
            chosen.append(label)
        return select(IdeaDetail.thread_id).where(IdeaDetail.label.in_(chosen))

    def _status_condition(self, statuses: tuple[str, ...]):
        """The condition, and the SELECT of idea thread ids when only idea statuses
        are named (else None: issue statuses have no index to start from)."""
        idea_keys, issue_keys = set(), set()
        for value in statuses:
            key = "_".join(value.casefold().replace("-", " ").replace("'", "").split())
            name = " ".join(value.casefold().split())
            found = False
            for status in self.community.idea_statuses:
                if key == status.key or name == status.name.casefold():
                    idea_keys.add(status.key)
                    found = True
            for status in self.community.issue_statuses:
                if key == status.key or name == status.name.casefold():
                    issue_keys.add(status.key)
                    found = True
            if not found:
                known = [s.key for s in self.community.idea_statuses]
                known += [s.key for s in self.community.issue_statuses if s.key not in known]
                raise QueryError(f"There is no status {value!r}. Try one of: {', '.join(known)}.")
        conditions = []
        idea_threads = None
        if idea_keys:
            idea_threads = select(IdeaDetail.thread_id).where(
                IdeaDetail.status.in_(sorted(idea_keys))
            )
            conditions.append((Thread.id + 0).in_(idea_threads))
        if issue_keys:
            conditions.append(Thread.issue_status.in_(sorted(issue_keys)))
            idea_threads = None
        return or_(*conditions), idea_threads

    def _hits(
        self, session: Session, rows: list[tuple[int, float]], terms: tuple[str, ...]
    ) -> tuple[SearchHit, ...]:
        if not rows:
            return ()
        ids = [post_id for post_id, _score in rows]
        found = session.exec(
            select(Post, Thread, Board, Member, IdeaDetail)
            .join(Thread, Thread.id == Post.thread_id)
            .join(Board, Board.id == Thread.board_id)
            .join(Member, Member.id == Post.author_id)
            .outerjoin(IdeaDetail, IdeaDetail.thread_id == Thread.id)
            .where(Post.id.in_(ids))
        ).all()
        by_id = {row[0].id: row for row in found}
        hits = []
        for post_id, score in rows:
            row = by_id.get(post_id)
            if row is None:
                continue
            post, thread, board, member, idea = row
            snippet, ranges = sq.make_snippet(post.body, terms)
            kind = KIND_OF_BOARD.get(board.kind) or ("thread" if post.position == 1 else "reply")
            hits.append(
                SearchHit(
                    thread_id=thread.id,
                    post_id=post.id,
                    position=post.position,
                    board_slug=board.slug,
                    board_name=board.name,
                    thread_title=thread.title,
                    author=_badge(member),
                    created_at=post.created_at,
                    snippet=snippet,
                    match_ranges=ranges,
                    kind=kind,
                    solved=thread.solution_post_id is not None,
                    status=self._status_name(idea, thread),
                    label=idea.label if idea is not None else None,
                    removed=post.removed or thread.removed,
                    score=score,
                )
            )
        return tuple(hits)

    def _status_name(self, idea: IdeaDetail | None, thread: Thread) -> str | None:
        if idea is not None:
            statuses = self.community.idea_statuses
            key = idea.status
        elif thread.issue_status is not None:
            statuses = self.community.issue_statuses
            key = thread.issue_status
        else:
            return None
        return next((s.name for s in statuses if s.key == key), key)


def _thread_side(session: Session, threads) -> tuple[int, object]:
    """(estimated post count, SELECT of post ids) of the threads ``threads`` selects."""
    estimate = session.exec(select(func.sum(Thread.post_count)).where(Thread.id.in_(threads))).one()
    return estimate or 0, select(Post.id).where(Post.thread_id.in_(threads))


def _date_ids(session: Session, after: datetime | None, before: datetime | None):
    """(lowest, highest) id of the posts made in [after, before), read from the
    ``search_post_created`` index, when at most ``DATE_POSTS`` were; else (None, None).
    Exact whatever the order posts were written in (the demo backdates its posts)."""
    inner = select(Post.id)
    if after is not None:
        inner = inner.where(Post.created_at >= after)
    if before is not None:
        inner = inner.where(Post.created_at < before)
    inner = inner.limit(DATE_POSTS + 1).subquery()
    count, low, high = session.exec(
        select(func.count(), func.min(inner.c.id), func.max(inner.c.id))
    ).one()
    if count > DATE_POSTS:
        return None, None
    if count == 0:
        return 1, 0  # an empty range
    return low, high


def _read_cursor(cursor: str | None, sort: str) -> tuple[int, int | None]:
    """(offset, before_id) from a cursor of ``search``."""
    if cursor is None:
        return 0, None
    values = _decode_cursor(cursor)
    expected = "n" if sort == "new" else "r"
    if len(values) != 2 or values[0] != expected or not isinstance(values[1], int):
        raise QueryError("That page position is not valid; start from the top.")
    if values[1] < 0:
        raise QueryError("That page position is not valid; start from the top.")
    if sort == "new":
        return 0, values[1]
    return values[1], None
