"""The warta_entities component: one entity per person, organisation and place in an article.

Fills doc._.entities with warta.record.Entity (canonical name, type, country, roles, ranks,
affiliations, all mentions as char spans into doc.text). Inputs: the trained model's NER
(doc.ents), the gazetteers in warta/data (countries.toml + CLDR names, titles.toml), and a
capitalisation chunker for what NER misses (or everything, when the pipeline has no NER).

Public helpers for the other components (they run after warta_entities):

    entity_at(doc, start_char, end_char) -> Entity | None
        the entity with a mention overlapping the char span (the longest overlap wins)
    find_entity(doc, name) -> Entity | None
        the entity whose canonical name or one of whose mentions is `name` (normalised), or
        whose full name contains a short form ("Choe" -> "Choe Son Hui")
    country_of(text) -> str | None
        ISO 3166-1 alpha-3 for a country, alias, capital, institution or demonym phrase
        ("Korea Utara", "AS", "Kremlin", "Moskow", "Menteri Luar Negeri Rusia"); IDN for an
        Indonesian office ("Kapolri", "Menteri Keuangan"); else None
    role_of(doc, start_char, end_char) -> str | None
        the role phrase written next to the mention at that span ("Juru bicara Kremlin")
    strip_titles(text) -> str
        a name without honorifics, ranks and role words ("AKP Roland Manurung" -> "Roland Manurung")
"""

import operator
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LIKE_NUM, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from warta.nlp.extensions import _TEXT_KEY
from warta.nlp.gazetteer import (ALIAS, COUNTRY, INSTITUTION, ORGANISATION, Gazetteer, Place, country_of,
                                 get_gazetteer, strip_titles)
from warta.nlp.tokenizer import QUOTE_MARKS
from warta.record import Entity, Mention

__all__ = ["entity_at", "find_entity", "country_of", "role_of", "strip_titles", "EntityLinker"]

#: NER labels of the training sets, mapped to warta's three types
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
          "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "PLACE": "LOC", "FAC": "LOC"}
#: priority of candidate sources when spans of equal length overlap (lower wins)
GAZ, NER, RULE = 0, 1, 2
_OPEN, _CLOSE = "(", ")"
# lower-case words that may sit inside a person's name
_NAME_PARTICLES = {"bin", "binti", "van", "der", "den", "de", "von", "al", "el", "da", "dos", "la", "le"}
# prepositions before an institution that make it a place ("di Gedung Putih")
_LOCATIVE = {"di", "ke", "depan", "dalam", "menuju", "sekitar"}
# words before a country name that make it a language, not a place ("bahasa Inggris")
_NOT_PLACE_BEFORE = {"bahasa", "berbahasa"}
_DATELINE_RE = re.compile(
    r"^\s*(?:(?P<outlet1>[\w]+(?:\.[\w]+)+|[A-Z]{2,}(?: [A-Z]{2,})?)\s*[-–—]+\s*(?P<city1>[A-Z]{3,}(?: [A-Z]{2,})*)\s*[.,]"
    r"|(?P<city2>[A-Z]{3,}(?: [A-Z]{2,})*)\s*[,(]\s*(?P<outlet2>[\w.]+(?: [\w.]+)?)\)?\s*[-–—]+)")
_PUNCT_STRIP = " \t\n,.;:!?\"'“”‘’()[]-–—/"


@Language.factory("warta_entities", default_config={"fallback": "hybrid"})
def make_entities(nlp: Language, name: str, fallback: str):
    """fallback: how the capitalisation chunker and the model's NER share the work.
    "hybrid" (default): gazetteers, titles and the chunker first, the model's NER spans where they
    found nothing; "auto": NER first, the chunker types generic names only when the pipeline has no
    NER; "always": NER and chunker, longest span wins; "never": NER and gazetteers only; "rules":
    ignore the model's NER."""
    return EntityLinker(nlp, fallback=fallback)


@dataclass(slots=True)  # (tens of thousands per 1000 articles: slots are quicker to build and read)
class _Cand:
    start: int
    end: int
    type: str | None  # PERSON | ORG | LOC | None (a bare name: decided when grouping)
    source: int
    place: Place | None = None
    appositive: bool = False  # a name set off by commas next to a role ("Juru bicara Kremlin, Dmitry Peskov,")
    guess: bool = False  # typed by the shape of a capitalised run alone ("Lion Air" → PERSON?)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    type: str | None
    source: int
    text: str
    key: tuple[str, ...]
    place: Place | None = None
    roles: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Group:
    type: str
    mentions: list[_Mention] = field(default_factory=list)
    key: tuple[str, ...] = ()
    iso3: str | None = None


@lru_cache(maxsize=1 << 16)  # the same mention texts come back in every article
def _norm_key(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).lower()
    return tuple(re.sub(r"[^\w\s]", " ", text).split())


