"""Reading the knowledge base: search, who said what, claim groups, event clusters, exports.

One interface over both back ends: full-text search is SQLite FTS5 or PostgreSQL tsvector + GIN,
chosen by the dialect; everything else is plain SQLAlchemy Core. Near-duplicate articles are left
out of every answer unless asked for (they are copies of an article that is already counted).
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import Connection, and_, desc, func, or_, select, text

from warta.kb import schema as t
from warta.kb.text import norm_name

if TYPE_CHECKING:
    from warta.kb.store import KnowledgeBase

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s|\n")
#: full-text hits are ranked (bm25 / ts_rank) among the most recently stored this many matches, so a
#: common word over 100k articles costs the same as a rare one
SEARCH_WINDOW = 1000
#: claims listed per claim group and reports listed per event (the newest); the counts cover all
MAX_MEMBERS = 20
EXPORT_TABLES = ("articles", "kb_entities", "entities", "quotes", "claims", "claim_groups", "events",
                 "event_clusters")


class Queries:
    def __init__(self, kb: "KnowledgeBase") -> None:
        self.kb = kb
        self.engine = kb.engine
        self.dialect = kb.dialect

    # --- full-text search ---------------------------------------------------------------------------------

    def search(self, query: str, what: str = "articles", limit: int = 20,
               include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Articles (or quotes) matching every word of the query, best first."""
        words = _TOKEN.findall(query.lower())
        if not words:
            return []
        with self.engine.connect() as conn:
            if what == "quotes":
                return self._search_quotes(conn, words, limit, include_duplicates)
            return self._search_articles(conn, words, limit, include_duplicates)

    def _search_articles(self, conn: Connection, words: list[str], limit: int, dups: bool) -> list[dict]:
        dup = "" if dups else "AND a.duplicate_of IS NULL"
        if self.dialect == "sqlite":
            match = _fts5_query(words)
            floor = _fts5_floor(conn, "articles_fts", match)
            sql = ("SELECT a.id, a.title, a.url, a.published, a.duplicate_of, "
                   "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, bm25(articles_fts) AS score "
                   "FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
                   f"WHERE articles_fts MATCH :q AND articles_fts.rowid >= :floor {dup} ORDER BY score LIMIT :n")
            rows = conn.execute(text(sql), {"q": match, "floor": floor, "n": limit}).mappings().all()
        else:
            sql = ("WITH recent AS (SELECT a.pk FROM articles a WHERE a.tsv @@ plainto_tsquery('simple', :q) "
                   f"ORDER BY a.pk DESC LIMIT {SEARCH_WINDOW}), "
                   "hits AS (SELECT a.pk, a.id, a.title, a.url, a.published, a.duplicate_of, a.text, "
                   "ts_rank(a.tsv, q) AS score FROM recent JOIN articles a ON a.pk = recent.pk, "
                   f"plainto_tsquery('simple', :q) q WHERE TRUE {dup} ORDER BY score DESC LIMIT :n) "
                   "SELECT id, title, url, published, duplicate_of, score, ts_headline('simple', text, "
                   "plainto_tsquery('simple', :q), 'StartSel=[,StopSel=],MaxWords=16,MinWords=8') AS snippet "
                   "FROM hits ORDER BY score DESC")
            rows = conn.execute(text(sql), {"q": " ".join(words), "n": limit}).mappings().all()
        dup_ids = self._ids(conn, [r["duplicate_of"] for r in rows if r["duplicate_of"]])
        return [{"article_id": r["id"], "title": r["title"], "url": r["url"], "published": r["published"],
                 "duplicate_of": dup_ids.get(r["duplicate_of"]), "snippet": r["snippet"]} for r in rows]

    def _search_quotes(self, conn: Connection, words: list[str], limit: int, dups: bool) -> list[dict]:
        dup = "" if dups else "AND a.duplicate_of IS NULL"
        cols = ("a.id AS article_id, a.published, a.title, q.local_id, q.kind, q.content, q.span_start, q.span_end, "
                "q.cue, q.speaker_name, q.speaker_mention, q.kb_entity_pk, k.name AS kb_name")
        joins = "JOIN articles a ON a.pk = q.article_pk LEFT JOIN kb_entities k ON k.pk = q.kb_entity_pk"
        if self.dialect == "sqlite":
            match = _fts5_query(words)
            floor = _fts5_floor(conn, "quotes_fts", match)
            sql = (f"SELECT {cols} FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid {joins} "
                   f"WHERE quotes_fts MATCH :q AND quotes_fts.rowid >= :floor {dup} ORDER BY bm25(quotes_fts) LIMIT :n")
            rows = conn.execute(text(sql), {"q": match, "floor": floor, "n": limit}).mappings().all()
        else:
            sql = (f"WITH recent AS (SELECT pk FROM quotes WHERE tsv @@ plainto_tsquery('simple', :q) "
                   f"ORDER BY pk DESC LIMIT {SEARCH_WINDOW}) "
                   f"SELECT {cols} FROM recent JOIN quotes q ON q.pk = recent.pk {joins}, plainto_tsquery('simple', :q) tq "
                   f"WHERE TRUE {dup} ORDER BY ts_rank(q.tsv, tq) DESC LIMIT :n")
            rows = conn.execute(text(sql), {"q": " ".join(words), "n": limit}).mappings().all()
        return [_quote_dict(r) for r in rows]

    # --- entities and quotes ------------------------------------------------------------------------------

    def find_entities(self, name: str, type_: str | None = None) -> list[dict[str, Any]]:
        """KB entities a name may mean, most quoted first: exact name, unambiguous name part, else substring."""
        norm = norm_name(name)
        if not norm:
            return []
        al, k = t.kb_aliases.c, t.kb_entities.c
        with self.engine.connect() as conn:
            cond = [al.alias == norm, al.kind == "name"] + ([al.type == type_.upper()] if type_ else [])
            pks = list(conn.scalars(select(al.kb_entity_pk).where(*cond).distinct()))
            if not pks:
                cond = [al.alias == norm, al.kind == "token"] + ([al.type == type_.upper()] if type_ else [])
                pks = list(conn.scalars(select(al.kb_entity_pk).where(*cond).distinct()))
            if not pks:
                like = "%" + norm.replace("%", "").replace("_", "") + "%"
                cond = [k.norm.like(like)] + ([k.type == type_.upper()] if type_ else [])
                pks = list(conn.scalars(select(k.pk).where(*cond).limit(50)))
            if not pks:
                return []
            n_quotes = (select(func.count()).select_from(t.quote_speakers)
                        .where(t.quote_speakers.c.kb_entity_pk == k.pk).scalar_subquery())
            n_articles = (select(func.count(func.distinct(t.entities.c.article_pk)))
                          .where(t.entities.c.kb_entity_pk == k.pk).scalar_subquery())
            rows = conn.execute(select(k.pk, k.type, k.name, k.country, n_quotes.label("n_quotes"),
                                       n_articles.label("n_articles")).where(k.pk.in_(pks))).mappings().all()
            out = [dict(r) for r in rows]
            out.sort(key=lambda r: (-r["n_quotes"], -r["n_articles"], r["pk"]))
            for entity in out:
                entity.update(self._entity_details(conn, entity["pk"]))
            return out

    def _entity_details(self, conn: Connection, pk: int) -> dict[str, Any]:
        r = t.entity_roles.c
        roles = conn.execute(select(r.role, func.min(r.published_date).label("first"),
                                    func.max(r.published_date).label("last"), func.count().label("n"))
                             .where(r.kb_entity_pk == pk).group_by(r.role)
                             .order_by(desc("last"), desc("n"))).mappings().all()
        names = conn.scalars(select(t.entities.c.name).where(t.entities.c.kb_entity_pk == pk).distinct().limit(20))
        return {"id": f"kb{pk}", "roles": [dict(x) for x in roles], "written_as": sorted(names)}

    def who(self, name: str, limit: int | None = None, include_duplicates: bool = False
            ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
        """(entity, its quotes newest first, other entities the name may mean)."""
        candidates = self.find_entities(name, "PERSON") or self.find_entities(name)
        if not candidates:
            return None, [], []
        entity, others = candidates[0], candidates[1:]
        q, a, qs = t.quotes.c, t.articles.c, t.quote_speakers.c
        stmt = (select(a.id.label("article_id"), a.published, a.title, a.url, a.text, q.local_id, q.kind, q.content,
                       q.span_start, q.span_end, q.cue, q.speaker_name, q.speaker_mention)
                .select_from(t.quote_speakers.join(t.quotes, q.pk == qs.quote_pk).join(t.articles, a.pk == q.article_pk))
                .where(qs.kb_entity_pk == entity["pk"])
                .order_by(a.published_date.desc().nulls_last(), a.published.desc().nulls_last(), a.pk.desc(),
                          q.span_start))
        if not include_duplicates:
            stmt = stmt.where(a.duplicate_of.is_(None))
        if limit:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        quotes = []
        for r in rows:
            item = _quote_dict({**r, "kb_entity_pk": entity["pk"], "kb_name": entity["name"]})
            item["url"] = r["url"]
            item["evidence"] = evidence(r["text"], r["span_start"], r["span_end"])
            quotes.append(item)
        return entity, quotes, others

    # --- claims ---------------------------------------------------------------------------------------------

    def claims(self, contested: bool = False, about: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Claim groups (one matter, every source), most reported first."""
        g, c, a = t.claim_groups.c, t.claims.c, t.articles.c
        stmt = (select(g.pk, g.unit, g.statement, g.first_date, g.last_date, g.claim_values, g.stances, g.contested,
                       g.reasons, g.n_articles)
                .order_by(g.n_articles.desc(), g.last_date.desc().nulls_last(), g.pk).limit(limit))
        if contested:
            stmt = stmt.where(g.contested.is_(True))
        if about:
            words = _TOKEN.findall(about.lower())
            inner = select(c.group_pk).where(and_(*[func.lower(c.statement).like(f"%{w}%") for w in words]))
            stmt = stmt.where(g.pk.in_(inner))
        with self.engine.connect() as conn:
            groups = [dict(r) for r in conn.execute(stmt).mappings()]
            if not groups:
                return []
            cols = (c.pk, c.group_pk, c.local_id, c.value, c.value_max, c.unit, c.currency, c.approximate,
                    c.statement, c.span_start, c.span_end, a.id.label("article_id"), a.published, a.published_date)
            members = []
            for group in groups:  # the newest stored claims of each group (index walk, however large the group)
                members += conn.execute(select(*cols).join(t.articles, a.pk == c.article_pk)
                                        .where(c.group_pk == group["pk"]).order_by(c.pk.desc())
                                        .limit(MAX_MEMBERS)).mappings().all()
            members.sort(key=lambda m: (m["published_date"] or "", m["pk"]))
            claim_pks = [m["pk"] for m in members]
            sources = _by(conn.execute(select(t.claim_sources.c.claim_pk, t.claim_sources.c.name)
                                       .where(t.claim_sources.c.claim_pk.in_(claim_pks))).all())
            stances = _by(conn.execute(select(t.claim_stances.c.claim_pk, t.claim_stances.c.who,
                                              t.claim_stances.c.stance)
                                       .where(t.claim_stances.c.claim_pk.in_(claim_pks))).all())
        by_group: dict[int, list[dict]] = {}
        for m in members:
            by_group.setdefault(m["group_pk"], []).append({
                "article_id": m["article_id"], "published": m["published"], "id": m["local_id"],
                "value": _num(m["value"]), "value_max": _num(m["value_max"]), "unit": m["unit"],
                "currency": m["currency"], "approximate": m["approximate"], "statement": m["statement"],
                "start": m["span_start"], "end": m["span_end"],
                "sources": [s[0] for s in sources.get(m["pk"], [])],
                "stances": [{"who": s[0], "stance": s[1]} for s in stances.get(m["pk"], [])]})
        out = []
        for grp in groups:
            out.append({"group": f"g{grp['pk']}", "unit": grp["unit"], "statement": grp["statement"],
                        "values": json.loads(grp["claim_values"]), "contested": bool(grp["contested"]),
                        "reasons": json.loads(grp["reasons"] or "[]"), "stances": json.loads(grp["stances"]),
                        "first_date": grp["first_date"], "last_date": grp["last_date"],
                        "n_claims": grp["n_articles"], "n_articles": grp["n_articles"],
                        "claims": by_group.get(grp["pk"], [])})
        return out

    # --- events ---------------------------------------------------------------------------------------------

    def events(self, actors: tuple[str, ...] = (), type_: str | None = None, since: str | None = None,
               limit: int = 50) -> list[dict[str, Any]]:
        """Event clusters (one event, every reporting article), newest first."""
        cl, e, ea, a = t.event_clusters.c, t.events.c, t.event_actors.c, t.articles.c
        stmt = select(cl.pk, cl.type, cl.first_date, cl.last_date).order_by(
            cl.last_date.desc().nulls_last(), cl.pk.desc()).limit(limit)
        for iso in actors:  # the cluster keeps its actors' and targets' countries: walk newest first, stop at limit
            key = '%"c' + re.sub(r"[^A-Z]", "", iso.upper()) + '"%'
            stmt = stmt.where(or_(cl.actor_keys.like(key), cl.target_keys.like(key)))
        if type_:
            stmt = stmt.where(cl.type == type_.upper())
        if since:
            stmt = stmt.where(cl.last_date >= since)
        with self.engine.connect() as conn:
            clusters = [dict(r) for r in conn.execute(stmt).mappings()]
            if not clusters:
                return []
            pks = [c["pk"] for c in clusters]
            cols = (e.pk, e.cluster_pk, e.local_id, e.event_date, e.location, e.evidence_start, e.evidence_end,
                    e.evidence_text, e.reported_by, a.id.label("article_id"), a.url, a.published, a.published_date)
            members = []
            for cluster in clusters:  # the newest stored reports of each event
                members += conn.execute(select(*cols).join(t.articles, a.pk == e.article_pk)
                                        .where(e.cluster_pk == cluster["pk"]).order_by(e.pk.desc())
                                        .limit(MAX_MEMBERS)).mappings().all()
            members.sort(key=lambda m: (m["published_date"] or "", m["pk"]))
            n_articles = dict(conn.execute(select(e.cluster_pk, func.count(func.distinct(e.article_pk)))
                                           .where(e.cluster_pk.in_(pks)).group_by(e.cluster_pk)).all())
            people = _by(conn.execute(select(ea.event_pk, ea.role, ea.name, ea.country).where(
                ea.event_pk.in_([m["pk"] for m in members]))).all())
        by_cluster: dict[int, list] = {}
        for m in members:
            by_cluster.setdefault(m["cluster_pk"], []).append(m)
        out = []
        for c in clusters:
            reports = by_cluster.get(c["pk"], [])
            parts: dict[str, dict[str, str | None]] = {"actor": {}, "target": {}}
            locations = []
            for m in reports:
                for role, name, country in people.get(m["pk"], []):
                    parts[role].setdefault(name, country)
                if m["location"]:
                    locations.append(m["location"])
            out.append({"event": f"x{c['pk']}", "type": c["type"], "first_date": c["first_date"],
                        "last_date": c["last_date"],
                        "actors": [{"name": n, "country": k} for n, k in parts["actor"].items()],
                        "targets": [{"name": n, "country": k} for n, k in parts["target"].items()],
                        "locations": list(dict.fromkeys(locations)),
                        "n_articles": n_articles.get(c["pk"], 0),
                        "sources": [{"article_id": m["article_id"], "url": m["url"], "published": m["published"],
                                     "id": m["local_id"], "reported_by": m["reported_by"],
                                     "evidence": {"start": m["evidence_start"], "end": m["evidence_end"],
                                                  "text": m["evidence_text"]}} for m in reports]})
        return out

    # --- export ---------------------------------------------------------------------------------------------

    def export_rows(self, table: str = "articles") -> Iterator[dict[str, Any]]:
        """Rows of one table as dicts (articles: the flat columns; `records()` gives full records)."""
        if table not in EXPORT_TABLES:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(EXPORT_TABLES)}")
        tbl = getattr(t, table)
        cols = [c for c in tbl.c if c.name not in ("minhash", "record", "text", "tsv")]
        stmt = select(*cols)
        if "article_pk" in tbl.c:
            stmt = select(*cols, t.articles.c.id.label("article_id")).join(
                t.articles, t.articles.c.pk == tbl.c.article_pk)
        with self.engine.connect() as conn:
            for row in conn.execute(stmt.order_by(tbl.c.pk)).mappings():
                yield dict(row)

    @staticmethod
    def _ids(conn: Connection, pks: list[int]) -> dict[int, str]:
        if not pks:
            return {}
        return dict(conn.execute(select(t.articles.c.pk, t.articles.c.id).where(t.articles.c.pk.in_(pks))).all())


def _fts5_floor(conn: Connection, table: str, match: str) -> int:
    """The rowid of the SEARCH_WINDOW-th most recent match (0 when there are fewer): FTS5 walks rowids cheaply."""
    floor = conn.scalar(text(f"SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rowid DESC "
                             f"LIMIT 1 OFFSET {SEARCH_WINDOW - 1}"), {"q": match})
    return floor or 0


def _fts5_query(words: list[str]) -> str:
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _by(rows) -> dict[Any, list[tuple]]:
    out: dict[Any, list[tuple]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(tuple(row[1:]))
    return out


def _quote_dict(r) -> dict[str, Any]:
    """A quote as in the article record, plus its article and the resolved speaker."""
    speaker = None
    if r["kb_entity_pk"] is not None or r["speaker_name"]:
        speaker = {"name": r["kb_name"] or r["speaker_name"],
                   "entity": f"kb{r['kb_entity_pk']}" if r["kb_entity_pk"] is not None else None,
                   "mention": r["speaker_mention"] or r["speaker_name"], "as_written": r["speaker_name"]}
    return {"article_id": r["article_id"], "published": r["published"], "title": r["title"], "id": r["local_id"],
            "kind": r["kind"], "content": r["content"], "start": r["span_start"], "end": r["span_end"],
            "cue": r["cue"], "speaker": speaker}


def evidence(text_: str, start: int, end: int, reach: int = 300) -> dict[str, Any]:
    """The quote with its sentence around it (where the cue and the speaker's name are)."""
    lo = max(0, start - reach)
    left = text_[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    s = lo + cut[-1] if cut else (0 if lo == 0 else start)
    m = _SENTENCE_END.search(text_, min(len(text_), end + 3), min(len(text_), end + reach))
    e = m.start() + 1 if m else min(len(text_), end + reach)
    e = max(e, end)
    return {"start": s, "end": e, "text": text_[s:e].strip()}
