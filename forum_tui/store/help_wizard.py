"""The Help Wizard's look-up: FAQ articles and solved threads that match a problem.

``help_matches(viewer, board_slug, text)``: what the member picks in the wizard (a Help
board: the platform or topic) and the title typed so far. FAQ articles come from every
FAQ board, ranked by the title's words (and the board's name, which says the platform);
solved threads come from the chosen board, ranked the same way, or the newest solved
ones while nothing is typed (and the newest FAQ articles when none match). Both use the
search index's title ranking (``Searching._similar``), so the wizard costs what
similar-thread suggestions cost.
"""

from __future__ import annotations

from forum_tui.store.access import Service
from forum_tui.store.views import HelpMatches, SearchHit, Viewer

FAQ_KINDS = ("faq",)
SHOWN = 5
_SOLVED_CANDIDATES = 20


class HelpWizard(Service):
    def help_matches(self, viewer: Viewer, board_slug: str, text: str = "") -> HelpMatches:
        """FAQ articles and solved threads for a problem about ``board_slug``."""
        board = self.community.board(board_slug)
        similar = self._similar  # type: ignore[attr-defined]  (Searching, in Forum)
        text = text.strip()
        faqs = similar(
            viewer, f"{text} {board.name}".strip(), board_slug=None, kinds=FAQ_KINDS, limit=SHOWN
        )
        if not faqs:
            faqs = self._openings(viewer, "in:faqs")
        if text:
            found = similar(
                viewer, text, board_slug=board_slug, kinds=None, limit=_SOLVED_CANDIDATES
            )
            solved = tuple(hit for hit in found if hit.solved)[:SHOWN]
        else:
            solved = self._openings(viewer, f"board:{board_slug} is:solved")
        return HelpMatches(faqs=faqs, solved=solved)

    def _openings(self, viewer: Viewer, query: str) -> tuple[SearchHit, ...]:
        """The newest threads (opening posts) a filter-only search finds."""
        search = self.search  # type: ignore[attr-defined]  (Searching, in Forum)
        page = search(viewer, query, limit=_SOLVED_CANDIDATES)
        return tuple(hit for hit in page.items if hit.position == 1)[:SHOWN]
