"""The ``forum-tui`` command.

    forum-tui [--db PATH|URL] [--as USERNAME] [--community FILE]   start the app
    forum-tui demo [--db ...] [--reset]                             build the demo community
    forum-tui db upgrade [--db ...]                                 apply schema migrations
    forum-tui user add NAME [--role ROLE] [--password-stdin]        add a member
    forum-tui user role NAME ROLE [--title TITLE]                   change a member's role
    forum-tui outbox [--db ...] [--last N]                          print the local mail outbox
    forum-tui ranks recompute [--dry-run] [--community FILE]        recompute every rank
    forum-tui audit export PATH                                     the audit log, CSV or JSON

Every problem a person can fix (a bad path, a wrong name, a database from a newer
version, a malformed community file) is one line on stderr, ``forum-tui: <message>``, and
exit code 2. Anything unexpected ends with a plain message and the traceback in a log file,
exit code 1; never a traceback on screen.

Imports are lazy: ``--version`` and ``--help`` load nothing but argparse.

The demo and existing data: ``forum-tui demo`` builds on a new database, or rebuilds a demo
database with ``--reset``; it never builds over (or resets) a database holding a community
that is not the demo, so real members and posts cannot be wiped by a slip of the keyboard.
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import sys
from collections.abc import Sequence

from forum_tui import __version__
from forum_tui.cli_admin import (  # the maintenance commands, and what all commands share
    EXIT_CRASH,
    EXIT_OK,
    EXIT_PROBLEM,
    PROG,
    SIZES,
    _audit_export,
    _db_upgrade,
    _generate,
    _open_forum,
    _outbox,
    _ranks_recompute,
    _user_add,
    _user_role,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help, --version, or a usage error (already printed)
        return exit.code if isinstance(exit.code, int) else EXIT_OK
    try:
        return args.handler(args) or EXIT_OK
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted.", file=sys.stderr)
        return 130
    except Exception as error:
        if _is_problem(error):
            print(f"{PROG}: {error}", file=sys.stderr)
            return EXIT_PROBLEM
        return _crashed(error)


# ---------------------------------------------------------------------- arguments


def _database_options(default) -> argparse.ArgumentParser:
    """--db and --community, for the top level (default None) and for each command
    (default SUPPRESS, so ``forum-tui --db X demo`` keeps X). A fresh parser each time:
    argparse shares option objects with the parsers that take them as parents."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--db",
        metavar="PATH|URL",
        default=default,
        help="database file or SQLAlchemy URL (default: $FORUM_TUI_DATABASE_URL, "
        "else forum.db in your user data directory)",
    )
    options.add_argument(
        "--community",
        metavar="FILE",
        default=default,
        help="community definition (TOML) to use instead of the built-in one",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[_database_options(None)],
        description="A keyboard-driven community forum in the terminal.",
        epilog="Run 'forum-tui COMMAND --help' for a command's options.",
    )
    parser.set_defaults(handler=_run_app)
    common = _database_options(argparse.SUPPRESS)
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="on a demo database, start signed in as this persona",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="build the demo community",
        description="Build the demo community: personas for every role, content in every "
        "board. Works on a new database, or rebuilds a demo database with --reset.",
    )
    demo.add_argument(
        "--reset", action="store_true", help="wipe the demo database and build it afresh"
    )
    demo.set_defaults(handler=_demo)

    db = commands.add_parser("db", help="database maintenance", description="Database upkeep.")
    db.set_defaults(handler=_usage(db))
    db_commands = db.add_subparsers(title="commands", metavar="COMMAND")
    upgrade = db_commands.add_parser(
        "upgrade",
        parents=[common],
        help="apply schema migrations",
        description="Create the schema or bring it up to date with this version of forum-tui.",
    )
    upgrade.set_defaults(handler=_db_upgrade)

    generate = commands.add_parser(
        "generate",
        parents=[common],
        help="generate a synthetic community (benchmarks)",
        description="Add a synthetic community of any size (members, threads, posts with a "
        "few very long threads, ideas with votes, private messages, open reports) in big "
        "batches, then rebuild the search index. Deterministic for a seed. --size large is "
        "the benchmarks' community: 50,000 members, 100,000 threads, 1,000,000 posts, "
        "20,000 ideas, 50,000 messages, 10,000 open reports.",
    )
    generate.add_argument(
        "--size", choices=sorted(SIZES), help="a preset; the counts below override it"
    )
    generate.add_argument("--members", type=int, metavar="N", help="default 1,000")
    generate.add_argument("--threads", type=int, metavar="N", help="default 2,000")
    generate.add_argument(
        "--posts", type=int, metavar="N", help="all posts, opening posts included (20,000)"
    )
    generate.add_argument("--ideas", type=int, metavar="N", help="default 0")
    generate.add_argument("--messages", type=int, metavar="N", help="private messages (0)")
    generate.add_argument("--reports", type=int, metavar="N", help="open reports (0)")
    generate.add_argument("--seed", type=int, default=1, metavar="N")
    generate.set_defaults(handler=_generate)

    user = commands.add_parser("user", help="add members, set roles", description="Members.")
    user.set_defaults(handler=_usage(user))
    user_commands = user.add_subparsers(title="commands", metavar="COMMAND")
    add = user_commands.add_parser(
        "add",
        parents=[common],
        help="add a member (email counted as verified)",
        description="Add a member. The password is asked for twice, or read from one line "
        "of standard input with --password-stdin.",
    )
    add.add_argument("name", metavar="NAME", help="username")
    add.add_argument(
        "--role", default="member", help="member, star, moderator or staff (default: member)"
    )
    add.add_argument("--display-name", metavar="X", help="display name (default: the username)")
    add.add_argument("--title", help="staff title, e.g. 'Community Manager' (staff only)")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.set_defaults(handler=_user_add)

    role = user_commands.add_parser(
        "role",
        parents=[common],
        help="change a member's role",
        description="Change a member's role. Former Stars and staff who become members "
        "again are Legends.",
    )
    role.add_argument("name", metavar="NAME", help="username")
    role.add_argument("role", metavar="ROLE", help="member, star, moderator or staff")
    role.add_argument("--title", help="staff title, e.g. 'Creator' (staff only)")
    role.set_defaults(handler=_user_role)

    # --- issue 14: the local mail outbox (codes when no SMTP server is set up)
    outbox = commands.add_parser(
        "outbox",
        parents=[common],
        help="print the mail outbox (verification and reset codes)",
        description="Print the messages in the local Maildir outbox, where verification "
        "and password reset codes go when no SMTP server is configured (store/mail.py).",
    )
    outbox.add_argument(
        "--last", type=int, default=5, metavar="N", help="print the newest N (default 5)"
    )
    outbox.set_defaults(handler=_outbox)
    _ranks_parser(commands, common)  # --- ranks (issue 13)
    # --- moderation: the audit log, exported
    audit = commands.add_parser("audit", help="the moderators' audit log", description="Audit.")
    audit.set_defaults(handler=_usage(audit))
    audit_commands = audit.add_subparsers(title="commands", metavar="COMMAND")
    export = audit_commands.add_parser(
        "export",
        parents=[common],
        help="write the audit log to a file (.csv or .json)",
        description="Write every moderator and staff action (who, what, which item, why, "
        "when, undone or not) to PATH: CSV or JSON, by the file's extension.",
    )
    export.add_argument("path", metavar="PATH", help="a .csv or .json file to write")
    export.set_defaults(handler=_audit_export)
    return parser


