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
import os
import shlex
import sys
from collections.abc import Sequence

from forum_tui import __version__

PROG = "forum-tui"
MIN_PASSWORD = 8
EXIT_OK, EXIT_CRASH, EXIT_PROBLEM = 0, 1, 2


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


def _ranks_recompute(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from forum_tui.store.database import resolve_url

    forum, _made = _open_forum(resolve_url(args.db), args.community)
    errors = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    try:
        with Progress(*columns, console=errors, transient=True) as bar:
            task = bar.add_task("Checking ranks" if args.dry_run else "Recomputing ranks")

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            changes = forum.recompute_ranks(dry_run=args.dry_run, on_progress=advance)
    finally:
        forum.close()
    verb = "would change" if args.dry_run else "changed"
    print(f"{len(changes)} member{'' if len(changes) == 1 else 's'} {verb} rank.")
    for change in changes:
        print(f"  {change.username}: {change.old} -> {change.new}")
    return EXIT_OK


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
    from forum_tui.rules.community import load_community

    community = load_community(args.community)
    # A lone esc (back) waits this long for the rest of a possible key sequence; Textual's
    # 100 ms default is felt on every "back". A user's own ESCDELAY wins.
    os.environ.setdefault("ESCDELAY", ESCAPE_DELAY_MS)

    def opening(say):
        from forum_tui.store.database import default_url, describe_url, is_new, resolve_url
        from forum_tui.store.forum import open_forum

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

    app = _make_app(opening, community)
    try:
        code = _run_quietly(app)
    finally:
        if getattr(app, "forum", None) is not None:
            app.forum.close()
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


def _generate(args) -> int:
    import time

    from forum_tui.store.database import describe_url, resolve_url
    from forum_tui.store.synth import generate

    url = resolve_url(args.db)
    counts = dict(SIZES[args.size or "default"])
    counts.update({k: v for k in counts if (v := getattr(args, k)) is not None})
    forum, _made = _open_forum(url, args.community)
    try:
        started = time.perf_counter()
        summary = generate(forum, **counts, seed=args.seed, progress=_progress_bar(started))
        seconds = time.perf_counter() - started
        extra = ""
        if summary.messages or summary.reports:
            extra = f", {summary.messages} messages, {summary.reports} open reports"
        print(
            f"Generated {summary.members} members, {summary.threads} threads, "
            f"{summary.ideas} ideas and {summary.posts} posts{extra} in {describe_url(url)} "
            f"({seconds:.1f} s)."
        )
        return EXIT_OK
    finally:
        forum.close()


#: Milliseconds Textual waits after a lone esc (``ESCDELAY``), set before Textual loads.
ESCAPE_DELAY_MS = "30"

#: ``generate --size``: what each preset makes.
SIZES = {
    "default": dict(members=1000, threads=2000, posts=20000, ideas=0, messages=0, reports=0),
    "small": dict(members=200, threads=500, posts=5000, ideas=100, messages=500, reports=50),
    "large": dict(
        members=50_000,
        threads=100_000,
        posts=1_000_000,
        ideas=20_000,
        messages=50_000,
        reports=10_000,
    ),
}


def _progress_bar(started: float, width: int = 30):
    """``progress(words, done)`` for ``generate``: one line on stderr, redrawn in place
    (only on a terminal: logs and pipes get the summary line alone)."""
    import time

    tty = sys.stderr.isatty()

    def show(words: str, done: float) -> None:
        filled = int(width * max(0.0, min(1.0, done)))
        bar = "#" * filled + "." * (width - filled)
        line = f"[{bar}] {done * 100:3.0f}%  {time.perf_counter() - started:6.1f} s  {words}"
        if tty:
            end = "\n" if done >= 1 else ""
            print(f"\r{line:<90}", end=end, file=sys.stderr, flush=True)

    return show


def _db_upgrade(args) -> int:
    from forum_tui.store.database import describe_url, resolve_url, upgrade

    url = resolve_url(args.db)
    before, now = upgrade(url)
    where = describe_url(url)
    if before == now:
        print(f"{where} is up to date (schema {now}).")
    elif before is None:
        print(f"Created the forum-tui schema in {where} (schema {now}).")
    else:
        print(f"Upgraded {where} from schema {before} to {now}.")
    return EXIT_OK


def _user_add(args) -> int:
    from forum_tui.store.database import resolve_url

    forum, _made = _open_forum(resolve_url(args.db), args.community)
    try:
        password = _read_password(args.name, from_stdin=args.password_stdin)
        badge = forum.add_member(
            args.name,
            password,
            role=args.role,
            display_name=args.display_name,
            staff_title=args.title,
        )
    finally:
        forum.close()
    print(f"Added {badge.username} as {_role_words(badge)}; their email counts as verified.")
    return EXIT_OK


def _user_role(args) -> int:
    from forum_tui.store.database import resolve_url

    forum, _made = _open_forum(resolve_url(args.db), args.community)
    try:
        badge = forum.set_role(args.name, args.role, staff_title=args.title)
    finally:
        forum.close()
    print(f"{badge.username} is now {_role_words(badge)}.")
    return EXIT_OK


def _outbox(args) -> int:
    from forum_tui.store.database import resolve_url
    from forum_tui.store.mail import mail_settings, outbox_messages

    settings = mail_settings(resolve_url(args.db))
    messages = outbox_messages(settings.outbox)
    if not messages:
        print(f"The outbox is empty ({settings.outbox}).")
        return EXIT_OK
    shown = messages[-max(1, args.last) :]
    print(f"{len(messages)} message(s) in {settings.outbox}; the newest {len(shown)}:")
    for message in shown:
        print()
        for header in ("Date", "To", "Subject"):
            print(f"{header}: {message[header]}")
        print()
        print(message.get_content().rstrip())
    return EXIT_OK


def _audit_export(args) -> int:
    from forum_tui.rules.wording import plural
    from forum_tui.store.audit_export import export_audit_log
    from forum_tui.store.database import resolve_url

    forum, _made = _open_forum(resolve_url(args.db), args.community)
    try:
        count = export_audit_log(forum, args.path)
    finally:
        forum.close()
    print(f"Wrote {plural(count, 'audit-log entry', 'audit-log entries')} to {args.path}.")
    return EXIT_OK


# ---------------------------------------------------------------------- helpers


def _open_forum(url: str, community_path: str | None, *, say_if_new: bool = True):
    """(forum, one line saying a new database was made and where, else ""). The line goes
    to stderr unless the caller shows it itself (the app, on screen)."""
    from forum_tui.rules.community import load_community
    from forum_tui.store.database import describe_url, is_new
    from forum_tui.store.forum import open_forum

    community = load_community(community_path)  # a bad file fails before the database opens
    new = is_new(url)
    forum = open_forum(url, community=community)
    made = f"Made a new, empty forum database at {describe_url(url)}." if new else ""
    if made and say_if_new:
        print(f"{PROG}: {made}", file=sys.stderr)
    return forum, made


def _build_demo(forum, *, reset: bool):
    from forum_tui.store.demo import build_demo

    return build_demo(forum, reset=reset)


def _make_app(opening, community):
    from forum_tui.app import make_opening_app

    return make_opening_app(opening, community)


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


def _read_password(name: str, *, from_stdin: bool) -> str:
    from forum_tui.store.errors import InvalidInput

    if from_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        if not password:
            raise InvalidInput("No password on standard input (one line is read).")
    else:
        import getpass

        password = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("Repeat the password: ") != password:
            raise InvalidInput("The passwords do not match; nothing was changed.")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"Passwords need at least {MIN_PASSWORD} characters.")
    return password


_ROLE_WORDS = {"member": "a member", "star": "a Star", "moderator": "a moderator"}


def _role_words(badge) -> str:
    words = _ROLE_WORDS.get(badge.role, badge.role)
    if badge.rank.casefold() in (badge.role.casefold(), words.casefold()):
        return words
    return f"{words} ({badge.rank})"


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
