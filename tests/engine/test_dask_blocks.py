"""Time blocks of the Dask engine: where the time line may be cut, and what each block starts from."""

from newsweave.cluster.stories import StoryClusterer
from newsweave.engine.dask_blocks import plan_blocks
from newsweave.model import Article

TEXT = "Ferry crews in Port Veloria met the harbour board on {day} about the winter timetable."


def article(aid: str, published: str | None, copy_of: str | None = None) -> Article:
    return Article(aid, f"t:{aid}", TEXT.format(day=published or "a later day"), published=published,
                   copy_of=copy_of)


def ids(blocks) -> list[list[str]]:
    return [[a.id for a in block.articles] for block in blocks]


def test_blocks_are_cut_at_gaps_wider_than_the_window_only():
    new = [article("a", "2031-04-01T08:00"), article("b", "2031-04-02T20:00"),
           article("c", "2031-04-07T09:00"), article("d", "2031-04-09T09:00"), article("e", None)]
    blocks, undated = plan_blocks(StoryClusterer().partial_fit([]), new, min_size=1)
    assert ids(blocks) == [["a", "b"], ["c", "d"]]  # 4.5 days apart (window 3); c to d is 2 days
    assert [a.id for a in undated] == ["e"]
    assert [b.start_count for b in blocks] == [0, 2]


def test_no_cut_between_a_copy_and_its_original():
    new = [article("a", "2031-04-01T08:00"), article("c", "2031-04-07T09:00"),
           article("late-copy", "2031-04-20T09:00", copy_of="a")]
    blocks, _ = plan_blocks(StoryClusterer().partial_fit([]), new, min_size=1)
    assert ids(blocks) == [["a", "c", "late-copy"]]
    assert blocks[0].counted == [True, True, False]  # a copy counts once, with its original


def test_no_cut_where_a_stored_story_reaches_both_sides():
    stored = [article("s1", "2031-04-03T12:00"), article("s2", "2031-04-04T12:00")]
    seed = StoryClusterer().partial_fit(stored)
    new = [article("a", "2031-04-01T08:00"), article("b", "2031-04-06T09:00"), article("c", "2031-04-20T09:00")]
    blocks, _ = plan_blocks(seed, new, min_size=1)
    assert ids(blocks) == [["a", "b"], ["c"]]
    assert blocks[0].start_count == seed.n_documents_


def test_a_block_smaller_than_min_size_joins_the_next_and_the_last_takes_the_rest():
    new = [article("a", "2031-04-01T08:00"), article("b", "2031-04-07T09:00"), article("c", "2031-04-14T09:00")]
    blocks, _ = plan_blocks(StoryClusterer().partial_fit([]), new, min_size=2)
    assert ids(blocks) == [["a", "b"], ["c"]]
