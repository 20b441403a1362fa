"""The initial knowledge base: articles, entities, quotes, claims, events, their cross-article groups, FTS.

Revision ID: 0001
Revises:
"""
from alembic import op

from warta.kb import schema_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    schema_v1.metadata.create_all(bind)
    for statement in (schema_v1.FTS_POSTGRES if bind.dialect.name == "postgresql" else schema_v1.FTS_SQLITE):
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    schema_v1.metadata.drop_all(bind)