class EntityLinker:
    def __init__(self, nlp: Language, fallback: str = "hybrid"):
        self.g: Gazetteer = get_gazetteer()
        self.fallback = fallback
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.place_ids: dict[int, Place] = {}
        for name, place in self.g.places.items():
            forms = {name, name.upper()} if not name.isupper() else {name}
            key = f"PLACE::{name}"
            self.matcher.add(key, [nlp.make_doc(f) for f in forms])
            self.place_ids[nlp.vocab.strings[key]] = place

    # ------------------------------------------------------------------ the component
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            doc._.entities = []
            return doc
        use_ner = self.fallback != "rules"
        ctx = _Context(doc, self.g, use_ner=use_ner)
        has_ner = use_ner and doc.has_annotation("ENT_IOB")
        generic = self.fallback in ("always", "rules", "hybrid") or (self.fallback == "auto" and not has_ner)
        cands = self._gazetteer_cands(ctx)
        city = ctx.dateline_city
        if city is not None and len(city) and not any(map(ctx.place_at.get, range(city.start, city.end))):
            cands.append(_Cand(city.start, city.end, "LOC", GAZ))  # "MANADO, KOMPAS.com -": a place
        if has_ner:
            cands += self._ner_cands(ctx)
        if self.fallback != "never":
            cands += self._rule_cands(ctx, generic=generic)
        mentions = self._resolve(ctx, cands)
        groups = self._group(ctx, mentions)
        doc._.entities = self._entities(ctx, groups)
        return doc

    # ------------------------------------------------------------------ candidates
    def _gazetteer_cands(self, ctx: "_Context") -> list[_Cand]:
        out = []
        for match_id, start, end in self.matcher(ctx.doc):
            place = self.place_ids[match_id]
            if start > 0 and ctx.lw[start - 1] in _NOT_PLACE_BEFORE:
                continue
            if place.name.isupper() and start > 0 and ctx.is_honorific_at(start - 1):
                ctx.initials.add(ctx.texts[start])  # "Saudara AS": a person's initials
                continue
            if ctx.excluded(start, end):
                continue
            out.append(_Cand(start, end, _place_type(ctx, place, start), GAZ, place))
            ctx.place_at[start] = max(ctx.place_at.get(start, 0), end - start)
        return out

    def _ner_cands(self, ctx: "_Context") -> list[_Cand]:
        out = []
        for start, end, label in ctx.ents:
            if label is None:
                continue
            start, end = ctx.trim(start, end)
            while end - start > 1 and ctx.ends_no_name[end - 1]:
                end -= 1  # "PT IAE periode 2006": the name ends before
            if start >= end or ctx.excluded(start, end) or not ctx.texts[start][:1].isupper():
                continue  # "daridetikNews": not a name as tokenised
            if end - start == 1 and ((ctx.is_sent_start_only_word(start, end) and not ctx.is_subject_name(start)) or
                                     ctx.org_head_len(start) or ctx.place_head_len[start]):
                continue  # "Diimbau kepada ..." (but "Luhut mengatakan ..."), a bare "Kementerian"
            if end - start >= 3 and ctx.is_acronym(start) and not ctx.org_head_len(start) \
                    and not ctx.institution_len(start) and ctx.lw[start] not in ctx.g.company_forms \
                    and ctx.all_name_words(start + 1, end) and not any(map(ctx.place_at.get, range(start + 1, end))) \
                    and ctx.role_left(start + 1) is not None:
                # "anggota DKPP Dewi Pitalolo", whatever the model typed: the body's acronym, then
                # its member's name
                out.append(_Cand(start, start + 1, "ORG", NER))
                out += self._person_from_span(ctx, start + 1, end, NER)
                continue
            if label in ("ORG", "LOC") and not ctx.org_head_len(start) and \
                    (end - start - ctx.title_len(start) > 4 if ctx.title_len(start) else
                     end - start > 4 and ctx.title_ends_at(start)):
                continue  # "(Imam Besar) Masjid Al Falah Hamdan Syarifuddin": a role, its body and a name
            head = _first_set(start, end, ctx.place_head_len)
            if label in ("ORG", "LOC") and head is not None and not ctx.institution_len(start) \
                    and not any(map(ctx.place_at.get, range(start, head))):
                label, start = "LOC", head  # "Semenanjung Korea", "Area | Monumen Nasional"
            if label in ("ORG", "LOC") and end - start >= 2 and ctx.looks_like_person(start, end):
                label = "PERSON"  # "Juru bicara Kremlin, Dmitry Peskov" whatever the model typed
            if label == "LOC" and ctx.institution_len(start) and not ctx.place_head_len[start]:
                label = "ORG"  # "Kejaksaan Agung"
            if label == "PERSON" and ctx.org_head_len(start):
                label = "ORG"  # "Himpunan Pengusaha Muda Indonesia" is not a person
            if label == "PERSON":
                if end - start == 1 and ctx.is_acronym(start):
                    out.append(_Cand(start, end, None, NER))  # initials: resolved when grouping
                    continue
                head = _first_set(start, end, ctx._institution_len, ctx.place_head_len)
                if head is not None and not ctx.title_len(start):
                    # "Area Monumen Nasional" is a place, "Polda Metro Jaya" an organisation
                    out.append(_Cand(head, end, "ORG" if ctx.institution_len(head) else "LOC", NER))
                    continue
                out += self._person_from_span(ctx, start, end, NER)
            else:
                n = ctx.title_len(start)
                if n and not ctx.org_head_len(start):  # "Menteri Luar Negeri Rusia": a title, not an ORG
                    continue
                if end - start == 1 and ctx.is_short_form(start) and ctx.is_common_acronym(start):
                    continue  # "SGD 500 ribu", "crude palm oil (CPO)", "Sekretaris Daerah (Sekda)"
                n = ctx.place_at.get(start, 0)
                if 0 < n < end - start and (label == "LOC" or end - start - n >= 2) and \
                        ctx.all_name_words(start + n, end):
                    # "Korea Utara Kim Jong (Un)": a place, then a name the model glued to it
                    out += self._person_from_span(ctx, start + n, end, NER)
                    continue
                if label == "ORG":
                    split = ctx.title_inside(start, end)
                    if split is not None:
                        out += self._person_from_span(ctx, split, end, NER)
                        end = split
                    out += [_Cand(a, b, label, NER) for a, b in ctx.split_conjoined(start, end)]
                    continue
                n = ctx.place_at.get(start, 0)
                if label == "LOC" and 0 < n < end - start and ctx.all_name_words(start + n, end):
                    # "Korea Utara Kim Jong": a place, then a name the model glued to it
                    out += self._person_from_span(ctx, start + n, end, NER)
                    continue
                out.append(_Cand(start, end, label, NER))
        return out

    def _person_from_span(self, ctx: "_Context", start: int, end: int, source: int,
                          require_name: bool = False) -> list[_Cand]:
        """The name inside a PERSON span, without its titles; places inside go back as LOC."""
        name_start = ctx.skip_titles(start, end, always_places=True)
        if name_start >= end:
            return []
        # extend over capitalised name words the model left out ("Kim Jong" + "Un")
        while end < len(ctx.doc) and ctx.is_name_word(end) and not ctx.place_at.get(end):
            end += 1
        # and to the left, when a rank or honorific marks where the name begins
        # ("Komisaris Jenderal Listyo Sigit" + "Prabowo")
        k = name_start
        while k > 0 and not ctx.sent_start[k] and ctx.is_name_word(k - 1) and not ctx.place_at.get(k - 1) \
                and name_start - k < 3:
            k -= 1
        if k < name_start and ctx.ends_rank(k):
            name_start = k
        tail = ctx.last_title_end(name_start, end)
        if name_start < tail < end and ctx.all_name_words(tail, end):
            name_start = tail  # "Eksekusi KPK | Asep Guntur Rahayu"
        if require_name and end - name_start < 2:
            return []
        return [_Cand(name_start, end, "PERSON", source)]

    def _rule_cands(self, ctx: "_Context", generic: bool) -> list[_Cand]:
        out = []
        for a, b in ctx.cap_runs():
            if ctx.excluded(a, b):
                continue
            out += self._classify_run(ctx, a, b, generic)
        return out

    @staticmethod
    def _org_in_role(ctx: "_Context", a: int, b: int) -> list[_Cand]:
        """The institution named inside a role: "Kepala | Badan Pengawas Obat | Komisaris Jenderal"."""
        k = _first_set(a + ctx.title_len(a), b, ctx._institution_len)
        if k is None:
            return []
        e = k + ctx.institution_len(k)
        while e < b and not (ctx.rank_len[e] or ctx.honorific_len[e]):
            e += 1
        return [_Cand(k, e, "ORG", RULE)] if e - k >= 2 else []

    @staticmethod
    def _body_then_name(ctx: "_Context", a: int, b: int) -> list[_Cand]:
        """Five name-shaped words or more after a role, opening with a place or organisation head
        ("Imam Besar | Masjid Al Falah Hamdan Syarifuddin"): the body, then most likely a name of
        two words, both guesses the model's reading outranks. Anything else: nothing."""
        if not (ctx.place_head_len[a] or ctx._org_head_len[a]) or not ctx.all_name_words(b - 2, b) \
                or any(map(ctx.place_at.get, range(b - 2, b))):
            return []
        body = "LOC" if ctx.place_head_len[a] and not ctx.institution_len(a) else "ORG"
        return [_Cand(a, b - 2, body, RULE, guess=True), _Cand(b - 2, b, "PERSON", RULE, guess=True)]

    def _classify_run(self, ctx: "_Context", a: int, b: int, generic: bool) -> list[_Cand]:
        g = self.g
        if ctx.document_len[a] or ctx._after_document[a]:
            return []  # "UU Cipta Kerja", "Perpres Nomor 5": laws and regulations
        if ctx._title_len[a]:
            name_start = ctx.last_title_end(a, b)
            org = self._org_in_role(ctx, a, name_start if name_start > a else b)
            if name_start < b and name_start > a and ctx.lw[name_start - 1] in ctx.g.company_forms:
                return [_Cand(name_start - 1, b, "ORG", RULE)]  # "Direktur PT | Pertamina Patra Niaga"
            if name_start < b and name_start > a:
                if b - name_start > 4:
                    return self._body_then_name(ctx, name_start, b)
                if ctx.is_sent_start_only_word(name_start, b) or \
                        (b - name_start == 1 and not ctx.ends_rank(name_start)) or \
                        not ctx.all_name_words(name_start, b, particles=True):
                    return []
                if ctx.rest_of_a_body(a, name_start, b):
                    return self._org_in_role(ctx, a, b)
                return org + [_Cand(name_start, b, "PERSON", RULE)]
            if ctx.texts[b - 1] in ctx.initials:
                return [_Cand(b - 1, b, None, RULE)]  # "Saudara AS": initials, resolved when grouping
            return []
        org_head_len = ctx._org_head_len[a]
        if org_head_len >= b - a or (b - a == 1 and ctx.place_head_len[a]):
            return []  # a bare head noun ("Pemerintah", "Dinas") names nothing
        split = ctx.title_inside(a, b)
        if org_head_len and split is not None:
            # "Badan Pemelihara Keamanan Mabes Polri Komisaris Jenderal Agus Andrianto"
            return [_Cand(a, split, "ORG", RULE)] + self._classify_run(ctx, split, b, generic)
        if org_head_len or ctx.place_head_len[a]:
            typ = "ORG" if org_head_len else "LOC"
            n = ctx.place_at.get(a + 1, 0)
            if ctx.lw[a] in ("pemerintah", "pemerintahan") and n and a + 1 + n == b:
                return []  # "Pemerintah Indonesia" is the country itself: the gazetteer mention covers it
            k = ctx.person_tail(a + (org_head_len or ctx.place_head_len[a]), b)
            if k is None and ctx.lw[a] in ctx.g.whole_bodies and 2 <= b - a - 1 <= 4 \
                    and ctx.all_name_words(a + 1, b) and not ctx.place_at.get(a + 1):
                k = a + 1  # "Kemenag | Ratna Wulandari": the institution's name is complete
            if k is not None:  # "Juru bicara | Kemenkeu Anna Hasbie": the model reads where the name begins
                return [_Cand(a, k, typ, RULE), _Cand(k, b, "PERSON", RULE)]
            return [_Cand(a, b, typ, RULE)]
        if b - a == 1 and ctx._is_acronym[a]:
            return [] if ctx.is_common_acronym(a) else [_Cand(a, b, "ORG", RULE)]
        if any(ctx._institution_len[a + 1:b]):
            return [_Cand(a, b, "ORG", RULE)]  # "TMC Polda Metro Jaya"
        names = ctx.all_name_words(a, b, particles=True)
        if names and b - a <= 4 and a >= 2 and ctx.lw[a - 1] in g.after_quote_verbs \
                and ctx.texts[a - 2] in QUOTE_MARKS and not any(ctx.ner_label[i] in ("ORG", "LOC") for i in range(a, b)):
            return [_Cand(a, b, "PERSON", RULE)]  # '…," kata Trump': the quote's speaker
        if names and b - a <= 4 and ctx.age_after(b) and not any(map(ctx.place_at.get, range(a, b))):
            return [_Cand(a, b, "PERSON", RULE)]  # "Enuyrohman (43), warga Leles"
        if names and 2 <= b - a <= 4 and (ctx.role_left(a) or ctx.role_right(b)):
            return [_Cand(a, b, "PERSON", RULE, appositive=True)]  # "Juru bicara Kremlin, Dmitry Peskov"
        if names and b - a == 1 and a > 0 and ctx.texts[a - 1] == "," and b < len(ctx.texts) \
                and ctx.texts[b] in (",", ".") and ctx.role_left(a):
            return [_Cand(a, b, "PERSON", RULE, appositive=True)]  # "kata Kasi Intel Kejari X, Nasruddin,"
        if b - a <= 3 and a > 0 and ctx.lw[a - 1] in g.place_cues and ctx.lw[a - 1] not in _LOCATIVE \
                and ctx.all_name_words(a, b):
            return [_Cand(a, b, "LOC", RULE)]  # "wilayah Kursk", "Kabupaten Sleman"
        if not generic:
            return []
        head = _first_set(a + 1, b, ctx.place_head_len)
        if head is not None:
            return [_Cand(head, b, "LOC", RULE, guess=True)]  # "Area Monumen Nasional"
        tail = ctx.last_title_end(a, b)
        if a < tail < b:
            # "... Eksekusi KPK | Asep Guntur Rahayu": the name after the last title-like word
            if b - tail >= 2 and ctx.all_name_words(tail, b):
                return [_Cand(tail, b, "PERSON", RULE, guess=True)]
            return []
        if any(map(ctx.place_at.get, range(a, b))) or ctx.in_title(b - 1):
            return []  # the gazetteer covers (part of) this run / "Menteri Energi dan | Sumber Daya Mineral"
        if any(ctx.derived_noun[a:b]):
            return []  # "Pemberantasan Tindak Pidana Korupsi" is not a name
        if a > 0 and ctx.lw[a - 1] in g.place_cues:
            return [_Cand(a, b, "LOC", RULE, guess=True)]
        if 2 <= b - a <= 4:
            return [_Cand(a, b, "PERSON", RULE, guess=True)]
        if b - a == 1:
            return [_Cand(a, b, None, RULE, guess=True)]
        return [_Cand(a, b, "ORG", RULE, guess=True)]

    # ------------------------------------------------------------------ overlaps -> mentions
    def _resolve(self, ctx: "_Context", cands: list[_Cand]) -> list[_Mention]:
        taken = [False] * len(ctx.doc)
        # where the model found a name, the chunker's guess at a person's extent does not count
        # ("Direktur Eksekutif Pantau Gambut Iola Abas": the model says "Iola Abas")
        if ctx.has_ner and self.fallback != "hybrid":
            cands = [c for c in cands if not (c.source == RULE and c.type == "PERSON") or self._vouched(ctx, c)]
        elif ctx.has_ner:
            for c in cands:  # the chunker's person, with the model's left edge ("Partai Golkar | Sebastian Salang")
                if c.source == RULE and c.type == "PERSON" and not ctx.ends_rank(c.start):
                    k = c.start
                    while k < c.end - 1 and ctx.ner_label[k] != "PERSON":
                        k += 1
                    if ctx.ner_label[k] == "PERSON" and k > c.start and c.end - k >= 1:
                        c.start = k
        # nouns made with pe-/ke-/per-...-an are not personal names ("Percepatan Penanganan Covid")
        cands = [c for c in cands if not (c.type == "PERSON" and c.source != GAZ and
                                          any(ctx.derived_noun[c.start:c.end]))]
        kept: list[_Cand] = []
        # hybrid: the rules' spans that rest on evidence (titles, roles, gazetteer, org heads) first,
        # then the model's, then the chunker's guesses from a run's shape alone: on held-out NER data
        # a guess that outranks the model turns "Lion Air" into a person and hides "Pertamina"
        if self.fallback == "hybrid":
            def order(c: _Cand) -> tuple:
                return (1 if c.source == NER else 2 if c.guess or c.type is None else 0,
                        c.start - c.end, c.source, c.start)  # then the longest first
        else:
            def order(c: _Cand) -> tuple:
                return 0, c.start - c.end, c.source, c.start
        for c in sorted(cands, key=order):
            if c.end <= c.start or any(taken[c.start:c.end]):
                continue
            taken[c.start:c.end] = [True] * (c.end - c.start)
            kept.append(c)
        kept += self._propagate(ctx, kept, taken)
        kept.sort(key=lambda c: c.start)
        out = []
        not_names = ctx.g.not_names
        for c in kept:
            if c.source != GAZ and (ctx.after_document(c.start) or ctx.document_len[c.start]):
                continue  # "UU Cipta Kerja": a law
            if c.source != GAZ and c.type in ("PERSON", "LOC", None) and ctx.after_org_cue(c.start) \
                    and not ctx.ends_rank(c.start):
                c.type = "ORG"  # "melalui Truth Social"
            span_text = ctx.span_text(c.start, c.end)
            text = span_text.strip(_PUNCT_STRIP) or span_text
            key = _norm_key(text)
            if not key or (ctx.texts[c.start] in not_names  # (mostly it is not: no generator then)
                           and all(ctx.texts[k] in not_names for k in range(c.start, c.end))):
                continue
            out.append(_Mention(c.start, c.end, c.type, c.source, text, key, c.place))
        # acronyms in brackets after a name: "Iswan Ibrahim (ISW)", "Komisi Pemberantasan Korupsi (KPK)"
        by_start = {m.start: m for m in out}
        for m in list(out):
            e = m.end
            if e + 2 < len(ctx.doc) and ctx.texts[e] == _OPEN and ctx.texts[e + 2] == _CLOSE \
                    and ctx.is_short_form(e + 1):
                inner = by_start.get(e + 1)
                acr = ctx.texts[e + 1]
                if inner is None:
                    inner = _Mention(e + 1, e + 2, m.type, RULE, acr, _norm_key(acr))
                    out.append(inner)
                    by_start[e + 1] = inner
                if inner.place is None or m.place is None:
                    ctx.aliases[acr] = m
        out.sort(key=lambda m: m.start)
        for m in out:
            if m.type == "PERSON":
                ctx.person_tokens.update(range(m.start, m.end))
        for m in out:
            if m.type == "PERSON":
                self._roles(ctx, m)
        return out

    @staticmethod
    def _vouched(ctx: "_Context", c: _Cand) -> bool:
        """A person found by the chunker stands when a rank or honorific introduces it, or when the
        model reads (the start of) it as a person and none of it as an organisation or place."""
        if ctx.ends_rank(c.start) or c.appositive:
            return True
        labels = [ctx.ner_label[i] for i in range(c.start, c.end)]
        if any(lab in ("ORG", "LOC") for lab in labels):
            return False
        if "PERSON" in labels:
            first = labels.index("PERSON") + c.start
            return ctx.doc[first].ent_iob_ == "B" and first == c.start or ctx.ner_label[c.start] == "PERSON"
        return c.appositive and c.end - c.start >= 2

    def _propagate(self, ctx: "_Context", kept: list[_Cand], taken: list[bool]) -> list[_Cand]:
        """One sense per article: other occurrences of a name found once are mentions too
        ("Wali Kota Manado Vicky Lumentut" ... "kata Vicky" ... "warga Manado")."""
        texts = ctx.texts
        forms: dict[str, list[tuple[tuple[str, ...], _Cand]]] = {}
        for c in kept:
            if c.type is None:
                continue
            words = tuple(texts[c.start:c.end])
            if len("".join(words)) >= 3 and words[0][:1].isupper():
                forms.setdefault(words[0], []).append((words, c))
                if words[0].isupper() and len(words) == 1 and c.type != "LOC":
                    continue
                if words[0].isupper():  # "MANADO" in a dateline: "Manado" in the body
                    titled = tuple(w.title() for w in words)
                    forms.setdefault(titled[0], []).append((titled, c))
            if c.type == "PERSON" and len(words) >= 2:
                for k in range(c.start, c.end):
                    w = texts[k]
                    if len(w) >= 3 and ctx.is_name_word(k):
                        forms.setdefault(w, []).append(((w,), c))
        if not forms:
            return []
        for v in forms.values():
            v.sort(key=lambda x: -len(x[0]))
        out, n, resume = [], len(texts), 0
        for i in list(compress(range(n), map(forms.__contains__, texts))):  # where a form may start
            if i < resume or taken[i]:
                continue  # inside the occurrence just found, or another mention's
            for words, c in forms[texts[i]]:
                e = i + len(words)
                if e <= n and not any(taken[i:e]) and tuple(texts[i:e]) == words:
                    if c.type == "PERSON" and len(words) == 1 and (
                            (e < n and ctx.is_name_word(e)) or (i > 0 and ctx.is_name_word(i - 1))):
                        continue  # part of another name
                    out.append(_Cand(i, e, c.type, RULE, c.place))
                    for k in range(i, e):
                        taken[k] = True
                    resume = e
                    break
        return out

    # ------------------------------------------------------------------ roles
    def _roles(self, ctx: "_Context", m: _Mention) -> None:
        left = ctx.role_left(m.start)
        if left is not None:
            self._add_role(ctx, m, *left)
        right = ctx.role_right(m.end)
        if right is not None:
            self._add_role(ctx, m, *right)

    def _add_role(self, ctx: "_Context", m: _Mention, a: int, b: int) -> None:
        role, ranks, affiliation = ctx.parse_role(a, b)
        if role and role not in m.roles:
            m.roles.append(role)
        m.ranks += [r for r in ranks if r not in m.ranks]
        if affiliation and affiliation not in m.affiliations:
            m.affiliations.append(affiliation)

    # ------------------------------------------------------------------ grouping
    def _group(self, ctx: "_Context", mentions: list[_Mention]) -> list[_Group]:
        groups: list[_Group] = []
        persons: list[_Group] = []
        person_words: list[set[str]] = []  # set(grp.key) of each of persons (their keys stay put here)
        # persons, longest names first: short forms join the full name ("Putin" -> "Vladimir Putin")
        for m in mentions:
            target = ctx.aliases.get(m.text)
            if target is not None and target is not m and m.source != GAZ and target.type != m.type:
                m.type = target.type  # "Dinkes" is what "Dinas Kesehatan (Dinkes)" said it is
            if m.type == "PERSON" and m.end - m.start == 1 and ctx.is_acronym(m.start):
                m.type = None  # initials ("Saudara AS"): joined to the person below
        for m in sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: (-len(m.key), m.start)):
            grp = self._person_group(persons, person_words, m)
            if grp is None:
                grp = _Group("PERSON", key=m.key)
                persons.append(grp)
                person_words.append(set(grp.key))
                groups.append(grp)
            grp.mentions.append(m)
        by_key: dict[object, _Group] = {}
        # initials no person's name spells yet: tried again once the model's ORG/LOC spans that
        # extend a person's name have joined it ("Saudara AS" ... "Arso Sadewo" typed ORG)
        pending_initials: list[tuple[_Mention, str]] = []
        for m in mentions:
            if m.type == "PERSON":
                continue
            text = ctx.span_text(m.start, m.end)
            if m.type is None and m.end - m.start == 1 and ctx.is_acronym(m.start):
                grp = self._initials_group(persons, text, ctx)
                if grp is not None:
                    grp.mentions.append(m)
                    continue
            if text in ctx.initials or (len(m.key) == 1 and text in ctx.aliases
                                        and ctx.aliases[text].type == "PERSON"):
                grp = self._initials_group(persons, text, ctx)
                if grp is not None:
                    grp.mentions.append(m)
                else:
                    pending_initials.append((m, text))
                continue
            if m.source != GAZ:  # a short form of a person the model typed as something else
                # (one word as the person is named, "kata Trump" beside "tutur Trump" typed LOC, but
                # not a street or place named after one: "di | Gatot Subroto")
                one_word = len(m.key) == 1 and not (m.start > 0 and ctx.lowers[m.start - 1] in ctx.g.place_cues)
                grp = self._person_group(persons, person_words, m, strict=not one_word)
                if grp is not None:
                    grp.mentions.append(m)
                    continue
            if m.type is None:
                grp = None
                if m.start > 0 and ctx.lowers[m.start - 1] in ctx.g.place_cues:
                    m.type = "LOC"
                else:
                    continue  # a bare capitalised word nobody vouches for
            if m.place is not None and m.place.kind in (COUNTRY, ALIAS):
                k: object = ("iso", m.place.iso3)
            else:
                alias_of = ctx.alias_target(m)
                if alias_of is not None and alias_of.type != "PERSON":
                    k = ("key", alias_of.key)
                else:
                    k = ("key", m.key)
            grp = by_key.get(k)
            if grp is None:
                grp = _Group(m.type, key=m.key, iso3=m.place.iso3 if m.place else None)
                by_key[k] = grp
                groups.append(grp)
            grp.mentions.append(m)
        # a model-typed place/organisation whose name extends a person's ("Donald Trump" LOC, "Trump" PERSON)
        for grp in groups:
            if grp.type == "PERSON" or not grp.mentions or any(m.source == GAZ for m in grp.mentions) \
                    or len(grp.key) < 2:
                continue
            first = grp.mentions[0]
            if not ctx.all_name_words(first.start, first.end):
                continue
            keyset = set(grp.key)
            person = next((p for p in persons if p.mentions and set(p.key) <= keyset), None)
            if person is not None:
                for m in grp.mentions:
                    m.type = "PERSON"
                person.mentions += grp.mentions
                person.key = max(person.key, grp.key, key=len)
                grp.mentions = []
        for m, text in pending_initials:
            grp = self._initials_group(persons, text, ctx)
            if grp is not None:
                m.type = "PERSON"
                grp.mentions.append(m)
        groups = [grp for grp in groups if grp.mentions]
        # a short form of an organisation's name: "TMC" -> "TMC Polda Metro Jaya"
        for grp in groups:
            if grp.type != "ORG" or len(grp.key) != 1 or any(m.source == GAZ for m in grp.mentions):
                continue
            longer = [o for o in groups if o is not grp and o.type == "ORG" and len(o.key) > 1
                      and o.key[0] == grp.key[0] and o.mentions]
            if len(longer) == 1:
                longer[0].mentions += grp.mentions
                grp.mentions = []
        groups = [grp for grp in groups if grp.mentions]
        groups.sort(key=lambda grp: min(m.start for m in grp.mentions))
        return groups

    @staticmethod
    def _person_group(persons: list[_Group], person_words: list[set[str]], m: _Mention,
                      strict: bool = False) -> _Group | None:
        """The person whose name has all of m's words (with `strict`, and more); `person_words`
        holds the set of each one's key words."""
        keyset = set(m.key)
        found = [grp for grp, words in zip(persons, person_words)
                 if keyset <= words and (not strict or len(grp.key) > len(m.key))]
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        if len(m.key) == 1:  # "Prabowo": the full name that starts with it, else the one that ends with it
            for pos in (0, -1):
                at = [grp for grp in found if grp.key[pos] == m.key[0]]
                if len(at) == 1:
                    return at[0]
                if at:
                    found = at
                    break
        before = [grp for grp in found if any(x.start < m.start for x in grp.mentions)]
        if before:
            return max(before, key=lambda grp: max(x.start for x in grp.mentions if x.start < m.start))
        return found[0]

    @staticmethod
    def _initials_group(persons: list[_Group], acr: str, ctx: "_Context") -> _Group | None:
        if acr in ctx.aliases and ctx.aliases[acr].type == "PERSON":
            target = ctx.aliases[acr]
            for grp in persons:
                if target in grp.mentions:
                    return grp
        for grp in persons:
            if len(grp.key) >= 2 and "".join(w[0] for w in grp.key) == acr.lower():
                return grp
        return None

    # ------------------------------------------------------------------ entities
    def _entities(self, ctx: "_Context", groups: list[_Group]) -> list[Entity]:
        out = []
        for grp in groups:
            if not grp.mentions:
                continue
            name = _canonical(grp)
            if not name or (grp.type == "PERSON" and len(_norm_key(name)) == 0):
                continue
            roles, ranks, affs = [], [], []
            for m in grp.mentions:
                if m.roles:  # (mostly none: then no list is built for it)
                    roles += [r for r in m.roles if r not in roles]
                if m.ranks:
                    ranks += [r for r in m.ranks if r not in ranks]
                if m.affiliations:
                    affs += [a for a in m.affiliations if a not in affs]
            country = grp.iso3
            if country is None:
                if grp.type == "PERSON":
                    country = next((c for c in map(country_of, roles + affs) if c), None)
                else:
                    country = next((c for c in map(country_of, [name] + [m.text for m in grp.mentions]) if c),
                                   None)
            mentions = [_mention(ctx, m) for m in sorted(grp.mentions, key=lambda m: m.start)]
            out.append(Entity(id=f"e{len(out) + 1}", name=name, type=grp.type, country=country, roles=roles,
                              mentions=mentions, affiliations=affs, ranks=ranks))
        self._resolve_ambiguous(out)
        return out

    def _resolve_ambiguous(self, entities: list[Entity]) -> None:
        """"Korea" is the Korea the article names most often (by mentions of its own name)."""
        weight: Counter = Counter()
        for ent in entities:
            if ent.country and ent.type == "LOC":
                weight[ent.country] += len(ent.mentions)
        for ent in entities:
            codes = self.g.ambiguous.get(ent.name)
            if ent.country or not codes:
                continue
            ranked = sorted(((weight[c], c) for c in codes), reverse=True)
            if ranked[0][0] > 0 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
                ent.country = ranked[0][1]


