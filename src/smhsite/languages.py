"""Which languages the site has: the list of the i18n plugin in mkdocs.yml, read as plain YAML.

Everything else (folders under docs/, labels in data/, templates) follows this list, so a site in
English and Welsh, or in three languages, needs no change to the code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from smhsite.packaged import C_LOADER
from smhsite.problems import Problem

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Languages:
    codes: tuple[str, ...]  # the default language first
    names: Mapping[str, str]  # each language's name in itself: "English", "Français"

    @property
    def default(self) -> str:
        return self.codes[0]

    def prefix(self, code: str) -> str:
        """Where a language's pages live under the site root: "" or "fr/"."""
        return "" if code == self.default else f"{code}/"

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def __iter__(self) -> Any:
        return iter(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes


def from_entries(entries: Iterable[Mapping[str, Any]]) -> Languages:
    """Languages from the plugin's entries ({locale, name, default, build}), default first."""
    built = [e for e in entries if e.get("build", True) and e.get("locale")]
    built.sort(key=lambda e: not e.get("default", False))
    return Languages(tuple(str(e["locale"]) for e in built),
                     {str(e["locale"]): str(e.get("name") or e["locale"]) for e in built})


class _ConfigLoader(C_LOADER):
    """mkdocs.yml as data: !ENV [NAME, default] reads the environment as MkDocs does; other
    tags give their plain value."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        if suffix == "ENV" and items:
            return next((os.environ[name] for name in items[:-1] if name in os.environ),
                        items[-1] if len(items) > 1 else None)
        return items[-1] if items else None
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("!", _untagged)


def _config(root: Path) -> dict[str, Any] | None:
    try:
        config = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"),
                           Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return None
    return config if isinstance(config, dict) else None


def site_url_problem(site_url: str | None) -> Problem | None:
    """The public address must be complete: language links, alternates and the sitemap are
    built from it (an unset deployment variable would publish "None./")."""
    parts = urlsplit(site_url or "")
    if parts.scheme in {"http", "https"} and parts.hostname and " " not in (site_url or ""):
        return None
    return Problem("mkdocs.yml", None, "bad-site-url", {"received": site_url or ""})


def load_config(root: Path) -> tuple[Languages | None, str, list[Problem]]:
    """What the checks need of the mkdocs.yml in `root`, read once: its languages and the
    site's address."""
    config = _config(root)
    if config is None:
        return None, "", [Problem(CONFIG_FILE, None, "config-unreadable")]
    site_url = str(config.get("site_url") or "")
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = from_entries(plugin["i18n"].get("languages") or [])
            if languages.codes:
                return languages, site_url, []
    return None, site_url, [Problem(CONFIG_FILE, None, "config-no-languages")]


def load_languages(root: Path) -> tuple[Languages | None, list[Problem]]:
    """The languages of the site whose mkdocs.yml is in `root`."""
    languages, _, problems = load_config(root)
    return languages, problems
