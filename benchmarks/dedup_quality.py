"""Copy-detection quality on a labelled set built from ../shared/bench/extraction pages.

Originals are the gold article bodies; each gets one to three generated copies with the edits
outlets make (a credit line or dateline, a retouched lead, a trimmed or extended tail, typos).
Hard negatives: different articles carrying one outlet's chrome (lines of a real page that are not
its article), and successive updates of one story (a new top over most of the earlier paragraphs),
which share passages but are not copies. Held-out pages (a fifth, by id hash) are checked end to
end: each original page and copies of its body re-hosted in other pages' chrome go through
newsweave's extractor first, so the host pages are hard negatives too. The same re-hosting on pages
that are not held out (other seeds) is the set to tune on; held-out figures are only measured.

Scores: precision, recall and F1 of copy pairs (every pair within a group), adjusted Rand index of
the groups, and how often the named original is the right one. Plain shingle-Jaccard cuts are
printed beside newsweave's rules as the reference of what MinHash LSH alone would decide.

    python benchmarks/dedup_quality.py [--originals 400] [--heldout 80] [--seed 3] [--tuning-seeds 11 12]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from newsweave.dedup.copies import CopyDetector
from newsweave.dedup.passages import find_shared_passages
from newsweave.dedup.rules import displaced_lead, fingerprint, new_tops, same_opening
from newsweave.extract import extract
from newsweave.model import Article, Document
from newsweave.text import shingles, words

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"
# Fictional wording for the edits: credit lines, outlet paragraphs and chrome are invented here.
CREDITS = ["(Reporting by Ana Veldt; editing by Tomas Reyn)", "Meridian Press contributed to this report.",
           "With reporting by Lantern Wire.", "This story has been corrected to fix a name."]
DATELINES = ["PORT ALDER (Meridian Press) - ", "KESSEL FORD, Veldria (Lantern Wire) - ", "OSTRY - "]
TAILS = ["The Harbour Times asked for comment but had received no reply by the time of publication.",
         "Readers can follow the story as it develops on our live page, updated through the day.",
         "Share this article: the link is in the menu above. Sign up for our morning briefing."]
# A held-out pair is "cleanly extracted" when both extracted texts keep this share of their article's shingles.
CLEAN_EXTRACTION = 0.9
# A dump line is the article's when this share of its word 3-grams is in the gold (in_article); mojibake
# lines of a gold paragraph share .74-.96, a headline repeating a phrase of the body about .6.
IN_ARTICLE_GRAMS = 0.7
FILLERS = ["officials", "reported", "the", "region", "early", "week", "local", "new", "said", "latest"]


@dataclass
class Page:
    id: str
    domain: str
    gold: list[str]  # paragraphs
    dump: str

    @cached_property
    def gold_words(self) -> str:
        """The gold body as folded words between spaces, for matching dump lines word by word."""
        return f" {' '.join(words(' '.join(self.gold)))} "

    @cached_property
    def gold_grams(self) -> set[str]:
        return shingles(self.gold_words.split(), 3)


def load_pages(bench: Path = BENCH, *, min_words: int = 150) -> list[Page]:
    """Bench pages whose gold body has at least `min_words` words in at least three paragraphs."""
    import json

    pages = []
    for folder in sorted(p for p in bench.iterdir() if (p / "gold").is_dir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["pages"]
        for gold in sorted((folder / "gold").glob("*.txt")):
            paragraphs = [line.strip() for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
            dump = folder / "textdump" / gold.name
            if len(paragraphs) >= 3 and sum(len(p.split()) for p in paragraphs) >= min_words and dump.is_file():
                url = meta.get(gold.stem, {}).get("url") or gold.stem
                domain = url.split("/")[2] if "//" in url else url
                pages.append(Page(gold.stem, domain, paragraphs, dump.read_text(encoding="utf-8")))
    return pages


def is_heldout(page: Page) -> bool:
    return hashlib.sha1(page.id.encode()).digest()[0] < 52  # about a fifth


# -- edits ------------------------------------------------------------------------------------
def credit(paras: list[str], rng: random.Random) -> list[str]:
    if rng.random() < 0.5:
        return [rng.choice(DATELINES) + paras[0], *paras[1:]]
    return [*paras, rng.choice(CREDITS)]


def retouch_lead(paras: list[str], rng: random.Random) -> list[str]:
    lead = paras[0].split()
    for _ in range(max(1, len(lead) // 8)):
        i = rng.randrange(len(lead))
        if rng.random() < 0.5:
            lead[i] = rng.choice(FILLERS)
        else:
            del lead[i]
    return [" ".join(lead), *paras[1:]]


def trim(paras: list[str], rng: random.Random) -> list[str]:
    keep = rng.randint(max(2, round(len(paras) * 0.4)), len(paras))
    return paras[:keep]


def extend(paras: list[str], rng: random.Random) -> list[str]:
    return [*paras, rng.choice(TAILS)]


def typos(paras: list[str], rng: random.Random) -> list[str]:
    def typo(word: str) -> str:
        if len(word) < 4 or rng.random() > 0.03:
            return word
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    return [" ".join(typo(w) for w in p.split()) for p in paras]


EDITS = [credit, retouch_lead, trim, extend, typos]


def copy_of(paras: list[str], rng: random.Random) -> list[str]:
    for edit in rng.sample(EDITS, rng.randint(1, 3)):
        paras = edit(paras, rng)
    return paras


def in_article(line: str, page: Page) -> bool:
    """Whether a dump line is part of the page's gold article; short lines never.

    Compared on folded words, and a line mostly made of the gold's word 3-grams counts: pages print
    curly apostrophes, mojibake ("isnâ€™t") or a sentence more or less than their gold, and an exact
    comparison left the host's own article inside a third of the re-hosted copies.
    """
    tokens = words(line)
    if len(tokens) < 4:
        return False
    if f" {' '.join(tokens)} " in page.gold_words:
        return True
    grams = shingles(tokens, 3)
    return len(grams & page.gold_grams) >= IN_ARTICLE_GRAMS * len(grams)


def chrome(page: Page, words_wanted: int = 80) -> str:
    """The last ~80 words of a page's lines that are not its article: its footer chrome."""
    lines = [line.strip() for line in page.dump.splitlines() if line.strip() and not in_article(line, page)]
    block: list[str] = []
    while lines and sum(len(x.split()) for x in block) < words_wanted:
        block.insert(0, lines.pop())
    return "\n".join(block)


