"""Changes: one cheap number that grows whenever anyone, in any process, posts.

Open screens poll :meth:`Changes.change_mark` about once a second and reload what they
show only when it moved (SPEC section 6: another process's posts show within about two
seconds). It is the newest post id and the newest thread id together (an index's last
entry each, so the poll costs two index look-ups whatever the size). A like or an edit
does not move it; one's own writes refresh the open lists directly, at once.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, select

from forum_tui.store.access import Service
from forum_tui.store.driver_reads import DirectRead
from forum_tui.store.errors import NotFound
from forum_tui.store.models import Member, Post, Thread
from forum_tui.store.views import Viewer

#: Built once: whether the asking member still exists, the newest post id and thread id,
#: in one round trip (no whole member row: the poll runs every second on every screen).
_MARK = DirectRead(
    select(
        select(Member.id).where(Member.id == bindparam("member_id")).scalar_subquery(),
        select(func.max(Post.id)).scalar_subquery(),
        select(func.max(Thread.id)).scalar_subquery(),
    )
)


class Changes(Service):
    def change_mark(self, viewer: Viewer) -> tuple[int, int]:
        """(newest post id, newest thread id): compare with the last one to see whether
        anything was posted since. Any signed-in member may ask; it says nothing else."""
        with self._quick_read(one_statement=True) as read:
            member, posts, threads = _MARK.first(read, {"member_id": viewer.id})
            if member is None:
                raise NotFound("Your account no longer exists.")
            return (posts or 0, threads or 0)
