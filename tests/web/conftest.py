"""Fixtures most web tests share: a live server on a fresh store, and the demo's exports.
Modules that need a different server (a size limit, one server for the module) define their own
`live`, which takes precedence over this one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live import Live, live_server

from fixtures.generate import generate_demo


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Live]:
    with live_server(tmp_path, monkeypatch) as running:
        yield running


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The fictional teacher's exports, as a person would upload them (no roster, no logo)."""
    made = generate_demo(tmp_path_factory.mktemp("demo"))
    return [path for key, path in made.items() if key not in ("roster", "logo")]
