"""Words per second of the full shipped pipeline vs a blank `id` tokenizer, and peak memory.

    python benchmarks/nlp.py [--shared ../shared] [--limit 986] [--jobs 2] [--no-write]

Both are measured in the same run on the texts of shared/corpus/detik-2025.jsonl; the figures go
to the "NLP pipeline" section of docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.report import write_section  # noqa: E402


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--limit", type=int, default=986)
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the end-to-end row")
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    corpus = Path(a.shared) / "corpus" / "detik-2025.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")][: a.limit]
    n_words = words(texts)

    blank = spacy.blank("id")
    list(blank.tokenizer.pipe(texts[:50]))  # warm-up: both are timed with their caches filled
    t_blank = timed(lambda: list(blank.tokenizer.pipe(texts, batch_size=64)))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    from warta.nlp import load

    t_load = timed(load)
    nlp = load()
    list(nlp.pipe(texts[:50], batch_size=32))
    t_full = timed(lambda: list(nlp.pipe(texts, batch_size=32)))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wps_blank, wps_full = n_words / t_blank, n_words / t_full
    ratio = wps_full / wps_blank

    # end to end as `warta analyze` runs it (extraction, pipeline, records), in 1 and in N processes
    from warta.analyze import analyze_sources
    from warta.sources import SourceDocument

    def sources():
        return (SourceDocument(origin=f"detik-{i}", text=t, id=f"detik-{i}") for i, t in enumerate(texts))

    t_e2e = {jobs: timed(lambda jobs=jobs: list(analyze_sources(sources(), n_process=jobs)))
             for jobs in (1, a.jobs)}
    e2e_rows = "\n".join(f"| `warta analyze`, end to end, {jobs} process{'es' if jobs > 1 else ''} | "
                         f"{n_words / t:,.0f} | {t:.2f} |" for jobs, t in t_e2e.items())
    body = f"""Command: `python benchmarks/nlp.py` ({len(texts)} articles of `detik-2025.jsonl`, {n_words:,} words,
one process, {platform.processor() or platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__}).

| what | words/s | seconds |
|---|---:|---:|
| blank `id` tokenizer | {wps_blank:,.0f} | {t_blank:.2f} |
| full warta pipeline ({", ".join(nlp.pipe_names)}) | {wps_full:,.0f} | {t_full:.2f} |
{e2e_rows}

- Ratio full / blank: **{ratio:.3f}** (floor 0.15, goal 0.20), both in one process.
- `warta analyze -j {a.jobs}` over `-j 1`: {t_e2e[1] / t_e2e[a.jobs]:.2f}× (worker processes, records in input order).
- Pipeline load time: {t_load:.2f} s.
- Peak memory (max RSS of the process): **{peak_mib:,.0f} MiB** (floor 1 GiB; {rss_before / 1024:,.0f} MiB before loading warta).
"""
    print(body)
    if not a.no_write:
        print("wrote", write_section("performance.md", "NLP pipeline", body))


if __name__ == "__main__":
    main()
