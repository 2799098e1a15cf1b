"""Real social text with person names marked: the `ner-dev` corpora, read and split.

The files are CoNLL (`token<TAB>tag`, a blank line between sequences) from WNUT-17 and the Broad
Twitter Corpus (see `../shared/real-samples/ner-dev/README.md`). A sequence becomes one text: its
tokens joined by single spaces, so every token's characters are known.

Handles are not names here (matching an @-handle to a person is the roster matcher's job): a
token that starts with "@", or a lone "@" and the token after it, is a handle. Gold spans that
touch a handle are left out, and so are found spans (`without_handles`): BTC marks handles as
people and WNUT-17 does not, so counting them either way would score the labelling, not the
finder.

The split is fixed, by file and position, and never shuffled:
- TRAIN: wnut17train.conll but its last 600 sequences; BTC b, e, g; BTC h's first 500.
- DEV (every decision): wnut17train.conll's last 600; BTC h's sequences 500-999.
- REPORT (never tuned on): emerging.dev.conll (WNUT-17's dev file); BTC h from 1000 on, the
  half BTC itself keeps for development.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]
PERSON_TAGS = ("PER", "person")
WNUT_TRAIN, WNUT_DEV = "wnut17/wnut17train.conll", "wnut17/emerging.dev.conll"
WNUT_HELD = 600  # wnut17train's last sequences, kept for DEV
H_TRAIN, H_DEV = 500, 1000  # BTC h: [0, 500) TRAIN, [500, 1000) DEV, [1000, end) REPORT
PARTS = ("train", "dev", "report")


@dataclass(frozen=True)
class Sentence:
    """One tweet or comment: its text, its person names and its handles (character spans)."""

    text: str
    names: tuple[Span, ...]
    handles: tuple[Span, ...]
    entities: tuple[tuple[int, int, str], ...]  # every labelled span, handles included


@dataclass(frozen=True)
class Slice:
    """A named run of sequences from one file: `[start, stop)`, stop None for the end."""

    corpus: str  # "wnut17" or "btc": what the benchmark reports them under
    path: str
    start: int = 0
    stop: int | None = None


SPLIT: dict[str, tuple[Slice, ...]] = {
    "train": (Slice("wnut17", WNUT_TRAIN, 0, -WNUT_HELD), Slice("btc", "btc/b.conll"),
              Slice("btc", "btc/e.conll"), Slice("btc", "btc/g.conll"),
              Slice("btc", "btc/h.conll", 0, H_TRAIN)),
    "dev": (Slice("wnut17", WNUT_TRAIN, -WNUT_HELD), Slice("btc", "btc/h.conll", H_TRAIN, H_DEV)),
    "report": (Slice("wnut17", WNUT_DEV), Slice("btc", "btc/h.conll", H_DEV)),
}


def read_conll(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sequences of (token, tag). A line empty after stripping ends a sequence; a token line is
    split on its tab only, keeping the token as it is (some tokens are spaces or end in one)."""
    sequence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if sequence:
                yield sequence
            sequence = []
            continue
        token, _, tag = line.partition("\t")
        sequence.append((token, tag.strip()))
    if sequence:
        yield sequence


def _is_handle(tokens: Sequence[str], i: int) -> bool:
    token = tokens[i].strip()
    return (token.startswith("@") and len(token) > 1) or token == "@" or (
        i > 0 and tokens[i - 1].strip() == "@")


def sentence(sequence: Sequence[tuple[str, str]]) -> Sentence:
    """The text of a sequence (tokens joined by spaces) and its spans."""
    tokens = [token for token, _ in sequence]
    starts, at = [], 0
    for token in tokens:
        starts.append(at)
        at += len(token) + 1
    handles = tuple((starts[i], starts[i] + len(tokens[i])) for i in range(len(tokens))
                    if _is_handle(tokens, i))
    entities: list[tuple[int, int, str]] = []
    for i, (token, tag) in enumerate(sequence):
        if tag.startswith("B-") or (tag.startswith("I-") and not entities):
            entities.append((starts[i], starts[i] + len(token), tag[2:]))
        elif tag.startswith("I-"):
            begin, _, label = entities[-1]
            entities[-1] = (begin, starts[i] + len(token), label)
    names = tuple((s, e) for s, e, label in entities
                  if label in PERSON_TAGS and not touches((s, e), handles))
    return Sentence(" ".join(tokens), names, handles, tuple(entities))


def touches(span: Span, others: Sequence[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def without_handles(found: Sequence[Span], handles: Sequence[Span]) -> list[Span]:
    """Found spans less those that touch a handle (the scoring rule, applied to every finder)."""
    return [span for span in found if not touches(span, handles)]


def read_slice(root: Path, part: Slice) -> list[Sentence]:
    sequences = list(read_conll(root / part.path))
    return [sentence(s) for s in sequences[part.start:part.stop]]


def split(root: Path, part: str) -> dict[str, list[Sentence]]:
    """One part of the split ("train", "dev" or "report"), by corpus: {"wnut17": [...], ...}."""
    if part not in SPLIT:
        raise ValueError(f"unknown part {part!r}: choose one of {', '.join(PARTS)}")
    out: dict[str, list[Sentence]] = {}
    for piece in SPLIT[part]:
        out.setdefault(piece.corpus, []).extend(read_slice(root, piece))
    return out
