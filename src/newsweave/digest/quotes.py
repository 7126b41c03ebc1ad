"""Direct quotations with who said them, merged across articles: what a reader checks first."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsweave.digest import lexicon as lx
from newsweave.digest.context import StoryText
from newsweave.digest.entities import EntityIndex, Mention, index_story
from newsweave.digest.sentences import quote_spans, sentence_spans
from newsweave.model import Quote
from newsweave.text import shingles, words

_VERB = r"(?:" + "|".join(sorted(lx.REPORTING_VERBS, key=len, reverse=True)) + r")"
# Words that may stand between a speaker and the verb: "Lukashenko on Saturday said", "also said".
_SKIP = r"(?:(?:also|later|earlier|then|has|had|have|previously|again|on\s+\w+day|last\s+\w+day)\s+)*"
# 'said Alla Georgievna, 68', 'said the Kremlin', 'said the bank's governor, Amalie Brunn': the speaker after
# the verb, with the apposition that may name them.
_INVERTED = re.compile(
    rf"^\s*,?\s*{_VERB}\s+(?P<np>[^,.;:!?\"“”]{{1,80}})(?:,\s*(?P<apposition>[^,.;:!?\"“”]{{1,60}}))?"
)
# '... Linas Linkevicius tweeted', '... the Kremlin said in a statement': the speaker before the verb.
_AFTER = re.compile(rf"^\s*,?\s*(?P<np>[^,.;:!?\"“”]{{1,80}}?)\s+{_SKIP}{_VERB}\b")
_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,.;:!?\"“”]{1,80})", re.I)
# 'cited remarks by Lukashenko that', 'quoted Lukashenko as saying'.
_REMARKS_BY = re.compile(
    r"\b(?:remarks|comments|words|statement|quoting)\s+(?:by|from|of)?\s*(?P<np>[^,.;:!?\"“”]{1,60}?)"
    r"\s+(?:that|as|saying|:|$)|\bquot(?:ed|ing)\s+(?P<np2>[^,.;:!?\"“”]{1,60}?)\s+as\s+saying",
)
# The comma lets an apposition stand before the verb: "A ministry spokesman, Oskar Brandl, said".
_BEFORE_VERB = re.compile(rf"(?P<np>[^,.;:!?\"“”]{{1,80}}?)(?P<comma>,?)\s+{_SKIP}{_VERB}\b")
_SHORT_TAIL = 12  # words: a next sentence this short after a quote may be its attribution ('X tweeted.')


@dataclass(slots=True)
class _Found:
    text: str
    speaker: str | None
    article: str
    order: tuple[int, int]
    key: list[str] = field(default_factory=list)


def _masked(text: str, spans: list[tuple[int, int]], keep: tuple[int, int]) -> str:
    """The text with other quotations blanked, so their words are not read as attribution."""
    chars = list(text)
    for start, end in spans:
        if (start, end) != keep:
            for i in range(start + 1, end - 1):
                chars[i] = " "
    return "".join(chars)


def _looks_like_title(text: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


class _Speakers:
    """Turns an attribution phrase into a speaker name, resolving pronouns and surnames."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index

    def name_of(self, mention: Mention) -> str:
        return self.index.names.get(mention.key, mention.surface)

    def person_in(self, phrase: str) -> str | None:
        """The last person named in a phrase, if any."""
        people = [m for m in self.index.find(phrase) if self.index.types.get(m.key) == "person"]
        return self.name_of(people[-1]) if people else None

    def from_apposition(self, clause: str, antecedent: str | None) -> str | None:
        """The speaker of "Tobias Renck, the coastguard commander for Gull Sound, said": the person among the
        comma-separated parts before the verb, else what the last part names."""
        parts = [p for p in clause.split(",") if p.strip()][-3:]
        for part in reversed(parts):
            person = self.person_in(part)
            if person:
                return person
        return self.from_phrase(parts[-1], antecedent) if parts else None

    def subject(self, clause: str, antecedent: str | None) -> str | None:
        """The person or body that opens a clause ("Katrin Allod, the transport minister, called the fire
        “...”"), or the antecedent of an opening "he"/"she"."""
        head = clause.split(",")[0]
        first = re.match(r"\s*([\w’']+)", head)
        if first and first.group(1).lower() in lx.PERSON_PRONOUNS:
            return antecedent
        mentions = self.index.find(head)
        if not mentions or head[: mentions[0].start].strip(" \"“‘'(").lower() not in ("", "the"):
            return None
        if self.index.types.get(mentions[0].key) not in ("person", "organization"):
            return None
        return self.from_phrase(head[: mentions[-1].end], antecedent)

    def from_role_apposition(self, role: str, apposition: str | None) -> str | None:
        """The person an inverted attribution names after a role ("said the chamber's president, Liesel
        Marbach", "said her campaign manager, Joran Falk"): the role is lowercase words (a possessive body
        allowed) and the apposition opens with the person's name."""
        if not apposition or not re.search(r"\b[a-z]+\s*$", role):
            return None
        if any(self.index.types.get(m.key) == "person" for m in self.index.find(role)):
            return None
        first = next(iter(self.index.find(apposition)), None)
        if first and not apposition[: first.start].strip() and self.index.types.get(first.key) == "person":
            return self.name_of(first)
        return None

    def from_phrase(self, phrase: str, antecedent: str | None) -> str | None:
        phrase = phrase.split(",")[0].strip()
        if not phrase:
            return None
        tokens = phrase.split()
        if len(tokens) == 1 and tokens[0].lower() in lx.PERSON_PRONOUNS:
            return antecedent
        if len(tokens) > 8:
            return None
        mentions = [m for m in self.index.find(phrase) if self.index.types.get(m.key) != "other"]
        if not mentions:
            return None
        last = mentions[-1]
        tail = phrase[last.end :].strip()
        if not tail:  # the phrase ends with the name: "Lithuania's Foreign Minister Linas Linkevicius"
            people = [m for m in mentions if self.index.types.get(m.key) == "person"]
            chosen = people[-1] if people else last
            name = self.name_of(chosen)
            if self.index.types.get(chosen.key) != "person" and re.search(r"\bthe\s+$", phrase[: chosen.start], re.I):
                return "the " + name  # "the Kremlin"
            return name
        if len(tokens) <= 5:  # "the Kremlin press service", "Russia's foreign ministry"
            return re.sub(r"^The\b", "the", phrase)
        return None