def _mention(ctx: "_Context", m: _Mention) -> Mention:
    """The record mention: char offsets that slice doc.text to exactly its text."""
    start_char = ctx.idx[m.start]  # doc[m.start:m.end].start_char and .end_char
    end_char = ctx.idx[m.end - 1] + len(ctx.texts[m.end - 1])
    start = ctx.text.find(m.text, start_char, end_char)
    if start < 0:
        return Mention(start=start_char, end=end_char, text=ctx.text[start_char:end_char])
    return Mention(start=start, end=start + len(m.text), text=m.text)


_DERIVED_NOUN_RE = re.compile(r"^(?:pe|ke|per)[a-z]{3,}an$")


def _is_derived_noun(word: str) -> bool:
    """Nouns made with pe-/ke-/per- ... -an ("Pemberantasan", "Kemiskinan") are not personal names."""
    return len(word) >= 9 and bool(_DERIVED_NOUN_RE.match(word.lower()))


def _place_type(ctx: "_Context", place: Place, start: int) -> str:
    if place.kind == ORGANISATION:
        return "ORG"
    if place.kind == INSTITUTION:
        return "LOC" if start > 0 and ctx.lw[start - 1] in _LOCATIVE else "ORG"
    return "LOC"


def _canonical(grp: _Group) -> str:
    ms = grp.mentions
    if grp.type == "PERSON":
        best = max(ms, key=lambda m: (len(m.key), len(m.text), -m.start))
        return best.text
    countries = [m for m in ms if m.place is not None and m.place.kind == COUNTRY]
    pool = countries or [m for m in ms if not m.text.isupper()] or ms
    best = max(pool, key=lambda m: (len(m.key), len(m.text), -m.start))
    text = best.text
    if text.isupper() and len(text) > 4 and best.source == GAZ and best.place is not None:
        return best.place.name  # "MOSKOW" in a dateline -> "Moskow"
    if text.isupper() and len(text) > 4 and " " not in text and not any(c.isdigit() for c in text):
        return text.title() if grp.type == "LOC" else text
    return text


