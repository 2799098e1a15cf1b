"""Labelled text sets beyond the generated one: real tweets (`ner-dev`) and Presidio's synthetic
sentences, each scored for PERSON by every name finder in the `ner` section.

- `ner-dev`, DEV and REPORT parts of the fixed split (scanner.name_corpus), by corpus: decisions
  are made on DEV, REPORT is never tuned on. Handles are out of gold and found spans alike.
- Presidio's own synthetic set: presidio-evaluator's sentence generator with the settings of its
  own example (en_US, 5% lower-case names, seed 42), PERSON spans only. Skipped with a note when
  presidio-evaluator is not installed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.score_person import Span, score
from scanner.name_corpus import Sentence, split, without_handles

NER_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "real-samples" / "ner-dev"
SYNTHETIC_SEED = 42
SYNTHETIC_LOWER_CASE = 0.05
PARTS = ("dev", "report")


@dataclass(frozen=True)
class NameSet:
    key: str  # "report/wnut17", "dev/btc", "synthetic/presidio"
    texts: tuple[str, ...]
    gold: tuple[tuple[Span, ...], ...]
    handles: tuple[tuple[Span, ...], ...]  # spans no finder is scored on (handles)

    def scores(self, found: Sequence[Sequence[Sequence[int]]]) -> dict[str, Any]:
        kept = [without_handles([(int(s[0]), int(s[1])) for s in spans], handles)
                for spans, handles in zip(found, self.handles, strict=True)]
        return {k: s.to_json() for k, s in score(kept, list(self.gold)).items()}


def _from_sentences(key: str, items: Sequence[Sentence]) -> NameSet:
    return NameSet(key, tuple(s.text for s in items), tuple(s.names for s in items),
                   tuple(s.handles for s in items))


def real_sets(limit: int | None, root: Path = NER_DEV) -> tuple[list[NameSet], list[str]]:
    """DEV and REPORT sets of `ner-dev` (the first `limit` texts of each, if given)."""
    if not root.is_dir():
        return [], [f"ner-dev skipped: real samples not found at {root}"]
    sets = [_from_sentences(f"{part}/{corpus}", items[:limit])
            for part in PARTS for corpus, items in split(root, part).items()]
    return sets, []


def synthetic_set(n: int, cache: Path | None = None) -> tuple[list[NameSet], list[str]]:
    """`n` sentences from presidio-evaluator's generator. Its seed does not make it repeat
    itself from one process to the next, so the sentences are kept in `cache` (a folder) and
    every later run scores the same ones."""
    kept = cache / f"presidio-synthetic-{n}-s{SYNTHETIC_SEED}.json" if cache else None
    if kept is not None and kept.exists():
        rows = json.loads(kept.read_text("utf-8"))
        return [NameSet("synthetic/presidio", tuple(r["text"] for r in rows),
                        tuple(tuple((s, e) for s, e in r["names"]) for r in rows),
                        tuple(() for _ in rows))], []
    if importlib.util.find_spec("presidio_evaluator") is None:
        return [], ["Presidio's synthetic set skipped: presidio-evaluator is not installed "
                    "(see the README's Benchmarks section)."]
    from presidio_evaluator.data_generator import PresidioSentenceFaker
    from presidio_evaluator.data_generator.faker_extensions import HospitalProvider
    from presidio_evaluator.data_generator.presidio_sentence_faker import (
        presidio_additional_entity_providers as providers,
    )

    # The hospital provider asks WikiData for names when it starts (a network request); no
    # template uses it, and leaving it out changes no sentence.
    offline = [p for p in providers if p is not HospitalProvider]
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        faker = PresidioSentenceFaker("en_US", lower_case_ratio=SYNTHETIC_LOWER_CASE,
                                      entity_providers=offline, random_seed=SYNTHETIC_SEED)
        samples = faker.generate_new_fake_sentences(n)
    texts = tuple(s.full_text for s in samples)
    gold = tuple(tuple(sorted((sp.start_position, sp.end_position) for sp in s.spans
                              if sp.entity_type == "PERSON")) for s in samples)
    if kept is not None:
        rows = [{"text": t, "names": g} for t, g in zip(texts, gold, strict=True)]
        kept.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    return [NameSet("synthetic/presidio", texts, gold, tuple(() for _ in texts))], []


def name_sets(real_limit: int | None, synthetic: int,
              cache: Path | None = None) -> tuple[list[NameSet], list[str]]:
    real, notes = real_sets(real_limit)
    synth, more = synthetic_set(synthetic, cache)
    return real + synth, notes + more


def write_texts(sets: Sequence[NameSet], folder: Path) -> dict[str, str]:
    """Each set's texts as a JSON file for the workers: {key: path}."""
    paths = {}
    for item in sets:
        path = folder / f"names-{item.key.replace('/', '-')}.json"
        path.write_text(json.dumps(list(item.texts), ensure_ascii=False), "utf-8")
        paths[item.key] = str(path)
    return paths
