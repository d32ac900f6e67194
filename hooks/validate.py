"""MkDocs adapter: run `smhsite check` before anything is built, and never leave a broken site.

Thin by design: the rules live in smhsite.check.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from smhsite.check import check_site
from smhsite.passes import outer_pass, remember_command, running_command
from smhsite.problems import Problem, errors, render_text, sort_key, warnings

log = logging.getLogger("mkdocs.hooks.validate")


def on_startup(command: str, dirty: bool) -> None:
    remember_command(command)


@event_priority(100)  # before static-i18n (-100) drops or falls back on missing translations
def on_files(files: Any, config: Any) -> Any:
    if not outer_pass(config):  # static-i18n builds once per language: check once
        return files
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir).relative_to(root).as_posix()
    result = check_site(root, docs_dir=docs_dir)
    for problem in sorted(warnings(result.problems), key=sort_key):
        log.warning(str(problem))
    found = errors(result.problems)
    if found:
        raise PluginError(render_text(found) + "\n" + summary(len(found)))
    return files


def summary(count: int) -> str:
    return str(Problem("", None, "check-failed", {"count": count}))


def on_build_error(error: Exception) -> None:
    """A failed `mkdocs build` leaves no site behind, so nothing half-right can be deployed."""
    if running_command() in {"build", "gh-deploy"} and _site_dir["path"]:
        shutil.rmtree(_site_dir["path"], ignore_errors=True)


_site_dir: dict[str, str | None] = {"path": None}


def on_config(config: Any) -> Any:
    _site_dir["path"] = config.site_dir
    return config
