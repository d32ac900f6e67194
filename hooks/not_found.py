"""MkDocs adapter: one bilingual 404 page at the site root.

static-i18n renders the theme's 404.html once per language into the same file, so whichever
language is built last wins. Hosts serve that one file for every missing address, French or
English, so we render it once, from the default-language pass, with both languages in it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from smhsite import DEFAULT_LANGUAGE
from smhsite.passes import current_language

NOT_FOUND = "404.html"


@event_priority(-150)  # after static-i18n has set the language of this pass
def on_config(config: Any) -> Any:
    language = current_language(config)
    templates = config.theme.static_templates
    if language == DEFAULT_LANGUAGE:
        templates.add(NOT_FOUND)
    else:
        templates.discard(NOT_FOUND)
    return config
