"""Prebuilt reads run straight on the pooled driver connection: the tiny reads' fixed cost.

Why: the reads that screens poll or page through most (the unread count, the change mark,
a page of notifications or posts) run 10-40 us of SQL, and SQLAlchemy's per-call work
around them cost 3-9 times that (``benchmarks/store_reads.py``). Timed over 10,000
unread counts on SQLite (about 50 us each, the SQL about 8): pool checkout and return
8 us, the connection's execution options 2, BEGIN and COMMIT through the Connection and
its "begin" event 7, Core's execute 20-30 (event dispatch, cache lookup, execution
context, cursor result). None of it is needed by a prebuilt select of plain columns.
Straight on the driver the same count takes about 14 us (checkout and return 5, SQL 8);
on PostgreSQL, where round trips dominate, about 90 us where Core took 160.

What: :class:`DirectRead` wraps one prebuilt Core select. Run on a :class:`DriverRead`
(a connection checked out of the engine's pool, its DB-API connection used as is), it
is compiled once per engine into a :class:`Plan`: the very SQL text SQLAlchemy sends for
it, its parameters in the driver's paramstyle (with SQLAlchemy's own bind processors),
and SQLAlchemy's own result processors per column (SQLite keeps datetimes as text and
booleans as 0/1). Anything a plan does not do is refused when the plan is built, before
a row is read (:class:`RefusedStatement`): a statement that is not a select, an IN list
or literal given per call (it changes the SQL text; a fixed IN list is expanded once, as
Core expands it at execution), parameters computed by a callable or with escaped names,
and column types outside :data:`PLAIN_TYPES` (whose conversions may depend on the
driver's column descriptions). So a direct read returns what Core would, or nothing.
Rows are named tuples, read by position or by column name as Core rows are here.

Given a Session or a Core Connection instead (writes and other reads share helpers such
as ``read_context.require_member``), the same statement runs through Core.

Transactions: several statements share one read transaction (a deferred BEGIN on SQLite,
which never blocks writers; psycopg begins its own), committed at the end. A read of one
statement needs none: a lone SELECT is a consistent snapshot by itself (SQLite in WAL
reads it in its own read transaction; PostgreSQL in autocommit, as SQLAlchemy's own
pre-ping runs), so ``one_statement`` skips BEGIN and COMMIT (two round trips on
PostgreSQL) and refuses a second statement.

Errors: a driver error is raised as SQLAlchemy raises it (``DBAPIError.instance``), so
``busy.in_plain_words`` gives the same plain words, and a lost connection is invalidated
in the pool as Core does.

Only for drivers whose transactions this module knows (pysqlite, psycopg), and only
while nothing listens to the engine's statements (tests counting statements, the
benchmark capturing SQL, ``echo``): otherwise :func:`runs_direct` is false and the
service runs the same reads through Core, where every statement is seen.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, TypeDecorator
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, InvalidRequestError
from sqlalchemy.sql import Select

from forum_tui.store.database import connection_of

#: Drivers whose transactions ``DriverRead`` knows how to begin, end and skip.
DRIVERS = frozenset({"pysqlite", "psycopg"})
#: Column types a plan converts: SQLAlchemy's own result processor for each, which on
#: these drivers depends only on the type (not on the cursor's column description).
PLAIN_TYPES = (Integer, String, Boolean, DateTime, Date)

#: Plans an engine keeps; past this they are built again (the store has a few dozen).
PLANS_KEPT = 500

_REQUIRED = object()


class RefusedStatement(InvalidRequestError):
    """A statement a direct read cannot run exactly as Core would (a programming error)."""


class DirectRead:
    """One prebuilt select, run straight on the driver in a :class:`DriverRead`, or
    through Core on a Session or Connection. Build it once, at import."""

    __slots__ = ("statement",)

    def __init__(self, statement: Select) -> None:
        self.statement = statement

    def all(self, db: Any, parameters: Mapping[str, Any]) -> list:
        if isinstance(db, DriverRead):
            return db.fetch(self, parameters)
        return connection_of(db).execute(self.statement, parameters).all()

    def first(self, db: Any, parameters: Mapping[str, Any]) -> Any:
        """The first row or None (read directly, every row is fetched: for selects of
        one row, as these are)."""
        if isinstance(db, DriverRead):
            rows = db.fetch(self, parameters)
            return rows[0] if rows else None
        return connection_of(db).execute(self.statement, parameters).first()

    def scalar(self, db: Any, parameters: Mapping[str, Any]) -> Any:
        row = self.first(db, parameters)
        return row[0] if row is not None else None


@dataclass(frozen=True, slots=True)
class Plan:
    """A select compiled for one dialect: its SQL, how its parameters are passed and how
    its columns are converted, exactly as Core does both for it."""

    sql: str
    positional: bool
    #: (name the driver sees, caller's key or None, processed fixed value or _REQUIRED,
    #: bind processor for a caller's value)
    binds: tuple[tuple[str, str | None, Any, Callable | None], ...]
    #: (column index, result processor) for the columns that need converting
    converts: tuple[tuple[int, Callable], ...]
    row: type

    def arguments(self, parameters: Mapping[str, Any]) -> Any:
        """The driver's parameters: the caller's values by key, processed as Core does,
        else the statement's own fixed values."""
        values = []
        for _name, key, fixed, process in self.binds:
            if key in parameters:
                value = parameters[key]
                values.append(value if process is None else process(value))
            elif fixed is _REQUIRED:
                raise InvalidRequestError(f"A value is required for bind parameter {key!r}")
            else:
                values.append(fixed)
        if self.positional:
            return values
        return {bind[0]: value for bind, value in zip(self.binds, values, strict=True)}

    def rows(self, fetched: list) -> list:
        make = self.row._make
        if not self.converts:
            return [make(row) for row in fetched]
        rows = []
        for row in fetched:
            values = list(row)
            for index, process in self.converts:
                values[index] = process(values[index])
            rows.append(make(values))
        return rows


