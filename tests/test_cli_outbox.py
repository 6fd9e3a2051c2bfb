"""``forum-tui outbox``: the codes mailed to the local Maildir outbox, printed (issue 14)."""

from __future__ import annotations

import re

import pytest

from forum_tui import cli
from forum_tui.store import mail
from forum_tui.store.forum import open_forum


@pytest.fixture(autouse=True)
def no_real_mail_settings(monkeypatch, tmp_path):
    monkeypatch.delenv("FORUM_TUI_OUTBOX", raising=False)
    monkeypatch.delenv("FORUM_TUI_SMTP_HOST", raising=False)
    monkeypatch.setattr(mail, "_config_file", lambda: tmp_path / "config" / "mail.toml")


def test_an_empty_outbox_says_where_it_is(capsys, tmp_path):
    assert cli.main(["outbox", "--db", str(tmp_path / "forum.db")]) == 0
    assert capsys.readouterr().out == f"The outbox is empty ({tmp_path / 'outbox'}).\n"


def test_the_outbox_beside_the_database_prints_the_newest_codes(capsys, tmp_path, clock):
    db = tmp_path / "forum.db"
    forum = open_forum(f"sqlite:///{db}", clock=clock)
    try:
        joined = forum.sign_up(
            username="nell",
            display_name="Nell",
            email="nell@example.com",
            birth_date="2000-04-01",
            password="violet-turntable-42",
        )
    finally:
        forum.close()
    assert joined.mail.outbox == str(tmp_path / "outbox")
    assert cli.main(["outbox", "--db", str(db), "--last", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 message(s) in" in out and "To: nell@example.com" in out
    code = re.search(r"Subject: (\d{6}) is your", out).group(1)
    assert f"    {code}" in out
