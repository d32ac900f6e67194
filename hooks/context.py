"""MkDocs adapter: give templates the data they show (interface text, labels, dates, alternates).

Templates get plain dictionaries; every visible word comes from data/ui.yml or data/taxonomy.yml.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from smhsite import DEFAULT_LANGUAGE, LANGUAGES
from smhsite.data import load_taxonomy, load_ui
from smhsite.external_links import mark_external_links
from smhsite.html_policy import sanitise
from smhsite.markdown_scan import word_count
from smhsite.passes import current_language
from smhsite.present import format_date, format_number, format_size, reading_minutes


def on_env(env: Any, config: Any, files: Any) -> Any:
    # Every value printed by any template, ours and the theme's, is escaped unless it is
    # marked as HTML (Markup): page content after sanitising, and the theme's own fragments.
    env.autoescape = True
    root = Path(config.config_file_path).parent
    lang = current_language(config)
    ui, _ = load_ui(root)
    taxonomy, _ = load_taxonomy(root)
    # Problems in these files were already reported by the validate hook.
    env.globals["smh_lang"] = lang
    env.globals["smh_prefix"] = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    env.globals["smh_ui"] = ui.for_language(lang) if ui else {}
    env.globals["smh_ui_all"] = {code: ui.for_language(code) for code in LANGUAGES} if ui else {}
    env.globals["smh_labels"] = taxonomy.labels(lang) if taxonomy else {}
    strings = env.globals["smh_ui"]
    _strings_of_this_pass.clear()
    _strings_of_this_pass.update(strings)
    env.filters["smh_size"] = lambda size: format_size(size, strings)
    env.filters["smh_number"] = lambda number: format_number(number, strings)
    env.filters["smh_without_theme_alternates"] = without_theme_alternates
    return env


# The page hooks below get the template context, which does not carry the environment's globals.
_strings_of_this_pass: dict[str, str] = {}

_THEME_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def without_theme_alternates(head: str) -> Markup:
    """The theme's relative hreflang links, removed: main.html writes absolute ones."""
    return Markup(_THEME_ALTERNATE.sub("", str(head)))


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The rendered Markdown, cleaned to the HTML policy (second line behind the check)."""
    return sanitise(html)


def _mark_safe(page: Any, ui: dict[str, str], site_url: str) -> None:
    """Page content and table-of-contents titles are the only HTML that templates print as
    such: both come from the sanitised Markdown. Everything else is escaped."""
    host = urlsplit(site_url).hostname or ""
    page.content = Markup(mark_external_links(page.content or "", host,
                                              ui.get("external_link_hint", "")))
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        item.title = Markup(item.title)
        stack.extend(item.children)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    lang = current_language(config)
    ui = _strings_of_this_pass
    _mark_safe(page, ui, str(config.site_url or ""))
    meta = page.meta
    page_type = meta.get("type")
    info: dict[str, Any] = {"type": page_type, "alternates": _alternates(page, config)}
    for key in ("last_reviewed", "next_review"):
        if key in meta and ui:
            info[key] = format_date(meta[key], ui)
            info[key + "_iso"] = meta[key].isoformat()
    if page_type == "topic":
        info["reading_minutes"] = reading_minutes(word_count(page.markdown or ""))
    info["content_warning"] = meta.get("content_warning")
    info["quick_exit"] = bool(meta.get("quick_exit"))
    info["lang"] = lang
    context["smh_page"] = info
    return context


def _alternates(page: Any, config: Any) -> list[dict[str, str]]:
    """Absolute URLs of this page in every language, for <link rel="alternate" hreflang>."""
    site_url = str(config.site_url or "/")
    alternates = getattr(page.file, "alternates", {}) or {}
    result = []
    for code in LANGUAGES:
        file = alternates.get(code)
        if file is not None:
            url = "" if file.url in ("./", ".") else file.url
            result.append({"lang": code, "href": site_url + url})
    default = next((a for a in result if a["lang"] == DEFAULT_LANGUAGE), None)
    if default:
        result.append({"lang": "x-default", "href": default["href"]})
    return result


