"""Dated developments of a story: each article's publication and every sentence that names a day,
resolved against the publication date of the article that says it ("on Saturday")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newsweave.digest.context import Sentence, StoryText
from newsweave.digest.grouping import SentenceGroups, group_sentences
from newsweave.digest.sentences import quote_spans
from newsweave.model import Article, TimelineEntry
from newsweave.times import local_date, parse_time

# Explicit dates are read with a month table rather than dateparser: dateparser reads one string in
# about 1.5 ms and its search_dates() takes words such as "may" or "now" for dates in running text;
# the English news forms accepted here ("Aug. 14", "September 4, 2018", "16 August, 2020") are exact.
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_ORD = r"(?:st|nd|rd|th)?"
_EXPLICIT = re.compile(
    rf"\b{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH.format('m2')}(?:,?\s+(?P<y2>\d{{4}})\b)?"
    rf"|\b(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b"
)
_DIGIT = re.compile(r"\d")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?:(?P<mod>last|next|this|on|early|late)\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<near>yesterday|tomorrow)\b",
    re.I,
)
# Words in a weekday's clause that put it ahead of the article ("He plans on Monday to go", "On Monday
# Russia will send paratroopers").
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|’ll|plans?|planned|planning|is due|are due|was due|were due|is expected|are expected"
    r"|is set to|are set to|scheduled|going to|would|upcoming|forecast for|expected on|expected for|from next"
    # hopes and plans ("expect to reach the miners by Monday"), and the present tense of a schedule
    # ("the talks, which begin on Monday", "parliament meets on Tuesday")
    r"|expects?|expecting|hopes?|hoping|aims?|aiming|intends?|intending|is to|are to"
    r"|begins?|starts?|resumes?|reopens?|returns?|meets?|opens?)\b",
    re.I,
)
# Where the clause of a weekday ends: punctuation, or a conjunction that starts another verb ("travelled
# to Orvik on Friday night and returns on Monday").
_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:and|but|while|after|before|when|until)\b")
_STATED = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|declared|tweeted|wrote)\s+(?:on\s+)?$", re.I)
# Half a year: an explicit date without a year is taken in the year that puts it nearest the article.
_HALF_YEAR = 183
# Days after the article beyond which a date without a future word ("will", "plans", "is due") is taken
# for page furniture captured later (a photo caption dated years on); schedules in the present tense
# ("the trial begins on Sept. 25") fall well within it.
_LATE = 60
MIN_WORDS = 6  # a dated line shorter than this is a dateline or a caption credit, not a development


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day named in a sentence, resolved to a calendar date."""

    start: int
    end: int
    day: date


def _explicit(match: re.Match[str], base: date | None) -> date | None:
    try:
        if match["y3"]:
            return date(int(match["y3"]), int(match["m3"]), int(match["d3"]))
        month = _MONTHS[(match["m1"] or match["m2"]).lower().rstrip(".")]
        day = int(match["d1"] or match["d2"])
        year = match["y1"] or match["y2"]
        if year:
            return date(int(year), month, day)
        if base is None:
            return None
        found = date(base.year, month, day)
    except (ValueError, KeyError):
        return None
    shift = -1 if (found - base).days > _HALF_YEAR else 1 if (base - found).days > _HALF_YEAR else 0
    try:
        found = found.replace(year=found.year + shift)
    except ValueError:  # 29 February in the neighbouring year
        return None
    return found