def plan(statement: Any, dialect: Any) -> Plan:
    """Compile ``statement`` for ``dialect``, or refuse it (see the module docstring)."""
    if not isinstance(statement, Select):
        raise RefusedStatement(f"Only a select can be read directly, not {statement!r}.")
    compiled = statement.compile(dialect=dialect)
    _refuse_late_values(compiled)
    # The SQL Core sends: fixed IN lists expanded as at execution (the caller's values
    # do not change the text, so placeholders stand in for them here).
    expanded = compiled.construct_expanded_state(
        {bind.key: None for bind in compiled.binds.values() if bind.required}
    )
    names = expanded.positiontup if compiled.positional else list(expanded.parameters)
    # Bind processors as Core's execution context merges them (engine/default.py).
    processors = {**compiled._bind_processors, **expanded.processors}
    binds = []
    for name in names:
        bind = compiled.binds.get(name)  # None for one value of an expanded IN list
        process = processors.get(name)
        if bind is not None and bind.required:
            binds.append((name, bind.key, _REQUIRED, process))
            continue
        fixed = expanded.parameters[name]
        key = bind.key if bind is not None else None  # a caller may override, as in Core
        binds.append((name, key, fixed if process is None else process(fixed), process))
    keys, converts = [], []
    # What Core's cursor result reads too: each column's key and type, in select order.
    for index, (key, _name, _objects, type_) in enumerate(compiled._result_columns):
        if not _plain(type_, dialect):
            raise RefusedStatement(f"Column {key!r} of type {type_!r} is not read directly.")
        keys.append(key)
        process = type_._cached_result_processor(dialect, None)
        if process is not None:
            converts.append((index, process))
    sql, positional = expanded.statement, compiled.positional
    return Plan(sql, positional, tuple(binds), tuple(converts), _row(keys))


def _refuse_late_values(compiled: Any) -> None:
    """Refuse parameters whose values come late or under other names: a caller's IN list
    or literal (it would change the SQL text per call), a callable's value, a name the
    driver sees escaped."""
    for bind in compiled.post_compile_params | compiled.literal_execute_params:
        if bind.required:
            raise RefusedStatement(f"The IN list or literal {bind.key!r} is given per call.")
    for bind in compiled.binds.values():
        if bind.callable is not None:
            raise RefusedStatement(f"Parameter {bind.key!r} takes its value from a callable.")
    if compiled.escaped_bind_names:
        raise RefusedStatement("Parameters with escaped names are not read directly.")


def _plain(type_: Any, dialect: Any) -> bool:
    """Whether a column's type, as the dialect implements it, is one of PLAIN_TYPES (a
    TypeDecorator is judged by what it decorates; its own conversion is in its
    processor)."""
    implemented = type_.dialect_impl(dialect)
    while isinstance(implemented, TypeDecorator):
        implemented = implemented.impl_instance
    return isinstance(implemented, PLAIN_TYPES)


def _row(keys: list[str]) -> type:
    """Rows read by position and by column name (and ``_mapping``, as Core's rows are)."""
    base = namedtuple("Row", keys, rename=True)
    return type("Row", (base,), {"__slots__": (), "_mapping": property(_mapping)})


