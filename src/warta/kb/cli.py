"""Knowledge-base commands: `warta ingest`, `search`, `who`, `claims`, `events`, `export`.

Every command takes `--db` (an SQLite path or a postgresql:// URL; default: the `db` setting) and
the query commands take `--format table|jsonl`.
"""
from __future__ import annotations

import csv
import json
import sys
from itertools import islice
from typing import Any, Iterable, Iterator

import click
from rich.console import Console
from rich.table import Table

from warta.cli import cli, progress_bar, stderr
from warta.record import Article, error_record

stdout = Console(soft_wrap=False)

db_option = click.option("--db", default=None, help="SQLite file or postgresql:// URL (default: setting `db`)")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
                             show_default=True, help="rich table, or one JSON object per line")


def _open(db: str | None):
    from warta.kb import KnowledgeBase

    return KnowledgeBase(db)


def _jsonl(items: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")


def _short(text: str | None, n: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- ingest -----------------------------------------------------------------------------------------------

def read_records(path: str) -> Iterator[Article]:
    """warta.article/1 JSON lines; a line that is not a record becomes an error record."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield Article.from_json(line)
            except ValueError as e:
                yield error_record(f"{path}:{n}", f"not a warta.article/1 record: {str(e).splitlines()[0]}")
    finally:
        if stream is not sys.stdin:
            stream.close()


def _unstored_sources(kb, paths: list[str]) -> Iterator:
    """Source documents not yet stored (by given id or URL), so a restarted ingest does not re-analyse them."""
    from warta.sources import read_sources

    sources = read_sources(paths)
    while chunk := list(islice(sources, 500)):
        stored = kb.stored_keys([s.id for s in chunk if s.id], [s.url for s in chunk if s.url])
        for s in chunk:
            if not s.error and ((s.id and s.id in stored) or (s.url and s.url in stored)):
                continue
            yield s


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--records", "records_files", multiple=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="already analysed warta.article/1 JSON lines (repeatable; - for stdin)")
@db_option
@click.option("--batch-size", type=int, default=None, help="articles per transaction (default: kb_batch_size)")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="worker processes for the analysis (default: n_process in settings, 1)")
def ingest(paths: tuple[str, ...], records_files: tuple[str, ...], db: str | None, batch_size: int | None,
           jobs: int | None) -> None:
    """Analyse articles (or read analysed records) and store them in the knowledge base."""
    if not paths and not records_files:
        raise click.UsageError("give articles to analyse (PATH...) or analysed records (--records FILE)")
    kb = _open(db)

    def records() -> Iterator[Article]:
        for f in records_files:
            yield from read_records(f)
        if paths:
            from warta.analyze import analyze_sources

            yield from analyze_sources(_unstored_sources(kb, list(paths)), n_process=jobs)

    total = None
    if not paths and "-" not in records_files:  # known up front: one record per non-empty line
        total = sum(sum(1 for line in open(f, "rb") if line.strip()) for f in records_files)
    with kb, progress_bar("ingesting") as bar:
        task = bar.add_task("ingesting", total=total)
        report = kb.ingest(records(), batch_size=batch_size, progress=lambda n: bar.advance(task, n))
    for source, message in report.errors[:20]:
        click.echo(f"error {source}: {message}", err=True)
    if len(report.errors) > 20:
        stderr.print(f"… and {len(report.errors) - 20} more errors")
    click.echo(f"{report.summary()} -> {kb.db}", err=True)


# --- queries ----------------------------------------------------------------------------------------------

@cli.command()
@click.argument("text")
@click.option("--quotes", "in_quotes", is_flag=True, help="search quotes instead of articles")
@click.option("--limit", "-n", default=20, show_default=True)
@click.option("--duplicates", is_flag=True, help="also list near-duplicate copies")
@db_option
@format_option
def search(text: str, in_quotes: bool, limit: int, duplicates: bool, db: str | None, fmt: str) -> None:
    """Full-text search over articles (or quotes)."""
    with _open(db) as kb:
        hits = kb.query().search(text, "quotes" if in_quotes else "articles", limit, duplicates)
    if fmt == "jsonl":
        return _jsonl(hits)
    if in_quotes:
        table = Table("published", "speaker", "quote", "article", title=f"quotes matching {text!r}")
        for h in hits:
            table.add_row(h["published"] or "", (h["speaker"] or {}).get("name") or "?", _short(h["content"]),
                          h["article_id"])
    else:
        table = Table("published", "article", "title", "snippet", title=f"articles matching {text!r}")
        for h in hits:
            table.add_row(h["published"] or "", h["article_id"], _short(h["title"], 60), _short(h["snippet"]))
    stdout.print(table)


@cli.command()
@click.argument("name")
@click.option("--limit", "-n", default=None, type=int, help="at most this many quotes")
@click.option("--duplicates", is_flag=True, help="also list quotes from near-duplicate copies")
@db_option
@format_option
def who(name: str, limit: int | None, duplicates: bool, db: str | None, fmt: str) -> None:
    """A person's quotes across articles, newest first, with article and evidence."""
    with _open(db) as kb:
        entity, quotes, others = kb.query().who(name, limit, duplicates)
    if entity is None:
        stderr.print(f"no one called {name!r} in the knowledge base")
        sys.exit(1)
    if others:
        stderr.print("also matching: " + "; ".join(f"{o['name']} ({o['n_quotes']} quotes)" for o in others[:5]))
    if fmt == "jsonl":
        return _jsonl(quotes)
    roles = ", ".join(r["role"] for r in entity["roles"][:3])
    stderr.print(f"[bold]{entity['name']}[/bold] ({entity['type']}{', ' + entity['country'] if entity['country'] else ''})"
                 f"{' — ' + roles if roles else ''}; written as: {', '.join(entity['written_as'])}")
    table = Table("published", "article", "kind", "quote", "evidence", title=f"{len(quotes)} quotes")
    for q in quotes:
        # the title says which article it is; the id is for `--format jsonl` and scripts
        table.add_row(q["published"] or "", _short(q.get("title") or q["article_id"], 60), q["kind"], _short(q["content"], 120),
                      _short(q["evidence"]["text"], 120))
    stdout.print(table)


@cli.command()
@click.option("--contested", is_flag=True, help="only groups whose values, sources or stances disagree")
@click.option("--about", default=None, help="only groups with a claim whose statement holds these words")
@click.option("--limit", "-n", default=50, show_default=True)
@db_option
@format_option
def claims(contested: bool, about: str | None, limit: int, db: str | None, fmt: str) -> None:
    """Claims grouped across articles: one matter, every value and source."""
    with _open(db) as kb:
        groups = kb.query().claims(contested, about, limit)
    if fmt == "jsonl":
        return _jsonl(groups)
    table = Table("group", "unit", "values (sources)", "articles", "contested", "statement", title="claim groups")
    for g in groups:
        from warta.kb.store import fmt_number

        values = "; ".join(fmt_number(v["value"]) + (f" ({', '.join(v['sources'])})" if v["sources"] else "")
                           for v in g["values"])
        table.add_row(g["group"], g["unit"], _short(values, 60), str(g["n_articles"]),
                      "yes: " + "; ".join(g["reasons"]) if g["contested"] else "", _short(g["statement"], 100))
    stdout.print(table)


@cli.command()
@click.option("--actor", "actors", multiple=True, help="ISO 3166 alpha-3 country among actors or targets (repeatable: all)")
@click.option("--type", "type_", default=None, help="PLOVER event type, e.g. CONSULT")
@click.option("--since", default=None, help="ISO date: events on or after it")
@click.option("--limit", "-n", default=50, show_default=True)
@db_option
@format_option
def events(actors: tuple[str, ...], type_: str | None, since: str | None, limit: int, db: str | None,
           fmt: str) -> None:
    """Events merged across articles: one event, every article that reports it."""
    with _open(db) as kb:
        clusters = kb.query().events(actors, type_, since, limit)
    if fmt == "jsonl":
        return _jsonl(clusters)
    table = Table("event", "date", "type", "actors", "targets", "articles", "evidence", title="events")
    for c in clusters:
        names = lambda xs: ", ".join(x["name"] + (f" ({x['country']})" if x["country"] else "") for x in xs)  # noqa
        table.add_row(c["event"], c["last_date"] or "", c["type"], _short(names(c["actors"]), 50),
                      _short(names(c["targets"]), 50), str(c["n_articles"]),
                      _short(c["sources"][0]["evidence"]["text"] if c["sources"] else "", 100))
    stdout.print(table)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--table", "table_name", default="articles", show_default=True,
              help="articles (jsonl: full records), kb_entities, entities, quotes, claims, claim_groups, events, "
                   "event_clusters")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="file (default stdout; "
              "required for parquet)")