def _future(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] speaks of what is to come ("On Monday Russia will send",
    "He plans on Monday to go"); the day of a statement ("said on Saturday it will") is never ahead."""
    before = _CLAUSE_BREAK.split(text[:start])[-1]
    if _STATED.search(before):
        return False
    after = _CLAUSE_BREAK.split(text[end:])[0]
    return bool(_FUTURE.search(before) or _FUTURE.search(after))


def _weekday(text: str, match: re.Match[str], base: date) -> date:
    if match["near"]:
        return base + timedelta(days=1 if match["near"].lower() == "tomorrow" else -1)
    target = _WEEKDAYS.index(match["day"].lower())
    back = (base.weekday() - target) % 7  # 0..6 days ago
    ahead = (target - base.weekday()) % 7  # 0..6 days ahead
    modifier = (match["mod"] or "").lower()
    if modifier == "last":
        return base - timedelta(days=back or 7)
    if modifier == "next":
        return base + timedelta(days=ahead or 7)
    if _future(text, match.start(), match.end()):
        return base + timedelta(days=ahead)
    return base - timedelta(days=back)


def find_dates(text: str, base: date | None) -> list[DateMention]:
    """Days named in a sentence; weekdays and yesterday/tomorrow need the article's date `base`."""
    found: list[DateMention] = []
    # Every explicit form has a digit and every relative one "day" or "tomorrow": a sentence without them
    # (most) is not scanned by the two patterns, which try their alternatives at each character.
    for match in _EXPLICIT.finditer(text) if _DIGIT.search(text) else ():
        day = _explicit(match, base)
        if day is None:
            continue
        if base is not None and (day - base).days > _LATE and not _future(text, match.start(), match.end()):
            continue  # long after the article and not told as to come: a caption or link captured later
        found.append(DateMention(match.start(), match.end(), day))
    explicit = list(found)
    folded = text.lower()
    if base is not None and ("day" in folded or "tomorrow" in folded):
        quoted = None  # found when first needed: most sentences name no day
        for match in _RELATIVE.finditer(text):
            if any(
                f.start <= match.start() < f.end
                or (f.start >= match.end() and not text[match.end() : f.start].strip(" ,"))
                for f in explicit
            ):
                continue  # "Saturday, 15 August, 2020" is already read
            if match["near"]:
                quoted = quote_spans(text) if quoted is None else quoted
                if any(a < match.start() < b for a, b in quoted):
                    continue  # "yesterday" inside a quotation counts from when it was said
            if match["day"] and match["day"][0].islower():
                continue
            found.append(DateMention(match.start(), match.end(), _weekday(text, match, base)))
    return sorted(found, key=lambda f: f.start)


def _base(article: Article) -> date | None:
    return None if article.published_estimated else local_date(article.published)


def build_timeline(story: StoryText, groups: SentenceGroups | None = None, *, limit: int = 30) -> list[TimelineEntry]:
    """Every original's publication, and up to `limit` dated facts (the most widely carried), one entry per
    fact and day with all its sources, in time order."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1; got {limit!r}")
    if groups is None:
        groups = group_sentences(story)
    published: list[TimelineEntry] = []
    for article in story.originals:
        if article.published and not article.published_estimated:
            first = next((s.text for s in story.sentences if s.article == article.id), "")
            text = article.title or " ".join(first.split()[:30])
            if text:
                published.append(TimelineEntry(article.published, text, story.carriers({article.id})))
    bases = {a.id: _base(a) for a in story.originals}
    dated: dict[tuple[str, int], list[Sentence]] = {}
    for i, sentence in enumerate(story.sentences):
        if len(sentence.text.split()) < MIN_WORDS:
            continue
        days = {m.day for m in find_dates(sentence.text, bases.get(sentence.article))}
        for day in days:
            dated.setdefault((day.isoformat(), groups.group_of[i]), []).append(sentence)
    facts: list[TimelineEntry] = []
    for (day, _), sentences in dated.items():
        shown = min(sentences, key=lambda s: (story.rank(s.article), s.index))
        facts.append(TimelineEntry(day, shown.text, story.carriers({s.article for s in sentences})))
    facts = sorted(facts, key=lambda e: (-len(e.sources), e.time))[:limit]
    return sorted(published + facts, key=lambda e: (parse_time(e.time) or datetime.max, e.time, -len(e.sources)))


def estimate_published(articles: Sequence[Article]) -> dict[str, str]:
    """For members without a date: their original's day, or else the story's earliest day (date precision)."""
    if all(a.published for a in articles):
        return {}  # every member is dated: nothing to estimate, and no StoryText to build for it
    story = StoryText(articles)
    days = {a.id: day for a in story.members if not a.published_estimated and (day := local_date(a.published))}
    if not days:
        return {}
    earliest = min(days.values()).isoformat()
    out: dict[str, str] = {}
    for article in story.members:
        if article.published is None:
            original = story.root.get(article.id, article.id)
            out[article.id] = days[original].isoformat() if days.get(original) else earliest
    return out
