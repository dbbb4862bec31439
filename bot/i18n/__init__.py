"""User-facing texts in Russian and English (Fluent files in bot/i18n/locales), HTML-safe.

The texts are shared by every presentation: the Telegram views, the annual report documents
and the chart, the command line."""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

from bot.domain.people import DEFAULT_LOCALE, LOCALES, pick_locale

__all__ = ["DEFAULT_LOCALE", "LOCALES", "Html", "Texts", "Translator", "pick_locale"]

# Formatted texts kept for reuse. Fluent resolves a pattern in Python, about 30-80 µs a
# text, and most texts come again with the same arguments: the lines of a department's
# items, status names, history entries. In bench/updates.py 85% of formats were repeats.
FORMATTED_KEPT = 4096


class Html(str):
    """Text that is already HTML (built from escaped parts); passed to a message unescaped."""


class Translator:
    """Formats messages; string arguments are HTML-escaped unless wrapped in Html."""

    def __init__(self) -> None:
        self.bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, set[str]] = {}
        self._formatted = lru_cache(maxsize=FORMATTED_KEPT)(self._format_once)
        for locale in LOCALES:
            source = resources.files("bot.i18n.locales").joinpath(f"{locale}.ftl")
            resource = FluentResource(source.read_text("utf-8"))  # the parsed file
            bundle = FluentBundle([locale], use_isolating=False)
            bundle.add_resource(resource)
            self.bundles[locale] = bundle
            self._keys[locale] = {
                entry.id.name for entry in resource.body if isinstance(entry, ast.Message)
            }

    def has(self, locale: str, key: str) -> bool:
        return self.bundles[locale].has_message(key)

    def keys(self, locale: str) -> set[str]:
        return set(self._keys[locale])

    def get(self, locale: str, key: str, **args: Any) -> str:
        # Fluent takes only strings, numbers and dates, all of them hashable; the type is part
        # of the key, since 2 and 2.0 are equal but need not format alike
        kept = tuple((name, type(value), value) for name, value in _escape(args).items())
        return self._formatted(locale, key, kept)

    def _format_once(self, locale: str, key: str, kept: tuple[tuple[str, type, Any], ...]) -> str:
        return self._format(locale, key, {name: value for name, _, value in kept})

    def _format(self, locale: str, key: str, escaped: Mapping[str, Any]) -> str:
        bundle = self.bundles.get(locale) or self.bundles[DEFAULT_LOCALE]
        if not bundle.has_message(key):
            bundle = self.bundles[DEFAULT_LOCALE]
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(f"no text {key!r} in locale {locale!r}")
        text, errors = bundle.format_pattern(message.value, dict(escaped))
        if errors:
            raise ValueError(f"text {key!r} ({locale}): {errors}")
        return str(text)

    def for_locale(self, locale: str) -> Texts:
        return Texts(self, locale)

    def for_user(self, language: str | None, telegram_language: str | None) -> Texts:
        """Texts for someone other than the sender: their chosen or Telegram language."""
        return Texts(self, pick_locale(language, telegram_language))


class Texts:
    """The translator bound to one user's locale: `t("start-greeting", name=...)`."""

    __slots__ = ("locale", "translator")

    def __init__(self, translator: Translator, locale: str) -> None:
        self.translator = translator
        self.locale = locale

    def __call__(self, key: str, **args: Any) -> str:
        return self.translator.get(self.locale, key, **args)


def _escape(args: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: value
        if isinstance(value, Html) or not isinstance(value, str)
        else html.escape(value, quote=False)
        for name, value in args.items()
    }
