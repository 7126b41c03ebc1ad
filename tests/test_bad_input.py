"""A folder of bad inputs: the run completes, each unusable input is rejected with a reason, the rest is read."""

import json
import random

from click.testing import CliRunner

from newsweave.cli import cli

PARAGRAPHS = [
    "Crews of the fictional Valden ferry line stopped work at dawn on Tuesday, stranding thousands of commuters "
    "on both banks of the river, the transport union said in a statement.",
    "The union said the strike would last until the city transport board agreed to reopen wage talks that "
    "broke down last month after eleven weeks of negotiations.",
    '"We have waited eleven months for an answer," said Ana Pell, a deckhand who has worked on the line for '
    "twenty years.",
]
RUSSIAN = [
    "Паромщики вымышленного города Вальден прекратили работу во вторник утром, и тысячи пассажиров остались "
    "на обоих берегах реки, сообщил профсоюз транспортников.",
    "Профсоюз заявил, что забастовка продлится до тех пор, пока городской транспортный совет не согласится "
    "возобновить переговоры о заработной плате, прерванные в прошлом месяце.",
]


def _page(title: str, paragraphs: list[str]) -> str:
    menu = "\n".join(f"  • {item}" for item in ("Home", "News", "Sport", "Weather"))
    return f"{title} | The Fictional Ferry Gazette\n{menu}\n{title}\n\n" + "\n\n".join(paragraphs) + "\n\nComments\n"


def test_bad_inputs_do_not_stop_the_run(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.html").write_bytes(random.Random(7).randbytes(20_000))
    (folder / "huge.txt").write_bytes(b"lorem ipsum " * 2_600_000)  # 31 MB
    (folder / "no-article.txt").write_text("\n".join(f"  • Fictional headline {i}" for i in range(60)))
    (folder / "ferry strike — día 1.txt").write_text(_page("Ferry crews walk out in Valden", PARAGRAPHS))
    (folder / "cp1251.txt").write_bytes(_page("Паромщики Вальдена бастуют", RUSSIAN).encode("cp1251"))
    # half a UTF-16 pair escaped in JSON: a lone surrogate that SQLite refused, which stopped the whole run
    escaped = {"id": "s1", "title": "Valden tram fares \ud800 frozen", "outlet": "The Fictional Ferry Gazette",
               "text": "The fictional city of Valden froze tram fares for another year on Monday \udc80, the "
                       "transport board said, after a winter in which ridership rose by a tenth. " * 3}
    (folder / "escaped.jsonl").write_text(json.dumps(escaped) + "\n")
    out = tmp_path / "result.json"

    result = CliRunner().invoke(cli, ["run", str(folder), "--db", str(tmp_path / "n.db"), "--json", str(out)])

    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    reasons = {r["source"].rsplit("/", 1)[1]: r["reason"] for r in data["rejected"]}
    assert set(reasons) == {"empty.txt", "noise.html", "huge.txt", "no-article.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["noise.html"]
    assert "MB" in reasons["huge.txt"] and "--max-size" in reasons["huge.txt"]
    assert "no article text" in reasons["no-article.txt"]
    articles = {a["source"].rsplit("/", 1)[1]: a for a in data["articles"]}
    assert set(articles) == {"ferry strike — día 1.txt", "cp1251.txt", "escaped.jsonl#s1"}
    assert articles["escaped.jsonl#s1"]["title"] == "Valden tram fares \ufffd frozen"
    assert "on Monday \ufffd, the transport board said" in articles["escaped.jsonl#s1"]["text"]
    assert articles["ferry strike — día 1.txt"]["title"] == "Ferry crews walk out in Valden"
    assert len(articles["ferry strike — día 1.txt"]["text"].split("\n\n")) == 3
    assert articles["cp1251.txt"]["language"] == "ru"
    assert articles["cp1251.txt"]["text"].startswith("Паромщики вымышленного города")
    assert articles["cp1251.txt"]["title"] == "Паромщики Вальдена бастуют"
