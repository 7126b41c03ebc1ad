"""Headline and outlet of a page dump: the headline is printed near the body, the outlet in the
page title's suffix or the copyright line."""

from __future__ import annotations

import re

from newsweave.extract.byline import is_credit_line
from newsweave.extract.dates import DATE_PATTERN
from newsweave.extract.lines import Line
from newsweave.text import fold

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|•|·)\s+")
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))", re.IGNORECASE)
_COPYRIGHT_NOISE = re.compile(
    r"(?:copyright|©|\(c\)|all rights reserved\.?|\d{4}(?:\s*[-–]\s*\d{4})?|\bby\b|[-–—|.,])", re.IGNORECASE
)
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


def looks_like_headline(line: Line) -> bool:
    text = line.text
    if line.caption or line.boilerplate or line.end_heading or line.bullet:
        return False
    if not 3 <= line.words <= 30 or len(text) > 250 or text.endswith("."):
        return False
    if DATE_PATTERN.search(text) or text.lower().startswith(("by ", "updated", "published", "last modified")):
        return False
    if _WIDGET.search(text) or _NAVIGATION.search(text):
        return False
    if re.search(r"\s[|>/»]\s", text) or (text.isupper() and line.words <= 4):
        return False  # breadcrumbs ("NEWS | PORT ALDER") and section kickers
    return text[:1].isupper() or text[:1] in "\"'‘“0123456789"


def find_title(lines: list[Line], body_start: int, outlet: str | None = None) -> tuple[str | None, int]:
    """The headline and its line index.

    A headline-like line above the body that repeats the page title (the first line) or is printed
    twice (sticky headers) is confirmed. Otherwise walk up from the body over the byline block
    (bylines, dates, captions, credits, standfirst) and take the top of the headline-like lines met
    there; navigation or any other line ends the walk, so a site's tagline is never a headline.
    """
    if not lines:
        return None, 0
    page_title, _ = split_page_title(lines[0].text)
    page_key = fold(page_title)
    above = [line for line in lines[1:] if body_start - _HEADLINE_WINDOW <= line.index < body_start]
    for line in reversed(above):
        if looks_like_headline(line) and (fold(line.text) == page_key or _printed_twice(line, lines)):
            return line.text, line.index
    block: list[Line] = []
    for line in reversed(above):
        if looks_like_headline(line):
            block.append(line)
        elif _NAVIGATION.search(line.text) or not (_is_metadata(line) or line.words > 30):
            break
    if block:
        return block[-1].text, block[-1].index
    first = lines[0]
    if first.index < body_start and looks_like_headline(first) and (not outlet or fold(outlet)[:10] != page_key[:10]):
        return page_title, first.index
    return None, body_start


def _printed_twice(line: Line, lines: list[Line]) -> bool:
    return sum(1 for other in lines if other.text == line.text) > 1


def _is_metadata(line: Line) -> bool:
    """Lines of a byline block: credits, dates, captions, article widgets, section labels."""
    text = line.text
    return (line.caption or line.run or bool(_WIDGET.search(text)) or text.lower().startswith("by ")
            or is_credit_line(text)
            or (bool(DATE_PATTERN.search(text)) and line.words <= 14) or line.words <= 2)


def find_outlet(lines: list[Line], body_start: int, body_end: int) -> str | None:
    """The publication: the page title's suffix, a name printed in both header and footer, else the
    holder named in the copyright line."""
    if lines:
        _, outlet = split_page_title(lines[0].text)
        if outlet:
            return outlet
    after = [line for line in lines if line.index >= body_end]
    footer = " | ".join(fold(line.text) for line in after)
    for line in lines[:15]:
        if line.index >= body_start or line.bullet or not 1 <= line.words <= 5:
            continue
        name = re.fullmatch(r"[A-Z][\w'’&.]*(?: [\w'’&.]+)*", line.text)
        if name and line.text.istitle() and re.search(rf"(?:^|\W){re.escape(fold(line.text))}(?:\W|$)", footer):
            return line.text
    for pos, line in enumerate(after):
        if not _COPYRIGHT.search(line.text) and "rights reserved" not in line.text.lower():
            continue
        holder = _holder(line.text)
        if not holder and pos + 1 < len(after):
            holder = _holder(after[pos + 1].text)
        if holder:
            return holder
    return None


def _holder(text: str) -> str | None:
    name = _COPYRIGHT_NOISE.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip()
    if 1 <= len(name.split()) <= 6 and name[:1].isupper():
        return name
    return None
