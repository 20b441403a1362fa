"""Train warta's Indonesian spaCy pipeline, reproducibly.

    python training/train.py --shared ../shared          # from /work/main

Steps: convert the data into training/corpus/ (gitignored), train one
spaCy pipeline (shared tok2vec + morphologizer + parser + ner,
training/config.cfg) on the UD and NER corpora jointly (partial
annotation), copy model-best to src/warta/data/model/, evaluate it on the
test splits (training/evaluate.py) and write training/scores.json.

Never trained on: the evaluation splits (GSD test, CSUI test, NER-UI test.01,
idner-news-2k dev). The shipped model also trains on 80 % of GSD dev
(`convert.gsd_dev_train_share`, the only current-annotation GSD data) and on UD
PUD (`convert.use_pud`); dev scoring (model selection) uses the other fifth of
GSD dev, a tenth of CSUI train, NER-UI dev.01 and NERGrit valid.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402
from confection import Config  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import warta.nlp.tokenizer  # noqa: E402,F401  (registers the tokenizer)
from data import (  # noqa: E402
    gsd_old_sentences,
    marker_table,
    ner_to_docs,
    nlpid_pos_sentences,
    pos_to_docs,
    read_conllu,
    read_ner,
    split_bracketed,
    sentences_to_docs,
    temporal_words,
    upos_table,
)

CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
MODEL_DIR = ROOT / "src" / "warta" / "data" / "model"


def save(docs, path: Path) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for d in docs:
        db.add(d)
        n += 1
    db.to_disk(path)
    return n


def split(sents: list, share: float, rng: random.Random) -> tuple[list, list]:
    """A seeded share of `sents` and the rest, each in the original order."""
    idx = list(range(len(sents)))
    rng.shuffle(idx)
    taken = set(idx[: int(len(sents) * share)])
    return [s for i, s in enumerate(sents) if i in taken], [s for i, s in enumerate(sents) if i not in taken]


def convert(shared: Path, settings: dict, corpus: Path) -> dict:
    corpus.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("id").vocab
    ud = shared / "data" / "ud"
    ner = shared / "data" / "ner"
    c = settings["convert"]
    n_ud, n_ner = c["ud_sents_per_doc"], c["ner_sents_per_doc"]
    rng = random.Random(c["seed"])
    stats = {}

    csui = list(read_conllu(ud / "id_csui-ud-train.conllu"))
    # optional held-out slice of CSUI train for dev scoring (CSUI has no dev split)
    csui_dev, csui_train = split(csui, c["csui_dev_holdout"], rng)
    train_sents = csui_train * c["csui_upsample"]
    if c["use_gsd_old"]:
        table = upos_table(csui_train, c["upos_table_min_count"], c["upos_table_min_share"])
        temporal = temporal_words(csui_train, c["tmod_min_count"], c["tmod_min_share"])
        markers = marker_table(csui_train, c["marker_min_count"], c["marker_min_share"])
        old = gsd_old_sentences(
            ud / "id_gsd-ud-train-v2.1-old-annotation.conllu", table, c["gsd_nn_compound_to_nmod"],
            temporal, markers,
        )
        stats["temporal_words"] = len(temporal)
        train_sents += old
        stats["gsd_old_sentences"] = len(old)
    stats["csui_train_sentences"] = len(csui_train)
    # GSD dev is the only current-annotation GSD data: most of it is trained on (the old train
    # file cannot teach current GSD's PROPN/NOUN and compound choices), a seeded slice stays dev
    # (its own random stream: share 0 reproduces the corpus of the shipped model)
    gsd_dev_train, gsd_dev = split(list(read_conllu(ud / "id_gsd-ud-dev.conllu")), c["gsd_dev_train_share"],
                                   random.Random(c["seed"] + 1))
    train_sents += gsd_dev_train * c["gsd_dev_upsample"]
    stats["gsd_dev_train_sentences"] = len(gsd_dev_train)
    if c["use_pud"]:
        # PUD (news and wiki, current annotation, many quotes) is no evaluation split here
        pud = list(read_conllu(ud / "id_pud-ud-test.conllu"))
        train_sents += pud * c["pud_upsample"]
        stats["pud_sentences"] = len(pud)
    rng.shuffle(train_sents)  # sentence order within training docs; seeded
    (corpus / "train").mkdir(exist_ok=True)
    (corpus / "dev").mkdir(exist_ok=True)
    stats["ud_train_docs"] = save(sentences_to_docs(vocab, train_sents, n_ud), corpus / "train" / "ud.spacy")
    stats["ud_dev_docs"] = save(sentences_to_docs(vocab, gsd_dev + csui_dev, n_ud), corpus / "dev" / "ud.spacy")
    save(sentences_to_docs(vocab, gsd_dev, n_ud), corpus / "gsd-dev.spacy")
    if csui_dev:
        save(sentences_to_docs(vocab, csui_dev, n_ud), corpus / "csui-dev.spacy")

    parts = {
        "nerui": list(read_ner(ner / "nerui" / "train.01.tsv")),
        "idner": [split_bracketed(s) if c["ner_split_brackets"] else s
                  for s in read_ner(ner / "idner-news-2k" / "train.txt")],
        "nergrit": list(read_ner(ner / "nergrit" / "train.txt")),
    }
    ner_train = []
    for name, sents in parts.items():
        ner_train += sents * c[f"{name}_upsample"]
    rng.shuffle(ner_train)
    ner_dev = list(read_ner(ner / "nerui" / "dev.01.tsv")) + list(read_ner(ner / "nergrit" / "valid.txt"))
    stats["ner_train_docs"] = save(ner_to_docs(vocab, ner_train, n_ner), corpus / "train" / "ner.spacy")
    stats["ner_dev_docs"] = save(ner_to_docs(vocab, ner_dev, n_ner), corpus / "dev" / "ner.spacy")
    if c["nlpid_pos_sentences"]:
        # news-domain POS data for the tagger only (parser/NER skip these docs)
        text = nlpid_postag_text(corpus.parent / "wheels")
        table = upos_table(csui_train, c["upos_table_min_count"], c["upos_table_min_share"])
        pos = list(nlpid_pos_sentences(text, table))
        rng.shuffle(pos)
        pos = pos[: c["nlpid_pos_sentences"]]
        stats["nlpid_pos_docs"] = save(pos_to_docs(vocab, pos, n_ud), corpus / "train" / "pos.spacy")
    # test splits are never written here: evaluate.py reads them on the fly
    return stats


NLPID_WHEEL = "nlp-id==0.1.23.0"  # MIT; its data/dataset_postag.txt is ~33k tagged news sentences


def nlpid_postag_text(cache: Path) -> str:
    """dataset_postag.txt from the nlp-id wheel on PyPI (fetched once into `cache` with
    `pip download --no-deps`; training only, never at run time)."""
    import zipfile

    cache.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache.glob("nlp_id-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(cache),
                        NLPID_WHEEL], check=True)
        wheels = sorted(cache.glob("nlp_id-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as z:
        return z.read("nlp_id/data/dataset_postag.txt").decode("utf8")


def train_one(config: Path, output: Path, overrides: dict, threads: int) -> subprocess.Popen:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        env[var] = str(threads)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    code = (
        "import sys, json, warta.nlp.tokenizer\n"
        "from spacy.cli.train import train\n"
        "train(sys.argv[1], sys.argv[2], overrides=json.loads(sys.argv[3]), use_gpu=-1)\n"
    )
    output.mkdir(parents=True, exist_ok=True)
    log = open(output / "train.log", "w")
    return subprocess.Popen(
        [sys.executable, "-c", code, str(config), str(output), json.dumps(overrides)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )


def spacy_range() -> str:
    """The spaCy versions pyproject.toml admits, for the model's meta.

    spaCy writes ">=<running version>,<next minor>" by default, which warns
    against the older releases the package itself accepts."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        name, _, versions = requirement.partition(">")
        if name.strip() == "spacy":
            return ">" + versions
    raise ValueError("pyproject.toml names no spacy requirement")


