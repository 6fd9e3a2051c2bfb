"""Several writers at once (threads, and separate engines as separate processes would
have): every write lands, none fails with "database is locked"."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from forum_tui.store.forum import open_forum


def test_concurrent_writers_lose_nothing(forum, db_url, seed, clock):
    other = open_forum(db_url, clock=clock)  # a second "process": its own engine and pool
    try:
        author = seed.member("oskar")
        threads = seed.threads(
            "android", author, [{"title": f"T{i}", "replies": 9} for i in range(8)]
        )
        readers = [seed.viewer(seed.member(f"reader{i}")) for i in range(6)]

        def work(index: int) -> None:
            service = forum if index % 2 else other
            viewer = readers[index]
            for position in range(1, 11):
                for thread_id in threads:
                    service.mark_read(viewer, thread_id, position)
            service.add_member(f"newcomer{index}", "pw")
            service.board_threads(viewer, "android")

        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(work, range(6)))  # re-raises any worker's error

        for viewer in readers:
            assert forum.board(viewer, "android").unread_count == 0
            assert all(forum.thread(viewer, t).last_read_position == 10 for t in threads)
        for index in range(6):
            assert forum.sign_in(f"newcomer{index}", "pw").username == f"newcomer{index}"
    finally:
        other.close()


def test_concurrent_replies_get_dense_positions(forum, db_url, cast, clock, recount):
    """Replies from several threads and two engines to one thread at once: none lost,
    positions 1..N with no gap or repeat, counters right; likes at once too."""
    other = open_forum(db_url, clock=clock)
    try:
        opened = forum.post_thread(cast["oskar"], "android", "Busy", "Everyone reply!")
        writers = ["jen", "leo", "stella", "modmaria", "carla", "oskar"]

        def work(index: int) -> None:
            service = forum if index % 2 else other
            who = cast[writers[index]]
            for number in range(8):
                service.reply(who, opened.thread_id, f"{who.username} says {number}.")
            if who.id != cast["oskar"].id:
                service.toggle_like(who, opened.post_id)

        with ThreadPoolExecutor(max_workers=len(writers)) as pool:
            list(pool.map(work, range(len(writers))))

        posts = []
        after = 0
        while True:
            page = forum.thread_posts(cast["jen"], opened.thread_id, after=after, limit=200)
            posts += page.items
            if page.next_cursor is None:
                break
            after = int(page.next_cursor)
        assert [post.position for post in posts] == list(range(1, 8 * len(writers) + 2))
        assert len({post.body for post in posts}) == len(posts)
        assert posts[0].like_count == len(writers) - 1
        recount(forum)
    finally:
        other.close()


def _reply_in_a_process(url, clock, viewer, thread_id, count) -> None:
    """A separate process (forked): its own engine, never the parent's connections."""
    import os

    code = 0
    try:
        service = open_forum(url, clock=clock)
        try:
            for number in range(count):
                service.reply(viewer, thread_id, f"Process {os.getpid()} reply {number}.")
        finally:
            service.close()
    except BaseException:  # report through the exit code
        import traceback

        traceback.print_exc()
        code = 1
    os._exit(code)


def test_concurrent_replies_from_processes(forum, db_url, cast, clock, recount):
    import multiprocessing

    opened = forum.post_thread(cast["oskar"], "android", "Busy", "Processes, reply!")
    context = multiprocessing.get_context("fork")
    names = ["jen", "leo", "stella", "modmaria"]
    processes = [
        context.Process(
            target=_reply_in_a_process, args=(db_url, clock, cast[name], opened.thread_id, 6)
        )
        for name in names
    ]
    forum.engine.dispose()  # nothing pooled crosses the fork
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0] * len(names)
    view = forum.thread(cast["jen"], opened.thread_id)
    assert view.post_count == 1 + 6 * len(names)
    positions = [
        p.position for p in forum.thread_posts(cast["jen"], opened.thread_id, limit=200).items
    ]
    assert positions == list(range(1, view.post_count + 1))
    recount(forum)
