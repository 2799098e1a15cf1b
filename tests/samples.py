"""Where the real samples live, and what a test does when they are not there.

Real exports and photos are never copied into the repository: the developers and CI keep them in
a `shared` folder beside the project (`../shared/real-samples/...` from the repository root). A
fresh clone has no such folder, so every test that reads one asks `need_sample` first: the test is
skipped and says why, unless RISKSCAN_REQUIRE_SAMPLES=1 (`.ci/run` sets it), when it fails
instead, so CI can never pass by quietly skipping the real-sample tests.

Test modules import it by name (`from samples import need_sample`): pytest puts tests/ on sys.path.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
REAL_SAMPLES = SHARED / "real-samples"
REQUIRE_SETTING = "RISKSCAN_REQUIRE_SAMPLES"


def missing_reason(path: Path) -> str:
    return (f"real sample not found: {path} (real samples sit in a 'shared' folder beside the "
            f"project, which a fresh clone does not have; set {REQUIRE_SETTING}=1 to make this "
            "a failure)")


def need_sample(path: Path) -> Path:
    """`path` if it exists; else skip the calling test, or fail it when samples are required."""
    if path.exists():
        return path
    reason = missing_reason(path)
    if os.environ.get(REQUIRE_SETTING) == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def sample_cases(cases: Sequence[Any], source: Path) -> list[Any]:
    """Parameters found in the real samples at collection time, or, where there are none, the
    `source` folder or file they come from as the one case: the test still runs, calls
    `need_sample(source)` and says why it skips (pytest would otherwise skip an empty list with
    no useful reason, and even in CI)."""
    return list(cases) or [pytest.param(source, id="real-samples-absent")]
