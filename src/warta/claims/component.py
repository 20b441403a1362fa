"""The warta_claims component: fills doc._.claims with warta.record.Claim.

A claim is a sentence that asserts a quantity about the world: a number with a counted noun, a measure, a
currency or a percent (warta.claims.numbers decides which numbers are dates, ages, references, names ...).

Sources, in order of precedence:
1. the speaker(s) of the quote whose content holds the number (doc._.quotes, from warta_quotes), unless the
   quote's cue is a denial ("X membantah bahwa ...": a stance, not an assertion);
2. the names after "menurut …", "laporan dari … yang menyebutkan", "berdasarkan data …" in the sentence;
3. the speaker of an indirect quote earlier in the same paragraph, when the sentence has no quote of its own
   (a paraphrase paragraph goes on in the speaker's voice: "Amran menegaskan, … Saat ini, Indonesia …");
4. none: the outlet's own reporting.

A figure repeated close by (a paraphrase, then the direct quote that states it again) or in a clause about the
same topic is one claim (thresholds: [claims] in data/settings.toml).

Stances (warta.claims.stances) attach to the claim they are about: one in the same sentence; else the nearest
earlier claim when the stance refers back ("laporan tersebut"); else the claim whose clause shares the most
names and words with the stance's sentence. "Tanpa memberikan bukti" only attaches within its own sentence;
a source takes no stance on its own figure.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from warta.claims.numbers import Quantity, claim_quantities, lexicon
from warta.claims.stances import find_sources, find_stances, is_source_marker, refers_back, strip_document_words
from warta.nlp.extensions import doc_text
from warta.record import Claim, Quote, Source, Stance
from warta.settings import get_settings

_PRONOUNS = {"ia", "dia", "beliau", "mereka", "pihaknya"}
_NOT_ASSERTING = {"deny", "neither_confirm_nor_deny", "no_comment"}
_FIRST_PERSON = {"saya", "kami", "kita", "aku", "pihak kami"}
_SENT_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“A-Z0-9])|\n+")
_ENDS = set(".!?…")
#: end punctuation, a space, and a capital or an opening quote: a sentence boundary in the text itself
_SENT_CUT = re.compile(r"[.!?…][\"”’']?\s+(?=[\"“]?[A-Z])")
#: ... unless the period closes an abbreviation or an initial ("Dr.", "No.", "H.", "Jl.")
_ABBREV = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]{0,2}|dll|dsb|dkk|tsb|dst|hlm|vs|sdr|no|bpk|ibu)\.$")
_CLOSING_QUOTES = set("\"”’'")
_CLAUSE_SEP = re.compile(r"[,;:]\s|\s(?:di mana|sementara|sedangkan|namun)\s")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINE_BREAKS = re.compile(r"\n+")


@Language.factory("warta_claims")
def make_claims(nlp: Language, name: str):
    return ClaimFinder()


@dataclass
class _Draft:
    q: Quantity
    sent: tuple[int, int]
    clause: tuple[int, int]
    quote: Quote | None
    sources: list[Source] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)


class ClaimFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = build_claims(doc)
        return doc


def build_claims(doc: Doc) -> list[Claim]:
    doc.user_data[_ENTS_KEY] = _entity_spans(doc)
    try:
        return _build_claims(doc)
    finally:
        doc.user_data.pop(_ENTS_KEY, None)


_ENTS_KEY = "warta_claims.ents"


def _entity_spans(doc: Doc) -> tuple:
    """The article's names as labelled Spans, in text order: warta_entities' mentions when it ran
    (its types stand where the model's NER erred: "Juru bicara Kremlin, Dmitry Peskov" with
    "Dmitry Peskov" tagged LOC), else doc.ents (built anew at each access: read once)."""
    entities = (doc._.entities or []) if Doc.has_extension("entities") else []
    if not entities:
        return tuple(doc.ents)
    spans = []
    for ent in entities:
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, label=ent.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    spans.sort(key=lambda sp: (sp.start, -sp.end))
    return tuple(spans)


def _ents(doc: Doc):
    ents = doc.user_data.get(_ENTS_KEY)
    return ents if ents is not None else _entity_spans(doc)


def _build_claims(doc: Doc) -> list[Claim]:
    text = doc_text(doc)
    sents = _sentences(doc)
    quotes: list[Quote] = list(doc._.quotes or []) if Doc.has_extension("quotes") else []
    pos_of = _pos_lookup(doc)
    drafts: list[_Draft] = []
    for q in claim_quantities(text, pos_of):
        sent = _containing(sents, q.start) or (q.start, q.end)
        quote = next((x for x in quotes if x.start <= q.start and q.end <= x.end), None)
        # the statement stays inside the quote's words
        said = (max(sent[0], quote.start), min(sent[1], quote.end)) if quote is not None else sent
        d = _Draft(q, sent, _clause(text, said, q), quote)
        d.sources = _sources(doc, d, quotes, sents)
        drafts.append(d)
    drafts = _merge_repeats(drafts, text)
    _attach_stances(doc, drafts, sents, quotes)
    claims = []
    for n, d in enumerate(drafts, 1):
        s, e = d.clause
        q = d.q
        claims.append(Claim(id=f"c{n}", value=q.value, unit=q.unit, approximate=q.approximate, statement=text[s:e],
                            start=s, end=e, sources=d.sources, stances=d.stances,
                            quote=d.quote.id if d.quote else None, currency=q.currency, bound=q.bound,
                            value_max=q.value_max, number_text=q.text, number_start=q.start, number_end=q.end))
    return claims


# ---------------------------------------------------------------------------------------------- text units


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans (characters). The parser's boundaries are kept where the text can end a sentence there
    (after . ! ? or a quotation mark closing such a sentence); a paragraph break always ends one; without a
    parse, the text is split on end punctuation."""
    text = doc_text(doc)
    if not doc.has_annotation("SENT_START"):
        spans, a = [], 0
        for m in _SENT_END.finditer(text):
            if m.start() > a:
                spans.append((a, m.start()))
            a = m.end()
        if a < len(text):
            spans.append((a, len(text)))
        return spans
    cuts = {0, len(text)}
    # token columns, not Token objects: only the tokens before the parser's sentence starts are looked at
    idx, length, sent_start = doc.to_array([IDX, LENGTH, SENT_START]).T.tolist()
    for i in [i for i, start in enumerate(sent_start) if start == 1 and i > 0]:  # Token.is_sent_start
        prev_start, prev_end = idx[i - 1], idx[i - 1] + length[i - 1]
        # (a token's trailing whitespace is a space or nothing: a line break is in its text)
        if _can_end(text, prev_end) or "\n" in text[prev_start:prev_end]:
            cuts.add(idx[i])
    cuts.update(m.end() for m in _SENT_CUT.finditer(text) if not _closes_abbreviation(text, m.start()))
    for m in _LINE_BREAKS.finditer(text):
        cuts.update(m.span())
    spans = []
    edges = sorted(cuts)
    for a, b in zip(edges, edges[1:]):
        while a < b and text[a].isspace():
            a += 1
        end = b
        while end > a and text[end - 1].isspace():
            end -= 1
        if end > a:
            spans.append((a, end))
    return spans


