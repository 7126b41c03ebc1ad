"""Find paragraphs reused, exactly or lightly edited, by articles that are not copies of one another."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsweave.dedup.lsh import band_keys, colliding_pairs
from newsweave.dedup.minhash import MinHasher
from newsweave.dedup.rules import connected_groups
from newsweave.model import Article, SharedPassage, Span
from newsweave.text import words
from newsweave.times import publication_key

# Candidate pairs come from MinHash LSH over word bigrams of each paragraph. Light edits break few
# bigrams: the reused paragraphs of the seed pair 000/001 have bigram Jaccard .36-1.0, and with 64
# bands of 2 rows a pair at .36 is proposed with probability .9999 (at .15, .77). Paragraphs of one
# event that share only names ("president vladimir putin") are proposed too, and then rejected by
# verification.
CANDIDATE_SHINGLE = 2
CANDIDATE_BANDS = 64
_HASHER = MinHasher(num_perm=128, shingle_size=CANDIDATE_SHINGLE)


@dataclass(slots=True)
class _Paragraph:
    article: Article
    root: str  # the id of the original this article is a copy of, or its own id
    start: int
    end: int
    tokens: list[str]
    counts: Counter[str]  # of the tokens: counted once, though a paragraph is verified against several


def find_shared_passages(
    articles: Sequence[Article],
    copies: Mapping[str, str],
    *,
    min_words: int = 12,
    min_coverage: float = 0.7,
    min_length_ratio: float = 0.5,
) -> list[SharedPassage]:
    """Group reused paragraphs, so a digest can tell reused wording from independent reporting.

    `copies` maps a copy's id to its original's (CopyDetector.find); paragraphs are only matched
    between articles of different copy groups, since a copy shares everything with its original.
    Returned passages are in order of their earliest span; spans are in publication order
    (undated last), one per article, and `text` is the earliest version.
    """
    if min_words < 1:
        raise ValueError(f"min_words must be an int >= 1; got {min_words!r}")
    if not 0.0 < min_coverage <= 1.0:
        raise ValueError(f"min_coverage must be in (0, 1]; got {min_coverage!r}")
    if not 0.0 < min_length_ratio <= 1.0:
        raise ValueError(f"min_length_ratio must be in (0, 1]; got {min_length_ratio!r}")
    if len({copies.get(a.id, a.id) for a in articles}) < 2:
        return []  # one copy group (a lone article, or copies of one original): nothing is reused across groups
    order = sorted(articles, key=publication_key)
    paragraphs = [
        _Paragraph(article, copies.get(article.id, article.id), start, end, tokens, Counter(tokens))
        for article in order
        for start, end in paragraph_spans(article.text)
        if len(tokens := words(article.text[start:end])) >= min_words
    ]
    pairs = [
        (i, j)
        for i, j in _candidates(paragraphs)
        if paragraphs[i].root != paragraphs[j].root
        and is_reused(paragraphs[i].tokens, paragraphs[j].tokens, min_coverage, min_length_ratio,
                      counts=(paragraphs[i].counts, paragraphs[j].counts))
    ]
    passages = []
    for group in connected_groups(range(len(paragraphs)), pairs):
        if len(group) < 2:
            continue
        spans: dict[str, Span] = {}
        for i in sorted(group):  # paragraphs are in publication order, then in text order
            p = paragraphs[i]
            spans.setdefault(p.article.id, Span(p.article.id, p.start, p.end))
        first = paragraphs[min(group)]
        passages.append(SharedPassage(text=first.article.text[first.start : first.end], spans=list(spans.values())))
    return passages


def is_reused(
    a: list[str],
    b: list[str],
    min_coverage: float,
    min_length_ratio: float,
    *,
    counts: tuple[Counter[str], Counter[str]] | None = None,
) -> bool:
    """Most of the shorter paragraph's words recur in order in the other, of a comparable length.

    In-order word matches (difflib's matching blocks) charge a light edit one word per word added,
    dropped or changed ("had signed" / "signed", "which" / "that"), where shingle overlap charges
    each edit several shingles. Measuring on the shorter paragraph keeps a paragraph with a
    sentence added or cut; the length ratio keeps a sentence quoted inside a much longer paragraph
    (a page dump that runs the whole article into one line) from counting as that paragraph.
    On the seeds, reused paragraphs of 000/001 cover .76-1.0 of the shorter one and the closest
    pair on the same event that is not reuse .46; .7 allows 3 words changed in 10. `counts` are the
    words of `a` and `b` counted, when the caller keeps them.
    """
    short, long_ = sorted((len(a), len(b)))
    if short < min_length_ratio * long_:
        return False
    count_a, count_b = counts or (Counter(a), Counter(b))
    if len(count_b) < len(count_a):  # over the fewer distinct words
        count_a, count_b = count_b, count_a
    shared = sum(min(n, count_b[w]) for w, n in count_a.items() if w in count_b)
    if shared < min_coverage * short:
        return False  # in-order matches cannot exceed the shared words: skip the quadratic alignment
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= min_coverage * short


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each paragraph of `text` as Article.paragraphs() splits it, whitespace trimmed."""
    start = 0
    for part in text.split("\n\n"):
        stripped = part.strip()
        if stripped:
            lead = len(part) - len(part.lstrip())
            yield start + lead, start + lead + len(stripped)
        start += len(part) + 2


def _candidates(paragraphs: list[_Paragraph]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that MinHash LSH finds worth verifying."""
    if len(paragraphs) < 2:
        return []
    signatures = _HASHER.signatures([p.tokens for p in paragraphs])
    return [tuple(pair) for pair in colliding_pairs(band_keys(signatures, bands=CANDIDATE_BANDS)).tolist()]
