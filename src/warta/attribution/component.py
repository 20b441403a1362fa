"""The warta_quotes component: fills doc._.quotes with warta.record.Quote.

Direct quotes come from the quotation marks (warta.attribution.direct), attributed by the cue
after them ("…," kata X) or before them (X mengatakan, "…"); indirect and mixed quotes from the
reporting patterns of each sentence (warta.attribution.indirect). Speakers are resolved in text
order, so a pronoun or -nya cue points to the current speaker (warta.attribution.speakers).
"""

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from warta.attribution.cues import Cues, load_cues
from warta.attribution.direct import QuoteSpan, find_quote_spans, paragraphs
from warta.attribution.indirect import Act, IndirectFinder, trim
from warta.attribution.sentences import sentence_spans
from warta.attribution.speakers import Speaker, SpeakerResolver, _is_cap, phrase_after, words
from warta.nlp.extensions import doc_text
from warta.record import Quote
from warta.record import Speaker as SpeakerRecord

_LEAD_RUN = re.compile(r"((?:[A-Z][\w'’\-]*\s+){1,10}?[A-Z][\w'’\-]*)\s*,?\s+(?:(?:juga|pun|sebelumnya|telah|sudah)\s+)?"
                       r"(?:me|ber|di)[a-z]{3,}\b")
_VERBISH = re.compile(r"(?:me|ber|di|ter)[a-z]{4,}$")
#: a quote of at most this many words with no speech cue is a scare quote, not a quote
SCARE_WORDS = 3


@Language.factory("warta_quotes", default_config={"vox_pop": False})
def make_quotes(nlp: Language, name: str, vox_pop: bool):
    """vox_pop: also quote members of the public ("Lusi (45), warga …"). Off by default: warta
    records what public figures and institutions say, the scope of PFSA-ID's annotation."""
    return QuoteFinder(load_cues(), vox_pop=vox_pop)


class QuoteFinder:
    def __init__(self, cues: Cues, vox_pop: bool = False):
        self.cues = cues
        self.vox_pop = vox_pop
        self.indirect = IndirectFinder(cues)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, self.cues, self.indirect, self.vox_pop)
        return doc


