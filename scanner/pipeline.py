"""scan(): sources -> records -> language pass -> detectors -> checklist.

Records stream through in chunks: the fast rule pass picks the texts that need the model, the
model reads those in one batch, and every detector sees each record once. Nothing but counts and
a capped number of findings per rule is kept, so memory stays flat however large the archive.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from time import monotonic

from detectors.base import Context, Detector, Record, Roster, missing_reason
from detectors.images import ahead as _ahead
from detectors.images import memory as _memory
from detectors.registry import all_detectors
from scanner.checklist import ChecklistItem, RuleEvidence, build_checklist
from scanner.inventory import SourceSummary, observed
from scanner.media import MAX_IMAGE_BYTES
from scanner.model import Finding, Item, ItemRef, Kind
from scanner.policy import Policy
from scanner.sources import Source

CHUNK = 512
LOOKAHEAD = 8  # chunks read before their turn: a few MB of records, memory stays flat
MAX_FINDINGS_PER_RULE = 200
# How often, at most, progress is reported inside a chunk. A chunk of text takes a fraction of a
# second, but a chunk of 512 real-size photos about half a minute: reported only between
# chunks, a 10,000-photo folder showed the same count for that long, and a click on Stop waited
# for it. A call per record would cost a fast text archive time for nothing.
PROGRESS_EVERY = 0.25  # seconds
TEXT_KINDS = frozenset({Kind.POST, Kind.PROFILE, Kind.MEDIA, Kind.MESSAGE})

Progress = Callable[[int], None]


@dataclass
class ScanResult:
    """Everything a report needs."""

    policy: Policy
    summaries: list[SourceSummary]
    checklist: list[ChecklistItem]
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class ScanOptions:
    today: date = field(default_factory=date.today)
    roster: Roster | None = None
    use_language_model: bool = True
    progress: Progress | None = None
    progress_every: float = PROGRESS_EVERY  # seconds; 0 reports every record
    remember_pictures: bool = False  # use the picture memory (detectors/images/memory.py)
    # A LanguagePass built for this policy's names, to reuse across many scans (rescans);
    # None builds one for this scan.
    language: object | None = None


def scan(sources: list[Source], policy: Policy, options: ScanOptions) -> ScanResult:
    ctx = Context(policy=policy, today=options.today, roster=options.roster,
                  open_media=_media_opener(sources), media_home=_media_home(sources),
                  platforms={s.platform for s in sources})
    if not options.remember_pictures:
        _memory.without_memory(ctx)
    detectors = [cls(ctx) for rule_id, cls in sorted(all_detectors().items())
                 if policy.rules[rule_id].enabled]
    language = None
    if options.use_language_model:
        language = options.language or _language(policy)
    evidence: dict[str, RuleEvidence] = {d.rule: RuleEvidence() for d in detectors}
    try:
        summaries = [_scan_source(source, ctx, detectors, language, evidence, options)
                     for source in sources]
        for detector in detectors:
            _keep(evidence, detector.finish())
            evidence[detector.rule].missing = missing_reason(detector)
    finally:
        _ahead.stop(ctx)
        _memory.close(ctx)
    counts: Counter[str] = Counter()
    for summary in summaries:
        counts.update(summary.counts)
    gaps = [gap for source in sources for gap in source.all_gaps()]
    checklist = build_checklist(policy, evidence, counts, has_roster=options.roster is not None,
                                gaps=gaps)
    return ScanResult(policy, summaries, checklist, counts)


def _scan_source(source: Source, ctx: Context, detectors: list[Detector],
                 language: object | None, evidence: dict[str, RuleEvidence],
                 options: ScanOptions) -> SourceSummary:
    summary = SourceSummary(source.path, source.platform, source.export_version,
                            not_checked=source.not_checked, pages=list(source.pages))
    ticker = _Ticker(options.progress, options.progress_every)
    for chunk in _prepared(_chunks(observed(source, summary), CHUNK), detectors):
        for record in _analysed(chunk, language):
            _keep(evidence, _see(detectors, record))
            ticker.one_more()
        ticker.report()
    ctx.own_names.update(n for n in (summary.account.display_name, summary.account.handle)
                         if n)
    return summary


class _Ticker:
    """Records the rules have finished, reported to `progress` at the end of each chunk and,
    within one, whenever `every` seconds have passed since the last report."""

    def __init__(self, progress: Progress | None, every: float) -> None:
        self.progress, self.every = progress, every
        self.unreported = 0
        self.last = monotonic()

    def one_more(self) -> None:
        self.unreported += 1
        if self.progress is not None and monotonic() - self.last >= self.every:
            self.report()

    def report(self) -> None:
        if self.progress is not None and self.unreported:
            self.progress(self.unreported)
        self.unreported = 0
        self.last = monotonic()


def _prepared(chunks: Iterator[list[Item]], detectors: list[Detector]) -> Iterator[list[Item]]:
    """The chunks, each shown to the rules' `prepare` LOOKAHEAD chunks before it is read, so
    slow work on pictures (detectors/images/ahead.py) runs alongside the text of the chunks before
    it. Real exports bunch photos together (an album, a holiday), so the worker is given more
    than the next chunk to get on with while the main process reads a run of text."""
    waiting: deque[list[Item]] = deque()
    for chunk in chunks:
        for detector in detectors:
            detector.prepare(chunk)
        waiting.append(chunk)
        if len(waiting) > LOOKAHEAD:
            yield waiting.popleft()
    yield from waiting


def _language(policy: Policy) -> object:
    from scanner.nlp import LanguagePass

    return LanguagePass(policy)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _analysed(items: list[Item], language: object | None) -> list[Record]:
    records = [Record(item) for item in items]
    if language is None:
        return records
    from scanner.nlp import LanguagePass

    assert isinstance(language, LanguagePass)
    wanted = [r for r in records
              if r.item.kind in TEXT_KINDS and language.might_name_someone(r.item.text)]
    for record, entities in zip(wanted, language.analyse([r.item.text for r in wanted]),
                                strict=True):
        record.entities = entities
        record.analysed = True
    return records


def _see(detectors: list[Detector], record: Record) -> Iterator[Finding]:
    for detector in detectors:
        if record.item.kind in detector.needs:
            yield from detector.see(record)


def _keep(evidence: dict[str, RuleEvidence], findings: Iterable[Finding]) -> None:
    for finding in findings:
        kept = evidence.setdefault(finding.rule, RuleEvidence())
        kept.total += 1
        if len(kept.findings) < MAX_FINDINGS_PER_RULE:
            kept.findings.append(finding)


def _media_opener(sources: list[Source]) -> Callable[[ItemRef, str], bytes | None]:
    """Lets image detectors read a photo's bytes from the archive it came from."""

    def open_media(ref: ItemRef, member: str) -> bytes | None:
        source = _holder(sources, ref, member)
        if source is None:
            return None
        try:
            with source.archive.open(member) as stream:
                return stream.read(MAX_IMAGE_BYTES)
        except (OSError, EOFError, ValueError):
            return None

    return open_media


def _media_home(sources: list[Source]) -> Callable[[ItemRef, str], Path | None]:
    """Where another process can read a photo from: its archive's path, if it can reopen it."""

    def media_home(ref: ItemRef, member: str) -> Path | None:
        source = _holder(sources, ref, member)
        return source.archive.path if source and source.archive.reopenable else None

    return media_home


def _holder(sources: list[Source], ref: ItemRef, member: str) -> Source | None:
    """The source of the record's platform whose archive holds the member."""
    return next((s for s in sources if s.platform == ref.platform and s.archive.has(member)),
                None)


def source_paths(sources: list[Source]) -> list[Path]:
    return [Path(s.path) for s in sources]
