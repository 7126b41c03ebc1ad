"""People, places and organisations named in a story, ranked by mentions: the mentions found in its
text are merged (a surname into the full name, an acronym into its long form, two spellings of one
person) and typed by the evidence they gather across the story."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from newsweave.digest import lexicon as lx
from newsweave.digest.context import StoryText
from newsweave.digest.gazetteer import Gazetteer
from newsweave.digest.mentions import COUNTRY, Mention, MentionFinder, acronym
from newsweave.model import Entity, EntityType
from newsweave.text import fold

# Spelling likeness (difflib ratio, per word, of the words or of their transliteration keys) above which
# two person names are one person written in two transliterations; "svetlana"/"sviatlana" score 0.82,
# "tikhanovskaya"/"tsikhanouskaya" 0.89, the keys of "yevhen"/"evgeny" 0.91, while different surnames
# sharing a root ("ivanov"/"ivanova" 0.92) are rarely in one story as two people.
TRANSLITERATION = 0.8
_TYPES: tuple[EntityType, ...] = ("person", "place", "organization", "other")
# Spelling rules on which romanisations of one Cyrillic (or Greek, Arabic...) name differ, applied in order:
# digraphs to one letter, y/j to i, Ukrainian h for Russian g, Belarusian "ou" for "ov", then the vowels that
# reduce when unstressed (a/o, e/i) made one. Written here because the transliteration libraries
# (unidecode, transliterate) go from a script to Latin, not between two Latin spellings.
_TRANSLIT_STEPS = (
    ("shch", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("tch", "c"), ("ch", "c"), ("sh", "s"), ("ts", "c"),
    ("tz", "c"), ("ph", "f"), ("w", "v"), ("ck", "k"), ("x", "ks"), ("yu", "u"), ("iu", "u"), ("ya", "a"),
    ("ia", "a"), ("ye", "e"), ("ie", "e"), ("y", "i"), ("j", "i"), ("g", "h"), ("ou", "ov"), ("o", "a"),
    ("e", "i"),
)  # fmt: skip


@functools.lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """One key for the romanisations of a name: "Tsikhanouskaya" and "Tikhanovskaya" differ by one letter,
    "Dorozhko"/"Darozhko" and "Kavalenka"/"Kovalenko" not at all."""
    key = fold(word).replace("'", "").replace("’", "")
    for old, new in _TRANSLIT_STEPS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def same_name_word(a: str, b: str) -> bool:
    """Two words of a name that are one word in two romanisations."""
    if a == b:
        return True
    ka, kb = translit_key(a), translit_key(b)
    likeness = max(SequenceMatcher(None, a, b).ratio(), SequenceMatcher(None, ka, kb).ratio())
    return ka == kb or likeness >= TRANSLITERATION


def _initials(name: str) -> str:
    """Folded initials of a long name, small words skipped: "european union" -> "eu"."""
    return "".join(w[0] for w in name.split() if w not in ("of", "the", "and", "for"))


_PLACE_LEADS = frozenset(w.lower() for w in lx.PLACE_LEADS)
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+")  # between two names of a list


class _WholeNames:
    """The longer names a single word may stand for: the River Mere for "the Mere" (a place lead dropped);
    Osterlund Pharma for "Osterlund" and the Footplate Guild for "the Guild" (the first word or the head of
    one organisation). Indexed once per story, not searched per word."""

    def __init__(self, multi: list[str], kinds: dict[str, EntityType]) -> None:
        self.places: dict[str, list[str]] = defaultdict(list)
        self.organisations: dict[str, set[str]] = defaultdict(set)
        for name in multi:
            parts = name.split()
            if kinds[name] == "place" and parts[0] in _PLACE_LEADS:
                self.places[name.split(" ", 1)[1]].append(name)
            elif kinds[name] == "organization":
                head = parts[parts.index("of") - 1] if "of" in parts[1:] else parts[-1]
                self.organisations[parts[0]].add(name)
                self.organisations[head].add(name)

    def of(self, key: str, own: EntityType, evidence: Counter[str]) -> str | None:
        """The one longer name, if there is exactly one; a known place itself ("Valden" beside "Valden Harbour
        Company") stays apart."""
        if evidence["place"] >= COUNTRY:
            return None
        places = self.places.get(key, ())
        if own in ("place", "other") and len(places) == 1:
            return places[0]
        organisations = self.organisations.get(key, ())
        if own != "place" and len(organisations) == 1:
            return next(iter(organisations))
        return None


class EntityIndex:
    """The entities of one story with every surface form resolved to one name and type."""

    def __init__(
        self, texts: Sequence[str], *, gazetteer: Gazetteer | None = None, organisations: Iterable[str] = ()
    ) -> None:
        self.finder = MentionFinder(texts, gazetteer=gazetteer, organisations=organisations)
        self.found: list[list[Mention]] = self.finder.found
        self.mentions: list[Mention] = [m for found in self.found for m in found]
        self._build()

    def find(self, text: str) -> list[Mention]:
        """The mentions in a text, keyed by the story's final entity names."""
        found = self.finder.find(text)
        for mention in found:
            mention.key = self.redirect.get(mention.key, mention.key)
        return found

    def mentions_in(self, number: int) -> list[Mention]:
        """The mentions of the `number`-th indexed text, keyed by the story's final entity names."""
        return [
            Mention(m.start, m.end, m.surface, self.redirect.get(m.key, m.key), m.evidence) for m in self.found[number]
        ]

    # -- merging -------------------------------------------------------------------------------

    def _build(self) -> None:
        evidence: dict[str, Counter[str]] = defaultdict(Counter)
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for mention in self.mentions:
            evidence[mention.key].update(mention.evidence)
            surfaces[mention.key][mention.surface] += 1

        def kind(ev: Counter[str]) -> EntityType:
            if max(ev.values(), default=0) <= 0:
                return "other"  # no cue at all
            return max(_TYPES, key=lambda t: (ev[t], -_TYPES.index(t)))

        self.redirect: dict[str, str] = {}
        multi = [k for k in evidence if " " in k]
        persons = {m for m in multi if kind(evidence[m]) == "person"}
        whole_names = _WholeNames(multi, {m: kind(evidence[m]) for m in multi})
        for key in evidence:
            if " " in key:
                continue
            surface = surfaces[key].most_common(1)[0][0]
            if acronym(surface):
                letters = key.replace(".", "")
                longs = [m for m in multi if _initials(m) == letters]
                if len(longs) == 1:
                    self.redirect[key] = longs[0]
                    continue
            if kind(evidence[key]) in ("place", "organization") and max(evidence[key].values(), default=0) >= COUNTRY:
                whole = whole_names.of(key, kind(evidence[key]), evidence[key])
                if whole:
                    self.redirect[key] = whole
                continue
            people = {m for m in persons if m.split()[-1] == key}
            if not people:  # "Darozhko" beside "Yevhen Dorozhko" only
                key_form = translit_key(key)
                people = {m for m in persons if translit_key(m.split()[-1]) == key_form}
            if len(people) == 1:
                self.redirect[key] = people.pop()
                continue
            whole = whole_names.of(key, kind(evidence[key]), evidence[key])
            if whole:
                self.redirect[key] = whole
        # "the National Gallery" beside "the National Gallery of Veldria": a name cut before its "of".
        for key in multi:
            if key not in self.redirect and kind(evidence[key]) != "person":
                longer = {m for m in multi if m.startswith(key + " of ") and kind(evidence[m]) == "organization"}
                if len(longer) == 1:
                    self.redirect[key] = longer.pop()
        # "at St Aurel's" beside "St Aurel's Hospital": a possessive short form of one named institution.
        for key in evidence:
            longer = {m for m in multi if m.startswith((key + "'s ", key + "' ")) and kind(evidence[m]) != "person"}
            if key not in self.redirect and len(longer) == 1:
                self.redirect[key] = longer.pop()
        # One person spelt two ways by different outlets ("Sviatlana Tsikhanouskaya", "Svetlana
        # Tikhanovskaya"): every word alike at TRANSLITERATION or more; the commoner spelling wins.
        people = sorted((k for k in multi if kind(evidence[k]) == "person"), key=lambda k: -sum(surfaces[k].values()))
        for i, key in enumerate(people):
            for other in people[:i]:
                if other in self.redirect or len(other.split()) != len(key.split()):
                    continue
                pairs = zip(key.split(), other.split(), strict=True)
                if all(same_name_word(a, b) for a, b in pairs):
                    self.redirect[key] = other
                    break
        for key, target in list(self.redirect.items()):
            self.redirect[key] = self.redirect.get(target, target)
        merged_ev: dict[str, Counter[str]] = defaultdict(Counter)
        self.counts: Counter[str] = Counter()
        merged_surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for key in evidence:
            target = self.redirect.get(key, key)
            merged_ev[target].update(evidence[key])
            if target == key:
                merged_surfaces[target].update(surfaces[key])
        for mention in self.mentions:
            self.counts[self.redirect.get(mention.key, mention.key)] += 1
        self.types: dict[str, EntityType] = {}
        self.names: dict[str, str] = {}
        for key, ev in merged_ev.items():
            self.types[key] = kind(ev)
            # The most common spelling, but "Reuters" over "REUTERS" from a photo credit.
            self.names[key] = max(
                merged_surfaces[key].items(), key=lambda kv: (not (kv[0].isupper() and len(kv[0]) > 6), kv[1])
            )[0]
        self._type_by_coordination({k for k, ev in merged_ev.items() if max(ev.values(), default=0) <= 0})

    def _type_by_coordination(self, untyped: set[str]) -> None:
        """A name with no cue anywhere in the story takes the type of a name it is listed with ("between
        Valden and Lindgate", "Orrin, Kellby and Mossby"): lists join names of one kind."""
        if not untyped:
            return
        borrowed: dict[str, set[EntityType]] = defaultdict(set)
        for text, found in zip(self.finder.texts, self.found, strict=True):
            for a, b in pairwise(found):
                if not _LIST_JOIN.fullmatch(text[a.end : b.start]):
                    continue
                ka, kb = self.redirect.get(a.key, a.key), self.redirect.get(b.key, b.key)
                for mine, theirs in ((ka, kb), (kb, ka)):
                    if mine in untyped and theirs not in untyped and self.types[theirs] in ("place", "organization"):
                        borrowed[mine].add(self.types[theirs])
        for key, kinds in borrowed.items():
            if len(kinds) == 1:
                self.types[key] = kinds.pop()

    # -- reading -------------------------------------------------------------------------------

    def resolve(self, surface: str) -> tuple[str, EntityType] | None:
        """The story's name and type for a surface form ("Lukashenko's" -> "Alexander Lukashenko")."""
        mentions = self.find(surface)
        if not mentions:
            return None
        key = mentions[-1].key
        if key not in self.names:
            return None
        return self.names[key], self.types[key]

    def entities(self, *, limit: int | None = None, min_other: int = 2) -> list[Entity]:
        """Entities ranked by mentions; names typed "other" need `min_other` mentions to count."""
        # A single word typed "other" had no cue at all: mostly adjectives ("Western") and words
        # capitalised by a heading or a caption, so it is left out.
        out = [
            Entity(name=self.names[key], type=self.types[key], mentions=count)
            for key, count in self.counts.items()
            if self.types[key] != "other" or (count >= min_other and " " in key)
        ]
        out.sort(key=lambda e: (-e.mentions, _TYPES.index(e.type), e.name))
        return out[:limit] if limit is not None else out


def index_story(story: StoryText, *, gazetteer: Gazetteer | None = None) -> EntityIndex:
    """The entity index of the originals' paragraphs (in StoryText.paragraphs order), with member outlets and
    agencies known as organisations."""
    names = {a.outlet for a in story.members if a.outlet} | {a.agency for a in story.members if a.agency}
    texts = [p for a in story.originals for p in story.paragraphs.get(a.id, [])]
    return EntityIndex(texts, gazetteer=gazetteer, organisations=names)


def extract_entities(story: StoryText, *, gazetteer: Gazetteer | None = None, limit: int | None = 40) -> list[Entity]:
    """The story's people, places and organisations with mention counts, most mentioned first."""
    return index_story(story, gazetteer=gazetteer).entities(limit=limit)
