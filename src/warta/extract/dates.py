"""Published dates: ISO strings, and visible Indonesian date lines parsed without guessing.

"Kamis, 05/11/2015 10:08 WIB", "Kamis, 5 November 2015 14:56 WIB", "Rabu, 4 November 2015 | 21:04 WIB",
"Selasa, 23 Februari 2016, 17:15 WIB", "on 16 Feb 2016 at 09:10 WIB", "Wednesday, 04 November, 2015 | 07:28 WIB"
-> "2015-11-05T10:08" (the wall-clock time as printed; the zone is not appended).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from warta.extract.portals import portal

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_TIME = r"(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    p = portal()
    months = "|".join(sorted(p.months, key=len, reverse=True))
    # 5 November 2015 [,|-] [pukul] 14:56
    named = re.compile(rf"\b(?P<d>[0-3]?\d)\s+(?P<m>{months})\.?,?\s+(?P<y>(?:19|20)\d\d)\b"
                       rf"(?:\s*(?:[,|\-–]|\bpukul\b|\bjam\b|\bat\b|\s)\s*(?:pukul\s+|jam\s+|at\s+)?{_TIME})?", re.I)
    # 05/11/2015 10:08  (day first, as Indonesian portals print it)
    numeric = re.compile(rf"\b(?P<d>[0-3]?\d)[/\-.](?P<m>[01]?\d)[/\-.](?P<y>(?:19|20)\d\d)\b"
                         rf"(?:\s*(?:[,|\-–]\s*)?(?:pukul\s+|jam\s+)?{_TIME})?", re.I)
    return named, numeric


def parse_iso(value: str | None) -> str | None:
    """'2024-11-01', '2024-11-01T09:30:00+07:00' -> the same date(time) cut to minutes, or None."""
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    y, mo, d, h, mi = m.group(1, 2, 3, 4, 5)
    try:
        date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return f"{y}-{mo}-{d}" + (f"T{h}:{mi}" if h else "")


def parse_visible(text: str) -> str | None:
    """The first date in a visible date line (Indonesian or English), as ISO, or None."""
    if not text or len(text) > 400:
        return None
    named, numeric = _patterns()
    months = portal().months
    for pattern in (named, numeric):
        m = pattern.search(text)
        if not m:
            continue
        month = m.group("m")
        month = int(month) if month.isdigit() else months.get(month.lower().rstrip("."))
        try:
            day = date(int(m.group("y")), month, int(m.group("d")))
        except (TypeError, ValueError):
            continue
        if m.group("h") is not None:
            moment = datetime(day.year, day.month, day.day, int(m.group("h")), int(m.group("mi")))
            return moment.strftime("%Y-%m-%dT%H:%M")
        return day.isoformat()
    return None


def normalize_published(value: str | None) -> str | None:
    """A given `published` value: ISO kept (cut to minutes), a visible Indonesian date parsed, else as given."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    if _ISO.match(value):
        return parse_iso(value) or value
    return parse_visible(value) or value
