"""The policy pack: how a school describes itself once, in a TOML file its DSL keeps.

`load_policy(path)` validates everything up front and raises PolicyError naming the key and what
is wrong with it, so a mistake in the pack is found before any archive is read.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from scanner.errors import PolicyError
from scanner.rules import RULES, RULES_BY_ID, Severity

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEMO_PACK = Path(__file__).parent / "packs" / "demo" / "policy.toml"

_KNOWN_KEYS: dict[str, set[str]] = {
    "": {"school", "roster", "rules", "language"},
    "school": {"name", "aliases", "official_handles", "email_domains", "logos", "site", "hours"},
    "school.site": {"lat", "lon", "radius_m"},
    "school.hours": {"days", "start", "end", "terms"},
    "roster": {"path", "sealed", "key_env"},
    "language": {"pupil_context", "school_words"},
    "rule": {"enabled", "severity", "clause", "advice"},
}


@dataclass(frozen=True)
class Site:
    lat: float
    lon: float
    radius_m: float


@dataclass(frozen=True)
class Hours:
    days: frozenset[int]
    start: time
    end: time
    terms: tuple[tuple[date, date], ...]

    def is_teaching_time(self, when_date: date, when_time: time) -> bool:
        """Inside the school day on a school day in term time."""
        if when_date.weekday() not in self.days or not self.start <= when_time < self.end:
            return False
        return not self.terms or any(a <= when_date <= b for a, b in self.terms)


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: Severity
    clause: str | None
    advice: str


@dataclass(frozen=True)
class Policy:
    school_name: str
    aliases: tuple[str, ...] = ()
    official_handles: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    logos: tuple[Path, ...] = ()
    site: Site | None = None
    hours: Hours | None = None
    roster_path: Path | None = None
    sealed_roster_path: Path | None = None
    roster_key_env: str | None = None
    pupil_context: tuple[str, ...] = ()
    school_words: tuple[str, ...] = ()
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    source: Path | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The school's full name first, then its other names."""
        return (self.school_name, *self.aliases)

    def enabled_rules(self) -> list[str]:
        return [rule_id for rule_id, s in self.rules.items() if s.enabled]


