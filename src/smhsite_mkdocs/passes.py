"""Where a multilingual build stands, as mkdocs-static-i18n tells it.

static-i18n runs the whole build once per language on one config object: the plugin uses these
to know the language of the current pass and whether it is the outer pass (the one that runs
first and ends last, after every language is on disk). This is all we rely on from static-i18n
besides its file layout; `tests/test_parallel_build.py` and the build tests pin it.
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


def built_languages(config: Any) -> list[str]:
    """The languages static-i18n builds, the current (first) one first."""
    i18n = _i18n(config)
    if i18n is None:
        return []
    first = str(i18n.current_language or i18n.default_language)
    return [first, *[code for code in i18n.build_languages if code != first]]


def become_pass_of(config: Any, lang: str) -> None:
    """In a forked process: from here on, this process builds `lang`'s pass, as static-i18n's
    own loop would (building, so that it starts no further passes)."""
    i18n = _i18n(config)
    i18n.current_language = lang
    i18n.building = True


def other_languages_done(config: Any, done: bool) -> None:
    """static-i18n starts the other languages' passes when the first ends unless it believes it
    is inside one: while their pages come from forked processes, let it believe so."""
    _i18n(config).building = done