def _closes_abbreviation(text: str, period: int) -> bool:
    """The period at `period` closes an abbreviation or an initial (_ABBREV). A match is at most five characters
    long and ends at the period, so only the characters just before it are searched (searching from the start
    of the text made _sentences quadratic); "^" still matches only at the text's real start."""
    return _ABBREV.search(text, max(0, period - 8), period + 1) is not None


def _can_end(text: str, end: int) -> bool:
    """A sentence can end at `end`: after . ! ? …, or a quotation mark closing such a sentence ('."')."""
    if end <= 0:
        return False
    if text[end - 1] in _ENDS:
        return True
    return text[end - 1] in _CLOSING_QUOTES and end >= 2 and text[end - 2] in _ENDS


def _containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    i = bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (e if e >= 0 else len(text))


def _clause(text: str, sent: tuple[int, int], q: Quantity) -> tuple[int, int]:
    """The clause around the number: the sentence cut at commas and clause words, at least six words long."""
    s, e = sent
    seps = [(m.start(), m.end()) for m in _CLAUSE_SEP.finditer(text, s, e)]
    a, b = s, e
    for ms, me in seps:
        if me <= q.full_start:
            a = me
        elif ms >= q.full_end:
            b = ms
            break
    # too short ("sejumlah USD 10 ribu"): widen to the neighbouring clauses
    while len(_WORDS.findall(text[a:b])) < 6 and (a > s or b < e):
        before = [me for ms, me in seps if me < a]
        after = [ms for ms, me in seps if ms > b]
        if a > s:
            a = before[-1] if before else s
        elif b < e:
            b = after[0] if after else e
    while a < b and text[a] in " \t\n\"“”'":
        a += 1
    while b > a and text[b - 1] in " \t\n\"“”'.,;:":
        b -= 1
    # the reported clause starts after "bahwa" ("... mengatakan bahwa 8.000 tentara ...")
    k = text.lower().rfind("bahwa ", a, q.full_start)
    if k >= 0 and (k == 0 or not text[k - 1].isalnum()):
        a = k + 6
    return a, b


