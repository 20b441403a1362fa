"""Opening a knowledge base: an SQLite file or a PostgreSQL URL, migrated to the newest schema on open."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event


def normalise_url(db: str) -> str:
    """A path or URL as given on the command line -> an SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser())


def make_engine(db: str) -> Engine:
    url = normalise_url(db)
    if url.startswith("sqlite"):
        engine = create_engine(url)  # pooled: the pragmas below run once per connection, not per query

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:
            # WAL + synchronous=NORMAL: a killed process never loses a committed batch nor corrupts the file.
            dbapi_conn.isolation_level = None  # let SQLAlchemy's begin below control transactions
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:
            # writers take the write lock up front (no deadlocked lock upgrade); readers never block them
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("kb_write") else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine, revision: str = "head") -> None:
    """`alembic upgrade head`, programmatically, with the migration scripts shipped in the package."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("warta.kb").joinpath("migrations")))
    with engine.connect() as conn, conn.execution_options(kb_write=True).begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
