"""The warta_events component: fills doc._.events with warta.record.Event (PLOVER, shared/spec/plover.md).

One pass over the Doc:
1. trigger words and phrases from data/event_triggers.toml (a PhraseMatcher on lower case), each
   checked against its conditions (object words, licensing verbs for nouns);
2. negation, irrealis (if, can, must, questions) and future intent from the words right before the
   trigger (data/event_contexts.toml [cues]); future cooperation becomes AGREE, future conflict THREATEN;
3. the actor is the nearest acceptable name to the left inside the clause (a subject: not after
   "di", "pada", "selaku" ..., not a country inside a role phrase), with "ia"/"dia" resolved to the
   person last named and "kami"/"saya" to the speaker of the quote; the target is the first name to
   the right before the next verb or clause break ("dengan X", "terhadap X", "kepada X", "ke X");
   compound actors and targets follow "dan"/","/"serta";
4. states and officials carry ISO 3166-1 alpha-3 codes (warta.events.actors), date and location
   come from the sentence, contexts from keywords;
5. a trigger that takes a complement ("menuduh X merencanakan serangan") hides the triggers inside it.
"""

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from warta.events.actors import GROUP, OFFICIAL, ORG, PERSON, PLACE, REGION, STATE, ActorFinder, Mention
from warta.events.dates import find_date, parse_published
from warta.events.lexicon import EventLexicon, Trigger, load_lexicon
from warta.events.tokens import DocTokens, filter_spans
from warta.nlp.extensions import doc_text
from warta.record import Actor, Event, Evidence

