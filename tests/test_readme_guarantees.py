"""The README's guarantees name tests that exist: a promise whose proof was renamed or deleted fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _guarantees_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Guarantees")
    end = readme.index("\n## ", start + 1)
    return readme[start:end]


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)}


def test_every_guarantee_names_a_test_file_and_tests_that_exist() -> None:
    section = _guarantees_section()
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`tests/" in line]
    assert len(rows) >= 8, section
    for row in rows:
        for reference in re.findall(r"`(tests/[^`]+)`", row):
            file, _, name = reference.partition("::")
            path = ROOT / file
            assert path.is_file(), f"{file} named in the README's guarantees does not exist"
            names = _test_names(path)
            if name:
                assert name in names, f"{reference} named in the README's guarantees does not exist"
            for fragment in re.findall(r"`\.\.\.(\w+)`", row):
                assert any(test.endswith(fragment) for test in names), f"no test in {file} ends with {fragment}"
