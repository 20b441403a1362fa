"""`--format pretty`: the article and what was found, rendered with rich for a terminal."""
from __future__ import annotations

import sys
from typing import Iterable, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from warta.formats import output_format
from warta.record import Article


@output_format("pretty")
def write_pretty(records: Iterable[Article], out: TextIO) -> None:
    console = Console(file=out, force_terminal=out is sys.stdout and sys.stdout.isatty(), soft_wrap=False)
    for record in records:
        console.print(render(record))


def render(record: Article):
    if record.error:
        return Panel(Text(record.error, style="bold red"), title=f"[red]failed: {record.source or record.id}")
    meta = Table.grid(padding=(0, 2))
    for label, value in (("outlet", record.outlet), ("dateline", record.dateline), ("published", record.published),
                         ("authors", ", ".join(record.authors)), ("editors", ", ".join(record.editors)),
                         ("url", record.url), ("id", record.id)):
        if value:
            meta.add_row(Text(label, style="dim"), str(value))
    parts = [meta, Text(""), Text(_excerpt(record.text), style="italic")]
    if record.related:
        parts.append(Text("related: " + " | ".join(r.title for r in record.related), style="dim"))
    for table in (_entities(record), _quotes(record), _claims(record), _events(record)):
        if table.row_count:
            parts += [Text(""), table]
    return Panel(Group(*parts), title=f"[bold]{record.title or '(untitled)'}", title_align="left")


def _excerpt(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _entities(record: Article) -> Table:
    t = Table(title="Entities", title_justify="left", expand=True)
    for col in ("name", "type", "country", "roles", "mentions"):
        t.add_column(col)
    for e in record.entities:
        t.add_row(e.name, e.type, e.country or "", "; ".join(e.roles), str(len(e.mentions)))
    return t


def _quotes(record: Article) -> Table:
    t = Table(title="Who said what", title_justify="left", expand=True)
    t.add_column("speaker", style="bold cyan", max_width=28)
    t.add_column("kind", max_width=8)
    t.add_column("cue", max_width=14)
    t.add_column("content", ratio=1)
    for q in record.quotes:
        names = [s.name for s in q.speakers] or ([q.speaker.name] if q.speaker else ["?"])
        t.add_row(", ".join(names), q.kind, q.cue or "", _excerpt(q.content, 220))
    return t


def _claims(record: Article) -> Table:
    t = Table(title="Numeric claims", title_justify="left", expand=True)
    for col in ("value", "unit", "≈", "sources", "stances", "statement"):
        t.add_column(col)
    for c in record.claims:
        t.add_row(f"{c.value:,}", c.unit or "", "yes" if c.approximate else "", ", ".join(s.name for s in c.sources),
                  ", ".join(f"{s.who}: {s.stance}" for s in c.stances), _excerpt(c.statement, 160))
    return t


def _events(record: Article) -> Table:
    t = Table(title="Events (PLOVER)", title_justify="left", expand=True)
    for col in ("type", "actors", "targets", "where", "when", "evidence"):
        t.add_column(col)
    for ev in record.events:
        who = lambda xs: ", ".join(a.country or a.name for a in xs)  # noqa: E731
        t.add_row(ev.type + (f" ({ev.mode})" if ev.mode else ""), who(ev.actors), who(ev.targets),
                  ev.location or "", ev.date_resolved or ev.date or "", _excerpt(ev.evidence.text, 140))
    return t
