"""Extraction speed (and, with --accuracy, extraction quality) of warta vs trafilatura alone.

    python benchmarks/extract.py [--shared ../shared] [--rounds 5] [--no-write]
    python benchmarks/extract.py --accuracy [--shared ../shared] [--no-write]

Speed: pages/s for the HTML pages in shared/html (repeated `--rounds` times) through
warta.extract.extract (DOM portal layer + trafilatura + line layer), and trafilatura.extract alone
on the same pages in the same run; articles/s for the texts of shared/corpus/detik-2025.jsonl
through warta.extract.extract. No NLP pipeline. Figures go to the "Extraction" section of
docs/performance.md.

Accuracy: the reference scorer (shared/eval/score.py --outputs) on records written by warta's
extraction and by trafilatura alone (its text, title, author and date), for shared/eval/html and
shared/eval/public. Figures go to the "Extraction" section of docs/accuracy.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.report import write_section  # noqa: E402


def html_sources(shared: Path):
    from warta.sources import read_sources

    pages = sorted((shared / "html").rglob("*.html"))
    return [s for s in read_sources([str(p) for p in pages]) if not s.error]


def text_sources(shared: Path):
    from warta.sources import read_sources

    return [s for s in read_sources([str(shared / "corpus" / "detik-2025.jsonl")]) if not s.error]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def speed(shared: Path, rounds: int) -> str:
    import trafilatura

    from warta.extract import ExtractionError, extract

    pages = html_sources(shared)
    texts = text_sources(shared)

    def run_warta(sources):
        for s in sources:
            try:
                extract(s)
            except ExtractionError:
                pass

    def run_trafilatura():
        for s in pages:
            trafilatura.extract(s.html)

    run_warta(pages[:2])  # warm up (imports, compiled patterns)
    trafilatura.extract(pages[0].html)
    n_pages = len(pages) * rounds
    t_warta = sum(timed(lambda: run_warta(pages)) for _ in range(rounds))
    t_traf = sum(timed(run_trafilatura) for _ in range(rounds))
    t_text = timed(lambda: run_warta(texts))
    warta_pps, traf_pps = n_pages / t_warta, n_pages / t_traf
    text_aps = len(texts) / t_text
    words = sum(len((s.text or "").split()) for s in texts)
    return (
        "Command: `python benchmarks/extract.py` (extraction only, no NLP pipeline; one process, "
        f"{platform.python_implementation()} {platform.python_version()}).\n\n"
        "| input | warta.extract | trafilatura.extract alone | ratio |\n|---|---|---|---|\n"
        f"| HTML: {len(pages)} pages of shared/html × {rounds} rounds | {warta_pps:.1f} pages/s | "
        f"{traf_pps:.1f} pages/s | {warta_pps / traf_pps:.2f}× |\n"
        f"| text: {len(texts)} articles of detik-2025.jsonl | {text_aps:,.0f} articles/s "
        f"({words / t_text:,.0f} words/s) | n/a (plain text) | |\n\n"
        "warta's HTML path is the DOM portal layer (related blocks, credits, headline, visible date) plus "
        "trafilatura plus the line layer; the ratio is warta's speed over trafilatura's on the same pages "
        "in the same run. warta runs trafilatura without its metadata pass (it reads headline, credits and "
        "date itself, and calls htmldate only when the page shows no date line with a time), which is why it "
        "can be faster than `trafilatura.extract` with its defaults. The text path is the line layer only. "
        "Absolute figures depend on the load of the shared machine; the ratio is measured in one run."
    )


# ---- accuracy -----------------------------------------------------------------------------------

def _record_warta(source) -> dict:
    from warta.extract import ExtractionError, extract

    try:
        ex = extract(source)
    except ExtractionError as e:
        return {"error": str(e)}
    return {"text": ex.text, "title": ex.title, "published": ex.published, "outlet": ex.outlet,
            "dateline": ex.dateline, "authors": ex.authors, "editors": ex.editors,
            "related": [{"label": r.label, "title": r.title} for r in ex.related]}


def _record_raw(source) -> dict:
    """The baseline for plain text: the scraped text as it came, its first line as the title."""
    first, _, rest = (source.text or "").strip().partition("\n")
    return {"text": rest if source.title_from_first_line else source.text, "title": first.strip()}


def _record_trafilatura(source) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(source.html, with_metadata=True)
    if doc is None:
        return {}
    return {"text": doc.text or "", "title": doc.title, "published": doc.date,
            "authors": [a.strip() for a in (doc.author or "").split(";") if a.strip()]}


def _score(shared: Path, gold_dir: Path, make) -> str:
    from warta.sources import read_sources

    out = Path(tempfile.mkdtemp(prefix="warta-extract-"))
    for g in sorted(gold_dir.glob("*.json")):
        gold = json.loads(g.read_text("utf-8"))
        source = next(iter(read_sources([str(shared / gold["file"])])))
        (out / f"{gold['id']}.json").write_text(json.dumps(make(source), ensure_ascii=False), "utf-8")
    r = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold_dir), "--shared", str(shared),
                        "--outputs", str(out)], capture_output=True, text=True, check=True)
    body = next(line for line in r.stdout.splitlines() if line.startswith("body:"))
    last = r.stdout.strip().splitlines()[-1]
    figures = dict(kv.split("=") for kv in last.split() if "=" in kv)
    return body.removeprefix("body: "), figures


def accuracy(shared: Path) -> str:
    rows = []
    for name in ("html", "public"):
        gold = shared / "eval" / name
        baseline = ("trafilatura alone", _record_trafilatura) if name == "html" else \
            ("raw text, no portal layer", _record_raw)
        for who, make in (("warta", _record_warta), baseline):
            counts, f = _score(shared, gold, make)
            rows.append(f"| {name} | {who} | {f['body_kept']} | {f['leaked']} | {f['meta']} | {f['related']} "
                        f"| {counts} |")
    return (
        "Command: `python benchmarks/extract.py --accuracy` (records from `warta.extract` and from "
        "`trafilatura.bare_extraction` alone, scored by `../shared/eval/score.py --outputs`).\n\n"
        "| gold | system | body kept | boilerplate leaked | metadata | related | counts |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        "trafilatura reads HTML only, so on the plain-text public gold the baseline is the scraped text as it "
        "came (first line as title). The one leaked "
        "boilerplate string on the HTML gold is a pull quote whose words also stand in the body "
        "(the scorer matches normalised substrings, so it cannot be told apart). End to end, "
        "`warta analyze` gives the same extraction figures (reference scorer with `--batch-cmd`)."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--accuracy", action="store_true", help="measure quality on the gold instead of speed")
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    shared = Path(a.shared)
    if a.accuracy:
        body = accuracy(shared)
        print(body)
        if not a.no_write:
            print("written to", write_section("accuracy.md", "Extraction", body))
        return
    body = speed(shared, a.rounds)
    print(body)
    if not a.no_write:
        print("written to", write_section("performance.md", "Extraction", body))


if __name__ == "__main__":
    main()
