"""Per-line features for the learned body classifier: each line's shape plus its context on the page.

Context matters more than shape (the issue's study): a short sentence inside a dense prose block is
body, the same sentence among teasers is not. So beside a line's own cues, each row holds the prose
density around it, its distance to the densest block (the rule-based `find_body` region), its
position, its neighbours' shapes, the run of prose lines it belongs to and how many of its content
words the rules' block also uses. All columns are computed per page, mostly with numpy in a few
vectorised passes.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate

import numpy as np

from newsweave.extract.lines import Body, Line, lines_matching

FEATURES = (
    "words", "log_chars", "sentence", "bullet", "caption", "boilerplate", "end_heading", "repeated", "run",
    "prose", "position", "in_region", "distance_to_region", "end_headings_before", "prose_window_3",
    "prose_window_10", "prev_words", "next_words", "prev_prose", "next_prose", "digit_share", "capital_share",
    "commas", "has_year", "starts_lower", "camel_joins", "words_before_share", "region_share", "prose_run_words",
    "words_window_2", "after_region",
    # rows of teasers and comments (headline, blurb, time), captions, bios and promos
    "terminal", "prev_terminal", "next_terminal", "prev2_words", "next2_words", "time_like", "time_window_5",
    "short_window_5", "same_shape_run", "row_repeat", "bio", "promo_words", "link_like", "prev_caption",
    "next_caption", "block_words", "block_share", "run_share",
    # comment threads: a commenter's line ("jdoe says:") or a thread heading ("34 responses to ..."), and
    # how many such lines stand above this one
    "comment_cue", "comment_cues_before",
    # lexical cohesion with the rules' prose block: a teaser or promo for another story shares few of the
    # article's content words, a subhead or a list item of the article shares many; and lines printed
    # from one template ("Junho (119)", "2 days ago at 07:52 am") repeat the same skeleton
    "cohesion", "cohesion_long", "skeleton_repeat",
    # prose hard-wrapped mid-sentence (a line without closing punctuation, the next one starting lowercase)
    "wrapped",
)

# Printed times and dates of teaser and comment rows: "3 hours ago", "Nov. 19, 2019", "10:42", "5 min read".
_TIME = re.compile(
    r"\bago\b|\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b|\b\d+\s*(?:min|mins|minutes?|hrs?|hours?|days?|weeks?)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|"
    r"\b(?:yesterday|today|updated|published|posted)\b",
)
_TIME_CUES = tuple("0123456789") + ("ago", "day", "updated", "published", "posted")
# Author bios and outlet blurbs: prose, often long, never the article ("X is a reporter for ...",
# "... is the news division of ...", "Follow her on ...").
_BIO_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s){1,4}(?:is|was|has been)\s(?:a|an|the)\s")  # used with .match
_BIO_ROLE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer)s?\s(?:for|at|with|who)\b|"
    r"\bdivision of\b|\b(?:follow|email|contact|reach)\s(?:him|her|them)\b|\bcovers?\s(?:the\s)?[a-z]+\sfor\b"
)
_BIO_CUES = ("reporter", "correspondent", "editor", "writer", "journalist", "columnist", "contributor", "producer",
             "division of", "follow", "email", "contact", "reach", "cover")
# Words of promos and newsletter boxes, which address the reader.
_PROMO = re.compile(r"\b(?:you|your|subscribe|sign up|log ?in|register|download)\b")
_PROMO_CUES = ("you", "subscribe", "sign up", "log", "register", "download")
# Lines that open a comment or a comment thread: "jdoe says:", "Anna wrote:", "Alex on May 3, 2031 at
# 6:34 am said:" (not a reporter's "the minister said:"), "34 responses to ...",
# "12 Comments", "Reply". WordPress and Disqus templates print these in English on most sites.
_COMMENT = re.compile(
    r"\b(?:says|wrote|writes|replied)\s*:\s*$|\d:\d\d\b.{0,12}\bsaid\s*:\s*$|"
    r"^\s*\d+\s+(?:comments?|responses?|replies|reactions?)\b|\b(?:responses?|comments?|replies) (?:to|on)\s"
)
_COMMENT_CUES = ("says", "said", "wrote", "writes", "replied", "comment", "respons", "repl", "reaction")
# Words this long carry a topic in most languages written with spaces (shorter ones are mostly "the",
# "and", "der", "que"); words of 7+ letters are rarely function words at all.
_COHESION_CHARS = 4
_TOPIC_CHARS = 7
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")
_COMMENT_BUTTONS = frozenset(("reply", "report", "like", "quote"))  # a set: "like" is in too many lines to search


def line_features(lines: list[Line], region: tuple[int, int] | None) -> np.ndarray:
    """One row per line, columns in FEATURES order; `region` is (first, last+1) positions in `lines`."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    words = np.fromiter((line.words for line in lines), dtype=np.float32, count=n)
    chars = np.fromiter((len(line.text) for line in lines), dtype=np.float32, count=n)
    flags = np.array(
        [(line.sentence, line.bullet, line.caption, line.boilerplate, line.end_heading, line.repeats > 1,
          line.run, line.prose) for line in lines],
        dtype=np.float32,
    ).reshape(n, 8)
    prose = flags[:, 7]
    text_stats = _text_stats([line.text for line in lines])
    positions = np.arange(n, dtype=np.float32)
    first, last = region if region else (n, n)
    distance = np.where(positions < first, positions - first, np.where(positions >= last, positions - last + 1, 0))
    prose_words = words * prose
    total_words = max(float(words.sum()), 1.0)
    cum_words = np.cumsum(words) - words
    region_words = float(prose_words[first:last].sum()) if region else 0.0
    columns = [
        words,
        np.log1p(chars),
        *flags.T,
        positions / max(n - 1, 1),
        ((positions >= first) & (positions < last)).astype(np.float32),
        np.clip(distance, -50, 50),
        np.minimum(np.cumsum(flags[:, 4]) - flags[:, 4], 5),
        _window_sum(prose_words, 3) / 7,
        _window_sum(prose_words, 10) / 21,
        _shift(words, 1),
        _shift(words, -1),
        _shift(prose, 1),
        _shift(prose, -1),
        *text_stats.T,
        cum_words / total_words,
        np.full(n, region_words / max(float(prose_words.sum()), 1.0), dtype=np.float32),
        _run_sums(prose_words, prose),
        _window_sum(words, 2) / 5,
        (positions >= last).astype(np.float32),
        *_row_columns(lines, words, flags[:, 2], prose_words, prose),
        *_cohesion(lines, region),
        _skeleton_repeats(lines),
    ]
    ends = np.fromiter((line.ends_sentence for line in lines), dtype=bool, count=n)
    starts_lower = text_stats[:, 4] > 0
    continued = ~ends & _shift(starts_lower, -1)  # this line runs on into the next
    columns.append((continued | _shift(continued, 1)).astype(np.float32))
    return np.column_stack(columns).astype(np.float32)


