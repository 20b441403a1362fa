"""The knowledge-base tables as created by migration 0001 (frozen: change the schema with a new migration).

Full records stay in `articles.record` (the warta.article/1 JSON); the other tables are the normalised,
cross-article view of them. Spans are `span_start`/`span_end` (code points into the article text).
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(255), nullable=False, unique=True),
    sa.Column("url", sa.Text, index=True),
    sa.Column("content_hash", sa.String(40), nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("dateline", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("published_date", sa.String(10), index=True),
    sa.Column("language", sa.String(10)),
    sa.Column("source", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.pk"), index=True),
    sa.Column("similarity", sa.Float),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)

# Records that are the same article as a stored one (same URL or same normalised content) under another id.
article_copies = sa.Table(
    "article_copies", metadata,
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False, index=True),
    sa.Column("url", sa.Text),
    sa.Column("reason", sa.String(10), nullable=False),  # url | content
)

# MinHash LSH bands of every article, kept in the database so near-duplicate lookup needs no rebuild.
lsh_bands = sa.Table(
    "lsh_bands", metadata,
    sa.Column("band_hash", sa.BigInteger, primary_key=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), primary_key=True),
)

kb_entities = sa.Table(
    "kb_entities", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("norm", sa.String(255), nullable=False, index=True),
    sa.Column("country", sa.String(3)),
)

# Names (kind "name") and, for people, name parts (kind "token") that point to a KB entity.
kb_aliases = sa.Table(
    "kb_aliases", metadata,
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), primary_key=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("alias", sa.String(255), primary_key=True),
    sa.Column("kind", sa.String(10), primary_key=True),
    sa.Index("ix_kb_aliases_lookup", "type", "alias", "kind"),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False, index=True),
    sa.Column("local_id", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), index=True),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity_pk", sa.Integer, sa.ForeignKey("entities.pk"), nullable=False, index=True),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

# Roles over time: one row per (entity, role, article).
entity_roles = sa.Table(
    "entity_roles", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), nullable=False, index=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False),
    sa.Column("published_date", sa.String(10)),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False, index=True),
    sa.Column("local_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("cue", sa.Text),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_mention", sa.Text),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), index=True),
    sa.Column("published_date", sa.String(10)),
)

# Every speaker of a quote (the main one and `speakers`), resolved to KB entities.
quote_speakers = sa.Table(
    "quote_speakers", metadata,
    sa.Column("quote_pk", sa.Integer, sa.ForeignKey("quotes.pk"), primary_key=True),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), primary_key=True),
    sa.Column("name", sa.Text),
    sa.Index("ix_quote_speakers_entity", "kb_entity_pk"),
)

claim_groups = sa.Table(
    "claim_groups", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit", sa.String(100), nullable=False),
    sa.Column("statement", sa.Text),
    sa.Column("keywords", sa.Text, nullable=False),  # JSON list
    sa.Column("first_date", sa.String(10)),
    sa.Column("last_date", sa.String(10)),
    sa.Column("claim_values", sa.Text, nullable=False),  # JSON list of distinct values
    sa.Column("stances", sa.Text, nullable=False),  # JSON list of stance kinds seen
    sa.Column("contested", sa.Boolean, nullable=False, default=False),
    sa.Column("reasons", sa.Text),  # JSON list
    sa.Column("n_articles", sa.Integer, nullable=False, default=1),  # one claim per article and group
    sa.Index("ix_claim_groups_unit_date", "unit", "last_date"),
    sa.Index("ix_claim_groups_rank", "n_articles", "last_date"),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False, index=True),
    sa.Column("local_id", sa.String(64), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("value_max", sa.Float),
    sa.Column("unit", sa.Text),
    sa.Column("currency", sa.String(3)),
    sa.Column("approximate", sa.Boolean, nullable=False, default=False),
    sa.Column("bound", sa.String(10)),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("quote_local_id", sa.String(64)),
    sa.Column("group_pk", sa.Integer, sa.ForeignKey("claim_groups.pk"), index=True),
    sa.Column("published_date", sa.String(10)),
)

claim_sources = sa.Table(
    "claim_sources", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), index=True),
)

claim_stances = sa.Table(
    "claim_stances", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk"), nullable=False, index=True),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("stance", sa.String(40), nullable=False),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk")),
)

event_clusters = sa.Table(
    "event_clusters", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("first_date", sa.String(10)),
    sa.Column("last_date", sa.String(10)),
    sa.Column("actor_keys", sa.Text, nullable=False),  # JSON list: "e<kb pk>" / "c<ISO3>"
    sa.Column("target_keys", sa.Text, nullable=False),
    sa.Index("ix_event_clusters_type_date", "type", "last_date"),
    sa.Index("ix_event_clusters_date", "last_date"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False, index=True),
    sa.Column("local_id", sa.String(64), nullable=False),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("mode", sa.String(40)),
    sa.Column("location", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("date_resolved", sa.String(40)),
    sa.Column("event_date", sa.String(10), index=True),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("reported_by", sa.String(64)),
    sa.Column("trigger", sa.Text),
    sa.Column("cluster_pk", sa.Integer, sa.ForeignKey("event_clusters.pk"), index=True),
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk"), nullable=False, index=True),
    sa.Column("role", sa.String(10), nullable=False),  # actor | target
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("kb_entity_pk", sa.Integer, sa.ForeignKey("kb_entities.pk"), index=True),
)

FTS_SQLITE = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, tokenize='unicode61 remove_diacritics 2')",
]
FTS_POSTGRES = [
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)",
    "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', content || ' ' || coalesce(speaker_name, ''))) STORED",
    "CREATE INDEX ix_quotes_tsv ON quotes USING GIN (tsv)",
]
