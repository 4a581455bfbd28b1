"""Alembic environment: runs on the connection newsmon hands over, or on sqlalchemy.url."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.schema import SchemaItem

from storage.db import make_engine, schema_transaction
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _include_object(
    obj: SchemaItem, name: str | None, type_: str, reflected: bool, compare_to: SchemaItem | None
) -> bool:
    # APScheduler and the search adapter own their tables.
    return not (type_ == "table" and name is not None and name.startswith(("apscheduler", "article_fts")))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """On newsmon's connection (already in its schema transaction), else on sqlalchemy.url in one of
    its own: the `alembic` command line gets the same all-or-nothing upgrade as newsmon."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with schema_transaction(engine) as conn:
            _run(conn)
    finally:
        engine.dispose()


run_migrations_online()