def _row_columns(lines: list[Line], words: np.ndarray, caption: np.ndarray, prose_words: np.ndarray,
                 prose: np.ndarray) -> list[np.ndarray]:
    """Teaser rows, comment rows, captions, bios and promos, and the prose blocks that compete."""
    n = len(lines)
    texts = [line.text for line in lines]
    terminal = np.fromiter((line.ends_sentence for line in lines), dtype=np.float32, count=n)
    lowered = [t.lower() for t in texts]
    joined = "\n".join(lowered)
    starts = list(accumulate((len(t) + 1 for t in lowered[:-1]), initial=0))
    short = words <= 10
    time_like = np.zeros(n, dtype=np.float32)
    for pos in np.flatnonzero(short):  # only short lines are rows' times; most of a page's lines are short
        text = lowered[pos]
        if any(cue in text for cue in _TIME_CUES) and _TIME.search(text):
            time_like[pos] = 1.0
    bio = np.fromiter(((" is " in t or " was " in t or " has been " in t) and _BIO_NAME.match(t) is not None
                       for t in texts), dtype=np.float32, count=n)
    for pos in lines_matching(_BIO_ROLE, _BIO_CUES, joined, starts, lowered):
        bio[pos] = 1.0
    promo = np.zeros(n, dtype=np.float32)
    for pos in lines_matching(_PROMO, _PROMO_CUES, joined, starts, lowered):
        promo[pos] = len(_PROMO.findall(lowered[pos]))
    comment = np.fromiter((t.strip() in _COMMENT_BUTTONS for t in lowered), dtype=np.float32, count=n)
    for pos in lines_matching(_COMMENT, _COMMENT_CUES, joined, starts, lowered):
        comment[pos] = 1.0
    link = np.fromiter((("http" in t or "www." in t or "@" in t or ".com" in t) for t in lowered), dtype=np.float32,
                       count=n)
    # a row's shape: its length class, whether it ends a sentence, whether it is a printed time
    shape = np.digitize(words, (2, 4, 8, 16, 31)) * 4 + terminal * 2 + time_like
    same = _equal_runs(shape, 1)
    rows = np.maximum.reduce([_equal_runs(shape, k) for k in (2, 3, 4)])
    blocks = _block_sums(prose_words, prose)
    runs = _run_sums(prose_words, prose)
    return [
        terminal, _shift(terminal, 1), _shift(terminal, -1), _shift(words, 2), _shift(words, -2), time_like,
        _window_sum(time_like, 5), _window_sum((words <= 3).astype(np.float32), 5) / 11, same, rows, bio,
        promo / np.maximum(words, 1), link, _shift(caption, 1), _shift(caption, -1), blocks,
        blocks / max(float(blocks.max()), 1.0), runs / max(float(runs.max()), 1.0),
        comment, np.minimum(np.cumsum(comment) - comment, 10),
    ]


