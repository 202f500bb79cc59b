"""The package layering holds: core never imports bot or scrapers (except the CLI, the one
composition root); scrapers import only the core's models; bot never imports scrapers."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOT = "claimwatch/cli/"  # the command-line package wires core, scrapers and bot


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _violations(package: str, allowed) -> list[str]:  # type: ignore[no-untyped-def]
    bad = []
    for path in _modules(package):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(COMPOSITION_ROOT):
            continue
        for name in sorted(_imports(path)):
            if not allowed(name):
                bad.append(f"{rel} imports {name}")
    return bad


def test_packages_exist() -> None:
    for pkg in ("claimwatch", "scrapers", "bot"):
        assert (ROOT / pkg / "__init__.py").is_file()
    assert len(_modules("claimwatch")) > 5


def test_core_never_imports_bot_or_scrapers() -> None:
    def ok(name: str) -> bool:
        top = name.split(".")[0]
        return top not in ("bot", "scrapers")

    assert _violations("claimwatch", ok) == []


def test_scrapers_import_only_core_models() -> None:
    def ok(name: str) -> bool:
        top = name.split(".")[0]
        if top == "bot":
            return False
        if top == "claimwatch":
            return name == "claimwatch" or name.startswith("claimwatch.models")
        return True

    assert _violations("scrapers", ok) == []


def test_bot_never_imports_scrapers() -> None:
    assert _violations("bot", lambda n: n.split(".")[0] != "scrapers") == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "m.py"
    bad.write_text("import scrapers.fetch\nfrom bot import app\n", encoding="utf-8")
    assert {"scrapers.fetch", "bot", "bot.app"} <= _imports(bad)
