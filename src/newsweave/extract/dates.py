"""Publication and update times as printed on a page, never the date the page was captured.

Pages print several dates: the day the page was rendered in the header, the article's
publication and update times near the byline, event dates in the prose, dates in captions and in
teaser lists. Each printed date is a candidate scored by where it stands and how it is labelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import dateparser
from dateutil import parser as dateutil_parser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}(?:\.\d{2})?\s*[ap]\.?\s?m\.?)"
_ZONE = r"(?:\s*(?:utc|gmt|z)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|\s*[+-]\d{2}:?\d{2})?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_DAY}\s+{_MONTH},?\s+\d{{4}}"  # 16 August, 2020
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # June 18, 2025
    r"|\d{4}-\d{2}-\d{2}"  # 2020-08-16
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 09/13/2020
    r"|\d{1,2}\.\d{1,2}\.\d{4})"  # 13.09.2020
)
_SEP = r"\s*(?:,|\||-|–|—|•|/|\bat\b|T)?\s*"
DATE_PATTERN = re.compile(
    rf"(?<![\w/.-])(?:(?P<t1>{_TIME}{_ZONE}){_SEP})?{_WEEKDAY}?(?P<date>{_DATE})"
    rf"(?:{_SEP}(?P<t2>{_TIME}{_ZONE}))?(?![\w/])",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"(?:updated?|last modified|modified|edited|revised)\s*(?:on|at)?\s*:?\s*$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"(?:published|posted|first published|created|released|date|issued)\s*(?:on|at)?\s*:?\s*$", re.IGNORECASE
)


@dataclass(slots=True)
class PrintedDate:
    """One date printed on the page, parsed, with what the page said about it."""

    value: str  # ISO 8601, precision as printed, offset only where printed
    line: int  # index of the line it was printed on
    offset: int  # character offset in that line
    has_time: bool
    label: str | None  # "published", "updated" or None


def find_dates(text: str, line: int = 0) -> list[PrintedDate]:
    found = []
    for match in DATE_PATTERN.finditer(text):
        value = parse_printed(match)
        if value is None:
            continue
        before = text[: match.start()][-40:]
        label = "updated" if _UPDATED.search(before) else "published" if _PUBLISHED.search(before) else None
        has_time = bool(match.group("t1") or match.group("t2"))
        found.append(PrintedDate(value, line, match.start(), has_time, label))
    return found


def parse_printed(match: re.Match[str]) -> str | None:
    """Parse one matched date, keeping only the precision that was printed.

    The pattern has already fixed the shape, so dateutil's parser (about 100x faster than
    dateparser's language detection) reads it; day-first only where the shape says so.
    """
    date = match.group("date")
    time = match.group("t2") or match.group("t1")
    dayfirst = bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", date))
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", date):
        dayfirst = int(date.split("/")[0]) > 12
    text = f"{date} {time}" if time else date
    text = re.sub(r"(\d)\s*([ap])\.?\s?m\.?", r"\1 \2m", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(sept)\b", "sep", text, flags=re.IGNORECASE)
    try:
        parsed = dateutil_parser.parse(text, dayfirst=dayfirst)
    except (ValueError, OverflowError):
        return None
    if not 1990 <= parsed.year <= 2100:
        return None
    return to_iso(parsed, printed=time or "")


def to_iso(moment: datetime, *, printed: str) -> str:
    """ISO 8601 with the precision that was printed: a date, minutes, or seconds."""
    if not re.search(r"\d:\d\d|\d\s*[ap]\.?\s?m", printed, re.IGNORECASE):
        return moment.date().isoformat()
    timespec = "seconds" if re.search(r"\d:\d\d:\d\d", printed) else "minutes"
    return moment.isoformat(timespec=timespec)


def parse_given(value: str | None) -> str | None:
    """Normalise a date handed to us (JSONL, HTML metadata) to ISO; keep it as given if unparseable."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:  # given times are nearly always ISO 8601, read here in microseconds; dateparser takes ~7 ms
        return to_iso(datetime.fromisoformat(value), printed=value)
    except ValueError:
        pass
    parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return value
    return to_iso(parsed, printed=value)


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
