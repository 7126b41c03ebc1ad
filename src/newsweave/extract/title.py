"""Headline and outlet of a page dump: the headline is printed near the body, the outlet in the
page title's suffix or the copyright line."""

from __future__ import annotations

import re

from newsweave.extract.byline import is_credit_line, wire_service
from newsweave.extract.dates import DATE_PATTERN
from newsweave.extract.lines import Line
from newsweave.extract.outlets import canonical_outlet, is_media_group, outlet_named_in, strip_legal_form
from newsweave.text import fold

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|•|·)\s+")
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))", re.IGNORECASE)
# "All rights reserved" as sites print it in the languages newsweave reads.
_RIGHTS_RESERVED = (
    r"all rights reserved|tutti i diritti riservati|todos los derechos reservados|todos os direitos reservados|"
    r"alle rechte vorbehalten|tous droits réservés|все права защищены|版权所有|著作権|無断転載を禁じます"
)
# A link to a copyright page names no holder: "Copyright Policy", "Copyright notice".
_COPYRIGHT_LINK = re.compile(r"^copyright\s+(?:policy|notice|information|infringement|complaints?|terms)\b",
                             re.IGNORECASE)
_RIGHTS_RESERVED_LINE = re.compile(_RIGHTS_RESERVED, re.IGNORECASE)
_COPYRIGHT_NOISE = re.compile(
    rf"(?:copyright|©|\(c\)|(?:{_RIGHTS_RESERVED})\.?|\d{{4}}(?:\s*[-–]\s*\d{{4}})?|\bby\b|[–—|,]|(?<!\S)-(?!\S)"
    r"|\.(?!\S))",
    re.IGNORECASE,
)
# Words of a newspaper's name: a short title-case line near the top holding one is its masthead.
_MASTHEAD_WORD = re.compile(
    r"\b(?:times|post|news|herald|tribune|daily|courier|journal|gazette|observer|star|standard|chronicle|ledger|"
    r"telegraph|mail|express|guardian|independent|independiente|record|review|press|sun|globe|mirror|bulletin|"
    r"examiner|dispatch|inquirer|register|wire|today|diario|periódico|jornal|corriere|courrier|zeitung|anzeiger|"
    r"rundschau|kurier|tageblatt|gazzetta|gazeta|gazette|monde|libération|вестник|газета|известия|правда|новости)\b"
    r"|(?:报|報|新聞|新報|日報|时报|時報)$",
    re.IGNORECASE,
)
_MASTHEAD_LINES = 6  # the masthead stands among the first lines of a dump
_CHROME_CHARS = 300  # mastheads, footers and copyright lines are short
_HEADLINE_WINDOW = 25  # lines above the body searched for its headline (byline blocks run to ~15)
# Page furniture that reads like a short headline: player and sharing widgets, reading time.
_WIDGET = re.compile(
    r"^(?:listen|share|print|save|watch|play|follow|download|you are reading)\b|\bmin(?:ute)?s? read\b", re.IGNORECASE
)
# Site navigation: a line above the body that is preceded by these belongs to the page header.
_NAVIGATION = re.compile(r"^(?:sign ?in|sign ?up|log ?in|subscribe|search|menu|skip to)\b", re.IGNORECASE)


