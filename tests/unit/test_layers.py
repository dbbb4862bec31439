"""The architecture holds: each layer depends only downward, handlers stay thin."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

HANDLER_LINES = 30  # a handler parses, calls one use case, answers with a view


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def offending(folder: str, forbidden: tuple[str, ...]) -> dict[str, set[str]]:
    bad = {}
    for path in modules(folder):
        hits = {m for m in imports(path) if m.split(".")[0] in forbidden or m.startswith(forbidden)}
        if hits:
            bad[str(path.relative_to(ROOT))] = hits
    return bad


def test_the_domain_is_plain_python():
    forbidden = (
        "aiogram",
        "aiohttp",
        "sqlite3",
        "aiosqlite",
        "storage",
        "handlers",
        "bot.services",
        "bot.telegram",
        "bot.documents",
        "bot.i18n",
        "bot.composition",
    )
    assert offending("bot/domain", forbidden) == {}


def test_the_use_cases_know_no_telegram_and_no_sqlite():
    forbidden = (
        "aiogram",
        "aiohttp",
        "sqlite3",
        "aiosqlite",
        "storage",
        "handlers",
        "bot.telegram",
        "bot.composition",
    )
    assert offending("bot/services", forbidden) == {}


def test_sql_lives_in_storage_only():
    sql = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b")
    for folder in ("bot", "handlers"):
        assert offending(folder, ("sqlite3", "aiosqlite")) == {}
        for path in modules(folder):
            assert not sql.search(path.read_text(encoding="utf-8")), path


def test_handlers_reach_storage_only_through_use_cases():
    assert offending("handlers", ("storage", "bot.composition")) == {}
    for path in modules("handlers"):
        assert not re.search(r"\brepo\b", path.read_text(encoding="utf-8")), path


def test_handlers_are_short_and_routers_are_built_by_factories():
    for path in modules("handlers"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                assert length <= HANDLER_LINES, f"{path.name}:{node.name} has {length} lines"
            # a module-level router joins one dispatcher for good; each is built anew
            if isinstance(node, ast.Assign | ast.AnnAssign):
                value = node.value
                assert not (
                    isinstance(value, ast.Call) and getattr(value.func, "id", "") == "Router"
                ), f"{path.name} builds a router at import"