# --- ranks (issue 13): ``forum-tui ranks recompute [--dry-run]``


def _ranks_parser(commands, common) -> None:
    ranks = commands.add_parser("ranks", help="recompute ranks", description="Member ranks.")
    ranks.set_defaults(handler=_usage(ranks))
    ranks_commands = ranks.add_subparsers(title="commands", metavar="COMMAND")
    recompute = ranks_commands.add_parser(
        "recompute",
        parents=[common],
        help="recompute every member's rank (after changing the community file)",
        description="Recompute every member's rank from their activity under the community "
        "file in use (--community). Members who rank up are notified. With --dry-run, "
        "only list who would change rank.",
    )
    recompute.add_argument(
        "--dry-run", action="store_true", help="show who would change rank; write nothing"
    )
    recompute.set_defaults(handler=_ranks_recompute)


# --- end ranks


def _usage(parser: argparse.ArgumentParser):
    def show(_args) -> int:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: choose a command (see --help).", file=sys.stderr)
        return EXIT_PROBLEM

    return show


# ---------------------------------------------------------------------- commands


def _run_app(args) -> int:
    """Start the app at once and open the forum behind its first frame (paint first).

    The community file is read before (a bad one fails before anything is drawn or
    created); the store is imported and the database opened in the app's worker by
    ``opening``. What goes wrong there is reported here, after the app has exited."""
    gc.disable()  # until the store is imported: see _collect_again
    from forum_tui.rules.community import load_community

    community = load_community(args.community)
    # A lone esc (back) waits this long for the rest of a possible key sequence; Textual's
    # 100 ms default is felt on every "back" (quick_escape.py makes the wait this and no
    # longer). A user's own ESCDELAY wins.
    os.environ.setdefault("ESCDELAY", ESCAPE_DELAY_MS)

    def opening(say):
        try:
            from forum_tui.store.database import default_url, describe_url, is_new, resolve_url
            from forum_tui.store.forum import open_forum
        finally:
            _collect_again()

        url = resolve_url(args.db)
        new = is_new(url)
        forum = open_forum(url, community=community)
        try:
            if url == default_url() and forum.is_empty():
                say("First start: building the demo community…")
                _build_demo(forum, reset=False)
            elif new:  # the app says it, on screen, once the first screen is up
                app.start_notice = f"Made a new, empty forum database at {describe_url(url)}."
            viewer = forum.sign_in_as(args.as_user) if args.as_user else None
        except BaseException:
            forum.close()
            raise
        return forum, viewer

    snapshot = _start_snapshot(args, community)
    app = _make_app(opening, community, snapshot)
    try:
        code = _run_quietly(app)
    finally:
        gc.enable()  # in case the app ended before the store was imported
        forum = getattr(app, "forum", None)  # waits while the store opens behind home
        if forum is not None:
            if getattr(app, "start_error", None) is None:  # what this run leaves, for the next
                from forum_tui.screens.first_screen import remember_home

                remember_home(snapshot, forum, getattr(app, "viewer", None))
            forum.close()
    if getattr(app, "start_error", None) is not None:
        raise app.start_error
    return code


