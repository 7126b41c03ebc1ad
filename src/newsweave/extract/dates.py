"""Publication and update times as printed on a page, never the date the page was captured.

Pages print several dates: the day the page was rendered in the header, the article's
publication and update times near the byline, event dates in the prose, dates in captions and in
teaser lists. Each printed date is a candidate scored by where it stands and how it is labelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

import dateparser
from dateutil import parser as dateutil_parser

from newsweave.extract.date_words import CAPTURED, MONTH, MONTH_NUMBERS, PUBLISHED, UPDATED, ZONE, zone_offset
from newsweave.text import fold

_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_TIME = (
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?|\s*uhr\b|\s*h\b)?"  # 07:35 am, 14:20 Uhr
    r"|\d{1,2}(?:\.\d{2})?\s*[ap]\.?\s?m\.?"  # 9.40 a.m.
    r"|\d{1,2}h\d{2}"  # 11h40 (French)
    r"|\d{1,2}\s*時\s*\d{1,2}\s*分)"  # 18時05分 (Japanese)
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º)?\.?"
_DATE = (
    rf"(?:{_DAY}\s+(?:de\s+)?{MONTH}(?:\s+de)?,?\s+\d{{4}}"  # 16 August, 2020; 3 de mayo de 2031; 3. Mai 2031
    rf"|{MONTH}\s+{_DAY},?\s+\d{{4}}"  # June 18, 2025
    r"|\d{4}-\d{2}-\d{2}"  # 2020-08-16
    r"|\d{4}/\d{1,2}/\d{1,2}"  # 2031/08/19 (East Asian)
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"  # 2031年8月21日
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 09/13/2020
    r"|\d{1,2}\.\d{1,2}\.\d{4})"  # 13.09.2020
)
_SEP = r"\s*(?:,|\||-|–|—|•|·|/|\bat\b|\bà\b|\ba las\b|\bum\b|\balle\b|\bàs\b|\bв\b|T)?\s*"
DATE_PATTERN = re.compile(
    rf"(?<![\w/.-])(?:(?P<t1>{_TIME})(?P<z1>{ZONE}){_SEP})?{_WEEKDAY}?(?P<date>{_DATE})"
    rf"(?:{_SEP}(?P<t2>{_TIME})(?P<z2>{ZONE}))?(?!\w|/\d)",
    re.IGNORECASE,
)
# "Publié le 13 mai 2031 à 11h40, mis à jour à 16h05": an update time printed after the date, same day.
_SAME_DAY_UPDATE = re.compile(
    rf"[\s,;|·(]*(?:updated?|mis à jour|aktualisiert|actualizado|aggiornato|atualizado|обновлено)"
    rf"\s*(?:at|à|um|a las|alle|às|в)?\s*:?\s*(?P<time>{_TIME})(?P<zone>{ZONE})(?![\w/])",
    re.IGNORECASE,
)


@dataclass(slots=True)
class PrintedDate:
    """One date printed on the page, parsed, with what the page said about it."""

    value: str  # ISO 8601, precision as printed, offset only where printed
    line: int  # index of the line it was printed on
    offset: int  # character offset in that line
    has_time: bool
    label: str | None  # "published", "updated" or None


def find_dates(text: str, line: int = 0, *, dayfirst: bool = False) -> list[PrintedDate]:
    """Every date printed in `text`; `dayfirst` reads an ambiguous 03/05/2031 as 3 May (non-US pages)."""
    found = []
    for match in DATE_PATTERN.finditer(text):
        value = parse_printed(match, dayfirst=dayfirst)
        if value is None:
            continue
        before = text[: match.start()][-40:]
        if CAPTURED.search(before):
            continue  # the day the page was fetched or drawn, never a publication time
        label = "updated" if UPDATED.search(before) else "published" if PUBLISHED.search(before) else None
        has_time = bool(match.group("t1") or match.group("t2"))
        found.append(PrintedDate(value, line, match.start(), has_time, label))
        update = _SAME_DAY_UPDATE.match(text, match.end())
        if update:
            moment = _parse(value[:10], update.group("time"), update.group("zone"), dayfirst=False)
            if moment:
                found.append(PrintedDate(moment, line, update.start(), True, "updated"))
    return found


def parse_printed(match: re.Match[str], *, dayfirst: bool = False) -> str | None:
    """Parse one matched date, keeping only the precision that was printed.

    The pattern has already fixed the shape, so dateutil's parser (about 100x faster than
    dateparser's language detection) reads it, once month names and CJK marks are put in English
    form; day-first where the shape says so, else as `dayfirst` says.
    """
    time, zone = (match.group("t2"), match.group("z2")) if match.group("t2") else (match.group("t1"), match.group("z1"))
    return _parse(match.group("date"), time, zone, dayfirst=dayfirst)


def _parse(date: str, time: str | None, zone: str | None, *, dayfirst: bool) -> str | None:
    date = _english_date(date)
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.]\d{4}", date)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        dayfirst = "." in date or first > 12 or (dayfirst and second <= 12)
    else:
        dayfirst = False  # only d/m/y shapes are ambiguous; 2031-05-03 is year-month-day everywhere
    time = _clock(time) if time else None
    text = f"{date} {time}" if time else date
    try:
        parsed = dateutil_parser.parse(text, dayfirst=dayfirst, yearfirst=bool(re.match(r"\d{4}", date)))
    except (ValueError, OverflowError):
        return None
    if not 1990 <= parsed.year <= 2100:
        return None
    if time and zone and parsed.tzinfo is None:
        offset = zone_offset(zone)
        parsed = parsed.replace(tzinfo=offset) if offset else parsed
    return to_iso(parsed, printed=time or "")


def _english_date(date: str) -> str:
    """'3. Mai 2031' -> '3 May 2031', '3 de mayo de 2031' -> '3 May 2031', '2031年8月21日' -> '2031-8-21'."""
    cjk = re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", date)
    if cjk:
        return "-".join(cjk.groups())
    if date[:1].isdigit() and not re.search(r"[^\W\d_]", date):
        return date
    words = []
    for word in re.split(r"[\s,]+", date):
        key = fold(word.rstrip("."))
        if key == "de":
            continue
        month = MONTH_NUMBERS.get(key) or (MONTH_NUMBERS.get(key[:3]) if key[:3].isascii() else None)
        words.append(_MONTHS_EN[month - 1] if month else word.rstrip("."))
    return " ".join(words)


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def _clock(time: str) -> str:
    """'11h40' -> '11:40', '18時05分' -> '18:05', '14:20 Uhr' -> '14:20'; a 24-hour time's stray 'pm' dropped."""
    time = re.sub(r"(\d{1,2})\s*時\s*(\d{1,2})\s*分", r"\1:\2", time)
    time = re.sub(r"^(\d{1,2})h(\d{2})$", r"\1:\2", time.strip())
    time = re.sub(r"\s*(?:uhr|h)$", "", time, flags=re.IGNORECASE)
    time = re.sub(r"(\d)\s*([ap])\.?\s?m\.?", r"\1 \2m", time, flags=re.IGNORECASE)
    hour = re.match(r"(\d{1,2})", time)
    if hour and int(hour.group(1)) > 12:
        time = re.sub(r"\s*[ap]m$", "", time, flags=re.IGNORECASE)
    return time