def _sentence_of(spans: list[tuple[int, int]], position: int) -> int:
    for i, (start, end) in enumerate(spans):
        if start <= position < end:
            return i
    return len(spans) - 1


def _attribute(
    paragraph: str,
    quote: tuple[int, int],
    quotes: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    speakers: _Speakers,
    antecedent_at: Callable[[int], str | None],
) -> tuple[str | None, bool]:
    """(speaker, whether the sentence carries any attribution at all)."""
    qs, qe = quote
    masked = _masked(paragraph, quotes, quote)
    k = _sentence_of(sentences, qs)
    ss, se = sentences[k]
    after = masked[qe:se]
    if not after.strip(" .,;:!?") and k + 1 < len(sentences):
        ns, ne = sentences[k + 1]
        if len(paragraph[ns:ne].split()) <= _SHORT_TAIL and not any(ns <= a < ne for a, _ in quotes):
            after = masked[qe:ne]
    attributed = False
    # Each cue in turn, nearest the quote first; a cue whose phrase names nobody ("and said the inquiry")
    # lets the next one speak.
    for pattern in (_INVERTED, _AFTER):
        match = pattern.match(after)
        if match:
            attributed = True
            speaker = (
                pattern is _INVERTED and speakers.from_role_apposition(match.group("np"), match.group("apposition"))
            ) or speakers.from_phrase(match.group("np"), antecedent_at(qe + match.start("np")))
            if speaker:
                return speaker, True
    match = _ACCORDING.search(after[:60])
    if match:
        attributed = True
        speaker = speakers.from_phrase(match.group("np"), antecedent_at(qe))
        if speaker:
            return speaker, True
    before = masked[ss:qs]
    match = _REMARKS_BY.search(before)
    if match:
        attributed = True
        speaker = speakers.from_phrase(match.group("np") or match.group("np2"), antecedent_at(ss + match.start()))
        if speaker:
            return speaker, True
    verbs = list(_BEFORE_VERB.finditer(before))
    if verbs:
        attributed = True
        match = verbs[-1]
        if match.group("comma"):
            speaker = speakers.from_apposition(before[: match.end("np")], antecedent_at(ss + match.start("np")))
        else:
            speaker = speakers.from_phrase(match.group("np"), antecedent_at(ss + match.start("np")))
        if speaker:
            return speaker, True
    match = _ACCORDING.search(before)
    if match:
        attributed = True
        speaker = speakers.from_phrase(match.group("np"), antecedent_at(ss))
        if speaker:
            return speaker, True
    if before.strip():  # a quote inside a sentence: the sentence's subject said it
        speaker = speakers.subject(before, antecedent_at(ss))
        if speaker:
            return speaker, True
    return None, attributed