def _demo(args) -> int:
    from forum_tui.store.database import describe_url, resolve_url
    from forum_tui.store.errors import NotAllowed

    url = resolve_url(args.db)
    forum, _made = _open_forum(url, args.community, say_if_new=False)
    try:
        where = describe_url(url)
        demo = forum.is_demo()
        if not demo and not forum.is_empty():
            raise NotAllowed(
                f"{where} holds a community that is not the demo, and forum-tui demo never "
                "builds over one (not even with --reset). Use --db to choose another place."
            )
        if demo and not args.reset:
            print(f"The demo community is already in {where}; --reset rebuilds it.")
        else:
            summary = _build_demo(forum, reset=args.reset)
            print(f"Built the demo community in {where}.")
            if summary is not None:
                print(_describe_summary(summary))
        _print_how_to_start(forum, args.db)
        return EXIT_OK
    finally:
        forum.close()


#: Milliseconds Textual waits after a lone esc (``ESCDELAY``), set before Textual loads.
ESCAPE_DELAY_MS = "30"

# ---------------------------------------------------------------------- helpers


def _collect_again() -> None:
    """Start-up's imports are done: keep what they made out of the collector's way, and
    collect again. Importing Textual and the store makes about 170,000 objects
    that live as long as the process and next to no garbage, so the collector is off
    until then: its passes over them cost about a tenth of the import (CPU, best of 8)."""
    gc.freeze()
    gc.enable()


def _build_demo(forum, *, reset: bool):
    from forum_tui.store.demo import build_demo

    return build_demo(forum, reset=reset)


def _make_app(opening, community, snapshot=None):
    from forum_tui.app import make_opening_app

    return make_opening_app(opening, community, snapshot)


def _start_snapshot(args, community):
    """``--as``: home's first reads as the last start left them (store/start_snapshot.py),
    so home paints before the store is imported when nothing changed since."""
    if not args.as_user:
        return None
    from forum_tui.store.start_snapshot import StartSnapshot

    return StartSnapshot.for_start(args.db, args.as_user, community)


def _run_quietly(app) -> int:
    """Run a Textual app; if it crashes, log the traceback instead of printing it."""
    original = getattr(app, "_print_error_renderables", None)
    if original is not None:

        def print_errors_unless_crashed() -> None:
            if getattr(app, "_exception", None) is None:
                original()
            else:
                app._exit_renderables.clear()

        app._print_error_renderables = print_errors_unless_crashed
    app.run()
    error = getattr(app, "_exception", None)
    if error is not None:
        return _crashed(error)
    return app.return_code or EXIT_OK


def _describe_summary(summary) -> str:
    return (
        f"  {summary.personas} personas among {summary.members} members, "
        f"{summary.threads} threads with {summary.posts} posts, {summary.ideas} ideas, "
        f"{summary.issues} ongoing issues, {summary.messages} private messages, "
        f"{summary.open_reports} open reports."
    )


def _print_how_to_start(forum, db: str | None) -> None:
    where = f" --db {shlex.quote(db)}" if db else ""
    personas = forum.personas()
    print(f"Start it with:  {PROG}{where}")
    if personas:
        print(f"or go straight in as a persona:  {PROG}{where} --as {personas[0].username}")
        print(f"Personas (password {forum.community.demo_password!r}):")
        for persona in personas:
            print(f"  {persona.username:<20} {persona.rank}")


def _is_problem(error: BaseException) -> bool:
    """Errors whose message is meant for a person (everything else is a crash)."""
    from forum_tui.rules.community import CommunityFileError
    from forum_tui.store.errors import ForumError

    return isinstance(error, (ForumError, CommunityFileError))


def _crashed(error: BaseException) -> int:
    log = _write_log(error)
    detail = str(error).strip().splitlines()
    what = f"{type(error).__name__}: {detail[0]}" if detail else type(error).__name__
    where = f" The details are in {log}." if log else ""
    print(f"{PROG}: something went wrong ({what}).{where}", file=sys.stderr)
    return EXIT_CRASH


def _log_path():
    from pathlib import Path

    from platformdirs import user_log_dir

    return Path(user_log_dir("forum-tui", appauthor=False)) / "forum-tui.log"


def _write_log(error: BaseException):
    """Append the traceback to the log file; returns its path (None if nothing could be
    written)."""
    import tempfile
    import traceback
    from datetime import datetime
    from pathlib import Path

    text = "".join(traceback.format_exception(error))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    entry = f"--- {stamp} {PROG} {__version__} (pid {os.getpid()})\n{text}\n"
    for path in (_log_path(), Path(tempfile.gettempdir()) / "forum-tui.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(entry)
            return path
        except OSError:
            continue
    return None
