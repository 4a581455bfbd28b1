"""Engine creation, SQLite tuning and schema migrations (Alembic) for the archive database.

Opening never creates by accident: `create=False` (what read-only commands use) refuses a database
that does not exist or holds no newsmon schema, and makes no file or folder. Setting the schema up
or upgrading it is one transaction, DDL included, so a kill at any moment leaves either the old
state or the new one (see `schema_transaction`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect, literal, select, table, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from storage.models import Base

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Any fixed number: concurrent first-time setups on PostgreSQL queue on this advisory lock.
_PG_SCHEMA_LOCK = 0x6E6577736D6F6E  # "newsmon"


class DatabaseError(RuntimeError):
    """A database that cannot be opened or migrated; the message is meant for the user."""


class NoArchiveError(DatabaseError):
    """A read-only open of a database that does not exist (or cannot be reached, or holds no schema)."""

    def __init__(self, location: str, reason: str | None = None) -> None:
        super().__init__(f"no archive at {location}" + (f": {reason}" if reason else ""))
        self.location = location


class Migration(NamedTuple):
    """What opening did to the schema: its revision before (None: there was none) and after."""

    before: str | None
    after: str
    head: str


def default_db_url() -> str:
    """`NEWSMON_DB`, else a SQLite file in the user's data directory (XDG)."""
    if env := os.environ.get("NEWSMON_DB"):
        return env
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'newsmon' / 'newsmon.sqlite3'}"


def normalize_db_url(url: str) -> str:
    """Accept a bare file path as a SQLite database."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def _sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for an in-memory database."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).expanduser()


def shown_location(url: str | URL) -> str:
    """How messages name a database: a SQLite file by its path, anything else by its URL without password."""
    parsed = make_url(url)
    path = _sqlite_file(parsed)
    return str(path) if path is not None else parsed.render_as_string(hide_password=True)


def _prepare_sqlite_path(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the database folder {path.parent}: {exc.strerror}") from exc
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(f"the database file {path} is read-only")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseError(f"the database folder {path.parent} is not writable")


def _tune_sqlite(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Savepoints (one per article of a batch) keep their undo pages in a statement journal; as a temp
    # file it took four times the bytes the batch wrote to the database. In memory it is bounded by the
    # pages one batch touches. Sorts stay in memory too: the archive's are LIMITed (top-N) or over ids.
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for the archive; SQLite gets WAL, a busy timeout and foreign keys.

    `create=False`: a SQLite file that does not exist is refused (NoArchiveError) before connecting,
    since connecting would create it (and nothing makes its folder).
    """
    url = normalize_db_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r}") from exc
    try:
        backend = parsed.get_backend_name()
    except NoSuchModuleError as exc:
        raise DatabaseError(f"unknown database kind in {url!r}") from exc
    if backend == "sqlite":
        path = _sqlite_file(parsed)
        if path is not None and create:
            _prepare_sqlite_path(path)
        elif path is not None and not path.exists():
            raise NoArchiveError(str(path))
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, pool_pre_ping=True)
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"no database driver for {parsed.drivername!r}: {exc}") from None


def begin_write(conn: Connection) -> None:
    """Open the write transaction now, so that savepoints nest inside it (SQLite; elsewhere a no-op).

    pysqlite opens a transaction only before an INSERT, UPDATE or DELETE. A SAVEPOINT sent before any
    of those opens a transaction of its own, and its RELEASE commits it: a batch with a savepoint per
    article was a commit per article. BEGIN IMMEDIATE takes the write lock up front (waiting out the busy
    timeout), so the batch also cannot fail later on upgrading a read to a write.
    """
    if conn.dialect.name != "sqlite":
        return
    driver = conn.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that holds the write lock from its start, for schema changes.

    pysqlite runs DDL outside any transaction (it only BEGINs before INSERT/UPDATE/DELETE), so a kill
    between two CREATE TABLEs left a half-made schema. SQLAlchemy's documented pysqlite recipe is to
    switch the driver's own transaction handling off and emit BEGIN ourselves; we do it for this one
    connection (AUTOCOMMIT: isolation_level None, restored when it goes back to the pool) rather than
    engine-wide, because an engine-wide BEGIN at the first SELECT would make the storage code's
    read-then-write transactions fail at once with SQLITE_BUSY under concurrent crawls instead of
    waiting out the busy timeout. BEGIN IMMEDIATE also makes concurrent first setups queue.
    PostgreSQL has transactional DDL; an advisory lock makes concurrent setups queue there too.
    """
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_SCHEMA_LOCK})
                yield conn
            return
        conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            with suppress(DBAPIError):  # SQLite may have rolled back already (e.g. a full disk)
                conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _clear_half_created(conn: Connection, location: str) -> None:
    """Drop what an interrupted setup of an older newsmon left (tables, no revision), if it holds no data.

    Older versions created the tables one by one outside a transaction, so a kill could leave some
    of them and an empty alembic_version; the next setup then failed on "table ... already exists".
    """
    present = set(inspect(conn).get_table_names())
    ours = [t for t in Base.metadata.sorted_tables if t.name in present]
    if not ours:
        return
    filled = [t.name for t in ours if conn.execute(select(literal(1)).select_from(table(t.name)).limit(1)).first()]
    if filled:
        raise DatabaseError(
            f"{location} has newsmon tables with data ({', '.join(filled)}) but no schema version: it was"
            " made by something else or its setup was interrupted; nothing was changed (restore a backup,"
            " or record its revision with `alembic stamp`)"
        )
    Base.metadata.drop_all(conn, tables=ours)
    conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def migrate(engine: Engine, *, create: bool = True, ensure: Callable[[Connection], None] | None = None) -> Migration:
    """Bring the schema to the newest revision, creating it only when `create` (else NoArchiveError).

    `ensure` adds what lives outside the migrations (the search index) in the same transaction. An
    archive already at the newest revision is checked without taking the write lock.
    """
    location = shown_location(engine.url)
    cfg = alembic_config(engine)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None, "the migrations have a head"
    try:
        with engine.connect() as conn:
            before = _revision(conn)
            if before == head:
                if ensure is not None:
                    ensure(conn)
                    conn.commit()
                return Migration(before, head, head)
        if before is None and not create:
            raise NoArchiveError(location, "it has no newsmon schema")
        with schema_transaction(engine) as conn:
            before = _revision(conn)  # again, under the lock: another process may have set it up meanwhile
            if before is None:
                if not create:
                    raise NoArchiveError(location, "it has no newsmon schema")
                _clear_half_created(conn, location)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if ensure is not None:
                ensure(conn)
            after = _revision(conn)
    except CommandError as exc:  # e.g. a revision this version does not know: made by a newer newsmon
        raise DatabaseError(
            f"the archive at {location} has schema revision {before}, which this newsmon does not know"
            f" (made by a newer newsmon?): {exc}"
        ) from exc
    except DBAPIError as exc:
        if not create and engine.dialect.name != "sqlite" and _unreachable(exc):
            raise NoArchiveError(location, f"cannot connect: {_first_line(exc.orig)}") from exc
        raise DatabaseError(f"cannot open the database {location}: {_first_line(exc.orig)}") from exc
    assert after is not None
    return Migration(before, after, head)


def _unreachable(exc: DBAPIError) -> bool:
    """Did connecting fail (as opposed to a statement)? SQLAlchemy marks connect errors as not bound to a statement."""
    return exc.statement is None


def _first_line(error: BaseException | None) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