#: tokens after which a new sentence starts (besides white space tokens), see _Context._sent_starts
_SENTENCE_ENDS = frozenset({".", "!", "?", ":"})
#: Token.whitespace_ by the SPACY flag
_WHITESPACE = ("", " ")


class _WordTable:
    """What the rules ask about a word form alone, by its ORTH hash, kept from one article to the
    next: a row is built the first time a form is seen, so an article costs one dict lookup per
    token instead of StringStore lookups and string tests per token and question.

    The rows depend on the vocab (the strings and lexemes behind the hashes) and on the
    gazetteer's word sets; a table serves one vocab and one set of those sets (see `serves`)."""

    MAX_WORDS = 100_000  # then it starts over (some 400 bytes a word: 40 MB): news vocabulary keeps growing

    #: row fields, in order
    FIELDS = ("text", "lower", "lw", "like_num", "capitalised", "is_cap", "phrase_start", "ends_sentence",
              "is_quote", "is_acronym", "name_shape", "ends_no_name", "derived_noun")

    def __init__(self, vocab, g: Gazetteer):
        self.vocab, self.g = vocab, g
        self.sets, self.sources = self._sets(g), self._sources(g)
        self.rows: dict[int, tuple] = {}
        self.labels: dict[int, str | None] = {0: None}  # ENT_TYPE hash -> warta type (0: no entity)

    @staticmethod
    def _sets(g: Gazetteer) -> tuple:
        return g.phrase_starters(), g.not_names, g.not_name_parts, g.role_inner

    @staticmethod
    def _sources(g: Gazetteer) -> tuple:
        """The gazetteer sets behind self.sets (phrase_starters() comes from the phrase sets)."""
        return (*g._own_sets(), g.not_names, g.not_name_parts, g.role_inner)

    def serves(self, vocab, g: Gazetteer) -> bool:
        # the same set objects (or, replaced, equal ones) give the same rows
        return vocab is self.vocab and g is self.g and self._sources(g) == self.sources

    def rows_for(self, orths: list[int], lowers: list[int], like_num: list[int]) -> list[tuple]:
        """The rows of a document's tokens (the ORTH, LOWER and LIKE_NUM columns of Doc.to_array)."""
        rows = list(map(self.rows.get, orths))
        missing = list(compress(range(len(rows)), map(operator.not_, rows)))  # words not seen before
        if missing:
            if len(self.rows) + len(missing) > self.MAX_WORDS:
                self.rows.clear()
            for i in missing:
                rows[i] = self.rows.get(orths[i]) or self._add(orths[i], lowers[i], like_num[i])
        return rows

    def _add(self, orth: int, lower: int, like_num: int) -> tuple:
        strings = self.vocab.strings
        text, low = strings[orth], strings[lower]  # Token.text, Token.lower_
        if low == text:
            low = text  # one string kept, not two
        starters, not_names, not_name_parts, role_inner = self.sets
        lw = low.rstrip(".") or low
        capitalised = text[:1].isupper()
        if text.isalpha():  # most words: letters only
            has_letter, has_digit = True, False
        else:
            has_letter, has_digit = any(c.isalpha() for c in text), any(c.isdigit() for c in text)
        row = self.rows[orth] = (
            text, low, lw, bool(like_num), capitalised,
            # is_cap: capitalised, with a letter in it, and not a word that is never a name
            capitalised and has_letter and text not in not_names,
            lw in starters,  # a gazetteer phrase may start here (Gazetteer.phrase_starts)
            text in _SENTENCE_ENDS or text.isspace(),
            text in "\"“”'",  # a substring test, as the sentence-start rule has always made it
            2 <= len(text) <= 8 and text.isupper() and text.isalpha(),
            # is_name_word, except for what depends on the words around (titles, org heads)
            capitalised and text.isalpha() and text not in not_names and text not in not_name_parts
            and not text.isupper() and lw not in role_inner,
            # a name the model found ends before it ("PT IAE periode 2006")
            bool(like_num) or text[:1].islower() or has_digit or not has_letter,
            _is_derived_noun(text),
        )
        return row

    def labels_for(self, ent_types: list[int]) -> list[str | None]:
        """LABELS.get(Token.ent_type_), None outside entities."""
        labels = self.labels
        for h in set(ent_types).difference(labels):
            labels[h] = LABELS.get(self.vocab.strings[h])
        return list(map(labels.__getitem__, ent_types))


