"""Curated registries read by the metadata rules: news outlets (domains, owners) and wire services.

Both are small hand-kept JSON files in `data/`; no library holds such a list, and a name-to-name
table is all the rules need. A page names its outlet in many ways (a masthead, "© 2024 Fusion Media
Limited", the domain), and the registry maps the ones it knows to one canonical name.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from newsweave.text import fold

DATA = Path(__file__).with_name("data")
# Company-form words a copyright holder carries that its masthead does not ("Korvala Press Ltd").
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:ltd|limited|llc|l\.l\.c|inc|incorporated|corp|corporation|plc|pvt|private|gmbh|ag|s\.?a|s\.?l|"
    r"s\.?p\.?a|b\.?v|n\.?v|co|company|dac|pty|kk|oy|ab|as)\.?(?=$|[\s,])",
    re.IGNORECASE,
)


_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co\.uk|co\.jp|com\.au|ca|de|fr|in|cn|ru)\b",
                     re.IGNORECASE)
_PUNCTUATION = ".,:;!?()[]{}\"'“”‘’«»|/"
_GROUP_WORD = re.compile(r"\s+(?:media|group|holdings|digital|network|networks|communications|publishing|"
                         r"enterprises|ventures|inc|corp|co|llc|ltd)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, str], dict[str, str]]:
    """(domain -> outlet, folded owner/alias/name -> outlet), read once per process."""
    spec = json.loads((DATA / "outlets.json").read_text(encoding="utf-8"))
    domains: dict[str, str] = {}
    names: dict[str, str] = {}
    for outlet in spec["outlets"]:
        for domain in outlet["domains"]:
            domains[domain.lower()] = outlet["name"]
        for name in (outlet["name"], *outlet["owners"], *outlet["aliases"]):
            names[_name_key(name)] = outlet["name"]
    return domains, names


@lru_cache(maxsize=1)
def _wires() -> dict[str, str]:
    """Folded alias -> canonical wire-service name."""
    spec = json.loads((DATA / "wire_services.json").read_text(encoding="utf-8"))
    return {fold(alias): name for name, aliases in spec["services"].items() for alias in (name, *aliases)}


def wire_name(text: str) -> str | None:
    """The canonical wire service `text` names exactly ("Associated Press", "ТАСС"), else None."""
    return _wires().get(fold(text.strip()))


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", fold(strip_legal_form(name))).strip(" .")


def strip_legal_form(name: str) -> str:
    """'Kestrel Press Group Ltd.' -> 'Kestrel Press Group'; 'Valden Herald Media Pvt Ltd' -> '... Media'."""
    previous = None
    while previous != name:
        previous, name = name, _LEGAL_FORM.sub("", name).strip(" ,.")
    return name


@lru_cache(maxsize=1)
def _media_groups() -> frozenset[str]:
    spec = json.loads((DATA / "outlets.json").read_text(encoding="utf-8"))
    return frozenset(_name_key(group) for group in spec["media_groups"])


def is_media_group(name: str) -> bool:
    """An owner of many outlets ("Gannett", "Hearst"): its copyright line does not say which outlet."""
    return _name_key(name) in _media_groups()


def canonical_outlet(name: str | None) -> str | None:
    """The registry's name for an outlet, owner or alias it knows; other names as printed."""
    if not name:
        return None
    return _outlets()[1].get(_name_key(name), name)


def outlet_for_domain(host: str | None) -> str | None:
    """The outlet publishing on `host` (a subdomain counts: edition.cnn.com is CNN), where known."""
    if not host:
        return None
    host = host.lower().rstrip(".")
    domains = _outlets()[0]
    parts = host.split(".")
    for start in range(len(parts) - 1):
        outlet = domains.get(".".join(parts[start:]))
        if outlet:
            return outlet
    return None


@lru_cache(maxsize=1)
def _name_pattern() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """One pattern finding any registry outlet name, alias or owner, case as printed; and their first words."""
    spec = json.loads((DATA / "outlets.json").read_text(encoding="utf-8"))
    names = {name: outlet["name"] for outlet in spec["outlets"]
             for name in (outlet["name"], *outlet["owners"], *outlet["aliases"])}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    first_words = frozenset(re.findall(r"[\w'’]+", name)[0] for name in names)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"), names, first_words


def outlet_named_in(chrome: list[str], copyright_lines: list[str]) -> str | None:
    """The registry outlet a page's own chrome names most ("CNN Store", "Follow CNN", "© 2019 CNN").

    A name counts in a copyright line, or in a short chrome line (a single-word name only where the
    line has at most four words: "Time" or "Wired" also open ordinary phrases). Wire services count
    only in a copyright line: their names stand in every page that runs their stories.
    """
    pattern, names, first_words = _name_pattern()
    counts: dict[str, int] = {}
    for text, is_copyright in [*((t, False) for t in chrome), *((t, True) for t in copyright_lines)]:
        tokens = text.split()
        if not is_copyright and len(tokens) > 6:
            continue
        words = len(tokens)
        found = [outlet for outlet in map(outlet_for_domain, _DOMAIN.findall(text)) if outlet] if "." in text else []
        # the pattern tries ~250 names at every offset; most lines hold no name's first word at all
        if first_words.isdisjoint(token.strip(_PUNCTUATION) for token in tokens):
            tokens = []
        for match in pattern.finditer(text) if tokens else ():
            name = match.group(0)
            if not is_copyright and (wire_name(name) or (" " not in name and words > 4)):
                continue
            if _GROUP_WORD.match(text, match.end()):
                continue  # "Vox Media", "Gannett Co": an owner, one of whose outlets shares its name
            found.append(names[name])
        # a copyright line, or a line that is the name alone (a logo's text), is worth two mentions
        weight = 2 if is_copyright or (len(found) == 1 and text.strip(_PUNCTUATION + " ") in names) else 1
        for outlet in found:
            counts[outlet] = counts.get(outlet, 0) + weight
    best = max(counts.items(), key=lambda item: item[1], default=None)
    return best[0] if best and best[1] >= 2 else None