def find_quotes(doc: Doc, cues: Cues, indirect: IndirectFinder, vox_pop: bool = False) -> list[Quote]:
    text = doc_text(doc)
    resolver = SpeakerResolver(doc, cues)
    paras = paragraphs(text)
    spans = find_quote_spans(text, paras)
    starts = [s.open_mark if s.open_mark >= 0 else s.start for s in spans]
    ends = [s.close_mark + 1 if s.close_mark >= 0 else s.end for s in spans]

    def blocked(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and starts[i] <= pos < ends[i]

    indirect.set_persons(sorted((ps, pe) for ps, pe, _, _ in resolver.person_spans))
    indirect.set_doc(doc)
    para_starts = [p[0] for p in paras]
    sentences = sentence_spans(doc, paras)
    inside_one = _inside_one(spans)
    entities = _entities_by_id(doc)
    vox_pop_names: dict[str, bool] = {}  # _named_as_vox_pop of each name, for the article
    # events in text order: (position, act, its quote span) for reporting acts,
    # (position, None, speaker) for people named as sentence subjects
    events: list[tuple[int, Act | None, QuoteSpan | Speaker | None]] = []
    for span in spans:
        events.append((span.start, _attribute_direct(text, span, cues, indirect, paras, para_starts), span))
    absorbed: set[int] = set()  # direct spans that are fragments of a mixed quote
    for s, e in sentences:
        if inside_one(s, e):
            continue
        for act in indirect.find(text, s, e, blocked):
            inner = [id(sp) for sp in spans if act.start <= sp.start and sp.end <= act.end]
            if inner:
                act.kind = "mixed"
                absorbed.update(inner)
            events.append((act.start, act, None))
    events = [ev for ev in events if not (isinstance(ev[2], QuoteSpan) and id(ev[2]) in absorbed)]
    for pos, sp in _subjects(entities, text, sentences, resolver, cues, blocked):
        events.append((pos, None, sp))
    events.sort(key=lambda ev: ev[0])
    quotes: list[Quote] = []
    last_para_with_speaker = -10
    for pos, act, item in events:
        if act is None:  # a sentence subject: the referent of later pronouns and -nya cues
            resolver.note_subject(item, pos)
            continue
        span = item
        short = span is not None and _words(text, span) <= SCARE_WORDS
        if act.phrase is not None:
            sp = resolver.parse(*act.phrase)
            sp = resolver.resolve(sp, act.start, content=text[act.start:act.end]) if sp else None
        elif act.pronoun:
            sp = resolver.resolve(Speaker(name="nya", mention=act.cue or "", start=act.cue_start or 0,
                                          end=act.cue_end or 0, kind="pronoun"), act.start,
                                  content=text[act.start:act.end])
        else:  # a direct quote with no cue: continues the words of a speaker of the paragraph before
            pi = bisect.bisect_right(para_starts, act.start) - 1
            if span is None or short or pi - last_para_with_speaker > 1:
                continue
            sp = resolver.current
        if sp is None or (short and act.cue is None):  # a scare quote
            continue
        last_para_with_speaker = bisect.bisect_right(para_starts, act.end) - 1
        if not vox_pop and _is_vox_pop(entities, text, sp, cues, vox_pop_names):
            continue
        quotes.append(_record(text, act, span, sp, len(quotes) + 1))
    return quotes


def _subjects(entities: dict, text: str, sentences, resolver: SpeakerResolver, cues: Cues, blocked):
    """(position, Speaker) for each sentence that opens with a person's name ("Tri Maharini, dokter …")."""
    persons = sorted(resolver.person_spans)
    starts = [p[0] for p in persons]
    for s, e in sentences:
        if blocked(s):
            continue
        m = cues.handover.match(text, s, e)
        if m:  # "Hal senada dikemukakan Koordinator … Muhammad Abdi Suhufan." introduces the next quote
            phrase = phrase_after(text, m.end(), e, cues)
            sp = resolver.parse(*phrase) if phrase else None
            if sp is not None and sp.kind == "person":
                sp.introduced = True
                yield phrase[0], sp
            continue
        i = bisect.bisect_left(starts, s)
        if i >= len(persons) or persons[i][0] >= e or persons[i][0] - s > 120:
            # no PERSON found by the model: a capitalised name opening the sentence before a verb
            m = _LEAD_RUN.match(text, s, e)
            if m:
                name = resolver.clean_name(resolver.name_part(m.group(1)))
                if len(name.split()) >= 2:
                    ns = m.start(1) + m.group(1).rfind(name.split()[0])
                    yield ns, Speaker(name=name, mention=name, start=ns, end=m.end(1), kind="person", guessed=True)
            continue
        ps, pe, name, eid = persons[i]
        lead = words(text[s:ps])
        if lead and lead[0][0].lower() in cues.connectives and "," in [w for w, _, _ in lead]:
            k = [w for w, _, _ in lead].index(",")
            lead = lead[k + 1:]  # "Terkait kekecewaan itu, Imam Besar … Nasaruddin Umar memaklumi …"
        if len(lead) <= 14 and not any(_VERBISH.match(w.lower()) and w.lower() not in cues.roles or
                                       cues.is_cue_word(w) for w, _, _ in lead) \
                and not (lead and lead[0][0].lower() in cues.connectives):
            introduced_here = bool(lead) and _first_mention(persons, ps, name)
            yield ps, Speaker(name=name, mention=text[ps:pe], start=ps, end=pe, kind="person", entity=eid,
                              guessed=not ((_has_role(entities, eid) or introduced_here) and _role_lead(lead, cues)))


def _first_mention(persons, ps: int, name: str) -> bool:
    """The article names this person here for the first time: a role before the name then
    introduces a new voice ("Ketua Forum … Lestiani Purbasari memaklumi …"), not one talked about."""
    return all(p[0] >= ps for p in persons if p[2] == name)


def _role_lead(lead, cues: Cues) -> bool:
    """The words before the name are only its role ("Ketua Dewan Pers X …"), not other clause words
    ("Masalah antara X dan Y …")."""
    return all(_is_cap(w) or w.lower() in cues.roles or w.lower() in cues.titles or w in "()-,."
               for w, _, _ in lead)

def _entities_by_id(doc: Doc) -> dict:
    """The article's entities by id (the first of an id, as a search in order finds)."""
    entities: dict = {}
    for ent in doc._.entities or []:
        entities.setdefault(ent.id, ent)
    return entities


def _has_role(entities: dict, eid: str | None) -> bool:
    """The article's entities give this person a role ("Ketua …", "Kepala …"): a public figure."""
    if eid is None:
        return False
    ent = entities.get(eid)
    return bool(ent is not None and ent.roles)


def _is_vox_pop(entities: dict, text: str, sp: Speaker, cues: Cues, names: dict[str, bool]) -> bool:
    """A member of the public: a person with no role, presented with an age or as "warga", "pedagang" …

    names: _named_as_vox_pop of the names asked about before in the article."""
    if sp.kind != "person" or sp.role:
        return False
    ent = entities.get(sp.entity) if sp.entity else None
    if ent is not None and ent.roles:
        return False
    if sp.name not in names:
        names[sp.name] = _named_as_vox_pop(text, sp.name, cues)
    return names[sp.name]


def _named_as_vox_pop(text: str, name: str, cues: Cues) -> bool:
    """The text presents the name with an age ("Lusi (45)") or as "warga", "pedagang" …"""
    pos = text.find(name)
    while pos >= 0:
        after = text[pos + len(name): pos + len(name) + 40].lower()
        if _AGE.match(after):
            return True
        ws = _APPOSITION_WORDS.match(after)
        if ws and (ws.group(1) in cues.vox_pop or f"{ws.group(1)} {ws.group(2)}" in cues.vox_pop):
            return True
        pos = text.find(name, pos + 1)
    return False


_AGE = re.compile(r"\s*\(\d{1,3}\)")
_APPOSITION_WORDS = re.compile(r"\s*,\s*([a-z]+)(?:\s+([a-z]+))?")
#: the speaker and cue right after a closing quote mark: '…," X menambahkan' / '…," dia juga mengatakan'
_NAME_THEN_CUE = re.compile(r"[\s,]*((?:[A-Z][\w'’\-]*\s+){0,4}[A-Z][\w'’\-]*|[Ii]a|[Dd]ia|[Bb]eliau)\s+(?:juga\s+)?"
                            r"(?P<cue>[a-z]+)\b")
#: "Kata X: …" / "Menurut X, …" before an opening quote mark
_KATA_BEFORE = re.compile(r"\s*(?P<cue>[Kk]ata|[Mm]enurut)\s+(?P<who>[^,:]{1,80})[,:]\s*$")


def _words(text: str, span: QuoteSpan) -> int:
    return len(text[span.start:span.end].split())


def _inside_one(spans: list[QuoteSpan]):
    """inside_one(s, e): text[s:e] lies inside one of the spans (a mark's width either side).

    That is any(sp.start <= s + 1 and e - 1 <= sp.end + 1 for sp in spans), asked for every
    sentence: bisected among the spans by start, with the furthest end of those opening before.
    """
    by_start = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in by_start]
    furthest_end = []
    for sp in by_start:
        furthest_end.append(max(sp.end, furthest_end[-1]) if furthest_end else sp.end)

    def inside_one(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s + 1)
        return i > 0 and e - 1 <= furthest_end[i - 1] + 1

    return inside_one


