"""Held-out check of `warta_entities`: mention-level P/R/F1 on NER test splits never trained on.

    python benchmarks/entities.py [--shared ../shared] [--limit 800] [--modes auto hybrid never] [--no-write]

The public gold has 8 articles and guided the rules; NER-UI test (fold 1) and idner-news-2k dev are
held out from training, so they show how each `fallback` setting generalises. Each sentence is
the gold tokens joined by spaces; a mention counts when its (start, end, type) equals a gold span.
The raw NER of the base model is scored beside it. Figures go to docs/accuracy.md, section
"Entities (held-out)".
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.report import write_section  # noqa: E402

LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "ORG": "ORG",
          "LOCATION": "LOC", "LOC": "LOC", "PLACE": "LOC"}
SETS = {"NER-UI test.01": "data/ner/nerui/test.01.tsv", "idner-news-2k dev": "data/ner/idner-news-2k/dev.txt"}


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, BIO tags) per sentence; the tag is the last column, the token the first."""
    sents, toks, tags = [], [], []
    for line in path.open(encoding="utf-8"):
        parts = line.split()
        if not parts:
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def gold_spans(toks: list[str], tags: list[str]) -> set[tuple[int, int, str]]:
    offsets, pos = [], 0
    for t in toks:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    spans, start, label = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag.startswith("I-") and start is not None and tag[2:] == label
        if start is not None and not inside:
            spans.add((offsets[start][0], offsets[i - 1][1], LABELS.get(label, label)))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p, r = tp / max(n_sys, 1), tp / max(n_gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--limit", type=int, default=800, help="sentences per set")
    ap.add_argument("--modes", nargs="+", default=["auto", "hybrid", "never"])
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    import warta.nlp as wn

    wn.register_components()
    rows = []
    for set_name, rel in SETS.items():
        sents = read_conll(Path(a.shared) / rel)[: a.limit]
        texts = [" ".join(t) for t, _ in sents]
        golds = [gold_spans(t, g) for t, g in sents]
        n_gold = sum(map(len, golds))
        for mode in a.modes:
            nlp = wn.load_base()
            nlp.add_pipe("warta_entities", config={"fallback": mode})
            tp = n_sys = tp_ner = n_ner = 0
            for gold, doc in zip(golds, nlp.pipe(texts, batch_size=64)):
                ours = {(m.start, m.end, e.type) for e in doc._.entities for m in e.mentions}
                ner = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
                tp, n_sys = tp + len(gold & ours), n_sys + len(ours)
                tp_ner, n_ner = tp_ner + len(gold & ner), n_ner + len(ner)
            rows.append((set_name, f"warta_entities, fallback={mode}", *prf(tp, n_sys, n_gold)))
        rows.append((set_name, "base model NER alone", *prf(tp_ner, n_ner, n_gold)))
    table = "\n".join(f"| {s} | {w} | {p:.3f} | {r:.3f} | {f:.3f} |" for s, w, p, r, f in rows)
    body = f"""Command: `python benchmarks/entities.py` (first {a.limit} sentences of each held-out split,
mention spans compared exactly with type).

| held-out set | system | P | R | F1 |
|---|---|---:|---:|---:|
{table}
"""
    print(body)
    if not a.no_write:
        print("wrote", write_section("accuracy.md", "Entities (held-out)", body))


if __name__ == "__main__":
    main()
