"""The README's examples work on a fresh install: every group they use is defined where they say."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from crawler.outlets.registry import Registry

README = Path(__file__).resolve().parents[2] / "README.md"


def _config_examples() -> list[dict[str, object]]:
    text = README.read_text(encoding="utf-8")
    return [tomllib.loads(block) for block in re.findall(r"```toml\n(.*?)```", text, re.S)]


def test_every_group_the_readme_uses_is_defined_in_its_config_example() -> None:
    used = set(re.findall(r"--group (?!G\b)([\w-]+)", README.read_text(encoding="utf-8")))
    defined: dict[str, list[str]] = {}
    for config in _config_examples():
        defined.update(config.get("groups", {}))  # type: ignore[arg-type]
    assert used, "the README shows --group somewhere"
    assert used <= set(defined), f"groups used but not defined in a README config example: {used - set(defined)}"
    registry = Registry.builtin()
    for name in used:
        for outlet in defined[name]:
            registry.get(outlet)  # a KeyError names an outlet the README made up
