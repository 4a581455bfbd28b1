"""Dependencies tell the truth: every third-party module the product imports is declared in
pyproject.toml, and every declared dependency is imported somewhere."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("newsmon", "crawler", "storage", "scheduler", "samples")


def _imported_top_levels() -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "sites" in path.relative_to(ROOT).parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in PACKAGES}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_imports_and_declared_dependencies_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_normal(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]) for dep in project["dependencies"]}
    by_module = packages_distributions()
    imported = {
        module: {_normal(dist) for dist in by_module.get(module, [module])} for module in _imported_top_levels()
    }
    undeclared = sorted(module for module, dists in imported.items() if not dists & declared)
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
    used = set().union(*imported.values())
    unused = sorted(declared - used)
    assert not unused, f"declared in pyproject.toml but imported nowhere: {unused}"
