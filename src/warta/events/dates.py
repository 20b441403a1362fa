"""Dates of events as written ("Jumat", "Selasa (21/10/2025)", "pada bulan Juni", "kemarin") and resolved
against the article's published date (ISO 8601: "2025-10-17", or "2025-06" for a month, "2020" for a year).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6}
MONTHS = {"januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
          "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "sep": 9, "sept": 9,
          "okt": 10, "nov": 11, "des": 12}
RELATIVE = {"kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2, "kemarin lusa": -2}

_DAY = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)"
_MONTH = r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember)"
DATE_RE = re.compile(
    rf"(?P<dayparen>{_DAY},?\s*\(\s*(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>\d{{2,4}}))?\s*\))"
    rf"|(?P<dmy>(?:{_DAY},?\s+)?(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?)"
    rf"|(?P<slash>\b(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})/(?P<y3>\d{{4}})\b)"
    rf"|(?P<month>(?:bulan\s+)(?P<m4>{_MONTH})(?:\s+(?P<y4>\d{{4}}))?|(?P<m5>{_MONTH})\s+(?P<y5>\d{{4}}))"
    rf"|(?P<rel>\b(?:kemarin lusa|kemarin|hari ini|besok|lusa)\b)"
    rf"|(?P<nextmonth>\bbulan (?:depan|lalu)\b)"
    rf"|(?P<year>\b(?:tahun|pada)\s+(?P<y6>(?:19|20)\d{{2}})\b)"
    rf"|(?P<day>(?<![\w-]){_DAY}\b)"
)


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _year(y: str | None, ref: date | None) -> int | None:
    if y:
        y_int = int(y)
        return y_int + 2000 if y_int < 100 else y_int
    return ref.year if ref else None


def _past(d: date, ref: date | None) -> date:
    """A date written without a year is the last such date not long after the article."""
    if ref and d > ref + timedelta(days=31):
        try:
            return d.replace(year=d.year - 1)
        except ValueError:
            return d
    return d


def resolve(match: re.Match, ref: date | None) -> str | None:
    """The ISO form of a DATE_RE match, relative to the published date `ref` when it needs one."""
    g = match.groupdict()
    try:
        if g["dayparen"]:
            year = _year(g["y1"], ref)
            if year is None:
                return None
            d = date(year, int(g["m1"]), int(g["d1"]))
            return (d if g["y1"] else _past(d, ref)).isoformat()
        if g["dmy"]:
            year = _year(g["y2"], ref)
            if year is None:
                return None
            d = date(year, MONTHS[g["m2"].lower()], int(g["d2"]))
            return (d if g["y2"] else _past(d, ref)).isoformat()
        if g["slash"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"])).isoformat()
        if g["month"]:
            month = MONTHS[(g["m4"] or g["m5"]).lower()]
            y = g["y4"] or g["y5"]
            if y:
                return f"{int(y):04d}-{month:02d}"
            if ref is None:
                return None
            year = ref.year - 1 if month > ref.month + 1 else ref.year
            return f"{year:04d}-{month:02d}"
        if g["rel"]:
            return (ref + timedelta(days=RELATIVE[g["rel"].lower()])).isoformat() if ref else None
        if g["nextmonth"]:
            if ref is None:
                return None
            step = 1 if g["nextmonth"].lower().endswith("depan") else -1
            month0 = ref.month - 1 + step
            return f"{ref.year + month0 // 12:04d}-{month0 % 12 + 1:02d}"
        if g["year"]:
            return g["y6"]
        if g["day"]:
            if ref is None:
                return None
            back = (ref.weekday() - DAYS[g["day"].lower()]) % 7
            return (ref - timedelta(days=back)).isoformat()
    except (ValueError, KeyError):
        return None
    return None


def written(match: re.Match) -> str:
    """The date as written, without a leading "pada"/"tahun"."""
    text = match.group(0)
    return re.sub(r"^(?:pada|tahun)\s+", "", text) if match.group("year") else text


def find_date(text: str, anchor: int, ref: date | None) -> tuple[str, str | None] | None:
    """The date expression of `text` nearest to char offset `anchor`: (as written, resolved). A bare year
    ("pada tahun 2007", often a period: "2007 sampai sekarang") is taken only when nothing more precise is there."""
    best = None
    for m in DATE_RE.finditer(text):
        dist = 0 if m.start() <= anchor < m.end() else min(abs(m.start() - anchor), abs(m.end() - anchor))
        key = (m.group("year") is not None, dist)
        if best is None or key < best[0]:
            best = (key, m)
    if best is None:
        return None
    return written(best[1]), resolve(best[1], ref)
