"""Actor mentions for event coding: states, officials (with the country of their role), organisations, people.

One linear pass over the Doc finds capitalised name runs, country and capital names (the shared
gazetteer, data/countries.toml + CLDR), role phrases (data/titles.toml) and links people to the
country of their role ("Menteri Luar Negeri Argentina, Lucas Ferreyra" -> ARG), so that a later
"Ferreyra" is the same actor. When warta_entities fills doc._.entities, an entity's country wins.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from warta.events.lexicon import EventLexicon
from warta.events.tokens import DocTokens, filter_spans, has_digit, is_acronym as _is_acronym

STATE, PLACE, ORG, PERSON, OFFICIAL, REGION, GROUP = "STATE", "PLACE", "ORG", "PERSON", "OFFICIAL", "REGION", "GROUP"
_OPEN, _CLOSE = "([", ")]"


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    name: str
    kind: str
    country: str | None = None
    #: a country or organisation named inside a role phrase or an organisation name (a modifier, not an argument)
    in_role: bool = False
    #: organisation of an official ("KPK" for "Deputi Penindakan KPK Asep ...")
    affiliation: str | None = None
    #: the head span of the name (start, end) for person coreference
    person_key: str | None = None
    extra: dict = field(default_factory=dict)


class ActorFinder:
    """Builds the actor mentions of a Doc (see module docstring)."""

    def __init__(self, vocab, lex: EventLexicon):
        self.lex = lex
        self.geo = PhraseMatcher(vocab, attr="ORTH")
        names = {**{k: ("C", v) for k, v in lex.countries.items()}, **{k: ("P", v) for k, v in lex.places.items()},
                 **{k: ("R", "") for k in lex.regions}}
        self.geo_value: dict[str, tuple[str, str]] = {}
        for name, value in names.items():
            key = f"G{len(self.geo_value)}"
            self.geo_value[key] = (value[0], value[1])
            self.geo.add(key, [_make(vocab, name)])
        self.roles = PhraseMatcher(vocab, attr="LOWER")
        for role in sorted(lex.roles):
            self.roles.add("ROLE", [_make(vocab, role)])
        self.generic = PhraseMatcher(vocab, attr="LOWER")
        self.generic_names: dict[str, tuple[str, str]] = {}
        for kind, table in (("ORG", lex.generic_security), ("GROUP", lex.generic_groups)):
            for phrase, canon in table.items():
                self.generic.add("GENERIC", [_make(vocab, phrase)])
                self.generic_names[phrase.lower()] = (canon, kind)
        self.quantifiers = lex.cues.get("quantifier", frozenset())
        self.function_words = frozenset().union(*(lex.cues.get(k, frozenset()) for k in (
            "clause_break", "aux", "negation", "future", "irrealis", "not_argument", "target_prep", "speech")))
        self.trigger_words = {form.split()[0] for form in lex.by_form}
        self.not_actor = lex.cues.get("not_actor", frozenset())
        self.place_heads = {w for w in lex.place_heads}
        self.org_heads = {w for w in lex.org_heads}
        self.indonesia_long = [w for w in lex.indonesia if len(w) > 3]

    # -- helpers ---------------------------------------------------------------------------------
    def _name_like(self, toks: DocTokens, i: int, sent_start: set[int], lower_words: set[str],
                   cap_elsewhere: set[str]) -> bool:
        text = toks.text[i]
        if not toks.is_cap[i] or toks.is_punct[i]:
            return False
        low = toks.lower[i]
        initial = i in sent_start or (i > 0 and (toks.is_quote[i - 1] or "\n" in toks.text[i - 1]))
        if low in self.lex.not_names and not _is_acronym(text):
            return False
        if low in self.not_actor or text in self.not_actor:
            return False
        if text in self.org_heads or text in self.lex.ranks:
            return True
        if initial and low in self.function_words:
            return False  # "Sehingga Ade ...": a connective opening the sentence
        if has_digit(text):
            return False
        if initial and not _is_acronym(text):
            if low in lower_words or low in self.trigger_words:
                return False
            next_is_name = i + 1 < toks.n and toks.is_cap[i + 1] and not toks.is_punct[i + 1]
            if text not in cap_elsewhere and not next_is_name:
                return False
        return True

    def find(self, doc: Doc, sent_starts: set[int] | None = None, toks: DocTokens | None = None) -> list[Mention]:
        """The actor mentions of `doc`, in order; `sent_starts` are the token indices that open a sentence,
        `toks` the Doc's token lists when the caller has built them already."""
        n = len(doc)
        sent_start = sent_starts if sent_starts is not None else {s.start for s in _sents(doc)}
        if toks is None:
            toks = DocTokens(doc)
        words, lower, is_cap = toks.text, toks.lower, toks.is_cap
        lower_words = set(filter(str.islower, words))
        capitalised = list(compress(range(n), is_cap))
        # capitalised where the capital is not owed to a sentence start: a name, whatever opens a sentence
        cap_elsewhere = {words[i] for i in capitalised if i > 0 and i not in sent_start
                         and not toks.is_quote[i - 1] and "\n" not in words[i - 1]}
        name_like = [False] * n  # only a capitalised token can be
        for i in capitalised:
            name_like[i] = self._name_like(toks, i, sent_start, lower_words, cap_elsewhere)
        # gazetteer matches (case-sensitive), longest first
        geo_at: dict[int, tuple[int, str, str]] = {}
        for s, e in filter_spans([(s, e) for _, s, e in self.geo(doc)]):
            geo_at[s] = (e, *self._geo_label(toks, s, e))
        role_spans = filter_spans([(s, e) for _, s, e in self.roles(doc)])
        role_at = dict(role_spans)
        for s, e in role_spans:
            for k in range(s, e):
                name_like[k] = name_like[k] or is_cap[k]
        mentions: list[Mention] = []
        covered = [False] * n
        # role phrases, from the role heads in order (role_at is sorted); a phrase read skips the heads inside it
        i = 0
        for head in role_at:
            if head < i:
                continue
            i = head
            if is_cap[i] or lower[i] in ("pemimpin", "juru", "menteri", "presiden", "pelapor", "mantan", "perdana"):
                j, ms = self._role_phrase(toks, i, role_at, geo_at, name_like)
                if ms:
                    mentions.extend(ms)
                    for k in range(i, j):
                        covered[k] = True
                    i = j
                    continue
            i += 1
        # plain runs: from each name-like or gazetteer token not covered yet, in order
        i = 0
        for start in sorted(set(compress(range(n), name_like)).union(geo_at)):
            if start < i or covered[start]:
                continue
            i = start
            j = i
            while j < n and not covered[j] and (name_like[j] or j in geo_at):
                if j in geo_at and j > i:
                    break
                if j in geo_at:
                    j = geo_at[j][0]
                    break
                j += 1
            mentions.extend(self._run(toks, i, j, geo_at))
            for k in range(i, j):
                covered[k] = True
            i = max(j, i + 1)
        # generic actors written as common nouns ("polisi", "massa aksi"), where no name stands
        for s, e in filter_spans([(a, b) for _, a, b in self.generic(doc)]):
            if any(covered[k] for k in range(s, e)) or (e < n and (e in geo_at or name_like[e])):
                continue  # "pasukan Israel", "polisi Hong Kong": the name is the actor
            if s > 0 and (toks.like_num[s - 1] or lower[s - 1] in self.quantifiers):
                continue  # "5.000 tentara", "ribuan polisi": people counted, not the institution
            key = toks.span_text(s, e).lower()
            canon, kind = self.generic_names.get(key, (key, GROUP))
            mentions.append(Mention(s, e, canon, kind, extra={"generic": True}))
        mentions.sort(key=lambda m: m.start)
        self._appositions(toks, mentions)
        self._initials(toks, mentions)
        self._coref(mentions)
        return mentions

    def _geo_label(self, toks: DocTokens, s: int, e: int) -> tuple[str, str]:
        text = toks.span_text(s, e)
        if text in self.lex.regions:
            return "R", ""
        if text in self.lex.countries:
            return "C", self.lex.countries[text]
        return "P", self.lex.places.get(text, "")

    def _run(self, toks: DocTokens, s: int, e: int, geo_at) -> list[Mention]:
        """A capitalised run outside role phrases: a country, a place or a name."""
        words, lower, span_text = toks.text, toks.lower, toks.span_text
        if s in geo_at and geo_at[s][0] == e:
            kind_c, code = geo_at[s][1], geo_at[s][2]
            text = span_text(s, e)
            if kind_c == "R":
                return [Mention(s, e, text, REGION)]
            return [Mention(s, e, text, STATE if kind_c == "C" else PLACE, country=code or None)]
        low = span_text(s, e).lower()
        if low in self.generic_names and not (e < toks.n and (e in geo_at or toks.is_cap[e])):
            canon, kind = self.generic_names[low]
            return [Mention(s, e, canon, kind, extra={"generic": True})]
        # strip honorifics
        while s < e and lower[s].rstrip(".") in self.lex.honorifics:
            s += 1
        if s >= e:
            return []
        text = span_text(s, e)
        if text in self.lex.regions or words[s] in self.lex.regions:
            return [Mention(s, e, text, REGION)]
        ranks = [k for k in range(s, e) if words[k] in self.lex.ranks]
        if ranks and ranks[-1] + 1 < e:
            r = ranks[-1]  # "Polri Irjen Agus Suryonugroho": unit, rank, name
            unit = span_text(s, ranks[0]) if ranks[0] > s else None
            name = span_text(r + 1, e)
            return [Mention(r + 1, e, name, PERSON, affiliation=unit, person_key=name, extra={"role_start": s})]
        first = words[s]
        prev = lower[s - 1] if s > 0 else ""
        if first in self.org_heads or _is_acronym(first) and e - s == 1:
            return [Mention(s, e, text, ORG, country="IDN" if text in self.lex.indonesia else None)]
        if first in self.place_heads or text in self.place_heads:
            return [Mention(s, e, text, PLACE)]
        if prev in ("di", "ke", "kota", "wilayah", "provinsi", "kabupaten", "kawasan", "daerah"):
            return [Mention(s, e, text, PLACE)]
        for k in range(s + 1, e):
            if words[k] in self.org_heads:  # "Mahasiswa Universitas Andalas": the organisation
                return [Mention(k, e, span_text(k, e), ORG)]
        return [Mention(s, e, text, PERSON, person_key=text)]

    def _role_phrase(self, toks: DocTokens, i: int, role_at, geo_at, name_like) -> tuple[int, list[Mention]]:
        """A role phrase from a role head at i, with its country, affiliation and the person it names."""
        n = toks.n
        words, lower, is_cap, span_text = toks.text, toks.lower, toks.is_cap, toks.span_text
        j = role_at[i]
        country = None
        affiliation = None
        inner: list[Mention] = []
        last_roleish = j  # end of the role part
        seen_name = False
        k = j
        while k < n:
            word, low = words[k], lower[k]
            if seen_name and (k in role_at or k in geo_at or low in self.lex.role_inner):
                break  # "Budi Santosa dan Perdana Menteri ...": a second role phrase
            if country is not None and (k in role_at or low in ("dan", "serta")):
                break  # "Presiden Kenya dan Presiden Tanzania": two officials
            if k in geo_at and geo_at[k][1] == "R":
                break
            if k in geo_at:
                end, kind_c, code = geo_at[k]
                if country is None:
                    country = code or None
                inner.append(Mention(k, end, span_text(k, end), STATE, country=code or None, in_role=True))
                k = end
                last_roleish = k
                continue
            if k in role_at or word in self.lex.ranks:
                k = role_at.get(k, k + 1)
                last_roleish = k
                continue
            if word in _OPEN and k + 2 < n and words[k + 2] in _CLOSE:
                k += 3
                last_roleish = k
                continue
            if low in self.lex.role_inner and k + 1 < n and (name_like[k + 1] or k + 1 in geo_at) \
                    and (is_cap[k] or not seen_name):
                k += 1
                last_roleish = k
                continue
            if is_cap[k] and not seen_name and _office_word(low):
                k += 1  # "Menteri Pertahanan", "Menteri Keuangan": the office, not a name
                last_roleish = k
                continue
            if name_like[k]:
                if _is_acronym(word) or word in self.org_heads:
                    if affiliation is None and _is_acronym(word):
                        affiliation = word
                    k += 1
                    last_roleish = k
                    continue
                seen_name = True
                k += 1
                continue
            break
        end = k
        role_text = span_text(i, last_roleish)
        name_start, name_end = last_roleish, end
        # the name may follow after a comma (apposition): "Menteri Luar Negeri Peru, Ana Quispe,"
        if name_start >= name_end and end + 1 < n and words[end] == "," and name_like[end + 1] \
                and end + 1 not in geo_at and end + 1 not in role_at:
            m = end + 1
            while m < n and name_like[m] and m not in geo_at:
                m += 1
            name_start, name_end = end + 1, m
            end = m
        # "Wali Kota Pematang Jaya, Rudi Hartono,": what stood after the role was its region or unit,
        # the person is the two-or-more-word name in apposition
        if name_end > name_start and end + 2 < n and words[end] == "," and end + 1 not in geo_at \
                and end + 1 not in role_at and words[end + 1] not in self.org_heads:
            m = end + 1
            while m < n and name_like[m] and m not in geo_at and m not in role_at:
                m += 1
            if m - (end + 1) >= 2 and (m >= n or not name_like[m]) and not _is_acronym(words[end + 1]):
                last_roleish, name_start, name_end = name_end, end + 1, m
                role_text = span_text(i, last_roleish)
                end = m
        defaulted = False
        if country is None and (self._indonesian_role(span_text(i, last_roleish))
                                or affiliation in self.lex.indonesia):
            country, defaulted = "IDN", True
        out = list(inner)
        if name_end > name_start:
            s = name_start
            while s < name_end and lower[s].rstrip(".") in self.lex.honorifics:
                s += 1
            name = span_text(s, name_end)
            if name:
                out.append(Mention(s, name_end, name, PERSON, country=country, affiliation=affiliation,
                                   person_key=name, extra={"role": role_text, "role_start": i,
                                                           "default_country": defaulted}))
        else:
            if last_roleish <= role_at[i] and not inner and not affiliation:
                return i, []  # a bare role word ("Presiden" alone): nothing to say
            out.append(Mention(i, last_roleish, role_text, OFFICIAL, country=country, affiliation=affiliation))
        return max(end, i + 1), out

    def _indonesian_role(self, text: str) -> bool:
        """The role phrase `text` names an Indonesian office."""
        if any(w in text for w in self.indonesia_long):
            return True
        low = text.lower()
        # government offices with no foreign country named are Indonesian in Indonesian news
        return any(low.startswith(r) for r in ("presiden", "wakil presiden", "menteri", "menko", "gubernur",
                                               "bupati", "wali kota", "kapol", "panglima", "jaksa agung", "men"))

    def _appositions(self, toks: DocTokens, mentions: list[Mention]) -> None:
        """ "Kevin Rudd, Duta Besar Australia untuk AS" : the role after a name gives its country."""
        for a, b in zip(mentions, mentions[1:]):
            if a.kind == PERSON and a.country is None and b.kind == OFFICIAL and b.start == a.end + 1 \
                    and toks.text[a.end] == ",":
                a.country = b.country
                a.affiliation = a.affiliation or b.affiliation
                b.extra["apposition_of"] = a.name

    def _initials(self, toks: DocTokens, mentions: list[Mention]) -> None:
        """Suspects named by initials ("Saudara AS", "tersangka HPS") are the person with those initials."""
        words = toks.text
        persons = [m for m in mentions if m.kind == PERSON and " " in m.name]
        by_initials: dict[str, Mention] = {}
        for m in persons:
            init = "".join(w[0] for w in m.name.split() if w[0].isalpha()).upper()
            by_initials.setdefault(init, m)
            # an explicit "(HPS)" after the name
            if m.end + 2 < toks.n and words[m.end] == "(" and words[m.end + 2] == ")":
                by_initials[words[m.end + 1]] = m
        for idx, m in enumerate(mentions):
            prev = toks.lower[m.start - 1] if m.start > 0 else ""
            if m.end - m.start == 1 and _is_acronym(m.name) and prev in ("saudara", "sdr", "tersangka", "saudari"):
                target = by_initials.get(m.name)
                if target is not None:
                    mentions[idx] = Mention(m.start, m.end, target.name, PERSON, country=target.country,
                                            person_key=target.name)

    def _coref(self, mentions: list[Mention]) -> None:
        """A one-word name is the full name introduced before it ("Ferreyra" -> "Lucas Ferreyra")."""
        full: dict[str, Mention] = {}
        for m in mentions:
            if m.kind != PERSON:
                continue
            words = m.name.split()
            if len(words) > 1:
                key_m = full.get(m.name)
                if key_m is not None:
                    if key_m.country and (not m.country or (m.extra.get("default_country")
                                                            and not key_m.extra.get("default_country"))):
                        m.country = key_m.country
                    m.affiliation = m.affiliation or key_m.affiliation
                    if m.country and not key_m.country:
                        key_m.country = m.country
                for w in words:
                    if len(w) > 2:
                        full[w] = m if (w not in full or m.country or not full[w].country) else full[w]
                full[m.name] = full.get(m.name, m)
            elif m.name in full:
                src = full[m.name]
                m.name, m.person_key = src.name, src.name
                if src.country and (not m.country or (m.extra.get("default_country")
                                                       and not src.extra.get("default_country"))):
                    m.country = src.country  # "Presiden Ramaphosa" after "Presiden Afrika Selatan Cyril Ramaphosa"
                m.affiliation = m.affiliation or src.affiliation


def _office_word(low: str) -> bool:
    """pe-/ke- ... -an nouns name an office's field ("Pertahanan", "Keuangan", "Penindakan")."""
    return len(low) > 6 and low.startswith(("pe", "ke")) and low.endswith("an")


def _make(vocab, text: str) -> Doc:
    return Doc(vocab, words=text.split())


def _sents(doc: Doc):
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]]
