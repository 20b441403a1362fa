"""The knowledge base: one store of article records where the same person, claim and event are one thing.

    with KnowledgeBase("warta.db") as kb:          # or "postgresql://user@host/db"
        report = kb.ingest(records)                # warta.record.Article objects
        kb.who("Prabowo Subianto")

Ingest is idempotent (an article already stored by id, URL or normalised content hash is skipped),
transactional per batch (settings.kb_batch_size articles per transaction: a crash loses at most the
batch in flight and never leaves half an article) and resumable (a restarted ingest skips what is
stored). Near-duplicates (MinHash LSH over word 3-shingles) are stored, linked to their original
with `duplicate_of`, and left out of claim groups, event clusters and `who`.

Cross-article resolution happens at ingest, in the same transaction as the article:
- entities: one KB entity per (type, normalised name); a one-word person name ("Prabowo") resolves
  to the full name ("Prabowo Subianto") when exactly one KB person carries that name part, and a
  one-word person stored earlier is merged into the full name when it arrives and is unambiguous;
- claims: grouped by unit (and currency), shared keywords and a date window; a group whose values
  differ or that someone denies is marked contested;
- events: clustered by PLOVER type, overlapping actors and targets (KB entity or country) and a date
  window; each cluster keeps every reporting article.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from sqlalchemy import Connection, and_, delete, false, func, insert, or_, select, text, true, update
from sqlalchemy.exc import InterfaceError, OperationalError

from warta.ids import content_hash
from warta.kb import schema as t
from warta.kb.db import make_engine, migrate
from warta.kb.text import (bands, keywords, minhash, name_tokens, norm_name, signature_from_bytes, similarity,
                           unit_key)
from warta.record import Article
from warta.settings import get_settings

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
MAX_GROUP_KEYWORDS = 60
MAX_CANDIDATES = 200
DISPUTING_STANCES = {"deny", "without_evidence"}


class _Alias(NamedTuple):
    kb_entity_pk: int
    type: str
    alias: str


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0  # already in the knowledge base (same id)
    copies: int = 0  # the same article as a stored one (same URL or content) under a new id: linked
    near_duplicates: int = 0  # stored and linked to an earlier article
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source or id, message)

    @property
    def seen(self) -> int:
        return self.stored + self.skipped + self.copies + len(self.errors)

    def summary(self) -> str:
        return (f"{self.stored} stored ({self.near_duplicates} near-duplicates linked), {self.copies} copies "
                f"of stored articles linked, {self.skipped} already stored, {len(self.errors)} errors")


def iso_date(value: str | None) -> str | None:
    return value[:10] if value and _ISO_DATE.match(value) else None


def _shift(day: str, days: int) -> str:
    return (Date.fromisoformat(day) + timedelta(days=days)).isoformat()


class KnowledgeBase:
    def __init__(self, db: str | None = None, *, upgrade: bool = True) -> None:
        settings = get_settings()
        self.db = db or settings.db
        self.engine = make_engine(self.db)
        self.dialect = self.engine.dialect.name
        if upgrade:
            migrate(self.engine)
        self.batch_size = settings.kb_batch_size
        self.threshold = settings.near_duplicate_threshold
        self.claim_window = settings.kb_claim_window_days
        self.claim_similarity = settings.kb_claim_similarity
        self.event_window = settings.kb_event_window_days
        self._names: dict[tuple[str, str], int] = {}  # (type, norm) -> kb pk, exact-name hits only
        self._tokens: dict[tuple[str, str], int] = {}  # (type, name part) -> kb pk, unambiguous hits only
        self._kb_names: dict[int, str] = {}  # kb pk -> canonical name
        self._kb_types: dict[int, str] = {}  # kb pk -> type
        self._keywords: dict[int, tuple[int, set[str]]] = {}  # claim group pk -> (len of JSON, keywords)
        self._prefetch: dict[str, list] | None = None  # name aliases of the article's entities, read at once
        self._pending: dict[str, list[dict]] = {}  # child rows inserted at the end of the batch
        self._merged: dict[int, int] = {}  # kb pk merged away in this batch -> the pk it became

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- ingest -------------------------------------------------------------------------------------------

    def ingest(self, records: Iterable[Article], batch_size: int | None = None,
               progress: Callable[[int], None] | None = None) -> IngestReport:
        """Store the records, batch by batch, one transaction per batch."""
        report = IngestReport()
        size = batch_size or self.batch_size
        batch: list[Article] = []
        for record in records:
            if record.error:
                report.errors.append((record.source or record.id, record.error))
                if progress:
                    progress(1)
                continue
            batch.append(record)
            if len(batch) >= size:
                self._commit_batch(batch, report, progress)
                batch = []
        if batch:
            self._commit_batch(batch, report, progress)
        return report

    def _commit_batch(self, batch: list[Article], report: IngestReport,
                      progress: Callable[[int], None] | None) -> None:
        partial = IngestReport()
        try:
            with self.engine.connect() as conn, conn.execution_options(kb_write=True).begin():
                self._pending, self._merged = {}, {}
                self._store_batch(conn, batch, partial)
                self._flush(conn)
        except BaseException as e:
            self._clear_caches()  # they may hold rows of the rolled-back transaction
            self._pending, self._merged = {}, {}
            if not isinstance(e, Exception) or isinstance(e, (OperationalError, InterfaceError)):
                raise  # interrupted, or the database itself failed: nothing to blame on a record
            if len(batch) > 1:  # find the record that cannot be stored; store the others
                for record in batch:
                    self._commit_batch([record], report, None)
            else:
                report.errors.append((batch[0].source or batch[0].id, f"not stored: {type(e).__name__}: {e}"[:500]))
            if progress:
                progress(len(batch))
            return
        report.stored += partial.stored
        report.skipped += partial.skipped
        report.copies += partial.copies
        report.near_duplicates += partial.near_duplicates
        if progress:
            progress(len(batch))

    def _live(self, pk: int | None) -> int | None:
        """The KB entity a pk stands for now (entities merged during the batch point to their survivor)."""
        while pk in self._merged:
            pk = self._merged[pk]
        return pk

    def _clear_caches(self) -> None:
        self._names.clear()
        self._tokens.clear()
        self._kb_names.clear()
        self._kb_types.clear()
        self._keywords.clear()

    def _later(self, table: str, rows: list[dict]) -> None:
        for row in rows:
            if row.get("kb_entity_pk") is not None:
                row["kb_entity_pk"] = self._live(row["kb_entity_pk"])
        if rows:
            self._pending.setdefault(table, []).extend(rows)

    def _flush(self, conn: Connection) -> None:
        """Insert the batch's child rows, one statement per table."""
        fts = {"articles_fts": "INSERT INTO articles_fts(rowid, title, text) VALUES (:pk, :title, :text)",
               "quotes_fts": "INSERT INTO quotes_fts(rowid, content, speaker) VALUES (:pk, :content, :speaker)"}
        if "quote_speakers" in self._pending:  # one link per (quote, entity), merged entities included
            unique = {(r["quote_pk"], r["kb_entity_pk"]): r for r in self._pending["quote_speakers"]}
            self._pending["quote_speakers"] = list(unique.values())
        for name, rows in self._pending.items():
            conn.execute(text(fts[name]) if name in fts else insert(getattr(t, name)), rows)
        self._pending = {}

    def stored_keys(self, ids: Iterable[str] = (), urls: Iterable[str] = ()) -> set[str]:
        """Which of these article ids and URLs are already stored (to skip them before analysis)."""
        ids, urls = [i for i in ids if i], [u for u in urls if u]
        found: set[str] = set()
        with self.engine.connect() as conn:
            if ids:
                found.update(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(ids))))
                found.update(conn.scalars(select(t.article_copies.c.id).where(t.article_copies.c.id.in_(ids))))
            if urls:
                found.update(conn.scalars(select(t.articles.c.url).where(t.articles.c.url.in_(urls))))
        return found

    def _store_batch(self, conn: Connection, batch: list[Article], report: IngestReport) -> None:
        hashes = [content_hash(r.text) if r.text.strip() else content_hash("\x00id:" + r.id) for r in batch]
        a = t.articles.c
        ids = [r.id for r in batch]
        urls = [r.url for r in batch if r.url]
        rows = conn.execute(select(a.pk, a.id, a.url, a.content_hash).where(
            or_(a.id.in_(ids), a.content_hash.in_(hashes), a.url.in_(urls) if urls else false()))).all()
        seen_ids = {r.id for r in rows} | set(conn.scalars(
            select(t.article_copies.c.id).where(t.article_copies.c.id.in_(ids))))
        seen_urls = {r.url: r.pk for r in rows if r.url}
        seen_hashes = {r.content_hash: r.pk for r in rows}
        for record, digest in zip(batch, hashes):
            if record.id in seen_ids:
                report.skipped += 1
                continue
            seen_ids.add(record.id)
            same = seen_urls.get(record.url) if record.url else None
            reason = "url"
            if same is None:
                same, reason = seen_hashes.get(digest), "content"
            if same is not None:  # the same article under another id: link it, store nothing else
                conn.execute(insert(t.article_copies), {"id": record.id, "article_pk": same, "url": record.url,
                                                        "reason": reason})
                report.copies += 1
                continue
            pk, duplicate = self._store_article(conn, record, digest)
            seen_hashes[digest] = pk
            if record.url:
                seen_urls[record.url] = pk
            report.near_duplicates += duplicate
            report.stored += 1

    def _store_article(self, conn: Connection, rec: Article, digest: str) -> tuple[int, bool]:
        """Insert one article and its normalised rows: (its pk, whether it is a near-duplicate)."""
        signature = minhash(rec.text)
        original, sim = self._near_duplicate(conn, signature)
        day = iso_date(rec.published)
        pk = conn.execute(insert(t.articles).returning(t.articles.c.pk), {
            "id": rec.id, "url": rec.url, "content_hash": digest, "title": rec.title, "outlet": rec.outlet,
            "dateline": rec.dateline, "published": rec.published, "published_date": day,
            "language": rec.language, "source": rec.source, "text": rec.text, "record": rec.to_json(),
            "minhash": signature.tobytes() if signature is not None else None,
            "duplicate_of": original, "similarity": sim, "ingested_at": datetime.now(timezone.utc).replace(tzinfo=None),
        }).scalar_one()
        if signature is not None:
            conn.execute(insert(t.lsh_bands), [{"band_hash": h, "article_pk": pk}
                                               for h in sorted(set(bands(signature, self.threshold)))])
        if self.dialect == "sqlite":
            self._later("articles_fts", [{"pk": pk, "title": rec.title or "", "text": rec.text}])
        local = self._store_entities(conn, rec, pk, day)
        self._store_quotes(conn, rec, pk, day, local)
        self._store_claims(conn, rec, pk, day, local, grouped=original is None)
        self._store_events(conn, rec, pk, day, local, clustered=original is None)
        return pk, original is not None

    def _near_duplicate(self, conn: Connection, signature) -> tuple[int | None, float | None]:
        if signature is None:
            return None, None
        a = t.articles.c
        keys = bands(signature, self.threshold)
        candidates = conn.execute(select(a.pk, a.duplicate_of, a.minhash).where(a.pk.in_(
            select(t.lsh_bands.c.article_pk).where(t.lsh_bands.c.band_hash.in_(keys))))).all()
        best, best_sim = None, 0.0
        for row in candidates:
            sim = similarity(signature, signature_from_bytes(row.minhash))
            if sim > best_sim or (sim == best_sim and best is not None and row.pk < best.pk):
                best, best_sim = row, sim
        if best is None or best_sim < self.threshold:
            return None, None
        return best.duplicate_of or best.pk, round(best_sim, 4)

    # --- entities -----------------------------------------------------------------------------------------

    def _store_entities(self, conn: Connection, rec: Article, article_pk: int, day: str | None) -> dict[str, int]:
        local: dict[str, int] = {}
        rows, kept = [], []
        self._prefetch_names(conn, [(e.name, e.type) for e in rec.entities])
        try:
            resolved = [self.resolve(conn, ent.name, ent.type, ent.country) for ent in rec.entities]
        finally:
            self._prefetch = None
        for ent, kb_pk in zip(rec.entities, resolved):
            if kb_pk is None:
                continue
            local[ent.id] = kb_pk
            kept.append(ent)
            rows.append({"article_pk": article_pk, "local_id": ent.id, "name": ent.name, "type": ent.type,
                         "country": ent.country})
        if not rows:
            return local
        local = {k: self._live(v) for k, v in local.items()}  # a later entity may have absorbed an earlier one
        for row in rows:
            row["kb_entity_pk"] = local[row["local_id"]]
        pks = conn.execute(insert(t.entities).returning(t.entities.c.pk, sort_by_parameter_order=True),
                           rows).scalars().all()
        mention_rows = [{"entity_pk": epk, "span_start": m.start, "span_end": m.end, "text": m.text}
                        for epk, ent in zip(pks, kept) for m in ent.mentions]
        self._later("mentions", mention_rows)
        role_rows = [{"kb_entity_pk": local[ent.id], "role": role, "article_pk": article_pk, "published_date": day}
                     for ent in kept for role in dict.fromkeys(ent.roles) if role]
        self._later("entity_roles", role_rows)
        return local

    def _prefetch_names(self, conn: Connection, names: list[tuple[str, str | None]]) -> None:
        """Read the name aliases (and person-name suffixes) of many names in one query, for resolve()."""
        wanted: set[str] = set()
        for name, type_ in names:
            words = norm_name(name or "").split()
            if words:
                wanted.add(" ".join(words))
                if (type_ or "PERSON").upper() == "PERSON":
                    wanted.update(" ".join(words[i:]) for i in range(1, len(words) - 1))
        if not wanted:
            return
        al = t.kb_aliases.c
        self._prefetch = {w: [] for w in wanted}
        for row in conn.execute(select(al.kb_entity_pk, al.type, al.alias).where(al.alias.in_(sorted(wanted)),
                                                                                 al.kind == "name")):
            self._prefetch[row.alias].append(row)

    def resolve(self, conn: Connection, name: str, type_: str | None, country: str | None = None,
                create: bool = True) -> int | None:
        """The KB entity for a name of a type, created when new. In order:
        1. the same name, same type;
        2. a one-word person name: the one KB person carrying it as a name part (or the one carrying it
           in three times more articles than any other);
        3. the same name, another type (a person once tagged as a place is still that person);
        4. a person name with leading words before a known full name ("Dirjen Pajak Bimo Wijayanto"
           -> "Bimo Wijayanto"); the longest known full name at the end wins;
        5. a new KB entity; a new full person name absorbs one-word persons named by its parts when
           unambiguous, and persons whose name is this one with leading words.
        """
        norm = norm_name(name or "")
        if not norm:
            return None
        kind = (type_ or "PERSON").upper()
        cached = self._names.get((kind, norm))
        if cached is not None:
            return cached
        al = t.kb_aliases.c
        words = norm.split()
        suffixes = [" ".join(words[i:]) for i in range(1, len(words) - 1)] if kind == "PERSON" else []
        wanted = [norm] + suffixes
        if self._prefetch is not None and all(w in self._prefetch for w in wanted):
            found = sorted((r for w in wanted for r in self._prefetch[w]), key=lambda r: r.kb_entity_pk)
        else:
            found = conn.execute(select(al.kb_entity_pk, al.type, al.alias).where(
                al.alias.in_(wanted), al.kind == "name").order_by(al.kb_entity_pk)).all()
        rows = [r for r in found if r.alias == norm]
        same = [r.kb_entity_pk for r in rows if r.type == kind]
        if same:
            return self._hit(conn, kind, norm, same[0], country)
        if kind == "PERSON" and len(words) == 1:
            pk = self._token_owner(conn, kind, norm)
            if pk is not None:
                return pk
        if rows:
            return self._hit(conn, kind, norm, rows[0].kb_entity_pk, country)
        if suffixes:
            persons = {r.alias: r.kb_entity_pk for r in reversed(found) if r.type == kind and r.alias != norm}
            for suffix in suffixes:  # longest first
                if suffix in persons:
                    return self._hit(conn, kind, norm, persons[suffix], country)
        if not create:
            return None
        clean = " ".join(name.split())
        pk = conn.execute(insert(t.kb_entities).returning(t.kb_entities.c.pk),
                          {"type": kind, "name": clean, "norm": norm, "country": country}).scalar_one()
        tokens = list(dict.fromkeys(name_tokens(norm))) if kind == "PERSON" and len(words) > 1 else []
        conn.execute(insert(t.kb_aliases), [{"kb_entity_pk": pk, "type": kind, "alias": norm, "kind": "name"}]
                     + [{"kb_entity_pk": pk, "type": kind, "alias": tok, "kind": "token"} for tok in tokens])
        self._names[(kind, norm)] = pk
        if self._prefetch is not None:
            self._prefetch.setdefault(norm, []).append(_Alias(pk, kind, norm))
        self._kb_names[pk] = clean
        self._kb_types[pk] = kind
        if not tokens:
            return pk
        singles: dict[str, list[int]] = {}
        owners: dict[str, set[int]] = {}
        for row in conn.execute(select(al.kb_entity_pk, al.alias, al.kind).where(al.type == kind,
                                                                                al.alias.in_(tokens))):
            if row.kind == "name":
                singles.setdefault(row.alias, []).append(row.kb_entity_pk)
            else:
                owners.setdefault(row.alias, set()).add(row.kb_entity_pk)
        for tok in tokens:  # a one-word person stored earlier ("Prabowo") is this one when unambiguous
            self._tokens.pop((kind, tok), None)  # may be ambiguous now
            if singles.get(tok) and owners.get(tok) == {pk}:
                for old in singles[tok]:
                    self._merge(conn, old, pk)
        others = owners.get(tokens[-1], set()) - {pk}
        if others:  # a person stored earlier with leading words before this name ("Pajak Bimo Wijayanto")
            k = t.kb_entities.c
            for row in conn.execute(select(k.pk, k.norm).where(k.pk.in_(sorted(others)))):
                if row.norm.endswith(" " + norm):
                    self._merge(conn, row.pk, pk)
        return pk

    def _type_of(self, conn: Connection, pk: int) -> str | None:
        if pk not in self._kb_types:
            self._kb_types[pk] = conn.scalar(select(t.kb_entities.c.type).where(t.kb_entities.c.pk == pk))
        return self._kb_types[pk]

    def _hit(self, conn: Connection, kind: str, norm: str, pk: int, country: str | None) -> int:
        self._names[(kind, norm)] = pk
        if country:
            conn.execute(update(t.kb_entities).where(t.kb_entities.c.pk == pk, t.kb_entities.c.country.is_(None))
                         .values(country=country))
        return pk

    def _token_owner(self, conn: Connection, kind: str, token: str) -> int | None:
        """The KB person a one-word name stands for, when one clearly does."""
        cached = self._tokens.get((kind, token))
        if cached is not None:
            return cached
        al = t.kb_aliases.c
        owners = conn.scalars(select(al.kb_entity_pk).distinct()
                              .where(al.type == kind, al.alias == token, al.kind == "token")).all()
        if not owners:
            return None
        if len(owners) > 1:
            e = t.entities.c
            counts = dict(conn.execute(select(e.kb_entity_pk, func.count(func.distinct(e.article_pk)))
                                       .where(e.kb_entity_pk.in_(owners)).group_by(e.kb_entity_pk)).all())
            ranked = sorted(owners, key=lambda o: (-counts.get(o, 0), o))
            if counts.get(ranked[0], 0) < 2 or counts.get(ranked[0], 0) < 3 * counts.get(ranked[1], 0):
                return None
            owners = ranked[:1]
        self._tokens[(kind, token)] = owners[0]
        return owners[0]

    def _merge(self, conn: Connection, old: int, new: int) -> None:
        """Point everything at KB entity `old` to `new`, then drop `old`."""
        qs = t.quote_speakers.c
        conn.execute(delete(t.quote_speakers).where(
            qs.kb_entity_pk == old, qs.quote_pk.in_(select(qs.quote_pk).where(qs.kb_entity_pk == new))))
        for table in (t.entities, t.quotes, t.quote_speakers, t.claim_sources, t.claim_stances, t.event_actors,
                      t.entity_roles):
            conn.execute(update(table).where(table.c.kb_entity_pk == old).values(kb_entity_pk=new))
        conn.execute(update(t.kb_entities).where(t.kb_entities.c.pk == new, t.kb_entities.c.country.is_(None))
                     .values(country=select(t.kb_entities.c.country).where(t.kb_entities.c.pk == old)
                             .scalar_subquery()))
        self._merged[old] = new
        for rows in self._pending.values():
            for row in rows:
                if row.get("kb_entity_pk") == old:
                    row["kb_entity_pk"] = new
        conn.execute(delete(t.kb_aliases).where(t.kb_aliases.c.kb_entity_pk == old))
        conn.execute(delete(t.kb_entities).where(t.kb_entities.c.pk == old))
        self._names = {k: v for k, v in self._names.items() if v != old}
        self._tokens = {k: v for k, v in self._tokens.items() if v != old}
        self._kb_names.pop(old, None)
        if self._prefetch is not None:
            self._prefetch = {k: [r for r in v if r.kb_entity_pk != old] for k, v in self._prefetch.items()}

    def _ref(self, conn: Connection, name: str | None, entity: str | None, local: dict[str, int],
             type_: str | None = None, country: str | None = None) -> int | None:
        """KB entity of a speaker, source or actor: its article entity, else its name."""
        if entity and entity in local:
            return self._live(local[entity])
        if not name:
            return None
        if type_ is None:  # unknown type: any existing person, organisation or place of that name
            for kind in ("PERSON", "ORG", "LOC", "GPE"):
                pk = self.resolve(conn, name, kind, create=False)
                if pk is not None:
                    return pk
            return None
        return self.resolve(conn, name, type_, country)

    # --- quotes, claims, events ---------------------------------------------------------------------------

    def _store_quotes(self, conn: Connection, rec: Article, article_pk: int, day: str | None,
                      local: dict[str, int]) -> None:
        if not rec.quotes:
            return
        rows, speakers = [], []
        for q in rec.quotes:
            people = [s for s in ([q.speaker] if q.speaker else []) + list(q.speakers) if s and s.name]
            refs = {}
            for s in people:
                pk = self._ref(conn, s.name, s.entity, local, "PERSON")
                if pk is not None and s.entity in local and self._type_of(conn, pk) != "PERSON":
                    # the speaker's entity was tagged as a place or organisation: a known person of that name wins
                    pk = self.resolve(conn, s.name, "PERSON", create=False) or pk
                if pk is not None:
                    refs.setdefault(pk, s.name)
            refs = {self._live(pk): name for pk, name in refs.items()}
            main = q.speaker
            rows.append({"article_pk": article_pk, "local_id": q.id, "kind": q.kind, "content": q.content,
                         "span_start": q.start, "span_end": q.end, "cue": q.cue,
                         "speaker_name": main.name if main else None, "speaker_mention": main.mention if main else None,
                         "kb_entity_pk": next(iter(refs), None), "published_date": day})
            speakers.append(refs)
        for row in rows:
            row["kb_entity_pk"] = self._live(row["kb_entity_pk"])
        pks = conn.execute(insert(t.quotes).returning(t.quotes.c.pk, sort_by_parameter_order=True), rows).scalars().all()
        links = [{"quote_pk": qpk, "kb_entity_pk": kb, "name": name}
                 for qpk, refs in zip(pks, speakers) for kb, name in refs.items()]
        self._later("quote_speakers", links)
        if self.dialect == "sqlite":
            self._later("quotes_fts", [{"pk": qpk, "content": r["content"], "speaker": r["speaker_name"] or ""}
                                       for qpk, r in zip(pks, rows)])

    def _store_claims(self, conn: Connection, rec: Article, article_pk: int, day: str | None,
                      local: dict[str, int], grouped: bool) -> None:
        used: set[int] = set()  # an article gives one value per matter: its other numbers are other matters
        for c in rec.claims:
            sources = [(s.name, self._ref(conn, s.name, s.entity, local)) for s in c.sources if s.name]
            stances = [(s.who, s.stance, self._ref(conn, s.who, s.entity, local)) for s in c.stances if s.who]
            group = self._group_claim(conn, c, day, self._names_of(conn, sources), [s for _, s, _ in stances],
                                      used) if grouped else None
            used.add(group)
            pk = conn.execute(insert(t.claims).returning(t.claims.c.pk), {
                "article_pk": article_pk, "local_id": c.id, "value": float(c.value),
                "value_max": float(c.value_max) if c.value_max is not None else None, "unit": c.unit,
                "currency": c.currency, "approximate": bool(c.approximate), "bound": c.bound,
                "statement": c.statement, "span_start": c.start, "span_end": c.end, "quote_local_id": c.quote,
                "group_pk": group, "published_date": day}).scalar_one()
            self._later("claim_sources", [{"claim_pk": pk, "name": n, "kb_entity_pk": kb} for n, kb in sources])
            self._later("claim_stances", [{"claim_pk": pk, "who": w, "stance": s, "kb_entity_pk": kb}
                                          for w, s, kb in stances])

    def _group_keywords(self, pk: int, raw: str) -> set[str]:
        cached = self._keywords.get(pk)
        if cached is None or cached[0] != len(raw):
            cached = (len(raw), set(json.loads(raw)))
            self._keywords[pk] = cached
        return cached[1]

    def _names_of(self, conn: Connection, refs: list[tuple[str, int | None]]) -> list[str]:
        """KB names of resolved sources (as written when unresolved), in order, once each."""
        missing = [kb for _, kb in refs if kb is not None and kb not in self._kb_names]
        if missing:
            self._kb_names.update(conn.execute(select(t.kb_entities.c.pk, t.kb_entities.c.name)
                                               .where(t.kb_entities.c.pk.in_(missing))).all())
        return list(dict.fromkeys(self._kb_names.get(kb, name) if kb is not None else name for name, kb in refs))

    def _window(self, first, last, day: str | None, days: int):
        if day is None:
            return true()
        return and_(or_(last.is_(None), last >= _shift(day, -days)), or_(first.is_(None), first <= _shift(day, days)))

    def _group_claim(self, conn: Connection, claim, day: str | None, sources: list[str], stances: list[str],
                     used: set[int]) -> int:
        """The claim group for a claim: same unit, within the window, most shared keywords (a group that
        already holds the same value first); a new group when none shares enough."""
        g = t.claim_groups.c
        unit = unit_key(claim.unit, claim.currency)
        words = keywords(claim.statement)
        best, best_score = None, 0.0
        if words:
            need = min(2, len(words))
            passing = {}
            for row in conn.execute(select(g.pk, g.keywords).where(g.unit == unit, self._window(
                    g.first_date, g.last_date, day, self.claim_window)).order_by(g.pk.desc()).limit(MAX_CANDIDATES)):
                if row.pk in used:
                    continue
                shared = len(words & self._group_keywords(row.pk, row.keywords))
                score = shared / len(words)
                if shared >= need and score >= self.claim_similarity:
                    passing[row.pk] = score
            if passing:
                for row in conn.execute(select(t.claim_groups).where(g.pk.in_(list(passing)))
                                        .order_by(g.pk.desc())):
                    score = passing[row.pk]
                    if any(_same_value(v["value"], claim.value) for v in json.loads(row.claim_values)):
                        score += 1.0
                    if score > best_score:
                        best, best_score = row, score
        value = {"value": claim.value, "sources": sources}
        if best is None:
            values = [value]
            contested, reasons = _contest(values, stances)
            return conn.execute(insert(t.claim_groups).returning(g.pk), {
                "unit": unit, "statement": claim.statement, "keywords": json.dumps(sorted(words), ensure_ascii=False),
                "first_date": day, "last_date": day, "claim_values": json.dumps(values, ensure_ascii=False),
                "stances": json.dumps(sorted(set(stances))), "contested": contested,
                "reasons": json.dumps(reasons, ensure_ascii=False), "n_articles": 1}).scalar_one()
        row, best = best, best.pk
        kws = json.loads(row.keywords)
        kws += sorted(words - set(kws))
        values = _add_value(json.loads(row.claim_values), value)
        all_stances = sorted(set(json.loads(row.stances)) | set(stances))
        contested, reasons = _contest(values, all_stances)
        dates = [d for d in (row.first_date, row.last_date, day) if d]
        conn.execute(update(t.claim_groups).where(g.pk == best).values(
            keywords=json.dumps(kws[:MAX_GROUP_KEYWORDS], ensure_ascii=False),
            claim_values=json.dumps(values, ensure_ascii=False), stances=json.dumps(all_stances),
            contested=contested, reasons=json.dumps(reasons, ensure_ascii=False), n_articles=row.n_articles + 1,
            first_date=min(dates) if dates else None, last_date=max(dates) if dates else None))
        return best

    def _store_events(self, conn: Connection, rec: Article, article_pk: int, day: str | None,
                      local: dict[str, int], clustered: bool) -> None:
        for ev in rec.events:
            event_day = iso_date(ev.date_resolved) or day
            people = []
            for role, actors in (("actor", ev.actors), ("target", ev.targets)):
                for actor in actors:
                    if actor.name:
                        kb = self._ref(conn, actor.name, actor.entity, local)
                        people.append({"role": role, "name": actor.name, "country": actor.country, "kb_entity_pk": kb})
            cluster = self._cluster_event(conn, ev.type, event_day, people) if clustered else None
            pk = conn.execute(insert(t.events).returning(t.events.c.pk), {
                "article_pk": article_pk, "local_id": ev.id, "type": ev.type, "mode": ev.mode,
                "location": ev.location, "date": ev.date, "date_resolved": ev.date_resolved, "event_date": event_day,
                "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
                "evidence_text": ev.evidence.text, "reported_by": ev.reported_by, "trigger": ev.trigger,
                "cluster_pk": cluster}).scalar_one()
            self._later("event_actors", [{"event_pk": pk, **p} for p in people])

    def _cluster_event(self, conn: Connection, type_: str, day: str | None, people: list[dict]) -> int:
        c = t.event_clusters.c

        def keys(role: str) -> set[str]:
            out = set()
            for p in people:
                if p["role"] == role:
                    if p["kb_entity_pk"] is not None:
                        out.add(f"e{p['kb_entity_pk']}")
                    if p["country"]:
                        out.add(f"c{p['country']}")
            return out

        actors, targets = keys("actor"), keys("target")
        match = None
        if actors or targets:
            for row in conn.execute(select(t.event_clusters).where(c.type == type_, self._window(
                    c.first_date, c.last_date, day, self.event_window)).order_by(c.pk.desc()).limit(MAX_CANDIDATES)):
                ak, tk = set(json.loads(row.actor_keys)), set(json.loads(row.target_keys))
                if actors and ak:
                    ok = bool(actors & ak) and (not targets or not tk or bool(targets & tk))
                else:
                    ok = not actors and not ak and bool(targets & tk)
                if ok:
                    match = row
                    break
        if match is None:
            return conn.execute(insert(t.event_clusters).returning(c.pk), {
                "type": type_, "first_date": day, "last_date": day, "actor_keys": json.dumps(sorted(actors)),
                "target_keys": json.dumps(sorted(targets))}).scalar_one()
        row = match
        dates = [d for d in (row.first_date, row.last_date, day) if d]
        conn.execute(update(t.event_clusters).where(c.pk == match.pk).values(
            actor_keys=json.dumps(sorted(set(json.loads(row.actor_keys)) | actors)),
            target_keys=json.dumps(sorted(set(json.loads(row.target_keys)) | targets)),
            first_date=min(dates) if dates else None, last_date=max(dates) if dates else None))
        return match.pk

    # --- reading --------------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {table.name: conn.scalar(select(func.count()).select_from(table)) for table in t.TABLES}

    def article(self, id_: str) -> Article | None:
        """A stored record by id (also by the id of an exact copy of it)."""
        a = t.articles.c
        with self.engine.connect() as conn:
            raw = conn.scalar(select(a.record).where(a.id == id_)) or conn.scalar(
                select(a.record).join(t.article_copies, t.article_copies.c.article_pk == a.pk)
                .where(t.article_copies.c.id == id_))
        return Article.from_json(raw) if raw else None

    def linked(self, id_: str) -> dict[str, Any] | None:
        """How an article id is linked: its original, its exact copies and its near-duplicates."""
        a, cp = t.articles.c, t.article_copies.c
        with self.engine.connect() as conn:
            pk = conn.scalar(select(a.pk).where(a.id == id_)) or conn.scalar(select(cp.article_pk).where(cp.id == id_))
            if pk is None:
                return None
            row = conn.execute(select(a.pk, a.id, a.duplicate_of, a.similarity).where(a.pk == pk)).one()
            original = row.duplicate_of or row.pk
            family = conn.execute(select(a.pk, a.id, a.similarity).where(or_(a.pk == original, a.duplicate_of == original))
                                  .order_by(a.pk)).all()
            copies = conn.execute(select(cp.id, cp.article_pk, cp.reason).where(
                cp.article_pk.in_([f.pk for f in family])).order_by(cp.id)).all()
        ids = {f.pk: f.id for f in family}
        return {"id": id_, "stored_as": row.id, "original": ids[original],
                "near_duplicates": [{"id": f.id, "similarity": f.similarity} for f in family if f.pk != original],
                "copies": [{"id": c.id, "of": ids[c.article_pk], "reason": c.reason} for c in copies]}

    def records(self) -> Iterator[Article]:
        with self.engine.connect() as conn:
            for raw in conn.execute(select(t.articles.c.record).order_by(t.articles.c.pk)).scalars():
                yield Article.from_json(raw)

    def query(self):
        from warta.kb.queries import Queries

        return Queries(self)


def fmt_number(value: float | int) -> str:
    """1234567 -> "1,234,567"; 2.5 -> "2.5" (plain, for reasons and tables)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _add_value(values: list[dict[str, Any]], new: dict[str, Any]) -> list[dict[str, Any]]:
    for v in values:
        if _same_value(v["value"], new["value"]):
            v["sources"] = list(dict.fromkeys(v["sources"] + new["sources"]))[:20]
            return values
    return (values + [new])[:50]


def _same_value(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= 0.005 * max(abs(a), abs(b))


def _contest(values: list[dict[str, Any]], stances: Iterable[str]) -> tuple[bool, list[str]]:
    reasons = []
    if len(values) > 1:
        reasons.append("values differ: " + " vs ".join(
            fmt_number(v["value"]) + (f" ({', '.join(v['sources'])})" if v["sources"] else "") for v in values))
    disputing = sorted(set(stances) & DISPUTING_STANCES)
    if disputing:
        reasons.append("disputed: " + ", ".join(disputing))
    return bool(reasons), reasons
