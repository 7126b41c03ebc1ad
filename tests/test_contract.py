"""The JSON Schema of CONTRACT.md, and real results checked against it."""

import json
from importlib.resources import files

import jsonschema
import pytest

import newsweave
from newsweave.model import Article, Result

SCHEMA = json.loads(files("newsweave").joinpath("schema/contract.schema.json").read_text())


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_rejects_a_result_that_breaks_the_contract():
    article = Article(id="a1", source="x.txt", text="t", published="16 August 2031")  # not ISO 8601
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(Result(articles=[article]).to_dict(), SCHEMA)
    broken = Result().to_dict()
    del broken["rejected"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_python_api_result_follows_the_schema(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A fictional headline about the Valden tram strike\n\n" + "\n\n".join(
        f"Tram drivers in the fictional city of Valden stopped work for the {n} day running on Monday, "
        "the union said, as talks with the city transport board stalled again." for n in ("first", "second", "third")
    ))
    result = newsweave.run([page])
    jsonschema.validate(json.loads(result.to_json()), SCHEMA)
    assert len(result.articles) == 1 and len(result.stories) == 1
