"""Indirect (reported) speech in one sentence: the patterns of Indonesian news.

* subject + cue verb: "X mengatakan(,| bahwa| keyakinannya bahwa) …", "X, dalam sambutannya,
  menekankan …", coordinated "… dan menekankan bahwa …" (a second act by the same speaker);
* inverted: "…, kata X", "…, ujarnya", "…, X menambahkan";
* fronted: "…, demikian disampaikan X", "…, menurut X";
* "Menurut X, …" / "Menurutnya, …";
* reports: "laporan dari A, B dan C yang menyebutkan bahwa …" (several speakers).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from warta.attribution.cues import REPORT_NOUNS, Cues, finditer_at, word_alternation
from warta.attribution.speakers import _WORD, first_words, has_words, is_nya_word, words

_TRIM = " \t\n,.;:—–-"
_WEAK_OK = re.compile(r"\s*(?:,|:|(?:bahwa|agar|supaya)\b)")
_DATE = re.compile(r"\d{1,2}/\d{1,2}|\b(?:19|20)\d\d\b")
_OLEH = re.compile(r"\s+oleh\b")
_CUE_SEPARATORS = re.compile(r"[\s,:]*")
_VERB_FORM = re.compile(r"(?:me|ber|di|ter)[a-z]{4,}")
_WORD_CHAR = re.compile(r"\w")
_REPORT_NOUN = re.compile(rf"(?i)(?:{'|'.join(REPORT_NOUNS)})\s")


def _trie_or_flat(words) -> str:
    """The words as one alternation: a trie (see word_alternation), else the longest first."""
    return word_alternation(words) or "|".join(sorted(words, key=len, reverse=True))


@dataclass
class Act:
    kind: str
    start: int
    end: int
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    phrase: tuple[int, int] | None  # speaker phrase span
    pronoun: bool = False  # the cue itself points back (ujarnya, menurutnya)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM + "\"“”„'‘’":
        if text[s] in "\"“”„'‘’" and not _balanced_mark_at(text, s, e):
            s += 1
            continue
        if text[s] in "\"“”„'‘’":
            break
        s += 1
    while e > s and (text[e - 1] in _TRIM or (text[e - 1] in "\"“”„" and not _balanced_mark_at(text, s, e))):
        e -= 1
    return s, e


def _balanced_mark_at(text: str, s: int, e: int) -> bool:
    return sum(text[i] in "\"“”„" for i in range(s, e)) % 2 == 0


class IndirectFinder:
    def __init__(self, cues: Cues):
        self.c = cues
        self._verb = cues.verb_word
        # the verbs of the last text asked about, found once for all its sentences
        self._verbs_of: tuple[str | None, list[int], list[tuple[int, int, str]]] = (None, [], [])
        inv = "|".join(sorted(cues.inverted, key=len, reverse=True))
        verbs = "|".join(sorted(cues.verbs, key=len, reverse=True))
        # "…, kata X." / "…, ujarnya." / "…, demikian disampaikan X" / "…, menurut X"; the lexicons
        # as tries: tried after every comma, a flat alternation costs an attempt per word
        self._tail = re.compile(
            rf"(?i),\s*(?:(?:{_trie_or_flat(cues.fronting)})\s+)?(?P<cue>(?:{_trie_or_flat(cues.inverted)})(?:nya)?|"
            rf"(?:{_trie_or_flat(cues.passive)})|menurut(?:nya)?|(?:{_trie_or_flat(cues.verbs)}))"
            rf"(?=[\s,.]|$)")
        nouns = "|".join(sorted(cues.statement_nouns, key=len, reverse=True))
        self._nouns = nouns
        # "…, kata juru bicara resmi dari X": the statement noun before the speaker phrase
        self._statement_noun = re.compile(rf"\s*(?:{nouns})\s+(?:resmi\s+)?(?:dari\s+)?", re.I)
        self._menurut = re.compile(r"(?:(?:Namun|Tetapi|Sementara itu|Akan tetapi|Adapun|Bahkan),?\s+)?"
                                   rf"(?P<cue>[Mm]enurut(?:nya)?|[Bb]erdasarkan\s+(?:{nouns})|[Mm]engutip)\b")
        self._report = re.compile(
            rf"(?i)\b(?:{'|'.join(REPORT_NOUNS)})\s+(?:resmi\s+)?(?:dari|oleh)\s+(?P<who>[^.;]{{2,120}}?)"
            rf"\s+yang\s+(?P<cue>{verbs})\b")
        self._paren = re.compile(
            rf",\s*(?P<cue>(?:{inv})(?:nya)?|[Mm]enurut(?:nya)?)(?:\s+(?P<who>(?:[A-Z][\w'’\-]*\s*){{1,5}}|dia|ia|beliau))?\s*,")
        # ", kata ahli epidemiologi Universitas Airlangga, Windhu Purnomo, di Surabaya, …": a role
        # phrase, then the name in apposition
        self._paren_role = re.compile(
            rf",\s*(?P<cue>{inv})\s+(?P<who>[a-z][^,.;\"“”„]{{2,80}}?,\s*(?:[A-Z][\w'’\-]*\s*){{1,5}}),")
        self._coord = re.compile(rf"(?i)\s(?:dan|serta|sekaligus|lalu|kemudian)\s+(?:juga\s+)?(?P<cue>{verbs})\b")

    def set_doc(self, doc) -> None:
        """The parsed Doc, when the pipeline has a parser: nsubj of a cue verb is a fallback speaker."""
        self._doc = doc if doc is not None and doc.has_annotation("DEP") else None

    def _parse_subject(self, text: str, s: int, vs: int, ve: int) -> tuple[int, int] | None:
        """The nsubj subtree of the cue verb, when it stands before the verb and holds a capitalised
        word or a PERSON mention ("Perencana keuangan dari ZAP Finance, Prita Hapsari, menilai")."""
        doc = getattr(self, "_doc", None)
        if doc is None:
            return None
        span = doc.char_span(vs, ve, alignment_mode="expand")
        if span is None:
            return None
        for child in span.root.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.idx < vs:
                sub = list(child.subtree)
                a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
                if a < s or b > vs:
                    continue
                if self._person_in(a, b) or (any(t.text[:1].isupper() for t in sub)
                                             and not text[a:b].split()[0].lower() in self.c.connectives):
                    return a, b
        return None

    def set_persons(self, spans: list[tuple[int, int]]) -> None:
        """The article's PERSON mention spans (start, end), sorted: they vouch for a subject."""
        self._persons = spans

    def _person_in(self, a: int, b: int) -> tuple[int, int] | None:
        for ps, pe in getattr(self, "_persons", ()):
            if ps >= a and pe <= b:
                return ps, pe
            if ps >= b:
                break
        return None

    def find(self, text: str, s: int, e: int, blocked) -> list[Act]:
        """Reporting acts in sentence text[s:e]; blocked(pos) tells whether pos is inside a direct quote."""
        for fn in (self._menurut_front, self._reports, self._parenthetical, self._subject_verb, self._tail_cue):
            acts = fn(text, s, e, blocked)
            if acts:
                return acts
        return []

    # "Menurut X, …"
    def _menurut_front(self, text, s, e, blocked):
        m = self._menurut.match(text, s, e)
        if not m:
            return []
        cs, ce = m.start("cue"), m.end("cue")
        if m.group("cue").lower().endswith("nya"):
            comma = text.find(",", ce, e)
            cstart = comma + 1 if comma != -1 and comma - ce < 3 else ce
            a, b = trim(text, cstart, e)
            return [Act("indirect", a, b, m.group("cue"), cs, ce, None, pronoun=True)] if b - a > 10 else []
        comma = text.find(",", ce, e)
        if comma == -1 or comma - ce > 160:
            return []
        who = words(text[ce:comma])
        if not who:
            return []
        w0 = who[0][0].lower()
        if not (who[0][0][:1].isupper() or w0 in self.c.roles or w0 in self.c.pronouns or w0 == "pihak"
                or not m.group("cue").lower().startswith("menurut")):
            return []
        a, b = trim(text, comma + 1, e)
        if b - a < 10 or blocked(a):
            return []
        return [Act("indirect", a, b, m.group("cue"), cs, ce, (ce + 1, comma))]

    # "Padahal, lanjut Prita, statistik membuktikan …"
    def _parenthetical(self, text, s, e, blocked):
        m = self._paren.search(text, s, e)
        if not m or blocked(m.start()) or m.start() - s > 40:
            m = self._paren_role.search(text, s, e)
            if not m or blocked(m.start()) or m.start() - s > 40:
                return []
        a, b = trim(text, self._after_adjuncts(text, m.end(), e), e)
        if not has_words(text[a:b], 4) or text[a] in "\"“”„":
            return []
        cue = m.group("cue")
        if cue.lower().endswith("nya"):
            return [Act("indirect", a, b, cue, m.start("cue"), m.end("cue"), None, pronoun=True)]
        return [Act("indirect", a, b, cue, m.start("cue"), m.end("cue"), (m.start("who"), m.end("who")))]

    def _after_adjuncts(self, text: str, a: int, e: int) -> int:
        """Past the place and date parts after a parenthetical speaker ("di Surabaya, Sabtu
        (2/1/2021), …"): where the reported content begins."""
        while True:
            comma = text.find(",", a, e)
            if comma == -1:
                return a
            part = text[a:comma].strip()
            ws = part.split()
            if not ws or not (ws[0].lower() in self.c.place_prepositions or ws[0].lower() in self.c.days
                              or _DATE.search(part)) or len(ws) > 6:
                return a
            a = comma + 1

    # "laporan dari A, B, dan C yang menyebutkan bahwa …"
    def _reports(self, text, s, e, blocked):
        if not self._verbs_in(text, s, e) or not self._report_noun_in(text, s, e):
            return []  # the pattern needs both: tried at every position of the sentence
        m = self._report.search(text, s, e)
        if not m:
            return []
        a = self._content_start(text, m.end("cue"), e)
        a, b = trim(text, a, e)
        if b - a < 10:
            return []
        return [Act("indirect", a, b, m.group("cue"), m.start("cue"), m.end("cue"), (m.start("who"), m.end("who")))]

    def _report_noun_in(self, text: str, s: int, e: int) -> bool:
        """One of REPORT_NOUNS opens a word of text[s:e], before a space."""
        starts = self.c.word_starts(text)
        for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
            if _REPORT_NOUN.match(text, starts[i]):
                return True
        return False

    def _verbs_in(self, text: str, s: int, e: int) -> list[tuple[int, int, str]]:
        """(start, end, verb) of the matches of cues.verb_word in text[s:e], as finditer(text, s, e)."""
        if e < len(text) and _WORD_CHAR.match(text, e):
            # a word cut at e: there `\b` holds only in the cut text, which the scan of the whole
            # text does not see
            return [(m.start(), m.end(), m.group("cue")) for m in self._verb.finditer(text, s, e)]
        if self._verbs_of[0] is not text:
            verbs = [(m.start(), m.end(), m.group("cue"))
                     for m in finditer_at(self._verb, text, self.c.word_starts(text))]
            self._verbs_of = (text, [v[0] for v in verbs], verbs)
        _, starts, verbs = self._verbs_of
        return verbs[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    # "X (, parenthetical,) (juga) mengatakan (bahwa) …"
    def _subject_verb(self, text, s, e, blocked):
        for vs, ve, cue in self._verbs_in(text, s, e):
            if blocked(vs):
                continue
            before = _WORD.findall(text[s:vs])
            if len(before) > 30:
                return []
            if before and before[-1].lower() in self.c.negations:
                return []
            if cue.lower() in self.c.weak_verbs and not _WEAK_OK.match(text, ve, e):
                continue  # "X melihat banjir …" is no report; "X melihat, …" is
            subj = self._subject(text, s, vs)
            if subj is None and _WEAK_OK.match(text, ve, e):
                subj = self._parse_subject(text, s, vs, ve)
            if subj is None:
                continue
            if text[vs].isupper():
                continue
            a = self._content_start(text, ve, e)
            a, b = trim(text, a, e)
            if b - a < 8 or not has_words(text[a:b], 2):
                return []
            if text[a] in "\"“”„" or (blocked(a) and blocked(b - 1)):
                return []  # the content is a direct quote: attributed there
            acts = [Act("indirect", a, b, cue, vs, ve, subj)]
            # a coordinated second act: "… dan menekankan bahwa …"
            c = self._coord.search(text, a, b)
            if c and not blocked(c.start()):
                a2 = self._content_start(text, c.end("cue"), e)
                a2, b2 = trim(text, a2, e)
                if b2 - a2 > 10:
                    acts[0].end = trim(text, a, c.start())[1]
                    acts.append(Act("indirect", a2, b2, c.group("cue"), c.start("cue"), c.end("cue"), subj))
            return acts
        return []

    # "…, kata X." / "…, ujarnya." / "…, demikian disampaikan X."
    def _tail_cue(self, text, s, e, blocked):
        for m in self._tail.finditer(text, s, e):
            if blocked(m.start()):
                continue
            a, b = trim(text, s, m.start())
            if not has_words(text[a:b], 4):
                continue
            if text[a] in "\"“”„":
                return []
            cue = m.group("cue")
            ce = m.end("cue")
            if cue.lower().endswith("nya") and cue.lower()[:-3] in self.c.inverted | {"menurut"}:
                return [Act("indirect", a, b, cue, m.start("cue"), ce, None, pronoun=True)]
            rest = text[ce:e].strip()
            if not rest or not (rest[0].isupper() or rest.split()[0].lower() in self.c.pronouns | self.c.roles
                                | {"oleh", "pihak"} or cue.lower() == "menurut"):
                continue
            ps = ce
            mo = _OLEH.match(text[ce:e])
            if mo:
                ps = ce + mo.end()
            from warta.attribution.speakers import phrase_after
            mn = self._statement_noun.match(text[ps:e])
            if mn:
                ps += mn.end()
            phrase = phrase_after(text, ps, e, self.c)
            if phrase is None:
                continue
            return [Act("indirect", a, b, cue, m.start("cue"), ce, phrase)]
        return []

    def _content_start(self, text: str, pos: int, e: int) -> int:
        """Skip ', : bahwa/agar' (and a short object before bahwa) after the cue verb."""
        m = _CUE_SEPARATORS.match(text, pos, e)
        p = m.end() if m else pos
        window = text[p:min(e, p + 200)]
        ws = first_words(window, 7, p)
        reach = 30 if ws and ws[0][0].lower() in ("kepada", "pada", "di", "dalam") else 7
        if reach > 7:
            ws = first_words(window, reach, p)
        for i, (w, ws_, we) in enumerate(ws[:reach]):
            if w.lower() in self.c.complementizers:
                if reach > 7 or (i <= 4 and all(x[0] not in ",.;" for x in ws[:i])):
                    return we
                break
            if w in "\"“”„":
                break
        return p

    def _before_adjunct(self, text: str, s: int, vs: int) -> int:
        """Where the speaker phrase ends when an adjunct follows a person's name ("Sri Mulyani |
        dalam wawancara dengan Kompas | menyampaikan"): before the adjunct's preposition."""
        for m in _WORD.finditer(text[s:vs]):
            if m.group().lower() in self.c.subject_adjuncts and self._person_in(s, s + m.start()):
                return s + m.start()
        return vs

    def _subject(self, text: str, s: int, vs: int) -> tuple[int, int] | None:
        """The speaker phrase before a cue verb, or None when the text there is not a subject."""
        vs = self._before_adjunct(text, s, vs)
        raw = text[s:vs]
        if not raw.strip():
            return None
        # split at commas; drop connective / parenthetical parts
        parts, pos = [], s
        for piece in raw.split(","):
            parts.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        kept = []
        for a, b in parts:
            ws = words(text[a:b])
            if not ws:
                continue
            first = ws[0][0].lower()
            if first in self.c.connectives and first not in self.c.pronouns:
                if len(ws) > 1 and ws[1][0][:1].isupper() and ws[1][0].lower() not in self.c.connectives:
                    # "Sementara Ahmad Riza, Wakil Gubernur …, menyampaikan": the name after the
                    # connective opens the subject
                    kept.append((a + ws[1][1], b))
                continue
            if _DATE.search(text, a, b) or first in self.c.days or first.startswith(self.c.source_notes):
                continue  # a dateline or source note: "Selasa (22/10/2025)", "Dilansir Aljazeera"
            if first == "yang" and kept:
                continue  # a relative clause on the speaker: "X, Wali Kota …, yang dihubungi, juga membenarkan"
            if is_nya_word(first):
                if len(ws) > 1 and not kept:  # "Awalnya Purbaya mengatakan": the name after it
                    kept.append((a + ws[1][1], b))
                continue  # "Hasilnya, survei ini menyebut …": a -nya adverb, never the speaker
            kept.append((a, b))
        if not kept:
            return None
        strict = self._strict_subject(text, kept[0][0], kept[-1][1])
        if strict is not None:
            return strict
        # "Lina Marlina (45), warga Desa …, mengeluhkan": a name followed by lower-case appositions
        if len(kept) > 1 and all(words(text[a:b])[0][0][:1].islower() for a, b in kept[1:]):
            strict = self._strict_subject(text, *kept[0])
            if strict is not None:
                return strict
        # an apposition with a person's name: "Perencana keuangan dari ZAP Finance, Prita Hapsari, menilai"
        for a, b in reversed(kept):
            p = self._person_in(a, b)
            if p and not text[p[1]:b].strip(" ,"):
                return p
        # else a capitalised name closing the phrase: "… Electoral Integrity Ferry Kurnia Rizkiyansyah"
        a, b = kept[-1]
        ws = words(text[a:b], a)
        while ws and ws[-1][0].lower() in self.c.adverbs:
            ws = ws[:-1]
        run = []
        for w in reversed(ws):
            if not w[0][:1].isupper() or w[0].lower() in self.c.roles or w[0].lower() in self.c.place_words:
                break
            run.insert(0, w)
        while run and (run[0][0].lower() in self.c.org_heads or run[0][0].lower() in self.c.place_words):
            run = run[1:]
        if len(run) >= 2 and len(ws) <= 20:
            return run[0][1], run[-1][2]
        return None

    def _strict_subject(self, text: str, a: int, b: int) -> tuple[int, int] | None:
        ws = words(text[a:b], a)
        # drop trailing adverbs ("juga", "sebelumnya")
        while ws and ws[-1][0].lower() in self.c.adverbs:
            ws = ws[:-1]
        if not ws or len(ws) > 14:
            return None
        first = ws[0][0]
        lw = first.lower()
        if not (first[:1].isupper() or lw in self.c.pronouns or lw in self.c.roles or lw == "pihak"):
            return None
        loose = lw in ("pihak", "para") or lw in self.c.roles
        for w, _, _ in ws:
            l = w.lower()
            if w.isdigit() and len(w) <= 3:
                continue  # an age: "Lina (45)"
            if loose and l in self.c.connectives:
                return None
            if loose and not _VERB_FORM.match(l):
                continue
            if w[:1].isupper() or w in ",()" or l in self.c.roles or l in self.c.pronouns or l in self.c.place_words:
                continue
            if l in self.c.subject_words:
                continue
            if l in self.c.titles or l in self.c.ranks:
                continue
            return None
        return ws[0][1], ws[-1][2]
