"""MkDocs adapter: crisis lines for the templates, and a check of every built page afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from smhsite import LANGUAGES
from smhsite.crisis import CrisisLines, load_crisis_lines
from smhsite.crisis_audit import audit_site
from smhsite.passes import current_language, outer_pass
from smhsite.problems import Problem

_loaded: dict[str, CrisisLines | None] = {"lines": None}


def on_env(env: Any, config: Any, files: Any) -> Any:
    crisis, _ = load_crisis_lines(Path(config.config_file_path).parent, dt.date.today())
    _loaded["lines"] = crisis
    views = {code: crisis.views(code) for code in LANGUAGES} if crisis else {}
    env.globals["smh_crisis"] = views.get(current_language(config), [])
    env.globals["smh_crisis_all"] = views
    return env


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(config: Any) -> None:
    if not outer_pass(config):
        return
    crisis = _loaded["lines"]
    if crisis is None:
        return
    failures = audit_site(Path(config.site_dir), crisis)
    if failures:
        pages = ", ".join(f"{page} (missing {', '.join(items)})"
                          for page, items in list(failures.items())[:10])
        raise PluginError(str(Problem("", None, "crisis-block-missing",
                                      {"count": len(failures), "pages": pages})))