@db_option
def export(fmt: str, table_name: str, output: str | None, db: str | None) -> None:
    """Export the knowledge base: full records as JSON lines, or one table as CSV / Parquet."""
    from warta.kb.queries import EXPORT_TABLES

    if table_name not in EXPORT_TABLES:
        raise click.BadParameter(f"choose from {', '.join(EXPORT_TABLES)}", param_hint="--table")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet as pq
        except ImportError:
            click.echo("parquet export needs pyarrow, which is not installed: pip install 'warta[parquet]'", err=True)
            sys.exit(2)
        if not output:
            raise click.UsageError("parquet export needs --output FILE")
    with _open(db) as kb:
        q = kb.query()
        out = open(output, "w", encoding="utf-8", newline="") if output and fmt != "parquet" else sys.stdout
        try:
            if fmt == "jsonl" and table_name == "articles":
                for record in kb.records():
                    out.write(record.to_json() + "\n")
            elif fmt == "jsonl":
                for row in q.export_rows(table_name):
                    out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            elif fmt == "csv":
                writer = None
                for row in q.export_rows(table_name):
                    if writer is None:
                        writer = csv.DictWriter(out, fieldnames=list(row))
                        writer.writeheader()
                    writer.writerow(row)
            else:
                import pyarrow as pa

                rows = list(q.export_rows(table_name))
                pq.write_table(pa.Table.from_pylist(rows), output)
        finally:
            if out is not sys.stdout:
                out.close()
