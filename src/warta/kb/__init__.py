"""The knowledge base (issue 7): ingest article records once, link people, claims and events across
articles, and search them. SQLite by default, PostgreSQL by URL, one code path (SQLAlchemy + Alembic)."""
from warta.kb.store import IngestReport, KnowledgeBase

__all__ = ["IngestReport", "KnowledgeBase"]