def _pos_lookup(doc: Doc):
    if not doc.has_annotation("POS"):
        return None
    # {t.idx: t.pos_ for t in doc}, read from the token columns; the few offsets looked up get their tag's name
    idx, pos = doc.to_array([IDX, POS]).T.tolist()
    pos_at = dict(zip(idx, pos))

    def pos_of(char: int) -> str | None:
        pos_id = pos_at.get(char)
        return None if pos_id is None else POS_NAMES[pos_id]

    return pos_of


# ---------------------------------------------------------------------------------------------- names


def _entity_at(doc: Doc, s: int, e: int):
    """The warta entity with a mention covering most of [s, e), if warta_entities ran ("Australia" does not
    stand for "kantor Perdana Menteri Australia")."""
    entities = (doc._.entities or []) if Doc.has_extension("entities") else []
    best = next((ent for ent in entities for m in ent.mentions
                 if min(e, m.end) - max(s, m.start) >= 0.5 * max(e - s, m.end - m.start)), None)
    if best is not None and best.type == "PERSON":
        return best
    # a person named inside a longer span with titles ("Kabid Humas Polda X Kombes Ani Wijaya")
    inside = [(m.start, ent) for ent in entities if ent.type == "PERSON" for m in ent.mentions
              if s <= m.start and m.end <= e]
    return max(inside, key=lambda x: x[0])[1] if inside else best


def _strip_titles(name: str) -> str:
    """A name without the ranks and role phrases before it (warta.nlp.gazetteer, owned by warta_entities)."""
    try:
        from warta.nlp.gazetteer import strip_titles
    except ImportError:  # pragma: no cover - the gazetteer is optional for this component
        return name
    name = strip_titles(name) or name
    # "Kasat Lantas Polrestabes Medan AKBP I Made Parwita": a person's name follows the last rank or acronym
    words = name.split()
    caps = [i for i, w in enumerate(words) if (len(w) >= 2 and w.isupper() and w.isalpha()) or w.endswith(")")]
    if caps and len(words) - caps[-1] - 1 >= 2 and all(w[0].isupper() for w in words[caps[-1] + 1:]):
        return " ".join(words[caps[-1] + 1:])
    return name


def _starts_with_title(phrase: str) -> bool:
    """The phrase opens with a role, rank or honorific ("Direktur Perencanaan ...")."""
    try:
        from warta.nlp.gazetteer import get_gazetteer
        g = get_gazetteer()
        lower = [w.lower().rstrip(".,") for w in phrase.split()]
        return bool(lower) and bool(g.match_at(lower, 0, g.role_heads) or g.match_at(lower, 0, g.ranks)
                                    or g.match_at(lower, 0, g.honorifics))
    except (ImportError, AttributeError):  # pragma: no cover - the gazetteer is optional for this component
        return False