def _mapping(row: Any) -> dict[str, Any]:
    return dict(zip(row._fields, row, strict=True))


def runs_direct(engine: Engine) -> bool:
    """Whether reads may skip Core on ``engine``: a known driver, and no one listening to
    its statements or their errors (they would miss every direct one)."""
    events = engine.dispatch
    return (
        engine.dialect.driver in DRIVERS
        and not engine.echo
        and not (
            events.before_cursor_execute
            or events.after_cursor_execute
            or events.before_execute
            or events.after_execute
            or engine.dialect.dispatch.handle_error
        )
    )


class DriverRead:
    """A connection from ``engine``'s pool for :class:`DirectRead` statements: one read
    transaction, or with ``one_statement`` none (see the module docstring). ``plans``
    holds the engine's compiled plans, built on first use."""

    __slots__ = (
        "_checked_out",
        "_driver",
        "_engine",
        "_statements",
        "dialect",
        "one_statement",
        "plans",
    )

    def __init__(self, engine: Engine, plans: dict, *, one_statement: bool = False) -> None:
        self._engine = engine
        self.dialect = engine.dialect
        self.plans = plans
        self.one_statement = one_statement
        self._statements = 0

    def __enter__(self) -> DriverRead:
        try:
            self._checked_out = self._engine.raw_connection()
        except self.dialect.loaded_dbapi.Error as failure:
            # Raised as Core raises a failed connect (Engine.connect does the same).
            Connection._handle_dbapi_exception_noconnection(failure, self.dialect, self._engine)
        self._driver = driver = self._checked_out.driver_connection
        try:
            if self.one_statement:
                if self.dialect.driver == "psycopg":
                    driver.autocommit = True
            elif self.dialect.driver == "pysqlite":
                # The engine switches the driver's own BEGIN off (database.make_engine).
                self._call(lambda: driver.execute("BEGIN"), "BEGIN")
        except BaseException:
            self._checked_out.close()
            raise
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        """Commit a transaction that went well; the pool rolls back anything else when
        the connection goes back (its reset on return), as it does for Core."""
        try:
            if not self.one_statement:
                if kind is None:
                    self._call(self._driver.commit, "COMMIT")
            elif self.dialect.driver == "psycopg":
                self._leave_autocommit()
        finally:
            self._checked_out.close()

    def connection(self) -> None:
        """Asked for by ``database.connection_of`` when a Core statement is handed a
        direct read: say so, rather than fail on a missing attribute."""
        raise TypeError(
            "A quick read runs DirectRead statements only; run Core statements in "
            "Service._read_connection()."
        )

    def _leave_autocommit(self) -> None:
        """Hand the connection back in transactions: a pooled connection left in
        autocommit would make the next writer's statements commit one by one."""
        try:
            self._driver.autocommit = False
        except Exception:  # closed or broken: the pool must not keep it
            self._checked_out.invalidate()

    def fetch(self, read: DirectRead, parameters: Mapping[str, Any]) -> list:
        """The rows of ``read`` with ``parameters``, converted as Core converts them."""
        found = self.plans.get(read)
        if found is None:
            if len(self.plans) >= PLANS_KEPT:  # reads built per call would pile up
                self.plans.clear()
            found = self.plans[read] = plan(read.statement, self.dialect)
        self._statements += 1
        if self.one_statement and self._statements > 1:
            raise InvalidRequestError("A one-statement read ran a second statement.")
        arguments = found.arguments(parameters)
        cursor = self._driver.cursor()
        try:
            cursor.execute(found.sql, arguments)
            fetched = cursor.fetchall()
        except self.dialect.loaded_dbapi.Error as failure:
            raise self._wrapped(failure, found.sql, arguments, cursor) from failure
        finally:
            cursor.close()
        return found.rows(fetched)

    def _call(self, step: Callable[[], Any], sql: str) -> None:
        """A transaction step on the driver; its errors raised as Core raises them."""
        try:
            step()
        except self.dialect.loaded_dbapi.Error as failure:
            raise self._wrapped(failure, sql, None) from failure

    def _wrapped(self, failure: Exception, sql: Any, arguments: Any, cursor: Any = None):
        """``failure`` as SQLAlchemy raises a driver error; a lost connection is taken out
        of the pool."""
        lost = self.dialect.is_disconnect(failure, self._driver, cursor)
        if lost:
            self._checked_out.invalidate(failure)
        return DBAPIError.instance(
            sql,
            arguments,
            failure,
            self.dialect.loaded_dbapi.Error,
            hide_parameters=self._engine.hide_parameters,
            connection_invalidated=lost,
            dialect=self.dialect,
        )