#: PLOVER quad classes used by the future-intent rule
MATERIAL_COOPERATION = {"COOPERATE", "AID", "RETREAT"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
#: contexts that make "menyerang"/"serangan" physical when no state is involved
PHYSICAL_CONTEXTS = {"military", "terrorism", "crime", "cbrn", "cyber"}
#: dyadic verbal types: without a named target they are not coded ("mendukung pelaksanaan program")
NEEDS_TARGET = {"SUPPORT", "REQUEST", "ACCUSE", "CONSULT", "AGREE", "REJECT"}
#: types whose destination (a place in another country) is their target when no target is named
DESTINATION_TARGET = {"AID", "AGREE", "ASSAULT", "MOBILIZE", "THREATEN"}
_QUOTE_CHARS = set("\"“”„«»")
_FINAL_PUNCT = frozenset((".", "!", "?"))
#: the mention kind of a warta entity type (other types: a state or a place, by the gazetteer)
_ENTITY_KINDS = {"PERSON": PERSON, "ORG": ORG}


@Language.factory("warta_events")
def make_events(nlp: Language, name: str):
    return EventCoder(nlp)


@dataclass
class _Quote:
    start: int  # char offsets of the content
    end: int
    id: str | None
    speaker: str | None
    #: names and countries of every speaker (a report "from the US, NATO and South Korea" has several)
    speaker_keys: frozenset[str] = frozenset()
    direct: bool = True
    speaker_entity: str | None = None
    speaker_country: str | None = None


class EventCoder:
    """Codes one Doc at a time (the per-Doc lookups are kept on the instance while `code` runs)."""

    def __init__(self, nlp: Language):
        self.lex: EventLexicon = load_lexicon()
        self.triggers = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form in self.lex.by_form:
            self.triggers.add(form, [Doc(nlp.vocab, words=form.split())])
        self.contexts = PhraseMatcher(nlp.vocab, attr="LOWER")
        for tag, words in self.lex.contexts.items():
            self.contexts.add(tag, [Doc(nlp.vocab, words=w.split()) for w in words])
        self.finder = ActorFinder(nlp.vocab, self.lex)
        self.cue = self.lex.cues
        #: the words that end the complement of a scope trigger (see _clause_end)
        self._scope_breaks = self.cue.get("clause_break", frozenset()) - {"bahwa", "hingga", "yakni", "yaitu"}

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.code(doc)
        return doc

    # -- the pass -----------------------------------------------------------------------------
    def code(self, doc: Doc) -> list[Event]:
        if len(doc) == 0:
            return []
        meta = doc._.meta or {}
        ref = parse_published(meta.get("published"))
        toks = DocTokens(doc)  # every rule below reads these lists, not doc[i]
        sents = _sentence_bounds(doc, toks)
        sent_of = [0] * len(doc)
        for si, (s, e) in enumerate(sents):
            sent_of[s:e] = [si] * (e - s)
        mentions = self.finder.find(doc, {s for s, _ in sents}, toks)
        self._apply_entities(toks, mentions)
        ends_at: dict[int, Mention] = {}
        starts_at: dict[int, Mention] = {}
        for m in mentions:
            # a role phrase's person wins over the country inside it
            if m.end not in ends_at or not m.in_role:
                ends_at[m.end] = m
            if m.start not in starts_at or not m.in_role:
                starts_at[m.start] = m
        inner_at = {m.start: m for m in mentions if m.in_role}
        role_person: dict[int, Mention] = {}
        for m in mentions:
            if "role_start" in m.extra:
                role_person[m.extra["role_start"]] = m
                for k in range(m.extra["role_start"], m.start):
                    if k in inner_at:
                        role_person[k] = m
        self._mentions, self._ends_at, self._starts_at = mentions, ends_at, starts_at
        self._toks, self._sents, self._sent_of = toks, sents, sent_of
        # the tagger's verbs stop a target search; an untrained tagger (no verbs at all) is not used
        self._has_pos = doc.has_annotation("POS") and any(toks.is_verb)
        self._role_person = role_person
        quotes = self._quotes(toks, mentions)
        ctx_by_sent: dict[int, set[str]] = {}
        for label, s, _e in self.contexts(doc):
            ctx_by_sent.setdefault(sent_of[s], set()).add(doc.vocab.strings[label])
        spans = filter_spans([(s, e) for _, s, e in self.triggers(doc)])
        events: list[Event] = []
        seen: set[tuple] = set()
        hidden_until = -1
        last_mutual: Event | None = None
        for s, e in spans:
            si = sent_of[s]
            sent_start, sent_end = sents[si]
            if s < hidden_until:
                continue
            trigger_text = toks.span_text(s, e)
            start_char = toks.idx[s]
            trig = self._select(toks, s, e, trigger_text, sent_end)
            if trig is None or trig.type == "NONE":
                continue
            if trig.scope:
                hidden_until = self._clause_end(toks, e, sent_end)
            if self._before(toks, s, sent_start, self.cue.get("negation", frozenset()), 6):
                continue
            if self._before(toks, s, sent_start, self.cue.get("irrealis", frozenset()), 4) \
                    or toks.text[sent_end - 1] == "?":
                continue
            future = trig.intent or self._before(toks, s, sent_start, self.cue.get("future", frozenset()), 3)
            quote = next((q for q in quotes if q.start <= start_char < q.end), None)
            if trig.nominal and e < sent_end and toks.lower[e] in ("ini", "tersebut", "itu"):
                # "Pertemuan ini ...": the meeting the article has just reported
                if last_mutual is None or (trig.type != "CONSULT"):
                    continue
                prev_ev = last_mutual
                ev_start, ev_end = self._evidence(toks, s, e, [], [], sent_start, sent_end)
                events.append(Event(id=f"e{len(events) + 1}", type=trig.type, mode=trig.mode,
                                    context=sorted(ctx_by_sent.get(si, ())), actors=list(prev_ev.actors),
                                    targets=list(prev_ev.targets), location=prev_ev.location, date=prev_ev.date,
                                    date_resolved=prev_ev.date_resolved,
                                    evidence=Evidence(start=ev_start, end=ev_end,
                                                      text=doc_text(doc)[ev_start:ev_end]),
                                    reported_by=None, trigger=trigger_text))
                last_mutual = None
                continue
            inverse = bool(trig.inverse_by) and any(w in trig.inverse_by for w in toks.lower[max(0, s - 3):s])
            if inverse:  # "X menghadapi kritik dari Y": Y accuses X
                actors = self._right_targets(toks, e, sent_end, trig.type)
                targets = self._left_actors(toks, s, sent_start, quote)
            else:
                actors = self._left_actors(toks, s, sent_start, quote, trig)
                targets = self._right_targets(toks, e, sent_end, trig.type) if actors else []
            if not actors:
                continue
            if not targets:
                targets = self._cataphora(toks, e, si, sents)
            location, loc_mention = self._location(toks, s, sent_start, sent_end)
            etype = trig.type
            actor_countries = {m.country for m in actors if m.country}
            if not targets and etype in DESTINATION_TARGET:
                targets = self._destination(toks, e, hidden_until if trig.scope else sent_end, actor_countries)
            if not targets and trig.scope and etype == "THREATEN":
                # "mengancam akan mengenakan tarif terhadap produk China": the one the complement acts on
                targets = self._complement_target(toks, e, hidden_until, actors)
            if not targets and loc_mention is not None and loc_mention.country \
                    and loc_mention.country not in actor_countries and etype in DESTINATION_TARGET:
                targets = [loc_mention]
            mode = trig.mode
            if etype == "AID" and trig.mode == "military":
                foreign = [t for t in targets if t.country and t.country not in actor_countries]
                etype, mode = ("AID", "military") if foreign else ("MOBILIZE", "troops")
            if future:
                if etype in MATERIAL_COOPERATION:
                    etype = "AGREE"
                elif etype in MATERIAL_CONFLICT:
                    etype = "THREATEN"
            if trig.target_within is not None and targets and not inverse:
                head = targets[0].extra.get("role_start", targets[0].start)
                target_prep = self.cue.get("target_prep", ())
                gap = [k for k in range(e, head) if not (toks.is_punct[k] or toks.lower[k] in target_prep)]
                if len(gap) > trig.target_within:
                    targets = []  # "meminta sejumlah uang ... ke akun X": X was not asked
            if etype in NEEDS_TARGET and not targets and not (trig.symmetric and len(actors) > 1):
                continue
            if etype == "ASSAULT" and not (ctx_by_sent.get(si, set()) & PHYSICAL_CONTEXTS) \
                    and not any(m.kind in (STATE, PLACE) and m.country for m in actors + targets):
                continue  # "menyerang lawan politiknya": words, not force
            if not any(self._political(m, etype) for m in actors + targets):
                continue  # private persons only: not a political event
            # a target is not the actor itself (nor the actor's own state named as a state)
            actor_names = {m.name for m in actors}
            targets = [t for t in targets if t.name not in actor_names
                       and not (t.kind in (STATE, PLACE) and t.country in actor_countries)]
            actor_objs = self._actor_objects(actors)
            target_objs = self._actor_objects(targets)
            if not target_objs and trig.symmetric and len(actor_objs) > 1:
                target_objs = list(actor_objs)
            # one event per act: the same trigger twice in a sentence, or one speaker restating the same
            # act inside one quotation, is one event (different acts in one sentence are kept apart)
            where = ("q", quote.start) if quote is not None else ("s", si, trigger_text.lower())
            signature = (etype, frozenset(map(_key, actor_objs)), frozenset(map(_key, target_objs)), where)
            if signature in seen:
                continue
            seen.add(signature)
            ev_start, ev_end = self._evidence(toks, s, e, actors, targets, sent_start, sent_end)
            date = find_date(self._date_window(toks, sent_start, sent_end, start_char, quotes),
                             start_char - toks.idx[sent_start], ref)
            text = doc_text(doc)[ev_start:ev_end]
            mode = mode if etype in (trig.type, "MOBILIZE") else None
            events.append(Event(
                id=f"e{len(events) + 1}", type=etype, mode=mode, context=sorted(ctx_by_sent.get(si, ())),
                actors=actor_objs, targets=target_objs, location=location,
                date=date[0] if date else None, date_resolved=date[1] if date else None,
                evidence=Evidence(start=ev_start, end=ev_end, text=text),
                reported_by=self._reported_by(quote, actor_objs), trigger=trigger_text))
            if trig.symmetric and len(actor_objs) > 1 and target_objs:
                last_mutual = events[-1]
        return events

    # -- triggers -----------------------------------------------------------------------------
    def _select(self, toks: DocTokens, s: int, e: int, text: str, sent_end: int) -> Trigger | None:
        """The first trigger group listing this form (tokens s..e, written `text`) whose conditions hold here."""
        for idx in self.lex.by_form.get(text.lower(), ()):
            trig = self.lex.triggers[idx]
            after = toks.lower[e:min(sent_end, e + trig.window)]
            if trig.object_any and not _has_any(after, trig.object_any):
                continue
            if trig.object_none and _has_any(after, trig.object_none):
                return None
            if trig.nominal:
                before = toks.lower[max(0, s - 3):s]
                nxt = toks.lower[e] if e < sent_end else ""
                if not (any(w in trig.licensed_by for w in before) or nxt in trig.licensed_if_next):
                    continue
            return trig
        return None

    def _before(self, toks: DocTokens, s: int, sent_start: int, words: frozenset[str], window: int) -> bool:
        """Whether one of `words` stands within `window` tokens before s, inside the clause."""
        k, seen = s - 1, 0
        breaks = self.cue.get("clause_break", frozenset())
        while k >= sent_start and seen < window:
            low = toks.lower[k]
            if low in words:
                return True
            if toks.is_punct[k] or low in breaks:
                return False
            seen += 1
            k -= 1
        return False

    def _clause_end(self, toks: DocTokens, e: int, sent_end: int) -> int:
        breaks = self._scope_breaks
        k = e
        while k < sent_end:
            if toks.text[k] in (",", ";", ":") or toks.lower[k] in breaks:
                return k
            k += 1
        return sent_end

    # -- arguments ----------------------------------------------------------------------------
    def _acceptable(self, toks: DocTokens, m: Mention, as_target: bool) -> bool:
        if m.in_role or m.kind == REGION:
            return False
        head = m.extra.get("role_start", m.start)
        prev = toks.lower[head - 1] if head > 0 else ""
        prev2 = toks.lower[head - 2] if head > 1 else ""
        not_arg = self.cue.get("not_argument", frozenset())
        if prev in not_arg or (prev in ("wilayah", "kawasan", "kota") and prev2 in not_arg):
            return False
        if head > 0 and toks.text[head - 1] == "(":
            return False
        if m.kind == PLACE:
            if not m.country:
                return False
            if as_target and prev != "ke":
                return False
            if prev in ("ke", "dari") and not as_target:
                return False
        return True

    def _group(self, toks: DocTokens, first: Mention, direction: int, limit: int) -> list[Mention]:
        """`first` and the names coordinated with it ("A, B dan C"); a comma alone does not coordinate
        ("Menurut X, polisi ...") unless a "dan"/"serta" closes the list."""
        group = [first]
        joins: list[bool] = []  # per join: whether a conjunction (not only a comma) joined it
        coords = self.cue.get("coordinator", frozenset())
        cur = first
        while True:
            if direction > 0:
                k = cur.end
                while k < limit and toks.lower[k] in coords:
                    k += 1
                if k == cur.end or k >= limit:
                    break
                between = toks.text[cur.end:k]
                nxt = self._mention_from(k)
            else:
                head = cur.extra.get("role_start", cur.start)
                k = head - 1
                while k >= limit and toks.lower[k] in coords:
                    k -= 1
                if k == head - 1 or k < limit:
                    break
                between = toks.text[k + 1:head]
                nxt = self._ends_at.get(k + 1)
            if nxt is None or not self._acceptable(toks, nxt, direction > 0):
                break
            group.append(nxt)
            joins.append(any(w != "," for w in between))
            cur = nxt
        if not any(joins):
            group = group[:1]
        elif direction < 0 and not joins[0]:
            group = group[:1]  # going left, the join next to the trigger's side must be the conjunction
        return group if direction > 0 else list(reversed(group))

    def _mention_from(self, k: int) -> Mention | None:
        """The mention starting at k; a role phrase starting at k stands for the person it names."""
        m = self._starts_at.get(k)
        if m is not None and not m.in_role:
            return m
        return self._role_person.get(k)

    def _left_actors(self, toks: DocTokens, s: int, sent_start: int, quote: _Quote | None,
                     trig: Trigger | None = None) -> list[Mention]:
        cues = self.cue
        breaks, speech = cues.get("clause_break", frozenset()), cues.get("speech", frozenset())
        aux = cues.get("aux", frozenset())
        third, first_person = cues.get("pronoun_third", frozenset()), cues.get("pronoun_speaker", frozenset())
        k = s - 1
        content_seen = False
        while k >= sent_start:
            m = self._ends_at.get(k + 1)
            if m is not None and m.end <= s:
                if self._acceptable(toks, m, False):
                    if m.kind == OFFICIAL and m.end < toks.n and toks.lower[m.end] == "tersebut":
                        p = self._last_person(m.start)  # "Pakar Italia tersebut": the person named before
                        return [p] if p else []
                    return self._group(toks, m, -1, sent_start)
                k = min(m.start, m.extra.get("role_start", m.start)) - 1
                content_seen = True
                continue
            word, low = toks.text[k], toks.lower[k]
            if low in cues.get("shared_subject", frozenset()):
                k -= 1
                continue
            if low in third:
                p = self._last_person(k)
                return [p] if p else []
            if low in first_person and quote is not None:
                sp = self._speaker_mention(quote)
                return [sp] if sp else []
            if low in breaks or word in (";", ":"):
                return []
            if word in _QUOTE_CHARS:
                return []
            if low in speech and (content_seen or (trig is not None and trig.nominal
                                                   and low not in trig.licensed_by)):
                return []  # "X mengatakan penangkapan ...": X reports, the noun is what is reported
            if low not in aux and not toks.is_punct[k]:
                content_seen = True
            k -= 1
        return []

    def _right_targets(self, toks: DocTokens, e: int, sent_end: int, etype: str = "") -> list[Mention]:
        breaks = self.cue.get("clause_break", frozenset())
        has_pos = self._has_pos
        k = e
        limit = min(sent_end, e + 15)
        while k < limit:
            m = self._mention_from(k)
            if m is not None and m.start >= k:
                if m.extra.get("generic") and etype in ("AID", "MOBILIZE", "RETREAT"):
                    k = max(m.end, k + 1)  # "mengirim pasukan ke X": the troops are what is sent
                    continue
                if self._acceptable(toks, m, True):
                    return self._group(toks, m, 1, sent_end)
                k = max(m.end, k + 1)
                continue
            word, low = toks.text[k], toks.lower[k]
            if word in _QUOTE_CHARS or low in ("yakni", "yaitu"):
                k += 1
                continue
            if word == "," and k + 1 < limit and toks.lower[k + 1] in ("yakni", "yaitu"):
                k += 2
                continue
            if low in breaks or low == "yang" or word in (",", ";", ":"):
                break
            if k > e and (toks.is_verb[k] if has_pos else _looks_verb(low)):
                break
            k += 1
        return []

    @staticmethod
    def _date_window(toks: DocTokens, sent_start: int, sent_end: int, at: int, quotes: list[_Quote]) -> str:
        """The sentence's text, with direct quotations that do not hold the trigger blanked out."""
        a, b = toks.idx[sent_start], toks.end[sent_end - 1]
        chars = list(toks.doc_text[a:b])
        for q in quotes:
            if not q.direct or q.end <= a or q.start >= b or q.start <= at < q.end:
                continue
            for c in range(max(q.start, a), min(q.end, b)):
                chars[c - a] = " "
        return "".join(chars)

    def _destination(self, toks: DocTokens, e: int, end: int, own: set[str]) -> list[Mention]:
        """A foreign state or capital after "ke" ("... mengirim pasukan ke Laos"): where the act goes."""
        for m in self._mentions:
            if e <= m.start < end and m.start > 0 and toks.lower[m.start - 1] == "ke" \
                    and m.kind in (STATE, PLACE) and m.country and m.country not in own:
                return [m]
        return []

    def _complement_target(self, toks: DocTokens, e: int, end: int, actors: list[Mention]) -> list[Mention]:
        """Inside a complement, the first name after "terhadap"/"kepada"/"ke"/"atas"."""
        names = {m.name for m in actors}
        lower = toks.lower
        for m in self._mentions:
            if m.start < e or m.start >= end or m.name in names or not self._acceptable(toks, m, True):
                continue
            head = m.extra.get("role_start", m.start)
            if head > 0 and lower[head - 1] in ("terhadap", "kepada", "ke", "atas") \
                    or head > 1 and lower[head - 2] in ("terhadap", "kepada") and not toks.is_punct[head - 1]:
                return [m]
        return []

    def _cataphora(self, toks: DocTokens, e: int, si: int, sents) -> list[Mention]:
        """"menahan tiga tersangka. Mereka ialah A, B dan C": the people named in the next sentence."""
        if si + 1 >= len(sents) or not any(w in ("tersangka", "orang", "pelaku", "terdakwa")
                                           for w in toks.lower[e:e + 3]):
            return []
        ns, ne = sents[si + 1]
        words = toks.lower[ns:min(ne, ns + 3)]
        if not words or words[0] != "mereka" or not any(w in self.cue.get("cataphora", ()) for w in words[1:]):
            return []
        return [m for m in self._mentions if ns <= m.start < ne and m.kind == PERSON and not m.in_role
                and " " in m.name]

    def _location(self, toks: DocTokens, s: int, sent_start: int, sent_end: int) -> tuple[str | None, Mention | None]:
        best = None
        for m in self._mentions:
            if m.start < sent_start or m.start >= sent_end or m.kind not in (PLACE, STATE, ORG):
                continue
            prev = toks.lower[m.start - 1] if m.start > 0 else ""
            prev2 = toks.lower[m.start - 2] if m.start > 1 else ""
            if prev == "di" or (prev2 == "di" and prev in ("wilayah", "kawasan", "kota", "provinsi", "negara")):
                dist = abs(m.start - s)
                if best is None or dist < best[0]:
                    best = (dist, m)
        if best is None:
            return None, None
        m = best[1]
        return m.name, m

    def _last_person(self, k: int) -> Mention | None:
        """Whom "ia"/"dia" stands for: the first person named (as a subject, not after a preposition)
        in the nearest stretch before k, looking back sentence by sentence."""
        sents = self._sents
        si = self._sent_of[k] if k < len(self._sent_of) else len(sents) - 1
        while si >= 0:
            s0, s1 = sents[si]
            for m in self._mentions:
                if m.start >= min(s1, k) or m.start < s0:
                    continue
                if m.kind in (PERSON, OFFICIAL) and not m.in_role and self._acceptable(self._toks, m, False):
                    return m
            si -= 1
        return None

    def _speaker_mention(self, quote: _Quote) -> Mention | None:
        if not quote.speaker:
            return None
        name = quote.speaker
        words = set(name.split())
        if quote.speaker_entity:
            for m in self._mentions:
                if m.extra.get("entity") == quote.speaker_entity and not m.in_role:
                    return m
        for m in self._mentions:
            if m.kind in (PERSON, OFFICIAL) and not m.in_role and (words <= set(m.name.split())
                                                                   or set(m.name.split()) <= words):
                return m
        return Mention(0, 0, name, PERSON, country=quote.speaker_country)

    @staticmethod
    def _political(m: Mention, etype: str) -> bool:
        """States, their places and officials, organisations, people with a role or an affiliation;
        crowds only when they protest."""
        if m.kind in (STATE, OFFICIAL, ORG):
            return True
        if m.kind == GROUP:
            return etype == "PROTEST"
        if m.kind == PLACE:
            return bool(m.country)
        return bool(m.country or m.affiliation)

    # -- outputs ------------------------------------------------------------------------------
    def _actor_objects(self, ms: list[Mention]) -> list[Actor]:
        out: list[Actor] = []
        keys = set()
        for m in ms:
            name = m.name
            actor = Actor(name=name, country=m.country, entity=m.extra.get("entity"))
            if _key(actor) not in keys:
                keys.add(_key(actor))
                out.append(actor)
            if m.affiliation and len(m.affiliation) > 2 and m.kind in (PERSON, OFFICIAL) \
                    and m.affiliation not in self.lex.countries:
                aff = Actor(name=m.affiliation)
                if _key(aff) not in keys:
                    keys.add(_key(aff))
                    out.append(aff)
        return out

    def _evidence(self, toks: DocTokens, s, e, actors, targets, sent_start, sent_end) -> tuple[int, int]:
        start = min([s] + [m.start for m in actors if sent_start <= m.start < s])
        end = max([e] + [m.end for m in targets if e <= m.end <= sent_end])
        k = end
        while k < sent_end and k < end + 10 and not toks.is_punct[k]:
            k += 1
        end = k
        return toks.idx[start], toks.end[end - 1]

    def _reported_by(self, quote: _Quote | None, actors: list[Actor]) -> str | None:
        """The quote an event is known from, unless its speaker is the actor (or an official of the actor's state)."""
        if quote is None or not quote.id or not quote.speaker_keys:
            return None
        for a in actors:
            if a.name.lower() in quote.speaker_keys or (a.country and a.country.lower() in quote.speaker_keys):
                return None
        return quote.id

    def _apply_entities(self, toks: DocTokens, mentions: list[Mention]) -> None:
        """warta_entities' linked entities (when present) give the canonical name, id and country, and
        the names the chunker missed (a one-word name opening a one-sentence text: "Hamas membebaskan ...")."""
        entities = toks.doc._.entities or []
        if not entities:
            return
        covered = set()
        for m in mentions:
            covered.update(range(m.extra.get("role_start", m.start), m.end))
        for ent in entities:
            kind = _ENTITY_KINDS.get(ent.type)
            for mention in ent.mentions:
                span = toks.char_span_contract(mention.start, mention.end)
                if span is None or any(k in covered for k in range(*span)):
                    continue
                mkind = kind or (STATE if ent.country and ent.name in self.lex.countries else PLACE)
                mentions.append(Mention(span[0], span[1], ent.name, mkind, country=ent.country,
                                        extra={"entity": ent.id}))
                covered.update(range(*span))
        mentions.sort(key=lambda m: m.start)
        by_char: dict[int, object] = {}
        for ent in entities:
            for mention in ent.mentions:
                by_char[mention.start] = ent
        for m in mentions:
            if m.end <= m.start:
                continue
            ent = by_char.get(toks.idx[m.start])
            if ent is None:
                continue
            m.extra["entity"] = ent.id
            if ent.type == "ORG" and m.kind == PERSON and "role_start" not in m.extra:
                m.kind = ORG  # a bare name the linker knows as an organisation ("Hamas"); a named official stays
            if ent.country and (not m.country or m.extra.get("default_country")):
                m.country = ent.country
            if m.kind == PERSON and ent.type == "PERSON" and len(ent.name) >= len(m.name):
                m.name = ent.name

    def _quotes(self, toks: DocTokens, mentions: list[Mention]) -> list[_Quote]:
        """Quotes from warta_quotes; without them, quotation-mark pairs with the name after them."""
        doc = toks.doc
        out = []
        countries = {e.id: e.country for e in doc._.entities or [] if e.country}
        for q in doc._.quotes or []:
            speakers = ([q.speaker] if q.speaker else []) + list(q.speakers)
            keys = set()
            for sp in speakers:
                keys.add(sp.name.lower())
                if sp.entity and sp.entity in countries:
                    keys.add(countries[sp.entity].lower())
                if sp.name in self.lex.countries:
                    keys.add(self.lex.countries[sp.name].lower())
            first = speakers[0] if speakers else None
            out.append(_Quote(q.start, q.end, q.id, first.name if first else None, frozenset(keys),
                              q.kind != "indirect", first.entity if first else None,
                              countries.get(first.entity) if first and first.entity else None))
        if out:
            return out
        opens = None  # the index of an opening quotation mark
        for i in [k for k, word in enumerate(toks.text) if word in _QUOTE_CHARS]:
            if opens is None:
                opens = i
                continue
            start, end = toks.idx[opens] + 1, toks.idx[i]
            speaker = None
            for m in mentions:
                if m.start > i and m.start <= i + 6 and m.kind in (PERSON, OFFICIAL) and not m.in_role:
                    speaker = m.name
                    break
            if speaker is None and i + 2 < toks.n and toks.lower[i + 2].endswith("nya"):
                prev = self._last_person(opens)
                speaker = prev.name if prev else None
            out.append(_Quote(start, end, None, speaker))
            opens = None
        return out


def _has_any(words: list[str], phrases: frozenset[str]) -> bool:
    """Whether one of `phrases` (one or more words) occurs in `words`."""
    if any(w in phrases for w in words):
        return True
    joined = " " + " ".join(words) + " "
    return any(" " in p and f" {p} " in joined for p in phrases)


def _key(actor: Actor) -> str:
    return (actor.country or actor.name).lower()


_NOT_VERBS = {"menteri", "mentan", "menko", "menlu", "menhan", "menkeu", "mereka", "memang", "menurut", "berita",
              "bersama", "berbagai", "beberapa", "terhadap", "tersangka", "terdakwa", "termasuk", "tertentu",
              "terkait", "terakhir", "terbesar", "terutama", "meski", "meskipun", "melalui"}


def _looks_verb(low: str) -> bool:
    """Without a usable tagger: an active (meN-, ber-, ter-) or passive (di-...-kan/-i) verb shape."""
    if len(low) <= 5 or low in _NOT_VERBS:
        return False
    if low.startswith(("mem", "men", "meng", "meny", "me", "ber", "ter")):
        return True
    return low.startswith("di") and low.endswith(("kan", "i")) and len(low) > 6


def _ends_sentence(text: str) -> bool:
    """A token (written `text`) that can end a sentence."""
    return text in (".", "!", "?", ":", ";") or "\n" in text or text in _QUOTE_CHARS or text.endswith(".")


def _sentence_bounds(doc: Doc, toks: DocTokens) -> list[tuple[int, int]]:
    """The parser's sentences; punctuation-based ones when there are none or they are implausible
    (a sentence ending on a comma or inside a clause, a few tokens each, or no split at all): the
    rules below are clause-local, and a wrong split loses an actor."""
    n = len(doc)
    if doc.has_annotation("SENT_START"):
        if "sents" in doc.user_hooks:
            bounds = [(s.start, s.end) for s in doc.sents]
        else:  # doc.sents without a Span per sentence
            starts = [0] + [i for i in range(1, n) if toks.sent_start[i]]
            bounds = list(zip(starts, starts[1:] + [n]))
        mean = n / max(len(bounds), 1)
        final = sum(1 for _, e in bounds if _ends_sentence(toks.text[e - 1]) or e == n)
        if 5 <= mean and (n < 200 or len(bounds) > 1) and final == len(bounds):
            return bounds
    ends = [i + 1 for i, word in enumerate(toks.text) if word in _FINAL_PUNCT or "\n" in word]
    bounds = list(zip([0] + ends, ends))
    start = ends[-1] if ends else 0
    if start < n:
        bounds.append((start, n))
    return bounds
