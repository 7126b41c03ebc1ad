"""The story timeline as SVG geometry: events on top, one lane per outlet, copies linked to originals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsweave.model import Article, Story
from newsweave.times import parse_time

WIDTH = 720  # viewBox units; the page scrolls the chart sideways below this width rather than shrink its text
LEFT = 170  # room for outlet names
RIGHT = 24
EVENT_TICK_Y = 14
EVENT_Y = 36
COVER_TICK_Y = 76
LANE_TOP = 98
LANE_GAP = 30
_MAX_TICKS = 5


@dataclass(slots=True)
class Dot:
    x: float
    y: float
    article: str
    title: str
    time: str
    copy: bool


@dataclass(slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(slots=True)
class Lane:
    y: float
    label: str


@dataclass(slots=True)
class Mark:
    x: float
    label: str


@dataclass(slots=True)
class TimelineChart:
    """Everything the template draws; all text is escaped by the template, never joined into markup here."""

    width: int
    height: int
    left: int = LEFT
    plot_end: int = WIDTH - RIGHT
    event_tick_y: int = EVENT_TICK_Y
    event_y: int = EVENT_Y
    cover_tick_y: int = COVER_TICK_Y
    lanes: list[Lane] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    events: list[Mark] = field(default_factory=list)
    event_ticks: list[Mark] = field(default_factory=list)  # events span days, coverage hours: two time axes
    ticks: list[Mark] = field(default_factory=list)
    undated: int = 0


def timeline_chart(story: Story, articles: dict[str, Article]) -> TimelineChart | None:
    """Lay out a story's timeline events on one time axis and its articles, by outlet, on another."""
    members = [articles[aid] for aid in story.articles if aid in articles]
    times = {a.id: parse_time(a.published) for a in members}
    events = [(when, t.text) for t in story.timeline if (when := parse_time(t.time))]
    if not any(times.values()) and not events:
        return None
    outlets = list(dict.fromkeys(a.outlet or "unknown outlet" for a in members))
    lane_y = {name: LANE_TOP + i * LANE_GAP for i, name in enumerate(outlets)}
    chart = TimelineChart(width=WIDTH, height=LANE_TOP + max(len(outlets) - 1, 0) * LANE_GAP + 24)
    chart.lanes = [Lane(y, name) for name, y in lane_y.items()]
    if events:
        x, chart.event_ticks = _axis([when for when, _ in events])
        chart.events = [Mark(x(when), text) for when, text in events]
    dated = [t for t in times.values() if t]
    if not dated:
        chart.undated = len(members)
        return chart
    x, chart.ticks = _axis(dated)
    where: dict[str, tuple[float, float]] = {}
    for a in members:
        when = times[a.id]
        if when is None:
            chart.undated += 1
            continue
        point = (x(when), lane_y[a.outlet or "unknown outlet"])
        where[a.id] = point
        chart.dots.append(Dot(*point, a.id, a.title or "(no headline)", a.published or "", bool(a.copy_of)))
    for a in members:
        if a.copy_of in where and a.id in where:
            chart.edges.append(Edge(*where[a.copy_of], *where[a.id]))
    return chart


def _axis(times: list[datetime]) -> tuple[Callable[[datetime], float], list[Mark]]:
    """A time-to-x function over these times (at least two hours wide) and its tick marks."""
    start, end = min(times), max(times)
    if end - start < timedelta(hours=2):
        start, end = start - timedelta(hours=1), end + timedelta(hours=1)
    span = (end - start).total_seconds()

    def x(when: datetime) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (when - start).total_seconds() / span, 1)

    step = (end - start) / (_MAX_TICKS - 1)
    ticks = [start + step * i for i in range(_MAX_TICKS)]
    return x, [Mark(x(t), _tick_label(t, span)) for t in ticks]


def _tick_label(when: datetime, span: float) -> str:
    if span > 300 * 86400:  # an axis over many months needs its years
        return when.strftime("%b %Y")
    return when.strftime("%d %b") if span > 3 * 86400 else when.strftime("%d %b %H:%M")