def _cohesion(lines: list[Line], region: tuple[int, int] | None) -> list[np.ndarray]:
    """Share of a line's content words found in the rules' region outside the line, and how many of its
    topic words are.

    Written here rather than with a vectoriser: the counts are per page and per line, over the keys
    `split_lines` already folded, and set operations (run in C) on each line's words are all it takes.
    """
    n = len(lines)
    share, topic = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
    if region is None:
        return [share, topic]
    first, last = region
    vocab = [set(line.key.split()) for line in lines]
    everything = set().union(*vocab)
    short = {w for w in everything if len(w) < _COHESION_CHARS or w.isdigit()}
    long = {w for w in everything if len(w) >= _TOPIC_CHARS} - short
    region_lines = Counter()
    for words_of_line in vocab[first:last]:
        region_lines.update(words_of_line)
    in_region = set(region_lines) - short
    in_two = {w for w in in_region if region_lines[w] > 1}  # a region line's own words do not count
    for pos, own in enumerate(vocab):
        own = own - short
        if own:
            shared = own & (in_two if first <= pos < last else in_region)
            share[pos] = len(shared) / len(own)
            topic[pos] = min(len(shared & long), 10)
    return [share, topic]


def _skeleton_repeats(lines: list[Line]) -> np.ndarray:
    """How many short lines of the page print the same skeleton (digits as 0, each word as a), capped."""
    short = [pos for pos, line in enumerate(lines) if line.words <= 12]
    repeats = np.zeros(len(lines), dtype=np.float32)
    if short:
        joined = "\n".join(lines[pos].text for pos in short)
        skeletons = _LETTERS.sub("a", _DIGITS.sub("0", joined)).split("\n")
        counts = Counter(skeletons)
        repeats[short] = [min(counts[s], 30) for s in skeletons]
    return repeats


def _equal_runs(shape: np.ndarray, k: int) -> np.ndarray:
    """For each line, how many lines in a row around it repeat the shape of the line k before or after.

    Teaser and comment rows repeat with a period of 2-4 lines (headline, blurb, time); an article's
    paragraphs repeat with period 1.
    """
    n = len(shape)
    equal = np.zeros(n, dtype=np.float32)
    if n > k:
        equal[k:] = shape[k:] == shape[:-k]
    runs = _run_sums(equal, equal)
    # the line k before a repeating one belongs to the same rows
    return np.minimum(np.maximum(runs, _shift(runs, -k)), 30)


def _block_sums(prose_words: np.ndarray, prose: np.ndarray, max_gap: int = 2) -> np.ndarray:
    """Prose words of the block each line is in, a block crossing up to `max_gap` non-prose lines."""
    n = len(prose)
    block = np.zeros(n, dtype=np.intp)
    current, gap = 0, 0
    for pos in range(n):
        if prose[pos]:
            if gap > max_gap:
                current += 1
            gap = 0
        else:
            gap += 1
        block[pos] = current
    totals = np.bincount(block, weights=prose_words)
    return totals[block].astype(np.float32)


def _text_stats(texts: list[str]) -> np.ndarray:
    """Digit share, share of capitalised words, commas, a year-like number, a lowercase start, and
    lowercase letters run into a capital ("...SteakhouseA party of six"): a teaser's headline and blurb
    printed without a space between them.

    Computed on the code points of the whole page at once (one array, one line id per character)
    rather than a Python loop over characters; capitals and lowercase are judged on ASCII letters.
    """
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.intp, count=len(texts))
    line_of = np.repeat(np.arange(len(texts)), lengths)[: len(codes)]
    n = len(texts)
    digit = (codes >= 48) & (codes <= 57)
    space = (codes == 32) | (codes == 10)
    word_start = ~space & np.concatenate([[True], space[:-1]])
    upper = (codes >= 65) & (codes <= 90)
    upper_start = word_start & upper
    lower = (codes >= 97) & (codes <= 122)
    camel = np.zeros(len(codes), dtype=bool)
    camel[1:] = lower[:-1] & upper[1:]
    year = np.zeros(len(codes), dtype=bool)
    if len(codes) >= 4:
        year[3:] = digit[3:] & digit[2:-1] & digit[1:-2] & digit[:-3]
    chars = np.maximum(lengths - 1, 1)

    def counts(mask: np.ndarray) -> np.ndarray:
        return np.bincount(line_of[mask], minlength=n)

    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    first = codes[np.minimum(starts, len(codes) - 1)]
    return np.column_stack([
        counts(digit) / chars,
        counts(upper_start) / np.maximum(counts(word_start), 1),
        np.minimum(counts(codes == 44), 10),
        counts(year) > 0,
        (first >= 97) & (first <= 122),
        np.minimum(counts(camel), 5),
    ]).astype(np.float32)


