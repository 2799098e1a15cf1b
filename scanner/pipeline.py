"""scan(): sources -> records -> language pass -> detectors -> checklist.

Records stream through in chunks: the fast rule pass picks the texts that need the model, the
model reads those in one batch, and every detector sees each record once. Nothing but counts and
a capped number of findings per rule is kept, so memory stays flat however large the archive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from detectors.base import Context, Detector, Record, Roster, missing_reason
from detectors.registry import all_detectors
from scanner.checklist import ChecklistItem, RuleEvidence, build_checklist
from scanner.inventory import SourceSummary, observed
from scanner.model import Finding, Item, ItemRef, Kind
from scanner.policy import Policy
from scanner.sources import Source

CHUNK = 512
MAX_FINDINGS_PER_RULE = 200
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


def scan(sources: list[Source], policy: Policy, options: ScanOptions) -> ScanResult:
    ctx = Context(policy=policy, today=options.today, roster=options.roster,
                  open_media=_media_opener(sources),
                  platforms={s.platform for s in sources})
    detectors = [cls(ctx) for rule_id, cls in sorted(all_detectors().items())
                 if policy.rules[rule_id].enabled]
    language = _language(policy) if options.use_language_model else None
    evidence: dict[str, RuleEvidence] = {d.rule: RuleEvidence() for d in detectors}
    summaries = []
    for source in sources:
        summary = SourceSummary(source.path, source.platform, source.export_version)
        for chunk in _chunks(observed(source, summary), CHUNK):
            records = _analysed(chunk, language)
            for record in records:
                _keep(evidence, _see(detectors, record))
            if options.progress:
                options.progress(len(chunk))
        summaries.append(summary)
        ctx.own_names.update(n for n in (summary.account.display_name,
                                         summary.account.handle) if n)
    for detector in detectors:
        _keep(evidence, detector.finish())
        evidence[detector.rule].missing = missing_reason(detector)
    counts: Counter[str] = Counter()
    for summary in summaries:
        counts.update(summary.counts)
    checklist = build_checklist(policy, evidence, counts, has_roster=options.roster is not None)
    return ScanResult(policy, summaries, checklist, counts)


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
    by_platform_path = {(s.platform, s.path): s for s in sources}

    def open_media(ref: ItemRef, member: str) -> bytes | None:
        for (platform, _path), source in by_platform_path.items():
            if platform != ref.platform or member not in source.archive.names:
                continue
            try:
                with source.archive.open(member) as stream:
                    return stream.read(200 * 1024**2)
            except (OSError, EOFError, ValueError):
                return None
        return None

    return open_media


def source_paths(sources: list[Source]) -> list[Path]:
    return [Path(s.path) for s in sources]
