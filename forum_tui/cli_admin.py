"""The maintenance commands of ``forum-tui`` (``db upgrade``, ``user``, ``generate``,
``outbox``, ``audit export``, ``ranks recompute``) and what every command shares: the
exit codes and opening a forum with one plain line for every problem (``cli`` has the
parser, the app and the error handling).

Imports are lazy, as in ``cli``: nothing heavy loads before a command runs.
"""

from __future__ import annotations

import sys

PROG = "forum-tui"
MIN_PASSWORD = 8
EXIT_OK, EXIT_CRASH, EXIT_PROBLEM = 0, 1, 2

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

_ROLE_WORDS = {"member": "a member", "star": "a Star", "moderator": "a moderator"}


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


def _role_words(badge) -> str:
    words = _ROLE_WORDS.get(badge.role, badge.role)
    if badge.rank.casefold() in (badge.role.casefold(), words.casefold()):
        return words
    return f"{words} ({badge.rank})"


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
