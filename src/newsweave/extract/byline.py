"""Who wrote and who supplied an article: byline authors, the credited wire service, the dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Wire services that news sites credit. A credit is only read from byline positions (a credit line
# near the headline, "By ...", a dateline's parentheses), never from the prose, where an agency is
# often merely cited ("reported Russian state news agency TASS").
WIRE_SERVICES = {
    "reuters": "Reuters", "thomson reuters": "Reuters", "ap": "AP", "associated press": "AP",
    "the associated press": "AP", "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "bloomberg": "Bloomberg", "dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS", "interfax": "Interfax",
    "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu", "pti": "PTI", "press trust of india": "PTI", "ians": "IANS", "ani": "ANI",
    "unb": "UNB", "bss": "BSS", "upi": "UPI", "aap": "AAP", "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press", "pa media": "PA Media", "press association": "PA Media",
    "ria novosti": "RIA Novosti", "bernama": "Bernama", "antara": "Antara", "wam": "WAM", "sputnik": "Sputnik",
}

_BY = re.compile(r"^(?:by|written by|words by|author|authors|reporter|reporting by)\s*[:\-]?\s+(?P<names>.+)$",
                 re.IGNORECASE)
# "MOSCOW (Reuters) - ...", "PORT ALDER, Veldria (Lantern Wire) — ...", "LONDON — ..."
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}?)(?:,\s*[A-Z][\w.'’ ]{1,30})?\s*"
    r"(?:\((?P<agency>[^()]{2,40})\)\s*)?[-—–]{1,2}\s+\S"
)
_NAME = re.compile(r"^[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|de|van|von|der|da|al|bin|la|le|du)){1,4}$")
# Bylines that name a desk, not a person: "VBN News", "Staff Reporter", "Business Desk".
_NEWSROOM = re.compile(r"\b(?:news|staff|desk|newsroom|team|reporters?|bureau|correspondents?|editors?)$", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline: str | None = None


def wire_service(text: str) -> str | None:
    """The canonical name of a wire service if `text` is one ("Reuters", "(AP)", "By AFP")."""
    key = re.sub(r"^(?:by|source|via)\s*:?\s+", "", text.strip(" ()[]-–—|:.,"), flags=re.IGNORECASE)
    return WIRE_SERVICES.get(key.lower().strip(" ()[]-–—|:.,"))


def read_byline(meta_lines: list[str], first_paragraph: str | None, *, outlet: str | None = None) -> Byline:
    """Authors and credit from the lines between headline and body, and the body's dateline."""
    found = Byline()
    for text in meta_lines:
        agency = wire_service(text)
        if agency:
            found.agency = found.agency or agency
            continue
        match = _BY.match(text)
        names = match.group("names") if match else text if is_credit_line(text) else None
        if names:
            for name in _SPLIT.split(names):
                name = name.strip(" .")
                agency = wire_service(name)
                if agency:
                    found.agency = found.agency or agency
                elif _NAME.match(name) and name not in found.authors:
                    found.authors.append(name)
    if first_paragraph:
        match = _DATELINE.match(first_paragraph)
        if match and len(match.group("place").split()) <= 4:
            found.dateline = match.group("place").strip()
            credit = match.group("agency")
            if credit and not found.agency:
                found.agency = wire_service(credit) or _credit_name(credit)
    not_people = {n.lower() for n in (found.agency, outlet) if n}
    found.authors = [a for a in found.authors if a.lower() not in not_people and not _NEWSROOM.search(a)]
    return found


def is_credit_line(text: str) -> bool:
    """'Caspar Lind | Lantern Wire', 'Mira Castellane · Staff reporter': names joined by separators."""
    parts = [p.strip() for p in re.split(r"\s+[|·•/]\s+", text)]
    return 2 <= len(parts) <= 4 and len(text.split()) <= 10 and all(
        _NAME.match(p) or wire_service(p) or _NEWSROOM.search(p) for p in parts
    )


def _credit_name(credit: str) -> str | None:
    """An agency credited in a dateline but not in our list: keep it if it reads as a name."""
    credit = credit.strip()
    if 1 <= len(credit.split()) <= 4 and credit[:1].isupper():
        return credit
    return None