def load_policy(path: Path) -> Policy:
    """Read and validate a policy pack."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{path} does not exist: check the path to your policy pack.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path} could not be read ({type(exc).__name__}).") from None
    return policy_from_text(text, path)


def policy_from_text(text: str, path: Path) -> Policy:
    """Validate a pack's text as if it were the file `path` (its logos and roster are found
    beside it), with the same messages as `load_policy`."""
    label = path.name
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label} is not valid TOML: {exc}. Compare it with the template "
                          "from `riskscan policy init`.") from None
    return _Parser(label, path.parent).policy(raw, path)


class _Parser:
    """Turns the TOML tables into a Policy, naming the key of the first mistake."""

    def __init__(self, label: str, base: Path) -> None:
        self.label = label
        self.base = base

    def fail(self, key: str, problem: str) -> PolicyError:
        return PolicyError(f"{self.label}: {key} {problem}.")

    def policy(self, raw: dict[str, Any], path: Path) -> Policy:
        self.known(raw, "")
        school = self.table(raw, "school", required=True)
        self.known(school, "school")
        roster = self.table(raw, "roster")
        self.known(roster, "roster")
        language = self.table(raw, "language")
        self.known(language, "language")
        return Policy(
            school_name=self.text(school, "school.name", required=True) or "",
            aliases=self.texts(school, "school.aliases"),
            official_handles=tuple(h.lstrip("@") for h in
                                   self.texts(school, "school.official_handles")),
            email_domains=tuple(d.lstrip("@").lower() for d in
                                self.texts(school, "school.email_domains")),
            logos=self.files(school, "school.logos"),
            site=self.site(school),
            hours=self.hours(school),
            roster_path=self.file(roster, "roster.path"),
            sealed_roster_path=self.file(roster, "roster.sealed"),
            roster_key_env=self.text(roster, "roster.key_env"),
            pupil_context=self.texts(language, "language.pupil_context"),
            school_words=self.texts(language, "language.school_words"),
            rules=self.rules(self.table(raw, "rules")),
            source=path,
        )

    # -- structure ---------------------------------------------------------------------------
    def known(self, table: dict[str, Any], prefix: str) -> None:
        allowed = _KNOWN_KEYS["rule" if prefix.startswith("rules.") else prefix]
        for key in table:
            if key not in allowed:
                full = f"{prefix}.{key}" if prefix else key
                guess = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise self.fail(full, f"is not a key riskscan knows{hint}")

    def table(self, raw: dict[str, Any], key: str, required: bool = False) -> dict[str, Any]:
        name = key.rsplit(".", 1)[-1]
        value = raw.get(name)
        if value is None:
            if required:
                raise self.fail(f"[{key}]", "is missing: every pack needs it")
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table, like [" + key + "]")
        return value

    # -- values ------------------------------------------------------------------------------
    def text(self, table: dict[str, Any], key: str, required: bool = False) -> str | None:
        value = table.get(key.rsplit(".", 1)[-1])
        if value is None:
            if required:
                raise self.fail(key, "is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be some text in quotes (got {value!r})")
        return value.strip()

    def texts(self, table: dict[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key.rsplit(".", 1)[-1], [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise self.fail(key, 'must be a list of texts, like ["one", "two"]')
        return tuple(v.strip() for v in value)

    def number(self, table: dict[str, Any], key: str, low: float, high: float) -> float:
        value = table.get(key.rsplit(".", 1)[-1])
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"must be a number (got {value!r})")
        if not low <= value <= high:
            raise self.fail(key, f"must be between {low:g} and {high:g} (got {value})")
        return float(value)

    def file(self, table: dict[str, Any], key: str) -> Path | None:
        name = self.text(table, key)
        if name is None:
            return None
        path = (self.base / name).resolve()
        if not path.is_file():
            raise self.fail(key, f"names {name}, which is not a file next to the pack")
        return path

    def files(self, table: dict[str, Any], key: str) -> tuple[Path, ...]:
        paths = []
        for name in self.texts(table, key):
            path = (self.base / name).resolve()
            if not path.is_file():
                raise self.fail(key, f"names {name}, which is not a file next to the pack")
            paths.append(path)
        return tuple(paths)

    def site(self, school: dict[str, Any]) -> Site | None:
        site = self.table(school, "school.site")
        if not site:
            return None
        self.known(site, "school.site")
        return Site(lat=self.number(site, "school.site.lat", -90, 90),
                    lon=self.number(site, "school.site.lon", -180, 180),
                    radius_m=self.number(site, "school.site.radius_m", 10, 20_000))

    def hours(self, school: dict[str, Any]) -> Hours | None:
        hours = self.table(school, "school.hours")
        if not hours:
            return None
        self.known(hours, "school.hours")
        days = self.texts(hours, "school.hours.days") or DAYS[:5]
        bad = [d for d in days if d.lower() not in DAYS]
        if bad:
            raise self.fail("school.hours.days", f"has {bad[0]!r}: use mon, tue, wed, thu, "
                            "fri, sat, sun")
        start = self.clock(hours, "school.hours.start")
        end = self.clock(hours, "school.hours.end")
        if end <= start:
            raise self.fail("school.hours.end", "must be later than school.hours.start")
        return Hours(days=frozenset(DAYS.index(d.lower()) for d in days), start=start,
                     end=end, terms=self.terms(hours))

    def clock(self, table: dict[str, Any], key: str) -> time:
        text = self.text(table, key, required=True) or ""
        try:
            return time.fromisoformat(text)
        except ValueError:
            raise self.fail(key, f'must be a time like "08:45" (got {text!r})') from None

    def terms(self, hours: dict[str, Any]) -> tuple[tuple[date, date], ...]:
        key = "school.hours.terms"
        value = hours.get("terms", [])
        if not isinstance(value, list):
            raise self.fail(key, 'must be a list of [first day, last day] pairs')
        out = []
        for pair in value:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise self.fail(key, f'must hold pairs like ["2025-09-03", "2025-10-24"] '
                                f"(got {pair!r})")
            first, last = (self.day(key, v) for v in pair)
            if last < first:
                raise self.fail(key, f"has a term that ends before it starts ({pair!r})")
            out.append((first, last))
        return tuple(out)

    def day(self, key: str, value: object) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(key, f'has {value!r}, which is not a date like "2025-09-03"') \
                from None

    def rules(self, table: dict[str, Any]) -> dict[str, RuleSettings]:
        for rule_id in table:
            if rule_id not in RULES_BY_ID:
                raise self.fail(f"rules.{rule_id}", "is not a rule (rules are A1-A7, B1-B6, "
                                "C1-C9, D1-D4)")
        out = {}
        for rule in RULES:
            settings = table.get(rule.id, {})
            if not isinstance(settings, dict):
                raise self.fail(f"rules.{rule.id}", "must be a table")
            self.known(settings, f"rules.{rule.id}")
            out[rule.id] = self.rule_settings(rule.id, settings)
        return out

    def rule_settings(self, rule_id: str, settings: dict[str, Any]) -> RuleSettings:
        rule = RULES_BY_ID[rule_id]
        enabled = settings.get("enabled", True)
        if not isinstance(enabled, bool):
            raise self.fail(f"rules.{rule_id}.enabled", "must be true or false")
        severity = rule.severity
        if "severity" in settings:
            text = str(settings["severity"])
            try:
                severity = Severity.parse(text)
            except KeyError:
                raise self.fail(f"rules.{rule_id}.severity", f"is {text!r}: use critical, "
                                "high, medium or advice") from None
        clause = self.text(settings, f"rules.{rule_id}.clause")
        advice = self.text(settings, f"rules.{rule_id}.advice") or rule.advice
        return RuleSettings(enabled, severity, clause, advice)