def _fuller_name(short: str, full: str) -> bool:
    """`full` gives `short` ("Peskov", "Amran Sulaiman") in full ("Dmitry Peskov", "Andi Amran Sulaiman"): a
    short name of one or two words inside a name of at most four capitalised words, no acronym among them."""
    a, b = short.split(), full.split()
    return (len(a) <= 2 and len(a) < len(b) <= 4 and set(a) <= set(b)
            and all(w[:1].isupper() and not (len(w) > 1 and w.isupper()) for w in b))


def _same_referent(ent, name: str) -> bool:
    """A person's name and a mention of them: one ends the other ("Peskov" / "Dmitry Peskov"; "Juru bicara
    Kremlin Dmitry Peskov" / "Dmitry Peskov"). Places and organisations: any mention (an alias: "AS")."""
    if ent.type != "PERSON":
        return True
    a, b = name.split(), ent.name.split()
    return a[-len(b):] == b or b[-len(a):] == a


def _canonical(doc: Doc, name: str, s: int, e: int, quotes: list[Quote]) -> Source:
    ent = _entity_at(doc, s, e)
    if ent is not None and _same_referent(ent, name):
        return Source(name=strip_document_words(ent.name), entity=ent.id)
    toks = name.split()
    # a surname standing for a speaker named in full elsewhere ("Peskov" -> "Dmitry Peskov")
    for q in quotes:
        for sp in [q.speaker, *q.speakers]:
            if sp and sp.name and _fuller_name(name, sp.name):
                return Source(name=sp.name, entity=sp.entity)
    for ent in _ents(doc):
        if ent.label_ == "PERSON" and len(ent.text.split()) > len(toks) and ent.text.split()[-len(toks):] == toks:
            return Source(name=ent.text)
    return Source(name=name)


def _speakers(doc: Doc, q: Quote, quotes: list[Quote]) -> list[Source]:
    """The speakers of a quote as sources; a short name ("Risal") given in full by another quote or by an entity
    of the article is the full one."""
    out = []
    entities = [(e.name, e.id) for e in (doc._.entities or [])] if Doc.has_extension("entities") else []
    for sp in [q.speaker, *q.speakers]:
        name = strip_document_words(sp.name) if sp is not None and sp.name else None
        if not name:
            continue
        entity = sp.entity
        # the mention may name the person in full where the speaker's name was clipped
        full = _strip_titles(sp.mention) if sp.mention else name
        if full != name and full.endswith(" " + name) and len(full.split()) <= 4 \
                and all(w[0].isupper() for w in full.split()):
            name = full
        fuller = [(x.name, x.entity) for other in quotes for x in [other.speaker, *other.speakers]
                  if x is not None and x.name] + entities
        fuller = [(n, e) for n, e in fuller if _fuller_name(name, n)]
        if fuller:
            name, entity = fuller[0][0], fuller[0][1] or entity
        if all(name != x.name for x in out):
            out.append(Source(name=name, entity=entity))
    return out


def _sources(doc: Doc, d: _Draft, quotes: list[Quote], sents) -> list[Source]:
    text = doc_text(doc)
    s, e = d.sent
    found = []
    for sp in find_sources(text[s:e], s, is_titled=_starts_with_title):
        name = _strip_titles(sp.name)
        a = sp.start + (sp.name.rfind(name) if name in sp.name else 0)
        src = _canonical(doc, name, a, a + len(name), quotes)
        if all(src.name != x.name for x in found):
            found.append(src)
    if d.quote is not None:
        # an attribution phrase ("menurut X") read as a quote: its source phrase names who asserts the figure
        if found and d.quote.cue and is_source_marker(d.quote.cue):
            return found
        # "X membantah bahwa ...": who denies a figure does not assert it (the denial is a stance)
        if d.quote.cue and any(m.stance in _NOT_ASSERTING for m in find_stances(d.quote.cue)):
            return found
        return _speakers(doc, d.quote, quotes)
    if found:
        return found
    # a paraphrase paragraph: an indirect quote earlier in the paragraph, none in this sentence
    if any(x.start < e and s < x.end for x in quotes):
        return []
    ps, _ = _paragraph(text, s)
    earlier = [x for x in quotes if x.kind != "direct" and ps <= x.start and x.end <= s]
    if earlier:
        return _speakers(doc, earlier[-1], quotes)
    return []


