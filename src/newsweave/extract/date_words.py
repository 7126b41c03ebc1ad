"""The words printed dates are made of in the languages newsweave reads: months, zones, labels.

dateutil reads English dates only, and dateparser's multilingual search costs milliseconds a line
(with language detection), so the date pattern finds dates itself and needs the month names. The
tables below are the common forms of each language; they stay here so the pattern and the parser
agree on them.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone

from newsweave.text import fold

_ENGLISH = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december")
# Month names other than English, January first; several per month where a language inflects them.
_FOREIGN_MONTHS: dict[str, list[str]] = {
    "de": ["januar jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre setiembre",
           "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    # genitive ("12 июня") and nominative forms
    "ru": ["января январь", "февраля февраль", "марта март", "апреля апрель", "мая май", "июня июнь", "июля июль",
           "августа август", "сентября сентябрь", "октября октябрь", "ноября ноябрь", "декабря декабрь"],
}


def _month_numbers() -> dict[str, int]:
    numbers: dict[str, int] = {}
    for month, name in enumerate(_ENGLISH, start=1):
        numbers[name] = numbers[name[:3]] = month
    numbers["sept"] = 9
    for names in _FOREIGN_MONTHS.values():
        for month, forms in enumerate(names, start=1):
            for form in forms.split():
                numbers.setdefault(fold(form), month)
    return numbers


MONTH_NUMBERS = _month_numbers()
_FOREIGN_FORMS = sorted({form for names in _FOREIGN_MONTHS.values() for forms in names for form in forms.split()}
                        - set(_ENGLISH), key=len, reverse=True)
# Written into the date pattern: English names and abbreviations, then every other language's names.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    + "|".join(map(re.escape, _FOREIGN_FORMS))
    + r")\.?"
)

# Zone abbreviations as news pages print them. Ambiguous ones take the reading news pages mean most:
# IST is India (+05:30), CST is US Central; an abbreviation not listed here is left off the time.
ZONE_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "IST": 330, "CET": 60, "CEST": 120, "MEZ": 60,
    "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "МСК": 180, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480,
    "PHT": 480, "AWST": 480, "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300,
    "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540,
    "HST": -600, "PKT": 300, "WIB": 420, "ICT": 420, "GST": 240,
}
ZONE = (
    r"(?:\s*(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|\s*[+-]\d{2}:?\d{2}|\s*\(?(?-i:"
    + "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True)) + r")\)?|\s*(?:utc|gmt|z))?"
)
_NUMERIC_ZONE = re.compile(r"(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)

# Labels printed before a date. The capture label marks the day a page was fetched or drawn, which
# is never a publication time ("Retrieved 2025-...", "Page generated ...", "Today is ...").
UPDATED = re.compile(
    r"(?:updated?|last modified|modified|edited|revised|aktualisiert|stand|actualizado|actualización|"
    r"mis à jour|mise à jour|aggiornato|atualizado|обновлено|обновлен[оа]?|更新(?:日時|时间)?)\s*(?:on|at|le|am|el)?"
    r"\s*[:：]?\s*$",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    r"(?:published|posted|first published|created|released|date|issued|veröffentlicht|erschienen|publicado|"
    r"publié|pubblicato|опубликовано|发布(?:时间)?|公開|配信)\s*(?:on|at|le|am|el|il|em)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
CAPTURED = re.compile(
    r"(?:retrieved|captured|accessed|archived|crawled|fetched|downloaded|generated|today is|this (?:site|page)"
    r"|rendered)\b[^.]*$",
    re.IGNORECASE,
)


def zone_offset(zone: str) -> timezone | None:
    """'GMT+2' -> +02:00 (as written, unlike POSIX), '+0530' -> +05:30, 'EST' -> -05:00, else None."""
    zone = zone.strip(" ()")
    if not zone:
        return None
    if zone.upper() in ZONE_OFFSETS:
        return timezone(timedelta(minutes=ZONE_OFFSETS[zone.upper()]))
    match = _NUMERIC_ZONE.fullmatch(zone)
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(sign * timedelta(minutes=minutes))
