"""The command with a database it must refuse: one line on stderr, exit code 2, no crash,
nothing touched; and a new database is announced in one line (the app says it on screen)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from forum_tui import cli
from forum_tui.store import database, locations


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.delenv(database.ENV_VAR, raising=False)
    monkeypatch.setattr(locations, "default_database_path", lambda: tmp_path / "data" / "forum.db")
    monkeypatch.setattr(cli, "_log_path", lambda: tmp_path / "logs" / "forum-tui.log")
    monkeypatch.chdir(tmp_path)


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "something went wrong" not in err
    return code, out, err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("forum-tui: "), err
    return err.removeprefix("forum-tui: ").rstrip("\n")


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


@pytest.fixture
def forum_file(tmp_path, capsys) -> Path:
    path = tmp_path / "forum.db"
    assert run(capsys, "db", "upgrade", "--db", str(path))[0] == 0
    return path


def test_a_bad_url_in_the_environment(capsys, monkeypatch):
    monkeypatch.setenv(database.ENV_VAR, "://")
    code, _, err = run(capsys, "db", "upgrade")
    assert code == 2
    assert one_line(err).startswith("'://' is not a database URL or path.")


def test_not_a_url_makes_no_forum(capsys, tmp_path):
    code, _, err = run(capsys, "--db", "not a url", "db", "upgrade")
    assert code == 2 and "named like forum.db" in one_line(err)
    assert _files(tmp_path) == set()


def test_in_memory_is_refused_for_the_app(capsys):
    code, _, err = run(capsys, "--db", "sqlite:///:memory:")
    assert code == 2 and "vanishes when forum-tui stops" in one_line(err)
    code, _, err = run(capsys, "db", "upgrade", "--db", "sqlite:///:memory:")
    assert code == 2 and "vanishes" in one_line(err)


def test_a_missing_folder_is_a_typo_not_a_new_forum(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "forums" / "forum.db"), "db", "upgrade")
    assert code == 2 and "that folder does not exist" in one_line(err)
    assert _files(tmp_path) == set()


def test_a_new_database_is_announced(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough pw\n"))
    code, _out, err = run(capsys, "user", "add", "jen", "--db", "new.db", "--password-stdin")
    assert code == 0
    assert one_line(err) == f"Made a new, empty forum database at {tmp_path / 'new.db'}."
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough pw\n"))
    code, _out, err = run(capsys, "user", "add", "leo", "--db", "new.db", "--password-stdin")
    assert (code, err) == (0, "")  # only once


def test_the_app_says_on_screen_that_it_made_a_new_database(capsys, tmp_path, monkeypatch):
    started = []

    class App:
        """Runs the CLI's opening as the real app's worker does, then notes the notice."""

        return_code = 0
        start_notice = ""
        start_error = None
        forum = None

        def __init__(self, opening) -> None:
            self.opening = opening

        def run(self) -> None:
            self.forum, _viewer = self.opening(lambda words: None)
            started.append(self.start_notice)

    monkeypatch.setattr(cli, "_make_app", lambda opening, community, *_: App(opening))
    code, _, err = run(capsys, "--db", "mine.db")
    assert code == 0 and err == ""
    assert started == [f"Made a new, empty forum database at {tmp_path / 'mine.db'}."]
    run(capsys, "--db", "mine.db")
    assert started[-1] == ""


def test_read_only_database(capsys, forum_file):
    forum_file.chmod(0o444)
    try:
        before = _files(forum_file.parent)
        for argv in (["--as", "mia"], ["demo", "--reset"], ["user", "add", "x"]):
            code, _, err = run(capsys, "--db", str(forum_file), *argv)
            assert code == 2 and "is read-only" in one_line(err)
        assert _files(forum_file.parent) == before  # no -wal, no -shm
    finally:
        forum_file.chmod(0o644)


def test_damaged_and_truncated_files_get_the_same_words(capsys, forum_file, tmp_path):
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(forum_file.read_bytes()[: 4096 * 3])
    damaged = tmp_path / "damaged.db"
    data = bytearray(forum_file.read_bytes())
    connection = sqlite3.connect(forum_file)
    page = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'board'")
    root = page.fetchone()[0]
    connection.close()
    data[(root - 1) * 4096 : root * 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    before = _files(tmp_path)
    results = []
    for path in (truncated, damaged):
        code, _, err = run(capsys, "--db", str(path), "--as", "mia")
        line = one_line(err)
        assert line.startswith(f"{path} is damaged (")
        assert line.endswith(
            "and forum-tui cannot use it; it was left untouched. "
            "Restore it from a backup, or use --db to start a new forum elsewhere."
        )
        results.append(code)
    assert results == [2, 2]
    assert _files(tmp_path) == before
