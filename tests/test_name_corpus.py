"""The ner-dev reader and split (scanner.name_corpus) on the real corpora, and the handle rule.

The counts are those of ../shared/real-samples/ner-dev/README.md, worked out there independently
of this reader; the tests skip when the real samples are not on this machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import need_sample

from scanner.name_corpus import SPLIT, read_conll, read_slice, sentence, split, without_handles

# file: (sequences, tokens, PER spans strict, names that are not handles, texts with a person)
COUNTS = {
    "wnut17/wnut17train.conll": (3394, 62730, 660, 654, 503),
    "wnut17/emerging.dev.conll": (1009, 15733, 470, 470, 374),
    "btc/b.conll": (2000, 30825, 865, 388, 516),
    "btc/e.conll": (200, 3981, 59, 33, 41),
    "btc/g.conll": (2138, 34062, 1802, 956, 1015),
    "btc/h.conll": (2001, 29480, 2323, 421, 939),
}


@pytest.fixture
def ner_dev(real_samples: Path) -> Path:
    return need_sample(real_samples / "ner-dev")


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_counts_match_the_corpus_readme(ner_dev: Path, name: str) -> None:
    sequences = list(read_conll(ner_dev / name))
    items = [sentence(s) for s in sequences]
    people = [e for s in items for e in s.entities if e[2] in ("PER", "person")]
    with_person = sum(1 for s in items if any(e[2] in ("PER", "person") for e in s.entities))
    assert (len(sequences), sum(len(s) for s in sequences), len(people),
            sum(len(s.names) for s in items), with_person) == COUNTS[name]


def test_every_name_span_is_its_tokens_text(ner_dev: Path) -> None:
    for item in read_slice(ner_dev, SPLIT["report"][1]):
        for start, end in item.names:
            assert item.text[start:end].strip() == item.text[start:end]
            assert "@" not in item.text[start:end]


def test_parts_do_not_overlap_and_cover_the_files(ner_dev: Path) -> None:
    parts = {part: split(ner_dev, part) for part in SPLIT}
    texts = {part: [s.text for items in got.values() for s in items]
             for part, got in parts.items()}
    assert {k: len(v) for k, v in texts.items()} == {
        "train": 2794 + 2000 + 200 + 2138 + 500, "dev": 600 + 500, "report": 1009 + 1001}
    assert {k: sorted(v) for k, v in parts.items()} == {
        "train": ["btc", "wnut17"], "dev": ["btc", "wnut17"], "report": ["btc", "wnut17"]}
    # The same tweet text can occur twice in a corpus; positions, not texts, are split, so
    # check the boundary sequences: DEV starts where TRAIN stops in both split files.
    wnut = [sentence(s).text for s in read_conll(ner_dev / "wnut17/wnut17train.conll")]
    assert parts["train"]["wnut17"][-1].text == wnut[-601]
    assert parts["dev"]["wnut17"][0].text == wnut[-600]


def test_split_mentions_and_whole_handles_are_handles() -> None:
    btc = sentence([("RT", "O"), ("@", "B-PER"), ("Theory_Versa", "B-PER"), ("and", "O"),
                    ("Ann", "B-PER"), ("Lee", "I-PER"), ("via", "O"), ("@jo_p", "O")])
    assert btc.text == "RT @ Theory_Versa and Ann Lee via @jo_p"
    assert [btc.text[s:e] for s, e in btc.names] == ["Ann Lee"]
    assert [btc.text[s:e] for s, e in btc.handles] == ["@", "Theory_Versa", "@jo_p"]
    found = [(5, 17), (22, 29), (34, 39)]  # the handle, the name, the other handle
    assert without_handles(found, btc.handles) == [(22, 29)]


def test_reader_keeps_odd_tokens_and_tab_separators(tmp_path: Path) -> None:
    path = tmp_path / "odd.conll"
    path.write_text("Dubbz\ufeff\tB-person\n😂 \tO\n\t\n\tO\n\nke s\tO\n", encoding="utf-8")
    sequences = list(read_conll(path))
    assert sequences == [[("Dubbz\ufeff", "B-person"), ("😂 ", "O")], [("", "O")],
                         [("ke s", "O")]]
    first = sentence(sequences[0])
    assert first.text[slice(*first.names[0])] == "Dubbz\ufeff"
