"""`kembang/policy` imports nothing outside the standard library (STYLE.md review checklist)."""

import ast
import sys
from pathlib import Path

POLICY = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside the package
                yield node.lineno, "kembang.policy"
            else:
                yield node.lineno, node.module or ""


def _allowed(module: str) -> bool:
    top = module.split(".")[0]
    return (
        top in sys.stdlib_module_names
        or module == "kembang.policy"
        or module.startswith("kembang.policy.")
    )


def test_policy_modules_import_only_the_standard_library_and_policy_itself():
    sources = [p for p in POLICY.rglob("*.py") if "tests" not in p.relative_to(POLICY).parts]
    assert sources, "no policy modules found"
    offenders = [
        f"{path.relative_to(POLICY.parent.parent)}:{line} imports {module}"
        for path in sources
        for line, module in _imports(path)
        if not _allowed(module)
    ]
    assert offenders == []


def test_the_checker_catches_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport kembang.learning\n")
    assert [m for _, m in _imports(bad) if not _allowed(m)] == ["django.db", "kembang.learning"]
