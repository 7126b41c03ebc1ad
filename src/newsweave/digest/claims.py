"""Facts the story's articles state, counted by independent sources so a wire story republished by
ten outlets weighs as one, plus simple conflicts where one account omits or denies what another says."""

from __future__ import annotations

import re

import snowballstemmer

from newsweave.digest.context import StoryText
from newsweave.digest.grouping import SentenceGroup, SentenceGroups, group_sentences
from newsweave.digest.sentences import without_dateline
from newsweave.model import Claim, Conflict
from newsweave.text import content_words, words

MIN_WORDS, MAX_WORDS = 6, 80  # a shorter line is a caption or a heading; a longer one a run-on quote
_TERMINAL = re.compile(r"[.!][\"”’')\]]*$")
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?"
    r"|thousands?|millions?|billions?|dozens?|percent|per cent)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:said|says|told|according to|reported|confirmed|announced|denied|stated|declared|cited)\b", re.I
)
# What makes one account dispute another: it reports the subject but not the fact, or rejects it.
_DISPUTE = re.compile(
    r"\b(?P<cue>made no mention of|makes no mention of|did not mention|didn't mention|no mention of"
    r"|denied|denies|deny|did not confirm|has not confirmed|have not confirmed|declined to confirm"
    r"|rejected|dismissed|refuted|disputed)\b\s+(?P<object>[^,;.]*)",
    re.I,
)
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_OBJECT_END = re.compile(r"\b(?:but|and|while|as|because|saying)\b", re.I)
# Claims are grouped apart from the summary: one fact told in other words ("valued at about 30 million
# crowns" / "Experts value it at around 30 million crowns") should count its sources together, while the
# summary's grouping keeps figures out so that a revised toll meets the first one. Claims read stemmed
# content words and the figures, number words as digits, without the wire dateline. The threshold is the
# lowest at which the dev stories of benchmarks/data/digest kept pairwise precision 1.0 (.5 / .45 / .4:
# recall .371 / .419 / .565, precision 1 / 1 / .946); BENCHMARKS.md, "Digest (issue 7)".
CLAIM_SAME = 0.45
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
}
_YEAR = re.compile(r"(?:19|20)\d\d")
# Share of the disputed object's words (stemmed) that a claim must carry to be the one disputed: all of
# "the border crossing", two of "that the company had received any warning" (company, warn).
OBJECT_COVER = 0.6


def _stems(text: str) -> set[str]:
    """Stemmed content words, so "warning" meets "warned"; a stemmer per call keeps no shared state."""
    return set(snowballstemmer.stemmer("english").stemWords(content_words(text)))


def claim_terms(text: str) -> list[str]:
    """What a sentence states, for grouping claims: stemmed content words, and its figures ("#9", "#4.5")
    with number words as digits; a year is background ("since 2011"), not the fact. A sentence too short to
    be a claim has none: it would join longer ones on a word or two (a quoted "We have the letters.")."""
    text = without_dateline(text)
    if len(text.split()) < MIN_WORDS:
        return []
    figures = _figures(text) | {_NUMBER_WORDS[w] for w in words(text) if w in _NUMBER_WORDS}
    content = [w for w in content_words(text) if w not in _NUMBER_WORDS]
    stems = snowballstemmer.stemmer("english").stemWords(content)  # a stemmer per call, as in _stems
    return stems + ["#" + f for f in sorted(figures) if not _YEAR.fullmatch(f)]


def group_claims(story: StoryText) -> SentenceGroups:
    """The story's sentences grouped by the fact they state (see CLAIM_SAME)."""
    return group_sentences(story, threshold=CLAIM_SAME, terms=claim_terms)


def is_statement(text: str) -> bool:
    """A complete declarative sentence: starts with a capital, ends with a full stop, not a question."""
    n = len(text.split())
    first = text.lstrip("\"“‘'(")[:1]
    return MIN_WORDS <= n <= MAX_WORDS and bool(_TERMINAL.search(text)) and (first.isupper() or first.isdigit())


def _shown(story: StoryText, group: SentenceGroup) -> str:
    """The group's sentence to show: its most typical member that reads as a statement."""
    texts = [story.sentences[i].text for i in group.members]
    representative = story.sentences[group.representative].text
    return representative if is_statement(representative) else next((t for t in texts if is_statement(t)), "")


