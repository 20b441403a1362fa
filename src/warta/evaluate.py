"""Score article records against gold records, as shared/eval/GUIDELINE.md defines the matching.

`warta eval GOLD...` runs the current pipeline in-process on every gold file's article and prints
the same figures as the reference scorer (shared/eval/score.py) on the same inputs.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# ranks and honorifics that may stand before a name; they are not part of it (GUIDELINE: speakers)
NAME_TITLES = frozenset("ajun komisaris besar kombes akbp kompol iptu ipda aiptu brigjen irjen komjen jenderal "
                        "mayjen letjen kolonel letkol mayor kapten dr prof ir h hj kh drs sh mh se mm bapak ibu "
                        "pak bu inspektur polisi".split())

# units compared by meaning: currencies as ISO codes, percent signs as "persen"
UNIT_KEYS = {"rp": "idr", "rupiah": "idr", "idr": "idr", "usd": "usd", "us": "usd", "dolar": "usd",
             "dollar": "usd", "dolar as": "usd", "dolar amerika": "usd", "dolar amerika serikat": "usd",
             "sgd": "sgd", "dolar singapura": "sgd", "eur": "eur", "euro": "eur", "%": "persen",
             "persen": "persen", "percent": "persen", "prosen": "persen", "$": "usd", "us$": "usd",
             "us $": "usd"}


def normalize(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def dice(a: str, b: str) -> float:
    ca, cb = Counter(normalize(a).split()), Counter(normalize(b).split())
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 0.0


def same_speaker(system: str, gold: str) -> bool:
    s, g = set(normalize(system).split()) - NAME_TITLES, set(normalize(gold).split()) - NAME_TITLES
    if not s or not g:
        return False
    return s == g or (s <= g and len(s) >= min(2, len(g)) and len(s) >= len(g) - 1)


def unit_key(unit: str | None) -> str:
    u = " ".join(unicodedata.normalize("NFKC", unit or "").lower().split())
    return UNIT_KEYS.get(u, normalize(u) or u)


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def greedy_match(gold: list, system: list, sim: Callable, threshold: float) -> list[tuple[int, int]]:
    """Pairs (gold index, system index), best similarity first, each item used once."""
    scored = sorted(((sim(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)), reverse=True)
    used_g, used_s, pairs = set(), set(), []
    for value, gi, si in scored:
        if value < threshold or gi in used_g or si in used_s:
            continue
        used_g.add(gi), used_s.add(si), pairs.append((gi, si))
    return pairs


def _speaker_names(quote: dict) -> list[str]:
    names, sp = [], quote.get("speaker")
    if isinstance(sp, dict) and sp.get("name"):
        names.append(sp["name"])
    elif isinstance(sp, str):
        names.append(sp)
    names += [x["name"] if isinstance(x, dict) else x for x in quote.get("speakers") or []]
    return names


def _gold_speakers(quote: dict) -> list[str]:
    return [quote["speaker"]] if quote.get("speaker") else list(quote.get("speakers") or [])


def _actor_keys(actors) -> set[str]:
    keys = set()
    for a in actors or []:
        if isinstance(a, str):
            keys.add(normalize(a))
            continue
        keys |= {normalize(a[k]) for k in ("country", "name") if a.get(k)}
    return keys


@dataclass
class Report:
    articles: int = 0
    failed: int = 0
    t: Counter = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        t = self.t
        ratio = lambda a, b: a / b if b else 1.0  # noqa: E731
        qp, qr, qf = prf(t["q_tp"], t["q_sys"], t["q_gold"])
        ep, er, ef = prf(t["q_spk_ok"], t["q_sys"], t["q_gold"])
        cp, cr, cf = prf(t["c_tp"], t["c_sys"], t["c_gold"])
        sp, sr, _ = prf(t["cs_tp"], t["cs_sys"], t["cs_gold"])
        vp, vr, vf = prf(t["e_tp"], t["e_sys"], t["e_gold"])
        np_, nr, nf = prf(t["n_tp"], t["n_sys"], t["n_gold"])
        return {"quote_p": qp, "quote_r": qr, "quote_f1": qf, "e2e_p": ep, "e2e_r": er, "e2e_quote_f1": ef,
                "speaker_acc": t["q_spk_ok"] / t["q_tp"] if t["q_tp"] else 0.0,
                "kind_acc": t["q_kind_ok"] / t["q_tp"] if t["q_tp"] else 0.0,
                "claim_p": cp, "claim_r": cr, "claim_f1": cf, "claim_src_p": sp, "claim_src_r": sr,
                "event_p": vp, "event_r": vr, "event_f1": vf, "entity_p": np_, "entity_r": nr, "entity_f1": nf,
                "body_kept": ratio(t["body_found"], t["body_total"]),
                "leaked": ratio(t["boiler_leaked"], t["boiler_total"]) if t["boiler_total"] else 0.0,
                "meta": ratio(t["meta_ok"], t["meta_total"]), "related": ratio(t["rel_ok"], t["rel_total"])}

    def summary(self) -> str:
        t, f = self.t, self.figures()
        return "\n".join([
            f"articles={self.articles} failed={self.failed}",
            f"body: kept {t['body_found']}/{t['body_total']}, boilerplate leaked {t['boiler_leaked']}/{t['boiler_total']}, "
            f"metadata {t['meta_ok']}/{t['meta_total']}, related {t['rel_ok']}/{t['rel_total']}",
            f"quotes: P={f['quote_p']:.2f} R={f['quote_r']:.2f} F1={f['quote_f1']:.2f} (gold {t['q_gold']}, sys {t['q_sys']}); "
            f"speaker acc on matched={f['speaker_acc']:.2f}; kind acc={f['kind_acc']:.2f}",
            f"quotes end-to-end (content+speaker): P={f['e2e_p']:.2f} R={f['e2e_r']:.2f} F1={f['e2e_quote_f1']:.2f}",
            f"claims: P={f['claim_p']:.2f} R={f['claim_r']:.2f} F1={f['claim_f1']:.2f}; sources P={f['claim_src_p']:.2f} "
            f"R={f['claim_src_r']:.2f}; stances {t['st_tp']}/{t['st_gold']} (sys {t['st_sys']})",
            f"events: P={f['event_p']:.2f} R={f['event_r']:.2f} F1={f['event_f1']:.2f} (required gold {t['e_gold']})",
            f"entities: P={f['entity_p']:.2f} R={f['entity_r']:.2f} F1={f['entity_f1']:.2f}",
            f"e2e_quote_f1={f['e2e_quote_f1']:.2f} quote_f1={f['quote_f1']:.2f} speaker_acc={f['speaker_acc']:.2f} "
            f"claim_f1={f['claim_f1']:.2f} claim_src_p={f['claim_src_p']:.2f} claim_src_r={f['claim_src_r']:.2f} "
            f"event_f1={f['event_f1']:.2f} entity_f1={f['entity_f1']:.2f} body_kept={f['body_kept']:.2f} "
            f"leaked={f['leaked']:.2f} meta={f['meta']:.2f} related={f['related']:.2f} failed={self.failed}",
        ])

    # -- one article ------------------------------------------------------------------------------
    def add(self, gold: dict, out: dict) -> None:
        if gold.get("scope") == "direct_quotes":  # only direct quotes are annotated there
            out = {"quotes": [q for q in out.get("quotes") or [] if q.get("kind") in ("direct", "mixed")]}
            gold = {"id": gold["id"], "quotes": gold["quotes"]}
        self._text(gold, out)
        self._metadata(gold, out)
        if "quotes" in gold:
            self._quotes(gold, out)
        if "claims" in gold:
            self._claims(gold, out)
        if "events" in gold:
            self._events(gold, out)
        if "entities" in gold:
            g = {(normalize(e["name"]), e["type"]) for e in gold["entities"]}
            s = {(normalize(e.get("name", "")), e.get("type")) for e in out.get("entities") or []}
            self.t.update(n_gold=len(g), n_sys=len(s), n_tp=len(g & s))
            self.details += [f"{gold['id']}: entity missed {n} {ty}" for n, ty in sorted(g - s)]
            self.details += [f"{gold['id']}: entity spurious {n} {ty}" for n, ty in sorted(s - g, key=str)]

    def _text(self, gold: dict, out: dict) -> None:
        gid, text = gold["id"], normalize(out.get("text"))
        for b in gold.get("boilerplate", []):
            self.t["boiler_total"] += 1
            if normalize(b) and normalize(b) in text:
                self.t["boiler_leaked"] += 1
                self.details.append(f"{gid}: boilerplate leaked: {b[:60]}")
        for b in gold.get("body_must_contain", []):
            self.t["body_total"] += 1
            if normalize(b) in text:
                self.t["body_found"] += 1
            else:
                self.details.append(f"{gid}: body lost: {b[:60]}")

    def _metadata(self, gold: dict, out: dict) -> None:
        gid, t = gold["id"], self.t
        for key in ("title", "outlet", "dateline"):
            if gold.get(key):
                t["meta_total"] += 1
                if normalize(out.get(key)) == normalize(gold[key]):
                    t["meta_ok"] += 1
                else:
                    self.details.append(f"{gid}: {key} {out.get(key)!r} != {gold[key]!r}")
        if gold.get("published"):
            t["meta_total"] += 1
            if str(out.get("published") or "")[:10] == gold["published"][:10]:
                t["meta_ok"] += 1
            else:
                self.details.append(f"{gid}: published {out.get('published')!r} != {gold['published']!r}")
        for key in ("editors", "authors"):
            for name in gold.get(key, []):
                t["meta_total"] += 1
                if any(normalize(x) == normalize(name) for x in out.get(key) or []):
                    t["meta_ok"] += 1
                else:
                    self.details.append(f"{gid}: {key} missing {name}")
        related = {normalize(r.get("title", "")) if isinstance(r, dict) else normalize(r) for r in out.get("related") or []}
        for r in gold.get("related_titles", []):
            t["rel_total"] += 1
            if normalize(r) in related:
                t["rel_ok"] += 1
            else:
                self.details.append(f"{gid}: related missing {r[:50]}")

    def _quotes(self, gold: dict, out: dict) -> None:
        gid, gq, sq = gold["id"], gold.get("quotes", []), out.get("quotes") or []
        pairs = greedy_match(gq, sq, lambda g, s: dice(g["content"], s.get("content", "")), 0.5)
        self.t.update(q_gold=len(gq), q_sys=len(sq), q_tp=len(pairs))
        for gi, si in pairs:
            gnames, snames = _gold_speakers(gq[gi]), _speaker_names(sq[si])
            ok = bool(gnames) and all(any(same_speaker(s, g) for s in snames) for g in gnames) \
                and all(any(same_speaker(s, g) for g in gnames) for s in snames)
            self.t["q_spk_ok"] += ok
            self.t["q_kind_ok"] += sq[si].get("kind") == gq[gi]["kind"]
            if not ok:
                self.details.append(f"{gid}: speaker {snames} != {gnames} for '{gq[gi]['content'][:40]}'")
        matched_g, matched_s = {g for g, _ in pairs}, {s for _, s in pairs}
        self.details += [f"{gid}: quote missed ({g['kind']}, {_gold_speakers(g)}): {g['content'][:50]}"
                         for i, g in enumerate(gq) if i not in matched_g]
        self.details += [f"{gid}: quote spurious {_speaker_names(s)}: {s.get('content', '')[:50]}"
                         for i, s in enumerate(sq) if i not in matched_s]

    def _claims(self, gold: dict, out: dict) -> None:
        gid, gc, sc = gold["id"], gold.get("claims", []), out.get("claims") or []

        def same_claim(g: dict, s: dict) -> float:
            try:
                gv, sv = float(g["value"]), float(s.get("value"))
            except (TypeError, ValueError):
                return 0.0
            return float(abs(sv - gv) <= 1e-9 * max(1.0, abs(gv)) and unit_key(s.get("unit")) == unit_key(g["unit"]))

        pairs = greedy_match(gc, sc, same_claim, 1.0)
        self.t.update(c_gold=len(gc), c_sys=len(sc), c_tp=len(pairs))
        for gi, si in pairs:
            g, s = gc[gi], sc[si]
            gs = {normalize(x) for x in g.get("sources", [])}
            ss = {normalize(x["name"] if isinstance(x, dict) else x) for x in s.get("sources") or []}
            self.t.update(cs_gold=len(gs), cs_sys=len(ss), cs_tp=len(gs & ss))
            self.t["c_approx_ok"] += bool(g.get("approximate")) == bool(s.get("approximate"))
            gst = [({normalize(w) for w in (x["who"] if isinstance(x["who"], list) else [x["who"]])}, x["stance"])
                   for x in g.get("stances", [])]
            sst = {(normalize(x.get("who", "")), x.get("stance")) for x in s.get("stances") or []}
            self.t.update(st_gold=len(gst), st_sys=len(sst),
                          st_tp=sum(1 for names, st in gst if any((n, st) in sst for n in names)))
        matched = {g for g, _ in pairs}
        self.details += [f"{gid}: claim missed {g['value']} {g['unit']}" for i, g in enumerate(gc) if i not in matched]

    def _events(self, gold: dict, out: dict) -> None:
        gid, ge, se = gold["id"], gold.get("events", []), out.get("events") or []

        def same_event(g: dict, s: dict) -> float:
            types = g["type"] if isinstance(g["type"], list) else [g["type"]]
            if s.get("type") not in types:
                return 0.0
            ga, gt = _actor_keys(g.get("actors")), _actor_keys(g.get("targets"))
            sa, st = _actor_keys(s.get("actors")), _actor_keys(s.get("targets"))
            return float(bool(ga & sa) and (not gt or bool(gt & st)))

        pairs = greedy_match(ge, se, same_event, 1.0)
        required = {i for i, g in enumerate(ge) if g.get("required", True)}
        matched_required = {gi for gi, _ in pairs if gi in required}
        optional_hits = {si for gi, si in pairs if gi not in required}
        self.t.update(e_gold=len(required), e_tp=len(matched_required), e_sys=len(se) - len(optional_hits))
        self.details += [f"{gid}: event missed {ge[i]['type']} {ge[i]['actors']}->{ge[i]['targets']}"
                         for i in sorted(required - matched_required)]


def gold_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return files


def evaluate(gold_paths: list[str], shared: str) -> Report:
    """Run the pipeline on every gold file's article and score the records."""
    from warta.analyze import analyze_files

    golds = [json.loads(f.read_text("utf-8")) for f in gold_files(gold_paths)]
    records = list(analyze_files([str(Path(shared) / g["file"]) for g in golds]))
    report = Report(articles=len(golds))
    for gold, record in zip(golds, records):
        if record.error:
            report.failed += 1
            report.details.append(f"{gold['id']}: FAILED {record.error}")
            report.add(gold, {})
        else:
            report.add(gold, record.to_dict())
    return report
