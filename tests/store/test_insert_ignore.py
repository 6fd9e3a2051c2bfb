"""``access._insert_ignore`` says truly whether it inserted, on both backends (psycopg
reports no row count for ``INSERT ... ON CONFLICT DO NOTHING``)."""

from __future__ import annotations

from sqlmodel import Session

from forum_tui.store.access import _insert_ignore
from forum_tui.store.models import Setting


def test_insert_ignore_reports_whether_the_row_was_new(forum):
    with Session(forum.engine) as session, session.begin():
        row = {"key": "probe", "value": "1"}
        assert _insert_ignore(session, Setting, row, keys=["key"]) is True
        assert _insert_ignore(session, Setting, row, keys=["key"]) is False
