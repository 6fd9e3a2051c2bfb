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