def _article_quotes(
    story: StoryText, article_id: str, speakers: _Speakers, min_words: int, first_text: int
) -> list[_Found]:
    found: list[_Found] = []
    last_person: str | None = None
    last_speaker: str | None = None  # of the previous quote, while quotes run on
    for p, paragraph in enumerate(story.paragraphs.get(article_id, [])):
        quotes = quote_spans(paragraph)
        people = [
            (m.end, speakers.name_of(m))
            for m in speakers.index.mentions_in(first_text + p)
            if speakers.index.types.get(m.key) == "person" and not any(a < m.start < b for a, b in quotes)
        ]
        carried = last_person
        if people:
            last_person = people[-1][1]
        if not quotes:
            last_speaker = None  # prose between: a later bare quote is not a continuation
            continue
        sentences = sentence_spans(paragraph) or [(0, len(paragraph))]

        def antecedent_at(position: int, people=people, carried=carried) -> str | None:
            before = [name for end, name in people if end <= position]
            return before[-1] if before else carried

        for n, quote in enumerate(quotes):
            text = paragraph[quote[0] + 1 : quote[1] - 1].strip().rstrip(",").strip()
            speaker, attributed = _attribute(paragraph, quote, quotes, sentences, speakers, antecedent_at)
            k = _sentence_of(sentences, quote[0])
            if not attributed and quote[0] == sentences[k][0]:
                # A quote that opens a sentence with no attribution continues the quote just before it:
                # in the previous sentence, or ending the previous paragraph.
                previous = _sentence_of(sentences, quotes[n - 1][0]) if n else None
                if (previous is not None and previous >= k - 1) or (n == 0 and k == 0):
                    speaker = last_speaker
            if len(words(text)) >= min_words and not _looks_like_title(text):
                found.append(_Found(text, speaker, article_id, (p, quote[0]), words(text)))
            last_speaker = speaker
        if _runs_on(paragraph, quotes):
            continue  # the paragraph ends inside a quotation that the next paragraph goes on with
        if _sentence_of(sentences, quotes[-1][0]) < len(sentences) - 1:
            last_speaker = None  # prose follows the last quote
    return found


def _runs_on(paragraph: str, quotes: list[tuple[int, int]]) -> bool:
    """Whether a paragraph ends inside an open quotation (news style: no closing mark, the next paragraph
    opens with a fresh one)."""
    tail = paragraph[quotes[-1][1] :] if quotes else paragraph
    return tail.count("“") > tail.count("”") or (tail.count('"') % 2 == 1 and bool(re.search(r'(?:^|\s)"\w', tail)))


def _same(a: list[str], b: list[str]) -> bool:
    """One quotation: equal words, one inside the other, or mostly the same 3-word shingles."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 5 and " ".join(short) in " ".join(long_):
        return True
    sa, sb = shingles(a, 3), shingles(b, 3)
    return bool(sa and sb) and len(sa & sb) / min(len(sa), len(sb)) >= 0.7


def extract_quotes(story: StoryText, *, index: EntityIndex | None = None, min_words: int = 3) -> list[Quote]:
    """The story's direct quotations with speakers (None when unknown), each once with all its sources."""
    if min_words < 1:
        raise ValueError(f"min_words must be at least 1; got {min_words!r}")
    speakers = _Speakers(index or index_story(story))
    merged: list[list[_Found]] = []
    first_text = 0  # the index holds the originals' paragraphs in order (index_story)
    for article in story.originals:
        found = _article_quotes(story, article.id, speakers, min_words, first_text)
        first_text += len(story.paragraphs.get(article.id, []))
        for item in found:
            for group in merged:
                if _same(item.key, group[0].key):
                    group.append(item)
                    break
            else:
                merged.append([item])
    out: list[tuple[tuple, Quote]] = []
    for group in merged:
        text = max(group, key=lambda f: len(f.key)).text
        named = [f.speaker for f in group if f.speaker]
        speaker = max(set(named), key=lambda s: (named.count(s), len(s))) if named else None
        sources = story.carriers({f.article for f in group})
        first = min((story.rank(f.article), f.order) for f in group)
        out.append(((-len(sources), first), Quote(speaker=speaker, text=text, sources=sources)))
    out.sort(key=lambda item: item[0])
    return [quote for _, quote in out]
