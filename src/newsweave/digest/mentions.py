"""Names in running text, found without a model: capitalised spans cut at titles, possessives and
demonyms, each with the evidence (gazetteer, head word, title, age, reporting verb) of what it names."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.digest import lexicon as lx
from newsweave.digest.gazetteer import DEMONYM_RULES, Gazetteer, default_gazetteer
from newsweave.digest.sentences import sentence_spans
from newsweave.extract.dateline import DATELINE_PATTERN as DATELINE  # the extractor's own dateline rule
from newsweave.model import EntityType
from newsweave.text import STOPWORDS, fold

_TOKEN = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_CONNECTORS = frozenset({"of", "de", "du", "van", "von", "der", "den", "al", "bin", "la", "le", "del", "da", "di", "y"})
_ABBREVIATED_TITLES = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Prof", "St", "Adm", "Maj", "Sgt"}
)
_OPENERS = "\"“‘'(:—–-•"
_AGE_AFTER = re.compile(r"^,\s*\d{1,3}\s*(?:[,.;)]|$)")
_SPEECH_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(lx.REPORTING_VERBS)) + r")\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|tweeted|wrote)\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+),?\s+$")
# "in Kessel Ford", "near the Brook Lane hall", "the village of Amsby": a locative preposition right before a name.
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|across|around|into|towards|off|downstream of|upstream of"
    r"|(?:north|south|east|west)(?:-?(?:east|west))? of|(?:miles|kilometres|km|metres) from"
    r"|(?:village|town|city|hamlet|port|island|region|province|district|county|suburb) of)\s+$"
)
# "shares in Tollund", "a stake in Tollund": "in" before a company, not a place.
_HOLDING_BEFORE = re.compile(r"\b(?:shares|stake|stakes|holding|holdings|investment|invested|invest)\s+in\s+$", re.I)
_ROLE_AFTER = re.compile(r"^\s+(?:" + "|".join(lx.ORG_ROLES_AFTER) + r")\s+[A-Z]")

_HEADS = lx.ORG_HEADS | lx.PLACE_HEADS
_WORD_AFTER = re.compile(r"^\s+([a-z]+)\b")

# Evidence weights, from the strongest cue to the weakest; set by reading the typed entities of the seed
# pages and fixtures: a title or an age settles a person, a country name a place, an organisation
# head word an organisation; a reporting verb or a two-word capitalised name only leans.
TITLE, AGE, COUNTRY, NAMED_ORG, HEAD, CONTEXT, CITY, SPEECH, SHAPE = 5, 5, 4, 5, 4, 3, 2.5, 2, 1.5


@dataclass(slots=True)
class Mention:
    """One name as found in a text, with the type evidence its own words and surroundings give."""

    start: int
    end: int
    surface: str  # titles, possessive and a leading "the" removed
    key: str  # what identical mentions share
    evidence: Counter[str] = field(default_factory=Counter)


def tokenise(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, possessive) with dotted acronyms kept whole and hyphenated modifiers cut."""
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        if word.isalnum():  # most words: no dot, apostrophe or hyphen, so none of the cases below
            out.append((start, end, word, word[-1] == "s" and text[end : end + 1] in ("'", "’")
                        and not text[end + 1 : end + 2].isalpha()))
            continue
        if "." in word and _DOTTED.fullmatch(word) and text[end : end + 1] == ".":
            end, word = end + 1, word + "."
        possessive = False
        if word.endswith(("'s", "’s")):
            word, end, possessive = word[:-2], end - 2, True
        elif word.endswith("s") and text[end : end + 1] in ("'", "’") and not text[end + 1 : end + 2].isalpha():
            possessive = True
        if "-" in word:
            parts = word.split("-")
            if parts[0][:1].isupper() and not parts[-1][:1].isupper():
                word, end = parts[0], start + len(parts[0])  # "Russian-backed": the modifier only
                possessive = True  # ends the name here
            elif not parts[0][:1].isupper() and parts[-1][:1].isupper():
                start += len(word) - len(parts[-1])  # "pro-Lukashenko": the name only
                word = parts[-1]
        out.append((start, end, word, possessive))
    return out


def _last_char(text: str, start: int, end: int) -> str:
    """text[start:end].rstrip()[-1:] without copying the slice: taking it from the sentence start for every
    word made the first pass over a story quadratic in sentence length."""
    k = end - 1
    while k >= start and text[k].isspace():
        k -= 1
    return text[k] if k >= start else ""


@functools.cache
def _known_organisations() -> frozenset[str]:
    """The lexicon's organisations folded, once per process rather than once per story."""
    return frozenset(fold(n) for n in lx.METONYMS | lx.AGENCIES)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.capitalize() not in lx.NEVER_NAMES


def acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


class MentionFinder:
    """Finds names in the texts of one story; what the story writes capitalised or not guides the rest."""

    def __init__(
        self, texts: Sequence[str], *, gazetteer: Gazetteer | None = None, organisations: Iterable[str] = ()
    ) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.texts = list(texts)
        # Lookups repeat for every mention of a name; these memos live as long as this index only.
        self._folded: dict[str, str] = {}
        self._places: dict[str, str | None] = {}
        self._demonyms: dict[str, str | None] = {}
        self.named_orgs = _known_organisations() | {
            fold(re.sub(r"^the\s+", "", o, flags=re.I)) for o in organisations if o
        }
        self.org_last_words = {n.split()[-1] for n in self.named_orgs if " " in n}
        self.mid_caps: set[str] = set()
        self.lower: set[str] = set()
        capitals: set[str] = set()
        prepared = [self._sentences(text) for text in self.texts]
        for text, sentences in zip(self.texts, prepared, strict=True):
            for s, tokens in sentences:
                for i, (start, _, word, _) in enumerate(tokens):
                    if word[:1].islower():
                        self.lower.add(word)
                    else:
                        capitals.add(word)
                        if i > 0 and _last_char(text, s, start) not in _OPENERS:
                            self.mid_caps.add(self._fold(word))
        self.story_demonyms = self._story_demonyms(capitals)
        self._story_places = {self._fold(place): place for place in self.story_demonyms.values()}
        self.found: list[list[Mention]] = [
            self._collect(text, sentences) for text, sentences in zip(self.texts, prepared, strict=True)
        ]

    def _story_demonyms(self, capitals: set[str]) -> dict[str, str]:
        """Folded demonym -> place for places the gazetteers do not know but the story itself shows to be a
        country or region: a capitalised word used beside its own demonym ("Veldria" and "Veldrian"), by
        the gazetteer's suffix rules."""
        out: dict[str, str] = {}
        for word in capitals:
            if len(word) < 4 or not word[1:].islower() or self.gazetteer.places.get(self._fold(word)):
                continue
            for drop, suffix in DEMONYM_RULES:
                if drop and not word.endswith(drop):
                    continue
                derived = (word[: len(word) - len(drop)] if drop else word) + suffix
                if derived in capitals:
                    out[self._fold(derived)] = word
                    out[self._fold(derived) + "s"] = word
                    break
        return out

    def _fold(self, text: str) -> str:
        if text not in self._folded:
            self._folded[text] = fold(text)
        return self._folded[text]

    def _place(self, surface: str) -> str | None:
        if surface not in self._places:
            folded = self._fold(surface)
            place = self.gazetteer.places.get(folded)
            if place is None and folded in self._story_places:
                place = self._story_places[folded]
            self._places[surface] = place
        return self._places[surface]

    def _demonym(self, surface: str) -> str | None:
        if surface not in self._demonyms:
            folded = self._fold(surface)
            self._demonyms[surface] = self.gazetteer.demonyms.get(folded) or self.story_demonyms.get(folded)
        return self._demonyms[surface]

    def _is_city(self, name: str) -> bool:
        return self._fold(name) in self.gazetteer.cities

    def find(self, text: str) -> list[Mention]:
        """The mentions in a text, keyed by their own folded surface."""
        return self._collect(text, self._sentences(text))

    @staticmethod
    def _sentences(text: str) -> list[tuple[int, list[tuple[int, int, str, bool]]]]:
        """(start, tokens) per sentence, token offsets in `text`."""
        out = []
        for s, e in sentence_spans(text):
            out.append((s, [(a + s, b + s, w, p) for a, b, w, p in tokenise(text[s:e])]))
        return out

    def _collect(self, text: str, sentences: list) -> list[Mention]:
        found: list[Mention] = []
        for s, tokens in sentences:
            found.extend(self._scan(text, s, tokens))
        return found

    def _scan(self, text: str, s: int, tokens: list[tuple[int, int, str, bool]]) -> list[Mention]:
        alpha = [t for t in tokens if t[2].isalpha()]
        if len(alpha) >= 3 and sum(t[2].isupper() and len(t[2]) > 1 for t in alpha) * 2 >= len(alpha):
            return []  # shouted lines: "NO RESALES. NO ARCHIVES."
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            if not _capitalised(tokens[i][2]):
                i += 1
                continue
            run = [tokens[i]]
            j = i + 1
            while j < len(tokens) and (not run[-1][3] or self._possessive_inside(text, run[-1], tokens[j])):
                if run[-1][3]:  # "St Aurel's Hospital", "Nurses' Union": the possessive is part of the name
                    start, end, word, _ = run[-1]
                    end = tokens[j][0] - 1
                    run[-1] = (start, end, text[start:end], False)
                gap = text[run[-1][1] : tokens[j][0]]
                word = tokens[j][2]
                abbreviated = run[-1][2] in _ABBREVIATED_TITLES or len(run[-1][2]) == 1
                if not (gap.isspace() or (abbreviated and re.fullmatch(r"\.\s+", gap))):
                    break
                connector = (
                    word in _CONNECTORS
                    and j + 1 < len(tokens)
                    and _capitalised(tokens[j + 1][2])
                    and text[tokens[j][1] : tokens[j + 1][0]].isspace()
                )
                if not (_capitalised(word) or connector):
                    break
                run.append(tokens[j])
                j += 1
            initial = i == 0 or _last_char(text, s, run[0][0]) in _OPENERS
            out.extend(self._parts(text, run, initial))
            i = j
        return out

    def _possessive_inside(self, text: str, token: tuple, following: tuple) -> bool:
        """Whether a possessive belongs inside a name: an organisation or place head follows at once
        ("St Aurel's Hospital", "the Miners' Federation"), after a word that is not a known name itself
        ("Russia's Army" stays two names)."""
        return (
            following[2] in _HEADS
            and text[token[1] : following[0]].strip(" '’s") == ""
            and " " in text[token[1] : following[0]]
            and not self._known(token[2])
        )

    def _known(self, word: str) -> bool:
        low = self._fold(word)
        return (
            self._place(word) is not None or self._demonym(word) is not None or low in self.named_orgs or acronym(word)
        )

    def _parts(self, text: str, run: list, initial: bool) -> list[Mention]:
        if initial:
            first = run[0][2]
            low = self._fold(first)
            if len(run) == 1:
                if not (self._known(first) or low in self.mid_caps or (run[0][0] == 0 and DATELINE.match(text))):
                    return []
            elif (
                (low in STOPWORDS and not first.isupper())
                or (first.lower() in self.lower and first not in lx.PLACE_LEADS)  # "Port Sarrow" stays whole
                or first in lx.TITLE_PARTS - lx.CORE_TITLES
                # "Economist Ivo Strand", but "Student Union" is a name
                or (first.lower() in lx.ROLE_NOUNS and first not in lx.TITLE_PARTS and run[-1][2] not in _HEADS)
            ):
                run = run[1:]
        while run and run[0][2].lower() in ("the", *_CONNECTORS):
            run = run[1:]
        while run and run[-1][2] in _CONNECTORS:
            run = run[:-1]
        if not run:
            return []
        segments, current = [], []
        for token in run:
            current.append(token)
            if token[3]:
                segments.append(current)
                current = []
        if current:
            segments.append(current)
        out = []
        for segment in segments:
            out.extend(self._segment(text, segment))
        return out

    def _segment(self, text: str, seg: list) -> list[Mention]:
        words = [t[2] for t in seg]
        for size in (2, 1):  # "Belarusian President ...", "US Secretary of State ..."
            if len(words) > size and words[size] in lx.TITLE_PARTS:
                head = " ".join(words[:size])
                if self._demonym(head) or self._place(head):
                    return self._segment(text, seg[:size]) + self._segment(text, seg[size:])
        title = 0
        if len(words) > 2 and words[1] in lx.CORE_TITLES and not self._known(words[0]):
            title = 1  # a portfolio before the title: "Harbour Minister Tomas Verhoek"
        while title < len(words) and (words[title] in lx.TITLE_PARTS or words[title] in _CONNECTORS):
            title += 1
        rest = words[title:]
        titled = bool(title and rest and any(w in lx.CORE_TITLES for w in words[:title]))
        if titled and "of" in rest[1:]:
            # "Mayor Dunstan Fairweather of Port Teverin": a person, then where they belong.
            cut = title + rest.index("of")
            return self._segment(text, seg[:cut]) + self._segment(text, seg[cut + 1 :])
        if titled and self._head(rest) is None:
            seg, words = seg[title:], rest
        elif title == len(words):
            return []  # a bare title: "President", "Foreign Minister"
        else:
            titled = False
        if len(words) == 1 and (
            len(words[0]) == 1
            or words[0] in lx.NON_ENTITY_ACRONYMS
            or (self._fold(words[0]) in STOPWORDS and not words[0].isupper())
        ):
            return []
        if len(words) >= 2 and words[-2] not in _CONNECTORS and not self._place(" ".join(words)):
            # Two names side by side: "had told Lukashenko Russia was ready"; "Bank of Veldria" is one.
            last = self._place(words[-1])
            if last and not self._is_city(last) and not acronym(words[-1]):
                return self._segment(text, seg[:-1]) + self._segment(text, seg[-1:])
        start, end = seg[0][0], seg[-1][1]
        surface = " ".join(words)
        mention = Mention(start, end, surface, self._fold(surface))
        ev = mention.evidence
        if titled:
            ev["person"] += TITLE
        demonym = self._demonym(surface)
        place = self._place(surface)
        if place and acronym(surface) and self._is_city(place):
            place = None  # "SANA" is an agency, not Sanaa
        if demonym and not titled:
            mention.surface, mention.key = demonym, self._fold(demonym)
            ev["place"] += COUNTRY
            return [mention]
        if place and not titled:
            mention.surface, mention.key = place, self._fold(place)
            ev["place"] += CITY if self._is_city(place) else COUNTRY
        if mention.key in self.named_orgs:
            ev["organization"] += NAMED_ORG
        head = self._head(words)
        if head:
            ev[head] += HEAD
        if len(words) == 1 and acronym(surface) and not place:
            ev["organization"] += CONTEXT
        if len(words) == 1 and mention.key in self.org_last_words:
            ev["organization"] += CONTEXT  # "told the Ledger" in a story from "The Veldrian Ledger"
        after, before = text[end : end + 40], text[max(0, start - 40) : start]
        if _AGE_AFTER.match(after):
            ev["person"] += AGE
        if _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before):
            ev["person"] += SPEECH
        word_after = _WORD_AFTER.match(after)
        if word_after and word_after.group(1) in lx.ORG_CONTEXT:
            ev["organization"] += CONTEXT
        elif word_after and word_after.group(1) in lx.PLACE_CONTEXT:
            ev["place"] += CONTEXT
        if (before.endswith("in ") and _HOLDING_BEFORE.search(before)) or (
            after[1:2].islower() and _ROLE_AFTER.match(after)
        ):
            ev["organization"] += CONTEXT
        elif _LOCATIVE_BEFORE.search(before) and not seg[-1][3]:  # "in Putin's view" is no place
            ev["place"] += CONTEXT
        dateline = DATELINE.match(text)  # "HARROWMOUTH, Veldria (Lantern Wire) -" names a town, then its country
        if dateline and end < dateline.end():
            ev["place"] += COUNTRY
        if len(words) >= 2 and not titled and not place and not head:
            if self._demonym(words[0]):
                ev["organization"] += CONTEXT  # "Veldrian Coastguard", "Kaskorian Railways"
            elif self._common_noun(words[-1]):
                ev["organization"] += CONTEXT  # "Brightwater Ferries", "Dock Workers": a noun also written lowercase
        word_before = _WORD_BEFORE.search(before)  # any case: a sentence's first word "Economist" was cut off
        if word_before and word_before.group(1).lower() in lx.ORG_CONTEXT:
            ev["organization"] += CONTEXT
        elif word_before and word_before.group(1).lower() in lx.ROLE_NOUNS:
            ev["person"] += CONTEXT
        if 2 <= len(words) <= 3 and self._name_shaped(words) and not self._common_noun(words[-1]):
            ev["person"] += SHAPE
        return [mention]

    def _common_noun(self, word: str) -> bool:
        """Whether the story also writes this word, or its singular, in lowercase: then it is a common noun
        heading a name ("Brightwater Ferries" beside "the ferry"), rarely a surname."""
        low = word.lower()
        forms = {low}
        if low.endswith("ies"):
            forms.add(low[:-3] + "y")
        if low.endswith("es"):
            forms.add(low[:-2])
        if low.endswith("s"):
            forms.add(low[:-1])
        return len(low) > 3 and bool(forms & self.lower)

    def _name_shaped(self, words: list[str]) -> bool:
        """First name and surname: plain capitalised words, none a cue word or a country."""
        for word in words:
            if not re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*", word) or not (word[1:].islower() or len(word) <= 3):
                return False
            if word in lx.ORG_HEADS or word in lx.PLACE_HEADS or word in lx.OTHER_HEADS or word in lx.TITLE_PARTS:
                return False
            place = self._place(word)
            if (place and not self._is_city(place)) or self._demonym(word):
                return False
        return True

    @staticmethod
    def _head(words: list[str]) -> EntityType | None:
        """The type that a name's head word gives ("Ministry of Defence" -> organisation)."""
        head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
        if head in lx.ORG_HEADS:
            return "organization"
        if head in lx.PLACE_HEADS or (len(words) > 1 and words[0] in lx.PLACE_LEADS):
            return "place"
        if head in lx.OTHER_HEADS:
            return "other"
        if " ".join(words) in lx.METONYMS:
            return "organization"
        return None
