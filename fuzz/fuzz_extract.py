"""Coverage-guided fuzzing of every reader and extractor with atheris (libFuzzer).

    .venv/bin/pip install atheris
    mkdir -p fuzz/corpus && .venv/bin/python fuzz/fuzz_extract.py -max_total_time=300 fuzz/corpus fuzz/seeds

The harness feeds one input through the same path a file takes in a run: gzip, decoding, the
reader for its kind (page dump, HTML or JSONL) and extraction. Anything but an Article or a
Rejected entry is a bug; an exception escaping is a crash that libFuzzer saves as a reproducer.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newsweave.extract import extract
    from newsweave.ingest.decode import UnusableInput, decode, read_gzip_file
    from newsweave.ingest.jsonl import read_jsonl
    from newsweave.model import Article, Document, Rejected

KINDS = ("text", "html", "jsonl")


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    try:
        text = decode(read_gzip_file(data[1:], max_bytes=1_000_000))
    except UnusableInput:
        return
    if kind == "jsonl":
        items = list(read_jsonl(text, "fuzz.jsonl"))
    else:
        items = [Document(source=f"fuzz.{kind}", kind=kind, content=text, digest="0" * 64)]
    for item in items:
        if isinstance(item, Document):
            item = extract(item)
        if not isinstance(item, Article | Rejected):
            raise AssertionError(f"a stage returned {type(item).__name__}")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
