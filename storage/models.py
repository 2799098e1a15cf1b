"""The tables, as SQLModel classes, for reading and writing rows.

The database schema itself is made only by the ordered migrations in `storage.migrations`; a
test checks that the migrated schema has exactly these tables and columns. Times are aware UTC
datetimes (SQLite keeps them as UTC text). Nothing here holds raw archive content: a finding keeps
where it is, the detector's short redacted excerpt and why it fired.
"""

from __future__ import annotations

from datetime import datetime

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


TABLES = (MigrationRow, RunRow, RuleResultRow, FindingRow, DecisionRow, AuditRow)
