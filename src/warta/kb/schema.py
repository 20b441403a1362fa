"""The current knowledge-base tables (SQLAlchemy Core). Migrations in migrations/versions create them."""
from warta.kb.schema_v1 import (article_copies, articles, claim_groups, claim_sources, claim_stances, claims, entities,  # noqa: F401
                                entity_roles, event_actors, event_clusters, events, kb_aliases, kb_entities,
                                lsh_bands, mentions, metadata, quote_speakers, quotes)

#: tables in dependency order, for counts and exports
TABLES = [articles, article_copies, lsh_bands, kb_entities, kb_aliases, entities, mentions, entity_roles, quotes, quote_speakers,
          claim_groups, claims, claim_sources, claim_stances, event_clusters, events, event_actors]
