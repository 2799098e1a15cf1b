"""Real-sample tests skip on a fresh clone and fail in CI: the mechanism (tests/samples.py) run
for real in a child pytest on a tiny test file, and a check that every test reaches the samples
through it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from samples import REQUIRE_SETTING, need_sample, sample_cases

TESTS = Path(__file__).resolve().parent

CHILD_TEST = """
from pathlib import Path

from samples import need_sample


def test_reads_a_sample() -> None:
    need_sample(Path(__file__).parent / "shared" / "real-samples" / "absent.zip")
"""


def _child_pytest(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_child.py").write_text(CHILD_TEST, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != REQUIRE_SETTING}
    if require is not None:
        env[REQUIRE_SETTING] = require
    env["PYTHONPATH"] = str(TESTS)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rsf", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(tmp_path), str(tmp_path / "test_child.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=120)


def test_a_missing_sample_skips_with_the_reason(tmp_path: Path) -> None:
    result = _child_pytest(tmp_path, None)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout and "failed" not in result.stdout
    assert "real sample not found" in result.stdout and "absent.zip" in result.stdout


@pytest.mark.parametrize("require", ["0", ""])
def test_only_the_value_1_requires_samples(tmp_path: Path, require: str) -> None:
    result = _child_pytest(tmp_path, require)
    assert result.returncode == 0 and "1 skipped" in result.stdout, result.stdout


def test_a_missing_sample_fails_when_samples_are_required(tmp_path: Path) -> None:
    result = _child_pytest(tmp_path, "1")
    assert result.returncode == 1, result.stdout
    assert "1 failed" in result.stdout and "skipped" not in result.stdout
    assert "real sample not found" in result.stdout and "absent.zip" in result.stdout


def test_a_present_sample_is_returned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_SETTING, "1")
    assert need_sample(tmp_path) == tmp_path
    with pytest.raises(pytest.fail.Exception, match=REQUIRE_SETTING):
        need_sample(tmp_path / "absent")
    monkeypatch.delenv(REQUIRE_SETTING)
    with pytest.raises(pytest.skip.Exception, match="real sample not found"):
        need_sample(tmp_path / "absent")


def test_cases_from_absent_samples_leave_one_case_that_says_why(tmp_path: Path) -> None:
    found = [tmp_path / "a", tmp_path / "b"]
    assert sample_cases(found, tmp_path) == found
    (placeholder,) = sample_cases([], tmp_path / "absent")
    assert placeholder.values == (tmp_path / "absent",)
    assert placeholder.id == "real-samples-absent"


# The ways a test module could name the samples folder itself, bypassing need_sample.
DIRECT = re.compile(r"""/\s*["'](?:shared["'/]|real-samples)|["'](?:\.\./)?shared/""")


def test_every_test_reaches_the_samples_through_the_helper() -> None:
    assert DIRECT.search('ROOT.parent / "shared" / "real-samples"')  # the forms it once took
    assert DIRECT.search('ROOT.parent / "shared/real-samples/images/truth.csv"')
    assert DIRECT.search('Path("../shared/real-samples")')
    bypassing = [str(path.relative_to(TESTS)) for path in sorted(TESTS.rglob("*.py"))
                 if path.name not in ("samples.py", "test_samples.py")
                 and DIRECT.search(path.read_text(encoding="utf-8"))]
    assert bypassing == []
