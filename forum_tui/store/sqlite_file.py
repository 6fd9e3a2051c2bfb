"""Looking at a SQLite file before SQLAlchemy opens it, so a refused file is never touched.

:func:`check_file` runs before any engine exists. It refuses, each in one line of plain
words and leaving the file byte-for-byte as it was (no ``-wal``/``-shm`` beside it):

- a missing folder (a typo in ``--db``): a new database is made only where its folder
  already exists, except in the platform's data directory, which is made on first start;
- a new file whose name does not end in ``.db``, ``.sqlite`` or ``.sqlite3`` (``--db 'not
  a url'``, a URL missing a slash): such a name is far more often a slip than a wish;
- a directory, a file that is not SQLite, someone else's SQLite database;
- a damaged file (truncated, or with corrupt pages): :class:`DamagedDatabase`, naming the
  file and what to do. Small files (up to ``QUICK_CHECK_MAX_BYTES``) get SQLite's ``PRAGMA
  quick_check`` here; damage found later, once open, gets the same words
  (:func:`damaged_words`, used by ``database`` and ``access``);
- a read-only file: forum-tui writes on every sign-in, so it refuses at start rather than
  failing later (the alternative, opening read-only, would need the ``-shm`` file and
  half the screens to explain themselves).

It returns whether a new database will be made (a missing or empty file), for the CLI to
say so. The look inside uses the standard library's driver, read-only: with SQLite's
``immutable`` flag when no ``-wal`` file exists (nothing else has the database open, so
nothing is missed and nothing is created), else ``mode=ro`` (the ``-wal`` and ``-shm``
files are already there, and another process may be writing).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from forum_tui.store.errors import DamagedDatabase, DatabaseProblem, NotADatabase

SQLITE_HEADER = b"SQLite format 3\x00"
NEW_FILE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: Files up to this size get a full ``PRAGMA quick_check`` at open (a few ms per MB).
QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024
#: Tables whose presence says "this is a forum-tui database" (with or without a revision).
OUR_TABLES = frozenset({"member", "area", "board", "thread", "post", "setting"})
#: What SQLite says about a damaged file.
DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def check_file(path: Path, *, make_folder: bool) -> bool:
    """Refuse ``path`` (see the module docstring) or return True when a new database
    will be made there. ``make_folder``: create a missing folder (the default place)."""
    _check_folder(path.parent, make_folder=make_folder)
    if not path.exists():
        _check_new_name(path)
        return True
    if path.is_dir():
        raise NotADatabase(
            f"{path} is a directory, not a forum-tui database; it was left untouched."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseProblem(f"Cannot read {path}: {reason(error)}.") from None
    if not header:
        return True  # an empty file is an empty SQLite database: we may create ours in it
    if header != SQLITE_HEADER:
        raise NotADatabase(f"{path} is not a forum-tui database; it was left untouched.")
    _look_inside(path)
    _check_writable(path)
    return False


def is_damage(error: BaseException | None) -> bool:
    """Whether a driver error says the database file is damaged."""
    text = str(error or "").lower()
    return any(words in text for words in DAMAGE_WORDS)


def damaged_words(where: str, detail: str) -> str:
    """The one message for a damaged database file, at open or later."""
    return (
        f"{where} is damaged ({detail}) and forum-tui cannot use it; it was left untouched. "
        "Restore it from a backup, or use --db to start a new forum elsewhere."
    )


def reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, (NotADirectoryError, FileExistsError)):
        return "a file is in the way"
    return (error.strerror or str(error)).lower()


def foreign(tables: set[str]) -> bool:
    """Tables of some other application: anything but an empty or forum-tui schema."""
    if not tables - {"alembic_version"}:
        return False
    return "alembic_version" not in tables or not tables & OUR_TABLES


# ---------------------------------------------------------------------- the checks


def _check_folder(directory: Path, *, make_folder: bool) -> None:
    if not directory.exists():
        if not make_folder:
            raise DatabaseProblem(
                f"Cannot make a database in {directory}: that folder does not exist. "
                "Check the path for a typo, or create the folder first."
            )
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseProblem(
                f"Cannot create the data directory {directory}: {reason(error)}. "
                "Use --db to choose another place."
            ) from None
    if not directory.is_dir():
        raise DatabaseProblem(
            f"Cannot use {directory} as the data directory: it is not a directory. "
            "Use --db to choose another place."
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise DatabaseProblem(
            f"Cannot write to the data directory {directory}: permission denied. "
            "Use --db to choose another place."
        )


def _check_new_name(path: Path) -> None:
    if path.suffix.lower() not in NEW_FILE_SUFFIXES:
        raise DatabaseProblem(
            f"There is no database at {path}, and forum-tui makes a new one only in a file "
            f"named like forum.db ({', '.join(NEW_FILE_SUFFIXES)}), so a typo does not "
            "start an empty forum. Check the path or URL."
        )


def _check_writable(path: Path) -> None:
    mode = path.stat().st_mode
    if os.access(path, os.W_OK) and mode & 0o222:
        return
    raise DatabaseProblem(
        f"{path} is read-only, and forum-tui writes to its database (sign-ins, read marks, "
        f"posts); it was left untouched. Make it writable (chmod u+w '{path}') or use a copy."
    )


def _look_inside(path: Path) -> None:
    """Someone else's tables, or damage: refuse. Read-only, nothing is written."""
    has_wal = Path(f"{path}-wal").exists()
    flag = "mode=ro" if has_wal else "immutable=1"
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?{flag}", uri=True)
    except sqlite3.Error as error:
        raise DatabaseProblem(f"Cannot read {path}: {first_line(error)}.") from None
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        if foreign({name for (name,) in rows}):
            raise NotADatabase(f"{path} is not a forum-tui database; it was left untouched.")
        if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            verdict = connection.execute("PRAGMA quick_check(1)").fetchone()
            if verdict and verdict[0] != "ok":
                raise DamagedDatabase(damaged_words(str(path), "SQLite's check found bad pages"))
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise DamagedDatabase(damaged_words(str(path), first_line(error))) from None
        raise DatabaseProblem(f"Cannot read {path}: {first_line(error)}.") from None
    finally:
        connection.close()


def first_line(error: object) -> str:
    text = str(error or "unknown error").strip().splitlines()
    return (text[0] if text else "unknown error").rstrip(".")
