"""warta's Indonesian portal layer on lines of text: related links, credits, markers, datelines.

`clean_lines(lines)` takes the paragraphs of an article (from a scraped text, a JSON record or
trafilatura's output), removes portal furniture and returns the clean paragraphs with what is
metadata: related titles, authors, editors, outlet and dateline. All labels and patterns live
in data/portals.toml; they are compiled once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from warta.record import Related
from warta.data import load_toml

_QUOTES = "\"“”'‘’`"
_ALNUM = re.compile(r"\w")


@dataclass
class Portal:
    """The compiled portal rules."""
    colon_related: re.Pattern
    media_related: re.Pattern
    quoted_related: re.Pattern
    bare_label: re.Pattern
    max_titles_after_bare_label: int
    max_title_chars: int
    marker: re.Pattern
    initials_line: re.Pattern
    initials_tail: re.Pattern
    agencies: frozenset[str]
    max_trailing_label_chars: int
    credit: re.Pattern
    credit_start: re.Pattern
    source_credit: re.Pattern
    search_paragraphs: int
    editor_labels: frozenset[str]
    author_labels: frozenset[str]
    adapted: re.Pattern
    joiners: re.Pattern
    role_prefix: re.Pattern
    caps_signoff: re.Pattern
    datelines: list[re.Pattern]
    not_city: frozenset[str]
    months: dict[str, int]
    days: list[str]
    zones: dict[str, str]


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def portal() -> Portal:
    raw = load_toml("portals.toml")
    rel, mk, cr, dl, dt = raw["related"], raw["markers"], raw["credits"], raw["datelines"], raw["dates"]
    labels = _alternation(rel["colon_labels"])
    credit_labels = _alternation(cr["editor_labels"] + cr["author_labels"] + cr["drop_labels"])
    all_labels = _alternation(cr["editor_labels"] + cr["author_labels"] + cr["drop_labels"] + cr["source_labels"])
    joiners = "|".join(r"\s+" + re.escape(j) + r"\s+" if j.isalpha() else r"\s*" + re.escape(j) + r"\s*"
                       for j in cr["name_joiners"])
    city = dl["city"]
    return Portal(
        colon_related=re.compile(rf"^(?P<label>{labels})\s*[:：]\s*(?P<title>.+)$", re.I),
        media_related=re.compile(rel["media_pattern"], re.I),
        quoted_related=re.compile(rel["quoted_pattern"], re.I),
        bare_label=re.compile(rf"^(?P<label>{labels})\s*[:!.]*$", re.I),
        max_titles_after_bare_label=int(rel["max_titles_after_bare_label"]),
        max_title_chars=int(rel["max_title_chars"]),
        marker=re.compile("^(?:" + "|".join(f"(?:{p})" for p in mk["lines"]) + r")\s*$", re.I),
        initials_line=re.compile(mk["initials_line"]),
        initials_tail=re.compile(mk["initials_tail"]),
        agencies=frozenset(a.upper() for a in mk["agencies"]),
        max_trailing_label_chars=int(mk["max_trailing_label_chars"]),
        credit=re.compile(rf"^(?P<label>{credit_labels})\.?\s*[:：]\s*(?P<names>.{{1,160}}?)\s*$", re.I),
        credit_start=re.compile(rf"(?:^|(?<=\s))(?:{all_labels})\.?[:：]", re.I),
        source_credit=re.compile(rf"^(?P<label>{all_labels})\.?\s*[:：]\s*(?P<names>.{{1,160}}?)\s*$", re.I),
        search_paragraphs=int(dl.get("search_paragraphs", 1)),
        not_city=frozenset(w.lower() for w in dl.get("not_city_words", [])),
        editor_labels=frozenset(x.lower() for x in cr["editor_labels"]),
        author_labels=frozenset(x.lower() for x in cr["author_labels"]),
        adapted=re.compile(cr["adapted_pattern"], re.I),
        joiners=re.compile(joiners, re.I),
        role_prefix=re.compile(cr["role_prefix"], re.I),
        caps_signoff=re.compile(cr["caps_signoff"]),
        datelines=[re.compile(p.replace("{city}", city).replace("{outlets}", _alternation(dl.get("outlets", []))))
                   for p in dl["patterns"]],
        months={k.lower(): int(v) for k, v in dt["months"].items()},
        days=[d.lower() for d in dt["days"]],
        zones={k.lower(): v for k, v in dt["zones"].items()},
    )


@dataclass
class Cleaned:
    paragraphs: list[str]
    related: list[Related] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dateline: str | None = None


def split_names(value: str) -> list[str]:
    """'Budi Santoso dan Agus S' -> ['Budi Santoso', 'Agus S']; roles before a name dropped."""
    p = portal()
    value = p.role_prefix.sub("", value.strip())
    value = re.sub(r"\s*\((?:[^)]{0,40})\)\s*$", "", value)  # "(ant)", "(foto)" after a name
    names = []
    for part in p.joiners.split(value):
        part = part.strip(" .:-–—" + _QUOTES)
        if part and len(part) <= 60 and any(c.isalpha() for c in part):
            names.append(part)
    return names


def credit_segments(text: str) -> list[tuple[str, list[str]]] | None:
    """'Penulis : A, B Editor : C' -> [('author', [A, B]), ('editor', [C])]; None when not a credit."""
    p = portal()
    text = re.sub(r"\s+([:：])", r"\1", text)
    if not p.credit.match(text):
        return None
    starts = [m.start() for m in p.credit_start.finditer(text)]
    out = []
    for a, b in zip(starts, starts[1:] + [len(text)]):
        m = p.source_credit.match(text[a:b].strip())
        if not m or _sentence_like(m.group("names")):
            return None
        kind = " ".join(m.group("label").lower().split())
        role = "editor" if kind in p.editor_labels else "author" if kind in p.author_labels else "drop"
        names = split_names(m.group("names")) if role != "drop" else []
        if role != "drop" and not (names and all(_name_like(n) for n in names)):
            return None  # "Editor: ..." followed by words that are not names: body text
        out.append((role, names))
    return out


def _name_like(name: str) -> bool:
    """'Siti Rahmawati', 'DINI TEJA', 'prwir' (an account code); not 'BPS mencatat inflasi naik'."""
    words = name.split()
    if not words or len(words) > 6:
        return False
    if len(words) == 1:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised * 2 >= len(words) + 1


def _add(names: list[str], new: list[str]) -> None:
    for n in new:
        if n.lower() not in {x.lower() for x in names}:
            names.append(n)


def _unquote(title: str) -> str:
    title = title.strip().rstrip(":").strip()
    if len(title) >= 2 and title[0] in _QUOTES and title[-1] in _QUOTES:
        title = title[1:-1].strip()
    return title


def related_of_line(line: str) -> Related | None | bool:
    """A Related when the line is a related link; True when it is a bare label; else None."""
    p = portal()
    if len(line) > p.max_title_chars + 60:
        return None
    m = p.quoted_related.match(line) or p.media_related.match(line)
    if m:
        label = " ".join(m.group("label").split())
        title = _unquote(m.group("title"))
        return Related(label=label, title=title) if title else True
    m = p.colon_related.match(line)
    if m:
        title = _unquote(m.group("title"))
        if title and len(title) <= p.max_title_chars:
            return Related(label=" ".join(m.group("label").split()), title=title)
        return None
    if p.bare_label.match(line):
        return True
    return None


def _is_title_like(line: str) -> bool:
    p = portal()
    return 0 < len(line) <= p.max_title_chars and not line.endswith(".") and not p.credit.match(line)


def clean_lines(lines: list[str], *, dateline: bool = True, title: str | None = None) -> Cleaned:
    """Remove portal furniture from the paragraphs of one article; keep its metadata."""
    p = portal()
    out = Cleaned(paragraphs=[])
    titles_left = 0  # after a bare "Baca Juga" line: how many following short lines are titles
    label = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if titles_left:
            if _is_title_like(line) and related_of_line(line) is None:
                out.related.append(Related(label=label, title=_unquote(line)))
                titles_left -= 1
                continue
            titles_left = 0
        if p.marker.match(line) or p.initials_line.match(line) or not _ALNUM.search(line):
            continue
        rel = related_of_line(line)
        if isinstance(rel, Related):
            out.related.append(rel)
            continue
        if rel is True:
            label = " ".join(line.rstrip(":!. ").split())
            titles_left = p.max_titles_after_bare_label
            continue
        segments = credit_segments(line) if len(line) <= 200 else None
        if segments:
            for role, names in segments:
                if role != "drop":
                    _add(out.editors if role == "editor" else out.authors, names)
            continue
        if date_only(line) or (title and line.lower() == title.lower() and not out.paragraphs):
            continue
        m = p.adapted.match(line)
        if m:
            _add(out.authors, split_names(m.group("names")))
            continue
        out.paragraphs.append(line)
    _sign_off(out)
    if dateline and out.paragraphs:
        find_dateline(out)
    return out


def _sentence_like(value: str) -> bool:
    """'Editor: ...' where the value reads as a sentence is body text, not a credit."""
    words = value.split()
    return len(words) > 12 or bool(re.search(r"[.!?]\s+\w", value))


def _sign_off(out: Cleaned) -> None:
    """The end of the body: initials glued to the last paragraph, a capitals sign-off, an agency."""
    p = portal()
    while out.paragraphs:
        last = out.paragraphs[-1]
        if last.upper() in p.agencies:
            out.paragraphs.pop()
            continue
        if last.endswith(":") and len(last) <= p.max_trailing_label_chars and len(out.paragraphs) > 1:
            out.paragraphs.pop()  # the label of an embed the scrape did not keep
            continue
        if p.caps_signoff.match(last) and len(last) <= 40 and len(out.paragraphs) > 1:
            _add(out.authors, [last])
            out.paragraphs.pop()
            continue
        trimmed = p.initials_tail.sub("", last)
        if trimmed != last:
            out.paragraphs[-1] = trimmed
        break


def find_dateline(out: Cleaned) -> None:
    """Take the dateline off the first paragraph (or one of the first few, for an outlet dateline)."""
    p = portal()
    for k, para in enumerate(out.paragraphs[:p.search_paragraphs]):
        m = next((m for m in (pattern.match(para) for pattern in p.datelines) if m and _city_ok(m, p)), None)
        if m and (k == 0 or m.groupdict().get("outlet")):
            del out.paragraphs[:k]  # captions and teasers before the dateline
            _apply_dateline(out, m)
            return


def _city_ok(m: re.Match, p: Portal) -> bool:
    city = m.groupdict().get("city")
    return not city or city.split()[0].lower() not in p.not_city


def _apply_dateline(out: Cleaned, m: re.Match) -> None:
    groups = m.groupdict()
    out.outlet = out.outlet or _clean_outlet(groups.get("outlet"))
    city = groups.get("city")
    if city:
        out.dateline = out.dateline or city.strip(" ,.")
    rest = out.paragraphs[0][m.end():].lstrip(" -–—,.")
    if rest:
        out.paragraphs[0] = rest
    else:  # a dateline standing alone ("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --")
        out.paragraphs.pop(0)


def _clean_outlet(outlet: str | None) -> str | None:
    if not outlet:
        return None
    outlet = outlet.strip()
    if "/" in outlet:  # "Antara/PRNewswire"
        outlet = outlet.split("/")[0].strip()
    return outlet or None


@lru_cache(maxsize=1)
def _date_words() -> re.Pattern:
    p = portal()
    words = sorted(set(p.days) | set(p.months) | set(p.zones) | {"pukul", "jam", "on", "at"}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b|\d+|[\s,|:/.\-–—]+", re.I)


def date_only(line: str) -> bool:
    """A line that is only a date and time ("Kamis, 05/11/2015 10:08 WIB", "- Rabu, 4 November 2015 | 21:04")."""
    from warta.extract.dates import parse_visible

    if len(line) > 70 or not any(c.isdigit() for c in line):
        return False
    return not _date_words().sub("", line).strip() and parse_visible(line) is not None
