"""A self-contained HTML report of a run's result: one file, styles inline, no scripts."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from newsweave.model import Result


def render_report(result: Result) -> str:
    env = Environment(loader=PackageLoader("newsweave.web", "templates"), autoescape=select_autoescape(["html"]))
    articles = {a.id: a for a in result.articles}
    return env.get_template("report.html").render(result=result, articles=articles)