def update_of(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    """A later version: a new top, most earlier paragraphs below it.

    The new top is another text's opening paragraphs, at least 40 words: a new lead sentence (wire
    leads run 25-40 words) and often more.
    """
    top: list[str] = []
    wanted = rng.randint(40, 120)
    for paragraph in other:
        if sum(len(p.split()) for p in top) >= wanted:
            break
        top.append(paragraph)
    body = paras[1:]
    if len(body) > 3 and rng.random() < 0.5:
        del body[rng.randrange(len(body))]
    if rng.random() < 0.5:
        return [*top, *body]
    return [*top, *paras]  # every word of the earlier version kept under the new top


# -- the labelled sets ---------------------------------------------------------------------------
def labelled_texts(pages: list[Page], originals: int, seed: int) -> tuple[list[Article], dict[str, str]]:
    """Articles and their true group (the original's id); hard negatives are groups of one."""
    rng = random.Random(seed)
    pool = [p for p in pages if not is_heldout(p)]
    rng.shuffle(pool)
    chosen, spare = pool[:originals], pool[originals:]
    articles: list[Article] = []
    group: dict[str, str] = {}
    minute = 0

    def add(aid: str, paras: list[str], label: str, outlet: str) -> None:
        nonlocal minute
        minute += 1
        published = f"2031-05-{1 + minute // 1440:02d}T{minute // 60 % 24:02d}:{minute % 60:02d}"
        articles.append(Article(aid, f"bench:{aid}", "\n\n".join(paras), outlet=outlet, published=published))
        group[aid] = label

    for page in chosen:
        add(page.id, page.gold, page.id, page.domain)
        for k in range(rng.randint(1, 3)):
            add(f"{page.id}~copy{k}", copy_of(page.gold, rng), page.id, f"outlet-{k}")
    for a, b in zip(spare[0::2], spare[1::2], strict=False):  # one outlet's chrome on two articles
        footer = chrome(a)
        add(f"{a.id}~chrome", [*a.gold, footer], f"{a.id}~chrome", a.domain)
        add(f"{b.id}~chrome", [*b.gold, footer], f"{b.id}~chrome", a.domain)
    for page in chosen[: originals // 3]:
        other = rng.choice(spare).gold
        add(f"{page.id}~update", update_of(page.gold, other, rng), f"{page.id}~update", page.domain)
    return articles, group


@dataclass(slots=True)
class HeldOut:
    """Extracted held-out pages, their true groups, and how much of its article each extraction kept."""

    articles: list[Article]
    group: dict[str, str]
    kept: dict[str, float]  # share of the article's 5-shingles (gold body, or the copy put in) found
    rejected: int


def heldout_pages(pages: list[Page], count: int, seed: int, *, heldout: bool = True) -> HeldOut:
    """Extracted original pages and copies re-hosted in other pages' chrome: of the held-out pages,
    or (`heldout=False`) of the others, which rules may be tuned on."""
    rng = random.Random(seed)
    held = [p for p in pages if is_heldout(p) == heldout]
    rng.shuffle(held)
    originals, hosts = held[:count], held[count:] or held
    out = HeldOut([], {}, {}, 0)

    def add(aid: str, dump: str, label: str, minute: int, article: list[str]) -> None:
        doc = Document(source=f"bench:{aid}", kind="text", content=dump, digest=aid, published=None)
        found = extract(doc)
        if isinstance(found, Article):
            found.id, found.published = aid, f"2031-06-01T{minute // 60:02d}:{minute % 60:02d}"
            out.articles.append(found)
            out.group[aid] = label
            wanted = shingles(words(" ".join(article)), 5)
            out.kept[aid] = len(wanted & shingles(words(found.text), 5)) / len(wanted) if wanted else 0.0
        else:
            out.rejected += 1

    for i, page in enumerate(originals):
        add(page.id, page.dump, page.id, 2 * i, page.gold)
        host = rng.choice([h for h in hosts if h.domain != page.domain])
        copied = copy_of(page.gold, rng)
        add(f"{page.id}~rehosted", rehost(copied, host), page.id, 2 * i + 1, copied)
        if f"{host.id}~host" not in out.group:  # the host's own page, once: it shares the copy's chrome
            add(f"{host.id}~host", host.dump, f"{host.id}~host", 2 * i + 1, host.gold)
    return out


def rehost(paras: list[str], host: Page) -> str:
    """The host page's dump with its own article's lines replaced by `paras`."""
    out, placed = [], False
    for line in host.dump.splitlines():
        if in_article(line, host):
            if not placed:
                out.extend(paras)
                placed = True
            continue
        out.append(line)
    if not placed:
        out.extend(paras)
    return "\n".join(out)


# -- scores ---------------------------------------------------------------------------------------
def pairs_of(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for aid, label in labels.items():
        groups.setdefault(label, []).append(aid)
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}


def scores(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """Pair precision/recall/F1, ARI, and the share of true copies that name their true original."""
    pred_pairs, true_pairs = pairs_of(predicted), pairs_of(truth)
    hit = len(pred_pairs & true_pairs)
    precision = hit / len(pred_pairs) if pred_pairs else 1.0
    recall = hit / len(true_pairs) if true_pairs else 1.0
    ids = sorted(truth)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "ari": adjusted_rand_score([truth[i] for i in ids], [predicted[i] for i in ids]),
    }


def detect(articles: list[Article]) -> dict[str, str]:
    copies = CopyDetector().find(articles)
    return {a.id: copies.get(a.id, a.id) for a in articles}


def jaccard_groups(articles: list[Article], cut: float) -> dict[str, str]:
    """Reference: groups joined by exact 5-shingle Jaccard >= cut, over the pairs LSH proposes
    (64 bands of 2 propose a pair at Jaccard .5 with probability 1 - 1e-8)."""
    from newsweave.dedup.lsh import band_keys, colliding_pairs
    from newsweave.dedup.minhash import MinHasher
    from newsweave.dedup.rules import connected_groups

    tokens = [words(a.text) for a in articles]
    sets = [shingles(t, 5) for t in tokens]
    proposed = colliding_pairs(band_keys(MinHasher().signatures(tokens), bands=64)).tolist()
    pairs = [(i, j) for i, j in proposed if len(sets[i] & sets[j]) >= cut * len(sets[i] | sets[j])]
    return {articles[i].id: articles[g[0]].id for g in connected_groups(range(len(articles)), pairs) for i in g}


def miss_causes(articles: list[Article], truth: dict[str, str], found: dict[str, str],
                kept: dict[str, float]) -> Counter:
    """Why each missed true pair was missed: extraction (not clean), then which rule turned it down."""
    by_id = {a.id: a for a in articles}
    prints = {aid: fingerprint(a, shingle_size=5, min_words=30) for aid, a in by_id.items()}
    causes: Counter = Counter()
    for a, b in sorted(pairs_of(truth) - pairs_of(found)):
        fa, fb = prints[a], prints[b]
        if not (fa and fb):
            cause = "too short"
        elif displaced_lead(fa, fb) or displaced_lead(fb, fa):
            cause = "one lead found below the other's top"
        elif new_tops(fa, fb):
            cause = "neither lead in the other's opening"
        elif same_opening(fa, fb):
            cause = "same opening, too little contained"
        else:
            cause = "other (not proposed, or openings half-matching)"
        clean = min(kept[a], kept[b]) >= CLEAN_EXTRACTION
        causes[("clean" if clean else "unclean", cause)] += 1
    return causes


def rehosted_scores(held: HeldOut) -> dict:
    """Scores of the copy detector on extracted re-hosted pages, with its misses by cause."""
    found = detect(held.articles)
    out = {**scores(found, held.group), "articles": len(held.articles), "rejected": held.rejected}
    # Where extraction kept nearly all of both articles, a miss is the copy detector's own; the
    # other misses are bound by extraction (it dropped the article's top, or took the host's own).
    true_pairs = pairs_of(held.group)
    clean = {p for p in true_pairs if min(held.kept[p[0]], held.kept[p[1]]) >= CLEAN_EXTRACTION}
    hit = pairs_of(found)
    out["clean pairs"] = len(clean)
    out["recall on clean pairs"] = len(clean & hit) / len(clean) if clean else float("nan")
    out["true pairs"] = len(true_pairs)
    out["misses"] = miss_causes(held.articles, held.group, found, held.kept)
    return out


def evaluate(originals: int, heldout: int, seed: int, *, references: bool = True,
             tuning_seeds: tuple[int, ...] = ()) -> dict[str, dict]:
    pages = load_pages()
    texts, truth = labelled_texts(pages, originals, seed)
    start = time.perf_counter()
    predicted = detect(texts)
    out = {"labelled": {**scores(predicted, truth), "articles": len(texts), "seconds": time.perf_counter() - start}}
    originals_right = [predicted[a] == truth[a] for a in truth if truth[a] != a and truth[a] in truth]
    out["labelled"]["original named"] = sum(originals_right) / len(originals_right)
    if references:
        for cut in (0.8, 0.5):
            out[f"shingle Jaccard >= {cut}"] = scores(jaccard_groups(texts, cut), truth)
    updates = [(a.id.removesuffix("~update"), a) for a in texts if a.id.endswith("~update")]
    by_id = {a.id: a for a in texts}
    found = sum(bool(find_shared_passages([by_id[o], u], {})) for o, u in updates)
    out["labelled"]["updates with shared passages"] = found / len(updates) if updates else float("nan")
    for tuning_seed in tuning_seeds:  # re-hosted pages that are not held out: what rules are tuned on
        tuning = heldout_pages(pages, 150, tuning_seed, heldout=False)
        out[f"tuning pages re-hosted, seed {tuning_seed}"] = rehosted_scores(tuning)
    out["held-out, re-hosted"] = rehosted_scores(heldout_pages(pages, heldout, seed))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=400)
    parser.add_argument("--heldout", type=int, default=80)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--tuning-seeds", type=int, nargs="*", default=[11, 12],
                        help="seeds of re-hosted sets of 150 pages that are not held out (none: skip)")
    args = parser.parse_args()
    results = evaluate(args.originals, args.heldout, args.seed, tuning_seeds=tuple(args.tuning_seeds))
    print(f"originals {args.originals}, held-out originals {args.heldout}, seed {args.seed}\n")
    print("| set / method | articles | precision | recall | F1 | ARI |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r.get('articles', '')} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} "
              f"| {r['ari']:.4f} |")
    lab = results["labelled"]
    print(f"\noriginal named right for {lab['original named']:.3f} of true copies; "
          f"{lab['updates with shared passages']:.3f} of update pairs have shared passages found; "
          f"detection took {lab['seconds']:.1f} s")
    for name, r in results.items():
        if "misses" not in r:
            continue
        print(f"\n{name}: {r['rejected']} pages rejected by extraction; {r['clean pairs']} of {r['true pairs']} true"
              f" pairs extracted cleanly (both keep >= {CLEAN_EXTRACTION:.0%} of their article's 5-shingles),"
              f" recall on those {r['recall on clean pairs']:.4f}; missed pairs by cause:")
        for (clean, cause), n in sorted(r["misses"].items()):
            print(f"  {clean:8} {cause}: {n}")


if __name__ == "__main__":
    main()