# ---------------------------------------------------------------------------------------------- repeats


def _unit_key(q: Quantity) -> str:
    return (q.currency or q.unit or "").lower()


def _topic(text: str, d: _Draft) -> set[str]:
    """Names and longer words of a claim's clause, without the number and its unit."""
    names, words = _content_words(text[d.clause[0]:d.clause[1]])
    lx = lexicon()
    found = names | {w for w in words if len(w) >= 5}
    unit = set((d.q.unit or "").lower().split())
    return {w for w in found if w not in lx.scales and w not in lx.currency_before} - unit


def _merge_repeats(drafts: list[_Draft], text: str) -> list[_Draft]:
    """A figure stated again close by, or again about the same topic (two shared names or words), is one claim."""
    cfg = get_settings()
    out: list[_Draft] = []
    for d in drafts:
        same = None
        for prev in reversed(out):
            if prev.q.value != d.q.value or _unit_key(prev.q) != _unit_key(d.q):
                continue
            if d.q.start - prev.q.end <= cfg.claims_repeat_window \
                    or len(_topic(text, prev) & _topic(text, d)) >= cfg.claims_repeat_min_topic:
                a = {w for x in prev.sources for w in x.name.lower().split()}
                b = {w for x in d.sources for w in x.name.lower().split()}
                if not a or not b or a <= b or b <= a:
                    same = prev
                    break
        if same is None:
            out.append(d)
            continue
        for src in d.sources:
            if all(src.name != x.name for x in same.sources):
                same.sources.append(src)
        same.quote = same.quote or d.quote
    return out


# ---------------------------------------------------------------------------------------------- stances