def to_iso(moment: datetime, *, printed: str) -> str:
    """ISO 8601 with the precision that was printed: a date, minutes, seconds, or a fraction of a second.

    A fraction is kept where it is not zero: feeds and APIs stamp items to the millisecond, and the
    online clustering takes articles in that order (several a second in a busy feed).
    """
    if not re.search(r"\d:\d\d|\d\s*[ap]\.?\s?m|\dh\d\d|時", printed, re.IGNORECASE):
        return moment.date().isoformat()
    if not re.search(r"\d:\d\d:\d\d", printed):
        return moment.isoformat(timespec="minutes")
    if not moment.microsecond:
        return moment.isoformat(timespec="seconds")
    return moment.isoformat(timespec="milliseconds" if moment.microsecond % 1000 == 0 else "microseconds")


def parse_given(value: str | None) -> str | None:
    """Normalise a date handed to us (JSONL, HTML metadata) to ISO; keep it as given if unparseable.

    Given dates are nearly always ISO 8601 (read in microseconds) or RFC 2822 and its kin
    ("Mon, 18 Nov 2019 17:19:53 GMT", "June 9, 2031 06:45"), which dateutil reads about 100x faster
    than dateparser (~7 ms a call, ~1 s for the first in a process); dateparser reads the rest.
    """
    value = (value or "").strip().strip("\"'")
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        return to_iso(datetime.fromisoformat(value), printed=value)
    except ValueError:
        pass
    parsed = _complete_date(value) or dateparser.parse(
        value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return value
    return to_iso(parsed, printed=value)


# Two defaults that differ in year, month and day: dateutil fills a part the text lacks from its default.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


def _complete_date(value: str) -> datetime | None:
    """dateutil's reading of `value` if it names year, month and day, else None (dateutil would
    take the missing parts from today); zone abbreviations are read as `zone_offset` reads them."""
    try:
        first, second = (dateutil_parser.parse(value, default=d, tzinfos=_zone) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return first if first == second else None


def _zone(name: str | None, offset: int | None) -> timezone | int | None:
    if offset is not None or not name:
        return offset
    return zone_offset(name)


def choose(candidates: list[PrintedDate], *, title_line: int, body_start: int, body_end: int,
           body_lines: set[int], label: str) -> str | None:
    """The best candidate for `label` ("published" or "updated"), or None rather than a wrong date."""
    best: tuple[float, int, int] | None = None
    chosen = None
    for cand in candidates:
        if (cand.label or "published") != label:
            continue
        score = _score(cand, title_line=title_line, body_start=body_start, body_end=body_end, body_lines=body_lines)
        if score is None:
            continue
        key = (score, -cand.line, -cand.offset)
        if best is None or key > best:
            best, chosen = key, cand.value
    return chosen


def _score(cand: PrintedDate, *, title_line: int, body_start: int, body_end: int, body_lines: set[int]) -> float | None:
    # Weights: a printed time and a label are the strongest signs of a publication line; position
    # between headline and body next. Set by hand on examples/ and the seeds' kinds of pages.
    score = 0.0
    score += 4 if cand.has_time else 0
    score += 3 if cand.label else 0
    in_body_line = cand.line in body_lines
    if in_body_line and cand.offset > 12:
        return None  # a date inside the prose is an event date
    if cand.line < title_line and not cand.label and not cand.has_time:
        return None  # the header's "Wednesday, June 18, 2025": the day the page was captured
    if title_line <= cand.line < body_start or (in_body_line and cand.line == min(body_lines, default=-1)):
        score += 2
    elif cand.line >= body_end:
        score -= 3
        if not cand.label:
            return None  # teaser lists and footers after the article
    return score if score >= 0 else None


def strip_leading_date(text: str) -> str:
    """Remove a date printed at the very start of a body line ("2155 Saturday, 15 August, 2020, 17:30 The ...")."""
    match = DATE_PATTERN.search(text)
    if match and match.start() <= 12 and not re.search(r"[^\d\s]", text[: match.start()]):
        rest = text[match.end() :].lstrip(" ,|-–—:")
        if len(rest) > 20:
            return rest
    return text