_word_table: _WordTable | None = None  # the one in use: a process runs one pipeline's vocab


def _get_word_table(vocab, g: Gazetteer) -> _WordTable:
    global _word_table
    if _word_table is None or not _word_table.serves(vocab, g):
        _word_table = _WordTable(vocab, g)
    return _word_table


def _doc_text(doc: Doc, texts: list[str], ws: list[str]) -> str:
    """warta.nlp.extensions.doc_text(doc), joined from the token lists when no component has read it
    yet (spaCy builds doc.text from a Token object per token), and stored where doc_text() keeps it
    for the components after this one."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is not None and cached[0] == len(texts):
        return cached[1]
    parts = [""] * (2 * len(texts))  # Token.text_with_ws, joined: Doc.text
    parts[::2], parts[1::2] = texts, ws
    text = "".join(parts)
    doc.user_data[_TEXT_KEY] = (len(texts), text)
    return text


def _ent_spans(doc: Doc, ent_iobs: list[int], ent_types: list[int], table: _WordTable) -> list[tuple]:
    """doc.ents as (start, end, LABELS.get(label_)), read from the ENT_IOB and ENT_TYPE columns:
    Doc.ents builds a Span (and Tokens for its offsets) per entity. Spans follow Doc.ents: a B
    token opens one (a B without a type only closes the one before), I tokens continue it, any
    other token ends it."""
    spans, start, label, prev = [], -1, 0, -2
    for i in compress(range(len(ent_iobs)), map((1).__and__, ent_iobs)):  # I (1) and B (3) tokens
        if start != -1 and i != prev + 1:
            spans.append((start, prev + 1, label))  # ended by the O or unset token after prev
            start = -1
        if ent_iobs[i] == 1:
            if start == -1:
                return [(e.start, e.end, LABELS.get(e.label_)) for e in doc.ents]  # raises spaCy's E093
        else:
            if start != -1:
                spans.append((start, i, label))
            start, label = (i, ent_types[i]) if ent_types[i] else (-1, 0)
        prev = i
    if start != -1:
        spans.append((start, prev + 1, label))
    # every span has a label (a B token without one opens none): Doc.ents drops none of them
    labels = table.labels_for([h for _, _, h in spans])
    return [(a, b, label) for (a, b, _), label in zip(spans, labels)]


def _first_set(a: int, b: int, *values: list) -> int | None:
    """The first i in range(a, b) where one of `values` (lists by token position) is true, else None.
    Mostly none is: each slice is tested in one go before it is searched."""
    firsts = []
    for by_token in values:
        part = by_token[a:b]
        if any(part):
            firsts.append(a + next(k for k, v in enumerate(part) if v))
    return min(firsts) if firsts else None


def _phrase_ends(n: int, starts: list[int], max_words: int, *phrase_lens: list[int]) -> list[bool]:
    """ends[i] (0 <= i <= n): a phrase of at most `max_words` words ends right before token i, for
    per-token phrase lengths `phrase_lens` (non-zero at `starts` only)."""
    ends = [False] * (n + 1)
    for j in starts:
        for lens in phrase_lens:
            if 0 < lens[j] <= max_words:
                ends[j + lens[j]] = True
    return ends


class _Context:
    """Per-document views used by the rules: lower-cased words, sentence starts, gazetteer hits.

    The rules ask the same questions about the same tokens many times over, so what depends on
    the tokens alone is computed once here, as lists indexed by token position: doc[i] builds a
    new Token object at every access, and most gazetteer lookups miss. What depends on a word
    form alone comes from the _WordTable."""

    def __init__(self, doc: Doc, g: Gazetteer, use_ner: bool = True):
        self.doc, self.g = doc, g
        self.has_ner = use_ner and doc.has_annotation("ENT_IOB")
        n = self.n = len(doc)
        table = _get_word_table(doc.vocab, g)
        # the token attributes, read in one array instead of one Token object per attribute
        orths, lowers, like_num, spaces, self.idx, ent_types, ent_iobs = \
            doc.to_array([ORTH, LOWER, LIKE_NUM, SPACY, IDX, ENT_TYPE, ENT_IOB]).T.tolist() if n else [[]] * 7
        # a list per row field, by token position: sliced from the rows laid end to end (zip(*rows)
        # would hold an iterator per token, and the garbage collector runs on such allocations)
        flat = list(chain.from_iterable(table.rows_for(orths, lowers, like_num)))
        width = len(_WordTable.FIELDS)
        (texts, self.lowers, lw, self.like_num, capitalised, self._is_cap, phrase_start, ends_sentence,
         is_quote, self._is_acronym, self._name_shape, self.ends_no_name, self.derived_noun) = \
            (flat[k::width] for k in range(width))
        self.texts, self.lw = texts, lw  # Token.text; Token.lower_ without final full stops
        self._capitalised = capitalised  # texts[i][:1].isupper()
        self.ws = list(map(_WHITESPACE.__getitem__, spaces))  # Token.whitespace_
        self.text = _doc_text(doc, texts, self.ws)
        self.ner_label = table.labels_for(ent_types) if self.has_ner else [None] * n
        #: the model's entities, doc.ents as (start, end, LABELS.get(label_)) (None: a label warta ignores)
        self.ents = _ent_spans(doc, ent_iobs, ent_types, table) if self.has_ner else []
        # Gazetteer.match_at(lw, i, ...) for every token, looked up only where some phrase's first
        # word is (0 elsewhere)
        starts = list(compress(range(n), phrase_start))  # g.phrase_starts(lw)
        # (self._org_head_len and self._institution_len are zeroed below for lower-case words)
        (self.honorific_len, self.rank_len, self.role_head_len, self.place_head_len, self.document_len,
         self.org_cue_len, self._org_head_len, self._institution_len) = g.match_lengths_many(
            lw, (g.honorifics, g.ranks, g.role_heads, g.place_heads, g.documents, g.org_cues, g.org_heads,
                 g.institutions), starts)
        self._title_len = [0] * n  # honorific, rank or role head (Gazetteer.is_title_word)
        # whether a document phrase, org cue, rank or honorific ends right before token i (0 <= i <= n),
        # for after_document(), after_org_cue(), ends_rank() and is_honorific_at(): looked up instead
        # of searched for backwards at every call
        self._after_document = _phrase_ends(n, starts, 3, self.document_len)
        self._after_org_cue = _phrase_ends(n, starts, 3, self.org_cue_len)
        self._after_rank = _phrase_ends(n, starts, 4, self.rank_len, self.honorific_len)
        self._after_honorific = _phrase_ends(n, starts, 3, self.honorific_len)
        for i in starts:
            self._title_len[i] = max(self.honorific_len[i], self.rank_len[i], self.role_head_len[i])
            if not capitalised[i]:
                self._org_head_len[i] = self._institution_len[i] = 0
        self.role_head_first_words = g.first_words(g.role_heads)
        self.initials: set[str] = set()
        self.aliases: dict[str, _Mention] = {}
        self.place_at: dict[int, int] = {}
        self.person_tokens: set[int] = set()
        self._common_acronyms: set[str] | None = None
        self._excluded: set[int] = set()
        self.sent_start = self._sent_starts(ends_sentence, is_quote)
        self._mid_caps = {texts[i] for i in compress(range(n), capitalised) if not self.sent_start[i]}
        self._dateline()
        # words the model reads as (part of) a place or organisation somewhere in this article:
        # inside a role they are not the start of a name ("Wali Kota Manado | Vicky Lumentut")
        low = self.lowers
        in_person = {low[k] for start, end, label in self.ents if label == "PERSON" for k in range(start, end)}
        self.known_places = {low[start] for start, end, label in self.ents if end - start == 1
                             and label in ("LOC", "ORG") and texts[start][:1].isupper()
                             and low[start] not in in_person}
        if self.dateline_city is not None:
            self.known_places.update(low[k] for k in range(self.dateline_city.start, self.dateline_city.end))
        # an acronym i right after an honorific (is_honorific_at(i - 1)), found from where the
        # honorifics start: "saudara HPS" is a person's initials
        for j in starts:
            i = j + self.honorific_len[j]
            if j < i < n and i - j <= 3 and self.is_acronym(i):
                self.initials.add(texts[i])

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text (start < end), sliced from the text instead of built from Tokens."""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]

    # -- sentences
    def _sent_starts(self, ends_sentence: list[bool], is_quote: list[bool]) -> list[bool]:
        """Sentence starts after . ! ? : and white space tokens (a line break is always a token of
        its own: a token's trailing whitespace is one space at most); `ends_sentence` and
        `is_quote` are the _WordTable fields by position."""
        n = len(ends_sentence)
        if not n:
            return []
        # punctuation and line breaks only: the parser's sentence splits are not needed here and
        # an early model's can fall inside a name
        starts = [True] + ends_sentence[:-1]
        # a quotation mark after a sentence start is one too: left to right, so that a run of
        # them carries it on
        for i in compress(range(1, n), is_quote):
            if starts[i - 1]:
                starts[i] = True
        return starts

    def _dateline(self) -> None:
        doc = self.doc
        self.dateline_city = None
        m = _DATELINE_RE.match(self.text[:160])
        if not m:
            return
        c = "city1" if m.group("city1") else "city2"
        self.dateline_city = doc.char_span(m.start(c), m.end(c), alignment_mode="contract")
        outlet = m.group("outlet1") or m.group("outlet2")
        if outlet:
            o = m.start("outlet1") if m.group("outlet1") else m.start("outlet2")
            span = doc.char_span(o, o + len(outlet), alignment_mode="expand")
            if span is not None:
                self._excluded.update(range(span.start, span.end))

    def excluded(self, start: int, end: int) -> bool:
        return bool(self._excluded) and any(i in self._excluded for i in range(start, end))

    # -- token tests
    def is_acronym(self, i: int) -> bool:
        return self._is_acronym[i]  # 2 to 8 upper-case letters

    def split_conjoined(self, start: int, end: int) -> list[tuple[int, int]]:
        """"PT PGN dan PT Inti Alasindo Energi" -> two organisations."""
        parts, a = [], start
        for i in range(start + 1, end - 1):
            if (self.lw[i] == "dan" or self.texts[i] == ",") and self._institution_len[i + 1]:
                parts.append((a, i))
                a = i + 1
        parts.append((a, end))
        return [(x, y) for x, y in parts if y > x]

    def title_inside(self, a: int, b: int) -> int | None:
        """Where a rank or honorific followed by a name starts inside doc[a:b] (after its first word)."""
        rank_len, honorific_len = self.rank_len, self.honorific_len
        for i in range(a + 1, b - 1):
            n = rank_len[i] or honorific_len[i]
            if n and i + n < b and self.is_name_word(i + n):
                return i
        return None

    def ents_over(self, a: int, b: int):
        """The model's entities (start, end, label) that overlap doc[a:b], in text order."""
        ents = self.ents
        for k in range(max(0, bisect_left(ents, (a,)) - 1), len(ents)):  # (one may start before a)
            start, end, label = ents[k]
            if start >= b:
                break
            if end > a:
                yield start, end, label

    def person_tail(self, a: int, b: int) -> int | None:
        """Where a person the model found starts inside doc[a:b] and runs to its end, in name
        words: the first token of that name, else None."""
        for start, end, label in self.ents_over(a, b):
            if label == "PERSON" and start >= a and end == b and self.all_name_words(start, b, particles=True):
                return start
        return None

    def rest_of_a_body(self, a: int, name_start: int, b: int) -> bool:
        """In a run "role … name_start … b", doc[name_start:b] goes on naming an organisation or
        place opened inside the role ("Komandan Lapangan Rumah Sakit | Darurat Covid", "Ketua …
        Organisasi Pengusaha Nasional | Angkutan Bermotor"): no rank introduces it, and the model
        reads it as the middle of an ORG or LOC that goes on after the run ("Rumah Sakit Darurat
        Covid - 19"). (An ORG the model ends with the run may have swallowed the name: "PT Bank
        Central Asia Tbk Jahja Setiaatmadja".)"""
        if not self.has_ner or self.ends_rank(name_start):
            return False
        if not any(self._org_head_len[k] or self.place_head_len[k] for k in range(a, name_start)):
            return False
        return any(label in ("ORG", "LOC") and end > b for _, end, label in self.ents_over(name_start, b))

    def title_ends_at(self, i: int) -> bool:
        """A role title, rank or honorific ends right before doc[i] ("Imam Besar | Masjid …")."""
        return any(self._title_len[j] == i - j for j in range(max(0, i - 4), i))

    def age_after(self, i: int) -> bool:
        """An age in brackets opens at doc[i]: "Enuyrohman | (43), warga Leles": who has one is a person."""
        texts = self.texts
        return i + 2 < self.n and texts[i] == _OPEN and texts[i + 2] == _CLOSE and texts[i + 1].isdigit() \
            and len(texts[i + 1]) <= 3

    def looks_like_person(self, start: int, end: int) -> bool:
        """Name words only, next to a role ("pemimpin Korea Utara Kim Jong Un", "X, juru bicara Y")."""
        if self.place_at.get(start) or not self.all_name_words(start, end, particles=True):
            return False
        return self.role_left(start) is not None or self.role_right(end) is not None or self.ends_rank(start)

    def after_document(self, i: int) -> bool:
        """A document phrase of up to three words ends right before doc[i] ("UU | Cipta Kerja")."""
        return self._after_document[i]

    def after_org_cue(self, i: int) -> bool:
        """An org cue of up to three words ends right before doc[i] ("melalui | Truth Social")."""
        return self._after_org_cue[i]

    def ends_rank(self, i: int) -> bool:
        """A rank or honorific (of up to four words) ends right before doc[i] ("Komisaris Jenderal | Listyo")."""
        return self._after_rank[i]

    def institution_len(self, i: int) -> int:
        return self._institution_len[i]

    def is_common_acronym(self, i: int) -> bool:
        """An acronym that is a unit ("USD 15 juta"), or that a text spells out as a common noun
        or a title ("crude palm oil (CPO)", "Menteri Energi dan Sumber Daya Mineral (ESDM)")."""
        n = len(self.texts)
        if i + 1 < n and self.like_num[i + 1]:
            return True
        if self._common_acronyms is None:
            self._common_acronyms = set()
            for k in compress(range(n), map(_OPEN.__eq__, self.texts)):  # the opening brackets
                if 2 <= k < n - 1 and k + 2 < n and self.texts[k + 2] == _CLOSE and \
                        self.is_short_form(k + 1):
                    if self.texts[k - 1][:1].islower() or self.in_title(k - 1):
                        self._common_acronyms.add(self.texts[k + 1])
        return self.texts[i] in self._common_acronyms

    def in_title(self, i: int) -> bool:
        """doc[i] ends a capitalised run that starts with a role head ("Menteri ... Mineral")."""
        j = i
        capitalised, lw, role_inner, sent_start = self._capitalised, self.lw, self.g.role_inner, self.sent_start
        while j > 0 and (capitalised[j - 1] or lw[j - 1] in role_inner) and not sent_start[j]:
            j -= 1
        return any(self.role_head_len[j:i + 1]) and not any(self._institution_len[j:i + 1])

    def is_short_form(self, i: int) -> bool:
        """An acronym or a clipped form in brackets after a name: "(KPK)", "(ISW)", "(Monas)"."""
        t = self.texts[i]
        return self.is_acronym(i) or (t[:1].isupper() and t.isalpha() and 3 <= len(t) <= 10
                                       and t not in self.g.not_names)

    def is_cap(self, i: int) -> bool:
        return self._is_cap[i]

    def is_name_word(self, i: int) -> bool:
        """A capitalised word that can continue a person's name (not a title, place or acronym)."""
        return self._name_shape[i] and not (self._title_len[i] or self._org_head_len[i])

    def all_name_words(self, a: int, b: int, particles: bool = False) -> bool:
        """is_name_word(i) for every i in range(a, b) (with `particles`: or a name particle, "bin")."""
        name_shape, title_len, org_head_len, lw = self._name_shape, self._title_len, self._org_head_len, self.lw
        for i in range(a, b):
            if not (name_shape[i] and not (title_len[i] or org_head_len[i])) \
                    and not (particles and lw[i] in _NAME_PARTICLES):
                return False
        return True

    def is_honorific_at(self, i: int) -> bool:
        """An honorific of up to three words ends at doc[i]."""
        return self._after_honorific[i + 1]

    def title_len(self, i: int) -> int:
        return self._title_len[i]

    def org_head_len(self, i: int) -> int:
        return self._org_head_len[i]

    def is_subject_name(self, i: int) -> bool:
        """doc[i] reads as a proper noun that is the subject of the verb after it ("Pertamina menaikkan
        harga"): a lone sentence-initial word the model calls a name is kept only then."""
        doc = self.doc
        return doc[i].pos_ == "PROPN" and i + 1 < len(doc) and self.texts[i + 1][:1].islower() \
            and doc[i + 1].pos_ in ("VERB", "AUX", "ADV", "PART")

    def is_sent_start_only_word(self, a: int, b: int) -> bool:
        """A single sentence-initial capitalised word never written capitalised mid-sentence."""
        return b - a == 1 and self.sent_start[a] and self.texts[a] not in self._mid_caps

    def trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.texts[start].strip(_PUNCT_STRIP) == "":
            start += 1
        while end > start and self.texts[end - 1].strip(_PUNCT_STRIP) == "":
            end -= 1
        return start, end

    def skip_titles(self, start: int, end: int, always_places: bool = False) -> int:
        """First token of the name in doc[start:end] after honorifics, ranks and role phrases."""
        g, i, in_role = self.g, start, False
        while i < end:
            n = self.honorific_len[i] or self.rank_len[i]
            if n:
                i += n
                continue
            n = self.role_head_len[i]
            if n:
                i, in_role = i + n, True
                continue
            if in_role or always_places:
                n = self.place_at.get(i, 0) or (1 if in_role and i + 1 < end and self.lw[i] in self.known_places
                                                else 0)
                if n:
                    i += n
                    continue
                t = self.texts[i]
                if in_role and (self.lw[i] in g.role_inner or self.is_acronym(i) or not t[:1].isupper()
                                or t in (_OPEN, _CLOSE, ",")):
                    i += 1
                    continue
            break
        return i

    def last_title_end(self, a: int, b: int) -> int:
        """In a run "role ... name", the first token after the last title-like word."""
        i, last = a, a
        title_len, place_at, org_head_len, lw = self._title_len, self.place_at, self._org_head_len, self.lw
        known_places, role_inner, is_acronym = self.known_places, self.g.role_inner, self._is_acronym
        while i < b:
            n = title_len[i] or place_at.get(i, 0) or org_head_len[i] or \
                (1 if lw[i] in known_places and i + 1 < b else 0)
            if n:
                i += n
                last = i
                continue
            if lw[i] in role_inner or is_acronym[i]:
                i += 1
                last = i
                continue
            i += 1
        return last

    def cap_runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised words (with name particles and 'dan' inside ORG names)."""
        n, runs, i = len(self.texts), [], 0
        is_cap, texts, ws, lw, sent_start = self._is_cap, self.texts, self.ws, self.lw, self.sent_start
        while i < n:
            if not is_cap[i]:
                try:
                    i = is_cap.index(True, i)  # the next capitalised word, found in one call
                except ValueError:
                    break
            j = i + 1
            org = bool(self._org_head_len[i])
            while j < n:
                if ws[j - 1] == "" and texts[j] == "-":
                    break
                if is_cap[j] and not (sent_start[j]):
                    j += 1
                elif j + 1 < n and is_cap[j + 1] and (
                        lw[j] in _NAME_PARTICLES
                        or (org and lw[j] == "dan" and not self._org_head_len[j + 1])
                        or (texts[j] == "/" and not ws[j - 1] and not ws[j])):
                    j += 2
                else:
                    break
            # a sentence-initial common word is not part of a name: "Kesepakatan ini ..." / "Kemudian, Hendi"
            if sent_start[i] and texts[i] not in self._mid_caps and not self._title_len[i] \
                    and not self._org_head_len[i] and not self.place_at.get(i) and not self.is_acronym(i) \
                    and not (j == i + 1 and self.age_after(j)):
                i += 1
                if i >= j:
                    continue
            runs.append((i, j))
            i = j
        return runs

    # -- roles
    def role_left(self, start: int) -> tuple[int, int] | None:
        """The role phrase written before a name ("Menteri Luar Negeri Korea Utara, Choe")."""
        g = self.g
        j = start - 1
        if j >= 0 and self.texts[j] == ",":
            j -= 1
        b, depth, first = j + 1, 0, None
        while j >= 0 and b - j <= 15 and j not in self.person_tokens:
            t, lw = self.texts[j], self.lw[j]
            if t == _CLOSE:
                depth += 1
            elif t == _OPEN:
                depth -= 1
            elif depth == 0 and not (t[:1].isupper() or lw in g.role_inner or lw in self.role_head_first_words):
                break
            if depth == 0 and self._title_len[j]:
                first = j
            if self.sent_start[j]:
                break
            j -= 1
        if first is None:
            return None
        return first, b

    def role_right(self, end: int) -> tuple[int, int] | None:
        """The role in apposition after a name ("Dmitry Peskov, juru bicara Kremlin," / "selaku ...")."""
        g, n = self.g, len(self.texts)
        i = end
        if i + 2 < n and self.texts[i] == _OPEN and self.texts[i + 2] == _CLOSE:
            i += 3
        if i < n and (self.texts[i] == "," or self.lw[i] in {"selaku", "sebagai"}):
            i += 1
        else:
            return None
        if i >= n or not self._title_len[i]:
            return None
        a, j = i, i
        while j < n and j - a < 15:
            t, lw = self.texts[j], self.lw[j]
            if j in self.person_tokens:
                return None  # "X, Menteri Dalam Negeri Tito Karnavian, …": the next person's role
            if t in (_OPEN, _CLOSE) or t[:1].isupper() or lw in g.role_inner or lw in self.role_head_first_words:
                j += 1
                continue
            break
        while j > a and self.lw[j - 1] in {"dan", "untuk", "(", ")"}:
            j -= 1
        return a, j

    def parse_role(self, a: int, b: int) -> tuple[str, list[str], str | None]:
        """Split doc[a:b] into (role, ranks, affiliation): "Kepala Unit Reserse Kriminal | Kepolisian
        Sektor Tamansari | Ajun Komisaris" -> role, ["Ajun Komisaris"], "Kepolisian Sektor Tamansari"."""
        ranks: list[str] = []
        role_toks: list[int] = []
        aff_toks: list[int] = []
        i, depth, head_done = a, 0, False
        while i < b:
            t = self.texts[i]
            if t == _OPEN:
                depth += 1
            if depth or t in (_OPEN, _CLOSE, ","):
                if t == _CLOSE:
                    depth = max(0, depth - 1)
                i += 1
                continue
            n = self.rank_len[i]
            if n and (head_done or i == a) and not self.role_head_len[i] > n:
                ranks.append(self.span_text(i, i + n))
                i += n
                continue
            n = self.honorific_len[i]
            if n:
                i += n
                continue
            n = self.place_at.get(i, 0)
            if n and head_done:  # "Presiden Amerika Serikat": a place is never an institution head
                (aff_toks if aff_toks else role_toks).extend(range(i, min(i + n, b)))
                i += n
                continue
            if head_done and not aff_toks and self._institution_len[i]:
                aff_toks.append(i)
                i += 1
                continue
            if aff_toks:
                aff_toks.append(i)
            else:
                role_toks.append(i)
                head_done = True
            i += 1
        role = " ".join(self.texts[k] for k in role_toks).strip(_PUNCT_STRIP)
        aff = " ".join(self.texts[k] for k in aff_toks).strip(_PUNCT_STRIP) or None
        return role, ranks, aff

    def alias_target(self, m: _Mention) -> _Mention | None:
        """The full-name mention an acronym mention stands for ("PGN", "PT PGN")."""
        last = self.texts[m.end - 1]
        if last in self.aliases and (m.end - m.start == 1 or self.is_acronym(m.end - 1)) and all(self._org_head_len[i] for i in range(m.start, m.end - 1)):
            target = self.aliases[last]
            return None if target is m else target
        return None


