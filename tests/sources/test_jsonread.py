"""Streaming JSON: the depth guard lets every real-shaped file through unchanged and stops
hostile nesting before the parser's memory explodes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from reader_support import MemoryArchive

from scanner.sources.jsonread import MAX_DEPTH, iter_items, load

# Strings full of the characters a naive bracket count would trip over.
TRICKY = st.text(alphabet='[]{}"\\ab\u00e9\u00a0', max_size=12)
# yajl (ijson's C parser) reads integers as 64-bit, as every export writes them.
INTEGERS = st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1)
VALUES = st.recursive(
    st.none() | st.booleans() | INTEGERS | TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TRICKY, inner, max_size=3),
    max_leaves=40,
)


def nested(depth: int) -> Any:
    value: Any = "}]{[\\"
    for level in range(depth):
        value = [value] if level % 2 else {"k[": value}
    return value


@settings(max_examples=200, deadline=None)
@given(records=st.lists(VALUES, max_size=8), ascii_only=st.booleans())
def test_any_ordinary_file_streams_back_unchanged(records: list[Any], ascii_only: bool) -> None:
    data = json.dumps(records, ensure_ascii=ascii_only).encode()
    archive = MemoryArchive({"posts.json": data})
    assert list(iter_items(archive, "posts.json")) == records
    assert load(archive, "posts.json") == records
    assert archive.problems == []


def test_the_deepest_allowed_record_is_read() -> None:
    record = nested(MAX_DEPTH - 1)  # one more level for the list around the records
    archive = MemoryArchive({"posts.json": json.dumps([record]).encode()})
    assert list(iter_items(archive, "posts.json")) == [record]
    assert archive.problems == []


def test_one_level_deeper_is_a_listed_problem() -> None:
    archive = MemoryArchive({"posts.json": json.dumps([1, nested(MAX_DEPTH)]).encode()})
    assert list(iter_items(archive, "posts.json")) == []  # within one read-ahead block
    (problem,) = archive.problems
    assert "nested far deeper than any real export" in problem.error


def test_hostile_depth_in_an_x_data_file() -> None:
    body = b"window.YTD.tweets.part0 = [" + b"[" * 200_000 + b"]" * 200_000 + b"]"
    archive = MemoryArchive({"data/tweets.js": body})
    assert list(iter_items(archive, "data/tweets.js")) == []
    assert "nested far deeper" in archive.problems[0].error