def _window_sum(values: np.ndarray, radius: int) -> np.ndarray:
    padded = np.concatenate([np.zeros(radius + 1, dtype=values.dtype), values, np.zeros(radius, dtype=values.dtype)])
    cum = np.cumsum(padded)
    return cum[2 * radius + 1 :] - cum[: len(values)]


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """values[i - by], zero beyond the page's edges."""
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def _run_sums(values: np.ndarray, member: np.ndarray) -> np.ndarray:
    """For each line in a run of consecutive members, the sum of `values` over that run; 0 outside runs."""
    breaks = np.concatenate([[0], np.cumsum(member[1:] != member[:-1])])
    totals = np.bincount(breaks, weights=values)
    return (totals[breaks] * member).astype(np.float32)


def rule_region(lines: list[Line], body: Body | None) -> tuple[int, int] | None:
    """Positions in `lines` of the rule-based body region (`find_body`), first and last+1."""
    if body is None:
        return None
    first = next(pos for pos, line in enumerate(lines) if line.index >= body.start)
    last = next((pos for pos, line in enumerate(lines) if line.index >= body.end), len(lines))
    return first, last


def page_rows(lines: list[Line], body: Body | None) -> np.ndarray:
    """Feature rows for a page, given its rule-based body."""
    return line_features(lines, rule_region(lines, body))


SCORE_FEATURES = (
    "score", "score_window_1", "score_window_3", "score_window_8", "score_window_20", "score_before_max",
    "score_after_max", "score_run_words", "score_words_before_share", "score_words_after_share",
    # a list inside the article (tour dates, a product list) has body prose close on both sides; the
    # rows after an article have it on one side only
    "body_gap_before", "body_gap_after", "body_words_before_60", "body_words_after_60",
)


_GAP_PROSE_WORDS = 10  # a body line this long is prose, not a list row
_GAP_CAP = 60  # lines: farther than this, body prose is not "close"


def score_context(score: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Neighbours' scores from the first stage: is this line inside a run the model already calls body?"""
    n = len(score)
    if not n:
        return np.zeros((0, len(SCORE_FEATURES)), dtype=np.float32)
    body = (score >= 0.5).astype(np.float32)
    body_words = words * body
    total = max(float(body_words.sum()), 1.0)
    before = np.cumsum(body_words) - body_words
    after = total - before - body_words
    prose_body = np.flatnonzero(body * (words >= _GAP_PROSE_WORDS))
    positions = np.arange(n)
    gap_before, gap_after = np.full(n, _GAP_CAP, dtype=np.float32), np.full(n, _GAP_CAP, dtype=np.float32)
    if len(prose_body):
        above = np.searchsorted(prose_body, positions) - 1  # the last body prose line before each line
        below = np.searchsorted(prose_body, positions, side="right")  # the first after it
        has_above, has_below = above >= 0, below < len(prose_body)
        gap_before[has_above] = positions[has_above] - prose_body[above[has_above]]
        gap_after[has_below] = prose_body[below[has_below]] - positions[has_below]
    cum = np.concatenate([[0.0], np.cumsum(body_words)])
    before_60 = cum[positions] - cum[np.maximum(positions - _GAP_CAP, 0)]
    after_60 = cum[np.minimum(positions + 1 + _GAP_CAP, n)] - cum[positions + 1]
    return np.column_stack([
        score,
        _window_sum(score, 1) / 3,
        _window_sum(score, 3) / 7,
        _window_sum(score, 8) / 17,
        _window_sum(score, 20) / 41,
        _shift(np.maximum.accumulate(score), 1),
        _shift(np.maximum.accumulate(score[::-1])[::-1], -1),
        _run_sums(body_words, body),
        before / total,
        after / total,
        np.minimum(gap_before, _GAP_CAP),
        np.minimum(gap_after, _GAP_CAP),
        before_60 / total,
        after_60 / total,
    ]).astype(np.float32)
