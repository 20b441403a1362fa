"""`--format events-tsv`: one row per event, the shape researchers load like GDELT's event files."""
from __future__ import annotations

import csv
from typing import Iterable, TextIO

from warta.formats import output_format
from warta.record import Article

COLUMNS = ("date", "date_resolved", "actor", "actor_country", "type", "mode", "target", "target_country",
           "location", "reported_by", "evidence", "article_id")


@output_format("events-tsv")
def write_events_tsv(records: Iterable[Article], out: TextIO) -> None:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for record in records:
        for ev in record.events:
            writer.writerow([
                ev.date or "", ev.date_resolved or "",
                "; ".join(a.name for a in ev.actors), "; ".join(a.country or "" for a in ev.actors),
                ev.type, ev.mode or "",
                "; ".join(a.name for a in ev.targets), "; ".join(a.country or "" for a in ev.targets),
                ev.location or "", ev.reported_by or "", " ".join(ev.evidence.text.split()), record.id,
            ])
