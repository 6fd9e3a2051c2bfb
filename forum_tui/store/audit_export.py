"""``forum-tui audit export PATH``: the whole audit log as CSV or JSON.

The file type follows the extension (``.csv`` or ``.json``); anything else is refused in
plain words before a file is touched. Entries are read a batch at a time
(``Forum.audit_entries``), newest first, so a long log never sits in memory as rows. The
file is written beside its final name and moved into place, so a failed export never
leaves half a file under the name asked for.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from forum_tui.store.errors import InvalidInput

if TYPE_CHECKING:
    from forum_tui.store.forum import Forum
    from forum_tui.store.views import AuditEntry

COLUMNS = (
    "id",
    "when",
    "moderator",
    "action",
    "target_kind",
    "target_id",
    "target",
    "reason",
    "undone",
)


def export_audit_log(forum: Forum, path: str | os.PathLike) -> int:
    """Write the audit log to ``path``; returns how many entries were written."""
    target = Path(path)
    kind = target.suffix.lower()
    if kind not in (".csv", ".json"):
        raise InvalidInput(f"Export to a .csv or .json file, not {target.name!r}.")
    if not target.parent.is_dir():
        raise InvalidInput(f"There is no folder {str(target.parent)!r} to write into.")
    partial = target.with_name(f".{target.name}.partial")
    count = 0
    with open(partial, "w", encoding="utf-8", newline="") as out:
        rows = (_row(entry) for entry in forum.audit_entries())
        if kind == ".csv":
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                count += 1
        else:
            out.write("[")
            for row in rows:
                out.write(("," if count else "") + "\n  " + json.dumps(row, ensure_ascii=False))
                count += 1
            out.write("\n]\n")
    os.replace(partial, target)
    return count


def _row(entry: AuditEntry) -> dict:
    return {
        "id": entry.id,
        "when": entry.created_at.isoformat(),
        "moderator": entry.moderator.username,
        "action": entry.action,
        "target_kind": entry.target_kind,
        "target_id": entry.target_id,
        "target": entry.target_label,
        "reason": entry.reason,
        "undone": entry.undone,
    }
