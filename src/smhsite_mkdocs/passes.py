"""Where a multilingual build stands, as mkdocs-static-i18n tells it.

static-i18n runs the whole build once per language on one config object: the plugin uses these
to know the language of the current pass and whether it is the outer pass (the one that runs
first and ends last, after every language is on disk). This is all we rely on from static-i18n
besides its file layout; `tests/test_i18n_contract.py` pins it.
"""

from __future__ import annotations

from typing import Any

from smhsite.languages import Languages, from_entries


def _i18n(config: Any) -> Any:
    return config.plugins.get("i18n")


def languages_of(config: Any) -> Languages | None:
    i18n = _i18n(config)
    if i18n is None:
        return None
    return from_entries({"locale": entry.locale, "name": entry.name, "default": entry.default,
                         "build": entry.build} for entry in i18n.config.languages)


def current_language(config: Any, languages: Languages) -> str:
    language = getattr(_i18n(config), "current_language", None)
    return str(language or languages.default)


def outer_pass(config: Any) -> bool:
    """True in the first language's pass (and after the others, in its on_post_build)."""
    i18n = _i18n(config)
    return i18n is None or not i18n.building
