"""Who wrote and who supplied an article: byline authors, the credited wire service, the dateline.

A credit is only read from byline positions (a credit line near the headline, "By ...", a
dateline's parentheses, the credit that closes a wire story), never from the prose, where an agency
is often merely cited ("reported Russian state news agency TASS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsweave.extract.dateline import read_dateline
from newsweave.extract.outlets import wire_name

# "By", and its equivalents in the languages newsweave reads, before the names of a byline.
_BY = re.compile(
    r"^(?:by|written by|words by|story by|posted by|author|authors|reporter|reporting by|von|por|par|di|door|av|"
    r"автор|авторы|текст|作者|记者|記者|文|撰文|취재)\s*[:：/／\-]?\s*(?P<names>.+)$",
    re.IGNORECASE,
)
_PARTICLES = {"de", "van", "von", "der", "den", "da", "dos", "das", "del", "della", "di", "al", "el", "bin", "ibn",
              "la", "le", "du", "ter", "y"}
_HONORIFIC = re.compile(r"^(?:prof|dr|mr|mrs|ms|sir|dame|rev)\.?\s+", re.IGNORECASE)
# Words of a job title, never of a name: "Senior Correspondent", "Corresponsal en Valden".
_ROLE = re.compile(
    r"\b(?:correspondents?|editor|editors|reporters?|writer|columnist|contributor|analyst|producer|photographer|"
    r"photos?|staff|desk|newsroom|team|bureau|news|corresponsal|redactora?|periodista|enviad[oa]|korrespondentin?|"
    r"redakteurin?|correspondante?|journaliste|envoyée?|giornalista|inviat[oa]|корреспондент|обозреватель)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|&|\||\band\b|\bund\b|\by\b|\be\b|\bet\b|\bи\b|、|・)\s*")
_TRAILING_DATE = re.compile(r"\s+(?:on|am|le|el|il|em)\s+.*\d.*$|\s*[|,·]?\s*\d.*$", re.IGNORECASE)
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff\u3040-\u30ff]{2,5}$")
_CJK_REPORTER = re.compile(r"[（(](?:记者|記者)\s*(?P<names>[^）)]{2,30})[）)]")
# A wire story's closing credits: "(Reporting by A; Additional reporting by B; Editing by C)".
_REPORTING = re.compile(r"\b(?:additional )?(?:reporting|writing|compiled|text)(?: by|:)\s+(?P<names>[^;)]+)",
                        re.IGNORECASE)
# Credit lines after a story: "(With inputs from PTI)", "Quelle: dpa", "--IANS", "dpa/rk/nh", "(ANI)".
_TAIL_CREDIT = (
    re.compile(r"^\(?\s*with (?:inputs|input|reporting) from (?P<agency>[^)]+?)\)?\.?$", re.IGNORECASE),
    re.compile(r"^(?:quelle|source|sources|fuente|fonte|источник|来源|出典)\s*[:：]\s*(?P<agency>.+)$", re.IGNORECASE),
    re.compile(r"^[-—–]{1,2}\s*(?P<agency>[\w .]{2,30})$"),
    re.compile(r"^(?P<agency>[\w-]{2,10})(?:/[a-z]{1,4}){1,4}$"),
    re.compile(r"^copyright \d{4} (?P<agency>.{2,40}?)\. all rights reserved", re.IGNORECASE),
    re.compile(r"\((?P<agency>[^()]{2,30})\)\.?\s*$"),
)
_AGENCY_SUFFIX_WORDS = 3  # "Ruben Okafor Associated Press": a wire name of up to three words after the names
_CLOSING_CHARS = 400  # closing credits end a story: "... (Reporting by A; Editing by B)"


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline: str | None = None


def wire_service(text: str) -> str | None:
    """The canonical name of a wire service if `text` is one ("Reuters", "(AP)", "By AFP", "ТАСС")."""
    key = re.sub(r"^(?:by|source|via)\s*:?\s+", "", text.strip(" ()[]-–—|:./"), flags=re.IGNORECASE)
    return wire_name(key.strip(" ()[]-–—|:./"))


def read_byline(meta_lines: list[str], first_paragraphs: str | list[str] | None, *, outlet: str | None = None,
                closing: list[str] | None = None) -> Byline:
    """Authors and credit from the lines between headline and body, the dateline opening the first
    of `first_paragraphs` that has one, and the closing credits (`closing`: the last paragraph and
    the lines just after the body)."""
    found = Byline()
    for pos, text in enumerate(meta_lines):
        following = meta_lines[pos + 1] if pos + 1 < len(meta_lines) else ""
        _read_meta_line(text, following, found)
    paragraphs = [first_paragraphs] if isinstance(first_paragraphs, str) else list(first_paragraphs or [])
    for paragraph in paragraphs:
        dateline = read_dateline(paragraph)
        if dateline:
            found.dateline = dateline.place
            if dateline.credit and not found.agency:
                found.agency = wire_service(dateline.credit) or _credit_name(dateline.credit)
            break
    for paragraph in paragraphs:
        reporter = _CJK_REPORTER.search(paragraph[:80])
        if reporter:
            _add_names(reporter.group("names"), found, labelled=True)
    for text in closing or []:
        _read_closing_line(text[-_CLOSING_CHARS:], found)
    not_people = {n.lower() for n in (found.agency, outlet) if n}
    found.authors = [a for a in found.authors if a.lower() not in not_people]
    return found


def _read_meta_line(text: str, following: str, found: Byline) -> None:
    agency = wire_service(text)
    if agency:
        found.agency = found.agency or agency
        return
    parts = [p.strip() for p in re.split(r"\s+[|·•]\s+", text)]
    for part in parts if len(parts) > 1 else []:
        agency = wire_service(part)
        if agency:  # "IANS | Updated: May 3, 2031 18:40 IST"
            found.agency = found.agency or agency
    match = _BY.match(text)
    if match:
        _add_names(_TRAILING_DATE.sub("", match.group("names")), found, labelled=True)
    elif is_credit_line(text):
        _add_names(text, found, labelled=False)
    elif following and _ROLE.search(following) and len(following.split()) <= 5 and _person(text):
        found.authors.append(_person(text))  # a name on its own line above its job title


def _read_closing_line(text: str, found: Byline) -> None:
    for match in _REPORTING.finditer(text):
        _add_names(match.group("names"), found, labelled=True)
    if found.agency:
        return
    for pattern in _TAIL_CREDIT:
        match = pattern.search(text.strip())
        if match:
            agency = wire_service(match.group("agency"))
            if agency:
                found.agency = agency
                return


def _add_names(names: str, found: Byline, *, labelled: bool) -> None:
    for part in _SPLIT.split(names):
        part = part.strip(" .")
        agency = wire_service(part)
        if agency:
            found.agency = found.agency or agency
            continue
        part, agency = _split_agency_suffix(part)
        if agency:
            found.agency = found.agency or agency
        name = _person(part) or (part if labelled and _CJK_NAME.match(part) else None)
        if name and name not in found.authors:
            found.authors.append(name)


def _split_agency_suffix(part: str) -> tuple[str, str | None]:
    """'RUBEN OKAFOR Associated Press' -> ('RUBEN OKAFOR', 'AP')."""
    words = part.split()
    for size in range(min(_AGENCY_SUFFIX_WORDS, len(words) - 2), 0, -1):
        agency = wire_service(" ".join(words[-size:]))
        if agency:
            return " ".join(words[:-size]), agency
    return part, None


def _person(text: str) -> str | None:
    """`text` as a person's name (honorific dropped, capitals as in a name), or None if it is not one."""
    text = _HONORIFIC.sub("", text.strip(" .,"))
    words = text.split()
    if not 2 <= len(words) <= 5 or _ROLE.search(text) or any(ch.isdigit() for ch in text):
        return None
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not (word[:1].isupper() and re.fullmatch(r"[^\W\d_][\w.'’\-]*", word)):
            return None
    if text.isupper():
        text = " ".join(w if w.lower() in _PARTICLES else w.title() for w in words).replace("’S", "’s")
    return text


def is_credit_line(text: str) -> bool:
    """'Caspar Lind | Lantern Wire', 'Mira Castellane · Staff reporter': names joined by separators."""
    parts = [p.strip() for p in re.split(r"\s+[|·•/]\s+", text)]
    return 2 <= len(parts) <= 4 and len(text.split()) <= 10 and all(
        _person(p) or wire_service(p) or _ROLE.search(p) or _looks_like_name(p) for p in parts
    )


def _looks_like_name(text: str) -> bool:
    """A title-case name of up to five words: a person or an outlet ('Valden Daily Post')."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _credit_name(credit: str) -> str | None:
    """An agency credited in a dateline but not in our list: keep it if it reads as a name."""
    credit = credit.strip()
    if 1 <= len(credit.split()) <= 4 and credit[:1].isupper():
        return credit
    return None
