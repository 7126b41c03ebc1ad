"""The dateline opening a wire story, in the shapes agencies print it, and the agency it credits.

"KORVALA, Veldria (Reuters) - ", "LONDON, May 3 (AP) — ", "Port Alder (AFP) - ", "Korvala (Veldria),
3 may (EFE).- ", "Valden, May 3 (PTI) ", "КОРВАЛА, 12 июня. /ТАСС/. ", "КОРВАЛА, 9 апр — РИА Новости. ",
"Корвала. 8 июля. INTERFAX.RU - ", "新华社…科洛瓦5月3日电", "【コルバラ共同】", "(Bloomberg) -- ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPS = r"A-ZÀ-ÖØ-ÞА-ЯЁ"
_SHORT_DATE = r"(?:[A-Za-zА-Яа-яё]{3,9}\.?\s+\d{1,2}|\d{1,2}\.?\s+[A-Za-zА-Яа-яёé]{3,9}\.?)"  # "May 3", "12 июня"
_COUNTRY = r"(?:,?\s*[(\[][^()\[\]]{2,30}[)\]]|,\s*[A-Z][\w.'’ ]{1,30}?)"  # "(Veldria)", "[Veldria]", ", Veldria"
# An all-capitals place, the dash (or an agency credit) ends the dateline: "KORVALA, Veldria (Reuters) - ".
DATELINE_PATTERN = re.compile(
    rf"^(?P<place>[{_CAPS}][{_CAPS}.'’\- ]{{1,40}}?)(?:,\s*[A-Z][\w.'’ ]{{1,30}}?)?(?:,\s*{_SHORT_DATE}\.?)?\s*"
    r"(?:\((?P<agency>[^()]{2,40})\)|/(?P<agency2>[^/]{2,20})/)?\.?\s*(?:[-—–]{1,2}|\.-)\s*\S"
)
_PATTERNS = (
    re.compile(rf"^(?P<place>[{_CAPS}][{_CAPS}.'’\- ]{{1,40}}?),\s*{_SHORT_DATE}\.?\s*/(?P<agency>[^/]{{2,20}})/\.?\s"),
    re.compile(
        rf"^(?P<place>[{_CAPS}][{_CAPS}\- ]{{1,40}}?),\s*{_SHORT_DATE}\.?\s*[—–-]\s*(?P<agency>[^.]{{2,30}})\.\s"
    ),
    DATELINE_PATTERN,
    # A place in ordinary case ("Port Alder (AFP) -") needs the agency's credit before the text.
    re.compile(
        rf"^(?P<place>[{_CAPS}][\w'’\-]+(?: [{_CAPS}][\w'’\-]+){{0,2}}){_COUNTRY}?(?:,\s*{_SHORT_DATE}\.?)?\s*"
        r"\((?P<agency>[^()]{2,40})\)\s*(?:[-—–:]{1,2}|\.-|\.\s*-)?\s*\S"
    ),
    re.compile(rf"^(?P<place>[{_CAPS}][\w\-]+)\.\s+{_SHORT_DATE}\.\s+(?P<agency>[A-Z][\w.]{{2,20}}|[А-ЯЁ][\w.]{{2,20}})\s*[-—–]"),
    re.compile(r"^(?P<agency>新华社|中新社)(?P<place>[^\d\s（(]{1,12}?)\d{1,2}月\d{1,2}日电"),
    re.compile(r"^(?:本报|本台|本刊)(?P<place>[^\d\s（(]{1,12}?)\d{1,2}月\d{1,2}日电"),
    re.compile(r"^【(?P<place>[^】\d]{1,12}?)(?P<agency>共同|時事|ロイター|AFP)?】"),
    re.compile(r"^\((?P<agency>[^()]{2,40})\)\s*[-—–]{1,2}\s"),
)
_MAX_PLACE_WORDS = 4


@dataclass(slots=True)
class Dateline:
    place: str | None
    credit: str | None  # the agency as printed, e.g. "Reuters", "ТАСС", "INTERFAX.RU"


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens `paragraph`, or None when it opens with ordinary prose."""
    for pattern in _PATTERNS:
        match = pattern.match(paragraph)
        if not match:
            continue
        groups = match.groupdict()
        place = (groups.get("place") or "").strip(" ,.") or None
        if place and len(place.split()) > _MAX_PLACE_WORDS:
            continue
        credit = groups.get("agency") or groups.get("agency2")
        return Dateline(place=place, credit=credit.strip() if credit else None)
    return None
