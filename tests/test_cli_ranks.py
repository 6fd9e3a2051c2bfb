"""``forum-tui ranks recompute [--dry-run]`` under a changed community file."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources

from test_cli import isolated, run  # noqa: F401  (the autouse fixture and the runner)

from forum_tui.store.forum import open_forum
from forum_tui.store.models import Member


def _members(db_path: str) -> None:
    from sqlmodel import Session

    forum = open_forum(f"sqlite:///{db_path}")
    try:
        badge = forum.add_member("jen", "long enough pw")
        forum.add_member("leo", "long enough pw")
        with Session(forum.engine) as session, session.begin():
            member = session.get(Member, badge.id)
            member.created_at -= timedelta(days=30)
            member.reply_count = 10
    finally:
        forum.close()


def _cheaper_file(tmp_path) -> str:
    text = resources.files("forum_tui.rules").joinpath("community.toml").read_text("utf-8")
    text = text.replace(
        'name = "Newbie"\npoints = 10\nmin_days = 1', 'name = "Newbie"\npoints = 5\nmin_days = 0'
    )
    path = tmp_path / "community.toml"
    path.write_text(text, "utf-8")
    return str(path)


def test_ranks_recompute_dry_run_then_for_real(capsys, tmp_path):
    db = str(tmp_path / "forum.db")
    _members(db)
    changed = _cheaper_file(tmp_path)
    code, out, _ = run(
        capsys, "ranks", "recompute", "--dry-run", "--community", changed, "--db", db
    )
    assert code == 0
    assert out == "1 member would change rank.\n  jen: Visitor -> Newbie\n"
    code, out, _ = run(capsys, "ranks", "recompute", "--community", changed, "--db", db)
    assert out == "1 member changed rank.\n  jen: Visitor -> Newbie\n"
    code, out, _ = run(
        capsys, "ranks", "recompute", "--dry-run", "--community", changed, "--db", db
    )
    assert out == "0 members would change rank.\n"


def test_ranks_without_a_command_shows_usage(capsys):
    code, _, err = run(capsys, "ranks")
    assert code == 2 and "choose a command" in err
