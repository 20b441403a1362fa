"""Score the shipped warta pipeline on the held-out test splits.

    python training/evaluate.py --shared ../shared [--model src/warta/data/model]

The model runs as `warta.nlp.load_base()` runs it, with warta_sentence_hints
before the parser and warta_sentence_repair after it. Texts are re-tokenized by the
pipeline's own tokenizer (raw-text setting), gold annotation is aligned by spaCy. UD: UPOS
accuracy, UAS, LAS (spaCy's scorer: punctuation excluded), sentence P/R/F1 on GSD test and CSUI test
(10 sentences per document). NER: P/R/F1 over PERSON/ORG/LOC on NER-UI
test.01 and idner-news-2k dev.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402
from spacy.training import Example  # noqa: E402

import warta.nlp.tokenizer  # noqa: E402,F401
from warta.nlp.sentences import add_sentence_hints  # noqa: E402
from data import ner_to_docs, read_conllu, read_ner, sentences_to_docs  # noqa: E402

UD_SETS = {"gsd-test": "id_gsd-ud-test.conllu", "csui-test": "id_csui-ud-test.conllu"}
NER_SETS = {"nerui-test.01": "nerui/test.01.tsv", "idner-news-2k-dev": "idner-news-2k/dev.txt"}


def _examples(nlp, docs):
    return [Example(nlp.make_doc(d.text), d) for d in docs]


def load_scored(model: Path):
    """The model as warta.nlp.load_base() runs it: with the sentence hints before the parser and
    the repair after it."""
    return add_sentence_hints(spacy.load(model))


def evaluate_all(nlp, shared: Path) -> dict:
    shared = Path(shared)
    scores: dict = {}
    for name, fn in UD_SETS.items():
        docs = list(sentences_to_docs(nlp.vocab, read_conllu(shared / "data" / "ud" / fn), 10))
        with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
            s = nlp.evaluate(_examples(nlp, docs))
        scores[name] = {k: round(100 * s[k], 2) for k in ("pos_acc", "dep_uas", "dep_las", "sents_p", "sents_r", "sents_f")}
        scores[name]["tokens"] = sum(len(d) for d in docs)
    for name, fn in NER_SETS.items():
        docs = list(ner_to_docs(nlp.vocab, read_ner(shared / "data" / "ner" / fn), 8))
        with nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names]):
            s = nlp.evaluate(_examples(nlp, docs))
        scores[name] = {k: round(100 * s[k], 2) for k in ("ents_p", "ents_r", "ents_f")}
        scores[name]["per_type_f"] = {t: round(100 * v["f"], 2) for t, v in s["ents_per_type"].items()}
    return scores


def measure_speed(nlp, shared: Path, limit: int = 0) -> dict:
    """Words/s (whitespace-separated words) of the full pipeline vs a blank
    spacy.blank("id") tokenizer on the text field of corpus/detik-2025.jsonl,
    one process, nlp.pipe(batch_size=64)."""
    lines = (Path(shared) / "corpus" / "detik-2025.jsonl").read_text(encoding="utf8").split("\n")
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    if limit:
        texts = texts[:limit]
    n_words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("id")
    result = {"words": n_words}
    # each is run twice (the first pass also warms the tokenizer caches); best pass counts
    for name, pipe in (("blank_tokenizer", blank), ("pipeline", nlp)):
        best = 0.0
        for _ in range(2):
            t = time.perf_counter()
            for _doc in pipe.pipe(texts, batch_size=64):
                pass
            best = max(best, n_words / (time.perf_counter() - t))
        result[name + "_wps"] = round(best)
    result["ratio"] = round(result["pipeline_wps"] / result["blank_tokenizer_wps"], 3)
    return result


def print_table(scores: dict) -> None:
    print(f"{'set':<20}{'UPOS':>7}{'UAS':>7}{'LAS':>7}{'sentF':>7}   {'NER P':>7}{'R':>7}{'F1':>7}")
    for name, s in scores.items():
        if name.startswith("_"):
            continue
        if "dep_las" in s:
            print(f"{name:<20}{s['pos_acc']:7.2f}{s['dep_uas']:7.2f}{s['dep_las']:7.2f}{s['sents_f']:7.2f}")
        else:
            print(f"{name:<20}{'':28}   {s['ents_p']:7.2f}{s['ents_r']:7.2f}{s['ents_f']:7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", type=Path, default=ROOT / "src" / "warta" / "data" / "model")
    ap.add_argument("--json", type=Path, help="also write the scores here")
    ap.add_argument("--speed", action="store_true", help="also measure words/s vs blank tokenizer")
    args = ap.parse_args()
    nlp = load_scored(args.model)
    t = time.time()
    scores = evaluate_all(nlp, args.shared)
    print_table(scores)
    print(f"({time.time() - t:.0f}s)")
    if args.speed:
        scores["_speed"] = measure_speed(nlp, args.shared)
        print("speed:", scores["_speed"])
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
