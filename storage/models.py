"""The tables, as SQLModel classes, for reading and writing rows.

The database schema itself is made only by the ordered migrations in `storage.migrations`; a
test checks that the migrated schema has exactly these tables and columns. Times are aware UTC
datetimes (SQLite keeps them as UTC text). Nothing here holds raw archive content: a finding keeps
where it is, the detector's short redacted excerpt and why it fired.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class MigrationRow(SQLModel, table=True):
    __tablename__ = "schema_migrations"

    version: int = Field(primary_key=True)
    name: str
    applied: datetime


class RunRow(SQLModel, table=True):
    """One scan of one person's exports."""

    __tablename__ = "runs"

    id: int | None = Field(default=None, primary_key=True)
    person: str = Field(index=True)
    started: datetime
    finished: datetime
    tool_version: str
    school: str  # the policy pack's school name
    risk: int = 0
    review: int = 0
    clear: int = 0
    not_checked: int = 0
    # JSON list of {"platform", "export_version", "counts"}: no paths, no account names
    sources: str = "[]"


class RuleResultRow(SQLModel, table=True):
    """One rule's outcome in one run (status after review decisions)."""

    __tablename__ = "rule_results"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="runs.id", index=True)
    rule: str
    status: str
    found: int  # findings in all, including those not listed
    certain: int
    quiet: int  # listed findings kept quiet by an exception or dismissal


class FindingRow(SQLModel, table=True):
    __tablename__ = "findings"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="runs.id", index=True)
    rule: str
    platform: str
    file: str
    record: str
    excerpt: str
    why: str
    certain: bool
    fingerprint: str = Field(index=True)
    detector: str = ""


class PageVisitRow(SQLModel, table=True):
    """A public profile page fetched in a run: where, when, the HTTP status and a hash of the
    content (never the page itself), so a later scan can tell whether the page changed."""

    __tablename__ = "page_visits"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="runs.id", index=True)
    address: str = Field(index=True)  # the profile address as the person gave it
    url: str  # the page fetched for it
    fetched: datetime
    http_status: int
    content_hash: str  # sha256 of the body


class GuidedLookRow(SQLModel, table=True):
    """What a person saw, checking by hand one rule on a profile riskscan could not read
    (`saw` None and `risk` False: they looked and saw nothing). One per person, address, rule."""

    __tablename__ = "guided_looks"
    __table_args__ = (UniqueConstraint("person", "address", "rule", name="uq_guided_looks"),)

    id: int | None = Field(default=None, primary_key=True)
    person: str = Field(index=True)
    address: str
    rule: str
    saw: str | None = None
    risk: bool
    recorded: datetime


class DecisionRow(SQLModel, table=True):
    """A person's review decision on a finding, by fingerprint; one per person and finding."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("person", "fingerprint", name="uq_decisions_person_fp"),)

    id: int | None = Field(default=None, primary_key=True)
    person: str = Field(index=True)
    fingerprint: str
    decision: str  # confirm | dismiss | exception
    reason: str
    decided: datetime


class AuditRow(SQLModel, table=True):
    """What was done and when; never personal content (no excerpts, reasons or names)."""

    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    action: str
    person: str | None = Field(default=None, index=True)
    detail: str = ""


class ConsentRow(SQLModel, table=True):
    """A person's written consent to scheduled rescans of their public profile addresses.

    `addresses`, `scope` and `recipients` are JSON lists. `next_due` is when the next rescan
    is due (null once the consent is not live, or a one-off check is done); `claimed_by` and
    `claim_until` are a worker's lease on the rescan it is doing (a dead worker's lease runs
    out and another worker takes the rescan over).
    """

    __tablename__ = "consents"

    id: str = Field(primary_key=True)
    person: str = Field(index=True)
    email: str
    kind: str  # ongoing | one-off
    schedule: str  # daily | weekly | monthly
    post: str | None = None  # one-off: the post the candidate is shortlisted for
    host: str | None = Field(default=None, index=True)  # first address's host (politeness)
    addresses: str  # JSON list of profile addresses, exactly as consented
    scope: str  # JSON list of rule ids
    recipients: str  # JSON list of {"email", "audience": "private"|"shared"}
    all_clear: bool = False  # send a monthly "all clear" even when nothing changed
    wording_version: str
    wording_hash: str  # sha256 of the wording, hex
    wording: str
    agreed: datetime
    starts: datetime
    expires: date
    status: str  # live | withdrawn | expired
    ended: datetime | None = None
    next_due: datetime | None = None
    claimed_by: str | None = None
    claim_until: datetime | None = None
    last_rescan: datetime | None = None
    last_notified: datetime | None = None
    reminded: datetime | None = None
    created: datetime


class PageRow(SQLModel, table=True):
    """One profile address as one rescan fetched it: never the page, only its hash."""

    __tablename__ = "rescan_pages"

    id: int | None = Field(default=None, primary_key=True)
    consent_id: str = Field(index=True)
    run_id: int = Field(foreign_key="runs.id", index=True)
    address: str
    fetched: datetime
    http_status: int | None = None
    content_hash: str | None = None
    not_checked: str | None = None  # why nothing could be read, in words


class NotificationRow(SQLModel, table=True):
    """A message waiting to be sent (deleted once sent); retried with a growing wait."""

    __tablename__ = "notifications"

    id: int | None = Field(default=None, primary_key=True)
    consent_id: str = Field(index=True)
    recipient: str
    audience: str  # private | shared | reminder
    message: str  # the whole RFC 5322 message
    created: datetime
    attempts: int = 0
    next_attempt: datetime = Field(index=True)
    last_error: str | None = None


class HostSlotRow(SQLModel, table=True):
    """The next moment any worker may send a request to a host (per-host politeness)."""

    __tablename__ = "host_slots"

    host: str = Field(primary_key=True)
    next_at: float  # seconds since the epoch


TABLES = (MigrationRow, RunRow, RuleResultRow, FindingRow, PageVisitRow, GuidedLookRow,
          DecisionRow, AuditRow,
          ConsentRow, PageRow, NotificationRow, HostSlotRow)
