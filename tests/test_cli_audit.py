"""``forum-tui audit export PATH``: the audit log as CSV or JSON."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest
from sqlmodel import Session

from forum_tui import cli
from forum_tui.store import database, locations
from forum_tui.store.forum import open_forum
from forum_tui.store.models import ModAction


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.delenv(database.ENV_VAR, raising=False)
    monkeypatch.setattr(locations, "default_database_path", lambda: tmp_path / "data" / "forum.db")
    monkeypatch.setattr(cli, "_log_path", lambda: tmp_path / "logs" / "forum-tui.log")


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "forum.db")
    forum = open_forum(path if "://" in path else f"sqlite:///{path}")
    try:
        badge = forum.add_member("jonas", "correct horse", role="moderator")
        target = forum.add_member("dana", "correct horse")
        with Session(forum.engine) as session, session.begin():
            for minute, (action, undone) in enumerate((("warn", False), ("suspend", True))):
                session.add(
                    ModAction(
                        actor_id=badge.id,
                        action=action,
                        target_kind="member",
                        target_id=target.id,
                        reason=f'Reason "{action}", with a comma',
                        created_at=datetime(2026, 11, 20, 12, minute),
                        undone=undone,
                    )
                )
    finally:
        forum.close()
    return path


def test_export_csv(capsys, db, tmp_path):
    out_path = tmp_path / "audit.csv"
    assert cli.main(["audit", "export", str(out_path), "--db", db]) == 0
    assert "Wrote 2 audit-log entries" in capsys.readouterr().out
    rows = list(csv.DictReader(out_path.open(encoding="utf-8")))
    assert [row["action"] for row in rows] == ["suspend", "warn"]
    assert rows[0]["moderator"] == "jonas" and rows[0]["target"] == "@dana"
    assert rows[0]["undone"] == "True" and rows[1]["reason"] == 'Reason "warn", with a comma'


def test_export_json(capsys, db, tmp_path):
    out_path = tmp_path / "audit.json"
    assert cli.main(["audit", "export", str(out_path), "--db", db]) == 0
    entries = json.loads(out_path.read_text(encoding="utf-8"))
    assert [entry["action"] for entry in entries] == ["suspend", "warn"]
    assert entries[0]["when"] == "2026-11-20T12:01:00" and entries[0]["undone"] is True


def test_export_refuses_other_file_types_in_plain_words(capsys, db, tmp_path):
    assert cli.main(["audit", "export", str(tmp_path / "audit.xlsx"), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "Export to a .csv or .json file" in err and "Traceback" not in err
    assert not (tmp_path / "audit.xlsx").exists()
