"""Publication times as the stages compare them: ISO strings from the contract to datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import dateparser

from newsweave.model import Article

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _printed(value: str) -> datetime | None:
    """A time that is not ISO 8601 despite the contract ("16 August, 2020, 07:35 am"): dateparser reads it."""
    return dateparser.parse(value, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})


def parse_time(value: str | None) -> datetime | None:
    """An ISO time as a naive datetime (zoned times converted to UTC) so members sort together."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        match = _ISO_DATE.match(value.strip())
        try:
            parsed = datetime(int(match[1]), int(match[2]), int(match[3])) if match else _printed(value)
        except ValueError:
            return None
        if parsed is None:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def local_date(value: str | None) -> date | None:
    """The calendar day as printed in an ISO time: what "on Saturday" in that article counts from."""
    if not value:
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        printed = _printed(value)
        return printed.date() if printed else None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def publication_key(article: Article) -> tuple[bool, datetime, str]:
    """Sort key: earliest published first, undated last, ties by id."""
    when = parse_time(article.published)
    return (when is None, when or datetime.max, article.id)