def extract_claims(
    story: StoryText, groups: SentenceGroups | None = None, *, limit: int = 20, singles: int = 5
) -> list[Claim]:
    """Claims carried by two or more articles, most independent first, then a few single-source facts;
    `groups` defaults to `group_claims(story)`."""
    if limit < 0 or singles < 0:
        raise ValueError(f"limit and singles must be >= 0; got limit={limit!r}, singles={singles!r}")
    if groups is None:
        groups = group_claims(story)
    shared: list[tuple[tuple, Claim]] = []
    lone: list[tuple[tuple, Claim]] = []
    for g, group in enumerate(groups.groups):
        text = _shown(story, group)
        if not text:
            continue
        sources = story.carriers(group.articles)
        claim = Claim(text=text, sources=sources, independent_sources=story.independent(sources))
        if len(sources) >= 2:
            shared.append(((-claim.independent_sources, -len(sources), g), claim))
        elif text[:1] not in '"“' and (_NUMBER.search(text) or _REPORTED.search(text)):
            cues = bool(_NUMBER.search(text)) + bool(_REPORTED.search(text))
            position = min(story.sentences[i].index for i in group.members)
            lone.append(((-cues, position, g), claim))
    shared.sort(key=lambda item: item[0])
    lone.sort(key=lambda item: item[0])
    return [c for _, c in shared[:limit]] + [c for _, c in lone[:singles]]


def find_conflicts(story: StoryText, groups: SentenceGroups | None = None, *, limit: int = 5) -> list[Conflict]:
    """Accounts that disagree: one group states a fact that another says was not mentioned or was denied, or
    independent sources of one claim give different figures (cue "different figures").

    The disputed fact is matched by the content words of what follows the cue ("made no mention of such
    assistance" -> "assistance"): a group that carries all of them and no cue is the claim disputed, the
    closest one by TF-IDF cosine. Anaphora ("something the Kremlin has not confirmed") is not resolved.
    """
    if groups is None:
        groups = group_sentences(story)
    out: list[Conflict] = []
    disputing: dict[int, tuple[str, set[str], list[str]]] = {}
    for g, group in enumerate(groups.groups):
        for i in group.members:
            match = _DISPUTE.search(story.sentences[i].text)
            if not match:
                continue
            obj = _OBJECT_END.split(match["object"])[0]
            disputed = _stems(obj)
            if disputed:
                carriers = disputing.setdefault(g, (match["cue"].lower(), disputed, []))[2]
                carriers.append(story.sentences[i].article)
    for g, (cue, disputed, articles) in disputing.items():
        best, best_similarity = None, 0.0
        for h, group in enumerate(groups.groups):
            if h == g or h in disputing:
                continue
            text = _shown(story, group)
            if not text or len(disputed & _stems(text)) < max(1.0, OBJECT_COVER * len(disputed)):
                continue
            similarity = float(groups.group_similarity[g, h])
            if best is None or similarity > best_similarity:
                best, best_similarity = h, similarity
        if best is None:
            continue
        disputed_text = next(
            story.sentences[i].text for i in groups.groups[g].members if _DISPUTE.search(story.sentences[i].text)
        )
        out.append(
            Conflict(
                claim=_shown(story, groups.groups[best]),
                sources=story.carriers(groups.groups[best].articles),
                disputed_by=disputed_text,
                disputed_sources=story.carriers(set(articles)),
                cue=cue,
            )
        )
    out.extend(_figure_conflicts(story, groups))
    return out[:limit]


def _figures(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _FIGURE.findall(text))


def _figure_conflicts(story: StoryText, groups: SentenceGroups) -> list[Conflict]:
    """Sentences grouped as one claim whose independent sources give different figures ("4,000" / "5,000").

    The grouping ignores numbers (they are not content words), so an updated toll joins the first one;
    this keeps the disagreement visible."""
    out: list[Conflict] = []
    for group in groups.groups:
        by_figures: dict[frozenset[str], list[int]] = {}
        for i in group.members:
            figures = _figures(story.sentences[i].text)
            if figures:
                by_figures.setdefault(figures, []).append(i)
        if len(by_figures) < 2:
            continue
        (_, first), (_, second) = sorted(by_figures.items(), key=lambda kv: min(kv[1]))[:2]
        first_articles = {story.sentences[i].article for i in first}
        second_articles = {story.sentences[i].article for i in second}
        if len({story.independence_key(a) for a in first_articles | second_articles}) == 1:
            continue  # one source revising itself
        out.append(
            Conflict(
                claim=story.sentences[first[0]].text,
                sources=story.carriers(first_articles),
                disputed_by=story.sentences[second[0]].text,
                disputed_sources=story.carriers(second_articles),
                cue="different figures",
            )
        )
    return out
