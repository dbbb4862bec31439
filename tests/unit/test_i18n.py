"""Every text exists in Russian and English, and every key the code asks for exists."""

from __future__ import annotations

import re

from bot.domain.statuses import Status
from bot.i18n import Translator, pick_locale
from bot.telegram.commands import ADMIN_COMMANDS, COMMANDS
from tests.conftest import ROOT

_KEY = re.compile(
    r"""\bt\(\s*["']([a-z0-9_-]+)["']|user_t\(\s*["']([a-z0-9_-]+)["']"""
    r"""|member_t\(\s*["']([a-z0-9_-]+)["']|translator\.get\([^,()]+,\s*["']([a-z0-9_-]+)["']"""
)


def test_both_languages_have_the_same_texts():
    translator = Translator()
    assert translator.keys("ru") == translator.keys("en")


def test_every_key_the_code_uses_exists():
    translator = Translator()
    used = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/*.py")]:
        for match in _KEY.finditer(path.read_text(encoding="utf-8")):
            used.add(next(group for group in match.groups() if group))
    used |= {f"status-{s.value}" for s in Status}
    used |= {key for _, key in COMMANDS + ADMIN_COMMANDS}
    used |= {f"menu-{a}" for a in ("items", "report", "subs", "settings", "help")}
    assert len(used) > 100
    missing = {key for key in used if not translator.has("ru", key)}
    assert not missing


def test_language_choice():
    assert pick_locale(None, None) == "ru"
    assert pick_locale(None, "en-GB") == "en"
    assert pick_locale(None, "de") == "ru"
    assert pick_locale("ru", "en") == "ru"


def test_a_text_formatted_again_is_the_same_and_its_arguments_still_count():
    translator = Translator()
    first = translator.get("ru", "requests-more", count=3)
    assert translator.get("ru", "requests-more", count=3) == first
    assert first == "…и ещё 3. Рассмотрите эти, затем снова /requests."
    assert translator.get("ru", "requests-more", count=4) != first
    assert translator.get("en", "requests-more", count=3) != first
    # a string is escaped whether or not it was formatted before
    assert "&lt;b&gt;" in translator.get("ru", "requests-more", count="<b>")
    assert "&lt;b&gt;" in translator.get("ru", "requests-more", count="<b>")


def test_the_text_files_parse_cleanly():
    """A broken entry (a variant list cut off, say) is Junk to Fluent, and silently missing."""
    from fluent.syntax import FluentParser, ast

    for locale in ("ru", "en"):
        path = ROOT / "bot" / "i18n" / "locales" / f"{locale}.ftl"
        body = FluentParser().parse(path.read_text(encoding="utf-8")).body
        assert [e.content[:60] for e in body if isinstance(e, ast.Junk)] == [], locale
