"""Alembic environment: run by warta.kb.db.migrate() with an open connection (no alembic.ini needed)."""
from alembic import context

from warta.kb.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic -x url=...` from a shell
    from sqlalchemy import create_engine

    from warta.kb.db import normalise_url

    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///warta.db")
    connection = create_engine(normalise_url(url)).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
