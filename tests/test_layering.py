"""The direction of imports, which a newcomer reads from the folder names:

    model <- readers and detectors, storage <- pipeline <- application layer <- faces (CLI, web)

Each module belongs to one layer and imports only from its own layer or those below it; storage
depends on the model alone, and the faces reach storage, readers and detectors only through the
application layer. Imports the type checker alone sees (under `if TYPE_CHECKING:`) load nothing
at run time and are not counted; imports inside functions are.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scanner", "detectors", "storage", "fixtures")

MODEL, READERS, STORAGE, PIPELINE, APP, FACES = (
    "model", "readers and detectors", "storage", "pipeline", "application layer", "faces")
RANK = {MODEL: 0, READERS: 1, STORAGE: 1, PIPELINE: 2, APP: 3, FACES: 4}

# Longest prefix wins. A new module that matches none fails the test below: add it here.
LAYER_OF = {
    "scanner.model": MODEL, "scanner.errors": MODEL, "scanner.decisions": MODEL,
    "scanner.history": MODEL, "scanner.redact": MODEL,
    "scanner.files": MODEL,  # writing owner-only files: the standard library only
    "scanner.rules": READERS, "scanner.policy": READERS,
    "scanner.sources": READERS, "scanner.media": READERS, "scanner.jpeg_exif": READERS,
    "scanner.nlp": READERS, "scanner.name_corpus": READERS, "scanner.net": READERS,
    "scanner.name_rules": READERS, "scanner.train_names": READERS,  # the name model and its rules
    "scanner.name_swaps": READERS,
    "detectors": READERS,
    "storage": STORAGE,
    "scanner.pipeline": PIPELINE, "scanner.checklist": PIPELINE, "scanner.inventory": PIPELINE,
    "scanner.report": PIPELINE,
    "scanner.app": APP, "scanner.rescans": APP,
    "scanner.cli": FACES, "scanner.commands": FACES, "scanner.web": FACES,
}
# What a layer may never import, beyond the rule that imports point down.
FORBIDDEN = {
    STORAGE: {READERS, PIPELINE},  # storage depends on the model alone
    READERS: {STORAGE},
    FACES: {STORAGE, READERS},  # the faces go through the application layer
}
FIXTURES_USERS = {APP}  # the demo's fictional exports are made by the application layer only


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str | None:
    if module == "scanner":
        return MODEL  # the package itself holds only the version
    for prefix in sorted(LAYER_OF, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYER_OF[prefix]
    return None


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(tree: ast.AST) -> list[str]:
    """The project modules a module imports at run time (TYPE_CHECKING blocks left out)."""
    found: list[str] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if _type_checking_only(node):
            assert isinstance(node, ast.If)
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        todo.extend(ast.iter_child_nodes(node))
    return [name for name in found if name.split(".")[0] in PACKAGES]


def project_modules() -> dict[str, list[str]]:
    modules = {}
    for package in PACKAGES[:3]:
        for path in sorted((ROOT / package).rglob("*.py")):
            modules[module_name(path)] = imports_of(ast.parse(path.read_text(encoding="utf-8")))
    return modules


def violations(modules: dict[str, list[str]]) -> list[str]:
    wrong = []
    for module, imported in modules.items():
        mine = layer_of(module)
        if mine is None:
            wrong.append(f"{module} belongs to no layer: add it to LAYER_OF")
            continue
        for target in imported:
            if target.split(".")[0] == "fixtures":
                if mine not in FIXTURES_USERS:
                    wrong.append(f"{module} ({mine}) imports the test fixtures {target}")
                continue
            theirs = layer_of(target)
            if theirs is None:
                wrong.append(f"{module} imports {target}, which belongs to no layer")
            elif RANK[theirs] > RANK[mine] or theirs in FORBIDDEN.get(mine, set()):
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    return wrong


def test_every_import_points_down_the_layers() -> None:
    assert violations(project_modules()) == []


def test_storage_depends_on_the_model_alone() -> None:
    for module, imported in project_modules().items():
        if layer_of(module) == STORAGE:
            assert {layer_of(t) for t in imported} <= {MODEL, STORAGE}, module


@pytest.mark.parametrize(("module", "source", "complaint"), [
    ("storage.reports", "from scanner.pipeline import ScanResult", "(pipeline)"),
    ("storage.reports", "from detectors.text.excerpt import initials", "(readers and detectors)"),
    ("scanner.model", "def f():\n    from scanner.app.scan import scan_exports",
     "(application layer)"),
    ("scanner.commands.scan", "from storage.store import open_store", "(storage)"),
    ("scanner.web.pages", "import detectors.roster.match", "(readers and detectors)"),
    ("scanner.pipeline", "from fixtures.school import TODAY", "test fixtures"),
    ("scanner.brand_new", "import json", "belongs to no layer"),
])
def test_a_wrong_import_is_caught(module: str, source: str, complaint: str) -> None:
    [problem] = violations({module: imports_of(ast.parse(source))})
    assert complaint in problem


def test_imports_seen_only_by_the_type_checker_are_not_counted() -> None:
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
              "    from scanner.pipeline import ScanResult\nelse:\n    import scanner.app\n")
    assert imports_of(ast.parse(source)) == ["scanner.app"]
