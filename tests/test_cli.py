"""The forum-tui command, run in-process with tmp paths (and once as a subprocess)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from fresh_python import loaded_modules

from forum_tui import cli
from forum_tui.store import database, locations
from forum_tui.store.forum import open_forum


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """No test touches the real user data dir, log dir or FORUM_TUI_DATABASE_URL."""
    monkeypatch.delenv(database.ENV_VAR, raising=False)
    monkeypatch.setattr(locations, "default_database_path", lambda: tmp_path / "data" / "forum.db")
    monkeypatch.setattr(cli, "_log_path", lambda: tmp_path / "logs" / "forum-tui.log")


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "forum.db")


def run(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


class FakeApp:
    """Stands in for the Textual app: records how it was made and run."""

    made: ClassVar[list[FakeApp]] = []

    def __init__(self, opening, community, crash: BaseException | None = None) -> None:
        self.opening, self.community, self.crash = opening, community, crash
        self.forum = self.viewer = None
        self.said: list[str] = []  # what the starting screen would show
        self.ran = False
        self.return_code = 0
        self._exception = None
        self._exit_renderables = []
        self.printed = []
        FakeApp.made.append(self)

    def _print_error_renderables(self) -> None:
        self.printed.extend(self._exit_renderables)
        self._exit_renderables.clear()

    def run(self) -> None:
        # The real app paints first, then opens the forum in a worker (``opening``).
        self.forum, self.viewer = self.opening(self.said.append)
        self.ran = True
        self.is_demo = self.forum.is_demo()
        if self.crash is not None:  # what Textual does with an unhandled exception
            self._exception = self.crash
            self.return_code = 1
            self._exit_renderables.append("a big rich traceback")
            self._print_error_renderables()


@pytest.fixture
def fake_app(monkeypatch):
    FakeApp.made = []
    monkeypatch.setattr(
        cli, "_make_app", lambda opening, community, snapshot=None: FakeApp(opening, community)
    )
    return FakeApp


def fake_demo(forum, *, reset=False):
    """A tiny stand-in for store.demo.build_demo: two personas and the demo flag."""
    from sqlmodel import Session

    from forum_tui.store.models import Member, Setting

    if reset:
        with Session(forum.engine) as session, session.begin():
            for member in session.exec(__import__("sqlmodel").select(Member)).all():
                session.delete(member)
    for name in ("noah", "elena"):
        badge = forum.add_member(name, "demo-pass", role="staff" if name == "elena" else "member")
        with Session(forum.engine) as session, session.begin():
            session.get(Member, badge.id).is_demo_persona = True
    with Session(forum.engine) as session, session.begin():
        session.merge(Setting(key="demo", value="yes"))
    return None


@pytest.fixture
def demo_builds(monkeypatch):
    calls = []

    def build(forum, *, reset):
        calls.append(reset)
        return fake_demo(forum, reset=reset)

    monkeypatch.setattr(cli, "_build_demo", build)
    return calls


# ---------------------------------------------------------------------- help and version


def test_version(capsys):
    assert run(capsys, "--version")[:2] == (0, "forum-tui 0.1.0\n")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["demo"],
        ["db"],
        ["db", "upgrade"],
        ["user"],
        ["user", "add"],
        ["user", "role"],
        ["generate"],
    ],
)
def test_help_everywhere(capsys, argv):
    code, out, _ = run(capsys, *argv, "--help")
    assert code == 0
    assert out.startswith("usage: forum-tui")


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "--no-such-option")
    assert code == 2 and "unrecognized arguments" in err
    code, _, err = run(capsys, "user")
    assert code == 2 and "choose a command" in err


def test_python_dash_m_version_in_a_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "forum_tui", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == "forum-tui 0.1.0\n"


def test_version_and_help_import_nothing_heavy():
    code = "from forum_tui.cli import main\nmain(['--version']); main(['user', 'add', '--help'])\n"
    heavy = ("sqlalchemy", "sqlmodel", "alembic", "textual", "platformdirs")
    assert loaded_modules(code, heavy) == []


# ---------------------------------------------------------------------- db upgrade


def test_db_upgrade(capsys, db):
    head = database.head_revision()
    code, out, _ = run(capsys, "db", "upgrade", "--db", db)
    assert code == 0 and out == f"Created the forum-tui schema in {db} (schema {head}).\n"
    code, out, _ = run(capsys, "db", "upgrade", "--db", db)
    assert code == 0 and out == f"{db} is up to date (schema {head}).\n"


def test_db_option_before_the_command(capsys, db):
    code, out, _ = run(capsys, "--db", db, "db", "upgrade")
    assert code == 0 and db in out


def test_environment_variable_names_the_database(capsys, monkeypatch, db):
    monkeypatch.setenv(database.ENV_VAR, db)
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and db in out


def test_not_a_database_is_left_untouched(capsys, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"do not overwrite me\n")
    code, out, err = run(capsys, "db", "upgrade", "--db", str(notes))
    assert code == 2 and out == ""
    assert err == f"forum-tui: {notes} is not a forum-tui database; it was left untouched.\n"
    assert notes.read_bytes() == b"do not overwrite me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    code, _, err = run(capsys, "--db", str(notes))
    assert code == 2 and "not a forum-tui database" in err


def test_unwritable_data_directory(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    default = blocker / "sub" / "forum.db"  # only the default place has its folder made
    monkeypatch.setattr(locations, "default_database_path", lambda: default)
    code, _, err = run(capsys, "db", "upgrade")
    assert code == 2
    assert err.startswith(f"forum-tui: Cannot create the data directory {blocker / 'sub'}")
    assert err.endswith("Use --db to choose another place.\n")


def test_schema_too_new(capsys, db):
    import sqlite3

    run(capsys, "db", "upgrade", "--db", db)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "db", "upgrade", "--db", db)
    assert code == 2 and "newer version of forum-tui" in err


# ---------------------------------------------------------------------- users


def test_user_add_from_stdin(capsys, monkeypatch, db, clock):
    code, out, _ = run(
        capsys,
        "user",
        "add",
        "jen",
        "--role",
        "star",
        "--password-stdin",
        "--db",
        db,
        stdin="a long password\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0
    assert out == "Added jen as a Star (Rising Star 1); their email counts as verified.\n"
    forum = open_forum(f"sqlite:///{db}", clock=clock)
    try:
        viewer = forum.sign_in("jen", "a long password")
        assert viewer.role == "star" and viewer.email_verified
    finally:
        forum.close()


def test_user_add_prompts_twice(capsys, monkeypatch, db):
    answers = iter(["s3cret-password", "s3cret-password"])
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    code, out, _ = run(capsys, "user", "add", "mia", "--display-name", "Mia ✨", "--db", db)
    assert code == 0 and out.startswith("Added mia as a member")
    assert prompts == ["Password for mia: ", "Repeat the password: "]


def test_user_add_mismatched_passwords(capsys, monkeypatch, db):
    answers = iter(["s3cret-password", "s3cret-passwort"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    code, _, err = run(capsys, "user", "add", "mia", "--db", db)
    assert (code, err) == (
        2,
        f"forum-tui: Made a new, empty forum database at {db}.\n"
        "forum-tui: The passwords do not match; nothing was changed.\n",
    )


@pytest.mark.parametrize(
    "argv, stdin, message",
    [
        (["admin"], "long enough pw\n", "That name is reserved."),
        (["jen", "--role", "boss"], "long enough pw\n", "Unknown role 'boss'"),
        (["jen"], "short\n", "at least 8 characters"),
        (["jen"], "", "No password on standard input"),
        (["jen", "--title", "Creator"], "long enough pw\n", "Only staff have a staff title."),
    ],
)
def test_user_add_refusals(capsys, monkeypatch, db, argv, stdin, message):
    code, _, err = run(
        capsys,
        "user",
        "add",
        *argv,
        "--password-stdin",
        "--db",
        db,
        stdin=stdin,
        monkeypatch=monkeypatch,
    )
    assert code == 2 and err.startswith("forum-tui: ") and message in err


def test_user_add_duplicate(capsys, monkeypatch, db):
    args = ("user", "add", "Jen", "--password-stdin", "--db", db)
    assert run(capsys, *args, stdin="long enough pw\n", monkeypatch=monkeypatch)[0] == 0
    code, _, err = run(
        capsys, *args[:2], "JEN", *args[3:], stdin="another pw!\n", monkeypatch=monkeypatch
    )
    assert (code, err) == (2, "forum-tui: The username JEN is taken.\n")


def test_user_role(capsys, monkeypatch, db):
    run(
        capsys,
        "user",
        "add",
        "carla",
        "--password-stdin",
        "--db",
        db,
        stdin="long enough pw\n",
        monkeypatch=monkeypatch,
    )
    code, out, _ = run(capsys, "user", "role", "carla", "staff", "--title", "Creator", "--db", db)
    assert (code, out) == (0, "carla is now staff (Creator).\n")
    code, out, _ = run(capsys, "user", "role", "carla", "member", "--db", db)
    assert (code, out) == (0, "carla is now a member (Spotify Legend).\n")
    code, _, err = run(capsys, "user", "role", "ghost", "star", "--db", db)
    assert (code, err) == (2, "forum-tui: There is no member called 'ghost'.\n")


# ---------------------------------------------------------------------- demo


def test_demo_builds_and_says_how_to_start(capsys, db, demo_builds):
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and demo_builds == [False]
    assert f"Built the demo community in {db}." in out
    assert f"forum-tui --db {db} --as noah" in out
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "already in" in out and demo_builds == [False]
    code, out, _ = run(capsys, "demo", "--db", db, "--reset")
    assert code == 0 and demo_builds == [False, True]


def test_demo_never_builds_over_a_real_community(capsys, monkeypatch, db, demo_builds):
    run(
        capsys,
        "user",
        "add",
        "jen",
        "--password-stdin",
        "--db",
        db,
        stdin="long enough pw\n",
        monkeypatch=monkeypatch,
    )
    for extra in ([], ["--reset"]):
        code, _, err = run(capsys, "demo", "--db", db, *extra)
        assert code == 2 and "holds a community that is not the demo" in err
    assert demo_builds == []


def test_real_demo_builder(capsys, db):
    pytest.importorskip("forum_tui.store.demo")
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "Built the demo community" in out and "--as" in out


# ---------------------------------------------------------------------- starting the app


def test_first_start_on_the_default_database_builds_the_demo(capsys, fake_app, demo_builds):
    code, _, _ = run(capsys)
    assert code == 0 and demo_builds == [False]
    assert "building the demo community" in " ".join(fake_app.made[0].said)
    (app,) = fake_app.made
    assert app.ran and app.viewer is None and app.is_demo
    code, _, _ = run(capsys)  # second start: nothing is rebuilt
    assert code == 0 and demo_builds == [False]


def test_a_new_named_database_stays_empty(capsys, db, fake_app, demo_builds):
    code, _, _ = run(capsys, "--db", db)
    assert code == 0 and demo_builds == [] and not fake_app.made[0].is_demo


def test_start_as_a_persona(capsys, db, fake_app, demo_builds):
    run(capsys, "demo", "--db", db)
    code, _, _ = run(capsys, "--db", db, "--as", "ELENA")
    assert code == 0
    assert fake_app.made[0].viewer.username == "elena"


def test_as_unknown_persona_lists_them(capsys, db, fake_app, demo_builds):
    run(capsys, "demo", "--db", db)
    code, _, err = run(capsys, "--db", db, "--as", "nobody")
    assert code == 2
    assert err == (
        "forum-tui: There is no persona called 'nobody'. The personas are: noah, elena.\n"
    )
    assert not any(app.ran for app in fake_app.made)  # the app closed before showing any


def test_as_on_a_real_database_is_refused(capsys, monkeypatch, db, fake_app):
    run(
        capsys,
        "user",
        "add",
        "jen",
        "--password-stdin",
        "--db",
        db,
        stdin="long enough pw\n",
        monkeypatch=monkeypatch,
    )
    code, _, err = run(capsys, "--db", db, "--as", "jen")
    assert code == 2 and err.startswith("forum-tui: --as works only on a demo database")
    assert not any(app.ran for app in fake_app.made)  # the app closed before showing any


def test_malformed_community_file(capsys, tmp_path, db):
    bad = tmp_path / "community.toml"
    bad.write_text("[community]\nname = 'X'\nbrand_names = 'not a list'\n")
    code, _, err = run(capsys, "--db", db, "--community", str(bad))
    assert code == 2
    assert err.startswith(f"forum-tui: {bad}, line 3: 'community.brand_names'")
    assert not Path(db).exists()  # nothing was created for a start that could not happen


def test_crash_in_the_app_is_logged_not_dumped(capsys, monkeypatch, tmp_path, db):
    made = []

    def crashing(opening, community, *_snapshot):
        app = FakeApp(opening, community, crash=ZeroDivisionError("division by zero"))
        made.append(app)
        return app

    monkeypatch.setattr(cli, "_make_app", crashing)
    code, _, err = run(capsys, "--db", db)
    log = tmp_path / "logs" / "forum-tui.log"
    assert code == 1
    assert err == (
        "forum-tui: something went wrong (ZeroDivisionError: division by zero). "
        f"The details are in {log}.\n"
    )
    assert made[0].printed == []  # Textual's traceback was not printed
    assert "ZeroDivisionError" in log.read_text()


def test_crash_outside_the_app_is_logged_too(capsys, monkeypatch, tmp_path, db):
    def explode(opening, community, *_snapshot):
        raise RuntimeError("the widget factory fell over")

    monkeypatch.setattr(cli, "_make_app", explode)
    code, _, err = run(capsys, "--db", db)
    assert code == 1
    assert "something went wrong (RuntimeError: the widget factory fell over)" in err
    assert "RuntimeError" in (tmp_path / "logs" / "forum-tui.log").read_text()


def test_app_errors_that_are_not_crashes_are_still_shown(capsys, monkeypatch, db):
    class Panicky(FakeApp):
        def run(self):
            self._exit_renderables.append("a CSS problem, shown by Textual")
            self._print_error_renderables()
            self.return_code = 1

    made = []
    monkeypatch.setattr(cli, "_make_app", lambda f, v, *_: made.append(Panicky(f, v)) or made[-1])
    code, _, _ = run(capsys, "--db", db)
    assert code == 1 and made[0].printed == ["a CSS problem, shown by Textual"]


# ---------------------------------------------------------------------- generate


def test_generate_a_tiny_community(capsys, db):
    code, out, _ = run(
        capsys,
        "generate",
        "--db",
        db,
        "--members",
        "5",
        "--threads",
        "6",
        "--posts",
        "40",
        "--ideas",
        "2",
    )
    assert code == 0
    assert out.startswith(f"Generated 5 members, 6 threads, 2 ideas and 40 posts in {db} (")
    forum = open_forum(f"sqlite:///{db}")
    try:
        from sqlmodel import Session, func, select

        from forum_tui.store.models import Board, IdeaDetail, Post, Thread
        from forum_tui.store.synth import vocabulary

        with Session(forum.engine) as session:
            assert session.exec(select(func.count()).select_from(Post)).one() == 40
            assert session.exec(select(func.count()).select_from(IdeaDetail)).one() == 2
            assert session.exec(select(func.sum(Thread.post_count))).one() == 40
            assert session.exec(select(func.sum(Board.post_count))).one() == 40
        from forum_tui.store.convert import _viewer
        from forum_tui.store.models import Member

        with Session(forum.engine) as session:
            viewer = _viewer(session.exec(select(Member).limit(1)).one())
        assert forum.search(viewer, vocabulary()[0] + " sort:new").items
    finally:
        forum.close()


def test_generate_is_deterministic(tmp_path):
    from forum_tui.store.synth import generate

    bodies = []
    for name in ("a", "b"):
        forum = open_forum(f"sqlite:///{tmp_path / name}.db")
        try:
            generate(forum, members=3, threads=4, posts=20, seed=7)
            from sqlmodel import Session, select

            from forum_tui.store.models import Post

            with Session(forum.engine) as session:
                bodies.append(session.exec(select(Post.body).order_by(Post.id)).all())
        finally:
            forum.close()
    assert bodies[0] == bodies[1]


def test_a_lone_escape_waits_30_ms_unless_the_user_says_otherwise(
    capsys, monkeypatch, db, fake_app
):
    monkeypatch.delenv("ESCDELAY", raising=False)
    run(capsys, "--db", db)
    assert os.environ["ESCDELAY"] == cli.ESCAPE_DELAY_MS == "30"
    monkeypatch.setenv("ESCDELAY", "200")
    run(capsys, "--db", db)
    assert os.environ["ESCDELAY"] == "200"
