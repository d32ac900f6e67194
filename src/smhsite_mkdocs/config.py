"""The plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SmhSiteConfig(Config):  # type: ignore[no-untyped-call]
    # Build the search index: on or off; left empty, `mkdocs build` builds it and the preview
    # skips it, where it would slow every rebuild.
    search = c.Optional(c.Type(bool))
    # Build each language in its own process, side by side (on, the default where the system
    # can fork), or one after the other (off).
    parallel = c.Optional(c.Type(bool))
