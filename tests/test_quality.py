"""The project's own promises about itself: typed, linted, every command documented."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_ruff_is_clean() -> None:
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                children = _commands(sub, full)
                found.extend(children or [full])
    return found


def test_every_command_has_help_and_a_readme_example(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert {"demo", "inspect", "scan", "policy init", "policy check", "roster seal"} <= set(
        commands)
    for command in commands:
        with pytest.raises(SystemExit) as done:
            main([*command.split(), "--help"])
        assert done.value.code == 0
        assert capsys.readouterr().out.startswith("usage: riskscan")
        example = re.compile(rf"^riskscan {re.escape(command)}\b", re.MULTILINE)
        assert example.search(readme), f"README has no example of `riskscan {command}`"


def test_readme_two_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme)
    demo, tests = blocks[0], blocks[1]
    assert demo.endswith("riskscan demo") and "pip install -e ." in demo
    assert tests.endswith(".venv/bin/pytest")
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
