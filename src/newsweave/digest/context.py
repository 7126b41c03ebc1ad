"""One story's members read once: who copies whom, time order, and the originals' sentences, shared by
every digest part so they agree on what an article says and where."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsweave.digest.sentences import sentence_spans
from newsweave.model import Article
from newsweave.times import parse_time


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an original article, with where it stands in that article."""

    article: str  # id of the original that carries it
    paragraph: int  # paragraph number in the article
    index: int  # sentence number in the article, from 0
    text: str


class StoryText:
    """The members of one story in time order, their originals, and the originals' sentences."""

    def __init__(self, articles: Sequence[Article]) -> None:
        order = {a.id: i for i, a in enumerate(articles)}
        self.members: list[Article] = sorted(
            articles, key=lambda a: (parse_time(a.published) or datetime.max, order[a.id])
        )
        self.by_id: dict[str, Article] = {a.id: a for a in self.members}
        self._order = {a.id: i for i, a in enumerate(self.members)}
        self.root: dict[str, str] = {a.id: self._root_of(a) for a in self.members}
        self.originals: list[Article] = [a for a in self.members if self.root[a.id] == a.id]
        self.copies: dict[str, list[str]] = {a.id: [] for a in self.originals}
        for member in self.members:
            if self.root[member.id] != member.id:
                self.copies[self.root[member.id]].append(member.id)
        self.sentences: list[Sentence] = []
        self.paragraphs: dict[str, list[str]] = {}
        for article in self.originals:
            paragraphs = article.paragraphs()
            self.paragraphs[article.id] = paragraphs
            count = 0
            for p, paragraph in enumerate(paragraphs):
                for start, end in sentence_spans(paragraph):
                    self.sentences.append(Sentence(article.id, p, count, paragraph[start:end]))
                    count += 1

    def _root_of(self, article: Article) -> str:
        """Follow copy_of to an original among the members; a copy whose original is absent stands alone,
        and in a loop of copies (a bad upstream link) the earliest member is taken as the original."""
        chain = [article.id]
        current = article
        while current.copy_of and current.copy_of in self.by_id:
            if current.copy_of in chain:
                loop = chain[chain.index(current.copy_of) :]
                return min(loop, key=self._order.__getitem__)
            chain.append(current.copy_of)
            current = self.by_id[current.copy_of]
        return current.id

    def carriers(self, originals: set[str] | list[str]) -> list[str]:
        """The given originals with all their copies, in story time order."""
        ids = set()
        for original in originals:
            ids.add(original)
            ids.update(self.copies.get(original, ()))
        return sorted(ids, key=lambda i: self._order.get(i, len(self._order)))

    def rank(self, article_id: str) -> int:
        """Place of a member in story time order."""
        return self._order.get(article_id, len(self._order))

    def independence_key(self, article_id: str) -> str:
        """Articles sharing a key are one source: copies with their original, one wire story, one outlet."""
        original = self.by_id[self.root.get(article_id, article_id)]
        if original.agency:
            return "agency:" + original.agency.strip().lower()
        if original.outlet:
            return "outlet:" + original.outlet.strip().lower()
        return "article:" + original.id

    def independent(self, article_ids: set[str] | list[str]) -> int:
        """How many independent sources the given articles amount to."""
        return len({self.independence_key(i) for i in article_ids})
