"""``/`` in the report queue: filter by kind, board, reason or age, or clear the filters.

Two short choices (what to filter by, then the value), each a :class:`ChoiceDialog`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from forum_tui.screens.choice_dialog import ChoiceDialog
from forum_tui.store.views import QueueFilter
from forum_tui.widgets.safe import join, label, safe_line

#: The value of an "all ..." row (None means the dialog was cancelled).
ALL = ""
KINDS = [
    ("All kinds", ALL),
    ("Posts", "post"),
    ("Messages", "message"),
    ("Automatic", "automatic"),
]
AGES = [
    ("Any age", ALL),
    ("Under a day", "day"),
    ("Under a week", "week"),
    ("Older than a week", "older"),
]


def choose_filter(app: Any, current: QueueFilter, done: Callable[[QueueFilter | None], None]):
    """Ask what to filter by, then the value; ``done`` gets the new filter (or None)."""
    community = app.community
    values = {
        "kind": [(label(words), value) for words, value in KINDS],
        "board": [(label("All boards"), ALL)]
        + [
            (
                join(safe_line(area.name, "$foreground-muted"), label(" › "), safe_line(b.name)),
                b.slug,
            )
            for area in community.areas
            for b in area.boards
        ],
        "reason": [(label("All reasons"), ALL)]
        + [(safe_line(reason), reason) for reason in community.report_reasons],
        "age": [(label(words), value) for words, value in AGES],
    }
    fields = [
        (label("Kind: posts, messages, automatic"), "kind"),
        (label("Board"), "board"),
        (label("Reason"), "reason"),
        (label("Age of the first report"), "age"),
        (label("Clear every filter"), "clear"),
    ]

    def field_chosen(field: str | None) -> None:
        if field is None:
            done(None)
        elif field == "clear":
            done(QueueFilter(sort=current.sort))
        else:

            def value_chosen(value: object) -> None:
                if value is None:  # cancelled: the filter stays as it was
                    done(None)
                    return
                attribute = "board_slug" if field == "board" else field
                done(replace(current, **{attribute: value or None}))

            app.push_screen(
                ChoiceDialog(label(f"Filter by {field}", "bold"), values[field]), value_chosen
            )

    app.push_screen(ChoiceDialog(label("Filter the queue by…", "bold"), fields), field_chosen)
