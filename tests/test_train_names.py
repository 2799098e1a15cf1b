"""The name model's training script (scanner/train_names.py) on a tiny corpus in the ner-dev
layout, written by the test: what it teaches, that it writes a loadable ner-only pipeline, and
that the same seed and data give the same model."""

from __future__ import annotations

from pathlib import Path

import spacy

from scanner.name_corpus import sentence
from scanner.nlp import NOT_NEEDED
from scanner.train_names import BASE_MODEL, _examples, train

TWEETS = [
    [("RT", "O"), ("@", "B-PER"), ("jo_p", "B-PER"), (":", "O"), ("Anna", "B-PER"),
     ("Lee", "I-PER"), ("visited", "O"), ("London", "B-LOC"), ("today", "O")],
    [("so", "O"), ("proud", "O"), ("of", "O"), ("olivia", "B-PER"), ("tonight", "O")],
    [("Lunch", "O"), ("with", "O"), ("Tom", "B-PER"), ("Hardy", "I-PER"), ("in", "O"),
     ("Paris", "B-LOC")],
]


def _write(path: Path, sequences: list[list[tuple[str, str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("".join(f"{t}\t{tag}\n" for t, tag in s) + "\n" for s in sequences),
                    encoding="utf-8")


def _corpus(root: Path) -> Path:
    # Small enough to train in seconds; every file of the split is there.
    many = TWEETS * 4
    _write(root / "wnut17/wnut17train.conll", many)
    _write(root / "wnut17/emerging.dev.conll", TWEETS)
    for name in "beg":
        _write(root / f"btc/{name}.conll", TWEETS)
    _write(root / "btc/h.conll", many)
    return root


def test_examples_teach_names_keep_other_labels_and_leave_handles_out() -> None:
    nlp = spacy.load(BASE_MODEL, exclude=NOT_NEEDED)
    import random

    (example,) = _examples(nlp, [sentence(TWEETS[0])], 0.0, random.Random(1))
    tags = dict(zip([t.text for t in example.reference],
                    example.get_aligned_ner(), strict=True))
    assert (tags["Anna"], tags["Lee"]) == ("B-PERSON", "L-PERSON")
    assert tags["jo_p"] is None  # a handle: neither a name nor not one
    assert tags["London"] == "U-GPE"  # what the original model says, rehearsed
    assert tags["visited"] == "O"


def test_training_writes_the_same_ner_only_pipeline_for_the_same_seed(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "ner-dev")
    outputs = [tmp_path / "one", tmp_path / "two"]
    for out in outputs:
        train(root, out, epochs=1, seed=3, say=lambda _: None)
    loaded = spacy.load(outputs[0])
    assert loaded.pipe_names == ["ner"] and loaded.meta["name"] == "riskscan_names"
    weights = [(out / "ner" / "model").read_bytes() for out in outputs]
    assert weights[0] == weights[1]
    original = spacy.load(BASE_MODEL, exclude=NOT_NEEDED).get_pipe("ner").to_bytes()
    assert loaded.get_pipe("ner").to_bytes() != original  # it did learn, and kept that