def _attribute_direct(text: str, span: QuoteSpan, cues: Cues, indirect: IndirectFinder, paras, para_starts) -> Act:
    a, b = trim(text, span.start, span.end)
    act = Act("direct", a, b, None, None, None, None)
    after = span.close_mark + 1 if span.close_mark >= 0 else span.end
    pi = bisect.bisect_right(para_starts, max(after - 1, 0)) - 1
    pe = paras[pi][1] if pi >= 0 else len(text)
    # "…," kata X / ujarnya / kata dia / "…," X menambahkan
    m = cues.after_quote.match(text, after, pe)
    if m:
        cue = m.group("cue")
        act.cue, act.cue_start, act.cue_end = cue, m.start("cue"), m.end("cue")
        if cue.lower().endswith("nya") and cue.lower() not in cues.verbs:
            act.pronoun = True
            return act
        resolver_phrase = phrase_after(text, m.end("cue"), pe, cues)
        if resolver_phrase:
            act.phrase = resolver_phrase
        else:
            act.pronoun = True
        return act
    m = _NAME_THEN_CUE.match(text[after:pe])
    if m and cues.is_cue_word(m.group("cue")):
        act.cue, act.cue_start, act.cue_end = m.group("cue"), after + m.start("cue"), after + m.end("cue")
        act.phrase = (after + m.start(1), after + m.end(1))
        return act
    # X mengatakan, "…"  /  Kata X: "…"
    if span.open_mark >= 0:
        ps = paras[bisect.bisect_right(para_starts, span.open_mark) - 1][0]
        before = text[ps:span.open_mark]
        cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        s0 = ps + cut + 2 if cut >= 0 else ps
        pre = text[s0:span.open_mark].rstrip()
        if pre and pre[-1] in ",:" or pre.endswith("bahwa"):
            found = _cue_before(text, s0, span.open_mark, cues, indirect)
            if found:
                act.cue, act.cue_start, act.cue_end, act.phrase, act.pronoun = found
                return act
    return act


def _cue_before(text, s0, e0, cues: Cues, indirect: IndirectFinder):
    m = _KATA_BEFORE.match(text[s0:e0])
    if m:
        return m.group("cue"), s0 + m.start("cue"), s0 + m.end("cue"), (s0 + m.start("who"), s0 + m.end("who")), False
    verbs = list(cues.verb_word.finditer(text, s0, e0))
    if not verbs:
        return None
    v = verbs[-1]
    subj = indirect._subject(text, s0, v.start())
    if subj:
        return v.group("cue"), v.start(), v.end(), subj, False
    lw = text[s0:v.start()].strip().lower()
    if lw in cues.pronouns:
        return v.group("cue"), v.start(), v.end(), None, True
    return None


def _record(text: str, act: Act, span: QuoteSpan | None, sp: Speaker, n: int) -> Quote:
    if span is not None:
        content = span.content(text)
        a, b = trim(text, span.start, span.end)
        content = content[a - span.start: len(content) - (span.end - b)] if span.skipped == () else \
            content.strip(" \n,.;:")
        start, end = a, b
    else:
        start, end = act.start, act.end
        content = text[start:end]
    speakers: list[SpeakerRecord] = []
    if sp.kind == "group" and sp.members:
        speakers = [_speaker_record(m) for m in sp.members]
        main = None
    else:
        main = _speaker_record(sp)
    return Quote(id=f"q{n}", kind=act.kind, content=content, start=start, end=end, cue=act.cue,
                 cue_start=act.cue_start, cue_end=act.cue_end, speaker=main, speakers=speakers)


def _speaker_record(sp: Speaker) -> SpeakerRecord:
    return SpeakerRecord(name=sp.name, entity=sp.entity, mention=sp.mention, start=sp.start, end=sp.end)
