"""Knowledge-base benchmark: store rate (pre-made records, analysis excluded) and query latency.

    .venv/bin/python benchmarks/kb.py                 # quick: 2,000 generated articles, SQLite
    .venv/bin/python benchmarks/kb.py --full          # the target: 100,000 articles (long; by hand, not CI)
    .venv/bin/python benchmarks/kb.py --db postgresql://user@127.0.0.1:5432/db   # on PostgreSQL (emptied first!)
    ... --write-docs                                  # put the figures in docs/performance.md

Targets: store >= 50 articles/s; search p95 <= 50 ms.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from warta.kb import KnowledgeBase  # noqa: E402
from warta.kb.synthetic import CITIES, PEOPLE, make_article  # noqa: E402

SEARCHES = ["beras cadangan", "perbatasan", "investasi baterai", "korban banjir", "nikel olahan", "pengamat kebijakan",
            "anggaran program", "rapat koordinasi", "kecamatan dampaknya", "stabilitas kawasan"]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run(n: int, db: str, chunk: int, queries: int, seed: int) -> dict:
    kb = KnowledgeBase(db)
    if kb.counts()["articles"]:
        sys.exit(f"{db} is not empty: the benchmark needs an empty knowledge base")
    stored_s = cpu_s = 0.0
    stored = 0
    t_all = time.perf_counter()
    for start in range(0, n, chunk):
        records = [make_article(i, seed=seed, start=date(2025, 1, 1), days=365) for i in range(start, min(n, start + chunk))]
        t0, c0 = time.perf_counter(), time.process_time()
        report = kb.ingest(records)
        stored_s += time.perf_counter() - t0
        cpu_s += time.process_time() - c0
        stored += report.stored
        print(f"\r{stored:>7} stored, {stored / stored_s:6.1f} articles/s wall, {stored / cpu_s:6.1f} per CPU-second",
              end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    wall = time.perf_counter() - t_all
    q = kb.query()
    rng = random.Random(seed)
    timings: dict[str, list[float]] = {"search articles": [], "search quotes": [], "who": [], "claims --about": [],
                                       "events --actor": []}
    for i in range(queries):
        words = rng.choice(SEARCHES + [rng.choice(CITIES), rng.choice(PEOPLE)[1]])
        for label, call in (("search articles", lambda: q.search(words, "articles", 20)),
                            ("search quotes", lambda: q.search(words, "quotes", 20))):
            t0 = time.perf_counter()
            call()
            timings[label].append((time.perf_counter() - t0) * 1000)
        if i % 10 == 0:  # the heavier listings, fewer times
            person = rng.choice(PEOPLE)[0]
            for label, call in (("who", lambda: q.who(person, limit=50)),
                                ("claims --about", lambda: q.claims(about=rng.choice(["beras", "nikel", "banjir"]), limit=20)),
                                ("events --actor", lambda: q.events(("IDN", rng.choice(["CHN", "JPN", "USA"])), limit=20))):
                t0 = time.perf_counter()
                call()
                timings[label].append((time.perf_counter() - t0) * 1000)
    size = os.path.getsize(db) if "://" not in db and os.path.exists(db) else None
    counts = kb.counts()
    kb.close()
    return {"n": n, "stored": stored, "store_rate": stored / stored_s, "store_cpu_rate": stored / cpu_s, "wall": wall, "size": size, "counts": counts,
            "latency": {k: (statistics.median(v), percentile(v, 95)) for k, v in timings.items() if v},
            "backend": "PostgreSQL" if "://" in db else "SQLite"}


def markdown(result: dict) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} with `benchmarks/kb.py` on {result['backend']}, "
        f"{result['n']:,} generated articles (warta.kb.synthetic: 3–5 entities, 1 quote, 1 claim, 1 event each); "
        f"machine: {platform.machine()}, {os.cpu_count()} cores shared with other jobs, Python {platform.python_version()}.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| store (records → KB, analysis excluded) | {result['store_rate']:.0f} articles/s wall-clock, "
        f"{result['store_cpu_rate']:.0f} per CPU-second | ≥ 50 articles/s |",
    ]
    for label, (p50, p95) in result["latency"].items():
        target = "p95 ≤ 50 ms" if label.startswith("search") else ""
        lines.append(f"| {label} | p50 {p50:.1f} ms, p95 {p95:.1f} ms | {target} |")
    if result["size"]:
        lines.append(f"| database size | {result['size'] / 1e6:.0f} MB | |")
    return "\n".join(lines) + "\n"


def write_docs(section: str) -> None:
    path = REPO / "docs" / "performance.md"
    text = path.read_text("utf-8") if path.exists() else "# Performance\n"
    body = ("## Knowledge base\n\n" + section +
            "\nReproduce: `.venv/bin/python benchmarks/kb.py --full --write-docs` (quick run: without `--full`).\n")
    pattern = re.compile(r"^## Knowledge base\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: body + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + body
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="100,000 articles (the target size)")
    parser.add_argument("-n", type=int, default=None, help="number of articles (default 2,000; --full: 100,000)")
    parser.add_argument("--db", default=None, help="an EMPTY knowledge base (default: a temporary SQLite file)")
    parser.add_argument("--chunk", type=int, default=1000, help="records generated (and stored) per round")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-docs", action="store_true", help="write the figures to docs/performance.md")
    args = parser.parse_args()
    n = args.n or (100_000 if args.full else 2_000)
    with tempfile.TemporaryDirectory() as tmp:
        result = run(n, args.db or str(Path(tmp) / "bench.db"), args.chunk, args.queries, args.seed)
    section = markdown(result)
    print(section)
    if args.write_docs:
        write_docs(section)


if __name__ == "__main__":
    main()