def ship(model_dir: Path, target: Path, meta_extra: dict) -> None:
    nlp = spacy.load(model_dir)
    nlp.meta.update(
        {
            "spacy_version": spacy_range(),
            "name": "warta_id",
            "version": "0.1.0",
            "description": "warta's Indonesian news pipeline: tokenizer, UPOS, dependency parse, "
            "sentences, NER (PERSON, ORG, LOC). Load after `import warta.nlp.tokenizer`.",
            "license": "CC BY-SA 4.0",
            "author": "warta",
            "sources": [
                {"name": "UD Indonesian-CSUI (train)", "license": "CC BY-SA 4.0"},
                {"name": "UD Indonesian-GSD v2.1 train (annotation mapped)", "license": "CC BY-SA 4.0"},
                {"name": "NER-UI (IndoLEM fold 1, train)", "license": "CC BY 4.0"},
                {"name": "idner-news-2k (train)", "license": "MIT"},
                {"name": "NERGrit (IndoNLU, train)", "license": "MIT"},
            ],
        }
    )
    nlp.meta.update(meta_extra)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)


DEV_WEIGHTS = {"pos_acc": 0.15, "dep_las": 0.35, "sents_f": 0.1, "ents_f": 0.4}


def select_model(output: Path, corpus: Path) -> tuple[Path, dict]:
    """Pick model-best or model-last by dev scores computed per corpus.

    spaCy's in-training dev score mixes the UD and NER dev documents, and
    its dependency scores come out wrong for such a mix, so the choice is
    re-done here with UD dev (GSD dev + CSUI held-out) and NER dev (NER-UI
    dev.01 + NERGrit valid) scored separately, weights as in config.cfg.
    """
    from spacy.training import Example

    results = {}
    for name in ("model-best", "model-last"):
        nlp = spacy.load(output / name)
        row = {}
        for part in ("ud", "ner"):
            docs = list(DocBin().from_disk(corpus / "dev" / f"{part}.spacy").get_docs(nlp.vocab))
            sc = nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in docs])
            row.update({k: sc[k] for k in DEV_WEIGHTS if sc.get(k) is not None})
        row["score"] = sum(w * row.get(k, 0.0) for k, w in DEV_WEIGHTS.items())
        results[name] = {k: round(v, 4) for k, v in row.items()}
    best = max(results, key=lambda n: results[n]["score"])
    return output / best, results


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--quick", action="store_true", help="short run for an early model")
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-train", action="store_true", help="assemble/evaluate existing output")
    ap.add_argument("--no-ship", action="store_true", help="(experiments) do not copy/evaluate the model")
    ap.add_argument("--name", default="", help="(experiments) suffix for corpus/ and output/ dirs")
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg",
                    help="(experiments) another training config, e.g. a different architecture")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="(experiments) override a data.cfg value")
    ap.add_argument("--override", action="append", default=[], metavar="KEY=JSON",
                    help="(experiments) override a training config value, e.g. training.max_steps=1000")
    args = ap.parse_args()
    shared = args.shared.resolve()
    os.chdir(ROOT)
    settings = Config().from_disk(HERE / "data.cfg")
    for item in args.set:
        key, value = item.split("=", 1)
        section, name = key.split(".")
        settings[section][name] = json.loads(value)
    corpus = CORPUS if not args.name else CORPUS.parent / "corpus" / args.name
    output = OUTPUT if not args.name else OUTPUT.parent / "runs" / args.name
    random.seed(settings["convert"]["seed"])
    t0 = time.time()
    info: dict = {}
    if not args.skip_convert:
        info["convert"] = convert(shared, settings, corpus)
        print("converted:", info["convert"], flush=True)
    t_conv = time.time() - t0

    overrides: dict = {}
    if args.quick:
        steps = settings["train"]["quick_max_steps"]
        overrides = {"training.max_steps": steps, "training.eval_frequency": steps // 2}
    for item in args.override:
        key, value = item.split("=", 1)
        overrides[key] = json.loads(value)
    t1 = time.time()
    if not args.skip_train:
        o = dict(overrides)
        o["paths.train"] = str(corpus / "train")
        o["paths.dev"] = str(corpus / "dev")
        proc = train_one(args.config.resolve(), output, o, settings["train"]["threads"])
        if proc.wait() != 0:
            sys.exit(f"training failed, see {output / 'train.log'}")
    t_train = time.time() - t1
    print(f"trained in {t_train:.0f}s", flush=True)
    if args.no_ship:
        return
    chosen, dev_scores = select_model(output, corpus)
    print("dev scores:", json.dumps(dev_scores), "-> shipping", chosen.name, flush=True)
    ship(chosen, MODEL_DIR, {"warta_training": {"quick": args.quick, "train_seconds": round(t_train),
                                                "checkpoint": chosen.name}})
    from evaluate import evaluate_all, load_scored, measure_speed, print_table  # noqa: E402

    nlp = load_scored(MODEL_DIR)
    scores = evaluate_all(nlp, shared)
    scores["_speed"] = measure_speed(nlp, shared)
    scores["_meta"] = {
        "command": "python training/train.py " + " ".join(sys.argv[1:]),
        "quick": args.quick,
        "convert_seconds": round(t_conv),
        "train_seconds": round(t_train),
        "total_seconds": round(time.time() - t0),
        "model_bytes": dir_size(MODEL_DIR),
        "convert": info.get("convert"),
    }
    (HERE / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf8")
    print_table(scores)
    print("speed:", scores["_speed"])
    print(f"model: {MODEL_DIR} ({dir_size(MODEL_DIR) / 1e6:.1f} MB); total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
