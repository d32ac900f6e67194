"""Where a multilingual build stands, read from the MkDocs config without importing MkDocs.

mkdocs-static-i18n runs the whole build once per language on one config object: hooks use these
to know the language of the current pass, and whether it is the outer pass (the one that runs
first and ends last, after every language is on disk).
"""

from __future__ import annotations

import os
from typing import Any

from smhsite import DEFAULT_LANGUAGE


def _i18n(config: Any) -> Any:
    return config.plugins.get("i18n")


def current_language(config: Any) -> str:
    language = getattr(_i18n(config), "current_language", None) or config.theme.get("language")
    return str(language or DEFAULT_LANGUAGE)


def outer_pass(config: Any) -> bool:
    """True in the first language's pass (and after the others, in its on_post_build)."""
    i18n = _i18n(config)
    return i18n is None or not i18n.building


# `mkdocs serve` loads the config, and so the hook modules, afresh for every rebuild, but tells
# only the first load which command is running: keep it where every later load can read it.
_COMMAND_VARIABLE = "SMHSITE_MKDOCS_COMMAND"


def remember_command(command: str) -> None:
    os.environ[_COMMAND_VARIABLE] = command


def running_command() -> str:
    """"build", "serve" or "gh-deploy"; "build" when MkDocs is driven from Python."""
    return os.environ.get(_COMMAND_VARIABLE, "build")