def _stance_who(doc: Doc, m, sent: tuple[int, int], quotes: list[Quote]) -> Source | None:
    text = doc_text(doc)
    if m.passive:  # "... oleh PBB"
        after = text[m.end:sent[1]]
        mm = re.match(r"\s*((?:[A-Z][\w.-]*)(?:\s+[A-Z][\w.-]*)*)", after)
        if mm and mm.group(1).rstrip("."):
            name = mm.group(1).rstrip(".")
            a = m.end + mm.start(1)
            bare = _strip_titles(name)
            a += name.rfind(bare) if bare in name else 0
            return _canonical(doc, bare, a, a + len(bare), quotes)
        return None
    # inside a quote, "kami/saya membantah" (or no subject of its own) is the speaker's stance
    inside = next((q for q in quotes if q.start <= m.start and m.end <= q.end and q.speaker and q.speaker.name), None)
    if inside is not None:
        before = text[max(inside.start, sent[0]):m.start]
        words = [w.lower().strip(",") for w in before.split()]
        if not re.search(r"[A-Z]", before) or (words and words[-1] in _FIRST_PERSON) \
                or (len(words) >= 2 and words[-2] in _FIRST_PERSON):
            sp = _speakers(doc, inside, quotes)
            return sp[0] if sp else None
    s = sent[0]
    # the parser's subject of the stance verb, when there is one
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None and doc.has_annotation("DEP"):
        verb = span[0]
        for cand in (verb, verb.head):
            subj = [c for c in cand.children if c.dep_.startswith("nsubj")]
            if subj:
                sub = subj[0]
                ents = [ent for ent in _ents(doc) if sub.left_edge.i <= ent.start and ent.end <= sub.right_edge.i + 1]
                persons = [x for x in ents if x.label_ == "PERSON"]
                pick = (persons or ents or [None])[0]
                if pick is not None:
                    return _canonical(doc, _strip_titles(pick.text), pick.start_char, pick.end_char, quotes)
                if sub.lower_ in _PRONOUNS:
                    return _resolve_pronoun(doc, sub.idx, quotes)
                break
    # else the nearest name before the verb in the sentence
    before = [ent for ent in _ents(doc) if s <= ent.start_char and ent.end_char <= m.start]
    words = text[s:m.start].split()
    if before:
        pick = before[-1]
        # a pronoun after the last name is the subject
        tail = text[pick.end_char:m.start].lower().split()
        if not any(w.strip(",") in _PRONOUNS for w in tail):
            return _canonical(doc, _strip_titles(pick.text), pick.start_char, pick.end_char, quotes)
    if any(w.lower().strip(",") in _PRONOUNS for w in words):
        return _resolve_pronoun(doc, m.start, quotes)
    caps = list(re.finditer(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*", text[s:m.start]))
    if caps:
        c = caps[-1]
        name = _strip_titles(c.group())
        a = s + c.start() + (c.group().rfind(name) if name in c.group() else 0)
        return _canonical(doc, name, a, a + len(name), quotes)
    return None


def _resolve_pronoun(doc: Doc, pos: int, quotes: list[Quote]) -> Source | None:
    earlier = [q for q in quotes if q.start < pos and q.speaker is not None and q.speaker.name]
    if earlier:
        sp = earlier[-1].speaker
        return Source(name=sp.name, entity=sp.entity)
    persons = [e for e in _ents(doc) if e.label_ == "PERSON" and e.end_char <= pos]
    if persons:
        p = persons[-1]
        return _canonical(doc, p.text, p.start_char, p.end_char, quotes)
    return None


def _content_words(text: str) -> tuple[set[str], set[str]]:
    """(names, other words of four letters or more) in `text`, lower-cased."""
    fw = lexicon().function_words
    names, words = set(), set()
    for w in _WORDS.findall(text):
        low = w.lower()
        if w[0].isupper():
            names.add(low)
        elif len(low) >= 4 and low not in fw:
            words.add(low)
    return names, words


def _attach_stances(doc: Doc, drafts: list[_Draft], sents, quotes: list[Quote]) -> None:
    if not drafts:
        return
    text = doc_text(doc)
    for m in find_stances(text):
        sent = _containing(sents, m.start) or (m.start, m.end)
        who = _stance_who(doc, m, sent, quotes)
        if who is None:
            continue
        same = [d for d in drafts if d.sent == sent]
        if same:
            # nearest claim in the sentence
            targets = [min(same, key=lambda d: abs(d.q.start - m.start))]
        elif m.stance == "without_evidence":
            continue
        else:
            targets = []
            earlier = [d for d in drafts if d.q.end <= m.start]
            if earlier and refers_back(text[sent[0]:sent[1]]):
                # "laporan tersebut": the claims of the nearest claim sentence before
                last = max(earlier, key=lambda d: d.q.start)
                targets = [d for d in drafts if d.sent == last.sent]
            if not targets:
                targets = _same_topic(text, sent, drafts)
        for d in targets:
            if who.name in {x.name for x in d.sources} and m.stance != "without_evidence":
                continue  # the source does not take a stance on its own figure
            if any(x.who == who.name and x.stance == m.stance for x in d.stances):
                continue
            d.stances.append(Stance(who=who.name, stance=m.stance, entity=who.entity, start=m.start, end=m.end))


def _same_topic(text: str, sent: tuple[int, int], drafts: list[_Draft]) -> list[_Draft]:
    """The claims whose clause shares the most names (2 each) and words (1 each) with the stance's sentence."""
    sn, sw = _content_words(text[sent[0]:sent[1]])
    scored = []
    for d in drafts:
        cn, cw = _content_words(text[d.clause[0]:d.clause[1]])
        scored.append((2 * len(sn & cn) + len(sw & cw), d))
    best = max(score for score, _ in scored)
    least = get_settings().claims_min_stance_topic
    return [d for score, d in scored if score == best and score >= least]