def split_page_title(first_line: str) -> tuple[str, str | None]:
    """'Headline | Outlet' -> ('Headline', 'Outlet'); also 'Outlet | Headline' and a section between."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(first_line) if p.strip()]
    if len(parts) < 2:
        return first_line.strip(), None
    if len(parts[-1].split()) <= 6:
        outlet, rest = parts[-1], parts[:-1]
    elif len(parts[0].split()) <= 4:
        outlet, rest = parts[0], parts[1:]
    else:
        return max(parts, key=len), None
    return max(rest, key=len), outlet


def page_title(lines: list[Line], body_end: int) -> tuple[str, str | None]:
    """The first line split as headline and outlet; of two short parts, the outlet is the one the
    page prints again after the article (its footer or copyright line)."""
    if not lines:
        return "", None
    first = lines[0].text
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(first) if p.strip()]
    if len(parts) == 2:
        footer = " | ".join(fold(line.text) for line in _footer(lines, body_end))
        in_footer = [part for part in parts if _contains_name(footer, fold(part))]
        if len(in_footer) == 1:
            outlet = in_footer[0]
            return next(p for p in parts if p != outlet), outlet
    return split_page_title(first)


def looks_like_headline(line: Line) -> bool:
    text = line.text
    if line.caption or line.boilerplate or line.end_heading or line.bullet:
        return False
    if not 3 <= line.words <= 30 or len(text) > 250 or text.endswith((".", "。")):
        return False
    if DATE_PATTERN.search(text) or text.lower().startswith(("by ", "updated", "published", "last modified")):
        return False
    if _WIDGET.search(text) or _NAVIGATION.search(text):
        return False
    if re.search(r"\s[|>/»]\s", text) or (text.isupper() and line.words <= 4):
        return False  # breadcrumbs ("NEWS | PORT ALDER") and section kickers
    first = text[:1]
    # Chinese and Japanese have no capitals: any letter may open their headlines
    return first.isupper() or first in "\"'‘“0123456789" or (first.isalpha() and first.lower() == first.upper())


def find_title(lines: list[Line], body_start: int, outlet: str | None = None,
               body_end: int | None = None) -> tuple[str | None, int]:
    """The headline and its line index.

    A headline-like line above the body that repeats the page title (the first line) or is printed
    twice (sticky headers) is confirmed. Otherwise walk up from the body over the byline block
    (bylines, dates, captions, credits, standfirst, opening paragraphs left out of the body) and
    take the top of the headline-like lines met there; navigation or any other line ends the walk,
    so a site's tagline is never a headline. The outlet's own name (a masthead) is never a headline.
    """
    if not lines:
        return None, 0
    page_key_title, _ = page_title(lines, body_end if body_end is not None else body_start)
    page_key = fold(page_key_title)
    outlet_key = fold(outlet) if outlet else None
    above = [line for line in lines[1:] if body_start - _HEADLINE_WINDOW <= line.index < body_start
             and fold(line.text) != outlet_key]
    for line in reversed(above):
        if looks_like_headline(line) and (fold(line.text) == page_key or _printed_twice(line, lines)):
            return line.text, line.index
    block: list[Line] = []
    for line in reversed(above):
        if looks_like_headline(line):
            block.append(line)
        elif _NAVIGATION.search(line.text) or not (_is_metadata(line) or _is_prose(line)):
            break
    if block:
        return block[-1].text, block[-1].index
    first = lines[0]
    if first.index < body_start and looks_like_headline(first) and (not outlet_key or outlet_key != page_key):
        return page_key_title, first.index
    return None, body_start


def _printed_twice(line: Line, lines: list[Line]) -> bool:
    return sum(1 for other in lines if other.text == line.text) > 1


def _is_prose(line: Line) -> bool:
    """A standfirst, or an opening paragraph the body left out: sentences, not a headline."""
    return line.words > 30 or (line.words >= 12 and line.text.rstrip("\"”’' ").endswith((".", "!", "?", "。")))


def _is_metadata(line: Line) -> bool:
    """Lines of a byline block: credits, dates, captions, article widgets, section labels."""
    text = line.text
    return (line.caption or line.run or bool(_WIDGET.search(text)) or text.lower().startswith("by ")
            or is_credit_line(text)
            or (bool(DATE_PATTERN.search(text)) and line.words <= 14) or line.words <= 2)


def find_outlet(lines: list[Line], body_start: int, body_end: int) -> str | None:
    """The publication: the page title's suffix, a name printed in both header and footer, the
    masthead, else the holder named in the copyright line; owners the registry knows are mapped to
    their outlet (Fusion Media -> Investing.com)."""
    return canonical_outlet(_printed_outlet(lines, body_start, body_end))


def _printed_outlet(lines: list[Line], body_start: int, body_end: int) -> str | None:
    _, outlet = page_title(lines, body_end)
    if outlet:
        return outlet
    after = _footer(lines, body_end)
    copyright_lines, holders = [], []
    for pos, line in enumerate(after):
        if _is_copyright(line.text) and not _COPYRIGHT_LINK.match(line.text):
            copyright_lines.append(line.text)
            holder = _holder(line.text)
            if not holder and not _COPYRIGHT_NOISE.sub("", line.text).strip() and pos + 1 < len(after):
                holder = _holder(after[pos + 1].text)  # "Copyright © 2025" with the holder on the next line
            if holder and not is_media_group(holder):
                holders.append(holder)
    for holder in holders:
        if canonical_outlet(holder) != holder:
            return holder  # an owner or alias the registry knows: "Fusion Media Limited"
    header = [line.text for line in lines if line.index < body_start and len(line.text) <= _CHROME_CHARS]
    known = outlet_named_in(header + [line.text for line in after], copyright_lines)
    if known:
        return known
    footer = [fold(line.text) for line in after]
    footer_lines = set(footer)
    footer_copyright = [fold(text) for text in copyright_lines]
    for line in lines[:15]:
        if line.index >= body_start or line.bullet or not 1 <= line.words <= 5:
            continue
        name = re.fullmatch(r"[A-Z][\w'’&.]*(?: [\w'’&.]+)*", line.text)
        key = fold(line.text)
        # a name of its own (not a menu word): printed again as a footer line, or in the copyright line
        if name and line.text.istitle() and line.words >= 2 and (
            key in footer_lines or any(key in text and _contains_name(text, key) for text in footer_copyright)
        ):
            return line.text
    masthead = _masthead(lines, body_start)
    if masthead:
        return masthead
    own = [h for h in holders if not wire_service(h)]  # "© ANSA" after a wire story credits the story
    return (own or holders or [None])[0]


def _footer(lines: list[Line], body_end: int) -> list[Line]:
    """The lines after the article that can name its outlet (a 10 MB line of junk cannot)."""
    return [line for line in lines if line.index >= body_end and len(line.text) <= _CHROME_CHARS]


def _masthead(lines: list[Line], body_start: int) -> str | None:
    """A newspaper's name standing among the first lines: short, no digits, a newspaper word in it."""
    for line in lines[:_MASTHEAD_LINES]:
        text = line.text.strip()
        if line.index >= body_start or line.bullet or _NAVIGATION.search(text) or re.search(r"[\d|:]", text):
            continue
        if not 2 <= len(text.split()) <= 5 and not (len(text.split()) == 1 and 3 <= len(text) <= 12
                                                   and not text.isascii()):
            continue
        if _MASTHEAD_WORD.search(text) and (text[:1].isupper() or not text[:1].isascii()):
            return text
    return None


def _is_copyright(text: str) -> bool:
    return bool(_COPYRIGHT.search(text) or _RIGHTS_RESERVED_LINE.search(text))


def _contains_name(text: str, key: str) -> bool:
    return bool(key) and re.search(rf"(?:^|\W){re.escape(key)}(?:\W|$)", text) is not None


def _holder(text: str) -> str | None:
    """The name a copyright line credits ("© 2019 CNBC LLC. All Rights Reserved." -> "CNBC")."""
    name = _COPYRIGHT_NOISE.sub(" ", text)
    name = strip_legal_form(re.sub(r"\s+", " ", name).strip())
    if 1 <= len(name.split()) <= 6 and not name[:1].islower():
        return name
    return None