# ---------------------------------------------------------------------- helpers for other components
def entity_at(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity with a mention overlapping [start_char, end_char) (the longest overlap wins)."""
    best, best_overlap = None, 0
    for ent in doc._.entities or []:
        for m in ent.mentions:
            overlap = min(end_char, m.end) - max(start_char, m.start)
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
    return best


def find_entity(doc: Doc, name: str) -> Entity | None:
    """The entity named `name` (canonical or mention, normalised); else the one person whose name
    contains it ("Anies" -> "Anies Baswedan") or is part of it ("Purbaya Yudhi Sadewa" when the
    entities found only "Yudhi Sadewa"; a one-word name only as the surname). None when several fit."""
    key = _norm_key(name or "")
    if not key:
        return None
    ents = doc._.entities or []
    for ent in ents:
        if _norm_key(ent.name) == key or any(_norm_key(m.text) == key for m in ent.mentions):
            return ent
    words = set(key)
    persons = [(ent, set(_norm_key(ent.name))) for ent in ents if ent.type == "PERSON"]
    for fits in (lambda ew: words <= ew, lambda ew: (len(ew) >= 2 or ew == {key[-1]}) and ew <= words):
        found = [ent for ent, ew in persons if fits(ew)]
        if len(found) == 1:
            return found[0]
    return None


def role_of(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The role written next to the mention at [start_char, end_char) ("Juru bicara Kremlin")."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return None
    ctx = _Context(doc, get_gazetteer())
    for found in (ctx.role_left(span.start), ctx.role_right(span.end)):
        if found is not None:
            role, _ranks, _aff = ctx.parse_role(*found)
            if role:
                return role
    return None
